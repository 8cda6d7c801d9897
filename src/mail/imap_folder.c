/*
 * imap_folder: folders.  Names are UTF-8 on our side and modified UTF-7
 * (RFC 3501 5.1.3) on the wire: imap_folder_encode / imap_folder_decode
 * convert, refusing what is not valid either way.  SELECT (and EXAMINE for
 * imap_search_message_id) sets the handle's selected folder, with UIDNEXT
 * derived from the highest UID when the server does not announce it.
 * LIST "" "*" finds the folder for sent mail: the special-use \Sent flag
 * (RFC 6154) first, else a well-known name.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "utf8.h"
#include "util.h"

/* ---- modified UTF-7 ------------------------------------------------------ */

static const char mutf7_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/* Next code point of UTF-8 s at *i, or -1 if malformed. */
static long
utf8_next(const unsigned char *s, size_t *i)
{
	unsigned c = s[*i];
	long cp;
	int more;

	if (c < 0x80) {
		(*i)++;
		return c;
	} else if ((c & 0xe0) == 0xc0) {
		cp = c & 0x1f; more = 1;
	} else if ((c & 0xf0) == 0xe0) {
		cp = c & 0x0f; more = 2;
	} else if ((c & 0xf8) == 0xf0) {
		cp = c & 0x07; more = 3;
	} else {
		return -1;
	}
	for (int k = 1; k <= more; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + k] & 0x3f);
	}
	if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) ||
	    (more == 3 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*i += (size_t)more + 1;
	return cp;
}

static void
flush_utf16(struct buf *b, const unsigned *units, size_t n)
{
	unsigned bits = 0;
	int nbits = 0;

	buf_addc(b, '&');
	for (size_t i = 0; i < n; i++) {
		bits = (bits << 16) | units[i];
		nbits += 16;
		while (nbits >= 6) {
			nbits -= 6;
			buf_addc(b, mutf7_chars[(bits >> nbits) & 63]);
		}
		bits &= (1u << nbits) - 1;
	}
	if (nbits > 0)
		buf_addc(b, mutf7_chars[(bits << (6 - nbits)) & 63]);
	buf_addc(b, '-');
}

char *
imap_folder_encode(const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	struct buf b = { 0 };
	unsigned *units = xcalloc(2 * strlen(utf8) + 2, sizeof(*units));
	size_t nu = 0, i = 0;

	while (s[i]) {
		long cp = utf8_next(s, &i);

		if (cp < 0) {
			free(units);
			buf_free(&b);
			return NULL;
		}
		if (cp >= 0x20 && cp <= 0x7e) {
			if (nu) {
				flush_utf16(&b, units, nu);
				nu = 0;
			}
			if (cp == '&')
				buf_adds(&b, "&-");
			else
				buf_addc(&b, (char)cp);
		} else if (cp >= 0x10000) {
			cp -= 0x10000;
			units[nu++] = 0xd800 | (unsigned)(cp >> 10);
			units[nu++] = 0xdc00 | (unsigned)(cp & 0x3ff);
		} else {
			units[nu++] = (unsigned)cp;
		}
	}
	if (nu)
		flush_utf16(&b, units, nu);
	free(units);
	return buf_steal(&b);
}

