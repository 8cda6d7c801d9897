/*
 * lexicon: every word list recognition reads (detect*.c), in one place:
 * the words that decide a mail's kind, the ones that find a company, a
 * role, people and places in prose.  Lists of lower-case words and
 * phrases matched as whole words unless their user says otherwise; the
 * order of a list matters only where its user says so.  Nothing else:
 * tables of the calendar (months, weekdays, zones) stay with the dates,
 * URL and host tables with the links, the identity rules (robots, free
 * mail, hiring-system domains) in parties.h.  A list read against a
 * whole text is searched for in one pass by its matcher (detect_text.c:
 * find_any(), struct lex_hits), not word by word.
 */
#ifndef FOLLOWUPD_LEXICON_H
#define FOLLOWUPD_LEXICON_H

#include <stddef.h>

struct matcher;

/* A word list: w[0..n), and where its matcher is kept (lex_matcher()). */
struct lexicon {
	const char *const *w;
	size_t n;
	struct matcher **m;
};

/* The matcher of l's words (matcher.h), built on its first use and kept
 * for the life of the process. */
const struct matcher *lex_matcher(const struct lexicon *l);

/* ---- the kind of a mail ---- */

/* Subject starts of a calendar reply ("Accepted: Interview ..."). */
extern const struct lexicon lex_calendar_reply_prefixes;

/* In a subject, a calendar reply ("Ada Brooks has accepted ..."); any case. */
extern const struct lexicon lex_calendar_reply_marks;

/* Subject starts of a reply ("Re:", "Sv:", "AW:", "VS:"). */
extern const struct lexicon lex_reply_prefixes;

/* An interview said to be called off (with a cancel word). */
extern const struct lexicon lex_cancel_done;

/* Before an offer phrase, words that make it no offer. */
extern const struct lexicon lex_offer_hedges;

/* Strong signs a mail or invite is about a job interview (whole words). */
extern const struct lexicon lex_interview_words;

/* Interview words in other languages, matched as word starts: inflected
 * forms ("Vorstellungsgespräch", "haastatteluun") must not break them. */
extern const struct lexicon lex_interview_stems;

/* Words that place a mail in a job search. */
extern const struct lexicon lex_job_words;

/* A rejection: "we will not be moving forward", "regret to inform". */
extern const struct lexicon lex_rejection_phrases;

/* An offer, unless hedged ("before we make you an offer"). */
extern const struct lexicon lex_offer_phrases;
/* A reply agreeing to a time; a choice put to the reader in a question. */
extern const struct lexicon lex_time_agreed;
extern const struct lexicon lex_choice_words;
/* Words pointing back at what the reader proposed ("that's confirmed"). */
extern const struct lexicon lex_back_refs;
/* The terms of a job summed up: a pay word with a figure in a currency,
 * a start, the contract to come. */
extern const struct lexicon lex_pay_words;
extern const struct lexicon lex_currency_marks;
extern const struct lexicon lex_start_words;
extern const struct lexicon lex_contract_to_come;
extern const struct lexicon lex_rej_regret;

/* Only an offer when the mail does not also set up an interview. */
extern const struct lexicon lex_offer_weak;

/* An application receipt. */
extern const struct lexicon lex_receipt_phrases;

/* A job alert or job board digest. */
extern const struct lexicon lex_alert_phrases;

/* Marketing footers.  Not "you are receiving this email because": every
 * Google Calendar invitation and many ATS mails say that. */
extern const struct lexicon lex_bulk_phrases;

/* Not an interview even when the word is there. */
extern const struct lexicon lex_event_not_interview;
extern const struct lexicon lex_no_opening;

/* ---- the user's own side of the table ---- */

/* Subject starts of an automatic answer ("Automatic reply:", "Out of
 * office"). */
extern const struct lexicon lex_auto_reply_subjects;

/* Labels before who hosts a meeting ("Host:", "Organizer:"). */
extern const struct lexicon lex_host_labels;

/* Labels before who interviews ("Interviewers:", "Panel:"). */
extern const struct lexicon lex_interviewer_labels;

/* The person interviewed, before a name ("Candidate: ..."). */
extern const struct lexicon lex_candidate_words;
/* A sentence that puts an interview at a later stage, not this mail's. */
extern const struct lexicon lex_later_stage;
/* The end of a meeting said in words before its time ("finish by"). */
extern const struct lexicon lex_meeting_ends;
/* A sentence about what is behind the user ("... last week"). */
extern const struct lexicon lex_behind_user;

