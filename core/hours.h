/* hours.h - weekly opening hours with date exceptions: "open now" and "opens next at".
 * Pure functions over a plain hours_spec, plus a loader from the store. Local times are in the
 * site's zone (tz.h); day 0 is Monday; minutes from midnight, close 1440 = 24:00; a range whose
 * close <= open runs past midnight into the next day. An exception on a date replaces the ranges
 * that start on that date (a range from the day before still ends as it would). */
#ifndef MAJAKKA_HOURS_H
#define MAJAKKA_HOURS_H
#include <stddef.h>
#include <time.h>
#include "store.h"

typedef struct hours_range { int day, open_min, close_min, walk_in; } hours_range;   /* walk_in: marked
                                 "without an appointment" in the bundle */
typedef struct hours_exception {
    int year, month, mday;       /* the local date */
    int closed;                  /* 1: closed all day; else one range open_min..close_min */
    int open_min, close_min;
    int walk_in;                 /* the range is marked "without an appointment" */
} hours_exception;

typedef struct hours_spec {
    hours_range *ranges;
    size_t nranges;
    hours_exception *exceptions;
    size_t nexceptions;
} hours_spec;

typedef struct hours_state {
    int open;            /* open at `now` */
    time_t change_at;    /* open: when it closes; closed: when it next opens; 0 = never (within 14 days) */
} hours_state;

/* Evaluates spec at the instant now, in time zone tzid (NULL = Europe/Helsinki). */
int hours_state_at(const hours_spec *spec, time_t now, const char *tzid, hours_state *out,
                   char *err, size_t errlen);
/* The ranges in force on a local date (exceptions applied), for the "week" table on screens;
 * writes up to max ranges (day field = weekday of that date) and returns how many, or < 0. */
int hours_for_date(const hours_spec *spec, int year, int month, int mday, hours_range *out, int max);

/* The hours without an appointment of a walk-in service (docs/content-bundle.md "Walk-in"): the
 * ranges and exception ranges marked walk_in, or, when none is marked, all of spec. An exception
 * date whose range is not marked is closed to walk-ins (it replaces that day's ranges). out is a
 * new spec (hours_free); MJ_ENOMEM. */
int hours_walk_in(const hours_spec *spec, hours_spec *out);

/* Loads the hours of a service (service_id) or of the site (service_id NULL). A service
 * without regular hours gives an empty spec. */
int hours_load(store *s, const char *service_id, hours_spec *out, char *err, size_t errlen);
void hours_free(hours_spec *spec);

#endif
