/* ctl: config and state-database plumbing shared by both programs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "config.h"
#include "ctl.h"
#include "log.h"
#include "store.h"
#include "utf8.h"
#include "util.h"

char *
ctl_state_path(const struct config *cfg)
{
	return xasprintf("%s/state.db", cfg->state_dir);
}

struct config *
ctl_load_config(const char *path, bool to_log)
{
	struct config_errors errs = { 0 };
	struct config *cfg = config_load(path, &errs);

	if (cfg == NULL) {
		for (size_t i = 0; i < errs.n; i++)
			if (to_log)
				log_err("%s", errs.v[i]);
			else
				fprintf(stderr, "%s\n", errs.v[i]);
		config_errors_clear(&errs);
	}
	return cfg;
}

/* mkdir -p with mode 0700 for the directories it creates. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) == -1 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

struct store *
ctl_open_store(const struct config *cfg, bool create, bool *missing)
{
	char *path = ctl_state_path(cfg), *err = NULL;
	struct store *st = NULL;

	if (missing)
		*missing = false;
	if (create) {
		if (make_dirs(cfg->state_dir) == -1) {
			log_err("cannot create state directory %s: %s", cfg->state_dir,
			    strerror(errno));
			goto out;
		}
	} else if (access(path, F_OK) == -1 && errno == ENOENT) {
		if (missing)
			*missing = true;
		goto out;
	}
	if (store_open(path, 0, &st, &err) < 0) {
		log_err("%s: %s", path, err);
		free(err);
		st = NULL;
	}
out:
	free(path);
	return st;
}

static char *
ctl_lock_path(const struct config *cfg)
{
	return xasprintf("%s/" CTL_LOCK_FILE, cfg->state_dir);
}

/* The pid written in the lock file, 0 if none can be read. */
static pid_t
ctl_lock_read_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	int64_t v;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return parse_int64(buf, 1, INT32_MAX, &v) == 0 ? (pid_t)v : 0;
}

void
ctl_lock_set_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) == -1 || pwrite(fd, buf, (size_t)n, 0) != n)
		log_warn("cannot write the pid into the lock file: %s", strerror(errno));
}

int
ctl_lock_state(const struct config *cfg, pid_t *holder)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char *path = ctl_lock_path(cfg);
	int fd = -1;

	*holder = 0;
	if (make_dirs(cfg->state_dir) == -1) {
		log_err("cannot create state directory %s: %s", cfg->state_dir, strerror(errno));
		goto fail;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		log_err("%s: %s", path, strerror(errno));
		goto fail;
	}
	/* followupctl's look takes no lock, so only a real holder makes this
	 * fail.  A holder going away (the parser worker of a daemon just
	 * killed dies a moment after it) gets a second to let go. */
	for (int tries = 0; fcntl(fd, F_OFD_SETLK, &fl) == -1; tries++) {
		if ((errno == EAGAIN || errno == EACCES) && tries < 20) {
			struct timespec ts = { 0, 50 * 1000 * 1000 };

			nanosleep(&ts, NULL);
			continue;
		}
		if (errno == EAGAIN || errno == EACCES) {
			*holder = ctl_lock_read_pid(fd);
			close(fd);
			free(path);
			return CTL_LOCK_HELD;
		}
		log_err("%s: cannot lock: %s", path, strerror(errno));
		goto fail;
	}
	ctl_lock_set_pid(fd);
	free(path);
	return fd;
fail:
	if (fd != -1)
		close(fd);
	free(path);
	return CTL_LOCK_ERROR;
}

int
ctl_daemon_running(const struct config *cfg, pid_t *pid)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	char *path = ctl_lock_path(cfg);
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	free(path);
	*pid = 0;
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if (fcntl(fd, F_OFD_GETLK, &fl) == -1)
		rc = -1;
	else if (fl.l_type == F_UNLCK)
		rc = 0;
	else {
		*pid = ctl_lock_read_pid(fd);
		rc = 1;
	}
	close(fd);
	return rc;
}

/* One character of the n bytes at s (n >= 1), by utf8.h's rule: its code
 * point in *cp, its length returned (1 with *cp = -1 for a byte that does
 * not start a valid sequence). */
static size_t
ctl_char(const unsigned char *s, size_t n, long *cp)
{
	size_t len = utf8_seq(s, n);

	if (len == 0) {
		*cp = -1;
		return 1;
	}
	*cp = len == 1 ? s[0] : s[0] & (0xff >> (len + 1));
	for (size_t i = 1; i < len; i++)
		*cp = (*cp << 6) | (s[i] & 0x3f);
	return len;
}

/* Columns of one code point: wcwidth() where the C library knows it (a
 * wchar_t is a code point in glibc), else the ranges that matter most. */
static size_t
ctl_cp_width(long cp)
{
	int w;

	if (cp < 0)
		return 1;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if ((w = wcwidth((wchar_t)cp)) >= 0)
		return (size_t)w;
	if ((cp >= 0x300 && cp <= 0x36f) || cp == 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t
ctl_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	size_t w = 0;
	long cp;

	while (p < end) {
		p += ctl_char(p, (size_t)(end - p), &cp);
		w += ctl_cp_width(cp);
	}
	return w;
}

char *
ctl_fit(const char *s, size_t width)
{
	const unsigned char *p = (const unsigned char *)s, *cut = p, *end = p + strlen(s);
	size_t w = 0, cw;
	long cp;
	char *out;

	if (ctl_width(s) <= width)
		return xstrdup(s);
	if (width == 0)
		return xstrdup("");
	/* Room for the ellipsis (one column) at the end. */
	while (p < end) {
		size_t n = ctl_char(p, (size_t)(end - p), &cp);

		cw = ctl_cp_width(cp);
		if (w + cw > width - 1)
			break;
		w += cw;
		p += n;
		cut = p;
	}
	out = xmalloc((size_t)(cut - (const unsigned char *)s) + sizeof("\u2026"));
	memcpy(out, s, (size_t)(cut - (const unsigned char *)s));
	memcpy(out + (cut - (const unsigned char *)s), "\u2026", sizeof("\u2026"));
	return out;
}

void
ctl_cell(FILE *out, const char *s, size_t width, bool last)
{
	char *f = ctl_fit(s ? s : "", width);

	fputs(f, out);
	if (!last)
		for (size_t w = ctl_width(f); w < width; w++)
			fputc(' ', out);
	free(f);
	if (!last)
		fputs("  ", out);
}
