/*
 * detect_confidence: how sure a reading is (see detect.h, "Confidence").
 *
 * One principle: a reading is high confidence only when nothing is in
 * doubt, and about an interview only when its facts come from a strong
 * source: a calendar invite from the organiser's side, a hiring system's
 * mail with a time, or a person writing from an organisation's address
 * (not free mail, not the user's own organisation) to the user, no list
 * headers.  Everything that can put a reading in doubt
 * is one row of the table below, {test, why}: the kind came from a
 * fallback or weak rule, a key fact is missing or guessed, or signals
 * speak against the kind.  Every row that holds is a reason; any reason
 * makes the reading low.
 *
 * A fact the mail does not give is not a doubt when nothing is ever sent
 * on a guess about it: an interviewer or contact without an address gets
 * no mail (plan.c holds the thank-you it asks the contact to pass on, and
 * says why), so "no address" lowers no reading; an address guessed from
 * a name does.
 *
 * confidence_facts_gather() reads what the rows need from the mail once;
 * the rows read only struct confidence_facts, so each is tested alone
 * (tests/unit/test_confidence.c).
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "ics.h"
#include "message.h"
#include "parties.h"
#include "util.h"

/* ---- the signals by name ---- */

void signals_names(const struct signals *s, char ***names, size_t *n)
{
	const struct {
		bool on;
		const char *name;
	} all[] = {
		{ s->ignored_sender, "ignored-sender" }, { s->from_me, "from-me" },
		{ s->calendar_reply, "calendar-reply" }, { s->bulk_headers, "bulk-headers" },
		{ s->unsubscribe, "unsubscribe" },
		{ s->bulk_words, "bulk-words" }, { s->job_alert, "job-alert" },
		{ s->receipt, "receipt" }, { s->keyword, "keyword" },
		{ s->ats_sender, "ats-sender" }, { s->has_role, "role" }, { s->job, "job" },
		{ s->reply_like, "reply-like" }, { s->rescheduled, "rescheduled" },
		{ s->cancel_prose, "cancel-prose" }, { s->calendar, "calendar" },
		{ s->event, "event" }, { s->calendar_cancel, "calendar-cancel" },
		{ s->have_time, "time" }, { s->day_moved, "day-moved" }, { s->not_interview, "not-interview" }, { s->no_opening, "no-opening" },
		{ s->interview_invite, "interview-invite" }, { s->rejection, "rejection" },
		{ s->offer, "offer" }, { s->offer_weak, "offer-weak" },
		{ s->human_from, "human-from" }, { s->asks_references, "asks-references" },
		{ s->decision_promised, "decision-promised" }, { s->sequence > 0, "sequence" },
		{ s->auto_reply, "auto-reply" }, { s->recurring, "recurring" },
		{ s->organised_by_me, "organised-by-me" },
		{ s->own_organisation, "own-organisation" }, { s->to_work, "work-address" },
		{ s->on_the_panel, "on-the-panel" }, { s->press, "press" },
		{ s->asks_availability, "asks-availability" },
		{ s->options, "options" }, { s->job_quoted, "job-quoted" }, { s->thread_time, "thread-time" },
		{ s->offer_to_user, "offer-to-user" }, { s->rejection_job, "rejection-job" },
		{ s->conversation, "conversation" },
		{ s->others_interview, "others-interview" },
		{ s->greets_other, "greets-other" },
		{ s->pretend, "pretend" },
		{ s->conversation_word, "conversation-word" }, { s->unaddressed, "unaddressed" },
		{ s->writer_candidate, "writer-candidate" },
		{ s->broadcast, "broadcast" },
		{ s->answers_user, "answers-user" }, { s->forwards_own, "forwards-own-mail" },
		{ s->own_application, "own-application" }, { s->time_kept, "time-kept" },
	};
	size_t i;

	*names = xcalloc(ARRAY_LEN(all) + 1, sizeof(char *));
	*n = 0;
	for (i = 0; i < ARRAY_LEN(all); i++)
		if (all[i].on)
			(*names)[(*n)++] = xstrdup(all[i].name);
	if (s->method != ICS_METHOD_NONE)
		(*names)[(*n)++] = xasprintf("method=%s", ics_method_str(s->method));
}

