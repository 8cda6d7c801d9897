/* tls: certificate chain verification with GnuTLS, independent of any transport. */
#include "autoconfig.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/crypto.h>
#include <gnutls/abstract.h>

#include "tls.h"
#include "util.h"

/* More than any real server sends; a longer list is refused, not truncated. */
#define TLS_MAX_CHAIN 16

const char *
tls_verdict_name(enum tls_verdict v)
{
	switch (v) {
	case TLS_VERIFIED:      return "verified";
	case TLS_UNTRUSTED:     return "untrusted";
	case TLS_EXPIRED:       return "expired";
	case TLS_NOT_YET_VALID: return "not yet valid";
	case TLS_WRONG_HOST:    return "wrong host";
	case TLS_FAILED:        return "failed";
	case TLS_WRONG_PIN:     return "wrong pin";
	}
	return "unknown";
}

const char *
tls_verdict_hint(enum tls_verdict v, const char *account)
{
	static char hint[128];

	switch (v) {
	case TLS_UNTRUSTED:
		snprintf(hint, sizeof(hint), "; set %s.ca_file to the CA that signed it", account);
		return hint;
	case TLS_WRONG_HOST:
		snprintf(hint, sizeof(hint), "; write a name the certificate is for in %s.url", account);
		return hint;
	case TLS_EXPIRED:
	case TLS_NOT_YET_VALID:
		return "; the server's certificate must be renewed (or this machine's clock is wrong)";
	case TLS_WRONG_PIN:
		snprintf(hint, sizeof(hint), "; if the server really has a new certificate, "
		    "pin it in %s.tls_fingerprint", account);
		return hint;
	default:
		return "";
	}
}

/* Certificate text is attacker-chosen: keep printable ASCII, bound the length. */
static char *
printable(const char *s, size_t len)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < len && b.len < 128; i++) {
		unsigned char c = (unsigned char)s[i];
		buf_addc(&b, (c >= 0x20 && c < 0x7f && c != '\'') ? (char)c : '?');
	}
	return buf_steal(&b);
}

static char *
format_day(time_t t)
{
	struct tm tm;
	char day[32];

	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return xstrdup("an unknown date");
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return xstrdup(day);
}

/* The name a certificate is for, for messages: first DNS or IP alt name, else CN. */
static char *
cert_name(gnutls_x509_crt_t crt)
{
	char data[256];

	for (unsigned i = 0; i < 64; i++) {
		size_t size = sizeof(data);
		int type = gnutls_x509_crt_get_subject_alt_name(crt, i, data, &size, NULL);

		if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (type == GNUTLS_SAN_DNSNAME)
			return printable(data, size);
		if (type == GNUTLS_SAN_IPADDRESS) {
			char ip[64];
			if (size == 4 && snprintf(ip, sizeof(ip), "%u.%u.%u.%u",
			    (unsigned char)data[0], (unsigned char)data[1],
			    (unsigned char)data[2], (unsigned char)data[3]) > 0)
				return xstrdup(ip);
			if (size == 16)
				return xstrdup("an IPv6 address");
		}
	}
	size_t size = sizeof(data);
	if (gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0,
	    data, &size) == 0)
		return printable(data, size);
	return xstrdup("no name");
}

/* Why a path could not be built, in words (time problems are handled apart). */
static char *
untrusted_reason(unsigned status)
{
	if (status & GNUTLS_CERT_REVOKED)
		return xstrdup("is not trusted (revoked)");
	if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
		return xstrdup("is not trusted (unknown CA)");
	if (status & GNUTLS_CERT_SIGNER_NOT_CA)
		return xstrdup("is not trusted (issuer is not a CA)");
	if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
		return xstrdup("is not trusted (insecure algorithm)");
	if (status & GNUTLS_CERT_SIGNATURE_FAILURE)
		return xstrdup("is not trusted (bad signature)");
	if (status & GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE)
		return xstrdup("is not trusted (issuer constraints violated)");
	if (status & GNUTLS_CERT_PURPOSE_MISMATCH)
		return xstrdup("is not trusted (not for TLS servers)");
	return xasprintf("is not trusted (verification status 0x%x)", status);
}

/*
 * The path is valid apart from time.  Say which certificate is out of date:
 * the server's own, one it sent, or (neither) the trust anchor.
 */
