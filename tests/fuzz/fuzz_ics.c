/* fuzz_ics.c - libFuzzer target: an iCalendar file through the calendar reader (bundle_ics.c),
 * each of its events converted and validated like a bundle's. */
#include "bundle_int.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[MJ_ERRLEN];
    bvctx v;
    if (size > (1u << 20)) return 0;
    /* the reader wants a NUL-terminated text */
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    if (bv_init(&v, err, sizeof err) == MJ_OK) {
        v.default_language = "fi";
        json_t *events = json_array();
        bics_merge(&v, "fuzz.ics", text, size, events);
        json_decref(events);
        bv_free(&v);
    }
    free(text);
    return 0;
}