/* ---- the facts ---- */

/* The sender: of the forwarded mail when the user forwards one. */
static const char *sender(const struct ctx *c)
{
	const struct message *m = c->m;

	if (m->from.n > 0 && is_me_email(c->o, m->from.v[0].email) && m->nattached > 0 &&
	    m->attached[0]->from.n > 0)
		return m->attached[0]->from.v[0].email;
	return m->from.n > 0 ? m->from.v[0].email : NULL;
}

/* The invite came from the organiser's side: the sender is at the
 * organiser's organisation, is the organiser, or is a hiring system or
 * calendar service sending for them. */
static bool from_organiser(const struct ctx *c)
{
	const char *from = sender(c);

	if (c->ev == NULL || !c->ev->has_organizer || from == NULL)
		return false;
	return strcasecmp(from, c->ev->organizer.email) == 0 || parties_is_service_sender(from) ||
	    parties_same_org(from, c->ev->organizer.email) == 1;
}

/* Was p's address written beside them (a header, the calendar, "Name
 * <addr>" or the bare address), or guessed from their name? */
static bool in_list(const struct msg_addr_list *l, const char *email)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].email != NULL && strcasecmp(l->v[i].email, email) == 0)
			return true;
	return false;
}

static bool in_headers(const struct message *m, const char *email)
{
	return in_list(&m->from, email) || in_list(&m->reply_to, email) ||
	    in_list(&m->to, email) || in_list(&m->cc, email) || in_list(&m->sender, email);
}

static bool address_written(const struct ctx *c, const struct detect_person *p)
{
	size_t i;

	if (in_headers(c->m, p->email))
		return true;
	for (i = 0; i < c->m->nattached; i++)
		if (in_headers(c->m->attached[i], p->email))
			return true;
	if (c->ev != NULL) {
		if (c->ev->has_organizer && strcasecmp(c->ev->organizer.email, p->email) == 0)
			return true;
		for (i = 0; i < c->ev->nattendees; i++)
			if (strcasecmp(c->ev->attendees[i].email, p->email) == 0)
				return true;
	}
	if (c->text == NULL || str_casestr(c->text, p->email) == NULL)
		return false;
	if (p->name == NULL)
		return true;
	{
		/* The address in the text names them, or their name was made
		 * from it ("ada.brooks@" -> "Ada Brooks"). */
		char *nm = name_from_email(p->email), *pat;
		bool ok = nm != NULL && str_ieq(nm, p->name);
		const char *at = str_casestr(c->text, p->email);

		free(nm);
		if (ok)
			return true;
		pat = xasprintf("%s <%s", p->name, p->email);
		ok = str_casestr(c->text, pat) != NULL;
		free(pat);
		if (!ok) {
			pat = xasprintf("%s (%s", p->name, p->email);
			ok = str_casestr(c->text, pat) != NULL;
			free(pat);
		}
		/* "Ada Brooks: ada@x", "Ada Brooks - ada@x": the name just before */
		if (!ok && at != NULL) {
			size_t len = strlen(p->name), back = (size_t)(at - c->text);
			size_t k = back;

			while (k > 0 && back - k < 4 && strchr(" :-<(\t", c->text[k - 1]) != NULL)
				k--;
			ok = k >= len && strncasecmp(c->text + k - len, p->name, len) == 0;
		}
		return ok;
	}
}

/* Is email, not the user's own, at the organisation of one of the
 * user's addresses? */
/* At the user's own organisation: me.employer_domains, or the organisation
 * of one of the user's own (non-free-mail) addresses. */
static bool own_org(const struct ctx *c, const char *email)
{
	char *a = is_me_email(c->o, email) ? NULL : parties_org_domain(email);
	bool same = a != NULL &&
	    parties_domain_in(email_domain(email), c->o->employer_domains, c->o->n_employer_domains);
	size_t i;

	for (i = 0; a != NULL && !same && i < c->o->n_my_addresses; i++) {
		char *b = parties_org_domain(c->o->my_addresses[i]);

		same = b != NULL && strcmp(a, b) == 0;
		free(b);
	}
	free(a);
	return same;
}

/* Someone invited who is neither the user, nor a room or service, nor at
 * the organiser's organisation: another candidate, say. */
