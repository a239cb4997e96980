/* hub_evform.h - the content editor's event form and the bundle's events, both ways
 * (docs/content-bundle.md `events`). The form has plain fields, named as the validator names the
 * event's keys so that its message lands at the field:
 *   id, title.LANG, description.LANG, cost.LANG, place.LANG, service, where (none | location |
 *   place), location, start, end (YYYY-MM-DDTHH:MM), audiences (several), free, registration (on),
 *   url, repeat (once | weekly | monthly | keep), interval (1 | 2), days (MO..SU, several),
 *   weeks (1..5, last; several), ends (never | until | count), until (YYYY-MM-DD), count,
 *   exdates[i] (a cancelled date or start), moves[i].from / .start / .end (an occurrence moved).
 * In a page the names carry the event's path as prefix ("events[3].title.fi", the validator's
 * own path for the key); prefix "" reads and writes them bare.
 * A moved occurrence is the original start in the series' exdates plus an event of its own with
 * the series' texts and "x-moved": {"event": SERIES_ID, "from": ORIGINAL_START}; the editor lists
 * only series (hub_evform_moved_of). repeat=keep: the series' own RRULE, one the form's choices do
 * not cover, shown read-only and saved unchanged. Fields the form leaves as they were keep the
 * bundle's spelling (seconds in a start, an RRULE's part order), and x- keys are kept. */
#ifndef MAJAKKA_HUB_EVFORM_H
#define MAJAKKA_HUB_EVFORM_H
#include <stddef.h>
#include <time.h>
#include <jansson.h>
#include "hub_form.h"

#define HUB_EVFORM_MAX_ROWS 100   /* cancelled dates, moved occurrences */

/* Where the rows of a saved form went, to put a validator's message at its field. */
typedef struct hub_evform_saved {
    size_t index;                           /* the series in events */
    size_t nmoved;                          /* its moved occurrences: events[index + 1 + k] */
    int move_row[HUB_EVFORM_MAX_ROWS];      /* ... came from form row moves[move_row[k]] */
} hub_evform_saved;

/* Applies the posted form's fields under prefix to events (a draft's content.events, a JSON
 * list); field and err then name the field with the prefix. id: the event edited
 * (NULL: a new one, its id from the form's `id`). On success the series and its moved occurrences
 * replace the old ones in place (a new event goes to the end). On bad input events is unchanged,
 * MJ_EINVAL, the form field at fault in field ("count", "moves[1].from", "days") and the reason in
 * err ("count: must be a whole number from 1 to 1000"). MJ_ENOTFOUND: no such event. tzid: the
 * site's zone (NULL: Europe/Helsinki), for checking the rule's first occurrence and the dates.
 * lang: the language of the reasons (fi, sv, en from assets/po/hub; NULL: English). */
int hub_evform_apply(json_t *events, const char *id, const hub_form *fd, const char *prefix, const char *tzid,
                     const char *lang, hub_evform_saved *saved, char *field, size_t flen, char *err, size_t errlen);

/* The form's fields for event id of events (names after prefix), as hub_evform_apply reads them
 * (so applying them back changes nothing). MJ_ENOTFOUND when there is no such series. */
int hub_evform_to_form(const json_t *events, const char *id, const char *prefix, hub_form *out, char *err,
                       size_t errlen);

/* The series a moved occurrence belongs to (its x-moved.event), or NULL for a series. */
const char *hub_evform_moved_of(const json_t *ev);

/* The form field a validator path names ("events[7].title.fi: is empty" -> "title.fi"), given
 * where the form was saved; 0, or MJ_ENOTFOUND when the path is not about this form's events. */
int hub_evform_field_of(const char *path, const hub_evform_saved *saved, char *field, size_t flen);

/* The first max occurrences of a bundle event starting at or after from (recur.c, as the kiosks
 * expand them): starts[i], ends[i]; *n how many. */
int hub_evform_next(const json_t *ev, const char *tzid, time_t from, size_t max, time_t *starts,
                    time_t *ends, size_t *n, char *err, size_t errlen);

#endif
