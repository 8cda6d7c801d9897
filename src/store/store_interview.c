/*
 * store_interview: interviews (insert, update, status, hold reason, the
 * listing rows joined with their application), the people linked to them
 * in a role, and the user's notes on them.
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include "store_p.h"
#include "util.h"

/* ---- interviews ---- */

#define IV_COLS "i.id, i.application_id, i.event_uid, i.sequence, i.start_at," \
	" i.end_at, i.timezone, i.status, i.final_round, i.asks_references," \
	" i.decision_by, i.meeting_url, i.location, i.source_message_id," \
	" i.source_references, i.source_subject, i.created, i.updated," \
	" i.hold_reason, i.doubt"
#define IV_ROW_COLS IV_COLS ", a.company, a.role, a.status"
#define IV_FROM " FROM interviews i JOIN applications a ON a.id = i.application_id"

static void
read_iv(sqlite3_stmt *s, struct interview *iv)
{
	iv->id = sqlite3_column_int64(s, 0);
	iv->application_id = sqlite3_column_int64(s, 1);
	iv->event_uid = db_col_str(s, 2);
	iv->sequence = sqlite3_column_int64(s, 3);
	iv->start = sqlite3_column_int64(s, 4);
	iv->end = sqlite3_column_int64(s, 5);
	iv->timezone = db_col_str(s, 6);
	iv->status = db_enum_col(iv_status_at, IV_STATUS_COUNT, sqlite3_column_text(s, 7));
	iv->final_round = sqlite3_column_int(s, 8) != 0;
	iv->asks_references = sqlite3_column_int(s, 9) != 0;
	iv->decision_by = db_col_str(s, 10);
	iv->meeting_url = db_col_str(s, 11);
	iv->location = db_col_str(s, 12);
	iv->source_message_id = db_col_str(s, 13);
	iv->source_references = db_col_str(s, 14);
	iv->source_subject = db_col_str(s, 15);
	iv->created = sqlite3_column_int64(s, 16);
	iv->updated = sqlite3_column_int64(s, 17);
	iv->hold_reason = db_col_str(s, 18);
	iv->doubt = db_col_str(s, 19);
}

/* An interview with its application's columns (IV_ROW_COLS). */
static void
read_iv_row(sqlite3_stmt *s, struct store_interview_row *r)
{
	read_iv(s, &r->iv);
	r->company = db_col_str_req(s, 20);
	r->role = db_col_str_req(s, 21);
	r->app_status = db_enum_col(app_status_at, APP_STATUS_COUNT, sqlite3_column_text(s, 22));
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
	db_bind_text(s, 1, iv->event_uid);
	sqlite3_bind_int64(s, 2, iv->sequence);
	db_bind_opt(s, 3, iv->start);
	db_bind_opt(s, 4, iv->end);
	db_bind_text(s, 5, iv->timezone);
	db_bind_text_req(s, 6, iv_status_name(iv->status));
	sqlite3_bind_int(s, 7, iv->final_round);
	sqlite3_bind_int(s, 8, iv->asks_references);
	db_bind_text(s, 9, iv->decision_by);
	db_bind_text(s, 10, iv->meeting_url);
	db_bind_text(s, 11, iv->location);
	db_bind_text(s, 12, iv->source_message_id);
	db_bind_text(s, 13, iv->source_references);
	db_bind_text(s, 14, iv->source_subject);
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
	rc = db_exec_changes(st, s, "adding an interview");
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
	return db_any_changed(tx_exec(st, s, own, "updating an interview"));
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
	db_bind_text_req(s, 1, iv_status_name(status));
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return db_any_changed(tx_exec(st, s, own, "setting an interview's status"));
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
	db_bind_text(s, 1, reason);
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return db_any_changed(tx_exec(st, s, own, "setting an interview's hold reason"));
}

int
store_interview_set_doubt(struct store *st, int64_t id, const char *doubt)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE interviews SET doubt = ?, updated = ? WHERE id = ?", &own, &rc);
	if (s == NULL)
		return rc;
	db_bind_text(s, 1, doubt);
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return db_any_changed(tx_exec(st, s, own, "setting an interview's doubt"));
}

