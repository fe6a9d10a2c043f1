/* Fuzz target for core_cpr_parse: untrusted bytes from request bodies and register imports
 * (docs/code-style.md: a fuzz target per parser of untrusted bytes). Each input is parsed as
 * each of the three identifier types, against two "today"s, and the result's invariants are
 * checked; any violation aborts, which libFuzzer and the corpus replay both report as a failure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, enum cpr_type type)
{
    fprintf(stderr, "cpr_fuzz: %s (type %s)\n", what, core_cpr_type_name(type));
    abort();
}

/* memmem is a GNU extension, so a plain search: does `needle` occur in the NUL-terminated hay? */
static int contains(const char *hay, const uint8_t *needle, size_t needle_len)
{
    size_t hay_len = strlen(hay);

    for (size_t i = 0; needle_len <= hay_len && i <= hay_len - needle_len; i++) {
        if (memcmp(hay + i, needle, needle_len) == 0)
            return 1;
    }
    return 0;
}

static size_t digit_count(const uint8_t *data, size_t size)
{
    size_t n = 0;

    for (size_t i = 0; i < size; i++) {
        if (data[i] >= '0' && data[i] <= '9')
            n++;
    }
    return n;
}

static void check_one(enum cpr_type type, const uint8_t *data, size_t size, struct core_date today)
{
    static const char field[] = "/identifier";
    struct cpr_id id;
    struct sp_err err;
    enum sp_code rc;

    memset(&id, 0, sizeof id);
    memset(&err, 0, sizeof err);
    rc = core_cpr_parse(type, (const char *)data, size, today, field, &id, &err);
    if (rc == SP_OK) {
        if (strlen(id.normalised) != 10)
            fail("normalised is not ten characters", type);
        if (id.type != type)
            fail("type changed", type);
        if (!core_date_valid(id.birth))
            fail("birth date is not a calendar date", type);
        if (core_date_cmp(id.birth, today) > 0)
            fail("birth date after today", type);
        if ((id.normalised[9] - '0') % 2 != (id.legal_sex == CPR_SEX_MALE ? 1 : 0))
            fail("sex does not match the last digit", type);
        if (type == CPR_TYPE_ERSTATNING && id.normalised[0] < '6')
            fail("substitute number below day 61", type);
        return;
    }
    if (rc != SP_INVALID)
        fail("error code is not SP_INVALID", type);
    if (err.detail[0] == '\0')
        fail("empty detail", type);
    if (strcmp(err.field, field) != 0)
        fail("field not set", type);
    /* A detail must never quote an identifier (code-style.md: no personal value). Checked
     * for inputs of six or more bytes holding six or more digits (a birth date alone is six): no
     * fixed detail in cpr.c holds six digits, so a hit is a real echo, while an input such as
     * "digits" may legitimately occur in a detail's wording. */
    if (size >= 6 && digit_count(data, size) >= 6 && contains(err.detail, data, size))
        fail("detail quotes the input", type);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum cpr_type types[] = {CPR_TYPE_CPR, CPR_TYPE_ERSTATNING, CPR_TYPE_ECPR};
    /* A fixed day, so runs are reproducible, and the last parseable day, so the future check
     * does not hide the date checks behind it. */
    static const struct core_date todays[] = {{2026, 11, 1}, {9999, 12, 31}};

    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        for (size_t d = 0; d < sizeof todays / sizeof todays[0]; d++)
            check_one(types[t], data, size, todays[d]);
    }
    return 0;
}
