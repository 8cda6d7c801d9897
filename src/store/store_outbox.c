/*
 * store_outbox: the mails to send.  Queue one (once per kind, interview,
 * recipient and nth), read and list them, and move each along model.h's
 * lifecycle table: claim, outcome, the user's transitions, retry, retime,
 * edit, followupd's own cancel and reschedule.  Every status change is a
 * compare-and-set on the current status, so a change the table forbids
 * changes nothing.
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include "store_p.h"
#include "util.h"

/* ---- outbox ---- */

#define OB_COLS "o.id, o.kind, o.status, o.application_id, o.interview_id," \
	" o.person_id, o.recipient_name, o.recipient_email, o.nth, o.due," \
	" o.attempts, o.next_attempt, o.message_id, o.in_reply_to, o.refs," \
	" o.subject, o.rendered, o.edited, o.last_error, o.created, o.updated," \
	" o.sent_at, o.first_attempt, o.hold_reason, o.cancel_reason"
#define OB_ROW_COLS OB_COLS ", a.company, a.role"
#define OB_FROM " FROM outbox o JOIN applications a ON a.id = o.application_id"
/* When a mail may leave: its retry time after a deferral, else its due time. */
#define OB_READY "ifnull(o.next_attempt, o.due)"

static void
read_ob(sqlite3_stmt *s, struct mail *m)
{
	const void *blob;

	m->id = sqlite3_column_int64(s, 0);
	m->kind = db_enum_col(mail_kind_at, MAIL_KIND_COUNT, sqlite3_column_text(s, 1));
	m->status = db_mail_status_col(sqlite3_column_text(s, 2));
	m->application_id = sqlite3_column_int64(s, 3);
	m->interview_id = sqlite3_column_int64(s, 4);
	m->person_id = sqlite3_column_int64(s, 5);
	m->recipient_name = db_col_str(s, 6);
	m->recipient_email = db_col_str_req(s, 7);
	m->nth = sqlite3_column_int(s, 8);
	m->due = sqlite3_column_int64(s, 9);
	m->attempts = sqlite3_column_int(s, 10);
	m->next_attempt = sqlite3_column_int64(s, 11);
	m->message_id = db_col_str(s, 12);
	m->in_reply_to = db_col_str(s, 13);
	m->references = db_col_str(s, 14);
	m->subject = db_col_str(s, 15);
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
	m->last_error = db_col_str(s, 18);
	m->created = sqlite3_column_int64(s, 19);
	m->updated = sqlite3_column_int64(s, 20);
	m->sent_at = sqlite3_column_int64(s, 21);
	m->first_attempt = sqlite3_column_int64(s, 22);
	m->hold_reason = db_col_str(s, 23);
	m->cancel_reason = db_col_str(s, 24);
}

/* A mail with its application's columns (OB_ROW_COLS). */
static void
read_ob_row(sqlite3_stmt *s, struct store_outbox_row *r)
{
	read_ob(s, &r->m);
	r->company = db_col_str_req(s, 25);
	r->role = db_col_str_req(s, 26);
}

void
store_outbox_row_clear(struct store_outbox_row *r)
{
	if (r == NULL)
		return;
	mail_clear(&r->m);
	free(r->company);
	free(r->role);
	memset(r, 0, sizeof(*r));
}

void
store_outbox_rows_free(struct store_outbox_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_outbox_row_clear(&rows[i]);
	free(rows);
}

