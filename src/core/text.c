#include "core/text.h"

#include <string.h>

#include "base/mem.h"
#include "base/utf8.h"

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
    return sp_utf8_valid_prefix(s, len) == len;
}
