/* store: the SQLite state.  The only file with SQL in it. */
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

#include <sqlite3.h>

#include "store.h"
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
};

#define STMT_CACHE 128

struct stmt_slot {
	const char *sql;            /* identity: the static string's address */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	bool rdonly;
	char *err;
	int64_t now;                /* clock override, 0 = time(NULL) */
	unsigned crash_after;       /* _exit(99) when commits reaches it */
	unsigned commits;
	int64_t data_version;
	struct stmt_slot cache[STMT_CACHE];
};

static const char *const SEEN_OUTCOME[] = { "handled", "unreadable", "ignored" };

_Static_assert(ARRAY_LEN(SEEN_OUTCOME) == STORE_SEEN_OUTCOME_COUNT, "outcome names");

/* ---- names: the model's, and the store's own ---- */

/* The name of the i-th value of an enum (model.h's *_name functions, for
 * loops over all values: masks and counts). */
typedef const char *name_fn(int i);

static const char *app_status_at(int i) { return app_status_name((enum app_status)i); }
static const char *iv_status_at(int i) { return iv_status_name((enum iv_status)i); }
static const char *mail_kind_at(int i) { return mail_kind_name((enum mail_kind)i); }
static const char *mail_status_at(int i) { return mail_status_name((enum mail_status)i); }
static const char *role_at(int i) { return role_name((enum person_role)i); }

/* Map a column back to an enum.  The CHECK constraints keep unknown names
 * out; should one appear anyway (a hand edit), it reads as the first value,
 * except for a mail's status (see mail_status_col). */
static int
enum_col(name_fn *name, int n, const unsigned char *s)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(name(i), (const char *)s) == 0)
			return i;
	return 0;
}

/* An unreadable mail status must never look "pending": that would send. */
static enum mail_status
mail_status_col(const unsigned char *s)
{
	enum mail_status v;

	if (mail_status_parse((const char *)s, &v) < 0)
		return MAIL_UNKNOWN;
	return v;
}

const char *
store_seen_outcome_name(enum store_seen_outcome v)
{
	return (unsigned)v < ARRAY_LEN(SEEN_OUTCOME) ? SEEN_OUTCOME[v] : "?";
}

int
store_seen_outcome_parse(const char *s, enum store_seen_outcome *out)
{
	for (size_t i = 0; s != NULL && i < ARRAY_LEN(SEEN_OUTCOME); i++)
		if (strcmp(SEEN_OUTCOME[i], s) == 0) {
			*out = (enum store_seen_outcome)i;
			return 0;
		}
	return -1;
}

/* ---- errors, clock, statements ---- */

static void set_err(struct store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
set_err(struct store *st, const char *fmt, ...)
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
static int
db_fail(struct store *st, int rc, const char *what)
{
	if (is_busy(rc)) {
		set_err(st, "%s: database is busy (locked by another process): %s",
		    what, sqlite3_errmsg(st->db));
		return STORE_BUSY;
	}
	set_err(st, "%s: %s", what, sqlite3_errmsg(st->db));
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
static sqlite3_stmt *
prep(struct store *st, const char *sql)
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
		set_err(st, "internal error: statement cache full");
		sqlite3_finalize(s);
		return NULL;
	}
	free_slot->sql = sql;
	free_slot->stmt = s;
	return s;
}

static void
done(sqlite3_stmt *s)
{
	if (s != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

static int
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Required text: "" stays "". */
static int
bind_text_req(sqlite3_stmt *s, int i, const char *v)
{
	return sqlite3_bind_text(s, i, v != NULL ? v : "", -1, SQLITE_TRANSIENT);
}

static int
bind_opt(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

static char *
col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static char *
col_str_req(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/*
 * Run a statement that returns no rows (or whose rows are ignored).
 * Returns the number of changed rows, or STORE_ERR/STORE_BUSY.  Resets s.
 */
static int
exec_changes(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_fail(st, rc, what);
		done(s);
		return rc;
	}
	done(s);
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
			set_err(st, "%s: database is busy (locked by another process): %s",
			    what, msg != NULL ? msg : sqlite3_errstr(rc));
		else
			set_err(st, "%s: %s", what, msg != NULL ? msg : sqlite3_errstr(rc));
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
		set_err(st, "begin: a transaction is already open");
		return STORE_ERR;
	}
	return exec_sql(st, "BEGIN IMMEDIATE", "begin");
}

int
store_commit(struct store *st)
{
	int rc;

	if (!store_in_transaction(st)) {
		set_err(st, "commit: no transaction is open");
		return STORE_ERR;
	}
	rc = exec_sql(st, "COMMIT", "commit");
	if (rc < 0)
		return rc;
	st->commits++;
	if (st->crash_after != 0 && st->commits >= st->crash_after)
		_exit(99);  /* the crash-test switch: die like kill -9 would */
	return 0;
}

int
store_rollback(struct store *st)
{
	/* SQLite may already have rolled back after an error. */
	if (!store_in_transaction(st))
		return 0;
	return exec_sql(st, "ROLLBACK", "rollback");
}

/*
 * Write functions bracket their work with tx_enter/tx_leave: outside a
 * caller's transaction they make their own (so every write is atomic and
 * every commit goes through store_commit and its crash counter), inside
 * one they just join it.
 */
static int
tx_enter(struct store *st, bool *own)
{
	int rc;

	*own = false;
	if (st->rdonly) {
		set_err(st, "the database is open read-only");
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

static int
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
static sqlite3_stmt *
tx_prep(struct store *st, const char *sql, bool *own, int *rc)
{
	sqlite3_stmt *s;

	if ((*rc = tx_enter(st, own)) < 0)
		return NULL;
	s = prep(st, sql);
	if (s == NULL)
		*rc = tx_leave(st, *own, STORE_ERR);
	return s;
}

/* Run the statement from tx_prep and leave the transaction; returns the
 * number of rows changed. */
static int
tx_exec(struct store *st, sqlite3_stmt *s, bool own, const char *what)
{
	return tx_leave(st, own, exec_changes(st, s, what));
}

/* A write's result as 1 if it changed a row, 0 if none, or the error. */
static int
any_changed(int rc)
{
	return rc < 0 ? rc : rc > 0;
}

/* A write's result as 0, or the error. */
static int
no_count(int rc)
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
		set_err(st, "%s: schema version %lld is older than %d; "
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
	set_err(st, "%s: schema version %lld is newer than this program knows (%d); "
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
			set_err(st, "%s: cannot open: %s", path, sqlite3_errmsg(st->db));
		else
			set_err(st, "%s: cannot open: %s", path, sqlite3_errstr(rc));
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
			mode = col_str(s, 0);
			rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK)
			rc = db_fail(st, rc, "setting WAL mode");
		sqlite3_finalize(s);
		if (rc == SQLITE_OK && (mode == NULL || strcmp(mode, "wal") != 0)) {
			set_err(st, "%s: cannot use WAL mode (journal mode is %s)",
			    path, mode != NULL ? mode : "unknown");
			rc = STORE_ERR;
		}
		free(mode);
		if (rc < 0)
			goto fail;
	}
	if ((rc = exec_sql(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
	    "setting pragmas")) < 0)
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
	sqlite3_stmt *s = prep(st, "SELECT value FROM meta WHERE key = ?");
	int rc;

	*value = NULL;
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = col_str_req(s, 0);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading meta");
	}
	done(s);
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
		s = prep(st, "INSERT INTO meta (key, value) VALUES (?, ?)"
		    " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	else
		s = prep(st, "DELETE FROM meta WHERE key = ?");
	if (s == NULL)
		return tx_leave(st, own, STORE_ERR);
	bind_text_req(s, 1, key);
	if (value != NULL)
		bind_text_req(s, 2, value);
	return no_count(tx_exec(st, s, own, "writing meta"));
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
	return no_count(tx_exec(st, s, own, "poke"));
}

/* ---- folders ---- */

int
store_folder_get(struct store *st, const char *folder, uint32_t *uidvalidity,
		uint32_t *last_uid)
{
	sqlite3_stmt *s = prep(st, "SELECT uidvalidity, last_uid FROM folders WHERE name = ?");
	int rc;

	*uidvalidity = 0;
	*last_uid = 0;
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, folder);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
		*last_uid = (uint32_t)sqlite3_column_int64(s, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading folder state");
	}
	done(s);
	return rc;
}

int
store_folder_set(struct store *st, const char *folder, uint32_t uidvalidity,
		uint32_t last_uid)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "INSERT INTO folders (name, uidvalidity, last_uid, updated)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
	    " uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,"
	    " updated = excluded.updated", &own, &rc);
	if (s == NULL)
		return rc;
	bind_text_req(s, 1, folder);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, last_uid);
	sqlite3_bind_int64(s, 4, store_now(st));
	return no_count(tx_exec(st, s, own, "writing folder state"));
}

