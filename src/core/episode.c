/* Employment and education episodes: the rules of core/episode.h. */
#include "core/episode.h"

#include <string.h>

#include "core/labour_status.h"

/* The vocabulary of core/labour_status.h decides, so that the summary and the weekly status
 * never disagree. */
bool core_episode_in_work_or_education(const char *kind)
{
    enum core_labour_status status;

    return core_labour_status_of_kind(kind, &status) &&
           core_labour_in_work_or_education(status, core_labour_counted_default());
}

/* ISO-8601 dates compare as text. */
bool core_episode_on(const char *start, const char *end, const char *day)
{
    return strcmp(start, day) <= 0 && (end == NULL || strcmp(end, day) >= 0);
}
