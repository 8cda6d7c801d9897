/*
 * ics: iCalendar through libical, defensively.  See ics.h for the contract.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "ics.h"
#include "utf8.h"
#include "util.h"

#define ICS_MAX_INPUT     (2u * 1024 * 1024)
#define ICS_MAX_EVENTS    64
#define ICS_MAX_PEOPLE    200
#define ICS_MAX_CONF      16
#define ICS_MAX_FIELD     (64u * 1024)

/* ---- zone tables ----------------------------------------------------- */

struct zone_map {
	const char *from;
	const char *iana;
};

/* Windows time zone ids (as Exchange/Outlook write them in TZID) to IANA.
 * Our own table, following the usual territory-"001" choices. */
static const struct zone_map windows_zones[] = {
	{ "Dateline Standard Time", "Etc/GMT+12" },
	{ "UTC-11", "Etc/GMT+11" },
	{ "Aleutian Standard Time", "America/Adak" },
	{ "Hawaiian Standard Time", "Pacific/Honolulu" },
	{ "Marquesas Standard Time", "Pacific/Marquesas" },
	{ "Alaskan Standard Time", "America/Anchorage" },
	{ "UTC-09", "Etc/GMT+9" },
	{ "Pacific Standard Time (Mexico)", "America/Tijuana" },
	{ "UTC-08", "Etc/GMT+8" },
	{ "Pacific Standard Time", "America/Los_Angeles" },
	{ "US Mountain Standard Time", "America/Phoenix" },
	{ "Mountain Standard Time (Mexico)", "America/Mazatlan" },
	{ "Mountain Standard Time", "America/Denver" },
	{ "Yukon Standard Time", "America/Whitehorse" },
	{ "Central America Standard Time", "America/Guatemala" },
	{ "Central Standard Time", "America/Chicago" },
	{ "Easter Island Standard Time", "Pacific/Easter" },
	{ "Central Standard Time (Mexico)", "America/Mexico_City" },
	{ "Canada Central Standard Time", "America/Regina" },
	{ "SA Pacific Standard Time", "America/Bogota" },
	{ "Eastern Standard Time (Mexico)", "America/Cancun" },
	{ "Eastern Standard Time", "America/New_York" },
	{ "Haiti Standard Time", "America/Port-au-Prince" },
	{ "Cuba Standard Time", "America/Havana" },
	{ "US Eastern Standard Time", "America/Indiana/Indianapolis" },
	{ "Turks And Caicos Standard Time", "America/Grand_Turk" },
	{ "Paraguay Standard Time", "America/Asuncion" },
	{ "Atlantic Standard Time", "America/Halifax" },
	{ "Venezuela Standard Time", "America/Caracas" },
	{ "Central Brazilian Standard Time", "America/Cuiaba" },
	{ "SA Western Standard Time", "America/La_Paz" },
	{ "Pacific SA Standard Time", "America/Santiago" },
	{ "Newfoundland Standard Time", "America/St_Johns" },
	{ "Tocantins Standard Time", "America/Araguaina" },
	{ "E. South America Standard Time", "America/Sao_Paulo" },
	{ "SA Eastern Standard Time", "America/Cayenne" },
	{ "Argentina Standard Time", "America/Argentina/Buenos_Aires" },
	{ "Greenland Standard Time", "America/Nuuk" },
	{ "Montevideo Standard Time", "America/Montevideo" },
	{ "Magallanes Standard Time", "America/Punta_Arenas" },
	{ "Saint Pierre Standard Time", "America/Miquelon" },
	{ "Bahia Standard Time", "America/Bahia" },
	{ "UTC-02", "Etc/GMT+2" },
	{ "Mid-Atlantic Standard Time", "Etc/GMT+2" },
	{ "Azores Standard Time", "Atlantic/Azores" },
	{ "Cape Verde Standard Time", "Atlantic/Cape_Verde" },
	{ "UTC", "UTC" },
	{ "Coordinated Universal Time", "UTC" },
	{ "GMT Standard Time", "Europe/London" },
	{ "Greenwich Standard Time", "Atlantic/Reykjavik" },
	{ "Sao Tome Standard Time", "Africa/Sao_Tome" },
	{ "Morocco Standard Time", "Africa/Casablanca" },
	{ "W. Europe Standard Time", "Europe/Berlin" },
	{ "Central Europe Standard Time", "Europe/Budapest" },
	{ "Romance Standard Time", "Europe/Paris" },
	{ "Central European Standard Time", "Europe/Warsaw" },
	{ "W. Central Africa Standard Time", "Africa/Lagos" },
	{ "Jordan Standard Time", "Asia/Amman" },
	{ "GTB Standard Time", "Europe/Bucharest" },
	{ "Middle East Standard Time", "Asia/Beirut" },
	{ "Egypt Standard Time", "Africa/Cairo" },
	{ "E. Europe Standard Time", "Europe/Chisinau" },
	{ "Syria Standard Time", "Asia/Damascus" },
	{ "West Bank Standard Time", "Asia/Hebron" },
	{ "South Africa Standard Time", "Africa/Johannesburg" },
	{ "FLE Standard Time", "Europe/Helsinki" },
	{ "Israel Standard Time", "Asia/Jerusalem" },
	{ "South Sudan Standard Time", "Africa/Juba" },
	{ "Kaliningrad Standard Time", "Europe/Kaliningrad" },
	{ "Sudan Standard Time", "Africa/Khartoum" },
	{ "Libya Standard Time", "Africa/Tripoli" },
	{ "Namibia Standard Time", "Africa/Windhoek" },
	{ "Arabic Standard Time", "Asia/Baghdad" },
	{ "Turkey Standard Time", "Europe/Istanbul" },
	{ "Arab Standard Time", "Asia/Riyadh" },
	{ "Belarus Standard Time", "Europe/Minsk" },
	{ "Russian Standard Time", "Europe/Moscow" },
	{ "E. Africa Standard Time", "Africa/Nairobi" },
	{ "Volgograd Standard Time", "Europe/Volgograd" },
	{ "Iran Standard Time", "Asia/Tehran" },
	{ "Arabian Standard Time", "Asia/Dubai" },
	{ "Astrakhan Standard Time", "Europe/Astrakhan" },
	{ "Azerbaijan Standard Time", "Asia/Baku" },
	{ "Russia Time Zone 3", "Europe/Samara" },
	{ "Mauritius Standard Time", "Indian/Mauritius" },
	{ "Saratov Standard Time", "Europe/Saratov" },
	{ "Georgian Standard Time", "Asia/Tbilisi" },
	{ "Caucasus Standard Time", "Asia/Yerevan" },
	{ "Afghanistan Standard Time", "Asia/Kabul" },
	{ "West Asia Standard Time", "Asia/Tashkent" },
	{ "Ekaterinburg Standard Time", "Asia/Yekaterinburg" },
	{ "Pakistan Standard Time", "Asia/Karachi" },
	{ "Qyzylorda Standard Time", "Asia/Qyzylorda" },
	{ "India Standard Time", "Asia/Kolkata" },
	{ "Sri Lanka Standard Time", "Asia/Colombo" },
	{ "Nepal Standard Time", "Asia/Kathmandu" },
	{ "Central Asia Standard Time", "Asia/Almaty" },
	{ "Bangladesh Standard Time", "Asia/Dhaka" },
	{ "Omsk Standard Time", "Asia/Omsk" },
	{ "Myanmar Standard Time", "Asia/Yangon" },
	{ "SE Asia Standard Time", "Asia/Bangkok" },
	{ "Altai Standard Time", "Asia/Barnaul" },
	{ "W. Mongolia Standard Time", "Asia/Hovd" },
	{ "North Asia Standard Time", "Asia/Krasnoyarsk" },
	{ "N. Central Asia Standard Time", "Asia/Novosibirsk" },
	{ "Tomsk Standard Time", "Asia/Tomsk" },
	{ "China Standard Time", "Asia/Shanghai" },
	{ "North Asia East Standard Time", "Asia/Irkutsk" },
	{ "Singapore Standard Time", "Asia/Singapore" },
	{ "W. Australia Standard Time", "Australia/Perth" },
	{ "Taipei Standard Time", "Asia/Taipei" },
	{ "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar" },
	{ "Aus Central W. Standard Time", "Australia/Eucla" },
	{ "Transbaikal Standard Time", "Asia/Chita" },
	{ "Tokyo Standard Time", "Asia/Tokyo" },
	{ "North Korea Standard Time", "Asia/Pyongyang" },
	{ "Korea Standard Time", "Asia/Seoul" },
	{ "Yakutsk Standard Time", "Asia/Yakutsk" },
	{ "Cen. Australia Standard Time", "Australia/Adelaide" },
	{ "AUS Central Standard Time", "Australia/Darwin" },
	{ "E. Australia Standard Time", "Australia/Brisbane" },
	{ "AUS Eastern Standard Time", "Australia/Sydney" },
	{ "West Pacific Standard Time", "Pacific/Port_Moresby" },
	{ "Tasmania Standard Time", "Australia/Hobart" },
	{ "Vladivostok Standard Time", "Asia/Vladivostok" },
	{ "Lord Howe Standard Time", "Australia/Lord_Howe" },
	{ "Bougainville Standard Time", "Pacific/Bougainville" },
	{ "Russia Time Zone 10", "Asia/Srednekolymsk" },
	{ "Magadan Standard Time", "Asia/Magadan" },
	{ "Norfolk Standard Time", "Pacific/Norfolk" },
	{ "Sakhalin Standard Time", "Asia/Sakhalin" },
	{ "Central Pacific Standard Time", "Pacific/Guadalcanal" },
	{ "Russia Time Zone 11", "Asia/Kamchatka" },
	{ "New Zealand Standard Time", "Pacific/Auckland" },
	{ "UTC+12", "Etc/GMT-12" },
	{ "Fiji Standard Time", "Pacific/Fiji" },
	{ "Chatham Islands Standard Time", "Pacific/Chatham" },
	{ "UTC+13", "Etc/GMT-13" },
	{ "Tonga Standard Time", "Pacific/Tongatapu" },
	{ "Samoa Standard Time", "Pacific/Apia" },
	{ "Line Islands Standard Time", "Pacific/Kiritimati" },
	/* Names older Outlook versions and other clients also write. */
	{ "GMT Daylight Time", "Europe/London" },
	{ "W. Europe Daylight Time", "Europe/Berlin" },
	{ "Romance Daylight Time", "Europe/Paris" },
	{ "Eastern Daylight Time", "America/New_York" },
	{ "Central Daylight Time", "America/Chicago" },
	{ "Mountain Daylight Time", "America/Denver" },
	{ "Pacific Daylight Time", "America/Los_Angeles" },
};

