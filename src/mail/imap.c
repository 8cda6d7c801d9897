/*
 * imap: libetpan behind an opaque handle, with the certificate checks
 * libetpan does not do, and the traps of Debian's libetpan 1.9.4 avoided:
 *   - connect returns MAILIMAP_NO_ERROR_(NON_)AUTHENTICATED (1, 2) on success;
 *   - mailimap_set_timeout must come before connecting (it is copied into
 *     the stream when the stream is made);
 *   - after mailimap_idle the server's "* N EXISTS" may already sit in
 *     imap_stream->read_buffer, where poll() cannot see it;
 *   - a failed mailimap_uid_fetch has freed its result already, but a
 *     refused UID SEARCH or LIST leaves its list to the caller;
 *   - mailimap_free sends LOGOUT and waits: a dead or untrusted connection is
 *     closed first so that nothing is sent and nobody waits.
 */
#include "autoconfig.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "log.h"
#include "net.h"
#include "parties.h"
#include "tls.h"
#include "utf8.h"
#include "util.h"

#define DEFAULT_TIMEOUT 60
#define MAX_PARTS 256           /* leaves listed / rebuilt per message */
#define MAX_DEPTH 10            /* MIME nesting followed (sections fit 48 bytes) */
#define MAX_MSGID_HITS 64       /* candidates re-checked per Message-ID search */
#define FETCH_BATCH 500         /* UIDs per UID FETCH command */
#define MAX_IDLE_LITERAL (4u << 20)
/* After a failed connection: how long to look for its reason, and to wait
 * for a plain-text greeting on a port that refused TLS. */
#define PROBE_TIMEOUT 10
#define GREETING_TIMEOUT 3

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
	char *selected;             /* UTF-8 name of the selected folder */
	char *error;
	char *refused;              /* the server's words when it refused the login */
	uint64_t bytes_in;
	uint64_t bytes_out;
	/* The last bytes the server sent: its words for an error message. */
	char tail[512];
	size_t tail_len;
	unsigned boundary_seq;
};

/* ---- errors ------------------------------------------------------------ */

