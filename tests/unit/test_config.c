/*
 * Unit tests for config: every broken file under tests/conf gets exactly
 * the messages in its .err file (shared with tests/integration/config-errors.sh), the
 * defaults of a minimal file field by field, every value of a full file,
 * the password rules, @include, the example config, and config_dump.
 */
#include "autoconfig.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "util.h"
#include "when.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR "/var"
#endif

static char *conf_dir;   /* $top_srcdir/tests/conf, absolute */
static char *top_dir;    /* $top_srcdir, absolute */
static char *tmp_dir;    /* $TMPDIR/test_config.XXXXXX */

static int
setup_all(void **state)
{
	const char *top = getenv("top_srcdir");
	char real[PATH_MAX];

	if (top == NULL || top[0] == '\0')
		top = ".";
	if (realpath(top, real) == NULL) {
		fprintf(stderr, "top_srcdir %s: %s\n", top, strerror(errno));
		return -1;
	}
	top_dir = xstrdup(real);
	conf_dir = xasprintf("%s/tests/conf", top_dir);
	tmp_dir = xasprintf("%s/test_config.XXXXXX",
	    getenv("TMPDIR") && getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmp_dir) == NULL)
		return -1;
	{
		/* "~" in paths is $HOME: a HOME of our own with a CA file
		 * (tests/conf/good-tilde.conf, bad-paths.conf). */
		char *home = xasprintf("%s/home", tmp_dir);
		char *cmd = xasprintf("cp '%s/ca.pem' '%s/ca.pem'", conf_dir, home);

		if (mkdir(home, 0700) == -1 || system(cmd) != 0)
			return -1;
		setenv("HOME", home, 1);
		free(cmd);
		free(home);
	}
	return 0;
}

static int
teardown_all(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp_dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp_dir);
	free(cmd);
	free(tmp_dir);
	free(conf_dir);
	free(top_dir);
	return 0;
}

/* Write content to tmp_dir/name with mode; returns the path (free). */
static char *
write_tmp(const char *name, mode_t mode, const char *content)
{
	char *path = xasprintf("%s/%s", tmp_dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(content, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static char *
join_errors(const struct config_errors *e)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < e->n; i++) {
		buf_adds(&b, e->v[i]);
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

/* Replace every @FILE@ in text by path, and @DIR@ by its directory
 * (as tests/integration/config-errors.sh does). */
static char *
substitute(const char *text, const char *path)
{
	struct buf b = { 0 };
	const char *p = text;
	const char *slash = strrchr(path, '/');
	char *dirname = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char real[PATH_MAX];
	/* @DIR@: included files are named as given; @REALDIR@: a relative
	 * path in a setting is shown resolved against the real directory. */
	const char *const names[] = { "@FILE@", "@DIR@", "@REALDIR@" };
	const char *values[3];

	values[0] = path;
	values[1] = dirname;
	values[2] = realpath(dirname, real) != NULL ? real : dirname;
	for (;;) {
		const char *first = NULL;
		size_t which = 0;

		for (size_t i = 0; i < 3; i++) {
			const char *at = strstr(p, names[i]);

			if (at != NULL && (first == NULL || at < first)) {
				first = at;
				which = i;
			}
		}
		if (first == NULL)
			break;
		buf_add(&b, p, (size_t)(first - p));
		buf_adds(&b, values[which]);
		p = first + strlen(names[which]);
	}
	buf_adds(&b, p);
	free(dirname);
	return buf_steal(&b);
}

/* Load path, expect failure, return all messages joined (free). */
static char *
load_fails(const char *path)
{
	struct config_errors e = { 0 };
	struct config *cfg = config_load(path, &e);
	char *all;

	if (cfg != NULL) {
		config_free(cfg);
		fail_msg("%s loaded without errors", path);
	}
	assert_true(e.n > 0);
	all = join_errors(&e);
	config_errors_clear(&e);
	return all;
}

static struct config *
load_ok(const char *path)
{
	struct config_errors e = { 0 };
	struct config *cfg = config_load(path, &e);

	if (cfg == NULL) {
		char *all = join_errors(&e);
		print_error("%s", all);
		free(all);
		config_errors_clear(&e);
		fail_msg("%s did not load", path);
	}
	assert_int_equal(e.n, 0);
	return cfg;
}

/* Every tests/conf/bad-*.conf against its .err. */
static void
test_bad_files(void **state)
{
	DIR *d = opendir(conf_dir);
	struct dirent *de;
	int checked = 0, failed = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char *path, *errpath, *expected_raw = NULL, *expected, *got;
		char *modepath, *modetext = NULL;
		size_t len;

		if (!str_has_prefix(de->d_name, "bad-") || !str_has_suffix(de->d_name, ".conf"))
			continue;
		path = xasprintf("%s/%s", conf_dir, de->d_name);
		errpath = xasprintf("%.*s.err", (int)(strlen(path) - 5), path);
		if (read_file(errpath, 1 << 20, &expected_raw, &len) < 0)
			fail_msg("%s: %s", errpath, strerror(errno));

		/* A case that depends on the file mode (a readable password)
		 * has NAME.mode: test a copy with that mode, since a checkout
		 * follows the umask. */
		modepath = xasprintf("%.*s.mode", (int)(strlen(path) - 5), path);
		if (read_file(modepath, 64, &modetext, &len) == 0) {
			char *text = NULL;
			long mode = strtol(modetext, NULL, 8);
			assert_true(mode > 0 && mode <= 0777);
			assert_int_equal(read_file(path, 1 << 20, &text, &len), 0);
			free(path);
			path = write_tmp(de->d_name, (mode_t)mode, text);
			free(text);
			free(modetext);
			modetext = NULL;
		}
		free(modepath);

		expected = substitute(expected_raw, path);
		{
			/* @HOME@: the HOME setup_all made. */
			char *at;

			while ((at = strstr(expected, "@HOME@")) != NULL) {
				char *e = xasprintf("%.*s%s%s", (int)(at - expected), expected,
				    getenv("HOME"), at + 6);
				free(expected);
				expected = e;
			}
		}
		got = load_fails(path);
		if (strcmp(got, expected) != 0) {
			print_error("%s:\n--- expected\n%s--- got\n%s", de->d_name, expected, got);
			failed++;
		}
		checked++;
		free(got);
		free(expected);
		free(expected_raw);
		free(errpath);
		free(path);
	}
	closedir(d);
	assert_int_equal(failed, 0);
	/* Every class of error has its file; losing some must not pass. */
	assert_true(checked >= 26);
}

/* Every tests/conf/good-*.conf loads without a message. */
static void
test_good_files(void **state)
{
	DIR *d = opendir(conf_dir);
	struct dirent *de;
	int checked = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char *path;

		if (!str_has_prefix(de->d_name, "good-") || !str_has_suffix(de->d_name, ".conf"))
			continue;
		path = xasprintf("%s/%s", conf_dir, de->d_name);
		config_free(load_ok(path));
		free(path);
		checked++;
	}
	closedir(d);
	assert_true(checked >= 3);
}

/* The same file given by a relative path names the file that way. */
static void
test_bad_relative_path(void **state)
{
	char cwd[PATH_MAX], *got;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(conf_dir), 0);
	got = load_fails("bad-window.conf");
	assert_string_equal(got, "bad-window.conf:5: send.window: expected HH:MM-HH:MM, got \"8-20\"\n");
	free(got);
	assert_int_equal(chdir(cwd), 0);
}

