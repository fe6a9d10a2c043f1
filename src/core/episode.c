/* Employment and education episodes: the tables and rules of core/episode.h. */
#include "core/episode.h"

#include <string.h>

#include "core/labour_status.h"

/* Danish education levels as a young person meets them (docs/employment-track.md "Levels",
 * [UVM-SYSTEM] in docs/sources.md): grundskole (folkeskole, 10. klasse included), FGU, the
 * gymnasial and vocational youth educations, and the three lengths of higher education. */
const char *const core_episode_levels[] = {"primary_lower_secondary",
                                           "preparatory",
                                           "upper_secondary",
                                           "vocational",
                                           "short_higher",
                                           "medium_higher",
                                           "long_higher",
                                           NULL};
/* A virksomhedspraktik (LAB, [S21] in docs/sources.md) serves a slow return to work, or lets an
 * employer try the person out: the two purposes issue 11 names; the act's own wording of them is
 * UNVERIFIED. */
const char *const core_episode_purposes[] = {"slow_return", "try_out", NULL};
const char *const core_episode_end_reasons[] = {"completed", "dropped_out", "dismissed", "moved_on",
                                                NULL};
const char *const core_follow_along_parties[] = {"young_person", "employer", "school", NULL};
const char *const core_follow_along_kinds[] = {"in_person", "phone",        "email",
                                               "video",     "text_message", NULL};

/* The kinds as bits, in the order of core_labour_episode_kinds. */
enum {
    K_ORDINARY = 1u << 0,
    K_SUBSIDISED = 1u << 1,
    K_FLEX = 1u << 2,
    K_INTERNSHIP = 1u << 3,
    K_EDUCATION = 1u << 4,
    K_COURSE = 1u << 5,
    K_WORKPLACE = K_ORDINARY | K_SUBSIDISED | K_FLEX | K_INTERNSHIP,
};

/* Which kinds have each member: an employer from the register is where a job or an internship
 * is; an education has an institution, a programme and a level; an internship a purpose. A
 * course's provider, and any place outside the register, is the free-text place, which every
 * kind may have. */
static const struct member_rule {
    const char *field;
    unsigned kinds;
    bool required;
} member_rules[] = {
    {"/employer_id", K_WORKPLACE, false}, {"/institution", K_EDUCATION, false},
    {"/programme", K_EDUCATION, false},   {"/level", K_EDUCATION, true},
    {"/purpose", K_INTERNSHIP, true},
};

bool core_episode_in_work_or_education(const char *kind)
{
    enum core_labour_status status;

    /* The vocabulary of core/labour_status.h decides, so that the summary and the weekly status
     * never disagree. */
    return core_labour_status_of_kind(kind, &status) &&
           core_labour_in_work_or_education(status, core_labour_counted_default());
}

/* ISO-8601 dates compare as text. */
bool core_episode_on(const char *start, const char *end, const char *day)
{
    return strcmp(start, day) <= 0 && (end == NULL || strcmp(end, day) >= 0);
}

bool core_episode_code_in(const char *const *list, const char *code)
{
    for (size_t i = 0; code != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], code) == 0)
            return true;
    return false;
}

static size_t count_of(const char *const *list)
{
    size_t n = 0;

    while (list[n] != NULL)
        n++;
    return n;
}

static enum sp_code one_of_n(const char *field, const char *const *list, size_t n,
                             struct sp_err *err)
{
    sp_err_invalid(err, field, SP_R_ONE_OF, "The value is not one of the codes allowed.");
    return sp_err_allowed(err, list, n);
}

/* As one_of_n for a NULL-terminated list. */
static enum sp_code one_of(const char *field, const char *const *list, struct sp_err *err)
{
    return one_of_n(field, list, count_of(list), err);
}

/* The bit of kind, 0 for an unknown kind. */
static unsigned kind_bit(const char *kind)
{
    size_t n = 0;
    const char *const *kinds = core_labour_episode_kinds(&n);

    for (size_t i = 0; kind != NULL && i < n; i++)
        if (strcmp(kinds[i], kind) == 0)
            return 1u << i;
    return 0;
}

static bool member_set(const struct core_episode_fields *f, const char *field)
{
    if (strcmp(field, "/employer_id") == 0)
        return f->has_employer;
    if (strcmp(field, "/institution") == 0)
        return f->has_institution;
    if (strcmp(field, "/programme") == 0)
        return f->has_programme;
    if (strcmp(field, "/level") == 0)
        return f->level != NULL;
    return f->purpose != NULL;
}

