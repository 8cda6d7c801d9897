/*
 * detect: decide what a parsed mail means for a job search, and pull out
 * the facts followupd acts on.  Pure: no I/O, no clock (the reference time
 * is the mail's Date header, else opts->now), no global state besides
 * libical's zone cache, so it runs inside the sandbox (call ics_preload()
 * in the sandbox setup so time zones work without open()).
 *
 * Kinds (enum detect_kind):
 *   interview  a confirmed interview with a time (calendar REQUEST/PUBLISH
 *              or a mail that gives a time), about a job;
 *   update     the same interview moved or changed (SEQUENCE > 0,
 *              "Updated invitation", "rescheduled", "new time"), or a
 *              conversation about a job moved to a new time in prose;
 *   cancel     METHOD:CANCEL / STATUS:CANCELLED, or a sentence that calls
 *              an interview or a conversation about a job off ("we have
 *              to cancel", never in a condition: "if you need to cancel");
 *   rejection  in a job mail, or from a person in a thread: a sentence
 *              that says no to the user, by its idea not its phrase: the
 *              company does not go on (a negation before a verb of going
 *              on: "we won't be moving forward", "ne donnerons pas
 *              suite"), chose another person ("we've offered the role to
 *              someone who ..."), or the job is filled or closed; never
 *              a question, a condition, a choice still open ("we may go
 *              with another candidate") or only a third person's story
 *              ("they went with someone else");
 *   offer      a sentence that offers the job: an offer phrase, or
 *              pleasure, congratulations or a wish with an offer word
 *              and what it gives (the job, a contract, a salary), never
 *              beside an interview or a call ("happy to offer you a
 *              call");
 *   reply      a human reply in a job thread (Re:/In-Reply-To) that is none
 *              of the above;
 *   other      everything else: bulk mail and newsletters, job alerts,
 *              application receipts, calendar replies (Accepted:/Declined:,
 *              METHOD:REPLY), and calendar invites that are not about a job
 *              (a dentist, a team meeting, a webinar).  An invite counts as
 *              a job interview only when its text (subject, summary,
 *              description, body) carries an interview keyword, the
 *              organizer or sender is an ATS/scheduling robot, or it names
 *              a role ("for the X position").
 *
 * The user's own side of the table is never an interview (kind other):
 * an automatic answer (Auto-Submitted: auto-replied, "Out of office"); a
 * recurring event (RRULE/RDATE, RECURRENCE-ID); an event the user
 * organises (ORGANIZER, or a scheduling tool's "Host:", is one of
 * opts->my_addresses or the user's name); a meeting or mail where
 * everyone is the user or at opts->employer_domains; mail that puts the
 * user on the panel (named among the interviewers, a scorecard or
 * interview kit, a debrief, a named candidate who is not the user); the
 * press asking to interview the user (media wording, nothing of a job
 * search); times asked for and none confirmed ("which works for you",
 * "send me two or three slots that work"); an event published to an
 * audience by marketing mail (a PUBLISH with an unsubscribe link); an
 * interview that is the writer's own ("my interview", or a writer who
 * asks the reader for luck or tips while no sentence about it speaks to
 * the reader or for a company).  A footer under mail that speaks of
 * interviews to nobody (an article, a digest) is a newsletter.
 * Kinds are read in English, German, French, Spanish, Portuguese,
 * Dutch, Italian and Polish, in formal and familiar registers (the word
 * lists are lexicon.c's).
 * A date and time written as a deadline ("by Friday 5pm") or asked as a
 * question ("could you do Tuesday at 3pm?") is no interview time.
 *
 * Time rules for prose ("Tuesday the 9th of June at 10.30am BST",
 * "03.06.2027 14:00 CET", "March 3, 1-2pm ET"): a date without a year is
 * the next occurrence on or after the mail's date; a weekday alone is the
 * next such day after it ("tomorrow" = +1 day).  A zone abbreviation maps
 * to an IANA zone (BST/GMT -> Europe/London, CET/CEST -> Europe/Berlin,
 * ET/EST/EDT -> America/New_York, PT/Pacific -> America/Los_Angeles...),
 * "(GMT+1)" to a fixed Etc/ zone.  Without a zone the user's zone
 * (opts->timezone) is used, else the offset of the Date header.
 *
 * decision_by (the date a decision was promised, in the sender's date):
 *   "by 2 March" / "by March 2nd"       that date (next occurrence);
 *   "by Friday"                        the next Friday after the mail;
 *   "within N (business|working) days" mail date + N business days;
 *   "within N days|weeks", "a week"    mail date + N days / 7N days;
 *   "end of (the|this) week"           the Friday of that week;
 *   "early next week"                  Tuesday of next week;
 *   "middle of next week"              Wednesday of next week;
 *   "next week", "end of next week"    Friday of next week;
 *   "in the next few days"             mail date + 3 business days;
 * and only in a sentence that speaks of a decision, an update, feedback
 * or getting back to the candidate.
 *
 * People: interviewers are the calendar organizer and attendees, or the
 * names after "you'll be meeting with", "interview with", "speaking with",
 * "Interviewers:" ... (and their words in the other languages), in a
 * labelled table row ("Interviewer", a booking's "Staff"), the column
 * under an "Interviewer" header, a cell that starts with a name in a row
 * with a time (two names in one cell too), minus the user
 * (opts->my_addresses), rooms and resources, teams, departments, dates,
 * job titles, no-reply and robot addresses (ATS, calendar services), and
 * the sender of an invite who is not of the organiser's organisation (an
 * agency recruiter who forwards it).  The writer is one when they say so
 * ("I'll call you"; with an invite or through a hiring system only as
 * "X and me").  A person known only by an address like "ada.brooks@..."
 * is named "Ada Brooks".  contact is the human to nudge: Reply-To, else
 * the organizer, else From, else the person a hiring system's mail names
 * with an address ("contact your recruiter, Kevin Tran, at ..."), else
 * the person signing the mail; never a robot.
 *
 * Company: as the mail's own prose names it ("Engineer at Acme", "the
 * Acme team"), else a subject part, the sender's name, a hiring-system
 * link, the signature (the part of its organisation line that names the
 * writer's domain, else its first part that is no job title, address or
 * place), the domain; then written in full as the mail writes it
 * ("Granite Peak" -> "Granite Peak Systems"), legal forms dropped ("Pvt.
 * Ltd.").  Never a person's first name ("interview with Sarah"), a city,
 * an address line or a job title.  Role: a job title around its job noun,
 * with its qualifier (", Routing", "(Payments)"), without requisition
 * numbers, the candidate's name, or the words of a subject or sentence
 * around it, in the six languages and Italian.
 *
 * How: the kind is decided by an ordered table of rules over a struct of
 * signals (detect_kind.c); detection.rule names the rule that decided,
 * detection.reason says why in one line, detection.signals lists the
 * signals that held.
 *
 * Confidence (detect_confidence.c): high only when nothing is in doubt
 * and the facts come from a strong source; else low, with one reason per
 * doubt.  About an interview (interview, update, cancel) the strong
 * sources are a calendar invite (METHOD:REQUEST, or CANCEL, sent from the
 * organiser's organisation or by a hiring system or calendar service) and
 * a hiring system's mail with a scheduled time.  Doubts: the kind came
 * from a fallback or weak rule; a key fact is missing or guessed (no
 * start time, a time from prose without a zone, an interviewer or the
 * contact without an address, an address guessed from a name, company
 * unknown); signals that speak against the kind (rejection or offer
 * wording in an invite, bulk mail, an invite that names no interview).  The JSON form of a detection
 * is detect_json.h's; the parts of recognition share detect_int.h.
 */