static void
test_missing_file(void **state)
{
	char *path = xasprintf("%s/no-such-file.conf", tmp_dir);
	char *got = load_fails(path);
	char *want = xasprintf("%s: cannot read the config file: No such file or directory\n", path);

	assert_string_equal(got, want);
	free(want);
	free(got);
	free(path);
}

static void
assert_duration(const struct duration *d, int64_t seconds, int bd)
{
	assert_int_equal(d->seconds, seconds);
	assert_int_equal(d->business_days, bd);
}

static void
test_minimal_defaults(void **state)
{
	char *path = xasprintf("%s/good-minimal.conf", conf_dir);
	char *old_tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	struct config *cfg;
	char *pw = NULL, *err = NULL;

	setenv("TZ", ":America/Chicago", 1);
	cfg = load_ok(path);

	assert_string_equal(cfg->path, path);
	assert_string_equal(cfg->dir, conf_dir);
	assert_string_equal(cfg->me.name, "");
	assert_int_equal(cfg->me.naddresses, 1);
	assert_string_equal(cfg->me.addresses[0], "jane.doe@example.net");
	assert_string_equal(cfg->me.timezone, "America/Chicago");
	assert_string_equal(cfg->me.signature, "");

	assert_string_equal(cfg->imap.conn.url, "imaps://imap.example.net");
	assert_string_equal(cfg->imap.conn.host, "imap.example.net");
	assert_int_equal(cfg->imap.conn.port, 993);
	assert_int_equal(cfg->imap.conn.tls, CONFIG_TLS_IMPLICIT);
	assert_string_equal(cfg->imap.conn.user, "jane.doe@example.net");
	assert_int_equal(cfg->imap.conn.auth, CONFIG_AUTH_PLAIN);
	assert_string_equal(cfg->imap.conn.password_command, "echo secret");
	assert_null(cfg->imap.conn.password);
	assert_null(cfg->imap.conn.ca_file);
	assert_false(cfg->imap.conn.allow_insecure);
	assert_true(cfg->imap.conn.starttls);
	assert_int_equal(cfg->imap.nfolders, 1);
	assert_string_equal(cfg->imap.folders[0], "INBOX");
	assert_string_equal(cfg->imap.sent_folder, "");
	assert_int_equal(cfg->imap.sent_copy, CONFIG_SENT_COPY_AUTO);
	assert_null(cfg->imap.conn.tls_fingerprint);
	assert_null(cfg->imap.conn.tls_cert_file);
	assert_null(cfg->smtp.conn.tls_fingerprint);
	assert_null(cfg->smtp.conn.tls_cert_file);
	assert_true(cfg->imap.idle);
	assert_duration(&cfg->imap.poll_interval, 300, 0);

	assert_string_equal(cfg->smtp.conn.url, "smtps://smtp.example.net");
	assert_string_equal(cfg->smtp.conn.host, "smtp.example.net");
	assert_int_equal(cfg->smtp.conn.port, 465);
	assert_int_equal(cfg->smtp.conn.tls, CONFIG_TLS_IMPLICIT);
	assert_string_equal(cfg->smtp.conn.user, "jane.doe@example.net");
	assert_int_equal(cfg->smtp.conn.auth, CONFIG_AUTH_PLAIN);
	assert_string_equal(cfg->smtp.conn.password_command, "echo secret");
	assert_null(cfg->smtp.conn.password);
	assert_null(cfg->smtp.conn.ca_file);
	assert_false(cfg->smtp.conn.allow_insecure);

	if (geteuid() == 0) {
		assert_string_equal(cfg->state_dir, LOCALSTATEDIR "/lib/followupd");
		assert_string_equal(cfg->templates_dir, SYSCONFDIR "/followupd/templates");
	} else {
		/* The XDG variables were fixed in main() before any load. */
		assert_string_equal(cfg->state_dir, "/xdg-state/followupd");
		assert_string_equal(cfg->templates_dir, "/xdg-config/followupd/templates");
	}

	assert_int_equal(cfg->send.mode, CONFIG_SEND_REVIEW);
	assert_duration(&cfg->send.grace, 1800, 0);
	assert_int_equal(cfg->send.window.start_min, 8 * 60);
	assert_int_equal(cfg->send.window.end_min, 20 * 60);
	assert_false(cfg->send.weekends);
	assert_int_equal(cfg->send.max_per_day, 20);
	assert_duration(&cfg->send.give_up, 3 * 86400, 0);

	assert_true(cfg->thank_you.enabled);
	assert_duration(&cfg->thank_you.after, 2 * 3600, 0);
	assert_duration(&cfg->thank_you.latest, 24 * 3600, 0);
	assert_false(cfg->thank_you.wait_for_notes);

	assert_true(cfg->reference_warning.enabled);
	assert_duration(&cfg->reference_warning.after, 3600, 0);
	assert_int_equal(cfg->reference_warning.when, CONFIG_REFWARN_FINAL);
	assert_duration(&cfg->reference_warning.cooldown, 7 * 86400, 0);

	assert_true(cfg->status_nudge.enabled);
	assert_duration(&cfg->status_nudge.after, 0, 7);
	assert_int_equal(cfg->status_nudge.repeat, 1);
	assert_duration(&cfg->status_nudge.every, 0, 5);

	assert_true(cfg->reflection.enabled);
	assert_duration(&cfg->reflection.after, 3600, 0);
	assert_duration(&cfg->reflection.again, 2 * 86400, 0);

	assert_true(cfg->feedback_request.enabled);
	assert_duration(&cfg->feedback_request.after, 86400, 0);

	assert_int_equal(cfg->nreferences, 0);
	assert_null(cfg->references);

	assert_int_equal(cfg->detect.nkeywords, 2);
	assert_string_equal(cfg->detect.keywords[0], "interview");
	assert_string_equal(cfg->detect.keywords[1], "phone screen");
	assert_int_equal(cfg->detect.nignore_senders, 0);
	assert_duration(&cfg->detect.lookback, 30 * 86400, 0);
	/* the employer is never guessed from the user's address */
	assert_int_equal(cfg->me.nemployer_domains, 0);

	/* password_command runs now, and smtp shares it. */
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
	assert_string_equal(pw, "secret");
	free_secret(pw);
	assert_int_equal(config_password(cfg, CONFIG_SMTP, &pw, &err), 0);
	assert_string_equal(pw, "secret");
	free_secret(pw);
	assert_ptr_equal(config_account(cfg, CONFIG_SMTP), &cfg->smtp.conn);

	config_free(cfg);
	if (old_tz)
		setenv("TZ", old_tz, 1);
	else
		unsetenv("TZ");
	free(old_tz);
	free(path);
}

