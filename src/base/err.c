#include "base/err.h"

#include <stdarg.h>
#include <string.h>

#include "base/utf8.h"

/* Titles follow PostgreSQL's message style: short, factual, lower case, no period. */
static const struct sp_code_info code_table[SP__COUNT] = {
    [SP_OK] = {"ok", 200, "ok"},
    [SP_MALFORMED] = {"malformed", 400, "request body is not valid JSON"},
    [SP_INVALID] = {"invalid", 422, "request failed validation"},
    [SP_UNAUTHENTICATED] = {"unauthenticated", 401, "sign-in required"},
    [SP_FORBIDDEN] = {"forbidden", 403, "not allowed"},
    [SP_CSRF] = {"csrf", 403, "X-CSRF-Token missing or wrong"},
    [SP_THROTTLED] = {"throttled", 429, "too many failed sign-ins"},
    [SP_NOT_FOUND] = {"not_found", 404, "not found"},
    [SP_METHOD] = {"method_not_allowed", 405, "method not allowed on this resource"},
    [SP_CONFLICT] = {"conflict", 409, "conflicts with existing data"},
    [SP_PRECONDITION] = {"precondition_required", 428, "If-Match header required"},
    [SP_STALE] = {"stale", 412, "changed since it was read"},
    [SP_TOO_LARGE] = {"too_large", 413, "request body too large"},
    [SP_URI_TOO_LONG] = {"uri_too_long", 414, "request target too long"},
    [SP_HEADERS_LARGE] = {"headers_too_large", 431, "request header fields too large"},
    [SP_BAD_REQUEST] = {"bad_request", 400, "request line or header fields refused"},
    [SP_UNSUPPORTED] = {"unsupported_media_type", 415, "request body must be application/json"},
    [SP_BUSY] = {"busy", 503, "storage busy, try again"},
    [SP_UNAVAILABLE] = {"unavailable", 503, "storage unavailable"},
    [SP_INTERNAL] = {"internal", 500, "internal error"},
};

/* The one table of reasons: docs/api-contract.md "Reasons" explains each, the OpenAPI Problem
 * schema lists the names (tests/unit/base/reason_test.c keeps them equal), and the UI has a text
 * for each in ui/src/i18n/da.ts and en.ts ("problem.reason.<name>", the same test checks). */
