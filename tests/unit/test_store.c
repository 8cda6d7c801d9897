/* Unit tests for the SQLite store: schema, round trips, locking, crashes. */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"
#include "tmpstore.h"
#include "util.h"

/* Each test gets a fresh temporary directory and an open store. */
static int
setup(void **state)
{
	*state = tmpstore_new("test_store");
	return *state != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	tmpstore_free(*state);
	return 0;
}

/* A raw SQLite handle on the test database, for checks from outside. */
static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Application + interview, the parents most rows need. */
static int64_t
make_interview(struct store *st, const char *company, const char *uid, int64_t start,
		int64_t *app_out)
{
	struct interview iv = { 0 };
	int64_t app = 0, id = 0;

	assert_true(store_application_find_or_create(st, company, "Engineer", NULL, NULL, &app) >= 0);
	iv.application_id = app;
	iv.event_uid = (char *)uid;
	iv.start = start;
	iv.end = start + 3600;
	iv.timezone = (char *)"Europe/London";
	assert_int_equal(store_interview_insert(st, &iv, &id), 0);
	assert_true(id > 0);
	if (app_out != NULL)
		*app_out = app;
	return id;
}

static int64_t
queue(struct store *st, enum mail_kind kind, int64_t iv, const char *to,
		int nth, int64_t due, const char *msgid)
{
	struct mail m = { 0 };
	int64_t id = 0;
	int rc;

	m.kind = kind;
	m.status = MAIL_PENDING;
	m.interview_id = iv;
	m.recipient_name = (char *)"Ada Brooks";
	m.recipient_email = (char *)to;
	m.nth = nth;
	m.due = due;
	m.message_id = (char *)msgid;
	m.subject = (char *)"Thank you";
	m.rendered = (unsigned char *)"Subject: Thank you\r\n\r\nHi\r\n";
	m.rendered_len = strlen((char *)m.rendered);
	rc = store_outbox_insert(st, &m, &id);
	assert_true(rc >= 0);
	return rc == 1 ? id : -id;
}

/* ---- schema ---- */

static void
test_migrate_fresh(void **state)
{
	struct tmpstore *f = *state;
	static const char *const tables[] = {
		"meta", "applications", "interviews", "people", "interview_people",
		"folders", "messages_seen", "outbox", "notes", "events",
	};

	assert_true(store_schema_version() >= 1);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		char *q = xasprintf("SELECT count(*) FROM sqlite_master"
		    " WHERE type = 'table' AND name = '%s'", tables[i]);

		assert_int_equal(raw_int(f->path, q), 1);
		free(q);
	}
	/* WAL is persistent in the file. */
	assert_int_equal(raw_int(f->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	assert_false(store_in_transaction(f->st));
}

static void
test_reopen_idempotent(void **state)
{
	struct tmpstore *f = *state;
	struct application a;
	int64_t id = 0, id2 = 0;
	char *err = NULL;

	assert_int_equal(store_application_find_or_create(f->st, "Initech", "SRE", NULL, NULL, &id), 1);
	store_close(f->st);
	f->st = NULL;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
		assert_null(err);
		assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
		assert_int_equal(store_application_get(f->st, id, &a), 1);
		assert_string_equal(a.company, "Initech");
		application_clear(&a);
		assert_int_equal(store_application_find_or_create(f->st, "initech", "sre", NULL, NULL, &id2), 0);
		assert_int_equal(id2, id);
		store_close(f->st);
		f->st = NULL;
	}
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
}

static void
test_future_version_refused(void **state)
{
	struct tmpstore *f = *state;
	struct store *st2 = NULL;
	char *err = NULL;
	char *sql;

	store_close(f->st);
	f->st = NULL;
	sql = xasprintf("PRAGMA user_version = %d", store_schema_version() + 1);
	raw_exec(f->path, sql);
	free(sql);
	assert_int_equal(store_open(f->path, 0, &st2, &err), STORE_ERR);
	assert_null(st2);
	assert_non_null(err);
	assert_non_null(strstr(err, "newer than this program knows"));
	assert_non_null(strstr(err, f->path));
	free(err);
	err = NULL;
	/* Read-only is refused too, and the version is left alone. */
	assert_int_equal(store_open(f->path, STORE_RDONLY, &st2, &err), STORE_ERR);
	free(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version() + 1);
}

/*
 * Migration 3 (hold reasons) on a version-2 database with a held mail in
 * it: the mail is still there, without a reason; then reasons round-trip:
 * a held mail keeps its own, a pending one stores none, approving clears
 * it; an interview's first reason stays.
 */
/* Undo migration 7 (cancel_reason, last_contact): the older schemas below
 * are rebuilt from a current one. */
#define DROP_V9 "DROP INDEX messages_seen_unplaced;" \
	"ALTER TABLE messages_seen DROP COLUMN doubt;" \
	"ALTER TABLE messages_seen DROP COLUMN dismissed_at;"
#define DROP_V8 DROP_V9 "DROP TRIGGER outbox_handed_reset;" \
	"ALTER TABLE outbox DROP COLUMN handed_at;"
#define DROP_V7 DROP_V8 "ALTER TABLE outbox DROP COLUMN cancel_reason;" \
	"ALTER TABLE applications DROP COLUMN last_contact;"

