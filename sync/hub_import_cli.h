/* hub_import_cli.h - the commands import-hsds, import-ptv and import-linkedevents of majakka-hub
 * (docs/imports.md): FILE... (a JSON file; for HSDS also a CSV datapackage's folder) or --url URL
 * (the API's pages, fetched with limits), into the draft of --site S; prints the summary line and
 * the report. Returns the exit status (0 done, 1 refused or failed, 2 usage). */
#ifndef MAJAKKA_HUB_IMPORT_CLI_H
#define MAJAKKA_HUB_IMPORT_CLI_H
#include "hub_store.h"

#define HUB_IMPORT_CLI_USAGE "FILE...|--url URL --site S [--category ID] [--max-pages N] [--timeout-s N]"
int hub_import_cli(hub_store *hs, int fmt, int argc, char **argv);

#endif
