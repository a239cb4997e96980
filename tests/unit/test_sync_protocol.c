/* test_sync_protocol.c - the record, slip and heartbeat checks, body parsing, codes, backoff. */
#include "backoff.h"
#include "protocol.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>

static json_t *rec(const char *extra)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "{\"key\":\"abcdefgh-1\",\"visit_id\":\"v\",\"created\":\"2026-11-20T10:00\","
                              "\"context\":\"home\",\"language\":\"fi\",\"kind\":\"face\",\"face\":3%s}", extra);
    return json_loads(buf, 0, NULL);
}

static int check(const char *extra, char *err)
{
    json_t *r = rec(extra);
    if (!r) return 99;
    int rc = proto_record_check(r, err, MJ_ERRLEN);
    json_decref(r);
    return rc;
}

static void test_records(void)
{
    char err[MJ_ERRLEN];
    CHECK_INT(check("", err), MJ_OK);
    CHECK_INT(check(",\"suspect\":true", err), MJ_OK);
    CHECK_INT(check(",\"bogus\":1", err), MJ_EINVAL);
    CHECK_STR(err, "record: unknown key \"bogus\"");
    CHECK_INT(check(",\"suspect\":1", err), MJ_EINVAL);
    CHECK_STR(err, "record.suspect: must be true or false");
    json_t *r = rec("");
    json_object_set_new(r, "face", json_integer(5));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "record.face: must be an integer 1-4");
    json_object_set_new(r, "face", json_integer(1));
    json_object_set_new(r, "created", json_string("2026-13-01T10:00"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "record.created: \"2026-13-01T10:00\" is not a date-time");
    json_object_set_new(r, "created", json_string("2026-11-01T10:00:00+02:00"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
    json_object_set_new(r, "created", json_string("2026-11-01 10:00:00"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
    json_object_set_new(r, "created", json_string("2026-11-01T24:00"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    json_object_set_new(r, "key", json_string("3f1c9a0e-77b2-4c1e-9d1a-0b5e2c7f9a10"));
    json_object_set_new(r, "created", json_string("2026-11-01T10:00Z"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
    json_object_set_new(r, "key", json_string("-leading-dash"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    json_object_set_new(r, "key", json_string("short"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    json_object_set_new(r, "key", json_string("abcdefgh-1"));
    json_object_set_new(r, "context", json_string("a\tb"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "record.context: contains a control character");
    json_object_set_new(r, "context", json_string("home"));
    json_object_set_new(r, "kind", json_string("choice"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    json_object_set_new(r, "question_id", json_string("what-helped"));
    json_object_set_new(r, "question_version", json_integer(2));
    json_object_set_new(r, "options", json_string("[\"staff\"]"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
    json_object_set_new(r, "kind", json_string("comment"));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "record.comment: a comment answer needs a comment");
    /* 2000 Arabic letters (4000 bytes) are fine; 2001 characters are not. */
    char *c = malloc(8010), *p = c;
    for (int i = 0; i < 2000; i++) { *p++ = (char)0xd8; *p++ = (char)0xb4; }
    *p = 0;
    json_object_set_new(r, "comment", json_string(c));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_OK);
    strcat(c, "x");
    json_object_set_new(r, "comment", json_string(c));
    CHECK_INT(proto_record_check(r, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "record.comment: longer than 2000 characters");
    free(c);
    json_decref(r);
}

static void test_parse(void)
{
    char err[MJ_ERRLEN];
    json_t *j = NULL;
    CHECK_INT(proto_parse_object("{\"a\":1}", 7, &j, err, sizeof err), MJ_OK);
    json_decref(j);
    CHECK_INT(proto_parse_object("[1]", 3, &j, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "the body must be a JSON object");
    CHECK_INT(proto_parse_object("{\"a\":\"\xc3\x28\"}", 10, &j, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "body is not valid UTF-8");
    CHECK_INT(proto_parse_object("{\"a\":1,\"a\":2}", 13, &j, err, sizeof err), MJ_EINVAL);
    const char *deep = "{\"a\":[[[[[[[[[1]]]]]]]]]}";
    CHECK_INT(proto_parse_object(deep, strlen(deep), &j, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "JSON nested deeper than 8 levels");
    /* Brackets inside strings do not count. */
    const char *str = "{\"a\":\"[[[[[[[[[[[[\"}";
    CHECK_INT(proto_parse_object(str, strlen(str), &j, err, sizeof err), MJ_OK);
    json_decref(j);
    CHECK_INT(proto_parse_object("", 0, &j, err, sizeof err), MJ_EINVAL);
}

static void test_slips_heartbeat(void)
{
    char err[MJ_ERRLEN];
    json_t *s = json_pack("{s:s,s:s,s:i}", "day", "2026-11-20", "service_id", "neuvola", "count", 3);
    CHECK_INT(proto_slip_check(s, err, sizeof err), MJ_OK);
    json_object_set_new(s, "count", json_integer(-1));
    CHECK_INT(proto_slip_check(s, err, sizeof err), MJ_EINVAL);
    json_decref(s);
    json_t *hb = json_pack("{s:s,s:i,s:i,s:s,s:i}", "software_version", "0.1", "uptime_s", 5, "outbox_length", 0,
                           "printer_status", "ok", "free_disk_bytes", 10);
    CHECK_INT(proto_heartbeat_check(hb, err, sizeof err), MJ_OK);
    json_object_set_new(hb, "oldest_unsent", json_string("yesterday"));
    CHECK_INT(proto_heartbeat_check(hb, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "heartbeat.oldest_unsent: not a date-time");
    json_decref(hb);
}

static void test_codes_tokens(void)
{
    char code[PROTO_CODE_LEN + 1], norm[PROTO_CODE_LEN + 1], tok[PROTO_TOKEN_HEX + 1], h[65];
    proto_code_new(code);
    CHECK_INT(strlen(code), 14);
    CHECK_INT(proto_code_normalize(code, norm), MJ_OK);
    CHECK_STR(norm, code);
    CHECK_INT(proto_code_normalize("abcd efgh jkmn", norm), MJ_OK);
    CHECK_STR(norm, "ABCD-EFGH-JKMN");
    CHECK_INT(proto_code_normalize("ABCD-EFGH-JKM0", norm), MJ_EINVAL);   /* 0 is not in the alphabet */
    CHECK_INT(proto_code_normalize("ABCD-EFGH", norm), MJ_EINVAL);
    proto_token_new(tok);
    CHECK_INT(strlen(tok), 64);
    proto_secret_hash("abc", h);
    CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_backoff(void)
{
    backoff b = {.base_s = 5, .cap_s = 60, .floor_s = 1};
    /* rnd = max draws the ceiling: 5, 10, 20, 40, 60, 60 */
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 5);
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 10);
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 20);
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 40);
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 60);
    CHECK_INT(backoff_next(&b, -1, 0xFFFFFFFFu), 60);
    /* rnd = 0 draws 0, lifted to the floor: never a tight loop. */
    CHECK_INT(backoff_next(&b, -1, 0), 1);
    /* Half of the ceiling. */
    CHECK_INT(backoff_next(&b, -1, 0x80000000u), 30);
    /* Retry-After is a lower bound. */
    CHECK_INT(backoff_next(&b, 120, 0), 120);
    CHECK_INT(backoff_next(&b, 999999, 0), 86400);
    backoff_reset(&b);
    CHECK_INT(b.failures, 0);
    CHECK_INT(backoff_parse_retry_after("120", 0), 120);
    CHECK_INT(backoff_parse_retry_after(" 7\r\n", 0), 7);
    CHECK_INT(backoff_parse_retry_after("soon", 0), -1);
    CHECK_INT(backoff_parse_retry_after("-3", 0), -1);
    CHECK_INT(backoff_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 60), 60);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    RUN(test_records);
    RUN(test_parse);
    RUN(test_slips_heartbeat);
    RUN(test_codes_tokens);
    RUN(test_backoff);
    return TEST_DONE();
}
