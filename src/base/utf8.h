/* UTF-8 (RFC 3629): the project's one decoder, and formatting into a fixed buffer that never
 * splits a character. Pure; core/text.c's check and every fixed-size text of base/ use it. */
#ifndef SP_BASE_UTF8_H
#define SP_BASE_UTF8_H

#include <stdarg.h>
#include <stddef.h>

/* The length in bytes of the longest prefix of s[0..len) that is well-formed UTF-8 (RFC 3629
 * §4: no overlong form, no surrogate, nothing above U+10FFFF): len when all of it is. */
size_t sp_utf8_valid_prefix(const char *s, size_t len);

/* vsnprintf into buf (size > 0 bytes). A text that does not fit is cut to the longest
 * well-formed UTF-8 prefix of what vsnprintf kept, so that the cut never leaves part of a
 * character: the text goes into problem+json bodies and log lines, and jansson refuses invalid
 * UTF-8. A text that fits is left as vsnprintf wrote it. Returns the length written. */
size_t sp_utf8_vformat(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* sp_utf8_vformat with its arguments in line. */
size_t sp_utf8_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
