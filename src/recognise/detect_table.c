/*
 * detect_table: an interview loop written as table rows, one session per
 * row (time, title, interviewer), the way hiring systems and scheduling
 * tools send an onsite or virtual itinerary.
 *
 * The rows come from an HTML part's text, where message_html writes a
 * table row as one line with MESSAGE_HTML_CELL_SEP (a TAB) between its
 * cells.  A session row is a row with a clock range in one of its cells
 * ("10:00 AM - 10:45 AM", "9:00-9:45", "1:45 PM EST to 2:30 PM EST");
 * two of them make a loop.  Rows whose session is a break (lunch, a
 * tour, check-in) with nobody named make no loop, but belong to its day
 * (its span runs from the first row to the last).  It is no loop of the
 * user's when the user is named in the interviewer column (the user is
 * on the panel) or a session that is no break names nobody (a calendar
 * agenda: "Team standup"), but where no row names anybody and one is an
 * interview (an assessment day whose jury goes unnamed).  The loop is
 * read as:
 *   - start: the earliest row's start, end: the latest row's end, a
 *     break's too (the user is expected at a check-in that opens the
 *     day);
 *   - day: the last date written before the row (in prose, a date row or
 *     a cell of the row itself); without a year, the next such date
 *     after the mail's Date;
 *   - zone: written in the time cell, else in the time column's header
 *     ("Time (ET)"), else in a sentence about times before the table
 *     ("all times Eastern"), else the user's;
 *   - interviewers: the people of the interviewer column (the header
 *     says which: "Interviewer(s)", "With", "Panel"; else the column
 *     where most rows name people), several per cell split at "," ";"
 *     "&" "and" "/", job titles beside them ("Tom Reyes, Director of
 *     ...") and session titles ("System Design") left out.
 * A line without cells right after a row continues the row's last cell
 * (a <br> inside the cell: "Brandon Kowalski<br>Yuki Mori").
 * Outside a loop, table_people() reads the interviewers a table names: a
 * labelled row ("Interviewer", "Interviewers", a booking's "Staff"), the
 * interviewer column under a header row, a cell that starts with a name
 * in a row with a time; a line without cells after such a row goes on
 * with it ("Mei Tanaka, Staff Engineer").  Its word lists (pause, session,
 * header and label words) are the lexicon's.
 * Everything is bounded: at most MAX_LINES lines of MAX_LINE bytes are
 * looked at, MAX_CELLS cells a row, MAX_SESSIONS sessions a part, at most
 * MAX_PEOPLE people kept.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detect_int.h"
#include "ics.h"
#include "message.h"
#include "lexicon.h"
#include "util.h"

#define MAX_LINES 4000
#define MAX_LINE  2000
#define MAX_CELLS 16
#define MAX_SESSIONS 64

/* One row: its cells, lower-case, as offsets into the line. */
struct row {
	char *line;             /* own copy, lower-case view in low */
	char *low;
	size_t ncells;
	size_t cb[MAX_CELLS], ce[MAX_CELLS];
};

static void row_split(struct row *r, const char *line, size_t n)
{
	size_t i, s = 0;

	r->line = xstrndup(line, n);
	r->low = lower_dup(r->line);
	r->ncells = 0;
	for (i = 0; i <= n && r->ncells < MAX_CELLS; i++) {
		if (i == n || line[i] == MESSAGE_HTML_CELL_SEP) {
			r->cb[r->ncells] = s;
			r->ce[r->ncells] = i;
			r->ncells++;
			s = i + 1;
		}
	}
}

/* A line after a row that has no cells of its own continues the row's
 * last cell: a <br> inside a cell ("Brandon Kowalski<br>Yuki Mori"). */
static void row_append(struct row *r, const char *s, size_t n)
{
	size_t len = strlen(r->line);
	char *line = xasprintf("%s\n%.*s", r->line, (int)n, s);

	free(r->line);
	free(r->low);
	r->line = line;
	r->low = lower_dup(line);
	if (r->ncells > 0)
		r->ce[r->ncells - 1] = len + 1 + n;
}

static void row_free(struct row *r)
{
	free(r->line);
	free(r->low);
}

/* A clock range in low[b..e): the start and end in minutes of the day,
 * and the offset after it (for a zone written there).  false if none. */
