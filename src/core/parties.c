/* parties: robots, the organisation's domain, the user's addresses,
 * address validity, Message-IDs (see parties.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parties.h"
#include "util.h"

/* ---- robots ---- */

/* Hiring systems (ATS, job boards, assessment and scheduling services) and
 * calendar services: mail from them is the platform's, not a person's,
 * and their domain is not the company's.  Subdomains match too. */
static const char *const service_domains[] = {
	"angel.co", "applytojob.com", "ashby.io", "ashbyhq.com", "bamboohr.com",
	"breezy.hr", "breezyhr.com", "calendar.google.com", "calendly.com", "coderpad.io",
	"codesignal.com", "codility.com", "dover.com", "freshteam.com", "gem.com",
	"glassdoor.com", "goodtime.io", "greenhouse-mail.io", "greenhouse.io",
	"dayforcehcm.com", "gupy.io", "hackerrank.com", "hackerrankforwork.com",
	"hirebridge.com", "hirevue.com", "join.com", "jobboom.com", "softgarden.de",
	"softgarden.io", "stepstone.de", "xing.com",
	"icims.com", "imip.me.com", "indeed.com", "indeedemail.com", "jazzhr.com",
	"jobs2web.com", "jobvite.com", "lever.co", "linkedin.com", "modernloop.io",
	"myworkday.com", "myworkdayjobs.com", "oraclecloud.com", "otta.com",
	"paradox.ai", "personio.com", "personio.de", "pinpointhq.com", "recruitee.com",
	"rippling.com", "smartrecruiters.com", "smartrecruiters.io", "successfactors.com",
	"successfactors.eu", "taleo.net", "teamtailor-mail.com", "teamtailor.com",
	"welcometothejungle.com", "wellfound.com", "workable.com", "workablemail.com",
	"workday.com", "zohorecruit.com",
	/* more hiring systems and assessment services seen in Europe and India */
	"homerun.co", "jobylon.com", "comeet.co", "manatal.com", "recruiterflow.com",
	"jobadder.com", "avature.net", "phenompeople.com", "eightfold.ai", "keka.com",
	"darwinbox.com", "darwinbox.in", "hirepro.in", "mettl.com", "hackerearth.com",
	"testgorilla.com", "talentlyft.com", "recruitcrm.io", "instahyre.com", "naukri.com",
	"flatchr.io", "jobaffinity.fr", "factorial.co", "factorialhr.com",
	"itjobs.pt", "infojobs.net", "jobat.be", "stepstone.be", "foundit.in",
	"iimjobs.com",
	/* public appointments: Ireland's, the UK's Civil Service and NHS */
	"publicjobs.ie", "publicappointments.ie", "civilservicejobs.service.gov.uk", "jobs.nhs.uk",
	"trac.jobs",
};

/* Local parts nobody reads, whole (any case).  Those containing "noreply"
 * and the like are caught by robot_marks. */
static const char *const robot_locals[] = {
	"alert", "alerts", "auto", "automated", "bounce", "bounces", "calendar",
	"calendar-notification", "digest", "invitations", "mailer-daemon", "marketing",
	"news", "newsletter", "notification", "notifications", "notify", "postmaster",
	"system", "updates", "voicemail", "voice-mail", "fax",
};

/* Anywhere in the address: nobody reads it. */
static const char *const robot_marks[] = {
	"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
};

/* Local part prefixes of bounce handlers and reply relays. */
static const char *const robot_prefixes[] = { "bounce", "reply+", "reply-" };

/* Calendar providers: a robot there sends invites for others; their
 * people are people. */
static const char *const calendar_domains[] = {
	"google.com", "microsoft.com", "outlook.com", "office.com", "office365.com",
	"apple.com", "icloud.com", "zoom.us",
};

bool
parties_domain_in(const char *domain, const char *const *list, size_t n)
{
	size_t dl;

	if (domain == NULL)
		return false;
	dl = strlen(domain);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(list[i]);

		if (strcasecmp(domain, list[i]) == 0 ||
		    (dl > l && domain[dl - l - 1] == '.' && strcasecmp(domain + dl - l, list[i]) == 0))
			return true;
	}
	return false;
}

