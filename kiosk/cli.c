/* cli.c - see cli.h. */
#include "cli.h"
#include "bundle.h"
#include "import.h"
#include "log.h"
#include "pin.h"
#include "store.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <time.h>
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
        else if (!strcmp(a, "--script")) { NEED_VALUE(); o->script = v; }
        else if (!strcmp(a, "--screenshot-dir")) { NEED_VALUE(); o->screenshot_dir = v; }
        else return mj_err(err, errlen, MJ_EINVAL, "unknown option %s (see --help)", a);
#undef NEED_VALUE
        if (rc) return rc;
        i += used;
    }
    return MJ_OK;
}

/* 1 when path is a file SQLite cannot read as a database, or whose quick_check fails. */
static int store_file_corrupt(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int bad = 1;
    if (access(path, F_OK) != 0) return 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) { sqlite3_close(db); return 0; }
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        /* busy or locked (the sync agent writing) is not corruption */
        if (rc == SQLITE_ROW) bad = strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0;
        else bad = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
        sqlite3_finalize(st);
    } else {
        bad = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    }
    sqlite3_close(db);
    return bad;
}

/* Moves a corrupt store (and its -wal/-shm) aside as PATH.corrupt-YYYYmmddTHHMMSSZ. */
static int store_move_aside(const char *path, char *moved, size_t movedlen)
{
    char stamp[32], from[1200], to[1300];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
    snprintf(moved, movedlen, "%s.corrupt-%s", path, stamp);
    if (rename(path, moved) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        const char *sfx = i ? "-shm" : "-wal";
        snprintf(from, sizeof from, "%s%s", path, sfx);
        snprintf(to, sizeof to, "%s%s", moved, sfx);
        if (rename(from, to) != 0) unlink(from);
    }
    return 0;
}

/* Copies file from to file to (0600); 0 on success. */
static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = NULL;
    if (!in) return -1;
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) out = fdopen(fd, "wb");
    char buf[65536];
    size_t n;
    int rc = out ? 0 : -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    if (ferror(in)) rc = -1;
    fclose(in);
    if (out && fclose(out) != 0) rc = -1;
    if (!out && fd >= 0) close(fd);
    return rc;
}

/* The data disk mounted read-only: the kiosk shows the content from a copy of the store in
 * $TMPDIR (the unit's private /tmp). Answers given meanwhile live only in that copy. */
static int store_open_readonly_copy(const char *path, store **out, char *err, size_t errlen)
{
    char dir[1100], tmpdir[1200], copy[1300], wal[1200], copy_wal[1400];
    struct statvfs vfs;
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    if (access(path, R_OK) != 0 || statvfs(slash ? dir : ".", &vfs) != 0 || !(vfs.f_flag & ST_RDONLY)) return -1;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/majakka-ro-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(copy, sizeof copy, "%s/majakka.db", tmpdir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
    if (copy_file(path, copy) != 0 || (access(wal, R_OK) == 0 && copy_file(wal, copy_wal) != 0)) return -1;
    if (store_open(copy, out, err, errlen)) return -1;
    log_msg(LOG_P_ERR, "majakka-kiosk", "the data disk of %s is read-only: showing a copy (%s); answers given now are "
            "not kept after a restart", path, copy);
    return 0;
}

int cli_open_store(const config *cfg, store **out, char *err, size_t errlen)
{
    char path[1100];
    int rc = config_store_path(cfg, path, sizeof path, err, errlen);
    if (rc) return rc;
    store *s;
    if ((rc = store_open(path, &s, err, errlen))) {
        /* A corrupt store must not leave the lobby with a dark screen: keep it for staff (and
         * the logs), start again on the demo; the sync agent brings the real content back. */
        char moved[1200];   /* path (<1100) + ".corrupt-" + stamp */
        if (store_open_readonly_copy(path, &s, err, errlen) == 0) { *out = s; return MJ_OK; }
        if (!store_file_corrupt(path) || store_move_aside(path, moved, sizeof moved) != 0) return rc;
        log_msg(LOG_P_ERR, "majakka-kiosk", "the store %s is corrupt (%s): moved aside to %s, starting on the demo content",
                path, err, moved);
        if ((rc = store_open(path, &s, err, errlen))) return rc;
        char note[1300];
        snprintf(note, sizeof note, "corrupt store moved aside to %s", moved);
        store_meta_set(s, "store_recovered", note, err, errlen);
    }
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
    case CLI_RUN:
        break;
    }
    return 2;
}
