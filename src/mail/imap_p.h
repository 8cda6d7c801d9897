/*
 * imap_p: what the imap*.c files share, and nobody else may include.
 *
 * The public imap.h keeps the handle opaque and free of libetpan; this
 * header is where the handle's struct and libetpan meet.  It is included by
 * src/mail/imap*.c only:
 *   imap.c          the handle, errors, connecting (TCP, TLS, greeting,
 *                   CAPABILITY, STARTTLS, certificate check), disconnecting;
 *   imap_auth.c     logging in: LOGIN, AUTHENTICATE PLAIN, XOAUTH2,
 *                   OAUTHBEARER;
 *   imap_folder.c   folder names (modified UTF-7), SELECT / EXAMINE, LIST
 *                   and the special-use Sent folder;
 *   imap_fetch.c    UID SEARCH and the header FETCH, with the helpers that
 *                   read FETCH answers and BODYSTRUCTURE;
 *   imap_rebuild.c  the FETCH for recognition: the parts it reads, the
 *                   message rebuilt around the parts left out;
 *   imap_parts.c    the same for a batch of messages from the header
 *                   FETCH, messages that want the same sections sharing
 *                   one UID FETCH;
 *   imap_append.c   APPEND, and finding a message by its Message-ID (the
 *                   "already in Sent" check);
 *   imap_idle.c     NOOP and IDLE.
 *
 * Traps of Debian's libetpan 1.9.4 every file must keep in mind:
 *   - a failed mailimap_uid_fetch has freed its result already, but a
 *     refused UID SEARCH or LIST leaves its list to the caller;
 *   - mailimap_free sends LOGOUT and waits: a dead or untrusted connection is
 *     closed first (imap_fail with close) so that nothing is sent and nobody
 *     waits.
 *
 * Errors: every function here that talks to the server returns an
 * imap_result and, on failure, has set im->error through imap_fail or
 * imap_lib_fail (the rules are in imap.h).
 */
#ifndef FOLLOWUPD_IMAP_P_H
#define FOLLOWUPD_IMAP_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libetpan/libetpan.h>

#include "imap.h"

#define MAX_PARTS 256           /* leaves listed / rebuilt per message */
#define MAX_DEPTH 10            /* MIME nesting followed (sections fit 48 bytes) */

struct imap {
	char *host;
	char *user;
	char *secret;
	char *ca_file;
	char *pin;                  /* tls_fingerprint; NULL for none */
	char *pin_file;             /* tls_cert_file; NULL for none */
	unsigned port;
	enum imap_security security;
	enum imap_auth auth;
	int timeout;
	bool allow_insecure;

	mailimap *s;
	bool connected;
	bool idling;
	/* IDLE's count of new mail (imap_idle_arrivals): EXISTS when it
	 * began, EXPUNGEs while idling; arrivals_valid from DONE until the
	 * selection changes or imap_fetch_from takes the news. */
	uint32_t idle_exists;
	uint32_t idle_expunged;
	bool arrivals_valid;
	uint32_t exists_during;     /* imap_fetch_saw_exists */
	char *selected;             /* UTF-8 name of the selected folder */
	char *error;
	char *refused;              /* the server's words when it refused the login */
	uint64_t bytes_in;
	uint64_t bytes_out;
	/* A MULTIAPPEND written and not answered yet (imap_append_many with
	 * later): append_pending until its answer is read, which is done
	 * before any other command (imap_need_connection, imap_disconnect);
	 * then the outcome waits in append_done for imap_append_collect. */
	bool append_pending;
	bool append_done;
	size_t append_n;
	enum imap_result append_res;
	char *append_err;           /* why not, when append_res is not IMAP_OK */
	/* The last bytes the server sent: its words for an error message. */
	char tail[512];
	size_t tail_len;
};

/* ---- errors (imap.c) ---------------------------------------------------- */

/* Read the answer to a MULTIAPPEND written with later (imap_append.c), if
 * one is due, and keep its outcome for imap_append_collect. */
void imap_append_settle(struct imap *im);
/* The connection is going without a word: a MULTIAPPEND not answered yet
 * is kept as failed (it may or may not have been saved). */
void imap_append_abandon(struct imap *im);

/* Set im->error to the message (control bytes blanked); with close, drop
 * the connection without a word to the server.  Returns res. */