/* Outlook's display labels "(UTC+01:00) Amsterdam, Berlin, Bern, ...": the
 * first place name decides.  Matched as a word anywhere in the label. */
static const struct zone_map label_places[] = {
	{ "Amsterdam", "Europe/Berlin" },
	{ "Brussels", "Europe/Paris" },
	{ "Belgrade", "Europe/Budapest" },
	{ "Sarajevo", "Europe/Warsaw" },
	{ "Helsinki", "Europe/Helsinki" },
	{ "Athens", "Europe/Bucharest" },
	{ "Bucharest", "Europe/Bucharest" },
	{ "Dublin", "Europe/London" },
	{ "London", "Europe/London" },
	{ "Lisbon", "Europe/Lisbon" },
	{ "Casablanca", "Africa/Casablanca" },
	{ "Monrovia", "Atlantic/Reykjavik" },
	{ "Reykjavik", "Atlantic/Reykjavik" },
	{ "Coordinated Universal Time", "UTC" },
	{ "Istanbul", "Europe/Istanbul" },
	{ "Jerusalem", "Asia/Jerusalem" },
	{ "Cairo", "Africa/Cairo" },
	{ "Harare", "Africa/Johannesburg" },
	{ "Moscow", "Europe/Moscow" },
	{ "Minsk", "Europe/Minsk" },
	{ "Nairobi", "Africa/Nairobi" },
	{ "Kuwait", "Asia/Riyadh" },
	{ "Baghdad", "Asia/Baghdad" },
	{ "Tehran", "Asia/Tehran" },
	{ "Abu Dhabi", "Asia/Dubai" },
	{ "Baku", "Asia/Baku" },
	{ "Kabul", "Asia/Kabul" },
	{ "Islamabad", "Asia/Karachi" },
	{ "Tashkent", "Asia/Tashkent" },
	{ "Chennai", "Asia/Kolkata" },
	{ "Kolkata", "Asia/Kolkata" },
	{ "Sri Jayawardenepura", "Asia/Colombo" },
	{ "Kathmandu", "Asia/Kathmandu" },
	{ "Dhaka", "Asia/Dhaka" },
	{ "Astana", "Asia/Almaty" },
	{ "Yangon", "Asia/Yangon" },
	{ "Bangkok", "Asia/Bangkok" },
	{ "Beijing", "Asia/Shanghai" },
	{ "Kuala Lumpur", "Asia/Singapore" },
	{ "Singapore", "Asia/Singapore" },
	{ "Perth", "Australia/Perth" },
	{ "Taipei", "Asia/Taipei" },
	{ "Osaka", "Asia/Tokyo" },
	{ "Tokyo", "Asia/Tokyo" },
	{ "Seoul", "Asia/Seoul" },
	{ "Adelaide", "Australia/Adelaide" },
	{ "Darwin", "Australia/Darwin" },
	{ "Brisbane", "Australia/Brisbane" },
	{ "Canberra", "Australia/Sydney" },
	{ "Sydney", "Australia/Sydney" },
	{ "Hobart", "Australia/Hobart" },
	{ "Guam", "Pacific/Port_Moresby" },
	{ "Auckland", "Pacific/Auckland" },
	{ "Fiji", "Pacific/Fiji" },
	{ "Hawaii", "Pacific/Honolulu" },
	{ "Alaska", "America/Anchorage" },
	{ "Pacific Time", "America/Los_Angeles" },
	{ "Arizona", "America/Phoenix" },
	{ "Mountain Time", "America/Denver" },
	{ "Central Time", "America/Chicago" },
	{ "Guadalajara", "America/Mexico_City" },
	{ "Saskatchewan", "America/Regina" },
	{ "Bogota", "America/Bogota" },
	{ "Eastern Time", "America/New_York" },
	{ "Indiana", "America/Indiana/Indianapolis" },
	{ "Caracas", "America/Caracas" },
	{ "Atlantic Time", "America/Halifax" },
	{ "Santiago", "America/Santiago" },
	{ "Newfoundland", "America/St_Johns" },
	{ "Brasilia", "America/Sao_Paulo" },
	{ "Bras\xc3\xad" "lia", "America/Sao_Paulo" },
	{ "Buenos Aires", "America/Argentina/Buenos_Aires" },
	{ "Montevideo", "America/Montevideo" },
	{ "Greenland", "America/Nuuk" },
	{ "Azores", "Atlantic/Azores" },
	{ "Stockholm", "Europe/Stockholm" },
	{ "Copenhagen", "Europe/Copenhagen" },
	{ "Madrid", "Europe/Madrid" },
	{ "Paris", "Europe/Paris" },
	{ "Berlin", "Europe/Berlin" },
	{ "Rome", "Europe/Rome" },
	{ "Vienna", "Europe/Vienna" },
	{ "Warsaw", "Europe/Warsaw" },
	{ "Prague", "Europe/Prague" },
	{ "Kyiv", "Europe/Kyiv" },
	{ "Kiev", "Europe/Kyiv" },
	{ "Riga", "Europe/Riga" },
	{ "Tallinn", "Europe/Tallinn" },
	{ "Vilnius", "Europe/Vilnius" },
	{ "Sofia", "Europe/Sofia" },
};

