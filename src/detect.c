/*
 * detect: what a mail means for the job search.  See detect.h for the
 * contract and the rules, detect_int.h for how the work is split.  This
 * file is the order of the work: the text views, the signals, the kind
 * (the classifier of detect_kind.c), then the facts the kind asks for.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#include "detect.h"
#include "detect_int.h"
#include "ics.h"
#include "lexicon.h"
#include "message.h"
#include "parties.h"
#include "util.h"

/* ---- the decision ------------------------------------------------------------ */

const char *detect_kind_str(enum detect_kind k)
{
	switch (k) {
	case DETECT_INTERVIEW: return "interview";
	case DETECT_UPDATE: return "update";
	case DETECT_CANCEL: return "cancel";
	case DETECT_REJECTION: return "rejection";
	case DETECT_OFFER: return "offer";
	case DETECT_REPLY: return "reply";
	case DETECT_OTHER: break;
	}
	return "other";
}

int detect_kind_parse(const char *s)
{
	static const enum detect_kind all[] = { DETECT_OTHER, DETECT_INTERVIEW, DETECT_UPDATE,
		DETECT_CANCEL, DETECT_REJECTION, DETECT_OFFER, DETECT_REPLY };
	size_t i;

	for (i = 0; s != NULL && i < ARRAY_LEN(all); i++) {
		if (strcmp(s, detect_kind_str(all[i])) == 0)
			return (int)all[i];
	}
	return -1;
}

void detect_opts_init(struct detect_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
}

