/*
 * message_nohtml: the daemon's stand-in for message_html.c (message_p.h,
 * "HTML"), linked instead of it so the daemon maps no libxml2 (and no ICU
 * through it).  The daemon parses no mail from the network itself (its
 * parser worker does, recognise.h); it parses only its own compositions
 * and the user's edits of them, to show them in the review digest
 * (daemon_digest.c).  An HTML part there is shown as its source: the
 * words that will be sent, tags and all.
 */
#include "autoconfig.h"

#include "message_p.h"

void
message_html_init(void)
{
}

void
message_html_to_text(const char *p, size_t n, struct buf *out, struct msg_part *part)
{
	(void)part;
	buf_add(out, p, n);
}
