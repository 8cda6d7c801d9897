/*
 * imap_append: putting a message into a folder and finding it there again.
 * APPEND sends CRLF lines (a bare LF becomes CRLF), with \Seen on request,
 * and reports the new UID when the server has UIDPLUS.  The Message-ID
 * search is how the daemon asks "is my copy already in Sent?": UID SEARCH
 * HEADER is a substring match, so each hit's Message-ID header is fetched
 * and compared exactly, normalised by parties_message_id().
 *
 * Several copies go in one MULTIAPPEND (RFC 3502) with non-synchronising
 * literals (LITERAL+, RFC 7888) when the server announces both: the whole
 * command is written at once and one tagged answer read, instead of two
 * round trips per message; and, asked to (later), the answer is left to
 * come while the caller goes on (the server saves while followupd sends
 * the next mails), read before the next command.  libetpan has no
 * MULTIAPPEND: the command is built here as one string and written after
 * libetpan's tag, its answer read with libetpan's parser; so it is only
 * used for messages without NUL bytes and a folder name that is a plain
 * quoted string; anything else goes one APPEND at a time.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "parties.h"
#include "util.h"

#define MAX_MSGID_HITS 64       /* candidates re-checked per Message-ID search */

enum imap_result
imap_search_message_id(struct imap *im, const char *folder, const char *msgid,
    bool *found, uint32_t *uid)
{
	enum imap_result res = imap_need_connection(im, "Message-ID search");
	struct imap_uids hits = { 0 };
	struct mailimap_set *set = NULL;
	struct mailimap_fetch_type *ft = NULL;
	clist *result = NULL, *hdrs;
	char *want = NULL;
	int r;

	*found = false;
	if (uid)
		*uid = 0;
	if (res != IMAP_OK)
		return res;
	want = xstrdup(msgid);
	str_trim(want);
	if (*want == '\0' || strlen(want) > 998 || strpbrk(want, "\r\n\"\\") != NULL) {
		res = imap_fail(im, IMAP_PERMFAIL, false, "Message-ID search: unusable Message-ID");
		goto out;
	}
	if (im->selected == NULL || strcmp(im->selected, folder) != 0) {
		res = imap_select_folder(im, folder, true);
		if (res != IMAP_OK)
			goto out;
	}
	res = imap_search_uids(im, mailimap_search_key_new_header(xstrdup("Message-ID"), xstrdup(want)),
	    1, "UID SEARCH HEADER Message-ID", &hits);
	if (res != IMAP_OK || hits.n == 0)
		goto out;
	if (hits.n > MAX_MSGID_HITS)
		hits.n = MAX_MSGID_HITS;
	set = imap_uid_set(hits.uid, hits.n);
	hdrs = clist_new();
	clist_append(hdrs, xstrdup("Message-ID"));
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_body_peek_section(
	    mailimap_section_new_header_fields(mailimap_header_list_new(hdrs))));
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	if (r != MAILIMAP_NO_ERROR) {
		result = NULL;      /* already freed by libetpan */
		res = imap_lib_fail(im, r, "UID FETCH Message-ID");
		goto out;
	}
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		struct mailimap_msg_att_static *st = imap_att_static(att, MAILIMAP_MSG_ATT_BODY_SECTION);
		uint32_t u = imap_att_uid(att);
		char *got;

		if (st == NULL || u == 0 || !imap_uid_wanted(hits.uid, hits.n, u) ||
		    st->att_data.att_body_section->sec_body_part == NULL)
			continue;
		got = parties_message_id(st->att_data.att_body_section->sec_body_part,
		    st->att_data.att_body_section->sec_length);
		if (got != NULL && strcmp(got, want) == 0 && (!*found || (uid && u < *uid))) {
			*found = true;
			if (uid)
				*uid = u;
		}
		free(got);
	}
