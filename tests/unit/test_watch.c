/*
 * Unit tests for watch_sync (src/mail/watch.c): each new message of a folder is
 * taken in exactly once.  A scripted fake IMAP server (fakeimap) plays the
 * folder; the script fails the test when watch asks for anything else (a
 * search that should have been spared, a duplicate fetched for recognition).
 * A real store in a temporary directory keeps the per-folder state and the
 * messages seen; the handler records what it was given.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeimap.h"
#include "imap.h"
#include "parties.h"
#include "store.h"
#include "tmpstore.h"
#include "util.h"
#include "watch.h"

#define MAXSTEPS 64
#define MAXUIDS 32

/* A script built at run time; the strings are owned. */
struct script {
	struct step steps[MAXSTEPS];
	size_t n;
};

struct fx {
	struct tmpstore *ts;
	struct store *st;       /* ts->st */
	/* What the handler was given, in order. */
	uint32_t examined[MAXUIDS];
	size_t nexamined;
	uint32_t recorded[MAXUIDS];
	size_t nrecorded;
	uint32_t fail_record_uid;   /* record fails for this UID (0: never) */
	int64_t lookback;           /* 0: a day */
	bool all_ids;               /* the handler's all_ids (the Sent folder) */
	bool batched;               /* the handler takes batches (examine_many) */
	size_t nbatches;            /* examine_many calls */
	size_t batch_sizes;         /* the mails they were given */
};

static void
add(struct script *s, const char *expect, char *reply)
{
	assert_true(s->n + 1 < MAXSTEPS);
	s->steps[s->n].expect = expect ? xstrdup(expect) : NULL;
	s->steps[s->n].reply = reply;
	s->steps[s->n].delay_ms = 0;
	s->n++;
	s->steps[s->n].expect = NULL;
	s->steps[s->n].reply = NULL;
}

static void
script_free(struct script *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free((char *)s->steps[i].expect);
		free((char *)s->steps[i].reply);
	}
	s->n = 0;
}

/* Greeting, login and SELECT of INBOX with this UIDVALIDITY and UIDNEXT. */
static void
add_login_select(struct script *s, uint32_t uidvalidity, uint32_t uidnext)
{
	add(s, NULL, xstrdup(GREETING));
	add(s, "CAPABILITY", xstrdup(CAPS));
	add(s, AUTH_PLAIN, xstrdup("$T OK logged in\r\n"));
	add(s, "CAPABILITY", xstrdup(CAPS));
	add(s, "SELECT INBOX", xasprintf("* %u EXISTS\r\n* 0 RECENT\r\n"
	    "* OK [UIDVALIDITY %u] v\r\n* OK [UIDNEXT %u] n\r\n"
	    "$T OK [READ-WRITE] selected\r\n", uidnext - 1, uidvalidity, uidnext));
}

static char *
header_of(const char *msgid)
{
	if (msgid == NULL)
		return xstrdup("From: a@example.com\r\nSubject: hello\r\n\r\n");
	return xasprintf("From: a@example.com\r\nSubject: hello\r\nMessage-ID: %s\r\n\r\n", msgid);
}

/* The header FETCH of watch for uids (the command as libetpan writes the
 * set, e.g. "11:13"), answered with a header per message. */
static void
add_headers(struct script *s, const char *set, const uint32_t *uids,
		const char *const *msgids, size_t n)
{
	struct buf b = { 0 };
	char *expect = xasprintf("UID FETCH %s (UID RFC822.SIZE INTERNALDATE FLAGS "
	    "BODY.PEEK[HEADER] BODYSTRUCTURE)", set);

	for (size_t i = 0; i < n; i++) {
		char *h = header_of(msgids[i]);
		char *line = xasprintf("* %zu FETCH (UID %u RFC822.SIZE 100 FLAGS () "
		    "BODY[HEADER] {%zu}\r\n%s)\r\n", i + 1, uids[i], strlen(h), h);

		buf_adds(&b, line);
		free(line);
		free(h);
	}
	buf_adds(&b, "$T OK done\r\n");
	add(s, expect, xstrdup(b.data));
	free(expect);
	buf_free(&b);
}

