/*
 * recognise_p.h: what the two sides of recognise.h share; private to
 * recognise.c (the client: the daemon and followupctl) and
 * recognise_worker.c (the worker in the parser program).
 */
#ifndef FOLLOWUPD_RECOGNISE_P_H
#define FOLLOWUPD_RECOGNISE_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct buf;

/*
 * The frame (recognise.h, "Batches"): "now" as LEN_DIGITS decimal digits,
 * then per mail its length as LEN_DIGITS digits and its bytes.  The answer:
 * per mail, in the same order, the length of its answer as LEN_DIGITS
 * digits and the answer {"detection": {...}, "text": "..."|null}; a length
 * of 0 when the worker has no answer for that mail.  Fixed-width decimal:
 * no byte order, and the parent checks every digit of what comes back.
 */
#define LEN_DIGITS 20


/* Read a LEN_DIGITS field at p[0..left); false unless all digits. */
bool recognise_read_len(const char *p, size_t left, uint64_t *out);
/* Append n as a LEN_DIGITS field. */
void recognise_add_len(struct buf *b, uint64_t n);
/* "now" travels as the two's complement of its 64 bits. */
uint64_t recognise_bits_of(time_t t);
time_t recognise_time_of(uint64_t u);

#endif
