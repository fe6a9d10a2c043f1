#include "base/parse.h"

bool sp_parse_i64(const char *s, size_t len, int64_t *out)
{
    bool negative = false;
    uint64_t value = 0;
    uint64_t limit = (uint64_t)INT64_MAX;
    size_t i = 0;

    if (len > 0 && s[0] == '-') {
        negative = true;
        limit += 1;
        i = 1;
    }
    if (i == len)
        return false;
    for (; i < len; i++) {
        unsigned digit;

        if (s[i] < '0' || s[i] > '9')
            return false;
        digit = (unsigned)(s[i] - '0');
        if (value > (limit - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    if (negative)
        *out = value == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)value;
    else
        *out = (int64_t)value;
    return true;
}