/* The two FETCHes of imap_fetch_for_recognition for a small message. */
static void
add_message(struct script *s, uint32_t uid, const char *msgid)
{
	char *h = header_of(msgid);
	char *msg = xasprintf("%shello\r\n", h);
	char *expect = xasprintf("UID FETCH %u (UID RFC822.SIZE BODYSTRUCTURE)", uid);

	add(s, expect, xasprintf("* 1 FETCH (UID %u RFC822.SIZE %zu BODYSTRUCTURE "
	    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1))\r\n"
	    "$T OK done\r\n", uid, strlen(msg)));
	free(expect);
	expect = xasprintf("UID FETCH %u (UID BODY.PEEK[])", uid);
	add(s, expect, xasprintf("* 1 FETCH (UID %u BODY[] {%zu}\r\n%s)\r\n$T OK done\r\n",
	    uid, strlen(msg), msg));
	free(expect);
	free(msg);
	free(h);
}

/* The UID SEARCH of a sync (cmd, as far as the script checks it), answered
 * with the UIDs found ("" for none). */
static void
add_search(struct script *s, const char *cmd, const char *found)
{
	add(s, cmd, xasprintf("* SEARCH%s%s\r\n$T OK done\r\n", *found ? " " : "", found));
}

/* add_message for each of n messages. */
static void
add_messages(struct script *s, const uint32_t *uids, const char *const *msgids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_message(s, uids[i], msgids[i]);
}

/* ---- the handler: remembers what it saw ---- */

static void *
examine(void *arg, const struct watch_msg *m)
{
	struct fx *f = arg;

	assert_string_equal(m->folder, "INBOX");
	assert_true(m->len > 0);
	assert_non_null(strstr(m->raw, "hello\r\n"));
	assert_true(f->nexamined < MAXUIDS);
	f->examined[f->nexamined++] = m->uid;
	return xasprintf("result %u", m->uid);
}

/* A handler that takes batches: what examine gives each, counted. */
static void
examine_many(void *arg, const struct watch_msg *m, size_t n, void **results)
{
	struct fx *f = arg;

	assert_true(n > 0);
	f->nbatches++;
	f->batch_sizes += n;
	for (size_t i = 0; i < n; i++)
		results[i] = examine(arg, &m[i]);
}

static int
record(void *arg, struct store *st, const struct watch_msg *m, void *result,
		struct store_seen *seen)
{
	struct fx *f = arg;
	char want[32];

	(void)st;
	snprintf(want, sizeof(want), "result %u", m->uid);
	assert_string_equal(result, want);
	if (m->uid == f->fail_record_uid)
		return STORE_ERR;
	assert_true(f->nrecorded < MAXUIDS);
	f->recorded[f->nrecorded++] = m->uid;
	seen->kind = "test";
	seen->outcome = STORE_SEEN_HANDLED;
	return 0;
}

static void
release(void *arg, void *result)
{
	(void)arg;
	free(result);
}

/* Connect to a fake server following s and sync INBOX once. */
static enum imap_result
sync_once(struct fx *f, struct script *s, struct watch_stats *stats, char **err)
{
	struct watch_handler h = { examine, f->batched ? examine_many : NULL, record, release, f,
	    f->all_ids, NULL };
	struct fake fk = fake_start(s->steps);
	struct imap *im = fake_open_plain(fk.port, IMAP_SECURITY_NONE, 5);
	enum imap_result ir;

	assert_int_equal(imap_connect(im), IMAP_OK);
	memset(stats, 0, sizeof(*stats));
	ir = watch_sync(im, f->st, "INBOX", f->lookback ? f->lookback : 86400, time(NULL), &h,
	    stats, err);
	imap_free(im);
	fake_check(fk);
	script_free(s);
	return ir;
}

/* sync_once, which must succeed. */
static void
sync_ok(struct fx *f, struct script *s, struct watch_stats *stats)
{
	char *err = NULL;

	assert_int_equal(sync_once(f, s, stats, &err), IMAP_OK);
	assert_null(err);
}

/* sync_once, which must end in want with an error that says says (NULL:
 * anything). */
static void
sync_fails(struct fx *f, struct script *s, struct watch_stats *stats, enum imap_result want,
		const char *says)
{
	char *err = NULL;

	assert_int_equal(sync_once(f, s, stats, &err), want);
	assert_non_null(err);
	if (says != NULL)
		assert_non_null(strstr(err, says));
	free(err);
}

