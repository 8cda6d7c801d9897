/*
 * store: the connection and what every entity shares.  Opens the database
 * (mode 0600, WAL, the pragmas) and applies the migrations; the statement
 * cache and helpers, the transactions (with the crash-test switch), the
 * key/value meta (send-now requests, poke, last sync), the event log and
 * the status summary.  The entities are in store_app.c, store_interview.c
 * and store_outbox.c; the helpers they share are declared in store_p.h.
 */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_p.h"
#include "util.h"

/*
 * Migrations: MIGRATIONS[i] takes the schema from user_version i to i + 1.
 * Append only; never edit one that has shipped.
 */
static const char *const MIGRATIONS[] = {
	/* 1: the initial schema. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE applications ("
	"  id INTEGER PRIMARY KEY,"
	"  company TEXT NOT NULL COLLATE NOCASE,"
	"  role TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
	"  status TEXT NOT NULL DEFAULT 'active'"
	"    CHECK (status IN ('active','rejected','offer','withdrawn')),"
	"  company_domain TEXT COLLATE NOCASE,"
	"  ats_sender TEXT COLLATE NOCASE,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  UNIQUE (company, role)"
	");"
	"CREATE INDEX applications_domain ON applications(company_domain);"
	"CREATE INDEX applications_ats ON applications(ats_sender);"

	"CREATE TABLE interviews ("
	"  id INTEGER PRIMARY KEY,"
	"  application_id INTEGER NOT NULL REFERENCES applications(id),"
	"  event_uid TEXT,"
	"  sequence INTEGER NOT NULL DEFAULT 0,"
	"  start_at INTEGER,"
	"  end_at INTEGER,"
	"  timezone TEXT,"
	"  status TEXT NOT NULL DEFAULT 'scheduled'"
	"    CHECK (status IN ('scheduled','done','cancelled')),"
	"  final_round INTEGER NOT NULL DEFAULT 0,"
	"  asks_references INTEGER NOT NULL DEFAULT 0,"
	"  decision_by TEXT,"
	"  meeting_url TEXT,"
	"  location TEXT,"
	"  source_message_id TEXT,"
	"  source_references TEXT,"
	"  source_subject TEXT,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX interviews_uid ON interviews(event_uid)"
	"  WHERE event_uid IS NOT NULL;"
	"CREATE INDEX interviews_app ON interviews(application_id);"
	"CREATE INDEX interviews_start ON interviews(start_at);"
	"CREATE INDEX interviews_msgid ON interviews(source_message_id);"

	"CREATE TABLE people ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT,"
	"  email TEXT COLLATE NOCASE,"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('interviewer','contact','reference','me')),"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX people_email ON people(email) WHERE email IS NOT NULL;"

	"CREATE TABLE interview_people ("
	"  interview_id INTEGER NOT NULL REFERENCES interviews(id),"
	"  person_id INTEGER NOT NULL REFERENCES people(id),"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('interviewer','contact','reference','me')),"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (interview_id, person_id, role)"
	") WITHOUT ROWID;"
	"CREATE INDEX interview_people_person ON interview_people(person_id);"

	"CREATE TABLE folders ("
	"  name TEXT PRIMARY KEY,"
	"  uidvalidity INTEGER NOT NULL,"
	"  last_uid INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE messages_seen ("
	"  id INTEGER PRIMARY KEY,"
	"  folder TEXT NOT NULL,"
	"  uidvalidity INTEGER NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  message_id TEXT,"
	"  kind TEXT,"
	"  subject TEXT,"
	"  from_addr TEXT,"
	"  date_hdr INTEGER,"
	"  outcome TEXT NOT NULL"
	"    CHECK (outcome IN ('handled','unreadable','ignored')),"
	"  application_id INTEGER REFERENCES applications(id),"
	"  interview_id INTEGER REFERENCES interviews(id),"
	"  processed_at INTEGER NOT NULL,"
	"  UNIQUE (folder, uidvalidity, uid)"
	");"
	"CREATE INDEX messages_seen_msgid ON messages_seen(message_id);"

	"CREATE TABLE outbox ("
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
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt INTEGER,"
	"  message_id TEXT UNIQUE,"
	"  in_reply_to TEXT,"
	"  refs TEXT,"
	"  subject TEXT,"
	"  rendered BLOB,"
	"  edited INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  sent_at INTEGER"
	");"
	/* One mail per purpose per person per interview (DESIGN.md 5). */
	"CREATE UNIQUE INDEX outbox_once ON outbox(kind, application_id,"
	"  ifnull(interview_id, 0), lower(recipient_email), nth);"
	"CREATE INDEX outbox_status_due ON outbox(status, due);"
	"CREATE INDEX outbox_interview ON outbox(interview_id);"
	"CREATE INDEX outbox_sent_at ON outbox(sent_at);"

	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  interview_id INTEGER NOT NULL REFERENCES interviews(id),"
	"  at INTEGER NOT NULL,"
	"  source TEXT NOT NULL,"
	"  body TEXT NOT NULL"
	");"
	"CREATE INDEX notes_interview ON notes(interview_id);"

	/* No foreign keys: the audit log outlives what it talks about. */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  application_id INTEGER,"
	"  interview_id INTEGER,"
	"  outbox_id INTEGER,"
	"  message TEXT NOT NULL"
	");"
	"CREATE INDEX events_at ON events(at);"
	"CREATE INDEX events_interview ON events(interview_id);",

	/* 2: when a mail was first tried (send.give_up counts from it). */
	"ALTER TABLE outbox ADD COLUMN first_attempt INTEGER;"
	"UPDATE outbox SET first_attempt = updated WHERE attempts > 0;",

	/* 3: why a mail is held whatever the mode (found late, an untrusted
	 * invite), and why every mail of an interview must be. */
	"ALTER TABLE outbox ADD COLUMN hold_reason TEXT;"
	"ALTER TABLE interviews ADD COLUMN hold_reason TEXT;",

	/* 4: the contact's thank-you is a kind of its own, thank_you_contact
	 * (it was thank_you with number 0); its number is 1 like every first
	 * mail.  A new CHECK needs a new table (SQLite cannot alter one). */
	"CREATE TABLE outbox_v4 ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('thank_you','thank_you_contact',"
	"    'reference_warning','status_nudge','reflection','feedback_request')),"
	"  application_id INTEGER NOT NULL REFERENCES applications(id),"
	"  interview_id INTEGER REFERENCES interviews(id),"
	"  person_id INTEGER REFERENCES people(id),"
	"  recipient_name TEXT,"
	"  recipient_email TEXT NOT NULL CHECK (recipient_email <> ''),"
	"  nth INTEGER NOT NULL DEFAULT 0,"
	"  due INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','held',"
	"    'sending','sent','deferred','failed','cancelled','unknown')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt INTEGER,"
	"  message_id TEXT UNIQUE,"
	"  in_reply_to TEXT,"
	"  refs TEXT,"
	"  subject TEXT,"
	"  rendered BLOB,"
	"  edited INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  first_attempt INTEGER,"
	"  hold_reason TEXT"
	");"
	"INSERT INTO outbox_v4 (id, kind, application_id, interview_id, person_id,"
	"  recipient_name, recipient_email, nth, due, status, attempts, next_attempt,"
	"  message_id, in_reply_to, refs, subject, rendered, edited, last_error,"
	"  created, updated, sent_at, first_attempt, hold_reason)"
	" SELECT id,"
	"  CASE WHEN kind = 'thank_you' AND nth = 0 THEN 'thank_you_contact' ELSE kind END,"
	"  application_id, interview_id, person_id, recipient_name, recipient_email,"
	"  CASE WHEN kind = 'thank_you' AND nth = 0 THEN 1 ELSE nth END,"
	"  due, status, attempts, next_attempt, message_id, in_reply_to, refs, subject,"
	"  rendered, edited, last_error, created, updated, sent_at, first_attempt,"
	"  hold_reason FROM outbox;"
	"DROP TABLE outbox;"
	"ALTER TABLE outbox_v4 RENAME TO outbox;"
	"CREATE UNIQUE INDEX outbox_once ON outbox(kind, application_id,"
	"  ifnull(interview_id, 0), lower(recipient_email), nth);"
	"CREATE INDEX outbox_status_due ON outbox(status, due);"
	"CREATE INDEX outbox_interview ON outbox(interview_id);"
	"CREATE INDEX outbox_sent_at ON outbox(sent_at);",

	/* 5: how sure the recognition of an interview was: NULL when sure
	 * (or typed in by hand), else the doubts ("no time zone in the
	 * mail"); in auto mode its mails wait for the user. */
	"ALTER TABLE interviews ADD COLUMN doubt TEXT;",

	/* 6: the review digests (and followupd's answers to replies to them),
	 * the mails each listed, and the (digest, mail) pairs a reply acted
	 * on, so no answer acts twice on one mail.  (IF NOT EXISTS: a copy
	 * rewound by hand to an older version keeps these tables.) */
	"CREATE TABLE IF NOT EXISTS digests ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id TEXT NOT NULL UNIQUE,"
	"  answers INTEGER REFERENCES digests(id),"
	"  created INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  rendered BLOB"
	");"
	"CREATE TABLE IF NOT EXISTS digest_mails ("
	"  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	"  mail_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (digest_id, mail_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS digest_mails_mail ON digest_mails(mail_id);"
	"CREATE TABLE IF NOT EXISTS digest_applied ("
	"  digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,"
	"  mail_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,"
	"  action TEXT NOT NULL,"
	"  reply_message_id TEXT,"
	"  at INTEGER NOT NULL,"
	"  PRIMARY KEY (digest_id, mail_id)"
	") WITHOUT ROWID;",

	/* 7: what the user sent themselves (the Sent folder): why followupd
	 * cancelled a mail, and when the user last wrote to an application's
	 * contact (the status nudges count from it). */
	"ALTER TABLE outbox ADD COLUMN cancel_reason TEXT;"
	"ALTER TABLE applications ADD COLUMN last_contact INTEGER;",

	/* 8: the body-handed mark (outbox.h): when the whole body of the
	 * attempt under way was handed to SMTP, NULL before.  A mail found
	 * "sending" after a crash without it was certainly not sent.  The
	 * trigger clears it whenever a mail is claimed or goes back to
	 * waiting, whichever statement moves it, so a mark never outlives its
	 * attempt.  A mail left "sending" by an older version may have gone:
	 * it counts as handed (looked up in Sent, as before). */
	"ALTER TABLE outbox ADD COLUMN handed_at INTEGER;"
	"UPDATE outbox SET handed_at = updated WHERE status = 'sending';"
	"CREATE TRIGGER IF NOT EXISTS outbox_handed_reset AFTER UPDATE OF status ON outbox"
	" WHEN NEW.status IS NOT OLD.status"
	"  AND NEW.status IN ('sending', 'pending', 'held', 'deferred')"
	" BEGIN UPDATE outbox SET handed_at = NULL WHERE id = NEW.id; END;",

	/* 9: the job mails recognition could not place (detection_unplaced):
	 * why, and when the user dismissed one (followupctl unplaced). */
	"ALTER TABLE messages_seen ADD COLUMN doubt TEXT;"
	"ALTER TABLE messages_seen ADD COLUMN dismissed_at INTEGER;"
	"CREATE INDEX IF NOT EXISTS messages_seen_unplaced"
	" ON messages_seen(ifnull(date_hdr, processed_at)) WHERE doubt IS NOT NULL;",
};

/* Map a column back to an enum.  The CHECK constraints keep unknown names
 * out; should one appear anyway (a hand edit), it reads as the first value,
 * except for a mail's status (see mail_status_col). */
int
db_enum_col(name_fn *name, int n, const unsigned char *s)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(name(i), (const char *)s) == 0)
			return i;
	return 0;
}

