/* test_pin.c - PIN format, Argon2id hashing, the lockout state machine, the config writer. */
#include "test.h"
#include "config.h"
#include "pin.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static char err[MJ_ERRLEN];

static void test_format(void)
{
    CHECK_INT(pin_format_valid("1234"), 1);
    CHECK_INT(pin_format_valid("12345678"), 1);
    CHECK_INT(pin_format_valid("123"), 0);
    CHECK_INT(pin_format_valid("123456789"), 0);
    CHECK_INT(pin_format_valid("12a4"), 0);
    CHECK_INT(pin_format_valid(" 1234"), 0);
    CHECK_INT(pin_format_valid(""), 0);
    CHECK_INT(pin_format_valid(NULL), 0);
}

static void test_hash_and_verify(void)
{
    char h1[PIN_HASH_MAX], h2[PIN_HASH_MAX];
    CHECK_INT(pin_hash_new("4711", h1, sizeof h1, err, sizeof err), 0);
    CHECK_INT(pin_hash_new("4711", h2, sizeof h2, err, sizeof err), 0);
    CHECK(strncmp(h1, "$argon2id$", 10) == 0);
    CHECK(strstr(h1, "4711") == NULL);
    CHECK(strcmp(h1, h2) != 0);                 /* salted: same PIN, different strings */
    CHECK_INT(pin_verify(h1, "4711", err, sizeof err), 1);
    CHECK_INT(pin_verify(h2, "4711", err, sizeof err), 1);
    CHECK_INT(pin_verify(h1, "4712", err, sizeof err), 0);
    CHECK_INT(pin_verify(h1, "47110", err, sizeof err), 0);
    CHECK_INT(pin_verify(h1, "abc", err, sizeof err), 0);
    CHECK_INT(pin_verify("5f4dcc3b5aa765d61d8327deb882cf99", "4711", err, sizeof err), MJ_EINVAL);
    CHECK_INT(pin_verify("", "4711", err, sizeof err), MJ_EINVAL);
    CHECK_INT(pin_hash_new("12", h1, sizeof h1, err, sizeof err), MJ_EINVAL);
    CHECK_INT(pin_hash_new("1234", h1, 16, err, sizeof err), MJ_EINVAL);
}

static void test_lockout(void)
{
    pin_lock l;
    pin_lock_init(&l);
    time_t t = 1000000;
    for (int i = 0; i < 4; i++) CHECK_INT(pin_lock_record(&l, 0, t), PIN_WRONG);
    CHECK_INT(pin_lock_remaining(&l, t), 0);
    CHECK_INT(pin_lock_record(&l, 0, t), PIN_LOCKED);          /* the fifth */
    CHECK_INT(pin_lock_remaining(&l, t), 30);
    CHECK_INT(pin_lock_remaining(&l, t + 29), 1);
    CHECK_INT(pin_lock_remaining(&l, t + 30), 0);
    /* the second lockout lasts 60 s, then 120, 240, 480, 900 (capped), 900 */
    int expect[] = { 60, 120, 240, 480, 900, 900 };
    for (int k = 0; k < 6; k++) {
        t += 1000;
        for (int i = 0; i < 4; i++) CHECK_INT(pin_lock_record(&l, 0, t), PIN_WRONG);
        CHECK_INT(pin_lock_record(&l, 0, t), PIN_LOCKED);
        CHECK_INT(pin_lock_remaining(&l, t), expect[k]);
    }
    /* a right PIN clears the history: the next lockout is 30 s again */
    t += 1000;
    CHECK_INT(pin_lock_record(&l, 1, t), PIN_RIGHT);
    CHECK_INT(l.failures, 0);
    CHECK_INT(l.lockouts, 0);
    for (int i = 0; i < 4; i++) pin_lock_record(&l, 0, t);
    CHECK_INT(pin_lock_record(&l, 0, t), PIN_LOCKED);
    CHECK_INT(pin_lock_remaining(&l, t + 1), 29);
    /* a clock that jumps back does not lengthen the lock past the cap */
    CHECK_INT(pin_lock_remaining(&l, t - 100000), PIN_LOCK_MAX_S);
}

static void test_attempt(void)
{
    char h[PIN_HASH_MAX];
    CHECK_INT(pin_hash_new("2580", h, sizeof h, err, sizeof err), 0);
    pin_lock l;
    pin_lock_init(&l);
    time_t t = 5000;
    CHECK_INT(pin_attempt(&l, h, "0000", t, err, sizeof err), PIN_WRONG);
    CHECK_INT(pin_attempt(&l, h, "2580", t, err, sizeof err), PIN_RIGHT);
    CHECK_INT(l.failures, 0);
    for (int i = 0; i < 4; i++) CHECK_INT(pin_attempt(&l, h, "1", t, err, sizeof err), PIN_WRONG);
    CHECK_INT(pin_attempt(&l, h, "1111", t, err, sizeof err), PIN_LOCKED);
    /* while locked, even the right PIN is refused and nothing changes */
    CHECK_INT(pin_attempt(&l, h, "2580", t + 10, err, sizeof err), PIN_LOCKED);
    CHECK_INT(pin_lock_remaining(&l, t + 10), 20);
    CHECK_INT(pin_attempt(&l, h, "2580", t + 30, err, sizeof err), PIN_RIGHT);
    CHECK_INT(pin_attempt(&l, "not a hash", "2580", t + 30, err, sizeof err), MJ_EINVAL);
    CHECK_INT(l.failures, 0);
}

