/* i18n.c - see i18n.h. */
#include "i18n.h"
#include "util.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 16
#define MAX_CHAIN 10

typedef struct entry { char *id, *str; unsigned mask; } entry;
typedef struct lang { char code[16]; entry *e; size_t n, cap; } lang;

struct i18n {
    lang langs[MAX_LANGS];
    int nlangs;
    int chain[MAX_CHAIN];
    int nchain;
};

i18n *i18n_new(void) { return calloc(1, sizeof(i18n)); }

static unsigned placeholder_mask(const char *s)
{
    unsigned m = 0;
    for (; *s; s++)
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') m |= 1u << (s[1] - '0');
    return m;
}

static lang *find_lang(const i18n *t, const char *code)
{
    for (int i = 0; i < t->nlangs; i++)
        if (strcmp(t->langs[i].code, code) == 0) return (lang *)&t->langs[i];
    return NULL;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->id, ((const entry *)b)->id);
}

/* Reads a quoted string starting at p (at the opening quote), appending to buf. */
static const char *read_quoted(const char *p, char **buf, size_t *len, size_t *cap)
{
    if (*p != '"') return NULL;
    p++;
    while (*p && *p != '"' && *p != '\n') {
        char c = *p++;
        if (c == '\\') {
            char e = *p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == '"' ? '"' : e == '\\' ? '\\' : 0;
            if (!c) return NULL;
        }
        if (*len + 2 > *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            char *nb = realloc(*buf, nc);
            if (!nb) return NULL;
            *buf = nb;
            *cap = nc;
        }
        (*buf)[(*len)++] = c;
        (*buf)[*len] = 0;
    }
    return *p == '"' ? p + 1 : NULL;
}

static int line_has(const char *p, const char *eol, const char *word)
{
    size_t n = strlen(word);
    if (!eol) eol = p + strlen(p);
    for (; p + n <= eol; p++)
        if (memcmp(p, word, n) == 0) return 1;
    return 0;
}

static int add_entry(lang *l, char *id, char *str)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 128;
        entry *ne = realloc(l->e, nc * sizeof *ne);
        if (!ne) return -1;
        l->e = ne;
        l->cap = nc;
    }
    l->e[l->n++] = (entry){ id, str, placeholder_mask(str) };
    return 0;
}

int i18n_load_po(i18n *t, const char *code, const char *text, char *err, size_t errlen)
{
    lang *l = find_lang(t, code);
    if (!l) {
        if (t->nlangs == MAX_LANGS) return mj_err(err, errlen, MJ_EINVAL, "too many languages");
        l = &t->langs[t->nlangs++];
        memset(l, 0, sizeof *l);
        snprintf(l->code, sizeof l->code, "%s", code);
    }
    /* state: 0 none, 1 in msgid, 2 in msgstr, 3 in something we skip (msgctxt, plurals) */
    int state = 0, fuzzy = 0, next_fuzzy = 0, lineno = 0;
    char *id = NULL, *str = NULL;
    size_t idlen = 0, idcap = 0, slen = 0, scap = 0;
    int rc = MJ_OK;
    const char *p = text;
    for (;;) {
        const char *eol = strchr(p, '\n');
        lineno++;
        int end = (*p == 0);
        /* an entry ends at a blank line, a comment, a new msgid or the end of the file */
        int starts_new = end || *p == '\n' || *p == '#' || strncmp(p, "msgid ", 6) == 0 ||
                         strncmp(p, "msgctxt ", 8) == 0;
        if (starts_new && state == 2) {
            if (id && str && *id && *str && !fuzzy) {
                if (add_entry(l, id, str) < 0) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); break; }
                id = str = NULL;
                idcap = scap = 0;
            }
            free(id); free(str);
            id = str = NULL;
            idlen = idcap = slen = scap = 0;
            state = 0;
        }
        if (end) break;
        if (strncmp(p, "#,", 2) == 0 && line_has(p, eol, "fuzzy")) next_fuzzy = 1;
        else if (strncmp(p, "msgid ", 6) == 0) {
            free(id); id = NULL; idlen = idcap = 0;
            fuzzy = next_fuzzy;
            next_fuzzy = 0;
            state = 1;
            if (!read_quoted(p + 6, &id, &idlen, &idcap)) goto bad;
            if (!id) id = mj_strdup("");
        } else if (strncmp(p, "msgstr ", 7) == 0) {
            if (state != 1) goto bad;
            state = 2;
            free(str); str = NULL; slen = scap = 0;
            if (!read_quoted(p + 7, &str, &slen, &scap)) goto bad;
            if (!str) str = mj_strdup("");
        } else if (*p == '"') {
            if (state == 1) { if (!read_quoted(p, &id, &idlen, &idcap)) goto bad; }
            else if (state == 2) { if (!read_quoted(p, &str, &slen, &scap)) goto bad; }
        } else if (strncmp(p, "msgctxt", 7) == 0 || strncmp(p, "msgid_plural", 12) == 0 ||
                   strncmp(p, "msgstr[", 7) == 0) {
            state = 3;   /* contexts and plural forms are not used by Majakka */
        }
        if (!eol) { p += strlen(p); continue; }
        p = eol + 1;
        continue;
    bad:
        rc = mj_err(err, errlen, MJ_EINVAL, "%s.po:%d: malformed line", code, lineno);
        break;
    }
    free(id);
    free(str);
    if (l->n) qsort(l->e, l->n, sizeof *l->e, cmp_entry);
    return rc;
}

