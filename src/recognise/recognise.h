/*
 * recognise: raw mail in, struct detection out, with the parsing and the
 * recognition done in a sandboxed worker process (sandbox.h), because the
 * MIME and calendar parsers underneath are not to be trusted with hostile
 * input.
 *
 * The worker receives "now" and the raw bytes of one mail or of several
 * (recognise_many), runs message_parse() and detect_message() on each and
 * answers with the extended JSON of each detection;
 * the parent decodes it with detection_from_json(), which type-checks
 * every field, so garbage from a compromised child is refused, not used.
 */
#ifndef FOLLOWUPD_RECOGNISE_H
#define FOLLOWUPD_RECOGNISE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "detect.h"

struct config;
struct recogniser;

/*
 * A recogniser with these detect options (NULL: the defaults; see
 * recognise_opts() for the ones of a config).  The options are copied.
 * Never returns NULL; the worker starts with the first mail.
 */
struct recogniser *recognise_new(const struct detect_opts *opts);
void recognise_free(struct recogniser *r);

/*
 * Recognise one raw mail.  Returns 0 with *out filled (free with
 * detection_free) and, when text is not NULL, *text set to the new text
 * of the mail (its body above any quoted part, at most RECOGNISE_MAX_TEXT
 * bytes; NULL when empty; caller frees): what a reply to a reflection
 * prompt adds as notes.  Or -1 with *err (caller frees) saying why the
 * mail is unreadable: the worker crashed, timed out, or answered garbage.
 * The recogniser stays usable after a failure.
 */
int recognise(struct recogniser *r, const char *raw, size_t len, time_t now,
    struct detection *out, char **text, char **err);

#define RECOGNISE_MAX_TEXT 4096

/*
 * Batches.  Several mails go to the worker in one frame (each with its
 * length) and come back in one answer, which saves the round trip and two
 * context switches per mail.  A frame holds at most RECOGNISE_BATCH_MAX
 * mails and RECOGNISE_BATCH_BYTES bytes of them (a larger mail goes alone).
 * When the worker crashes, times out, or answers garbage in the middle of
 * a frame, each mail of that frame is tried again in a frame of its own,
 * so exactly the mail that kills the worker is reported unreadable and the
 * others get the answer they would have got alone.
 *
 * Each FOLLOWUPD_TEST_CRASH hook of sandbox.h applies to every mail of a
 * frame: a mail beginning with "FOLLOWUPD-TEST-CRASH" crashes the worker.
 */
#define RECOGNISE_BATCH_MAX 32
/* A job's rc when the parser could not be started (its program missing or
 * being replaced, no process to spare): no fault of the mail, which must
 * be read again later, not given up as unreadable.  The jobs after it in
 * the call get it too. */
#define RECOGNISE_UNAVAILABLE (-2)
#define RECOGNISE_BATCH_BYTES (4u * 1024 * 1024)

struct recognise_job {
	const char *raw;       /* in: the raw mail (borrowed) */
	size_t len;            /* in */
	int rc;                /* out: 0 recognised, -1 unreadable,
	                          RECOGNISE_UNAVAILABLE not read at all */
	struct detection d;    /* out when rc is 0 (zeroed otherwise) */
	char *text;            /* out when rc is 0 and text was asked: as recognise() */
	char *err;             /* out when rc is -1: why, as recognise() */
};

/*
 * Recognise jobs[0..n) with "now" in as few worker round trips as the
 * limits above allow; each job gets what recognise() gives for its mail
 * alone (want_text: fill job->text).  The out fields are overwritten (not
 * freed) on entry; free them with recognise_job_clear().  Returns the
 * number of unreadable mails.  The recogniser stays usable.
 */
size_t recognise_many(struct recogniser *r, struct recognise_job *jobs, size_t n,
    time_t now, bool want_text);

/* Free a job's out fields and zero them (raw and len stay). */
void recognise_job_clear(struct recognise_job *job);

/* Fill opts from cfg (borrowing cfg's strings; cfg NULL: defaults). */
void recognise_opts(const struct config *cfg, struct detect_opts *opts);

/*
 * The worker's side, below, is recognise_worker.c: only what parses mail
 * links it (the parser program, followupctl scan, the fuzzers), so the
 * daemon, which only calls the functions above, maps no mail or calendar
 * parser of its own.
 */

/* The new text of a reply: body lines up to the quote ("> ...", "On ...
 * wrote:", "-----Original Message-----"), trimmed, at most max bytes (cut
 * at a UTF-8 boundary).  NULL when nothing is left.  Pure; the
 * worker's (recognise_worker.c). */
char *recognise_reply_text(const char *body, size_t max);

/* The same without a sandbox, for fuzzing and valgrind runs. */
int recognise_unsandboxed(const struct detect_opts *opts, const char *raw, size_t len,
    time_t now, struct detection *out);

/*
 * The worker's side, for the parser program (src/followupd-parse.c):
 * recognise_worker_init() loads what parsing needs from the file system
 * and returns the arg of recognise_worker(), the sandbox_fn that answers
 * recognise()'s calls.  opts (and what it points to) must outlive it.
 */
struct buf;
void *recognise_worker_init(const struct detect_opts *opts);
int recognise_worker(const char *input, size_t len, struct buf *out, void *arg);

#endif