/* An unreadable mail status must never look "pending": that would send. */
enum mail_status
db_mail_status_col(const unsigned char *s)
{
	enum mail_status v;

	if (mail_status_parse((const char *)s, &v) < 0)
		return MAIL_UNKNOWN;
	return v;
}


/* ---- errors, clock, statements ---- */

void
db_set_err(struct store *st, const char *fmt, ...)
{
	va_list ap;

	free(st->err);
	va_start(ap, fmt);
	st->err = xvasprintf(fmt, ap);
	va_end(ap);
}

static bool
is_busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Record SQLite's complaint about `what`; returns STORE_BUSY or STORE_ERR. */
int
db_fail(struct store *st, int rc, const char *what)
{
	if (is_busy(rc)) {
		db_set_err(st, "%s: database is busy (locked by another process): %s",
		    what, sqlite3_errmsg(st->db));
		return STORE_BUSY;
	}
	db_set_err(st, "%s: %s", what, sqlite3_errmsg(st->db));
	return STORE_ERR;
}

const char *
store_errmsg(const struct store *st)
{
	return st != NULL && st->err != NULL ? st->err : "";
}

void
store_set_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms < 0 ? 0 : ms);
}

void
store_set_now(struct store *st, int64_t now)
{
	st->now = now;
}

