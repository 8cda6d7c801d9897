/* outbox: queue, render, send, retry, recover.  See outbox.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compose.h"
#include "log.h"
#include "notes.h"
#include "outbox.h"
#include "parties.h"
#include "plan.h"
#include "util.h"
#include "when.h"

/* Retry delays: base * 2^(attempt-1), +-25% jitter, capped. */
#define RETRY_BASE 300
#define RETRY_CAP (4 * 3600)
/* After a refused login, the next try (the user has to act first). */
#define AUTH_RETRY 1800

struct outbox {
	struct store *st;
	const struct config *cfg;
	struct template *tmpl[TEMPLATE_NKINDS];
	int retry_base;
	/* Set by a round that found the daily cap reached: the next local
	 * midnight, when the count starts again.  Until then no mail is due
	 * (outbox_next_due) and the limit is not logged again. */
	time_t capped_until;
};

struct outbox *
outbox_new(struct store *st, const struct config *cfg, struct template_errors *errors)
{
	struct outbox *ob = xcalloc(1, sizeof(*ob));
	const char *base = getenv("FOLLOWUPD_TEST_RETRY_SECONDS");
	int64_t v;
	bool ok = true;

	ob->st = st;
	ob->cfg = cfg;
	/* Hidden test switch: short retry delays for the deferral tests. */
	ob->retry_base = base && parse_int64(base, 1, 3600, &v) == 0 ? (int)v : RETRY_BASE;
	for (int k = 0; k < TEMPLATE_NKINDS; k++)
		if (template_load(cfg->templates_dir, (enum template_kind)k, &ob->tmpl[k], errors) == -1)
			ok = false;
	if (!ok) {
		outbox_free(ob);
		return NULL;
	}
	return ob;
}

void
outbox_free(struct outbox *ob)
{
	if (ob == NULL)
		return;
	for (int k = 0; k < TEMPLATE_NKINDS; k++)
		template_free(ob->tmpl[k]);
	free(ob);
}

/* ---- rendering ---- */

/*
 * Set a one-line value (a name, a company, a role): whatever came from a
 * mail may hold line breaks or control bytes; they become spaces, so a
 * value can never start a line of its own.  Notes and the signature keep
 * their lines and go through template_vars_set() directly.
 */
static void
set1(struct template_vars *vars, const char *name, const char *value)
{
	char *v, *w;

	if (value == NULL || *value == '\0') {
		template_vars_set(vars, name, NULL);
		return;
	}
	v = xstrdup(value);
	for (w = v; *w; w++)
		if ((unsigned char)*w < 0x20 || *w == 0x7f)
			*w = ' ';
	template_vars_set(vars, name, str_trim(v));
	free(v);
}

static const char *
person_label(const struct participant *p)
{
	return p->name && *p->name ? p->name : p->email;
}

/*
 * The user's words for mail m (notes.h): *general and *personal, new
 * strings or NULL.  Thank-you: "All:" lines, and the lines addressed to
 * its recipient; to the contact for the interviewers without an address:
 * both in *general; reflection (to the user): every line as written; any
 * other mail: only the lines addressed to its recipient.  Private lines
 * never reach anyone but the user.
 */
static void
mail_words(const struct mail *m, enum template_kind kind,
		const struct participant *people, size_t np,
		const struct store_note *notes, size_t nn, char **general, char **personal)
{
	struct notes_person *who = xcalloc(np + 1, sizeof(*who));
	const char **texts = xcalloc(nn + 1, sizeof(*texts));
	struct notes parsed = { 0 };
	size_t r = np;
	char *all, *one;

	*general = *personal = NULL;
	for (size_t i = 0; i < np; i++) {
		who[i].name = people[i].name;
		who[i].email = people[i].email;
		if (r == np && people[i].email && m->recipient_email &&
		    strcasecmp(people[i].email, m->recipient_email) == 0)
			r = i;
	}
	for (size_t i = 0; i < nn; i++)
		texts[i] = notes[i].text;
	notes_parse(texts, nn, who, np, &parsed);
	all = notes_join(&parsed, NOTES_ALL, 0, "\n\n");
	one = r < np ? notes_join(&parsed, NOTES_ONE, r, "\n\n") : NULL;
	switch (kind) {
	case TEMPLATE_REFLECTION:
		*general = notes_join(&parsed, NOTES_PRIVATE, 0, "\n");
		break;
	case TEMPLATE_THANK_YOU:
		*general = all;
		*personal = one;
		all = one = NULL;
		break;
	case TEMPLATE_THANK_YOU_CONTACT:
		*general = all && one ? xasprintf("%s\n\n%s", all, one) : all ? all : one;
		if (all && one) {
			free(all);
			free(one);
		}
		all = one = NULL;
		break;
	default:
		*general = one;
		one = NULL;
		break;
	}
	free(all);
	free(one);
	notes_free(&parsed);
	free(texts);
	free(who);
}

/* Companies whose interviews this reference warning speaks for: those
 * that qualify and arose since the last warning sent to the reference. */
static char *
folded_companies(struct outbox *ob, const char *ref_email)
{
	const struct config *cfg = ob->cfg;
	struct store_outbox_filter f = {
		.kind_mask = STORE_BIT(MAIL_REFERENCE_WARNING),
		.status_mask = STORE_BIT(MAIL_SENT), .recipient_email = ref_email,
	};
	struct store_interview_filter iff = {
		.status_mask = STORE_BIT(IV_SCHEDULED) | STORE_BIT(IV_DONE),
	};
	struct store_outbox_row *rows = NULL;
	struct store_interview_row *ivs = NULL;
	size_t n = 0, niv = 0, nnames = 0;
	const char **names = NULL;
	int64_t last = 0;
	char *out;

	if (store_outbox_list(ob->st, &f, &rows, &n) >= 0)
		for (size_t i = 0; i < n; i++)
			if (rows[i].m.sent_at > last)
				last = rows[i].m.sent_at;
	store_outbox_rows_free(rows, n);
	if (store_interview_list(ob->st, &iff, &ivs, &niv) >= 0) {
		names = xcalloc(niv + 1, sizeof(*names));
		for (size_t i = 0; i < niv; i++) {
			bool dup = false;

			const struct interview *iv = &ivs[i].iv;

			if (iv->created < last || ivs[i].company == NULL ||
			    ivs[i].app_status != APP_ACTIVE)
				continue;
			if (cfg->reference_warning.when == CONFIG_REFWARN_FINAL &&
			    !iv->final_round && !iv->asks_references)
				continue;
			for (size_t k = 0; k < nnames; k++)
				dup = dup || strcasecmp(names[k], ivs[i].company) == 0;
			if (!dup)
				names[nnames++] = ivs[i].company;
		}
	}
	out = template_join_names(names, nnames);
	free(names);
	store_interviews_free(ivs, niv);
	return out;
}

static enum template_kind template_for(const struct mail *m);

char *
outbox_mail_words(struct outbox *ob, int64_t id)
{
	struct mail m = { 0 };
	struct participant *people = NULL;
	struct store_note *notes = NULL;
	size_t np = 0, nn = 0;
	char *general = NULL, *personal = NULL, *out = NULL;
	enum template_kind kind;

	if (store_outbox_get(ob->st, id, &m) != 1 || m.edited || m.interview_id == 0)
		goto out;
	kind = template_for(&m);
	if (kind == TEMPLATE_REFLECTION)
		goto out;
	if (store_interview_people(ob->st, m.interview_id, &people, &np) < 0 ||
	    store_note_list(ob->st, m.interview_id, &notes, &nn) < 0)
		goto out;
	mail_words(&m, kind, people, np, notes, nn, &general, &personal);
	if (general && personal)
		out = xasprintf("%s\n%s", personal, general);
	else
		out = personal ? xstrdup(personal) : general ? xstrdup(general) : NULL;
out:
	free(general);
	free(personal);
	participants_free(people, np);
	store_notes_free(notes, nn);
	mail_clear(&m);
	return out;
}

