/*
 * detect_int: the private interface between the parts of recognition
 * (detect*.c), the way isync's sync.c was split: one topic per file, this
 * header the only thing they share.  Not installed, included by no other
 * module; detect.h is the public contract.
 *
 *   detect.c         detect_message: text views -> signals -> kind (the
 *                    classifier) -> the facts (fallback steps), in order
 *   detect_text.c    the text views (struct ctx) and bounded string scans
 *   detect_when.c    dates and times in prose, the decision date
 *   detect_people.c  interviewers, contact, signer, names from addresses
 *   detect_org.c     company, role, location
 *   detect_links.c   URLs: redirectors, meeting links, hiring-system URLs
 *   detect_table.c   an interview loop written as table rows
 *   detect_kind.c    struct signals and the table of kind rules
 *   detect_confidence.c  how sure the reading is: the table of doubts
 *   lexicon.c        every word list (lexicon.h), each found in one pass
 *                    over a text by its matcher (matcher.h)
 *
 * Everything reads hostile text: every scan is bounded by the string it
 * walks, nothing is trusted to be well formed.
 */
#ifndef FOLLOWUPD_DETECT_INT_H
#define FOLLOWUPD_DETECT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "detect.h"
#include "ics.h"
#include "lexicon.h"

struct buf;
struct message;
struct msg_addr_list;
struct msg_part;

#define MAX_TEXT      (256u * 1024)   /* prose we look at */
#define MAX_MENTIONS  256
#define MAX_PEOPLE    40
#define MAX_URLS      200

/* The earliest whole-word match in low of any word of a lexicon list. */
#define FIND_ANY(low, lex) find_any((low), &(lex))


/* A set of people, without duplicates (by name or address). */
struct people {
	struct detect_person v[MAX_PEOPLE];
	size_t n;
};

/* One mail being recognised: its text views and what they are read
 * against.  Built by ctx_open() (detect_text.c), freed by ctx_close(). */
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
	char *subj_low;     /* the subject, lower-case */
	char *thread;       /* the quoted thread the writer answers, read once:
	                       user_quote_thread() with the From's address
	                       (NULL: none); thread_low the same, lower-case */
	char *thread_low;
	char *cal_low;      /* the event's summary, location, description,
	                       lower-case, URLs blanked; NULL without an event */
	time_t ref;         /* reference time: Date, else opts->now */
	int ref_off;        /* sender's UTC offset, seconds */
	struct tm ref_tm;   /* reference date in the sender's offset */
	/* every address seen with its display name, for matching names */
	struct people known;
	bool probe;         /* a short text read for its zone alone (zone_of):
	                       no statement about the mail's times applies */
};

/* A date mentioned in prose, at low[pos..end). */
struct date_m {
	size_t pos, end;
	int y, mo, d;     /* y 0: no year; mo 0: relative (weekday or offset) */
	int wday;         /* weekday only: 0-6; else -1 */
	int dom;          /* with wday, a day of the month and no month
	                     ("Thursday the 7th"): the next such day; else 0 */
	int rel_days;     /* "today" 0, "tomorrow" 1, else -1 */
	int plus_days;    /* with wday, days after the next such day
	                     (British "Thursday week": 7); else 0 */
	bool either;      /* "11/12": either order is a date, the one kept
	                     a guess (resolve_date takes the nearer) */
};

/* A clock time (or range) mentioned in prose, at low[pos..end). */
struct time_m {
	size_t pos, end;
	int h, mi;            /* start, 24 h */
	int eh, emi;          /* end, -1 when no range */
	char zone[64];        /* IANA name or "" */
	int fixed_off;        /* seconds east, when zone is fixed: zone "fixed" */
	bool has_fixed;
	bool guessed;         /* an hour alone ("at 3"): its half of the day guessed */
};

/* The interview time found in prose. */
struct prose_time {
	bool found;
	time_t start, end;
	bool has_end;
	char zone[64];
	bool zone_said;       /* the zone was written (a name, abbreviation or
	                         offset), not taken from the user or the Date */
	bool relative;        /* the day was relative ("tomorrow", "next Tuesday") */
	bool hour_guessed;    /* an hour alone ("at 3"): afternoon guessed */
	bool several_days;    /* meeting times on two days or more: slots
	                         offered, or sessions of a loop */
	bool proposed;        /* a move asked in a question ("could we push it
	                         to Friday at 3?"): not agreed yet */
};

