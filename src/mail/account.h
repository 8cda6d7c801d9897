/*
 * account: the configured IMAP and SMTP accounts in the protocol modules'
 * own terms.  The one mapping from struct config (config.h) to struct
 * imap_config (imap.h) and struct smtp_config (smtp.h), used by the daemon
 * and by check-connection alike.
 *
 * It sits between the three so that config knows no protocol module and
 * the protocol modules know no configuration file (imap and smtp are
 * tested against scripted servers with hand-made settings).
 *
 * The filled structs point into cfg and are valid while cfg is.  The
 * secret is left NULL: the caller fetches it (config_password()) for each
 * login and sets it.  timeout: seconds per network wait (for SMTP, the
 * connect timeout too).  Never fails.
 */
#ifndef FOLLOWUPD_ACCOUNT_H
#define FOLLOWUPD_ACCOUNT_H

#include "config.h"
#include "imap.h"
#include "smtp.h"

void account_imap_config(const struct config *cfg, int timeout, struct imap_config *ic);
/* The EHLO name is the domain of the From address (me.addresses[0]). */
void account_smtp_config(const struct config *cfg, int timeout, struct smtp_config *sc);

#endif
