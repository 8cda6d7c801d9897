/*
 * message: MIME parsing with libetpan, decoding to bounded UTF-8 (the
 * contract is in message.h).
 *
 * libetpan finds the MIME structure; this file walks it, keeps the leaves
 * recognition reads (text, HTML, calendars) within the limits, parses
 * attached messages as messages of their own, and falls back to one text
 * part when libetpan gives up, because real mail breaks every rule and a
 * parse failure must never lose the text a user cares about.  The pieces
 * it is built from: message_header.c (header fields, addresses, dates,
 * Authentication-Results), message_text.c (charsets, transfer encodings,
 * RFC 2047 / 2231) and message_html.c (HTML to text), shared through
 * message_p.h.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "message.h"
#include "message_p.h"
#include "parties.h"
#include "util.h"

/* Shared by an outer message and everything attached to it. */
struct parse_ctx {
	struct message_limits lim;
	size_t text_used;
	size_t parts_used;
};

static struct message *parse_raw(struct parse_ctx *ctx, const char *raw, size_t len, unsigned depth);

void
message_limits_default(struct message_limits *lim)
{
	lim->max_text = 1024 * 1024;
	lim->max_parts = 500;
	lim->max_depth = 20;
	lim->max_header_len = 16 * 1024;
	lim->max_headers = 1000;
}

/* ------------------------------------------------------------------ */
/* MIME walk                                                             */

static char *
lower_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");
	str_lower(r);
	return r;
}

static const char *
content_param(struct mailmime_content *ct, const char *name)
{
	clistiter *it;

	if (ct == NULL || ct->ct_parameters == NULL)
		return NULL;
	for (it = clist_begin(ct->ct_parameters); it != NULL; it = clist_next(it)) {
		struct mailmime_parameter *pa = clist_content(it);
		if (pa != NULL && pa->pa_name != NULL && pa->pa_value != NULL &&
		    strcasecmp(pa->pa_name, name) == 0)
			return pa->pa_value;
	}
	return NULL;
}

/* "type/subtype" of a part, lower-case; caller frees. */
static char *
content_type_str(struct mailmime_content *ct)
{
	const char *type = "text", *sub = "plain";

	if (ct != NULL && ct->ct_type != NULL) {
		struct mailmime_type *t = ct->ct_type;
		if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE && t->tp_data.tp_discrete_type) {
			switch (t->tp_data.tp_discrete_type->dt_type) {
			case MAILMIME_DISCRETE_TYPE_TEXT: type = "text"; break;
			case MAILMIME_DISCRETE_TYPE_IMAGE: type = "image"; break;
			case MAILMIME_DISCRETE_TYPE_AUDIO: type = "audio"; break;
			case MAILMIME_DISCRETE_TYPE_VIDEO: type = "video"; break;
			case MAILMIME_DISCRETE_TYPE_APPLICATION: type = "application"; break;
			default:
				type = t->tp_data.tp_discrete_type->dt_extension ?
				    t->tp_data.tp_discrete_type->dt_extension : "x-unknown";
			}
		} else if (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE && t->tp_data.tp_composite_type) {
			switch (t->tp_data.tp_composite_type->ct_type) {
			case MAILMIME_COMPOSITE_TYPE_MESSAGE: type = "message"; break;
			case MAILMIME_COMPOSITE_TYPE_MULTIPART: type = "multipart"; break;
			default:
				type = t->tp_data.tp_composite_type->ct_token ?
				    t->tp_data.tp_composite_type->ct_token : "x-unknown";
			}
		}
		if (ct->ct_subtype != NULL)
			sub = ct->ct_subtype;
	}
	{
		char *r = xasprintf("%s/%s", type, sub);
		str_lower(r);
		return r;
	}
}

