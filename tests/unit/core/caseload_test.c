/* core/caseload: every flag on constructed timelines, both sides of each boundary, the row's
 * details, refusals, names, urgency and the sort order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseload.h"
#include "core/model.h"

/* Sources for the expected values (never this module's output):
 * [ISSUE] the caseload issue text: safety = latest PHQ-9 item 9 >= 1 and no safety follow-up
 *   after it; not improving = >= 10 weeks in treatment (70 days counts) and < 50 % reduction;
 *   measurement overdue = no PHQ-9/GAD-7 for 28 days while active, from start if none; no contact
 *   for 14 days while active, from start if never; follow-up due = start + N months has come and
 *   no follow-up assessment on or after it, while active or in aftercare.
 * [D1] [PHQMANUAL], [MII] (docs/sources.md): item 9 >= 1 is the safety flag at any total.
 * [D7] [PS2020]: response = 2 * (baseline - latest) >= baseline, exactly 50 % counts,
 *   baseline 0 undefined; remission = PHQ-9 < 5 (GAD-7 < 5 by analogy, UNVERIFIED).
 * [D10] [NHS-TT] (NHS Talking Therapies, SECONDARY): reliable improvement = fall >= 6 PHQ-9 or
 *   >= 4 GAD-7 first to last with neither reliably deteriorating; reliable deterioration = rise
 *   >= 6 PHQ-9 or >= 4 GAD-7.
 * [DEC] a decision on an edge the sources leave open, as documented in caseload.h/caseload.c.
 * Days count from the treatment start, Thursday 2026-01-15 (day 0). Follow-up dates counted by
 * hand from the calendar: start + 3 months = 2026-04-15 = day 90 (31 + 28 + 31 days: January,
 * February 2026 is not a leap year, March); start + 6 months = 2026-07-15 = day 181
 * (90 + 30 + 31 + 30). */

#define NEVER INT_MIN /* no last contact */
#define MAX_POINTS 4

#define SAF CASELOAD_SAFETY
#define NIM CASELOAD_NOT_IMPROVING
#define OVD CASELOAD_MEASUREMENT_OVERDUE
#define NOC CASELOAD_NO_CONTACT
#define FUD CASELOAD_FOLLOWUP_DUE
#define RSP CASELOAD_RESPONSE
#define REM CASELOAD_REMISSION
#define RIM CASELOAD_RELIABLE_IMPROVEMENT
#define RDT CASELOAD_RELIABLE_DETERIORATION
#define TOD CASELOAD_TASK_OVERDUE

static const struct core_date start_date = {2026, 1, 15};

struct point {
    int day;
    int total;
    int item9;
};

struct timeline {
    const char *name;
    enum enrolment_status status;
    bool no_start; /* referred/screening: no treatment start yet */
    int today;
    size_t phq9_n;
    struct point phq9[MAX_POINTS];
    size_t gad7_n;
    struct point gad7[MAX_POINTS];
    size_t safety_n;
    int safety[MAX_POINTS];
    int contact; /* day of the last contact, or NEVER */
    size_t months_n;
    int months[MAX_POINTS];
    size_t done_n;
    int done[MAX_POINTS];
    const struct core_caseload_settings *settings; /* NULL: the defaults */
    unsigned flags;                                /* expected */
};

/* Project settings for the rows that test a changed threshold; the rest as the defaults. */
static const struct core_caseload_settings contact_7 = {
    .not_improving_weeks = 10,
    .response_pct = 50,
    .measurement_overdue_days = 28,
    .no_contact_days = 7,
    .phq9_remission_below = 5,
    .gad7_remission_below = 5,
    .phq9_reliable_change = 6,
    .gad7_reliable_change = 4,
    .followup_early_days = 0,
};
static const struct core_caseload_settings response_60 = {
    .not_improving_weeks = 10,
    .response_pct = 60,
    .measurement_overdue_days = 28,
    .no_contact_days = 14,
    .phq9_remission_below = 5,
    .gad7_remission_below = 5,
    .phq9_reliable_change = 6,
    .gad7_reliable_change = 4,
    .followup_early_days = 0,
};
static const struct core_caseload_settings weeks_12 = {
    .not_improving_weeks = 12,
    .response_pct = 50,
    .measurement_overdue_days = 28,
    .no_contact_days = 14,
    .phq9_remission_below = 5,
    .gad7_remission_below = 5,
    .phq9_reliable_change = 6,
    .gad7_reliable_change = 4,
    .followup_early_days = 0,
};
static const struct core_caseload_settings early_7 = {
    .not_improving_weeks = 10,
    .response_pct = 50,
    .measurement_overdue_days = 28,
    .no_contact_days = 14,
    .phq9_remission_below = 5,
    .gad7_remission_below = 5,
    .phq9_reliable_change = 6,
    .gad7_reliable_change = 4,
    .followup_early_days = 7,
};

#define A ENROLMENT_ACTIVE
#define AC ENROLMENT_AFTERCARE

