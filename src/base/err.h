/* Errors as values: every fallible function returns enum sp_code and fills the caller's
 * struct sp_err. Reporting never allocates. http/ turns a code into problem+json (RFC 9457). */
#ifndef SP_BASE_ERR_H
#define SP_BASE_ERR_H

#include <stddef.h>
#include <stdint.h>

enum sp_code {
    SP_OK,
    SP_MALFORMED,       /* body is not JSON, or not UTF-8 */
    SP_INVALID,         /* a member has the wrong type, range or length */
    SP_UNAUTHENTICATED, /* no session, or it expired */
    SP_FORBIDDEN,       /* policy/ refused */
    SP_CSRF,            /* a state change with a session but without its X-CSRF-Token */
    SP_THROTTLED,       /* too many failed logins for this username: wait */
    SP_NOT_FOUND,       /* absent, or its existence is not the caller's to know */
    SP_METHOD,          /* the route exists, the method does not */
    SP_CONFLICT,        /* unique key or Idempotency-Key already used */
    SP_PRECONDITION,    /* If-Match missing */
    SP_STALE,           /* If-Match names an older version */
    SP_TOO_LARGE,       /* body over the route's limit */
    SP_URI_TOO_LONG,    /* request target over its limit, or too many query parameters */
    SP_HEADERS_LARGE,   /* header fields over their limit (bytes or count) */
    SP_BAD_REQUEST,     /* request line or header fields refused (framing, NUL in the query) */
    SP_UNSUPPORTED,     /* body is not application/json */
    SP_BUSY,            /* database locked beyond busy_timeout */
    SP_UNAVAILABLE,     /* storage not reachable (readyz) */
    SP_INTERNAL,        /* a bug or an I/O error: the cause goes to the log only */
    SP__COUNT
};

struct sp_code_info {
    const char *name; /* problem+json "code": part of the API contract, never renamed */
    int status;       /* HTTP status */
    const char *title;
};

/* Why a member was refused, for a machine: problem+json "reason", with its parameters beside
 * it (docs/api-contract.md, "Reasons"). A client translates the reason and fills in the
 * parameters, so the reader sees what is wrong and what is allowed in their own language. The
 * names are part of the API contract (the OpenAPI Problem schema lists them; a unit test keeps the
 * two equal, and one checks that the UI has a Danish and an English text for each): add, never
 * rename. SP_R_INVALID is the default every SP_INVALID gets from sp_err_set, so a new check
 * without a reason of its own still answers with a reason the UI can show. */
