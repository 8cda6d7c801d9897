/* conncheck: check-connection, what the servers offer.  See conncheck.h. */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <gnutls/gnutls.h>

#include "account.h"
#include "conncheck.h"
#include "imap.h"
#include "net.h"
#include "smtp.h"
#include "tls.h"
#include "util.h"

#define CHECK_TIMEOUT 20        /* seconds per network wait */
#define LINE_MAX_LEN 4096
/* From the TLS parts: no TCP connection at all, so no login is tried. */
#define NO_CONNECTION (-1)

/* The worse of two exit statuses: unavailable beats tempfail beats ok. */
static int
worse(int a, int b)
{
	if (a == EXIT_UNAVAILABLE || b == EXIT_UNAVAILABLE)
		return EXIT_UNAVAILABLE;
	if (a == EXIT_TEMPFAIL || b == EXIT_TEMPFAIL)
		return EXIT_TEMPFAIL;
	return a ? a : b;
}

static bool
pinned(const struct config_account *a)
{
	return a->tls_fingerprint != NULL || a->tls_cert_file != NULL;
}

/* ---- a line dialogue over plain text, then TLS ---- */

struct conn {
	int fd;
	gnutls_session_t tls;       /* NULL while in plain text */
	gnutls_certificate_credentials_t cred;
	char buf[LINE_MAX_LEN];
	size_t len;
};

static int
conn_send(struct conn *c, const char *line)
{
	size_t n = strlen(line);

	if (c->tls) {
		ssize_t r;
		do
			r = gnutls_record_send(c->tls, line, n);
		while (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED);
		return r == (ssize_t)n ? 0 : -1;
	}
	return send(c->fd, line, n, MSG_NOSIGNAL) == (ssize_t)n ? 0 : -1;
}

/* One line without CRLF into out (printable ASCII), or -1 on EOF/timeout. */
static int
conn_line(struct conn *c, char *out, size_t outsz)
{
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		ssize_t r;

		if (nl != NULL) {
			size_t n = (size_t)(nl - c->buf), k = 0;

			for (size_t i = 0; i < n && k + 1 < outsz; i++) {
				unsigned char ch = (unsigned char)c->buf[i];
				if (ch == '\r')
					continue;
				out[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
			}
			out[k] = '\0';
			memmove(c->buf, nl + 1, c->len - n - 1);
			c->len -= n + 1;
			return 0;
		}
		if (c->len == sizeof(c->buf))
			return -1;      /* a line longer than any server's */
		if (c->tls == NULL || gnutls_record_check_pending(c->tls) == 0) {
			struct pollfd p = { .fd = c->fd, .events = POLLIN };
			int pr;

			do
				pr = poll(&p, 1, CHECK_TIMEOUT * 1000);
			while (pr < 0 && errno == EINTR);
			if (pr <= 0)
				return -1;
		}
		if (c->tls) {
			do
				r = gnutls_record_recv(c->tls, c->buf + c->len, sizeof(c->buf) - c->len);
			while (r == GNUTLS_E_INTERRUPTED);
			if (r == GNUTLS_E_AGAIN)
				continue;
		} else {
			r = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, 0);
			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
		}
		if (r <= 0)
			return -1;
		c->len += (size_t)r;
	}
}