static const struct timeline rows[] = {
    /* Safety [ISSUE][D1]; a follow-up the same day clears [DEC]; only the latest PHQ-9 counts. */
    {"safety: item 9 = 1, no follow-up", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 12, 1}}, .contact = 20, .flags = SAF},
    {"safety: follow-up the same day clears", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 12, 1}}, .safety_n = 1, .safety = {14}, .contact = 20, .flags = 0},
    {"safety: follow-up after clears", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 12, 1}}, .safety_n = 1, .safety = {16}, .contact = 20, .flags = 0},
    {"safety: follow-up the day before does not clear", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 12, 1}}, .safety_n = 1, .safety = {13}, .contact = 20, .flags = SAF},
    {"safety: item 9 = 3", A, .today = 20, .phq9_n = 2, .phq9 = {{0, 12, 0}, {14, 12, 3}},
     .contact = 20, .flags = SAF},
    {"safety: item 9 = 1 at total 1, even in remission", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 1, 1}}, .contact = 20, .flags = SAF | RSP | REM | RIM},
    {"safety: a newer PHQ-9 with item 9 = 0 ends it", A, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 2}, {14, 12, 0}}, .contact = 20, .flags = 0},
    {"safety: at screening, before any start", ENROLMENT_SCREENING, .no_start = true, .today = 0,
     .phq9_n = 1, .phq9 = {{-5, 8, 1}}, .contact = NEVER, .flags = SAF},
    {"safety: not in a completed enrolment", ENROLMENT_COMPLETED, .today = 20, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {14, 12, 1}}, .contact = 20, .flags = 0},
    {"safety: in aftercare", AC, .today = 20, .phq9_n = 2, .phq9 = {{0, 12, 0}, {14, 12, 1}},
     .contact = NEVER, .flags = SAF},

    /* Not improving and response [ISSUE][D7]: 69 vs 70 days, 20 -> 10 (50 %) vs 20 -> 11. */
    {"not improving: 69 days is not yet 10 weeks", A, .today = 69, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 15, 0}}, .contact = 69, .flags = 0},
    {"not improving: 70 days, 20 -> 15", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 15, 0}}, .contact = 70, .flags = NIM},
    {"response: 20 -> 10 is exactly 50 %", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 10, 0}}, .contact = 70, .flags = RSP | RIM},
    {"not improving: 20 -> 11 is 45 %", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 11, 0}}, .contact = 70, .flags = NIM | RIM},
    {"response before 10 weeks", A, .today = 30, .phq9_n = 2, .phq9 = {{0, 20, 0}, {28, 10, 0}},
     .contact = 30, .flags = RSP | RIM},
    {"response: odd baseline 9 -> 5 is 44 %", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 9, 0}, {60, 5, 0}}, .contact = 70, .flags = NIM},
    {"response: odd baseline 9 -> 4 is 56 %, and remission", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 9, 0}, {60, 4, 0}}, .contact = 70, .flags = RSP | REM},
    {"not improving: weeks count from start, not from the screening", A, .today = 69, .phq9_n = 2,
     .phq9 = {{-30, 20, 0}, {60, 15, 0}}, .contact = 69, .flags = 0},
    {"not improving: screening baseline, 70 days from start", A, .today = 70, .phq9_n = 2,
     .phq9 = {{-30, 20, 0}, {60, 15, 0}}, .contact = 70, .flags = NIM},
    {"not improving: not in aftercare", AC, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 15, 0}}, .contact = NEVER, .flags = 0},
    {"response: baseline 0 is undefined", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 0, 0}, {60, 0, 0}}, .contact = 70, .flags = REM},
    {"response: PHQ-9 baseline 0 falls back to GAD-7", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 0, 0}, {60, 0, 0}}, .gad7_n = 2, .gad7 = {{0, 10, 0}, {60, 8, 0}}, .contact = 70,
     .flags = NIM},
    {"response: GAD-7 alone, 12 -> 6", A, .today = 70, .gad7_n = 2,
     .gad7 = {{0, 12, 0}, {60, 6, 0}}, .contact = 70, .flags = RSP | RIM},
    {"response: PHQ-9 decides when it has a baseline", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 18, 0}}, .gad7_n = 2, .gad7 = {{0, 12, 0}, {60, 4, 0}},
     .contact = 70, .flags = NIM | RIM},
    {"not improving: one PHQ-9 says nothing yet", A, .today = 70, .phq9_n = 1, .phq9 = {{0, 20, 0}},
     .contact = 70, .flags = OVD},
    {"not improving: no fallback from a lone PHQ-9", A, .today = 70, .phq9_n = 1,
     .phq9 = {{0, 20, 0}}, .gad7_n = 2, .gad7 = {{0, 12, 0}, {60, 12, 0}}, .contact = 70,
     .flags = 0},

    /* Remission on the latest [D7]: 4 is below 5, 5 is not; GAD-7 by analogy. */
    {"remission: PHQ-9 4 and GAD-7 4", A, .today = 40, .phq9_n = 2,
     .phq9 = {{0, 12, 0}, {30, 4, 0}}, .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 4, 0}}, .contact = 40,
     .flags = RSP | REM | RIM},
    {"remission: PHQ-9 5 is not", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 12, 0}, {30, 5, 0}},
     .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 4, 0}}, .contact = 40, .flags = RSP | RIM},
    {"remission: GAD-7 5 is not", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 12, 0}, {30, 4, 0}},
     .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 5, 0}}, .contact = 40, .flags = RSP | RIM},
    {"remission: PHQ-9 alone when GAD-7 never measured", A, .today = 40, .phq9_n = 2,
     .phq9 = {{0, 6, 0}, {30, 4, 0}}, .contact = 40, .flags = REM},
    {"remission: GAD-7 alone when PHQ-9 never measured", A, .today = 40, .gad7_n = 2,
     .gad7 = {{0, 6, 0}, {30, 4, 0}}, .contact = 40, .flags = REM},
    {"remission: not from the intake score alone", A, .today = 10, .phq9_n = 1, .phq9 = {{0, 4, 0}},
     .contact = 10, .flags = 0},

    /* Reliable change [D10]: PHQ-9 at 5/6, GAD-7 at 3/4, both directions. */
    {"reliable: PHQ-9 falls 5", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 15, 0}, {30, 10, 0}},
     .contact = 40, .flags = 0},
    {"reliable: PHQ-9 falls 6", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 15, 0}, {30, 9, 0}},
     .contact = 40, .flags = RIM},
    {"reliable: PHQ-9 rises 5", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 10, 0}, {30, 15, 0}},
     .contact = 40, .flags = 0},
    {"reliable: PHQ-9 rises 6", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 10, 0}, {30, 16, 0}},
     .contact = 40, .flags = RDT},
    {"reliable: GAD-7 falls 3", A, .today = 40, .gad7_n = 2, .gad7 = {{0, 15, 0}, {30, 12, 0}},
     .contact = 40, .flags = 0},
    {"reliable: GAD-7 falls 4", A, .today = 40, .gad7_n = 2, .gad7 = {{0, 15, 0}, {30, 11, 0}},
     .contact = 40, .flags = RIM},
    {"reliable: GAD-7 rises 3", A, .today = 40, .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 13, 0}},
     .contact = 40, .flags = 0},
    {"reliable: GAD-7 rises 4", A, .today = 40, .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 14, 0}},
     .contact = 40, .flags = RDT},
    {"reliable: PHQ-9 better by 6, GAD-7 worse by 4: deterioration only", A, .today = 40,
     .phq9_n = 2, .phq9 = {{0, 15, 0}, {30, 9, 0}}, .gad7_n = 2, .gad7 = {{0, 5, 0}, {30, 9, 0}},
     .contact = 40, .flags = RDT},
    {"reliable: first to last, not to the best", A, .today = 40, .phq9_n = 3,
     .phq9 = {{0, 15, 0}, {15, 5, 0}, {30, 14, 0}}, .contact = 40, .flags = 0},
    {"reliable: shown in a completed enrolment", ENROLMENT_COMPLETED, .today = 40, .phq9_n = 2,
     .phq9 = {{0, 10, 0}, {30, 16, 0}}, .contact = NEVER, .flags = RDT},

    /* Measurement overdue [ISSUE]: 27 vs 28 days [DEC: 28 days is overdue]. */
    {"overdue: last score 27 days ago", A, .today = 40, .phq9_n = 2,
     .phq9 = {{0, 10, 0}, {13, 10, 0}}, .contact = 40, .flags = 0},
    {"overdue: last score 28 days ago", A, .today = 41, .phq9_n = 2,
     .phq9 = {{0, 10, 0}, {13, 10, 0}}, .contact = 41, .flags = OVD},
    {"overdue: a newer GAD-7 counts, 27 days", A, .today = 47, .phq9_n = 1, .phq9 = {{0, 10, 0}},
     .gad7_n = 2, .gad7 = {{0, 8, 0}, {20, 8, 0}}, .contact = 47, .flags = 0},
    {"overdue: a newer GAD-7 counts, 28 days", A, .today = 48, .phq9_n = 1, .phq9 = {{0, 10, 0}},
     .gad7_n = 2, .gad7 = {{0, 8, 0}, {20, 8, 0}}, .contact = 48, .flags = OVD},
    {"overdue: none taken, 27 days from start", A, .today = 27, .contact = 27, .flags = 0},
    {"overdue: none taken, 28 days from start", A, .today = 28, .contact = 28, .flags = OVD},
    {"overdue: screening score counts from start, 27", A, .today = 27, .phq9_n = 1,
     .phq9 = {{-20, 10, 0}}, .contact = 27, .flags = 0},
    {"overdue: screening score counts from start, 28", A, .today = 28, .phq9_n = 1,
     .phq9 = {{-20, 10, 0}}, .contact = 28, .flags = OVD},
    {"overdue and no contact: not in aftercare", AC, .today = 100, .contact = NEVER, .flags = 0},
    {"overdue and no contact: not at referral", ENROLMENT_REFERRED, .no_start = true, .today = 100,
     .contact = NEVER, .flags = 0},

    /* No contact [ISSUE]: 13 vs 14 days [DEC: 14 days flags]. */
    {"no contact: 13 days", A, .today = 23, .phq9_n = 1, .phq9 = {{20, 10, 0}}, .contact = 10,
     .flags = 0},
    {"no contact: 14 days", A, .today = 24, .phq9_n = 1, .phq9 = {{20, 10, 0}}, .contact = 10,
     .flags = NOC},
    {"no contact: never, 13 days from start", A, .today = 13, .phq9_n = 1, .phq9 = {{0, 10, 0}},
     .contact = NEVER, .flags = 0},
    {"no contact: never, 14 days from start", A, .today = 14, .phq9_n = 1, .phq9 = {{0, 10, 0}},
     .contact = NEVER, .flags = NOC},
    {"no contact: a contact before start counts from start, 13", A, .today = 13, .phq9_n = 1,
     .phq9 = {{0, 10, 0}}, .contact = -10, .flags = 0},
    {"no contact: a contact before start counts from start, 14", A, .today = 14, .phq9_n = 1,
     .phq9 = {{0, 10, 0}}, .contact = -10, .flags = NOC},
    {"no contact: project setting 7 days, 6", A, .today = 16, .phq9_n = 1, .phq9 = {{10, 10, 0}},
     .contact = 10, .settings = &contact_7, .flags = 0},
    {"no contact: project setting 7 days, 7", A, .today = 17, .phq9_n = 1, .phq9 = {{10, 10, 0}},
     .contact = 10, .settings = &contact_7, .flags = NOC},

    /* Follow-up due [ISSUE]: 3 months = day 90, 6 months = day 181. */
    {"follow-up: the day before 3 months", AC, .today = 89, .contact = NEVER, .months_n = 1,
     .months = {3}, .flags = 0},
    {"follow-up: on the 3-month date", AC, .today = 90, .contact = NEVER, .months_n = 1,
     .months = {3}, .flags = FUD},
    {"follow-up: the day after", AC, .today = 91, .contact = NEVER, .months_n = 1, .months = {3},
     .flags = FUD},
    {"follow-up: cleared by one on the date", AC, .today = 91, .contact = NEVER, .months_n = 1,
     .months = {3}, .done_n = 1, .done = {90}, .flags = 0},
    {"follow-up: cleared by one after the date", AC, .today = 91, .contact = NEVER, .months_n = 1,
     .months = {3}, .done_n = 1, .done = {91}, .flags = 0},
    {"follow-up: one the day before does not count", AC, .today = 91, .contact = NEVER,
     .months_n = 1, .months = {3}, .done_n = 1, .done = {89}, .flags = FUD},
    {"follow-up: 3 done, the day before 6 months", AC, .today = 180, .contact = NEVER,
     .months_n = 2, .months = {3, 6}, .done_n = 1, .done = {95}, .flags = 0},
    {"follow-up: 3 done, on the 6-month date", AC, .today = 181, .contact = NEVER, .months_n = 2,
     .months = {3, 6}, .done_n = 1, .done = {95}, .flags = FUD},
    {"follow-up: one at 6 months also meets a missed 3", AC, .today = 182, .contact = NEVER,
     .months_n = 2, .months = {3, 6}, .done_n = 1, .done = {181}, .flags = 0},
    {"follow-up: while active, with the rest", A, .today = 91, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {85, 10, 0}}, .contact = 91, .months_n = 1, .months = {3},
     .flags = FUD | RSP | RIM},
    {"follow-up: not once completed", ENROLMENT_COMPLETED, .today = 91, .contact = NEVER,
     .months_n = 1, .months = {3}, .flags = 0},
    {"follow-up: early window 7 days counts day 83", AC, .today = 91, .contact = NEVER,
     .months_n = 1, .months = {3}, .done_n = 1, .done = {83}, .settings = &early_7, .flags = 0},
    {"follow-up: early window 7 days, day 82 is too early", AC, .today = 91, .contact = NEVER,
     .months_n = 1, .months = {3}, .done_n = 1, .done = {82}, .settings = &early_7, .flags = FUD},

    /* Project settings: response at 60 % (20 -> 8 is exactly 60 %), not improving at 12 weeks. */
    {"settings: 60 %, 20 -> 9 is 55 %", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 9, 0}}, .contact = 70, .settings = &response_60, .flags = NIM | RIM},
    {"settings: 60 %, 20 -> 8 is 60 %", A, .today = 70, .phq9_n = 2,
     .phq9 = {{0, 20, 0}, {60, 8, 0}}, .contact = 70, .settings = &response_60, .flags = RSP | RIM},
    {"settings: 12 weeks, 83 days", A, .today = 83, .phq9_n = 2, .phq9 = {{0, 20, 0}, {80, 15, 0}},
     .contact = 83, .settings = &weeks_12, .flags = 0},
    {"settings: 12 weeks, 84 days", A, .today = 84, .phq9_n = 2, .phq9 = {{0, 20, 0}, {80, 15, 0}},
     .contact = 84, .settings = &weeks_12, .flags = NIM},

    /* Everything at once: each flag's rule holds on its own. */
    {"all urgent flags", A, .today = 200, .phq9_n = 2, .phq9 = {{0, 10, 0}, {100, 16, 1}},
     .contact = 150, .months_n = 1, .months = {3}, .flags = SAF | NIM | OVD | NOC | FUD | RDT},
};

