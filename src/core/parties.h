/*
 * parties: who is on the other end of a mail.  The one place for the rules
 * that say whether an address is a robot, what organisation it belongs
 * to, whether it is the user's own, whether it is a valid address at all,
 * and what a mail's Message-ID is.
 * Every other module asks here, so no two of them can answer differently.
 *
 * Pure: no I/O, no global state; allocation (aborting when memory runs
 * out, like util.h) is the only side effect.  Every input may be hostile:
 * NULL, empty, huge, with control characters or NUL bytes inside a length.
 *
 * Robots.  An address is a robot when nobody reads it, or when it belongs
 * to a hiring system or calendar service (the company's ATS, a job board,
 * a scheduling or assessment service): writing to it reaches no person.
 *   - A service domain is one of a fixed list (greenhouse.io, lever.co,
 *     linkedin.com, calendly.com, calendar.google.com ...), or any
 *     subdomain of one (us.greenhouse-mail.io, hire.lever.co).
 *   - A robot local part is one nobody reads: noreply, mailer-daemon,
 *     notifications, calendar, newsletter, alerts ... (exact, any case);
 *     or it contains "noreply", "no-reply", "no_reply", "donotreply",
 *     "do-not-reply" or "do_not_reply"; or it starts with "bounce",
 *     "reply+" or "reply-" (relays and bounce handlers, not people).
 *   - A domain that says nobody reads it ("users.noreply.github.com").
 *   A role address that people read is not a robot: support@, talent@,
 *   careers@, recruiting@, jobs@ at the company's own domain are answered
 *   by people.  The domain decides first: talent@linkedin.com is LinkedIn's
 *   platform, not a recruiter, so it is a robot.
 *
 * Organisations.  The organisation of an address is named by its
 * registrable domain: the last two labels of the host, or the last three
 * when the second level is a country's public one ("co", "com", "ac",
 * "edu", "gov", "net", "org" under a two-letter top level: acme.co.uk,
 * acme.com.au).  Subdomains belong to their organisation
 * (mail.acme.com -> acme.com).  An address has none when its domain names
 * no organisation: a free mail provider (gmail.com), a hiring system or a
 * calendar service and their subdomains (us.greenhouse-mail.io,
 * acme.myworkdayjobs.com), or a robot at a calendar provider
 * (calendar-notification@google.com); a person at google.com is at
 * Google.
 *
 * Mine.  An address is the user's when it equals one of the configured
 * addresses ignoring case (mail systems treat both parts so in practice),
 * or is a sub-address of one: jane+jobs@example.net is delivered to
 * jane@example.net.  A configured address that has a '+' itself matches
 * only itself.
 *
 * Addresses.  A valid address is a plain addr-spec: a dot-atom local part
 * (letters, digits and !#$%&'*+-/=?^_`{|}~ in runs separated by single
 * dots; no quoted strings or comments) of at most 64 octets, '@', and a
 * host name of at most 253 octets: labels of 1 to 63 letters, digits and
 * hyphens, neither starting nor ending with a hyphen; ASCII only, at most
 * 254 octets in all.  The same rule decides what the config accepts and
 * what a mail may be sent to.
 *
 * Message-IDs.  The normal form of a message id is "<id>": the angle
 * brackets and between them 1 to PARTIES_MSGID_MAX - 2 printable ASCII
 * octets other than '<' and '>' (no blanks, no control characters, no
 * 8-bit).  A field value gives its first usable bracketed id in that form;
 * a value without one ("Message-ID: abc@host", seen in the wild) gives its
 * first word when that word contains an '@' and is otherwise a valid id:
 * "<abc@host>".  Anything else gives nothing.  What we write ourselves is
 * held to the stricter parties_msgid_valid.
 */
#ifndef FOLLOWUPD_PARTIES_H
#define FOLLOWUPD_PARTIES_H

#include <stdbool.h>
#include <stddef.h>

/* ---- robots ---- */

/* Is domain one of list[0..n), or a subdomain of one ("us.greenhouse.io"
 * under "greenhouse.io", not "xgreenhouse.io"), ignoring case?  False for
 * NULL. */
bool parties_domain_in(const char *domain, const char *const *list, size_t n);

/* A hiring system or calendar service domain, or a subdomain of one
 * ("greenhouse.io", "us.greenhouse-mail.io"); case-insensitive.  False for
 * NULL and "". */
bool parties_is_service_domain(const char *domain);

/* The local part alone says nobody reads it ("noreply@", "Notifications@",
 * "bounces+123@").  True for NULL and for a string without '@' (nothing to
 * write to). */
bool parties_is_robot_local(const char *email);

/* The local part refuses answers ("noreply@", "do-not-reply+x@",
 * "messages-noreply@"): no reply reaches anyone.  A relay that routes
 * answers ("reply+c7e1@") is no such address.  False for NULL. */
bool parties_is_noreply(const char *email);

