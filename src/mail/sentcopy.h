/*
 * sentcopy: whether followupd saves its own copy of a mail it sent in the
 * Sent folder (imap.sent_copy).  Pure policy: no I/O, times are passed in.
 *
 * Many servers file every submitted mail in Sent themselves (Gmail,
 * Microsoft 365, Outlook.com, ...); an APPEND there makes a second copy.
 * With sent_copy = "auto":
 *   - a server that announces X-GM-EXT-1 (Gmail) gets no APPEND;
 *   - otherwise, while the answer is not known, the copy of a mail just
 *     sent is held back and its Message-ID looked for in Sent a few times
 *     shortly after (SENTCOPY_LOOKS); found: the server files mail itself,
 *     remembered, no APPEND from then on; not found after the last look:
 *     the copy is appended then, and after SENTCOPY_MISSES such mails the
 *     answer "it does not" is remembered and copies go at once.
 * "yes" always appends, "no" never does.  None of this changes the Sent
 * lookup that settles interrupted sends: it works in every mode.
 *
 * The answer is remembered per account in the store's key/value table
 * under sentcopy_key(), as the short text sentcopy_format() writes.
 */
#ifndef FOLLOWUPD_SENTCOPY_H
#define FOLLOWUPD_SENTCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"

/* Seconds after the send at which Sent is looked at (the last bounds the
 * wait), and how many misses settle "the server does not file". */
#define SENTCOPY_NLOOKS 4
extern const int SENTCOPY_LOOKS[SENTCOPY_NLOOKS];      /* 2, 5, 10, 20 */
#define SENTCOPY_MISSES 2

/* What is known of the account.  files: 1 the server files submitted mail
 * in Sent, 0 it does not, -1 not known yet; misses: mails looked for in
 * vain while not known. */
struct sentcopy_memory {
	int files;
	int misses;
};

/* Read a stored answer ("files", "appends", "unknown", "unknown 1");
 * NULL or anything else reads as not known.  Never fails. */
void sentcopy_parse(const char *text, struct sentcopy_memory *m);
/* The text for the store (static storage, valid until the next call). */
const char *sentcopy_format(const struct sentcopy_memory *m);

/* The store key for an account: "sent_copy:" IMAP user "@" IMAP host
 * ":" port "," SMTP host (the answer is about that pair).  Caller frees. */
char *sentcopy_key(const char *imap_user, const char *imap_host, int imap_port,
    const char *smtp_host);

enum sentcopy_action {
	SENTCOPY_APPEND,        /* save the copy now */
	SENTCOPY_SKIP,          /* no copy: the server has one, or "no" */
	SENTCOPY_WATCH,         /* hold it; look for the Message-ID in Sent first */
};

/* What to do with the copy of a mail just sent.  gmail: the server
 * announced X-GM-EXT-1. */
enum sentcopy_action sentcopy_decide(enum config_sent_copy mode, bool gmail,
    const struct sentcopy_memory *m);

/* When to look for a watched mail sent at sent_at after looks_done looks;
 * 0 when every look is done (append it now if it was never found). */
time_t sentcopy_next_look(time_t sent_at, int looks_done);

/* A watched mail was found in Sent / was not found after its last look.
 * True when this changes what is remembered (worth a log line). */
bool sentcopy_found(struct sentcopy_memory *m);
bool sentcopy_missed(struct sentcopy_memory *m);

/* The Message-ID of a raw mail ("<...>", from the header block only;
 * folded values are unfolded), or NULL.  Caller frees. */
char *sentcopy_message_id(const char *data, size_t len);

#endif
