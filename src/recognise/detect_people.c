/*
 * detect_people: who is in the mail (see "People" in detect.h): names
 * from addresses and display names, interviewers from the calendar and
 * from prose ("you'll be meeting with", schedule lines, "Ben will join"),
 * the signer of the mail, and the human behind an address.  The user
 * (opts->my_addresses, my_name), robots and rooms are never a person
 * here; parties.h decides robots and the user's addresses.
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

const char *email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at ? at + 1 : "";
}

/* The user's own addresses (parties.h decides, as it decides robots). */
bool is_me_email(const struct detect_opts *o, const char *email)
{
	return parties_is_mine(email, o->my_addresses, o->n_my_addresses);
}

/* The words of a name, folded to lower-case ASCII, "Last, First" turned
 * round, a double surname's parts apart ("desrosiers", "oyelaran"): up to
 * max words of fewer than 64 bytes into w; their count. */
static size_t name_words(const char *name, char (*w)[64], size_t max)
{
	struct buf f = { 0 };
	const char *comma = strchr(name, ',');
	char *n;
	size_t nw = 0;

	/* "Desrosiers, Priyanka": Outlook's directory order */
	if (comma != NULL && strchr(comma + 1, ',') == NULL) {
		char *turned = xasprintf("%s %.*s", comma + 1, (int)(comma - name), name);

		utf8_fold_ascii(&f, turned);
		free(turned);
	} else
		utf8_fold_ascii(&f, name);
	n = f.data;
	for (const char *p = n; p != NULL && *p != '\0' && nw < max;) {
		size_t l = 0;

		while (*p != '\0' && !isalpha((unsigned char)*p))
			p++;
		while (isalpha((unsigned char)p[l]) || p[l] == '\'')
			l++;
		if (l > 0 && l < 64) {
			for (size_t i = 0; i < l; i++)
				w[nw][i] = (char)tolower((unsigned char)p[i]);
			w[nw++][l] = '\0';
		}
		p += l;
	}
	free(n);
	return nw;
}

/* The user's name as people write it: in full, "Last, First", with one
 * part of a double surname ("Priyanka Desrosiers"), or a short first
 * name before the surname ("Priya Desrosiers-Oyelaran"). */
bool is_me_name(const struct detect_opts *o, const char *name)
{
	char a[8][64], b[8][64];
	size_t na, nb, n;

	if (name == NULL || o->my_name == NULL || *o->my_name == '\0')
		return false;
	if (strcasecmp(name, o->my_name) == 0)
		return true;
	na = name_words(name, a, 8);
	nb = name_words(o->my_name, b, 8);
	if (na < 2 || nb < 2)
		return false;
	if (strcmp(a[0], b[0]) == 0) {
		/* the last word one of the surname's (after the first name) */
		for (size_t k = 1; k < nb; k++)
			if (strcmp(a[na - 1], b[k]) == 0)
				return true;
		return false;
	}
	/* a directory's order, the surname first ("Kulkarni Aniruddha",
	 * "DOE Jane"): the last word the first name, the first one of the
	 * surname's */
	if (strcmp(a[na - 1], b[0]) == 0) {
		for (size_t k = 1; k < nb; k++)
			if (strcmp(a[0], b[k]) == 0)
				return true;
	}
	n = strlen(a[0]);
	return n >= 4 && strncmp(a[0], b[0], n) == 0 && strcmp(a[na - 1], b[nb - 1]) == 0;
}

/* "ada.brooks@x" -> "Ada Brooks"; NULL when the local part is not two or
 * three alphabetic words. */
char *name_from_email(const char *email)
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

/* (detect_int.h) The lists' words match in any case. */
bool session_phrase(const char *name)
{
	const char *last = strrchr(name, ' ');
	bool all = true;
	int words = 0;

	if (last != NULL && lex_word_is(&lex_session_ends, last + 1, strlen(last + 1)))
		return true;
	for (const char *w = name; *w && all; words++) {
		size_t n = strcspn(w, " ");

		all = lex_word_is(&lex_session_titles, w, n);
		w += n + (w[n] == ' ');
	}
	return all && words >= 2;
}

/* Does name end in the plural of a kind of organisation ("Sutherland
 * Gray Partners", "Apex Engineers")?  A surname may be a singular one
 * ("Hannah Power", "Ada Bank"), never its plural. */
static bool plural_org_tail(const char *name)
{
	const char *last = strrchr(name, ' ');
	size_t n;

	if (last == NULL)
		return false;
	n = strlen(++last);
	return n > 3 && last[n - 1] == 's' && lex_word_is(&lex_org_tails, last, n);
}

/* A display name that is a person: 1-4 words, letters, no '@', not a
 * lex_team_words.w name, no session's name. */
bool looks_like_person(const char *name)
{
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
			for (i = 0; i < lex_team_words.n; i++) {
				if (strcmp(tok, lex_team_words.w[i]) == 0)
					ok = false;
			}
			/* a possessive or an indefinite article is no part
			 * of a name (German capitalises the noun after it:
			 * "mit Deinen Daten") */
			for (i = 0; i < lex_not_name_words.n; i++) {
				if (strcmp(tok, lex_not_name_words.w[i]) == 0)
					ok = false;
			}
			for (char *q = tok; *q; q++) {
				if (isdigit((unsigned char)*q) || *q == '&')   /* "Harbor & Rail" */
					ok = false;
			}
			*e = save;
		}
		tok = *e ? e + 1 : e;
	}
	free(low);
	if (session_phrase(name))
		ok = false;
	/* "SAP MM", "Booking ID": a word of two or three capitals ends an
	 * acronym's phrase, no name ("JJ" opens a name, never ends one; a
	 * degree follows a comma: "Brooks, Darnell, MD") */
	{
		const char *last = strrchr(name, ' ');
		size_t n = last != NULL ? strlen(last + 1) : 0;

		if (n >= 2 && n <= 3 && last > name && last[-1] != ',' && isupper((unsigned char)last[1]) &&
		    isupper((unsigned char)last[2]) && (n == 2 || isupper((unsigned char)last[3])))
			ok = false;
	}
	/* "Sutherland Gray Partners": a firm */
	return ok && words >= 1 && words <= 4 && !plural_org_tail(name);
}

/* Two or three words that are all name-like and none a company word
 * ("Lumen Labs" is not a person, "Ada Brooks" is).  Deliberately
 * conservative: only used to keep company names out. */
bool looks_like_person_strict(const char *name)
{
	char *low;
	bool r;

	if (!looks_like_person(name) || strchr(name, ' ') == NULL)
		return false;
	low = lower_dup(name);
	r = FIND_ANY(low, lex_org_words) == NULL;
	/* nor one whose last word ends an organisation's name in any
	 * language read ("Meseta Seguros", "Lince Log\xc3\xadstica") */
	if (r) {
		const char *last = strrchr(low, ' ') + 1;

		r = !lex_word_is(&lex_org_tails, last, strlen(last));
	}
	/* nor a region ("Middle East", "Asia Pacific", "North America"):
	 * every word of it one of a compass or a continent */
	if (r) {
		bool all = true;

		for (const char *w = low; *w && all; w += strspn(w, " ")) {
			size_t n = strcspn(w, " ");

			all = lex_word_is(&lex_region_words, w, n);
			w += n;
		}
		r = !all;
	}
	free(low);
	return r;
}

/* "Ravi Menon via Greenhouse" -> "Ravi Menon"; also " (via X)", " from X",
 * " at X", " | X", and quotes.  Caller frees. */
char *person_display(const char *name)
{
	static const char *const cuts[] = { " via ", " (via ", " from ", " at ", " | ", " - ", " @ " };
	char *r = xstrdup(name ? name : "");
	size_t i;

	for (i = 0; i < ARRAY_LEN(cuts); i++) {
		char *p = (char *)str_casestr(r, cuts[i]);

		if (p != NULL)
			*p = '\0';
	}
	/* a department's code in brackets after the name, no comma: "Gerber
	 * Monika (HR-REC)" */
	{
		char *open = strrchr(r, '(');
		size_t n = r[0] ? strlen(r) : 0;

		if (open != NULL && open > r && open[-1] == ' ' && n > 0 && r[n - 1] == ')' &&
		    strchr(r, ',') == NULL) {
			const char *q;

			for (q = open + 1; *q && *q != ')' && !islower((unsigned char)*q); q++)
				;
			if (*q == ')' && q > open + 1)
				open[-1] = '\0';
		}
	}
	{
		char *c = clean_phrase(r, strlen(r));

		free(r);
		r = c;
	}
	/* "Brooks, Ada" -> "Ada Brooks"; "Lammers, S. (Sophie)" -> "Sophie
	 * Lammers" (Outlook's directory form: initials, the name used in
	 * brackets); "Bakkali,Ahmed" the same */
	{
		char *comma = strchr(r, ',');

		if (comma != NULL && strchr(comma + 1, ',') == NULL && comma > r &&
		    (comma[1] == ' ' || isupper((unsigned char)comma[1]))) {
			const char *given = comma + 1 + (comma[1] == ' ');
			const char *open = strchr(given, '(');
			size_t gl = strlen(given);
			char *s;

			if (open != NULL && isupper((unsigned char)open[1]) && islower((unsigned char)open[2])) {
				given = open + 1;
				gl = strcspn(given, ")");
			} else if (open != NULL) {
				/* a department's code in brackets: "Nguyen, Paul (MPBSDP)" */
				gl = (size_t)(open - given);
				while (gl > 0 && given[gl - 1] == ' ')
					gl--;
			}
			s = xasprintf("%.*s %.*s", (int)gl, given, (int)(comma - r), r);
			free(r);
			r = s;
		}
	}
	return r;
}

bool people_has(const struct people *pl, const char *name, const char *email)
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

/* A name read past its end into the next mention of the same person
 * ("Kelsey Marchand Kelsey", from "Staff: Kelsey Marchand" then "Kelsey
 * will call you"): its last word repeats its first; the name without it,
 * else NULL. */
static char *name_run_on(const char *name)
{
	const char *last = strrchr(name, ' ');
	size_t fl = strcspn(name, " ");

	if (last == NULL || last == name + fl || strlen(last + 1) != fl ||
	    strncasecmp(name, last + 1, fl) != 0)
		return NULL;
	return xstrndup(name, (size_t)(last - name));
}

/* Is short the first words of long, two words or more ("Li Wei" of "Li
 * Wei Tan")? */
static bool words_prefix(const char *short_, const char *long_)
{
	size_t n = strlen(short_);

	return strchr(short_, ' ') != NULL && strlen(long_) > n + 1 &&
	    strncasecmp(short_, long_, n) == 0 && long_[n] == ' ';
}

/* "Gerber Monika" at monika.gerber@...: the family name first, as a
 * directory writes it; the address says the order.  The name turned
 * round, or NULL. */
static char *name_by_address(const char *name, const char *email)
{
	const char *sp = strchr(name, ' '), *at;
	size_t a, b;
	char *want, *local;
	bool turned;

	if (email == NULL || sp == NULL || strchr(sp + 1, ' ') != NULL || (at = strchr(email, '@')) == NULL)
		return NULL;
	a = (size_t)(sp - name);
	b = strlen(sp + 1);
	want = xasprintf("%s.%.*s", sp + 1, (int)a, name);
	local = xstrndup(email, (size_t)(at - email));
	turned = strlen(local) == a + b + 1 && strcasecmp(want, local) == 0 &&
	    !(a == b && strncasecmp(name, sp + 1, a) == 0);
	free(want);
	free(local);
	return turned ? xasprintf("%s %.*s", sp + 1, (int)a, name) : NULL;
}

/* name past a leading honorific ("Mr. Harish Gowda", "Dre Geneviève
 * Tremblay") or a capitalised "with" ("Avec Claire Dubois", "Con Rodrigo
 * Alatorre") when a whole name (two words or more) follows it; else name
 * itself. */
static size_t title_at(const char *text, const char *low);

static const char *after_honorific(const char *name)
{
	char *low = lower_dup(name);
	size_t h = title_at(name, low);
	const char *rest;

	if (h == 0) {
		size_t w = strcspn(low, " ");

		low[w] = '\0';
		if (bare_with(low))
			h = w;
	}
	free(low);
	rest = name + h + strspn(name + h, " ");
	return h > 0 && strchr(rest, ' ') != NULL ? rest : name;
}

void people_add(struct people *pl, const char *name, const char *email)
{
	size_t i;
	char *cut;

	if (pl->n >= MAX_PEOPLE || ((name == NULL || !*name) && (email == NULL || !*email)))
		return;
	if (name != NULL && (cut = name_by_address(name, email)) != NULL) {
		people_add(pl, cut, email);
		free(cut);
		return;
	}
	if (name != NULL && (cut = name_run_on(name)) != NULL) {
		people_add(pl, cut, email);
		free(cut);
		return;
	}
	/* "Madame Sarah Lambert", "Mr. Harish Gowda": the name without its
	 * honorific */
	if (name != NULL && strchr(name, ' ') != NULL) {
		const char *rest = after_honorific(name);

		if (rest != name) {
			people_add(pl, rest, email);
			return;
		}
	}
	/* A name seen before without an address gets one now. */
	for (i = 0; i < pl->n; i++) {
		/* the same name but for blanks, case and marks: "GonçaloReis"
		 * of a calendar's CN is "Gonçalo Reis" of the text */
		if (name && pl->v[i].name && squash_eq(name, pl->v[i].name)) {
			if (pl->v[i].email == NULL && email && *email)
				pl->v[i].email = xstrdup(email);
			/* the name written with its blanks */
			if (strchr(pl->v[i].name, ' ') == NULL && strchr(name, ' ') != NULL) {
				free(pl->v[i].name);
				pl->v[i].name = xstrdup(name);
			}
			return;
		}
		if (email && pl->v[i].email && strcasecmp(email, pl->v[i].email) == 0) {
			if (pl->v[i].name == NULL && name && *name)
				pl->v[i].name = xstrdup(name);
			return;
		}
		/* "Li Wei" without an address is "Li Wei Tan", named in full
		 * elsewhere, and the other way round */
		if (name && pl->v[i].name && email == NULL && words_prefix(name, pl->v[i].name))
			return;
		if (name && pl->v[i].name && pl->v[i].email == NULL &&
		    words_prefix(pl->v[i].name, name)) {
			free(pl->v[i].name);
			pl->v[i].name = xstrdup(name);
			pl->v[i].email = dup_or_null(email);
			return;
		}
	}
	pl->v[pl->n].name = dup_or_null(name);
	pl->v[pl->n].email = dup_or_null(email);
	pl->n++;
}

void people_free(struct people *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].name);
		free(pl->v[i].email);
	}
	pl->n = 0;
}

void know_addrs(struct ctx *c, const struct msg_addr_list *l)
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

static bool name_word(const char *t, size_t *len)
{
	size_t k = 0;

	if (!capital_at(t))
		return false;
	while (t[k] && (isalpha((unsigned char)t[k]) || (unsigned char)t[k] >= 0x80 ||
	    t[k] == '\'' || t[k] == '-'))
		k++;
	if (k < 2)
		return false;
	*len = k;
	return true;
}

