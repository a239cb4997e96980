/* imp.h - what the directory importers share (imp_hsds.c, imp_hsds_csv.c, imp_ptv.c, imp_le.c;
 * docs/imports.md): their result (bundle entities in the bundle's own JSON form) and a report of
 * what was left out, per record, like the calendar reader's per event.
 *
 * Every record is checked by the kiosks' validator (bundle_check_content on a small content
 * holding only it and what it refers to) before it is kept: a value the validator refuses that
 * the record can do without (an email, one opening-hours range, coordinates) is dropped and
 * reported; a record that still does not pass is skipped and reported. So whatever an importer
 * returns passes the validator as it stands. Input is bounded by the callers (IMP_MAX_BYTES);
 * work is linear in the input (ids are looked up in hash tables). */
#ifndef MAJAKKA_IMP_H
#define MAJAKKA_IMP_H
#include <stddef.h>
#include <jansson.h>

#define IMP_MAX_BYTES (32u << 20)     /* one import's input text, all files or pages together */
#define IMP_MAX_REPORT 2000           /* report lines kept; the count of the rest is added */
#define IMP_MAX_EXCEPTION_DAYS 31     /* an exception period longer than this is not expanded */

typedef struct imp_opts {
    const char *lang;       /* language of texts that do not say theirs (the site's default) */
    const char *category;   /* category id given to the services (must exist in the draft) */
} imp_opts;

typedef struct imp_result {
    json_t *organizations, *locations, *services, *events;   /* arrays, owned */
    json_t *report;         /* strings, one per dropped value or skipped record */
    int records;            /* records read (organizations, locations, services, events) */
    int skipped;            /* records left out whole */
    int dropped;            /* values left out of records that were kept */
    int more;               /* report lines past IMP_MAX_REPORT */
    /* the importer's own: ids kept so far per list (JSON objects used as sets) */
    json_t *seen;
} imp_result;

int imp_result_init(imp_result *r);
void imp_result_free(imp_result *r);

/* Report lines: rec names the record ("service \"hsds-12\" (Neuvola)"). */
void imp_drop(imp_result *r, const char *rec, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void imp_skip(imp_result *r, const char *rec, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "service \"id\" (name)" into out. */
void imp_recname(char *out, size_t len, const char *kind, const char *id, const char *name);

/* A bundle id from a source id: prefix + the id lowercased, other characters as '-'; one longer
 * than 64 is cut and ends with 8 hex digits of its SHA-256 (stable across imports). 0 or -1. */
int imp_id(char out[65], const char *prefix, const char *src);
/* A JSON string or number as text (ids are often numbers); NULL otherwise. buf for numbers. */
const char *imp_str(const json_t *v, char *buf, size_t len);
/* Trimmed copy of s cut to at most limit bytes on a character boundary (NULL: empty or NULL). */
char *imp_trim(const char *s, size_t limit);
/* Sets text[lang] = s (trimmed, cut to limit) when s has text and lang is a language code. */
void imp_text_set(json_t *text, const char *lang, const char *s, size_t limit);
/* The first line or sentence of s, at most limit bytes (a summary from a description). */
char *imp_first_line(const char *s, size_t limit);
/* HTML to plain text: tags out (<br>, </p>, </li> as new lines), the common entities decoded,
 * runs of blanks as one. */
char *imp_html_text(const char *s);

/* "9:00", "09:00:00", "9am", "9:00 AM", "12:30 p.m.", "1700" -> minutes; 24:00 is 1440.
 * Returns 0 or -1. */
int imp_parse_time(const char *s, int *min);
void imp_format_hm(int min, char out[6]);
/* "Monday", "mon", "MO", "maanantai", "ma", "måndag", ISO 1..7 -> 0 (Monday)..6, or -1. */
int imp_weekday(const char *s);
/* A language code from "fi", "FI", "fi-FI", "Finnish", "suomi", "English", ... or NULL. */
const char *imp_lang(const char *s, char buf[16]);
/* "YYYY-MM-DD" from the start of s (a date or a date-time); 0 or -1. days: tz_days_from_civil. */
int imp_parse_date(const char *s, long long *days);
void imp_format_date(long long days, char out[11]);
/* An ISO 8601 instant ("2026-12-05T10:00:00Z", "+02:00", "…T10:00:00.000000Z", or without
 * offset: local) as the site's local "YYYY-MM-DDTHH:MM:SS"; 0 or -1. */
int imp_local_time(const char *s, char out[20]);

/* Weekly ranges: adds {day, open, close} to hours (an array); a close of 00:00 after an
 * open that is not 00:00 means midnight (24:00). Returns 0, or -1 when open equals close. */
int imp_add_range(json_t *hours, int day, int open, int close);
/* Sorts opening_hours by day and time, and hours_exceptions by date (stable output). */
void imp_sort_hours(json_t *record);

/* Keeps a record: checks it with the kiosks' validator in a content holding the referenced
 * items (refs: organizations, locations; may be NULL), dropping what it can do without and
 * reporting it, and appends it to r's list. list: "organizations", "locations", "services",
 * "events". A record whose id is already kept is skipped ("the same id twice"). Steals rec.
 * Returns 1 when kept, 0 when skipped. */
int imp_keep(imp_result *r, const imp_opts *o, const char *list, json_t *rec, const char *recname);
/* The kept item of list with this id (borrowed), or NULL. */
json_t *imp_kept(const imp_result *r, const char *list, const char *id);

#endif
