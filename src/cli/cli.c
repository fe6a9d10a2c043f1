/* Command table, dispatch and help. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/crypto.h"

const struct cli_command cli_commands[] = {
    {"serve", "serve the API and web UI",
     "samspor serve --db PATH [--key PATH] [--db-read URL] [--listen HOST:PORT] [--threads N]\n"
     "              [--connections-per-ip N] [--idle-timeout SECONDS]",
     "Serves the JSON API under /api/v1 and the web UI at / until SIGINT or SIGTERM; then it\n"
     "stops accepting, lets requests in flight finish and closes the database.\n"
     "  --db PATH|URL        the database (made by `samspor init`): a SQLite file, or a\n"
     "                       PostgreSQL URL postgresql://USER@HOST:PORT/DB (default $SAMSPOR_DB)\n"
     "  --db-read URL        a PostgreSQL streaming replica for reads that may be a moment\n"
     "                       stale (reference data; reports and exports); everything else\n"
     "                       reads the primary, so a user reads their own writes\n"
     "  --listen HOST:PORT   numeric address to listen on (default 127.0.0.1:8080)\n"
     "  --threads N          worker threads (default: one per core); one database connection\n"
     "                       each\n"
     "  --key PATH           the key file (default $SAMSPOR_KEY, else PATH.key beside a SQLite\n"
     "                       file; required for PostgreSQL); refused when group or others may\n"
     "                       read it\n"
     "  --connections-per-ip N  open connections one client address may hold (default 256;\n"
     "                       0: no limit). Behind a reverse proxy every connection comes from\n"
     "                       the proxy: give at least its upstream connections, or 0\n"
     "  --idle-timeout SECONDS  close a connection silent this long, mid-request or idle\n"
     "                       between requests (default 20, 1-3600)\n"
     "Writes one JSON line per request on stderr: time, request id, method, route pattern,\n"
     "status and duration in microseconds, never a query string or personal data.\n",
     cli_serve},
    {"init", "create a new database and its key file", "samspor init --db PATH [--key PATH]",
     "Creates the database file and applies every migration (schema and reference data:\n"
     "5 regions, 98 municipalities, target groups). Creates the key file (default PATH.key,\n"
     "mode 0600) that encrypts identifiers at rest, unless it exists. Refuses a database that\n"
     "already has a schema; use `samspor migrate` for that.\n",
     cli_init},
    {"migrate", "bring a database up to this version's schema",
     "samspor migrate --db PATH [--key PATH]",
     "Applies the migrations newer than the database's schema, each in one transaction.\n"
     "A database whose schema is newer than this program is refused.\n",
     cli_migrate},
    {"demo", "fill a database with the five demo programmes",
     "samspor demo --db PATH [--key PATH] [--demo-password P]",
     "Migrates the database if needed, then adds the five programmes of the seeds as projects,\n"
     "demo staff for every role and synthetic young people at every stage, with dates relative\n"
     "to today. Every demo person has a substitute number (erstatningspersonnummer, birth day\n"
     "+ 60), which can never be a real CPR number, and is marked synthetic. All demo users share\n"
     "the demo password (default samspor-demo). Refuses a database that already has projects.\n",
     cli_demo},
    {"user", "add, list or disable staff accounts, or set a password",
     "samspor user add|passwd|disable|list --db PATH [--username U] [--name NAME]\n"
     "       [--organisation CODE] [--role ROLE ...] [--team ID]",
     "  add       --username U --name NAME --organisation CODE --role ROLE [--role …]\n"
     "            [--team ID]; the password is read from standard input (one line)\n"
     "  passwd    --username U; the new password from standard input\n"
     "  disable   --username U\n"
     "  list\n"
     "Passwords need 12 characters and may not be common ones. passwd and disable end every\n"
     "session of the user. Roles: care_manager therapist supervising_clinician caseworker\n"
     "job_consultant resource_consultant project_lead evaluator administrator.\n",
     cli_user},
    {"team", "add teams, add or remove team members, list teams",
     "samspor team add|add-member|remove-member|list --db PATH [--project ID]\n"
     "       [--municipality CODE] [--name NAME] [--team ID] [--username U]",
     "  add            --project ID --municipality CODE --name NAME: the staff of a project in\n"
     "                 one municipality (one team per project and municipality)\n"
     "  add-member     --team ID --username U\n"
     "  remove-member  --team ID --username U\n"
     "  list\n",
     cli_team},
    {"token", "API tokens for integrations",
     "samspor token create|list|revoke --db PATH [--user U] [--scope read|read,write]\n"
     "       [--expires YYYY-MM-DD] [--label L] [--id N]",
     "  create  --user U --scope read|read,write [--expires YYYY-MM-DD] [--label L]: prints\n"
     "          the token once (send it as Authorization: Bearer); only its hash is kept\n"
     "  list    [--user U]\n"
     "  revoke  --id N\n",
     cli_token},
    {"migrate-data", "copy a whole installation into a new database (SQLite to PostgreSQL)",
     "samspor migrate-data --from DB --to DB",
     "Copies every table of --from (a SQLite file or a postgresql:// URL) into --to, which must "
     "be\n"
     "new: no schema, or nothing but the migrations' reference data. Ids, sealed identifiers and\n"
     "the audit log are copied as they are, in one transaction; then every table's row count\n"
     "and checksum are compared on both sides. The key file is not needed and stays as it is:\n"
     "name it with --key (or SAMSPOR_KEY) when serving the new database. Exits 0 when the copy\n"
     "is whole, 1 otherwise (nothing is left half-copied).\n",
     cli_migrate_data},
    {"audit", "check the audit log's hash chains", "samspor audit verify --db PATH [--key PATH]",
     "Walks every chain of the audit log (one per server process or writing command) and the\n"
     "checkpoints that seal their heads. Prints a line per chain, names each event that was\n"
     "changed, deleted or inserted and each chain whose newest events were cut, and the newest\n"
     "checkpoint's hash (keep it outside the database: docs/security-model.md \"Audit\").\n"
     "Exits 0 when the log is intact, 1 when it is broken.\n",
     cli_audit},
    {"instruments", "list questionnaire texts, load a licensed translation",
     "samspor instruments list|load --db PATH [--key PATH] [FILE]",
     "list: each questionnaire and whether its Danish and English texts are shipped with the\n"
     "program, loaded by an administrator, or missing (the UI then shows the English text and\n"
     "says so).\n"
     "load FILE: checks a translation in the format of data/instruments/ (the instrument, a\n"
     "two-letter language, its source, every item and every labelled answer, no other key) and\n"
     "stores it; it is served instead of the shipped text from then on. The load is audited.\n"
     "Only load a translation you are licensed to use; never write one yourself.\n",
     cli_instruments},
    {"version", "print the version", "samspor version", "Prints the version and exits.\n",
     cli_version},
    {"help", "explain a command", "samspor help [COMMAND]",
     "Without a command, lists the commands; with one, explains it.\n", cli_help},
    {NULL, NULL, NULL, NULL, NULL},
};

static const struct cli_command *find_command(const char *name)
{
    for (const struct cli_command *c = cli_commands; c->name != NULL; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void print_overview(FILE *out)
{
    fprintf(out, "usage: samspor COMMAND [OPTIONS]\n\ncommands:\n");
    for (const struct cli_command *c = cli_commands; c->name != NULL; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fprintf(out, "\n`samspor help COMMAND` explains one.\n");
}

int cli_usage_error(const char *command)
{
    const struct cli_command *c = find_command(command);

    if (c != NULL)
        fprintf(stderr, "usage: %s\n", c->usage);
    else
        print_overview(stderr);
    return 2;
}

int cli_help(int argc, char **argv)
{
    const struct cli_command *c;

    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    if (argc > 2)
        return cli_usage_error("help");
    c = find_command(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "samspor: no command named '%s'\n", argv[1]);
        print_overview(stderr);
        return 2;
    }
    printf("usage: %s\n\n%s", c->usage, c->help);
    return 0;
}

int cli_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage_error("version");
    printf("samspor %s\n", SP_VERSION);
    return 0;
}

int cli_main(int argc, char **argv)
{
    const struct cli_command *c;

    if (argc < 2) {
        print_overview(stderr);
        return 2;
    }
    c = find_command(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "samspor: unknown command '%s'\n", argv[1]);
        print_overview(stderr);
        return 2;
    }
    if (!sp_crypto_init()) {
        fprintf(stderr, "samspor: libsodium cannot be initialised\n");
        return 1;
    }
    return c->run(argc - 1, argv + 1);
}
