/* fuzz_imports.c - libFuzzer target: the directory importers (sync/imp_*.c). The first byte picks
 * the format (0 HSDS JSON, 1 HSDS CSV tables split at NUL bytes, 2 PTV, 3 Linked Events); the
 * rest is the input. Besides crashes, leaks and slowness it checks the importers' promise: what
 * they keep passes the kiosks' validator as one content (abort() otherwise). */
#include "bundle.h"
#include "imp_hsds.h"
#include "imp_le.h"
#include "imp_ptv.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TABLES[] = { "organizations", "services", "locations", "physical_addresses", "service_at_location",
                                      "phones", "languages", "schedules", "holiday_schedule" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[MJ_ERRLEN];
    if (size < 1 || size > (1u << 20)) return 0;
    int fmt = data[0] & 3;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    imp_result r;
    imp_opts o = { "fi", "cat" };
    if (imp_result_init(&r)) return 0;
    if (fmt == 0) imp_hsds_json(text, len, &o, &r, err, sizeof err);
    else if (fmt == 2) imp_ptv_json(text, len, &o, &r, err, sizeof err);
    else if (fmt == 3) imp_le_json(text, len, &o, &r, err, sizeof err);
    else {
        imp_csv_file f[9];
        size_t n = 0, start = 0;
        for (size_t i = 0; i <= len && n < 9; i++)
            if (i == len || text[i] == 0) {
                f[n].table = TABLES[n];
                f[n].text = text + start;
                f[n].len = i - start;
                n++;
                start = i + 1;
            }
        imp_hsds_csv(f, n, &o, &r, err, sizeof err);
    }
    json_t *c = json_pack("{s:{s:s,s:{s:s},s:s,s:s,s:[s]},s:[{s:s,s:{s:s}}],s:O,s:[{s:s,s:{s:s},s:{s:s},s:s,s:{s:s}}],s:O,s:O}",
                          "site", "id", "f", "name", "fi", "f", "location", "main", "default_language", "fi", "languages", "fi",
                          "categories", "id", "cat", "name", "fi", "c", "organizations", r.organizations, "locations", "id", "main",
                          "name", "fi", "m", "street", "fi", "-", "postal_code", "00100", "city", "fi", "H", "services", r.services,
                          "events", r.events);
    if (c) {
        json_array_extend(json_object_get(c, "locations"), r.locations);
        if (bundle_check_content(c, err, sizeof err) != MJ_OK) {
            fprintf(stderr, "imported records do not validate: %s\n", err);
            abort();
        }
        json_decref(c);
    }
    imp_result_free(&r);
    return 0;
}
