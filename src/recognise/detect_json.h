/*
 * detect_json: a detection as JSON and back, for the two users of that
 * form: the recognition worker's answer to its parent (recognise.c, the
 * extended form) and `followupctl scan --json` (ctl_scan.c, the plain
 * form of DESIGN.md section 2).  Recognition itself (detect.h) knows no
 * JSON; this is the only place the detection's JSON schema is written.
 *
 * Pure: no I/O, no global state but the rule names the decoder keeps
 * (detection_rule_intern()).  It links no recogniser: the daemon decodes
 * its worker's answers with it (detection.h).
 */
#ifndef FOLLOWUPD_DETECT_JSON_H
#define FOLLOWUPD_DETECT_JSON_H

#include <stdbool.h>

#include <jansson.h>

#include "detect.h"

/*
 * The detection as JSON (new reference, caller json_decref()s).  With
 * extended false: exactly the `followupctl scan --json` schema of
 * DESIGN.md (without "file", which the caller adds): every field present,
 * unknown ones null, times "YYYY-MM-DDTHH:MM:SSZ", then "confidence"
 * ("high"/"low") and "reasons" (the kind's reason, then why the confidence:
 * each doubt, or the strong source).  With extended true, also "signals"
 * (the names of the signals that held), "sequence", "time_uncertain", "reason", "rule" (the classifier
 * rule's name), "subject", "in_reply_to", "references", "from", "date",
 * "auth" (["dkim=fail", "dmarc=fail"...]): what the daemon needs from the
 * sandbox.
 */
json_t *detection_to_json(const struct detection *d, bool extended);

/*
 * The inverse (reads both forms; unknown keys ignored).  Returns 0, or -1
 * when j is not an object or a field has the wrong type, or "rule" is no
 * rule's name (detection_rule_intern() refuses it), or "confidence" is neither "high" nor "low" (absent: low), or
 * "reasons"/"signals" hold more than 64 strings (out is then freed and
 * zeroed).  Strings are checked to be
 * valid UTF-8 by jansson.
 */
int detection_from_json(const json_t *j, struct detection *out);

#endif