static struct core_date day(int n)
{
    return core_date_from_days(core_date_to_days(start_date) + n);
}

/* Storage for one timeline's arrays, filled by build(). */
struct built {
    struct core_caseload_score phq9[MAX_POINTS];
    struct core_caseload_score gad7[MAX_POINTS];
    struct core_date safety[MAX_POINTS];
    struct core_date done[MAX_POINTS];
    struct core_caseload_input in;
};

static void build(const struct timeline *t, int64_t id, struct built *b)
{
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < t->phq9_n; i++)
        b->phq9[i] =
            (struct core_caseload_score){day(t->phq9[i].day), t->phq9[i].total, t->phq9[i].item9};
    for (size_t i = 0; i < t->gad7_n; i++)
        b->gad7[i] = (struct core_caseload_score){day(t->gad7[i].day), t->gad7[i].total, 0};
    for (size_t i = 0; i < t->safety_n; i++)
        b->safety[i] = day(t->safety[i]);
    for (size_t i = 0; i < t->done_n; i++)
        b->done[i] = day(t->done[i]);
    b->in.enrolment_id = id;
    b->in.today = day(t->today);
    b->in.status = t->status;
    b->in.has_start = !t->no_start;
    b->in.start = start_date;
    b->in.phq9 = b->phq9;
    b->in.phq9_count = t->phq9_n;
    b->in.gad7 = b->gad7;
    b->in.gad7_count = t->gad7_n;
    b->in.safety_followups = b->safety;
    b->in.safety_followup_count = t->safety_n;
    b->in.has_last_contact = t->contact != NEVER;
    b->in.last_contact = t->contact != NEVER ? day(t->contact) : start_date;
    b->in.followup_months = t->months;
    b->in.followup_month_count = t->months_n;
    b->in.followups_done = b->done;
    b->in.followup_done_count = t->done_n;
}

/* "safety|no_contact" for a failure message. */
static const char *flag_list(unsigned flags, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < CASELOAD_FLAG_COUNT; i++) {
        if ((flags & (1u << i)) && used < size) {
            int n = snprintf(buf + used, size - used, "%s%s", used ? "|" : "",
                             core_caseload_flag_name(1u << i));
            used += n > 0 ? (size_t)n : 0;
        }
    }
    return used ? buf : "none";
}