/* ---- messages seen ---- */

int
store_seen_add(struct store *st, const struct store_seen *m)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if (m->folder == NULL || *m->folder == '\0') {
		set_err(st, "recording a message: no folder");
		return STORE_ERR;
	}
	s = tx_prep(st, "INSERT INTO messages_seen (folder, uidvalidity, uid, message_id,"
	    " kind, subject, from_addr, date_hdr, outcome, application_id,"
	    " interview_id, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING", &own, &rc);
	if (s == NULL)
		return rc;
	bind_text_req(s, 1, m->folder);
	sqlite3_bind_int64(s, 2, m->uidvalidity);
	sqlite3_bind_int64(s, 3, m->uid);
	bind_text(s, 4, m->message_id);
	bind_text(s, 5, m->kind);
	bind_text(s, 6, m->subject);
	bind_text(s, 7, m->from);
	bind_opt(s, 8, m->date);
	bind_text_req(s, 9, store_seen_outcome_name(m->outcome));
	bind_opt(s, 10, m->application_id);
	bind_opt(s, 11, m->interview_id);
	sqlite3_bind_int64(s, 12, store_now(st));
	return any_changed(tx_exec(st, s, own, "recording a message"));
}

int
store_seen_is_seen(struct store *st, const char *folder, uint32_t uidvalidity,
		uint32_t uid)
{
	sqlite3_stmt *s = prep(st, "SELECT 1 FROM messages_seen"
	    " WHERE folder = ? AND uidvalidity = ? AND uid = ?");
	int rc;

	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, folder);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, uid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = 1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = db_fail(st, rc, "looking up a message");
	done(s);
	return rc;
}

int
store_seen_message_id(struct store *st, const char *message_id)
{
	sqlite3_stmt *s;
	int rc;

	if (message_id == NULL || *message_id == '\0')
		return 0;
	s = prep(st, "SELECT 1 FROM messages_seen WHERE message_id = ? LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, message_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = 1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = db_fail(st, rc, "looking up a Message-ID");
	done(s);
	return rc;
}

/* ---- small query helpers ---- */

/* Run s (bound) and take column 0 of the first row as an id.  1 with *id,
 * or 0 with *id = 0 when there is no row. */
static int
query_id(struct store *st, sqlite3_stmt *s, int64_t *id, const char *what)
{
	int rc = sqlite3_step(s);

	*id = 0;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, what);
	}
	done(s);
	return rc;
}

/* Make room for element n (zeroed) in a result array; returns the array. */
static void *
grow(void *rows, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		*cap = *cap != 0 ? *cap * 2 : 8;
		rows = xreallocarray(rows, *cap, size);
	}
	memset((char *)rows + n * size, 0, size);
	return rows;
}

/* ---- applications ---- */

#define APP_COLS "id, company, role, status, company_domain, ats_sender, created, updated"

static void
read_app(sqlite3_stmt *s, struct application *a)
{
	a->id = sqlite3_column_int64(s, 0);
	a->company = col_str_req(s, 1);
	a->role = col_str_req(s, 2);
	a->status = enum_col(app_status_at, APP_STATUS_COUNT, sqlite3_column_text(s, 3));
	a->company_domain = col_str(s, 4);
	a->ats_sender = col_str(s, 5);
	a->created = sqlite3_column_int64(s, 6);
	a->updated = sqlite3_column_int64(s, 7);
}

void
store_applications_free(struct application *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		application_clear(&rows[i]);
	free(rows);
}

int
store_application_find_or_create(struct store *st, const char *company,
		const char *role, const char *domain, const char *ats_sender, int64_t *id)
{
	sqlite3_stmt *s;
	bool own;
	int rc, created = 0;

	*id = 0;
	if (company == NULL || *company == '\0') {
		set_err(st, "an application needs a company");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	s = prep(st, "SELECT id FROM applications WHERE company = ? AND role = ?");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	bind_text_req(s, 1, company);
	bind_text_req(s, 2, role);
	if ((rc = query_id(st, s, id, "looking up an application")) < 0)
		goto out;
	if (rc == 0) {
		int64_t now = store_now(st);

		s = prep(st, "INSERT INTO applications (company, role, status,"
		    " company_domain, ats_sender, created, updated)"
		    " VALUES (?, ?, 'active', ?, ?, ?, ?)");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		bind_text_req(s, 1, company);
		bind_text_req(s, 2, role);
		bind_text(s, 3, domain);
		bind_text(s, 4, ats_sender);
		sqlite3_bind_int64(s, 5, now);
		sqlite3_bind_int64(s, 6, now);
		if ((rc = exec_changes(st, s, "creating an application")) < 0)
			goto out;
		*id = sqlite3_last_insert_rowid(st->db);
		created = 1;
	} else if ((domain != NULL && *domain != '\0') ||
	    (ats_sender != NULL && *ats_sender != '\0')) {
		s = prep(st, "UPDATE applications SET"
		    " company_domain = ifnull(company_domain, ?1),"
		    " ats_sender = ifnull(ats_sender, ?2), updated = ?3"
		    " WHERE id = ?4 AND ((company_domain IS NULL AND ?1 IS NOT NULL)"
		    "  OR (ats_sender IS NULL AND ?2 IS NOT NULL))");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		bind_text(s, 1, domain);
		bind_text(s, 2, ats_sender);
		sqlite3_bind_int64(s, 3, store_now(st));
		sqlite3_bind_int64(s, 4, *id);
		if ((rc = exec_changes(st, s, "updating an application")) < 0)
			goto out;
	}
	rc = created;
out:
	if (rc < 0)
		*id = 0;
	return tx_leave(st, own, rc);
}

int
store_application_get(struct store *st, int64_t id, struct application *out)
{
	sqlite3_stmt *s = prep(st, "SELECT " APP_COLS " FROM applications WHERE id = ?");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_app(s, out);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading an application");
	}
	done(s);
	return rc;
}

