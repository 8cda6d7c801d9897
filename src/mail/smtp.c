/*
 * smtp: mail submission through libcurl; see smtp.h for the contract.
 *
 * libcurl runs the SMTP dialogue; this file sets it up safely, feeds it the
 * exact bytes, and decides what the outcome means.  libcurl's own error
 * codes are too coarse for that (a refused RCPT and a dropped connection
 * can both be CURLE_SEND_ERROR), so the debug callback follows the
 * dialogue: which command went out, which reply came back, whether DATA was
 * accepted and whether the end-of-data reply arrived.  The same trace gives
 * the server's own words for the detail line.
 */
#include <curl/curl.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "net.h"
#include "smtp.h"
#include "smtp_curl.h"
#include "tls.h"
#include "util.h"

#define REPLY_MAX 300           /* bytes of server text kept for the detail */
#define CMD_MAX 300             /* bytes of a command kept ("RCPT TO:<...>") */
#define LINE_MAX_IN 2048        /* longer reply lines are cut, never grown */
/* After a failed connection: how long to look for its reason, and to wait
 * for a plain-text greeting on a port that refused TLS. */
#define PROBE_TIMEOUT 10
#define GREETING_TIMEOUT 3

struct smtp {
	CURL *curl;                 /* NULL until the first send, or after close */
	char *url;
	char *host;
	unsigned port;
	char *user;                 /* NULL: no AUTH */
	char *secret;               /* wiped on change and free */
	char *ca_file;
	char *ca_path;
	char *pin;                  /* tls_fingerprint; NULL for none */
	char *pin_file;             /* tls_cert_file; NULL for none */
	char *key_pin;              /* "sha256//..." of the pinned certificate's
	                               key, once a probe has compared it; NULL */
	enum smtp_security security;
	enum smtp_auth auth;
	long connect_timeout;
	long timeout;
	unsigned connections;
	char errbuf[CURL_ERROR_SIZE];

	/* The dialogue of the current transfer, reset by smtp_send(). */
	struct buf line;            /* a reply line still missing its LF */
	struct buf reply;           /* the reply being read, printable */
	char last_reply[REPLY_MAX + 1];
	int last_code;              /* of the last complete reply; 0 none */
	char cmd[CMD_MAX + 1];      /* the last command sent ("" none yet) */
	char reply_cmd[CMD_MAX + 1];/* the command the last reply answered */
	bool in_sasl;               /* AUTH sent, 334 seen: lines out are secret */
	bool new_conn;              /* a greeting arrived: a new connection */
	bool authed;                /* 235 to AUTH on this transfer */
	bool data_accepted;         /* 354 to DATA */
	bool after_data;            /* a reply arrived after the 354 */
	bool body_done;             /* every byte handed to libcurl */
	bool mark_failed;           /* the mark's hook failed: transfer aborted */
	bool no_auth;               /* aborted: the server offered no AUTH */
	bool login_denied;          /* libcurl ended the transfer with CURLE_LOGIN_DENIED */
	char *cert_why;             /* why the certificate was refused, or NULL */
	char *net_why;              /* why there was no connection, or NULL */
	char auth_offer[REPLY_MAX + 1]; /* the mechanisms in EHLO's AUTH line */

	const char *data;           /* the mail being sent */
	size_t len;
	size_t pos;
	const struct smtp_mark *mark; /* called once the body is all handed */
};

int
smtp_global_init(void)
{
	return 0;       /* smtp_new() loads and initialises libcurl (smtp_curl.h) */
}

void
smtp_global_cleanup(void)
{
	smtp_curl_cleanup();
}

const char *
smtp_result_name(enum smtp_result r)
{
	switch (r) {
	case SMTP_OK: return "ok";
	case SMTP_TEMPFAIL: return "temporary failure";
	case SMTP_PERMFAIL: return "permanent failure";
	case SMTP_AUTHFAIL: return "authentication failure";
	case SMTP_UNKNOWN: return "unknown outcome";
	}
	return "?";
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A host for the URL: a DNS name, an IPv4 literal or a bare IPv6 literal. */
static bool
host_ok(const char *h)
{
	size_t i;
	bool colon = strchr(h, ':') != NULL;

	if (h[0] == '\0' || strlen(h) > 253)
		return false;
	for (i = 0; h[i]; i++) {
		char c = h[i];

		if (is_alnum(c) || c == '.' || c == '-')
			continue;
		if (colon && (c == ':' || c == '%'))
			continue;
		if (c == '_')   /* seen in real internal names */
			continue;
		return false;
	}
	return true;
}

/* An EHLO name: a host name, or an address literal "[...]". */
static bool
ehlo_ok(const char *h)
{
	size_t i, n = strlen(h);

	if (n == 0 || n > 253)
		return false;
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']')
			return false;
		for (i = 1; i + 1 < n; i++)
			if (!is_alnum(h[i]) && h[i] != '.' && h[i] != ':')
				return false;
		return true;
	}
	if (h[0] == '-' || h[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!is_alnum(h[i]) && h[i] != '.' && h[i] != '-')
			return false;
	return true;
}

/*
 * An address that can go between < and > in MAIL or RCPT: no control
 * bytes, no space, no brackets, an '@' with something on both sides.
 * UTF-8 is let through (SMTPUTF8 is the server's business).
 */
