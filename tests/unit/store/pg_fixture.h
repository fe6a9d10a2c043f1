/* For store tests that also run on PostgreSQL (SAMSPOR_TEST_PG holds a base URL from
 * scripts/pg-cluster): a database made for the run, on the base URL's own database. Included by
 * one test file each (static functions). */
#ifndef SP_TESTS_STORE_PG_FIXTURE_H
#define SP_TESTS_STORE_PG_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "store/sql.h"

/* base with its database (path) replaced by name; a query string is kept. */
static inline void url_with_database(char *out, size_t size, const char *base, const char *name)
{
    const char *host = strstr(base, "://");
    const char *query = strchr(base, '?');
    size_t end;

    host = host ? host + 3 : base;
    end = strcspn(host, "/?") + (size_t)(host - base);
    snprintf(out, size, "%.*s/%s%s", (int)end, base, name, query ? query : "");
}

/* CREATE or DROP DATABASE name, on base's own database. */
static inline bool database_ddl(const char *base, const char *verb, const char *name,
                                const char *tail)
{
    struct sql_conn *c = NULL;
    struct sp_err err = {0};
    char sql[160];
    bool ok;

    if (sql_open(base, &c, &err) != SP_OK)
        return false;
    snprintf(sql, sizeof sql, "%s DATABASE %s%s", verb, name, tail);
    ok = sql_exec(c, sql, &err) == SP_OK;
    if (!ok)
        fprintf(stderr, "%s: %s\n", sql, err.detail);
    sql_close(c);
    return ok;
}

#endif
