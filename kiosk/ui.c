/* ui.c - see ui.h. */
#include "ui.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ui_init(ui *u, int w, int h, ui_measure m)
{
    memset(u, 0, sizeof *u);
    u->w = w;
    u->h = h;
    u->m = m;
    u->mirror = 1;
    u->cur_scroll = -1;
    u->slop = 12;
    u->scrolls = u->own_scrolls;
}

void ui_use_scrolls(ui *u, ui_scroll *scrolls) { u->scrolls = scrolls ? scrolls : u->own_scrolls; }

void ui_free(ui *u)
{
    free(u->cmds);
    free(u->arena);
    u->cmds = NULL;
    u->arena = NULL;
}

ui_rect ui_phys(const ui *u, ui_rect r)
{
    if (u->rtl && u->mirror) r.x = u->w - r.x - r.w;
    return r;
}

int ui_contains(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static ui_cmd *push(ui *u, int type)
{
    if (u->ncmds == u->capcmds) {
        size_t cap = u->capcmds ? u->capcmds * 2 : 256;
        ui_cmd *n = realloc(u->cmds, cap * sizeof *n);
        if (!n) { u->oom = 1; return NULL; }
        u->cmds = n;
        u->capcmds = cap;
    }
    ui_cmd *c = &u->cmds[u->ncmds++];
    memset(c, 0, sizeof *c);
    c->type = (uint8_t)type;
    return c;
}

static int arena_add(ui *u, const void *data, size_t len, uint32_t *off)
{
    if (u->narena + len > u->caparena) {
        size_t cap = u->caparena ? u->caparena : 4096;
        while (cap < u->narena + len) cap *= 2;
        char *n = realloc(u->arena, cap);
        if (!n) { u->oom = 1; return -1; }
        u->arena = n;
        u->caparena = cap;
    }
    memcpy(u->arena + u->narena, data, len);
    *off = (uint32_t)u->narena;
    u->narena += len;
    return 0;
}

static ui_rect cur_clip(const ui *u)
{
    if (u->nclip) return u->clip_stack[u->nclip - 1];
    return (ui_rect){ 0, 0, u->w, u->h };
}

static int intersects(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

int ui_visible(const ui *u, ui_rect r)
{
    return intersects(ui_phys(u, r), cur_clip(u));
}

void ui_fill(ui *u, ui_rect r, ui_color c)
{
    r = ui_phys(u, r);
    if (!intersects(r, cur_clip(u))) return;
    ui_cmd *cmd = push(u, UI_CMD_RECT);
    if (!cmd) return;
    cmd->r = r;
    cmd->color = c;
}

void ui_border(ui *u, ui_rect r, int width, ui_color c)
{
    r = ui_phys(u, r);
    if (!intersects(r, cur_clip(u))) return;
    ui_cmd *cmd = push(u, UI_CMD_RECT);
    if (!cmd) return;
    cmd->r = r;
    cmd->px = width < 1 ? 1 : width;
    cmd->color = c;
}

static void emit_clip(ui *u)
{
    ui_cmd *cmd = push(u, UI_CMD_CLIP);
    if (cmd && u->nclip) cmd->r = u->clip_stack[u->nclip - 1];
}

void ui_push_clip(ui *u, ui_rect r)
{
    if (u->nclip == (int)(sizeof u->clip_stack / sizeof u->clip_stack[0])) return;
    r = ui_phys(u, r);
    ui_rect c = cur_clip(u);
    /* intersect with the enclosing clip */
    int x0 = r.x > c.x ? r.x : c.x, y0 = r.y > c.y ? r.y : c.y;
    int x1 = r.x + r.w < c.x + c.w ? r.x + r.w : c.x + c.w;
    int y1 = r.y + r.h < c.y + c.h ? r.y + r.h : c.y + c.h;
    u->clip_stack[u->nclip++] = (ui_rect){ x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0 };
    emit_clip(u);
}

void ui_pop_clip(ui *u)
{
    if (u->nclip) u->nclip--;
    emit_clip(u);
}

void ui_text_run(ui *u, int x, int y, int script, int bold, int px, int rtl, ui_color c,
                 const char *s, size_t len)
{
    if (!len) return;
    ui_rect box = { x, y, u->w * 2, px * 2 };   /* rough, only to skip runs far off-screen */
    ui_rect cl = cur_clip(u);
    if (y > cl.y + cl.h || y + px * 2 < cl.y) return;
    ui_cmd *cmd = push(u, UI_CMD_TEXT);
    if (!cmd) return;
    if (arena_add(u, s, len, &cmd->off) < 0) { u->ncmds--; return; }
    cmd->len = (uint32_t)len;
    box.w = 0;
    cmd->r = box;
    cmd->script = (uint8_t)script;
    cmd->bold = (uint8_t)(bold != 0);
    cmd->rtl = (uint8_t)(rtl != 0);
    cmd->px = px;
    cmd->color = c;
}

void ui_qr(ui *u, ui_rect r, const uint8_t *modules, int side)
{
    if (side <= 0 || side > 177) return;
    r = ui_phys(u, r);
    ui_cmd *cmd = push(u, UI_CMD_QR);
    if (!cmd) return;
    uint8_t s = (uint8_t)side;
    if (arena_add(u, &s, 1, &cmd->off) < 0) { u->ncmds--; return; }
    uint32_t dummy;
    if (arena_add(u, modules, (size_t)side * side, &dummy) < 0) { u->ncmds--; return; }
    cmd->len = 1u + (uint32_t)(side * side);
    cmd->r = r;
}

void ui_image(ui *u, ui_rect r, const uint8_t *bits, int w, int h, int stride)
{
    if (w <= 0 || h <= 0 || stride < (w + 7) / 8 || (size_t)stride * (size_t)h > 64u << 20) return;
    r = ui_phys(u, r);
    ui_cmd *cmd = push(u, UI_CMD_IMAGE);
    if (!cmd) return;
    uint32_t head[3] = { (uint32_t)w, (uint32_t)h, (uint32_t)stride }, dummy;
    if (arena_add(u, head, sizeof head, &cmd->off) < 0) { u->ncmds--; return; }
    if (arena_add(u, bits, (size_t)stride * (size_t)h, &dummy) < 0) { u->ncmds--; return; }
    cmd->len = (uint32_t)(sizeof head + (size_t)stride * (size_t)h);
    cmd->r = r;
}

/* --- input ------------------------------------------------------------------------------ */

void ui_input_down(ui *u, int x, int y, uint32_t ms)
{
    ui_input *in = &u->in;
    in->down = 1;
    in->x = in->down_x = x;
    in->y = in->down_y = y;
    in->down_ms = ms;
    in->dragging = 0;
    in->long_done = 0;
    in->tapped = 0;
    in->drag_scroll = 0;
    in->last_y = y;
    in->last_ms = ms;
    in->drag_v = 0;
    /* a finger on a moving list stops it */
    for (int i = 0; i < UI_MAX_SCROLLS; i++) u->scrolls[i].velocity = 0;
}

void ui_input_move(ui *u, int x, int y, uint32_t ms)
{
    ui_input *in = &u->in;
    in->x = x;
    in->y = y;
    if (!in->down) return;
    if (!in->dragging && (abs(x - in->down_x) > u->slop || abs(y - in->down_y) > u->slop))
        in->dragging = 1;
    if (ms > in->last_ms) {
        float v = (float)(in->last_y - y) / (float)(ms - in->last_ms);
        in->drag_v = 0.6f * v + 0.4f * in->drag_v;   /* smooth the finger's jitter */
    }
    if (in->drag_scroll) {
        for (int i = 0; i < UI_MAX_SCROLLS; i++)
            if (u->scrolls[i].id == in->drag_scroll) u->scrolls[i].offset += (float)(in->last_y - y);
    }
    in->last_y = y;
    in->last_ms = ms;
}

void ui_input_up(ui *u, int x, int y, uint32_t ms)
{
    ui_input *in = &u->in;
    ui_input_move(u, x, y, ms);
    if (!in->down) return;
    in->down = 0;
    if (!in->dragging && !in->long_done) in->tapped = 1;
    else if (in->drag_scroll) {
        for (int i = 0; i < UI_MAX_SCROLLS; i++)
            if (u->scrolls[i].id == in->drag_scroll) u->scrolls[i].velocity = in->drag_v;
    }
    in->drag_scroll = 0;
}

void ui_reset_input(ui *u)
{
    memset(&u->in, 0, sizeof u->in);
}

void ui_reset_scrolls(ui *u)
{
    memset(u->scrolls, 0, UI_MAX_SCROLLS * sizeof u->scrolls[0]);
}

/* --- frames ----------------------------------------------------------------------------- */

void ui_frame_begin(ui *u, uint32_t now_ms)
{
    u->ncmds = 0;
    u->narena = 0;
    u->nclip = 0;
    u->now_ms = now_ms;
    u->wake_ms = 0;
    u->overflows = 0;
    u->min_target = 0;
    u->overflow_text[0] = 0;
    u->oom = 0;
    u->cur_scroll = -1;
    for (int i = 0; i < UI_MAX_SCROLLS; i++) u->scrolls[i].used = 0;
}

int ui_frame_end(ui *u)
{
    int moving = 0;
    u->in.tapped = 0;
    /* inertia: a flicked list slows down with friction; areas not laid out this frame are dropped */
    static const float friction = 0.0025f;   /* px/ms lost per ms */
    for (int i = 0; i < UI_MAX_SCROLLS; i++) {
        ui_scroll *s = &u->scrolls[i];
        if (!s->id) continue;
        if (!s->used) { memset(s, 0, sizeof *s); continue; }
        if (s->velocity != 0 && !u->in.down) {
            float dt = 16;
            s->offset += s->velocity * dt;
            float dv = friction * dt;
            if (fabsf(s->velocity) <= dv) s->velocity = 0;
            else s->velocity += s->velocity > 0 ? -dv : dv;
            float max = (float)(s->content_h - s->view_h);
            if (max < 0) max = 0;
            if (s->offset < 0) { s->offset = 0; s->velocity = 0; }
            if (s->offset > max) { s->offset = max; s->velocity = 0; }
            if (s->velocity != 0) moving = 1;
        }
    }
    return moving;
}

uint64_t ui_frame_hash(const ui *u)
{
    /* FNV-1a over the commands and the arena */
    uint64_t h = 1469598103934665603ull;
    const unsigned char *p = (const unsigned char *)u->cmds;
    for (size_t i = 0; i < u->ncmds * sizeof *u->cmds; i++) { h ^= p[i]; h *= 1099511628211ull; }
    p = (const unsigned char *)u->arena;
    for (size_t i = 0; i < u->narena; i++) { h ^= p[i]; h *= 1099511628211ull; }
    return h;
}

/* --- touch queries ---------------------------------------------------------------------- */

static int hit(const ui *u, ui_rect r, int x, int y)
{
    r = ui_phys(u, r);
    return ui_contains(r, x, y) && ui_contains(cur_clip(u), x, y);
}

int ui_tapped(ui *u, ui_rect r)
{
    ui_input *in = &u->in;
    /* every tappable thing passes here: remember the smallest, for the 9 mm check */
    if (ui_visible(u, r)) {
        int side = r.w < r.h ? r.w : r.h;
        if (!u->min_target || side < u->min_target) u->min_target = side;
    }
    if (!(in->tapped && hit(u, r, in->down_x, in->down_y) && hit(u, r, in->x, in->y))) return 0;
    /* a tap is answered once: what it changes (a mirrored layout, a new screen) must not be
     * tapped by the same touch later in the frame */
    in->tapped = 0;
    return 1;
}

int ui_pressed(ui *u, ui_rect r)
{
    const ui_input *in = &u->in;
    return in->down && !in->dragging && hit(u, r, in->down_x, in->down_y) && hit(u, r, in->x, in->y);
}

int ui_long_press(ui *u, ui_rect r, uint32_t ms)
{
    if (u->in.long_done || !ui_pressed(u, r)) return 0;
    uint32_t due = u->in.down_ms + ms;
    if (u->now_ms >= due) { u->in.long_done = 1; return 1; }
    if (!u->wake_ms || due < u->wake_ms) u->wake_ms = due;
    return 0;
}

int ui_scroll_begin(ui *u, uint32_t id, ui_rect r)
{
    int idx = -1, free_idx = -1;
    for (int i = 0; i < UI_MAX_SCROLLS; i++) {
        if (u->scrolls[i].id == id) { idx = i; break; }
        if (!u->scrolls[i].id && free_idx < 0) free_idx = i;
    }
    if (idx < 0) {
        if (free_idx < 0) free_idx = 0;
        idx = free_idx;
        memset(&u->scrolls[idx], 0, sizeof u->scrolls[idx]);
        u->scrolls[idx].id = id;
    }
    ui_scroll *s = &u->scrolls[idx];
    s->used = 1;
    s->view_h = r.h;
    s->area = r;
    /* a press inside the area that turns into a vertical drag scrolls it */
    ui_input *in = &u->in;
    if (in->down && in->dragging && !in->drag_scroll && hit(u, r, in->down_x, in->down_y)) {
        in->drag_scroll = id;
        s->offset += (float)(in->down_y - in->y);
    }
    float max = (float)(s->content_h - s->view_h);
    if (max < 0) max = 0;
    if (s->offset > max) s->offset = max;
    if (s->offset < 0) s->offset = 0;
    ui_push_clip(u, r);
    u->cur_scroll = idx;
    return (int)lroundf(s->offset);
}

void ui_scroll_end(ui *u, int content_h)
{
    if (u->cur_scroll >= 0) {
        ui_scroll *s = &u->scrolls[u->cur_scroll];
        s->content_h = content_h;
        /* a bar at the end edge tells that there is more than fits (not by colour alone: its
         * length and place show how much and where) */
        if (content_h > s->view_h && s->view_h > 0 && u->scrollbar.a) {
            int bw = u->scrollbar_w > 0 ? u->scrollbar_w : 6;
            int th = (int)((long long)s->view_h * s->view_h / content_h);
            if (th < bw * 4) th = bw * 4;
            int max = content_h - s->view_h;
            float off = s->offset < 0 ? 0 : s->offset > (float)max ? (float)max : s->offset;
            int ty = s->area.y + (int)((float)(s->view_h - th) * off / (float)max);
            ui_fill(u, (ui_rect){ s->area.x + s->area.w - bw - 2, ty, bw, th }, u->scrollbar);
        }
    }
    u->cur_scroll = -1;
    ui_pop_clip(u);
}

void ui_note_overflow(ui *u, const char *s, size_t len)
{
    u->overflows++;
    if (len >= sizeof u->overflow_text) len = sizeof u->overflow_text - 1;
    memcpy(u->overflow_text, s, len);
    u->overflow_text[len] = 0;
}