static void
assert_uids(const uint32_t *got, size_t n, const uint32_t *want, size_t nwant)
{
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void
assert_folder(struct fx *f, uint32_t uidvalidity, uint32_t last_uid)
{
	uint32_t uv = 0, last = 0;

	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(uv, uidvalidity);
	assert_int_equal(last, last_uid);
}

static void
seen_add(struct fx *f, const char *folder, uint32_t uv, uint32_t uid, const char *msgid)
{
	struct store_seen seen = { .folder = folder, .uidvalidity = uv, .uid = uid,
	    .message_id = msgid, .kind = "test", .outcome = STORE_SEEN_HANDLED };

	assert_int_equal(store_seen_add(f->st, &seen), 1);
}

/* ---- the tests ---- */

/* The first look at a folder takes in what arrived within the lookback; an
 * empty first look starts after what is there. */
static void
test_first_look(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 11, 12 };
	static const char *const ids[] = { "<a@x>", "<b@x>" };

	add_login_select(&s, 7, 13);
	add_search(&s, "UID SEARCH SINCE", "12 11");
	add_headers(&s, "11:12", uids, ids, 2);
	add_messages(&s, uids, ids, 2);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, uids, 2);
	assert_int_equal(stats.handled, 2);
	assert_int_equal(stats.skipped, 0);
	assert_folder(f, 7, 12);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 11), 1);
	assert_int_equal(store_seen_message_id(f->st, "<b@x>"), 1);
}

/* A handler that takes batches is given the fetched mails in one call,
 * minus those expunged since the search, and records the same. */
static void
test_batched(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t hdrs[] = { 12, 13, 14 }, want[] = { 12, 14 };
	static const char *const ids[] = { "<b@x>", "<c@x>", "<d@x>" };

	f->batched = true;
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	add_login_select(&s, 7, 15);
	add_search(&s, "UID SEARCH UID 11:*", "12 13 14");
	add_headers(&s, "12:14", hdrs, ids, 3);
	add_message(&s, 12, "<b@x>");
	add(&s, "UID FETCH 13 (UID RFC822.SIZE BODYSTRUCTURE)", xstrdup("$T OK nothing\r\n"));
	add_message(&s, 14, "<d@x>");
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, want, 2);
	assert_int_equal(f->nbatches, 1);
	assert_int_equal(f->batch_sizes, 2);
	assert_int_equal(stats.handled, 2);
	assert_folder(f, 7, 14);
}

/* A first look with nothing recent starts after what is there (UIDNEXT - 1);
 * the next sync has nothing new and spares the search. */
static void
test_first_look_empty(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;

	add_login_select(&s, 7, 13);
	add_search(&s, "UID SEARCH SINCE", "");
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 0);
	assert_folder(f, 7, 12);

	add_login_select(&s, 7, 13);
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 0);
}

/* A known folder: the messages after the last UID handled, then on the next
 * sync only the new ones, then no search at all when nothing is new. */
static void
test_after_last_uid(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t first[] = { 11, 12, 13 }, second[] = { 14, 15 };
	static const uint32_t all[] = { 11, 12, 13, 14, 15 };
	static const char *const ids1[] = { "<a@x>", NULL, "<c@x>" };
	static const char *const ids2[] = { "<d@x>", "<e@x>" };

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	add_login_select(&s, 7, 14);
	/* A server may answer with a UID below the range: not taken. */
	add_search(&s, "UID SEARCH UID 11:*", "10 11 12 13");
	add_headers(&s, "11:13", first, ids1, 3);
	add_messages(&s, first, ids1, 3);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, first, 3);
	assert_folder(f, 7, 13);

	add_login_select(&s, 7, 16);
	add_search(&s, "UID SEARCH UID 14:*", "14 15");
	add_headers(&s, "14:15", second, ids2, 2);
	add_messages(&s, second, ids2, 2);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, all, 5);
	assert_int_equal(stats.handled, 2);
	assert_folder(f, 7, 15);

	/* Nothing new (UIDNEXT 16): the script has no search to answer. */
	add_login_select(&s, 7, 16);
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nrecorded, 5);
	assert_int_equal(f->nexamined, 5);
}

/* The newest messages were expunged before the sync saw them (UIDNEXT 14,
 * the last UID handled 10, nothing after it): the folder counts as handled
 * up to 13, so that UIDNEXT alone says nothing came, the next sync asks no
 * search and the daemon does not sync again before each IDLE.  The stats
 * say what the listing covered: the count SELECT gave. */
