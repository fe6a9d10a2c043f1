/* Who may see or do what: the only place that decides (DESIGN.md §4). Every api/ handler calls
 * its function here before it reads or writes; the security issue replaces the bodies with the
 * real model (teams, municipalities, consent, roles) without touching a handler.
 *
 * Each returns SP_OK when allowed, SP_UNAUTHENTICATED without a subject where one is needed,
 * SP_FORBIDDEN when refused, or SP_NOT_FOUND where a record's existence is not the caller's to
 * know (another municipality's citizen). Never allocates, never writes. */
#ifndef SP_POLICY_POLICY_H
#define SP_POLICY_POLICY_H

#include <stdint.h>

#include "base/err.h"

/* The signed-in caller; until authentication exists, handlers pass NULL (anonymous). */
struct policy_subject;

enum sp_code policy_reference_read(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_project_list(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_project_read(const struct policy_subject *who, int64_t project_id,
                                 struct sp_err *err);
enum sp_code policy_project_create(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_citizen_create(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_citizen_search(const struct policy_subject *who, struct sp_err *err);
enum sp_code policy_citizen_read(const struct policy_subject *who, int64_t citizen_id,
                                 struct sp_err *err);
enum sp_code policy_enrolment_create(const struct policy_subject *who, int64_t project_id,
                                     int64_t citizen_id, struct sp_err *err);
enum sp_code policy_enrolment_list(const struct policy_subject *who, int64_t project_id,
                                   struct sp_err *err);
enum sp_code policy_enrolment_read(const struct policy_subject *who, int64_t enrolment_id,
                                   struct sp_err *err);
enum sp_code policy_enrolment_write(const struct policy_subject *who, int64_t enrolment_id,
                                    struct sp_err *err);

#endif
