/* Projects: a programme run in one installation (docs/design.md), e.g. IBBU Midt.
 *   GET   /api/v1/projects            list
 *   POST  /api/v1/projects            201 + Location + ETag; 409 on a taken slug
 *   GET   /api/v1/projects/{id}       the project + ETag; 404
 *   PATCH /api/v1/projects/{id}       If-Match; the members to change, checked as the create
 *                                     checks them (administrators) */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/caseload.h"
#include "core/employment_caseload.h"
#include "core/instrument.h"
#include "policy/policy.h"

/* The treatment numbers a project may set (issue 5: "thresholds are per-project settings"):
 * name, range, and whether null ("not a criterion") is allowed. Ranges as core_caseload_evaluate
 * and core_eligibility_suggest accept them. */
static const struct {
    const char *name;
    size_t offset;
    int min;
    int max;
    bool nullable;
} treatment_fields[] = {
    {"not_improving_weeks", offsetof(struct project_treatment, not_improving_weeks), 1, 104, false},
    {"response_percent", offsetof(struct project_treatment, response_percent), 1, 100, false},
    {"measurement_overdue_days", offsetof(struct project_treatment, measurement_overdue_days), 1,
     366, false},
    {"no_contact_days", offsetof(struct project_treatment, no_contact_days), 1, 366, false},
    {"screen_phq9_min", offsetof(struct project_treatment, screen_phq9_min), 0, 27, true},
    {"screen_gad7_min", offsetof(struct project_treatment, screen_gad7_min), 0, 21, true},
    {"screen_who5_max", offsetof(struct project_treatment, screen_who5_max), 0, 25, true},
    {"severe_phq9_min", offsetof(struct project_treatment, severe_phq9_min), 1, 27, true},
    {"suicide_item9_min", offsetof(struct project_treatment, suicide_item9_min), 1, 3, true},
};
#define TREATMENT_FIELD_COUNT (sizeof treatment_fields / sizeof treatment_fields[0])

static int *treatment_field(struct project_treatment *t, size_t i)
{
    return (int *)(void *)((char *)t + treatment_fields[i].offset);
}

static json_t *treatment_json(const struct project_treatment *t)
{
    json_t *obj = json_object();

    for (size_t i = 0; i < TREATMENT_FIELD_COUNT; i++) {
        int v = *treatment_field((struct project_treatment *)t, i);

        api_put(&obj, treatment_fields[i].name, v < 0 ? json_null() : json_integer(v));
    }
    return obj;
}

/* Optional "treatment_settings": the defaults (core_project_treatment_default), with what the
 * body sets; null switches a nullable threshold off. */
static enum sp_code parse_treatment(const json_t *body, struct project_treatment *t,
                                    struct sp_err *err)
{
    const json_t *obj = json_object_get(body, "treatment_settings");
    const char *key;
    const json_t *v;
    size_t position = 0;

    core_project_treatment_default(t);
    if (obj == NULL)
        return SP_OK;
    if (!json_is_object(obj))
        return api_wrong_type("/treatment_settings", "object", err);
    json_object_foreach((json_t *)obj, key, v) {
        size_t i = 0;
        char field[96];

        position++;
        while (i < TREATMENT_FIELD_COUNT && strcmp(treatment_fields[i].name, key) != 0)
            i++;
        /* An unknown member is named by its position, never its name (api_reject_unknown). */
        if (i == TREATMENT_FIELD_COUNT)
            return sp_err_invalid(err, "/treatment_settings", SP_R_UNKNOWN_MEMBER,
                                  "Member number %zu of this object is not part of the request.",
                                  position);
        snprintf(field, sizeof field, "/treatment_settings/%s", treatment_fields[i].name);
        if (json_is_null(v) && treatment_fields[i].nullable) {
            *treatment_field(t, i) = -1;
            continue;
        }
        if (!json_is_integer(v) || json_integer_value(v) < treatment_fields[i].min ||
            json_integer_value(v) > treatment_fields[i].max) {
            sp_err_invalid(err, field, SP_R_RANGE, "Give a whole number from %d to %d%s.",
                           treatment_fields[i].min, treatment_fields[i].max,
                           treatment_fields[i].nullable ? ", or null" : "");
            return sp_err_range(err, treatment_fields[i].min, treatment_fields[i].max);
        }
        *treatment_field(t, i) = (int)json_integer_value(v);
    }
    return SP_OK;
}

