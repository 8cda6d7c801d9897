/* smtp_curl: libcurl loaded on first use; see smtp_curl.h. */
#include "autoconfig.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

#include "smtp_curl.h"
#include "util.h"

struct smtp_curl smtp_curl;
static bool initialised;

/* dlsym into a function pointer without the object/function cast warning. */
#define FIND(field, name) do { \
		void *p_ = dlsym(h, name); \
		if (p_ == NULL) { \
			missing = name; \
			goto fail; \
		} \
		memcpy(&t.field, &p_, sizeof(p_)); \
	} while (0)

int
smtp_curl_load(char **err)
{
	struct smtp_curl t;
	const char *missing = NULL;
	void *h;

	if (initialised)
		return 0;
	/* RTLD_LOCAL: its symbols stay out of the program's namespace. */
	h = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();

		*err = xasprintf("cannot load libcurl (%s): %s", CURL_SONAME, e ? e : "?");
		return -1;
	}
	FIND(global_init, "curl_global_init");
	FIND(global_cleanup, "curl_global_cleanup");
	FIND(version_info, "curl_version_info");
	FIND(easy_init, "curl_easy_init");
	FIND(easy_setopt, "curl_easy_setopt");
	FIND(easy_perform, "curl_easy_perform");
	FIND(easy_getinfo, "curl_easy_getinfo");
	FIND(easy_cleanup, "curl_easy_cleanup");
	FIND(easy_strerror, "curl_easy_strerror");
	FIND(slist_append, "curl_slist_append");
	FIND(slist_free_all, "curl_slist_free_all");
	if (t.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		*err = xstrdup("libcurl cannot be initialised");
		return -1;              /* loaded, kept: OpenSSL cannot be unloaded */
	}
	smtp_curl = t;
	initialised = true;
	return 0;
fail:
	*err = xasprintf("libcurl (%s) has no %s", CURL_SONAME, missing);
	return -1;
}

void
smtp_curl_cleanup(void)
{
	if (initialised)
		smtp_curl.global_cleanup();
	initialised = false;
	memset(&smtp_curl, 0, sizeof(smtp_curl));
}
