/* Weekly labour-market status: the vocabulary and the derivation of core/labour_status.h. */
#include "core/labour_status.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The vocabulary. Precedence (rank 1 wins), docs/employment-track.md "Precedence":
 * 1. education, before 2. ordinary work: the order of STAR's jobindsats status hierarchy, where
 *    "16 Uddannelse" wins over "17 Lønmodtagerbeskæftigelse" ([JI-Y07B15]). Both are the Danish
 *    IPS trials' outcome, "competitive employment or education" ([CHRISTENSEN2019]), so either
 *    order gives the same in-work-or-education weeks; the register's order makes a week read the
 *    same from episodes as from an import.
 * 3. subsidised work, 4. internship, 5. course: below both, so that a week is in work or education
 *    exactly when one of its episodes is (with the default set), whatever else the person does
 *    that week. Their order among themselves is the project's own choice, as no source ranks
 *    them: nearness to ordinary work, IPS's aim ([IPSWORKS-PRINCIPLES] principle 1) — paid work at
 *    an employer, then unpaid work at an employer, then a course. This departs from the registers,
 *    where a week with any benefit-paid activity carries the benefit's code (DREAM, [S33]) and
 *    fleksjob (12) outranks education and employment (jobindsats): a register status answers
 *    "on a benefit?", this one "in work or education?". */
static const struct core_labour_status_info statuses[LABOUR__COUNT] = {
    [LABOUR_NONE] = {"none", 6, false},
    [LABOUR_ORDINARY_WORK] = {"ordinary_work", 2, true},
    [LABOUR_SUBSIDISED_WORK] = {"subsidised_work", 3, false},
    [LABOUR_INTERNSHIP] = {"internship", 4, false},
    [LABOUR_EDUCATION] = {"education", 1, true},
    [LABOUR_COURSE] = {"course", 5, false},
};

/* The episode kinds (the episode table's CHECK, migration 0003) and the status each gives. A job
 * med løntilskud and a fleksjob are both subsidised work, as the employment track groups them
 * (docs/design.md); the registers keep them apart (docs/employment-track.md), and so does
 * the episode's kind, so nothing is lost. */
static const char *const kinds[] = {"ordinary_job", "subsidised_job", "flexjob",
                                    "internship",   "education",      "course"};
static const enum core_labour_status kind_status[] = {
    LABOUR_ORDINARY_WORK, LABOUR_SUBSIDISED_WORK, LABOUR_SUBSIDISED_WORK,
    LABOUR_INTERNSHIP,    LABOUR_EDUCATION,       LABOUR_COURSE,
};
_Static_assert(sizeof kinds / sizeof kinds[0] == sizeof kind_status / sizeof kind_status[0],
               "one status per episode kind");

#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

const struct core_labour_status_info *core_labour_status_info(enum core_labour_status status)
{
    if ((unsigned)status >= LABOUR__COUNT)
        return NULL;
    return &statuses[status];
}

bool core_labour_status_from_code(const char *code, enum core_labour_status *out)
{
    for (size_t i = 0; code != NULL && i < LABOUR__COUNT; i++) {
        if (strcmp(code, statuses[i].code) == 0) {
            *out = (enum core_labour_status)i;
            return true;
        }
    }
    return false;
}

bool core_labour_status_of_kind(const char *kind, enum core_labour_status *out)
{
    for (size_t i = 0; kind != NULL && i < KIND_COUNT; i++) {
        if (strcmp(kind, kinds[i]) == 0) {
            *out = kind_status[i];
            return true;
        }
    }
    return false;
}

const char *const *core_labour_episode_kinds(size_t *count)
{
    *count = KIND_COUNT;
    return kinds;
}

unsigned core_labour_counted_default(void)
{
    unsigned set = 0;

    for (unsigned i = 0; i < LABOUR__COUNT; i++)
        if (statuses[i].counted)
            set |= 1u << i;
    return set;
}

bool core_labour_in_work_or_education(enum core_labour_status status, unsigned counted)
{
    return (unsigned)status < LABOUR__COUNT && (counted & (1u << status)) != 0;
}

/* An episode's fields, checked before any week is derived, so that a bad one is refused whole. */
static enum sp_code check_episode(const struct core_labour_episode *ep, size_t i,
                                  enum core_labour_status *status, struct sp_err *err)
{
    char field[SP_ERR_FIELD_MAX];

