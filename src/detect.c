/*
 * detect: what a mail means for the job search.  See detect.h for the
 * contract and the rules.  Everything here reads hostile text: every scan
 * is bounded by the string it walks, nothing is trusted to be well formed.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#include "detect.h"
#include "ics.h"
#include "message.h"
#include "parties.h"
#include "util.h"

#define MAX_TEXT      (256u * 1024)   /* prose we look at */
#define MAX_MENTIONS  256
#define MAX_PEOPLE    40
#define MAX_URLS      200

/* ---- word lists --------------------------------------------------------- */

/* Strong signs a mail or invite is about a job interview. */
static const char *const interview_words[] = {
	"interview", "interviews", "interviewing", "phone screen", "phone screening",
	"screening call", "screening interview", "technical screen", "tech screen",
	"recruiter call", "recruiter screen", "hiring manager", "onsite", "on-site",
	"final round", "coding challenge", "coding exercise", "take-home", "pair programming",
	"culture fit", "assessment centre", "assessment center", "meet the team",
	"intervju", "entretien", "haastattelu", "vorstellungsgespr",
};

/* Words that place a mail in a job search. */
static const char *const job_words[] = {
	"application", "applied", "applying", "position", "role", "candidate",
	"candidacy", "recruiter", "recruiting", "recruitment", "hiring", "job",
	"vacancy", "opening", "talent acquisition", "resume", "cv", "next steps",
	"references", "referees", "reference check", "offer", "onsite", "take-home",
};

static const char *const rejection_phrases[] = {
	"not to move forward", "not be moving forward", "not moving forward",
	"won't be moving forward", "will not be moving forward", "not to proceed",
	"not be proceeding", "decided to proceed with other", "move forward with other candidates",
	"moving forward with other candidates", "proceed with other candidates",
	"pursue other candidates", "decided to pursue", "regret to inform",
	"not been selected", "were not selected", "have not been successful",
	"not successful on this occasion", "unsuccessful on this occasion",
	"will not be progressing", "not be progressing", "not to progress",
	"no longer under consideration", "no longer being considered",
	"unable to offer you", "position has been filled", "role has been filled",
	"decided not to move forward", "closer match", "better match for",
	"more closely match", "not a fit at this time", "unfortunately, we will not",
	"unfortunately we will not", "we have decided to go with another",
	"gone with another candidate", "chosen another candidate",
	"selected another candidate", "not be offering you",
};

static const char *const offer_phrases[] = {
	"pleased to offer you", "happy to offer you", "delighted to offer you",
	"excited to offer you", "thrilled to offer you", "like to offer you",
	"offer you the position", "offer you the role", "offer letter",
	"extend an offer", "extend you an offer", "extending an offer",
	"offer of employment", "pleased to make you an offer", "make you an offer",
};

/* Only an offer when the mail does not also set up an interview. */
static const char *const offer_weak[] = {
	"job offer", "verbal offer", "formal offer", "written offer", "your offer",
};

static const char *const receipt_phrases[] = {
	"received your application", "receipt of your application",
	"thank you for applying", "thanks for applying", "thank you for your application",
	"thanks for your application", "application has been received",
	"application was received", "application has been submitted",
	"application was submitted", "application received", "successfully applied",
	"successfully submitted", "we got your application",
	"application is under review", "review your application",
};

static const char *const alert_phrases[] = {
	"job alert", "jobs you may be interested", "jobs you might be interested",
	"new jobs for you", "recommended jobs", "jobs matching", "jobs that match",
	"job recommendations", "new job matches", "jobs based on your",
	"similar jobs", "top job picks", "apply now to", "easy apply",
};

/* Marketing footers.  Not "you are receiving this email because": every
 * Google Calendar invitation and many ATS mails say that. */
static const char *const bulk_phrases[] = {
	"unsubscribe", "view in browser", "view this email in your browser",
	"manage your email preferences", "email preferences", "manage preferences",
	"newsletter", "update your preferences",
};

/* Not an interview even when the word is there. */
static const char *const event_not_interview[] = {
	"webinar", "workshop", "meetup", "conference talk", "live stream",
	"livestream", "masterclass", "info session", "information session",
	"career fair", "office hours", "dentist", "dental", "appointment with dr",
};

static const char *const cancel_words[] = {
	"cancelled", "canceled", "cancellation", "cancel", "called off",
	"no longer take place", "no longer going ahead",
};

/* Not a bare "reschedule": "if you need to reschedule" is in every
 * confirmation. */
static const char *const resched_words[] = {
	"rescheduled", "new time", "has been moved", "have been moved", "been changed",
	"time has changed", "updated invitation", "updated event", "change of time",
	"new date", "postponed", "invitation updated", "event updated",
	"moved your interview", "move your interview", "we need to reschedule",
	"we have to reschedule", "we had to reschedule", "we'd like to reschedule",
	"we would like to reschedule", "i need to reschedule", "i have to reschedule",
	"need to move your interview", "need to move the interview",
};

static const char *const final_phrases[] = {
	"final round", "final interview", "final stage", "final-round", "last round",
	"last stage", "last interview", "final step", "final conversation",
	"onsite", "on-site", "on site interview", "final call", "superday",
	"meet the ceo", "meet our ceo", "with our ceo", "with the ceo",
	"meet the founder", "meet our founder", "meet the founders", "meet our founders",
	"with our founder", "with the founder", "with our co-founder", "with the co-founder",
	"meet the cto", "meet our cto", "with our cto", "last step",
};

/* ---- small string helpers ------------------------------------------------ */

static bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Does low (lower-case text) contain phrase as a whole word/phrase? */
static const char *find_phrase(const char *low, const char *phrase)
{
	const char *p = low;
	size_t n = strlen(phrase);

	if (n == 0)
		return NULL;
	while ((p = strstr(p, phrase)) != NULL) {
		bool left = p == low || !is_word_byte((unsigned char)p[-1]) ||
		    !is_word_byte((unsigned char)phrase[0]);
		bool right = !is_word_byte((unsigned char)p[n]) ||
		    !is_word_byte((unsigned char)phrase[n - 1]);

		if (left && right)
			return p;
		p++;
	}
	return NULL;
}

static const char *find_any(const char *low, const char *const *list, size_t n)
{
	size_t i;
	const char *best = NULL, *p;

	for (i = 0; i < n; i++) {
		if ((p = find_phrase(low, list[i])) != NULL && (best == NULL || p < best))
			best = p;
	}
	return best;
}

#define FIND_ANY(low, list) find_any((low), (list), ARRAY_LEN(list))

/* Case-insensitive whole-word search (ASCII). */
static bool has_word_ci(const char *s, const char *w)
{
	const char *p = s;
	size_t n = strlen(w);

	while ((p = str_casestr(p, w)) != NULL) {
		if ((p == s || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
			return true;
		p += n;
	}
	return false;
}

static char *lower_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");

	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

static bool str_ieq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* Equal ignoring case, blanks and punctuation. */
static bool squash_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

static char *dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Collapse blanks, trim, and drop surrounding quotes and punctuation. */
static char *clean_phrase(const char *s, size_t n)
{
	struct buf b = { 0 };
	bool space = false;
	size_t i;
	char *r;

	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		buf_addc(&b, (char)c);
	}
	r = buf_steal(&b);
	/* trailing punctuation and quotes */
	n = strlen(r);
	while (n > 0 && strchr(" .,;:!?\"'()[]-|*", r[n - 1]) != NULL)
		r[--n] = '\0';
	while (r[0] != '\0' && strchr(" ,;:\"'([*|-", r[0]) != NULL)
		memmove(r, r + 1, strlen(r));
	return r;
}

/* ---- addresses and people ----------------------------------------------- */

static const char *email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at ? at + 1 : "";
}

/* The user's own addresses (parties.h decides, as it decides robots). */
static bool is_me_email(const struct detect_opts *o, const char *email)
{
	return parties_is_mine(email, o->my_addresses, o->n_my_addresses);
}

static bool is_me_name(const struct detect_opts *o, const char *name)
{
	return name != NULL && o->my_name != NULL && *o->my_name != '\0' &&
	    strcasecmp(name, o->my_name) == 0;
}

/* "ada.brooks@x" -> "Ada Brooks"; NULL when the local part is not two or
 * three alphabetic words. */
static char *name_from_email(const char *email)
{
	const char *at = strchr(email, '@');
	struct buf b = { 0 };
	int words = 1;
	bool start = true;
	const char *p;

	if (at == NULL || at == email)
		return NULL;
	for (p = email; p < at; p++) {
		if (*p == '.' || *p == '_' || *p == '-') {
			if (start)
				goto bad;
			buf_addc(&b, ' ');
			words++;
			start = true;
			continue;
		}
		if (!isalpha((unsigned char)*p))
			goto bad;
		buf_addc(&b, start ? (char)toupper((unsigned char)*p) : (char)tolower((unsigned char)*p));
		start = false;
	}
	if (words < 2 || words > 3 || start)
		goto bad;
	return buf_steal(&b);
bad:
	buf_free(&b);
	return NULL;
}

/* A display name that is a person: 1-4 words, letters, no '@', not a
 * team name. */
static bool looks_like_person(const char *name)
{
	static const char *const team[] = {
		"team", "recruiting", "recruitment", "talent", "careers", "career", "jobs",
		"hiring", "hr", "people", "notifications", "calendar", "support", "via",
		"noreply", "no-reply", "room", "inc", "ltd", "llc", "gmbh", "group", "the",
		"acquisition", "human", "resources", "admin", "info", "service", "services",
	};
	char *low;
	int words = 0;
	bool ok = true;
	size_t i;

	if (name == NULL || *name == '\0' || strchr(name, '@') || strlen(name) > 80)
		return false;
	low = lower_dup(name);
	for (char *tok = low; *tok;) {
		char *e = tok;

		while (*e && *e != ' ')
			e++;
		if (e > tok) {
			char save = *e;

			*e = '\0';
			words++;
			for (i = 0; i < ARRAY_LEN(team); i++) {
				if (strcmp(tok, team[i]) == 0)
					ok = false;
			}
			for (char *q = tok; *q; q++) {
				if (isdigit((unsigned char)*q))
					ok = false;
			}
			*e = save;
		}
		tok = *e ? e + 1 : e;
	}
	free(low);
	return ok && words >= 1 && words <= 4;
}

/* Two or three words that are all name-like and none a company word
 * ("Lumen Labs" is not a person, "Ada Brooks" is).  Deliberately
 * conservative: only used to keep company names out. */
static bool looks_like_person_strict(const char *name)
{
	static const char *const org[] = { "labs", "bank", "toys", "inc", "group", "systems",
		"software", "technologies", "tech", "games", "studio", "studios", "health", "robotics",
		"capital", "partners", "solutions", "media", "digital", "ai", "io", "cloud", "data",
		"corporation", "corp", "company", "co", "industries", "traders", "coffee", "foods",
		"careers", "recruiting", "talent", "team", "hr", "jobs", "hiring", "analytics",
		"consulting", "services", "network", "networks", "security", "energy", "bio",
		"therapeutics", "pharma", "finance", "financial", "insurance", "motors", "airlines",
		"event", "name", "meeting", "call", "location", "time", "date", "interview", "office",
		"room", "google", "microsoft", "zoom", "teams", "join", "link", "details", "calendar",
		"invite", "invitation", "web", "conference", "video", "phone", "screen", "round",
		"hq", "building", "street", "floor", "campus", "please", "thanks", "thank", "hello",
		"dear", "hi", "best", "regards" };
	char *low;
	bool r;

	if (!looks_like_person(name) || strchr(name, ' ') == NULL)
		return false;
	low = lower_dup(name);
	r = FIND_ANY(low, org) == NULL;
	free(low);
	return r;
}

/* "Ravi Menon via Greenhouse" -> "Ravi Menon"; also " (via X)", " from X",
 * " at X", " | X", and quotes.  Caller frees. */
static char *person_display(const char *name)
{
	static const char *const cuts[] = { " via ", " (via ", " from ", " at ", " | ", " - ", " @ " };
	char *r = xstrdup(name ? name : "");
	size_t i;

	for (i = 0; i < ARRAY_LEN(cuts); i++) {
		char *p = (char *)str_casestr(r, cuts[i]);

		if (p != NULL)
			*p = '\0';
	}
	{
		char *c = clean_phrase(r, strlen(r));

		free(r);
		r = c;
	}
	/* "Brooks, Ada" -> "Ada Brooks" */
	{
		char *comma = strchr(r, ',');

		if (comma != NULL && strchr(comma + 1, ',') == NULL && comma[1] == ' ') {
			char *s = xasprintf("%s %.*s", comma + 2, (int)(comma - r), r);

			free(r);
			r = s;
		}
	}
	return r;
}

struct people {
	struct detect_person v[MAX_PEOPLE];
	size_t n;
};

static bool people_has(const struct people *pl, const char *name, const char *email)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		if (email && pl->v[i].email && strcasecmp(email, pl->v[i].email) == 0)
			return true;
		if (name && pl->v[i].name && strcasecmp(name, pl->v[i].name) == 0)
			return true;
	}
	return false;
}

static void people_add(struct people *pl, const char *name, const char *email)
{
	size_t i;

	if (pl->n >= MAX_PEOPLE || ((name == NULL || !*name) && (email == NULL || !*email)))
		return;
	/* A name seen before without an address gets one now. */
	for (i = 0; i < pl->n; i++) {
		if (name && pl->v[i].name && strcasecmp(name, pl->v[i].name) == 0) {
			if (pl->v[i].email == NULL && email && *email)
				pl->v[i].email = xstrdup(email);
			return;
		}
		if (email && pl->v[i].email && strcasecmp(email, pl->v[i].email) == 0) {
			if (pl->v[i].name == NULL && name && *name)
				pl->v[i].name = xstrdup(name);
			return;
		}
	}
	pl->v[pl->n].name = dup_or_null(name);
	pl->v[pl->n].email = dup_or_null(email);
	pl->n++;
}

static void people_free(struct people *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].name);
		free(pl->v[i].email);
	}
	pl->n = 0;
}

/* ---- the working context ----------------------------------------------- */

struct ctx {
	const struct message *m;
	const struct detect_opts *o;
	struct ics_calendar *cal;
	const struct ics_event *ev;
	enum ics_method method;
	char *text;         /* the prose, hard-wrapped lines joined (see flatten) */
	char *low;          /* the same, ASCII lower-case (same offsets) */
	char *plain;        /* low with every URL blanked: for wording signals */
	char *ltext;        /* the prose with its line breaks (same offsets) */
	char *llow;
	char *subj_low;
	time_t ref;         /* reference time: Date, else opts->now */
	int ref_off;        /* sender's UTC offset, seconds */
	struct tm ref_tm;   /* reference date in the sender's offset */
	/* every address seen with its display name, for matching names */
	struct people known;
};

static bool has_keyword(const struct ctx *c, const char *low);
static bool has_job_noun(const char *phrase);

/* The sender's UTC offset from a Date header: the last [+-]hhmm token. */
static int date_offset(const char *raw)
{
	const char *p, *best = NULL;

	if (raw == NULL)
		return 0;
	for (p = raw; *p; p++) {
		if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    isdigit((unsigned char)p[4]) && !isdigit((unsigned char)p[5]))
			best = p;
	}
	if (best == NULL)
		return 0;
	{
		int h = (best[1] - '0') * 10 + (best[2] - '0');
		int m = (best[3] - '0') * 10 + (best[4] - '0');
		int off = h * 3600 + m * 60;

		if (h > 14 || m > 59)
			return 0;
		return best[0] == '-' ? -off : off;
	}
}

/* Append text to the haystack, cutting quoted replies ("> ...", "On ...
 * wrote:", "-----Original Message-----") unless keep_quotes. */