char *
outbox_notes_summary(struct outbox *ob, int64_t id)
{
	struct participant *people = NULL;
	struct store_note *notes = NULL;
	struct notes_person *who = NULL;
	const char **texts = NULL;
	struct notes parsed = { 0 };
	size_t np = 0, nn = 0;
	char *out = NULL;

	if (store_interview_people(ob->st, id, &people, &np) < 0 ||
	    store_note_list(ob->st, id, &notes, &nn) < 0)
		goto out;
	who = xcalloc(np + 1, sizeof(*who));
	texts = xcalloc(nn + 1, sizeof(*texts));
	for (size_t i = 0; i < np; i++)
		who[i] = (struct notes_person){ people[i].name, people[i].email };
	for (size_t i = 0; i < nn; i++)
		texts[i] = notes[i].text;
	notes_parse(texts, nn, who, np, &parsed);
	out = notes_summary(&parsed, who, np);
out:
	notes_free(&parsed);
	free(texts);
	free(who);
	participants_free(people, np);
	store_notes_free(notes, nn);
	return out;
}

static enum template_kind
template_for(const struct mail *m)
{
	switch (m->kind) {
	case MAIL_THANK_YOU: return TEMPLATE_THANK_YOU;
	case MAIL_THANK_YOU_CONTACT: return TEMPLATE_THANK_YOU_CONTACT;
	case MAIL_REFERENCE_WARNING: return TEMPLATE_REFERENCE_WARNING;
	case MAIL_STATUS_NUDGE: return TEMPLATE_STATUS_NUDGE;
	case MAIL_REFLECTION: return TEMPLATE_REFLECTION;
	case MAIL_FEEDBACK_REQUEST: return TEMPLATE_FEEDBACK_REQUEST;
	default: return TEMPLATE_FEEDBACK_REQUEST;
	}
}

/* What a mail is written from: its application, interview, people, notes. */
struct mail_state {
	struct application app;
	struct interview iv;
	bool have_iv;
	struct participant *people;
	size_t np;
	struct store_note *notes;
	size_t nn;
};

static void
mail_state_load(struct outbox *ob, const struct mail *m, struct mail_state *ms)
{
	memset(ms, 0, sizeof(*ms));
	if (m->application_id)
		store_application_get(ob->st, m->application_id, &ms->app);
	if (m->interview_id && store_interview_get(ob->st, m->interview_id, &ms->iv) == 1) {
		ms->have_iv = true;
		store_interview_people(ob->st, ms->iv.id, &ms->people, &ms->np);
		store_note_list(ob->st, ms->iv.id, &ms->notes, &ms->nn);
	}
}

static void
mail_state_clear(struct mail_state *ms)
{
	application_clear(&ms->app);
	interview_clear(&ms->iv);
	participants_free(ms->people, ms->np);
	store_notes_free(ms->notes, ms->nn);
	memset(ms, 0, sizeof(*ms));
}

/* company, role, interview, interview.day, decision_by, me.*. */
static void
vars_context(const struct config *cfg, const struct mail *m,
		const struct mail_state *ms, time_t now, struct template_vars *vars)
{
	const struct interview *iv = &ms->iv;
	char buf[64];

	if (ms->app.company) {
		set1(vars, "company", ms->app.company);
		set1(vars, "role", ms->app.role && *ms->app.role ? ms->app.role : NULL);
	}
	if (ms->have_iv && iv->start) {
		template_vars_set_time(vars, "interview", (time_t)iv->start, cfg->me.timezone);
		/* As of sending: now, or its due time when that is later. */
		template_vars_set(vars, "interview.day", when_format_day((time_t)iv->start,
		    m->due > now ? (time_t)m->due : now, cfg->me.timezone, buf, sizeof(buf)));
	}
	if (ms->have_iv && iv->decision_by) {
		time_t t;

		if (when_parse_iso(iv->decision_by, &t) == 0)
			template_vars_set(vars, "decision_by",
			    when_format_date(t + 12 * 3600, "UTC", buf, sizeof(buf)));
	}
	set1(vars, "me.name", cfg->me.name);
	set1(vars, "me.email", cfg->me.addresses[0]);
	template_vars_set(vars, "me.signature",
	    cfg->me.signature && *cfg->me.signature ? cfg->me.signature : NULL);
}

/* interviewers, others, interviewer.*, contact.*: who the mail speaks of. */
static void
vars_people(const struct config *cfg, const struct mail *m, enum template_kind kind,
		const struct participant *people, size_t np, struct template_vars *vars)
{
	const char **inames = xcalloc(np + 1, sizeof(*inames));
	char **onames = xcalloc(np + 1, sizeof(*onames));  /* first names of the others */
	const struct participant *contact = NULL, *recipient = NULL;
	size_t ni = 0, no = 0;
	char *s;

	for (size_t i = 0; i < np; i++) {
		const struct participant *p = &people[i];

		if (p->role == ROLE_CONTACT && contact == NULL)
			contact = p;
		if (p->role != ROLE_INTERVIEWER || plan_is_me(cfg, p->email) ||
		    parties_is_team(p->email))
			continue;       /* plan.c: a team's address thanks nobody */
		if ((p->email && strcasecmp(p->email, m->recipient_email) == 0) ||
		    (p->email == NULL && m->person_id != 0 && p->id == m->person_id)) {
			/* the reader is "you", first, never named to themself
			 * ("the time you and Max spent with me") */
			recipient = p;
			memmove(inames + 1, inames, ni * sizeof(*inames));
			inames[0] = "you";
			ni++;
		} else {
			char *first = p->name && *p->name ? template_given_name(p->name, p->email) : NULL;

			inames[ni++] = person_label(p);
			onames[no++] = first ? first : xstrdup(person_label(p) ? person_label(p) : "?");
		}
	}
	if ((s = template_join_names(inames, ni))) {
		set1(vars, "interviewers", s);
		free(s);
	}
	if (kind == TEMPLATE_THANK_YOU) {
		if ((s = template_join_names((const char *const *)onames, no))) {
			set1(vars, "others", s);
			free(s);
		}
		set1(vars, "interviewer.name", recipient ? recipient->name : m->recipient_name);
		set1(vars, "interviewer.email", m->recipient_email);
	}
	/* A team's address has a name ("Acme – Recruiting") but no person to
	 * greet by it: "Hi there", not "Hi Acme".  A mail written to the
	 * contact greets whom it goes to: a feedback request to the person
	 * who sent the rejection is not "Hi Ravi" because Ravi is the
	 * application's contact. */
	if (kind == TEMPLATE_FEEDBACK_REQUEST || kind == TEMPLATE_STATUS_NUDGE ||
	    kind == TEMPLATE_THANK_YOU_CONTACT) {
		const char *name = m->recipient_name;

		if ((name == NULL || *name == '\0') && contact != NULL && contact->email != NULL &&
		    strcasecmp(contact->email, m->recipient_email) == 0)
			name = contact->name;
		set1(vars, "contact.name", parties_is_team(m->recipient_email) ? NULL : name);
		set1(vars, "contact.email", m->recipient_email);
	} else if (contact) {
		set1(vars, "contact.name", parties_is_team(contact->email) ? NULL : contact->name);
		set1(vars, "contact.email", contact->email);
	}
	if (kind == TEMPLATE_THANK_YOU_CONTACT) {
		/* The interviewers it speaks for are the ones without an address. */
		size_t k = 0;

		for (size_t i = 0; i < np; i++)
			if (people[i].role == ROLE_INTERVIEWER && people[i].email == NULL)
				inames[k++] = person_label(&people[i]);
		s = k ? template_join_names(inames, k) : NULL;
		template_vars_set(vars, "interviewers", s);
		template_vars_set(vars, "interviewers.several", k >= 2 ? "yes" : NULL);
		free(s);
	}
	free(inames);
	for (size_t i = 0; i < no; i++)
		free(onames[i]);
	free(onames);
}

