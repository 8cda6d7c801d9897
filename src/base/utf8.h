/*
 * utf8: the one UTF-8 rule and its encoder.
 *
 * Valid is RFC 3629: a sequence of one to four bytes with no overlong
 * form, no surrogate (U+D800..U+DFFF) and nothing above U+10FFFF.  Every
 * module that checks or cleans text asks utf8_seq(); what to do with an
 * invalid byte (refuse, replace with U+FFFD, read as Windows-1252) stays
 * the caller's choice.  Pure: no allocation but the buffer's.
 */
#ifndef FOLLOWUPD_UTF8_H
#define FOLLOWUPD_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The length (1 to 4) of the valid UTF-8 sequence at p, of which n bytes
 * may be read (n >= 1), or 0 when it is not valid.  An ASCII byte, NUL
 * included, is a sequence of 1. */
size_t utf8_seq(const unsigned char *p, size_t n);

/* How many bytes of s to keep to cut it at no more than max bytes without
 * splitting a character (for "%.*s"): max, or less to end before a
 * continuation byte; the length of s when it is shorter. */
int utf8_prefix(const char *s, int max);

/* Append the UTF-8 encoding of cp (at most U+10FFFF) as it is: U+0000 and
 * surrogates too, so callers that must not write them check first. */
void buf_add_utf8(struct buf *b, uint32_t cp);

/* The code point of a Windows-1252 byte (ISO-8859-1 but for 0x80..0x9F):
 * 0 for NUL and for the five bytes Windows-1252 leaves undefined. */
uint32_t utf8_from_cp1252(unsigned char c);

/* Fold s for comparing names with mail domains: ASCII letters lower-cased,
 * digits kept, the Latin letters of U+00C0..U+017F without their accents
 * ("Belvédère Łódź" -> "belvedere lodz"; "ß" -> "ss", "Æ" -> "ae"); any
 * other letter is '?' (it matches no domain), everything else separates
 * words: one space between words, none at the ends.  Invalid UTF-8 counts
 * as a separator.  The result is appended to b (NUL-terminated). */
void utf8_fold_ascii(struct buf *b, const char *s);

/* Does s start with a capital letter of Latin-1 Supplement or Latin
 * Extended-A ("Élodie", "Łukasz", "Šimon"), not a small one ("à", "ł")?
 * ASCII letters are not asked about (isupper()).  Reads at most 2 bytes,
 * fewer at a NUL. */
bool utf8_latin_capital(const char *s);

#endif
