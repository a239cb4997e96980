/* render_sdl.h - the one module that turns ui draw commands into pixels, with SDL2 and SDL2_ttf.
 * Text runs are rendered once into textures and kept in a cache keyed by text, font, size,
 * direction and colour; a frame then is mostly texture copies. */
#ifndef MAJAKKA_RENDER_SDL_H
#define MAJAKKA_RENDER_SDL_H
#include <stddef.h>
#include <SDL2/SDL.h>
#include "fonts.h"
#include "ui.h"

typedef struct render_sdl render_sdl;

int render_sdl_new(SDL_Renderer *r, fonts *f, render_sdl **out, char *err, size_t errlen);
void render_sdl_free(render_sdl *rs);
/* Draws the frame's commands over a cleared background (does not present). */
void render_sdl_draw(render_sdl *rs, const ui *u, ui_color clear);
/* Drops every cached texture (after a theme or language change frees memory sooner). */
void render_sdl_flush(render_sdl *rs);
/* Saves the renderer's current pixels as a PNG file. */
int render_sdl_screenshot(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen);

#endif
