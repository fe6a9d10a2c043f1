/* Logging to stderr. Two kinds of line: JSON access-log lines written by http/, and plain
 * operational lines from sp_log(). Neither ever carries a personal value (identifier, name,
 * note) or a query string: callers pass only codes, counts and causes such as sqlite3_errmsg(). */
#ifndef SP_BASE_LOG_H
#define SP_BASE_LOG_H

#include <stddef.h>
#include <stdint.h>

enum sp_log_level {
    SP_LOG_INFO,
    SP_LOG_WARN,
    SP_LOG_ERROR,
};

/* One JSON line {"time","level","msg"} on stderr, written atomically (one write call). */
void sp_log(enum sp_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write one already-formatted line (adds the newline) atomically. */
void sp_log_line(const char *line, size_t len);

/* Access-log lines, buffered per thread: one write() per request was a tenth of the server's
 * CPU on /healthz (docs/benchmarks.md). A line waits at most SP_LOG_FLUSH_MS: sp_log_access()
 * flushes its thread's buffer when full or older than that, and sp_log_flush_all(), called by
 * the server's flusher every SP_LOG_FLUSH_MS and at shutdown, flushes every buffer. Lines are
 * never split or interleaved. */
#define SP_LOG_FLUSH_MS 200
void sp_log_access(const char *line, size_t len);
void sp_log_flush_all(void);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ" into buf (at least 25 bytes). */
void sp_log_timestamp(char buf[32]);

/* Microseconds from a monotonic clock. */
int64_t sp_monotonic_us(void);

#endif
