/* pdf.c - see pdf.h. cairo is the PDF writer because Debian keeps it current, it is already in
 * the kiosk's set (SDL's neighbours use it) and it embeds the 1-bit slip as a lossless image
 * mask; libcups is the standard client for CUPS queues. */
#include "pdf.h"
#include "util.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <cups/cups.h>
#include <stdio.h>
#include <string.h>

static const struct { double w_mm, h_mm, margin_mm; const char *media; } papers[] = {
    { 210, 297, 15, "A4" },
    { 105, 148, 6, "A6" },
};

static int px(double mm) { return (int)(mm / 25.4 * PDF_DPI + 0.5); }

int pdf_content_width(int paper)
{
    if (paper != PDF_A6) paper = PDF_A4;
    return px(papers[paper].w_mm - 2 * papers[paper].margin_mm);
}

static int row_blank(const bitmap *b, int y)
{
    const unsigned char *r = b->bits + (size_t)y * b->stride;
    for (int i = 0; i < b->stride; i++) if (r[i]) return 0;
    return 1;
}

int pdf_write(const bitmap *b, int paper, const char *path, char *err, size_t errlen)
{
    if (paper != PDF_A6) paper = PDF_A4;
    if (!b->bits || b->h <= 0) return mj_err(err, errlen, MJ_EINVAL, "pdf: empty slip");
    double pw = papers[paper].w_mm / 25.4 * 72, ph = papers[paper].h_mm / 25.4 * 72;
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, pw, ph);
    if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(pdf);
        return mj_err(err, errlen, MJ_EIO, "pdf %s: cannot create", path);
    }
    cairo_pdf_surface_restrict_to_version(pdf, CAIRO_PDF_VERSION_1_4);
    cairo_t *cr = cairo_create(pdf);
    int margin = px(papers[paper].margin_mm), page_h = px(papers[paper].h_mm) - 2 * margin;
    int x0 = margin + (pdf_content_width(paper) - b->w) / 2;
    if (x0 < 0) x0 = 0;
    int rc = MJ_OK;
    for (int top = 0; top < b->h && !rc;) {
        int end = top + page_h < b->h ? top + page_h : b->h;
        if (end < b->h) {               /* back up to a blank row, at most a third of a page */
            int y = end;
            while (y > top + 2 * page_h / 3 && !row_blank(b, y)) y--;
            if (y > top + 2 * page_h / 3) end = y;
        }
        int h = end - top;
        cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_A8, b->w, h);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(img);
            rc = mj_err(err, errlen, MJ_ENOMEM, "pdf: out of memory");
            break;
        }
        cairo_surface_flush(img);
        unsigned char *d = cairo_image_surface_get_data(img);
        int stride = cairo_image_surface_get_stride(img);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < b->w; x++) d[(size_t)y * stride + x] = bitmap_get(b, x, top + y) ? 255 : 0;
        cairo_surface_mark_dirty(img);
        cairo_save(cr);
        cairo_scale(cr, 72.0 / PDF_DPI, 72.0 / PDF_DPI);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_mask_surface(cr, img, x0, margin);
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_surface_destroy(img);
        top = end;
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (!rc && cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS)
        rc = mj_err(err, errlen, MJ_EIO, "pdf %s: %s", path, cairo_status_to_string(cairo_surface_status(pdf)));
    cairo_surface_destroy(pdf);
    return rc;
}

int pdf_cups_print(const char *queue, const char *pdf_path, int paper, const char *title,
                   char *err, size_t errlen)
{
    if (!queue || !*queue) return mj_err(err, errlen, MJ_EINVAL, "cups: no queue name");
    cups_option_t *opts = NULL;
    int n = 0;
    n = cupsAddOption("media", papers[paper == PDF_A6 ? PDF_A6 : PDF_A4].media, n, &opts);
    n = cupsAddOption("fit-to-page", "false", n, &opts);
    int id = cupsPrintFile(queue, pdf_path, title ? title : "Majakka", n, opts);
    cupsFreeOptions(n, opts);
    if (id <= 0) return mj_err(err, errlen, MJ_EIO, "cups %s: %s", queue, cupsLastErrorString());
    return MJ_OK;
}