static void
test_migrate_hold_reason(void **state)
{
	struct tmpstore *f = *state;
	struct mail m = { 0 }, got = { 0 };
	struct interview iv = { 0 };
	int64_t ivid, id0 = 0, id1 = 0, id2 = 0;
	char *err = NULL;

	ivid = make_interview(f->st, "Acme", "uid-hold@example.com", 1800000000, NULL);
	m.kind = MAIL_THANK_YOU;
	m.status = MAIL_HELD;
	m.interview_id = ivid;
	m.recipient_email = (char *)"ada@acme.com";
	m.nth = 1;
	m.due = 1800010000;
	assert_int_equal(store_outbox_insert(f->st, &m, &id0), 1);
	store_close(f->st);
	f->st = NULL;
	/* Back to version 2, as an older followupd left it. */
	raw_exec(f->path, DROP_V7 "ALTER TABLE outbox DROP COLUMN hold_reason;"
	    "ALTER TABLE interviews DROP COLUMN hold_reason;"
	    "ALTER TABLE interviews DROP COLUMN doubt; PRAGMA user_version = 2;");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('outbox')"
	    " WHERE name = 'hold_reason'"), 0);
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
	assert_null(err);
	assert_true(store_schema_version() >= 3);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(store_outbox_get(f->st, id0, &got), 1);
	assert_int_equal(got.status, MAIL_HELD);
	assert_null(got.hold_reason);
	mail_clear(&got);

	m.recipient_email = (char *)"ben@acme.com";
	m.hold_reason = (char *)"found late: the interview ended before followupd saw it (x)";
	assert_int_equal(store_outbox_insert(f->st, &m, &id1), 1);
	assert_int_equal(store_outbox_get(f->st, id1, &got), 1);
	assert_string_equal(got.hold_reason, m.hold_reason);
	mail_clear(&got);
	/* A pending mail has no hold reason. */
	m.recipient_email = (char *)"cleo@acme.com";
	m.status = MAIL_PENDING;
	assert_int_equal(store_outbox_insert(f->st, &m, &id2), 1);
	assert_int_equal(store_outbox_get(f->st, id2, &got), 1);
	assert_null(got.hold_reason);
	mail_clear(&got);
	/* Cancelling keeps the reason (history); approving clears it. */
	assert_int_equal(store_outbox_transition(f->st, id1, STORE_BIT(MAIL_HELD),
	    MAIL_PENDING), 1);
	assert_int_equal(store_outbox_get(f->st, id1, &got), 1);
	assert_int_equal(got.status, MAIL_PENDING);
	assert_null(got.hold_reason);
	mail_clear(&got);

	/* The interview: none, then the first reason, which stays. */
	assert_int_equal(store_interview_get(f->st, ivid, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
	assert_int_equal(store_interview_set_hold_reason(f->st, ivid, "first"), 1);
	assert_int_equal(store_interview_set_hold_reason(f->st, ivid, "second"), 0);
	assert_int_equal(store_interview_set_hold_reason(f->st, 999, "nobody"), 0);
	assert_int_equal(store_interview_get(f->st, ivid, &iv), 1);
	assert_string_equal(iv.hold_reason, "first");
	/* An update of the interview leaves the reason alone. */
	iv.location = NULL;
	assert_int_equal(store_interview_update(f->st, &iv), 1);
	interview_clear(&iv);
	assert_int_equal(store_interview_get(f->st, ivid, &iv), 1);
	assert_string_equal(iv.hold_reason, "first");
	interview_clear(&iv);
}

/*
 * Migration 4 on a version-3 database (the outbox as it was, whose CHECK
 * knew no thank_you_contact): the contact's thank-you, stored as thank_you
 * number 0, becomes thank_you_contact number 1; every other mail, the
 * interviewers' thank-yous among them, stays as it was; the new kind can
 * then be queued.
 */
/* Version 8, the body-handed mark: a mail an older version left "sending"
 * may have gone, so it counts as handed (Sent decides, as before). */
static void
test_migrate_handed(void **state)
{
	struct tmpstore *f = *state;
	int64_t iv, ada, ben, at = 0;
	char *err = NULL;

	iv = make_interview(f->st, "Acme", "uid-handed@example.com", 1800000000, NULL);
	ada = queue(f->st, MAIL_THANK_YOU, iv, "ada@acme.com", 1, 1800010000, "<a@x>");
	ben = queue(f->st, MAIL_THANK_YOU, iv, "ben@acme.com", 1, 1800010000, "<b@x>");
	assert_int_equal(store_outbox_claim(f->st, ada, 1800010000), 1);
	store_close(f->st);
	f->st = NULL;
	raw_exec(f->path, DROP_V8 "PRAGMA user_version = 7;");
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
	assert_null(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(store_outbox_handed(f->st, ada, &at), 1);
	assert_true(at > 0);
	assert_int_equal(store_outbox_handed(f->st, ben, &at), 0);
	assert_int_equal(at, 0);
}

/* Version 9, the unplaced job mails: a store of version 8 gains the
 * columns, keeps its seen records (none unplaced); then an unplaced mail
 * is listed and counted until dismissed (once) or 30 days old, and --all
 * lists it still; a mail seen without a doubt never is. */
static void
test_unplaced(void **state)
{
	struct tmpstore *f = *state;
	struct store_seen m = { .folder = "INBOX", .uidvalidity = 7, .kind = "other",
	    .outcome = STORE_SEEN_IGNORED };
	struct store_unplaced *rows = NULL;
	struct store_summary sum;
	const int64_t now = 1800000000;
	int64_t id, count = -1;
	size_t n = 0;
	char *err = NULL;

	m.uid = 1;
	m.subject = "Lunch";
	assert_int_equal(store_seen_add(f->st, &m), 1);
	store_close(f->st);
	f->st = NULL;
	raw_exec(f->path, DROP_V9 "PRAGMA user_version = 8;");
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
	assert_null(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 7, 1), 1);
	assert_int_equal(store_unplaced_list(f->st, now, true, &rows, &n), 0);
	assert_int_equal(n, 0);

	m.uid = 2;
	m.subject = "Next steps";
	m.from = "ravi@acme.example";
	m.message_id = "<next@acme.example>";
	m.date = now - 86400;
	m.doubt = "about a job, but no interview time";
	assert_int_equal(store_seen_add(f->st, &m), 1);
	m.uid = 3;
	m.subject = "Old news";
	m.message_id = NULL;
	m.date = now - STORE_UNPLACED_AGE - 1;
	assert_int_equal(store_seen_add(f->st, &m), 1);
	assert_int_equal(store_unplaced_list(f->st, now, false, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].uid, 2);
	assert_string_equal(rows[0].folder, "INBOX");
	assert_string_equal(rows[0].subject, "Next steps");
	assert_string_equal(rows[0].from, "ravi@acme.example");
	assert_string_equal(rows[0].message_id, "<next@acme.example>");
	assert_string_equal(rows[0].doubt, "about a job, but no interview time");
	assert_int_equal(rows[0].date, now - 86400);
	assert_int_equal(rows[0].dismissed_at, 0);
	id = rows[0].id;
	store_unplaced_free(rows, n);
	assert_int_equal(store_summary(f->st, now, &sum), 0);
	assert_int_equal(sum.unplaced, 1);
	assert_int_equal(store_unplaced_count(f->st, now, &count), 0);
	assert_int_equal(count, 1);

	assert_int_equal(store_unplaced_dismiss(f->st, id, now), 1);
	assert_int_equal(store_unplaced_dismiss(f->st, id, now + 1), 0);
	assert_int_equal(store_unplaced_dismiss(f->st, 999, now), 0);
	assert_int_equal(store_summary(f->st, now, &sum), 0);
	assert_int_equal(sum.unplaced, 0);
	assert_int_equal(store_unplaced_list(f->st, now, false, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_unplaced_list(f->st, now, true, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].subject, "Old news");
	assert_null(rows[0].message_id);
	assert_int_equal(rows[1].dismissed_at, now);
	store_unplaced_free(rows, n);
	/* the record without a doubt is no unplaced mail */
	assert_int_equal(store_unplaced_dismiss(f->st, 1, now), 0);
	/* dismiss --all: every one waiting, once; not the old one */
	m.uid = 4;
	m.subject = "Next steps again";
	m.date = now - 3600;
	assert_int_equal(store_seen_add(f->st, &m), 1);
	m.uid = 5;
	assert_int_equal(store_seen_add(f->st, &m), 1);
	assert_int_equal(store_unplaced_dismiss_all(f->st, now), 2);
	assert_int_equal(store_unplaced_dismiss_all(f->st, now), 0);
	assert_int_equal(store_unplaced_count(f->st, now, &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(store_unplaced_list(f->st, now, true, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].dismissed_at, 0);     /* the old one stays as it was */
	store_unplaced_free(rows, n);

	/* placed: by its Message-ID (a later mail of its thread), once, each
	 * waiting copy; the thread leads to the application then */
	{
		struct store_unplaced u;
		int64_t app, iv, ivid;

		m.uid = 6;
		m.message_id = "<panel@acme.example>";
		m.date = now - 60;
		assert_int_equal(store_seen_add(f->st, &m), 1);
		assert_int_equal(store_unplaced_count(f->st, now, &count), 0);
		assert_int_equal(count, 1);
		assert_int_equal(store_application_by_message_id(f->st, "<panel@acme.example>", &app,
		    &iv), 0);
		assert_int_equal(store_application_find_or_create(f->st, "Acme", NULL, NULL, NULL,
		    &app), 1);
		assert_int_equal(store_unplaced_place(f->st, 0, "<nothing@acme.example>", app, 0, now), 0);
		assert_int_equal(store_unplaced_place(f->st, 0, NULL, app, 0, now), 0);
		assert_int_equal(store_unplaced_place(f->st, 0, "<panel@acme.example>", app, 0, now), 1);
		assert_int_equal(store_unplaced_place(f->st, 0, "<panel@acme.example>", app, 0, now), 0);
		assert_int_equal(store_unplaced_count(f->st, now, &count), 0);
		assert_int_equal(count, 0);
		assert_int_equal(store_application_by_message_id(f->st, "<panel@acme.example>", &app,
		    &ivid), 1);
		assert_int_equal(ivid, 0);
		assert_int_equal(store_unplaced_list(f->st, now, true, &rows, &n), 0);
		id = rows[n - 1].id;
		assert_int_equal(rows[n - 1].application_id, app);
		assert_int_equal(rows[n - 1].interview_id, 0);
		assert_int_equal(rows[n - 1].dismissed_at, now);
		store_unplaced_free(rows, n);
		/* by id: read back whole; a dismissed one is not placed again */
		assert_int_equal(store_unplaced_get(f->st, id, &u), 1);
		assert_string_equal(u.message_id, "<panel@acme.example>");
		assert_string_equal(u.from, "ravi@acme.example");
		assert_int_equal(u.application_id, app);
		store_unplaced_clear(&u);
		assert_int_equal(store_unplaced_place(f->st, id, NULL, app, 0, now), 0);
		assert_int_equal(store_unplaced_get(f->st, 1, &u), 0);     /* no doubt: none */
		assert_int_equal(store_unplaced_get(f->st, 999, &u), 0);
	}
}

static void
test_migrate_thank_you_contact(void **state)
{
	struct tmpstore *f = *state;
	struct mail m = { 0 };
	int64_t iv, ada = 0, ravi = 0, ravi_iv = 0, nudge = 0;
	char *err = NULL;

	iv = make_interview(f->st, "Acme", "uid-tyc@example.com", 1800000000, NULL);
	ada = queue(f->st, MAIL_THANK_YOU, iv, "ada@acme.com", 1, 1800010000, "<a@x>");
	ravi = queue(f->st, MAIL_THANK_YOU, iv, "ravi@acme.com", 0, 1800010000, "<r@x>");
	ravi_iv = queue(f->st, MAIL_THANK_YOU, iv, "ravi@acme.com", 1, 1800010000, "<ri@x>");
	nudge = queue(f->st, MAIL_STATUS_NUDGE, iv, "ravi@acme.com", 1, 1800090000, NULL);
	store_close(f->st);
	f->st = NULL;
	/* Back to version 3: the outbox with its old CHECK. */
	raw_exec(f->path, DROP_V7 "CREATE TABLE outbox_v3 ("
	    "  id INTEGER PRIMARY KEY,"
	    "  kind TEXT NOT NULL CHECK (kind IN ('thank_you','reference_warning',"
	    "    'status_nudge','reflection','feedback_request')),"
	    "  application_id INTEGER NOT NULL REFERENCES applications(id),"
	    "  interview_id INTEGER REFERENCES interviews(id),"
	    "  person_id INTEGER REFERENCES people(id),"
	    "  recipient_name TEXT,"
	    "  recipient_email TEXT NOT NULL CHECK (recipient_email <> ''),"
	    "  nth INTEGER NOT NULL DEFAULT 0,"
	    "  due INTEGER NOT NULL,"
	    "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','held',"
	    "    'sending','sent','deferred','failed','cancelled','unknown')),"
	    "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt INTEGER,"
	    "  message_id TEXT UNIQUE, in_reply_to TEXT, refs TEXT, subject TEXT,"
	    "  rendered BLOB, edited INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
	    "  created INTEGER NOT NULL, updated INTEGER NOT NULL, sent_at INTEGER,"
	    "  first_attempt INTEGER, hold_reason TEXT);"
	    "INSERT INTO outbox_v3 SELECT * FROM outbox;"
	    "DROP TABLE outbox;"
	    "ALTER TABLE outbox_v3 RENAME TO outbox;"
	    "CREATE UNIQUE INDEX outbox_once ON outbox(kind, application_id,"
	    "  ifnull(interview_id, 0), lower(recipient_email), nth);"
	    "ALTER TABLE interviews DROP COLUMN doubt;"
	    "PRAGMA user_version = 3;");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'outbox'"
	    " AND sql LIKE '%thank_you_contact%'"), 0);
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
	assert_null(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());

	assert_int_equal(store_outbox_get(f->st, ravi, &m), 1);
	assert_int_equal(m.kind, MAIL_THANK_YOU_CONTACT);
	assert_int_equal(m.nth, 1);
	assert_string_equal(m.message_id, "<r@x>");
	mail_clear(&m);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM outbox"
	    " WHERE kind = 'thank_you_contact'"), 1);
	assert_int_equal(store_outbox_get(f->st, ravi_iv, &m), 1);
	assert_int_equal(m.kind, MAIL_THANK_YOU);
	assert_int_equal(m.nth, 1);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_int_equal(m.kind, MAIL_THANK_YOU);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, nudge, &m), 1);
	assert_int_equal(m.kind, MAIL_STATUS_NUDGE);
	mail_clear(&m);
	/* The key still holds: the same contact thank-you is not queued twice. */
	assert_int_equal(queue(f->st, MAIL_THANK_YOU_CONTACT, iv, "RAVI@acme.com", 1, 1800010000,
	    NULL), -ravi);
	/* And the indexes came back. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	    " AND tbl_name = 'outbox' AND name LIKE 'outbox_%'"), 4);
}

static void
test_file_mode_0600(void **state)
{
	struct tmpstore *f = *state;
	struct store *st2 = NULL;
	struct stat sb;
	char *err = NULL;
	char *p2 = xasprintf("%s/other.db", f->dir);
	char *wal = xasprintf("%s-wal", p2);
	mode_t old = umask(022);
	int64_t id;

	assert_int_equal(store_open(p2, 0, &st2, &err), 0);
	umask(old);
	assert_int_equal(stat(p2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_true(store_application_find_or_create(st2, "Hooli", "", NULL, NULL, &id) >= 0);
	/* SQLite gives the WAL the database file's mode. */
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	store_close(st2);

	/* Even a permissive umask of 0 does not widen it. */
	unlink(p2);
	unlink(wal);
	old = umask(0);
	assert_int_equal(store_open(p2, 0, &st2, &err), 0);
	umask(old);
	assert_int_equal(stat(p2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	store_close(st2);
	free(p2);
	free(wal);
}

static void
test_open_errors(void **state)
{
	struct tmpstore *f = *state;
	struct store *st2 = NULL;
	char *err = NULL;
	char *junk = xasprintf("%s/junk.db", f->dir);
	char *missing = xasprintf("%s/nodir/state.db", f->dir);
	FILE *fp;

	fp = fopen(junk, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("this is not an SQLite database at all\n", fp);
	fclose(fp);
	assert_int_equal(store_open(junk, 0, &st2, &err), STORE_ERR);
	assert_null(st2);
	assert_non_null(strstr(err, "not a usable database"));
	free(err);
	err = NULL;

	assert_int_equal(store_open(missing, 0, &st2, &err), STORE_ERR);
	assert_non_null(strstr(err, "cannot create"));
	free(err);
	err = NULL;
	assert_int_equal(store_open(missing, STORE_RDONLY, &st2, &err), STORE_ERR);
	assert_non_null(err);
	free(err);
	free(junk);
	free(missing);
}

static void
test_readonly(void **state)
{
	struct tmpstore *f = *state;
	struct store *ro = NULL;
	char *err = NULL;
	int64_t id = 0, got = 0;

	assert_int_equal(store_application_find_or_create(f->st, "Acme", "PM", "acme.com", NULL, &id), 1);
	assert_int_equal(store_open(f->path, STORE_RDONLY, &ro, &err), 0);
	assert_int_equal(store_application_by_domain(ro, "ACME.com", &got), 1);
	assert_int_equal(got, id);
	assert_int_equal(store_meta_set(ro, "k", "v"), STORE_ERR);
	assert_non_null(strstr(store_errmsg(ro), "read-only"));
	store_close(ro);
}

/* ---- transactions ---- */

static void
test_transactions(void **state)
{
	struct tmpstore *f = *state;
	char *v = NULL;

	assert_int_equal(store_begin(f->st), 0);
	assert_true(store_in_transaction(f->st));
	assert_int_equal(store_begin(f->st), STORE_ERR);        /* no nesting */
	assert_int_equal(store_meta_set(f->st, "a", "1"), 0);   /* joins */
	assert_true(store_in_transaction(f->st));
	assert_int_equal(store_rollback(f->st), 0);
	assert_false(store_in_transaction(f->st));
	assert_int_equal(store_meta_get(f->st, "a", &v), 0);
	assert_null(v);

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_meta_set(f->st, "a", "2"), 0);
	assert_int_equal(store_meta_set(f->st, "b", "3"), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(store_meta_get(f->st, "a", &v), 1);
	assert_string_equal(v, "2");
	free(v);
	assert_int_equal(store_commit(f->st), STORE_ERR);       /* none open */
	assert_int_equal(store_rollback(f->st), 0);             /* harmless */

	/* A failing write inside a caller's transaction leaves it open. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_meta_set(f->st, "c", "4"), 0);
	{
		struct interview iv = { 0 };
		int64_t id;

		iv.application_id = 999;    /* no such application: FK error */
		assert_int_equal(store_interview_insert(f->st, &iv, &id), STORE_ERR);
		assert_non_null(strstr(store_errmsg(f->st), "FOREIGN KEY"));
	}
	assert_true(store_in_transaction(f->st));
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(store_meta_get(f->st, "c", &v), 0);
}

static void
test_meta_poke_changed(void **state)
{
	struct tmpstore *f = *state;
	struct store *other = NULL;
	char *err = NULL;
	int64_t v = 0;

	assert_int_equal(store_meta_set_int(f->st, "daemon_pid", 4242), 0);
	assert_int_equal(store_meta_get_int(f->st, "daemon_pid", &v), 1);
	assert_int_equal(v, 4242);
	assert_int_equal(store_meta_set(f->st, "daemon_pid", "not a number"), 0);
	assert_int_equal(store_meta_get_int(f->st, "daemon_pid", &v), 0);
	assert_int_equal(store_meta_set(f->st, "daemon_pid", NULL), 0);
	assert_int_equal(store_meta_get_int(f->st, "daemon_pid", &v), 0);

	assert_int_equal(store_open(f->path, 0, &other, &err), 0);
	assert_int_equal(store_changed(f->st), 0);
	assert_int_equal(store_poke(other), 0);
	assert_int_equal(store_poke(other), 0);
	assert_int_equal(store_changed(f->st), 1);
	assert_int_equal(store_changed(f->st), 0);
	assert_int_equal(store_meta_get_int(f->st, "poke", &v), 1);
	assert_int_equal(v, 2);
	/* Our own writes are not "changes by someone else". */
	assert_int_equal(store_poke(f->st), 0);
	assert_int_equal(store_changed(f->st), 0);
	store_close(other);
}

/* ---- folders and messages ---- */

/* A send-now request (followupctl send-now, read by the outbox): one key
 * per mail, named as in existing state files. */
static void
test_send_now(void **state)
{
	struct tmpstore *f = *state;
	char *v = NULL;

	assert_int_equal(store_send_now_requested(f->st, 42), 0);
	assert_int_equal(store_send_now_request(f->st, 42), 0);
	assert_int_equal(store_send_now_requested(f->st, 42), 1);
	assert_int_equal(store_send_now_requested(f->st, 4), 0);
	assert_int_equal(store_send_now_requested(f->st, 421), 0);
	assert_int_equal(store_meta_get(f->st, "send_now.42", &v), 1);
	assert_string_equal(v, "1");
	free(v);
	assert_int_equal(store_send_now_done(f->st, 42), 0);
	assert_int_equal(store_send_now_requested(f->st, 42), 0);
	assert_int_equal(store_meta_get(f->st, "send_now.42", &v), 0);
	/* A request a daemon of the previous version left is still seen. */
	assert_int_equal(store_meta_set(f->st, "send_now.7", "1"), 0);
	assert_int_equal(store_send_now_requested(f->st, 7), 1);
}

static void
test_folders_and_seen(void **state)
{
	struct tmpstore *f = *state;
	struct store_seen m = { 0 };
	uint32_t uv = 1, last = 1;

	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 0);
	assert_int_equal(uv, 0);
	assert_int_equal(store_folder_set(f->st, "INBOX", 4000000000u, 17), 0);
	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(uv, 4000000000u);      /* full 32-bit range */
	assert_int_equal(last, 17);
	assert_int_equal(store_folder_set(f->st, "INBOX", 4000000000u, 18), 0);
	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(last, 18);
	assert_int_equal(store_folder_get(f->st, "Archive", &uv, &last), 0);

	m.folder = "INBOX";
	m.uidvalidity = 4000000000u;
	m.uid = 18;
	m.message_id = "<abc@example.com>";
	m.subject = "Interview\r\nBcc: evil";
	m.from = "Ravi <ravi@example.com>";
	m.date = 1800000000;
	m.outcome = STORE_SEEN_HANDLED;
	assert_int_equal(store_seen_add(f->st, &m), 1);
	assert_int_equal(store_seen_add(f->st, &m), 0);         /* already there */
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 4000000000u, 18), 1);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 4000000001u, 18), 0);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 4000000000u, 19), 0);
	assert_int_equal(store_seen_message_id(f->st, "<abc@example.com>"), 1);
	assert_int_equal(store_seen_message_id(f->st, "<ABC@example.com>"), 0);
	assert_int_equal(store_seen_message_id(f->st, NULL), 0);
	m.folder = NULL;
	assert_int_equal(store_seen_add(f->st, &m), STORE_ERR);
	m.folder = "INBOX";
	m.uid = 19;
	m.outcome = (enum store_seen_outcome)42;                /* CHECK catches it */
	assert_int_equal(store_seen_add(f->st, &m), STORE_ERR);
	assert_int_equal(store_seen_is_seen(f->st, "INBOX", 4000000000u, 19), 0);
}