static enum tls_verdict
time_reason(gnutls_x509_crt_t *crts, size_t n, unsigned status, char **why)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < n; i++) {
		time_t end = gnutls_x509_crt_get_expiration_time(crts[i]);
		time_t start = gnutls_x509_crt_get_activation_time(crts[i]);
		char *day = NULL, *name = NULL;

		if (end != (time_t)-1 && end < now) {
			day = format_day(end);
			if (i == 0) {
				*why = xasprintf("expired on %s", day);
			} else {
				name = cert_name(crts[i]);
				*why = xasprintf("is signed by '%s', which expired on %s", name, day);
			}
			free(day);
			free(name);
			return TLS_EXPIRED;
		}
		if (start != (time_t)-1 && start > now) {
			day = format_day(start);
			if (i == 0) {
				*why = xasprintf("is not valid before %s", day);
			} else {
				name = cert_name(crts[i]);
				*why = xasprintf("is signed by '%s', which is not valid before %s", name, day);
			}
			free(day);
			free(name);
			return TLS_NOT_YET_VALID;
		}
	}
	if (status & GNUTLS_CERT_NOT_ACTIVATED) {
		*why = xstrdup("chains to a CA certificate that is not valid yet");
		return TLS_NOT_YET_VALID;
	}
	*why = xstrdup("chains to an expired CA certificate");
	return TLS_EXPIRED;
}

enum tls_verdict
tls_verify_chain(const struct tls_cert *chain, size_t n, const char *host,
    const char *ca_file, char **why)
{
	gnutls_x509_trust_list_t tl = NULL;
	gnutls_x509_crt_t crts[TLS_MAX_CHAIN] = { 0 };
	size_t ncrts = 0;
	enum tls_verdict v = TLS_FAILED;
	unsigned status = 0;
	int r;

	*why = NULL;
	if (n == 0 || chain == NULL) {
		*why = xstrdup("could not be checked: the server sent no certificate");
		goto out;
	}
	if (n > TLS_MAX_CHAIN) {
		*why = xasprintf("could not be checked: chain of %zu certificates is too long", n);
		goto out;
	}
	if (host == NULL || *host == '\0') {
		*why = xstrdup("could not be checked: no host name to compare with");
		goto out;
	}
	for (; ncrts < n; ncrts++) {
		gnutls_datum_t d = { (unsigned char *)chain[ncrts].der, (unsigned)chain[ncrts].len };

		if (chain[ncrts].len > 1024 * 1024 ||
		    gnutls_x509_crt_init(&crts[ncrts]) < 0) {
			*why = xstrdup("could not be checked: certificate too large or out of memory");
			goto out;
		}
		if (gnutls_x509_crt_import(crts[ncrts], &d, GNUTLS_X509_FMT_DER) < 0) {
			*why = xasprintf("could not be checked: certificate %zu is malformed", ncrts + 1);
			ncrts++;
			goto out;
		}
	}

	if (gnutls_x509_trust_list_init(&tl, 0) < 0) {
		*why = xstrdup("could not be checked: out of memory");
		goto out;
	}
	/* A host without a system store still works with ca_file; no error here. */
	(void)gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
	if (ca_file != NULL && *ca_file != '\0') {
		r = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL,
		    GNUTLS_X509_FMT_PEM, 0, 0);
		if (r <= 0) {
			*why = xasprintf("could not be checked: no CA certificate read from '%s' (%s)",
			    ca_file, r < 0 ? gnutls_strerror(r) : "empty file");
			goto out;
		}
	}

	/* First the path without dates, so "unknown CA" wins over "expired". */
	r = gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned)ncrts, NULL, 0,
	    GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS,
	    &status, NULL);
	if (r < 0) {
		*why = xasprintf("could not be checked: %s", gnutls_strerror(r));
		goto out;
	}
	if (status != 0) {
		*why = untrusted_reason(status);
		v = TLS_UNTRUSTED;
		goto out;
	}
	r = gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned)ncrts, NULL, 0, 0,
	    &status, NULL);
	if (r < 0) {
		*why = xasprintf("could not be checked: %s", gnutls_strerror(r));
		goto out;
	}
	if (status & (GNUTLS_CERT_EXPIRED | GNUTLS_CERT_NOT_ACTIVATED)) {
		v = time_reason(crts, ncrts, status, why);
		goto out;
	}
	if (status != 0) {
		*why = untrusted_reason(status);
		v = TLS_UNTRUSTED;
		goto out;
	}

	/* Handles IP literals against IP alt names, and wildcards. */
	if (!gnutls_x509_crt_check_hostname2(crts[0], host, 0)) {
		char *name = cert_name(crts[0]);
		char *shown = printable(host, strlen(host));
		*why = xasprintf("is for '%s', not '%s'", name, shown);
		free(name);
		free(shown);
		v = TLS_WRONG_HOST;
		goto out;
	}
	v = TLS_VERIFIED;
