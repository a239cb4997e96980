/* test_config.c - the INI reader: defaults, every kind of value, and bad files that change nothing. */
#include "test.h"
#include "config.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/majakka-config-XXXXXX";

static const char *write_ini(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_defaults(void)
{
    setenv("XDG_DATA_HOME", "/srv/x", 1);
    config c;
    config_defaults(&c);
    CHECK_STR(c.data_dir, "/srv/x/majakka");
    CHECK_INT(c.idle_timeout_s, 60);
    CHECK_INT(c.feedback_round_minutes, 60);
    CHECK_INT(c.fullscreen, 0);
    CHECK_STR(c.printer, "none");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/kiosk", 1);
    config_defaults(&c);
    CHECK_STR(c.data_dir, "/home/kiosk/.local/share/majakka");
}

static void test_good_file(void)
{
    config c;
    char err[MJ_ERRLEN];
    config_defaults(&c);
    const char *p = write_ini("good.ini",
        "# a comment\n; another\n\n[kiosk]\nfullscreen = yes\nidle_timeout=90\n language = sv \n"
        "data_dir = \"/var/lib/majakka kiosk\"\ndpi = 96.5\n[printer]\ndevice = tcp:127.0.0.1:9100\ndots=384\r\n");
    CHECK_INT(config_load(&c, p, err, sizeof err), 0);
    CHECK_INT(c.fullscreen, 1);
    CHECK_INT(c.idle_timeout_s, 90);
    CHECK_STR(c.language, "sv");
    CHECK_STR(c.data_dir, "/var/lib/majakka kiosk");
    CHECK(c.dpi > 96.4 && c.dpi < 96.6);
    CHECK_STR(c.printer, "tcp:127.0.0.1:9100");
    CHECK_INT(c.printer_dots, 384);
}

static void bad(const char *text, const char *expect)
{
    config c, before;
    char err[MJ_ERRLEN] = "";
    config_defaults(&c);
    before = c;
    const char *p = write_ini("bad.ini", text);
    CHECK_INT(config_load(&c, p, err, sizeof err), MJ_EINVAL);
    char want[512];
    snprintf(want, sizeof want, "%s:%s", p, expect);
    CHECK_STR(err, want);
    CHECK(memcmp(&c, &before, sizeof c) == 0);
}

static void test_bad_files(void)
{
    bad("[kiosk]\nidle_timeout = 5\n", "2: kiosk.idle_timeout: \"5\" is not a whole number from 10 to 3600");
    bad("[kiosk]\nidle_timeout = 60s\n", "2: kiosk.idle_timeout: \"60s\" is not a whole number from 10 to 3600");
    bad("[kiosk]\nfullscreen = maybe\n", "2: kiosk.fullscreen: \"maybe\" is not true or false");
    bad("[kiosk]\nlanguage = Suomi\n", "2: kiosk.language: \"Suomi\" is not a language code");
    bad("[kiosk]\ncolour = red\n", "2: kiosk.colour: unknown setting");
    bad("[nope]\nx = 1\n", "2: nope.x: unknown setting");
    bad("fullscreen = 1\n", "1: \"fullscreen\" is outside any [section]");
    bad("[kiosk\n", "1: malformed section header");
    bad("[kiosk]\nfullscreen\n", "2: expected key = value");
    bad("[kiosk]\nwidth = 800\nheight = 99999999999999999999\n",
        "3: kiosk.height: \"99999999999999999999\" is not a whole number from 240 to 4320");
    bad("[kiosk]\nlanguage = \xc3\x28\n", "2: kiosk.language: not valid UTF-8");
    bad("[kiosk]\ndpi = nan\n", "2: kiosk.dpi: \"nan\" is not a number from 0 to 1000");
    bad("[kiosk]\ndpi = -NaN\n", "2: kiosk.dpi: \"-NaN\" is not a number from 0 to 1000");
    bad("[kiosk]\ndpi = inf\n", "2: kiosk.dpi: \"inf\" is not a number from 0 to 1000");
}

static void test_missing_and_set(void)
{
    config c;
    char err[MJ_ERRLEN];
    config_defaults(&c);
    CHECK_INT(config_load(&c, "/nonexistent/majakka.ini", err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(config_set(&c, "kiosk", "portrait", "on", err, sizeof err), 0);
    CHECK_INT(c.portrait, 1);
    CHECK_INT(config_set(&c, "sync", "interval", "5", err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "sync.interval: \"5\" is not a whole number from 10 to 86400");
    char path[1100];
    snprintf(c.data_dir, sizeof c.data_dir, "%s/data/deeper", dir);
    CHECK_INT(config_store_path(&c, path, sizeof path, err, sizeof err), 0);
    CHECK(access(c.data_dir, W_OK) == 0);
    char want[1100];
    snprintf(want, sizeof want, "%s/data/deeper/majakka.db", dir);
    CHECK_STR(path, want);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    RUN(test_defaults);
    RUN(test_good_file);
    RUN(test_bad_files);
    RUN(test_missing_and_set);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) return 1;
    return TEST_DONE();
}
