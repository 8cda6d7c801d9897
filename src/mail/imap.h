/*
 * imap: one IMAP connection over verified TLS (libetpan underneath).
 *
 * The handle is opaque and owns everything of libetpan; no libetpan type
 * appears here.  One handle is one connection at a time: imap_connect()
 * opens it, imap_disconnect() closes it, and the same handle can connect
 * again (after a failure, with a fresh secret).
 *
 * Security, in order, on every connect:
 *   - imaps: TLS from the first byte.  starttls: STARTTLS is mandatory; a
 *     server that does not offer it (or greets with PREAUTH) is refused
 *     unless allow_insecure.  none: plain text, only with allow_insecure.
 *   - SNI is sent (host names only, not IP literals).
 *   - After the handshake and before any credential the peer chain is
 *     verified by tls_verify_chain() (system store + ca_file, dates, host
 *     name); a refusal names the reason: "certificate of HOST:PORT is not
 *     trusted (unknown CA)", "... is for 'x', not 'y'", "... expired on D".
 *     With a pin (tls_fingerprint / tls_cert_file) tls_verify_pin() takes
 *     its place: the server's own certificate must be the pinned one.
 *   - Plain-text bytes buffered behind the STARTTLS reply are refused
 *     (response injection).
 *   - Capabilities are read again after STARTTLS and after login.
 * The secret is never logged and never sent before the checks pass.
 *
 * Results.  Every call that talks to the server returns
 *   IMAP_OK        done;
 *   IMAP_TEMPFAIL  network error, timeout, server BYE or an answer that says
 *                  "later" ([UNAVAILABLE], [INUSE], [OVERQUOTA], [LIMIT],
 *                  [SERVERBUG]); retry later, with backoff;
 *   IMAP_PERMFAIL  retrying the same thing will fail the same way: login
 *                  refused, certificate refused, bad configuration, the
 *                  server said NO/BAD to this command.
 * imap_error() then holds one line saying what failed (server text
 * included, control bytes removed).  After a network failure, a timeout or
 * BYE the connection is closed (imap_connected() is false) and the caller
 * reconnects; after a NO/BAD it stays usable.  The module logs nothing above
 * debug level (one exception: a warning when allow_insecure lets a login go
 * on without TLS): the caller logs imap_error().
 *
 * Timeouts: every read and write waits at most config.timeout seconds; a
 * server that stops answering is a TEMPFAIL.  The socket has TCP keepalive
 * (net_set_keepalive), so a connection a NAT dropped while idling is noticed
 * within about two minutes.
 *
 * Signals: libetpan writes to sockets without MSG_NOSIGNAL: the program must
 * ignore SIGPIPE.  Descriptors: libetpan waits with select(), so the socket
 * must stay below FD_SETSIZE; open this connection early.
 *
 * Folder names are UTF-8 on this side: the module converts them to and
 * from IMAP's modified UTF-7 (imap_folder_encode/decode).
 */
#ifndef FOLLOWUPD_IMAP_H
#define FOLLOWUPD_IMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util.h"

struct imap;

enum imap_security {
	IMAP_SECURITY_IMAPS = 0,    /* imaps://, port 993 */
	IMAP_SECURITY_STARTTLS,     /* imap://, port 143, STARTTLS required */
	IMAP_SECURITY_NONE,         /* imap:// without TLS: needs allow_insecure */
};

enum imap_auth {
	IMAP_AUTH_PLAIN = 0,        /* AUTHENTICATE PLAIN (with SASL-IR), else LOGIN */
	IMAP_AUTH_LOGIN,            /* the LOGIN command */
	IMAP_AUTH_XOAUTH2,          /* AUTHENTICATE XOAUTH2, secret is the access token */
	IMAP_AUTH_OAUTHBEARER,      /* AUTHENTICATE OAUTHBEARER (RFC 7628), the same token */
};

enum imap_result {
	IMAP_OK = 0,
	IMAP_TEMPFAIL,
	IMAP_PERMFAIL,
};

