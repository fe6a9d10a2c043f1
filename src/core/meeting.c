/* The meeting vocabularies of core/meeting.h. */
#include "core/meeting.h"

#include <string.h>

const char *const core_meeting_kinds[] = {"individual", "group", "network", NULL};

const char *const core_meeting_places[] = {
    "office", "walk_and_talk", "library", "drop_in_cafe", "home", "phone", "video", "other", NULL};

/* The languages of interpreting in Danish public services for refugees and immigrants, and
 * Danish Sign Language (dsl). Codes from the ISO 639-3 code tables (docs/sources.md#iso639-3),
 * which give each language its ISO 639-1 code where it has one. */
const char *const core_interpreter_languages[] = {
    "am", "ar", "bs", "ckb", "de", "dsl", "en",  "es", "fa", "fr", "hr", "it", "kmr",
    "ku", "lt", "lv", "mn",  "ne", "pl",  "prs", "ps", "pt", "ro", "ru", "so", "sq",
    "sr", "sw", "ta", "th",  "ti", "tl",  "tr",  "uk", "ur", "vi", "zh", NULL};

const char *const core_team_note_classes[] = {"health", "employment", NULL};

static bool listed(const char *const *list, const char *value)
{
    for (; value != NULL && *list != NULL; list++)
        if (strcmp(*list, value) == 0)
            return true;
    return false;
}

bool core_meeting_kind_valid(const char *kind)
{
    return listed(core_meeting_kinds, kind);
}

bool core_meeting_place_valid(const char *place)
{
    return listed(core_meeting_places, place);
}

bool core_interpreter_language_valid(const char *code)
{
    return listed(core_interpreter_languages, code);
}

bool core_team_note_class_valid(const char *content_class)
{
    return listed(core_team_note_classes, content_class);
}
