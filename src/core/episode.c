/* Employment and education episodes: the rules of core/episode.h. */
#include "core/episode.h"

#include <stddef.h>
#include <string.h>

bool core_episode_in_work_or_education(const char *kind)
{
    static const char *const outcomes[] = {"ordinary_job", "education"};

    for (size_t i = 0; kind != NULL && i < sizeof outcomes / sizeof outcomes[0]; i++)
        if (strcmp(kind, outcomes[i]) == 0)
            return true;
    return false;
}

/* ISO-8601 dates compare as text. */
bool core_episode_on(const char *start, const char *end, const char *day)
{
    return strcmp(start, day) <= 0 && (end == NULL || strcmp(end, day) >= 0);
}