struct imap_config {
	const char *host;           /* name or IP literal; checked against the certificate */
	unsigned port;              /* 0: 993 for imaps, 143 otherwise */
	enum imap_security security;
	const char *user;
	enum imap_auth auth;
	const char *secret;         /* password or OAuth2 token; may be set later */
	const char *ca_file;        /* PEM trusted besides the system store; NULL or "" */
	const char *tls_fingerprint; /* pin (tls_verify_pin()): replaces the store,
	                               date and host checks; NULL or "" */
	const char *tls_cert_file;  /* pinned PEM certificate, the same way; NULL or "" */
	int timeout;                /* seconds per network wait; <= 0 means 60 */
	bool allow_insecure;        /* permit plain text (see above); certificates are
	                               checked regardless */
};

/*
 * A handle for cfg.  Every string is copied (the secret into memory that is
 * wiped on free).  Nothing is sent yet.  Never returns NULL.
 */
struct imap *imap_new(const struct imap_config *cfg);
/* Replace the secret used by the next imap_connect() (a fresh token). */
void imap_set_secret(struct imap *im, const char *secret);
/* LOGOUT if connected, close, wipe the secret, free.  NULL is fine. */
void imap_free(struct imap *im);

/*
 * Connect, secure, verify and log in (see the top of this file).  On
 * failure nothing stays open.  Connecting a connected handle first
 * disconnects it.
 */
enum imap_result imap_connect(struct imap *im);
/* Send LOGOUT (waiting at most the timeout) and close.  Safe when closed. */
void imap_disconnect(struct imap *im);
bool imap_connected(const struct imap *im);
/* The last failure, one line; "" when there was none.  Owned by im. */
const char *imap_error(const struct imap *im);
/*
 * After imap_connect() failed with IMAP_PERMFAIL because the server
 * refused the login itself (NO to LOGIN / AUTHENTICATE: [AUTHENTICATIONFAILED],
 * [ALERT], [WEBALERT]..., anything but an answer that says "later" such as
 * [UNAVAILABLE]): the server's words, without "NO", e.g.
 * "[AUTHENTICATIONFAILED] Authentication failed.".  NULL when the last
 * connect was not refused so.  With an OAuth2 token this is what an expired
 * token looks like: imap_set_secret() a fresh one and connect again.
 * Owned by im, valid until the next imap_connect().
 */
const char *imap_login_refused(const struct imap *im);
/* Does the server announce cap ("IDLE", "UIDPLUS", "AUTH=PLAIN"...)? */
bool imap_has_capability(const struct imap *im, const char *cap);
/* Bytes read from / written to the server since imap_new (after TLS). */
uint64_t imap_bytes_in(const struct imap *im);
uint64_t imap_bytes_out(const struct imap *im);

/*
 * SELECT folder (read-write; FETCH uses BODY.PEEK, so nothing becomes
 * \Seen).  Any output pointer may be NULL.  uidnext is never 0 on success:
 * when the server does not announce UIDNEXT it is derived from the
 * highest UID.  A folder that does not exist is IMAP_PERMFAIL.
 */
enum imap_result imap_select(struct imap *im, const char *folder,
    uint32_t *uidvalidity, uint32_t *uidnext, uint32_t *exists);
/* The selected folder, or NULL. */
const char *imap_selected(const struct imap *im);
/*
 * STATUS folder (UIDNEXT UIDVALIDITY): what SELECT would say of them,
 * without changing the selection (for a folder that is not the selected
 * one).  Either is 0 when the server did not say.
 */
enum imap_result imap_folder_status(struct imap *im, const char *folder, uint32_t *uidvalidity,
    uint32_t *uidnext);

/* A list of UIDs, ascending, without duplicates.  Free with imap_uids_free. */
struct imap_uids {
	uint32_t *uid;
	size_t n;
};
void imap_uids_free(struct imap_uids *u);

/* UIDs of the selected folder's messages that arrived on or after the
 * calendar day of since (UTC; IMAP SEARCH SINCE has day granularity). */
enum imap_result imap_uid_search_since(struct imap *im, time_t since, struct imap_uids *out);
/* UIDs >= first in the selected folder ("UID SEARCH UID first:*", with the
 * server's "last message even when first > max" answer filtered out). */
enum imap_result imap_uid_search_from(struct imap *im, uint32_t first, struct imap_uids *out);

