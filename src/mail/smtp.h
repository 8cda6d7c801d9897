/*
 * smtp: hand composed mails to a submission server (libcurl underneath).
 *
 * The handle is opaque and owns everything of libcurl; no curl type appears
 * here.  One handle keeps one libcurl easy handle, so the connection stays
 * open between smtp_send() calls and a batch of mails goes over one
 * connection (libcurl checks it is still alive before reusing it, and opens
 * a new one when it is not).  smtp_free() says QUIT.
 *
 * Security, on every connection:
 *   - smtps: TLS from the first byte.  starttls: STARTTLS is mandatory
 *     (libcurl's CURLUSESSL_ALL, never "try"): a server that does not offer
 *     it is refused before anything else is sent.  none: plain text, only
 *     when allow_insecure is set, otherwise smtp_new() refuses the config.
 *   - The certificate chain and the host name are always checked, TLS 1.2
 *     at least.  Trusted are the system store and, in addition, ca_file
 *     when set (CURLOPT_CAINFO; libcurl's compiled-in CA directory stays
 *     in use, and that directory is the system store in Debian's GnuTLS
 *     build; a libcurl built with a bundle file and no directory would
 *     trust ca_file instead of the bundle).
 *   - With a pin (tls_fingerprint / tls_cert_file) the chain, dates and
 *     host name are not checked; instead a first connection without
 *     credentials (CURLOPT_CONNECT_ONLY, no user: it ends once TLS stands)
 *     brings the server's certificate, tls_verify_pin() compares it, and
 *     the connection that logs in must reach the public key of that very
 *     certificate (CURLOPT_PINNEDPUBLICKEY, checked by libcurl after the
 *     handshake, before any command).  A wrong pin: SMTP_AUTHFAIL with
 *     "certificate of HOST:PORT does not match the pin: the server's
 *     certificate is sha256:...; smtp.tls_fingerprint says sha256:...".
 *   - AUTH happens only after TLS is up and verified.  When a user is
 *     configured and the server offers no AUTH at all, nothing is sent
 *     (libcurl would otherwise carry on without logging in).
 *   - The secret is never logged and never appears in a detail line: the
 *     protocol trace that the module keeps (and logs at debug level) holds
 *     only the server's replies and the command words we sent; AUTH
 *     arguments and the SASL continuation lines are dropped.
 *   Caveat: libcurl keeps its own copy of the secret and frees it without
 *   wiping it.
 *
 * The EHLO name is ehlo_name (the user's mail domain), given to libcurl as
 * the URL path.  A name that is not a plain host name (letters, digits,
 * '-', '.') or an address literal in [] is replaced by "localhost".
 *
 * Timeouts: connect_timeout bounds the opening of a connection (TCP, TLS,
 * greeting, EHLO, STARTTLS, AUTH); every wait for a server reply (MAIL,
 * RCPT, DATA, end-of-data) is bounded by timeout, and so is a stalled body
 * upload (less than 1 byte/s for timeout seconds).  A whole smtp_send()
 * never takes longer than connect_timeout + 10 * timeout.
 *
 * The module logs nothing above debug level: the caller logs the detail.
 * The program calls smtp_global_init() once; libcurl is loaded at the
 * first smtp_new().
 * libcurl is told not to use signals (CURLOPT_NOSIGNAL); the program should
 * ignore SIGPIPE anyway, as for every network module.
 */
#ifndef FOLLOWUPD_SMTP_H
#define FOLLOWUPD_SMTP_H

#include <stdbool.h>
#include <stddef.h>

struct smtp;

enum smtp_security {
	SMTP_SECURITY_SMTPS = 0,    /* smtps://, port 465 */
	SMTP_SECURITY_STARTTLS,     /* smtp://, port 587, STARTTLS required */
	SMTP_SECURITY_NONE,         /* smtp:// without TLS: needs allow_insecure */
};

enum smtp_auth {
	SMTP_AUTH_PLAIN = 0,        /* AUTH PLAIN */
	SMTP_AUTH_LOGIN,            /* AUTH LOGIN */
	SMTP_AUTH_XOAUTH2,          /* AUTH XOAUTH2, the secret is the access token */
	SMTP_AUTH_OAUTHBEARER,      /* AUTH OAUTHBEARER (RFC 7628), the same token */
};

