/* test_catalog.c - catalog queries over the mini bundle, imported by the real importer:
 * language fallback, filters, detail fields, questions, and search ranking. */
#include "test.h"
#include "catalog.h"
#include "import.h"
#include "model.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/majakka-catalog-XXXXXX";
static store *st;
static catalog_langs fi, sv, en;

static void setup(void)
{
    char path[256], err[MJ_ERRLEN];
    import_summary sum;
    snprintf(path, sizeof path, "%s/store.db", dir);
    if (store_open(path, &st, err, sizeof err) ||
        import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        exit(1);
    }
    catalog_langs_for(st, "fi", &fi, err, sizeof err);
    catalog_langs_for(st, "sv", &sv, err, sizeof err);
    catalog_langs_for(st, "en", &en, err, sizeof err);
}

static void test_langs(void)
{
    char err[MJ_ERRLEN];
    CHECK_INT(sv.n, 3);
    CHECK_STR(sv.lang[0], "sv");
    CHECK_STR(sv.lang[1], "fi");
    CHECK_STR(sv.lang[2], "en");
    CHECK_INT(fi.n, 2);
    catalog_langs bad;
    CHECK_INT(catalog_langs_for(st, "x'); DROP TABLE services; --", &bad, err, sizeof err), 0);
    CHECK_INT(bad.n, 2);
    CHECK_STR(bad.lang[0], "fi");
}

static void test_site(void)
{
    catalog_site site;
    char err[MJ_ERRLEN];
    CHECK_INT(catalog_site_get(st, &sv, &site, err, sizeof err), 0);
    CHECK_STR(site.id, "tuulikyla");
    CHECK_STR(site.name, "Tuulikylä familjecenter");
    CHECK_STR(site.default_language, "fi");
    CHECK_INT(site.nlanguages, 3);
    CHECK_STR(site.languages[2], "en");
    CHECK_STR(site.content_version, "2026-11-22.1");
    CHECK_STR(site.timezone, "Europe/Helsinki");
    CHECK_STR(site.phone, "+358 9 123 4567");
    catalog_site_free(&site);
}

static void test_categories(void)
{
    catalog_category *c;
    size_t n;
    char err[MJ_ERRLEN];
    CHECK_INT(catalog_categories(st, &en, &c, &n, err, sizeof err), 0);
    CHECK_INT(n, 3);
    CHECK_STR(c[0].id, "health");
    CHECK_STR(c[0].name, "Health");
    CHECK_INT(c[0].services, 1);
    CHECK_STR(c[2].id, "support");
    CHECK_INT(c[2].services, 2);
    catalog_categories_free(c, n);
    /* sv falls back to fi (the site's fallback order), not to en. */
    CHECK_INT(catalog_categories(st, &sv, &c, &n, err, sizeof err), 0);
    CHECK_STR(c[1].name, "Leikki");
    catalog_categories_free(c, n);
}