int64_t
store_now(const struct store *st)
{
	return st->now != 0 ? st->now : (int64_t)time(NULL);
}

void
store_crash_after_commits(struct store *st, unsigned n)
{
	st->crash_after = n;
	st->commits = 0;
}

int
store_schema_version(void)
{
	return (int)ARRAY_LEN(MIGRATIONS);
}

/*
 * A prepared statement for a static SQL string, cached for the life of the
 * connection (the daemon runs the same few dozen statements for months).
 */
sqlite3_stmt *
db_prep(struct store *st, const char *sql)
{
	struct stmt_slot *free_slot = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	for (size_t i = 0; i < STMT_CACHE; i++) {
		if (st->cache[i].sql == sql)
			return st->cache[i].stmt;
		if (st->cache[i].sql == NULL && free_slot == NULL)
			free_slot = &st->cache[i];
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1,
	    free_slot != NULL ? SQLITE_PREPARE_PERSISTENT : 0, &s, NULL);
	if (rc != SQLITE_OK) {
		db_fail(st, rc, "preparing a statement");
		sqlite3_finalize(s);
		return NULL;
	}
	if (free_slot == NULL) {
		/* More distinct statements than slots: raise STMT_CACHE. */
		db_set_err(st, "internal error: statement cache full");
		sqlite3_finalize(s);
		return NULL;
	}
	free_slot->sql = sql;
	free_slot->stmt = s;
	return s;
}