static void add_prose(struct buf *b, const char *s, bool keep_quotes)
{
	const char *line = s;

	if (s == NULL)
		return;
	while (*line && b->len < MAX_TEXT) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		const char *t = line;

		while (t < line + n && (*t == ' ' || *t == '\t'))
			t++;
		if (!keep_quotes) {
			if (*t == '>')
				goto next;
			if (str_case_has_prefix(t, "-----Original Message") ||
			    str_case_has_prefix(t, "----- Original Message"))
				break;
			if (n > 6 && n < 300 && str_case_has_prefix(t, "On ")) {
				/* "On Tue, 2 Mar 2027 at 10:00, Ada <ada@x> wrote:" */
				const char *w = line + n;

				while (w > t && isspace((unsigned char)w[-1]))
					w--;
				if (w - t > 6 && strncasecmp(w - 6, "wrote:", 6) == 0)
					break;
			}
		}
		buf_add(b, line, n);
		buf_addc(b, '\n');
next:
		if (e == NULL)
			break;
		line = e + 1;
	}
}

static void collect_text(struct ctx *c, const struct message *m, struct buf *b, int depth)
{
	char *body;
	bool fwd = str_case_has_prefix(m->subject, "fwd:") || str_case_has_prefix(m->subject, "fw:") ||
	    str_case_has_prefix(m->subject, "tr:") || str_case_has_prefix(m->subject, "wg:") ||
	    str_case_has_prefix(m->subject, "vb:") || str_case_has_prefix(m->subject, "vs:");
	size_t i;

	buf_adds(b, m->subject);
	buf_adds(b, "\n\n");
	body = message_body_text(m);
	add_prose(b, body, fwd);
	free(body);
	buf_adds(b, "\n\n");
	if (depth < 3) {
		for (i = 0; i < m->nattached; i++)
			collect_text(c, m->attached[i], b, depth + 1);
	}
}

/* First calendar part in m or its attached messages. */
static const struct msg_part *find_calendar(const struct message *m, int depth)
{
	size_t i;
	const struct msg_part *p;

	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].kind == MSG_PART_CALENDAR && m->parts[i].len > 0)
			return &m->parts[i];
	}
	if (depth < 3) {
		for (i = 0; i < m->nattached; i++) {
			if ((p = find_calendar(m->attached[i], depth + 1)) != NULL)
				return p;
		}
	}
	return NULL;
}

static void know_addrs(struct ctx *c, const struct msg_addr_list *l)
{
	size_t i;

	for (i = 0; i < l->n && c->known.n < MAX_PEOPLE; i++) {
		char *name;

		if (l->v[i].email[0] == '\0')
			continue;
		name = person_display(l->v[i].name);
		people_add(&c->known, looks_like_person(name) ? name : NULL, l->v[i].email);
		free(name);
	}
}

/* ---- dates and times in prose ------------------------------------------- */

static const char *const month_names[12][3] = {
	{ "january", "jan", NULL }, { "february", "feb", NULL }, { "march", "mar", NULL },
	{ "april", "apr", NULL }, { "may", NULL, NULL }, { "june", "jun", NULL },
	{ "july", "jul", NULL }, { "august", "aug", NULL }, { "september", "sep", "sept" },
	{ "october", "oct", NULL }, { "november", "nov", NULL }, { "december", "dec", NULL },
};

static const char *const weekday_names[7][3] = {
	{ "sunday", "sun", NULL }, { "monday", "mon", NULL }, { "tuesday", "tue", "tues" },
	{ "wednesday", "wed", NULL }, { "thursday", "thu", "thurs" }, { "friday", "fri", NULL },
	{ "saturday", "sat", NULL },
};

/* Word at p (lower-case) equal to w, followed by a non-letter. */
static bool word_at(const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncmp(p, w, n) == 0 && !isalpha((unsigned char)p[n]);
}

/* Month starting at p (at a word start): 1-12 and *len, else 0. */
static int month_at(const char *p, size_t *len)
{
	int i, j;

	for (i = 0; i < 12; i++) {
		for (j = 0; j < 3 && month_names[i][j]; j++) {
			if (word_at(p, month_names[i][j])) {
				*len = strlen(month_names[i][j]);
				if (p[*len] == '.')
					(*len)++;
				return i + 1;
			}
		}
	}
	return 0;
}

static int weekday_at(const char *p, size_t *len)
{
	int i, j;

	for (i = 0; i < 7; i++) {
		for (j = 0; j < 3 && weekday_names[i][j]; j++) {
			if (word_at(p, weekday_names[i][j])) {
				*len = strlen(weekday_names[i][j]);
				return i;
			}
		}
	}
	return -1;
}

struct date_m {
	size_t pos, end;
	int y, mo, d;     /* y 0: no year; mo 0: relative (weekday or offset) */
	int wday;         /* weekday only: 0-6; else -1 */
	int rel_days;     /* "today" 0, "tomorrow" 1, else -1 */
};

struct time_m {
	size_t pos, end;
	int h, mi;            /* start, 24 h */
	int eh, emi;          /* end, -1 when no range */
	char zone[64];        /* IANA name or "" */
	int fixed_off;        /* seconds east, when zone is fixed: zone "fixed" */
	bool has_fixed;
};

/* Read 1-2 digits of a day with optional ordinal suffix at p. */
static int day_at(const char *p, size_t *len)
{
	int d = 0;
	size_t i = 0;

	while (i < 2 && isdigit((unsigned char)p[i]))
		d = d * 10 + (p[i++] - '0');
	if (i == 0 || isdigit((unsigned char)p[i]))
		return 0;
	if (strncmp(p + i, "st", 2) == 0 || strncmp(p + i, "nd", 2) == 0 ||
	    strncmp(p + i, "rd", 2) == 0 || strncmp(p + i, "th", 2) == 0)
		i += 2;
	if (isalpha((unsigned char)p[i]))
		return 0;
	*len = i;
	return d >= 1 && d <= 31 ? d : 0;
}

/* ", 2027" or " 2027" at p: the year and *len. */
static int year_at(const char *p, size_t *len)
{
	size_t i = 0;
	int y = 0, k;

	while (p[i] == ',' || p[i] == ' ')
		i++;
	for (k = 0; k < 4; k++) {
		if (!isdigit((unsigned char)p[i + k]))
			return 0;
		y = y * 10 + (p[i + k] - '0');
	}
	if (isdigit((unsigned char)p[i + 4]) || p[i + 4] == ':' || (p[i + 4] == '.' && isdigit((unsigned char)p[i + 5])))
		return 0;
	if (y < 1990 || y > 2100)
		return 0;
	*len = i + 4;
	return y;
}

static size_t skip_blank(const char *p, size_t i)
{
	while (p[i] == ' ' || p[i] == '\t' || p[i] == ',')
		i++;
	return i;
}

/* Numeric dates: 2027-03-03, 03.06.2027, 03/06/2027 (day first unless
 * us_order), at low+i.  Returns length or 0. */
static size_t numeric_date_at(const char *s, size_t i, bool us_order, struct date_m *d)
{
	const char *p = s + i;
	int a = 0, b2 = 0, c3 = 0, na = 0, nb = 0, nc = 0;
	char sep;
	size_t k = 0;

	if (i > 0 && (isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == '/' || p[-1] == '-'))
		return 0;
	while (isdigit((unsigned char)p[k]) && na < 4) {
		a = a * 10 + (p[k++] - '0');
		na++;
	}
	sep = p[k];
	if (na == 0 || (sep != '-' && sep != '.' && sep != '/'))
		return 0;
	k++;
	while (isdigit((unsigned char)p[k]) && nb < 2) {
		b2 = b2 * 10 + (p[k++] - '0');
		nb++;
	}
	if (nb == 0 || p[k] != sep)
		return 0;
	k++;
	while (isdigit((unsigned char)p[k]) && nc < 4) {
		c3 = c3 * 10 + (p[k++] - '0');
		nc++;
	}
	if (nc == 0 || isdigit((unsigned char)p[k]))
		return 0;
	if (isalpha((unsigned char)p[k]) && !(p[k] == 't' && isdigit((unsigned char)p[k + 1])))
		return 0;
	if (na == 4 && sep == '-' && nc <= 2) {
		d->y = a;
		d->mo = b2;
		d->d = c3;
	} else if (na <= 2 && nc == 4) {
		d->y = c3;
		if (sep == '/' && us_order && a <= 12) {
			d->mo = a;
			d->d = b2;
		} else if (sep == '/' && b2 > 12 && a <= 12) {
			d->mo = a;
			d->d = b2;
		} else {
			d->d = a;
			d->mo = b2;
		}
	} else {
		return 0;
	}
	if (d->mo < 1 || d->mo > 12 || d->d < 1 || d->d > 31 || d->y < 1990 || d->y > 2100)
		return 0;
	return k;
}

/* Find the dates in low. */
static size_t find_dates(const char *low, bool us_order, struct date_m *out, size_t max)
{
	size_t i = 0, n = 0, len, l2;

	while (low[i] && n < max) {
		struct date_m d = { .wday = -1, .rel_days = -1 };
		bool start = i == 0 || !is_word_byte((unsigned char)low[i - 1]);
		int mo, day, wd;

		if (!start) {
			i++;
			continue;
		}
		if (isdigit((unsigned char)low[i])) {
			if ((len = numeric_date_at(low, i, us_order, &d)) > 0) {
				d.pos = i;
				d.end = i + len;
				out[n++] = d;
				i += len;
				continue;
			}
			/* "9 June", "9th of June", "4 March 2027" */
			if ((day = day_at(low + i, &len)) > 0) {
				size_t j = skip_blank(low, i + len);

				if (strncmp(low + j, "of ", 3) == 0)
					j += 3;
				if ((mo = month_at(low + j, &l2)) > 0) {
					d.d = day;
					d.mo = mo;
					j += l2;
					if ((d.y = year_at(low + j, &l2)) > 0)
						j += l2;
					d.pos = i;
					d.end = j;
					out[n++] = d;
					i = j;
					continue;
				}
			}
			while (isdigit((unsigned char)low[i]))
				i++;
			continue;
		}
		if ((mo = month_at(low + i, &len)) > 0) {
			/* "June 9", "March 3rd, 2027", "Mar. 3" */
			size_t j = skip_blank(low, i + len);

			if (strncmp(low + j, "the ", 4) == 0)
				j += 4;
			if ((day = day_at(low + j, &l2)) > 0 && !(low[j + l2] == ':' || (low[j + l2] == '.' && isdigit((unsigned char)low[j + l2 + 1])))) {
				d.d = day;
				d.mo = mo;
				j += l2;
				if ((d.y = year_at(low + j, &l2)) > 0)
					j += l2;
				d.pos = i;
				d.end = j;
				out[n++] = d;
				i = j;
				continue;
			}
			i += len;
			continue;
		}
		if ((wd = weekday_at(low + i, &len)) >= 0) {
			size_t j = skip_blank(low, i + len);

			/* "Tuesday the 9th of June": the date follows */
			if (strncmp(low + j, "the ", 4) == 0) {
				size_t k = j + 4;

				if ((day = day_at(low + k, &l2)) > 0) {
					k = skip_blank(low, k + l2);
					if (strncmp(low + k, "of ", 3) == 0)
						k += 3;
					if ((mo = month_at(low + k, &l2)) > 0) {
						k += l2;
						d.d = day;
						d.mo = mo;
						if ((d.y = year_at(low + k, &l2)) > 0)
							k += l2;
						d.pos = i;
						d.end = k;
						out[n++] = d;
						i = k;
						continue;
					}
				}
			}
			/* A weekday right before an explicit date is part of it. */
			if (isdigit((unsigned char)low[j]) || month_at(low + j, &l2) > 0) {
				i = j;
				continue;
			}
			if (len >= 6) {   /* only full names alone: "mon" is too common */
				d.wday = wd;
				d.pos = i;
				d.end = i + len;
				out[n++] = d;
			}
			i += len;
			continue;
		}
		if (word_at(low + i, "tomorrow") || word_at(low + i, "today")) {
			d.rel_days = low[i] == 't' && low[i + 1] == 'o' && low[i + 2] == 'm' ? 1 : 0;
			d.pos = i;
			d.end = i + (d.rel_days ? 8 : 5);
			out[n++] = d;
			i = d.end;
			continue;
		}
		i++;
	}
	return n;
}

struct zone_abbr {
	const char *abbr;
	const char *zone;
	bool exact_case;     /* must be written in capitals */
};

static const struct zone_abbr zone_abbrs[] = {
	{ "BST", "Europe/London", true }, { "GMT", "Europe/London", true },
	{ "UTC", "UTC", true }, { "Z", NULL, true },
	{ "CET", "Europe/Berlin", true }, { "CEST", "Europe/Berlin", true },
	{ "MEZ", "Europe/Berlin", true }, { "MESZ", "Europe/Berlin", true },
	{ "EET", "Europe/Helsinki", true }, { "EEST", "Europe/Helsinki", true },
	{ "WET", "Europe/Lisbon", true }, { "WEST", "Europe/Lisbon", true },
	{ "ET", "America/New_York", true }, { "EST", "America/New_York", true },
	{ "EDT", "America/New_York", true }, { "CT", "America/Chicago", true },
	{ "CST", "America/Chicago", true }, { "CDT", "America/Chicago", true },
	{ "MT", "America/Denver", true }, { "MST", "America/Denver", true },
	{ "MDT", "America/Denver", true }, { "PT", "America/Los_Angeles", true },
	{ "PST", "America/Los_Angeles", true }, { "PDT", "America/Los_Angeles", true },
	{ "AKST", "America/Anchorage", true }, { "HST", "Pacific/Honolulu", true },
	{ "IST", "Asia/Kolkata", true }, { "JST", "Asia/Tokyo", true },
	{ "KST", "Asia/Seoul", true }, { "SGT", "Asia/Singapore", true },
	{ "HKT", "Asia/Hong_Kong", true }, { "AEST", "Australia/Sydney", true },
	{ "AEDT", "Australia/Sydney", true }, { "NZST", "Pacific/Auckland", true },
	{ "NZDT", "Pacific/Auckland", true }, { "MSK", "Europe/Moscow", true },
	{ "BRT", "America/Sao_Paulo", true }, { "GST", "Asia/Dubai", true },
	{ "pacific", "America/Los_Angeles", false }, { "eastern", "America/New_York", false },
	{ "central european", "Europe/Berlin", false }, { "central", "America/Chicago", false },
	{ "mountain", "America/Denver", false }, { "uk time", "Europe/London", false },
	{ "london time", "Europe/London", false }, { "british", "Europe/London", false },
	{ "berlin time", "Europe/Berlin", false }, { "paris time", "Europe/Paris", false },
	{ "amsterdam time", "Europe/Amsterdam", false }, { "stockholm time", "Europe/Stockholm", false },
	{ "helsinki time", "Europe/Helsinki", false }, { "new york time", "America/New_York", false },
	{ "india", "Asia/Kolkata", false }, { "singapore time", "Asia/Singapore", false },
	{ "sydney time", "Australia/Sydney", false }, { "tokyo time", "Asia/Tokyo", false },
};