static bool
address_ok(const char *a)
{
	const char *at = strrchr(a, '@');
	size_t i;

	if (!at || at == a || at[1] == '\0' || strlen(a) > 320)
		return false;
	for (i = 0; a[i]; i++) {
		unsigned char c = (unsigned char)a[i];

		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>')
			return false;
	}
	return true;
}

/* Append n bytes to dst (capacity cap, NUL kept), control bytes as '?'. */
static void
append_printable(char *dst, size_t cap, const char *p, size_t n)
{
	size_t k = strlen(dst);
	size_t i;

	for (i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)p[i];

		dst[k++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	dst[k] = '\0';
}

static void
set_str(char *dst, size_t cap, const char *src)
{
	dst[0] = '\0';
	append_printable(dst, cap, src, strlen(src));
}

static bool
word_is(const char *line, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && strncasecmp(line, word, w) == 0 &&
	    (n == w || line[w] == ' ');
}

/*
 * A command went out.  Only the command word is kept, except for MAIL and
 * RCPT whose address helps the detail line; AUTH arguments and the SASL
 * exchange after it are never looked at (they hold the secret).
 */
static void
command_out(struct smtp *s, const char *p, size_t n)
{
	static const char *const verbs[] = {
		"EHLO", "HELO", "STARTTLS", "AUTH", "DATA", "QUIT", "RSET",
		"NOOP", "VRFY", "EXPN",
	};
	size_t i;

	if (s->in_sasl)
		return;
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	if (n >= 10 && strncasecmp(p, "MAIL FROM:", 10) == 0) {
		s->cmd[0] = '\0';
		append_printable(s->cmd, sizeof(s->cmd), p, n);
		goto out;
	}
	if (n >= 8 && strncasecmp(p, "RCPT TO:", 8) == 0) {
		s->cmd[0] = '\0';
		append_printable(s->cmd, sizeof(s->cmd), p, n);
		goto out;
	}
	if (word_is(p, n, "EHLO") || word_is(p, n, "HELO")) {
		s->cmd[0] = '\0';
		append_printable(s->cmd, sizeof(s->cmd), p, n);
		goto out;
	}
	for (i = 0; i < ARRAY_LEN(verbs); i++) {
		if (word_is(p, n, verbs[i])) {
			set_str(s->cmd, sizeof(s->cmd), verbs[i]);
			if (strcmp(verbs[i], "AUTH") == 0)
				s->in_sasl = true;
			goto out;
		}
	}
	/* Anything else is not ours to describe. */
	return;
out:
	log_debug("smtp: > %s", s->cmd);
}

/* One whole reply line arrived (without CR LF). */
static void
reply_line(struct smtp *s, const char *l, size_t n)
{
	int code = 0;
	bool final = true;
	const char *text = l;
	size_t tn = n;

	if (n >= 3 && is_digit(l[0]) && is_digit(l[1]) && is_digit(l[2]) &&
	    (n == 3 || l[3] == ' ' || l[3] == '-')) {
		code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
		final = n == 3 || l[3] == ' ';
		text = n > 3 ? l + 4 : l + 3;
		tn = n > 3 ? n - 4 : 0;
	}
	if (tn > 5 && strncasecmp(text, "AUTH ", 5) == 0 && word_is(s->cmd, strlen(s->cmd), "EHLO")) {
		s->auth_offer[0] = '\0';
		append_printable(s->auth_offer, sizeof(s->auth_offer), text + 5, tn - 5);
	}
	/* Keep one line: "CODE first text ... more text", bounded. */
	if (s->reply.len == 0)
		buf_addf(&s->reply, "%03d", code);
	if (s->reply.len < REPLY_MAX && tn > 0) {
		size_t room = REPLY_MAX - s->reply.len;

		buf_addc(&s->reply, ' ');
		buf_add(&s->reply, text, tn < room ? tn : room);
	}
	if (!final)
		return;
	if (strcmp(s->cmd, "QUIT") == 0) {
		/* libcurl says QUIT after a failure: its 221 decides nothing. */
		log_debug("smtp: < %s", s->reply.data);
		buf_reset(&s->reply);
		return;
	}

	s->last_code = code;
	set_str(s->last_reply, sizeof(s->last_reply), s->reply.data);
	buf_reset(&s->reply);
	memcpy(s->reply_cmd, s->cmd, sizeof(s->reply_cmd));
	log_debug("smtp: < %s", s->last_reply);

	if (s->cmd[0] == '\0')
		s->new_conn = true;             /* no command yet: the greeting */
	if (s->data_accepted)
		s->after_data = true;           /* the reply to end-of-data */
	else if (strcmp(s->cmd, "DATA") == 0 && code == 354)
		s->data_accepted = true;
	if (s->in_sasl && code != 334) {
		s->in_sasl = false;
		if (code / 100 == 2)
			s->authed = true;
	}
}

static void
reply_in(struct smtp *s, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			size_t len = s->line.len;

			if (len > 0 && s->line.data[len - 1] == '\r')
				len--;
			reply_line(s, s->line.data ? s->line.data : "", len);
			buf_reset(&s->line);
		} else if (s->line.len < LINE_MAX_IN) {
			buf_addc(&s->line, p[i]);
		}
	}
}