/* An interviewer's tools and duties ("scorecard", "interview kit"). */
extern const struct lexicon lex_panel_duties;

/* In a subject or event title: the panel meets ("debrief"). */
extern const struct lexicon lex_panel_meetings;

/* The wording of the press ("podcast", "article", "our readers"). */
extern const struct lexicon lex_media_words;
extern const struct lexicon lex_interview_stems_general;
extern const struct lexicon lex_participant_pay;
extern const struct lexicon lex_cause_words;
extern const struct lexicon lex_visit_talks;
extern const struct lexicon lex_field_nouns;
extern const struct lexicon lex_arranger_titles;
extern const struct lexicon lex_your_application;
extern const struct lexicon lex_notice_words;
extern const struct lexicon lex_company_group_words;
extern const struct lexicon lex_time_kept;
extern const struct lexicon lex_time_nouns;

/* Words of the user's own job search beyond "interview" ("application"). */
extern const struct lexicon lex_job_strong;

/* A time asked for, not yet fixed ("what times work for you"). */
extern const struct lexicon lex_availability_asks;

/* Around an availability ask, a way out of a time already set ("if"). */
/* Words of confirming before an availability ask: the time given is to
 * be confirmed, no time is asked for. */
extern const struct lexicon lex_confirm_words;
extern const struct lexicon lex_availability_hedges;

/* A time fixed ("confirmed", "is scheduled", "see you"). */
extern const struct lexicon lex_time_confirmed;

/* A conversation by any name ("call", "Gespräch", "échange"). */
extern const struct lexicon lex_conversation_words;

/* A conversation set, not proposed ("booked", "confirmed", "bestätigt"). */
extern const struct lexicon lex_conversation_set;

/* Possessives before an interview word: the writer's, the reader's. */
extern const struct lexicon lex_writer_own;
extern const struct lexicon lex_reader_own;

/* The word before a deadline ("by", "before", "due"). */
extern const struct lexicon lex_deadline_leads;

/* Something is called off. */
extern const struct lexicon lex_cancel_words;

/* A time moved.  Not a bare "reschedule": "if you need to reschedule" is in
 * every confirmation. */
extern const struct lexicon lex_resched_words;
extern const struct lexicon lex_time_held;
extern const struct lexicon lex_same_hour;
extern const struct lexicon lex_panel_out_before_name;
extern const struct lexicon lex_panel_out_after_name;
extern const struct lexicon lex_writer_absent;
extern const struct lexicon lex_agency_titles;
extern const struct lexicon lex_round_words;
extern const struct lexicon lex_move_verbs;

/* The last stage of a process. */
extern const struct lexicon lex_final_phrases;

/* ---- dates ---- */

/* A promise of news: "we will get back to you", "a decision". */
extern const struct lexicon lex_decision_words;

/* Before a date a decision is promised by: "by Friday", "before 2 March". */
extern const struct lexicon lex_until;

/* Before a span a decision is promised within: "within 3 days". */
extern const struct lexicon lex_within;

/* "business days", "working days". */
extern const struct lexicon lex_workdays;

/* ---- kinds by concept (detect_kind.c): parts of an idea that meet in
 * one sentence; every language of the project, every register ---- */

/* A rejection: a negation before a verb of going on (stems), with the
 * company's "we" or the user's application in the sentence. */
extern const struct lexicon lex_rej_negations;
extern const struct lexicon lex_rej_proceed;
extern const struct lexicon lex_rej_anchors;

/* A rejection: a choice made (stems) of another person than the user;
 * not when only a third person chose ("they went with someone"). */
extern const struct lexicon lex_rej_choice;
extern const struct lexicon lex_rej_other_person;
extern const struct lexicon lex_rej_third_person;
/* A chooser on the company's side ("the panel"): a "they" after it is the
 * company's.  Another one than the user in any inflection: an "other"
 * word (stems), then who or what was chosen (stems). */
extern const struct lexicon lex_company_side;
extern const struct lexicon lex_other_words;
extern const struct lexicon lex_other_chosen;

/* Stems every phrase of lex_rej_other_person, of lex_rej_filled holds:
 * where to look for them. */
extern const struct lexicon lex_rej_other_stems;
extern const struct lexicon lex_rej_filled_stems;

