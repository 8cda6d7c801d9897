/*
 * detect_org: the organisation a mail is about: the company (from prose,
 * subject, sender name, hiring-system links, signature, domain), the role
 * ("Senior Backend Engineer") and the place of the interview.  Hiring
 * systems, calendar services, months, zones and people are never a
 * company.  parties_org_domain() is the only domain rule.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "ics.h"
#include "lexicon.h"
#include "message.h"
#include "parties.h"
#include "utf8.h"
#include "util.h"


/* ---- company ---- */

/* A date, not a name: a month or weekday alone or before a number
 * ("December", "Tuesday", "March 2027", "mardi 8"), or after its day
 * ("16th December", "16. Dezember").  "Mei Lin" and "May
 * Chen" are people: a month name of some language starts many names. */
static bool date_words(const char *low)
{
	size_t len, l2, d = 0;

	/* the day first, as British and European mail writes it: "16th
	 * December", "16. Dezember", "3 mars" */
	while (d < 2 && low[d] >= '0' && low[d] <= '9')
		d++;
	if (d > 0) {
		if (strncmp(low + d, "st", 2) == 0 || strncmp(low + d, "nd", 2) == 0 ||
		    strncmp(low + d, "rd", 2) == 0 || strncmp(low + d, "th", 2) == 0)
			d += 2;
		if (low[d] == '.')
			d++;
		if (low[d] != ' ' || month_at(low + d + 1, &len) <= 0)
			return false;
		low += d + 1;
	} else if (month_at(low, &len) <= 0 && weekday_at(low, &len) < 0)
		return false;
	while (low[len] == '.' || low[len] == ',')
		len++;
	/* "Mon Dec 7": a weekday, then its month */
	if (low[len] == ' ' && month_at(low + len + 1, &l2) > 0) {
		len += 1 + l2;
		while (low[len] == '.' || low[len] == ',')
			len++;
	}
	return low[len] == '\0' || (low[len] == ' ' && (low[len + 1] == '\0' ||
	    (low[len + 1] >= '0' && low[len + 1] <= '9')));
}

bool has_address_number(const char *name)
{
	for (size_t i = 0; name[i]; i++) {
		size_t k = i;

		if (i > 0 && is_word_byte((unsigned char)name[i - 1]))
			continue;
		while (isdigit((unsigned char)name[k]))
			k++;
		if (k - i >= 2 && !is_word_byte((unsigned char)name[k]))
			return true;
	}
	return false;
}

bool bad_company(const char *name)
{
	size_t i, l;

	if (name == NULL || *name == '\0' || strlen(name) > 60)
		return true;
	/* a posting's or a competition's reference ("26PO041", "R-0045123"):
	 * one word of capitals and three digits or more */
	{
		size_t digits = 0;
		const char *p;

		for (p = name; *p && (isupper((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    *p == '-' || *p == '/'); p++)
			digits += isdigit((unsigned char)*p) != 0;
		if (*p == '\0' && digits >= 3)
			return true;
	}
	for (i = 0; i < lex_not_company.n; i++) {
		if (strcasecmp(name, lex_not_company.w[i]) == 0)
			return true;
	}
	{
		char *low = lower_dup(name);
		bool bad = date_words(low);

		if (is_zone_abbr(name))
			bad = true;
		free(low);
		if (bad)
			return true;
	}
	/* a legal form alone ("S.A.", "GmbH") names nobody */
	{
		char *t = xasprintf("X %s", name);
		bool form;

		strip_legal(t);
		form = strcmp(t, "X") == 0;
		free(t);
		if (form)
			return true;
	}
	/* "Your appointment Technical Interview", "Ihr Vertragsangebot": a
	 * possessive or an indefinite article (lex_not_name_words) begins a
	 * phrase of the mail's, never a name */
	{
		size_t n = strcspn(name, " ");

		for (i = 0; i < lex_not_name_words.n; i++)
			if (name[n] == ' ' && strlen(lex_not_name_words.w[i]) == n &&
			    strncasecmp(name, lex_not_name_words.w[i], n) == 0)
				return true;
	}
	/* a time of day ("1pm", from "Interview confirmed - Monday @ 1pm"),
	 * with its zone ("2pm CT") */
	if (isdigit((unsigned char)name[0])) {
		char *low = lower_dup(name);
		int h, mi, ap;
		size_t n = clock_at(low, 0, &h, &mi, &ap);
		bool clock = n > 0 && (name[n] == '\0' || (name[n] == ' ' && is_zone_abbr(name + n + 1)));

		free(low);
		if (clock)
			return true;
	}
	l = strlen(name);
	return l < 2 || has_address_number(name) || session_phrase(name);
}

/* Up to 4 capitalised words starting at text+i ("Acme", "Acme Robotics",
 * "AT&T", "Initech Inc.", "Éirlinn Energy Networks": a Latin capital
 * with its accent counts); NULL when the first is not capitalised. */
char *cap_words(const char *text, size_t i, int maxw)
{
	size_t j = i, end = i;
	int words = 0;

	while (text[j] && words < maxw) {
		size_t k = j;
		unsigned char c = (unsigned char)text[k];

		if (!(capital_at(text + k) || isdigit(c) || (c >= 0xC3 && c <= 0xC5 && words > 0)))
			break;
		while (text[k] && (isalnum((unsigned char)text[k]) || text[k] == '&' ||
		    text[k] == '-' || text[k] == '\'' || (unsigned char)text[k] >= 0x80 ||
		    (text[k] == '.' && isalpha((unsigned char)text[k + 1]))))
			k++;
		if (k == j)
			break;
		words++;
		end = k;
		if (text[k] == ' ' && text[k + 1] != ' ') {
			/* "&" or "and" between capitalised words: "Smith & Wesson" */
			if (text[k + 1] == '&' && text[k + 2] == ' ') {
				j = k + 3;
				continue;
			}
			/* "of" between capitalised words: "City of Harbor
			 * Point", "Bank of America" */
			if (strncmp(text + k + 1, "of ", 3) == 0 && capital_at(text + k + 4) && words < maxw - 1) {
				j = k + 4;
				continue;
			}
			j = k + 1;
			continue;
		}
		break;
	}
	if (words == 0)
		return NULL;
	{
		char *r = xstrndup(text + i, end - i);
		size_t n = strlen(r);

		/* "Acme's" -> "Acme" */
		if (n > 2 && (strcmp(r + n - 2, "'s") == 0))
			r[n - 2] = '\0';
		if (n > 4 && strcmp(r + n - 4, "\xe2\x80\x99s") == 0)
			r[n - 4] = '\0';
		return r;
	}
}

/* Drop legal suffixes, as often as they stack: "Acme Inc." -> "Acme",
 * "Tarang Payments Pvt. Ltd." -> "Tarang Payments". */
static bool strip_suffix_from(char *name, const struct lexicon *lx)
{
	size_t i, n = strlen(name);

	for (i = 0; i < lx->n; i++) {
		size_t sl = strlen(lx->w[i]);

		/* "S.r.l." and "S.r.l" alike: a name cut before its dot */
		if (sl > 2 && lx->w[i][sl - 1] == '.' && n > 0 && name[n - 1] != '.')
			sl--;
		if (n > sl && strncmp(name + n - sl, lx->w[i], sl) == 0 &&
		    (lx->w[i][0] == ' ' || lx->w[i][0] == ',')) {
			name[n - sl] = '\0';
			return true;
		}
	}
	return false;
}

void strip_legal(char *name)
{
	size_t n;
	int rounds = 0;

	do {
		n = strlen(name);
		while (n > 0 && (name[n - 1] == ',' || name[n - 1] == ' '))
			name[--n] = '\0';
	} while (rounds++ < 4 && (strip_suffix_from(name, &lex_legal_suffixes) ||
	    strip_suffix_from(name, &lex_legal_forms)));
	n = strlen(name);
	while (n > 0 && (name[n - 1] == ',' || name[n - 1] == '.' || name[n - 1] == ' '))
		name[--n] = '\0';
	/* Indonesia's form comes first: "PT Nusantara Rasa Tbk" */
	if (strncmp(name, "PT ", 3) == 0 && name[3] != '\0')
		memmove(name, name + 3, strlen(name + 3) + 1);
}

bool stands_as_word(const char *s, const char *p, size_t n)
{
	unsigned char b = p > s ? (unsigned char)p[-1] : ' ', a = (unsigned char)p[n];

	if (is_word_byte(b) || b == '@' || b == '.' || b == '/' || b == '-' || b == '_')
		return false;
	return !(is_word_byte(a) || a == '@' || a == '/' || (a == '.' && isalnum((unsigned char)p[n + 1])));
}

bool has_legal_form(const char *name)
{
	char *s = xstrdup(name);
	bool r = strip_suffix_from(s, &lex_legal_suffixes) || strip_suffix_from(s, &lex_legal_forms);

	free(s);
	return r;
}

/* "acme-robotics" -> "Acme Robotics". */
char *slug_name(const char *s, size_t n)
{
	struct buf b = { 0 };
	bool start = true;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '-' || c == '_' || c == '+') {
			buf_addc(&b, ' ');
			start = true;
			continue;
		}
		if (!isalnum((unsigned char)c))
			break;
		buf_addc(&b, start ? (char)toupper((unsigned char)c) : c);
		start = false;
	}
	if (b.len < 2) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

char *ats_company(const struct ctx *c)
{
	const char *p = c->text;
	int count = 0;
	char *r;
	size_t i, k;

	/* the sender's own address at an ATS: acme@myworkday.com */
	for (i = 0; i < c->m->from.n; i++) {
		const char *e = c->m->from.v[i].email;
		const char *dom = email_domain(e);

		if (strcasecmp(dom, "myworkday.com") == 0 && !parties_is_robot_local(e)) {
			size_t n = (size_t)(strchr(e, '@') - e);

			return slug_name(e, n);
		}
	}
	/* links in HTML parts, then URLs in text */
	for (i = 0; i < c->m->nparts; i++) {
		for (k = 0; k < c->m->parts[i].nlinks; k++) {
			if ((r = ats_company_of_url(c->m->parts[i].links[k].url)) != NULL)
				return r;
		}
	}
	while ((p = str_casestr(p, "http")) != NULL && count++ < MAX_URLS) {
		size_t n = strcspn(p, " \t\r\n<>\"'");
		char *u = xstrndup(p, n);

		r = ats_company_of_url(u);
		free(u);
		if (r != NULL)
			return r;
		p += 4;
	}
	/* addresses: acme@greenhouse-mail.io style hosts never name it; but
	 * a sub-domain sender may: acme.bamboohr.com */
	for (i = 0; i < c->m->from.n; i++) {
		char *u = xasprintf("https://%s/", email_domain(c->m->from.v[i].email));

		r = ats_company_of_url(u);
		free(u);
		if (r != NULL)
			return r;
	}
	return NULL;
}

/* A service's name, alone or followed only by what the service makes:
 * "Zoom", "Zoom Meeting", "Google Calendar Invite" (a meeting tool's or
 * calendar's own name is never a company). */
bool is_ats_name(const char *s)
{
	size_t i;

	for (i = 0; i < lex_ats_names.n; i++) {
		size_t n = strlen(lex_ats_names.w[i]);
		const char *p = s + n;

		if (strncasecmp(s, lex_ats_names.w[i], n) != 0 || (*p != '\0' && *p != ' '))
			continue;
		while (*p == ' ') {
			size_t w = strcspn(p + 1, " ");

			if (!lex_word_is(&lex_tool_products, p + 1, w))
				break;
			p += 1 + w;
		}
		if (*p == '\0')
			return true;
	}
	return false;
}

/* Of the n bytes of c's text at at, how many stand on its line (the
 * text joins hard-wrapped lines; ltext, same offsets, keeps the breaks). */
static size_t line_part(const struct ctx *c, size_t at, size_t n)
{
	const char *nl = memchr(c->ltext + at, '\n', n);

	return nl != NULL ? (size_t)(nl - (c->ltext + at)) : n;
}

static char *company_candidate(const struct ctx *c, size_t at)
{
	char *r;

	if (!isupper((unsigned char)c->text[at]))
		return NULL;
	r = cap_words(c->text, at, 4);
	if (r == NULL)
		return NULL;
	/* not into the next line, which the joined text runs on to
	 * ("Client: Thistle Health" / "Role: Senior Product Designer") */
	{
		size_t n = line_part(c, at, strlen(r));

		while (n > 0 && r[n - 1] == ' ')
			n--;
		r[n] = '\0';
		if (n == 0) {
			free(r);
			return NULL;
		}
	}
	strip_legal(r);
	if (bad_company(r) || is_ats_name(r) || is_me_name(c->o, r)) {
		free(r);
		return NULL;
	}
	return r;
}

/* Does name name the domain of an address the mail knows (its headers,
 * the event's people)? */
static bool names_a_domain(const struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->known.n; i++)
		if (c->known.v[i].email != NULL && org_matches_domain(name, c->known.v[i].email))
			return true;
	return false;
}

/* Is the one word w, met after "interview with", a person's first name
 * here?  Not when it names a domain.  Yes when it starts the name of a
 * person the mail knows or writes in full ("Marcus" and "Marcus
 * Oyelaran"), when the mail names it once only ("interview with Sarah
 * is cancelled"), or when a sentence about it says he or she ("Sam has a
 * clash, so I've moved your conversation with him"). */
static bool first_name_here(const struct ctx *c, const char *w)
{
	static const char *const pronouns[] = { "he", "him", "his", "she", "her", "ihm", "ihn",
		"elle", "lui", "\xc3\xa9l", "ella", "ele", "dela", "dele", "hij" };
	size_t wl = strlen(w), i, seen = 0;
	const char *srcs[2] = { c->text, c->m->subject };

	if (names_a_domain(c, w))
		return false;
	for (i = 0; i < c->known.n; i++) {
		const char *n = c->known.v[i].name;

		if (n != NULL && strncasecmp(n, w, wl) == 0 && n[wl] == ' ')
			return true;
	}
	for (i = 0; i < ARRAY_LEN(srcs); i++) {
		const char *p = srcs[i];

		while ((p = strstr(p, w)) != NULL) {
			size_t len, k;
			char *name;

			if ((p > srcs[i] && is_word_byte((unsigned char)p[-1])) || is_word_byte((unsigned char)p[wl])) {
				p += wl;
				continue;
			}
			seen++;
			if (p[wl] == ' ' && (name = cap_words(p, 0, 3)) != NULL) {
				bool full = strchr(name, ' ') != NULL && looks_like_person_strict(name);

				free(name);
				if (full)
					return true;
			}
			/* the rest of its sentence */
			len = strcspn(p, ".!?\n");
			{
				char *sent = xstrndup(p, len);

				for (k = 0; k < ARRAY_LEN(pronouns); k++)
					if (has_word_ci(sent, pronouns[k])) {
						free(sent);
						return true;
					}
				free(sent);
			}
			p += wl;
		}
	}
	return seen <= 1;
}

/* Subject "Initech interview: ...", "Fabrikam interview cancelled": the
 * name right before " interview". */
static char *subject_lead_company(const struct ctx *c)
{
	const char *subj = c->m->subject;
	size_t k = 0;
	char *r;

	if (strncasecmp(subj, "invitation: ", 12) == 0 || strncasecmp(subj, "updated invitation: ", 20) == 0 ||
	    strncasecmp(subj, "canceled: ", 10) == 0 || strncasecmp(subj, "cancelled: ", 11) == 0 ||
	    strncasecmp(subj, "re: ", 4) == 0 || strncasecmp(subj, "fwd: ", 5) == 0)
		k = strchr(subj, ':') - subj + 2;
	r = cap_words(subj, k, 3);
	if (r != NULL) {
		size_t g, rl = strlen(r);
		bool bad = !str_case_has_prefix(subj + k + rl, " interview") || bad_company(r) ||
		    is_ats_name(r);

		for (g = 0; g < lex_subject_generic.n && !bad; g++) {
			if (str_case_has_prefix(r, lex_subject_generic.w[g]))
				bad = true;
		}
		if (!bad) {
			strip_legal(r);
			return r;
		}
		free(r);
	}
	return NULL;
}

/* " at " and its translations before an employer. */
static const char *const at_words[] = { "at", "bei", "chez", "bij" };

/* Is w (lower-case) a word of a job, which " at " after it joins to an
 * employer: "engineer", "interview", "kennenlernen", any "...gespräch"? */
static bool at_lead(const char *w)
{
	static const char *const tails[] = { "gespr\xc3\xa4\x63h", "gesprek", "interview" };
	size_t i, n = strlen(w);

	for (i = 0; i < lex_at_lead.n; i++) {
		if (strcmp(w, lex_at_lead.w[i]) == 0)
			return true;
	}
	for (i = 0; i < ARRAY_LEN(tails); i++) {
		size_t l = strlen(tails[i]);

		if (n >= l && strcmp(w + n - l, tails[i]) == 0)
			return true;
	}
	return false;
}

static bool role_stop(const char *p);

/* Does the lead-in ("interview with ", "entretien avec ") end in the
 * word "with"? */
static bool lead_in_with(const char *lead)
{
	char w[16];
	size_t n = strlen(lead);

	while (n > 0 && lead[n - 1] == ' ')
		n--;
	word_before(lead, n, w, sizeof(w));
	return bare_with(w);
}

/* The employer named in the prose: "Engineer at Acme", "interest in Acme",
 * "on behalf of Acme", "the Acme team", "join Acme".  Earliest wins. */