char *
imap_folder_decode(const char *m)
{
	struct buf b = { 0 };
	size_t i = 0;

	while (m[i]) {
		unsigned char c = (unsigned char)m[i];

		if (c < 0x20 || c > 0x7e)
			goto bad;
		if (c != '&') {
			buf_addc(&b, (char)c);
			i++;
			continue;
		}
		i++;
		if (m[i] == '-') {
			buf_addc(&b, '&');
			i++;
			continue;
		}
		unsigned long bits = 0, high = 0;
		int nbits = 0;
		bool any = false;
		while (m[i] && m[i] != '-') {
			const char *p = strchr(mutf7_chars, m[i]);
			if (p == NULL)
				goto bad;
			bits = (bits << 6) | (unsigned long)(p - mutf7_chars);
			nbits += 6;
			i++;
			if (nbits >= 16) {
				unsigned long u = (bits >> (nbits - 16)) & 0xffff;
				nbits -= 16;
				bits &= (1ul << nbits) - 1;
				any = true;
				if (high) {
					if (u < 0xdc00 || u > 0xdfff)
						goto bad;
					buf_add_utf8(&b, (uint32_t)(0x10000 + ((high - 0xd800) << 10) + (u - 0xdc00)));
					high = 0;
				} else if (u >= 0xd800 && u <= 0xdbff) {
					high = u;
				} else if (u >= 0xdc00 && u <= 0xdfff) {
					goto bad;
				} else if (u >= 0x20 && u <= 0x7e) {
					goto bad;   /* must have been written directly */
				} else {
					buf_add_utf8(&b, (uint32_t)u);
				}
			}
		}
		if (m[i] != '-' || !any || high || nbits >= 6 || bits != 0)
			goto bad;
		i++;
	}
	return buf_steal(&b);
bad:
	buf_free(&b);
	return NULL;
}

/* ---- SELECT ------------------------------------------------------------- */

char *
imap_encode_folder(struct imap *im, const char *folder, const char *what)
{
	char *m = imap_folder_encode(folder);

	if (m == NULL || *m == '\0' || strpbrk(folder, "\r\n")) {
		free(m);
		imap_fail(im, IMAP_PERMFAIL, false, "%s: bad folder name", what);
		return NULL;
	}
	return m;
}

enum imap_result
imap_select_folder(struct imap *im, const char *folder, bool readonly)
{
	char what[200];
	char *m;
	int r;

	snprintf(what, sizeof(what), "%s %s", readonly ? "EXAMINE" : "SELECT", folder);
	m = imap_encode_folder(im, folder, what);
	if (m == NULL)
		return IMAP_PERMFAIL;
	free(im->selected);
	im->selected = NULL;
	im->arrivals_valid = false;
	r = readonly ? mailimap_examine(im->s, m) : mailimap_select(im->s, m);
	free(m);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, what);
	im->selected = xstrdup(folder);
	return IMAP_OK;
}

/* UIDNEXT from the highest UID when the server did not say (RFC 3501 allows it). */
static enum imap_result
derive_uidnext(struct imap *im, uint32_t exists, uint32_t *uidnext)
{
	struct mailimap_set *set;
	struct mailimap_fetch_type *ft;
	clist *result = NULL;
	uint32_t max = 0;
	int r;

	*uidnext = 1;
	if (exists == 0)
		return IMAP_OK;
	set = mailimap_set_new_single(0);   /* "*" */
	ft = mailimap_fetch_type_new_fetch_att(mailimap_fetch_att_new_uid());
	r = mailimap_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "FETCH * (UID)");
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		for (clistiter *d = clist_begin(att->att_list); d; d = clist_next(d)) {
			struct mailimap_msg_att_item *it = clist_content(d);
			if (it->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
			    it->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID &&
			    it->att_data.att_static->att_data.att_uid > max)
				max = it->att_data.att_static->att_data.att_uid;
		}
	}
	mailimap_fetch_list_free(result);
	if (max > 0 && max < UINT32_MAX)
		*uidnext = max + 1;
	return IMAP_OK;
}

enum imap_result
imap_select(struct imap *im, const char *folder, uint32_t *uidvalidity,
    uint32_t *uidnext, uint32_t *exists)
{
	struct mailimap_selection_info *sel;
	enum imap_result res = imap_need_connection(im, "SELECT");
	uint32_t next;

	if (res != IMAP_OK)
		return res;
	res = imap_select_folder(im, folder, false);
	if (res != IMAP_OK)
		return res;
	sel = im->s->imap_selection_info;
	next = sel->sel_uidnext;
	if (next == 0) {
		res = derive_uidnext(im, sel->sel_exists, &next);
		if (res != IMAP_OK)
			return res;
	}
	if (uidvalidity)
		*uidvalidity = sel->sel_uidvalidity;
	if (uidnext)
		*uidnext = next;
	if (exists)
		*exists = sel->sel_exists;
	return IMAP_OK;
}