void
db_done(sqlite3_stmt *s)
{
	if (s != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

int
db_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Required text: "" stays "". */
int
db_bind_text_req(sqlite3_stmt *s, int i, const char *v)
{
	return sqlite3_bind_text(s, i, v != NULL ? v : "", -1, SQLITE_TRANSIENT);
}

int
db_bind_opt(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

char *
db_col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

char *
db_col_str_req(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/*
 * Run a statement that returns no rows (or whose rows are ignored).
 * Returns the number of changed rows, or STORE_ERR/STORE_BUSY.  Resets s.
 */
int
db_exec_changes(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_fail(st, rc, what);
		db_done(s);
		return rc;
	}
	db_done(s);
	return sqlite3_changes(st->db);
}

static int
exec_sql(struct store *st, const char *sql, const char *what)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		int ret = is_busy(rc) ? STORE_BUSY : STORE_ERR;

		if (ret == STORE_BUSY)
			db_set_err(st, "%s: database is busy (locked by another process): %s",
			    what, msg != NULL ? msg : sqlite3_errstr(rc));
		else
			db_set_err(st, "%s: %s", what, msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return ret;
	}
	return 0;
}

/* ---- transactions ---- */

bool
store_in_transaction(const struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int
store_begin(struct store *st)
{
	if (store_in_transaction(st)) {
		db_set_err(st, "begin: a transaction is already open");
		return STORE_ERR;
	}
	return exec_sql(st, "BEGIN IMMEDIATE", "begin");
}

int
store_set_relaxed(struct store *st, bool relaxed)
{
	int rc = sqlite3_exec(st->db, relaxed ? "PRAGMA synchronous = NORMAL" :
	    "PRAGMA synchronous = FULL", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return db_fail(st, rc, "changing the durability");
	st->relaxed = relaxed;
	return 0;
}

/* After store_begin_relaxed's transaction: strict again, if it was the
 * one that relaxed the connection. */
static int
relaxed_end(struct store *st)
{
	if (!st->relaxed_tx || store_in_transaction(st))
		return 0;
	st->relaxed_tx = false;
	return store_set_relaxed(st, false);
}

int
store_begin_relaxed(struct store *st)
{
	int rc;

	if (store_in_transaction(st))
		return store_begin(st);         /* the error of nesting */
	/* Relaxed already (store_outbox_relaxed): nothing to switch.  The
	 * level cannot change inside a transaction: it is set before. */
	if (!st->relaxed) {
		if ((rc = store_set_relaxed(st, true)) < 0)
			return rc;
		st->relaxed_tx = true;
	}
	if ((rc = store_begin(st)) < 0)
		(void)relaxed_end(st);
	return rc;
}

/*
 * In WAL mode synchronous = FULL differs from NORMAL only in this: at each
 * commit SQLite syncs the WAL file with the connection's sync flags
 * (SQLITE_SYNC_NORMAL without fullfsync, which followupd never sets),
 * through the same VFS method called here on the same file
 * (SQLITE_FCNTL_JOURNAL_POINTER gives the WAL's handle).  So relaxed
 * commits followed by this are as durable as strict ones, without a
 * PRAGMA to switch the connection there and back.
 */
int
store_flush(struct store *st)
{
	sqlite3_file *wal = NULL;
	int rc;

	if (store_in_transaction(st)) {
		db_set_err(st, "flush: a transaction is open");
		return STORE_ERR;
	}
	/* The WAL (the journal in WAL mode); not open yet: nothing to flush. */
	rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
	if (rc != SQLITE_OK)
		return db_fail(st, rc, "finding the WAL to flush");
	if (wal == NULL || wal->pMethods == NULL)
		return 0;
	rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL);
	return rc == SQLITE_OK ? 0 : db_fail(st, rc, "flushing the WAL");
}

int
store_commit(struct store *st)
{
	int rc;

	if (!store_in_transaction(st)) {
		db_set_err(st, "commit: no transaction is open");
		return STORE_ERR;
	}
	rc = exec_sql(st, "COMMIT", "commit");
	if (rc < 0)
		return rc;
	rc = relaxed_end(st);       /* committed either way */
	st->commits++;
	if (st->crash_after != 0 && st->commits >= st->crash_after)
		_exit(99);  /* the crash-test switch: die like kill -9 would */
	return rc;
}

int
store_rollback(struct store *st)
{
	int rc = 0, r2;

	/* SQLite may already have rolled back after an error. */
	if (store_in_transaction(st))
		rc = exec_sql(st, "ROLLBACK", "rollback");
	r2 = relaxed_end(st);
	return rc < 0 ? rc : r2;
}

/*
 * Write functions bracket their work with tx_enter/tx_leave: outside a
 * caller's transaction they make their own (so every write is atomic and
 * every commit goes through store_commit and its crash counter), inside
 * one they just join it.
 */
int
tx_enter(struct store *st, bool *own)
{
	int rc;

	*own = false;
	if (st->rdonly) {
		db_set_err(st, "the database is open read-only");
		return STORE_ERR;
	}
	if (store_in_transaction(st))
		return 0;
	rc = store_begin(st);
	if (rc < 0)
		return rc;
	*own = true;
	return 0;
}

int
tx_leave(struct store *st, bool own, int rc)
{
	if (!own)
		return rc;
	if (rc < 0) {
		char *keep = st->err != NULL ? xstrdup(st->err) : NULL;

		store_rollback(st);
		/* Report the original failure, not the rollback. */
		free(st->err);
		st->err = keep;
		return rc;
	}
	{
		int c = store_commit(st);

		if (c < 0) {
			store_rollback(st);
			return c;
		}
	}
	return rc;
}

/*
 * A write of one statement: tx_prep enters the transaction and prepares sql;
 * on failure it returns NULL with *rc set and the transaction left again.
 */
sqlite3_stmt *
tx_prep(struct store *st, const char *sql, bool *own, int *rc)
{
	sqlite3_stmt *s;

	if ((*rc = tx_enter(st, own)) < 0)
		return NULL;
	s = db_prep(st, sql);
	if (s == NULL)
		*rc = tx_leave(st, *own, STORE_ERR);
	return s;
}

/* Run the statement from tx_prep and leave the transaction; returns the
 * number of rows changed. */
int
tx_exec(struct store *st, sqlite3_stmt *s, bool own, const char *what)
{
	return tx_leave(st, own, db_exec_changes(st, s, what));
}

/* A write's result as 1 if it changed a row, 0 if none, or the error. */
int
db_any_changed(int rc)
{
	return rc < 0 ? rc : rc > 0;
}

/* A write's result as 0, or the error. */
int
db_no_count(int rc)
{
	return rc < 0 ? rc : 0;
}

/* ---- open, migrate, close ---- */

static int
pragma_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		rc = db_fail(st, rc, sql);
		sqlite3_finalize(s);
		return rc;
	}
	sqlite3_finalize(s);
	return 0;
}

static int
migrate(struct store *st)
{
	int64_t v = 0;
	int latest = store_schema_version();
	int rc;

	if ((rc = pragma_int(st, "PRAGMA user_version", &v)) < 0)
		return rc;
	if (v > latest)
		goto too_new;
	if (v == latest)
		return 0;
	if (st->rdonly) {
		db_set_err(st, "%s: schema version %lld is older than %d; "
		    "run followupd once to upgrade it", st->path, (long long)v, latest);
		return STORE_ERR;
	}
	for (;;) {
		char *pragma;

		/* Re-read under the write lock: another process may migrate too. */
		if ((rc = store_begin(st)) < 0)
			return rc;
		if ((rc = pragma_int(st, "PRAGMA user_version", &v)) < 0)
			goto fail;
		if (v > latest) {
			store_rollback(st);
			goto too_new;
		}
		if (v == latest) {
			store_rollback(st);
			return 0;
		}
		if ((rc = exec_sql(st, MIGRATIONS[v], "migration")) < 0) {
			char *e = xasprintf("%s: schema migration %lld -> %lld failed: %s",
			    st->path, (long long)v, (long long)v + 1, st->err);

			free(st->err);
			st->err = e;
			goto fail;
		}
		pragma = xasprintf("PRAGMA user_version = %lld", (long long)v + 1);
		rc = exec_sql(st, pragma, "setting the schema version");
		free(pragma);
		if (rc < 0)
			goto fail;
		if ((rc = store_commit(st)) < 0)
			goto fail;
	}
fail:
	{
		char *keep = xstrdup(store_errmsg(st));

		store_rollback(st);
		free(st->err);
		st->err = keep;
	}
	return rc;
too_new:
	db_set_err(st, "%s: schema version %lld is newer than this program knows (%d); "
	    "refusing to touch it (use a newer followupd)", st->path, (long long)v, latest);
	return STORE_ERR;
}

/* Create the file ourselves so it is 0600 whatever the umask: it holds
 * mail contents and addresses. */
static int
create_private(const char *path, char **err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		*err = xasprintf("%s: cannot create: %s", path, strerror(errno));
		return STORE_ERR;
	}
	if (fchmod(fd, 0600) < 0) {
		*err = xasprintf("%s: cannot set mode 0600: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return STORE_ERR;
	}
	close(fd);
	return 0;
}

int
store_open(const char *path, int flags, struct store **out, char **err)
{
	struct store *st = NULL;
	int oflags;
	int rc;

	*out = NULL;
	*err = NULL;
	if (path == NULL || *path == '\0') {
		*err = xstrdup("no database path");
		return STORE_ERR;
	}
	if (!(flags & STORE_RDONLY) && create_private(path, err) < 0)
		return STORE_ERR;

	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->rdonly = (flags & STORE_RDONLY) != 0;
	oflags = (st->rdonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	    SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		if (st->db != NULL)
			db_set_err(st, "%s: cannot open: %s", path, sqlite3_errmsg(st->db));
		else
			db_set_err(st, "%s: cannot open: %s", path, sqlite3_errstr(rc));
		rc = STORE_ERR;
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* The file is ours alone: no SQL functions run from the schema, no
	 * writes that could corrupt it even through a bug of ours. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
	sqlite3_busy_timeout(st->db, STORE_DEFAULT_BUSY_TIMEOUT_MS);

	/* Read something first so a file that is not a database fails here. */
	{
		int64_t v;

		if ((rc = pragma_int(st, "PRAGMA user_version", &v)) < 0) {
			char *e = xasprintf("%s: not a usable database: %s", path, st->err);

			free(st->err);
			st->err = e;
			goto fail;
		}
	}
	if (!st->rdonly) {
		char *mode = NULL;
		sqlite3_stmt *s = NULL;

		rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
		if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			mode = db_col_str(s, 0);
			rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK)
			rc = db_fail(st, rc, "setting WAL mode");
		sqlite3_finalize(s);
		if (rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0)) {
			db_set_err(st, "%s: cannot use WAL mode (journal mode is %s)",
			    path, mode != NULL ? mode : "unknown");
			rc = STORE_ERR;
		}
		free(mode);
		if (rc < 0)
			goto fail;
	}
	/* A page cache of 512 KiB, not SQLite's 2 MB: the daemon keeps its
	 * connection open for months and the hot pages are few (the OS
	 * caches the file anyway). */
	if ((rc = exec_sql(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
	    "PRAGMA cache_size = -512;", "setting pragmas")) < 0)
		goto fail;
	if ((rc = migrate(st)) < 0)
		goto fail;
	if ((rc = pragma_int(st, "PRAGMA data_version", &st->data_version)) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	*err = xstrdup(store_errmsg(st));
	store_close(st);
	return rc < 0 ? rc : STORE_ERR;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if (st->db != NULL) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st->err);
	free(st);
}

