/*
 * ctl_review: followupctl's review commands: approve, hold, cancel,
 * send-now, retry (and retry --login), and dismiss (an unplaced job mail
 * the user has looked at: store.h).  Each is one use case of review.h;
 * this file says what came of it and tells a running daemon.  See ctl_p.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attention.h"
#include "config.h"
#include "ctl.h"
#include "ctl_p.h"
#include "review.h"
#include "store.h"
#include "util.h"

/* approve, hold, cancel: one status change (review.h), and what came of it. */
static int
change_status(struct ctl *c, const char *cmd, int64_t id, enum mail_action action)
{
	enum mail_status now = MAIL_PENDING, was = MAIL_PENDING;

	switch (review_decide(c->st, id, action, &now, &was)) {
	case REVIEW_OK:
		printf("mail %lld: %s\n", (long long)id, mail_status_name(now));
		return 0;
	case REVIEW_NO_MAIL:
		fprintf(stderr, "followupctl %s: no mail %lld\n", cmd, (long long)id);
		return EXIT_DATAERR;
	case REVIEW_REFUSED:
	case REVIEW_CHANGED:
		fprintf(stderr, "followupctl %s: mail %lld is %s: nothing to do\n", cmd,
		    (long long)id, mail_status_name(was));
		return EXIT_DATAERR;
	default:
		return ctl_store_failed(c);
	}
}

static const struct {
	const char *cmd;
	enum mail_action action;
} transitions[] = {
	{ "approve", MAIL_ACT_APPROVE },
	{ "hold", MAIL_ACT_HOLD },
	{ "cancel", MAIL_ACT_CANCEL },
};

/* cancel --interview ID: the interview will not take place. */
static int
cancel_interview(struct ctl *c, int64_t id)
{
	int n = 0;

	switch (review_cancel_interview(c->st, id, &n)) {
	case REVIEW_OK:
		printf("interview %lld: cancelled, and %d waiting mail(s) with it\n",
		    (long long)id, n);
		return 0;
	case REVIEW_NO_MAIL:
		fprintf(stderr, "followupctl cancel: no interview %lld\n", (long long)id);
		return EXIT_DATAERR;
	case REVIEW_REFUSED:
		fprintf(stderr, "followupctl cancel: interview %lld is cancelled already\n",
		    (long long)id);
		return EXIT_DATAERR;
	default:
		return ctl_store_failed(c);
	}
}

/* approve --all, approve --interview ID: every held mail (of it). */
static int
approve_held(struct ctl *c, int64_t interview)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = 0;

	if (review_held(c->st, interview, &ids, &n) != 0)
		return ctl_store_failed(c);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = change_status(c, "approve", ids[i], MAIL_ACT_APPROVE);
	if (n == 0 && interview)
		printf("no mail of interview %lld waits for approval\n", (long long)interview);
	else if (n == 0)
		printf("no mail waits for approval\n");
	free(ids);
	return rc;
}

int
cmd_transition(struct ctl *c, int argc, char **argv)
{
	size_t t = 0;
	int64_t id;
	int rc = 0;
	bool interview;

	while (strcmp(transitions[t].cmd, argv[0]) != 0)
		t++;
	/* approve and cancel also take --interview ID; approve takes --all. */
	interview = argc == 3 && transitions[t].action != MAIL_ACT_HOLD &&
	    strcmp(argv[1], "--interview") == 0;
	if (argc != 2 && !interview) {
		fprintf(stderr, "usage: followupctl %s ID%s\n", argv[0],
		    transitions[t].action == MAIL_ACT_APPROVE ? "|--all|--interview ID" :
		    transitions[t].action == MAIL_ACT_CANCEL ? "|--interview ID" : "");
		return EXIT_USAGE;
	}
	if (ctl_need_store(c) == -1)
		return EXIT_USAGE;
	if (interview) {
		if (ctl_parse_id(argv[0], argv[2], &id) == -1)
			return EXIT_USAGE;
		rc = transitions[t].action == MAIL_ACT_APPROVE ? approve_held(c, id) :
		    cancel_interview(c, id);
	} else if (transitions[t].action == MAIL_ACT_APPROVE && strcmp(argv[1], "--all") == 0) {
		rc = approve_held(c, 0);
	} else if (ctl_parse_id(argv[0], argv[1], &id) == -1)
		return EXIT_USAGE;
	else
		rc = change_status(c, argv[0], id, transitions[t].action);
	if (rc == 0)
		ctl_poke_daemon(c);
	return rc;
}

