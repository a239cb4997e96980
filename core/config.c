/* config.c - see config.h. The key table below is the single list of settings: the INI reader,
 * the command-line flags and docs/configuration.md all follow it. */
#include "config.h"
#include "util.h"
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum kind { K_STR, K_INT, K_BOOL, K_DOUBLE, K_LANG };

typedef struct key {
    const char *section, *name;
    enum kind kind;
    size_t offset, size;    /* where in struct config, and the buffer size for strings */
    long min, max;          /* range for ints (and doubles, as whole numbers) */
} key;

#define STR(sec, nm, field) { sec, nm, K_STR, offsetof(config, field), sizeof(((config *)0)->field), 0, 0 }
#define INT(sec, nm, field, lo, hi) { sec, nm, K_INT, offsetof(config, field), sizeof(int), lo, hi }
#define BOOL(sec, nm, field) { sec, nm, K_BOOL, offsetof(config, field), sizeof(int), 0, 1 }

static const key keys[] = {
    STR("kiosk", "data_dir", data_dir),
    STR("kiosk", "assets_dir", assets_dir),
    BOOL("kiosk", "fullscreen", fullscreen),
    INT("kiosk", "width", width, 320, 7680),
    INT("kiosk", "height", height, 240, 4320),
    BOOL("kiosk", "portrait", portrait),
    INT("kiosk", "idle_timeout", idle_timeout_s, 10, 3600),
    INT("kiosk", "idle_countdown", idle_countdown_s, 3, 120),
    { "kiosk", "language", K_LANG, offsetof(config, language), sizeof(((config *)0)->language), 0, 0 },
    BOOL("kiosk", "large_text", large_text),
    BOOL("kiosk", "high_contrast", high_contrast),
    { "kiosk", "dpi", K_DOUBLE, offsetof(config, dpi), sizeof(double), 0, 1000 },
    INT("feedback", "round_minutes", feedback_round_minutes, 1, 1440),
    INT("feedback", "suspect_seconds", feedback_suspect_s, 0, 600),
    INT("feedback", "burst_per_minute", feedback_burst_per_min, 1, 600),
    INT("feedback", "comment_max_chars", comment_max_chars, 0, 2000),
    STR("staff", "pin_hash", staff_pin_hash),
    INT("staff", "idle_timeout", staff_idle_s, 10, 3600),
    STR("printer", "device", printer),
    INT("printer", "dots", printer_dots, 384, 576),
    STR("sync", "hub_url", hub_url),
    STR("sync", "ca_file", ca_file),
    STR("sync", "pin_pubkey", pin_pubkey),
    INT("sync", "interval", sync_interval_s, 10, 86400),
};

void config_defaults(config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/majakka", xdg);
    else if (home && home[0] == '/')
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/.local/share/majakka", home);
    else
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "/var/lib/majakka");
    snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s",
             access(MAJAKKA_SOURCE_ASSETS "/demo", R_OK) == 0 ? MAJAKKA_SOURCE_ASSETS : MAJAKKA_INSTALLED_ASSETS);
    cfg->width = 1280;
    cfg->height = 800;
    cfg->idle_timeout_s = 60;
    cfg->idle_countdown_s = 10;
    cfg->feedback_round_minutes = 60;
    cfg->feedback_suspect_s = 3;
    cfg->feedback_burst_per_min = 20;
    cfg->comment_max_chars = 300;
    cfg->staff_idle_s = 120;
    snprintf(cfg->printer, sizeof cfg->printer, "none");
    cfg->printer_dots = 576;
    cfg->sync_interval_s = 300;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi) return -1;
    *out = n;
    return 0;
}

