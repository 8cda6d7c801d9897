/*
 * ctl_cell: followupctl's table cells, measured in terminal columns, not
 * bytes: "Zürich" is 6 columns, a CJK character 2, a combining mark 0.
 * Text is UTF-8 whatever the locale; a byte that does not start a valid
 * sequence (utf8.h's rule) counts as one column.  Pure but for the
 * printing.
 */
#ifndef FOLLOWUPD_CTL_CELL_H
#define FOLLOWUPD_CTL_CELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The display width of s. */
size_t ctl_width(const char *s);
/*
 * s cut to at most width columns: the longest prefix (whole characters)
 * that fits, with "…" as its last column when something was cut.  Returns
 * a new string (caller frees).
 */
char *ctl_fit(const char *s, size_t width);
/* Print s fitted to width columns, padded with spaces to width unless
 * last (the final column of a row is not padded). */
void ctl_cell(FILE *out, const char *s, size_t width, bool last);

#endif
