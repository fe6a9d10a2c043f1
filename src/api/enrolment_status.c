/* The status history of an enrolment, and reopening one that was ended by mistake.
 *   GET  /api/v1/enrolments/{id}/status-history  every status change since migration 0010,
 *        oldest first, with its reason and note: case roles on the team (as for the enrolment)
 *   POST /api/v1/enrolments/{id}/reopen  If-Match: "<version>"  {reason, note?} → 200, the
 *        enrolment back in the status it had before it ended: the team's supervising clinician
 *        or the project's lead only (policy_enrolment_reopen)
 * Ending itself is a PATCH of the enrolment's status with status_reason (enrolments.c); the
 * reasons are short lists in src/core/enrolment.c. */
#include <string.h>

#include "api/api.h"
#include "api/pack.h"
#include "api/validate.h"
#include "api/views.h"
#include "core/enrolment.h"
#include "policy/policy.h"

enum sp_code api_status_change_record(struct api_ctx *ctx, int64_t enrolment_id, const char *from,
                                      const char *to, const char *kind, const char *reason,
                                      const char *note, struct sp_err *err)
{
    struct status_change c = {.enrolment_id = enrolment_id,
                              .from_status = from,
                              .to_status = to,
                              .kind = kind,
                              .reason = reason,
                              .note = note,
                              .changed_by = ctx->subject->user->id,
                              .changed_role = policy_audit_role(ctx->subject),
                              .changed_at = ctx->now};

    return store_status_change_add(ctx->store, &c, err);
}

/* The note goes only where the policy lets the caller read it (a clinician's note may carry
 * health detail): NULL, so that it is left out (pack's "s*"), never null. */
static const char *note_shown(struct api_ctx *ctx, const struct status_change *c)
{
    return policy_status_note_visible(ctx->subject, c->changed_role) ? c->note : NULL;
}

static json_t *change_json(struct api_ctx *ctx, const struct status_change *c)
{
    return api_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s*, s:s*}", "id", (json_int_t)c->id,
                    "from_status", c->from_status, "to_status", c->to_status, "kind", c->kind, "by",
                    api_user_ref(c->changed_by, c->changed_by_name), "role", c->changed_role, "at",
                    c->changed_at, "reason", c->reason, "note", note_shown(ctx, c));
}

/* The ending in force: the newest change, when it ended the enrolment in its present status. */
static enum sp_code find_ending(struct api_ctx *ctx, const struct enrolment *e,
                                const struct status_change **out, struct sp_err *err)
{
    struct status_change *items = NULL;
    size_t count = 0;
    enum sp_code rc = store_status_change_list(ctx->store, ctx->arena, e->id, &items, &count, err);

    *out = NULL;
    if (rc == SP_OK && count > 0 && strcmp(items[count - 1].kind, "end") == 0 &&
        strcmp(items[count - 1].to_status, e->status) == 0)
        *out = &items[count - 1];
    return rc;
}

enum sp_code api_ending_json(struct api_ctx *ctx, const struct enrolment *e, json_t **out,
                             struct sp_err *err)
{
    const struct status_change *c = NULL;
    enum enrolment_status status;
    enum sp_code rc = SP_OK;

    *out = NULL;
    if (!core_enrolment_status_from(e->status, &status) || !core_enrolment_status_final(status))
        return SP_OK;
    rc = find_ending(ctx, e, &c, err);
    if (rc != SP_OK || c == NULL)
        return rc;
    return api_built(
        api_pack("{s:s, s:o, s:s, s:s, s:s, s:s*}", "reason", c->reason ? c->reason : "", "by",
                 api_user_ref(c->changed_by, c->changed_by_name), "role", c->changed_role, "at",
                 c->changed_at, "previous_status", c->from_status, "note", note_shown(ctx, c)),
        out, err);
}

