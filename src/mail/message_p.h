/*
 * message_p.h: what the message module's files share; private to it (no
 * other module includes it):
 *   message.c         the MIME walk and message_parse();
 *   message_header.c  header fields, addresses, dates, Authentication-Results;
 *   message_text.c    charsets, transfer encodings, RFC 2047 / 2231, tidy text;
 *   message_html.c    HTML to text.
 * No libetpan type appears here: transfer encodings are libetpan's
 * MAILMIME_MECHANISM_* numbers passed as int.
 */
#ifndef FOLLOWUPD_MESSAGE_P_H
#define FOLLOWUPD_MESSAGE_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "message.h"
#include "util.h"

/* ---- decoding text (message_text.c) ---------------------------------------- */

/* Append cp as UTF-8: U+0000 dropped, a surrogate or anything beyond
 * U+10FFFF as U+FFFD. */
void message_put_cp(struct buf *b, uint32_t cp);

/* Append n bytes in charset (NULL or "": undeclared) to b as UTF-8, the
 * way charset_to_utf8() converts them; *bad (may be NULL) as there. */
void message_charset_append(struct buf *b, const char *charset, const char *p, size_t n,
    bool *bad);
/* Append p decoded by its Content-Transfer-Encoding (MAILMIME_MECHANISM_*;
 * anything else is copied): lenient base64 and quoted-printable. */
void message_transfer_decode(struct buf *out, int encoding, const char *p, size_t n);
/* An RFC 2231 value ("utf-8''%E2%82%AC.ics") as UTF-8; without the
 * charset'language' prefix it is read as RFC 2047.  Caller frees. */
char *message_rfc2231_decode(const char *v);
/* Clean up converted text: LF line ends, no trailing blanks, at most one
 * empty line in a row, no leading or trailing empty lines.  Caller frees;
 * *outlen gets its length. */
char *message_text_tidy(const char *s, size_t n, size_t *outlen);

/* ---- header fields (message_header.c) --------------------------------------- */

struct raw_field {
	char *name;
	char *value;    /* unfolded raw bytes converted to UTF-8, not 2047-decoded */
};

/*
 * Split the header section of raw into fields (*fields, caller frees each
 * name and value and the array), at most lim->max_headers of them, each
 * value cut at lim->max_header_len (MESSAGE_LONG_HEADER in *flags).
 * Returns the offset where the body starts.  Lines that are neither a
 * field nor a continuation are skipped, except before the first field,
 * where they start the body.  An mbox "From " line is skipped.
 */
size_t message_split_header(const struct message_limits *lim, const char *raw, size_t len,
    struct raw_field **fields, size_t *nfields, unsigned *flags);
/*
 * Lenient address-list parser, appending to l: splits on "," and ";"
 * outside quotes, comments and angle brackets; drops group names
 * ("Team: a@b, c@d;").  An address is what is inside <>, else the word
 * with an "@"; the rest is the name (a comment serves as the name when
 * there is none), RFC 2047-decoded.  s is the raw (not decoded) value.
 */
void message_parse_addresses(struct msg_addr_list *l, const char *s);
/* RFC 5322 date, leniently: optional weekday, "D Mon YYYY HH:MM[:SS] zone".
 * false when no plausible date was found. */
bool message_parse_date(const char *s, time_t *out);

/* ---- HTML (message_html.c) -------------------------------------------------- */

/* Convert the UTF-8 html p (n bytes) to readable text appended to out
 * (the shape message.h gives for MSG_PART_HTML, rows and cells as
 * MESSAGE_HTML_CELL_SEP says); links go into part (url and text owned by
 * the part).  Parsed by libxml2, which opens no file and no socket. */
void message_html_to_text(const char *p, size_t n, struct buf *out, struct msg_part *part);
/* Initialise libxml2's parser (message_preload() calls it, before any
 * seccomp filter). */
void message_html_init(void);

/* The daemon links message_nohtml.c instead of message_html.c (its object
 * comes before the library, so the library's is never pulled in): there an
 * HTML part's text is its source as it is, no links, and libxml2 is not
 * linked.  Every other program reads HTML with message_html.c. */

#endif
