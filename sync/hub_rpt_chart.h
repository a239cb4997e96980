/* hub_rpt_chart.h - the report pages' charts, drawn by the hub as inline SVG (no script): each
 * has role="img" and a text alternative (aria-label), and the pages show the same figures as a
 * table beside it. A value is a report core count or share (hub_rpt.h): JSON null, "fewer than
 * 5", is drawn as an empty, outlined bar or cell and never as a number. */
#ifndef MAJAKKA_HUB_RPT_CHART_H
#define MAJAKKA_HUB_RPT_CHART_H
#include <jansson.h>
#include "hub_html.h"

/* Horizontal bars: labels[i] and values[i] (integers or null; shares 0..1 when share is 1). */
void hub_chart_bars(hub_html *h, const char *alt, const char *const *labels, json_t *const *values, int n, int share,
                    const char *few);
/* A sparkline of weekly answers: weeks is the overview's [{"week", "answers"}]. */
void hub_chart_sparkline(hub_html *h, const char *alt, json_t *weeks);
/* The weekday x hour grid as shaded cells: hours is the core's [{"weekday", "hours": [24]}];
 * day_names[7] Monday first. */
void hub_chart_heat(hub_html *h, const char *alt, json_t *hours, const char *const *day_names);

#endif