static void
conn_close(struct conn *c)
{
	if (c->tls) {
		gnutls_bye(c->tls, GNUTLS_SHUT_WR);
		gnutls_deinit(c->tls);
	}
	if (c->cred)
		gnutls_certificate_free_credentials(c->cred);
	if (c->fd >= 0)
		close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/*
 * TLS over c->fd; then print the version and the certificate.  The chain
 * is judged like the daemon's: by the account's pin (tls_verify_pin())
 * when it has one, else by tls_verify_chain(); an untrusted one is
 * reported, and the login that follows refuses it on its own.
 */
static int
conn_tls(struct conn *c, const struct config_account *a, const char *account, FILE *out)
{
	const gnutls_datum_t *peers;
	unsigned npeers = 0;
	struct tls_cert *chain;
	struct tls_cert_info info;
	unsigned char ip[16];
	char *why = NULL;
	enum tls_verdict v;
	int r, flags = fcntl(c->fd, F_GETFL);

	/* Blocking from here: the handshake has its own timeout. */
	if (flags >= 0)
		fcntl(c->fd, F_SETFL, flags & ~O_NONBLOCK);
	if (gnutls_certificate_allocate_credentials(&c->cred) < 0 ||
	    gnutls_init(&c->tls, GNUTLS_CLIENT) < 0) {
		fprintf(out, "  TLS:          cannot set up GnuTLS\n");
		return EXIT_TEMPFAIL;
	}
	gnutls_set_default_priority(c->tls);
	gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, c->cred);
	if (inet_pton(AF_INET, a->host, ip) != 1 && inet_pton(AF_INET6, a->host, ip) != 1)
		gnutls_server_name_set(c->tls, GNUTLS_NAME_DNS, a->host, strlen(a->host));
	gnutls_transport_set_int(c->tls, c->fd);
	gnutls_handshake_set_timeout(c->tls, CHECK_TIMEOUT * 1000);
	do
		r = gnutls_handshake(c->tls);
	while (r < 0 && !gnutls_error_is_fatal(r));
	if (r < 0) {
		fprintf(out, "  TLS:          handshake with %s:%d failed: %s\n", a->host, a->port,
		    gnutls_strerror(r));
		gnutls_deinit(c->tls);
		c->tls = NULL;
		return EXIT_TEMPFAIL;
	}
	fprintf(out, "  TLS:          %s, %s\n",
	    gnutls_protocol_get_name(gnutls_protocol_get_version(c->tls)),
	    gnutls_cipher_get_name(gnutls_cipher_get(c->tls)));

	peers = gnutls_certificate_get_peers(c->tls, &npeers);
	chain = xcalloc(npeers ? npeers : 1, sizeof(*chain));
	for (unsigned i = 0; i < npeers; i++) {
		chain[i].der = peers[i].data;
		chain[i].len = peers[i].size;
	}
	if (npeers > 0 && tls_cert_describe(&chain[0], &info) == 0) {
		fprintf(out, "  certificate:  %s\n", info.subject);
		fprintf(out, "  issuer:       %s\n", info.issuer);
		fprintf(out, "  expires:      %s\n", info.not_after);
		fprintf(out, "  sha256:       %s\n", info.sha256);
		tls_cert_info_free(&info);
	}
	if (pinned(a))
		v = tls_verify_pin(chain, npeers, a->tls_fingerprint, a->tls_cert_file, account, &why);
	else
		v = tls_verify_chain(chain, npeers, a->host, a->ca_file, &why);
	if (v == TLS_VERIFIED && pinned(a))
		fprintf(out, "  trust:        matches the pin (%s.%s)\n", account,
		    a->tls_fingerprint ? "tls_fingerprint" : "tls_cert_file");
	else if (v == TLS_VERIFIED)
		fprintf(out, "  trust:        verified (system store%s)\n", a->ca_file ? " and ca_file" : "");
	else
		fprintf(out, "  trust:        NOT trusted: certificate of %s:%d %s%s\n", a->host, a->port,
		    why, tls_verdict_hint(v, account));
	free(why);
	free(chain);
	return v == TLS_VERIFIED ? 0 : EXIT_UNAVAILABLE;
}

/*
 * The start of a TLS check, IMAP's or SMTP's: with no TLS there is nothing to
 * check, else connect c. False when the check ends here, with *rc its result.
 */
static bool
tls_part_open(const struct config_account *a, struct conn *c, FILE *out, int *rc)
{
	char *why = NULL;

	if (a->tls == CONFIG_TLS_NONE) {
		fprintf(out, "  TLS:          none (allow_insecure): the password goes in clear\n");
		*rc = 0;
		return false;
	}
	if ((c->fd = net_open(a->host, (unsigned)a->port, CHECK_TIMEOUT, &why)) < 0) {
		fprintf(out, "  connect:      %s\n", why);
		free(why);
		*rc = NO_CONNECTION;
		return false;
	}
	return true;
}

/* ---- IMAP ---- */