static void
test_full_values(void **state)
{
	char *path = xasprintf("%s/good-full.conf", conf_dir);
	char *ca = xasprintf("%s/ca.pem", conf_dir);
	char *state_dir = xasprintf("%s/state", conf_dir);
	char *tmpl = xstrdup(conf_dir);
	struct config *cfg = load_ok(path);
	char *pw = NULL, *err = NULL;

	assert_string_equal(cfg->me.name, "Jane Q. Doe");
	assert_int_equal(cfg->me.naddresses, 2);
	assert_string_equal(cfg->me.addresses[1], "jdoe@example.org");
	assert_string_equal(cfg->me.timezone, "America/New_York");
	assert_string_equal(cfg->me.signature, "Jane Doe\n+1 555 0100");

	assert_string_equal(cfg->imap.conn.host, "imap.example.net");
	assert_int_equal(cfg->imap.conn.port, 1143);
	/* imap:// with starttls = false and allow_insecure = true */
	assert_int_equal(cfg->imap.conn.tls, CONFIG_TLS_NONE);
	assert_string_equal(cfg->imap.conn.user, "jane");
	assert_int_equal(cfg->imap.conn.auth, CONFIG_AUTH_LOGIN);
	assert_int_equal(cfg->imap.nfolders, 2);
	assert_string_equal(cfg->imap.folders[1], "Jobs/Recruiters");
	assert_string_equal(cfg->imap.sent_folder, "Sent Items");
	assert_string_equal(cfg->imap.conn.ca_file, ca);
	assert_false(cfg->imap.idle);
	assert_duration(&cfg->imap.poll_interval, 120, 0);
	assert_true(cfg->imap.conn.allow_insecure);
	assert_false(cfg->imap.conn.starttls);

	assert_string_equal(cfg->smtp.conn.host, "::1");
	assert_int_equal(cfg->smtp.conn.port, 2525);
	assert_int_equal(cfg->smtp.conn.tls, CONFIG_TLS_STARTTLS);
	assert_string_equal(cfg->smtp.conn.user, "jane-smtp");
	assert_int_equal(cfg->smtp.conn.auth, CONFIG_AUTH_XOAUTH2);
	assert_string_equal(cfg->smtp.conn.ca_file, ca);

	assert_string_equal(cfg->state_dir, state_dir);
	assert_string_equal(cfg->templates_dir, tmpl);

	assert_int_equal(cfg->send.mode, CONFIG_SEND_AUTO);
	assert_duration(&cfg->send.grace, 45 * 60, 0);
	assert_int_equal(cfg->send.window.start_min, 22 * 60);
	assert_int_equal(cfg->send.window.end_min, 6 * 60 + 30);
	assert_true(cfg->send.weekends);
	assert_int_equal(cfg->send.max_per_day, 5);
	assert_duration(&cfg->send.give_up, 0, 2);

	assert_false(cfg->thank_you.enabled);
	assert_duration(&cfg->thank_you.after, 3 * 3600, 0);
	assert_duration(&cfg->thank_you.latest, 86400, 0);
	assert_true(cfg->thank_you.wait_for_notes);
	assert_false(cfg->reference_warning.enabled);
	assert_duration(&cfg->reference_warning.after, 30 * 60, 0);
	assert_int_equal(cfg->reference_warning.when, CONFIG_REFWARN_ALWAYS);
	assert_duration(&cfg->reference_warning.cooldown, 14 * 86400, 0);
	assert_false(cfg->status_nudge.enabled);
	assert_duration(&cfg->status_nudge.after, 0, 10);
	assert_int_equal(cfg->status_nudge.repeat, 3);
	assert_duration(&cfg->status_nudge.every, 0, 4);
	assert_false(cfg->reflection.enabled);
	assert_duration(&cfg->reflection.after, 2 * 3600, 0);
	assert_duration(&cfg->reflection.again, 0, 0);
	assert_false(cfg->feedback_request.enabled);
	assert_duration(&cfg->feedback_request.after, 2 * 86400, 0);

	assert_int_equal(cfg->nreferences, 2);
	assert_string_equal(cfg->references[0].name, "Bob Smith");
	assert_string_equal(cfg->references[0].email, "bob@example.org");
	assert_string_equal(cfg->references[0].relationship, "my manager at Initrode");
	assert_string_equal(cfg->references[0].highlight, "the billing migration");
	assert_string_equal(cfg->references[1].name, "Carla D\xc3\xad" "az");
	assert_string_equal(cfg->references[1].relationship, "");
	assert_string_equal(cfg->references[1].highlight, "");

	assert_int_equal(cfg->detect.nkeywords, 2);
	assert_string_equal(cfg->detect.keywords[0], "entretien");
	assert_int_equal(cfg->detect.nignore_senders, 3);
	assert_string_equal(cfg->detect.ignore_senders[2], "@spam.example");
	assert_duration(&cfg->detect.lookback, 14 * 86400, 0);
	assert_int_equal(cfg->me.nemployer_domains, 2);
	assert_string_equal(cfg->me.employer_domains[1], "corp.initrode.example");

	/* Each account runs its own command; one trailing newline goes. */
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
	assert_string_equal(pw, "imap-secret");
	free_secret(pw);
	assert_int_equal(config_password(cfg, CONFIG_SMTP, &pw, &err), 0);
	assert_string_equal(pw, "smtp-token");
	free_secret(pw);

	config_free(cfg);
	free(tmpl);
	free(state_dir);
	free(ca);
	free(path);
}

