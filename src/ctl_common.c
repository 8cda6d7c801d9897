/* ctl_common: what followupctl's commands share.  See ctl_p.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ctl.h"
#include "ctl_p.h"
#include "outbox.h"
#include "store.h"
#include "template.h"
#include "util.h"

/* A store call failed: say why (the SQLite message included). */
int
ctl_store_failed(struct ctl *c)
{
	fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
	return EXIT_IOERR;
}

/* Tell a running daemon that the state changed (it reads it again).  The
 * lock says who runs on this state, so no stale pid is ever signalled. */
void
ctl_poke_daemon(struct ctl *c)
{
	pid_t pid;

	if (ctl_daemon_running(c->cfg, &pid) != 1 || pid <= 0)
		return;
	if (kill(pid, SIGUSR1) == -1 && errno == EPERM)
		fprintf(stderr, "followupctl: cannot signal followupd (pid %ld); it will see the "
		    "change at its next wake-up\n", (long)pid);
}

int
ctl_need_store(struct ctl *c)
{
	if (c->st == NULL) {
		fprintf(stderr, "followupctl: no state yet: followupd has not run with this config\n");
		return -1;
	}
	return 0;
}

int
ctl_parse_id(const char *cmd, const char *s, int64_t *id)
{
	if (s == NULL || parse_int64(s, 1, INT64_MAX, id) == -1) {
		fprintf(stderr, "followupctl %s: expected a mail number, got '%s'\n", cmd, s ? s : "");
		return -1;
	}
	return 0;
}

int
ctl_no_mail(const char *cmd, int64_t id)
{
	fprintf(stderr, "followupctl %s: no mail %lld (see followupctl outbox --all)\n", cmd,
	    (long long)id);
	return EXIT_DATAERR;
}

/* The outbox of this config, for commands that plan like the daemon. */
struct outbox *
ctl_open_outbox(struct ctl *c)
{
	struct template_errors te = { 0 };
	struct outbox *ob = outbox_new(c->st, c->cfg, &te);

	for (size_t i = 0; i < te.n; i++)
		fprintf(stderr, "%s\n", te.v[i]);
	template_errors_clear(&te);
	return ob;
}

/* A hint naming "ID" with the mail's number in its place. */
void
ctl_print_hint(const char *cmd, int64_t id, enum mail_status st, const char *hint)
{
	fprintf(stderr, "followupctl %s: mail %lld is %s: ", cmd, (long long)id,
	    mail_status_name(st));
	for (const char *p = hint; *p; p++) {
		if (p[0] == 'I' && p[1] == 'D') {
			fprintf(stderr, "%lld", (long long)id);
			p++;
		} else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}
