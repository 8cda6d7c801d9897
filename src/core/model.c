/* model: the domain's names, clear functions and the mail lifecycle table.
 * See model.h. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define B(s) MODEL_BIT(MAIL_##s)

/* ---- the mail lifecycle ---- */

static const struct {
	const char *name;
	unsigned from;              /* statuses it may start from */
	unsigned to;                /* statuses it may lead to; 0 = unchanged */
	bool outcome;               /* followupd records the result of a send */
} ACTIONS[] = {
	[MAIL_ACT_PLAN] = { "plan", 0, B(PENDING) | B(HELD), false },
	[MAIL_ACT_APPROVE] = { "approve", B(HELD) | B(UNKNOWN), B(PENDING), false },
	[MAIL_ACT_HOLD] = { "hold", B(PENDING) | B(DEFERRED), B(HELD), false },
	[MAIL_ACT_CANCEL] = { "cancel", MAIL_WAITING | B(UNKNOWN), B(CANCELLED), false },
	[MAIL_ACT_WITHDRAW] = { "withdraw", MAIL_WAITING, B(CANCELLED), false },
	[MAIL_ACT_SEND_NOW] = { "send_now", MAIL_WAITING | B(UNKNOWN), B(PENDING), false },
	[MAIL_ACT_RETRY] = { "retry", B(FAILED) | B(UNKNOWN), B(PENDING) | B(HELD), false },
	[MAIL_ACT_EDIT] = { "edit", MAIL_WAITING | B(FAILED), 0, false },
	[MAIL_ACT_RETIME] = { "retime", MAIL_WAITING, 0, false },
	[MAIL_ACT_FOLLOW] = { "follow", B(PENDING) | B(HELD), 0, false },
	[MAIL_ACT_CLAIM] = { "claim", B(PENDING) | B(DEFERRED), B(SENDING), false },
	[MAIL_ACT_SENT] = { "sent", B(SENDING), B(SENT), true },
	[MAIL_ACT_DEFER] = { "defer", B(SENDING) | B(DEFERRED), B(DEFERRED), true },
	[MAIL_ACT_FAIL] = { "fail", B(SENDING), B(FAILED), true },
	[MAIL_ACT_UNWRITABLE] = { "unwritable", B(PENDING) | B(HELD), B(FAILED), true },
	[MAIL_ACT_LOST] = { "lost", B(SENDING), B(UNKNOWN), true },
	[MAIL_ACT_RECOVER] = { "recover", B(SENDING), B(SENT) | B(UNKNOWN), true },
	[MAIL_ACT_SUPERSEDE] = { "supersede", MAIL_WAITING, B(CANCELLED), false },
};
_Static_assert(NELEM(ACTIONS) == MAIL_ACT_COUNT, "one row per mail action");

static bool
action_ok(enum mail_action a)
{
	return (unsigned)a < MAIL_ACT_COUNT;
}

unsigned
mail_action_from(enum mail_action a)
{
	return action_ok(a) ? ACTIONS[a].from : 0;
}

unsigned
mail_action_to(enum mail_action a)
{
	return action_ok(a) ? ACTIONS[a].to : 0;
}

bool
mail_action_allows(enum mail_action a, enum mail_status from, enum mail_status to)
{
	if (!action_ok(a) || (unsigned)from >= MAIL_STATUS_COUNT ||
	    (unsigned)to >= MAIL_STATUS_COUNT || !(ACTIONS[a].from & MODEL_BIT(from)))
		return false;
	if (ACTIONS[a].to == 0)
		return to == from;
	return (ACTIONS[a].to & MODEL_BIT(to)) != 0;
}

unsigned
mail_outcome_from(enum mail_status to)
{
	unsigned from = 0;

	for (size_t a = 0; a < NELEM(ACTIONS); a++)
		if (ACTIONS[a].outcome && (ACTIONS[a].to & MODEL_BIT(to)))
			from |= ACTIONS[a].from;
	return from;
}

const char *
mail_action_name(enum mail_action a)
{
	return action_ok(a) ? ACTIONS[a].name : "?";
}

/* ---- names ---- */

static const char *const APP_STATUS[] = { "active", "rejected", "offer", "withdrawn" };
static const char *const IV_STATUS[] = { "scheduled", "done", "cancelled" };
static const char *const ROLE[] = { "interviewer", "contact", "reference", "me" };
static const char *const MAIL_KIND[] = {
	"thank_you", "thank_you_contact", "reference_warning", "status_nudge", "reflection",
	"feedback_request",
};
static const char *const MAIL_STATUS[] = {
	"pending", "held", "sending", "sent", "deferred", "failed", "cancelled", "unknown",
};

_Static_assert(NELEM(APP_STATUS) == APP_STATUS_COUNT, "app status names");
_Static_assert(NELEM(IV_STATUS) == IV_STATUS_COUNT, "interview status names");
_Static_assert(NELEM(ROLE) == ROLE_COUNT, "role names");
_Static_assert(NELEM(MAIL_KIND) == MAIL_KIND_COUNT, "mail kind names");
_Static_assert(NELEM(MAIL_STATUS) == MAIL_STATUS_COUNT, "mail status names");

static const char *
name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "?";
}

static int
parse_name(const char *const *names, size_t n, const char *s, int *out)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0) {
			*out = (int)i;
			return 0;
		}
	return -1;
}

/* Each enumeration's name and parse functions (model.h), over its table. */
#define NAMES(prefix, type, TABLE)					\
	const char *							\
	prefix##_name(type v)						\
	{								\
		return name_of(TABLE, NELEM(TABLE), (int)v);		\
	}								\
									\
	int								\
	prefix##_parse(const char *s, type *out)			\
	{								\
		int v;							\
									\
		if (parse_name(TABLE, NELEM(TABLE), s, &v) < 0)		\
			return -1;					\
		*out = (type)v;						\
		return 0;						\
	}

NAMES(app_status, enum app_status, APP_STATUS)
NAMES(iv_status, enum iv_status, IV_STATUS)
NAMES(role, enum person_role, ROLE)
NAMES(mail_kind, enum mail_kind, MAIL_KIND)
NAMES(mail_status, enum mail_status, MAIL_STATUS)

/* ---- clear ---- */

void
application_clear(struct application *a)
{
	if (a == NULL)
		return;
	free(a->company);
	free(a->role);
	free(a->company_domain);
	free(a->ats_sender);
	memset(a, 0, sizeof(*a));
}

void
interview_clear(struct interview *iv)
{
	if (iv == NULL)
		return;
	free(iv->event_uid);
	free(iv->timezone);
	free(iv->decision_by);
	free(iv->meeting_url);
	free(iv->location);
	free(iv->source_message_id);
	free(iv->source_references);
	free(iv->source_subject);
	free(iv->hold_reason);
	free(iv->doubt);
	memset(iv, 0, sizeof(*iv));
}

void
mail_clear(struct mail *m)
{
	if (m == NULL)
		return;
	free(m->recipient_name);
	free(m->recipient_email);
	free(m->message_id);
	free(m->in_reply_to);
	free(m->references);
	free(m->subject);
	free(m->rendered);
	free(m->last_error);
	free(m->hold_reason);
	free(m->cancel_reason);
	memset(m, 0, sizeof(*m));
}

void
mails_free(struct mail *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mail_clear(&rows[i]);
	free(rows);
}

void
person_clear(struct person *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

void
participant_clear(struct participant *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

void
participants_free(struct participant *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		participant_clear(&rows[i]);
	free(rows);
}
