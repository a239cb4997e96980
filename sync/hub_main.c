/* hub_main.c - majakka-hub: the central server and its command line.
 *   majakka-hub [--db PATH] init | coordinator NAME [--role R] [--site S]... | enroll --site S --name N [--ttl-hours H]
 *              | user add NAME --role admin|coordinator [--site S]... | user passwd NAME
 *              | user disable NAME | user enable NAME | user list
 *              | revoke KIOSK_ID | rename KIOSK_ID --name N | move KIOSK_ID --site S
 *              | alert-mail --site S --to ADDR | publish BUNDLE --site S | import-ics FILE --site S
 *              | import-hsds|import-ptv|import-linkedevents FILE...|--url URL --site S [--category ID]
 *              | import-calendar FILE --site S
 *              | export [--from D] [--to D] [--site S] [--exclude-suspect]
 *              | serve --cert PEM --key PEM [--listen ADDR] [--port N] [--port-file F]
 *              | migrate-to postgresql://...
 * The database (a SQLite path or a postgresql:// URL) defaults to $MAJAKKA_HUB_DB, else
 * /var/lib/majakka-hub/hub.db. */
#include "content.h"
#include "hub_http.h"
#include "hub_ics.h"
#include "hub_import.h"
#include "hub_import_cli.h"
#include "hub_preview.h"
#include "hub_report.h"
#include "hub_store.h"
#include "hub_watch.h"
#include "hub_web.h"
#include "log.h"
#include "notify.h"
#include "protocol.h"
#include "util.h"
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag;
static void on_signal(int sig) { (void)sig; stop_flag = 1; }

/* One usage line per command: `majakka-hub CMD --help` prints that command's, `--help` all. */
static const char *const usage_lines[][2] = {
    {"init", "init                                create the database and a first coordinator token"},
    {"coordinator", "coordinator NAME [--role admin|coordinator] [--site S]...   add an API token (printed once);\n"
                    "        an admin's by default, a coordinator's reaches only the sites given"},
    {"user", "user add NAME --role admin|coordinator [--site S]...   add a sign-in account\n"
             "        user passwd NAME | user disable NAME | user enable NAME | user list\n"
             "        (passwords are read from the terminal, twice, or one line from standard input)"},
    {"enroll", "enroll --site S --name N [--ttl-hours H]   print a one-time kiosk enrollment code"},
    {"revoke", "revoke KIOSK_ID                     revoke a kiosk's token"},
    {"rename", "rename KIOSK_ID --name N            rename a kiosk"},
    {"move", "move KIOSK_ID --site S              move a kiosk to another site (its next sync fetches that site's content)"},
    {"alert-mail", "alert-mail --site S --to ADDR       the site's alert address (--to \"\" removes it)"},
    {"publish", "publish BUNDLE --site S             publish a content bundle for a site"},
    {"import-ics", "import-ics FILE --site S            add an iCalendar file's events to a site's bundle"},
    {"import-hsds", "import-hsds " HUB_IMPORT_CLI_USAGE "\n"
                    "        Open Referral HSDS (3.0 JSON, or a 1.x/2.x CSV datapackage's folder) into the site's draft"},
    {"import-ptv", "import-ptv " HUB_IMPORT_CLI_USAGE "\n        PTV services and service channels (JSON) into the site's draft"},
    {"import-linkedevents", "import-linkedevents " HUB_IMPORT_CLI_USAGE "\n        Linked Events events (JSON) into the site's draft"},
    {"import-calendar", "import-calendar FILE --site S      an iCalendar file's events into the site's draft (import-ics: into\n"
                        "        the published bundle)"},
    {"export", "export [--from D] [--to D] [--site S] [--exclude-suspect]   feedback as CSV on stdout"},
    {"migrate-to", "migrate-to postgresql://...         copy this hub's database into an empty PostgreSQL one"},
    {"serve", "serve --cert PEM --key PEM [--listen ADDR] [--port N] [--port-file F] [--quiet]\n"
              "        [--deadlines H,B,R]   seconds for TLS+headers, body, reply (10,60,120)\n"
              "        [--tls-ticket-key FILE]   (the same file on every hub process behind a balancer)\n"
              "        [--max-connections N] [--max-per-address N]   (256, 16; raise the latter behind a balancer)\n"
              "        [--session-idle S] [--session-max S]   sign-in sessions end after S seconds unused / in all\n"
              "        (1800, 43200)\n"
              "        [--public-url https://...] [--alert-check-s N]   (the fleet's alert check, every 60 s)\n"
              "        [--smtp-url smtp://relay:587 --smtp-from ADDR [--smtp-starttls] [--smtp-ca-file PEM]\n"
              "         [--smtp-user U --smtp-password-file F] [--smtp-timeout-s N]]   alert mail\n"
              "        [--kiosk PATH] [--kiosk-assets DIR]   the majakka-kiosk that draws previews (beside the hub,\n"
              "        else /usr/bin) and its assets   [--preview-limits MS,MB]   per picture (10000,512; MB -1: none)"
#ifdef MAJAKKA_HUB_TEST
              "\n        [--test-mode] [--test-commit-delay-ms N]   (majakka-hub-test, the test build, only)"
#endif
    },
};
#define N_USAGE (sizeof usage_lines / sizeof usage_lines[0])