/* Where fill_time() took the interview time from. */
struct time_source {
	bool from_event;      /* the calendar event */
	bool from_prose;      /* the text */
	bool zone_said;       /* from_prose: a zone was written beside it */
	bool zone_shared;     /* from_prose, none written: the writer's Date is
	                         in the user's zone then (the same instant) */
	bool relative;        /* from_prose: a relative day ("tomorrow", "Tuesday") */
	bool hour_guessed;    /* from_prose: an hour alone, half of the day guessed */
	bool several_days;    /* the prose has meeting times on two days or more */
	bool proposed;        /* from_prose: a move asked in a question */
	bool from_quote;      /* from_prose: from the user's own quoted mail, which
	                         the reply confirms */
	bool day_moved;       /* no time: a move to a day at the interview's own
	                         hour (detection.moved_day); relative and
	                         proposed say of that day as of a prose time */
};

/* The person signing the mail, as far as the signature says. */
struct signer {
	char *name;
	char *email;
	char *company;
};


/* ---- detect_text.c: text views and bounded string scans ---- */

bool is_word_byte(unsigned char c);
/* The first place in low where phrase stands as a whole word or phrase:
 * the bytes on either side are no word bytes (is_word_byte), or the
 * phrase's own end there is none; low's start counts as a boundary. */
const char *find_phrase(const char *low, const char *phrase);
/* The earliest place in low where a word of l stands as find_phrase()
 * wants it (one pass: l's matcher). */
const char *find_any(const char *low, const struct lexicon *l);

/* The places of a list's words in a text, found in one pass, to be read
 * word by word with lex_hits_next() as repeated find_phrase() or strstr()
 * calls from moving starts would find them.  The text must not change
 * while they are read. */
struct lex_hits {
	const char *text;
	const struct lexicon *l;
	size_t *at;         /* offsets in text, word by word, each word's ascending */
	size_t *first;      /* word k's: at[first[k] .. first[k + 1]) */
};
void lex_hits_find(struct lex_hits *h, const char *text, const struct lexicon *l);
/* The first place of word k at or after from (inside h's text):
 * find_phrase(from, w) when whole, else strstr(from, w); NULL when none
 * (and always for an empty word, which no list has). */
const char *lex_hits_next(const struct lex_hits *h, size_t k, const char *from, bool whole);
void lex_hits_free(struct lex_hits *h);
/* Past blanks and list marks ("*", "-", the bullet "\u2022") from s[i]: a
 * list's row starts there. */
size_t skip_list_marks(const char *s, size_t i);
bool has_word_ci(const char *s, const char *w);
/* Is the last of two or more words of name one of words[0..n) (any
 * case)?  "Civil Service Division", "Brookshire DC". */
bool last_word_is(const char *name, const char *const *words, size_t n);
/* Does s start with a capital letter: ASCII, or a Latin one with its
 * accent ("Índico", "Éirlinn", "Łukasz": utf8_latin_capital)? */
bool capital_at(const char *s);
char *lower_dup(const char *s);
bool str_ieq(const char *a, const char *b);
bool squash_eq(const char *a, const char *b);
char *dup_or_null(const char *s);
char *clean_phrase(const char *s, size_t n);
int date_offset(const char *raw);
void add_prose(struct buf *b, const char *s, bool keep_quotes);
void collect_text(struct ctx *c, const struct message *m, struct buf *b, int depth);
const struct msg_part *find_calendar(const struct message *m, int depth);
bool word_at(const char *p, const char *w);
size_t skip_blank(const char *p, size_t i);
bool header_line(const char *low, size_t pos);
bool paragraph_between(const char *low, size_t a, size_t b);
bool line_starts_with(const char *llow, size_t pos, const char *word);
void sentence_of(const char *low, size_t pos, size_t *s, size_t *e);
/* Does a word of l stand in the sentence of low around pos? */
bool sentence_has(const char *low, size_t pos, const struct lexicon *l);
size_t word_of(const char *p, const char *const *words, size_t n);
void word_before(const char *low, size_t pos, char *w, size_t wlen);
/* Which of words[0..n) ends at s[pos], starting a word of s (at lo or
 * after a byte that is no word's), nothing of it before lo: its index
 * plus one, 0 when none ("room " before "2.14", "vais " before "falar"). */
size_t phrase_ending_at(const char *s, size_t lo, size_t pos, const char *const *words, size_t n);
void blank_urls(char *s);
void flatten(char *s);
void add_nbsp_spaces(char *s);

