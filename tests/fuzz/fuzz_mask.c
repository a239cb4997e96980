/* fuzz_mask.c - libFuzzer target for the masker (core/mask.c) with an oracle: whatever the
 * input, the output is NUL-terminated within its buffer, no longer than the input, valid UTF-8
 * when the input was, and holds no run of 6+ decimal digits of any script (an identity code has
 * six), no e-mail address (local@domain.tld). A finding aborts. */
#include "mask.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int email_ch(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("._%+-", c)); }
static int label_ch(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }

static void finding(const char *what, const char *in, const char *out)
{
    fprintf(stderr, "mask oracle: %s\n  in:  %s\n  out: %s\n", what, in, out);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) return 0;
    char *in = malloc(size + 1), *out = malloc(size + 8);
    if (!in || !out) { free(in); free(out); return 0; }
    memcpy(in, data, size);
    in[size] = 0;
    size_t n = strlen(in);
    mask_text(in, out, n + 8, NULL);
    size_t on = strlen(out);
    if (on > n && on > 3) finding("output longer than the input", in, out);
    int valid = mj_utf8_valid(in, n);
    if (valid && !mj_utf8_valid(out, on)) finding("output is not UTF-8", in, out);
    int run = 0;
    for (const char *p = out, *end = out + on; p < end;) {
        long cp = mj_utf8_next(&p, end);
        if (cp < 0) { p++; run = 0; continue; }
        /* Any decimal digit; the full-width ones are also caught by their ASCII look-alike rule. */
        run = mask_digit(cp) >= 0 ? run + 1 : 0;
        if (run >= 6) finding("6 digits in a row survive", in, out);
    }
    for (const char *a = strchr(out, '@'); a; a = strchr(a + 1, '@')) {
        if (a == out || !email_ch(a[-1])) continue;
        const char *d = a + 1;
        while (label_ch(*d) || *d == '.') d++;
        for (const char *k = a + 2; k < d; k++)
            if (*k == '.' && k[-1] != '.' && label_ch(k[1])) finding("an e-mail address survives", in, out);
    }
    free(in);
    free(out);
    return 0;
}
