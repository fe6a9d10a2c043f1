/* Team contact between the sectors (IPS principle 3; docs/api-contract.md "Team notes"): a dated
 * note by a member of the young person's team, municipal or health, about them.
 *   GET  /api/v1/enrolments/{id}/team-notes  newest first, paged: the notes the caller may read
 *   POST /api/v1/enrolments/{id}/team-notes  {date, text} → 201
 * What a note is about is its author's sector (policy_team_note_class): a health member's note is
 * about health, a municipal member's about work or education. Who reads it is
 * policy_team_note_visible's: the other sector only while the consent the content needs is given,
 * the author always (docs/security-model.md "Team notes"). */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "core/meeting.h"
#include "policy/policy.h"

static json_t *note_json(const struct team_note *n)
{
    return api_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)n->id, "enrolment_id",
                    (json_int_t)n->enrolment_id, "date", n->date, "content_class", n->content_class,
                    "text", n->text, "author", api_user_ref(n->author_id, n->author_name),
                    "created_at", n->created_at);
}

enum sp_code api_team_notes_list(struct api_ctx *ctx, struct sp_err *err)
{
    struct policy_enrolment_view view = {0};
    struct team_note *items = NULL;
    struct store_page page;
    unsigned classes = 0;
    size_t count = 0;
    bool more = false;
    int64_t citizen_id = 0;
    json_t *list;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, &view, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = api_get_list_query(ctx, NULL, &page, err);
    /* The classes the reader sees in others' notes, as bits of core_team_note_classes. */
    for (unsigned i = 0; i < CORE_TEAM_NOTE_CLASS_COUNT; i++)
        if (policy_team_note_visible(&view, core_team_note_classes[i], false))
            classes |= 1u << i;
    if (rc == SP_OK)
        rc = store_team_note_list(ctx->store, ctx->arena, ctx->id, classes, ctx->subject->user->id,
                                  &page, &items, &count, &more, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, note_json(&items[i]));
    return api_answer(ctx, api_list_reply(list, more, count ? items[count - 1].id : 0), err);
}

enum sp_code api_team_notes_create(struct api_ctx *ctx, struct sp_err *err)
{
    static const char *const allowed[] = {"date", "text", NULL};
    struct team_note n = {.enrolment_id = ctx->id};
    struct api_date_facts facts;
    struct core_date d;
    int64_t citizen_id = 0;
    enum sp_code rc =
        policy_enrolment_write(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "team_note");
    n.content_class = policy_team_note_class(ctx->subject);
    if (rc == SP_OK && n.content_class == NULL)
        rc = sp_err_set(err, SP_FORBIDDEN, "", "Team notes are written by team members.");
    if (rc == SP_OK)
        rc = api_reject_unknown(ctx->body, allowed, err);
    if (rc == SP_OK)
        rc = api_get_date(ctx->body, "date", true, ctx->arena, &n.date, &d, err);
    if (rc == SP_OK)
        rc = api_enrolment_date_facts(ctx, ctx->id, &facts, err);
    if (rc == SP_OK)
        rc = core_date_check(DATE_KIND_MEETING, d, &facts.facts, "/date", err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "text", true, 1, CORE_TEAM_NOTE_MAX, ctx->arena, &n.text,
                            err);
    if (rc != SP_OK)
        return rc;
    n.author_id = ctx->subject->user->id;
    n.author_name = ctx->subject->user->display_name;
    n.created_at = ctx->now;
    rc = store_team_note_add(ctx->store, &n, err);
    if (rc != SP_OK)
        return rc;
    ctx->status = 201;
    return api_answer(ctx, note_json(&n), err);
}