/* Optional "employment_settings": the defaults (core_employment_settings_default), with what the
 * body sets; the ranges are core's (core_employment_settings_check). */
static enum sp_code parse_employment(const json_t *body, struct project_employment *e,
                                     struct sp_err *err)
{
    const json_t *obj = json_object_get(body, "employment_settings");
    const char *key;
    const json_t *v;
    size_t position = 0;

    core_employment_settings_default(e);
    if (obj == NULL)
        return SP_OK;
    if (!json_is_object(obj))
        return api_wrong_type("/employment_settings", "object", err);
    json_object_foreach((json_t *)obj, key, v) {
        size_t i = 0;
        char field[96];

        position++;
        while (i < CORE_EMPLOYMENT_SETTING_COUNT &&
               strcmp(core_employment_settings[i].name, key) != 0)
            i++;
        if (i == CORE_EMPLOYMENT_SETTING_COUNT)
            return sp_err_invalid(err, "/employment_settings", SP_R_UNKNOWN_MEMBER,
                                  "Member number %zu of this object is not part of the request.",
                                  position);
        snprintf(field, sizeof field, "/employment_settings/%s", key);
        if (!json_is_integer(v))
            return api_wrong_type(field, "integer", err);
        /* A number beyond an int is out of every range: core refuses it with the range. */
        *core_employment_setting_of(e, i) =
            json_integer_value(v) < INT_MIN || json_integer_value(v) > INT_MAX
                ? INT_MIN
                : (int)json_integer_value(v);
    }
    return core_employment_settings_check(e, "/employment_settings", err);
}

static json_t *employment_json(const struct project_employment *e)
{
    json_t *obj = json_object();

    for (size_t i = 0; i < CORE_EMPLOYMENT_SETTING_COUNT; i++)
        api_put(&obj, core_employment_settings[i].name,
                json_integer(*core_employment_setting_of((struct project_employment *)e, i)));
    return obj;
}

json_t *api_project_json(const struct project *p);

json_t *api_project_json(const struct project *p)
{
    json_t *municipalities = json_array();
    json_t *groups = json_array();
    json_t *instruments = json_array();
    json_t *followups = json_array();
    json_t *obj;

    for (size_t i = 0; i < p->municipality_count; i++)
        api_push(&municipalities, api_pack("{s:s, s:s}", "code", p->municipalities[i].code, "name",
                                           p->municipalities[i].name));
    for (size_t i = 0; i < p->target_group_count; i++)
        api_push(&groups, json_string(p->target_groups[i]));
    for (size_t i = 0; i < p->instrument_count; i++)
        api_push(&instruments, json_string(p->instruments[i]));
    for (size_t i = 0; i < p->followup_count; i++)
        api_push(&followups, json_integer(p->followup_months[i]));
    obj = api_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:i, s:i, s:o, s:o, s:o, s:o, s:b, s:I}",
                   "id", (json_int_t)p->id, "slug", p->slug, "name", p->name, "description",
                   p->description, "period_start", p->period_start, "period_end", p->period_end,
                   "target_count", (json_int_t)p->target_count, "age_min", p->age_min, "age_max",
                   p->age_max, "municipalities", municipalities, "target_groups", groups,
                   "instruments", instruments, "followup_months", followups, "randomised",
                   p->randomised, "version", (json_int_t)p->version);
    api_put(&obj, "treatment_settings", treatment_json(&p->treatment));
    api_put(&obj, "employment_settings", employment_json(&p->employment));
    if (p->region.code != NULL)
        api_put(&obj, "region",
                api_pack("{s:s, s:s}", "code", p->region.code, "name",
                         p->region.name ? p->region.name : ""));
    return obj;
}

