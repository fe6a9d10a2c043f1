#include "base/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Both answers change once a second at most; a request asks for them every time, so each thread
 * keeps the last second's results. */
static _Thread_local struct {
    time_t second;
    char now[32];
    int year, month, day;
} cache = {.second = -1};

static void danish_date(time_t now, int *year, int *month, int *day);

static void refresh(void)
{
    time_t now = time(NULL);
    struct tm tm;

    if (now == cache.second)
        return;
    gmtime_r(&now, &tm);
    strftime(cache.now, sizeof cache.now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    danish_date(now, &cache.year, &cache.month, &cache.day);
    cache.second = now;
}

void sp_clock_now_iso(char buf[32])
{
    refresh();
    memcpy(buf, cache.now, sizeof cache.now);
}

/* Danish local date without touching the process TZ (not thread-safe to change): CET is UTC+1,
 * CEST UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC
 * (EU Directive 2000/84/EC, art. 2-3). */
static int last_sunday(int year, int month)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month, .tm_mday = 0, .tm_hour = 12};
    time_t t = timegm(&tm); /* day 0 of the next month = last day of `month` */
    struct tm out;

    gmtime_r(&t, &out);
    return out.tm_mday - out.tm_wday;
}

void sp_clock_today(int *year, int *month, int *day)
{
    refresh();
    *year = cache.year;
    *month = cache.month;
    *day = cache.day;
}

static void danish_date(time_t now, int *year, int *month, int *day)
{
    struct tm utc;
    struct tm start = {0};
    struct tm end = {0};
    time_t offset = 3600;

    gmtime_r(&now, &utc);
    start.tm_year = end.tm_year = utc.tm_year;
    start.tm_mon = 2;
    start.tm_mday = last_sunday(utc.tm_year + 1900, 2);
    start.tm_hour = 1;
    end.tm_mon = 9;
    end.tm_mday = last_sunday(utc.tm_year + 1900, 9);
    end.tm_hour = 1;
    if (now >= timegm(&start) && now < timegm(&end))
        offset = 7200;
    now += offset;
    gmtime_r(&now, &utc);
    *year = utc.tm_year + 1900;
    *month = utc.tm_mon + 1;
    *day = utc.tm_mday;
}
