/*
 * fakeimap: a scripted fake IMAP server for the unit tests (test_imap,
 * test_watch).  A forked child on 127.0.0.1 reads each command the client
 * sends, checks it against the script and answers with canned lines.  It
 * exits non-zero on anything unexpected; fake_check() fails the test then.
 *
 * Include after <cmocka.h> (fake_start and fake_check use its asserts).
 */
#ifndef FOLLOWUPD_TESTS_FAKEIMAP_H
#define FOLLOWUPD_TESTS_FAKEIMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "imap.h"

/*
 * One step of the script.  expect: NULL sends reply without reading (the
 * greeting, or news pushed later); a command the client must send, after
 * its tag ("SELECT INBOX"), matched as a prefix ignoring case; "!DONE" is an
 * untagged line matched whole.  reply: sent in one write, "$T" replaced by
 * the client's tag; NULL answers nothing.  delay_ms: wait before replying.
 * The script ends with a step whose expect and reply are both NULL; after
 * it only LOGOUT may come.
 */
struct step {
	const char *expect;
	const char *reply;
	int delay_ms;
};

struct fake {
	pid_t pid;
	unsigned port;
};

/* Start a server that follows steps (copied into the child by fork). */
struct fake fake_start(const struct step *steps);
/* Assert that the server followed its whole script and saw nothing unexpected. */
void fake_check(struct fake f);

/* Send reply with "$T" replaced by tag; the child exits if the write fails. */
void fake_send_reply(int fd, const char *reply, const char *tag);
/* Read one line (without CRLF) into line; false at EOF. */
bool fake_read_line(int fd, char *line, size_t size);

/* A plain-text client for the fake (user jane, password secret, PLAIN). */
struct imap *fake_open_plain(unsigned port, enum imap_security sec, int timeout);

#define GREETING "* OK fake ready\r\n"
#define CAPS "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE UIDPLUS\r\n$T OK done\r\n"
/* base64("\0jane\0secret") */
#define AUTH_PLAIN "AUTHENTICATE PLAIN AGphbmUAc2VjcmV0"

#endif
