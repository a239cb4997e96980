/* preview.h - majakka-kiosk --preview: one screen of a content bundle as a PNG, drawn by the
 * kiosk's own screens and renderer into memory (SDL's software renderer, no window, no display),
 * exactly as a kiosk showing that bundle would draw it. The bundle is imported into a temporary
 * store first, with the kiosk's own validator and importer, so a preview also proves a kiosk can
 * take the bundle; the store is removed afterwards. The hub's preview pages run this. */
#ifndef MAJAKKA_PREVIEW_H
#define MAJAKKA_PREVIEW_H
#include <stddef.h>
#include "config.h"

typedef struct preview_opts {
    const char *bundle;   /* the content bundle (JSON) */
    const char *screen;   /* "home", "events" (this week's) or "service:ID" */
    const char *clock;    /* the kiosk's clock, YYYY-MM-DD or YYYY-MM-DDTHH:MM in the site's zone; NULL: now */
    const char *out;      /* the PNG to write */
    const char *texts;    /* NULL, or a file for the screen's text runs, one a line in drawing order
                             (what the picture says, for alt texts and checks) */
} preview_opts;

/* Draws o->screen of o->bundle at cfg's size (cfg->portrait turns it upright) in cfg's language
 * ("" = the site's default; any other must be one of the site's languages) and writes o->out.
 * Returns 0, or a negative MJ_E* status with the reason in err (a refused bundle names the place
 * of its first problem); nothing is written then. cfg's data_dir, printer and staff PIN are not
 * used: the preview has a store of its own, no printer and no staff mode. */
int preview_run(const config *cfg, const preview_opts *o, char *err, size_t errlen);

#endif