int
store_changed(struct store *st)
{
	int64_t v = 0;
	int rc = pragma_int(st, "PRAGMA data_version", &v);

	if (rc < 0)
		return rc;
	if (v != st->data_version) {
		st->data_version = v;
		return 1;
	}
	return 0;
}

/* ---- meta ---- */

int
store_meta_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s = db_prep(st, "SELECT value FROM meta WHERE key = ?");
	int rc;

	*value = NULL;
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, key);
	if ((rc = db_row(st, s, "reading meta")) == 1)
		*value = db_col_str_req(s, 0);
	db_done(s);
	return rc;
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if (value != NULL)
		s = db_prep(st, "INSERT INTO meta (key, value) VALUES (?, ?)"
		    " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	else
		s = db_prep(st, "DELETE FROM meta WHERE key = ?");
	if (s == NULL)
		return tx_leave(st, own, STORE_ERR);
	db_bind_text_req(s, 1, key);
	if (value != NULL)
		db_bind_text_req(s, 2, value);
	return db_no_count(tx_exec(st, s, own, "writing meta"));
}

int
store_meta_get_int(struct store *st, const char *key, int64_t *value)
{
	char *v = NULL;
	int rc = store_meta_get(st, key, &v);

	*value = 0;
	if (rc == 1 && parse_int64(v, INT64_MIN, INT64_MAX, value) < 0) {
		*value = 0;
		rc = 0;
	}
	free(v);
	return rc;
}

