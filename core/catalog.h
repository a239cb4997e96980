/* catalog.h - what the screens ask of the content: the site, categories, services (filtered or
 * searched), events between two instants, feedback questions. Every text comes back resolved to
 * one language: the first of `langs` the text has, else any language it has. Results are plain
 * malloc'd structs, freed with the matching catalog_*_free; screens never see SQL. */
#ifndef MAJAKKA_CATALOG_H
#define MAJAKKA_CATALOG_H
#include <stddef.h>
#include <time.h>
#include "store.h"

#define CATALOG_MAX_LANGS 8

/* A visitor's language preference: their choice first, then the site's fallback order. */
typedef struct catalog_langs { char lang[CATALOG_MAX_LANGS][16]; int n; } catalog_langs;

typedef struct catalog_site {
    char id[65];
    char *name;
    char *street, *postal_code, *city;      /* the site's location, may be NULL */
    char *phone, *email, *url;
    char default_language[16];
    char languages[CATALOG_MAX_LANGS][16]; int nlanguages;   /* language bar, in order */
    char fallback[CATALOG_MAX_LANGS][16]; int nfallback;
    char timezone[64];
    char content_version[65];
} catalog_site;

typedef struct catalog_category {
    char id[65];
    char *name;
    char icon[32];
    int services;                            /* how many services it has */
} catalog_category;

typedef struct catalog_service {
    char id[65];
    char *name, *summary, *description, *cost, *hours_note;
    char *url, *email, *phone;
    char *organization;                      /* provider's name */
    char *location_name, *street, *postal_code, *city, *accessibility;   /* NULL without location */
    double lat, lon; int has_coords;
    int free;
    int walk_in;                             /* takes visitors without an appointment (hours: hours_walk_in) */
    unsigned audiences;                      /* bit (1u << AUD_x) from model.h */
    char languages[CATALOG_MAX_LANGS * 4][16]; int nlanguages;           /* languages it is given in */
    char categories[16][65]; int ncategories;
} catalog_service;

typedef struct catalog_filter {
    const char *category;                    /* NULL: any */
    unsigned audiences;                      /* 0: any; else services having any of these bits */
    const char *language;                    /* NULL: any; else given in this language */
} catalog_filter;

typedef struct catalog_event {
    char id[65];
    char *title, *description, *place, *cost, *url;   /* place: location's name and street, or `place` */
    char service_id[65];
    int free, registration;
    unsigned audiences;
    time_t start, end;                       /* this occurrence */
} catalog_event;

typedef struct catalog_question {
    char id[65];
    int version;
    int multiple;                            /* 0 single choice, 1 multiple choice */
    char *text;
    int noptions;
    char option_id[8][65];
    char *option_text[8];
} catalog_question;

/* Builds the preference list: `visitor` (may be NULL) then the site's fallback order. */
int catalog_langs_for(store *s, const char *visitor, catalog_langs *out, char *err, size_t errlen);

int catalog_site_get(store *s, const catalog_langs *l, catalog_site *out, char *err, size_t errlen);
void catalog_site_free(catalog_site *site);

int catalog_categories(store *s, const catalog_langs *l, catalog_category **out, size_t *n,
                       char *err, size_t errlen);
void catalog_categories_free(catalog_category *c, size_t n);

/* Services matching the filter, in bundle order. */
int catalog_services(store *s, const catalog_langs *l, const catalog_filter *f,
                     catalog_service **out, size_t *n, char *err, size_t errlen);
/* Free-text search as you type: case and diacritics forgiven ("neuvola" finds "Neuvola",
 * "aitiys" finds "äitiys"), the last word matched as a prefix; services whose name matches the
 * query exactly (case and diacritics included) come first, then name matches, then the rest. */
int catalog_search(store *s, const catalog_langs *l, const char *query, size_t limit,
                   catalog_service **out, size_t *n, char *err, size_t errlen);
int catalog_service_get(store *s, const catalog_langs *l, const char *id, catalog_service *out,
                        char *err, size_t errlen);
void catalog_service_clear(catalog_service *svc);
void catalog_services_free(catalog_service *v, size_t n);

/* Occurrences overlapping [from, to), in start order; audiences 0 = any. */
int catalog_events_between(store *s, const catalog_langs *l, time_t from, time_t to,
                           unsigned audiences, catalog_event **out, size_t *n, char *err, size_t errlen);
void catalog_events_free(catalog_event *v, size_t n);

/* The active feedback questions, in bundle order. */
int catalog_questions(store *s, const catalog_langs *l, catalog_question **out, size_t *n,
                      char *err, size_t errlen);
void catalog_questions_free(catalog_question *v, size_t n);

#endif