static bool clock_range(const char *low, size_t b, size_t e, int *start, int *end, size_t *after)
{
	for (size_t i = b; i < e; i++) {
		int h1, m1, ap1, h2, m2, ap2;
		size_t n1, n2, j;

		if (!isdigit((unsigned char)low[i]) || (i > b && isdigit((unsigned char)low[i - 1])))
			continue;
		if ((n1 = clock_at(low, i, &h1, &m1, &ap1)) == 0 || i + n1 > e)
			continue;
		j = i + n1;
		/* a zone between: "10:00 am est - 10:45 am est" */
		while (j < e && low[j] == ' ')
			j++;
		if (j + 4 < e && isalpha((unsigned char)low[j]) && !word_at(low + j, "to")) {
			size_t k = j;

			while (k < e && isalpha((unsigned char)low[k]) && k - j < 5)
				k++;
			while (k < e && low[k] == ' ')
				k++;
			j = k;
		}
		if (j < e && (low[j] == '-' || low[j] == '~'))
			j++;
		else if (j + 2 < e && (unsigned char)low[j] == 0xe2 && (unsigned char)low[j + 1] == 0x80 &&
		    ((unsigned char)low[j + 2] == 0x93 || (unsigned char)low[j + 2] == 0x94))
			j += 3;
		else if (word_at(low + j, "to") || word_at(low + j, "bis") || word_at(low + j, "à"))
			j += low[j] == 'b' ? 3 : 2;
		else
			continue;
		while (j < e && low[j] == ' ')
			j++;
		if (j >= e || (n2 = clock_at(low, j, &h2, &m2, &ap2)) == 0 || j + n2 > e)
			continue;
		/* "1:00 - 2:00 pm": the start takes the end's afternoon */
		if (ap1 == 0 && ap2 == 2 && h1 < 12 && h1 + 12 <= h2)
			h1 += 12;
		*start = h1 * 60 + m1;
		*end = h2 * 60 + m2;
		if (*end <= *start)
			*end += 24 * 60;
		*after = j + n2;
		return true;
	}
	return false;
}

/* The offset after the first clock in low[b..e) ("2:00 pm"); b when
 * there is none. */
static size_t clock_end(const char *low, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++) {
		int h, m, ap;
		size_t n;

		if (!isdigit((unsigned char)low[i]) || (i > b && isdigit((unsigned char)low[i - 1])))
			continue;
		if ((n = clock_at(low, i, &h, &m, &ap)) != 0 && i + n <= e)
			return i + n;
	}
	return b;
}

/* A date written in low[b..e): "december 8th, 2026", "8 december 2026",
 * "2026-12-08", "dec 2".  Returns true and y (0 when none), mo, d. */
static bool date_in(const char *low, size_t b, size_t e, int *y, int *mo, int *d)
{
	bool found = false;

	for (size_t i = b; i < e; i++) {
		size_t ml, k;
		int m, day = 0, year = 0;

		if (i > b && is_word_byte((unsigned char)low[i - 1]))
			continue;
		if (isdigit((unsigned char)low[i]) && i + 10 <= e && isdigit((unsigned char)low[i + 3]) &&
		    low[i + 4] == '-' && low[i + 7] == '-') {
			if (sscanf(low + i, "%4d-%2d-%2d", &year, &m, &day) == 3 && m >= 1 && m <= 12 &&
			    day >= 1 && day <= 31) {
				*y = year, *mo = m, *d = day;
				found = true;
			}
			continue;
		}
		if ((m = month_at(low + i, &ml)) > 0) {
			/* month day[, year] */
			k = i + ml;
			while (k < e && (low[k] == ' ' || low[k] == ','))
				k++;
			while (k < e && isdigit((unsigned char)low[k]) && day < 100)
				day = day * 10 + (low[k++] - '0');
			if (day < 1 || day > 31) {
				/* day month: look back, past "de" ("11 de dezembro") */
				size_t j = i;

				day = 0;
				while (j > b && low[j - 1] == ' ')
					j--;
				if (j >= b + 3 && strncmp(low + j - 2, "de", 2) == 0 && low[j - 3] == ' ') {
					j -= 2;
					while (j > b && low[j - 1] == ' ')
						j--;
				}
				if (j > b && low[j - 1] == '.')
					j--;
				while (j > b && isalpha((unsigned char)low[j - 1]) && i - j < 6)
					j--;   /* "8th" */
				if (j > b && isdigit((unsigned char)low[j - 1])) {
					size_t s = j;

					while (s > b && isdigit((unsigned char)low[s - 1]) && j - s < 2)
						s--;
					day = atoi(low + s);
				}
				k = i + ml;
			}
			if (day < 1 || day > 31)
				continue;
			while (k < e && isalpha((unsigned char)low[k]))
				k++;   /* "th" */
			while (k < e && (low[k] == ' ' || low[k] == ','))
				k++;
			if (k + 4 <= e && isdigit((unsigned char)low[k]) && isdigit((unsigned char)low[k + 3]) &&
			    !isdigit((unsigned char)low[k + 4]) && low[k + 2] != ':')
				year = atoi(low + k);
			if (year != 0 && (year < 1990 || year > 2200))
				year = 0;
			*y = year, *mo = m, *d = day;
			found = true;
		}
	}
	return found;
}

/* The zone written in the short text s, by asking the prose reader about
 * "on 2001-01-01 at 10:00 <s>"; *zone "" when none was said. */
static void zone_of(const struct ctx *c, const char *s, size_t n, char *zone, size_t zlen)
{
	struct ctx probe = *c;
	struct prose_time pt;
	char *text = xasprintf("Interview on 2001-01-01 at 10:00 %.*s", (int)(n > 80 ? 80 : n), s);
	char *low = lower_dup(text);

	zone[0] = '\0';
	for (char *q = text; *q; q++)
		if (*q == '\n' || *q == MESSAGE_HTML_CELL_SEP)
			*q = ' ';
	for (char *q = low; *q; q++)
		if (*q == '\n' || *q == MESSAGE_HTML_CELL_SEP)
			*q = ' ';
	probe.text = probe.ltext = text;
	probe.low = probe.plain = probe.llow = low;
	probe.cal = NULL;
	probe.ev = NULL;
	probe.probe = true;
	prose_time(&probe, &pt);
	if (pt.found && pt.zone_said && pt.zone[0] != '\0')
		snprintf(zone, zlen, "%s", pt.zone);
	free(text);
	free(low);
}