static void flags_match_rules(void **state)
{
    const struct core_caseload_settings defaults = core_caseload_settings_default();

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct timeline *t = &rows[i];
        struct core_caseload_row row;
        struct sp_err err = {0};
        struct built b;
        char got[200];
        char want[200];

        build(t, (int64_t)i + 1, &b);
        if (core_caseload_evaluate(&b.in, t->settings ? t->settings : &defaults, &row, &err) !=
            SP_OK)
            fail_msg("row %zu (%s): refused: %s %s", i, t->name, err.field, err.detail);
        if (row.flags != t->flags)
            fail_msg("row %zu (%s): flags %s, expected %s", i, t->name,
                     flag_list(row.flags, got, sizeof got), flag_list(t->flags, want, sizeof want));
        if (row.urgency != core_caseload_urgency(t->flags) || row.enrolment_id != (int64_t)i + 1)
            fail_msg("row %zu (%s): urgency %d, id %lld", i, t->name, row.urgency,
                     (long long)row.enrolment_id);
    }
}

/* The defaults named in the issue (and [D7], [D10]). */
static void defaults_match_issue(void **state)
{
    const struct core_caseload_settings s = core_caseload_settings_default();

    (void)state;
    assert_int_equal(s.not_improving_weeks, 10);
    assert_int_equal(s.response_pct, 50);
    assert_int_equal(s.measurement_overdue_days, 28);
    assert_int_equal(s.no_contact_days, 14);
    assert_int_equal(s.phq9_remission_below, 5);
    assert_int_equal(s.gad7_remission_below, 5);
    assert_int_equal(s.phq9_reliable_change, 6);
    assert_int_equal(s.gad7_reliable_change, 4);
    assert_int_equal(s.followup_early_days, 0);
}

/* The row's figures for a few timelines; expected values counted by hand from the rules (whole
 * weeks = days / 7, baseline = first score, latest = last, change = latest - baseline, next
 * contact = the later of last contact and start + 14, next measurement = the later of the last
 * score and start + 28; months as in the header comment). */
static const struct {
    struct timeline t;
    int weeks;
    int baseline_day;
    int baseline;
    int latest_day;
    int latest;
    int change;
    enum caseload_instrument instrument;
    bool has_gap;
    int gap;
    int next_contact_day; /* INT_MIN: none */
    int next_measure_day; /* INT_MIN: none */
    int followup_month;   /* 0: none */
    struct core_date followup_date;
} details[] = {
    {{"69 days: 9 weeks", A, .today = 69, .phq9_n = 2, .phq9 = {{0, 20, 0}, {60, 15, 0}},
      .contact = 69},
     9,
     0,
     20,
     60,
     15,
     -5,
     CASELOAD_INSTRUMENT_PHQ9,
     true,
     0,
     83,
     88,
     0,
     {0, 0, 0}},
    {{"70 days: 10 weeks", A, .today = 70, .phq9_n = 2, .phq9 = {{0, 20, 0}, {60, 15, 0}},
      .contact = 65},
     10,
     0,
     20,
     60,
     15,
     -5,
     CASELOAD_INSTRUMENT_PHQ9,
     true,
     5,
     79,
     88,
     0,
     {0, 0, 0}},
    {{"out of order: earliest is baseline, latest is latest", A, .today = 70, .phq9_n = 3,
      .phq9 = {{30, 12, 0}, {-10, 18, 0}, {60, 9, 0}}, .contact = 70},
     10,
     -10,
     18,
     60,
     9,
     -9,
     CASELOAD_INSTRUMENT_PHQ9,
     true,
     0,
     84,
     88,
     0,
     {0, 0, 0}},
    {{"same date: array order decides", A, .today = 20, .phq9_n = 2,
      .phq9 = {{10, 15, 0}, {10, 12, 0}}, .contact = 20},
     2,
     10,
     15,
     10,
     12,
     -3,
     CASELOAD_INSTRUMENT_PHQ9,
     true,
     0,
     34,
     38,
     0,
     {0, 0, 0}},
    {{"one score: no change", A, .today = 20, .phq9_n = 1, .phq9 = {{5, 15, 0}}, .contact = 12},
     2,
     5,
     15,
     5,
     15,
     0,
     CASELOAD_INSTRUMENT_PHQ9,
     true,
     8,
     26,
     33,
     0,
     {0, 0, 0}},
    {{"never contacted, never measured", A, .today = 3, .contact = NEVER},
     0,
     INT_MIN,
     0,
     INT_MIN,
     0,
     0,
     CASELOAD_INSTRUMENT_NONE,
     true,
     3,
     14,
     28,
     0,
     {0, 0, 0}},
    {{"referred: nothing known", ENROLMENT_REFERRED, .no_start = true, .today = 3,
      .contact = NEVER},
     0,
     INT_MIN,
     0,
     INT_MIN,
     0,
     0,
     CASELOAD_INSTRUMENT_NONE,
     false,
     0,
     INT_MIN,
     INT_MIN,
     0,
     {0, 0, 0}},
    {{"3 and 6 missed: the 6-month point is reported", AC, .today = 181, .contact = NEVER,
      .months_n = 2, .months = {3, 6}},
     25,
     INT_MIN,
     0,
     INT_MIN,
     0,
     0,
     CASELOAD_INSTRUMENT_NONE,
     true,
     181,
     INT_MIN,
     INT_MIN,
     6,
     {2026, 7, 15}},
    {{"3 months reported on its date", AC, .today = 90, .contact = NEVER, .months_n = 2,
      .months = {6, 3}},
     12,
     INT_MIN,
     0,
     INT_MIN,
     0,
     0,
     CASELOAD_INSTRUMENT_NONE,
     true,
     90,
     INT_MIN,
     INT_MIN,
     3,
     {2026, 4, 15}},
};

static bool same_day(struct core_date d, int n)
{
    return n == INT_MIN ? d.year == 0 : core_date_cmp(d, day(n)) == 0;
}

static void row_details(void **state)
{
    const struct core_caseload_settings defaults = core_caseload_settings_default();

    (void)state;
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
        const struct timeline *t = &details[i].t;
        struct core_caseload_row r;
        struct sp_err err = {0};
        struct built b;

        build(t, 1, &b);
        if (core_caseload_evaluate(&b.in, &defaults, &r, &err) != SP_OK)
            fail_msg("row %zu (%s): refused: %s %s", i, t->name, err.field, err.detail);
        if (r.weeks_in_treatment != details[i].weeks)
            fail_msg("row %zu (%s): %d weeks", i, t->name, r.weeks_in_treatment);
        if (!same_day(r.phq9.baseline_date, details[i].baseline_day) ||
            r.phq9.baseline != details[i].baseline ||
            !same_day(r.phq9.latest_date, details[i].latest_day) ||
            r.phq9.latest != details[i].latest || r.phq9.change != details[i].change ||
            r.phq9.count != t->phq9_n)
            fail_msg("row %zu (%s): baseline %d, latest %d, change %d", i, t->name, r.phq9.baseline,
                     r.phq9.latest, r.phq9.change);
        if (r.response_instrument != details[i].instrument)
            fail_msg("row %zu (%s): instrument %d", i, t->name, r.response_instrument);
        if (r.has_contact_gap != details[i].has_gap || r.contact_gap_days != details[i].gap)
            fail_msg("row %zu (%s): gap %d (%d)", i, t->name, r.contact_gap_days,
                     r.has_contact_gap);
        if (r.has_next_contact_due != (details[i].next_contact_day != INT_MIN) ||
            (r.has_next_contact_due && !same_day(r.next_contact_due, details[i].next_contact_day)))
            fail_msg("row %zu (%s): next contact %d-%d-%d", i, t->name, r.next_contact_due.year,
                     r.next_contact_due.month, r.next_contact_due.day);
        if (r.has_next_measurement_due != (details[i].next_measure_day != INT_MIN) ||
            (r.has_next_measurement_due &&
             !same_day(r.next_measurement_due, details[i].next_measure_day)))
            fail_msg("row %zu (%s): next measurement %d-%d-%d", i, t->name,
                     r.next_measurement_due.year, r.next_measurement_due.month,
                     r.next_measurement_due.day);
        if (r.followup_due_month != details[i].followup_month ||
            core_date_cmp(r.followup_due_date, details[i].followup_date) != 0)
            fail_msg("row %zu (%s): follow-up month %d", i, t->name, r.followup_due_month);
    }
}

