#include "core/text.h"

#include <stdint.h>
#include <string.h>

#include "base/mem.h"

char *core_text_fold(const char *s)
{
    size_t len = strlen(s);
    char *out = sp_xstrndup(s, len);

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];

        if (c >= 'A' && c <= 'Z') {
            out[i] = (char)(c + 32);
        } else if (c == 0xC3 && i + 1 < len) {
            /* U+00C0..U+00DE are encoded C3 80..C3 9E; their lower case is 0x20 higher
             * (Unicode's Latin-1 Supplement), except U+00D7 MULTIPLICATION SIGN. */
            unsigned char next = (unsigned char)out[i + 1];

            if (next >= 0x80 && next <= 0x9E && next != 0x97)
                out[i + 1] = (char)(next + 0x20);
            if (next >= 0x80 && next <= 0xBF)
                i++; /* a continuation byte: consumed; anything else is looked at on its own */
        }
    }
    return out;
}

size_t core_text_length(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

bool core_text_valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    /* RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF. */
    while (i < len) {
        unsigned char c = p[i];
        size_t extra;
        uint32_t cp;

        if (c < 0x80) {
            i++;
            continue;
        }
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
            return false;
        }
        if (len - i <= extra)
            return false;
        for (size_t k = 1; k <= extra; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}
