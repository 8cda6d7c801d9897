/*
 * log: one logging family for the whole program.
 *
 * In the foreground (log_init with foreground = true) lines go to stderr,
 * prefixed with the level; otherwise to syslog(3), which journald collects
 * with the priority.  Messages are single lines: embedded control bytes
 * are replaced so a hostile mail cannot forge log lines.
 */
#ifndef FOLLOWUPD_LOG_H
#define FOLLOWUPD_LOG_H

#include <stdbool.h>
#include <stdarg.h>

enum log_level {
	LOG_LEVEL_ERR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_NOTICE,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

/* verbosity: 0 logs notice and above, 1 adds info, 2 and more debug. */
void log_init(const char *ident, bool foreground, int verbosity);
void log_set_verbosity(int verbosity);
bool log_enabled(enum log_level level);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#define log_err(...)    log_msg(LOG_LEVEL_ERR, __VA_ARGS__)
#define log_warn(...)   log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...)   log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)  log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

/* Log at error level and exit with status. */
_Noreturn void fatal(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