#define BASE "me = { addresses = [\"jane@example.net\"]; };\n" \
	     "smtp = { url = \"smtps://smtp.example.net\"; };\n"

static void
test_password_file_modes(void **state)
{
	static const char text[] = BASE
		"imap = { url = \"imaps://imap.example.net\";\n"
		"  password = \"hunter2\"; };\n";
	static const struct { mode_t mode; const char *what; } cases[] = {
		{ 0644, "readable" }, { 0640, "readable" }, { 0604, "readable" },
		{ 0620, "writable" }, { 0602, "writable" }, { 0600, NULL }, { 0400, NULL },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *path = write_tmp("pw.conf", cases[i].mode, text);
		struct config_errors e = { 0 };
		struct config *cfg = config_load(path, &e);

		if (cases[i].what) {
			char *want = xasprintf("%s:4: imap.password: this file contains a password but is "
					       "%s by others; chmod 600 it or use password_command",
					       path, cases[i].what);
			assert_null(cfg);
			assert_int_equal(e.n, 1);
			assert_string_equal(e.v[0], want);
			/* the secret itself is never in a message */
			assert_null(strstr(e.v[0], "hunter2"));
			free(want);
		} else {
			char *pw = NULL, *err = NULL;
			assert_non_null(cfg);
			assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
			assert_string_equal(pw, "hunter2");
			free_secret(pw);
			/* a dump says it is set, and nothing more */
			{
				char *dump = NULL;
				size_t len = 0;
				FILE *f = open_memstream(&dump, &len);
				assert_non_null(f);
				config_dump(cfg, f);
				assert_int_equal(fclose(f), 0);
				assert_null(strstr(dump, "hunter2"));
				assert_non_null(strstr(dump, "# password is set (not shown)"));
				free(dump);
			}
			/* smtp sets nothing: it shares imap's password */
			assert_int_equal(config_password(cfg, CONFIG_SMTP, &pw, &err), 0);
			assert_string_equal(pw, "hunter2");
			free_secret(pw);
		}
		config_free(cfg);
		config_errors_clear(&e);
		unlink(path);
		free(path);
	}
}

/* The file holding the password is the one that must be private. */
static void
test_password_in_include(void **state)
{
	char *main_path, *inc, *got, *want;
	struct config *cfg;

	main_path = write_tmp("inc-main.conf", 0644, BASE "@include \"secret.inc\"\n");
	inc = write_tmp("secret.inc", 0600,
			"imap = { url = \"imaps://imap.example.net\";\n  password = \"pw\"; };\n");
	cfg = load_ok(main_path);
	assert_string_equal(cfg->imap.conn.password, "pw");
	config_free(cfg);

	assert_int_equal(chmod(inc, 0644), 0);
	got = load_fails(main_path);
	want = xasprintf("%s:2: imap.password: this file contains a password but is readable by "
			 "others; chmod 600 it or use password_command\n", inc);
	assert_string_equal(got, want);
	free(want);
	free(got);
	unlink(inc);
	unlink(main_path);
	free(inc);
	free(main_path);
}