/* One leaf MIME part of a message, from BODYSTRUCTURE. */
struct imap_part {
	char section[48];           /* IMAP section, "1", "2.1", "3.1.2" */
	char type[80];              /* lower case "text/calendar"; "" if unknown */
	uint32_t size;              /* encoded size in octets */
};

/* A message's BODYSTRUCTURE as the server sent it (opaque). */
struct imap_shape;

/* What imap_fetch_headers tells about one message. */
struct imap_msg {
	uint32_t uid;
	uint32_t size;              /* RFC822.SIZE */
	time_t internaldate;        /* (time_t)-1 if absent */
	bool seen;
	char *header;               /* raw header, CRLF lines, ends with the blank line */
	size_t header_len;
	struct imap_part *parts;    /* leaf parts, depth first; bounded at 256 */
	size_t nparts;
	struct imap_shape *shape;   /* for imap_fetch_parts; NULL without BODYSTRUCTURE */
	/* The structure may hold a calendar: a calendar part (by type or file
	 * name), an attached message, or no structure to tell. */
	bool calendar_maybe;
	/* imap_fetch_from with whole_max: the whole message (RFC822.SIZE
	 * bytes, byte for byte) when it was that small, else NULL. */
	char *whole;
	size_t whole_len;
};
void imap_msgs_free(struct imap_msg *m, size_t n);

/*
 * UID FETCH (UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[HEADER]
 * BODYSTRUCTURE) for uids[0..n) in the selected folder, 500 UIDs per
 * command.  *out (caller frees with imap_msgs_free) gets one entry per
 * message the server returned, in ascending UID order; a UID that no
 * longer exists is simply absent, and answers for UIDs that were not asked
 * are dropped.  The whole header, not a list of fields: with
 * HEADER.FIELDS of the fields recognition names, two mails of the corpus
 * (an mbox "From " line, a header with Status and X-UID) read differently.
 */
enum imap_result imap_fetch_headers(struct imap *im, const uint32_t *uids, size_t n,
    struct imap_msg **out, size_t *nout);

/*
 * The same items for every message from UID first on ("UID FETCH first:*",
 * without a SEARCH first; the server's answer for the last message when
 * first is above every UID is dropped), in one command: for the few
 * messages IDLE just announced.  With whole_max > 0 each message's first
 * whole_max bytes come too (BODY.PEEK[]<0.whole_max>): a message no
 * larger has imap_msg.whole set and needs no other FETCH
 * (imap_fetch_parts takes it as it is); of a larger one those bytes are
 * dropped and its parts are fetched as usual.  The caller bounds the
 * number of messages (imap_idle_arrivals): nothing here does.
 */
enum imap_result imap_fetch_from(struct imap *im, uint32_t first, size_t whole_max,
    struct imap_msg **out, size_t *nout);
/* Did the answer to the last imap_fetch_from announce EXISTS?  How many
 * more messages it counted (at least 1 then), else 0.  Mail that came
 * while the server answered, which IDLE will not announce again: fetch
 * from the last UID once more. */
uint32_t imap_fetch_saw_exists(const struct imap *im);

/* A message as fetched for recognition. */
struct imap_fetched {
	struct buf raw;             /* the bytes for the MIME parser */
	uint32_t size;              /* RFC822.SIZE on the server */
	bool complete;              /* raw is the server's message, byte for byte */
	bool gone;                  /* no message with this UID; raw is empty */
	size_t omitted;             /* parts replaced by a placeholder */
	uint64_t fetched;           /* bytes of message data downloaded for it */
	bool ready;                 /* imap_fetch_parts: this one is done, even
	                               when a later one failed */
};
void imap_fetched_free(struct imap_fetched *f);

/*
 * Fetch message uid of the selected folder so that the MIME parser sees all
 * recognition needs, downloading at most about max_bytes of it:
 *   - RFC822.SIZE <= max_bytes: the whole message (BODY.PEEK[]), complete.
 *   - otherwise the header (BODY.PEEK[HEADER]) and the MIME headers of every
 *     part, plus the content of the parts recognition reads (text/calendar,
 *     application/ics, text/plain, text/html, in that priority, each only if
 *     it still fits the budget), and for message/rfc822 parts the enclosed
 *     header and, recursively, its parts.  They are put back together as a
 *     MIME message with the same tree and multipart subtypes but new
 *     boundaries; every part left out keeps its own MIME header, gains the
 *     header "X-Followupd-Omitted: <size> bytes" and has an empty body.
 * A 50 MB attachment is therefore never downloaded.  *out is reset first;
 * free with imap_fetched_free.
 */