/* Refusals: each names its member. The base timeline is valid; each row breaks one thing. */
enum breakage {
    BAD_TODAY,
    BAD_STATUS,
    NO_START_ACTIVE,
    NO_START_AFTERCARE,
    START_AFTER_TODAY,
    PHQ9_TOTAL_28,
    PHQ9_TOTAL_NEG,
    PHQ9_ITEM9_4,
    PHQ9_ITEM9_OVER_TOTAL,
    PHQ9_DATE_AFTER_TODAY,
    GAD7_TOTAL_22,
    GAD7_NULL,
    CONTACT_AFTER_TODAY,
    SAFETY_BAD_DATE,
    MONTH_0,
    MONTH_121,
    DONE_NULL,
    SET_RESPONSE_0,
    SET_RESPONSE_101,
    SET_WEEKS_0,
    SET_CONTACT_0,
    SET_EARLY_NEG,
};

static const struct {
    enum breakage what;
    const char *field;
} refusals[] = {
    {BAD_TODAY, "/today"},
    {BAD_STATUS, "/status"},
    {NO_START_ACTIVE, "/start"},
    {NO_START_AFTERCARE, "/start"},
    {START_AFTER_TODAY, "/start"},
    {PHQ9_TOTAL_28, "/phq9/1/total"},
    {PHQ9_TOTAL_NEG, "/phq9/1/total"},
    {PHQ9_ITEM9_4, "/phq9/1/item9"},
    {PHQ9_ITEM9_OVER_TOTAL, "/phq9/1/item9"},
    {PHQ9_DATE_AFTER_TODAY, "/phq9/1/date"},
    {GAD7_TOTAL_22, "/gad7/0/total"},
    {GAD7_NULL, "/gad7"},
    {CONTACT_AFTER_TODAY, "/last_contact"},
    {SAFETY_BAD_DATE, "/safety_followups/0"},
    {MONTH_0, "/followup_months/1"},
    {MONTH_121, "/followup_months/1"},
    {DONE_NULL, "/followups_done"},
    {SET_RESPONSE_0, "/response_pct"},
    {SET_RESPONSE_101, "/response_pct"},
    {SET_WEEKS_0, "/not_improving_weeks"},
    {SET_CONTACT_0, "/no_contact_days"},
    {SET_EARLY_NEG, "/followup_early_days"},
};

static void bad_input_refused(void **state)
{
    static const struct timeline base = {
        .name = "base",
        .status = A,
        .today = 100,
        .phq9_n = 2,
        .phq9 = {{0, 10, 0}, {50, 8, 1}},
        .gad7_n = 1,
        .gad7 = {{0, 8, 0}},
        .safety_n = 1,
        .safety = {50},
        .contact = 90,
        .months_n = 2,
        .months = {3, 6},
        .done_n = 1,
        .done = {95},
    };
    static const int bad_months[] = {3, 0};
    static const int big_months[] = {3, 121};

    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        struct core_caseload_settings s = core_caseload_settings_default();
        struct core_caseload_row row;
        struct sp_err err = {0};
        struct built b;
        enum sp_code rc;

        build(&base, 7, &b);
        switch (refusals[i].what) {
        case BAD_TODAY:
            b.in.today = (struct core_date){2026, 2, 29};
            break;
        case BAD_STATUS:
            b.in.status = ENROLMENT__COUNT;
            break;
        case NO_START_ACTIVE:
            b.in.has_start = false;
            break;
        case NO_START_AFTERCARE:
            b.in.status = AC;
            b.in.has_start = false;
            break;
        case START_AFTER_TODAY:
            b.in.start = day(101);
            break;
        case PHQ9_TOTAL_28:
            b.phq9[1].total = 28;
            break;
        case PHQ9_TOTAL_NEG:
            b.phq9[1].total = -1;
            break;
        case PHQ9_ITEM9_4:
            b.phq9[1].item9 = 4;
            break;
        case PHQ9_ITEM9_OVER_TOTAL:
            b.phq9[1].total = 1;
            b.phq9[1].item9 = 2;
            break;
        case PHQ9_DATE_AFTER_TODAY:
            b.phq9[1].date = day(101);
            break;
        case GAD7_TOTAL_22:
            b.gad7[0].total = 22;
            break;
        case GAD7_NULL:
            b.in.gad7 = NULL;
            break;
        case CONTACT_AFTER_TODAY:
            b.in.last_contact = day(101);
            break;
        case SAFETY_BAD_DATE:
            b.safety[0] = (struct core_date){2026, 4, 31};
            break;
        case MONTH_0:
            b.in.followup_months = bad_months;
            break;
        case MONTH_121:
            b.in.followup_months = big_months;
            break;
        case DONE_NULL:
            b.in.followups_done = NULL;
            break;
        case SET_RESPONSE_0:
            s.response_pct = 0;
            break;
        case SET_RESPONSE_101:
            s.response_pct = 101;
            break;
        case SET_WEEKS_0:
            s.not_improving_weeks = 0;
            break;
        case SET_CONTACT_0:
            s.no_contact_days = 0;
            break;
        case SET_EARLY_NEG:
            s.followup_early_days = -1;
            break;
        }
        memset(&row, 0xAB, sizeof row);
        rc = core_caseload_evaluate(&b.in, &s, &row, &err);
        if (rc != SP_INVALID || err.code != SP_INVALID || strcmp(err.field, refusals[i].field) != 0)
            fail_msg("row %zu (%s): rc %d, field \"%s\"", i, refusals[i].field, rc, err.field);
        if (row.flags != 0 || row.enrolment_id != 0)
            fail_msg("row %zu (%s): the row was not zeroed", i, refusals[i].field);
    }
}

/* The base of bad_input_refused is itself accepted, so each refusal above is its one change. */
static void refusal_base_accepted(void **state)
{
    const struct core_caseload_settings s = core_caseload_settings_default();
    static const int months[] = {3, 6};
    const struct core_caseload_score phq9[] = {{day(0), 10, 0}, {day(50), 8, 1}};
    const struct core_caseload_score gad7[] = {{day(0), 8, 0}};
    const struct core_date safety[] = {day(50)};
    const struct core_date done[] = {day(95)};
    struct core_caseload_input in = {
        .enrolment_id = 7,
        .today = day(100),
        .status = A,
        .has_start = true,
        .start = start_date,
        .phq9 = phq9,
        .phq9_count = 2,
        .gad7 = gad7,
        .gad7_count = 1,
        .safety_followups = safety,
        .safety_followup_count = 1,
        .has_last_contact = true,
        .last_contact = day(90),
        .followup_months = months,
        .followup_month_count = 2,
        .followups_done = done,
        .followup_done_count = 1,
    };
    struct core_caseload_row row;
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_caseload_evaluate(&in, &s, &row, &err), SP_OK);
    /* Day 100: 50 days since the last score (>= 28), 10 since contact (< 14), 100 days active
     * with 10 -> 8 (< 50 %), 3 months met by day 95, 6 months not yet due (day 181). */
    assert_int_equal(row.flags, CASELOAD_NOT_IMPROVING | CASELOAD_MEASUREMENT_OVERDUE);
}

/* task_overdue (issue 11, "Flags and caseloads": the care manager's caseload shows a joint-plan
 * task of theirs that is overdue), at its boundary as docs/api-contract.md "Tasks" puts it: open
 * and due before today. Due yesterday shows it, due today does not; no task, none; a final status
 * never (nothing is followed up there), aftercare and referral do. Today is day 100. */
