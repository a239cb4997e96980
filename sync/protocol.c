/* protocol.c - see protocol.h. */
#include "protocol.h"
#include "util.h"
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void to_hex(const unsigned char *b, size_t n, char *hex)
{
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = d[b[i] >> 4];
        hex[2 * i + 1] = d[b[i] & 15];
    }
    hex[2 * n] = 0;
}

void proto_token_new(char hex[PROTO_TOKEN_HEX + 1])
{
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    to_hex(b, sizeof b, hex);
    sodium_memzero(b, sizeof b);
}

void proto_secret_hash(const char *secret, char hex[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
    to_hex(h, sizeof h, hex);
}

/* 32 symbols: no 0/O, 1/I/L, so a code read off a screen is typed right. */
static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

void proto_code_new(char code[PROTO_CODE_LEN + 1])
{
    int j = 0;
    for (int i = 0; i < 12; i++) {
        if (i && i % 4 == 0) code[j++] = '-';
        code[j++] = code_alphabet[randombytes_uniform(sizeof code_alphabet - 1)];
    }
    code[j] = 0;
}

int proto_code_normalize(const char *in, char out[PROTO_CODE_LEN + 1])
{
    int n = 0, j = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '-' || *p == ' ') continue;
        char c = (char)toupper((unsigned char)*p);
        if (!c || !strchr(code_alphabet, c) || n == 12) return MJ_EINVAL;
        if (n && n % 4 == 0) out[j++] = '-';
        out[j++] = c;
        n++;
    }
    out[j] = 0;
    return n == 12 ? MJ_OK : MJ_EINVAL;
}

/* Nesting depth outside strings; jansson has its own limit, but ours is much lower. */
static int json_depth_ok(const char *s, size_t len, int max)
{
    int depth = 0, in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = 0;
        } else if (c == '"') in_str = 1;
        else if (c == '{' || c == '[') { if (++depth > max) return 0; }
        else if (c == '}' || c == ']') depth--;
    }
    return 1;
}

int proto_parse_object(const char *body, size_t len, json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!body || len == 0) return mj_err(err, errlen, MJ_EINVAL, "empty body: a JSON object was expected");
    if (!mj_utf8_valid(body, len)) return mj_err(err, errlen, MJ_EINVAL, "body is not valid UTF-8");
    if (!json_depth_ok(body, len, PROTO_MAX_JSON_DEPTH))
        return mj_err(err, errlen, MJ_EINVAL, "JSON nested deeper than %d levels", PROTO_MAX_JSON_DEPTH);
    json_error_t je;
    json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!j) return mj_err(err, errlen, MJ_EINVAL, "malformed JSON at line %d column %d: %s", je.line, je.column, je.text);
    if (!json_is_object(j)) {
        json_decref(j);
        return mj_err(err, errlen, MJ_EINVAL, "the body must be a JSON object");
    }
    *out = j;
    return MJ_OK;
}

int proto_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0]))) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(islower(c) || isdigit(c) || c == '_' || c == '-')) return 0;
    }
    return 1;
}

int proto_is_key(const char *s)
{
    size_t n = strlen(s);
    if (n < 8 || n > 64 || !isalnum((unsigned char)s[0])) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':')) return 0;
    }
    return 1;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

int proto_is_date(const char *s)
{
    if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return 0;
    /* A day that exists: year 0001-9999, the month's real length (31 February is refused). */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int proto_is_datetime(const char *s)
{
    char date[11];
    if (strlen(s) < 16) return 0;
    memcpy(date, s, 10);
    date[10] = 0;
    if (!proto_is_date(date) || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2)) return 0;
    if ((s[11] - '0') * 10 + (s[12] - '0') > 23 || (s[14] - '0') * 10 + (s[15] - '0') > 59) return 0;
    const char *p = s + 16;
    if (*p == ':') {
        if (!digits(p + 1, 2) || (p[1] - '0') * 10 + (p[2] - '0') > 59) return 0;
        p += 3;
    }
    if (*p == 'Z') p++;
    else if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2)) return 0;
        if ((p[1] - '0') * 10 + (p[2] - '0') > 14 || (p[4] - '0') * 10 + (p[5] - '0') > 59) return 0;
        p += 6;
    }
    return *p == 0;
}