/* Does s[0..n) contain needle, ignoring ASCII case? */
static bool
mem_casecontains(const char *s, size_t n, const char *needle)
{
	size_t l = strlen(needle);

	for (size_t i = 0; l <= n && i <= n - l; i++)
		if (strncasecmp(s + i, needle, l) == 0)
			return true;
	return false;
}

bool
parties_is_service_domain(const char *domain)
{
	size_t dl;

	if (domain == NULL || *domain == '\0')
		return false;
	if (parties_domain_in(domain, service_domains, ARRAY_LEN(service_domains)))
		return true;
	/* RFC 2606's "example" stands for the top-level domain in examples
	 * and tests: "myworkday.example" is Workday's myworkday.com */
	dl = strlen(domain);
	if (dl <= 8 || strcasecmp(domain + dl - 8, ".example") != 0)
		return false;
	dl -= 8;
	for (size_t i = 0; i < ARRAY_LEN(service_domains); i++) {
		const char *dot = strrchr(service_domains[i], '.');
		size_t l = (size_t)(dot - service_domains[i]);

		if ((dl == l || (dl > l && domain[dl - l - 1] == '.')) &&
		    strncasecmp(domain + dl - l, service_domains[i], l) == 0)
			return true;
	}
	return false;
}

/* The first n bytes of s are one of the n words of list (any case). */
static bool
word_in(const char *s, size_t n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && strncasecmp(s, list[i], n) == 0)
			return true;
	return false;
}

bool
parties_is_noreply(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	for (size_t i = 0; at != NULL && i < ARRAY_LEN(robot_marks); i++)
		if (mem_casecontains(email, (size_t)(at - email), robot_marks[i]))
			return true;
	return false;
}

bool
parties_is_robot_local(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	size_t n;

	if (at == NULL)
		return true;
	n = (size_t)(at - email);
	if (word_in(email, n, robot_locals, ARRAY_LEN(robot_locals)) || parties_is_noreply(email))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(robot_prefixes); i++) {
		size_t l = strlen(robot_prefixes[i]);

		if (n >= l && strncasecmp(email, robot_prefixes[i], l) == 0)
			return true;
	}
	return false;
}

/* The names of teams' mailboxes (parties_is_team), in the languages the
 * recogniser reads. */
static const char *const team_locals[] = {
	"recruiting", "recruitment", "recruiter", "recruiters", "talent", "talents",
	"talentacquisition", "talent.acquisition", "careers", "career", "jobs", "job",
	"hiring", "hr", "people", "team", "interviews", "interview", "scheduling",
	"hello", "info", "contact", "office", "admin", "werving", "vacatures",
	"sollicitatie", "sollicitaties", "bewerbung", "bewerbungen", "karriere", "personal",
	"recrutement", "rh", "emploi", "carrieres", "empleo", "seleccion", "rrhh",
	"vagas", "carreiras", "recrutamento", "selezione", "lavoro", "rekrytointi",
	"rekrutering", "rekrytering", "jobb", "nabor",
};

bool
parties_is_team(const char *email)
{
	if (email == NULL || strrchr(email, '@') == NULL)
		return false;
	return word_in(email, strcspn(email, "+-@"), team_locals, ARRAY_LEN(team_locals));
}

bool
parties_is_team_mailbox(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	if (at == NULL)
		return false;
	if (parties_is_team(email))
		return true;
	/* "SeleccionTalento@", "kinderscoutcareers@": a team's word that
	 * begins or ends the one word of the local part, with four letters
	 * or more besides it (five letters and more, so no person's name is
	 * taken for one: "talentino@", "othello@") */
	for (size_t i = 0; i < ARRAY_LEN(team_locals); i++) {
		size_t l = strlen(team_locals[i]), n = (size_t)(at - email);

		if (l < 5 || strchr(team_locals[i], '.') != NULL || n < l + 4)
			continue;
		if (strncasecmp(email, team_locals[i], l) == 0 ||
		    strncasecmp(at - l, team_locals[i], l) == 0)
			return true;
	}
	return false;
}

