/*
 * Unit tests for tls_verify_chain.  Every certificate is made here, at test
 * time, with GnuTLS (ECDSA P-256 keys: fast), and the private CA is written
 * as PEM into a temporary directory to serve as ca_file.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "tls.h"
#include "util.h"

#define DAY (24 * 3600)

struct id {
	gnutls_x509_privkey_t key;
	gnutls_x509_crt_t crt;
	gnutls_datum_t der;
};

static char tmpdir[64];
static char ca_path[96];
static char other_ca_path[96];
static char empty_path[96];
static struct id ca, other_ca, inter;
static unsigned serial = 1;

static gnutls_x509_privkey_t
new_key(void)
{
	gnutls_x509_privkey_t key;

	assert_int_equal(gnutls_x509_privkey_init(&key), 0);
	assert_int_equal(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
	return key;
}

/*
 * A certificate for cn (and dns/ip alt names unless NULL), valid from
 * start to end, signed by issuer (NULL: self-signed), a CA if ca.
 */
static void
make_cert(struct id *out, const char *cn, const char *dns, const char *ip,
    time_t start, time_t end, const struct id *issuer, int is_ca)
{
	gnutls_x509_crt_t crt;
	unsigned char ser[4] = { 0, 0, 0, (unsigned char)serial++ };

	memset(out, 0, sizeof(*out));
	out->key = new_key();
	assert_int_equal(gnutls_x509_crt_init(&crt), 0);
	assert_int_equal(gnutls_x509_crt_set_version(crt, 3), 0);
	assert_int_equal(gnutls_x509_crt_set_serial(crt, ser, sizeof(ser)), 0);
	assert_int_equal(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME,
	    0, cn, (unsigned)strlen(cn)), 0);
	assert_int_equal(gnutls_x509_crt_set_activation_time(crt, start), 0);
	assert_int_equal(gnutls_x509_crt_set_expiration_time(crt, end), 0);
	assert_int_equal(gnutls_x509_crt_set_key(crt, out->key), 0);
	assert_int_equal(gnutls_x509_crt_set_basic_constraints(crt, is_ca, -1), 0);
	if (is_ca) {
		assert_int_equal(gnutls_x509_crt_set_key_usage(crt,
		    GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN), 0);
	} else {
		assert_int_equal(gnutls_x509_crt_set_key_usage(crt,
		    GNUTLS_KEY_DIGITAL_SIGNATURE), 0);
		assert_int_equal(gnutls_x509_crt_set_key_purpose_oid(crt,
		    GNUTLS_KP_TLS_WWW_SERVER, 0), 0);
	}
	if (dns != NULL)
		assert_int_equal(gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_DNSNAME, dns, (unsigned)strlen(dns), GNUTLS_FSAN_APPEND), 0);
	if (ip != NULL) {
		unsigned char a[4];
		assert_int_equal(sscanf(ip, "%hhu.%hhu.%hhu.%hhu", &a[0], &a[1], &a[2], &a[3]), 4);
		assert_int_equal(gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_IPADDRESS, a, 4, GNUTLS_FSAN_APPEND), 0);
	}
	if (issuer == NULL)
		assert_int_equal(gnutls_x509_crt_sign2(crt, crt, out->key, GNUTLS_DIG_SHA256, 0), 0);
	else
		assert_int_equal(gnutls_x509_crt_sign2(crt, issuer->crt, issuer->key,
		    GNUTLS_DIG_SHA256, 0), 0);
	assert_int_equal(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &out->der), 0);
	out->crt = crt;
}

static void
free_id(struct id *id)
{
	if (id->crt != NULL)
		gnutls_x509_crt_deinit(id->crt);
	if (id->key != NULL)
		gnutls_x509_privkey_deinit(id->key);
	gnutls_free(id->der.data);
	memset(id, 0, sizeof(*id));
}

static void
write_pem(const char *path, const struct id *id)
{
	gnutls_datum_t pem;
	FILE *f;

	assert_int_equal(gnutls_x509_crt_export2(id->crt, GNUTLS_X509_FMT_PEM, &pem), 0);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(pem.data, 1, pem.size, f), pem.size);
	assert_int_equal(fclose(f), 0);
	gnutls_free(pem.data);
}