#ifndef FOLLOWUPD_DETECT_H
#define FOLLOWUPD_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct message;

enum detect_confidence {
	DETECT_LOW = 0,
	DETECT_HIGH,
};

enum detect_kind {
	DETECT_OTHER = 0,
	DETECT_INTERVIEW,
	DETECT_UPDATE,
	DETECT_CANCEL,
	DETECT_REJECTION,
	DETECT_OFFER,
	DETECT_REPLY,
};

/* What detect needs from the configuration.  Arrays may be NULL when their
 * count is 0.  Everything is borrowed for the duration of the call. */
struct detect_opts {
	const char *const *my_addresses;   /* the user's own addresses */
	size_t n_my_addresses;
	const char *const *keywords;       /* extra interview keywords */
	size_t n_keywords;
	/* "someone@example.com" (one address), "example.com" or
	 * "@example.com" (that domain and its subdomains) */
	const char *const *ignore_senders;
	size_t n_ignore_senders;
	/* the user's employer's domains (me.employer_domains): a meeting
	 * among them and the user is the user's work, never an interview */
	const char *const *employer_domains;
	size_t n_employer_domains;
	const char *my_name;               /* the user's name (me.name); NULL = unknown */
	const char *timezone;              /* the user's IANA zone; NULL = unknown */
	time_t now;                        /* reference when the mail has no Date */
};

/* A person: name or email may be NULL (unknown), never both. */
struct detect_person {
	char *name;
	char *email;
};

/* Every string is UTF-8 and owned by the detection; NULL = unknown. */
struct detection {
	enum detect_kind kind;
	char *company;
	char *role;
	bool has_start, has_end;
	time_t start, end;              /* UTC */
	char *timezone;                 /* IANA zone of the interview */
	struct detect_person *interviewers;
	size_t ninterviewers;
	struct detect_person contact;   /* both NULL when nobody */
	char *meeting_url;
	char *location;
	char *event_uid;
	char *message_id;
	char *decision_by;              /* "YYYY-MM-DD" */
	char *moved_day;                /* "YYYY-MM-DD": an update with no start
	                                   moves the interview to this day at its
	                                   own hour ("Wednesday, same time"),
	                                   which only the interview known before
	                                   has; NULL otherwise */
	char **days;                    /* an update: the days its text names
	                                   ("YYYY-MM-DD", each once, in the order
	                                   written, at most DETECT_MAX_DAYS),
	                                   which tell which known interview it is
	                                   about when no thread or UID does ("your
	                                   interview on Tuesday 23 February is
	                                   moved to ..."); NULL for other kinds */
	size_t ndays;
	char *panel_change;             /* an update or reply in an interview's
	                                   thread takes someone off its panel
	                                   ("Priyanka Rao replaces Lisa Chen"):
	                                   that sentence; NULL otherwise */
	bool final_round;
	bool asks_references;