bool
parties_is_robot(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	if (at == NULL)
		return true;
	if (parties_is_robot_local(email) || parties_is_service_domain(at + 1))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(robot_marks); i++)
		if (mem_casecontains(at + 1, strlen(at + 1), robot_marks[i]))
			return true;
	return false;
}

bool
parties_is_service_sender(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	if (at == NULL)
		return false;
	return parties_is_service_domain(at + 1) ||
	    (parties_is_robot(email) &&
	    parties_domain_in(at + 1, calendar_domains, ARRAY_LEN(calendar_domains)));
}

/* ---- the organisation's domain ---- */

/* Mail providers anyone can sign up with: their domain says nothing about
 * an organisation. */
static const char *const free_mail_domains[] = {
	"aol.com", "fastmail.com", "fastmail.fm", "gmail.com", "gmx.com", "gmx.de", "gmx.net", "googlemail.com",
	"hey.com", "hotmail.com", "icloud.com", "live.com", "mac.com", "mail.com",
	"me.com", "msn.com", "outlook.com", "pm.me", "proton.me", "protonmail.com",
	"web.de", "yahoo.com", "yandex.com", "yandex.ru", "ymail.com", "zoho.com",
};

/* Second-level labels under which a country code registers names:
 * "acme.co.uk", "acme.com.au", "uni.edu.au". */
static const char *const public_second_labels[] = {
	"ac", "co", "com", "edu", "gov", "net", "org",
};

/* The labels of Australia's states and territories, public under gov.au
 * ("transport.nsw.gov.au": the agency is "transport", not "nsw"). */
static const char *const public_state_labels[] = {
	"act", "nsw", "nt", "qld", "sa", "tas", "vic", "wa",
};

bool
parties_is_free_mail_domain(const char *domain)
{
	return domain != NULL &&
	    parties_domain_in(domain, free_mail_domains, ARRAY_LEN(free_mail_domains));
}

bool
parties_is_personal(const char *email)
{
	char *dom = email != NULL ? parties_org_domain(email) : NULL;
	bool r = dom == NULL || strncasecmp(dom, "example.", 8) == 0;

	free(dom);
	return r;
}

char *
parties_org_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL, *d, *last, *prev = NULL;
	bool cc;
	char *out;

	if (at == NULL || at[1] == '\0' || strchr(at + 1, '.') == NULL)
		return NULL;
	d = at + 1;
	if (parties_is_free_mail_domain(d) || parties_is_service_sender(email))
		return NULL;
	/*
	 * The last two labels; one more for each public label before the
	 * top: a country's second level ("acme.co.uk") and a state under it
	 * ("transport.nsw.gov.au").  RFC 2606's "example" stands for any top
	 * level, a country's too ("ues.edu.example").
	 */
	last = strrchr(d, '.');
	cc = strlen(last + 1) == 2 || strcasecmp(last + 1, "example") == 0;
	for (const char *p = d; p < last; p++)
		if (*p == '.')
			prev = p;
	for (int k = 0; prev != NULL && k < 2; k++) {
		const char *lab = prev + 1, *p3 = NULL;
		size_t ll = strcspn(lab, ".");

		if (!cc || !(word_in(lab, ll, public_second_labels, ARRAY_LEN(public_second_labels)) ||
		    word_in(lab, ll, public_state_labels, ARRAY_LEN(public_state_labels))))
			break;
		for (const char *p = d; p < prev; p++)
			if (*p == '.')
				p3 = p;
		prev = p3;
	}
	if (prev != NULL)
		d = prev + 1;
	if (*d == '.' || d[strlen(d) - 1] == '.')
		return NULL;
	out = xstrdup(d);
	str_lower(out);
	return out;
}

int
parties_same_org(const char *a, const char *b)
{
	char *da = parties_org_domain(a), *db = parties_org_domain(b);
	int r = da == NULL || db == NULL ? -1 : strcmp(da, db) == 0;

	free(da);
	free(db);
	return r;
}

/* ---- the user's own addresses ---- */

