/*
 * message: turn raw RFC 5322 bytes into a decoded, bounded, UTF-8 view.
 *
 * The input is hostile.  message_parse() never fails: when libetpan's MIME
 * parser gives up, the headers are parsed leniently and the whole body is
 * kept as one text part (MESSAGE_FALLBACK).  Everything is bounded by
 * struct message_limits; what exceeds a limit is dropped or cut and a flag
 * in message->flags says so.
 *
 * Every string in a struct message is UTF-8 (invalid bytes replaced with
 * U+FFFD), contains no NUL byte and is never NULL unless the field's
 * comment says "NULL when absent".  Everything is owned by the message and
 * freed by message_free().
 *
 * Run it inside the sandbox (sandbox.h) on mail from the network: libetpan
 * 1.9.4's MIME parser has known memory bugs.  Call message_preload() once
 * before the seccomp filter goes on, so iconv's converter modules are
 * already loaded when the filter forbids opening files.
 */
#ifndef FOLLOWUPD_MESSAGE_H
#define FOLLOWUPD_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* One mailbox: name is the decoded display name ("" if none, never NULL);
 * email is the addr-spec lower-cased, without angle brackets or "mailto:"
 * ("" for a name without an address). */
struct msg_addr {
	char *name;
	char *email;
};

struct msg_addr_list {
	struct msg_addr *v;
	size_t n;
};

/* One header field as it appeared (order kept, duplicates kept): name as
 * written, value unfolded, RFC 2047 decoded, trimmed. */
struct msg_header {
	char *name;
	char *value;
};

/* A link found in an HTML part: href as written (entities decoded,
 * trimmed), text the anchor's visible text ("" if none). */
struct msg_link {
	char *url;
	char *text;
};

enum msg_part_kind {
	MSG_PART_TEXT,      /* text/plain (and other text/ except html/calendar) */
	MSG_PART_HTML,      /* text/html, converted to readable text */
	MSG_PART_CALENDAR,  /* text/calendar, application/ics, *.ics attachments */
};

/*
 * In an HTML part's text, a table row (<tr>) is one line and its cells
 * are separated by this byte, one per cell boundary: "10:00 AM\tCoding\t
 * Ada Lovelace".  Cells empty at the start or end of a row leave no
 * separator (empty cells between two others do, so columns keep their
 * place); a cell's own line breaks (<br>, <p>, a nested table) still
 * break the line, so nested and layout tables flatten to lines of their
 * own.  HTML collapses white space, so in HTML text a TAB is only ever
 * this separator.
 */
#define MESSAGE_HTML_CELL_SEP '\t'

struct msg_part {
	enum msg_part_kind kind;
	char *content_type;   /* lower-case "type/subtype" as declared */
	char *charset;        /* declared charset, lower-case; NULL when absent */
	char *filename;       /* decoded file name; NULL when absent */
	char *method;         /* calendar: Content-Type "method=" upper-case; NULL when absent */
	bool attachment;      /* Content-Disposition: attachment */
	/*
	 * Decoded content as UTF-8.  TEXT: the text.  HTML: the readable
	 * text (parsed by libxml2's lenient HTML parser: tags, scripts and
	 * styles removed, entities decoded, block elements as line breaks,
	 * a link shown as "text <url>" when the URL is not already in its
	 * text, a table row as one line with MESSAGE_HTML_CELL_SEP between
	 * its cells).  CALENDAR: the iCalendar text.
	 */
	char *text;
	size_t len;           /* strlen(text) */
	char *html;           /* HTML only: the original HTML as UTF-8; NULL otherwise */
	struct msg_link *links;   /* HTML only: every <a href>, in order */
	size_t nlinks;
};

/* Flags in message->flags. */
#define MESSAGE_FALLBACK       0x01u  /* MIME parse failed: lenient headers, body as one text part */
#define MESSAGE_TRUNCATED      0x02u  /* decoded text cap reached: some text cut or dropped */
#define MESSAGE_TOO_MANY_PARTS 0x04u  /* part cap reached: later parts dropped */
#define MESSAGE_TOO_DEEP       0x08u  /* nesting cap reached: deeper parts dropped */
#define MESSAGE_LONG_HEADER    0x10u  /* a header value was cut at max_header_len */
#define MESSAGE_BAD_CHARSET    0x20u  /* some bytes were not valid in the declared charset */

struct message {
	/* Every header field of this message (not of attached ones). */
	struct msg_header *headers;
	size_t nheaders;

	struct msg_addr_list from, sender, reply_to, to, cc;

	char *subject;          /* "" when absent */
	char *date_raw;         /* Date: as written; NULL when absent */
	time_t date;            /* Date: as UTC seconds; valid only if has_date */
	bool has_date;