char *prose_company(const struct ctx *c)
{
	const char *low = c->low;
	char *best = NULL;
	size_t bestpos = SIZE_MAX, i;
	const char *p;

	if ((best = subject_lead_company(c)) != NULL)
		return best;
	/* "Engineer at Acme", "Kennenlernen bei Fahrtwind", "entretien chez
	 * Aubépine", "gesprek bij TulpData": after a word of a job */
	for (size_t k = 0; k < ARRAY_LEN(at_words); k++) {
		size_t al = strlen(at_words[k]);

		for (p = low; (p = find_phrase(p, at_words[k])) != NULL; p += al) {
			size_t pos = (size_t)(p - low);
			char w[32];
			char *r;

			if (pos >= bestpos)
				break;
			word_before(low, pos, w, sizeof(w));
			if (!at_lead(w))
				continue;
			if ((r = company_candidate(c, pos + al + 1)) != NULL) {
				free(best);
				best = r;
				bestpos = pos;
				break;
			}
		}
	}
	for (i = 0; i < lex_company_lead_ins.n; i++) {
		for (p = low; (p = strstr(p, lex_company_lead_ins.w[i])) != NULL; p++) {
			size_t pos = (size_t)(p - low);
			char *r;

			if (pos >= bestpos)
				break;
			if (pos > 0 && is_word_byte((unsigned char)low[pos - 1]))
				continue;
			/* "interview with Dr. Lauren Whitaker", "mit Dr. Matthias
			 * Vogel": an honorific begins a person, never a company */
			if (honorific_at(low + pos + strlen(lex_company_lead_ins.w[i])) > 0)
				continue;
			/* "interview with Ada Brooks" names a person */
			if ((r = company_candidate(c, pos + strlen(lex_company_lead_ins.w[i]))) != NULL) {
				/* "interview with Sarah", "entretien avec Julien
				 * Roussel": one word after "with" is a first name
				 * unless it names a domain, two a person's name */
				bool with = lead_in_with(lex_company_lead_ins.w[i]);
				/* "your application to Senior Backend Engineer at
				 * Finoro": a title that an employer follows */
				size_t need = strlen(lex_company_lead_ins.w[i]) + strlen(r);
				const char *after = low + pos + need;
				bool title = strnlen(low + pos, need) >= need &&
				    (str_has_prefix(after, " at ") || role_stop(after));

				if (title || people_has(&c->known, r, NULL) ||
				    (with && strchr(r, ' ') && looks_like_person(r)) ||
				    (with && strchr(r, ' ') == NULL && first_name_here(c, r))) {
					free(r);
					continue;
				}
				free(best);
				best = r;
				bestpos = pos;
				break;
			}
		}
	}
	/* "the Acme team", "the Acme hiring team" */
	for (p = low; (p = strstr(p, "the ")) != NULL; p++) {
		size_t pos = (size_t)(p - low);
		char *r;
		size_t n;

		if (pos >= bestpos)
			break;
		if ((r = company_candidate(c, pos + 4)) == NULL)
			continue;
		n = strlen(r);
		if (str_has_prefix(low + pos + 4 + n, " team") || str_has_prefix(low + pos + 4 + n, " hiring team") ||
		    str_has_prefix(low + pos + 4 + n, " recruiting team") ||
		    str_has_prefix(low + pos + 4 + n, " talent team") ||
		    str_has_prefix(low + pos + 4 + n, " recruitment team") ||
		    str_has_prefix(low + pos + 4 + n, " people team")) {
			/* "the Engineering team", "the Clinical Research Unit
			 * team": a department, not a company */
			if (!department(r)) {
				free(best);
				best = r;
				bestpos = pos;
				break;
			}
		}
		free(r);
	}
	return best;
}

/* Does the subject's part (lower case) name a stage of the process
 * ("Techno-Managerial Round", "L2 Round", "Zweite Runde", "Tweede
 * ronde", "Segunda etapa")? */
static bool stage_named(const char *low)
{
	static const char *const stages[] = { "round", "stage", "runde", "ronde", "etapa",
		"\xc3\xa9tape", "fase", "phase" };

	for (size_t k = 0; k < ARRAY_LEN(stages); k++)
		if (find_phrase(low, stages[k]) != NULL)
			return true;
	return false;
}

/* Does the subject's part (lower case) name the mail itself ("Invitation",
 * "Scheduled", "Confirmed", "Next steps", "Update", "Follow-up",
 * "Application"), or its news ("NEW TIME", "Reminder", "Cancelled",
 * "Action required")? */
static bool mail_word(const char *low)
{
	static const char *const words[] = { "invitation", "schedul", "confirm", "next step",
		"update", "follow", "application", "offer of", "reminder", "cancel", "action required",
		"urgent", "important", "correction", "revised", "changed", "moved",
		/* the user's thank-you, answered: "RE: Agradecimiento - entrevista" */
		"thank", "agradecimiento", "gracias", "merci", "remerciement", "danke", "dank",
		"obrigad", "agradecimento", "bedankt", "grazie", "ringraziamento" };

	for (size_t k = 0; k < ARRAY_LEN(words); k++)
		if (strstr(low, words[k]) != NULL)
			return true;
	return FIND_ANY(low, lex_resched_words) != NULL;
}

/* Does name end in the word for one of an employer's sites ("Brookshire
 * DC", "Baytown Campus", "La Porte Plant"): where, not who? */
static bool site_name(const char *name)
{
	static const char *const sites[] = { "dc", "plant", "campus", "site", "warehouse",
		"facility", "hub", "depot", "yard", "branch", "mill" };
	return last_word_is(name, sites, ARRAY_LEN(sites));
}

/* Can the subject's part, whose capitalised words are w, be an employer's
 * name: the whole part, no label ("Invitation:"), no job title, no
 * hiring system, no person, not the user? */
static bool subject_name(const struct ctx *c, const char *part, const char *w, bool label)
{
	return w != NULL && !label && strcmp(w, part) == 0 && !has_job_noun(part) && !site_name(w) &&
	    !bad_company(w) && !is_ats_name(w) && !is_me_name(c->o, w) &&
	    !people_has(&c->known, w, NULL) && !looks_like_person_strict(w);
}

/* How often name stands in the text (which starts with the subject), as
 * written. */
static size_t times_written(const struct ctx *c, const char *name)
{
	size_t n = 0, l = strlen(name);

	for (const char *p = c->text; (p = strstr(p, name)) != NULL; p += l)
		n++;
	return n;
}

/* "Phone Interview - Fabrikam - Product Manager": in a subject made of
 * parts, one about the interview, the part that is a bare name; with none
 * about it, the name right before a job's title ("Vantage Retail - Head
 * of BI"). */
char *subject_company(const struct ctx *c)
{
	static const char *const seps[] = { " - ", " | ", " \xe2\x80\x93 ", ": ", " / ", " @ " };
	const char *subj = c->m->subject;
	char *parts[8];
	bool label[8];   /* the part ended with ": ": "Invitation:", "Einladung:" */
	size_t np = 0, i, k, title_at = SIZE_MAX;
	bool about = false;
	char *r = NULL;

	if (str_case_has_prefix(subj, "re: ") || str_case_has_prefix(subj, "fwd: "))
		subj = strchr(subj, ':') + 2;
	while (*subj && np < ARRAY_LEN(parts)) {
		size_t best = strlen(subj), bl = 0;

		for (k = 0; k < ARRAY_LEN(seps); k++) {
			const char *q = strstr(subj, seps[k]);

			if (q != NULL && (size_t)(q - subj) < best) {
				best = (size_t)(q - subj);
				bl = strlen(seps[k]);
			}
		}
		label[np] = bl == 2;
		parts[np++] = clean_phrase(subj, best);
		subj += best + bl;
		if (bl == 0)
			break;
	}
	for (i = 0; i < np; i++) {
		char *low = lower_dup(parts[i]);

		if (has_keyword(c, low) || stage_named(low) || strstr(low, "invitation") || strstr(low, "schedul") ||
		    strstr(low, "next step") || strstr(low, "application") || strstr(low, "offer") ||
		    strstr(low, "follow") || strstr(low, "update") || strstr(low, "candidacy"))
			about = true;
		else if (i > 0 && title_at == SIZE_MAX && has_job_noun(parts[i]))
			title_at = i;
		free(low);
	}
	/* "Vantage Retail - Head of BI": a name of two words or more (or
	 * the domain's) right before the job's title names its employer;
	 * not a conversation's name ("Intro Call - Senior Engineer") */
	if (!about && title_at != SIZE_MAX) {
		char *w = cap_words(parts[title_at - 1], 0, 3);
		char *wl = w != NULL ? lower_dup(w) : NULL;
		bool talk = wl != NULL && (FIND_ANY(wl, lex_conversation_words) != NULL ||
		    has_keyword(c, wl));

		free(wl);
		if (!talk && subject_name(c, parts[title_at - 1], w, label[title_at - 1]) &&
		    (strchr(w, ' ') != NULL || names_a_domain(c, w))) {
			r = w;
			w = NULL;
		}
		free(w);
	}
	/* "Interview Portwise Logistics - BI Lead": the name right after the
	 * interview word, when the text names it too */
	for (i = 0; about && r == NULL && i < np; i++) {
		size_t kl = 0;
		char *w, *low;

		for (k = 0; k < lex_interview_words.n && kl == 0; k++)
			if (str_case_has_prefix(parts[i], lex_interview_words.w[k]) &&
			    parts[i][strlen(lex_interview_words.w[k])] == ' ')
				kl = strlen(lex_interview_words.w[k]) + 1;
		if (kl == 0 || (w = cap_words(parts[i], kl, 3)) == NULL)
			continue;
		low = lower_dup(w);
		if (strcmp(w, parts[i] + kl) == 0 && subject_name(c, parts[i] + kl, w, false) &&
		    !stage_named(low) && !mail_word(low) && times_written(c, w) >= 2 &&
		    (strchr(w, ' ') != NULL || names_a_domain(c, w))) {
			r = w;
			w = NULL;
		}
		free(low);
		free(w);
	}
	for (i = 0; about && r == NULL && i < np; i++) {
		char *low = lower_dup(parts[i]);
		char *w = cap_words(parts[i], 0, 3);

		/* "Lead Software Engineer - Policy Systems": the team of the
		 * job, not the employer */
		if (i > 0 && has_job_noun(parts[i - 1]) && !label[i - 1] && w != NULL &&
		    !names_a_domain(c, w)) {
			free(w);
			w = NULL;
		}
		if (subject_name(c, parts[i], w, label[i]) && !has_keyword(c, low) && !stage_named(low) &&
		    !mail_word(low)) {
			r = w;
			w = NULL;
		}
		free(w);
		free(low);
	}
	for (i = 0; i < np; i++)
		free(parts[i]);
	return r;
}

/* Does name spell the hiring service the address is at ("Instahyre"
 * <notifications@instahyre.com>, "Beatriz from Landing.jobs")? */
static bool service_named(const char *email, const char *name)
{
	return parties_is_service_domain(email_domain(email)) && org_matches_domain(name, email);
}

/* "Acme Recruiting <...>", "Ada from Acme", "Acme Talent Team" */
char *display_company(const struct ctx *c)
{
	size_t i, k;

	for (i = 0; i < c->m->from.n; i++) {
		const char *name = c->m->from.v[i].name;
		const char *p;

		/* "Olivia | Bayside Health Careers": a scheduling assistant's
		 * or a person's name, then the organisation's */
		while ((p = strstr(name, " | ")) != NULL && p[3] != '\0')
			name = p + 3;
		if ((p = str_casestr(name, " from ")) != NULL || (p = str_casestr(name, " at ")) != NULL) {
			const char *s = strchr(p + 1, ' ') + 1;
			char *r = cap_words(s, 0, 4);

			if (r != NULL) {
				strip_legal(r);
				if (!bad_company(r) && !is_ats_name(r) && !service_named(c->m->from.v[i].email, r))
					return r;
				free(r);
			}
		}
		/* "Acme Careers", "Acme Talent Team": the team's word is no part
		 * of the company (before the hiring system's rule below, which
		 * would take the whole name) */
		for (k = 0; k < lex_display_tails.n; k++) {
			if ((p = str_casestr(name, lex_display_tails.w[k])) != NULL && p > name) {
				/* "Dr. Alan Whitford (Faculty Recruitment)": a
				 * person, then the office in brackets; a unit's
				 * office names no company */
				const char *open = memchr(name, '(', (size_t)(p - name));
				const char *from = open != NULL ? open + 1 : name;
				char *r = clean_phrase(from, (size_t)(p - from)), *dash;

				if (open != NULL && (r[0] == '\0' || lex_has_word(r, strlen(r), &lex_unit_words))) {
					free(r);
					continue;
				}
				dash = strstr(r, " - ");

				/* "Memorial Gulf Health System - Supply Chain
				 * Talent": the organisation before its unit */
				if (dash == NULL)
					dash = strstr(r, " \xe2\x80\x93 ");
				if (dash != NULL && dash > r)
					*dash = '\0';

				strip_legal(r);
				if (!bad_company(r) && !is_ats_name(r))
					return r;
				free(r);
			}
		}
		/* an ATS writes the employer as the sender's name: "Acme Robotics
		 * <no-reply@hire.lever.co>" */
		if (parties_is_robot(c->m->from.v[i].email) && !looks_like_person_strict(name)) {
			/* an institution's name runs long: "Mersey & Irwell
			 * Teaching Hospitals NHS Foundation Trust" */
			char *low = lower_dup(name);
			char *r = cap_words(name, 0, FIND_ANY(low, lex_institution_words) != NULL ? 8 : 4);

			free(low);

			if (r != NULL && strlen(r) == strlen(name)) {
				const char *em = c->m->from.v[i].email;

				strip_legal(r);
				/* "City of Chicago DHR" <dhr-noreply@cityofchicago...>:
				 * the words that spell the domain, not the unit
				 * after them */
				{
					char *dc = domain_company(em), *sp = strrchr(r, ' ');

					if (dc != NULL && sp != NULL && !squash_eq(r, dc)) {
						*sp = '\0';
						if (!squash_eq(r, dc))
							*sp = ' ';
						else if (sp - r >= 2 && strcmp(sp - 2, " &") == 0)
							sp[-2] = '\0';   /* "Selectie & Rekrutering" */
					}
					free(dc);
				}
				if (!bad_company(r) && !is_ats_name(r) && !service_named(em, r) &&
				    str_casestr(r, "notification") == NULL &&
				    str_casestr(r, "interview") == NULL && str_casestr(r, "schedul") == NULL &&
				    str_casestr(r, "calendar") == NULL && str_casestr(r, "team") == NULL &&
				    str_casestr(r, "reply") == NULL && str_casestr(r, "alert") == NULL)
					return r;
			}
			free(r);
		}
	}
	return NULL;
}

/* One word that ends in a word ending organisations' names, split:
 * "Heliosenergy" -> "Helios Energy", "Sablewoodai" stays (too short a
 * tail is no evidence: three letters at least).  Takes name. */
static char *split_org_tail(char *name)
{
	size_t n = strlen(name), k;

	if (strchr(name, ' ') != NULL)
		return name;
	for (k = 0; k < lex_org_tails.n; k++) {
		const char *t = lex_org_tails.w[k];
		size_t tl = strlen(t);

		if (tl >= 3 && n >= tl + 4 && strcasecmp(name + n - tl, t) == 0) {
			char *r = xasprintf("%.*s %c%s", (int)(n - tl), name, toupper((unsigned char)t[0]), t + 1);

			free(name);
			return r;
		}
	}
	return name;
}

/* The organisation in a domain: "mail.acme-robotics.co.uk" -> "Acme Robotics"
 * (the domain is parties_org_domain's).  example.com, .net, .org (RFC 2606)
 * are real domains but "Example" names no company. */
char *domain_company(const char *email)
{
	char *dom = parties_org_domain(email), *r;
	size_t ln, k;

	if (dom == NULL)
		return NULL;
	ln = strcspn(dom, ".");
	if (ln == 7 && strncmp(dom, "example", 7) == 0) {
		free(dom);
		return NULL;
	}
	for (k = 0; k < lex_domain_tails.n; k++) {
		size_t tl = strlen(lex_domain_tails.w[k]);

		if (ln > tl + 1 && strncasecmp(dom + ln - tl, lex_domain_tails.w[k], tl) == 0)
			ln -= tl;
	}
	r = slug_name(dom, ln);
	free(dom);
	return r != NULL ? split_org_tail(r) : NULL;
}

/* ---- role ---- */

/* A word ending in a job noun of six letters or more: the compounds of
 * German and Dutch ("Softwarearchitektin", "Backend-Entwicklerin",
 * "Teamleiter"). */
static bool job_compound(const char *low)
{
	size_t i, k;

	for (i = 0; low[i]; i++) {
		size_t e = i;

		if (i > 0 && is_word_byte((unsigned char)low[i - 1]))
			continue;
		while (is_word_byte((unsigned char)low[e]) || low[e] == '-')
			e++;
		for (k = 0; k < lex_job_nouns.n; k++) {
			size_t l = strlen(lex_job_nouns.w[k]);

			if (l >= 6 && e - i > l && strncmp(low + e - l, lex_job_nouns.w[k], l) == 0)
				return true;
		}
		if (e > i)
			i = e - 1;
	}
	return false;
}

bool has_job_noun(const char *phrase)
{
	char *low = lower_dup(phrase);
	bool r = FIND_ANY(low, lex_job_nouns) != NULL || job_compound(low);

	free(low);
	return r;
}

bool lex_word_is(const struct lexicon *lx, const char *w, size_t n)
{
	for (size_t k = 0; k < lx->n; k++)
		if (strlen(lx->w[k]) == n && strncasecmp(w, lx->w[k], n) == 0)
			return true;
	return false;
}