static bool other_outsider(const struct ctx *c)
{
	char *org;
	bool found = false;
	size_t i;

	if (c->ev == NULL || !c->ev->has_organizer ||
	    (org = parties_org_domain(c->ev->organizer.email)) == NULL)
		return false;
	for (i = 0; !found && i < c->ev->nattendees; i++) {
		const struct ics_person *a = &c->ev->attendees[i];
		char *d;

		if (a->cutype != ICS_CUTYPE_INDIVIDUAL || is_me_email(c->o, a->email) ||
		    parties_is_robot(a->email))
			continue;
		d = parties_org_domain(a->email);
		found = d != NULL && strcmp(d, org) != 0;
		free(d);
	}
	free(org);
	return found;
}

/* A general scheduler books anything: it vouches for a time, not a job. */
static bool hiring_sender(const struct ctx *c)
{
	static const char *const schedulers[] = {
		"calendly.com", "calendar.google.com", "imip.me.com", "google.com",
		"microsoft.com", "outlook.com", "office.com", "office365.com", "apple.com",
		"icloud.com", "zoom.us",
	};
	const char *dom = email_domain(sender(c));

	return parties_is_service_domain(dom) &&
	    !parties_domain_in(dom, schedulers, ARRAY_LEN(schedulers));
}

static bool user_invited(const struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->ev->nattendees; i++)
		if (is_me_email(c->o, c->ev->attendees[i].email))
			return true;
	return c->ev->nattendees == 0 || c->o->n_my_addresses == 0;
}

/* The mail the user received: the forwarded original when the user
 * forwards one to themselves, else the mail itself. */
static const struct message *received(const struct ctx *c)
{
	const struct message *m = c->m;

	if (m->from.n > 0 && is_me_email(c->o, m->from.v[0].email) && m->nattached > 0 &&
	    m->attached[0]->from.n > 0)
		return m->attached[0];
	return m;
}

static bool to_user(const struct ctx *c, const struct msg_addr_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].email != NULL && is_me_email(c->o, l->v[i].email))
			return true;
	return false;
}

/* A person at an organisation writes to the user: the third source a
 * reading may stand on besides an organiser's invite and a hiring
 * system.  Whatever the text then leaves open (no zone, a relative day,
 * no interviewer address, no company...) is a doubt of its own. */
static bool writer_to_user(const struct ctx *c, const struct signals *s)
{
	const struct message *m = received(c);
	const char *from = sender(c);
	char *org;
	bool ok;

	if (!s->human_from || s->bulk_headers || s->unsubscribe || s->bulk_words || s->job_alert ||
	    from == NULL ||
	    (!to_user(c, &m->to) && !to_user(c, &m->cc)))
		return false;
	org = parties_org_domain(from);
	/* someone of the user's own circle passing an invitation on
	 * ("think this was meant for you"): second-hand facts */
	ok = org != NULL && !parties_is_personal(from) && !own_org(c, from);
	free(org);
	return ok;
}

/* Does s write name as a word of its own, not inside an address or a
 * link ("alicia.brandao@longwoodpeds.example", "www.longwoodpeds.org")? */
static bool written_as_word(const char *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = s; s != NULL && (p = str_casestr(p, name)) != NULL; p++)
		if (stands_as_word(s, p, n))
			return true;
	return false;
}

/* Is the company written in the mail's words: its text, subject, a
 * sender's name or the event's summary (not only an address's domain)? */
static bool company_written(const struct ctx *c, const char *company)
{
	if (written_as_word(c->text, company) || written_as_word(c->m->subject, company) ||
	    written_as_word(c->cal_low, company))
		return true;
	for (size_t i = 0; i < c->m->from.n; i++)
		if (c->m->from.v[i].name != NULL && str_casestr(c->m->from.v[i].name, company) != NULL)
			return true;
	return false;
}

/* Is company the organisation of the mail's writer: the sender's, or,
 * when a scheduling service sends (Calendly for an agency's recruiter),
 * the contact's or an interviewer's? */
static bool writers_org(const struct ctx *c, const struct detection *d, const char *company)
{
	if (sender(c) != NULL && org_matches_domain(company, sender(c)))
		return true;
	if (d->contact.email != NULL && org_matches_domain(company, d->contact.email))
		return true;
	for (size_t i = 0; i < d->ninterviewers; i++)
		if (d->interviewers[i].email != NULL && org_matches_domain(company, d->interviewers[i].email))
			return true;
	return false;
}

