/* hub_rpt_chart.c - see hub_rpt_chart.h. */
#include "hub_rpt_chart.h"
#include <stdio.h>

static void svg_begin(hub_html *h, int w, int ht, const char *alt)
{
    hub_html_add(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    " height=\"%d\" role=\"img\" aria-label=\"", w, ht, w, ht);
    hub_html_esc(h, alt);
    hub_html_add(h, "\">");
}

void hub_chart_bars(hub_html *h, const char *alt, const char *const *labels, json_t *const *values, int n, int share,
                    const char *few)
{
    double max = share ? 1.0 : 1.0;
    for (int i = 0; i < n; i++)
        if (!share && json_is_integer(values[i]) && (double)json_integer_value(values[i]) > max)
            max = (double)json_integer_value(values[i]);
    int row = 26, left = 200, width = 300;
    svg_begin(h, left + width + 110, n * row + 6, alt);
    for (int i = 0; i < n; i++) {
        int y = i * row + 4;
        hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1f24\">", left - 8, y + 15);
        hub_html_esc(h, labels[i]);
        hub_html_add(h, "</text>");
        if (json_is_null(values[i]) || !values[i]) {
            hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"40\" height=\"18\" fill=\"none\" stroke=\"#767d86\""
                            " stroke-dasharray=\"3 2\"/><text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#4d545c\">",
                         left, y + 1, left + 46, y + 15);
            hub_html_esc(h, few);
            hub_html_add(h, "</text>");
            continue;
        }
        double v = share ? json_number_value(values[i]) : (double)json_integer_value(values[i]);
        int w = (int)(v / max * width + 0.5);
        if (w < 1) w = 1;
        hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#2f5d8a\"/>", left, y + 1, w);
        if (share) hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1b1f24\">%.1f %%</text>", left + w + 6,
                                y + 15, v * 100);
        else hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1b1f24\">%lld</text>", left + w + 6, y + 15,
                          (long long)json_integer_value(values[i]));
    }
    hub_html_add(h, "</svg>");
}

void hub_chart_sparkline(hub_html *h, const char *alt, json_t *weeks)
{
    size_t n = json_array_size(weeks), i;
    json_t *w;
    long long max = 1;
    json_array_foreach(weeks, i, w) {
        json_t *a = json_object_get(w, "answers");
        if (json_is_integer(a) && json_integer_value(a) > max) max = json_integer_value(a);
    }
    int step = 18, ht = 60, wd = (int)(n > 1 ? (n - 1) * (size_t)step : 1) + 60;
    svg_begin(h, wd, ht + 16, alt);
    hub_html_add(h, "<line x1=\"4\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c8ccd2\"/>", ht + 4, wd - 50, ht + 4);
    int open = 0;
    json_array_foreach(weeks, i, w) {
        json_t *a = json_object_get(w, "answers");
        int x = 4 + (int)i * step;
        if (!json_is_integer(a)) {
            if (open) hub_html_add(h, "\"/>");
            open = 0;
            hub_html_add(h, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"none\" stroke=\"#767d86\"/>", x, ht + 4);
            continue;
        }
        int y = 4 + (int)((max - json_integer_value(a)) * ht / max);
        if (!open) hub_html_add(h, "<polyline fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2\" points=\"");
        hub_html_add(h, "%d,%d ", x, y);
        open = 1;
    }
    if (open) hub_html_add(h, "\"/>");
    json_array_foreach(weeks, i, w) {
        json_t *a = json_object_get(w, "answers");
        if (json_is_integer(a))
            hub_html_add(h, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#2f5d8a\"/>", 4 + (int)i * step,
                         4 + (int)((max - json_integer_value(a)) * ht / max));
    }
    hub_html_add(h, "<text x=\"%d\" y=\"14\" font-size=\"12\" fill=\"#1b1f24\">%lld</text></svg>", wd - 44, max);
}

void hub_chart_heat(hub_html *h, const char *alt, json_t *hours, const char *const *day_names)
{
    long long max = 1;
    size_t d, i;
    json_t *row, *v;
    json_array_foreach(hours, d, row) json_array_foreach(json_object_get(row, "hours"), i, v)
        if (json_is_integer(v) && json_integer_value(v) > max) max = json_integer_value(v);
    int cell = 22, left = 44, top = 18;
    svg_begin(h, left + 24 * cell + 4, top + 7 * cell + 4, alt);
    for (int hr = 0; hr < 24; hr += 3)
        hub_html_add(h, "<text x=\"%d\" y=\"13\" font-size=\"11\" fill=\"#1b1f24\">%02d</text>", left + hr * cell + 2, hr);
    json_array_foreach(hours, d, row) {
        int y = top + (int)d * cell;
        hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1f24\">", left - 6, y + 15);
        hub_html_esc(h, d < 7 ? day_names[d] : "");
        hub_html_add(h, "</text>");
        json_array_foreach(json_object_get(row, "hours"), i, v) {
            int x = left + (int)i * cell;
            if (!json_is_integer(v)) {
                hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f5f7\" stroke=\"#dde1e6\"/>",
                             x, y, cell - 2, cell - 2);
                continue;
            }
            /* lighter to darker blue with the count */
            int k = (int)(json_integer_value(v) * 100 / max);
            int r = 220 - k * 180 / 100, g = 232 - k * 150 / 100, b = 245 - k * 100 / 100;
            hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%02x%02x%02x\"/>", x, y, cell - 2,
                         cell - 2, (unsigned)r & 0xff, (unsigned)g & 0xff, (unsigned)b & 0xff);
        }
    }
    hub_html_add(h, "</svg>");
}