/* The IMAP greeting, STARTTLS when asked, TLS, CAPABILITY. */
static int
imap_tls_part(const struct config_account *a, FILE *out)
{
	struct conn c = { .fd = -1 };
	char line[LINE_MAX_LEN] = "";
	int rc = 0;

	if (!tls_part_open(a, &c, out, &rc))
		return rc;
	if (a->tls == CONFIG_TLS_STARTTLS) {
		if (conn_line(&c, line, sizeof(line)) < 0 || strncmp(line, "* OK", 4) != 0) {
			fprintf(out, "  greeting:     %s\n", line[0] ? line : "none (a TLS port? use imaps://)");
			conn_close(&c);
			return EXIT_TEMPFAIL;
		}
		conn_send(&c, "c1 STARTTLS\r\n");
		do
			rc = conn_line(&c, line, sizeof(line));
		while (rc == 0 && strncmp(line, "c1 ", 3) != 0);
		if (rc < 0 || strncasecmp(line, "c1 OK", 5) != 0) {
			fprintf(out, "  STARTTLS:     refused: %s\n", rc < 0 ? "no answer" : line + 3);
			conn_close(&c);
			return EXIT_UNAVAILABLE;
		}
	}
	rc = conn_tls(&c, a, "imap", out);
	if (c.tls != NULL) {
		bool got = false;
		int r;

		if (a->tls == CONFIG_TLS_IMPLICIT && conn_line(&c, line, sizeof(line)) < 0)
			goto out;       /* the greeting after the handshake */
		conn_send(&c, "c2 CAPABILITY\r\n");
		while ((r = conn_line(&c, line, sizeof(line))) == 0 && strncmp(line, "c2 ", 3) != 0)
			if (strncasecmp(line, "* CAPABILITY ", 13) == 0) {
				fprintf(out, "  capabilities: %s\n", line + 13);
				got = true;
			}
		if (!got)
			fprintf(out, "  capabilities: none announced\n");
		conn_send(&c, "c3 LOGOUT\r\n");
	}
out:
	conn_close(&c);
	return rc;
}

static int
imap_status(enum imap_result r)
{
	return r == IMAP_OK ? 0 : r == IMAP_TEMPFAIL ? EXIT_TEMPFAIL : EXIT_UNAVAILABLE;
}

/* After login: what the daemon relies on. */
static int
imap_mailbox_part(const struct config *cfg, struct imap *im, FILE *out)
{
	static const char *const caps[] = { "IDLE", "SPECIAL-USE", "X-GM-EXT-1", "UIDPLUS", "MOVE" };
	enum imap_result r;
	char *sent = NULL;
	int rc = 0;

	fprintf(out, "  after login: ");
	for (size_t i = 0; i < ARRAY_LEN(caps); i++)
		fprintf(out, " %s %s%s", caps[i], imap_has_capability(im, caps[i]) ? "yes" : "no",
		    i + 1 < ARRAY_LEN(caps) ? "," : "\n");

	for (size_t i = 0; i < cfg->imap.nfolders; i++) {
		uint32_t exists = 0;

		r = imap_select(im, cfg->imap.folders[i], NULL, NULL, &exists);
		if (r == IMAP_OK)
			fprintf(out, "  folder:       %s (watched): exists, %u messages\n",
			    cfg->imap.folders[i], exists);
		else
			fprintf(out, "  folder:       %s (watched): %s\n", cfg->imap.folders[i], imap_error(im));
		rc = worse(rc, imap_status(r));
		if (r == IMAP_TEMPFAIL)
			return rc;
	}

	if (strcmp(cfg->imap.sent_folder, "none") == 0) {
		fprintf(out, "  Sent folder:  none (imap.sent_folder = \"none\": no copy, no lookup)\n");
	} else if (cfg->imap.sent_folder[0] != '\0') {
		r = imap_select(im, cfg->imap.sent_folder, NULL, NULL, NULL);
		fprintf(out, "  Sent folder:  %s (imap.sent_folder): %s\n", cfg->imap.sent_folder,
		    r == IMAP_OK ? "exists" : imap_error(im));
		rc = worse(rc, imap_status(r));
	} else if ((r = imap_find_sent_folder(im, &sent)) != IMAP_OK) {
		fprintf(out, "  Sent folder:  cannot list folders: %s\n", imap_error(im));
		rc = worse(rc, imap_status(r));
	} else {
		fprintf(out, "  Sent folder:  %s\n", sent ? sent : "none found (copies would go to \"Sent\")");
		free(sent);
	}

	/* A test IDLE on the first watched folder: the continuation, then DONE. */
	if (rc == 0 && imap_has_capability(im, "IDLE")) {
		bool new_mail = false;

		r = imap_select(im, cfg->imap.folders[0], NULL, NULL, NULL);
		if (r == IMAP_OK)
			r = imap_idle_start(im);
		if (r == IMAP_OK)
			r = imap_idle_done(im, &new_mail);
		if (r == IMAP_OK)
			fprintf(out, "  IDLE test:    answered (IDLE, continuation, DONE)\n");
		else
			fprintf(out, "  IDLE test:    failed: %s\n", imap_error(im));
		rc = worse(rc, imap_status(r));
	} else if (rc == 0) {
		fprintf(out, "  IDLE test:    no IDLE: followupd polls every imap.poll_interval\n");
	}
	return rc;
}