bool
parties_is_mine(const char *email, const char *const *mine, size_t n)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	const char *plus;

	if (email == NULL || *email == '\0')
		return false;
	for (size_t i = 0; i < n; i++)
		if (mine[i] != NULL && strcasecmp(email, mine[i]) == 0)
			return true;
	/* jane+jobs@example.net: the sub-address of jane@example.net */
	if (at == NULL || (plus = memchr(email, '+', (size_t)(at - email))) == NULL ||
	    plus == email)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *m = mine[i], *mat = m ? strrchr(m, '@') : NULL;
		size_t ml = mat ? (size_t)(mat - m) : 0;

		if (mat == NULL || memchr(m, '+', ml) != NULL)
			continue;
		if (ml == (size_t)(plus - email) && strncasecmp(email, m, ml) == 0 &&
		    strcasecmp(at, mat) == 0)
			return true;
	}
	return false;
}

/* ---- address validity ---- */

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool
parties_atext(unsigned char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

const char *
parties_domain_problem(const char *d)
{
	size_t label = 0, total;
	char prev = '.';

	if (d == NULL || *d == '\0')
		return "the domain is empty";
	if ((total = strlen(d)) > 253)
		return "the domain is longer than 253 characters";
	for (; *d != '\0'; d++) {
		char c = *d;

		if (c == '.') {
			if (label == 0)
				return "the domain has an empty label (a dot at its start or two in a row)";
			if (prev == '-')
				return "a domain label ends with '-'";
			label = 0;
		} else if (is_alnum((unsigned char)c) || c == '-') {
			if (label == 0 && c == '-')
				return "a domain label starts with '-'";
			if (++label > 63)
				return "a domain label is longer than 63 characters";
		} else
			return "the domain may only have letters, digits, '-' and '.'";
		prev = c;
	}
	if (prev == '.')
		return "the domain ends with a dot";
	if (prev == '-')
		return "a domain label ends with '-'";
	return NULL;
}

bool
parties_domain_valid(const char *domain)
{
	return parties_domain_problem(domain) == NULL;
}

const char *
parties_address_problem(const char *addr)
{
	const char *at;

	if (addr == NULL || *addr == '\0')
		return "it is empty";
	if (strlen(addr) > 254)
		return "it is longer than 254 characters";
	if ((at = strrchr(addr, '@')) == NULL)
		return "it has no '@'";
	if (at == addr)
		return "nothing comes before the '@'";
	if (at - addr > 64)
		return "the part before the '@' is longer than 64 characters";
	if (addr[0] == '.' || at[-1] == '.')
		return "the part before the '@' starts or ends with a dot";
	for (const char *p = addr; p < at; p++) {
		if (*p == '.') {
			if (p[1] == '.')
				return "the part before the '@' has two dots in a row";
		} else if (!parties_atext((unsigned char)*p))
			return "the part before the '@' may only have letters, digits, dots and "
			    "!#$%&'*+-/=?^_`{|}~";
	}
	return parties_domain_problem(at + 1);
}

bool
parties_address_valid(const char *addr)
{
	return parties_address_problem(addr) == NULL;
}

/* ---- Message-IDs ---- */

/* A byte of an id: printable ASCII, not a blank, not an angle bracket. */
static bool
id_byte(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '<' && c != '>';
}

/* "<" s[0..n) ">" when s[0..n) is a usable id, else NULL. */
static char *
id_make(const char *s, size_t n)
{
	char *id;

	if (n == 0 || n > PARTIES_MSGID_MAX - 2)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!id_byte((unsigned char)s[i]))
			return NULL;
	id = xmalloc(n + 3);
	id[0] = '<';
	memcpy(id + 1, s, n);
	id[n + 1] = '>';
	id[n + 2] = '\0';
	return id;
}

static bool
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next usable bracketed id at or after *p (before end); *p moves past
 * it.  NULL when there is none. */
static char *
next_bracketed(const char **p, const char *end)
{
	const char *s = *p;

	while (s < end) {
		const char *lt = memchr(s, '<', (size_t)(end - s)), *gt;
		char *id;

		if (lt == NULL || (gt = memchr(lt + 1, '>', (size_t)(end - lt - 1))) == NULL)
			break;
		id = id_make(lt + 1, (size_t)(gt - lt - 1));
		s = gt + 1;
		if (id != NULL) {
			*p = s;
			return id;
		}
	}
	*p = end;
	return NULL;
}

