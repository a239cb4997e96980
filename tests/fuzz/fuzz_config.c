/* fuzz_config.c - libFuzzer target: the INI config parser (config_load reads a file, so the
 * input is written to one first). */
#include "config.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    char err[MJ_ERRLEN];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/majakka-fuzz-config-%d.ini", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    config cfg;
    config_defaults(&cfg);
    config_load(&cfg, path, err, sizeof err);
    unlink(path);
    return 0;
}