out:
	for (size_t i = 0; i < ncrts; i++)
		if (crts[i] != NULL)
			gnutls_x509_crt_deinit(crts[i]);
	if (tl != NULL)
		gnutls_x509_trust_list_deinit(tl, 1);
	return v;
}

/* ---- pinning ---------------------------------------------------------- */

int
tls_parse_fingerprint(const char *text, unsigned char out[TLS_FINGERPRINT_LEN])
{
	size_t n = 0;
	int hi = -1;

	if (text == NULL)
		return -1;
	if (strncasecmp(text, "sha256:", 7) == 0)
		text += 7;
	for (; *text; text++) {
		int v;

		if (*text == ':' && hi < 0)
			continue;
		if ((v = hex_value(*text)) < 0 || (hi < 0 && n == TLS_FINGERPRINT_LEN))
			return -1;
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	return n == TLS_FINGERPRINT_LEN && hi < 0 ? 0 : -1;
}

static char *
format_fingerprint(const unsigned char d[TLS_FINGERPRINT_LEN])
{
	struct buf b = { 0 };

	buf_adds(&b, "sha256:");
	for (size_t i = 0; i < TLS_FINGERPRINT_LEN; i++)
		buf_addf(&b, "%s%02X", i ? ":" : "", d[i]);
	return buf_steal(&b);
}

char *
tls_fingerprint(const unsigned char *der, size_t len)
{
	unsigned char d[TLS_FINGERPRINT_LEN];

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, d) < 0)
		return NULL;
	return format_fingerprint(d);
}

/* The first certificate of a PEM file, as DER (gnutls_free it). */
static int
read_pinned_cert(const char *file, gnutls_datum_t *der, char **why)
{
	gnutls_datum_t pem = { NULL, 0 };
	int r;

	if ((r = gnutls_load_file(file, &pem)) < 0) {
		*why = xasprintf("could not be checked: cannot read tls_cert_file '%s' (%s)",
		    file, gnutls_strerror(r));
		return -1;
	}
	r = gnutls_pem_base64_decode2("CERTIFICATE", &pem, der);
	gnutls_free(pem.data);
	if (r < 0) {
		*why = xasprintf("could not be checked: no PEM certificate in tls_cert_file '%s'",
		    file);
		return -1;
	}
	return 0;
}

enum tls_verdict
tls_verify_pin(const struct tls_cert *chain, size_t n, const char *fingerprint,
    const char *cert_file, const char *account, char **why)
{
	unsigned char want[TLS_FINGERPRINT_LEN], have[TLS_FINGERPRINT_LEN];
	char *have_s = NULL, *want_s = NULL;
	enum tls_verdict v = TLS_FAILED;

	*why = NULL;
	if (n == 0 || chain == NULL || chain[0].len == 0) {
		*why = xstrdup("could not be checked: the server sent no certificate");
		return TLS_FAILED;
	}
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, chain[0].der, chain[0].len, have) < 0) {
		*why = xstrdup("could not be checked: cannot compute its SHA-256");
		return TLS_FAILED;
	}
	have_s = format_fingerprint(have);
	if (fingerprint != NULL && *fingerprint != '\0') {
		if (tls_parse_fingerprint(fingerprint, want) < 0) {
			*why = xasprintf("could not be checked: %s.tls_fingerprint is not a SHA-256 "
			    "fingerprint (64 hex digits)", account);
			goto out;
		}
		if (memcmp(want, have, sizeof(want)) != 0) {
			want_s = format_fingerprint(want);
			*why = xasprintf("does not match the pin: the server's certificate is %s; "
			    "%s.tls_fingerprint says %s", have_s, account, want_s);
			v = TLS_WRONG_PIN;
			goto out;
		}
	}
	if (cert_file != NULL && *cert_file != '\0') {
		gnutls_datum_t der = { NULL, 0 };

		if (read_pinned_cert(cert_file, &der, why) < 0)
			goto out;
		if (der.size != chain[0].len || memcmp(der.data, chain[0].der, der.size) != 0) {
			want_s = tls_fingerprint(der.data, der.size);
			*why = xasprintf("does not match the pin: the server's certificate is %s; "
			    "%s.tls_cert_file holds %s", have_s, account, want_s ? want_s : "another");
			gnutls_free(der.data);
			v = TLS_WRONG_PIN;
			goto out;
		}
		gnutls_free(der.data);
	}
	v = TLS_VERIFIED;