bool lex_has_word(const char *name, size_t n, const struct lexicon *lx)
{
	for (size_t i = 0; i < n;) {
		size_t k = i;

		while (k < n && (isalnum((unsigned char)name[k]) || (unsigned char)name[k] >= 0x80))
			k++;
		if (k > i && lex_word_is(lx, name + i, k - i))
			return true;
		i = k > i ? k : i + 1;
	}
	return false;
}

/* Is the word at w (n bytes) a job noun ("Engineer", "Entwicklerin")? */
static bool job_word(const char *w, size_t n)
{
	char *low;
	bool r;

	if (lex_word_is(&lex_job_nouns, w, n))
		return true;
	low = xstrndup(w, n);
	str_lower(low);
	r = job_compound(low);
	free(low);
	return r;
}

/* A word all in lower case ("daher", not "iOS"). */
static bool lower_word(const char *w)
{
	if (!islower((unsigned char)w[0]))
		return false;
	for (; *w && *w != ' '; w++)
		if (isupper((unsigned char)*w))
			return false;
	return true;
}


/*
 * A job title is the words around its job noun, capitalised or joined by
 * particles ("Head of Engineering", "Cheffe de projet technique"):
 * words before the first job noun up to the last lower-case word that is
 * no particle go ("Terugkoppeling sollicitatie Backend Developer"); after
 * the last job noun, unless a particle follows it or the title's head is
 * a Romance noun that takes its adjectives after it ("Ingénieure backend
 * senior", "Ingénieure DevOps confirmée"),
 * the first lower-case word ends it ("IT-Architektin daher
 * verschieben"); a first word with a digit is a requisition ("R-10442
 * Lead Software Engineer").  In place.
 */
static bool field_noun_before(const char *text, size_t lo, size_t j);

/* Word last+1 of r is "in" or "em" after a noun of teaching or research
 * (or its level), a capitalised word after it: the title's field
 * ("Senior Lecturer in Global Health Epidemiology"). */
static bool field_in(const char *r, const size_t *ws, const size_t *we, size_t nw, size_t last)
{
	size_t i = last + 1;

	for (; i < nw && i <= last + 2; i++) {
		size_t n = we[i] - ws[i];

		if ((n == 2 && (strncmp(r + ws[i], "in", 2) == 0 || strncmp(r + ws[i], "em", 2) == 0)) &&
		    i + 1 < nw && !lower_word(r + ws[i + 1]))
			return field_noun_before(r, 0, ws[i]);
	}
	return false;
}

static void role_words(char *r)
{
	size_t ws[24], we[24], nw = 0, i, first = SIZE_MAX, last = SIZE_MAX, from = 0, to;
	char *p = r;

	while (*p && nw < ARRAY_LEN(ws)) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		ws[nw] = (size_t)(p - r);
		while (*p && *p != ' ')
			p++;
		we[nw] = (size_t)(p - r);
		nw++;
	}
	if (nw == 0 || *p != '\0')
		return;
	for (i = 0; i < nw; i++) {
		size_t n = we[i] - ws[i];

		while (n > 0 && strchr(",.:;)", r[ws[i] + n - 1]) != NULL)
			n--;
		if (n > 0 && job_word(r + ws[i], n)) {
			if (first == SIZE_MAX)
				first = i;
			last = i;
		}
	}
	if (first == SIZE_MAX)
		return;
	for (i = ws[0]; i < we[0] && first > 0; i++)
		if (isdigit((unsigned char)r[i]))
			from = 1;
	/* a title written with capitals starts at the first word of its
	 * capitalised run; one written in lower case keeps its words */
	if (!lower_word(r + ws[first])) {
		size_t k = first;

		while (k > from && !(lower_word(r + ws[k - 1]) &&
		    !lex_word_is(&lex_role_particles, r + ws[k - 1], we[k - 1] - ws[k - 1])))
			k--;
		from = k;
	}
	while (from < first && lex_word_is(&lex_role_particles, r + ws[from], we[from] - ws[from]))
		from++;
	to = nw;
	/* Romance titles take adjectives after the noun in lower case, when
	 * the noun begins the title ("Designer produit senior", not "Senior
	 * UX Designer hebben gekozen") */
	if (last + 1 < nw && !lower_word(r + ws[last]) &&
	    !lex_word_is(&lex_role_particles, r + ws[last + 1], we[last + 1] - ws[last + 1]) &&
	    !field_in(r, ws, we, nw, last) &&
	    !(first == from && lex_word_is(&lex_job_nouns_noun_first, r + ws[first], we[first] - ws[first]))) {
		for (i = last + 1; i < nw; i++)
			if (lower_word(r + ws[i]) && !lex_word_is(&lex_role_particles, r + ws[i], we[i] - ws[i])) {
				to = i;
				break;
			}
	}
	if (from > 0 || to < nw) {
		size_t a = ws[from], b = we[to - 1];

		memmove(r, r + a, b - a);
		r[b - a] = '\0';
	}
}

/* "Jane Doe / Data Platform Engineer": of the parts between " / ", the
 * first with a job noun; the candidate's name goes.  In place. */
static void role_slash(char *r)
{
	char *p = r, *q;

	if (strstr(r, " / ") == NULL)
		return;
	while (p != NULL) {
		q = strstr(p, " / ");
		{
			char *part = xstrndup(p, q ? (size_t)(q - p) : strlen(p));

			if (has_job_noun(part)) {
				memmove(r, part, strlen(part) + 1);
				free(part);
				return;
			}
			free(part);
		}
		p = q ? q + 3 : NULL;
	}
}

/* Does the phrase low end with what a session is ("discussion", "call",
 * "screen", lex_session_ends)? */
static bool session_name(const char *low)
{
	const char *w = strrchr(low, ' ');

	w = w != NULL ? w + 1 : low;
	return lex_word_is(&lex_session_ends, w, strlen(w));
}

/* Trim a role candidate; NULL when it does not look like a job title. */
/* A call by its medium, before the title in a subject ("Videocall
 * Product Designer Groenstroom")? */
static bool call_medium(const char *low)
{
	size_t n = strspn(low, "abcdefghijklmnopqrstuvwxyz");

	return low[n] == ' ' && lex_word_is(&lex_call_media, low, n);
}

static char *role_clean(const char *s, size_t n, bool need_noun)
{
	char *r = clean_phrase(s, n), *low;
	size_t i, l;
	bool again = true;

	while (again) {
		again = false;
		for (i = 0; i < lex_role_leads.n; i++) {
			if (str_case_has_prefix(r, lex_role_leads.w[i])) {
				memmove(r, r + strlen(lex_role_leads.w[i]), strlen(r + strlen(lex_role_leads.w[i])) + 1);
				again = true;
			}
		}
	}
	/* a leading word for an interview is no part of it
	 * ("Vorstellungsgespräch Senior Data Engineer"; "Interview Senior
	 * Software Engineer Java" when a job title follows) */
	for (int w = 0; w < 2 && strchr(r, ' ') != NULL; w++) {
		size_t k, fl = strcspn(r, " ");

		low = lower_dup(r);
		for (k = 0; k < lex_interview_stems.n; k++)
			if (str_has_prefix(low, lex_interview_stems.w[k]) ||
			    (k == 0 && call_medium(low)))
				break;
		if (k == lex_interview_stems.n && lex_word_is(&lex_interview_words, low, fl) &&
		    has_job_noun(r + fl + 1))
			k = 0;
		free(low);
		if (k == lex_interview_stems.n)
			break;
		memmove(r, strchr(r, ' ') + 1, strlen(strchr(r, ' ') + 1) + 1);
	}
	/* a phrase about the interview or the application is no title,
	 * whatever a title inside it, nor a session named by what it is
	 * ("Hiring Manager Discussion", "Recruiter Call") */
	low = lower_dup(r);
	if (strstr(low, "interview") || strstr(low, "application") || strchr(r, '@') || strstr(low, "http") ||
	    session_name(low)) {
		free(low);
		free(r);
		return NULL;
	}
	free(low);
	role_slash(r);
	role_words(r);
	/* clean_phrase drops a closing parenthesis: "Engineer (Payments)" */
	if (strchr(r, '(') != NULL && strchr(r, ')') == NULL) {
		char *t = xasprintf("%s)", r);

		free(r);
		r = t;
	}
	/* a work mode in parentheses is no part of it: "(Remote)" */
	{
		char *o = strrchr(r, '(');

		if (o != NULL && o > r) {
			char *q = lower_dup(o + 1);

			if (FIND_ANY(q, lex_role_paren_not) != NULL)
				*o = '\0';
			free(q);
		}
	}
	for (i = 0; i < lex_role_tails.n; i++) {
		l = strlen(r);
		if (l > strlen(lex_role_tails.w[i]) && strcasecmp(r + l - strlen(lex_role_tails.w[i]), lex_role_tails.w[i]) == 0)
			r[l - strlen(lex_role_tails.w[i])] = '\0';
	}
	{
		char *c2 = clean_phrase(r, strlen(r));

		free(r);
		r = c2;
		if (strchr(r, '(') != NULL && strchr(r, ')') == NULL) {
			char *t = xasprintf("%s)", r);

			free(r);
			r = t;
		}
	}
	l = strlen(r);
	low = lower_dup(r);
	if (l < 2 || l > 80 || strstr(low, "next") == low || strstr(low, "same") == low ||
	    (need_noun && !has_job_noun(r)) ||
	    (!need_noun && !isupper((unsigned char)r[0]) && !has_job_noun(r))) {
		free(low);
		free(r);
		return NULL;
	}
	free(low);
	return r;
}

/* " at " in the other languages ("Platform Engineer bei Nordlicht",
 * "Ingénieur DevOps chez Aubépine", "aqui na Ipê", "bij TulpData"). */
static bool role_stop(const char *p)
{
	static const char *const stops[] = { " bei ", " chez ", " bij ", " aqui ", " na ", " no ",
		" em ", " en ", " aan ", " zu ", " f\xc3\xbcr ", " pour ", " para ", " voor ",
		/* where the job is: "Chef de projet Ouvrages d'art bas\xc3\xa9 \xc3\xa0 Noum\xc3\xa9\x61" */
		" based in ", " based at ", " based out of ", " bas\xc3\xa9 ", " bas\xc3\xa9\x65 ",
		" basado en ", " basada en ", " baseado em ", " baseada em ", " com base em ",
		" mit sitz in ", " mit dienstsitz ", " gevestigd in ", " located in ",
		/* a clause's word after a title in lower case ("Ingeniero/a
		 * Sénior de Gestión Térmica de Baterías mientras se revisa") */
		" mientras ", " que ", " porque ", " cuando ", " aunque ", " hasta ", " pendant ",
		" tandis ", " parce ", " lorsque ", " jusqu", " enquanto ", " quando ", " embora ",
		" terwijl ", " omdat ", " totdat ", " w\xc3\xa4hrend ", " weil ", " bis ", " while ",
		" because ", " until " };

	static const char *const articles[] = { "la ", "el ", "los ", "las ", "le ", "les ", "l'",
		"a ", "o ", "os ", "as ", "un ", "une ", "uma ", "um ", "nuestr", "notre ", "nos ",
		"noss", "su ", "sa ", "son ", "ses ", "sua ",
		/* Dutch "en" is "and": "Inkoopmanager Indirect en voor het gesprek" */
		"voor ", "met ", "van ", "het ", "een ", "de ", "ik ", "wij ", "je ", "u ", "ook " };

	for (size_t k = 0; k < ARRAY_LEN(stops); k++)
		if (strncasecmp(p, stops[k], strlen(stops[k])) == 0) {
			const char *w = p + strlen(stops[k]);
			bool article = false;

			/* "Conseillère cadre en soins infirmiers", "Especialista em
			 * enfermagem": "in" a field, in lower case, no article */
			if (strncmp(stops[k], " en ", 4) != 0 && strncmp(stops[k], " em ", 4) != 0)
				return true;
			for (size_t a = 0; a < ARRAY_LEN(articles) && !article; a++)
				article = str_has_prefix(w, articles[a]);
			if (article || !islower((unsigned char)*w))
				return true;
		}
	return false;
}


/* At p (a blank), a date follows: a weekday or a month, maybe after an
 * article ("... Senior el miércoles 2 de diciembre", "am Dienstag"). */
static bool date_follows(const char *p)
{
	static const char *const articles[] = { "el ", "le ", "am ", "o ", "a ", "on ", "op ", "this ",
		/* a move's new day: "your interview for Director of Rooms to
		 * Friday" */
		"to ", "until ", "till " };
	char buf[24];
	size_t k, len;

	if (*p != ' ')
		return false;
	for (k = 0; k + 1 < sizeof(buf) && p[k + 1]; k++)
		buf[k] = (char)tolower((unsigned char)p[k + 1]);
	buf[k] = '\0';
	for (k = 0; k < ARRAY_LEN(articles); k++)
		if (str_has_prefix(buf, articles[k]) && weekday_at(buf + strlen(articles[k]), &len) >= 0)
			return true;
	return weekday_at(buf, &len) >= 0;
}

/* Before the period at text[j], not before lo, a short capitalised
 * abbreviation ("Sr." of "Sr. Software Engineer"): where it starts,
 * SIZE_MAX when none. */
static size_t abbreviation_at(const char *text, size_t lo, size_t j)
{
	size_t b = j;

	while (b > lo && isalpha((unsigned char)text[b - 1]))
		b--;
	return j - b >= 2 && j - b <= 3 && isupper((unsigned char)text[b]) && (b == lo || text[b - 1] == ' ') ?
	    b : SIZE_MAX;
}

/* text[j] is the period of a short capitalised abbreviation inside a
 * title ("Sr. Software Engineer"), a capitalised word after it. */
static bool abbreviation_end(const char *text, size_t i, size_t j)
{
	size_t b = abbreviation_at(text, i, j);

	/* "Sr. Engineer" goes on; an acronym's dot ends the sentence
	 * ("Analyste BI. Vous rencontrerez ...") */
	return b != SIZE_MAX && islower((unsigned char)text[b + 1]) && isupper((unsigned char)text[j + 2]);
}

/* Is p[0..n) a job's level: a Roman numeral up to V, a digit? */
static bool level_word(const char *p, size_t n)
{
	static const char *const levels[] = { "I", "II", "III", "IV", "V" };

	if (n == 1 && isdigit((unsigned char)p[0]))
		return true;
	for (size_t k = 0; k < ARRAY_LEN(levels); k++)
		if (strlen(levels[k]) == n && strncmp(p, levels[k], n) == 0)
			return true;
	return false;
}

/* Is the word ending at e (blanks before e skipped, nothing before lo
 * looked at) a job noun, a level after it skipped? */
static bool job_word_before(const char *text, size_t lo, size_t e)
{
	size_t b;

	while (e > lo && text[e - 1] == ' ')
		e--;
	b = e;
	while (b > lo && text[b - 1] != ' ' && text[b - 1] != '\n')
		b--;
	/* a level after the noun: "Software Engineer II", "Analyst 2" */
	if (e > b && b > lo && level_word(text + b, e - b)) {
		e = b;
		while (e > lo && text[e - 1] == ' ')
			e--;
		b = e;
		while (b > lo && text[b - 1] != ' ' && text[b - 1] != '\n')
			b--;
	}
	return e > b && job_word(text + b, e - b);
}

/* After a job title, what ends a qualifier of it: the end of the line
 * or sentence, a role noun, " at ", " - ", " with ", a bracket ("(Req
 * #2026-4471)") ... */
static bool qualifier_ends(const char *p)
{
	static const char *const ends[] = { " role", " position", " opening", " vacancy", " job",
		" at ", " - ", " | ", " with ", " is ", " interview", " on ", " in ", " team", " post", " search", " \xe2\x80\x93 ",
		" (" };

	if (*p == '\0' || strchr("\n.:;!?),", *p) != NULL)
		return true;
	/* French spacing: "Paiements : un entretien" */
	if (p[0] == ' ' && (p[1] == ':' || p[1] == ';'))
		return true;
	for (size_t k = 0; k < ARRAY_LEN(ends); k++)
		if (strncasecmp(p, ends[k], strlen(ends[k])) == 0)
			return true;
	return false;
}

/* Capitalised words at p, at most max of them, one of joins (a word of
 * its own) allowed between two; their length (up to the last capitalised
 * word), 0 when none. */
static size_t name_run(const char *p, int max, const char *const *joins, size_t njoins)
{
	size_t k = 0, end = 0;
	int words = 0;

	while (words < max) {
		size_t s = k;

		if (!(isupper((unsigned char)p[k]) || ((unsigned char)p[k] >= 0xc3 && (unsigned char)p[k] <= 0xc5)))
			break;
		while (isalpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80 || p[k] == '-')
			k++;
		if (k - s < 2)
			break;
		end = k;
		words++;
		if (p[k] != ' ')
			break;
		k++;
		for (size_t j = 0; j < njoins; j++) {
			size_t l = strlen(joins[j]);

			if (strncmp(p + k, joins[j], l) == 0 && p[k + l] == ' ') {
				k += l + 1;
				break;
			}
		}
	}
	return end;
}

/* Capitalised words at p, '&' and "and" between them, at most four ("Claims
 * Platform", "Detection & Response"); their length, 0 when none. */
static size_t cap_run(const char *p)
{
	static const char *const joins[] = { "&", "and" };

	return name_run(p, 4, joins, ARRAY_LEN(joins));
}

/* Does the title at t (n bytes) start with a job noun of the languages
 * that put it first ("Analyste ...", "Cheffe d'équipe", "Líder de ...")? */
static bool noun_first_title(const char *t, size_t n)
{
	size_t w = 0;

	while (w < n && t[w] != ' ' && t[w] != ',')
		w++;
	return w > 0 && lex_word_is(&lex_job_nouns_noun_first, t, w);
}

/* Is the word before j (its level skipped: "Pesquisadora Sênior") a noun
 * of teaching or research (lex_field_nouns), not before lo? */