static void print_usage(FILE *f, const char *cmd)
{
    for (size_t i = 0; i < N_USAGE; i++)
        if (cmd && strcmp(cmd, usage_lines[i][0]) == 0) {
            fprintf(f, "usage: majakka-hub [--db PATH|postgresql://...] %s\n", usage_lines[i][1]);
            return;
        }
    fprintf(f, "usage: majakka-hub [--db PATH|postgresql://...] COMMAND   (or --help, --version; COMMAND --help)\n"
               "  (database: --db, else $MAJAKKA_HUB_DB, else /var/lib/majakka-hub/hub.db)\n");
    for (size_t i = 0; i < N_USAGE; i++) fprintf(f, "  %s\n", usage_lines[i][1]);
}

static int usage(void)
{
    print_usage(stderr, NULL);
    return 2;
}

/* Looks for "--name value" in argv; NULL when absent. */
static const char *opt(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc - 1; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return NULL;
}
static int flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}
/* The first argument after the command that is not an option or an option's value. */
static const char *positional(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) == 0) {
            if (strcmp(argv[i], "--exclude-suspect") && strcmp(argv[i], "--test-mode") && strcmp(argv[i], "--quiet") &&
                strcmp(argv[i], "--smtp-starttls"))
                i++;
            continue;
        }
        return argv[i];
    }
    return NULL;
}

/* The fleet check and its alert mail from serve's flags (hub_watch.h); 0 or 2 (usage). */
static int watch_cfg(int argc, char **argv, hub_watch_cfg *wc, char *password, size_t pwlen)
{
    char err[MJ_ERRLEN];
    memset(wc, 0, sizeof *wc);
    const char *iv = opt(argc, argv, "--alert-check-s"), *to = opt(argc, argv, "--smtp-timeout-s");
    const char *pwfile = opt(argc, argv, "--smtp-password-file");
    char *end = NULL;
    wc->interval_s = 60;
    if (iv) { long v = strtol(iv, &end, 10); wc->interval_s = *iv && !*end && v >= 1 && v <= 86400 ? (int)v : -1; }
    if (wc->interval_s < 0) { fprintf(stderr, "majakka-hub: --alert-check-s takes 1 to 86400 seconds\n"); return 2; }
    wc->public_url = opt(argc, argv, "--public-url");
    if (wc->public_url && (strncmp(wc->public_url, "https://", 8) || strlen(wc->public_url) > 200 ||
                           strpbrk(wc->public_url, " \t\r\n<>\"?#"))) {
        fprintf(stderr, "majakka-hub: --public-url is the hub's https:// address (without ? or #)\n");
        return 2;
    }
    hub_mail_cfg *m = &wc->mail;
    m->url = opt(argc, argv, "--smtp-url");
    m->from = opt(argc, argv, "--smtp-from");
    m->starttls = flag(argc, argv, "--smtp-starttls");
    m->ca_file = opt(argc, argv, "--smtp-ca-file");
    m->user = opt(argc, argv, "--smtp-user");
    m->timeout_ms = 30000;
    if (to) { long v = strtol(to, &end, 10); m->timeout_ms = *to && !*end && v >= 1 && v <= 300 ? v * 1000 : -1; }
    if (m->timeout_ms < 0) { fprintf(stderr, "majakka-hub: --smtp-timeout-s takes 1 to 300 seconds\n"); return 2; }
    if (!m->url && (m->from || m->starttls || m->user || pwfile)) {
        fprintf(stderr, "majakka-hub: the --smtp-* settings need --smtp-url\n");
        return 2;
    }
    if (!m->url) return 0;
    if ((strncmp(m->url, "smtp://", 7) && strncmp(m->url, "smtps://", 8)) || !m->from || !hub_email_ok(m->from)) {
        fprintf(stderr, "majakka-hub: --smtp-url is smtp://HOST[:PORT] or smtps://..., with --smtp-from ADDRESS\n");
        return 2;
    }
    if (!m->user != !pwfile) { fprintf(stderr, "majakka-hub: --smtp-user and --smtp-password-file go together\n"); return 2; }
    if (pwfile) {
        char *pw = NULL;
        size_t len = 0;
        if (mj_read_file(pwfile, pwlen - 1, &pw, &len, err, sizeof err)) {
            fprintf(stderr, "majakka-hub: --smtp-password-file: %s\n", err);
            return 2;
        }
        while (len && (pw[len - 1] == '\n' || pw[len - 1] == '\r')) len--;
        memcpy(password, pw, len);
        password[len] = 0;
        sodium_memzero(pw, len);
        free(pw);
        m->password = password;
    }
    return 0;
}