/* ---- small helpers ---------------------------------------------------- */

static bool lib_ready;

static void ics_init(void)
{
	if (lib_ready)
		return;
	lib_ready = true;
	/* libical aborts on "fatal" errors by default; mail is hostile. */
	icalerror_set_errors_are_fatal(0);
	icalerror_set_error_state(ICAL_NEWFAILED_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_PARSE_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_INTERNAL_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_FILE_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_USAGE_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_UNIMPLEMENTED_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_UNKNOWN_ERROR, ICAL_ERROR_NONFATAL);
	icalerror_set_error_state(ICAL_BADARG_ERROR, ICAL_ERROR_NONFATAL);
}

char *ics_text_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = { 0 };
	size_t i = 0, n;

	if (s == NULL)
		return xstrdup("");
	/* A byte order mark says nothing we need. */
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len) {
		unsigned char c = p[i];

		/* printable ASCII, tabs and newlines go as they are, a run at once */
		for (n = 0; i + n < len && ((p[i + n] >= 0x20 && p[i + n] < 0x7F) ||
		    p[i + n] == '\n' || p[i + n] == '\t'); n++)
			;
		if (n > 0) {
			buf_add(&b, p + i, n);
			i += n;
			continue;
		}
		if (c == '\r') {
			/* CRLF and lone CR both end a line. */
			buf_addc(&b, '\n');
			i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x20 && c != '\n' && c != '\t') {
			i++;
			continue;
		}
		if (c == 0x7F) {
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i);
		if (n > 0) {
			buf_add(&b, p + i, n);
			i += n;
			continue;
		}
		/* not UTF-8: Windows-1252, its undefined bytes dropped */
		if (utf8_from_cp1252(c) != 0)
			buf_add_utf8(&b, utf8_from_cp1252(c));
		i++;
	}
	return buf_steal(&b);
}

/* A cleaned, bounded copy of a libical string; NULL stays NULL. */
static char *dup_field(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > ICS_MAX_FIELD)
		n = ICS_MAX_FIELD;
	return ics_text_clean(s, n);
}

static char *dup_upper(const char *s)
{
	char *r = dup_field(s), *q;

	if (r == NULL)
		return NULL;
	for (q = r; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	return str_trim(r);
}

/* Copy of s without surrounding blanks and double quotes. */
static char *unquote(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t' || *s == '"')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/* Compare ignoring case and runs of blanks. */
static bool name_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

/* ---- time zones ------------------------------------------------------- */

/* A name we may hand to libical's tz loader: it becomes a file path. */
static bool zone_name_safe(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '/' || strstr(s, "..") != NULL)
		return false;
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '/' && *s != '_' &&
		    *s != '-' && *s != '+')
			return false;
	}
	return true;
}

/*
 * The zones of the tables, kept by ics_preload() as text.  libical's
 * reading of a system zone (icaltzutil_fetch_timezone: the TZif file made
 * a VTIMEZONE of every change since the 1800s) takes ~50 KiB of heap per
 * zone as a component tree, ~7.7 MiB for the ~150 zones the tables name,
 * though a mail uses one or two.  The same VTIMEZONE written as text is
 * ~2.4 KiB.  So ics_preload() reads each zone (open() is still allowed),
 * keeps its text and frees the tree; the first zone_get() of a name parses
 * the text (no file, so inside the sandbox too) into a zone kept for the
 * life of the process, exactly the zone libical's own loader would have
 * made: the same component, through icaltimezone_set_component() as
 * libical's builtin zones for a system tz database.  After ics_preload(),
 * any other zone asked for is read the same way while files can be
 * opened (detect_preload_zones() asks for the prose reader's zones); once
 * they cannot, libical's loader fails for it, as it did before.
 */
struct zone_text {
	const char *name;     /* IANA name (the tables' or our copy) */
	char *text;           /* its VTIMEZONE as text, until built */
	icaltimezone *zone;   /* built from text on first use, then kept */
};

static struct zone_text *ztexts;  /* sorted by name; NULL: no preload */
static size_t nztexts, ztexts_cap;
static unsigned long ztexts_hits;  /* for ics_zone_kept_stats() */

static int zone_text_cmp(const void *a, const void *b)
{
	return strcmp(((const struct zone_text *)a)->name,
	    ((const struct zone_text *)b)->name);
}

static bool zone_is_utc(const char *iana)
{
	return strcmp(iana, "UTC") == 0 || strcmp(iana, "Etc/UTC") == 0 ||
	    strcmp(iana, "GMT") == 0 || strcmp(iana, "Z") == 0;
}

