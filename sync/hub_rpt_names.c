/* hub_rpt_names.c - hub_rpt_names (hub_rpt.h): the names of services, events, questions and
 * their options for a report, from the site's published bundle and then its older versions
 * (a question's older version may have had other options). */
#include "hub_rpt.h"
#include <stdlib.h>
#include <string.h>

#define MAX_VERSIONS 12

static const char *pick(json_t *text, const char *lang)
{
    const char *const order[] = {lang ? lang : "fi", "fi", "sv", "en"};
    for (int i = 0; i < 4; i++) {
        const char *s = json_string_value(json_object_get(text, order[i]));
        if (s && *s) return s;
    }
    const char *k;
    json_t *v;
    json_object_foreach(text, k, v)
        if (json_string_value(v)) return json_string_value(v);
    return NULL;
}

static void put(json_t *names, const char *prefix, const char *id, const char *suffix, json_t *text, const char *lang)
{
    const char *s = pick(text, lang);
    if (!id || !s) return;
    size_t n = strlen(prefix) + strlen(id) + strlen(suffix) + 1;
    char *k = malloc(n);
    if (!k) return;
    strcpy(k, prefix);
    strcat(k, id);
    strcat(k, suffix);
    if (!json_object_get(names, k)) json_object_set_new(names, k, json_string(s));
    free(k);
}

static void from_bundle(const char *data, size_t len, const char *lang, json_t *names)
{
    json_t *b = json_loadb(data, len, 0, NULL), *c = json_object_get(b, "content"), *v;
    if (!c) c = b;
    size_t i, j;
    json_array_foreach(json_object_get(c, "services"), i, v)
        put(names, "service:", json_string_value(json_object_get(v, "id")), "", json_object_get(v, "name"), lang);
    json_array_foreach(json_object_get(c, "events"), i, v)
        put(names, "event:", json_string_value(json_object_get(v, "id")), "", json_object_get(v, "title"), lang);
    json_array_foreach(json_object_get(c, "feedback_questions"), i, v) {
        const char *qid = json_string_value(json_object_get(v, "id"));
        if (!qid) continue;
        put(names, "q:", qid, "", json_object_get(v, "text"), lang);
        json_t *o;
        json_array_foreach(json_object_get(v, "options"), j, o) {
            const char *oid = json_string_value(json_object_get(o, "id"));
            if (!oid || strlen(qid) + strlen(oid) > 200) continue;
            char pre[210];
            strcpy(pre, "q:");
            strcat(pre, qid);
            strcat(pre, ":");
            put(names, pre, oid, "", json_object_get(o, "text"), lang);
        }
    }
    json_decref(b);
}

void hub_rpt_names(hub_store *hs, const char *site, const char *lang, json_t *names)
{
    char *data = NULL, etag[70];
    size_t len = 0;
    if (!site) return;
    if (!hub_bundle_get(hs, site, 0, NULL, &data, &len, etag, NULL, 0) && data) from_bundle(data, len, lang, names);
    free(data);
    hub_version vs[MAX_VERSIONS];
    int n = 0;
    if (hub_version_list(hs, site, vs, MAX_VERSIONS, &n, NULL, 0)) return;
    for (int i = 0; i < n; i++) {
        data = NULL;
        hub_version meta;
        if (!hub_version_get(hs, site, vs[i].version, &data, &len, &meta, NULL, 0) && data)
            from_bundle(data, len, lang, names);
        free(data);
    }
}