/* Nobody reads it, or a hiring system or calendar service sends from it:
 * a robot local part, a service domain, or a no-reply domain.  True for
 * NULL, "" and a string without '@'. */
bool parties_is_robot(const char *email);

/* A team's address, not one person's: its local part (before any '+' or
 * '-' tail) is a word a team's mailbox is named for ("recruiting@",
 * "talent@", "careers@", "jobs@", "hr@", "werving@", "bewerbung@",
 * "recrutement@", "hello@", "info@"..., any case).  People read it (it is
 * no robot), but nobody behind it talked with the user: a thank-you "for
 * talking with me" must not greet it.  False for NULL and for a string
 * without '@' (no address is nobody's). */
bool parties_is_team(const char *email);
/* parties_is_team, or a team's word of five letters or more inside the
 * local part's one word ("SeleccionTalento@", "kinderscoutcareers@"): a
 * mailbox, no person's address. */
bool parties_is_team_mailbox(const char *email);

/* A hiring system or calendar service sending on a company's behalf: an
 * address at a service domain, or a robot at a calendar provider
 * ("calendar-notification@google.com"; a Google employee is a person).
 * Such a sender vouches for nobody's organisation and nobody doubts it. */
bool parties_is_service_sender(const char *email);

/* ---- the organisation's domain ---- */

/* A mail provider anyone can sign up with (gmail.com, proton.me ...), or a
 * subdomain of one. */
bool parties_is_free_mail_domain(const char *domain);

/* An address of no organisation, a person's own: no organisation's
 * domain (parties_org_domain: free mail, a hiring system), or RFC 2606's
 * bare example.com, .net or .org, which stand for one in examples and
 * tests ("yetunde@example.org"). */
bool parties_is_personal(const char *email);

/* The organisation's domain of an address (see "Organisations" above),
 * lower-case: "ada@mail.acme.com" -> "acme.com", "x@jobs.acme.co.uk" ->
 * "acme.co.uk"; NULL for NULL, invalid input, free mail, hiring systems
 * and calendar services (parties_is_service_sender).  Caller frees. */
char *parties_org_domain(const char *email);

/* Are a and b at one organisation (both parties_org_domain, and equal)?
 * 1 yes, 0 no, -1 when either has none (free mail, a hiring system, not
 * an address): "not the same" and "different" are not one answer. */
int parties_same_org(const char *a, const char *b);

/* ---- a person written on one line ---- */

/* "Name <addr>", "addr" or "Name" (either may be NULL); NULL when both
 * are.  The form followupd keeps a sender in (messages seen) and shows a
 * person in; not an RFC 5322 address (the name is not quoted).  Caller
 * frees. */
char *parties_person_line(const char *name, const char *email);
/* The name and address of such a line, each NULL when it has none.
 * Caller frees both. */
void parties_person_split(const char *line, char **name, char **email);

/* ---- the user's own addresses ---- */

/* Is email one of mine[0..n) (see "Mine" above)?  NULL entries are
 * skipped; false for a NULL or empty email. */
bool parties_is_mine(const char *email, const char *const *mine, size_t n);

/* ---- address validity ---- */

/* NULL when addr is a valid address (see "Addresses" above), else why not,
 * as a short English phrase ("a domain label ends with '-'"); static. */
const char *parties_address_problem(const char *addr);
bool parties_address_valid(const char *addr);

/* A character of an atom (RFC 5322 atext): a letter, digit or one of
 * !#$%&'*+-/=?^_`{|}~.  What a local part is made of. */
bool parties_atext(unsigned char c);

/* The same for a bare host name (the part after the '@'). */
const char *parties_domain_problem(const char *domain);
bool parties_domain_valid(const char *domain);

/* ---- Message-IDs ---- */

/* The longest normalised id, brackets included (a header line's limit). */
#define PARTIES_MSGID_MAX 998

/* The first Message-ID field of a raw header block (lines ending in LF or
 * CR LF, folded lines unfolded; the field name in any case), normalised;
 * NULL when there is no such field or no usable id in it.  Reads only
 * hdr[0..len).  Caller frees. */
char *parties_message_id(const char *hdr, size_t len);

/* The first id of one field value (Message-ID, In-Reply-To), normalised,
 * or NULL.  value[0..len) may still contain folding (CR, LF, blanks). */
char *parties_msgid_first(const char *value, size_t len);

/* Append the ids of a field value (References) to *ids / *n, normalised,
 * until *n reaches max; the bracketless form only when the value has no
 * usable bracketed id.  Returns how many were added. */
size_t parties_msgid_list(const char *value, size_t len, char ***ids, size_t *n, size_t max);

/* The strict form we write: "<left@right>", one '@' with something on both
 * sides, 5 to 250 octets, printable ASCII without blanks or any of
 * <>"\(), inside the brackets. */
bool parties_msgid_valid(const char *id);

#endif
