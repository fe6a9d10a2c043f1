/* Contacts with employers (job development; docs/api-contract.md "Employers"): a consultant's
 * visit, call or e-mail, to learn about the workplace, present a candidate or follow up — for one
 * young person or none.
 *   GET  /api/v1/employers/{id}/contacts  newest first, paged: those about no one, and those
 *        about a young person whose enrolment the caller may read
 *   POST /api/v1/employers/{id}/contacts  {date, kind, purpose, contact_person_id?,
 *        enrolment_id?, outcome?, next_step?, next_step_date?} → 201
 *   GET  /api/v1/enrolments/{id}/employer-contacts  one young person's, newest first, paged
 * A contact about a young person tells that they are in the programme, so it is part of their
 * record: read and written only by who may read the enrolment, and audited on their citizen
 * (docs/security-model.md "Employers"). All of it is the job centre's work: municipal roles. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/employer.h"
#include "policy/policy.h"

static json_t *contact_json(const struct employer_contact *c)
{
    json_t *o = api_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:s*, s:s*, s:s*, s:o, s:s, s:I}",
                         "id", (json_int_t)c->id, "employer", "id", (json_int_t)c->employer_id,
                         "name", c->employer_name ? c->employer_name : "", "date", c->date, "kind",
                         c->kind, "purpose", c->purpose, "outcome", c->outcome, "next_step",
                         c->next_step, "next_step_date", c->next_step_date, "consultant",
                         api_user_ref(c->consultant_id, c->consultant_name), "created_at",
                         c->created_at, "version", (json_int_t)c->version);

    if (c->contact_person_id > 0)
        api_put(&o, "contact_person",
                api_pack("{s:I, s:s}", "id", (json_int_t)c->contact_person_id, "name",
                         c->contact_person_name ? c->contact_person_name : ""));
    if (c->enrolment_id > 0) {
        api_put(&o, "enrolment_id", json_integer(c->enrolment_id));
        api_put(&o, "citizen",
                api_pack("{s:I, s:s}", "id", (json_int_t)c->citizen_id, "name",
                         c->citizen_name ? c->citizen_name : ""));
    }
    return o;
}

/* One page as {items, next_cursor}; each young person listed is a read of their record. */
static enum sp_code reply_contacts(struct api_ctx *ctx,
                                   const struct store_employer_contact_filter *f,
                                   const struct store_page *page, bool audit_each,
                                   struct sp_err *err)
{
    struct employer_contact *items = NULL;
    size_t count = 0;
    bool more = false;
    json_t *list;
    enum sp_code rc =
        store_employer_contact_list(ctx->store, ctx->arena, f, page, &items, &count, &more, err);

    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++) {
        bool seen = items[i].citizen_id == 0;

        for (size_t j = 0; j < i && !seen; j++)
            seen = items[j].citizen_id == items[i].citizen_id;
        if (audit_each && !seen)
            api_audit(ctx, items[i].citizen_id, "read");
        api_push(&list, contact_json(&items[i]));
    }
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

/* The employer of the path, if who may work with its contacts. */
static enum sp_code employer_for_contacts(struct api_ctx *ctx, struct employer *e,
                                          struct sp_err *err)
{
    enum sp_code rc = policy_case_work(ctx->subject, err);

    if (rc == SP_OK)
        rc = store_employer_get(ctx->store, ctx->arena, ctx->id, e, err);
    if (rc == SP_OK)
        rc = policy_employer_work(ctx->subject, e->municipality_code, err);
    return rc;
}

enum sp_code api_employer_contacts_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_employer_contact_filter f = {.employer_id = ctx->id};
    struct store_page page;
    struct employer e = {0};
    enum sp_code rc = employer_for_contacts(ctx, &e, err);

    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    /* Contacts about a young person only where the caller sees their enrolment's team (as
     * policy_enrolment_read decides). */
    if (rc == SP_OK)
        rc = policy_visible_teams(ctx->subject, ctx->arena, &f.teams, err);
    if (rc != SP_OK)
        return rc;
    return reply_contacts(ctx, &f, &page, true, err);
}

enum sp_code api_enrolment_employer_contacts_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct store_employer_contact_filter f = {.enrolment_id = ctx->id};
    struct store_page page;
    /* Health roles never reach here (the route is the municipal roles', policy/routes.c). */
    enum sp_code rc = api_enrolment_list_gate(ctx, &page, err);

    if (rc != SP_OK)
        return rc;
    return reply_contacts(ctx, &f, &page, false, err);
}

/* The young person the contact is about (into c->citizen_id and citizen_name): an enrolment the
 * caller may read, else 422 (the id names nothing the caller can use; whether it exists is not
 * theirs to know). */