int
cmd_send_now(struct ctl *c, int argc, char **argv)
{
	int64_t id;

	if (argc != 2 || ctl_need_store(c) == -1 || ctl_parse_id("send-now", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_send_now(c->st, id, c->now)) {
	case REVIEW_OK:
		printf("mail %lld: will be sent at once\n", (long long)id);
		ctl_poke_daemon(c);
		return 0;
	case REVIEW_ERROR:
		return ctl_store_failed(c);
	default:
		fprintf(stderr, "followupctl send-now: mail %lld cannot be sent now (see "
		    "followupctl show %lld)\n", (long long)id, (long long)id);
		return EXIT_DATAERR;
	}
}

/* Why a mail cannot be retried, and what to do instead. */
static const char *
retry_hint(enum mail_status st)
{
	switch (st) {
	case MAIL_PENDING:
	case MAIL_DEFERRED: return "it is waiting to go (followupctl send-now ID sends it at once)";
	case MAIL_HELD: return "it waits for you (followupctl approve ID lets it go)";
	case MAIL_SENDING: return "it is being sent now";
	case MAIL_SENT: return "it has left; only failed mails and mails of unknown "
	    "outcome are retried";
	case MAIL_CANCELLED: return "cancelled mails are not retried";
	default: return "only failed mails and mails of unknown outcome are retried";
	}
}

/* followupctl retry --login: the running daemon logs in again at once. */
static int
retry_login(struct ctl *c)
{
	pid_t pid = 0;
	int running;

	if (ctl_need_store(c) == -1)
		return EXIT_USAGE;
	running = ctl_daemon_running(c->cfg, &pid);
	if (running != 1) {
		printf("followupd is not running: it logs in when it starts\n");
		return 0;
	}
	if (attention_request_retry(c->st, c->now) < 0)
		return ctl_store_failed(c);
	if (pid <= 0 || kill(pid, SIGUSR1) == -1) {
		fprintf(stderr, "followupctl: cannot signal followupd%s%s; systemctl reload followupd "
		    "(or kill -HUP) makes it log in again\n", pid > 0 ? ": " : "",
		    pid > 0 ? strerror(errno) : "");
		return EXIT_UNAVAILABLE;
	}
	printf("followupd (pid %ld) logs in again now: followupctl status tells how it went\n",
	    (long)pid);
	return 0;
}

int
cmd_retry(struct ctl *c, int argc, char **argv)
{
	struct mail m = { 0 };
	bool hold = c->cfg->send.mode == CONFIG_SEND_REVIEW;
	int64_t id;
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "--login") == 0)
		return retry_login(c);
	if (argc != 2) {
		fprintf(stderr, "usage: followupctl retry ID | --login\n");
		return EXIT_USAGE;
	}
	if (ctl_need_store(c) == -1 || ctl_parse_id("retry", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_retry(c->st, id, hold, c->now, &m)) {
	case REVIEW_OK:
		if (hold)
			printf("mail %lld: held, due now; followupctl approve %lld lets it go\n",
			    (long long)id, (long long)id);
		else
			printf("mail %lld: pending, due now\n", (long long)id);
		ctl_poke_daemon(c);
		break;
	case REVIEW_NO_MAIL:
		rc = ctl_no_mail("retry", id);
		break;
	case REVIEW_REFUSED:
		ctl_print_hint("retry", id, m.status, retry_hint(m.status));
		rc = EXIT_DATAERR;
		break;
	case REVIEW_CHANGED:
		fprintf(stderr, "followupctl retry: mail %lld changed meanwhile (see followupctl "
		    "show %lld)\n", (long long)id, (long long)id);
		rc = EXIT_DATAERR;
		break;
	default:
		rc = ctl_store_failed(c);
		break;
	}
	mail_clear(&m);
	return rc;
}

/* dismiss ID... | --all: job mails the user looked at (followupctl unplaced). */
int
cmd_dismiss(struct ctl *c, int argc, char **argv)
{
	int64_t *ids;
	int rc = 0, r;

	if (argc < 2) {
		fprintf(stderr, "usage: followupctl dismiss ID... | --all\n");
		return EXIT_USAGE;
	}
	if (ctl_need_store(c) == -1)
		return EXIT_USAGE;
	if (argc == 2 && strcmp(argv[1], "--all") == 0) {
		if ((r = store_unplaced_dismiss_all(c->st, c->now)) < 0)
			return ctl_store_failed(c);
		printf("%d unplaced mail(s) dismissed\n", r);
		return 0;
	}
	/* every id read before any is dismissed: a typo changes nothing */
	ids = xcalloc((size_t)argc, sizeof(*ids));
	for (int i = 1; i < argc && rc == 0; i++)
		if (ctl_parse_id("dismiss", argv[i], &ids[i]) == -1)
			rc = EXIT_USAGE;
	for (int i = 1; i < argc && rc != EXIT_USAGE; i++) {
		if ((r = store_unplaced_dismiss(c->st, ids[i], c->now)) < 0) {
			rc = ctl_store_failed(c);
			break;
		}
		if (r == 0) {
			fprintf(stderr, "followupctl dismiss: %lld is no unplaced mail waiting to be "
			    "looked at (see followupctl unplaced --all)\n", (long long)ids[i]);
			rc = EXIT_DATAERR;
		} else
			printf("unplaced mail %lld: dismissed\n", (long long)ids[i]);
	}
	free(ids);
	return rc;
}