static void
test_expunged_newest(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	add_login_select(&s, 7, 14);
	add_search(&s, "UID SEARCH UID 11:*", "10");
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 0);
	assert_folder(f, 7, 13);
	assert_true(stats.covered);
	assert_int_equal(stats.exists, 13);

	add_login_select(&s, 7, 14);
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 0);
	assert_folder(f, 7, 13);
}

/* UIDVALIDITY changed: the folder is looked at again like a first look, and
 * what was already handled (by Message-ID) is not handled twice. */
static void
test_uidvalidity_change(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 1, 2, 3 }, want[] = { 3 };
	static const char *const ids[] = { "<a@x>", "<b@x>", "<c@x>" };

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 13), 0);
	seen_add(f, "INBOX", 7, 12, "<a@x>");
	seen_add(f, "INBOX", 7, 13, "<b@x>");
	add_login_select(&s, 8, 4);
	add_search(&s, "UID SEARCH SINCE", "1 2 3");
	add_headers(&s, "1:3", uids, ids, 3);
	add_message(&s, 3, "<c@x>");     /* 1 and 2 are not fetched */
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_int_equal(stats.handled, 1);
	assert_int_equal(stats.skipped, 2);
	assert_folder(f, 8, 3);
	/* The duplicates are recorded under the new UIDVALIDITY: not looked at again. */
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 8, 1), 1);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 8, 2), 1);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 8, 3), 1);
}

/* A message already handled in another folder (a copy, a move by a filter)
 * or twice in the same batch is taken once.  The Message-ID without angle
 * brackets is the same message as the one with them. */
static void
test_seen_elsewhere(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 11, 12, 13, 14 }, want[] = { 13 };
	static const char *const ids[] = { "abc@host", "<abc@host>", "<new@host>", "new@host" };
	char *id = parties_message_id("Message-ID: abc@host\r\n\r\n", 24);

	assert_non_null(id);
	assert_string_equal(id, "<abc@host>");
	free(id);
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	seen_add(f, "Archive", 3, 5, "<abc@host>");
	add_login_select(&s, 7, 15);
	add_search(&s, "UID SEARCH UID 11:*", "11 12 13 14");
	add_headers(&s, "11:14", uids, ids, 4);
	add_message(&s, 13, "<new@host>");
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_int_equal(stats.handled, 1);
	assert_int_equal(stats.skipped, 3);
	assert_folder(f, 7, 14);
	for (uint32_t u = 11; u <= 14; u++)
		assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, u), 1);
}

/* A folder of the user's own copies (Sent): the first look, and a look after
 * a UIDVALIDITY change, take nothing of the past and start after what is
 * there; then every new message is handled, even one whose Message-ID was
 * handled in another folder or twice in a batch. */
static void
test_sent_from_now(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 13, 14 };
	static const char *const ids[] = { "<abc@host>", "<abc@host>" };

	f->lookback = WATCH_FROM_NOW;
	f->all_ids = true;
	add_login_select(&s, 7, 13);      /* no search: nothing of the past */
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 0);
	assert_folder(f, 7, 12);

	seen_add(f, "Archive", 3, 5, "<abc@host>");
	add_login_select(&s, 7, 15);
	add_search(&s, "UID SEARCH UID 13:*", "13 14");
	add_headers(&s, "13:14", uids, ids, 2);
	add_messages(&s, uids, ids, 2);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, uids, 2);
	assert_int_equal(stats.skipped, 0);
	assert_folder(f, 7, 14);

	add_login_select(&s, 8, 40);      /* UIDVALIDITY changed: no rescan */
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 2);
	assert_folder(f, 8, 39);
}

/* The server fails in the middle of a sync: what was handled stays handled,
 * the rest is taken on the next sync, nothing twice. */
static void
test_error_mid_sync(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 11, 12, 13 }, rest[] = { 12, 13 };
	static const uint32_t first[] = { 11 }, all[] = { 11, 12, 13 };
	static const char *const ids[] = { "<a@x>", "<b@x>", "<c@x>" };

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	add_login_select(&s, 7, 14);
	add_search(&s, "UID SEARCH UID 11:*", "11 12 13");
	add_headers(&s, "11:13", uids, ids, 3);
	add_message(&s, 11, "<a@x>");
	add(&s, "UID FETCH 12 (UID RFC822.SIZE BODYSTRUCTURE)",
	    xstrdup("$T NO [UNAVAILABLE] backend down\r\n"));
	sync_fails(f, &s, &stats, IMAP_TEMPFAIL, "UID 12");
	assert_uids(f->recorded, f->nrecorded, first, 1);
	assert_folder(f, 7, 11);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 12), 0);

	add_login_select(&s, 7, 14);
	add_search(&s, "UID SEARCH UID 12:*", "12 13");
	add_headers(&s, "12:13", rest, ids + 1, 2);
	add_messages(&s, rest, ids + 1, 2);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, all, 3);
	assert_folder(f, 7, 13);
}

