/* Number parsing: the one checked replacement for atoi/strtol (banned or easy to misuse). */
#ifndef SP_BASE_PARSE_H
#define SP_BASE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse exactly len bytes of optional '-' and decimal digits into *out; false on anything else,
 * an empty string, or overflow. */
bool sp_parse_i64(const char *s, size_t len, int64_t *out);

#endif