int i18n_open(const char *dir, i18n **out, char *err, size_t errlen)
{
    i18n *t = i18n_new();
    if (!t) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    DIR *d = opendir(dir);
    if (!d) { i18n_close(t); return mj_err(err, errlen, MJ_EIO, "%s: cannot open translations", dir); }
    struct dirent *de;
    int rc = MJ_OK;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 4 || n > 15 || strcmp(de->d_name + n - 3, ".po") != 0) continue;
        char code[16], path[2048];
        memcpy(code, de->d_name, n - 3);
        code[n - 3] = 0;
        char *text = NULL;
        size_t len;
        if (mj_path_join(path, sizeof path, dir, de->d_name) < 0) continue;
        if ((rc = mj_read_file(path, 1u << 20, &text, &len, err, errlen)) < 0) break;
        rc = i18n_load_po(t, code, text, err, errlen);
        free(text);
        if (rc < 0) break;
    }
    closedir(d);
    if (rc == MJ_OK && !find_lang(t, "en"))
        rc = mj_err(err, errlen, MJ_ENOTFOUND, "%s/en.po is missing", dir);
    if (rc < 0) { i18n_close(t); return rc; }
    i18n_set_chain(t, NULL, 0);
    *out = t;
    return MJ_OK;
}

void i18n_close(i18n *t)
{
    if (!t) return;
    for (int i = 0; i < t->nlangs; i++) {
        for (size_t k = 0; k < t->langs[i].n; k++) { free(t->langs[i].e[k].id); free(t->langs[i].e[k].str); }
        free(t->langs[i].e);
    }
    free(t);
}

void i18n_set_chain(i18n *t, const char *const *langs, int n)
{
    t->nchain = 0;
    for (int i = 0; i <= n && t->nchain < MAX_CHAIN; i++) {
        const char *code = i < n ? langs[i] : "en";
        lang *l = find_lang(t, code);
        if (!l) continue;
        int idx = (int)(l - t->langs), dup = 0;
        for (int k = 0; k < t->nchain; k++) dup |= t->chain[k] == idx;
        if (!dup) t->chain[t->nchain++] = idx;
    }
}

static const entry *lookup(const lang *l, const char *id)
{
    entry key = { (char *)id, NULL, 0 };
    return l->n ? bsearch(&key, l->e, l->n, sizeof *l->e, cmp_entry) : NULL;
}

const char *i18n_get_in(const i18n *t, const char *code, const char *id)
{
    const lang *l = find_lang(t, code), *en = find_lang(t, "en");
    if (!l || !en) return NULL;
    const entry *e = lookup(l, id), *ref = lookup(en, id);
    if (!e) return NULL;
    /* a translation may leave placeholders out, but not use one the English text does not
     * have (the program would have no value for it) */
    if (ref) {
        unsigned allowed = 0;
        for (unsigned b = 1; b <= ref->mask && b; b <<= 1) allowed |= b;
        if (e->mask & ~allowed) return NULL;
    }
    return e->str;
}

const char *i18n_get(const i18n *t, const char *id)
{
    for (int i = 0; i < t->nchain; i++) {
        const char *s = i18n_get_in(t, t->langs[t->chain[i]].code, id);
        if (s) return s;
    }
    return "";
}

int i18n_has_lang(const i18n *t, const char *code) { return find_lang(t, code) != NULL; }

int i18n_ids(const i18n *t, const char **ids, int max)
{
    const lang *en = find_lang(t, "en");
    if (!en) return 0;
    for (size_t i = 0; i < en->n && (int)i < max; i++) ids[i] = en->e[i].id;
    return (int)en->n;
}

void i18n_format(char *out, size_t outlen, const char *tpl, const char *const *args, int nargs)
{
    size_t o = 0;
    if (!outlen) return;
    for (const char *p = tpl; *p && o + 1 < outlen; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            int k = p[1] - '1';
            const char *a = (k < nargs && args[k]) ? args[k] : "";
            size_t n = strlen(a);
            if (n > outlen - 1 - o) n = outlen - 1 - o;
            memcpy(out + o, a, n);
            o += n;
            p += 2;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = 0;
}