static int cmd_serve(hub_store *hs, int argc, char **argv)
{
    char err[MJ_ERRLEN];
    hub_server_cfg cfg = {.address = opt(argc, argv, "--listen"), .cert_file = opt(argc, argv, "--cert"),
                          .key_file = opt(argc, argv, "--key"), .test_mode = flag(argc, argv, "--test-mode"),
                          .quiet = flag(argc, argv, "--quiet"),
                          .ticket_key_file = opt(argc, argv, "--tls-ticket-key")};
    const char *port = opt(argc, argv, "--port"), *port_file = opt(argc, argv, "--port-file");
    const char *delay = opt(argc, argv, "--test-commit-delay-ms");
    if (!cfg.address) cfg.address = "127.0.0.1";
    cfg.port = port ? atoi(port) : 8443;
    if (!cfg.cert_file || !cfg.key_file) return usage();
    const char *si = opt(argc, argv, "--session-idle"), *sm = opt(argc, argv, "--session-max");
    if ((si && atol(si) < 1) || (sm && atol(sm) < 1)) {
        fprintf(stderr, "majakka-hub: --session-idle and --session-max take seconds\n");
        return 2;
    }
    hub_web_set_session_limits(si ? atol(si) : 0, sm ? atol(sm) : 0);
#ifndef MAJAKKA_HUB_TEST
    if (cfg.test_mode || delay) {
        fprintf(stderr, "majakka-hub: --test-mode exists only in the test build (majakka-hub-test)\n");
        return 2;
    }
#endif
    if (delay && !cfg.test_mode) { fprintf(stderr, "majakka-hub: --test-commit-delay-ms needs --test-mode\n"); return 2; }
    if (delay) hub_store_set_commit_delay_ms(hs, atoi(delay));
    const char *dl = opt(argc, argv, "--deadlines");
    if (dl && sscanf(dl, "%d,%d,%d", &cfg.header_deadline_s, &cfg.body_deadline_s, &cfg.reply_deadline_s) != 3) {
        fprintf(stderr, "majakka-hub: --deadlines HEADERS,BODY,REPLY (seconds)\n");
        return 2;
    }
    const char *mc = opt(argc, argv, "--max-connections"), *mp = opt(argc, argv, "--max-per-address");
    char *end = NULL;
    if (mc) { long v = strtol(mc, &end, 10); cfg.max_connections = *mc && !*end && v >= 1 && v <= 4096 ? (int)v : -1; }
    if (mp) { long v = strtol(mp, &end, 10); cfg.max_per_address = *mp && !*end && v >= 1 && v <= 4096 ? (int)v : -1; }
    if (cfg.max_connections < 0 || cfg.max_per_address < 0) {
        fprintf(stderr, "majakka-hub: --max-connections and --max-per-address take a number from 1 to 4096\n");
        return 2;
    }
    hub_preview_cfg pv = {.kiosk = opt(argc, argv, "--kiosk"), .assets = opt(argc, argv, "--kiosk-assets")};
    const char *pl = opt(argc, argv, "--preview-limits");
    if (pl && (sscanf(pl, "%d,%ld", &pv.timeout_ms, &pv.memory_mb) != 2 || pv.timeout_ms < 100 || pv.timeout_ms > 120000 ||
               pv.memory_mb < -1 || pv.memory_mb == 0 || pv.memory_mb > 65536)) {
        fprintf(stderr, "majakka-hub: --preview-limits MS,MB: 100 to 120000 ms, 1 to 65536 MB (or -1: no memory limit)\n");
        return 2;
    }
    hub_preview_configure(&pv);
    hub_watch_cfg wc;
    char smtp_password[256] = "";
    if (watch_cfg(argc, argv, &wc, smtp_password, sizeof smtp_password)) return 2;
    wc.quiet = cfg.quiet;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    hub_server *srv;
    if (hub_server_start(hs, &cfg, &srv, err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-hub", "%s", err); return 1; }
    hub_watch *watch = NULL;
    if (hub_watch_start(hs, &wc, &watch, err, sizeof err)) {
        log_msg(LOG_P_ERR, "majakka-hub", "%s", err);
        hub_server_stop(srv);
        return 1;
    }
    int bound = hub_server_port(srv);
    log_msg(LOG_P_INFO, "majakka-hub", "listening on https://%s:%d/%s", cfg.address, bound, cfg.test_mode ? " (TEST MODE)" : "");
    if (port_file) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%d\n", bound);
        if (mj_write_file_atomic(port_file, buf, (size_t)n, 0644, err, sizeof err))
            fprintf(stderr, "majakka-hub: %s\n", err);
    }
    char ready[200];
    snprintf(ready, sizeof ready, "listening on %s:%d%s", cfg.address, bound, cfg.test_mode ? " (TEST MODE)" : "");
    notify_ready(ready);
    /* With WatchdogSec= the main thread wakes twice a second to ping; else it sleeps. */
    while (!stop_flag) {
        if (notify_watchdog_ms()) { usleep(500 * 1000); notify_watchdog_tick(); }
        else pause();
    }
    notify_stopping();
    hub_watch_stop(watch);
    hub_server_stop(srv);
    sodium_memzero(smtp_password, sizeof smtp_password);
    log_msg(LOG_P_INFO, "majakka-hub", "stopped");
    return 0;
}

/* The k-th (0-based) argument after the command that is not an option or an option's value. */
static const char *positional_n(int argc, char **argv, int k)
{
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) == 0) { i++; continue; }
        if (k-- == 0) return argv[i];
    }
    return NULL;
}