/* A zone said in a sentence about times in low[b..e) ("all times below
 * are in Eastern Time"): every word after "time(s)" or "zone" is tried. */
static void zone_in_prose(const struct ctx *c, const char *text, const char *low, size_t b, size_t e,
    char *zone, size_t zlen)
{
	zone[0] = '\0';
	for (size_t i = b; i + 4 <= e && zone[0] == '\0'; i++) {
		size_t s, k, words = 0;

		if (!(word_at(low + i, "time") || word_at(low + i, "times") || word_at(low + i, "zone") ||
		    word_at(low + i, "timezone")))
			continue;
		/* the words of this sentence, from its start */
		for (s = i; s > b && low[s - 1] != '.' && low[s - 1] != '\n' && i - s < 200; s--)
			;
		for (k = s; k < e && low[k] != '\n' && low[k] != '.' && words < 30; k++) {
			if (is_word_byte((unsigned char)low[k]) && (k == s || !is_word_byte((unsigned char)low[k - 1]))) {
				words++;
				if (!isdigit((unsigned char)low[k]))
					zone_of(c, text + k, e - k < 40 ? e - k : 40, zone, zlen);
				if (zone[0] != '\0')
					return;
			}
		}
	}
}

/* A name as a person writes it: 2-4 capitalised words, no job title,
 * team or company word. */
static bool name_like(const char *s)
{
	char *low;
	bool ok;
	int caps = 0;

	if (!looks_like_person_strict(s) || strlen(s) < 4)
		return false;
	for (const char *p = s; *p; p++)
		if ((p == s || p[-1] == ' ') && !isupper((unsigned char)*p) && (unsigned char)*p < 0x80 &&
		    !(p[0] == 'd' || p[0] == 'v'))   /* "de", "van", "von" */
			return false;
		else if (p == s || p[-1] == ' ')
			caps++;
	low = lower_dup(s);
	ok = caps >= 2 && FIND_ANY(low, lex_title_words) == NULL && FIND_ANY(low, lex_team_words) == NULL &&
	    FIND_ANY(low, lex_session_titles) == NULL && !has_job_noun(s) && !department(s);
	free(low);
	return ok;
}

/* A line that starts with a person's name ("Yuki Mori", "Kenji Watanabe
 * \u00b7 Senior iOS Engineer", "Mei Tanaka, Staff Engineer"). */
static bool name_led(const char *line, size_t n)
{
	size_t k = 0;
	char *name;
	bool r;

	while (k < n && !(line[k] == ',' || line[k] == ';' || line[k] == '(' ||
	    ((unsigned char)line[k] == 0xc2 && k + 1 < n && (unsigned char)line[k + 1] == 0xb7) ||
	    ((unsigned char)line[k] == 0xe2 && k + 1 < n && (unsigned char)line[k + 1] == 0x80)))
		k++;
	name = clean_phrase(line, k);
	r = name_like(name);
	free(name);
	return r;
}

/* The people of one cell, split at separators, added to pl; whether the
 * user is one of them. */
static bool cell_people(const struct ctx *c, const char *cell, size_t n, struct people *pl)
{
	bool me = false;

	char *s = xstrndup(cell, n);
	char *p = s;

	for (char *q = s; *q; q++) {
		if (*q == ',' || *q == ';' || *q == '&' || *q == '/' || *q == '|' || *q == '(' || *q == ')')
			*q = '\n';
		/* "Kenji Watanabe \u00b7 Senior iOS Engineer", "Omar Haddad \u2013 Technical" */
		else if ((unsigned char)q[0] == 0xc2 && (unsigned char)q[1] == 0xb7)
			q[0] = q[1] = '\n';
		else if ((unsigned char)q[0] == 0xe2 && (unsigned char)q[1] == 0x80 &&
		    ((unsigned char)q[2] == 0x93 || (unsigned char)q[2] == 0x94))
			q[0] = q[1] = q[2] = '\n';
	}
	/* "and" in the languages read: "Carla Meireles e Eng.ª Sofia
	 * Brandão", "Ana y Luis", "Ada und Ben" */
	{
		static const char *const ands[] = { " and ", " e ", " y ", " und ", " et ", " en " };

		for (size_t a = 0; a < ARRAY_LEN(ands); a++)
			for (char *q; (q = (char *)str_casestr(p, ands[a])) != NULL;)
				memset(q, '\n', strlen(ands[a]));
	}
	while (p != NULL && *p != '\0') {
		char *e = strchr(p, '\n');
		char *name;

		if (e != NULL)
			*e = '\0';
		name = clean_phrase(p, strlen(p));
		/* "Dr. Ben Achterberg", "Eng.ª Sofia Brandão": the name after its
		 * honorific */
		{
			char *nl = lower_dup(name);
			size_t k = honorific_at(nl);

			free(nl);
			while (k > 0 && name[k] == ' ')
				k++;
			if (k > 0 && isupper((unsigned char)name[k]))
				memmove(name, name + k, strlen(name + k) + 1);
		}
		if (is_me_name(c->o, name))
			me = true;
		else if (name_like(name)) {
			char *email = email_for_name(c, name);

			people_add(pl, name, email);
			free(email);
		}
		free(name);
		p = e != NULL ? e + 1 : NULL;
	}
	free(s);
	return me;
}

