/* log: stderr in the foreground, syslog (and so the journal) otherwise. */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static bool log_foreground = true;
static int log_verbosity;
static const char *log_ident = "followupd";

static const char *const level_names[] = { "error", "warning", "notice", "info", "debug" };
static const int level_prio[] = { LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG };

void
log_init(const char *ident, bool foreground, int verbosity)
{
	log_ident = ident;
	log_foreground = foreground;
	log_verbosity = verbosity;
	if (!foreground)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
log_set_verbosity(int verbosity)
{
	log_verbosity = verbosity;
}

bool
log_enabled(enum log_level level)
{
	return (int)level <= (int)LOG_LEVEL_NOTICE + log_verbosity;
}

/* One line, no control bytes: mail content must not forge log lines. */
static void
sanitize(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = (*p == '\t') ? ' ' : '?';
}

void
log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char line[2048];

	if (!log_enabled(level))
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	sanitize(line);
	if (log_foreground) {
		fprintf(stderr, "%s: %s%s%s\n", log_ident,
		    level == LOG_LEVEL_NOTICE || level == LOG_LEVEL_INFO ? "" : level_names[level],
		    level == LOG_LEVEL_NOTICE || level == LOG_LEVEL_INFO ? "" : ": ", line);
		fflush(stderr);
	} else
		syslog(level_prio[level], "%s", line);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

void
fatal(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOG_LEVEL_ERR, fmt, ap);
	va_end(ap);
	exit(status);
}