static enum sp_code check_enrolment(struct api_ctx *ctx, struct employer_contact *c,
                                    struct sp_err *err)
{
    struct citizen person;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, c->enrolment_id,
                                            &c->citizen_id, NULL, err);

    if (c->citizen_id > 0)
        api_audit(ctx, c->citizen_id, "employer_contact");
    if (rc == SP_NOT_FOUND || rc == SP_FORBIDDEN)
        return sp_err_invalid(err, "/enrolment_id", SP_R_NO_SUCH_RECORD,
                              "There is no enrolment with this id that you may read.");
    if (rc == SP_OK)
        rc = store_citizen_get(ctx->store, ctx->arena, c->citizen_id, &person, err);
    if (rc == SP_OK)
        c->citizen_name = person.name;
    return rc;
}

static enum sp_code check_person(const struct employer *e, int64_t person_id, struct sp_err *err)
{
    for (size_t i = 0; i < e->contact_person_count; i++)
        if (e->contact_persons[i].id == person_id)
            return SP_OK;
    return sp_err_invalid(err, "/contact_person_id", SP_R_NO_SUCH_RECORD,
                          "The employer has no contact person with this id.");
}

/* A code of `list` at member key (required). */
static enum sp_code get_code(struct api_ctx *ctx, const char *key, const char *const *list,
                             const char **out, struct sp_err *err)
{
    char field[40];
    enum sp_code rc = api_get_string(ctx->body, key, true, 1, 40, ctx->arena, out, err);

    snprintf(field, sizeof field, "/%s", key);
    if (rc == SP_OK && !core_employer_code_in(list, *out))
        rc = api_one_of_listed(field, list, err);
    return rc;
}

/* date, and next_step_date on or after it, within their bounds (core/date_bounds.c). */
static enum sp_code read_dates(struct api_ctx *ctx, struct employer_contact *c, struct sp_err *err)
{
    struct core_date date;
    struct core_date next;
    struct core_date_facts facts = {.today = ctx->today};
    enum sp_code rc = api_get_date(ctx->body, "date", true, ctx->arena, &c->date, &date, err);

    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_EMPLOYER_CONTACT, date, &facts, "/date", err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "next_step_date", false, ctx->arena, &c->next_step_date, &next,
                          err);
    facts.start = &date;
    if (rc == SP_OK && c->next_step_date != NULL)
        rc = core_date_check(DATE_KIND_NEXT_STEP, next, &facts, "/next_step_date", err);
    return rc;
}

enum sp_code api_employer_contact_gate(struct api_ctx *ctx, const char *action, int64_t citizen_id,
                                       struct sp_err *err)
{
    struct employer e = {0};
    struct employer_contact c = {0};
    bool present = false;
    enum sp_code rc = employer_for_contacts(ctx, &e, err);

    if (citizen_id == 0)
        api_audit(ctx, 0, action);
    if (rc == SP_OK && citizen_id > 0)
        rc = api_get_int(ctx->body, "enrolment_id", true, 1, INT64_MAX, &c.enrolment_id, &present,
                         err);
    if (rc == SP_OK && citizen_id > 0)
        rc = check_enrolment(ctx, &c, err);
    return rc;
}

enum sp_code api_employer_contacts_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {
        "date",      "kind",           "purpose", "contact_person_id", "enrolment_id", "outcome",
        "next_step", "next_step_date", NULL};
    struct employer_contact c = {0};
    struct employer e = {0};
    bool present = false;
    enum sp_code rc = employer_for_contacts(ctx, &e, err);

    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "enrolment_id", false, 1, INT64_MAX, &c.enrolment_id, &present,
                         err);
    /* A refused attempt is audited too: against the young person once their enrolment is read,
     * else without a citizen. */
    if (rc == SP_OK && present)
        rc = check_enrolment(ctx, &c, err);
    else
        api_audit(ctx, 0, "employer_contact");
    if (rc == SP_OK)
        rc = read_dates(ctx, &c, err);
    if (rc == SP_OK)
        rc = get_code(ctx, "kind", core_employer_contact_kinds, &c.kind, err);
    if (rc == SP_OK)
        rc = get_code(ctx, "purpose", core_employer_contact_purposes, &c.purpose, err);
    if (rc == SP_OK)
        rc = api_get_int(ctx->body, "contact_person_id", false, 1, INT64_MAX, &c.contact_person_id,
                         &present, err);
    if (rc == SP_OK && present)
        rc = check_person(&e, c.contact_person_id, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "outcome", false, 1, 4000, ctx->arena, &c.outcome, err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "next_step", false, 1, 1000, ctx->arena, &c.next_step, err);
    if (rc != SP_OK)
        return rc;
    c.employer_id = e.id;
    c.employer_name = e.name;
    c.consultant_id = ctx->subject->user->id;
    c.consultant_name = ctx->subject->user->display_name;
    c.created_at = ctx->now;
    rc = store_employer_contact_add(ctx->store, &c, err);
    if (rc != SP_OK)
        return rc;
    /* The answer names the young person and the contact person as the lists do. */
    for (size_t i = 0; i < e.contact_person_count; i++)
        if (e.contact_persons[i].id == c.contact_person_id)
            c.contact_person_name = e.contact_persons[i].name;
    ctx->status = 201;
    return api_answer(ctx, contact_json(&c), err);
}
