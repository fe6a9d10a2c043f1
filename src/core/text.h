/* Text helpers over UTF-8, pure. */
#ifndef SP_CORE_TEXT_H
#define SP_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A case-folded copy of s for search: ASCII A-Z and the Latin-1 capitals U+00C0..U+00DE (Æ, Ø,
 * Å, É, Ü, …; not × U+00D7) become lower case; every other byte is copied. The caller frees the
 * result with free(). Never returns NULL (aborts when out of memory). */
char *core_text_fold(const char *s);

/* True when len bytes of s are well-formed UTF-8 (RFC 3629). */
bool core_text_valid_utf8(const char *s, size_t len);

/* The number of UTF-8 code points in s (continuation bytes are not counted). */
size_t core_text_length(const char *s);

#endif
