/*
 * config: libconfig file -> struct config.  See config.h for the contract.
 *
 * How it works: one table (settings[]) names every setting, its kind, where
 * it lands in struct config and its limits.  The defaults are a libconfig
 * document (defaults_doc) walked with the same code as the user's file, so
 * a default goes through exactly the checks a user's value does.  Then:
 *   1. every name in the user's file must be in the table (unknown -> error),
 *   2. every value found is checked and stored (errors collected, the
 *      default stays in place so later checks still see a sane value),
 *   3. derived defaults, required settings and cross-field checks.
 * Errors are sorted by file and line and handed back together.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "parties.h"
#include "proc.h"
#include "tls.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR "/var"
#endif

/* The longest integer literal read back from a config line. */
#define LITERAL_MAX 64

/* The longest password or token a password_command may print. */
#define PASSWORD_MAX (64 * 1024)

/*
 * Every default that does not depend on the machine.  Parsed by
 * config_load() before the user's file, through the same checks.
 * etc/followupd.conf documents the same values.
 */
static const char defaults_doc[] =
	"me = { name = \"\"; signature = \"\"; employer_domains = []; };\n"
	"imap = { password_command = \"\"; password_command_timeout = \"30s\";\n"
	"  password = \"\"; auth = \"plain\";\n"
	"  folders = [\"INBOX\"]; sent_folder = \"\"; sent_copy = \"auto\"; watch_sent = true;\n"
	"  ca_file = \"\";\n"
	"  tls_fingerprint = \"\"; tls_cert_file = \"\"; idle = true;\n"
	"  poll_interval = \"5m\"; idle_refresh = \"10m\"; allow_insecure = false;\n"
	"  starttls = true; };\n"
	"smtp = { password_command = \"\"; password_command_timeout = \"30s\";\n"
	"  password = \"\"; auth = \"plain\";\n"
	"  ca_file = \"\"; tls_fingerprint = \"\"; tls_cert_file = \"\";\n"
	"  allow_insecure = false; starttls = true; };\n"
	"send = { mode = \"review\"; grace = \"30m\"; window = \"08:00-20:00\";\n"
	"  weekends = false; max_per_day = 20; give_up = \"3d\"; };\n"
	"thank_you = { enabled = true; after = \"2h\"; latest = \"24h\";\n"
	"  wait_for_notes = false; contact = true; };\n"
	"reference_warning = { enabled = true; after = \"1h\"; when = \"final\";\n"
	"  cooldown = \"7d\"; };\n"
	"status_nudge = { enabled = true; after = \"7bd\"; repeat = 1; every = \"5bd\"; };\n"
	"reflection = { enabled = true; after = \"1h\"; again = \"2d\"; };\n"
	"feedback_request = { enabled = true; after = \"1d\"; };\n"
	"detect = { keywords = [\"interview\", \"phone screen\"]; ignore_senders = [];\n"
	"  lookback = \"30d\"; };\n"
	"review = { digest = true; digest_every = \"1d\"; };\n";

/*
 * Provider presets: `provider = "NAME"` walks one of these documents after
 * the defaults and before the user's file, through the same checks, so every
 * value stays the user's to override.  Hosts and ports as the providers
 * document them (see followupd.conf(5), "Providers", for what was checked).
 * imap.sent_copy is what a provider does with submitted mail: "no" where it
 * always files its own copy in Sent (an APPEND would double it: Outlook.com,
 * Microsoft 365, Proton Mail Bridge), "auto" elsewhere (Gmail files its own
 * too, and auto knows it by X-GM-EXT-1; the others are found out by the
 * first sends).  sent_folder stays "" (the \Sent folder), so the Sent
 * lookup that settles an interrupted send keeps working in every mode.
 */
static const struct preset {
	const char *name;
	const char *doc;
} presets[] = {
	{ "gmail",
	  "imap = { url = \"imaps://imap.gmail.com:993\"; sent_copy = \"auto\"; };\n"
	  "smtp = { url = \"smtps://smtp.gmail.com:465\"; };\n" },
	{ "outlook",
	  "imap = { url = \"imaps://outlook.office365.com:993\"; auth = \"xoauth2\";\n"
	  "  sent_copy = \"no\"; };\n"
	  "smtp = { url = \"smtp://smtp-mail.outlook.com:587\"; auth = \"xoauth2\"; };\n" },
	{ "microsoft365",
	  "imap = { url = \"imaps://outlook.office365.com:993\"; auth = \"xoauth2\";\n"
	  "  sent_copy = \"no\"; };\n"
	  "smtp = { url = \"smtp://smtp.office365.com:587\"; auth = \"xoauth2\"; };\n" },
	{ "fastmail",
	  "imap = { url = \"imaps://imap.fastmail.com:993\"; sent_copy = \"auto\"; };\n"
	  "smtp = { url = \"smtps://smtp.fastmail.com:465\"; };\n" },
	{ "icloud",
	  "imap = { url = \"imaps://imap.mail.me.com:993\"; sent_copy = \"auto\"; };\n"
	  "smtp = { url = \"smtp://smtp.mail.me.com:587\"; };\n" },
	{ "yahoo",
	  "imap = { url = \"imaps://imap.mail.yahoo.com:993\"; sent_copy = \"auto\"; };\n"
	  "smtp = { url = \"smtps://smtp.mail.yahoo.com:465\"; };\n" },
	{ "proton-bridge",
	  "imap = { url = \"imap://127.0.0.1:1143\"; sent_copy = \"no\"; };\n"
	  "smtp = { url = \"smtp://127.0.0.1:1025\"; };\n" },
};

enum kind {
	K_GROUP,        /* a { } group of settings */
	K_ENTRIES,      /* the references list of groups */
	K_STRING,       /* one line of text */
	K_TEXT,         /* text that may hold newlines and tabs */
	K_OPTSTRING,    /* one line; "" = unset (NULL) */
	K_SECRET,       /* a password: "" = unset; file must be private */
	K_BOOL,
	K_INT,          /* int, range min..max */
	K_DURATION,     /* "2h"; at least min seconds */
	K_WINDOW,       /* "08:00-20:00" */
	K_ENUM,         /* one of words[] -> its index */
	K_STRLIST,      /* list of one-line strings */
	K_ADDRLIST,     /* list of mail addresses */
	K_SENDERLIST,   /* list of addresses or domains */
	K_DOMAINLIST,   /* list of domains */
	K_ADDRESS,      /* one mail address */
	K_ZONE,         /* IANA time zone; "" = the system's */
	K_URL,          /* server URL: words = {implicit TLS scheme, STARTTLS scheme} */
	K_PATH,         /* file or directory; "" = unset; relative to the file */
};

#define F_REQUIRED 0x01 /* must be in the user's file */
#define F_NONEMPTY 0x02 /* string or list must not be empty */
#define F_NO_BD    0x04 /* business days make no sense here */
#define F_DIR      0x08 /* path must be an existing directory */
#define F_FILE     0x10 /* path must be a readable file */
#define F_POSITIVE 0x20 /* duration must not be zero */

struct setting {
	const char *path;            /* dotted, as the user writes it */
	enum kind kind;
	size_t off;                  /* into struct config (or config_reference) */
	size_t count_off;            /* lists: the size_t element count */
	unsigned flags;
	long long min, max;          /* K_INT range; K_DURATION min, max seconds (0: none);
	                                K_URL default ports (implicit, STARTTLS) */
	const char *const *words;    /* K_ENUM values; K_URL schemes */
	const char *hint;            /* an example, for "missing" errors */
};

#define AT(f) offsetof(struct config, f)
#define RF(f) offsetof(struct config_reference, f)

static const char *const mode_words[] = { "review", "auto", NULL };
static const char *const auth_words[] = { "plain", "login", "xoauth2", "oauthbearer", NULL };
const char *
config_auth_name(enum config_auth auth)
{
	return (size_t)auth < sizeof(auth_words) / sizeof(auth_words[0]) - 1 ? auth_words[auth] : "plain";
}

bool
config_auth_is_oauth(enum config_auth auth)
{
	return auth == CONFIG_AUTH_XOAUTH2 || auth == CONFIG_AUTH_OAUTHBEARER;
}

static const char *const sent_copy_words[] = { "auto", "yes", "no", NULL };
static const char *const when_words[] = { "final", "always", "never", NULL };
static const char *const imap_schemes[] = { "imaps", "imap", NULL };
static const char *const smtp_schemes[] = { "smtps", "smtp", NULL };