static int
debug_cb(CURL *h, curl_infotype type, char *p, size_t n, void *arg)
{
	struct smtp *s = arg;

	(void)h;
	switch (type) {
	case CURLINFO_HEADER_IN:
		reply_in(s, p, n);
		break;
	case CURLINFO_HEADER_OUT:
		command_out(s, p, n);
		break;
	case CURLINFO_TEXT:
		/* libcurl's own notes (connects, TLS); no secrets in them. */
		if (log_enabled(LOG_LEVEL_DEBUG)) {
			while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
				n--;
			log_debug("smtp: * %.*s", (int)(n > 400 ? 400 : n), p);
		}
		break;
	default:
		/* The body and raw TLS bytes are not logged. */
		break;
	}
	return 0;
}

/* The caller's body-handed mark, if any: true when recorded (or none is
 * wanted), false when its hook failed (s->mark_failed). */
static bool
call_mark(struct smtp *s)
{
	if (s->mark == NULL || s->mark->handed == NULL)
		return true;
	if (s->mark->handed(s->mark->arg) == 0)
		return true;
	s->mark_failed = true;
	return false;
}

static size_t
read_cb(char *dst, size_t size, size_t nitems, void *arg)
{
	struct smtp *s = arg;
	size_t room = size * nitems;
	size_t n = s->len - s->pos;

	/*
	 * libcurl skips AUTH silently when the server does not offer it.  A
	 * configured login must happen: stop before the first byte of the
	 * body (DATA was accepted, but without end-of-data nothing is sent).
	 */
	if (s->user && s->new_conn && !s->authed) {
		s->no_auth = true;
		return CURL_READFUNC_ABORT;
	}
	if (n > room)
		n = room;
	/*
	 * The last bytes of the body: once libcurl has them it may say
	 * end-of-data.  The caller's mark is recorded first; without it
	 * nothing may end the body (smtp_send_marked()).
	 */
	if (s->pos + n == s->len && !s->body_done && !call_mark(s))
		return CURL_READFUNC_ABORT;
	memcpy(dst, s->data + s->pos, n);
	s->pos += n;
	if (s->pos == s->len)
		s->body_done = true;
	return n;
}

#define SET(opt, val) do { \
		if (curl_easy_setopt(s->curl, (opt), (val)) != CURLE_OK) { \
			*err = xasprintf("libcurl refused option %s", #opt); \
			goto fail; \
		} \
	} while (0)