/* A person's name at text+i: 2-4 capitalised words (lex_name_particles.w
 * allowed), not a label's words after it ("Location:", "Google Meet:"). */
static size_t person_name_at(const char *text, size_t i, char **out)
{
	size_t j = i, end = i, prev_end = i, len, k;
	int words = 0;

	*out = NULL;
	/* initials before the name, as South India writes it ("R.
	 * Venkatesh", "S. Balaji", "A. P. Rao"): each a word */
	while (words < 2 && isupper((unsigned char)text[j]) && text[j + 1] == '.' && text[j + 2] == ' ' &&
	    (isupper((unsigned char)text[j + 3]))) {
		j += 3;
		end = j - 1;
		words++;
	}
	if (words > 0 && !name_word(text + j, &len) &&
	    !(isupper((unsigned char)text[j]) && text[j + 1] == '.'))
		return 0;
	while (words < 4) {
		bool part = false;

		/* particles, one after another: "Pieter van den Berg" */
		for (int np = 0; np < 3 && words > 0; np++) {
			for (k = 0; k < lex_name_particles.n; k++)
				if (strncmp(text + j, lex_name_particles.w[k], strlen(lex_name_particles.w[k])) == 0)
					break;
			if (k == lex_name_particles.n)
				break;
			j += strlen(lex_name_particles.w[k]);
			part = true;
		}
		/* a word before a colon opens the next label, in text whose
		 * lines were joined ("Monique Dupree Location: Teams") */
		if (!name_word(text + j, &len) || (words >= 2 && text[j + len] == ':')) {
			if (part)
				j = end;
			/* a label of two words: "Lena Fischer Google Meet:" */
			if (!part && words >= 3 && text[j + len] == ':' &&
			    lex_word_is(&lex_org_words, text + prev_end + 1, end - prev_end - 1)) {
				end = prev_end;
				words--;
			}
			break;
		}
		j += len;
		prev_end = end;
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


static bool is_title(const char *name)
{
	char *low = lower_dup(name);
	bool r = FIND_ANY(low, lex_title_words) != NULL;

	free(low);
	return r;
}

/* Is local_in (lower case) the local part people make of a name:
 * first.last, firstlast, flast, first_last, first-last, first, each
 * perhaps with a number after it? */
static bool local_names(const char *local_in, const char *first, const char *last)
{
	char *local = xstrdup(local_in), *a = xasprintf("%s.%s", first, last);
	char *b2 = xasprintf("%s%s", first, last), *c3 = xasprintf("%c%s", first[0], last);
	char *d = xasprintf("%s_%s", first, last), *e2 = xasprintf("%s-%s", first, last);
	size_t ln = strlen(local);
	bool match;

	/* a large organisation numbers namesakes: "gemma.lloyd4@" */
	while (ln > 1 && isdigit((unsigned char)local[ln - 1]))
		local[--ln] = '\0';
	match = strcmp(local, a) == 0 || strcmp(local, b2) == 0 || strcmp(local, c3) == 0 ||
	    strcmp(local, d) == 0 || strcmp(local, e2) == 0 || strcmp(local, first) == 0;

	free(a);
	free(b2);
	free(c3);
	free(d);
	free(e2);
	free(local);
	return match;
}

/* An address for a person named name: "Name <addr>" in the text, a
 * known header address with that name, or a local part made of the name. */
char *email_for_name(const struct ctx *c, const char *name)
{
	char first[64] = "", last[64] = "";
	const char *sp;
	const char *p;
	size_t i;

	/* Reply-To beside a hiring system's or a meeting tool's From of the
	 * same name ("Daniela Steiner via Webex" <messenger@webex.com>): the
	 * person's own address, before the relay's */
	for (i = 0; i < c->m->reply_to.n; i++) {
		char *dn = person_display(c->m->reply_to.v[i].name);
		bool same = strcasecmp(dn, name) == 0 && human(c, c->m->reply_to.v[i].email);

		free(dn);
		if (same)
			return xstrdup(c->m->reply_to.v[i].email);
	}
	for (i = 0; i < c->known.n; i++) {
		if (c->known.v[i].name && c->known.v[i].email && strcasecmp(c->known.v[i].name, name) == 0 &&
		    !parties_is_robot(c->known.v[i].email))
			return xstrdup(c->known.v[i].email);
	}
	sp = strchr(name, ' ');
	if (sp == NULL)
		return NULL;
	{
		/* "Inês Carvalho" -> ines, carvalho: addresses are ASCII */
		char *f = xstrndup(name, (size_t)(sp - name));

		fold_squash(f, first, sizeof(first));
		fold_squash(strrchr(name, ' ') + 1, last, sizeof(last));
		free(f);
	}
	if (first[0] == '\0' || last[0] == '\0')
		return NULL;
	/* a header address without a name: "jordan@brightpath.example" */
	for (i = 0; i < c->known.n; i++) {
		const char *e = c->known.v[i].email;
		char *local;
		bool match;

		if (e == NULL || strchr(e, '@') == NULL || parties_is_robot(e) || is_me_email(c->o, e))
			continue;
		local = xstrndup(e, (size_t)(strchr(e, '@') - e));
		str_lower(local);
		match = local_names(local, first, last);
		free(local);
		if (match)
			return xstrdup(e);
	}
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
		match = local_names(local, first, last);
		/* "Ada Brooks <x@y>" or "Ada Brooks (x@y)" names it directly;
		 * not the organisation the address belongs to ("Northwind Pay
		 * jordan.blake@northwindpay.example", a signature's lines
		 * joined) */
		if (!match && !org_matches_domain(name, addr)) {
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

/* The length of the separator between a schedule line's columns at p:
 * two blanks, a tab, or a dash, bar, en dash, middle dot or bullet
 * between blanks ("Architecture Deep Dive - Naomi Fisher", "Frontend
 * Architecture · Hiro Tanaka"); 0 when none stands there. */
static size_t column_sep(const char *p)
{
	static const char *const marks[] = { " - ", " | ", " \xe2\x80\x93 ", " \xc2\xb7 ",
		" \xe2\x80\xa2 " };

	if ((p[0] == ' ' && p[1] == ' ') || p[0] == '\t')
		return 1;
	for (size_t k = 0; k < ARRAY_LEN(marks); k++)
		if (str_has_prefix(p, marks[k]))
			return strlen(marks[k]);
	return 0;
}

/* Where the column of line (n bytes) that k is in ends: at the next
 * column_sep, else at n. */
static size_t column_end(const char *line, size_t k, size_t n)
{
	while (k < n && column_sep(line + k) == 0)
		k++;
	return k;
}

/* "10:00 AM - 10:45 AM  Ada Brooks, Engineering Manager": a schedule line
 * names an interviewer after its time range. */
void schedule_people(const struct ctx *c, struct people *pl)
{
	const char *line = c->ltext;
	int lines = 0;

	while (*line && lines++ < 2000 && pl->n < MAX_PEOPLE) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		size_t off = (size_t)(line - c->ltext), i = 0;
		int h, mi, ampm;
		size_t len;

		i = skip_list_marks(line, 0);
		if (i > n)
			i = n;
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
			/* the name after the time, or in a later column (two
			 * blanks or more apart: "Pair programming      Fiona
			 * Galbraith (Senior Engineer)") */
			while (k < n) {
				bool added = false;
				size_t at = k;

				const char *w = memmem(c->llow + off + k, column_end(line, k, n) - k, " with ", 6);

				/* "Dr. Karen Liu, Chair", "Breakfast with Prof.
				 * David Oyelaran": past a session's "with" in
				 * this column, past a title */
				if (w != NULL)
					at = (size_t)(w - (c->llow + off)) + 6;
				at += title_at(line + at, c->llow + off + at);
				while (at < n && line[at] == ' ')
					at++;
				if (person_name_at(c->ltext, off + at, &name) > 0) {
					if (!is_title(name) && !is_me_name(c->o, name) &&
					    looks_like_person_strict(name)) {
						char *email = email_for_name(c, name);

						people_add(pl, name, email);
						free(email);
						added = true;
					}
					free(name);
				}
				if (added)
					break;
				/* to the next column */
				k = column_end(line, k, n);
				if (k < n)
					k += column_sep(line + k);
				while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '-' || line[k] == '|'))
					k++;
			}
		}
		if (e == NULL)
			break;
		line = e + 1;
	}
}

/* "Ben Ito will join me": a name right before such words. */
/* The person's name that ends right before end in c's text, an
 * apposition or a bracket between them skipped ("Lucía Herrera, the
 * hiring manager for Security Engineer II, would love", "Herr Emre Kaya
 * (Teamleiter Backend) ruft", "Rosa Vink (rosa.vink@bundl.example), our
 * recruiter"); NULL when none (the caller frees). */
static char *name_before(const struct ctx *c, size_t end)
{
	size_t st;
	char *name;

	if (end > 2 && c->text[end - 1] == ',') {
		size_t a = end - 1;

		while (a > 0 && end - a < 100 && c->text[a - 1] != ',' && c->text[a - 1] != '.' &&
		    c->text[a - 1] != '\n')
			a--;
		if (a > 0 && c->text[a - 1] == ',')
			end = a - 1;
	}
	if (end > 2 && c->text[end - 1] == ')') {
		size_t a = end - 1;

		while (a > 0 && end - a < 80 && c->text[a - 1] != '(' && c->text[a - 1] != '\n')
			a--;
		if (a > 1 && c->text[a - 1] == '(' && c->text[a - 2] == ' ')
			end = a - 2;
	}
	/* try name starts up to 40 bytes back, longest first */
	for (st = end > 40 ? end - 40 : 0; st < end; st++) {
		size_t len;

		if (st > 0 && c->text[st - 1] != ' ' && c->text[st - 1] != '\n' &&
		    c->text[st - 1] != ',' && c->text[st - 1] != '.' && c->text[st - 1] != '(' &&
		    c->text[st - 1] != '?')
			continue;
		if ((len = person_name_at(c->text, st, &name)) > 0) {
			/* "Herr Emre Kaya": the name after the honorific,
			 * tried next */
			/* "a car from Boston Coach will meet you": after
			 * "from", an organisation */
			static const char *const from[] = { "from " };
			bool org = phrase_ending_at(c->low, 0, st, from, 1) > 0;

			if (st + len == end && !org && !is_title(name) && !is_me_name(c->o, name) &&
			    looks_like_person_strict(name) &&
			    !lex_word_is(&lex_honorifics, name, strcspn(name, ". ")))
				return name;
			free(name);
		}
	}
	return NULL;
}

void people_before(const struct ctx *c, struct people *pl)
{
	size_t i;

	for (i = 0; i < lex_joins_after.n; i++) {
		const char *p = c->low;
		int budget = 16;

		while ((p = strstr(p, lex_joins_after.w[i])) != NULL && budget-- > 0) {
			size_t end = (size_t)(p - c->low);
			char *name;

			p += strlen(lex_joins_after.w[i]);
			/* else before an apposition's closing comma: "Our
			 * Engineering Manager, Mr. Arvind Rao, will call you" */
			if ((name = name_before(c, end)) != NULL ||
			    (end > 0 && c->low[end - 1] == ',' && (name = name_before(c, end - 1)) != NULL)) {
				char *email = email_for_name(c, name);

				people_add(pl, name, email);
				free(email);
				free(name);
			}
		}
	}
}

/* A name that starts with a weekday or a month ("Thursday Dec") is a
 * date; "May Chen" and "Mei Lin" are people: only when a date word or
 * a number follows. */
static bool dated(const char *name)
{
	char *low = lower_dup(name);
	size_t len;
	bool r = false;

	if ((weekday_at(low, &len) >= 0 || month_at(low, &len) > 0) && low[len] == ' ') {
		size_t l2;

		r = isdigit((unsigned char)low[len + 1]) || month_at(low + len + 1, &l2) > 0 ||
		    weekday_at(low + len + 1, &l2) >= 0;
	}
	free(low);
	return r;
}

/* A department or a team's field, no person: a word of it is one
 * ("Risk Platform", "Data"). */
bool department(const char *name)
{
	for (size_t k = 0; k < lex_departments.n; k++)
		if (has_word_ci(name, lex_departments.w[k]))
			return true;
	return false;
}

/* From i (after a trigger), past separators, bullets, "and", lower-case
 * words and titles ("our co-founder and CTO, Omar Farouk"), to where a
 * name may start. */
/* Is text[i] a quote's mark at its line's start ("> " of a quoted mail,
 * ">> " of one quoted twice)? */
static bool quote_mark(const char *text, size_t i)
{
	size_t k = i;

	if (text[i] != '>')
		return false;
	while (k > 0 && (text[k - 1] == '>' || text[k - 1] == ' '))
		k--;
	return k == 0 || text[k - 1] == '\n';
}

