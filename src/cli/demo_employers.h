/* The demo's employer register (issue 11): in each municipality with a team, a few synthetic
 * employers with a contact person, and a team consultant's contacts with them. Synthetic. */
#ifndef SP_CLI_DEMO_EMPLOYERS_H
#define SP_CLI_DEMO_EMPLOYERS_H

#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "core/date.h"
#include "store/store.h"

/* Fill municipality's register, unless it has employers already (a municipality with teams in
 * several projects gets one register), inside the caller's write transaction; consultant (a
 * municipal user of the municipality) registers them and records the contacts. */
enum sp_code demo_employers_add(struct store *st, struct sp_arena *arena, const char *municipality,
                                int64_t consultant, struct core_date today, const char *now,
                                struct sp_err *err);

#endif