/* ---- applications, interviews, people ---- */

static void
test_applications(void **state)
{
	struct tmpstore *f = *state;
	struct application a, *rows = NULL;
	int64_t id = 0, id2 = 0, got = 0;
	size_t n = 0;

	assert_int_equal(store_application_find_or_create(f->st, "", "x", NULL, NULL, &id), STORE_ERR);
	store_set_now(f->st, 1000);
	assert_int_equal(store_application_find_or_create(f->st, "Globex", NULL, NULL, NULL, &id), 1);
	assert_int_equal(store_application_by_domain(f->st, "globex.com", &got), 0);
	/* Later mail teaches the domain and ATS sender. */
	store_set_now(f->st, 2000);
	assert_int_equal(store_application_find_or_create(f->st, "GLOBEX", "", "globex.com",
	    "no-reply@greenhouse.io", &id2), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_application_get(f->st, id, &a), 1);
	assert_string_equal(a.company, "Globex");
	assert_string_equal(a.role, "");
	assert_string_equal(a.company_domain, "globex.com");
	assert_string_equal(a.ats_sender, "no-reply@greenhouse.io");
	assert_int_equal(a.status, APP_ACTIVE);
	assert_int_equal(a.created, 1000);
	assert_int_equal(a.updated, 2000);
	application_clear(&a);
	/* A known domain is not overwritten by a later, different one. */
	assert_int_equal(store_application_find_or_create(f->st, "Globex", "", "other.com", NULL, &id2), 0);
	assert_int_equal(store_application_by_domain(f->st, "other.com", &got), 0);

	assert_int_equal(store_application_by_domain(f->st, "Globex.COM", &got), 1);
	assert_int_equal(got, id);
	assert_int_equal(store_application_by_ats(f->st, "no-reply@greenhouse.io", "globex", &got), 1);
	assert_int_equal(got, id);
	assert_int_equal(store_application_by_ats(f->st, "no-reply@greenhouse.io", "Initech", &got), 0);
	assert_int_equal(got, 0);

	assert_int_equal(store_application_find_or_create(f->st, "Globex", "Staff Engineer", NULL, NULL, &id2), 1);
	assert_true(id2 != id);
	assert_int_equal(store_application_set_status(f->st, id, APP_REJECTED), 1);
	assert_int_equal(store_application_set_status(f->st, 9999, APP_OFFER), 0);
	assert_int_equal(store_application_get(f->st, 9999, &a), 0);
	assert_int_equal(store_application_list(f->st, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].status + rows[1].status, APP_REJECTED + APP_ACTIVE);
	store_applications_free(rows, n);
}

