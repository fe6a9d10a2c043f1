#include "base/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"

void sp_log_timestamp(char buf[32])
{
    struct timespec ts;
    struct tm tm;

    size_t len;

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    len = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + len, 32 - len, ".%03ldZ", ts.tv_nsec / 1000000);
}

int64_t sp_monotonic_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One buffer per thread that has written an access line, on a list for sp_log_flush_all(). The
 * list is process-wide plumbing like stderr itself; each buffer has its own lock, taken by its
 * thread when appending and by the flusher. */
#define ACCESS_BUFFER_SIZE 8192

struct access_buffer {
    struct access_buffer *next;
    pthread_mutex_t lock;
    size_t len;
    int64_t first_us; /* when the oldest line in the buffer was added */
    char data[ACCESS_BUFFER_SIZE];
};

static pthread_mutex_t buffers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct access_buffer *buffers;
static _Thread_local struct access_buffer *own_buffer;

static void write_all(const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, data, len);

        if (n <= 0)
            return;
        data += n;
        len -= (size_t)n;
    }
}

static void flush_locked(struct access_buffer *b)
{
    write_all(b->data, b->len);
    b->len = 0;
}

static struct access_buffer *thread_buffer(void)
{
    if (own_buffer == NULL) {
        struct access_buffer *b = calloc(1, sizeof *b);

        if (b == NULL)
            return NULL;
        pthread_mutex_init(&b->lock, NULL);
        pthread_mutex_lock(&buffers_lock);
        b->next = buffers;
        buffers = b;
        pthread_mutex_unlock(&buffers_lock);
        own_buffer = b;
    }
    return own_buffer;
}

void sp_log_access(const char *line, size_t len)
{
    struct access_buffer *b = thread_buffer();
    int64_t now = sp_monotonic_us();

    if (b == NULL || len + 1 > ACCESS_BUFFER_SIZE) {
        sp_log_line(line, len);
        return;
    }
    pthread_mutex_lock(&b->lock);
    if (b->len + len + 1 > ACCESS_BUFFER_SIZE)
        flush_locked(b);
    if (b->len == 0)
        b->first_us = now;
    memcpy(b->data + b->len, line, len);
    b->data[b->len + len] = '\n';
    b->len += len + 1;
    if (now - b->first_us >= (int64_t)SP_LOG_FLUSH_MS * 1000)
        flush_locked(b);
    pthread_mutex_unlock(&b->lock);
}

void sp_log_flush_all(void)
{
    pthread_mutex_lock(&buffers_lock);
    for (struct access_buffer *b = buffers; b != NULL; b = b->next) {
        pthread_mutex_lock(&b->lock);
        flush_locked(b);
        pthread_mutex_unlock(&b->lock);
    }
    pthread_mutex_unlock(&buffers_lock);
}

void sp_log_line(const char *line, size_t len)
{
    char buf[2048];

    if (len > sizeof buf - 1)
        len = sizeof buf - 1;
    memcpy(buf, line, len);
    buf[len] = '\n';
    /* One write per line so that lines from worker threads never interleave. */
    if (write(STDERR_FILENO, buf, len + 1) < 0)
        return;
}

/* Escape for a JSON string: messages are ours, but causes from libraries may hold quotes. A
 * message cut to fit ends on a whole UTF-8 character, as sp_utf8_vformat cuts. */
static size_t json_escape(char *out, size_t cap, const char *in)
{
    size_t n = 0;

    for (; *in != '\0' && n + 7 < cap; in++) {
        unsigned char c = (unsigned char)*in;

        if (c == '"' || c == '\\') {
            out[n++] = '\\';
            out[n++] = (char)c;
        } else if (c < 0x20) {
            n += (size_t)snprintf(out + n, cap - n, "\\u%04x", c);
        } else {
            out[n++] = (char)c;
        }
    }
    if (*in != '\0')
        n = sp_utf8_valid_prefix(out, n);
    out[n] = '\0';
    return n;
}

void sp_log(enum sp_log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"info", "warn", "error"};
    char msg[1024];
    char escaped[1400];
    char ts[32];
    char line[1600];
    va_list ap;
    int len;

    va_start(ap, fmt);
    sp_utf8_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_escape(escaped, sizeof escaped, msg);
    sp_log_timestamp(ts);
    len = snprintf(line, sizeof line, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}", ts,
                   names[level], escaped);
    if (len > 0)
        sp_log_line(line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}
