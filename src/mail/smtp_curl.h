/*
 * smtp_curl: libcurl, loaded when the first SMTP handle is made
 * (smtp_new()), not when the program starts.  Private to smtp.c.
 *
 * Why: libcurl brings about twenty libraries with it (OpenSSL through
 * libssh2 and LDAP, Kerberos, nghttp2, RTMP...), about 4.5 MB of RSS
 * mapped and relocated in a daemon that sends a mail now and then and
 * otherwise idles (issue 15).  Loaded on the first send, they stay: the
 * library is never unloaded (OpenSSL cannot be).
 *
 * smtp.c includes this after <curl/curl.h>: the curl_* functions it calls
 * then go through smtp_curl, a table of pointers into the loaded library
 * (CURL_SONAME, found by configure).  Every call of those functions must
 * come after smtp_curl_load() returned 0, which smtp_new() ensures (every
 * other entry point takes a struct smtp).  Single-threaded, like the
 * programs.
 */
#ifndef FOLLOWUPD_SMTP_CURL_H
#define FOLLOWUPD_SMTP_CURL_H

#include <curl/curl.h>

struct smtp_curl {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	curl_version_info_data *(*version_info)(CURLversion v);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *c);
	const char *(*easy_strerror)(CURLcode rc);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
};

/* Filled by smtp_curl_load(); all NULL before. */
extern struct smtp_curl smtp_curl;

/* Load libcurl, find its functions and run curl_global_init() once.
 * 0 (also when already loaded), or -1 with *err (caller frees) saying
 * why; a later call tries again. */
int smtp_curl_load(char **err);
/* curl_global_cleanup() when it was loaded; the library stays mapped. */
void smtp_curl_cleanup(void);

/* smtp.c's calls go through the table (curl.h may define some of these
 * as type-checking macros). */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_version_info smtp_curl.version_info
#define curl_easy_init smtp_curl.easy_init
#define curl_easy_setopt smtp_curl.easy_setopt
#define curl_easy_perform smtp_curl.easy_perform
#define curl_easy_getinfo smtp_curl.easy_getinfo
#define curl_easy_cleanup smtp_curl.easy_cleanup
#define curl_easy_strerror smtp_curl.easy_strerror
#define curl_slist_append smtp_curl.slist_append
#define curl_slist_free_all smtp_curl.slist_free_all

#endif