static void
test_interviews(void **state)
{
	struct tmpstore *f = *state;
	struct interview iv = { 0 }, got;
	struct store_interview_row *rows = NULL;
	struct store_interview_filter flt = { 0 };
	int64_t app = 0, app2 = 0, id = 0, id2 = 0, id3 = 0, id4;
	size_t n = 0;

	id = make_interview(f->st, "Umbrella", "uid-1@google.com", 2000000000, &app);
	assert_int_equal(store_interview_get(f->st, id, &got), 1);
	assert_int_equal(got.application_id, app);
	assert_string_equal(got.event_uid, "uid-1@google.com");
	assert_int_equal(got.start, 2000000000);
	assert_int_equal(got.end, 2000003600);
	assert_string_equal(got.timezone, "Europe/London");
	assert_int_equal(got.status, IV_SCHEDULED);
	assert_false(got.final_round);
	assert_null(got.decision_by);
	/* The application's fields come with a listing (the joined view). */
	assert_int_equal(store_interview_list(f->st, NULL, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iv.id, id);
	assert_string_equal(rows[0].company, "Umbrella");
	assert_string_equal(rows[0].role, "Engineer");
	assert_int_equal(rows[0].app_status, APP_ACTIVE);
	store_interviews_free(rows, n);

	/* A reschedule: new SEQUENCE, new time, facts learned. */
	got.sequence = 2;
	got.start += 86400;
	got.end += 86400;
	got.final_round = true;
	got.asks_references = true;
	free(got.decision_by);
	got.decision_by = xstrdup("2033-06-01");
	free(got.meeting_url);
	got.meeting_url = xstrdup("https://meet.google.com/abc-defg-hij");
	assert_int_equal(store_interview_update(f->st, &got), 1);
	interview_clear(&got);
	assert_int_equal(store_interview_find_uid(f->st, "uid-1@google.com", &got), 1);
	assert_int_equal(got.id, id);
	assert_int_equal(got.sequence, 2);
	assert_int_equal(got.start, 2000086400);
	assert_true(got.final_round);
	assert_true(got.asks_references);
	assert_string_equal(got.decision_by, "2033-06-01");
	assert_string_equal(got.meeting_url, "https://meet.google.com/abc-defg-hij");
	interview_clear(&got);
	assert_int_equal(store_interview_find_uid(f->st, "uid-2", &got), 0);
	assert_int_equal(store_interview_find_uid(f->st, NULL, &got), 0);

	/* Duplicate UID is refused; no UID may repeat. */
	iv.application_id = app;
	iv.event_uid = (char *)"uid-1@google.com";
	assert_int_equal(store_interview_insert(f->st, &iv, &id2), STORE_ERR);
	iv.event_uid = NULL;
	iv.start = 1000;
	iv.end = 2000;
	assert_int_equal(store_interview_insert(f->st, &iv, &id2), 0);
	assert_int_equal(store_interview_insert(f->st, &iv, &id3), 0);
	assert_true(id3 != id2);

	/* Listings: upcoming hides past and cancelled ones. */
	assert_int_equal(store_interview_set_status(f->st, id3, IV_CANCELLED), 1);
	assert_int_equal(store_interview_set_status(f->st, 12345, IV_DONE), 0);
	assert_int_equal(store_interview_list(f->st, NULL, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].iv.id, id2);  /* ordered by start */
	assert_int_equal(rows[2].iv.id, id);
	store_interviews_free(rows, n);
	flt.upcoming = true;
	flt.now = 1500000000;
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iv.id, id);
	store_interviews_free(rows, n);
	memset(&flt, 0, sizeof(flt));
	flt.status_mask = STORE_BIT(IV_CANCELLED);
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iv.id, id3);
	assert_int_equal(rows[0].iv.status, IV_CANCELLED);
	store_interviews_free(rows, n);
	memset(&flt, 0, sizeof(flt));
	flt.status_mask = STORE_BIT(IV_SCHEDULED);
	flt.ended_before = 1500000000;
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iv.id, id2);
	store_interviews_free(rows, n);
	memset(&flt, 0, sizeof(flt));
	flt.application_id = app + 100;
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_null(rows);
	/* An application's interviews, or any of its company's (any case). */
	id4 = make_interview(f->st, "Initech", "uid-4", 2100000000, &app2);
	memset(&flt, 0, sizeof(flt));
	flt.application_id = app2;
	flt.status_mask = STORE_BIT(IV_SCHEDULED);
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iv.id, id4);
	store_interviews_free(rows, n);
	flt.company = "UMBRELLA";
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].iv.id, id2);
	assert_int_equal(rows[1].iv.id, id);
	assert_int_equal(rows[2].iv.id, id4);
	store_interviews_free(rows, n);
	flt.application_id = 0;
	assert_int_equal(store_interview_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 2);
	store_interviews_free(rows, n);
}

static void
test_people(void **state)
{
	struct tmpstore *f = *state;
	struct person p;
	struct participant *rows = NULL;
	int64_t app = 0, iv, pid = 0, pid2 = 0, got = 0;
	size_t n = 0;

	iv = make_interview(f->st, "Wayne Enterprises", "uid-w", 2000000000, &app);
	assert_int_equal(store_person_upsert(f->st, NULL, "ada.brooks@wayne.example", ROLE_INTERVIEWER, &pid), 1);
	assert_int_equal(store_person_upsert(f->st, "Ada Brooks", "Ada.Brooks@Wayne.example", ROLE_INTERVIEWER, &pid2), 0);
	assert_int_equal(pid2, pid);
	assert_int_equal(store_person_by_email(f->st, "ADA.BROOKS@wayne.example", &p), 1);
	assert_string_equal(p.name, "Ada Brooks");             /* filled in later */
	assert_int_equal(p.first_role, ROLE_INTERVIEWER);
	person_clear(&p);
	assert_int_equal(store_person_by_email(f->st, "nobody@x.example", &p), 0);

	assert_int_equal(store_interview_add_person(f->st, iv, "Ada Brooks", "ada.brooks@wayne.example", ROLE_INTERVIEWER, &pid2), 1);
	assert_int_equal(pid2, pid);
	assert_int_equal(store_interview_add_person(f->st, iv, "Ada", "ada.brooks@wayne.example", ROLE_INTERVIEWER, NULL), 0);
	assert_int_equal(store_interview_add_person(f->st, iv, "Ravi Menon", "ravi@wayne.example", ROLE_CONTACT, NULL), 1);
	/* No address: matched by name inside the interview, not duplicated. */
	assert_int_equal(store_interview_add_person(f->st, iv, "Sam Lee", NULL, ROLE_INTERVIEWER, &pid), 1);
	assert_int_equal(store_interview_add_person(f->st, iv, "Sam Lee", "", ROLE_INTERVIEWER, &pid2), 0);
	assert_int_equal(pid2, pid);
	assert_int_equal(store_interview_add_person(f->st, iv, "Jane Doe", "jane@example.net", ROLE_ME, NULL), 1);
	assert_int_equal(store_interview_add_person(f->st, iv, NULL, NULL, ROLE_INTERVIEWER, NULL), STORE_ERR);

	assert_int_equal(store_interview_people(f->st, iv, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].email, "ada.brooks@wayne.example");
	assert_int_equal(rows[1].role, ROLE_CONTACT);
	assert_string_equal(rows[2].name, "Sam Lee");
	assert_null(rows[2].email);
	assert_int_equal(rows[3].role, ROLE_ME);
	participants_free(rows, n);

	assert_int_equal(store_application_by_person(f->st, "RAVI@wayne.example", &got), 1);
	assert_int_equal(got, app);
	/* The user's own address attaches nothing. */
	assert_int_equal(store_application_by_person(f->st, "jane@example.net", &got), 0);
	assert_int_equal(store_application_by_person(f->st, "stranger@x.example", &got), 0);
}

static void
test_notes(void **state)
{
	struct tmpstore *f = *state;
	struct store_note *rows = NULL;
	int64_t iv, id = 0;
	size_t n = 0;

	iv = make_interview(f->st, "Stark", NULL, 2000000000, NULL);
	store_set_now(f->st, 100);
	assert_int_equal(store_note_add(f->st, iv, "followupctl", "asked about the billing migration", &id), 0);
	assert_true(id > 0);
	store_set_now(f->st, 200);
	assert_int_equal(store_note_add(f->st, iv, "mail", "liked the team", NULL), 0);
	assert_int_equal(store_note_add(f->st, iv, "mail", "", NULL), STORE_ERR);
	assert_int_equal(store_note_add(f->st, iv + 50, "mail", "orphan", NULL), STORE_ERR);
	assert_int_equal(store_note_list(f->st, iv, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].text, "asked about the billing migration");
	assert_string_equal(rows[0].source, "followupctl");
	assert_int_equal(rows[0].at, 100);
	assert_string_equal(rows[1].text, "liked the team");
	store_notes_free(rows, n);
}

