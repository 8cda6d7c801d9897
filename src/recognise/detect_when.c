/*
 * detect_when: dates and times in prose (see the time rules and the
 * decision_by rules in detect.h).  Finds date and clock mentions ("Tuesday
 * the 9th of June", "03.06.2027", "10.30am BST", "1-2pm ET"), resolves
 * them against the mail's date and zone, pairs them into the interview
 * time, and reads the date a decision was promised by.  Pure; libical
 * (through ics.h) only converts wall clocks to UTC.
 *
 * Languages are data: month and weekday names, the words for "tomorrow",
 * "o'clock" ("Uhr", "uur", "15h"), lengths ("une heure", "60 Minuten")
 * and zone words ("heure de Paris", "horário de Brasília") are tables
 * for English, German, French, Spanish, Portuguese and Dutch.
 *
 * Zones, decided once:
 *  - an abbreviation or zone word names a region's civil time, and the
 *    date decides daylight saving: "2pm PT" is PDT in July and PST in
 *    December, "14:00 CET" in July is read as Berlin's summer time (what
 *    writers mean), "GMT" is London's;
 *  - IST is India (Asia/Kolkata), the reading hiring mail means most;
 *    Irish and Israeli time are taken only when written so ("Irish
 *    time", "Israel time");
 *  - a time without a zone takes the user's zone (me.timezone), and the
 *    reading says the zone was not written (a doubt).
 * Relative days ("tomorrow", "morgen", "demain", "next Tuesday", "el
 * martes") count from the mail's Date in the sender's offset (an inline
 * forward's from its own Date); "next <weekday>" is the coming one.  An
 * hour alone after a time word ("at 3", "a las 10") is in business hours:
 * 1-7 afternoon, 8-12 morning.  Both are doubts (detect_confidence.c).
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
#include "util.h"

/* Month and weekday names, English, German, French, Spanish, Portuguese
 * and Dutch, lower-case UTF-8 (the text views lower only ASCII, so an
 * accented letter is matched as written in lower case).  Data, not
 * rules: a language is a list here.  A longer name comes before any
 * name it starts with ("segunda-feira" before "segunda"). */
struct name_num {
	const char *name;
	int num;            /* month 1-12, weekday 0-6 (Sunday 0) */
	bool alone;         /* a weekday that may stand without a date */
};

static const struct name_num month_names[] = {
	/* English */
	{ "january", 1, 0 }, { "jan", 1, 0 }, { "february", 2, 0 }, { "feb", 2, 0 },
	{ "march", 3, 0 }, { "mar", 3, 0 }, { "april", 4, 0 }, { "apr", 4, 0 }, { "may", 5, 0 },
	{ "june", 6, 0 }, { "jun", 6, 0 }, { "july", 7, 0 }, { "jul", 7, 0 },
	{ "august", 8, 0 }, { "aug", 8, 0 }, { "september", 9, 0 }, { "sept", 9, 0 },
	{ "sep", 9, 0 }, { "october", 10, 0 }, { "oct", 10, 0 }, { "november", 11, 0 },
	{ "nov", 11, 0 }, { "december", 12, 0 }, { "dec", 12, 0 },
	/* German */
	{ "januar", 1, 0 }, { "j\xc3\xa4nner", 1, 0 }, { "februar", 2, 0 },
	{ "m\xc3\xa4rz", 3, 0 }, { "maerz", 3, 0 }, { "mai", 5, 0 }, { "juni", 6, 0 },
	{ "juli", 7, 0 }, { "oktober", 10, 0 }, { "okt", 10, 0 }, { "dezember", 12, 0 },
	{ "dez", 12, 0 },
	/* French */
	{ "janvier", 1, 0 }, { "janv", 1, 0 }, { "f\xc3\xa9vrier", 2, 0 }, { "fevrier", 2, 0 },
	{ "f\xc3\xa9vr", 2, 0 }, { "mars", 3, 0 }, { "avril", 4, 0 }, { "juin", 6, 0 },
	{ "juillet", 7, 0 }, { "juil", 7, 0 }, { "ao\xc3\xbbt", 8, 0 }, { "aout", 8, 0 },
	{ "septembre", 9, 0 }, { "octobre", 10, 0 }, { "novembre", 11, 0 },
	{ "d\xc3\xa9\x63\x65mbre", 12, 0 }, { "decembre", 12, 0 }, { "d\xc3\xa9\x63", 12, 0 },
	/* Spanish */
	{ "enero", 1, 0 }, { "febrero", 2, 0 }, { "marzo", 3, 0 }, { "abril", 4, 0 },
	{ "mayo", 5, 0 }, { "junio", 6, 0 }, { "julio", 7, 0 }, { "agosto", 8, 0 },
	{ "septiembre", 9, 0 }, { "setiembre", 9, 0 }, { "octubre", 10, 0 },
	{ "noviembre", 11, 0 }, { "diciembre", 12, 0 },
	/* Portuguese */
	{ "janeiro", 1, 0 }, { "fevereiro", 2, 0 }, { "mar\xc3\xa7o", 3, 0 }, { "maio", 5, 0 },
	{ "junho", 6, 0 }, { "julho", 7, 0 }, { "setembro", 9, 0 }, { "outubro", 10, 0 },
	{ "novembro", 11, 0 }, { "dezembro", 12, 0 },
	/* Dutch */
	{ "januari", 1, 0 }, { "februari", 2, 0 }, { "maart", 3, 0 }, { "mei", 5, 0 },
	{ "augustus", 8, 0 },
	/* Italian */
	{ "gennaio", 1, 0 }, { "febbraio", 2, 0 }, { "aprile", 4, 0 }, { "maggio", 5, 0 },
	{ "giugno", 6, 0 }, { "luglio", 7, 0 }, { "settembre", 9, 0 }, { "ottobre", 10, 0 },
	{ "dicembre", 12, 0 },
	/* Polish: the genitive, as dates are written ("14 grudnia") */
	{ "stycznia", 1, 0 }, { "lutego", 2, 0 }, { "marca", 3, 0 }, { "kwietnia", 4, 0 },
	{ "maja", 5, 0 }, { "czerwca", 6, 0 }, { "lipca", 7, 0 }, { "sierpnia", 8, 0 },
	{ "wrze\xc5\x9bnia", 9, 0 }, { "pa\xc5\xba" "dziernika", 10, 0 }, { "listopada", 11, 0 },
	{ "grudnia", 12, 0 },
	/* Danish, Swedish (the rest is spelled as in German or Dutch) */
	{ "marts", 3, 0 }, { "maj", 5, 0 },
	/* Indonesian and Malay (the rest is spelled as in Dutch or German) */
	{ "maret", 3, 0 }, { "agustus", 8, 0 }, { "desember", 12, 0 }, { "mac", 3, 0 },
	{ "julai", 7, 0 }, { "ogos", 8, 0 }, { "disember", 12, 0 },
	/* Czech, the genitive ("10. prosince"); names that start with a
	 * letter beyond a-z are not indexed ("\xc4\x8d" "ervna") */
	{ "ledna", 1, 0 }, { "b\xc5\x99" "ezna", 3, 0 }, { "dubna", 4, 0 },
	{ "kv\xc4\x9btna", 5, 0 }, { "srpna", 8, 0 }, { "listopadu", 11, 0 },
	{ "prosince", 12, 0 },
};

static const struct name_num weekday_names[] = {
	/* English: the short forms only before a date ("mon" is too common) */
	{ "sunday", 0, 1 }, { "sun", 0, 0 }, { "monday", 1, 1 }, { "mon", 1, 0 },
	{ "tuesday", 2, 1 }, { "tues", 2, 0 }, { "tue", 2, 0 }, { "wednesday", 3, 1 },
	{ "wed", 3, 0 }, { "thursday", 4, 1 }, { "thurs", 4, 0 }, { "thu", 4, 0 },
	{ "friday", 5, 1 }, { "fri", 5, 0 }, { "saturday", 6, 1 }, { "sat", 6, 0 },
	/* German */
	{ "sonntag", 0, 1 }, { "montag", 1, 1 }, { "dienstag", 2, 1 }, { "mittwoch", 3, 1 },
	{ "donnerstag", 4, 1 }, { "freitag", 5, 1 }, { "samstag", 6, 1 }, { "sonnabend", 6, 1 },
	/* French */
	{ "dimanche", 0, 1 }, { "lundi", 1, 1 }, { "mardi", 2, 1 }, { "mercredi", 3, 1 },
	{ "jeudi", 4, 1 }, { "vendredi", 5, 1 }, { "samedi", 6, 1 },
	/* Spanish ("domingo" and "sábado" are Portuguese too) */
	{ "domingo", 0, 1 }, { "lunes", 1, 1 }, { "martes", 2, 1 },
	{ "mi\xc3\xa9rcoles", 3, 1 }, { "miercoles", 3, 1 }, { "jueves", 4, 1 },
	{ "viernes", 5, 1 }, { "s\xc3\xa1\x62\x61\x64o", 6, 1 }, { "sabado", 6, 1 },
	/* Portuguese: "segunda" alone is also "second": only before a date */
	{ "segunda-feira", 1, 1 }, { "segunda", 1, 0 }, { "ter\xc3\xa7\x61-feira", 2, 1 },
	{ "terca-feira", 2, 1 }, { "ter\xc3\xa7\x61", 2, 0 }, { "quarta-feira", 3, 1 },
	{ "quarta", 3, 0 }, { "quinta-feira", 4, 1 }, { "quinta", 4, 0 },
	{ "sexta-feira", 5, 1 }, { "sexta", 5, 0 },
	/* Dutch */
	{ "zondag", 0, 1 }, { "maandag", 1, 1 }, { "dinsdag", 2, 1 }, { "woensdag", 3, 1 },
	{ "donderdag", 4, 1 }, { "vrijdag", 5, 1 }, { "zaterdag", 6, 1 },
	/* Italian ("sabato" and "domenica" before a date only: names too) */
	{ "luned\xc3\xac", 1, 1 }, { "lunedi", 1, 1 }, { "marted\xc3\xac", 2, 1 }, { "martedi", 2, 1 },
	{ "mercoled\xc3\xac", 3, 1 }, { "mercoledi", 3, 1 }, { "gioved\xc3\xac", 4, 1 }, { "giovedi", 4, 1 },
	{ "venerd\xc3\xac", 5, 1 }, { "venerdi", 5, 1 }, { "sabato", 6, 0 }, { "domenica", 0, 0 },
	/* Polish (the accusative after "w": "w \xc5\x9brod\xc4\x99"); names that start
	 * with a letter beyond a-z are not indexed ("\xc5\x9broda") */
	{ "poniedzia\xc5\x82" "ek", 1, 1 }, { "wtorek", 2, 1 }, { "czwartek", 4, 1 }, { "pi\xc4\x85tek", 5, 1 },
	{ "sobota", 6, 1 }, { "sobot\xc4\x99", 6, 1 }, { "niedziela", 0, 1 }, { "niedziel\xc4\x99", 0, 1 },
	/* Danish, Swedish, Czech (a-z first letters only, see above) */
	{ "mandag", 1, 1 }, { "m\xc3\xa5ndag", 1, 1 }, { "tirsdag", 2, 1 }, { "tisdag", 2, 1 },
	{ "onsdag", 3, 1 }, { "torsdag", 4, 1 }, { "fredag", 5, 1 },
	{ "pond\xc4\x9bl\xc3\xad", 1, 1 }, { "p\xc3\xa1tek", 5, 1 },
	/* Indonesian and Malay, before a date only ("minggu" is a week too) */
	{ "senin", 1, 0 }, { "selasa", 2, 0 }, { "rabu", 3, 0 }, { "kamis", 4, 0 },
	{ "jumat", 5, 0 }, { "sabtu", 6, 0 }, { "minggu", 0, 0 }, { "isnin", 1, 0 },
	{ "khamis", 4, 0 }, { "jumaat", 5, 0 }, { "ahad", 0, 0 },
};

/* The entries of a table by their first letter, built at first use:
 * name_at runs at every word start of every mail. */
struct name_index {
	unsigned char n[26];
	const struct name_num *v[26][32];
	bool built;
};

static void index_build(struct name_index *ix, const struct name_num *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = names[i].name[0] - 'a';

		if (c >= 0 && c < 26 && ix->n[c] < 32)
			ix->v[c][ix->n[c]++] = &names[i];
	}
	ix->built = true;
}

/* The entry of names whose name stands at p (a whole word), else NULL. */
static const struct name_num *name_at(const struct name_num *names, size_t n, const char *p)
{
	static struct name_index months, weekdays;
	struct name_index *ix = names == month_names ? &months : &weekdays;
	int c = (unsigned char)p[0] - 'a';

	if (c < 0 || c >= 26)
		return NULL;
	if (!ix->built)
		index_build(ix, names, n);
	for (size_t i = 0; i < ix->n[c]; i++) {
		const struct name_num *e = ix->v[c][i];
		size_t l;

		if (e->name[1] != p[1])
			continue;
		l = strlen(e->name);
		if (strncmp(p, e->name, l) == 0 && !is_word_byte((unsigned char)p[l]))
			return e;
	}
	return NULL;
}

/* Month starting at p (at a word start): 1-12 and *len, else 0. */
int month_at(const char *p, size_t *len)
{
	const struct name_num *e = name_at(month_names, ARRAY_LEN(month_names), p);

	if (e == NULL)
		return 0;
	*len = strlen(e->name);
	if (p[*len] == '.')
		(*len)++;
	return e->num;
}

int weekday_at(const char *p, size_t *len)
{
	const struct name_num *e = name_at(weekday_names, ARRAY_LEN(weekday_names), p);

	if (e == NULL)
		return -1;
	*len = strlen(e->name);
	return e->num;
}

/* A weekday at p that may stand alone, without a date ("Friday",
 * "mardi"), not an abbreviation or an ambiguous word. */
static bool weekday_alone_ok(const char *p)
{
	const struct name_num *e = name_at(weekday_names, ARRAY_LEN(weekday_names), p);

	return e != NULL && e->alone;
}

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
	    strncmp(p + i, "rd", 2) == 0 || strncmp(p + i, "th", 2) == 0 ||
	    (d == 1 && strncmp(p + i, "er", 2) == 0))   /* French "1er" */
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

	if (p[0] == '-' && isdigit((unsigned char)p[1]))
		i++;    /* "24-Dec-2026" */
	while (p[i] == ',' || p[i] == ' ')
		i++;
	if (strncmp(p + i, "de ", 3) == 0 || strncmp(p + i, "del ", 4) == 0)
		i += p[i + 2] == ' ' ? 3 : 4;   /* "8 de diciembre de 2026" */
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
		d->either = sep != '-' && a >= 1 && a <= 12 && b2 >= 1 && b2 <= 12 && a != b2;
	} else {
		return 0;
	}
	if (d->mo < 1 || d->mo > 12 || d->d < 1 || d->d > 31 || d->y < 1990 || d->y > 2100)
		return 0;
	return k;
}

/* After a day's number at low+i: the blanks, the German ordinal dot
 * ("8. Dezember") and the word joining it to its month ("9th of June",
 * "8 de diciembre"); the index of the month. */
static size_t after_day(const char *low, size_t i)
{
	if (low[i] == '.' && low[i + 1] == ' ')
		i++;
	if (low[i] == '-' && isalpha((unsigned char)low[i + 1]))
		return i + 1;   /* "24-Dec-2026" */
	i = skip_blank(low, i);
	if (strncmp(low + i, "of ", 3) == 0 || strncmp(low + i, "de ", 3) == 0)
		i += 3;
	return i;
}

/* An article between a weekday and its date ("Dienstag, den 1.", "el
 * martes 8", "the 9th" is read apart): skipped. */
static size_t skip_article(const char *low, size_t i)
{
	static const char *const articles[] = { "den", "der", "le", "el", "o", "de" };

	for (size_t k = 0; k < ARRAY_LEN(articles); k++) {
		if (word_at(low + i, articles[k]) && low[i + strlen(articles[k])] == ' ' &&
		    isdigit((unsigned char)low[i + strlen(articles[k]) + 1]))
			return i + strlen(articles[k]) + 1;
	}
	return i;
}

/* A day said relative to the mail's: "tomorrow", "morgen", "demain",
 * "mañana", "amanhã", "today"...  Words that also mean "morning" are no
 * day after the words that make them one ("guten Morgen", "por la
 * mañana", "10 de la mañana").  Length and *days, else 0. */
static const struct {
	const char *w;
	int days;
} relative_days[] = {
	{ "today", 0 }, { "tomorrow", 1 }, { "day after tomorrow", 2 },
	/* as texts shorten it: "Tmrw 10 am works" */
	{ "tmrw", 1 }, { "tmw", 1 }, { "tmr", 1 }, { "2moro", 1 },
	{ "heute", 0 }, { "morgen", 1 }, { "\xc3\xbc\x62\x65rmorgen", 2 }, { "uebermorgen", 2 },
	{ "aujourd'hui", 0 }, { "demain", 1 }, { "apr\xc3\xa8s-demain", 2 },
	{ "hoy", 0 }, { "ma\xc3\xb1\x61na", 1 }, { "pasado ma\xc3\xb1\x61na", 2 },
	{ "hoje", 0 }, { "amanh\xc3\xa3", 1 }, { "depois de amanh\xc3\xa3", 2 },
	{ "vandaag", 0 }, { "overmorgen", 2 },
	{ "oggi", 0 }, { "domani", 1 }, { "dopodomani", 2 },
	{ "dzisiaj", 0 }, { "dzi\xc5\x9b", 0 }, { "jutro", 1 }, { "pojutrze", 2 },
};

/* Days a lead before a relative day adds: "a week from today", "a week
 * tomorrow" (British), "a fortnight from today"; 0 when none. */
static int weeks_ahead(const char *low, size_t i)
{
	static const struct {
		const char *lead;
		int days;
	} leads[] = {
		{ "a week from ", 7 }, { "one week from ", 7 }, { "two weeks from ", 14 },
		{ "a fortnight from ", 14 }, { "a week ", 7 }, { "a fortnight ", 14 },
	};

	for (size_t k = 0; k < ARRAY_LEN(leads); k++) {
		size_t n = strlen(leads[k].lead);

		if (i >= n && memcmp(low + i - n, leads[k].lead, n) == 0 &&
		    (i == n || !is_word_byte((unsigned char)low[i - n - 1])))
			return leads[k].days;
	}
	return 0;
}

static size_t relative_day_at(const char *low, size_t i, int *days)
{
	static const char *const morning_leads[] = { "guten", "am", "jeden", "den", "heute",
		"la", "por", "esta", "goede", "de" };
	char w[16];

	for (size_t k = 0; k < ARRAY_LEN(relative_days); k++) {
		size_t l;

		if (relative_days[k].w[0] != low[i])
			continue;
		l = strlen(relative_days[k].w);
		if (strncmp(low + i, relative_days[k].w, l) != 0 || is_word_byte((unsigned char)low[i + l]))
			continue;
		if (relative_days[k].days == 1 && strcmp(relative_days[k].w, "tomorrow") != 0 &&
		    relative_days[k].w[0] != 't' && relative_days[k].w[0] != '2') {
			word_before(low, i, w, sizeof(w));
			if (i > 0 && word_of(w, morning_leads, ARRAY_LEN(morning_leads)) == strlen(w) && w[0])
				continue;
		}
		*days = relative_days[k].days + weeks_ahead(low, i);
		return l;
	}
	return 0;
}

/* Day and month without a year at s+i, "16/12", "16.12." ("12/16" in
 * US order; the order that makes a date when only one does): its length,
 * or 0.  Only read after a weekday, which makes it a date. */
