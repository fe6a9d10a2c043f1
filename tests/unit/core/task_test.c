/* core/task: when a task is overdue. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overdue),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
