/* The HTTP server: libmicrohttpd with an internal epoll thread pool, fixed request phases
 * (limits, route, content type, JSON, If-Match) before any handler, problem+json errors, the
 * embedded web UI, and a JSON-lines access log. */
#ifndef SP_HTTP_SERVER_H
#define SP_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct sp_keys;

struct http_config {
    const char *db_path;
    const char *db_read_path;   /* a replica for staleness-tolerant reads (--db-read); NULL: none */
    const struct sp_keys *keys; /* borrowed for the server's life */
    const char *host;           /* numeric IPv4 or IPv6 address */
    uint16_t port;
    unsigned threads;            /* worker threads; 0: one per core */
    size_t body_limit;           /* bytes; 0: 1 MiB */
    unsigned drain_timeout_s;    /* how long a stop waits for in-flight requests */
    unsigned connections_per_ip; /* open connections one client address may hold; 0: no limit */
    unsigned idle_timeout_s;     /* a connection silent this long is closed; 0: 20 s */
};

/* The command line's default for connections_per_ip: above a browser's six per host and a load
 * test's 64, below what one client would need to take every connection. */
#define HTTP_DEFAULT_CONNECTIONS_PER_IP 256

/* Serve until SIGINT or SIGTERM, then stop accepting, let in-flight requests finish (up to
 * drain_timeout_s), stop the workers and close every database connection. Returns SP_OK after a
 * clean stop; an error (with *err) if the server cannot start. Blocks those two signals in the
 * calling thread and its workers. */
enum sp_code http_serve(const struct http_config *cfg, struct sp_err *err);

#endif
