/* when.h - words for "when" as a parent reads them, in the language chain of tr, in the site's
 * zone tzid: a time ("9.00" / "9:00", fmt.time), and the open-now line of a service or the site
 * ("Nyt auki klo 16.00 asti", "Suljettu, avautuu maanantaina klo 9.00", "Stängt, öppnar måndag
 * kl. 9.00", "Closed, opens Monday 9:00"). The moment of a change is said by how far it is from
 * now: today (when.today: "klo 9.00"), tomorrow (when.tomorrow), within a week by the weekday in
 * the form "on Monday" takes in the language (day.on.*: Finnish essive "maanantaina", Russian
 * "в понедельник"; when.day), else by its date (when.date). Knows nothing of the kiosk. */
#ifndef MAJAKKA_WHEN_H
#define MAJAKKA_WHEN_H
#include <stddef.h>
#include <time.h>
#include "hours.h"
#include "i18n.h"

/* The local time of t as the language writes it. */
void when_time(const i18n *tr, const char *tzid, time_t t, char *buf, size_t len);
/* "klo 9.00" / "huomenna klo 9.00" / "maanantaina klo 9.00" / "14.12. klo 9.00": t seen from now. */
void when_phrase(const i18n *tr, const char *tzid, time_t now, time_t t, char *buf, size_t len);
/* The open-now line for state hs at now; "" when hs->change_at < 0 (no hours known). */
void when_open_text(const i18n *tr, const char *tzid, time_t now, const hours_state *hs, char *buf, size_t len);
/* The same for the hours without an appointment (hours_walk_in): "Nyt ilman ajanvarausta klo 15.00
 * asti", "Ilman ajanvarausta keskiviikkona klo 12.00 alkaen"; "" when hs->change_at < 0 or when no
 * walk-in time comes within the look-ahead. */
void when_walk_in_text(const i18n *tr, const char *tzid, time_t now, const hours_state *hs, char *buf, size_t len);

#endif
