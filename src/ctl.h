/*
 * ctl: what followupd and followupctl share around the config and the
 * state database: finding the database file, opening it, and printing
 * config errors the same way.
 */
#ifndef FOLLOWUPD_CTL_H
#define FOLLOWUPD_CTL_H

#include <stdbool.h>

struct config;
struct store;

/* The database file in cfg->state_dir (caller frees). */
char *ctl_state_path(const struct config *cfg);

/*
 * Load the config at path (NULL = the default) or report every error and
 * return NULL: as plain lines on stderr, or through the log (a daemon
 * reloading: its stderr may lead nowhere).  The caller exits with
 * EXIT_CONFIG then.
 */
struct config *ctl_load_config(const char *path, bool to_log);

/*
 * Open the state database.  create: make state_dir (0700) and the file if
 * missing (the daemon); otherwise open read-write an existing database and
 * return NULL with *missing = true when there is none yet (followupctl).
 * Errors are printed on stderr (and so logged by the daemon's caller).
 */
struct store *ctl_open_store(const struct config *cfg, bool create, bool *missing);

#endif