enum imap_result imap_fetch_for_recognition(struct imap *im, uint32_t uid,
    size_t max_bytes, struct imap_fetched *out);

/*
 * The messages msgs[0..n) of imap_fetch_headers, for recognition, with
 * few commands: for each message with a shape, the MIME header of every
 * part and, when contents[i], the content of the parts recognition reads
 * (imap_wanted_rank in imap_p.h: text and calendar parts, never another
 * attachment; best first while they fit max_bytes); messages that want
 * the same sections share one UID FETCH (up to 500 UIDs each).  out[i]
 * (n of them, reset first; free each with imap_fetched_free) is the
 * message rebuilt from msgs[i].header and those pieces, the parts not
 * downloaded marked as in imap_fetch_for_recognition (never complete),
 * fetched counting the header and every piece; gone when the server sent
 * nothing for it.  A message that came whole (imap_msg.whole) is taken
 * as it is, complete, without a command.  A message without a shape is
 * fetched with
 * imap_fetch_for_recognition(max_bytes), after the others, in order.  On
 * failure the messages done before it keep out[i].ready and their data;
 * every other out[i] is empty.
 */
enum imap_result imap_fetch_parts(struct imap *im, const struct imap_msg *msgs, size_t n,
    const bool *contents, size_t max_bytes, struct imap_fetched *out);

/*
 * Is there a message whose Message-ID is exactly msgid (with the angle
 * brackets, as in the header) in folder?  UID SEARCH HEADER is a substring
 * match, so every hit's Message-ID header is fetched and compared exactly
 * (after unfolding and trimming).  *uid (may be NULL) gets the first such
 * UID or 0.  folder is selected read-only (EXAMINE) unless it is already
 * the selected folder, and stays selected: select the watched folder again
 * afterwards.
 */
enum imap_result imap_search_message_id(struct imap *im, const char *folder,
    const char *msgid, bool *found, uint32_t *uid);

/*
 * APPEND data[0..len) to folder, with \Seen when seen.  Bare LF line ends
 * are sent as CRLF.  *uid (may be NULL) gets the new UID when the server has
 * UIDPLUS, else 0.  Does not change the selected folder.
 */
enum imap_result imap_append(struct imap *im, const char *folder, const char *data,
    size_t len, bool seen, uint32_t *uid);

/*
 * APPEND the n messages data[i][0..len[i]) to folder, with \Seen when
 * seen, in as few round trips as the server allows: with MULTIAPPEND (RFC
 * 3502) and LITERAL+ (RFC 7888), one command whose literals go without
 * waiting for the server, and one answer (the server saves all or none);
 * otherwise one APPEND after another (imap_append).  *saved gets how many,
 * from the first, were saved.  IMAP_OK when all were.  Does not change the
 * selected folder.
 *
 * later: a MULTIAPPEND is only written (IMAP_OK, *saved 0): the server
 * saves the messages while the caller goes on, its answer is read before
 * the next command on the connection, and imap_append_collect() says how
 * it went.  Without MULTIAPPEND later changes nothing.
 */
enum imap_result imap_append_many(struct imap *im, const char *folder,
    const char *const *data, const size_t *len, size_t n, bool seen, bool later,
    size_t *saved);

/*
 * The outcome of the last MULTIAPPEND written with later, read now if it
 * is not yet: IMAP_OK when all its messages were saved, else the failure
 * (imap_error says why; a connection lost before the answer is a
 * TEMPFAIL: they may or may not be in the folder).  *had is false when
 * there is none to collect (then IMAP_OK).
 */
enum imap_result imap_append_collect(struct imap *im, bool *had);