enum imap_result imap_fail(struct imap *im, enum imap_result res, bool close,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Classify libetpan error r for the command described by what: network and
 * protocol errors are TEMPFAIL and close; NO/BAD is PERMFAIL unless the
 * server's words say "later" (imap_said_later). */
enum imap_result imap_lib_fail(struct imap *im, int r, const char *what);
/*
 * The server's last complete line (tag removed), e.g.
 * "NO [NONEXISTENT] Mailbox doesn't exist: Foo", in out.  Empty if none.
 */
const char *imap_server_said(struct imap *im, char *out, size_t outsz);
/* Does the server's answer mean "not now" rather than "no" (RFC 5530)? */
bool imap_said_later(const char *said);
/* IMAP_OK when connected and not idling; else the failure, set. */
enum imap_result imap_need_connection(struct imap *im, const char *what);
/* The same, and a folder must be selected. */
enum imap_result imap_need_selected(struct imap *im, const char *what);

/* ---- logging in (imap_auth.c) -------------------------------------------- */

/* Log in with im->auth on a secured connection; on failure it is closed
 * and, when the server refused the credentials, im->refused is set. */
enum imap_result imap_authenticate(struct imap *im);

/* ---- folders (imap_folder.c) ---------------------------------------------- */

/* folder in modified UTF-7 (caller frees), or NULL with the failure set. */
char *imap_encode_folder(struct imap *im, const char *folder, const char *what);
/* SELECT (or EXAMINE when readonly) folder; im->selected follows. */
enum imap_result imap_select_folder(struct imap *im, const char *folder, bool readonly);

/* ---- search and FETCH answers (imap_fetch.c) ------------------------------- */

/* Run UID SEARCH key (consumed) and keep the UIDs >= min, sorted, unique. */
enum imap_result imap_search_uids(struct imap *im, struct mailimap_search_key *key,
    uint32_t min, const char *what, struct imap_uids *out);
/* The set of uids[0..n) (ascending), runs as intervals. */
struct mailimap_set *imap_uid_set(const uint32_t *uids, size_t n);
/* Is uid in sorted[0..n)? */
bool imap_uid_wanted(const uint32_t *sorted, size_t n, uint32_t uid);
/* The static attribute of the given type in a FETCH answer, or NULL. */
struct mailimap_msg_att_static *imap_att_static(struct mailimap_msg_att *att, int type);
/* The UID in a FETCH answer, 0 if none. */
uint32_t imap_att_uid(struct mailimap_msg_att *att);
/* "text/plain" for a leaf body, lower case, printable; "" if unknown. */
void imap_part_type(const struct mailimap_body *b, char *out, size_t outsz);
/* A leaf body's encoded size, 0 if unknown. */
uint32_t imap_part_size(const struct mailimap_body *b);
/* Is b a message/rfc822 part with a structure of its own? */
bool imap_is_message_part(const struct mailimap_body *b);
/* Section i under prefix: "2.i", or "i" at the top. */
void imap_section_join(char *out, size_t outsz, const char *prefix, unsigned i);

/* The BODYSTRUCTURE kept with a header FETCH answer (imap_fetch.c). */
struct imap_shape {
	struct mailimap_body *body;
};

/* ---- rebuilding a message from its parts (imap_rebuild.c) ---------------- */

/* A piece of the message to download: "HEADER", "TEXT", "2.1.MIME", "3", ... */
struct piece {
	char spec[64];
	char *data;
	size_t len;
	bool have;
};

/* A leaf whose content recognition may want. */
struct candidate {
	char spec[64];
	int rank;
	uint32_t size;
	size_t order;
};

/* One message being rebuilt: the pieces wanted and those downloaded. */
struct rebuild {
	struct piece *pieces;
	size_t npieces;
	struct candidate *cands;
	size_t ncands;
	size_t nodes;
	size_t omitted;
	uint64_t fetched;
	char rnd[24];
	unsigned seq;
};

/*
 * How much recognition wants the content of leaf b: 0 a calendar (by type,
 * or an application/ or text/ part with a calendar file name), 1 plain
 * text, 2 HTML, 3 other text (or an application/octet-stream ".txt"), -1
 * not at all (a PDF, an image...).  What message.c reads, or more.
 */
int imap_wanted_rank(const struct mailimap_body *b);
/* Want the MIME header of every node of body (the header of the message
 * itself is the caller's "HEADER" piece) and, with contents, the contents
 * imap_wanted_rank wants, best first while they fit max_bytes.  uid seeds
 * nothing but the boundary's random part's fallback. */
void rebuild_plan(struct rebuild *rb, const struct mailimap_body *body, uint32_t uid,
    size_t max_bytes, bool contents);
/* The piece spec, or NULL; want it; give it data (copied) unless it has some. */
struct piece *piece_find(struct rebuild *rb, const char *spec);
void piece_want(struct rebuild *rb, const char *spec);
void rebuild_put(struct rebuild *rb, const char *spec, const char *data, size_t len);
/* The IMAP section for a spec, and the spec of a section the server sent. */
struct mailimap_section *section_from_spec(const char *spec);
void spec_from_section(const struct mailimap_section *sec, char *out, size_t outsz);
/*
 * Pure: the message rebuilt from rb's pieces ("HEADER" and those planned)
 * around body's tree, appended to raw: the same tree and multipart
 * subtypes, new boundaries, every leaf without its content marked
 * "X-Followupd-Omitted: N bytes" with an empty body.
 */
void emit_rebuilt(struct rebuild *rb, const struct mailimap_body *body, struct buf *raw);
void rebuild_free(struct rebuild *rb);

#endif