enum sp_reason {
    SP_R_INVALID, /* not specified: the detail says more, in English */
    /* the member's shape (api/validate.c) */
    SP_R_REQUIRED,
    SP_R_WRONG_TYPE, /* expected: string, integer, boolean, array, object, string_or_null */
    SP_R_UNKNOWN_MEMBER,
    SP_R_LENGTH,    /* min..max characters */
    SP_R_TOO_SHORT, /* at least min characters */
    SP_R_RANGE,     /* a whole number min..max */
    SP_R_BELOW_MIN, /* a whole number, at least min */
    SP_R_COUNT,     /* a list of min..max items */
    SP_R_CONTROL_CHARACTERS,
    SP_R_NOT_ONE_LINE,
    SP_R_BLANK,
    SP_R_ONE_OF, /* allowed: the values to choose from */
    SP_R_REPEATED,
    SP_R_NOT_INCREASING,
    SP_R_NOTHING_TO_CHANGE,
    SP_R_NO_SUCH_RECORD, /* an id in the body that names nothing the caller can use */
    /* query parameters and headers */
    SP_R_NOT_AN_ID,
    SP_R_CURSOR,
    SP_R_NOT_UTF8,
    SP_R_IDEMPOTENCY_KEY_FORMAT, /* min..max visible ASCII characters */
    SP_R_IDEMPOTENCY_KEY_REUSED,
    /* dates (core/date.c, core/date_rules.c) */
    SP_R_DATE_FORMAT,
    SP_R_WEEK_FORMAT, /* an ISO week: YYYY-Www */
    SP_R_DATE_NOT_IN_CALENDAR,
    SP_R_YEAR_RANGE,                /* min..max */
    SP_R_DATE_IN_FUTURE,            /* latest: today */
    SP_R_DATE_TOO_FAR_AHEAD,        /* latest: the last date allowed */
    SP_R_DATE_BEFORE_BIRTH,         /* the birth date is the person's: never sent */
    SP_R_DATE_BEFORE_REFERRAL,      /* the referral date is the person's record: never sent */
    SP_R_DATE_BEFORE_PROJECT_START, /* earliest: the project's first day */
    SP_R_DATE_BEFORE_START,         /* earliest: the first date allowed after the start named */
    SP_R_DATE_BEFORE_ASSESSMENT,    /* the assessment's date is health data: never sent */
    /* identifiers (core/cpr.c) */
    SP_R_CPR_FORMAT,
    SP_R_ECPR_FORMAT,
    SP_R_ECPR_SEVENTH,
    SP_R_SUBSTITUTE_DAY,
    SP_R_CPR_DAY_IS_SUBSTITUTE,
    SP_R_BIRTH_DATE_NOT_IN_CALENDAR,
    SP_R_BIRTH_DATE_IN_FUTURE,
    /* other members with a shape or a meaning of their own */
    SP_R_EMAIL_FORMAT,
    SP_R_CVR_FORMAT, /* not 8 digits passing the modulus 11 check */
    SP_R_UNKNOWN_MUNICIPALITY,
    SP_R_UNKNOWN_REGION,
    SP_R_UNKNOWN_ORGANISATION,
    SP_R_USERNAME_FORMAT,
    SP_R_SLUG_FORMAT,
    SP_R_LANGUAGE_CODE,
    SP_R_PASSWORD_TOO_SHORT, /* min characters */
    SP_R_PASSWORD_IS_USERNAME,
    SP_R_PASSWORD_COMMON,
    SP_R_STATUS_MOVE, /* allowed: the statuses the enrolment can move to (none when final) */
    SP_R_TEAM_REQUIRED,
    SP_R_TEAM_NOT_IN_PROJECT,
    SP_R_ANSWER_MISSING,   /* min..max: the answer scale */
    SP_R_TOO_MANY_ANSWERS, /* max answers */
    SP_R_CORRECTION_CHANGES_INSTRUMENT,
    SP_R_ONLY_WITH_CORRECTION,
    SP_R_NOT_ITEM9_ASSESSMENT,
    SP_R_OWNER_NOT_ON_TEAM,
    SP_R_ONLY_WHEN_REFERRED_ELSEWHERE,
    SP_R_NOT_ON_TEAM_WITH_ROLE,   /* an assignment to someone off the team, or without the role */
    SP_R_COORDINATOR_NOT_ON_TEAM, /* a coordinator who is not an enabled member of the team */
    SP_R_NOTE_REQUIRED_FOR_OTHER, /* the reason "other" without a note saying what it is */
    SP_R_ONLY_WHEN_ENDING,        /* status_reason or status_note on a move that does not end */
    SP_R_NOT_CHANGEABLE,          /* a member fixed once created (a project's slug, randomised) */
    SP_R_MUNICIPALITY_HAS_TEAM,   /* a municipality left out that still has a team of the project */
    SP_R_MUNICIPALITY_NOT_IN_PROJECT, /* a team in a municipality the project does not run in */
    SP_R_ONLY_FOR_KIND,      /* a member this kind of record does not have; allowed: the kinds */
    SP_R_CONTACT_NOT_AGREED, /* an employer/school contact the young person has not agreed to */
    SP_R_STAFF_NOT_ON_TEAM,  /* who held a meeting is not an enabled member of its team */
    /* conflicts and refusals that name a member */
    SP_R_TAKEN,
    SP_R_ALREADY_REGISTERED,
    SP_R_ALREADY_ENROLLED,
    SP_R_ALREADY_CORRECTED,
    SP_R_NOT_ON_PROJECT_TEAM,
    SP_R_TEAM_NOT_YOURS,
    SP_R__COUNT
};