int
store_application_by_domain(struct store *st, const char *domain, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (domain == NULL || *domain == '\0')
		return 0;
	s = prep(st, "SELECT id FROM applications WHERE company_domain = ?"
	    " ORDER BY updated DESC, id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, domain);
	return query_id(st, s, id, "looking up an application by domain");
}

int
store_application_by_ats(struct store *st, const char *ats_sender,
		const char *company, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (ats_sender == NULL || *ats_sender == '\0' || company == NULL || *company == '\0')
		return 0;
	s = prep(st, "SELECT id FROM applications WHERE ats_sender = ? AND company = ?"
	    " ORDER BY updated DESC, id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, ats_sender);
	bind_text_req(s, 2, company);
	return query_id(st, s, id, "looking up an application by ATS sender");
}

int
store_application_by_person(struct store *st, const char *email, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (email == NULL || *email == '\0')
		return 0;
	/* "me" is in every interview: never attach by the user's own address. */
	s = prep(st, "SELECT a.id FROM people p"
	    " JOIN interview_people ip ON ip.person_id = p.id AND ip.role <> 'me'"
	    " JOIN interviews i ON i.id = ip.interview_id"
	    " JOIN applications a ON a.id = i.application_id"
	    " WHERE p.email = ? AND p.role <> 'me'"
	    " ORDER BY i.start_at DESC, a.updated DESC, a.id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, email);
	return query_id(st, s, id, "looking up an application by person");
}

int
store_application_by_message_id(struct store *st, const char *message_id,
		int64_t *application_id, int64_t *interview_id)
{
	sqlite3_stmt *s;
	int rc;

	*application_id = 0;
	*interview_id = 0;
	if (message_id == NULL || *message_id == '\0')
		return 0;
	s = prep(st, "SELECT application_id, interview_id FROM ("
	    " SELECT 1 AS o, application_id, id AS interview_id FROM interviews"
	    "  WHERE source_message_id = ?1"
	    " UNION ALL SELECT 2, application_id, interview_id FROM outbox"
	    "  WHERE message_id = ?1"
	    " UNION ALL SELECT 3, application_id, interview_id FROM messages_seen"
	    "  WHERE message_id = ?1 AND application_id IS NOT NULL"
	    ") ORDER BY o LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, message_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*application_id = sqlite3_column_int64(s, 0);
		*interview_id = sqlite3_column_int64(s, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "looking up a thread");
	}
	done(s);
	return rc;
}

int
store_application_set_status(struct store *st, int64_t id, enum app_status status)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE applications SET status = ?, updated = ? WHERE id = ?", &own, &rc);
	if (s == NULL)
		return rc;
	bind_text_req(s, 1, app_status_name(status));
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return any_changed(tx_exec(st, s, own, "setting an application's status"));
}

int
store_application_list(struct store *st, struct application **rows, size_t *n)
{
	sqlite3_stmt *s = prep(st, "SELECT " APP_COLS " FROM applications"
	    " ORDER BY updated DESC, id DESC");
	struct application *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		{
		r = grow(r, cnt, &cap, sizeof(*r));
		read_app(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing applications");
		done(s);
		store_applications_free(r, cnt);
		return rc;
	}
	done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- interviews ---- */

#define IV_COLS "i.id, i.application_id, i.event_uid, i.sequence, i.start_at," \
	" i.end_at, i.timezone, i.status, i.final_round, i.asks_references," \
	" i.decision_by, i.meeting_url, i.location, i.source_message_id," \
	" i.source_references, i.source_subject, i.created, i.updated," \
	" i.hold_reason"
#define IV_ROW_COLS IV_COLS ", a.company, a.role, a.status"
#define IV_FROM " FROM interviews i JOIN applications a ON a.id = i.application_id"

static void
read_iv(sqlite3_stmt *s, struct interview *iv)
{
	iv->id = sqlite3_column_int64(s, 0);
	iv->application_id = sqlite3_column_int64(s, 1);
	iv->event_uid = col_str(s, 2);
	iv->sequence = sqlite3_column_int64(s, 3);
	iv->start = sqlite3_column_int64(s, 4);
	iv->end = sqlite3_column_int64(s, 5);
	iv->timezone = col_str(s, 6);
	iv->status = enum_col(iv_status_at, IV_STATUS_COUNT, sqlite3_column_text(s, 7));
	iv->final_round = sqlite3_column_int(s, 8) != 0;
	iv->asks_references = sqlite3_column_int(s, 9) != 0;
	iv->decision_by = col_str(s, 10);
	iv->meeting_url = col_str(s, 11);
	iv->location = col_str(s, 12);
	iv->source_message_id = col_str(s, 13);
	iv->source_references = col_str(s, 14);
	iv->source_subject = col_str(s, 15);
	iv->created = sqlite3_column_int64(s, 16);
	iv->updated = sqlite3_column_int64(s, 17);
	iv->hold_reason = col_str(s, 18);
}

/* An interview with its application's columns (IV_ROW_COLS). */
static void
read_iv_row(sqlite3_stmt *s, struct store_interview_row *r)
{
	read_iv(s, &r->iv);
	r->company = col_str_req(s, 19);
	r->role = col_str_req(s, 20);
	r->app_status = enum_col(app_status_at, APP_STATUS_COUNT, sqlite3_column_text(s, 21));
}

void
store_interview_row_clear(struct store_interview_row *r)
{
	if (r == NULL)
		return;
	interview_clear(&r->iv);
	free(r->company);
	free(r->role);
	memset(r, 0, sizeof(*r));
}

void
store_interviews_free(struct store_interview_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_interview_row_clear(&rows[i]);
	free(rows);
}

/* Bind the mutable fields, shared by insert and update, from index 1. */
static void
bind_iv_fields(sqlite3_stmt *s, const struct interview *iv)
{
	bind_text(s, 1, iv->event_uid);
	sqlite3_bind_int64(s, 2, iv->sequence);
	bind_opt(s, 3, iv->start);
	bind_opt(s, 4, iv->end);
	bind_text(s, 5, iv->timezone);
	bind_text_req(s, 6, iv_status_name(iv->status));
	sqlite3_bind_int(s, 7, iv->final_round);
	sqlite3_bind_int(s, 8, iv->asks_references);
	bind_text(s, 9, iv->decision_by);
	bind_text(s, 10, iv->meeting_url);
	bind_text(s, 11, iv->location);
	bind_text(s, 12, iv->source_message_id);
	bind_text(s, 13, iv->source_references);
	bind_text(s, 14, iv->source_subject);
}

int
store_interview_insert(struct store *st, const struct interview *iv, int64_t *id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	*id = 0;
	s = tx_prep(st, "INSERT INTO interviews (event_uid, sequence, start_at, end_at,"
	    " timezone, status, final_round, asks_references, decision_by,"
	    " meeting_url, location, source_message_id, source_references,"
	    " source_subject, application_id, created, updated)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &own, &rc);
	if (s == NULL)
		return rc;
	bind_iv_fields(s, iv);
	sqlite3_bind_int64(s, 15, iv->application_id);
	sqlite3_bind_int64(s, 16, store_now(st));
	sqlite3_bind_int64(s, 17, store_now(st));
	rc = exec_changes(st, s, "adding an interview");
	if (rc >= 0) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = 0;
	}
	return tx_leave(st, own, rc);
}

int
store_interview_update(struct store *st, const struct interview *iv)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE interviews SET event_uid = ?, sequence = ?, start_at = ?,"
	    " end_at = ?, timezone = ?, status = ?, final_round = ?,"
	    " asks_references = ?, decision_by = ?, meeting_url = ?, location = ?,"
	    " source_message_id = ?, source_references = ?, source_subject = ?,"
	    " updated = ? WHERE id = ?", &own, &rc);
	if (s == NULL)
		return rc;
	bind_iv_fields(s, iv);
	sqlite3_bind_int64(s, 15, store_now(st));
	sqlite3_bind_int64(s, 16, iv->id);
	return any_changed(tx_exec(st, s, own, "updating an interview"));
}

int
store_interview_set_status(struct store *st, int64_t id, enum iv_status status)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE interviews SET status = ?, updated = ? WHERE id = ?", &own, &rc);
	if (s == NULL)
		return rc;
	bind_text_req(s, 1, iv_status_name(status));
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return any_changed(tx_exec(st, s, own, "setting an interview's status"));
}

int
store_interview_set_hold_reason(struct store *st, int64_t id, const char *reason)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE interviews SET hold_reason = ?, updated = ?"
	    " WHERE id = ? AND hold_reason IS NULL", &own, &rc);
	if (s == NULL)
		return rc;
	bind_text(s, 1, reason);
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return any_changed(tx_exec(st, s, own, "setting an interview's hold reason"));
}

