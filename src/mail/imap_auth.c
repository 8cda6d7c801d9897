/*
 * imap_auth: logging in on a connection imap.c has secured, with the
 * mechanism the configuration names (enum imap_auth):
 *   PLAIN        AUTHENTICATE PLAIN with SASL-IR when offered, else LOGIN;
 *   LOGIN        the LOGIN command (refused up front under LOGINDISABLED);
 *   XOAUTH2      libetpan's AUTHENTICATE XOAUTH2;
 *   OAUTHBEARER  RFC 7628, written here (libetpan does not have it).
 * The secret goes out only through libetpan's private writes and every
 * copy of it is wiped.  A refusal that is not "later" (RFC 5530) keeps the
 * server's words in im->refused for imap_login_refused().
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "util.h"

static char *
base64(const unsigned char *p, size_t n)
{
	struct buf b = { 0 };

	buf_add_base64(&b, p, n);
	return buf_steal(&b);
}

/* AUTHENTICATE PLAIN with the response in the command (SASL-IR, RFC 4959). */
static int
authenticate_plain_ir(struct imap *im)
{
	size_t ul = strlen(im->user), sl = strlen(im->secret);
	size_t n = ul + sl + 2;
	unsigned char *raw = xmalloc(n);
	char *b64, *cmd;
	int r;

	raw[0] = '\0';                  /* no authorization identity */
	memcpy(raw + 1, im->user, ul);
	raw[1 + ul] = '\0';
	memcpy(raw + 2 + ul, im->secret, sl);
	b64 = base64(raw, n);
	wipe(raw, n);
	free(raw);
	cmd = xasprintf("AUTHENTICATE PLAIN %s", b64);
	free_secret(b64);
	r = mailimap_custom_command(im->s, cmd);
	free_secret(cmd);
	if (r == MAILIMAP_NO_ERROR)
		im->s->imap_state = MAILIMAP_STATE_AUTHENTICATED;
	else if (r == MAILIMAP_ERROR_CUSTOM_COMMAND)
		r = MAILIMAP_ERROR_LOGIN;
	return r;
}

/*
 * AUTHENTICATE OAUTHBEARER (RFC 7628), which libetpan does not have.  The
 * GS2 header names the user, then host, port and the token:
 *   n,a=USER,^Ahost=HOST^Aport=PORT^Aauth=Bearer TOKEN^A^A
 * sent as the initial response (SASL-IR) or after the server's empty
 * challenge.  A refusal comes as a challenge holding a JSON error; RFC 7628
 * has the client answer it with a single ^A, and the server then says NO.
 */
static int
authenticate_oauthbearer(struct imap *im)
{
	mailstream *st = im->s->imap_stream;
	bool ir = mailimap_has_extension(im->s, "SASL-IR");
	char *gs2, *b64, *line;
	struct mailimap_response *response = NULL;
	struct buf user = { 0 };
	int r, code, tag;

	/* saslname (RFC 5801): ',' and '=' escaped. */
	for (const char *p = im->user; *p; p++) {
		if (*p == ',')
			buf_adds(&user, "=2C");
		else if (*p == '=')
			buf_adds(&user, "=3D");
		else
			buf_addc(&user, *p);
	}
	gs2 = xasprintf("n,a=%s,\001host=%s\001port=%u\001auth=Bearer %s\001\001",
	    user.data ? user.data : "", im->host, im->port, im->secret);
	buf_free(&user);
	b64 = base64((const unsigned char *)gs2, strlen(gs2));
	free_secret(gs2);
	tag = ++im->s->imap_tag;
	if (ir)
		line = xasprintf("%d AUTHENTICATE OAUTHBEARER %s\r\n", tag, b64);
	else
		line = xasprintf("%d AUTHENTICATE OAUTHBEARER\r\n", tag);

	mailstream_set_privacy(st, 0);
	r = mailstream_write(st, line, strlen(line)) == -1 || mailstream_flush(st) == -1 ?
	    MAILIMAP_ERROR_STREAM : MAILIMAP_NO_ERROR;
	free_secret(line);
	line = NULL;
	/* Challenges: the empty one asks for the response (no SASL-IR), a
	 * later one carries the error.  At most two. */
	if (r == MAILIMAP_NO_ERROR && mailimap_read_line(im->s) == NULL)
		r = MAILIMAP_ERROR_STREAM;
	for (int round = 0; r == MAILIMAP_NO_ERROR && round < 2 &&
	    im->s->imap_stream_buffer->str[0] == '+'; round++) {
		if (!ir && round == 0)
			line = xasprintf("%s\r\n", b64);
		else
			line = xstrdup("AQ==\r\n");    /* ^A: end the failed exchange */
		if (mailstream_write(st, line, strlen(line)) == -1 || mailstream_flush(st) == -1)
			r = MAILIMAP_ERROR_STREAM;
		free_secret(line);
		if (r == MAILIMAP_NO_ERROR && mailimap_read_line(im->s) == NULL)
			r = MAILIMAP_ERROR_STREAM;
	}
	mailstream_set_privacy(st, 1);
	free_secret(b64);
	if (r != MAILIMAP_NO_ERROR)
		return r;
	r = mailimap_parse_response(im->s, &response);
	if (r != MAILIMAP_NO_ERROR)
		return r;
	if (response->rsp_resp_done->rsp_type != MAILIMAP_RESP_DONE_TYPE_TAGGED) {
		mailimap_response_free(response);
		return MAILIMAP_ERROR_STREAM;   /* BYE */
	}
	code = response->rsp_resp_done->rsp_data.rsp_tagged->rsp_cond_state->rsp_type;
	mailimap_response_free(response);
	if (code != MAILIMAP_RESP_COND_STATE_OK)
		return MAILIMAP_ERROR_LOGIN;
	im->s->imap_state = MAILIMAP_STATE_AUTHENTICATED;
	return MAILIMAP_NO_ERROR;
}

