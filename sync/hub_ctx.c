/* hub_ctx.c - see hub_ctx.h. */
#include "hub_ctx.h"
#include "i18n.h"
#include "util.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The .po texts, built into the program from assets/po/hub (hub_po_data.c is generated). */
extern const char *const hub_po_data[][2];
extern const int hub_po_count;

static pthread_once_t po_once = PTHREAD_ONCE_INIT;
static i18n *po;

static void po_load(void)
{
    char err[MJ_ERRLEN];
    i18n *t = i18n_new();
    if (!t) return;
    for (int i = 0; i < hub_po_count; i++)
        if (i18n_load_po(t, hub_po_data[i][0], hub_po_data[i][1], err, sizeof err))
            fprintf(stderr, "hub: translations: %s\n", err);
    po = t;
}

const char *hub_t_lang(const char *lang, const char *msgid)
{
    pthread_once(&po_once, po_load);
    if (!po) return msgid;
    const char *s = i18n_get_in(po, hub_lang_ok(lang) ? lang : "en", msgid);
    if (!s) s = i18n_get_in(po, "en", msgid);
    return s ? s : msgid;
}

const char *hub_t(const hub_ctx *c, const char *msgid)
{
    return hub_t_lang(c && c->lang[0] ? c->lang : "en", msgid);
}

void hub_tfv(char *out, size_t outlen, const char *text, va_list ap)
{
    const char *args[9];
    int n = 0;
    for (const char *a; n < 9 && (a = va_arg(ap, const char *));) args[n++] = a;
    i18n_format(out, outlen, text, args, n);
}

void hub_tf_lang(const char *lang, char *out, size_t outlen, const char *msgid, ...)
{
    va_list ap;
    va_start(ap, msgid);
    hub_tfv(out, outlen, hub_t_lang(lang, msgid), ap);
    va_end(ap);
}

void hub_tf(const hub_ctx *c, char *out, size_t outlen, const char *msgid, ...)
{
    va_list ap;
    va_start(ap, msgid);
    hub_tfv(out, outlen, hub_t(c, msgid), ap);
    va_end(ap);
}

int hub_lang_ok(const char *l)
{
    return l && (strcmp(l, "fi") == 0 || strcmp(l, "sv") == 0 || strcmp(l, "en") == 0);
}

const char *hub_lang_pick(const char *al)
{
    static const char *const known[] = {"fi", "sv", "en"};
    const char *best = "fi";
    double bestq = 0;
    /* "sv-FI,sv;q=0.9,en;q=0.8": the highest q wins, the first of equal ones. */
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',') p++;
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        double q = 1;
        const char *semi = memchr(p, ';', n);
        if (semi) {
            const char *qs = strstr(semi, "q=");
            if (qs && qs < p + n) q = atof(qs + 2);
        }
        for (int i = 0; i < 3; i++)
            if (n >= 2 && strncasecmp(p, known[i], 2) == 0 && (n == 2 || p[2] == '-' || p[2] == ';' || p[2] == ' ') &&
                q > bestq) {
                best = known[i];
                bestq = q;
            }
        if (!end) break;
        p = end + 1;
    }
    return best;
}