out:
	free(have_s);
	free(want_s);
	return v;
}

char *
tls_pubkey_pin(const struct tls_cert *cert)
{
	gnutls_datum_t d = { (unsigned char *)cert->der, (unsigned)cert->len };
	gnutls_datum_t spki = { NULL, 0 }, b64 = { NULL, 0 };
	gnutls_x509_crt_t crt = NULL;
	gnutls_pubkey_t pk = NULL;
	unsigned char hash[TLS_FINGERPRINT_LEN];
	gnutls_datum_t h = { hash, sizeof(hash) };
	char *out = NULL;

	if (gnutls_x509_crt_init(&crt) < 0)
		return NULL;
	if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) < 0 ||
	    gnutls_pubkey_init(&pk) < 0)
		goto out;
	if (gnutls_pubkey_import_x509(pk, crt, 0) < 0 ||
	    gnutls_pubkey_export2(pk, GNUTLS_X509_FMT_DER, &spki) < 0 ||
	    gnutls_hash_fast(GNUTLS_DIG_SHA256, spki.data, spki.size, hash) < 0 ||
	    gnutls_base64_encode2(&h, &b64) < 0)
		goto out;
	out = xasprintf("sha256//%.*s", (int)b64.size, (const char *)b64.data);
out:
	gnutls_free(spki.data);
	gnutls_free(b64.data);
	if (pk != NULL)
		gnutls_pubkey_deinit(pk);
	gnutls_x509_crt_deinit(crt);
	return out;
}

/* A DN as text: gnutls gives RFC 4514; NULL when absent. */
static char *
dn_text(gnutls_x509_crt_t crt, bool issuer)
{
	gnutls_datum_t d = { NULL, 0 };
	char *s;
	int r = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &d, 0)
		       : gnutls_x509_crt_get_dn3(crt, &d, 0);

	if (r < 0)
		return xstrdup("(none)");
	s = printable((const char *)d.data, d.size);
	gnutls_free(d.data);
	return s;
}

int
tls_cert_describe(const struct tls_cert *cert, struct tls_cert_info *out)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t der = { (unsigned char *)(uintptr_t)cert->der, (unsigned)cert->len };
	unsigned char digest[32];
	size_t dlen = sizeof(digest);

	memset(out, 0, sizeof(*out));
	if (gnutls_x509_crt_init(&crt) < 0)
		return -1;
	if (gnutls_x509_crt_import(crt, &der, GNUTLS_X509_FMT_DER) < 0) {
		gnutls_x509_crt_deinit(crt);
		return -1;
	}
	out->subject = dn_text(crt, false);
	out->issuer = dn_text(crt, true);
	out->not_after = format_day(gnutls_x509_crt_get_expiration_time(crt));
	if (gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, digest, &dlen) == 0)
		for (size_t i = 0; i < dlen && 3 * i + 3 <= sizeof(out->sha256); i++)
			snprintf(out->sha256 + 3 * i, 4, i + 1 < dlen ? "%02X:" : "%02X", digest[i]);
	gnutls_x509_crt_deinit(crt);
	return 0;
}

void
tls_cert_info_free(struct tls_cert_info *info)
{
	free(info->subject);
	free(info->issuer);
	free(info->not_after);
	memset(info, 0, sizeof(*info));
}
