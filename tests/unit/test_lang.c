/* test_lang.c - the one right-to-left list (core/lang.h) that the screen and the slip share. */
#include "test.h"
#include "lang.h"
#include <stdio.h>

#define CHECK_TAG(tag, want) do { if (lang_rtl(tag) != (want)) fprintf(stderr, "lang_rtl(\"%s\") != %d\n", tag, want); \
    CHECK(lang_rtl(tag) == (want)); } while (0)

static void test_rtl_languages(void)
{
    /* Arabic, Hebrew, Syriac and Thaana script languages, also with a region */
    const char *rtl[] = { "ar", "fa", "prs", "he", "iw", "ur", "ps", "ckb", "sd", "ug", "yi", "ji", "dv",
                          "syr", "ks", "bal", "mzn", "lrc", "glk", "ar-SA", "fa_IR", "AR", "He-IL" };
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++) CHECK_TAG(rtl[i], 1);
    const char *ltr[] = { "fi", "sv", "en", "et", "ru", "uk", "so", "de", "tr", "ku", "ti", "am", "arn",
                          "fil", "hy", "zh", "en-GB", "", "-", "ar-", "x" };
    for (size_t i = 0; i < sizeof ltr / sizeof ltr[0]; i++) CHECK_TAG(ltr[i], 0);
    CHECK_INT(lang_rtl(NULL), 0);
}

static void test_script_subtag_decides(void)
{
    CHECK_INT(lang_rtl("ku-Arab"), 1);      /* Sorani written as ku-Arab */
    CHECK_INT(lang_rtl("ku-arab"), 1);
    CHECK_INT(lang_rtl("ku-Latn"), 0);
    CHECK_INT(lang_rtl("sd-Deva"), 0);      /* Sindhi in Devanagari */
    CHECK_INT(lang_rtl("sd-Deva-IN"), 0);
    CHECK_INT(lang_rtl("uz-Arab-AF"), 1);
    CHECK_INT(lang_rtl("pa-Arab"), 1);      /* Shahmukhi */
    CHECK_INT(lang_rtl("az-Cyrl"), 0);
    CHECK_INT(lang_rtl("ff-Adlm"), 1);      /* Fula in Adlam */
    CHECK_INT(lang_rtl("ug-Cyrl"), 0);
    CHECK_INT(lang_rtl("yi-Hebr"), 1);
    CHECK_INT(lang_rtl("en-US-1901"), 0);   /* a variant is not a script */
    CHECK_INT(lang_rtl("ar-verylongsubtag"), 0);   /* not a tag */
}

int main(void)
{
    RUN(test_rtl_languages);
    RUN(test_script_subtag_decides);
    return TEST_DONE();
}
