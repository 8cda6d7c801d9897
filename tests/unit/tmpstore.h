/*
 * tmpstore: a fresh store in a temporary directory of its own, for the unit
 * tests that need a real database (test_store, test_attention, test_watch).
 */
#ifndef FOLLOWUPD_TESTS_TMPSTORE_H
#define FOLLOWUPD_TESTS_TMPSTORE_H

#include "store.h"

struct tmpstore {
	char dir[4096];         /* $TMPDIR/NAME.XXXXXX, /tmp without TMPDIR */
	char *path;             /* dir/state.db */
	struct store *st;       /* open on path */
};

/* A new directory and a new store in it: NULL, with the reason on stderr
 * when the store did not open, on failure. */
struct tmpstore *tmpstore_new(const char *name);

/* Close the store, remove the directory with all it holds, free t. */
void tmpstore_free(struct tmpstore *t);

#endif
