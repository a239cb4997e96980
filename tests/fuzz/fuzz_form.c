/* fuzz_form.c - libFuzzer target for the hub's one form-body module (sync/hub_form.c), with
 * oracles. The input is a body, read both ways:
 *  - urlencoded: parsing refuses or accepts it the same with and without bad_name (a fault at
 *    one field is still a refusal); whatever is kept holds only fields within the bounds (names
 *    1..200 bytes, values at most 16384, all UTF-8, no CR LF left); the field named bad_name is
 *    among them; the single-field lookup (hub_form_value: the CSRF check) gives the same value as
 *    the full parse for csrf and for the first field; the parsed fields, encoded again, parse
 *    back to the same fields;
 *  - multipart/form-data with a fixed boundary: every part lies inside the body, has a name, and
 *    the lookup of "csrf" agrees with the parts.
 * A finding aborts. */
#include "hub_form.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void finding(const char *what, const char *detail)
{
    fprintf(stderr, "form oracle: %s\n  %s\n", what, detail ? detail : "");
    abort();
}

static void check_bounds(const hub_form *f)
{
    if (f->n > HUB_FORM_MAX_FIELDS) finding("more fields than the bound", NULL);
    for (size_t i = 0; i < f->n; i++) {
        const char *k = f->f[i].name, *v = f->f[i].value;
        size_t kl = strlen(k), vl = strlen(v);
        if (kl == 0 || kl > HUB_FORM_MAX_NAME || !mj_utf8_valid(k, kl)) finding("a name out of bounds", k);
        if (vl > HUB_FORM_MAX_VALUE || !mj_utf8_valid(v, vl)) finding("a value out of bounds", k);
        if (strstr(v, "\r\n")) finding("CR LF left in a value", k);
    }
}

static int same(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static char *encode(const hub_form *f, size_t *len)
{
    size_t cap = 1;
    for (size_t i = 0; i < f->n; i++) cap += 3 * (strlen(f->f[i].name) + strlen(f->f[i].value)) + 2;
    char *o = malloc(cap), *p = o;
    if (!o) return NULL;
    for (size_t i = 0; i < f->n; i++) {
        if (i) *p++ = '&';
        for (int part = 0; part < 2; part++) {
            for (const unsigned char *s = (const unsigned char *)(part ? f->f[i].value : f->f[i].name); *s; s++)
                p += sprintf(p, "%%%02X", *s);
            if (!part) *p++ = '=';
        }
    }
    *p = 0;
    *len = (size_t)(p - o);
    return o;
}

static void urlencoded(const char *body, size_t len)
{
    hub_form a, b;
    char *bad = NULL, err[MJ_ERRLEN];
    int ra = hub_form_parse(body, len, &a, NULL, err, sizeof err);
    int rb = hub_form_parse(body, len, &b, &bad, err, sizeof err);
    if ((ra == MJ_OK) != (rb == MJ_OK)) finding("bad_name changes whether the form is accepted", err);
    if (ra == MJ_OK && bad) finding("bad_name set on an accepted form", bad);
    if (ra == MJ_OK) {
        check_bounds(&a);
        if (a.n != b.n) finding("bad_name changes the fields", NULL);
        const char *names[2] = { "csrf", a.n ? a.f[0].name : "x" };
        for (int i = 0; i < 2; i++) {
            char *v = hub_form_value(NULL, body, len, names[i]);
            if (!same(v, hub_form_get(&a, names[i]))) finding("the single-field lookup disagrees with the parse", names[i]);
            free(v);
        }
        size_t el;
        char *again = encode(&a, &el);
        hub_form c;
        if (again && hub_form_parse(again, el, &c, NULL, err, sizeof err) == MJ_OK) {
            if (c.n != a.n) finding("the encoded form parses back to another number of fields", again);
            for (size_t i = 0; i < c.n; i++)
                if (strcmp(c.f[i].name, a.f[i].name) || strcmp(c.f[i].value, a.f[i].value))
                    finding("the encoded form parses back to other fields", a.f[i].name);
            hub_form_free(&c);
        } else if (again) finding("the encoded form is refused", err);
        free(again);
    } else if (bad) {
        check_bounds(&b);
        if (!hub_form_get(&b, bad)) finding("the field named by bad_name is not kept", bad);
    } else if (b.n) finding("a refused form kept fields", NULL);
    hub_form_free(&a);
    hub_form_free(&b);
    free(bad);
}

static void multipart(const char *body, size_t len)
{
    static const char *ct = "multipart/form-data; boundary=XyZ";
    hub_part parts[HUB_FORM_MAX_PARTS];
    int n = 0;
    if (hub_form_multipart(ct, body, len, parts, HUB_FORM_MAX_PARTS, &n) != MJ_OK) {
        char *v = hub_form_value(ct, body, len, "csrf");
        if (v) finding("a value from a refused multipart body", v);
        return;
    }
    const char *want = NULL;
    size_t wl = 0;
    for (int i = 0; i < n; i++) {
        const hub_part *p = &parts[i];
        if (p->data < body || p->len > len || p->data + p->len > body + len) finding("a part outside the body", p->name);
        if (!p->name[0] || strlen(p->name) >= sizeof p->name) finding("a part without a proper name", p->name);
        if (!want && strcmp(p->name, "csrf") == 0) { want = p->data; wl = p->len; }
    }
    char *v = hub_form_value(ct, body, len, "csrf");
    int usable = want && wl <= HUB_FORM_MAX_VALUE && !memchr(want, 0, wl) && mj_utf8_valid(want, wl);
    if (usable != (v != NULL) || (v && (strlen(v) != wl || memcmp(v, want, wl))))
        finding("the multipart lookup disagrees with the parts", v);
    free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = malloc(size + 1);
    if (!body) return 0;
    memcpy(body, data, size);
    body[size] = 0;
    urlencoded(body, size);
    multipart(body, size);
    free(body);
    return 0;
}