/* reference.*, companies: what a reference warning is about. */
static void
vars_reference(struct outbox *ob, const struct mail *m, struct template_vars *vars)
{
	const struct config *cfg = ob->cfg;
	char *s;

	for (size_t i = 0; i < cfg->nreferences; i++) {
		const struct config_reference *r = &cfg->references[i];

		if (strcasecmp(r->email, m->recipient_email) != 0)
			continue;
		set1(vars, "reference.name", r->name);
		set1(vars, "reference.email", r->email);
		set1(vars, "reference.relationship", *r->relationship ? r->relationship : NULL);
		set1(vars, "reference.highlight", *r->highlight ? r->highlight : NULL);
	}
	if ((s = folded_companies(ob, m->recipient_email))) {
		set1(vars, "companies", s);
		free(s);
	}
}

/* notes, interviewer.notes (the user's words), nth, again. */
static void
vars_words(const struct mail *m, enum template_kind kind, const struct mail_state *ms,
		struct template_vars *vars)
{
	char *general = NULL, *personal = NULL, buf[64];

	mail_words(m, kind, ms->people, ms->np, ms->notes, ms->nn, &general, &personal);
	template_vars_set(vars, "notes", general);
	if (kind == TEMPLATE_THANK_YOU)
		template_vars_set(vars, "interviewer.notes", personal);
	template_vars_set(vars, "nth", template_ordinal(m->nth, buf, sizeof(buf)));
	template_vars_set(vars, "again", m->nth > 1 ? "again" : NULL);
	free(general);
	free(personal);
}

/* Render the template of mail m with vars, then compose the message. */
static int
compose_mail(struct outbox *ob, const struct mail *m, enum template_kind kind,
		const struct mail_state *ms, const struct template_vars *vars, time_t now,
		struct buf *out, char **msgid, char **err)
{
	const struct config *cfg = ob->cfg;
	char *subject = NULL, *cc = NULL, *body = NULL;
	struct compose_addrs ccs = { 0 };
	struct compose_addr to = { m->recipient_name, m->recipient_email };
	/* a thread whose Message-ID is malformed ("<BY5PR11MB4243.namprd11>",
	 * no "@") cannot be answered: the nudge starts its own thread rather
	 * than fail */
	bool reply = m->kind == MAIL_STATUS_NUDGE && m->in_reply_to &&
	    compose_msgid_valid(m->in_reply_to);
	int rc = -1;

	if (template_render(ob->tmpl[kind], vars, &subject, &cc, &body, err) == 0 &&
	    (cc == NULL || compose_parse_addresses(cc, &ccs, err) == 0)) {
		struct compose_mail cm = {
			.from_name = cfg->me.name, .from_addr = cfg->me.addresses[0],
			.to = &to, .nto = 1, .cc = ccs.v, .ncc = ccs.n,
			.subject = reply && ms->have_iv && ms->iv.source_subject ?
			    ms->iv.source_subject : subject,
			.body = body,
			.in_reply_to = reply ? m->in_reply_to : NULL,
			.references = reply ? m->references : NULL,
			.date = now, .timezone = cfg->me.timezone, .message_id = m->message_id,
		};

		rc = compose_build(&cm, out, msgid, err);
	}
	free(subject);
	free(cc);
	free(body);
	compose_addrs_free(&ccs);
	return rc;
}

/*
 * Build the bytes of mail m: every variable from the state, the template
 * its kind names, then compose.  Returns 0 with *out and *msgid, or -1
 * with *err.
 */
static int
build(struct outbox *ob, const struct mail *m, time_t now, struct buf *out,
		char **msgid, char **err)
{
	struct template_vars vars = { 0 };
	struct mail_state ms;
	enum template_kind kind = template_for(m);
	int rc;

	*err = NULL;
	mail_state_load(ob, m, &ms);
	vars_context(ob->cfg, m, &ms, now, &vars);
	vars_people(ob->cfg, m, kind, ms.people, ms.np, &vars);
	if (kind == TEMPLATE_REFERENCE_WARNING)
		vars_reference(ob, m, &vars);
	vars_words(m, kind, &ms, &vars);
	rc = compose_mail(ob, m, kind, &ms, &vars, now, out, msgid, err);
	template_vars_clear(&vars);
	mail_state_clear(&ms);
	return rc;
}

int
outbox_render(struct outbox *ob, int64_t id, time_t now, char **err)
{
	struct mail m = { 0 };
	struct buf out = { 0 };
	char *msgid = NULL;
	int rc;

	*err = NULL;
	if ((rc = store_outbox_get(ob->st, id, &m)) != 1) {
		*err = rc < 0 ? xstrdup(store_errmsg(ob->st)) : xasprintf("no mail %" PRId64, id);
		return -1;
	}
	rc = 0;
	if (!m.edited) {
		if (build(ob, &m, now, &out, &msgid, err) == -1)
			rc = -1;
		else if (store_outbox_set_rendered(ob->st, id, out.data, out.len, msgid, false) < 0) {
			*err = xstrdup(store_errmsg(ob->st));
			rc = -1;
		}
	}
	free(msgid);
	buf_free(&out);
	mail_clear(&m);
	return rc;
}

