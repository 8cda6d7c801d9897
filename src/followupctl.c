/*
 * followupctl: what the user does by hand, against the daemon's state.
 *
 * This file is the program: the table of commands (each with its usage,
 * for `help`, `help COMMAND`, `COMMAND --help` and --help), the help,
 * and main, which loads what a command needs (config, state) and runs it.
 * The commands themselves live by topic in ctl_*.c (ctl_p.h lists them).
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "autoconfig.h"

#include "config.h"
#include "ctl.h"
#include "ctl_p.h"
#include "log.h"
#include "store.h"
#include "util.h"

/* What a command needs before it runs. */
enum need { NEED_NOTHING, NEED_CONFIG_IF_ANY, NEED_CONFIG, NEED_STORE };

/* Every command with its usage: one table for `help`, `help COMMAND`,
 * `COMMAND --help` and the list in --help. */
static const struct command {
	const char *name;
	int (*fn)(struct ctl *, int, char **);
	enum need need;
	const char *synopsis;       /* after "followupctl " */
	const char *what;           /* one line */
	const char *more;           /* details for `help COMMAND`, or NULL */
} commands[] = {
	{ "status", cmd_status, NEED_STORE, "status [--json]",
	  "what needs you, the daemon, the next mail",
	  "First what needs you (held mails, failed mails, mails of unknown outcome),\n"
	  "then whether followupd runs (it holds the lock on its state), the next\n"
	  "mail, and the counts of interviews, applications and mails.\n" },
	{ "interviews", cmd_interviews, NEED_STORE, "interviews [--all] [--json]",
	  "interviews (upcoming, or all)", NULL },
	{ "outbox", cmd_outbox, NEED_STORE, "outbox [--all] [--json]",
	  "mails waiting to go (--all: sent, cancelled too)", NULL },
	{ "log", cmd_log, NEED_STORE, "log [--since AGE] [--json]",
	  "the audit trail (AGE: 2d, 12h, or a date)", NULL },
	{ "scan", cmd_scan, NEED_CONFIG_IF_ANY, "scan [--json] [--no-sandbox] FILE...",
	  "what would be recognised in saved mails",
	  "Nothing is changed.  --no-sandbox parses in the process itself (for\n"
	  "debugging).\n" },
	{ "unplaced", cmd_unplaced, NEED_STORE, "unplaced [--all] [--json]",
	  "job mails I could not place: are any interviews?",
	  "Mails about a job in which followupd found no interview time: nothing was\n"
	  "planned for them.  Some ask you for your availability or hold a test; one\n"
	  "may be an interview whose time is written in a way followupd does not read.\n"
	  "Such an interview: followupctl add-interview --unplaced ID (the mail's\n"
	  "sender becomes the contact, its thread leads to the interview).  Looked at:\n"
	  "followupctl dismiss ID.  A later mail of its thread that followupd places\n"
	  "places it too.  Listed until then, or 30 days old; --all: every one.\n" },
	{ "dismiss", cmd_dismiss, NEED_STORE, "dismiss ID... | --all",
	  "unplaced job mails you have looked at", NULL },
	{ "show", cmd_show, NEED_STORE, "show ID [--raw|--json]",
	  "a mail, as the exact bytes that will leave", NULL },
	{ "approve", cmd_transition, NEED_STORE, "approve ID|--all|--interview ID",
	  "let held mails go (review mode, unknown outcome)",
	  "--all: every held mail.  --interview ID: every held mail of that interview\n"
	  "(followupctl interviews shows the IDs), once you have read why they wait.\n" },
	{ "hold", cmd_transition, NEED_STORE, "hold ID", "stop a mail for now", NULL },
	{ "cancel", cmd_transition, NEED_STORE, "cancel ID|--interview ID",
	  "stop a mail for good",
	  "--interview ID: the interview will not take place (another interview is\n"
	  "the same one at its new time, say): it is cancelled, and every mail of it\n"
	  "that still waits.\n" },
	{ "retry", cmd_retry, NEED_STORE, "retry ID | --login",
	  "send a failed or unknown mail again; log in again",
	  "The mail goes back to pending (held in review mode), due now, with its\n"
	  "attempts and give-up clock reset; the log records it.  Only a failed mail\n"
	  "or one whose outcome is unknown can be retried.\n"
	  "--login: after a refused login (followupctl status shows it first), once\n"
	  "the password is fixed: the running followupd logs in to IMAP and SMTP\n"
	  "again at once instead of at its next try (up to an hour away).\n" },
	{ "send-now", cmd_send_now, NEED_STORE, "send-now ID", "send it at once, outside the window",
	  NULL },
	{ "edit", cmd_edit, NEED_STORE, "edit ID",
	  "change a mail in $EDITOR; the edit is sent",
	  "Works on pending, held, deferred and failed mails.  An edit that is not a\n"
	  "valid mail (an address such as \"ada@\") is not saved: on a terminal you\n"
	  "are asked \"Edit again? [y/n]\"; otherwise your text is kept in a file in\n"
	  "state_dir, its path printed, and the exit status is 65.  Date and\n"
	  "Message-ID are set when the mail is sent.\n" },
	{ "note", cmd_note, NEED_STORE, "note INTERVIEW TEXT...",
	  "notes for the thank-you mails",
	  "A line \"Ada: ...\" is about Ada alone: it goes into her thank-you only.\n" },
	{ "add-interview", cmd_add_interview, NEED_STORE,
	  "add-interview --company C --start T [--end T] [--role R]\n"
	  "                [--interviewer 'N <addr>']... [--contact 'N <addr>'] [--final]\n"
	  "                [--references] [--decision-by YYYY-MM-DD] [--unplaced ID]",
	  "an interview detection missed",
	  "T is \"YYYY-MM-DD HH:MM\" in me.timezone, or ISO 8601 with Z.\n"
	  "--unplaced ID: the interview is that job mail's (followupctl unplaced): the\n"
	  "mail leaves the list, its thread leads to the interview, and its sender\n"
	  "is the contact unless --contact names one or nobody reads that address.\n" },
	{ "check-config", cmd_check_config, NEED_CONFIG, "check-config",
	  "check the config file and exit (78 on errors)", NULL },
	{ "check-connection", cmd_check_connection, NEED_CONFIG, "check-connection",
	  "log in to both servers, tell what they offer",
	  "For each server: TLS version, the certificate (subject, issuer, expiry,\n"
	  "SHA-256 fingerprint, trusted or pinned), the capabilities, whether the login\n"
	  "is accepted; for IMAP also the watched folders, the Sent folder and a test\n"
	  "IDLE.  Nothing is sent.  Exit status 0 when both work, 69 when a server\n"
	  "refuses (login, certificate, missing folder), 75 when one cannot be\n"
	  "reached now, 78 for a broken config.\n" },
	{ "help", NULL, NEED_NOTHING, "help [COMMAND]", "this help, or a command's", NULL },
};

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* syn's first len bytes and " ...", in a static buffer. */
static const char *
synopsis_cut(const char *syn, size_t len)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%.*s ...", (int)len, syn);
	return buf;
}