/* The rows of s (OB_ROW_COLS) into *rows. */
static int
ob_rows(struct store *st, sqlite3_stmt *s, struct store_outbox_row **rows, size_t *n)
{
	struct store_outbox_row *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = db_grow(r, cnt, &cap, sizeof(*r));
		read_ob_row(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing the outbox");
		db_done(s);
		store_outbox_rows_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* The mails of s (OB_COLS) into *rows. */
static int
ob_mails(struct store *st, sqlite3_stmt *s, struct mail **rows, size_t *n)
{
	struct mail *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = db_grow(r, cnt, &cap, sizeof(*r));
		read_ob(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing the outbox");
		db_done(s);
		mails_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

static int
ob_one(struct store *st, sqlite3_stmt *s, struct mail *out)
{
	int rc;

	if ((rc = db_row(st, s, "reading a mail")) == 1)
		read_ob(s, out);
	db_done(s);
	return rc;
}

/* What a new mail must have before it is queued: 0, or STORE_ERR and why. */
static int
ob_check_new(struct store *st, const struct mail *m)
{
	if (m->recipient_email == NULL || *m->recipient_email == '\0') {
		db_set_err(st, "queueing a mail: no recipient address");
		return STORE_ERR;
	}
	if (!(mail_action_to(MAIL_ACT_PLAN) & MODEL_BIT(m->status))) {
		db_set_err(st, "queueing a mail: a new mail is pending or held, not %s",
		    mail_status_name(m->status));
		return STORE_ERR;
	}
	if (m->application_id == 0 && m->interview_id == 0) {
		db_set_err(st, "queueing a mail: no application or interview");
		return STORE_ERR;
	}
	return 0;
}

/* The application of interview_id into *app: 0, or STORE_ERR if none. */
static int
ob_app_of(struct store *st, int64_t interview_id, int64_t *app)
{
	sqlite3_stmt *s = db_prep(st, "SELECT application_id FROM interviews WHERE id = ?");
	int rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, interview_id);
	if ((rc = db_query_id(st, s, app, "looking up an interview")) < 0)
		return rc;
	if (rc == 0) {
		db_set_err(st, "queueing a mail: no interview %lld", (long long)interview_id);
		return STORE_ERR;
	}
	return 0;
}

/* INSERT the mail under application app, unless its key exists: 1 and
 * *rowid if inserted, 0 if not. */
static int
ob_insert_row(struct store *st, const struct mail *m, int64_t app, int64_t *rowid)
{
	sqlite3_stmt *s;
	int rc;

	s = db_prep(st, "INSERT INTO outbox (kind, status, application_id, interview_id,"
	    " person_id, recipient_name, recipient_email, nth, due, message_id,"
	    " in_reply_to, refs, subject, rendered, edited, created, updated, hold_reason)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, mail_kind_name(m->kind));
	db_bind_text_req(s, 2, mail_status_name(m->status));
	sqlite3_bind_int64(s, 3, app);
	db_bind_opt(s, 4, m->interview_id);
	db_bind_opt(s, 5, m->person_id);
	db_bind_text(s, 6, m->recipient_name);
	db_bind_text_req(s, 7, m->recipient_email);
	sqlite3_bind_int(s, 8, m->nth);
	sqlite3_bind_int64(s, 9, m->due);
	db_bind_text(s, 10, m->message_id);
	db_bind_text(s, 11, m->in_reply_to);
	db_bind_text(s, 12, m->references);
	db_bind_text(s, 13, m->subject);
	if (m->rendered != NULL)
		sqlite3_bind_blob64(s, 14, m->rendered, m->rendered_len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 14);
	sqlite3_bind_int(s, 15, m->edited);
	sqlite3_bind_int64(s, 16, store_now(st));
	sqlite3_bind_int64(s, 17, store_now(st));
	db_bind_text(s, 18, m->status == MAIL_HELD ? m->hold_reason : NULL);
	if ((rc = db_exec_changes(st, s, "queueing a mail")) <= 0)
		return rc;
	*rowid = sqlite3_last_insert_rowid(st->db);
	return 1;
}

/* The mail that already has m's key (under application app) into *rowid:
 * 0, or STORE_ERR when the conflict was elsewhere (the Message-ID). */
static int
ob_existing(struct store *st, const struct mail *m, int64_t app, int64_t *rowid)
{
	sqlite3_stmt *s;
	int rc;

	s = db_prep(st, "SELECT id FROM outbox WHERE kind = ? AND application_id = ?"
	    " AND ifnull(interview_id, 0) = ? AND lower(recipient_email) = lower(?)"
	    " AND nth = ?");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, mail_kind_name(m->kind));
	sqlite3_bind_int64(s, 2, app);
	sqlite3_bind_int64(s, 3, m->interview_id);
	db_bind_text_req(s, 4, m->recipient_email);
	sqlite3_bind_int(s, 5, m->nth);
	if ((rc = db_query_id(st, s, rowid, "looking up a queued mail")) < 0)
		return rc;
	if (rc == 0) {
		db_set_err(st, "queueing a mail: Message-ID %s is already used",
		    m->message_id != NULL ? m->message_id : "(none)");
		return STORE_ERR;
	}
	return 0;
}

int
store_outbox_insert(struct store *st, const struct mail *m, int64_t *id)
{
	int64_t app = m->application_id;
	int64_t rowid = 0;
	bool own;
	int rc;

	if (id != NULL)
		*id = 0;
	if ((rc = ob_check_new(st, m)) < 0)
		return rc;
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if (app == 0 && (rc = ob_app_of(st, m->interview_id, &app)) < 0)
		goto out;
	/* Nothing inserted: find the mail that already has this key. */
	if ((rc = ob_insert_row(st, m, app, &rowid)) == 0)
		rc = ob_existing(st, m, app, &rowid);
out:
	if (id != NULL && rc >= 0)
		*id = rowid;
	return tx_leave(st, own, rc);
}

int
store_outbox_get(struct store *st, int64_t id, struct mail *out)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " OB_COLS OB_FROM " WHERE o.id = ?");

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return ob_one(st, s, out);
}

int
store_outbox_by_message_id(struct store *st, const char *message_id,
		struct mail *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof(*out));
	if (message_id == NULL || *message_id == '\0')
		return 0;
	s = db_prep(st, "SELECT " OB_COLS OB_FROM " WHERE o.message_id = ?");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, message_id);
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
	return mask != 0 ? db_mask_names(mail_status_at, MAIL_STATUS_COUNT, mask) : xstrdup("");
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
	char *statuses = db_mask_names(mail_status_at, MAIL_STATUS_COUNT, status_mask);
	char *kinds = db_mask_names(mail_kind_at, MAIL_KIND_COUNT, f->kind_mask);

	sqlite3_bind_text(s, 1, statuses, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kinds, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, f->application_id);
	sqlite3_bind_int64(s, 4, f->interview_id);
	db_bind_text(s, 5, f->recipient_email);
	sqlite3_bind_int64(s, 6, f->due_since);
	free(statuses);
	free(kinds);
}

