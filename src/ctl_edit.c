/*
 * ctl_edit: `followupctl edit ID`: the mail in $EDITOR (VISUAL, EDITOR,
 * else vi), like crontab -e.  The text is edited with LF line ends and
 * goes back as CRLF; it is saved (review.h) only when it is a valid mail
 * with recipients.  The user's text is never lost: a refused edit is
 * edited again (on a terminal) or kept in a file in state_dir.  See
 * ctl_p.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compose.h"
#include "config.h"
#include "ctl_p.h"
#include "review.h"
#include "store.h"
#include "util.h"

/* Bytes for editing (LF) back to the wire form (CRLF), checked. */
static int
from_editor(const char *text, size_t len, struct buf *out, char **err)
{
	size_t line = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r')
			continue;
		if (text[i] == '\n') {
			buf_add(out, "\r\n", 2);
			line = 0;
			continue;
		}
		if (text[i] == '\0') {
			*err = xstrdup("the mail contains a NUL byte");
			return -1;
		}
		if (++line > 998) {
			*err = xstrdup("a line is longer than 998 bytes (RFC 5322)");
			return -1;
		}
		buf_addc(out, text[i]);
	}
	if (out->len < 2 || memcmp(out->data + out->len - 2, "\r\n", 2) != 0)
		buf_add(out, "\r\n", 2);
	return 0;
}

/* Run the user's editor on path; 0 if it exited 0. */
static int
edit_run(const char *path)
{
	const char *editor = getenv("VISUAL") ? getenv("VISUAL") : getenv("EDITOR");
	char *cmd = xasprintf("%s \"$1\"", editor && *editor ? editor : "vi");
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

/* Like crontab -e: on a terminal, ask whether to edit the text again. */
static bool
edit_again(void)
{
	char line[32];

	if (!isatty(STDIN_FILENO))
		return false;
	for (;;) {
		fprintf(stderr, "Edit again? [y/n] ");
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL)
			return false;
		if (line[0] == 'y' || line[0] == 'Y')
			return true;
		if (line[0] == 'n' || line[0] == 'N')
			return false;
	}
}

/* The user's rejected text, kept where they can find it: a new file in
 * state_dir (0600).  Returns its path (caller frees) or NULL. */
