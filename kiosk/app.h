/* app.h - majakka-kiosk's screen: the SDL window and event loop around the visitor screens.
 * main.c parses the command line, opens the store (with content) and calls app_run. The UI
 * tests' driver (tests/ui/driver, the separate majakka-kiosk-test) runs the same screens
 * headless through app_core.h. */
#ifndef MAJAKKA_APP_H
#define MAJAKKA_APP_H
#include <stddef.h>
#include "config.h"
#include "store.h"

/* Runs the kiosk until SIGTERM (or SIGINT). Returns 0, or a negative MJ_E* status with err. */
int app_run(const config *cfg, store *st, char *err, size_t errlen);

#endif