static int
handle_setup(struct smtp *s, char **err)
{
	long t = s->timeout;

	s->curl = curl_easy_init();
	if (!s->curl) {
		*err = xstrdup("cannot create a libcurl handle");
		return -1;
	}
	SET(CURLOPT_URL, s->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_USE_SSL, s->security == SMTP_SECURITY_NONE ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	if (s->key_pin) {
		/* Pinned: pin_probe() compared the certificate itself; libcurl
		 * makes sure this connection reaches the same key, after the
		 * handshake and before any command (so before AUTH). */
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
		SET(CURLOPT_PINNEDPUBLICKEY, s->key_pin);
	} else {
		SET(CURLOPT_SSL_VERIFYPEER, 1L);
		SET(CURLOPT_SSL_VERIFYHOST, 2L);
	}
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	/*
	 * With GnuTLS, CURLOPT_CAINFO replaces libcurl's default bundle but
	 * leaves its CA directory: on Debian the system store is that
	 * directory, so ca_file is trusted in addition to it.
	 */
	if (s->ca_file)
		SET(CURLOPT_CAINFO, s->ca_file);
	if (s->ca_path)
		SET(CURLOPT_CAPATH, s->ca_path);

	SET(CURLOPT_CONNECTTIMEOUT, s->connect_timeout);
	SET(CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
	SET(CURLOPT_LOW_SPEED_LIMIT, 1L);
	SET(CURLOPT_LOW_SPEED_TIME, t);
	SET(CURLOPT_TIMEOUT, s->connect_timeout + 10 * t);
	/* A NAT that drops a quiet connection is noticed (util.h). */
	SET(CURLOPT_TCP_KEEPALIVE, 1L);
	SET(CURLOPT_TCP_KEEPIDLE, (long)NET_KEEPIDLE);
	SET(CURLOPT_TCP_KEEPINTVL, (long)NET_KEEPINTVL);
#if LIBCURL_VERSION_NUM >= 0x080900
	SET(CURLOPT_TCP_KEEPCNT, (long)NET_KEEPCNT);
#endif

	if (s->user) {
		static const char *const mech[] = {
			[SMTP_AUTH_PLAIN] = "AUTH=PLAIN",
			[SMTP_AUTH_LOGIN] = "AUTH=LOGIN",
			[SMTP_AUTH_XOAUTH2] = "AUTH=XOAUTH2",
			[SMTP_AUTH_OAUTHBEARER] = "AUTH=OAUTHBEARER",
		};

		SET(CURLOPT_USERNAME, s->user);
		SET(CURLOPT_LOGIN_OPTIONS, mech[s->auth]);
		/* libcurl builds either SASL message from the bearer token
		 * (OAUTHBEARER with the host and port of the URL). */
		if (s->auth == SMTP_AUTH_XOAUTH2 || s->auth == SMTP_AUTH_OAUTHBEARER)
			SET(CURLOPT_XOAUTH2_BEARER, s->secret ? s->secret : "");
		else
			SET(CURLOPT_PASSWORD, s->secret ? s->secret : "");
	}

	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, read_cb);
	SET(CURLOPT_READDATA, s);
	SET(CURLOPT_CRLF, 0L);          /* the caller's bytes, unchanged */
	/* The debug callback is how replies are seen; it prints nothing
	 * itself beyond log_debug of the filtered trace. */
	SET(CURLOPT_DEBUGFUNCTION, debug_cb);
	SET(CURLOPT_DEBUGDATA, s);
	SET(CURLOPT_VERBOSE, 1L);
	SET(CURLOPT_ERRORBUFFER, s->errbuf);
	/* The chain, to say why a certificate was refused (cert_reason()). */
	SET(CURLOPT_CERTINFO, 1L);
	return 0;
fail:
	curl_easy_cleanup(s->curl);
	s->curl = NULL;
	return -1;
}

#undef SET

struct smtp *
smtp_new(const struct smtp_config *cfg, char **err)
{
	struct smtp *s = NULL;
	curl_version_info_data *v;
	const char *const *p;
	bool has_smtp = false;
	unsigned port;
	const char *ehlo;
	bool v6;

	*err = NULL;
	if (smtp_curl_load(err) == -1)
		return NULL;
	v = curl_version_info(CURLVERSION_NOW);
	for (p = v->protocols; p && *p; p++)
		if (strcmp(*p, "smtps") == 0)
			has_smtp = true;
	if (!has_smtp) {
		*err = xstrdup("libcurl was built without SMTP over TLS");
		return NULL;
	}
	if (!cfg->host || !host_ok(cfg->host)) {
		*err = xasprintf("unusable SMTP host name");
		return NULL;
	}
	if (cfg->security == SMTP_SECURITY_NONE && !cfg->allow_insecure) {
		*err = xstrdup("SMTP without TLS needs allow_insecure");
		return NULL;
	}

	s = xcalloc(1, sizeof(*s));
	s->security = cfg->security;
	s->auth = cfg->auth;
	port = cfg->port ? cfg->port : cfg->security == SMTP_SECURITY_SMTPS ? 465 : 587;
	ehlo = cfg->ehlo_name && ehlo_ok(cfg->ehlo_name) ? cfg->ehlo_name : "localhost";
	v6 = strchr(cfg->host, ':') != NULL;
	s->host = xstrdup(cfg->host);
	s->port = port;
	/* The URL path is the EHLO name (libcurl's convention). */
	s->url = xasprintf("%s://%s%s%s:%u/%s",
	    cfg->security == SMTP_SECURITY_SMTPS ? "smtps" : "smtp",
	    v6 ? "[" : "", cfg->host, v6 ? "]" : "", port, ehlo);
	if (cfg->user && cfg->user[0])
		s->user = xstrdup(cfg->user);
	if (cfg->secret)
		s->secret = xstrdup(cfg->secret);
	if (cfg->ca_file && cfg->ca_file[0])
		s->ca_file = xstrdup(cfg->ca_file);
	if (cfg->ca_path && cfg->ca_path[0])
		s->ca_path = xstrdup(cfg->ca_path);
	if (cfg->tls_fingerprint && cfg->tls_fingerprint[0])
		s->pin = xstrdup(cfg->tls_fingerprint);
	if (cfg->tls_cert_file && cfg->tls_cert_file[0])
		s->pin_file = xstrdup(cfg->tls_cert_file);
	s->connect_timeout = cfg->connect_timeout > 0 ? cfg->connect_timeout : 60;
	s->timeout = cfg->timeout > 0 ? cfg->timeout : 60;
	return s;
}

void
smtp_set_secret(struct smtp *s, const char *secret)
{
	free_secret(s->secret);
	s->secret = secret ? xstrdup(secret) : NULL;
	if (!s->curl || !s->user)
		return;
	/* libcurl will not reuse a connection made with other credentials. */
	if (s->auth == SMTP_AUTH_XOAUTH2 || s->auth == SMTP_AUTH_OAUTHBEARER)
		curl_easy_setopt(s->curl, CURLOPT_XOAUTH2_BEARER, s->secret ? s->secret : "");
	else
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD, s->secret ? s->secret : "");
}

void
smtp_close(struct smtp *s)
{
	if (!s || !s->curl)
		return;
	/* Cleanup says QUIT; the trace callback still runs meanwhile. */
	s->cmd[0] = '\0';
	s->in_sasl = false;
	curl_easy_cleanup(s->curl);
	s->curl = NULL;
}

void
smtp_free(struct smtp *s)
{
	if (!s)
		return;
	smtp_close(s);
	free(s->url);
	free(s->host);
	free(s->cert_why);
	free(s->net_why);
	free(s->user);
	free_secret(s->secret);
	free(s->ca_file);
	free(s->ca_path);
	free(s->pin);
	free(s->pin_file);
	free(s->key_pin);
	buf_free(&s->line);
	buf_free(&s->reply);
	free(s);
}

unsigned
smtp_connections(const struct smtp *s)
{
	return s->connections;
}

const char *
smtp_login_refused(const struct smtp *s)
{
	/* libcurl 7.88 gives up on XOAUTH2's error challenge (334 with a
	 * JSON status) without waiting for the 5xx that would follow: that
	 * challenge is then the server's answer. */
	if (s && s->user && !s->authed && !s->no_auth && !s->cert_why &&
	    word_is(s->reply_cmd, strlen(s->reply_cmd), "AUTH") && s->last_reply[0] &&
	    ((s->last_code >= 500 && s->last_code < 600) ||
	     (s->last_code == 334 && s->login_denied)))
		return s->last_reply;
	return NULL;
}