/* An original mail quoted inline ("---------- Forwarded message ---------",
 * "Begin forwarded message:", "-----Original Message-----"): the offset of
 * its marker line and of the end of its quoted header, in c's views. */
bool forward_block(const struct ctx *c, size_t *start, size_t *body);
/* The value of the first quoted header line named by names ("from:")
 * between start and body: its bounds in c->ltext. */
bool forward_header(const struct ctx *c, size_t start, size_t body, const char *const *names,
    size_t n, size_t *vs, size_t *ve);
/* The original sender of an inline forward (caller frees both; *name may
 * be NULL); false when none. */
bool forward_sender(const struct ctx *c, char **name, char **email);

/* The newest mail quoted in m's reply when the user wrote it (its header
 * names one of the user's addresses), quote marks taken off, without its
 * header; NULL when there is none or it is someone else's (caller frees).
 * A reply that agrees to a time the user proposed has it there. */
char *user_quote(const struct message *m, const struct detect_opts *o);
/* The same, and after it the mail the user answered when writer (an
 * address) wrote it: the thread's words on both sides. */
char *user_quote_thread(const struct message *m, const struct detect_opts *o, const char *writer);

/* Build the text views of m (see struct ctx); free with ctx_close(). */
void ctx_open(struct ctx *c, const struct message *m, const struct detect_opts *opts);
void ctx_close(struct ctx *c);
/* Set c's text views (text, low, plain, ltext, llow) from text, which c
 * takes; the other fields are left as they are.  ctx_open() reads the
 * mail's prose with it, quote_time() the user's quoted mail. */
void ctx_set_text(struct ctx *c, char *text);
/* Free the views ctx_set_text() set. */
void ctx_free_text(struct ctx *c);

/* ---- detect_when.c: dates and times ---- */

int month_at(const char *p, size_t *len);
int weekday_at(const char *p, size_t *len);
/* A zone abbreviation we read, as written ("BST", "CET", "Z"). */
bool is_zone_abbr(const char *name);
size_t clock_at(const char *low, size_t i, int *h, int *mi, int *ampm);
void prose_time(const struct ctx *c, struct prose_time *pt);
/* A move to another day at the meeting's own hour, no clock written
 * ("Wednesday, same time"): the day, as the mail's Date counts it. */
struct day_move {
	int y, mo, d;
	bool relative;        /* "tomorrow", a weekday: counted from the Date */
	bool proposed;        /* asked in a question, not agreed yet */
};
bool day_moved(const struct ctx *c, struct day_move *dm);
/* The days the prose names, each date written that resolves against the
 * mail's Date and lies within a year of it, each once, in the order
 * written: into out[] as y * 10000 + mo * 100 + d, at most max; how
 * many. */
size_t days_named(const struct ctx *c, int *out, size_t max);
bool decision_by(const struct ctx *c, const struct tm *base, char *out, size_t outlen);
/* A reply whose newest words confirm, with no time of their own: the one
 * time the user proposed in the quoted mail (user_quote) into out and
 * *src, as fill_time() does; false when it names none or several days. */
bool quote_time(const struct ctx *c, struct detection *out, struct time_source *src);
/* No zone written, the time read in the user's zone: is the writer's own
 * clock (the offset of the mail's Date) the user's at start?  Then either
 * reading is the same instant. */
bool zone_shared(const struct ctx *c, time_t start);
/* Fill out's start, end, timezone, time_uncertain, and *src (where the
 * time came from); whether a time is known. */
bool fill_time(const struct ctx *c, struct detection *out, struct time_source *src);

/* ---- detect_people.c: people ---- */

const char *email_domain(const char *email);
bool is_me_email(const struct detect_opts *o, const char *email);
bool is_me_name(const struct detect_opts *o, const char *name);
char *name_from_email(const char *email);
/* Is r a word of the user's name alone ("Élise" of a greeting, "Ana" of
 * a meeting called "Ana / Sam - intro")? */
bool my_name_word(const struct ctx *c, const char *r);
bool looks_like_person(const char *name);
bool looks_like_person_strict(const char *name);
/* A session's name, no person's nor company's: ending in a session's kind
 * ("Technical Conversation") or made of a session's words only ("System
 * Design", "Architecture Deep Dive"). */
