/* digest: the review digest's rule, the reply's commands, the words.  See digest.h. */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "message.h"
#include "plan.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

/* ---- when ---- */

/* The moment mail w's latest calls for a digest, or 0 (no latest, passed,
 * or a digest went out after the moment). */
static time_t
digest_latest_at(const struct config *cfg, const struct digest_waiting *w, time_t last,
		time_t now)
{
	time_t lead, at, in;

	if (w->latest == 0 || w->latest <= now)
		return 0;
	lead = w->latest > w->due ? (w->latest - w->due) / 2 : 0;
	if (lead > DIGEST_LEAD_MAX)
		lead = DIGEST_LEAD_MAX;
	at = w->latest - lead;
	if (last >= at)
		return 0;
	if (at < now)
		at = now;
	in = plan_in_window(cfg, at);
	return in < w->latest ? in : at;
}

struct digest_when
digest_next(const struct config *cfg, const struct digest_waiting *w, size_t n,
		time_t last, time_t now)
{
	struct digest_when out = { DIGEST_NONE, 0, 0 };
	time_t every = (time_t)cfg->review.digest_every.seconds;

	if (!cfg->review.digest)
		return out;
	for (size_t i = 0; i < n; i++) {
		time_t at;

		if (w[i].latest != 0 && w[i].latest <= now)
			continue;       /* too late for anything */
		if (!w[i].listed) {
			at = last && last + every > now ? last + every : now;
			at = plan_in_window(cfg, at);
			if (out.why == DIGEST_NONE || at < out.at)
				out = (struct digest_when){ DIGEST_NEW, at, w[i].id };
		}
		if ((at = digest_latest_at(cfg, &w[i], last, now)) != 0 &&
		    (out.why == DIGEST_NONE || at < out.at))
			out = (struct digest_when){ DIGEST_LATEST, at, w[i].id };
	}
	return out;
}

/* ---- the reply ---- */

static const char *const verb_names[DIGEST_VERB_COUNT] = {
	"approve", "cancel", "hold", "send now",
};

const char *
digest_verb_name(enum digest_verb v)
{
	return (unsigned)v < DIGEST_VERB_COUNT ? verb_names[v] : "?";
}

enum mail_action
digest_verb_action(enum digest_verb v)
{
	static const enum mail_action a[DIGEST_VERB_COUNT] = {
		MAIL_ACT_APPROVE, MAIL_ACT_CANCEL, MAIL_ACT_HOLD, MAIL_ACT_SEND_NOW,
	};

	return (unsigned)v < DIGEST_VERB_COUNT ? a[v] : MAIL_ACT_COUNT;
}

/* What ends a word of a command line: blanks, and the punctuation
 * people put between or after ids ("approve 4, 5.", "hold 7!"). */
static bool
word_end(char c)
{
	return isspace((unsigned char)c) || c == ',' || c == '.' || c == ';' || c == '!';
}

/* One word of line at *p, lower-cased into w (at most len - 1 bytes;
 * longer words read as ""); *p moves past it and the blanks and
 * punctuation after it (not past the line's end). */
static void
next_word(const char **p, char *w, size_t len)
{
	const char *s = *p;
	size_t n = 0;

	while (*s && !word_end(*s)) {
		if (n + 1 < len)
			w[n] = (char)tolower((unsigned char)*s);
		n++;
		s++;
	}
	w[n < len ? n : 0] = '\0';
	while (*s && *s != '\n' && word_end(*s))
		s++;
	*p = s;
}

/* An id: digits, "#" allowed before them, at most 15 digits. */
static bool
read_id(const char *w, int64_t *id)
{
	size_t n;

	if (*w == '#')
		w++;
	n = strlen(w);
	if (n == 0 || n > 15 || strspn(w, "0123456789") != n)
		return false;
	*id = (int64_t)strtoll(w, NULL, 10);
	return *id > 0;
}

/* The verb a line starts with; DIGEST_VERB_COUNT when none.  "send" must
 * be followed by "now" somewhere (*needs_now). */
static enum digest_verb
line_verb(const char *w, bool *needs_now)
{
	*needs_now = false;
	if (strcmp(w, "approve") == 0)
		return DIGEST_APPROVE;
	if (strcmp(w, "cancel") == 0)
		return DIGEST_CANCEL;
	if (strcmp(w, "hold") == 0)
		return DIGEST_HOLD;
	if (strcmp(w, "send-now") == 0)
		return DIGEST_SEND_NOW;
	if (strcmp(w, "send") == 0) {
		*needs_now = true;
		return DIGEST_SEND_NOW;
	}
	return DIGEST_VERB_COUNT;
}

/* Read one command line (its verb word already in w); 0 or -1 with *err. */
static int
parse_command(const char *p, enum digest_verb verb, bool needs_now,
		struct digest_command *c, char **err)
{
	char w[24];
	bool now = false;

