/*
 * parser: the recognition worker as its own program, followupd-parse.
 *
 * recognise.c runs message_parse() and detect_message() in a sandboxed
 * worker (sandbox.h).  The worker is not a fork of the daemon but the
 * small program followupd-parse (src/followupd-parse.c), exec'd by the
 * sandbox: it links what parsing needs (libetpan's MIME parser, libical,
 * jansson, libseccomp) and maps none of the daemon's memory (its heap,
 * the SQLite page cache, TLS state, passwords).
 *
 * The detect options reach it as JSON in the sandbox's init frame; the
 * program then serves recognise.c's worker function unchanged.  Where the
 * program is: $FOLLOWUPD_PARSER, else beside the running program (the
 * build tree), else PKGLIBEXECDIR/followupd-parse (where `make install`
 * puts it).  A worker that had no call for PARSER_IDLE_MS leaves and gives
 * its memory back; the next mail starts a new one (~30 ms wall: libraries,
 * iconv modules, time zones).  A minute, not less: a worker is big
 * (libical and libxml2 bring ICU and libstdc++, about 9 MB of PSS while it
 * lives) and is gone when the daemon idles, while mail in a burst (a
 * thread's replies, a sync after a reconnect) keeps one warm and each mail
 * near IMAP's own latency.
 */
#ifndef FOLLOWUPD_PARSER_H
#define FOLLOWUPD_PARSER_H

#include <stddef.h>

#include "detect.h"

#define PARSER_PROGRAM "followupd-parse"
#define PARSER_ENV "FOLLOWUPD_PARSER"
#define PARSER_IDLE_MS 60000u

struct sandbox;

/* The sandbox of the parser program with these options (copied; the
 * time opts->now is not passed: each call carries its own).  Never NULL. */
struct sandbox *parser_sandbox(const struct detect_opts *opts);

/* The options as the init frame's JSON (caller frees; *len its length). */
char *parser_opts_encode(const struct detect_opts *opts, size_t *len);

/*
 * In the program: the options back from the JSON.  0, or -1 when s is not
 * what parser_opts_encode() writes.  The strings and arrays are allocated
 * and live as long as the program (the worker keeps them to its end).
 */
int parser_opts_decode(const char *s, size_t len, struct detect_opts *opts);

/* Free what parser_opts_decode() allocated (tests; the program keeps its
 * options to its end) and reset opts to the defaults. */
void parser_opts_free(struct detect_opts *opts);

#endif
