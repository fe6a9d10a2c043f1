/* Meetings of the joint plan and team notes between the sectors (docs/api-contract.md
 * "Meetings", "Team notes"): the kinds of meeting, the places a conversation is held, the
 * interpreter languages, and the limits of what is written. Pure: the lists are data, and the
 * handlers and the tests read them from here. */
#ifndef SP_CORE_MEETING_H
#define SP_CORE_MEETING_H

#include <stdbool.h>
#include <stddef.h>

/* individual, group, network (issue 11, "Meetings"); NULL-terminated. */
extern const char *const core_meeting_kinds[];
/* Where a conversation or session is held: office, walk_and_talk, library, drop_in_cafe, home,
 * phone, video, other (issue 11); NULL-terminated. */
extern const char *const core_meeting_places[];
/* The interpreter languages a network meeting may name: ISO 639-1 codes where the language has
 * one, ISO 639-3 otherwise (Dari, Kurmanji, Sorani, Danish Sign Language …;
 * docs/sources.md#iso639-3); NULL-terminated, in code order. */
extern const char *const core_interpreter_languages[];
/* What a team note is about, by its author's sector: health (a health member's) or employment
 * (a municipal member's); NULL-terminated. */
extern const char *const core_team_note_classes[];

#define CORE_MEETING_KIND_COUNT 3
#define CORE_MEETING_PLACE_COUNT 8
#define CORE_TEAM_NOTE_CLASS_COUNT 2

/* A meeting's length in whole minutes: at least 1, at most a working day (8 hours). */
#define CORE_MEETING_MINUTES_MIN 1
#define CORE_MEETING_MINUTES_MAX 480
/* An individual conversation's short note; a group session's topic (one line). */
#define CORE_MEETING_NOTE_MAX 2000
#define CORE_MEETING_TOPIC_MAX 200
/* A network meeting's status notes; a team note. */
#define CORE_MEETING_STATUS_NOTES_MAX 4000
#define CORE_TEAM_NOTE_MAX 4000
/* How many staff hold one meeting; young people in one group session; goals set, goal changes
 * and tasks of one network meeting. */
#define CORE_MEETING_STAFF_MAX 20
#define CORE_GROUP_PARTICIPANTS_MAX 100
#define CORE_NETWORK_GOALS_MAX 20
#define CORE_NETWORK_TASKS_MAX 40
/* A task's text (as a case review's task). */
#define CORE_MEETING_TASK_TEXT_MAX 2000

bool core_meeting_kind_valid(const char *kind);
bool core_meeting_place_valid(const char *place);
bool core_interpreter_language_valid(const char *code);
bool core_team_note_class_valid(const char *content_class);

#endif