/* ---- outbox ---- */

static void
test_outbox_insert_unique(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	int64_t app = 0, iv, id, id2;

	iv = make_interview(f->st, "Cyberdyne", "uid-c", 2000000000, &app);
	id = queue(f->st, MAIL_THANK_YOU, iv, "ada@cyberdyne.example", 0, 2000010000, "<m1@example.net>");
	assert_true(id > 0);
	/* Same kind, interview, person (any case), nth: not twice. */
	id2 = queue(f->st, MAIL_THANK_YOU, iv, "ADA@Cyberdyne.example", 0, 2000020000, "<m2@example.net>");
	assert_int_equal(-id2, id);
	/* Another person, another kind, or a deliberate repeat: fine. */
	assert_true(queue(f->st, MAIL_THANK_YOU, iv, "bob@cyberdyne.example", 0, 2000010000, NULL) > 0);
	assert_true(queue(f->st, MAIL_STATUS_NUDGE, iv, "ada@cyberdyne.example", 0, 2000010000, NULL) > 0);
	assert_true(queue(f->st, MAIL_STATUS_NUDGE, iv, "ada@cyberdyne.example", 1, 2000010000, NULL) > 0);
	/* A Message-ID is never reused. */
	{
		struct mail x = { 0 };
		int64_t xid = 77;

		x.kind = MAIL_REFLECTION;
		x.status = MAIL_SENT;     /* nothing is born sent */
		x.interview_id = iv;
		x.recipient_email = (char *)"jane@example.net";
		x.due = 1;
		assert_int_equal(store_outbox_insert(f->st, &x, NULL), STORE_ERR);
		x.status = MAIL_HELD;
		x.recipient_email = (char *)"jane@example.net";
		x.message_id = (char *)"<m1@example.net>";
		x.due = 1;
		assert_int_equal(store_outbox_insert(f->st, &x, &xid), STORE_ERR);
		assert_non_null(strstr(store_errmsg(f->st), "Message-ID"));
		assert_int_equal(xid, 0);
		x.message_id = NULL;
		x.recipient_email = NULL;
		assert_int_equal(store_outbox_insert(f->st, &x, NULL), STORE_ERR);
		x.recipient_email = (char *)"jane@example.net";
		x.interview_id = 0;
		assert_int_equal(store_outbox_insert(f->st, &x, NULL), STORE_ERR);
		/* Application-level mail (feedback request): no interview. */
		x.kind = MAIL_FEEDBACK_REQUEST;
		x.application_id = app;
		assert_int_equal(store_outbox_insert(f->st, &x, &xid), 1);
		assert_int_equal(store_outbox_insert(f->st, &x, &id2), 0);
		assert_int_equal(id2, xid);
	}

	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	assert_int_equal(m.kind, MAIL_THANK_YOU);
	assert_int_equal(m.status, MAIL_PENDING);
	assert_int_equal(m.application_id, app);       /* taken from the interview */
	assert_int_equal(m.interview_id, iv);
	assert_string_equal(m.recipient_email, "ada@cyberdyne.example");
	assert_string_equal(m.recipient_name, "Ada Brooks");
	assert_int_equal(m.due, 2000010000);
	assert_string_equal(m.message_id, "<m1@example.net>");
	assert_int_equal(m.rendered_len, strlen("Subject: Thank you\r\n\r\nHi\r\n"));
	assert_memory_equal(m.rendered, "Subject: Thank you\r\n\r\nHi\r\n", m.rendered_len);
	assert_false(m.edited);
	assert_int_equal(m.attempts, 0);
	assert_int_equal(m.sent_at, 0);
	mail_clear(&m);
	/* The listing row carries what the application says. */
	{
		struct store_outbox_filter flt = { .interview_id = iv };
		struct store_outbox_row *rows = NULL;
		size_t n = 0;

		bool found = false;

		assert_int_equal(store_outbox_list(f->st, &flt, &rows, &n), 0);
		for (size_t i = 0; i < n; i++)
			if (rows[i].m.id == id) {
				assert_string_equal(rows[i].company, "Cyberdyne");
				found = true;
			}
		assert_true(found);
		store_outbox_rows_free(rows, n);
	}
	assert_int_equal(store_outbox_by_message_id(f->st, "<m1@example.net>", &m), 1);
	assert_int_equal(m.id, id);
	mail_clear(&m);
	assert_int_equal(store_outbox_by_message_id(f->st, "<nope@example.net>", &m), 0);
	assert_int_equal(store_outbox_get(f->st, 4242, &m), 0);
}

static void
test_outbox_claim(void **state)
{
	struct tmpstore *f = *state;
	struct mail m, *rows = NULL;
	struct store *other = NULL;
	int64_t iv, a, b, when = 0;
	char *err = NULL;
	size_t n = 0;

	iv = make_interview(f->st, "Tyrell", "uid-t", 2000000000, NULL);
	assert_int_equal(store_outbox_next_due(f->st, &when), 0);
	a = queue(f->st, MAIL_THANK_YOU, iv, "a@tyrell.example", 0, 2000010000, "<a@x>");
	b = queue(f->st, MAIL_THANK_YOU, iv, "b@tyrell.example", 0, 2000005000, "<b@x>");
	assert_int_equal(store_outbox_next_due(f->st, &when), 1);
	assert_int_equal(when, 2000005000);

	/* Not yet due: nothing listed, no claim. */
	assert_int_equal(store_outbox_due(f->st, 2000004999, 0, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_outbox_claim(f->st, b, 2000004999), 0);
	assert_int_equal(store_outbox_due(f->st, 2000010000, 0, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, b);    /* earliest first */
	assert_int_equal(rows[1].id, a);
	mails_free(rows, n);
	assert_int_equal(store_outbox_due(f->st, 2000010000, 1, &rows, &n), 0);
	assert_int_equal(n, 1);
	mails_free(rows, n);

	/* Exactly one of two connections wins the claim. */
	assert_int_equal(store_open(f->path, 0, &other, &err), 0);
	assert_int_equal(store_outbox_claim(f->st, b, 2000005000), 1);
	assert_int_equal(store_outbox_claim(other, b, 2000005000), 0);
	assert_int_equal(store_outbox_claim(f->st, b, 2000005000), 0);
	store_close(other);
	assert_int_equal(store_outbox_get(f->st, b, &m), 1);
	assert_int_equal(m.status, MAIL_SENDING);
	assert_int_equal(m.attempts, 1);
	mail_clear(&m);
	/* A mail being sent is not listed as due and can't be re-timed. */
	assert_int_equal(store_outbox_next_due(f->st, &when), 1);
	assert_int_equal(when, 2000010000);
	assert_int_equal(store_outbox_set_due(f->st, b, 1), 0);

	/* Temporary failure: deferred until next_attempt. */
	assert_int_equal(store_outbox_set_status(f->st, b, MAIL_DEFERRED,
	    "451 try later", 2000020000), 1);
	assert_int_equal(store_outbox_claim(f->st, b, 2000019999), 0);
	assert_int_equal(store_outbox_next_due(f->st, &when), 1);
	assert_int_equal(when, 2000010000);
	assert_int_equal(store_outbox_claim(f->st, b, 2000020000), 1);
	assert_int_equal(store_outbox_set_status(f->st, b, MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_get(f->st, b, &m), 1);
	assert_int_equal(m.status, MAIL_SENT);
	assert_int_equal(m.attempts, 2);
	assert_null(m.last_error);
	assert_true(m.sent_at > 0);
	mail_clear(&m);
	assert_int_equal(store_outbox_claim(f->st, b, 2100000000), 0);   /* never again */
	assert_int_equal(store_outbox_set_status(f->st, 999, MAIL_SENT, NULL, 0), 0);

	/* Held mails wait for approval, not the clock. */
	assert_int_equal(store_outbox_transition(f->st, a, STORE_BIT(MAIL_PENDING), MAIL_HELD), 1);
	assert_int_equal(store_outbox_claim(f->st, a, 2100000000), 0);
	assert_int_equal(store_outbox_next_due(f->st, &when), 0);
	assert_int_equal(store_outbox_transition(f->st, a, STORE_BIT(MAIL_PENDING), MAIL_CANCELLED), 0);
	assert_int_equal(store_outbox_transition(f->st, a, 0, MAIL_CANCELLED), 0);
	assert_int_equal(store_outbox_transition(f->st, a, STORE_BIT(MAIL_HELD), MAIL_PENDING), 1);
	assert_int_equal(store_outbox_claim(f->st, a, 2000010000), 1);
	/* Unknown outcome: kept, counted, never claimed. */
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_UNKNOWN, "354 then drop", 0), 1);
	assert_int_equal(store_outbox_claim(f->st, a, 2100000000), 0);
}

static void
test_outbox_edit_and_filters(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	struct store_outbox_row *rows = NULL;
	struct store_outbox_filter flt = { 0 };
	int64_t iv, iv2, a, b, c, app = 0, giv = 0;
	size_t n = 0;

	iv = make_interview(f->st, "Soylent", "uid-s1", 2000000000, &app);
	iv2 = make_interview(f->st, "Soylent", "uid-s2", 2000500000, NULL);
	a = queue(f->st, MAIL_THANK_YOU, iv, "a@soylent.example", 0, 2000010000, "<ea@x>");
	b = queue(f->st, MAIL_REFERENCE_WARNING, iv, "ref@example.org", 0, 2000020000, NULL);
	c = queue(f->st, MAIL_REFERENCE_WARNING, iv2, "ref@example.org", 0, 2000600000, NULL);

	assert_int_equal(store_outbox_set_rendered(f->st, a, "edited body", 11, "<ea2@x>", true), 1);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_int_equal(m.rendered_len, 11);
	assert_string_equal((char *)m.rendered, "edited body");
	assert_string_equal(m.message_id, "<ea2@x>");
	assert_true(m.edited);
	mail_clear(&m);
	/* A re-render that is not an edit keeps the edited flag and the id. */
	assert_int_equal(store_outbox_set_rendered(f->st, a, "x", 1, NULL, false), 1);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_true(m.edited);
	assert_string_equal(m.message_id, "<ea2@x>");
	mail_clear(&m);
	/* Threading: a reply to our mail finds its application. */
	assert_int_equal(store_application_by_message_id(f->st, "<ea2@x>", &app, &giv), 1);
	assert_int_equal(giv, iv);

	flt.kind_mask = STORE_BIT(MAIL_REFERENCE_WARNING);
	flt.recipient_email = "REF@example.org";
	assert_int_equal(store_outbox_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].m.id, b);
	assert_int_equal(rows[1].m.id, c);
	store_outbox_rows_free(rows, n);
	flt.due_since = 2000100000;                 /* cooldown window */
	assert_int_equal(store_outbox_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.id, c);
	store_outbox_rows_free(rows, n);
	memset(&flt, 0, sizeof(flt));
	flt.interview_id = iv;
	flt.status_mask = STORE_BIT(MAIL_PENDING);
	assert_int_equal(store_outbox_list(f->st, &flt, &rows, &n), 0);
	assert_int_equal(n, 2);
	store_outbox_rows_free(rows, n);
	assert_int_equal(store_outbox_list(f->st, NULL, &rows, &n), 0);
	assert_int_equal(n, 3);
	store_outbox_rows_free(rows, n);

	/* Sent mails cannot be edited. */
	assert_int_equal(store_outbox_claim(f->st, a, 2000010000), 1);
	assert_int_equal(store_outbox_set_rendered(f->st, a, "late", 4, NULL, true), 0);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_set_rendered(f->st, a, "late", 4, NULL, true), 0);
	/* A sent mail is not retried either. */
	assert_int_equal(store_outbox_retry(f->st, a, STORE_BIT(MAIL_FAILED) |
	    STORE_BIT(MAIL_UNKNOWN), MAIL_PENDING, 2000040000), 0);
	assert_int_equal(store_outbox_set_due(f->st, b, 2000030000), 1);
	assert_int_equal(store_outbox_get(f->st, b, &m), 1);
	assert_int_equal(m.due, 2000030000);
	mail_clear(&m);
}

