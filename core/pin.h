/* pin.h - the staff PIN: a salted Argon2id hash (libsodium crypto_pwhash_str) and the lockout
 * of the PIN pad. The lockout is pure: the caller passes the time, so tests need no clock.
 * A PIN is 4 to 8 ASCII digits. Five wrong PINs in a row lock the pad for 30 s; every further
 * lockout doubles the delay (60, 120, ...) up to 15 minutes; a right PIN clears everything. */
#ifndef MAJAKKA_PIN_H
#define MAJAKKA_PIN_H
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#define PIN_HASH_MAX 128          /* crypto_pwhash_STRBYTES, with the NUL */
#define PIN_MAX_FAILURES 5
#define PIN_LOCK_FIRST_S 30
#define PIN_LOCK_MAX_S 900

/* 1 when pin is 4..8 ASCII digits. */
int pin_format_valid(const char *pin);

/* Hashes a new PIN into out (an "$argon2id$..." string, at most PIN_HASH_MAX bytes with NUL).
 * Interactive limits: about 64 MiB and a fraction of a second on kiosk hardware (docs/printing.md). */
int pin_hash_new(const char *pin, char *out, size_t outlen, char *err, size_t errlen);

/* 1 when pin matches hash, 0 when it does not, MJ_EINVAL when hash is not an Argon2 string. */
int pin_verify(const char *hash, const char *pin, char *err, size_t errlen);

typedef struct pin_lock {
    int failures;          /* wrong PINs since the last right one or the last lockout */
    int lockouts;          /* lockouts since the last right PIN: the delay grows with it */
    time_t locked_until;   /* 0 = not locked */
} pin_lock;

enum { PIN_RIGHT = 1, PIN_WRONG = 2, PIN_LOCKED = 3 };

void pin_lock_init(pin_lock *l);
/* Seconds the pad stays locked at now (0 = open), for the countdown on screen. */
int pin_lock_remaining(const pin_lock *l, time_t now);
/* Records one verified attempt (right = 1 or 0) at now; returns PIN_RIGHT, PIN_WRONG or
 * PIN_LOCKED (this wrong PIN started a lockout). */
int pin_lock_record(pin_lock *l, int right, time_t now);
/* One attempt from the pad: PIN_LOCKED without checking while locked, else verifies and records.
 * A malformed PIN counts as wrong; a broken hash is an error (< 0) and counts nothing. */
int pin_attempt(pin_lock *l, const char *hash, const char *pin, time_t now, char *err, size_t errlen);

/* Staff mode: on after a right PIN, off by itself after idle_s seconds without a touch
 * ([staff] idle_timeout, 120 by default), and at the kiosk's idle reset (pin_session_end). */
typedef struct pin_session { int active; time_t last; } pin_session;
void pin_session_start(pin_session *s, time_t now);
/* A touch while staff mode is on keeps it on. */
void pin_session_touch(pin_session *s, time_t now);
/* 1 while staff mode is on at now; once idle_s have passed it ends and this returns 0. A clock
 * that jumps back also ends it (staff mode never outlives a confused clock). */
int pin_session_active(pin_session *s, time_t now, int idle_s);
void pin_session_end(pin_session *s);

/* For `majakka-kiosk --set-staff-pin`: reads the new PIN twice, one line each, from in;
 * MJ_EINVAL when the lines differ or the format is wrong. pin gets the PIN (size >= 9). */
int pin_read_new(FILE *in, char *pin, size_t pinlen, char *err, size_t errlen);
/* Sets `pin_hash = HASH` in the [staff] section of the INI file at path (created when missing):
 * the key is replaced in place, added under [staff], or a [staff] section is appended.
 * The file is rewritten atomically with mode 0600 (it holds the hash). */
int pin_config_write(const char *path, const char *hash, char *err, size_t errlen);
/* The whole of `--set-staff-pin`: reads the PIN twice from in, hashes it, and writes it into
 * config_path, or (config_path NULL) prints the "[staff]" and "pin_hash = ..." lines to out. */
int pin_set_from(FILE *in, const char *config_path, FILE *out, char *err, size_t errlen);

#endif
