/* qrpayload.h - what a "Take with you" code holds, built once for the screen (kiosk/) and the
 * slip (print/), so the two carry the same bytes for the same service in every language:
 *  - a service: its URL when it has one, else a MeCard (MECARD:N:..;TEL:..;EMAIL:..;ADR:..;;)
 *    with the fields it has; nothing when it has neither URL nor phone, e-mail or address;
 *  - an event: its URL when it has one, else an iCalendar object: a VCALENDAR (VERSION 2.0,
 *    PRODID) with one VEVENT (UID, DTSTAMP, SUMMARY, DTSTART, DTEND in UTC, LOCATION, URL).
 * One escaping rule per format, in one function: MeCard puts a backslash before \ ; , : " and
 * makes line breaks spaces; iCalendar TEXT (RFC 5545 3.3.11) a backslash before \ ; , and a
 * line break becomes \n. Other control characters become spaces, a CR is dropped. Content
 * lines are not folded (QR readers take them whole). Texts must be UTF-8.
 * Every builder returns MJ_OK, MJ_EINVAL (no room in out, or not UTF-8: out is "") or
 * MJ_ENOTFOUND (nothing to put in a code: out is ""). */
#ifndef MAJAKKA_QRPAYLOAD_H
#define MAJAKKA_QRPAYLOAD_H
#include <stddef.h>
#include <time.h>
#include "catalog.h"

/* The address line of a service: "Street 1, 00100 City" (the parts it has), else the name of
 * its place, else "". The slip prints this line, and the MeCard's ADR is it. */
void qrpayload_address(const catalog_service *s, char *out, size_t outlen);

/* MECARD for these fields (NULL or "" left out; name always there, maybe empty). */
int qrpayload_mecard(char *out, size_t outlen, const char *name, const char *phone, const char *email,
                     const char *address);
/* VCALENDAR with one VEVENT; stamp is DTSTAMP (when the code was made). NULL fields left out. */
int qrpayload_vcalendar(char *out, size_t outlen, const char *uid, const char *summary, time_t start,
                        time_t end, const char *location, const char *url, time_t stamp);

/* The code of a service (URL, else MeCard of name, phone, e-mail, qrpayload_address). */
int qrpayload_service(char *out, size_t outlen, const catalog_service *s);
/* The code of an event occurrence (URL, else qrpayload_vcalendar). */
int qrpayload_event(char *out, size_t outlen, const catalog_event *e, time_t stamp);

#endif
