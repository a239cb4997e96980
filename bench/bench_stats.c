/* bench_stats.c - see bench_stats.h. */
#include "bench_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_report(const char *name, double *v, long n, const char *unit, int decimals)
{
    if (n < 1) return;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    long p99 = (long)((double)n * 0.99);
    if (p99 >= n) p99 = n - 1;
    printf("%s\t%.*f\t%.*f\t%s\n", name, decimals, v[n / 2], decimals, v[p99], unit);
}
