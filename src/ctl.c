/* ctl: config and state-database plumbing shared by both programs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "ctl.h"
#include "log.h"
#include "store.h"
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