static void
set_error(struct imap *im, const char *fmt, ...)
{
	va_list ap;

	free(im->error);
	va_start(ap, fmt);
	im->error = xvasprintf(fmt, ap);
	va_end(ap);
	for (unsigned char *p = (unsigned char *)im->error; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

/* Close without a word to the server (no LOGOUT, no waiting). */
static void
drop(struct imap *im)
{
	if (im->s != NULL) {
		if (im->s->imap_stream != NULL) {
			mailstream_close(im->s->imap_stream);
			im->s->imap_stream = NULL;
		}
		mailimap_free(im->s);
		im->s = NULL;
	}
	im->connected = false;
	im->idling = false;
	free(im->selected);
	im->selected = NULL;
}

static enum imap_result
fail(struct imap *im, enum imap_result res, bool close, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum imap_result
fail(struct imap *im, enum imap_result res, bool close, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	set_error(im, "%s", msg);
	free(msg);
	if (close)
		drop(im);
	return res;
}

/*
 * The server's last complete line (tag removed), e.g.
 * "NO [NONEXISTENT] Mailbox doesn't exist: Foo".  Empty if none.
 */
static const char *
server_said(struct imap *im, char *out, size_t outsz)
{
	size_t end = im->tail_len, start;

	while (end > 0 && (im->tail[end - 1] == '\n' || im->tail[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0 && im->tail[start - 1] != '\n')
		start--;
	if (end - start >= outsz)
		end = start + outsz - 1;
	memcpy(out, im->tail + start, end - start);
	out[end - start] = '\0';
	/* Drop a tag (ours are numbers) but keep "* BYE ...". */
	char *p = out;
	if (*p != '*' && *p != '+') {
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	return p;
}

/* Answers that mean "not now" rather than "no" (RFC 5530 codes). */
static bool
said_later(const char *said)
{
	static const char *const codes[] = {
		"[UNAVAILABLE", "[INUSE", "[OVERQUOTA", "[LIMIT", "[SERVERBUG",
		/* Gmail: "[ALERT] Too many simultaneous connections": it passes. */
		"too many simultaneous connections",
	};
	for (size_t i = 0; i < ARRAY_LEN(codes); i++)
		if (str_casestr(said, codes[i]) != NULL)
			return true;
	return false;
}

/* Classify a libetpan error for the command described by what. */
static enum imap_result
lib_fail(struct imap *im, int r, const char *what)
{
	char buf[300];
	const char *said;

	switch (r) {
	case MAILIMAP_ERROR_STREAM:
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_MEMORY:
		return fail(im, IMAP_TEMPFAIL, true,
		    "%s: connection to %s:%u lost or timed out", what, im->host, im->port);
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_PROTOCOL:
		said = server_said(im, buf, sizeof(buf));
		return fail(im, IMAP_TEMPFAIL, true,
		    "%s: unreadable answer from %s:%u%s%s", what, im->host, im->port,
		    *said ? ": " : "", said);
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
		said = server_said(im, buf, sizeof(buf));
		return fail(im, IMAP_TEMPFAIL, true, "%s: %s:%u closed the connection%s%s",
		    what, im->host, im->port, *said ? ": " : "", said);
	case MAILIMAP_ERROR_BAD_STATE:
	case MAILIMAP_ERROR_INVAL:
		return fail(im, IMAP_PERMFAIL, false, "%s: not possible in this state", what);
	default:
		said = server_said(im, buf, sizeof(buf));
		return fail(im, said_later(said) ? IMAP_TEMPFAIL : IMAP_PERMFAIL, false,
		    "%s: server said: %s", what, *said ? said : "no");
	}
}

static enum imap_result
need_connection(struct imap *im, const char *what)
{
	if (!im->connected || im->s == NULL)
		return fail(im, IMAP_TEMPFAIL, false, "%s: not connected", what);
	if (im->idling)
		return fail(im, IMAP_PERMFAIL, false, "%s: connection is idling", what);
	return IMAP_OK;
}

static enum imap_result
need_selected(struct imap *im, const char *what)
{
	enum imap_result r = need_connection(im, what);

	if (r == IMAP_OK && im->selected == NULL)
		return fail(im, IMAP_PERMFAIL, false, "%s: no folder selected", what);
	return r;
}

/* ---- handle ------------------------------------------------------------ */

static void
logger(mailimap *session, int type, const char *str, size_t size, void *ctx)
{
	struct imap *im = ctx;

	switch (type) {
	case MAILSTREAM_LOG_TYPE_DATA_RECEIVED:
		im->bytes_in += size;
		if (size >= sizeof(im->tail)) {
			memcpy(im->tail, str + size - sizeof(im->tail), sizeof(im->tail));
			im->tail_len = sizeof(im->tail);
		} else {
			size_t keep = sizeof(im->tail) - size;
			if (keep > im->tail_len)
				keep = im->tail_len;
			memmove(im->tail, im->tail + im->tail_len - keep, keep);
			memcpy(im->tail + keep, str, size);
			im->tail_len = keep + size;
		}
		break;
	case MAILSTREAM_LOG_TYPE_DATA_SENT:
	case MAILSTREAM_LOG_TYPE_DATA_SENT_PRIVATE:
		/* Counted, never recorded: it may be a password. */
		im->bytes_out += size;
		break;
	default:
		break;
	}
}

struct imap *
imap_new(const struct imap_config *cfg)
{
	struct imap *im = xcalloc(1, sizeof(*im));

	im->host = xstrdup(cfg->host ? cfg->host : "");
	im->user = xstrdup(cfg->user ? cfg->user : "");
	im->secret = cfg->secret ? xstrdup(cfg->secret) : NULL;
	im->ca_file = (cfg->ca_file && *cfg->ca_file) ? xstrdup(cfg->ca_file) : NULL;
	im->pin = (cfg->tls_fingerprint && *cfg->tls_fingerprint) ?
	    xstrdup(cfg->tls_fingerprint) : NULL;
	im->pin_file = (cfg->tls_cert_file && *cfg->tls_cert_file) ?
	    xstrdup(cfg->tls_cert_file) : NULL;
	im->security = cfg->security;
	im->auth = cfg->auth;
	im->port = cfg->port ? cfg->port
	    : (cfg->security == IMAP_SECURITY_IMAPS ? 993 : 143);
	im->timeout = cfg->timeout > 0 ? cfg->timeout : DEFAULT_TIMEOUT;
	im->allow_insecure = cfg->allow_insecure;
	im->error = xstrdup("");
	return im;
}

void
imap_set_secret(struct imap *im, const char *secret)
{
	free_secret(im->secret);
	im->secret = secret ? xstrdup(secret) : NULL;
}

void
imap_free(struct imap *im)
{
	if (im == NULL)
		return;
	imap_disconnect(im);
	free(im->host);
	free(im->user);
	free_secret(im->secret);
	free(im->ca_file);
	free(im->pin);
	free(im->pin_file);
	free(im->error);
	free(im->refused);
	free(im);
}

bool
imap_connected(const struct imap *im)
{
	return im->connected;
}

const char *
imap_login_refused(const struct imap *im)
{
	return im->refused;
}

const char *
imap_error(const struct imap *im)
{
	return im->error;
}

uint64_t
imap_bytes_in(const struct imap *im)
{
	return im->bytes_in;
}

uint64_t
imap_bytes_out(const struct imap *im)
{
	return im->bytes_out;
}

const char *
imap_selected(const struct imap *im)
{
	return im->selected;
}

bool
imap_idling(const struct imap *im)
{
	return im->idling;
}

bool
imap_has_capability(const struct imap *im, const char *cap)
{
	if (im->s == NULL)
		return false;
	if (strncasecmp(cap, "AUTH=", 5) == 0)
		return mailimap_has_authentication(im->s, cap + 5) != 0;
	return mailimap_has_extension(im->s, cap) != 0;
}

/* ---- connecting -------------------------------------------------------- */

static bool
is_ip_literal(const char *host)
{
	unsigned char addr[16];

	return inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1;
}

/* Called by libetpan before the handshake: send SNI (RFC 6066: names only). */
static void
tls_setup(struct mailstream_ssl_context *ctx, void *data)
{
	struct imap *im = data;

	if (!is_ip_literal(im->host))
		mailstream_ssl_set_server_name(ctx, im->host);
}

/* After the handshake, before anything secret: is this the server we mean? */
static enum imap_result
check_certificate(struct imap *im)
{
	carray *chain = mailstream_get_certificate_chain(im->s->imap_stream);
	struct tls_cert *certs = NULL;
	size_t n = 0;
	char *why = NULL;
	enum tls_verdict v;
	enum imap_result res;

	if (chain != NULL) {
		n = carray_count(chain);
		certs = xcalloc(n ? n : 1, sizeof(*certs));
		for (size_t i = 0; i < n; i++) {
			MMAPString *der = carray_get(chain, (unsigned)i);
			certs[i].der = (const unsigned char *)der->str;
			certs[i].len = der->len;
		}
	}
	if (im->pin != NULL || im->pin_file != NULL)
		v = tls_verify_pin(certs, n, im->pin, im->pin_file, "imap", &why);
	else
		v = tls_verify_chain(certs, n, im->host, im->ca_file, &why);
	if (v == TLS_VERIFIED) {
		res = IMAP_OK;
		log_debug("imap: certificate of %s:%u %s", im->host, im->port,
		    im->pin != NULL || im->pin_file != NULL ? "matches the pin" : "verified");
	} else {
		res = fail(im, IMAP_PERMFAIL, true, "certificate of %s:%u %s%s",
		    im->host, im->port, why, tls_verdict_hint(v, "imap"));
	}
	free(why);
	free(certs);
	if (chain != NULL)
		mailstream_certificate_chain_free(chain);
	return res;
}

static enum imap_result
read_capabilities(struct imap *im, const char *when)
{
	struct mailimap_capability_data *cap = NULL;
	int r = mailimap_capability(im->s, &cap);

	if (r != MAILIMAP_NO_ERROR) {
		char what[64];
		snprintf(what, sizeof(what), "CAPABILITY %s", when);
		return lib_fail(im, r, what);
	}
	mailimap_capability_data_free(cap);
	return IMAP_OK;
}

static enum imap_result
starttls(struct imap *im)
{
	enum imap_result res;
	int r;

	res = read_capabilities(im, "before STARTTLS");
	if (res != IMAP_OK)
		return res;
	if (!mailimap_has_extension(im->s, "STARTTLS")) {
		if (!im->allow_insecure)
			return fail(im, IMAP_PERMFAIL, true,
			    "%s:%u does not offer STARTTLS; refusing to log in without TLS "
			    "(allow_insecure = true permits it)", im->host, im->port);
		log_warn("imap: %s:%u does not offer STARTTLS; going on without TLS "
		    "because allow_insecure is set", im->host, im->port);
		return IMAP_OK;
	}
	r = mailimap_socket_starttls_with_callback(im->s, tls_setup, im);
	/* Bytes that came with the plain-text OK would be read as if protected
	 * (CVE-2020-15953); a patched libetpan stops with ERROR_STARTTLS. */
	if (im->s->imap_stream != NULL && im->s->imap_stream->read_buffer_len != 0)
		return fail(im, IMAP_PERMFAIL, true,
		    "%s:%u sent data right after its STARTTLS answer (injection?); refused",
		    im->host, im->port);
	if (r != MAILIMAP_NO_ERROR) {
		if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_SSL)
			return fail(im, IMAP_TEMPFAIL, true, "TLS handshake with %s:%u failed",
			    im->host, im->port);
		return lib_fail(im, r, "STARTTLS");
	}
	res = check_certificate(im);
	if (res != IMAP_OK)
		return res;
	return read_capabilities(im, "after STARTTLS");
}

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

static enum imap_result
login(struct imap *im)
{
	const char *how = "LOGIN";
	int r;

	if (im->secret == NULL)
		return fail(im, IMAP_PERMFAIL, true, "no password or token for %s", im->user);
	if (strpbrk(im->user, "\r\n") || strpbrk(im->secret, "\r\n"))
		return fail(im, IMAP_PERMFAIL, true, "user name or secret contains a line break");

	switch (im->auth) {
	case IMAP_AUTH_XOAUTH2:
		if (!mailimap_has_authentication(im->s, "XOAUTH2"))
			return fail(im, IMAP_PERMFAIL, true, "%s:%u does not offer AUTH=XOAUTH2",
			    im->host, im->port);
		how = "AUTHENTICATE XOAUTH2";
		r = mailimap_oauth2_authenticate(im->s, im->user, im->secret);
		break;
	case IMAP_AUTH_OAUTHBEARER:
		if (!mailimap_has_authentication(im->s, "OAUTHBEARER"))
			return fail(im, IMAP_PERMFAIL, true, "%s:%u does not offer AUTH=OAUTHBEARER",
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
		return fail(im, IMAP_PERMFAIL, true, "%s:%u does not accept LOGIN (LOGINDISABLED)",
		    im->host, im->port);
	if (r == MAILIMAP_ERROR_LOGIN || r == MAILIMAP_ERROR_EXTENSION ||
	    r == MAILIMAP_ERROR_SASL) {
		char buf[300];
		const char *said = server_said(im, buf, sizeof(buf));

		if (!said_later(said)) {
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
		return fail(im, said_later(said) ? IMAP_TEMPFAIL : IMAP_PERMFAIL, true,
		    "%s as %s at %s:%u refused: %s", how, im->user, im->host, im->port,
		    *said ? said : "no reason given");
	}
	return lib_fail(im, r, how);
}

static enum imap_result
connect_and_login(struct imap *im)
{
	enum imap_result res;
	bool preauth;
	int r;

	if (*im->host == '\0')
		return fail(im, IMAP_PERMFAIL, false, "no IMAP host configured");
	if (im->port == 0 || im->port > 65535)
		return fail(im, IMAP_PERMFAIL, false, "bad IMAP port %u", im->port);
	if (im->security == IMAP_SECURITY_NONE && !im->allow_insecure)
		return fail(im, IMAP_PERMFAIL, false,
		    "IMAP without TLS needs allow_insecure = true");

	im->s = mailimap_new(0, NULL);
	if (im->s == NULL)
		return fail(im, IMAP_TEMPFAIL, false, "out of memory");
	/* Before connecting: the stream copies it when it is made. */
	mailimap_set_timeout(im->s, im->timeout);
	mailimap_set_logger(im->s, logger, im);

	if (im->security == IMAP_SECURITY_IMAPS)
		r = mailimap_ssl_connect_with_callback(im->s, im->host, (uint16_t)im->port,
		    tls_setup, im);
	else
		r = mailimap_socket_connect(im->s, im->host, (uint16_t)im->port);
	if (r != MAILIMAP_NO_ERROR_AUTHENTICATED && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		char *why;

		switch (r) {
		case MAILIMAP_ERROR_CONNECTION_REFUSED:
			/* libetpan keeps the reason: ask the resolver and the
			 * kernel again. */
			why = net_unreachable_reason(im->host, im->port,
			    im->timeout < PROBE_TIMEOUT ? im->timeout : PROBE_TIMEOUT);
			if (why == NULL)
				return fail(im, IMAP_TEMPFAIL, true, "cannot connect to %s:%u",
				    im->host, im->port);
			res = fail(im, IMAP_TEMPFAIL, true, "%s", why);
			free(why);
			return res;
		case MAILIMAP_ERROR_SSL:
			if (im->security == IMAP_SECURITY_IMAPS &&
			    net_greets_in_plain_text(im->host, im->port, GREETING_TIMEOUT))
				return fail(im, IMAP_PERMFAIL, true,
				    "the server did not answer TLS on port %u: it may expect STARTTLS; "
				    "use imap://%s:%u (STARTTLS) or port 993 for imaps://",
				    im->port, im->host, im->port);
			return fail(im, IMAP_TEMPFAIL, true, "TLS handshake with %s:%u failed",
			    im->host, im->port);
		default:
			res = lib_fail(im, r, "greeting");
			if (im->security != IMAP_SECURITY_IMAPS &&
			    (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE)) {
				/* A TLS port waits for our hello, or answers it with bytes
				 * that are no greeting. */
				char *msg = xasprintf("%s (if port %u expects TLS from the first byte, "
				    "use imaps://)", imap_error(im), im->port);

				set_error(im, "%s", msg);
				free(msg);
			}
			return res;
		}
	}
	preauth = (r == MAILIMAP_NO_ERROR_AUTHENTICATED);
	/* A NAT that forgets an idle connection would otherwise cost us the
	 * mail until the next IDLE refresh. */
	net_set_keepalive(mailimap_idle_get_fd(im->s));

	if (im->security == IMAP_SECURITY_IMAPS) {
		res = check_certificate(im);
		if (res != IMAP_OK)
			return res;
	} else if (im->security == IMAP_SECURITY_STARTTLS) {
		/* PREAUTH forbids STARTTLS: a man in the middle would love it. */
		if (preauth && !im->allow_insecure)
			return fail(im, IMAP_PERMFAIL, true,
			    "%s:%u greets with PREAUTH, so STARTTLS is impossible; refused",
			    im->host, im->port);
		if (!preauth) {
			res = starttls(im);
			if (res != IMAP_OK)
				return res;
		}
	}

	if (!preauth) {
		/* The greeting's capabilities may be stale or missing. */
		if (im->security == IMAP_SECURITY_IMAPS || im->security == IMAP_SECURITY_NONE) {
			res = read_capabilities(im, "before login");
			if (res != IMAP_OK)
				return res;
		}
		res = login(im);
		if (res != IMAP_OK)
			return res;
	}
	return read_capabilities(im, "after login");
}

enum imap_result
imap_connect(struct imap *im)
{
	enum imap_result res;

	if (im->s != NULL)
		imap_disconnect(im);
	im->tail_len = 0;
	set_error(im, "%s", "");
	free(im->refused);
	im->refused = NULL;
	res = connect_and_login(im);
	if (res != IMAP_OK) {
		drop(im);       /* nothing half-open stays behind */
		return res;
	}
	im->connected = true;
	log_debug("imap: logged in to %s:%u as %s", im->host, im->port, im->user);
	return IMAP_OK;
}

void
imap_disconnect(struct imap *im)
{
	if (im->s == NULL)
		return;
	if (im->idling && mailimap_idle_done(im->s) != MAILIMAP_NO_ERROR) {
		drop(im);
		return;
	}
	im->idling = false;
	if (im->connected && im->s->imap_stream != NULL)
		mailimap_logout(im->s);   /* closes the stream, whatever it returns */
	drop(im);
}

/* ---- folders ----------------------------------------------------------- */

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

static char *
encode_folder(struct imap *im, const char *folder, const char *what)
{
	char *m = imap_folder_encode(folder);

	if (m == NULL || *m == '\0' || strpbrk(folder, "\r\n")) {
		free(m);
		fail(im, IMAP_PERMFAIL, false, "%s: bad folder name", what);
		return NULL;
	}
	return m;
}

static enum imap_result
select_folder(struct imap *im, const char *folder, bool readonly)
{
	char what[200];
	char *m;
	int r;

	snprintf(what, sizeof(what), "%s %s", readonly ? "EXAMINE" : "SELECT", folder);
	m = encode_folder(im, folder, what);
	if (m == NULL)
		return IMAP_PERMFAIL;
	free(im->selected);
	im->selected = NULL;
	r = readonly ? mailimap_examine(im->s, m) : mailimap_select(im->s, m);
	free(m);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, what);
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
		return lib_fail(im, r, "FETCH * (UID)");
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
	enum imap_result res = need_connection(im, "SELECT");
	uint32_t next;

	if (res != IMAP_OK)
		return res;
	res = select_folder(im, folder, false);
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

/* ---- searching --------------------------------------------------------- */

void
imap_uids_free(struct imap_uids *u)
{
	if (u == NULL)
		return;
	free(u->uid);
	u->uid = NULL;
	u->n = 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Run UID SEARCH key (consumed) and keep the UIDs >= min, sorted, unique. */
static enum imap_result
uid_search(struct imap *im, struct mailimap_search_key *key, uint32_t min,
    const char *what, struct imap_uids *out)
{
	clist *result = NULL;
	size_t n = 0;
	int r;

	out->uid = NULL;
	out->n = 0;
	r = mailimap_uid_search(im->s, NULL, key, &result);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR) {
		/* Unlike a failed fetch, a refused SEARCH leaves its list to us. */
		if (result != NULL)
			mailimap_search_result_free(result);
		return lib_fail(im, r, what);
	}
	out->uid = xreallocarray(NULL, (size_t)clist_count(result) + 1, sizeof(uint32_t));
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		uint32_t *u = clist_content(c);
		if (*u >= min && *u > 0)
			out->uid[n++] = *u;
	}
	mailimap_search_result_free(result);
	qsort(out->uid, n, sizeof(uint32_t), cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || out->uid[k - 1] != out->uid[i])
			out->uid[k++] = out->uid[i];
	out->n = k;
	return IMAP_OK;
}

enum imap_result
imap_uid_search_since(struct imap *im, time_t since, struct imap_uids *out)
{
	enum imap_result res = need_selected(im, "UID SEARCH SINCE");
	struct tm tm;

	out->uid = NULL;
	out->n = 0;
	if (res != IMAP_OK)
		return res;
	if (gmtime_r(&since, &tm) == NULL)
		return fail(im, IMAP_PERMFAIL, false, "UID SEARCH SINCE: bad date");
	return uid_search(im, mailimap_search_key_new_since(
	    mailimap_date_new(tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900)),
	    1, "UID SEARCH SINCE", out);
}

enum imap_result
imap_uid_search_from(struct imap *im, uint32_t first, struct imap_uids *out)
{
	enum imap_result res = need_selected(im, "UID SEARCH UID");

	out->uid = NULL;
	out->n = 0;
	if (res != IMAP_OK)
		return res;
	if (first == 0)
		first = 1;
	/* first:* also matches the last message when first is above every UID. */
	return uid_search(im, mailimap_search_key_new_uid(mailimap_set_new_interval(first, 0)),
	    first, "UID SEARCH UID", out);
}

/* ---- fetching ---------------------------------------------------------- */

static struct mailimap_set *
uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		if (j == i)
			mailimap_set_add_single(set, uids[i]);
		else
			mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return set;
}

static struct mailimap_msg_att_static *
att_static(struct mailimap_msg_att *att, int type)
{
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		if (it->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    it->att_data.att_static->att_type == type)
			return it->att_data.att_static;
	}
	return NULL;
}

static uint32_t
att_uid(struct mailimap_msg_att *att)
{
	struct mailimap_msg_att_static *st = att_static(att, MAILIMAP_MSG_ATT_UID);
	return st ? st->att_data.att_uid : 0;
}

static bool
att_seen(struct mailimap_msg_att *att)
{
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		/* FLAGS () comes back with no list at all. */
		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_DYNAMIC || it->att_data.att_dyn == NULL ||
		    it->att_data.att_dyn->att_list == NULL)
			continue;
		for (clistiter *f = clist_begin(it->att_data.att_dyn->att_list); f; f = clist_next(f)) {
			struct mailimap_flag_fetch *ff = clist_content(f);
			if (ff->fl_flag != NULL && ff->fl_flag->fl_type == MAILIMAP_FLAG_SEEN)
				return true;
		}
	}
	return false;
}

static time_t
date_time_to_epoch(const struct mailimap_date_time *dt)
{
	struct tm tm = { 0 };
	time_t t;
	int zone, off;

	if (dt == NULL || dt->dt_year < 1970 || dt->dt_month < 1 || dt->dt_month > 12)
		return (time_t)-1;
	tm.tm_year = dt->dt_year - 1900;
	tm.tm_mon = dt->dt_month - 1;
	tm.tm_mday = dt->dt_day;
	tm.tm_hour = dt->dt_hour;
	tm.tm_min = dt->dt_min;
	tm.tm_sec = dt->dt_sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return t;
	/* dt_zone is [+-]HHMM as a number. */
	zone = dt->dt_zone;
	off = (abs(zone) / 100) * 3600 + (abs(zone) % 100) * 60;
	return zone >= 0 ? t - off : t + off;
}

/* "text/plain" for a leaf body, lower case, printable. */
static void
part_type(const struct mailimap_body *b, char *out, size_t outsz)
{
	const char *major = "", *minor = "";
	const struct mailimap_body_type_1part *p;

	out[0] = '\0';
	if (b->bd_type != MAILIMAP_BODY_1PART || (p = b->bd_data.bd_body_1part) == NULL)
		return;
	switch (p->bd_type) {
	case MAILIMAP_BODY_TYPE_1PART_TEXT:
		major = "text";
		minor = p->bd_data.bd_type_text->bd_media_text;
		break;
	case MAILIMAP_BODY_TYPE_1PART_MSG:
		major = "message";
		minor = "rfc822";
		break;
	case MAILIMAP_BODY_TYPE_1PART_BASIC: {
		const struct mailimap_media_basic *m = p->bd_data.bd_type_basic->bd_media_basic;
		switch (m->med_type) {
		case MAILIMAP_MEDIA_BASIC_APPLICATION: major = "application"; break;
		case MAILIMAP_MEDIA_BASIC_AUDIO: major = "audio"; break;
		case MAILIMAP_MEDIA_BASIC_IMAGE: major = "image"; break;
		case MAILIMAP_MEDIA_BASIC_MESSAGE: major = "message"; break;
		case MAILIMAP_MEDIA_BASIC_VIDEO: major = "video"; break;
		default: major = m->med_basic_type ? m->med_basic_type : ""; break;
		}
		minor = m->med_subtype ? m->med_subtype : "";
		break;
	}
	default:
		return;
	}
	snprintf(out, outsz, "%s/%s", major ? major : "", minor ? minor : "");
	for (char *c = out; *c; c++) {
		*c = (char)tolower((unsigned char)*c);
		if (!isgraph((unsigned char)*c))
			*c = '?';
	}
}

static uint32_t
part_size(const struct mailimap_body *b)
{
	const struct mailimap_body_type_1part *p = b->bd_data.bd_body_1part;

	if (b->bd_type != MAILIMAP_BODY_1PART || p == NULL)
		return 0;
	switch (p->bd_type) {
	case MAILIMAP_BODY_TYPE_1PART_TEXT: return p->bd_data.bd_type_text->bd_fields->bd_size;
	case MAILIMAP_BODY_TYPE_1PART_MSG: return p->bd_data.bd_type_msg->bd_fields->bd_size;
	case MAILIMAP_BODY_TYPE_1PART_BASIC: return p->bd_data.bd_type_basic->bd_fields->bd_size;
	default: return 0;
	}
}

static bool
is_message_part(const struct mailimap_body *b)
{
	return b->bd_type == MAILIMAP_BODY_1PART && b->bd_data.bd_body_1part != NULL &&
	    b->bd_data.bd_body_1part->bd_type == MAILIMAP_BODY_TYPE_1PART_MSG &&
	    b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body != NULL;
}

static void
section_join(char *out, size_t outsz, const char *prefix, unsigned i)
{
	if (*prefix)
		snprintf(out, outsz, "%s.%u", prefix, i);
	else
		snprintf(out, outsz, "%u", i);
}

/* Leaves (and message/rfc822 nodes) of b, depth first. */
static void
flatten(const struct mailimap_body *b, const char *sec, int depth,
    struct imap_part *parts, size_t *n)
{
	char child[48];
	unsigned i = 1;

	if (depth > MAX_DEPTH || *n >= MAX_PARTS)
		return;
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
			section_join(child, sizeof(child), sec, i);
			flatten(clist_content(c), child, depth + 1, parts, n);
		}
		return;
	}
	struct imap_part *p = &parts[(*n)++];
	snprintf(p->section, sizeof(p->section), "%s", *sec ? sec : "1");
	part_type(b, p->type, sizeof(p->type));
	p->size = part_size(b);
	if (is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			flatten(inner, sec, depth + 1, parts, n);
		} else if (*n < MAX_PARTS) {
			struct imap_part *q = &parts[(*n)++];
			snprintf(q->section, sizeof(q->section), "%s.1", sec);
			part_type(inner, q->type, sizeof(q->type));
			q->size = part_size(inner);
		}
	}
}

