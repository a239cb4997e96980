/* hub_account.h - the pages of accounts and access (issue 11), on hub_web.h and hub_html.h:
 *   GET/POST /sign-in        user name and password; attempts limited per account and per
 *                            address with a growing delay (429 and Retry-After while shut out)
 *   POST /sign-out           ends the session
 *   GET /lang?l=fi|sv|en&next=PATH   the language switch (a cookie), back to PATH
 *   GET/POST /account/password       change one's own password
 *   GET/POST /admin/users ...        accounts: add, role, sites, new password, disable (admin)
 *   GET /admin/audit[?before=ID]     the audit log, newest first (admin)
 * A sign-in form carries a token of its own (cookie mj_pre), so nobody can sign a browser in
 * from another site. The password hash is checked outside the store lock. */
#ifndef MAJAKKA_HUB_ACCOUNT_H
#define MAJAKKA_HUB_ACCOUNT_H
#include "hub_req.h"

/* 1 when the path is one of the above (rs then holds the answer), else 0. Called with the store
 * lock held; may let go of it while a password is hashed. */
int hub_account_route(hub_store *hs, const hub_req *rq, hub_resp *rs);
/* The /admin/ pages (hub_admin.c); same contract. */
int hub_admin_route(hub_store *hs, const hub_req *rq, hub_resp *rs);

/* Sign-in limits: free failures and the longest shut-out, per account and per address. */
#define HUB_SIGNIN_USER_FREE 5
#define HUB_SIGNIN_USER_MAX_S 900
#define HUB_SIGNIN_ADDR_FREE 20
#define HUB_SIGNIN_ADDR_MAX_S 3600

/* 1 when next is a safe place to send the browser after signing in: a local path of
 * [A-Za-z0-9/_.-] (no "//", no query), at most 255 bytes. */
int hub_account_next_ok(const char *next);

#endif
