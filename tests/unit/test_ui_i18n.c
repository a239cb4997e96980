/* test_ui_i18n.c - the .po reader, the fallback chain (never a message id on screen), placeholder
 * safety, and the shipped translations: fi, sv, ar, ru and uk have every string en.po has. */
#include "test.h"
#include "i18n.h"
#include "util.h"
#include <stdlib.h>

static const char *const en_po =
    "# comment\n"
    "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n"
    "msgid \"a.hello\"\nmsgstr \"Hello\"\n\n"
    "msgid \"a.multi\"\nmsgstr \"\"\n\"one \"\n\"two \\\"quoted\\\"\\n\"\n\n"
    "msgid \"a.fmt\"\nmsgstr \"{1} of {2}\"\n\n"
    "msgid \"a.only_en\"\nmsgstr \"English only\"\n";

static const char *const fi_po =
    "msgid \"a.hello\"\nmsgstr \"Hei\"\n\n"
    "#, fuzzy\nmsgid \"a.multi\"\nmsgstr \"sumea\"\n\n"
    "msgid \"a.fmt\"\nmsgstr \"{2}/{3}\"\n\n"          /* {3}: the program has no such value */
    "msgid \"a.empty\"\nmsgstr \"\"\n";

static void test_reader_and_chain(void)
{
    i18n *t = i18n_new();
    char err[MJ_ERRLEN];
    CHECK(t != NULL);
    CHECK_INT(i18n_load_po(t, "en", en_po, err, sizeof err), MJ_OK);
    CHECK_INT(i18n_load_po(t, "fi", fi_po, err, sizeof err), MJ_OK);
    const char *chain[] = { "fi", "sv" };
    i18n_set_chain(t, chain, 2);
    CHECK_STR(i18n_get(t, "a.hello"), "Hei");
    CHECK_STR(i18n_get(t, "a.multi"), "one two \"quoted\"\n");   /* fuzzy fi skipped */
    CHECK_STR(i18n_get(t, "a.fmt"), "{1} of {2}");              /* bad fi placeholder skipped */
    CHECK_STR(i18n_get(t, "a.only_en"), "English only");
    CHECK_STR(i18n_get(t, "a.missing"), "");                     /* never the id */
    CHECK(i18n_get_in(t, "fi", "a.empty") == NULL);
    CHECK(i18n_get_in(t, "sv", "a.hello") == NULL);
    CHECK_INT(i18n_load_po(t, "xx", "msgid \"a\"\nmsgstr \"unterminated\n", err, sizeof err), MJ_EINVAL);
    i18n_close(t);
}

static void test_format(void)
{
    char out[64];
    const char *args[] = { "ma", "24", "11" };
    i18n_format(out, sizeof out, "{1} {2}.{3}. {4}", args, 3);
    CHECK_STR(out, "ma 24.11. ");
    i18n_format(out, 8, "{1}{1}{1}{1}", args, 1);
    CHECK_STR(out, "mamamam");
    i18n_format(out, sizeof out, "{x} {", args, 3);
    CHECK_STR(out, "{x} {");
}

static void test_shipped_translations(void)
{
    i18n *t = NULL;
    char err[MJ_ERRLEN];
    CHECK_INT(i18n_open(MAJAKKA_ASSETS "/po", &t, err, sizeof err), MJ_OK);
    if (!t) { fprintf(stderr, "%s\n", err); return; }
    const char *ids[512];
    int n = i18n_ids(t, ids, 512);
    CHECK(n > 80 && n <= 512);
    const char *complete[] = { "fi", "sv", "ar", "ru", "uk", "so" };
    for (size_t l = 0; l < sizeof complete / sizeof complete[0]; l++) {
        CHECK(i18n_has_lang(t, complete[l]));
        for (int i = 0; i < n; i++) {
            const char *s = i18n_get_in(t, complete[l], ids[i]);
            if (!s) fprintf(stderr, "%s.po lacks %s (or its placeholders differ)\n", complete[l], ids[i]);
            CHECK(s != NULL);
        }
    }
    /* in the chain, every id comes in Somali or a fallback, never as an id */
    const char *chain[] = { "so", "fi" };
    i18n_set_chain(t, chain, 2);
    for (int i = 0; i < n; i++) {
        const char *s = i18n_get(t, ids[i]);
        CHECK(s[0] != 0 && strcmp(s, ids[i]) != 0);
    }
    CHECK_STR(i18n_get(t, "nav.back"), "Dib u noqo");
    CHECK_STR(i18n_get(t, "detail.hours"), "Saacadaha furitaanka");
    i18n_close(t);
}

int main(void)
{
    RUN(test_reader_and_chain);
    RUN(test_format);
    RUN(test_shipped_translations);
    return TEST_DONE();
}
