/* main.c - majakka-kiosk-test: majakka-kiosk's command line plus the UI test driver's own
 * flags, taken out before the rest goes to cli_parse:
 *   --script FILE          run the script (script.h) instead of opening the window
 *   --screenshot-dir DIR   where `shot` writes
 *   --list-commands        print the script commands (tests/ui/README.md's list) */
#include "cli.h"
#include "script.h"
#include "store.h"
#include "util.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    script_opts t = { NULL, NULL };
    char *rest[256];
    int n = 0;
    for (int i = 0; i < argc && n < 255; i++) {
        if (i + 1 < argc && !strcmp(argv[i], "--script")) t.script = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--screenshot-dir")) t.screenshot_dir = argv[++i];
        else if (!strcmp(argv[i], "--list-commands")) { script_list_commands(stdout); return 0; }
        else rest[n++] = argv[i];
    }
    rest[n] = NULL;
    config cfg;
    cli_opts opts;
    char err[MJ_ERRLEN];
    if (cli_parse(n, rest, &opts, &cfg, err, sizeof err)) {
        fprintf(stderr, "majakka-kiosk-test: %s\n", err);
        return 2;
    }
    if (opts.action != CLI_RUN) return cli_run_command(&opts, &cfg);
    if (!t.script) {
        fprintf(stderr, "majakka-kiosk-test: --script FILE is needed (the kiosk itself is majakka-kiosk)\n");
        return 2;
    }
    store *st;
    if (cli_open_store(&cfg, &st, err, sizeof err)) {
        fprintf(stderr, "majakka-kiosk-test: %s\n", err);
        return 1;
    }
    int rc = script_run(&cfg, st, &t, err, sizeof err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "majakka-kiosk-test: %s\n", err);
        return 1;
    }
    return 0;
}