void
imap_msgs_free(struct imap_msg *m, size_t n)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(m[i].header);
		free(m[i].parts);
	}
	free(m);
}

static int
cmp_msg(const void *a, const void *b)
{
	return cmp_u32(&((const struct imap_msg *)a)->uid, &((const struct imap_msg *)b)->uid);
}

static bool
uid_wanted(const uint32_t *sorted, size_t n, uint32_t uid)
{
	return bsearch(&uid, sorted, n, sizeof(uint32_t), cmp_u32) != NULL;
}

enum imap_result
imap_fetch_headers(struct imap *im, const uint32_t *uids, size_t n,
    struct imap_msg **out, size_t *nout)
{
	enum imap_result res = need_selected(im, "UID FETCH headers");
	struct imap_msg *msgs = NULL;
	struct imap_part *scratch = NULL;
	size_t nm = 0;
	uint32_t *sorted = NULL;

	*out = NULL;
	*nout = 0;
	if (res != IMAP_OK || n == 0)
		return res;
	sorted = xreallocarray(NULL, n, sizeof(uint32_t));
	memcpy(sorted, uids, n * sizeof(uint32_t));
	qsort(sorted, n, sizeof(uint32_t), cmp_u32);
	msgs = xcalloc(n, sizeof(*msgs));