/* A zone written at text+i (after a time).  Fills t->zone / fixed. */
static void zone_after(const char *text, const char *low, size_t i, struct time_m *t)
{
	size_t k;

	i = skip_blank(text, i);
	/* Outlook's "(UTC+01:00) Amsterdam, Berlin, ..." names the zone */
	if (text[i] == '(' && (strncmp(text + i + 1, "UTC", 3) == 0 || strncmp(text + i + 1, "GMT", 3) == 0)) {
		size_t n = strcspn(text + i, "\n");
		char *label = xstrndup(text + i, n > 120 ? 120 : n);
		const char *z = ics_zone_resolve(label);

		free(label);
		if (z != NULL && strchr(z, '/') != NULL && strncmp(z, "Etc/", 4) != 0) {
			snprintf(t->zone, sizeof(t->zone), "%s", z);
			return;
		}
	}
	if (text[i] == '(' || text[i] == '[')
		i++;
	i = skip_blank(text, i);
	/* "GMT+1", "UTC+01:00", "GMT -5" */
	if ((strncmp(text + i, "GMT", 3) == 0 || strncmp(text + i, "UTC", 3) == 0)) {
		size_t j = i + 3;
		int sign, h = 0, mi = 0, nd = 0;

		while (text[j] == ' ')
			j++;
		if (text[j] == '+' || text[j] == '-' || (strncmp(text + j, "\xe2\x88\x92", 3) == 0)) {
			sign = text[j] == '+' ? 1 : -1;
			j += text[j] == '+' || text[j] == '-' ? 1 : 3;
			while (isdigit((unsigned char)text[j]) && nd < 2) {
				h = h * 10 + (text[j++] - '0');
				nd++;
			}
			if (text[j] == ':' && isdigit((unsigned char)text[j + 1]) && isdigit((unsigned char)text[j + 2])) {
				mi = (text[j + 1] - '0') * 10 + (text[j + 2] - '0');
			} else if (nd == 2 && isdigit((unsigned char)text[j]) && isdigit((unsigned char)text[j + 1])) {
				mi = (text[j] - '0') * 10 + (text[j + 1] - '0');
			}
			if (nd > 0 && h <= 14 && mi < 60) {
				t->has_fixed = true;
				t->fixed_off = sign * (h * 3600 + mi * 60);
				if (mi == 0 && h != 0)
					snprintf(t->zone, sizeof(t->zone), "Etc/GMT%c%d", sign > 0 ? '-' : '+', h);
				else if (h == 0 && mi == 0)
					snprintf(t->zone, sizeof(t->zone), "UTC");
				return;
			}
		}
	}
	for (k = 0; k < ARRAY_LEN(zone_abbrs); k++) {
		const struct zone_abbr *z = &zone_abbrs[k];
		size_t n = strlen(z->abbr);
		bool hit = z->exact_case ? strncmp(text + i, z->abbr, n) == 0
		    : strncmp(low + i, z->abbr, n) == 0;

		if (!hit || isalpha((unsigned char)text[i + n]))
			continue;
		if (z->zone == NULL) {
			snprintf(t->zone, sizeof(t->zone), "UTC");
			return;
		}
		/* "ET" must not be the start of a word like "ETA": checked above */
		snprintf(t->zone, sizeof(t->zone), "%s", z->zone);
		return;
	}
}

/* One clock time at low+i: "10:30", "10.30am", "10am", "2 pm", "14h30",
 * "noon".  Returns length or 0; *h 0-23, *ampm 0 none, 1 am, 2 pm. */
static size_t clock_at(const char *low, size_t i, int *h, int *mi, int *ampm)
{
	const char *p = low + i;
	size_t k = 0;
	int hh = 0, mm = 0, nd = 0;
	bool has_min = false;

	*ampm = 0;
	if (word_at(p, "noon") || word_at(p, "midday")) {
		*h = 12;
		*mi = 0;
		*ampm = 2;
		return word_at(p, "noon") ? 4 : 6;
	}
	/* "2027-03-11T10:00" is fine, "v2.10" or "$10.50" is not a time */
	if (i > 0 && !(p[-1] == 't' && i > 1 && isdigit((unsigned char)p[-2])) &&
	    !(i >= 3 && (unsigned char)p[-3] == 0xe2 && (unsigned char)p[-2] == 0x80 &&
	    ((unsigned char)p[-1] == 0x93 || (unsigned char)p[-1] == 0x94)) &&
	    (isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == ':' ||
	    p[-1] == '$' || p[-1] == '/' || (unsigned char)p[-1] >= 0x80 || p[-1] == '+'))
		return 0;
	while (isdigit((unsigned char)p[k]) && nd < 3) {
		hh = hh * 10 + (p[k++] - '0');
		nd++;
	}
	if (nd == 0 || nd > 2)
		return 0;
	if ((p[k] == ':' || p[k] == '.' || p[k] == 'h') && isdigit((unsigned char)p[k + 1]) &&
	    isdigit((unsigned char)p[k + 2]) && !isdigit((unsigned char)p[k + 3])) {
		/* "03.06.2027" is a date, "1.5.2" a version */
		if ((p[k] == '.' || p[k] == ':') && (p[k + 3] == '.' || p[k + 3] == '/') && isdigit((unsigned char)p[k + 4]))
			return 0;
		mm = (p[k + 1] - '0') * 10 + (p[k + 2] - '0');
		k += 3;
		has_min = true;
		if (p[k] == ':' && isdigit((unsigned char)p[k + 1]) && isdigit((unsigned char)p[k + 2]))
			k += 3;   /* seconds */
	}
	{
		size_t j = k;

		while (p[j] == ' ')
			j++;
		if ((p[j] == 'a' || p[j] == 'p') && (p[j + 1] == 'm' || (p[j + 1] == '.' && p[j + 2] == 'm'))) {
			size_t l = p[j + 1] == 'm' ? 2 : 3;

			if (l == 3 && p[j + 3] == '.')
				l = 4;
			if (!isalpha((unsigned char)p[j + l])) {
				*ampm = p[j] == 'a' ? 1 : 2;
				k = j + l;
			}
		}
	}
	if (!has_min && *ampm == 0)
		return 0;
	if (isdigit((unsigned char)p[k]))
		return 0;
	if (*ampm != 0 && (hh < 1 || hh > 12))
		return 0;
	if (hh > 24 || mm > 59)
		return 0;
	if (*ampm == 2 && hh < 12)
		hh += 12;
	if (*ampm == 1 && hh == 12)
		hh = 0;
	*h = hh;
	*mi = mm;
	return k;
}

static size_t find_times(const char *text, const char *low, struct time_m *out, size_t max)
{
	size_t i = 0, n = 0, len;

	while (low[i] && n < max) {
		struct time_m t;
		int h, mi, ampm, h2, mi2, ampm2;
		size_t j, l2;

		if ((len = clock_at(low, i, &h, &mi, &ampm)) == 0) {
			/* "1-2pm": a bare hour that takes the end's am/pm */
			size_t k = i, nd = 0;
			int hh = 0;

			if (isdigit((unsigned char)low[i]) && (i == 0 || (!isalnum((unsigned char)low[i - 1]) &&
			    low[i - 1] != '.' && low[i - 1] != ':' && low[i - 1] != '/' && low[i - 1] != '+' &&
			    low[i - 1] != '$'))) {
				while (isdigit((unsigned char)low[k]) && nd < 3) {
					hh = hh * 10 + (low[k++] - '0');
					nd++;
				}
				while (low[k] == ' ')
					k++;
				if (nd <= 2 && hh >= 1 && hh <= 12 && (low[k] == '-' ||
				    strncmp(low + k, "\xe2\x80\x93", 3) == 0 || strncmp(low + k, "to ", 3) == 0)) {
					k += low[k] == '-' ? 1 : low[k] == 't' ? 3 : 3;
					while (low[k] == ' ')
						k++;
					if ((l2 = clock_at(low, k, &h2, &mi2, &ampm2)) > 0 && ampm2 != 0) {
						int start = ampm2 == 2 && hh < 12 ? hh + 12 : (ampm2 == 1 && hh == 12 ? 0 : hh);

						if (start * 60 > h2 * 60 + mi2)
							start = hh;   /* "11-1pm": 11 am */
						memset(&t, 0, sizeof(t));
						t.pos = i;
						t.h = start;
						t.mi = 0;
						t.eh = h2;
						t.emi = mi2;
						t.end = k + l2;
						zone_after(text, low, t.end, &t);
						out[n++] = t;
						i = k + l2;
						continue;
					}
				}
			}
			i++;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.pos = i;
		t.h = h;
		t.mi = mi;
		t.eh = t.emi = -1;
		j = i + len;
		/* A range: "1-2pm", "15:00-15:45", "10:30 to 11:15am", "–" */
		{
			size_t k = j;

			while (low[k] == ' ')
				k++;
			if (low[k] == '-' || strncmp(low + k, "to ", 3) == 0 ||
			    strncmp(low + k, "until ", 6) == 0 || strncmp(low + k, "till ", 5) == 0 ||
			    strncmp(low + k, "\xe2\x80\x93", 3) == 0 || strncmp(low + k, "\xe2\x80\x94", 3) == 0) {
				k += low[k] == '-' ? 1 : low[k] == 't' && low[k + 1] == 'o' ? 3 :
				    low[k] == 'u' ? 6 : low[k] == 't' ? 5 : 3;
				while (low[k] == ' ')
					k++;
				/* a bare hour "2pm" after "1-" */
				if ((l2 = clock_at(low, k, &h2, &mi2, &ampm2)) > 0 ||
				    (isdigit((unsigned char)low[k]) && (l2 = 0, 1))) {
					if (l2 == 0) {
						/* "1-2" without suffix: not a range we trust */
						goto single;
					}
					/* "1-2pm": the start takes the end's half of day */
					if (ampm == 0 && ampm2 != 0 && h < 12) {
						int alt = ampm2 == 2 ? h + 12 : h;

						if (alt <= h2)
							h = alt;
						t.h = h;
					}
					if (h2 * 60 + mi2 > t.h * 60 + t.mi) {
						t.eh = h2;
						t.emi = mi2;
						j = k + l2;
					}
				}
			}
		}
single:
		if (ampm == 0 && t.eh < 0 && len <= 2) {
			i += len;
			continue;
		}
		zone_after(text, low, j, &t);
		t.end = j;
		out[n++] = t;
		i = j;
	}
	return n;
}

/* Days in month. */
static int mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Resolve a date mention to y/m/d against the reference date. */
static bool resolve_date(const struct ctx *c, const struct date_m *d, int *y, int *mo, int *day)
{
	struct tm tm;
	time_t t;

	if (d->mo > 0) {
		*mo = d->mo;
		*day = d->d;
		if (d->y > 0) {
			*y = d->y;
		} else {
			*y = c->ref_tm.tm_year + 1900;
			if (d->mo < c->ref_tm.tm_mon + 1 ||
			    (d->mo == c->ref_tm.tm_mon + 1 && d->d < c->ref_tm.tm_mday))
				(*y)++;
		}
		return *day <= mdays(*y, *mo);
	}
	t = c->ref + c->ref_off;
	if (d->wday >= 0) {
		int ahead = (d->wday - c->ref_tm.tm_wday + 7) % 7;

		t += (time_t)(ahead == 0 ? 7 : ahead) * 86400;
	} else if (d->rel_days >= 0) {
		t += (time_t)d->rel_days * 86400;
	} else {
		return false;
	}
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*mo = tm.tm_mon + 1;
	*day = tm.tm_mday;
	return true;
}

/* Local wall clock in the zone of t (or the defaults) to UTC. */
static bool local_to_utc(const struct ctx *c, const struct time_m *t, int y, int mo, int d,
    int h, int mi, time_t *out, const char **zone_out)
{
	*zone_out = NULL;
	if (t->zone[0] != '\0' && ics_local_to_utc(t->zone, y, mo, d, h, mi, out) == 0) {
		*zone_out = t->zone;
		return true;
	}
	if (t->has_fixed) {
		struct tm tm = { 0 };

		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		*out = timegm(&tm) - t->fixed_off;
		return true;
	}
	if (c->o->timezone != NULL && ics_local_to_utc(c->o->timezone, y, mo, d, h, mi, out) == 0) {
		*zone_out = c->o->timezone;
		return true;
	}
	{
		struct tm tm = { 0 };

		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		*out = timegm(&tm) - c->ref_off;
	}
	return true;
}

/* Is pos on a line that quotes mail headers ("Sent: ...", or "Date: ..."
 * next to a "From:"/"Subject:" line) or a submission stamp? */
static bool header_line(const char *low, size_t pos)
{
	size_t s = pos, a, e;
	int k;

	/* header lines are short: far from a line start is prose */
	while (s > 0 && low[s - 1] != '\n' && pos - s < 200)
		s--;
	if (s > 0 && low[s - 1] != '\n')
		return false;
	while (low[s] == ' ' || low[s] == '*' || low[s] == '>')
		s++;
	if (str_has_prefix(low + s, "sent:") || str_has_prefix(low + s, "envoy") ||
	    str_has_prefix(low + s, "gesendet:") || str_has_prefix(low + s, "skickat:") ||
	    str_has_prefix(low + s, "l\xc3\xa4hetetty:") || str_has_prefix(low + s, "submitted") ||
	    str_has_prefix(low + s, "applied on") || str_has_prefix(low + s, "received:"))
		return true;
	if (!str_has_prefix(low + s, "date:") && !str_has_prefix(low + s, "datum:"))
		return false;
	/* a header block: From:/Subject:/To: within two lines either side */
	a = s;
	for (k = 0; k < 2 && a > 0; k++) {
		a--;
		while (a > 0 && low[a - 1] != '\n')
			a--;
	}
	e = s;
	for (k = 0; k < 3 && low[e]; k++) {
		e += strcspn(low + e, "\n");
		if (low[e])
			e++;
	}
	{
		char *blk = xstrndup(low + a, e - a);
		bool r = strstr(blk, "from:") != NULL || strstr(blk, "subject:") != NULL ||
		    strstr(blk, "\nto:") != NULL;

		free(blk);
		return r;
	}
}

static bool paragraph_between(const char *low, size_t a, size_t b)
{
	size_t i;

	if (a > b) {
		size_t t = a;

		a = b;
		b = t;
	}
	for (i = a; i < b; i++) {
		if (low[i] == '\n' && low[i + 1] == '\n')
			return true;
	}
	return false;
}

static void sentence_of(const char *low, size_t pos, size_t *s, size_t *e);

/* A length written in the sentence around pos ("(90 minutes)", "a
 * 30-minute call", "for an hour"), in minutes; 0 when none. */
static int duration_near(const char *low, size_t pos)
{
	size_t s, e, i;

	sentence_of(low, pos, &s, &e);
	if (e > s + 400)
		e = s + 400;
	for (i = s; i < e; i++) {
		int n = -1;
		size_t j = i;

		if (i > 0 && is_word_byte((unsigned char)low[i - 1]))
			continue;
		if (str_has_prefix(low + i, "half an hour"))
			return 30;
		if (isdigit((unsigned char)low[i])) {
			n = 0;
			while (j < e && isdigit((unsigned char)low[j]) && n < 1000)
				n = n * 10 + (low[j++] - '0');
		} else if (word_at(low + i, "an") || word_at(low + i, "one")) {
			n = 1;
			j = i + (low[i] == 'a' ? 2 : 3);
		} else if (word_at(low + i, "two")) {
			n = 2;
			j = i + 3;
		} else {
			continue;
		}
		if (low[j] == '-' || low[j] == ' ')
			j++;
		if (str_has_prefix(low + j, "minute") || word_at(low + j, "min") || word_at(low + j, "mins")) {
			if (n >= 5 && n <= 480)
				return n;
		} else if (str_has_prefix(low + j, "hour") || word_at(low + j, "hr") || word_at(low + j, "hrs")) {
			if (n >= 1 && n <= 8)
				return n * 60;
		}
	}
	return 0;
}

struct prose_time {
	bool found;
	time_t start, end;
	bool has_end;
	char zone[64];
};

/* Does the line holding pos start with word (after blanks and "*")? */
static bool line_starts_with(const char *llow, size_t pos, const char *word)
{
	size_t s = pos;

	while (s > 0 && llow[s - 1] != '\n' && pos - s < 200)
		s--;
	while (llow[s] == ' ' || llow[s] == '*' || llow[s] == '\t')
		s++;
	return str_has_prefix(llow + s, word);
}

/* The first date + time pair in the prose: the interview time. */
static void prose_time(const struct ctx *c, struct prose_time *pt)
{
	struct date_m *dates = xcalloc(MAX_MENTIONS, sizeof(*dates));
	struct time_m *times = xcalloc(MAX_MENTIONS, sizeof(*times));
	bool us = false;
	size_t nd, nt, i, j;

	memset(pt, 0, sizeof(*pt));
	nt = find_times(c->text, c->low, times, MAX_MENTIONS);
	for (i = 0; i < nt; i++) {
		if (strncmp(times[i].zone, "America/", 8) == 0)
			us = true;
	}
	nd = find_dates(c->low, us, dates, MAX_MENTIONS);
	for (i = 0; i < nt && !pt->found; i++) {
		const struct time_m *t = &times[i];
		const struct date_m *best = NULL;
		size_t bestdist = SIZE_MAX;
		int y, mo, d;
		const char *zone;

		if (header_line(c->llow, t->pos))
			continue;
		for (j = 0; j < nd; j++) {
			const struct date_m *dm = &dates[j];
			size_t dist;

			if (dm->end <= t->pos)
				dist = t->pos - dm->end;
			else if (dm->pos >= t->end)
				dist = (dm->pos - t->end) + 20;  /* a date after the time: a bit further */
			else
				continue;
			if (dist > 80 || paragraph_between(c->low, dm->pos, t->pos))
				continue;
			/* a weekday alone only right next to the time */
			if (dm->mo == 0 && dist > 30)
				continue;
			if (dist < bestdist) {
				bestdist = dist;
				best = dm;
			}
		}
		if (best == NULL || !resolve_date(c, best, &y, &mo, &d))
			continue;
		/* "09:30 - Monday, March 8, 2027 (Central European Time)" */
		if (t->zone[0] == '\0' && !t->has_fixed && best->end > t->end) {
			struct time_m tz2 = *t;

			zone_after(c->text, c->low, best->end, &tz2);
			times[i] = tz2;
			t = &times[i];
		}
		/* "11:00am Wed, Mar 10" in the subject, "11:00am ... (Eastern
		 * Time)" in the body: the same time, once with its zone */
		if (t->zone[0] == '\0' && !t->has_fixed) {
			for (j = 0; j < nt; j++) {
				if (j != i && times[j].h == t->h && times[j].mi == t->mi &&
				    (times[j].zone[0] != '\0' || times[j].has_fixed)) {
					struct time_m tz3 = *t;

					memcpy(tz3.zone, times[j].zone, sizeof(tz3.zone));
					tz3.has_fixed = times[j].has_fixed;
					tz3.fixed_off = times[j].fixed_off;
					times[i] = tz3;
					t = &times[i];
					break;
				}
			}
			/* or the zone written after the date of that other mention */
			for (j = 0; j < nt && t->zone[0] == '\0' && !t->has_fixed; j++) {
				size_t k3;

				if (j == i || times[j].h != t->h || times[j].mi != t->mi)
					continue;
				for (k3 = 0; k3 < nd; k3++) {
					if (dates[k3].pos >= times[j].end && dates[k3].pos - times[j].end < 20) {
						struct time_m tz4 = *t;

						zone_after(c->text, c->low, dates[k3].end, &tz4);
						if (tz4.zone[0] != '\0' || tz4.has_fixed) {
							times[i] = tz4;
							t = &times[i];
						}
						break;
					}
				}
			}
		}
		if (!local_to_utc(c, t, y, mo, d, t->h == 24 ? 23 : t->h, t->mi, &pt->start, &zone))
			continue;
		pt->found = true;
		if (zone != NULL)
			snprintf(pt->zone, sizeof(pt->zone), "%s", zone);
		if (t->eh >= 0) {
			const char *z2;
			int last_end = t->eh * 60 + t->emi;
			size_t k2, prev_end = t->end;

			/* A schedule: "09:30 - 10:15 Ada", "10:15 - 11:00 Tom" on the
			 * following lines of the same day ends with the last slot. */
			for (k2 = i + 1; k2 < nt; k2++) {
				const struct time_m *n2 = &times[k2];
				bool date_between = false;

				for (j = 0; j < nd; j++) {
					if (dates[j].pos >= prev_end && dates[j].pos < n2->pos)
						date_between = true;
				}
				if (n2->eh < 0 || date_between || paragraph_between(c->ltext, prev_end, n2->pos) ||
				    n2->pos - prev_end > 200 || n2->h * 60 + n2->mi < last_end ||
				    n2->eh * 60 + n2->emi <= last_end || n2->eh * 60 + n2->emi - (t->h * 60 + t->mi) > 12 * 60)
					break;
				last_end = n2->eh * 60 + n2->emi;
				prev_end = n2->end;
			}
			local_to_utc(c, t, y, mo, d, last_end / 60 == 24 ? 23 : last_end / 60, last_end % 60,
			    &pt->end, &z2);
			pt->has_end = pt->end > pt->start;
		} else {
			int mins = duration_near(c->low, t->pos);

			if (mins > 0) {
				pt->end = pt->start + (time_t)mins * 60;
				pt->has_end = true;
			} else if (i + 1 < nt && times[i + 1].pos - t->end < 200 &&
			    line_starts_with(c->llow, times[i + 1].pos, "end")) {
				/* "Start: ... / End: 2027-03-18T17:00:00Z" */
				const struct time_m *t2 = &times[i + 1];
				const struct date_m *d2 = NULL;
				int y2 = y, mo2 = mo, dd2 = d;
				const char *z2;

				for (j = 0; j < nd; j++) {
					if (dates[j].end <= t2->pos && t2->pos - dates[j].end < 30 &&
					    dates[j].pos > t->end)
						d2 = &dates[j];
				}
				if (d2 == NULL || resolve_date(c, d2, &y2, &mo2, &dd2)) {
					local_to_utc(c, t2, y2, mo2, dd2, t2->h == 24 ? 23 : t2->h, t2->mi, &pt->end, &z2);
					pt->has_end = pt->end > pt->start && pt->end - pt->start < 86400;
				}
			}
		}
	}
	free(dates);
	free(times);
}

/* ---- decision date -------------------------------------------------------- */

static void ymd_add_days(int *y, int *mo, int *d, int days)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = *y - 1900;
	tm.tm_mon = *mo - 1;
	tm.tm_mday = *d + days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*mo = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

static int wday_of(int y, int mo, int d)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm.tm_wday;
}