int config_set(config *cfg, const char *section, const char *name, const char *value, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const key *k = &keys[i];
        if (strcmp(k->section, section) || strcmp(k->name, name)) continue;
        char *field = (char *)cfg + k->offset;
        if (!mj_utf8_valid(value, strlen(value)))
            return mj_err(err, errlen, MJ_EINVAL, "%s.%s: not valid UTF-8", section, name);
        switch (k->kind) {
        case K_STR:
            if (strlen(value) >= k->size)
                return mj_err(err, errlen, MJ_EINVAL, "%s.%s: longer than %zu bytes", section, name, k->size - 1);
            memcpy(field, value, strlen(value) + 1);
            return MJ_OK;
        case K_LANG: {
            size_t n = strlen(value);
            int ok = n < k->size;
            for (size_t j = 0; ok && j < n; j++)
                ok = islower((unsigned char)value[j]) || value[j] == '-' || isdigit((unsigned char)value[j]);
            if (!ok || (n && (n < 2 || !islower((unsigned char)value[0]))))
                return mj_err(err, errlen, MJ_EINVAL, "%s.%s: \"%s\" is not a language code", section, name, value);
            memcpy(field, value, n + 1);
            return MJ_OK;
        }
        case K_INT: {
            long n;
            if (parse_int(value, k->min, k->max, &n))
                return mj_err(err, errlen, MJ_EINVAL, "%s.%s: \"%s\" is not a whole number from %ld to %ld",
                              section, name, value, k->min, k->max);
            *(int *)field = (int)n;
            return MJ_OK;
        }
        case K_BOOL:
            if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") || !strcmp(value, "1") || !strcasecmp(value, "on"))
                *(int *)field = 1;
            else if (!strcasecmp(value, "false") || !strcasecmp(value, "no") || !strcmp(value, "0") || !strcasecmp(value, "off"))
                *(int *)field = 0;
            else
                return mj_err(err, errlen, MJ_EINVAL, "%s.%s: \"%s\" is not true or false", section, name, value);
            return MJ_OK;
        case K_DOUBLE: {
            char *end;
            errno = 0;
            double d = strtod(value, &end);
            if (errno || end == value || *end || !(d >= k->min && d <= k->max))   /* NaN fails this too */
                return mj_err(err, errlen, MJ_EINVAL, "%s.%s: \"%s\" is not a number from %ld to %ld",
                              section, name, value, k->min, k->max);
            *(double *)field = d;
            return MJ_OK;
        }
        }
    }
    return mj_err(err, errlen, MJ_EINVAL, "%s.%s: unknown setting", section, name);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) *--e = 0;
    return s;
}

int config_load(config *cfg, const char *path, char *err, size_t errlen)
{
    char *text;
    size_t len;
    char why[MJ_ERRLEN];
    int rc = mj_read_file(path, 1 << 20, &text, &len, why, sizeof why);
    if (rc == MJ_EIO && errno == ENOENT) return mj_err(err, errlen, MJ_ENOTFOUND, "%s: no such file", path);
    if (rc) return mj_err(err, errlen, rc, "%s", why);
    if (strlen(text) != len) {
        free(text);
        return mj_err(err, errlen, MJ_EINVAL, "%s: contains a NUL byte", path);
    }
    /* Apply to a copy: a file with any bad line changes nothing. */
    config tmp = *cfg;
    char section[32] = "";
    int lineno = 0;
    rc = MJ_OK;
    for (char *line = text, *next; line && !rc; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';') continue;
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (!e || e[1] || e - s - 1 <= 0 || (size_t)(e - s) > sizeof section) {
                rc = mj_err(err, errlen, MJ_EINVAL, "%s:%d: malformed section header", path, lineno);
                break;
            }
            *e = 0;
            snprintf(section, sizeof section, "%s", s + 1);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = mj_err(err, errlen, MJ_EINVAL, "%s:%d: expected key = value", path, lineno);
            break;
        }
        *eq = 0;
        char *k = trim(s), *v = trim(eq + 1);
        size_t vl = strlen(v);
        if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') { v[vl - 1] = 0; v++; }
        if (!section[0]) {
            rc = mj_err(err, errlen, MJ_EINVAL, "%s:%d: \"%s\" is outside any [section]", path, lineno, k);
            break;
        }
        if (config_set(&tmp, section, k, v, why, sizeof why))
            rc = mj_err(err, errlen, MJ_EINVAL, "%s:%d: %s", path, lineno, why);
    }
    free(text);
    if (!rc) *cfg = tmp;
    return rc;
}

int config_store_path(const config *cfg, char *out, size_t outlen, char *err, size_t errlen)
{
    int rc = mj_mkdirs(cfg->data_dir, 0700, err, errlen);
    if (rc) return rc;
    if (mj_path_join(out, outlen, cfg->data_dir, "majakka.db"))
        return mj_err(err, errlen, MJ_EINVAL, "%s: path too long", cfg->data_dir);
    return MJ_OK;
}
