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
	TLS_WRONG_PIN,          /* not the certificate tls_fingerprint or
	                           tls_cert_file names */
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

/*
 * Certificate pinning, for servers with a self-signed certificate (Proton
 * Mail Bridge issues one for 0.0.0.0).  A pin replaces the checks above:
 * no trust store, no dates, no host name; the server's own certificate
 * (chain[0]) must be the pinned one, byte for byte.
 *
 * TLS_FINGERPRINT_LEN is the length of a SHA-256 digest.
 */
#define TLS_FINGERPRINT_LEN 32

/*
 * Read a fingerprint as written in a config file: "sha256:AB:CD:...", with
 * or without the "sha256:" prefix, with or without colons, in either case
 * (64 hex digits).  0 with the digest in out, -1 if it is not one.
 */
int tls_parse_fingerprint(const char *text, unsigned char out[TLS_FINGERPRINT_LEN]);

/*
 * The SHA-256 of a DER certificate as "sha256:AB:CD:..." (upper case,
 * colons), the form the messages show and tls_fingerprint accepts.  A new
 * string; NULL only if GnuTLS cannot hash.
 */
char *tls_fingerprint(const unsigned char *der, size_t len);

/*
 * Compare chain[0] with the pins: fingerprint (as tls_parse_fingerprint
 * reads it; NULL or "" for none) and cert_file (a PEM file whose first
 * certificate is pinned; NULL or "" for none).  With both, both must
 * match.  account ("imap" or "smtp") names the settings in messages.
 * Returns TLS_VERIFIED, or TLS_WRONG_PIN / TLS_FAILED with *why (caller
 * frees), the end of "certificate of HOST:PORT ...", e.g.
 *   "does not match the pin: the server's certificate is sha256:12:..;
 *    imap.tls_fingerprint says sha256:AB:..."
 */
enum tls_verdict tls_verify_pin(const struct tls_cert *chain, size_t n,
    const char *fingerprint, const char *cert_file, const char *account, char **why);

/*
 * The SHA-256 of the public key (SubjectPublicKeyInfo) of a DER
 * certificate, as libcurl's CURLOPT_PINNEDPUBLICKEY takes it:
 * "sha256//BASE64".  For a second connection that must reach the key of a
 * certificate already compared with the pin.  NULL if malformed.
 */
char *tls_pubkey_pin(const struct tls_cert *cert);

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
