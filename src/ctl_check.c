/*
 * ctl_check: followupctl's commands that need no state: check-config (the
 * config and the templates), check-connection (conncheck.h: log in to
 * both servers, nothing is sent) and scan (ctl_scan.h: recognition over
 * saved mails).  See ctl_p.h.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "conncheck.h"
#include "ctl_p.h"
#include "ctl_scan.h"
#include "recognise.h"
#include "smtp.h"
#include "template.h"
#include "util.h"

int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	struct template_errors te = { 0 };

	if (argc != 1) {
		ctl_usage(stderr);
		return EXIT_USAGE;
	}
	if (template_check_dir(c->cfg->templates_dir, &te) == -1) {
		for (size_t i = 0; i < te.n; i++)
			fprintf(stderr, "%s\n", te.v[i]);
		template_errors_clear(&te);
		return EXIT_CONFIG;
	}
	printf("%s: configuration and templates are valid\n", c->cfg->path);
	return 0;
}

/* followupctl check-connection: log in to both servers; nothing is sent. */
int
cmd_check_connection(struct ctl *c, int argc, char **argv)
{
	int rc;

	(void)argv;
	if (argc != 1) {
		ctl_usage(stderr);
		return EXIT_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	if (smtp_global_init() == -1) {
		fprintf(stderr, "followupctl: cannot initialise libcurl\n");
		return EXIT_SOFTWARE;
	}
	rc = conncheck_run(c->cfg, stdout);
	smtp_global_cleanup();
	return rc;
}

int
cmd_scan(struct ctl *c, int argc, char **argv)
{
	struct detect_opts opts;

	recognise_opts(c->cfg, &opts);
	opts.now = c->now;
	return ctl_scan(argc, argv, &opts);
}
