/* router.h - above the screens: each frame it picks the open screen from the visit's stack and
 * lays it out, then the idle screen (idle.h) above it, and lays out again while a tap changed
 * the state (at most three passes). Staff mode ends here after its own idle minutes. */
#ifndef MAJAKKA_ROUTER_H
#define MAJAKKA_ROUTER_H
#include <stdint.h>
#include "kiosk.h"

/* One frame at now_ms: lays out the open screen (and the idle overlay) and answers the input. */
void router_frame(kiosk *k, uint32_t now_ms);

#endif
