/*
 * conncheck: `followupctl check-connection`, the configuration tried
 * against the real servers, like `msmtp --serverinfo`.
 *
 * For IMAP and then SMTP it prints a few indented lines each:
 *   - TLS: the version and cipher of a handshake of its own (GnuTLS,
 *     after STARTTLS when the URL says so), and the server's certificate:
 *     subject, issuer, expiry, SHA-256 fingerprint and tls_verify_chain()'s
 *     verdict with the account's ca_file;
 *   - the capabilities the server announces before login (IMAP CAPABILITY,
 *     SMTP EHLO over TLS);
 *   - the login, through the modules the daemon uses (imap.c, smtp.c, the
 *     secret from config_password()), accepted or refused in the server's
 *     words;
 *   - IMAP after login: IDLE, SPECIAL-USE, X-GM-EXT-1, UIDPLUS, MOVE; every
 *     watched folder (SELECT: exists, message count); the Sent folder as
 *     the daemon would find it; a test IDLE (IDLE, the continuation, DONE);
 *   - SMTP: a NOOP after AUTH.  No MAIL command is ever given: nothing is
 *     sent, and nothing in the mailbox changes.
 * Secrets never appear in the output.
 *
 * Returns the exit status (sysexits): 0 when both logins work (and the
 * watched folders exist), EXIT_UNAVAILABLE (69) when a server refuses
 * for good (login refused, certificate not trusted, a watched folder
 * missing, no password), EXIT_TEMPFAIL (75) when a server cannot be
 * reached or fails for now; the worse of the two accounts.
 * The program must ignore SIGPIPE and have called smtp_global_init().
 */
#ifndef FOLLOWUPD_CONNCHECK_H
#define FOLLOWUPD_CONNCHECK_H

#include <stdio.h>

#include "config.h"

int conncheck_run(const struct config *cfg, FILE *out);

#endif
