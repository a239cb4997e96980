/* fuzz_bundle.c - libFuzzer target: a bundle held in memory through the validator and, when it
 * is accepted, the importer into one store (the property of issue 17: what validates, imports;
 * an accepted bundle that does not import aborts, so the fuzzer reports it). */
#include "bundle.h"
#include "import.h"
#include "store.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static store *S;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[MJ_ERRLEN];
    if (!S) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/majakka-fuzz-bundle-%d.db", (int)getpid());
        if (store_open(path, &S, err, sizeof err)) { fprintf(stderr, "%s\n", err); abort(); }
        unlink(path);   /* the open store lives on; nothing left behind */
    }
    bundle b;
    if (bundle_parse((const char *)data, size, NULL, 0, &b, err, sizeof err) != MJ_OK) return 0;
    import_summary sum;
    if (import_bundle(S, &b, &sum, err, sizeof err) != MJ_OK) {
        fprintf(stderr, "accepted but not imported: %s\n", err);
        abort();
    }
    bundle_free(&b);
    return 0;
}