int
outbox_render_interview(struct outbox *ob, int64_t id, time_t now)
{
	struct store_outbox_filter f = { .interview_id = id,
	    .status_mask = MAIL_WAITING };
	struct store_outbox_row *rows = NULL;
	size_t n = 0;
	int rc, done = 0;

	if ((rc = store_outbox_list(ob->st, &f, &rows, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		char *err = NULL;

		if (rows[i].m.edited)
			continue;
		if (outbox_render(ob, rows[i].m.id, now, &err) == -1) {
			log_warn("mail %" PRId64 ": cannot write it again: %s", rows[i].m.id, err);
			free(err);
			continue;
		}
		done++;
	}
	store_outbox_rows_free(rows, n);
	return done;
}

/* ---- planning ---- */

static void
reference_states(struct outbox *ob, struct plan_reference_state *refs)
{
	for (size_t i = 0; i < ob->cfg->nreferences; i++) {
		struct store_outbox_filter f = {
			.kind_mask = STORE_BIT(MAIL_REFERENCE_WARNING),
			.recipient_email = ob->cfg->references[i].email,
		};
		struct store_outbox_row *rows = NULL;
		size_t n = 0;

		if (store_outbox_list(ob->st, &f, &rows, &n) < 0)
			continue;
		for (size_t k = 0; k < n; k++) {
			if (rows[k].m.status == MAIL_SENT && rows[k].m.sent_at > refs[i].last_sent)
				refs[i].last_sent = rows[k].m.sent_at;
			if ((STORE_BIT(rows[k].m.status) & MAIL_WAITING) &&
			    refs[i].waiting_id == 0)
				refs[i].waiting_id = rows[k].m.id;
		}
		store_outbox_rows_free(rows, n);
	}
}

/* Queue one planned mail: insert, render, log.  New: 1, known: 0. */
static int
queue(struct outbox *ob, const struct plan_mail *pm, const struct interview *iv,
		time_t now)
{
	struct mail m = {
		.kind = pm->kind, .status = pm->held ? MAIL_HELD : MAIL_PENDING,
		.application_id = pm->application_id, .interview_id = pm->interview_id,
		.person_id = pm->person_id, .recipient_name = pm->recipient_name,
		.recipient_email = pm->recipient_email, .nth = pm->nth, .due = pm->due,
		.hold_reason = pm->hold_reason,
	};
	struct mail old = { 0 };
	char when[32], *err = NULL;
	int64_t id = 0;
	int rc;

	if (pm->reply && iv) {
		m.in_reply_to = iv->source_message_id;
		m.references = iv->source_references;
		m.subject = iv->source_subject;
	}
	rc = store_outbox_insert(ob->st, &m, &id);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		/* Already queued: follow a moved interview, if it still waits. */
		if (store_outbox_get(ob->st, id, &old) == 1 && !old.edited && old.due != pm->due &&
		    (MODEL_BIT(old.status) & mail_action_from(MAIL_ACT_FOLLOW))) {
			if ((rc = store_outbox_set_due(ob->st, id, pm->due)) >= 0)
				rc = store_event_add(ob->st, "moved", pm->application_id, pm->interview_id,
				    id, "mail %" PRId64 " (%s to %s) now due %s", id,
				    mail_kind_name(pm->kind), pm->recipient_email,
				    when_format_iso(pm->due, when, sizeof(when)));
		}
		mail_clear(&old);
		return rc < 0 ? rc : 0;
	}
	if (outbox_render(ob, id, now, &err) == -1) {
		/* Keep the decision visible: held with the reason, for the user. */
		log_warn("mail %" PRId64 " (%s to %s) cannot be written: %s", id,
		    mail_kind_name(pm->kind), pm->recipient_email, err);
		rc = store_outbox_set_status(ob->st, id, MAIL_FAILED, err, 0);
		if (rc >= 0)
			rc = store_event_add(ob->st, "failed", pm->application_id, pm->interview_id, id,
			    "mail %" PRId64 " cannot be written: %s", id, err);
		free(err);
		return rc < 0 ? rc : 1;
	}
	rc = store_event_add(ob->st, pm->held ? "held" : "scheduled", pm->application_id,
	    pm->interview_id, id, "mail %" PRId64 ": %s, due %s%s%s%s", id, pm->why,
	    when_format_iso(pm->due, when, sizeof(when)),
	    pm->held ? ", waiting for approval" : "",
	    pm->hold_reason ? "; held: " : "", pm->hold_reason ? pm->hold_reason : "");
	when_format_log(pm->due, ob->cfg->me.timezone, when, sizeof(when));
	if (pm->hold_reason)
		log_notice("scheduled mail %" PRId64 ": %s, due %s (held: %s; it waits for "
		    "followupctl approve %" PRId64 ")", id, pm->why, when, pm->hold_reason, id);
	else
		log_notice("scheduled mail %" PRId64 ": %s, due %s%s", id, pm->why, when,
		    pm->held ? " (held for review)" : "");
	return rc < 0 ? rc : 1;
}

static int
apply_plan(struct outbox *ob, struct plan *p, const struct interview *iv, time_t now)
{
	int rc = 0, added = 0;

	for (size_t i = 0; i < p->nnotes && rc >= 0; i++)
		rc = store_event_add(ob->st, "plan", iv ? iv->application_id : 0, iv ? iv->id : 0, 0,
		    "%s", p->notes[i]);
	for (size_t i = 0; i < p->nskipped && rc >= 0; i++) {
		log_notice("%s", p->skipped[i]);
		rc = store_event_add(ob->st, "skipped", iv ? iv->application_id : 0, iv ? iv->id : 0,
		    0, "%s", p->skipped[i]);
	}
	for (size_t i = 0; i < p->n && rc >= 0; i++)
		if ((rc = queue(ob, &p->mails[i], iv, now)) > 0)
			added++;
	return rc < 0 ? rc : added;
}

/* One thank-you each: a contact who joins the panel (an update lists them)
 * gets the interviewer's thank-you, and the thanks for arranging that
 * waits for them is superseded; when the user edited that one, the new
 * one is held instead (their words stand until they choose). */
static int
one_thanks_each(struct outbox *ob, struct plan *p, const struct interview *iv)
{
	int rc = 0;

	for (size_t i = 0; i < p->n && rc >= 0; i++) {
		struct plan_mail *pm = &p->mails[i];
		struct store_outbox_filter f = {
			.status_mask = MAIL_WAITING,
			.kind_mask = STORE_BIT(MAIL_THANK_YOU_CONTACT),
			.interview_id = iv->id,
			.recipient_email = pm->recipient_email,
		};
		struct store_outbox_row *rows = NULL;
		size_t n = 0;

		if (pm->kind != MAIL_THANK_YOU || pm->recipient_email == NULL)
			continue;
		if ((rc = store_outbox_list(ob->st, &f, &rows, &n)) < 0)
			break;
		for (size_t k = 0; k < n && rc >= 0; k++) {
			char *why;

			if (rows[k].m.edited) {
				pm->held = true;
				if (pm->hold_reason == NULL)
					pm->hold_reason = xasprintf("%s has your edited thanks for "
					    "arranging (mail %" PRId64 "): one thank-you each; approve "
					    "this one or cancel it", pm->recipient_email, rows[k].m.id);
				continue;
			}
			why = xasprintf("superseded: %s is on the panel now; the interviewer's "
			    "thank-you replaces the thanks for arranging", pm->recipient_email);
			if ((rc = store_outbox_supersede(ob->st, rows[k].m.id, why)) > 0)
				rc = store_event_add(ob->st, "superseded", iv->application_id, iv->id,
				    rows[k].m.id, "mail %" PRId64 " %s", rows[k].m.id, why);
			free(why);
		}
		store_outbox_rows_free(rows, n);
	}
	return rc < 0 ? rc : 0;
}

int
outbox_plan_interview(struct outbox *ob, int64_t id, time_t now)
{
	struct interview iv = { 0 };
	struct application app = { 0 };
	struct participant *people = NULL;
	struct plan_reference_state *refs;
	struct plan p = { 0 };
	size_t np = 0;
	int rc;

	if ((rc = store_interview_get(ob->st, id, &iv)) != 1)
		return rc < 0 ? rc : 0;
	if ((rc = store_application_get(ob->st, iv.application_id, &app)) < 0) {
		interview_clear(&iv);
		return rc;
	}
	refs = xcalloc(ob->cfg->nreferences + 1, sizeof(*refs));
	reference_states(ob, refs);
	if ((rc = store_interview_people(ob->st, id, &people, &np)) >= 0) {
		struct store_note *notes = NULL;
		size_t nn = 0;

		store_note_list(ob->st, id, &notes, &nn);
		store_notes_free(notes, nn);
		plan_interview(ob->cfg, &iv, app.status, (time_t)app.last_contact, people, np,
		    nn > 0, refs, now, &p);
		if ((rc = one_thanks_each(ob, &p, &iv)) >= 0)
			rc = apply_plan(ob, &p, &iv, now);
	}
	plan_clear(&p);
	free(refs);
	participants_free(people, np);
	application_clear(&app);
	interview_clear(&iv);
	return rc;
}

int
outbox_plan_rejection(struct outbox *ob, int64_t app, int64_t interview,
		const char *to_name, const char *to_email, time_t at, time_t now,
		bool met, const char *doubt)
{
	struct person to = { .name = (char *)to_name, .email = (char *)to_email };
	struct participant *people = NULL;
	struct interview iv = { 0 }, *ivp = NULL;
	struct plan p = { 0 };
	size_t np = 0;
	int rc = 0;

	if (interview && store_interview_get(ob->st, interview, &iv) == 1)
		ivp = &iv;
	if (to_email == NULL && interview &&
	    (rc = store_interview_people(ob->st, interview, &people, &np)) >= 0)
		for (size_t i = 0; i < np; i++)
			if (people[i].role == ROLE_CONTACT && people[i].email) {
				to = (struct person){ .id = people[i].id, .name = people[i].name,
				    .email = people[i].email, .first_role = ROLE_CONTACT };
				break;
			}
	if (rc >= 0) {
		plan_rejection(ob->cfg, app, interview, to.email ? &to : NULL, at, now, met, doubt,
		    &p);
		rc = apply_plan(ob, &p, ivp, now);
	}
	plan_clear(&p);
	participants_free(people, np);
	interview_clear(&iv);
	return rc;
}

/* ---- sending ---- */

time_t
outbox_next_due(struct outbox *ob)
{
	int64_t when = 0;

	if (store_outbox_next_due(ob->st, &when) != 1)
		return 0;
	/* A capped mail waits for the count to start again. */
	return (time_t)when < ob->capped_until ? ob->capped_until : (time_t)when;
}

/* The local midnight that starts the day of now, and the next one, in
 * me.timezone (a day of 23 or 25 hours on a DST change). */
static time_t
local_midnight(const struct config *cfg, time_t now, int days)
{
	struct tm tm;

	when_local(now, cfg->me.timezone, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return when_from_local(&tm, cfg->me.timezone);
}

/*
 * The daily cap: true when sent_today has reached send.max_per_day at now.
 * The first capped round of a day logs it and marks the outbox capped
 * until the next local midnight; a round that finds room clears the mark.
 */
static bool
cap_reached(struct outbox *ob, int64_t sent_today, time_t now)
{
	const struct config *cfg = ob->cfg;

	if (sent_today < cfg->send.max_per_day) {
		ob->capped_until = 0;
		return false;
	}
	if (now >= ob->capped_until) {
		log_warn("daily limit of %d mails reached; the rest waits for tomorrow",
		    cfg->send.max_per_day);
		ob->capped_until = local_midnight(cfg, now, 1);
	}
	return true;
}

static time_t
retry_at(const struct outbox *ob, int attempts, time_t now)
{
	double d = ob->retry_base;

	for (int i = 1; i < attempts && d < RETRY_CAP; i++)
		d *= 2;
	if (d > RETRY_CAP)
		d = RETRY_CAP;
	d *= 0.75 + (double)(random() % 501) / 1000.0;     /* +-25% jitter */
	return now + (time_t)d;
}

/*
 * ---- sending ----
 *
 * Per mail, over the one connection: the claim (its bytes written for the
 * last time in the same transaction: rendered afresh, or stamped when
 * edited) and its attempt counted, committed before any of its bytes goes
 * to SMTP; the body-handed mark, committed just
 * before the end of the body can go; the outcome, recorded as soon as
 * SMTP answers, before the next mail is claimed.  The copies in Sent of
 * up to COPY_BATCH sent mails go together afterwards (io->save_copies:
 * one MULTIAPPEND where the server allows), so a crash may lose the
 * copies of up to that many mails (the mails themselves are recorded
 * sent).
 *
 * Only the mark is flushed to the disk (store_outbox_mark_handed flushes
 * the WAL after its commit); the claim and the outcome are relaxed commits
 * (store_outbox_relaxed, switched on before the claim and off after the
 * outcome: claim_and_send): written, not flushed.  Why that keeps every
 * mail sent at most once and never lost:
 *   - a crash of the process loses no commit, relaxed or not;
 *   - a power loss (or a kernel crash) may take back the last relaxed
 *     commits, never one without the later ones (the WAL is replayed as a
 *     checksummed prefix), and never anything before the last strict
 *     commit.  The end of a body goes only after its mark is flushed, and
 *     that flush carries the claim with it.  So a claim taken back was
 *     followed by no end of body: the mail was certainly not sent and goes
 *     again (pending or deferred, as it was).  An outcome taken back
 *     leaves the mail "sending" with its mark when the end of the body had
 *     gone (a 250, or anything after it): outbox_recover looks for it in
 *     Sent (unknown when absent: the user decides); without its mark (a
 *     refusal before the end), certainly not sent: retried.  Nothing goes
 *     twice, nothing waits forever.
 * One claim at a time, and only once the round goes on (no TERM, no
 * refused login): a kill never leaves a mail claimed that was not tried,
 * and no claim has to be given back.
 *
 * The window of an unknown outcome is the time from the mark's write to
 * the outcome's (a kill -9 in it leaves "sending" with the mark, and Sent
 * does not have the mail yet: its copy is saved after the outcome).  What
 * is left in it: the mark's flush; the body's last byte and end-of-data
 * (the rest of the body went before the mark, smtp.h); the server's
 * answer (for Postfix, the fsync of its queue file); then only the
 * outcome's writes: no read (the words of the "words" event are read with
 * the claim), no PRAGMA (relaxed since before the claim), no log line (after
 * the commit).  It cannot be closed: whatever is recorded last before the
 * end of the body, a crash right after that record leaves the same state
 * as a crash after the end went and before the answer was recorded, and
 * only positive evidence (the mail in Sent) may settle it; no record and
 * no server answer proves that a mail was not delivered.  So a crash at
 * the mark's own commit (the crash test's switch) is an unknown outcome
 * although nothing went.
 */
#define COPY_BATCH 16

/* A claimed mail. */
struct batch_mail {
	struct mail m;              /* as claimed: the bytes that go out */
	char *words;                /* the user's words it carries (the "words"
	                               event if it goes), read with the claim */
	bool sent;                  /* 250: its copy goes to Sent */
};

static void
batch_mail_clear(struct batch_mail *b)
{
	mail_clear(&b->m);
	free(b->words);
	b->words = NULL;
}

static void
batch_clear(struct batch_mail *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		batch_mail_clear(&b[i]);
}

/* The words a sent mail carried, for its "words" event: one line (a new
 * string, or NULL for none).  Read when the mail is claimed, from the
 * state its bytes are written from, so nothing is read after its 250. */
static char *
carried_words(struct outbox *ob, int64_t id)
{
	char *words = outbox_mail_words(ob, id);

	for (char *w = words; w && *w; w++)
		if (*w == '\n')
			*w = '|';
	return words;
}

/* A 250: the status and its events (words: carried_words(), or NULL).
 * Only writes: this runs between the 250 and the outcome's commit.  The
 * log line comes after the commit (settle()). */
static int
settle_sent(struct outbox *ob, const struct mail *m, const char *detail,
		const char *words, struct outbox_stats *stats)
{
	int rc;

	if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_SENT, NULL, 0)) < 0)
		return rc;
	stats->sent++;
	store_event_add(ob->st, "sent", m->application_id, m->interview_id, m->id,
	    "mail %" PRId64 " (%s) sent to %s: %s", m->id, mail_kind_name(m->kind),
	    m->recipient_email, detail);
	if (words)
		store_event_add(ob->st, "words", m->application_id, m->interview_id,
		    m->id, "mail %" PRId64 " to %s carried your words: %s", m->id,
		    m->recipient_email, words);
	return 0;
}

