/* hub_diff.c - see hub_diff.h. */
#include "hub_diff.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const hub_diff_lists[] = {"site", "organizations", "locations", "categories", "services", "events",
                                      "feedback_questions", NULL};

static const char *id_of(const json_t *it) { return json_string_value(json_object_get(it, "id")); }

/* A plain value as text: strings as they are, numbers and booleans written out. */
static json_t *scalar_text(const json_t *v)
{
    char b[64];
    if (json_is_string(v)) return json_incref((json_t *)v);
    if (json_is_true(v)) return json_string("yes");
    if (json_is_false(v)) return json_string("no");
    if (json_is_integer(v)) { snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v)); return json_string(b); }
    if (json_is_real(v)) { snprintf(b, sizeof b, "%.15g", json_real_value(v)); return json_string(b); }
    return json_null();
}

static int all_scalars(const json_t *a)
{
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x) if (json_is_object(x) || json_is_array(x)) return 0;
    return 1;
}

/* Leaf paths of v into out (path -> text): objects by key, lists of objects by index, lists of
 * plain values as one text joined by ", ". */
static void flatten(const json_t *v, const char *path, json_t *out)
{
    char p[512];
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", k);
            flatten(x, p, out);
        }
    } else if (json_is_array(v) && !all_scalars(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            flatten(x, p, out);
        }
    } else if (json_is_array(v)) {
        size_t i, n = 0;
        json_t *x;
        char *s = NULL;
        json_array_foreach(v, i, x) {
            json_t *t = scalar_text(x);
            const char *ts = json_string_value(t);
            size_t add = ts ? strlen(ts) : 0;
            char *ns = realloc(s, n + add + 3);
            if (ns) {
                s = ns;
                n += (size_t)sprintf(s + n, "%s%s", i ? ", " : "", ts ? ts : "");
            }
            json_decref(t);
        }
        json_object_set_new(out, path, json_string(s ? s : ""));
        free(s);
    } else {
        json_object_set_new(out, path, scalar_text(v));
    }
}

/* The field changes between two versions of one item, in the new item's order, then removed. */
static json_t *field_changes(const json_t *a, const json_t *b)
{
    json_t *fa = json_object(), *fb = json_object(), *out = json_array();
    flatten(a, "", fa);
    flatten(b, "", fb);
    const char *k;
    json_t *v;
    json_object_foreach(fb, k, v) {
        json_t *o = json_object_get(fa, k);
        if (!o || !json_equal(o, v))
            json_array_append_new(out, json_pack("{s:s,s:O,s:O}", "field", k, "old", o ? o : json_null(), "new", v));
    }
    json_object_foreach(fa, k, v)
        if (!json_object_get(fb, k))
            json_array_append_new(out, json_pack("{s:s,s:O,s:n}", "field", k, "old", v, "new"));
    json_decref(fa);
    json_decref(fb);
    return out;
}

static json_t *entry(const char *list, const json_t *item, const char *change)
{
    json_t *name = json_object_get(item, "name");
    if (!name) name = json_object_get(item, "title");
    if (!name) name = json_object_get(item, "text");
    return json_pack("{s:s,s:s?,s:O?,s:s}", "list", list, "id", id_of(item), "name", name, "change", change);
}

/* A map from each id in arr to its index. */
static json_t *index_by_id(const json_t *arr)
{
    json_t *m = json_object();
    size_t i;
    json_t *it;
    json_array_foreach(arr, i, it) {
        const char *id = id_of(it);
        if (id && !json_object_get(m, id)) json_object_set_new(m, id, json_integer((json_int_t)i));
    }
    return m;
}

static size_t diff_list(const char *list, const json_t *a, const json_t *b, json_t *out)
{
    size_t n = 0, i;
    json_t *it, *ia = index_by_id(a), *ib = index_by_id(b);
    json_array_foreach(b, i, it) {
        json_t *pos = json_object_get(ia, id_of(it) ? id_of(it) : "");
        json_t *old = pos ? json_array_get(a, (size_t)json_integer_value(pos)) : NULL;
        if (old && json_equal(old, it)) continue;
        n++;
        if (!out) continue;
        json_t *e = entry(list, it, old ? "changed" : "added");
        if (old) json_object_set_new(e, "fields", field_changes(old, it));
        json_array_append_new(out, e);
    }
    json_array_foreach(a, i, it)
        if (!json_object_get(ib, id_of(it) ? id_of(it) : "")) {
            n++;
            if (out) json_array_append_new(out, entry(list, it, "removed"));
        }
    /* The same items in another order (lists are shown in their order). */
    size_t ka = 0, kb = 0;
    int moved = 0;
    while (ka < json_array_size(a) && kb < json_array_size(b) && !moved) {
        const char *x = id_of(json_array_get(a, ka)), *y = id_of(json_array_get(b, kb));
        if (x && !json_object_get(ib, x)) { ka++; continue; }
        if (y && !json_object_get(ia, y)) { kb++; continue; }
        moved = !x || !y || strcmp(x, y) != 0;
        ka++;
        kb++;
    }
    if (moved) {
        n++;
        if (out) json_array_append_new(out, json_pack("{s:s,s:s}", "list", list, "change", "order"));
    }
    json_decref(ia);
    json_decref(ib);
    return n;
}

static size_t run(const json_t *old, const json_t *new_, json_t *out)
{
    size_t n = 0;
    json_t *empty = json_array();
    for (const char *const *l = hub_diff_lists; *l; l++) {
        const json_t *a = old ? json_object_get(old, *l) : NULL, *b = json_object_get(new_, *l);
        if (strcmp(*l, "site") == 0) {
            if (a && b && json_equal(a, b)) continue;
            if (!a && !b) continue;
            n++;
            if (!out) continue;
            json_t *e = entry("site", b ? b : a, !a ? "added" : !b ? "removed" : "changed");
            if (a && b) json_object_set_new(e, "fields", field_changes(a, b));
            json_array_append_new(out, e);
            continue;
        }
        if (a && b && json_equal(a, b)) continue;
        n += diff_list(*l, a ? a : empty, b ? b : empty, out);
    }
    json_decref(empty);
    return n;
}

json_t *hub_diff(const json_t *old, const json_t *new_)
{
    json_t *out = json_array();
    if (out) run(old, new_, out);
    return out;
}

size_t hub_diff_count(const json_t *old, const json_t *new_) { return run(old, new_, NULL); }