enum imap_result
imap_folder_status(struct imap *im, const char *folder, uint32_t *uidvalidity, uint32_t *uidnext)
{
	enum imap_result res = imap_need_connection(im, "STATUS");
	struct mailimap_status_att_list *atts;
	struct mailimap_mailbox_data_status *st = NULL;
	char *m;
	int r;

	*uidvalidity = 0;
	*uidnext = 0;
	if (res != IMAP_OK || (m = imap_encode_folder(im, folder, "STATUS")) == NULL)
		return res != IMAP_OK ? res : IMAP_PERMFAIL;
	atts = mailimap_status_att_list_new_empty();
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UIDNEXT);
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UIDVALIDITY);
	r = mailimap_status(im->s, m, atts, &st);
	mailimap_status_att_list_free(atts);
	free(m);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "STATUS");
	for (clistiter *c = st && st->st_info_list ? clist_begin(st->st_info_list) : NULL; c;
	    c = clist_next(c)) {
		const struct mailimap_status_info *i = clist_content(c);

		if (i->st_att == MAILIMAP_STATUS_ATT_UIDNEXT)
			*uidnext = i->st_value;
		else if (i->st_att == MAILIMAP_STATUS_ATT_UIDVALIDITY)
			*uidvalidity = i->st_value;
	}
	if (st != NULL)
		mailimap_mailbox_data_status_free(st);
	return IMAP_OK;
}

/* ---- LIST and the Sent folder ------------------------------------------- */

static bool
has_flag(const struct mailimap_mailbox_list *mb, const char *flag)
{
	if (mb->mb_flag == NULL)
		return false;
	for (clistiter *c = clist_begin(mb->mb_flag->mbf_oflags); c; c = clist_next(c)) {
		const struct mailimap_mbx_list_oflag *of = clist_content(c);
		const char *f = of->of_flag_ext;
		if (of->of_type != MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT || f == NULL)
			continue;
		if (*f == '\\')
			f++;
		if (strcasecmp(f, flag) == 0)
			return true;
	}
	return false;
}

static bool
selectable(const struct mailimap_mailbox_list *mb)
{
	return !(mb->mb_flag && mb->mb_flag->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT) &&
	    !has_flag(mb, "Noselect") && !has_flag(mb, "NonExistent");
}

enum imap_result
imap_find_sent_folder(struct imap *im, char **name)
{
	static const char *const names[] = {
		"Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent", "INBOX/Sent",
	};
	enum imap_result res = imap_need_connection(im, "LIST");
	const char *flagged = NULL, *named = NULL;
	size_t named_rank = ARRAY_LEN(names);
	clist *list = NULL;
	int r;

	*name = NULL;
	if (res != IMAP_OK)
		return res;
	r = mailimap_list(im->s, "", "*", &list);
	if (r != MAILIMAP_NO_ERROR) {
		/* A refused LIST leaves its (partial) list to us, too. */
		if (list != NULL)
			mailimap_list_result_free(list);
		return imap_lib_fail(im, r, "LIST");
	}
	for (clistiter *c = clist_begin(list); c; c = clist_next(c)) {
		const struct mailimap_mailbox_list *mb = clist_content(c);
		if (mb->mb_name == NULL || !selectable(mb))
			continue;
		if (flagged == NULL && has_flag(mb, "Sent"))
			flagged = mb->mb_name;
		for (size_t i = 0; i < named_rank; i++)
			if (strcasecmp(mb->mb_name, names[i]) == 0) {
				named = mb->mb_name;
				named_rank = i;
			}
	}
	if (flagged || named) {
		*name = imap_folder_decode(flagged ? flagged : named);
		if (*name == NULL)
			res = imap_fail(im, IMAP_PERMFAIL, false, "LIST: Sent folder name is not valid modified UTF-7");
	}
	mailimap_list_result_free(list);
	return res;
}