/* only_for_kind with the kinds of `kinds` as allowed. */
static enum sp_code only_for_kind(const char *field, unsigned kinds, struct sp_err *err)
{
    size_t n = 0;
    const char *const *all = core_labour_episode_kinds(&n);
    const char *allowed[8];
    size_t count = 0;

    for (size_t i = 0; i < n && count < sizeof allowed / sizeof allowed[0]; i++)
        if (kinds & (1u << i))
            allowed[count++] = all[i];
    sp_err_invalid(err, field, SP_R_ONLY_FOR_KIND, "This member is not one of this kind's.");
    return sp_err_allowed(err, allowed, count);
}

static enum sp_code check_members(const struct core_episode_fields *f, unsigned kind,
                                  struct sp_err *err)
{
    for (size_t i = 0; i < sizeof member_rules / sizeof member_rules[0]; i++) {
        const struct member_rule *r = &member_rules[i];
        bool set = member_set(f, r->field);

        if (set && (r->kinds & kind) == 0)
            return only_for_kind(r->field, r->kinds, err);
        if (!set && r->required && (r->kinds & kind) != 0)
            return sp_err_invalid(err, r->field, SP_R_REQUIRED, "This kind needs this member.");
    }
    if (f->level != NULL && !core_episode_code_in(core_episode_levels, f->level))
        return one_of("/level", core_episode_levels, err);
    if (f->purpose != NULL && !core_episode_code_in(core_episode_purposes, f->purpose))
        return one_of("/purpose", core_episode_purposes, err);
    return SP_OK;
}

static enum sp_code check_end(const struct core_episode_fields *f, struct sp_err *err)
{
    if (f->end_reason != NULL && !f->has_end)
        return sp_err_invalid(err, "/end_reason", SP_R_ONLY_WHEN_ENDING,
                              "How an episode ended goes with its end date.");
    if (f->end_reason == NULL && f->has_end)
        return sp_err_invalid(err, "/end_reason", SP_R_REQUIRED,
                              "An ended episode needs how it ended.");
    if (f->end_reason != NULL && !core_episode_code_in(core_episode_end_reasons, f->end_reason))
        return one_of("/end_reason", core_episode_end_reasons, err);
    return SP_OK;
}

enum sp_code core_episode_check(const struct core_episode_fields *f, struct sp_err *err)
{
    size_t n = 0;
    unsigned kind = kind_bit(f->kind);
    enum sp_code rc;

    /* core_labour_episode_kinds is counted, not NULL-terminated. */
    if (kind == 0) {
        const char *const *kinds = core_labour_episode_kinds(&n);

        return one_of_n("/kind", kinds, n, err);
    }
    if (f->has_end && core_date_cmp(f->end, f->start) < 0) {
        char start[11];

        core_date_format(f->start, start);
        sp_err_invalid(err, "/end_date", SP_R_DATE_BEFORE_START,
                       "An episode cannot end before it starts.");
        return sp_err_dates(err, start, NULL);
    }
    if (f->hours_per_week < -1 || f->hours_per_week > CORE_LABOUR_HOURS_MAX) {
        sp_err_invalid(err, "/hours_per_week", SP_R_RANGE, "Hours per week are 0 to 168.");
        return sp_err_range(err, 0, CORE_LABOUR_HOURS_MAX);
    }
    rc = check_members(f, kind, err);
    if (rc == SP_OK)
        rc = check_end(f, err);
    return rc;
}

enum sp_code core_follow_along_check(const char *with_whom, const char *kind, bool contact_allowed,
                                     struct core_date episode_start, struct core_date date,
                                     struct sp_err *err)
{
    if (!core_episode_code_in(core_follow_along_parties, with_whom))
        return one_of("/with_whom", core_follow_along_parties, err);
    if (!core_episode_code_in(core_follow_along_kinds, kind))
        return one_of("/kind", core_follow_along_kinds, err);
    if (core_date_cmp(date, episode_start) < 0) {
        char start[11];

        core_date_format(episode_start, start);
        sp_err_invalid(err, "/date", SP_R_DATE_BEFORE_START,
                       "Follow-along support comes after the episode has started.");
        return sp_err_dates(err, start, NULL);
    }
    /* Whether and what an employer or school is told is the young person's choice (IPS principle
     * 4, attention to their preferences: [IPSWORKS-PRINCIPLES] in docs/sources.md): the team
     * speaks with them only when the young person agreed to it. */
    if (strcmp(with_whom, "young_person") != 0 && !contact_allowed)
        return sp_err_invalid(err, "/with_whom", SP_R_CONTACT_NOT_AGREED,
                              "The young person has not agreed to contact with their employer or "
                              "school about this episode.");
    return SP_OK;
}