static void
test_outbox_cancel_reschedule(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	struct store_outbox_filter flt = { 0 };
	int64_t iv, other, sent, pend, held, defer, keep, app = 0;

	iv = make_interview(f->st, "Oscorp", "uid-o", 2000000000, &app);
	other = make_interview(f->st, "Oscorp", "uid-o2", 2000900000, NULL);
	sent = queue(f->st, MAIL_THANK_YOU, iv, "s@oscorp.example", 0, 2000010000, NULL);
	pend = queue(f->st, MAIL_THANK_YOU, iv, "p@oscorp.example", 0, 2000010000, NULL);
	held = queue(f->st, MAIL_REFLECTION, iv, "me@example.net", 0, 2000010000, NULL);
	defer = queue(f->st, MAIL_STATUS_NUDGE, iv, "r@oscorp.example", 0, 2000010000, NULL);
	keep = queue(f->st, MAIL_THANK_YOU, other, "p@oscorp.example", 0, 2000910000, NULL);
	assert_int_equal(store_outbox_claim(f->st, sent, 2000010000), 1);
	assert_int_equal(store_outbox_set_status(f->st, sent, MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_transition(f->st, held, STORE_BIT(MAIL_PENDING), MAIL_HELD), 1);
	assert_int_equal(store_outbox_claim(f->st, defer, 2000010000), 1);
	assert_int_equal(store_outbox_set_status(f->st, defer, MAIL_DEFERRED, "421", 2000011000), 1);

	/* Reschedule by a day: pending and held move, sent and deferred don't. */
	assert_int_equal(store_outbox_reschedule_interview(f->st, iv, 86400), 2);
	assert_int_equal(store_outbox_get(f->st, pend, &m), 1);
	assert_int_equal(m.due, 2000096400);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, held, &m), 1);
	assert_int_equal(m.due, 2000096400);
	assert_int_equal(m.status, MAIL_HELD);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, sent, &m), 1);
	assert_int_equal(m.due, 2000010000);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, keep, &m), 1);
	assert_int_equal(m.due, 2000910000);
	mail_clear(&m);

	/* Cancel by kind across the application (a reply cancels the nudge). */
	flt.application_id = app;
	flt.kind_mask = STORE_BIT(MAIL_STATUS_NUDGE);
	assert_int_equal(store_outbox_cancel(f->st, &flt), 1);
	assert_int_equal(store_outbox_get(f->st, defer, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	mail_clear(&m);

	/* Cancel the interview: the rest go, the sent one and the other stay. */
	assert_int_equal(store_outbox_cancel_interview(f->st, iv), 2);
	assert_int_equal(store_outbox_cancel_interview(f->st, iv), 0);
	assert_int_equal(store_outbox_cancel_interview(f->st, 0), 0);
	assert_int_equal(store_outbox_get(f->st, sent, &m), 1);
	assert_int_equal(m.status, MAIL_SENT);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, pend, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, keep, &m), 1);
	assert_int_equal(m.status, MAIL_PENDING);
	mail_clear(&m);
	/* Cancelled mails are not claimable. */
	assert_int_equal(store_outbox_claim(f->st, pend, 2100000000), 0);
}

/*
 * Who may cancel a mail whose outcome is unknown (an interrupted send not
 * found in Sent): the user, settling it as not sent (followupctl cancel,
 * mail_action_from(MAIL_ACT_CANCEL), as followupctl(1) says); never followupd by
 * itself (store_outbox_cancel, MAIL_WAITING), since it may have left.
 */
static void
test_outbox_cancel_unknown(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	int64_t iv, unk, pend, app = 0;

	assert_int_equal(MAIL_WAITING, STORE_BIT(MAIL_PENDING) |
	    STORE_BIT(MAIL_HELD) | STORE_BIT(MAIL_DEFERRED));
	assert_int_equal(mail_action_from(MAIL_ACT_CANCEL), MAIL_WAITING | STORE_BIT(MAIL_UNKNOWN));

	iv = make_interview(f->st, "Oscorp", "uid-u", 2000000000, &app);
	unk = queue(f->st, MAIL_THANK_YOU, iv, "u@oscorp.example", 0, 2000010000, NULL);
	pend = queue(f->st, MAIL_THANK_YOU, iv, "p@oscorp.example", 0, 2000010000, NULL);
	assert_int_equal(store_outbox_claim(f->st, unk, 2000010000), 1);
	assert_int_equal(store_outbox_set_status(f->st, unk, MAIL_UNKNOWN, "connection lost", 0), 1);

	/* The interview is cancelled: the waiting mail goes, the unknown one stays. */
	assert_int_equal(store_outbox_cancel_interview(f->st, iv), 1);
	assert_int_equal(store_outbox_get(f->st, unk, &m), 1);
	assert_int_equal(m.status, MAIL_UNKNOWN);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, pend, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	mail_clear(&m);
	/* Not even when asked for by status. */
	struct store_outbox_filter flt = { .status_mask = STORE_BIT(MAIL_UNKNOWN) };
	assert_int_equal(store_outbox_cancel(f->st, &flt), 0);

	/* The user cancels it (followupctl cancel's transition). */
	assert_int_equal(store_outbox_transition(f->st, unk, mail_action_from(MAIL_ACT_CANCEL),
	    MAIL_CANCELLED), 1);
	assert_int_equal(store_outbox_get(f->st, unk, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	mail_clear(&m);
	/* Once cancelled, or sent, there is nothing to cancel. */
	assert_int_equal(store_outbox_transition(f->st, unk, mail_action_from(MAIL_ACT_CANCEL),
	    MAIL_CANCELLED), 0);
}

/*
 * Outcomes move only along model.h's table: a deferral recorded from a
 * stale read (the daemon listed the mail, then the user cancelled it) does
 * not bring a cancelled mail back; nothing records an outcome for a mail
 * that was never claimed.
 */
static void
test_outcome_follows_table(void **state)
{
	struct tmpstore *f = *state;
	struct mail m = { 0 };
	int64_t iv, a, b;

	iv = make_interview(f->st, "Stark", "uid-o", 2000000000, NULL);
	a = queue(f->st, MAIL_THANK_YOU, iv, "a@stark.example", 1, 2000010000, NULL);
	b = queue(f->st, MAIL_THANK_YOU, iv, "b@stark.example", 1, 2000010000, NULL);
	assert_int_equal(store_outbox_claim(f->st, a, 2000010000), 1);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_DEFERRED, "451", 2000020000), 1);
	/* Re-timed while deferred: allowed (a refused login, the window). */
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_DEFERRED, "451", 2000030000), 1);
	assert_int_equal(store_outbox_transition(f->st, a, mail_action_from(MAIL_ACT_CANCEL),
	    MAIL_CANCELLED), 1);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_DEFERRED, "451", 2000040000), 0);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	mail_clear(&m);
	/* Never claimed: not sent, not unknown; failed only as unwritable. */
	assert_int_equal(store_outbox_set_status(f->st, b, MAIL_SENT, NULL, 0), 0);
	assert_int_equal(store_outbox_set_status(f->st, b, MAIL_UNKNOWN, "x", 0), 0);
	assert_int_equal(store_outbox_set_status(f->st, b, MAIL_FAILED, "cannot be written", 0), 1);
	assert_int_equal(store_outbox_get(f->st, b, &m), 1);
	assert_int_equal(m.status, MAIL_FAILED);
	assert_null(m.sent_at ? "sent" : NULL);
	mail_clear(&m);
}

