/* Wall-clock time for timestamps and "today". core/ never reads the clock: callers pass today in.
 */
#ifndef SP_BASE_CLOCK_H
#define SP_BASE_CLOCK_H

/* UTC "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes; 32 is safe). */
void sp_clock_now_iso(char buf[32]);

/* Today's date in Denmark's calendar (Europe/Copenhagen, since a referral dated "today" in
 * Herning must not be "in the future" at 00:30 local time). */
void sp_clock_today(int *year, int *month, int *day);

#endif