/* The handler's record step fails: the batch is rolled back whole and
 * examined again on the next sync; nothing is recorded twice. */
static void
test_record_fails(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t uids[] = { 11, 12 };
	static const char *const ids[] = { "<a@x>", "<b@x>" };

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	f->fail_record_uid = 12;
	add_login_select(&s, 7, 13);
	add_search(&s, "UID SEARCH UID 11:*", "11 12");
	add_headers(&s, "11:12", uids, ids, 2);
	add_messages(&s, uids, ids, 2);
	sync_fails(f, &s, &stats, IMAP_PERMFAIL, NULL);
	assert_folder(f, 7, 10);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 11), 0);
	assert_int_equal(store_seen_message_id(f->st, "<a@x>"), 0);

	f->fail_record_uid = 0;
	f->nrecorded = 0;
	add_login_select(&s, 7, 13);
	add_search(&s, "UID SEARCH UID 11:*", "11 12");
	add_headers(&s, "11:12", uids, ids, 2);
	add_messages(&s, uids, ids, 2);
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, uids, 2);
	assert_int_equal(stats.skipped, 0);
	assert_folder(f, 7, 12);
}

/* Messages expunged after the search: one before the header FETCH (the
 * server leaves it out), one between the header FETCH and its own.  Neither
 * is handled nor recorded as seen, but the folder moves past both, so the
 * next sync does not ask for them again. */
static void
test_gone(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t hdrs[] = { 12, 13 }, want[] = { 12 };
	static const char *const ids[] = { "<b@x>", "<c@x>" };

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 10), 0);
	add_login_select(&s, 7, 14);
	add_search(&s, "UID SEARCH UID 11:*", "11 12 13");
	add_headers(&s, "11:13", hdrs, ids, 2);       /* 11 is gone already */
	add_message(&s, 12, "<b@x>");
	add(&s, "UID FETCH 13 (UID RFC822.SIZE BODYSTRUCTURE)", xstrdup("$T OK nothing\r\n"));
	sync_ok(f, &s, &stats);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_int_equal(stats.handled, 1);
	assert_folder(f, 7, 13);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 11), 0);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 13), 0);
	assert_int_equal(store_seen_message_id(f->st, "<c@x>"), 0);

	/* Nothing new: no search for 13 again. */
	add_login_select(&s, 7, 14);
	sync_ok(f, &s, &stats);
	assert_int_equal(f->nexamined, 1);
}

/* Connect to a fake server following s, sync INBOX (nothing new), IDLE
 * until the server announces mail, DONE, and sync again: the sync after
 * IDLE (watch_sync's short way). */
static void
sync_after_idle(struct fx *f, struct script *s, struct watch_stats *stats, long arrivals)
{
	struct watch_handler h = { examine, NULL, record, release, f, false, NULL };
	struct fake fk = fake_start(s->steps);
	struct imap *im = fake_open_plain(fk.port, IMAP_SECURITY_NONE, 5);
	bool news = false;
	char *err = NULL;

	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_int_equal(watch_sync(im, f->st, "INBOX", 86400, time(NULL), &h, stats, &err),
	    IMAP_OK);
	assert_int_equal(imap_idle_arrivals(im), -1);
	assert_int_equal(imap_idle_start(im), IMAP_OK);
	for (int i = 0; i < 500 && !news; i++) {
		if (!imap_idle_has_data(im))
			usleep(10000);
		assert_int_equal(imap_idle_read(im, &news), IMAP_OK);
	}
	assert_true(news);
	assert_int_equal(imap_idle_done(im, &news), IMAP_OK);
	assert_int_equal(imap_idle_arrivals(im), arrivals);
	memset(stats, 0, sizeof(*stats));
	assert_int_equal(watch_sync(im, f->st, "INBOX", 86400, time(NULL), &h, stats, &err),
	    IMAP_OK);
	assert_null(err);
	imap_free(im);
	fake_check(fk);
	script_free(s);
}