/* One line from f without its line end; 0, or -1 at end of input or for a line too long. */
static int read_line(FILE *f, char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, f)) return -1;
    size_t n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(f)) { memset(buf, 0, cap); return -1; }
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = 0;
    return 0;
}

/* A new password: from a terminal twice without echo, else one line of standard input. Never
 * from the command line (other users see argv in ps). */
static int read_password(char *pw, size_t cap)
{
    char again[200];
    if (!isatty(STDIN_FILENO)) {
        if (read_line(stdin, pw, cap)) { fprintf(stderr, "majakka-hub: no password on standard input\n"); return -1; }
        return 0;
    }
    struct termios old, quiet;
    int have_tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (have_tty) { quiet = old; quiet.c_lflag &= ~(tcflag_t)ECHO; tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet); }
    fprintf(stderr, "New password (at least 10 characters): ");
    int rc = read_line(stdin, pw, cap);
    fprintf(stderr, "\nThe same again: ");
    if (!rc) rc = read_line(stdin, again, sizeof again);
    fprintf(stderr, "\n");
    if (have_tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    if (!rc && strcmp(pw, again) != 0) { fprintf(stderr, "majakka-hub: the two passwords differ\n"); rc = -1; }
    memset(again, 0, sizeof again);
    return rc;
}

