/*
 * message_p.h: what message.c and message_html.c share; private to the
 * message module (no other module includes it).
 */
#ifndef FOLLOWUPD_MESSAGE_P_H
#define FOLLOWUPD_MESSAGE_P_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"
#include "util.h"

/* Append cp as UTF-8: U+0000 dropped, a surrogate or anything beyond
 * U+10FFFF as U+FFFD. */
void message_put_cp(struct buf *b, uint32_t cp);

/* Convert the UTF-8 html p (n bytes) to readable text appended to out;
 * links go into part (url and text owned by the part). */
void message_html_to_text(const char *p, size_t n, struct buf *out, struct msg_part *part);

#endif
