/* The records that move between api/ and store/. Strings are borrowed: they live in the arena
 * the store function was given (normally the request's), and are NULL when a column is NULL. */
#ifndef SP_CORE_MODEL_H
#define SP_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct org_ref {
    const char *code;
    const char *name;
};

struct organisation {
    const char *code;
    const char *kind; /* "region" or "municipality" */
    const char *name;
    const char *region_code; /* NULL for regions */
    const char *valid_from;
    const char *valid_to; /* NULL while in force */
};

/* A target group of the employment act (reference data, dated: the 2025–2027 reforms change
 * them). valid_to is exclusive; NULL while in force. */
struct target_group {
    const char *code;
    const char *name_da;
    const char *name_en;
    const char *legal_ref;
    const char *valid_from;
    const char *valid_to;
};

#define PROJECT_MUNICIPALITIES_MAX 98
#define PROJECT_TARGET_GROUPS_MAX 32
#define PROJECT_INSTRUMENTS_MAX 6
#define PROJECT_FOLLOWUPS_MAX 12

/* Per-project numbers of the treatment track (migration 0007; defaults there). -1: not used. */
struct project_treatment {
    int not_improving_weeks;
    int response_percent;
    int measurement_overdue_days;
    int no_contact_days;
    int screen_phq9_min;
    int screen_gad7_min;
    int screen_who5_max;
    int severe_phq9_min;
    int suicide_item9_min;
};

/* Per-project thresholds of the employment caseload's flags (migration 0018; defaults, ranges and
 * sources in src/core/employment_caseload.c). */
struct project_employment {
    int no_employer_contact_days;
    int no_contact_days;
    int follow_along_days;
    int caseload_limit;
};

struct project {
    int64_t id;
    const char *slug;
    const char *name;
    const char *description;
    struct org_ref region; /* code NULL when the project names no region */
    const char *period_start;
    const char *period_end;
    int64_t target_count;
    int age_min;
    int age_max;
    size_t municipality_count;
    struct org_ref municipalities[PROJECT_MUNICIPALITIES_MAX];
    size_t target_group_count;
    const char *target_groups[PROJECT_TARGET_GROUPS_MAX];
    size_t instrument_count;
    const char *instruments[PROJECT_INSTRUMENTS_MAX];
    size_t followup_count;
    int followup_months[PROJECT_FOLLOWUPS_MAX];
    bool randomised;
    struct project_treatment treatment;
    struct project_employment employment;
    int64_t version;
};

struct citizen {
    int64_t id;
    const char *identifier_type; /* "cpr", "erstatning", "ecpr" */
    const char *identifier;      /* normalised: ten characters, no hyphen */
    const char *birth_date;      /* derived from the identifier when written */
    const char *name;
    const char *phone;
    const char *email;
    const char *municipality_code;
    bool synthetic;
    int64_t created_by; /* the user who registered the citizen, 0 when not known */
    int64_t version;
};

struct enrolment {
    int64_t id;
    int64_t project_id;
    int64_t citizen_id;
    int64_t team_id; /* 0: no team yet */
    const char *referral_date;
    const char *referral_source;
    const char *target_group;
    const char *status;
    const char *status_changed;
    const char *arm; /* "intervention", "control", or NULL when the project does not randomise */
    int64_t version;
    const char *municipality_code; /* the team's municipality (read only); NULL without a team */
};

struct episode {
    int64_t id;
    int64_t enrolment_id;
    const char *kind; /* ordinary_job, subsidised_job, flexjob, internship, education, course */
    const char *start_date;
    const char *end_date; /* NULL while it lasts */
    int hours_per_week;   /* 0: not recorded */
    const char *place;    /* a place outside the employer register (free text), or NULL */
    /* Migration 0015 (docs/employment-track.md "Episodes"); NULL or 0 where not recorded. */
    int64_t employer_id;       /* the employer register's row, 0: none */
    const char *employer_name; /* read with it */
    const char *institution;   /* education */
    const char *programme;     /* education */
    const char *level;         /* education: core_episode_levels */
    const char *purpose;       /* internship: core_episode_purposes */
    const char *end_reason;    /* core_episode_end_reasons; NULL while it lasts */
    bool contact_allowed;      /* the young person agreed to contact with the employer/school */
    int64_t created_by;        /* 0 for rows from before migration 0015 */
    const char *created_by_name;
    const char *created_at;
    int64_t version;
};

/* A follow-along contact after a start (docs/employment-track.md "Follow-along support"). */
struct follow_along {
    int64_t id;
    int64_t enrolment_id;
    int64_t episode_id;
    const char *date;
    const char *with_whom; /* core_follow_along_parties */
    const char *kind;      /* core_follow_along_kinds */
    const char *note;      /* NULL: none */
    int64_t created_by;
    const char *created_by_name;
    const char *created_at;
};