static const struct setting settings[] = {
	{ "provider", K_OPTSTRING, AT(provider), 0, 0, 0, 0, NULL, NULL },

	{ "me", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "me.name", K_STRING, AT(me.name), 0, 0, 0, 0, NULL, NULL },
	{ "me.addresses", K_ADDRLIST, AT(me.addresses), AT(me.naddresses),
	  F_REQUIRED | F_NONEMPTY, 0, 0, NULL, "addresses = [\"jane.doe@example.net\"];" },
	{ "me.timezone", K_ZONE, AT(me.timezone), 0, 0, 0, 0, NULL, NULL },
	{ "me.signature", K_TEXT, AT(me.signature), 0, 0, 0, 0, NULL, NULL },
	{ "me.employer_domains", K_DOMAINLIST, AT(me.employer_domains), AT(me.nemployer_domains),
	  0, 0, 0, NULL, NULL },

	{ "imap", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "imap.url", K_URL, AT(imap.conn), 0, F_REQUIRED, 993, 143, imap_schemes,
	  "url = \"imaps://imap.example.net\";" },
	{ "imap.user", K_STRING, AT(imap.conn.user), 0, F_NONEMPTY, 0, 0, NULL, NULL },
	{ "imap.password_command", K_OPTSTRING, AT(imap.conn.password_command), 0, 0, 0, 0, NULL, NULL },
	{ "imap.password_command_timeout", K_DURATION, AT(imap.conn.password_command_timeout), 0, F_NO_BD, 1, 0, NULL, NULL },
	{ "imap.password", K_SECRET, AT(imap.conn.password), 0, 0, 0, 0, NULL, NULL },
	{ "imap.auth", K_ENUM, AT(imap.conn.auth), 0, 0, 0, 0, auth_words, NULL },
	{ "imap.folders", K_STRLIST, AT(imap.folders), AT(imap.nfolders), F_NONEMPTY, 0, 0, NULL, NULL },
	{ "imap.sent_folder", K_STRING, AT(imap.sent_folder), 0, 0, 0, 0, NULL, NULL },
	{ "imap.sent_copy", K_ENUM, AT(imap.sent_copy), 0, 0, 0, 0, sent_copy_words, NULL },
	{ "imap.watch_sent", K_BOOL, AT(imap.watch_sent), 0, 0, 0, 0, NULL, NULL },
	{ "imap.ca_file", K_PATH, AT(imap.conn.ca_file), 0, F_FILE, 0, 0, NULL, NULL },
	{ "imap.tls_fingerprint", K_OPTSTRING, AT(imap.conn.tls_fingerprint), 0, 0, 0, 0, NULL, NULL },
	{ "imap.tls_cert_file", K_PATH, AT(imap.conn.tls_cert_file), 0, F_FILE, 0, 0, NULL, NULL },
	{ "imap.idle", K_BOOL, AT(imap.idle), 0, 0, 0, 0, NULL, NULL },
	{ "imap.poll_interval", K_DURATION, AT(imap.poll_interval), 0, F_NO_BD, 30, 0, NULL, NULL },
	/* RFC 2177: a server may drop a client idle for 30 minutes. */
	{ "imap.idle_refresh", K_DURATION, AT(imap.idle_refresh), 0, F_NO_BD, 5, 29 * 60, NULL, NULL },
	{ "imap.allow_insecure", K_BOOL, AT(imap.conn.allow_insecure), 0, 0, 0, 0, NULL, NULL },
	{ "imap.starttls", K_BOOL, AT(imap.conn.starttls), 0, 0, 0, 0, NULL, NULL },

	{ "smtp", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "smtp.url", K_URL, AT(smtp.conn), 0, F_REQUIRED, 465, 587, smtp_schemes,
	  "url = \"smtps://smtp.example.net\";" },
	{ "smtp.user", K_STRING, AT(smtp.conn.user), 0, F_NONEMPTY, 0, 0, NULL, NULL },
	{ "smtp.password_command", K_OPTSTRING, AT(smtp.conn.password_command), 0, 0, 0, 0, NULL, NULL },
	{ "smtp.password_command_timeout", K_DURATION, AT(smtp.conn.password_command_timeout), 0, F_NO_BD, 1, 0, NULL, NULL },
	{ "smtp.password", K_SECRET, AT(smtp.conn.password), 0, 0, 0, 0, NULL, NULL },
	{ "smtp.auth", K_ENUM, AT(smtp.conn.auth), 0, 0, 0, 0, auth_words, NULL },
	{ "smtp.ca_file", K_PATH, AT(smtp.conn.ca_file), 0, F_FILE, 0, 0, NULL, NULL },
	{ "smtp.tls_fingerprint", K_OPTSTRING, AT(smtp.conn.tls_fingerprint), 0, 0, 0, 0, NULL, NULL },
	{ "smtp.tls_cert_file", K_PATH, AT(smtp.conn.tls_cert_file), 0, F_FILE, 0, 0, NULL, NULL },
	{ "smtp.allow_insecure", K_BOOL, AT(smtp.conn.allow_insecure), 0, 0, 0, 0, NULL, NULL },
	{ "smtp.starttls", K_BOOL, AT(smtp.conn.starttls), 0, 0, 0, 0, NULL, NULL },

	{ "state_dir", K_PATH, AT(state_dir), 0, 0, 0, 0, NULL, NULL },
	{ "templates_dir", K_PATH, AT(templates_dir), 0, F_DIR, 0, 0, NULL, NULL },

	{ "send", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "send.mode", K_ENUM, AT(send.mode), 0, 0, 0, 0, mode_words, NULL },
	{ "send.grace", K_DURATION, AT(send.grace), 0, 0, 0, 0, NULL, NULL },
	{ "send.window", K_WINDOW, AT(send.window), 0, 0, 0, 0, NULL, NULL },
	{ "send.weekends", K_BOOL, AT(send.weekends), 0, 0, 0, 0, NULL, NULL },
	{ "send.max_per_day", K_INT, AT(send.max_per_day), 0, 0, 1, 10000, NULL, NULL },
	{ "send.give_up", K_DURATION, AT(send.give_up), 0, F_POSITIVE, 0, 0, NULL, NULL },

	{ "thank_you", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "thank_you.enabled", K_BOOL, AT(thank_you.enabled), 0, 0, 0, 0, NULL, NULL },
	{ "thank_you.after", K_DURATION, AT(thank_you.after), 0, 0, 0, 0, NULL, NULL },
	{ "thank_you.latest", K_DURATION, AT(thank_you.latest), 0, F_POSITIVE, 0, 0, NULL, NULL },
	{ "thank_you.wait_for_notes", K_BOOL, AT(thank_you.wait_for_notes), 0, 0, 0, 0, NULL, NULL },
	{ "thank_you.contact", K_BOOL, AT(thank_you.contact), 0, 0, 0, 0, NULL, NULL },

	{ "reference_warning", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "reference_warning.enabled", K_BOOL, AT(reference_warning.enabled), 0, 0, 0, 0, NULL, NULL },
	{ "reference_warning.after", K_DURATION, AT(reference_warning.after), 0, 0, 0, 0, NULL, NULL },
	{ "reference_warning.when", K_ENUM, AT(reference_warning.when), 0, 0, 0, 0, when_words, NULL },
	{ "reference_warning.cooldown", K_DURATION, AT(reference_warning.cooldown), 0, 0, 0, 0, NULL, NULL },

	{ "status_nudge", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "status_nudge.enabled", K_BOOL, AT(status_nudge.enabled), 0, 0, 0, 0, NULL, NULL },
	{ "status_nudge.after", K_DURATION, AT(status_nudge.after), 0, F_POSITIVE, 0, 0, NULL, NULL },
	{ "status_nudge.repeat", K_INT, AT(status_nudge.repeat), 0, 0, 0, 10, NULL, NULL },
	{ "status_nudge.every", K_DURATION, AT(status_nudge.every), 0, 0, 0, 0, NULL, NULL },

	{ "reflection", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "reflection.enabled", K_BOOL, AT(reflection.enabled), 0, 0, 0, 0, NULL, NULL },
	{ "reflection.after", K_DURATION, AT(reflection.after), 0, 0, 0, 0, NULL, NULL },
	{ "reflection.again", K_DURATION, AT(reflection.again), 0, 0, 0, 0, NULL, NULL },

	{ "feedback_request", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "feedback_request.enabled", K_BOOL, AT(feedback_request.enabled), 0, 0, 0, 0, NULL, NULL },
	{ "feedback_request.after", K_DURATION, AT(feedback_request.after), 0, 0, 0, 0, NULL, NULL },

	{ "references", K_ENTRIES, AT(references), AT(nreferences), 0, 0, 0, NULL, NULL },

	{ "detect", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "detect.keywords", K_STRLIST, AT(detect.keywords), AT(detect.nkeywords), 0, 0, 0, NULL, NULL },
	{ "detect.ignore_senders", K_SENDERLIST, AT(detect.ignore_senders), AT(detect.nignore_senders), 0, 0, 0, NULL, NULL },
	{ "detect.lookback", K_DURATION, AT(detect.lookback), 0, F_POSITIVE, 0, 0, NULL, NULL },

	{ "review", K_GROUP, 0, 0, 0, 0, 0, NULL, NULL },
	{ "review.digest", K_BOOL, AT(review.digest), 0, 0, 0, 0, NULL, NULL },
	{ "review.digest_every", K_DURATION, AT(review.digest_every), 0, F_POSITIVE | F_NO_BD, 0, 0, NULL, NULL },
};

/* The settings of one references entry. */
static const struct setting reference_settings[] = {
	{ "name", K_STRING, RF(name), 0, F_REQUIRED | F_NONEMPTY, 0, 0, NULL,
	  "name = \"Bob Smith\";" },
	{ "email", K_ADDRESS, RF(email), 0, F_REQUIRED, 0, 0, NULL,
	  "email = \"bob@example.org\";" },
	{ "relationship", K_STRING, RF(relationship), 0, 0, 0, 0, NULL, NULL },
	{ "highlight", K_STRING, RF(highlight), 0, 0, 0, 0, NULL, NULL },
};

struct error {
	char *file;     /* NULL: the main file */
	int line;       /* 0: none */
	char *msg;      /* the whole line */
};

struct ctx {
	const char *path;        /* as given */
	char *shown_dir;         /* dirname(path) as given: names included files */
	char *abs_dir;           /* realpath of that directory */
	config_t *lc;            /* the document being walked */
	config_t *user;          /* the user's document (NULL while on defaults) */
	bool on_defaults;
	const char *on_preset;   /* the provider being walked, or NULL */
	struct config *cfg;
	struct error *errs;
	size_t nerrs;
};

#define FIELD(base, off, type) ((type *)(void *)((char *)(base) + (off)))

/* ---- errors ---- */

/* The file a setting came from, as the user would name it. */
static char *
setting_file(const struct ctx *c, const config_setting_t *cs)
{
	const char *f = cs ? config_setting_source_file(cs) : NULL;

	if (c->on_preset)
		return xasprintf("(provider %s)", c->on_preset);
	if (c->on_defaults)
		return xstrdup("(built-in defaults)");
	if (f == NULL || strcmp(f, c->path) == 0)
		return xstrdup(c->path);
	if (f[0] == '/' || strcmp(c->shown_dir, ".") == 0)
		return xstrdup(f);
	return xasprintf("%s/%s", c->shown_dir, f);
}

