/* samspor user | team | token | audit: administration from the command line. Passwords are
 * read from standard input (one line), never from the command line, where `ps` would show them. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "audit/audit.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/password.h"
#include "policy/policy.h"
#include "store/store.h"

#define MAX_ROLES 9

struct admin_args {
    const char *db;
    const char *key;
    const char *username;
    const char *name;
    const char *organisation;
    const char *roles[MAX_ROLES];
    size_t role_count;
    const char *project;
    const char *municipality;
    const char *scope;
    const char *expires;
    const char *label;
    int64_t id;
    int64_t team;
};

static int parse_admin_args(int argc, char **argv, const char *command, struct admin_args *a)
{
    static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                            {"key", required_argument, NULL, 'k'},
                                            {"username", required_argument, NULL, 'u'},
                                            {"user", required_argument, NULL, 'u'},
                                            {"name", required_argument, NULL, 'n'},
                                            {"organisation", required_argument, NULL, 'o'},
                                            {"role", required_argument, NULL, 'r'},
                                            {"project", required_argument, NULL, 'p'},
                                            {"municipality", required_argument, NULL, 'm'},
                                            {"scope", required_argument, NULL, 's'},
                                            {"expires", required_argument, NULL, 'e'},
                                            {"label", required_argument, NULL, 'l'},
                                            {"id", required_argument, NULL, 'i'},
                                            {"team", required_argument, NULL, 't'},
                                            {NULL, 0, NULL, 0}};
    int opt;

    memset(a, 0, sizeof *a);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'd':
            a->db = optarg;
            break;
        case 'k':
            a->key = optarg;
            break;
        case 'u':
            a->username = optarg;
            break;
        case 'n':
            a->name = optarg;
            break;
        case 'o':
            a->organisation = optarg;
            break;
        case 'r':
            if (a->role_count == MAX_ROLES || !policy_role_valid(optarg))
                return cli_usage_error(command);
            a->roles[a->role_count++] = optarg;
            break;
        case 'p':
            a->project = optarg;
            break;
        case 'm':
            a->municipality = optarg;
            break;
        case 's':
            a->scope = optarg;
            break;
        case 'e':
            a->expires = optarg;
            break;
        case 'l':
            a->label = optarg;
            break;
        case 'i':
            if (!sp_parse_i64(optarg, strlen(optarg), &a->id) || a->id < 1)
                return cli_usage_error(command);
            break;
        case 't':
            if (!sp_parse_i64(optarg, strlen(optarg), &a->team) || a->team < 1)
                return cli_usage_error(command);
            break;
        default:
            return cli_usage_error(command);
        }
    }
    a->db = cli_db_or_env(a->db);
    if (a->db == NULL)
        return cli_usage_error(command);
    return 0;
}

/* One line from standard input, without its newline. */
static bool read_password(char *buf, size_t cap)
{
    size_t len;

    if (fgets(buf, (int)cap, stdin) == NULL)
        return false;
    len = strcspn(buf, "\r\n");
    buf[len] = '\0';
    return true;
}

static bool open_db(const struct admin_args *a, struct admin_db *d)
{
    return cli_admin_open(a->db, a->key, d);
}

/* The database of a command that writes (and audits what it writes): its own audit chain. */
static bool open_writer(const struct admin_args *a, const char *command, struct admin_db *d)
{
    return cli_admin_open_writer(a->db, a->key, command, d);
}

