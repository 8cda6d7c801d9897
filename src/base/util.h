/*
 * util: memory, strings and growable buffers, and the few small helpers
 * every module needs (a whole file, a decimal number, the monotonic
 * clock).  Running a command is proc.h, TCP helpers are net.h.
 *
 * Allocation functions never return NULL: on exhaustion they log and exit
 * with status 71 (EX_OSERR).  Every string they return is owned by the
 * caller and freed with free().
 */
#ifndef FOLLOWUPD_UTIL_H
#define FOLLOWUPD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* sysexits(3) values used by the programs. */
#define EXIT_USAGE    64   /* EX_USAGE: bad command line */
#define EXIT_DATAERR  65   /* EX_DATAERR */
#define EXIT_NOINPUT  66   /* EX_NOINPUT */
#define EXIT_UNAVAILABLE 69 /* EX_UNAVAILABLE: a service refused for good */
#define EXIT_SOFTWARE 70   /* EX_SOFTWARE: internal error */
#define EXIT_OSERR    71   /* EX_OSERR */
#define EXIT_CANTCREAT 73  /* EX_CANTCREAT */
#define EXIT_IOERR    74   /* EX_IOERR */
#define EXIT_TEMPFAIL 75   /* EX_TEMPFAIL */
#define EXIT_CONFIG   78   /* EX_CONFIG: bad configuration */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The x* allocators never return NULL: out of memory ends the program
 * (exit 71) with a message. */
#define XALLOC __attribute__((returns_nonnull, warn_unused_result))
void *xmalloc(size_t n) XALLOC;
void *xcalloc(size_t nmemb, size_t size) XALLOC;
void *xrealloc(void *p, size_t n) XALLOC;
/* xreallocarray checks nmemb * size for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size) XALLOC;
char *xstrdup(const char *s) XALLOC;
char *xstrndup(const char *s, size_t n) XALLOC;
char *xasprintf(const char *fmt, ...) XALLOC __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) XALLOC __attribute__((format(printf, 1, 0)));

/* Overwrite a secret before it is freed; the compiler may not drop it. */
void wipe(void *p, size_t n);
/* wipe() the string, then free() it; NULL is fine. */
void free_secret(char *s);

/* Growable byte buffer; data is always NUL-terminated (len excludes it).
 * A zeroed struct is an empty buffer. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
/* Append the base64 (RFC 4648, "+/" and "=" padding) of n bytes at p. */
void buf_add_base64(struct buf *b, const void *p, size_t n);
/* Hand the contents to the caller (never NULL) and empty the buffer. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/* ASCII-only helpers: mail headers and config words are ASCII. */
bool str_has_prefix(const char *s, const char *prefix);
bool str_case_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);
/* Case-insensitive search; returns a pointer into hay or NULL. */
const char *str_casestr(const char *hay, const char *needle);
/*
 * Can words[from..nw) spell key exactly, each word by a non-empty start
 * of its own, as an address shortens a name ("North Shore Community" at
 * nshorecommunity)?  At least min_spelt words spell, and at least
 * min_words are used, counting those left out after the key's end.
 * skip(w) may let a word other than words[0] give nothing ("del" of
 * "Banco del Duero"); drop(w) may let a word after the key's end be left
 * out ("Hospital"); NULL: none may.
 */
bool words_spell(const char *const *words, size_t from, size_t nw, const char *key, int min_words,
    int min_spelt, bool (*skip)(const char *w), bool (*drop)(const char *w));
/* Strip leading and trailing ASCII white space in place; returns s. */
char *str_trim(char *s);
void str_lower(char *s);
/* The value of the hex digit c (either case), or -1 when c is none. */
int hex_value(int c);
/* Milliseconds on CLOCK_MONOTONIC: for deadlines, never for dates. */
int64_t monotonic_ms(void);

/* Read a whole file; returns 0, or -1 with errno set.  *out NUL-terminated. */
int read_file(const char *path, size_t max, char **out, size_t *len);

/* Parse a decimal int64 in [min,max] with nothing after it; 0 or -1. */
int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