static void
add_error(struct ctx *c, char *file, int line, char *msg)
{
	c->errs = xreallocarray(c->errs, c->nerrs + 1, sizeof(*c->errs));
	c->errs[c->nerrs].file = file;
	c->errs[c->nerrs].line = line;
	c->errs[c->nerrs].msg = msg;
	c->nerrs++;
}

/* "FILE:LINE: SETTING: what" at setting cs (NULL: no line); setting may be NULL. */
static void errorf(struct ctx *c, const config_setting_t *cs, const char *setting,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void
errorf(struct ctx *c, const config_setting_t *cs, const char *setting,
	    const char *fmt, ...)
{
	va_list ap;
	char *what, *file, *msg;
	int line = cs ? (int)config_setting_source_line(cs) : 0;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	file = setting_file(c, cs);
	if (line > 0 && setting)
		msg = xasprintf("%s:%d: %s: %s", file, line, setting, what);
	else if (line > 0)
		msg = xasprintf("%s:%d: %s", file, line, what);
	else if (setting)
		msg = xasprintf("%s: %s: %s", file, setting, what);
	else
		msg = xasprintf("%s: %s", file, what);
	free(what);
	add_error(c, file, line, msg);
}

/* A warning, in the same form as errorf's messages, kept in cfg->warnings. */
static void warnf(struct ctx *c, const config_setting_t *cs, const char *setting,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void
warnf(struct ctx *c, const config_setting_t *cs, const char *setting,
	    const char *fmt, ...)
{
	va_list ap;
	char *what, *file;
	int line = cs ? (int)config_setting_source_line(cs) : 0;
	struct config *cfg = c->cfg;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	file = setting_file(c, cs);
	cfg->warnings = xreallocarray(cfg->warnings, cfg->nwarnings + 1, sizeof(*cfg->warnings));
	cfg->warnings[cfg->nwarnings++] = line > 0 ? xasprintf("%s:%d: %s: %s", file, line, setting, what)
					  : xasprintf("%s: %s: %s", file, setting, what);
	free(what);
	free(file);
}

/* Sort by file (the main file first) then line; lineless ones last. */
static int
error_before(const struct ctx *c, const struct error *a, const struct error *b)
{
	bool am = strcmp(a->file, c->path) == 0, bm = strcmp(b->file, c->path) == 0;
	int r;

	if ((a->line == 0) != (b->line == 0))
		return b->line == 0;
	if (am != bm)
		return am;
	r = strcmp(a->file, b->file);
	if (r != 0)
		return r < 0;
	return a->line < b->line;
}

static void
errors_hand_over(struct ctx *c, struct config_errors *out)
{
	/* Insertion sort: stable, and a broken file has few errors. */
	for (size_t i = 1; i < c->nerrs; i++) {
		struct error e = c->errs[i];
		size_t j = i;
		while (j > 0 && error_before(c, &e, &c->errs[j - 1])) {
			c->errs[j] = c->errs[j - 1];
			j--;
		}
		c->errs[j] = e;
	}
	out->v = xreallocarray(out->v, out->n + c->nerrs, sizeof(*out->v));
	for (size_t i = 0; i < c->nerrs; i++) {
		out->v[out->n++] = c->errs[i].msg;
		free(c->errs[i].file);
	}
	free(c->errs);
	c->errs = NULL;
	c->nerrs = 0;
}

void
config_errors_clear(struct config_errors *errors)
{
	if (errors == NULL)
		return;
	for (size_t i = 0; i < errors->n; i++)
		free(errors->v[i]);
	free(errors->v);
	errors->v = NULL;
	errors->n = 0;
}

/* ---- small checks ---- */

static const char *
type_name(const config_setting_t *cs)
{
	switch (config_setting_type(cs)) {
	case CONFIG_TYPE_GROUP:  return "a group { ... }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:  return "an integer";
	case CONFIG_TYPE_FLOAT:  return "a decimal number";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL:   return "a boolean";
	case CONFIG_TYPE_ARRAY:  return "an array [ ... ]";
	case CONFIG_TYPE_LIST:   return "a list ( ... )";
	default:                 return "nothing";
	}
}

static const char *
expected_name(enum kind k)
{
	switch (k) {
	case K_GROUP:      return "a group { ... }";
	case K_ENTRIES:    return "a list of groups ( { ... }, { ... } )";
	case K_BOOL:       return "true or false";
	case K_INT:        return "an integer";
	case K_DURATION:   return "a duration in quotes like \"2h\"";
	case K_WINDOW:     return "a window in quotes like \"08:00-20:00\"";
	case K_STRLIST:
	case K_ADDRLIST:
	case K_SENDERLIST:
	case K_DOMAINLIST: return "a list of strings [\"...\", \"...\"]";
	default:           return "a string";
	}
}

/* NULL if s is valid UTF-8 without control characters (newlines and tabs
 * too when multiline), else what is wrong. */
static const char *
text_problem(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);
	size_t n;

	while (*p) {
		if (*p < 0x20 || *p == 0x7f) {
			if (multiline && (*p == '\n' || *p == '\t')) {
				p++;
				continue;
			}
			return multiline ? "must not contain control characters"
					 : "must be one line without control characters";
		}
		if ((n = utf8_seq(p, (size_t)(e - p))) == 0)
			return "is not valid UTF-8";
		p += n;
	}
	return NULL;
}

/* "a", "a or b", "a, b or c" with quotes. */
static char *
words_list(const char *const *w)
{
	struct buf b = { 0 };
	size_t n = 0;

	while (w[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, i == n - 1 ? " or " : ", ");
		buf_addf(&b, "\"%s\"", w[i]);
	}
	return buf_steal(&b);
}

static void
free_strlist(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* p made absolute against the config file's directory ("~" and "~/..."
 * against $HOME), with "." and empty components dropped ("./x" ->
 * "DIR/x", "." -> "DIR"). */
static char *home_dir(void);

static char *
resolve_path(const struct ctx *c, const char *p)
{
	struct buf b = { 0 };
	char *whole, *save = NULL;

	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		char *home = home_dir();

		whole = xasprintf("%s/%s", home, p + 1);
		free(home);
	} else
		whole = p[0] == '/' ? xstrdup(p) : xasprintf("%s/%s", c->abs_dir, p);

	for (char *part = strtok_r(whole, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		buf_addc(&b, '/');
		buf_adds(&b, part);
	}
	if (b.len == 0)
		buf_addc(&b, '/');
	free(whole);
	return buf_steal(&b);
}

static bool
duration_zero(const struct duration *d)
{
	return d->seconds == 0 && d->business_days == 0;
}

/* For comparisons only: a business day counts as one day. */
static long long
duration_approx(const struct duration *d)
{
	return d->business_days > 0 ? (long long)d->business_days * 86400 : (long long)d->seconds;
}

static const char *
fmt_duration(const struct duration *d, char *buf, size_t len)
{
	return when_format_duration(d, buf, len);
}

/*
 * libconfig 1.5 silently wraps integers that do not fit in 32 bits unless
 * they carry an L suffix.  Read the literal back from the source line and
 * parse it ourselves, so "max_per_day = 5000000000" is an error and not
 * 705032704.  Returns false when the literal cannot be found (the caller
 * then trusts libconfig's value); *text gets the literal as written.
 */
static bool
int_literal(const struct ctx *c, const config_setting_t *cs,
	    long long *value, bool *overflow, char *text, size_t textlen)
{
	char *file = NULL, *data = NULL;
	size_t len;
	int line = (int)config_setting_source_line(cs);
	const char *name = config_setting_name(cs);
	const char *p, *end;
	bool found = false;

	if (name == NULL || line <= 0 || c->on_defaults)
		return false;
	file = setting_file(c, cs);
	if (read_file(file, 1 << 20, &data, &len) < 0)
		goto out;
	p = data;
	for (int i = 1; i < line && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (p == NULL)
		goto out;
	end = strchr(p, '\n');
	if (end == NULL)
		end = p + strlen(p);
	/* Find "name" as a word followed by = or :. */
	for (const char *q = p; q < end; q++) {
		size_t nl = strlen(name);
		const char *v;
		char lit[LITERAL_MAX];
		size_t ll = 0;
		int base = 10;
		char *stop;

		if (strncmp(q, name, nl) != 0 || (q > p && (q[-1] == '_' || (q[-1] >= 'a' && q[-1] <= 'z') ||
		    (q[-1] >= 'A' && q[-1] <= 'Z') || (q[-1] >= '0' && q[-1] <= '9'))))
			continue;
		v = q + nl;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= end || (*v != '=' && *v != ':'))
			continue;
		v++;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (v + ll < end && ll < sizeof(lit) - 1 && v[ll] != '\0' &&
		       strchr("+-0123456789abcdefABCDEFxXL", v[ll]) != NULL)
			ll++;
		memcpy(lit, v, ll);
		lit[ll] = '\0';
		snprintf(text, textlen, "%s", lit);
		while (ll > 0 && lit[ll - 1] == 'L')
			lit[--ll] = '\0';
		if (ll == 0)
			break;
		{
			const char *digits = lit + (lit[0] == '-' || lit[0] == '+');
			if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
				base = 16;
		}
		errno = 0;
		*value = strtoll(lit, &stop, base);
		if (*stop != '\0')
			break;
		*overflow = errno == ERANGE;
		found = true;
		break;
	}
out:
	free_secret(data);   /* the file may hold a password */
	free(file);
	return found;
}

/* ---- storing one value ---- */

static bool
want_type(struct ctx *c, const config_setting_t *cs, const char *path,
	    enum kind k, int t1, int t2)
{
	int t = config_setting_type(cs);

	if (t == t1 || t == t2)
		return true;
	errorf(c, cs, path, "expected %s, got %s", expected_name(k), type_name(cs));
	return false;
}

static void
set_string(void *base, const struct setting *s, char *v)
{
	char **f = FIELD(base, s->off, char *);

	if (s->kind == K_SECRET)
		free_secret(*f);
	else
		free(*f);
	*f = v;
}

/* The TLS mode the scheme before sep names: s->words[0] speaks TLS from
 * the first byte, s->words[1] STARTTLS.  False after an error. */
static bool
url_scheme(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, const char *v, const char *sep,
	    enum config_tls *tls)
{
	char *scheme = xstrndup(v, (size_t)(sep - v));
	bool ok = true;

	str_lower(scheme);
	if (strcmp(scheme, s->words[0]) == 0) {
		*tls = CONFIG_TLS_IMPLICIT;
	} else if (strcmp(scheme, s->words[1]) == 0) {
		*tls = CONFIG_TLS_STARTTLS;
	} else {
		errorf(c, cs, path, "unsupported scheme \"%s\" in \"%s\" (expected %s:// or %s:// for STARTTLS)",
		       scheme, v, s->words[0], s->words[1]);
		ok = false;
	}
	free(scheme);
	return ok;
}

/* The host at h (a name, or an IPv6 literal in brackets), with *rest
 * after it; NULL after an error. */
static char *
url_host(struct ctx *c, const config_setting_t *cs, const char *path,
	    const char *v, const char *h, const char **rest)
{
	const char *hend;
	char *host;

	if (strchr(h, '@') != NULL) {
		errorf(c, cs, path, "put the user name in %.4s.user, not in the URL", path);
		return NULL;
	}
	if (*h == '[') {
		hend = strchr(h, ']');
		if (hend == NULL) {
			errorf(c, cs, path, "unclosed [ in \"%s\"", v);
			return NULL;
		}
		host = xstrndup(h + 1, (size_t)(hend - h - 1));
		*rest = hend + 1;
		for (const char *p = host; *p; p++)
			if (!strchr("0123456789abcdefABCDEF:.", *p)) {
				errorf(c, cs, path, "bad IPv6 address in \"%s\"", v);
				goto bad;
			}
	} else {
		hend = h + strcspn(h, ":/");
		host = xstrndup(h, (size_t)(hend - h));
		*rest = hend;
		if (!parties_domain_valid(host)) {
			errorf(c, cs, path, "bad host name in \"%s\"", v);
			goto bad;
		}
	}
	if (host[0] == '\0') {
		errorf(c, cs, path, "no host name in \"%s\"", v);
		goto bad;
	}
	return host;
bad:
	free(host);
	return NULL;
}

/* The optional ":PORT" and "/" after the host: *port stays 0 when there
 * is no port.  False after an error. */
static bool
url_port(struct ctx *c, const config_setting_t *cs, const char *path,
	    const char *v, const char *rest, long *port)
{
	if (*rest == ':') {
		char *stop;
		rest++;
		errno = 0;
		*port = strtol(rest, &stop, 10);
		if (stop == rest || errno != 0 || *port < 1 || *port > 65535 ||
		    (*stop != '\0' && *stop != '/')) {
			errorf(c, cs, path, "bad port in \"%s\" (expected 1 to 65535)", v);
			return false;
		}
		rest = stop;
	}
	if (*rest == '/')
		rest++;
	if (*rest != '\0') {
		errorf(c, cs, path, "a path after the host is not supported: \"%s\"", v);
		return false;
	}
	return true;
}

/* True (after an error) when port is the well-known port of the other
 * scheme: the two ends would not understand each other (TLS hello against
 * a plain-text greeting).  s->min is the implicit-TLS port, s->max the
 * STARTTLS one; bracketed tells whether the host was an IPv6 literal. */
static bool
url_port_mismatch(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, const char *host, bool bracketed,
	    enum config_tls tls, long port)
{
	char *hp;

	if (!(tls == CONFIG_TLS_IMPLICIT && port == s->max) &&
	    !(tls == CONFIG_TLS_STARTTLS && port == s->min))
		return false;
	hp = bracketed ? xasprintf("[%s]", host) : xstrdup(host);
	if (tls == CONFIG_TLS_IMPLICIT)
		errorf(c, cs, path, "port %ld is the STARTTLS port, but %s:// speaks TLS from "
		       "the first byte; use \"%s://%s:%ld\" (STARTTLS) or \"%s://%s\" (port %lld)",
		       port, s->words[0], s->words[1], hp, port, s->words[0], hp, s->min);
	else
		errorf(c, cs, path, "port %ld expects TLS from the first byte, but %s:// starts in "
		       "plain text (STARTTLS); use \"%s://%s:%ld\" or \"%s://%s\" (STARTTLS, port %lld)",
		       port, s->words[1], s->words[0], hp, port, s->words[1], hp, s->max);
	free(hp);
	return true;
}

static void
store_url(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	struct config_account *a = FIELD(base, s->off, struct config_account);
	const char *sep = strstr(v, "://");
	const char *h, *rest = NULL;
	char *host;
	long port = 0;
	enum config_tls tls;

	if (sep == NULL) {
		errorf(c, cs, path, "expected a URL like \"%s://%s.example.net\", got \"%s\"",
		       s->words[0], s->words[0][0] == 'i' ? "imap" : "smtp", v);
		return;
	}
	if (!url_scheme(c, cs, path, s, v, sep, &tls))
		return;
	h = sep + 3;
	if ((host = url_host(c, cs, path, v, h, &rest)) == NULL)
		return;
	if (!url_port(c, cs, path, v, rest, &port) ||
	    url_port_mismatch(c, cs, path, s, host, *h == '[', tls, port)) {
		free(host);
		return;
	}
	free(a->url);
	free(a->host);
	a->url = xstrdup(v);
	a->host = host;
	a->port = port ? (int)port : (int)(tls == CONFIG_TLS_IMPLICIT ? s->min : s->max);
	a->tls = tls;
}

static void
store_secret(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	struct stat st;
	char *file;

	if (v[0] == '\0') {
		set_string(base, s, NULL);
		return;
	}
	if (!c->on_defaults) {
		file = setting_file(c, cs);
		/* Like msmtp: a password is only as secret as the file. */
		if (stat(file, &st) < 0) {
			errorf(c, cs, path, "cannot check the permissions of %s: %s", file, strerror(errno));
			free(file);
			return;
		}
		free(file);
		if (st.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH)) {
			wipe((char *)(uintptr_t)v, strlen(v));
			errorf(c, cs, path, "this file contains a password but is %s by others; "
			       "chmod 600 it or use password_command",
			       (st.st_mode & (S_IRGRP | S_IROTH)) ? "readable" : "writable");
			return;
		}
	}
	set_string(base, s, xstrdup(v));
	/* libconfig frees its copy without wiping it. */
	wipe((char *)(uintptr_t)v, strlen(v));
}