/* The VTIMEZONE text of a system zone (NULL: none).  Needs open(). */
static char *zone_text_read(const char *iana)
{
	icalcomponent *comp = icaltzutil_fetch_timezone(iana);
	char *text, *copy;

	if (comp == NULL)
		return NULL;
	text = icalcomponent_as_ical_string_r(comp);
	icalcomponent_free(comp);
	if (text == NULL)
		return NULL;
	/* libical's buffer may be twice the text: keep only the text */
	copy = xstrdup(text);
	free(text);
	return copy;
}

/* Keep iana (not yet kept) read now; NULL when it cannot be read. */
static struct zone_text *zone_text_add(const char *iana)
{
	char *text = zone_text_read(iana);
	size_t at = 0;

	if (text == NULL)
		return NULL;
	while (at < nztexts && strcmp(ztexts[at].name, iana) < 0)
		at++;
	if (nztexts == ztexts_cap) {
		ztexts_cap *= 2;
		ztexts = xrealloc(ztexts, ztexts_cap * sizeof(*ztexts));
	}
	memmove(&ztexts[at + 1], &ztexts[at], (nztexts - at) * sizeof(*ztexts));
	nztexts++;
	ztexts[at] = (struct zone_text){ .name = xstrdup(iana), .text = text };
	return &ztexts[at];
}

/* The kept zone iana (text or built), read now if not kept yet; NULL
 * before ics_preload(), for UTC and unsafe names, and when unreadable. */
static struct zone_text *zone_text_get(const char *iana)
{
	struct zone_text key = { .name = iana }, *zt;

	if (ztexts == NULL || zone_is_utc(iana) || !zone_name_safe(iana))
		return NULL;
	zt = bsearch(&key, ztexts, nztexts, sizeof(*ztexts), zone_text_cmp);
	if (zt == NULL)
		zt = zone_text_add(iana);
	if (zt == NULL || (zt->zone == NULL && zt->text == NULL))
		return NULL;
	return zt;
}

/* The kept zone iana, built now if not yet; NULL when not kept (or it
 * could not be built: then it is given up). */
static icaltimezone *zone_from_text(const char *iana)
{
	struct zone_text *zt = zone_text_get(iana);
	icalcomponent *comp;

	if (zt == NULL)
		return NULL;
	if (zt->zone != NULL)
		return zt->zone;
	comp = icalparser_parse_string(zt->text);
	free(zt->text);   /* the zone holds it all from now on */
	zt->text = NULL;
	if (comp != NULL && icalcomponent_isa(comp) == ICAL_VTIMEZONE_COMPONENT &&
	    (zt->zone = icaltimezone_new()) != NULL &&
	    icaltimezone_set_component(zt->zone, comp))
		return zt->zone;
	if (zt->zone != NULL)
		icaltimezone_free(zt->zone, 1);
	else if (comp != NULL)
		icalcomponent_free(comp);
	zt->zone = NULL;
	return NULL;
}

static icaltimezone *zone_get(const char *iana)
{
	icaltimezone *z;

	if (iana == NULL)
		return NULL;
	if (zone_is_utc(iana))
		return icaltimezone_get_utc_timezone();
	if (!zone_name_safe(iana))
		return NULL;
	ics_init();
	if ((z = zone_from_text(iana)) != NULL) {
		ztexts_hits++;
		return z;
	}
	/* No preload, or a zone that cannot be read now: libical's loader. */
	return icaltimezone_get_builtin_timezone(iana);
}

const char *ics_windows_zone(const char *name)
{
	char *n;
	size_t i;
	const char *r = NULL;

	if (name == NULL)
		return NULL;
	n = unquote(name);
	for (i = 0; i < ARRAY_LEN(windows_zones); i++) {
		if (name_eq(n, windows_zones[i].from)) {
			r = windows_zones[i].iana;
			break;
		}
	}
	free(n);
	return r;
}

/* Does the place name occur as a word in label? */
static bool has_word(const char *label, const char *word)
{
	const char *p = label;
	size_t n = strlen(word);

	while ((p = str_casestr(p, word)) != NULL) {
		bool left = p == label || !isalpha((unsigned char)p[-1]);
		bool right = !isalpha((unsigned char)p[n]);

		if (left && right)
			return true;
		p += n;
	}
	return false;
}

/* Canonical copy of an IANA name the system knows, or NULL.  The returned
 * pointer is libical's (lives as long as the process). */
static const char *zone_known(const char *name)
{
	const struct zone_text *zt = name != NULL ? zone_text_get(name) : NULL;
	icaltimezone *z;

	/* A kept zone's location is its name (icaltzutil writes it as
	 * X-LIC-LOCATION): no need to build it for that. */
	if (zt != NULL)
		return zt->name;
	z = zone_get(name);

	if (z == NULL)
		return NULL;
	if (z == icaltimezone_get_utc_timezone())
		return "UTC";
	/* Loading the zone data replaces its location string: load first so
	 * the pointer we hand out stays valid. */
	if (icaltimezone_get_component(z) == NULL)
		return NULL;
	return icaltimezone_get_location(z);
}

const char *ics_zone_resolve(const char *tzid)
{
	char *t;
	const char *s, *r = NULL;
	size_t i;

	if (tzid == NULL)
		return NULL;
	t = unquote(tzid);
	s = t;
	/* libical's own and Evolution's prefixes before an IANA name */
	if (str_has_prefix(s, "/freeassociation.sourceforge.net/"))
		s += strlen("/freeassociation.sourceforge.net/");
	if (str_has_prefix(s, "Tzfile/"))
		s += strlen("Tzfile/");
	while (*s == '/')
		s++;
	if ((r = zone_known(s)) != NULL)
		goto out;
	if ((r = ics_windows_zone(s)) != NULL) {
		r = zone_known(r);
		goto out;
	}
	/* Outlook labels always carry the offset in brackets first. */
	if (str_case_has_prefix(s, "(UTC") || str_case_has_prefix(s, "(GMT")) {
		for (i = 0; i < ARRAY_LEN(label_places); i++) {
			if (has_word(s, label_places[i].from)) {
				r = zone_known(label_places[i].iana);
				goto out;
			}
		}
	}
out:
	free(t);
	return r;
}

/* A fixed UTC offset written in a TZID ("(GMT-03:00)", "GMT +0100 ...",
 * "UTC+2"); seconds east of UTC.  Only the first offset counts. */
static bool zone_fixed_offset(const char *tzid, int *secs)
{
	const char *p = tzid;
	int sign, h = 0, m = 0, digits = 0;

	while (*p && !str_case_has_prefix(p, "GMT") && !str_case_has_prefix(p, "UTC"))
		p++;
	if (*p == '\0')
		return false;
	p += 3;
	while (*p == ' ')
		p++;
	if (*p != '+' && *p != '-')
		return false;
	sign = *p == '-' ? -1 : 1;
	p++;
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) && digits < 2) {
		h = h * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0)
		return false;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]))
		m = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 14 || m > 59)
		return false;
	*secs = sign * (h * 3600 + m * 60);
	return true;
}