static const struct sp_reason_info reason_table[SP_R__COUNT] = {
    [SP_R_INVALID] = {"invalid", 0},
    [SP_R_REQUIRED] = {"required", 0},
    [SP_R_WRONG_TYPE] = {"wrong_type", SP_P_EXPECTED},
    [SP_R_UNKNOWN_MEMBER] = {"unknown_member", 0},
    [SP_R_LENGTH] = {"length_out_of_range", SP_P_MIN | SP_P_MAX},
    [SP_R_TOO_SHORT] = {"too_short", SP_P_MIN},
    [SP_R_RANGE] = {"out_of_range", SP_P_MIN | SP_P_MAX},
    [SP_R_BELOW_MIN] = {"below_minimum", SP_P_MIN},
    [SP_R_COUNT] = {"count_out_of_range", SP_P_MIN | SP_P_MAX},
    [SP_R_CONTROL_CHARACTERS] = {"control_characters", 0},
    [SP_R_NOT_ONE_LINE] = {"not_one_line", 0},
    [SP_R_BLANK] = {"blank", 0},
    [SP_R_ONE_OF] = {"one_of", SP_P_ALLOWED},
    [SP_R_REPEATED] = {"repeated", 0},
    [SP_R_NOT_INCREASING] = {"not_increasing", 0},
    [SP_R_NOTHING_TO_CHANGE] = {"nothing_to_change", 0},
    [SP_R_NO_SUCH_RECORD] = {"no_such_record", 0},
    [SP_R_NOT_AN_ID] = {"not_an_id", 0},
    [SP_R_CURSOR] = {"cursor_invalid", 0},
    [SP_R_NOT_UTF8] = {"not_utf8", 0},
    [SP_R_IDEMPOTENCY_KEY_FORMAT] = {"idempotency_key_format", SP_P_MIN | SP_P_MAX},
    [SP_R_IDEMPOTENCY_KEY_REUSED] = {"idempotency_key_reused", 0},
    [SP_R_DATE_FORMAT] = {"date_format", 0},
    [SP_R_WEEK_FORMAT] = {"week_format", 0},
    [SP_R_DATE_NOT_IN_CALENDAR] = {"date_not_in_calendar", 0},
    [SP_R_YEAR_RANGE] = {"year_out_of_range", SP_P_MIN | SP_P_MAX},
    [SP_R_DATE_IN_FUTURE] = {"date_in_future", SP_P_LATEST},
    [SP_R_DATE_TOO_FAR_AHEAD] = {"date_too_far_ahead", SP_P_LATEST},
    [SP_R_DATE_BEFORE_BIRTH] = {"date_before_birth", 0},
    [SP_R_DATE_BEFORE_REFERRAL] = {"date_before_referral", 0},
    [SP_R_DATE_BEFORE_PROJECT_START] = {"date_before_project_start", SP_P_EARLIEST},
    [SP_R_DATE_BEFORE_START] = {"date_before_start", SP_P_EARLIEST},
    [SP_R_DATE_BEFORE_ASSESSMENT] = {"date_before_assessment", 0},
    [SP_R_CPR_FORMAT] = {"cpr_format", 0},
    [SP_R_ECPR_FORMAT] = {"ecpr_format", 0},
    [SP_R_ECPR_SEVENTH] = {"ecpr_seventh_character", 0},
    [SP_R_SUBSTITUTE_DAY] = {"substitute_day", 0},
    [SP_R_CPR_DAY_IS_SUBSTITUTE] = {"cpr_day_is_substitute", 0},
    [SP_R_BIRTH_DATE_NOT_IN_CALENDAR] = {"birth_date_not_in_calendar", 0},
    [SP_R_BIRTH_DATE_IN_FUTURE] = {"birth_date_in_future", 0},
    [SP_R_EMAIL_FORMAT] = {"email_format", 0},
    [SP_R_CVR_FORMAT] = {"cvr_format", 0},
    [SP_R_UNKNOWN_MUNICIPALITY] = {"unknown_municipality", 0},
    [SP_R_UNKNOWN_REGION] = {"unknown_region", 0},
    [SP_R_UNKNOWN_ORGANISATION] = {"unknown_organisation", 0},
    [SP_R_USERNAME_FORMAT] = {"username_format", 0},
    [SP_R_SLUG_FORMAT] = {"slug_format", 0},
    [SP_R_LANGUAGE_CODE] = {"language_code", 0},
    [SP_R_PASSWORD_TOO_SHORT] = {"password_too_short", SP_P_MIN},
    [SP_R_PASSWORD_IS_USERNAME] = {"password_is_username", 0},
    [SP_R_PASSWORD_COMMON] = {"password_common", 0},
    [SP_R_STATUS_MOVE] = {"status_move", SP_P_ALLOWED},
    [SP_R_TEAM_REQUIRED] = {"team_required", 0},
    [SP_R_TEAM_NOT_IN_PROJECT] = {"team_not_in_project", 0},
    [SP_R_ANSWER_MISSING] = {"answer_missing", SP_P_MIN | SP_P_MAX},
    [SP_R_TOO_MANY_ANSWERS] = {"too_many_answers", SP_P_MAX},
    [SP_R_CORRECTION_CHANGES_INSTRUMENT] = {"correction_changes_instrument", 0},
    [SP_R_ONLY_WITH_CORRECTION] = {"only_with_correction", 0},
    [SP_R_NOT_ITEM9_ASSESSMENT] = {"not_item9_assessment", 0},
    [SP_R_OWNER_NOT_ON_TEAM] = {"owner_not_on_team", 0},
    [SP_R_ONLY_WHEN_REFERRED_ELSEWHERE] = {"only_when_referred_elsewhere", 0},
    [SP_R_NOT_ON_TEAM_WITH_ROLE] = {"not_on_team_with_role", 0},
    [SP_R_COORDINATOR_NOT_ON_TEAM] = {"coordinator_not_on_team", 0},
    [SP_R_NOTE_REQUIRED_FOR_OTHER] = {"note_required_for_other", 0},
    [SP_R_ONLY_WHEN_ENDING] = {"only_when_ending", 0},
    [SP_R_NOT_CHANGEABLE] = {"not_changeable", 0},
    [SP_R_MUNICIPALITY_HAS_TEAM] = {"municipality_has_team", 0},
    [SP_R_MUNICIPALITY_NOT_IN_PROJECT] = {"municipality_not_in_project", 0},
    [SP_R_ONLY_FOR_KIND] = {"only_for_kind", SP_P_ALLOWED},
    [SP_R_CONTACT_NOT_AGREED] = {"contact_not_agreed", 0},
    [SP_R_STAFF_NOT_ON_TEAM] = {"staff_not_on_team", 0},
    [SP_R_TAKEN] = {"taken", 0},
    [SP_R_ALREADY_REGISTERED] = {"already_registered", 0},
    [SP_R_ALREADY_ENROLLED] = {"already_enrolled", 0},
    [SP_R_ALREADY_CORRECTED] = {"already_corrected", 0},
    [SP_R_NOT_ON_PROJECT_TEAM] = {"not_on_project_team", 0},
    [SP_R_TEAM_NOT_YOURS] = {"team_not_yours", 0},
};

