#include "audit/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"

static size_t put_field(char *buf, size_t cap, size_t used, const char *value)
{
    const char *v = value ? value : "";
    int n = snprintf(buf + used, used < cap ? cap - used : 0, "%zu:%s\n", strlen(v), v);

    return used + (n > 0 ? (size_t)n : 0);
}

static size_t put_int(char *buf, size_t cap, size_t used, int64_t value)
{
    char text[24];

    snprintf(text, sizeof text, "%" PRId64, value);
    return put_field(buf, cap, used, text);
}

void audit_hash(const struct sp_keys *keys, const struct audit_event *e, char hex[65])
{
    char buf[2048];
    size_t used = 0;

    used = put_field(buf, sizeof buf, used, "samspor-audit-v1");
    used = put_field(buf, sizeof buf, used, e->prev_hash);
    used = put_int(buf, sizeof buf, used, e->seq);
    used = put_field(buf, sizeof buf, used, e->time);
    used = put_int(buf, sizeof buf, used, e->user_id);
    used = put_field(buf, sizeof buf, used, e->username);
    used = put_field(buf, sizeof buf, used, e->role);
    used = put_int(buf, sizeof buf, used, e->citizen_id);
    used = put_field(buf, sizeof buf, used, e->action);
    used = put_field(buf, sizeof buf, used, e->route);
    used = put_field(buf, sizeof buf, used, e->purpose);
    used = put_field(buf, sizeof buf, used, e->outcome);
    sp_crypto_audit_hash(keys, buf, used < sizeof buf ? used : sizeof buf, hex);
}

enum sp_code audit_append_all(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                              struct audit_event *events, size_t count, struct sp_err *err)
{
    int64_t last_seq = 0;
    const char *last_hash = NULL;
    enum sp_code rc = count ? store_audit_last(st, arena, &last_seq, &last_hash, err) : SP_OK;

    for (size_t i = 0; rc == SP_OK && i < count; i++) {
        struct audit_event *e = &events[i];
        char hash[65];

        e->seq = last_seq + 1;
        e->prev_hash = last_hash ? last_hash : AUDIT_GENESIS;
        audit_hash(keys, e, hash);
        e->hash = sp_arena_strndup(arena, hash, 64);
        rc = store_audit_insert(st, e, err);
        last_seq = e->seq;
        last_hash = e->hash;
    }
    return rc;
}

enum sp_code audit_append(struct store *st, const struct sp_keys *keys, struct sp_arena *arena,
                          struct audit_event *e, struct sp_err *err)
{
    return audit_append_all(st, keys, arena, e, 1, err);
}

enum sp_code audit_verify(struct store *st, const struct sp_keys *keys, int64_t *checked,
                          int64_t *broken_seq, const char **reason, struct sp_err *err)
{
    char prev[65];
    int64_t after = 0;
    enum sp_code rc = SP_OK;

    snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
    *checked = 0;
    *broken_seq = 0;
    *reason = NULL;
    for (;;) {
        struct sp_arena *arena = sp_arena_new();
        struct audit_event *items = NULL;
        size_t count = 0;

        rc = store_audit_scan(st, arena, after, 1000, &items, &count, err);
        for (size_t i = 0; rc == SP_OK && i < count && *broken_seq == 0; i++) {
            const struct audit_event *e = &items[i];
            char hash[65];

            (*checked)++;
            audit_hash(keys, e, hash);
            if (e->seq != after + 1)
                *reason = "a sequence number is missing before it (an event was deleted) or "
                          "repeated";
            else if (strcmp(e->prev_hash, prev) != 0)
                *reason = "it does not name the previous event's hash (an event before it was "
                          "deleted, inserted or changed)";
            else if (strcmp(e->hash, hash) != 0)
                *reason = "its content does not match its hash (it was changed)";
            if (*reason != NULL)
                *broken_seq = e->seq;
            after = e->seq;
            snprintf(prev, sizeof prev, "%s", e->hash);
        }
        sp_arena_free(arena);
        if (rc != SP_OK || count == 0 || *broken_seq != 0)
            return rc;
    }
}