static bool
cmd_is(const char *cmd, const char *word)
{
	return word_is(cmd, strlen(cmd), word) ||
	    (strcmp(word, "MAIL") == 0 && strncasecmp(cmd, "MAIL FROM:", 10) == 0) ||
	    (strcmp(word, "RCPT") == 0 && strncasecmp(cmd, "RCPT TO:", 8) == 0);
}

enum smtp_result
smtp_classify(int curl_code, int last_code, bool after_data,
    bool data_accepted, bool body_done, const char *cmd)
{
	int cls = last_code / 100;

	if (curl_code == CURLE_OK)
		return SMTP_OK;

	/* The server answered the end of the body: its word decides. */
	if (after_data) {
		if (cls == 2)
			return SMTP_OK;
		if (cls == 4)
			return SMTP_TEMPFAIL;
		if (cls == 5)
			return SMTP_PERMFAIL;
		return SMTP_UNKNOWN;
	}

	switch (curl_code) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
		/* We refuse the server, or cannot start: not the mail's fault. */
		return SMTP_AUTHFAIL;
	case CURLE_USE_SSL_FAILED:
		/* STARTTLS not offered (permanent) or answered 454 (later). */
		return cls == 4 ? SMTP_TEMPFAIL : SMTP_AUTHFAIL;
	default:
		break;
	}

	/* The body went out (or some of it) without an answer to it. */
	if (data_accepted)
		return body_done ? SMTP_UNKNOWN : SMTP_TEMPFAIL;

	if (cls == 4)
		return SMTP_TEMPFAIL;
	if (cls == 5) {
		/* Refused before any mail was named: the session is refused. */
		if (cmd[0] == '\0' || cmd_is(cmd, "EHLO") || cmd_is(cmd, "HELO") ||
		    cmd_is(cmd, "STARTTLS") || cmd_is(cmd, "AUTH"))
			return SMTP_AUTHFAIL;
		return SMTP_PERMFAIL;
	}
	if (curl_code == CURLE_LOGIN_DENIED || curl_code == CURLE_AUTH_ERROR)
		return SMTP_AUTHFAIL;   /* e.g. no common AUTH mechanism */
	return SMTP_TEMPFAIL;
}

/*
 * libcurl with GnuTLS says only "server certificate verification failed"
 * for an unknown CA and an expired certificate alike.  The chain it saw is
 * still there (CURLOPT_CERTINFO): ask tls_verify_chain(), the check the
 * IMAP side uses, for the reason in the same words.  NULL when the chain
 * is not available or the two checks disagree (curl's text is kept).
 */
/* The chain libcurl saw (CURLOPT_CERTINFO), as DER; the number of
 * certificates (0: none).  Free with free_chain(). */
static int
certinfo_chain(CURL *curl, gnutls_datum_t **der_out, struct tls_cert **chain_out)
{
	struct curl_certinfo *ci = NULL;
	struct tls_cert *chain;
	gnutls_datum_t *der;
	int i, n = 0;

	*der_out = NULL;
	*chain_out = NULL;
	if (curl_easy_getinfo(curl, CURLINFO_CERTINFO, &ci) != CURLE_OK || !ci ||
	    ci->num_of_certs <= 0)
		return 0;
	der = xcalloc((size_t)ci->num_of_certs, sizeof(*der));
	chain = xcalloc((size_t)ci->num_of_certs, sizeof(*chain));
	for (i = 0; i < ci->num_of_certs; i++) {
		struct curl_slist *l;

		for (l = ci->certinfo[i]; l; l = l->next) {
			gnutls_datum_t pem;

			if (strncmp(l->data, "Cert:", 5) != 0)
				continue;
			pem.data = (unsigned char *)l->data + 5;
			pem.size = (unsigned)strlen(l->data + 5);
			if (gnutls_pem_base64_decode2("CERTIFICATE", &pem, &der[n]) == 0) {
				chain[n].der = der[n].data;
				chain[n].len = der[n].size;
				n++;
			}
			break;
		}
	}
	*der_out = der;
	*chain_out = chain;
	return n;
}

static void
free_chain(gnutls_datum_t *der, struct tls_cert *chain, int n)
{
	for (int i = 0; i < n; i++)
		gnutls_free(der[i].data);
	free(der);
	free(chain);
}

/*
 * libcurl with GnuTLS says only "server certificate verification failed"
 * for an unknown CA and an expired certificate alike.  The chain it saw is
 * still there (CURLOPT_CERTINFO): ask tls_verify_chain(), the check the
 * IMAP side uses, for the reason in the same words.  NULL when the chain
 * is not available or the two checks disagree (curl's text is kept).
 */
static char *
cert_reason(struct smtp *s)
{
	struct tls_cert *chain = NULL;
	gnutls_datum_t *der = NULL;
	char *why = NULL, *out = NULL;
	int n;
	enum tls_verdict v;

	n = certinfo_chain(s->curl, &der, &chain);
	if (n > 0 && (v = tls_verify_chain(chain, (size_t)n, s->host, s->ca_file, &why)) !=
	    TLS_VERIFIED && why)
		out = xasprintf("certificate of %s:%u %s%s", s->host, s->port, why,
		    tls_verdict_hint(v, "smtp"));
	free(why);
	free_chain(der, chain, n);
	return out;
}