enum sp_code api_status_history_get(struct api_ctx *ctx, struct sp_err *err)
{
    struct status_change *items = NULL;
    size_t count = 0;
    int64_t citizen_id = 0;
    json_t *list;
    enum sp_code rc = policy_enrolment_read(ctx->subject, ctx->store, ctx->arena, ctx->id,
                                            &citizen_id, NULL, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "read");
    if (rc == SP_OK)
        rc = store_status_change_list(ctx->store, ctx->arena, ctx->id, &items, &count, err);
    if (rc != SP_OK)
        return rc;
    list = json_array();
    for (size_t i = 0; i < count; i++)
        api_push(&list, change_json(ctx, &items[i]));
    return api_answer(ctx, api_pack("{s:o, s:n}", "items", list, "next_cursor"), err);
}

static enum sp_code parse_reopen(struct api_ctx *ctx, const char **reason, const char **note,
                                 struct sp_err *err)
{
    static const char *const allowed[] = {"reason", "note", NULL};
    enum sp_code rc = api_reject_unknown(ctx->body, allowed, err);

    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "reason", true, 1, 32, ctx->arena, reason, err);
    if (rc == SP_OK && !core_enrolment_reopen_reason_valid(*reason))
        rc = api_one_of_listed("/reason", core_enrolment_reopen_reasons(), err);
    if (rc == SP_OK)
        rc = api_get_string(ctx->body, "note", false, 1, 2000, ctx->arena, note, err);
    if (rc == SP_OK && *note == NULL && core_enrolment_reason_needs_note(*reason))
        rc = sp_err_invalid(err, "/note", SP_R_NOTE_REQUIRED_FOR_OTHER, "Say what the reason is.");
    return rc;
}

/* The status to go back to: the one the enrolment had before its recorded ending. */
static enum sp_code previous_status(struct api_ctx *ctx, const struct enrolment *e,
                                    enum enrolment_status *to, struct sp_err *err)
{
    const struct status_change *c = NULL;
    enum enrolment_status now;
    enum sp_code rc;

    if (!core_enrolment_status_from(e->status, &now) || !core_enrolment_status_final(now))
        return sp_err_set(err, SP_CONFLICT, "", "The enrolment has not ended.");
    rc = find_ending(ctx, e, &c, err);
    if (rc != SP_OK)
        return rc;
    if (c == NULL || !core_enrolment_status_from(c->from_status, to) ||
        !core_enrolment_can_reopen(now, *to))
        return sp_err_set(err, SP_CONFLICT, "",
                          "How this enrolment ended is not recorded, so it cannot be reopened.");
    return SP_OK;
}

enum sp_code api_enrolment_reopen(struct api_ctx *ctx, struct sp_err *err)
{
    struct enrolment e = {0};
    const char *reason = NULL;
    const char *note = NULL;
    const char *ended = NULL;
    enum enrolment_status to;
    int64_t citizen_id = 0;
    json_t *obj = NULL;
    enum sp_code rc =
        policy_enrolment_reopen(ctx->subject, ctx->store, ctx->arena, ctx->id, &citizen_id, err);

    if (citizen_id > 0)
        api_audit(ctx, citizen_id, "update");
    if (rc == SP_OK)
        rc = parse_reopen(ctx, &reason, &note, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK && e.version != ctx->if_match) {
        err->current_version = e.version;
        rc = sp_err_set(err, SP_STALE, "",
                        "The enrolment has changed since it was read. Read it again and retry.");
    }
    if (rc == SP_OK)
        rc = previous_status(ctx, &e, &to, err);
    if (rc != SP_OK)
        return rc;
    ended = e.status;
    e.status = core_enrolment_status_name(to);
    e.status_changed = ctx->now;
    rc = store_enrolment_update(ctx->store, &e, ctx->if_match, err);
    if (rc == SP_OK)
        rc = api_status_change_record(ctx, e.id, ended, e.status, "reopen", reason, note, err);
    if (rc == SP_OK)
        rc = store_enrolment_get(ctx->store, ctx->arena, ctx->id, &e, err);
    if (rc == SP_OK)
        rc = api_enrolment_json(ctx, &e, NULL, &obj, err);
    if (rc != SP_OK)
        return rc;
    ctx->etag_version = e.version;
    ctx->reply = obj;
    return SP_OK;
}