static void add_business_days(int *y, int *mo, int *d, int n)
{
	while (n > 0) {
		int w;

		ymd_add_days(y, mo, d, 1);
		w = wday_of(*y, *mo, *d);
		if (w != 0 && w != 6)
			n--;
	}
}

static const char *const decision_words[] = {
	"get back to you", "get back to", "hear back", "hear from us", "decision",
	"let you know", "update you", "be in touch", "follow up", "feedback",
	"respond", "reach out", "next steps", "outcome", "an update", "come back to you",
	"revert", "inform you",
};

static int small_number(const char *p, size_t *len)
{
	static const char *const words[] = { "zero", "one", "two", "three", "four", "five",
		"six", "seven", "eight", "nine", "ten", "a", "a couple of", "a few" };
	static const int vals[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3 };
	size_t i;

	if (isdigit((unsigned char)p[0])) {
		int v = 0;

		i = 0;
		while (isdigit((unsigned char)p[i]) && i < 3)
			v = v * 10 + (p[i++] - '0');
		*len = i;
		return v;
	}
	for (i = ARRAY_LEN(words); i-- > 0;) {
		if (word_at(p, words[i])) {
			*len = strlen(words[i]);
			return vals[i];
		}
	}
	return -1;
}

/* Sentence bounds around pos. */
static void sentence_of(const char *low, size_t pos, size_t *s, size_t *e)
{
	size_t a = pos, b = pos;

	while (a > 0 && low[a - 1] != '.' && low[a - 1] != '!' && low[a - 1] != '?' &&
	    !(low[a - 1] == '\n' && a >= 2 && low[a - 2] == '\n') && pos - a < 300)
		a--;
	while (low[b] && low[b] != '!' && low[b] != '?' && !(low[b] == '.' && !isdigit((unsigned char)low[b + 1])) &&
	    !(low[b] == '\n' && low[b + 1] == '\n') && b - pos < 300)
		b++;
	*s = a;
	*e = b;
}

/* The first of words[0..n) standing at p as a whole word: its length (the
 * offset to go on from, never past what matched), or 0. */
static size_t word_of(const char *p, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (word_at(p, words[k]))
			return strlen(words[k]);
	return 0;
}

/* base: the day relative promises count from ("within 3 days"): the
 * interview's day when the mail announces one still to come, else the
 * mail's day.  Explicit dates ("by 2 March") ignore it. */
static bool decision_by(const struct ctx *c, const struct tm *base, char *out, size_t outlen)
{
	const char *low = c->low;
	size_t i, k;
	int y0 = base->tm_year + 1900, m0 = base->tm_mon + 1, d0 = base->tm_mday;

	int budget = 64;   /* hostile text may repeat "decision" a million times */

	for (k = 0; k < ARRAY_LEN(decision_words); k++) {
		const char *p = low;

		while ((p = find_phrase(p, decision_words[k])) != NULL && budget-- > 0) {
			size_t s, e, pos = (size_t)(p - low);
			int y = y0, mo = m0, d = d0;
			bool ok = false;
			char *sent;

			p += strlen(decision_words[k]);
			if (header_line(c->llow, pos))
				continue;
			sentence_of(low, pos, &s, &e);
			sent = xstrndup(low + s, e - s);
			/* the words after the promise first ("... with a decision
			 * early next week"), then the ones before it */
			for (size_t step = 0, from = pos - s, slen = strlen(sent); step < slen && !ok; step++) {
				static const char *const until[] = { "by", "before", "on", "until" };
				static const char *const within[] = { "within", "in the next", "over the next", "in" };
				static const char *const workdays[] = { "business", "working" };
				size_t l, l2, wl;
				int n;

				i = from + step < slen ? from + step : step - (slen - from);

				if (i > 0 && is_word_byte((unsigned char)sent[i - 1]))
					continue;
				if ((wl = word_of(sent + i, until, ARRAY_LEN(until))) > 0) {
					size_t j = i + wl;
					struct date_m dm[2];
					int wd;

					j = skip_blank(sent, j);
					if (strncmp(sent + j, "the end of ", 11) == 0 || strncmp(sent + j, "end of ", 7) == 0)
						continue;   /* handled below */
					if (find_dates(sent + j, false, dm, 1) == 1 && dm[0].pos == 0 && dm[0].mo > 0) {
						ok = resolve_date(c, &dm[0], &y, &mo, &d);
					} else if ((wd = weekday_at(sent + j, &l)) >= 0 && l >= 6) {
						int ahead = (wd - wday_of(y, mo, d) + 7) % 7;

						ymd_add_days(&y, &mo, &d, ahead == 0 ? 7 : ahead);
						ok = true;
					}
				} else if ((wl = word_of(sent + i, within, ARRAY_LEN(within))) > 0) {
					size_t j = i + wl;

					j = skip_blank(sent, j);
					if (strncmp(sent + j, "the next ", 9) == 0)
						j += 9;
					if ((n = small_number(sent + j, &l)) > 0 && n <= 60) {
						j = skip_blank(sent, j + l);
						if ((wl = word_of(sent + j, workdays, ARRAY_LEN(workdays))) > 0) {
							j = skip_blank(sent, j + wl);
							if (word_at(sent + j, "days") || word_at(sent + j, "day")) {
								add_business_days(&y, &mo, &d, n);
								ok = true;
							}
						} else if (word_at(sent + j, "days") || word_at(sent + j, "day")) {
							if (sent[j - 2] == 'w' || strstr(sent + i, "few") != NULL) {
								add_business_days(&y, &mo, &d, n);
							} else {
								ymd_add_days(&y, &mo, &d, n);
							}
							ok = true;
						} else if (word_at(sent + j, "weeks") || word_at(sent + j, "week")) {
							ymd_add_days(&y, &mo, &d, 7 * n);
							ok = true;
						}
					} else if (word_at(sent + j, "few days") || word_at(sent + j, "couple of days") ||
					    word_at(sent + j, "coming days")) {
						add_business_days(&y, &mo, &d, 3);
						ok = true;
					}
				} else if (str_has_prefix(sent + i, "end of the week") ||
				    str_has_prefix(sent + i, "end of this week") ||
				    str_has_prefix(sent + i, "end of week")) {
					int w = wday_of(y, mo, d);

					ymd_add_days(&y, &mo, &d, w == 6 ? 6 : (5 - w + 7) % 7);
					ok = true;
				} else if (str_has_prefix(sent + i, "early next week") ||
				    str_has_prefix(sent + i, "beginning of next week") ||
				    str_has_prefix(sent + i, "start of next week")) {
					int w = wday_of(y, mo, d);

					ymd_add_days(&y, &mo, &d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 2);
					ok = true;
				} else if (str_has_prefix(sent + i, "middle of next week") ||
				    str_has_prefix(sent + i, "mid next week") ||
				    str_has_prefix(sent + i, "midweek next week")) {
					int w = wday_of(y, mo, d);

					ymd_add_days(&y, &mo, &d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 3);
					ok = true;
				} else if (str_has_prefix(sent + i, "end of next week") ||
				    str_has_prefix(sent + i, "next week") ||
				    str_has_prefix(sent + i, "later next week")) {
					int w = wday_of(y, mo, d);

					ymd_add_days(&y, &mo, &d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 5);
					ok = true;
				} else if (str_has_prefix(sent + i, "end of the month") ||
				    str_has_prefix(sent + i, "end of this month")) {
					d = mdays(y, mo);
					ok = true;
				} else if (word_at(sent + i, "tomorrow")) {
					ymd_add_days(&y, &mo, &d, 1);
					ok = true;
				}
				(void)l2;
			}
			free(sent);
			if (ok) {
				snprintf(out, outlen, "%04d-%02d-%02d", y, mo, d);
				return true;
			}
		}
	}
	return false;
}

/* ---- URLs ------------------------------------------------------------------ */

static char *url_decode(const char *s, size_t n)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n + 1 && hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0) {
			int v = hex_value((unsigned char)s[i + 1]) * 16 + hex_value((unsigned char)s[i + 2]);

			if (v >= 0x20)
				buf_addc(&b, (char)v);
			i += 2;
		} else if (s[i] == '+') {
			buf_addc(&b, ' ');
		} else {
			buf_addc(&b, s[i]);
		}
	}
	return buf_steal(&b);
}

/* Host of url (lower-case) into buf; the path start in *path. */
static bool url_host(const char *url, char *host, size_t hlen, const char **path)
{
	const char *p = strstr(url, "://"), *e;
	size_t n;

	if (p == NULL)
		return false;
	p += 3;
	e = p + strcspn(p, "/?#");
	{
		const char *at = memchr(p, '@', (size_t)(e - p));

		if (at != NULL)
			p = at + 1;
	}
	n = (size_t)(e - p);
	{
		const char *colon = memchr(p, ':', n);

		if (colon != NULL)
			n = (size_t)(colon - p);
	}
	if (n == 0 || n >= hlen)
		return false;
	for (size_t i = 0; i < n; i++)
		host[i] = (char)tolower((unsigned char)p[i]);
	host[n] = '\0';
	*path = e;
	return true;
}

/* Value of query parameter name in url, decoded; NULL when absent. */
static char *query_param(const char *url, const char *name)
{
	const char *q = strchr(url, '?');
	size_t n = strlen(name);

	if (q == NULL)
		return NULL;
	q++;
	while (*q) {
		const char *e = q + strcspn(q, "&#");

		if ((size_t)(e - q) > n && strncasecmp(q, name, n) == 0 && q[n] == '=')
			return url_decode(q + n + 1, (size_t)(e - q) - n - 1);
		if (*e != '&')
			break;
		q = e + 1;
	}
	return NULL;
}

static bool host_is(const char *host, const char *domain)
{
	size_t hl = strlen(host), dl = strlen(domain);

	return strcmp(host, domain) == 0 ||
	    (hl > dl && host[hl - dl - 1] == '.' && strcmp(host + hl - dl, domain) == 0);
}

/* Unwrap Outlook safelinks, Google /url?q=, Proofpoint and other
 * redirectors; returns a new string. */
static char *url_unwrap(const char *url)
{
	char *cur = xstrdup(url);
	int round;

	for (round = 0; round < 5; round++) {
		char host[256];
		const char *path;
		char *inner = NULL;
		static const char *const params[] = { "url", "u", "q", "redirect", "redirect_url",
			"redirect_uri", "target", "dest", "destination", "link", "to" };
		size_t i;

		if (!url_host(cur, host, sizeof(host), &path))
			break;
		if (host_is(host, "urldefense.proofpoint.com") && (inner = query_param(cur, "u")) != NULL) {
			/* v2: "https-3A__host_path" */
			struct buf b = { 0 };

			for (i = 0; inner[i]; i++) {
				if (inner[i] == '-' && hex_value((unsigned char)inner[i + 1]) >= 0 &&
				    hex_value((unsigned char)inner[i + 2]) >= 0) {
					buf_addc(&b, (char)(hex_value((unsigned char)inner[i + 1]) * 16 +
					    hex_value((unsigned char)inner[i + 2])));
					i += 2;
				} else {
					buf_addc(&b, inner[i] == '_' ? '/' : inner[i]);
				}
			}
			free(inner);
			inner = buf_steal(&b);
		} else if (host_is(host, "urldefense.com") && strstr(path, "/v3/__") != NULL) {
			const char *s = strstr(path, "/v3/__") + 6;
			const char *e = strstr(s, "__;");

			inner = e ? xstrndup(s, (size_t)(e - s)) : NULL;
		} else {
			for (i = 0; i < ARRAY_LEN(params) && inner == NULL; i++) {
				char *v = query_param(cur, params[i]);

				if (v != NULL && (str_case_has_prefix(v, "https://") || str_case_has_prefix(v, "http://")))
					inner = v;
				else
					free(v);
			}
		}
		if (inner == NULL)
			break;
		free(cur);
		cur = inner;
	}
	return cur;
}