int
store_outbox_list(struct store *st, const struct store_outbox_filter *f,
		struct store_outbox_row **rows, size_t *n)
{
	static const struct store_outbox_filter all = { 0 };
	sqlite3_stmt *s = db_prep(st, "SELECT " OB_ROW_COLS OB_FROM " WHERE" OB_FILTER
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
		struct mail **rows, size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " OB_COLS OB_FROM
	    " WHERE" OB_STATUS_IN(3) " AND " OB_READY " <= ?1"
	    " ORDER BY " OB_READY ", o.id LIMIT ?2");

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, limit == 0 || limit > INT64_MAX ? -1 : (int64_t)limit);
	bind_statuses(s, 3, mail_action_from(MAIL_ACT_CLAIM));
	return ob_mails(st, s, rows, n);
}

int
store_outbox_next_due(struct store *st, int64_t *when)
{
	sqlite3_stmt *s = db_prep(st, "SELECT min(" OB_READY ") FROM outbox o"
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
	db_done(s);
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
	return db_any_changed(tx_exec(st, s, own, "claiming a mail"));
}

/* ---- the body-handed mark (outbox.h) ---- */

int
store_outbox_mark_handed(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	/* Only its own commit makes it durable before the last bytes go. */
	if (store_in_transaction(st)) {
		db_set_err(st, "marking a mail handed: must be committed on its own, "
		    "a transaction is open");
		return STORE_ERR;
	}
	s = tx_prep(st, "UPDATE outbox SET handed_at = ?2"
	    " WHERE id = ?1 AND status = 'sending'", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, store_now(st));
	rc = db_any_changed(tx_exec(st, s, own, "marking a mail handed to SMTP"));
	/* Relaxed (an outbox round): the commit is written, not flushed; the
	 * flush comes here, before the caller lets the last bytes go.  If it
	 * fails the mark may be visible without being durable: the caller
	 * stops the body (certainly not sent), as for any failed mark. */
	if (rc == 1 && st->relaxed && store_flush(st) < 0)
		return STORE_ERR;
	return rc;
}

int
store_outbox_handed(struct store *st, int64_t id, int64_t *at)
{
	sqlite3_stmt *s = db_prep(st, "SELECT ifnull(handed_at, 0) FROM outbox WHERE id = ?1");
	int rc;

	*at = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_row(st, s, "reading a mail's hand-off")) == 1) {
		*at = sqlite3_column_int64(s, 0);
		rc = *at != 0;
	}
	db_done(s);
	return rc;
}