	memset(c, 0, sizeof(*c));
	c->verb = verb;
	while (*p && *p != '\n') {
		next_word(&p, w, sizeof(w));
		if (needs_now && !now && strcmp(w, "now") == 0)
			now = true;
		else if (verb == DIGEST_APPROVE && strcmp(w, "all") == 0 && c->nids == 0 && !c->all)
			c->all = true;
		else if (!c->all && c->nids < DIGEST_MAX_IDS && read_id(w, &c->ids[c->nids]))
			c->nids++;
		else {
			*err = c->nids == DIGEST_MAX_IDS ?
			    xasprintf("more than %d mails in one line", DIGEST_MAX_IDS) :
			    xasprintf("\"%.*s\" is not a mail id", utf8_prefix(w, 20), w);
			return -1;
		}
	}
	if (needs_now && !now) {
		*err = xstrdup("\"send\" needs \"now\" (send 4 now)");
		return -1;
	}
	if (!c->all && c->nids == 0) {
		*err = xasprintf("\"%s\" names no mail", digest_verb_name(verb));
		return -1;
	}
	return 0;
}

/* A line that ends the reply's own text: a signature, an attribution. */
static bool
ends_text(const char *line, size_t len)
{
	if ((len == 3 && memcmp(line, "-- ", 3) == 0) || (len == 2 && memcmp(line, "--", 2) == 0))
		return true;
	if (len >= 3 && strncasecmp(line, "on ", 3) == 0 && len >= 6 &&
	    strncasecmp(line + len - 6, "wrote:", 6) == 0)
		return true;
	return len >= 5 && strncmp(line, "-----", 5) == 0;
}

int
digest_parse_reply(const char *text, struct digest_commands *out, char **err)
{
	const char *p = text ? text : "";

	memset(out, 0, sizeof(*out));
	*err = NULL;
	while (*p) {
		const char *eol = strchr(p, '\n'), *q = p;
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char w[24], *why = NULL;
		enum digest_verb verb;
		bool needs_now;

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (ends_text(p, len))
			break;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '>' && q < p + len) {
			next_word(&q, w, sizeof(w));
			if ((verb = line_verb(w, &needs_now)) != DIGEST_VERB_COUNT) {
				if (out->n == DIGEST_MAX_COMMANDS) {
					*err = xasprintf("more than %d commands", DIGEST_MAX_COMMANDS);
					return -1;
				}
				if (parse_command(q, verb, needs_now, &out->v[out->n], &why) < 0) {
					*err = xasprintf("line \"%.*s\": %s", (int)(len > 60 ? 60 : len),
					    p, why);
					free(why);
					return -1;
				}
				out->n++;
			}
		}
		p = eol ? eol + 1 : p + strlen(p);
	}
	return 0;
}

/* ---- what to do ---- */

static const struct digest_target *
find_target(const struct digest_target *t, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

/* Why verb cannot act on t now, or NULL. */
static char *
step_refusal(enum digest_verb verb, const struct digest_target *t)
{
	unsigned from = mail_action_from(digest_verb_action(verb));

	if (t->applied)
		return xstrdup("an earlier reply to this digest already acted on it");
	if (t->status == MAIL_UNKNOWN && (verb == DIGEST_APPROVE || verb == DIGEST_SEND_NOW))
		return xstrdup("its send was interrupted and it may have left: settle it with "
		    "followupctl");
	if (!(from & MODEL_BIT(t->status)))
		return xasprintf("it is %s now", mail_status_name(t->status));
	return NULL;
}

static void
add_step(struct digest_step **steps, size_t *n, int64_t id, enum digest_verb verb,
		char *refused)
{
	*steps = xreallocarray(*steps, *n + 1, sizeof(**steps));
	(*steps)[(*n)++] = (struct digest_step){ id, verb, refused };
}

/* Every id named is listed, and named once ("approve all" names the
 * listed mails it can approve). */
static char *
check_named(const struct digest_commands *c, const struct digest_target *t, size_t n)
{
	for (size_t i = 0; i < c->n; i++)
		for (size_t k = 0; k < c->v[i].nids; k++) {
			int64_t id = c->v[i].ids[k];

			if (find_target(t, n, id) == NULL)
				return xasprintf("mail %" PRId64 " was not in this digest", id);
			for (size_t j = 0; j <= i; j++)
				for (size_t l = 0; l < (j == i ? k : c->v[j].nids); l++)
					if (c->v[j].ids[l] == id)
						return xasprintf("mail %" PRId64 " is named twice", id);
		}
	return NULL;
}

int
digest_resolve(const struct digest_commands *c, const struct digest_target *t, size_t n,
		struct digest_step **steps, size_t *nsteps, char **err)
{
	size_t nall = 0;

	*steps = NULL;
	*nsteps = 0;
	*err = check_named(c, t, n);
	for (size_t i = 0; *err == NULL && i < c->n; i++)
		nall += c->v[i].all;
	if (*err == NULL && nall > 0 && (nall > 1 || c->n > 1))
		*err = xstrdup("\"approve all\" must be the only command");
	if (*err != NULL)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct digest_command *cmd = &c->v[i];

		if (cmd->all) {
			for (size_t k = 0; k < n; k++) {
				char *why = step_refusal(cmd->verb, &t[k]);

				if (why == NULL)
					add_step(steps, nsteps, t[k].id, cmd->verb, NULL);
				free(why);
			}
			continue;
		}
		for (size_t k = 0; k < cmd->nids; k++)
			add_step(steps, nsteps, cmd->ids[k], cmd->verb,
			    step_refusal(cmd->verb, find_target(t, n, cmd->ids[k])));
	}
	return 0;
}

