/* cli.h - majakka-kiosk's command line: flags over the config file over the embedded defaults,
 * and the commands that run without a screen (--import, --check, --seal, --preview). */
#ifndef MAJAKKA_CLI_H
#define MAJAKKA_CLI_H
#include <stddef.h>
#include "config.h"

typedef enum cli_action { CLI_RUN, CLI_IMPORT, CLI_CHECK, CLI_SEAL, CLI_HELP, CLI_VERSION, CLI_SET_PIN, CLI_PREVIEW } cli_action;

typedef struct cli_opts {
    cli_action action;
    const char *file;           /* --import/--check/--seal/--preview FILE */
    const char *screen, *clock, *out, *texts;   /* --preview's --screen, --clock, --out, --texts */
    const char *config_path;    /* --config FILE, or NULL */
    char config_warning[600];   /* the config file's bad line, when it had one ("" if fine) */
} cli_opts;

/* Parses argv into opts and cfg (defaults, then the config file, then flags). */
int cli_parse(int argc, char **argv, cli_opts *opts, config *cfg, char *err, size_t errlen);
/* Runs a command that needs no screen; returns the process exit code. */
int cli_run_command(const cli_opts *opts, const config *cfg);
/* Opens the store, importing the demo bundle when it has no content yet. */
struct store;
int cli_open_store(const config *cfg, struct store **out, char *err, size_t errlen);
void cli_usage(void);

#endif