static void task_overdue_boundary(void **state)
{
    static const struct {
        const char *name;
        enum enrolment_status status;
        bool has_due;
        int due_day;
        bool flagged;
    } cases[] = {
        {"due yesterday", ENROLMENT_ACTIVE, true, 99, true},
        {"due today", ENROLMENT_ACTIVE, true, 100, false},
        {"due tomorrow", ENROLMENT_ACTIVE, true, 101, false},
        {"due long ago", ENROLMENT_ACTIVE, true, 1, true},
        {"no open task", ENROLMENT_ACTIVE, false, 0, false},
        {"aftercare, due yesterday", ENROLMENT_AFTERCARE, true, 99, true},
        {"referred, due yesterday", ENROLMENT_REFERRED, true, 99, true},
        {"completed, due yesterday", ENROLMENT_COMPLETED, true, 99, false},
    };
    const struct core_caseload_settings s = core_caseload_settings_default();

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool started = cases[i].status != ENROLMENT_REFERRED;
        struct core_caseload_input in = {
            .enrolment_id = 1,
            .today = day(100),
            .status = cases[i].status,
            .has_start = started,
            .start = start_date,
            .has_last_contact = true,
            .last_contact = day(99),
            .has_own_task_due = cases[i].has_due,
            .own_task_due = day(cases[i].due_day),
        };
        struct core_caseload_row row;
        struct sp_err err = {0};

        if (core_caseload_evaluate(&in, &s, &row, &err) != SP_OK)
            fail_msg("%s: refused at %s", cases[i].name, err.field);
        if (((row.flags & TOD) != 0) != cases[i].flagged)
            fail_msg("%s: task_overdue %s", cases[i].name, cases[i].flagged ? "missing" : "shown");
    }
}

/* A due date that is no day is refused at /own_task_due. */
static void task_due_not_a_day_refused(void **state)
{
    const struct core_caseload_settings s = core_caseload_settings_default();
    struct core_caseload_input in = {
        .enrolment_id = 1,
        .today = day(100),
        .status = ENROLMENT_ACTIVE,
        .has_start = true,
        .start = start_date,
        .has_own_task_due = true,
        .own_task_due = {2026, 2, 30},
    };
    struct core_caseload_row row;
    struct sp_err err = {0};

    (void)state;
    assert_int_equal(core_caseload_evaluate(&in, &s, &row, &err), SP_INVALID);
    assert_string_equal(err.field, "/own_task_due");
}

/* Names as the issue spells them, in bit order (the bit order is pinned here too). */
static const char *const names[CASELOAD_FLAG_COUNT] = {
    "safety",       "not_improving",        "measurement_overdue",
    "no_contact",   "followup_due",         "response",
    "remission",    "reliable_improvement", "reliable_deterioration",
    "task_overdue",
};

static void names_round_trip(void **state)
{
    static const unsigned bits[CASELOAD_FLAG_COUNT] = {SAF, NIM, OVD, NOC, FUD,
                                                       RSP, REM, RIM, RDT, TOD};

    (void)state;
    for (int i = 0; i < CASELOAD_FLAG_COUNT; i++) {
        const char *name = core_caseload_flag_name(bits[i]);
        unsigned back = 0;

        if (bits[i] != 1u << i)
            fail_msg("%s: bit %u, expected %u", names[i], bits[i], 1u << i);
        if (name == NULL || strcmp(name, names[i]) != 0)
            fail_msg("bit %d: \"%s\", expected \"%s\"", i, name ? name : "(null)", names[i]);
        if (!core_caseload_flag_from(names[i], &back) || back != bits[i])
            fail_msg("\"%s\": parsed as %u", names[i], back);
    }
}

static void unknown_names_refused(void **state)
{
    static const char *const bad[] = {"",           "Safety",          "safety ",
                                      "no-contact", "followup",        "follow_up_due",
                                      "reliable",   "not_improving\n", "unknown"};
    static const unsigned bad_bits[] = {0, SAF | NIM, 1u << 10, 1u << 31, 3};

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned out = 12345;

        if (core_caseload_flag_from(bad[i], &out) || out != 12345)
            fail_msg("row %zu: \"%s\" accepted", i, bad[i]);
    }
    for (size_t i = 0; i < sizeof bad_bits / sizeof bad_bits[0]; i++) {
        if (core_caseload_flag_name(bad_bits[i]) != NULL)
            fail_msg("bits %#x: named", bad_bits[i]);
    }
}

/* Urgency weights from the issue's order: safety, not_improving, reliable_deterioration,
 * measurement_overdue, no_contact, followup_due, then the joint plan's task_overdue (issue 11),
 * documented in docs/api-contract.md "Caseload" as the last: (64, 32, 16, 8, 4, 2, 1), the rest
 * 0. */
static const struct {
    unsigned flags;
    int urgency;
} urgencies[] = {
    {0, 0},
    {RSP | REM | RIM, 0},
    {TOD, 1},
    {FUD, 2},
    {NOC, 4},
    {OVD, 8},
    {RDT, 16},
    {NIM, 32},
    {SAF, 64},
    {NIM | RDT | OVD | NOC | FUD | TOD, 63},
    {SAF | RSP, 64},
    {SAF | FUD, 66},
    {NOC | FUD | RIM, 6},
    {FUD | TOD, 3},
};

static void urgency_follows_issue_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof urgencies / sizeof urgencies[0]; i++) {
        int got = core_caseload_urgency(urgencies[i].flags);

        if (got != urgencies[i].urgency)
            fail_msg("row %zu: flags %#x urgency %d, expected %d", i, urgencies[i].flags, got,
                     urgencies[i].urgency);
    }
}

/* Sort: rows given in a scrambled order; the expected order is written out by hand from the
 * issue: safety first regardless of everything else, then by the most urgent flag, then longer
 * since contact (none known = longest), then enrolment id. */
static void sort_most_urgent_first(void **state)
{
    static const struct {
        int64_t id;
        unsigned flags;
        bool has_gap;
        int gap;
    } input[] = {
        {1, NIM | RDT | OVD | NOC | FUD, true, 300}, /* everything but safety */
        {2, SAF, true, 0},                           /* safety alone, seen today */
        {3, 0, true, 500},
        {4, RSP | REM | RIM, true, 2},
        {5, NIM, true, 10},
        {6, NIM, true, 20},
        {7, RDT, true, 99},
        {8, OVD, true, 5},
        {9, NOC, true, 30},
        {10, FUD, true, 1},
        {11, SAF, true, 0},  /* ties with 2 on urgency and gap: id decides */
        {12, NIM, false, 0}, /* never contacted: longest gap among NIM */
        {13, SAF | OVD, true, 0},
        {14, 0, true, 500}, /* ties with 3: id decides */
    };
    static const int64_t expected[] = {13, 2, 11, 1, 12, 6, 5, 7, 8, 9, 10, 3, 14, 4};
    struct core_caseload_row r[sizeof input / sizeof input[0]];
    const size_t n = sizeof input / sizeof input[0];

    (void)state;
    assert_int_equal(n, sizeof expected / sizeof expected[0]);
    memset(r, 0, sizeof r);
    for (size_t i = 0; i < n; i++) {
        r[i].enrolment_id = input[i].id;
        r[i].flags = input[i].flags;
        r[i].urgency = core_caseload_urgency(input[i].flags);
        r[i].has_contact_gap = input[i].has_gap;
        r[i].contact_gap_days = input[i].gap;
    }
    qsort(r, n, sizeof r[0], core_caseload_row_cmp);
    for (size_t i = 0; i < n; i++) {
        if (r[i].enrolment_id != expected[i])
            fail_msg("position %zu: enrolment %lld, expected %lld", i, (long long)r[i].enrolment_id,
                     (long long)expected[i]);
    }
    /* Antisymmetric and 0 only for the same row. */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            int ab = core_caseload_row_cmp(&r[i], &r[j]);
            int ba = core_caseload_row_cmp(&r[j], &r[i]);

            if ((ab > 0) != (ba < 0) || (ab == 0) != (i == j))
                fail_msg("rows %zu, %zu: cmp %d / %d", i, j, ab, ba);
        }
    }
}