out:
	if (result != NULL)
		mailimap_fetch_list_free(result);
	if (set != NULL)
		mailimap_set_free(set);
	if (ft != NULL)
		mailimap_fetch_type_free(ft);
	imap_uids_free(&hits);
	free(want);
	return res;
}

enum imap_result
imap_append(struct imap *im, const char *folder, const char *data, size_t len,
    bool seen, uint32_t *uid)
{
	enum imap_result res = imap_need_connection(im, "APPEND");
	struct mailimap_flag_list *flags = NULL;
	struct buf msg = { 0 };
	uint32_t uidvalidity = 0, newuid = 0;
	char what[200];
	char *m = NULL;
	int r;

	if (uid)
		*uid = 0;
	if (res != IMAP_OK)
		return res;
	snprintf(what, sizeof(what), "APPEND to %s", folder);
	m = imap_encode_folder(im, folder, what);
	if (m == NULL)
		return IMAP_PERMFAIL;
	/* IMAP literals carry CRLF lines; a bare LF is a protocol error for some. */
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
			buf_addc(&msg, '\r');
		buf_addc(&msg, data[i]);
	}
	flags = mailimap_flag_list_new_empty();
	if (seen)
		mailimap_flag_list_add(flags, mailimap_flag_new_seen());
	if (mailimap_has_extension(im->s, "UIDPLUS"))
		r = mailimap_uidplus_append(im->s, m, flags, NULL, msg.data ? msg.data : "",
		    msg.len, &uidvalidity, &newuid);
	else
		r = mailimap_append(im->s, m, flags, NULL, msg.data ? msg.data : "", msg.len);
	if (r != MAILIMAP_NO_ERROR)
		res = imap_lib_fail(im, r, what);
	else if (uid)
		*uid = newuid;
	mailimap_flag_list_free(flags);
	buf_free(&msg);
	free(m);
	return res;
}

/* s as CRLF lines (a bare LF becomes CRLF) appended to *b. */
static void
add_crlf(struct buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			buf_addc(b, '\r');
		buf_addc(b, s[i]);
	}
}

/* Can folder (modified UTF-7) be written as a quoted string? */
static bool
quotable(const char *folder)
{
	for (const char *c = folder; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e || *c == '"' || *c == '\\')
			return false;
	return *folder != '\0';
}

/* The MULTIAPPEND command after the tag, or NULL when it cannot be one
 * string (see the top of the file). */
static char *
multiappend_command(const char *folder, const char *const *data, const size_t *len,
    size_t n, bool seen)
{
	struct buf cmd = { 0 }, msg = { 0 };

	if (!quotable(folder))
		return NULL;
	buf_addf(&cmd, "APPEND \"%s\"", folder);
	for (size_t i = 0; i < n; i++) {
		if (len[i] > 0 && memchr(data[i], '\0', len[i]) != NULL) {
			buf_free(&cmd);
			buf_free(&msg);
			return NULL;
		}
		buf_reset(&msg);
		add_crlf(&msg, data[i], len[i]);
		buf_addf(&cmd, "%s {%zu+}\r\n", seen ? " (\\Seen)" : "", msg.len);
		if (msg.len > 0)
			buf_add(&cmd, msg.data, msg.len);
	}
	buf_free(&msg);
	return buf_steal(&cmd);
}

/* Write cmd as one tagged command; its answer is left to come. */
static int
write_command(struct imap *im, const char *cmd)
{
	int r;

	if ((r = mailimap_send_current_tag(im->s)) != MAILIMAP_NO_ERROR)
		return r;
	if (mailstream_write(im->s->imap_stream, cmd, strlen(cmd)) < 0 ||
	    mailstream_write(im->s->imap_stream, "\r\n", 2) < 0 ||
	    mailstream_flush(im->s->imap_stream) == -1)
		return MAILIMAP_ERROR_STREAM;
	return MAILIMAP_NO_ERROR;
}