static bool fields_ok(int year, int month, int day, int hour, int minute)
{
	return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 &&
	    day >= 1 && day <= 31 && hour >= 0 && hour <= 24 &&
	    minute >= 0 && minute <= 59;
}

static time_t utc_of_fields(int year, int month, int day, int hour, int minute, int sec)
{
	struct tm tm = { 0 };

	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = sec;
	return timegm(&tm);
}

int ics_local_to_utc(const char *zone, int year, int month, int day,
    int hour, int minute, time_t *out)
{
	icaltimezone *z;
	struct icaltimetype tt = icaltime_null_time();

	if (!fields_ok(year, month, day, hour, minute))
		return -1;
	z = zone_get(zone);
	if (z == NULL)
		return -1;
	tt.year = year;
	tt.month = month;
	tt.day = day;
	tt.hour = hour;
	tt.minute = minute;
	tt.second = 0;
	tt.is_date = 0;
	*out = icaltime_as_timet_with_zone(tt, z);
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

void ics_zone_kept_stats(size_t *kept, size_t *built, unsigned long *hits)
{
	*hits = ztexts_hits;
	*kept = *built = 0;
	for (size_t i = 0; i < nztexts; i++) {
		*kept += ztexts[i].text != NULL || ztexts[i].zone != NULL;
		*built += ztexts[i].zone != NULL;
	}
}

/* Every IANA name of the tables once, sorted, as ztexts, each read. */
static void zone_texts_load(void)
{
	size_t n = ARRAY_LEN(windows_zones) + ARRAY_LEN(label_places), i, j = 0;

	ztexts = xcalloc(n, sizeof(*ztexts));
	ztexts_cap = n;
	for (i = 0; i < ARRAY_LEN(windows_zones); i++)
		ztexts[j++].name = windows_zones[i].iana;
	for (i = 0; i < ARRAY_LEN(label_places); i++)
		ztexts[j++].name = label_places[i].iana;
	qsort(ztexts, n, sizeof(*ztexts), zone_text_cmp);
	for (i = j = 0; i < n; i++) {
		if (zone_is_utc(ztexts[i].name) ||
		    (j > 0 && strcmp(ztexts[j - 1].name, ztexts[i].name) == 0))
			continue;
		ztexts[j] = ztexts[i];
		ztexts[j].text = zone_text_read(ztexts[j].name);
		j++;
	}
	nztexts = j;
}

void ics_preload(void)
{
	int warm[512];
	size_t i;

	ics_init();
	/* libical sorts zone changes with qsort(); glibc's qsort asks the
	 * kernel for the memory size (sysinfo) the first time it sorts a big
	 * array, which a seccomp filter may forbid.  Let it ask now. */
	for (i = 0; i < ARRAY_LEN(warm); i++)
		warm[i] = (int)(ARRAY_LEN(warm) - i);
	qsort(warm, ARRAY_LEN(warm), sizeof(warm[0]), cmp_int);
	if (ztexts != NULL)
		return;
	/* libical's list of system zones (zone.tab) and the zone directory
	 * are read now too, so a later lookup of a zone not kept here only
	 * fails to open its file, as before. */
	(void)icaltimezone_get_builtin_timezone("UTC");
	(void)icaltzutil_get_zone_directory();
	zone_texts_load();
}

/* A VTIMEZONE libical can expand quickly: only yearly rules.  A rule like
 * FREQ=MINUTELY from 1601 would keep libical busy for minutes. */
static bool vtimezone_sane(icalcomponent *vtz)
{
	icalcomponent *sub;
	int nsub = 0;

	for (sub = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); sub;
	    sub = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		icalproperty *p;
		int nrdate = 0;

		if (++nsub > 400)
			return false;
		for (p = icalcomponent_get_first_property(sub, ICAL_ANY_PROPERTY); p;
		    p = icalcomponent_get_next_property(sub, ICAL_ANY_PROPERTY)) {
			icalproperty_kind k = icalproperty_isa(p);

			if (k == ICAL_RRULE_PROPERTY) {
				struct icalrecurrencetype r = icalproperty_get_rrule(p);

				if (r.freq != ICAL_YEARLY_RECURRENCE)
					return false;
			} else if (k == ICAL_RDATE_PROPERTY && ++nrdate > 400) {
				return false;
			}
		}
	}
	return nsub > 0;
}

/* Outlook writes rules that start in 1601; libical expands every year
 * from there (through ICU, slowly).  An open-ended yearly rule gives the
 * same answer when it starts the year before the one we need, so move
 * its DTSTART there.  The tree is ours and freed after parsing. */
static void vtimezone_shorten(icalcomponent *vtz, int year)
{
	icalcomponent *sub;

	for (sub = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); sub;
	    sub = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		/* DTSTART first: libical keeps one property iterator per
		 * component, and the test for a second RRULE below goes on from
		 * the first one.  (Looked up the other way round, a DTSTART
		 * written before the RRULE made the rule look doubled, and no
		 * Outlook zone was ever shortened.) */
		icalproperty *ds = icalcomponent_get_first_property(sub, ICAL_DTSTART_PROPERTY);
		icalproperty *rr = icalcomponent_get_first_property(sub, ICAL_RRULE_PROPERTY);
		struct icalrecurrencetype r;
		struct icaltimetype t;

		if (rr == NULL || ds == NULL ||
		    icalcomponent_get_next_property(sub, ICAL_RRULE_PROPERTY) != NULL)
			continue;
		r = icalproperty_get_rrule(rr);
		if (r.freq != ICAL_YEARLY_RECURRENCE || r.count != 0 || !icaltime_is_null_time(r.until))
			continue;
		t = icalproperty_get_dtstart(ds);
		if (icaltime_is_null_time(t) || t.year >= year - 1)
			continue;
		t.year = year - 1;
		if (t.month == 2 && t.day == 29)
			t.day = 28;
		icalproperty_set_dtstart(ds, t);
	}
}

/* ---- parsed VTIMEZONEs, kept across calls ------------------------------ */

/*
 * Expanding a VTIMEZONE (its yearly rules from DTSTART to twenty years
 * ahead, through ICU) costs far more than the rest of a mail, and the same
 * few zones come again and again (Outlook sends its own definition of
 * "W. Europe Standard Time" with every invite).  So the zone built from a
 * definition is kept and used again for the same definition: the key is
 * the whole text of the VTIMEZONE as libical writes it (after
 * vtimezone_shorten), compared byte for byte, never only a hash, so a
 * hostile mail can only ever get the zone its own text describes.  At most
 * ZCACHE_SLOTS definitions of at most ZCACHE_MAX_TEXT bytes each; the
 * least recently used goes first.
 */