/*
 * The outcome of one smtp_send(), decided here because only this module
 * knows the protocol.  What the caller should do with the mail:
 *
 * SMTP_OK        accepted by the server (250 after the body).
 * SMTP_TEMPFAIL  not delivered, try again later: a 4xx reply (to the
 *                greeting, MAIL, RCPT, DATA or the body), a connection that
 *                failed or closed before the end of the body, a timeout
 *                before the end of the body, a TLS failure other than a
 *                refused certificate, 454 to AUTH.
 * SMTP_PERMFAIL  this mail will never be accepted as it is: a 5xx reply to
 *                MAIL, RCPT, DATA or the body; an address that cannot be
 *                put into an SMTP command (control bytes, '<', '>').  Do
 *                not retry.
 * SMTP_AUTHFAIL  the mail is not at fault, the session is: our login was
 *                refused (535 and any other 5xx to AUTH, the configured
 *                mechanism not offered, or AUTH not offered at all), we
 *                refused the server (certificate not trusted, expired or for
 *                another name; STARTTLS not offered; an unreadable ca_file),
 *                or the server refused us before any mail (5xx greeting,
 *                5xx to EHLO or STARTTLS).  Every further mail would fail
 *                the same way until the user (or a fresh token) fixes it:
 *                stop the batch, keep the mails queued, tell the user, try
 *                again much later.  Never counts against the mail.
 * SMTP_UNKNOWN   the body was sent completely (end-of-data included) but
 *                no reply came: the connection dropped or timed out after
 *                DATA was accepted (libcurl 7.88 says CURLE_RECV_ERROR or
 *                CURLE_OPERATION_TIMEDOUT with the last reply 354).  The
 *                server may have delivered the mail: never resend it
 *                blindly, look for it in the Sent folder first.
 */
enum smtp_result {
	SMTP_OK = 0,
	SMTP_TEMPFAIL,
	SMTP_PERMFAIL,
	SMTP_AUTHFAIL,
	SMTP_UNKNOWN,
};

struct smtp_config {
	const char *host;           /* name or IP literal; checked against the certificate */
	unsigned port;              /* 0: 465 for smtps, 587 otherwise */
	enum smtp_security security;
	const char *user;           /* NULL or "": no AUTH at all (a local relay) */
	enum smtp_auth auth;
	const char *secret;         /* password or OAuth2 token; may be set later */
	const char *ca_file;        /* PEM trusted besides the system store; NULL or "" */
	const char *tls_fingerprint; /* pin (tls_verify_pin()) instead of the store,
	                               date and host checks; NULL or "" */
	const char *tls_cert_file;  /* pinned PEM certificate, the same way; NULL or "" */
	const char *ca_path;        /* tests only: a hashed CA directory used instead
	                               of the system one; NULL for the system store */
	const char *ehlo_name;      /* the user's domain; NULL: "localhost" */
	int connect_timeout;        /* seconds; <= 0 means 60 */
	int timeout;                /* seconds per server reply; <= 0 means 60 */
	bool allow_insecure;        /* permit SMTP_SECURITY_NONE */
};

/* Call once at start, before any thread exists.  Returns 0.  libcurl
 * itself is loaded and initialised by the first smtp_new() (smtp_curl.h:
 * a program that never sends maps none of it); when that fails, smtp_new()
 * says why ("cannot load libcurl ..."). */
int smtp_global_init(void);
/* curl_global_cleanup() if libcurl was loaded; at exit, after every
 * handle is freed. */
void smtp_global_cleanup(void);

/*
 * A handle for cfg.  Every string is copied (the secret into memory that is
 * wiped on free).  Nothing is sent yet.  Returns NULL and sets *err (caller
 * frees) when the config is unusable: no host, SMTP_SECURITY_NONE without
 * allow_insecure, a host that cannot be put in a URL, or libcurl lacking
 * SMTP/TLS support.
 */
struct smtp *smtp_new(const struct smtp_config *cfg, char **err);
/* Replace the secret used from the next connection on (a fresh token). */
void smtp_set_secret(struct smtp *s, const char *secret);
/* QUIT and close the connection if one is open (waiting at most timeout
 * for the reply), wipe the secret, free.  NULL is fine. */
void smtp_free(struct smtp *s);

/* End the connection (QUIT) if one is open, keeping the handle; the next
 * smtp_send() opens a new one.  Call it after a batch: servers drop idle
 * sessions after a few minutes anyway. */
void smtp_close(struct smtp *s);