/* What is read while walking the lines of one text. */
struct walk {
	int y, mo, d;             /* the current day (y 0: none said) */
	bool have_day;
	char day_zone[64];        /* the zone said on the day's line; "" none */
	int ay, amo, ad;          /* the day before it, when the day's line */
	char alt_zone[64];        /* restated it in another zone; "" none */
	long who_col;          /* the interviewer column from a header; -1 none */
	char hdr_zone[64];        /* a zone said in the header row */
	char prose_zone[64];      /* a zone said in a sentence about times */
	size_t zone_from;         /* prose not yet searched for a zone starts here */
};

static bool to_utc(const struct ctx *c, const struct walk *w, const char *zone, int mins,
    time_t *out)
{
	int y = w->y, mo = w->mo, d = w->d;

	if (y == 0) {
		y = c->ref_tm.tm_year + 1900;
		if (mo < c->ref_tm.tm_mon + 1 || (mo == c->ref_tm.tm_mon + 1 && d < c->ref_tm.tm_mday))
			y++;
	}
	if (zone[0] == '\0')
		zone = c->o->timezone != NULL ? c->o->timezone : "UTC";
	return ics_local_to_utc(zone, y, mo, d + mins / (24 * 60), (mins % (24 * 60)) / 60, mins % 60,
	    out) == 0;
}

/* One session row r: fold it into lt. */
static void session_row(const struct ctx *c, struct walk *w, const struct row *r, size_t tc,
    int smin, int emin, size_t after, struct loop_table *lt)
{
	char zone[64] = "";
	bool pause = false, named;
	struct people pl = { .n = 0 };
	size_t wc;
	time_t s, e;

	zone_of(c, r->line + after, r->ce[tc] - after, zone, sizeof(zone));
	if (zone[0] == '\0' && w->hdr_zone[0] != '\0')
		snprintf(zone, sizeof(zone), "%s", w->hdr_zone);
	if (zone[0] == '\0' && w->prose_zone[0] != '\0')
		snprintf(zone, sizeof(zone), "%s", w->prose_zone);
	/* the interviewer column (a row cut short by empty cells at its
	 * end may not reach it) */
	wc = w->who_col >= 0 && (size_t)w->who_col < r->ncells ? (size_t)w->who_col : SIZE_MAX;
	if (wc != SIZE_MAX && wc != tc && cell_people(c, r->line + r->cb[wc], r->ce[wc] - r->cb[wc], &pl))
		lt->not_ours = true;        /* the user sits on the panel */
	named = pl.n > 0;
	for (size_t k = 0; k < r->ncells; k++) {
		char *cell = xstrndup(r->low + r->cb[k], r->ce[k] - r->cb[k]);

		/* the interviewer column too when it names nobody
		 * ("Invigilated by People & Culture") */
		if (k != tc && (k != wc || !named) && FIND_ANY(cell, lex_session_pauses) != NULL)
			pause = true;
		free(cell);
	}
	if (!pause && !named) {
		/* a meeting with nobody: an agenda, unless no row names
		 * anybody and one is an interview (settle()) */
		char *row = xstrndup(r->low, r->ce[r->ncells - 1]);

		lt->nameless = true;
		lt->candidate_row |= FIND_ANY(row, lex_interview_words) != NULL;
		free(row);
	}
	lt->named |= named;
	/* "Monday, December 7, 2:00 PM PST (Tuesday, December 8, 9:00 AM
	 * AEDT)": a row in the first zone is on the first day. */
	if (zone[0] != '\0' && w->alt_zone[0] != '\0' && strcmp(zone, w->alt_zone) == 0 &&
	    strcmp(zone, w->day_zone) != 0) {
		w->y = w->ay, w->mo = w->amo, w->d = w->ad;
		snprintf(w->day_zone, sizeof(w->day_zone), "%s", w->alt_zone);
		w->alt_zone[0] = '\0';
	}
	if (!w->have_day || !to_utc(c, w, zone, smin, &s) || !to_utc(c, w, zone, emin, &e)) {
		people_free(&pl);
		return;
	}
	if (pause && !named) {
		/* no session, but part of the day: the user is expected at
		 * a check-in that opens it */
		if (!lt->has_pause || s < lt->pause_start)
			lt->pause_start = s;
		if (!lt->has_pause || e > lt->pause_end)
			lt->pause_end = e;
		lt->has_pause = true;
		people_free(&pl);
		return;
	}
	if (lt->sessions == 0 || s < lt->start) {
		lt->start = s;
		snprintf(lt->zone, sizeof(lt->zone), "%s", zone);
		lt->zone_said = zone[0] != '\0';
	}
	if (lt->sessions == 0 || e > lt->end)
		lt->end = e;
	lt->sessions++;
	for (size_t i = 0; i < pl.n; i++)
		people_add(&lt->people, pl.v[i].name, pl.v[i].email);
	people_free(&pl);
}