/* Read the tagged answer of the command just written. */
static int
read_answer(struct imap *im)
{
	struct mailimap_response *resp = NULL;
	int r, t;

	if (mailimap_read_line(im->s) == NULL)
		return MAILIMAP_ERROR_STREAM;
	if ((r = mailimap_parse_response(im->s, &resp)) != MAILIMAP_NO_ERROR)
		return r;
	if (resp->rsp_resp_done->rsp_type != MAILIMAP_RESP_DONE_TYPE_TAGGED)
		r = MAILIMAP_ERROR_FATAL;       /* BYE */
	else {
		t = resp->rsp_resp_done->rsp_data.rsp_tagged->rsp_cond_state->rsp_type;
		r = t == MAILIMAP_RESP_COND_STATE_OK ? MAILIMAP_NO_ERROR : MAILIMAP_ERROR_APPEND;
	}
	mailimap_response_free(resp);
	return r;
}

static void
append_outcome(struct imap *im, enum imap_result res, const char *why)
{
	im->append_pending = false;
	im->append_done = true;
	im->append_res = res;
	free(im->append_err);
	im->append_err = why ? xstrdup(why) : NULL;
}

void
imap_append_settle(struct imap *im)
{
	char what[64];
	int r;

	if (!im->append_pending)
		return;
	im->append_pending = false;     /* imap_lib_fail may drop the connection */
	if (im->s == NULL || im->s->imap_stream == NULL) {
		append_outcome(im, IMAP_TEMPFAIL, "the connection was lost before the server answered");
		return;
	}
	snprintf(what, sizeof(what), "MULTIAPPEND of %zu", im->append_n);
	if ((r = read_answer(im)) == MAILIMAP_NO_ERROR)
		append_outcome(im, IMAP_OK, NULL);
	else {
		enum imap_result res = imap_lib_fail(im, r, what);

		append_outcome(im, res, im->error);
	}
}

void
imap_append_abandon(struct imap *im)
{
	if (im->append_pending)
		append_outcome(im, IMAP_TEMPFAIL, "the connection was lost before the server answered");
}

enum imap_result
imap_append_collect(struct imap *im, bool *had)
{
	enum imap_result res;

	imap_append_settle(im);
	*had = im->append_done;
	if (!im->append_done)
		return IMAP_OK;
	im->append_done = false;
	res = im->append_res;
	if (res != IMAP_OK)
		imap_fail(im, res, false, "%s", im->append_err ? im->append_err : "APPEND failed");
	free(im->append_err);
	im->append_err = NULL;
	return res;
}

enum imap_result
imap_append_many(struct imap *im, const char *folder, const char *const *data,
    const size_t *len, size_t n, bool seen, bool later, size_t *saved)
{
	enum imap_result res = imap_need_connection(im, "APPEND");
	char what[200], *m = NULL, *cmd = NULL;
	int r;

	*saved = 0;
	if (res != IMAP_OK || n == 0)
		return res;
	if (n > 1 && imap_has_capability(im, "MULTIAPPEND") && imap_has_capability(im, "LITERAL+")) {
		snprintf(what, sizeof(what), "MULTIAPPEND of %zu to %s", n, folder);
		if ((m = imap_encode_folder(im, folder, what)) == NULL)
			return IMAP_PERMFAIL;
		cmd = multiappend_command(m, data, len, n, seen);
		free(m);
	}
	if (cmd != NULL) {
		r = write_command(im, cmd);
		free(cmd);
		if (r == MAILIMAP_NO_ERROR && later) {
			im->append_pending = true;
			im->append_done = false;
			im->append_n = n;
			return IMAP_OK;
		}
		if (r == MAILIMAP_NO_ERROR)
			r = read_answer(im);
		if (r != MAILIMAP_NO_ERROR)
			return imap_lib_fail(im, r, what);
		*saved = n;
		return IMAP_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if ((res = imap_append(im, folder, data[i], len[i], seen, NULL)) != IMAP_OK)
			return res;
		(*saved)++;
	}
	return IMAP_OK;
}