bool session_phrase(const char *name);
char *person_display(const char *name);
bool people_has(const struct people *pl, const char *name, const char *email);
void people_add(struct people *pl, const char *name, const char *email);
void people_free(struct people *pl);
void know_addrs(struct ctx *c, const struct msg_addr_list *l);
char *email_for_name(const struct ctx *c, const char *name);
/* The sentence of the newest words that takes someone off the panel
 * ("Priyanka Rao replaces Lisa Chen in the whiteboard exercise",
 * "Danielle is out on vacation next week, so Marcus Webb will sit in"):
 * a person named right after a word of replacing, or right before one of
 * being away.  At most 200 bytes (caller frees), or NULL. */
char *panel_change(const struct ctx *c);
void schedule_people(const struct ctx *c, struct people *pl);
void people_before(const struct ctx *c, struct people *pl);
void prose_people(const struct ctx *c, struct people *pl);
void find_signer(const struct ctx *c, struct signer *sg);
/* A department or a team's field ("Risk Platform"): a word of it is one. */
bool department(const char *name);
bool human(const struct ctx *c, const char *email);
/* The length of the word between names of a list that starts t, with its
 * blank ("and ", "und ", "& ": lex_list_ands), or 0. */
size_t list_joiner(const char *t);
/* The mail is from the user: one of me.addresses, or an address written
 * with the user's name (a work account). */
bool from_user(const struct ctx *c);
struct msg_addr;
bool relayed_human(const struct ctx *c, const struct msg_addr *a);
/* The bytes of an honorific at low (lower-case), with its dot and a
 * Portuguese ordinal sign ("dr.", "frau ", "eng.ª"); 0 when none, or
 * when no dot or blank follows it. */
size_t honorific_at(const char *low);
/* Is w (lower case) the word "with" alone, in the languages read ("mit",
 * "avec", "con", "com", "met")? */
bool bare_with(const char *w);
/* Does the writer say they take part in the conversation (a word of
 * lex_first_person: "our call", "speak with me"), not of one that is
 * past ("Further to our call, please find the invitation ...",
 * "following our conversation")?  low: the text, lower case. */
bool first_person_ahead(const char *low);
/* Is the one interviewer of d the writer, seated by a farewell alone
 * ("see you then"), which a coordinator writes too? */
bool writer_seated_by_farewell(const struct ctx *c, const struct detection *d);
/* Is the event's organiser seated on the panel by Outlook's rule (an
 * Outlook or Exchange invite, which never lists its organiser)? */
bool organizer_assumed(const struct ctx *c);
/* In a thread: In-Reply-To, References, "Re:" and its translations. */
bool reply_like(const struct message *m);
void set_person(struct detect_person *p, const char *name, const char *email);
void calendar_people(const struct ctx *c, const struct people *named, struct people *pl);
/* Drop out's interviewers that are the organisation, not people: a team's
 * address, or with no address the company's name, a legal form or a job
 * title (after fill_company; detect_people.c says why). */
/* A role that ends with the company's name ("Senior Data Engineer,
 * Lyrebird Games", "Analyst at Kestrel") is the role before it. */
void drop_company_from_role(struct detection *out);
void drop_company_people(struct detection *out);
/* Fill out's interviewers (for an interview, a move, a cancellation). */
void fill_interviewers(const struct ctx *c, struct detection *out);
/* Fill out's contact (after the interviewers). */
void fill_contact(const struct ctx *c, const struct signer *sg, struct detection *out);

/* ---- detect_org.c: company, role, place ---- */

bool bad_company(const char *name);
/* An address, not a name: a number of two digits or more standing as a
 * word ("75002 Paris", "Hafenstraße 12"); "3M" and "37signals" stay. */
bool has_address_number(const char *name);
char *cap_words(const char *text, size_t i, int maxw);
/* Is org a recruitment business by its name (lex_agency_names)? */
bool agency_org(const char *org);
/* Is company an agency: by its name, or the writer's own organisation
 * (its domain's) when the writer's title recruits for clients
 * (lex_agency_titles)? */
bool agency_company(const struct ctx *c, const char *company);
void strip_legal(char *name);
/* name ends in a company's legal form, as strip_legal() reads one
 * ("Elbstrom Energie AG", "Tarang Payments Pvt. Ltd"). */
bool has_legal_form(const char *name);
/* Do the n bytes at p (inside s) stand as words of their own, not inside
 * an address or a link ("alicia.brandao@longwoodpeds.example",
 * "jobs.smartrecruiters.com/TidewayInfrastructure/")? */