int
store_meta_set_int(struct store *st, const char *key, int64_t value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)value);
	return store_meta_set(st, key, buf);
}

int
store_set_last_sync(struct store *st, int64_t at)
{
	return store_meta_set_int(st, "last_sync", at);
}

/* The meta key of a send-now request; the name is in existing state files. */
static void
send_now_key(int64_t mail_id, char *key, size_t size)
{
	snprintf(key, size, "send_now.%lld", (long long)mail_id);
}

int
store_send_now_request(struct store *st, int64_t mail_id)
{
	char key[48];

	send_now_key(mail_id, key, sizeof(key));
	return store_meta_set(st, key, "1");
}

int
store_send_now_requested(struct store *st, int64_t mail_id)
{
	char key[48], *v = NULL;
	int rc;

	send_now_key(mail_id, key, sizeof(key));
	rc = store_meta_get(st, key, &v);
	free(v);
	return rc;
}

int
store_send_now_done(struct store *st, int64_t mail_id)
{
	char key[48];

	send_now_key(mail_id, key, sizeof(key));
	return store_meta_set(st, key, NULL);
}

int
store_poke(struct store *st)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "INSERT INTO meta (key, value) VALUES ('poke', '1')"
	    " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", &own, &rc);
	if (s == NULL)
		return rc;
	return db_no_count(tx_exec(st, s, own, "poke"));
}