static int
iv_one(struct store *st, sqlite3_stmt *s, struct interview *out)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		read_iv(s, out);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading an interview");
	}
	done(s);
	return rc;
}

int
store_interview_get(struct store *st, int64_t id, struct interview *out)
{
	sqlite3_stmt *s = prep(st, "SELECT " IV_COLS IV_FROM " WHERE i.id = ?");

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return iv_one(st, s, out);
}

int
store_interview_find_uid(struct store *st, const char *event_uid,
		struct interview *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof(*out));
	if (event_uid == NULL || *event_uid == '\0')
		return 0;
	s = prep(st, "SELECT " IV_COLS IV_FROM " WHERE i.event_uid = ?");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, event_uid);
	return iv_one(st, s, out);
}

/* A status mask as the list of names SQL can test with instr(). */
static char *
mask_names(name_fn *name, int n, unsigned mask)
{
	struct buf b = { 0 };

	buf_addc(&b, ',');
	for (int i = 0; i < n; i++)
		if (mask == 0 || (mask & MODEL_BIT(i)))
			buf_addf(&b, "%s,", name(i));
	return buf_steal(&b);
}

int
store_interview_list(struct store *st, const struct store_interview_filter *f,
		struct store_interview_row **rows, size_t *n)
{
	static const struct store_interview_filter all = { 0 };
	sqlite3_stmt *s = prep(st, "SELECT " IV_ROW_COLS IV_FROM
	    " WHERE (?1 = 0 OR (i.status = 'scheduled'"
	    "   AND ifnull(i.end_at, i.start_at) >= ?2))"
	    " AND (?3 = 0 OR i.application_id = ?3)"
	    " AND instr(?4, ',' || i.status || ',') > 0"
	    " AND (?5 = 0 OR ifnull(i.end_at, i.start_at) < ?5)"
	    " ORDER BY i.start_at, i.id");
	struct store_interview_row *r = NULL;
	size_t cnt = 0, cap = 0;
	char *statuses;
	int rc;

	*rows = NULL;
	*n = 0;
	if (f == NULL)
		f = &all;
	if (s == NULL)
		return STORE_ERR;
	statuses = mask_names(iv_status_at, IV_STATUS_COUNT, f->status_mask);
	sqlite3_bind_int(s, 1, f->upcoming);
	sqlite3_bind_int64(s, 2, f->now);
	sqlite3_bind_int64(s, 3, f->application_id);
	sqlite3_bind_text(s, 4, statuses, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, f->ended_before);
	free(statuses);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = grow(r, cnt, &cap, sizeof(*r));
		read_iv_row(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing interviews");
		done(s);
		store_interviews_free(r, cnt);
		return rc;
	}
	done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- people ---- */

static int
person_insert(struct store *st, const char *name, const char *email,
		enum person_role role, int64_t *id)
{
	sqlite3_stmt *s = prep(st, "INSERT INTO people (name, email, role, created, updated)"
	    " VALUES (?, ?, ?, ?, ?)");
	int rc;

	if (s == NULL)
		return STORE_ERR;
	bind_text(s, 1, name);
	bind_text(s, 2, email);
	bind_text_req(s, 3, role_name(role));
	sqlite3_bind_int64(s, 4, store_now(st));
	sqlite3_bind_int64(s, 5, store_now(st));
	rc = exec_changes(st, s, "adding a person");
	if (rc < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 1;
}

/* The body of store_person_upsert, inside a transaction. */
static int
person_upsert(struct store *st, const char *name, const char *email,
		enum person_role role, int64_t *id)
{
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	if (email == NULL || *email == '\0')
		return person_insert(st, name, NULL, role, id);
	s = prep(st, "SELECT id FROM people WHERE email = ?");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, email);
	if ((rc = query_id(st, s, id, "looking up a person")) < 0)
		return rc;
	if (rc == 0)
		return person_insert(st, name, email, role, id);
	if (name != NULL && *name != '\0') {
		s = prep(st, "UPDATE people SET name = ?, updated = ?"
		    " WHERE id = ? AND (name IS NULL OR name = '')");
		if (s == NULL)
			return STORE_ERR;
		bind_text_req(s, 1, name);
		sqlite3_bind_int64(s, 2, store_now(st));
		sqlite3_bind_int64(s, 3, *id);
		if ((rc = exec_changes(st, s, "naming a person")) < 0)
			return rc;
	}
	return 0;
}

int
store_person_upsert(struct store *st, const char *name, const char *email,
		enum person_role role, int64_t *id)
{
	bool own;
	int rc;