/* The writer recruits for a client ("my client", "notre client", "onze
 * klant"). */
static bool speaks_of_client(const struct ctx *c)
{
	return FIND_ANY(c->plain, lex_client_words) != NULL;
}

static void side_facts(const struct ctx *c, const struct signals *s, struct confidence_facts *f)
{
	const char *from = sender(c);

	if (c->ev != NULL) {
		f->user_not_invited = !user_invited(c);
		f->recurring = c->ev->recurring;
		f->user_organises = c->ev->has_organizer && is_me_email(c->o, c->ev->organizer.email);
		f->own_organisation = c->ev->has_organizer && own_org(c, c->ev->organizer.email);
		f->other_outsider = other_outsider(c);
	}
	if (c->m->nattached == 0 && from_user(c)) {
		/* the user forwards a mail inline (from work to home): its
		 * sender's side counts, not the user's work address */
		char *name, *email;

		if (forward_sender(c, &name, &email)) {
			from = NULL;
			f->own_organisation = f->own_organisation || (email != NULL && own_org(c, email));
			free(name);
			free(email);
		}
	}
	f->own_organisation = f->own_organisation || (from != NULL && own_org(c, from));
	f->job_named = s->has_role || hiring_sender(c) || FIND_ANY(c->plain, lex_job_words) ||
	    FIND_ANY(c->subj_low, lex_job_words) ||
	    (c->cal_low != NULL && FIND_ANY(c->cal_low, lex_job_words));
}

static bool about_an_interview(enum detect_kind k)
{
	return k == DETECT_INTERVIEW || k == DETECT_UPDATE || k == DETECT_CANCEL;
}

/* News on an application (detection_update_is_news: a decision date,
 * references) is an update with no meeting in it: the doubts of a
 * meeting's facts are not its. */
static bool news(const struct confidence_facts *f)
{
	return f->news;
}

/* A reading of a meeting: an interview, or an update that moves one. */
static bool meeting(const struct confidence_facts *f)
{
	return (f->kind == DETECT_INTERVIEW || f->kind == DETECT_UPDATE) && !news(f);
}

/* Outlook never lists its organiser among the attendees, and the reading
 * seats them on the panel by that rule (detect_people.c).  Beside other
 * invitees, and with no word of theirs about taking part ("join me",
 * "our call"), they may be the coordinator who sent the invite: a thank-you
 * "for talking with me" to them would be the wrong words. */
static bool organiser_assumed(const struct ctx *c, const struct detection *d)
{
	bool seated = false, others = false;

	if (!organizer_assumed(c))
		return false;
	for (size_t i = 0; i < c->ev->nattendees; i++)
		if (strcasecmp(c->ev->attendees[i].email, c->ev->organizer.email) == 0)
			return false;   /* listed: they attend */
	for (size_t i = 0; i < d->ninterviewers; i++) {
		const char *e = d->interviewers[i].email;

		if (e != NULL && strcasecmp(e, c->ev->organizer.email) == 0)
			seated = true;
		else
			others = true;
	}
	return seated && others && !first_person_ahead(c->plain);
}

/* A system mail of the employer itself: its robot writes to the user
 * from an address one of whose labels spells the company read
 * ("noreply@successfactors.bavaria-mobility.example" for Bavaria
 * Mobility Systems, "noreply@bhimaev.peoplehive.example" for Bhima EV),
 * no list's mail.  As sure as a hiring system's. */
static bool own_system(const struct ctx *c, const struct signals *s, const struct detection *d)
{
	const char *from = sender(c), *at;
	bool ok = false;

	if (d->company == NULL || from == NULL || !parties_is_robot(from) || s->bulk_headers ||
	    s->unsubscribe || s->bulk_words || s->job_alert || (at = strchr(from, '@')) == NULL ||
	    (!to_user(c, &received(c)->to) && !to_user(c, &received(c)->cc)))
		return false;
	for (const char *l = at + 1; *l && !ok;) {
		size_t n = strcspn(l, ".");
		char *addr;

		if (l[n] == '\0')
			break;   /* the top-level label spells nothing */
		addr = xasprintf("x@%.*s.example", (int)n, l);
		/* a jobs board's name is no employer's ("civilservicejobs") */
		ok = n >= 3 && org_matches_domain(d->company, addr) &&
		    strstr(addr, "job") == NULL && strstr(addr, "career") == NULL &&
		    strstr(addr, "recruit") == NULL && strstr(addr, "talent") == NULL;
		free(addr);
		l += n + 1;
	}
	return ok;
}