static void test_session(void)
{
    pin_session s = { 0 };
    CHECK_INT(pin_session_active(&s, 100, 120), 0);
    pin_session_touch(&s, 100);                  /* a touch does not start staff mode */
    CHECK_INT(pin_session_active(&s, 100, 120), 0);
    pin_session_start(&s, 1000);
    CHECK_INT(pin_session_active(&s, 1119, 120), 1);
    pin_session_touch(&s, 1100);
    CHECK_INT(pin_session_active(&s, 1219, 120), 1);
    CHECK_INT(pin_session_active(&s, 1220, 120), 0);  /* two idle minutes */
    pin_session_touch(&s, 1221);
    CHECK_INT(pin_session_active(&s, 1222, 120), 0);  /* stays off */
    pin_session_start(&s, 2000);
    pin_session_end(&s);                              /* idle reset */
    CHECK_INT(pin_session_active(&s, 2001, 120), 0);
    pin_session_start(&s, 3000);
    CHECK_INT(pin_session_active(&s, 2990, 120), 0);  /* clock went back */
}

static void test_read_new(void)
{
    char pin[16];
    FILE *f = tmpfile();
    fputs("123456\n123456\n", f);
    rewind(f);
    CHECK_INT(pin_read_new(f, pin, sizeof pin, err, sizeof err), 0);
    CHECK_STR(pin, "123456");
    fclose(f);
    f = tmpfile();
    fputs("123456\n123457\n", f);
    rewind(f);
    CHECK_INT(pin_read_new(f, pin, sizeof pin, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "differ") != NULL);
    fclose(f);
    f = tmpfile();
    fputs("12\n12\n", f);
    rewind(f);
    CHECK_INT(pin_read_new(f, pin, sizeof pin, err, sizeof err), MJ_EINVAL);
    fclose(f);
    f = tmpfile();
    fputs("1234\n", f);
    rewind(f);
    CHECK_INT(pin_read_new(f, pin, sizeof pin, err, sizeof err), MJ_EINVAL);
    fclose(f);
}

static char *slurp(const char *path)
{
    char *t = NULL;
    size_t n;
    if (mj_read_file(path, 1 << 16, &t, &n, err, sizeof err)) return NULL;
    return t;
}

static void test_config_write(void)
{
    char dir[] = "/tmp/majakka-pin-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/majakka.ini", dir);
    char h[PIN_HASH_MAX];
    CHECK_INT(pin_hash_new("9999", h, sizeof h, err, sizeof err), 0);

    /* no file: a [staff] section is created, and config_load reads the hash back */
    CHECK_INT(pin_config_write(path, h, err, sizeof err), 0);
    config cfg;
    config_defaults(&cfg);
    CHECK_INT(config_load(&cfg, path, err, sizeof err), 0);
    CHECK_STR(cfg.staff_pin_hash, h);
    CHECK_INT(pin_verify(cfg.staff_pin_hash, "9999", err, sizeof err), 1);

    /* an existing key is replaced in place; other lines stay as they were */
    FILE *f = fopen(path, "w");
    fputs("# site\n[kiosk]\nlanguage = fi\n[staff]\npin_hash = $argon2id$old\nidle_timeout = 90\n[printer]\ndots = 384\n", f);
    fclose(f);
    CHECK_INT(pin_config_write(path, h, err, sizeof err), 0);
    char *t = slurp(path);
    char want[1024];
    snprintf(want, sizeof want, "# site\n[kiosk]\nlanguage = fi\n[staff]\npin_hash = %s\nidle_timeout = 90\n"
             "[printer]\ndots = 384\n", h);
    CHECK_STR(t, want);
    free(t);

    /* a [staff] section without the key gets it at its end */
    f = fopen(path, "w");
    fputs("[staff]\nidle_timeout = 60\n[printer]\ndots = 576\n", f);
    fclose(f);
    CHECK_INT(pin_config_write(path, h, err, sizeof err), 0);
    t = slurp(path);
    snprintf(want, sizeof want, "[staff]\nidle_timeout = 60\npin_hash = %s\n[printer]\ndots = 576\n", h);
    CHECK_STR(t, want);
    free(t);
    config_defaults(&cfg);
    CHECK_INT(config_load(&cfg, path, err, sizeof err), 0);
    CHECK_INT(cfg.staff_idle_s, 60);
    CHECK_STR(cfg.staff_pin_hash, h);

    CHECK_INT(pin_config_write(path, "plain", err, sizeof err), MJ_EINVAL);
    unlink(path);
    rmdir(dir);
}

static void test_set_from(void)
{
    FILE *in = tmpfile(), *out = tmpfile();
    fputs("13579\n13579\n", in);
    rewind(in);
    CHECK_INT(pin_set_from(in, NULL, out, err, sizeof err), 0);
    rewind(out);
    char l1[64] = "", l2[256] = "";
    CHECK(fgets(l1, sizeof l1, out) != NULL);
    CHECK(fgets(l2, sizeof l2, out) != NULL);
    CHECK_STR(l1, "[staff]\n");
    CHECK(strncmp(l2, "pin_hash = $argon2id$", 21) == 0);
    l2[strcspn(l2, "\n")] = 0;
    CHECK_INT(pin_verify(l2 + 11, "13579", err, sizeof err), 1);
    fclose(in);
    fclose(out);
    in = tmpfile();
    fputs("1357\n1358\n", in);
    rewind(in);
    CHECK_INT(pin_set_from(in, NULL, stdout, err, sizeof err), MJ_EINVAL);
    fclose(in);
}

int main(void)
{
    RUN(test_format);
    RUN(test_hash_and_verify);
    RUN(test_lockout);
    RUN(test_attempt);
    RUN(test_session);
    RUN(test_read_new);
    RUN(test_config_write);
    RUN(test_set_from);
    return TEST_DONE();
}