/* A string member: required or optional, at most max bytes, no control characters except
 * newline (UTF-8 validity is already guaranteed by proto_parse_object). */
static int get_str(const json_t *o, const char *key, int required, size_t max, const char **out,
                   const char *where, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required) return mj_err(err, errlen, MJ_EINVAL, "%s.%s: missing", where, key);
        return MJ_OK;
    }
    if (!json_is_string(v)) return mj_err(err, errlen, MJ_EINVAL, "%s.%s: must be a string", where, key);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n > max) return mj_err(err, errlen, MJ_EINVAL, "%s.%s: longer than %zu bytes", where, key, max);
    if (strlen(s) != n) return mj_err(err, errlen, MJ_EINVAL, "%s.%s: contains a NUL character", where, key);
    if (!mj_utf8_valid(s, n)) return mj_err(err, errlen, MJ_EINVAL, "%s.%s: not valid UTF-8", where, key);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
            return mj_err(err, errlen, MJ_EINVAL, "%s.%s: contains a control character", where, key);
    *out = s;
    return MJ_OK;
}

static int only_keys(const json_t *o, const char *const *keys, const char *where, char *err, size_t errlen)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v) {
        int known = 0;
        for (const char *const *p = keys; *p; p++)
            if (strcmp(*p, k) == 0) known = 1;
        if (!known) return mj_err(err, errlen, MJ_EINVAL, "%s: unknown key \"%s\"", where, k);
    }
    return MJ_OK;
}

int proto_record_check(const json_t *rec, char *err, size_t errlen)
{
    static const char *const keys[] = {"key", "visit_id", "created", "context", "language", "kind", "face",
                                       "question_id", "question_version", "options", "comment", "suspect", NULL};
    const char *key, *visit, *created, *context, *lang, *kind, *qid, *opts, *comment;
    int rc;
    if (!json_is_object(rec)) return mj_err(err, errlen, MJ_EINVAL, "record: must be an object");
    if ((rc = only_keys(rec, keys, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "key", 1, 64, &key, "record", err, errlen))) return rc;
    if (!proto_is_key(key))
        return mj_err(err, errlen, MJ_EINVAL, "record.key: \"%s\" is not 8-64 of A-Z a-z 0-9 _ - . : starting with a letter or digit", key);
    if ((rc = get_str(rec, "visit_id", 1, 64, &visit, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "created", 1, 32, &created, "record", err, errlen))) return rc;
    if (!proto_is_datetime(created)) return mj_err(err, errlen, MJ_EINVAL, "record.created: \"%s\" is not a date-time", created);
    if (strncmp(created, "2000", 4) < 0 || strncmp(created, "2200", 4) >= 0)
        return mj_err(err, errlen, MJ_EINVAL, "record.created: \"%s\" is not a plausible time (years 2000-2199)", created);
    if ((rc = get_str(rec, "context", 1, 100, &context, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "language", 1, 16, &lang, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "kind", 1, 16, &kind, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "question_id", 0, 64, &qid, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "options", 0, 1000, &opts, "record", err, errlen))) return rc;
    if ((rc = get_str(rec, "comment", 0, PROTO_MAX_COMMENT, &comment, "record", err, errlen))) return rc;
    json_t *face = json_object_get(rec, "face"), *qv = json_object_get(rec, "question_version");
    json_t *suspect = json_object_get(rec, "suspect");
    if (face && !json_is_null(face) &&
        (!json_is_integer(face) || json_integer_value(face) < 1 || json_integer_value(face) > 4))
        return mj_err(err, errlen, MJ_EINVAL, "record.face: must be an integer 1-4");
    if (qv && !json_is_null(qv) && (!json_is_integer(qv) || json_integer_value(qv) < 1))
        return mj_err(err, errlen, MJ_EINVAL, "record.question_version: must be an integer >= 1");
    if (suspect && !json_is_boolean(suspect))
        return mj_err(err, errlen, MJ_EINVAL, "record.suspect: must be true or false");
    int has_face = face && !json_is_null(face);
    if (comment && mj_utf8_len(comment) > PROTO_MAX_COMMENT_CHARS)
        return mj_err(err, errlen, MJ_EINVAL, "record.comment: longer than %d characters", PROTO_MAX_COMMENT_CHARS);
    if (strcmp(kind, "face") == 0) {
        if (!has_face) return mj_err(err, errlen, MJ_EINVAL, "record.face: a face answer needs face 1-4");
    } else if (strcmp(kind, "choice") == 0) {
        if (!qid || !proto_is_id(qid) || !qv || json_is_null(qv) || !opts)
            return mj_err(err, errlen, MJ_EINVAL, "record: a choice answer needs question_id, question_version and options");
    } else if (strcmp(kind, "comment") == 0) {
        if (!comment || !*comment) return mj_err(err, errlen, MJ_EINVAL, "record.comment: a comment answer needs a comment");
    } else {
        return mj_err(err, errlen, MJ_EINVAL, "record.kind: \"%s\" is not face, choice or comment", kind);
    }
    return MJ_OK;
}