/* The first word of value when it looks like an id without brackets. */
static char *
bare_word(const char *s, const char *end)
{
	const char *e;

	while (s < end && blank((unsigned char)*s))
		s++;
	for (e = s; e < end && !blank((unsigned char)*e); e++)
		;
	if (e == s || memchr(s, '@', (size_t)(e - s)) == NULL)
		return NULL;
	return id_make(s, (size_t)(e - s));
}

size_t
parties_msgid_list(const char *value, size_t len, char ***ids, size_t *n, size_t max)
{
	const char *p = value, *end = value ? value + len : NULL;
	size_t added = 0;
	char *id;

	if (value == NULL)
		return 0;
	while (*n < max && (id = next_bracketed(&p, end)) != NULL) {
		*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = id;
		added++;
	}
	if (added == 0 && *n < max && (id = bare_word(value, end)) != NULL) {
		*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = id;
		added++;
	}
	return added;
}

char *
parties_msgid_first(const char *value, size_t len)
{
	const char *p = value;
	char *id;

	if (value == NULL)
		return NULL;
	id = next_bracketed(&p, value + len);
	return id != NULL ? id : bare_word(value, value + len);
}

/* Unfolded values longer than this are not read further: an id is at most
 * PARTIES_MSGID_MAX, and a field may only add a few blanks and comments. */
#define FIELD_MAX (4 * PARTIES_MSGID_MAX)

char *
parties_message_id(const char *hdr, size_t len)
{
	const char *p = hdr, *end = hdr ? hdr + len : NULL;
	static const char name[] = "Message-ID";
	const size_t nl = sizeof(name) - 1;

	if (hdr == NULL)
		return NULL;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		const char *q = p + nl;

		if ((size_t)(end - p) > nl && strncasecmp(p, name, nl) == 0) {
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
		}
		if ((size_t)(end - p) > nl && strncasecmp(p, name, nl) == 0 && q < end && *q == ':') {
			struct buf v = { 0 };
			char *id;

			/* The value and its continuation lines, without the line
			 * breaks (RFC 5322 unfolding keeps the blanks). */
			for (q++;;) {
				const char *lend = eol ? eol : end;

				for (; q < lend && v.len < FIELD_MAX; q++)
					if (*q != '\r')
						buf_addc(&v, *q);
				if (next >= end || (*next != ' ' && *next != '\t'))
					break;
				q = next;
				eol = memchr(q, '\n', (size_t)(end - q));
				next = eol ? eol + 1 : end;
			}
			id = v.len ? parties_msgid_first(v.data, v.len) : NULL;
			buf_free(&v);
			return id;
		}
		p = next;
	}
	return NULL;
}

bool
parties_msgid_valid(const char *id)
{
	size_t len;
	const char *at;

	if (id == NULL || (len = strlen(id)) < 5 || len > 250)
		return false;
	if (id[0] != '<' || id[len - 1] != '>')
		return false;
	for (size_t i = 1; i < len - 1; i++) {
		unsigned char c = (unsigned char)id[i];

		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' ||
		    c == '(' || c == ')' || c == ',')
			return false;
	}
	at = strchr(id, '@');
	return at != NULL && at > id + 1 && at < id + len - 2 && strchr(at + 1, '@') == NULL;
}

char *
parties_person_line(const char *name, const char *email)
{
	if (name == NULL && email == NULL)
		return NULL;
	return xasprintf("%s%s%s%s", name ? name : "", name && email ? " <" : "",
	    email ? email : "", name && email ? ">" : "");
}

void
parties_person_split(const char *line, char **name, char **email)
{
	const char *lt = line ? strrchr(line, '<') : NULL;
	size_t len = line ? strlen(line) : 0;

	*name = *email = NULL;
	if (len == 0)
		return;
	if (lt != NULL && line[len - 1] == '>') {
		size_t nl = (size_t)(lt - line);

		while (nl > 0 && line[nl - 1] == ' ')
			nl--;
		*name = nl ? xstrndup(line, nl) : NULL;
		*email = xstrndup(lt + 1, len - (size_t)(lt - line) - 2);
	} else if (strchr(line, '@') != NULL) {
		*email = xstrdup(line);
	} else {
		*name = xstrdup(line);
	}
}
