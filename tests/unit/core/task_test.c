/* core/task: who owns a task, who marks it done, when it is overdue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include "core/task.h"

/* Expected values from docs/api-contract.md "Tasks": `overdue` is open and due before today
 * (Denmark's calendar, passed in as today). So due yesterday is overdue, due today is not yet, a
 * task without a due date never is, and a done task is not, however late. */
static void overdue(void **state)
{
    static const struct {
        const char *name;
        bool done;
        bool has_due;
        struct core_date due;
        struct core_date today;
        bool overdue;
    } rows[] = {
        {"open, due yesterday", false, true, {2026, 3, 9}, {2026, 3, 10}, true},
        {"open, due today", false, true, {2026, 3, 10}, {2026, 3, 10}, false},
        {"open, due tomorrow", false, true, {2026, 3, 11}, {2026, 3, 10}, false},
        {"open, due a year ago", false, true, {2025, 3, 10}, {2026, 3, 10}, true},
        {"open, no due date", false, false, {0, 0, 0}, {2026, 3, 10}, false},
        {"done, due yesterday", true, true, {2026, 3, 9}, {2026, 3, 10}, false},
        {"done, due tomorrow", true, true, {2026, 3, 11}, {2026, 3, 10}, false},
        {"done, no due date", true, false, {0, 0, 0}, {2026, 3, 10}, false},
        /* The calendar decides across a year's end and a leap day. */
        {"open, due 31 Dec, today 1 Jan", false, true, {2025, 12, 31}, {2026, 1, 1}, true},
        {"open, due 1 Jan, today 31 Dec", false, true, {2026, 1, 1}, {2025, 12, 31}, false},
        {"open, due 28 Feb, today 29 Feb", false, true, {2028, 2, 28}, {2028, 2, 29}, true},
        {"open, due 29 Feb, today 29 Feb", false, true, {2028, 2, 29}, {2028, 2, 29}, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (core_task_overdue(rows[i].done, rows[i].has_due ? &rows[i].due : NULL, rows[i].today) !=
            rows[i].overdue)
            fail_msg("%s: should be %s", rows[i].name, rows[i].overdue ? "overdue" : "not overdue");
}

/* Expected values from the issue (11, "Tasks": the young person or a named team member owns a
 * task) and docs/api-contract.md "Tasks": a member's task is marked by its owner alone; the young
 * person's by any member of the team, on their behalf. */
static void may_mark(void **state)
{
    static const struct {
        const char *name;
        const char *kind;
        int64_t owner_id;
        int64_t caller_id;
        bool on_team;
        bool may;
    } rows[] = {
        {"member's task, its owner", "member", 7, 7, true, true},
        {"member's task, another member", "member", 7, 8, true, false},
        {"member's task, owner off the team now", "member", 7, 7, false, true},
        {"member's task without an owner", "member", 0, 0, true, false},
        {"young person's task, a team member", "young_person", 0, 8, true, true},
        {"young person's task, not on the team", "young_person", 0, 8, false, false},
        {"unknown kind", "parent", 7, 7, true, false},
        {"no kind", NULL, 7, 7, true, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (core_task_may_mark(rows[i].kind, rows[i].owner_id, rows[i].caller_id,
                               rows[i].on_team) != rows[i].may)
            fail_msg("%s: should be %s", rows[i].name, rows[i].may ? "allowed" : "refused");
}

static void owner_kinds(void **state)
{
    (void)state;
    assert_true(core_task_owner_kind_valid("member"));
    assert_true(core_task_owner_kind_valid("young_person"));
    assert_false(core_task_owner_kind_valid("Member"));
    assert_false(core_task_owner_kind_valid(""));
    assert_false(core_task_owner_kind_valid(NULL));
    assert_string_equal(core_task_owner_kinds[0], "member");
    assert_string_equal(core_task_owner_kinds[1], "young_person");
    assert_null(core_task_owner_kinds[2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overdue),
        cmocka_unit_test(may_mark),
        cmocka_unit_test(owner_kinds),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
