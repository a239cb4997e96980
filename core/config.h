/* config.h - Majakka's configuration: one INI file (docs/configuration.md lists every key and its
 * default), overridden by command-line flags. With no file at all the embedded defaults apply
 * and data lives in a per-user folder ($XDG_DATA_HOME/majakka, else ~/.local/share/majakka). */
#ifndef MAJAKKA_CONFIG_H
#define MAJAKKA_CONFIG_H
#include <stddef.h>

typedef struct config {
    /* [kiosk] */
    char data_dir[1024];        /* the store is data_dir/majakka.db */
    char assets_dir[1024];      /* fonts-independent assets: translations, icons, demo bundle */
    int fullscreen;             /* 0 windowed, 1 full screen */
    int width, height;          /* window size when windowed */
    int portrait;               /* 1: lay out for a portrait screen */
    int idle_timeout_s;         /* "Still there?" after this many seconds without touch */
    int idle_countdown_s;       /* then back to Home after this many more */
    char language[16];          /* UI language at start and after idle reset; "" = site default */
    int large_text, high_contrast;   /* start-up values of the Home toggles */
    double dpi;                 /* 0: ask SDL */
    /* [feedback] */
    int feedback_round_minutes; /* stored times are rounded down to this (60 = the hour) */
    int feedback_suspect_s;     /* a press within this many seconds of the previous is suspect */
    int feedback_burst_per_min; /* at most this many answers a minute are stored */
    int comment_max_chars;
    /* [staff] */
    char staff_pin_hash[256];   /* Argon2id string; "" = staff mode disabled */
    int staff_idle_s;
    /* [printer] */
    char printer[256];          /* "none", "file:/dev/usb/lp0", "tcp:HOST:9100", "pdf:PATH", "png:PATH", "cups:NAME" */
    int printer_dots;           /* 384 (58 mm) or 576 (80 mm) */
    /* [sync] */
    char hub_url[512];
    char ca_file[1024];
    char pin_pubkey[256];       /* curl's sha256//... public key pin, optional */
    int sync_interval_s;
} config;

/* Fills cfg with the embedded defaults. */
void config_defaults(config *cfg);
/* Reads an INI file over cfg; unknown sections or keys and bad values are errors naming
 * file:line. A missing file is MJ_ENOTFOUND (callers decide whether that matters). */
int config_load(config *cfg, const char *path, char *err, size_t errlen);
/* Applies one "section.key=value" (how command-line flags reach the same checks). */
int config_set(config *cfg, const char *section, const char *key, const char *value, char *err, size_t errlen);
/* The store's path: data_dir/majakka.db, creating data_dir (0700) when missing. */
int config_store_path(const config *cfg, char *out, size_t outlen, char *err, size_t errlen);

#endif
