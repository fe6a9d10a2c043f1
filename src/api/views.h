/* JSON shapes shared by more than one api/ file. */
#ifndef SP_API_VIEWS_H
#define SP_API_VIEWS_H

#include <jansson.h>

#include "api/api.h"
#include "policy/policy.h"

/* An enrolment as the caller may see it (view NULL: no summaries): health_summary and
 * employment_summary are present only where the policy's view allows. *out is a new reference. */
enum sp_code api_enrolment_json(struct api_ctx *ctx, const struct enrolment *e,
                                const struct policy_enrolment_view *view, json_t **out,
                                struct sp_err *err);

/* A task's owner: {kind: "member", id, name} or {kind: "young_person"} (tasks.c). */
json_t *api_task_owner_json(const struct task *t);

/* The case's assignees as {"care_manager": {id, name} | null, "therapist": …, "caseworker": …,
 * "job_consultant": …, "resource_consultant": …}: every role present, null when nobody carries
 * the case in it (assignments.c). *out is a new reference. */
enum sp_code api_assignments_json(struct api_ctx *ctx, int64_t enrolment_id, json_t **out,
                                  struct sp_err *err);
/* The same object from assignment rows already read (the caseload's). */
json_t *api_assignments_object(const struct assignment *items, size_t count);

/* Apply an assignments object ({role: user id | null, …}) to enrolment_id: each user must be an
 * enabled member of the enrolment's team with that role. Everything is checked before anything
 * is written. Problems are named under `pointer` ("" for a whole body, "/assignments" inside a
 * referral). With at_least_one, an empty object is refused. */
enum sp_code api_assignments_apply(struct api_ctx *ctx, int64_t enrolment_id, const json_t *obj,
                                   const char *pointer, bool at_least_one, struct sp_err *err);

/* How an enrolment in a final status ended: {"reason", "note"?, "by", "role", "at",
 * "previous_status"} from the newest status change when that is its ending; *out NULL when the
 * ending is not recorded (enrolment_status.c). The note only where the policy lets the caller
 * read it. */
enum sp_code api_ending_json(struct api_ctx *ctx, const struct enrolment *e, json_t **out,
                             struct sp_err *err);
/* Record a status change of ctx's enrolment made by the caller (kind "move", "end", "reopen"). */
enum sp_code api_status_change_record(struct api_ctx *ctx, int64_t enrolment_id, const char *from,
                                      const char *to, const char *kind, const char *reason,
                                      const char *note, struct sp_err *err);

#endif