/* A temporary failure or a refused login: deferred, or failed when the
 * mail has been failing for send.give_up. */
static int
settle_deferred(struct outbox *ob, const struct mail *m, enum smtp_result r,
		const char *detail, time_t now, struct outbox_stats *stats)
{
	const struct config *cfg = ob->cfg;
	time_t first = m->first_attempt ? (time_t)m->first_attempt : now;
	time_t give_up = when_add(first, &cfg->send.give_up, cfg->me.timezone);
	time_t next = r == SMTP_AUTHFAIL ? now + AUTH_RETRY : retry_at(ob, m->attempts, now);
	char when[32];
	int rc;

	if (r == SMTP_TEMPFAIL && now >= give_up) {
		stats->failed++;
		log_err("mail %" PRId64 " to %s failed: still failing after %s: %s", m->id,
		    m->recipient_email, when_format_duration(&cfg->send.give_up, when,
		    sizeof(when)), detail);
		if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_FAILED, detail, 0)) < 0)
			return rc;
		return store_event_add(ob->st, "failed", m->application_id, m->interview_id, m->id,
		    "mail %" PRId64 " to %s given up after %d attempts: %s", m->id,
		    m->recipient_email, m->attempts, detail);
	}
	stats->deferred++;
	if (r == SMTP_AUTHFAIL) {
		/* Not the mail's fault: no attempt counted, no backoff,
		 * no give-up clock started. */
		stats->auth_failed = true;
		if ((rc = store_outbox_uncount_attempt(ob->st, m->id)) < 0)
			return rc;
	}
	log_warn("mail %" PRId64 " to %s deferred until %s: %s", m->id, m->recipient_email,
	    when_format_log(next, cfg->me.timezone, when, sizeof(when)), detail);
	when_format_iso(next, when, sizeof(when));      /* the event's, as every event's */
	if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_DEFERRED, detail, next)) < 0)
		return rc;
	return store_event_add(ob->st, "deferred", m->application_id, m->interview_id, m->id,
	    "mail %" PRId64 " to %s deferred (attempt %d), next try %s: %s", m->id,
	    m->recipient_email, m->attempts, when, detail);
}