#define ZCACHE_SLOTS     32
#define ZCACHE_MAX_TEXT  (64u * 1024)

struct zcache_slot {
	char *def;            /* the VTIMEZONE's text; NULL: slot free */
	size_t len;
	uint64_t hash;        /* FNV-1a of def: a quick first test */
	icaltimezone *zone;   /* owns a copy of the component */
	unsigned long used;   /* zcache_clock at the last use */
};

static struct zcache_slot zcache[ZCACHE_SLOTS];
static unsigned long zcache_clock, zcache_hits, zcache_misses;

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void zcache_drop(struct zcache_slot *s)
{
	if (s->zone != NULL)
		icaltimezone_free(s->zone, 1);
	free(s->def);
	memset(s, 0, sizeof(*s));
}

void ics_zone_cache_clear(void)
{
	for (size_t i = 0; i < ZCACHE_SLOTS; i++)
		zcache_drop(&zcache[i]);
	zcache_hits = zcache_misses = 0;
}

void ics_zone_cache_stats(unsigned long *hits, unsigned long *misses)
{
	*hits = zcache_hits;
	*misses = zcache_misses;
}

/* The kept zone with the definition of z (a zone of the calendar being
 * read), made and kept now if new; z itself when it cannot be kept. */
static icaltimezone *zone_cached(icaltimezone *z)
{
	icalcomponent *comp = icaltimezone_get_component(z);
	struct zcache_slot *victim = &zcache[0];
	icaltimezone *nz;
	uint64_t h;
	size_t len;
	char *def;

	if (comp == NULL || (def = icalcomponent_as_ical_string_r(comp)) == NULL)
		return z;
	len = strlen(def);
	if (len > ZCACHE_MAX_TEXT) {
		free(def);
		return z;
	}
	h = fnv1a(def, len);
	zcache_clock++;
	for (size_t i = 0; i < ZCACHE_SLOTS; i++) {
		struct zcache_slot *s = &zcache[i];

		if (s->def != NULL && s->hash == h && s->len == len && memcmp(s->def, def, len) == 0) {
			s->used = zcache_clock;
			zcache_hits++;
			free(def);
			return s->zone;
		}
		if (s->def == NULL || (victim->def != NULL && s->used < victim->used))
			victim = s;
	}
	nz = icaltimezone_new();
	if (nz == NULL || !icaltimezone_set_component(nz, icalcomponent_new_clone(comp))) {
		if (nz != NULL)
			icaltimezone_free(nz, 1);
		free(def);
		return z;
	}
	zcache_misses++;
	zcache_drop(victim);
	*victim = (struct zcache_slot){ def, len, h, nz, zcache_clock };
	return nz;
}

static icaltimezone *vtimezone_find(icalcomponent *vcal, const char *tzid, int year)
{
	icaltimezone *z;
	icalcomponent *c;

	if (vcal == NULL)
		return NULL;
	for (c = icalcomponent_get_first_component(vcal, ICAL_VTIMEZONE_COMPONENT); c;
	    c = icalcomponent_get_next_component(vcal, ICAL_VTIMEZONE_COMPONENT)) {
		icalproperty *p = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
		const char *id = p ? icalproperty_get_tzid(p) : NULL;
		char *u;
		bool same;

		if (id == NULL)
			continue;
		u = unquote(id);
		same = strcmp(u, tzid) == 0;
		free(u);
		if (same) {
			if (!vtimezone_sane(c))
				return NULL;
			vtimezone_shorten(c, year);
			z = icalcomponent_get_timezone(vcal, id);
			return z != NULL ? zone_cached(z) : NULL;
		}
	}
	return NULL;
}

/* DTSTART/DTEND of an event into an ics_time (see ics.h for the rules). */
static void read_time(icalproperty *prop, icalcomponent *vcal, const char *floating_tz,
    struct ics_time *out)
{
	struct icaltimetype tt;
	icalparameter *par;
	const char *zone;
	icaltimezone *z;
	int off;

	if (prop == NULL)
		return;
	tt = icalproperty_get_datetime_with_component(prop, NULL);
	if (icaltime_is_null_time(tt) || !fields_ok(tt.year, tt.month, tt.day,
	    tt.is_date ? 0 : tt.hour, tt.is_date ? 0 : tt.minute))
		return;
	out->set = true;
	if (tt.is_date) {
		out->all_day = true;
		out->utc = utc_of_fields(tt.year, tt.month, tt.day, 0, 0, 0);
		return;
	}
	if (icaltime_is_utc(tt)) {
		out->utc = utc_of_fields(tt.year, tt.month, tt.day, tt.hour, tt.minute, tt.second);
		out->zone = xstrdup("UTC");
		par = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
		if (par != NULL && icalparameter_get_tzid(par) != NULL) {
			out->tzid = dup_field(icalparameter_get_tzid(par));
			/* "TZID=Europe/London:...Z": the Z wins, the zone is a hint */
			if ((zone = ics_zone_resolve(out->tzid)) != NULL) {
				free(out->zone);
				out->zone = xstrdup(zone);
			}
		}
		return;
	}
	/* Whatever zone libical may have attached, decide it ourselves. */
	tt.zone = NULL;
	tt.is_date = 0;
	par = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
	if (par == NULL || icalparameter_get_tzid(par) == NULL) {
		if (floating_tz != NULL && (z = zone_get(floating_tz)) != NULL) {
			out->utc = icaltime_as_timet_with_zone(tt, z);
			out->zone = xstrdup(zone_known(floating_tz) ? zone_known(floating_tz) : floating_tz);
		} else {
			out->zone_unknown = true;
			out->utc = utc_of_fields(tt.year, tt.month, tt.day, tt.hour, tt.minute, tt.second);
		}
		return;
	}
	{
		char *raw = dup_field(icalparameter_get_tzid(par));

		out->tzid = unquote(raw);
		free(raw);
	}
	if ((zone = ics_zone_resolve(out->tzid)) != NULL && (z = zone_get(zone)) != NULL) {
		out->utc = icaltime_as_timet_with_zone(tt, z);
		out->zone = xstrdup(zone);
		return;
	}
	if ((z = vtimezone_find(vcal, out->tzid, tt.year)) != NULL) {
		out->utc = icaltime_as_timet_with_zone(tt, z);
		return;
	}
	out->utc = utc_of_fields(tt.year, tt.month, tt.day, tt.hour, tt.minute, tt.second);
	if (zone_fixed_offset(out->tzid, &off)) {
		out->utc -= off;
		return;
	}
	out->zone_unknown = true;
}

/* ---- people ------------------------------------------------------------ */

static char *param_str(icalproperty *prop, const char *name)
{
	char *v = icalproperty_get_parameter_as_string_r(prop, name);
	char *r, *c;

	if (v == NULL)
		return xstrdup("");
	c = dup_field(v);
	free(v);
	r = unquote(c);
	free(c);
	return r;
}

