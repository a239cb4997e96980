/* idle.h - the end of a visit. After [kiosk] idle_timeout seconds without a touch (and only when
 * the visitor left something behind) the "Still there?" screen counts down idle_countdown
 * seconds; a tap keeps the visit, the end of the countdown resets it: the whole visit (visit.h)
 * is wiped and a fresh Home in the default language begins. */
#ifndef MAJAKKA_IDLE_H
#define MAJAKKA_IDLE_H
#include <stdint.h>
#include "kiosk.h"

/* Ends the visit now (also ends staff mode) and begins a new one at Home. */
void idle_reset(kiosk *k);
/* The default language of a new visit: configured, else the site's, else Finnish. */
const char *idle_default_language(const kiosk *k);
/* The idle check and overlay screen, laid out above the open screen at now_ms: resets the
 * visit when the countdown ran out, draws "Still there?" while it runs. */
void idle_screen(kiosk *k, uint32_t now_ms);

#endif
