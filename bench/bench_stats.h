/* bench_stats.h - what the benchmark programs share: a monotonic clock, and one figure's line for
 * bench/run.sh ("NAME<TAB>median<TAB>p99<TAB>unit") over repeated runs. */
#ifndef MAJAKKA_BENCH_STATS_H
#define MAJAKKA_BENCH_STATS_H

/* Milliseconds on the monotonic clock (for differences only). */
double bench_now_ms(void);
/* Sorts v[0..n) and prints its median and 99th percentile with `decimals` places. */
void bench_report(const char *name, double *v, long n, const char *unit, int decimals);

#endif
