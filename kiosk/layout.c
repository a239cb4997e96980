/* layout.c - see layout.h. */
#include "layout.h"

lay lay_begin(int x, int y, int w, int gap)
{
    return (lay){ .x = x, .w = w, .y = y, .gap = gap, .cx = x };
}

void lay_row(lay *l, int n, const int *widths, int h)
{
    if (n > LAY_MAX_CELLS) n = LAY_MAX_CELLS;
    if (n < 1) n = 1;
    l->n = n;
    l->i = 0;
    l->h = h;
    l->cx = l->x;
    for (int i = 0; i < n; i++) l->cw[i] = widths ? widths[i] : (l->w - (n - 1) * l->gap) / n;
}

ui_rect lay_next(lay *l)
{
    if (l->i >= l->n) lay_row(l, l->n, l->cw, l->h);   /* another row like the last */
    ui_rect r = { l->cx, l->y, l->cw[l->i], l->h };
    l->cx += r.w + l->gap;
    if (++l->i == l->n) {
        l->y += l->h + l->gap;
        l->cx = l->x;
    }
    return r;
}

ui_rect lay_block(lay *l, int h, int after)
{
    ui_rect r = { l->x, l->y, l->w, h };
    l->y += h + after;
    return r;
}

ui_rect lay_here(const lay *l)
{
    return (ui_rect){ l->x, l->y, l->w, 0 };
}

void lay_space(lay *l, int dy)
{
    l->y += dy;
}

ui_rect lay_flow(lay *l, int w, int h)
{
    if (!l->flowing) {
        l->flowing = 1;
        l->cx = l->x;
        l->h = 0;
    } else if (l->cx > l->x && l->cx + w > l->x + l->w) {
        l->y += l->h + l->gap;
        l->cx = l->x;
        l->h = 0;
    }
    ui_rect r = { l->cx, l->y, w, h };
    if (h > l->h) l->h = h;
    l->cx += w + l->gap;
    return r;
}

void lay_flow_skip(lay *l, int dx)
{
    l->cx += dx;
}

void lay_flow_end(lay *l, int after)
{
    if (l->flowing) l->y += l->h;
    l->flowing = 0;
    l->cx = l->x;
    l->y += after;
}

ui_rect lay_column(ui_rect c, int pad, int max_w, int centred)
{
    int w = c.w - 2 * pad;
    if (w > max_w) w = max_w;
    return (ui_rect){ centred ? c.x + (c.w - w) / 2 : c.x + pad, c.y, w, c.h };
}

ui_rect lay_cut_top(ui_rect *r, int h, int gap)
{
    ui_rect c = { r->x, r->y, r->w, h };
    r->y += h + gap;
    r->h -= h + gap;
    return c;
}

ui_rect lay_cut_bottom(ui_rect *r, int h, int gap)
{
    ui_rect c = { r->x, r->y + r->h - h, r->w, h };
    r->h -= h + gap;
    return c;
}

ui_rect lay_cut_left(ui_rect *r, int w, int gap)
{
    ui_rect c = { r->x, r->y, w, r->h };
    r->x += w + gap;
    r->w -= w + gap;
    return c;
}

ui_rect lay_cut_right(ui_rect *r, int w, int gap)
{
    ui_rect c = { r->x + r->w - w, r->y, w, r->h };
    r->w -= w + gap;
    return c;
}

ui_rect lay_inset(ui_rect r, int dx, int dy)
{
    return (ui_rect){ r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy };
}

ui_rect lay_center(ui_rect r, int w, int h)
{
    return (ui_rect){ r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h };
}
