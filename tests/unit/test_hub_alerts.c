/* test_hub_alerts.c - the fleet's alert rules (hub_alerts.c), the alert mail's text
 * (hub_mail.c), the QR code's SVG, and the store's fleet functions with the periodic check's
 * state and mail claims (hub_store_fleet.c, hub_watch.c) on either backend. */
#include "hub_alerts.h"
#include "hub_mail.h"
#include "hub_qr.h"
#include "hub_store.h"
#include "hub_store_backend.h"
#include "hub_test_db.h"
#include "hub_watch.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>

static json_t *hb(const char *printer, long long outbox, long long free_disk, const char *content_error)
{
    json_t *j = json_pack("{s:s,s:I,s:I,s:s,s:I}", "software_version", "0.1.0", "uptime_s", (json_int_t)5,
                          "outbox_length", (json_int_t)outbox, "printer_status", printer, "free_disk_bytes",
                          (json_int_t)free_disk);
    if (content_error) json_object_set_new(j, "content_error", json_string(content_error));
    return j;
}

static unsigned eval(hub_alert_in *in, hub_alert_out *out)
{
    hub_alerts_eval(in, out);
    return out->active;
}

#define NOW 1800000000LL
#define GB 1000000000LL

static void test_rules_healthy_and_unseen(void)
{
    json_t *h = hb("ok", 0, 5 * GB, NULL);
    hub_alert_out o;
    hub_alert_in in = {.now = NOW, .enrolled = NOW - 86400, .last_seen = NOW - 300, .health = h};
    CHECK_INT(eval(&in, &o), 0);
    in.last_seen = NOW - 3600;                                   /* exactly an hour: not yet */
    CHECK_INT(eval(&in, &o), 0);
    in.last_seen = NOW - 3601;
    CHECK_INT(eval(&in, &o), HUB_ALERT_UNSEEN);
    /* Never seen: counted from the enrollment. */
    hub_alert_in never = {.now = NOW, .enrolled = NOW - 600};
    CHECK_INT(eval(&never, &o), 0);
    never.enrolled = NOW - 7200;
    CHECK_INT(eval(&never, &o), HUB_ALERT_UNSEEN);
    /* Revoked: nothing, whatever the heartbeat said. */
    json_t *bad = hb("paper-end", 3, 1000, "boom");
    hub_alert_in rev = {.now = NOW, .enrolled = NOW - 86400, .last_seen = NOW - 99999, .health = bad, .revoked = 1};
    CHECK_INT(eval(&rev, &o), 0);
    json_decref(h);
    json_decref(bad);
}

static void test_rules_printer_bundle_disk(void)
{
    static const struct { const char *word; int alert; } words[] = {
        {"ok", 0}, {"paper-near-end", 0}, {"none", 0}, {"waiting", 0}, {"unknown", 0}, {"paper low", 0},
        {"paper-end", 1}, {"offline", 1}, {"cover-open", 1}, {"absent", 1}};
    hub_alert_out o;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        json_t *h = hb(words[i].word, 0, 5 * GB, NULL);
        hub_alert_in in = {.now = NOW, .last_seen = NOW - 10, .health = h};
        CHECK_INT(eval(&in, &o), words[i].alert ? HUB_ALERT_PRINTER : 0);
        json_decref(h);
    }
    json_t *h = hb("ok", 0, 5 * GB, "bundle rejected: services[2].name: missing");
    hub_alert_in in = {.now = NOW, .last_seen = NOW - 10, .health = h};
    CHECK_INT(eval(&in, &o), HUB_ALERT_BUNDLE);
    char d[256];
    hub_alert_detail(3, &in, d, sizeof d);
    CHECK_STR(d, "bundle rejected: services[2].name: missing");
    json_decref(h);
    h = hb("ok", 0, HUB_ALERT_DISK_MIN - 1, "");
    in.health = h;
    CHECK_INT(eval(&in, &o), HUB_ALERT_DISK);                  /* an empty content_error is no alert */
    hub_alert_detail(4, &in, d, sizeof d);
    CHECK_STR(d, "268 MB free");
    json_decref(h);
    h = hb("ok", 0, HUB_ALERT_DISK_MIN, NULL);
    in.health = h;
    CHECK_INT(eval(&in, &o), 0);
    json_decref(h);
    /* Everything at once, and a stale heartbeat keeps what it said. */
    h = hb("offline", 0, 1000, "x");
    in.health = h;
    in.last_seen = NOW - 7200;
    CHECK_INT(eval(&in, &o), HUB_ALERT_UNSEEN | HUB_ALERT_PRINTER | HUB_ALERT_BUNDLE | HUB_ALERT_DISK);
    json_decref(h);
}