/* The --site values of argv. */
static int sites_of(int argc, char **argv, const char **sites)
{
    int n = 0;
    for (int i = 0; i < argc - 1; i++)
        if (strcmp(argv[i], "--site") == 0) {
            if (n == HUB_MAX_SITES) return -1;
            sites[n++] = argv[++i];
        }
    return n;
}

/* user list: name, role, state, sites. */
static int print_user_row(void *ctx, const hub_val *c, int n)
{
    (void)ctx;
    if (n >= 6) printf("%s\t%s\t%s\t%s\n", c[1].s, c[2].s, c[3].s && atoi(c[3].s) ? "disabled" : "active", c[5].s ? c[5].s : "");
    return 0;
}

static int cmd_user(hub_store *hs, int argc, char **argv)
{
    char err[MJ_ERRLEN], pw[200], hash[128], detail[100];
    const char *sub = positional_n(argc, argv, 0), *name = positional_n(argc, argv, 1), *sites[HUB_MAX_SITES];
    hub_principal p;
    int rc = 0;
    if (sub && strcmp(sub, "list") == 0) {
        long long n = 0;
        if (hub_user_count(hs, &n, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); return 1; }
        return hub_user_rows(hs, print_user_row, NULL, err, sizeof err) ? (fprintf(stderr, "majakka-hub: %s\n", err), 1) : 0;
    }
    if (!sub || !name) { print_usage(stderr, "user"); return 2; }
    if (strcmp(sub, "add") == 0) {
        int role = hub_role_parse(opt(argc, argv, "--role")), n = sites_of(argc, argv, sites);
        if (role == HUB_ROLE_NONE || n < 0) { print_usage(stderr, "user"); return 2; }
        if (!hub_user_name_ok(name)) { fprintf(stderr, "majakka-hub: a user name is 1-64 of a-z 0-9 . _ -\n"); return 2; }
        for (int i = 0; i < n; i++)
            if (!proto_is_id(sites[i])) { fprintf(stderr, "majakka-hub: site \"%s\" is not an id\n", sites[i]); return 2; }
        if (hub_user_get(hs, name, &p, NULL, 0) == MJ_OK) { fprintf(stderr, "majakka-hub: user %s exists already\n", name); return 1; }
        if (read_password(pw, sizeof pw)) return 1;
        rc = hub_password_hash(pw, hash, err, sizeof err);
        if (!rc) rc = hub_user_add(hs, name, hash, role, err, sizeof err);
        if (!rc) rc = hub_user_get(hs, name, &p, err, sizeof err);
        if (!rc) rc = hub_user_set_sites(hs, p.id, sites, n, err, sizeof err);
        snprintf(detail, sizeof detail, "role=%s sites=%d", hub_role_name(role), n);
        if (!rc) hub_audit_add(hs, "cli", "local", "user.add", name, detail);
        if (!rc) printf("added %s (%s)\n", name, hub_role_name(role));
    } else if (strcmp(sub, "passwd") == 0) {
        if ((rc = hub_user_get(hs, name, &p, err, sizeof err)) == MJ_OK && (rc = read_password(pw, sizeof pw)) == 0 &&
            (rc = hub_password_hash(pw, hash, err, sizeof err)) == MJ_OK &&
            (rc = hub_user_set_password(hs, p.id, hash, NULL, err, sizeof err)) == MJ_OK) {
            hub_audit_add(hs, "cli", "local", "user.password", name, "");
            printf("password changed for %s; their sessions have ended\n", name);
        }
    } else if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
        int dis = strcmp(sub, "disable") == 0;
        if ((rc = hub_user_get(hs, name, &p, err, sizeof err)) == MJ_OK &&
            (rc = hub_user_set_disabled(hs, p.id, dis, err, sizeof err)) == MJ_OK) {
            hub_audit_add(hs, "cli", "local", dis ? "user.disable" : "user.enable", name, "");
            printf("%s %s\n", dis ? "disabled" : "enabled", name);
        }
    } else {
        print_usage(stderr, "user");
        return 2;
    }
    memset(pw, 0, sizeof pw);
    memset(hash, 0, sizeof hash);
    if (rc && rc != -1) fprintf(stderr, "majakka-hub: %s\n", err);
    return rc ? 1 : 0;
}