static bool field_noun_before(const char *text, size_t lo, size_t j)
{
	for (int w = 0; w < 2; w++) {
		size_t e = j, b;

		while (e > lo && text[e - 1] == ' ')
			e--;
		b = e;
		while (b > lo && text[b - 1] != ' ' && text[b - 1] != '\n')
			b--;
		if (e == b)
			return false;
		if (lex_word_is(&lex_field_nouns, text + b, e - b))
			return true;
		j = b;
	}
	return false;
}

/* The field of a research or public-service title after its noun
 * ("Lecturer in Epidemiology", "Senior Lecturer: Biostatistics", "Deputy
 * Director: Health Intelligence and Epidemiology", "Investigador/a en
 * Bioestadística y Modelización"): capitalised words, the connectors of
 * the six languages between them, at most five words and the last
 * capitalised; their length, 0 when none. */
static size_t field_run(const char *p)
{
	static const char *const joins[] = { "and", "of", "for", "y", "e", "et", "und", "en", "de",
		"do", "da", "des", "du", "del", "der", "van", "voor", "&" };

	return name_run(p, 5, joins, ARRAY_LEN(joins));
}

/* Lower-case words at p, "d'", "de", "des" among them, at most four
 * ("intelligence d'affaires", "science des données"); their length, 0 when
 * none. */
static size_t lower_run(const char *p)
{
	size_t k = 0, end = 0;
	int words = 0;

	while (words < 4 && (islower((unsigned char)p[k]) || (unsigned char)p[k] >= 0xc3)) {
		while (isalpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80 || p[k] == '-' ||
		    p[k] == '\'')
			k++;
		end = k;
		words++;
		if (p[k] != ' ')
			break;
		k++;
	}
	return end;
}

/* A requisition in brackets at p, with a blank after it ("(R-104233) "):
 * its length, 0 when none. */
static size_t requisition_len(const char *p)
{
	size_t n = 1;
	bool digit = false;

	if (*p != '(')
		return 0;
	while (p[n] != '\0' && p[n] != ')' && p[n] != '\n' && n < 24) {
		digit = digit || isdigit((unsigned char)p[n]);
		n++;
	}
	return p[n] == ')' && p[n + 1] == ' ' && digit ? n + 2 : 0;
}

/* Is the part after a title's dash, p[0..n), the title's: no interview,
 * stage or work mode, no weekday or month, nobody's name? */
/* Does a word of name end as nouns of a field or an activity do, which
 * no person's name does ("Thermal Management", "Powertrain Integration",
 * "Data Analysis", "Analytics"), or name a department? */
static bool field_worded(const char *name)
{
	static const char *const ends[] = { "tion", "sion", "ment", "ments", "sis", "ics", "ogy",
		"ance", "ence", "ity" };

	if (lex_has_word(name, strlen(name), &lex_departments))
		return true;
	for (const char *w = name; *w;) {
		size_t n = strcspn(w, " &/,");

		for (size_t k = 0; k < ARRAY_LEN(ends) && n > 4; k++) {
			size_t l = strlen(ends[k]);

			if (n > l + 2 && strncasecmp(w + n - l, ends[k], l) == 0)
				return true;
		}
		w += n;
		w += strspn(w, " &/,");
	}
	return false;
}

static bool dash_part_ok(const char *p, size_t n)
{
	char *name = xstrndup(p, n), *q = lower_dup(name);
	size_t len;
	bool ok;

	ok = FIND_ANY(q, lex_role_paren_not) == NULL && FIND_ANY(q, lex_interview_words) == NULL &&
	    !stage_named(q) && weekday_at(q, &len) < 0 && month_at(q, &len) == 0 &&
	    FIND_ANY(q, lex_notice_words) == NULL &&
	    (!looks_like_person_strict(name) || field_worded(name));
	free(q);
	free(name);
	return ok;
}

