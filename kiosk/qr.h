/* qr.h - "Take with you" codes: a payload (a URL, a MeCard contact, an iCalendar VEVENT) made
 * into a QR module matrix with libqrencode, which ui_qr then draws. */
#ifndef MAJAKKA_QR_H
#define MAJAKKA_QR_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define QR_MAX_SIDE 177

typedef struct qr_code { int side; uint8_t m[QR_MAX_SIDE * QR_MAX_SIDE]; } qr_code;

/* Encodes UTF-8 payload (byte mode, error correction M). */
int qr_make(const char *payload, qr_code *out, char *err, size_t errlen);

/* MECARD:N:name;TEL:phone;EMAIL:email;ADR:address;; with MeCard escaping; NULL fields left out. */
int qr_mecard(char *out, size_t outlen, const char *name, const char *phone, const char *email,
              const char *address);
/* BEGIN:VEVENT ... END:VEVENT with UTC times and RFC 5545 text escaping; NULL fields left out. */
int qr_vevent(char *out, size_t outlen, const char *uid, const char *summary, time_t start, time_t end,
              const char *location, const char *url);

#endif
