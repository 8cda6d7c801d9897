/*
 * tls: decide whether a server's certificate chain may be trusted.
 *
 * Some TLS libraries (Debian's libetpan with GnuTLS) complete a handshake
 * with any certificate at all.  The caller takes the chain the server sent,
 * DER encoded, and asks here before it sends anything secret.  The check is
 * GnuTLS's path validation against the system trust store plus an optional
 * CA file, the validity dates of the path, and the host name (RFC 6125:
 * subjectAltName DNS/IP, wildcards in the left-most label only).
 */
#ifndef FOLLOWUPD_TLS_H
#define FOLLOWUPD_TLS_H

#include <stddef.h>

/* One DER certificate; the data stays the caller's. */
struct tls_cert {
	const unsigned char *der;
	size_t len;
};

enum tls_verdict {
	TLS_VERIFIED = 0,
	TLS_UNTRUSTED,          /* no path to a trusted CA, bad signature, revoked, weak */
	TLS_EXPIRED,            /* a certificate on the path is past its end date */
	TLS_NOT_YET_VALID,      /* a certificate on the path is not valid yet */
	TLS_WRONG_HOST,         /* valid, but for another name */
	TLS_FAILED,             /* could not check: no or malformed certificate,
	                           unreadable CA file, out of memory in GnuTLS */
};

/*
 * Verify chain[0..n): the server's own certificate first, then whatever
 * intermediates it sent, in the order sent.  host is the name (or IP
 * literal) the user configured.  ca_file (PEM, one or more certificates;
 * NULL or "" for none) is trusted in addition to the system store.
 *
 * Returns TLS_VERIFIED, or another verdict and sets *why (caller frees) to
 * the end of the sentence "certificate of HOST:PORT ...", e.g.
 *   "is not trusted (unknown CA)"
 *   "is for 'other.example', not 'localhost'"
 *   "expired on 2020-01-01"
 * Names taken from the certificate are reduced to printable ASCII.
 * Every verdict other than TLS_VERIFIED means: do not send credentials.
 */
enum tls_verdict tls_verify_chain(const struct tls_cert *chain, size_t n,
    const char *host, const char *ca_file, char **why);

/*
 * What the user can do about a verdict, to follow its *why: e.g. for
 * TLS_UNTRUSTED and account "smtp": "; set smtp.ca_file to the CA that
 * signed it".  "" when there is nothing to say.  Static storage, valid
 * until the next call.
 */
const char *tls_verdict_hint(enum tls_verdict v, const char *account);

/* What a certificate says about itself, for people (check-connection). */
struct tls_cert_info {
	char *subject;          /* RFC 4514 DN, printable ASCII, bounded */
	char *issuer;           /* the same for the issuer */
	char *not_after;        /* "YYYY-MM-DD" (UTC) */
	char sha256[96];        /* "AB:CD:..." of the DER, as msmtp prints it */
};

/*
 * Describe cert.  Returns 0 and fills *out (free with tls_cert_info_free),
 * or -1 when the certificate cannot be parsed (*out is then empty).
 */
int tls_cert_describe(const struct tls_cert *cert, struct tls_cert_info *out);
void tls_cert_info_free(struct tls_cert_info *info);

/* A short constant word for a verdict ("verified", "untrusted", ...). */
const char *tls_verdict_name(enum tls_verdict v);

#endif
