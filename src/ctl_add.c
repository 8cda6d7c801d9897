/*
 * ctl_add: what the user adds by hand: `followupctl note` (notes for the
 * thank-you mails) and `followupctl add-interview` (an interview
 * recognition missed).  Both go through the use cases of followup.h, as
 * the daemon's own findings do.  See ctl_p.h.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "config.h"
#include "ctl_p.h"
#include "followup.h"
#include "outbox.h"
#include "parties.h"
#include "store.h"
#include "track.h"
#include "util.h"
#include "when.h"

int
cmd_note(struct ctl *c, int argc, char **argv)
{
	struct interview iv = { 0 };
	struct outbox *ob = NULL;
	struct buf text = { 0 };
	int64_t id;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: followupctl note INTERVIEW TEXT...\n"
		    "  Notes are private: they go into no mail but your own.  \"Ada: TEXT\"\n"
		    "  goes into Ada's thank-you alone, \"All: TEXT\" into every interviewer's.\n");
		return EXIT_USAGE;
	}
	if (ctl_need_store(c) == -1 || ctl_parse_id("note", argv[1], &id) == -1)
		return EXIT_USAGE;
	for (int i = 2; i < argc; i++)
		buf_addf(&text, "%s%s", i > 2 ? " " : "", argv[i]);
	if ((rc = store_interview_get(c->st, id, &iv)) != 1) {
		fprintf(stderr, "followupctl note: no interview %lld (see followupctl interviews --all)\n",
		    (long long)id);
		buf_free(&text);
		return rc < 0 ? EXIT_IOERR : EXIT_DATAERR;
	}
	if ((ob = ctl_open_outbox(c)) == NULL) {
		rc = EXIT_CONFIG;
		goto out;
	}
	rc = EXIT_IOERR;
	{
		struct followup fu = { c->st, c->cfg, ob };

		if (followup_add_notes(&fu, id, "followupctl", NULL, text.data, c->now) < 0) {
			fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
			goto out;
		}
	}
	{
		char *who = outbox_notes_summary(ob, id);

		printf("notes added to interview %lld (%s)\n", (long long)id, who ? who : "?");
		if (who && strstr(who, "0 private") == NULL)
			printf("Private lines go into no mail but your own. To put a line into a "
			    "thank-you, start it with the person's name (\"Ada: ...\"), or with "
			    "\"All:\" for every interviewer.\n");
		free(who);
	}
	ctl_poke_daemon(c);
	rc = 0;
out:
	outbox_free(ob);
	interview_clear(&iv);
	buf_free(&text);
	return rc;
}

/* "2027-03-02 15:00" in the user's zone, or ISO 8601 with Z. */
static int
parse_when(const struct ctl *c, const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char *end;

	if (strchr(s, 'Z'))
		return when_parse_iso(s, out);
	end = strptime(s, "%Y-%m-%d %H:%M", &tm);
	if (end == NULL)
		end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	tm.tm_isdst = -1;
	*out = when_from_local(&tm, c->cfg->me.timezone);
	return 0;
}

static int
person_arg(const char *opt, const char *s, struct track_person *p)
{
	struct compose_addrs list = { 0 };
	char *err = NULL;

	memset(p, 0, sizeof(*p));
	if (strchr(s, '@') == NULL) {
		p->name = xstrdup(s);       /* a name alone: no address known */
		return 0;
	}
	if (compose_parse_addresses(s, &list, &err) == -1 || list.n != 1) {
		fprintf(stderr, "followupctl add-interview: %s '%s': %s\n", opt, s,
		    err ? err : "expected one 'Name <address>'");
		free(err);
		compose_addrs_free(&list);
		return -1;
	}
	p->name = list.v[0].name && *list.v[0].name ? xstrdup(list.v[0].name) : NULL;
	p->email = xstrdup(list.v[0].addr);
	compose_addrs_free(&list);
	return 0;
}

