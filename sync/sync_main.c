/* sync_main.c - majakka-sync: the kiosk's sync agent, a process separate from the UI.
 *   majakka-sync [options] enroll CODE | once | run [--max-cycles N] | status
 * Settings come from the kiosk's INI file ([sync] hub_url, ca_file, pin_pubkey, interval;
 * [kiosk] data_dir), overridden by flags. `run` is the daemon: a cycle every interval, and after
 * a failure exponential backoff with full jitter (honouring Retry-After), so it never loops
 * tightly and catches up after days offline. Exit codes: 0 ok, 1 refused/permanent, 2 usage,
 * 75 temporary failure (EX_TEMPFAIL). */
#include "backoff.h"
#include "config.h"
#include "log.h"
#include "notify.h"
#include "protocol.h"
#include "store.h"
#include "sync_agent.h"
#include "util.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set by SIGTERM/SIGINT: ends the wait and aborts a request in flight (nothing is lost: an
 * unacknowledged batch is simply sent again next time). */
static volatile sig_atomic_t stop_flag;
static void on_signal(int sig) { (void)sig; stop_flag = 1; }

static void print_usage(FILE *f)
{
    fprintf(f,
            "usage: majakka-sync [--config FILE] [--store PATH] [--hub URL] [--ca-file PEM] [--pin sha256//...]\n"
            "                    [--token-file PATH] [--connect-timeout-ms N] [--timeout-ms N] [--batch N]\n"
            "                    [--interval S] [--backoff-base S] [--backoff-cap S]\n"
            "                    enroll CODE | once | run [--max-cycles N] | status\n"
            "       majakka-sync --help | --version\n"
            "  enroll CODE   exchange a one-time code from `majakka-hub enroll` for this kiosk's token\n"
            "  once          one sync cycle (content in, feedback out); exit 75 on a temporary failure\n"
            "  run           the daemon: a cycle every --interval seconds, backoff after failures\n"
            "  status        outbox length and the last sync's result\n");
}

static int usage(void)
{
    print_usage(stderr);
    return 2;
}

/* Sleeps s seconds in one-second steps so SIGTERM ends the wait promptly (and the systemd
 * watchdog is pinged on the way). */
static void nap(long s)
{
    for (long i = 0; i < s && !stop_flag; i++) { sleep(1); notify_watchdog_tick(); }
}

/* STATUS= for `systemctl status`: outbox length, content version, the last result. */
static void sync_status(store *s, const char *result)
{
    char *cv = store_meta_get(s, "content_version");
    notify_status("outbox %ld unsent, content %s, last sync: %s", sync_outbox_length(s), cv ? cv : "none", result);
    free(cv);
}

