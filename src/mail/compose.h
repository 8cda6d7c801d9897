/*
 * compose: the exact RFC 5322 bytes of a follow-up mail.
 *
 * The result is what goes to SMTP and to the Sent folder unchanged:
 *  - CR LF after every line, no bare CR or LF anywhere (libcurl neither
 *    fixes bare LF nor dot-stuffs a line after one);
 *  - headers Date, From, To, Cc, Subject, Message-ID, In-Reply-To and
 *    References (when replying), MIME-Version, Content-Type
 *    "text/plain; charset=utf-8; format=flowed", Content-Transfer-Encoding;
 *  - every header line ASCII and at most 78 octets (only an address too
 *    long for that gets a longer line of its own, within 998): non-ASCII
 *    subjects and display names, and names too long to quote on one line,
 *    become RFC 2047 encoded words (UTF-8, Q or B, whichever is shorter),
 *    never splitting a character, folded onto several lines; other names
 *    are atoms or quoted strings (", \ escaped) as their characters need;
 *  - the body format=flowed (RFC 3676): a line longer than 78 octets is
 *    broken at spaces into lines of at most 72, each soft break a trailing
 *    space; lines starting with a space, '>' or "From " are space-stuffed;
 *    hard lines lose their trailing blanks (a "-- " separator aside);
 *  - then 7bit when it is ASCII with lines of at most 78 octets; otherwise
 *    quoted-printable with lines of at most 76 octets (a '.' at a line
 *    start is encoded too).
 *
 * No input can add a header: CR, LF and every other control character in
 * a subject or display name become a space; addresses and message ids are
 * validated and refused (an error) rather than repaired; header-looking
 * lines in the body stay in the body.
 */
#ifndef FOLLOWUPD_COMPOSE_H
#define FOLLOWUPD_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util.h"

/* A mailbox: display name (UTF-8, NULL or "" for none) and address. */
struct compose_addr {
	const char *name;
	const char *addr;
};

struct compose_mail {
	const char *from_name;            /* the user's name, may be NULL */
	const char *from_addr;            /* the user's address; its domain names the Message-ID */
	const struct compose_addr *to;    /* at least one */
	size_t nto;
	const struct compose_addr *cc;
	size_t ncc;
	const char *subject;              /* UTF-8; "Re: " is added when replying */
	const char *body;                 /* UTF-8, any line ends */
	const char *in_reply_to;          /* "<id@host>" of the mail replied to, or NULL */
	const char *references;           /* that mail's References header, or NULL */
	time_t date;
	const char *timezone;             /* IANA zone for the Date offset; NULL = UTC */
	const char *message_id;           /* "<id@host>" to reuse, or NULL for a new one */
};

/*
 * Build the message.  Returns 0 with the bytes appended to *out and
 * *message_id (caller frees; "<...@domain>") set, or -1 with *err (caller
 * frees) saying what is wrong: a missing or invalid address ("to[2]: not
 * a valid address: ..."), no recipient, an invalid in_reply_to or
 * message_id, a body that is not UTF-8.  *out is unchanged on failure.
 *
 * References: the valid message ids of m->references followed by
 * in_reply_to (unless already last); invalid entries (from a hostile
 * mail) are dropped; long chains keep the first id and the last 20.
 */
int compose_build(const struct compose_mail *m, struct buf *out, char **message_id,
		  char **err);

/* A new "<random@domain>" (160 random bits from getrandom(), 32 base32
 * characters: a digest's id must not be guessable), or NULL
 * when domain is not a valid domain name.  Caller frees. */
char *compose_message_id(const char *domain);

/*
 * An ordinary addr-spec: dot-atom local part (no quoted strings, no
 * comments), '@', a host name of letters, digits and hyphens (labels of at
 * most 63, no domain literal), ASCII only, at most 254 octets.
 */
bool compose_addr_valid(const char *addr);
/* "<left@right>", printable ASCII without spaces, at most 250 octets. */
bool compose_msgid_valid(const char *msgid);

/* Owned address lists (from compose_parse_addresses). */
struct compose_addrs {
	struct compose_addr *v;           /* name and addr are malloc'd */
	size_t n;
};
void compose_addrs_free(struct compose_addrs *list);

/*
 * Parse a header-style address list ("Ada Brooks <ada@example.com>,
 * \"Menon, Ravi\" <ravi@x.org>, bob@y.org", groups and comments allowed)
 * as a template's Cc renders it.  Appends to *list and returns 0, or -1
 * with *err set (caller frees) when an address is invalid, a quote or
 * bracket is not closed, or the text holds a control character (CR, LF).  Names keep
 * their text (quotes removed, encoded words left as they are).
 */
int compose_parse_addresses(const char *s, struct compose_addrs *list, char **err);

/*
 * The SMTP envelope recipients: every To and Cc address once (compared
 * without regard to case), in order.  Returns 0 with *rcpts (free with
 * compose_strv_free) and *n set, or -1 with *err set (caller frees).
 */
int compose_envelope(const struct compose_mail *m, char ***rcpts, size_t *n, char **err);

/*
 * The same from a composed (or edited) message: the addresses of its To,
 * Cc and Bcc headers.  Fails when there is none or one is invalid.
 */
int compose_envelope_from_message(const char *msg, size_t len, char ***rcpts, size_t *n,
				  char **err);

/*
 * A composed (or edited) message msg with its Date set to date (shown in
 * timezone) and its Message-ID to message_id, so the mail says when it
 * really left and carries the id that was recorded for it: each field
 * replaces the first of its name in place (a second one is dropped) or is
 * added at the end of the header when missing.  Every other byte is kept.
 * Returns 0 with the result appended to *out, or -1 with *err (caller
 * frees) when message_id is not a valid message id.
 */
int compose_stamp(const char *msg, size_t len, time_t date, const char *timezone,
    const char *message_id, struct buf *out, char **err);

void compose_strv_free(char **v, size_t n);

#endif
