/* hub_import_cli.c - see hub_import_cli.h. */
#include "hub_import_cli.h"
#include "hub_import.h"
#include "protocol.h"
#include "util.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILES 64

static const char *optv(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc - 1; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return NULL;
}

/* The CSV tables of a datapackage folder: its datapackage.json's resources (relative paths
 * inside the folder), else every *.csv in it. */
static int read_package(const char *dir, imp_csv_file *files, char **bufs, size_t *n, char *err, size_t errlen)
{
    char path[4096], *dp = NULL;
    size_t dplen, total = 0;
    json_t *names = json_array();
    *n = 0;
    snprintf(path, sizeof path, "%s/datapackage.json", dir);
    if (mj_read_file(path, 1u << 20, &dp, &dplen, NULL, 0) == MJ_OK) {
        json_error_t je;
        json_t *pkg = json_loadb(dp, dplen, 0, &je), *res;
        size_t i;
        free(dp);
        json_array_foreach(json_object_get(pkg, "resources"), i, res) {
            const char *p = json_string_value(json_object_get(res, "path"));
            if (p && !strstr(p, "..") && p[0] != '/' && strlen(p) > 4 && !strcmp(p + strlen(p) - 4, ".csv"))
                json_array_append_new(names, json_string(p));
        }
        json_decref(pkg);
    }
    if (!json_array_size(names)) {
        DIR *d = opendir(dir);
        struct dirent *e;
        if (!d) { json_decref(names); return mj_err(err, errlen, MJ_EIO, "%s: cannot be read", dir); }
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l > 4 && !strcmp(e->d_name + l - 4, ".csv") && e->d_name[0] != '.') json_array_append_new(names, json_string(e->d_name));
        }
        closedir(d);
    }
    json_t *x;
    size_t i;
    int rc = MJ_OK;
    json_array_foreach(names, i, x) {
        if (*n >= MAX_FILES) break;
        const char *p = json_string_value(x);
        snprintf(path, sizeof path, "%s/%s", dir, p);
        size_t len;
        if ((rc = mj_read_file(path, IMP_MAX_BYTES, &bufs[*n], &len, err, errlen))) break;
        total += len;
        if (total > IMP_MAX_BYTES) { free(bufs[*n]); rc = mj_err(err, errlen, MJ_EINVAL, "the tables are more than %u bytes", IMP_MAX_BYTES); break; }
        const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
        char *table = strdup(base);
        table[strlen(table) - 4] = 0;
        files[*n].table = table;
        files[*n].text = bufs[*n];
        files[*n].len = len;
        (*n)++;
    }
    json_decref(names);
    if (!rc && !*n) rc = mj_err(err, errlen, MJ_EINVAL, "%s: no CSV tables", dir);
    return rc;
}

int hub_import_cli(hub_store *hs, int fmt, int argc, char **argv)
{
    char err[MJ_ERRLEN], line[400];
    const char *site = optv(argc, argv, "--site"), *url = optv(argc, argv, "--url"), *cat = optv(argc, argv, "--category");
    const char *mp = optv(argc, argv, "--max-pages"), *ts = optv(argc, argv, "--timeout-s");
    const char *paths[MAX_FILES];
    int np = 0;
    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "--", 2)) { i++; continue; }
        if (np < MAX_FILES) paths[np++] = argv[i];
    }
    if (!site || (!url && !np) || (url && np)) {
        fprintf(stderr, "usage: majakka-hub %s " HUB_IMPORT_CLI_USAGE "\n", argv[0]);
        return 2;
    }
    if (!proto_is_id(site)) { fprintf(stderr, "majakka-hub: site \"%s\" is not an id\n", site); return 2; }
    int max_pages = mp ? atoi(mp) : 100;
    long timeout = ts ? atol(ts) * 1000 : 30000;
    if (max_pages < 1 || max_pages > 1000 || timeout < 1000 || timeout > 600000) {
        fprintf(stderr, "majakka-hub: --max-pages is 1..1000, --timeout-s 1..600\n");
        return 2;
    }
    hub_import_in in = { fmt, NULL, 0, NULL, NULL, 0 };
    json_t *doc = NULL;
    imp_csv_file files[MAX_FILES];
    char *bufs[MAX_FILES];
    size_t nfiles = 0;
    char *ics = NULL;
    int rc = MJ_OK;
    struct stat st;
    if (url && fmt == HUB_IMPORT_ICS) {
        fprintf(stderr, "majakka-hub: %s takes a file\n", argv[0]);
        return 2;
    } else if (url) {
        rc = hub_import_fetch(url, fmt, max_pages, timeout, &doc, err, sizeof err);
    } else if (fmt == HUB_IMPORT_HSDS && np == 1 && stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode)) {
        in.fmt = HUB_IMPORT_HSDS_CSV;
        rc = read_package(paths[0], files, bufs, &nfiles, err, sizeof err);
        in.files = files;
        in.nfiles = nfiles;
    } else if (fmt == HUB_IMPORT_ICS) {
        if (np != 1) { fprintf(stderr, "majakka-hub: %s takes one file\n", argv[0]); return 2; }
        rc = mj_read_file(paths[0], IMP_MAX_BYTES, &ics, &in.len, err, sizeof err);
        in.text = ics;
    } else {
        /* one or more JSON files: one document, an array of them */
        size_t total = 0;
        doc = json_array();
        for (int i = 0; i < np && !rc; i++) {
            char *text;
            size_t len;
            json_error_t je;
            if ((rc = mj_read_file(paths[i], IMP_MAX_BYTES - total, &text, &len, err, sizeof err))) break;
            total += len;
            json_t *d = json_loadb(text, len, 0, &je);
            free(text);
            if (!d) { rc = mj_err(err, sizeof err, MJ_EINVAL, "%s: not JSON: %s (line %d)", paths[i], je.text, je.line); break; }
            json_array_append_new(doc, d);
        }
        if (!rc && np == 1) {   /* one file: read as written (a single object stays one) */
            json_t *only = json_incref(json_array_get(doc, 0));
            json_decref(doc);
            doc = only;
        }
    }
    hub_import_summary sum = { 0 };
    in.doc = doc;
    if (!rc) rc = hub_import_run(hs, site, "majakka-hub", &in, cat, &sum, err, sizeof err);
    json_t *x;
    size_t i;
    json_array_foreach(sum.report, i, x) printf("  %s\n", json_string_value(x));
    if (!rc) {
        hub_import_summary_line(in.fmt, &sum, line, sizeof line);
        printf("%s\n", line);
        printf("into the draft of %s (rev %lld): see what changes and publish in the editor\n", site, sum.rev);
    } else {
        fprintf(stderr, "majakka-hub: %s: %s\n", argv[0], err);
    }
    hub_import_summary_free(&sum);
    json_decref(doc);
    free(ics);
    for (size_t k = 0; k < nfiles; k++) { free(bufs[k]); free((char *)files[k].table); }
    return rc ? 1 : 0;
}