#define FETCH_NEW "UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[HEADER] BODYSTRUCTURE " \
	"BODY.PEEK[]<0.32768>)"

/* After IDLE announced new mail: no SELECT, no SEARCH, one UID FETCH of
 * what follows the last UID, the small message whole in it (no other
 * FETCH); an expunge while idling counts in the estimate. */
static void
test_idle_news(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t want[] = { 13 };
	char *h = header_of("<n@x>"), *msg = xasprintf("%shello\r\n", h);

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 12), 0);
	add_login_select(&s, 7, 13);        /* nothing new yet */
	add(&s, "IDLE", xstrdup("+ idling\r\n"));
	add(&s, NULL, xstrdup("* 3 EXPUNGE\r\n* 12 EXISTS\r\n"));
	add(&s, "!DONE", xstrdup("$T OK idle done\r\n"));
	add(&s, "UID FETCH 13:* (" FETCH_NEW, xasprintf("* 12 FETCH (UID 13 RFC822.SIZE %zu "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s BODY[]<0> {%zu}\r\n%s)\r\n$T OK done\r\n",
	    strlen(msg), strlen(h), h, strlen(msg), msg));
	sync_after_idle(f, &s, &stats, 1);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_int_equal(stats.handled, 1);
	assert_int_equal(stats.bytes, strlen(h) + strlen(msg));
	assert_folder(f, 7, 13);
	free(msg);
	free(h);
}

/* A mail that came while the server answered (an EXISTS in the answer,
 * which IDLE would not announce again) is fetched at once, the same way. */
static void
test_idle_news_during(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t want[] = { 13, 14 };
	char *h = header_of("<n@x>"), *msg = xasprintf("%shello\r\n", h);
	char *h2 = header_of("<m@x>"), *msg2 = xasprintf("%shello\r\n", h2);

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 12), 0);
	add_login_select(&s, 7, 13);
	add(&s, "IDLE", xstrdup("+ idling\r\n"));
	add(&s, NULL, xstrdup("* 13 EXISTS\r\n"));
	add(&s, "!DONE", xstrdup("$T OK idle done\r\n"));
	add(&s, "UID FETCH 13:* (" FETCH_NEW, xasprintf("* 13 FETCH (UID 13 RFC822.SIZE %zu "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s BODY[]<0> {%zu}\r\n%s)\r\n* 14 EXISTS\r\n"
	    "$T OK done\r\n", strlen(msg), strlen(h), h, strlen(msg), msg));
	add(&s, "UID FETCH 14:* (" FETCH_NEW, xasprintf("* 14 FETCH (UID 14 RFC822.SIZE %zu "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s BODY[]<0> {%zu}\r\n%s)\r\n$T OK done\r\n",
	    strlen(msg2), strlen(h2), h2, strlen(msg2), msg2));
	sync_after_idle(f, &s, &stats, 1);
	assert_uids(f->recorded, f->nrecorded, want, 2);
	assert_int_equal(stats.handled, 2);
	assert_folder(f, 7, 14);
	free(msg);
	free(h);
	free(msg2);
	free(h2);
}

/* A message larger than what comes whole: its first bytes are dropped and
 * it is fetched as before (here without a structure: the way of
 * imap_fetch_for_recognition).  Then an IDLE refresh with nothing
 * announced: no whole bodies asked, and the server's answer for 14:* (the
 * last message, 13) is not taken. */
