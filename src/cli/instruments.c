/* samspor instruments list | load FILE: the questionnaire texts. A licensed translation (for
 * example the official Danish PHQ-9) is loaded from a file in the format of data/instruments/,
 * checked against the catalogue first (every item and labelled answer present, no other key) and
 * stored by api_instrument_text_load, as the administration page loads one through the API; then
 * it is served instead of the shipped text. Never invent one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "api/api.h"
#include "base/embedded.h"
#include "cli/cli.h"
#include "core/instrument.h"

struct instruments_args {
    const char *db;
    const char *key;
    const char *file;
};

static int parse_args(int argc, char **argv, bool want_file, struct instruments_args *a)
{
    static const struct option options[] = {{"db", required_argument, NULL, 'd'},
                                            {"key", required_argument, NULL, 'k'},
                                            {NULL, 0, NULL, 0}};
    int opt;

    memset(a, 0, sizeof *a);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'd')
            a->db = optarg;
        else if (opt == 'k')
            a->key = optarg;
        else
            return cli_usage_error("instruments");
    }
    if (want_file && optind == argc - 1)
        a->file = argv[optind++];
    a->db = cli_db_or_env(a->db);
    if (a->db == NULL || optind != argc || (want_file && a->file == NULL))
        return cli_usage_error("instruments");
    return 0;
}

/* Read FILE as JSON (duplicate keys refused, as the server refuses them in a request). */
static json_t *read_text_file(const char *path)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);

    /* jansson's text may quote the file; give only where it broke. */
    if (doc == NULL)
        fprintf(stderr, "samspor: %s is not valid JSON (line %d, column %d)\n", path, jerr.line,
                jerr.column);
    return doc;
}

static int instruments_load(int argc, char **argv)
{
    struct instruments_args a;
    struct admin_db d;
    json_t *doc = NULL;
    const struct core_instrument *ins = NULL;
    const char *language = NULL;
    struct sp_err err = {0};
    char target[64];
    bool replaced = false;
    enum sp_code rc;
    int status = parse_args(argc, argv, true, &a);

    if (status != 0)
        return status;
    if ((doc = read_text_file(a.file)) == NULL)
        return 1;
    if (!cli_admin_open_writer(a.db, a.key, "instruments load", &d)) {
        json_decref(doc);
        return 1;
    }
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = api_instrument_text_load(d.st, d.arena, doc, NULL, d.now, &ins, &language, &replaced,
                                      &err);
    if (rc == SP_INVALID) {
        /* Name the file and the place in it, as the API's problem names the member. */
        char detail[sizeof err.detail + sizeof err.field + 112];

        snprintf(detail, sizeof detail, "%.100s: %s %s", a.file,
                 err.field[0] ? err.field : "(file)", err.detail);
        memcpy(err.detail, detail, sizeof err.detail - 1);
        err.detail[sizeof err.detail - 1] = '\0';
    } else if (rc == SP_OK) {
        snprintf(target, sizeof target, "%s.%s", ins->id, language);
        rc = cli_admin_audit(&d, "instruments_load", target, &err);
    }
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("loaded %s text of %s (%s)\n", language, ins->name, ins->id);
    json_decref(doc);
    return cli_admin_close(&d, rc, &err);
}

/* Each instrument with the languages it can be shown in, shipped or loaded. */
static int instruments_list(int argc, char **argv)
{
    static const char *const languages[] = {"da", "en"};
    struct instruments_args a;
    struct admin_db d;
    struct sp_err err = {0};
    enum sp_code rc = SP_OK;
    int status = parse_args(argc, argv, false, &a);

    if (status != 0)
        return status;
    if (!cli_admin_open(a.db, a.key, &d))
        return 1;
    for (size_t i = 0; rc == SP_OK && i < core_instrument_count(); i++) {
        const struct core_instrument *ins = core_instrument_at(i);

        printf("%-6s %-8s", ins->id, ins->name);
        for (size_t l = 0; rc == SP_OK && l < sizeof languages / sizeof languages[0]; l++) {
            char name[64];
            const char *body = NULL;
            bool loaded = false;
            bool shipped = false;

            rc = store_instrument_text_get(d.st, d.arena, ins->id, languages[l], &body, &loaded,
                                           &err);
            snprintf(name, sizeof name, "%s.%s.json", ins->id, languages[l]);
            for (size_t f = 0; f < sp_instrument_texts_count; f++)
                shipped = shipped || strcmp(sp_instrument_texts[f].name, name) == 0;
            printf("  %s:%s", languages[l], loaded ? "loaded" : shipped ? "shipped" : "missing");
        }
        printf("\n");
    }
    return cli_admin_close(&d, rc, &err);
}

int cli_instruments(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "load") == 0)
        return instruments_load(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return instruments_list(argc - 1, argv + 1);
    return cli_usage_error("instruments");
}
