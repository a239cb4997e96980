/* pin.c - see pin.h. */
#include "pin.h"
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include "util.h"
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int pin_format_valid(const char *pin)
{
    if (!pin) return 0;
    size_t n = strlen(pin);
    if (n < 4 || n > 8) return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9') return 0;
    return 1;
}

static int sodium_ready(char *err, size_t errlen)
{
    if (sodium_init() < 0) return mj_err(err, errlen, MJ_EIO, "pin: libsodium could not start");
    return MJ_OK;
}

int pin_hash_new(const char *pin, char *out, size_t outlen, char *err, size_t errlen)
{
    if (!pin_format_valid(pin)) return mj_err(err, errlen, MJ_EINVAL, "pin: the PIN must be 4 to 8 digits");
    if (!out || outlen < crypto_pwhash_STRBYTES)
        return mj_err(err, errlen, MJ_EINVAL, "pin: hash buffer smaller than %d bytes", crypto_pwhash_STRBYTES);
    int rc = sodium_ready(err, errlen);
    if (rc) return rc;
    /* Interactive limits: a kiosk checks the PIN while staff wait at the pad. The PIN space is
     * small anyway, so the lockout is the real guard online; the KDF makes an offline guess of
     * a stolen config cost 64 MiB and ~0.1 s each instead of nanoseconds. */
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return mj_err(err, errlen, MJ_ENOMEM, "pin: out of memory while hashing");
    return MJ_OK;
}

int pin_verify(const char *hash, const char *pin, char *err, size_t errlen)
{
    if (!hash || strncmp(hash, "$argon2", 7) != 0 || strlen(hash) >= crypto_pwhash_STRBYTES)
        return mj_err(err, errlen, MJ_EINVAL, "pin: the stored hash is not an Argon2 string");
    int rc = sodium_ready(err, errlen);
    if (rc) return rc;
    if (!pin_format_valid(pin)) return 0;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0 ? 1 : 0;
}

void pin_lock_init(pin_lock *l) { memset(l, 0, sizeof *l); }

int pin_lock_remaining(const pin_lock *l, time_t now)
{
    if (!l->locked_until || now >= l->locked_until) return 0;
    time_t left = l->locked_until - now;
    return left > PIN_LOCK_MAX_S ? PIN_LOCK_MAX_S : (int)left;
}

int pin_lock_record(pin_lock *l, int right, time_t now)
{
    if (right) {
        pin_lock_init(l);
        return PIN_RIGHT;
    }
    if (++l->failures < PIN_MAX_FAILURES) return PIN_WRONG;
    int delay = PIN_LOCK_FIRST_S;
    for (int i = 0; i < l->lockouts && delay < PIN_LOCK_MAX_S; i++) delay *= 2;
    if (delay > PIN_LOCK_MAX_S) delay = PIN_LOCK_MAX_S;
    l->lockouts++;
    l->failures = 0;
    l->locked_until = now + delay;
    return PIN_LOCKED;
}

int pin_attempt(pin_lock *l, const char *hash, const char *pin, time_t now, char *err, size_t errlen)
{
    if (pin_lock_remaining(l, now) > 0) return PIN_LOCKED;
    int ok = pin_verify(hash, pin, err, errlen);
    if (ok < 0) return ok;
    return pin_lock_record(l, ok, now);
}

void pin_session_start(pin_session *s, time_t now) { s->active = 1; s->last = now; }

void pin_session_touch(pin_session *s, time_t now)
{
    if (s->active) s->last = now;
}

int pin_session_active(pin_session *s, time_t now, int idle_s)
{
    if (s->active && (now < s->last || now - s->last >= idle_s)) s->active = 0;
    return s->active;
}

void pin_session_end(pin_session *s) { s->active = 0; }

static int read_line(FILE *in, char *buf, size_t len)
{
    if (!fgets(buf, (int)len, in)) return -1;
    size_t n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(in)) return -1;   /* longer than the buffer */
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = 0;
    return 0;
}

int pin_read_new(FILE *in, char *pin, size_t pinlen, char *err, size_t errlen)
{
    char a[64], b[64];
    if (pinlen < 9) return mj_err(err, errlen, MJ_EINVAL, "pin: buffer too small");
    if (read_line(in, a, sizeof a) || read_line(in, b, sizeof b))
        return mj_err(err, errlen, MJ_EINVAL, "pin: expected the new PIN on two lines");
    int rc = MJ_OK;
    if (!pin_format_valid(a)) rc = mj_err(err, errlen, MJ_EINVAL, "pin: the PIN must be 4 to 8 digits");
    else if (strcmp(a, b)) rc = mj_err(err, errlen, MJ_EINVAL, "pin: the two PINs differ");
    else snprintf(pin, pinlen, "%s", a);
    sodium_memzero(a, sizeof a);
    sodium_memzero(b, sizeof b);
    return rc;
}

