/* ctl: config and state-database plumbing shared by both programs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