static size_t skip_to_name(const struct ctx *c, size_t i)
{
	size_t l4;

	/* separators, bullets, "our", "the", titles before the name */
	while (c->text[i] == ' ' || c->text[i] == '\t' || c->text[i] == ':' ||
	    c->text[i] == '-' || c->text[i] == '*' || c->text[i] == ',' ||
	    c->text[i] == ';' || c->text[i] == '&' || c->text[i] == '\n' ||
	    strncmp(c->text + i, "\xe2\x80\xa2", 3) == 0 || quote_mark(c->ltext, i)) {
		/* a blank line ends the trigger's sentence, unless a colon
		 * opens a list below it ("will be composed of:" over an HTML
		 * list) */
		if (c->text[i] == '\n' && c->text[i + 1] == '\n' && !(i > 0 && c->text[i - 1] == ':'))
			break;
		i += strncmp(c->text + i, "\xe2\x80\xa2", 3) == 0 ? 3 : 1;
	}
	{
		size_t la = word_of(c->low + i, lex_list_ands.w, lex_list_ands.n);

		/* "and", and the blanks after it, on to the next line's
		 * indent ("... e\n  Fernanda Costa (RH)") */
		if (la > 0 && (c->low[i + la] == ' ' || c->low[i + la] == '\n'))
			i += la + 1 + strspn(c->text + i + la + 1, " \t");
	}
	/* "our co-founder and CTO, Omar Farouk": skip lower-case
	 * words and titles before the name */
	{
		int skipped = 0;
		size_t l3;

		while (skipped < 6) {
			size_t k = i;

			if ((l3 = honorific_at(c->low + k)) > 0 && islower((unsigned char)c->text[k])) {
				/* the Dutch lawyer's "mr. Pieter van Aalst" */
				k += l3;
			} else if (islower((unsigned char)c->text[k])) {
				while (isalpha((unsigned char)c->text[k]) || c->text[k] == '-' ||
				    (unsigned char)c->text[k] >= 0x80)
					k++;
			} else if (name_word(c->text + k, &l3) && lex_word_is(&lex_title_words, c->text + k, l3) &&
			    !name_word(c->text + k + l3 + 1, &l4)) {
				k += l3;
			} else if (skipped > 0 && name_word(c->text + k, &l3) && c->text[k + l3] == ',' &&
			    lex_word_is(&lex_departments, c->text + k, l3)) {
				/* "our Head of Data, Eva Lindner" */
				k += l3;
			} else if ((l3 = title_at(c->text + k, c->low + k)) > 0) {
				/* "Dr. Paul Nguyen", "Frau Dr. Sabine Kraus", "Mme Durand",
				 * "Me Jean-François Bélanger" */
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
	return i;
}

/* Is s[0..n) a job title ("Director of Data & Analytics")? */
static bool title_segment(const char *s, size_t n)
{
	char *seg = clean_phrase(s, n);
	bool r = is_title(seg);

	free(seg);
	return r;
}

/* From i (after a name), past "(Engineering Manager)", "<ada@x>" and a
 * list separator with a title after it (", Engineering Manager,"): false
 * when the list of names ends here. */

/* The length of a list's bullet and its blank at p ("- ", "* ", "• ",
 * "· ", "– "), or 0. */
static size_t bullet_at(const char *p)
{
	static const char *const bullets[] = { "- ", "* ", "\xe2\x80\xa2 ", "\xc2\xb7 ",
		"\xe2\x80\x93 " };

	while (*p == ' ' || *p == '\t')
		p++;
	for (size_t k = 0; k < ARRAY_LEN(bullets); k++)
		if (str_has_prefix(p, bullets[k]))
			return strlen(bullets[k]);
	return 0;
}


/* Does a name's particle start at t ("de Graaf", "van der Meer")? */
static bool particle_at(const char *t)
{
	for (size_t k = 0; k < lex_name_particles.n; k++)
		if (str_has_prefix(t, lex_name_particles.w[k]))
			return true;
	return false;
}

static bool next_in_list(const struct ctx *c, size_t *ip)
{
	size_t i = *ip;

	/* "- Dr. Elaine Mackenzie, Director, Institutional Research &
	 * Analytics\n- Victor Huang, ...": in a bulleted list of people (the
	 * name begins its item: no word in lower case before it) the rest of
	 * a name's line describes its person, and the list goes on at the
	 * next line's bullet */
	{
		size_t ls = i, le = i + strcspn(c->ltext + i, "\n"), b, h, hl;
		bool lower = false;

		while (ls > 0 && c->ltext[ls - 1] != '\n')
			ls--;
		b = bullet_at(c->ltext + ls);
		/* "- mevrouw Anouk de Graaf, hoofd Digitaal": an honorific
		 * in lower case is the name's */
		h = ls + b;
		while (b > 0 && (hl = honorific_at(c->low + h)) > 0 && h + hl < i)
			h = skip_blank(c->low, h + hl);
		for (size_t k = h; b > 0 && k < i && !lower; k++)
			lower = islower((unsigned char)c->ltext[k]) &&
			    (k == h || c->ltext[k - 1] == ' ') && !particle_at(c->ltext + k);
		if (b > 0 && !lower && c->ltext[le] == '\n' && bullet_at(c->ltext + le + 1) > 0) {
			*ip = le;
			return true;
		}
		/* the list's last item: its line's rest after a comma is its
		 * person's too ("- de heer Willem Bos, conservator Maritieme
		 * Geschiedenis") */
		if (b > 0 && !lower && c->text[i + strspn(c->text + i, " ")] == ',')
			return false;
	}

	/* "(Engineering Manager)" */
	while (c->ltext[i] == ' ')
		i++;
	if (c->text[i] == '(') {
		const char *e = strchr(c->text + i, ')');

		if (e == NULL || e - (c->text + i) > 80)
			return false;
		i = (size_t)(e - c->text) + 1;
	}
	/* "<ada@x>" */
	while (c->ltext[i] == ' ')
		i++;
	if (c->text[i] == '<') {
		const char *e = strchr(c->text + i, '>');

		if (e == NULL || e - (c->text + i) > 100)
			return false;
		i = (size_t)(e - c->text) + 1;
	}
	/* ", our Head of Perception, and Priya Nair": an apposition */
	{
		size_t k = i;

		while (c->ltext[k] == ' ')
			k++;
		if (c->text[k] == ',') {
			const char *q = c->text + k + 1;
			size_t e = strcspn(q, ",.;\n");

			if (q[e] == ',' && e < 60) {
				char *seg = clean_phrase(q, e);

				if (islower((unsigned char)seg[0]) && is_title(seg))
					i = k + 1 + e;
				free(seg);
			}
		}
	}
	/* continue only over a list separator */
	{
		size_t k = i;

		while (c->ltext[k] == ' ')
			k++;
		if (!(c->text[k] == ',' || c->text[k] == ';' || c->text[k] == '&' ||
		    (word_of(c->low + k, lex_list_ands.w, lex_list_ands.n) > 0 &&
		    (c->low[k + word_of(c->low + k, lex_list_ands.w, lex_list_ands.n)] == ' ' ||
		    c->low[k + word_of(c->low + k, lex_list_ands.w, lex_list_ands.n)] == '\n')) ||
		    (c->ltext[k] == '\n' && c->ltext[k + 1] != '\n') ||
		    (c->text[k] == '-' && c->text[k + 1] == ' ')))
			return false;
		/* ", Engineering Manager," title after a name: skip it */
		if (c->text[k] == ',' || c->text[k] == '-') {
			size_t k2 = k + 1, l2, el;
			char *tn = NULL, *line = NULL;

			while (c->text[k2] == ' ')
				k2++;
			/* ", Head of Engineering\n- Jonas": the title is the rest
			 * of the line, its small words too */
			el = strcspn(c->ltext + k2, ",;\n(<");
			if (c->text[k] == ',' && c->ltext[k2 + el] == '\n' && el > 0 && el < 60)
				line = clean_phrase(c->text + k2, el);
			if (line != NULL && strchr(line, ' ') != NULL && islower((unsigned char)
			    line[strcspn(line, " ") + 1]) && is_title(line)) {
				i = k2 + el;
			} else if (c->text[k] == ',' && c->ltext[k2 + el] == ';' && el > 0 && el < 60 &&
			    title_segment(c->text + k2, el)) {
				/* "Megan Holt, Director of Data & Analytics; Chris
				 * Yamamoto, ...": the title runs to the semicolon */
				i = k2 + el;
			} else if (c->text[k] == ',' && c->ltext[k2 + el] == ',' && el > 0 && el < 60 &&
			    islower((unsigned char)c->text[k2]) &&
			    list_joiner(c->low + skip_blank(c->low, k2 + el + 1)) > 0) {
				/* "Geneviève Tremblay, cheffe d'équipe - Plateforme
				 * de données, et Olivier Gagnon": a title in lower
				 * case, as French writes it, up to the comma before
				 * the list's "and" */
				i = k2 + el;
			} else if ((l2 = person_name_at(c->text, k2, &tn)) > 0 && is_title(tn)) {
				i = k2 + l2;
			} else if (name_word(c->text + k2, &l2) && lex_word_is(&lex_title_words, c->text + k2, l2)) {
				i = k2 + l2;
			}
			/* "Director - Digital & Data.": the title's field after
			 * a dash runs to the sentence's end */
			if (i > k) {
				size_t d = i, de;

				while (c->ltext[d] == ' ')
					d++;
				if ((c->text[d] == '-' && c->text[d + 1] == ' ') ||
				    strncmp(c->text + d, "\xe2\x80\x93 ", 4) == 0) {
					d += c->text[d] == '-' ? 2 : 4;
					de = strcspn(c->ltext + d, ".;\n(<");
					if (de > 0 && de < 40 && (c->ltext[d + de] == '.' || c->ltext[d + de] == '\n') &&
					    isupper((unsigned char)c->text[d]))
						i = d + de;
				}
			}
			free(tn);
			free(line);
			/* "Ken Sato, Engineering Manager (ken@x)": the address
			 * after the title too */
			{
				size_t k3 = i;

				while (c->text[k3] == ' ')
					k3++;
				if (k3 > k && (c->text[k3] == '(' || c->text[k3] == '<')) {
					const char *e = strchr(c->text + k3, c->text[k3] == '(' ? ')' : '>');

					if (e != NULL && e - (c->text + k3) < 100 &&
					    memchr(c->text + k3, '@', (size_t)(e - (c->text + k3))) != NULL)
						i = (size_t)(e - c->text) + 1;
				}
			}
		}
	}
	*ip = i;
	return true;
}

/* The next trigger w in low from p on; its end in *end.  A label's colon
 * may stand after blanks, as in aligned blocks ("Panel     : Ada Brooks"). */
static const char *next_trigger(const char *low, const char *p, const char *w, size_t *end)
{
	size_t n = strlen(w), k;
	char stem[48];

	if (n < 2 || w[n - 1] != ':' || n > sizeof(stem)) {
		if ((p = find_phrase(p, w)) != NULL)
			*end = (size_t)(p - low) + n;
		return p;
	}
	memcpy(stem, w, n - 1);
	stem[n - 1] = '\0';
	while ((p = find_phrase(p, stem)) != NULL) {
		k = n - 1;
		while (p[k] == ' ' || p[k] == '\t')
			k++;
		if (p[k] == ':') {
			*end = (size_t)(p - low) + k + 1;
			return p;
		}
		p++;
	}
	return NULL;
}

/* The line break in ltext[from, to) that ends a short line, one written
 * so (a label's, a list's, a sign-off's), or NULL: a line of 60 bytes or
 * more was wrapped at its width ("Tom\nOkafor"), its sentence goes on. */
static const char *hard_break(const struct ctx *c, size_t from, size_t to)
{
	const char *nl;
	size_t ls = from;

	if (to <= from || (nl = memchr(c->ltext + from, '\n', to - from)) == NULL)
		return NULL;
	while (ls > 0 && c->ltext[ls - 1] != '\n')
		ls--;
	return (size_t)(nl - c->ltext) - ls >= 60 ? NULL : nl;
}

/* Between text+from and text+to, a hard line break (not one of wrapping)
 * and a word: what a trigger starts does not go on to the next line past
 * other words. */
static bool words_over_line(const struct ctx *c, size_t from, size_t to)
{
	bool word = false;

	if (hard_break(c, from, to) == NULL)
		return false;
	/* a lower-case word: an honorific or a title ("Dr.", "CTO",
	 * "mevrouw", "de heer") is the name's own line */
	for (size_t k = from; k < to && !word; k++) {
		size_t h;

		if (!islower((unsigned char)c->text[k]) || (k > from && isalpha((unsigned char)c->text[k - 1])))
			continue;
		/* nor is the list's "and" that ends the line above ("Ricardo
		 * Almeida (Gerente) e\n  Fernanda Costa (RH)") */
		if ((h = honorific_at(c->low + k)) > 0 ||
		    ((h = word_of(c->low + k, lex_list_ands.w, lex_list_ands.n)) > 0 &&
		    !isalpha((unsigned char)c->low[k + h])))
			k += h - 1;
		else
			word = true;
	}
	return word;
}

/* A name read at text+i over len bytes ends with its line ("Entrevistador:
 * Bruno Tavares\nEm caso de dúvidas" is Bruno Tavares): its words past the
 * line break are cut from name (in place), unless the line is long enough
 * to have been wrapped at its width.  Returns the bytes of text the name
 * now takes: the next line may be the list's next name ("Kenji Watanabe\n
 * Yui Nakamura"). */
static size_t cut_at_line_end(const struct ctx *c, size_t i, size_t len, char *name)
{
	const char *nl = hard_break(c, i, i + len);
	size_t words = 0, k;
	char *p = name;

	if (nl == NULL)
		return len;
	for (k = i; c->ltext + k < nl; k++)
		words += c->ltext[k] != ' ' && (k == i || c->ltext[k - 1] == ' ');
	if (words == 0)
		return len;
	while (*p && words > 0) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
		words--;
	}
	*p = '\0';
	return (size_t)(nl - (c->ltext + i));
}

/* Does a phrase that sends the user to someone with questions end at
 * low+i ("get in touch with", "fale com", "habla con")?  Whom it names is
 * the contact (pointed_person), not on the panel. */
static bool contact_lead_ends(const char *low, size_t i)
{
	/* "vais falar com", "vai falar com": the user will talk with them,
	 * the interview itself, not whom to ask ("pode falar com") */
	static const char *const future[] = { "vais ", "vai ", "v\xc3\xa3o ", "ir\xc3\xa1 ", "ir\xc3\xa1s " };

	if (low[i] != ' ')
		return false;
	for (size_t t = 0; t < lex_contact_leads.n; t++) {
		size_t l = strlen(lex_contact_leads.w[t]);

		if (l <= i + 1 && strncmp(low + i + 1 - l, lex_contact_leads.w[t], l) == 0 &&
		    (i + 1 == l || !is_word_byte((unsigned char)low[i - l]))) {
			return phrase_ending_at(low, 0, i + 1 - l, future, ARRAY_LEN(future)) == 0;
		}
	}
	return false;
}

/* Is there a letter in text[from, to) (a word skipped)? */
static bool words_between(const struct ctx *c, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (isalpha((unsigned char)c->text[k]) || (unsigned char)c->text[k] >= 0x80)
			return true;
	return false;
}

/* Is the name that ends at text+i a place's, a word for a site after it
 * ("our Dubai South office", "the Whitefield campus")? */
static bool place_named(const struct ctx *c, size_t i)
{
	static const char *const sites[] = { "office", "offices", "campus", "branch", "hq",
		"headquarters", "site", "centre", "center", "tower", "park", "kantoor", "bureau",
		"b\xc3\xbcro", "standort", "oficina", "escrit\xc3\xb3rio" };

	while (c->low[i] == ' ')
		i++;
	return word_of(c->low + i, sites, ARRAY_LEN(sites)) > 0;
}

/* (detect_int.h) */
bool bare_with(const char *w)
{
	static const char *const withs[] = { "with", "mit", "avec", "con", "com", "met" };

	for (size_t k = 0; k < ARRAY_LEN(withs); k++)
		if (strcmp(w, withs[k]) == 0)
			return true;
	return false;
}

/* Does a word for a group of people follow at low ("Enterprise
 * Integrations team", "the Data Platform group"), or a job's noun?  The
 * name before it is the group's or the job's. */
static bool unit_follows(const char *low)
{
	size_t n;
	bool line = false;

	while (*low == ' ' || *low == '\n')
		line |= *low++ == '\n';
	n = strspn(low, "abcdefghijklmnopqrstuvwxyz");
	if (line)
		return false;
	/* or the job's own noun, not a label's ("Position:"): "the Senior
	 * Bridge Engineer - Major Crossings role" (a title's words, no one) */
	return (lex_word_is(&lex_role_nouns_bare, low, n) && low[n] != ':') ||
	    lex_word_is(&lex_group_words, low, n);
}

/* The people named from text+i on, after a trigger (bare: a bare
 * "with"), into pl. */
/* Does the name before p carry a calendar's organiser mark ("Pooja
 * Shetty - organizer" in Google's "Who:" list)?  The one who sent the
 * invite, named as such, is not named as one who interviews. */
static bool organizer_marked(const char *p)
{
	static const char *const marks[] = { "organizer", "organiser", "organisateur",
		"organisatrice", "organizador", "organizadora", "organisator", "organisatorin" };

	p += strspn(p, " ");
	if (*p == '-' || *p == '(')
		p++;
	else if (strncmp(p, "\xe2\x80\x93", 3) == 0)
		p += 3;
	else
		return false;
	p += strspn(p, " ");
	for (size_t k = 0; k < ARRAY_LEN(marks); k++)
		if (str_has_prefix(p, marks[k]))
			return true;
	return false;
}

static void people_after(const struct ctx *c, size_t i, bool bare, struct people *pl)
{
	struct people found = { .n = 0 };
	bool things = false;
	int guard = 0;

	if (header_line(c->llow, i) || contact_lead_ends(c->low, i))
		return;
	/* after a bare "with", a list with a thing in it is of things
	 * ("Erfahrung mit Spring Boot, Kafka und ..."): its names are kept
	 * apart until the list ends */
	while (guard++ < 12 && pl->n < MAX_PEOPLE) {
		char *name;
		size_t len, from = i;

		i = skip_to_name(c, i);
		/* words skipped to a name on another line: the trigger's
		 * sentence ended ("Com os melhores cumprimentos,\nInês") */
		if (words_over_line(c, from, i))
			break;
		if ((len = person_name_at(c->text, i, &name)) == 0) {
			/* a capitalised item right after the list's comma
			 * that is no name: "Kafka" */
			things |= guard > 1 && isupper((unsigned char)c->text[i]) &&
			    !words_between(c, from, i);
			break;
		}
		i += cut_at_line_end(c, i, len, name);
		if (is_title(name) || bad_company(name) || is_ats_name(name) || department(name) ||
		    dated(name) || place_named(c, i) || unit_follows(c->low + i) ||
		    organizer_marked(c->low + i)) {
			free(name);
			continue;   /* "Engineering Manager, Ada Brooks", "Risk Platform" */
		}
		if (!is_me_name(c->o, name) && looks_like_person(name)) {
			char *email = email_for_name(c, name);

			/* without an address, only what surely is a person */
			if ((email != NULL && !is_me_email(c->o, email)) ||
			    (email == NULL && looks_like_person_strict(name)))
				people_add(bare ? &found : pl, name, email);
			else if (email == NULL && strchr(name, ' ') == NULL)
				things = true;      /* "Kafka" */
			free(email);
		}
		free(name);
		if (!next_in_list(c, &i))
			break;
	}
	for (size_t k = 0; k < found.n; k++) {
		if (!things)
			people_add(pl, found.v[k].name, found.v[k].email);
	}
	people_free(&found);
}

/* Does a word of llow[s, e) end in a word of nouns, for the meeting's
 * people as a group (lex_panel_nouns: "panel", "Auswahlkommission",
 * "selectiecommissie"; lex_attendee_nouns: "Teilnehmende")? */
static bool names_panel(const char *llow, size_t s, size_t e, const struct lexicon *nouns)
{
	while (s < e) {
		size_t w = s;

		while (w < e && (isalpha((unsigned char)llow[w]) || (unsigned char)llow[w] >= 0x80))
			w++;
		for (size_t k = 0; k < nouns->n && w > s; k++) {
			size_t n = strlen(nouns->w[k]);

			if (w - s >= n && memcmp(llow + w - n, nouns->w[k], n) == 0)
				return true;
		}
		s = w + 1;
	}
	return false;
}

/* Is llow[s, e) a heading that names the panel, alone on its line
 * ("Interviewers", "\xe2\x96\xa0 Interviewers", "Your interviewers", "Ihre
 * Gespr\xc3\xa4chspartner"): a symbol or two, then at most three words, the
 * last a panel noun? */
static bool panel_heading(const char *llow, size_t s, size_t e)
{
	size_t words = 0, last = s;

	while (s < e && !isalpha((unsigned char)llow[s]))
		s++;
	if (s == e || e - s > 40)
		return false;
	for (size_t k = s; k < e; k++) {
		if (llow[k] == ' ') {
			if (llow[k + 1] == ' ')
				return false;
			last = k + 1;
		} else if (!isalpha((unsigned char)llow[k]) && (unsigned char)llow[k] < 0x80 && llow[k] != '-')
			return false;
		if (k == s || llow[k - 1] == ' ')
			words++;
	}
	return words <= 3 && names_panel(llow, s > last ? s : last, e, &lex_panel_nouns);
}

/*
 * The panel's people listed under a line that leads them: a line that
 * ends in a colon, names the panel and leads a bulleted list ("This is a
 * 90-minute panel of three over Google Meet:", "De selectiecommissie
 * bestaat uit:", "Teilnehmende seitens Kanton:"), whatever its words
 * around the noun, or a heading that is the panel's noun alone
 * ("Interviewers", then a name a line).  Each such list, read as after a
 * trigger.
 */
static void panel_lists(const struct ctx *c, struct people *pl)
{
	const char *l = c->llow;
	int lines = 0;

	while (*l != '\0' && lines++ < 4000) {
		size_t s = (size_t)(l - c->llow), n = strcspn(l, "\n"), e = s + n, next = s + n, f;

		while (e > s && (c->llow[e - 1] == ' ' || c->llow[e - 1] == '\t'))
			e--;
		/* the list on the next line, or after a blank line or two */
		for (int b = 0; b < 3 && c->llow[next] == '\n'; b++)
			next++;
		f = next + bullet_at(c->llow + next);
		while (c->llow[f] == ' ' || c->llow[f] == '\t')
			f++;
		if (e > s && e - s < 160 && next > s + n &&
		    /* a list by its bullets or its indent ("The selection
		     * committee members are:\n  Professor Helen ...") */
		    ((c->llow[e - 1] == ':' && (bullet_at(c->llow + next) > 0 ||
		    (c->llow[next] == ' ' && c->llow[next + 1] == ' ')) &&
		    (names_panel(c->llow, s, e - 1, &lex_panel_nouns) ||
		    names_panel(c->llow, s, e - 1, &lex_attendee_nouns))) ||
		    (panel_heading(c->llow, s, e) && isupper((unsigned char)c->ltext[f])))) {
			/* each line on its own: a title at a line's end is
			 * no part of the next line's name */
			for (int k = 0; k < 12 && c->llow[next] != '\n' && c->llow[next] != '\0'; k++) {
				people_after(c, next, false, pl);
				next += strcspn(c->llow + next, "\n");
				next += c->llow[next] == '\n';
			}
		}
		l += n + (l[n] == '\n');
	}
}

/* Do the words before low+pos say a "with" that follows keeps to a rule
 * ("in line with", "in accordance with", "to comply with")? */
static bool conforms_before(const char *low, size_t pos)
{
	static const char *const leads[] = { "in line ", "in accordance ", "in keeping ", "comply ",
		"complies ", "complying ", "compliance ", "compliant ", "consistent ", "accordance " };

	for (size_t k = 0; k < ARRAY_LEN(leads); k++) {
		size_t n = strlen(leads[k]);

		if (pos >= n && memcmp(low + pos - n, leads[k], n) == 0)
			return true;
	}
	return false;
}

void prose_people(const struct ctx *c, struct people *pl)
{
	struct lex_hits hits;
	size_t t;

	lex_hits_find(&hits, c->low, &lex_people_triggers);
	for (t = 0; t < lex_people_triggers.n; t++) {
		const char *p = c->low;
		size_t i;

		/* A trigger that ends in ':' may have blanks before its colon
		 * ("Panel     : Ada Brooks"): next_trigger; the others from the
		 * list's one pass. */
		const char *w = lex_people_triggers.w[t];
		bool colon = w[0] != '\0' && w[strlen(w) - 1] == ':';

		while ((p = colon ? next_trigger(c->low, p, w, &i) :
		    lex_hits_next(&hits, t, p, true)) != NULL) {
			if (!colon)
				i = (size_t)(p - c->low) + strlen(w);
			/* "in line with Keeping Children Safe in Education": a
			 * rule or a law follows, no one */
			if (bare_with(w) && conforms_before(c->low, (size_t)(p - c->low))) {
				p = c->low + i;
				continue;
			}
			p = c->low + i;
			people_after(c, i, bare_with(w), pl);
		}
	}
	lex_hits_free(&hits);
	panel_lists(c, pl);
}

static bool closing_line(const char *l, size_t n)
{
	char buf[64];
	size_t i;

	while (n > 0 && (l[n - 1] == ',' || l[n - 1] == '!' || l[n - 1] == '.' || l[n - 1] == ' '))
		n--;
	while (n > 0 && (*l == ' ' || *l == '\t')) {
		l++;
		n--;
	}
	/* Spanish opens an exclamation: "¡Un abrazo!" */
	if (n >= 2 && (unsigned char)l[0] == 0xc2 && (unsigned char)l[1] == 0xa1) {
		l += 2;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return false;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)l[i]);
	buf[n] = '\0';
	for (i = 0; i < lex_closings.n; i++) {
		if (strcmp(buf, lex_closings.w[i]) == 0)
			return true;
	}
	return false;
}

bool my_name_word(const struct ctx *c, const char *r)
{
	const char *n = c->o->my_name;
	size_t rl = strlen(r);

	if (n == NULL || rl == 0 || strchr(r, ' ') != NULL)
		return false;
	while (*n) {
		size_t wl = strcspn(n, " -");

		if (wl == rl && strncasecmp(n, r, rl) == 0)
			return true;
		n += wl;
		while (*n == ' ' || *n == '-')
			n++;
	}
	return false;
}

/* Does r name an organisation's people office ("Office of Human
 * Resources", "Direction des ressources humaines"), a part of one and
 * no employer? */
static bool people_office(const char *r)
{
	static const char *const offices[] = { "Human Resources", "Recursos Humanos",
		"Ressources humaines", "Talent Acquisition" };

	for (size_t k = 0; k < ARRAY_LEN(offices); k++)
		if (has_word_ci(r, offices[k]))
			return true;
	return false;
}

/* Can a part of a signature line (cleaned, legal suffix dropped) name
 * the organisation?  Capitalised, no job title ("Talent Partner",
 * "Softwarearchitektin"), no address ("Level 9", "Via dei Mille 18"), no
 * people office (people_office), no hiring system, not the user. */
static bool org_part(const struct ctx *c, const char *r)
{
	return capital_at(r) && !my_name_word(c, r) && !is_title(r) && !has_job_noun(r) && !bad_company(r) &&
	    !people_office(r) &&
	    !is_ats_name(r) && !is_me_name(c->o, r) && strpbrk(r, "0123456789@:/") == NULL &&
	    !people_has(&c->known, r, NULL);
}

/* Letters after a name that are degrees or credentials: capitals, with
 * dots and hyphens ("MSN", "NE-BC", "Ph.D.", "FACHE"), at most eight. */
static bool degree_part(const char *r)
{
	size_t n = strlen(r), caps = 0;

	if (n == 0 || n > 8)
		return false;
	for (const char *q = r; *q; q++) {
		if (isupper((unsigned char)*q))
			caps++;
		else if (!(*q == '.' || *q == '-' || (*q == 'h' && q > r && q[-1] == 'P')))
			return false;
	}
	return caps >= 2;
}

/* The organisation on one signature line, split at " | ", ", ", " - ",
 * " \u2013 ", " at ", " bei ": the part that names the writer's domain
 * (*matched), else the first part that can be a name, when the line has
 * a separator ("Gullwing Energy | Bristol", "Recruiter, Meridian Kite |
 * Amsterdam", "Southerly Cloud | Level 9, 60 Martin Place").  A line
 * without a separator counts only when it names the domain. */
/* Does part start with a house number before its street ("1 Harbourmaster
 * Place", "12A Rue Haute")? */
static bool house_number_first(const char *part)
{
	size_t k = 0;

	while (isdigit((unsigned char)part[k]))
		k++;
	if (k == 0 || k > 4)
		return false;
	if (isupper((unsigned char)part[k]) && part[k + 1] == ' ')
		k++;
	return part[k] == ' ' && isupper((unsigned char)part[k + 1]) && strchr(part + k + 1, ' ') != NULL;
}

static char *signature_line_org(const struct ctx *c, const char *l, const char *email, bool *matched)
{
	/* seps[HYPHEN]: a title's field follows it (see below) */
	static const char *const seps[] = { " | ", ", ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
		" at ", " bei ", " chez ", " @ ", " \xc2\xb7 ", " \xe2\x80\xa2 " };
	enum { HYPHEN = 2 };
	char *first = NULL;
	bool split = false, after_title = false, prev_title, after_name = false, dash = false, prev_dash;
	const char *start = l;

	*matched = false;
	while (*l) {
		size_t best = strlen(l), bl = 0, bk = 0, k;
		char *part;

		for (k = 0; k < ARRAY_LEN(seps); k++) {
			const char *q = strstr(l, seps[k]);

			if (q != NULL && (size_t)(q - l) < best) {
				best = (size_t)(q - l);
				bl = strlen(seps[k]);
				bk = k;
			}
		}
		split = split || bl > 0;
		prev_title = after_title;
		prev_dash = dash;
		dash = bl > 0 && bk == HYPHEN;
		/* the part that names the domain, whatever its words
		 * ("Halcyon Talent" at halcyontalent.example) */
		part = clean_phrase(l, best);
		strip_legal(part);
		if (capital_at(part) && strpbrk(part, "0123456789@:/") == NULL &&
		    !is_me_name(c->o, part) && org_matches_domain(part, email)) {
			free(first);
			*matched = true;
			return part;
		}
		if (has_address_number(part) || house_number_first(part)) {
			/* "Av. Paseo de la Reforma 296, Piso 18, Col. Juárez,
			 * CDMX", "1 Harbourmaster Place, IFSC, Dublin 1": from a
			 * street on, the line is a postal address, its places no
			 * organisation */
			free(part);
			break;
		} else if (after_name && degree_part(part)) {
			/* "Karen Oduya, MSN, RN, NE-BC": her degrees */
			free(part);
		} else if (!org_part(c, part)) {
			char *t = clean_phrase(l, best);

			after_title = is_title(t) || has_job_noun(t);
			free(t);
			free(part);
		} else {
			after_title = false;
			/* "Kenji Watanabe" may be a person: the domain says, or a
			 * job title before it ("Engineering Manager, Ostara
			 * Biotech"); "Data & AI" is a team's field */
			if (l == start && looks_like_person_strict(part))
				after_name = true;
			/* after a title and a hyphen, the title's field ("Senior
			 * Consultant - Civil & Structural"), no organisation; an
			 * en dash there leads to one ("Talent Acquisition –
			 * Assurances Mosane", blind set 13) */
			if (first == NULL && (prev_title || !looks_like_person_strict(part)) &&
			    !(prev_title && prev_dash) &&
			    !lex_word_is(&lex_departments, part, strcspn(part, " ")))
				first = part;
			else
				free(part);
		}
		if (bl == 0)
			break;
		l += best + bl;
	}
	if (!split) {
		free(first);
		return NULL;
	}
	return first;
}

/* The writer's address for a signature: the signer's, else the sender's
 * or Reply-To's when a human. */
static const char *signature_email(const struct ctx *c, const struct signer *sg, char **owned)
{
	size_t i;

	if (sg->email != NULL)
		return sg->email;
	if (sg->name != NULL && (*owned = email_for_name(c, sg->name)) != NULL)
		return *owned;
	for (i = 0; i < c->m->from.n; i++)
		if (human(c, c->m->from.v[i].email))
			return c->m->from.v[i].email;
	for (i = 0; i < c->m->reply_to.n; i++)
		if (human(c, c->m->reply_to.v[i].email))
			return c->m->reply_to.v[i].email;
	return NULL;
}

/* A line with a postal code or a phone number (four digits in a row), or
 * a town and its state, and no parts apart ("Halcyon Talent | +44 20 7946
 * 0321" has one): "Lakewood, CO 80225", "(303) 555-0110", "Brockton, MA"
 * name no organisation. */
static bool postal_line(const char *l)
{
	size_t n = strlen(l);

	if (strstr(l, " | ") != NULL)
		return false;
	/* "Brockton, MA": a town and its state's two letters */
	if (n > 4 && l[n - 4] == ',' && l[n - 3] == ' ' && isupper((unsigned char)l[n - 2]) &&
	    isupper((unsigned char)l[n - 1]))
		return true;
	for (size_t run = 0; *l; l++) {
		run = isdigit((unsigned char)*l) ? run + 1 : 0;
		if (run >= 4)
			return true;
	}
	return false;
}

/* A short line that starts with a capital: a name, not a sentence (at
 * most six words, no full stop inside). */
static bool short_name_line(const char *l)
{
	int words = 1;

	if (!isupper((unsigned char)*l) && (unsigned char)*l < 0xc3)
		return false;
	for (const char *p = l; *p; p++) {
		if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
			words++;
		if (*p == '.' && p[1] == ' ')
			return false;
	}
	return words <= 6;
}

/* Is name a unit of an organisation, named by what it does and ending in
 * the unit's word ("Civil Service Division", "Human Resources Department",
 * "Supply Chain Unit")?  "Department of Health" is an employer. */
static bool unit_name(const char *name)
{
	static const char *const units[] = { "division", "department", "dept", "dept.", "unit",
		"office", "team", "section", "bureau" };
	return last_word_is(name, units, ARRAY_LEN(units));
}

/* The lines after a signer's name (q), and the rest of the name's line
 * (rest): an address, and the organisation: a part that names the
 * writer's domain on any line, else the first line's organisation part. */
static void signer_details(const struct ctx *c, const char *rest, const char *q, struct signer *sg)
{
	const char *lines[6];
	size_t nl = 0, k;
	char *first = NULL, *legal = NULL;

	if (rest != NULL)
		lines[nl++] = rest;
	for (k = 0; k < 5 && *q; k++) {
		const char *qe;
		size_t qn;

		while (*q == '\n' || *q == ' ')
			q++;
		qe = strchr(q, '\n');
		qn = qe ? (size_t)(qe - q) : strlen(q);
		/* a quoted or forwarded mail is no longer the signature */
		if (qn == 0 || *q == '>' || strncmp(q, "From:", 5) == 0 || strncmp(q, "-----", 5) == 0 ||
		    strncmp(q, "____", 4) == 0)
			break;
		{
			char *l = xstrndup(q, qn);

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
			free(l);
		}
		if (nl < ARRAY_LEN(lines))
			lines[nl++] = q;
		q += qn;
	}
	for (k = 0; k < nl && sg->company == NULL; k++) {
		size_t ln = strcspn(lines[k], "\n");
		char *l = xstrndup(lines[k], ln), *r = NULL, *owned = NULL;
		bool matched = false, legal_line = has_legal_form(l);

		if (strstr(l, "http") == NULL && strchr(l, '@') == NULL && !postal_line(l) &&
		    (r = signature_line_org(c, l, signature_email(c, sg, &owned), &matched)) == NULL &&
		    legal == NULL && legal_line) {
			r = clean_phrase(l, strlen(l));   /* "Maison Aubert & Fils SA" */
			strip_legal(r);
			/* short without its form, whose dots are no full stops
			 * ("Laboratorios Altavista, S.A. de C.V.") */
			if (!short_name_line(r)) {
				free(r);
				r = NULL;
			}
		}
		if (r != NULL) {
			if (matched) {
				sg->company = r;
			} else if (legal == NULL && legal_line) {
				/* "Maison Aubert & Fils SA" under "HR Business
				 * Partner – Digital & Retail": the line with a
				 * legal form names the organisation */
				legal = r;
			} else if (first == NULL && !unit_name(r)) {
				first = r;
			} else {
				free(r);
			}
		}
		free(owned);
		free(l);
	}
	if (sg->company == NULL && legal != NULL) {
		sg->company = legal;
		legal = NULL;
	}
	if (sg->company == NULL)
		sg->company = first;
	else
		free(first);
	free(legal);
}

/* A signature's name line without its honorific and its degrees ("Dre
 * Geneviève Tremblay, Ph. D.", "Dr. Ana Ruiz, MD, MPH"): the name, in
 * place. */
static void signature_name_bare(char *cand)
{
	const char *rest = after_honorific(cand);
	char *comma;

	memmove(cand, rest, strlen(rest) + 1);
	/* after the comma, letters in capitals and dots only: degrees */
	if ((comma = strchr(cand, ',')) != NULL && strlen(comma) <= 20) {
		bool degrees = true;

		for (const char *q = comma + 1; *q && degrees; q++)
			degrees = isupper((unsigned char)*q) || *q == '.' || *q == ' ' || *q == ',' ||
			    (*q == 'h' && q[-1] == 'P');
		if (degrees)
			*comma = '\0';
	}
}

/* The first address on the (up to) four lines after the line at p, into
 * buf; false when none. */
static bool address_below(const char *p, char *buf, size_t len)
{
	for (int k = 0; k < 4 && (p = strchr(p, '\n')) != NULL; k++) {
		const char *e = strchr(++p, '\n'), *a = memchr(p, '@', e ? (size_t)(e - p) : strlen(p));
		const char *s = a, *t = a;

		if (a == NULL)
			continue;
		while (s > p && (isalnum((unsigned char)s[-1]) || strchr("._-+", s[-1])))
			s--;
		while (isalnum((unsigned char)t[1]) || t[1] == '.' || t[1] == '-')
			t++;
		if (s == a || (size_t)(t + 1 - s) >= len)
			return false;
		memcpy(buf, s, (size_t)(t + 1 - s));
		buf[t + 1 - s] = '\0';
		return true;
	}
	return false;
}

/* A signature with no closing word above it and no From of that name
 * (a notice from a hiring system, signed "Yolanda Pierce / Senior HR
 * Analyst / City of Harbor Point / ypierce@harborpointtx.example"): a
 * person's name alone on a line, an address made of that name (flast,
 * first.last...) on one of the next lines.  The last such in the text. */
static void signer_by_address(const struct ctx *c, struct signer *sg)
{
	const char *line = c->ltext, *best = NULL;
	size_t bestn = 0;

	for (; line != NULL && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		size_t n = strcspn(line, "\n");
		char addr[128], first[64] = "", last[64] = "", *cand, *f, *local;
		const char *sp;

		if (n < 5 || n > 40 || !isupper((unsigned char)line[0]) || !address_below(line, addr, sizeof(addr)))
			continue;
		cand = clean_phrase(line, n);
		if (looks_like_person_strict(cand) && (sp = strchr(cand, ' ')) != NULL &&
		    !is_me_name(c->o, cand)) {
			f = xstrndup(cand, (size_t)(sp - cand));
			fold_squash(f, first, sizeof(first));
			fold_squash(strrchr(cand, ' ') + 1, last, sizeof(last));
			free(f);
			local = lower_dup(addr);
			*strchr(local, '@') = '\0';
			if (first[0] != '\0' && last[0] != '\0' && local_names(local, first, last)) {
				best = line;
				bestn = n;
			}
			free(local);
		}
		free(cand);
	}
	if (best != NULL) {
		sg->name = clean_phrase(best, bestn);
		signer_details(c, NULL, best + bestn, sg);
	}
}

/* A team's name on a signature's line: "Recruitment Team", "The Talent
 * Acquisition Team", "HR Team". */
static bool team_line(const char *l)
{
	static const char *const team[] = { "team" };

	return strlen(l) < 40 && isupper((unsigned char)l[0]) && last_word_is(l, team, 1);
}

/* The organisation on the line under a team's signature (q: the end of
 * the team's line), when the line is a name with an organisation's word
 * ("Thames Riverside NHS Foundation Trust"); else as signer_details
 * reads the lines. */
static void team_org(const struct ctx *c, const char *q, struct signer *sg)
{
	size_t n;
	char *l, *low;

	while (*q == '\n' || *q == ' ')
		q++;
	n = strcspn(q, "\n");
	l = clean_phrase(q, n);
	low = lower_dup(l);
	if (short_name_line(l) && FIND_ANY(low, lex_org_words) != NULL && org_part(c, l) &&
	    !postal_line(l)) {
		strip_legal(l);
		sg->company = l;
		l = NULL;
	} else {
		signer_details(c, NULL, q, sg);
	}
	free(low);
	free(l);
}

void find_signer(const struct ctx *c, struct signer *sg)
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

		/* a closing, or the signature's delimiter ("-- ", RFC 3676;
		 * "--"): a seasonal farewell is no closing ("Joyeuses Fêtes!") */
		if ((closing_line(line, n) || (n >= 2 && n <= 3 && strncmp(line, "--", 2) == 0 &&
		    (n == 2 || line[2] == ' '))) && e != NULL) {
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
			char *disp;

			signature_name_bare(cand);
			disp = person_display(cand);

			if (looks_like_person(disp) && isupper((unsigned char)disp[0]) &&
			    (strchr(disp, ' ') == NULL || looks_like_person_strict(disp)) &&
			    strlen(disp) < 50 && !is_me_name(c->o, disp) && strchr(disp, ':') == NULL) {
				sg->name = disp;
				disp = NULL;
			}
			free(disp);
			/* "Yours sincerely / Recruitment Team / Thames Riverside
			 * NHS Foundation Trust": a team signs, its organisation
			 * below it */
			if (sg->name == NULL && team_line(cand)) {
				free(cand);
				team_org(c, nl + ln, sg);
				break;
			}
			free(cand);
			if (sg->name != NULL) {
				/* "Tom Becker | Talent Acquisition | Helix Bio": the
				 * rest of the name's line */
				const char *bar = memchr(nl, '|', ln);

				signer_details(c, bar != NULL ? bar - 1 : NULL, nl + ln, sg);
				break;
			}
		}
		if (e == NULL)
			break;
		line = e + 1;
	}
	free(from_name);
	if (sg->name == NULL)
		signer_by_address(c, sg);
}