static size_t short_date_at(const char *s, size_t i, bool us_order, struct date_m *d)
{
	const char *p = s + i;
	int a = 0, b = 0;
	size_t k = 0, na, nb;
	char sep;

	while (isdigit((unsigned char)p[k]) && k < 3)
		a = a * 10 + (p[k++] - '0');
	na = k;
	sep = p[k];
	if (na == 0 || na > 2 || (sep != '/' && sep != '.'))
		return 0;
	k++;
	while (isdigit((unsigned char)p[k]) && k - na - 1 < 3)
		b = b * 10 + (p[k++] - '0');
	nb = k - na - 1;
	if (nb == 0 || nb > 2 || is_word_byte((unsigned char)p[k]))
		return 0;
	if (sep == '.' && p[k] == '.' && !isdigit((unsigned char)p[k + 1]))
		k++;   /* "16.12." */
	else if (p[k] == sep)
		return 0;   /* "16/12/", "16.12.2026": a numeric date's, or none */
	if ((us_order && sep == '/' && a <= 12) || (b > 12 && a <= 12)) {
		d->mo = a;
		d->d = b;
	} else {
		d->d = a;
		d->mo = b;
	}
	d->either = a >= 1 && a <= 12 && b >= 1 && b <= 12 && a != b;
	return d->mo >= 1 && d->mo <= 12 && d->d >= 1 && d->d <= 31 ? k : 0;
}

/* Is the word before low+i one that puts a day after it ("am 30.11.",
 * "bis zum 4.12.", "no dia 10/12", "el 10/12", "on 12/10")?  A bare
 * "3.2." is as often a section's number as a day, "3/4" a fraction. */
static bool day_lead(const char *low, size_t i, bool us_order)
{
	static const char *const leads[] = { "am", "den", "vom", "bis", "zum", "ab", "dem",
		"f\xc3\xbcr", "fuer", "sp\xc3\xa4testens", "dia", "el", "le", "du", "au", "on", "op",
		"il", "del", "jour", "d\xc3\xad\x61" };
	char w[16];

	word_before(low, i, w, sizeof(w));
	if (w[0] == '\0' || word_of(w, leads, ARRAY_LEN(leads)) != strlen(w))
		return false;
	/* the English "on 12/10" is month first where a US zone is said, and
	 * either order elsewhere: read only when the numbers tell */
	if (strcmp(w, "on") == 0 && !us_order) {
		int a = atoi(low + i), b;
		const char *s = strchr(low + i, '/');

		b = s != NULL ? atoi(s + 1) : 0;
		return (a > 12) != (b > 12) || a == b;
	}
	return true;
}

/* Does a clock time with minutes or am/pm follow at low+j, after blanks,
 * a comma or a time word ("17/12 10:30", "17/12 om 10:30", "16.12. um
 * 9:30", "12/16 at 9am")?
 * It makes the day and month before it a date. */
static bool clock_follows(const char *low, size_t j)
{
	static const char *const leads[] = { "at ", "om ", "um ", "\xc3\xa0 ", "a las ", "\xc3\xa0s ",
		"alle ", "from ", "van ", "von ", "de " };
	int h, mi, ap;
	size_t n;

	if (low[j] == ',')
		j++;
	while (low[j] == ' ')
		j++;
	for (size_t k = 0; k < ARRAY_LEN(leads); k++)
		if (str_has_prefix(low + j, leads[k])) {
			j += strlen(leads[k]);
			break;
		}
	n = clock_at(low, j, &h, &mi, &ap);
	return n > 0 && (ap != 0 || low[j + 1] == ':' || low[j + 2] == ':' || low[j + 1] == '.' ||
	    low[j + 2] == '.');
}

/* A weekday right after a date ("24-Dec-2026 (Thursday)", "12/12/2026,
 * Saturday") belongs to it: the end past it, its number in *wd (the
 * date must fall on it: resolve_date), or j and *wd untouched. */
static size_t weekday_after(const char *low, size_t j, int *wd)
{
	size_t k = j, len;
	int w;
	bool br;

	if (low[k] == ',')
		k++;
	while (low[k] == ' ')
		k++;
	br = low[k] == '(';
	k += br;
	if ((w = weekday_at(low + k, &len)) < 0 || is_word_byte((unsigned char)low[k + len]))
		return j;
	k += len;
	if (br && low[k] != ')')
		return j;
	*wd = w;
	return k + br;
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
				d.end = weekday_after(low, i + len, &d.wday);
				out[n++] = d;
				i = d.end;
				continue;
			}
			/* "am 30.11. um 10:30", "no dia 10/12 às 15h": a day and
			 * month (the German one closed by its dot) after the word
			 * that makes it a day */
			if ((len = short_date_at(low, i, us_order, &d)) > 0 &&
			    (low[i + len - 1] == '.' || low[i + strspn(low + i, "0123456789")] == '/') &&
			    (day_lead(low, i, us_order) || clock_follows(low, i + len))) {
				d.pos = i;
				d.end = i + len;
				out[n++] = d;
				i += len;
				continue;
			}
			/* "9 June", "9th of June", "4 March 2027" */
			if ((day = day_at(low + i, &len)) > 0) {
				size_t j = after_day(low, i + len);

				if ((mo = month_at(low + j, &l2)) > 0) {
					d.d = day;
					d.mo = mo;
					j += l2;
					if ((d.y = year_at(low + j, &l2)) > 0)
						j += l2;
					d.pos = i;
					d.end = weekday_after(low, j, &d.wday);
					out[n++] = d;
					i = d.end;
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
			/* "March 18: we've added ..." is a date, "Mar 10:30" a
			 * clock */
			if ((day = day_at(low + j, &l2)) > 0 &&
			    !((low[j + l2] == ':' || low[j + l2] == '.') && isdigit((unsigned char)low[j + l2 + 1]))) {
				d.d = day;
				d.mo = mo;
				j += l2;
				if ((d.y = year_at(low + j, &l2)) > 0)
					j += l2;
				d.pos = i;
				d.end = weekday_after(low, j, &d.wday);
				out[n++] = d;
				i = d.end;
				continue;
			}
			i += len;
			continue;
		}
		if ((wd = weekday_at(low + i, &len)) >= 0) {
			size_t j = skip_blank(low, i + len);
			bool clock_next = false;

			/* "Tuesday the 9th of June": the date follows */
			if (strncmp(low + j, "the ", 4) == 0) {
				size_t k = j + 4;

				if ((day = day_at(low + k, &l2)) > 0) {
					k = after_day(low, k + l2);
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
					/* "Thursday the 7th": the next 7th that is a
					 * Thursday */
					d.wday = wd;
					d.dom = day;
					d.pos = i;
					d.end = k;
					out[n++] = d;
					i = k;
					continue;
				}
			}
			/* A weekday right before an explicit date is part of it
			 * ("Dienstag, den 1. Dezember", "le jeudi 26 novembre",
			 * "quinta (10/12)"). */
			if (low[j] == '(' && isdigit((unsigned char)low[j + 1]))
				j++;
			j = skip_article(low, j);
			/* "Wed 16/12": day and month without a year, made a date
			 * by the weekday before it (resolve_date checks it) */
			if ((l2 = short_date_at(low, j, us_order, &d)) > 0) {
				d.wday = wd;
				d.pos = i;
				d.end = j + l2;
				out[n++] = d;
				i = d.end;
				continue;
			}
			/* "Tue 3pm", "Tuesday 15:00": a clock right after makes
			 * a weekday of any of its names; other digits start the
			 * date read next ("Tuesday 15 December") */
			if (isdigit((unsigned char)low[j])) {
				int ch, cm, ca;

				clock_next = clock_at(low, j, &ch, &cm, &ca) > 0;
			}
			/* "Thu same time (3pm ET)": the clock said again;
			 * "next Thurs at 8am": the clock after "at" */
			clock_next |= str_has_prefix(low + j, "same time");
			if (!clock_next && str_has_prefix(low + j, "at ") &&
			    isdigit((unsigned char)low[j + 3])) {
				int ch, cm, ca;

				clock_next = clock_at(low, j + 3, &ch, &cm, &ca) > 0;
			}
			/* "Tuesday 15th", "Tue 15,": a day of the month and no
			 * month after it, the next 15th that is a Tuesday (as
			 * "Tuesday the 15th") */
			if (!clock_next && (day = day_at(low + j, &l2)) > 0) {
				size_t k = after_day(low, j + l2);
				int ch, cm, ca;

				if (month_at(low + k, &l2) <= 0 &&
				    (!isdigit((unsigned char)low[k]) || clock_at(low, k, &ch, &cm, &ca) > 0) &&
				    low[j + strspn(low + j, "0123456789")] != '.' &&
				    low[j + strspn(low + j, "0123456789")] != '/') {
					d.wday = wd;
					d.dom = day;
					d.pos = i;
					d.end = j + strspn(low + j, "0123456789stndrh");
					out[n++] = d;
					i = d.end;
					continue;
				}
			}
			if (!clock_next && (isdigit((unsigned char)low[j]) || month_at(low + j, &l2) > 0)) {
				i = j;
				continue;
			}
			if (clock_next || weekday_alone_ok(low + i)) {
				d.wday = wd;
				d.pos = i;
				d.end = i + len;
				/* British "Thursday week": a week after the next
				 * Thursday */
				if (strncmp(low + i + len, " week", 5) == 0 &&
				    !is_word_byte((unsigned char)low[i + len + 5])) {
					d.plus_days = 7;
					d.end += 5;
				}
				out[n++] = d;
			}
			i += len;
			continue;
		}
		if ((len = relative_day_at(low, i, &d.rel_days)) > 0) {
			d.pos = i;
			d.end = i + len;
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
	/* the Gulf writes the country after the clock: "4:00 PM KSA / 5:00
	 * PM UAE" */
	{ "KSA", "Asia/Riyadh", true }, { "UAE", "Asia/Dubai", true },
	/* South-East Asia: Indonesia's three, Malaysia, Indochina, the
	 * Philippines */
	{ "WIB", "Asia/Jakarta", true }, { "WITA", "Asia/Makassar", true },
	{ "WIT", "Asia/Jayapura", true }, { "MYT", "Asia/Kuala_Lumpur", true },
	{ "ICT", "Asia/Bangkok", true }, { "PHT", "Asia/Manila", true },
	{ "SAST", "Africa/Johannesburg", true }, { "CAT", "Africa/Maputo", true },
	{ "EAT", "Africa/Nairobi", true }, { "WAT", "Africa/Lagos", true },
	{ "south africa time", "Africa/Johannesburg", false },
	{ "south african time", "Africa/Johannesburg", false },
	{ "south africa standard time", "Africa/Johannesburg", false },
	{ "sa time", "Africa/Johannesburg", false },
	{ "east africa time", "Africa/Nairobi", false }, { "west africa time", "Africa/Lagos", false },
	{ "central africa time", "Africa/Maputo", false }, { "gulf standard time", "Asia/Dubai", false },
	{ "gulf time", "Asia/Dubai", false }, { "arabian standard time", "Asia/Dubai", false },
	{ "pacific", "America/Los_Angeles", false }, { "eastern", "America/New_York", false },
	{ "central european", "Europe/Berlin", false }, { "central", "America/Chicago", false },
	{ "mountain", "America/Denver", false }, { "uk time", "Europe/London", false },
	{ "british", "Europe/London", false }, { "india", "Asia/Kolkata", false },
	{ "nz time", "Pacific/Auckland", false }, { "new zealand time", "Pacific/Auckland", false },
	{ "australian eastern", "Australia/Sydney", false }, { "AET", "Australia/Sydney", true },
	{ "irish time", "Europe/Dublin", false }, { "israel time", "Asia/Jerusalem", false },
	{ "east coast time", "America/New_York", false },
	{ "west coast time", "America/Los_Angeles", false },
	{ "brasilia time", "America/Sao_Paulo", false },
	/* in the other languages: "heure de Paris", "hora de Madrid" */
	{ "heure de paris", "Europe/Paris", false }, { "heure de france", "Europe/Paris", false },
	{ "heure fran\xc3\xa7\x61ise", "Europe/Paris", false },
	{ "heure de bruxelles", "Europe/Brussels", false }, { "heure de gen\xc3\xa8ve", "Europe/Zurich", false },
	{ "heure de montr\xc3\xa9\x61l", "America/Toronto", false },
	/* Québec: "heure de l'Est", "HNE" (normale), "HAE" (avancée) */
	{ "heure de l'est", "America/Toronto", false },
	{ "heure de l\xe2\x80\x99\x65st", "America/Toronto", false },
	{ "heure normale de l'est", "America/Toronto", false }, { "HNE", "America/Toronto", true },
	{ "HAE", "America/Toronto", true }, { "heure de toronto", "America/Toronto", false },
	{ "heure du qu\xc3\xa9\x62\x65\x63", "America/Toronto", false },
	{ "heure du pacifique", "America/Los_Angeles", false },
	{ "heure du centre", "America/Chicago", false },
	{ "hora del este", "America/New_York", false },
	{ "hora del pac\xc3\xad\x66ico", "America/Los_Angeles", false },
	{ "hora del centro", "America/Mexico_City", false },
	{ "deutscher zeit", "Europe/Berlin", false }, { "deutsche zeit", "Europe/Berlin", false },
	{ "berliner zeit", "Europe/Berlin", false }, { "wiener zeit", "Europe/Vienna", false },
	{ "schweizer zeit", "Europe/Zurich", false },
	/* Swedish, Danish, Czech */
	{ "svensk tid", "Europe/Stockholm", false }, { "dansk tid", "Europe/Copenhagen", false },
	{ "k\xc3\xb8" "benhavnsk tid", "Europe/Copenhagen", false },
	{ "\xc4\x8d" "esk\xc3\xa9ho \xc4\x8d" "asu", "Europe/Prague", false },
	{ "pra\xc5\xbesk\xc3\xa9ho \xc4\x8d" "asu", "Europe/Prague", false },
	{ "mitteleurop\xc3\xa4ischer zeit", "Europe/Berlin", false },
	{ "hora de madrid", "Europe/Madrid", false }, { "hora peninsular", "Europe/Madrid", false },
	{ "hora espa\xc3\xb1ola", "Europe/Madrid", false }, { "hora de espa\xc3\xb1\x61", "Europe/Madrid", false },
	{ "hora de m\xc3\xa9xico", "America/Mexico_City", false },
	{ "hora de lisboa", "Europe/Lisbon", false }, { "hora de portugal", "Europe/Lisbon", false },
	{ "hora portuguesa", "Europe/Lisbon", false },
	{ "hora argentina", "America/Argentina/Buenos_Aires", false },
	{ "hora de argentina", "America/Argentina/Buenos_Aires", false },
	{ "horario argentino", "America/Argentina/Buenos_Aires", false },
	{ "hora de buenos aires", "America/Argentina/Buenos_Aires", false },
	{ "hor\xc3\xa1rio de bras\xc3\xadlia", "America/Sao_Paulo", false },
	{ "horario de brasilia", "America/Sao_Paulo", false },
	{ "hora de bras\xc3\xadlia", "America/Sao_Paulo", false },
	/* the capital's time after a clock: "às 15h de Brasília" */
	{ "de bras\xc3\xadlia", "America/Sao_Paulo", false },
	{ "de brasilia", "America/Sao_Paulo", false },
	{ "hor\xc3\xa1rio de lisboa", "Europe/Lisbon", false },
	{ "nederlandse tijd", "Europe/Amsterdam", false }, { "amsterdamse tijd", "Europe/Amsterdam", false },
	{ "belgische tijd", "Europe/Brussels", false },
	{ "ora italiana", "Europe/Rome", false }, { "ora di roma", "Europe/Rome", false },
	{ "ora locale italiana", "Europe/Rome", false }, { "ora di milano", "Europe/Rome", false },
	{ "czasu polskiego", "Europe/Warsaw", false }, { "czasu warszawskiego", "Europe/Warsaw", false },
	{ "czas polski", "Europe/Warsaw", false },
	{ "hora del centro de m\xc3\xa9xico", "America/Mexico_City", false },
	{ "hora del centro de mexico", "America/Mexico_City", false },
	{ "hora centro de m\xc3\xa9xico", "America/Mexico_City", false },
	{ "hora de la ciudad de m\xc3\xa9xico", "America/Mexico_City", false },
	{ "hora del centro", "America/Mexico_City", false },
	{ "hora cdmx", "America/Mexico_City", false }, { "hora de cdmx", "America/Mexico_City", false },
	/* the Caribbean and the other Americas' capitals */
	{ "hora de puerto rico", "America/Puerto_Rico", false },
	{ "puerto rico time", "America/Puerto_Rico", false },
	{ "hora de bogot\xc3\xa1", "America/Bogota", false }, { "hora de colombia", "America/Bogota", false },
	{ "hora de lima", "America/Lima", false }, { "hora de chile", "America/Santiago", false },
	{ "hora de santiago", "America/Santiago", false }, { "hora de caracas", "America/Caracas", false },
	{ "hora de santo domingo", "America/Santo_Domingo", false },
};

/* A city after a time names its civil time when it is alone in brackets
 * ("13:30 - 14:30 (Amsterdam)"), said with "time" ("Sydney time"), or
 * after "in" ("19:00-20:00 in Sydney"): an onsite in a city is on its
 * clock too.  Not a bare city after a time: "14:00 Berlin office" is a
 * place, its zone maybe another. */
static const struct zone_abbr city_zones[] = {
	{ "amsterdam", "Europe/Amsterdam", false }, { "berlin", "Europe/Berlin", false },
	{ "paris", "Europe/Paris", false }, { "london", "Europe/London", false },
	{ "madrid", "Europe/Madrid", false }, { "barcelona", "Europe/Madrid", false },
	{ "lisbon", "Europe/Lisbon", false }, { "lisboa", "Europe/Lisbon", false },
	{ "rome", "Europe/Rome", false }, { "roma", "Europe/Rome", false },
	{ "milan", "Europe/Rome", false }, { "milano", "Europe/Rome", false },
	{ "warsaw", "Europe/Warsaw", false }, { "warszawa", "Europe/Warsaw", false },
	{ "brussels", "Europe/Brussels", false }, { "bruxelles", "Europe/Brussels", false },
	{ "zurich", "Europe/Zurich", false }, { "vienna", "Europe/Vienna", false },
	{ "wien", "Europe/Vienna", false }, { "munich", "Europe/Berlin", false },
	{ "m\xc3\xbcnchen", "Europe/Berlin", false }, { "stockholm", "Europe/Stockholm", false },
	{ "dublin", "Europe/Dublin", false }, { "helsinki", "Europe/Helsinki", false },
	{ "new york", "America/New_York", false }, { "chicago", "America/Chicago", false },
	{ "denver", "America/Denver", false }, { "los angeles", "America/Los_Angeles", false },
	{ "san francisco", "America/Los_Angeles", false }, { "seattle", "America/Los_Angeles", false },
	{ "toronto", "America/Toronto", false }, { "s\xc3\xa3o paulo", "America/Sao_Paulo", false },
	{ "sao paulo", "America/Sao_Paulo", false }, { "mexico city", "America/Mexico_City", false },
	{ "bras\xc3\xadlia", "America/Sao_Paulo", false }, { "brasilia", "America/Sao_Paulo", false },
	{ "londres", "Europe/London", false },
	{ "cdmx", "America/Mexico_City", false }, { "singapore", "Asia/Singapore", false },
	{ "tokyo", "Asia/Tokyo", false }, { "sydney", "Australia/Sydney", false },
	{ "melbourne", "Australia/Melbourne", false }, { "brisbane", "Australia/Brisbane", false },
	{ "perth", "Australia/Perth", false }, { "adelaide", "Australia/Adelaide", false },
	{ "canberra", "Australia/Sydney", false }, { "auckland", "Pacific/Auckland", false },
	{ "wellington", "Pacific/Auckland", false }, { "hong kong", "Asia/Hong_Kong", false },
	{ "shanghai", "Asia/Shanghai", false }, { "beijing", "Asia/Shanghai", false },
	{ "seoul", "Asia/Seoul", false }, { "taipei", "Asia/Taipei", false },
	{ "manila", "Asia/Manila", false }, { "jakarta", "Asia/Jakarta", false },
	{ "bangkok", "Asia/Bangkok", false }, { "kuala lumpur", "Asia/Kuala_Lumpur", false },
	{ "mumbai", "Asia/Kolkata", false }, { "bangalore", "Asia/Kolkata", false },
	{ "bengaluru", "Asia/Kolkata", false }, { "new delhi", "Asia/Kolkata", false },
	{ "delhi", "Asia/Kolkata", false }, { "hyderabad", "Asia/Kolkata", false },
	{ "chennai", "Asia/Kolkata", false }, { "pune", "Asia/Kolkata", false },
	{ "tel aviv", "Asia/Jerusalem", false }, { "istanbul", "Europe/Istanbul", false },
	{ "athens", "Europe/Athens", false }, { "copenhagen", "Europe/Copenhagen", false },
	{ "oslo", "Europe/Oslo", false }, { "prague", "Europe/Prague", false },
	{ "budapest", "Europe/Budapest", false }, { "edinburgh", "Europe/London", false },
	{ "manchester", "Europe/London", false }, { "hamburg", "Europe/Berlin", false },
	{ "frankfurt", "Europe/Berlin", false }, { "rotterdam", "Europe/Amsterdam", false },
	{ "geneva", "Europe/Zurich", false }, { "lyon", "Europe/Paris", false },
	{ "vancouver", "America/Vancouver", false }, { "calgary", "America/Edmonton", false },
	{ "montreal", "America/Toronto", false }, { "montr\xc3\xa9" "al", "America/Toronto", false },
	{ "boston", "America/New_York", false }, { "atlanta", "America/New_York", false },
	{ "miami", "America/New_York", false }, { "austin", "America/Chicago", false },
	{ "dallas", "America/Chicago", false }, { "houston", "America/Chicago", false },
	{ "phoenix", "America/Phoenix", false }, { "buenos aires", "America/Argentina/Buenos_Aires", false },
	{ "bogot\xc3\xa1", "America/Bogota", false }, { "bogota", "America/Bogota", false },
	{ "lima", "America/Lima", false }, { "johannesburg", "Africa/Johannesburg", false },
	{ "joburg", "Africa/Johannesburg", false }, { "jozi", "Africa/Johannesburg", false },
	{ "cape town", "Africa/Johannesburg", false }, { "pretoria", "Africa/Johannesburg", false },
	{ "durban", "Africa/Johannesburg", false }, { "sandton", "Africa/Johannesburg", false },
	{ "nairobi", "Africa/Nairobi", false }, { "lagos", "Africa/Lagos", false },
	{ "accra", "Africa/Accra", false }, { "cairo", "Africa/Cairo", false },
	{ "casablanca", "Africa/Casablanca", false }, { "maputo", "Africa/Maputo", false },
	{ "kigali", "Africa/Kigali", false }, { "dubai", "Asia/Dubai", false },
	{ "abu dhabi", "Asia/Dubai", false }, { "riyadh", "Asia/Riyadh", false },
	{ "doha", "Asia/Qatar", false }, { "singapura", "Asia/Singapore", false },
	{ "singapour", "Asia/Singapore", false },
};

/* Countries of one time zone, and their people's adjective, as written
 * before "time" ("UAE time", "Norwegian time (CET)", "UK time"): never
 * alone, which "in Germany" or "German" are about anything. */
static const struct zone_abbr country_zones[] = {
	{ "uae", "Asia/Dubai", false }, { "emirati", "Asia/Dubai", false },
	{ "gulf", "Asia/Dubai", false }, { "saudi", "Asia/Riyadh", false },
	{ "qatar", "Asia/Qatar", false }, { "norway", "Europe/Oslo", false },
	{ "norwegian", "Europe/Oslo", false }, { "uk", "Europe/London", false },
	{ "british", "Europe/London", false }, { "ireland", "Europe/Dublin", false },
	{ "irish", "Europe/Dublin", false }, { "germany", "Europe/Berlin", false },
	{ "german", "Europe/Berlin", false }, { "france", "Europe/Paris", false },
	{ "french", "Europe/Paris", false }, { "netherlands", "Europe/Amsterdam", false },
	{ "dutch", "Europe/Amsterdam", false }, { "belgian", "Europe/Brussels", false },
	{ "belgium", "Europe/Brussels", false }, { "spain", "Europe/Madrid", false },
	{ "spanish", "Europe/Madrid", false }, { "italy", "Europe/Rome", false },
	{ "italian", "Europe/Rome", false }, { "swiss", "Europe/Zurich", false },
	{ "switzerland", "Europe/Zurich", false }, { "austria", "Europe/Vienna", false },
	{ "austrian", "Europe/Vienna", false }, { "sweden", "Europe/Stockholm", false },
	{ "swedish", "Europe/Stockholm", false }, { "denmark", "Europe/Copenhagen", false },
	{ "danish", "Europe/Copenhagen", false }, { "finland", "Europe/Helsinki", false },
	{ "finnish", "Europe/Helsinki", false }, { "poland", "Europe/Warsaw", false },
	{ "polish", "Europe/Warsaw", false }, { "portugal", "Europe/Lisbon", false },
	{ "portuguese", "Europe/Lisbon", false }, { "greek", "Europe/Athens", false },
	{ "turkish", "Europe/Istanbul", false }, { "israel", "Asia/Jerusalem", false },
	{ "israeli", "Asia/Jerusalem", false }, { "egypt", "Africa/Cairo", false },
	{ "kenya", "Africa/Nairobi", false }, { "nigeria", "Africa/Lagos", false },
	{ "south africa", "Africa/Johannesburg", false }, { "india", "Asia/Kolkata", false },
	{ "indian", "Asia/Kolkata", false }, { "singapore", "Asia/Singapore", false },
	{ "malaysia", "Asia/Kuala_Lumpur", false }, { "philippine", "Asia/Manila", false },
	{ "japan", "Asia/Tokyo", false }, { "japanese", "Asia/Tokyo", false },
	{ "korea", "Asia/Seoul", false }, { "korean", "Asia/Seoul", false },
	{ "china", "Asia/Shanghai", false }, { "chinese", "Asia/Shanghai", false },
	{ "colombia", "America/Bogota", false }, { "colombian", "America/Bogota", false },
	{ "peru", "America/Lima", false }, { "argentina", "America/Argentina/Buenos_Aires", false },
	{ "argentine", "America/Argentina/Buenos_Aires", false },
	{ "new zealand", "Pacific/Auckland", false }, { "nz", "Pacific/Auckland", false },
};

/* The city of city_zones at low+i, as a whole word: its zone and *len;
 * NULL when none. */
static const char *place_at(const struct zone_abbr *t, size_t nt, const char *low, size_t i,
    size_t *len)
{
	for (size_t k = 0; k < nt; k++) {
		size_t n = strlen(t[k].abbr);

		if (strncmp(low + i, t[k].abbr, n) == 0 && !is_word_byte((unsigned char)low[i + n])) {
			*len = n;
			return t[k].zone;
		}
	}
	return NULL;
}

static const char *city_at(const char *low, size_t i, size_t *len)
{
	return place_at(city_zones, ARRAY_LEN(city_zones), low, i, len);
}

void detect_preload_zones(void)
{
	/* resolving a name loads its rules, without expanding them (which a
	 * conversion would, for every worker) */
	for (size_t i = 0; i < ARRAY_LEN(zone_abbrs); i++)
		if (zone_abbrs[i].zone != NULL)
			(void)ics_zone_resolve(zone_abbrs[i].zone);
	for (size_t i = 0; i < ARRAY_LEN(city_zones); i++)
		(void)ics_zone_resolve(city_zones[i].zone);
}

const char *detect_zone_word(size_t i, const char **zone)
{
	if (i < ARRAY_LEN(zone_abbrs)) {
		*zone = zone_abbrs[i].zone;
		return zone_abbrs[i].abbr;
	}
	i -= ARRAY_LEN(zone_abbrs);
	if (i < ARRAY_LEN(city_zones)) {
		*zone = city_zones[i].zone;
		return city_zones[i].abbr;
	}
	return NULL;
}

bool is_zone_abbr(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(zone_abbrs); i++) {
		if (strcmp(name, zone_abbrs[i].abbr) == 0)
			return true;
	}
	return false;
}

