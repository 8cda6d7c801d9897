/*
 * imap_append: putting a message into a folder and finding it there again.
 * APPEND sends CRLF lines (a bare LF becomes CRLF), with \Seen on request,
 * and reports the new UID when the server has UIDPLUS.  The Message-ID
 * search is how the daemon asks "is my copy already in Sent?": UID SEARCH
 * HEADER is a substring match, so each hit's Message-ID header is fetched
 * and compared exactly, normalised by parties_message_id().
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