	for (size_t off = 0; off < n; off += FETCH_BATCH) {
		size_t cnt = n - off < FETCH_BATCH ? n - off : FETCH_BATCH;
		struct mailimap_set *set = uid_set(sorted + off, cnt);
		struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
		clist *result = NULL;
		int r;

		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_flags());
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_body_peek_section(mailimap_section_new_header()));
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_bodystructure());
		r = mailimap_uid_fetch(im->s, set, ft, &result);
		mailimap_set_free(set);
		mailimap_fetch_type_free(ft);
		if (r != MAILIMAP_NO_ERROR) {
			/* result was freed by libetpan already */
			res = lib_fail(im, r, "UID FETCH headers");
			goto out;
		}
		for (clistiter *c = clist_begin(result); c && nm < n; c = clist_next(c)) {
			struct mailimap_msg_att *att = clist_content(c);
			struct mailimap_msg_att_static *st;
			uint32_t uid = att_uid(att);
			struct imap_msg *m;

			if (uid == 0 || !uid_wanted(sorted, n, uid))
				continue;   /* unsolicited, or a flag update */
			m = &msgs[nm];
			memset(m, 0, sizeof(*m));
			m->uid = uid;
			m->internaldate = (time_t)-1;
			if ((st = att_static(att, MAILIMAP_MSG_ATT_RFC822_SIZE)) != NULL)
				m->size = st->att_data.att_rfc822_size;
			if ((st = att_static(att, MAILIMAP_MSG_ATT_INTERNALDATE)) != NULL)
				m->internaldate = date_time_to_epoch(st->att_data.att_internal_date);
			m->seen = att_seen(att);
			if ((st = att_static(att, MAILIMAP_MSG_ATT_BODY_SECTION)) != NULL &&
			    st->att_data.att_body_section->sec_body_part != NULL) {
				size_t len = st->att_data.att_body_section->sec_length;
				m->header = xmalloc(len + 1);
				memcpy(m->header, st->att_data.att_body_section->sec_body_part, len);
				m->header[len] = '\0';
				m->header_len = len;
			} else {
				/* Without a header it is not a message we can use. */
				continue;
			}
			if ((st = att_static(att, MAILIMAP_MSG_ATT_BODYSTRUCTURE)) != NULL &&
			    st->att_data.att_bodystructure != NULL) {
				if (scratch == NULL)
					scratch = xcalloc(MAX_PARTS, sizeof(*scratch));
				flatten(st->att_data.att_bodystructure, "", 0, scratch, &m->nparts);
				/* Exactly what is needed: thousands of messages at once. */
				m->parts = xreallocarray(NULL, m->nparts ? m->nparts : 1, sizeof(*m->parts));
				memcpy(m->parts, scratch, m->nparts * sizeof(*m->parts));
			}
			nm++;
		}
		mailimap_fetch_list_free(result);
	}
	qsort(msgs, nm, sizeof(*msgs), cmp_msg);
	/* A server may answer a UID twice (FETCH plus unsolicited FETCH). */
	size_t k = 0;
	for (size_t i = 0; i < nm; i++) {
		if (k > 0 && msgs[k - 1].uid == msgs[i].uid) {
			free(msgs[i].header);
			free(msgs[i].parts);
			continue;
		}
		msgs[k++] = msgs[i];
	}
	*out = msgs;
	*nout = k;
	msgs = NULL;
	nm = 0;
