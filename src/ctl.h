/*
 * ctl: what followupd and followupctl share around the config and the
 * state database: finding the database file, opening it, and printing
 * config errors the same way.
 */
#ifndef FOLLOWUPD_CTL_H
#define FOLLOWUPD_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

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

/*
 * One daemon per state.  The lock is an open-file-description lock
 * (F_OFD_SETLK) on state_dir/followupd.lock: it belongs to the open file,
 * not to the process, so it survives the fork of daemon() and goes away
 * only when the last copy of the descriptor is closed (the daemon's exit,
 * whatever the cause).  The file holds the holder's pid, for messages only:
 * whether a daemon runs is always decided by the lock itself.
 */
#define CTL_LOCK_FILE "followupd.lock"

/*
 * Make state_dir (0700) if needed and take the lock for this process,
 * writing its pid into the file.  Returns the descriptor (keep it open
 * for the process's life), CTL_LOCK_HELD with *holder = the holder's pid
 * (0 if unknown) when another process has it, or CTL_LOCK_ERROR (the
 * reason printed on stderr).
 */
#define CTL_LOCK_HELD  (-1)
#define CTL_LOCK_ERROR (-2)
int ctl_lock_state(const struct config *cfg, pid_t *holder);

/* Write the current pid into the lock file (after daemon() forked). */
void ctl_lock_set_pid(int fd);

/*
 * Is a daemon running on this state?  1 if some process holds the lock
 * (*pid its pid, 0 if unknown), 0 if none does (no lock file counts as
 * none), -1 if it cannot tell (the file cannot be read; errno says why).
 * Takes no lock itself, so it never gets in the way of a daemon starting.
 */
int ctl_daemon_running(const struct config *cfg, pid_t *pid);

#endif
