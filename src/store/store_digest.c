/*
 * store_digest: the review digests followupd mailed the user, the mails
 * each listed, followupd's answers to replies, and the (digest, mail)
 * pairs a reply acted on.  See store.h, "digests".
 */
#include <stdlib.h>
#include <string.h>

#include "store_p.h"
#include "util.h"

#define DG_COLS "id, message_id, ifnull(answers, 0), created, ifnull(sent_at, 0)"

void
store_digest_clear(struct store_digest *d)
{
	if (d == NULL)
		return;
	free(d->message_id);
	free(d->rendered);
	memset(d, 0, sizeof(*d));
}

void
store_digests_free(struct store_digest *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		store_digest_clear(&rows[i]);
	free(rows);
}

/* One row of DG_COLS into *out: 1, 0 when none, or the error. */
static int
dg_one(struct store *st, sqlite3_stmt *s, struct store_digest *out, const char *what)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_row(st, s, what)) == 1) {
		out->id = sqlite3_column_int64(s, 0);
		out->message_id = db_col_str_req(s, 1);
		out->answers = sqlite3_column_int64(s, 2);
		out->created = sqlite3_column_int64(s, 3);
		out->sent_at = sqlite3_column_int64(s, 4);
	}
	db_done(s);
	return rc;
}

static int
dg_add_listed(struct store *st, int64_t id, const int64_t *mails, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = db_prep(st, "INSERT OR IGNORE INTO digest_mails"
		    " (digest_id, mail_id) VALUES (?, ?)");
		int rc;

		if (s == NULL)
			return STORE_ERR;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, mails[i]);
		if ((rc = db_exec_changes(st, s, "recording a digest's mails")) < 0)
			return rc;
	}
	return 0;
}

int
store_digest_add(struct store *st, const char *message_id, int64_t answers,
		const int64_t *mails, size_t n, const void *data, size_t len, int64_t *id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	*id = 0;
	if (message_id == NULL || *message_id == '\0') {
		db_set_err(st, "recording a digest: no Message-ID");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if ((s = db_prep(st, "INSERT INTO digests (message_id, answers, created, rendered)"
	    " VALUES (?, ?, ?, ?)")) == NULL)
		return tx_leave(st, own, STORE_ERR);
	db_bind_text_req(s, 1, message_id);
	db_bind_opt(s, 2, answers);
	sqlite3_bind_int64(s, 3, store_now(st));
	if (data != NULL)
		sqlite3_bind_blob64(s, 4, data, len, SQLITE_TRANSIENT);
	if ((rc = db_exec_changes(st, s, "recording a digest")) >= 0) {
		*id = sqlite3_last_insert_rowid(st->db);
		rc = dg_add_listed(st, *id, mails, n);
	}
	return tx_leave(st, own, rc < 0 ? rc : 0);
}

int
store_digest_sent(struct store *st, int64_t id, int64_t at)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if ((s = tx_prep(st, "UPDATE digests SET sent_at = ? WHERE id = ?", &own, &rc)) == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_int64(s, 2, id);
	return db_any_changed(tx_exec(st, s, own, "recording a digest as sent"));
}

int
store_digest_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if ((s = tx_prep(st, "DELETE FROM digests WHERE id = ? AND sent_at IS NULL",
	    &own, &rc)) == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	return db_any_changed(tx_exec(st, s, own, "removing an unsent digest"));
}

int
store_digest_last(struct store *st, struct store_digest *out)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " DG_COLS " FROM digests"
	    " WHERE answers IS NULL AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT 1");

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	return dg_one(st, s, out, "reading the last digest");
}

int
store_digest_by_message_id(struct store *st, const char *message_id,
		struct store_digest *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof(*out));
	if (message_id == NULL || *message_id == '\0')
		return 0;
	if ((s = db_prep(st, "SELECT " DG_COLS " FROM digests WHERE message_id = ?")) == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, message_id);
	return dg_one(st, s, out, "looking up a digest");
}