int
cmd_add_interview(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "company", required_argument, NULL, 'C' },
		{ "role", required_argument, NULL, 'r' },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "interviewer", required_argument, NULL, 'i' },
		{ "contact", required_argument, NULL, 'k' },
		{ "final", no_argument, NULL, 'f' },
		{ "references", no_argument, NULL, 'R' },
		{ "decision-by", required_argument, NULL, 'd' },
		{ "unplaced", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	struct interview_facts f = { .change = TRACK_ANNOUNCED };
	struct track_person who;
	struct track_result tr;
	struct outbox *ob = NULL;
	int64_t unplaced = 0;
	int ch, rc = EXIT_USAGE;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C': free(f.company); f.company = xstrdup(optarg); break;
		case 'r': free(f.role); f.role = xstrdup(optarg); break;
		case 's':
		case 'e':
			if (parse_when(c, optarg, ch == 's' ? &f.start : &f.end) == -1) {
				fprintf(stderr, "followupctl add-interview: --%s '%s': expected "
				    "\"YYYY-MM-DD HH:MM\" (in %s) or ISO 8601 with Z\n",
				    ch == 's' ? "start" : "end", optarg, c->cfg->me.timezone);
				goto out;
			}
			*(ch == 's' ? &f.has_start : &f.has_end) = true;
			break;
		case 'i':
			if (person_arg("--interviewer", optarg, &who) == -1)
				goto out;
			track_facts_add_interviewer(&f, who.name, who.email);
			free(who.name);
			free(who.email);
			break;
		case 'k':
			free(f.contact.name);
			free(f.contact.email);
			memset(&f.contact, 0, sizeof(f.contact));
			if (person_arg("--contact", optarg, &f.contact) == -1)
				goto out;
			break;
		case 'f': f.final_round = true; break;
		case 'R': f.asks_references = true; break;
		case 'd':
			free(f.decision_by);
			f.decision_by = xstrdup(optarg);
			break;
		case 'u':
			if (ctl_parse_id("add-interview --unplaced", optarg, &unplaced) == -1)
				goto out;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || f.company == NULL || !f.has_start)
		goto usage;
	if (f.has_end && f.end <= f.start) {
		fprintf(stderr, "followupctl add-interview: --end must be after --start\n");
		goto out;
	}
	if (ctl_need_store(c) == -1 || (ob = ctl_open_outbox(c)) == NULL) {
		rc = c->st ? EXIT_CONFIG : EXIT_USAGE;
		goto out;
	}
	f.timezone = xstrdup(c->cfg->me.timezone);
	f.reason = unplaced ? xasprintf("entered by hand for unplaced mail %lld",
	    (long long)unplaced) : xstrdup("entered by hand");
	{
		struct followup fu = { c->st, c->cfg, ob };

		rc = unplaced ? followup_place_unplaced(&fu, unplaced, &f, c->now, &tr) :
		    followup_add_interview(&fu, &f, c->now, &tr);
		if (rc < 0) {
			fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
			rc = EXIT_IOERR;
			goto out;
		}
		if (unplaced && rc == 0) {
			fprintf(stderr, "followupctl add-interview: %lld is no unplaced mail waiting "
			    "to be placed (see followupctl unplaced --all)\n", (long long)unplaced);
			rc = EXIT_DATAERR;
			goto out;
		}
	}
	printf("interview %lld with %s%s\n", (long long)tr.interview_id, f.company,
	    tr.interview_new ? " added" : " updated");
	if (unplaced) {
		char *line = parties_person_line(f.contact.name, f.contact.email);

		if (line != NULL)
			printf("unplaced mail %lld: placed; the contact is %s\n", (long long)unplaced, line);
		else
			printf("unplaced mail %lld: placed; no contact (its sender is no person)\n",
			    (long long)unplaced);
		free(line);
	}
	ctl_poke_daemon(c);
	rc = 0;
	goto out;
usage:
	fprintf(stderr, "usage: followupctl add-interview --company NAME --start \"YYYY-MM-DD HH:MM\"\n"
	    "         [--end TIME] [--role ROLE] [--interviewer 'Name <addr>']...\n"
	    "         [--contact 'Name <addr>'] [--final] [--references] [--decision-by YYYY-MM-DD]\n"
	    "         [--unplaced ID]\n");
out:
	outbox_free(ob);
	track_facts_clear(&f);
	return rc;
}