static void
store_list(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base)
{
	int n;
	char **v;
	size_t nv = 0;
	bool bad = false;

	if (!want_type(c, cs, path, s->kind, CONFIG_TYPE_ARRAY, CONFIG_TYPE_LIST))
		return;
	n = config_setting_length(cs);
	v = xcalloc((size_t)n + 1, sizeof(*v));
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(cs, (unsigned)i);
		char *ep = xasprintf("%s[%d]", path, i + 1);
		const char *str, *why;

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			errorf(c, e, ep, "expected a string, got %s", type_name(e));
			bad = true;
		} else if ((str = config_setting_get_string(e)), (why = text_problem(str, false)) != NULL) {
			errorf(c, e, ep, "%s", why);
			bad = true;
		} else if (str[0] == '\0') {
			errorf(c, e, ep, "must not be empty");
			bad = true;
		} else if (s->kind == K_ADDRLIST && (why = parties_address_problem(str)) != NULL) {
			errorf(c, e, ep, "\"%s\" is not a mail address: %s (expected name@domain)",
			       str, why);
			bad = true;
		} else if (s->kind == K_SENDERLIST &&
			   !(strchr(str, '@') ? parties_address_valid(str[0] == '@' ? str + 1 : str) ||
			     (str[0] == '@' && parties_domain_valid(str + 1)) :
			     parties_domain_valid(str))) {
			errorf(c, e, ep, "\"%s\" is neither a mail address nor a domain", str);
			bad = true;
		} else if (s->kind == K_DOMAINLIST && !parties_domain_valid(str)) {
			errorf(c, e, ep, "\"%s\" is not a domain (expected example.com)", str);
			bad = true;
		} else {
			for (size_t j = 0; j < nv; j++)
				if (strcasecmp(v[j], str) == 0) {
					errorf(c, e, ep, "\"%s\" is listed twice", str);
					bad = true;
				}
			v[nv++] = xstrdup(str);
		}
		free(ep);
	}
	if (!bad && nv == 0 && (s->flags & F_NONEMPTY)) {
		errorf(c, cs, path, "must not be empty");
		bad = true;
	}
	if (bad) {
		free_strlist(v, nv);
		return;
	}
	free_strlist(*FIELD(base, s->off, char **), *FIELD(base, s->count_off, size_t));
	*FIELD(base, s->off, char **) = v;
	*FIELD(base, s->count_off, size_t) = nv;
}

/* An integer setting.  libconfig wraps a literal too large for 32 bits;
 * the literal is read back from the file to say what was written. */
