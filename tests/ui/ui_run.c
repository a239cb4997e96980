/* ui_run.c - runs a UI test script against the real kiosk screens, headless: the same command
 * line as majakka-kiosk (cli_parse, cli_open_store), then app_run_test instead of a window.
 *   ui_run --script FILE --screenshot-dir DIR --data-dir DIR --size WxH [--set ...] */
#include <stdio.h>
#include "app.h"
#include "cli.h"
#include "store.h"
#include "util.h"

int main(int argc, char **argv)
{
    cli_opts o;
    config cfg;
    char err[MJ_ERRLEN];
    store *st = NULL;
    if (cli_parse(argc, argv, &o, &cfg, err, sizeof err) < 0 || !o.script ||
        cli_open_store(&cfg, &st, err, sizeof err) < 0) {
        fprintf(stderr, "ui_run: %s\n", o.script ? err : "--script FILE is needed");
        return 2;
    }
    app_test t = { o.script, o.screenshot_dir };
    int rc = app_run_test(&cfg, st, &t, err, sizeof err);
    store_close(st);
    if (rc < 0) { fprintf(stderr, "ui_run: %s: %s\n", o.script, err); return 1; }
    return 0;
}