/* A zone written at text+i (after a time).  Fills t->zone / fixed. */
static void zone_after(const char *text, const char *low, size_t i, struct time_m *t)
{
	size_t k;

	i = skip_blank(text, i);
	/* the hour's unit first: "de 10:00 a 11:00 h (hora del centro)" */
	if ((low[i] == 'h' && (low[i + 1] == ' ' || low[i + 1] == '(')) ||
	    (str_has_prefix(low + i, "hrs") && !isalpha((unsigned char)low[i + 3])))
		i = skip_blank(text, i + (low[i + 1] == 'r' ? 3 : 1));
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
	{
		size_t j = i, n = 0;
		bool bracket = text[j] == '(' || text[j] == '[', in;
		const char *city;

		if (bracket)
			i = j = skip_blank(text, j + 1);     /* "(CET)" is read below */
		/* "in Sydney", "hora de Bogotá", "heure de Montréal" */
		{
			static const char *const leads[] = { "in ", "hora de ", "horario de ",
				"hor\xc3\xa1rio de ", "heure de ", "ora di ", "waktu ", "\xc3\xa0 " };

			in = false;
			for (size_t q = 0; q < ARRAY_LEN(leads) && !in; q++) {
				if (strncmp(low + j, leads[q], strlen(leads[q])) == 0) {
					in = true;
					j = skip_blank(text, j + strlen(leads[q]));
				}
			}
		}
		if ((city = city_at(low, j, &n)) != NULL &&
		    ((bracket && (low[j + n] == ')' || low[j + n] == ']')) || in ||
		    word_at(low + skip_blank(text, j + n), "time"))) {
			snprintf(t->zone, sizeof(t->zone), "%s", city);
			return;
		}
		/* "Norwegian time (CET)", "(UAE time, GST / GMT+4)" */
		if ((city = place_at(country_zones, ARRAY_LEN(country_zones), low, j, &n)) != NULL &&
		    word_at(low + skip_blank(text, j + n), "time")) {
			snprintf(t->zone, sizeof(t->zone), "%s", city);
			return;
		}
	}
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

/* After an hour, the word for "o'clock": German, Dutch, English. */
static const char *const hour_words[] = { "uhr", "uur", "o'clock", "o\xe2\x80\x99" "clock",
	"hs", "hrs" };

/* The word between the two times of a range at p, with its blank: "-",
 * an en or em dash, "to", "until", "till", and "a", "bis", "à", "tot",
 * "até", "às" of the other languages ("de 10:00 a 11:00 h"); its length,
 * 0 when none.  The end must still be a later clock time. */
static size_t range_word(const char *p)
{
	static const char *const words[] = { "to ", "until ", "till ", "a ", "bis ", "\xc3\xa0 ",
		"tot ", "at\xc3\xa9 ", "\xc3\xa0s ", "as " };

	if (*p == '-')
		return 1;
	if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0)
		return 3;
	for (size_t k = 0; k < ARRAY_LEN(words); k++)
		if (str_has_prefix(p, words[k]))
			return strlen(words[k]);
	return 0;
}

/* Does "between" (its word in the other languages) stand right before
 * low[i]? */
static bool between_before(const char *low, size_t i)
{
	static const char *const words[] = { "between ", "entre ", "zwischen ", "tussen ", "tra " };

	for (size_t k = 0; k < ARRAY_LEN(words); k++) {
		size_t n = strlen(words[k]);

		if (i >= n && memcmp(low + i - n, words[k], n) == 0 &&
		    (i == n || !isalpha((unsigned char)low[i - n - 1])))
			return true;
	}
	return false;
}

/* The "and" of "between ... and ..." (a list's, lex_list_ands), with its
 * blank, at p: its length or 0. */
static size_t between_and(const char *p)
{
	size_t n = word_of(p, lex_list_ands.w, lex_list_ands.n);

	return n > 0 && p[n] == ' ' ? n + 1 : 0;
}

/* The zones' abbreviations that make a clock of what stands before them
 * ("11a MT", "1130 IST"), North America's first. */
static const char *const clock_zones[] = { "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst",
	"mdt", "pt", "pst", "pdt", "ist", "gmt", "utc", "cet", "sgt", "gst", "bst", "sast", "jst",
	"aest" };
#define US_CLOCK_ZONES 12

/* After "11a": a North American zone's abbreviation ("11a MT", "2p ET"). */
static bool us_zone_after(const char *p)
{
	if (*p == ' ')
		p++;
	return word_of(p, clock_zones, US_CLOCK_ZONES) > 0;
}

/* Four digits at p that can be a 24-hour time, HHMM, into *minutes;
 * the number of its digits' bytes (4) or 0. */
static size_t four_digit_time(const char *p, int *minutes)
{
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (isdigit((unsigned char)p[4]))
		return 0;
	*minutes = ((p[0] - '0') * 10 + (p[1] - '0')) * 60 + (p[2] - '0') * 10 + (p[3] - '0');
	return (p[0] - '0') * 10 + (p[1] - '0') <= 23 && (p[2] - '0') * 10 + (p[3] - '0') <= 59 ? 4 : 0;
}

/* The dash between two times at p, with its blanks ("-", " - ", the en
 * dash: range_word's, not its words): its length or 0. */
static size_t range_dash(const char *p)
{
	size_t k = *p == ' ' ? 1 : 0, l = range_word(p + k);

	if (l == 0 || isalpha((unsigned char)p[k]))
		return 0;
	k += l;
	return p[k] == ' ' ? k + 1 : k;
}

/* Do four digits at a read as a year of these centuries (1900-2099)? */
static bool year_digits(const char *a)
{
	return (a[0] == '1' && a[1] == '9') || (a[0] == '2' && a[1] == '0');
}

/* Two military times as a span ("0730-1030", "1100 \u2013 1130"): the
 * end after the start, within twelve hours, neither of them a year
 * ("2025-2030" is a plan, not a span). */
static bool military_span(int from, int to, const char *a, const char *b)
{
	return to > from && to - from <= 12 * 60 && !year_digits(a) && !year_digits(b);
}

/* Is the military time at low+i one end of a span with another? */
static bool military_in_span(const char *low, size_t i)
{
	const char *p = low + i;
	int from, to;
	size_t d;

	if (four_digit_time(p, &from) == 0)
		return false;
	if ((d = range_dash(p + 4)) > 0 && four_digit_time(p + 4 + d, &to) > 0 &&
	    military_span(from, to, p, p + 4 + d))
		return true;
	/* the end: "0730-1030" read from "1030" (the dash and the start
	 * before it, five to nine bytes back) */
	to = from;
	for (size_t back = 5; back <= 9 && back <= i; back++) {
		const char *q = p - back;

		if (four_digit_time(q, &from) > 0 && (q == low || !isdigit((unsigned char)q[-1])) &&
		    range_dash(q + 4) == back - 4 && military_span(from, to, q, p))
			return true;
	}
	return false;
}

/* Four digits of a 24-hour clock with no colon, made a time only by
 * what follows: hours ("1130 hrs") or a zone's abbreviation ("1130 IST",
 * "0930 GMT"), or by another such time it spans to ("0730-1030").
 * Returns the length of the digits and the word or 0. */
static size_t military_at(const char *low, size_t i, int *hh, int *mm)
{
	static const char *const hours[] = { "hrs", "hours", "h" };
	const char *p = low + i;
	size_t k = 4, l;
	int minutes;

	if (four_digit_time(p, &minutes) == 0)
		return 0;
	*hh = minutes / 60;
	*mm = minutes % 60;
	if (p[k] == ' ')
		k++;
	/* the zone is read after the time, as after any other: its word
	 * stays out of the time's length, the hours' word does not */
	if ((l = word_of(p + k, hours, ARRAY_LEN(hours))) > 0)
		return k + l;
	return word_of(p + k, clock_zones, ARRAY_LEN(clock_zones)) > 0 || military_in_span(low, i) ? 4 : 0;
}

/* The hour's sign after the hour's digits at p[k]: "15h", "15h30", and
 * the Belgian "14u", "10u30" (Dutch "uur"), never "24u", a day. */
static bool hour_sign(const char *p, size_t k, int hh)
{
	return p[k] == 'h' || (p[k] == 'u' && hh < 24);
}

/* Is the number at low+i a room's, a floor's or a gate's ("Room 2.14",
 * "Kresge 3-112" aside), never a time? */
static bool place_number(const char *low, size_t i)
{
	static const char *const before[] = { "room ", "rm ", "rm. ", "suite ", "office ", "floor ",
		"level ", "gate ", "platform ", "building ", "bldg ", "kamer ", "raum ", "salle ",
		"sala " };

	return phrase_ending_at(low, 0, i, before, ARRAY_LEN(before)) > 0;
}

/* One clock time at low+i: "10:30", "10.30am", "10am", "2 pm", "14h30",
 * "noon".  Returns length or 0; *h 0-23, *ampm 0 none, 1 am, 2 pm. */