/* The outcome of one send, recorded (inside the caller's transaction).
 * found: for an unknown outcome, what Sent said (1 there, 0 not, -1
 * cannot tell), asked before the transaction. */
static int
settle_record(struct outbox *ob, const struct mail *m, const char *words,
		enum smtp_result r, const char *detail, int found, time_t now,
		struct outbox_stats *stats)
{
	int rc;

	switch (r) {
	case SMTP_OK:
		return settle_sent(ob, m, detail, words, stats);
	case SMTP_TEMPFAIL:
	case SMTP_AUTHFAIL:
		return settle_deferred(ob, m, r, detail, now, stats);
	case SMTP_PERMFAIL:
		stats->failed++;
		log_err("mail %" PRId64 " to %s failed: %s", m->id, m->recipient_email, detail);
		if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_FAILED, detail, 0)) < 0)
			return rc;
		return store_event_add(ob->st, "failed", m->application_id, m->interview_id, m->id,
		    "mail %" PRId64 " to %s refused, not retried: %s", m->id, m->recipient_email,
		    detail);
	case SMTP_UNKNOWN:
		if (found == 1) {
			stats->sent++;
			if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_SENT, NULL, 0)) < 0)
				return rc;
			return store_event_add(ob->st, "sent", m->application_id, m->interview_id, m->id,
			    "mail %" PRId64 ": outcome unknown (%s) but found in Sent", m->id, detail);
		}
		stats->unknown++;
		log_err("mail %" PRId64 " to %s: outcome unknown (%s); held: check and approve to "
		    "send again", m->id, m->recipient_email, detail);
		if ((rc = store_outbox_set_status(ob->st, m->id, MAIL_UNKNOWN, detail, 0)) < 0)
			return rc;
		return store_event_add(ob->st, "unknown", m->application_id, m->interview_id, m->id,
		    "mail %" PRId64 " to %s: the connection died after the body; it may have been "
		    "delivered; held for you (%s)", m->id, m->recipient_email, detail);
	}
	return 0;
}

/* Run one transaction of the outbox's own records (fn with arg), relaxed
 * (see above): claims and outcomes.  While a mail is sent the store is
 * relaxed already (claim_and_send); elsewhere (outbox_recover)
 * store_begin_relaxed switches it for the transaction. */
static int
relaxed_tx(struct outbox *ob, int (*fn)(struct outbox *, void *), void *arg)
{
	int rc;

	if ((rc = store_begin_relaxed(ob->st)) < 0)
		return rc;
	if ((rc = fn(ob, arg)) >= 0)
		rc = store_commit(ob->st);
	if (rc < 0)
		store_rollback(ob->st);
	return rc;
}

struct settle_args {
	const struct mail *m;
	const char *words;
	enum smtp_result r;
	const char *detail;
	int found;
	time_t now;
	struct outbox_stats *stats;
};

static int
settle_fn(struct outbox *ob, void *arg)
{
	struct settle_args *a = arg;

	return settle_record(ob, a->m, a->words, a->r, a->detail, a->found, a->now, a->stats);
}

/* The outcome of one send, recorded in one (relaxed) transaction; an
 * unknown outcome is looked up in Sent first, outside it.  words: what a
 * sent mail carried (carried_words()), or NULL. */
static int
settle(struct outbox *ob, const struct outbox_io *io, const struct mail *m,
		const char *words, enum smtp_result r, const char *detail, time_t now,
		struct outbox_stats *stats)
{
	struct settle_args a = { m, words, r, detail, -1, now, stats };
	int rc;

	if (r == SMTP_UNKNOWN && io->find_sent && m->message_id)
		a.found = io->find_sent(io->arg, m->message_id);
	rc = relaxed_tx(ob, settle_fn, &a);
	if (rc >= 0 && r == SMTP_OK)
		log_notice("sent mail %" PRId64 " (%s) to %s: %s", m->id,
		    mail_kind_name(m->kind), m->recipient_email, detail);
	return rc;
}

/* Replace m's bytes by out's. */
static void
mail_take_bytes(struct mail *m, const struct buf *out)
{
	free(m->rendered);
	m->rendered = xmalloc(out->len + 1);
	if (out->len > 0)
		memcpy(m->rendered, out->data, out->len);
	m->rendered[out->len] = '\0';
	m->rendered_len = out->len;
}

/*
 * The bytes that go out, written in the claim's transaction: a mail the
 * user did not edit is rendered afresh at now (notes may have arrived
 * since it was planned), with Date now and its recorded Message-ID (one
 * is made if none is recorded); an edited one keeps its words and gets
 * both fields (compose_stamp), whatever the edit did to the header.  So
 * the mail says when it really left, and the id looked up in Sent after a
 * crash is the one that went out.  A mail that cannot be written again
 * goes as it was written, stamped; one that cannot be stamped goes as it
 * is, with the id it has (still one id).  m's bytes and id become those
 * stored.  0, or a negative store code.
 */