int main(int argc, char **argv)
{
    char err[MJ_ERRLEN], store_path[1100], token_path[1100];
    config cfg;
    const char *config_file = NULL, *store_opt = NULL, *token_opt = NULL, *cmd = NULL, *arg = NULL;
    long interval = -1, backoff_base = 5, backoff_cap = 3600, max_cycles = -1;
    sync_agent_cfg ac = {.http = {.connect_timeout_ms = 10000, .total_timeout_ms = 120000, .max_response = 20u << 20},
                         .batch_size = 200, .max_batches = 50};
    /* --help and --version work anywhere: before the config file or the store is read. */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) { printf("majakka-sync %s\n", MAJAKKA_VERSION); return 0; }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { print_usage(stdout); return 0; }
    }
    config_defaults(&cfg);
    if (sodium_init() < 0) { log_msg(LOG_P_ERR, "majakka-sync", "libsodium failed to start"); return 1; }
    /* Two passes: the config file first, so flags override it whatever their order. */
    for (int i = 1; i < argc - 1; i++)
        if (strcmp(argv[i], "--config") == 0) config_file = argv[i + 1];
    if (config_file && config_load(&cfg, config_file, err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-sync", "%s", err); return 2; }
    if (!config_file && access("/etc/majakka/majakka.ini", R_OK) == 0 &&
        config_load(&cfg, "/etc/majakka/majakka.ini", err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-sync", "%s", err); return 2; }
    ac.http.base_url = cfg.hub_url;
    ac.http.abort_flag = (volatile int *)&stop_flag;
    ac.http.ca_file = cfg.ca_file;
    ac.http.pin = cfg.pin_pubkey;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1;
        if (strcmp(a, "--config") == 0 && v) ;
        else if (strcmp(a, "--store") == 0 && v) store_opt = v;
        else if (strcmp(a, "--hub") == 0 && v) ac.http.base_url = v;
        else if (strcmp(a, "--ca-file") == 0 && v) ac.http.ca_file = v;
        else if (strcmp(a, "--pin") == 0 && v) ac.http.pin = v;
        else if (strcmp(a, "--token-file") == 0 && v) token_opt = v;
        else if (strcmp(a, "--connect-timeout-ms") == 0 && v) ac.http.connect_timeout_ms = atol(v);
        else if (strcmp(a, "--timeout-ms") == 0 && v) ac.http.total_timeout_ms = atol(v);
        else if (strcmp(a, "--batch") == 0 && v) ac.batch_size = atoi(v);
        else if (strcmp(a, "--interval") == 0 && v) interval = atol(v);
        else if (strcmp(a, "--backoff-base") == 0 && v) backoff_base = atol(v);
        else if (strcmp(a, "--backoff-cap") == 0 && v) backoff_cap = atol(v);
        else if (strcmp(a, "--max-cycles") == 0 && v) max_cycles = atol(v);
        else if (strncmp(a, "--", 2) == 0) return usage();
        else {
            takes = 0;
            if (!cmd) cmd = a;
            else if (!arg) arg = a;
            else return usage();
        }
        i += takes;
    }
    if (!cmd) return usage();
    if (ac.batch_size < 1 || ac.batch_size > PROTO_MAX_BATCH || backoff_base < 1 || backoff_cap < backoff_base)
        return usage();
    if (interval < 0) interval = cfg.sync_interval_s;
    if (store_opt) snprintf(store_path, sizeof store_path, "%s", store_opt);
    else if (config_store_path(&cfg, store_path, sizeof store_path, err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-sync", "%s", err); return 1; }
    if (token_opt) snprintf(token_path, sizeof token_path, "%s", token_opt);
    else {
        /* Next to the store: data_dir/hub-token. */
        snprintf(token_path, sizeof token_path, "%s", store_path);
        char *slash = strrchr(token_path, '/');
        snprintf(slash ? slash + 1 : token_path, sizeof token_path - (size_t)(slash ? slash + 1 - token_path : 0), "hub-token");
    }
    ac.token_file = token_path;
    if (strcmp(cmd, "status") != 0 && !*ac.http.base_url) { log_msg(LOG_P_ERR, "majakka-sync", "no hub URL (sync.hub_url or --hub)"); return 2; }

    store *s;
    if (store_open(store_path, &s, err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-sync", "%s", err); return 1; }
    if (sync_http_global_init()) { store_close(s); log_msg(LOG_P_ERR, "majakka-sync", "curl failed to start"); return 1; }
    int rc = 0;
    if (strcmp(cmd, "enroll") == 0) {
        if (!arg) rc = usage();
        else if (sync_enroll(&ac, s, arg, err, sizeof err)) { log_msg(LOG_P_ERR, "majakka-sync", "%s", err); rc = 1; }
        else printf("%s\n", err);
    } else if (strcmp(cmd, "status") == 0) {
        static const sync_state_key keys[] = { SYNC_KIOSK_ID, SYNC_SITE, SYNC_LAST_ATTEMPT, SYNC_LAST_SUCCESS,
                                               SYNC_LAST_ERROR, SYNC_BUNDLE_ETAG, SYNC_CONTENT_ERROR };
        printf("outbox: %ld unsent\n", sync_outbox_length(s));
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            char *v = sync_state_get(s, keys[i]);
            printf("%s: %s\n", sync_state_name(keys[i]), v ? v : "-");
            free(v);
        }
    } else if (strcmp(cmd, "once") == 0 || strcmp(cmd, "run") == 0) {
        int daemon = strcmp(cmd, "run") == 0;
        /* One agent per store: a systemd run and a manual one must not race. */
        char lock_path[1200];
        snprintf(lock_path, sizeof lock_path, "%s.sync-lock", store_path);
        int lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (lock_fd < 0 || flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
            log_msg(LOG_P_ERR, "majakka-sync", "another majakka-sync is using %s", store_path);
            sync_http_global_cleanup();
            store_close(s);
            return 75;
        }
        backoff bo = {.base_s = backoff_base, .cap_s = backoff_cap, .floor_s = 1};
        struct sigaction sa = {0};
        sa.sa_handler = on_signal;
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        if (daemon) {   /* the first cycle is scheduled: ready */
            char *cv = store_meta_get(s, "content_version");
            char line[200];
            snprintf(line, sizeof line, "outbox %ld unsent, content %s, first sync starting", sync_outbox_length(s), cv ? cv : "none");
            free(cv);
            notify_ready(line);
        }
        for (long cycle = 0; !stop_flag && (max_cycles < 0 || cycle < max_cycles); cycle++) {
            sync_result res;
            int st = sync_cycle(&ac, s, &res, err, sizeof err);
            if (res.bundle_msg[0]) log_msg(LOG_P_NOTICE, "majakka-sync", "%s", res.bundle_msg);
            if (res.invalid) log_msg(LOG_P_WARNING, "majakka-sync", "%d records set aside (see above)", res.invalid);
            if (!st) {
                log_msg(LOG_P_INFO, "majakka-sync", "ok: %d sent (%d already at hub), %d slip counts, outbox %ld",
                        res.uploaded, res.duplicates, res.slips, sync_outbox_length(s));
                backoff_reset(&bo);
                rc = 0;
                if (daemon) sync_status(s, "ok");
            } else {
                log_msg(LOG_P_ERR, "majakka-sync", "%s", err);
                rc = st == MJ_EIO ? 75 : 1;
                if (daemon) sync_status(s, st == MJ_EIO ? "failed, retrying" : "refused");
            }
            if (!daemon || (max_cycles >= 0 && cycle + 1 >= max_cycles)) break;
            long wait = interval;
            if (st) {
                wait = backoff_next(&bo, res.retry_after_s, randombytes_random());
                /* A refused token (401) will not fix itself soon: wait the longest. */
                if (res.auth_failed) wait = backoff_cap;
                log_msg(LOG_P_NOTICE, "majakka-sync", "next attempt in %ld s (failure %d)", wait, bo.failures);
            }
            notify_watchdog_tick();
            nap(wait);
        }
        if (daemon) notify_stopping();
        if (daemon && stop_flag) {
            log_msg(LOG_P_INFO, "majakka-sync", "stopped");
            rc = 0;   /* asked to stop: not a failure */
        }
    } else {
        rc = usage();
    }
    sync_http_global_cleanup();
    store_close(s);
    return rc;
}
