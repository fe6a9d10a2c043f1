/* Copying a whole installation from one store to another (samspor migrate-data), and the row
 * count and checksum of a table that show the copy is whole. Written once over sql.h, so any
 * engine copies to any other; the tables are named here in an order that satisfies every
 * foreign key, and a unit test checks that the list is the schema's. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "store/store_int.h"

/* Filled by the migrations themselves (reference data): never copied, compared. */
const char *const store_reference_tables[] = {"organisation", "organisation_alias", "target_group",
                                              NULL};

/* Everything else, parents before children. */
const char *const store_data_tables[] = {"app_user",
                                         "user_role",
                                         "project",
                                         "project_municipality",
                                         "project_target_group",
                                         "team",
                                         "team_member",
                                         "citizen",
                                         "enrolment",
                                         "enrolment_member",
                                         "enrolment_status_change",
                                         "session",
                                         "api_token",
                                         "login_throttle",
                                         "consent",
                                         "audit_chain",
                                         "audit_event",
                                         "audit_checkpoint",
                                         "audit_checkpoint_head",
                                         "audit_checkpoint_last",
                                         "assessment",
                                         "eligibility_decision",
                                         "treatment_plan",
                                         "treatment_session",
                                         "safety_followup",
                                         "case_review",
                                         "employer",
                                         "employer_contact_person",
                                         "employer_contact",
                                         "episode",
                                         "plan_goal",
                                         "plan_goal_status",
                                         "task", /* after plan_goal: its goal_id (migration 0017) */
                                         "enrolment_coordinator",
                                         "vocational_profile",
                                         "vocational_history_entry",
                                         "follow_along",
                                         "meeting",
                                         "meeting_staff",
                                         "meeting_attendance",
                                         "meeting_goal",
                                         "meeting_task",
                                         "team_note",
                                         "instrument_text",
                                         "idempotency",
                                         NULL};

static bool known_table(const char *table)
{
    for (const char *const *t = store_data_tables; *t != NULL; t++)
        if (strcmp(*t, table) == 0)
            return true;
    for (const char *const *t = store_reference_tables; *t != NULL; t++)
        if (strcmp(*t, table) == 0)
            return true;
    return false;
}

/* "SELECT * FROM table" for a table of the lists (a name cannot be a bound parameter). */
static char *select_all(const char *table)
{
    size_t cap = strlen(table) + 32;
    char *sql = sp_xmalloc(cap);

    snprintf(sql, cap, "SELECT * FROM %s", table);
    return sql;
}

/* One row's canonical bytes: each column as "<name>=<I|T|N><length>:<value>\n" in the order of
 * `order` (columns sorted by name, so two engines' column orders agree). */
static void row_bytes(struct sql_stmt *s, const int *order, int n, char **buf, size_t *cap,
                      size_t *used)
{
    *used = 0;
    for (int i = 0; i < n; i++) {
        int col = order[i];
        const char *name = sql_column_name(s, col);
        const char *value = sql_column_null(s, col) ? "" : sql_column_text(s, col);
        char tag = sql_column_null(s, col) ? 'N' : sql_column_is_integer(s, col) ? 'I' : 'T';
        size_t need = strlen(name) + strlen(value) + 48;
        int w;

        if (*used + need > *cap) {
            *cap = 2 * (*used + need);
            *buf = sp_xrealloc(*buf, *cap);
        }
        w = snprintf(*buf + *used, *cap - *used, "%s=%c%zu:%s\n", name, tag, strlen(value), value);
        *used += (size_t)w;
    }
}