size_t clock_at(const char *low, size_t i, int *h, int *mi, int *ampm)
{
	const char *p = low + i;
	size_t k = 0;
	int hh = 0, mm = 0, nd = 0;
	bool has_min = false;

	*ampm = 0;
	/* called at every byte: only a digit, "noon" or "midday" starts one */
	if (!isdigit((unsigned char)p[0]) && p[0] != 'n' && p[0] != 'm')
		return 0;
	/* a word of its own: not the end of "afternoon" */
	if ((i == 0 || !isalpha((unsigned char)p[-1])) && (word_at(p, "noon") || word_at(p, "midday"))) {
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
	if ((k = military_at(low, i, &hh, &mm)) > 0) {
		*h = hh;
		*mi = mm;
		return k;
	}
	if (place_number(low, i))
		return 0;
	while (isdigit((unsigned char)p[k]) && nd < 3) {
		hh = hh * 10 + (p[k++] - '0');
		nd++;
	}
	if (nd == 0 || nd > 2)
		return 0;
	if ((p[k] == ':' || p[k] == '.' || hour_sign(p, k, hh)) && isdigit((unsigned char)p[k + 1]) &&
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
		/* "2:30p", "11a MT": the letter alone, after minutes or before
		 * a zone */
		if (j == k && (p[j] == 'a' || p[j] == 'p') && !isalpha((unsigned char)p[j + 1]) &&
		    (has_min || us_zone_after(p + j + 1))) {
			*ampm = p[j] == 'a' ? 1 : 2;
			k = j + 1;
		} else if ((p[j] == 'a' || p[j] == 'p') && (p[j + 1] == 'm' || (p[j + 1] == '.' && p[j + 2] == 'm') ||
		    (p[j + 1] == '.' && p[j + 2] == ' ' && p[j + 3] == 'm' && p[j + 4] == '.'))) {
			/* "pm", "p.m", "p.m.", and the Spanish "p. m." */
			size_t l = p[j + 1] == 'm' ? 2 : p[j + 2] == ' ' ? 5 : 3;

			if (l == 3 && p[j + 3] == '.')
				l = 4;
			if (!isalpha((unsigned char)p[j + l])) {
				*ampm = p[j] == 'a' ? 1 : 2;
				k = j + l;
			}
		}
	}
	/* Québec's "13 h 30", "11 h": the hour's sign between blanks */
	if (*ampm == 0 && !has_min && p[k] == ' ' && p[k + 1] == 'h' &&
	    !is_word_byte((unsigned char)p[k + 2])) {
		k += 2;
		has_min = true;
		if (p[k] == ' ' && isdigit((unsigned char)p[k + 1]) && isdigit((unsigned char)p[k + 2]) &&
		    !isdigit((unsigned char)p[k + 3])) {
			mm = (p[k + 1] - '0') * 10 + (p[k + 2] - '0');
			k += 3;
		}
	}
	/* "15 Uhr", "14.00 uur", "15h", "10h (horário de Brasília)": the word
	 * for "o'clock" makes a bare hour a time, on the 24-hour clock */
	if (*ampm == 0) {
		size_t j = k, l;

		if (!has_min && hour_sign(p, j, hh) && !is_word_byte((unsigned char)p[j + 1])) {
			k = j + 1;
			has_min = true;
		} else {
			while (p[j] == ' ')
				j++;
			if ((l = word_of(p + j, hour_words, ARRAY_LEN(hour_words))) > 0) {
				k = j + l;
				has_min = true;
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

/* Is the time low[0..len) an hour alone, no minutes nor am/pm ("3 Uhr",
 * "3 o'clock")? */
static bool bare_hour(const char *low, size_t len)
{
	if (len >= 4 && isdigit((unsigned char)low[2]))
		return false;   /* "1130 IST": minutes */
	for (size_t k = 0; k < len; k++) {
		if (low[k] == ':' || low[k] == '.' || ((low[k] == 'h' || low[k] == 'u') && k > 0 && isdigit((unsigned char)low[k - 1])))
			return false;
		if (low[k] == 'a' || low[k] == 'p')
			return false;
	}
	return true;
}

/* The words before a clock time: "at 3", "um 3", "a las 3", "om 3". */
static const char *const time_leads[] = { "at", "um", "gegen", "las", "la", "om", "as",
	"vers", "alle", "around", "ore", "godz", "godzinie" };

/* Words that may follow an hour alone: "at 3 with Sarah", "at 11 works",
 * not "at 3 locations". */
static const char *const hour_follows[] = { "with", "for", "on", "via", "mit", "avec", "con",
	"com", "met", "then", "and", "your", "ihrer", "deiner", "votre", "ta", "tu", "su", "sua",
	"jouw", "uw", "works", "work", "suits", "suit", "sounds", "passt", "geht", "convient",
	"werkt", "past", "funciona", "serve",
	/* a place or a day after it: "at 11 at our office", "om 11 op hun
	 * kantoor", "um 11 im Büro", "at 3 sharp" */
	"at", "in", "op", "bij", "im", "au", "dans", "no", "na", "en", "sharp", "today",
	"tomorrow", "this", "next",
	/* a medium or a place, and the end of a German verb: "ruft dich
	 * morgen um 9 auf deine Handynummer an", "um 9 an", "um 9 bei uns",
	 * "um 9 per Zoom", "à 9 par téléphone", "om 9 aan de lijn" */
	"an", "auf", "bei", "per", "zu", "am", "statt", "vorbei", "par", "chez", "sur", "por",
	"pelo", "pela", "aan", "telefonisch", "online" };

/* A dash between spaces ends a clause: "tomorrow at 3 - I'll ring you"
 * (a hyphen, an en or an em dash). */
static bool clause_dash(const char *p)
{
	if (p[0] != ' ')
		return false;
	if (p[1] == '-' && p[2] == ' ')
		return true;
	return (unsigned char)p[1] == 0xe2 && (unsigned char)p[2] == 0x80 &&
	    ((unsigned char)p[3] == 0x93 || (unsigned char)p[3] == 0x94) && p[4] == ' ';
}

/* An hour standing alone after a time word, in a business mail: "at 3",
 * "tomorrow at 3 ET".  Only when it ends a clause, a zone or an aside in
 * brackets follows ("at 3 locations" is no time).  The half of the day is a guess: 1-7 is
 * afternoon, 8-12 morning and noon; t->guessed says so.  Length or 0. */
static size_t lone_hour(const char *text, const char *low, size_t i, struct time_m *t)
{
	char w[16];
	size_t k = i;
	int hh = 0;

	if (!isdigit((unsigned char)low[i]) || (i > 0 && low[i - 1] != ' '))
		return 0;
	while (isdigit((unsigned char)low[k]) && k - i < 3)
		hh = hh * 10 + (low[k++] - '0');
	if (k - i > 2 || hh < 1 || hh > 23 || is_word_byte((unsigned char)low[k]) ||
	    low[k] == ':' || (low[k] == '.' && isdigit((unsigned char)low[k + 1])) ||
	    low[k] == '-' || low[k] == '/' || low[k] == '%')
		return 0;
	word_before(low, i, w, sizeof(w));
	if (w[0] == '\0' || word_of(w, time_leads, ARRAY_LEN(time_leads)) != strlen(w))
		return 0;
	memset(t, 0, sizeof(*t));
	zone_after(text, low, k, t);
	if (t->zone[0] == '\0' && !t->has_fixed && low[k] != '\0' && strchr(".,;!?)\n", low[k]) == NULL &&
	    !(low[k] == ' ' && word_of(low + k + 1, hour_follows, ARRAY_LEN(hour_follows)) > 0) &&
	    !clause_dash(low + k) && !(low[k] == ' ' && low[k + 1] == '('))
		return 0;   /* an aside may follow: "tomorrow at 11 (one hour, Zoom)" */
	t->pos = i;
	t->end = k;
	t->h = hh >= 1 && hh <= 7 ? hh + 12 : hh;
	t->mi = 0;
	t->eh = t->emi = -1;
	t->guessed = hh <= 12;
	return k - i;
}

/* The hours as words: English, German, Dutch (1-12, index + 1). */
static const char *const hour_names[3][12] = {
	{ "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	  "twelve" },
	{ "eins", "zwei", "drei", "vier", "f\xc3\xbcnf", "sechs", "sieben", "acht", "neun", "zehn",
	  "elf", "zw\xc3\xb6lf" },
	{ "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
	  "twaalf" },
};

/* An hour 1-12 at p, as digits or a word of language lang (-1: digits
 * only): the hour and *len, else 0. */
static int hour_word_at(const char *p, int lang, size_t *len)
{
	int h = 0;
	size_t k = 0;

	while (isdigit((unsigned char)p[k]) && k < 2)
		h = h * 10 + (p[k++] - '0');
	if (k > 0 && !is_word_byte((unsigned char)p[k]) && p[k] != ':' && p[k] != '.') {
		*len = k;
		return h >= 1 && h <= 12 ? h : 0;
	}
	for (int i = 0; lang >= 0 && i < 12; i++) {
		if (word_at(p, hour_names[lang][i])) {
			*len = strlen(hour_names[lang][i]);
			return i + 1;
		}
	}
	return 0;
}

/* A time said in words: "half past two", "quarter to 3", the British
 * "half two" (2:30), the German "halb drei" and the Dutch "half drie"
 * (both 2:30).  The half of the day is guessed as for an hour alone.
 * Length or 0. */
static size_t worded_time(const char *text, const char *low, size_t i, struct time_m *t)
{
	static const struct {
		const char *lead;
		int lang, add;       /* minutes added to the hour named */
	} forms[] = {
		{ "half past ", 0, 30 }, { "quarter past ", 0, 15 }, { "quarter to ", 0, -15 },
		{ "half ", 0, 30 }, { "viertel nach ", 1, 15 }, { "halb ", 1, -30 },
		{ "kwart over ", 2, 15 }, { "half ", 2, -30 },
	};
	size_t len, l;
	int h, m;

	/* called at every byte: only the first letters of the forms go on */
	if (strchr("hqvk", low[i]) == NULL || low[i] == '\0' ||
	    (i > 0 && is_word_byte((unsigned char)low[i - 1])))
		return 0;
	for (size_t k = 0; k < ARRAY_LEN(forms); k++) {
		l = strlen(forms[k].lead);
		if (strncmp(low + i, forms[k].lead, l) != 0)
			continue;
		/* digits only where the language is sure: "halb 3", "half past 2",
		 * and "half 3" after the word that says whose it is: the
		 * English "at half 3" (3:30), the Dutch "om half 3" (2:30) */
		h = hour_word_at(low + i + l, forms[k].lang, &len);
		if (h != 0 && strcmp(forms[k].lead, "half ") == 0 && !isalpha((unsigned char)low[i + l])) {
			char w[8];

			word_before(low, i, w, sizeof(w));
			if (strcmp(w, forms[k].lang == 0 ? "at" : "om") != 0)
				continue;
		}
		if (h == 0)
			continue;
		m = h * 60 + forms[k].add;
		memset(t, 0, sizeof(*t));
		t->pos = i;
		t->end = i + l + len;
		t->h = m / 60 == 0 ? 12 : m / 60;   /* "halb eins" is half past twelve */
		t->mi = m % 60;
		if (t->h >= 1 && t->h <= 7)
			t->h += 12;
		t->eh = t->emi = -1;
		t->guessed = true;
		zone_after(text, low, t->end, t);
		return t->end - i;
	}
	return 0;
}

/* A clock time spoken in English words after "at": "at four-thirty",
 * "at ten fifteen", "at four o'clock" (a voicemail's transcript, a
 * note).  The half of the day is guessed as for an hour alone; "a.m."
 * or "p.m." after it settles it.  Length or 0. */
static size_t spoken_clock(const char *text, const char *low, size_t i, struct time_m *t)
{
	static const struct {
		const char *w;
		int m;
	} minutes[] = { { "o'clock", 0 }, { "o\xe2\x80\x99" "clock", 0 }, { "fifteen", 15 },
		{ "thirty", 30 }, { "forty-five", 45 }, { "forty five", 45 } };
	char w[8];
	size_t len, e;
	int h, ampm = 0;

	if (!isalpha((unsigned char)low[i]) || (i > 0 && is_word_byte((unsigned char)low[i - 1])))
		return 0;
	word_before(low, i, w, sizeof(w));
	if (strcmp(w, "at") != 0 || (h = hour_word_at(low + i, 0, &len)) == 0)
		return 0;
	e = i + len;
	if (low[e] != '-' && low[e] != ' ')
		return 0;
	for (size_t k = 0; k < ARRAY_LEN(minutes); k++) {
		size_t l = strlen(minutes[k].w);

		if (strncmp(low + e + 1, minutes[k].w, l) != 0 || is_word_byte((unsigned char)low[e + 1 + l]))
			continue;
		e += 1 + l;
		if (strncmp(low + e, " p.m.", 5) == 0 || strncmp(low + e, " pm", 3) == 0)
			ampm = 2;
		else if (strncmp(low + e, " a.m.", 5) == 0 || strncmp(low + e, " am", 3) == 0)
			ampm = 1;
		memset(t, 0, sizeof(*t));
		t->pos = i;
		t->end = e;
		t->h = h == 12 ? 0 : h;
		t->mi = minutes[k].m;
		if (ampm == 2 || (ampm == 0 && h >= 1 && h <= 7))
			t->h += 12;
		if (ampm == 0 && h == 12)
			t->h = 12;
		t->eh = t->emi = -1;
		t->guessed = ampm == 0;
		zone_after(text, low, t->end, t);
		return t->end - i;
	}
	return 0;
}

/* From text+j (after a clock time), past blanks, a zone's capitals
 * ("EST", "IST") and a short aside in brackets on the same line, to where
 * a range's dash may stand; j past the blanks when there is none. */
static size_t skip_to_range(const char *text, size_t j)
{
	size_t k = j, z;

	while (text[k] == ' ')
		k++;
	j = k;
	for (z = k; isupper((unsigned char)text[z]) && z - k < 6; z++)
		;
	if (z - k >= 2 && z - k <= 5 && !isalpha((unsigned char)text[z]))
		for (k = z; text[k] == ' '; k++)
			;
	if (text[k] == '(') {
		size_t e = strcspn(text + k, ")\n");

		if (text[k + e] == ')' && e < 60) {
			for (k += e + 1; text[k] == ' '; k++)
				;
			return range_word(text + k) > 0 ? k : j;
		}
	}
	return range_word(text + k) > 0 ? k : j;
}

static size_t find_times(const char *text, const char *low, struct time_m *out, size_t max)
{
	size_t i = 0, n = 0, len;

	while (low[i] && n < max) {
		struct time_m t;
		int h, mi, ampm, h2, mi2, ampm2, written_h;
		size_t j, l2;

		if ((len = clock_at(low, i, &h, &mi, &ampm)) == 0 &&
		    ((len = worded_time(text, low, i, &t)) > 0 ||
		    (len = spoken_clock(text, low, i, &t)) > 0 ||
		    (len = lone_hour(text, low, i, &t)) > 0)) {
			out[n++] = t;
			i += len;
			continue;
		}
		if (len == 0) {
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
				size_t band = between_before(low, i) ? between_and(low + k) : 0;

				if (nd <= 2 && hh >= 1 && hh <= 12 && (low[k] == '-' || band > 0 ||
				    strncmp(low + k, "\xe2\x80\x93", 3) == 0 || strncmp(low + k, "to ", 3) == 0)) {
					k += band > 0 ? band : low[k] == '-' ? 1 : low[k] == 't' ? 3 : 3;
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
		written_h = h;
		if (ampm == 0 && bare_hour(low + i, len) && h >= 1 && h <= 7) {
			h += 12;   /* "3 o'clock", "um 3 Uhr": business hours */
			t.guessed = true;
		} else if (ampm == 0 && h >= 1 && h <= 5 && (low[i + 1] == ':' || low[i + 1] == '.')) {
			/* "push us to 1:30", "(3.30)": one digit, no am/pm; a 24-hour
			 * writer writes 13:30, and nobody meets at 1:30 at night */
			h += 12;
			t.guessed = true;
		}
		t.h = h;
		t.mi = mi;
		t.eh = t.emi = -1;
		j = i + len;
		/* A range: "1-2pm", "15:00-15:45", "10:30 to 11:15am", "–";
		 * the start's zone and a conversion in brackets may stand
		 * before its dash: "11 AM IST (i.e. 4:30 PM Sydney time) -
		 * 12 PM IST" */
		{
			size_t k = skip_to_range(text, j);
			size_t rw = range_word(low + k);

			/* "between 4 and 5 pm", "entre 10h et 11h": "and" after
			 * "between" joins a range */
			if (rw == 0 && between_before(low, i))
				rw = between_and(low + k);

			if (rw > 0) {
				k += rw;
				while (low[k] == ' ')
					k++;
				/* a bare hour "2pm" after "1-" */
				if ((l2 = clock_at(low, k, &h2, &mi2, &ampm2)) > 0 ||
				    (isdigit((unsigned char)low[k]) && (l2 = 0, 1))) {
					if (l2 == 0) {
						/* "1-2" without suffix: not a range we trust */
						goto single;
					}
					/* "1-2pm", "1:00 - 1:30 p.m.": the start takes
					 * the end's half of day, guessed no more */
					if (ampm == 0 && ampm2 != 0 && written_h < 12) {
						int alt = ampm2 == 2 ? written_h + 12 : written_h;

						if (alt <= h2) {
							h = alt;
							t.guessed = false;
						}
						t.h = h;
					}
					/* a 12-hour clock that passes noon without
					 * saying so: "from 12:00 to 1:00", "11:00 to
					 * 1:30"; right after the start, no zone or
					 * conversion between ("16h (Brasília) - 11h
					 * Pacific" is the same time twice) */
					if (h2 * 60 + mi2 <= t.h * 60 + t.mi && ampm == 0 && ampm2 == 0 &&
					    t.h >= 9 && t.h <= 12 && skip_to_range(text, j) <= j + 1 &&
					    h2 >= 1 && h2 < 12 &&
					    (h2 + 12) * 60 + mi2 > t.h * 60 + t.mi &&
					    (h2 + 12) * 60 + mi2 - (t.h * 60 + t.mi) <= 8 * 60)
						h2 += 12;
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

/* The next day of the month d->dom, from the mail's date on, that falls
 * on d->wday, within a year ("Thursday the 7th" in mid-December: 7
 * January). */
static bool next_weekday_dom(const struct ctx *c, const struct date_m *d, int *y, int *mo,
    int *day)
{
	int yy = c->ref_tm.tm_year + 1900, mm = c->ref_tm.tm_mon + 1;

	for (int k = 0; k < 13; k++, mm++) {
		struct tm tm = { 0 };
		time_t t;

		if (mm > 12) {
			mm = 1;
			yy++;
		}
		if (d->dom > mdays(yy, mm) || (k == 0 && d->dom < c->ref_tm.tm_mday))
			continue;
		tm.tm_year = yy - 1900;
		tm.tm_mon = mm - 1;
		tm.tm_mday = d->dom;
		tm.tm_hour = 12;
		t = timegm(&tm);
		gmtime_r(&t, &tm);
		if (d->wday >= 0 && tm.tm_wday != d->wday)
			continue;
		*y = yy;
		*mo = mm;
		*day = d->dom;
		return true;
	}
	return false;
}

/* Resolve a date mention to y/m/d against the reference date. */
static int wday_of(int y, int mo, int d);

/* Day dd of month mm (of year yy, or the next such day from the mail's
 * date when yy is 0) on weekday wday (-1: any): true and the date. */
static bool resolve_md(const struct ctx *c, int yy, int mm, int dd, int wday, int *y, int *mo,
    int *day)
{
	*mo = mm;
	*day = dd;
	if (yy > 0) {
		*y = yy;
	} else {
		*y = c->ref_tm.tm_year + 1900;
		if (mm < c->ref_tm.tm_mon + 1 || (mm == c->ref_tm.tm_mon + 1 && dd < c->ref_tm.tm_mday))
			(*y)++;
	}
	if (*day > mdays(*y, *mo))
		return false;
	/* "Wed 16/12": the weekday must be that date's */
	return wday < 0 || wday_of(*y, *mo, *day) == wday;
}

static bool resolve_date(const struct ctx *c, const struct date_m *d, int *y, int *mo, int *day)
{
	struct tm tm;
	time_t t;

	if (d->mo > 0) {
		int y2, mo2, d2;
		bool one = resolve_md(c, d->y, d->mo, d->d, d->wday, y, mo, day);

		/* a numeric day and month either way round: the other order
		 * when this one is no date on its weekday ("by Wednesday,
		 * 9/12"); with no year, the nearer when both are ("Vendredi
		 * 11/12" from Montréal: 11 December 2026 and 12 November 2027
		 * are both Fridays) */
		if (d->either && resolve_md(c, d->y, d->d, d->mo, d->wday, &y2, &mo2, &d2) &&
		    (!one || (d->y == 0 && y2 * 372 + mo2 * 31 + d2 < *y * 372 + *mo * 31 + *day))) {
			*y = y2;
			*mo = mo2;
			*day = d2;
			return true;
		}
		return one;
	}
	t = c->ref + c->ref_off;
	if (d->dom > 0)
		return next_weekday_dom(c, d, y, mo, day);
	if (d->wday >= 0) {
		int ahead = (d->wday - c->ref_tm.tm_wday + 7) % 7;

		t += (time_t)((ahead == 0 ? 7 : ahead) + d->plus_days) * 86400;
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

/* Lengths as people write them, in the six languages: half an hour as
 * a phrase, small numbers as words, and the units (matched as word
 * starts: "minute" is "minutes" and "Minuten"). */
/* Lengths written as parts of an hour, in minutes: "half an hour",
 * "drie kwartier", "trois quarts d'heure", "eine Viertelstunde". */
static const struct {
	const char *w;
	int n;
} hour_parts[] = {
	{ "half an hour", 30 }, { "half-hour", 30 }, { "half hour", 30 }, { "une demi-heure", 30 },
	{ "une demi heure", 30 }, { "eine halbe stunde", 30 }, { "einer halben stunde", 30 },
	{ "media hora", 30 }, { "meia hora", 30 }, { "een half uur", 30 }, { "een halfuur", 30 },
	{ "three quarters of an hour", 45 }, { "a quarter of an hour", 15 },
	{ "drie kwartier", 45 }, { "een kwartier", 15 }, { "trois quarts d'heure", 45 },
	{ "trois quarts d\xe2\x80\x99heure", 45 }, { "un quart d'heure", 15 },
	{ "un quart d\xe2\x80\x99heure", 15 }, { "eine dreiviertelstunde", 45 },
	{ "einer dreiviertelstunde", 45 }, { "eine viertelstunde", 15 }, { "einer viertelstunde", 15 },
	{ "tres cuartos de hora", 45 }, { "un cuarto de hora", 15 }, { "tr\xc3\xaas quartos de hora", 45 },
	{ "um quarto de hora", 15 },
};
static const struct {
	const char *w;
	int n;
} number_words[] = {
	{ "an", 1 }, { "one", 1 }, { "two", 2 }, { "une", 1 }, { "un", 1 }, { "deux", 2 },
	{ "eine", 1 }, { "einer", 1 }, { "zwei", 2 }, { "una", 1 }, { "dos", 2 }, { "uma", 1 },
	{ "um", 1 }, { "duas", 2 }, { "dois", 2 }, { "een", 1 }, { "twee", 2 },
	/* the lengths of a call, in words: "twenty minutes", "une vingtaine de
	 * minutes", "dreißig Minuten" */
	{ "fifteen", 15 }, { "twenty", 20 }, { "thirty", 30 }, { "forty-five", 45 },
	{ "forty five", 45 }, { "sixty", 60 }, { "ninety", 90 },
	{ "quinze", 15 }, { "vingt", 20 }, { "trente", 30 }, { "quarante-cinq", 45 },
	{ "soixante", 60 }, { "quatre-vingt-dix", 90 }, { "quinzaine de", 15 },
	{ "vingtaine de", 20 }, { "trentaine de", 30 }, { "quarantaine de", 40 },
	{ "f\xc3\xbcnfzehn", 15 }, { "zwanzig", 20 }, { "drei\xc3\x9fig", 30 },
	{ "f\xc3\xbcnfundvierzig", 45 }, { "sechzig", 60 }, { "neunzig", 90 },
	{ "veinte", 20 }, { "treinta", 30 }, { "cuarenta y cinco", 45 }, { "sesenta", 60 },
	{ "noventa", 90 }, { "vinte", 20 }, { "trinta", 30 }, { "quarenta e cinco", 45 },
	{ "sessenta", 60 }, { "vijftien", 15 }, { "twintig", 20 }, { "dertig", 30 },
	{ "vijfenveertig", 45 }, { "zestig", 60 }, { "negentig", 90 },
	/* Belgian and Swiss French */
	{ "septante-cinq", 75 }, { "septante", 70 }, { "huitante", 80 }, { "octante", 80 },
	{ "nonante", 90 },
};
/* Units: as word starts ("minut" is "minutes", "Minuten", "minutos",
 * "minuti") and as whole short words (the Italian "ora", "ore"). */
static const char *const minute_starts[] = { "minut" };
static const char *const minute_words[] = { "min", "mins" };
static const char *const hour_starts[] = { "hour", "stunde", "heure", "hora" };
static const char *const hour_words_len[] = { "hr", "hrs", "std", "uur", "ora", "ore" };

static bool starts_any(const char *p, const char *const *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (str_has_prefix(p, w[k]))
			return true;
	return false;
}

/* A unit at p: 1 for minutes, 60 for hours, else 0. */
static int unit_at(const char *p)
{
	if (starts_any(p, minute_starts, ARRAY_LEN(minute_starts)) ||
	    word_of(p, minute_words, ARRAY_LEN(minute_words)) > 0)
		return 1;
	if (starts_any(p, hour_starts, ARRAY_LEN(hour_starts)) ||
	    word_of(p, hour_words_len, ARRAY_LEN(hour_words_len)) > 0)
		return 60;
	return 0;
}

/* After a unit at p: "before", "in advance": a lead time, not a length. */
static bool lead_time_after(const char *p)
{
	static const char *const leads[] = { "before", "prior", "ahead", "in advance", "early",
		"earlier", "vorher", "vor ", "avant", "antes", "voor", "later", "after" };

	while (is_word_byte((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	/* "we trekken er een uur voor uit": Dutch allots the time "for"
	 * it, no "before" */
	if (str_has_prefix(p, "voor uit"))
		return false;
	for (size_t k = 0; k < ARRAY_LEN(leads); k++)
		if (str_has_prefix(p, leads[k]))
			return true;
	return false;
}

/* A length written in the sentence around pos or the next one ("(90
 * minutes)", "a 30-minute call", "for an hour", "Durée prévue : une
 * heure", "Wir haben 60 Minuten eingeplant"), in minutes; 0 when none. */
static int length_in(const char *low, size_t s, size_t e);

/* A length said to be the whole ("so the whole thing will take an hour",
 * "allow approximately 1 hour 15 minutes in total") in low[s..e): the one
 * in the sentence that says so, over the parts before it ("a 15-minute
 * presentation followed by a 45-minute panel interview"); 0 when none. */
static int total_length(const char *low, size_t s, size_t e)
{
	static const char *const totals[] = { "in total", "the whole thing", "altogether",
		"all in all", "total of", "en tout", "insgesamt", "en total", "no total", "in totaal" };

	for (size_t k = 0; k < ARRAY_LEN(totals); k++) {
		const char *p = strstr(low + s, totals[k]);
		size_t ts, te;
		int n;

		if (p == NULL || (size_t)(p - low) >= e)
			continue;
		sentence_of(low, (size_t)(p - low), &ts, &te);
		if (ts < s)
			ts = s;
		if (te > e)
			te = e;
		/* the length after the words ("will take an hour"), else the
		 * one before them ("1 hour 15 minutes in total") */
		if ((n = length_in(low, (size_t)(p - low), te)) > 0 ||
		    (n = length_in(low, ts, (size_t)(p - low))) > 0)
			return n;
	}
	return 0;
}

static int duration_near(const char *low, size_t pos)
{
	size_t s, e, s2, e2;
	int n;

	sentence_of(low, pos, &s, &e);
	/* the next two sentences (a fragment like the "m." of "a.m." does
	 * not count), the first of the next paragraph too: a length is often
	 * said after the time ("We have planned 60 minutes.", "Plan on an
	 * hour.") */
	for (int more = 2; more > 0 && low[e] != '\0' && e < s + 500;) {
		size_t n2 = e + 1;

		while (low[n2] == '\n' || low[n2] == ' ')
			n2++;
		sentence_of(low, n2, &s2, &e2);
		if (e2 <= e)
			break;
		if (e2 - n2 >= 12)
			more--;
		e = e2;
	}
	if (e > s + 600)
		e = s + 600;
	/* a length said to be the whole may come a sentence later (a
	 * quoted title's "?" ends a sentence early) */
	s2 = e;
	if (low[e] != '\0') {
		size_t n2 = e + 1;

		while (low[n2] == '\n' || low[n2] == ' ')
			n2++;
		sentence_of(low, n2, &s2, &e2);
		s2 = e2 > e && e2 < s + 800 ? e2 : e;
	}
	n = total_length(low, s, s2);
	return n > 0 ? n : length_in(low, s, e);
}

/* Is a length labelled in low[s..i) ("durée", "duration", "Dauer")? */
static bool length_labelled(const char *low, size_t s, size_t i)
{
	static const char *const labels[] = { "dur", "dauer", "duur", "lengte" };
	size_t from = i > s + 32 ? i - 32 : s;

	for (size_t k = 0; k < ARRAY_LEN(labels); k++) {
		const char *p = strstr(low + from, labels[k]);

		if (p != NULL && (size_t)(p - low) < i)
			return true;
	}
	return false;
}

/* Does a word of approximation stand right before low+i ("environ 1h",
 * "ca. 1h", "etwa 1h")?  A clock time is not said so ("vers 10h" is). */
static bool approximate_before(const char *low, size_t s, size_t i)
{
	static const char *const approx[] = { "environ", "about", "approx.", "approximately",
		"ca.", "circa", "etwa", "ungef\xc3\xa4hr", "ongeveer", "aproximadamente", "aprox.",
		"cerca de" };
	size_t e = i;

	while (e > s && low[e - 1] == ' ')
		e--;
	return phrase_ending_at(low, s, e, approx, ARRAY_LEN(approx)) > 0;
}

/* Does low name a unit of length anywhere (a cheap test before reading
 * a whole text for a length)? */
static bool unit_somewhere(const char *low)
{
	static const char *const units[] = { "min", "hour", "stunde", "heure", "hora", "hr", "uur", "kwartier",
		"ora", "std" };

	for (size_t k = 0; k < ARRAY_LEN(units); k++)
		if (strstr(low, units[k]) != NULL)
			return true;
	return false;
}

/* After "an hour" or "2 hours" at p, n bytes to read: the minutes
 * written after it, else 0.  " and a half" in the languages read ("une
 * heure et demie", "una hora y media", "uma hora e meia", "un'ora e
 * mezza"): 30; a quarter's count after an optional "and" ("une heure
 * trente", "an hour and fifteen minutes", "eine Stunde und 15 Minuten"):
 * 15, 30 or 45, any other count (up to 59) only with a minute's unit
 * after it ("1 uur en 20 minuten").  "1.5 hours", "two and a half hours"
 * are read at the number. */
static int half_after(const char *p, size_t n)
{
	static const char *const halves[] = { " and a half", " et demie", " y media", " e meia",
		" e mezza", " e mezzo" };
	static const char *const ands[] = { "and", "et", "y", "e", "und", "en" };
	const char *end = p + n;
	size_t w;
	int m = -1;

	while (p < end && is_word_byte((unsigned char)*p))
		p++;
	for (size_t k = 0; k < ARRAY_LEN(halves); k++)
		if ((size_t)(end - p) >= strlen(halves[k]) && str_has_prefix(p, halves[k]))
			return 30;
	if (p >= end || *p != ' ')
		return 0;
	p++;
	if ((w = word_of(p, ands, ARRAY_LEN(ands))) > 0 && p[w] == ' ')
		p += w + 1;
	if (p >= end)
		return 0;
	if (isdigit((unsigned char)*p)) {
		m = 0;
		while (p < end && isdigit((unsigned char)*p) && m < 100)
			m = m * 10 + (*p++ - '0');
	} else {
		for (size_t k = 0; k < ARRAY_LEN(number_words) && m < 0; k++)
			if (number_words[k].n >= 15 && number_words[k].n < 60 && word_at(p, number_words[k].w)) {
				m = number_words[k].n;
				p += strlen(number_words[k].w);
			}
	}
	if (m <= 0 || m >= 60 || is_word_byte((unsigned char)*p))
		return 0;
	while (p < end && *p == ' ')
		p++;
	if (p < end && unit_at(p) == 1)
		return m;
	return m == 15 || m == 30 || m == 45 ? m : 0;
}

/* The first length written in low[s..e), in minutes; 0 when none. */
static int length_in(const char *low, size_t s, size_t e)
{
	size_t i, k;

	for (i = s; i < e; i++) {
		int n = -1, unit, half;
		size_t j = i;

		if (i > 0 && is_word_byte((unsigned char)low[i - 1]))
			continue;
		for (k = 0; k < ARRAY_LEN(hour_parts); k++)
			if (hour_parts[k].w[0] == low[i] && str_has_prefix(low + i, hour_parts[k].w))
				return hour_parts[k].n;
		/* "1.5 hours", "1,5 Stunden": 90 */
		if ((str_has_prefix(low + i, "1.5 ") || str_has_prefix(low + i, "1,5 ")) &&
		    unit_at(low + i + 4) == 60)
			return 90;
		if (isdigit((unsigned char)low[i])) {
			n = 0;
			while (j < e && isdigit((unsigned char)low[j]) && n < 1000)
				n = n * 10 + (low[j++] - '0');
		} else {
			for (k = 0; k < ARRAY_LEN(number_words) && n < 0; k++) {
				if (word_at(low + i, number_words[k].w)) {
					n = number_words[k].n;
					j = i + strlen(number_words[k].w);
				}
			}
			if (n < 0)
				continue;
		}
		if (low[j] == '-' || low[j] == ' ' || low[j] == '\'')
			j++;   /* "30-minute", "un'ora" */
		half = 0;
		if (str_has_prefix(low + j, "and a half ")) {
			half = 30;      /* "two and a half hours" */
			j += 11;
		}
		unit = unit_at(low + j);
		/* "Durée : 1h": an "h" alone is a length only where the
		 * sentence labels one (else "à 8h" is the time itself) */
		if (unit == 0 && low[j] == 'h' && !isalnum((unsigned char)low[j + 1]) &&
		    (length_labelled(low, s, i) || approximate_before(low, s, i)))
			unit = 60;
		/* "Durée : environ 1h30": the hours and the minutes */
		if (unit == 0 && low[j] == 'h' && isdigit((unsigned char)low[j + 1]) &&
		    isdigit((unsigned char)low[j + 2]) && !isalnum((unsigned char)low[j + 3]) &&
		    n >= 1 && n <= 8 && (low[j + 1] - '0') * 10 + (low[j + 2] - '0') < 60 &&
		    (length_labelled(low, s, i) || approximate_before(low, s, i)))
			return n * 60 + (low[j + 1] - '0') * 10 + (low[j + 2] - '0');
		if (unit != 0 && lead_time_after(low + j))
			continue;   /* "the link comes 1 hour before" */
		if (unit == 1 && n >= 5 && n <= 480)
			return n;
		if (unit == 60 && n >= 1 && n <= 8)
			return n * 60 + (half ? half : half_after(low + j, e - j));
	}
	return 0;
}

/* The date and time mentions of a text. */
/* What sole_date() reads once for all the times of a mail: the place of
 * the first date that names another day than the first date counted. */
struct sole_day {
	bool ready;
	size_t limit;     /* SIZE_MAX: every date names the same day */
};

struct mentions {
	struct date_m *dates;
	struct time_m *times;
	size_t nd, nt;
	struct sole_day *sole;
};

/* Is the line after the blank lines at llow+n a short heading alone in
 * its paragraph ("Your schedule:")? */
static bool heading_below(const char *llow, size_t n)
{
	size_t le;

	while (llow[n] == '\n')
		n++;
	le = n + strcspn(llow + n, "\n");
	return le > n && le - n < 60 && llow[le - 1] == ':' && llow[le] == '\n' && llow[le + 1] == '\n';
}

/* A time that opens a row of a plain-text schedule ("  09:30 - 10:15
 * Pair programming   Fiona ...", columns aligned with spaces: a run of
 * three after the time, or a dash before its item: "0730-1030 - Shadow
 * with Nikki"; an HTML table is read by detect_table.c) takes the
 * day named in the paragraph right before the schedule ("Here's your day
 * on Thursday 17 December"): the nearest full date before it, within a
 * few lines and one paragraph break. */
static const struct date_m *schedule_date(const struct ctx *c, const struct mentions *ms,
    const struct time_m *t)
{
	const struct date_m *best = NULL;
	size_t ls = t->pos, breaks = 0, k;
	bool bullet = false;

	while (ls > 0 && (c->llow[ls - 1] == ' ' || c->llow[ls - 1] == '\t'))
		ls--;
	/* "* 9:30 AM - 10:15 AM - Hiring Manager Interview": a list's row */
	if (ls > 0 && (c->llow[ls - 1] == '*' || c->llow[ls - 1] == '-')) {
		bullet = true;
		ls--;
		while (ls > 0 && (c->llow[ls - 1] == ' ' || c->llow[ls - 1] == '\t'))
			ls--;
	} else if (ls >= 3 && strncmp(c->llow + ls - 3, "\xe2\x80\xa2", 3) == 0) {
		bullet = true;   /* "•" */
		ls -= 3;
		while (ls > 0 && (c->llow[ls - 1] == ' ' || c->llow[ls - 1] == '\t'))
			ls--;
	}
	if (ls > 0 && c->llow[ls - 1] != '\n')
		return NULL;   /* not at a row's start */
	if (!bullet) {
		/* columns aligned with spaces: a run of three after the time */
		size_t le = strcspn(c->llow + t->end, "\n");
		char *row = xstrndup(c->llow + t->end, le);
		/* or a table's cells ("09:00 AM - 09:45 AM | Case presentation");
		 * or a dash between the time and its item ("0730-1030 -
		 * Shadow with Nikki") */
		const char *r = row + strspn(row, " ");
		bool aligned = strstr(row, "   ") != NULL || strchr(row, MESSAGE_HTML_CELL_SEP) != NULL ||
		    (r > row && (str_has_prefix(r, "- ") || str_has_prefix(r, "\xe2\x80\x93 ") ||
		    str_has_prefix(r, "\xe2\x80\x94 ")));

		free(row);
		if (!aligned)
			return NULL;
	}
	for (size_t j = 0; j < ms->nd; j++) {
		const struct date_m *dm = &ms->dates[j];

		if (dm->end <= t->pos && t->pos - dm->end <= 400 && (dm->mo > 0 || dm->dom > 0))
			best = dm;   /* dates are in text order: the last is the nearest */
	}
	if (best == NULL)
		return NULL;
	/* not the blank lines around the schedule's heading ("Your
	 * schedule:") */
	for (k = best->end; k + 1 < t->pos; k++)
		breaks += c->llow[k] == '\n' && c->llow[k + 1] == '\n' && !heading_below(c->llow, k + 1);
	return breaks <= 1 ? best : NULL;
}

/* Does the sentence of pos say a meeting starts or takes place: an
 * interview or a conversation's word, or a verb of starting ("we'll start
 * at 7:00 AM sharp", "you'll sit down with Ray around 9:00")? */
static bool meeting_said_at(const struct ctx *c, size_t pos)
{
	static const char *const verbs[] = { "start", "starts", "begin", "begins", "kick off",
		"sit down", "meet", "join", "session", "tour", "orientation", "beginnen", "beginnt",
		"commence", "comenzar", "come\xc3\xa7\x61", "begint",
		/* the meeting's span or its people: "The schedule (1000 hrs to
		 * 1330 hrs) and the panel are unchanged", "Timings: 10 AM" */
		"schedule", "panel", "timing", "timings", "slot" };
	size_t s, e;
	char *sent;
	bool r;

	sentence_of(c->low, pos, &s, &e);
	sent = xstrndup(c->low + s, e - s);
	/* or that the meeting's time stays ("The time is unchanged - 10:00
	 * to 11:30 AM EDT") */
	r = FIND_ANY(sent, lex_interview_words) != NULL ||
	    FIND_ANY(sent, lex_conversation_words) != NULL || FIND_ANY(sent, lex_time_kept) != NULL;
	for (size_t k = 0; !r && k < ARRAY_LEN(verbs); k++)
		r = find_phrase(sent, verbs[k]) != NULL;
	free(sent);
	return r;
}

/* The one day a mail names, for a time paragraphs below it that has no
 * date of its own ("your onsite next Tuesday, 12/22 ..." then "we'll
 * start at 7:00 AM sharp"): the last date before t, when every date
 * before t is that same day and it is at most 1,200 bytes above.  NULL
 * otherwise. */
static const struct date_m *sole_date(const struct ctx *c, const struct mentions *ms,
    const struct time_m *t)
{
	const struct date_m *last = NULL;
	size_t b = t->pos, j;
	int y, mo, d;

	/* every date, resolved once per mail: where the first other day is */
	if (!ms->sole->ready) {
		int y0 = 0, mo0 = 0, d0 = 0;
		bool first = true;

		ms->sole->ready = true;
		ms->sole->limit = SIZE_MAX;
		for (j = 0; j < ms->nd; j++) {
			if (header_line(c->llow, ms->dates[j].pos) ||
			    !resolve_date(c, &ms->dates[j], &y, &mo, &d))
				continue;
			if (!first && (y != y0 || mo != mo0 || d != d0)) {
				ms->sole->limit = ms->dates[j].pos;
				break;
			}
			first = false;
			y0 = y;
			mo0 = mo;
			d0 = d;
		}
	}
	if (ms->sole->limit < t->pos)
		return NULL;   /* another day named before t */
	/* "bis zum 22.12.": a date, no clock */
	for (j = 0; j < ms->nd; j++)
		if (ms->dates[j].pos < t->end && t->pos < ms->dates[j].end)
			return NULL;
	for (j = ms->nd; j > 0 && last == NULL; j--) {
		const struct date_m *dm = &ms->dates[j - 1];

		if (dm->end <= t->pos && !header_line(c->llow, dm->pos) &&
		    resolve_date(c, dm, &y, &mo, &d))
			last = dm;
	}
	if (last == NULL || t->pos - last->end > 1200 || (last->mo == 0 && last->dom == 0 &&
	    last->rel_days < 0 && last->wday < 0))
		return NULL;
	while (b > 0 && (c->llow[b - 1] == ' ' || c->llow[b - 1] == '\t'))
		b--;
	if (b == 0 || c->llow[b - 1] == '\n') {
		/* a time that opens its line: a card's, right under the date
		 * alone ("Tuesday, December 15, 2026" / "1:00 PM PST - 2:00
		 * PM PST"); not an agenda's row under a sentence that names
		 * the day ("Your agenda for Monday, March 8"), which is
		 * schedule_date's to read */
		size_t pe, ps, wl;

		for (pe = b; pe > 0 && (c->llow[pe - 1] == '\n' || c->llow[pe - 1] == ' '); pe--)
			;
		for (ps = pe; ps > 0 && c->llow[ps - 1] != '\n'; ps--)
			;
		while (ps < pe && c->llow[ps] == ' ')
			ps++;
		if (weekday_at(c->llow + ps, &wl) >= 0)   /* "Tuesday, " */
			ps += wl + strspn(c->llow + ps + wl, ", ");
		return last->pos <= ps + 1 && last->end + 2 >= pe ? last : NULL;
	}
	/* in prose, a sentence that says a meeting ("we'll start at 7:00
	 * AM sharp"); "SYD-MEL 6:05am" is a flight */
	return meeting_said_at(c, t->pos) ? last : NULL;
}

/* Are low[a] and low[b] (a < b) in one sentence? */
static bool same_sentence(const char *low, size_t a, size_t b)
{
	size_t s, e;

	sentence_of(low, b, &s, &e);
	return a >= s;
}

/* The date that goes with the time t: the nearest before it (or a bit
 * further after it) in the same paragraph; a weekday alone only right
 * next to it; else, for a schedule's row, the day named above the
 * schedule (schedule_date).  NULL when none. */
static const struct date_m *date_for(const struct ctx *c, const struct mentions *ms,
    const struct time_m *t)
{
	const struct date_m *best = NULL;
	size_t bestdist = SIZE_MAX, j;

	for (j = 0; j < ms->nd; j++) {
		const struct date_m *dm = &ms->dates[j];
		size_t dist;

		if (dm->end <= t->pos)
			dist = t->pos - dm->end;
		else if (dm->pos >= t->end)
			dist = (dm->pos - t->end) + 20;  /* a date after the time: a bit further */
		else
			continue;
		/* further than that only in the same sentence, before the
		 * time ("The new date is Tuesday 25 May 2027, same venue (Rimal
		 * Regional Office, Al Maryah Island, Abu Dhabi) and same
		 * programme: 09:00 to 14:00 GST") */
		if (dist > 80 && !(dm->end <= t->pos && dist <= 240 && dm->mo > 0 &&
		    same_sentence(c->low, dm->pos, t->pos)))
			continue;
		if (paragraph_between(c->low, dm->pos, t->pos))
			continue;
		/* a weekday alone only right next to the time */
		if (dm->mo == 0 && dist > 30)
			continue;
		if (dist < bestdist) {
			bestdist = dist;
			best = dm;
		}
	}
	if (best == NULL)
		best = schedule_date(c, ms, t);
	return best != NULL ? best : sole_date(c, ms, t);
}

/* The zone a mail says all its times are in ("All times are shown in
 * Central Time (CST).", "Times listed are Eastern", "alle Zeiten in
 * MEZ"): into t, when said. */
static void declared_zone(const struct ctx *c, struct time_m *t)
{
	static const char *const says[] = { "all times are shown in ", "all times are in ",
		"all times shown in ", "all times are listed in ", "all times listed in ",
		"all times are ", "times are shown in ", "times are in ", "times listed are in ",
		"times listed are ", "times shown are ", "all times in ", "all times ",
		"alle zeiten in ", "alle uhrzeiten in ", "tous les horaires sont en ",
		"todos los horarios son en ", "todos os hor\xc3\xa1rios s\xc3\xa3o em ",
		"alle tijden zijn in ",
		/* a schedule's column: "Time (SGT)", "Times (CET)" */
		"time (", "times (" };

	for (size_t k = 0; k < ARRAY_LEN(says); k++) {
		const char *p = strstr(c->low, says[k]);

		/* a column's head opens its line ("German time (CET), so
		 * 19:30 for you" is prose about one time) */
		if (p != NULL && says[k][strlen(says[k]) - 1] == '(' && p > c->low &&
		    c->llow[p - c->low - 1] != '\n')
			p = NULL;
		if (p != NULL) {
			struct time_m z = *t;

			size_t at = (size_t)(p - c->low) + strlen(says[k]);

			if (says[k][strlen(says[k]) - 1] == '(')
				at--;   /* the bracket is the zone's */
			zone_after(c->text, c->low, at, &z);
			if (z.zone[0] != '\0' || z.has_fixed) {
				*t = z;
				return;
			}
		}
	}
}

/* A time written without a zone borrows one: from after its date, from
 * the same time mentioned elsewhere with a zone, or from after that other
 * mention's date.  Updates ms->times[i]; returns it. */
static const struct time_m *borrow_zone(const struct ctx *c, struct mentions *ms, size_t i,
    const struct date_m *best)
{
	struct time_m *t = &ms->times[i];
	size_t j, k3;

	/* "09:30 - Monday, March 8, 2027 (Central European Time)" */
	if (t->zone[0] == '\0' && !t->has_fixed && best->end > t->end)
		zone_after(c->text, c->low, best->end, t);
	if (t->zone[0] != '\0' || t->has_fixed)
		return t;
	/* "11:00am Wed, Mar 10" in the subject, "11:00am ... (Eastern
	 * Time)" in the body: the same time, once with its zone */
	for (j = 0; j < ms->nt; j++) {
		const struct time_m *o = &ms->times[j];

		if (j != i && o->h == t->h && o->mi == t->mi && (o->zone[0] != '\0' || o->has_fixed)) {
			memcpy(t->zone, o->zone, sizeof(t->zone));
			t->has_fixed = o->has_fixed;
			t->fixed_off = o->fixed_off;
			return t;
		}
	}
	/* or the zone written after the date of that other mention */
	for (j = 0; j < ms->nt && t->zone[0] == '\0' && !t->has_fixed; j++) {
		const struct time_m *o = &ms->times[j];

		if (j == i || o->h != t->h || o->mi != t->mi)
			continue;
		for (k3 = 0; k3 < ms->nd; k3++) {
			if (ms->dates[k3].pos >= o->end && ms->dates[k3].pos - o->end < 20) {
				struct time_m tz4 = *t;

				zone_after(c->text, c->low, ms->dates[k3].end, &tz4);
				if (tz4.zone[0] != '\0' || tz4.has_fixed)
					*t = tz4;
				break;
			}
		}
	}
	/* or the zone the mail says all its times are in */
	if (t->zone[0] == '\0' && !t->has_fixed && !c->probe)
		declared_zone(c, t);
	return t;
}

/* Are the zones written at two times different ones ("17:00-18:00 JST
 * (19:00-20:00 in Sydney)": the same hour said again for the reader)? */
static bool zones_differ(const struct time_m *a, const struct time_m *b)
{
	if (a->zone[0] == '\0' || b->zone[0] == '\0')
		return false;
	if (a->has_fixed || b->has_fixed)
		return a->has_fixed != b->has_fixed || a->fixed_off != b->fixed_off;
	return strcmp(a->zone, b->zone) != 0;
}

/* The end of a range on day y-mo-d.  A schedule: "09:30 - 10:15 Ada",
 * "10:15 - 11:00 Tom" on the following lines of the same day ends with
 * the last slot; a range in another zone is no slot of it. */
static void range_end(const struct ctx *c, const struct mentions *ms, size_t i, int y, int mo,
    int d, struct prose_time *pt)
{
	const struct time_m *t = &ms->times[i];
	const char *z2;
	int last_end = t->eh * 60 + t->emi;
	size_t k2, j, prev_end = t->end;

	for (k2 = i + 1; k2 < ms->nt; k2++) {
		const struct time_m *n2 = &ms->times[k2];
		bool date_between = false;

		for (j = 0; j < ms->nd; j++) {
			if (ms->dates[j].pos >= prev_end && ms->dates[j].pos < n2->pos)
				date_between = true;
		}
		if (n2->eh < 0 || date_between || zones_differ(t, n2) ||
		    paragraph_between(c->ltext, prev_end, n2->pos) ||
		    n2->pos - prev_end > 200 || n2->h * 60 + n2->mi < last_end ||
		    n2->eh * 60 + n2->emi <= last_end || n2->eh * 60 + n2->emi - (t->h * 60 + t->mi) > 12 * 60)
			break;
		last_end = n2->eh * 60 + n2->emi;
		prev_end = n2->end;
	}
	local_to_utc(c, t, y, mo, d, last_end / 60 == 24 ? 23 : last_end / 60, last_end % 60,
	    &pt->end, &z2);
	pt->has_end = pt->end > pt->start;
}

/* Does the mail name one time only, t, however often (the subject and
 * the text may both write it, and a zone the reader's beside it)?  A
 * forward's header line names none. */
static bool one_time(const struct ctx *c, const struct mentions *ms, const struct time_m *t)
{
	for (size_t k = 0; k < ms->nt; k++) {
		const struct time_m *o = &ms->times[k];

		/* a forward's "Date: ... at 9:58 AM" is no meeting's */
		if ((o->h == t->h && o->mi == t->mi) || header_line(c->llow, o->pos))
			continue;
		/* the same time for the reader, in another zone written ("15
		 * Uhr MEZ" and "19:30 for you in Bengaluru (IST)") */
		if (t->zone[0] != '\0' && o->zone[0] != '\0' && strcmp(o->zone, t->zone) != 0 &&
		    o->eh < 0)
			continue;
		return false;
	}
	return true;
}

/* The end of the meeting said in words after its time t, in its sentence
 * or the next ("we expect it to finish by 3.45pm", "(finishes around
 * 4pm)", "endet gegen 16 Uhr", "se terminera vers 17h"): the index of
 * that time in ms, or -1.  It outweighs a part's length ("a 40-minute
 * lesson"). */
static ssize_t end_said(const struct ctx *c, const struct mentions *ms, size_t i)
{
	const struct time_m *t = &ms->times[i];
	size_t s, e, s2, e2;

	sentence_of(c->low, t->pos, &s, &e);
	if (c->low[e] != '\0') {
		sentence_of(c->low, e + 1, &s2, &e2);
		if (e2 > e)
			e = e2;
	}
	for (size_t k = i + 1; k < ms->nt; k++) {
		const struct time_m *n = &ms->times[k];
		size_t b = n->pos > t->end + 40 ? n->pos - 40 : t->end;
		int len = (n->h * 60 + n->mi) - (t->h * 60 + t->mi);

		if (n->pos >= e || paragraph_between(c->ltext, t->end, n->pos))
			break;
		if (n->eh >= 0 || zones_differ(t, n) || len <= 0 || len > 12 * 60)
			continue;
		{
			/* its own words up to the time: nothing in between that
			 * starts another thing (a comma) */
			char *lead = xstrndup(c->low + b, n->pos - b);
			const char *w = FIND_ANY(lead, lex_meeting_ends);
			bool said = w != NULL && strchr(w, ',') == NULL;

			free(lead);
			if (said)
				return (ssize_t)k;
		}
	}
	return -1;
}

/* The end of a single time: a length said near it ("(45 minutes)"), or
 * anywhere in a mail that names no other time, or an "End: ..." line
 * right after it. */
static void single_end(const struct ctx *c, const struct mentions *ms, size_t i, int y, int mo,
    int d, struct prose_time *pt)
{
	const struct time_m *t = &ms->times[i];
	int mins;
	size_t j;
	ssize_t k = end_said(c, ms, i);

	if (k >= 0) {
		const char *z2;

		local_to_utc(c, t, y, mo, d, ms->times[k].h == 24 ? 23 : ms->times[k].h, ms->times[k].mi,
		    &pt->end, &z2);
		pt->has_end = pt->end > pt->start;
		return;
	}
	/* a length said to be the whole, anywhere after the time ("Please
	 * allow approximately 1 hour 15 minutes in total." below the list
	 * of its parts) */
	mins = total_length(c->low, t->pos, strnlen(c->low, t->pos + 3000));
	if (mins == 0)
		mins = duration_near(c->low, t->pos);

	/* the mail's one time (however often written): a length said
	 * anywhere in it is its length ("It'll run 60 minutes." a
	 * paragraph before the time) */
	if (mins == 0 && one_time(c, ms, t) && unit_somewhere(c->low))
		mins = length_in(c->low, 0, strnlen(c->low, 8000));

	if (mins == 0) {
		/* the same time written again as a range ("um 15:00 Uhr" in
		 * the prose, "Uhrzeit: 15:00 – 15:45 Uhr" in the facts below):
		 * its end */
		for (j = 0; j < ms->nt; j++) {
			const struct time_m *r = &ms->times[j];

			if (j != i && r->eh >= 0 && r->h == t->h && r->mi == t->mi && !zones_differ(t, r) &&
			    r->eh * 60 + r->emi > t->h * 60 + t->mi && r->eh * 60 + r->emi - (t->h * 60 + t->mi) <= 8 * 60) {
				const char *z2;

				local_to_utc(c, t, y, mo, d, r->eh == 24 ? 23 : r->eh, r->emi, &pt->end, &z2);
				pt->has_end = pt->end > pt->start;
				return;
			}
		}
	}
	if (mins > 0) {
		pt->end = pt->start + (time_t)mins * 60;
		pt->has_end = true;
	} else if (i + 1 < ms->nt && ms->times[i + 1].pos - t->end < 200 &&
	    line_starts_with(c->llow, ms->times[i + 1].pos, "end")) {
		/* "Start: ... / End: 2027-03-18T17:00:00Z" */
		const struct time_m *t2 = &ms->times[i + 1];
		const struct date_m *d2 = NULL;
		int y2 = y, mo2 = mo, dd2 = d;
		const char *z2;

		for (j = 0; j < ms->nd; j++) {
			if (ms->dates[j].end <= t2->pos && t2->pos - ms->dates[j].end < 30 &&
			    ms->dates[j].pos > t->end)
				d2 = &ms->dates[j];
		}
		if (d2 == NULL || resolve_date(c, d2, &y2, &mo2, &dd2)) {
			local_to_utc(c, t2, y2, mo2, dd2, t2->h == 24 ? 23 : t2->h, t2->mi, &pt->end, &z2);
			pt->has_end = pt->end > pt->start && pt->end - pt->start < 86400;
		}
	}
}

/* The word leading up to low[pos]: the first one before it that is
 * neither a filler ("on", "the") nor a weekday, at most four words back.
 * Into w ("" when none). */
static void lead_word(const char *low, size_t pos, char *w, size_t wlen)
{
	static const char *const fillers[] = { "on", "at", "the", "is", "of", "op", "het", "am",
		"le", "el", "o", "den", "der" };
	size_t len;

	for (int k = 0; k < 4; k++) {
		/* a label in the cell before ("Complete by\nThursday ...") */
		while (pos > 0 && (low[pos - 1] == ' ' || low[pos - 1] == ':' || low[pos - 1] == ',' ||
		    low[pos - 1] == '\n'))
			pos--;
		word_before(low, pos, w, wlen);
		if (w[0] == '\0')
			return;
		if (word_of(w, fillers, ARRAY_LEN(fillers)) != strlen(w) &&
		    !(weekday_at(w, &len) >= 0 && len == strlen(w)))
			return;
		pos -= strlen(w);
	}
	w[0] = '\0';
}

/* From s+k, past any run of the words leads[0..n) ("next ", "the "; "but
 * at "): where the rest starts. */
static size_t skip_leads(const char *s, size_t k, const char *const *leads, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (str_has_prefix(s + k, leads[i])) {
			k += strlen(leads[i]);
			i = (size_t)-1;   /* from the first word again */
		}
	}
	return k;
}

/* "can we move your chat with Owen to Monday", "could we push the
 * coffee for the Senior Backend Engineer role from Tuesday to Wednesday,
 * 12/9": a verb of moving asked by the writer ("can we", "could we",
 * "would it be ok to"), then " to " right before the meeting's date or
 * time at offset at of q (past "next", "the"...), however long the
 * meeting's name between them.  "Could we move forward to a call?" moves
 * nothing to a time. */
static bool move_to_asked(const char *q, size_t at)
{
	static const char *const asks[] = { "can we ", "could we ", "could i ", "can i ",
		"would it be ok to ", "would it be okay to ", "would you mind if we " };
	static const char *const verbs[] = { "move ", "push ", "bump ", "shift " };
	static const char *const leads[] = { "next ", "this ", "the ", "on ", "at " };

	for (size_t a = 0; a < ARRAY_LEN(asks); a++) {
		const char *p = strstr(q, asks[a]);

		if (p == NULL)
			continue;
		p += strlen(asks[a]);
		for (size_t v = 0; v < ARRAY_LEN(verbs); v++) {
			const char *to;

			if (!str_has_prefix(p, verbs[v]))
				continue;
			for (to = strstr(p, " to "); to != NULL && (size_t)(to - q) < at;
			     to = strstr(to + 1, " to ")) {
				size_t wl, k = skip_leads(q, (size_t)(to - q) + 4, leads,
				    ARRAY_LEN(leads));   /* "to next Monday" */

				/* "to Monday, Dec 7": the weekday of the date */
				if (k != at && weekday_at(q + k, &wl) >= 0)
					k += wl + strspn(q + k + wl, ", ");
				if (k == at)
					return true;
			}
		}
	}
	return false;
}

/* Does the question low[s..e) move the interview ("Can we push to Fri
 * same time?", "Wäre es in Ordnung, das Gespräch auf Mittwoch zu
 * verschieben?"): a new time proposed, read as one not yet agreed? */
static bool question_moves(const struct ctx *c, size_t s, size_t e, size_t at)
{
	char *sent = xstrndup(c->low + s, e - s);
	bool r = FIND_ANY(sent, lex_resched_words) != NULL ||
	    (at >= s && move_to_asked(sent, at - s));

	/* "Could we instead see you on Monday, 2-3pm?  Same room.  I've gone
	 * ahead and held that time.": another time, which the writer holds
	 * already (said in the rest of the paragraph) */
	if (!r && has_word_ci(sent, "instead") && c->low[e] != '\0') {
		const char *para = strstr(c->low + e + 1, "\n\n");
		size_t len = para ? (size_t)(para - (c->low + e + 1)) : strlen(c->low + e + 1);
		char *rest = xstrndup(c->low + e + 1, len < 400 ? len : 400);

		r = FIND_ANY(rest, lex_time_held) != NULL;
		free(rest);
	}
	free(sent);
	return r;
}

/* A date and time that are no meeting: a deadline ("complete it by
 * Friday 5pm", "due on 3 March at 17:00") or a question ("could you do
 * Tuesday at 3pm?") that moves nothing. */
static bool not_a_meeting(const struct ctx *c, const struct date_m *d, const struct time_m *t)
{
	size_t at = d->pos < t->pos ? d->pos : t->pos, s, e;
	char w[24];

	/* "11:59 PM", "23:59": the end of a day is a deadline's hour, no
	 * meeting's */
	if (t->h == 23 && t->mi == 59)
		return true;
	lead_word(c->low, at, w, sizeof(w));
	/* a day named far above (sole_date): the time's own lead ("get to
	 * the guard shack by 6:45") */
	if (d->end + 30 < t->pos && (w[0] == '\0' ||
	    word_of(w, lex_deadline_leads.w, lex_deadline_leads.n) != strlen(w)))
		lead_word(c->low, t->pos, w, sizeof(w));
	sentence_of(c->low, t->pos, &s, &e);
	/* a deadline has no end, and nothing is moved to it: a range ("till
	 * torsdag 14 januari kl. 09.30-10.30", Swedish "to") or a time a move
	 * goes to ("vi flyttar intervjun till torsdag ...") is an appointment */
	if (w[0] != '\0' && t->eh < 0 &&
	    word_of(w, lex_deadline_leads.w, lex_deadline_leads.n) == strlen(w)) {
		size_t ms, me;
		char *sent;
		bool moved;

		sentence_of(c->low, at, &ms, &me);   /* the date's: "kl." ends none */
		sent = xstrndup(c->low + ms, me - ms);
		moved = FIND_ANY(sent, lex_resched_words) != NULL;
		free(sent);
		if (!moved)
			return true;
	}
	return c->low[e] == '?' && !question_moves(c, s, e, at);
}

/* Is there, among ms's times after the i-th, a meeting on another day
 * than y-mo-d ("1) Tuesday 15 December, 10:00  2) Wednesday 16 ...")? */
static bool meeting_other_day(const struct ctx *c, struct mentions *ms, size_t i, int y, int mo,
    int d)
{
	for (i++; i < ms->nt; i++) {
		const struct time_m *t = &ms->times[i];
		const struct date_m *best;
		int y2, mo2, d2;

		if (header_line(c->llow, t->pos))
			continue;
		if ((best = date_for(c, ms, t)) == NULL || !resolve_date(c, best, &y2, &mo2, &d2) ||
		    not_a_meeting(c, best, t))
			continue;
		if (y2 != y || mo2 != mo || d2 != d)
			return true;
	}
	return false;
}

/* The words that make a weekday the coming one, or the one after:
 * "next Tuesday", "this Friday", "nächsten Montag", "volgende week". */
static const char *const next_words[] = { "next", "this", "coming", "n\xc3\xa4\x63hsten",
	"n\xc3\xa4\x63hste", "kommenden", "diesen", "pr\xc3\xb3ximo", "pr\xc3\xb3xima",
	"volgende", "komende", "deze" };

/* Is a day read from the mail's Date in doubt?  "Tomorrow", "morgen",
 * "Thursday" counted from a Date the mail has are sure; "next Tuesday"
 * (this coming one or the one after?), a weekday named on that same
 * weekday, or any of them without a Date are not. */
static bool relative_doubt(const struct ctx *c, const struct date_m *d)
{
	char w[24];

	if (d->mo > 0 || d->dom > 0)
		return false;
	if (!c->m->has_date)
		return true;
	if (d->wday < 0)
		return false;
	if (d->wday == c->ref_tm.tm_wday)
		return true;
	word_before(c->low, d->pos, w, sizeof(w));
	return w[0] != '\0' && word_of(w, next_words, ARRAY_LEN(next_words)) == strlen(w);
}

/* Does the line of pos start (past blanks and a bullet, in brackets or
 * not) with one of labels, closed by ":", ")" or "]", before pos? */
static bool line_labelled(const struct ctx *c, size_t pos, const char *const *labels, size_t nl)
{
	size_t b = pos, k;

	while (b > 0 && c->llow[b - 1] != '\n')
		b--;
	b = skip_list_marks(c->llow, b);
	k = b + (c->llow[b] == '(' || c->llow[b] == '[');
	for (size_t i = 0; i < nl; i++) {
		size_t n = strlen(labels[i]);

		if (strncmp(c->llow + k, labels[i], n) == 0 && k + n < pos &&
		    c->llow[k + n] != '\0' && strchr(":)]", c->llow[k + n]) != NULL)
			return true;
	}
	return false;
}

/* Is the time at pos on a line labelled as the old one of a move
 * ("(Before) December 4th, 17:00", "Old time: ...", "Bisher: ...")?  The
 * writer withdrew it. */
static bool old_time_line(const struct ctx *c, size_t pos)
{
	static const char *const labels[] = { "before", "old", "old time", "previous", "previously",
		"original", "originally", "was", "bisher", "alt", "alter termin", "ancien", "ancienne",
		"avant", "antes", "anterior", "oud", "eerder", "oorspronkelijk" };

	return line_labelled(c, pos, labels, ARRAY_LEN(labels));
}

/* Is the time at pos on a line labelled as the new one of a move ("Neuer
 * Termin: Freitag, 27.11.2026, 09:30", "New time:", "(After) ...")? */
static bool new_time_line(const struct ctx *c, size_t pos)
{
	static const char *const labels[] = { "new time", "new date", "new slot", "new timing",
		"updated time", "revised time", "neuer termin", "neue zeit", "neues datum",
		"nouvelle date", "nouvel horaire", "nouveau cr\xc3\xa9neau", "nueva fecha",
		"nuevo horario", "nova data", "novo hor\xc3\xa1rio", "nieuwe tijd", "nieuwe datum",
		"nieuw tijdstip", "after", "now" };

	return line_labelled(c, pos, labels, ARRAY_LEN(labels));
}

/* Does the sentence move something: a verb of moving that goes nowhere
 * but on ("moving forward", "push ahead" move nothing), or a word of
 * rescheduling? */
static bool meeting_moved(const char *sent)
{
	static const char *const on[] = { "forward", "ahead", "on", "along", "quickly" };
	const char *p = FIND_ANY(sent, lex_move_verbs);
	int tries = 8;

	if (FIND_ANY(sent, lex_resched_words) != NULL)
		return true;
	for (; p != NULL && tries-- > 0; p = FIND_ANY(p + 1, lex_move_verbs)) {
		const char *w = p + strcspn(p, " ");
		size_t k;

		w += strspn(w, " ");
		for (k = 0; k < ARRAY_LEN(on); k++) {
			if (str_has_prefix(w, on[k]) && !isalpha((unsigned char)w[strlen(on[k])]))
				break;
		}
		if (k == ARRAY_LEN(on))
			return true;
	}
	return false;
}

/* Is the date d and time t the old one of a move, "from" it "to" the
 * new one in a sentence that moves ("the committee needs to move your
 * interview from Thursday, December 17 at 2:00 p.m. to Friday, December
 * 18 at 1:30 p.m.")?  The writer withdrew it, as on an "Old time:" line. */
static bool moved_from(const struct ctx *c, const struct date_m *d, const struct time_m *t)
{
	static const char *const froms[] = { "from", "van", "von", "de", "du" };
	static const char *const tos[] = { " to ", " naar ", " auf ", " au ", " para ", " a " };
	size_t at = d->pos < t->pos ? d->pos : t->pos, end = d->end > t->end ? d->end : t->end;
	size_t s, e, k, to = SIZE_MAX;
	char w[24], *sent;
	bool moves;

	lead_word(c->low, at, w, sizeof(w));   /* past "on", a weekday */
	for (k = 0; k < ARRAY_LEN(froms) && strcmp(w, froms[k]) != 0; k++)
		;
	if (k == ARRAY_LEN(froms))
		return false;
	sentence_of(c->low, at, &s, &e);
	/* " to " soon after the old time, past its zone ("2:00 p.m. to", whose
	 * dots may end the sentence as read) */
	for (k = 0; k < ARRAY_LEN(tos); k++) {
		const char *p = strstr(c->low + end, tos[k]);

		if (p != NULL && (size_t)(p - c->low) - end <= 24 && (size_t)(p - c->low) < to)
			to = (size_t)(p - c->low);
	}
	if (to == SIZE_MAX)
		return false;
	sent = xstrndup(c->low + s, e - s);
	moves = meeting_moved(sent);
	free(sent);
	return moves;
}

/* Is the date d and time t the old one of a move done later in its
 * sentence, which names the new day or time after it ("your Technical
 * Round 1 scheduled on 04/03/2027 at 11:30 AM has been preponed to
 * 03/03/2027 at 1500 hrs")? */
static bool moved_after(const struct ctx *c, const struct date_m *d, const struct time_m *t)
{
	size_t at = d->pos < t->pos ? d->pos : t->pos, end = d->end > t->end ? d->end : t->end;
	size_t s, e;
	char *rest;
	const char *p;
	bool r = false;

	sentence_of(c->low, at, &s, &e);
	if (end >= e)
		return false;
	rest = xstrndup(c->low + end, e - end);
	/* a date or a clock after the move: not "moved to Room 4" */
	if ((p = FIND_ANY(rest, lex_moved_done)) != NULL) {
		struct date_m dm;
		int h, mi, ap;

		r = find_dates(p, false, &dm, 1) > 0;
		for (size_t i = 0; !r && p[i]; i++)
			r = isdigit((unsigned char)p[i]) && (i == 0 || !isalnum((unsigned char)p[i - 1])) &&
			    clock_at(p, i, &h, &mi, &ap) > 0;
	}
	free(rest);
	return r;
}

/* Is the time at pos one to arrive or report by, before the meeting
 * starts ("REPORT TIME: 8:45 a.m." above "INTERVIEW TIME: 9:00 a.m.",
 * "please arrive by 9:45", "check in at the front desk at 1:15")? */
static bool arrival_time(const struct ctx *c, size_t pos)
{
	static const char *const labels[] = { "report time", "reporting time", "arrival time",
		"arrival", "arrive", "arrive by", "check-in", "check-in time", "check in",
		"sign-in", "sign in", "report" };
	static const char *const words[] = { "arrive", "arrival", "report to", "report at",
		"report by", "check in", "check-in", "sign in", "sign-in", "be there by",
		/* the journey to a visit: "A taxi from Castle Cars will meet
		 * you at the station at 8:15" */
		"at the station", "at the airport", "pick you up", "collect you", "taxi", "shuttle",
		"flight" };
	size_t s, e, b, k = pos;

	if (line_labelled(c, pos, labels, ARRAY_LEN(labels)))
		return true;
	/* "1.15pm arrival for a 1.30pm start", a schedule's first line
	 * "09:15         Arrive at Hadley Building reception": the word
	 * after the time */
	while (k < pos + 12 && c->low[k] != '\0' && c->low[k] != ' ')
		k++;
	while (c->low[k] == ' ' && c->low[k + 1] == ' ')
		k++;
	if (c->low[k] == ' ' && (strncmp(c->low + k + 1, "arrival", 7) == 0 ||
	    strncmp(c->low + k + 1, "arrive ", 7) == 0 ||
	    strncmp(c->low + k + 1, "check-in", 8) == 0 || strncmp(c->low + k + 1, "check in", 8) == 0))
		return true;
	sentence_of(c->low, pos, &s, &e);
	b = pos > s + 40 ? pos - 40 : s;
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		const char *p = strstr(c->low + b, words[i]);

		/* not the word of the time right before it ("1.15pm arrival
		 * for a 1.30pm start") */
		if (p != NULL && (size_t)(p - c->low) < pos &&
		    !(p > c->low + 2 && p[-1] == ' ' && (isdigit((unsigned char)p[-2]) ||
		    (p[-2] == 'm' && (p[-3] == 'a' || p[-3] == 'p' || p[-3] == '.')))))
			return true;
	}
	return false;
}

/* The first meeting time among ms's times at or after from, read
 * against c's reference date, and whether another falls on another day;
 * with new_only, among those on a line labelled as a move's new one. */
static void meeting_among(const struct ctx *c, struct mentions *ms, size_t from, bool new_only,
    bool arrivals, struct prose_time *pt)
{
	size_t i;

	for (i = 0; i < ms->nt && !pt->found; i++) {
		const struct time_m *t = &ms->times[i];
		const struct date_m *best;
		int y, mo, d;
		const char *zone;

		if (t->pos < from || header_line(c->llow, t->pos) || old_time_line(c, t->pos) ||
		    (new_only && !new_time_line(c, t->pos)) || (!arrivals && arrival_time(c, t->pos)))
			continue;
		if ((best = date_for(c, ms, t)) == NULL || !resolve_date(c, best, &y, &mo, &d) ||
		    not_a_meeting(c, best, t) || moved_from(c, best, t) || moved_after(c, best, t))
			continue;
		t = borrow_zone(c, ms, i, best);
		if (!local_to_utc(c, t, y, mo, d, t->h == 24 ? 23 : t->h, t->mi, &pt->start, &zone))
			continue;
		pt->found = true;
		/* local_to_utc names t's own zone only when it was written */
		pt->zone_said = (zone != NULL && zone == t->zone) || t->has_fixed;
		pt->relative = relative_doubt(c, best);
		pt->hour_guessed = t->guessed;
		{
			size_t s, e;

			sentence_of(c->low, t->pos, &s, &e);
			pt->proposed = c->low[e] == '?';
		}
		if (zone != NULL)
			snprintf(pt->zone, sizeof(pt->zone), "%s", zone);
		if (t->eh >= 0)
			range_end(c, ms, i, y, mo, d, pt);
		else
			single_end(c, ms, i, y, mo, d, pt);
		pt->several_days = meeting_other_day(c, ms, i, y, mo, d);
	}
}

/* The first meeting time among ms's times at or after from: one on a
 * line labelled as a move's new time first; if that names no day, any. */
static void first_meeting(const struct ctx *c, struct mentions *ms, size_t from,
    struct prose_time *pt)
{
	bool labelled = false;

	for (size_t i = 0; i < ms->nt && !labelled; i++)
		labelled = ms->times[i].pos >= from && new_time_line(c, ms->times[i].pos);
	if (labelled)
		meeting_among(c, ms, from, true, false, pt);
	if (!pt->found)
		meeting_among(c, ms, from, false, false, pt);
	/* only a time to arrive by: the meeting is soon after it */
	if (!pt->found)
		meeting_among(c, ms, from, false, true, pt);
}

/* The Date of a forwarded mail quoted at [start, body) as c's reference
 * ("Date: Thu, 19 Nov 2026 at 15:02", "Sent: Thursday, December 3, 2026
 * 9:02 AM"): the day it was written, for its "tomorrow".  False when it
 * says none. */
static bool forward_reference(const struct ctx *c, size_t start, size_t body, struct ctx *fc)
{
	size_t vs, ve;
	struct date_m dm;
	char *line;
	bool ok;

	if (!forward_header(c, start, body, lex_quoted_date_labels.w, lex_quoted_date_labels.n, &vs, &ve))
		return false;
	line = xstrndup(c->llow + vs, ve - vs);
	ok = find_dates(line, false, &dm, 1) == 1 && dm.mo > 0 && dm.y > 0;
	free(line);
	if (ok) {
		struct tm tm = { 0 };

		*fc = *c;
		tm.tm_year = dm.y - 1900;
		tm.tm_mon = dm.mo - 1;
		tm.tm_mday = dm.d;
		tm.tm_hour = 12;
		fc->ref = timegm(&tm);
		fc->ref_off = 0;
		gmtime_r(&fc->ref, &fc->ref_tm);
	}
	return ok;
}

/* Is zone one where dates are written month first ("12/10" is 10
 * December): the United States and English Canada, not Latin America
 * ("quinta (10/12)" in São Paulo is 10 December). */
static bool month_first_zone(const char *zone)
{
	static const char *const day_first[] = { "America/Sao_Paulo", "America/Mexico_City",
		"America/Bogota", "America/Lima", "America/Santiago", "America/Argentina",
		"America/Buenos_Aires", "America/Caracas", "America/Montevideo", "America/Asuncion",
		"America/La_Paz", "America/Guayaquil", "America/Panama", "America/Costa_Rica",
		"America/Guatemala", "America/El_Salvador", "America/Tegucigalpa", "America/Managua",
		"America/Santo_Domingo", "America/Havana", "America/Recife", "America/Fortaleza",
		"America/Manaus", "America/Bahia", "America/Belem", "America/Monterrey",
		"America/Tijuana", "America/Cancun", "America/Merida", "America/Chihuahua" };

	if (strncmp(zone, "America/", 8) != 0)
		return false;
	for (size_t k = 0; k < ARRAY_LEN(day_first); k++) {
		if (str_has_prefix(zone, day_first[k]))
			return false;
	}
	return true;
}

/* Where the text begins after the subject of a reply: a reply's subject
 * is its thread's ("Re: ... interview Mon 2pm"), its time an old one; 0
 * for any other mail. */
static size_t reply_subject_end(const struct ctx *c)
{
	size_t n = strlen(c->m->subject);

	return n > 0 && reply_like(c->m) && strncmp(c->text, c->m->subject, n) == 0 ? n : 0;
}

/* The first date + time pair in the prose that is a meeting (neither a
 * deadline nor a question): the interview time.  In a forward, the
 * original mail's own first (its "tomorrow" counted from its Date), then
 * the forwarder's words. */
void prose_time(const struct ctx *c, struct prose_time *pt)
{
	struct mentions ms;
	struct sole_day sole = { false, SIZE_MAX };
	bool us = false;
	size_t i, start, body;

	memset(pt, 0, sizeof(*pt));
	ms.sole = &sole;
	/* not zeroed (36 KiB a mail): only the mentions found are read */
	ms.dates = xmalloc(MAX_MENTIONS * sizeof(*ms.dates));
	ms.times = xmalloc(MAX_MENTIONS * sizeof(*ms.times));
	ms.nt = find_times(c->text, c->low, ms.times, MAX_MENTIONS);
	for (i = 0; i < ms.nt; i++) {
		if (month_first_zone(ms.times[i].zone))
			us = true;
	}
	ms.nd = find_dates(c->low, us, ms.dates, MAX_MENTIONS);
	if (forward_block(c, &start, &body)) {
		struct ctx fc;

		if (forward_reference(c, start, body, &fc))
			first_meeting(&fc, &ms, body, pt);
		else
			first_meeting(c, &ms, body, pt);
		sole.ready = false;   /* read against the forward's own Date */
	}
	first_meeting(c, &ms, reply_subject_end(c), pt);
	free(ms.dates);
	free(ms.times);
}


/* Does the same-hour phrase at low[at] open its sentence (from s) and
 * end in a comma: "At the same time, we ...", "But at the same time,"
 * (at once, no hour)? */
static bool at_once(const char *low, size_t s, size_t at)
{
	static const char *const leads[] = { "at ", "but ", "and ", "the " };
	size_t k = skip_leads(low, s + strspn(low + s, " \t\n"), leads, ARRAY_LEN(leads));
	size_t n = strcspn(low + at, ",;.?!\n");

	return k >= at && low[at + n] == ',';
}

/* The day a sentence of the newest words moves the meeting to, when it
 * keeps its hour and names none ("could we move your phone screen from
 * Tuesday to Wednesday, same time?", "on décale à jeudi, même heure"): a
 * same-hour phrase, a verb of moving in its sentence, and a date there,
 * the last one before the phrase (the first after it when none is).
 * Nothing when a clock is written in that sentence: the time is then read
 * as any other. */
bool day_moved(const struct ctx *c, struct day_move *dm)
{
	struct date_m *dates;
	const char *p;
	size_t nd, i;
	int tries = 8;
	bool found = false;

	memset(dm, 0, sizeof(*dm));
	if ((p = FIND_ANY(c->low, lex_same_hour)) == NULL)
		return false;
	dates = xmalloc(MAX_MENTIONS * sizeof(*dates));
	nd = find_dates(c->low, false, dates, MAX_MENTIONS);
	for (; p != NULL && !found && tries-- > 0; p = FIND_ANY(p + 1, lex_same_hour)) {
		size_t at = (size_t)(p - c->low), s, e;
		const struct date_m *best = NULL;
		char *sent;
		bool moves;
		int ch, cm, ca;

		sentence_of(c->low, at, &s, &e);
		if (at_once(c->low, s, at))
			continue;
		sent = xstrndup(c->low + s, e - s);
		moves = meeting_moved(sent);
		for (i = 0; moves && i < e - s; i++) {
			if (isdigit((unsigned char)sent[i]) && (i == 0 || !isalnum((unsigned char)sent[i - 1])) &&
			    clock_at(c->low, s + i, &ch, &cm, &ca) > 0)
				moves = false;   /* "same time (10:00 AM CST)": a clock */
		}
		free(sent);
		if (!moves)
			continue;
		for (i = 0; i < nd; i++) {
			if (dates[i].pos < s || dates[i].end > e)
				continue;
			if (dates[i].end <= at)
				best = &dates[i];
			else if (best == NULL) {
				best = &dates[i];
				break;
			}
		}
		if (best != NULL && resolve_date(c, best, &dm->y, &dm->mo, &dm->d)) {
			dm->relative = relative_doubt(c, best);
			dm->proposed = c->low[e] == '?';
			found = true;
		}
	}
	free(dates);
	return found;
}

size_t days_named(const struct ctx *c, int *out, size_t max)
{
	struct date_m *dates = xmalloc(MAX_MENTIONS * sizeof(*dates));
	size_t nd = find_dates(c->low, false, dates, MAX_MENTIONS), n = 0;

	for (size_t i = 0; i < nd && n < max; i++) {
		int y, mo, d, v;
		size_t k;

		struct tm tm = { 0 };
		time_t t;

		/* a day of the calendar the JSON carries (1970-9999), only a
		 * day an interview of this mail's can be on: within a year of
		 * its Date (hostile text writes any year, and any Date) */
		if (!resolve_date(c, &dates[i], &y, &mo, &d) || y < 1970 || y > 9999)
			continue;
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = 12;
		t = timegm(&tm);
		if (t == (time_t)-1 || t < c->ref - 366 * 86400 || t > c->ref + 366 * 86400)
			continue;
		v = y * 10000 + mo * 100 + d;
		for (k = 0; k < n && out[k] != v; k++)
			;
		if (k == n)
			out[n++] = v;
	}
	free(dates);
	return n;
}

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

/* base: the day relative promises count from ("within 3 days"): the
 * interview's day when the mail announces one still to come, else the
 * mail's day.  Explicit dates ("by 2 March") ignore it. */
/* The end of next week, in the languages read: a promise's Friday. */
static const char *const next_week_ends[] = { "end of next week", "next week", "later next week",
	"final da pr\xc3\xb3xima semana", "final de la pr\xc3\xb3xima semana",
	"fin de la semaine prochaine", "ende n\xc3\xa4\x63hster woche", "ende der n\xc3\xa4\x63hsten woche",
	"eind volgende week" };

/* A promise standing at sent+i, the date moved from y-mo-d to the one it
 * names: "by 2 March", "by Friday", "within 3 business days", "end of the
 * week", "early next week", "tomorrow"...  False when none stands there. */
/* "by the 18th", "by 15th": a day of the month alone, its ordinal or
 * "the" saying it is one, the next such day from y-mo-d on (this month's,
 * else the next month's). */
static bool day_alone_at(const char *sent, size_t j, int *y, int *mo, int *d)
{
	size_t l, k = j;
	int day;
	bool the = strncmp(sent + j, "the ", 4) == 0;

	if (the)
		k += 4;
	if (!isdigit((unsigned char)sent[k]) || (day = day_at(sent + k, &l)) <= 0 ||
	    (!the && !isalpha((unsigned char)sent[k + l - 1])))
		return false;
	/* "by the 18th of December" is a date, read before */
	if (month_at(sent + after_day(sent, k + l), &l) > 0)
		return false;
	{
		int yy = *y, mm = *mo;

		if (day < *d && ++mm > 12) {
			mm = 1;
			yy++;
		}
		if (day > mdays(yy, mm))
			return false;
		*y = yy;
		*mo = mm;
		*d = day;
	}
	return true;
}

/* The length of a word of next_words and its blank at p ("next ", "this
 * coming "), else 0. */
static size_t next_word(const char *p)
{
	size_t n = word_of(p, next_words, ARRAY_LEN(next_words));

	if (n == 0 || p[n] != ' ')
		return 0;
	return n + 1 + (str_has_prefix(p + n + 1, "coming ") ? 7 : 0);
}

static const char *const christmas[] = { "christmas", "xmas", "the holidays", "kerst",
	"kerstmis", "de kerstvakantie", "weihnachten", "no\xc3\xabl", "noel", "navidad", "natal" };

static bool promise_at(const struct ctx *c, const char *sent, size_t i, bool weak_ok, int *y,
    int *mo, int *d)
{
	size_t l, wl;
	int n;

	if ((wl = word_of(sent + i, lex_until.w, lex_until.n)) > 0 &&
	    (weak_ok || !word_at(sent + i, "on"))) {
		size_t j = i + wl, k;
		struct date_m dm[2];
		int wd;
		bool have;

		j = skip_blank(sent, j);
		if (strncmp(sent + j, "the end of ", 11) == 0 || strncmp(sent + j, "end of ", 7) == 0)
			return false;   /* "by the end of the week": read at "end of" */
		if (find_dates(sent + j, false, dm, 1) == 1 && dm[0].pos == 0 && dm[0].mo > 0) {
			return resolve_date(c, &dm[0], y, mo, d);
		} else if (isdigit((unsigned char)sent[j]) && (l = short_date_at(sent, j, false, &dm[0])) > 0 &&
		    (sent[j + l - 1] == '.' || sent[j + l] == '\0' ||
		    sent[j + strspn(sent + j, "0123456789")] == '/')) {
			/* "bis zum 22.12.", "voor 22/12": the word before makes
			 * the day and month a date (at the sentence's end, its
			 * closing dot is the sentence's) */
			dm[0].wday = -1;
			dm[0].rel_days = -1;
			dm[0].y = 0;
			dm[0].dom = 0;
			return resolve_date(c, &dm[0], y, mo, d);
		} else if (day_alone_at(sent, j, y, mo, d)) {
			return true;
		} else if (word_of(sent + j, christmas, ARRAY_LEN(christmas)) > 0) {
			const char *by = strstr(sent + j, " by ");

			/* "before Christmas - by Friday 18 December at the
			 * latest": the date said */
			int y2 = *y, mo2 = *mo, d2 = *d;

			if (by != NULL && promise_at(c, sent, (size_t)(by + 1 - sent), false, &y2, &mo2, &d2)) {
				*y = y2;
				*mo = mo2;
				*d = d2;
				return true;
			}
			/* "before Christmas": Christmas Eve, this year's or next */
			if (*mo == 12 && *d > 24)
				++*y;
			*mo = 12;
			*d = 24;
			return true;
		} else if ((wd = weekday_at(sent + j + next_word(sent + j), &l)) >= 0 && l >= 6) {
			int ahead = (wd - wday_of(*y, *mo, *d) + 7) % 7;

			/* "by Friday 11 December", "by Friday, 11 December",
			 * "by next Wednesday, 12/9": the date, in the order that
			 * falls on the weekday */
			for (k = j + next_word(sent + j) + l; sent[k] == ',' || sent[k] == ' '; k++)
				;
			have = find_dates(sent + k, false, dm, 1) == 1 && dm[0].pos == 0 && dm[0].mo > 0;
			if (!have) {
				/* "12/9", which find_dates reads after a weekday only */
				struct date_m sd = { .wday = -1, .rel_days = -1 };

				if ((have = short_date_at(sent, k, false, &sd) > 0))
					dm[0] = sd;
			}
			if (!have) {
				/* "by Friday the 18th": the day of the month said */
				int y2 = *y, mo2 = *mo, d2 = *d;

				if (day_alone_at(sent, k, &y2, &mo2, &d2)) {
					*y = y2;
					*mo = mo2;
					*d = d2;
					return true;
				}
			}
			if (have) {
				int y2, mo2, d2;

				dm[0].wday = wd;
				if (!resolve_date(c, &dm[0], &y2, &mo2, &d2))
					return false;   /* either order tried (date_m.either) */
				*y = y2;
				*mo = mo2;
				*d = d2;
				return true;
			}

			ymd_add_days(y, mo, d, ahead == 0 ? 7 : ahead);
			return true;
		}
	} else if ((wl = word_of(sent + i, lex_within.w, lex_within.n)) > 0) {
		size_t j = i + wl;

		j = skip_blank(sent, j);
		if (strncmp(sent + j, "the next ", 9) == 0)
			j += 9;
		if ((n = small_number(sent + j, &l)) > 0 && n <= 60) {
			j = skip_blank(sent, j + l);
			if ((wl = word_of(sent + j, lex_workdays.w, lex_workdays.n)) > 0) {
				j = skip_blank(sent, j + wl);
				if (word_at(sent + j, "days") || word_at(sent + j, "day")) {
					add_business_days(y, mo, d, n);
					return true;
				}
			} else if (word_at(sent + j, "days") || word_at(sent + j, "day")) {
				if (sent[j - 2] == 'w' || strstr(sent + i, "few") != NULL) {
					add_business_days(y, mo, d, n);
				} else {
					ymd_add_days(y, mo, d, n);
				}
				return true;
			} else if (word_at(sent + j, "weeks") || word_at(sent + j, "week")) {
				ymd_add_days(y, mo, d, 7 * n);
				return true;
			}
		} else if (word_at(sent + j, "few days") || word_at(sent + j, "couple of days") ||
		    word_at(sent + j, "coming days")) {
			add_business_days(y, mo, d, 3);
			return true;
		}
	} else if (str_has_prefix(sent + i, "end of the week") ||
	    str_has_prefix(sent + i, "end of this week") ||
	    str_has_prefix(sent + i, "end of week")) {
		int w = wday_of(*y, *mo, *d);

		ymd_add_days(y, mo, d, w == 6 ? 6 : (5 - w + 7) % 7);
		return true;
	} else if (str_has_prefix(sent + i, "early next week") ||
	    str_has_prefix(sent + i, "beginning of next week") ||
	    str_has_prefix(sent + i, "start of next week")) {
		int w = wday_of(*y, *mo, *d);

		ymd_add_days(y, mo, d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 2);
		return true;
	} else if (str_has_prefix(sent + i, "middle of next week") ||
	    str_has_prefix(sent + i, "mid next week") ||
	    str_has_prefix(sent + i, "midweek next week")) {
		int w = wday_of(*y, *mo, *d);

		ymd_add_days(y, mo, d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 3);
		return true;
	} else if (starts_any(sent + i, next_week_ends, ARRAY_LEN(next_week_ends))) {
		int w = wday_of(*y, *mo, *d);

		ymd_add_days(y, mo, d, (7 - w) % 7 + (w == 0 ? 7 : 0) + 5);
		return true;
	} else if (str_has_prefix(sent + i, "end of the month") ||
	    str_has_prefix(sent + i, "end of this month") ||
	    ((str_has_prefix(sent + i, "month-end") || str_has_prefix(sent + i, "month end")) &&
	    i > 0 && !is_word_byte((unsigned char)sent[i - 1]))) {
		*d = mdays(*y, *mo);
		return true;
	} else if (word_at(sent + i, "tomorrow")) {
		ymd_add_days(y, mo, d, 1);
		return true;
	}
	return false;
}

/* A promise "by", "before", "until" a date first; "on" one only when
 * there is none ("feedback on Wednesday, ... know by Friday 18
 * December" is the 18th).  One pass: the first "on" promise is kept
 * aside while a firmer one is looked for. */
/* The word at low[pos] is the panel's own work, not news for the user:
 * "the panel meets early next week to review feedback". */
static bool panel_own(const char *low, size_t pos)
{
	static const char *const acts[] = { "review", "reviewing", "discuss", "discussing",
		"collect", "collecting", "gather", "gathering", "consolidate", "compile" };
	char w[24];

	word_before(low, pos, w, sizeof(w));
	return word_of(w, acts, ARRAY_LEN(acts)) == strlen(w) && w[0] != '\0';
}

/* Is the word at low[pos] part of a request to the user, its verb up to
 * 40 bytes before it: "gib mir bitte bis Freitag Bescheid", "laat me
 * voor vrijdag weten"?  The user's answer, no promise of news. */
static bool asked_of_user(const char *low, size_t pos)
{
	size_t from = pos > 40 ? pos - 40 : 0;

	for (size_t k = 0; k < lex_user_asked.n; k++) {
		const char *q = low + from;

		while ((q = strstr(q, lex_user_asked.w[k])) != NULL && (size_t)(q - low) < pos) {
			if (q == low || !is_word_byte((unsigned char)q[-1]))
				return true;
			q++;
		}
	}
	return false;
}

bool decision_by(const struct ctx *c, const struct tm *base, char *out, size_t outlen)
{
	const char *low = c->low;
	size_t i, k;
	int y0 = base->tm_year + 1900, m0 = base->tm_mon + 1, d0 = base->tm_mday;
	int wy = 0, wmo = 0, wd = 0;
	bool weak = false;

	int budget = 64;   /* hostile text may repeat "decision" a million times */
	struct lex_hits hits;

	lex_hits_find(&hits, low, &lex_decision_words);
	for (k = 0; k < lex_decision_words.n; k++) {
		const char *p = low;

		while ((p = lex_hits_next(&hits, k, p, true)) != NULL && budget-- > 0) {
			size_t s, e, pos = (size_t)(p - low);
			int y = y0, mo = m0, d = d0;
			bool ok = false;
			char *sent;

			p += strlen(lex_decision_words.w[k]);
			/* the user's act, toward the writer ("reach out to me
			 * before Friday", "get back to us by Monday"): no promise */
			/* ... and one given already ("the panel's feedback was
			 * positive"): no promise either */
			if (header_line(c->llow, pos) || str_has_prefix(p, " to me") ||
			    str_has_prefix(p, " to us") || str_has_prefix(p, " with me") ||
			    str_has_prefix(p, " with us") || str_has_prefix(p, " was ") ||
			    str_has_prefix(p, " were ") || str_has_prefix(p, " has been ") ||
			    panel_own(low, pos) || asked_of_user(low, pos))
				continue;
			sentence_of(low, pos, &s, &e);
			sent = xstrndup(low + s, e - s);
			/* the words after the promise first ("... with a decision
			 * early next week"), then the ones before it */
			for (size_t step = 0, from = pos - s, slen = strlen(sent); step < slen && !ok; step++) {
				i = from + step < slen ? from + step : step - (slen - from);

				if (i > 0 && is_word_byte((unsigned char)sent[i - 1]))
					continue;
				ok = promise_at(c, sent, i, false, &y, &mo, &d);
				if (!ok && !weak && word_at(sent + i, "on")) {
					wy = y0;
					wmo = m0;
					wd = d0;
					weak = promise_at(c, sent, i, true, &wy, &wmo, &wd);
				}
			}
			free(sent);
			if (ok) {
				snprintf(out, outlen, "%04d-%02d-%02d", y, mo, d);
				lex_hits_free(&hits);
				return true;
			}
		}
	}
	lex_hits_free(&hits);
	if (weak)
		snprintf(out, outlen, "%04d-%02d-%02d", wy, wmo, wd);
	return weak;
}

/* No zone written, the time read in the user's zone: is the writer's own
 * clock (the offset of the mail's Date) the user's at that moment?  Then
 * either reading is the same instant ("um 10:30 Uhr" from Berlin to a
 * user in Berlin). */
bool zone_shared(const struct ctx *c, time_t start)
{
	struct tm wall;
	time_t writer = start + c->ref_off, user;

	if (!c->m->has_date || c->o->timezone == NULL)
		return false;
	gmtime_r(&writer, &wall);
	return ics_local_to_utc(c->o->timezone, wall.tm_year + 1900, wall.tm_mon + 1, wall.tm_mday,
	    wall.tm_hour, wall.tm_min, &user) == 0 && user == start;
}

bool quote_time(const struct ctx *c, struct detection *out, struct time_source *src)
{
	char *q = user_quote(c->m, c->o);
	struct ctx qc;
	struct prose_time pt;

	if (q == NULL)
		return false;
	qc = *c;
	ctx_set_text(&qc, q);
	prose_time(&qc, &pt);
	ctx_free_text(&qc);
	if (!pt.found || pt.several_days)
		return false;
	memset(src, 0, sizeof(*src));
	out->has_start = true;
	out->start = pt.start;
	out->has_end = pt.has_end;
	out->end = pt.end;
	free(out->timezone);
	out->timezone = dup_or_null(pt.zone);
	src->from_prose = true;
	src->from_quote = true;
	src->zone_said = pt.zone_said;
	src->zone_shared = !pt.zone_said && zone_shared(c, pt.start);
	src->relative = pt.relative;
	src->hour_guessed = pt.hour_guessed;
	return true;
}

/* The length the thread agreed on: a reply that confirms a time ("Wed
 * 3pm ET works, see you then") answers the user's quoted mail, which
 * answered the writer's ("a 30-minute call"); the first length written
 * there, in minutes, 0 when none.  Only the quoted mails of the writer
 * and the user (user_quote_thread), so a length from another
 * conversation is not taken. */
static int thread_length(const struct ctx *c)
{
	const char *q = c->thread_low;
	int mins;

	if (c->m->from.n == 0 || c->m->from.v[0].email == NULL || q == NULL || !unit_somewhere(q))
		return 0;
	mins = length_in(q, 0, strlen(q));
	return mins > 0 && mins <= 8 * 60 ? mins : 0;
}

/* The interview time: the event's when its zone is known, else the first
 * one in prose; out->time_uncertain when only an event of unknown zone
 * gave one.  Returns whether a time is known. */
bool fill_time(const struct ctx *c, struct detection *out, struct time_source *src)
{
	struct prose_time pt;
	bool have_time = false;

	memset(src, 0, sizeof(*src));
	prose_time(c, &pt);
	if (c->ev != NULL && c->ev->start.set && !c->ev->start.zone_unknown && !c->ev->start.all_day) {
		out->has_start = true;
		out->start = c->ev->start.utc;
		if (c->ev->end.set && !c->ev->end.zone_unknown && c->ev->end.utc >= c->ev->start.utc) {
			out->has_end = true;
			out->end = c->ev->end.utc;
		}
		if (c->ev->start.zone != NULL && strcmp(c->ev->start.zone, "UTC") != 0)
			out->timezone = xstrdup(c->ev->start.zone);
		else if (pt.found && pt.start == out->start && pt.zone[0])
			out->timezone = xstrdup(pt.zone);
		else if (c->ev->start.zone != NULL)
			out->timezone = xstrdup(c->ev->start.zone);
		have_time = true;
		src->from_event = true;
	} else if (pt.found) {
		out->has_start = true;
		out->start = pt.start;
		out->has_end = pt.has_end;
		out->end = pt.end;
		out->timezone = dup_or_null(pt.zone);
		have_time = true;
		src->from_prose = true;
		src->zone_said = pt.zone_said;
		src->zone_shared = !pt.zone_said && zone_shared(c, pt.start);
		src->relative = pt.relative;
		src->hour_guessed = pt.hour_guessed;
		src->several_days = pt.several_days;
		src->proposed = pt.proposed;
		if (!out->has_end && !pt.several_days) {
			int mins = thread_length(c);

			if (mins > 0) {
				out->has_end = true;
				out->end = out->start + (time_t)mins * 60;
			}
		}
	} else if (c->ev != NULL && c->ev->start.set && c->ev->start.zone_unknown) {
		out->time_uncertain = true;
	}
	if (c->ev != NULL && c->ev->start.set && c->ev->start.zone_unknown && have_time)
		out->time_uncertain = false;
	return have_time;
}