/* ---- small query helpers ---- */

/* Step s (bound) once: 1 on a row (read its columns, then db_done), 0
 * when there is none, or the store error (recorded as "what"). */
int
db_row(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(st, rc, what);
}

/* Run s (bound) and take column 0 of the first row as an id.  1 with *id,
 * or 0 with *id = 0 when there is no row. */
int
db_query_id(struct store *st, sqlite3_stmt *s, int64_t *id, const char *what)
{
	int rc;

	*id = 0;
	if ((rc = db_row(st, s, what)) == 1)
		*id = sqlite3_column_int64(s, 0);
	db_done(s);
	return rc;
}

/* Make room for element n (zeroed) in a result array; returns the array. */
void *
db_grow(void *rows, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		*cap = *cap != 0 ? *cap * 2 : 8;
		rows = xreallocarray(rows, *cap, size);
	}
	memset((char *)rows + n * size, 0, size);
	return rows;
}

/* A status mask as the list of names SQL can test with instr(). */
char *
db_mask_names(name_fn *name, int n, unsigned mask)
{
	struct buf b = { 0 };

	buf_addc(&b, ',');
	for (int i = 0; i < n; i++)
		if (mask == 0 || (mask & MODEL_BIT(i)))
			buf_addf(&b, "%s,", name(i));
	return buf_steal(&b);
}

/* ---- events ---- */