/* A row with cells but no session: a header gives the columns and a
 * zone; any row may give a date. */
static void other_row(const struct ctx *c, struct walk *w, const struct row *r)
{
	for (size_t k = 0; k < r->ncells; k++) {
		char *cell = clean_phrase(r->low + r->cb[k], r->ce[k] - r->cb[k]);

		for (size_t q = 0; q < lex_interviewer_headers.n; q++) {
			const char *h = lex_interviewer_headers.w[q];

			if (strcmp(cell, h) == 0 || (str_has_prefix(cell, h) && strlen(cell) < 24))
				w->who_col = (long)k;
		}
		if (word_at(cell, "time") || str_has_prefix(cell, "time") || word_at(cell, "zeit") ||
		    word_at(cell, "heure") || word_at(cell, "hora")) {
			char z[64];
			size_t b = r->cb[k], e = r->ce[k];

			/* past the word itself: "Time (ET)", "Time zone: CET" */
			while (b < e && is_word_byte((unsigned char)r->low[b]))
				b++;
			while (b < e && (r->low[b] == ' ' || r->low[b] == ':'))
				b++;
			zone_of(c, r->line + b, e - b, z, sizeof(z));
			if (z[0] != '\0')
				snprintf(w->hdr_zone, sizeof(w->hdr_zone), "%s", z);
		}
		free(cell);
	}
}

/* A session row kept until the interviewer column is known. */
struct session {
	struct row r;
	size_t tc, after;
	int smin, emin;
	struct walk w;          /* what was read before it */
};

/*
 * Without a header naming it, the interviewer column is the one (besides
 * the time) where most session rows name people, the later one on a tie:
 * a title column may hold a name-like "System Design", a people column
 * holds names in every row.  -1 when no column names anyone.
 */
static long vote_column(const struct ctx *c, const struct session *ss, size_t ns)
{
	unsigned votes[MAX_CELLS] = { 0 }, best = 0;
	long col = -1;

	for (size_t i = 0; i < ns; i++) {
		for (size_t k = 0; k < ss[i].r.ncells; k++) {
			struct people pl = { .n = 0 };

			if (k == ss[i].tc)
				continue;
			cell_people(c, ss[i].r.line + ss[i].r.cb[k], ss[i].r.ce[k] - ss[i].r.cb[k], &pl);
			votes[k] += pl.n > 0;
			people_free(&pl);
		}
	}
	for (size_t k = 0; k < MAX_CELLS; k++) {
		if (votes[k] > 0 && votes[k] >= best) {
			best = votes[k];
			col = (long)k;
		}
	}
	return col;
}

/* The sessions kept, in order, into lt; frees them. */
static void sessions_fold(const struct ctx *c, struct session *ss, size_t ns, struct loop_table *lt)
{
	long col = vote_column(c, ss, ns);

	for (size_t i = 0; i < ns; i++) {
		if (ss[i].w.who_col < 0)
			ss[i].w.who_col = col;
		session_row(c, &ss[i].w, &ss[i].r, ss[i].tc, ss[i].smin, ss[i].emin, ss[i].after, lt);
		row_free(&ss[i].r);
	}
}

/* Walk the lines of one part's text. */
static void read_text(const struct ctx *c, const char *text, struct loop_table *lt)
{
	struct walk w = { .who_col = -1 };
	char *low = lower_dup(text);
	const char *line = text, *prev_line = NULL, *last_row_line = NULL;
	size_t nlines = 0, ns = 0;
	struct session *ss = xcalloc(MAX_SESSIONS, sizeof(*ss));

	while (*line != '\0' && nlines++ < MAX_LINES) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		size_t off = (size_t)(line - text);
		int y, mo, d;

		if (n <= MAX_LINE && memchr(line, MESSAGE_HTML_CELL_SEP, n) != NULL) {
			struct row r;
			size_t tc, after = 0;
			int smin = 0, emin = 0;

			row_split(&r, line, n);
			if (date_in(r.low, 0, n, &y, &mo, &d)) {
				w.y = y, w.mo = mo, w.d = d, w.have_day = true;
				w.day_zone[0] = w.alt_zone[0] = '\0';
			}
			for (tc = 0; tc < r.ncells; tc++)
				if (clock_range(r.low, r.cb[tc], r.ce[tc], &smin, &emin, &after))
					break;
			if (tc < r.ncells && r.ncells >= 2) {
				/* the prose before, once, and only for a session */
				if (w.prose_zone[0] == '\0')
					zone_in_prose(c, text, low, w.zone_from, off, w.prose_zone,
					    sizeof(w.prose_zone));
				w.zone_from = off + n;
				if (ns < MAX_SESSIONS) {
					ss[ns++] = (struct session){ .r = r, .tc = tc, .after = after,
					    .smin = smin, .emin = emin, .w = w };
					r.line = r.low = NULL;
					last_row_line = line;
				}
			} else {
				other_row(c, &w, &r);
			}
			row_free(&r);
		} else if (ns > 0 && last_row_line == prev_line && n > 0 && n < 80 &&
		    name_led(line, n)) {
			row_append(&ss[ns - 1].r, line, n);
			last_row_line = line;
		} else if (n <= MAX_LINE && date_in(low, off, off + n, &y, &mo, &d)) {
			char z[64];

			int cs, ce;
			size_t za;

			/* the zone after the day's clock: "2:00 PM - 4:00 PM PST",
			 * "at 2:00 PM PST" */
			z[0] = '\0';
			if (!clock_range(low, off, off + n, &cs, &ce, &za))
				za = clock_end(low, off, off + n);
			if (za > off)
				zone_of(c, line + (za - off), n - (za - off), z, sizeof(z));
			/* a day said again in another zone, for the reader */
			w.alt_zone[0] = '\0';
			if (w.have_day && w.day_zone[0] != '\0' && z[0] != '\0' &&
			    strcmp(z, w.day_zone) != 0) {
				w.ay = w.y, w.amo = w.mo, w.ad = w.d;
				snprintf(w.alt_zone, sizeof(w.alt_zone), "%s", w.day_zone);
			}
			w.y = y, w.mo = mo, w.d = d;
			w.have_day = true;
			snprintf(w.day_zone, sizeof(w.day_zone), "%s", z);
		}
		prev_line = line;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	sessions_fold(c, ss, ns, lt);
	free(ss);
	free(low);
}