/* A job noun among the words of s[0..n) ("Software Engineer Java"). */
static bool job_noun_inside(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t b = i;

		while (i < n && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
			i++;
		if (i > b && job_word(s + b, i - b))
			return true;
		while (i < n && !(isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
			i++;
	}
	return false;
}

/* " – Paiements" at text+k, ending where a title's phrase ends, the
 * title's (dash_part_ok): its length, else 0. */
static size_t dash_tail(const char *text, size_t k)
{
	size_t dl = strncmp(text + k, " - ", 3) == 0 ? 3 :
	    strncmp(text + k, " \xe2\x80\x93 ", 5) == 0 ? 5 : 0, n;

	if (dl == 0 || (n = cap_run(text + k + dl)) == 0 || !qualifier_ends(text + k + dl + n) ||
	    !dash_part_ok(text + k + dl, n))
		return 0;
	return dl + n;
}

/* A bracket of capitalised words at text[b] that belongs to a job title
 * ("(Payments)", "(Infectious Disease)"): not a work mode, a stage or a
 * group of companies ("(Remote)", "(Final Round)", "(Groupe Sodiver)");
 * its length with the brackets, 0 when none. */
static size_t title_bracket(const char *text, size_t b)
{
	size_t n;
	char *words, *q;
	bool bad;

	if (text[b] != '(' || (n = cap_run(text + b + 1)) == 0 || text[b + 1 + n] != ')')
		return 0;
	words = xstrndup(text + b + 1, n);
	q = lower_dup(words);
	bad = FIND_ANY(q, lex_role_paren_not) != NULL || FIND_ANY(q, lex_company_group_words) != NULL;
	free(words);
	free(q);
	return bad ? 0 : n + 2;
}

/* The field of a research or public-service title after its noun, the
 * title text+i .. j: after a colon ("Senior Lecturer: Biostatistics"), or
 * after "in", "en", "em" when the noun is one of teaching or research
 * ("Lecturer in Epidemiology (Infectious Disease)", "Pesquisadora Sênior
 * em Epidemiologia"; after another noun "in" names a place), with a
 * bracket of its own after it; not a day or a month ("Lecturer in
 * January").  Its length from j, 0 when none. */
/* Does an honorific open p ("Ms. Latifa", "Dr Amal", "Herr Weiss")? */
static bool honorific_here(const char *p)
{
	char *head = xstrndup(p, 24), *low = lower_dup(head);
	bool r;

	free(head);
	r = honorific_at(low) > 0;
	free(low);
	return r;
}

static size_t field_tail(const char *text, size_t i, size_t j)
{
	static const struct {
		const char *link;
		bool field_noun;   /* only after a noun of teaching or research */
	} links[] = { { ": ", false }, { " in ", true }, { " en ", true }, { " em ", true } };

	for (size_t k = 0; k < ARRAY_LEN(links); k++) {
		size_t l = strlen(links[k].link), e, n;

		/* not a person after the colon ("... Revenue Management: Ms.
		 * Latifa Al-Emadi ... will join") */
		if (strncmp(text + j, links[k].link, l) != 0 || date_follows(text + j + l - 1) ||
		    (links[k].field_noun && !field_noun_before(text, i, j)) ||
		    (n = field_run(text + j + l)) == 0 || honorific_here(text + j + l))
			continue;
		e = j + l + n;
		if (text[e] == ' ')
			e += (n = title_bracket(text, e + 1)) > 0 ? 1 + n : 0;
		if (qualifier_ends(text + e))
			return e - j;
	}
	return 0;
}

/*
 * A qualifier that belongs to the job title ending at j (text+i .. j,
 * a job noun in it): ", Routing", ", Claims Platform" before what ends a
 * title, "(Payments)", a team after a dash ("– Paiements", dash_tail);
 * its length, 0 when none.  Work modes and contracts in parentheses
 * ("(Remote)") are no part of the title.
 */
static size_t role_qualifier(const char *text, size_t i, size_t j)
{
	size_t b, n;

	/* "Analyste principale, intelligence d'affaires", "Cheffe d'équipe,
	 * analytique": a title that starts with its noun (French, Spanish,
	 * Portuguese, Italian) takes its qualifier in lower case */
	if (text[j] == ',' && text[j + 1] == ' ' && noun_first_title(text + i, j - i) &&
	    (n = lower_run(text + j + 2)) > 0 && qualifier_ends(text + j + 2 + n))
		return n + 2;
	/* its field, named with a capital as a department is ("gestionnaire
	 * principale, Opérations cliniques", "Gerente, Recursos humanos") */
	if (text[j] == ',' && text[j + 1] == ' ' && noun_first_title(text + i, j - i)) {
		size_t q = j + 2, w = 0;

		while (isalpha((unsigned char)text[q + w]) || (unsigned char)text[q + w] >= 0x80)
			w++;
		if (w > 0 && isupper((unsigned char)text[q]) && lex_word_is(&lex_departments, text + q, w)) {
			n = w;
			if (text[q + w] == ' ' && (b = lower_run(text + q + w + 1)) > 0)
				n = w + 1 + b;
			if (qualifier_ends(text + q + n))
				return n + 2;
		}
	}
	/* a title with its job noun last ("Data Engineer"), first ("Ingénieur
	 * Backend Senior") or inside ("Software Engineer Java") */
	if (!job_word_before(text, i, j) && !noun_first_title(text + i, j - i) &&
	    !job_noun_inside(text + i, j - i))
		return 0;
	if ((n = field_tail(text, i, j)) > 0)
		return n;
	if (text[j] == ',' && text[j + 1] == ' ' && (n = cap_run(text + j + 2)) > 0 &&
	    qualifier_ends(text + j + 2 + n)) {
		char *q = xstrndup(text + j + 2, n);
		const char *last = strrchr(q, ' ');
		/* a second title ("Engineer, Engineering Manager") is none; a
		 * field with a job's word in it ("Developer Platform") is */
		bool bad = bad_company(q) ||
		    job_word(last ? last + 1 : q, strlen(last ? last + 1 : q));

		free(q);
		return bad ? 0 : n + 2;
	}
	/* " - Payments role": after a dash, only before a role noun */
	{
		size_t dl = strncmp(text + j, " - ", 3) == 0 ? 3 :
		    strncmp(text + j, " \xe2\x80\x93 ", 5) == 0 ? 5 : 0;

		if (dl > 0 && (n = cap_run(text + j + dl)) > 0 && text[j + dl + n] == ' ' &&
		    word_of(text + j + dl + n + 1 + requisition_len(text + j + dl + n + 1), lex_role_nouns_bare.w,
		    lex_role_nouns_bare.n) > 0)
			return dl + n;
		/* "applying for Data Engineer – Customer Analytics at Bluefin":
		 * before the employer, the dash's part is the title's */
		if (dl > 0 && n > 0) {
			size_t k = j + dl + n;

			while (text[k] == ' ' && text[k + 1] == ' ')
				k++;
			if (strncmp(text + k, " at ", 4) == 0 || role_stop(text + k))
				return dl + n;
			/* "Développeur Java Senior – Paiements", "Engineer –
			 * Treasury Payments Platform (Job Requisition ...)": a
			 * team or a field after a dash, where the title's phrase
			 * ends, is the title's as its ad names it; not a stage,
			 * a work mode, a day or a person */
			if (qualifier_ends(text + k) && dash_part_ok(text + j + dl, n))
				return dl + n;
		}
	}
	b = j;
	while (text[b] == ' ')
		b++;
	/* "Ingénieur Backend Senior (Go) – Paiements" */
	if ((n = title_bracket(text, b)) > 0)
		return b + n - j + dash_tail(text, b + n);
	return 0;
}

/* End of a role phrase starting at i: before " at ", " with ", " - ",
 * " | ", "(", ",", ".", newline. */
/* At text+j, j > i, a gender ending in brackets inside a word:
 * "Engenheiro(a)", "Entwickler(in)", "Programador(a)". */
static bool gender_bracket(const char *text, size_t i, size_t j)
{
	size_t k = j + 1;

	if (j <= i || text[j] != '(' || !isalpha((unsigned char)text[j - 1]))
		return false;
	while (k < j + 4 && islower((unsigned char)text[k]))
		k++;
	return k > j + 1 && text[k] == ')';
}

/* Does the label of a schedule's next field stand at p ("Date:", "Time:",
 * "Where:")?  In text whose lines were joined, "Interview: Hiring Manager
 * Conversation" runs into the "Date:" of the line below. */
static bool label_ahead(const char *p)
{
	static const char *const labels[] = {
		"date", "time", "when", "where", "location", "duration", "format", "interviewer",
		"interviewers", "venue", "address", "link",
	};
	size_t n = 0;

	if (!isupper((unsigned char)*p))
		return false;
	while (isalpha((unsigned char)p[n]))
		n++;
	if (p[n] != ':')
		return false;
	for (size_t k = 0; k < ARRAY_LEN(labels); k++)
		if (strlen(labels[k]) == n && strncasecmp(p, labels[k], n) == 0)
			return true;
	return false;
}

/* " con Energías del Nervión", " mit Kestrel", " avec Ardoise", " com
 * Ipê", " met Polderdata": a booking's "service with business" in the
 * other languages (" with " is a stop of its own). */
static bool with_business(const char *p)
{
	size_t n;

	if (*p != ' ')
		return false;
	n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz");
	return p[1 + n] == ' ' && isupper((unsigned char)p[2 + n]) && lex_word_is(&lex_with_words, p + 1, n);
}

/* At text+j, " and " between two words of one title ("Senior Data and
 * Insight Analyst"): no job noun yet since text+i, and capitalised words
 * with one after it. */
static bool and_joins_modifiers(const char *text, size_t i, size_t j)
{
	size_t n = cap_run(text + j + 5);

	return n > 0 && !job_noun_inside(text + i, j - i) && job_noun_inside(text + j + 5, n);
}

/* A title's line that ends in a particle ("vaga de Gerente de\nEngenharia")
 * was wrapped mid-title: the newline at text+j is a blank. */
static bool wrapped_after_particle(const char *text, size_t i, size_t j)
{
	size_t b = j;
	char w[8];

	if (text[j] != '\n' || !isupper((unsigned char)text[j + 1]))
		return false;
	while (b > i && text[b - 1] != ' ')
		b--;
	if (b == i || j - b >= sizeof(w))
		return false;
	memcpy(w, text + b, j - b);
	w[j - b] = '\0';
	return lex_word_is(&lex_role_particles, w, j - b) && strcmp(w, "-") != 0 && strcmp(w, "/") != 0;
}

static size_t role_end(const char *text, size_t i)
{
	size_t j = i;

	while (text[j] && (text[j] != '\n' || wrapped_after_particle(text, i, j)) && text[j] != ',' &&
	    (text[j] != '(' || gender_bracket(text, i, j)) && text[j] != '!' &&
	    text[j] != '?' && text[j] != ';' && !(text[j] == '.' && (text[j + 1] == ' ' || text[j + 1] == '\0' ||
	    text[j + 1] == '\n') && !(text[j + 1] == ' ' && abbreviation_end(text, i, j))) &&
	    strncmp(text + j, " at ", 4) != 0 && strncmp(text + j, " with ", 6) != 0 &&
	    strncmp(text + j, " - ", 3) != 0 && strncmp(text + j, " | ", 3) != 0 &&
	    !with_business(text + j) &&
	    strncmp(text + j, " \xe2\x80\x93 ", 5) != 0 && strncmp(text + j, " on ", 4) != 0 &&
	    strncmp(text + j, " in ", 4) != 0 &&
	    (strncmp(text + j, " and ", 5) != 0 || and_joins_modifiers(text, i, j)) &&
	    strncmp(text + j, " has ", 5) != 0 && strncmp(text + j, " is ", 4) != 0 &&
	    strncmp(text + j, " for ", 5) != 0 && strncmp(text + j, " team", 5) != 0 &&
	    !(text[j] == ':' && (text[j + 1] == ' ' || text[j + 1] == '\0')) &&
	    !role_stop(text + j) && !date_follows(text + j) &&
	    !(j > i && text[j] == ' ' && label_ahead(text + j + 1)) && !(j > i && text[j] == ' ' &&
	    word_of(text + j + 1, lex_role_nouns_bare.w, lex_role_nouns_bare.n) > 0) && j - i < 100)
		j++;
	return j + role_qualifier(text, i, j);
}

/* A label's value is its line, the title as the hiring system names it
 * ("Job Requisition: R-10442 Lead Software Engineer - Policy Systems"),
 * up to an employer or a person (" at ", " with ", " | "). */
static size_t label_value_end(const char *text, size_t s)
{
	static const char *const stops[] = { " at ", " with ", " | ", " @ ", " bei ", " chez ", " bij " };
	size_t e = s + strcspn(text + s, "\n");

	for (size_t k = 0; k < ARRAY_LEN(stops); k++) {
		const char *q = strstr(text + s, stops[k]);

		if (q != NULL && (size_t)(q - text) < e)
			e = (size_t)(q - text);
	}
	return e;
}

/* Does a label at pos begin a field: its line, or after a bullet, a
 * column or another field ("- Role:", "| Position:", "Team: X  Role:"),
 * with at most two words of its own before it ("Job Requisition:",
 * "Open role:"), not a sentence's words ("for the Analyst role: Monday
 * 7th Dec")? */
static bool label_starts_field(const char *low, size_t pos)
{
	size_t k = pos;
	int words = 0;

	/* the label is a word of its own, not the end of one ("xrole:") */
	if (pos > 0 && strchr(" \n*", low[pos - 1]) == NULL)
		return false;
	for (;;) {
		while (k > 0 && (low[k - 1] == ' ' || low[k - 1] == '\t'))
			k--;
		if (k == 0 || strchr("\n*|:>", low[k - 1]) != NULL)
			return true;
		/* a bullet: "- Role:" at a line's start, "\u2022 Role:" */
		if (low[k - 1] == '-' && (k == 1 || low[k - 2] == '\n'))
			return true;
		if (k >= 3 && memcmp(low + k - 3, "\xe2\x80\xa2", 3) == 0)
			return true;
		if (++words > 2)
			return false;
		while (k > 0 && strchr(" \t\n*|:>", low[k - 1]) == NULL)
			k--;
	}
}

/* "Position: Senior Backend Engineer" */
static void role_by_label(const struct ctx *c, char **rolep, size_t *bestp)
{
	char *role = *rolep;
	size_t i, best = *bestp;
	const char *p;

	for (i = 0; i < lex_role_labels.n; i++) {
		for (p = c->llow; (p = strstr(p, lex_role_labels.w[i])) != NULL; p++) {
			size_t pos = (size_t)(p - c->llow), s, e;
			char *r;

			if (pos >= best)
				break;
			if (!label_starts_field(c->llow, pos))
				continue;
			s = skip_blank(c->ltext, pos + strlen(lex_role_labels.w[i]));
			/* "... for the Associate General Counsel,\nLitigation role:
			 * a case presentation": a sentence wrapped at the label's
			 * word goes on with an article, as no field's value does */
			if (str_has_prefix(c->llow + s, "a ") || str_has_prefix(c->llow + s, "an ") ||
			    str_has_prefix(c->llow + s, "the "))
				continue;
			e = label_value_end(c->ltext, s);
			r = role_clean(c->ltext + s, e - s, false);
			/* "Director of Nursing (4 units, ~110 beds, 9 direct
			 * reports)": the title without the job's facts after it */
			if (r == NULL && e > s + 1 && c->ltext[e - 1] == ')') {
				const char *o = memchr(c->ltext + s, '(', e - s);

				if (o != NULL && o > c->ltext + s)
					r = role_clean(c->ltext + s, (size_t)(o - (c->ltext + s)), false);
			}
			if (r != NULL) {
				free(role);
				role = r;
				best = pos;
				break;
			}
		}
	}
	*rolep = role;
	*bestp = best;
}

/* Is p[0..n), the inside of a parenthesis after a job title, a work mode
 * or a contract, no part of the title ("remote", "contract-to-hire")? */
static bool paren_not_role(const char *p, size_t n)
{
	char *q = xstrndup(p, n);
	bool r;

	str_lower(q);
	r = FIND_ANY(q, lex_role_paren_not) != NULL;
	free(q);
	return r;
}

/* Walking back from a role noun at pos, at ws (after the blanks) a ")",
 * "," or newline: where to go on from, or ws itself when the walk ends.
 * A parenthesis of capitalised words or of a work mode is crossed to its
 * "("; a comma when
 * what follows it up to pos is a qualifier (capitalised words) and a job
 * noun comes before it; a newline that wraps a line (no blank line). */
static size_t qualifier_start(const struct ctx *c, size_t ws, size_t pos)
{
	const char *text = c->text;
	size_t k = ws - 1;

	if (text[k] == '\n')
		return (k > 0 && text[k - 1] != '\n' && text[k - 1] != '.') ? k : ws;
	if (text[k] == ')') {
		size_t o = k;

		while (o > 0 && text[o] != '(' && k - o < 40)
			o--;
		if (text[o] == '(' && cap_run(text + o + 1) == k - o - 1)
			return o;   /* role_clean drops a "(Remote)" */
		if (text[o] == '(' && paren_not_role(text + o + 1, k - o - 1))
			return o;   /* "(contract-to-hire)": dropped too */
		return ws;
	}
	/* "Sr. Software Engineer": a short capitalised abbreviation */
	if (text[k] == '.') {
		size_t b = abbreviation_at(text, 0, k);

		return b != SIZE_MAX ? b : ws;
	}
	/* a dash: "Senior Software Engineer - Payments role" */
	if (text[k] == '-' || (unsigned char)text[k] == 0x93) {
		size_t d = k, q, n;

		if (text[k] != '-') {
			/* the last byte of an en dash (e2 80 93) */
			if (k < 2 || (unsigned char)text[k - 2] != 0xe2 || (unsigned char)text[k - 1] != 0x80)
				return ws;
			d = k - 2;
		}
		q = skip_blank(text, ws);
		n = cap_run(text + q);
		if (d == 0 || text[d - 1] != ' ' || text[ws] != ' ' || n == 0 || skip_blank(text, q + n) != pos)
			return ws;
		return job_word_before(text, 0, d) ? d : ws;
	}
	/* a comma: ", Streaming role" */
	{
		size_t q = skip_blank(text, ws), n = cap_run(text + q);

		if (n == 0 || skip_blank(text, q + n) != pos)
			return ws;
		return job_word_before(text, 0, k) ? k : ws;
	}
}

/* "for the Senior Backend Engineer position" */
static void role_before_noun(const struct ctx *c, char **rolep, size_t *bestp)
{
	const char *low = c->low, *text = c->text;
	char *role = *rolep;
	size_t i, best = *bestp;
	const char *p;

	for (i = 0; i < lex_role_nouns.n; i++) {
		for (p = low; (p = find_phrase(p, lex_role_nouns.w[i] + 1)) != NULL; p++) {
			size_t pos = (size_t)(p - low), s = pos, end = pos;
			int words = 0;
			char *r;

			if (pos >= best)
				break;
			/* "the Senior Software Engineer - Integrations (R-104233)
			 * position": a posting's reference in brackets right
			 * before the noun is no part of the title */
			{
				size_t ws = pos, o;

				while (ws > 0 && low[ws - 1] == ' ')
					ws--;
				if (ws > 0 && low[ws - 1] == ')') {
					for (o = ws - 1; o > 0 && ws - o < 40 && low[o - 1] != '(' && low[o - 1] != '\n'; o--)
						;
					bool ref = false;

					for (size_t d = o; d + 1 < ws; d++)
						ref = ref || isdigit((unsigned char)low[d]);
					if (o > 1 && low[o - 1] == '(' && ref) {
						end = o - 1;
						while (end > 0 && low[end - 1] == ' ')
							end--;
						s = end;
					}
				}
			}
			/* "an Equal Opportunity Employer": the footer's statement,
			 * no job */
			if (str_has_prefix(p + strlen(lex_role_nouns.w[i] + 1), " employer"))
				continue;
			/* walk back to a determiner, at most 8 words */
			while (s > 0 && words < 9) {
				size_t ws = s;
				char w[16];

				while (ws > 0 && low[ws - 1] == ' ')
					ws--;
				/* "(Payments)", ", Streaming" after the job noun, a
				 * line wrapped inside the phrase */
				if (ws > 0 && (low[ws - 1] == ')' || low[ws - 1] == '\n' || low[ws - 1] == ',' ||
				    low[ws - 1] == '-' || low[ws - 1] == '.' || (unsigned char)low[ws - 1] == 0x93)) {
					size_t back = qualifier_start(c, ws, pos);

					if (back != ws) {
						s = back;
						words++;
						continue;
					}
				}
				if (ws > 1 && low[ws - 1] == '&' && low[ws - 2] == ' ') {
					s = ws - 1;   /* "Detection & Response" */
					continue;
				}
				word_before(low, ws, w, sizeof(w));
				if (ws == 0 || low[ws - 1] == '\n' || low[ws - 1] == '.' || low[ws - 1] == ',')
					break;
				s = ws - strlen(w);
				if (strcmp(w, "the") == 0 || strcmp(w, "our") == 0 || strcmp(w, "your") == 0 ||
				    strcmp(w, "a") == 0 || strcmp(w, "an") == 0 || strcmp(w, "this") == 0) {
					words = -1;
					break;
				}
				if (strlen(w) == 0)
					break;
				words++;
			}
			if (words != -1)
				continue;
			{
				size_t st = s;

				while (text[st] && text[st] != ' ')
					st++;
				/* an "opening" is a job's only by a job's word ("our
				 * Penang opening on 29 April" is a hotel's) */
				if ((r = role_clean(text + st, end - st,
				    strcmp(lex_role_nouns.w[i], " opening") == 0)) != NULL) {
					free(role);
					role = r;
					best = pos;
					break;
				}
			}
		}
	}
	*rolep = role;
	*bestp = best;
}

/* "application for Senior Backend Engineer at Acme" */
static void role_after_intro(const struct ctx *c, char **rolep, size_t *bestp)
{
	const char *low = c->low, *text = c->text;
	char *role = *rolep;
	size_t i, best = *bestp;
	const char *p;
	struct lex_hits hits;

	lex_hits_find(&hits, low, &lex_role_intros);
	for (i = 0; i < lex_role_intros.n; i++) {
		for (p = low; (p = lex_hits_next(&hits, i, p, false)) != NULL; p++) {
			size_t pos = (size_t)(p - low), s, e;
			char *r;

			if (pos >= best)
				break;
			s = pos + strlen(lex_role_intros.w[i]);
			e = role_end(text, s);
			if ((r = role_clean(text + s, e - s, true)) != NULL) {
				free(role);
				role = r;
				best = pos;
				break;
			}
		}
	}
	lex_hits_free(&hits);
	*rolep = role;
	*bestp = best;
}

/* "your onsite for Staff Backend Engineer at Marigold Pay": after a word
 * as common as "for" (lex_role_intros_cap), only a capitalised title with
 * a job noun. */
static void role_after_for(const struct ctx *c, char **rolep, size_t *bestp)
{
	const char *low = c->low, *text = c->text;
	size_t i, best = *bestp;
	const char *p;

	for (i = 0; i < lex_role_intros_cap.n; i++) {
		int guard = 0;

		for (p = low; (p = find_phrase(p, lex_role_intros_cap.w[i])) != NULL && guard++ < 200; p++) {
			size_t pos = (size_t)(p - low), s, e;
			char *r;

			if (pos >= best)
				break;
			s = skip_blank(text, pos + strlen(lex_role_intros_cap.w[i]));
			if (!isupper((unsigned char)text[s]))
				continue;
			e = role_end(text, s);
			if ((r = role_clean(text + s, e - s, true)) != NULL && isupper((unsigned char)r[0])) {
				free(*rolep);
				*rolep = r;
				best = pos;
				break;
			}
			free(r);
		}
	}
	*bestp = best;
}

/* Does a session's word follow the title role where p starts with it? */
static bool session_after(const char *p, const char *role)
{
	size_t n = strlen(role);

	if (strncasecmp(p, role, n) != 0 || p[n] != ' ')
		return false;
	p += n + 1;
	if (lex_word_is(&lex_session_ends, p, strcspn(p, " ,.:;!?")))
		return true;
	/* "Partner interview", "Director interview": a rank alone, no
	 * field, names whom the interview is with */
	return strchr(role, ' ') == NULL && strncasecmp(p, "interview", 9) == 0 &&
	    lex_word_is(&lex_title_words, role, n);
}

/* Subjects like "Interview Confirmation - Senior Backend Engineer": a
 * segment that is a job title. */

/* After a subject's part that is a title (tn bytes at t), is the dash
 * and the part after it (n bytes at p, " - EV Thermal Systems") a field
 * of the title: worded as a field is, not the writer's organisation by
 * its address or its name, no legal form?  Not a place, a stage or an
 * acronym ("Analyst - Manchester", "Officer - Competency", "- MPV"). */
static bool subject_field_part(const struct ctx *c, const char *t, size_t tn, const char *p,
		size_t n)
{
	size_t d = strspn(p, " -|");
	char *part, *title;
	bool ok;

	if (strncmp(p + d, "\xe2\x80\x93", 3) == 0)
		d += 3 + strspn(p + d + 3, " ");
	if (d >= n)
		return false;
	title = role_clean(t, tn, true);
	part = xstrndup(p + d, n - d);
	ok = title != NULL && (field_worded(part) || lex_has_word(part, strlen(part), &lex_org_tails)) &&
	    !has_legal_form(part) && (c->m->from.n == 0 ||
	    (!org_matches_domain(part, c->m->from.v[0].email) &&
	    (c->m->from.v[0].name == NULL || str_casestr(c->m->from.v[0].name, part) == NULL)));
	free(title);
	free(part);
	return ok;
}

static char *role_in_subject(const struct ctx *c)
{
	char *role = NULL;
	const char *subj = c->m->subject;
	size_t a = 0, n = strlen(subj);

	while (a < n && role == NULL) {
		size_t b = a;

		while (b < n && strncmp(subj + b, " - ", 3) != 0 && strncmp(subj + b, " | ", 3) != 0 &&
		    strncmp(subj + b, ": ", 2) != 0 && strncmp(subj + b, " \xe2\x80\x93 ", 5) != 0 &&
		    strncmp(subj + b, " @ ", 3) != 0 && (subj[b] != '(' || gender_bracket(subj, a, b)))
			b++;
		/* "Software Engineer (Platform)": a team in parentheses that
		 * closes the part is the title's (role_clean drops a work mode) */
		if (b < n && subj[b] == '(' && b > a) {
			size_t q = cap_run(subj + b + 1);

			char *in = q > 0 ? xstrndup(subj + b + 1, q) : NULL;

			/* not a title of its own: "with Sam (Senior Data Engineer)" */
			if (in != NULL && subj[b + 1 + q] == ')' && !has_job_noun(in) &&
			    (subj[b + 2 + q] == '\0' || subj[b + 2 + q] == ' '))
				b += 2 + q;
			free(in);
		}
		if (b > a && isupper((unsigned char)subj[skip_blank(subj, a)])) {
			/* "Senior QA Engineer interview" */
			size_t e2 = b;

			size_t re = role_end(subj, skip_blank(subj, a));
			const char *iv;

			/* "Infrastructure Engineer interview with Quillon",
			 * "Cloud Engineer with Tidewater Bank Careers" */
			if (re < e2)
				e2 = re;
			/* "Deputy Manager - EV Thermal Systems": a field after
			 * the title's dash is the title's, not the employer */
			else if (re > b && subject_field_part(c, subj + a, b - a, subj + b, re - b))
				e2 = re;
			while (e2 > a && subj[e2 - 1] == ' ')
				e2--;
			{
				char *seg = xstrndup(subj + a, e2 - a);

				if ((iv = str_casestr(seg, " interview")) != NULL)
					e2 = a + (size_t)(iv - seg);
				free(seg);
			}
			role = role_clean(subj + a, e2 - a, true);
			/* "Recruiter sync before your onsite", "Hiring Manager
			 * chat": the title names whom the session is with */
			if (role != NULL && session_after(subj + skip_blank(subj, a), role)) {
				free(role);
				role = NULL;
			}
		}
		if (role != NULL && (str_casestr(role, " at ") || str_casestr(role, "invitation") ||
		    str_casestr(role, "confirm") || str_casestr(role, "schedul"))) {
			free(role);
			role = NULL;
		}
		if (b >= n)
			break;
		a = b + (subj[b] == '(' ? 1 : subj[b] == ':' ? 2 : subj[b + 1] == '\xe2' ? 5 : 3);
	}
	return role;
}

/* "Kennismakingsgesprek Senior Data Engineer": the interview's word
 * before a title is no part of it. */
static void drop_interview_word(char *role)
{
	size_t n = strcspn(role, " ");
	char *w, *rest;
	bool word;

	if (role[n] != ' ')
		return;
	w = lower_dup(role);
	w[n] = '\0';
	word = lex_word_is(&lex_interview_words, w, n);
	for (size_t k = 0; k < lex_interview_stems.n && !word; k++)
		word = str_has_prefix(w, lex_interview_stems.w[k]);
	free(w);
	rest = role + n + 1;
	if (word && has_job_noun(rest))
		memmove(role, rest, strlen(rest) + 1);
}

/* The job title: after a label ("Position:"), before a noun ("the X
 * role"), after an intro ("application for X"), the earliest in the text
 * winning; else a segment of the subject; never with the interview's word
 * before it. */
/* A title that ends in a seniority's abbreviation keeps its period as
 * the mail writes it: "Ingeniera de Datos Sr." (the reader stops at a
 * period that ends a sentence).  Takes role. */
static char *abbreviation_dot(const struct ctx *c, char *role)
{
	static const char *const abbrs[] = { " Sr", " Jr", " Snr", " Jnr" };
	size_t n = strlen(role);
	char *dotted;

	for (size_t k = 0; k < ARRAY_LEN(abbrs); k++) {
		size_t al = strlen(abbrs[k]);

		if (n > al && strcmp(role + n - al, abbrs[k]) == 0) {
			dotted = xasprintf("%s.", role);
			if (strstr(c->text, dotted) != NULL || strstr(c->m->subject, dotted) != NULL) {
				free(role);
				return dotted;
			}
			free(dotted);
			break;
		}
	}
	return role;
}

/* Does a role's noun or its employer follow at p (" role", " position",
 * " at Acme")?  What says the words before it are the title's. */
static bool noun_or_employer_after(const char *p)
{
	if (*p != ' ')
		return false;
	return strncmp(p, " at ", 4) == 0 || word_of(p + 1, lex_role_nouns_bare.w, lex_role_nouns_bare.n) > 0;
}

/* The title as the mail writes it whole: where the text names the same
 * title with its qualifier ("Interview - Infrastructure Lead" in the
 * subject, "the Infrastructure Lead - Queensland Operations role" in the
 * body), the fuller one: role_qualifier judges the qualifier, and a
 * role's noun or the employer after it says the title ends there (a
 * calendar's "Interview: Data Engineer - Jane Doe" names a person).
 * Takes role. */
static char *role_fuller(const struct ctx *c, char *role)
{
	const char *text = c->text;
	size_t n = strlen(role);

	if (n == 0)
		return role;
	for (const char *p = text; (p = strstr(p, role)) != NULL; p++) {
		size_t i = (size_t)(p - text), j = i + n, q;
		char *r;

		if ((i > 0 && isalnum((unsigned char)text[i - 1])) || isalnum((unsigned char)text[j]))
			continue;
		if ((q = role_qualifier(text, i, j)) == 0 || !noun_or_employer_after(text + j + q))
			continue;
		r = role_clean(text + i, j + q - i, false);
		if (r != NULL && strlen(r) > n && strncmp(r, role, n) == 0) {
			free(role);
			return r;
		}
		free(r);
	}
	return role;
}

char *find_role(const struct ctx *c)
{
	size_t best = SIZE_MAX;
	char *role = NULL;

	role_by_label(c, &role, &best);
	role_before_noun(c, &role, &best);
	role_after_intro(c, &role, &best);
	role_after_for(c, &role, &best);
	if (role == NULL)
		role = role_in_subject(c);
	if (role != NULL) {
		drop_interview_word(role);
		role = role_fuller(c, role);
	}
	/* "Diretora de Operações (Layla Haddad-Okonjo)": the candidate's
	 * name in brackets after the title, as a calendar's summary writes
	 * it, is no part of it */
	if (role != NULL) {
		char *o = strrchr(role, '(');
		size_t n = strlen(role);

		if (o != NULL && o > role && role[n - 1] == ')') {
			char *in = xstrndup(o + 1, (size_t)(role + n - 1 - (o + 1)));

			if (is_me_name(c->o, in)) {
				while (o > role && o[-1] == ' ')
					o--;
				*o = '\0';
			}
			free(in);
		}
	}
	return role != NULL ? abbreviation_dot(c, role) : NULL;
}

/* ---- location ---- */

bool virtual_place(const char *s)
{
	char *low = lower_dup(s);
	bool r = FIND_ANY(low, lex_virtual_places) != NULL || *s == '\0';

	free(low);
	return r;
}

char *prose_location(const struct ctx *c)
{
	size_t i;

	for (i = 0; i < lex_location_labels.n; i++) {
		const char *p = c->llow;

		while ((p = strstr(p, lex_location_labels.w[i])) != NULL) {
			size_t pos = (size_t)(p - c->llow), s, e;
			char *v;

			p++;
			if (pos > 0 && c->llow[pos - 1] != '\n' && c->llow[pos - 1] != ' ' && c->llow[pos - 1] != '*')
				continue;
			s = skip_blank(c->ltext, pos + strlen(lex_location_labels.w[i]));
			e = s + strcspn(c->ltext + s, "\n");
			v = clean_phrase(c->ltext + s, e - s);
			if (!virtual_place(v) && strlen(v) >= 3)
				return v;
			free(v);
		}
	}
	return NULL;
}

/* ---- the facts of a detection ---- */

/* The company: named in prose, the subject, the sender's name, a
 * hiring-system link (spelt as the signature does), the signature, then
 * the domain of the contact, the sender, an interviewer.  A name among
 * the interviewers that is the company is no person.  Takes sg->company
 * when it uses it. */
/* s lower-cased, letters and digits only, accents folded by
 * utf8_fold_ascii ("Maré Alta" -> "marealta", "Łódź" -> "lodz"), letters
 * outside the Latin ranges left out, into out. */
void fold_squash(const char *s, char *out, size_t outlen)
{
	struct buf b = { 0 }, amp = { 0 };
	size_t n = 0;

	/* "Lantern & Co." is lanternandco's: "&" is said "and" (the fold
	 * takes it for a blank) */
	if (strchr(s, '&') != NULL) {
		for (const char *p = s; *p; p++) {
			if (*p == '&')
				buf_adds(&amp, " and ");
			else
				buf_addc(&amp, *p);
		}
		buf_addc(&amp, '\0');
		s = amp.data;
	}
	utf8_fold_ascii(&b, s);
	for (const char *p = b.data; *p && n + 1 < outlen; p++) {
		if (*p != ' ' && *p != '?' && *p != '.' && *p != ',')
			out[n++] = *p;
	}
	out[n] = '\0';
	buf_free(&b);
	buf_free(&amp);
}

/* The organisation part of an address's domain, folded ("meridian-kite"
 * -> "meridiankite") into out; false for free mail, hiring systems and
 * RFC 2606 example domains' bare "example". */
static bool domain_key(const char *email, char *out, size_t outlen)
{
	char *dom = email ? parties_org_domain(email) : NULL;
	size_t ln;

	if (dom == NULL)
		return false;
	ln = strcspn(dom, ".");
	dom[ln] = '\0';
	fold_squash(dom, out, outlen);
	free(dom);
	return strlen(out) >= 4 && strcmp(out, "example") != 0;
}

/* The words of run, each folded (fold_squash), into words: how many, at
 * most max; the empty ones left out. */
static size_t fold_words(const char *run, char (*words)[64], size_t max)
{
	size_t nw = 0;

	while (*run && nw < max) {
		size_t n = strcspn(run, " -");
		char *w = xstrndup(run, n);

		fold_squash(w, words[nw], sizeof(words[nw]));
		free(w);
		if (words[nw][0] != '\0')
			nw++;
		run += n;
		while (*run == ' ' || *run == '-')
			run++;
	}
	return nw;
}

/* A small word an address leaves out ("Banco del Duero" at bancoduero,
 * "Hôpital Sainte-Famille de Laval" at hsfl); folded. */
static bool particle(const char *w)
{
	static const char *const particles[] = { "de", "del", "la", "las", "los", "el", "da", "do",
		"dos", "das", "of", "the", "and", "und", "et", "y", "e", "van", "der", "den", "le", "les",
		"du", "des", "di", "von", "fur", "for", "voor", "pour", "para" };

	for (size_t k = 0; k < ARRAY_LEN(particles); k++)
		if (strcmp(w, particles[k]) == 0)
			return true;
	return false;
}

/* A word that says what kind of organisation it is, which an address
 * may leave out after the words it spells ("North Shore Community
 * Hospital" at nshorecommunity, "Casco Bay Medical Center" at
 * cascobaymed); folded. */
static bool org_kind_word(const char *w)
{
	return lex_word_is(&lex_org_words, w, strlen(w)) || lex_word_is(&lex_org_tails, w, strlen(w));
}

/* words_spell() over fold_words()'s array, from word w: a particle may
 * give nothing, a kind of organisation be left out at the end. */
static bool starts_spell(char (*words)[64], size_t w, size_t nw, const char *key, int need,
		int spell)
{
	const char *v[6];

	for (size_t k = 0; k < nw && k < ARRAY_LEN(v); k++)
		v[k] = words[k];
	return words_spell(v, w, nw, key, need, spell, particle, org_kind_word);
}

/* Does name, as an organisation, name the domain of email?  One folded
 * form starts the other, legal suffix aside: "Meridian Kite" and
 * meridiankite.example, "Orchard Street Media" and orchardstreet.example,
 * "Lantern Bio Ltd" and lanternbio.example. */
bool org_matches_domain(const char *name, const char *email)
{
	char key[128], got[128], *n, words[6][64];
	size_t kl, gl, nw;

	if (name == NULL || !domain_key(email, key, sizeof(key)))
		return false;
	n = xstrdup(name);
	strip_legal(n);
	fold_squash(n, got, sizeof(got));
	kl = strlen(key);
	gl = strlen(got);
	if (gl >= 4 && strncmp(key, got, kl < gl ? kl : gl) == 0) {
		free(n);
		return true;
	}
	/* the starts of three words or more: "Western Water Data Center" at
	 * wwdc.example */
	nw = fold_words(n, words, 6);
	free(n);
	if (starts_spell(words, 0, nw, key, 3, 2))
		return true;
	/* its first and last words whole, those between left out: "Emerald
	 * Necklace Health" at emeraldhealth, "Fenway College of Nursing" at
	 * fenwaynursing */
	if (nw >= 3 && strlen(words[0]) >= 4 && strlen(words[nw - 1]) >= 4 &&
	    strlen(words[0]) + strlen(words[nw - 1]) == kl && str_has_prefix(key, words[0]) &&
	    strcmp(key + strlen(words[0]), words[nw - 1]) == 0)
		return true;
	/* without the particles its address leaves out: "Banco del Duero"
	 * at bancoduero.example, "Bank of Ireland" at bankireland */
	{
		char bare[128];
		size_t bl = 0;

		bare[0] = '\0';
		for (size_t w = 0; w < nw; w++) {
			if (!(w > 0 && particle(words[w])) && bl + strlen(words[w]) < sizeof(bare)) {
				memcpy(bare + bl, words[w], strlen(words[w]) + 1);
				bl += strlen(words[w]);
			}
		}
		return bl >= 4 && bl != gl && strncmp(key, bare, kl < bl ? kl : bl) == 0;
	}
}


/* Does the run of words name key (squashed) as an address shortens it:
 * its first words whole, the rest by their starts ("Umoya Financial
 * Services" for "umoyafs", "Cape Atlantic Reinsurance" for
 * "capeatlanticre")?  At least four letters whole. */
static bool initials_tail(const char *run, const char *key)
{
	char words[6][64];
	size_t nw = fold_words(run, words, 6), whole = 0;

	for (size_t k = 0; k + 1 < nw; k++) {
		size_t l = strlen(words[k]);

		if (strncmp(key + whole, words[k], l) != 0)
			return false;
		whole += l;
		if (whole >= 4 && starts_spell(words, k + 1, nw, key + whole, 1, 1))
			return true;
	}
	return false;
}

/* The company as the mail writes it, when it was read from an address
 * or a link ("Mareasoft" -> "Marea Software", "Olivarenergia" -> "Olivar
 * Energía", "Umoyafs" -> "Umoya Financial Services"): the first run of
 * capitalised words in the text that is the same name but for spaces,
 * case and accents, or whose last words the address shortens to their
 * starts ("capeatlanticre").  NULL when none. */
/* Are s's letters all capitals ("KDM")? */
static bool all_capitals(const char *s)
{
	bool any = false;

	for (; *s; s++) {
		if (islower((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return false;
		any = any || isupper((unsigned char)*s);
	}
	return any;
}

/* Do the words of run (up to ten) spell key by their first letters, the
 * particles giving nothing, the last word whole or by its first letter
 * ("Don Valley Community Legal Services" for dvcls, "Commission des
 * valeurs et des marchés du Québec" for cvmq, "Laurentian Harbour Bank"
 * for lhbank)?  Three words at least. */
static bool acronym_of(const char *run, const char *key)
{
	char words[10][64], got[128];
	size_t nw = fold_words(run, words, 10), n = 0, used = 0;

	for (size_t w = 0; w < nw && n + 1 < sizeof(got); w++) {
		if (w > 0 && particle(words[w]))
			continue;
		if (w + 1 == nw && used >= 2 && strlen(key) > n + 1 &&
		    strcmp(key + n, words[w]) == 0)
			return true;
		got[n++] = words[w][0];
		used++;
	}
	got[n] = '\0';
	return used >= 3 && strcmp(got, key) == 0;
}

/* The organisation an acronym or a short address stands for, written in
 * full in the mail: a line of its own (a signature's, or its part
 * between " | "), or the words before the acronym in brackets ("the
 * Trans-Canada Infrastructure Finance Corporation (TCIFC)").  NULL when
 * none. */
static char *acronym_written(const struct ctx *c, const char *name)
{
	char key[128];
	const char *t = c->text, *p;
	size_t nl = strlen(name);

	fold_squash(name, key, sizeof(key));
	if (strlen(key) < 3 || strlen(key) > 12 || strchr(name, ' ') != NULL)
		return NULL;
	/* "... Finance Corporation (TCIFC)", the acronym in any case (an
	 * address's "Gvaa" for "Global Vaccine Access Alliance (GVAA)") */
	for (p = t; (p = str_casestr(p, name)) != NULL; p += nl) {
		size_t at = (size_t)(p - t), b = at - 1, start;
		int words = 0;

		if (at < 2 || t[at - 1] != '(' || t[at + nl] != ')')
			continue;
		start = b;
		while (start > 0 && t[start - 1] == ' ')
			start--;
		b = start;
		/* back over capitalised words and particles, up to ten */
		while (b > 0 && words < 10) {
			size_t ws = b;

			while (ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '\n' && t[ws - 1] != '(')
				ws--;
			if (!(capital_at(t + ws) || (words > 0 && islower((unsigned char)t[ws]) &&
			    ws + 4 > b)))
				break;
			words++;
			{
				char *run = xstrndup(t + ws, start - ws);

				if (capital_at(t + ws) && acronym_of(run, key))
					return run;
				free(run);
			}
			if (ws == 0 || t[ws - 1] != ' ')
				break;
			b = ws - 1;
		}
	}
	/* a line, or a part of one between " | ": of the text (with its
	 * line breaks), then of the quoted thread it answers */
	for (int pass = 0; pass < 2; pass++) {
		t = pass == 0 ? c->ltext : c->thread;
		for (size_t i = 0; t != NULL && t[i]; ) {
			size_t e = i + strcspn(t + i, "\n"), s = i;

			while (s < e) {
				const char *bar = memmem(t + s, e - s, " | ", 3);
				size_t pe = bar != NULL ? (size_t)(bar - t) : e, ps = s, pz = pe;

				while (ps < pz && (t[ps] == ' ' || t[ps] == '>'))
					ps++;
				while (pz > ps && t[pz - 1] == ' ')
					pz--;
				if (pz - ps >= 8 && pz - ps < 90 && capital_at(t + ps) &&
				    memchr(t + ps, '@', pz - ps) == NULL && memchr(t + ps, ',', pz - ps) == NULL) {
					char *run = xstrndup(t + ps, pz - ps), *br;

					strip_legal(run);
					/* "Global Vaccine Access Alliance (GVAA)": the
					 * line's name before its acronym in brackets */
					if ((br = strstr(run, " (")) != NULL && run[strlen(run) - 1] == ')')
						*br = '\0';
					if (strpbrk(run, "0123456789") == NULL && acronym_of(run, key))
						return run;
					free(run);
				}
				s = bar != NULL ? pe + 3 : e;
			}
			i = t[e] == '\n' ? e + 1 : e;
		}
	}
	return NULL;
}

/* The name of an organisation at p with its small words ("Cascadia
 * Institute for Health Metrics", "University of the Karoo"): capitalised
 * words joined by particles, at most six, ending in a capitalised word;
 * its length (0: none). */
static size_t org_run(const char *p)
{
	static const char *const joins[] = { "of the", "of", "for", "and", "de", "du", "des",
		"van", "der", "voor", "pour", "para", "do", "da" };

	return name_run(p, 6, joins, ARRAY_LEN(joins));
}

/* As written_company's search, on runs with small words (org_run): the
 * run, or its front up to a capitalised word, that is the name folded
 * (key) or spells it by a first word and the initials of the rest
 * ("Cascadia Institute for Health Metrics" at cascadia-ihm).  NULL when
 * none. */
static char *written_with_particles(const char *t, const char *key)
{
	char got[128];

	for (size_t i = 0; t[i]; i++) {
		size_t n;

		if ((i > 0 && is_word_byte((unsigned char)t[i - 1])) || !capital_at(t + i))
			continue;
		if ((n = org_run(t + i)) == 0)
			continue;
		/* the whole run, then its fronts that end before a space */
		for (size_t e = n; e > 0; e--) {
			char *run, *last;

			if (e < n && t[i + e] != ' ')
				continue;
			run = xstrndup(t + i, e);
			last = strrchr(run, ' ');
			if (last != NULL && capital_at(last + 1)) {
				fold_squash(run, got, sizeof(got));
				if (strcmp(got, key) == 0 || initials_tail(run, key))
					return run;
			}
			free(run);
		}
		/* a run may start inside this one too ("Entrevista Casas do
		 * Tejo"): on to the next word */
	}
	return NULL;
}

/* An "&" with a blank on one side only ("Resort& Casino")? */
static bool glued_amp(const char *s)
{
	for (const char *p = strchr(s, '&'); p != NULL; p = strchr(p + 1, '&'))
		if (p > s && (p[-1] == ' ') != (p[1] == ' '))
			return true;
	return false;
}

static char *written_company(const struct ctx *c, const char *name, bool same_ok)
{
	char key[128], got[128], *full;
	const char *t = c->text;
	bool written = false;

	/* an acronym or an address the mail also writes in full ("Cvmq" at
	 * cvmq.example, "TCIFC" as the mail writes it too) */
	if ((full = acronym_written(c, name)) != NULL)
		return full;
	fold_squash(name, key, sizeof(key));
	/* three letters only as an acronym's capitals ("KDM" at kdm.example) */
	if (strlen(key) < 3)
		return NULL;
	/* the same name first, anywhere; then one the address shortens,
	 * unless the mail writes the name as it is read; in the newest
	 * words, then in the quoted thread they answer (a signature there:
	 * "Managing Partner | Lantern & Co.") */
	for (int pass = 0; pass < 4 && !written; pass++) {
		if (pass == 2) {
			if (c->thread == NULL)
				break;
			t = c->thread;
		}
		for (size_t i = 0; t[i]; i++) {
			char *run;
			size_t n;

			if ((i > 0 && is_word_byte((unsigned char)t[i - 1])) || !capital_at(t + i))
				continue;
			if ((run = cap_words(t, i, 4)) == NULL)
				continue;
			for (n = strlen(run); n > 0; n--) {
				if (run[n] != '\0' && run[n] != ' ')
					continue;
				run[n] = '\0';
				/* not as a link or an address writes it */
				if (!stands_as_word(t, t + i, n))
					continue;
				fold_squash(run, got, sizeof(got));
				if (!(pass % 2 == 0 ? strcmp(got, key) == 0 : initials_tail(run, key)))
					continue;
				if (strlen(key) < 4 && !all_capitals(run))
					continue;
				/* not a form that glues an "&" to a word where the
				 * one read does not ("Resort& Casino" in a
				 * calendar's description) */
				if (same_ok || (strcmp(run, name) != 0 && !(glued_amp(run) && !glued_amp(name))))
					return run;
				written = true;     /* as it is read already */
			}
			free(run);
		}
	}
	/* with its small words, in the newest words ("Cascadia Ihm" at
	 * cascadia-ihm.example, "Cascadia Institute for Health Metrics" in
	 * the signature) */
	if (!written && strlen(key) >= 6)
		return written_with_particles(c->text, key);
	return NULL;
}

/* In an inline forward, the original sender's organisation as the mail
 * writes it ("Marinha Tech" for marinha-tech.example): the forwarder's
 * subject is their own wording.  NULL when none. */
static char *forwarded_company(const struct ctx *c)
{
	char *name, *email, *dc, *w = NULL;

	if (!forward_sender(c, &name, &email))
		return NULL;
	if (human(c, email) && (dc = domain_company(email)) != NULL) {
		w = written_company(c, dc, true);
		free(dc);
	}
	free(name);
	free(email);
	return w;
}

/* Does the word at p (lower case) end an organisation's name? Its
 * length in *len. */
static bool org_tail_at(const char *p, size_t *len)
{
	size_t n = 0;

	while (is_word_byte((unsigned char)p[n]) || (unsigned char)p[n] >= 0x80)
		n++;
	if (n == 0 || !(isupper((unsigned char)p[0]) || (unsigned char)p[0] >= 0xc3))
		return false;
	*len = n;
	return lex_word_is(&lex_org_tails, p, n);
}

/* The longest run at p: name followed by words that end an
 * organisation's name; its length, 0 when none follows. */
static size_t fuller_at(const char *p, size_t nl)
{
	size_t e = nl, len, best = 0;

	for (;;) {
		/* "Cape & Islands Home Health & Hospice": a word that ends
		 * names after "&" too */
		size_t gap = strncmp(p + e, " & ", 3) == 0 ? 3 : 1, after;

		if (p[e] != ' ' || !org_tail_at(p + e + gap, &len))
			break;
		after = e + gap + len;

		/* "Summit Mobile Data Engineer": a word the job's title
		 * begins with; "Kallang Assurance Centre": a building, unless
		 * another such word comes first ("... Medical Center") */
		if ((p[after] == ' ' && job_word(p + after + 1, strcspn(p + after + 1, " ,.\n"))) ||
		    (e == nl && (strncasecmp(p + e + gap, "center", 6) == 0 ||
		    strncasecmp(p + e + gap, "centre", 6) == 0)))
			break;
		e = after;
		best = e;
	}
	return best;
}

/* From the end e of a name at p that ends in a word ending organisations'
 * names, the place or field it goes on with: "The Kelvin Museum of
 * Science", "University of Eastern Sydney", "... Palliative Care of New
 * England".  Up to three capitalised words after " of "; e when none. */
static size_t of_tail(const char *p, size_t e)
{
	size_t w = e, len, k, end = e;

	while (w > 0 && p[w - 1] != ' ')
		w--;
	len = e - w;
	if (strncmp(p + e, " of ", 4) != 0 || !isupper((unsigned char)p[w]) ||
	    !(lex_word_is(&lex_org_tails, p + w, len) || lex_word_is(&lex_org_words, p + w, len)))
		return e;
	k = e + 4;
	for (int n = 0; n < 3 && isupper((unsigned char)p[k]); n++) {
		size_t m = 0, wl;
		char low[32];

		while (isalpha((unsigned char)p[k + m]) || (unsigned char)p[k + m] >= 0x80)
			m++;
		/* "Museum of London Docklands", not "the Museum of January" */
		if (m >= sizeof(low))
			break;
		for (size_t i = 0; i < m; i++)
			low[i] = (char)tolower((unsigned char)p[k + i]);
		low[m] = '\0';
		if (month_at(low, &wl) > 0 || weekday_at(low, &wl) >= 0)
			break;
		end = k + m;
		if (p[end] != ' ')
			break;
		k = end + 1;
	}
	return end;
}

/* Does a legal form start at p (" GmbH", " Pvt. Ltd.")? */
static bool legal_at(const char *p)
{
	const struct lexicon *lists[2] = { &lex_legal_suffixes, &lex_legal_forms };

	for (size_t l = 0; l < 2; l++)
		for (size_t k = 0; k < lists[l]->n; k++) {
			const char *w = lists[l]->w[k];
			size_t n = strlen(w);

			if (w[n - 1] == '.')
				n--;
			if (strncmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]))
				return true;
		}
	return false;
}

/* A firm named by its partners, from the end e of the first name at p:
 * ", Villaseñor y Garza, S.C.", " & Crane LLP" (up to four more names
 * after ", " or a list's "and" in the six languages, list_joiner), when a
 * legal form ends them; the end of the last name, else e. */
static size_t partners_tail(const char *p, size_t e)
{
	size_t k = e;

	for (int n = 0; n < 4; n++) {
		size_t j = 0, w = 0;

		if (p[k] == ',' && p[k + 1] == ' ')
			j = 2;
		else if (p[k] == ' ' && (j = list_joiner(p + k + 1)) > 0)
			j++;
		if (j == 0 || !isupper((unsigned char)p[k + j]))
			break;
		while (isalpha((unsigned char)p[k + j + w]) || p[k + j + w] == '-' ||
		    (unsigned char)p[k + j + w] >= 0x80)
			w++;
		/* the legal form itself is no partner ("..., S.C.") */
		if (legal_at(p + k + j - 1))
			break;
		k += j + w;
		if ((p[k] == ',' && p[k + 1] == ' ' && legal_at(p + k + 1)) || legal_at(p + k))
			return k;
	}
	return e;
}

/* From the end e of a name at p, one or two capitalised words that a
 * legal form follows ("Sunridge Technologies India Pvt. Ltd."): the end
 * before the legal form; e when none. */
static size_t before_legal(const char *p, size_t e)
{
	size_t k = e;

	for (int w = 0; w < 2 && p[k] == ' ' && isupper((unsigned char)p[k + 1]); w++) {
		k++;
		while (isalpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80)
			k++;
		if (legal_at(p + k))
			return k;
	}
	return e;
}

/* The length of "Grupo " or "University of " right before p (what begins
 * organisations' names, and a blank) in s, 0 when none. */
static size_t org_head_before(const char *s, const char *p)
{
	const char *w;

	static const char *const of_heads[] = { "University of ", "College of ", "Institute of ",
		"Bank of ", "Academy of ", "Museum of ", "Government of ", "City of ", "Province of ",
		"Ministry of ", "Royal College of " };
	size_t k;

	if (p - s < 2 || p[-1] != ' ')
		return 0;
	/* "University of Wessex" where the address says "wessex" */
	if ((k = phrase_ending_at(s, 0, (size_t)(p - s), of_heads, ARRAY_LEN(of_heads))) > 0)
		return strlen(of_heads[k - 1]);
	w = p - 1;
	while (w > s && is_word_byte((unsigned char)w[-1]))
		w--;
	if (w == p - 1 || !isupper((unsigned char)*w) || (w > s && (unsigned char)w[-1] >= 0x80))
		return 0;
	return lex_word_is(&lex_org_heads, w, (size_t)(p - 1 - w)) ? (size_t)(p - w) : 0;
}

/* Does the name p[0..e) end in a particle that needs a word after it
 * ("... School of", "... Research and")? */
static bool dangling_particle(const char *p, size_t e)
{
	static const char *const tails[] = { "of", "for", "and", "&", "de", "du", "des", "der",
		"van", "voor", "y", "e", "et", "und" };

	while (e > 0 && p[e - 1] == ' ')
		e--;
	/* a word of its own, after another ("... School of") */
	return phrase_ending_at(p, 1, e, tails, ARRAY_LEN(tails)) > 0;
}

/* The company as the mail writes it in full: "Granite Peak" where the
 * mail also writes "Granite Peak Systems", "Alameda" and "Alameda
 * Seguros", "Altamar" and "Grupo Altamar" (in the text, the subject or a
 * sender's name).  NULL when the
 * mail writes it no longer. */
static char *fuller_company(const struct ctx *c, const char *name)
{
	/* and the thread's quoted mails, the writer's and the user's ("I run
	 * data engineering at Harborview Capital" under "Re: Harborview") */
	const char *srcs[4] = { c->text, c->m->subject, c->m->from.n > 0 ? c->m->from.v[0].name : NULL,
		c->m->from.n > 0 && c->m->from.v[0].email != NULL ? c->thread : NULL };
	size_t nl = strlen(name), best = 0, k;
	const char *bestp = NULL;

	for (k = 0; k < ARRAY_LEN(srcs); k++) {
		const char *p = srcs[k];
		int guard = 0;

		while (p != NULL && (p = strstr(p, name)) != NULL && guard++ < 64) {
			size_t e, h;

			if (p != srcs[k] && is_word_byte((unsigned char)p[-1])) {
				p += nl;
				continue;
			}
			e = fuller_at(p, nl);
			e = of_tail(p, e > 0 ? e : nl);
			e = partners_tail(p, e);
			if (e == nl)
				e = 0;
			/* not into the next line of the text ("Fenwick & Rye" /
			 * "Studio 4, 12 Calvert Avenue", joined by flatten) */
			if (k == 0 && e > nl) {
				size_t line = line_part(c, (size_t)(p - c->text), e);

				/* a name that goes on past the line's end ("the
				 * McAllister University School of Public" /
				 * "Health", a paragraph's wrap): no fuller name
				 * read, half a name is none */
				if (line < e && line > nl && (memmem(p + nl, line - nl, " of ", 4) != NULL ||
				    dangling_particle(p, line)))
					line = 0;
				e = line > nl ? line : 0;
			}
			/* up to a legal form it runs to */
			if (before_legal(p, e > 0 ? e : nl) > (e > 0 ? e : nl))
				e = before_legal(p, e > 0 ? e : nl);
			/* a word that begins organisations' names before it */
			if ((h = org_head_before(srcs[k], p)) > 0) {
				size_t whole = h + (e > 0 ? e : nl);

				if (whole > best) {
					best = whole;
					bestp = p - h;
				}
			} else if (e > best) {
				best = e;
				bestp = p;
			}
			p += nl;
		}
	}
	return bestp != NULL ? xstrndup(bestp, best) : NULL;
}

void drop_company_from_role(struct detection *out)
{
	static const char *const seps[] = { ",", "-", "\xe2\x80\x93", "\xe2\x80\x94", "|", "@", "at",
		"bei", "chez", "bij", "en", "em",
		/* "Directora de Operaciones Hoteleras de Grupo Mareluna
		 * Resorts": the Romance "of" before the company */
		"de", "do", "da", "del", "di", "du", "des" };
	size_t rl, cl, k;

	if (out->role == NULL || out->company == NULL)
		return;
	rl = strlen(out->role);
	cl = strlen(out->company);
	/* the company's initials before the title ("GCSU Director of
	 * Procurement Services" at Gulf Coast State University) */
	{
		char ini[16];
		size_t n = 0, w = strcspn(out->role, " ");
		const char *p = out->company;

		while (*p && n + 1 < sizeof(ini)) {
			size_t l = strcspn(p, " ");

			if (isupper((unsigned char)*p))   /* "of", "&", "the" are no initial */
				ini[n++] = *p;
			p += l + strspn(p + l, " ");
		}
		ini[n] = '\0';
		if (n >= 2 && w == n && w < rl && strncmp(out->role, ini, n) == 0) {
			memmove(out->role, out->role + w + 1, rl - w);
			return;
		}
	}
	/* the company's first word alone after the title ("Product
	 * Designer Groenstroom" for Groenstroom Energie), not a particle's
	 * object ("Gerente de Engenharia" at Engenharia Atlântica) */
	{
		size_t fw = strcspn(out->company, " "), sp, pb;

		if (fw >= 4 && fw < cl && rl > fw + 1 && out->role[rl - fw - 1] == ' ' &&
		    strncasecmp(out->role + rl - fw, out->company, fw) == 0 &&
		    !job_word(out->role + rl - fw, fw)) {
			/* the word before it, from the blank sp back */
			sp = rl - fw - 1;
			for (pb = sp; pb > 0 && out->role[pb - 1] != ' '; pb--)
				;
			if (!lex_word_is(&lex_role_particles, out->role + pb, sp - pb)) {
				for (k = sp; k > 0 && out->role[k - 1] == ' '; k--)
					;
				out->role[k] = '\0';
				return;
			}
		}
	}
	if (cl < 3 || rl <= cl + 2 || strcasecmp(out->role + rl - cl, out->company) != 0 ||
	    out->role[rl - cl - 1] != ' ')
		return;
	k = rl - cl - 1;
	while (k > 0 && out->role[k - 1] == ' ')
		k--;
	for (size_t s = 0; s < ARRAY_LEN(seps); s++) {
		size_t n = strlen(seps[s]);

		if (k > n + 1 && strncasecmp(out->role + k - n, seps[s], n) == 0 &&
		    (seps[s][0] == ',' || out->role[k - n - 1] == ' ')) {
			k -= n;
			while (k > 0 && out->role[k - 1] == ' ')
				k--;
			out->role[k] = '\0';
			return;
		}
	}
}

/* The writer's organisation is not the one that holds the interview: an
 * invite organised at another organisation than the writer's, whose
 * signature names their own (an agency recruiter forwarding it). */
static bool intermediary_org(const struct ctx *c, const char *org)
{
	if (c->ev == NULL || !c->ev->has_organizer || c->m->from.n == 0 ||
	    !org_matches_domain(org, c->m->from.v[0].email) || org_matches_domain(org, c->ev->organizer.email))
		return false;
	return parties_same_org(c->m->from.v[0].email, c->ev->organizer.email) == 0;
}

/* Does name match the domain of the mail's From, Reply-To or contact? */
static bool domain_named(const struct ctx *c, const struct detection *out, const char *name)
{
	for (size_t i = 0; i < c->m->from.n; i++)
		if (org_matches_domain(name, c->m->from.v[i].email))
			return true;
	for (size_t i = 0; i < c->m->reply_to.n; i++)
		if (org_matches_domain(name, c->m->reply_to.v[i].email))
			return true;
	return out->contact.email != NULL && org_matches_domain(name, out->contact.email);
}

/*
 * The subject names two organisations, the one read from it once
 * ("Telephonic interview - Senior Backend Developer - Saffron Health
 * Tech") and the signature's, which the writer's own domain spells: two
 * sources agree on the signature's.  An agency's subject names the client
 * only, its signature and domain the agency.
 */
static bool signature_outweighs(const struct ctx *c, const struct signer *sg,
    const struct detection *out)
{
	return sg->company != NULL && !squash_eq(out->company, sg->company) &&
	    strstr(c->m->subject, out->company) != NULL && times_written(c, out->company) == 1 &&
	    strstr(c->m->subject, sg->company) != NULL && !domain_named(c, out, out->company) &&
	    domain_named(c, out, sg->company) && FIND_ANY(c->plain, lex_client_words) == NULL;
}

/* An agency names its client: "our client, Brightline Insurance",
 * "nuestro cliente Copperline Systems", "notre client, le Groupe
 * Sodiver": the employer, whatever else the mail names. */
static char *client_company(const struct ctx *c)
{
	static const char *const articles[] = { "the ", "le ", "la ", "l'", "el ", "de ", "het ",
		"die ", "der ", "o ", "a " };
	static const char *const labels[] = { "client:", "cliente:", "klant:", "kunde:",
		"client :" };
	int budget = 16;

	/* a labelled line: "Client: Summit Mobile (Englewood, CO)" */
	for (size_t k = 0; k < ARRAY_LEN(labels); k++) {
		const char *p = c->llow;

		while ((p = strstr(p, labels[k])) != NULL && budget-- > 0) {
			size_t i = (size_t)(p - c->llow);
			size_t b = i;
			char *r;

			p += strlen(labels[k]);
			while (b > 0 && (c->llow[b - 1] == ' ' || c->llow[b - 1] == '\t'))
				b--;
			if (b > 0 && c->llow[b - 1] != '\n')
				continue;   /* not at a line's start */
			i += strlen(labels[k]);
			while (c->llow[i] == ' ')
				i++;
			if ((r = company_candidate(c, i)) != NULL)   /* text, llow: same offsets */
				return r;
		}
	}

	for (size_t k = 0; k < lex_client_words.n; k++) {
		const char *w = lex_client_words.w[k];
		size_t wl = strlen(w);

		if (w[wl - 1] == 's' && w[wl - 2] == '\'')
			continue;   /* "client's" */
		for (const char *p = c->low; (p = find_phrase(p, w)) != NULL && budget-- > 0; p += wl) {
			size_t i = (size_t)(p - c->low) + wl;
			char *r;

			while (c->text[i] == ',' || c->text[i] == ' ' || c->text[i] == ':')
				i++;
			/* "our client, a Series C payments business": in English
			 * "a" describes the client, it names none (Portuguese "a
			 * Natura" is "the") */
			if (strstr(w, "client") != NULL && strstr(w, "cliente") == NULL &&
			    (str_has_prefix(c->low + i, "a ") || str_has_prefix(c->low + i, "an ")))
				continue;
			for (size_t a = 0; a < ARRAY_LEN(articles); a++)
				if (strncmp(c->low + i, articles[a], strlen(articles[a])) == 0) {
					i += strlen(articles[a]);
					break;
				}
			if ((r = company_candidate(c, i)) == NULL)
				continue;
			/* "my client, Aurelle Beauty": an organisation, unless
			 * the mail knows a person by that name */
			if (!people_has(&c->known, r, NULL))
				return r;
			free(r);
		}
	}
	return NULL;
}

/* Is name the user's own employer (me.employer_domains)?  The mail may
 * speak of it ("I'm currently an analyst at Northwind Traders", the
 * user's own words quoted in a booking), but an interview is never at
 * it: the company of a thank-you must be the one the user met. */
static bool users_employer(const struct ctx *c, const char *name)
{
	for (size_t i = 0; name != NULL && i < c->o->n_employer_domains; i++) {
		char *at = xasprintf("x@%s", c->o->employer_domains[i]);
		bool r = org_matches_domain(name, at);

		free(at);
		if (r)
			return true;
	}
	return false;
}

/* name, or NULL (name freed) when it is the user's own employer or
 * holds the user's name ("Interview Niamh Okafor-Walsh", an event's
 * title), or is a word of it: no company the user meets. */
static char *not_employer(const struct ctx *c, char *name)
{
	if (users_employer(c, name) || (name != NULL && c->o->my_name != NULL &&
	    *c->o->my_name != '\0' && (str_casestr(name, c->o->my_name) != NULL ||
	    my_name_word(c, name)))) {
		free(name);
		return NULL;
	}
	return name;
}

/* "Wabash Street Capital Recruiting" where the mail also writes
 * "Wabash Street Capital" alone: the team's word (lex_display_tails) is
 * the hiring department's, no part of the company.  A firm named so
 * ("Brightpath Recruiting", never written without it) keeps it. */
static void drop_team_tail(const struct ctx *c, struct detection *out)
{
	size_t n, k, tl;
	char *shorter;

	if (out->company == NULL)
		return;
	n = strlen(out->company);
	for (k = 0; k < lex_display_tails.n; k++) {
		const char *t = lex_display_tails.w[k];

		tl = strlen(t);
		if (n > tl + 3 && strcasecmp(out->company + n - tl, t) == 0)
			break;
	}
	if (k == lex_display_tails.n)
		return;
	shorter = xstrndup(out->company, n - tl);
	for (const char *p = c->text; (p = strstr(p, shorter)) != NULL; p += n - tl) {
		const char *after = p + (n - tl);

		if ((p == c->text || !is_word_byte((unsigned char)p[-1])) &&
		    !is_word_byte((unsigned char)*after) &&
		    strncasecmp(after, lex_display_tails.w[k], tl) != 0) {
			free(out->company);
			out->company = shorter;
			return;
		}
	}
	free(shorter);
}

/* A name read in capitals ("tratados por BANCO DEL DUERO, S.A." in a
 * legal footer) as the mail also writes it in mixed case ("Banco del
 * Duero, S.A." in the signature); an acronym (five letters or fewer, one
 * word) stays as it is. */
static void mixed_case_company(const struct ctx *c, struct detection *out)
{
	size_t n;
	bool lower = false;

	if (out->company == NULL || (n = strlen(out->company)) <= 5)
		return;
	for (const char *p = out->company; *p && !lower; p++)
		lower = islower((unsigned char)*p);
	if (lower)
		return;
	for (const char *p = c->text; (p = str_casestr(p, out->company)) != NULL; p++) {
		bool mixed = false;

		for (size_t k = 0; k < n && !mixed; k++)
			mixed = islower((unsigned char)p[k]);
		if (mixed && (p == c->text || !is_word_byte((unsigned char)p[-1])) &&
		    !is_word_byte((unsigned char)p[n])) {
			free(out->company);
			out->company = xstrndup(p, n);
			return;
		}
	}
}

/* Is name an interviewer with an address (a person for sure), or the
 * first words of one's name ("Alicia" of "Alicia Ferraro")? */
static bool person_named(const struct detection *out, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < out->ninterviewers; i++) {
		const char *p = out->interviewers[i].name;

		if (p != NULL && out->interviewers[i].email != NULL && strncasecmp(p, name, n) == 0 &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
	}
	return false;
}

/* The organisation a notice labels ("Organisation: Thameside University
 * Hospitals NHS Foundation Trust", "Agency: Department of Veterans
 * Affairs - Veterans Health Administration"): its line's value, up to a
 * dash or a bar, of one to ten words, without its legal form; NULL when
 * none. */
static char *labelled_company(const struct ctx *c)
{
	const char *l = c->ltext;
	int lines = 0;

	while (*l != '\0' && lines++ < 4000) {
		size_t n = strcspn(l, "\n"), s = strspn(l, " \t*-\xe2\x80\xa2"), w;
		const char *colon = memchr(l, ':', n < 40 ? n : 40);

		/* a label starts its line (after a bullet), its colon next */
		for (size_t k = 0; colon != NULL && k < lex_company_labels.n; k++) {
			const char *lab = lex_company_labels.w[k];

			w = strlen(lab);
			if (s + w < n && strncasecmp(l + s, lab, w) == 0 &&
			    (l[s + w] == ':' || (l[s + w] == ' ' && l[s + w + 1] == ':'))) {
				size_t v = s + w + (l[s + w] == ' ') + 1, e;
				char *r;
				int words = 1;

				v += strspn(l + v, " \t");
				for (e = v; e < n && strncmp(l + e, " - ", 3) != 0 && strncmp(l + e, " | ", 3) != 0 &&
				    strncmp(l + e, " \xe2\x80\x93 ", 5) != 0 && l[e] != '('; e++)
					words += l[e] == ' ';
				if (e == v || words > 10 || !isupper((unsigned char)l[v]))
					break;
				r = clean_phrase(l + v, e - v);
				strip_legal(r);
				if (strpbrk(r, "0123456789@") == NULL && strstr(r, "http") == NULL && !bad_company(r) &&
				    !is_ats_name(r))
					return r;
				free(r);
				break;
			}
		}
		l += n + (l[n] == '\n');
	}
	return NULL;
}

bool agency_org(const char *org)
{
	char *low = lower_dup(org);
	bool r = FIND_ANY(low, lex_agency_names) != NULL;

	free(low);
	return r;
}

bool agency_company(const struct ctx *c, const char *company)
{
	return company != NULL && (agency_org(company) ||
	    (c->m->from.n > 0 && FIND_ANY(c->low, lex_agency_titles) != NULL &&
	    org_matches_domain(company, c->m->from.v[0].email)));
}

/* A chief's acronym after an organisation's name ("Seacoast Regional
 * CNO interview"): cut, in place. */
static void chief_cut(char *r)
{
	char *sp = strrchr(r, ' ');
	size_t n;

	if (sp == NULL)
		return;
	n = strlen(sp + 1);
	if (n >= 3 && n <= 4 && sp[1] == 'C' && sp[n] == 'O' && isupper((unsigned char)sp[2]))
		*sp = '\0';
}

/* An agency's mail whose subject names another organisation that its
 * text names too ("Offer! Kingwood Valve & Controls - Plant Operations
 * Manager" from Lone Pine Search Group): that organisation, its client.
 * NULL when none. */
static char *client_in_subject(const struct ctx *c, const char *agency)
{
	const char *subj = c->m->subject;

	for (size_t i = 0; subj[i] != '\0'; i++) {
		char *r, *low;
		size_t wl;
		bool ok;

		if ((i > 0 && is_word_byte((unsigned char)subj[i - 1])) || !capital_at(subj + i))
			continue;
		if ((r = cap_words(subj, i, 5)) == NULL)
			continue;
		chief_cut(r);
		low = lower_dup(r);
		/* no date ("Monday 7"), no field of a title ("Director, Supply
		 * Chain Operations"), no department */
		ok = strchr(r, ' ') != NULL && strpbrk(r, "0123456789") == NULL &&
		    weekday_at(low, &wl) < 0 && month_at(low, &wl) <= 0 &&
		    !(i >= 2 && subj[i - 2] == ',') && !department(r) &&
		    !agency_org(r) && !squash_eq(r, agency) &&
		    !has_job_noun(r) && !mail_word(low) && !has_keyword(c, low) &&
		    !looks_like_person_strict(r) && strstr(c->text, r) != NULL &&
		    !people_has(&c->known, r, NULL);
		free(low);
		if (ok)
			return r;
		/* past the words read (the loop's step takes the one after:
		 * never past the subject's end) */
		i += strlen(r) > 0 ? strlen(r) - 1 : 0;
		free(r);
	}
	return NULL;
}

/* Is name a part of the job's title, by its words ("the Bridges team",
 * "Senior Structural Engineer (Bridges)") or by their initials ("the CRU
 * team", "Manager, Clinical Research Unit")?  It names the job's field or
 * unit, not the employer: NULL then (name taken), else name. */
static char *unit_of_role(const struct detection *out, char *name)
{
	size_t n;
	bool part;

	if (name == NULL || out->role == NULL)
		return name;
	part = has_word_ci(out->role, name);
	n = strlen(name);
	if (!part && n >= 2 && n <= 5 && all_capitals(name)) {
		/* the initials of capitalised words in a row */
		for (const char *p = out->role; *p && !part; p++) {
			const char *q = p;
			size_t k = 0;

			if (p > out->role && p[-1] != ' ' && p[-1] != '(' && p[-1] != ',')
				continue;
			while (k < n && *q == name[k]) {
				k++;
				while (*q && *q != ' ')
					q++;
				while (*q == ' ')
					q++;
			}
			part = k == n;
		}
	}
	if (part) {
		free(name);
		return NULL;
	}
	return name;
}

/* The institution a line names from p to its end or its next separator
 * (",", "|", "(", ";"): capitalised, no digit (an address), at most eight
 * words, one of them a parent's ("Hartwell University School of Public
 * Health", "University of the Highveld"); its length, else 0. */
static size_t parent_at(const char *p)
{
	size_t n = strcspn(p, ",|(;\n"), words = 1;

	while (n > 0 && p[n - 1] == ' ')
		n--;
	if (n == 0 || !capital_at(p) || !lex_has_word(p, n, &lex_parent_words))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)p[i]))
			return 0;
		words += p[i] == ' ';
	}
	return words <= 8 ? n : 0;
}