/* 1 if the query on (?1, ?2) finds a row, 0 if not, or the error (a
 * query without ?2 ignores b). */
static int
dg_exists(struct store *st, const char *sql, int64_t a, int64_t b, const char *what)
{
	sqlite3_stmt *s = db_prep(st, sql);
	int64_t v;
	int rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	rc = db_query_id(st, s, &v, what);
	return rc < 0 ? rc : rc > 0;
}

int
store_digest_listed(struct store *st, int64_t digest_id, int64_t mail_id)
{
	return dg_exists(st, "SELECT 1 FROM digest_mails WHERE digest_id = ?1 AND mail_id = ?2",
	    digest_id, mail_id, "reading a digest's mails");
}

int
store_digest_ever_listed(struct store *st, int64_t mail_id)
{
	return dg_exists(st, "SELECT 1 FROM digest_mails m JOIN digests d ON d.id = m.digest_id"
	    " WHERE m.mail_id = ?1 AND d.sent_at IS NOT NULL LIMIT 1",
	    mail_id, 0, "reading the digests of a mail");
}

int
store_digest_mails(struct store *st, int64_t digest_id, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT mail_id FROM digest_mails WHERE digest_id = ?"
	    " ORDER BY mail_id");
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, digest_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "reading a digest's mails");
		db_done(s);
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	db_done(s);
	return 0;
}

int
store_digest_mark_applied(struct store *st, int64_t digest_id, int64_t mail_id,
		const char *action, const char *reply_message_id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if ((s = tx_prep(st, "INSERT OR IGNORE INTO digest_applied"
	    " (digest_id, mail_id, action, reply_message_id, at) VALUES (?, ?, ?, ?, ?)",
	    &own, &rc)) == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, digest_id);
	sqlite3_bind_int64(s, 2, mail_id);
	db_bind_text_req(s, 3, action);
	db_bind_text(s, 4, reply_message_id);
	sqlite3_bind_int64(s, 5, store_now(st));
	return db_any_changed(tx_exec(st, s, own, "recording a reply's decision"));
}

int
store_digest_applied(struct store *st, int64_t digest_id, int64_t mail_id)
{
	return dg_exists(st, "SELECT 1 FROM digest_applied WHERE digest_id = ?1 AND mail_id = ?2",
	    digest_id, mail_id, "reading a digest's answers");
}

int
store_digest_unsent_answers(struct store *st, struct store_digest **rows, size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " DG_COLS ", rendered FROM digests"
	    " WHERE answers IS NOT NULL AND sent_at IS NULL AND rendered IS NOT NULL"
	    " ORDER BY id");
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_digest *d;
		const void *blob = sqlite3_column_blob(s, 5);
		size_t len = (size_t)sqlite3_column_bytes(s, 5);

		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			*rows = xreallocarray(*rows, cap, sizeof(**rows));
		}
		d = &(*rows)[(*n)++];
		memset(d, 0, sizeof(*d));
		d->id = sqlite3_column_int64(s, 0);
		d->message_id = db_col_str_req(s, 1);
		d->answers = sqlite3_column_int64(s, 2);
		d->created = sqlite3_column_int64(s, 3);
		d->rendered = xmalloc(len + 1);
		if (len)
			memcpy(d->rendered, blob, len);
		d->rendered[len] = '\0';
		d->rendered_len = len;
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "reading the answers to send");
		db_done(s);
		store_digests_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return rc;
	}
	db_done(s);
	return 0;
}

int
store_digest_answer_count(struct store *st, int64_t id, int64_t *count)
{
	sqlite3_stmt *s = db_prep(st, "SELECT count(*) FROM digests WHERE answers = ?");
	int rc;

	*count = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	rc = db_query_id(st, s, count, "counting a digest's answers");
	return rc < 0 ? rc : 0;
}
