/*
 * detection: the half of detect.h that works on a struct detection
 * without reading mail: detect_kind_str/parse, detect_confidence_str/parse,
 * detect_rule_final_other, detection_unplaced, detection_doubt, detection_update_is_news,
 * detection_free,
 * detect_opts_init and detect_format_time (declared in detect.h, which
 * holds the types and the contract of each; defined in detection.c).
 *
 * Linking these needs no MIME, calendar or HTML parser: detection.c
 * depends on libc and util only.  The daemon, which gets its detections
 * as JSON from the parser program (recognise.h), links this half and
 * not detect_message(), so it maps neither libical nor libxml2 (nor ICU
 * through them).  Keep it that way: a function that needs the recogniser
 * belongs in detect*.c, not here.
 */
#ifndef FOLLOWUPD_DETECTION_H
#define FOLLOWUPD_DETECTION_H

#include "detect.h"

/*
 * The name of a classifier rule as a string of static storage duration,
 * what detection.rule holds: for a detection decoded from the worker's
 * JSON (detect_json.h), where the table of rules (detect_kind.c) is not
 * linked.  Equal names give the same pointer.  NULL when name is NULL,
 * not shaped like a rule name (1 to DETECTION_RULE_MAX bytes of a-z, 0-9
 * and "-"), or new when DETECTION_RULES_MAX names are already held (a
 * worker that makes names up gets no more).  Not thread-safe.
 */
#define DETECTION_RULE_MAX 48
#define DETECTION_RULES_MAX 128
const char *detection_rule_intern(const char *name);

#endif
