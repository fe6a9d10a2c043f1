#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Escape for a JSON string: messages are ours, but causes from libraries may hold quotes. */
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
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_escape(escaped, sizeof escaped, msg);
    sp_log_timestamp(ts);
    len = snprintf(line, sizeof line, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\"}", ts,
                   names[level], escaped);
    if (len > 0)
        sp_log_line(line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}