void confidence_facts_gather(const struct ctx *c, const struct signals *s, const char *rule,
    const struct time_source *ts, const struct detection *d, struct confidence_facts *f)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->kind = d->kind;
	f->rule = rule;
	f->sig = s;
	f->time = *ts;
	f->has_start = d->has_start;
	f->news = detection_update_is_news(d);
	f->invite_ok = c->ev != NULL && from_organiser(c) &&
	    (c->method == ICS_METHOD_REQUEST ||
	    (d->kind == DETECT_CANCEL && c->method == ICS_METHOD_CANCEL));
	f->ats_scheduled = (s->ats_sender || own_system(c, s, d)) && d->has_start;
	f->writer_to_user = writer_to_user(c, s);
	f->interviewers = d->ninterviewers;
	for (i = 0; i < d->ninterviewers; i++) {
		const struct detect_person *p = &d->interviewers[i];

		if (p->email != NULL)
			f->interviewer_address = true;
		if (p->email == NULL && f->no_address == NULL)
			f->no_address = p->name;
		else if (p->email != NULL && f->guessed == NULL && !address_written(c, p))
			f->guessed = p->email;
	}
	f->organiser_assumed = organiser_assumed(c, d);
	f->writer_farewell = writer_seated_by_farewell(c, d);
	f->contact_known = d->contact.name != NULL || d->contact.email != NULL;
	f->contact_address = d->contact.email != NULL;
	if (d->contact.email != NULL && f->guessed == NULL && !address_written(c, &d->contact))
		f->guessed = d->contact.email;
	f->company_known = d->company != NULL;
	f->company_unwritten = d->company != NULL && !company_written(c, d->company);
	f->company_intermediary = d->company != NULL && speaks_of_client(c) &&
	    writers_org(c, d, d->company);
	f->company_agency = agency_company(c, d->company);
	side_facts(c, s, f);
}

/* ---- the doubts ---- */

/* The rules that decide by default or on thin evidence. */
static bool weak_rule(const struct confidence_facts *f)
{
	static const char *const weak[] = { "no-time", "no-job", "person-writes",
		"prose-conversation", "prose-conversation-moved" };
	size_t i;

	for (i = 0; f->rule != NULL && i < ARRAY_LEN(weak); i++)
		if (strcmp(f->rule, weak[i]) == 0)
			return true;
	return false;
}

static bool d_weak_rule(const struct confidence_facts *f)
{
	return weak_rule(f);
}

/* About an interview, but from neither strong source. */
static bool d_weak_source(const struct confidence_facts *f)
{
	return about_an_interview(f->kind) && !f->invite_ok && !f->ats_scheduled &&
	    !f->sig->calendar && !f->writer_to_user;
}

static bool d_invite_not_ok(const struct confidence_facts *f)
{
	return about_an_interview(f->kind) && f->sig->calendar && !f->invite_ok &&
	    !f->ats_scheduled;
}

/* An invite taken for an interview on a job title alone. */
static bool d_invite_no_interview(const struct confidence_facts *f)
{
	return meeting(f) && f->sig->calendar &&
	    !f->sig->keyword && !f->sig->ats_sender;
}

/* No time; a day moved to at the interview's own hour ("Wednesday, same
 * time") has the known interview's. */
static bool d_no_time(const struct confidence_facts *f)
{
	return meeting(f) && !f->has_start && !f->time.day_moved;
}

static bool d_no_zone(const struct confidence_facts *f)
{
	return meeting(f) && f->has_start &&
	    f->time.from_prose && !f->time.zone_said && !f->time.zone_shared;
}

/* The day was counted from the mail's date ("tomorrow", "next Tuesday"):
 * a mail read late, or a "next" meant a week later, moves it. */