static void
store_int(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base)
{
	long long n = config_setting_get_int64(cs);
	bool overflow = false;
	char lit[LITERAL_MAX];
	long long src = 0;
	char text[LITERAL_MAX];

	if (!want_type(c, cs, path, s->kind, CONFIG_TYPE_INT, CONFIG_TYPE_INT64))
		return;
	snprintf(lit, sizeof(lit), "%lld", n);
	/* Take the literal only if libconfig's value is the literal wrapped
	 * to 32 bits (or it did not fit at all): then we surely read the
	 * right literal back. */
	if (int_literal(c, cs, &src, &overflow, text, sizeof(text)) &&
	    (overflow || src == n || (int32_t)(uint32_t)(unsigned long long)src == (int32_t)n)) {
		n = src;
		snprintf(lit, sizeof(lit), "%s", text);
	} else {
		overflow = false;
	}
	if (overflow || n < s->min || n > s->max) {
		errorf(c, cs, path, "%s is out of range (%lld to %lld)", lit, s->min, s->max);
		return;
	}
	*FIELD(base, s->off, int) = (int)n;
}

static void
store_duration(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	struct duration d;
	const char *why;
	char buf[64];

	if (when_parse_duration(v, &d, &why) < 0) {
		errorf(c, cs, path, "bad duration \"%s\": %s", v, why);
		return;
	}
	if ((s->flags & F_NO_BD) && d.business_days > 0) {
		errorf(c, cs, path, "business days make no sense here; use s, m, h, d or w");
		return;
	}
	if ((s->flags & F_POSITIVE) && duration_zero(&d)) {
		errorf(c, cs, path, "must be longer than 0");
		return;
	}
	if (s->min > 0 && d.business_days == 0 && d.seconds < s->min) {
		struct duration m = { .seconds = s->min };
		errorf(c, cs, path, "\"%s\" is too short (at least %s)", v,
		       fmt_duration(&m, buf, sizeof(buf)));
		return;
	}
	if (s->max > 0 && (d.business_days > 0 || d.seconds > s->max)) {
		struct duration m = { .seconds = s->max };
		errorf(c, cs, path, "\"%s\" is too long (at most %s)", v,
		       fmt_duration(&m, buf, sizeof(buf)));
		return;
	}
	*FIELD(base, s->off, struct duration) = d;
}

static void
store_window(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	struct window w;
	const char *why;

	if (when_parse_window(v, &w, &why) < 0) {
		if (str_has_prefix(why, "expected"))
			errorf(c, cs, path, "%s, got \"%s\"", why, v);
		else
			errorf(c, cs, path, "bad window \"%s\": %s (expected HH:MM-HH:MM)", v, why);
		return;
	}
	*FIELD(base, s->off, struct window) = w;
}

static void
store_enum(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	int i;

	for (i = 0; s->words[i]; i++)
		if (strcasecmp(v, s->words[i]) == 0)
			break;
	if (s->words[i] == NULL) {
		char *w = words_list(s->words);
		errorf(c, cs, path, "expected %s, got \"%s\"", w, v);
		free(w);
		return;
	}
	*FIELD(base, s->off, int) = i;
}

/* A file or directory setting, relative to the config file's directory;
 * F_DIR and F_FILE say what must exist there. */
static void
store_path(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base, const char *v)
{
	struct stat st;
	char *p;

	if (v[0] == '\0') {
		set_string(base, s, NULL);
		return;
	}
	p = resolve_path(c, v);
	if ((s->flags & (F_DIR | F_FILE)) && stat(p, &st) < 0 && errno == ENOENT) {
		errorf(c, cs, path, "%s does not exist", p);
		goto bad;
	}
	if ((s->flags & F_DIR) && (stat(p, &st) < 0 || !S_ISDIR(st.st_mode))) {
		errorf(c, cs, path, "%s is not a directory", p);
		goto bad;
	}
	if ((s->flags & F_FILE) && (access(p, R_OK) < 0 || stat(p, &st) < 0)) {
		errorf(c, cs, path, "cannot read %s: %s", p, strerror(errno));
		goto bad;
	}
	if ((s->flags & F_FILE) && !S_ISREG(st.st_mode)) {
		errorf(c, cs, path, "%s is not a file", p);
		goto bad;
	}
	set_string(base, s, p);
	return;
bad:
	free(p);
}

/* Every kind of setting written as a string: the checks all strings share,
 * then the kind's own. */
static void
store_string(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base)
{
	const char *v, *why;

	if (!want_type(c, cs, path, s->kind, CONFIG_TYPE_STRING, CONFIG_TYPE_STRING))
		return;
	v = config_setting_get_string(cs);
	if ((why = text_problem(v, s->kind == K_TEXT)) != NULL) {
		errorf(c, cs, path, "%s", why);
		return;
	}
	if ((s->flags & F_NONEMPTY) && v[0] == '\0') {
		errorf(c, cs, path, "must not be empty");
		return;
	}

	switch (s->kind) {
	case K_STRING:
	case K_TEXT:
		set_string(base, s, xstrdup(v));
		break;
	case K_OPTSTRING:
		set_string(base, s, v[0] ? xstrdup(v) : NULL);
		break;
	case K_SECRET:
		store_secret(c, cs, path, s, base, v);
		break;
	case K_DURATION:
		store_duration(c, cs, path, s, base, v);
		break;
	case K_WINDOW:
		store_window(c, cs, path, s, base, v);
		break;
	case K_ENUM:
		store_enum(c, cs, path, s, base, v);
		break;
	case K_ADDRESS:
		if ((why = parties_address_problem(v)) != NULL) {
			errorf(c, cs, path, "\"%s\" is not a mail address: %s (expected name@domain)",
			       v, why);
			break;
		}
		set_string(base, s, xstrdup(v));
		break;
	case K_ZONE:
		if (v[0] != '\0' && !when_zone_valid(v)) {
			errorf(c, cs, path, "unknown time zone \"%s\" (expected a tz database name like \"Europe/London\")", v);
			break;
		}
		set_string(base, s, v[0] ? xstrdup(v) : NULL);
		break;
	case K_URL:
		store_url(c, cs, path, s, base, v);
		break;
	case K_PATH:
		store_path(c, cs, path, s, base, v);
		break;
	default:
		break;
	}
}

/* Check and store the value cs of setting s into base. */
static void
store(struct ctx *c, const config_setting_t *cs, const char *path,
	    const struct setting *s, void *base)
{
	switch (s->kind) {
	case K_GROUP:
	case K_ENTRIES:
		return;
	case K_BOOL:
		if (want_type(c, cs, path, s->kind, CONFIG_TYPE_BOOL, CONFIG_TYPE_BOOL))
			*FIELD(base, s->off, bool) = config_setting_get_bool(cs) != 0;
		return;
	case K_INT:
		store_int(c, cs, path, s, base);
		return;
	case K_STRLIST:
	case K_ADDRLIST:
	case K_SENDERLIST:
	case K_DOMAINLIST:
		store_list(c, cs, path, s, base);
		return;
	default:
		store_string(c, cs, path, s, base);
		return;
	}
}

/* ---- walking the document ---- */

static const struct setting *
find_setting(const struct setting *tab, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tab[i].path, path) == 0)
			return &tab[i];
	return NULL;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(size_t) * (lb + 1));
	}
	return prev[lb];
}

/* The closest sibling of an unknown name, for "did you mean". */
static const char *
suggest(const struct setting *tab, size_t n, const char *prefix, const char *name)
{
	size_t plen = strlen(prefix), best = 3;
	const char *hit = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *p = tab[i].path, *leaf;
		if (plen > 0 && (strncmp(p, prefix, plen) != 0 || p[plen] != '.'))
			continue;
		leaf = plen > 0 ? p + plen + 1 : p;
		if (strchr(leaf, '.') != NULL)
			continue;
		size_t d = edit_distance(leaf, name);
		if (d < best) {
			best = d;
			hit = leaf;
		}
	}
	return hit;
}

static void walk_entries(struct ctx *c, const config_setting_t *list, const char *path);

/* Report unknown names and wrong containers under group g (prefix "" = root). */
static void
walk_names(struct ctx *c, const config_setting_t *g, const char *prefix)
{
	int n = config_setting_length(g);

	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(m);
		char *path = prefix[0] ? xasprintf("%s.%s", prefix, name) : xstrdup(name);
		const struct setting *s = find_setting(settings, ARRAY_LEN(settings), path);

		if (s == NULL) {
			const char *hint = suggest(settings, ARRAY_LEN(settings), prefix, name);
			if (hint)
				errorf(c, m, path, "unknown setting (did you mean \"%s\"?)", hint);
			else
				errorf(c, m, path, "unknown setting");
		} else if (s->kind == K_GROUP) {
			if (want_type(c, m, path, K_GROUP, CONFIG_TYPE_GROUP, CONFIG_TYPE_GROUP))
				walk_names(c, m, path);
		} else if (s->kind == K_ENTRIES) {
			walk_entries(c, m, path);
		}
		free(path);
	}
}

static void
free_reference(struct config_reference *r)
{
	free(r->name);
	free(r->email);
	free(r->relationship);
	free(r->highlight);
}

