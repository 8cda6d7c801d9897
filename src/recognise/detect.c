/*
 * detect: what a mail means for the job search.  See detect.h for the
 * contract and the rules, detect_int.h for how the work is split.  This
 * file is the order of the work: the text views, the signals, the kind
 * (the classifier of detect_kind.c), then the facts the kind asks for,
 * then how sure the reading is (detect_confidence.c).
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

/* To and Cc, in that order, for the user's own sent mail. */
static void fill_recipients(const struct message *m, struct detection *out)
{
	const struct msg_addr_list *lists[] = { &m->to, &m->cc };
	size_t n = m->to.n + m->cc.n;

	if (n > DETECT_MAX_RECIPIENTS)
		n = DETECT_MAX_RECIPIENTS;
	if (n == 0)
		return;
	out->recipients = xcalloc(n, sizeof(*out->recipients));
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n && out->nrecipients < n; i++) {
			const struct msg_addr *a = &lists[l]->v[i];
			char *dn;

			if (a->email == NULL || *a->email == '\0')
				continue;
			dn = person_display(a->name);
			set_person(&out->recipients[out->nrecipients++], dn, a->email);
			free(dn);
		}
}

/* The envelope of the mail, for the daemon and the audit log. */
static void fill_envelope(const struct ctx *c, struct detection *out)
{
	const struct message *m = c->m;
	size_t i;

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
	fill_recipients(m, out);
	out->has_date = m->has_date;
	out->date = m->date;
	out->auth = message_auth_results(m);
	if (c->ev != NULL)
		out->sequence = c->ev->sequence;
}

/* Only an interview, a move or a cancellation keeps a time. */
static void drop_time(struct detection *out)
{
	free(out->timezone);
	out->timezone = NULL;
	out->has_start = out->has_end = false;
	out->time_uncertain = false;
	free(out->moved_day);
	out->moved_day = NULL;
}

/* Promises and stages: the decision date (counted from the interview
 * still to come, else from the mail), the final round, references. */
static void fill_promises(const struct ctx *c, struct detection *out)
{
	if (out->kind != DETECT_REJECTION && out->kind != DETECT_CANCEL && out->kind != DETECT_OFFER) {
		char d[16];
		struct tm base = c->ref_tm;

		if ((out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE) && out->has_start &&
		    out->start > c->ref) {
			time_t bt = out->start + c->ref_off;

			gmtime_r(&bt, &base);
		}
		if (decision_by(c, &base, d, sizeof(d)))
			out->decision_by = xstrdup(d);
	}
	/* and a rejection "after your final interview": the stage it ends
	 * (nothing is planned from it) */
	if (out->kind == DETECT_INTERVIEW || out->kind == DETECT_UPDATE || out->kind == DETECT_REPLY ||
	    out->kind == DETECT_REJECTION)
		out->final_round = final_said(c->plain);
	if (out->kind != DETECT_REJECTION)
		out->asks_references = mentions_references(c->plain);
}

static bool about_an_interview(enum detect_kind k)
{
	return k == DETECT_INTERVIEW || k == DETECT_UPDATE || k == DETECT_CANCEL;
}

/* The signals by name, the reasons and the confidence, once the facts
 * are known. */
static void judge(const struct ctx *c, const struct signals *sig, const struct time_source *ts,
    struct detection *out)
{
	struct confidence_facts f;

	signals_names(sig, &out->signals, &out->nsignals);
	out->reasons = xcalloc(1, sizeof(char *));
	out->reasons[0] = xstrdup(out->reason);
	out->nreasons = 1;
	confidence_facts_gather(c, sig, out->rule, ts, out, &f);
	confidence_judge(&f, out);
}

/*
 * The work, in order: the text views; the facts the kind depends on (a
 * job title, an interview time); the signals and the kind, with the rule
 * that decided it; then the facts the kind asks for, each step a
 * fallback chain of its own.  Mail that is not ours keeps no facts: they
 * would only mislead.
 */
int detect_message(const struct message *m, const struct detect_opts *opts, struct detection *out)
{
	struct ctx c;
	struct signals sig;
	struct signer sg = { 0 };
	const struct kind_rule *rule;
	struct time_source ts;
	struct loop_table loop;
	bool have_time;

	memset(out, 0, sizeof(*out));
	ctx_open(&c, m, opts);
	out->role = find_role(&c);
	have_time = fill_time(&c, out, &ts);
	loop_table_read(&c, &loop);
	if (loop_table_time(&c, &loop, out, &ts))
		have_time = true;
	/* "Perfect, that's confirmed." above the user's own proposal */
	if (!have_time && m->in_reply_to != NULL && confirms_proposal(c.plain) &&
	    quote_time(&c, out, &ts))
		have_time = true;
	/* "Could we move it to Wednesday, same time?": the day alone */
	if (!have_time) {
		struct day_move dm;

		/* a day of the calendar the JSON carries (1970-9999) */
		if (day_moved(&c, &dm) && dm.y >= 1970 && dm.y <= 9999) {
			out->moved_day = xasprintf("%04d-%02d-%02d", dm.y, dm.mo, dm.d);
			ts.day_moved = true;
			ts.relative = dm.relative;
			ts.proposed = dm.proposed;
		}
	}
	signals_gather(&c, &ts, have_time, out->role != NULL, &sig);
	rule = detect_classify(&sig);
	out->kind = rule->kind;
	out->rule = rule->name;
	out->reason = kind_reason(rule, &sig);
	fill_envelope(&c, out);

	if (out->kind == DETECT_OTHER) {
		free(out->role);
		out->role = NULL;
		drop_time(out);
		goto done;
	}
	if (!about_an_interview(out->kind))
		drop_time(out);
	if (out->kind != DETECT_UPDATE) {
		free(out->moved_day);   /* a day alone moves only a known interview */
		out->moved_day = NULL;
	} else {
		int days[DETECT_MAX_DAYS];
		size_t n = days_named(&c, days, DETECT_MAX_DAYS);

		out->days = n ? xcalloc(n, sizeof(char *)) : NULL;
		for (size_t i = 0; i < n; i++)
			out->days[out->ndays++] = xasprintf("%04d-%02d-%02d", days[i] / 10000,
			    days[i] / 100 % 100, days[i] % 100);
	}
	find_signer(&c, &sg);
	if (about_an_interview(out->kind)) {
		fill_interviewers(&c, out);
		loop_table_people(&loop, out);
	}
	fill_contact(&c, &sg, out);
	fill_company(&c, &sg, out);
	drop_company_people(out);
	drop_company_from_role(out);
	if (about_an_interview(out->kind))
		fill_places(&c, out);
	fill_promises(&c, out);
	if (out->kind == DETECT_UPDATE || out->kind == DETECT_REPLY)
		out->panel_change = panel_change(&c);
done:
	judge(&c, &sig, &ts, out);
	loop_table_free(&loop);
	free(sg.name);
	free(sg.email);
	free(sg.company);
	ctx_close(&c);
	return 0;
}