    if (!core_labour_status_of_kind(ep->kind, status)) {
        snprintf(field, sizeof field, "/episodes/%zu/kind", i);
        sp_err_invalid(err, field, SP_R_ONE_OF, "The episode's kind is not one of the kinds.");
        return sp_err_allowed(err, kinds, KIND_COUNT);
    }
    if (!core_date_valid(ep->start)) {
        snprintf(field, sizeof field, "/episodes/%zu/start_date", i);
        return sp_err_invalid(err, field, SP_R_DATE_NOT_IN_CALENDAR,
                              "The start date does not exist in the calendar.");
    }
    snprintf(field, sizeof field, "/episodes/%zu/end_date", i);
    if (!ep->open && !core_date_valid(ep->end))
        return sp_err_invalid(err, field, SP_R_DATE_NOT_IN_CALENDAR,
                              "The end date does not exist in the calendar.");
    if (!ep->open && core_date_cmp(ep->end, ep->start) < 0) {
        char start[11];

        core_date_format(ep->start, start);
        sp_err_invalid(err, field, SP_R_DATE_BEFORE_START, "The episode ends before it starts.");
        return sp_err_dates(err, start, NULL);
    }
    if (ep->hours_per_week < 0 || ep->hours_per_week > CORE_LABOUR_HOURS_MAX) {
        snprintf(field, sizeof field, "/episodes/%zu/hours_per_week", i);
        sp_err_invalid(err, field, SP_R_RANGE, "Hours per week are 0 to 168, the hours of a week.");
        return sp_err_range(err, 0, CORE_LABOUR_HOURS_MAX);
    }
    return SP_OK;
}

static enum sp_code check_week(struct core_iso_week w, const char *field, struct sp_err *err)
{
    if (core_iso_week_valid(w))
        return SP_OK;
    sp_err_invalid(err, field, SP_R_RANGE, "The week is not a week of its year.");
    return sp_err_range(err, 1, core_iso_weeks_in_year(w.year));
}

/* The number of weeks from `from` to `to`, both included; `to` is not before `from`. */
static int64_t weeks_between(struct core_iso_week from, struct core_iso_week to)
{
    const int64_t first = core_date_to_days(core_iso_week_monday(from));
    const int64_t last = core_date_to_days(core_iso_week_monday(to));

    return (last - first) / 7 + 1;
}

static enum sp_code check_range(struct core_iso_week from, struct core_iso_week to, size_t cap,
                                struct sp_err *err)
{
    const int64_t max = cap < CORE_LABOUR_WEEKS_MAX ? (int64_t)cap : CORE_LABOUR_WEEKS_MAX;

    if (check_week(from, "/from", err) != SP_OK || check_week(to, "/to", err) != SP_OK)
        return err->code;
    if (core_iso_week_cmp(to, from) < 0)
        return sp_err_invalid(err, "/to", SP_R_NOT_INCREASING,
                              "The last week is before the first week.");
    if (weeks_between(from, to) > max) {
        sp_err_invalid(err, "/to", SP_R_COUNT, "The range has more weeks than can be answered.");
        return sp_err_range(err, 1, max);
    }
    return SP_OK;
}

/* Add one episode to the weeks it overlaps: those whose Monday is on or before its last day and
 * whose Sunday is on or after its first. An open episode's last day is past every week. */
static void add_episode(const struct core_labour_episode *ep, enum core_labour_status status,
                        int64_t first_monday, struct core_labour_week *out, size_t count)
{
    const int64_t start = core_date_to_days(ep->start);
    const int64_t end = ep->open ? INT64_MAX : core_date_to_days(ep->end);

    for (size_t w = 0; w < count; w++) {
        const int64_t monday = first_monday + (int64_t)w * 7;

        if (monday > end || monday + 6 < start)
            continue;
        out[w].hours[status] += ep->hours_per_week;
        if (statuses[status].rank < statuses[out[w].status].rank)
            out[w].status = status;
    }
}

enum sp_code core_labour_weeks(const struct core_labour_episode *episodes, size_t n,
                               struct core_iso_week from, struct core_iso_week to,
                               struct core_labour_week *out, size_t cap, size_t *count,
                               struct sp_err *err)
{
    enum core_labour_status status;
    int64_t first_monday;
    size_t weeks;

    *count = 0;
    if (check_range(from, to, cap, err) != SP_OK)
        return err->code;
    if (n > CORE_LABOUR_EPISODES_MAX) {
        sp_err_invalid(err, "/episodes", SP_R_COUNT, "There are more episodes than can be read.");
        return sp_err_range(err, 0, CORE_LABOUR_EPISODES_MAX);
    }
    for (size_t i = 0; i < n; i++)
        if (check_episode(&episodes[i], i, &status, err) != SP_OK)
            return err->code;

    first_monday = core_date_to_days(core_iso_week_monday(from));
    weeks = (size_t)weeks_between(from, to);
    for (size_t w = 0; w < weeks; w++) {
        memset(&out[w], 0, sizeof out[w]);
        out[w].week = core_iso_week_of(core_date_from_days(first_monday + (int64_t)w * 7));
        out[w].status = LABOUR_NONE;
    }
    for (size_t i = 0; i < n; i++) {
        core_labour_status_of_kind(episodes[i].kind, &status);
        add_episode(&episodes[i], status, first_monday, out, weeks);
    }
    *count = weeks;
    return SP_OK;
}