/* The references list: check every entry's names and values, store all. */
static void
walk_entries(struct ctx *c, const config_setting_t *list, const char *path)
{
	struct config *cfg = c->cfg;
	struct config_reference *refs;
	size_t nrefs = 0;
	int n;
	bool bad = false;

	/* An empty [] is an empty array; groups only live in ( ) lists. */
	if (config_setting_type(list) == CONFIG_TYPE_ARRAY && config_setting_length(list) == 0)
		n = 0;
	else if (!want_type(c, list, path, K_ENTRIES, CONFIG_TYPE_LIST, CONFIG_TYPE_LIST))
		return;
	else
		n = config_setting_length(list);

	refs = xcalloc((size_t)n + 1, sizeof(*refs));
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		char *ep = xasprintf("%s[%d]", path, i + 1);
		struct config_reference *r = &refs[nrefs++];
		size_t before = c->nerrs;

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			errorf(c, e, ep, "expected a group { name = \"...\"; email = \"...\"; }, got %s",
			       type_name(e));
			free(ep);
			bad = true;
			continue;
		}
		for (int j = 0; j < config_setting_length(e); j++) {
			const config_setting_t *m = config_setting_get_elem(e, (unsigned)j);
			const char *name = config_setting_name(m);
			char *mp = xasprintf("%s.%s", ep, name);
			const struct setting *s = find_setting(reference_settings,
							       ARRAY_LEN(reference_settings), name);
			if (s == NULL) {
				const char *hint = suggest(reference_settings,
							   ARRAY_LEN(reference_settings), "", name);
				if (hint)
					errorf(c, m, mp, "unknown setting (did you mean \"%s\"?)", hint);
				else
					errorf(c, m, mp, "unknown setting");
			} else {
				store(c, m, mp, s, r);
			}
			free(mp);
		}
		for (size_t j = 0; j < ARRAY_LEN(reference_settings); j++) {
			const struct setting *s = &reference_settings[j];
			char **f = FIELD(r, s->off, char *);
			if ((s->flags & F_REQUIRED) &&
			    config_setting_get_member(e, s->path) == NULL) {
				char *mp = xasprintf("%s.%s", ep, s->path);
				errorf(c, e, mp, "required setting is missing; e.g. %s", s->hint);
				free(mp);
			} else if (*f == NULL) {
				*f = xstrdup("");
			}
		}
		if (c->nerrs != before)
			bad = true;
		free(ep);
	}
	if (bad || nrefs == 0) {
		for (size_t i = 0; i < nrefs; i++)
			free_reference(&refs[i]);
		free(refs);
		refs = NULL;
		nrefs = 0;
		if (bad)
			return;
	}
	for (size_t i = 0; i < cfg->nreferences; i++)
		free_reference(&cfg->references[i]);
	free(cfg->references);
	cfg->references = refs;
	cfg->nreferences = nrefs;
}

/* Store every value of the document c->lc that the table knows. */
static void
walk_values(struct ctx *c)
{
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		const config_setting_t *cs;

		if (s->kind == K_GROUP || s->kind == K_ENTRIES)
			continue;
		cs = config_lookup(c->lc, s->path);
		if (cs != NULL)
			store(c, cs, s->path, s, c->cfg);
	}
}

/* ---- after parsing: derived defaults and cross-field checks ---- */

/* The user's setting at path, else its nearest group in the file. */
static const config_setting_t *
user_at(const struct ctx *c, const char *path)
{
	char *p = xstrdup(path);
	const config_setting_t *cs = NULL;

	for (;;) {
		cs = config_lookup(c->user, p);
		if (cs != NULL)
			break;
		char *dot = strrchr(p, '.');
		if (dot == NULL)
			break;
		*dot = '\0';
	}
	free(p);
	return cs;
}

static bool
user_has(const struct ctx *c, const char *path)
{
	return config_lookup(c->user, path) != NULL;
}

/* $HOME (else the password file's), without a trailing "/": "" for "/". */
static char *
home_dir(void)
{
	const char *home = getenv("HOME");

	if (home == NULL || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	return xstrdup(strcmp(home, "/") == 0 ? "" : home);
}

static char *
xdg_dir(const char *env, const char *fallback)
{
	const char *v = getenv(env);
	char *home, *d;

	if (v != NULL && v[0] == '/')
		return xstrdup(v);
	home = home_dir();
	d = xasprintf("%s/%s", home, fallback);
	free(home);
	return d;
}

const char *
config_default_path(void)
{
	static char *path;

	if (path == NULL) {
		if (geteuid() == 0) {
			path = xstrdup(SYSCONFDIR "/followupd/followupd.conf");
		} else {
			char *d = xdg_dir("XDG_CONFIG_HOME", ".config");
			path = xasprintf("%s/followupd/followupd.conf", d);
			free(d);
		}
	}
	return path;
}

/* The machine's zone name, for me.timezone's default. */
static char *
system_zone(void)
{
	const char *tz = getenv("TZ"), *z;
	char link[PATH_MAX], *data = NULL;
	ssize_t n;
	size_t len;

	if (tz != NULL && tz[0] != '\0') {
		if (tz[0] == ':')
			tz++;
		if ((z = strstr(tz, "zoneinfo/")) != NULL)
			tz = z + 9;
		if (when_zone_valid(tz))
			return xstrdup(tz);
	}
	n = readlink("/etc/localtime", link, sizeof(link) - 1);
	if (n > 0) {
		link[n] = '\0';
		if ((z = strstr(link, "zoneinfo/")) != NULL && when_zone_valid(z + 9))
			return xstrdup(z + 9);
	}
	if (read_file("/etc/timezone", 256, &data, &len) == 0) {
		str_trim(data);
		if (data[0] != '\0' && when_zone_valid(data))
			return data;
		free(data);
	}
	return xstrdup("UTC");
}

static void
derive_defaults(struct ctx *c)
{
	struct config *cfg = c->cfg;
	char abs_path[PATH_MAX];
	bool system;

	if (cfg->me.timezone == NULL)
		cfg->me.timezone = system_zone();
	if (cfg->imap.conn.user == NULL && cfg->me.naddresses > 0)
		cfg->imap.conn.user = xstrdup(cfg->me.addresses[0]);
	if (cfg->smtp.conn.user == NULL && cfg->imap.conn.user != NULL)
		cfg->smtp.conn.user = xstrdup(cfg->imap.conn.user);
	if (cfg->smtp.conn.password_command == NULL && cfg->smtp.conn.password == NULL) {
		if (cfg->imap.conn.password_command)
			cfg->smtp.conn.password_command = xstrdup(cfg->imap.conn.password_command);
		if (cfg->imap.conn.password)
			cfg->smtp.conn.password = xstrdup(cfg->imap.conn.password);
		/* The same command: the same patience, unless smtp says. */
		if (!user_has(c, "smtp.password_command_timeout"))
			cfg->smtp.conn.password_command_timeout =
			    cfg->imap.conn.password_command_timeout;
	}

	snprintf(abs_path, sizeof(abs_path), "%s/", c->abs_dir);
	system = geteuid() == 0 || str_has_prefix(abs_path, SYSCONFDIR "/");
	if (cfg->state_dir == NULL) {
		if (system) {
			cfg->state_dir = xstrdup(LOCALSTATEDIR "/lib/followupd");
		} else {
			char *d = xdg_dir("XDG_STATE_HOME", ".local/state");
			cfg->state_dir = xasprintf("%s/followupd", d);
			free(d);
		}
	}
	if (cfg->templates_dir == NULL) {
		if (system) {
			cfg->templates_dir = xstrdup(SYSCONFDIR "/followupd/templates");
		} else {
			char *d = xdg_dir("XDG_CONFIG_HOME", ".config");
			cfg->templates_dir = xasprintf("%s/followupd/templates", d);
			free(d);
		}
	}
}

static void
check_required(struct ctx *c)
{
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		if (s->kind == K_URL && c->cfg->provider != NULL)
			continue;       /* the preset gave it */
		if ((s->flags & F_REQUIRED) && !user_has(c, s->path))
			errorf(c, user_at(c, s->path), s->path,
			       "required setting is missing; e.g. %s", s->hint);
	}
}

static void
check_account(struct ctx *c, const char *name, struct config_account *a,
	    bool have_imap_password)
{
	char p_cmd[32], p_pw[32], p_tls[32], p_ins[32], p_auth[32], p_fp[32];
	unsigned char fp[TLS_FINGERPRINT_LEN];

	snprintf(p_cmd, sizeof(p_cmd), "%s.password_command", name);
	snprintf(p_pw, sizeof(p_pw), "%s.password", name);
	snprintf(p_tls, sizeof(p_tls), "%s.starttls", name);
	snprintf(p_ins, sizeof(p_ins), "%s.allow_insecure", name);
	snprintf(p_auth, sizeof(p_auth), "%s.auth", name);
	snprintf(p_fp, sizeof(p_fp), "%s.tls_fingerprint", name);

	if (a->tls_fingerprint && tls_parse_fingerprint(a->tls_fingerprint, fp) < 0)
		errorf(c, user_at(c, p_fp), p_fp,
		       "\"%s\" is not a SHA-256 fingerprint; e.g. \"sha256:AB:CD:...\" "
		       "(64 hex digits, colons optional)", a->tls_fingerprint);

	if (a->password_command && a->password && user_has(c, p_pw))
		errorf(c, user_at(c, p_pw), p_pw, "set either %s or %s, not both", p_pw, p_cmd);
	else if (a->password_command == NULL && a->password == NULL && !user_has(c, p_pw) &&
		 !(a == &c->cfg->smtp.conn && !have_imap_password))
		/* smtp falls back to imap's: say it once, for imap. */
		errorf(c, user_at(c, p_cmd), p_cmd,
		       "no password given; set %s (or %s in a file only you can read)", p_cmd, p_pw);
	if (config_auth_is_oauth(a->auth) && a->password_command == NULL && a->password != NULL)
		errorf(c, user_at(c, p_auth), p_auth,
		       "%s takes its token from %s, not from %s",
		       config_auth_name(a->auth), p_cmd, p_pw);

	if (a->url == NULL)
		return;
	if (a->tls == CONFIG_TLS_IMPLICIT && !a->starttls) {
		errorf(c, user_at(c, p_tls), p_tls,
		       "false only applies to %s:// URLs; %s is TLS from the start",
		       name, a->url);
	} else if (a->tls == CONFIG_TLS_STARTTLS && !a->starttls) {
		if (a->allow_insecure)
			a->tls = CONFIG_TLS_NONE;
		else
			errorf(c, user_at(c, p_tls), p_tls,
			       "false turns TLS off and sends the password in clear; set %s = true "
			       "if the server really has no TLS", p_ins);
	}
	if (a->tls == CONFIG_TLS_NONE && (a->tls_fingerprint || a->tls_cert_file)) {
		const char *p_pin = a->tls_fingerprint ? p_fp : p_tls;

		errorf(c, user_at(c, p_pin), p_pin,
		       "a pinned certificate needs TLS, and %s.starttls = false turns it off", name);
	}
}

