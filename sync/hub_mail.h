/* hub_mail.h - the alert mail: formatting (RFC 5322, UTF-8 text, CRLF; the subject RFC 2047
 * encoded when it is not plain ASCII) in the site's language (fi, sv or en, the texts of
 * assets/po/hub, times in the site's zone) and sending it over
 * SMTP with libcurl (smtp:// to a relay, STARTTLS required when configured, or smtps://),
 * bounded in time. The mail names the site, each kiosk (name and id) and its alerts with their
 * details (hub_alerts.h) and, when the hub's address is known, the fleet page. Never a token, a
 * code or any feedback: nothing of that is given to it. */
#ifndef MAJAKKA_HUB_MAIL_H
#define MAJAKKA_HUB_MAIL_H
#include <stddef.h>
#include "hub_alerts.h"

typedef struct hub_mail_cfg {
    const char *url;           /* smtp://relay:25, smtp://relay:587 or smtps://relay:465; NULL: no mail */
    const char *from;          /* the sender address */
    int starttls;              /* 1: STARTTLS is required on smtp:// (the mail is not sent without it) */
    const char *ca_file;       /* CA bundle for the relay's certificate; NULL: the system's */
    const char *user, *password;   /* SMTP AUTH, both or neither */
    long timeout_ms;           /* the whole exchange; 0: 30000 */
} hub_mail_cfg;

typedef struct hub_mail_kiosk {
    const char *id, *name;
    unsigned active;           /* every alert the kiosk has */
    unsigned fresh;            /* those not mailed before (marked "new") */
    hub_alert_in in;           /* what the details are drawn from */
} hub_mail_kiosk;

/* The whole message for `to` about n kiosks of site, in lang ("fi", "sv", "en"; anything else:
 * English) with times in tzid (NULL: Europe/Helsinki); fleet_url (may be NULL) is the address of
 * the site's fleet page. *out is malloc'd. MJ_EINVAL for a bad address or site. */
int hub_mail_format(const char *from, const char *to, const char *site, const char *lang, const char *tzid,
                    const hub_mail_kiosk *k, int n, const char *fleet_url, long long now, char **out, size_t *len,
                    char *err, size_t errlen);
/* The language a site's mail is written in: its content's site.default_language when the hub
 * has it, else the first of site.languages it has, else Finnish (content may be NULL). */
const char *hub_mail_lang(const json_t *content);
/* Sends msg to `to` through cfg's relay; MJ_OK or MJ_EIO with curl's reason. */
int hub_mail_send(const hub_mail_cfg *cfg, const char *to, const char *msg, size_t len, char *err, size_t errlen);

#endif