/* The outbox rule follows heartbeats from check to check. */
static void test_rules_outbox(void)
{
    hub_alert_out o;
    hub_alert_in in = {.now = NOW, .last_seen = NOW - 3 * 3600};
    json_t *h = hb("ok", 4, 5 * GB, NULL);
    in.health = h;
    CHECK_INT(eval(&in, &o), HUB_ALERT_UNSEEN);                /* not tracking yet: starts now */
    CHECK_INT(o.outbox_since, NOW - 3 * 3600);
    CHECK_INT(o.outbox_len, 4);
    /* Later heartbeats, the outbox not shrinking: an alert after an hour of them. */
    long long since = o.outbox_since;
    json_decref(h);
    h = hb("ok", 9, 5 * GB, NULL);
    hub_alert_in in2 = {.now = NOW, .last_seen = since + 1800, .health = h, .outbox_since = since, .outbox_len = 4};
    in2.now = in2.last_seen + 10;
    CHECK_INT(eval(&in2, &o), 0);
    CHECK_INT(o.outbox_since, since);
    in2.last_seen = since + 3600;
    in2.now = in2.last_seen + 10;
    CHECK_INT(eval(&in2, &o), HUB_ALERT_OUTBOX);
    char d[256];
    hub_alert_detail(2, &in2, d, sizeof d);
    CHECK_STR(d, "9 answers waiting");
    /* It shrank: tracking starts again from this heartbeat, no alert. */
    json_decref(h);
    h = hb("ok", 3, 5 * GB, NULL);
    in2.health = h;
    in2.outbox_len = 9;
    CHECK_INT(eval(&in2, &o), 0);
    CHECK_INT(o.outbox_since, in2.last_seen);
    /* Empty: nothing tracked. */
    json_decref(h);
    h = hb("ok", 0, 5 * GB, NULL);
    in2.health = h;
    CHECK_INT(eval(&in2, &o), 0);
    CHECK_INT(o.outbox_since, 0);
    CHECK_INT(o.outbox_len, 0);
    json_decref(h);
}

static void test_parse_time(void)
{
    CHECK_INT(hub_alert_parse_time("2027-01-15T08:00:00Z"), NOW);
    CHECK_INT(hub_alert_parse_time("1970-01-01T00:01:00Z"), 60);
    CHECK_INT(hub_alert_parse_time("nope"), 0);
    CHECK_INT(hub_alert_parse_time(NULL), 0);
}

static char *header(const char *msg, const char *name)
{
    static char v[512];
    size_t nl = strlen(name);
    for (const char *p = msg; p && *p; p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL) {
        if (p[0] == '\r') break;                               /* end of headers */
        if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *e = strstr(p, "\r\n");
            snprintf(v, sizeof v, "%.*s", (int)(e - p - nl - 2), p + nl + 2);
            return v;
        }
    }
    return NULL;
}