/* The addresses and names of the shipped example config. */
static bool
looks_like_example(const char *v)
{
	static const char *const names[] = { "Bob Smith", "Jane Doe" };
	static const char *const domains[] = { "example.org", "example.com", "example.net" };
	const char *at = strrchr(v, '@');

	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcasecmp(v, names[i]) == 0)
			return true;
	if (at == NULL)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(domains); i++) {
		size_t n = strlen(at + 1), d = strlen(domains[i]);

		if (strcasecmp(at + 1, domains[i]) == 0 ||
		    (n > d && at[n - d] == '.' && strcasecmp(at + 1 + n - d, domains[i]) == 0))
			return true;
	}
	return false;
}

/* Warnings (-n prints them): values still copied from the example. */
static void
check_examples(struct ctx *c)
{
	const struct config *cfg = c->cfg;
	const config_setting_t *list = config_lookup(c->user, "references");
	char path[64];

	if (cfg->me.name && looks_like_example(cfg->me.name))
		warnf(c, user_at(c, "me.name"), "me.name",
		      "looks like the example (%s): your mails would be signed with it", cfg->me.name);
	for (size_t i = 0; i < cfg->me.naddresses; i++)
		if (looks_like_example(cfg->me.addresses[i])) {
			const config_setting_t *l = config_lookup(c->user, "me.addresses");
			const config_setting_t *e = l ? config_setting_get_elem(l, (unsigned)i) : NULL;

			snprintf(path, sizeof(path), "me.addresses[%zu]", i + 1);
			warnf(c, e ? e : user_at(c, "me.addresses"), path,
			      "looks like the example (%s): mail would go out from it, and replies to it",
			      cfg->me.addresses[i]);
		}
	for (size_t i = 0; i < cfg->nreferences; i++) {
		const struct config_reference *r = &cfg->references[i];
		const config_setting_t *e = list ? config_setting_get_elem(list, (unsigned)i) : NULL;

		if (!looks_like_example(r->email) && !looks_like_example(r->name))
			continue;
		snprintf(path, sizeof(path), "references[%zu]", i + 1);
		warnf(c, e, path, "looks like the example (%s): it would be mailed for real",
		      looks_like_example(r->email) ? r->email : r->name);
	}
}

static void
check_cross(struct ctx *c)
{
	struct config *cfg = c->cfg;
	char b1[64], b2[64];

	bool imap_pw = cfg->imap.conn.password_command != NULL || cfg->imap.conn.password != NULL;

	check_account(c, "imap", &cfg->imap.conn, imap_pw);
	check_account(c, "smtp", &cfg->smtp.conn, imap_pw);

	if (duration_approx(&cfg->thank_you.after) > duration_approx(&cfg->thank_you.latest))
		errorf(c, user_at(c, user_has(c, "thank_you.after") ? "thank_you.after" : "thank_you.latest"),
		       "thank_you.after", "%s is later than thank_you.latest (%s)",
		       fmt_duration(&cfg->thank_you.after, b1, sizeof(b1)),
		       fmt_duration(&cfg->thank_you.latest, b2, sizeof(b2)));
	if (cfg->status_nudge.repeat > 0 && duration_zero(&cfg->status_nudge.every))
		errorf(c, user_at(c, "status_nudge.every"), "status_nudge.every",
		       "must be longer than 0 when status_nudge.repeat is %d", cfg->status_nudge.repeat);
	if (!duration_zero(&cfg->reflection.again) &&
	    duration_approx(&cfg->reflection.again) <= duration_approx(&cfg->reflection.after))
		errorf(c, user_at(c, user_has(c, "reflection.again") ? "reflection.again" : "reflection.after"),
		       "reflection.again", "%s must be later than reflection.after (%s), or \"0\" for no second reflection",
		       fmt_duration(&cfg->reflection.again, b1, sizeof(b1)),
		       fmt_duration(&cfg->reflection.after, b2, sizeof(b2)));

	/* IMAP SEARCH SINCE takes a date: anything but whole days would be
	 * rounded to a whole day without saying so. */
	if (cfg->detect.lookback.business_days == 0 && cfg->detect.lookback.seconds % 86400 != 0)
		errorf(c, user_at(c, "detect.lookback"), "detect.lookback",
		       "\"%s\" is not a whole number of days: the mailbox is searched by date "
		       "(IMAP SINCE), so write days or weeks, e.g. \"1d\"",
		       fmt_duration(&cfg->detect.lookback, b1, sizeof(b1)));
	check_examples(c);

	/* References: one entry per person, and never the user. */
	for (size_t i = 0; i < cfg->nreferences; i++) {
		char path[64];
		const config_setting_t *list = config_lookup(c->user, "references");
		const config_setting_t *e = list ? config_setting_get_elem(list, (unsigned)i) : NULL;
		const config_setting_t *at = e ? config_setting_get_member(e, "email") : NULL;

		snprintf(path, sizeof(path), "references[%zu].email", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(cfg->references[i].email, cfg->references[j].email) == 0)
				errorf(c, at, path, "\"%s\" is already references[%zu]",
				       cfg->references[i].email, j + 1);
		if (parties_is_mine(cfg->references[i].email,
		    (const char *const *)cfg->me.addresses, cfg->me.naddresses))
			errorf(c, at, path, "\"%s\" is one of your own addresses (me.addresses)",
			       cfg->references[i].email);
	}
}

/* ---- provider presets ---- */

static void parse_error(struct ctx *c, config_t *lc);

static const struct preset *
find_preset(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(presets); i++)
		if (strcasecmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

/* The user's `provider`: walk its preset before the user's values.
 * Returns -1 when the preset document itself is broken (a bug). */
static int
apply_preset(struct ctx *c)
{
	const config_setting_t *cs = config_lookup(c->user, "provider");
	const struct preset *p;
	config_t doc;
	const char *v;
	int rc = 0;

	if (cs == NULL || config_setting_type(cs) != CONFIG_TYPE_STRING)
		return 0;       /* absent, or walk_values will say the type */
	v = config_setting_get_string(cs);
	if (v[0] == '\0' || text_problem(v, false) != NULL)
		return 0;       /* walk_values says what is wrong with it */
	if ((p = find_preset(v)) == NULL) {
		const char *names[ARRAY_LEN(presets) + 1];
		char *w;

		for (size_t i = 0; i < ARRAY_LEN(presets); i++)
			names[i] = presets[i].name;
		names[ARRAY_LEN(presets)] = NULL;
		w = words_list(names);
		errorf(c, cs, "provider", "unknown provider \"%s\" (expected %s, or set imap.url "
		       "and smtp.url yourself)", v, w);
		free(w);
		return 0;
	}
	config_init(&doc);
	c->on_defaults = true;
	c->on_preset = p->name;
	if (!config_read_string(&doc, p->doc)) {
		parse_error(c, &doc);
		rc = -1;
	} else {
		c->lc = &doc;
		walk_values(c);
	}
	c->on_defaults = false;
	c->on_preset = NULL;
	config_destroy(&doc);
	return rc;
}

/* Which URLs (and a sent_copy other than the default) the preset gave, the
 * user not writing their own, for -n. */
static void
mark_preset_urls(struct ctx *c)
{
	struct config *cfg = c->cfg;

	if (cfg->provider == NULL || find_preset(cfg->provider) == NULL)
		return;
	cfg->imap.conn.url_from_provider = !user_has(c, "imap.url");
	cfg->smtp.conn.url_from_provider = !user_has(c, "smtp.url");
	cfg->imap.sent_copy_from_provider = !user_has(c, "imap.sent_copy") &&
	    cfg->imap.sent_copy == CONFIG_SENT_COPY_NO;
}

/* ---- load and free ---- */

/* In a line libconfig could not parse, a setting given an unquoted
 * duration ("after = 2h;"): returns its hint, or NULL. */
static char *
duration_hint(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t n, v, e;
		char *val, *hint = NULL;
		struct duration d;
		const char *err;

		if (line[i] != '=' && line[i] != ':')
			continue;
		for (n = i; n > 0 && line[n - 1] == ' '; n--)
			;
		e = n;
		while (n > 0 && (isalnum((unsigned char)line[n - 1]) || line[n - 1] == '_' || line[n - 1] == '-'))
			n--;
		for (v = i + 1; v < len && (line[v] == ' ' || line[v] == '\t'); v++)
			;
		if (n == e || v >= len || !isdigit((unsigned char)line[v]))
			continue;
		size_t ve = v + strcspn(line + v, ";,}\n");
		if (ve > len)
			ve = len;
		while (ve > v && (line[ve - 1] == ' ' || line[ve - 1] == '\t'))
			ve--;
		val = xstrndup(line + v, ve - v);
		if (strspn(val, "0123456789") < strlen(val) && when_parse_duration(val, &d, &err) == 0)
			hint = xasprintf("durations are strings: write %.*s = \"%s\"", (int)(e - n), line + n, val);
		free(val);
		if (hint)
			return hint;
	}
	return NULL;
}

