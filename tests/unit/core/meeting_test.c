/* core/meeting: the vocabularies as data (issue 11 "Meetings": the places office, walk-and-talk,
 * library, drop-in café, home, phone, video, other; the kinds individual, group, network; the team
 * note classes), the interpreter languages (ISO 639 codes, docs/sources.md#iso639-3) and the
 * limits on both sides. The same lists as migration 0016's CHECKs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/meeting.h"

static void vocabularies(void **state)
{
    static const char *const places[] = {"office", "walk_and_talk", "library", "drop_in_cafe",
                                         "home",   "phone",         "video",   "other"};
    static const char *const kinds[] = {"individual", "group", "network"};
    static const char *const classes[] = {"health", "employment"};

    (void)state;
    for (size_t i = 0; i < CORE_MEETING_PLACE_COUNT; i++) {
        assert_string_equal(core_meeting_places[i], places[i]);
        assert_true(core_meeting_place_valid(places[i]));
    }
    assert_null(core_meeting_places[CORE_MEETING_PLACE_COUNT]);
    for (size_t i = 0; i < CORE_MEETING_KIND_COUNT; i++) {
        assert_string_equal(core_meeting_kinds[i], kinds[i]);
        assert_true(core_meeting_kind_valid(kinds[i]));
    }
    assert_null(core_meeting_kinds[CORE_MEETING_KIND_COUNT]);
    for (size_t i = 0; i < CORE_TEAM_NOTE_CLASS_COUNT; i++) {
        assert_string_equal(core_team_note_classes[i], classes[i]);
        assert_true(core_team_note_class_valid(classes[i]));
    }
    assert_null(core_team_note_classes[CORE_TEAM_NOTE_CLASS_COUNT]);
    assert_false(core_meeting_place_valid("cafe"));
    assert_false(core_meeting_place_valid("Office"));
    assert_false(core_meeting_place_valid(NULL));
    assert_false(core_meeting_kind_valid("phone"));
    assert_false(core_team_note_class_valid("treatment"));
}

/* Codes from the ISO 639-3 tables: two letters where ISO 639-1 has one (ar Arabic, so Somali,
 * ti Tigrinya, uk Ukrainian), three where it has none (prs Dari, kmr Northern Kurdish, ckb
 * Central Kurdish, dsl Danish Sign Language). The list is in code order, without repeats. */
static void interpreter_languages(void **state)
{
    static const char *const in[] = {"ar", "so", "ti", "uk", "fa", "prs", "kmr", "ckb", "dsl"};
    static const char *const out[] = {"", "AR", "ara", "arb", "xx", "da", "danish", "a", "abcd"};
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        if (!core_interpreter_language_valid(in[i]))
            fail_msg("%s should be listed", in[i]);
    for (size_t i = 0; i < sizeof out / sizeof out[0]; i++)
        if (core_interpreter_language_valid(out[i]))
            fail_msg("%s should not be listed", out[i]);
    assert_false(core_interpreter_language_valid(NULL));
    for (; core_interpreter_languages[n] != NULL; n++) {
        size_t len = strlen(core_interpreter_languages[n]);

        assert_true(len == 2 || len == 3);
        if (n > 0 && strcmp(core_interpreter_languages[n - 1], core_interpreter_languages[n]) >= 0)
            fail_msg("%s is out of order", core_interpreter_languages[n]);
    }
    assert_true(n >= 30);
}

/* The limits the handlers enforce: a meeting lasts 1..480 minutes (a working day of 8 hours). */
static void limits(void **state)
{
    (void)state;
    assert_int_equal(CORE_MEETING_MINUTES_MIN, 1);
    assert_int_equal(CORE_MEETING_MINUTES_MAX, 8 * 60);
    assert_true(CORE_NETWORK_TASKS_MAX >= 10 && CORE_NETWORK_GOALS_MAX >= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocabularies),
        cmocka_unit_test(interpreter_languages),
        cmocka_unit_test(limits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