static bool d_relative_day(const struct confidence_facts *f)
{
	return meeting(f) && ((f->has_start && f->time.from_prose) || f->time.day_moved) &&
	    f->time.relative;
}

/* An hour alone ("at 3"): afternoon or morning was guessed. */
static bool d_hour_guessed(const struct confidence_facts *f)
{
	return meeting(f) && f->has_start &&
	    f->time.from_prose && f->time.hour_guessed;
}

/* A move asked in a question: the new time is not agreed yet. */
static bool d_proposed(const struct confidence_facts *f)
{
	return meeting(f) && ((f->has_start && f->time.from_prose) || f->time.day_moved) &&
	    f->time.proposed;
}

static bool d_no_interviewer(const struct confidence_facts *f)
{
	return meeting(f) && f->interviewers == 0;
}

static bool d_guessed(const struct confidence_facts *f)
{
	return f->kind != DETECT_OTHER && f->guessed != NULL;
}

static bool d_writer_farewell(const struct confidence_facts *f)
{
	return meeting(f) && f->writer_farewell;
}

static bool d_organiser_assumed(const struct confidence_facts *f)
{
	return meeting(f) && f->organiser_assumed;
}

static bool d_company(const struct confidence_facts *f)
{
	return f->kind != DETECT_OTHER && f->kind != DETECT_REPLY && !news(f) && !f->company_known;
}

/* The company is read from a writer's address alone: an agency's domain
 * is no employer, and nothing written says it is.  An organiser's invite
 * is held by the organiser's organisation, its domain the host's: a
 * move or a cancellation of it is sure of whose it is; a new interview
 * is not sure of its name, which its thank-yous would write as the
 * address has it ("the role at Cascobaymed"). */
static bool d_company_unwritten(const struct confidence_facts *f)
{
	return f->kind != DETECT_OTHER && f->kind != DETECT_REPLY && !news(f) && f->company_unwritten &&
	    (!f->invite_ok || f->kind == DETECT_INTERVIEW);
}

/* The company read is the writer's own organisation, but the writer
 * recruits for a client: the employer is another. */
static bool d_company_agency(const struct confidence_facts *f)
{
	return meeting(f) && f->company_agency && !f->company_intermediary;
}

static bool d_company_intermediary(const struct confidence_facts *f)
{
	return f->kind != DETECT_OTHER && f->kind != DETECT_REPLY && !news(f) && f->company_intermediary;
}

/* The user's side of the table: what says the user is not the candidate. */

static bool d_recurring(const struct confidence_facts *f)
{
	return meeting(f) && f->recurring;
}

static bool d_user_organises(const struct confidence_facts *f)
{
	return meeting(f) && f->user_organises;
}

static bool d_own_organisation(const struct confidence_facts *f)
{
	return meeting(f) && f->own_organisation;
}

static bool d_other_outsider(const struct confidence_facts *f)
{
	return meeting(f) && f->other_outsider;
}

static bool d_user_not_invited(const struct confidence_facts *f)
{
	return meeting(f) && f->user_not_invited;
}

static bool d_no_job(const struct confidence_facts *f)
{
	return meeting(f) && !f->job_named;
}

/* Signals that speak against the kind. */
static bool d_conflict_rejection(const struct confidence_facts *f)
{
	return (f->kind == DETECT_INTERVIEW || f->kind == DETECT_UPDATE ||
	    f->kind == DETECT_OFFER) && f->sig->rejection;
}

static bool d_conflict_offer(const struct confidence_facts *f)
{
	return (f->kind == DETECT_INTERVIEW || f->kind == DETECT_UPDATE ||
	    f->kind == DETECT_REJECTION) && f->sig->offer;
}

static bool d_weak_offer(const struct confidence_facts *f)
{
	return f->kind == DETECT_OFFER && !f->sig->offer;
}

static bool d_conflict_bulk(const struct confidence_facts *f)
{
	/* A hiring system's own mail carries an unsubscribe footer and link
	 * by law, transactional or not: from one they say nothing against
	 * the reading (a hiring system's newsletter is told by its rule). */
	return f->kind != DETECT_OTHER && (f->sig->bulk_headers ||
	    ((f->sig->bulk_words || f->sig->unsubscribe) && !f->sig->ats_sender) ||
	    f->sig->job_alert);
}

