/* Fault injection (docs/code-style.md, after SQLite's do_faultsim_test and curl's torture mode): a
 * write request runs again and again with the Nth storage call failing as a lost connection
 * (SP_UNAVAILABLE: not run again, unlike SP_BUSY in write_retry_test.c), N = 1, 2, … until it
 * succeeds. Every failure must give a clean error and write nothing — no
 * project, no half of one — and the audit chain must stay intact; the first run that gets
 * through must write exactly one project. */
#include "world.h"

#include "store/sql.h"

static int fail_at;

/* Run route with body, failing the 1st, 2nd, … storage call until it succeeds. After every
 * failure `empty_sql` must still count 0; returns the number of failures. */
static int torture(struct world *w, const struct policy_subject *who, const char *method,
                   const char *pattern, const char *body_text, const char *const *empty_sql)
{
    int failures = 0;

    for (fail_at = 1; fail_at < 100; fail_at++) {
        struct answer a;
        enum sp_code rc;

        sql_fault_at(fail_at);
        a = world_request(w, who, method, pattern, body_text, NULL);
        rc = a.rc;
        free(a.body);
        if (rc == SP_OK)
            break;
        failures++;
        if (rc != SP_BUSY && rc != SP_UNAVAILABLE)
            fail_msg("%s %s, failure at call %d gave %s, not a clean busy/unavailable", method,
                     pattern, fail_at, sp_code_info(rc)->name);
        for (const char *const *q = empty_sql; *q != NULL; q++)
            if (count_rows(w->path, *q) != 0)
                fail_msg("%s %s, failure at call %d left rows behind: %s", method, pattern, fail_at,
                         *q);
    }
    sql_fault_at(0);
    if (fail_at == 100)
        fail_msg("%s %s never succeeded", method, pattern);
    return failures;
}

static void failing_project_create_writes_nothing(void **state)
{
    static const char body[] =
        "{\"slug\":\"fault-test\",\"name\":\"Fault test\",\"description\":\"\","
        "\"period_start\":\"2026-01-01\",\"period_end\":\"2027-01-01\",\"target_count\":10,"
        "\"age_min\":18,\"age_max\":30,\"municipalities\":[\"657\",\"730\"],"
        "\"target_groups\":[\"other\",\"sygedagpenge\"],\"instruments\":[\"phq9\"],"
        "\"followup_months\":[3,6],\"randomised\":false}";
    static const char *const empty[] = {"SELECT COUNT(*) FROM project",
                                        "SELECT COUNT(*) FROM project_municipality",
                                        "SELECT COUNT(*) FROM project_target_group", NULL};
    struct world w;
    int failures;

    (void)state;
    world_open(&w);
    failures = torture(&w, make_subject(&w, "fault.admin", "1082", "administrator"), "POST",
                       "/api/v1/projects", body, empty);
    assert_true(failures >= 5); /* the request went through several storage calls */
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM project"), 1);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM project_municipality"), 2);
    print_message("POST /api/v1/projects: %d injected failures, then one project\n", failures);
    world_close(&w);
}

/* A citizen is registered with its audit event in the same transaction: a failure anywhere —
 * the insert, the chain head, the event, the commit — leaves neither behind. (A refusal's own
 * audit event, written after the rollback, may stand: it records the failed attempt.) */
static void failing_citizen_create_writes_nothing(void **state)
{
    static const char body[] = "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\","
                               "\"name\":\"Fiktiv Fejltest\",\"synthetic\":true}";
    static const char *const empty[] = {
        "SELECT COUNT(*) FROM citizen",
        "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'", NULL};
    struct world w;
    int64_t checked = 0;
    int failures;

    (void)state;
    world_open(&w);
    failures = torture(&w, make_subject(&w, "fault.caseworker", "657", "caseworker"), "POST",
                       "/api/v1/citizens", body, empty);
    assert_true(failures >= 3);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM citizen"), 1);
    assert_int_equal(
        count_rows(w.path, "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'"), 1);
    assert_chain_intact(&w, &checked);
    print_message("POST /api/v1/citizens: %d injected failures, then one citizen; %lld audit "
                  "events, chain intact\n",
                  failures, (long long)checked);
    world_close(&w);
}

/* Registering a person the caller already has answers that record (docs/security-model.md "One
 * person, many records"): a failure anywhere leaves no second record and no allowed event; the
 * run that gets through adds only the read of the existing record. */
static void failing_registration_of_a_known_person_writes_nothing(void **state)
{
    static const char body[] = "{\"identifier\":\"680302-4994\",\"identifier_type\":\"erstatning\","
                               "\"name\":\"Fiktiv Igen\",\"synthetic\":true}";
    static const char *const empty[] = {
        "SELECT COUNT(*) FROM citizen WHERE name <> 'Fiktiv Fejltest'",
        "SELECT COUNT(*) FROM audit_event WHERE outcome = 'allowed'", NULL};
    struct world w;
    struct citizen c = {0};
    struct sp_err err = {0};
    const struct policy_subject *who;
    int64_t checked = 0;
    int failures;

    (void)state;
    world_open(&w);
    who = make_subject(&w, "fault.caseworker", "657", "caseworker");
    c.identifier_type = "erstatning";
    c.identifier = "6803024994";
    c.birth_date = "2002-03-08";
    c.name = "Fiktiv Fejltest";
    c.synthetic = true;
    c.created_by = who->user->id;
    assert_int_equal(store_citizen_create(w.st, &c, "2026-11-23T08:00:00Z", &err), SP_OK);
    failures = torture(&w, who, "POST", "/api/v1/citizens", body, empty);
    assert_true(failures >= 3);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM citizen"), 1);
    assert_int_equal(count_rows(w.path, "SELECT COUNT(*) FROM audit_event WHERE outcome = "
                                        "'allowed' AND action = 'read' AND citizen_id = 1"),
                     1);
    assert_chain_intact(&w, &checked);
    print_message("POST /api/v1/citizens (known): %d injected failures, then the record\n",
                  failures);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(failing_project_create_writes_nothing),
        cmocka_unit_test(failing_citizen_create_writes_nothing),
        cmocka_unit_test(failing_registration_of_a_known_person_writes_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
