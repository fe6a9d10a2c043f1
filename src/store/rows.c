/* Readers of column groups that several store areas select (store_int.h). */
#include <string.h>

#include "base/parse.h"
#include "store/store_int.h"

void store_read_treatment(struct sql_stmt *stmt, int first, struct project_treatment *out)
{
    int *fields[] = {
        &out->not_improving_weeks, &out->response_percent, &out->measurement_overdue_days,
        &out->no_contact_days,     &out->screen_phq9_min,  &out->screen_gad7_min,
        &out->screen_who5_max,     &out->severe_phq9_min,  &out->suicide_item9_min};

    for (int i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
        *fields[i] = sql_column_null(stmt, first + i) ? -1 : sql_column_int(stmt, first + i);
}

bool store_next_piece(const char **rest, const char **piece, size_t *len)
{
    const char *p = *rest;

    if (p == NULL)
        return false;
    *piece = p;
    *len = strcspn(p, ",");
    *rest = p[*len] == ',' ? p + *len + 1 : NULL;
    return true;
}

size_t store_split_ints(const char *text, int *out, size_t max)
{
    const char *rest = text != NULL && *text != '\0' ? text : NULL;
    const char *piece;
    size_t len;
    size_t n = 0;

    while (store_next_piece(&rest, &piece, &len)) {
        int64_t v;

        if (n < max && sp_parse_i64(piece, len, &v))
            out[n++] = (int)v;
    }
    return n;
}
