/* fuzz_po.c - libFuzzer target: the .po reader of the kiosk's UI strings (core/i18n.c). The
 * English file is loaded first from the input's second half, so placeholder checks run. */
#include "i18n.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[MJ_ERRLEN];
    if (size > (1u << 20)) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    i18n *t = i18n_new();
    if (t) {
        i18n_load_po(t, "en", text, err, sizeof err);
        i18n_load_po(t, "fi", text + size / 2, err, sizeof err);
        const char *lang[] = { "fi" };
        i18n_set_chain(t, lang, 1);
        i18n_get(t, "home.services");
        i18n_close(t);
    }
    free(text);
    return 0;
}
