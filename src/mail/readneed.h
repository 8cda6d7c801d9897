/*
 * readneed: can the contents of a mail change what the daemon does with it,
 * judged from its header fields and structure alone?  Pure.
 *
 * Recognition (detect_kind.c) reads every mail with list headers
 * (List-Id, or Precedence bulk, list or junk; List-Unsubscribe alone is
 * not one: hiring systems send it on interview mail too) and no
 * calendar as "other" by rule "bulk" or an earlier rule, all "other",
 * whatever its text says, but a rejection or an offer whose subject
 * names the user's application (or whose first line greets the user by
 * name: the subject of such a notice names the application too); and
 * the intake (followup.c, daemon_digest.c)
 * reads the text of an "other" mail only when it comes from the user or
 * answers a thread (In-Reply-To, References).  So the contents of a mail
 * matter unless all of these hold:
 *   - the structure can hold no calendar (calendar_maybe false);
 *   - a list header is there, spelled exactly ("List-Id:" at the start of
 *     a line, a value that is not blank; "Precedence: bulk" plain, not
 *     encoded) -- every doubt counts as "not bulk";
 *   - no In-Reply-To or References field;
 *   - the Subject names no application ("application", "Bewerbung",
 *     "candidature", "candidatura", "sollicitatie", "Kandidatur"), and is
 *     not encoded (an encoded word is a doubt);
 *   - From names none of the user's domains (the domain of every address
 *     in mine, anywhere in the raw value: a sub-address or odd quoting
 *     still counts as the user);
 *   - the header is plain: under 64 KiB and 500 lines, no NUL byte (the
 *     MIME parser keeps 1000 fields of 16 KiB: nothing it drops can
 *     differ).
 * The result errs towards true: reading a mail that does not matter costs
 * bytes, skipping one that does would change a decision.
 */
#ifndef FOLLOWUPD_READNEED_H
#define FOLLOWUPD_READNEED_H

#include <stdbool.h>
#include <stddef.h>

bool readneed_contents(const char *header, size_t len, bool calendar_maybe,
    const char *const *mine, size_t nmine);

#endif