/*
 * A unit of an organisation read as the company ("Department of
 * Biostatistics", "Faculty of Health Sciences"), where a line of the mail
 * names the institution it belongs to after it, past a comma or a bar
 * ("Department of Biostatistics | Hartwell University School of Public
 * Health", "Faculty of Medicine and Health Sciences, University of the
 * Boland"), or on the line below it: the job is with the institution.
 */
static void unit_parent(const struct ctx *c, struct detection *out)
{
	const char *p;
	size_t nl;
	int guard = 0;

	if (out->company == NULL || !lex_has_word(out->company, strlen(out->company), &lex_unit_words) ||
	    lex_has_word(out->company, strlen(out->company), &lex_parent_words))
		return;
	nl = strlen(out->company);
	for (p = c->ltext; (p = strstr(p, out->company)) != NULL && guard++ < 32; p += nl) {
		const char *q = p + nl;
		size_t n;

		if (p != c->ltext && is_word_byte((unsigned char)p[-1]))
			continue;
		while (*q == ' ')
			q++;
		if (*q == ',' || *q == '|')
			q++;
		else if (*q != '\n')
			continue;
		while (*q == ' ' || (*q == '\n' && q[-1] != '\n' && q[1] != '\n'))
			q++;
		if ((n = parent_at(q)) > 0) {
			free(out->company);
			out->company = xstrndup(q, n);
			return;
		}
	}
}