static void
test_count_sent(void **state)
{
	struct tmpstore *f = *state;
	int64_t iv, ids[4];

	iv = make_interview(f->st, "Vandelay", "uid-v", 2000000000, NULL);
	for (int i = 0; i < 4; i++) {
		char to[32];

		snprintf(to, sizeof(to), "p%d@vandelay.example", i);
		ids[i] = queue(f->st, MAIL_THANK_YOU, iv, to, 0, 100, NULL);
	}
	store_set_now(f->st, 5000);
	assert_int_equal(store_outbox_claim(f->st, ids[0], 5000), 1);
	assert_int_equal(store_outbox_set_status(f->st, ids[0], MAIL_SENT, NULL, 0), 1);
	store_set_now(f->st, 9000);
	assert_int_equal(store_outbox_claim(f->st, ids[1], 9000), 1);
	assert_int_equal(store_outbox_set_status(f->st, ids[1], MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_claim(f->st, ids[2], 9000), 1);   /* in flight */
	assert_int_equal(store_outbox_claim(f->st, ids[3], 9000), 1);
	assert_int_equal(store_outbox_set_status(f->st, ids[3], MAIL_FAILED, "550 no", 0), 1);
	assert_int_equal(store_outbox_count_sent_since(f->st, 0), 3);
	assert_int_equal(store_outbox_count_sent_since(f->st, 6000), 2);
	assert_int_equal(store_outbox_count_sent_since(f->st, 9001), 0);
}

/* ---- locking ---- */

static void
test_busy(void **state)
{
	struct tmpstore *f = *state;
	struct store *other = NULL;
	char *err = NULL, *v = NULL;
	int64_t iv;

	iv = make_interview(f->st, "Massive Dynamic", "uid-m", 2000000000, NULL);
	assert_int_equal(store_open(f->path, 0, &other, &err), 0);
	store_set_busy_timeout(other, 100);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_meta_set(f->st, "held", "yes"), 0);

	{
		struct timespec t0, t1;
		int64_t ms;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(store_begin(other), STORE_BUSY);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		/* It waited for the configured timeout, not the 5 s default. */
		assert_true(ms >= 90);
		assert_true(ms < 2000);
	}
	assert_non_null(strstr(store_errmsg(other), "busy"));
	assert_false(store_in_transaction(other));
	assert_int_equal(store_meta_set(other, "x", "y"), STORE_BUSY);
	assert_int_equal(store_poke(other), STORE_BUSY);
	assert_int_equal(store_outbox_cancel_interview(other, iv), STORE_BUSY);
	/* Readers are never blocked in WAL mode; they see the last commit. */
	assert_int_equal(store_meta_get(other, "held", &v), 0);
	{
		struct interview got;

		assert_int_equal(store_interview_get(other, iv, &got), 1);
		interview_clear(&got);
	}
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(store_meta_set(other, "x", "y"), 0);
	assert_int_equal(store_meta_get(other, "held", &v), 1);
	assert_string_equal(v, "yes");
	free(v);
	store_close(other);
}

/* ---- crash switch ---- */

static void
test_crash_after_commits(void **state)
{
	struct tmpstore *f = *state;
	char *v = NULL;
	int status = 0;
	pid_t pid;

	store_close(f->st);
	f->st = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *st = NULL;
		char *err = NULL;

		if (store_open(f->path, 0, &st, &err) != 0)
			_exit(1);
		store_crash_after_commits(st, 2);
		store_meta_set(st, "one", "1");             /* commit 1 */
		store_begin(st);
		store_meta_set(st, "two", "2");
		store_meta_set(st, "three", "3");
		store_commit(st);                           /* commit 2: exit here */
		store_meta_set(st, "four", "4");
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 99);
	{
		char *err = NULL;

		assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
	}
	assert_int_equal(store_meta_get(f->st, "one", &v), 1);
	free(v);
	assert_int_equal(store_meta_get(f->st, "three", &v), 1);
	free(v);
	assert_int_equal(store_meta_get(f->st, "four", &v), 0);
}

/* ---- events and summary ---- */

static void
test_events(void **state)
{
	struct tmpstore *f = *state;
	struct store_event *rows = NULL;
	size_t n = 0;
	int64_t iv;

	iv = make_interview(f->st, "Pied Piper", "uid-p", 2000000000, NULL);
	store_set_now(f->st, 1000);
	assert_int_equal(store_event_add(f->st, "seen", 0, 0, 0, "mail %s from %s", "<1@x>", "a@b"), 0);
	store_set_now(f->st, 2000);
	assert_int_equal(store_event_add(f->st, "scheduled", 0, iv, 7, "thank-you #%d\r\nInjected: line", 1), 0);
	store_set_now(f->st, 3000);
	assert_int_equal(store_event_add(f->st, NULL, 0, 0, 0, "plain"), 0);
	store_set_now(f->st, 0);
	assert_true(store_now(f->st) > 1600000000);

	assert_int_equal(store_event_list(f->st, 0, 0, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].message, "mail <1@x> from a@b");
	assert_string_equal(rows[0].kind, "seen");
	assert_int_equal(rows[0].at, 1000);
	assert_int_equal(rows[1].interview_id, iv);
	assert_int_equal(rows[1].outbox_id, 7);
	assert_string_equal(rows[1].message, "thank-you #1??Injected: line");
	assert_string_equal(rows[2].kind, "note");
	store_events_free(rows, n);

	assert_int_equal(store_event_list(f->st, 2000, 0, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].at, 2000);
	store_events_free(rows, n);
	assert_int_equal(store_event_list(f->st, 3001, 0, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_event_list(f->st, 0, iv, &rows, &n), 0);
	assert_int_equal(n, 1);
	store_events_free(rows, n);
}

/* followupctl retry: a failed mail is mended and goes again, from scratch. */
static void
test_outbox_retry(void **state)
{
	struct tmpstore *f = *state;
	struct mail m = { 0 };
	unsigned from = STORE_BIT(MAIL_FAILED) | STORE_BIT(MAIL_UNKNOWN);
	int64_t iv, a;

	iv = make_interview(f->st, "Aperture", "uid-r1", 2000000000, NULL);
	a = queue(f->st, MAIL_THANK_YOU, iv, "glados@aperture.example", 0, 2000010000, NULL);
	/* Not from pending. */
	assert_int_equal(store_outbox_retry(f->st, a, from, MAIL_PENDING, 2000050000), 0);
	assert_int_equal(store_outbox_claim(f->st, a, 2000010000), 1);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_FAILED, "550 no such user", 0), 1);
	/* A failed mail can be mended... */
	assert_int_equal(store_outbox_set_rendered(f->st, a, "mended", 6, NULL, true), 1);
	/* ...and retried: due when asked, attempts and give-up clock reset. */
	assert_int_equal(store_outbox_retry(f->st, a, from, MAIL_HELD, 2000050000), 1);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_int_equal(m.status, MAIL_HELD);
	assert_int_equal(m.due, 2000050000);
	assert_int_equal(m.attempts, 0);
	assert_int_equal(m.first_attempt, 0);
	assert_int_equal(m.next_attempt, 0);
	assert_true(m.edited);
	assert_memory_equal(m.rendered, "mended", 6);
	mail_clear(&m);
	/* Held now: not a second time. */
	assert_int_equal(store_outbox_retry(f->st, a, from, MAIL_PENDING, 2000050000), 0);
}

static void
test_summary(void **state)
{
	struct tmpstore *f = *state;
	struct store_summary s;
	int64_t iv, past, app = 0, m;

	iv = make_interview(f->st, "Aperture", "uid-a1", 2000000000, &app);
	past = make_interview(f->st, "Black Mesa", "uid-b1", 1000000000, NULL);
	assert_int_equal(store_interview_set_status(f->st, past, IV_DONE), 1);
	assert_int_equal(store_application_set_status(f->st, app, APP_OFFER), 1);
	m = queue(f->st, MAIL_THANK_YOU, iv, "glados@aperture.example", 0, 2000010000, NULL);
	queue(f->st, MAIL_REFLECTION, iv, "me@example.net", 0, 2000005000, NULL);
	assert_int_equal(store_outbox_transition(f->st, m, STORE_BIT(MAIL_PENDING), MAIL_HELD), 1);
	assert_int_equal(store_set_last_sync(f->st, 1999999999), 0);

	assert_int_equal(store_summary(f->st, 1500000000, &s), 0);
	assert_int_equal(s.applications[APP_OFFER], 1);
	assert_int_equal(s.applications[APP_ACTIVE], 1);
	assert_int_equal(s.interviews[IV_SCHEDULED], 1);
	assert_int_equal(s.interviews[IV_DONE], 1);
	assert_int_equal(s.interviews_upcoming, 1);
	assert_int_equal(s.outbox[MAIL_HELD], 1);
	assert_int_equal(s.outbox[MAIL_PENDING], 1);
	assert_int_equal(s.outbox[MAIL_SENT], 0);
	assert_int_equal(s.last_sync, 1999999999);
	assert_int_equal(s.next_due, 2000005000);
	assert_int_equal(s.schema_version, store_schema_version());
	assert_false(store_in_transaction(f->st));
	assert_int_equal(store_summary(f->st, 2100000000, &s), 0);
	assert_int_equal(s.interviews_upcoming, 0);
	assert_int_equal(s.interviews_ended, 1);
	assert_int_equal(s.interviews_in_progress, 0);

	/* Upcoming: starts after now; in progress: started, not ended. */
	assert_int_equal(store_summary(f->st, 2000000000, &s), 0);
	assert_int_equal(s.interviews_upcoming, 0);
	assert_int_equal(s.interviews_in_progress, 1);
	assert_int_equal(s.interviews_ended, 0);
	assert_int_equal(store_summary(f->st, 1999999999, &s), 0);
	assert_int_equal(s.interviews_upcoming, 1);
	assert_int_equal(s.interviews_in_progress, 0);
	assert_int_equal(store_summary(f->st, 2000003600, &s), 0);
	assert_int_equal(s.interviews_in_progress, 0);
	assert_int_equal(s.interviews_ended, 1);

	/* Held mails: how many, how many due, the earliest. */
	assert_int_equal(s.outbox[MAIL_HELD], 1);
	assert_int_equal(s.next_held, 2000010000);
	assert_int_equal(s.held_due, 0);
	assert_int_equal(store_summary(f->st, 2000010000, &s), 0);
	assert_int_equal(s.held_due, 1);
}