static char *
part_filename(struct mailmime *mm)
{
	const char *v = NULL;
	bool ext = false;

	if (mm->mm_mime_fields != NULL && mm->mm_mime_fields->fld_list != NULL) {
		clistiter *it;
		for (it = clist_begin(mm->mm_mime_fields->fld_list); it; it = clist_next(it)) {
			struct mailmime_field *f = clist_content(it);
			clistiter *pi;
			if (f->fld_type != MAILMIME_FIELD_DISPOSITION || f->fld_data.fld_disposition == NULL ||
			    f->fld_data.fld_disposition->dsp_parms == NULL)
				continue;
			for (pi = clist_begin(f->fld_data.fld_disposition->dsp_parms); pi; pi = clist_next(pi)) {
				struct mailmime_disposition_parm *dp = clist_content(pi);
				if (dp->pa_type == MAILMIME_DISPOSITION_PARM_FILENAME && dp->pa_data.pa_filename)
					v = dp->pa_data.pa_filename;
				else if (dp->pa_type == MAILMIME_DISPOSITION_PARM_PARAMETER &&
				    dp->pa_data.pa_parameter != NULL &&
				    dp->pa_data.pa_parameter->pa_name != NULL &&
				    strcasecmp(dp->pa_data.pa_parameter->pa_name, "filename*") == 0 &&
				    dp->pa_data.pa_parameter->pa_value != NULL) {
					v = dp->pa_data.pa_parameter->pa_value;
					ext = true;
				}
			}
		}
	}
	if (v == NULL) {
		v = content_param(mm->mm_content_type, "name");
		if (v == NULL && (v = content_param(mm->mm_content_type, "name*")) != NULL)
			ext = true;
	}
	if (v == NULL)
		return NULL;
	return ext ? message_rfc2231_decode(v) : rfc2047_decode(v);
}