/* The French lawyer's "Me" (Maître) at text, before a capitalised name
 * ("Me Jean-François Bélanger"): its length with the blank, else 0.  Not
 * the English "me", which is never written so before a name. */
static size_t maitre_at(const char *text)
{
	return strncmp(text, "Me ", 3) == 0 && isupper((unsigned char)text[3]) ? 3 : 0;
}

/* A title before a name at text (low its lower-case): an honorific
 * (honorific_at) or the French "Me" (maitre_at); its length, else 0. */
static size_t title_at(const char *text, const char *low)
{
	size_t n = honorific_at(low);

	return n > 0 ? n : maitre_at(text);
}

size_t honorific_at(const char *low)
{
	size_t n = word_of(low, lex_honorifics.w, lex_honorifics.n);

	if (n == 0 || (low[n] != '.' && low[n] != ' '))
		return 0;
	n += low[n] == '.';
	/* a German degree joined to it: "Dr.-Ing. Andreas Huber",
	 * "Dipl.-Kfm." */
	if (low[n - 1] == '.' && low[n] == '-') {
		size_t k = 1;

		while (k < 7 && isalpha((unsigned char)low[n + k]))
			k++;
		if (k > 2 && low[n + k] == '.')
			n += k + 1;
	}
	/* the ordinal sign of Portuguese and Spanish titles: "Eng.ª", "Dr.º" */
	if ((unsigned char)low[n] == 0xc2 && ((unsigned char)low[n + 1] == 0xaa ||
	    (unsigned char)low[n + 1] == 0xba))
		n += 2;
	return n;
}

