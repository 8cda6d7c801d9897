/*
 * detect_links: URLs in mail.  Unwraps redirectors (safelinks, Google,
 * Proofpoint), recognises meeting services (Zoom, Meet, Teams, Webex ...)
 * and rebuilds their links without tracking parameters, and names the
 * company of a hiring-system URL (acme.greenhouse.io, jobs.lever.co/acme).
 * Bounded: at most MAX_URLS links per text.
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
char *meeting_link(const char *raw)
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
char *first_meeting_in(const char *s)
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

/* The company an ATS URL or address names: acme.greenhouse.io,
 * boards.greenhouse.io/acme, jobs.lever.co/acme, acme.wd5.myworkdayjobs.com,
 * jobs.ashbyhq.com/acme, acme.bamboohr.com, apply.workable.com/acme ... */
char *ats_company_of_url(const char *url)
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