/* A rejection: the job (stems) is filled or closed. */
extern const struct lexicon lex_rej_filled;
extern const struct lexicon lex_rej_job_nouns;

/* A condition, a question, a wait: no decision in the sentence. */
extern const struct lexicon lex_rej_hedges;

/* A condition ("if", "wenn", "si vous"): what follows may not happen. */
extern const struct lexicon lex_conditions;

/* A choice still open ("may", "still"): nobody chosen yet. */
extern const struct lexicon lex_rej_open;

/* An offer: pleasure, congratulations or a wish, an offer word (stems), and what
 * it gives (stems: the job, a contract, a salary) in one sentence. */
extern const struct lexicon lex_offer_pleasure;
extern const struct lexicon lex_offer_words;
extern const struct lexicon lex_offer_objects;
/* Offered, but no job ("feedback", "a slot"). */
extern const struct lexicon lex_offer_not;

/* The writer is the candidate, asking the reader's support ("wish me
 * luck", "any tips?"). */
extern const struct lexicon lex_writer_candidate;

/* The reader or the writer's company ("you", "Sie", "vous", "we",
 * "unser"): an interview the sentence speaks of is the user's. */
extern const struct lexicon lex_addressed_words;

/* ---- the organisation ---- */

/* Words that follow "at" or lead a phrase but are no company ("at least"). */
extern const struct lexicon lex_not_company;

/* Words before " at X" that make X an employer: "Engineer at Acme". */
extern const struct lexicon lex_at_lead;

/* Hiring systems, job boards, calendar and meeting services: named in mail,
 * never the employer. */
extern const struct lexicon lex_ats_names;
/* What such a service makes, after its name: "Zoom Meeting". */
extern const struct lexicon lex_tool_products;

/* Legal suffixes dropped from a company name: "Acme Inc." -> "Acme". */
extern const struct lexicon lex_legal_suffixes;

/* Phrases before the employer's name in prose: "interest in Acme". */
extern const struct lexicon lex_company_lead_ins;

/* Capitalised words that start a subject but are no company
 * ("Technical interview"). */
extern const struct lexicon lex_subject_generic;

/* "the Engineering team" is a department, not a company. */
extern const struct lexicon lex_departments;

/* A sender name that is a company's team: "Acme Recruiting". */
extern const struct lexicon lex_display_tails;

/* Label tails dropped from a domain's company name: "acme-careers.com". */
extern const struct lexicon lex_domain_tails;

/* ---- the role ---- */

/* Nouns a job title is made of ("Senior Backend Engineer"). */
extern const struct lexicon lex_job_nouns;

/* Words before a job title that are not part of it. */
extern const struct lexicon lex_role_leads;

/* Words after a job title that are not part of it ("... position"). */
extern const struct lexicon lex_role_tails;

/* Labels that introduce a job title: "Position: ...". */
extern const struct lexicon lex_role_labels;

/* Nouns after a job title: "the Backend Engineer role" (" role", with
 * its blank); bare, the ones that end a title a name may stand in. */
extern const struct lexicon lex_role_nouns;
extern const struct lexicon lex_role_nouns_bare;

/* Phrases before a job title: "application for ...". */
extern const struct lexicon lex_role_intros;

/* ---- people ---- */

/* Words of a job title that come next to a person's name
 * ("Ada Brooks, Engineering Manager"). */
extern const struct lexicon lex_title_words;

/* Words that make a display name a team, not a person ("Acme Talent"). */
extern const struct lexicon lex_team_words;

/* Words that make two or three capitalised words an organisation or a
 * phrase, not a person ("Lumen Labs", "Meeting Link"). */
extern const struct lexicon lex_org_words;

/* Particles inside a person's name ("Ada van der Berg"). */
extern const struct lexicon lex_name_particles;

/* The user's thanks for a conversation: "thanks for the call". */
extern const struct lexicon lex_thanks_for_meeting;
/* The last words of a session's name: "Hiring Manager Discussion". */
extern const struct lexicon lex_session_ends;
/* Words of a writer who recruits for a client: "my client". */
extern const struct lexicon lex_client_words;
/* Words that send the user to a person: "reach out to Ada Brooks". */
extern const struct lexicon lex_contact_leads;
/* A ticket to an event: "your tickets", "Dein Ticket". */
extern const struct lexicon lex_ticket_words;
/* The writer meets the user too: "you will also meet". */
extern const struct lexicon lex_also_meet;
/* After a person's name: "Ben Ito will join". */
extern const struct lexicon lex_joins_after;

