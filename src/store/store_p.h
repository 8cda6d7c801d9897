/*
 * store_p: what the store's files share, and nobody else may include
 * (src/store/store*.c only; everyone else includes store.h).  The store is
 * split by entity: store.c (open, migrations, statements, transactions,
 * meta, events, summary), store_app.c (folders, messages seen,
 * applications), store_interview.c (interviews, people, notes) and
 * store_outbox.c (the outbox).  This header holds the connection, the
 * statement helpers and the transaction helpers they all use.
 *
 * The rules every store file follows:
 * - SQL text is a static string handed to db_prep(), which caches the
 *   statement for the life of the connection (keyed by the string's
 *   address); db_done() resets it after use, whatever happened.
 * - A failure records its message with db_set_err() or db_fail() and
 *   returns STORE_ERR or STORE_BUSY (store.h's conventions).
 * - A write goes tx_prep() ... bind ... tx_exec() (one statement), or
 *   tx_enter() ... tx_leave() (several): outside a caller's transaction it
 *   makes its own, inside one it joins it.
 */
#ifndef FOLLOWUPD_STORE_P_H
#define FOLLOWUPD_STORE_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store.h"

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
	bool relaxed;               /* synchronous = NORMAL is in force (store_set_relaxed) */
	bool relaxed_tx;            /* store_begin_relaxed relaxed it for its transaction:
	                               strict again when that ends */
	int64_t data_version;
	struct stmt_slot cache[STMT_CACHE];
};

/* ---- names: the model's, and the store's own ---- */

/* The name of the i-th value of an enum (model.h's *_name functions, for
 * loops over all values: masks and counts). */
typedef const char *name_fn(int i);

static inline const char *app_status_at(int i) { return app_status_name((enum app_status)i); }
static inline const char *iv_status_at(int i) { return iv_status_name((enum iv_status)i); }
static inline const char *mail_kind_at(int i) { return mail_kind_name((enum mail_kind)i); }
static inline const char *mail_status_at(int i) { return mail_status_name((enum mail_status)i); }
static inline const char *role_at(int i) { return role_name((enum person_role)i); }

/* Map a column back to an enum.  The CHECK constraints keep unknown names
 * out; should one appear anyway (a hand edit), it reads as the first value,
 * except for a mail's status (db_mail_status_col). */
int db_enum_col(name_fn *name, int n, const unsigned char *s);
/* An unreadable mail status must never look "pending": that would send. */
enum mail_status db_mail_status_col(const unsigned char *s);
/* A status mask as the list of names SQL can test with instr() (",a,b,";
 * mask 0 = every name).  Caller frees. */
char *db_mask_names(name_fn *name, int n, unsigned mask);

/* ---- errors and statements ---- */

void db_set_err(struct store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record SQLite's complaint about `what`; returns STORE_BUSY or STORE_ERR. */
int db_fail(struct store *st, int rc, const char *what);
/* Step a bound statement once: 1 on a row (the caller reads its columns,
 * then db_done), 0 when there is none, else db_fail's error. */
int db_row(struct store *st, sqlite3_stmt *s, const char *what);
/* The cached prepared statement for the static string sql; NULL (error
 * set) if it cannot be prepared. */
sqlite3_stmt *db_prep(struct store *st, const char *sql);
/* Reset a statement and its bindings after use; NULL is fine. */
void db_done(sqlite3_stmt *s);
/* Optional text: NULL and "" bind as NULL. */
int db_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Required text: "" stays "", NULL binds as "". */
int db_bind_text_req(sqlite3_stmt *s, int i, const char *v);
/* Optional integer: 0 binds as NULL. */
int db_bind_opt(sqlite3_stmt *s, int i, int64_t v);
/* Column i as a new string: NULL for NULL (db_col_str), "" (db_col_str_req). */
char *db_col_str(sqlite3_stmt *s, int i);
char *db_col_str_req(sqlite3_stmt *s, int i);
/* Run a statement that returns no rows (or whose rows are ignored).
 * Returns the number of changed rows, or STORE_ERR/STORE_BUSY.  Resets s. */
int db_exec_changes(struct store *st, sqlite3_stmt *s, const char *what);
/* Run s (bound) and take column 0 of the first row as an id.  1 with *id,
 * or 0 with *id = 0 when there is no row.  Resets s. */
int db_query_id(struct store *st, sqlite3_stmt *s, int64_t *id, const char *what);
/* Make room for element n (zeroed) in a result array; returns the array. */
void *db_grow(void *rows, size_t n, size_t *cap, size_t size);

/* ---- transactions ---- */

/* Enter a write: begin one (*own = true) unless the caller's is open. */
int tx_enter(struct store *st, bool *own);
/* Leave a write with result rc: commit (rc >= 0) or roll back (rc < 0)
 * what tx_enter began; the original failure's message stays.  Returns rc,
 * or the commit's failure. */
int tx_leave(struct store *st, bool own, int rc);
/* A write of one statement: enter and prepare sql; NULL with *rc set (and
 * the transaction left again) on failure. */
sqlite3_stmt *tx_prep(struct store *st, const char *sql, bool *own, int *rc);
/* Run the statement from tx_prep and leave; returns the rows changed. */
int tx_exec(struct store *st, sqlite3_stmt *s, bool own, const char *what);
/* A write's result as 1 if it changed a row, 0 if none, or the error. */
int db_any_changed(int rc);
/* A write's result as 0, or the error. */
int db_no_count(int rc);

/* The one switch of the commit level (store_outbox_relaxed,
 * store_begin_relaxed): synchronous = NORMAL (relaxed) or FULL (strict),
 * st->relaxed set to match.  Outside a transaction (SQLite ignores the
 * change inside one).  0 or a negative store code. */
int store_set_relaxed(struct store *st, bool relaxed);

#endif