static void
test_idle_news_large(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats;
	static const uint32_t want[] = { 13 };
	char *h = header_of("<n@x>"), *part = xmalloc(32768 + 1);

	memset(part, 'x', 32768);
	part[32768] = '\0';
	memcpy(part, h, strlen(h));
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 12), 0);
	add_login_select(&s, 7, 13);
	add(&s, "IDLE", xstrdup("+ idling\r\n"));
	add(&s, NULL, xstrdup("* 13 EXISTS\r\n"));
	add(&s, "!DONE", xstrdup("$T OK idle done\r\n"));
	add(&s, "UID FETCH 13:* (" FETCH_NEW, xasprintf("* 13 FETCH (UID 13 RFC822.SIZE 50000 "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s BODY[]<0> {32768}\r\n%s)\r\n$T OK done\r\n",
	    strlen(h), h, part));
	add_message(&s, 13, "<n@x>");
	sync_after_idle(f, &s, &stats, 1);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_folder(f, 7, 13);

	add_login_select(&s, 7, 14);
	add(&s, "IDLE", xstrdup("+ idling\r\n"));
	add(&s, NULL, xstrdup("* 0 RECENT\r\n"));
	add(&s, "!DONE", xstrdup("$T OK idle done\r\n"));
	/* An IDLE refresh, nothing announced: no bytes of the last message. */
	add(&s, "UID FETCH 14:* (UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[HEADER] "
	    "BODYSTRUCTURE)", xasprintf("* 13 FETCH (UID 13 RFC822.SIZE 50000 "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s)\r\n$T OK done\r\n", strlen(h), h));
	sync_after_idle(f, &s, &stats, 0);
	assert_int_equal(f->nrecorded, 1);
	assert_int_equal(stats.handled, 0);
	assert_folder(f, 7, 13);
	free(part);
	free(h);
}

/* With INBOX selected after IDLE, a known folder with nothing new (the
 * Sent folder the daemon looks at first) costs a STATUS, not a SELECT, and
 * INBOX keeps its short way. */
static void
test_status_spares_select(void **state)
{
	struct fx *f = *state;
	struct script s = { 0 };
	struct watch_stats stats = { 0 };
	struct watch_handler h = { examine, NULL, record, release, f, false, NULL };
	static const uint32_t want[] = { 13 };
	char *hd = header_of("<n@x>"), *msg = xasprintf("%shello\r\n", hd), *err = NULL;
	struct fake fk;
	struct imap *im;
	bool news = false;

	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 12), 0);
	assert_int_equal(store_folder_set(f->st, "Sent", 5, 20), 0);
	add_login_select(&s, 7, 13);
	add(&s, "IDLE", xstrdup("+ idling\r\n"));
	add(&s, NULL, xstrdup("* 13 EXISTS\r\n"));
	add(&s, "!DONE", xstrdup("$T OK idle done\r\n"));
	add(&s, "STATUS Sent", xstrdup("* STATUS Sent (UIDNEXT 21 UIDVALIDITY 5)\r\n$T OK done\r\n"));
	add(&s, "UID FETCH 13:* (" FETCH_NEW, xasprintf("* 13 FETCH (UID 13 RFC822.SIZE %zu "
	    "FLAGS () BODY[HEADER] {%zu}\r\n%s BODY[]<0> {%zu}\r\n%s)\r\n$T OK done\r\n",
	    strlen(msg), strlen(hd), hd, strlen(msg), msg));
	fk = fake_start(s.steps);
	im = fake_open_plain(fk.port, IMAP_SECURITY_NONE, 5);
	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_int_equal(watch_sync(im, f->st, "INBOX", 86400, time(NULL), &h, &stats, &err),
	    IMAP_OK);
	assert_int_equal(imap_idle_start(im), IMAP_OK);
	for (int i = 0; i < 500 && !news; i++) {
		if (!imap_idle_has_data(im))
			usleep(10000);
		assert_int_equal(imap_idle_read(im, &news), IMAP_OK);
	}
	assert_int_equal(imap_idle_done(im, &news), IMAP_OK);
	assert_int_equal(watch_sync(im, f->st, "Sent", WATCH_FROM_NOW, time(NULL), &h, &stats,
	    &err), IMAP_OK);
	assert_int_equal(f->nexamined, 0);
	assert_string_equal(imap_selected(im), "INBOX");
	assert_int_equal(imap_idle_arrivals(im), 1);
	assert_int_equal(watch_sync(im, f->st, "INBOX", 86400, time(NULL), &h, &stats, &err),
	    IMAP_OK);
	assert_null(err);
	assert_int_equal(imap_idle_arrivals(im), -1);
	imap_free(im);
	fake_check(fk);
	script_free(&s);
	assert_uids(f->recorded, f->nrecorded, want, 1);
	assert_folder(f, 7, 13);
	free(msg);
	free(hd);
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	if ((f->ts = tmpstore_new("test_watch")) == NULL)
		return -1;
	f->st = f->ts->st;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tmpstore_free(f->ts);
	free(f);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_look, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_look_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_after_last_uid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uidvalidity_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seen_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_from_now, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_mid_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_news, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_news_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_news_during, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_spares_select, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expunged_newest, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