static void
test_password_rules(void **state)
{
	static const struct { const char *imap; const char *want; } cases[] = {
		{ "password_command = \"exit 3\";", NULL },
		{ "password_command = \"printf ''\";", NULL },
		{ "password_command = \"echo a\"; password = \"b\";",
		  "imap.password: set either imap.password or imap.password_command, not both" },
		{ "auth = \"xoauth2\"; password = \"tok\";",
		  "imap.auth: xoauth2 takes its token from imap.password_command, not from imap.password" },
		{ "auth = \"oauthbearer\"; password = \"tok\";",
		  "imap.auth: oauthbearer takes its token from imap.password_command, not from imap.password" },
		{ "password_command = \"echo a\"; password_command_timeout = \"0s\";",
		  "imap.password_command_timeout: \"0s\" is too short (at least 1s)" },
		{ "user = \"jane\";",
		  "imap.password_command: no password given; set imap.password_command "
		  "(or imap.password in a file only you can read)" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = xasprintf(BASE "imap = { url = \"imaps://imap.example.net\"; %s };\n",
				       cases[i].imap);
		char *path = write_tmp("rules.conf", 0600, text);

		if (cases[i].want) {
			char *got = load_fails(path);
			char *want = xasprintf("%s:3: %s\n", path, cases[i].want);
			assert_string_equal(got, want);
			free(want);
			free(got);
		} else {
			struct config *cfg = load_ok(path);
			char *pw = (char *)"untouched", *err = NULL;
			assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), -1);
			assert_null(pw);
			assert_non_null(err);
			assert_true(str_has_prefix(err, "imap.password_command"));
			free(err);
			config_free(cfg);
		}
		unlink(path);
		free(path);
		free(text);
	}
}

/* password_command: its stderr's first line in the error, a timeout that
 * kills what it started, a fresh run (a fresh secret) at every call. */
static void
test_password_command_runs(void **state)
{
	char *flag = xasprintf("%s/pwfile", tmp_dir);
	char *text, *path, *pw = NULL, *err = NULL;
	struct config *cfg;
	struct timespec t0, t1;
	double took;

	(void)state;
	/* stderr: the first line, trimmed, in the message; stdout never. */
	text = xasprintf(BASE "imap = { url = \"imaps://imap.example.net\"; auth = \"oauthbearer\";\n"
	    "  password_command = \"echo tok3n; printf '\\\\n  token expired: run oama authorize\\\\nsecond\\\\n' >&2; exit 4\"; };\n");
	path = write_tmp("pwcmd.conf", 0600, text);
	cfg = load_ok(path);
	assert_int_equal(cfg->imap.conn.auth, CONFIG_AUTH_OAUTHBEARER);
	assert_int_equal(cfg->imap.conn.password_command_timeout.seconds, 30);
	assert_int_equal(cfg->smtp.conn.password_command_timeout.seconds, 30);
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), -1);
	assert_null(pw);
	assert_string_equal(err, "imap.password_command exited with status 4 "
	    "(stderr: token expired: run oama authorize)");
	assert_null(strstr(err, "tok3n"));
	free(err);
	config_free(cfg);
	free(text);
	unlink(path);
	free(path);

	/* A hung helper (and its child) is killed after the timeout; smtp
	 * shares imap's command and so its timeout. */
	text = xasprintf(BASE "imap = { url = \"imaps://imap.example.net\";\n"
	    "  password_command = \"echo waiting >&2; sleep 1000 & sleep 1000\";"
	    " password_command_timeout = \"1s\"; };\n");
	path = write_tmp("pwcmd.conf", 0600, text);
	cfg = load_ok(path);
	assert_int_equal(cfg->smtp.conn.password_command_timeout.seconds, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(config_password(cfg, CONFIG_SMTP, &pw, &err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took >= 0.9 && took < 3.0);
	assert_string_equal(err, "smtp.password_command timed out after 1s (stderr: waiting)");
	free(err);
	config_free(cfg);
	free(text);
	unlink(path);
	free(path);

	/* A process the command leaves behind holding stderr does not make
	 * it wait: the output is complete when the command is gone. */
	text = xasprintf(BASE "imap = { url = \"imaps://imap.example.net\";\n"
	    "  password_command = \"sleep 3 >/dev/null & echo tok\"; };\n");
	path = write_tmp("pwcmd.conf", 0600, text);
	cfg = load_ok(path);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took < 2.0);
	assert_string_equal(pw, "tok");
	free_secret(pw);
	config_free(cfg);
	free(text);
	unlink(path);
	free(path);

	/* Every call runs the command again: a changed password is seen. */
	text = xasprintf(BASE "imap = { url = \"imaps://imap.example.net\";\n"
	    "  password_command = \"cat '%s'\"; };\n", flag);
	path = write_tmp("pwcmd.conf", 0600, text);
	cfg = load_ok(path);
	free(write_tmp("pwfile", 0600, "first\n"));
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
	assert_string_equal(pw, "first");
	free_secret(pw);
	free(write_tmp("pwfile", 0600, "second\n"));
	assert_int_equal(config_password(cfg, CONFIG_IMAP, &pw, &err), 0);
	assert_string_equal(pw, "second");
	free_secret(pw);
	config_free(cfg);
	free(text);
	unlink(path);
	unlink(flag);
	free(path);
	free(flag);
}