static char *
edit_keep(struct ctl *c, int64_t id, const char *text, size_t len)
{
	char *path = xasprintf("%s/edit-%lld-XXXXXX", c->cfg->state_dir, (long long)id);
	int fd = mkstemp(path);

	if (fd == -1) {
		free(path);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len || close(fd) == -1) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Why a mail cannot be edited, and what to do instead. */
static const char *
edit_hint(enum mail_status st)
{
	switch (st) {
	case MAIL_SENDING: return "too late to edit: it is being sent now";
	case MAIL_SENT: return "too late to edit: it has left";
	case MAIL_CANCELLED: return "cancelled mails are not edited";
	case MAIL_UNKNOWN: return "it may have left already; if it did not, "
	    "followupctl retry ID, then edit it";
	default: return "too late to edit";
	}
}

/* One edit: the mail, the editor's file, the user's text. */
struct edit {
	struct ctl *c;
	struct mail m;
	char *path;                 /* the editor's file; NULL once kept */
	char *text;                 /* what the user wrote, as read back */
	size_t len;
	struct buf wire;            /* text in the wire form, checked */
};

/* Write the mail for the editor (LF line ends) into a new temporary
 * file, e->path.  0, or EXIT_CANTCREAT with a message. */
static int
edit_start(struct edit *e)
{
	const char *tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const struct mail *m = &e->m;
	int fd;

	e->path = xasprintf("%s/followupctl-edit-XXXXXX", tmpdir);
	if ((fd = mkstemp(e->path)) == -1) {
		fprintf(stderr, "followupctl edit: %s: %s\n", e->path, strerror(errno));
		free(e->path);
		e->path = NULL;
		return EXIT_CANTCREAT;
	}
	for (size_t i = 0; m->rendered && i < m->rendered_len; i++)
		if (m->rendered[i] != '\r' && write(fd, &m->rendered[i], 1) != 1)
			break;
	close(fd);
	return 0;
}

/* Is the text read back a mail that can be sent?  Its wire form goes into
 * e->wire.  0, or -1 with *err. */
static int
edit_check(struct edit *e, char **err)
{
	char **rcpts = NULL;
	size_t nrcpt = 0;
	int rc = -1;

	buf_reset(&e->wire);
	if (from_editor(e->text, e->len, &e->wire, err) == 0 &&
	    compose_envelope_from_message(e->wire.data, e->wire.len, &rcpts, &nrcpt, err) == 0)
		rc = 0;
	compose_strv_free(rcpts, nrcpt);
	return rc;
}

/*
 * Run the editor until its text is a mail that can be sent: 0 with
 * e->wire, or the exit status.  The user's text is never lost: a wrong
 * edit is edited again (when the user says so) or kept in a file.
 */
static int
edit_until_valid(struct edit *e)
{
	long long id = (long long)e->m.id;
	char *err = NULL, *kept;

	for (;;) {
		if (edit_run(e->path) == -1) {
			fprintf(stderr, "followupctl edit: the editor failed; mail %lld unchanged\n", id);
			return EXIT_SOFTWARE;
		}
		free(e->text);
		e->text = NULL;
		if (read_file(e->path, 1024 * 1024, &e->text, &e->len) == -1) {
			fprintf(stderr, "followupctl edit: %s: %s\n", e->path, strerror(errno));
			return EXIT_IOERR;
		}
		if (edit_check(e, &err) == 0)
			return 0;
		fprintf(stderr, "followupctl edit: mail %lld: %s\n", id, err);
		free(err);
		err = NULL;
		if (!edit_again())
			break;
	}
	if ((kept = edit_keep(e->c, e->m.id, e->text, e->len)) == NULL) {
		kept = e->path;            /* keep the editor's file itself */
		e->path = NULL;
	}
	fprintf(stderr, "followupctl edit: mail %lld unchanged; your text is kept in %s\n", id,
	    kept);
	free(kept);
	return EXIT_DATAERR;
}

/* Save the checked edit (review.h), unless nothing changed. */
static int
edit_save(struct edit *e)
{
	long long id = (long long)e->m.id;
	char *kept;
	int rc;

	if (e->m.rendered_len == e->wire.len &&
	    memcmp(e->m.rendered, e->wire.data, e->wire.len) == 0) {
		printf("mail %lld: unchanged\n", id);
		return 0;
	}
	rc = review_edit_save(e->c->st, e->m.id, e->wire.data, e->wire.len);
	if (rc != REVIEW_OK) {
		if (rc == REVIEW_CHANGED && (kept = edit_keep(e->c, e->m.id, e->text, e->len)) != NULL) {
			fprintf(stderr, "followupctl edit: your text is kept in %s\n", kept);
			free(kept);
		}
		fprintf(stderr, "followupctl edit: %s\n", rc == REVIEW_ERROR ?
		    store_errmsg(e->c->st) : "the mail left or changed meanwhile; edit not saved");
		return rc == REVIEW_ERROR ? EXIT_IOERR : EXIT_DATAERR;
	}
	if (e->m.status == MAIL_FAILED)
		printf("mail %lld: edited; it stays failed until followupctl retry %lld\n", id, id);
	else
		printf("mail %lld: edited; this is what will be sent\n", id);
	ctl_poke_daemon(e->c);
	return 0;
}

int
cmd_edit(struct ctl *c, int argc, char **argv)
{
	struct edit e = { .c = c };
	int64_t id;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: followupctl edit ID\n");
		return EXIT_USAGE;
	}
	if (ctl_need_store(c) == -1 || ctl_parse_id("edit", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_edit_check(c->st, id, &e.m)) {
	case REVIEW_OK:
		if ((rc = edit_start(&e)) == 0 && (rc = edit_until_valid(&e)) == 0)
			rc = edit_save(&e);
		if (e.path)
			unlink(e.path);
		break;
	case REVIEW_NO_MAIL:
		rc = ctl_no_mail("edit", id);
		break;
	case REVIEW_REFUSED:
		ctl_print_hint("edit", e.m.id, e.m.status, edit_hint(e.m.status));
		rc = EXIT_DATAERR;
		break;
	default:
		rc = ctl_store_failed(c);
		break;
	}
	free(e.path);
	free(e.text);
	buf_free(&e.wire);
	mail_clear(&e.m);
	return rc;
}
