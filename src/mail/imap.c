/*
 * imap: the handle, its errors, and the connection: TCP, TLS (the
 * certificate checks of tls.c, which libetpan does not do), the greeting,
 * CAPABILITY, STARTTLS, then logging in (imap_auth.c) and, at the end,
 * LOGOUT.  The rules every caller relies on are in imap.h; what the
 * imap*.c files share is in imap_p.h.
 *
 * Traps of Debian's libetpan 1.9.4 avoided here:
 *   - connect returns MAILIMAP_NO_ERROR_(NON_)AUTHENTICATED (1, 2) on success;
 *   - mailimap_set_timeout must come before connecting (it is copied into
 *     the stream when the stream is made);
 *   - mailimap_free sends LOGOUT and waits: a dead or untrusted connection is
 *     closed first (drop) so that nothing is sent and nobody waits.
 */
#include "autoconfig.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "log.h"
#include "net.h"
#include "tls.h"
#include "util.h"

#define DEFAULT_TIMEOUT 60
/* After a failed connection: how long to look for its reason, and to wait
 * for a plain-text greeting on a port that refused TLS. */
#define PROBE_TIMEOUT 10
#define GREETING_TIMEOUT 3

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
	imap_append_abandon(im);
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
	im->arrivals_valid = false;
	free(im->selected);
	im->selected = NULL;
}

enum imap_result
imap_fail(struct imap *im, enum imap_result res, bool close, const char *fmt, ...)
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

const char *
imap_server_said(struct imap *im, char *out, size_t outsz)
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

/* RFC 5530 codes, and Gmail's words. */
bool
imap_said_later(const char *said)
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

enum imap_result
imap_lib_fail(struct imap *im, int r, const char *what)
{
	char buf[300];
	const char *said;

	switch (r) {
	case MAILIMAP_ERROR_STREAM:
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_MEMORY:
		return imap_fail(im, IMAP_TEMPFAIL, true,
		    "%s: connection to %s:%u lost or timed out", what, im->host, im->port);
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_PROTOCOL:
		said = imap_server_said(im, buf, sizeof(buf));
		return imap_fail(im, IMAP_TEMPFAIL, true,
		    "%s: unreadable answer from %s:%u%s%s", what, im->host, im->port,
		    *said ? ": " : "", said);
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
		said = imap_server_said(im, buf, sizeof(buf));
		return imap_fail(im, IMAP_TEMPFAIL, true, "%s: %s:%u closed the connection%s%s",
		    what, im->host, im->port, *said ? ": " : "", said);
	case MAILIMAP_ERROR_BAD_STATE:
	case MAILIMAP_ERROR_INVAL:
		return imap_fail(im, IMAP_PERMFAIL, false, "%s: not possible in this state", what);
	default:
		said = imap_server_said(im, buf, sizeof(buf));
		return imap_fail(im, imap_said_later(said) ? IMAP_TEMPFAIL : IMAP_PERMFAIL, false,
		    "%s: server said: %s", what, *said ? said : "no");
	}
}

enum imap_result
imap_need_connection(struct imap *im, const char *what)
{
	imap_append_settle(im);         /* its answer comes before any other */
	if (!im->connected || im->s == NULL)
		return imap_fail(im, IMAP_TEMPFAIL, false, "%s: not connected", what);
	if (im->idling)
		return imap_fail(im, IMAP_PERMFAIL, false, "%s: connection is idling", what);
	return IMAP_OK;
}

