/*
 * ctl_p: followupctl's commands and what they share (private to the
 * program; ctl.h is what followupd and followupctl share).
 *
 * followupctl.c holds the table of commands, the help and main; each
 * topic's commands have their own file:
 *   ctl_list.c    status, interviews, outbox, log, show: tables and JSON;
 *                 nothing changes
 *   ctl_review.c  approve, hold, cancel, send-now, retry (review.h)
 *   ctl_edit.c    edit: the mail in $EDITOR, checked, then saved
 *   ctl_add.c     note, add-interview: what the user adds by hand
 *                 (followup.h)
 *   ctl_check.c   check-config, check-connection, scan: no state
 *   ctl_common.c  the helpers below
 *
 * A command is int cmd_NAME(struct ctl *c, int argc, char **argv), argv[0]
 * the command's name; it returns the program's exit status (util.h's
 * EXIT_*: 64 for a wrong command line, 65 when the mail or interview
 * named cannot take the action, 74 for the state, 78 for the config).
 * Messages go to stderr as "followupctl CMD: ...".  A command that
 * changed the state tells a running daemon (ctl_poke_daemon).
 */
#ifndef FOLLOWUPD_CTL_P_H
#define FOLLOWUPD_CTL_P_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "model.h"

struct config;
struct outbox;
struct store;

/* What main loaded for the command.  cfg is NULL only for scan without a
 * config file; st is NULL when the command needs no state, or when there
 * is none yet (followupd has not run with this config). */
struct ctl {
	const char *config_path;    /* -c FILE, or NULL: the default */
	struct config *cfg;
	struct store *st;
	bool json;                  /* --json: one JSON object per line */
	time_t now;
};

/* The program's usage (followupctl.c), for a wrong command line. */
void ctl_usage(FILE *out);

/* A store call failed: print why (the SQLite message included) and
 * return EXIT_IOERR. */
int ctl_store_failed(struct ctl *c);
/* -1 with a message when there is no state yet, else 0. */
int ctl_need_store(struct ctl *c);
/* A mail number (>= 1) from s, or -1 with a message naming cmd. */
int ctl_parse_id(const char *cmd, const char *s, int64_t *id);
/* There is no mail id: say so, pointing to `followupctl outbox --all`;
 * returns EXIT_DATAERR. */
int ctl_no_mail(const char *cmd, int64_t id);
/* Tell a running daemon that the state changed (SIGUSR1: it reads the
 * state again).  The lock says who runs on this state, so no stale pid is
 * ever signalled; a daemon that cannot be signalled sees the change at
 * its next wake-up. */
void ctl_poke_daemon(struct ctl *c);
/* The outbox of this config, for commands that plan or render like the
 * daemon; NULL with every template problem printed. */
struct outbox *ctl_open_outbox(struct ctl *c);
/* "followupctl CMD: mail ID is STATUS: HINT" on stderr, every "ID" in
 * hint replaced by the mail's number. */
void ctl_print_hint(const char *cmd, int64_t id, enum mail_status st, const char *hint);

/* ctl_list.c */
int cmd_status(struct ctl *c, int argc, char **argv);
int cmd_interviews(struct ctl *c, int argc, char **argv);
int cmd_outbox(struct ctl *c, int argc, char **argv);
int cmd_log(struct ctl *c, int argc, char **argv);
int cmd_unplaced(struct ctl *c, int argc, char **argv);
int cmd_show(struct ctl *c, int argc, char **argv);
/* ctl_review.c: cmd_transition is approve, hold and cancel. */
int cmd_transition(struct ctl *c, int argc, char **argv);
int cmd_send_now(struct ctl *c, int argc, char **argv);
int cmd_retry(struct ctl *c, int argc, char **argv);
int cmd_dismiss(struct ctl *c, int argc, char **argv);
/* ctl_edit.c */
int cmd_edit(struct ctl *c, int argc, char **argv);
/* ctl_add.c */
int cmd_note(struct ctl *c, int argc, char **argv);
int cmd_add_interview(struct ctl *c, int argc, char **argv);
/* ctl_check.c */
int cmd_check_config(struct ctl *c, int argc, char **argv);
int cmd_check_connection(struct ctl *c, int argc, char **argv);
int cmd_scan(struct ctl *c, int argc, char **argv);

#endif
