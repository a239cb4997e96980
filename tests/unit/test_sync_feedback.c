/* test_sync_feedback.c - the kiosk's real feedback module (core/feedback.h) writes the outbox;
 * the agent's batch of it passes the hub's checks and lands in the hub store, with the CSV
 * showing exactly those answers. No network: the HTTP legs are covered by tests/e2e. */
#include "feedback.h"
#include "hub_report.h"
#include "hub_store.h"
#include "import.h"
#include "protocol.h"
#include "sync_agent.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

static char kpath[64], hpath[64];

static void rm_db(const char *p)
{
    char q[80];
    unlink(p);
    snprintf(q, sizeof q, "%s-wal", p); unlink(q);
    snprintf(q, sizeof q, "%s-shm", p); unlink(q);
}

static void test_outbox_to_hub(void)
{
    char err[MJ_ERRLEN], keys[3][33];
    store *st;
    config cfg;
    feedback_ctx fb;
    import_summary sum;
    config_defaults(&cfg);
    cfg.feedback_suspect_s = 0;
    CHECK_INT(store_open(kpath, &st, err, sizeof err), MJ_OK);
    CHECK_INT(import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err), MJ_OK);
    CHECK_INT(feedback_init(&fb, st, &cfg, err, sizeof err), MJ_OK);
    time_t t = 1795600000;   /* 2026-11-23 */
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 4, t, keys[0], err, sizeof err), MJ_OK);
    const char *opts[] = {"yes"};
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "found", 2, opts, 1, t + 5, keys[1], err, sizeof err), MJ_OK);
    int masked = 0;
    CHECK_INT(feedback_give_comment(&fb, "service:neuvola", "ar", "شكرا جزيلا، ä ö", t + 10, keys[2], &masked,
                                    err, sizeof err), MJ_OK);

    json_t *batch = NULL;
    int invalid = 0;
    CHECK_INT(sync_build_batch(st, 200, 1, &batch, &invalid, err, sizeof err), MJ_OK);
    CHECK_INT(invalid, 0);
    json_t *recs = json_object_get(batch, "records");
    CHECK_INT(json_array_size(recs), 3);
    size_t i;
    json_t *r;
    json_array_foreach(recs, i, r) {
        CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
        CHECK_STR(json_string_value(json_object_get(r, "key")), keys[i]);
    }
    CHECK_STR(json_string_value(json_object_get(json_array_get(recs, 1), "options")), "[\"yes\"]");

    hub_store *hs;
    hub_kiosk k = {"k-test", "tuulikyla", "Lobby"};
    hub_batch_result res;
    CHECK_INT(hub_store_open(hpath, &hs, err, sizeof err), MJ_OK);
    CHECK_INT(hub_batch_save(hs, &k, recs, json_object_get(batch, "slips"), &res, err, sizeof err), MJ_OK);
    CHECK_INT(res.stored, 3);
    CHECK_INT(hub_batch_save(hs, &k, recs, json_object_get(batch, "slips"), &res, err, sizeof err), MJ_OK);
    CHECK_INT(res.duplicates, 3);
    hub_filter f = {"tuulikyla", NULL, NULL, 1};
    char *csv;
    size_t len;
    CHECK_INT(hub_csv_export(hs, &f, &csv, &len, err, sizeof err), MJ_OK);
    for (int n = 0; n < 3; n++) CHECK(strstr(csv, keys[n]) != NULL);
    CHECK(strstr(csv, "شكرا جزيلا، ä ö") != NULL);
    CHECK(strstr(csv, ",service:neuvola,ar,comment,") != NULL);
    free(csv);
    json_t *summary;
    CHECK_INT(hub_report_summary(hs, &f, &summary, err, sizeof err), MJ_OK);
    json_t *q = json_array_get(json_object_get(summary, "questions"), 0);
    CHECK_STR(json_string_value(json_object_get(q, "id")), "found");
    CHECK_INT(json_integer_value(json_object_get(json_object_get(q, "options"), "yes")), 1);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(summary, "faces"), "4")), 1);
    json_decref(summary);
    json_decref(batch);
    hub_store_close(hs);
    store_close(st);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    snprintf(kpath, sizeof kpath, "/tmp/test_sync_feedback.k.%d.db", (int)getpid());
    snprintf(hpath, sizeof hpath, "/tmp/test_sync_feedback.h.%d.db", (int)getpid());
    RUN(test_outbox_to_hub);
    rm_db(kpath);
    rm_db(hpath);
    return TEST_DONE();
}
