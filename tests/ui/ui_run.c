/* ui_run.c - the kiosk for UI tests, with majakka-kiosk's command line (cli_parse,
 * cli_open_store): with --script FILE it runs the script headless (app_run_test), without it
 * the real window and event loop (app_run), for the tests under Xvfb.
 *   ui_run [--script FILE --screenshot-dir DIR] --data-dir DIR --size WxH [--set ...] */
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
    if (cli_parse(argc, argv, &o, &cfg, err, sizeof err) < 0) {
        fprintf(stderr, "ui_run: %s\n", err);
        return 2;
    }
    if (o.action != CLI_RUN) return cli_run_command(&o, &cfg);   /* --seal for the reload test */
    if (cli_open_store(&cfg, &st, err, sizeof err) < 0) {
        fprintf(stderr, "ui_run: %s\n", err);
        return 2;
    }
    app_test t = { o.script, o.screenshot_dir };
    int rc = o.script ? app_run_test(&cfg, st, &t, err, sizeof err) : app_run(&cfg, st, err, sizeof err);
    store_close(st);
    if (rc < 0) { fprintf(stderr, "ui_run: %s: %s\n", o.script ? o.script : "window", err); return 1; }
    return 0;
}