static bool valid_slug(const char *s)
{
    size_t len = strlen(s);

    if (len < 2 || len > 64 || s[0] == '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

/* `key` must be an array of 1..max strings (min may be 0); each copied into out. */
static enum sp_code get_string_array(const json_t *obj, const char *key, size_t min, size_t max,
                                     struct sp_arena *arena, const char **out, size_t *count,
                                     struct sp_err *err)
{
    json_t *arr = json_object_get(obj, key);
    char field[SP_ERR_FIELD_MAX];
    size_t i;
    json_t *v;

    *count = 0;
    snprintf(field, sizeof field, "/%s", key);
    if (arr == NULL)
        return sp_err_invalid(err, field, SP_R_REQUIRED, "This member is required.");
    if (!json_is_array(arr))
        return api_wrong_type(field, "array", err);
    if (json_array_size(arr) < min || json_array_size(arr) > max) {
        sp_err_invalid(err, field, SP_R_COUNT, "This member must be a list of %zu to %zu items.",
                       min, max);
        return sp_err_range(err, (int64_t)min, (int64_t)max);
    }
    json_array_foreach(arr, i, v) {
        snprintf(field, sizeof field, "/%s/%zu", key, i);
        if (!json_is_string(v))
            return api_wrong_type(field, "string", err);
        if (json_string_length(v) == 0 || json_string_length(v) > 64) {
            sp_err_invalid(err, field, SP_R_LENGTH, "Each item must be a short string.");
            return sp_err_range(err, 1, 64);
        }
        for (size_t j = 0; j < *count; j++)
            if (strcmp(out[j], json_string_value(v)) == 0)
                return sp_err_invalid(err, field, SP_R_REPEATED, "This item is repeated.");
        out[(*count)++] = sp_arena_strndup(arena, json_string_value(v), json_string_length(v));
    }
    return SP_OK;
}

static enum sp_code check_municipalities(struct api_ctx *ctx, const json_t *body, struct project *p,
                                         struct sp_err *err)
{
    const char *codes[PROJECT_MUNICIPALITIES_MAX];
    size_t count = 0;
    enum sp_code rc = get_string_array(body, "municipalities", 1, PROJECT_MUNICIPALITIES_MAX,
                                       ctx->arena, codes, &count, err);

    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct organisation org;
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "/municipalities/%zu", i);
        rc = store_organisation_get(ctx->store, ctx->arena, codes[i], &org, err);
        if (rc == SP_NOT_FOUND || (rc == SP_OK && strcmp(org.kind, "municipality") != 0))
            return sp_err_invalid(err, field, SP_R_UNKNOWN_MUNICIPALITY,
                                  "This is not a municipality code.");
        p->municipalities[i].code = org.code;
        p->municipalities[i].name = org.name;
    }
    p->municipality_count = count;
    return rc;
}

static enum sp_code check_target_groups(struct api_ctx *ctx, const json_t *body, struct project *p,
                                        struct sp_err *err)
{
    enum sp_code rc = get_string_array(body, "target_groups", 1, PROJECT_TARGET_GROUPS_MAX,
                                       ctx->arena, p->target_groups, &p->target_group_count, err);

    for (size_t i = 0; rc == SP_OK && i < p->target_group_count; i++) {
        bool exists = false;
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "/target_groups/%zu", i);
        rc = store_target_group_exists(ctx->store, p->target_groups[i], &exists, err);
        if (rc == SP_OK && !exists)
            return sp_err_invalid(err, field, SP_R_NO_SUCH_RECORD,
                                  "This is not a known target group.");
    }
    return rc;
}

static enum sp_code check_instruments(struct api_ctx *ctx, const json_t *body, struct project *p,
                                      struct sp_err *err)
{
    enum sp_code rc = get_string_array(body, "instruments", 0, PROJECT_INSTRUMENTS_MAX, ctx->arena,
                                       p->instruments, &p->instrument_count, err);

    for (size_t i = 0; rc == SP_OK && i < p->instrument_count; i++) {
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "/instruments/%zu", i);
        if (core_instrument_find(p->instruments[i]) == NULL)
            return core_instrument_unknown(field, err);
    }
    return rc;
}

static enum sp_code check_followups(const json_t *body, struct project *p, struct sp_err *err)
{
    json_t *arr = json_object_get(body, "followup_months");
    size_t i;
    json_t *v;

