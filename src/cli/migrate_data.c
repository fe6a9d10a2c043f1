/* samspor migrate-data --from DB --to DB: copy a whole installation — typically a region's
 * SQLite file into a new PostgreSQL database — with its ids, sealed identifiers and audit chain
 * as they are, then check every table's row count and checksum on both sides. The target must
 * be new: no schema, or a schema holding nothing but the migrations' reference data. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

struct copy_job {
    const char *from;
    const char *to;
    struct store *src;
    struct store *dst;
    struct sp_err err;
};

static int parse_args(int argc, char **argv, struct copy_job *j)
{
    static const struct option options[] = {{"from", required_argument, NULL, 'f'},
                                            {"to", required_argument, NULL, 't'},
                                            {NULL, 0, NULL, 0}};
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'f')
            j->from = optarg;
        else if (opt == 't')
            j->to = optarg;
        else
            return cli_usage_error("migrate-data");
    }
    if (j->from == NULL || j->to == NULL || optind != argc)
        return cli_usage_error("migrate-data");
    return 0;
}

static bool fail(struct copy_job *j, const char *what)
{
    char label[512];

    fprintf(stderr, "samspor: %s: %s\n", what,
            j->err.detail[0] ? j->err.detail : cli_db_label(j->to, label, sizeof label));
    return false;
}

/* The source at this program's schema; the target migrated to it and holding no data. */
static bool open_both(struct copy_job *j)
{
    int version = 0;
    int from = 0;
    int to = 0;

    if (store_open(j->from, NULL, &j->src, &j->err) != SP_OK ||
        store_schema_version(j->src, &version, &j->err) != SP_OK)
        return fail(j, "the source cannot be read");
    if (version != store_schema_latest()) {
        fprintf(stderr,
                "samspor: the source has schema version %d, this program %d: run `samspor "
                "migrate` on it first\n",
                version, store_schema_latest());
        return false;
    }
    if (store_open(j->to, NULL, &j->dst, &j->err) != SP_OK ||
        store_migrate(j->dst, &from, &to, &j->err) != SP_OK)
        return fail(j, "the target cannot be prepared");
    for (const char *const *t = store_data_tables; *t != NULL; t++) {
        struct store_table_sum sum;
        int64_t rows;

        if (store_table_sum(j->dst, *t, &sum, &j->err) != SP_OK)
            return fail(j, "the target cannot be read");
        rows = sum.rows;
        if (rows > 0) {
            fprintf(stderr,
                    "samspor: the target is not empty (table %s has %" PRId64
                    " rows); migrate-data copies into a new database only\n",
                    *t, rows);
            return false;
        }
    }
    return true;
}

/* Reference data comes from the migrations on both sides and must agree. */
static bool reference_data_agrees(struct copy_job *j)
{
    for (const char *const *t = store_reference_tables; *t != NULL; t++) {
        struct store_table_sum a;
        struct store_table_sum b;

        if (store_table_sum(j->src, *t, &a, &j->err) != SP_OK ||
            store_table_sum(j->dst, *t, &b, &j->err) != SP_OK)
            return fail(j, "reference data cannot be read");
        if (a.rows != b.rows || strcmp(a.digest, b.digest) != 0) {
            fprintf(stderr,
                    "samspor: reference table %s differs between source and target (%" PRId64
                    " and %" PRId64 " rows); both must be at the same schema version\n",
                    *t, a.rows, b.rows);
            return false;
        }
    }
    return true;
}

/* Every data table in one transaction on the target: all of it or nothing. */
static bool copy_all(struct copy_job *j)
{
    enum sp_code rc = store_begin_read(j->src, &j->err);

    if (rc == SP_OK)
        rc = store_begin_write(j->dst, &j->err);
    for (const char *const *t = store_data_tables; rc == SP_OK && *t != NULL; t++) {
        int64_t rows = 0;

        rc = store_table_copy(j->src, j->dst, *t, &rows, &j->err);
        if (rc == SP_OK && rows > 0)
            printf("  %-26s %10" PRId64 " rows copied\n", *t, rows);
    }
    if (rc == SP_OK)
        rc = store_commit(j->dst, &j->err);
    store_rollback(j->dst);
    store_rollback(j->src);
    return rc == SP_OK || fail(j, "the copy failed and was rolled back");
}

/* Row count and checksum of every table, compared after the copy. */
static bool copy_checks_out(struct copy_job *j)
{
    const char *const *lists[] = {store_reference_tables, store_data_tables};
    bool same = true;

    for (size_t l = 0; l < 2; l++) {
        for (const char *const *t = lists[l]; *t != NULL; t++) {
            struct store_table_sum a;
            struct store_table_sum b;

            if (store_table_sum(j->src, *t, &a, &j->err) != SP_OK ||
                store_table_sum(j->dst, *t, &b, &j->err) != SP_OK)
                return fail(j, "a table cannot be checked");
            if (a.rows != b.rows || strcmp(a.digest, b.digest) != 0) {
                fprintf(stderr,
                        "samspor: table %s differs after the copy (%" PRId64 " and %" PRId64
                        " rows)\n",
                        *t, a.rows, b.rows);
                same = false;
            }
        }
    }
    return same;
}

int cli_migrate_data(int argc, char **argv)
{
    struct copy_job j = {0};
    char label[512];
    int status = parse_args(argc, argv, &j);
    bool ok;

    if (status != 0)
        return status;
    ok = open_both(&j) && reference_data_agrees(&j) && copy_all(&j) && copy_checks_out(&j);
    store_close(j.src);
    store_close(j.dst);
    if (ok)
        printf("%s: every table copied; row counts and checksums agree. Check the audit log "
               "with `samspor audit verify` on the new database.\n",
               cli_db_label(j.to, label, sizeof label));
    return ok ? 0 : 1;
}
