#include "autoconfig.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "tmpstore.h"
#include "util.h"

struct tmpstore *
tmpstore_new(const char *name)
{
	struct tmpstore *t = xcalloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");
	char *err = NULL;

	snprintf(t->dir, sizeof(t->dir), "%s/%s.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", name);
	if (mkdtemp(t->dir) == NULL)
		return NULL;
	t->path = xasprintf("%s/state.db", t->dir);
	if (store_open(t->path, 0, &t->st, &err) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		free(err);
		return NULL;
	}
	return t;
}

static int
rm_one(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	remove(p);
	return 0;
}

void
tmpstore_free(struct tmpstore *t)
{
	store_close(t->st);
	nftw(t->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t->path);
	free(t);
}
