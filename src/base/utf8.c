#include "base/utf8.h"

#include <stdint.h>
#include <stdio.h>

/* The length of the well-formed sequence at p (1 to 4 bytes, of avail), or 0 when none starts
 * there: a byte that cannot lead, a sequence avail cuts short, or one RFC 3629 §4 forbids
 * (overlong forms, surrogates, above U+10FFFF). */
static size_t sequence_length(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    size_t extra;
    uint32_t cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        extra = 1;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        extra = 2;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        extra = 3;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (avail <= extra)
        return 0;
    for (size_t k = 1; k <= extra; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return extra + 1;
}

size_t sp_utf8_valid_prefix(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n = sequence_length(p + i, len - i);

        if (n == 0)
            break;
        i += n;
    }
    return i;
}

size_t sp_utf8_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);
    size_t kept;

    if (n < 0) {
        buf[0] = '\0';
        return 0;
    }
    if ((size_t)n < size)
        return (size_t)n;
    kept = sp_utf8_valid_prefix(buf, size - 1);
    buf[kept] = '\0';
    return kept;
}

size_t sp_utf8_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = sp_utf8_vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