void
digest_steps_free(struct digest_step *steps, size_t n)
{
	for (size_t i = 0; steps && i < n; i++)
		free(steps[i].refused);
	free(steps);
}

/* ---- trust ---- */

char *
digest_distrust(const struct config *cfg, const char *from_email, unsigned auth)
{
	if (from_email == NULL || !plan_is_me(cfg, from_email))
		return xasprintf("it is not from one of your addresses (From: %.*s)",
		    utf8_prefix(from_email ? from_email : "none", 80), from_email ? from_email : "none");
	if (auth & MSG_AUTH_DMARC_FAIL)
		return xstrdup("your provider's sender checks refused it (dmarc=fail)");
	if (auth & MSG_AUTH_SPF_FAIL)
		return xstrdup("your provider's sender checks refused it (spf=fail)");
	if ((auth & MSG_AUTH_DKIM_FAIL) && !(auth & MSG_AUTH_DKIM_PASS))
		return xstrdup("your provider's sender checks refused it (dkim=fail)");
	return NULL;
}

/* ---- the words ---- */

char *
digest_unflow(const char *text)
{
	struct buf b = { 0 };
	const char *p = text ? text : "";

	buf_adds(&b, "");
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		bool soft;

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0 && p[0] == ' ') {
			p++;
			len--;
		}
		soft = len > 0 && p[len - 1] == ' ' && !(len == 3 && memcmp(p, "-- ", 3) == 0);
		buf_add(&b, p, len);
		if (!soft && eol)
			buf_addc(&b, '\n');
		if (!eol)
			break;
		p = eol + 1;
	}
	return buf_steal(&b);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)toupper((unsigned char)c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *
digest_wire_text(const char *body, size_t len, bool qp)
{
	struct buf b = { 0 };
	char *text;

	buf_adds(&b, "");
	for (size_t i = 0; i < len; i++) {
		char c = body[i];

		if (c == '\0') {
			buf_free(&b);
			return NULL;
		}
		if (qp && c == '=' && i + 1 < len) {
			if (body[i + 1] == '\n') {             /* soft line break */
				i++;
				continue;
			}
			if (body[i + 1] == '\r' && i + 2 < len && body[i + 2] == '\n') {
				i += 2;
				continue;
			}
			if (i + 2 < len && hexval(body[i + 1]) >= 0 && hexval(body[i + 2]) >= 0) {
				c = (char)(hexval(body[i + 1]) * 16 + hexval(body[i + 2]));
				if (c == '\0') {
					buf_free(&b);
					return NULL;
				}
				i += 2;
			}
		}
		buf_addc(&b, c);
	}
	text = digest_unflow(b.data);
	buf_free(&b);
	return text;
}

char *
digest_subject(size_t n)
{
	return xasprintf("followupd: %zu mail%s wait%s for you", n, n == 1 ? "" : "s",
	    n == 1 ? "s" : "");
}

static const char how_to[] =
	"Answer this mail (reply to it) with one command a line:\n"
	"\n"
	"    approve all       send every mail below that waits for approval\n"
	"    approve 4 5       send mails 4 and 5 when they are due\n"
	"    cancel 6          never send mail 6\n"
	"    hold 7            keep mail 7 waiting (after an approve)\n"
	"    send 4 now        send mail 4 at once, outside the send window\n"
	"\n"
	"Only lines that start with a command count; the quoted digest and your\n"
	"signature are ignored.  A reply counts only from one of your addresses and\n"
	"only for the mails this digest lists.  On the machine followupd runs on:\n"
	"followupctl approve ID, cancel ID, hold ID, send-now ID, edit ID (change\n"
	"the words first), show ID.\n";

static void
put_time(struct buf *b, const char *label, time_t t, const char *tz, time_t now)
{
	char buf[64];

	if (t == 0) {
		buf_addf(b, "%s none\n", label);
		return;
	}
	buf_addf(b, "%s %s%s\n", label, when_format_log(t, tz, buf, sizeof(buf)),
	    t <= now ? " (passed)" : "");
}

static void
put_item(struct buf *b, const struct digest_item *it, const char *tz, time_t now)
{
	bool unknown = it->status == MAIL_UNKNOWN;

	buf_adds(b, "\n------------------------------------------------------------------------\n");
	buf_addf(b, "Mail %" PRId64 ": %s", it->id, mail_kind_name(it->kind));
	if (it->company && *it->company)
		buf_addf(b, " (%s%s%s)", it->company, it->role && *it->role ? ", " : "",
		    it->role && *it->role ? it->role : "");
	buf_addf(b, "\nWaits:  %s\n", unknown ?
	    "its send was interrupted and it may have left; settle it with followupctl" :
	    it->hold_reason ? it->hold_reason : "review mode: it waits for your approval");
	put_time(b, "Due:   ", it->due, tz, now);
	put_time(b, "Latest:", it->latest, tz, now);
	if (unknown)
		buf_addf(b, "Act:    cancel %" PRId64 "; followupctl show %" PRId64
		    ", followupctl retry %" PRId64 "\n", it->id, it->id, it->id);
	else
		buf_addf(b, "Act:    approve %" PRId64 ", cancel %" PRId64 ", hold %" PRId64
		    ", send %" PRId64 " now; followupctl approve %" PRId64 "\n",
		    it->id, it->id, it->id, it->id, it->id);
	buf_addf(b, "\nTo: %s%s%s%s\n", it->to_name && *it->to_name ? it->to_name : "",
	    it->to_name && *it->to_name ? " <" : "", it->to_email ? it->to_email : "?",
	    it->to_name && *it->to_name ? ">" : "");
	buf_addf(b, "Subject: %s\n\n", it->subject ? it->subject : "");
	buf_adds(b, it->body ? it->body : "(no text)");
	if (b->len && b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
}

/* The job mails not placed: one line each, what to do with them. */
static void
put_unplaced(struct buf *b, const struct digest_unplaced *u, size_t nu, const char *tz)
{
	char buf[64];

	buf_adds(b, "\n------------------------------------------------------------------------\n");
	buf_addf(b, "%zu job mail%s I could not place: no interview time found, nothing planned.\n"
	    "If one is an interview: followupctl add-interview --unplaced ID; once looked at:\n"
	    "followupctl dismiss ID.\n\n", nu, nu == 1 ? "" : "s");
	for (size_t i = 0; i < nu && i < DIGEST_MAX_UNPLACED; i++)
		buf_addf(b, "  %" PRId64 "  %s  %s\n      %s\n", u[i].id,
		    u[i].date ? when_format_log(u[i].date, tz, buf, sizeof(buf)) : "(no date)",
		    u[i].from ? u[i].from : "(no sender)", u[i].subject ? u[i].subject : "(no subject)");
	if (nu > DIGEST_MAX_UNPLACED)
		buf_addf(b, "  and %zu more: followupctl unplaced\n", nu - DIGEST_MAX_UNPLACED);
}

char *
digest_text(const struct digest_item *items, size_t n, const struct digest_unplaced *u,
    size_t nu, const char *tz, time_t now)
{
	struct buf b = { 0 };

	buf_addf(&b, "%zu mail%s wait%s for you; none of them leaves until you say so.\n\n",
	    n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	buf_adds(&b, how_to);
	for (size_t i = 0; i < n; i++)
		put_item(&b, &items[i], tz, now);
	if (nu > 0)
		put_unplaced(&b, u, nu, tz);
	buf_adds(&b, "------------------------------------------------------------------------\n"
	    "This digest was written by followupd for you alone.\n");
	return buf_steal(&b);
}

char *
digest_answer_text(const struct digest_step *steps, size_t n, const char *refused)
{
	struct buf b = { 0 };
	size_t done = 0;

	if (refused) {
		buf_addf(&b, "Your reply was refused; nothing was done: %s.\n", refused);
		return buf_steal(&b);
	}
	for (size_t i = 0; i < n; i++)
		done += steps[i].refused == NULL;
	if (n == 0)
		buf_adds(&b, "Your reply named no mail that could be acted on; nothing was done.\n");
	for (size_t i = 0; i < n; i++)
		if (steps[i].refused == NULL)
			buf_addf(&b, "Done: %s %" PRId64 ".\n", digest_verb_name(steps[i].verb),
			    steps[i].id);
	for (size_t i = 0; i < n; i++)
		if (steps[i].refused != NULL)
			buf_addf(&b, "Refused: %s %" PRId64 ": %s.\n", digest_verb_name(steps[i].verb),
			    steps[i].id, steps[i].refused);
	if (done)
		buf_adds(&b, "\nfollowupctl outbox shows where every mail stands.\n");
	return buf_steal(&b);
}