static bool
part_is_attachment(struct mailmime *mm)
{
	clistiter *it;

	if (mm->mm_mime_fields == NULL || mm->mm_mime_fields->fld_list == NULL)
		return false;
	for (it = clist_begin(mm->mm_mime_fields->fld_list); it; it = clist_next(it)) {
		struct mailmime_field *f = clist_content(it);
		if (f->fld_type == MAILMIME_FIELD_DISPOSITION && f->fld_data.fld_disposition &&
		    f->fld_data.fld_disposition->dsp_type &&
		    f->fld_data.fld_disposition->dsp_type->dsp_type == MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
			return true;
	}
	return false;
}

/* Find a charset in <meta charset=...> or <meta ... content="...charset=...">. */
static char *
html_meta_charset(const char *p, size_t n)
{
	size_t lim = n < 4096 ? n : 4096, i;

	for (i = 0; i + 8 < lim; i++) {
		if (strncasecmp(p + i, "charset=", 8) == 0) {
			size_t b = i + 8, e;
			while (b < lim && (p[b] == '"' || p[b] == '\''))
				b++;
			e = b;
			while (e < lim && (isalnum((unsigned char)p[e]) || p[e] == '-' || p[e] == '_'))
				e++;
			if (e > b)
				return xstrndup(p + b, e - b);
		}
	}
	return NULL;
}

static bool
is_calendar(const char *ctype, const char *filename)
{
	if (strcmp(ctype, "text/calendar") == 0 || strcmp(ctype, "application/ics") == 0 ||
	    strcmp(ctype, "text/x-vcalendar") == 0 || strcmp(ctype, "application/calendar") == 0 ||
	    strcmp(ctype, "text/ics") == 0 || strcmp(ctype, "application/x-ical") == 0)
		return true;
	if (filename != NULL && (str_has_suffix(filename, ".ics") || str_has_suffix(filename, ".ICS") ||
	    str_has_suffix(filename, ".vcs") || str_has_suffix(filename, ".ical")) &&
	    (str_has_prefix(ctype, "application/") || str_has_prefix(ctype, "text/")))
		return true;
	return false;
}

/* Whether a leaf of this type is read, and as what (false: images,
 * PDFs...: nothing to read). */
static bool
leaf_kind(const char *ctype, const char *filename, enum msg_part_kind *kind)
{
	if (is_calendar(ctype, filename))
		*kind = MSG_PART_CALENDAR;
	else if (filename != NULL && strcmp(ctype, "application/octet-stream") == 0 &&
	    (str_has_suffix(filename, ".txt") || str_has_suffix(filename, ".TXT")))
		*kind = MSG_PART_TEXT;
	else if (strcmp(ctype, "text/html") == 0 || strcmp(ctype, "application/xhtml+xml") == 0)
		*kind = MSG_PART_HTML;
	else if (str_has_prefix(ctype, "text/") && strcmp(ctype, "text/rtf") != 0 &&
	    strcmp(ctype, "text/enriched") != 0 && strcmp(ctype, "text/x-vcard") != 0 &&
	    strcmp(ctype, "text/vcard") != 0 && strcmp(ctype, "text/csv") != 0)
		*kind = MSG_PART_TEXT;
	else
		return false;
	return true;
}

static struct msg_part *
message_new_part(struct message *m)
{
	struct msg_part *p;

	m->parts = xreallocarray(m->parts, m->nparts + 1, sizeof(*m->parts));
	p = &m->parts[m->nparts++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* Cut s (UTF-8) to at most *room bytes at a character boundary. */
static void
budget_cut(struct parse_ctx *ctx, struct message *m, char *s, size_t *len)
{
	size_t room = ctx->lim.max_text > ctx->text_used ? ctx->lim.max_text - ctx->text_used : 0;

	if (*len > room) {
		size_t k = room;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		s[k] = '\0';
		*len = k;
		m->flags |= MESSAGE_TRUNCATED;
	}
	ctx->text_used += *len;
}

/* Add a leaf part from decoded bytes (transfer encoding already undone). */
static void
add_leaf(struct parse_ctx *ctx, struct message *m, const char *ctype, const char *charset,
    const char *method, char *filename, bool attachment, const char *data, size_t n)
{
	enum msg_part_kind kind;
	struct msg_part *part;
	struct buf conv = { 0 };
	bool bad = false;
	char *meta = NULL;

	if (!leaf_kind(ctype, filename, &kind)) {
		free(filename);
		return;                 /* images, PDFs...: nothing to read */
	}
	if (ctx->parts_used >= ctx->lim.max_parts) {
		m->flags |= MESSAGE_TOO_MANY_PARTS;
		free(filename);
		return;
	}
	if (ctx->text_used >= ctx->lim.max_text) {
		m->flags |= MESSAGE_TRUNCATED;
		free(filename);
		return;
	}
	ctx->parts_used++;
	if (kind == MSG_PART_HTML && (charset == NULL || *charset == '\0'))
		charset = meta = html_meta_charset(data, n);
	/* Convert no more than a generous multiple of what we may keep. */
	{
		size_t room = ctx->lim.max_text - ctx->text_used;
		size_t cap = room > SIZE_MAX / 8 ? SIZE_MAX : room * 8;
		if (n > cap) {
			n = cap;
			m->flags |= MESSAGE_TRUNCATED;
		}
	}
	message_charset_append(&conv, charset, data, n, &bad);
	if (bad)
		m->flags |= MESSAGE_BAD_CHARSET;

	part = message_new_part(m);
	part->kind = kind;
	part->content_type = xstrdup(ctype);
	part->charset = (charset && *charset) ? lower_dup(charset) : NULL;
	part->filename = filename;
	part->method = method ? xstrdup(method) : NULL;
	if (part->method)
		for (char *q = part->method; *q; q++)
			*q = (char)toupper((unsigned char)*q);
	part->attachment = attachment;
	if (kind == MSG_PART_HTML) {
		struct buf txt = { 0 };
		size_t hlen = conv.len;

		message_html_to_text(conv.data ? conv.data : "", conv.len, &txt, part);
		part->text = message_text_tidy(txt.data ? txt.data : "", txt.len, &part->len);
		buf_free(&txt);
		budget_cut(ctx, m, part->text, &part->len);
		part->html = buf_steal(&conv);
		budget_cut(ctx, m, part->html, &hlen);
	} else if (kind == MSG_PART_CALENDAR) {
		/* keep the text as it is except CRLF, which libical takes either way */
		part->text = message_text_tidy(conv.data ? conv.data : "", conv.len, &part->len);
		budget_cut(ctx, m, part->text, &part->len);
	} else {
		part->text = message_text_tidy(conv.data ? conv.data : "", conv.len, &part->len);
		budget_cut(ctx, m, part->text, &part->len);
	}
	buf_free(&conv);
	free(meta);
}

static void
attach_message(struct parse_ctx *ctx, struct message *m, const char *data, size_t n, unsigned depth)
{
	struct message *inner;

	if (ctx->parts_used >= ctx->lim.max_parts) {
		m->flags |= MESSAGE_TOO_MANY_PARTS;
		return;
	}
	if (depth >= ctx->lim.max_depth) {
		m->flags |= MESSAGE_TOO_DEEP;
		return;
	}
	ctx->parts_used++;
	inner = parse_raw(ctx, data, n, depth);
	m->flags |= inner->flags;
	m->attached = xreallocarray(m->attached, m->nattached + 1, sizeof(*m->attached));
	m->attached[m->nattached++] = inner;
}

static void
walk_mime(struct parse_ctx *ctx, struct message *m, struct mailmime *mm, unsigned depth,
    bool in_digest)
{
	char *ctype;

	if (mm == NULL)
		return;
	if (depth >= ctx->lim.max_depth) {
		m->flags |= MESSAGE_TOO_DEEP;
		return;
	}
	if (mm->mm_content_type == NULL && in_digest)
		ctype = xstrdup("message/rfc822");
	else
		ctype = content_type_str(mm->mm_content_type);

	switch (mm->mm_type) {
	case MAILMIME_MULTIPLE: {
		clistiter *it;
		bool digest = strcmp(ctype, "multipart/digest") == 0;

		if (mm->mm_data.mm_multipart.mm_mp_list == NULL)
			break;
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list); it; it = clist_next(it))
			walk_mime(ctx, m, clist_content(it), depth + 1, digest);
		break;
	}
	case MAILMIME_MESSAGE:
		/* An attached message: parse its raw bytes as a mail of its own. */
		if (mm->mm_body != NULL && mm->mm_body->dt_type == MAILMIME_DATA_TEXT) {
			struct buf dec = { 0 };
			message_transfer_decode(&dec, mm->mm_body->dt_encoded ? mm->mm_body->dt_encoding : 0,
			    mm->mm_body->dt_data.dt_text.dt_data, mm->mm_body->dt_data.dt_text.dt_length);
			attach_message(ctx, m, dec.data ? dec.data : "", dec.len, depth + 1);
			buf_free(&dec);
		}
		break;
	case MAILMIME_SINGLE: {
		struct mailmime_data *d = mm->mm_data.mm_single;
		struct buf dec = { 0 };
		enum msg_part_kind kind;
		char *filename;

		if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
			break;
		if (strcmp(ctype, "message/rfc822") == 0 || strcmp(ctype, "message/global") == 0) {
			message_transfer_decode(&dec, d->dt_encoded ? d->dt_encoding : 0,
			    d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length);
			attach_message(ctx, m, dec.data ? dec.data : "", dec.len, depth + 1);
			buf_free(&dec);
			break;
		}
		/* hostile-input test: a part nobody reads (a 50 MB attachment) is
		 * not decoded at all; decoding it cost seconds and its size in
		 * memory for nothing. */
		filename = part_filename(mm);
		if (!leaf_kind(ctype, filename, &kind)) {
			free(filename);
			break;
		}
		message_transfer_decode(&dec, d->dt_encoded ? d->dt_encoding : 0,
		    d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length);
		add_leaf(ctx, m, ctype, content_param(mm->mm_content_type, "charset"),
		    content_param(mm->mm_content_type, "method"), filename,
		    part_is_attachment(mm), dec.data ? dec.data : "", dec.len);
		buf_free(&dec);
		break;
	}
	default:
		break;
	}
	free(ctype);
}

/* ------------------------------------------------------------------ */
/* Fallback body: no usable MIME structure                              */

/* Minimal Content-Type parse: "type/sub; charset=x". */
static void
fallback_body(struct parse_ctx *ctx, struct message *m, const char *body, size_t n)
{
	const char *ct = message_header(m, "Content-Type");
	const char *cte = message_header(m, "Content-Transfer-Encoding");
	char ctype[64] = "text/plain", *charset = NULL, *method = NULL;
	int enc = MAILMIME_MECHANISM_8BIT;
	struct buf dec = { 0 };

	if (ct != NULL) {
		size_t k = 0;
		const char *p = ct;
		while (*p == ' ')
			p++;
		while (p[k] != '\0' && p[k] != ';' && !isspace((unsigned char)p[k]) && k < sizeof(ctype) - 1)
			k++;
		if (k > 0 && memchr(p, '/', k) != NULL) {
			memcpy(ctype, p, k);
			ctype[k] = '\0';
			str_lower(ctype);
		}
		for (const char *q = ct; (q = str_casestr(q, "charset=")) != NULL; q += 8) {
			const char *b = q + 8, *e;
			while (*b == '"' || *b == '\'')
				b++;
			e = b;
			while (*e != '\0' && *e != '"' && *e != '\'' && *e != ';' && !isspace((unsigned char)*e))
				e++;
			free(charset);
			charset = xstrndup(b, (size_t)(e - b));
			break;
		}
		for (const char *q = ct; (q = str_casestr(q, "method=")) != NULL; q += 7) {
			const char *b = q + 7, *e;
			while (*b == '"')
				b++;
			e = b;
			while (isalpha((unsigned char)*e))
				e++;
			method = xstrndup(b, (size_t)(e - b));
			break;
		}
	}
	if (cte != NULL) {
		if (str_casestr(cte, "base64"))
			enc = MAILMIME_MECHANISM_BASE64;
		else if (str_casestr(cte, "quoted-printable"))
			enc = MAILMIME_MECHANISM_QUOTED_PRINTABLE;
	}
	if (str_has_prefix(ctype, "multipart/"))
		strcpy(ctype, "text/plain");    /* we could not split it: read it all */
	message_transfer_decode(&dec, enc, body, n);
	add_leaf(ctx, m, ctype, charset, method, NULL, false, dec.data ? dec.data : "", dec.len);
	buf_free(&dec);
	free(charset);
	free(method);
}

/* ------------------------------------------------------------------ */

static char *
header_value_dup(struct message *m, const char *name)
{
	const char *v = message_header(m, name);
	return v ? xstrdup(v) : NULL;
}

/* Bytes of blank lines before the first header field: some mail stores
 * save a line of spaces or an empty line above the header. */
static size_t
leading_blank(const char *raw, size_t len)
{
	size_t pos = 0, skip = 0;

	while (pos < len) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len, k;
		bool blank = true;

		for (k = pos; k < end; k++)
			if (raw[k] != ' ' && raw[k] != '\t' && raw[k] != '\r')
				blank = false;
		if (!blank || nl == NULL)
			break;
		pos = end + 1;
		skip = pos;
	}
	if (skip > 0 && skip < len) {
		/* only if what follows looks like a header field */
		size_t k = skip;
		while (k < len && raw[k] > ' ' && raw[k] < 0x7F && raw[k] != ':')
			k++;
		if (k == skip || k >= len || raw[k] != ':')
			return 0;
	}
	return skip;
}