/*
 * Send one mail: MAIL FROM:<from>, RCPT TO:<rcpts[i]> for i < nrcpt, DATA,
 * then data[0..len) exactly as given (libcurl dot-stuffs lines that begin
 * with '.', nothing else is changed: the caller must give CRLF line ends;
 * a bare LF goes out as it is).  Addresses are bare ("a@b.example"),
 * without angle brackets.
 *
 * Recipients are all-or-nothing: if the server refuses any RCPT, nothing is
 * sent and the result is that refusal's (send one recipient per call when
 * they should fail independently).
 *
 * Opens a connection if there is none (or the last one died), reuses it
 * otherwise.  After any failure the connection may have been closed; the
 * next call opens a new one.
 *
 * *detail (may be NULL; caller frees) gets one printable line: on success
 * the server's final reply ("250 2.0.0 Ok: queued as 4Xy..."); on failure
 * the server's reply and the command it answered ("RCPT TO:<x@y>: 550 5.1.1
 * ... user unknown", "greeting: 421 ..."), the certificate's fault in the
 * words of tls.h ("certificate of HOST:PORT expired on 2020-01-02"), or
 * libcurl's description of what went wrong ("Failed to connect to ..."),
 * never the secret.
 */
enum smtp_result smtp_send(struct smtp *s, const char *from,
    const char *const *rcpts, size_t nrcpt, const char *data, size_t len,
    char **detail);

/*
 * The body-handed mark: what the caller records at the one moment that
 * splits "certainly not sent" from "maybe sent".  smtp_send_marked() calls
 * handed(arg) exactly once per mail, from libcurl's read callback, just
 * before it gives libcurl the last bytes of the body: until then libcurl
 * cannot send end-of-data (CRLF.CRLF), so no server can have accepted the
 * mail; from then on it may have.  handed must have made its record
 * durable (committed) when it returns 0.  Any other return aborts the
 * transfer there (CURL_READFUNC_ABORT: libcurl drops the connection in
 * the middle of the body, which no server delivers), and the result is
 * SMTP_TEMPFAIL with a detail saying the hand-off could not be recorded.
 * A mail with an empty body is marked before the transfer starts.  The
 * hook runs inside smtp_send_marked(): it must not use the handle.
 */
struct smtp_mark {
	int (*handed)(void *arg);   /* 0 recorded; anything else: abort */
	void *arg;
};

/*
 * smtp_send() with the mark above (NULL: none, which is smtp_send()).
 * Whatever the result, after a failed handed() nothing was accepted; after
 * a successful one the result says what the server answered, and a crash
 * between the two leaves the outcome unknown.
 */
enum smtp_result smtp_send_marked(struct smtp *s, const char *from,
    const char *const *rcpts, size_t nrcpt, const char *data, size_t len,
    const struct smtp_mark *mark, char **detail);

/*
 * After smtp_send() failed because the server refused our login: a 5xx
 * reply to AUTH or to its SASL exchange (535 bad credentials, 534 "use a
 * web browser or an app password", 535 5.7.139 SMTP AUTH disabled for the
 * tenant...), that reply, e.g. "535 5.7.8 Error: authentication failed: ...";
 * or the OAuth2 error challenge (334 ...) libcurl gave up on.  NULL
 * otherwise: not for a missing mechanism, a 4xx, a refused certificate or a
 * connection failure.  With an OAuth2 token this is what an expired token
 * looks like: fetch a fresh one (smtp_set_secret()) and send again; nothing
 * of the mail was sent.  Owned by s, valid until the next smtp_send().
 */
const char *smtp_login_refused(const struct smtp *s);

/* Connections opened by this handle so far (for tests and statistics). */
unsigned smtp_connections(const struct smtp *s);

/*
 * Log in and say NOOP, nothing else (followupctl check-connection): no
 * MAIL command, nothing is sent.  SMTP_OK when the login was accepted,
 * else SMTP_AUTHFAIL (refused, certificate, STARTTLS) or SMTP_TEMPFAIL
 * (network, 4xx), with *detail (caller frees) as for smtp_send().
 */
enum smtp_result smtp_check_login(struct smtp *s, char **detail);

/* "ok", "temporary failure", "permanent failure", "authentication
 * failure", "unknown outcome". */
const char *smtp_result_name(enum smtp_result r);

/*
 * The classification itself, exposed for the unit test.  curl_code is the
 * CURLcode as an int; last_code the last complete reply code (0: none);
 * after_data: that reply came after the body was sent (the reply to
 * end-of-data); data_accepted: the server answered DATA with 354;
 * body_done: the whole body was handed over (end-of-data may have gone
 * out); cmd: the command the last reply answered ("EHLO", "AUTH", "MAIL",
 * "RCPT", "DATA", "STARTTLS", "" before any).
 */
enum smtp_result smtp_classify(int curl_code, int last_code, bool after_data,
    bool data_accepted, bool body_done, const char *cmd);

#endif