out:
	imap_msgs_free(msgs, nm);
	free(scratch);
	free(sorted);
	return res;
}

/* ---- fetching for recognition ------------------------------------------ */

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

/* Lower is more important; -1: not wanted. */
static int
wanted_rank(const char *type)
{
	static const char *const types[] = {
		"text/calendar", "application/ics", "text/x-vcalendar",
		"text/plain", "text/html",
	};
	static const int ranks[] = { 0, 0, 0, 1, 2 };

	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strcmp(type, types[i]) == 0)
			return ranks[i];
	return -1;
}

static struct piece *
piece_find(struct rebuild *rb, const char *spec)
{
	for (size_t i = 0; i < rb->npieces; i++)
		if (strcmp(rb->pieces[i].spec, spec) == 0)
			return &rb->pieces[i];
	return NULL;
}

static void
piece_want(struct rebuild *rb, const char *spec)
{
	if (piece_find(rb, spec) != NULL)
		return;
	rb->pieces = xreallocarray(rb->pieces, rb->npieces + 1, sizeof(*rb->pieces));
	memset(&rb->pieces[rb->npieces], 0, sizeof(*rb->pieces));
	snprintf(rb->pieces[rb->npieces].spec, sizeof(rb->pieces->spec), "%s", spec);
	rb->npieces++;
}

static void
candidate_add(struct rebuild *rb, const char *spec, const struct mailimap_body *b)
{
	char type[80];
	int rank;

	part_type(b, type, sizeof(type));
	rank = wanted_rank(type);
	if (rank < 0)
		return;
	rb->cands = xreallocarray(rb->cands, rb->ncands + 1, sizeof(*rb->cands));
	snprintf(rb->cands[rb->ncands].spec, sizeof(rb->cands->spec), "%s", spec);
	rb->cands[rb->ncands].rank = rank;
	rb->cands[rb->ncands].size = part_size(b);
	rb->cands[rb->ncands].order = rb->ncands;
	rb->ncands++;
}

static void
spec_join(char *out, size_t outsz, const char *sec, const char *suffix)
{
	snprintf(out, outsz, "%s%s%s", sec, *sec ? "." : "", suffix);
}

/*
 * Pass 1: which headers the rebuilt message needs, and which contents are
 * candidates.  body is the content of an entity whose children are
 * numbered under sec ("" for the top level).
 */
static void
plan_children(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth);

static void
plan_child(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth)
{
	char spec[64];

	if (depth > MAX_DEPTH || rb->nodes++ >= MAX_PARTS)
		return;
	spec_join(spec, sizeof(spec), sec, "MIME");
	piece_want(rb, spec);
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		plan_children(rb, b, sec, depth + 1);
	} else if (is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		spec_join(spec, sizeof(spec), sec, "HEADER");
		piece_want(rb, spec);
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			plan_children(rb, inner, sec, depth + 1);
		} else {
			spec_join(spec, sizeof(spec), sec, "TEXT");
			candidate_add(rb, spec, inner);
		}
	} else {
		candidate_add(rb, sec, b);
	}
}

