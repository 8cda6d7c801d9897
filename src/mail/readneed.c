/* readneed: does a mail's text matter (contract in readneed.h). */
#include "autoconfig.h"

#include <string.h>
#include <strings.h>

#include "message.h"
#include "readneed.h"
#include "util.h"

#define MAX_HEADER (64u * 1024)
#define MAX_LINES 500

/* What the scan of the header found. */
struct seen {
	bool bulk;
	bool precedence;            /* the first Precedence was looked at */
	bool thread;
	bool mine;
	bool application;           /* the Subject names an application */
};

static bool
is_blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

/* Does [p, end) name one of the user's domains? */
static bool
names_mine(const char *p, const char *end, const char *const *mine, size_t nmine)
{
	for (size_t i = 0; i < nmine; i++) {
		const char *at = mine[i] ? strrchr(mine[i], '@') : NULL;
		size_t dl = at ? strlen(at + 1) : 0;

		if (dl == 0)
			return true;    /* an address without a domain: doubt */
		for (const char *q = p; q + dl <= end; q++)
			if (strncasecmp(q, at + 1, dl) == 0)
				return true;
	}
	return false;
}

/* Precedence: bulk / list / junk, plainly (surrounding blanks allowed):
 * the words recognition reads (message_precedence_bulk). */
static bool
bulk_precedence(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
	    end[-1] == '\n'))
		end--;
	return message_precedence_bulk(p, (size_t)(end - p));
}

/* Does the Subject [p, end) name a job application, or may it (an encoded
 * word: doubt)?  A hiring system's rejection goes out with list headers
 * too, and recognition reads it as one when its subject names the user's
 * application ("Your application - Product Designer"). */
static bool
names_application(const char *p, const char *end)
{
	static const char *const words[] = { "=?", "application", "candidacy", "bewerbung",
		"candidature", "candidatura", "sollicitatie", "kandidatur" };

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t l = strlen(words[k]);

		for (const char *q = p; q + l <= end; q++)
			if (strncasecmp(q, words[k], l) == 0)
				return true;
	}
	return false;
}

static bool
field_is(const char *p, size_t n, const char *name)
{
	size_t l = strlen(name);
	return n > l && strncasecmp(p, name, l) == 0 && p[l] == ':';
}

/* One field [p, end) (folded lines included). */
static void
look_at(const char *p, const char *end, struct seen *s, const char *const *mine,
    size_t nmine)
{
	size_t n = (size_t)(end - p);

	if (field_is(p, n, "List-Id"))
		s->bulk |= !is_blank(p + strcspn(p, ":") + 1, end);
	else if (field_is(p, n, "Precedence") && !s->precedence) {
		/* The parser reads the first one only. */
		s->precedence = true;
		s->bulk |= bulk_precedence(p + 11, end);
	}
	else if (field_is(p, n, "In-Reply-To") || field_is(p, n, "References"))
		s->thread = true;
	else if (field_is(p, n, "From"))
		s->mine |= names_mine(p + 5, end, mine, nmine);
	else if (field_is(p, n, "Subject"))
		s->application |= names_application(p + 8, end);
}

bool
readneed_contents(const char *header, size_t len, bool calendar_maybe,
    const char *const *mine, size_t nmine)
{
	struct seen s = { false, false, false, false, false };
	const char *p = header, *end = header + len;
	size_t lines = 0;

	if (calendar_maybe || header == NULL || len > MAX_HEADER || memchr(header, '\0', len))
		return true;
	while (p < end) {
		const char *f = p, *nl;

		/* A field and its continuation lines. */
		do {
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			if (++lines > MAX_LINES)
				return true;
		} while (p < end && (*p == ' ' || *p == '\t'));
		if (is_blank(f, p))
			break;      /* the blank line: the end of the header */
		look_at(f, p, &s, mine, nmine);
	}
	return !s.bulk || s.thread || s.mine || s.application;
}
