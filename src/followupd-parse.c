/*
 * followupd-parse: the recognition worker of followupd and followupctl
 * (parser.h).  Started only by them, through the sandbox (sandbox.h):
 * descriptor 3 is its socket, the limits are already set; it reads the
 * detect options, loads iconv modules and time zones, confines itself
 * with seccomp and answers one raw mail per request.  Run by hand it says
 * so and exits 2.
 *
 * Memory.  A worker lives up to PARSER_IDLE_MS after its last mail, so
 * what a big mail took is given back at once, not kept until it leaves:
 * blocks of PARSER_MMAP_MIN bytes or more get their own mapping (freed,
 * it is unmapped), and a free top of the heap over PARSER_MMAP_MIN is
 * trimmed.  Fixed thresholds also stop glibc from raising them after a
 * big block is freed (its default), which would keep the next big mails
 * on the heap.  What the setup freed (the zone trees ics_preload() read
 * and wrote down as text) is given back once, before the first mail.
 */
#include "autoconfig.h"

#include <malloc.h>

#include "detect.h"
#include "parser.h"
#include "recognise.h"
#include "sandbox.h"

#define PARSER_MMAP_MIN (1024 * 1024)

static void *
init(const char *s, size_t len)
{
	static struct detect_opts opts;
	void *w;

	if (parser_opts_decode(s, len, &opts) != 0)
		return NULL;
	w = recognise_worker_init(&opts);
	(void)malloc_trim(0);
	return w;
}

int
main(void)
{
	(void)mallopt(M_MMAP_THRESHOLD, PARSER_MMAP_MIN);
	(void)mallopt(M_TRIM_THRESHOLD, PARSER_MMAP_MIN);
	return sandbox_serve(init, recognise_worker);
}