/* Sorting rows that came out of core_caseload_evaluate: the safety row (otherwise quiet) still
 * sorts above a row with every other urgent flag. */
static void evaluated_safety_sorts_first(void **state)
{
    const struct core_caseload_settings s = core_caseload_settings_default();
    const size_t all = sizeof rows / sizeof rows[0] - 1; /* "all urgent flags" is last */
    const struct timeline quiet_safety = rows[0];
    struct timeline busy = rows[all];
    struct core_caseload_row r[2];
    struct sp_err err = {0};
    struct built b;

    (void)state;
    busy.phq9[1].item9 = 0; /* everything urgent except safety */
    build(&busy, 1, &b);
    assert_int_equal(core_caseload_evaluate(&b.in, &s, &r[0], &err), SP_OK);
    assert_int_equal(r[0].flags, NIM | OVD | NOC | FUD | RDT);
    build(&quiet_safety, 2, &b);
    assert_int_equal(core_caseload_evaluate(&b.in, &s, &r[1], &err), SP_OK);
    assert_int_equal(r[1].flags, SAF);
    qsort(r, 2, sizeof r[0], core_caseload_row_cmp);
    assert_int_equal(r[0].enrolment_id, 2);
    assert_int_equal(r[1].enrolment_id, 1);
}

/* Which instrument each measure flag is about, so that a list can name it [D7][D10][DEC]: response
 * and not improving on the instrument response is judged on, remission on every instrument
 * measured, reliable change on the instruments whose change reached 6 (PHQ-9) / 4 (GAD-7) in the
 * flag's direction; other flags and absent flags name none. */
#define PHQ (1u << CASELOAD_INSTRUMENT_PHQ9)
#define GAD (1u << CASELOAD_INSTRUMENT_GAD7)

static const struct {
    struct timeline t;
    unsigned flag;
    unsigned instruments; /* expected */
} flag_instruments[] = {
    /* PHQ-9 12 -> 8 is 33 % (not improving at 70 days) and -4 (not reliable); GAD-7 11 -> 7 is
     * -4, a reliable improvement: the two flags are about different questionnaires. */
    {{"not improving on PHQ-9", A, .today = 70, .phq9_n = 2, .phq9 = {{0, 12, 0}, {60, 8, 0}},
      .gad7_n = 2, .gad7 = {{0, 11, 0}, {60, 7, 0}}, .contact = 70, .flags = NIM | RIM},
     NIM,
     PHQ},
    {{"reliable improvement on GAD-7", A, .today = 70, .phq9_n = 2,
      .phq9 = {{0, 12, 0}, {60, 8, 0}}, .gad7_n = 2, .gad7 = {{0, 11, 0}, {60, 7, 0}},
      .contact = 70, .flags = NIM | RIM},
     RIM,
     GAD},
    {{"response on GAD-7 when PHQ-9's baseline is 0", A, .today = 70, .phq9_n = 2,
      .phq9 = {{0, 0, 0}, {60, 0, 0}}, .gad7_n = 2, .gad7 = {{0, 12, 0}, {60, 6, 0}}, .contact = 70,
      .flags = RSP | RIM},
     RSP,
     GAD},
    {{"reliable deterioration on both: +6 and +4", A, .today = 70, .phq9_n = 2,
      .phq9 = {{0, 10, 0}, {60, 16, 0}}, .gad7_n = 2, .gad7 = {{0, 8, 0}, {60, 12, 0}},
      .contact = 70, .flags = NIM | RDT},
     RDT,
     PHQ | GAD},
    {{"reliable deterioration on GAD-7 only: +3 on PHQ-9 is not", A, .today = 40, .phq9_n = 2,
      .phq9 = {{0, 10, 0}, {30, 13, 0}}, .gad7_n = 2, .gad7 = {{0, 8, 0}, {30, 12, 0}},
      .contact = 40, .flags = RDT},
     RDT,
     GAD},
    {{"remission on both measured", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 12, 0}, {30, 4, 0}},
      .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 4, 0}}, .contact = 40, .flags = RSP | REM | RIM},
     REM,
     PHQ | GAD},
    {{"reliable improvement on both", A, .today = 40, .phq9_n = 2, .phq9 = {{0, 12, 0}, {30, 4, 0}},
      .gad7_n = 2, .gad7 = {{0, 10, 0}, {30, 4, 0}}, .contact = 40, .flags = RSP | REM | RIM},
     RIM,
     PHQ | GAD},
    {{"remission on PHQ-9 alone when GAD-7 was never measured", A, .today = 40, .phq9_n = 2,
      .phq9 = {{0, 6, 0}, {30, 4, 0}}, .contact = 40, .flags = REM},
     REM,
     PHQ},
    /* PHQ-9 20 -> 12 is -8 but GAD-7 5 -> 9 is +4: improvement is withheld [D10], so its flag
     * (absent) names nothing, and deterioration names GAD-7 alone. */
    {{"improvement withheld: no flag, no instrument", A, .today = 70, .phq9_n = 2,
      .phq9 = {{0, 20, 0}, {60, 12, 0}}, .gad7_n = 2, .gad7 = {{0, 5, 0}, {60, 9, 0}},
      .contact = 70, .flags = NIM | RDT},
     RIM,
     0},
    {{"deterioration beside a withheld improvement", A, .today = 70, .phq9_n = 2,
      .phq9 = {{0, 20, 0}, {60, 12, 0}}, .gad7_n = 2, .gad7 = {{0, 5, 0}, {60, 9, 0}},
      .contact = 70, .flags = NIM | RDT},
     RDT,
     GAD},
    {{"safety names no instrument set", A, .today = 20, .phq9_n = 2,
      .phq9 = {{0, 12, 0}, {14, 12, 1}}, .contact = 20, .flags = SAF},
     SAF,
     0},
};

static void flag_instruments_name_the_measure(void **state)
{
    const struct core_caseload_settings defaults = core_caseload_settings_default();

    (void)state;
    for (size_t i = 0; i < sizeof flag_instruments / sizeof flag_instruments[0]; i++) {
        const struct timeline *t = &flag_instruments[i].t;
        struct core_caseload_row row;
        struct sp_err err = {0};
        struct built b;
        unsigned got;

        build(t, 1, &b);
        if (core_caseload_evaluate(&b.in, &defaults, &row, &err) != SP_OK)
            fail_msg("row %zu (%s): refused: %s %s", i, t->name, err.field, err.detail);
        if (row.flags != t->flags)
            fail_msg("row %zu (%s): flags %#x, expected %#x", i, t->name, row.flags, t->flags);
        got = core_caseload_flag_instruments(&row, flag_instruments[i].flag);
        if (got != flag_instruments[i].instruments)
            fail_msg("row %zu (%s): instruments %#x, expected %#x", i, t->name, got,
                     flag_instruments[i].instruments);
    }
}

/* The case review lists the rows with a flag that asks for attention: [ISSUE]'s urgent flags
 * (safety, not improving, reliable deterioration, measurement overdue, no contact, follow-up
 * due); the good-news flags alone never put a row there. Written out flag by flag. */