/* @include is relative to the config file, whatever the cwd; errors in an
 * included file name that file. */
static void
test_include_dir(void **state)
{
	char *sub = xasprintf("%s/sub", tmp_dir), *main_path, *inc, *got, *want;
	char cwd[PATH_MAX], real_tmp[PATH_MAX];
	struct config *cfg;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_non_null(realpath(tmp_dir, real_tmp));
	assert_int_equal(mkdir(sub, 0700), 0);
	main_path = write_tmp("sub/main.conf", 0644,
			      "@include \"accounts.inc\"\nstate_dir = \"data\";\n");
	inc = write_tmp("sub/accounts.inc", 0644, BASE
			"imap = { url = \"imap://mail.example.net:10143\"; password_command = \"echo x\"; };\n");

	assert_int_equal(chdir("/"), 0);
	cfg = load_ok(main_path);
	assert_int_equal(cfg->imap.conn.port, 10143);
	assert_int_equal(cfg->imap.conn.tls, CONFIG_TLS_STARTTLS);
	config_free(cfg);

	/* a relative config path: dir and relative paths become absolute */
	assert_int_equal(chdir(tmp_dir), 0);
	cfg = load_ok("sub/main.conf");
	want = xasprintf("%s/sub", real_tmp);
	assert_string_equal(cfg->dir, want);
	free(want);
	want = xasprintf("%s/sub/data", real_tmp);
	assert_string_equal(cfg->state_dir, want);
	free(want);
	config_free(cfg);

	/* an error inside the included file names it, joined to the dir */
	free(inc);
	inc = write_tmp("sub/accounts.inc", 0644, BASE
			"imap = { url = \"imaps://mail.example.net\"; password_command = \"echo x\";\n"
			"  folder = \"INBOX\"; };\n");
	got = load_fails("sub/main.conf");
	assert_string_equal(got, "sub/accounts.inc:4: imap.folder: unknown setting "
			    "(did you mean \"folders\"?)\n");
	free(got);

	/* and so does a syntax error there */
	free(inc);
	inc = write_tmp("sub/accounts.inc", 0644, BASE "imap = { url = ; };\n");
	got = load_fails("sub/main.conf");
	assert_string_equal(got, "sub/accounts.inc:3: syntax error\n");
	free(got);

	assert_int_equal(chdir(cwd), 0);
	free(inc);
	free(main_path);
	free(sub);
}

/* The commented example loads, and documents the built-in defaults. */
static void
test_example_config(void **state)
{
	char *path = xasprintf("%s/etc/followupd.conf", top_dir);
	char *minimal = xasprintf("%s/good-minimal.conf", conf_dir);
	struct config *ex = load_ok(path), *def = load_ok(minimal);

	assert_memory_equal(&ex->send, &def->send, sizeof(ex->send));
	assert_memory_equal(&ex->thank_you, &def->thank_you, sizeof(ex->thank_you));
	assert_memory_equal(&ex->reference_warning, &def->reference_warning,
			    sizeof(ex->reference_warning));
	assert_memory_equal(&ex->status_nudge, &def->status_nudge, sizeof(ex->status_nudge));
	assert_memory_equal(&ex->reflection, &def->reflection, sizeof(ex->reflection));
	assert_memory_equal(&ex->feedback_request, &def->feedback_request,
			    sizeof(ex->feedback_request));
	assert_memory_equal(&ex->detect.lookback, &def->detect.lookback, sizeof(ex->detect.lookback));
	assert_memory_equal(&ex->review, &def->review, sizeof(ex->review));
	assert_true(def->review.digest);
	assert_int_equal(def->review.digest_every.seconds, 86400);
	assert_int_equal(ex->detect.nkeywords, def->detect.nkeywords);
	for (size_t i = 0; i < ex->detect.nkeywords; i++)
		assert_string_equal(ex->detect.keywords[i], def->detect.keywords[i]);
	assert_int_equal(ex->imap.idle, def->imap.idle);
	assert_memory_equal(&ex->imap.poll_interval, &def->imap.poll_interval,
			    sizeof(ex->imap.poll_interval));
	assert_int_equal(ex->imap.conn.tls, CONFIG_TLS_IMPLICIT);
	assert_int_equal(ex->smtp.conn.tls, CONFIG_TLS_IMPLICIT);
	/* Nothing personal ships live: no name, signature or reference that
	 * mails would carry before the user filled in their own. */
	assert_string_equal(ex->me.name, "");
	assert_string_equal(ex->me.signature, "");
	assert_int_equal(ex->nreferences, 0);
	config_free(def);
	config_free(ex);
	free(minimal);
	free(path);
}

