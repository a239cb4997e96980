/* test.h - a tiny test harness: CHECK macros, a failure count and the closing line.
 * Each test program defines test functions and calls them through RUN(); main returns
 * TEST_DONE(), which prints "N passed, N failed" and exits non-zero on any failure. */
#ifndef MAJAKKA_TEST_H
#define MAJAKKA_TEST_H
#include <stdio.h>
#include <string.h>

static int test_failed_checks, test_passed_tests, test_failed_tests, test_cur_failed;

#define CHECK(cond) do { if (!(cond)) { test_cur_failed++; test_failed_checks++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); if (a_ != b_) { \
    test_cur_failed++; test_failed_checks++; fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
    __FILE__, __LINE__, #a, a_, #b, b_); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
    test_cur_failed++; test_failed_checks++; fprintf(stderr, "%s:%d: %s\n  got:      \"%s\"\n  expected: \"%s\"\n", \
    __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)
#define RUN(fn) do { test_cur_failed = 0; fn(); if (test_cur_failed) { test_failed_tests++; \
    fprintf(stderr, "FAIL %s\n", #fn); } else { test_passed_tests++; printf("ok   %s\n", #fn); } } while (0)
#define TEST_DONE() (printf("%d passed, %d failed\n", test_passed_tests, test_failed_tests), \
    test_failed_tests ? 1 : 0)

#endif
