/* Sub-commands of the samspor binary. Each returns the process exit status: 0 success,
 * 1 failure (a message on stderr), 2 usage error (usage on stderr). */
#ifndef SP_CLI_CLI_H
#define SP_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/mem.h"
#include "store/store.h"

struct cli_command {
    const char *name;
    const char *summary; /* one line for `samspor help` */
    const char *usage;   /* "samspor serve --db PATH [--listen HOST:PORT]" */
    const char *help;    /* paragraphs for `samspor help NAME` */
    int (*run)(int argc, char **argv);
};

/* The table of commands, ending with a NULL name. */
extern const struct cli_command cli_commands[];

/* The process entry point: dispatch argv[1] to its command. */
int cli_main(int argc, char **argv);

/* Print "usage: …" of one command on stderr and return 2. */
int cli_usage_error(const char *command);

/* The database to open: --db's value, else $SAMSPOR_DB, else NULL. A path is a SQLite file, a
 * "postgresql://…" URL a PostgreSQL database. */
const char *cli_db_or_env(const char *db);

/* The database as it may be printed: a URL without its password. Returns buf. */
const char *cli_db_label(const char *db, char *buf, size_t cap);

/* The key file of a database: key_path, else $SAMSPOR_KEY, else "<db>.key" beside a SQLite file
 * (a PostgreSQL database has no file to put it beside: --key or $SAMSPOR_KEY is required). With
 * create, a missing key file is made (mode 0600); otherwise it must exist. Prints the reason and
 * returns false when the keys cannot be had. */
struct sp_keys;
bool cli_load_keys(const char *db, const char *key_path, bool create, struct sp_keys *keys);

/* An administrative command's database: opened with its key file, an arena and the time. */
struct admin_db {
    struct store *st;
    struct sp_arena *arena;
    struct sp_keys keys;
    char now[32];
    int64_t chain; /* the command's audit chain; 0 for a command that only reads */
};

/* Open db (key file `key`, or the default) into *d; prints why and returns false if it cannot. */
bool cli_admin_open(const char *db, const char *key, struct admin_db *d);
/* The same for a command that writes: it also starts the command's own audit chain (and
 * cli_admin_close seals it with a checkpoint). */
bool cli_admin_open_writer(const char *db, const char *key, const char *command,
                           struct admin_db *d);
/* Roll back unless rc is SP_OK, seal the audit chain of a command that writes, close, print
 * err's detail on failure; the exit status. */
int cli_admin_close(struct admin_db *d, enum sp_code rc, const struct sp_err *err);
/* Audit an administrative action without a citizen: the operator at the console. */
enum sp_code cli_admin_audit(struct admin_db *d, const char *action, const char *target,
                             struct sp_err *err);

int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_version(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_team(int argc, char **argv);
int cli_token(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_migrate_data(int argc, char **argv);
int cli_instruments(int argc, char **argv);
int cli_help(int argc, char **argv);

#endif
