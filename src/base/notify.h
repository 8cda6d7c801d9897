/*
 * notify: tell the service manager how the daemon is doing (sd_notify(3)).
 *
 * The datagrams are written to $NOTIFY_SOCKET by hand (a path, or "@"
 * for the abstract namespace), as sd_notify() writes them: libsystemd
 * and the five libraries it brings (gcrypt, lz4, zstd, lzma, libcap) cost
 * the idle daemon about 0.7 MB for one sendto().  Outside systemd (no
 * NOTIFY_SOCKET) every call does nothing.
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
/* WATCHDOG=1, at most once per quarter of the interval (cheap to call
 * often; the daemon wakes at least every half interval to call it). */
void notify_watchdog(void);

#endif
