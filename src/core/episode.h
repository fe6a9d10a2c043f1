/* Employment and education episodes (docs/design.md, employment/education track): which kinds
 * count as being in work or education, and which episode is going on on a day. Pure. */
#ifndef SP_CORE_EPISODE_H
#define SP_CORE_EPISODE_H

#include <stdbool.h>

/* Does an episode of this kind put the citizen in work or education (the employment summary's
 * in_work_or_education)? An ordinary job or education: the outcome the IPS trials count,
 * competitive employment or education ([CHRISTENSEN2019] in docs/sources.md). A subsidised job,
 * flexjob, internship or course is a step towards it, not the outcome. False for anything else.
 * The same answer as core_labour_in_work_or_education with the default set. */
bool core_episode_in_work_or_education(const char *kind);

/* Is an episode from start to end (ISO dates; end NULL: still going on) going on on `day`? Both
 * ends count. */
bool core_episode_on(const char *start, const char *end, const char *day);

#endif
