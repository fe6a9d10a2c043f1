/* Fuzz target for the text helpers that see untrusted query strings: core_text_valid_utf8,
 * core_text_length and core_text_fold. Folding keeps the byte length, never turns valid UTF-8
 * into invalid, and a valid input's length in code points is at most its length in bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char *folded;
    size_t len;

    memcpy(text, data, size);
    text[size] = '\0';
    len = strlen(text); /* up to the first NUL, as a C string arrives */
    folded = core_text_fold(text);
    if (strlen(folded) != len)
        abort();
    if (core_text_length(text) > len)
        abort();
    if (core_text_valid_utf8(text, len) && !core_text_valid_utf8(folded, len))
        abort();
    if (core_text_valid_utf8(text, len) && core_text_length(folded) != core_text_length(text))
        abort();
    free(folded);
    free(text);
    return 0;
}