enum imap_result
imap_need_selected(struct imap *im, const char *what)
{
	enum imap_result r = imap_need_connection(im, what);

	if (r == IMAP_OK && im->selected == NULL)
		return imap_fail(im, IMAP_PERMFAIL, false, "%s: no folder selected", what);
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
	free(im->append_err);
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

uint32_t
imap_selected_uidvalidity(const struct imap *im)
{
	if (im->selected == NULL || im->s == NULL || im->s->imap_selection_info == NULL)
		return 0;
	return im->s->imap_selection_info->sel_uidvalidity;
}

uint32_t
imap_selected_exists(const struct imap *im)
{
	if (im->selected == NULL || im->s == NULL || im->s->imap_selection_info == NULL)
		return 0;
	return im->s->imap_selection_info->sel_exists;
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
		res = imap_fail(im, IMAP_PERMFAIL, true, "certificate of %s:%u %s%s",
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
		return imap_lib_fail(im, r, what);
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
			return imap_fail(im, IMAP_PERMFAIL, true,
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
		return imap_fail(im, IMAP_PERMFAIL, true,
		    "%s:%u sent data right after its STARTTLS answer (injection?); refused",
		    im->host, im->port);
	if (r != MAILIMAP_NO_ERROR) {
		if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_SSL)
			return imap_fail(im, IMAP_TEMPFAIL, true, "TLS handshake with %s:%u failed",
			    im->host, im->port);
		return imap_lib_fail(im, r, "STARTTLS");
	}
	res = check_certificate(im);
	if (res != IMAP_OK)
		return res;
	return read_capabilities(im, "after STARTTLS");
}

/* The connection could not be made (r is libetpan's answer): say why, as
 * precisely as a second look at the network allows. */
static enum imap_result
connect_failed(struct imap *im, int r)
{
	enum imap_result res;
	char *why;

	switch (r) {
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
		/* libetpan keeps the reason: ask the resolver and the
		 * kernel again. */
		why = net_unreachable_reason(im->host, im->port,
		    im->timeout < PROBE_TIMEOUT ? im->timeout : PROBE_TIMEOUT);
		if (why == NULL)
			return imap_fail(im, IMAP_TEMPFAIL, true, "cannot connect to %s:%u",
			    im->host, im->port);
		res = imap_fail(im, IMAP_TEMPFAIL, true, "%s", why);
		free(why);
		return res;
	case MAILIMAP_ERROR_SSL:
		if (im->security == IMAP_SECURITY_IMAPS &&
		    net_greets_in_plain_text(im->host, im->port, GREETING_TIMEOUT))
			return imap_fail(im, IMAP_PERMFAIL, true,
			    "the server did not answer TLS on port %u: it may expect STARTTLS; "
			    "use imap://%s:%u (STARTTLS) or port 993 for imaps://",
			    im->port, im->host, im->port);
		return imap_fail(im, IMAP_TEMPFAIL, true, "TLS handshake with %s:%u failed",
		    im->host, im->port);
	default:
		res = imap_lib_fail(im, r, "greeting");
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

/* TCP, and TLS for imaps: up to the greeting; *preauth when it was PREAUTH. */
static enum imap_result
open_connection(struct imap *im, bool *preauth)
{
	int r;

	if (*im->host == '\0')
		return imap_fail(im, IMAP_PERMFAIL, false, "no IMAP host configured");
	if (im->port == 0 || im->port > 65535)
		return imap_fail(im, IMAP_PERMFAIL, false, "bad IMAP port %u", im->port);
	if (im->security == IMAP_SECURITY_NONE && !im->allow_insecure)
		return imap_fail(im, IMAP_PERMFAIL, false,
		    "IMAP without TLS needs allow_insecure = true");

	im->s = mailimap_new(0, NULL);
	if (im->s == NULL)
		return imap_fail(im, IMAP_TEMPFAIL, false, "out of memory");
	/* Before connecting: the stream copies it when it is made. */
	mailimap_set_timeout(im->s, im->timeout);
	mailimap_set_logger(im->s, logger, im);

	if (im->security == IMAP_SECURITY_IMAPS)
		r = mailimap_ssl_connect_with_callback(im->s, im->host, (uint16_t)im->port,
		    tls_setup, im);
	else
		r = mailimap_socket_connect(im->s, im->host, (uint16_t)im->port);
	if (r != MAILIMAP_NO_ERROR_AUTHENTICATED && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return connect_failed(im, r);
	*preauth = (r == MAILIMAP_NO_ERROR_AUTHENTICATED);
	/* A NAT that forgets an idle connection would otherwise cost us the
	 * mail until the next IDLE refresh. */
	net_set_keepalive(mailimap_idle_get_fd(im->s));
	return IMAP_OK;
}

static enum imap_result
connect_and_login(struct imap *im)
{
	enum imap_result res;
	bool preauth = false;

	res = open_connection(im, &preauth);
	if (res != IMAP_OK)
		return res;
	if (im->security == IMAP_SECURITY_IMAPS) {
		res = check_certificate(im);
		if (res != IMAP_OK)
			return res;
	} else if (im->security == IMAP_SECURITY_STARTTLS) {
		/* PREAUTH forbids STARTTLS: a man in the middle would love it. */
		if (preauth && !im->allow_insecure)
			return imap_fail(im, IMAP_PERMFAIL, true,
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
		res = imap_authenticate(im);
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
	imap_append_settle(im);
	if (im->s != NULL && im->connected && im->s->imap_stream != NULL)
		mailimap_logout(im->s);   /* closes the stream, whatever it returns */
	drop(im);
}