/* Integers: L suffix, hex, and the 32-bit wrap libconfig 1.5 hides. */
static void
test_integers(void **state)
{
	static const struct { const char *lit; int want; const char *err; } cases[] = {
		{ "20L", 20, NULL },
		{ "0x10", 16, NULL },
		{ "10000", 10000, NULL },
		{ "10001", 0, "10001 is out of range (1 to 10000)" },
		{ "4294967297", 0, "4294967297 is out of range (1 to 10000)" },
		{ "-4294967295", 0, "-4294967295 is out of range (1 to 10000)" },
		{ "99999999999999999999", 0, "99999999999999999999 is out of range (1 to 10000)" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = xasprintf(BASE "imap = { url = \"imaps://i.example.net\"; "
				       "password_command = \"true\"; };\nsend = { max_per_day = %s; };\n",
				       cases[i].lit);
		char *path = write_tmp("int.conf", 0600, text);

		if (cases[i].err) {
			char *got = load_fails(path);
			char *want = xasprintf("%s:4: send.max_per_day: %s\n", path, cases[i].err);
			assert_string_equal(got, want);
			free(want);
			free(got);
		} else {
			struct config *cfg = load_ok(path);
			assert_int_equal(cfg->send.max_per_day, cases[i].want);
			config_free(cfg);
		}
		unlink(path);
		free(path);
		free(text);
	}
}

static void
test_urls(void **state)
{
	static const struct {
		const char *url; const char *host; int port; enum config_tls tls; const char *err;
	} cases[] = {
		{ "imaps://imap.example.net", "imap.example.net", 993, CONFIG_TLS_IMPLICIT, NULL },
		{ "IMAPS://imap.example.net:9993/", "imap.example.net", 9993, CONFIG_TLS_IMPLICIT, NULL },
		{ "imap://127.0.0.1:10143", "127.0.0.1", 10143, CONFIG_TLS_STARTTLS, NULL },
		{ "imap://localhost", "localhost", 143, CONFIG_TLS_STARTTLS, NULL },
		{ "imaps://[2001:db8::1]:993", "2001:db8::1", 993, CONFIG_TLS_IMPLICIT, NULL },
		{ "imaps://", NULL, 0, 0, "bad host name in \"imaps://\"" },
		{ "imaps://host:0", NULL, 0, 0, "bad port in \"imaps://host:0\" (expected 1 to 65535)" },
		{ "imaps://host:12ab", NULL, 0, 0, "bad port in \"imaps://host:12ab\" (expected 1 to 65535)" },
		{ "imaps://ho st", NULL, 0, 0, "bad host name in \"imaps://ho st\"" },
		{ "imaps://[::1", NULL, 0, 0, "unclosed [ in \"imaps://[::1\"" },
		{ "imaps://host/INBOX", NULL, 0, 0, "a path after the host is not supported: \"imaps://host/INBOX\"" },
		{ "smtps://host", NULL, 0, 0, "unsupported scheme \"smtps\" in \"smtps://host\" "
		  "(expected imaps:// or imap:// for STARTTLS)" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = xasprintf(BASE "imap = { url = \"%s\"; password_command = \"true\"; };\n",
				       cases[i].url);
		char *path = write_tmp("url.conf", 0600, text);

		if (cases[i].err) {
			char *got = load_fails(path);
			char *want = xasprintf("%s:3: imap.url: %s\n", path, cases[i].err);
			assert_string_equal(got, want);
			free(want);
			free(got);
		} else {
			struct config *cfg = load_ok(path);
			assert_string_equal(cfg->imap.conn.url, cases[i].url);
			assert_string_equal(cfg->imap.conn.host, cases[i].host);
			assert_int_equal(cfg->imap.conn.port, cases[i].port);
			assert_int_equal(cfg->imap.conn.tls, cases[i].tls);
			config_free(cfg);
		}
		unlink(path);
		free(path);
		free(text);
	}
}

/* provider = "...": the preset's URLs, auth and sent_copy, each overridable. */
static void
test_providers(void **state)
{
	static const struct {
		const char *name; const char *imap; int iport; enum config_tls itls;
		const char *smtp; int sport; enum config_tls stls; enum config_auth auth;
		enum config_sent_copy sent_copy;
	} cases[] = {
		{ "gmail", "imap.gmail.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp.gmail.com", 465, CONFIG_TLS_IMPLICIT, CONFIG_AUTH_PLAIN,
		  CONFIG_SENT_COPY_AUTO },
		{ "outlook", "outlook.office365.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp-mail.outlook.com", 587, CONFIG_TLS_STARTTLS, CONFIG_AUTH_XOAUTH2,
		  CONFIG_SENT_COPY_NO },
		{ "microsoft365", "outlook.office365.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp.office365.com", 587, CONFIG_TLS_STARTTLS, CONFIG_AUTH_XOAUTH2,
		  CONFIG_SENT_COPY_NO },
		{ "fastmail", "imap.fastmail.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp.fastmail.com", 465, CONFIG_TLS_IMPLICIT, CONFIG_AUTH_PLAIN,
		  CONFIG_SENT_COPY_AUTO },
		{ "icloud", "imap.mail.me.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp.mail.me.com", 587, CONFIG_TLS_STARTTLS, CONFIG_AUTH_PLAIN,
		  CONFIG_SENT_COPY_AUTO },
		{ "yahoo", "imap.mail.yahoo.com", 993, CONFIG_TLS_IMPLICIT,
		  "smtp.mail.yahoo.com", 465, CONFIG_TLS_IMPLICIT, CONFIG_AUTH_PLAIN,
		  CONFIG_SENT_COPY_AUTO },
		{ "Proton-Bridge", "127.0.0.1", 1143, CONFIG_TLS_STARTTLS,
		  "127.0.0.1", 1025, CONFIG_TLS_STARTTLS, CONFIG_AUTH_PLAIN,
		  CONFIG_SENT_COPY_NO },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = xasprintf("provider = \"%s\";\n"
		    "me = { addresses = [\"jane@example.net\"]; };\n"
		    "imap = { password_command = \"true\"; };\n", cases[i].name);
		char *path = write_tmp("provider.conf", 0600, text);
		struct config *cfg = load_ok(path);

		assert_string_equal(cfg->imap.conn.host, cases[i].imap);
		assert_int_equal(cfg->imap.conn.port, cases[i].iport);
		assert_int_equal(cfg->imap.conn.tls, cases[i].itls);
		assert_string_equal(cfg->smtp.conn.host, cases[i].smtp);
		assert_int_equal(cfg->smtp.conn.port, cases[i].sport);
		assert_int_equal(cfg->smtp.conn.tls, cases[i].stls);
		assert_int_equal(cfg->imap.conn.auth, cases[i].auth);
		assert_int_equal(cfg->smtp.conn.auth, cases[i].auth);
		assert_true(cfg->imap.conn.url_from_provider);
		assert_true(cfg->smtp.conn.url_from_provider);
		assert_string_equal(cfg->imap.sent_folder, "");
		assert_int_equal(cfg->imap.sent_copy, cases[i].sent_copy);
		assert_int_equal(cfg->imap.sent_copy_from_provider,
		    cases[i].sent_copy == CONFIG_SENT_COPY_NO);
		config_free(cfg);
		unlink(path);
		free(path);
		free(text);
	}

	/* The user's own settings win over the preset's. */
	{
		char *path = write_tmp("provider.conf", 0600,
		    "provider = \"microsoft365\";\n"
		    "me = { addresses = [\"jane@example.net\"]; };\n"
		    "imap = { password_command = \"true\"; auth = \"plain\"; sent_copy = \"yes\"; };\n"
		    "smtp = { url = \"smtp://smtp.corp.test:2525\"; };\n");
		struct config *cfg = load_ok(path);

		assert_string_equal(cfg->imap.conn.url, "imaps://outlook.office365.com:993");
		assert_true(cfg->imap.conn.url_from_provider);
		assert_int_equal(cfg->imap.conn.auth, CONFIG_AUTH_PLAIN);
		assert_string_equal(cfg->smtp.conn.host, "smtp.corp.test");
		assert_int_equal(cfg->smtp.conn.port, 2525);
		assert_false(cfg->smtp.conn.url_from_provider);
		assert_int_equal(cfg->smtp.conn.auth, CONFIG_AUTH_XOAUTH2);
		assert_int_equal(cfg->imap.sent_copy, CONFIG_SENT_COPY_YES);
		assert_false(cfg->imap.sent_copy_from_provider);
		config_free(cfg);
		unlink(path);
		free(path);
	}

	/* xoauth2 from the preset still wants a password_command. */
	{
		char *path = write_tmp("provider.conf", 0600,
		    "provider = \"outlook\";\n"
		    "me = { addresses = [\"jane@example.net\"]; };\n"
		    "imap = { password = \"app-password\"; };\n");
		char *got = load_fails(path);

		assert_non_null(strstr(got, "imap.auth: xoauth2 takes its token from imap.password_command"));
		free(got);
		unlink(path);
		free(path);
	}

	/* Without a provider the URLs are required, as before. */
	{
		char *path = write_tmp("provider.conf", 0600,
		    "me = { addresses = [\"jane@example.net\"]; };\n"
		    "imap = { password_command = \"true\"; };\n");
		char *got = load_fails(path);

		assert_non_null(strstr(got, "imap.url: required setting is missing"));
		assert_non_null(strstr(got, "smtp.url: required setting is missing"));
		free(got);
		unlink(path);
		free(path);
	}
}

/* config_dump writes a file that loads back to the same configuration. */
static void
test_dump_round_trip(void **state)
{
	char *path = xasprintf("%s/good-full.conf", conf_dir);
	char *dump_path = xasprintf("%s/dump.conf", tmp_dir);
	struct config *a = load_ok(path), *b;
	FILE *f = fopen(dump_path, "w");

	assert_non_null(f);
	config_dump(a, f);
	assert_int_equal(fclose(f), 0);
	b = load_ok(dump_path);

	assert_string_equal(a->me.signature, b->me.signature);
	assert_string_equal(a->imap.conn.url, b->imap.conn.url);
	assert_int_equal(a->imap.conn.tls, b->imap.conn.tls);
	assert_string_equal(a->imap.conn.ca_file, b->imap.conn.ca_file);
	assert_string_equal(a->state_dir, b->state_dir);
	assert_string_equal(a->templates_dir, b->templates_dir);
	assert_memory_equal(&a->send, &b->send, sizeof(a->send));
	assert_memory_equal(&a->status_nudge, &b->status_nudge, sizeof(a->status_nudge));
	assert_memory_equal(&a->reflection, &b->reflection, sizeof(a->reflection));
	assert_int_equal(a->nreferences, b->nreferences);
	assert_string_equal(a->references[1].name, b->references[1].name);
	assert_int_equal(a->detect.nignore_senders, b->detect.nignore_senders);
	assert_int_equal(a->me.nemployer_domains, b->me.nemployer_domains);
	config_free(b);
	config_free(a);
	free(dump_path);
	free(path);
}

static void
test_default_path(void **state)
{
	const char *p = config_default_path();

	assert_non_null(p);
	if (geteuid() == 0)
		assert_string_equal(p, SYSCONFDIR "/followupd/followupd.conf");
	else
		assert_string_equal(p, "/xdg-config/followupd/followupd.conf");
	/* computed once */
	assert_ptr_equal(p, config_default_path());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_good_files),
		cmocka_unit_test(test_bad_relative_path),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_full_values),
		cmocka_unit_test(test_password_file_modes),
		cmocka_unit_test(test_password_in_include),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_password_command_runs),
		cmocka_unit_test(test_include_dir),
		cmocka_unit_test(test_example_config),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_providers),
		cmocka_unit_test(test_dump_round_trip),
		cmocka_unit_test(test_default_path),
	};

	/* The user-install defaults must not depend on who runs the test. */
	setenv("XDG_CONFIG_HOME", "/xdg-config", 1);
	setenv("XDG_STATE_HOME", "/xdg-state", 1);
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
