/*
 * A main() for the fuzz harnesses without libFuzzer: runs the harness on
 * each file named on the command line (the saved regressions and the
 * seeds), so they are replayed in every `make check`, with whatever
 * compiler and sanitizers the build uses.  Exit 0 when all ran; a crash
 * or a broken promise aborts.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *data = NULL;
		size_t len = 0, cap = 0, n;

		if (f == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		do {
			if (cap - len < 65536) {
				cap = cap ? cap * 2 : 65536;
				if ((data = realloc(data, cap)) == NULL) {
					fprintf(stderr, "out of memory\n");
					return 1;
				}
			}
			n = fread(data + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		if (ferror(f)) {
			fprintf(stderr, "%s: read error\n", argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	return 0;
}