	*id = 0;
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	rc = person_upsert(st, name, email, role, id);
	return tx_leave(st, own, rc);
}

static void
read_person(sqlite3_stmt *s, struct person *p)
{
	p->id = sqlite3_column_int64(s, 0);
	p->name = col_str(s, 1);
	p->email = col_str(s, 2);
	p->first_role = enum_col(role_at, ROLE_COUNT, sqlite3_column_text(s, 3));
}

static void
read_participant(sqlite3_stmt *s, struct participant *p)
{
	p->id = sqlite3_column_int64(s, 0);
	p->name = col_str(s, 1);
	p->email = col_str(s, 2);
	p->role = enum_col(role_at, ROLE_COUNT, sqlite3_column_text(s, 3));
}

int
store_person_by_email(struct store *st, const char *email, struct person *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (email == NULL || *email == '\0')
		return 0;
	s = prep(st, "SELECT id, name, email, role FROM people WHERE email = ?");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, email);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_person(s, out);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading a person");
	}
	done(s);
	return rc;
}

int
store_interview_add_person(struct store *st, int64_t interview_id, const char *name,
		const char *email, enum person_role role, int64_t *person_id)
{
	sqlite3_stmt *s;
	int64_t pid = 0;
	bool own;
	int rc;

	if (person_id != NULL)
		*person_id = 0;
	if ((email == NULL || *email == '\0') && (name == NULL || *name == '\0')) {
		set_err(st, "linking a person: neither name nor email");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if (email == NULL || *email == '\0') {
		/* No address to tell people apart: reuse the same name here. */
		s = prep(st, "SELECT p.id FROM interview_people ip"
		    " JOIN people p ON p.id = ip.person_id"
		    " WHERE ip.interview_id = ? AND p.email IS NULL AND p.name = ?"
		    " LIMIT 1");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		sqlite3_bind_int64(s, 1, interview_id);
		bind_text_req(s, 2, name);
		if ((rc = query_id(st, s, &pid, "looking up a person")) < 0)
			goto out;
		if (rc == 0 && (rc = person_insert(st, name, NULL, role, &pid)) < 0)
			goto out;
	} else if ((rc = person_upsert(st, name, email, role, &pid)) < 0) {
		goto out;
	}
	s = prep(st, "INSERT INTO interview_people (interview_id, person_id, role, seq)"
	    " VALUES (?1, ?2, ?3, (SELECT ifnull(max(seq), 0) + 1 FROM interview_people"
	    "  WHERE interview_id = ?1)) ON CONFLICT DO NOTHING");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	sqlite3_bind_int64(s, 1, interview_id);
	sqlite3_bind_int64(s, 2, pid);
	bind_text_req(s, 3, role_name(role));
	if ((rc = exec_changes(st, s, "linking a person to an interview")) < 0)
		goto out;
	rc = rc > 0;
	if (person_id != NULL)
		*person_id = pid;
out:
	return tx_leave(st, own, rc);
}

int
store_interview_people(struct store *st, int64_t interview_id,
		struct participant **rows, size_t *n)
{
	sqlite3_stmt *s = prep(st, "SELECT p.id, p.name, p.email, ip.role"
	    " FROM interview_people ip JOIN people p ON p.id = ip.person_id"
	    " WHERE ip.interview_id = ? ORDER BY ip.seq");
	struct participant *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, interview_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = grow(r, cnt, &cap, sizeof(*r));
		read_participant(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing an interview's people");
		done(s);
		participants_free(r, cnt);
		return rc;
	}
	done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- notes ---- */

int
store_note_add(struct store *st, int64_t interview_id, const char *source,
		const char *text, int64_t *id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if (id != NULL)
		*id = 0;
	if (text == NULL || *text == '\0') {
		set_err(st, "an empty note");
		return STORE_ERR;
	}
	s = tx_prep(st, "INSERT INTO notes (interview_id, at, source, body) VALUES (?, ?, ?, ?)",
	    &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, interview_id);
	sqlite3_bind_int64(s, 2, store_now(st));
	bind_text_req(s, 3, source != NULL && *source != '\0' ? source : "unknown");
	bind_text_req(s, 4, text);
	rc = exec_changes(st, s, "adding a note");
	if (rc >= 0) {
		if (id != NULL)
			*id = sqlite3_last_insert_rowid(st->db);
		rc = 0;
	}
	return tx_leave(st, own, rc);
}

void
store_notes_free(struct store_note *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].source);
		free(rows[i].text);
	}
	free(rows);
}

int
store_note_list(struct store *st, int64_t interview_id, struct store_note **rows, size_t *n)
{
	sqlite3_stmt *s = prep(st, "SELECT id, interview_id, at, source, body FROM notes"
	    " WHERE interview_id = ? ORDER BY at, id");
	struct store_note *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, interview_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_note *x;

		r = grow(r, cnt, &cap, sizeof(*r));
		x = &r[cnt++];

		x->id = sqlite3_column_int64(s, 0);
		x->interview_id = sqlite3_column_int64(s, 1);
		x->at = sqlite3_column_int64(s, 2);
		x->source = col_str_req(s, 3);
		x->text = col_str_req(s, 4);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing notes");
		done(s);
		store_notes_free(r, cnt);
		return rc;
	}
	done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- outbox ---- */

#define OB_COLS "o.id, o.kind, o.status, o.application_id, o.interview_id," \
	" o.person_id, o.recipient_name, o.recipient_email, o.nth, o.due," \
	" o.attempts, o.next_attempt, o.message_id, o.in_reply_to, o.refs," \
	" o.subject, o.rendered, o.edited, o.last_error, o.created, o.updated," \
	" o.sent_at, a.company, a.role, o.first_attempt, o.hold_reason"
#define OB_FROM " FROM outbox o JOIN applications a ON a.id = o.application_id"
/* When a mail may leave: its retry time after a deferral, else its due time. */
#define OB_READY "ifnull(o.next_attempt, o.due)"

