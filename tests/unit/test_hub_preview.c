/* test_hub_preview.c - the hub's preview renderer (sync/hub_preview.c) running the real
 * majakka-kiosk --preview: a picture and its texts, the cache, refused bundles and requests, a
 * hung renderer killed at the time limit, the memory limit. */
#include "hub_ics.h"
#include "hub_preview.h"
#include "test.h"
#include "util.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef MAJAKKA_SANITIZED
#define MEMORY_MB -1   /* the sanitizers reserve terabytes of address space */
#else
#define MEMORY_MB 512
#endif

static char *demo;
static size_t demo_len;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void use_kiosk(const char *kiosk, int timeout_ms, long mb)
{
    hub_preview_cfg c = { kiosk, MAJAKKA_ASSETS, timeout_ms, mb };
    hub_preview_configure(&c);
}

static void test_home_and_cache(void)
{
    use_kiosk(MAJAKKA_KIOSK_BIN, 20000, MEMORY_MB);
    char err[MJ_ERRLEN] = "", *png = NULL, *texts = NULL;
    size_t n = 0;
    hub_preview_req r = { "home", "sv", 1, "2026-11-24" };
    int rc = hub_preview_png(demo, demo_len, &r, &png, &n, &texts, err, sizeof err);
    if (rc) fprintf(stderr, "  %s\n", err);
    CHECK_INT(rc, MJ_OK);
    CHECK(png && n > 1000 && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
    /* portrait: the IHDR's width and height */
    CHECK(png && n > 24 && png[16] == 0 && png[17] == 0 && (unsigned char)png[18] == 0x04 && (unsigned char)png[19] == 0x38);
    CHECK(texts && strstr(texts, "Familjecentret Majakka\n"));
    CHECK(texts && strstr(texts, "tisdag"));   /* the chosen day, in Swedish */
    /* the same request again comes from the cache: the same bytes, at once */
    char *png2 = NULL;
    size_t n2 = 0;
    double t0 = now_ms();
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png2, &n2, NULL, err, sizeof err), MJ_OK);
    CHECK(now_ms() - t0 < 50);
    CHECK(png && png2 && n == n2 && !memcmp(png, png2, n));
    /* another orientation is another picture */
    r.portrait = 0;
    free(png2);
    png2 = NULL;
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png2, &n2, NULL, err, sizeof err), MJ_OK);
    CHECK(png2 && n2 > 24 && (unsigned char)png2[18] == 0x07 && (unsigned char)png2[19] == 0x80);
    free(png);
    free(png2);
    free(texts);
}

static void test_refused(void)
{
    use_kiosk(MAJAKKA_KIOSK_BIN, 20000, MEMORY_MB);
    char err[MJ_ERRLEN] = "", *png = NULL;
    size_t n = 0;
    hub_preview_req r = { "home", "fi", 0, NULL };
    /* a bundle cut short: the kiosk's importer says why, no picture */
    CHECK_INT(hub_preview_png(demo, demo_len / 2, &r, &png, &n, NULL, err, sizeof err), MJ_EINVAL);
    CHECK(png == NULL && n == 0);
    CHECK(err[0] && !strstr(err, "majakka-hub-preview-") && !strstr(err, "--preview"));
    fprintf(stderr, "  cut bundle: %s\n", err);
    /* a language the site does not have */
    r.lang = "de";
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "the site's languages are fi, sv, en, ar, ru, uk, so") != NULL);
    CHECK(png == NULL);
    /* a service the bundle lacks */
    r.lang = "fi";
    r.screen = "service:ei-ole";
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "the bundle has no service \"ei-ole\"");
    /* a refusal is cached too: asked again, the same answer without a new render */
    double t0 = now_ms();
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_EINVAL);
    CHECK(now_ms() - t0 < 50);
    CHECK_STR(err, "the bundle has no service \"ei-ole\"");
}

static void test_hung_renderer_killed(void)
{
    /* a renderer that never finishes: it writes its pid and sleeps */
    char dir[] = "/tmp/majakka-test-pv-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char script[200], pidf[200], text[400];
    snprintf(script, sizeof script, "%s/hang.sh", dir);
    snprintf(pidf, sizeof pidf, "%s/pid", dir);
    snprintf(text, sizeof text, "#!/bin/sh\necho $$ > %s\nexec sleep 60\n", pidf);
    CHECK_INT(mj_write_file_atomic(script, text, strlen(text), 0700, NULL, 0), MJ_OK);
    use_kiosk(script, 700, MEMORY_MB);
    char err[MJ_ERRLEN] = "", *png = NULL;
    size_t n = 0;
    hub_preview_req r = { "events", "fi", 0, "2026-11-25" };
    double t0 = now_ms();
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_EBUSY);
    double took = now_ms() - t0;
    CHECK(took >= 690 && took < 2000);
    CHECK_STR(err, "the preview took longer than 700 ms and was stopped");
    CHECK(png == NULL);
    char *pid = NULL;
    CHECK_INT(mj_read_file(pidf, 100, &pid, NULL, NULL, 0), MJ_OK);
    /* killed and reaped: no such process any more */
    CHECK(pid && kill((pid_t)atoi(pid), 0) < 0 && errno == ESRCH);
    free(pid);
    /* a kill is not cached: a working renderer answers the same request */
    use_kiosk(MAJAKKA_KIOSK_BIN, 20000, MEMORY_MB);
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_OK);
    free(png);
    unlink(script);
    unlink(pidf);
    rmdir(dir);
}

static void test_memory_limit(void)
{
#ifndef MAJAKKA_SANITIZED
    /* 40 MB of address space is less than the renderer needs: it fails, the hub says so */
    use_kiosk(MAJAKKA_KIOSK_BIN, 20000, 40);
    char err[MJ_ERRLEN] = "", *png = NULL;
    size_t n = 0;
    hub_preview_req r = { "home", "en", 0, "2026-11-26" };
    int rc = hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err);
    CHECK(rc == MJ_EIO || rc == MJ_EINVAL);
    CHECK(png == NULL && err[0]);
    fprintf(stderr, "  at 40 MB: %s\n", err);
#endif
}

static void test_missing_renderer(void)
{
    use_kiosk("/nonexistent/majakka-kiosk", 5000, MEMORY_MB);
    char err[MJ_ERRLEN] = "", *png = NULL;
    size_t n = 0;
    hub_preview_req r = { "home", "fi", 0, "2026-11-27" };
    CHECK_INT(hub_preview_png(demo, demo_len, &r, &png, &n, NULL, err, sizeof err), MJ_EIO);
    CHECK_STR(err, "preview: cannot run /nonexistent/majakka-kiosk");
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (hub_bundle_file(MAJAKKA_ASSETS "/demo/bundle.json", &demo, &demo_len, err, sizeof err)) {
        fprintf(stderr, "demo bundle: %s\n", err);
        return 1;
    }
    RUN(test_home_and_cache);
    RUN(test_refused);
    RUN(test_hung_renderer_killed);
    RUN(test_memory_limit);
    RUN(test_missing_renderer);
    free(demo);
    return TEST_DONE();
}
