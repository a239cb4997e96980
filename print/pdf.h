/* pdf.h - the office-printer path: a slip bitmap (rendered at PDF_DPI to the page's width) as a
 * PDF on A4 or A6 through cairo, written to a file or handed to CUPS (libcups). A slip taller
 * than a page continues on the next, cut at a blank row so no line or QR code is split. */
#ifndef MAJAKKA_PDF_H
#define MAJAKKA_PDF_H
#include <stddef.h>
#include "bitmap.h"

#define PDF_DPI 300
enum { PDF_A4 = 0, PDF_A6 = 1 };

/* Width in pixels at PDF_DPI of the printable column of the paper (page less margins). */
int pdf_content_width(int paper);
int pdf_write(const bitmap *b, int paper, const char *path, char *err, size_t errlen);
/* Prints a PDF file on CUPS queue `queue`; returns MJ_OK when CUPS accepted the job. */
int pdf_cups_print(const char *queue, const char *pdf_path, int paper, const char *title,
                   char *err, size_t errlen);

#endif