static void
plan_children(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth)
{
	char child[48];
	unsigned i = 1;

	for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
		section_join(child, sizeof(child), sec, i);
		plan_child(rb, clist_content(c), child, depth);
	}
}

static int
cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static struct mailimap_section *
section_from_spec(const char *spec)
{
	clist *ids;
	const char *p = spec;

	if (*spec == '\0')
		return mailimap_section_new(NULL);
	if (strcmp(spec, "HEADER") == 0)
		return mailimap_section_new_header();
	if (strcmp(spec, "TEXT") == 0)
		return mailimap_section_new_text();
	ids = clist_new();
	while (isdigit((unsigned char)*p)) {
		uint32_t *id = mailimap_number_alloc_new((uint32_t)strtoul(p, (char **)&p, 10));
		clist_append(ids, id);
		if (*p != '.')
			break;
		p++;
	}
	struct mailimap_section_part *part = mailimap_section_part_new(ids);
	if (strcmp(p, "MIME") == 0)
		return mailimap_section_new_part_mime(part);
	if (strcmp(p, "HEADER") == 0)
		return mailimap_section_new_part_header(part);
	if (strcmp(p, "TEXT") == 0)
		return mailimap_section_new_part_text(part);
	return mailimap_section_new_part(part);
}

/* The spec string of a section the server returned, as section_from_spec reads it. */
static void
spec_from_section(const struct mailimap_section *sec, char *out, size_t outsz)
{
	struct buf b = { 0 };
	const struct mailimap_section_spec *sp = sec ? sec->sec_spec : NULL;
	const struct mailimap_section_msgtext *mt = NULL;

	if (sp == NULL) {
		out[0] = '\0';
		return;
	}
	if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_MSGTEXT) {
		mt = sp->sec_data.sec_msgtext;
	} else if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_PART && sp->sec_data.sec_part) {
		for (clistiter *c = clist_begin(sp->sec_data.sec_part->sec_id); c; c = clist_next(c))
			buf_addf(&b, "%s%u", b.len ? "." : "", *(uint32_t *)clist_content(c));
		if (sp->sec_text != NULL) {
			if (sp->sec_text->sec_type == MAILIMAP_SECTION_TEXT_MIME)
				buf_adds(&b, ".MIME");
			else
				mt = sp->sec_text->sec_msgtext;
			if (mt != NULL)
				buf_addc(&b, '.');
		}
	}
	if (mt != NULL) {
		switch (mt->sec_type) {
		case MAILIMAP_SECTION_MSGTEXT_HEADER: buf_adds(&b, "HEADER"); break;
		case MAILIMAP_SECTION_MSGTEXT_TEXT: buf_adds(&b, "TEXT"); break;
		default: buf_adds(&b, "HEADER.FIELDS"); break;
		}
	}
	snprintf(out, outsz, "%s", b.data ? b.data : "");
	buf_free(&b);
}

/* Download every piece in specs (indexes into rb->pieces) in one UID FETCH. */
static enum imap_result
fetch_pieces(struct imap *im, uint32_t uid, struct rebuild *rb, bool contents,
    const char *what, bool *gone)
{
	struct mailimap_set *set = mailimap_set_new_single(uid);
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	clist *result = NULL;
	size_t asked = 0;
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	for (size_t i = 0; i < rb->npieces; i++) {
		struct piece *p = &rb->pieces[i];
		bool is_header = str_has_suffix(p->spec, "MIME") || str_has_suffix(p->spec, "HEADER");
		if (p->have || is_header == contents)
			continue;
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_body_peek_section(section_from_spec(p->spec)));
		asked++;
	}
	if (asked == 0) {
		mailimap_set_free(set);
		mailimap_fetch_type_free(ft);
		return IMAP_OK;
	}
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, what);
	*gone = true;
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		if (att_uid(att) != uid)
			continue;
		*gone = false;
		for (clistiter *d = clist_begin(att->att_list); d; d = clist_next(d)) {
			struct mailimap_msg_att_item *it = clist_content(d);
			struct mailimap_msg_att_body_section *bs;
			char spec[64];
			struct piece *p;

			if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    it->att_data.att_static->att_type != MAILIMAP_MSG_ATT_BODY_SECTION)
				continue;
			bs = it->att_data.att_static->att_data.att_body_section;
			spec_from_section(bs->sec_section, spec, sizeof(spec));
			p = piece_find(rb, spec);
			if (p == NULL || p->have)
				continue;
			p->have = true;
			p->len = bs->sec_body_part ? bs->sec_length : 0;
			p->data = xmalloc(p->len + 1);
			if (p->len)
				memcpy(p->data, bs->sec_body_part, p->len);
			p->data[p->len] = '\0';
			rb->fetched += p->len;
		}
	}
	mailimap_fetch_list_free(result);
	return IMAP_OK;
}

static const struct piece *
have_piece(struct rebuild *rb, const char *spec)
{
	struct piece *p = piece_find(rb, spec);
	return (p != NULL && p->have) ? p : NULL;
}

static bool
is_continuation(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Copy a header block (up to its blank line), leaving out Content-Type when
 * a replacement is given, then add extra lines and the blank line.
 */
static void
put_header(struct buf *out, const struct piece *h, const char *content_type, const char *extra)
{
	const char *p = h ? h->data : "", *end = h ? h->data + h->len : "";
	bool skipping = false;

	if (extra)
		buf_adds(out, extra);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t len = (size_t)(next - p);

		if (len == 1 || (len == 2 && p[0] == '\r'))
			break;      /* the blank line */
		if (!is_continuation(*p))
			skipping = content_type != NULL && strncasecmp(p, "Content-Type:", 13) == 0;
		if (!skipping) {
			buf_add(out, p, nl && (nl == p || nl[-1] != '\r') ? len - 1 : len);
			if (nl && (nl == p || nl[-1] != '\r'))
				buf_adds(out, "\r\n");
			else if (!nl)
				buf_adds(out, "\r\n");
		}
		p = next;
	}
	if (content_type)
		buf_addf(out, "Content-Type: %s\r\n", content_type);
	buf_adds(out, "\r\n");
}

static char *
new_boundary(struct rebuild *rb)
{
	return xasprintf("=_followupd_%s_%u", rb->rnd, rb->seq++);
}

static char *
multipart_type(const struct mailimap_body *b, const char *boundary)
{
	char sub[40];
	const char *s = b->bd_data.bd_body_mpart->bd_media_subtype;
	size_t i = 0;

	for (; s && s[i] && i + 1 < sizeof(sub); i++)
		sub[i] = (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.') ?
		    (char)tolower((unsigned char)s[i]) : 'x';
	sub[i] = '\0';
	return xasprintf("multipart/%s; boundary=\"%s\"", i ? sub : "mixed", boundary);
}

static void
put_omitted(struct rebuild *rb, struct buf *out, const struct piece *h, uint32_t size)
{
	char extra[64];

	snprintf(extra, sizeof(extra), "X-Followupd-Omitted: %u bytes\r\n", size);
	put_header(out, h, NULL, extra);
	rb->omitted++;
}

static void
emit_children(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth, const char *boundary);

/* Pass 2 for one child entity at section sec: its MIME header and content. */
static void
emit_child(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth)
{
	char spec[64];
	const struct piece *mh, *content;

	spec_join(spec, sizeof(spec), sec, "MIME");
	mh = have_piece(rb, spec);
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		char *bd = new_boundary(rb), *ct = multipart_type(b, bd);
		put_header(out, mh, ct, NULL);
		emit_children(rb, out, b, sec, depth + 1, bd);
		free(ct);
		free(bd);
	} else if (is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		const struct piece *ih;

		put_header(out, mh, NULL, NULL);
		spec_join(spec, sizeof(spec), sec, "HEADER");
		ih = have_piece(rb, spec);
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			char *bd = new_boundary(rb), *ct = multipart_type(inner, bd);
			put_header(out, ih, ct, NULL);
			emit_children(rb, out, inner, sec, depth + 1, bd);
			free(ct);
			free(bd);
		} else {
			spec_join(spec, sizeof(spec), sec, "TEXT");
			content = have_piece(rb, spec);
			if (content) {
				put_header(out, ih, NULL, NULL);
				buf_add(out, content->data, content->len);
			} else {
				put_omitted(rb, out, ih, part_size(inner));
			}
		}
	} else {
		content = have_piece(rb, sec);
		if (content) {
			put_header(out, mh, NULL, NULL);
			buf_add(out, content->data, content->len);
		} else {
			put_omitted(rb, out, mh, part_size(b));
		}
	}
}

