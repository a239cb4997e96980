/* linebreak.c - see linebreak.h. */
#include "linebreak.h"

static int soft_break_after(long c) { return c == '/' || c == '-' || c == '.' || c == '?' || c == '&' || c == '_'; }

static int in_word(long c) { return c != ' ' && c != '\n'; }

int linebreak_next(const long *cp, int n, int from, int width, linebreak_measure measure, void *ctx,
                   linebreak_line *out)
{
    int i = from < 0 ? 0 : from;
    while (i < n && cp[i] == ' ') i++;
    if (i >= n) return 0;
    if (cp[i] == '\n') { *out = (linebreak_line){ i, i, i + 1, 0 }; return 1; }
    /* the longest run of whole words from i that fits */
    int end = -1, j = i, cut = 0;
    while (j < n && cp[j] != '\n') {
        int k = j;
        while (k < n && in_word(cp[k])) k++;
        int w = measure(ctx, i, k);
        if (w < 0) return w;
        if (w > width) break;
        end = k;
        j = k;
        while (j < n && cp[j] == ' ') j++;
    }
    if (end < 0) {
        /* one word wider than the line: cut it, after a / - . ? & _ when that keeps enough */
        int k = i, best = -1, best_soft = -1;
        while (k < n && in_word(cp[k])) {
            int w = measure(ctx, i, k + 1);
            if (w < 0) return w;
            if (w > width) break;
            best = k + 1;
            if (soft_break_after(cp[k])) best_soft = k + 1;
            k++;
        }
        if (best < 0) best = i + 1;
        end = best_soft > i + (best - i) / 2 ? best_soft : best;
        cut = 1;
    }
    int next = end;
    while (next < n && cp[next] == ' ') next++;
    if (next < n && cp[next] == '\n') next++;
    *out = (linebreak_line){ i, end, next, cut };
    return 1;
}
