/* app.h - majakka-kiosk's screen: the SDL window and event loop around the visitor screens.
 * main.c parses the command line, opens the store (with content) and calls app_run. For UI
 * tests, app_run_test drives the very same screens headless (a software renderer on a memory
 * surface) from a script of touches, waits and screenshots, in virtual time (tests/ui/README.md
 * lists the commands). */
#ifndef MAJAKKA_APP_H
#define MAJAKKA_APP_H
#include <stddef.h>
#include "config.h"
#include "store.h"

typedef struct app_test {
    const char *script;          /* path of the script to run */
    const char *screenshot_dir;  /* where `shot NAME.png` writes; NULL: the current folder */
} app_test;

/* Runs the kiosk until SIGTERM (or SIGINT). Returns 0, or a negative MJ_E* status with err. */
int app_run(const config *cfg, store *st, char *err, size_t errlen);
/* Runs a UI test script; returns 0 when every expectation in it held, else MJ_EINVAL with the
 * first failure (script line) in err. */
int app_run_test(const config *cfg, store *st, const app_test *t, char *err, size_t errlen);

#endif