static void test_services_filter(void)
{
    catalog_service *v;
    size_t n;
    char err[MJ_ERRLEN];
    catalog_filter f = { 0 };
    CHECK_INT(catalog_services(st, &fi, &f, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 3);
    CHECK_STR(v[0].id, "neuvola");
    CHECK_STR(v[1].id, "perhekahvila");
    catalog_services_free(v, n);

    f.category = "support";
    CHECK_INT(catalog_services(st, &en, &f, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 2);
    CHECK_STR(v[0].name, "Family café");
    CHECK_STR(v[1].name, "Kriisipuhelin");   /* no English name: falls back to Finnish */
    catalog_services_free(v, n);

    f.category = NULL;
    f.audiences = 1u << AUD_TEEN;
    CHECK_INT(catalog_services(st, &fi, &f, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 1);
    CHECK_STR(v[0].id, "kriisipuhelin");
    catalog_services_free(v, n);

    f.audiences = (1u << AUD_BABY) | (1u << AUD_PARENT);
    f.language = "en";
    CHECK_INT(catalog_services(st, &fi, &f, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 2);
    CHECK_STR(v[0].id, "neuvola");
    CHECK_STR(v[1].id, "kriisipuhelin");
    catalog_services_free(v, n);

    f.audiences = 0;
    f.language = "ar";
    CHECK_INT(catalog_services(st, &fi, &f, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 0);
    catalog_services_free(v, n);
}

static void test_service_detail(void)
{
    catalog_service v;
    char err[MJ_ERRLEN];
    CHECK_INT(catalog_service_get(st, &sv, "neuvola", &v, err, sizeof err), 0);
    CHECK_STR(v.name, "Barnrådgivning");
    CHECK_STR(v.summary, "Lapsen kasvun ja kehityksen seuranta");   /* sv missing -> fi */
    CHECK_STR(v.organization, "Hyvinvointialue");
    CHECK_STR(v.location_name, "Perhekeskus");
    CHECK_INT(v.free, 1);
    CHECK_INT(v.audiences, (1u << AUD_BABY) | (1u << AUD_UNDER_SCHOOL_AGE));
    CHECK_INT(v.nlanguages, 3);
    CHECK_STR(v.languages[0], "en");   /* alphabetical */
    CHECK_INT(v.ncategories, 1);
    CHECK_STR(v.categories[0], "health");
    CHECK_STR(v.phone, "+358 9 555 0000");
    CHECK(v.url == NULL);
    catalog_service_clear(&v);

    CHECK_INT(catalog_service_get(st, &fi, "perhekahvila", &v, err, sizeof err), 0);
    CHECK_STR(v.cost, "Kahvi 1 €");
    CHECK_STR(v.hours_note, "Tiistaisin");
    CHECK_STR(v.url, "https://mll.example/kahvila");
    CHECK_STR(v.location_name, "Kirjasto");
    CHECK_INT(v.ncategories, 2);
    catalog_service_clear(&v);

    CHECK_INT(catalog_service_get(st, &fi, "kriisipuhelin", &v, err, sizeof err), 0);
    CHECK(v.location_name == NULL && v.street == NULL);
    catalog_service_clear(&v);

    CHECK_INT(catalog_service_get(st, &fi, "nope", &v, err, sizeof err), MJ_ENOTFOUND);
    CHECK_STR(err, "no service \"nope\"");
}

static void test_questions(void)
{
    catalog_question *q;
    size_t n;
    char err[MJ_ERRLEN];
    CHECK_INT(catalog_questions(st, &en, &q, &n, err, sizeof err), 0);
    CHECK_INT(n, 2);
    CHECK_STR(q[0].id, "found");
    CHECK_INT(q[0].version, 2);
    CHECK_INT(q[0].multiple, 0);
    CHECK_STR(q[0].text, "Did you find what you were looking for?");
    CHECK_INT(q[0].noptions, 2);
    CHECK_STR(q[0].option_id[1], "no");
    CHECK_STR(q[0].option_text[1], "No");
    CHECK_INT(q[1].multiple, 1);
    CHECK_INT(q[1].noptions, 3);
    CHECK_STR(q[1].option_text[2], "Leikki");
    catalog_questions_free(q, n);
}

/* Returns the ids found for a query, space-separated. */
static const char *search(const catalog_langs *l, const char *query)
{
    static char ids[1024];
    catalog_service *v;
    size_t n;
    char err[MJ_ERRLEN];
    ids[0] = 0;
    if (catalog_search(st, l, query, 10, &v, &n, err, sizeof err)) {
        snprintf(ids, sizeof ids, "error: %s", err);
        return ids;
    }
    for (size_t i = 0; i < n; i++) {
        strncat(ids, i ? " " : "", sizeof ids - strlen(ids) - 1);
        strncat(ids, v[i].id, sizeof ids - strlen(ids) - 1);
    }
    catalog_services_free(v, n);
    return ids;
}

static void test_search(void)
{
    CHECK_STR(search(&fi, "neuvola"), "neuvola");            /* its description has the word */
    CHECK_STR(search(&fi, "lastenneuvola"), "neuvola");      /* case forgiven */
    CHECK_STR(search(&fi, "Lastenn"), "neuvola");            /* as you type: prefix */
    CHECK_STR(search(&fi, "perhe"), "perhekahvila");
    CHECK_STR(search(&fi, "cafe"), "perhekahvila");          /* diacritics forgiven: café */
    CHECK_STR(search(&sv, "barnradgivning"), "neuvola");     /* å */
    CHECK_STR(search(&fi, "puhelin"), "kriisipuhelin");      /* inside a compound name */
    CHECK_STR(search(&fi, "uhelin"), "kriisipuhelin");
    CHECK_STR(search(&fi, "kriisi"), "kriisipuhelin");
    CHECK_STR(search(&fi, "  "), "");
    CHECK_STR(search(&fi, "\"*()^:-+ NEAR"), "");
    CHECK_STR(search(&fi, "(kriisi"), "kriisipuhelin");
    CHECK_STR(search(&fi, "\xc3\x28"), "error: search: the text is not valid UTF-8");
    char big[10001];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_STR(search(&fi, big), "");
}

/* An imported store finds a search row's service from the row's number (store.h); a store
 * imported by an older build reads service_id. Both find the same services in the same order. */
static void test_search_layouts(void)
{
    static const char *const queries[] = { "p", "pe", "perhe", "neuvola", "Lastenn", "cafe", "uhelin", "ne",
                                            "barnradgivning", "kriisi", "(kriisi", "a", "e", NULL };
    char err[MJ_ERRLEN], direct[1024];
    char *v = store_meta_get(st, "search_rowids");
    CHECK_STR(v ? v : "(none)", "1");
    free(v);
    for (int i = 0; queries[i]; i++) {
        const catalog_langs *l = i % 2 ? &sv : &fi;
        snprintf(direct, sizeof direct, "%s", search(l, queries[i]));
        CHECK_INT(store_exec(st, "DELETE FROM meta WHERE key = 'search_rowids'", err, sizeof err), 0);
        CHECK_STR(search(l, queries[i]), direct);
        CHECK_INT(store_meta_set(st, "search_rowids", "1", err, sizeof err), 0);
    }
}

static void test_search_ranking(void)
{
    char err[MJ_ERRLEN];
    /* Three services whose texts mention "kahvila": the one named exactly so comes first, then
     * a name containing it as typed, then a description match. Rows added by hand are not laid
     * out as an import lays them out (store.h), so the store stops saying they are. */
    CHECK_INT(store_exec(st,
        "DELETE FROM meta WHERE key = 'search_rowids';"
        "INSERT INTO services (id, organization_id, name, summary, description, free, sort) VALUES"
        " ('a-desc', 'mll', '{\"fi\":\"Olohuone\"}', '{\"fi\":\"Avoin\"}', '{\"fi\":\"Kahvila ja leikkinurkka\"}', 1, 10),"
        " ('b-exact', 'mll', '{\"fi\":\"Kahvila\"}', '{\"fi\":\"Kuppi\"}', NULL, 1, 11),"
        " ('c-part', 'mll', '{\"fi\":\"Kahvila Äiti\"}', '{\"fi\":\"Kuppi\"}', NULL, 1, 12),"
        " ('d-fold', 'mll', '{\"fi\":\"Kähvilä\"}', '{\"fi\":\"Kuppi\"}', NULL, 1, 13);"
        "INSERT INTO service_search (service_id, language, name, summary, description) VALUES"
        " ('a-desc', 'fi', 'Olohuone', 'Avoin', 'Kahvila ja leikkinurkka'),"
        " ('b-exact', 'fi', 'Kahvila', 'Kuppi', ''),"
        " ('c-part', 'fi', 'Kahvila Äiti', 'Kuppi', ''),"
        " ('d-fold', 'fi', 'Kähvilä', 'Kuppi', '');", err, sizeof err), 0);
    CHECK_STR(search(&fi, "Kahvila"), "b-exact c-part d-fold perhekahvila a-desc");
    CHECK_STR(search(&fi, "Kähvilä"), "d-fold b-exact c-part a-desc");
    CHECK_STR(search(&fi, "kahvila äiti"), "c-part");
    /* Inside a compound word: "neuvola" is the end of "Äitiysneuvola", not a word start. */
    CHECK_INT(store_exec(st,
        "INSERT INTO services (id, organization_id, name, summary, description, free, sort) VALUES"
        " ('e-compound', 'mll', '{\"fi\":\"Äitiysneuvola\"}', '{\"fi\":\"Raskaus\"}', NULL, 1, 14);"
        "INSERT INTO service_search (service_id, language, name, summary, description) VALUES"
        " ('e-compound', 'fi', 'Äitiysneuvola', 'Raskaus', '');", err, sizeof err), 0);
    CHECK_STR(search(&fi, "neuvola"), "neuvola e-compound");   /* word match first, then inside a name */
    CHECK_STR(search(&fi, "NEUVOL"), "neuvola e-compound");    /* both names contain it; neuvola also has a word match */
    CHECK_STR(search(&fi, "ne"), "neuvola");                   /* two letters: word starts only */
    CHECK_STR(search(&fi, "50%_"), "");
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    setup();
    RUN(test_langs);
    RUN(test_site);
    RUN(test_categories);
    RUN(test_services_filter);
    RUN(test_service_detail);
    RUN(test_questions);
    RUN(test_search);
    RUN(test_search_layouts);
    RUN(test_search_ranking);
    store_close(st);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) return 1;
    return TEST_DONE();
}
