/*
 * ctl_scan: `followupctl scan [--json | --explain] [--no-sandbox] FILE...`, print what
 * followupd would recognise in saved mails (one RFC 5322 message per
 * file).  It changes nothing: no state, no network.
 *
 * Each file is parsed and recognised in a sandboxed worker (sandbox.h),
 * as the daemon does; --no-sandbox does it in-process (for valgrind and
 * benchmarks).  With --json each file gives one line: the object of
 * DESIGN.md section 2 ("file" first, then detection_to_json()'s fields,
 * unknown ones null, times UTC "YYYY-MM-DDTHH:MM:SSZ", and "confidence"
 * and "reasons").  Without it, a short summary per file; --explain adds
 * why: the kind, the rule that decided it, the signals that held, the
 * confidence and each reason for it.
 *
 * Exit status: 0 when every file was read and recognised; 66 (EX_NOINPUT)
 * when a file could not be opened or read (the others are still printed);
 * 65 (EX_DATAERR) when the parser failed on a file (crashed, timed out:
 * the daemon would record it as unreadable); 64 on a usage error.
 */
#ifndef FOLLOWUPD_CTL_SCAN_H
#define FOLLOWUPD_CTL_SCAN_H

#include "detect.h"

/* argv[0] is "scan".  opts: from the config, or detect_opts_init()
 * defaults (opts NULL means the defaults too). */
int ctl_scan(int argc, char **argv, const struct detect_opts *opts);

#endif
