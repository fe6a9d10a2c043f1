/* The joint plan's goal rules of core/goal.h. */
#include "core/goal.h"

#include <string.h>

const char *const core_goal_areas[] = {"treatment", "employment_education", "everyday_life", NULL};
const char *const core_goal_statuses[] = {"open", "achieved", "changed", "dropped", NULL};

/* Each status with the statuses it may move to. */
static const struct {
    const char *from;
    const char *const to[CORE_GOAL_STATUS_COUNT];
} moves[] = {
    {"open", {"achieved", "changed", "dropped", NULL}},
    {"achieved", {"open", NULL}},
    {"changed", {NULL}},
    {"dropped", {"open", NULL}},
};

static const char *const none[] = {NULL};

static bool listed(const char *const *list, const char *value)
{
    for (; value != NULL && *list != NULL; list++)
        if (strcmp(*list, value) == 0)
            return true;
    return false;
}

bool core_goal_area_valid(const char *area)
{
    return listed(core_goal_areas, area);
}

bool core_goal_status_valid(const char *status)
{
    return listed(core_goal_statuses, status);
}

const char *const *core_goal_moves(const char *from)
{
    for (size_t i = 0; from != NULL && i < sizeof moves / sizeof moves[0]; i++)
        if (strcmp(moves[i].from, from) == 0)
            return moves[i].to;
    return none;
}

bool core_goal_can_move(const char *from, const char *to)
{
    return listed(core_goal_moves(from), to);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

enum sp_code core_goal_text_check(const char *text, const char *field, const char **start,
                                  size_t *len, struct sp_err *err)
{
    size_t end = strlen(text);
    size_t begin = 0;
    size_t chars = 0;

    while (begin < end && is_space(text[begin]))
        begin++;
    while (end > begin && is_space(text[end - 1]))
        end--;
    *start = text + begin;
    *len = end - begin;
    for (size_t i = begin; i < end; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (chars == 0)
        return sp_err_invalid(err, field, SP_R_BLANK, "This member must not be blank.");
    if (chars > CORE_GOAL_TEXT_MAX) {
        sp_err_invalid(err, field, SP_R_LENGTH, "This member must be 1 to %d characters.",
                       CORE_GOAL_TEXT_MAX);
        return sp_err_range(err, 1, CORE_GOAL_TEXT_MAX);
    }
    return SP_OK;
}