bool stands_as_word(const char *s, const char *p, size_t n);
char *slug_name(const char *s, size_t n);
char *ats_company(const struct ctx *c);
bool is_ats_name(const char *s);
char *prose_company(const struct ctx *c);
char *subject_company(const struct ctx *c);
char *display_company(const struct ctx *c);
char *domain_company(const char *email);
/* Does the name, as an organisation, name email's domain ("Meridian Kite",
 * meridiankite.example)? */
bool org_matches_domain(const char *name, const char *email);
/* s lower-cased, letters and digits only, accents folded (utf8_fold_ascii:
 * "Maré Alta" -> "marealta"), other letters left out, into out. */
void fold_squash(const char *s, char *out, size_t outlen);
/* Is the word at w (n bytes) one of lx's, ignoring case? */
bool lex_word_is(const struct lexicon *lx, const char *w, size_t n);
/* Is a word of name's first n bytes (letters, digits and bytes past
 * ASCII) one of lx's, ignoring case? */
bool lex_has_word(const char *name, size_t n, const struct lexicon *lx);
/* A word of a job title is in the phrase ("Engineer", "Entwicklerin"). */
bool has_job_noun(const char *phrase);
char *find_role(const struct ctx *c);
bool virtual_place(const char *s);
char *prose_location(const struct ctx *c);
/* Fill out's company (after contact and interviewers). */
void fill_company(const struct ctx *c, struct signer *sg, struct detection *out);
/* Fill out's meeting_url, event_uid, location. */
void fill_places(const struct ctx *c, struct detection *out);

/* ---- detect_links.c: URLs and meeting links ---- */

char *meeting_link(const char *raw);
char *first_meeting_in(const char *s);
char *ats_company_of_url(const char *url);

/* ---- detect_table.c: a loop of sessions in table rows ---- */

/* A loop read from table rows (see detect_table.c for the rules). */
struct loop_table {
	bool found;             /* two sessions or more, and ours */
	bool not_ours;          /* the user on the panel, or a session with
	                           nobody: an agenda, not a loop */
	bool nameless;          /* a session row (no break) named nobody */
	bool named;             /* a session row named somebody */
	bool candidate_row;     /* a nameless row is an interview */
	size_t sessions;
	time_t start, end;      /* first row's start, last row's end */
	bool has_pause;         /* a break row (check-in, lunch) with a time */
	time_t pause_start, pause_end;  /* the earliest and latest of them */
	char zone[64];          /* the zone the times were read in; "" the user's */
	bool zone_said;
	struct people people;   /* every interviewer named, in order */
};

/* Read the first loop of c's HTML parts into lt (free with
 * loop_table_free()). */
void loop_table_read(const struct ctx *c, struct loop_table *lt);
/* The loop's time into out when no calendar event gave one (ts says);
 * true when it did.  Rows that say no zone take the prose time's, and its
 * half of the day when they are exactly twelve hours from it. */
bool loop_table_time(const struct ctx *c, const struct loop_table *lt, struct detection *out,
    struct time_source *ts);
/* The loop's interviewers instead of out's, when it named any. */
void loop_table_people(const struct loop_table *lt, struct detection *out);
void loop_table_free(struct loop_table *lt);
/* The interviewers a table names outside a loop: a labelled row, the
 * interviewer column under a header, a name in a row with a time. */
void table_people(const struct ctx *c, struct people *pl);

/* ---- detect_kind.c: signals and the classifier ---- */

/* What the kind of a mail is decided from: read once by signals_gather(),
 * then only by the rules. */
