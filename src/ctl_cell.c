/* ctl_cell: table cells in terminal columns.  See ctl_cell.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ctl_cell.h"
#include "utf8.h"
#include "util.h"

/* One character of the n bytes at s (n >= 1), by utf8.h's rule: its code
 * point in *cp, its length returned (1 with *cp = -1 for a byte that does
 * not start a valid sequence). */
static size_t
ctl_char(const unsigned char *s, size_t n, long *cp)
{
	size_t len = utf8_seq(s, n);

	if (len == 0) {
		*cp = -1;
		return 1;
	}
	*cp = len == 1 ? s[0] : s[0] & (0xff >> (len + 1));
	for (size_t i = 1; i < len; i++)
		*cp = (*cp << 6) | (s[i] & 0x3f);
	return len;
}

/* Columns of one code point: wcwidth() where the C library knows it (a
 * wchar_t is a code point in glibc), else the ranges that matter most. */
static size_t
ctl_cp_width(long cp)
{
	int w;

	if (cp < 0)
		return 1;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if ((w = wcwidth((wchar_t)cp)) >= 0)
		return (size_t)w;
	if ((cp >= 0x300 && cp <= 0x36f) || cp == 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t
ctl_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	size_t w = 0;
	long cp;

	while (p < end) {
		p += ctl_char(p, (size_t)(end - p), &cp);
		w += ctl_cp_width(cp);
	}
	return w;
}

char *
ctl_fit(const char *s, size_t width)
{
	const unsigned char *p = (const unsigned char *)s, *cut = p, *end = p + strlen(s);
	size_t w = 0, cw;
	long cp;
	char *out;

	if (ctl_width(s) <= width)
		return xstrdup(s);
	if (width == 0)
		return xstrdup("");
	/* Room for the ellipsis (one column) at the end. */
	while (p < end) {
		size_t n = ctl_char(p, (size_t)(end - p), &cp);

		cw = ctl_cp_width(cp);
		if (w + cw > width - 1)
			break;
		w += cw;
		p += n;
		cut = p;
	}
	out = xmalloc((size_t)(cut - (const unsigned char *)s) + sizeof("\u2026"));
	memcpy(out, s, (size_t)(cut - (const unsigned char *)s));
	memcpy(out + (cut - (const unsigned char *)s), "\u2026", sizeof("\u2026"));
	return out;
}

void
ctl_cell(FILE *out, const char *s, size_t width, bool last)
{
	char *f = ctl_fit(s ? s : "", width);

	fputs(f, out);
	if (!last)
		for (size_t w = ctl_width(f); w < width; w++)
			fputc(' ', out);
	free(f);
	if (!last)
		fputs("  ", out);
}