/*
 * With a pin (tls_fingerprint, tls_cert_file): a connection of its own,
 * without credentials (no user: no AUTH), that stops once the TLS session
 * stands (after STARTTLS and the second EHLO for smtp://).  Its certificate
 * is compared with the pin here; if it matches, the key of that
 * certificate is what later connections must reach (s->key_pin, checked
 * by libcurl before it sends any command over TLS).
 * SMTP_OK, or SMTP_AUTHFAIL (wrong pin: the server is refused) or
 * SMTP_TEMPFAIL (no connection) with *detail.
 */
#define PSET(opt, val) (ok = ok && curl_easy_setopt(c, (opt), (val)) == CURLE_OK)
static enum smtp_result
pin_probe(struct smtp *s, char **detail)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct tls_cert *chain = NULL;
	gnutls_datum_t *der = NULL;
	char *why = NULL;
	enum smtp_result r = SMTP_AUTHFAIL;
	enum tls_verdict v;
	CURLcode rc;
	bool ok = true;
	int n = 0;
	CURL *c = curl_easy_init();

	if (c == NULL) {
		*detail = xstrdup("cannot create a libcurl handle");
		return SMTP_TEMPFAIL;
	}
	PSET(CURLOPT_URL, s->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	PSET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	PSET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	PSET(CURLOPT_NOSIGNAL, 1L);
	PSET(CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	PSET(CURLOPT_SSL_VERIFYPEER, 0L);
	PSET(CURLOPT_SSL_VERIFYHOST, 0L);
	PSET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	PSET(CURLOPT_CERTINFO, 1L);
	PSET(CURLOPT_CONNECT_ONLY, 1L);
	PSET(CURLOPT_CONNECTTIMEOUT, s->connect_timeout);
	PSET(CURLOPT_TIMEOUT, s->connect_timeout + s->timeout);
	PSET(CURLOPT_ERRORBUFFER, errbuf);
	if (!ok) {
		*detail = xstrdup("libcurl refused an option of the certificate check");
		r = SMTP_TEMPFAIL;
		goto out;
	}
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		*detail = xasprintf("cannot check the certificate of %s:%u against the pin: %s",
		    s->host, s->port, errbuf[0] ? errbuf : curl_easy_strerror(rc));
		r = rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT ?
		    SMTP_AUTHFAIL : SMTP_TEMPFAIL;
		goto out;
	}
	n = certinfo_chain(c, &der, &chain);
	v = tls_verify_pin(chain, (size_t)n, s->pin, s->pin_file, "smtp", &why);
	if (v != TLS_VERIFIED) {
		*detail = xasprintf("certificate of %s:%u %s%s", s->host, s->port, why,
		    tls_verdict_hint(v, "smtp"));
		goto out;
	}
	if ((s->key_pin = tls_pubkey_pin(&chain[0])) == NULL) {
		*detail = xasprintf("certificate of %s:%u has a key that cannot be read",
		    s->host, s->port);
		goto out;
	}
	log_debug("smtp: certificate of %s:%u matches the pin", s->host, s->port);
	r = SMTP_OK;
out:
	free(why);
	free_chain(der, chain, n);
	curl_easy_cleanup(c);
	return r;
}
#undef PSET

static void
reset_dialogue(struct smtp *s)
{
	buf_reset(&s->line);
	buf_reset(&s->reply);
	s->last_reply[0] = '\0';
	s->last_code = 0;
	s->cmd[0] = '\0';
	s->reply_cmd[0] = '\0';
	s->in_sasl = false;
	s->new_conn = false;
	s->authed = false;
	s->data_accepted = false;
	s->after_data = false;
	s->body_done = false;
	s->mark_failed = false;
	s->no_auth = false;
	s->login_denied = false;
	s->auth_offer[0] = '\0';
	free(s->cert_why);
	s->cert_why = NULL;
	free(s->net_why);
	s->net_why = NULL;
	s->errbuf[0] = '\0';
}

static char *
printable_copy(const char *p)
{
	char tmp[REPLY_MAX + 1];

	set_str(tmp, sizeof(tmp), p);
	return xstrdup(tmp);
}

static const char *const auth_names[] = {
	[SMTP_AUTH_PLAIN] = "PLAIN",
	[SMTP_AUTH_LOGIN] = "LOGIN",
	[SMTP_AUTH_XOAUTH2] = "XOAUTH2",
	[SMTP_AUTH_OAUTHBEARER] = "OAUTHBEARER",
};

