/* samspor init / migrate / serve: the commands that open a database by path. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/crypto.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "http/server.h"
#include "store/sql.h"
#include "store/store.h"

const char *cli_db_or_env(const char *db)
{
    const char *env = getenv("SAMSPOR_DB");

    return db != NULL ? db : (env != NULL && *env != '\0' ? env : NULL);
}

const char *cli_db_label(const char *db, char *buf, size_t cap)
{
    const char *scheme = strstr(db, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;

    if (at == NULL || colon == NULL || colon > at) {
        snprintf(buf, cap, "%s", db);
        return buf;
    }
    /* "postgresql://user:secret@host/db" → "postgresql://user@host/db" */
    snprintf(buf, cap, "%.*s%s", (int)(colon - db), db, at);
    return buf;
}

bool cli_load_keys(const char *db, const char *key_path, bool create, struct sp_keys *keys)
{
    char path[4096];
    char why[512];
    struct stat sb;
    const char *env = getenv("SAMSPOR_KEY");

    if (key_path == NULL && env != NULL && *env != '\0')
        key_path = env;
    if (key_path == NULL && sql_target_is_postgresql(db)) {
        fprintf(stderr, "samspor: a PostgreSQL database needs its key file named: --key PATH or "
                        "SAMSPOR_KEY (keep it with the configuration, backed up apart from the "
                        "database)\n");
        return false;
    }
    if (key_path == NULL) {
        int n = snprintf(path, sizeof path, "%s.key", db);

        if (n < 0 || (size_t)n >= sizeof path) {
            fprintf(stderr, "samspor: the database path is too long\n");
            return false;
        }
        key_path = path;
    }
    if (create && stat(key_path, &sb) != 0) {
        if (!sp_keys_create_file(key_path, why, sizeof why)) {
            fprintf(stderr, "samspor: %s\n", why);
            return false;
        }
        printf("%s: new key file (mode 0600); keep it with the database and back it up apart "
               "from it\n",
               key_path);
    }
    if (!sp_keys_load_file(key_path, keys, why, sizeof why)) {
        fprintf(stderr, "samspor: %s\n", why);
        return false;
    }
    return true;
}

/* Parse "--db PATH [--key PATH]" for init and migrate. */
static int parse_db_only(int argc, char **argv, const char *command, const char **db,
                         const char **key)
{
    static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                            {"key", required_argument, NULL, 'k'},
                                            {"connections-per-ip", required_argument, NULL, 'p'},
                                            {"idle-timeout", required_argument, NULL, 'i'},
                                            {NULL, 0, NULL, 0}};
    int opt;

    *db = NULL;
    *key = NULL;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'd')
            *db = optarg;
        else if (opt == 'k')
            *key = optarg;
        else
            return cli_usage_error(command);
    }
    *db = cli_db_or_env(*db);
    if (*db == NULL || optind != argc)
        return cli_usage_error(command);
    return 0;
}

static int open_and_migrate(const char *db, const char *key, bool must_be_new)
{
    struct store *st = NULL;
    struct sp_keys keys;
    struct sp_err err = {0};
    int from = 0;
    int to = 0;
    int version = 0;
    char label[512];
    enum sp_code rc;

    cli_db_label(db, label, sizeof label);
    if (!cli_load_keys(db, key, must_be_new, &keys))
        return 1;
    rc = store_open(db, &keys, &st, &err);

    if (rc == SP_OK)
        rc = store_schema_version(st, &version, &err);
    if (rc == SP_OK && must_be_new && version > 0) {
        fprintf(stderr, "samspor: %s already has a schema (version %d); use `samspor migrate`\n",
                label, version);
        store_close(st);
        return 1;
    }
    if (rc == SP_OK)
        rc = store_migrate(st, &from, &to, &err);
    store_close(st);
    if (rc != SP_OK) {
        fprintf(stderr, "samspor: %s: %s\n", label, err.detail);
        return 1;
    }
    if (from == to)
        printf("%s: schema is at version %d, nothing to do\n", label, to);
    else
        printf("%s: schema migrated from version %d to %d\n", label, from, to);
    return 0;
}

int cli_init(int argc, char **argv)
{
    const char *db;
    const char *key;
    int status = parse_db_only(argc, argv, "init", &db, &key);

    return status ? status : open_and_migrate(db, key, true);
}

int cli_migrate(int argc, char **argv)
{
    const char *db;
    const char *key;
    int status = parse_db_only(argc, argv, "migrate", &db, &key);

    return status ? status : open_and_migrate(db, key, false);
}