static int
iv_one(struct store *st, sqlite3_stmt *s, struct interview *out)
{
	int rc;

	if ((rc = db_row(st, s, "reading an interview")) == 1)
		read_iv(s, out);
	db_done(s);
	return rc;
}

int
store_interview_get(struct store *st, int64_t id, struct interview *out)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " IV_COLS IV_FROM " WHERE i.id = ?");

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
	s = db_prep(st, "SELECT " IV_COLS IV_FROM " WHERE i.event_uid = ?");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, event_uid);
	return iv_one(st, s, out);
}

int
store_interview_list(struct store *st, const struct store_interview_filter *f,
		struct store_interview_row **rows, size_t *n)
{
	static const struct store_interview_filter all = { 0 };
	sqlite3_stmt *s = db_prep(st, "SELECT " IV_ROW_COLS IV_FROM
	    " WHERE (?1 = 0 OR (i.status = 'scheduled'"
	    "   AND ifnull(i.end_at, i.start_at) >= ?2))"
	    " AND ((?3 = 0 AND ?6 IS NULL) OR i.application_id = ?3"
	    "   OR a.company = ?6 COLLATE NOCASE)"
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
	statuses = db_mask_names(iv_status_at, IV_STATUS_COUNT, f->status_mask);
	sqlite3_bind_int(s, 1, f->upcoming);
	sqlite3_bind_int64(s, 2, f->now);
	sqlite3_bind_int64(s, 3, f->application_id);
	sqlite3_bind_text(s, 4, statuses, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, f->ended_before);
	db_bind_text(s, 6, f->company);
	free(statuses);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = db_grow(r, cnt, &cap, sizeof(*r));
		read_iv_row(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing interviews");
		db_done(s);
		store_interviews_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

/* ---- people ---- */

static int
person_insert(struct store *st, const char *name, const char *email,
		enum person_role role, int64_t *id)
{
	sqlite3_stmt *s = db_prep(st, "INSERT INTO people (name, email, role, created, updated)"
	    " VALUES (?, ?, ?, ?, ?)");
	int rc;

	if (s == NULL)
		return STORE_ERR;
	db_bind_text(s, 1, name);
	db_bind_text(s, 2, email);
	db_bind_text_req(s, 3, role_name(role));
	sqlite3_bind_int64(s, 4, store_now(st));
	sqlite3_bind_int64(s, 5, store_now(st));
	rc = db_exec_changes(st, s, "adding a person");
	if (rc < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 1;
}

/* A person of the interview with this name and no address: 1 and *id,
 * 0, or a negative store code. */
static int
bare_person(struct store *st, int64_t interview_id, const char *name, int64_t *id)
{
	sqlite3_stmt *s = db_prep(st, "SELECT p.id FROM interview_people ip"
	    " JOIN people p ON p.id = ip.person_id"
	    " WHERE ip.interview_id = ? AND p.email IS NULL AND p.name = ?"
	    " LIMIT 1");

	*id = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, interview_id);
	db_bind_text_req(s, 2, name);
	return db_query_id(st, s, id, "looking up a person");
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
	s = db_prep(st, "SELECT id FROM people WHERE email = ?");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, email);
	if ((rc = db_query_id(st, s, id, "looking up a person")) < 0)
		return rc;
	if (rc == 0)
		return person_insert(st, name, email, role, id);
	if (name != NULL && *name != '\0') {
		s = db_prep(st, "UPDATE people SET name = ?, updated = ?"
		    " WHERE id = ? AND (name IS NULL OR name = '')");
		if (s == NULL)
			return STORE_ERR;
		db_bind_text_req(s, 1, name);
		sqlite3_bind_int64(s, 2, store_now(st));
		sqlite3_bind_int64(s, 3, *id);
		if ((rc = db_exec_changes(st, s, "naming a person")) < 0)
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
	p->name = db_col_str(s, 1);
	p->email = db_col_str(s, 2);
	p->first_role = db_enum_col(role_at, ROLE_COUNT, sqlite3_column_text(s, 3));
}

static void
read_participant(sqlite3_stmt *s, struct participant *p)
{
	p->id = sqlite3_column_int64(s, 0);
	p->name = db_col_str(s, 1);
	p->email = db_col_str(s, 2);
	p->role = db_enum_col(role_at, ROLE_COUNT, sqlite3_column_text(s, 3));
}

int
store_person_by_email(struct store *st, const char *email, struct person *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (email == NULL || *email == '\0')
		return 0;
	s = db_prep(st, "SELECT id, name, email, role FROM people WHERE email = ?");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, email);
	if ((rc = db_row(st, s, "reading a person")) == 1)
		read_person(s, out);
	db_done(s);
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
		db_set_err(st, "linking a person: neither name nor email");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	if (email == NULL || *email == '\0') {
		/* No address to tell people apart: reuse the same name here. */
		if ((rc = bare_person(st, interview_id, name, &pid)) < 0)
			goto out;
		if (rc == 0 && (rc = person_insert(st, name, NULL, role, &pid)) < 0)
			goto out;
	} else {
		int64_t bare = 0;

		/* The same name here without an address, from an earlier mail
		 * (an ATS's list, then the invite): the address is theirs.  The
		 * address-less link gives way to the person with the address. */
		if (name != NULL && *name != '\0' &&
		    (rc = bare_person(st, interview_id, name, &bare)) < 0)
			goto out;
		if ((rc = person_upsert(st, name, email, role, &pid)) < 0)
			goto out;
		if (bare != 0) {
			s = db_prep(st, "UPDATE interview_people SET person_id = ?1"
			    " WHERE interview_id = ?2 AND person_id = ?3 AND role = ?4"
			    " AND NOT EXISTS (SELECT 1 FROM interview_people"
			    "  WHERE interview_id = ?2 AND person_id = ?1 AND role = ?4)");
			if (s == NULL) {
				rc = STORE_ERR;
				goto out;
			}
			sqlite3_bind_int64(s, 1, pid);
			sqlite3_bind_int64(s, 2, interview_id);
			sqlite3_bind_int64(s, 3, bare);
			db_bind_text_req(s, 4, role_name(role));
			if ((rc = db_exec_changes(st, s, "giving a person an address")) < 0)
				goto out;
			if (rc > 0) {
				if (person_id != NULL)
					*person_id = pid;
				rc = 1;
				goto out;
			}
		}
	}
	s = db_prep(st, "INSERT INTO interview_people (interview_id, person_id, role, seq)"
	    " VALUES (?1, ?2, ?3, (SELECT ifnull(max(seq), 0) + 1 FROM interview_people"
	    "  WHERE interview_id = ?1)) ON CONFLICT DO NOTHING");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	sqlite3_bind_int64(s, 1, interview_id);
	sqlite3_bind_int64(s, 2, pid);
	db_bind_text_req(s, 3, role_name(role));
	if ((rc = db_exec_changes(st, s, "linking a person to an interview")) < 0)
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
	sqlite3_stmt *s = db_prep(st, "SELECT p.id, p.name, p.email, ip.role"
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
		r = db_grow(r, cnt, &cap, sizeof(*r));
		read_participant(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing an interview's people");
		db_done(s);
		participants_free(r, cnt);
		return rc;
	}
	db_done(s);
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
		db_set_err(st, "an empty note");
		return STORE_ERR;
	}
	s = tx_prep(st, "INSERT INTO notes (interview_id, at, source, body) VALUES (?, ?, ?, ?)",
	    &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, interview_id);
	sqlite3_bind_int64(s, 2, store_now(st));
	db_bind_text_req(s, 3, source != NULL && *source != '\0' ? source : "unknown");
	db_bind_text_req(s, 4, text);
	rc = db_exec_changes(st, s, "adding a note");
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
	sqlite3_stmt *s = db_prep(st, "SELECT id, interview_id, at, source, body FROM notes"
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

		r = db_grow(r, cnt, &cap, sizeof(*r));
		x = &r[cnt++];

		x->id = sqlite3_column_int64(s, 0);
		x->interview_id = sqlite3_column_int64(s, 1);
		x->at = sqlite3_column_int64(s, 2);
		x->source = db_col_str_req(s, 3);
		x->text = db_col_str_req(s, 4);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing notes");
		db_done(s);
		store_notes_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}