/* One entry of a vocational profile's work and education history (core/vocational.h). */
struct vocational_entry {
    const char *area;        /* work, education */
    const char *level;       /* education only */
    const char *description; /* what and where, in words; NULL: none */
    int from_year;           /* 0: not given */
    int to_year;             /* 0: not given */
    const char *outcome;     /* education only: completed, dropped_out, ongoing */
};

/* One saved version of an enrolment's vocational profile. */
struct vocational_profile {
    int64_t id;
    int64_t enrolment_id;
    int64_t version; /* 1, 2, … per enrolment: the ETag */
    const char *own_goals;
    const char *work_wanted;
    const char *work_not_wanted;
    int hours_wanted; /* -1: not given */
    const char *places;
    const char *travel;
    const char *disclosure; /* core_vocational_disclosures */
    const char *disclosure_note;
    int64_t saved_by;
    const char *saved_by_name;
    const char *saved_at;
    size_t entry_count;
    struct vocational_entry *entries; /* in the order given */
};

struct team {
    int64_t id;
    int64_t project_id;
    const char *municipality_code;
    const char *name;
};

/* A member of a team as the administration lists it. */
struct team_member {
    int64_t user_id;
    const char *username;
    const char *display_name;
    bool disabled;
};

/* The number of role codes (enum policy_role): the most roles an account is given, each once. */
#define USER_ROLES_MAX 9

struct user_team {
    int64_t team_id;
    int64_t project_id;
    const char *municipality_code;
};

struct user {
    int64_t id;
    const char *username;
    const char *display_name;
    const char *organisation_code;
    const char *organisation_kind; /* "region" or "municipality" */
    const char *password_hash;     /* argon2id string; never leaves the server */
    bool disabled;
    int64_t version;
    size_t role_count;
    const char **roles; /* every one, ordered by code; an arena array */
    size_t team_count;
    struct user_team *teams; /* every one, ordered by team id; an arena array */
};

/* A sign-in session of a browser (store_signin_*; not a treatment session). */
struct session {
    int64_t id;
    int64_t user_id;
    const char *csrf_token;
    int64_t created_at; /* Unix seconds */
    int64_t last_seen;
    bool ended;
};

struct api_token {
    int64_t id;
    int64_t user_id;
    const char *label;
    const char *scope; /* "read" or "read,write" */
    int64_t created_at;
    int64_t expires_at; /* 0: never */
    int64_t revoked_at; /* 0: in force */
};

struct consent {
    int64_t id;
    int64_t enrolment_id;
    const char *scope;
    bool given;
    const char *date;
    int64_t recorded_by;
    const char *recorded_by_name;
    const char *recorded_at;
};

/* An audit event (docs/security-model.md "Audit"): a link of its writer's chain. */
struct audit_event {
    int64_t seq;       /* the order events are read in, given by the database; not hashed */
    int64_t chain_id;  /* the writer's chain (migration 0011) */
    int64_t chain_seq; /* its place in that chain: 1, 2, … */
    const char *time;
    int64_t user_id; /* 0: none (a failed login for an unknown user) */
    const char *username;
    const char *role;
    int64_t citizen_id; /* 0: none */
    const char *action;
    const char *route;
    const char *purpose;
    const char *outcome;
    const char *prev_hash;
    const char *hash;
    const char *display_name; /* the user's name now (access log only; not hashed), or NULL */
};

/* A chain of audit events: one per writing process (a server, a command), started when it
 * starts. label names the writer ("serve host/pid"), never a person. */
struct audit_chain {
    int64_t id;
    const char *started_at;
    const char *label;
    int hash_version; /* the canonical format of its events' hashes (src/audit/audit.c) */
    int64_t head_seq; /* chain_seq of its newest event; 0 before the first */
    const char *head_hash;
};

/* A chain's head as a checkpoint names it: the chain reached chain_seq, with this hash. */
struct audit_head {
    int64_t chain_id;
    int64_t chain_seq;
    const char *hash;
};

/* A checkpoint: the heads of the chains that moved since one was last named, itself a link of
 * the checkpoints' own hash chain (id 1, 2, …). chain_id is the writer's chain. */
struct audit_checkpoint {
    int64_t id;
    const char *time;
    int64_t chain_id;
    const char *prev_hash;
    const char *hash;
    size_t head_count;
    struct audit_head *heads; /* by chain id */
};

/* Where a citizen is enrolled: for the policy's team and municipality checks. */
struct citizen_place {
    int64_t enrolment_id;
    int64_t project_id;
    int64_t team_id; /* 0: not yet on a team */
    const char *municipality_code;
    /* The two sharing consents in force on the enrolment (the newest row of each scope), read
     * with the place because the policy decides every read of a record with them. */
    bool health_summary_to_municipality;
    bool employment_to_health;
};