static bool tracking_param(const char *name, size_t n)
{
	static const char *const drop[] = { "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
		"_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "trk", "trkcampaign", "trackingid",
		"sa", "usg", "ved", "source", "ref_src", "igshid", "si", "oly_enc_id", "oly_anon_id",
		"vero_id", "_ga", "_gl", "cmpid", "campaign", "lipi", "midtoken", "midsig" };
	size_t i;

	if (n >= 4 && strncasecmp(name, "utm_", 4) == 0)
		return true;
	for (i = 0; i < ARRAY_LEN(drop); i++) {
		if (strlen(drop[i]) == n && strncasecmp(name, drop[i], n) == 0)
			return true;
	}
	return false;
}

/* A meeting link without tracking parameters, or NULL when url is not a
 * meeting service. */
static char *meeting_link(const char *raw)
{
	char *url = url_unwrap(raw), host[256];
	const char *path;
	struct buf b = { 0 };
	bool keep_query = true, zoom = false;
	const char *q;

	if (!url_host(url, host, sizeof(host), &path))
		goto no;
	if (host_is(host, "zoom.us") || host_is(host, "zoom.com") || host_is(host, "zoomgov.com")) {
		if (strstr(path, "/j/") == NULL && strstr(path, "/my/") == NULL &&
		    strstr(path, "/w/") == NULL && strstr(path, "/s/") == NULL)
			goto no;
		zoom = true;
	} else if (strcmp(host, "meet.google.com") == 0) {
		if (strlen(path) < 4 || strstr(path, "/_meet") != NULL || strncmp(path, "/new", 4) == 0)
			goto no;
		keep_query = false;
	} else if (host_is(host, "teams.microsoft.com") || host_is(host, "teams.live.com")) {
		if (strstr(path, "meetup-join") == NULL && strstr(path, "/meet/") == NULL &&
		    strstr(path, "/l/meet") == NULL)
			goto no;
	} else if (host_is(host, "webex.com")) {
		if (strstr(path, "j.php") == NULL && strstr(path, "/meet/") == NULL &&
		    strstr(path, "/join") == NULL && strstr(path, "/wbxmjs/") == NULL && strstr(path, "/m/") == NULL)
			goto no;
	} else if (host_is(host, "whereby.com") || host_is(host, "chime.aws") ||
	    host_is(host, "bluejeans.com") || host_is(host, "gotomeeting.com") ||
	    host_is(host, "gotomeet.me") || host_is(host, "around.co") || host_is(host, "meet.jit.si") ||
	    host_is(host, "hangouts.google.com") || host_is(host, "skype.com")) {
		if (strlen(path) < 2)
			goto no;
	} else {
		goto no;
	}
	/* rebuild: scheme://host/path?kept-params (no fragment) */
	q = strchr(url, '?');
	{
		size_t base = q ? (size_t)(q - url) : strcspn(url, "#");

		buf_add(&b, url, base);
	}
	if (q != NULL && keep_query) {
		const char *p = q + 1;
		bool first = true;

		while (*p && *p != '#') {
			const char *e = p + strcspn(p, "&#");
			const char *eq = memchr(p, '=', (size_t)(e - p));
			size_t nl = eq ? (size_t)(eq - p) : (size_t)(e - p);
			bool keep = !tracking_param(p, nl);

			if (zoom && !(nl == 3 && strncasecmp(p, "pwd", 3) == 0))
				keep = false;
			if (keep && e > p) {
				buf_addc(&b, first ? '?' : '&');
				buf_add(&b, p, (size_t)(e - p));
				first = false;
			}
			if (*e != '&')
				break;
			p = e + 1;
		}
	}
	free(url);
	return buf_steal(&b);
no:
	free(url);
	buf_free(&b);
	return NULL;
}

/* Every http(s) URL in s, each passed to fn until it returns true. */
static char *first_meeting_in(const char *s)
{
	const char *p = s;
	int count = 0;

	if (s == NULL)
		return NULL;
	while ((p = str_casestr(p, "http")) != NULL && count < MAX_URLS) {
		size_t n;
		char *u, *link;

		if (!str_case_has_prefix(p, "https://") && !str_case_has_prefix(p, "http://")) {
			p += 4;
			continue;
		}
		count++;
		n = strcspn(p, " \t\r\n<>\"'`[]{}|\\^");
		while (n > 0 && strchr(".,;:)!?*", p[n - 1]) != NULL)
			n--;
		u = xstrndup(p, n);
		link = meeting_link(u);
		free(u);
		if (link != NULL)
			return link;
		p += n > 0 ? n : 4;
	}
	return NULL;
}

/* ---- company ----------------------------------------------------------------- */

static const char *const not_company[] = {
	"the", "a", "an", "our", "your", "this", "that", "my", "their", "his", "her",
	"noon", "midnight", "am", "pm", "least", "all", "home", "work", "first", "last",
	"present", "least", "google meet", "zoom", "microsoft teams", "teams", "webex",
	"this time", "that time", "night", "any", "some", "once", "times", "it", "i",
	"we", "you", "us", "them", "one", "two", "interview", "interviews",
};

static bool bad_company(const char *name)
{
	size_t i, l;
	size_t mlen;

	if (name == NULL || *name == '\0' || strlen(name) > 60)
		return true;
	for (i = 0; i < ARRAY_LEN(not_company); i++) {
		if (strcasecmp(name, not_company[i]) == 0)
			return true;
	}
	if (month_at(name, &mlen) > 0 || weekday_at(name, &mlen) >= 0)
		return true;
	{
		char *low = lower_dup(name);
		bool bad = month_at(low, &mlen) > 0 || weekday_at(low, &mlen) >= 0;

		for (i = 0; i < ARRAY_LEN(zone_abbrs); i++) {
			if (strcmp(name, zone_abbrs[i].abbr) == 0)
				bad = true;
		}
		free(low);
		if (bad)
			return true;
	}
	l = strlen(name);
	return l < 2;
}

/* Up to 4 capitalised words starting at text+i ("Acme", "Acme Robotics",
 * "AT&T", "Initech Inc."); NULL when the first is not capitalised. */