static void
emit_children(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth, const char *boundary)
{
	char child[48];
	unsigned i = 1;

	buf_addf(out, "--%s\r\n", boundary);
	for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
		if (depth > MAX_DEPTH || rb->nodes++ >= MAX_PARTS)
			break;
		section_join(child, sizeof(child), sec, i);
		if (i > 1)
			buf_addf(out, "\r\n--%s\r\n", boundary);
		emit_child(rb, out, clist_content(c), child, depth);
	}
	buf_addf(out, "\r\n--%s--\r\n", boundary);
}

void
imap_fetched_free(struct imap_fetched *f)
{
	if (f == NULL)
		return;
	buf_free(&f->raw);
	memset(f, 0, sizeof(*f));
}

static void
rebuild_free(struct rebuild *rb)
{
	for (size_t i = 0; i < rb->npieces; i++)
		free(rb->pieces[i].data);
	free(rb->pieces);
	free(rb->cands);
}

/* Step 1: the message's size and BODYSTRUCTURE (*body, the caller frees);
 * out->gone when the server has no such message. */
static enum imap_result
fetch_shape(struct imap *im, uint32_t uid, struct imap_fetched *out,
    struct mailimap_body **body)
{
	struct mailimap_set *set = mailimap_set_new_single(uid);
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_msg_att_static *st;
	clist *result = NULL;
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_bodystructure());
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, "UID FETCH BODYSTRUCTURE");
	out->gone = true;
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		if (att_uid(att) != uid)
			continue;
		if ((st = att_static(att, MAILIMAP_MSG_ATT_RFC822_SIZE)) != NULL) {
			out->size = st->att_data.att_rfc822_size;
			out->gone = false;
		}
		if ((st = att_static(att, MAILIMAP_MSG_ATT_BODYSTRUCTURE)) != NULL) {
			*body = st->att_data.att_bodystructure;
			st->att_data.att_bodystructure = NULL;   /* keep it past the list */
		}
	}
	mailimap_fetch_list_free(result);
	return IMAP_OK;
}

/* Step 2a, small enough: the message as it is. */
static enum imap_result
fetch_whole(struct imap *im, uint32_t uid, struct rebuild *rb, struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	piece_want(rb, "");
	res = fetch_pieces(im, uid, rb, true, "UID FETCH BODY[]", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !rb->pieces[0].have) {
		out->gone = true;
		return res;
	}
	buf_add(&out->raw, rb->pieces[0].data, rb->pieces[0].len);
	out->complete = true;
	out->fetched = rb->fetched;
	return res;
}

/* Too big and no structure to pick parts from: the header alone, the
 * body said to be omitted. */
static enum imap_result
fetch_header_only(struct imap *im, uint32_t uid, struct rebuild *rb,
    struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	piece_want(rb, "HEADER");
	res = fetch_pieces(im, uid, rb, false, "UID FETCH header", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !have_piece(rb, "HEADER")) {
		out->gone = true;
		return res;
	}
	put_omitted(rb, &out->raw, have_piece(rb, "HEADER"), out->size);
	out->omitted = rb->omitted;
	out->fetched = rb->fetched;
	return res;
}

/* The random part of the boundaries of a rebuilt message. */
static void
rebuild_seed(struct rebuild *rb, uint32_t uid)
{
	unsigned char rnd[8];

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)uid << 32) ^ (uintptr_t)rb;
		memcpy(rnd, &t, sizeof(rnd));
	}
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(rb->rnd + 2 * i, 3, "%02x", rnd[i]);
}

/* Want the candidate parts, best first, as long as they fit in what is
 * left of max_bytes. */
static void
choose_parts(struct rebuild *rb, size_t max_bytes)
{
	size_t budget = rb->fetched < max_bytes ? max_bytes - (size_t)rb->fetched : 0;

	qsort(rb->cands, rb->ncands, sizeof(*rb->cands), cmp_candidate);
	for (size_t i = 0; i < rb->ncands; i++) {
		if (rb->cands[i].size > budget)
			continue;
		budget -= rb->cands[i].size;
		piece_want(rb, rb->cands[i].spec);
	}
}

/* The message rebuilt from the pieces fetched, omitted parts marked. */
static void
emit_rebuilt(struct rebuild *rb, const struct mailimap_body *body, struct buf *raw)
{
	rb->nodes = 0;
	if (body->bd_type == MAILIMAP_BODY_MPART) {
		char *bd = new_boundary(rb), *ct = multipart_type(body, bd);
		put_header(raw, have_piece(rb, "HEADER"), ct, NULL);
		emit_children(rb, raw, body, "", 1, bd);
		free(ct);
		free(bd);
	} else {
		const struct piece *text = have_piece(rb, "TEXT");
		if (text) {
			put_header(raw, have_piece(rb, "HEADER"), NULL, NULL);
			buf_add(raw, text->data, text->len);
		} else {
			put_omitted(rb, raw, have_piece(rb, "HEADER"), part_size(body));
		}
	}
}

/* Step 2b, too big: headers first, then the parts that fit, rebuilt. */
static enum imap_result
fetch_rebuilt(struct imap *im, uint32_t uid, struct rebuild *rb,
    const struct mailimap_body *body, size_t max_bytes, struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	rebuild_seed(rb, uid);
	piece_want(rb, "HEADER");
	if (body->bd_type == MAILIMAP_BODY_MPART)
		plan_children(rb, body, "", 1);
	else
		candidate_add(rb, "TEXT", body);
	res = fetch_pieces(im, uid, rb, false, "UID FETCH headers of parts", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !have_piece(rb, "HEADER")) {
		out->gone = true;
		return res;
	}
	choose_parts(rb, max_bytes);
	res = fetch_pieces(im, uid, rb, true, "UID FETCH parts", &gone);
	if (res != IMAP_OK)
		return res;
	emit_rebuilt(rb, body, &out->raw);
	out->omitted = rb->omitted;
	out->fetched = rb->fetched;
	return res;
}

enum imap_result
imap_fetch_for_recognition(struct imap *im, uint32_t uid, size_t max_bytes,
    struct imap_fetched *out)
{
	enum imap_result res = need_selected(im, "UID FETCH message");
	struct mailimap_body *body = NULL;
	struct rebuild rb = { 0 };

	memset(out, 0, sizeof(*out));
	if (res != IMAP_OK)
		return res;
	res = fetch_shape(im, uid, out, &body);
	if (res == IMAP_OK && !out->gone) {
		if (out->size <= max_bytes)
			res = fetch_whole(im, uid, &rb, out);
		else if (body == NULL)
			res = fetch_header_only(im, uid, &rb, out);
		else
			res = fetch_rebuilt(im, uid, &rb, body, max_bytes, out);
	}
	if (res != IMAP_OK || out->gone)
		buf_free(&out->raw);
	if (body != NULL)
		mailimap_body_free(body);
	rebuild_free(&rb);
	return res;
}