/* Before interviewers' names: "you'll be meeting with", "Interviewers:". */
extern const struct lexicon lex_people_triggers;

/* The meeting's people as a group, as a word's end ("panel",
 * "Auswahlkommission", "selectiecommissie", "Teilnehmende"), in a line
 * that leads a bulleted list of them. */
extern const struct lexicon lex_panel_nouns;

/* Those who take part ("Teilnehmende"), in a line that ends in a colon
 * and leads their bulleted list; not a heading alone. */
extern const struct lexicon lex_attendee_nouns;

/* Words of an institution's long name ("NHS Foundation Trust"). */
extern const struct lexicon lex_institution_words;

/* Labels of the hiring organisation in a notice ("Organisation:"). */
extern const struct lexicon lex_company_labels;

/* The label of a quoted mail's date line ("Sent:", "Enviado el:"). */
extern const struct lexicon lex_quoted_date_labels;

/* Honorifics before a name ("Dr.", "Frau", "Mme"): skipped. */
extern const struct lexicon lex_honorifics;

/* "and" between names, in the six languages. */
extern const struct lexicon lex_list_ands;

/* A mail's closing line before the signature ("Best regards"). */
extern const struct lexicon lex_closings;

/* The writer is the interviewer: "I'll call you", "our phone screen". */
/* The writer will call the user: "I'll ring you". */
extern const struct lexicon lex_writer_calls;
extern const struct lexicon lex_user_asked;
extern const struct lexicon lex_group_words;
extern const struct lexicon lex_call_media;
extern const struct lexicon lex_with_words;
extern const struct lexicon lex_not_name_words;
extern const struct lexicon lex_recruiter_appositions;
extern const struct lexicon lex_agency_names;
extern const struct lexicon lex_writer_meets;
extern const struct lexicon lex_writer_farewells;
extern const struct lexicon lex_first_person;

/* ---- places ---- */

/* A location that is no place: a video call, "TBD". */
extern const struct lexicon lex_virtual_places;

/* Labels that introduce a place: "Location: ...". */
extern const struct lexicon lex_location_labels;

/* ---- references ---- */

/* A request for references. */
extern const struct lexicon lex_reference_yes;

/* Uses of "reference" that are no request ("for your reference"). */
extern const struct lexicon lex_reference_no;

/* ---- loop tables (detect_table.c) ---- */

/* Sessions that are no conversation ("lunch", "break", the candidate's own
 * "individual exercise"). */
extern const struct lexicon lex_session_pauses;

/* Words of a session's title, never of a person's name. */
extern const struct lexicon lex_session_titles;

/* Header words of the interviewer column ("Interviewer", "With"). */
extern const struct lexicon lex_interviewer_headers;

/* ---- fields as people write them (detect_org.c, detect_people.c) ---- */

/* Legal forms of other countries, dropped like lex_legal_suffixes
 * ("Tarang Payments Pvt. Ltd.", "Bursztyn Software sp. z o.o."). */
extern const struct lexicon lex_legal_forms;

/* Words that end an organisation's name, in the six languages ("Granite
 * Peak Systems", "Alameda Seguros", "Spreewerk Labs"): a name the mail
 * also writes with them is written in full that way. */
/* Words that begin an organisation's name: "Grupo Altamar". */
extern const struct lexicon lex_org_heads;
extern const struct lexicon lex_unit_words;
extern const struct lexicon lex_region_words;
extern const struct lexicon lex_moved_done;
extern const struct lexicon lex_parent_words;
extern const struct lexicon lex_org_tails;


/* Small words inside a job title ("Head of Engineering"). */
extern const struct lexicon lex_role_particles;

/* A work mode or contract in parentheses after a job title ("(Remote)"). */
extern const struct lexicon lex_role_paren_not;

/* Job nouns of the Romance languages, followed by lower-case adjectives. */
extern const struct lexicon lex_job_nouns_noun_first;

/* Common words before a capitalised job title ("for", "als", "como"). */
extern const struct lexicon lex_role_intros_cap;

/* Labels of a row or line listing the interviewers ("Staff"). */
extern const struct lexicon lex_people_labels;

/* The writer names themself among the interviewers ("und ich"). */
extern const struct lexicon lex_first_person_listed;

#endif
