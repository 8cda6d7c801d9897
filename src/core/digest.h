/*
 * digest: the review digest and the answers to it, as pure policy.  No
 * I/O, no clock of its own (`now` is a parameter), no store: the daemon
 * (daemon_digest.c) reads the state, asks these functions, and sends.
 *
 *   when        digest_next(): whether a digest goes now, or when the next
 *               is due.  The rule (review.digest, review.digest_every):
 *                 - a waiting mail no digest has listed yet calls for one
 *                   at once, unless one went out within digest_every: then
 *                   at the last one + digest_every; either way moved into
 *                   the send window (send.window, send.weekends);
 *                 - whatever the above, one goes before any waiting mail's
 *                   latest useful moment passes: at latest - lead, lead
 *                   being DIGEST_LEAD_MAX or half the time from its due to
 *                   its latest, whichever is shorter (in the send window
 *                   when that is still before the latest, else at once),
 *                   unless a digest already went out after that moment.
 *               A mail whose latest has passed calls for nothing.
 *   the reply   digest_parse_reply(): the commands of the user's answer.
 *               One command a line, any case: "approve all", "approve 4 5",
 *               "cancel 6", "hold 7", "send 4 now" (also "send now 4",
 *               "send-now 4"); ids may be written "#4" and separated by
 *               commas.  Blank lines, quoted lines ('>'), everything after
 *               a signature separator ("-- ") or an attribution ("On ...
 *               wrote:") and lines that do not start with a command word
 *               are ignored; a line that starts with one but does not
 *               read as a command is an error (the whole reply is refused:
 *               when in doubt nothing is done).
 *   what to do  digest_resolve(): the commands against the mails the
 *               digest listed: every id must be one it listed, and no mail
 *               may be named twice (else the whole reply is refused); a
 *               mail whose status does not allow the action (model.h's
 *               table; by reply, never approve or send-now a mail of
 *               unknown outcome: it may have left), or on which a reply to
 *               this digest already acted, is refused alone, with why.
 *   trust       digest_distrust(): (a) the From is one of me.addresses
 *               (parties_is_mine), (d) the first Authentication-Results
 *               header (the receiving server's) does not say dmarc=fail,
 *               spf=fail, or dkim=fail without a dkim=pass.
 *   the words   digest_text(), digest_answer_text(): the bodies of the
 *               digest and of the answer.
 *
 * Strings returned are new (caller frees); pointers in the structs handed
 * in are borrowed.
 */
#ifndef FOLLOWUPD_DIGEST_H
#define FOLLOWUPD_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "model.h"

/* A digest goes out at least this long before a mail's latest moment. */
#define DIGEST_LEAD_MAX (6 * 3600)
/* Bounds of a reply: commands, ids in one command. */
#define DIGEST_MAX_COMMANDS 32
#define DIGEST_MAX_IDS 64
/* At most this many answers to replies to one digest (a flood of forged
 * replies must not become a flood of mail to the user). */
#define DIGEST_MAX_ANSWERS 10

/* ---- when ---- */

/* A mail that waits for the user. */
struct digest_waiting {
	int64_t id;
	time_t due;
	time_t latest;              /* 0: none */
	bool listed;                /* a digest that went out listed it */
};

enum digest_why {
	DIGEST_NONE,                /* nothing calls for a digest */
	DIGEST_NEW,                 /* a mail no digest listed yet */
	DIGEST_LATEST,              /* a mail's latest moment comes near */
};

struct digest_when {
	enum digest_why why;
	time_t at;                  /* when it is due (<= now: now) */
	int64_t mail;               /* the mail that calls for it */
};

/* When the next digest is due, given the waiting mails w[0..n-1], the
 * time the last digest went out (0: never) and now.  DIGEST_NONE when
 * review.digest is false or nothing calls for one. */
struct digest_when digest_next(const struct config *cfg, const struct digest_waiting *w,
    size_t n, time_t last, time_t now);

/* ---- the reply ---- */

enum digest_verb {
	DIGEST_APPROVE, DIGEST_CANCEL, DIGEST_HOLD, DIGEST_SEND_NOW,
	DIGEST_VERB_COUNT
};

