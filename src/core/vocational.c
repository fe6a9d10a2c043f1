/* The vocational profile: the tables and rules of core/vocational.h. */
#include "core/vocational.h"

#include <stdio.h>
#include <string.h>

#include "core/episode.h"

const char *const core_vocational_disclosures[] = {"none", "some", "full", NULL};
const char *const core_vocational_areas[] = {"work", "education", NULL};
const char *const core_vocational_outcomes[] = {"completed", "dropped_out", "ongoing", NULL};

static enum sp_code at(struct sp_err *err, const char *prefix, const char *member,
                       enum sp_reason reason, const char *detail)
{
    char field[96];

    snprintf(field, sizeof field, "%s/%s", prefix, member);
    return sp_err_invalid(err, field, reason, "%s", detail);
}

static enum sp_code one_of(struct sp_err *err, const char *prefix, const char *member,
                           const char *const *list)
{
    size_t n = 0;

    while (list[n] != NULL)
        n++;
    at(err, prefix, member, SP_R_ONE_OF, "The value is not one of the codes allowed.");
    return sp_err_allowed(err, list, n);
}

static enum sp_code check_year(int year, int this_year, const char *prefix, const char *member,
                               struct sp_err *err)
{
    if (year == 0 || (year >= CORE_VOCATIONAL_YEAR_MIN && year <= this_year))
        return SP_OK;
    at(err, prefix, member, SP_R_RANGE, "The year is outside the years a history may name.");
    return sp_err_range(err, CORE_VOCATIONAL_YEAR_MIN, this_year);
}

/* Level and outcome belong to an education entry, and its level is required. */
static enum sp_code check_education(const struct core_vocational_entry *e, const char *prefix,
                                    struct sp_err *err)
{
    static const char *const education[] = {"education"};
    bool is_education = strcmp(e->area, "education") == 0;

    if (!is_education && (e->level != NULL || e->outcome != NULL)) {
        at(err, prefix, e->level != NULL ? "level" : "outcome", SP_R_ONLY_FOR_KIND,
           "A work entry has no level or outcome.");
        return sp_err_allowed(err, education, 1);
    }
    if (is_education && e->level == NULL)
        return at(err, prefix, "level", SP_R_REQUIRED, "An education entry needs its level.");
    if (e->level != NULL && !core_episode_code_in(core_episode_levels, e->level))
        return one_of(err, prefix, "level", core_episode_levels);
    if (e->outcome != NULL && !core_episode_code_in(core_vocational_outcomes, e->outcome))
        return one_of(err, prefix, "outcome", core_vocational_outcomes);
    return SP_OK;
}

enum sp_code core_vocational_entry_check(const struct core_vocational_entry *e, int this_year,
                                         const char *prefix, struct sp_err *err)
{
    enum sp_code rc;

    if (!core_episode_code_in(core_vocational_areas, e->area))
        return one_of(err, prefix, "area", core_vocational_areas);
    rc = check_education(e, prefix, err);
    if (rc == SP_OK)
        rc = check_year(e->from_year, this_year, prefix, "from_year", err);
    if (rc == SP_OK)
        rc = check_year(e->to_year, this_year, prefix, "to_year", err);
    if (rc == SP_OK && e->from_year != 0 && e->to_year != 0 && e->to_year < e->from_year)
        rc = at(err, prefix, "to_year", SP_R_NOT_INCREASING, "The last year is before the first.");
    return rc;
}
