/* core/goal: the joint plan's areas and statuses as data, the status moves, and the text rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/goal.h"

/* The areas and statuses of issue 11 ("Joint plan: Goals"): treatment, employment/education,
 * everyday life; open, achieved, changed, dropped. The same lists as migration 0014's CHECKs. */
static void lists(void **state)
{
    static const char *const areas[] = {"treatment", "employment_education", "everyday_life"};
    static const char *const statuses[] = {"open", "achieved", "changed", "dropped"};

    (void)state;
    for (size_t i = 0; i < CORE_GOAL_AREA_COUNT; i++) {
        assert_string_equal(core_goal_areas[i], areas[i]);
        assert_true(core_goal_area_valid(areas[i]));
    }
    assert_null(core_goal_areas[CORE_GOAL_AREA_COUNT]);
    for (size_t i = 0; i < CORE_GOAL_STATUS_COUNT; i++) {
        assert_string_equal(core_goal_statuses[i], statuses[i]);
        assert_true(core_goal_status_valid(statuses[i]));
    }
    assert_null(core_goal_statuses[CORE_GOAL_STATUS_COUNT]);
    assert_false(core_goal_area_valid("housing"));
    assert_false(core_goal_area_valid("Treatment"));
    assert_false(core_goal_area_valid(NULL));
    assert_false(core_goal_status_valid("done"));
    assert_false(core_goal_status_valid(""));
}

/* Every pair of statuses against the moves written in core/goal.h: open → achieved, changed,
 * dropped; achieved → open; dropped → open; nothing out of changed; no status to itself. */
static void moves(void **state)
{
    static const struct {
        const char *from;
        const char *to;
        bool allowed;
    } rows[] = {
        {"open", "open", false},        {"open", "achieved", true},
        {"open", "changed", true},      {"open", "dropped", true},
        {"achieved", "open", true},     {"achieved", "achieved", false},
        {"achieved", "changed", false}, {"achieved", "dropped", false},
        {"changed", "open", false},     {"changed", "achieved", false},
        {"changed", "changed", false},  {"changed", "dropped", false},
        {"dropped", "open", true},      {"dropped", "achieved", false},
        {"dropped", "changed", false},  {"dropped", "dropped", false},
        {"unknown", "open", false},     {"open", "unknown", false},
        {NULL, "open", false},          {"open", NULL, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool got = core_goal_can_move(rows[i].from, rows[i].to);

        if (got != rows[i].allowed)
            fail_msg("row %zu: %s -> %s", i, rows[i].from ? rows[i].from : "NULL",
                     rows[i].to ? rows[i].to : "NULL");
    }
    assert_null(core_goal_moves("changed")[0]);
    assert_null(core_goal_moves("nonsense")[0]);
    assert_string_equal(core_goal_moves("achieved")[0], "open");
    assert_null(core_goal_moves("achieved")[1]);
}

/* "æ" is two bytes in UTF-8 (U+00E6) and one character: the bound counts characters. */
static void text(void **state)
{
    static char at_max[2 * CORE_GOAL_TEXT_MAX + 8];
    static char over_max[2 * CORE_GOAL_TEXT_MAX + 8];
    static const struct {
        const char *name;
        const char *in;
        enum sp_code rc;
        enum sp_reason reason;
        const char *kept;
    } rows[] = {
        {"one character", "x", SP_OK, SP_R_INVALID, "x"},
        {"trimmed both ends", "  \t Få et job \r\n", SP_OK, SP_R_INVALID, "Få et job"},
        {"inner space kept", "a  b", SP_OK, SP_R_INVALID, "a  b"},
        {"inner line break kept", " a\nb ", SP_OK, SP_R_INVALID, "a\nb"},
        {"empty", "", SP_INVALID, SP_R_BLANK, NULL},
        {"only white space", " \t\r\n ", SP_INVALID, SP_R_BLANK, NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sp_err err = {0};
        const char *start = NULL;
        size_t len = 0;
        enum sp_code rc = core_goal_text_check(rows[i].in, "/text", &start, &len, &err);

        if (rc != rows[i].rc)
            fail_msg("%s: rc %d", rows[i].name, rc);
        if (rc == SP_OK) {
            assert_int_equal(len, strlen(rows[i].kept));
            assert_memory_equal(start, rows[i].kept, len);
        } else {
            assert_int_equal(err.reason, rows[i].reason);
            assert_string_equal(err.field, "/text");
        }
    }
    /* 500 two-byte characters (1000 bytes) with spaces around: kept; 501: too long. */
    at_max[0] = ' ';
    for (size_t i = 0; i < CORE_GOAL_TEXT_MAX; i++)
        memcpy(at_max + 1 + 2 * i, "\xc3\xa6", 2);
    at_max[1 + 2 * CORE_GOAL_TEXT_MAX] = ' ';
    memcpy(over_max, at_max + 1, 2 * CORE_GOAL_TEXT_MAX);
    memcpy(over_max + 2 * CORE_GOAL_TEXT_MAX, "x", 2);
    {
        struct sp_err err = {0};
        const char *start = NULL;
        size_t len = 0;

        assert_int_equal(core_goal_text_check(at_max, "/text", &start, &len, &err), SP_OK);
        assert_int_equal(len, 2 * CORE_GOAL_TEXT_MAX);
        assert_ptr_equal(start, at_max + 1);
        assert_int_equal(core_goal_text_check(over_max, "/text", &start, &len, &err), SP_INVALID);
        assert_int_equal(err.reason, SP_R_LENGTH);
        assert_int_equal(err.min, 1);
        assert_int_equal(err.max, CORE_GOAL_TEXT_MAX);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists),
        cmocka_unit_test(moves),
        cmocka_unit_test(text),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