/* The treatment track (migration 0007). Dates are "YYYY-MM-DD"; *_name members are the display
 * names of the users named by the ids, joined in by the store for the UI. */
#define TREATMENT_LIST_MAX 1000

struct assessment {
    int64_t id;
    int64_t enrolment_id;
    const char *instrument; /* core_instrument id: "phq9" … */
    const char *occasion;   /* "screening", "treatment" or "followup" */
    const char *date;
    const char *answers; /* JSON array text of the answers as given */
    int total;
    const char *band;   /* band code; NULL for none */
    const char *flags;  /* comma-separated flag codes, "" for none */
    const char *result; /* JSON object text of the whole score */
    int item9;          /* PHQ-9 item 9; -1 for other instruments */
    int64_t administered_by;
    const char *administered_by_name;
    int64_t corrects;    /* 0, or the assessment this row corrects */
    int64_t replaced_by; /* 0 while current */
    const char *reason;  /* why a correction was made; NULL otherwise */
    const char *recorded_at;
};

struct eligibility_decision {
    int64_t id;
    int64_t enrolment_id;
    const char *suggestion; /* the rules' suggestion when the decision was made */
    const char *reasons;    /* its reason codes, comma-separated */
    const char *decision;   /* "eligible", "not_eligible" or "referred_elsewhere" */
    const char *referred_to;
    const char *why;
    int64_t decided_by;
    const char *decided_by_name;
    const char *date;
    const char *recorded_at;
};

struct treatment_plan {
    int64_t enrolment_id;
    const char *start_date;
    const char *focus;
    const char *modality;
    const char *target;
    const char *aftercare_from; /* NULL: not set */
    int64_t version;
    int64_t updated_by;
    const char *updated_by_name;
    const char *updated_at;
};

struct treatment_session {
    int64_t id;
    int64_t enrolment_id;
    const char *date;
    const char *kind;
    int duration_min;
    const char *note;
    int64_t recorded_by;
    const char *recorded_by_name;
    const char *recorded_at;
};

struct safety_followup {
    int64_t id;
    int64_t enrolment_id;
    int64_t assessment_id; /* 0: none named */
    const char *date;
    const char *action;
    const char *note;
    int64_t recorded_by;
    const char *recorded_by_name;
    const char *recorded_at;
};

struct task {
    int64_t id;
    int64_t enrolment_id;
    int64_t case_review_id; /* 0: not from a case review */
    int64_t owner_id;       /* 0: the young person's (owner_kind) */
    const char *owner_name;
    const char *text;
    const char *due; /* NULL: none */
    const char *done_at;
    int64_t created_by;
    const char *created_at;
    /* Migration 0010; read by store_task_list/get (a case review's task leaves them unset). */
    int64_t version;
    int64_t done_by; /* 0 while open */
    const char *done_by_name;
    const char *created_by_name;
    const char *created_role; /* the role it was set in; NULL when not known */
    int64_t citizen_id;
    const char *citizen_name;
    const char *enrolment_status;
    int64_t team_id; /* the enrolment's team, 0 for none */
    /* Migration 0017: the joint plan. owner_kind "member" (owner_id set) or "young_person"
     * (owner_id 0); NULL means "member" (a task written without it). The linked goal with its
     * area and text (read, for the goal's visibility rule), 0/NULL when none. */
    const char *owner_kind;
    int64_t goal_id;
    const char *goal_area;
    const char *goal_text;
    const char *goal_status;
};

/* Who carries a case in one role (migration 0010). */
struct assignment {
    const char *role; /* one of core_assignment_roles */
    int64_t user_id;
    const char *user_name;
};

/* One status change of an enrolment (migration 0010). */
struct status_change {
    int64_t id;
    int64_t enrolment_id;
    const char *from_status;
    const char *to_status;
    const char *kind;   /* "move", "end" or "reopen" */
    const char *reason; /* a code of core/enrolment.h with "end" and "reopen"; else NULL */
    const char *note;   /* NULL: none */
    int64_t changed_by;
    const char *changed_by_name;
    const char *changed_role; /* the role the change was made in (as in the audit log) */
    const char *changed_at;
};

/* A member of an enrolment's team, as a task owner is chosen. */
struct team_person {
    int64_t user_id;
    const char *display_name;
    const char *roles; /* comma-separated role codes */
};

struct case_review {
    int64_t id;
    int64_t enrolment_id;
    const char *date;
    const char *recommendation;
    const char *flags; /* comma-separated caseload flags the review looked at */
    int64_t reviewer_id;
    const char *reviewer_name;
    const char *recorded_at;
    struct task *task; /* the task it created, or NULL */
};

