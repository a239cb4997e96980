/* cli.c - see cli.h. */
#include "cli.h"
#include "bundle.h"
#include "import.h"
#include "pin.h"
#include "preview.h"
#include "store.h"
#include "store_rescue.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_usage(void)
{
    printf("usage: majakka-kiosk [options]\n"
           "  --config FILE        settings file (default /etc/majakka/majakka.ini when present)\n"
           "  --data-dir DIR       where the store lives (default ~/.local/share/majakka)\n"
           "  --assets DIR         translations, icons and the demo content\n"
           "  --fullscreen         full screen (default: a window)\n"
           "  --size WxH           window size, e.g. 1920x1080\n"
           "  --portrait           lay out for a portrait screen\n"
           "  --language CODE      UI language at start and after idle reset\n"
           "  --set SECTION.KEY=VALUE   any setting of docs/configuration.md\n"
           "  --import FILE        validate a content bundle and replace the content with it\n"
           "  --check FILE         validate a content bundle only\n"
           "  --seal FILE          write the bundle's sha256 fields\n"
           "  --preview FILE       draw one screen of a content bundle into a PNG (no window, no\n"
           "                       display; the bundle is imported into a temporary store first):\n"
           "    --screen home|events|service:ID   Home, this week's events, or a service (default home)\n"
           "    --out PNG          where the picture goes (required)\n"
           "    --texts FILE       also the screen's texts, one a line (for alt texts)\n"
           "    --clock LOCALTIME  the kiosk's clock, 2026-11-24T09:30 or 2026-11-24, site time (default now)\n"
           "                       --size, --portrait and --language choose the screen and language\n"
           "  --set-staff-pin      read a new staff PIN twice from standard input; store its Argon2id\n"
           "                       hash in the --config file, or print the [staff] lines\n"
           "  --version, --help\n");
}

static int set_pair(config *cfg, const char *arg, char *err, size_t errlen)
{
    char buf[1200];
    snprintf(buf, sizeof buf, "%s", arg);
    char *dot = strchr(buf, '.'), *eq = strchr(buf, '=');
    if (!dot || !eq || dot > eq)
        return mj_err(err, errlen, MJ_EINVAL, "--set %s: expected SECTION.KEY=VALUE", arg);
    *dot = 0;
    *eq = 0;
    return config_set(cfg, buf, dot + 1, eq + 1, err, errlen);
}

int cli_parse(int argc, char **argv, cli_opts *o, config *cfg, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    config_defaults(cfg);
    /* --help and --version work anywhere: before any config file is read. */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { o->action = CLI_HELP; return MJ_OK; }
        if (!strcmp(argv[i], "--version")) { o->action = CLI_VERSION; return MJ_OK; }
    }
    /* The config file comes first, whatever its place among the flags. */
    for (int i = 1; i < argc - 1; i++)
        if (!strcmp(argv[i], "--config")) o->config_path = argv[i + 1];
    /* A config file with a bad line changes nothing (config_load): the kiosk starts on the
     * defaults and says which line, so a typo never leaves a lobby with a dark screen. */
    const char *cf = o->config_path;
    if (!cf && access("/etc/majakka/majakka.ini", R_OK) == 0) cf = "/etc/majakka/majakka.ini";
    if (cf) {
        int rc = config_load(cfg, cf, err, errlen);
        if (rc == MJ_ENOTFOUND) return rc;
        if (rc) snprintf(o->config_warning, sizeof o->config_warning, "%s (starting on the defaults)", err);
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = MJ_OK, used = 1;
#define NEED_VALUE() do { if (!v) return mj_err(err, errlen, MJ_EINVAL, "%s needs a value", a); } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { o->action = CLI_HELP; used = 0; }
        else if (!strcmp(a, "--version")) { o->action = CLI_VERSION; used = 0; }
        else if (!strcmp(a, "--fullscreen")) { cfg->fullscreen = 1; used = 0; }
        else if (!strcmp(a, "--windowed")) { cfg->fullscreen = 0; used = 0; }
        else if (!strcmp(a, "--portrait")) { cfg->portrait = 1; used = 0; }
        else if (!strcmp(a, "--set-staff-pin")) { o->action = CLI_SET_PIN; used = 0; }
        else if (!strcmp(a, "--config")) NEED_VALUE();
        else if (!strcmp(a, "--data-dir")) { NEED_VALUE(); rc = config_set(cfg, "kiosk", "data_dir", v, err, errlen); }
        else if (!strcmp(a, "--assets")) { NEED_VALUE(); rc = config_set(cfg, "kiosk", "assets_dir", v, err, errlen); }
        else if (!strcmp(a, "--language")) { NEED_VALUE(); rc = config_set(cfg, "kiosk", "language", v, err, errlen); }
        else if (!strcmp(a, "--set")) { NEED_VALUE(); rc = set_pair(cfg, v, err, errlen); }
        else if (!strcmp(a, "--size")) {
            NEED_VALUE();
            char w[16], h[16];
            if (sscanf(v, "%15[0-9]x%15[0-9]", w, h) != 2)
                return mj_err(err, errlen, MJ_EINVAL, "--size %s: expected WIDTHxHEIGHT", v);
            if ((rc = config_set(cfg, "kiosk", "width", w, err, errlen)) == 0)
                rc = config_set(cfg, "kiosk", "height", h, err, errlen);
        }
        else if (!strcmp(a, "--import")) { NEED_VALUE(); o->action = CLI_IMPORT; o->file = v; }
        else if (!strcmp(a, "--check")) { NEED_VALUE(); o->action = CLI_CHECK; o->file = v; }
        else if (!strcmp(a, "--seal")) { NEED_VALUE(); o->action = CLI_SEAL; o->file = v; }
        else if (!strcmp(a, "--preview")) { NEED_VALUE(); o->action = CLI_PREVIEW; o->file = v; }
        else if (!strcmp(a, "--screen")) { NEED_VALUE(); o->screen = v; }
        else if (!strcmp(a, "--clock")) { NEED_VALUE(); o->clock = v; }
        else if (!strcmp(a, "--out")) { NEED_VALUE(); o->out = v; }
        else if (!strcmp(a, "--texts")) { NEED_VALUE(); o->texts = v; }
        else return mj_err(err, errlen, MJ_EINVAL, "unknown option %s (see --help)", a);
#undef NEED_VALUE
        if (rc) return rc;
        i += used;
    }
    if ((o->screen || o->clock || o->out || o->texts) && o->action != CLI_PREVIEW)
        return mj_err(err, errlen, MJ_EINVAL, "--screen, --clock, --out and --texts belong to --preview FILE");
    return MJ_OK;
}