/* The IMAP login (account_login()): what was tried, what it came to. */
struct imap_try {
	FILE *out;              /* first, as in smtp_try (login_not_tried) */
	const struct config *cfg;
	struct imap *im;
	enum imap_result r;
};

static enum account_try
imap_try(void *arg, const char *secret)
{
	struct imap_try *t = arg;

	if (t->im == NULL) {
		struct imap_config ic;

		account_imap_config(t->cfg, CHECK_TIMEOUT, &ic);
		ic.secret = secret;
		t->im = imap_new(&ic);
	} else {
		imap_set_secret(t->im, secret);
	}
	t->r = imap_connect(t->im);
	return t->r != IMAP_OK && imap_login_refused(t->im) ? ACCOUNT_TRY_REFUSED : ACCOUNT_TRY_DONE;
}

static void
login_not_tried(void *arg, const char *err)
{
	FILE **out = arg;       /* the first member of struct imap_try and smtp_try */

	fprintf(*out, "  login:        not tried: %s\n", err);
}

static void
imap_again(void *arg)
{
	struct imap_try *t = arg;

	fprintf(t->out, "  login:        refused: %s; fetching a fresh token, once more\n",
	    imap_error(t->im));
}

static int
check_imap(const struct config *cfg, FILE *out)
{
	const struct config_account *a = &cfg->imap.conn;
	struct imap_try t = { out, cfg, NULL, IMAP_OK };
	struct account_login l = { imap_try, login_not_tried, imap_again, &t, false };
	int rc;

	fprintf(out, "IMAP %s (user %s)\n", a->url, a->user);
	/* After a failed handshake the login still runs: imap.c knows
	 * the likely reason (a wrong scheme for the port). */
	rc = imap_tls_part(a, out);
	if (rc == NO_CONNECTION)
		return EXIT_TEMPFAIL;
	if (account_login(cfg, CONFIG_IMAP, &l) < 0) {
		imap_free(t.im);
		return EXIT_UNAVAILABLE;
	}
	if (t.r != IMAP_OK) {
		fprintf(out, "  login:        refused: %s\n", imap_error(t.im));
		imap_free(t.im);
		return worse(rc, imap_status(t.r));
	}
	fprintf(out, "  login:        accepted (auth %s)\n", config_auth_name(a->auth));
	rc = worse(rc, imap_mailbox_part(cfg, t.im, out));
	imap_free(t.im);
	return rc;
}

/* ---- SMTP ---- */

/* A whole SMTP reply; its lines after the code go to caps when given. */
static int
smtp_reply(struct conn *c, char *line, size_t sz, FILE *caps)
{
	bool first = true;

	for (;;) {
		if (conn_line(c, line, sz) < 0 || strlen(line) < 3)
			return -1;
		if (caps != NULL && !first && strlen(line) > 4)
			fprintf(caps, " %s", line + 4);
		first = false;
		if (line[3] != '-')
			return atoi(line);
	}
}

