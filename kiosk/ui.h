/* ui.h - the kiosk's immediate-mode toolkit, kept apart from SDL the way rxi/microui is.
 * Each frame the screens call widget functions with logical rectangles; the toolkit answers
 * touches (tap, drag-to-scroll with inertia, long press) against plain input state and appends
 * draw commands (rect, text run, QR matrix, clip) to a list that one renderer turns into pixels.
 * Text is measured through a small interface (ui_measure), so layout runs without a window.
 * In right-to-left mode every rectangle is mirrored about the screen's vertical centre line. */
#ifndef MAJAKKA_UI_H
#define MAJAKKA_UI_H
#include <stddef.h>
#include <stdint.h>

typedef struct ui_rect { int x, y, w, h; } ui_rect;
typedef struct ui_color { uint8_t r, g, b, a; } ui_color;

/* Fonts by script: Latin covers Cyrillic; symbols are ticks and the like (Noto Sans Symbols 2). */
enum ui_script { UI_SCRIPT_LATIN, UI_SCRIPT_ARABIC, UI_SCRIPT_SYMBOL, UI_SCRIPT_COUNT };

/* How text is measured: width of one run (single script and direction) and a font's vertical
 * metrics. The SDL_ttf implementation lives in fonts.c; tests may supply their own. */
typedef struct ui_measure {
    void *ctx;
    int (*width)(void *ctx, int script, int bold, int px, int rtl, const char *s, size_t len);
    void (*vmetrics)(void *ctx, int script, int bold, int px, int *ascent, int *height);
} ui_measure;

enum ui_cmd_type { UI_CMD_RECT, UI_CMD_TEXT, UI_CMD_QR, UI_CMD_CLIP, UI_CMD_IMAGE };

typedef struct ui_cmd {
    uint8_t type;
    uint8_t script, bold, rtl;   /* text */
    int px;                      /* text: font size in pixels; rect: border width (0 = filled) */
    ui_rect r;                   /* physical pixels; clip: w = 0 means no clip */
    ui_color color;
    uint32_t off, len;           /* text: UTF-8 bytes in the arena; qr: side, then side*side bytes;
                                  * image: w, h, stride (uint32 each), then h rows of 1-bit pixels */
} ui_cmd;

#define UI_MAX_SCROLLS 8

typedef struct ui_scroll {
    uint32_t id;
    float offset, velocity;      /* px, px per ms */
    int content_h, view_h;
    ui_rect area;                /* logical, for the scroll bar */
    int used;                    /* seen this frame */
} ui_scroll;

/* Input as the app hands it over, in physical pixels and milliseconds. */
typedef struct ui_input {
    int down;                    /* a finger or button is down */
    int x, y;                    /* current position */
    int down_x, down_y;          /* where it went down */
    uint32_t down_ms;
    int dragging;                /* moved past the slop: a drag, not a tap */
    int long_done;               /* this press already fired a long press (and will not tap) */
    int tapped;                  /* released this frame without dragging: tap at (down_x, down_y)..(x, y) */
    uint32_t drag_scroll;        /* id of the scroll area being dragged */
    int last_y; uint32_t last_ms; float drag_v;
} ui_input;

typedef struct ui {
    int w, h;                    /* screen size in pixels */
    int rtl;                     /* mirror logical rectangles */
    int mirror;                  /* 1 while mirroring applies (the keyboard turns it off) */
    ui_measure m;
    ui_cmd *cmds; size_t ncmds, capcmds;
    char *arena; size_t narena, caparena;
    ui_rect clip_stack[8]; int nclip;
    ui_input in;
    uint32_t now_ms;
    uint32_t wake_ms;            /* widgets ask for a redraw no later than this (0: no need) */
    ui_scroll *scrolls;          /* UI_MAX_SCROLLS areas: own_scrolls, or the caller's (ui_use_scrolls) */
    ui_scroll own_scrolls[UI_MAX_SCROLLS];
    int cur_scroll;              /* index of the scroll area being laid out, or -1 */
    int slop;                    /* px a finger may move before a tap becomes a drag */
    ui_color scrollbar;          /* the thin bar that shows a list goes on (0 alpha: none) */
    int scrollbar_w;
    int min_target;              /* smallest side of a visible tappable rectangle this frame */
    int overflows;               /* labels that did not fit their box this frame */
    char overflow_text[160];     /* the last one, for test reports */
    int oom;                     /* an allocation failed: the frame is incomplete */
} ui;

void ui_init(ui *u, int w, int h, ui_measure m);
void ui_free(ui *u);
/* Keeps the scroll positions in the caller's array of UI_MAX_SCROLLS (the kiosk's visit). */
void ui_use_scrolls(ui *u, ui_scroll *scrolls);

/* Input from the app (physical pixels). */
void ui_input_down(ui *u, int x, int y, uint32_t ms);
void ui_input_move(ui *u, int x, int y, uint32_t ms);
void ui_input_up(ui *u, int x, int y, uint32_t ms);
/* Forget all input and scroll state (idle reset, screen change). */
void ui_reset_input(ui *u);
void ui_reset_scrolls(ui *u);

/* A frame: begin clears the command list; end consumes the tap and steps scroll inertia.
 * ui_frame_end returns 1 while something is still moving (the app should draw again soon). */
void ui_frame_begin(ui *u, uint32_t now_ms);
int ui_frame_end(ui *u);
/* A hash of the command list, so the app renders only when the picture changed. */
uint64_t ui_frame_hash(const ui *u);

/* Logical -> physical rectangle (mirrored in RTL). */
ui_rect ui_phys(const ui *u, ui_rect r);
int ui_contains(ui_rect r, int x, int y);

/* Primitive commands (logical rectangles). */
void ui_fill(ui *u, ui_rect r, ui_color c);
void ui_border(ui *u, ui_rect r, int width, ui_color c);
void ui_push_clip(ui *u, ui_rect r);
void ui_pop_clip(ui *u);
/* A text run at physical position (x, y = top of the line box); text.c builds these. */
void ui_text_run(ui *u, int x, int y, int script, int bold, int px, int rtl, ui_color c,
                 const char *s, size_t len);
/* A QR matrix: side x side bytes, non-zero = dark, drawn into r with a quiet zone. */
void ui_qr(ui *u, ui_rect r, const uint8_t *modules, int side);

/* A 1-bit image (rows of stride bytes, leftmost pixel in the high bit, 1 = black on white),
 * scaled into r: the slip preview. Its pixels are copied, so the caller's may change. */
void ui_image(ui *u, ui_rect r, const uint8_t *bits, int w, int h, int stride);

/* Touch queries against a logical rectangle (clipped by the current clip). */
int ui_tapped(ui *u, ui_rect r);          /* went down and came up inside r, no drag; consumes the tap */
int ui_pressed(ui *u, ui_rect r);         /* held down inside r right now (for feedback colour) */
int ui_long_press(ui *u, ui_rect r, uint32_t ms);   /* held inside r for ms without moving: once per press */

/* A vertical scroll area: returns the y offset to subtract from content positions. End it with
 * the content's total height, which clamps the offset on the next frame. */
int ui_scroll_begin(ui *u, uint32_t id, ui_rect r);
void ui_scroll_end(ui *u, int content_h);
/* 1 when logical rectangle r is at least partly visible in the current clip. */
int ui_visible(const ui *u, ui_rect r);

/* Records a label that did not fit (the overflow tests read u->overflows). */
void ui_note_overflow(ui *u, const char *s, size_t len);

#endif