static char *
make_detail(struct smtp *s, CURLcode rc, enum smtp_result r)
{
	const char *why = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);
	char *w = printable_copy(why);
	char *d;
	size_t n = strlen(w);

	while (n > 0 && (w[n - 1] == ' ' || w[n - 1] == '?'))
		w[--n] = '\0';          /* libcurl ends some messages with "\n" */
	if (r == SMTP_OK)
		d = xstrdup(s->last_reply[0] ? s->last_reply : "accepted");
	else if (s->cert_why)
		d = xstrdup(s->cert_why);
	else if (s->net_why)
		d = xstrdup(s->net_why);
	else if (s->no_auth)
		d = xstrdup("the server offers no authentication; not sending without logging in");
	else if (s->mark_failed)
		d = xstrdup("the end of the body was held back: its hand-off could not be "
		    "recorded; the mail was not sent");
	else if (r == SMTP_UNKNOWN)
		d = xasprintf("no reply after the end of the mail data (%s): "
		    "the mail may have been delivered", w);
	else if (rc == CURLE_LOGIN_DENIED && s->user && s->last_code == 334 &&
	    word_is(s->reply_cmd, strlen(s->reply_cmd), "AUTH"))
		d = xasprintf("AUTH %s refused: the server answered with an error challenge (%s)",
		    auth_names[s->auth], s->last_reply);
	else if (rc == CURLE_LOGIN_DENIED && s->user && !word_is(s->reply_cmd, strlen(s->reply_cmd), "AUTH"))
		d = xasprintf("the server does not offer AUTH %s (it offers: %s)",
		    auth_names[s->auth], s->auth_offer[0] ? s->auth_offer : "none");
	else if (s->last_code >= 400 || (s->after_data && s->last_code / 100 != 2))
		d = xasprintf("%s: %s", s->reply_cmd[0] ? s->reply_cmd : "greeting",
		    s->last_reply);
	else
		d = xstrdup(w);
	free(w);
	return d;
}

/* Hand msg to *detail, or free it when the caller wants no detail. */
static void
give_detail(char **detail, char *msg)
{
	if (detail)
		*detail = msg;
	else
		free(msg);
}

/* SMTP_OK when the envelope can be said in SMTP at all, else
 * SMTP_PERMFAIL with the reason in *detail. */
static enum smtp_result
check_envelope(const char *from, const char *const *rcpts, size_t nrcpt, char **detail)
{
	if (!from || !address_ok(from)) {
		give_detail(detail, xstrdup("sender address unusable in SMTP"));
		return SMTP_PERMFAIL;
	}
	if (nrcpt == 0) {
		give_detail(detail, xstrdup("no recipient"));
		return SMTP_PERMFAIL;
	}
	for (size_t i = 0; i < nrcpt; i++) {
		if (!rcpts[i] || !address_ok(rcpts[i])) {
			give_detail(detail, xasprintf("recipient %zu address unusable in SMTP", i + 1));
			return SMTP_PERMFAIL;
		}
	}
	return SMTP_OK;
}

/* A libcurl handle ready to send: with a pin, the server's key is looked
 * at first.  SMTP_OK, or the failure with the reason in *detail. */
static enum smtp_result
ready_handle(struct smtp *s, char **detail)
{
	char *err = NULL;
	enum smtp_result r;

	if ((s->pin || s->pin_file) && s->security != SMTP_SECURITY_NONE && !s->key_pin) {
		smtp_close(s);  /* the handle is made again with the key pin */
		r = pin_probe(s, &err);
		if (r != SMTP_OK) {
			give_detail(detail, err);
			return r;
		}
	}
	if (!s->curl && handle_setup(s, &err) < 0) {
		give_detail(detail, err);
		return SMTP_TEMPFAIL;
	}
	return SMTP_OK;
}

/* One mail over the handle: MAIL FROM, RCPT TO each, DATA. */
static CURLcode
transfer(struct smtp *s, const char *from, const char *const *rcpts,
    size_t nrcpt, const char *data, size_t len, const struct smtp_mark *mark)
{
	struct curl_slist *list = NULL, *l;
	char *addr;
	CURLcode rc;
	long nconn = 0;

	for (size_t i = 0; i < nrcpt; i++) {
		addr = xasprintf("<%s>", rcpts[i]);
		l = curl_slist_append(list, addr);
		free(addr);
		if (!l)
			fatal(EXIT_OSERR, "out of memory");
		list = l;
	}
	addr = xasprintf("<%s>", from);

	reset_dialogue(s);
	s->data = data;
	s->len = len;
	s->pos = 0;
	s->mark = mark;
	s->body_done = false;
	/* An empty body never reaches read_cb's last bytes: marked now,
	 * before anything (marking early only ever says "maybe"). */
	if (len == 0) {
		if (!call_mark(s)) {
			s->mark = NULL;
			s->data = NULL;
			curl_slist_free_all(list);
			free(addr);
			return CURLE_ABORTED_BY_CALLBACK;
		}
		s->body_done = true;
	}
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, list);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);

	rc = curl_easy_perform(s->curl);

	if (curl_easy_getinfo(s->curl, CURLINFO_NUM_CONNECTS, &nconn) == CURLE_OK && nconn > 0)
		s->connections += (unsigned)nconn;
	/* The list is ours and about to be freed (libcurl copied addr). */
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, (struct curl_slist *)NULL);
	s->data = NULL;
	s->mark = NULL;
	curl_slist_free_all(list);
	free(addr);
	return rc;
}

/* After a transfer that failed with rc: find out why where libcurl does
 * not say (s->cert_why, s->net_why), and forget a key pin the server no
 * longer matches. */