int detect_message(const struct message *m, const struct detect_opts *opts, struct detection *out)
{
	struct ctx c;
	struct people pl = { .n = 0 };
	struct prose_time pt;
	struct signer sg = { 0 };
	bool bulk, bulk_words, alert, receipt, cal_reply, kw, job, ats_sender, reply_like, resched, cancel_prose;
	bool is_cal_cancel = false, have_time = false;
	const char *why = "";
	char *why_buf = NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	ctx_open(&c, m, opts);

	/* signals */
	bulk = m->list_unsubscribe != NULL || m->list_id != NULL ||
	    (m->precedence != NULL && (str_ieq(m->precedence, "bulk") || str_ieq(m->precedence, "list") ||
	    str_ieq(m->precedence, "junk")));
	bulk_words = FIND_ANY(c.plain, lex_bulk_phrases) != NULL;
	alert = FIND_ANY(c.plain, lex_alert_phrases) != NULL;
	receipt = FIND_ANY(c.plain, lex_receipt_phrases) != NULL;
	cal_reply = c.method == ICS_METHOD_REPLY || c.method == ICS_METHOD_COUNTER ||
	    str_case_has_prefix(m->subject, "accepted:") || str_case_has_prefix(m->subject, "declined:") ||
	    str_case_has_prefix(m->subject, "tentative:") || str_case_has_prefix(m->subject, "tentatively accepted:") ||
	    str_case_has_prefix(m->subject, "new time proposed:") ||
	    str_case_has_prefix(m->subject, "invitation accepted") ||
	    str_case_has_prefix(m->subject, "invitation declined") ||
	    str_case_has_prefix(m->subject, "updated invitation with note") ||
	    (str_casestr(m->subject, " has accepted") != NULL) || (str_casestr(m->subject, " has declined") != NULL);
	kw = has_keyword(&c, c.plain);
	ats_sender = false;
	for (i = 0; i < m->from.n; i++) {
		if (parties_is_service_domain(email_domain(m->from.v[i].email)) &&
		    !str_has_suffix(email_domain(m->from.v[i].email), "linkedin.com") &&
		    !str_has_suffix(email_domain(m->from.v[i].email), "indeed.com"))
			ats_sender = true;
	}
	if (c.ev != NULL && c.ev->has_organizer &&
	    parties_is_service_domain(email_domain(c.ev->organizer.email)))
		ats_sender = true;
	out->role = find_role(&c);
	job = kw || ats_sender || out->role != NULL || FIND_ANY(c.plain, lex_job_words) != NULL;
	reply_like = m->in_reply_to != NULL || m->nreferences > 0 ||
	    str_case_has_prefix(m->subject, "re:") || str_case_has_prefix(m->subject, "sv:") ||
	    str_case_has_prefix(m->subject, "aw:") || str_case_has_prefix(m->subject, "vs:");
	resched = FIND_ANY(c.plain, lex_resched_words) != NULL || str_case_has_prefix(m->subject, "updated");
	cancel_prose = FIND_ANY(c.subj_low, lex_cancel_words) != NULL ||
	    (FIND_ANY(c.plain, lex_cancel_words) != NULL && kw && str_casestr(c.plain, "interview") != NULL &&
	    (find_phrase(c.plain, "has been cancelled") || find_phrase(c.plain, "has been canceled") ||
	    find_phrase(c.plain, "need to cancel") || find_phrase(c.plain, "have to cancel") ||
	    find_phrase(c.plain, "is cancelled") || find_phrase(c.plain, "is canceled") ||
	    find_phrase(c.plain, "was cancelled") || find_phrase(c.plain, "was canceled") ||
	    find_phrase(c.plain, "been called off")));
	if (c.cal != NULL)
		is_cal_cancel = c.method == ICS_METHOD_CANCEL ||
		    (c.ev != NULL && c.ev->status != NULL && strcmp(c.ev->status, "CANCELLED") == 0);

	/* time */
	prose_time(&c, &pt);
	if (c.ev != NULL && c.ev->start.set && !c.ev->start.zone_unknown && !c.ev->start.all_day) {
		out->has_start = true;
		out->start = c.ev->start.utc;
		if (c.ev->end.set && !c.ev->end.zone_unknown && c.ev->end.utc >= c.ev->start.utc) {
			out->has_end = true;
			out->end = c.ev->end.utc;
		}
		if (c.ev->start.zone != NULL && strcmp(c.ev->start.zone, "UTC") != 0)
			out->timezone = xstrdup(c.ev->start.zone);
		else if (pt.found && pt.start == out->start && pt.zone[0])
			out->timezone = xstrdup(pt.zone);
		else if (c.ev->start.zone != NULL)
			out->timezone = xstrdup(c.ev->start.zone);
		have_time = true;
	} else if (pt.found) {
		out->has_start = true;
		out->start = pt.start;
		out->has_end = pt.has_end;
		out->end = pt.end;
		out->timezone = dup_or_null(pt.zone);
		have_time = true;
	} else if (c.ev != NULL && c.ev->start.set && c.ev->start.zone_unknown) {
		out->time_uncertain = true;
	}
	if (c.ev != NULL && c.ev->start.set && c.ev->start.zone_unknown && have_time)
		out->time_uncertain = false;

	/* kind */
	{
		bool not_iv = FIND_ANY(c.subj_low, lex_event_not_interview) != NULL ||
		    (c.cal_low != NULL && FIND_ANY(c.cal_low, lex_event_not_interview) != NULL) ||
		    (c.cal == NULL && FIND_ANY(c.plain, lex_event_not_interview) != NULL && !ats_sender);
		bool iv_invite = (kw || ats_sender || out->role != NULL) && !not_iv;
		bool from_me = m->from.n > 0 && is_me_email(opts, m->from.v[0].email) && m->nattached == 0 &&
		    !str_case_has_prefix(m->subject, "fw");

		if (sender_ignored(&c)) {
			out->kind = DETECT_OTHER;
			why = "sender is in detect.ignore_senders";
		} else if (from_me) {
			out->kind = DETECT_OTHER;
			why = "sent by the user";
		} else if (cal_reply) {
			out->kind = DETECT_OTHER;
			why = "a calendar reply (accepted/declined)";
		} else if (bulk && !(c.cal != NULL && iv_invite)) {
			out->kind = DETECT_OTHER;
			why = "bulk mail (list headers)";
		} else if (bulk_words && c.cal == NULL && !(kw && have_time && !not_iv)) {
			out->kind = DETECT_OTHER;
			why = "a newsletter or marketing mail";
		} else if (alert) {
			out->kind = DETECT_OTHER;
			why = "a job alert";
		} else if (job && FIND_ANY(c.plain, lex_rejection_phrases) != NULL && !is_cal_cancel) {
			out->kind = DETECT_REJECTION;
			why = "rejection wording";
		} else if (job && !(c.cal && iv_invite) && (offer_said(c.plain) ||
		    (FIND_ANY(c.plain, lex_offer_weak) != NULL && !(kw && have_time)))) {
			out->kind = DETECT_OFFER;
			why = "offer wording";
		} else if (c.cal != NULL && c.ev != NULL) {
			if (!iv_invite) {
				out->kind = DETECT_OTHER;
				why = "a calendar invite not about a job interview";
				why_buf = xasprintf("calendar %s%s%s not about a job interview: \"%.80s\"",
				    c.method == ICS_METHOD_NONE ? "event" : ics_method_str(c.method),
				    is_cal_cancel ? " (cancelled)" : "",
				    c.ev->sequence > 0 ? " (updated)" : "",
				    c.ev->summary ? c.ev->summary : "");
				why = why_buf;
			} else if (is_cal_cancel) {
				out->kind = DETECT_CANCEL;
				why = "calendar CANCEL";
			} else if (c.ev->sequence > 0 || resched) {
				out->kind = DETECT_UPDATE;
				why = c.ev->sequence > 0 ? "calendar invite with a higher SEQUENCE" : "calendar invite, rescheduled";
			} else {
				out->kind = DETECT_INTERVIEW;
				why = "calendar invite for an interview";
			}
		} else if (cancel_prose && kw && !not_iv) {
			out->kind = DETECT_CANCEL;
			why = "interview cancelled in the text";
		} else if (receipt && !(kw && have_time)) {
			out->kind = DETECT_OTHER;
			why = "an application receipt";
		} else if (kw && have_time && !not_iv) {
			out->kind = resched ? DETECT_UPDATE : DETECT_INTERVIEW;
			why = resched ? "interview moved, time in the text" : "interview with a time in the text";
		} else if (job && m->from.n > 0 && human(&c, m->from.v[0].email) &&
		    (reply_like || mentions_references(c.plain) || decision_promised(&c))) {
			/* a person writing about the application: a reply, a status
			 * update, a request for references */
			out->kind = DETECT_REPLY;
			why = reply_like ? "a reply in a job thread" : "a person writing about the application";
		} else {
			out->kind = DETECT_OTHER;
			why = !job ? "nothing about a job" : "about a job, but no interview time";
		}
	}
	out->reason = xstrdup(why);
	free(why_buf);
	out->message_id = dup_or_null(m->message_id);
	out->subject = xstrdup(m->subject);
	out->in_reply_to = dup_or_null(m->in_reply_to);
	if (m->nreferences > 0) {
		out->references = xcalloc(m->nreferences, sizeof(char *));
		for (i = 0; i < m->nreferences; i++)
			out->references[i] = xstrdup(m->references[i]);
		out->nreferences = m->nreferences;
	}
	if (m->from.n > 0) {
		char *dn = person_display(m->from.v[0].name);

		set_person(&out->from, dn, m->from.v[0].email);
		free(dn);
	}
	out->has_date = m->has_date;
	out->date = m->date;
	out->auth = message_auth_results(m);
	if (c.ev != NULL)
		out->sequence = c.ev->sequence;

	if (out->kind == DETECT_OTHER) {
		/* Facts of mail that is not ours would only mislead. */
		free(out->role);
		out->role = NULL;
		free(out->timezone);
		out->timezone = NULL;
		out->has_start = out->has_end = false;
		out->time_uncertain = false;
		goto out;
	}
	if (out->kind != DETECT_INTERVIEW && out->kind != DETECT_UPDATE && out->kind != DETECT_CANCEL) {
		free(out->timezone);
		out->timezone = NULL;
		out->has_start = out->has_end = false;
		out->time_uncertain = false;
	}

	/* people */
	find_signer(&c, &sg);
	if (out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE || out->kind == DETECT_CANCEL) {
		calendar_people(&c, &pl);
		prose_people(&c, &pl);
		schedule_people(&c, &pl);
		people_before(&c, &pl);
		/* "I'll call you", "our phone screen": the writer is the interviewer */
		if (c.ev == NULL && m->from.n > 0 && human(&c, m->from.v[0].email)) {
			if (FIND_ANY(c.plain, lex_first_person) != NULL) {
				char *dn = person_display(m->from.v[0].name);

				people_add(&pl, looks_like_person(dn) ? dn : NULL, m->from.v[0].email);
				free(dn);
			}
		}
		if (pl.n > 0) {
			out->interviewers = xcalloc(pl.n, sizeof(*out->interviewers));
			for (i = 0; i < pl.n; i++) {
				out->interviewers[i] = pl.v[i];
				pl.v[i].name = pl.v[i].email = NULL;
			}
			out->ninterviewers = pl.n;
			pl.n = 0;
		}
	}
	/* contact: Reply-To, organizer, From, signer */
	for (i = 0; i < m->reply_to.n && out->contact.email == NULL; i++) {
		if (human(&c, m->reply_to.v[i].email)) {
			char *dn = person_display(m->reply_to.v[i].name);

			if (!looks_like_person(dn)) {
				free(dn);
				dn = NULL;
				if (sg.name != NULL && (sg.email == NULL || strcasecmp(sg.email, m->reply_to.v[i].email) == 0))
					dn = xstrdup(sg.name);
				else if (m->from.n > 0) {
					dn = person_display(m->from.v[0].name);
					if (!looks_like_person(dn)) {
						free(dn);
						dn = name_from_email(m->reply_to.v[i].email);
					}
				}
			}
			set_person(&out->contact, dn, m->reply_to.v[i].email);
			free(dn);
		}
	}
	if (out->contact.email == NULL && c.ev != NULL && c.ev->has_organizer &&
	    human(&c, c.ev->organizer.email) && c.ev->organizer.cutype == ICS_CUTYPE_INDIVIDUAL) {
		char *dn = c.ev->organizer.name[0] && !strchr(c.ev->organizer.name, '@') ?
		    person_display(c.ev->organizer.name) : name_from_email(c.ev->organizer.email);

		set_person(&out->contact, dn, c.ev->organizer.email);
		free(dn);
	}
	{
		const struct message *src = m;

		/* a forward from the user: the original sender counts */
		if (m->from.n > 0 && is_me_email(opts, m->from.v[0].email) && m->nattached > 0)
			src = m->attached[0];
		for (i = 0; i < src->from.n && out->contact.email == NULL; i++) {
			if (human(&c, src->from.v[i].email)) {
				char *dn = person_display(src->from.v[i].name);

				if (!looks_like_person(dn)) {
					free(dn);
					dn = sg.name ? xstrdup(sg.name) : name_from_email(src->from.v[i].email);
				}
				set_person(&out->contact, dn, src->from.v[i].email);
				free(dn);
			}
		}
	}
	for (i = 0; out->contact.email == NULL && out->contact.name == NULL && i < out->ninterviewers; i++) {
		/* "Host: Marcus Reed (marcus.reed@...)" in a scheduler's mail */
		if (out->interviewers[i].email != NULL && sg.name == NULL)
			set_person(&out->contact, out->interviewers[i].name, out->interviewers[i].email);
	}
	if (out->contact.email == NULL && out->contact.name == NULL && sg.name != NULL) {
		char *em = sg.email ? xstrdup(sg.email) : email_for_name(&c, sg.name);

		set_person(&out->contact, sg.name, em);
		free(em);
	}

	/* company */
	out->company = prose_company(&c);
	if (out->company == NULL)
		out->company = subject_company(&c);
	if (out->company == NULL)
		out->company = display_company(&c);
	if (out->company == NULL) {
		out->company = ats_company(&c);
		/* "Fourthcoffee" from a URL, "Fourth Coffee" in the signature */
		if (out->company != NULL && sg.company != NULL && squash_eq(out->company, sg.company)) {
			free(out->company);
			out->company = sg.company;
			sg.company = NULL;
		}
	}
	if (out->company == NULL && sg.company != NULL) {
		out->company = sg.company;
		sg.company = NULL;
	}
	if (out->company == NULL && out->contact.email != NULL)
		out->company = domain_company(out->contact.email);
	if (out->company == NULL && m->from.n > 0)
		out->company = domain_company(m->from.v[0].email);
	for (i = 0; out->company == NULL && i < out->ninterviewers; i++) {
		if (out->interviewers[i].email != NULL)
			out->company = domain_company(out->interviewers[i].email);
	}

	/* "interview with Acme Robotics" is not a person */
	for (i = 0; out->company != NULL && i < out->ninterviewers; i++) {
		if (out->interviewers[i].email == NULL && out->interviewers[i].name != NULL &&
		    squash_eq(out->interviewers[i].name, out->company)) {
			free(out->interviewers[i].name);
			memmove(&out->interviewers[i], &out->interviewers[i + 1],
			    (out->ninterviewers - i - 1) * sizeof(*out->interviewers));
			out->ninterviewers--;
			i--;
		}
	}

	/* places and links */
	if (out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE || out->kind == DETECT_CANCEL) {
		if (c.ev != NULL) {
			for (i = 0; i < c.ev->nconference && out->meeting_url == NULL; i++)
				out->meeting_url = meeting_link(c.ev->conference[i]);
			if (out->meeting_url == NULL && c.ev->url != NULL)
				out->meeting_url = meeting_link(c.ev->url);
			if (out->meeting_url == NULL)
				out->meeting_url = first_meeting_in(c.ev->location);
			if (out->meeting_url == NULL)
				out->meeting_url = first_meeting_in(c.ev->description);
			out->event_uid = dup_or_null(c.ev->uid);
			if (c.ev->location != NULL && !virtual_place(c.ev->location))
				out->location = clean_phrase(c.ev->location, strlen(c.ev->location));
		}
		for (i = 0; i < m->nparts && out->meeting_url == NULL; i++) {
			size_t k;

			for (k = 0; k < m->parts[i].nlinks && out->meeting_url == NULL; k++)
				out->meeting_url = meeting_link(m->parts[i].links[k].url);
		}
		if (out->meeting_url == NULL)
			out->meeting_url = first_meeting_in(c.text);
		if (out->location == NULL)
			out->location = prose_location(&c);
	}

	/* promises and stages */
	if (out->kind != DETECT_REJECTION && out->kind != DETECT_CANCEL && out->kind != DETECT_OFFER) {
		char d[16];

		struct tm base = c.ref_tm;

		if ((out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE) && out->has_start &&
		    out->start > c.ref) {
			time_t bt = out->start + c.ref_off;

			gmtime_r(&bt, &base);
		}
		if (decision_by(&c, &base, d, sizeof(d)))
			out->decision_by = xstrdup(d);
	}
	if (out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE || out->kind == DETECT_REPLY)
		out->final_round = FIND_ANY(c.plain, lex_final_phrases) != NULL;
	if (out->kind != DETECT_REJECTION)
		out->asks_references = mentions_references(c.plain);
out:
	free(sg.name);
	free(sg.email);
	free(sg.company);
	people_free(&pl);
	ctx_close(&c);
	return 0;
}

void detection_free(struct detection *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->company);
	free(d->role);
	free(d->timezone);
	for (i = 0; i < d->ninterviewers; i++) {
		free(d->interviewers[i].name);
		free(d->interviewers[i].email);
	}
	free(d->interviewers);
	free(d->contact.name);
	free(d->contact.email);
	free(d->meeting_url);
	free(d->location);
	free(d->event_uid);
	free(d->message_id);
	free(d->decision_by);
	free(d->reason);
	free(d->subject);
	free(d->in_reply_to);
	for (i = 0; i < d->nreferences; i++)
		free(d->references[i]);
	free(d->references);
	free(d->from.name);
	free(d->from.email);
	memset(d, 0, sizeof(*d));
}

const char *detect_format_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (len > 0)
			buf[0] = '\0';
	}
	return buf;
}