struct signals {
	bool ignored_sender;     /* From matches detect.ignore_senders */
	bool from_me;            /* sent by the user, forwarding nothing */
	bool calendar_reply;     /* METHOD:REPLY/COUNTER, "Accepted: ..." */
	bool bulk_headers;       /* List-Id, Precedence: bulk/list/junk */
	bool greets_user;        /* the mail's first line greets the user by a
	                            word of their name ("Dear Femke,") */
	bool time_kept;          /* a person says the time set stays ("De tijd
	                            blijft hetzelfde"): it sets none */
	bool own_application;    /* the subject names the user's application
	                            ("Your application to ... at Finoro") */
	bool unsubscribe;        /* List-Unsubscribe alone (no bulk_headers) */
	bool bulk_words;         /* a marketing footer ("unsubscribe") */
	bool job_alert;          /* "jobs you may be interested in" */
	bool receipt;            /* "thank you for applying" */
	bool keyword;            /* an interview keyword (or a configured one) */
	bool ats_sender;         /* From or organizer is a hiring/calendar service */
	bool has_role;           /* a job title was found */
	bool job;                /* keyword, ats_sender, has_role or a job word */
	bool job_said;           /* the same without the keyword: a job named */
	bool reply_like;         /* In-Reply-To, References, "Re:" */
	bool job_quoted;         /* a person answers the user's own quoted mail,
	                            and that mail is about a job */
	bool rescheduled;        /* "rescheduled", "new time", "Updated ..." */
	bool cancel_prose;       /* "cancelled" in the subject, or an interview
	                            said to be called off */
	bool calendar;           /* a calendar part was read */
	bool event;              /* ... and it has an event */
	bool calendar_cancel;    /* METHOD:CANCEL or STATUS:CANCELLED */
	bool have_time;          /* an interview time is known (event or prose) */
	bool day_moved;          /* no time, but a move to a day at the meeting's
	                            own hour ("Wednesday, same time") */
	bool not_interview;      /* a webinar, a dentist, a meetup */
	bool no_opening;         /* the writer says no job is open, nothing is
	                            part of a hiring ("this isn't an interview") */
	bool interview_invite;   /* (keyword or ats_sender or has_role), and not
	                            not_interview */
	bool rejection;          /* rejection wording */
	bool rejection_job;      /* ... in a sentence that names the job */
	bool offer;              /* an offer said plainly, not hedged */
	bool offer_weak;         /* "your offer", "job offer" */
	bool offer_to_user;      /* with rejection wording: the offer is made to
	                            the user ("no to one role, an offer of
	                            another"), or the terms are summed up */
	bool human_from;         /* From is a person: no robot, not the user */
	bool asks_references;    /* a request for references */
	bool decision_promised;  /* "we will get back to you by Friday": a
	                          * decision date is read */
	bool forwards_own;       /* a forward of the writer's own mail that
	                          * names the user nowhere */
	bool answers_user;       /* a reply quoting the user's own mail (read
	                          * only for a dated decision, references or
	                          * a time kept) */
	/* the user's own side of the table */
	bool auto_reply;         /* Auto-Submitted: auto-replied, "Out of office" */
	bool recurring;          /* the event has an RRULE/RDATE or RECURRENCE-ID */
	bool organised_by_me;    /* ORGANIZER (or "Host:") is the user */
	bool own_organisation;   /* everyone is the user or at me.employer_domains */
	bool to_work;            /* it reaches the user only at the employer's
	                            domain, at none of me.addresses */
	bool on_the_panel;       /* the user interviews: named an interviewer, a
	                            scorecard or debrief, another named candidate */
	bool press;              /* an interview keyword among media words, with
	                            nothing of a job search */
	bool asks_availability;  /* times asked for, none confirmed */
	bool options;            /* meeting times on several days offered, a
	                            choice put to the reader, none confirmed */
	bool thread_time;        /* a person's reply in a thread takes up one
	                            time in its newest words ("Thursday at 3
	                            it is"), not offered on several days */
	bool conversation;       /* a call, chat, Gespräch... said to be set */
	bool others_interview;   /* the interview is the writer's ("my interview"),
	                            never the reader's */
	bool pretend;            /* the subject or the event names a mock or a
	                            practice interview: no employer's thread */
	bool greets_other;       /* the greeting names another To recipient, the
	                            user not in To or greeted beside family */
	bool conversation_word;  /* a call, chat, Gespräch... is named at all
	                            (read for a job mail that moves or calls off) */
	bool unaddressed;        /* no sentence with an interview word speaks to
	                            the reader or for a company */
	bool writer_candidate;   /* ... and the writer asks the reader's support
	                            ("wish me luck", "any tips?") */
	bool broadcast;          /* a calendar PUBLISH sent as marketing (an
	                            unsubscribe link), by no hiring system */
	enum ics_method method;  /* the calendar's method, for the reason */
	int sequence;            /* the event's SEQUENCE */
	const char *summary;     /* the event's SUMMARY (borrowed), for the reason */
};

/* One rule of the classifier: when test holds (and no rule before it
 * did), the mail is of kind, because of reason. */