static void
read_ob(sqlite3_stmt *s, struct store_outbox *m)
{
	const void *blob;

	m->id = sqlite3_column_int64(s, 0);
	m->kind = enum_col(mail_kind_at, MAIL_KIND_COUNT, sqlite3_column_text(s, 1));
	m->status = mail_status_col(sqlite3_column_text(s, 2));
	m->application_id = sqlite3_column_int64(s, 3);
	m->interview_id = sqlite3_column_int64(s, 4);
	m->person_id = sqlite3_column_int64(s, 5);
	m->recipient_name = col_str(s, 6);
	m->recipient_email = col_str_req(s, 7);
	m->nth = sqlite3_column_int(s, 8);
	m->due = sqlite3_column_int64(s, 9);
	m->attempts = sqlite3_column_int(s, 10);
	m->next_attempt = sqlite3_column_int64(s, 11);
	m->message_id = col_str(s, 12);
	m->in_reply_to = col_str(s, 13);
	m->references = col_str(s, 14);
	m->subject = col_str(s, 15);
	blob = sqlite3_column_blob(s, 16);
	if (blob != NULL || sqlite3_column_type(s, 16) != SQLITE_NULL) {
		size_t len = (size_t)sqlite3_column_bytes(s, 16);

		/* NUL-terminated too, so text users can print it. */
		m->rendered = xmalloc(len + 1);
		if (len > 0)
			memcpy(m->rendered, blob, len);
		m->rendered[len] = '\0';
		m->rendered_len = len;
	}
	m->edited = sqlite3_column_int(s, 17) != 0;
	m->last_error = col_str(s, 18);
	m->created = sqlite3_column_int64(s, 19);
	m->updated = sqlite3_column_int64(s, 20);
	m->sent_at = sqlite3_column_int64(s, 21);
	m->company = col_str_req(s, 22);
	m->first_attempt = sqlite3_column_int64(s, 24);
	m->role = col_str_req(s, 23);
	m->hold_reason = col_str(s, 25);
}

void
store_outbox_clear(struct store_outbox *m)
{
	if (m == NULL)
		return;
	free(m->recipient_name);
	free(m->recipient_email);
	free(m->message_id);
	free(m->in_reply_to);
	free(m->references);
	free(m->subject);
	free(m->rendered);
	free(m->last_error);
	free(m->company);
	free(m->role);
	free(m->hold_reason);
	memset(m, 0, sizeof(*m));
}

void
store_outbox_rows_free(struct store_outbox *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_outbox_clear(&rows[i]);
	free(rows);
}

static int
ob_rows(struct store *st, sqlite3_stmt *s, struct store_outbox **rows, size_t *n)
{
	struct store_outbox *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		{
		r = grow(r, cnt, &cap, sizeof(*r));
		read_ob(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing the outbox");
		done(s);
		store_outbox_rows_free(r, cnt);
		return rc;
	}
	done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

static int
ob_one(struct store *st, sqlite3_stmt *s, struct store_outbox *out)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		read_ob(s, out);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(st, rc, "reading a mail");
	}
	done(s);
	return rc;
}

int
store_outbox_insert(struct store *st, const struct store_outbox *m, int64_t *id)
{
	sqlite3_stmt *s;
	int64_t app = m->application_id;
	int64_t rowid = 0;
	bool own;
	int rc;

	if (id != NULL)
		*id = 0;
	if (m->recipient_email == NULL || *m->recipient_email == '\0') {
		set_err(st, "queueing a mail: no recipient address");
		return STORE_ERR;
	}
	if (!(mail_action_to(MAIL_ACT_PLAN) & MODEL_BIT(m->status))) {
		set_err(st, "queueing a mail: a new mail is pending or held, not %s",
		    mail_status_name(m->status));
		return STORE_ERR;
	}
	if (app == 0 && m->interview_id == 0) {
		set_err(st, "queueing a mail: no application or interview");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if (app == 0) {
		s = prep(st, "SELECT application_id FROM interviews WHERE id = ?");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		sqlite3_bind_int64(s, 1, m->interview_id);
		if ((rc = query_id(st, s, &app, "looking up an interview")) < 0)
			goto out;
		if (rc == 0) {
			set_err(st, "queueing a mail: no interview %lld",
			    (long long)m->interview_id);
			rc = STORE_ERR;
			goto out;
		}
	}
	s = prep(st, "INSERT INTO outbox (kind, status, application_id, interview_id,"
	    " person_id, recipient_name, recipient_email, nth, due, message_id,"
	    " in_reply_to, refs, subject, rendered, edited, created, updated, hold_reason)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	bind_text_req(s, 1, mail_kind_name(m->kind));
	bind_text_req(s, 2, mail_status_name(m->status));
	sqlite3_bind_int64(s, 3, app);
	bind_opt(s, 4, m->interview_id);
	bind_opt(s, 5, m->person_id);
	bind_text(s, 6, m->recipient_name);
	bind_text_req(s, 7, m->recipient_email);
	sqlite3_bind_int(s, 8, m->nth);
	sqlite3_bind_int64(s, 9, m->due);
	bind_text(s, 10, m->message_id);
	bind_text(s, 11, m->in_reply_to);
	bind_text(s, 12, m->references);
	bind_text(s, 13, m->subject);
	if (m->rendered != NULL)
		sqlite3_bind_blob64(s, 14, m->rendered, m->rendered_len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 14);
	sqlite3_bind_int(s, 15, m->edited);
	sqlite3_bind_int64(s, 16, store_now(st));
	sqlite3_bind_int64(s, 17, store_now(st));
	bind_text(s, 18, m->status == MAIL_HELD ? m->hold_reason : NULL);
	if ((rc = exec_changes(st, s, "queueing a mail")) < 0)
		goto out;
	if (rc > 0) {
		rowid = sqlite3_last_insert_rowid(st->db);
		rc = 1;
		goto out;
	}
	/* Nothing inserted: find the mail that already has this key. */
	s = prep(st, "SELECT id FROM outbox WHERE kind = ? AND application_id = ?"
	    " AND ifnull(interview_id, 0) = ? AND lower(recipient_email) = lower(?)"
	    " AND nth = ?");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	bind_text_req(s, 1, mail_kind_name(m->kind));
	sqlite3_bind_int64(s, 2, app);
	sqlite3_bind_int64(s, 3, m->interview_id);
	bind_text_req(s, 4, m->recipient_email);
	sqlite3_bind_int(s, 5, m->nth);
	if ((rc = query_id(st, s, &rowid, "looking up a queued mail")) < 0)
		goto out;
	if (rc == 0) {
		/* The conflict was elsewhere: the Message-ID. */
		set_err(st, "queueing a mail: Message-ID %s is already used",
		    m->message_id != NULL ? m->message_id : "(none)");
		rc = STORE_ERR;
		goto out;
	}
	rc = 0;
out:
	if (id != NULL && rc >= 0)
		*id = rowid;
	return tx_leave(st, own, rc);
}

int
store_outbox_get(struct store *st, int64_t id, struct store_outbox *out)
{
	sqlite3_stmt *s = prep(st, "SELECT " OB_COLS OB_FROM " WHERE o.id = ?");

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return ob_one(st, s, out);
}

int
store_outbox_by_message_id(struct store *st, const char *message_id,
		struct store_outbox *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof(*out));
	if (message_id == NULL || *message_id == '\0')
		return 0;
	s = prep(st, "SELECT " OB_COLS OB_FROM " WHERE o.message_id = ?");
	if (s == NULL)
		return STORE_ERR;
	bind_text_req(s, 1, message_id);
	return ob_one(st, s, out);
}

/* The WHERE clause of a filter, parameters ?1..?6. */
#define OB_FILTER " instr(?1, ',' || o.status || ',') > 0" \
	" AND instr(?2, ',' || o.kind || ',') > 0" \
	" AND (?3 = 0 OR o.application_id = ?3)" \
	" AND (?4 = 0 OR o.interview_id = ?4)" \
	" AND (?5 IS NULL OR lower(o.recipient_email) = lower(?5))" \
	" AND (?6 = 0 OR o.due >= ?6)"

/* The statuses in mask as mask_names spells them; an empty mask must match
 * nothing here, not everything. */
static char *
mail_statuses(unsigned mask)
{
	return mask != 0 ? mask_names(mail_status_at, MAIL_STATUS_COUNT, mask) : xstrdup("");
}

/* Bind the statuses of mask (model.h's table) to parameter i, for
 * "instr(?i, ',' || status || ',') > 0". */
static void
bind_statuses(sqlite3_stmt *s, int i, unsigned mask)
{
	char *names = mail_statuses(mask);

	sqlite3_bind_text(s, i, names, -1, SQLITE_TRANSIENT);
	free(names);
}

#define OB_STATUS_IN(i) " instr(?" #i ", ',' || o.status || ',') > 0"

static void
bind_ob_filter(sqlite3_stmt *s, const struct store_outbox_filter *f, unsigned status_mask)
{
	char *statuses = mask_names(mail_status_at, MAIL_STATUS_COUNT, status_mask);
	char *kinds = mask_names(mail_kind_at, MAIL_KIND_COUNT, f->kind_mask);

	sqlite3_bind_text(s, 1, statuses, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kinds, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, f->application_id);
	sqlite3_bind_int64(s, 4, f->interview_id);
	bind_text(s, 5, f->recipient_email);
	sqlite3_bind_int64(s, 6, f->due_since);
	free(statuses);
	free(kinds);
}

int
store_outbox_list(struct store *st, const struct store_outbox_filter *f,
		struct store_outbox **rows, size_t *n)
{
	static const struct store_outbox_filter all = { 0 };
	sqlite3_stmt *s = prep(st, "SELECT " OB_COLS OB_FROM " WHERE" OB_FILTER
	    " ORDER BY o.due, o.id");

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	if (f == NULL)
		f = &all;
	bind_ob_filter(s, f, f->status_mask);
	return ob_rows(st, s, rows, n);
}

int
store_outbox_due(struct store *st, int64_t now, size_t limit,
		struct store_outbox **rows, size_t *n)
{
	sqlite3_stmt *s = prep(st, "SELECT " OB_COLS OB_FROM
	    " WHERE" OB_STATUS_IN(3) " AND " OB_READY " <= ?1"
	    " ORDER BY " OB_READY ", o.id LIMIT ?2");

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, limit == 0 || limit > INT64_MAX ? -1 : (int64_t)limit);
	bind_statuses(s, 3, mail_action_from(MAIL_ACT_CLAIM));
	return ob_rows(st, s, rows, n);
}

