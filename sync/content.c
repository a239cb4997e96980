/* content.c - see content.h. Until the foundation's importer is in the tree
 * (MAJAKKA_HAVE_IMPORT, set by sync/CMakeLists.txt), only the top level is checked and
 * content_apply refuses to run. */
#include "content.h"
#include "util.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#ifdef MAJAKKA_HAVE_IMPORT
#include "bundle.h"
#include "import.h"
#endif

int content_check(const char *data, size_t len, char cv[65], char *err, size_t errlen)
{
#ifdef MAJAKKA_HAVE_IMPORT
    bundle b;
    int rc = bundle_parse(data, len, NULL, 1, &b, err, errlen);
    if (rc) return rc;
    snprintf(cv, 65, "%s", b.content_version);
    bundle_free(&b);
    return MJ_OK;
#else
    json_error_t je;
    json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!j) return mj_err(err, errlen, MJ_EINVAL, "bundle: malformed JSON at line %d: %s", je.line, je.text);
    json_t *v = json_object_get(j, "content_version");
    int rc = MJ_OK;
    if (!json_is_integer(json_object_get(j, "format")) || json_integer_value(json_object_get(j, "format")) != 1)
        rc = mj_err(err, errlen, MJ_EINVAL, "format: must be 1");
    else if (!json_is_string(v) || json_string_length(v) < 1 || json_string_length(v) > 64)
        rc = mj_err(err, errlen, MJ_EINVAL, "content_version: must be a string of 1-64 characters");
    else if (!json_is_object(json_object_get(j, "content")))
        rc = mj_err(err, errlen, MJ_EINVAL, "content: must be an object");
    else
        snprintf(cv, 65, "%s", json_string_value(v));
    json_decref(j);
    return rc;
#endif
}

int content_apply(store *s, const char *data, size_t len, char cv[65], char *summary, size_t sumlen,
                  char *err, size_t errlen)
{
#ifdef MAJAKKA_HAVE_IMPORT
    bundle b;
    import_summary sum;
    int rc = bundle_parse(data, len, NULL, 1, &b, err, errlen);
    if (rc) return rc;
    snprintf(cv, 65, "%s", b.content_version);
    rc = import_bundle(s, &b, &sum, err, errlen);
    bundle_free(&b);
    if (!rc && summary) import_summary_line(&sum, summary, sumlen);
    return rc;
#else
    (void)s; (void)data; (void)len; (void)summary; (void)sumlen;
    cv[0] = 0;
    return mj_err(err, errlen, MJ_EINVAL, "this build has no content importer");
#endif
}
