/* main.c - majakka-kiosk: settings and commands first (cli.h), then the touchscreen app. */
#include "app.h"
#include "cli.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    cli_opts opts;
    char err[MJ_ERRLEN];
    if (cli_parse(argc, argv, &opts, &cfg, err, sizeof err)) {
        log_msg(LOG_P_ERR, "majakka-kiosk", "%s", err);
        return 2;
    }
    if (opts.config_warning[0]) log_msg(LOG_P_WARNING, "majakka-kiosk", "%s", opts.config_warning);
    if (opts.action != CLI_RUN) return cli_run_command(&opts, &cfg);
    store *st;
    if (cli_open_store(&cfg, &st, err, sizeof err)) {
        log_msg(LOG_P_ERR, "majakka-kiosk", "%s", err);
        return 1;
    }
    int rc = app_run(&cfg, st, err, sizeof err);
    store_close(st);
    if (rc) {
        log_msg(LOG_P_ERR, "majakka-kiosk", "%s", err);
        return 1;
    }
    return 0;
}