struct digest_command {
	enum digest_verb verb;
	bool all;                   /* "approve all" (approve only) */
	int64_t ids[DIGEST_MAX_IDS];
	size_t nids;
};

struct digest_commands {
	struct digest_command v[DIGEST_MAX_COMMANDS];
	size_t n;
};

/* "approve", "cancel", "hold", "send now". */
const char *digest_verb_name(enum digest_verb v);
/* The model's action for a verb. */
enum mail_action digest_verb_action(enum digest_verb v);

/*
 * Read the commands of text (the reply's own text; NULL reads as empty)
 * into *out.  0 (out->n may be 0: no command), or -1 with *err (caller
 * frees): the first line that starts like a command and is not one, or
 * more than DIGEST_MAX_COMMANDS / DIGEST_MAX_IDS.
 */
int digest_parse_reply(const char *text, struct digest_commands *out, char **err);

/* ---- what to do ---- */

/* A mail the digest listed, as it stands now. */
struct digest_target {
	int64_t id;
	enum mail_status status;
	bool applied;               /* a reply to this digest already acted on it */
};

/* One mail and what the reply asks for it. */
struct digest_step {
	int64_t id;
	enum digest_verb verb;
	char *refused;              /* NULL: to do; else why not */
};

/*
 * The steps commands c ask for, over the listed mails t[0..n-1]: *steps
 * (free with digest_steps_free) in the order named ("approve all": the
 * listed mails it can approve, in id order; none of them refused).
 * 0, or -1 with *err (caller frees) and no steps when the whole reply is
 * refused (an id the digest did not list, a mail named twice).
 */
int digest_resolve(const struct digest_commands *c, const struct digest_target *t, size_t n,
    struct digest_step **steps, size_t *nsteps, char **err);
void digest_steps_free(struct digest_step *steps, size_t n);

/* ---- trust ---- */

/* Why a reply from from_email with Authentication-Results bits auth
 * (message.h MSG_AUTH_*) must not act, or NULL. */
char *digest_distrust(const struct config *cfg, const char *from_email, unsigned auth);

/* ---- the words ---- */

/* A waiting mail as the digest shows it. */
struct digest_item {
	int64_t id;
	enum mail_kind kind;
	enum mail_status status;
	const char *to_name;        /* may be NULL */
	const char *to_email;
	const char *subject;        /* may be NULL */
	const char *body;           /* the text as it would go; may be NULL */
	const char *hold_reason;    /* NULL: waits for review mode's approval */
	const char *company;        /* may be NULL */
	const char *role;           /* may be NULL */
	time_t due;
	time_t latest;              /* 0: none */
};

/* A job mail recognition could not place (store.h, followupctl
 * unplaced), listed at the digest's end. */
struct digest_unplaced {
	int64_t id;                 /* for followupctl dismiss */
	const char *from;           /* may be NULL */
	const char *subject;        /* may be NULL */
	time_t date;                /* 0: unknown */
};
/* At most this many of them in one digest (the rest: followupctl unplaced). */
#define DIGEST_MAX_UNPLACED 20

/* The text of a format=flowed body (RFC 3676) as its reader sees it: a
 * line ending in a space (but "-- ") joins the next, one leading space of
 * a stuffed line goes.  A new string. */
char *digest_unflow(const char *text);
/* The len bytes of a text/plain body as compose writes it (7bit, or
 * quoted-printable when qp), decoded and unflowed; a new string, or NULL
 * when it holds a NUL byte. */
char *digest_wire_text(const char *body, size_t len, bool qp);

/* "followupd: 2 mails wait for you". */
char *digest_subject(size_t n);
/* The digest's body: how to answer, then every item in full, then the
 * job mails not placed (the first DIGEST_MAX_UNPLACED of nu), times in tz. */
char *digest_text(const struct digest_item *items, size_t n, const struct digest_unplaced *u,
    size_t nu, const char *tz, time_t now);
/* The answer's body: what was done (steps without a refusal) and what
 * refused and why, or why the whole reply was refused (refused not NULL:
 * steps are not looked at). */
char *digest_answer_text(const struct digest_step *steps, size_t n, const char *refused);

#endif
