/*
 * daemon_sent: the copies of sent mails in the Sent folder.  The folder
 * (configured, announced by the server, or "Sent"), found once per
 * connection; whether this account's server files sent mail itself, as
 * remembered in the store (sentcopy.h); the outbox's operations on Sent
 * (daemon_io_save_copy, daemon_io_find_sent); and the copies held back
 * while that habit is not known, kept in the store too, each looked for a
 * few times before a copy of our own is appended.  See daemon_p.h.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_p.h"
#include "log.h"
#include "outbox.h"
#include "sentcopy.h"
#include "store.h"
#include "util.h"

/* A mail sent while sent_copy = auto does not know whether the server
 * files it in Sent: its copy waits for the looks (sentcopy.h).  The list
 * is kept in the store too (HELD_KEY), so a crash loses no copy; the
 * bytes are the outbox's, found by Message-ID. */
#define HELD_KEY "sent_copy.held"
struct held_copy {
	char *message_id;
	time_t sent_at;
	int looks;                  /* done so far */
};

/* The Sent folder, found once per connection setup; NULL for none. */
static const char *
sent_folder(struct daemon *dm)
{
	const char *conf = dm->cfg->imap.sent_folder;

	if (dm->sent.resolved)
		return dm->sent.folder;
	if (strcmp(conf, "none") == 0) {
		dm->sent.resolved = true;
		return NULL;
	}
	if (*conf) {
		dm->sent.folder = xstrdup(conf);
		dm->sent.resolved = true;
		return dm->sent.folder;
	}
	if (!daemon_imap_ready(dm) || imap_find_sent_folder(dm->imap, &dm->sent.folder) != IMAP_OK)
		return NULL;
	if (dm->sent.folder == NULL) {
		log_warn("IMAP: the server announces no \\Sent folder; saving copies in \"Sent\" "
		    "(set imap.sent_folder to choose)");
		dm->sent.folder = xstrdup("Sent");
	}
	dm->sent.resolved = true;
	return dm->sent.folder;
}

const char *
daemon_sent_folder(struct daemon *dm)
{
	return sent_folder(dm);
}

void
daemon_sent_forget(struct daemon *dm)
{
	free(dm->sent.folder);
	dm->sent.folder = NULL;
	dm->sent.resolved = false;
	dm->sent.watch_told = false;
}

static int
append_copy(struct daemon *dm, const char *data, size_t len, char **err)
{
	const char *folder;

	if (!daemon_imap_ready(dm)) {
		*err = xstrdup("not connected to the IMAP server");
		return -1;
	}
	if ((folder = sent_folder(dm)) == NULL) {
		*err = xasprintf("no Sent folder: %s", imap_error(dm->imap));
		return -1;
	}
	if (imap_append(dm->imap, folder, data, len, true, NULL) != IMAP_OK) {
		*err = xasprintf("%s: %s", folder, imap_error(dm->imap));
		return -1;
	}
	return 0;
}

/* What is remembered of whether this account's server files sent mail. */
static char *
copy_key(const struct daemon *dm)
{
	const struct config_account *i = &dm->cfg->imap.conn;

	return sentcopy_key(i->user, i->host, i->port, dm->cfg->smtp.conn.host);
}

static void
copy_memory(struct daemon *dm, struct sentcopy_memory *m)
{
	char *key = copy_key(dm), *v = NULL;

	if (store_meta_get(dm->st, key, &v) < 0)
		v = NULL;
	sentcopy_parse(v, m);
	free(v);
	free(key);
}

static void
copy_remember(struct daemon *dm, const struct sentcopy_memory *m)
{
	char *key = copy_key(dm);

	if (store_meta_set(dm->st, key, sentcopy_format(m)) != 0)
		log_warn("sent copies: cannot remember what the server does: %s",
		    store_errmsg(dm->st));
	free(key);
}

static void
held_add(struct daemon *dm, char *message_id, time_t sent_at, int looks)
{
	struct held_copy *h;

	dm->sent.held = xrealloc(dm->sent.held, (dm->sent.nheld + 1) * sizeof(*dm->sent.held));
	h = &dm->sent.held[dm->sent.nheld++];
	h->message_id = message_id;
	h->sent_at = sent_at;
	h->looks = looks;
}

/* The held list into the store: "SENT_AT MESSAGE-ID" lines. */
static void
held_save(struct daemon *dm)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < dm->sent.nheld; i++)
		buf_addf(&b, "%lld %s\n", (long long)dm->sent.held[i].sent_at, dm->sent.held[i].message_id);
	if (store_meta_set(dm->st, HELD_KEY, b.len ? b.data : NULL) != 0)
		log_warn("sent copies: cannot record the copies held back: %s", store_errmsg(dm->st));
	buf_free(&b);
}

/* At start: the copies a stopped or killed daemon still held get their
 * last look. */
