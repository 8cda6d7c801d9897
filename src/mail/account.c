/* account: the configured accounts as IMAP and SMTP settings.  See account.h. */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "util.h"

static enum imap_security
imap_security_of(enum config_tls tls)
{
	switch (tls) {
	case CONFIG_TLS_IMPLICIT: return IMAP_SECURITY_IMAPS;
	case CONFIG_TLS_STARTTLS: return IMAP_SECURITY_STARTTLS;
	case CONFIG_TLS_NONE: break;
	}
	return IMAP_SECURITY_NONE;
}

static enum imap_auth
imap_auth_of(enum config_auth auth)
{
	switch (auth) {
	case CONFIG_AUTH_PLAIN: break;
	case CONFIG_AUTH_LOGIN: return IMAP_AUTH_LOGIN;
	case CONFIG_AUTH_XOAUTH2: return IMAP_AUTH_XOAUTH2;
	case CONFIG_AUTH_OAUTHBEARER: return IMAP_AUTH_OAUTHBEARER;
	}
	return IMAP_AUTH_PLAIN;
}

static enum smtp_security
smtp_security_of(enum config_tls tls)
{
	switch (tls) {
	case CONFIG_TLS_IMPLICIT: return SMTP_SECURITY_SMTPS;
	case CONFIG_TLS_STARTTLS: return SMTP_SECURITY_STARTTLS;
	case CONFIG_TLS_NONE: break;
	}
	return SMTP_SECURITY_NONE;
}

static enum smtp_auth
smtp_auth_of(enum config_auth auth)
{
	switch (auth) {
	case CONFIG_AUTH_PLAIN: break;
	case CONFIG_AUTH_LOGIN: return SMTP_AUTH_LOGIN;
	case CONFIG_AUTH_XOAUTH2: return SMTP_AUTH_XOAUTH2;
	case CONFIG_AUTH_OAUTHBEARER: return SMTP_AUTH_OAUTHBEARER;
	}
	return SMTP_AUTH_PLAIN;
}

void
account_imap_config(const struct config *cfg, int timeout, struct imap_config *ic)
{
	const struct config_account *a = &cfg->imap.conn;

	*ic = (struct imap_config){
		.host = a->host, .port = (unsigned)a->port, .user = a->user,
		.security = imap_security_of(a->tls), .auth = imap_auth_of(a->auth),
		.ca_file = a->ca_file, .tls_fingerprint = a->tls_fingerprint,
		.tls_cert_file = a->tls_cert_file, .timeout = timeout,
		.allow_insecure = a->allow_insecure,
	};
}

void
account_smtp_config(const struct config *cfg, int timeout, struct smtp_config *sc)
{
	const struct config_account *a = &cfg->smtp.conn;
	const char *at = strrchr(cfg->me.addresses[0], '@');

	*sc = (struct smtp_config){
		.host = a->host, .port = (unsigned)a->port, .user = a->user,
		.security = smtp_security_of(a->tls), .auth = smtp_auth_of(a->auth),
		.ca_file = a->ca_file, .tls_fingerprint = a->tls_fingerprint,
		.tls_cert_file = a->tls_cert_file, .ehlo_name = at ? at + 1 : NULL,
		.connect_timeout = timeout, .timeout = timeout,
		.allow_insecure = a->allow_insecure,
	};
}

int
account_login(const struct config *cfg, enum config_account_kind which,
		const struct account_login *l)
{
	bool oauth = config_auth_is_oauth(config_account(cfg, which)->auth);

	for (int attempt = 0; attempt < 2; attempt++) {
		char *secret = NULL, *err = NULL;
		enum account_try t;

		if ((attempt > 0 || !l->held) && config_password(cfg, which, &secret, &err) == -1) {
			l->no_secret(l->arg, err);
			free(err);
			return -1;
		}
		t = l->attempt(l->arg, secret);
		free_secret(secret);
		if (t == ACCOUNT_TRY_FAILED)
			return -1;
		if (t == ACCOUNT_TRY_DONE || attempt > 0 || !oauth)
			break;
		l->again(l->arg);
	}
	return 0;
}