static void test_mail_format(void)
{
    char err[MJ_ERRLEN], *msg;
    size_t len;
    json_t *h1 = hb("paper-end", 0, 5 * GB, NULL), *h2 = hb("ok", 0, 5 * GB, NULL);
    hub_mail_kiosk k[2] = {
        {"k-0011223344556677", "Aula (ääni)\r\nBcc: evil@example.com", HUB_ALERT_PRINTER, HUB_ALERT_PRINTER,
         {.now = NOW, .last_seen = NOW - 60, .health = h1}},
        {"k-8899aabbccddeeff", "Kirjasto", HUB_ALERT_UNSEEN | HUB_ALERT_PRINTER, HUB_ALERT_UNSEEN,
         {.now = NOW, .last_seen = NOW - 7200, .health = h2}},
    };
    CHECK_INT(hub_mail_format("hub@majakka.example", "coord@example.fi", "tuulikyla", "en", NULL, k, 2,
                              "https://hub.example/fleet?site=tuulikyla", NOW, &msg, &len, err, sizeof err), MJ_OK);
    CHECK_INT(strlen(msg), len);
    CHECK_STR(header(msg, "To"), "<coord@example.fi>");
    CHECK_STR(header(msg, "From"), "Majakka hub <hub@majakka.example>");
    CHECK_STR(header(msg, "Subject"), "Majakka: 2 kiosks at tuulikyla need attention");
    CHECK_STR(header(msg, "Content-Type"), "text/plain; charset=utf-8");
    CHECK_STR(header(msg, "Date"), "Fri, 15 Jan 2027 08:00:00 +0000");
    CHECK(header(msg, "Bcc") == NULL);                         /* the name cannot add a header */
    const char *body = strstr(msg, "\r\n\r\n");
    CHECK(body != NULL);
    CHECK(strstr(body, "Aula (ääni)  Bcc: evil@example.com (k-0011223344556677)\r\n") != NULL);
    CHECK(strstr(body, "  - Printer out of paper or offline (new): printer: paper-end\r\n") != NULL);
    CHECK(strstr(body, "Kirjasto (k-8899aabbccddeeff)\r\n  - Not seen for an hour (new): last seen 2027-01-15 08:00\r\n"
                       "  - Printer out of paper or offline: printer: ok\r\n") != NULL);
    CHECK(strstr(body, "The fleet page: https://hub.example/fleet?site=tuulikyla\r\n") != NULL);
    /* Every line ends in CRLF, no bare LF or CR, none longer than 998. */
    for (size_t i = 0, col = 0; i < len; i++, col++) {
        if (msg[i] == '\n') { CHECK(i > 0 && msg[i - 1] == '\r'); col = 0; }
        if (msg[i] == '\r') CHECK(msg[i + 1] == '\n');
        CHECK(col < 998);
    }
    free(msg);
    k[0].name = "Aula";
    CHECK_INT(hub_mail_format("hub@majakka.example", "coord@example.fi", "tuulikyla", "en", NULL, k, 1, NULL, NOW, &msg, &len,
                              err, sizeof err), MJ_OK);
    CHECK_STR(header(msg, "Subject"), "Majakka: a kiosk at tuulikyla needs attention");
    CHECK(strstr(msg, "fleet page:") == NULL);
    free(msg);
    /* In Finnish and Swedish: the texts of hub/fi.po and sv.po, the subject RFC 2047 encoded
     * (UTF-8, base64, no encoded word over 75 characters), times in Helsinki time. */
    k[1].name = "Kirjasto";
    CHECK_INT(hub_mail_format("hub@majakka.example", "coord@example.fi", "tuulikyla", "fi", "Europe/Helsinki", k, 2, NULL,
                              NOW, &msg, &len, err, sizeof err), MJ_OK);
    CHECK_STR(header(msg, "Subject"), "Majakka: toimipisteen tuulikyla kioskeista 2 vaatii huomiota");   /* ASCII: as it is */
    CHECK(strstr(msg, "\r\nToimipisteen tuulikyla kioskeista 2 vaatii huomiota.\r\n") != NULL);
    CHECK(strstr(msg, "  - Ei yhteyttä tuntiin (uusi): viimeksi yhteydessä 15.1.2027 klo 8.00\r\n") != NULL);
    CHECK(strstr(msg, "  - Tulostimesta loppui paperi tai se ei ole käytettävissä (uusi): tulostin: paper-end\r\n") != NULL);
    CHECK(strstr(msg, "Not seen") == NULL && strstr(msg, "attention") == NULL);
    free(msg);
    CHECK_INT(hub_mail_format("hub@majakka.example", "coord@example.fi", "tuulikyla", "sv", NULL, k, 1, NULL, NOW, &msg, &len,
                              err, sizeof err), MJ_OK);
    const char *subj = strstr(msg, "\r\nSubject: ");
    CHECK(subj != NULL);
    char dec[400] = "";
    size_t dl = 0;
    for (const char *w = subj ? strstr(subj, "=?UTF-8?B?") : NULL; w && w < strstr(subj + 2, "\r\nMessage-ID"); w = strstr(w + 1, "=?UTF-8?B?")) {
        const char *e = strstr(w + 10, "?=");
        CHECK(e != NULL && e - w + 2 <= 75);
        size_t got = 0;
        if (!e || sodium_base642bin((unsigned char *)dec + dl, sizeof dec - dl - 1, w + 10, (size_t)(e - w - 10), NULL, &got, NULL,
                                    sodium_base64_VARIANT_ORIGINAL)) break;
        dl += got;
    }
    dec[dl] = 0;
    CHECK_STR(dec, "Majakka: en kiosk på tuulikyla behöver åtgärdas");
    CHECK(strstr(msg, "  - Skrivaren har slut på papper eller är inte tillgänglig (ny): skrivare: paper-end\r\n") != NULL);
    free(msg);
    /* The site's language: its default language, else the first one the hub has, else Finnish. */
    json_t *c1 = json_pack("{s:{s:s,s:[s,s]}}", "site", "default_language", "sv", "languages", "fi", "sv");
    json_t *c2 = json_pack("{s:{s:s,s:[s,s]}}", "site", "default_language", "ar", "languages", "ar", "en");
    CHECK_STR(hub_mail_lang(c1), "sv");
    CHECK_STR(hub_mail_lang(c2), "en");
    CHECK_STR(hub_mail_lang(NULL), "fi");
    json_decref(c1);
    json_decref(c2);
    /* Bad addresses, site or link: refused, nothing made. */
    CHECK_INT(hub_mail_format("hub@majakka.example", "a@b.fi\r\nBcc: x@y.fi", "tuulikyla", "en", NULL, k, 1, NULL, NOW, &msg, &len,
                              err, sizeof err), MJ_EINVAL);
    CHECK(msg == NULL);
    CHECK_INT(hub_mail_format("hub@majakka.example", "a@b.fi", "Tuuli Kylä", "en", NULL, k, 1, NULL, NOW, &msg, &len, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_mail_format("hub@majakka.example", "a@b.fi", "t", "en", NULL, k, 1, "javascript:x", NOW, &msg, &len, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_mail_format("hub@majakka.example", "a@b.fi", "t", "en", NULL, k, 0, NULL, NOW, &msg, &len, err, sizeof err), MJ_EINVAL);
    json_decref(h1);
    json_decref(h2);
}

static void test_email_and_names(void)
{
    CHECK(hub_email_ok("coord@example.fi"));
    CHECK(hub_email_ok("perhekeskus.tuulikyla+alerts@hyvinvointialue.fi"));
    static const char *const bad[] = {"", "a", "@example.fi", "a@", "a@b", "a@@b.fi", "a b@c.fi", "a@b.fi\r\n",
                                      "<a@b.fi>", "a@b.fi,c@d.fi", "\"a\"@b.fi", "a@.fi", "a@b.", "ä@b.fi"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hub_email_ok(bad[i])) { fprintf(stderr, "accepted \"%s\"\n", bad[i]); CHECK(0); }
    CHECK(hub_kiosk_name_ok("Aula (lobby)"));
    CHECK(hub_kiosk_name_ok("Äitiysneuvola — odotustila"));
    CHECK(!hub_kiosk_name_ok(""));
    CHECK(!hub_kiosk_name_ok("a\nb"));
    CHECK(!hub_kiosk_name_ok("\xff"));
    char long_name[200];
    memset(long_name, 'x', 129);
    long_name[129] = 0;
    CHECK(!hub_kiosk_name_ok(long_name));
    long_name[128] = 0;
    CHECK(hub_kiosk_name_ok(long_name));
}

static void test_qr_svg(void)
{
    char *svg, err[MJ_ERRLEN];
    CHECK_INT(hub_qr_svg("ABCD-EFGH-JKMN", 240, "QR \"code\" <x>", &svg, err, sizeof err), MJ_OK);
    CHECK(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    CHECK(strstr(svg, "aria-label=\"QR &quot;code&quot; &lt;x&gt;\"") != NULL);
    CHECK(strstr(svg, "viewBox=\"0 0 29 29\"") != NULL);      /* version 1 (21 modules) + quiet zone */
    CHECK(strstr(svg, "<script") == NULL);
    CHECK(strcmp(svg + strlen(svg) - 6, "</svg>") == 0);
    free(svg);
    CHECK_INT(hub_qr_svg("", 240, "x", &svg, err, sizeof err), MJ_EINVAL);
}

/* The store's fleet functions and the check's state and claims, without mail. */
static void test_store_fleet(void)
{
    char where[400], err[MJ_ERRLEN], code[16], token[65], email[255];
    hub_store *hs;
    hub_kiosk k, g;
    int revoked = -1;
    if (hub_test_db(where, sizeof where, "test_hub_alerts")) { CHECK(0); return; }
    CHECK_INT(hub_store_open(where, &hs, err, sizeof err), MJ_OK);
    CHECK_INT(hub_store_schema_version(hs), HUB_SCHEMA_VERSION);
    CHECK_INT(hub_enroll_new(hs, "tuulikyla", "Aula", 3600, code, err, sizeof err), MJ_OK);
    CHECK_INT(hub_enroll_new(hs, "tuulikyla", "bad\nname", 3600, code + 0, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_enroll_new(hs, "tuulikyla", "Aula", 3600, code, err, sizeof err), MJ_OK);
    CHECK_INT(hub_enroll_redeem(hs, code, &k, token, err, sizeof err), MJ_OK);
    CHECK_INT(hub_kiosk_get(hs, k.id, &g, &revoked, err, sizeof err), MJ_OK);
    CHECK_STR(g.name, "Aula");
    CHECK_INT(revoked, 0);
    CHECK_INT(hub_kiosk_get(hs, "k-nope", &g, &revoked, err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(hub_kiosk_rename(hs, k.id, "Aula (ala-aula)", err, sizeof err), MJ_OK);
    CHECK_INT(hub_kiosk_rename(hs, k.id, "", err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_kiosk_rename(hs, k.id, "x\ty", err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_kiosk_rename(hs, "k-nope", "x", err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(hub_kiosk_move(hs, k.id, "Not An Id", err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_kiosk_move(hs, k.id, "kirjasto", err, sizeof err), MJ_OK);
    CHECK_INT(hub_kiosk_auth(hs, token, &g), MJ_OK);          /* the token keeps working, at the new site */
    CHECK_STR(g.site, "kirjasto");
    CHECK_STR(g.name, "Aula (ala-aula)");
    /* Alert address. */
    CHECK_INT(hub_site_alert_email(hs, "kirjasto", email, err, sizeof err), MJ_OK);
    CHECK_STR(email, "");
    CHECK_INT(hub_site_set_alert_email(hs, "kirjasto", "not an address", err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_site_set_alert_email(hs, "kirjasto", "coord@example.fi", err, sizeof err), MJ_OK);
    CHECK_INT(hub_site_alert_email(hs, "kirjasto", email, err, sizeof err), MJ_OK);
    CHECK_STR(email, "coord@example.fi");
    /* A heartbeat with the printer out of paper; the check (no mail configured) stores the state. */
    json_t *h = hb("paper-end", 0, 5 * GB, NULL);
    CHECK_INT(hub_heartbeat_save(hs, &k, h, err, sizeof err), MJ_OK);
    json_decref(h);
    hub_watch_cfg wc = {.interval_s = 60, .quiet = 1};
    hub_watch_stats st;
    CHECK_INT(hub_watch_check(hs, &wc, &st, err, sizeof err), MJ_OK);
    CHECK_INT(st.kiosks, 1);
    CHECK_INT(st.alerting, 1);
    CHECK_INT(st.mails_sent, 0);
    hub_fleet_row *rows;
    size_t n;
    CHECK_INT(hub_fleet_read(hs, NOW, "kirjasto", &rows, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(rows[0].has_state, 1);
        CHECK_INT(rows[0].stored_active, HUB_ALERT_PRINTER);
        CHECK_INT(rows[0].mailed, 0);
        CHECK_STR(rows[0].email, "coord@example.fi");
    }
    hub_fleet_free(rows, n);
    CHECK_INT(hub_fleet_read(hs, NOW, "tuulikyla", &rows, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 0);
    hub_fleet_free(rows, n);
    /* The claim is once: the second caller (another hub process) gets nothing. */
    int c1 = -1, c2 = -1;
    CHECK_INT(hub_alert_claim(hs, k.id, 0, HUB_ALERT_PRINTER, &c1, err, sizeof err), MJ_OK);
    CHECK_INT(hub_alert_claim(hs, k.id, 0, HUB_ALERT_PRINTER, &c2, err, sizeof err), MJ_OK);
    CHECK_INT(c1, 1);
    CHECK_INT(c2, 0);
    /* The alert clears: mailed forgets it, so a new occurrence is mailed again. */
    CHECK_INT(hub_alert_state_put(hs, k.id, 0, 0, 0, err, sizeof err), MJ_OK);
    CHECK_INT(hub_fleet_read(hs, NOW, NULL, &rows, &n, err, sizeof err), MJ_OK);
    if (n == 1) CHECK_INT(rows[0].mailed, 0);
    hub_fleet_free(rows, n);
    /* Revoked kiosks have no alerts. */
    CHECK_INT(hub_kiosk_revoke(hs, k.id, err, sizeof err), MJ_OK);
    CHECK_INT(hub_kiosk_rename(hs, k.id, "x", err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(hub_kiosk_move(hs, k.id, "tuulikyla", err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(hub_kiosk_get(hs, k.id, &g, &revoked, err, sizeof err), MJ_OK);
    CHECK_INT(revoked, 1);
    CHECK_INT(hub_watch_check(hs, &wc, &st, err, sizeof err), MJ_OK);
    CHECK_INT(st.alerting, 0);
    hub_store_close(hs);
    hub_test_db_drop(where);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    RUN(test_rules_healthy_and_unseen);
    RUN(test_rules_printer_bundle_disk);
    RUN(test_rules_outbox);
    RUN(test_parse_time);
    RUN(test_email_and_names);
    RUN(test_mail_format);
    RUN(test_qr_svg);
    RUN(test_store_fleet);
    return TEST_DONE();
}