/* libconfig's parse error, with the name of a missing @include. */
static void
parse_error(struct ctx *c, config_t *lc)
{
	const char *ef = config_error_file(lc), *text = config_error_text(lc);
	int line = config_error_line(lc);
	char *file, *data = NULL;
	size_t len;

	if (ef == NULL || strcmp(ef, c->path) == 0)
		file = xstrdup(c->path);
	else if (ef[0] == '/' || strcmp(c->shown_dir, ".") == 0)
		file = xstrdup(ef);
	else
		file = xasprintf("%s/%s", c->shown_dir, ef);

	if (text && strcmp(text, "cannot open include file") == 0 &&
	    read_file(file, 1 << 20, &data, &len) == 0) {
		/* Find the @include line to name the file and say why. */
		const char *p = data, *q, *e;
		for (int i = 1; i < line && p; i++)
			if ((p = strchr(p, '\n')) != NULL)
				p++;
		if (p && (q = strstr(p, "@include")) != NULL && (q = strchr(q, '"')) != NULL &&
		    (e = strchr(q + 1, '"')) != NULL && memchr(p, '\n', (size_t)(e - p)) == NULL) {
			char *name = xstrndup(q + 1, (size_t)(e - q - 1));
			char *full = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", c->abs_dir, name);
			struct stat st;
			const char *why = stat(full, &st) < 0 ? strerror(errno) : "permission denied";
			if (access(full, R_OK) < 0 && errno != ENOENT)
				why = strerror(errno);
			add_error(c, file, line, xasprintf("%s:%d: cannot open include file \"%s\": %s",
							   file, line, name, why));
			free(name);
			free(full);
			free(data);
			return;
		}
	}
	if (text && strcmp(text, "syntax error") == 0 && line > 0 &&
	    read_file(file, 1 << 20, &data, &len) == 0) {
		const char *p = data, *e;
		char *hint;

		for (int i = 1; i < line && p; i++)
			if ((p = memchr(p, '\n', len - (size_t)(p - data))) != NULL)
				p++;
		if (p) {
			e = memchr(p, '\n', len - (size_t)(p - data));
			hint = duration_hint(p, e ? (size_t)(e - p) : len - (size_t)(p - data));
			if (hint) {
				add_error(c, file, line, xasprintf("%s:%d: %s: %s", file, line, text, hint));
				free(hint);
				free(data);
				return;
			}
		}
	}
	free(data);
	add_error(c, file, line, line > 0 ? xasprintf("%s:%d: %s", file, line, text ? text : "parse error")
			     : xasprintf("%s: %s", file, text ? text : "cannot read"));
}

struct config *
config_load(const char *path, struct config_errors *errors)
{
	struct ctx c;
	config_t defaults, user;
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	const char *slash;
	char real[PATH_MAX];
	FILE *f;

	memset(&c, 0, sizeof(c));
	if (path == NULL)
		path = config_default_path();
	c.path = path;
	c.cfg = cfg;
	cfg->path = xstrdup(path);
	slash = strrchr(path, '/');
	c.shown_dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/")
		    : xstrndup(path, (size_t)(slash - path));
	if (realpath(c.shown_dir, real) == NULL)
		snprintf(real, sizeof(real), "%s", c.shown_dir);
	c.abs_dir = xstrdup(real);
	cfg->dir = xstrdup(real);

	config_init(&defaults);
	config_init(&user);

	/* 1. the defaults, through the same checks as the user's values */
	c.on_defaults = true;
	if (!config_read_string(&defaults, defaults_doc)) {
		parse_error(&c, &defaults);
		goto out;
	}
	c.lc = &defaults;
	walk_values(&c);
	c.on_defaults = false;

	/* 2. the user's file */
	if ((f = fopen(path, "r")) == NULL) {
		errorf(&c, NULL, NULL, "cannot read the config file: %s", strerror(errno));
		goto out;
	}
	fclose(f);
	/* @include names are relative to the file, not to our cwd. */
	config_set_include_dir(&user, c.abs_dir);
	if (!config_read_file(&user, path)) {
		parse_error(&c, &user);
		goto out;
	}
	c.lc = &user;
	c.user = &user;
	walk_names(&c, config_root_setting(&user), "");
	if (apply_preset(&c) < 0)
		goto out;
	c.lc = &user;
	walk_values(&c);
	mark_preset_urls(&c);

	/* 3. derived defaults, required settings, cross-field checks */
	derive_defaults(&c);
	check_required(&c);
	check_cross(&c);
out:
	config_destroy(&defaults);
	config_destroy(&user);
	free(c.shown_dir);
	free(c.abs_dir);
	if (c.nerrs > 0) {
		errors_hand_over(&c, errors);
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

static void
account_free(struct config_account *a)
{
	free(a->url);
	free(a->host);
	free(a->user);
	free(a->password_command);
	free_secret(a->password);
	free(a->ca_file);
	free(a->tls_fingerprint);
	free(a->tls_cert_file);
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->dir);
	free(cfg->provider);
	free(cfg->me.name);
	free_strlist(cfg->me.addresses, cfg->me.naddresses);
	free_strlist(cfg->me.employer_domains, cfg->me.nemployer_domains);
	free(cfg->me.timezone);
	free(cfg->me.signature);
	account_free(&cfg->imap.conn);
	free_strlist(cfg->imap.folders, cfg->imap.nfolders);
	free(cfg->imap.sent_folder);
	account_free(&cfg->smtp.conn);
	free(cfg->state_dir);
	free(cfg->templates_dir);
	for (size_t i = 0; i < cfg->nreferences; i++)
		free_reference(&cfg->references[i]);
	free(cfg->references);
	free_strlist(cfg->detect.keywords, cfg->detect.nkeywords);
	free_strlist(cfg->detect.ignore_senders, cfg->detect.nignore_senders);
	free_strlist(cfg->warnings, cfg->nwarnings);
	free(cfg);
}

/* ---- use ---- */

const struct config_account *
config_account(const struct config *cfg,
	    enum config_account_kind which)
{
	return which == CONFIG_SMTP ? &cfg->smtp.conn : &cfg->imap.conn;
}

int
config_password(const struct config *cfg, enum config_account_kind which,
	    char **out, char **err)
{
	const struct config_account *a = config_account(cfg, which);
	const char *name = which == CONFIG_SMTP ? "smtp" : "imap";
	char *o = NULL, *e = NULL;

	*out = NULL;
	*err = NULL;
	if (a->password_command != NULL) {
		int64_t t = a->password_command_timeout.seconds;

		if (run_command_output(a->password_command, PASSWORD_MAX,
		    t <= 0 ? 0 : t > INT_MAX ? INT_MAX : (int)t, &o, &e) < 0) {
			*err = xasprintf("%s.password_command %s", name, e ? e : "failed");
			free(e);
			return -1;
		}
		if (o[0] == '\0') {
			free_secret(o);
			*err = xasprintf("%s.password_command printed nothing", name);
			return -1;
		}
		*out = o;
		return 0;
	}
	if (a->password != NULL) {
		*out = xstrdup(a->password);
		return 0;
	}
	*err = xasprintf("%s: no password_command or password configured", name);
	return -1;
}

/* ---- dump ---- */

static void
dump_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		default:   fputc(*p, out); break;
		}
	}
	fputc('"', out);
}

static void
dump_list(FILE *out, char **v, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", out);
		dump_string(out, v[i]);
	}
	fputc(']', out);
}

static void
dump_value(FILE *out, const struct setting *s, const void *base_c)
{
	void *base = (void *)(uintptr_t)base_c;
	char buf[64];

	switch (s->kind) {
	case K_STRING: case K_TEXT: case K_OPTSTRING: case K_ZONE:
	case K_ADDRESS: case K_PATH:
		dump_string(out, *FIELD(base, s->off, char *));
		break;
	case K_SECRET:   /* never printed: see config_dump() */
		break;
	case K_BOOL:
		fputs(*FIELD(base, s->off, bool) ? "true" : "false", out);
		break;
	case K_INT:
		fprintf(out, "%d", *FIELD(base, s->off, int));
		break;
	case K_DURATION:
		dump_string(out, when_format_duration(FIELD(base, s->off, struct duration), buf, sizeof(buf)));
		break;
	case K_WINDOW:
		dump_string(out, when_format_window(FIELD(base, s->off, struct window), buf, sizeof(buf)));
		break;
	case K_ENUM:
		dump_string(out, s->words[*FIELD(base, s->off, int)]);
		break;
	case K_STRLIST: case K_ADDRLIST: case K_SENDERLIST: case K_DOMAINLIST:
		dump_list(out, *FIELD(base, s->off, char **), *FIELD(base, s->count_off, size_t));
		break;
	case K_URL:
		dump_string(out, FIELD(base, s->off, struct config_account)->url);
		break;
	default:
		break;
	}
}

void
config_dump(const struct config *cfg, FILE *out)
{
	const char *group = NULL;

	fprintf(out, "# effective configuration of %s\n", cfg->path);
	for (size_t i = 0; i < ARRAY_LEN(settings); i++) {
		const struct setting *s = &settings[i];
		const char *dot = strchr(s->path, '.');

		if (group && (dot == NULL || strncmp(s->path, group, strlen(group)) != 0 ||
			      s->path[strlen(group)] != '.')) {
			fputs("};\n", out);
			group = NULL;
		}
		if (s->kind == K_GROUP) {
			fprintf(out, "%s = {\n", s->path);
			group = s->path;
			continue;
		}
		if (s->kind == K_ENTRIES) {
			fputs("references = (", out);
			for (size_t j = 0; j < cfg->nreferences; j++) {
				fputs(j ? ",\n  { " : "\n  { ", out);
				for (size_t k = 0; k < ARRAY_LEN(reference_settings); k++) {
					fprintf(out, "%s = ", reference_settings[k].path);
					dump_value(out, &reference_settings[k], &cfg->references[j]);
					fputs("; ", out);
				}
				fputc('}', out);
			}
			fputs(cfg->nreferences ? "\n);\n" : ");\n", out);
			continue;
		}
		if (s->kind == K_SECRET) {
			/* A dump must not leak it, nor load back a fake one. */
			if (*FIELD((void *)(uintptr_t)cfg, s->off, char *) != NULL)
				fprintf(out, "%s# %s is set (not shown)\n", group ? "  " : "",
					dot && group ? dot + 1 : s->path);
			continue;
		}
		fprintf(out, "%s%s = ", group ? "  " : "", dot && group ? dot + 1 : s->path);
		dump_value(out, s, cfg);
		fputs(";\n", out);
	}
	if (group)
		fputs("};\n", out);
}