static int
setup(void **state)
{
	time_t now = time(NULL);
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_tls.XXXXXX", t && *t && strlen(t) < 40 ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(ca_path, sizeof(ca_path), "%s/ca.pem", tmpdir);
	snprintf(other_ca_path, sizeof(other_ca_path), "%s/other.pem", tmpdir);
	snprintf(empty_path, sizeof(empty_path), "%s/empty.pem", tmpdir);
	make_cert(&ca, "Followupd Test CA", NULL, NULL, now - DAY, now + 30 * DAY, NULL, 1);
	make_cert(&other_ca, "Somebody Else CA", NULL, NULL, now - DAY, now + 30 * DAY, NULL, 1);
	make_cert(&inter, "Followupd Intermediate", NULL, NULL, now - DAY, now + 30 * DAY, &ca, 1);
	write_pem(ca_path, &ca);
	write_pem(other_ca_path, &other_ca);
	FILE *f = fopen(empty_path, "w");
	if (f == NULL || fclose(f) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	free_id(&ca);
	free_id(&other_ca);
	free_id(&inter);
	unlink(ca_path);
	unlink(other_ca_path);
	unlink(empty_path);
	rmdir(tmpdir);
	return 0;
}

/* Verify [leaf, extra...] and check the verdict and, if given, the sentence. */
static void
check(const struct id *leaf, const struct id *extra, const char *host,
    const char *cafile, enum tls_verdict want, const char *want_why)
{
	struct tls_cert chain[2];
	size_t n = 0;
	char *why = NULL;
	enum tls_verdict v;

	chain[n].der = leaf->der.data;
	chain[n++].len = leaf->der.size;
	if (extra != NULL) {
		chain[n].der = extra->der.data;
		chain[n++].len = extra->der.size;
	}
	v = tls_verify_chain(chain, n, host, cafile, &why);
	if (v != want)
		fail_msg("host %s: got %s (%s), want %s", host, tls_verdict_name(v),
		    why ? why : "-", tls_verdict_name(want));
	if (want == TLS_VERIFIED)
		assert_null(why);
	else
		assert_non_null(why);
	if (want_why != NULL)
		assert_string_equal(why, want_why);
	free(why);
}

static void
test_good(void **state)
{
	time_t now = time(NULL);
	struct id leaf;

	make_cert(&leaf, "localhost", "localhost", "127.0.0.1", now - DAY, now + DAY, &ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_VERIFIED, NULL);
	check(&leaf, NULL, "LOCALHOST", ca_path, TLS_VERIFIED, NULL);
	check(&leaf, NULL, "127.0.0.1", ca_path, TLS_VERIFIED, NULL);
	free_id(&leaf);
}

static void
test_intermediate(void **state)
{
	time_t now = time(NULL);
	struct id leaf;

	make_cert(&leaf, "imap.example.net", "imap.example.net", NULL, now - DAY, now + DAY, &inter, 0);
	check(&leaf, &inter, "imap.example.net", ca_path, TLS_VERIFIED, NULL);
	/* Without the intermediate there is no path. */
	check(&leaf, NULL, "imap.example.net", ca_path, TLS_UNTRUSTED, "is not trusted (unknown CA)");
	free_id(&leaf);
}

static void
test_unknown_ca(void **state)
{
	time_t now = time(NULL);
	struct id leaf, self;

	make_cert(&leaf, "localhost", "localhost", NULL, now - DAY, now + DAY, &other_ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_UNTRUSTED, "is not trusted (unknown CA)");
	/* No CA file: the system store does not know our private CA either. */
	check(&leaf, NULL, "localhost", NULL, TLS_UNTRUSTED, "is not trusted (unknown CA)");
	check(&leaf, NULL, "localhost", "", TLS_UNTRUSTED, "is not trusted (unknown CA)");
	/* The right CA file makes the same chain good. */
	check(&leaf, NULL, "localhost", other_ca_path, TLS_VERIFIED, NULL);

	make_cert(&self, "localhost", "localhost", NULL, now - DAY, now + DAY, NULL, 0);
	check(&self, NULL, "localhost", ca_path, TLS_UNTRUSTED, "is not trusted (unknown CA)");
	/* Unknown CA is reported even when the certificate is expired too. */
	free_id(&leaf);
	make_cert(&leaf, "localhost", "localhost", NULL, now - 9 * DAY, now - 8 * DAY, &other_ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_UNTRUSTED, "is not trusted (unknown CA)");
	free_id(&leaf);
	free_id(&self);
}

static void
test_wrong_name(void **state)
{
	time_t now = time(NULL);
	struct id leaf, cn_only;

	make_cert(&leaf, "other.example", "other.example", NULL, now - DAY, now + DAY, &ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_WRONG_HOST,
	    "is for 'other.example', not 'localhost'");
	check(&leaf, NULL, "127.0.0.1", ca_path, TLS_WRONG_HOST,
	    "is for 'other.example', not '127.0.0.1'");
	/* A suffix match is not a match. */
	check(&leaf, NULL, "example", ca_path, TLS_WRONG_HOST, NULL);
	check(&leaf, NULL, "evil-other.example", ca_path, TLS_WRONG_HOST, NULL);
	free_id(&leaf);

	/* An IP alt name does not match a host name and vice versa. */
	make_cert(&leaf, "x", NULL, "127.0.0.1", now - DAY, now + DAY, &ca, 0);
	check(&leaf, NULL, "127.0.0.1", ca_path, TLS_VERIFIED, NULL);
	check(&leaf, NULL, "127.0.0.2", ca_path, TLS_WRONG_HOST, "is for '127.0.0.1', not '127.0.0.2'");
	check(&leaf, NULL, "localhost", ca_path, TLS_WRONG_HOST, NULL);
	free_id(&leaf);

	/* Hostile bytes in the certificate never reach the message raw. */
	make_cert(&cn_only, "evil\nname' x", NULL, NULL, now - DAY, now + DAY, &ca, 0);
	check(&cn_only, NULL, "localhost", ca_path, TLS_WRONG_HOST,
	    "is for 'evil?name? x', not 'localhost'");
	free_id(&cn_only);
}

static void
test_wildcard(void **state)
{
	time_t now = time(NULL);
	struct id leaf;

	make_cert(&leaf, "*.example.net", "*.example.net", NULL, now - DAY, now + DAY, &ca, 0);
	check(&leaf, NULL, "imap.example.net", ca_path, TLS_VERIFIED, NULL);
	check(&leaf, NULL, "a.b.example.net", ca_path, TLS_WRONG_HOST, NULL);
	check(&leaf, NULL, "example.net", ca_path, TLS_WRONG_HOST, NULL);
	free_id(&leaf);
}

static void
test_expired(void **state)
{
	time_t now = time(NULL);
	/* 2019-01-01 .. 2020-01-01 00:00:00 UTC */
	time_t start = 1546300800, end = 1577836800;
	struct id leaf, old_inter, inter_leaf;

	make_cert(&leaf, "localhost", "localhost", NULL, start, end, &ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_EXPIRED, "expired on 2020-01-01");
	/* Expiry is reported before the name. */
	check(&leaf, NULL, "other.example", ca_path, TLS_EXPIRED, "expired on 2020-01-01");
	free_id(&leaf);

	make_cert(&leaf, "localhost", "localhost", NULL, now + 10 * DAY, now + 20 * DAY, &ca, 0);
	check(&leaf, NULL, "localhost", ca_path, TLS_NOT_YET_VALID, NULL);
	free_id(&leaf);

	/* An expired intermediate is named. */
	make_cert(&old_inter, "Old Intermediate", NULL, NULL, start, end, &ca, 1);
	make_cert(&inter_leaf, "localhost", "localhost", NULL, start, now + DAY, &old_inter, 0);
	check(&inter_leaf, &old_inter, "localhost", ca_path, TLS_EXPIRED,
	    "is signed by 'Old Intermediate', which expired on 2020-01-01");
	free_id(&inter_leaf);
	free_id(&old_inter);
}

static void
test_cannot_check(void **state)
{
	time_t now = time(NULL);
	struct id leaf;
	struct tls_cert junk = { (const unsigned char *)"\x30\x03\x01\x01\x00", 5 };
	char *why = NULL;

	assert_int_equal(tls_verify_chain(NULL, 0, "localhost", ca_path, &why), TLS_FAILED);
	assert_non_null(strstr(why, "no certificate"));
	free(why);
	assert_int_equal(tls_verify_chain(&junk, 1, "localhost", ca_path, &why), TLS_FAILED);
	assert_non_null(strstr(why, "malformed"));
	free(why);

	make_cert(&leaf, "localhost", "localhost", NULL, now - DAY, now + DAY, &ca, 0);
	/* A configured CA file that cannot be used is an error, not "untrusted". */
	check(&leaf, NULL, "localhost", "/nonexistent/ca.pem", TLS_FAILED, NULL);
	check(&leaf, NULL, "localhost", empty_path, TLS_FAILED, NULL);
	check(&leaf, NULL, "", ca_path, TLS_FAILED, NULL);
	free_id(&leaf);
}

static void
test_parse_fingerprint(void **state)
{
	unsigned char d[TLS_FINGERPRINT_LEN], e[TLS_FINGERPRINT_LEN];
	const char *colons = "sha256:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
	    "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";

	assert_int_equal(tls_parse_fingerprint(colons, d), 0);
	assert_int_equal(d[0], 0x00);
	assert_int_equal(d[10], 0xaa);
	assert_int_equal(d[31], 0xff);
	/* No prefix, no colons, other case: the same digest. */
	assert_int_equal(tls_parse_fingerprint(
	    "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF", e), 0);
	assert_memory_equal(d, e, sizeof(d));
	assert_int_equal(tls_parse_fingerprint("SHA256:"
	    "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF", e), 0);
	assert_memory_equal(d, e, sizeof(d));
	/* Too short, too long, not hex, a colon inside a byte, SHA-1 length. */
	assert_int_equal(tls_parse_fingerprint("00112233", d), -1);
	assert_int_equal(tls_parse_fingerprint(
	    "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF00", d), -1);
	assert_int_equal(tls_parse_fingerprint(
	    "g0112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF", d), -1);
	assert_int_equal(tls_parse_fingerprint(
	    "0:0112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF", d), -1);
	assert_int_equal(tls_parse_fingerprint(
	    "da39a3ee5e6b4b0d3255bfef95601890afd80709", d), -1);
	assert_int_equal(tls_parse_fingerprint("", d), -1);
	assert_int_equal(tls_parse_fingerprint(NULL, d), -1);
}

/* A self-signed certificate for 0.0.0.0, as Proton Mail Bridge serves. */
static void
test_pin(void **state)
{
	time_t now = time(NULL);
	struct id self, other;
	struct tls_cert c;
	char *fp, *fp_other, *why = NULL, *lower, pin_path[128], other_path[128];

	make_cert(&self, "127.0.0.1", NULL, "0.0.0.0", now - DAY, now + 365 * DAY, NULL, 0);
	make_cert(&other, "127.0.0.1", NULL, "0.0.0.0", now - DAY, now + 365 * DAY, NULL, 0);
	c.der = self.der.data;
	c.len = self.der.size;
	/* Without a pin it is refused, as any self-signed certificate. */
	assert_int_equal(tls_verify_chain(&c, 1, "127.0.0.1", NULL, &why), TLS_UNTRUSTED);
	free(why);

	fp = tls_fingerprint(self.der.data, self.der.size);
	fp_other = tls_fingerprint(other.der.data, other.der.size);
	assert_non_null(fp);
	assert_int_equal(strlen(fp), 7 + 32 * 3 - 1);
	assert_true(strncmp(fp, "sha256:", 7) == 0);
	assert_string_not_equal(fp, fp_other);

	/* The right pin, in any spelling; host and trust no longer matter. */
	assert_int_equal(tls_verify_pin(&c, 1, fp, NULL, "imap", &why), TLS_VERIFIED);
	assert_null(why);
	lower = strdup(fp + 7);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
	assert_int_equal(tls_verify_pin(&c, 1, lower, NULL, "imap", &why), TLS_VERIFIED);
	free(lower);

	/* A wrong pin: both fingerprints in the message. */
	assert_int_equal(tls_verify_pin(&c, 1, fp_other, NULL, "smtp", &why), TLS_WRONG_PIN);
	assert_non_null(why);
	assert_non_null(strstr(why, fp));
	assert_non_null(strstr(why, fp_other));
	assert_non_null(strstr(why, "the server's certificate is sha256:"));
	assert_non_null(strstr(why, "smtp.tls_fingerprint says"));
	free(why);
	assert_int_equal(tls_verify_pin(&c, 1, "sha256:00", NULL, "imap", &why), TLS_FAILED);
	free(why);
	assert_int_equal(tls_verify_pin(NULL, 0, fp, NULL, "imap", &why), TLS_FAILED);
	free(why);

	/* A pinned certificate file: the same certificate passes, another not. */
	snprintf(pin_path, sizeof(pin_path), "%s/pin.pem", tmpdir);
	snprintf(other_path, sizeof(other_path), "%s/pin-other.pem", tmpdir);
	write_pem(pin_path, &self);
	write_pem(other_path, &other);
	assert_int_equal(tls_verify_pin(&c, 1, NULL, pin_path, "imap", &why), TLS_VERIFIED);
	assert_int_equal(tls_verify_pin(&c, 1, fp, pin_path, "imap", &why), TLS_VERIFIED);
	assert_int_equal(tls_verify_pin(&c, 1, NULL, other_path, "imap", &why), TLS_WRONG_PIN);
	assert_non_null(strstr(why, "imap.tls_cert_file holds"));
	free(why);
	/* Both set: both must match. */
	assert_int_equal(tls_verify_pin(&c, 1, fp_other, pin_path, "imap", &why), TLS_WRONG_PIN);
	free(why);
	assert_int_equal(tls_verify_pin(&c, 1, NULL, empty_path, "imap", &why), TLS_FAILED);
	free(why);
	assert_int_equal(tls_verify_pin(&c, 1, NULL, "/nonexistent/pin.pem", "imap", &why),
	    TLS_FAILED);
	free(why);

	/* The key pin for libcurl: same key, same pin; other key, other pin. */
	{
		char *k1 = tls_pubkey_pin(&c);
		struct tls_cert oc = { other.der.data, other.der.size };
		char *k2 = tls_pubkey_pin(&oc);

		assert_non_null(k1);
		assert_non_null(k2);
		assert_true(strncmp(k1, "sha256//", 8) == 0);
		assert_int_equal(strlen(k1), 8 + 44);
		assert_string_not_equal(k1, k2);
		free(k1);
		free(k2);
	}
	unlink(pin_path);
	unlink(other_path);
	free(fp);
	free(fp_other);
	free_id(&self);
	free_id(&other);
}

/* tls_cert_describe: subject, issuer, expiry day, SHA-256 of the DER. */
static void
test_describe(void **state)
{
	struct id leaf;
	struct tls_cert c;
	struct tls_cert_info info;
	unsigned char digest[32];
	size_t dlen = sizeof(digest);
	char want[96] = "";
	static const unsigned char junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };

	(void)state;
	/* 2030-01-02 12:00:00 UTC */
	make_cert(&leaf, "mail.example.test", "mail.example.test", NULL,
	    time(NULL) - DAY, (time_t)1893585600, &ca, 0);
	c.der = leaf.der.data;
	c.len = leaf.der.size;
	assert_int_equal(tls_cert_describe(&c, &info), 0);
	assert_string_equal(info.subject, "CN=mail.example.test");
	assert_string_equal(info.issuer, "CN=Followupd Test CA");
	assert_string_equal(info.not_after, "2030-01-02");
	assert_int_equal(gnutls_fingerprint(GNUTLS_DIG_SHA256, &leaf.der, digest, &dlen), 0);
	for (size_t i = 0; i < dlen; i++)
		snprintf(want + 3 * i, sizeof(want) - 3 * i, i + 1 < dlen ? "%02X:" : "%02X", digest[i]);
	assert_int_equal(strlen(info.sha256), 95);
	assert_string_equal(info.sha256, want);
	tls_cert_info_free(&info);
	assert_null(info.subject);

	/* Not a certificate: -1, nothing to free. */
	c.der = junk;
	c.len = sizeof(junk);
	assert_int_equal(tls_cert_describe(&c, &info), -1);
	assert_null(info.subject);
	tls_cert_info_free(&info);
	free_id(&leaf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_intermediate),
		cmocka_unit_test(test_unknown_ca),
		cmocka_unit_test(test_wrong_name),
		cmocka_unit_test(test_wildcard),
		cmocka_unit_test(test_expired),
		cmocka_unit_test(test_cannot_check),
		cmocka_unit_test(test_parse_fingerprint),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