/* Column indices sorted by column name. */
static int *columns_by_name(struct sql_stmt *s, int n)
{
    int *order = sp_xcalloc((size_t)n + 1, sizeof *order);

    for (int i = 0; i < n; i++) {
        int j = i;

        order[i] = i;
        while (j > 0 && strcmp(sql_column_name(s, order[j - 1]), sql_column_name(s, i)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    return order;
}

/* Add a row's 32-byte hash into the sum as four 64-bit lanes: an order-independent digest of
 * the rows (the engines may return them in different orders). */
static void add_row_hash(uint64_t sum[4], const char *hex)
{
    for (int lane = 0; lane < 4; lane++) {
        char part[17];

        memcpy(part, hex + 16 * lane, 16);
        part[16] = '\0';
        sum[lane] += strtoull(part, NULL, 16);
    }
}

enum sp_code store_table_sum(struct store *st, const char *table, struct store_table_sum *out,
                             struct sp_err *err)
{
    char *sql;
    struct sql_stmt *s = NULL;
    uint64_t sum[4] = {0, 0, 0, 0};
    char *buf = NULL;
    size_t cap = 0;
    size_t used = 0;
    int *order = NULL;
    int n = 0;
    bool row = true;
    enum sp_code rc;

    if (!known_table(table))
        return sp_err_set(err, SP_INTERNAL, "", "Unknown table.");
    sql = select_all(table);
    out->rows = 0;
    rc = sql_prepare(st->conn, sql, &s, err);
    while (rc == SP_OK && (rc = sql_step(s, &row, NULL, err)) == SP_OK && row) {
        char hex[65];

        if (order == NULL) {
            n = sql_column_count(s);
            order = columns_by_name(s, n);
        }
        row_bytes(s, order, n, &buf, &cap, &used);
        sp_crypto_hash_hex(buf, used, hex);
        add_row_hash(sum, hex);
        out->rows++;
    }
    snprintf(out->digest, sizeof out->digest,
             "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64, sum[0], sum[1], sum[2],
             sum[3]);
    sql_release(s);
    free(order);
    free(buf);
    free(sql);
    return rc;
}

/* "INSERT INTO table (a, b, …) VALUES ($1, $2, …)" for the columns of the source row. */
static char *insert_for(const char *table, struct sql_stmt *src, int n)
{
    size_t cap = strlen(table) + 64;
    char *sql;
    size_t used;

    for (int i = 0; i < n; i++)
        cap += strlen(sql_column_name(src, i)) + 16;
    sql = sp_xmalloc(cap);
    used = (size_t)snprintf(sql, cap, "INSERT INTO %s (", table);
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(sql + used, cap - used, "%s%s", i ? ", " : "",
                                 sql_column_name(src, i));
    used += (size_t)snprintf(sql + used, cap - used, ") VALUES (");
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(sql + used, cap - used, "%s$%d", i ? ", " : "", i + 1);
    snprintf(sql + used, cap - used, ")");
    return sql;
}

static enum sp_code copy_row(struct sql_conn *to, const char *insert, struct sql_stmt *src, int n,
                             struct sp_err *err)
{
    struct sql_stmt *dst = NULL;
    enum sp_code rc = sql_prepare(to, insert, &dst, err);

    for (int i = 0; rc == SP_OK && i < n; i++) {
        if (sql_column_null(src, i))
            sql_bind_null(dst, i + 1);
        else if (sql_column_is_integer(src, i))
            sql_bind_int64(dst, i + 1, sql_column_int64(src, i));
        else
            sql_bind_text(dst, i + 1, sql_column_text(src, i));
    }
    if (rc == SP_OK)
        rc = sql_step_done(dst, NULL, err);
    sql_release(dst);
    return rc;
}

enum sp_code store_table_copy(struct store *from, struct store *to, const char *table,
                              int64_t *rows, struct sp_err *err)
{
    char *sql;
    char *insert = NULL;
    struct sql_stmt *src = NULL;
    bool row = true;
    int n = 0;
    enum sp_code rc;

    if (!known_table(table))
        return sp_err_set(err, SP_INTERNAL, "", "Unknown table.");
    sql = select_all(table);
    *rows = 0;
    rc = sql_prepare(from->conn, sql, &src, err);
    while (rc == SP_OK && (rc = sql_step(src, &row, NULL, err)) == SP_OK && row) {
        if (insert == NULL) {
            n = sql_column_count(src);
            insert = insert_for(table, src, n);
        }
        rc = copy_row(to->conn, insert, src, n, err);
        if (rc == SP_OK)
            (*rows)++;
    }
    sql_release(src);
    if (rc == SP_OK)
        rc = sql_identity_resync(to->conn, table, err);
    free(insert);
    free(sql);
    return rc;
}