static int
write_bytes(struct outbox *ob, struct mail *m, time_t now)
{
	const struct config *cfg = ob->cfg;
	struct buf out = { 0 };
	char *msgid = NULL, *err = NULL;
	bool ok = false;
	int rc = 0;

	if (!m->edited) {
		if (build(ob, m, now, &out, &msgid, &err) == 0)
			ok = true;
		else
			log_warn("mail %" PRId64 ": cannot write it again (%s); sending what was written",
			    m->id, err);
		free(err);
		err = NULL;
	}
	if (!ok && m->rendered != NULL) {
		free(msgid);
		msgid = m->message_id != NULL ? xstrdup(m->message_id) :
		    compose_message_id(strrchr(cfg->me.addresses[0], '@') + 1);
		buf_free(&out);
		if (compose_stamp((const char *)m->rendered, m->rendered_len, now, cfg->me.timezone,
		    msgid, &out, &err) == 0)
			ok = true;
		else
			log_warn("mail %" PRId64 ": cannot set its Date and Message-ID: %s", m->id, err);
	}
	if (ok && (rc = store_outbox_set_rendered(ob->st, m->id, out.data, out.len, msgid,
	    false)) >= 0) {
		mail_take_bytes(m, &out);
		if (m->message_id == NULL && msgid != NULL) {
			m->message_id = msgid;
			msgid = NULL;
		}
	}
	free(msgid);
	free(err);
	buf_free(&out);
	return rc < 0 ? rc : 0;
}

/* Claim mail id inside the batch's transaction: 1 with *b filled, 0 when
 * it may not be claimed now (someone else has it, it changed), or a
 * negative store code. */
static int
claim_one(struct outbox *ob, int64_t id, time_t now, struct batch_mail *b)
{
	struct mail *m = &b->m;
	int64_t ready;
	int rc;

	if ((rc = store_outbox_get(ob->st, id, m)) != 1)
		return rc;
	ready = m->next_attempt ? m->next_attempt : m->due;
	if (!(MODEL_BIT(m->status) & mail_action_from(MAIL_ACT_CLAIM)) || ready > now)
		return 0;
	if ((rc = write_bytes(ob, m, now)) < 0)
		return rc;
	if ((rc = store_outbox_claim(ob->st, id, now)) != 1)
		return rc;
	b->words = carried_words(ob, id);
	m->status = MAIL_SENDING;
	m->attempts++;
	if (m->first_attempt == 0)
		m->first_attempt = now;
	return 1;
}

struct claim_args {
	int64_t id;
	time_t now;
	struct batch_mail *b;
	int claimed;                /* claim_one's answer */
};

static int
claim_fn(struct outbox *ob, void *arg)
{
	struct claim_args *a = arg;

	a->claimed = claim_one(ob, a->id, a->now, a->b);
	return a->claimed < 0 ? a->claimed : 0;
}

/* Claim mail id (claim_one) in its own relaxed transaction, committed
 * before any of its bytes goes to SMTP: 1 with *b filled, 0 when it may
 * not go now, or a negative store code. */
static int
claim(struct outbox *ob, int64_t id, time_t now, struct batch_mail *b)
{
	struct claim_args a = { id, now, b, 0 };
	int rc = relaxed_tx(ob, claim_fn, &a);

	if (rc < 0 || a.claimed != 1) {
		batch_mail_clear(b);
		return rc < 0 ? rc : 0;
	}
	return 1;
}

/* ---- the body-handed mark ---- */

/* The mail whose body is being handed to SMTP. */
struct handed_mark {
	struct outbox *ob;
	int64_t id;
};

/*
 * smtp.h's mark: record, committed, that the whole body of the mail is
 * handed over, just before its end can go.  A failure stops the send
 * there (the mail is then certainly not sent, and is deferred).
 */
static int
mark_handed(void *arg)
{
	struct handed_mark *hm = arg;
	int rc = store_outbox_mark_handed(hm->ob->st, hm->id);

	if (rc == 1)
		return 0;
	log_err("mail %" PRId64 ": cannot record that its body was handed to SMTP (%s); "
	    "not ending it", hm->id, rc < 0 ? store_errmsg(hm->ob->st) : "no longer being sent");
	return -1;
}

/* Hand one claimed mail to SMTP, with its body-handed mark, and record
 * what became of it. */
static int
send_one(struct outbox *ob, const struct outbox_io *io, struct batch_mail *b, time_t now,
		struct outbox_stats *stats)
{
	const struct config *cfg = ob->cfg;
	struct mail *m = &b->m;
	char **rcpts = NULL, *detail = NULL, *err = NULL;
	size_t nrcpt = 0;
	enum smtp_result r;
	int rc;

	if (m->rendered == NULL ||
	    compose_envelope_from_message((const char *)m->rendered, m->rendered_len, &rcpts,
	    &nrcpt, &err) == -1) {
		char *why = err ? err : xstrdup("nothing rendered");

		rc = settle(ob, io, m, NULL, SMTP_PERMFAIL, why, now, stats);
		free(why);
		return rc;
	}
	{
		struct handed_mark hm = { ob, m->id };
		struct smtp_mark mark = { mark_handed, &hm };

		r = io->send(io->arg, cfg->me.addresses[0], (const char *const *)rcpts, nrcpt,
		    (const char *)m->rendered, m->rendered_len, &mark, &detail);
	}
	/* From the 250 to the outcome's commit nothing is read and nothing
	 * switched: the words were read with the claim, the store is relaxed
	 * since before the claim, the log line waits for the commit. */
	rc = settle(ob, io, m, b->words, r, detail ? detail : smtp_result_name(r), now, stats);
	b->sent = rc >= 0 && r == SMTP_OK;
	free(detail);
	compose_strv_free(rcpts, nrcpt);
	return rc;
}

/* The copies in Sent of a batch's mails that went: all together where the
 * daemon can (io->save_copies), else one by one; a copy not saved is
 * logged and recorded, the mail stays sent. */
static void
save_copies(struct outbox *ob, const struct outbox_io *io, struct batch_mail *b, size_t n)
{
	struct outbox_copy c[COPY_BATCH];
	size_t at[COPY_BATCH], k = 0;

	for (size_t i = 0; i < n; i++)
		if (b[i].sent) {
			c[k] = (struct outbox_copy){ b[i].m.id, (const char *)b[i].m.rendered,
			    b[i].m.rendered_len, NULL };
			at[k++] = i;
		}
	if (k == 0)
		return;
	if (io->save_copies)
		io->save_copies(io->arg, c, k);
	else if (io->save_copy) {
		for (size_t j = 0; j < k; j++) {
			if (io->save_copy(io->arg, c[j].data, c[j].len, &c[j].err) == 0) {
				free(c[j].err);
				c[j].err = NULL;
			} else if (c[j].err == NULL) {
				c[j].err = xstrdup("not saved");
			}
		}
	}
	for (size_t j = 0; j < k; j++) {
		const struct mail *m = &b[at[j]].m;

		if (c[j].err == NULL)
			continue;
		log_warn("mail %" PRId64 ": no copy saved in Sent: %s", m->id, c[j].err);
		store_event_add(ob->st, "copy", m->application_id, m->interview_id, m->id,
		    "mail %" PRId64 ": no copy saved in Sent: %s", m->id, c[j].err);
		free(c[j].err);
	}
}

/*
 * Claim mail id and send it (claim(), send_one()), the store relaxed from
 * before the claim to after the outcome: no switch of the connection
 * between the mark and the outcome (the mark flushes itself,
 * store_outbox_mark_handed()), and two switches per mail, not four.  1
 * when it was claimed (and tried), 0 when it may not go now, or a negative
 * store code.
 */