bool cli_admin_open(const char *db, const char *key, struct admin_db *d)
{
    struct sp_err err = {0};

    memset(d, 0, sizeof *d);
    if (!cli_load_keys(db, key, false, &d->keys))
        return false;
    if (store_open(db, &d->keys, &d->st, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s: %s\n", db, err.detail);
        return false;
    }
    d->arena = sp_arena_new();
    sp_clock_now_iso(d->now);
    return true;
}

bool cli_admin_open_writer(const char *db, const char *key, const char *command, struct admin_db *d)
{
    struct sp_err err = {0};
    char what[64];

    if (!cli_admin_open(db, key, d))
        return false;
    snprintf(what, sizeof what, "samspor %s", command);
    if (audit_chain_start(d->st, &d->keys, what, &d->chain, &err) != SP_OK) {
        fprintf(stderr, "samspor: the audit log cannot be written: %s\n", err.detail);
        store_close(d->st);
        sp_arena_free(d->arena);
        return false;
    }
    return true;
}

/* A command that wrote seals its chain when it ends, as a server does when it stops. */
static void seal_chain(struct admin_db *d)
{
    struct sp_err err = {0};
    char hash[65];
    int64_t id = 0;

    if (d->chain != 0 && audit_checkpoint(d->st, &d->keys, &id, hash, &err) != SP_OK)
        fprintf(stderr, "samspor: warning: no audit checkpoint was written: %s\n", err.detail);
}

int cli_admin_close(struct admin_db *d, enum sp_code rc, const struct sp_err *err)
{
    if (rc != SP_OK)
        store_rollback(d->st);
    seal_chain(d);
    store_close(d->st);
    sp_arena_free(d->arena);
    if (rc != SP_OK) {
        fprintf(stderr, "samspor: %s\n", err->detail);
        return 1;
    }
    return 0;
}

/* Audit an administrative action (no citizen): who did it is the operator at the console. */
enum sp_code cli_admin_audit(struct admin_db *d, const char *action, const char *target,
                             struct sp_err *err)
{
    struct audit_event e = {.time = d->now,
                            .username = target,
                            .role = "console",
                            .action = action,
                            .route = "samspor cli",
                            .purpose = "administration",
                            .outcome = "allowed"};

    return audit_append(d->st, &d->keys, d->arena, &e, err);
}

static int user_add(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    char password[1100];
    char hash[SP_PASSWORD_HASH_MAX];
    struct organisation org;
    struct team team;
    int64_t id = 0;
    enum sp_code rc;

    if (a->username == NULL || a->name == NULL || a->organisation == NULL || a->role_count == 0)
        return cli_usage_error("user");
    if (!core_username_valid(a->username)) {
        fprintf(stderr, "samspor: a username is 3 to 100 of a-z, 0-9, '.', '-' and '_'\n");
        return 1;
    }
    if (!read_password(password, sizeof password)) {
        fprintf(stderr, "samspor: give the new password on standard input\n");
        return 1;
    }
    if (core_password_acceptable(password, a->username, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s\n", err.detail);
        return 1;
    }
    if (!sp_crypto_password_hash(password, hash) || !open_writer(a, "user add", &d))
        return 1;
    struct store_user_new u = {.username = a->username,
                               .display_name = a->name,
                               .organisation_code = a->organisation,
                               .password_hash = hash,
                               .role_count = a->role_count,
                               .roles = a->roles};
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK && store_organisation_get(d.st, d.arena, a->organisation, &org, &err) != SP_OK)
        rc = sp_err_set(&err, SP_INVALID, "", "There is no region or municipality with code %s.",
                        a->organisation);
    if (rc == SP_OK && a->team > 0 && store_team_get(d.st, d.arena, a->team, &team, &err) != SP_OK)
        rc = sp_err_set(&err, SP_INVALID, "", "There is no team %" PRId64 ".", a->team);
    if (rc == SP_OK)
        rc = store_user_create(d.st, &u, d.now, &id, &err);
    if (rc == SP_OK && a->team > 0)
        rc = store_team_member_add(d.st, a->team, id, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, "user_add", a->username, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("user %s added (id %" PRId64 ")\n", a->username, id);
    return cli_admin_close(&d, rc, &err);
}

static int user_change(const struct admin_args *a, bool disable, bool passwd)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct user u;
    char password[1100];
    char hash[SP_PASSWORD_HASH_MAX];
    enum sp_code rc;

    if (a->username == NULL)
        return cli_usage_error("user");
    if (passwd) {
        if (!read_password(password, sizeof password)) {
            fprintf(stderr, "samspor: give the new password on standard input\n");
            return 1;
        }
        if (core_password_acceptable(password, a->username, &err) != SP_OK) {
            fprintf(stderr, "samspor: %s\n", err.detail);
            return 1;
        }
        if (!sp_crypto_password_hash(password, hash))
            return 1;
    }
    if (!open_writer(a, disable ? "user disable" : "user passwd", &d))
        return 1;
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = store_user_by_username(d.st, d.arena, a->username, &u, &err);
    if (rc == SP_OK && passwd)
        rc = store_user_set_password(d.st, u.id, hash, &err);
    if (rc == SP_OK && disable)
        rc = store_user_set_disabled(d.st, u.id, true, &err);
    /* Either change ends every session of the user at once. */
    if (rc == SP_OK)
        rc = store_signin_end_user(d.st, u.id, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, disable ? "user_disable" : "user_passwd", a->username, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("user %s %s\n", a->username, disable ? "disabled" : "has a new password");
    return cli_admin_close(&d, rc, &err);
}

static int user_list(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct store_page page = {0, 200};
    enum sp_code rc = SP_OK;
    bool more = true;

    if (!open_db(a, &d))
        return 1;
    printf("%-6s %-32s %-8s %-6s %s\n", "id", "username", "org", "state", "roles");
    while (rc == SP_OK && more) {
        struct user *items = NULL;
        size_t count = 0;

        rc = store_user_list(d.st, d.arena, NULL, &page, &items, &count, &more, &err);
        for (size_t i = 0; rc == SP_OK && i < count; i++) {
            printf("%-6" PRId64 " %-32s %-8s %-6s", items[i].id, items[i].username,
                   items[i].organisation_code, items[i].disabled ? "off" : "on");
            for (size_t r = 0; r < items[i].role_count; r++)
                printf("%s%s", r ? "," : " ", items[i].roles[r]);
            printf("\n");
            page.after = items[i].id;
        }
    }
    return cli_admin_close(&d, rc, &err);
}

/* A sub-command's verbs ("add", "list", …), ending with a NULL name. */
struct admin_verb {
    const char *name;
    int (*run)(const struct admin_args *a);
};

static int run_verb(int argc, char **argv, const char *command, const struct admin_verb *verbs)
{
    struct admin_args a;
    int status;

    if (argc < 2)
        return cli_usage_error(command);
    status = parse_admin_args(argc - 1, argv + 1, command, &a);
    if (status != 0)
        return status;
    for (const struct admin_verb *v = verbs; v->name != NULL; v++)
        if (strcmp(argv[1], v->name) == 0)
            return v->run(&a);
    return cli_usage_error(command);
}

static int user_passwd(const struct admin_args *a)
{
    return user_change(a, false, true);
}

static int user_disable(const struct admin_args *a)
{
    return user_change(a, true, false);
}

int cli_user(int argc, char **argv)
{
    static const struct admin_verb verbs[] = {{"add", user_add},
                                              {"passwd", user_passwd},
                                              {"disable", user_disable},
                                              {"list", user_list},
                                              {NULL, NULL}};

    return run_verb(argc, argv, "user", verbs);
}

static int team_member(const struct admin_args *a, bool add)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct team team;
    struct user u;
    enum sp_code rc;

    if (a->team == 0 || a->username == NULL)
        return cli_usage_error("team");
    if (!open_writer(a, add ? "team add-member" : "team remove-member", &d))
        return 1;
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK && store_team_get(d.st, d.arena, a->team, &team, &err) != SP_OK)
        rc = sp_err_set(&err, SP_INVALID, "", "There is no team %" PRId64 ".", a->team);
    if (rc == SP_OK)
        rc = store_user_by_username(d.st, d.arena, a->username, &u, &err);
    if (rc == SP_OK)
        rc = add ? store_team_member_add(d.st, a->team, u.id, &err)
                 : store_team_member_remove(d.st, a->team, u.id, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, add ? "team_member_add" : "team_member_remove", a->username, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("%s %s team %" PRId64 "\n", a->username, add ? "joined" : "left", a->team);
    return cli_admin_close(&d, rc, &err);
}

/* The rule of POST /api/v1/teams (api_team_add): an existing project, one of its municipalities,
 * one team per project and municipality. */
static int team_add(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct team t = {0};
    enum sp_code rc;

    if (a->project == NULL || a->municipality == NULL || a->name == NULL ||
        !sp_parse_i64(a->project, strlen(a->project), &t.project_id) || t.project_id < 1)
        return cli_usage_error("team");
    if (!open_writer(a, "team add", &d))
        return 1;
    t.municipality_code = a->municipality;
    t.name = a->name;
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = api_team_add(d.st, d.arena, &t, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, "team_add", a->name, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("team %" PRId64 " added\n", t.id);
    return cli_admin_close(&d, rc, &err);
}

static int team_list(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct store_page page = {.after = 0, .limit = 200};
    bool more = true;
    enum sp_code rc = SP_OK;

    if (!open_db(a, &d))
        return 1;
    printf("%-6s %-8s %-6s %s\n", "id", "project", "muni", "name");
    while (rc == SP_OK && more) {
        struct team *items = NULL;
        size_t count = 0;

        rc = store_team_list(d.st, d.arena, 0, &page, &items, &count, &more, &err);
        for (size_t i = 0; rc == SP_OK && i < count; i++)
            printf("%-6" PRId64 " %-8" PRId64 " %-6s %s\n", items[i].id, items[i].project_id,
                   items[i].municipality_code, items[i].name);
        if (count > 0)
            page.after = items[count - 1].id;
    }
    return cli_admin_close(&d, rc, &err);
}

static int team_add_member(const struct admin_args *a)
{
    return team_member(a, true);
}

static int team_remove_member(const struct admin_args *a)
{
    return team_member(a, false);
}

int cli_team(int argc, char **argv)
{
    static const struct admin_verb verbs[] = {{"add", team_add},
                                              {"add-member", team_add_member},
                                              {"remove-member", team_remove_member},
                                              {"list", team_list},
                                              {NULL, NULL}};

    return run_verb(argc, argv, "team", verbs);
}

static int token_create(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct user u;
    struct api_token t = {0};
    struct core_date expires;
    char token[65];
    char hash[65];
    int64_t id = 0;
    enum sp_code rc;

    if (a->username == NULL || a->scope == NULL ||
        (strcmp(a->scope, "read") != 0 && strcmp(a->scope, "read,write") != 0))
        return cli_usage_error("token");
    if (a->expires != NULL) {
        if (core_date_parse(a->expires, strlen(a->expires), "--expires", &expires, &err) != SP_OK)
            return cli_usage_error("token");
        t.expires_at = core_date_to_days(expires) * 86400;
    }
    if (!open_writer(a, "token create", &d))
        return 1;
    sp_crypto_token(token);
    sp_crypto_hash_hex(token, strlen(token), hash);
    t.label = a->label ? a->label : "integration";
    t.scope = a->scope;
    t.created_at = (int64_t)time(NULL);
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = store_user_by_username(d.st, d.arena, a->username, &u, &err);
    t.user_id = rc == SP_OK ? u.id : 0;
    if (rc == SP_OK)
        rc = store_token_create(d.st, hash, &t, &id, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, "token_create", a->username, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK) {
        printf("%s\n", token);
        fprintf(stderr, "token %" PRId64 " for %s (%s): shown once, stored only as a hash\n", id,
                a->username, a->scope);
    }
    return cli_admin_close(&d, rc, &err);
}

static int token_list(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    struct api_token *items = NULL;
    struct user u = {0};
    size_t count = 0;
    enum sp_code rc = SP_OK;

    if (!open_db(a, &d))
        return 1;
    if (a->username != NULL)
        rc = store_user_by_username(d.st, d.arena, a->username, &u, &err);
    if (rc == SP_OK)
        rc = store_token_list(d.st, d.arena, u.id, &items, &count, &err);
    printf("%-6s %-8s %-11s %-8s %s\n", "id", "user", "scope", "state", "label");
    for (size_t i = 0; rc == SP_OK && i < count; i++)
        printf("%-6" PRId64 " %-8" PRId64 " %-11s %-8s %s\n", items[i].id, items[i].user_id,
               items[i].scope, items[i].revoked_at ? "revoked" : "active", items[i].label);
    return cli_admin_close(&d, rc, &err);
}

static int token_revoke(const struct admin_args *a)
{
    struct admin_db d;
    struct sp_err err = {0};
    enum sp_code rc;

    if (a->id == 0)
        return cli_usage_error("token");
    if (!open_writer(a, "token revoke", &d))
        return 1;
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = store_token_revoke(d.st, a->id, (int64_t)time(NULL), &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, "token_revoke", "", &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("token %" PRId64 " revoked\n", a->id);
    return cli_admin_close(&d, rc, &err);
}

int cli_token(int argc, char **argv)
{
    static const struct admin_verb verbs[] = {
        {"create", token_create}, {"list", token_list}, {"revoke", token_revoke}, {NULL, NULL}};

    return run_verb(argc, argv, "token", verbs);
}

static const char *plural(int64_t n)
{
    return n == 1 ? "" : "s";
}

/* One line per chain: who wrote it, how far it goes, and how much of it no checkpoint seals yet. */
static void print_chain(const struct audit_chain_report *r)
{
    printf("chain %" PRId64 " (%s, started %s): %" PRId64 " event%s, %s", r->chain.id,
           r->chain.label, r->chain.started_at, r->events, plural(r->events),
           r->problems != 0 ? "broken" : "intact");
    if (r->sealed_by == 0)
        printf("; no checkpoint names it yet\n");
    else if (r->last_seq > r->sealed_seq)
        printf("; sealed to link %" PRId64 " by checkpoint %" PRId64 ", %" PRId64
               " event%s after it\n",
               r->sealed_seq, r->sealed_by, r->last_seq - r->sealed_seq,
               plural(r->last_seq - r->sealed_seq));
    else
        printf("; sealed by checkpoint %" PRId64 "\n", r->sealed_by);
}

/* "broken at event SEQ" names the row (its seq); a link that is gone is named by its place. */
static void print_problem(const struct audit_problem *p)
{
    if (p->seq != 0)
        printf("audit log broken at event %" PRId64 " (chain %" PRId64 ", link %" PRId64 ")",
               p->seq, p->chain_id, p->chain_seq);
    else if (p->chain_id != 0)
        printf("audit log broken at chain %" PRId64 ", link %" PRId64, p->chain_id, p->chain_seq);
    else
        printf("audit log broken at checkpoint %" PRId64, p->checkpoint_id);
    if (p->checkpoint_id != 0 && p->chain_id != 0)
        printf(", named by checkpoint %" PRId64, p->checkpoint_id);
    printf(": %s\n", p->reason);
}

int cli_audit(int argc, char **argv)
{
    struct admin_args a;
    struct admin_db d;
    struct sp_err err = {0};
    struct audit_report r;
    enum sp_code rc;
    int status;

    if (argc < 2 || strcmp(argv[1], "verify") != 0)
        return cli_usage_error("audit");
    status = parse_admin_args(argc - 1, argv + 1, "audit", &a);
    if (status != 0)
        return status;
    if (!open_db(&a, &d))
        return 1;
    rc = audit_verify(d.st, &d.keys, d.arena, &r, &err);
    if (rc == SP_OK) {
        for (size_t i = 0; i < r.chain_count; i++)
            print_chain(&r.chains[i]);
        if (r.last_checkpoint != 0)
            printf("newest checkpoint: %" PRId64 ", hash %s\n", r.last_checkpoint,
                   r.last_checkpoint_hash);
        for (size_t i = 0; i < r.problem_count; i++)
            print_problem(&r.problems[i]);
        printf("audit log %s: %" PRId64 " event%s in %zu chain%s, %" PRId64 " checkpoint%s\n",
               r.problem_count == 0 ? "intact" : "broken", r.events, plural(r.events),
               r.chain_count, plural((int64_t)r.chain_count), r.checkpoints, plural(r.checkpoints));
    }
    status = cli_admin_close(&d, rc, &err);
    return rc == SP_OK && r.problem_count != 0 ? 1 : status;
}
