/* api_instrument_text_check on the shipped texts (data/instruments/, embedded) and on broken
 * copies of one: the check `samspor instruments load` runs before it stores a translation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/embedded.h"
#include "core/instrument.h"

static json_t *load(const struct sp_embedded_file *f)
{
    json_error_t error;
    json_t *doc = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &error);

    if (doc == NULL)
        fail_msg("%s: not JSON (line %d)", f->name, error.line);
    return doc;
}

/* Every shipped file passes, is named <instrument>.<language>.json after its own members, and
 * every instrument of the catalogue has an English text (issue 5: "English from the sources"). */
static void shipped_texts_pass(void **state)
{
    bool english[CORE_ANSWERS_MAX] = {false};

    (void)state;
    assert_true(sp_instrument_texts_count >= core_instrument_count());
    for (size_t i = 0; i < sp_instrument_texts_count; i++) {
        const struct sp_embedded_file *f = &sp_instrument_texts[i];
        json_t *doc = load(f);
        const struct core_instrument *ins = NULL;
        const char *language = NULL;
        struct sp_err err = {0};
        char name[64];

        if (api_instrument_text_check(doc, &ins, &language, &err) != SP_OK)
            fail_msg("%s: %s %s", f->name, err.field, err.detail);
        snprintf(name, sizeof name, "%s.%s.json", ins->id, language);
        if (strcmp(name, f->name) != 0)
            fail_msg("%s holds %s", f->name, name);
        for (size_t k = 0; k < core_instrument_count(); k++)
            if (core_instrument_at(k) == ins && strcmp(language, "en") == 0)
                english[k] = true;
        json_decref(doc);
    }
    for (size_t k = 0; k < core_instrument_count(); k++)
        if (!english[k])
            fail_msg("%s has no English text", core_instrument_at(k)->id);
}

/* Danish is shipped only where docs/sources.md names a source (WHO-5: KL's FHIR IG; MDI: DSAM's
 * form): PHQ-9, GAD-7, PSS-10 and WSAS must not have one until a licensed text is loaded. */
static void no_danish_without_a_source(void **state)
{
    static const char *const forbidden[] = {"phq9.da.json", "gad7.da.json", "pss10.da.json",
                                            "wsas.da.json"};

    (void)state;
    for (size_t i = 0; i < sp_instrument_texts_count; i++)
        for (size_t k = 0; k < sizeof forbidden / sizeof forbidden[0]; k++)
            if (strcmp(sp_instrument_texts[i].name, forbidden[k]) == 0)
                fail_msg("%s is shipped without a named official translation", forbidden[k]);
}

static const struct sp_embedded_file *file_named(const char *name)
{
    for (size_t i = 0; i < sp_instrument_texts_count; i++)
        if (strcmp(sp_instrument_texts[i].name, name) == 0)
            return &sp_instrument_texts[i];
    fail_msg("%s is not shipped", name);
    return NULL;
}

/* One broken copy per row; the check names the member (JSON Pointer). */
static void broken_copies_are_refused(void **state)
{
    static const struct {
        const char *file;
        const char *edit; /* what to do, below */
        const char *field;
    } rows[] = {
        {"phq9.en.json", "drop item 9", "/items/9"},
        {"phq9.en.json", "extra item 10", "/items/10"},
        {"phq9.en.json", "drop answer 3", "/answers/3"},
        {"phq9.en.json", "extra answer 4", "/answers/4"},
        {"phq9.en.json", "drop difficulty", "/difficulty"},
        {"phq9.en.json", "unknown member", ""}, /* a name is never echoed (api_reject_unknown) */
        {"phq9.en.json", "unknown member in difficulty", "/difficulty"},
        {"phq9.en.json", "unknown instrument", "/instrument"},
        {"phq9.en.json", "three-letter language", "/language"},
        {"phq9.en.json", "no source", "/source"},
        {"phq9.en.json", "no licence", "/licence"},
        {"mdi.en.json", "drop item 8b", "/items/8b"},
        {"gad7.en.json", "difficulty on GAD-7", "/difficulty"},
        {"wsas.en.json", "label an unlabelled WSAS answer", "/answers/1"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *doc = load(file_named(rows[i].file));
        const char *edit = rows[i].edit;
        const struct core_instrument *ins = NULL;
        const char *language = NULL;
        struct sp_err err = {0};

        if (strcmp(edit, "drop item 9") == 0)
            json_object_del(json_object_get(doc, "items"), "9");
        else if (strcmp(edit, "extra item 10") == 0)
            json_object_set_new(json_object_get(doc, "items"), "10", json_string("x"));
        else if (strcmp(edit, "drop answer 3") == 0)
            json_object_del(json_object_get(doc, "answers"), "3");
        else if (strcmp(edit, "extra answer 4") == 0)
            json_object_set_new(json_object_get(doc, "answers"), "4", json_string("x"));
        else if (strcmp(edit, "drop difficulty") == 0)
            json_object_del(doc, "difficulty");
        else if (strcmp(edit, "unknown member") == 0)
            json_object_set_new(doc, "translator", json_string("x"));
        else if (strcmp(edit, "unknown member in difficulty") == 0)
            json_object_set_new(json_object_get(doc, "difficulty"), "translator", json_string("x"));
        else if (strcmp(edit, "unknown instrument") == 0)
            json_object_set_new(doc, "instrument", json_string("phq8"));
        else if (strcmp(edit, "three-letter language") == 0)
            json_object_set_new(doc, "language", json_string("dan"));
        else if (strcmp(edit, "no source") == 0)
            json_object_del(doc, "source");
        else if (strcmp(edit, "no licence") == 0)
            json_object_set_new(doc, "licence", json_string(""));
        else if (strcmp(edit, "drop item 8b") == 0)
            json_object_del(json_object_get(doc, "items"), "8b");
        else if (strcmp(edit, "difficulty on GAD-7") == 0)
            json_object_set_new(doc, "difficulty", json_object());
        else if (strcmp(edit, "label an unlabelled WSAS answer") == 0)
            json_object_set_new(json_object_get(doc, "answers"), "1", json_string("x"));
        if (api_instrument_text_check(doc, &ins, &language, &err) != SP_INVALID)
            fail_msg("%s, %s: accepted", rows[i].file, edit);
        if (strcmp(err.field, rows[i].field) != 0)
            fail_msg("%s, %s: field %s, want %s", rows[i].file, edit, err.field, rows[i].field);
        json_decref(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_texts_pass),
        cmocka_unit_test(no_danish_without_a_source),
        cmocka_unit_test(broken_copies_are_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