int
store_event_vadd(struct store *st, const char *kind, int64_t application_id,
		int64_t interview_id, int64_t outbox_id, const char *fmt, va_list ap)
{
	sqlite3_stmt *s;
	char *msg;
	bool own;
	int rc;

	s = tx_prep(st, "INSERT INTO events (at, kind, application_id, interview_id,"
	    " outbox_id, message) VALUES (?, ?, ?, ?, ?, ?)", &own, &rc);
	if (s == NULL)
		return rc;
	msg = xvasprintf(fmt, ap);
	/* One line each: subjects and names come from hostile mail. */
	for (unsigned char *p = (unsigned char *)msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	sqlite3_bind_int64(s, 1, store_now(st));
	db_bind_text_req(s, 2, kind != NULL && *kind != '\0' ? kind : "note");
	db_bind_opt(s, 3, application_id);
	db_bind_opt(s, 4, interview_id);
	db_bind_opt(s, 5, outbox_id);
	sqlite3_bind_text(s, 6, msg, -1, SQLITE_TRANSIENT);
	free(msg);
	return db_no_count(tx_exec(st, s, own, "adding an event"));
}

int
store_event_add(struct store *st, const char *kind, int64_t application_id,
		int64_t interview_id, int64_t outbox_id, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_event_vadd(st, kind, application_id, interview_id, outbox_id, fmt, ap);
	va_end(ap);
	return rc;
}

void
store_events_free(struct store_event *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].kind);
		free(rows[i].message);
	}
	free(rows);
}

int
store_event_list(struct store *st, int64_t since, int64_t interview_id,
		struct store_event **rows, size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT id, at, kind, application_id, interview_id,"
	    " outbox_id, message FROM events WHERE at >= ?1"
	    " AND (?2 = 0 OR interview_id = ?2) ORDER BY at, id");
	struct store_event *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, interview_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_event *e;

		r = db_grow(r, cnt, &cap, sizeof(*r));
		e = &r[cnt++];

		e->id = sqlite3_column_int64(s, 0);
		e->at = sqlite3_column_int64(s, 1);
		e->kind = db_col_str_req(s, 2);
		e->application_id = sqlite3_column_int64(s, 3);
		e->interview_id = sqlite3_column_int64(s, 4);
		e->outbox_id = sqlite3_column_int64(s, 5);
		e->message = db_col_str_req(s, 6);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing events");
		db_done(s);
		store_events_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- summary ---- */

/* Add the (name, count) rows of s into counts[] by names[]. */
static int
count_by_name(struct store *st, sqlite3_stmt *s, name_fn *name, int n,
		int64_t *counts)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(s, 0);

		for (int i = 0; v != NULL && i < n; i++)
			if (strcmp(name(i), (const char *)v) == 0)
				counts[i] += sqlite3_column_int64(s, 1);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "counting");
		db_done(s);
		return rc;
	}
	db_done(s);
	return 0;
}

int
store_summary(struct store *st, int64_t now, struct store_summary *out)
{
	sqlite3_stmt *s;
	bool own_read = false;
	int rc;

	memset(out, 0, sizeof(*out));
	out->schema_version = store_schema_version();
	/* One read transaction so the numbers agree with each other. */
	if (!store_in_transaction(st)) {
		if ((rc = exec_sql(st, "BEGIN", "begin")) < 0)
			return rc;
		own_read = true;
	}
	if ((s = db_prep(st, "SELECT status, count(*) FROM applications GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, app_status_at, APP_STATUS_COUNT, out->applications)) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT status, count(*) FROM interviews GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, iv_status_at, IV_STATUS_COUNT, out->interviews)) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT status, count(*) FROM outbox GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, mail_status_at, MAIL_STATUS_COUNT, out->outbox)) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND start_at > ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = db_query_id(st, s, &out->interviews_upcoming, "counting interviews")) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND start_at <= ?1 AND ifnull(end_at, start_at + 3600) > ?1")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = db_query_id(st, s, &out->interviews_in_progress, "counting interviews")) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND ifnull(end_at, start_at + 3600) <= ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = db_query_id(st, s, &out->interviews_ended, "counting interviews")) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT count(*) FROM outbox WHERE status = 'held' AND due <= ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = db_query_id(st, s, &out->held_due, "counting held mails")) < 0)
		goto out;
	if ((s = db_prep(st, "SELECT ifnull(min(due), 0) FROM outbox WHERE status = 'held'")) == NULL)
		goto err;
	if ((rc = db_query_id(st, s, &out->next_held, "finding the next held mail")) < 0)
		goto out;
	if ((rc = store_unplaced_count(st, now, &out->unplaced)) < 0)
		goto out;
	if ((rc = store_meta_get_int(st, "last_sync", &out->last_sync)) < 0)
		goto out;
	if ((rc = store_outbox_next_due(st, &out->next_due)) < 0)
		goto out;
	rc = 0;
	goto out;
err:
	rc = STORE_ERR;
out:
	if (own_read) {
		char *keep = xstrdup(store_errmsg(st));

		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
		free(st->err);
		st->err = keep;
	}
	return rc;
}
