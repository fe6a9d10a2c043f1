/* Allow-all until the security issue: every decision point exists and is called, so that the
 * model arrives here, not in handlers. */
#include "policy/policy.h"

enum sp_code policy_reference_read(const struct policy_subject *who, struct sp_err *err)
{
    (void)who;
    (void)err;
    return SP_OK; /* reference data is public */
}

enum sp_code policy_project_list(const struct policy_subject *who, struct sp_err *err)
{
    (void)who;
    (void)err;
    return SP_OK;
}

enum sp_code policy_project_read(const struct policy_subject *who, int64_t project_id,
                                 struct sp_err *err)
{
    (void)who;
    (void)project_id;
    (void)err;
    return SP_OK;
}

enum sp_code policy_project_create(const struct policy_subject *who, struct sp_err *err)
{
    (void)who;
    (void)err;
    return SP_OK;
}

enum sp_code policy_citizen_create(const struct policy_subject *who, struct sp_err *err)
{
    (void)who;
    (void)err;
    return SP_OK;
}

enum sp_code policy_citizen_search(const struct policy_subject *who, struct sp_err *err)
{
    (void)who;
    (void)err;
    return SP_OK;
}

enum sp_code policy_citizen_read(const struct policy_subject *who, int64_t citizen_id,
                                 struct sp_err *err)
{
    (void)who;
    (void)citizen_id;
    (void)err;
    return SP_OK;
}

enum sp_code policy_enrolment_create(const struct policy_subject *who, int64_t project_id,
                                     int64_t citizen_id, struct sp_err *err)
{
    (void)who;
    (void)project_id;
    (void)citizen_id;
    (void)err;
    return SP_OK;
}

enum sp_code policy_enrolment_list(const struct policy_subject *who, int64_t project_id,
                                   struct sp_err *err)
{
    (void)who;
    (void)project_id;
    (void)err;
    return SP_OK;
}

enum sp_code policy_enrolment_read(const struct policy_subject *who, int64_t enrolment_id,
                                   struct sp_err *err)
{
    (void)who;
    (void)enrolment_id;
    (void)err;
    return SP_OK;
}

enum sp_code policy_enrolment_write(const struct policy_subject *who, int64_t enrolment_id,
                                    struct sp_err *err)
{
    (void)who;
    (void)enrolment_id;
    (void)err;
    return SP_OK;
}