	/* For the daemon and the audit log (only in the extended JSON). */
	int sequence;                   /* calendar SEQUENCE, 0 when none */
	bool time_uncertain;            /* a time was seen but its zone is unknown */
	char *reason;                   /* one line: why this kind */
	const char *rule;               /* the name of the classifier rule that
	                                   decided the kind ("calendar-cancel");
	                                   static; NULL when unknown */
	char **signals;                 /* the names of the signals that held
	                                   ("calendar", "keyword"...), for --explain */
	size_t nsignals;
	enum detect_confidence confidence;
	/* reasons[0] is the kind's reason (= reason); the rest say why the
	 * confidence is what it is: each doubt when low ("no time zone in the
	 * mail"), the strong source when high.  Never empty after
	 * detect_message. */
	char **reasons;
	size_t nreasons;
	char *subject;
	char *in_reply_to;
	char **references;
	size_t nreferences;
	struct detect_person from;      /* the From of the mail as written */
	struct detect_person *recipients; /* To, then Cc, as written (at most
	                                   DETECT_MAX_RECIPIENTS; for the
	                                   user's own sent mail) */
	size_t nrecipients;
	bool has_date;
	time_t date;                    /* Date: header, UTC */
	unsigned auth;                  /* MSG_AUTH_* bits (message.h) of the first
	                                   Authentication-Results header */
};

/* More days named than this are not passed on. */
#define DETECT_MAX_DAYS 8

/* More To and Cc addresses than this are not passed on (the user's own
 * mail to a crowd is no thank-you). */
#define DETECT_MAX_RECIPIENTS 100

/* The kind as in the JSON: "interview", ..., "other". */
const char *detect_kind_str(enum detect_kind k);
/* The kind for a string; -1 when unknown. */
int detect_kind_parse(const char *s);

/* The static name of the classifier rule called name (what
 * detection.rule holds); NULL when there is no such rule. */
const char *detect_rule_name(const char *name);

/* Whether the rule called name found a mail that is nobody's answer about
 * the user's application even in its thread (an automatic reply, the
 * user's own work, the user on a panel, the press): such an "other" must
 * not be taken for a reply because of its In-Reply-To.  False for NULL
 * and unknown names. */
bool detect_rule_final_other(const char *name);

/* Is d a job mail that recognition could not place: about a job, but read
 * as "other" only because no interview time was found in it (the
 * fallback rule "no-time")?  Such a mail plans nothing, yet it may be an
 * interview whose time is written in a way the reader does not know, or
 * a recruiter waiting for an answer: the user is told of it
 * (followupctl unplaced) instead of its being dropped in silence. */
bool detection_unplaced(const struct detection *d);

/* "high" or "low". */
const char *detect_confidence_str(enum detect_confidence c);
/* The confidence for a string; -1 when unknown. */
int detect_confidence_parse(const char *s);

/* Is d an update with no time, no calendar event and no day moved to:
 * news on an application (a decision date promised, references asked
 * for), which moves no interview and whose meeting doubts are not its
 * own? */
bool detection_update_is_news(const struct detection *d);

/* Does d say the time of the interview it is about stays ("the rest of
 * the programme is unchanged", "De tijd blijft hetzelfde"), the time read
 * in it being one of the known interview's, not a new one (rule
 * "time-kept")? */
bool detection_time_kept(const struct detection *d);

/* The doubts of a low-confidence detection joined with "; " ("no time
 * zone in the mail; company unknown"), or NULL when it is high (caller
 * frees). */
char *detection_doubt(const struct detection *d);

/* Default options: nothing configured, now = 0. */
void detect_opts_init(struct detect_opts *opts);

/* Load every time zone the prose reader may name ("heure de Paris",
 * "Nederlandse tijd", "PT") before a sandbox closes the zone files: a
 * zone first loaded inside it would read as UTC.  Idempotent. */
void detect_preload_zones(void);
/* The i-th zone word the prose reader knows ("PT", "heure de Paris",
 * "Melbourne"), NULL past the last; *zone its IANA zone (NULL: UTC).  For
 * the test that reads each inside the sandbox. */
const char *detect_zone_word(size_t i, const char **zone);

/*
 * Look at m (and its calendar parts and attached messages) and fill out
 * (which is cleared first; free it with detection_free).  Returns 0.
 * Never fails on content: odd mail is 'other'.
 */
int detect_message(const struct message *m, const struct detect_opts *opts,
    struct detection *out);

/* Free what a detection holds (not the struct itself); zeroes it. */
void detection_free(struct detection *d);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
const char *detect_format_time(time_t t, char *buf, size_t len);

#endif