const struct sp_code_info *sp_code_info(enum sp_code code)
{
    if ((unsigned)code >= SP__COUNT)
        return &code_table[SP_INTERNAL];
    return &code_table[code];
}

enum sp_code sp_err_set(struct sp_err *err, enum sp_code code, const char *field, const char *fmt,
                        ...)
{
    va_list ap;

    err->code = code;
    err->reason = SP_R_INVALID;
    err->params = 0;
    err->allowed_count = 0;
    sp_utf8_format(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    sp_utf8_vformat(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
    return code;
}

enum sp_code sp_err_invalid(struct sp_err *err, const char *field, enum sp_reason reason,
                            const char *fmt, ...)
{
    va_list ap;

    sp_err_set(err, SP_INVALID, field, "%s", "");
    va_start(ap, fmt);
    sp_utf8_vformat(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
    err->reason = reason;
    return SP_INVALID;
}

enum sp_code sp_err_reason(struct sp_err *err, enum sp_reason reason)
{
    err->reason = reason;
    return err->code;
}

enum sp_code sp_err_min(struct sp_err *err, int64_t min)
{
    err->min = min;
    err->params |= SP_P_MIN;
    return err->code;
}

enum sp_code sp_err_max(struct sp_err *err, int64_t max)
{
    err->max = max;
    err->params |= SP_P_MAX;
    return err->code;
}

enum sp_code sp_err_range(struct sp_err *err, int64_t min, int64_t max)
{
    sp_err_min(err, min);
    return sp_err_max(err, max);
}

enum sp_code sp_err_dates(struct sp_err *err, const char *earliest, const char *latest)
{
    if (earliest != NULL) {
        sp_utf8_format(err->earliest, sizeof err->earliest, "%s", earliest);
        err->params |= SP_P_EARLIEST;
    }
    if (latest != NULL) {
        sp_utf8_format(err->latest, sizeof err->latest, "%s", latest);
        err->params |= SP_P_LATEST;
    }
    return err->code;
}

enum sp_code sp_err_expected(struct sp_err *err, const char *json_type)
{
    sp_utf8_format(err->expected, sizeof err->expected, "%s", json_type);
    err->params |= SP_P_EXPECTED;
    return err->code;
}

enum sp_code sp_err_allowed(struct sp_err *err, const char *const *values, size_t count)
{
    size_t used = 0;

    err->params |= SP_P_ALLOWED;
    err->allowed_count = 0;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(values[i]);

        if (used + len + 1 > sizeof err->allowed) {
            /* A partial list would say that the rest is not allowed: send none. */
            err->params &= ~(unsigned)SP_P_ALLOWED;
            err->allowed_count = 0;
            return err->code;
        }
        memcpy(err->allowed + used, values[i], len + 1);
        used += len + 1;
        err->allowed_count++;
    }
    return err->code;
}

const struct sp_reason_info *sp_reason_info(enum sp_reason reason)
{
    if ((unsigned)reason >= SP_R__COUNT)
        return &reason_table[SP_R_INVALID];
    return &reason_table[reason];
}
