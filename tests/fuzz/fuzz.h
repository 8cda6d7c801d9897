/*
 * Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c) and the replay
 * driver (replay_main.c), which links the same harness without libFuzzer
 * so the saved regressions run in every `make check`.
 *
 * A harness aborts (fuzz_check) when a promise of a module's header is
 * broken, not only on memory errors: "never NULL", "valid UTF-8", "no
 * CR/LF in a header"...  Such a break is a bug worth a reproducer too.
 */
#ifndef FOLLOWUPD_FUZZ_H
#define FOLLOWUPD_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define fuzz_check(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: broken promise: %s\n",        \
			    __FILE__, __LINE__, #cond);                       \
			abort();                                              \
		}                                                             \
	} while (0)

/* True when s[0..n-1] is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). */
static inline bool
fuzz_utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07;
		else
			return false;
		if ((size_t)(end - p) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return false;
		p += k + 1;
	}
	return true;
}

#endif