void fill_company(const struct ctx *c, struct signer *sg, struct detection *out)
{
	size_t i;

	sg->company = not_employer(c, sg->company);
	out->company = not_employer(c, forwarded_company(c));
	if (out->company == NULL)
		out->company = not_employer(c, labelled_company(c));
	if (out->company == NULL)
		out->company = not_employer(c, client_company(c));
	if (out->company == NULL)
		out->company = unit_of_role(out, not_employer(c, prose_company(c)));
	if (out->company == NULL) {
		out->company = not_employer(c, subject_company(c));
		/* "Invitation to interview: Matron – Acute Medicine": the
		 * job's title, not its employer */
		if (out->company != NULL && out->role != NULL &&
		    strncasecmp(out->role, out->company, strlen(out->company)) == 0 &&
		    !is_word_byte((unsigned char)out->role[strlen(out->company)])) {
			free(out->company);
			out->company = NULL;
		}
	}
	if (out->company != NULL && signature_outweighs(c, sg, out)) {
		free(out->company);
		out->company = sg->company;
		sg->company = NULL;
	}
	if (out->company == NULL) {
		out->company = not_employer(c, display_company(c));
		/* "NHS" of "NHS Jobs", the signature's "Thames Riverside NHS
		 * Foundation Trust": the same organisation written whole */
		if (out->company != NULL && sg->company != NULL && strlen(sg->company) > strlen(out->company) &&
		    strpbrk(sg->company, "().:;!?") == NULL && has_word_ci(sg->company, out->company)) {
			free(out->company);
			out->company = sg->company;
			sg->company = NULL;
		}
	}
	if (out->company == NULL) {
		out->company = not_employer(c, ats_company(c));
		/* "Fourthcoffee" from a URL, "Fourth Coffee" in the signature */
		if (out->company != NULL && sg->company != NULL && squash_eq(out->company, sg->company)) {
			free(out->company);
			out->company = sg->company;
			sg->company = NULL;
		}
	}
	if (out->company == NULL && sg->company != NULL && !intermediary_org(c, sg->company)) {
		out->company = sg->company;
		sg->company = NULL;
	}
	if (out->company == NULL && out->contact.email != NULL)
		out->company = not_employer(c, domain_company(out->contact.email));
	if (out->company == NULL && c->m->from.n > 0)
		out->company = not_employer(c, domain_company(c->m->from.v[0].email));
	for (i = 0; out->company == NULL && i < out->ninterviewers; i++) {
		if (out->interviewers[i].email != NULL)
			out->company = not_employer(c, domain_company(out->interviewers[i].email));
	}

	if (out->company != NULL) {
		char *w = not_employer(c, written_company(c, out->company, false));

		if (w != NULL) {
			free(out->company);
			out->company = w;
		}
		if ((w = not_employer(c, fuller_company(c, out->company))) != NULL) {
			free(out->company);
			out->company = w;
		}
	}
	/* a field's name the writer's address does not spell, where the
	 * signature names an organisation it does ("professionals in
	 * Powertrain & EV Engineering" read from the prose, "Coromandel Motors Ltd., Chennai" signed at
	 * coromandel-motors): the writer's own organisation is the
	 * employer, unless the writer places candidates with clients */
	if (out->company != NULL && sg->company != NULL &&
	    lex_has_word(out->company, strlen(out->company), &lex_departments) &&
	    !squash_eq(out->company, sg->company) &&
	    !domain_named(c, out, out->company) && domain_named(c, out, sg->company) &&
	    FIND_ANY(c->plain, lex_client_words) == NULL && !intermediary_org(c, sg->company) &&
	    !agency_org(sg->company) && !agency_company(c, sg->company)) {
		free(out->company);
		out->company = sg->company;
		sg->company = NULL;
	}
	/* "Interview: Rosalind <> Alicia Ferraro": a person met, by the
	 * given name or the whole, is no company; the signature's, else the
	 * writer's domain */
	if (out->company != NULL && person_named(out, out->company)) {
		free(out->company);
		out->company = NULL;
		if (sg->company != NULL && !person_named(out, sg->company)) {
			out->company = sg->company;
			sg->company = NULL;
		} else if (c->m->from.n > 0) {
			out->company = not_employer(c, domain_company(c->m->from.v[0].email));
		}
	}
	/* an agency's reading, when the subject names its client */
	if (agency_company(c, out->company)) {
		char *cl = not_employer(c, client_in_subject(c, out->company)), *w;

		if (cl != NULL) {
			free(out->company);
			out->company = cl;
			/* "Seacoast Regional" of the subject, "Seacoast Regional
			 * Medical Center" in the text */
			if ((w = not_employer(c, fuller_company(c, out->company))) != NULL) {
				free(out->company);
				out->company = w;
			}
		}
	}
	unit_parent(c, out);
	drop_team_tail(c, out);
	mixed_case_company(c, out);
	/* "Meridian Pearl Hotels &": an "&" whose other half was cut; and
	 * whatever source gave it, no legal form ("Tallowood Skincare Pty",
	 * made whole from the text): a thank-you names the company as
	 * people say it */
	if (out->company != NULL) {
		size_t n = strlen(out->company);

		while (n > 0 && (out->company[n - 1] == '&' || out->company[n - 1] == ' '))
			out->company[--n] = '\0';
		strip_legal(out->company);
		if (out->company[0] == '\0') {
			free(out->company);
			out->company = NULL;
		}
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
}

/* Where: the event's conference link, URL, location or description,
 * then the mail's links and text; a physical location from the event or
 * a "Location:" line. */
void fill_places(const struct ctx *c, struct detection *out)
{
	size_t i;

	if (c->ev != NULL) {
		for (i = 0; i < c->ev->nconference && out->meeting_url == NULL; i++)
			out->meeting_url = meeting_link(c->ev->conference[i]);
		if (out->meeting_url == NULL && c->ev->url != NULL)
			out->meeting_url = meeting_link(c->ev->url);
		if (out->meeting_url == NULL)
			out->meeting_url = first_meeting_in(c->ev->location);
		if (out->meeting_url == NULL)
			out->meeting_url = first_meeting_in(c->ev->description);
		out->event_uid = dup_or_null(c->ev->uid);
		if (c->ev->location != NULL && !virtual_place(c->ev->location))
			out->location = clean_phrase(c->ev->location, strlen(c->ev->location));
	}
	for (i = 0; i < c->m->nparts && out->meeting_url == NULL; i++) {
		size_t k;

		for (k = 0; k < c->m->parts[i].nlinks && out->meeting_url == NULL; k++)
			out->meeting_url = meeting_link(c->m->parts[i].links[k].url);
	}
	if (out->meeting_url == NULL)
		out->meeting_url = first_meeting_in(c->text);
	if (out->location == NULL)
		out->location = prose_location(c);
}
