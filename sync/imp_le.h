/* imp_le.h - Linked Events (the event API of Helsinki, Turku and other cities; its JSON) into
 * bundle events (docs/imports.md, "Linked Events"): multilingual name and description (HTML made
 * plain text), start and end converted to the site's local time, the place's name and address
 * as the event's place, offers as free/cost, info_url as url. A series' super event
 * (super_event_type recurring or umbrella) whose sub-events are in the input is left out: its
 * sub-events are the occurrences. Cancelled, postponed and deleted events are left out and
 * reported. Ids get the prefix "le-".
 * The input is a page ({"meta": {...}, "data": [...]}), an array of events or of pages, or one
 * event. */
#ifndef MAJAKKA_IMP_LE_H
#define MAJAKKA_IMP_LE_H
#include <stddef.h>
#include "imp.h"

int imp_le_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen);
int imp_le_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen);

#endif
