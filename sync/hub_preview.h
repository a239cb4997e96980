/* hub_preview.h - "preview exactly what the kiosk will show": a site's content drawn by the
 * kiosk's own screens and renderer. The hub runs `majakka-kiosk --preview` (kiosk/preview.h) as
 * a child process per picture, under a wall-clock limit (killed at it), a memory limit and a
 * CPU-time limit, at most two at a time, in a private temporary folder that is removed after.
 * Pictures are cached in memory by (bundle hash, screen, language, orientation, date), so a
 * page shown again costs nothing and a new draft makes new pictures.
 *   GET /site/ID/preview                     the page: Home, this week's events and a service, with
 *                                            a language, orientation, service and date choice
 *   GET /site/ID/preview/home.png            ?lang=fi&orient=portrait|landscape&date=YYYY-MM-DD
 *   GET /site/ID/preview/events.png          (the same parameters)
 *   GET /site/ID/preview/service/SID.png     (the same parameters)
 * Routes are the coordinators' (a coordinator may reach only their sites). */
#ifndef MAJAKKA_HUB_PREVIEW_H
#define MAJAKKA_HUB_PREVIEW_H
#include <stddef.h>
#include "hub_req.h"

typedef struct hub_preview_cfg {
    const char *kiosk;     /* the majakka-kiosk to run; NULL: hub_preview_find_kiosk's */
    const char *assets;    /* its --assets (translations, icons); NULL: the kiosk's default */
    int timeout_ms;        /* wall clock per picture (0: 10000); past it the child is killed */
    long memory_mb;        /* address-space limit of the child (0: 512; -1: none, e.g. sanitizer builds) */
} hub_preview_cfg;

/* Sets the renderer up (serve calls it once before the server starts); the strings are copied. */
void hub_preview_configure(const hub_preview_cfg *cfg);
/* The majakka-kiosk to run: beside the hub's own binary, then in the build tree's kiosk/ folder
 * beside its sync/ (tests), then /usr/bin. 0, or MJ_ENOTFOUND with out holding /usr/bin's. */
int hub_preview_find_kiosk(char *out, size_t outlen);

typedef struct hub_preview_req {
    const char *screen;    /* "home", "events" or "service:ID" */
    const char *lang;      /* a language of the site, or NULL/"" for its default */
    int portrait;          /* 1: 1080x1920, 0: 1920x1080 */
    const char *date;      /* YYYY-MM-DD: the kiosk's clock (10.00 that day), NULL: today */
} hub_preview_req;

/* One picture of the bundle (bytes in memory, self-contained): *png malloc'd (the caller frees),
 * and when texts is not NULL the screen's texts, one a line (malloc'd; for alt texts).
 * Returns 0; MJ_EINVAL with the kiosk's reason when it refused the bundle or the request;
 * MJ_EBUSY when the renderer was killed at the time limit (or no slot freed in time); MJ_EIO
 * when it could not run or stopped otherwise. Cached (failures of the first kind too). */
int hub_preview_png(const char *bundle, size_t len, const hub_preview_req *r, char **png, size_t *pnglen,
                    char **texts, char *err, size_t errlen);

/* 1 when the path is a preview route (then rs is filled); takes the store lock only to read. */
int hub_preview_route(hub_store *hs, const hub_req *rq, hub_resp *rs);

#endif
