/*
 * config: the one configuration file, parsed once into one struct config.
 *
 * The file is libconfig syntax; the schema is in config.c (one table) and
 * every default is in one place there (a libconfig document parsed before
 * the user's file), so the example etc/followupd.conf, the defaults and
 * config_dump() cannot drift apart.  A few defaults depend on the machine
 * and are filled in after parsing (see "Derived defaults" below).
 *
 * Errors are complete lines, ready for stderr:
 *
 *     FILE:LINE: SETTING: what is wrong
 *
 * FILE is the config path as given to config_load() (or the @included file
 * the setting is in, joined to the config file's directory), LINE the line
 * of the setting (of its group when the setting is missing).  SETTING is
 * the dotted path, list elements counted from 1 as in a text editor:
 * "send.window", "me.addresses[2]", "references[1].email".  When there is
 * no line at all (a whole group is missing, the file cannot be read) the
 * form is "FILE: SETTING: ..." or "FILE: ...".  libconfig's own parse
 * errors read "FILE:LINE: syntax error".  Every error is collected (in
 * file and line order) before config_load() fails; the programs print them
 * all and exit 78 (EXIT_CONFIG).
 *
 * Passwords never appear in errors or logs.  A `password` written in the
 * file is refused unless the file holding it is closed to group and others
 * (like msmtp); `password_command` is run only when the password is needed
 * (config_password()).
 *
 * Derived defaults (not in the defaults document):
 *   me.timezone     the system zone ($TZ, /etc/localtime, /etc/timezone), else "UTC"
 *   imap.user       me.addresses[1]
 *   smtp.user       imap.user
 *   smtp password   imap's password_command / password when smtp sets neither
 *                   (and imap's password_command_timeout unless smtp sets it)
 *   state_dir       system install (root, or the file under SYSCONFDIR):
 *                   LOCALSTATEDIR/lib/followupd; else $XDG_STATE_HOME/followupd
 *                   (~/.local/state/followupd)
 *   templates_dir   system install: SYSCONFDIR/followupd/templates; else
 *                   $XDG_CONFIG_HOME/followupd/templates (~/.config/...)
 * Relative paths in the file (state_dir, templates_dir, ca_file) resolve
 * against the config file's directory ("~" and "~/..." against $HOME), and
 * are stored absolute.  detect.lookback must be whole days (IMAP SINCE
 * searches by date).
 *
 * Provider presets: `provider = "gmail"` (or "outlook", "microsoft365",
 * "fastmail", "icloud", "yahoo", "proton-bridge") fills imap.url,
 * smtp.url, imap.sent_copy ("no" where the provider files its own copy in
 * Sent: Outlook.com, Microsoft 365, Proton Mail Bridge; else "auto") and,
 * for Microsoft, auth = "xoauth2", as if written before the user's file:
 * the user's own settings win, errors in them are reported as usual, and
 * imap.url / smtp.url are no longer required.
 * config_account.url_from_provider says which URL the preset gave,
 * config_imap.sent_copy_from_provider whether it gave sent_copy = "no".
 *
 * Warnings (cfg->warnings, printed by -n, not errors): me or references
 * still holding the example config's addresses or names.
 */
#ifndef FOLLOWUPD_CONFIG_H
#define FOLLOWUPD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "when.h"

enum config_send_mode {
	CONFIG_SEND_REVIEW = 0,   /* nothing leaves until approved */
	CONFIG_SEND_AUTO,         /* leaves after send.grace */
};

enum config_auth {
	CONFIG_AUTH_PLAIN = 0,
	CONFIG_AUTH_LOGIN,
	CONFIG_AUTH_XOAUTH2,      /* the token comes from password_command */
	CONFIG_AUTH_OAUTHBEARER,  /* RFC 7628; the token as for xoauth2 */
};

/* The auth word as written in the configuration ("plain", "xoauth2"...). */
const char *config_auth_name(enum config_auth auth);
/* xoauth2 or oauthbearer: the secret is a token that expires, so a refused
 * one is fetched again and tried once more. */
bool config_auth_is_oauth(enum config_auth auth);

enum config_refwarn_when {
	CONFIG_REFWARN_FINAL = 0, /* only before a final round (or when asked) */
	CONFIG_REFWARN_ALWAYS,
	CONFIG_REFWARN_NEVER,
};

/* How the connection is protected, from the URL scheme and `starttls`. */
enum config_sent_copy {
	CONFIG_SENT_COPY_AUTO = 0,  /* APPEND unless the server files it itself */
	CONFIG_SENT_COPY_YES,       /* always APPEND */
	CONFIG_SENT_COPY_NO,        /* never APPEND (Sent is still looked in) */
};

enum config_tls {
	CONFIG_TLS_IMPLICIT = 0,  /* imaps:// smtps:// : TLS from the first byte */
	CONFIG_TLS_STARTTLS,      /* imap:// smtp:// : STARTTLS is required */
	CONFIG_TLS_NONE,          /* starttls = false + allow_insecure = true */
};

enum config_account_kind {
	CONFIG_IMAP = 0,
	CONFIG_SMTP,
};