int cli_open_store(const config *cfg, store **out, char *err, size_t errlen)
{
    char path[1100];
    int rc = config_store_path(cfg, path, sizeof path, err, errlen);
    if (rc) return rc;
    store *s;
    if ((rc = store_rescue_open(path, &s, err, errlen))) return rc;
    if (!store_has_content(s)) {
        /* A new kiosk shows the demo content until real content is imported or synced. */
        char demo[1100];
        import_summary sum;
        if (mj_path_join(demo, sizeof demo, cfg->assets_dir, "demo/bundle.json")) {
            store_close(s);
            return mj_err(err, errlen, MJ_EINVAL, "assets path too long");
        }
        if ((rc = import_file(s, demo, &sum, err, errlen))) {
            store_close(s);
            return rc;
        }
    }
    *out = s;
    return MJ_OK;
}

int cli_run_command(const cli_opts *o, const config *cfg)
{
    char err[MJ_ERRLEN];
    switch (o->action) {
    case CLI_HELP: cli_usage(); return 0;
    case CLI_VERSION: printf("majakka-kiosk %s\n", MAJAKKA_VERSION); return 0;
    case CLI_CHECK: {
        bundle b;
        if (bundle_load(o->file, &b, err, sizeof err)) { fprintf(stderr, "%s: %s\n", o->file, err); return 1; }
        printf("%s: valid, content version %s\n", o->file, b.content_version);
        bundle_free(&b);
        return 0;
    }
    case CLI_SEAL:
        if (bundle_seal(o->file, err, sizeof err)) { fprintf(stderr, "%s: %s\n", o->file, err); return 1; }
        printf("%s: sealed\n", o->file);
        return 0;
    case CLI_IMPORT: {
        char path[1100];
        store *s;
        import_summary sum;
        if (config_store_path(cfg, path, sizeof path, err, sizeof err) || store_open(path, &s, err, sizeof err)) {
            fprintf(stderr, "majakka-kiosk: %s\n", err);
            return 1;
        }
        int rc = import_file(s, o->file, &sum, err, sizeof err);
        store_close(s);
        if (rc) { fprintf(stderr, "%s: %s\n", o->file, err); return 1; }
        char line[256];
        import_summary_line(&sum, line, sizeof line);
        printf("%s\n", line);
        return 0;
    }
    case CLI_SET_PIN:
        if (pin_set_from(stdin, o->config_path, stdout, err, sizeof err)) {
            fprintf(stderr, "majakka-kiosk: %s\n", err);
            return 1;
        }
        return 0;
    case CLI_PREVIEW: {
        preview_opts po = { o->file, o->screen, o->clock, o->out, o->texts };
        if (preview_run(cfg, &po, err, sizeof err)) { fprintf(stderr, "majakka-kiosk: --preview %s: %s\n", o->file, err); return 1; }
        return 0;
    }
    case CLI_RUN:
        break;
    }
    return 2;
}
