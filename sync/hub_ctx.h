/* hub_ctx.h - who is asking and in which language, as every page sees it (filled by hub_web.h's
 * hub_web_begin), and the pages' texts: assets/po/hub/{fi,sv,en}.po, built into the program.
 * Below hub_html.h (the page frame reads the context and the texts) and hub_web.h. */
#ifndef MAJAKKA_HUB_CTX_H
#define MAJAKKA_HUB_CTX_H
#include <stdarg.h>
#include <stddef.h>
#include "hub_store_auth.h"

typedef struct hub_ctx {
    long long user_id;            /* users.id; 0 for a bearer token or nobody */
    int is_token;                 /* signed in by Authorization: Bearer (no CSRF needed) */
    char user[HUB_NAME_MAX + 65]; /* the user's (or token's) name */
    int role;                     /* HUB_ROLE_ADMIN, HUB_ROLE_COORD; HUB_ROLE_NONE: signed out */
    char sites[HUB_MAX_SITES][65];/* the sites given (coordinators; admins reach every site) */
    int nsites;
    char lang[4];                 /* "fi", "sv" or "en" */
    char csrf[65];                /* the session's CSRF token ("" for tokens) */
    char session_hash[65];        /* SHA-256 of the session id ("" for tokens) */
    char addr[48];                /* the client's address, for the audit log and rate limits */
    char path[256];               /* the request path (the language switch comes back here) */
    int api;                      /* the request is for /api/...: errors as JSON, not pages */
} hub_ctx;

/* Translations: the text of msgid in c's language (English when that lacks it, the id itself
 * when English does too; c NULL: English). hub_tf fills {1}..{9} from the NULL-terminated
 * const char * arguments. */
const char *hub_t(const hub_ctx *c, const char *msgid);
/* The same for a language code (fi, sv, en; anything else: English), for texts that go out
 * without a request, such as the alert mail. */
const char *hub_t_lang(const char *lang, const char *msgid);
void hub_tf_lang(const char *lang, char *out, size_t outlen, const char *msgid, ...);
void hub_tf(const hub_ctx *c, char *out, size_t outlen, const char *msgid, ...);
/* The formatting under hub_tf and its kin: text with {1}..{9} filled from ap's NULL-terminated strings. */
void hub_tfv(char *out, size_t outlen, const char *text, va_list ap);
/* 1 for the languages the pages have (fi, sv, en). */
int hub_lang_ok(const char *lang);
/* The best supported language of an Accept-Language value ("fi" when none). */
const char *hub_lang_pick(const char *accept_language);

#endif