/* Is email the user's by the name it is written with in the mail's
 * headers: an account not in me.addresses, such as the user's work
 * address ("Ashworth-Mbeki, Daniel" <d.ashworth-mbeki@school.example>)? */
static bool my_named_address(const struct ctx *c, const char *email)
{
	for (size_t i = 0; i < c->known.n; i++)
		if (c->known.v[i].email != NULL && strcasecmp(c->known.v[i].email, email) == 0 &&
		    is_me_name(c->o, c->known.v[i].name))
			return true;
	return false;
}

bool from_user(const struct ctx *c)
{
	const struct msg_addr *f = c->m->from.n > 0 ? &c->m->from.v[0] : NULL;

	return f != NULL && (is_me_email(c->o, f->email) || is_me_name(c->o, f->name));
}

/* A human address: not a robot, not the user. */
bool human(const struct ctx *c, const char *email)
{
	return email != NULL && *email != '\0' && !parties_is_robot(email) && !is_me_email(c->o, email) &&
	    !my_named_address(c, email);
}

/* The letters and digits of s's first n bytes, folded to lower-case
 * ASCII, into b. */
static void alnum_fold(struct buf *b, const char *s, size_t n)
{
	struct buf f = { 0 };
	char *part = xstrndup(s, n);

	utf8_fold_ascii(&f, part);
	b->len = 0;
	for (size_t k = 0; k < f.len; k++)
		if (isalnum((unsigned char)f.data[k]))
			buf_addc(b, (char)tolower((unsigned char)f.data[k]));
	buf_addc(b, '\0');
	buf_free(&f);
	free(part);
}

/* A hiring system's address that is one person's relay: the name is a
 * person's and the address's local part is that name ("Kelsey Tran"
 * <kelsey.tran@hire.lever.co>, Reply-To kelsey.tran+1b8e@hire.lever.co):
 * mail to it reaches the person. */
static bool named_relay(const struct ctx *c, const struct msg_addr *a)
{
	struct buf nm = { 0 }, lp = { 0 };
	char *dn;
	bool r;

	if (a->name == NULL || a->email == NULL || human(c, a->email) || is_me_email(c->o, a->email))
		return false;
	dn = person_display(a->name);
	r = dn != NULL && looks_like_person_strict(dn) && !is_me_name(c->o, dn);
	if (r) {
		alnum_fold(&nm, dn, strlen(dn));
		alnum_fold(&lp, a->email, strcspn(a->email, "+@"));
		r = nm.len > 4 && strcmp(nm.data, lp.data) == 0;
	}
	free(dn);
	buf_free(&nm);
	buf_free(&lp);
	return r;
}

/* A person who writes through a service that relays their mail ("Malte
 * Seidl via JOIN <reply+c7e1@messages.join.com>", "Ana Ruiz via
 * LinkedIn", or named_relay's "Kelsey Tran" <kelsey.tran@hire.lever.co>):
 * the address is the service's, the words are the person's, and mail to
 * the address reaches them. */