/* "mailto:Ada.Brooks@Example.COM" -> "ada.brooks@example.com"; "" when it
 * does not look like an address.  Blanks inside are folding damage. */
static char *address_of(const char *v)
{
	struct buf b = { 0 };
	const char *p = v, *at;
	char *r;

	while (*p == ' ' || *p == '\t' || *p == '"')
		p++;
	if (str_case_has_prefix(p, "mailto:"))
		p += 7;
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '"' || *p == '<' || *p == '>')
			continue;
		buf_addc(&b, (char)tolower((unsigned char)*p));
	}
	r = buf_steal(&b);
	at = strchr(r, '@');
	if (at == NULL || at == r || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || strchr(r, ':') != NULL) {
		free(r);
		return xstrdup("");
	}
	return r;
}

static void read_person(icalproperty *prop, struct ics_person *p)
{
	char *val = dup_field(icalproperty_get_value_as_string(prop));
	char *email = param_str(prop, "EMAIL");
	char *cutype = param_str(prop, "CUTYPE");
	char *addr;

	p->name = param_str(prop, "CN");
	p->role = param_str(prop, "ROLE");
	p->partstat = param_str(prop, "PARTSTAT");
	str_lower(cutype);
	if (strcmp(cutype, "room") == 0)
		p->cutype = ICS_CUTYPE_ROOM;
	else if (strcmp(cutype, "resource") == 0)
		p->cutype = ICS_CUTYPE_RESOURCE;
	else if (strcmp(cutype, "group") == 0)
		p->cutype = ICS_CUTYPE_GROUP;
	else if (strcmp(cutype, "unknown") == 0)
		p->cutype = ICS_CUTYPE_UNKNOWN;
	else
		p->cutype = ICS_CUTYPE_INDIVIDUAL;
	for (char *q = p->role; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	for (char *q = p->partstat; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	/* iCloud writes an imip relay in the value and the real address in
	 * EMAIL=; prefer EMAIL= when it is an address. */
	addr = address_of(email);
	if (addr[0] == '\0') {
		free(addr);
		addr = address_of(val ? val : "");
	}
	p->email = addr;
	/* A CN that is just the address says nothing more. */
	free(val);
	free(email);
	free(cutype);
}

static void free_person(struct ics_person *p)
{
	free(p->name);
	free(p->email);
	free(p->role);
	free(p->partstat);
}

/* ---- events ------------------------------------------------------------ */

static bool is_http(const char *s)
{
	return str_case_has_prefix(s, "https://") || str_case_has_prefix(s, "http://");
}

static void add_conference(struct ics_event *ev, const char *val)
{
	char *v;
	size_t i;

	if (val == NULL || ev->nconference >= ICS_MAX_CONF)
		return;
	while (*val == ' ' || *val == '<')
		val++;
	if (!is_http(val))
		return;
	v = dup_field(val);
	str_trim(v);
	{
		char *e = strpbrk(v, " \t\n>");

		if (e != NULL)
			*e = '\0';
	}
	for (i = 0; i < ev->nconference; i++) {
		if (strcmp(ev->conference[i], v) == 0) {
			free(v);
			return;
		}
	}
	ev->conference = xreallocarray(ev->conference, ev->nconference + 1, sizeof(char *));
	ev->conference[ev->nconference++] = v;
}

static bool conference_prop(const char *name)
{
	if (name == NULL)
		return false;
	if (strcasecmp(name, "CONFERENCE") == 0)
		return true;
	if (!str_case_has_prefix(name, "X-"))
		return false;
	return str_casestr(name, "CONFERENCE") || str_casestr(name, "MEETINGURL") ||
	    str_casestr(name, "MEETINGLINK") || str_casestr(name, "ONLINEMEETING") ||
	    str_casestr(name, "TEAMSMEETING") || str_casestr(name, "JOINURL") ||
	    str_casestr(name, "ZOOM");
}

static void read_event(icalcomponent *ve, icalcomponent *vcal, const char *floating_tz,
    struct ics_event *ev)
{
	icalproperty *p;

	for (p = icalcomponent_get_first_property(ve, ICAL_ANY_PROPERTY); p;
	    p = icalcomponent_get_next_property(ve, ICAL_ANY_PROPERTY)) {
		icalproperty_kind k = icalproperty_isa(p);
		const char *s;

		switch (k) {
		case ICAL_UID_PROPERTY:
			if (ev->uid == NULL && (s = icalproperty_get_uid(p)) != NULL) {
				ev->uid = dup_field(s);
				str_trim(ev->uid);
			}
			break;
		case ICAL_SUMMARY_PROPERTY:
			if (ev->summary == NULL && (s = icalproperty_get_summary(p)) != NULL)
				ev->summary = str_trim(dup_field(s));
			break;
		case ICAL_LOCATION_PROPERTY:
			if (ev->location == NULL && (s = icalproperty_get_location(p)) != NULL)
				ev->location = str_trim(dup_field(s));
			break;
		case ICAL_DESCRIPTION_PROPERTY:
			if (ev->description == NULL && (s = icalproperty_get_description(p)) != NULL)
				ev->description = dup_field(s);
			break;
		case ICAL_URL_PROPERTY:
			if (ev->url == NULL && (s = icalproperty_get_url(p)) != NULL)
				ev->url = str_trim(dup_field(s));
			break;
		case ICAL_STATUS_PROPERTY:
			if (ev->status == NULL)
				ev->status = dup_upper(icalproperty_get_value_as_string(p));
			break;
		case ICAL_SEQUENCE_PROPERTY: {
			int v = icalproperty_get_sequence(p);

			ev->sequence = v < 0 ? 0 : v;
			break;
		}
		case ICAL_RRULE_PROPERTY:
		case ICAL_RDATE_PROPERTY:
			ev->recurring = true;
			break;
		case ICAL_RECURRENCEID_PROPERTY:
			ev->has_recurrence_id = true;
			break;
		case ICAL_DTSTART_PROPERTY:
			if (!ev->start.set)
				read_time(p, vcal, floating_tz, &ev->start);
			break;
		case ICAL_DTEND_PROPERTY:
			if (!ev->end.set)
				read_time(p, vcal, floating_tz, &ev->end);
			break;
		case ICAL_ORGANIZER_PROPERTY:
			if (!ev->has_organizer) {
				read_person(p, &ev->organizer);
				ev->has_organizer = true;
			}
			break;
		case ICAL_ATTENDEE_PROPERTY:
			if (ev->nattendees < ICS_MAX_PEOPLE) {
				ev->attendees = xreallocarray(ev->attendees, ev->nattendees + 1,
				    sizeof(*ev->attendees));
				memset(&ev->attendees[ev->nattendees], 0, sizeof(*ev->attendees));
				read_person(p, &ev->attendees[ev->nattendees++]);
			}
			break;
		default: {
			char *name = icalproperty_get_property_name_r(p);

			if (conference_prop(name))
				add_conference(ev, icalproperty_get_value_as_string(p));
			free(name);
			break;
		}
		}
	}
	/* No DTEND: DTSTART + DURATION, in absolute seconds. */
	if (ev->start.set && !ev->end.set &&
	    (p = icalcomponent_get_first_property(ve, ICAL_DURATION_PROPERTY)) != NULL) {
		struct icaldurationtype d = icalproperty_get_duration(p);
		int secs = icaldurationtype_as_int(d);

		if (!icaldurationtype_is_bad_duration(d) && secs >= 0 && secs <= 366 * 86400) {
			ev->end = ev->start;
			ev->end.tzid = ev->start.tzid ? xstrdup(ev->start.tzid) : NULL;
			ev->end.zone = ev->start.zone ? xstrdup(ev->start.zone) : NULL;
			ev->end.utc = ev->start.utc + secs;
		}
	}
}

static void free_time(struct ics_time *t)
{
	free(t->tzid);
	free(t->zone);
}

static void free_event(struct ics_event *ev)
{
	size_t i;

	free(ev->uid);
	free(ev->summary);
	free(ev->status);
	free(ev->location);
	free(ev->description);
	free(ev->url);
	free_time(&ev->start);
	free_time(&ev->end);
	if (ev->has_organizer)
		free_person(&ev->organizer);
	for (i = 0; i < ev->nattendees; i++)
		free_person(&ev->attendees[i]);
	free(ev->attendees);
	for (i = 0; i < ev->nconference; i++)
		free(ev->conference[i]);
	free(ev->conference);
}

/* The METHOD names, one table for both ways. */
static const struct { const char *name; enum ics_method m; } methods[] = {
	{ "PUBLISH", ICS_METHOD_PUBLISH }, { "REQUEST", ICS_METHOD_REQUEST },
	{ "REPLY", ICS_METHOD_REPLY }, { "CANCEL", ICS_METHOD_CANCEL },
	{ "COUNTER", ICS_METHOD_COUNTER }, { "REFRESH", ICS_METHOD_REFRESH },
	{ "DECLINECOUNTER", ICS_METHOD_DECLINECOUNTER }, { "ADD", ICS_METHOD_ADD },
};

static enum ics_method method_of(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(methods); i++)
		if (strcasecmp(s, methods[i].name) == 0)
			return methods[i].m;
	return ICS_METHOD_OTHER;
}

const char *ics_method_str(enum ics_method m)
{
	if (m == ICS_METHOD_OTHER)
		return "OTHER";
	for (size_t i = 0; i < ARRAY_LEN(methods); i++)
		if (methods[i].m == m)
			return methods[i].name;
	return "";
}

static void read_vcalendar(icalcomponent *vcal, const char *floating_tz, struct ics_calendar *cal)
{
	icalproperty *p;
	icalcomponent *ve, *list[ICS_MAX_EVENTS];
	size_t n = 0, i;

	for (p = icalcomponent_get_first_property(vcal, ICAL_ANY_PROPERTY); p;
	    p = icalcomponent_get_next_property(vcal, ICAL_ANY_PROPERTY)) {
		icalproperty_kind k = icalproperty_isa(p);

		if (k == ICAL_METHOD_PROPERTY && cal->method_name == NULL) {
			cal->method_name = dup_upper(icalproperty_get_value_as_string(p));
			if (cal->method_name != NULL)
				cal->method = method_of(cal->method_name);
		} else if (k == ICAL_PRODID_PROPERTY && cal->prodid == NULL) {
			cal->prodid = str_trim(dup_field(icalproperty_get_prodid(p)));
		}
	}
	/* Collect first: resolving a TZID walks the calendar's components
	 * and libical keeps one iterator per component. */
	for (ve = icalcomponent_get_first_component(vcal, ICAL_VEVENT_COMPONENT);
	    ve && n < ICS_MAX_EVENTS - cal->nevents;
	    ve = icalcomponent_get_next_component(vcal, ICAL_VEVENT_COMPONENT))
		list[n++] = ve;
	for (i = 0; i < n; i++) {
		cal->events = xreallocarray(cal->events, cal->nevents + 1, sizeof(*cal->events));
		memset(&cal->events[cal->nevents], 0, sizeof(*cal->events));
		read_event(list[i], vcal, floating_tz, &cal->events[cal->nevents++]);
	}
}

struct ics_calendar *ics_parse(const char *text, size_t len, const char *floating_tz)
{
	struct ics_calendar *cal = NULL;
	icalcomponent *root = NULL, *c, *cals[8];
	size_t ncal = 0, i;
	char *clean = NULL;
	bool found = false;

	if (text == NULL)
		return NULL;
	ics_init();
	if (len > ICS_MAX_INPUT)
		len = ICS_MAX_INPUT;
	clean = ics_text_clean(text, len);
	if (strstr(clean, "BEGIN:") == NULL && str_casestr(clean, "begin:") == NULL)
		goto out;
	root = icalparser_parse_string(clean);
	if (root == NULL)
		goto out;
	cal = xcalloc(1, sizeof(*cal));
	switch (icalcomponent_isa(root)) {
	case ICAL_VCALENDAR_COMPONENT:
		read_vcalendar(root, floating_tz, cal);
		found = true;
		break;
	case ICAL_XROOT_COMPONENT:
		/* several top-level objects: read every VCALENDAR in turn */
		for (c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c;
		    c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
			if (ncal < ARRAY_LEN(cals))
				cals[ncal++] = c;
		}
		for (i = 0; i < ncal; i++)
			read_vcalendar(cals[i], floating_tz, cal);
		found = ncal > 0;
		break;
	case ICAL_VEVENT_COMPONENT:
		cal->events = xcalloc(1, sizeof(*cal->events));
		cal->nevents = 1;
		read_event(root, NULL, floating_tz, &cal->events[0]);
		found = true;
		break;
	default:
		break;
	}
	if (!found) {
		ics_free(cal);
		cal = NULL;
	}
out:
	if (root != NULL)
		icalcomponent_free(root);
	free(clean);
	return cal;
}

void ics_free(struct ics_calendar *cal)
{
	size_t i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->nevents; i++)
		free_event(&cal->events[i]);
	free(cal->events);
	free(cal->method_name);
	free(cal->prodid);
	free(cal);
}

const struct ics_event *ics_main_event(const struct ics_calendar *cal)
{
	size_t i;

	if (cal == NULL || cal->nevents == 0)
		return NULL;
	for (i = 0; i < cal->nevents; i++) {
		if (!cal->events[i].has_recurrence_id)
			return &cal->events[i];
	}
	return &cal->events[0];
}
