/*
 * store_app: what comes in from the mailbox and where it is filed.  The
 * IMAP folders' bookkeeping (UIDVALIDITY, last UID), the messages seen
 * (each recorded once, with what became of it), and the applications:
 * find or create one, and the lookups that attach a reply, rejection or
 * offer to one (by domain, ATS sender, person, Message-ID).
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include "store_p.h"
#include "util.h"

static const char *const SEEN_OUTCOME[] = { "handled", "unreadable", "ignored" };

_Static_assert(ARRAY_LEN(SEEN_OUTCOME) == STORE_SEEN_OUTCOME_COUNT, "outcome names");

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

/* ---- folders ---- */

int
store_folder_get(struct store *st, const char *folder, uint32_t *uidvalidity,
		uint32_t *last_uid)
{
	sqlite3_stmt *s = db_prep(st, "SELECT uidvalidity, last_uid FROM folders WHERE name = ?");
	int rc;

	*uidvalidity = 0;
	*last_uid = 0;
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, folder);
	if ((rc = db_row(st, s, "reading folder state")) == 1) {
		*uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
		*last_uid = (uint32_t)sqlite3_column_int64(s, 1);
	}
	db_done(s);
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
	db_bind_text_req(s, 1, folder);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, last_uid);
	sqlite3_bind_int64(s, 4, store_now(st));
	return db_no_count(tx_exec(st, s, own, "writing folder state"));
}

/* ---- messages seen ---- */

int
store_seen_add(struct store *st, const struct store_seen *m)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if (m->folder == NULL || *m->folder == '\0') {
		db_set_err(st, "recording a message: no folder");
		return STORE_ERR;
	}
	s = tx_prep(st, "INSERT INTO messages_seen (folder, uidvalidity, uid, message_id,"
	    " kind, subject, from_addr, date_hdr, outcome, application_id,"
	    " interview_id, processed_at, doubt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT DO NOTHING", &own, &rc);
	if (s == NULL)
		return rc;
	db_bind_text_req(s, 1, m->folder);
	sqlite3_bind_int64(s, 2, m->uidvalidity);
	sqlite3_bind_int64(s, 3, m->uid);
	db_bind_text(s, 4, m->message_id);
	db_bind_text(s, 5, m->kind);
	db_bind_text(s, 6, m->subject);
	db_bind_text(s, 7, m->from);
	db_bind_opt(s, 8, m->date);
	db_bind_text_req(s, 9, store_seen_outcome_name(m->outcome));
	db_bind_opt(s, 10, m->application_id);
	db_bind_opt(s, 11, m->interview_id);
	sqlite3_bind_int64(s, 12, store_now(st));
	db_bind_text(s, 13, m->doubt);
	return db_any_changed(tx_exec(st, s, own, "recording a message"));
}

/* The unplaced mails still waiting at ?1 (now - STORE_UNPLACED_AGE): one
 * predicate for the list, the count and dismiss --all, which the partial
 * index messages_seen_unplaced serves. */
#define UNPLACED_AT "ifnull(date_hdr, processed_at)"
#define UNPLACED_WAITING "doubt IS NOT NULL AND dismissed_at IS NULL AND " UNPLACED_AT " >= ?1"

int
store_unplaced_count(struct store *st, int64_t now, int64_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT count(*) FROM messages_seen WHERE " UNPLACED_WAITING);
	int rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, now - STORE_UNPLACED_AGE);
	rc = db_query_id(st, s, n, "counting unplaced mails");
	return rc < 0 ? rc : 0;
}

void
store_unplaced_clear(struct store_unplaced *u)
{
	free(u->folder);
	free(u->message_id);
	free(u->subject);
	free(u->from);
	free(u->doubt);
	memset(u, 0, sizeof(*u));
}

void
store_unplaced_free(struct store_unplaced *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_unplaced_clear(&rows[i]);
	free(rows);
}