static int cmd_publish(hub_store *hs, int argc, char **argv, int ics)
{
    char err[MJ_ERRLEN], cv[65], etag[70];
    const char *file = positional(argc, argv), *site = opt(argc, argv, "--site");
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!file || !site) return usage();
    if (!proto_is_id(site)) { fprintf(stderr, "majakka-hub: site \"%s\" is not an id\n", site); return 2; }
    if (ics) {
        char *cur = NULL;
        size_t curlen;
        if ((rc = hub_bundle_get(hs, site, 0, NULL, &cur, &curlen, etag, err, sizeof err))) {
            fprintf(stderr, "majakka-hub: %s (publish a bundle first)\n", err);
            return 1;
        }
        rc = hub_ics_merge(cur, curlen, file, &data, &len, err, sizeof err);
        free(cur);
    } else {
        rc = hub_bundle_file(file, &data, &len, err, sizeof err);
    }
    if (!rc) rc = content_check(data, len, cv, err, sizeof err);
    if (!rc) rc = hub_bundle_put(hs, site, cv, data, len, etag, err, sizeof err);
    free(data);
    if (rc) { fprintf(stderr, "majakka-hub: %s: %s\n", file, err); return 1; }
    printf("published %s for site %s (etag %s)\n", cv, site, etag);
    return 0;
}

static int cmd_export(hub_store *hs, int argc, char **argv)
{
    char err[MJ_ERRLEN];
    hub_filter f = {opt(argc, argv, "--site"), opt(argc, argv, "--from"), opt(argc, argv, "--to"),
                    !flag(argc, argv, "--exclude-suspect")};
    if ((f.from && !proto_is_date(f.from)) || (f.to && !proto_is_date(f.to)) || (f.site && !proto_is_id(f.site))) {
        fprintf(stderr, "majakka-hub: --from/--to are YYYY-MM-DD, --site an id\n");
        return 2;
    }
    char *csv;
    size_t len;
    if (hub_csv_export(hs, &f, &csv, &len, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); return 1; }
    int ok = fwrite(csv, 1, len, stdout) == len && fflush(stdout) == 0;
    free(csv);
    return ok ? 0 : 1;
}

/* What to call the database in messages: a URL may hold a password, so it is never printed. */
static const char *shown(const char *db)
{
    return strncmp(db, "postgres", 8) == 0 && strstr(db, "://") ? "(PostgreSQL)" : db;
}