/* "HOST:PORT" or "[V6]:PORT" into host (cap bytes) and port. */
static bool split_listen(const char *listen, char *host, size_t cap, uint16_t *port)
{
    const char *colon = strrchr(listen, ':');
    const char *start = listen;
    size_t host_len;
    int64_t p;

    if (colon == NULL || !sp_parse_i64(colon + 1, strlen(colon + 1), &p) || p < 1 || p > 65535)
        return false;
    host_len = (size_t)(colon - listen);
    if (host_len >= 2 && listen[0] == '[' && colon[-1] == ']') {
        start++;
        host_len -= 2;
    }
    if (host_len == 0 || host_len >= cap)
        return false;
    memcpy(host, start, host_len);
    host[host_len] = '\0';
    *port = (uint16_t)p;
    return true;
}

/* Refuse to serve a database that is missing, unmigrated or newer than this binary. */
static int check_database(const char *db)
{
    struct stat sb;
    struct store *st = NULL;
    struct sp_err err = {0};
    char label[512];
    int version = 0;

    cli_db_label(db, label, sizeof label);
    if (!sql_target_is_postgresql(db) && stat(db, &sb) != 0) {
        fprintf(stderr, "samspor: %s does not exist; create it with `samspor init --db %s`\n", db,
                db);
        return 1;
    }
    if (store_open(db, NULL, &st, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s: %s\n", label, err.detail);
        return 1;
    }
    if (store_schema_version(st, &version, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s: %s\n", label, err.detail);
        store_close(st);
        return 1;
    }
    store_close(st);
    if (version == 0 || version != store_schema_latest()) {
        fprintf(stderr, "samspor: %s has schema version %d but this program needs %d; %s\n", label,
                version, store_schema_latest(),
                version > store_schema_latest() ? "use a newer samspor"
                                                : "run `samspor migrate --db PATH`");
        return 1;
    }
    return 0;
}

int cli_serve(int argc, char **argv)
{
    static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                            {"listen", required_argument, NULL, 'l'},
                                            {"threads", required_argument, NULL, 't'},
                                            {"key", required_argument, NULL, 'k'},
                                            {"connections-per-ip", required_argument, NULL, 'p'},
                                            {"idle-timeout", required_argument, NULL, 'i'},
                                            {"db-read", required_argument, NULL, 'r'},
                                            {NULL, 0, NULL, 0}};
    const char *key = NULL;
    struct sp_keys keys;
    struct http_config cfg = {.host = "127.0.0.1",
                              .port = 8080,
                              .drain_timeout_s = 10,
                              .connections_per_ip = HTTP_DEFAULT_CONNECTIONS_PER_IP,
                              .idle_timeout_s = 20};
    char host[64];
    struct sp_err err = {0};
    int64_t threads = 0;
    int64_t n = 0;
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'd') {
            cfg.db_path = optarg;
        } else if (opt == 'l') {
            if (!split_listen(optarg, host, sizeof host, &cfg.port))
                return cli_usage_error("serve");
            cfg.host = host;
        } else if (opt == 't') {
            if (!sp_parse_i64(optarg, strlen(optarg), &threads) || threads < 1 || threads > 256)
                return cli_usage_error("serve");
            cfg.threads = (unsigned)threads;
        } else if (opt == 'k') {
            key = optarg;
        } else if (opt == 'r') {
            cfg.db_read_path = optarg;
        } else if (opt == 'p') {
            if (!sp_parse_i64(optarg, strlen(optarg), &n) || n < 0 || n > 1000000)
                return cli_usage_error("serve");
            cfg.connections_per_ip = (unsigned)n;
        } else if (opt == 'i') {
            if (!sp_parse_i64(optarg, strlen(optarg), &n) || n < 1 || n > 3600)
                return cli_usage_error("serve");
            cfg.idle_timeout_s = (unsigned)n;
        } else {
            return cli_usage_error("serve");
        }
    }
    cfg.db_path = cli_db_or_env(cfg.db_path);
    if (cfg.db_path == NULL || optind != argc)
        return cli_usage_error("serve");
    if (check_database(cfg.db_path) != 0)
        return 1;
    if (!cli_load_keys(cfg.db_path, key, false, &keys))
        return 1;
    cfg.keys = &keys;
    if (http_serve(&cfg, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s\n", err.detail);
        return 1;
    }
    return 0;
}