#define UNPLACED_COLUMNS "id, folder, uid, message_id, subject, from_addr," \
	" ifnull(date_hdr, 0), processed_at, doubt, ifnull(dismissed_at, 0)," \
	" ifnull(application_id, 0), ifnull(interview_id, 0)"

static void
unplaced_row(sqlite3_stmt *s, struct store_unplaced *u)
{
	u->id = sqlite3_column_int64(s, 0);
	u->folder = db_col_str_req(s, 1);
	u->uid = (uint32_t)sqlite3_column_int64(s, 2);
	u->message_id = db_col_str(s, 3);
	u->subject = db_col_str(s, 4);
	u->from = db_col_str(s, 5);
	u->date = sqlite3_column_int64(s, 6);
	u->seen_at = sqlite3_column_int64(s, 7);
	u->doubt = db_col_str_req(s, 8);
	u->dismissed_at = sqlite3_column_int64(s, 9);
	u->application_id = sqlite3_column_int64(s, 10);
	u->interview_id = sqlite3_column_int64(s, 11);
}

int
store_unplaced_list(struct store *st, int64_t now, bool all, struct store_unplaced **rows,
		size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " UNPLACED_COLUMNS
	    " FROM messages_seen WHERE doubt IS NOT NULL AND (?2 OR (" UNPLACED_WAITING "))"
	    " ORDER BY " UNPLACED_AT ", id");
	struct store_unplaced *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, now - STORE_UNPLACED_AGE);
	sqlite3_bind_int(s, 2, all);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = db_grow(r, cnt, &cap, sizeof(*r));
		unplaced_row(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing unplaced mails");
		db_done(s);
		store_unplaced_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}

int
store_unplaced_get(struct store *st, int64_t id, struct store_unplaced *u)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " UNPLACED_COLUMNS
	    " FROM messages_seen WHERE id = ? AND doubt IS NOT NULL");
	int rc;

	memset(u, 0, sizeof(*u));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_row(st, s, "reading an unplaced mail")) == 1)
		unplaced_row(s, u);
	db_done(s);
	return rc;
}

int
store_unplaced_place(struct store *st, int64_t id, const char *message_id,
		int64_t application_id, int64_t interview_id, int64_t now)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	if (id <= 0 && (message_id == NULL || *message_id == '\0'))
		return 0;
	s = tx_prep(st, "UPDATE messages_seen SET dismissed_at = ?3, application_id = ?4,"
	    " interview_id = ?5 WHERE (id = ?1 OR (?1 <= 0 AND message_id = ?2))"
	    " AND doubt IS NOT NULL AND dismissed_at IS NULL", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	db_bind_text(s, 2, message_id);
	sqlite3_bind_int64(s, 3, now);
	db_bind_opt(s, 4, application_id);
	db_bind_opt(s, 5, interview_id);
	return db_any_changed(tx_exec(st, s, own, "placing an unplaced mail"));
}

int
store_unplaced_dismiss(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE messages_seen SET dismissed_at = ? WHERE id = ?"
	    " AND doubt IS NOT NULL AND dismissed_at IS NULL", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, id);
	return db_any_changed(tx_exec(st, s, own, "dismissing an unplaced mail"));
}

int
store_unplaced_dismiss_all(struct store *st, int64_t now)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE messages_seen SET dismissed_at = ?2 WHERE " UNPLACED_WAITING,
	    &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, now - STORE_UNPLACED_AGE);
	sqlite3_bind_int64(s, 2, now);
	return tx_exec(st, s, own, "dismissing the unplaced mails");
}

int
store_seen_is_seen(struct store *st, const char *folder, uint32_t uidvalidity,
		uint32_t uid)
{
	sqlite3_stmt *s = db_prep(st, "SELECT 1 FROM messages_seen"
	    " WHERE folder = ? AND uidvalidity = ? AND uid = ?");
	int rc;

	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, folder);
	sqlite3_bind_int64(s, 2, uidvalidity);
	sqlite3_bind_int64(s, 3, uid);
	rc = db_row(st, s, "looking up a message");
	db_done(s);
	return rc;
}