static int
smtp_tls_part(const struct config *cfg, const struct config_account *a, FILE *out)
{
	struct conn c = { .fd = -1 };
	char line[LINE_MAX_LEN] = "", *ehlo;
	const char *at = strrchr(cfg->me.addresses[0], '@');
	int rc;

	if (!tls_part_open(a, &c, out, &rc))
		return rc;
	ehlo = xasprintf("EHLO %s\r\n", at ? at + 1 : "localhost");
	if (a->tls == CONFIG_TLS_STARTTLS) {
		if (smtp_reply(&c, line, sizeof(line), NULL) != 220) {
			fprintf(out, "  greeting:     %s\n", line[0] ? line : "none (a TLS port? use smtps://)");
			rc = EXIT_TEMPFAIL;
			goto out;
		}
		conn_send(&c, ehlo);
		smtp_reply(&c, line, sizeof(line), NULL);
		conn_send(&c, "STARTTLS\r\n");
		if (smtp_reply(&c, line, sizeof(line), NULL) != 220) {
			fprintf(out, "  STARTTLS:     refused: %s\n", line);
			rc = EXIT_UNAVAILABLE;
			goto out;
		}
	}
	rc = conn_tls(&c, a, "smtp", out);
	if (c.tls != NULL) {
		if (a->tls == CONFIG_TLS_IMPLICIT && smtp_reply(&c, line, sizeof(line), NULL) != 220)
			goto out;
		conn_send(&c, ehlo);
		fprintf(out, "  capabilities:");
		smtp_reply(&c, line, sizeof(line), out);
		fprintf(out, "\n");
		conn_send(&c, "QUIT\r\n");
	}
out:
	free(ehlo);
	conn_close(&c);
	return rc;
}

/* The SMTP login (account_login()): what was tried, what it came to. */
struct smtp_try {
	FILE *out;
	const struct config *cfg;
	struct smtp *s;
	enum smtp_result r;
	char *detail;
};

static enum account_try
smtp_try(void *arg, const char *secret)
{
	struct smtp_try *t = arg;

	if (t->s == NULL) {
		struct smtp_config sc;
		char *err = NULL;

		account_smtp_config(t->cfg, CHECK_TIMEOUT, &sc);
		sc.secret = secret;
		if ((t->s = smtp_new(&sc, &err)) == NULL) {
			login_not_tried(arg, err);
			free(err);
			return ACCOUNT_TRY_FAILED;
		}
	} else {
		smtp_set_secret(t->s, secret);
	}
	t->r = smtp_check_login(t->s, &t->detail);
	return t->r == SMTP_AUTHFAIL && smtp_login_refused(t->s) != NULL ?
	    ACCOUNT_TRY_REFUSED : ACCOUNT_TRY_DONE;
}

static void
smtp_again(void *arg)
{
	struct smtp_try *t = arg;

	fprintf(t->out, "  login:        refused: %s; fetching a fresh token, once more\n",
	    t->detail ? t->detail : smtp_result_name(t->r));
	free(t->detail);
	t->detail = NULL;
}

static int
check_smtp(const struct config *cfg, FILE *out)
{
	const struct config_account *a = &cfg->smtp.conn;
	struct smtp_try t = { out, cfg, NULL, SMTP_OK, NULL };
	struct account_login l = { smtp_try, login_not_tried, smtp_again, &t, false };
	int rc;

	fprintf(out, "SMTP %s (user %s)\n", a->url, a->user);
	rc = smtp_tls_part(cfg, a, out);
	if (rc == NO_CONNECTION)
		return EXIT_TEMPFAIL;
	if (account_login(cfg, CONFIG_SMTP, &l) < 0) {
		smtp_free(t.s);
		return EXIT_UNAVAILABLE;
	}
	if (t.r == SMTP_OK)
		fprintf(out, "  login:        accepted (auth %s); nothing was sent\n", config_auth_name(a->auth));
	else
		fprintf(out, "  login:        refused: %s\n", t.detail ? t.detail : smtp_result_name(t.r));
	free(t.detail);
	smtp_free(t.s);
	return worse(rc, t.r == SMTP_OK ? 0 : t.r == SMTP_TEMPFAIL ? EXIT_TEMPFAIL : EXIT_UNAVAILABLE);
}

int
conncheck_run(const struct config *cfg, FILE *out)
{
	int ri, rs;

	ri = check_imap(cfg, out);
	rs = check_smtp(cfg, out);
	fprintf(out, "%s\n", ri == 0 && rs == 0 ? "both servers work with this configuration" :
	    "check-connection: see the lines above");
	return worse(ri, rs);
}