static char *cap_words(const char *text, size_t i, int maxw)
{
	size_t j = i, end = i;
	int words = 0;

	while (text[j] && words < maxw) {
		size_t k = j;
		unsigned char c = (unsigned char)text[k];

		if (!(isupper(c) || isdigit(c) || (c >= 0xC3 && c <= 0xC5 && words > 0)))
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

/* Drop legal suffixes: "Acme Inc." -> "Acme". */
static void strip_legal(char *name)
{
	static const char *const sfx[] = { " Inc", " Inc.", " Ltd", " Ltd.", " LLC", " GmbH",
		" AB", " Oy", " SA", " S.A.", " plc", " PLC", " Corp.", " Limited", " AG", " B.V.", " BV" };
	size_t i, n;

	for (i = 0; i < ARRAY_LEN(sfx); i++) {
		n = strlen(name);
		if (n > strlen(sfx[i]) && strcmp(name + n - strlen(sfx[i]), sfx[i]) == 0)
			name[n - strlen(sfx[i])] = '\0';
	}
	n = strlen(name);
	while (n > 0 && (name[n - 1] == ',' || name[n - 1] == '.' || name[n - 1] == ' '))
		name[--n] = '\0';
}

/* "acme-robotics" -> "Acme Robotics". */
static char *slug_name(const char *s, size_t n)
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

/* The company an ATS URL or address names: acme.greenhouse.io,
 * boards.greenhouse.io/acme, jobs.lever.co/acme, acme.wd5.myworkdayjobs.com,
 * jobs.ashbyhq.com/acme, acme.bamboohr.com, apply.workable.com/acme ... */
static char *ats_company_of_url(const char *url)
{
	static const char *const generic[] = { "www", "boards", "job-boards", "jobs", "app",
		"api", "us", "eu", "hire", "careers", "apply", "my", "mail", "email", "em",
		"click", "links", "go", "url", "t", "info", "wd1", "wd2", "wd3", "wd5", "wd12",
		"impl", "mailer", "calendly", "greenhouse", "lever", "ashby", "support", "help" };
	static const char *const sub_hosts[] = { "greenhouse.io", "myworkdayjobs.com", "myworkday.com",
		"bamboohr.com", "workable.com", "icims.com", "recruitee.com", "teamtailor.com",
		"breezy.hr", "applytojob.com", "lever.co", "ashbyhq.com", "smartrecruiters.com",
		"jobvite.com", "personio.de", "personio.com", "pinpointhq.com" };
	static const char *const path_hosts[] = { "boards.greenhouse.io", "job-boards.greenhouse.io",
		"jobs.lever.co", "jobs.ashbyhq.com", "apply.workable.com", "jobs.smartrecruiters.com",
		"careers.smartrecruiters.com", "jobs.jobvite.com", "app.dover.com" };
	char host[256];
	const char *path;
	size_t i, j;

	if (!url_host(url, host, sizeof(host), &path))
		return NULL;
	for (i = 0; i < ARRAY_LEN(path_hosts); i++) {
		if (strcmp(host, path_hosts[i]) == 0 && path[0] == '/' && path[1] != '\0') {
			size_t n = strcspn(path + 1, "/?#");
			char *seg = xstrndup(path + 1, n), *r;

			for (j = 0; j < ARRAY_LEN(generic); j++) {
				if (strcasecmp(seg, generic[j]) == 0) {
					free(seg);
					return NULL;
				}
			}
			if (strcasecmp(seg, "embed") == 0 || strcasecmp(seg, "job_app") == 0 ||
			    strcasecmp(seg, "v1") == 0 || strcasecmp(seg, "candidate") == 0) {
				free(seg);
				return NULL;
			}
			r = slug_name(seg, strlen(seg));
			free(seg);
			return r;
		}
	}
	for (i = 0; i < ARRAY_LEN(sub_hosts); i++) {
		size_t hl = strlen(host), dl = strlen(sub_hosts[i]);

		if (hl > dl + 1 && host[hl - dl - 1] == '.' && strcmp(host + hl - dl, sub_hosts[i]) == 0) {
			/* first label, skipping "careers-" (iCIMS) */
			const char *lab = host;
			size_t n = strcspn(lab, ".");

			if (n > 8 && strncmp(lab, "careers-", 8) == 0) {
				lab += 8;
				n -= 8;
			}
			for (j = 0; j < ARRAY_LEN(generic); j++) {
				if (strlen(generic[j]) == n && strncmp(lab, generic[j], n) == 0)
					return NULL;
			}
			return slug_name(lab, n);
		}
	}
	return NULL;
}

static char *ats_company(const struct ctx *c)
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

/* Words before " at X" that make X an employer: "Engineer at Acme". */
static const char *const at_lead[] = {
	"position", "positions", "role", "roles", "job", "jobs", "opportunity", "opportunities",
	"interview", "interviews", "interviewing", "career", "careers", "team", "opening",
	"openings", "work", "working", "engineer", "engineering", "manager", "developer",
	"designer", "recruiter", "recruiting", "recruitment", "talent", "hiring", "internship",
	"vacancy", "lead", "partner", "scientist", "analyst", "specialist", "coordinator",
	"director", "officer", "head", "people", "acquisition", "process", "us", "colleagues",
	"staff", "founder", "co-founder", "ceo", "cto", "sourcer", "consultant", "architect",
	"intern", "application", "applications", "apply", "applying", "applied", "sre",
	"devops", "administrator", "associate", "representative", "executive", "product",
	"researcher", "programmer", "president", "vp", "here", "everyone",
};

static const char *const ats_names[] = {
	"Greenhouse", "Lever", "Workday", "Ashby", "SmartRecruiters", "Workable", "iCIMS",
	"Jobvite", "BambooHR", "Calendly", "LinkedIn", "Indeed", "Google", "Google Calendar",
	"Microsoft", "Outlook", "Zoom", "Teams", "Microsoft Teams", "Google Meet", "Webex",
	"Gmail", "Glassdoor", "Recruitee", "Teamtailor", "Personio", "GoodTime",
};

static bool is_ats_name(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(ats_names); i++) {
		if (strcasecmp(s, ats_names[i]) == 0)
			return true;
	}
	return false;
}

/* The word ending right before pos in low (lower-case), into w. */
static void word_before(const char *low, size_t pos, char *w, size_t wlen)
{
	size_t e = pos, s;

	while (e > 0 && low[e - 1] == ' ')
		e--;
	s = e;
	while (s > 0 && (isalnum((unsigned char)low[s - 1]) || low[s - 1] == '-'))
		s--;
	if (e - s >= wlen)
		s = e - (wlen - 1);
	memcpy(w, low + s, e - s);
	w[e - s] = '\0';
}

static char *company_candidate(const struct ctx *c, size_t at)
{
	char *r;

	if (!isupper((unsigned char)c->text[at]))
		return NULL;
	r = cap_words(c->text, at, 4);
	if (r == NULL)
		return NULL;
	strip_legal(r);
	if (bad_company(r) || is_ats_name(r) || is_me_name(c->o, r)) {
		free(r);
		return NULL;
	}
	return r;
}

/* The employer named in the prose: "Engineer at Acme", "interest in Acme",
 * "on behalf of Acme", "the Acme team", "join Acme".  Earliest wins. */
static char *prose_company(const struct ctx *c)
{
	static const char *const lead_in[] = { "interest in ", "on behalf of ", "interest in joining ",
		"welcome to ", "thank you for applying to ", "thanks for applying to ",
		"your application to ", "applied to ", "interviewing with ", "interview with ",
		"join ", "joining " };
	const char *low = c->low;
	char *best = NULL;
	size_t bestpos = SIZE_MAX, i;
	const char *p;

	/* Subject "Initech interview: ...", "Fabrikam interview cancelled" */
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
			static const char *const generic[] = { "Technical", "Final", "Phone", "Video",
				"Onsite", "On-site", "First", "Second", "Third", "Your", "Our", "Job",
				"Interview", "Virtual", "Panel", "Online", "Remote", "Follow-up", "Initial",
				"Next", "New", "The", "Screening", "Behavioral", "Coding", "System", "Design" };
			size_t g, rl = strlen(r);
			bool bad = !str_case_has_prefix(subj + k + rl, " interview") || bad_company(r) ||
			    is_ats_name(r);

			for (g = 0; g < ARRAY_LEN(generic) && !bad; g++) {
				if (str_case_has_prefix(r, generic[g]))
					bad = true;
			}
			if (!bad) {
				strip_legal(r);
				return r;
			}
			free(r);
		}
	}

	for (p = low; (p = find_phrase(p, "at")) != NULL; p += 2) {
		size_t pos = (size_t)(p - low);
		char w[32];
		char *r;

		if (pos >= bestpos)
			break;
		word_before(low, pos, w, sizeof(w));
		for (i = 0; i < ARRAY_LEN(at_lead); i++) {
			if (strcmp(w, at_lead[i]) == 0)
				break;
		}
		if (i == ARRAY_LEN(at_lead))
			continue;
		if ((r = company_candidate(c, pos + 3)) != NULL) {
			best = r;
			bestpos = pos;
			break;
		}
	}
	for (i = 0; i < ARRAY_LEN(lead_in); i++) {
		for (p = low; (p = strstr(p, lead_in[i])) != NULL; p++) {
			size_t pos = (size_t)(p - low);
			char *r;

			if (pos >= bestpos)
				break;
			if (pos > 0 && is_word_byte((unsigned char)low[pos - 1]))
				continue;
			/* "interview with Ada Brooks" names a person */
			if ((r = company_candidate(c, pos + strlen(lead_in[i]))) != NULL) {
				if (people_has(&c->known, r, NULL) || (strchr(r, ' ') && looks_like_person(r) &&
				    (str_has_prefix(lead_in[i], "interview")))) {
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
			/* "the Engineering team" is a department, not a company */
			static const char *const depts[] = { "Engineering", "Product", "Design", "Sales",
				"Marketing", "Data", "Platform", "Infrastructure", "Backend", "Frontend",
				"Recruiting", "Talent", "People", "Hiring", "HR", "Finance", "Legal",
				"Operations", "Security", "Support", "Research" };
			bool dept = false;

			for (i = 0; i < ARRAY_LEN(depts); i++) {
				if (strcasecmp(r, depts[i]) == 0)
					dept = true;
			}
			if (!dept) {
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

/* "Phone Interview - Fabrikam - Product Manager": in a subject made of
 * parts, one about the interview, the part that is a bare name. */
static char *subject_company(const struct ctx *c)
{
	static const char *const seps[] = { " - ", " | ", " \xe2\x80\x93 ", ": ", " / ", " @ " };
	const char *subj = c->m->subject;
	char *parts[8];
	bool label[8];   /* the part ended with ": ": "Invitation:", "Einladung:" */
	size_t np = 0, i, k;
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

		if (has_keyword(c, low) || strstr(low, "invitation") || strstr(low, "schedul") ||
		    strstr(low, "next step") || strstr(low, "application") || strstr(low, "offer") ||
		    strstr(low, "follow") || strstr(low, "update") || strstr(low, "candidacy"))
			about = true;
		free(low);
	}
	for (i = 0; about && r == NULL && i < np; i++) {
		char *low = lower_dup(parts[i]);
		char *w = cap_words(parts[i], 0, 3);

		if (w != NULL && !label[i] && strcmp(w, parts[i]) == 0 && !has_keyword(c, low) && !has_job_noun(parts[i]) &&
		    strstr(low, "invitation") == NULL && strstr(low, "schedul") == NULL &&
		    strstr(low, "confirm") == NULL && strstr(low, "next step") == NULL &&
		    strstr(low, "update") == NULL && strstr(low, "follow") == NULL &&
		    strstr(low, "application") == NULL && !bad_company(w) && !is_ats_name(w) &&
		    !is_me_name(c->o, w) && !people_has(&c->known, w, NULL) && !looks_like_person_strict(w)) {
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

/* "Acme Recruiting <...>", "Ada from Acme", "Acme Talent Team" */
static char *display_company(const struct ctx *c)
{
	static const char *const tails[] = { " Recruiting", " Recruitment", " Talent", " Careers",
		" Hiring", " HR", " Jobs", " People", " Talent Acquisition", " Recruiting Team" };
	size_t i, k;

	for (i = 0; i < c->m->from.n; i++) {
		const char *name = c->m->from.v[i].name;
		const char *p;

		if ((p = str_casestr(name, " from ")) != NULL || (p = str_casestr(name, " at ")) != NULL) {
			const char *s = strchr(p + 1, ' ') + 1;
			char *r = cap_words(s, 0, 4);

			if (r != NULL) {
				strip_legal(r);
				if (!bad_company(r) && !is_ats_name(r))
					return r;
				free(r);
			}
		}
		/* an ATS writes the employer as the sender's name: "Acme Robotics
		 * <no-reply@hire.lever.co>" */
		if (parties_is_robot(c->m->from.v[i].email) && !looks_like_person_strict(name)) {
			char *r = cap_words(name, 0, 4);

			if (r != NULL && strlen(r) == strlen(name)) {
				strip_legal(r);
				if (!bad_company(r) && !is_ats_name(r) && str_casestr(r, "notification") == NULL &&
				    str_casestr(r, "interview") == NULL && str_casestr(r, "schedul") == NULL &&
				    str_casestr(r, "calendar") == NULL && str_casestr(r, "team") == NULL &&
				    str_casestr(r, "reply") == NULL && str_casestr(r, "alert") == NULL)
					return r;
			}
			free(r);
		}
		for (k = 0; k < ARRAY_LEN(tails); k++) {
			if ((p = str_casestr(name, tails[k])) != NULL && p > name) {
				char *r = clean_phrase(name, (size_t)(p - name));

				strip_legal(r);
				if (!bad_company(r) && !is_ats_name(r))
					return r;
				free(r);
			}
		}
	}
	return NULL;
}

/* The organisation in a domain: "mail.acme-robotics.co.uk" -> "Acme Robotics"
 * (the domain is parties_org_domain's).  example.com, .net, .org (RFC 2606)
 * are real domains but "Example" names no company. */
static char *domain_company(const char *email)
{
	static const char *const tails[] = { "-us", "-uk", "-eu", "-de", "-fr", "-inc", "-corp",
		"-careers", "-jobs", "-mail", "-hr", "-group", "-global", "-talent", "-recruiting" };
	char *dom = parties_org_domain(email), *r;
	size_t ln, k;

	if (dom == NULL)
		return NULL;
	ln = strcspn(dom, ".");
	if (ln == 7 && strncmp(dom, "example", 7) == 0) {
		free(dom);
		return NULL;
	}
	for (k = 0; k < ARRAY_LEN(tails); k++) {
		size_t tl = strlen(tails[k]);

		if (ln > tl + 1 && strncasecmp(dom + ln - tl, tails[k], tl) == 0)
			ln -= tl;
	}
	r = slug_name(dom, ln);
	free(dom);
	return r;
}

/* ---- role -------------------------------------------------------------------- */

static const char *const job_nouns[] = {
	"engineer", "developer", "manager", "designer", "analyst", "scientist", "lead",
	"director", "intern", "architect", "consultant", "specialist", "administrator",
	"officer", "coordinator", "recruiter", "associate", "representative", "sre",
	"devops", "programmer", "researcher", "head", "vp", "president", "writer",
	"accountant", "assistant", "executive", "technician", "strategist", "owner",
	"editor", "marketer", "advisor", "partner", "operator", "nurse", "teacher",
	"tester", "qa", "support", "generalist", "counsel", "economist", "mathematician",
	"statistician", "producer", "artist", "agent", "planner", "buyer", "controller",
};

static bool has_job_noun(const char *phrase)
{
	char *low = lower_dup(phrase);
	bool r = FIND_ANY(low, job_nouns) != NULL;

	free(low);
	return r;
}

/* Trim a role candidate; NULL when it does not look like a job title. */
static char *role_clean(const char *s, size_t n, bool need_noun)
{
	static const char *const lead[] = { "the ", "a ", "an ", "our ", "your ", "this ", "open ",
		"position of ", "role of ", "position as ", "role as ", "post of " };
	static const char *const tail[] = { " position", " role", " opening", " job", " vacancy",
		" opportunity", " req" };
	char *r = clean_phrase(s, n), *low;
	size_t i, l;
	bool again = true;

	while (again) {
		again = false;
		for (i = 0; i < ARRAY_LEN(lead); i++) {
			if (str_case_has_prefix(r, lead[i])) {
				memmove(r, r + strlen(lead[i]), strlen(r + strlen(lead[i])) + 1);
				again = true;
			}
		}
	}
	for (i = 0; i < ARRAY_LEN(tail); i++) {
		l = strlen(r);
		if (l > strlen(tail[i]) && strcasecmp(r + l - strlen(tail[i]), tail[i]) == 0)
			r[l - strlen(tail[i])] = '\0';
	}
	{
		char *c2 = clean_phrase(r, strlen(r));

		free(r);
		r = c2;
	}
	l = strlen(r);
	low = lower_dup(r);
	if (l < 2 || l > 80 || strstr(low, "interview") || strstr(low, "next") == low ||
	    strstr(low, "same") == low || strstr(low, "application") || strchr(r, '@') ||
	    strstr(low, "http") || (need_noun && !has_job_noun(r)) ||
	    (!need_noun && !isupper((unsigned char)r[0]) && !has_job_noun(r))) {
		free(low);
		free(r);
		return NULL;
	}
	free(low);
	return r;
}

/* End of a role phrase starting at i: before " at ", " with ", " - ",
 * " | ", "(", ",", ".", newline. */
static size_t role_end(const char *text, size_t i)
{
	size_t j = i;

	while (text[j] && text[j] != '\n' && text[j] != ',' && text[j] != '(' && text[j] != '!' &&
	    text[j] != '?' && text[j] != ';' && !(text[j] == '.' && (text[j + 1] == ' ' || text[j + 1] == '\0' || text[j + 1] == '\n')) &&
	    strncmp(text + j, " at ", 4) != 0 && strncmp(text + j, " with ", 6) != 0 &&
	    strncmp(text + j, " - ", 3) != 0 && strncmp(text + j, " | ", 3) != 0 &&
	    strncmp(text + j, " \xe2\x80\x93 ", 5) != 0 && strncmp(text + j, " on ", 4) != 0 &&
	    strncmp(text + j, " in ", 4) != 0 && strncmp(text + j, " and ", 5) != 0 &&
	    strncmp(text + j, " has ", 5) != 0 && strncmp(text + j, " is ", 4) != 0 &&
	    strncmp(text + j, " for ", 5) != 0 && strncmp(text + j, " team", 5) != 0 &&
	    j - i < 100)
		j++;
	return j;
}

static char *find_role(const struct ctx *c)
{
	static const char *const labels[] = { "position:", "role:", "job title:",
		"vacancy:", "opening:", "position applied for:", "job name:", "job role:" };
	static const char *const nouns[] = { " position", " role", " opening", " vacancy",
		" job", " opportunity" };
	static const char *const intros[] = { "application for ", "interview for ", "applying for ",
		"applied for ", "interviewing for ", "applying to ", "applied to ", "position of ",
		"role of ", "interview: ", "interview - ", "candidacy for ", "considered for ",
		"consideration for ", "confirmation for ", "invitation for ", "invite for ",
		"scheduled for the ", "interview for the " };
	const char *low = c->low, *text = c->text;
	size_t i, best = SIZE_MAX;
	char *role = NULL;
	const char *p;

	/* "Position: Senior Backend Engineer" */
	for (i = 0; i < ARRAY_LEN(labels); i++) {
		for (p = c->llow; (p = strstr(p, labels[i])) != NULL; p++) {
			size_t pos = (size_t)(p - c->llow), s, e;
			char *r;

			if (pos >= best)
				break;
			if (pos > 0 && c->llow[pos - 1] != '\n' && c->llow[pos - 1] != ' ' && c->llow[pos - 1] != '*')
				continue;
			s = skip_blank(c->ltext, pos + strlen(labels[i]));
			e = role_end(c->ltext, s);
			if ((r = role_clean(c->ltext + s, e - s, false)) != NULL) {
				free(role);
				role = r;
				best = pos;
				break;
			}
		}
	}
	/* "for the Senior Backend Engineer position" */
	for (i = 0; i < ARRAY_LEN(nouns); i++) {
		for (p = low; (p = find_phrase(p, nouns[i] + 1)) != NULL; p++) {
			size_t pos = (size_t)(p - low), s = pos;
			int words = 0;
			char *r;

			if (pos >= best)
				break;
			/* walk back to a determiner, at most 8 words */
			while (s > 0 && words < 9) {
				size_t ws = s;
				char w[16];

				while (ws > 0 && low[ws - 1] == ' ')
					ws--;
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
				if ((r = role_clean(text + st, pos - st, false)) != NULL) {
					free(role);
					role = r;
					best = pos;
					break;
				}
			}
		}
	}
	/* "application for Senior Backend Engineer at Acme" */
	for (i = 0; i < ARRAY_LEN(intros); i++) {
		for (p = low; (p = strstr(p, intros[i])) != NULL; p++) {
			size_t pos = (size_t)(p - low), s, e;
			char *r;

			if (pos >= best)
				break;
			s = pos + strlen(intros[i]);
			e = role_end(text, s);
			if ((r = role_clean(text + s, e - s, true)) != NULL) {
				free(role);
				role = r;
				best = pos;
				break;
			}
		}
	}
	if (role == NULL) {
		/* Subjects like "Interview Confirmation - Senior Backend Engineer":
		 * a segment that is a job title. */
		const char *subj = c->m->subject;
		size_t a = 0, n = strlen(subj);

		while (a < n && role == NULL) {
			size_t b = a;

			while (b < n && strncmp(subj + b, " - ", 3) != 0 && strncmp(subj + b, " | ", 3) != 0 &&
			    strncmp(subj + b, ": ", 2) != 0 && strncmp(subj + b, " \xe2\x80\x93 ", 5) != 0 &&
			    strncmp(subj + b, " @ ", 3) != 0 && subj[b] != '(')
				b++;
			if (b > a && isupper((unsigned char)subj[skip_blank(subj, a)])) {
				/* "Senior QA Engineer interview" */
				size_t e2 = b;

				while (e2 > a && subj[e2 - 1] == ' ')
					e2--;
				if (e2 - a > 10 && strncasecmp(subj + e2 - 10, " interview", 10) == 0)
					e2 -= 10;
				role = role_clean(subj + a, e2 - a, true);
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
	}
	return role;
}

/* ---- people in prose ---------------------------------------------------------- */

static const char *const title_words[] = {
	"manager", "engineer", "director", "lead", "head", "recruiter", "partner", "vp",
	"cto", "ceo", "coo", "cfo", "founder", "co-founder", "designer", "developer",
	"scientist", "officer", "president", "principal", "staff", "senior", "coordinator",
	"specialist", "architect", "analyst", "team", "talent", "product", "engineering",
	"acquisition", "people", "hr", "sourcer", "chief", "owner", "member", "recruiting",
};

static bool name_word(const char *t, size_t *len)
{
	size_t k = 0;
	unsigned char c = (unsigned char)t[0];

	if (!(isupper(c) || (c >= 0xC3 && c <= 0xC5)))
		return false;
	while (t[k] && (isalpha((unsigned char)t[k]) || (unsigned char)t[k] >= 0x80 ||
	    t[k] == '\'' || t[k] == '-'))
		k++;
	if (k < 2)
		return false;
	*len = k;
	return true;
}

/* A person's name at text+i: 2-4 capitalised words (particles allowed). */
static size_t person_name_at(const char *text, size_t i, char **out)
{
	static const char *const particles[] = { "van ", "de ", "der ", "von ", "da ", "di ",
		"la ", "le ", "del ", "bin ", "al ", "ten " };
	size_t j = i, end = i, len, k;
	int words = 0;

	*out = NULL;
	while (words < 4) {
		bool part = false;

		for (k = 0; k < ARRAY_LEN(particles); k++) {
			if (words > 0 && strncmp(text + j, particles[k], strlen(particles[k])) == 0) {
				j += strlen(particles[k]);
				part = true;
				break;
			}
		}
		if (!name_word(text + j, &len)) {
			if (part)
				j = end;
			break;
		}
		j += len;
		end = j;
		words++;
		if (text[j] == ' ' && text[j + 1] != ' ')
			j++;
		else
			break;
	}
	if (words < 2)
		return 0;
	*out = xstrndup(text + i, end - i);
	return end - i;
}

static bool is_title_word(const char *w, size_t n)
{
	char *low = lower_dup(w);
	size_t i;
	bool r = false;

	low[n < strlen(low) ? n : strlen(low)] = '\0';
	for (i = 0; i < ARRAY_LEN(title_words); i++) {
		if (strcmp(low, title_words[i]) == 0)
			r = true;
	}
	free(low);
	return r;
}

static bool is_title(const char *name)
{
	char *low = lower_dup(name);
	bool r = FIND_ANY(low, title_words) != NULL;

	free(low);
	return r;
}

/* An address for a person named name: "Name <addr>" in the text, a
 * known header address with that name, or a local part made of the name. */
static char *email_for_name(const struct ctx *c, const char *name)
{
	char first[64] = "", last[64] = "";
	const char *sp;
	const char *p;
	size_t i;

	for (i = 0; i < c->known.n; i++) {
		if (c->known.v[i].name && c->known.v[i].email && strcasecmp(c->known.v[i].name, name) == 0 &&
		    !parties_is_robot(c->known.v[i].email))
			return xstrdup(c->known.v[i].email);
	}
	sp = strchr(name, ' ');
	if (sp == NULL)
		return NULL;
	snprintf(first, sizeof(first), "%.*s", (int)(sp - name), name);
	snprintf(last, sizeof(last), "%s", strrchr(name, ' ') + 1);
	str_lower(first);
	str_lower(last);
	/* every address in the text */
	for (p = c->text; (p = strchr(p, '@')) != NULL; p++) {
		const char *s = p, *e = p + 1;
		char *addr, *local;
		bool match;

		while (s > c->text && (isalnum((unsigned char)s[-1]) || strchr("._-+", s[-1])))
			s--;
		while (*e && (isalnum((unsigned char)*e) || *e == '.' || *e == '-'))
			e++;
		while (e > p + 1 && e[-1] == '.')
			e--;
		if (s == p || e == p + 1 || memchr(p + 1, '.', (size_t)(e - p - 1)) == NULL)
			continue;
		addr = xstrndup(s, (size_t)(e - s));
		str_lower(addr);
		local = xstrndup(addr, (size_t)(p - s));
		{
			char *a = xasprintf("%s.%s", first, last), *b2 = xasprintf("%s%s", first, last);
			char *c3 = xasprintf("%c%s", first[0], last), *d = xasprintf("%s_%s", first, last);
			char *e2 = xasprintf("%s-%s", first, last);

			match = strcmp(local, a) == 0 || strcmp(local, b2) == 0 || strcmp(local, c3) == 0 ||
			    strcmp(local, d) == 0 || strcmp(local, e2) == 0 || strcmp(local, first) == 0;
			free(a);
			free(b2);
			free(c3);
			free(d);
			free(e2);
		}
		/* "Ada Brooks <x@y>" or "Ada Brooks (x@y)" names it directly */
		if (!match) {
			const char *q = s;

			while (q > c->text && (q[-1] == '<' || q[-1] == '(' || q[-1] == ' ' || q[-1] == ':'))
				q--;
			if ((size_t)(q - c->text) >= strlen(name) &&
			    strncasecmp(q - strlen(name), name, strlen(name)) == 0)
				match = true;
		}
		free(local);
		if (match && !parties_is_robot(addr) && !is_me_email(c->o, addr))
			return addr;
		free(addr);
	}
	return NULL;
}

/* "10:00 AM - 10:45 AM  Ada Brooks, Engineering Manager": a schedule line
 * names an interviewer after its time range. */
static void schedule_people(const struct ctx *c, struct people *pl)
{
	const char *line = c->ltext;
	int lines = 0;

	while (*line && lines++ < 2000 && pl->n < MAX_PEOPLE) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		size_t off = (size_t)(line - c->ltext), i = 0;
		int h, mi, ampm;
		size_t len;

		while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '*' || line[i] == '-'))
			i++;
		if (n < 120 && (len = clock_at(c->llow, off + i, &h, &mi, &ampm)) > 0) {
			size_t k = i + len;
			char *name;
			int hops = 0;

			/* the rest of the range, a zone, separators */
			while (k < n && hops++ < 40) {
				size_t caps = 0;

				while (k + caps < n && isupper((unsigned char)line[k + caps]))
					caps++;
				if (line[k] == ' ' || line[k] == '-' || line[k] == ':' || line[k] == '|' ||
				    line[k] == '\t' || line[k] == '(' || line[k] == ')' || line[k] == '.' ||
				    isdigit((unsigned char)line[k]))
					k++;
				else if (strncmp(line + k, "\xe2\x80\x93", 3) == 0)
					k += 3;
				else if (caps >= 2 && caps <= 5 && !isalpha((unsigned char)line[k + caps]))
					k += caps;   /* "AM", "EST", "CEST" */
				else if ((strncmp(c->llow + off + k, "am", 2) == 0 || strncmp(c->llow + off + k, "pm", 2) == 0) &&
				    !isalpha((unsigned char)line[k + 2]))
					k += 2;
				else
					break;
			}
			if (k < n && person_name_at(c->ltext, off + k, &name) > 0) {
				if (!is_title(name) && !is_me_name(c->o, name) && looks_like_person_strict(name)) {
					char *email = email_for_name(c, name);

					people_add(pl, name, email);
					free(email);
				}
				free(name);
			}
		}
		if (e == NULL)
			break;
		line = e + 1;
	}
}

/* "Ben Ito will join me": a name right before such words. */
static void people_before(const struct ctx *c, struct people *pl)
{
	static const char *const after[] = { " will join", " will also join", " will be joining",
		" is joining", " joins us", " will interview you", " will be interviewing you",
		" will call you", " will meet you", " will also be there", " will be there too",
		" will lead the interview", " will be your interviewer" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(after); i++) {
		const char *p = c->low;
		int budget = 16;

		while ((p = strstr(p, after[i])) != NULL && budget-- > 0) {
			size_t end = (size_t)(p - c->low), st;
			char *name;

			p += strlen(after[i]);
			/* try name starts up to 40 bytes back, longest first */
			for (st = end > 40 ? end - 40 : 0; st < end; st++) {
				size_t len;

				if (st > 0 && c->text[st - 1] != ' ' && c->text[st - 1] != '\n' &&
				    c->text[st - 1] != ',' && c->text[st - 1] != '.' && c->text[st - 1] != '(')
					continue;
				if ((len = person_name_at(c->text, st, &name)) > 0) {
					if (st + len == end && !is_title(name) && !is_me_name(c->o, name) &&
					    looks_like_person_strict(name)) {
						char *email = email_for_name(c, name);

						people_add(pl, name, email);
						free(email);
						free(name);
						break;
					}
					free(name);
				}
			}
		}
	}
}

static void prose_people(const struct ctx *c, struct people *pl)
{
	static const char *const triggers[] = { "meeting with", "meet with", "you'll meet",
		"you will meet", "you\xe2\x80\x99ll meet", "speaking with", "speak with", "interview with",
		"chat with", "call with", "conversation with", "interviewers:", "interviewer:",
		"interviewer(s):", "panel:", "interviewed by", "joined by", "conducted by",
		"hosted by", "meet:", "you'll be talking to", "talking to", "talk with", "talk to",
		"be meeting", "attendees:", "with:", "meet our", "meet the", "to meet", "interviewers will be", "interviewer will be",
		"interviewers are", "interviewer is", "interview panel", "panel will be", "meeting:",
		"host:", "organizer:", "organiser:", "your host", "interviewer name:", "interviewers:" };
	size_t t;

	for (t = 0; t < ARRAY_LEN(triggers); t++) {
		const char *p = c->low;

		while ((p = find_phrase(p, triggers[t])) != NULL) {
			size_t i = (size_t)(p - c->low) + strlen(triggers[t]);
			int guard = 0;

			p += strlen(triggers[t]);
			if (header_line(c->llow, i))
				continue;
			while (guard++ < 12 && pl->n < MAX_PEOPLE) {
				char *name;
				size_t len;

				/* separators, bullets, "our", "the", titles before the name */
				while (c->text[i] == ' ' || c->text[i] == '\t' || c->text[i] == ':' ||
				    c->text[i] == '-' || c->text[i] == '*' || c->text[i] == ',' ||
				    c->text[i] == ';' || c->text[i] == '&' || c->text[i] == '\n' ||
				    strncmp(c->text + i, "\xe2\x80\xa2", 3) == 0) {
					if (c->text[i] == '\n' && c->text[i + 1] == '\n')
						break;
					i += strncmp(c->text + i, "\xe2\x80\xa2", 3) == 0 ? 3 : 1;
				}
				if (strncmp(c->low + i, "and ", 4) == 0)
					i += 4;
				/* "our co-founder and CTO, Omar Farouk": skip lower-case
				 * words and titles before the name */
				{
					int skipped = 0;
					size_t l3;

					while (skipped < 6) {
						size_t k = i;

						if (islower((unsigned char)c->text[k])) {
							while (isalpha((unsigned char)c->text[k]) || c->text[k] == '-')
								k++;
						} else if (name_word(c->text + k, &l3) && is_title_word(c->text + k, l3) &&
						    !name_word(c->text + k + l3 + 1, &len)) {
							k += l3;
						} else if (isupper((unsigned char)c->text[k]) && isupper((unsigned char)c->text[k + 1])) {
							/* "CTO", "VP" */
							while (isalpha((unsigned char)c->text[k]))
								k++;
						} else {
							break;
						}
						if (k == i || (c->text[k] != ' ' && c->text[k] != ','))
							break;
						while (c->text[k] == ' ' || c->text[k] == ',')
							k++;
						i = k;
						skipped++;
					}
				}
				if ((len = person_name_at(c->text, i, &name)) == 0)
					break;
				i += len;
				if (is_title(name) || bad_company(name) || is_ats_name(name)) {
					free(name);
					continue;   /* "Engineering Manager, Ada Brooks" */
				}
				if (!is_me_name(c->o, name) && looks_like_person(name)) {
					char *email = email_for_name(c, name);

					/* without an address, only what surely is a person */
					if ((email != NULL && !is_me_email(c->o, email)) ||
					    (email == NULL && looks_like_person_strict(name)))
						people_add(pl, name, email);
					free(email);
				}
				free(name);
				/* "(Engineering Manager)" */
				while (c->text[i] == ' ')
					i++;
				if (c->text[i] == '(') {
					const char *e = strchr(c->text + i, ')');

					if (e == NULL || e - (c->text + i) > 80)
						break;
					i = (size_t)(e - c->text) + 1;
				}
				/* "<ada@x>" */
				while (c->text[i] == ' ')
					i++;
				if (c->text[i] == '<') {
					const char *e = strchr(c->text + i, '>');

					if (e == NULL || e - (c->text + i) > 100)
						break;
					i = (size_t)(e - c->text) + 1;
				}
				/* continue only over a list separator */
				{
					size_t k = i;

					while (c->text[k] == ' ')
						k++;
					if (!(c->text[k] == ',' || c->text[k] == ';' || c->text[k] == '&' ||
					    strncmp(c->low + k, "and ", 4) == 0 ||
					    (c->text[k] == '\n' && c->text[k + 1] != '\n') ||
					    (c->text[k] == '-' && c->text[k + 1] == ' ')))
						break;
					/* ", Engineering Manager," title after a name: skip it */
					if (c->text[k] == ',' || c->text[k] == '-') {
						size_t k2 = k + 1, l2;
						char *tn;

						while (c->text[k2] == ' ')
							k2++;
						if ((l2 = person_name_at(c->text, k2, &tn)) > 0 && is_title(tn)) {
							i = k2 + l2;
						} else if (name_word(c->text + k2, &l2) && is_title_word(c->text + k2, l2)) {
							i = k2 + l2;
						}
						free(tn);
					}
				}
			}
		}
	}
}

/* ---- signature ------------------------------------------------------------ */

struct signer {
	char *name;
	char *email;
	char *company;
};

static bool closing_line(const char *l, size_t n)
{
	static const char *const closings[] = { "best", "best regards", "kind regards", "regards",
		"thanks", "thank you", "cheers", "sincerely", "all the best", "warm regards",
		"many thanks", "best wishes", "warmly", "talk soon", "speak soon", "thanks again",
		"with best regards", "kindest regards", "warmest regards", "yours sincerely",
		"looking forward to speaking with you", "looking forward", "thanks so much",
		"thank you again", "have a great day", "best,", "mvh", "cordialement",
		"med v\xc3\xa4nliga h\xc3\xa4lsningar", "yst\xc3\xa4v\xc3\xa4llisin terveisin",
		"viele gr\xc3\xbc\xc3\x9f" "e", "--" };
	char buf[64];
	size_t i;

	while (n > 0 && (l[n - 1] == ',' || l[n - 1] == '!' || l[n - 1] == '.' || l[n - 1] == ' '))
		n--;
	while (n > 0 && (*l == ' ' || *l == '\t')) {
		l++;
		n--;
	}
	if (n == 0 || n >= sizeof(buf))
		return false;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)l[i]);
	buf[n] = '\0';
	for (i = 0; i < ARRAY_LEN(closings); i++) {
		if (strcmp(buf, closings[i]) == 0)
			return true;
	}
	return false;
}

/* The lines after a signer's name: an address, "Title at Company",
 * "Title | Company", "Title, Company". */
static void signer_details(const struct ctx *c, const char *q, struct signer *sg)
{
	int k;

	for (k = 0; k < 5 && *q; k++) {
		const char *qe;
		size_t qn;
		char *l;

		if (*q == '\n')
			q++;
		qe = strchr(q, '\n');
		qn = qe ? (size_t)(qe - q) : strlen(q);
		l = xstrndup(q, qn);
		if (sg->email == NULL && strchr(l, '@') != NULL) {
			char *a = strchr(l, '@'), *s = a, *t = a + 1;

			while (s > l && (isalnum((unsigned char)s[-1]) || strchr("._-+", s[-1])))
				s--;
			while (*t && (isalnum((unsigned char)*t) || *t == '.' || *t == '-'))
				t++;
			while (t > a + 1 && t[-1] == '.')
				t--;
			if (s < a && memchr(a, '.', (size_t)(t - a)) != NULL) {
				char *addr = xstrndup(s, (size_t)(t - s));

				str_lower(addr);
				if (!parties_is_robot(addr) && !is_me_email(c->o, addr))
					sg->email = addr;
				else
					free(addr);
			}
		}
		if (sg->company == NULL && strstr(l, "http") == NULL && strchr(l, '@') == NULL) {
			const char *at = strstr(l, " at ");
			const char *bar = strstr(l, " | ");
			const char *comma = strstr(l, ", ");
			const char *from = at ? at + 4 : bar ? bar + 3 : comma ? comma + 2 : NULL;

			if (from != NULL) {
				char *r = cap_words(from, 0, 4);

				if (r != NULL) {
					strip_legal(r);
					if (!bad_company(r) && !is_ats_name(r))
						sg->company = r;
					else
						free(r);
				}
			}
		}
		free(l);
		q += qn;
	}
}

static void find_signer(const struct ctx *c, struct signer *sg)
{
	const char *line = c->ltext;
	char *from_name = NULL;

	memset(sg, 0, sizeof(*sg));
	if (c->m->from.n > 0) {
		from_name = person_display(c->m->from.v[0].name);
		if (!looks_like_person(from_name)) {
			free(from_name);
			from_name = NULL;
		}
	}
	while (line && *line) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		const char *nl = NULL;

		if (closing_line(line, n) && e != NULL) {
			nl = e + 1;
			while (*nl == '\n' || *nl == ' ')
				nl++;
		} else if (from_name != NULL && n < 60) {
			/* no closing word, but the sender's name alone on a line */
			char *cand = clean_phrase(line, n);

			if (strcasecmp(cand, from_name) == 0 && line != c->ltext)
				nl = line;
			free(cand);
		}
		if (nl != NULL) {
			size_t ln = strcspn(nl, "\n");
			char *cand = clean_phrase(nl, ln);
			char *disp = person_display(cand);

			if (looks_like_person(disp) && isupper((unsigned char)disp[0]) &&
			    (strchr(disp, ' ') == NULL || looks_like_person_strict(disp)) &&
			    strlen(disp) < 50 && !is_me_name(c->o, disp) && strchr(disp, ':') == NULL) {
				sg->name = disp;
				disp = NULL;
			}
			free(disp);
			free(cand);
			if (sg->name != NULL) {
				/* "Tom Becker | Talent Acquisition | Helix Bio": the last
				 * part that is not a job title names the employer */
				char *line1 = xstrndup(nl, ln), *seg = line1, *bar;
				char *last = NULL;

				while ((bar = strstr(seg, " | ")) != NULL) {
					char *part;

					seg = bar + 3;
					bar = strstr(seg, " | ");
					part = clean_phrase(seg, bar ? (size_t)(bar - seg) : strlen(seg));
					if (!is_title(part) && isupper((unsigned char)part[0])) {
						free(last);
						last = part;
					} else {
						free(part);
					}
				}
				free(line1);
				if (last != NULL) {
					strip_legal(last);
					if (!bad_company(last) && !is_ats_name(last))
						sg->company = last;
					else
						free(last);
				}
				signer_details(c, nl + ln, sg);
				break;
			}
		}
		if (e == NULL)
			break;
		line = e + 1;
	}
	free(from_name);
}

/* ---- location ---------------------------------------------------------------- */

static bool virtual_place(const char *s)
{
	static const char *const v[] = { "zoom", "teams", "google meet", "meet.google", "webex",
		"video", "phone", "http", "online", "virtual", "remote", "hangout", "skype",
		"call", "tbd", "tba", "n/a", "to be confirmed" };
	char *low = lower_dup(s);
	bool r = FIND_ANY(low, v) != NULL || *s == '\0';

	free(low);
	return r;
}

static char *prose_location(const struct ctx *c)
{
	static const char *const labels[] = { "location:", "address:", "where:", "venue:", "place:" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(labels); i++) {
		const char *p = c->llow;

		while ((p = strstr(p, labels[i])) != NULL) {
			size_t pos = (size_t)(p - c->llow), s, e;
			char *v;

			p++;
			if (pos > 0 && c->llow[pos - 1] != '\n' && c->llow[pos - 1] != ' ' && c->llow[pos - 1] != '*')
				continue;
			s = skip_blank(c->ltext, pos + strlen(labels[i]));
			e = s + strcspn(c->ltext + s, "\n");
			v = clean_phrase(c->ltext + s, e - s);
			if (!virtual_place(v) && strlen(v) >= 3)
				return v;
			free(v);
		}
	}
	return NULL;
}

/* ---- references ------------------------------------------------------------- */

static bool mentions_references(const char *low)
{
	static const char *const yes[] = { "references", "referees", "reference check",
		"reference checks", "referee", "reference letter", "reference letters",
		"your reference", "a reference", "two references", "three references" };
	static const char *const no[] = { "for your reference", "for reference", "reference number",
		"reference no", "reference code", "reference id", "job reference", "reference:",
		"as a reference", "for future reference", "reference #", "with reference to",
		"in reference to", "references:", "cross-reference", "booking reference" };
	size_t i, k;
	int budget = 64;

	for (i = 0; i < ARRAY_LEN(yes); i++) {
		const char *p = low;

		while ((p = find_phrase(p, yes[i])) != NULL && budget-- > 0) {
			/* the words around it decide: "for your reference" is not one */
			size_t back = (size_t)(p - low) > 25 ? 25 : (size_t)(p - low);
			char *win = xstrndup(p - back, back + strlen(yes[i]) + 20);
			bool bad = false;

			for (k = 0; k < ARRAY_LEN(no) && !bad; k++) {
				const char *q = strstr(win, no[k]);

				/* a "no" phrase that overlaps the hit */
				if (q != NULL && (size_t)(q - win) <= back + 1 &&
				    (size_t)(q - win) + strlen(no[k]) >= back)
					bad = true;
			}
			free(win);
			if (!bad)
				return true;
			p += strlen(yes[i]);
		}
	}
	return false;
}

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

/* An offer phrase not hedged by "before", "if", "whether" ("the last
 * step before we make you an offer" is an interview, not an offer). */
static bool offer_said(const char *plain)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(offer_phrases); i++) {
		const char *p = plain;
		int budget = 16;

		while ((p = find_phrase(p, offer_phrases[i])) != NULL && budget-- > 0) {
			size_t back = (size_t)(p - plain) > 40 ? 40 : (size_t)(p - plain);
			char *win = xstrndup(p - back, back);
			bool hedged = find_phrase(win, "before") || find_phrase(win, "if") ||
			    find_phrase(win, "whether") || find_phrase(win, "unable") ||
			    find_phrase(win, "not able") || find_phrase(win, "cannot") ||
			    find_phrase(win, "can't") || find_phrase(win, "won't") || find_phrase(win, "not");

			free(win);
			if (!hedged)
				return true;
			p += strlen(offer_phrases[i]);
		}
	}
	return false;
}

static bool decision_by(const struct ctx *c, const struct tm *base, char *out, size_t outlen);

static bool decision_promised(const struct ctx *c)
{
	char d[16];

	return decision_by(c, &c->ref_tm, d, sizeof(d));
}

static bool sender_ignored(const struct ctx *c)
{
	size_t i, k;

	for (i = 0; i < c->o->n_ignore_senders; i++) {
		const char *pat = c->o->ignore_senders[i];

		if (pat == NULL || *pat == '\0')
			continue;
		for (k = 0; k < c->m->from.n; k++) {
			const char *e = c->m->from.v[k].email;
			const char *dom = email_domain(e);

			if (strchr(pat, '@') != NULL && pat[0] != '@') {
				if (strcasecmp(pat, e) == 0)
					return true;
			} else {
				const char *d = pat[0] == '@' ? pat + 1 : pat;

				if (parties_domain_in(dom, &d, 1))
					return true;
			}
		}
	}
	return false;
}

/* Interview words in other languages, matched as word starts: inflected
 * forms ("Vorstellungsgespräch", "haastatteluun") must not break them. */
static const char *const interview_stems[] = {
	"vorstellungsgespr", "bewerbungsgespr", "entretien", "intervju", "haastattel",
	"entrevista", "colloquio", "sollicitatiegesprek", "sollicitatie", "rekrytointi",
	"anst\xc3\xa4llningsintervju", "jobinterview",
};

static bool has_keyword(const struct ctx *c, const char *low)
{
	size_t i;

	if (FIND_ANY(low, interview_words) != NULL)
		return true;
	for (i = 0; i < ARRAY_LEN(interview_stems); i++) {
		const char *p = strstr(low, interview_stems[i]);

		if (p != NULL && (p == low || !isalpha((unsigned char)p[-1])))
			return true;
	}
	for (i = 0; i < c->o->n_keywords; i++) {
		char *k = lower_dup(c->o->keywords[i]);
		bool hit = *k != '\0' && find_phrase(low, k) != NULL;

		free(k);
		if (hit)
			return true;
	}
	return false;
}

/* A human address: not a robot, not the user. */
static bool human(const struct ctx *c, const char *email)
{
	return email != NULL && *email != '\0' && !parties_is_robot(email) && !is_me_email(c->o, email);
}

static void set_person(struct detect_person *p, const char *name, const char *email)
{
	free(p->name);
	free(p->email);
	p->name = dup_or_null(name);
	p->email = dup_or_null(email);
}

/* A calendar participant who can be an interviewer: a human individual
 * taking part, not the user. */
static bool calendar_human(const struct ctx *c, const struct ics_person *p)
{
	return p->cutype != ICS_CUTYPE_ROOM && p->cutype != ICS_CUTYPE_RESOURCE &&
	    p->cutype != ICS_CUTYPE_GROUP && strcmp(p->role, "NON-PARTICIPANT") != 0 &&
	    p->email[0] != '\0' && !parties_is_robot(p->email) && !is_me_email(c->o, p->email) &&
	    !(p->name[0] != '\0' && is_me_name(c->o, p->name));
}

/*
 * Does the organizer sit on the panel?  Google lists an organizer who
 * takes part among the attendees too, and Outlook/Exchange never lists
 * the organizer, who attends by its rules.  Elsewhere an organizer who is
 * not listed while other people are (a recruiter or coordinator who sends
 * the invite for the panel) is the contact, not an interviewer; alone with
 * the user, the organizer is the interviewer.
 */
static bool organizer_interviews(const struct ctx *c)
{
	const struct ics_event *ev = c->ev;
	const char *prodid = c->cal ? c->cal->prodid : NULL;
	bool others = false;

	if (prodid && (str_casestr(prodid, "Microsoft") || str_casestr(prodid, "Outlook") ||
	    str_casestr(prodid, "Exchange")))
		return true;

	for (size_t i = 0; i < ev->nattendees; i++) {
		if (strcasecmp(ev->attendees[i].email, ev->organizer.email) == 0)
			return true;
		others = others || calendar_human(c, &ev->attendees[i]);
	}
	return !others;
}

static void calendar_people(const struct ctx *c, struct people *pl)
{
	const struct ics_event *ev = c->ev;
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; i < ev->nattendees + 1; i++) {
		const struct ics_person *p;
		char *name = NULL;

		if (i == 0) {
			if (!ev->has_organizer || !organizer_interviews(c))
				continue;
			p = &ev->organizer;
		} else {
			p = &ev->attendees[i - 1];
		}
		if (!calendar_human(c, p))
			continue;
		if (p->name[0] != '\0' && strchr(p->name, '@') == NULL)
			name = person_display(p->name);
		else
			name = name_from_email(p->email);
		if (name != NULL && (is_me_name(c->o, name) || has_word_ci(name, "room"))) {
			free(name);
			continue;
		}
		people_add(pl, name, p->email);
		free(name);
	}
}

