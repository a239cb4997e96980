/* gen_bundle.c - writes a large, valid, sealed content bundle for benchmarks:
 *   gen_bundle OUT.json [SERVICES] [EVENTS]   (default 1000 and 10000)
 * Services get four languages, weekly hours and a few exceptions; most events recur weekly,
 * some monthly, some once, some with cancellations. Deterministic: the same arguments give the
 * same file. */
#include "bundle.h"
#include "util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const words[] = {
    "perhe", "vauva", "neuvola", "kahvila", "leikki", "tuki", "ryhmä", "äiti", "isä", "lapsi",
    "nuori", "keskus", "kerho", "satu", "laulu", "liikunta", "ohjaus", "apu", "arki", "yhdessä"
};
#define NWORDS (sizeof words / sizeof words[0])

static unsigned long rng = 12345;
static unsigned rnd(unsigned n) { rng = rng * 6364136223846793005UL + 1442695040888963407UL; return (unsigned)(rng >> 33) % n; }

static json_t *ml(const char *prefix, int i)
{
    char fi[128], sv[128], en[128], ar[160];
    snprintf(fi, sizeof fi, "%s %s %s %d", prefix, words[rnd(NWORDS)], words[rnd(NWORDS)], i);
    snprintf(sv, sizeof sv, "%s familj %d", prefix, i);
    snprintf(en, sizeof en, "%s family %d", prefix, i);
    snprintf(ar, sizeof ar, "%s عائلة %d", prefix, i);
    return json_pack("{ssssssss}", "fi", fi, "sv", sv, "en", en, "ar", ar);
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: gen_bundle OUT.json [SERVICES] [EVENTS]\n"); return 2; }
    int nsvc = argc > 2 ? atoi(argv[2]) : 1000, nev = argc > 3 ? atoi(argv[3]) : 10000;
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const byday[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    static const char *const auds[] = { "expecting", "baby", "under_school_age", "school_age", "teen", "family", "parent" };

    json_t *cats = json_array(), *orgs = json_array(), *locs = json_array(), *svcs = json_array(), *evs = json_array();
    for (int i = 0; i < 10; i++) {
        char id[32]; snprintf(id, sizeof id, "cat-%d", i);
        json_array_append_new(cats, json_pack("{sssoss}", "id", id, "name", ml("Kategoria", i), "icon", "family"));
    }
    for (int i = 0; i < 50; i++) {
        char id[32]; snprintf(id, sizeof id, "org-%d", i);
        json_array_append_new(orgs, json_pack("{sssoss}", "id", id, "name", ml("Järjestö", i), "kind", "ngo"));
        snprintf(id, sizeof id, "loc-%d", i);
        json_array_append_new(locs, json_pack("{sssosossso}", "id", id, "name", ml("Talo", i), "street", ml("Katu", i),
                                              "postal_code", "33100", "city", ml("Kaupunki", i)));
    }
    for (int i = 0; i < nsvc; i++) {
        char id[32], org[32], loc[32], cat[32], url[96];
        snprintf(id, sizeof id, "svc-%d", i);
        snprintf(org, sizeof org, "org-%d", i % 50);
        snprintf(loc, sizeof loc, "loc-%d", i % 50);
        snprintf(cat, sizeof cat, "cat-%d", i % 10);
        snprintf(url, sizeof url, "https://palvelu.example.org/%d", i);
        json_t *hours = json_array();
        for (int d = 0; d < 5; d++)
            json_array_append_new(hours, json_pack("{ssssss}", "day", days[d], "open", "08:00", "close", "16:00"));
        json_t *ex = json_pack("[{sssb}]", "date", "2026-12-24", "closed", 1);
        json_array_append_new(svcs, json_pack("{ss ss ss so so so s[s] s[ss] s[ss] sb ss so so}",
            "id", id, "organization", org, "location", loc, "name", ml("Palvelu", i), "summary", ml("Lyhyesti", i),
            "description", ml("Kuvaus pidempi teksti palvelusta", i), "categories", cat,
            "audiences", auds[i % 7], i % 7 == 5 ? "parent" : "family", "languages", "fi", "en", "free", i % 3 != 0, "url", url,
            "opening_hours", hours, "hours_exceptions", ex));
    }
    for (int i = 0; i < nev; i++) {
        char id[32], svc[32], start[64], end[64], rule[64];
        int month = 8 + (int)rnd(4), day = 1 + (int)rnd(28), hour = 8 + (int)rnd(10);
        snprintf(id, sizeof id, "ev-%d", i);
        snprintf(svc, sizeof svc, "svc-%d", i % (nsvc ? nsvc : 1));
        snprintf(start, sizeof start, "2026-%02d-%02dT%02d:00", month, day, hour);
        snprintf(end, sizeof end, "2026-%02d-%02dT%02d:30", month, day, hour + 1);
        json_t *e = json_pack("{ss so ss ss ss s[s] sb sb}", "id", id, "title", ml("Tapahtuma", i),
            "service", svc, "start", start, "end", end, "audiences", auds[i % 7], "free", 1, "registration", i % 5 == 0);
        int kind = i % 10;
        if (kind < 7) {
            snprintf(rule, sizeof rule, "FREQ=WEEKLY;BYDAY=%s", byday[rnd(7)]);
            json_object_set_new(e, "rrule", json_string(rule));
            /* The start must fall on the rule's day for a clean series; libical keeps DTSTART as
             * the first occurrence either way, which is what iCalendar says. */
        } else if (kind < 9) {
            json_object_set_new(e, "rrule", json_string("FREQ=MONTHLY;BYDAY=2TU"));
        }
        if (i % 4 == 0) json_object_set_new(e, "exdates", json_pack("[s]", "2026-12-24"));
        json_array_append_new(evs, e);
    }
    json_t *content = json_pack("{s{ss so ss ss s[ssss] s[sss]} so so so so so s[]}",
        "site", "id", "bench-site", "name", ml("Perhekeskus", 0), "location", "loc-0", "default_language", "fi",
        "languages", "fi", "sv", "en", "ar", "fallback", "fi", "en", "sv",
        "categories", cats, "organizations", orgs, "locations", locs, "services", svcs, "events", evs,
        "feedback_questions");
    char hex[65], err[MJ_ERRLEN];
    if (!content || bundle_canonical_sha256(content, hex, err, sizeof err)) {
        fprintf(stderr, "gen_bundle: %s\n", content ? err : "could not build the bundle");
        return 1;
    }
    json_t *root = json_pack("{sisssssO}", "format", 1, "content_version", "bench-1", "sha256", hex, "content", content);
    if (json_dump_file(root, argv[1], JSON_COMPACT | JSON_PRESERVE_ORDER)) {
        fprintf(stderr, "gen_bundle: cannot write %s\n", argv[1]);
        return 1;
    }
    json_decref(root);
    json_decref(content);
    printf("%s: %d services, %d events\n", argv[1], nsvc, nev);
    return 0;
}