/* ---- Message-ID, append, Sent ------------------------------------------ */

enum imap_result
imap_search_message_id(struct imap *im, const char *folder, const char *msgid,
    bool *found, uint32_t *uid)
{
	enum imap_result res = need_connection(im, "Message-ID search");
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
		res = fail(im, IMAP_PERMFAIL, false, "Message-ID search: unusable Message-ID");
		goto out;
	}
	if (im->selected == NULL || strcmp(im->selected, folder) != 0) {
		res = select_folder(im, folder, true);
		if (res != IMAP_OK)
			goto out;
	}
	res = uid_search(im, mailimap_search_key_new_header(xstrdup("Message-ID"), xstrdup(want)),
	    1, "UID SEARCH HEADER Message-ID", &hits);
	if (res != IMAP_OK || hits.n == 0)
		goto out;
	if (hits.n > MAX_MSGID_HITS)
		hits.n = MAX_MSGID_HITS;
	set = uid_set(hits.uid, hits.n);
	hdrs = clist_new();
	clist_append(hdrs, xstrdup("Message-ID"));
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_body_peek_section(
	    mailimap_section_new_header_fields(mailimap_header_list_new(hdrs))));
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	if (r != MAILIMAP_NO_ERROR) {
		result = NULL;      /* already freed by libetpan */
		res = lib_fail(im, r, "UID FETCH Message-ID");
		goto out;
	}
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		struct mailimap_msg_att_static *st = att_static(att, MAILIMAP_MSG_ATT_BODY_SECTION);
		uint32_t u = att_uid(att);
		char *got;

		if (st == NULL || u == 0 || !uid_wanted(hits.uid, hits.n, u) ||
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
	enum imap_result res = need_connection(im, "APPEND");
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
	m = encode_folder(im, folder, what);
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
		res = lib_fail(im, r, what);
	else if (uid)
		*uid = newuid;
	mailimap_flag_list_free(flags);
	buf_free(&msg);
	free(m);
	return res;
}

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
	enum imap_result res = need_connection(im, "LIST");
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
		return lib_fail(im, r, "LIST");
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
			res = fail(im, IMAP_PERMFAIL, false, "LIST: Sent folder name is not valid modified UTF-7");
	}
	mailimap_list_result_free(list);
	return res;
}

/* ---- NOOP and IDLE ------------------------------------------------------ */

enum imap_result
imap_noop(struct imap *im, bool *new_mail)
{
	enum imap_result res = need_connection(im, "NOOP");
	int r;

	if (new_mail)
		*new_mail = false;
	if (res != IMAP_OK)
		return res;
	if (im->s->imap_selection_info)
		im->s->imap_selection_info->sel_has_exists = 0;
	r = mailimap_noop(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, "NOOP");
	if (new_mail && im->s->imap_selection_info)
		*new_mail = im->s->imap_selection_info->sel_has_exists != 0;
	return IMAP_OK;
}

enum imap_result
imap_idle_start(struct imap *im)
{
	enum imap_result res = need_selected(im, "IDLE");
	int r;

	if (res != IMAP_OK)
		return res;
	if (!mailimap_has_idle(im->s))
		return fail(im, IMAP_PERMFAIL, false, "%s:%u does not support IDLE",
		    im->host, im->port);
	r = mailimap_idle(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, "IDLE");
	im->idling = true;
	return IMAP_OK;
}

int
imap_fd(const struct imap *im)
{
	if (im->s == NULL || im->s->imap_stream == NULL)
		return -1;
	return mailimap_idle_get_fd(im->s);
}

bool
imap_idle_has_data(const struct imap *im)
{
	return im->s != NULL && im->s->imap_stream != NULL &&
	    im->s->imap_stream->read_buffer_len > 0;
}

static bool
readable_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return fd >= 0 && poll(&p, 1, 0) > 0;
}

/* "{123}" at the end of a line (before CRLF): the size of the literal that follows. */
static bool
line_literal(const char *s, size_t len, size_t *n)
{
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len < 3 || s[len - 1] != '}')
		return false;
	size_t i = len - 1, v = 0, mul = 1;
	while (i > 0 && isdigit((unsigned char)s[i - 1])) {
		i--;
		v += (size_t)(s[i] - '0') * mul;
		mul *= 10;
		if (mul > 100000000000ull)
			return false;
	}
	if (i == 0 || s[i - 1] != '{' || i == len - 1)
		return false;
	*n = v;
	return true;
}

enum imap_result
imap_idle_read(struct imap *im, bool *new_mail)
{
	MMAPString *line;
	enum imap_result res = IMAP_OK;

	if (!im->idling || im->s == NULL)
		return IMAP_OK;
	line = mmap_string_new("");
	if (line == NULL)
		return fail(im, IMAP_TEMPFAIL, true, "out of memory");
	for (int count = 0; count < 1000; count++) {
		size_t lit;
		char first[64];

		/* Only what is there: never wait for news here. */
		if (!imap_idle_has_data(im) && !readable_now(imap_fd(im)))
			break;
		mmap_string_truncate(line, 0);
		if (mailstream_read_line(im->s->imap_stream, line) == NULL || line->len == 0 ||
		    line->str[line->len - 1] != '\n') {
			res = fail(im, IMAP_TEMPFAIL, true,
			    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
			break;
		}
		snprintf(first, sizeof(first), "%.*s", (int)(line->len < 63 ? line->len : 63), line->str);
		/* Skip literals (a FETCH of flags with one, say) and their continuation. */
		while (line_literal(line->str, line->len, &lit)) {
			char skip[4096];
			if (lit > MAX_IDLE_LITERAL) {
				res = fail(im, IMAP_TEMPFAIL, true, "IDLE: oversized literal from server");
				goto out;
			}
			while (lit > 0) {
				size_t want = lit < sizeof(skip) ? lit : sizeof(skip);
				ssize_t got = mailstream_read(im->s->imap_stream, skip, want);
				if (got <= 0) {
					res = fail(im, IMAP_TEMPFAIL, true,
					    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
					goto out;
				}
				lit -= (size_t)got;
			}
			mmap_string_truncate(line, 0);
			if (mailstream_read_line(im->s->imap_stream, line) == NULL || line->len == 0) {
				res = fail(im, IMAP_TEMPFAIL, true,
				    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
				goto out;
			}
		}
		if (first[0] == '+')
			continue;
		if (first[0] != '*') {
			res = fail(im, IMAP_TEMPFAIL, true, "IDLE ended by the server: %s", first);
			break;
		}
		const char *p = first + 1;
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "BYE", 3) == 0) {
			res = fail(im, IMAP_TEMPFAIL, true, "%s:%u closed the connection: %s",
			    im->host, im->port, first);
			break;
		}
		if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
			while (*p == ' ')
				p++;
			if (strncasecmp(p, "EXISTS", 6) == 0 || strncasecmp(p, "RECENT", 6) == 0) {
				if (new_mail)
					*new_mail = true;
			}
		}
		/* "* OK Still here", EXPUNGE, FETCH flags: nothing to do. */
	}
out:
	mmap_string_free(line);
	return res;
}

enum imap_result
imap_idle_done(struct imap *im, bool *new_mail)
{
	int r;

	if (!im->idling || im->s == NULL)
		return IMAP_OK;
	im->idling = false;
	r = mailimap_idle_done(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return lib_fail(im, r, "IDLE DONE");
	if (new_mail && im->s->imap_selection_info &&
	    im->s->imap_selection_info->sel_has_exists)
		*new_mail = true;
	return IMAP_OK;
}
