/* The joint plan's goals (docs/api-contract.md "Joint plan: goals and coordinator"): the areas a
 * goal belongs to, its statuses and the moves between them, and what a goal's text must be. Pure:
 * the lists are data, and the handlers and the tests read them from here. */
#ifndef SP_CORE_GOAL_H
#define SP_CORE_GOAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* The areas of Socialstyrelsen's cooperation model's one plan (issue 11): treatment,
 * employment or education, everyday life (housing, finances, …). NULL-terminated. */
extern const char *const core_goal_areas[];
/* open, achieved, changed, dropped; NULL-terminated. A goal is created open. */
extern const char *const core_goal_statuses[];

#define CORE_GOAL_AREA_COUNT 3
#define CORE_GOAL_STATUS_COUNT 4
/* A goal's text, in the young person's words, after leading and trailing white space is cut. */
#define CORE_GOAL_TEXT_MAX 500
/* Who else agreed it ("caseworker and care manager"), one line. */
#define CORE_GOAL_AGREED_BY_MAX 200
/* The note on a status change. */
#define CORE_GOAL_NOTE_MAX 1000

bool core_goal_area_valid(const char *area);
bool core_goal_status_valid(const char *status);

/* The statuses a goal in `from` may move to, NULL-terminated (empty for "changed", and for an
 * unknown status). open → achieved, changed or dropped; achieved → open (it did not hold: the job
 * was lost in the first weeks); dropped → open (the young person takes it up again); changed is
 * final: a new goal carries it on, and reopening it would leave two live versions of one goal.
 * Staying in the same status is not a move. */
const char *const *core_goal_moves(const char *from);
bool core_goal_can_move(const char *from, const char *to);

/* The part of text a goal keeps: leading and trailing white space (space, tab, CR, LF) cut off,
 * as *start (into text) and *len bytes. SP_OK when that is 1..CORE_GOAL_TEXT_MAX characters;
 * else SP_INVALID at field: reason blank when nothing is left, length (1..500) when too long. */
enum sp_code core_goal_text_check(const char *text, const char *field, const char **start,
                                  size_t *len, struct sp_err *err);

#endif