/* Appends n bytes to a growing buffer. */
static int put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t nc = (*cap ? *cap * 2 : 256) + n;
        char *nb = realloc(*buf, nc);
        if (!nb) return -1;
        *buf = nb;
        *cap = nc;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = 0;
    return 0;
}

/* The section name of a "[name]" line (spaces allowed around), or NULL. */
static int is_section(const char *line, size_t n, const char **name, size_t *namelen)
{
    while (n && (*line == ' ' || *line == '\t')) { line++; n--; }
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r')) n--;
    if (n < 2 || line[0] != '[' || line[n - 1] != ']') return 0;
    *name = line + 1;
    *namelen = n - 2;
    return 1;
}

static int is_pin_key(const char *line, size_t n)
{
    while (n && (*line == ' ' || *line == '\t')) { line++; n--; }
    if (n < 8 || strncmp(line, "pin_hash", 8)) return 0;
    line += 8; n -= 8;
    while (n && (*line == ' ' || *line == '\t')) { line++; n--; }
    return n && *line == '=';
}

int pin_config_write(const char *path, const char *hash, char *err, size_t errlen)
{
    if (!hash || strncmp(hash, "$argon2", 7) || strpbrk(hash, "\r\n"))
        return mj_err(err, errlen, MJ_EINVAL, "pin: not an Argon2 hash");
    char *text = NULL;
    size_t tlen = 0;
    char why[MJ_ERRLEN];
    /* The kiosk (another user) must still read the file after root ran --set-staff-pin: keep
     * the owner, group and group-read bit of an existing file; never world bits. */
    struct stat st;
    int had = stat(path, &st) == 0;
    int mode = had ? (int)((st.st_mode & 0640) | 0600) : 0600;
    int rc = mj_read_file(path, 1 << 20, &text, &tlen, why, sizeof why);
    if (rc == MJ_EIO && errno == ENOENT) { text = NULL; tlen = 0; rc = MJ_OK; }
    if (rc) return mj_err(err, errlen, rc, "%s", why);

    char keyline[PIN_HASH_MAX + 32];
    int kl = snprintf(keyline, sizeof keyline, "pin_hash = %s\n", hash);
    char *out = NULL;
    size_t olen = 0, cap = 0;
    int in_staff = 0, done = 0, fail = 0;
    const char *p = text ? text : "", *end = p + tlen;
    while (p < end && !fail) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *name;
        size_t namelen;
        if (is_section(p, n, &name, &namelen)) {
            if (in_staff && !done) { fail |= put(&out, &olen, &cap, keyline, (size_t)kl); done = 1; }
            in_staff = namelen == 5 && !strncmp(name, "staff", 5);
        } else if (in_staff && is_pin_key(p, n)) {
            if (!done) fail |= put(&out, &olen, &cap, keyline, (size_t)kl);
            done = 1;
            p += n + (nl ? 1 : 0);
            continue;                      /* the old line (and any duplicate) is dropped */
        }
        fail |= put(&out, &olen, &cap, p, n);
        fail |= put(&out, &olen, &cap, "\n", 1);
        p += n + (nl ? 1 : 0);
    }
    if (!done && in_staff) { fail |= put(&out, &olen, &cap, keyline, (size_t)kl); done = 1; }
    if (!done) {
        if (olen) fail |= put(&out, &olen, &cap, "\n", 1);
        fail |= put(&out, &olen, &cap, "[staff]\n", 8);
        fail |= put(&out, &olen, &cap, keyline, (size_t)kl);
    }
    free(text);
    if (fail) { free(out); return mj_err(err, errlen, MJ_ENOMEM, "pin: out of memory"); }
    rc = mj_write_file_atomic(path, out, olen, mode, err, errlen);
    free(out);
    if (rc) return rc;
    if (had && geteuid() == 0 && (st.st_uid != 0 || st.st_gid != 0) && chown(path, st.st_uid, st.st_gid))
        return mj_err(err, errlen, MJ_EIO, "%s: cannot give the file back to its owner (uid %d): %s", path,
                      (int)st.st_uid, strerror(errno));
    if (!had && geteuid() == 0)
        fprintf(stderr, "majakka-kiosk: warning: %s was created owned by root with mode 0600; the kiosk's user cannot "
                        "read it (chown it to that user)\n", path);
    return rc;
}

int pin_set_from(FILE *in, const char *config_path, FILE *out, char *err, size_t errlen)
{
    char pin[16], hash[PIN_HASH_MAX];
    int rc = pin_read_new(in, pin, sizeof pin, err, errlen);
    if (!rc) rc = pin_hash_new(pin, hash, sizeof hash, err, errlen);
    sodium_memzero(pin, sizeof pin);
    if (rc) return rc;
    if (config_path) return pin_config_write(config_path, hash, err, errlen);
    if (fprintf(out, "[staff]\npin_hash = %s\n", hash) < 0 || fflush(out) != 0)
        return mj_err(err, errlen, MJ_EIO, "pin: cannot write the hash");
    return MJ_OK;
}