/* The parameters a reason carries: problem+json members of the same names. */
enum sp_reason_param {
    SP_P_MIN = 1u << 0,      /* "min": integer */
    SP_P_MAX = 1u << 1,      /* "max": integer */
    SP_P_EARLIEST = 1u << 2, /* "earliest": YYYY-MM-DD */
    SP_P_LATEST = 1u << 3,   /* "latest": YYYY-MM-DD */
    SP_P_ALLOWED = 1u << 4,  /* "allowed": array of strings */
    SP_P_EXPECTED = 1u << 5, /* "expected": a JSON type name */
};

struct sp_reason_info {
    const char *name; /* problem+json "reason": part of the API contract, never renamed */
    unsigned params;  /* SP_P_* bits: the parameters every answer with this reason carries */
};

#define SP_ERR_FIELD_MAX 128
#define SP_ERR_DETAIL_MAX 256
#define SP_ERR_ALLOWED_MAX 1024 /* the allowed values, each NUL-terminated, one after another */

struct sp_err {
    enum sp_code code;
    char field[SP_ERR_FIELD_MAX];   /* JSON Pointer of the offending member, "" for none */
    char detail[SP_ERR_DETAIL_MAX]; /* one or two plain sentences; never a personal value */
    int64_t current_version;        /* SP_STALE: the version now stored, else 0 */
    enum sp_reason reason;          /* SP_R_INVALID unless a check says more */
    unsigned params;                /* SP_P_* bits of the parameters below that are set */
    int64_t min, max;
    char earliest[11], latest[11];
    char expected[16];
    char allowed[SP_ERR_ALLOWED_MAX];
    size_t allowed_count;
};

/* The row for `code`; never NULL (out-of-range codes map to SP_INTERNAL's row). */
const struct sp_code_info *sp_code_info(enum sp_code code);

/* Fill *err with code, field (a JSON Pointer or "") and a printf-style detail; returns code so
 * that `return sp_err_set(...)` reads as one step. Truncates silently at the array sizes, never
 * inside a UTF-8 character (base/utf8.h), so that a field and detail of UTF-8 stay UTF-8. */
enum sp_code sp_err_set(struct sp_err *err, enum sp_code code, const char *field, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

/* As sp_err_set with code SP_INVALID and `reason`. */
enum sp_code sp_err_invalid(struct sp_err *err, const char *field, enum sp_reason reason,
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Give the error set last a reason (for codes other than SP_INVALID: a conflict or a refusal
 * that names a member). Each of these returns err->code, so `return sp_err_range(err, 1, 600);`
 * ends a check in one step. */
enum sp_code sp_err_reason(struct sp_err *err, enum sp_reason reason);

/* Parameters of the error set last. */
enum sp_code sp_err_range(struct sp_err *err, int64_t min, int64_t max);
enum sp_code sp_err_min(struct sp_err *err, int64_t min);
enum sp_code sp_err_max(struct sp_err *err, int64_t max);
/* "YYYY-MM-DD" texts, NULL for a bound that is not sent. */
enum sp_code sp_err_dates(struct sp_err *err, const char *earliest, const char *latest);
enum sp_code sp_err_expected(struct sp_err *err, const char *json_type);
/* The values to choose from; when they do not all fit, none is sent (never a partial list). */
enum sp_code sp_err_allowed(struct sp_err *err, const char *const *values, size_t count);

/* The row for `reason`; never NULL (out-of-range reasons map to SP_R_INVALID's row). */
const struct sp_reason_info *sp_reason_info(enum sp_reason reason);

#endif