static struct message *
parse_raw(struct parse_ctx *ctx, const char *raw, size_t len, unsigned depth)
{
	struct message *m = xcalloc(1, sizeof(*m));
	struct raw_field *fields = NULL;
	size_t nfields = 0, body, i;
	struct mailmime *mime = NULL;
	size_t idx = 0;
	int r;

	i = leading_blank(raw, len);
	raw += i;
	len -= i;
	body = message_split_header(&ctx->lim, raw, len, &fields, &nfields, &m->flags);

	m->headers = xcalloc(nfields ? nfields : 1, sizeof(*m->headers));
	for (i = 0; i < nfields; i++) {
		const char *nm = fields[i].name;
		const char *v = fields[i].value;
		bool addr = strcasecmp(nm, "From") == 0 || strcasecmp(nm, "To") == 0 ||
		    strcasecmp(nm, "Cc") == 0 || strcasecmp(nm, "Reply-To") == 0 ||
		    strcasecmp(nm, "Sender") == 0;

		m->headers[i].name = fields[i].name;
		m->headers[i].value = rfc2047_decode(v);
		str_trim(m->headers[i].value);
		m->nheaders++;
		if (!addr)
			continue;
		/* addresses are parsed before decoding: an encoded name may hold commas */
		if (strcasecmp(nm, "From") == 0)
			message_parse_addresses(&m->from, v);
		else if (strcasecmp(nm, "To") == 0)
			message_parse_addresses(&m->to, v);
		else if (strcasecmp(nm, "Cc") == 0)
			message_parse_addresses(&m->cc, v);
		else if (strcasecmp(nm, "Reply-To") == 0)
			message_parse_addresses(&m->reply_to, v);
		else
			message_parse_addresses(&m->sender, v);
	}
	for (i = 0; i < nfields; i++)
		free(fields[i].value);
	free(fields);

	m->subject = header_value_dup(m, "Subject");
	if (m->subject == NULL)
		m->subject = xstrdup("");
	m->date_raw = header_value_dup(m, "Date");
	if (m->date_raw != NULL)
		m->has_date = message_parse_date(m->date_raw, &m->date);
	{
		const char *v;

		if ((v = message_header(m, "Message-ID")) != NULL)
			m->message_id = parties_msgid_first(v, strlen(v));
		if ((v = message_header(m, "In-Reply-To")) != NULL)
			m->in_reply_to = parties_msgid_first(v, strlen(v));
		if ((v = message_header(m, "References")) != NULL)
			parties_msgid_list(v, strlen(v), &m->references, &m->nreferences, 200);
	}
	m->list_id = header_value_dup(m, "List-Id");
	m->list_unsubscribe = header_value_dup(m, "List-Unsubscribe");
	m->precedence = header_value_dup(m, "Precedence");
	m->auto_submitted = header_value_dup(m, "Auto-Submitted");
	m->mailer = header_value_dup(m, "X-Mailer");
	if (m->mailer == NULL)
		m->mailer = header_value_dup(m, "User-Agent");

	/*
	 * The MIME structure: libetpan parses the whole message.  A failure,
	 * or a result without a body, sends us to the fallback.
	 */
	r = mailmime_parse(raw, len, &idx, &mime);
	if (r == MAILIMF_NO_ERROR && mime != NULL && mime->mm_type == MAILMIME_MESSAGE &&
	    mime->mm_data.mm_message.mm_msg_mime != NULL) {
		walk_mime(ctx, m, mime->mm_data.mm_message.mm_msg_mime, depth, false);
	} else {
		m->flags |= MESSAGE_FALLBACK;
		fallback_body(ctx, m, raw + body, len - body);
	}
	if (mime != NULL)
		mailmime_free(mime);
	return m;
}