/* Is the cell low[b..e) a label of the interviewers ("Interviewer",
 * "Staff:", "Gesprächspartner")? */
static bool people_label(const char *low, size_t b, size_t e)
{
	char buf[48];
	size_t n;

	while (b < e && (low[b] == ' ' || low[b] == '*'))
		b++;
	while (e > b && (low[e - 1] == ' ' || low[e - 1] == ':'))
		e--;
	n = e - b;
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, low + b, n);
	buf[n] = '\0';
	for (size_t k = 0; k < lex_interviewer_headers.n; k++)
		if (strcmp(buf, lex_interviewer_headers.w[k]) == 0)
			return true;
	for (size_t k = 0; k < lex_people_labels.n; k++)
		if (strcmp(buf, lex_people_labels.w[k]) == 0)
			return true;
	return false;
}

/* One row of table_people: the people it names into pl; whether it named
 * anyone.  *hcol is the interviewer column a header row set. */
static bool table_row_people(const struct ctx *c, const struct row *r, long *hcol, struct people *pl)
{
	size_t before = pl->n, k;
	int smin, emin;
	size_t after;

	if (r->ncells >= 2 && people_label(r->low, r->cb[0], r->ce[0])) {
		/* "Interviewer<TAB>Rebecca Stein, Principal Engineer" */
		for (k = 1; k < r->ncells; k++)
			cell_people(c, r->line + r->cb[k], r->ce[k] - r->cb[k], pl);
		return pl->n > before;
	}
	for (k = 0; k < r->ncells; k++)
		if (people_label(r->low, r->cb[k], r->ce[k])) {
			*hcol = (long)k;   /* a header row: "Date Time Type Interviewer" */
			return false;
		}
	if (*hcol >= 0 && (size_t)*hcol < r->ncells) {
		cell_people(c, r->line + r->cb[*hcol], r->ce[*hcol] - r->cb[*hcol], pl);
		return pl->n > before;
	}
	for (k = 0; k < r->ncells; k++)
		if (clock_range(r->low, r->cb[k], r->ce[k], &smin, &emin, &after))
			break;
	if (k == r->ncells)
		return false;
	/* a session row: a cell that starts with a name ("Omar Haddad \u2013
	 * Technical interview") */
	for (size_t j = 0; j < r->ncells; j++)
		if (j != k && name_led(r->line + r->cb[j], r->ce[j] - r->cb[j]))
			cell_people(c, r->line + r->cb[j], r->ce[j] - r->cb[j], pl);
	return pl->n > before;
}

/*
 * The interviewers a table names outside a loop of sessions: a labelled
 * row ("Interviewers<TAB>Callum Fraser, Director of Engineering", the
 * "Staff" of a booking), the interviewer column under a header row, a
 * name that starts a cell of a row with a time; a line without cells
 * right after such a row continues it ("Mei Tanaka, Staff Engineer").
 */
void table_people(const struct ctx *c, struct people *pl)
{
	const char *line = c->ltext;
	long hcol = -1;
	bool cont = false;
	int nlines = 0;

	while (*line != '\0' && nlines++ < MAX_LINES && pl->n < MAX_PEOPLE) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		if (n > 0 && n <= MAX_LINE && memchr(line, MESSAGE_HTML_CELL_SEP, n) != NULL) {
			struct row r;

			row_split(&r, line, n);
			cont = table_row_people(c, &r, &hcol, pl);
			row_free(&r);
		} else if (cont && n > 0 && n < 80 && name_led(line, n)) {
			cell_people(c, line, n, pl);
		} else {
			cont = false;
			if (n == 0)
				hcol = -1;
		}
		if (nl == NULL)
			break;
		line = nl + 1;
	}
}

/* A session row that names nobody makes the table an agenda (the user's
 * own day: "Team standup", "Sprint planning"), unless no row names
 * anybody and one of them is an interview: an assessment day whose jury
 * the mail does not name ("Competentiegericht interview met de
 * selectiecommissie"). */