bool relayed_human(const struct ctx *c, const struct msg_addr *a)
{
	const char *via;
	char *name;
	bool r;

	if (named_relay(c, a))
		return true;
	if (a->name == NULL || (via = str_casestr(a->name, " via ")) == NULL || via == a->name)
		return false;
	name = xstrndup(a->name, (size_t)(via - a->name));
	r = looks_like_person_strict(name) && !is_me_name(c->o, name);
	free(name);
	return r;
}

void set_person(struct detect_person *p, const char *name, const char *email)
{
	char *turned = name != NULL ? name_by_address(name, email) : NULL;

	free(p->name);
	free(p->email);
	p->name = turned != NULL ? turned : dup_or_null(name);
	p->email = dup_or_null(email);
}

/* A calendar participant who can be an interviewer: a human individual
 * taking part, not the user. */
static bool calendar_human(const struct ctx *c, const struct ics_person *p)
{
	return p->cutype != ICS_CUTYPE_ROOM && p->cutype != ICS_CUTYPE_RESOURCE &&
	    p->cutype != ICS_CUTYPE_GROUP && strcmp(p->role, "NON-PARTICIPANT") != 0 &&
	    p->email[0] != '\0' && !parties_is_robot(p->email) && !is_me_email(c->o, p->email) &&
	    !parties_is_team_mailbox(p->email) &&   /* "SupplyChainTalent@": no one */
	    !(p->name[0] != '\0' && is_me_name(c->o, p->name));
}

/*
 * Does the organizer sit on the panel?  Google lists an organizer who
 * takes part among the attendees too (ORGANIZER_ON), and Outlook/Exchange
 * never lists the organizer, who attends by its rules (ORGANIZER_ASSUMED).
 * Elsewhere an organizer who is not listed while other people are (a
 * recruiter or coordinator who sends the invite for the panel) is the
 * contact, not an interviewer; alone with the user, the organizer is the
 * interviewer (ORGANIZER_ALONE).  Assumed or alone, not when the mail
 * names its interviewers and not the organizer (calendar_people).
 */
enum organizer_seat { ORGANIZER_OFF, ORGANIZER_ON, ORGANIZER_ASSUMED, ORGANIZER_ALONE };

/* Does a word for a process follow at p (" process", " stages")? */
static bool process_after(const char *p)
{
	static const char *const words[] = { " process", " stage", " stages", " steps", " procedure" };

	for (size_t k = 0; k < ARRAY_LEN(words); k++)
		if (str_has_prefix(p, words[k]) && !isalpha((unsigned char)p[strlen(words[k])]))
			return true;
	return false;
}

/* Is the sentence of low around pos behind the user ("Thank you for your
 * time with Sunil and me last week")? */
static bool sentence_behind(const char *low, size_t pos)
{
	return sentence_has(low, pos, &lex_behind_user);
}

/* Is there a hit of lex in low that none of the words of before[0..n)
 * stands right before (blanks between skipped), and, when now_only, not
 * in a sentence behind the user? */
static bool hit_not_after(const char *low, const struct lexicon *lex, const char *const *before,
    size_t n, bool now_only)
{
	struct lex_hits hits;
	bool r = false;

	lex_hits_find(&hits, low, lex);
	for (size_t k = 0; k < lex->n && !r; k++) {
		const char *p = low;

		while (!r && (p = lex_hits_next(&hits, k, p, true)) != NULL) {
			size_t at = (size_t)(p - low), b;
			bool back = false;

			while (at > 0 && low[at - 1] == ' ')
				at--;
			for (size_t q = 0; q < n && !back; q++) {
				size_t l = strlen(before[q]);

				b = at >= l ? at - l : 0;
				back = at >= l && strncmp(low + b, before[q], l) == 0 &&
				    (b == 0 || !is_word_byte((unsigned char)low[b - 1]));
			}
			/* "a formal part of our interview process": the
			 * organisation's process, no meeting of the writer's */
			r = !back && !process_after(p + strlen(lex->w[k])) &&
			    !(now_only && sentence_behind(low, (size_t)(p - low)));
			p += strlen(lex->w[k]);
		}
	}
	lex_hits_free(&hits);
	return r;
}

/* (detect_int.h) */
bool first_person_ahead(const char *low)
{
	static const char *const past[] = { "further to", "following", "after", "since", "from",
		"during", "per", "in", "on", "about", "thanks for", "thank you for" };

	return hit_not_after(low, &lex_first_person, past, ARRAY_LEN(past), true);
}

/* Does the writer name themself beside a person who takes part: "Mateo
 * and I will run a pairing session", "Ana and I'll be on the call"?  A
 * capitalised name right before "and I", a verb of the future or "are"
 * after it (not "reply to this email and I'll find another slot"). */
static bool writer_with_other(const struct ctx *c)
{
	static const char *const verbs[] = { " will ", "'ll ", "\xe2\x80\x99ll ", " are ", " would " };
	const char *p = c->text, *hit;

	while ((hit = strstr(p, " and I")) != NULL) {
		const char *after = hit + 6, *w = hit;
		bool verb = false;

		p = after;
		for (size_t k = 0; k < ARRAY_LEN(verbs); k++)
			verb = verb || str_has_prefix(after, verbs[k]);
		while (w > c->text && isalpha((unsigned char)w[-1]))
			w--;
		if (verb && w < hit && isupper((unsigned char)w[0]) && (w == c->text || w[-1] == ' '))
			return true;
	}
	return false;
}

static enum organizer_seat organizer_interviews(const struct ctx *c)
{
	const struct ics_event *ev = c->ev;
	const char *prodid = c->cal ? c->cal->prodid : NULL;
	bool others = false;

	if (prodid && (str_casestr(prodid, "Microsoft") || str_casestr(prodid, "Outlook") ||
	    str_casestr(prodid, "Exchange")))
		return ORGANIZER_ASSUMED;

	for (size_t i = 0; i < ev->nattendees; i++) {
		if (strcasecmp(ev->attendees[i].email, ev->organizer.email) == 0)
			return ORGANIZER_ON;
		others = others || calendar_human(c, &ev->attendees[i]);
	}
	/* not listed, but the organiser wrote the mail and says they take
	 * part: "Mateo and I will run a pairing session" */
	if (others && c->m->from.n > 0 && strcasecmp(c->m->from.v[0].email, ev->organizer.email) == 0 &&
	    writer_with_other(c))
		return ORGANIZER_ON;
	return others ? ORGANIZER_OFF : ORGANIZER_ALONE;
}

bool organizer_assumed(const struct ctx *c)
{
	return c->ev != NULL && c->ev->has_organizer && organizer_interviews(c) == ORGANIZER_ASSUMED;
}

/* The sender of a mail with an invite who is no part of the organiser's
 * organisation: an agency recruiter who forwards the invite, invited
 * to follow it, not to interview. */
static bool forwarder(const struct ctx *c, const char *email)
{
	if (c->m->from.n == 0 || !c->ev->has_organizer || strcasecmp(c->m->from.v[0].email, email) != 0 ||
	    strcasecmp(c->ev->organizer.email, email) == 0)
		return false;
	return parties_same_org(email, c->ev->organizer.email) == 0;
}

/* Does someone other than the user and p take part as required (ROLE
 * REQ-PARTICIPANT, CHAIR, or none given, RFC 5545's default)? */
static bool others_required(const struct ctx *c, const struct ics_person *p)
{
	for (size_t i = 0; i < c->ev->nattendees; i++) {
		const struct ics_person *a = &c->ev->attendees[i];

		if (a != p && calendar_human(c, a) && strcmp(a->role, "OPT-PARTICIPANT") != 0)
			return true;
	}
	return false;
}

/* Is attendee p the event's organiser? */
static bool seat_listed(const struct ics_event *ev, const struct ics_person *p)
{
	return p->email[0] != '\0' && strcasecmp(p->email, ev->organizer.email) == 0;
}

/* Does the organiser, who wrote the mail, sign as one who arranges
 * interviews ("Lerato Mokoena | Talent Acquisition Partner", "Mariana
 * Albuquerque Sá / Coordenação de Gestão de Pessoas"), for an invite
 * with other people on it?  Outlook's rule seats every organiser; a
 * recruiter who sends the panel's invite is the contact, thanked for
 * arranging, not for talking. */
static bool organizer_arranges(const struct ctx *c)
{
	const struct ics_event *ev = c->ev;
	const char *dn, *last, *at = NULL, *p;
	bool others = false;
	char *sig;

	if (c->m->from.n == 0 || c->m->from.v[0].email == NULL || c->m->from.v[0].name == NULL ||
	    strcasecmp(c->m->from.v[0].email, ev->organizer.email) != 0)
		return false;
	for (size_t i = 0; i < ev->nattendees && !others; i++)
		others = calendar_human(c, &ev->attendees[i]) &&
		    strcasecmp(ev->attendees[i].email, ev->organizer.email) != 0;
	if (!others)
		return false;
	/* the writer's surname, last written: the signature's line */
	dn = c->m->from.v[0].name;
	last = strrchr(dn, ' ');
	last = last != NULL ? last + 1 : dn;
	if (strlen(last) < 2)
		return false;
	for (p = c->ltext; (p = strstr(p, last)) != NULL; p++)
		at = p;
	if (at == NULL)
		return false;
	/* that line and the two below it */
	{
		const char *e = at;

		for (int n = 0; n < 3 && e != NULL; n++) {
			e = strchr(e, '\n');
			if (e != NULL)
				e++;
		}
		sig = e != NULL ? xstrndup(at, (size_t)(e - at)) : xstrdup(at);
	}
	str_lower(sig);
	{
		bool r = FIND_ANY(sig, lex_arranger_titles) != NULL;

		free(sig);
		return r;
	}
}

void calendar_people(const struct ctx *c, const struct people *named, struct people *pl)
{
	const struct ics_event *ev = c->ev;
	size_t i;
	bool organizer_off = false;   /* not on the panel: nor as Google's attendee */

	if (ev == NULL)
		return;
	for (i = 0; i < ev->nattendees + 1; i++) {
		const struct ics_person *p;
		char *name = NULL;

		if (i == 0) {
			enum organizer_seat seat;

			organizer_off = true;
			if (!ev->has_organizer || (seat = organizer_interviews(c)) == ORGANIZER_OFF)
				continue;
			/* seated by Outlook's rule alone, but signing as a
			 * recruiter for an invite with the panel on it, and
			 * not saying they take part, nor named among those
			 * who interview ("Entrevistadores: Ricardo Almeida e
			 * Fernanda Costa (RH)") */
			if (seat == ORGANIZER_ASSUMED && organizer_arranges(c) &&
			    !first_person_ahead(c->plain) && !writer_with_other(c) &&
			    !people_has(named, ev->organizer.name[0] ? ev->organizer.name : NULL,
			    ev->organizer.email))
				continue;
			/* alone with the user, or seated by Outlook's rule
			 * alone, but the mail names who interviews, and not
			 * them: they sent it for them ("La harás con Javier
			 * Morales"); unless the writer says the user meets
			 * them "also", or that they take part ("will join
			 * me") */
			if ((seat == ORGANIZER_ALONE ||
			    ((seat == ORGANIZER_ASSUMED || seat == ORGANIZER_ON) &&
			    FIND_ANY(c->plain, lex_also_meet) == NULL &&
			    !first_person_ahead(c->plain) && !writer_with_other(c))) &&
			    named->n > 0 &&
			    !people_has(named, ev->organizer.name[0] ? ev->organizer.name : NULL,
			    ev->organizer.email))
				continue;
			organizer_off = false;
			p = &ev->organizer;
		} else {
			p = &ev->attendees[i - 1];
			/* Google lists its organiser among the attendees */
			if (organizer_off && ev->has_organizer && seat_listed(ev, p))
				continue;
			/* an optional guest beside required ones is there to
			 * follow ("Kara (recruiting) is on the invite for
			 * logistics"), not on the panel */
			if (strcmp(p->role, "OPT-PARTICIPANT") == 0 && others_required(c, p))
				continue;
		}
		if (!calendar_human(c, p) || forwarder(c, p->email))
			continue;
		if (p->name[0] != '\0' && strchr(p->name, '@') == NULL) {
			name = person_display(p->name);
			/* "Civic Digital Trust Recruitment": a team, no one */
			if (!looks_like_person(name)) {
				free(name);
				continue;
			}
		} else {
			name = name_from_email(p->email);
		}
		if (name != NULL && (is_me_name(c->o, name) || has_word_ci(name, "room"))) {
			free(name);
			continue;
		}
		people_add(pl, name, p->email);
		free(name);
	}
}

/* Is t[0..n) the first word of attendee p's name (case aside)? */
static bool first_name_of(const struct ics_person *p, const char *t, size_t n)
{
	char *dn = p->name[0] != '\0' && strchr(p->name, '@') == NULL ? person_display(p->name) : NULL;
	bool r = dn != NULL && strlen(dn) > n && dn[n] == ' ' && strncasecmp(dn, t, n) == 0;

	free(dn);
	return r;
}

/* (detect_int.h) */
size_t list_joiner(const char *t)
{
	if (t[0] == '&' && t[1] == ' ')
		return 2;
	for (size_t k = 0; k < lex_list_ands.n; k++) {
		size_t l = strlen(lex_list_ands.w[k]);

		if (strncmp(t, lex_list_ands.w[k], l) == 0 && t[l] == ' ')
			return l + 1;
	}
	return 0;
}

/* The attendees the text meets by their first names after a "with"
 * ("Wieder 60 Minuten mit Jana und Felix", "you'll speak with Priya and
 * Tom"), when it names nobody in full: named, with their calendar
 * address, so an organiser who is not among them is taken for the one
 * who sent the invite for them (calendar_people). */
static void attendees_met(const struct ctx *c, struct people *named)
{
	const struct ics_event *ev = c->ev;
	const char *t = c->text;

	if (ev == NULL || named->n > 0 || t == NULL)
		return;
	for (size_t i = 0; t[i] != '\0'; i++) {
		size_t j, n, words = 0;
		char w[8];

		if (i > 0 && is_word_byte((unsigned char)t[i - 1]))
			continue;
		for (n = 0; n < sizeof(w) - 1 && isalpha((unsigned char)t[i + n]); n++)
			w[n] = (char)tolower((unsigned char)t[i + n]);
		w[n] = '\0';
		if (t[i + n] != ' ' || !bare_with(w))
			continue;
		/* the names after it, joined by commas and "and" */
		for (j = i + n + 1; words < 6; words++) {
			size_t k, l;

			while (t[j] == ' ' || t[j] == ',')
				j++;
			if ((l = list_joiner(t + j)) > 0) {
				j += l;
				continue;
			}
			if (!isupper((unsigned char)t[j]) && (unsigned char)t[j] < 0xc0)
				break;
			for (l = 0; is_word_byte((unsigned char)t[j + l]) || t[j + l] == '-'; l++)
				;
			for (k = 0; k < ev->nattendees; k++) {
				const struct ics_person *p = &ev->attendees[k];

				if (calendar_human(c, p) && !(ev->has_organizer && seat_listed(ev, p)) &&
				    first_name_of(p, t + j, l)) {
					char *dn = person_display(p->name);

					people_add(named, dn, p->email);
					free(dn);
				}
			}
			j += l;
		}
	}
}