static void attention_flags_match_case_review(void **state)
{
    static const struct {
        unsigned flags;
        bool attention;
    } cases[] = {
        {0, false},        {SAF, true},        {NIM, true},
        {OVD, true},       {NOC, true},        {FUD, true},
        {RSP, false},      {REM, false},       {RIM, false},
        {RDT, true},       {RSP | REM, false}, {RSP | REM | RIM, false},
        {RIM | NOC, true}, {REM | SAF, true},  {1u << CASELOAD_FLAG_COUNT, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (core_caseload_needs_attention(cases[i].flags) != cases[i].attention)
            fail_msg("row %zu: flags %#x: attention should be %d", i, cases[i].flags,
                     cases[i].attention);
}

/* [D10]: a fall of >= 6 (PHQ-9) or >= 4 (GAD-7) from first to latest is reliable improvement, a
 * rise of as much reliable deterioration; with one score nothing is known. A project's own
 * reliable change (the settings passed) replaces the default. */
static void trend_by_reliable_change(void **state)
{
    struct core_caseload_settings defaults = core_caseload_settings_default();
    struct core_caseload_settings strict = defaults;
    static const char *const trend_names[] = {"unknown", "improving", "worsening",
                                              "no_reliable_change"};
    const struct {
        enum caseload_instrument instrument;
        size_t count;
        int first;
        int latest;
        const struct core_caseload_settings *settings;
        enum caseload_trend trend;
    } cases[] = {
        {CASELOAD_INSTRUMENT_PHQ9, 2, 18, 12, &defaults, CASELOAD_TREND_IMPROVING},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 18, 13, &defaults, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 12, 18, &defaults, CASELOAD_TREND_WORSENING},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 13, 18, &defaults, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_PHQ9, 5, 27, 0, &defaults, CASELOAD_TREND_IMPROVING},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 9, 9, &defaults, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_PHQ9, 1, 18, 2, &defaults, CASELOAD_TREND_UNKNOWN},
        {CASELOAD_INSTRUMENT_PHQ9, 0, 0, 0, &defaults, CASELOAD_TREND_UNKNOWN},
        {CASELOAD_INSTRUMENT_GAD7, 2, 15, 11, &defaults, CASELOAD_TREND_IMPROVING},
        {CASELOAD_INSTRUMENT_GAD7, 2, 15, 12, &defaults, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_GAD7, 2, 8, 12, &defaults, CASELOAD_TREND_WORSENING},
        {CASELOAD_INSTRUMENT_GAD7, 2, 9, 12, &defaults, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 18, 15, &strict, CASELOAD_TREND_IMPROVING},
        {CASELOAD_INSTRUMENT_PHQ9, 2, 18, 16, &strict, CASELOAD_TREND_NO_RELIABLE_CHANGE},
        {CASELOAD_INSTRUMENT_GAD7, 2, 8, 10, &strict, CASELOAD_TREND_WORSENING},
        {CASELOAD_INSTRUMENT_NONE, 2, 18, 2, &defaults, CASELOAD_TREND_UNKNOWN},
    };

    (void)state;
    strict.phq9_reliable_change = 3;
    strict.gad7_reliable_change = 2;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum caseload_trend got =
            core_caseload_trend(cases[i].instrument, cases[i].count, cases[i].first,
                                cases[i].latest, cases[i].settings);

        if (got != cases[i].trend)
            fail_msg("row %zu: trend %d, expected %d", i, got, cases[i].trend);
    }
    for (size_t t = 0; t < sizeof trend_names / sizeof trend_names[0]; t++)
        assert_string_equal(core_caseload_trend_name((enum caseload_trend)t), trend_names[t]);
    assert_string_equal(core_caseload_trend_name((enum caseload_trend)99), "unknown");
}

/* docs/api-contract.md, safety follow-ups and the caseload's last_contact: a risk assessment or
 * a safety plan was made with the citizen; a referral to acute services and an attempt that did
 * not reach them were not contacts. */
static void safety_actions_that_are_contacts(void **state)
{
    static const struct {
        const char *action;
        bool valid;
        bool contact;
    } cases[] = {
        {"risk_assessed", true, true},
        {"safety_plan", true, true},
        {"referred_acute", true, false},
        {"contact_attempted", true, false},
        {"Risk_assessed", false, false},
        {"safety_plan ", false, false},
        {"", false, false},
        {"session", false, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool listed = false;

        for (size_t k = 0; k < CORE_SAFETY_ACTION_COUNT; k++)
            listed = listed || strcmp(core_safety_actions[k], cases[i].action) == 0;
        if (listed != cases[i].valid)
            fail_msg("\"%s\": listed should be %d", cases[i].action, cases[i].valid);
        if (core_safety_action_is_contact(cases[i].action) != cases[i].contact)
            fail_msg("\"%s\": contact should be %d", cases[i].action, cases[i].contact);
    }
    assert_false(core_safety_action_is_contact(NULL));
}

/* A project's treatment numbers (migration 0007's columns) become its caseload settings: a number
 * it sets replaces the default, a missing one (0 or -1) keeps it; remission and reliable change
 * are the defaults ([PS2020], [D10]); a follow-up counts from 14 days before its date, where the
 * follow-up list's window opens (docs/api-contract.md "Follow-ups"). */
static void project_settings_become_caseload_settings(void **state)
{
    static const struct {
        struct project_treatment project;
        int not_improving_weeks, response_pct, measurement_overdue_days, no_contact_days;
    } cases[] = {
        {{.not_improving_weeks = 12,
          .response_percent = 40,
          .measurement_overdue_days = 21,
          .no_contact_days = 10},
         12,
         40,
         21,
         10},
        {{.not_improving_weeks = 0,
          .response_percent = -1,
          .measurement_overdue_days = 0,
          .no_contact_days = -1},
         10,
         50,
         28,
         14},
        {{.not_improving_weeks = 1,
          .response_percent = 100,
          .measurement_overdue_days = 366,
          .no_contact_days = 1},
         1,
         100,
         366,
         1},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct core_caseload_settings s = core_caseload_settings_of(&cases[i].project);

        if (s.not_improving_weeks != cases[i].not_improving_weeks ||
            s.response_pct != cases[i].response_pct ||
            s.measurement_overdue_days != cases[i].measurement_overdue_days ||
            s.no_contact_days != cases[i].no_contact_days)
            fail_msg("row %zu: %d %d %d %d", i, s.not_improving_weeks, s.response_pct,
                     s.measurement_overdue_days, s.no_contact_days);
        assert_int_equal(s.phq9_remission_below, 5);
        assert_int_equal(s.gad7_remission_below, 5);
        assert_int_equal(s.phq9_reliable_change, 6);
        assert_int_equal(s.gad7_reliable_change, 4);
        assert_int_equal(s.followup_early_days, 14);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flags_match_rules),
        cmocka_unit_test(defaults_match_issue),
        cmocka_unit_test(row_details),
        cmocka_unit_test(bad_input_refused),
        cmocka_unit_test(refusal_base_accepted),
        cmocka_unit_test(names_round_trip),
        cmocka_unit_test(unknown_names_refused),
        cmocka_unit_test(urgency_follows_issue_order),
        cmocka_unit_test(task_overdue_boundary),
        cmocka_unit_test(task_due_not_a_day_refused),
        cmocka_unit_test(sort_most_urgent_first),
        cmocka_unit_test(evaluated_safety_sorts_first),
        cmocka_unit_test(flag_instruments_name_the_measure),
        cmocka_unit_test(attention_flags_match_case_review),
        cmocka_unit_test(trend_by_reliable_change),
        cmocka_unit_test(safety_actions_that_are_contacts),
        cmocka_unit_test(project_settings_become_caseload_settings),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