    if (arr == NULL)
        return sp_err_invalid(err, "/followup_months", SP_R_REQUIRED, "This member is required.");
    if (!json_is_array(arr))
        return api_wrong_type("/followup_months", "array", err);
    if (json_array_size(arr) > PROJECT_FOLLOWUPS_MAX) {
        sp_err_invalid(err, "/followup_months", SP_R_COUNT,
                       "This member must be a list of at most 12 month counts.");
        return sp_err_range(err, 0, PROJECT_FOLLOWUPS_MAX);
    }
    p->followup_count = 0;
    json_array_foreach(arr, i, v) {
        char field[SP_ERR_FIELD_MAX];

        snprintf(field, sizeof field, "/followup_months/%zu", i);
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 120) {
            sp_err_invalid(err, field, SP_R_RANGE, "Each item must be a month from 1 to 120.");
            return sp_err_range(err, 1, 120);
        }
        if (i > 0 && json_integer_value(v) <= p->followup_months[i - 1])
            return sp_err_invalid(err, field, SP_R_NOT_INCREASING,
                                  "Months must be in increasing order.");
        p->followup_months[p->followup_count++] = (int)json_integer_value(v);
    }
    return SP_OK;
}

static enum sp_code check_region(struct api_ctx *ctx, const json_t *body, struct project *p,
                                 struct sp_err *err)
{
    struct organisation org;
    enum sp_code rc =
        api_get_string(body, "region_code", false, 4, 4, ctx->arena, &p->region.code, err);

    if (rc != SP_OK || p->region.code == NULL)
        return rc;
    rc = store_organisation_get(ctx->store, ctx->arena, p->region.code, &org, err);
    if (rc == SP_NOT_FOUND || (rc == SP_OK && strcmp(org.kind, "region") != 0))
        return sp_err_invalid(err, "/region_code", SP_R_UNKNOWN_REGION,
                              "This is not a region code.");
    p->region.name = org.name;
    return rc;
}

/* A project from a body as POST /api/v1/projects takes it: every check of the create, shared by
 * the PATCH, which runs them on the stored project with its changes laid over (patch_body). */
static enum sp_code parse_project(struct api_ctx *ctx, const json_t *body, struct project *p,
                                  struct sp_err *err)
{
    static const char *const allowed[] = {"slug",
                                          "name",
                                          "description",
                                          "region_code",
                                          "period_start",
                                          "period_end",
                                          "target_count",
                                          "age_min",
                                          "age_max",
                                          "municipalities",
                                          "target_groups",
                                          "instruments",
                                          "followup_months",
                                          "randomised",
                                          "treatment_settings",
                                          "employment_settings",
                                          NULL};
    struct core_date start;
    struct core_date end;
    int64_t target = 0;
    int64_t age_min = 0;
    int64_t age_max = 0;
    enum sp_code rc = api_reject_unknown(body, allowed, err);