int
store_outbox_next_due(struct store *st, int64_t *when)
{
	sqlite3_stmt *s = prep(st, "SELECT min(" OB_READY ") FROM outbox o"
	    " WHERE" OB_STATUS_IN(1));
	int rc;

	*when = 0;
	if (s == NULL)
		return STORE_ERR;
	bind_statuses(s, 1, mail_action_from(MAIL_ACT_CLAIM));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rc = sqlite3_column_type(s, 0) != SQLITE_NULL;
		*when = sqlite3_column_int64(s, 0);
	} else {
		rc = db_fail(st, rc, "finding the next due mail");
	}
	done(s);
	return rc;
}

int
store_outbox_claim(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET status = 'sending',"
	    " attempts = attempts + 1, updated = ?2,"
	    " first_attempt = ifnull(first_attempt, ?2)"
	    " WHERE o.id = ?1 AND" OB_STATUS_IN(3)
	    " AND " OB_READY " <= ?2", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	bind_statuses(s, 3, mail_action_from(MAIL_ACT_CLAIM));
	return any_changed(tx_exec(st, s, own, "claiming a mail"));
}

int
store_outbox_uncount_attempt(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	/* Every SET expression sees the row as it was. */
	s = tx_prep(st, "UPDATE outbox SET attempts = max(attempts - 1, 0),"
	    " first_attempt = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt END"
	    " WHERE id = ?1", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	return any_changed(tx_exec(st, s, own, "taking back an attempt"));
}

int
store_outbox_set_status(struct store *st, int64_t id, enum mail_status status,
		const char *error, int64_t next_attempt)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET status = ?2, last_error = ?3,"
	    " next_attempt = ?4, updated = ?5,"
	    " sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END"
	    " WHERE o.id = ?1 AND" OB_STATUS_IN(6), &own, &rc);
	if (s == NULL)
		return rc;
	bind_statuses(s, 6, mail_outcome_from(status));
	sqlite3_bind_int64(s, 1, id);
	bind_text_req(s, 2, mail_status_name(status));
	bind_text(s, 3, error);
	bind_opt(s, 4, next_attempt);
	sqlite3_bind_int64(s, 5, store_now(st));
	return any_changed(tx_exec(st, s, own, "setting a mail's status"));
}

/*
 * Move mail id to status to when its status is one in from_mask, by sql with
 * ?1 the id, ?2 the new status, ?3 now, ?4 the statuses it may come from and,
 * where due is not NULL, ?5 *due.
 */
static int
ob_move(struct store *st, const char *sql, int64_t id, unsigned from_mask,
		enum mail_status to, const int64_t *due, const char *what)
{
	sqlite3_stmt *s;
	char *from;
	bool own;
	int rc;

	s = tx_prep(st, sql, &own, &rc);
	if (s == NULL)
		return rc;
	from = mail_statuses(from_mask);
	sqlite3_bind_int64(s, 1, id);
	bind_text_req(s, 2, mail_status_name(to));
	sqlite3_bind_int64(s, 3, store_now(st));
	sqlite3_bind_text(s, 4, from, -1, SQLITE_TRANSIENT);
	free(from);
	if (due != NULL)
		sqlite3_bind_int64(s, 5, *due);
	return any_changed(tx_exec(st, s, own, what));
}

int
store_outbox_transition(struct store *st, int64_t id, unsigned from_mask,
		enum mail_status to)
{
	return ob_move(st, "UPDATE outbox SET status = ?2, updated = ?3,"
	    " hold_reason = CASE WHEN ?2 = 'pending' THEN NULL ELSE hold_reason END"
	    " WHERE id = ?1 AND instr(?4, ',' || status || ',') > 0",
	    id, from_mask, to, NULL, "changing a mail's status");
}