static void settle(struct loop_table *lt)
{
	if (lt->nameless && (lt->named || !lt->candidate_row))
		lt->not_ours = true;
}

/* The end of a field in a plain-text row: two blanks or more, or a TAB. */
static size_t field_gap(const char *s, size_t i, size_t n)
{
	size_t k = i;

	if (s[i] == '\t')
		return 1;
	while (k < n && s[k] == ' ')
		k++;
	return k - i >= 2 ? k - i : 0;
}

/* Append line[0..n) to b, its fields split at field_gap by TABs. */
static void add_fields(struct buf *b, const char *line, size_t n, size_t first_end)
{
	size_t i = 0, cells = 0;

	if (first_end > 0) {
		buf_add(b, line, first_end);
		i = first_end;
		cells = 1;
	}
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	while (i < n) {
		size_t s = i, g = 0;

		while (i < n && (g = field_gap(line, i, n)) == 0)
			i++;
		if (cells++ > 0)
			buf_addc(b, MESSAGE_HTML_CELL_SEP);
		buf_add(b, line + s, i - s);
		i += g;
	}
}

/* Where the field line[s..n) holds its last dash between blanks
 * ("Technical deep dive – Reto Schaub": the session before it, the
 * people after), and the dash's length in *dl; 0 when none. */
static size_t last_dash(const char *line, size_t s, size_t n, size_t *dl)
{
	size_t at = 0;

	for (size_t i = s; i + 2 < n; i++) {
		if (line[i] != ' ')
			continue;
		if (line[i + 1] == '-' && line[i + 2] == ' ')
			at = i, *dl = 3;
		else if (i + 4 < n && (unsigned char)line[i + 1] == 0xe2 && (unsigned char)line[i + 2] == 0x80 &&
		    ((unsigned char)line[i + 3] == 0x93 || (unsigned char)line[i + 3] == 0x94) && line[i + 4] == ' ')
			at = i, *dl = 5;
	}
	return at;
}

/* Does line[0..n) start with a clock range (after at most three blanks)
 * and a blank after it: a session row of a plain-text loop; *after where
 * the range ends.  Only the line's first bytes are looked at. */
static bool text_row(const char *line, size_t n, size_t *after)
{
	char low[64];
	size_t lead = 0, k;
	int smin, emin;

	while (lead < n && line[lead] == ' ')
		lead++;
	if (n > MAX_LINE || lead >= 4 || lead >= n || !isdigit((unsigned char)line[lead]))
		return false;
	for (k = 0; k < n && k < sizeof(low) - 1; k++)
		low[k] = (char)tolower((unsigned char)line[k]);
	low[k] = '\0';
	return clock_range(low, lead, k, &smin, &emin, after) && *after < k &&
	    (line[*after] == ' ' || line[*after] == '\t');
}

/* Append the row line[0..n), its time ending at after, as an HTML row
 * comes: the time, then the fields apart by two blanks or more, or (one
 * field only) the session and its people apart by a dash. */
static void add_row(struct buf *b, const char *line, size_t n, size_t after)
{
	size_t at = after, gaps = 0, dl = 0, dash;

	while (at < n && line[at] == ' ')
		at++;
	for (size_t k = at; k < n; k++)
		gaps += field_gap(line, k, n) > 0;
	if (gaps == 0 && (dash = last_dash(line, at, n, &dl)) > 0) {
		buf_add(b, line, after);
		buf_addc(b, MESSAGE_HTML_CELL_SEP);
		buf_add(b, line + at, dash - at);
		buf_addc(b, MESSAGE_HTML_CELL_SEP);
		buf_add(b, line + dash + dl, n - dash - dl);
	} else
		add_fields(b, line, n, after);
	buf_addc(b, '\n');
}

/*
 * A loop written in plain text, one session a line that starts with its
 * clock range, the fields apart by two blanks or more ("09:30 - 10:30
 * Technical deep dive   Reto Schaub"), or the session and its people by a
 * dash ("09:30 – 10:30  Technical deep dive – Reto Schaub"); a header line
 * right before the first ("Time (CET)   Session   With").  The text with
 * those lines' fields apart by TABs, as an HTML table's rows come; NULL
 * when fewer than two lines are such rows (the text is copied only
 * then).  A quoted line starts with '>': no row, no header.
 */
static char *text_rows(const char *text)
{
	struct buf b = { 0 };
	const char *line, *prev = NULL;
	size_t prev_n = 0, after;
	int rows = 0, nlines = 0;

	for (line = text; *line != '\0' && nlines++ < MAX_LINES && rows < 2;) {
		const char *nl = strchr(line, '\n');

		rows += text_row(line, nl ? (size_t)(nl - line) : strlen(line), &after);
		line = nl ? nl + 1 : "";
	}
	if (rows < 2)
		return NULL;
	rows = nlines = 0;
	for (line = text; *line != '\0' && nlines++ < MAX_LINES;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		if (text_row(line, n, &after)) {
			/* the header line just before the first row */
			if (rows++ == 0 && prev != NULL && prev_n > 0) {
				b.len -= prev_n + 1;
				add_fields(&b, prev, prev_n, 0);
				buf_addc(&b, '\n');
			}
			add_row(&b, line, n, after);
		} else {
			buf_add(&b, line, n);
			buf_addc(&b, '\n');
		}
		prev = line[0] == '>' ? NULL : line;
		prev_n = n;
		line = nl ? nl + 1 : "";
	}
	buf_addc(&b, '\0');
	return b.data;
}

