/* main.c - majakka-kiosk: settings and commands first (cli.h), then the touchscreen app. */
#include "cli.h"
#include "store.h"
#include "util.h"
#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    cli_opts opts;
    char err[MJ_ERRLEN];
    if (cli_parse(argc, argv, &opts, &cfg, err, sizeof err)) {
        fprintf(stderr, "majakka-kiosk: %s\n", err);
        return 2;
    }
    if (opts.action != CLI_RUN) return cli_run_command(&opts, &cfg);
    store *st;
    if (cli_open_store(&cfg, &st, err, sizeof err)) {
        fprintf(stderr, "majakka-kiosk: %s\n", err);
        return 1;
    }
    fprintf(stderr, "majakka-kiosk: the touchscreen app is not part of this build yet\n");
    store_close(st);
    return 1;
}