/* Employers and job development (migration 0013). */
struct employer_contact_person {
    int64_t id;
    int64_t employer_id;
    const char *name;
    const char *title; /* NULL: not recorded, as the three below */
    const char *phone;
    const char *email;
};

/* An employer of one municipality's register (shared by its municipal staff). */
struct employer {
    int64_t id;
    const char *municipality_code;
    const char *name;
    const char *cvr; /* 8 digits, or NULL when not known */
    const char *address;
    const char *postcode;
    const char *city;
    int64_t version;
    const char *created_at;
    int64_t created_by;
    /* Read with store_employer_get (a search leaves them empty). */
    const char *created_by_name;
    struct employer_contact_person *contact_persons;
    size_t contact_person_count;
};

/* A consultant's contact with an employer, for one young person (enrolment_id) or none. */
struct employer_contact {
    int64_t id;
    int64_t employer_id;
    int64_t contact_person_id; /* 0: none */
    int64_t enrolment_id;      /* 0: about no one in particular */
    const char *date;
    const char *kind;    /* core_employer_contact_kinds */
    const char *purpose; /* core_employer_contact_purposes */
    const char *outcome; /* NULL: not recorded, as the two below */
    const char *next_step;
    const char *next_step_date;
    int64_t consultant_id;
    const char *created_at;
    int64_t version;
    /* Read by the lists. */
    const char *consultant_name;
    const char *employer_name;
    const char *contact_person_name;
    int64_t citizen_id; /* the enrolment's citizen, 0 without one */
    const char *citizen_name;
};

/* A goal of the joint plan (migration 0014; core/goal.h has its areas, statuses and moves). */
struct plan_goal {
    int64_t id;
    int64_t enrolment_id;
    const char *area;
    const char *text;     /* in the young person's words */
    const char *due_date; /* NULL: none */
    const char *status;
    bool agreed_with_young_person;
    const char *agreed_by; /* who else agreed it, as written; NULL: not said */
    int64_t version;
    int64_t created_by;
    const char *created_by_name;
    const char *created_at;
};

/* One row of a goal's status history; from_status NULL on the row of its creation. */
struct plan_goal_change {
    int64_t id;
    int64_t goal_id;
    const char *from_status;
    const char *to_status;
    const char *note; /* NULL: none */
    int64_t changed_by;
    const char *changed_by_name;
    const char *changed_at;
};

/* One row of an enrolment's coordinator history: user_id holds the plan together from set_at
 * until the next row (0: nobody). */
struct coordinator {
    int64_t id;
    int64_t enrolment_id;
    int64_t user_id;
    const char *user_name;
    int64_t set_by;
    const char *set_by_name;
    const char *set_at;
};

/* Meetings of the joint plan (migration 0016; core/meeting.h has the vocabularies). */
struct meeting_person {
    int64_t user_id;
    const char *name;
};

/* An individual conversation or network meeting about one young person (enrolment_id), or a
 * group session of a team (team_id, project_id; enrolment_id 0). */
struct meeting {
    int64_t id;
    const char *kind; /* one of core_meeting_kinds */
    int64_t enrolment_id;
    int64_t project_id;
    int64_t team_id;
    const char *date;
    int duration_minutes; /* 0: not recorded */
    const char *place;    /* NULL: not recorded (a network meeting) */
    const char *topic;    /* a group session's; NULL otherwise */
    const char *note;     /* a conversation's note, a network meeting's status notes; NULL: none */
    const char *interpreter_language; /* a network meeting's; NULL: no interpreter */
    int attended;    /* the young person of an enrolment's list: 1, 0, or -1 not recorded */
    int64_t version; /* 1; a group session's moves with each attendance list */
    int64_t created_by;
    const char *created_by_name;
    const char *created_at;
    size_t staff_count;
    struct meeting_person *staff; /* who held it */
};

/* One young person of a group session, with the team that sees them. */
struct meeting_attendance {
    int64_t enrolment_id;
    int64_t team_id;
    int64_t citizen_id;
    const char *citizen_name;
    int attended; /* 1, 0, or -1 not recorded yet */
};

/* A goal a network meeting set or revised. */
struct meeting_goal_link {
    int64_t goal_id;
    const char *change; /* "set" or "revised" */
    const char *to_status;
    const char *area;
    const char *text;
    const char *due_date;
};

/* A note between the sectors about one young person (migration 0016). */
struct team_note {
    int64_t id;
    int64_t enrolment_id;
    const char *date;
    const char *content_class; /* one of core_team_note_classes */
    const char *text;
    int64_t author_id;
    const char *author_name;
    const char *created_at;
};

#endif