/* The interviewers: the calendar's, then those named in prose and
 * schedules; without an event, the writer who says "I'll call you". */
/* Does the writer say they will call the user ("I'll ring you at 3"),
 * not after the interview ("I'll ring you once it finishes for feedback")?
 * A call after it is the recruiter's debrief, no interview. */
static bool writer_calls_to_interview(const char *plain)
{
	static const char *const after[] = { "once it", "once you", "afterwards", "after the",
		"after it", "after your", "feedback", "debrief", "how it went", "when it finishes",
		"when you finish" };

	for (size_t k = 0; k < lex_writer_calls.n; k++) {
		for (const char *p = strstr(plain, lex_writer_calls.w[k]); p != NULL;
		    p = strstr(p + 1, lex_writer_calls.w[k])) {
			size_t n = strcspn(p, ".!?\n");
			char *sent = xstrndup(p, n);
			bool later = false;

			for (size_t a = 0; a < ARRAY_LEN(after) && !later; a++)
				later = strstr(sent, after[a]) != NULL;
			free(sent);
			if (!later)
				return true;
		}
	}
	return false;
}

/* The writer of a mail forwarded inline who says they interview ("it will
 * be me and Anke Vos"): one of the interviewers. */
static void forwarded_writer(const struct ctx *c, struct people *pl)
{
	size_t start, body;
	char *name, *email;

	if (!forward_block(c, &start, &body) || !forward_sender(c, &name, &email))
		return;

	if ((first_person_ahead(c->plain + body) ||
	    writer_calls_to_interview(c->plain + body)) && human(c, email) &&
	    !is_me_email(c->o, email)) {
		char *dn = person_display(name);

		people_add(pl, looks_like_person(dn) ? dn : NULL, email);
		free(dn);
	}
	free(name);
	free(email);
}

/* The contact of a mail the user forwards with the original quoted
 * inline: its original sender, when a person. */
static void forwarded_contact(const struct ctx *c, struct detection *out)
{
	char *name, *email;

	/* the user forwarding, or someone of the user's own circle writing
	 * from a personal address (a partner: "think this was meant for
	 * you"): the original's sender is whom the user deals with; an
	 * agency forwarding its client's invitation is that contact itself */
	if (c->m->from.n == 0 || (!from_user(c) && !parties_is_personal(c->m->from.v[0].email)) ||
	    !forward_sender(c, &name, &email))
		return;
	if (human(c, email) && !is_me_email(c->o, email)) {
		char *dn = person_display(name);

		set_person(&out->contact, looks_like_person(dn) ? dn : NULL, email);
		free(dn);
	}
	free(name);
	free(email);
}

/* Is address e the relay address r with a tag ("kelsey.tran+1b8e@" for
 * "kelsey.tran@", RFC 5233's subaddress), or r itself? */
static bool same_relay(const char *r, const char *e)
{
	const char *at = strchr(r, '@'), *plus = strchr(e, '+'), *eat = strchr(e, '@');

	if (at == NULL || eat == NULL || strcasecmp(at, eat) != 0)
		return false;
	if (plus == NULL || plus > eat)
		return strcasecmp(r, e) == 0;
	return (size_t)(plus - e) == (size_t)(at - r) && strncasecmp(r, e, (size_t)(at - r)) == 0;
}

/* The human who wrote: From, else the Reply-To of a hiring system's mail
 * sent for them; NULL when none. */
static const struct msg_addr *writer_of(const struct ctx *c)
{
	if (c->m->from.n == 0)
		return NULL;
	if (human(c, c->m->from.v[0].email) || relayed_human(c, &c->m->from.v[0]))
		return &c->m->from.v[0];
	if (c->m->reply_to.n > 0 && human(c, c->m->reply_to.v[0].email))
		return &c->m->reply_to.v[0];
	return NULL;
}

/* A farewell to the meeting in low (lex_writer_farewells), not after
 * "to" ("they'd like to see you tomorrow" is not the writer's). */
static bool farewell_ahead(const char *low)
{
	static const char *const to[] = { "to" };

	return hit_not_after(low, &lex_writer_farewells, to, ARRAY_LEN(to), false);
}

enum writer_seat { WRITER_OFF, WRITER_ON, WRITER_FAREWELL };

/* Does the writer w say they take part?  named: how many other people
 * the mail names as interviewers. */
static enum writer_seat writer_says(const struct ctx *c, const struct msg_addr *w, size_t named)
{
	bool sent_by_self = w == &c->m->from.v[0];
	enum writer_seat r = WRITER_OFF;
	size_t start, body;
	char *own;

	if (c->ev != NULL && !(c->ev->has_organizer && strcasecmp(c->ev->organizer.email, w->email) == 0))
		return WRITER_OFF;
	/* the forwarder's own words only: before a quoted original */
	own = forward_block(c, &start, &body) ? xstrndup(c->plain, start) : xstrdup(c->plain);
	if (c->ev == NULL && sent_by_self) {
		if (first_person_ahead(own) || (named == 0 && (writer_calls_to_interview(own) ||
		    FIND_ANY(own, lex_writer_meets) != NULL)))
			r = WRITER_ON;
		else if (named == 0 && farewell_ahead(own))
			r = WRITER_FAREWELL;
	} else if (hit_not_after(own, &lex_first_person_listed, NULL, 0, true)) {
		r = WRITER_ON;
	}
	free(own);
	return r;
}

/* "Our phone screen", "join me": the writer is an interviewer (without an
 * event; in an inline forward, in the forwarder's own words); "I'll call
 * you", "let's meet", "here's my Zoom", or a farewell ("see you then")
 * only when the mail names nobody else.
 * With an event, or when a hiring system sent the mail for the writer,
 * only when the writer names themself among the interviewers ("Felix
 * Hartmann und ich"), and with an event only as its organiser. */
static void writer_interviews(const struct ctx *c, struct people *pl)
{
	const struct msg_addr *w = writer_of(c);

	/* a team's mailbox ("SupplyChainTalent@") talks with nobody */
	if (w != NULL && !parties_is_team_mailbox(w->email) && writer_says(c, w, pl->n) != WRITER_OFF) {
		char *dn = person_display(w->name);

		people_add(pl, looks_like_person(dn) ? dn : NULL, w->email);
		free(dn);
	}
}

/* (detect_int.h) */
bool writer_seated_by_farewell(const struct ctx *c, const struct detection *d)
{
	const struct msg_addr *w = writer_of(c);

	return w != NULL && d->ninterviewers == 1 && d->interviewers[0].email != NULL &&
	    strcasecmp(d->interviewers[0].email, w->email) == 0 &&
	    writer_says(c, w, 0) == WRITER_FAREWELL;
}

/* The person the mail's words send the user to with questions ("Reach
 * out to Ada Brooks (ada@x), who's coordinating"), with an address the
 * mail or its invite gives them: into *name and *email (the caller frees); false when
 * none. */
static char *invitee_email(const struct ctx *c, const char *name)
{
	if (c->ev == NULL)
		return NULL;
	for (size_t i = 0; i < c->ev->nattendees; i++)
		if (calendar_human(c, &c->ev->attendees[i]) && strcasecmp(c->ev->attendees[i].name, name) == 0)
			return xstrdup(c->ev->attendees[i].email);
	return NULL;
}

static bool pointed_person(const struct ctx *c, char **name, char **email)
{
	for (size_t t = 0; t < lex_contact_leads.n; t++) {
		const char *p = c->low;
		int guard = 0;

		while ((p = find_phrase(p, lex_contact_leads.w[t])) != NULL && guard++ < 8) {
			size_t i = (size_t)(p - c->low) + strlen(lex_contact_leads.w[t]);
			char *nm;

			p += strlen(lex_contact_leads.w[t]);
			i = skip_to_name(c, i);
			if (person_name_at(c->text, i, &nm) == 0)
				continue;
			if (looks_like_person_strict(nm) && !is_title(nm) && !is_me_name(c->o, nm) &&
			    ((*email = email_for_name(c, nm)) != NULL || (*email = invitee_email(c, nm)) != NULL)) {
				if (!is_me_email(c->o, *email) && human(c, *email)) {
					*name = nm;
					return true;
				}
				free(*email);
			}
			free(nm);
		}
	}
	*name = *email = NULL;
	return false;
}

/* An invitee the mail sends the user to with questions, whom its text
 * does not name among who interviews, is the contact, not on the panel. */
static void drop_pointed(const struct ctx *c, const struct people *named, struct people *pl)
{
	char *name, *email;
	size_t i;

	/* only an invitee can be dropped: the text's own people are named */
	if (c->ev == NULL || !pointed_person(c, &name, &email))
		return;
	for (i = 0; i < pl->n; i++) {
		if (((pl->v[i].email && strcasecmp(pl->v[i].email, email) == 0) ||
		    (pl->v[i].name && strcasecmp(pl->v[i].name, name) == 0)) &&
		    !people_has(named, name, email)) {
			free(pl->v[i].name);
			free(pl->v[i].email);
			memmove(&pl->v[i], &pl->v[i + 1], (pl->n - i - 1) * sizeof(pl->v[0]));
			pl->n--;
			break;
		}
	}
	free(name);
	free(email);
}

/* A calendar's guest list pasted or forwarded as text, without the event
 * ("Guests / Arjun Desai - organizer"): its organiser takes part. */
static void text_organizer(const struct ctx *c, struct people *pl)
{
	static const char *const marks[] = { " - organizer\n", " - organiser\n",
		" \xe2\x80\x93 organizer\n", " - organisateur\n", " - organizador\n" };
	const char *t = c->ltext;

	if (c->ev != NULL)
		return;
	for (size_t k = 0; k < ARRAY_LEN(marks); k++) {
		const char *p = strstr(c->llow, marks[k]);
		size_t end, st;
		char *name = NULL;

		if (p == NULL)
			continue;
		end = (size_t)(p - c->llow);
		st = end;
		while (st > 0 && t[st - 1] != '\n' && end - st < 60)
			st--;
		if ((st == 0 || t[st - 1] == '\n') && person_name_at(t, st, &name) == end - st) {
			if (looks_like_person_strict(name) && !is_me_name(c->o, name)) {
				char *email = email_for_name(c, name);

				people_add(pl, name, email);
				free(email);
			}
		}
		free(name);
		return;
	}
}

/* Is the name of interviewer i a firm named after its people ("Thornbury
 * Castellan" beside "Kenneth Thornbury" and "Aisha Castellan-Reid"): each
 * of its words another interviewer's surname (or a part of a double
 * one)?  A person's given name is hardly ever another's surname. */
static bool firm_of_people(const struct detection *out, size_t i)
{
	char a[8][64], b[8][64];
	size_t na = name_words(out->interviewers[i].name, a, 8);

	if (na < 2 || out->interviewers[i].email != NULL)
		return false;
	for (size_t w = 0; w < na; w++) {
		bool found = false;

		for (size_t j = 0; j < out->ninterviewers && !found; j++) {
			size_t nb;

			if (j == i || out->interviewers[j].name == NULL)
				continue;
			nb = name_words(out->interviewers[j].name, b, 8);
			for (size_t k = 1; k < nb && !found; k++)
				found = strcmp(a[w], b[k]) == 0;
		}
		if (!found)
			return false;
	}
	return true;
}

/*
 * Interviewers that are the organisation, not someone the user met, are
 * dropped, so no mail says it was good to meet them: a team's address
 * (parties_is_team: "werving@", "recruiting@"), and a name with no address
 * that is the company's or starts with it as a whole word ("Noordlicht
 * Verzekeringen" for Noordlicht: the sender's name "Noordlicht
 * Verzekeringen – Werving" read as a person).  (A person named like the
 * company and given no address is dropped too: rarer, and their thanks
 * need an address anyway.)  So is a name with no address that ends in a
 * legal form ("Energie AG"), is a job title ("Directrice Technique") or
 * is a firm named after the partners beside it (firm_of_people).
 */
void drop_company_people(struct detection *out)
{
	struct buf co = { 0 }, nm = { 0 };
	size_t k = 0;
	bool *firm = xcalloc(out->ninterviewers + 1, sizeof(bool));

	if (out->company != NULL)
		utf8_fold_ascii(&co, out->company);
	/* before any is dropped: firm_of_people reads them all */
	for (size_t i = 0; i < out->ninterviewers; i++)
		firm[i] = out->interviewers[i].name != NULL && firm_of_people(out, i);
	for (size_t i = 0; i < out->ninterviewers; i++) {
		struct detect_person *p = &out->interviewers[i];
		bool org = parties_is_team(p->email);

		if (p->email == NULL && p->name != NULL && co.len >= 3) {
			nm.len = 0;
			utf8_fold_ascii(&nm, p->name);
			org = nm.len >= co.len && memcmp(nm.data, co.data, co.len) == 0 &&
			    (nm.data[co.len] == '\0' || nm.data[co.len] == ' ');
		}
		if (p->email == NULL && p->name != NULL && !org)
			org = has_legal_form(p->name) || is_title(p->name) || firm[i];
		if (org) {
			free(p->name);
			free(p->email);
			continue;
		}
		out->interviewers[k++] = *p;
	}
	out->ninterviewers = k;
	free(firm);
	buf_free(&co);
	buf_free(&nm);
}

/* A reply that takes up the conversation its thread proposed and names
 * nobody in its newest words ("Great, see you next Thursday then!"):
 * the people the thread's quoted mails name ("a first videocall with our
 * Design Lead, Saskia Meijer"), the writer's and the user's. */
static void thread_people(const struct ctx *c, struct people *named)
{
	struct ctx qc;

	if (named->n > 0 || c->ev != NULL || c->m->from.n == 0 || c->m->from.v[0].email == NULL ||
	    c->thread == NULL)
		return;
	qc = *c;
	ctx_set_text(&qc, xstrdup(c->thread));   /* takes its copy */
	prose_people(&qc, named);
	ctx_free_text(&qc);
}

/* "I won't be on the call": the writer, named beside others (an
 * organiser who sends the invite), interviews nobody. */
static void drop_absent_writer(const struct ctx *c, struct people *pl)
{
	const char *from = c->m->from.n > 0 ? c->m->from.v[0].email : NULL;
	size_t k = 0;

	if (from == NULL || FIND_ANY(c->plain, lex_writer_absent) == NULL)
		return;
	for (size_t i = 0; i < pl->n; i++) {
		if (pl->v[i].email != NULL && strcasecmp(pl->v[i].email, from) == 0) {
			free(pl->v[i].name);
			free(pl->v[i].email);
			continue;
		}
		pl->v[k++] = pl->v[i];
	}
	pl->n = k;
}

/* Is person i of pl named by a title and a surname alone ("Me
 * Lavoie-Nguyen", "Dr. Okafor") that another of pl carries in full
 * ("Catherine Lavoie-Nguyen")?  The same person, said twice. */