int
store_outbox_relaxed(struct store *st, bool relaxed)
{
	if (store_in_transaction(st)) {
		db_set_err(st, "changing the durability inside a transaction");
		return STORE_ERR;
	}
	return store_set_relaxed(st, relaxed);
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
	return db_any_changed(tx_exec(st, s, own, "taking back an attempt"));
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
	db_bind_text_req(s, 2, mail_status_name(status));
	db_bind_text(s, 3, error);
	db_bind_opt(s, 4, next_attempt);
	sqlite3_bind_int64(s, 5, store_now(st));
	return db_any_changed(tx_exec(st, s, own, "setting a mail's status"));
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
	db_bind_text_req(s, 2, mail_status_name(to));
	sqlite3_bind_int64(s, 3, store_now(st));
	sqlite3_bind_text(s, 4, from, -1, SQLITE_TRANSIENT);
	free(from);
	if (due != NULL)
		sqlite3_bind_int64(s, 5, *due);
	return db_any_changed(tx_exec(st, s, own, what));
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
store_outbox_hold_interview(struct store *st, int64_t interview_id, const char *reason)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET status = 'held', hold_reason = ?2, updated = ?3"
	    " WHERE o.interview_id = ?1 AND" OB_STATUS_IN(4), &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, interview_id);
	db_bind_text(s, 2, reason);
	sqlite3_bind_int64(s, 3, store_now(st));
	bind_statuses(s, 4, mail_action_from(MAIL_ACT_HOLD));
	if ((rc = tx_exec(st, s, own, "holding an interview's mails")) < 0)
		return rc;
	return sqlite3_changes(st->db);
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
	return db_any_changed(tx_exec(st, s, own, "moving a mail"));
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
	db_bind_text(s, 3, message_id);
	sqlite3_bind_int(s, 4, edited);
	sqlite3_bind_int64(s, 5, store_now(st));
	return db_any_changed(tx_exec(st, s, own, "storing a rendered mail"));
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
store_outbox_supersede(struct store *st, int64_t id, const char *reason)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE outbox AS o SET status = 'cancelled', cancel_reason = ?2,"
	    " updated = ?3 WHERE o.id = ?1 AND" OB_STATUS_IN(4), &own, &rc);
	if (s == NULL)
		return rc;
	bind_statuses(s, 4, mail_action_from(MAIL_ACT_SUPERSEDE));
	sqlite3_bind_int64(s, 1, id);
	db_bind_text(s, 2, reason);
	sqlite3_bind_int64(s, 3, store_now(st));
	return db_any_changed(tx_exec(st, s, own, "cancelling a mail the user wrote"));
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
	sqlite3_stmt *s = db_prep(st, "SELECT count(*) FROM outbox"
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
		db_done(s);
		return rc;
	}
	count = sqlite3_column_int64(s, 0);
	db_done(s);
	return count;
}
