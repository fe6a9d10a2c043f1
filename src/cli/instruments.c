/* samspor instruments list | load FILE: the questionnaire texts. A licensed translation (for
 * example the official Danish PHQ-9) is loaded from a file in the format of data/instruments/,
 * checked against the catalogue first (every item and labelled answer present, no other key:
 * api_instrument_text_check), and then served instead of the shipped text. Never invent one. */
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
    if (a->db == NULL || optind != argc || (want_file && a->file == NULL))
        return cli_usage_error("instruments");
    return 0;
}

/* Read and check FILE; on success *doc holds it and *ins, *language point into it. */
static bool read_text_file(const char *path, json_t **doc, const struct core_instrument **ins,
                           const char **language)
{
    json_error_t jerr;
    struct sp_err err = {0};

    *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (*doc == NULL) {
        /* jansson's text may quote the file; give only where it broke. */
        fprintf(stderr, "samspor: %s is not valid JSON (line %d, column %d)\n", path, jerr.line,
                jerr.column);
        return false;
    }
    if (api_instrument_text_check(*doc, ins, language, &err) != SP_OK) {
        fprintf(stderr, "samspor: %s: %s %s\n", path, err.field[0] ? err.field : "(file)",
                err.detail);
        json_decref(*doc);
        *doc = NULL;
        return false;
    }
    return true;
}

static int instruments_load(int argc, char **argv)
{
    struct instruments_args a;
    struct admin_db d;
    json_t *doc = NULL;
    const struct core_instrument *ins = NULL;
    const char *language = NULL;
    struct sp_err err = {0};
    char *body;
    char target[64];
    enum sp_code rc;
    int status = parse_args(argc, argv, true, &a);

    if (status != 0)
        return status;
    if (!read_text_file(a.file, &doc, &ins, &language))
        return 1;
    if (!cli_admin_open(a.db, a.key, &d)) {
        json_decref(doc);
        return 1;
    }
    body = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    snprintf(target, sizeof target, "%s.%s", ins->id, language);
    rc = store_begin_write(d.st, &err);
    if (rc == SP_OK)
        rc = store_instrument_text_put(d.st, ins->id, language,
                                       json_string_value(json_object_get(doc, "source")), body,
                                       d.now, &err);
    if (rc == SP_OK)
        rc = cli_admin_audit(&d, "instruments_load", target, &err);
    if (rc == SP_OK)
        rc = store_commit(d.st, &err);
    if (rc == SP_OK)
        printf("loaded %s text of %s (%s)\n", language, ins->name, ins->id);
    free(body);
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