/* The loop the rows of one part make, if any: then (or when the rows say
 * it is no loop of the user's) it becomes *lt and true. */
static bool take_rows(const struct ctx *c, const char *rows, struct loop_table *lt)
{
	struct loop_table one = { 0 };

	read_text(c, rows, &one);
	settle(&one);
	if (one.sessions >= 2 || one.not_ours) {
		people_free(&lt->people);
		*lt = one;
		return true;
	}
	people_free(&one.people);
	return false;
}

static void read_message(const struct ctx *c, const struct message *m, int depth,
    struct loop_table *lt)
{
	for (size_t i = 0; i < m->nparts && lt->sessions < 2; i++)
		if (m->parts[i].kind == MSG_PART_HTML && !m->parts[i].attachment &&
		    take_rows(c, m->parts[i].text, lt))
			return;
	/* no HTML loop: one written in plain text */
	for (size_t i = 0; i < m->nparts && lt->sessions < 2; i++) {
		char *rows;
		bool taken;

		if (m->parts[i].kind != MSG_PART_TEXT || m->parts[i].attachment ||
		    (rows = text_rows(m->parts[i].text)) == NULL)
			continue;
		taken = take_rows(c, rows, lt);
		free(rows);
		if (taken)
			return;
	}
	for (size_t i = 0; depth < 3 && i < m->nattached && lt->sessions < 2; i++)
		read_message(c, m->attached[i], depth + 1, lt);
}

void loop_table_read(const struct ctx *c, struct loop_table *lt)
{
	memset(lt, 0, sizeof(*lt));
	read_message(c, c->m, 0, lt);
	lt->found = lt->sessions >= 2 && !lt->not_ours;
	/* the day runs from its first row to its last, breaks too */
	if (lt->found && lt->has_pause && lt->pause_start < lt->start &&
	    lt->start - lt->pause_start < 4 * 3600)
		lt->start = lt->pause_start;
	if (lt->found && lt->has_pause && lt->pause_end > lt->end && lt->pause_end - lt->end < 4 * 3600)
		lt->end = lt->pause_end;
	if (!lt->found) {
		people_free(&lt->people);
		memset(lt, 0, sizeof(*lt));
	}
}

/* How much later the same wall clock is in zone b than in zone a, around
 * t (0 when either is unknown). */
static time_t zone_shift(const char *a, const char *b, time_t t)
{
	struct tm g;
	time_t ta, tb;

	if (gmtime_r(&t, &g) == NULL ||
	    ics_local_to_utc(a, g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour, g.tm_min, &ta) != 0 ||
	    ics_local_to_utc(b, g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour, g.tm_min, &tb) != 0)
		return 0;
	return tb - ta;
}

bool loop_table_time(const struct ctx *c, const struct loop_table *lt, struct detection *out,
    struct time_source *ts)
{
	time_t shift = 0;

	if (!lt->found || ts->from_event)
		return false;
	/* rows that say no zone, under a time that does ("1:00 - 2:30 PM
	 * Eastern"), are on its clock, not the user's */
	if (lt->zone[0] == '\0' && ts->zone_said && out->timezone != NULL && c->o->timezone != NULL &&
	    strcmp(out->timezone, c->o->timezone) != 0)
		shift = zone_shift(c->o->timezone, out->timezone, lt->start);
	/* rows in a 12-hour clock without its half of the day ("1:00 -
	 * 1:20  Your presentation") under a time that says it ("1:00 - 2:30
	 * PM"): the rows are that time's */
	if (out->has_start && (out->start - (lt->start + shift) == 12 * 3600 ||
	    (lt->start + shift) - out->start == 12 * 3600))
		shift = out->start - lt->start;
	out->has_start = out->has_end = true;
	out->start = lt->start + shift;
	out->end = lt->end + shift;
	/* no zone written by the rows: the one the prose's time was read in */
	if (lt->zone[0] != '\0') {
		free(out->timezone);
		out->timezone = xstrdup(lt->zone);
	}
	out->time_uncertain = false;
	ts->from_prose = true;
	ts->zone_said = lt->zone_said;
	/* the rows' own time, not the prose's, is the one read */
	ts->zone_shared = !lt->zone_said && zone_shared(c, out->start);
	return true;
}

void loop_table_people(const struct loop_table *lt, struct detection *out)
{
	size_t i;

	if (!lt->found || lt->people.n == 0)
		return;
	for (i = 0; i < out->ninterviewers; i++) {
		free(out->interviewers[i].name);
		free(out->interviewers[i].email);
	}
	free(out->interviewers);
	out->interviewers = xcalloc(lt->people.n, sizeof(*out->interviewers));
	for (i = 0; i < lt->people.n; i++)
		set_person(&out->interviewers[i], lt->people.v[i].name, lt->people.v[i].email);
	out->ninterviewers = lt->people.n;
}

void loop_table_free(struct loop_table *lt)
{
	people_free(&lt->people);
}