    if (rc == SP_OK)
        rc = api_get_line(body, "slug", true, 2, 64, ctx->arena, &p->slug, err);
    if (rc == SP_OK && !valid_slug(p->slug))
        rc = sp_err_invalid(err, "/slug", SP_R_SLUG_FORMAT,
                            "Use 2 to 64 lower-case letters, digits and hyphens, not starting "
                            "with a hyphen.");
    if (rc == SP_OK)
        rc = api_get_line(body, "name", true, 1, 200, ctx->arena, &p->name, err);
    if (rc == SP_OK)
        rc = api_get_string(body, "description", true, 0, 4000, ctx->arena, &p->description, err);
    if (rc == SP_OK)
        rc = api_get_date(body, "period_start", true, ctx->arena, &p->period_start, &start, err);
    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_PROJECT_START, start,
                             &(struct core_date_facts){.today = ctx->today}, "/period_start", err);
    if (rc == SP_OK)
        rc = api_get_date(body, "period_end", true, ctx->arena, &p->period_end, &end, err);
    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_PROJECT_END, end,
                             &(struct core_date_facts){.today = ctx->today, .start = &start},
                             "/period_end", err);
    if (rc == SP_OK)
        rc = api_get_int(body, "target_count", true, 1, 1000000, &target, NULL, err);
    if (rc == SP_OK)
        rc = api_get_int(body, "age_min", true, 15, 99, &age_min, NULL, err);
    if (rc == SP_OK)
        rc = api_get_int(body, "age_max", true, 15, 99, &age_max, NULL, err);
    if (rc == SP_OK && age_max < age_min) {
        sp_err_invalid(err, "/age_max", SP_R_BELOW_MIN, "age_max must not be below age_min.");
        rc = sp_err_min(err, age_min);
    }
    if (rc == SP_OK)
        rc = api_get_bool(body, "randomised", true, &p->randomised, err);
    if (rc == SP_OK)
        rc = check_region(ctx, body, p, err);
    if (rc == SP_OK)
        rc = check_municipalities(ctx, body, p, err);
    if (rc == SP_OK)
        rc = check_target_groups(ctx, body, p, err);
    if (rc == SP_OK)
        rc = check_instruments(ctx, body, p, err);
    if (rc == SP_OK)
        rc = check_followups(body, p, err);
    if (rc == SP_OK)
        rc = parse_treatment(body, &p->treatment, err);
    if (rc == SP_OK)
        rc = parse_employment(body, &p->employment, err);
    p->target_count = target;
    p->age_min = (int)age_min;
    p->age_max = (int)age_max;
    return rc;
}

enum sp_code api_projects_create(struct api_ctx *ctx, struct sp_err *err)
{
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    enum sp_code rc = policy_project_create(ctx->subject, err);
    char location[64];

    if (rc == SP_OK)
        rc = parse_project(ctx, ctx->body, p, err);
    if (rc == SP_OK)
        rc = store_project_create(ctx->store, p, ctx->now, err);
    if (rc == SP_CONFLICT) {
        sp_err_set(err, SP_CONFLICT, "/slug", "A project with this slug already exists.");
        return sp_err_reason(err, SP_R_TAKEN);
    }
    if (rc != SP_OK)
        return rc;
    snprintf(location, sizeof location, "/api/v1/projects/%" PRId64, p->id);
    ctx->status = 201;
    ctx->location = sp_arena_strndup(ctx->arena, location, strlen(location));
    ctx->etag_version = p->version;
    return api_answer(ctx, api_project_json(p), err);
}

enum sp_code api_projects_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    enum sp_code rc = policy_signed_in(ctx->subject, err);

    if (rc == SP_OK)
        rc = store_project_get(ctx->store, ctx->arena, ctx->id, p, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = p->version;
    return api_answer(ctx, api_project_json(p), err);
}

enum sp_code api_projects_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_page page;
    struct project *items = NULL;
    size_t count = 0;
    bool more = false;
    enum sp_code rc = policy_signed_in(ctx->subject, err);
    json_t *array;

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    if (rc == SP_OK)
        rc = store_project_list(ctx->store, ctx->arena, &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    array = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&array, api_project_json(&items[i]));
    return api_answer(ctx, api_list_reply(array, more, count ? items[count - 1].id : 0), err);
}

/* The stored project as the body POST /api/v1/projects takes: what a PATCH is laid over. */
static json_t *create_body_of(const struct project *p)
{
    json_t *body = api_project_json(p);
    json_t *codes = json_array();

    for (size_t i = 0; i < p->municipality_count; i++)
        api_push(&codes, json_string(p->municipalities[i].code));
    api_put(&body, "municipalities", codes);
    if (p->region.code != NULL)
        api_put(&body, "region_code", json_string(p->region.code));
    json_object_del(body, "region");
    json_object_del(body, "id");
    json_object_del(body, "version");
    return body;
}

/* The PATCH laid over the stored project: each member sent replaces the stored one, but
 * treatment_settings and employment_settings, whose members replace only those named (null switches
 * a threshold off, as in the create), and region_code, which null removes. The slug (the project's
 * name in links and exports) and randomised (fixed once people have been allocated) stay as
 * created. */