static bool d_conflict_event(const struct confidence_facts *f)
{
	return f->kind != DETECT_OTHER && f->sig->not_interview;
}

struct doubt {
	bool (*test)(const struct confidence_facts *f);
	const char *why;
	int arg;               /* said after a colon: 0 nothing, 1 the rule,
	                          2 the guessed address */
};

static const struct doubt doubts[] = {
	{ d_weak_rule, "decided by a fallback rule", 1 },
	{ d_weak_source, "read from the text, not from a calendar invite, a hiring system or a person at an organisation writing to you", 0 },
	{ d_invite_not_ok, "the invite is not a request from the organiser's organisation", 0 },
	{ d_invite_no_interview, "the invite does not say it is an interview", 0 },
	{ d_no_time, "no interview time", 0 },
	{ d_no_zone, "no time zone in the mail", 0 },
	{ d_relative_day, "the day is relative to the mail's date (\"tomorrow\", a weekday)", 0 },
	{ d_hour_guessed, "an hour alone: its half of the day is guessed", 0 },
	{ d_proposed, "the new time is asked for in a question, not yet agreed", 0 },
	{ d_no_interviewer, "no interviewer named", 0 },
	{ d_guessed, "an address guessed from a name", 2 },
	{ d_organiser_assumed, "the organiser is taken to interview by Outlook's rule alone, beside others invited: perhaps only the coordinator", 0 },
	{ d_writer_farewell, "the writer is taken to interview from a farewell alone (\"see you then\"): perhaps only the coordinator", 0 },
	{ d_company, "company unknown", 0 },
	{ d_company_unwritten, "the company is read from the writer's address only, not written in the mail", 0 },
	{ d_company_intermediary, "the company read is the writer's own, but the writer recruits for a client", 0 },
	{ d_company_agency, "the company read is a recruitment agency's: the employer may be its client", 0 },
	{ d_recurring, "a recurring event: an interview does not repeat", 0 },
	{ d_user_organises, "you organise the event", 0 },
	{ d_own_organisation, "the organiser is at your own organisation", 0 },
	{ d_other_outsider, "someone else from outside the organiser's organisation is invited", 0 },
	{ d_user_not_invited, "you are not among the invitees", 0 },
	{ d_no_job, "nothing says which job", 0 },
	{ d_conflict_rejection, "signals conflict: rejection wording", 0 },
	{ d_conflict_offer, "signals conflict: offer wording", 0 },
	{ d_weak_offer, "only weak offer wording", 0 },
	{ d_conflict_bulk, "signals conflict: bulk mail or a job alert", 0 },
	{ d_conflict_event, "signals conflict: reads like an event, not an interview", 0 },
};

static void add_reason(struct detection *d, char *r)
{
	d->reasons = xrealloc(d->reasons, (d->nreasons + 1) * sizeof(char *));
	d->reasons[d->nreasons++] = r;
}

/* The strong source of a high reading, one line. */
static char *ground(const struct confidence_facts *f)
{
	if (!about_an_interview(f->kind))
		return xasprintf("decided by the rule %s, nothing in doubt", f->rule ? f->rule : "?");
	if (f->invite_ok)
		return xstrdup("a calendar invite from the organiser's side");
	if (f->ats_scheduled)
		return xstrdup("a hiring system's mail with a scheduled time");
	if (f->writer_to_user)
		return xstrdup("a person at the organisation wrote to you, every fact in the mail");
	return xasprintf("decided by the rule %s, nothing in doubt", f->rule ? f->rule : "?");
}

void confidence_judge(const struct confidence_facts *f, struct detection *d)
{
	size_t i, low = 0;

	for (i = 0; i < ARRAY_LEN(doubts); i++) {
		const char *arg = doubts[i].arg == 1 ? f->rule : doubts[i].arg == 2 ? f->guessed : NULL;

		if (!doubts[i].test(f))
			continue;
		add_reason(d, arg != NULL ? xasprintf("%s: %s", doubts[i].why, arg) :
		    xstrdup(doubts[i].why));
		low++;
	}
	d->confidence = low ? DETECT_LOW : DETECT_HIGH;
	if (!low)
		add_reason(d, ground(f));
}
