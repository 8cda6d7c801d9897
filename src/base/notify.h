/*
 * notify: tell the service manager how the daemon is doing (sd_notify(3)).
 *
 * Built with libsystemd this is sd_notify(); without it, the same
 * datagrams are written to $NOTIFY_SOCKET by hand.  Outside systemd
 * (no NOTIFY_SOCKET) every call does nothing.
 */
#ifndef FOLLOWUPD_NOTIFY_H
#define FOLLOWUPD_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* True when a service manager listens (NOTIFY_SOCKET is set). */
bool notify_enabled(void);

/* READY=1 (with a STATUS= line). */
void notify_ready(const char *status);
/* STATUS=... (one line; control bytes are replaced). */
void notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* RELOADING=1, STOPPING=1. */
void notify_reloading(void);
void notify_stopping(void);

/*
 * The watchdog interval in microseconds when WatchdogSec= is set for this
 * process (WATCHDOG_USEC, WATCHDOG_PID), else 0.
 */
uint64_t notify_watchdog_usec(void);
/* WATCHDOG=1, at most once per half interval (cheap to call often). */
void notify_watchdog(void);

#endif