int main(int argc, char **argv)
{
    char err[MJ_ERRLEN], token[65], code[16];
    const char *db = getenv("MAJAKKA_HUB_DB");
    int i = 1;
    /* --help and --version work anywhere: before any database is opened or created. */
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--version") == 0) { printf("majakka-hub %s\n", MAJAKKA_VERSION); return 0; }
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
            const char *c = NULL;
            for (int j = 1; j < k; j++) {
                if (strcmp(argv[j], "--db") == 0) { j++; continue; }
                if (strncmp(argv[j], "--", 2) != 0) { c = argv[j]; break; }
            }
            print_usage(stdout, c);
            return 0;
        }
    }
    if (argc > 2 && strcmp(argv[1], "--db") == 0) { db = argv[2]; i = 3; }
    if (!db) db = "/var/lib/majakka-hub/hub.db";
    /* The database holds feedback and token hashes: nobody else reads what we create. */
    umask(077);
    if (i >= argc) return usage();
    const char *cmd = argv[i];
    int cargc = argc - i;
    char **cargv = argv + i;
    size_t known = 0;
    while (known < N_USAGE && strcmp(cmd, usage_lines[known][0]) != 0) known++;
    if (known == N_USAGE) {   /* an unknown command creates no database */
        fprintf(stderr, "majakka-hub: unknown command \"%s\"\n", cmd);
        return usage();
    }
    hub_store *hs;
    if (hub_store_open(db, &hs, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s: %s\n", shown(db), err); return 1; }
    int rc = 0;
    if (strcmp(cmd, "init") == 0) {
        long long have = 0;
        if (hub_coord_count(hs, &have, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else if (have) printf("database %s is ready (schema %d)\n", shown(db), hub_store_schema_version(hs));
        else if (hub_coord_new(hs, "admin", token, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else printf("database %s created\ncoordinator token (shown once): %s\n", shown(db), token);
    } else if (strcmp(cmd, "coordinator") == 0) {
        const char *name = positional(cargc, cargv), *role_s = opt(cargc, cargv, "--role"), *sites[HUB_MAX_SITES];
        int role = role_s ? hub_role_parse(role_s) : HUB_ROLE_ADMIN, n = sites_of(cargc, cargv, sites);
        if (!name || role == HUB_ROLE_NONE || n < 0) rc = usage();
        else if (hub_coord_new_scoped(hs, name, role, sites, n, token, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else printf("%s\n", token);
    } else if (strcmp(cmd, "user") == 0) {
        rc = cmd_user(hs, cargc, cargv);
    } else if (strcmp(cmd, "enroll") == 0) {
        const char *site = opt(cargc, cargv, "--site"), *name = opt(cargc, cargv, "--name"), *ttl = opt(cargc, cargv, "--ttl-hours");
        long hours = ttl ? atol(ttl) : 24;
        if (!site || !name || hours < 1 || hours > 24 * 30) rc = usage();
        else if (hub_enroll_new(hs, site, name, hours * 3600, code, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else printf("%s\n", code);
    } else if (strcmp(cmd, "revoke") == 0) {
        const char *id = positional(cargc, cargv);
        if (!id) rc = usage();
        else if (hub_kiosk_revoke(hs, id, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else printf("revoked %s\n", id);
    } else if (strcmp(cmd, "rename") == 0 || strcmp(cmd, "move") == 0) {
        const char *id = positional(cargc, cargv), *name = opt(cargc, cargv, "--name"), *site = opt(cargc, cargv, "--site");
        int ren = cmd[0] == 'r';
        if (!id || !(ren ? name : site)) rc = usage();
        else if ((ren ? hub_kiosk_rename(hs, id, name, err, sizeof err) : hub_kiosk_move(hs, id, site, err, sizeof err))) {
            fprintf(stderr, "majakka-hub: %s\n", err);
            rc = 1;
        } else {
            printf(ren ? "renamed %s\n" : "moved %s\n", id);
        }
    } else if (strcmp(cmd, "alert-mail") == 0) {
        const char *site = opt(cargc, cargv, "--site"), *to = opt(cargc, cargv, "--to");
        if (!site || !to) rc = usage();
        else if (hub_site_set_alert_email(hs, site, to, err, sizeof err)) { fprintf(stderr, "majakka-hub: %s\n", err); rc = 1; }
        else printf(*to ? "alert mail for %s goes to %s\n" : "no alert mail for %s\n", site, to);
    } else if (strcmp(cmd, "publish") == 0) {
        rc = cmd_publish(hs, cargc, cargv, 0);
    } else if (strcmp(cmd, "import-ics") == 0) {
        rc = cmd_publish(hs, cargc, cargv, 1);
    } else if (strncmp(cmd, "import-", 7) == 0 && hub_import_fmt_of(cmd + 7) >= 0) {
        rc = hub_import_cli(hs, hub_import_fmt_of(cmd + 7), cargc, cargv);
    } else if (strcmp(cmd, "export") == 0) {
        rc = cmd_export(hs, cargc, cargv);
    } else if (strcmp(cmd, "migrate-to") == 0) {
        const char *to = positional(cargc, cargv);
        long long rows = 0;
        if (!to) rc = usage();
        else if (hub_store_copy_to(hs, to, &rows, err, sizeof err)) { fprintf(stderr, "majakka-hub: migrate-to: %s\n", err); rc = 1; }
        else printf("copied %lld rows from %s to %s\n", rows, hub_store_backend_name(hs), shown(to));
    } else if (strcmp(cmd, "serve") == 0) {
        rc = cmd_serve(hs, cargc, cargv);
    } else {
        rc = usage();
    }
    hub_store_close(hs);
    return rc;
}