void
ctl_usage(FILE *out)
{
	fprintf(out, "usage: followupctl [-c FILE] [-v] COMMAND [ARGS]\nCommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		const char *syn = commands[i].synopsis;
		size_t len = strcspn(syn, "\n");

		/* One line each, to fit a screen: a long synopsis is cut after
		 * a word, the whole one is in `help COMMAND`. */
		if (len > 28) {
			for (len = 24; len > 0 && syn[len] != ' '; len--)
				;
			fprintf(out, "  %-28s %s\n", synopsis_cut(syn, len), commands[i].what);
		} else
			fprintf(out, "  %-28.*s %s\n", (int)len, syn, commands[i].what);
	}
	fprintf(out,
	    "Options: -c FILE    the config (default %s)\n"
	    "         -h, --help this help (COMMAND --help: a command's);  -V, --version\n"
	    "See followupctl(1) and followupd.conf(5).\n",
	    config_default_path());
}

static void
command_usage(FILE *out, const struct command *cmd)
{
	fprintf(out, "usage: followupctl [-c FILE] %s\n\n%c%s.\n", cmd->synopsis,
	    toupper((unsigned char)cmd->what[0]), cmd->what + 1);
	if (cmd->more)
		fprintf(out, "\n%s", cmd->more);
	fprintf(out, "\nSee followupctl(1).\n");
}

/* followupctl help [COMMAND] */
static int
cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc == 1) {
		ctl_usage(stdout);
		return 0;
	}
	if (argc != 2 || (cmd = find_command(argv[1])) == NULL) {
		fprintf(stderr, "followupctl help: unknown command '%s' (see followupctl help)\n",
		    argc > 1 ? argv[1] : "");
		return EXIT_USAGE;
	}
	command_usage(stdout, cmd);
	return 0;
}

/* COMMAND --help (or -h): its usage, and nothing else happens. */
static bool
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctl c = { 0 };
	const struct command *cmd = NULL;
	int ch, rc, verbose = 0;

	log_init("followupctl", true, 0);
	while ((ch = getopt_long(argc, argv, "+c:hvV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case 'h':
			ctl_usage(stdout);
			return 0;
		case 'V':
			printf("followupctl %s\n", PACKAGE_VERSION);
			return 0;
		default:
			ctl_usage(stderr);
			return EXIT_USAGE;
		}
	}
	log_set_verbosity(verbose);
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		ctl_usage(stderr);
		return EXIT_USAGE;
	}
	if ((cmd = find_command(argv[0])) == NULL) {
		fprintf(stderr, "followupctl: unknown command '%s' (see followupctl help)\n", argv[0]);
		return EXIT_USAGE;
	}
	if (wants_help(argc, argv)) {
		command_usage(stdout, cmd);
		return 0;
	}
	if (cmd->fn == NULL)
		return cmd_help(argc, argv);
	c.now = time(NULL);
	/* scan reads saved mails: a config only adds the user's addresses. */
	if (cmd->need != NEED_CONFIG_IF_ANY || c.config_path != NULL ||
	    access(config_default_path(), F_OK) == 0) {
		c.cfg = ctl_load_config(c.config_path, false);
		if (c.cfg == NULL)
			return EXIT_CONFIG;
	}
	if (cmd->need == NEED_STORE) {
		bool missing;

		c.st = ctl_open_store(c.cfg, false, &missing);
		if (c.st == NULL && !missing) {
			config_free(c.cfg);
			return EXIT_IOERR;
		}
	}
	rc = cmd->fn(&c, argc, argv);
	store_close(c.st);
	config_free(c.cfg);
	return rc;
}