struct message *
message_parse(const char *raw, size_t len, const struct message_limits *lim)
{
	struct parse_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	if (lim != NULL)
		ctx.lim = *lim;
	else
		message_limits_default(&ctx.lim);
	if (raw == NULL)
		raw = "";
	return parse_raw(&ctx, raw, len, 0);
}

static void
addr_list_free(struct msg_addr_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].email);
	}
	free(l->v);
}

void
message_free(struct message *m)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->nheaders; i++) {
		free(m->headers[i].name);
		free(m->headers[i].value);
	}
	free(m->headers);
	addr_list_free(&m->from);
	addr_list_free(&m->sender);
	addr_list_free(&m->reply_to);
	addr_list_free(&m->to);
	addr_list_free(&m->cc);
	free(m->subject);
	free(m->date_raw);
	free(m->message_id);
	free(m->in_reply_to);
	for (i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	free(m->list_id);
	free(m->list_unsubscribe);
	free(m->precedence);
	free(m->auto_submitted);
	free(m->mailer);
	for (i = 0; i < m->nparts; i++) {
		struct msg_part *p = &m->parts[i];
		free(p->content_type);
		free(p->charset);
		free(p->filename);
		free(p->method);
		free(p->text);
		free(p->html);
		for (j = 0; j < p->nlinks; j++) {
			free(p->links[j].url);
			free(p->links[j].text);
		}
		free(p->links);
	}
	free(m->parts);
	for (i = 0; i < m->nattached; i++)
		message_free(m->attached[i]);
	free(m->attached);
	free(m);
}

const char *
message_header(const struct message *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nheaders; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return m->headers[i].value;
	return NULL;
}

char *
message_body_text(const struct message *m)
{
	struct buf b = { 0 };
	enum msg_part_kind want = MSG_PART_TEXT;
	size_t i;
	bool any = false;
	int pass;

	size_t plain = 0, html = 0;

	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].attachment)
			continue;
		if (m->parts[i].kind == MSG_PART_TEXT) {
			any = true;
			plain += m->parts[i].len;
		} else if (m->parts[i].kind == MSG_PART_HTML) {
			html += m->parts[i].len;
		}
	}
	/* no plain text, or a stub of one beside the real HTML ("(HTML
	 * message)", "View this email in your browser") */
	if (!any || (plain < 200 && html > 8 * plain))
		want = MSG_PART_HTML;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < m->nparts; i++) {
			const struct msg_part *p = &m->parts[i];
			if (p->kind != want || p->attachment != (pass == 1) || p->len == 0)
				continue;
			if (b.len > 0)
				buf_adds(&b, "\n");
			buf_add(&b, p->text, p->len);
		}
		if (b.len > 0)
			break;
	}
	return buf_steal(&b);
}