struct kind_rule {
	const char *name;        /* short and stable: "calendar-cancel" */
	bool (*test)(const struct signals *s);
	enum detect_kind kind;
	const char *reason;      /* one line for the audit log */
};

/* The rules in the order they are tried; the last always holds. */
extern const struct kind_rule detect_kind_rules[];
extern const size_t detect_kind_nrules;

/* Read the signals of the mail of c; ts, have_time and has_role are what
 * the facts found (where the time came from, an interview time, a job
 * title). */
void signals_gather(const struct ctx *c, const struct time_source *ts, bool have_time,
    bool has_role, struct signals *s);
/* The first rule that holds for s; never NULL. */
const struct kind_rule *detect_classify(const struct signals *s);
/* The reason of r for s, one line (caller frees). */
char *kind_reason(const struct kind_rule *r, const struct signals *s);

/* The newest words confirm what the reader proposed ("Perfect, that's
 * confirmed."): a word of lex_time_confirmed in a sentence that points
 * back or stands nearly alone. */
bool confirms_proposal(const char *plain);

/* The names of the signals of s that hold, for detection.signals. */
void signals_names(const struct signals *s, char ***names, size_t *n);

/* ---- detect_confidence.c: how sure the reading is ---- */

/* What confidence is judged from: the rule, a few signals, and what the
 * facts turned out to be.  Built by confidence_facts_gather(), read only
 * by the table of doubts, so each doubt is tested with a struct built by
 * hand (tests/unit/test_confidence.c). */
struct confidence_facts {
	enum detect_kind kind;
	const char *rule;             /* the deciding rule's name */
	const struct signals *sig;
	bool invite_ok;               /* METHOD:REQUEST (CANCEL for a cancel) with an
	                                 event, sent from the organiser's organisation
	                                 or by a service sender */
	bool ats_scheduled;           /* a hiring system's mail with a time */
	bool writer_to_user;          /* a person writes from an organisation's
	                                 address (not free mail, not a service, not
	                                 the user's own organisation) to the user
	                                 (To or Cc), no list or bulk headers */
	struct time_source time;
	bool has_start;
	size_t interviewers;          /* how many */
	bool interviewer_address;     /* at least one interviewer has an address */
	const char *no_address;       /* an interviewer without an address (name) */
	bool contact_known, contact_address;
	const char *guessed;          /* an address guessed from a name (the address) */
	bool writer_farewell;         /* the one interviewer is the writer, read from
	                                 a farewell alone ("see you then") */
	bool organiser_assumed;       /* an Outlook organiser, listed nowhere but as
	                                 the organiser, taken for an interviewer
	                                 beside others invited, and saying nothing
	                                 of taking part themself */
	bool news;                    /* detection_update_is_news() */
	bool company_known;
	bool company_unwritten;       /* the company is nowhere in the mail's words
	                                 (text, subject, a sender's name, the event):
	                                 read from an address's domain alone */
	bool company_intermediary;    /* the company is the writer's own organisation,
	                                 and the writer speaks of a client: an agency's
	                                 name read for the employer's */
	bool company_agency;          /* the company's name is a recruitment
	                                 business's (lex_agency_names) */
	/* the user's side of the table */
	bool recurring;               /* the event repeats (RRULE/RDATE) */
	bool user_organises;          /* the organiser is one of the user's addresses */
	bool own_organisation;        /* the organiser or sender is at the organisation
	                                 of one of the user's addresses (not free mail) */
	bool other_outsider;          /* the invite lists, besides the user, someone
	                                 outside the organiser's organisation */
	bool user_not_invited;        /* the invite lists attendees, none of them the
	                                 user (with the user's addresses known) */
	bool job_named;               /* a job title, a job word, or a hiring system
	                                 (not a general scheduler) says which job */
};

/* Fill f for the detection d of c's mail, decided by rule from s. */
void confidence_facts_gather(const struct ctx *c, const struct signals *s, const char *rule,
    const struct time_source *ts, const struct detection *d, struct confidence_facts *f);

/* Judge f: fills d->confidence and appends to d->reasons (each doubt, or
 * the strong source). */
void confidence_judge(const struct confidence_facts *f, struct detection *d);

bool mentions_references(const char *low);
bool offer_said(const char *plain);
/* A final round said and not denied ("so it's not the last step" is none). */
bool final_said(const char *plain);
bool decision_promised(const struct ctx *c);
bool sender_ignored(const struct ctx *c);
bool has_keyword(const struct ctx *c, const char *low);

#endif