/* Blank out URLs (same length) so "meetup-join" or "/interview-tips" in
 * a link does not count as wording. */
static void blank_urls(char *s)
{
	char *p = s;

	while ((p = strstr(p, "http")) != NULL) {
		if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) {
			p += 4;
			continue;
		}
		while (*p && !isspace((unsigned char)*p) && *p != '<' && *p != '>' && *p != '"')
			*p++ = ' ';
	}
}

/* Join hard-wrapped lines: a single line break becomes a space (same
 * length, so offsets stay valid); blank lines (paragraphs) stay. */
static void flatten(char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\n') && s[i + 1] != '\n' && s[i + 1] != '\0')
			s[i] = ' ';
	}
}

static void add_nbsp_spaces(char *s)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s[0] = ' ';
			s[1] = ' ';
		} else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89)) {
			/* narrow no-break and thin spaces ("10:30\u202fAM") */
			s[0] = ' ';
			s[1] = ' ';
			s[2] = ' ';
		} else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0x99)) {
			/* curly apostrophe: keep bytes, prose matching uses both */
		}
	}
}

int detect_message(const struct message *m, const struct detect_opts *opts, struct detection *out)
{
	struct ctx c;
	struct buf tb = { 0 };
	const struct msg_part *calp;
	struct people pl = { .n = 0 };
	struct prose_time pt;
	struct signer sg = { 0 };
	char *low_cal = NULL;
	bool bulk, bulk_words, alert, receipt, cal_reply, kw, job, ats_sender, reply_like, resched, cancel_prose;
	bool is_cal_cancel = false, have_time = false;
	const char *why = "";
	char *why_buf = NULL;
	time_t t;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.o = opts;
	c.ref = m->has_date ? m->date : opts->now;
	c.ref_off = date_offset(m->date_raw);
	t = c.ref + c.ref_off;
	gmtime_r(&t, &c.ref_tm);

	calp = find_calendar(m, 0);
	/* a bare .ics file given to `followupctl scan` */
	if (calp == NULL && m->nparts == 1 && m->parts[0].kind == MSG_PART_TEXT &&
	    m->parts[0].text != NULL) {
		const char *body = m->parts[0].text;

		while (*body == ' ' || *body == '\n' || *body == '\r' || *body == '\t')
			body++;
		if (str_case_has_prefix(body, "BEGIN:VCALENDAR"))
			calp = &m->parts[0];
	}
	if (calp != NULL) {
		c.cal = ics_parse(calp->text, calp->len, opts->timezone);
		c.ev = ics_main_event(c.cal);
		c.method = c.cal ? c.cal->method : ICS_METHOD_NONE;
		if (c.method == ICS_METHOD_NONE && calp->method != NULL) {
			if (strcasecmp(calp->method, "CANCEL") == 0)
				c.method = ICS_METHOD_CANCEL;
			else if (strcasecmp(calp->method, "REPLY") == 0)
				c.method = ICS_METHOD_REPLY;
			else if (strcasecmp(calp->method, "REQUEST") == 0)
				c.method = ICS_METHOD_REQUEST;
		}
	}

	/* fuzz: m->parts is NULL when the mail has no leaf part (only an
	 * attached message); &m->parts[0] would then be UB (NULL + 0). */
	if (calp == NULL || m->nparts == 0 || calp != &m->parts[0] ||
	    calp->kind == MSG_PART_CALENDAR)
		collect_text(&c, m, &tb, 0);
	else
		buf_addf(&tb, "%s\n\n", m->subject);
	if (c.ev != NULL) {
		struct buf cb = { 0 };

		if (c.ev->summary)
			buf_addf(&cb, "%s\n", c.ev->summary);
		if (c.ev->location)
			buf_addf(&cb, "Location: %s\n", c.ev->location);
		if (c.ev->description)
			buf_addf(&cb, "%s\n", c.ev->description);
		low_cal = lower_dup(cb.data ? cb.data : "");
		buf_adds(&tb, "\n\n");
		if (cb.data)
			add_prose(&tb, cb.data, true);
		buf_free(&cb);
	}
	c.text = buf_steal(&tb);
	if (strlen(c.text) > MAX_TEXT)
		c.text[MAX_TEXT] = '\0';
	add_nbsp_spaces(c.text);
	c.ltext = xstrdup(c.text);
	c.llow = lower_dup(c.text);
	flatten(c.text);
	c.low = lower_dup(c.text);
	c.plain = xstrdup(c.low);
	blank_urls(c.plain);
	if (low_cal != NULL)
		blank_urls(low_cal);
	c.subj_low = lower_dup(m->subject);

	know_addrs(&c, &m->from);
	know_addrs(&c, &m->reply_to);
	know_addrs(&c, &m->to);
	know_addrs(&c, &m->cc);
	know_addrs(&c, &m->sender);
	for (i = 0; i < m->nattached; i++) {
		know_addrs(&c, &m->attached[i]->from);
		know_addrs(&c, &m->attached[i]->to);
		know_addrs(&c, &m->attached[i]->cc);
	}

	/* signals */
	bulk = m->list_unsubscribe != NULL || m->list_id != NULL ||
	    (m->precedence != NULL && (str_ieq(m->precedence, "bulk") || str_ieq(m->precedence, "list") ||
	    str_ieq(m->precedence, "junk")));
	bulk_words = FIND_ANY(c.plain, bulk_phrases) != NULL;
	alert = FIND_ANY(c.plain, alert_phrases) != NULL;
	receipt = FIND_ANY(c.plain, receipt_phrases) != NULL;
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
	job = kw || ats_sender || out->role != NULL || FIND_ANY(c.plain, job_words) != NULL;
	reply_like = m->in_reply_to != NULL || m->nreferences > 0 ||
	    str_case_has_prefix(m->subject, "re:") || str_case_has_prefix(m->subject, "sv:") ||
	    str_case_has_prefix(m->subject, "aw:") || str_case_has_prefix(m->subject, "vs:");
	resched = FIND_ANY(c.plain, resched_words) != NULL || str_case_has_prefix(m->subject, "updated");
	cancel_prose = FIND_ANY(c.subj_low, cancel_words) != NULL ||
	    (FIND_ANY(c.plain, cancel_words) != NULL && kw && str_casestr(c.plain, "interview") != NULL &&
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
		bool not_iv = FIND_ANY(c.subj_low, event_not_interview) != NULL ||
		    (low_cal != NULL && FIND_ANY(low_cal, event_not_interview) != NULL) ||
		    (c.cal == NULL && FIND_ANY(c.plain, event_not_interview) != NULL && !ats_sender);
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
		} else if (job && FIND_ANY(c.plain, rejection_phrases) != NULL && !is_cal_cancel) {
			out->kind = DETECT_REJECTION;
			why = "rejection wording";
		} else if (job && !(c.cal && iv_invite) && (offer_said(c.plain) ||
		    (FIND_ANY(c.plain, offer_weak) != NULL && !(kw && have_time)))) {
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
			static const char *const first_person[] = { "our phone screen", "our call",
				"our interview", "our chat", "i'll call you", "i will call you",
				"speak with me", "talk with me", "chat with me", "meet with me",
				"i'll ring you", "our video call", "our conversation", "join me", "with me and",
				"joining me", "i'll be interviewing", "i will be interviewing",
				"i look forward to meeting", "i look forward to speaking" };

			if (FIND_ANY(c.plain, first_person) != NULL) {
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
		out->final_round = FIND_ANY(c.plain, final_phrases) != NULL;
	if (out->kind != DETECT_REJECTION)
		out->asks_references = mentions_references(c.plain);
out:
	free(sg.name);
	free(sg.email);
	free(sg.company);
	people_free(&pl);
	people_free(&c.known);
	ics_free(c.cal);
	free(c.text);
	free(c.low);
	free(c.ltext);
	free(c.llow);
	free(c.plain);
	free(c.subj_low);
	free(low_cal);
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