static void
explain_failure(struct smtp *s, CURLcode rc)
{
	if (rc == CURLE_PEER_FAILED_VERIFICATION)
		s->cert_why = cert_reason(s);
	if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
		/* The server's key changed since the probe: probe again next time,
		 * which says what the certificate is now. */
		s->cert_why = xasprintf("certificate of %s:%u changed since it was compared "
		    "with the pin; it is checked again at the next try", s->host, s->port);
		free(s->key_pin);
		s->key_pin = NULL;
		smtp_close(s);
	}
	/* libcurl says "Could not resolve host" or "Couldn't connect", not why:
	 * ask the resolver and the kernel again. */
	if ((rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
	    (rc == CURLE_OPERATION_TIMEDOUT && s->last_code == 0 && !s->new_conn)))
		s->net_why = net_unreachable_reason(s->host, s->port,
		    s->connect_timeout < PROBE_TIMEOUT ? (int)s->connect_timeout : PROBE_TIMEOUT);
	if (rc == CURLE_SSL_CONNECT_ERROR && s->security == SMTP_SECURITY_SMTPS &&
	    s->last_code == 0 && net_greets_in_plain_text(s->host, s->port, GREETING_TIMEOUT))
		s->net_why = xasprintf("the server did not answer TLS on port %u: it may expect "
		    "STARTTLS; use smtp://%s:%u (STARTTLS) or port 465 for smtps://",
		    s->port, s->host, s->port);
	/* The other way round: a TLS port waits for our hello, we for its
	 * greeting. */
	if (rc == CURLE_OPERATION_TIMEDOUT && s->security != SMTP_SECURITY_SMTPS &&
	    s->last_code == 0 && s->net_why == NULL)
		s->net_why = xasprintf("no greeting from %s:%u: timed out (if port %u expects TLS from the "
		    "first byte, use smtps://)", s->host, s->port, s->port);
}

enum smtp_result
smtp_send(struct smtp *s, const char *from, const char *const *rcpts,
    size_t nrcpt, const char *data, size_t len, char **detail)
{
	return smtp_send_marked(s, from, rcpts, nrcpt, data, len, NULL, detail);
}

enum smtp_result
smtp_send_marked(struct smtp *s, const char *from, const char *const *rcpts,
    size_t nrcpt, const char *data, size_t len, const struct smtp_mark *mark,
    char **detail)
{
	enum smtp_result r;
	CURLcode rc;

	if (detail)
		*detail = NULL;
	if ((r = check_envelope(from, rcpts, nrcpt, detail)) != SMTP_OK ||
	    (r = ready_handle(s, detail)) != SMTP_OK)
		return r;

	rc = transfer(s, from, rcpts, nrcpt, data, len, mark);
	s->login_denied = rc == CURLE_LOGIN_DENIED;
	explain_failure(s, rc);
	if (s->no_auth || (s->net_why && rc == CURLE_SSL_CONNECT_ERROR))
		r = SMTP_AUTHFAIL;      /* the wrong scheme: not the mail's fault */
	else
		r = smtp_classify((int)rc, s->last_code, s->after_data,
		    s->data_accepted, s->body_done, s->reply_cmd);
	if (detail)
		*detail = make_detail(s, rc, r);
	log_debug("smtp: %s (curl %d, last reply %d)", smtp_result_name(r), (int)rc,
	    s->last_code);
	return r;
}

/* NOOP's reply would otherwise go to stdout. */
static size_t
discard_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	(void)p;
	(void)arg;
	return size * nmemb;
}

enum smtp_result
smtp_check_login(struct smtp *s, char **detail)
{
	enum smtp_result r;
	char *err = NULL;
	CURLcode rc;
	long nconn = 0;

	*detail = NULL;
	/* A pinned server is compared with its pin first, as for a mail. */
	if ((s->pin || s->pin_file) && s->security != SMTP_SECURITY_NONE && !s->key_pin) {
		smtp_close(s);
		r = pin_probe(s, &err);
		if (r != SMTP_OK) {
			*detail = err;
			return r;
		}
	}
	if (!s->curl && handle_setup(s, &err) < 0) {
		*detail = err;
		return SMTP_TEMPFAIL;
	}
	reset_dialogue(s);
	s->data = NULL;
	s->len = 0;
	s->pos = 0;
	s->body_done = true;
	/* No recipients and a custom request: libcurl logs in (connect
	 * phase), then sends the command instead of MAIL. */
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 0L);
	curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST, "NOOP");
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, discard_cb);
	rc = curl_easy_perform(s->curl);
	curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST, (char *)NULL);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	if (curl_easy_getinfo(s->curl, CURLINFO_NUM_CONNECTS, &nconn) == CURLE_OK && nconn > 0)
		s->connections += (unsigned)nconn;
	s->login_denied = rc == CURLE_LOGIN_DENIED;
	if (rc == CURLE_OK)
		return SMTP_OK;
	if (rc == CURLE_PEER_FAILED_VERIFICATION)
		s->cert_why = cert_reason(s);
	if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
		s->cert_why = xasprintf("certificate of %s:%u changed since it was compared "
		    "with the pin", s->host, s->port);
		free(s->key_pin);
		s->key_pin = NULL;
		smtp_close(s);
	}
	if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
	    (rc == CURLE_OPERATION_TIMEDOUT && s->last_code == 0))
		s->net_why = net_unreachable_reason(s->host, s->port,
		    s->connect_timeout < PROBE_TIMEOUT ? (int)s->connect_timeout : PROBE_TIMEOUT);
	r = s->no_auth ? SMTP_AUTHFAIL : smtp_classify((int)rc, s->last_code, false, false, true,
	    s->reply_cmd);
	/* Before any mail, only the session can be at fault. */
	if (r == SMTP_PERMFAIL || r == SMTP_UNKNOWN)
		r = SMTP_AUTHFAIL;
	*detail = make_detail(s, rc, r);
	return r;
}