static void
test_thread_lookup(void **state)
{
	struct tmpstore *f = *state;
	struct interview iv = { 0 };
	struct store_seen m = { 0 };
	int64_t app = 0, id = 0, a = 0, i = 0;

	assert_int_equal(store_application_find_or_create(f->st, "Dunder", "Sales", NULL, NULL, &app), 1);
	iv.application_id = app;
	iv.source_message_id = (char *)"<invite@dunder.example>";
	iv.source_references = (char *)"<a@dunder.example> <b@dunder.example>";
	iv.source_subject = (char *)"Interview: Sales";
	assert_int_equal(store_interview_insert(f->st, &iv, &id), 0);
	assert_int_equal(store_application_by_message_id(f->st, "<invite@dunder.example>", &a, &i), 1);
	assert_int_equal(a, app);
	assert_int_equal(i, id);
	m.folder = "INBOX";
	m.uidvalidity = 1;
	m.uid = 5;
	m.message_id = "<followup@dunder.example>";
	m.outcome = STORE_SEEN_HANDLED;
	m.application_id = app;
	assert_int_equal(store_seen_add(f->st, &m), 1);
	assert_int_equal(store_application_by_message_id(f->st, "<followup@dunder.example>", &a, &i), 1);
	assert_int_equal(a, app);
	assert_int_equal(i, 0);
	assert_int_equal(store_application_by_message_id(f->st, "<other@x>", &a, &i), 0);
	assert_int_equal(a, 0);
}

static void
test_names(void **state)
{
	(void)state;
	enum mail_status ms;
	enum mail_kind mk;
	enum app_status as;
	enum iv_status is;
	enum person_role r;
	enum store_seen_outcome o;

	for (int v = 0; v < MAIL_STATUS_COUNT; v++) {
		assert_int_equal(mail_status_parse(mail_status_name(v), &ms), 0);
		assert_int_equal(ms, v);
	}
	for (int v = 0; v < MAIL_KIND_COUNT; v++) {
		assert_int_equal(mail_kind_parse(mail_kind_name(v), &mk), 0);
		assert_int_equal(mk, v);
	}
	for (int v = 0; v < APP_STATUS_COUNT; v++) {
		assert_int_equal(app_status_parse(app_status_name(v), &as), 0);
		assert_int_equal(as, v);
	}
	for (int v = 0; v < IV_STATUS_COUNT; v++) {
		assert_int_equal(iv_status_parse(iv_status_name(v), &is), 0);
		assert_int_equal(is, v);
	}
	for (int v = 0; v < ROLE_COUNT; v++) {
		assert_int_equal(role_parse(role_name(v), &r), 0);
		assert_int_equal(r, v);
	}
	for (int v = 0; v < STORE_SEEN_OUTCOME_COUNT; v++) {
		assert_int_equal(store_seen_outcome_parse(store_seen_outcome_name(v), &o), 0);
		assert_int_equal(o, v);
	}
	assert_string_equal(mail_kind_name(MAIL_THANK_YOU), "thank_you");
	assert_string_equal(mail_status_name(MAIL_UNKNOWN), "unknown");
	assert_string_equal(mail_status_name((enum mail_status)99), "?");
	assert_int_equal(mail_status_parse("Pending", &ms), -1);
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_string_equal(store_errmsg(NULL), "");
}

/*
 * What the user's own sent mail writes (migration 7): a waiting mail
 * superseded keeps its reason, a sent one is left alone; the contact's
 * applications (active only); the last contact only moves forward; a
 * Message-ID seen in Sent does not make a watched folder's copy a
 * duplicate.
 */
static void
test_sent_by_user(void **state)
{
	struct tmpstore *f = *state;
	struct store_seen seen = { .folder = "Sent", .uidvalidity = 1, .uid = 1,
	    .message_id = "<mine@x>", .kind = "sent", .outcome = STORE_SEEN_HANDLED };
	struct application a = { 0 };
	struct mail m = { 0 };
	int64_t app = 0, iv, ada, *ids = NULL;
	size_t n = 0;

	iv = make_interview(f->st, "Acme", "uid-sent@example.com", 1800000000, &app);
	ada = queue(f->st, MAIL_THANK_YOU, iv, "ada@acme.com", 1, 1800010000, "<t@x>");
	assert_int_equal(store_outbox_supersede(f->st, ada, "you wrote to Ada yourself"), 1);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_int_equal(m.status, MAIL_CANCELLED);
	assert_string_equal(m.cancel_reason, "you wrote to Ada yourself");
	mail_clear(&m);
	assert_int_equal(store_outbox_supersede(f->st, ada, "again"), 0);

	assert_int_equal(store_interview_add_person(f->st, iv, "Ravi", "ravi@acme.com",
	    ROLE_CONTACT, NULL), 1);
	assert_int_equal(store_application_by_contact(f->st, "RAVI@acme.com", &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], app);
	free(ids);
	assert_int_equal(store_application_by_contact(f->st, "ada@acme.com", &ids, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_application_set_status(f->st, app, APP_REJECTED), 1);
	assert_int_equal(store_application_by_contact(f->st, "ravi@acme.com", &ids, &n), 0);
	assert_int_equal(n, 0);

	assert_int_equal(store_application_set_last_contact(f->st, app, 1800100000), 1);
	assert_int_equal(store_application_set_last_contact(f->st, app, 1800000000), 0);
	assert_int_equal(store_application_get(f->st, app, &a), 1);
	assert_int_equal(a.last_contact, 1800100000);
	application_clear(&a);

	assert_int_equal(store_seen_add(f->st, &seen), 1);
	assert_int_equal(store_seen_message_id(f->st, "<mine@x>"), 0);
	seen.folder = "INBOX";
	seen.kind = "own";
	assert_int_equal(store_seen_add(f->st, &seen), 1);
	assert_int_equal(store_seen_message_id(f->st, "<mine@x>"), 1);
}

/* The relaxed durability switch: on and off outside a transaction,
 * refused inside one; and an attempt taken back. */
static void
test_outbox_relaxed(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	int64_t iv, a;

	iv = make_interview(f->st, "Tyrell", "uid-u", 2000000000, NULL);
	a = queue(f->st, MAIL_THANK_YOU, iv, "a@tyrell.example", 0, 2000005000, "<u@x>");
	assert_int_equal(store_outbox_claim(f->st, a, 2000005000), 1);
	assert_int_equal(store_outbox_uncount_attempt(f->st, a), 1);
	assert_int_equal(store_outbox_relaxed(f->st, true), 0);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_relaxed(f->st, false), 0);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_int_equal(m.status, MAIL_SENT);
	assert_int_equal(m.attempts, 0);
	assert_int_equal(m.first_attempt, 0);
	mail_clear(&m);
	/* Not inside a transaction. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_outbox_relaxed(f->st, true), STORE_ERR);
	assert_int_equal(store_rollback(f->st), 0);
}

/* The body-handed mark while relaxed: committed, then the WAL flushed
 * (store_outbox_mark_handed); a claim, the mark and an outcome all made
 * relaxed read back as made. */
static void
test_mark_relaxed(void **state)
{
	struct tmpstore *f = *state;
	struct mail m;
	int64_t iv, a, at = 0;

	iv = make_interview(f->st, "Tyrell", "uid-r", 2000000000, NULL);
	a = queue(f->st, MAIL_THANK_YOU, iv, "a@tyrell.example", 0, 2000005000, "<r@x>");
	store_set_now(f->st, 2000005000);
	assert_int_equal(store_outbox_relaxed(f->st, true), 0);
	assert_int_equal(store_outbox_claim(f->st, a, 2000005000), 1);
	assert_int_equal(store_outbox_mark_handed(f->st, a), 1);
	assert_int_equal(store_outbox_handed(f->st, a, &at), 1);
	assert_int_equal(at, 2000005000);
	assert_int_equal(store_outbox_set_status(f->st, a, MAIL_SENT, NULL, 0), 1);
	assert_int_equal(store_outbox_relaxed(f->st, false), 0);
	assert_int_equal(store_outbox_get(f->st, a, &m), 1);
	assert_int_equal(m.status, MAIL_SENT);
	mail_clear(&m);
	assert_int_equal(store_outbox_handed(f->st, a, &at), 1);
	/* Still its own commit, relaxed or not. */
	assert_int_equal(store_outbox_relaxed(f->st, true), 0);
	assert_int_equal(store_begin(f->st), 0);
	assert_true(store_outbox_mark_handed(f->st, a) < 0);
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(store_outbox_relaxed(f->st, false), 0);
}

/* A relaxed transaction commits and rolls back like any other; nesting is
 * refused; store_flush works outside a transaction only. */
static void
test_relaxed_commit(void **state)
{
	struct tmpstore *f = *state;
	uint32_t uv = 0, last = 0;

	assert_int_equal(store_flush(f->st), 0);
	assert_int_equal(store_begin_relaxed(f->st), 0);
	assert_int_equal(store_begin_relaxed(f->st), STORE_ERR);
	assert_int_equal(store_flush(f->st), STORE_ERR);
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 12), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(store_flush(f->st), 0);
	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(last, 12);
	assert_int_equal(store_begin_relaxed(f->st), 0);
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 13), 0);
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(last, 12);
	/* A plain transaction after it. */
	assert_int_equal(store_folder_set(f->st, "INBOX", 7, 14), 0);
	assert_int_equal(store_folder_get(f->st, "INBOX", &uv, &last), 1);
	assert_int_equal(last, 14);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_fresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sent_by_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_future_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_hold_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_thank_you_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_handed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unplaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_follows_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_mode_0600, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_poke_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_now, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folders_and_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_applications, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interviews, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_insert_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_edit_and_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_cancel_reschedule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_cancel_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_after_commits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_relaxed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_relaxed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relaxed_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thread_lookup, setup, teardown),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