static enum sp_code patch_body(const json_t *patch, json_t *body, struct sp_err *err)
{
    static const char *const allowed[] = {"name",
                                          "description",
                                          "region_code",
                                          "period_start",
                                          "period_end",
                                          "target_count",
                                          "age_min",
                                          "age_max",
                                          "municipalities",
                                          "target_groups",
                                          "instruments",
                                          "followup_months",
                                          "treatment_settings",
                                          "employment_settings",
                                          NULL};
    const char *key;
    json_t *v;
    enum sp_code rc = SP_OK;

    if (json_object_get(patch, "slug") != NULL)
        return sp_err_invalid(err, "/slug", SP_R_NOT_CHANGEABLE, "The slug cannot be changed.");
    if (json_object_get(patch, "randomised") != NULL)
        return sp_err_invalid(err, "/randomised", SP_R_NOT_CHANGEABLE,
                              "Whether a project randomises cannot be changed.");
    rc = api_reject_unknown(patch, allowed, err);
    if (rc == SP_OK && json_object_size(patch) == 0)
        rc = sp_err_invalid(err, "", SP_R_NOTHING_TO_CHANGE, "Send at least one member to change.");
    json_object_foreach((json_t *)patch, key, v) {
        json_t *settings = json_object_get(body, key);

        if (rc != SP_OK)
            break;
        if (strcmp(key, "region_code") == 0 && json_is_null(v))
            json_object_del(body, key);
        else if ((strcmp(key, "treatment_settings") == 0 ||
                  strcmp(key, "employment_settings") == 0) &&
                 json_is_object(v))
            json_object_update(settings, v);
        else
            json_object_set(body, key, v);
    }
    return rc;
}

/* A municipality with a team of the project stays in it: the team's people and enrolments
 * belong to the project there (docs/security-model.md: a team is the staff of one project in
 * one municipality). */
static enum sp_code check_teams_kept(struct api_ctx *ctx, const struct project *p,
                                     struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 200};
    bool more = true;
    enum sp_code rc = SP_OK;

    while (rc == SP_OK && more) {
        struct team *teams = NULL;
        size_t count = 0;

        rc = store_team_list(ctx->store, ctx->arena, p->id, &page, &teams, &count, &more, err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            bool kept = false;

            for (size_t m = 0; m < p->municipality_count && !kept; m++)
                kept = strcmp(p->municipalities[m].code, teams[i].municipality_code) == 0;
            if (!kept)
                rc = sp_err_invalid(
                    err, "/municipalities", SP_R_MUNICIPALITY_HAS_TEAM,
                    "Municipality %s has a team in this project; keep it in the list.",
                    teams[i].municipality_code);
        }
        if (count > 0)
            page.after = teams[count - 1].id;
    }
    return rc;
}

enum sp_code api_projects_patch(struct api_ctx *ctx, struct sp_err *err)
{
    struct project *stored = sp_arena_alloc(ctx->arena, sizeof *stored);
    struct project *p = sp_arena_alloc(ctx->arena, sizeof *p);
    json_t *body = NULL;
    enum sp_code rc = policy_administer(ctx->subject, err);

    if (rc == SP_OK)
        rc = store_project_get(ctx->store, ctx->arena, ctx->id, stored, err);
    /* A stale version is told before the body's problems, as for every PATCH; the write itself
     * is conditional on the version as well (store_project_update). */
    if (rc == SP_OK && stored->version != ctx->if_match) {
        err->current_version = stored->version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The project has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK) {
        rc = api_built(create_body_of(stored), &body, err);
        if (rc == SP_OK)
            rc = patch_body(ctx->body, body, err);
    }
    if (rc == SP_OK)
        rc = parse_project(ctx, body, p, err);
    json_decref(body);
    p->id = stored->id;
    p->slug = stored->slug;
    p->randomised = stored->randomised;
    if (rc == SP_OK)
        rc = check_teams_kept(ctx, p, err);
    if (rc == SP_OK)
        rc = store_project_update(ctx->store, p, ctx->if_match, err);
    if (rc == SP_OK)
        rc = store_project_get(ctx->store, ctx->arena, p->id, p, err);
    if (rc != SP_OK)
        return rc;
    api_audit(ctx, 0, "project_change");
    ctx->etag_version = p->version;
    return api_answer(ctx, api_project_json(p), err);
}