static int
claim_and_send(struct outbox *ob, const struct outbox_io *io, int64_t id, time_t now,
		struct batch_mail *b, struct outbox_stats *stats)
{
	int rc, claimed, r2;

	if ((rc = store_outbox_relaxed(ob->st, true)) < 0)
		return rc;
	claimed = rc = claim(ob, id, now, b);
	if (claimed == 1)
		rc = send_one(ob, io, b, now, stats);
	r2 = store_outbox_relaxed(ob->st, false);
	if (rc < 0 || r2 < 0)
		return rc < 0 ? rc : r2;
	return claimed;
}

/*
 * The next mail from rows[*i..n) that may go now, within the daily cap:
 * 1 with *id and *forced, 0 when none (*capped when the cap stops the
 * round), or a negative store code.  A mail outside the send window
 * (approved or retried there) is moved to the window's next opening.
 */
static int
pick_next(struct outbox *ob, const struct mail *rows, size_t n, size_t *i, time_t now,
		int64_t sent_today, int64_t *id, bool *forced, bool *capped)
{
	const struct config *cfg = ob->cfg;
	int rc = 0;

	for (; *i < n && rc >= 0; (*i)++) {
		const struct mail *m = &rows[*i];
		bool f = store_send_now_requested(ob->st, m->id) == 1;

		/* A hard cap: send-now skips the window, never the cap. */
		if (cap_reached(ob, sent_today, now)) {
			*capped = true;
			return 0;
		}
		if (!f && !when_is_allowed(now, &cfg->send.window, cfg->send.weekends,
		    cfg->me.timezone)) {
			/* Approved or retried outside the window: wait for it. */
			time_t at = plan_in_window(cfg, now);

			if (m->status == MAIL_PENDING)
				rc = store_outbox_set_due(ob->st, m->id, at);
			else
				rc = store_outbox_set_status(ob->st, m->id, MAIL_DEFERRED,
				    m->last_error, at);
			continue;
		}
		*id = m->id;
		*forced = f;
		(*i)++;
		return 1;
	}
	return rc < 0 ? rc : 0;
}

int
outbox_deliver(struct outbox *ob, const struct outbox_io *io, time_t now,
		struct outbox_stats *stats)
{
	const struct config *cfg = ob->cfg;
	struct mail *rows = NULL;
	struct outbox_stats dummy;
	size_t n = 0, i = 0;
	int64_t sent_today;
	struct batch_mail copies[COPY_BATCH];
	size_t ncopies = 0;
	bool capped = false;
	int rc;

	if (stats == NULL)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	if ((rc = store_outbox_due(ob->st, now, 0, &rows, &n)) < 0)
		return rc;
	sent_today = store_outbox_count_sent_since(ob->st, local_midnight(cfg, now, 0));
	if (sent_today < 0)
		rc = (int)sent_today;
	/* A refused login: every other mail would fail the same way. */
	while (rc >= 0 && !capped && !stats->auth_failed) {
		struct batch_mail b = { 0 };
		int64_t id;
		bool forced;

		if ((rc = pick_next(ob, rows, n, &i, now, sent_today, &id, &forced, &capped)) <= 0)
			break;
		if (io->stop && io->stop(io->arg))
			break;          /* stopping: the mail waits, unclaimed */
		if ((rc = claim_and_send(ob, io, id, now, &b, stats)) <= 0) {
			batch_mail_clear(&b);
			continue;       /* someone else has it, it changed (or an error) */
		}
		sent_today++;
		if (forced)
			store_send_now_done(ob->st, id);
		if (b.sent) {
			copies[ncopies++] = b;  /* its bytes go with it */
			if (ncopies == COPY_BATCH) {
				save_copies(ob, io, copies, ncopies);
				batch_clear(copies, ncopies);
				ncopies = 0;
			}
		} else {
			batch_mail_clear(&b);
		}
	}
	save_copies(ob, io, copies, ncopies);
	batch_clear(copies, ncopies);
	stats->capped = capped;
	mails_free(rows, n);
	return rc < 0 ? rc : 0;
}

/*
 * A mail interrupted before its body was all handed to SMTP: the server
 * never saw its end, so it was certainly not sent.  That attempt counts as
 * a temporary failure: deferred with the usual backoff (a mail that made
 * the daemon die mid-body must not loop), failed once send.give_up has
 * passed since its first attempt.  Nobody is asked.
 */
static int
recover_unhanded(struct outbox *ob, const struct outbox_io *io, const struct mail *m,
		time_t now)
{
	struct outbox_stats stats = { 0 };

	log_notice("mail %" PRId64 " to %s was interrupted before the end of its body: "
	    "not sent; sending it again", m->id, m->recipient_email);
	return settle(ob, io, m, NULL, SMTP_TEMPFAIL, "interrupted before the end of the body "
	    "(followupd stopped): not sent", now, &stats);
}

/* A mail interrupted after its body was all handed: it may have gone.
 * Sent decides (found -> sent); absent -> unknown, for the user.  1 when
 * resolved, 0 when Sent cannot tell now, or a negative store code. */
static int
recover_handed(struct outbox *ob, const struct outbox_io *io, const struct mail *m)
{
	int found = io->find_sent && m->message_id ? io->find_sent(io->arg, m->message_id) : -1;
	int rc;

	if (found == -1)
		return 0;
	if (found == 1) {
		rc = store_outbox_set_status(ob->st, m->id, MAIL_SENT, NULL, 0);
		if (rc >= 0)
			rc = store_event_add(ob->st, "sent", m->application_id, m->interview_id, m->id,
			    "mail %" PRId64 " was being sent when followupd stopped; found in Sent",
			    m->id);
		log_notice("mail %" PRId64 ": interrupted send found in Sent: marked sent", m->id);
		return rc < 0 ? rc : 1;
	}
	rc = store_outbox_set_status(ob->st, m->id, MAIL_UNKNOWN,
	    "interrupted after the end of the body was handed over; not found in Sent", 0);
	if (rc >= 0)
		rc = store_event_add(ob->st, "unknown", m->application_id, m->interview_id,
		    m->id, "mail %" PRId64 " to %s was being sent when followupd stopped, after "
		    "its whole body was handed over, and is not in Sent: held for you (it may "
		    "have been delivered)", m->id, m->recipient_email);
	log_err("mail %" PRId64 " to %s was interrupted while sending, after its body was "
	    "handed over; held as unknown", m->id, m->recipient_email);
	return rc < 0 ? rc : 1;
}

int
outbox_recover(struct outbox *ob, const struct outbox_io *io, time_t now, size_t *left)
{
	struct store_outbox_filter f = { .status_mask = STORE_BIT(MAIL_SENDING) };
	struct store_outbox_row *rows = NULL;
	size_t n = 0;
	int rc, resolved = 0;

	if (left)
		*left = 0;
	if ((rc = store_outbox_list(ob->st, &f, &rows, &n)) < 0)
		return rc;
	/* Each on its own (a version that claimed in batches may have left several). */
	for (size_t i = 0; i < n && rc >= 0; i++) {
		const struct mail *m = &rows[i].m;
		int64_t at = 0;

		if ((rc = store_outbox_handed(ob->st, m->id, &at)) == 0) {
			if ((rc = recover_unhanded(ob, io, m, now)) >= 0)
				resolved++;
		} else if (rc == 1) {
			if ((rc = recover_handed(ob, io, m)) == 1)
				resolved++;
			else if (rc == 0 && left)
				(*left)++;      /* Sent cannot tell now */
		}
	}
	store_outbox_rows_free(rows, n);
	return rc < 0 ? rc : resolved;
}
