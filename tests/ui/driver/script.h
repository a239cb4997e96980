/* script.h - the UI test driver (majakka-kiosk-test, never installed): runs the kiosk's real
 * screens headless from a script of touches, waits, expectations and screenshots, in virtual
 * time. tests/ui/README.md lists the commands (generated from the table in script.c). */
#ifndef MAJAKKA_SCRIPT_H
#define MAJAKKA_SCRIPT_H
#include <stddef.h>
#include <stdio.h>
#include "config.h"
#include "store.h"

typedef struct script_opts {
    const char *script;          /* path of the script to run */
    const char *screenshot_dir;  /* where `shot NAME.png` writes; NULL: the current folder */
} script_opts;

/* Runs a UI test script; returns 0 when every expectation in it held, else MJ_EINVAL with the
 * first failure (script line) in err. */
int script_run(const config *cfg, store *st, const script_opts *t, char *err, size_t errlen);
/* The commands with their usage, one a line, as tests/ui/README.md lists them. */
void script_list_commands(FILE *out);

#endif