static bool short_form_of_other(const struct people *pl, size_t i)
{
	const char *n = pl->v[i].name, *sur;
	char *low;
	size_t h;

	if (n == NULL || pl->v[i].email != NULL)
		return false;
	low = lower_dup(n);
	h = title_at(n, low);
	free(low);
	if (h == 0)
		return false;
	sur = n + h + strspn(n + h, " ");
	if (*sur == '\0' || strchr(sur, ' ') != NULL)
		return false;
	for (size_t j = 0; j < pl->n; j++) {
		const char *o = pl->v[j].name, *last;

		if (j == i || o == NULL || (last = strrchr(o, ' ')) == NULL)
			continue;
		if (strcasecmp(last + 1, sur) == 0 && strcasecmp(o, n) != 0)
			return true;
	}
	return false;
}

void fill_interviewers(const struct ctx *c, struct detection *out)
{
	struct people pl = { .n = 0 }, named = { .n = 0 };
	size_t i;

	/* the people the text names first: they say whether an organizer
	 * alone with the user interviews */
	prose_people(c, &named);
	schedule_people(c, &named);
	table_people(c, &named);
	people_before(c, &named);
	thread_people(c, &named);
	text_organizer(c, &named);
	attendees_met(c, &named);
	calendar_people(c, &named, &pl);
	drop_pointed(c, &named, &pl);
	for (i = 0; i < named.n; i++)
		people_add(&pl, named.v[i].name, named.v[i].email);
	people_free(&named);
	/* "I'll call you", "our phone screen": the writer is the interviewer;
	 * in an inline forward, the writer of the original mail */
	if (c->ev == NULL)
		forwarded_writer(c, &pl);
	writer_interviews(c, &pl);
	if (pl.n > 1)
		drop_absent_writer(c, &pl);
	if (pl.n > 0) {
		size_t k = 0;
		bool *twice = xcalloc(pl.n, sizeof(bool));

		/* before any is moved out: short_form_of_other reads them all */
		for (i = 0; i < pl.n; i++)
			twice[i] = short_form_of_other(&pl, i);
		out->interviewers = xcalloc(pl.n, sizeof(*out->interviewers));
		for (i = 0; i < pl.n; i++) {
			/* a team's mailbox ("SupplyChainTalent@", "careers@") talks
			 * with nobody, however it came to be named */
			if (pl.v[i].email != NULL && parties_is_team_mailbox(pl.v[i].email))
				continue;
			if (twice[i])
				continue;
			out->interviewers[k++] = pl.v[i];
			pl.v[i].name = pl.v[i].email = NULL;
		}
		out->ninterviewers = k;
		free(twice);
	}
	people_free(&pl);
}

/* In a hiring system's mail, the person it names with an address ("contact
 * your recruiter, Kevin Tran, at kevin.tran@globex.example"): the first
 * human address of the text with a person's name in the words before it
 * whose address it can be (email_for_name).  Into p; nothing when none. */
static void named_address(const struct ctx *c, struct detect_person *p)
{
	const char *t = c->text, *at;
	int guard = 0;

	for (at = strchr(t, '@'); at != NULL && guard++ < 32; at = strchr(at + 1, '@')) {
		size_t a = (size_t)(at - t), from = a > 80 ? a - 80 : 0, st;

		while (a > 0 && (isalnum((unsigned char)t[a - 1]) || strchr("._-+", t[a - 1])))
			a--;
		for (st = from; st < a; st++) {
			char *name, *email;

			if (st > 0 && t[st - 1] != ' ' && t[st - 1] != '\n' && t[st - 1] != ',')
				continue;
			if (person_name_at(t, st, &name) == 0)
				continue;
			if (looks_like_person_strict(name) && !is_title(name) && !is_me_name(c->o, name) &&
			    (email = email_for_name(c, name)) != NULL) {
				set_person(p, name, email);
				free(email);
				free(name);
				return;
			}
			free(name);
		}
	}
}

/* The invite came from a colleague of its organiser who wrote to the
 * user (a recruiter forwarding the hiring manager's invite): the person
 * the user deals with is the writer, not the organiser. */
static bool colleague_wrote(const struct ctx *c)
{
	const char *from;

	if (c->m->from.n == 0 || !human(c, c->m->from.v[0].email))
		return false;
	from = c->m->from.v[0].email;
	if (strcasecmp(from, c->ev->organizer.email) == 0)
		return false;
	return parties_same_org(from, c->ev->organizer.email) == 1;
}

/* The contact read is a shared mailbox, no person ("Maasdelta Energie -
 * Recruitment" <MaasdeltaRecruitment@...>, a booking page's): the one
 * interviewer at its organisation with an address is whom to write to;
 * with several or none, the mailbox stays. */
static void person_over_mailbox(struct detection *out)
{
	struct detect_person *only = NULL;
	char *dn;
	bool person;

	if (out->contact.email == NULL)
		return;
	/* an address with no name is no person's either, nor a team's
	 * mailbox under a name ("Energías del Nervión - Selección"
	 * <SeleccionTalento@...>) */
	dn = out->contact.name != NULL ? person_display(out->contact.name) : NULL;
	person = dn != NULL && looks_like_person(dn) && !parties_is_team_mailbox(out->contact.email);
	free(dn);
	if (person)
		return;
	for (size_t i = 0; i < out->ninterviewers; i++) {
		struct detect_person *p = &out->interviewers[i];

		if (p->email == NULL || parties_same_org(p->email, out->contact.email) != 1)
			continue;
		if (only != NULL)
			return;
		only = p;
	}
	if (only != NULL) {
		set_person(&out->contact, only->name, only->email);
		return;
	}
	/* the one person the mail names, without an address ("Staff: Tasha
	 * Greaves" in a booking from the team's mailbox): greeted by name,
	 * written to at the mailbox that booked it */
	if (out->ninterviewers == 1 && out->interviewers[0].email == NULL &&
	    out->interviewers[0].name != NULL && looks_like_person_strict(out->interviewers[0].name)) {
		char *mailbox = xstrdup(out->contact.email);

		set_person(&out->contact, out->interviewers[0].name, mailbox);
		free(mailbox);
	}
}

/* The contact, the human to nudge: the person the mail's words send the
 * user to with questions (with an address), else Reply-To, else a person's
 * relay at a hiring system, else the organizer (unless a
 * colleague of the organiser wrote), else From (the original sender of a
 * mail the user forwards), else an interviewer with an address, else the
 * person a hiring system names with an address, else the signer. */
/* The person the mail names as the recruiter or coordinator, with an
 * address the mail gives them: "Rosa Vink (rosa.vink@bundl.example), our
 * recruiter, is happy to help" (lex_recruiter_appositions); into *name
 * and *email (the caller frees), false when none. */
static bool recruiter_named(const struct ctx *c, char **name, char **email)
{
	for (size_t t = 0; t < lex_recruiter_appositions.n; t++) {
		const char *p = c->low;
		int guard = 0;

		while ((p = strstr(p, lex_recruiter_appositions.w[t])) != NULL && guard++ < 8) {
			size_t end = (size_t)(p - c->low);
			char *nm;

			p += strlen(lex_recruiter_appositions.w[t]);
			/* the name before the apposition's comma or bracket */
			if ((nm = name_before(c, end)) == NULL)
				continue;
			if ((*email = email_for_name(c, nm)) != NULL || (*email = invitee_email(c, nm)) != NULL) {
				if (!is_me_email(c->o, *email) && human(c, *email)) {
					*name = nm;
					return true;
				}
				free(*email);
			}
			free(nm);
		}
	}
	*name = *email = NULL;
	return false;
}

void fill_contact(const struct ctx *c, const struct signer *sg, struct detection *out)
{
	size_t i;
	char *pn, *pe;

	/* whom the mail's words send the user to, or name as the recruiter,
	 * over its headers */
	if (pointed_person(c, &pn, &pe) || recruiter_named(c, &pn, &pe)) {
		set_person(&out->contact, pn, pe);
		free(pn);
		free(pe);
		return;
	}

	for (i = 0; i < c->m->reply_to.n && out->contact.email == NULL; i++) {
		if (human(c, c->m->reply_to.v[i].email)) {
			char *dn = person_display(c->m->reply_to.v[i].name);

			if (!looks_like_person(dn)) {
				free(dn);
				dn = NULL;
				if (sg->name != NULL && (sg->email == NULL || strcasecmp(sg->email, c->m->reply_to.v[i].email) == 0))
					dn = xstrdup(sg->name);
				else if (c->m->from.n > 0) {
					/* a hiring system's From names the employer
					 * ("Ridgeline Analytics" <scheduling@goodtime.io>),
					 * no person: the Reply-To's own name, if it has one */
					dn = person_display(c->m->from.v[0].name);
					if (!looks_like_person(dn) || (!human(c, c->m->from.v[0].email) &&
					    !looks_like_person_strict(dn))) {
						free(dn);
						dn = name_from_email(c->m->reply_to.v[i].email);
					}
				}
			}
			set_person(&out->contact, dn, c->m->reply_to.v[i].email);
			free(dn);
		}
	}
	/* a person writing through their relay at a hiring system: their
	 * Reply-To there (it routes the answer), else the From; "Malte Seidl
	 * via JOIN" <reply+c7e1@messages.join.com> the same */
	if (out->contact.email == NULL && c->m->from.n > 0 && relayed_human(c, &c->m->from.v[0])) {
		const char *em = c->m->from.v[0].email;
		char *dn = person_display(c->m->from.v[0].name);

		for (i = 0; i < c->m->reply_to.n; i++)
			if (same_relay(c->m->from.v[0].email, c->m->reply_to.v[i].email))
				em = c->m->reply_to.v[i].email;
		/* their own address, signed under their name, over the relay */
		if (sg->name != NULL && sg->email != NULL && human(c, sg->email) &&
		    squash_eq(sg->name, dn))
			em = sg->email;
		/* a relay nobody reads ("Jordan via LinkedIn"
		 * <messages-noreply@linkedin.com>): the person, no address */
		if (parties_is_noreply(em))
			em = NULL;
		set_person(&out->contact, dn, em);
		free(dn);
	}
	if (out->contact.email == NULL && c->ev != NULL && c->ev->has_organizer &&
	    human(c, c->ev->organizer.email) && c->ev->organizer.cutype == ICS_CUTYPE_INDIVIDUAL &&
	    !colleague_wrote(c)) {
		char *dn = c->ev->organizer.name[0] && !strchr(c->ev->organizer.name, '@') ?
		    person_display(c->ev->organizer.name) : name_from_email(c->ev->organizer.email);

		set_person(&out->contact, dn, c->ev->organizer.email);
		free(dn);
	}
	if (out->contact.email == NULL)
		forwarded_contact(c, out);
	{
		const struct message *src = c->m;
		size_t fs, fb;

		/* a forward from the user: the original sender counts */
		if (c->m->from.n > 0 && is_me_email(c->o, c->m->from.v[0].email) && c->m->nattached > 0)
			src = c->m->attached[0];
		/* someone of the user's circle passing on a robot's mail (a
		 * voicemail's transcript): they are nobody the user deals with
		 * about the job */
		if (c->m->from.n > 0 && parties_is_personal(c->m->from.v[0].email) &&
		    forward_block(c, &fs, &fb))
			src = NULL;
		for (i = 0; src != NULL && i < src->from.n && out->contact.email == NULL; i++) {
			if (human(c, src->from.v[i].email)) {
				char *dn = person_display(src->from.v[i].name);

				if (!looks_like_person(dn)) {
					free(dn);
					dn = sg->name ? xstrdup(sg->name) : name_from_email(src->from.v[i].email);
				}
				set_person(&out->contact, dn, src->from.v[i].email);
				free(dn);
			}
		}
	}
	for (i = 0; out->contact.email == NULL && out->contact.name == NULL && i < out->ninterviewers; i++) {
		/* "Host: Marcus Reed (marcus.reed@...)" in a scheduler's mail */
		if (out->interviewers[i].email != NULL && sg->name == NULL)
			set_person(&out->contact, out->interviewers[i].name, out->interviewers[i].email);
	}
	if (out->contact.email == NULL && out->contact.name == NULL && sg->name == NULL &&
	    (c->m->from.n == 0 || !human(c, c->m->from.v[0].email)))
		named_address(c, &out->contact);
	if (out->contact.email == NULL && out->contact.name == NULL && sg->name != NULL) {
		char *em = sg->email ? xstrdup(sg->email) : email_for_name(c, sg->name);

		/* a hiring system's mail signed by a team ("Equipo de Selección,
		 * Alameda Seguros") names nobody to write to */
		if (em != NULL || c->m->from.n == 0 || human(c, c->m->from.v[0].email))
			set_person(&out->contact, sg->name, em);
		free(em);
	}
	person_over_mailbox(out);
}

/* Is the name at low+i (r, as written) a person's: no weekday or month
 * ("instead of Tuesday"), no tool ("instead of Zoom"), not the user? */
static bool panel_name(const struct ctx *c, size_t i, const char *r)
{
	size_t l;

	return r != NULL && looks_like_person(r) && weekday_at(c->low + i, &l) < 0 &&
	    month_at(c->low + i, &l) <= 0 && !is_me_name(c->o, r) && !department(r) &&
	    (strchr(r, ' ') == NULL ? FIND_ANY(c->low + i, lex_org_words) != c->low + i :
	    looks_like_person_strict(r));
}

/* Where the capitalised words right before at start (one to three), or
 * at itself when there are none. */
static size_t words_before(const char *t, size_t at)
{
	size_t b = at, start = at;
	int words = 0;

	while (b > 0 && t[b - 1] == ' ')
		b--;
	while (words < 3) {
		size_t k = b;

		while (k > 0 && (isalpha((unsigned char)t[k - 1]) || t[k - 1] == '\'' ||
		    t[k - 1] == '-' || (unsigned char)t[k - 1] >= 0x80))
			k--;
		if (k == b || !capital_at(t + k))
			break;
		start = k;
		words++;
		if (k == 0 || t[k - 1] != ' ')
			break;
		b = k - 1;
	}
	return start;
}

char *panel_change(const struct ctx *c)
{
	for (int side = 0; side < 2; side++) {
		const struct lexicon *l = side == 0 ? &lex_panel_out_before_name :
		    &lex_panel_out_after_name;

		for (size_t k = 0; k < l->n; k++) {
			const char *w = l->w[k];
			size_t wl = strlen(w);
			int tries = 8;

			for (const char *p = find_phrase(c->low, w); p != NULL && tries-- > 0;
			    p = find_phrase(p + wl, w)) {
				size_t at = (size_t)(p - c->low), i, s, e;
				char *r;
				bool ok;

				if (side == 0) {
					i = at + wl;
					while (c->text[i] == ' ')
						i++;
					r = cap_words(c->text, i, 3);
				} else {
					i = words_before(c->text, at);
					r = i < at ? clean_phrase(c->text + i, at - i) : NULL;
				}
				ok = panel_name(c, i, r);
				free(r);
				if (!ok)
					continue;
				sentence_of(c->low, at, &s, &e);
				return clean_phrase(c->text + s, e - s > 200 ? 200 : e - s);
			}
		}
	}
	return NULL;
}