void
daemon_held_load(struct daemon *dm)
{
	char *v = NULL, *line, *save = NULL;

	if (store_meta_get(dm->st, HELD_KEY, &v) != 1)
		return;
	for (line = strtok_r(v, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		long long at;
		int off = 0;

		if (sscanf(line, "%lld %n", &at, &off) == 1 && off > 0 && line[off] == '<')
			held_add(dm, xstrdup(line + off), (time_t)at, SENTCOPY_NLOOKS - 1);
	}
	free(v);
	if (dm->sent.nheld > 0)
		log_info("sent copies: %zu mail(s) still to look for in Sent", dm->sent.nheld);
}

int
daemon_io_save_copy(void *arg, const char *data, size_t len, char **err)
{
	struct daemon *dm = arg;
	struct sentcopy_memory mem;
	char *id;

	if (strcmp(dm->cfg->imap.sent_folder, "none") == 0)
		return 0;
	copy_memory(dm, &mem);
	switch (sentcopy_decide(dm->cfg->imap.sent_copy,
	    dm->imap != NULL && imap_has_capability(dm->imap, "X-GM-EXT-1"), &mem)) {
	case SENTCOPY_SKIP:
		log_debug("sent copies: none saved (imap.sent_copy = %s; the server %s)",
		    dm->cfg->imap.sent_copy == CONFIG_SENT_COPY_NO ? "no" : "auto",
		    mem.files == 1 ? "files sent mail itself" : "is Gmail");
		return 0;
	case SENTCOPY_APPEND:
		return append_copy(dm, data, len, err);
	case SENTCOPY_WATCH:
		break;
	}
	if ((id = sentcopy_message_id(data, len)) == NULL)
		return append_copy(dm, data, len, err);     /* nothing to look for */
	held_add(dm, id, time(NULL), 0);
	held_save(dm);
	daemon_held_schedule(dm);
	log_info("sent copies: looking for %s in Sent before saving a copy "
	    "(does the server file sent mail itself?)", id);
	return 0;
}

/* A copy that did not reach Sent: logged and recorded for its mail. */
static void
copy_failed(struct daemon *dm, int64_t id, const char *why)
{
	struct mail m = { 0 };

	log_warn("mail %lld: no copy saved in Sent: %s", (long long)id, why);
	if (store_outbox_get(dm->st, id, &m) == 1)
		store_event_add(dm->st, "copy", m.application_id, m.interview_id, id,
		    "mail %lld: no copy saved in Sent: %s", (long long)id, why);
	mail_clear(&m);
}

void
daemon_copies_collect(struct daemon *dm)
{
	enum imap_result res = IMAP_TEMPFAIL;
	bool had = false;

	if (dm->sent.nunanswered == 0)
		return;
	if (dm->imap != NULL)
		res = imap_append_collect(dm->imap, &had);
	if (res != IMAP_OK || !had) {
		const char *why = res != IMAP_OK && dm->imap ? imap_error(dm->imap) :
		    "the server's answer was lost";

		for (size_t i = 0; i < dm->sent.nunanswered; i++)
			copy_failed(dm, dm->sent.unanswered[i], why);
	}
	free(dm->sent.unanswered);
	dm->sent.unanswered = NULL;
	dm->sent.nunanswered = 0;
}

/* Copies the server saves while the next mails go (imap_append_many with
 * later): their answer is read by the next call, or daemon_copies_collect. */
static void
append_copies(struct daemon *dm, struct outbox_copy *c, size_t n)
{
	const char **data = xcalloc(n + 1, sizeof(*data));
	size_t *len = xcalloc(n + 1, sizeof(*len)), saved = 0;
	const char *folder = NULL;
	char *err = NULL;

	if (!daemon_imap_ready(dm))
		err = xstrdup("not connected to the IMAP server");
	else if ((folder = sent_folder(dm)) == NULL)
		err = xasprintf("no Sent folder: %s", imap_error(dm->imap));
	for (size_t i = 0; i < n; i++) {
		data[i] = c[i].data;
		len[i] = c[i].len;
	}
	if (err == NULL &&
	    imap_append_many(dm->imap, folder, data, len, n, true, true, &saved) != IMAP_OK)
		err = xasprintf("%s: %s", folder, imap_error(dm->imap));
	else if (err == NULL && saved < n) {
		dm->sent.unanswered = xcalloc(n, sizeof(*dm->sent.unanswered));
		for (size_t i = 0; i < n; i++)
			dm->sent.unanswered[i] = c[i].mail_id;
		dm->sent.nunanswered = n;
	}
	for (size_t i = saved; err != NULL && i < n; i++)
		c[i].err = xstrdup(err);
	free(err);
	free(data);
	free(len);
}

void
daemon_io_save_copies(void *arg, struct outbox_copy *c, size_t n)
{
	struct daemon *dm = arg;
	struct sentcopy_memory mem;

	daemon_copies_collect(dm);      /* the previous batch's */
	if (strcmp(dm->cfg->imap.sent_folder, "none") == 0)
		return;
	copy_memory(dm, &mem);
	if (sentcopy_decide(dm->cfg->imap.sent_copy,
	    dm->imap != NULL && imap_has_capability(dm->imap, "X-GM-EXT-1"), &mem) == SENTCOPY_APPEND) {
		append_copies(dm, c, n);
		return;
	}
	/* Skipped or watched: decided one by one, as ever. */
	for (size_t i = 0; i < n; i++)
		if (daemon_io_save_copy(dm, c[i].data, c[i].len, &c[i].err) == 0 && c[i].err) {
			free(c[i].err);
			c[i].err = NULL;
		}
}

/* Append the copy of the outbox mail with this Message-ID. */
static int
held_append(struct daemon *dm, const char *message_id, char **err)
{
	struct mail m = { 0 };
	int rc = store_outbox_by_message_id(dm->st, message_id, &m);

	if (rc != 1 || m.rendered == NULL) {
		*err = rc < 0 ? xasprintf("the state database: %s", store_errmsg(dm->st)) :
		    xstrdup("the mail is no longer in the outbox");
		rc = -1;
	} else
		rc = append_copy(dm, (const char *)m.rendered, m.rendered_len, err);
	mail_clear(&m);
	return rc;
}

/* The earliest look at a held copy; 0 for none. */
time_t
daemon_held_next(const struct daemon *dm)
{
	time_t next = 0;

	for (size_t i = 0; i < dm->sent.nheld; i++) {
		time_t t = sentcopy_next_look(dm->sent.held[i].sent_at, dm->sent.held[i].looks);

		if (t == 0)
			t = dm->sent.held[i].sent_at;        /* every look done: due now */
		if (next == 0 || t < next)
			next = t;
	}
	return next;
}

/* The held timer follows the earliest look; the looks need IMAP. */
void
daemon_held_schedule(struct daemon *dm)
{
	if (dm->sent.nheld > 0 && daemon_connected(dm))
		timer_arm(&dm->t.held, daemon_held_next(dm));
	else
		timer_disarm(&dm->t.held);
}

static void
held_drop(struct daemon *dm, size_t i)
{
	free(dm->sent.held[i].message_id);
	dm->sent.held[i] = dm->sent.held[--dm->sent.nheld];
}

/*
 * Look in Sent for the held copies that are due.  Found: the server files
 * sent mail itself; not found after the last look: the copy is appended
 * now.  Needs IMAP out of IDLE; each look is one SEARCH.
 */
void
daemon_held_look(struct daemon *dm, time_t now)
{
	struct sentcopy_memory mem;
	size_t i = 0;

	copy_memory(dm, &mem);
	while (i < dm->sent.nheld && daemon_imap_ready(dm)) {
		struct held_copy *h = &dm->sent.held[i];
		time_t at = sentcopy_next_look(h->sent_at, h->looks);
		int found;
		char *err = NULL;

		if (at != 0 && at > now) {
			i++;
			continue;
		}
		found = daemon_io_find_sent(dm, h->message_id);
		if (at != 0)
			h->looks++;
		if (found == 1) {
			if (sentcopy_found(&mem)) {
				log_notice("sent copies: the server files sent mail in Sent itself "
				    "(%s found there): followupd saves no copies of its own", h->message_id);
				copy_remember(dm, &mem);
			}
			held_drop(dm, i);
			continue;
		}
		if (sentcopy_next_look(h->sent_at, h->looks) != 0) {
			i++;
			continue;
		}
		/* Not found in time (or cannot tell and out of time): a copy of our own. */
		if (held_append(dm, h->message_id, &err) == -1) {
			if (!imap_connected(dm->imap)) {
				free(err);
				break;          /* tried again once connected */
			}
			log_warn("sent copies: no copy of %s saved in Sent: %s", h->message_id, err);
			free(err);
		} else if (found == 0 && sentcopy_missed(&mem)) {
			log_notice("sent copies: the server does not file sent mail in Sent: "
			    "followupd saves a copy of each");
			copy_remember(dm, &mem);
		} else if (found == 0) {
			copy_remember(dm, &mem);
		}
		held_drop(dm, i);
	}
	held_save(dm);
}

int
daemon_io_find_sent(void *arg, const char *message_id)
{
	struct daemon *dm = arg;
	const char *folder;
	bool found = false;

	if (!daemon_imap_ready(dm) || (folder = sent_folder(dm)) == NULL)
		return strcmp(dm->cfg->imap.sent_folder, "none") == 0 ? 0 : -1;
	if (imap_search_message_id(dm->imap, folder, message_id, &found, NULL) != IMAP_OK)
		return -1;
	return found ? 1 : 0;
}

void
daemon_sent_free(struct daemon *dm)
{
	free(dm->sent.folder);
	while (dm->sent.nheld > 0)
		held_drop(dm, 0);
	free(dm->sent.held);
	free(dm->sent.unanswered);
}