int
store_outbox_retry(struct store *st, int64_t id, unsigned from_mask,
		enum mail_status to, int64_t due)
{
	return ob_move(st, "UPDATE outbox SET status = ?2, due = ?5, next_attempt = NULL,"
	    " attempts = 0, first_attempt = NULL, updated = ?3"
	    " WHERE id = ?1 AND instr(?4, ',' || status || ',') > 0",
	    id, from_mask, to, &due, "retrying a mail");
}

int
store_outbox_set_due(struct store *st, int64_t id, int64_t due)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET due = ?2, next_attempt = NULL, updated = ?3"
	    " WHERE o.id = ?1 AND" OB_STATUS_IN(4), &own, &rc);
	if (s == NULL)
		return rc;
	bind_statuses(s, 4, mail_action_from(MAIL_ACT_RETIME));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, due);
	sqlite3_bind_int64(s, 3, store_now(st));
	return any_changed(tx_exec(st, s, own, "moving a mail"));
}

int
store_outbox_set_rendered(struct store *st, int64_t id, const void *data, size_t len,
		const char *message_id, bool edited)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET rendered = ?2,"
	    " message_id = ifnull(?3, message_id), edited = (edited OR ?4),"
	    " updated = ?5 WHERE o.id = ?1 AND" OB_STATUS_IN(6), &own, &rc);
	if (s == NULL)
		return rc;
	bind_statuses(s, 6, mail_action_from(MAIL_ACT_EDIT));
	sqlite3_bind_int64(s, 1, id);
	if (data != NULL)
		sqlite3_bind_blob64(s, 2, data, len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 2);
	bind_text(s, 3, message_id);
	sqlite3_bind_int(s, 4, edited);
	sqlite3_bind_int64(s, 5, store_now(st));
	return any_changed(tx_exec(st, s, own, "storing a rendered mail"));
}

int
store_outbox_cancel(struct store *st, const struct store_outbox_filter *f)
{
	static const struct store_outbox_filter all = { 0 };
	sqlite3_stmt *s;
	unsigned mask;
	bool own;
	int rc;

	if (f == NULL)
		f = &all;
	mask = (f->status_mask != 0 ? f->status_mask : ~0u) & mail_action_from(MAIL_ACT_WITHDRAW);
	if (mask == 0)
		return 0;
	s = tx_prep(st, "UPDATE outbox AS o SET status = 'cancelled', updated = ?7"
	    " WHERE" OB_FILTER, &own, &rc);
	if (s == NULL)
		return rc;
	bind_ob_filter(s, f, mask);
	sqlite3_bind_int64(s, 7, store_now(st));
	return tx_exec(st, s, own, "cancelling mails");
}

int
store_outbox_cancel_interview(struct store *st, int64_t interview_id)
{
	struct store_outbox_filter f = { 0 };

	if (interview_id == 0)
		return 0;   /* 0 would mean "every interview" to the filter */
	f.interview_id = interview_id;
	return store_outbox_cancel(st, &f);
}

int
store_outbox_reschedule_interview(struct store *st, int64_t interview_id, int64_t delta)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET due = due + ?2, updated = ?3"
	    " WHERE o.interview_id = ?1 AND" OB_STATUS_IN(4), &own, &rc);
	if (s == NULL)
		return rc;
	bind_statuses(s, 4, mail_action_from(MAIL_ACT_FOLLOW));
	sqlite3_bind_int64(s, 1, interview_id);
	sqlite3_bind_int64(s, 2, delta);
	sqlite3_bind_int64(s, 3, store_now(st));
	return tx_exec(st, s, own, "moving an interview's mails");
}

int64_t
store_outbox_count_sent_since(struct store *st, int64_t since)
{
	sqlite3_stmt *s = prep(st, "SELECT count(*) FROM outbox"
	    " WHERE (status = 'sent' AND sent_at >= ?1)"
	    " OR (status IN ('sending', 'unknown') AND updated >= ?1)");
	int64_t count;
	int rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, since);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = db_fail(st, rc, "counting sent mails");
		done(s);
		return rc;
	}
	count = sqlite3_column_int64(s, 0);
	done(s);
	return count;
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
	bind_text_req(s, 2, kind != NULL && *kind != '\0' ? kind : "note");
	bind_opt(s, 3, application_id);
	bind_opt(s, 4, interview_id);
	bind_opt(s, 5, outbox_id);
	sqlite3_bind_text(s, 6, msg, -1, SQLITE_TRANSIENT);
	free(msg);
	return no_count(tx_exec(st, s, own, "adding an event"));
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
	sqlite3_stmt *s = prep(st, "SELECT id, at, kind, application_id, interview_id,"
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

		r = grow(r, cnt, &cap, sizeof(*r));
		e = &r[cnt++];

		e->id = sqlite3_column_int64(s, 0);
		e->at = sqlite3_column_int64(s, 1);
		e->kind = col_str_req(s, 2);
		e->application_id = sqlite3_column_int64(s, 3);
		e->interview_id = sqlite3_column_int64(s, 4);
		e->outbox_id = sqlite3_column_int64(s, 5);
		e->message = col_str_req(s, 6);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing events");
		done(s);
		store_events_free(r, cnt);
		return rc;
	}
	done(s);
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
		done(s);
		return rc;
	}
	done(s);
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
	if ((s = prep(st, "SELECT status, count(*) FROM applications GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, app_status_at, APP_STATUS_COUNT, out->applications)) < 0)
		goto out;
	if ((s = prep(st, "SELECT status, count(*) FROM interviews GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, iv_status_at, IV_STATUS_COUNT, out->interviews)) < 0)
		goto out;
	if ((s = prep(st, "SELECT status, count(*) FROM outbox GROUP BY status")) == NULL)
		goto err;
	if ((rc = count_by_name(st, s, mail_status_at, MAIL_STATUS_COUNT, out->outbox)) < 0)
		goto out;
	if ((s = prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND start_at > ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = query_id(st, s, &out->interviews_upcoming, "counting interviews")) < 0)
		goto out;
	if ((s = prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND start_at <= ?1 AND ifnull(end_at, start_at + 3600) > ?1")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = query_id(st, s, &out->interviews_in_progress, "counting interviews")) < 0)
		goto out;
	if ((s = prep(st, "SELECT count(*) FROM interviews WHERE status = 'scheduled'"
	    " AND ifnull(end_at, start_at + 3600) <= ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = query_id(st, s, &out->interviews_ended, "counting interviews")) < 0)
		goto out;
	if ((s = prep(st, "SELECT count(*) FROM outbox WHERE status = 'held' AND due <= ?")) == NULL)
		goto err;
	sqlite3_bind_int64(s, 1, now);
	if ((rc = query_id(st, s, &out->held_due, "counting held mails")) < 0)
		goto out;
	if ((s = prep(st, "SELECT ifnull(min(due), 0) FROM outbox WHERE status = 'held'")) == NULL)
		goto err;
	if ((rc = query_id(st, s, &out->next_held, "finding the next held mail")) < 0)
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