	/* Message-IDs including the angle brackets, e.g. "<a@b>". */
	char *message_id;       /* NULL when absent */
	char *in_reply_to;      /* first id of In-Reply-To; NULL when absent */
	char **references;      /* References: ids in order */
	size_t nreferences;

	/* Raw (decoded, unfolded) values; NULL when absent. */
	char *list_id;
	char *list_unsubscribe;
	char *precedence;
	char *auto_submitted;
	char *mailer;           /* X-Mailer, else User-Agent */

	/* Leaf parts of this message in document order.  Parts of attached
	 * messages are NOT here; they are in attached[i]->parts. */
	struct msg_part *parts;
	size_t nparts;

	/* message/rfc822 parts (a forwarded mail), each parsed recursively
	 * with the same limits (the caps are shared with the outer mail). */
	struct message **attached;
	size_t nattached;

	unsigned flags;         /* MESSAGE_* above; an attached message's
	                         * flags are also OR-ed into its parent's */
};

struct message_limits {
	size_t max_text;        /* total decoded bytes over all parts (default 1 MiB) */
	size_t max_parts;       /* leaf parts, attached messages included (default 500) */
	unsigned max_depth;     /* MIME nesting depth (default 20) */
	size_t max_header_len;  /* bytes of one unfolded header value (default 16 KiB) */
	size_t max_headers;     /* header fields kept per message (default 1000) */
};

/* Fill lim with the defaults above. */
void message_limits_default(struct message_limits *lim);

/*
 * Parse len bytes of raw mail (CRLF or LF line ends; NUL bytes are fine).
 * lim NULL means the defaults.  Never returns NULL; the caller frees the
 * result with message_free().
 */
struct message *message_parse(const char *raw, size_t len, const struct message_limits *lim);

void message_free(struct message *m);

/* First header named name (case-insensitive) of m, or NULL. */
const char *message_header(const struct message *m, const char *name);

/*
 * The readable body of m as one UTF-8 string (caller frees, never NULL):
 * every text/plain part, and an HTML part's text only when the message has
 * no text/plain part (multipart/alternative carries the same text twice).
 * Attached messages are not included.
 */
char *message_body_text(const struct message *m);

/*
 * Authentication-Results (RFC 8601): what the receiving server found when
 * it checked the sender.  Only the first such header counts: the user's
 * own server prepends it on arrival, and any lower down was written by
 * whoever sent the mail.  Bits:
 */
#define MSG_AUTH_DKIM_PASS  0x01u  /* a dkim=pass result */
#define MSG_AUTH_DKIM_FAIL  0x02u  /* a dkim=fail result */
#define MSG_AUTH_DMARC_PASS 0x04u
#define MSG_AUTH_DMARC_FAIL 0x08u
#define MSG_AUTH_SPF_PASS   0x10u
#define MSG_AUTH_SPF_FAIL   0x20u
#define MSG_AUTH_PRESENT    0x40u  /* the header was there with a server name */

/*
 * Parse one header value ("mx.example.net; dkim=fail (bad sig)
 * header.d=x.com; dmarc=fail ..."): comments, quoted strings, method
 * versions and properties are understood; only dkim, dmarc and spf with
 * pass or fail are reported.  Bounded: at most the first 8 KiB, 64
 * results and 16 nested comments are looked at; malformed input gives
 * what was read before it.  NULL gives 0.
 */
unsigned message_auth_parse(const char *value);
/* message_auth_parse() of m's first Authentication-Results header. */
unsigned message_auth_results(const struct message *m);
/* "dkim=fail"... for one bit; "present" for MSG_AUTH_PRESENT; "?" otherwise. */
const char *message_auth_name(unsigned bit);

/* Whether a Precedence value, value[0..len) as it is (no blanks around
 * it), names mass mail: "bulk", "list" or "junk", in any case.  Pure:
 * the one word list of recognition (detect_kind.c, on m->precedence)
 * and of readneed.c (on the raw field). */
bool message_precedence_bulk(const char *value, size_t len);

/*
 * Load what parsing may need from the file system (iconv converter
 * modules for the common charsets, the local time zone) so it works under
 * a seccomp filter that forbids open().  Idempotent; cheap after the
 * first call.
 */
void message_preload(void);

/*
 * Helpers shared with detect/ics (exposed for them and for tests).
 * charset_to_utf8: convert n bytes in charset (NULL/unknown: try UTF-8,
 * then windows-1252) to valid UTF-8 without NUL bytes; caller frees.
 * Sets *bad (if not NULL) when bytes had to be replaced.
 */
char *charset_to_utf8(const char *charset, const char *p, size_t n, bool *bad);

/* Decode RFC 2047 encoded words in a header value to UTF-8; caller frees. */
char *rfc2047_decode(const char *s);

#endif
