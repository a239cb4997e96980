/* protocol.h - what the kiosk's sync agent and the hub agree on (docs/sync-protocol.md):
 * paths, size limits, tokens, enrollment codes and the validation of every record a kiosk
 * uploads. Both ends use these checks, so a record the agent sends is one the hub accepts. */
#ifndef MAJAKKA_PROTOCOL_H
#define MAJAKKA_PROTOCOL_H
#include <stddef.h>
#include <jansson.h>

#define PROTO_VERSION 1
#define PROTO_PREFIX "/api/v1"
#define PROTO_MAX_BODY (1u << 20)           /* kiosk and coordinator requests */
#define PROTO_MAX_PUBLISH_BODY (16u << 20)  /* a published bundle (= BUNDLE_MAX_BYTES) */
#define PROTO_MAX_BATCH 500                 /* feedback records per upload */
#define PROTO_MAX_SLIPS 500                 /* slip counts per upload */
#define PROTO_MAX_COMMENT_CHARS 2000        /* the kiosk's feedback.comment_max_chars at most */
#define PROTO_MAX_COMMENT (4 * PROTO_MAX_COMMENT_CHARS)   /* bytes */
#define PROTO_MAX_JSON_DEPTH 8
#define PROTO_TOKEN_HEX 64                  /* 32 random bytes, hex */
#define PROTO_CODE_LEN 14                   /* XXXX-XXXX-XXXX */

/* A new bearer token: 32 bytes from libsodium as 64 lowercase hex digits. */
void proto_token_new(char hex[PROTO_TOKEN_HEX + 1]);
/* What the hub stores instead of a token or code: SHA-256 hex of it. */
void proto_secret_hash(const char *secret, char hex[65]);
/* A one-time enrollment code from an alphabet without look-alikes (60 bits). */
void proto_code_new(char code[PROTO_CODE_LEN + 1]);
/* Normalises a typed code (case, spaces, missing dashes) into out; MJ_EINVAL when malformed. */
int proto_code_normalize(const char *in, char out[PROTO_CODE_LEN + 1]);

/* Parses a request or response body: size, UTF-8 and nesting depth are checked before jansson
 * sees it; the top level must be an object. */
int proto_parse_object(const char *body, size_t len, json_t **out, char *err, size_t errlen);

/* Checks one uploaded feedback record (see the protocol doc for the fields). */
int proto_record_check(const json_t *rec, char *err, size_t errlen);
/* Checks one slip count {"day": "YYYY-MM-DD", "service_id": id, "count": n}. */
int proto_slip_check(const json_t *slip, char *err, size_t errlen);
/* Checks a heartbeat body. */
int proto_heartbeat_check(const json_t *hb, char *err, size_t errlen);

/* Small validators used by the checks above and by the hub's routes. */
int proto_is_id(const char *s);           /* [a-z0-9][a-z0-9_-]{0,63} */
int proto_is_key(const char *s);          /* idempotency key: [A-Za-z0-9][A-Za-z0-9_.:-]{7,63} */
int proto_is_date(const char *s);         /* YYYY-MM-DD */
int proto_is_datetime(const char *s);     /* YYYY-MM-DD(T| )HH:MM[:SS][Z|+HH:MM] */

/* {"error": {"code": code, "message": message}} as a malloc'd compact JSON string; with
 * record >= 0 also "record": the index of the uploaded record that caused it. */
char *proto_error_json(const char *code, const char *message, int record);

#endif