/* One server login (the imap and smtp groups share these settings). */
struct config_account {
	char *url;                /* as written, e.g. "imaps://imap.example.net" */
	char *host;               /* from the URL; an IPv6 address without [] */
	int port;                 /* from the URL, else 993 / 143 / 465 / 587 */
	enum config_tls tls;
	char *user;
	enum config_auth auth;
	char *password_command;   /* NULL if unset; run by config_password() */
	struct duration password_command_timeout; /* killed after this; default 30s */
	char *password;           /* NULL if unset; secret, wiped on free */
	char *ca_file;            /* NULL: the system trust store */
	char *tls_fingerprint;    /* NULL: none; else a valid SHA-256 pin
	                             (tls_parse_fingerprint()) */
	char *tls_cert_file;      /* NULL: none; a pinned PEM certificate */
	bool allow_insecure;
	bool starttls;            /* as written; tls says what it means */
	bool url_from_provider;   /* url came from the provider preset */
};

struct config_me {
	char *name;               /* "" if unset */
	char **addresses;         /* at least one; [0] is the From address */
	size_t naddresses;
	char *timezone;           /* IANA name, never NULL or "" */
	char *signature;          /* may hold newlines */
	char **employer_domains;  /* the user's current employer's mail
	                             domains (and their subdomains); may be
	                             empty, never guessed */
	size_t nemployer_domains;
};

struct config_imap {
	struct config_account conn;
	char **folders;           /* watched folders, at least one */
	size_t nfolders;
	char *sent_folder;        /* "" = find the \Sent folder, "none" = no copy
	                             and no lookup there */
	enum config_sent_copy sent_copy;
	bool sent_copy_from_provider; /* sent_copy "no" came from the preset */
	bool watch_sent;          /* follow the Sent folder: what the user sends */
	bool idle;
	struct duration poll_interval;
	struct duration idle_refresh; /* re-issue IDLE this often, 5s..29m */
};

struct config_smtp {
	struct config_account conn;
};

struct config_send {
	enum config_send_mode mode;
	struct duration grace;
	struct window window;
	bool weekends;
	int max_per_day;
	struct duration give_up;
};

struct config_thank_you {
	bool enabled;
	struct duration after;    /* after the interview ends */
	struct duration latest;   /* never later than this after the end */
	bool wait_for_notes;
	bool contact;             /* thank a contact who arranged it and did not interview */
};

struct config_reference_warning {
	bool enabled;
	struct duration after;
	enum config_refwarn_when when;
	struct duration cooldown; /* at most one warning per reference per cooldown */
};

struct config_status_nudge {
	bool enabled;
	struct duration after;
	int repeat;               /* further nudges after the first */
	struct duration every;
};

struct config_reflection {
	bool enabled;
	struct duration after;
	struct duration again;    /* 0 = no second reflection */
};

struct config_feedback_request {
	bool enabled;
	struct duration after;
};

struct config_reference {
	char *name;
	char *email;
	char *relationship;       /* "" if unset */
	char *highlight;          /* "" if unset */
};

/* The review digest: a mail to the user listing what waits for them. */
struct config_review {
	bool digest;              /* false: no digest, no approval by reply */
	struct duration digest_every; /* at most one digest per this for new mails */
};

struct config_detect {
	char **keywords;
	size_t nkeywords;
	char **ignore_senders;    /* addresses, or domains ("example.com") */
	size_t nignore_senders;
	struct duration lookback;
};

struct config {
	char *path;               /* the file as given to config_load() */
	char *dir;                /* its directory, absolute */
	char *provider;           /* preset name as written, NULL if unset */
	struct config_me me;
	struct config_imap imap;
	struct config_smtp smtp;
	char *state_dir;          /* absolute */
	char *templates_dir;      /* absolute */
	struct config_send send;
	struct config_thank_you thank_you;
	struct config_reference_warning reference_warning;
	struct config_status_nudge status_nudge;
	struct config_reflection reflection;
	struct config_feedback_request feedback_request;
	struct config_reference *references;
	size_t nreferences;
	struct config_detect detect;
	struct config_review review;
	/* Not errors, said by -n: lines like the errors' ("FILE:LINE:
	 * SETTING: ..."), e.g. an address still from the example config. */
	char **warnings;
	size_t nwarnings;
};

/* The messages of a failed load: v[0..n-1], each one line without "\n". */
struct config_errors {
	char **v;
	size_t n;
};

/*
 * The default config file: SYSCONFDIR/followupd/followupd.conf when
 * running as root, else $XDG_CONFIG_HOME/followupd/followupd.conf
 * (~/.config/...).  Static storage, computed once.
 */
const char *config_default_path(void);

/*
 * Read and check the file at path (NULL: config_default_path()).
 * Returns the config (free with config_free), or NULL with every problem
 * in *errors (at least one; clear with config_errors_clear).  errors
 * must be zeroed or cleared before the call.
 */
struct config *config_load(const char *path, struct config_errors *errors);

void config_free(struct config *cfg);
void config_errors_clear(struct config_errors *errors);

/*
 * The password (or OAuth2 token) of an account: the output of its
 * password_command (run now, through /bin/sh, killed with what it started
 * after password_command_timeout), or the password from the file.  Called
 * for every login, so a rotated password or a refreshed token is used at
 * the next one.  Returns 0 with *out set (free with free_secret), or -1
 * with *err set (free) to a one-line message naming the setting, e.g.
 * "imap.password_command timed out after 30s" or "smtp.password_command
 * exited with status 1 (stderr: FIRST LINE)".  The secret itself is never
 * part of a message.
 */
int config_password(const struct config *cfg, enum config_account_kind which,
		    char **out, char **err);

/* The account settings of imap or smtp. */
const struct config_account *config_account(const struct config *cfg,
					    enum config_account_kind which);

/*
 * Print the effective configuration in libconfig syntax (every setting,
 * defaults included, relative paths made absolute).  A password is never
 * printed: a comment says it is set.
 */
void config_dump(const struct config *cfg, FILE *out);

#endif