int proto_slip_check(const json_t *slip, char *err, size_t errlen)
{
    static const char *const keys[] = {"day", "service_id", "count", NULL};
    const char *day, *sid;
    int rc;
    if (!json_is_object(slip)) return mj_err(err, errlen, MJ_EINVAL, "slip: must be an object");
    if ((rc = only_keys(slip, keys, "slip", err, errlen))) return rc;
    if ((rc = get_str(slip, "day", 1, 10, &day, "slip", err, errlen))) return rc;
    if (!proto_is_date(day)) return mj_err(err, errlen, MJ_EINVAL, "slip.day: \"%s\" is not a date", day);
    if ((rc = get_str(slip, "service_id", 1, 64, &sid, "slip", err, errlen))) return rc;
    if (!proto_is_id(sid)) return mj_err(err, errlen, MJ_EINVAL, "slip.service_id: \"%s\" is not an id", sid);
    json_t *c = json_object_get(slip, "count");
    if (!json_is_integer(c) || json_integer_value(c) < 0 || json_integer_value(c) > 1000000)
        return mj_err(err, errlen, MJ_EINVAL, "slip.count: must be an integer 0-1000000");
    return MJ_OK;
}

int proto_heartbeat_check(const json_t *hb, char *err, size_t errlen)
{
    static const char *const keys[] = {"software_version", "uptime_s", "content_version", "outbox_length",
                                       "oldest_unsent", "printer_status", "free_disk_bytes", "content_error", NULL};
    const char *s;
    int rc;
    if ((rc = only_keys(hb, keys, "heartbeat", err, errlen))) return rc;
    if ((rc = get_str(hb, "software_version", 1, 64, &s, "heartbeat", err, errlen))) return rc;
    if ((rc = get_str(hb, "content_version", 0, 64, &s, "heartbeat", err, errlen))) return rc;
    if ((rc = get_str(hb, "oldest_unsent", 0, 32, &s, "heartbeat", err, errlen))) return rc;
    if (s && !proto_is_datetime(s)) return mj_err(err, errlen, MJ_EINVAL, "heartbeat.oldest_unsent: not a date-time");
    if ((rc = get_str(hb, "printer_status", 1, 200, &s, "heartbeat", err, errlen))) return rc;
    if ((rc = get_str(hb, "content_error", 0, 500, &s, "heartbeat", err, errlen))) return rc;
    static const char *const nums[] = {"uptime_s", "outbox_length", "free_disk_bytes"};
    for (int i = 0; i < 3; i++) {
        json_t *v = json_object_get(hb, nums[i]);
        if (!json_is_integer(v) || json_integer_value(v) < 0)
            return mj_err(err, errlen, MJ_EINVAL, "heartbeat.%s: must be an integer >= 0", nums[i]);
    }
    return MJ_OK;
}

char *proto_error_json(const char *code, const char *message, int record)
{
    /* A message cut by a fixed-size buffer may end inside a character, which JSON refuses: the
     * reason would be lost. Cut it on a boundary, and replace any other bad byte. */
    char msg[1024];
    mj_strlcpy_utf8(msg, message ? message : "", sizeof msg);
    if (!mj_utf8_valid(msg, strlen(msg)))
        for (char *p = msg; *p; p++) if ((unsigned char)*p >= 0x80) *p = '?';
    json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
    if (j && record >= 0) json_object_set_new(json_object_get(j, "error"), "record", json_integer(record));
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return s;
}
