/* hub_evform_int.h - what hub_evform.c and hub_evform_view.c share. Not a contract for other
 * modules: they use hub_evform.h. */
#ifndef MAJAKKA_HUB_EVFORM_INT_H
#define MAJAKKA_HUB_EVFORM_INT_H
#include <jansson.h>
#include "tz.h"

#define HUB_EVF_SHOWN 80
/* s for a message: at most 64 bytes (cut on a character), quotes and control characters as '?'. */
const char *hub_evf_shown(const char *s, char buf[HUB_EVF_SHOWN]);
/* s without leading and trailing spaces, as a new JSON string; NULL when nothing is left
 * (used by the question form too). */
json_t *hub_evf_trimmed(const char *s);
/* 1 when name is "prefix[N]" with N 0..999 (into *row when not NULL). */
int hub_evf_row(const char *name, const char *prefix, int *row);
/* A date or local date-time as the store keeps it: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS". */
int hub_evf_norm(const char *s, char out[20], int *date_only);
/* 1 when a string of list normalises to norm; the list's own spelling of it, or NULL. */
int hub_evf_list_has(const json_t *list, const char *norm);
const char *hub_evf_list_spelling(const json_t *list, const char *norm);
/* 1 when two lists of strings hold the same values. */
int hub_evf_same_set(const json_t *a, const json_t *b);
/* An occurrence of ev (its rrule, exdates ignored), as naive local start in *out:
 * mode 0 the first one (when ignored), 1 one starting on the date when, 2 one starting at the
 * date-time when. MJ_ENOTFOUND when there is none, MJ_EINVAL when the event cannot be expanded. */
int hub_evf_find(const json_t *ev, const char *tzid, const char *when, int mode, long long *out);
/* The moved occurrence of series id whose x-moved.from is from, or NULL. */
const json_t *hub_evf_moved_find(const json_t *events, const char *id, const char *from);
/* The id of a new moved occurrence: the series id (cut to 49) "-m" YYYYMMDDHHMM. */
void hub_evf_moved_id(const char *series, const tz_local *from, char id[80]);
/* Puts ev and its moved occurrences into events: in orig's place (orig NULL: at the end), the
 * series' old moved occurrences dropped; *at = ev's index. */
void hub_evf_splice(json_t *events, const json_t *orig, json_t *ev, json_t *moved, size_t *at);

#endif