/*
 * Find the folder for sent mail: LIST "" "*" and take the one flagged \Sent
 * (RFC 6154); without such a flag, the first folder named (ignoring case)
 * "Sent", "Sent Items", "Sent Messages", "Sent Mail" or "INBOX.Sent" /
 * "INBOX/Sent".  *name (caller frees) is NULL when none was found: the caller
 * then falls back to its configured name.
 */
enum imap_result imap_find_sent_folder(struct imap *im, char **name);

/* NOOP; *new_mail (may be NULL) is true if the server announced EXISTS. */
enum imap_result imap_noop(struct imap *im, bool *new_mail);

/*
 * IDLE (RFC 2177) on the selected folder.  The loop is:
 *
 *     imap_idle_start(im);
 *     for (;;) {
 *         if (!imap_idle_has_data(im))
 *             poll imap_fd(im) for POLLIN, with the loop's other fds and a
 *             timeout of at most 29 minutes;
 *         if (readable or imap_idle_has_data(im))
 *             imap_idle_read(im, &new_mail);   -- may end with TEMPFAIL
 *         if (new_mail or time to refresh or something else to do)
 *             break;
 *     }
 *     imap_idle_done(im, &new_mail);   -- then search, fetch, idle again
 *
 * imap_idle_has_data must be asked before every poll: libetpan may already
 * hold the server's "* N EXISTS" in its buffer (read together with the
 * "+ idling" line), and poll on the socket would never report it.
 * A connection must have a folder selected to idle; a server without the
 * IDLE capability gives IMAP_PERMFAIL (poll with imap_noop instead).
 * Limits: libetpan drops untagged answers that come before "+ idling" (no
 * server seen here does that: Dovecot announces after it), and a TLS record
 * without application data (a TLS 1.3 KeyUpdate) makes imap_idle_read wait
 * for the timeout.  Both are covered by searching from the last UID after
 * every IDLE refresh, which the caller does anyway.
 */
enum imap_result imap_idle_start(struct imap *im);
bool imap_idling(const struct imap *im);
/* The socket to poll (POLLIN) while idling; -1 when not connected. */
int imap_fd(const struct imap *im);
bool imap_idle_has_data(const struct imap *im);
/*
 * Read and interpret what the server sent while idling, without leaving
 * IDLE.  Returns after the buffered and readily available lines are
 * consumed (it waits at most the timeout for the rest of a partial line).
 * *new_mail is set to true (never to false) on EXISTS or RECENT.  BYE or
 * a broken connection: IMAP_TEMPFAIL and the connection is closed.
 */
enum imap_result imap_idle_read(struct imap *im, bool *new_mail);
/* Send DONE and wait for the server's OK; *new_mail as above.  Calling it
 * when not idling is a no-op returning IMAP_OK. */
enum imap_result imap_idle_done(struct imap *im, bool *new_mail);
/*
 * After imap_idle_done: how many messages arrived in the selected folder
 * since IDLE began, as the server counted them (its last EXISTS, plus
 * what it expunged while idling, less the count when IDLE began).  An
 * estimate to size the next FETCH with (imap_fetch_from), never a list: a
 * message announced in the answer to a command before IDLE is not in it.
 * -1 when unknown: no IDLE ended since the selection changed, or
 * imap_fetch_from took the news since.
 */
long imap_idle_arrivals(const struct imap *im);
/* UIDVALIDITY of the selected folder as SELECT gave it; 0 when none. */
uint32_t imap_selected_uidvalidity(const struct imap *im);
/*
 * The number of messages of the selected folder as the server last told
 * it: by SELECT, then by each EXISTS and EXPUNGE in the answer to any
 * command since, or while idling; 0 when none is selected.  A server
 * tells of an arrival once, in whichever answer comes next, and IDLE does
 * not tell it again: a count that moved since a sync listed the folder
 * means that sync may have missed a message.
 */
uint32_t imap_selected_exists(const struct imap *im);

/*
 * Convert a folder name between UTF-8 and IMAP's modified UTF-7
 * (RFC 3501 5.1.3).  Return a new string (caller frees), or NULL if the
 * input is not valid UTF-8 / modified UTF-7.
 */
char *imap_folder_encode(const char *utf8);
char *imap_folder_decode(const char *mutf7);

#endif
