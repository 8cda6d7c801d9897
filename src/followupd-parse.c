/*
 * followupd-parse: the recognition worker of followupd and followupctl
 * (parser.h).  Started only by them, through the sandbox (sandbox.h):
 * descriptor 3 is its socket, the limits are already set; it reads the
 * detect options, loads iconv modules and time zones, confines itself
 * with seccomp and answers one raw mail per request.  Run by hand it says
 * so and exits 2.
 */
#include "autoconfig.h"

#include "detect.h"
#include "parser.h"
#include "recognise.h"
#include "sandbox.h"

static void *
init(const char *s, size_t len)
{
	static struct detect_opts opts;

	if (parser_opts_decode(s, len, &opts) != 0)
		return NULL;
	return recognise_worker_init(&opts);
}

int
main(void)
{
	return sandbox_serve(init, recognise_worker);
}