/* Not a libetpan code: the server forbids LOGIN. */
#define LOGIN_DISABLED (-1000)

static int
login_command(struct imap *im)
{
	if (mailimap_has_extension(im->s, "LOGINDISABLED"))
		return LOGIN_DISABLED;
	return mailimap_login(im->s, im->user, im->secret);
}

enum imap_result
imap_authenticate(struct imap *im)
{
	const char *how = "LOGIN";
	int r;

	if (im->secret == NULL)
		return imap_fail(im, IMAP_PERMFAIL, true, "no password or token for %s", im->user);
	if (strpbrk(im->user, "\r\n") || strpbrk(im->secret, "\r\n"))
		return imap_fail(im, IMAP_PERMFAIL, true, "user name or secret contains a line break");

	switch (im->auth) {
	case IMAP_AUTH_XOAUTH2:
		if (!mailimap_has_authentication(im->s, "XOAUTH2"))
			return imap_fail(im, IMAP_PERMFAIL, true, "%s:%u does not offer AUTH=XOAUTH2",
			    im->host, im->port);
		how = "AUTHENTICATE XOAUTH2";
		r = mailimap_oauth2_authenticate(im->s, im->user, im->secret);
		break;
	case IMAP_AUTH_OAUTHBEARER:
		if (!mailimap_has_authentication(im->s, "OAUTHBEARER"))
			return imap_fail(im, IMAP_PERMFAIL, true, "%s:%u does not offer AUTH=OAUTHBEARER",
			    im->host, im->port);
		how = "AUTHENTICATE OAUTHBEARER";
		r = authenticate_oauthbearer(im);
		break;
	case IMAP_AUTH_PLAIN:
		if (mailimap_has_authentication(im->s, "PLAIN") &&
		    mailimap_has_extension(im->s, "SASL-IR")) {
			how = "AUTHENTICATE PLAIN";
			r = authenticate_plain_ir(im);
		} else {
			/* LOGIN sends the same two strings. */
			r = login_command(im);
		}
		break;
	case IMAP_AUTH_LOGIN:
	default:
		r = login_command(im);
		break;
	}
	if (r == MAILIMAP_NO_ERROR)
		return IMAP_OK;
	if (r == LOGIN_DISABLED)
		return imap_fail(im, IMAP_PERMFAIL, true, "%s:%u does not accept LOGIN (LOGINDISABLED)",
		    im->host, im->port);
	if (r == MAILIMAP_ERROR_LOGIN || r == MAILIMAP_ERROR_EXTENSION ||
	    r == MAILIMAP_ERROR_SASL) {
		char buf[300];
		const char *said = imap_server_said(im, buf, sizeof(buf));

		if (!imap_said_later(said)) {
			/* The server's words alone, for the user (attention.h). */
			const char *w = said;

			if (str_has_prefix(w, "NO ") || str_has_prefix(w, "BAD "))
				w = strchr(w, ' ') + 1;
			free(im->refused);
			im->refused = xstrdup(*w ? w : "no reason given");
			for (char *p = im->refused; *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					*p = ' ';
		}
		return imap_fail(im, imap_said_later(said) ? IMAP_TEMPFAIL : IMAP_PERMFAIL, true,
		    "%s as %s at %s:%u refused: %s", how, im->user, im->host, im->port,
		    *said ? said : "no reason given");
	}
	return imap_lib_fail(im, r, how);
}