int
store_seen_message_id(struct store *st, const char *message_id)
{
	sqlite3_stmt *s;
	int rc;

	if (message_id == NULL || *message_id == '\0')
		return 0;
	s = db_prep(st, "SELECT 1 FROM messages_seen WHERE message_id = ?"
	    " AND ifnull(kind, '') <> 'sent' LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, message_id);
	rc = db_row(st, s, "looking up a Message-ID");
	db_done(s);
	return rc;
}

/* ---- applications ---- */

#define APP_COLS "id, company, role, status, company_domain, ats_sender, created, updated," \
	" last_contact"

static void
read_app(sqlite3_stmt *s, struct application *a)
{
	a->id = sqlite3_column_int64(s, 0);
	a->company = db_col_str_req(s, 1);
	a->role = db_col_str_req(s, 2);
	a->status = db_enum_col(app_status_at, APP_STATUS_COUNT, sqlite3_column_text(s, 3));
	a->company_domain = db_col_str(s, 4);
	a->ats_sender = db_col_str(s, 5);
	a->created = sqlite3_column_int64(s, 6);
	a->updated = sqlite3_column_int64(s, 7);
	a->last_contact = sqlite3_column_int64(s, 8);
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
		db_set_err(st, "an application needs a company");
		return STORE_ERR;
	}
	if ((rc = tx_enter(st, &own)) < 0)
		return rc;
	s = db_prep(st, "SELECT id FROM applications WHERE company = ? AND role = ?");
	if (s == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	db_bind_text_req(s, 1, company);
	db_bind_text_req(s, 2, role);
	if ((rc = db_query_id(st, s, id, "looking up an application")) < 0)
		goto out;
	if (rc == 0) {
		int64_t now = store_now(st);

		s = db_prep(st, "INSERT INTO applications (company, role, status,"
		    " company_domain, ats_sender, created, updated)"
		    " VALUES (?, ?, 'active', ?, ?, ?, ?)");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		db_bind_text_req(s, 1, company);
		db_bind_text_req(s, 2, role);
		db_bind_text(s, 3, domain);
		db_bind_text(s, 4, ats_sender);
		sqlite3_bind_int64(s, 5, now);
		sqlite3_bind_int64(s, 6, now);
		if ((rc = db_exec_changes(st, s, "creating an application")) < 0)
			goto out;
		*id = sqlite3_last_insert_rowid(st->db);
		created = 1;
	} else if ((domain != NULL && *domain != '\0') ||
	    (ats_sender != NULL && *ats_sender != '\0')) {
		s = db_prep(st, "UPDATE applications SET"
		    " company_domain = ifnull(company_domain, ?1),"
		    " ats_sender = ifnull(ats_sender, ?2), updated = ?3"
		    " WHERE id = ?4 AND ((company_domain IS NULL AND ?1 IS NOT NULL)"
		    "  OR (ats_sender IS NULL AND ?2 IS NOT NULL))");
		if (s == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		db_bind_text(s, 1, domain);
		db_bind_text(s, 2, ats_sender);
		sqlite3_bind_int64(s, 3, store_now(st));
		sqlite3_bind_int64(s, 4, *id);
		if ((rc = db_exec_changes(st, s, "updating an application")) < 0)
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
	sqlite3_stmt *s = db_prep(st, "SELECT " APP_COLS " FROM applications WHERE id = ?");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_row(st, s, "reading an application")) == 1)
		read_app(s, out);
	db_done(s);
	return rc;
}

int
store_application_by_domain(struct store *st, const char *domain, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (domain == NULL || *domain == '\0')
		return 0;
	s = db_prep(st, "SELECT id FROM applications WHERE company_domain = ?"
	    " ORDER BY updated DESC, id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, domain);
	return db_query_id(st, s, id, "looking up an application by domain");
}

int
store_application_by_ats(struct store *st, const char *ats_sender,
		const char *company, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (ats_sender == NULL || *ats_sender == '\0' || company == NULL || *company == '\0')
		return 0;
	s = db_prep(st, "SELECT id FROM applications WHERE ats_sender = ? AND company = ?"
	    " ORDER BY updated DESC, id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, ats_sender);
	db_bind_text_req(s, 2, company);
	return db_query_id(st, s, id, "looking up an application by ATS sender");
}

int
store_application_by_person(struct store *st, const char *email, int64_t *id)
{
	sqlite3_stmt *s;

	*id = 0;
	if (email == NULL || *email == '\0')
		return 0;
	/* "me" is in every interview: never attach by the user's own address. */
	s = db_prep(st, "SELECT a.id FROM people p"
	    " JOIN interview_people ip ON ip.person_id = p.id AND ip.role <> 'me'"
	    " JOIN interviews i ON i.id = ip.interview_id"
	    " JOIN applications a ON a.id = i.application_id"
	    " WHERE p.email = ? AND p.role <> 'me'"
	    " ORDER BY i.start_at DESC, a.updated DESC, a.id DESC LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, email);
	return db_query_id(st, s, id, "looking up an application by person");
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
	s = db_prep(st, "SELECT application_id, interview_id FROM ("
	    " SELECT 1 AS o, application_id, id AS interview_id FROM interviews"
	    "  WHERE source_message_id = ?1"
	    " UNION ALL SELECT 2, application_id, interview_id FROM outbox"
	    "  WHERE message_id = ?1"
	    " UNION ALL SELECT 3, application_id, interview_id FROM messages_seen"
	    "  WHERE message_id = ?1 AND application_id IS NOT NULL"
	    ") ORDER BY o LIMIT 1");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, message_id);
	if ((rc = db_row(st, s, "looking up a thread")) == 1) {
		*application_id = sqlite3_column_int64(s, 0);
		*interview_id = sqlite3_column_int64(s, 1);
	}
	db_done(s);
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
	db_bind_text_req(s, 1, app_status_name(status));
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return db_any_changed(tx_exec(st, s, own, "setting an application's status"));
}

int
store_application_by_contact(struct store *st, const char *email, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s;
	int64_t *r = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (email == NULL || *email == '\0')
		return 0;
	s = db_prep(st, "SELECT DISTINCT i.application_id FROM people p"
	    " JOIN interview_people ip ON ip.person_id = p.id AND ip.role = 'contact'"
	    " JOIN interviews i ON i.id = ip.interview_id"
	    " JOIN applications a ON a.id = i.application_id AND a.status = 'active'"
	    " WHERE p.email = ? ORDER BY i.application_id");
	if (s == NULL)
		return STORE_ERR;
	db_bind_text_req(s, 1, email);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = db_grow(r, cnt, &cap, sizeof(*r));
		r[cnt++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "looking up applications by contact");
		db_done(s);
		free(r);
		return rc;
	}
	db_done(s);
	*ids = r;
	*n = cnt;
	return 0;
}

int
store_application_set_last_contact(struct store *st, int64_t id, int64_t at)
{
	sqlite3_stmt *s;
	bool own;
	int rc;

	s = tx_prep(st, "UPDATE applications SET last_contact = ?1, updated = ?2"
	    " WHERE id = ?3 AND ifnull(last_contact, 0) < ?1", &own, &rc);
	if (s == NULL)
		return rc;
	sqlite3_bind_int64(s, 1, at);
	sqlite3_bind_int64(s, 2, store_now(st));
	sqlite3_bind_int64(s, 3, id);
	return db_any_changed(tx_exec(st, s, own, "recording a contact"));
}

int
store_application_list(struct store *st, struct application **rows, size_t *n)
{
	sqlite3_stmt *s = db_prep(st, "SELECT " APP_COLS " FROM applications"
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
		r = db_grow(r, cnt, &cap, sizeof(*r));
		read_app(s, &r[cnt++]);
	}
	if (rc != SQLITE_DONE) {
		rc = db_fail(st, rc, "listing applications");
		db_done(s);
		store_applications_free(r, cnt);
		return rc;
	}
	db_done(s);
	*rows = r;
	*n = cnt;
	return 0;
}
