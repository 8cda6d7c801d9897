/* utf8: validity of a UTF-8 sequence, and encoding a code point. */
#include "autoconfig.h"

#include "utf8.h"

#include <stdbool.h>
#include <string.h>

size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && p[1] < 0xA0)
			return 0;       /* overlong */
		if (c == 0xED && p[1] >= 0xA0)
			return 0;       /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && p[1] < 0x90)
			return 0;       /* overlong */
		if (c == 0xF4 && p[1] >= 0x90)
			return 0;       /* above U+10FFFF */
		return 4;
	}
	return 0;
}

void
buf_add_utf8(struct buf *b, uint32_t cp)
{
	char t[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 4);
	}
}

/* Windows-1252 0x80..0x9F (0: undefined). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

uint32_t
utf8_from_cp1252(unsigned char c)
{
	return c >= 0x80 && c <= 0x9F ? cp1252_high[c - 0x80] : c;
}

int
utf8_prefix(const char *s, int max)
{
	int n = 0;

	while (n < max && s[n] != '\0')
		n++;
	if (n < max || s[n] == '\0')
		return n;
	/* s goes on at n: step back off a character cut in two */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* U+00C0..U+00FF: the base letter of each, '\0' for the two signs (the
 * multiplication and division signs) and the few spelled with two letters
 * (handled below). */
static const char latin1_base[64] =
	"AAAAAA\0CEEEEIIIIDNOOOOO\0OUUUUYT\0"
	"aaaaaa\0ceeeeiiiidnooooo\0ouuuuyty";

/* U+0100..U+017F, by ranges of one base letter. */
static const struct { uint16_t lo, hi; char c; } latin_ext_a[] = {
	{ 0x100, 0x105, 'a' }, { 0x106, 0x10D, 'c' }, { 0x10E, 0x111, 'd' },
	{ 0x112, 0x11B, 'e' }, { 0x11C, 0x123, 'g' }, { 0x124, 0x127, 'h' },
	{ 0x128, 0x131, 'i' }, { 0x134, 0x135, 'j' }, { 0x136, 0x138, 'k' },
	{ 0x139, 0x142, 'l' }, { 0x143, 0x14B, 'n' }, { 0x14C, 0x151, 'o' },
	{ 0x154, 0x159, 'r' }, { 0x15A, 0x161, 's' }, { 0x162, 0x167, 't' },
	{ 0x168, 0x173, 'u' }, { 0x174, 0x175, 'w' }, { 0x176, 0x178, 'y' },
	{ 0x179, 0x17E, 'z' }, { 0x17F, 0x17F, 's' },
};

/* The ASCII spelling of a letter (lower case), "" for a separator, "?"
 * for a letter outside the Latin ranges. */
static const char *
fold_cp(uint32_t cp, char one[2])
{
	one[1] = '\0';
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			one[0] = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp - 'A' + 'a');
		else
			return "";
		return one;
	}
	switch (cp) {
	case 0xC6: case 0xE6: return "ae";
	case 0xDF: return "ss";
	case 0x132: case 0x133: return "ij";
	case 0x152: case 0x153: return "oe";
	default: break;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		char c = latin1_base[cp - 0xC0];

		if (c == '\0')
			return "";
		one[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		return one;
	}
	for (size_t i = 0; i < sizeof latin_ext_a / sizeof latin_ext_a[0]; i++)
		if (cp >= latin_ext_a[i].lo && cp <= latin_ext_a[i].hi) {
			one[0] = latin_ext_a[i].c;
			return one;
		}
	/* Punctuation and spaces of the general block separate; any other
	 * letter stays a letter that no ASCII domain spells. */
	if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000)
		return "";
	return "?";
}

/* The code point of the valid sequence of len bytes at p. */
static uint32_t
decode_seq(const unsigned char *p, size_t len)
{
	if (len == 1)
		return p[0];
	if (len == 2)
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	if (len == 3)
		return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		    (p[2] & 0x3F);
	return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

void
utf8_fold_ascii(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), start = b->len;
	bool gap = false;
	char one[2];

	while (n > 0) {
		size_t len = utf8_seq(p, n);
		const char *f = len ? fold_cp(decode_seq(p, len), one) : "";

		if (len == 0)
			len = 1;
		if (*f == '\0') {
			gap = true;
		} else {
			if (gap && b->len > start)
				buf_add(b, " ", 1);
			buf_add(b, f, strlen(f));
			gap = false;
		}
		p += len;
		n -= len;
	}
	buf_add(b, "", 0);
}

/* In Extended-A the capitals are the even code points, but for
 * U+0139-0148 and U+0179-017E, where they are the odd ones; U+0138 (kra)
 * is no capital.  In Latin-1, U+00C0-00DE but the multiplication sign. */
bool
utf8_latin_capital(const char *s)
{
	const unsigned char *t = (const unsigned char *)s;
	unsigned cp;

	if (t[0] == 0xC3)
		return t[1] >= 0x80 && t[1] <= 0x9E && t[1] != 0x97;
	if ((t[0] != 0xC4 && t[0] != 0xC5) || (t[1] & 0xC0) != 0x80)
		return false;
	cp = ((unsigned)(t[0] & 0x1F) << 6) | (t[1] & 0x3F);
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp & 1) == 1;
	return cp != 0x138 && (cp & 1) == 0;
}
