/* parser: the recognition worker's program, its options and where it is. */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "parser.h"
#include "sandbox.h"
#include "util.h"

#ifndef PKGLIBEXECDIR
#define PKGLIBEXECDIR "/usr/local/libexec/followupd"
#endif

static json_t *
list_to_json(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		if (v[i] != NULL)
			json_array_append_new(a, json_string(v[i]));
	return a;
}

char *
parser_opts_encode(const struct detect_opts *o, size_t *len)
{
	json_t *j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}",
	    "my_addresses", list_to_json(o->my_addresses, o->n_my_addresses),
	    "keywords", list_to_json(o->keywords, o->n_keywords),
	    "ignore_senders", list_to_json(o->ignore_senders, o->n_ignore_senders),
	    "employer_domains", list_to_json(o->employer_domains, o->n_employer_domains),
	    "my_name", o->my_name ? json_string(o->my_name) : json_null(),
	    "timezone", o->timezone ? json_string(o->timezone) : json_null());
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	if (s == NULL)          /* only out of memory (strings are UTF-8 checked by config) */
		s = xstrdup("{}");
	*len = strlen(s);
	return s;
}

/* A JSON array of strings, or absent; -1 for anything else. */
static int
list_from_json(json_t *a, const char *const **v, size_t *n)
{
	const char **out;

	*v = NULL;
	*n = 0;
	if (a == NULL || json_array_size(a) == 0)
		return a == NULL || json_is_array(a) ? 0 : -1;
	out = xcalloc(json_array_size(a), sizeof(*out));
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *e = json_array_get(a, i);

		if (!json_is_string(e)) {
			while (i-- > 0)
				free((char *)out[i]);
			free(out);
			return -1;
		}
		out[i] = xstrdup(json_string_value(e));
	}
	*v = out;
	*n = json_array_size(a);
	return 0;
}

static int
str_from_json(json_t *s, const char **out)
{
	*out = NULL;
	if (s == NULL || json_is_null(s))
		return 0;
	if (!json_is_string(s))
		return -1;
	*out = xstrdup(json_string_value(s));
	return 0;
}

static void
list_free(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)v[i]);
	free((void *)v);
}

void
parser_opts_free(struct detect_opts *o)
{
	list_free(o->my_addresses, o->n_my_addresses);
	list_free(o->keywords, o->n_keywords);
	list_free(o->ignore_senders, o->n_ignore_senders);
	list_free(o->employer_domains, o->n_employer_domains);
	free((char *)o->my_name);
	free((char *)o->timezone);
	detect_opts_init(o);
}

int
parser_opts_decode(const char *s, size_t len, struct detect_opts *o)
{
	json_t *j = json_loadb(s, len, JSON_REJECT_DUPLICATES, NULL);
	int rc = -1;

	detect_opts_init(o);
	if (j != NULL && json_is_object(j) &&
	    list_from_json(json_object_get(j, "my_addresses"), &o->my_addresses,
	    &o->n_my_addresses) == 0 &&
	    list_from_json(json_object_get(j, "keywords"), &o->keywords, &o->n_keywords) == 0 &&
	    list_from_json(json_object_get(j, "ignore_senders"), &o->ignore_senders,
	    &o->n_ignore_senders) == 0 &&
	    list_from_json(json_object_get(j, "employer_domains"), &o->employer_domains,
	    &o->n_employer_domains) == 0 &&
	    str_from_json(json_object_get(j, "my_name"), &o->my_name) == 0 &&
	    str_from_json(json_object_get(j, "timezone"), &o->timezone) == 0)
		rc = 0;
	json_decref(j);
	if (rc != 0)
		parser_opts_free(o);
	return rc;
}

struct sandbox *
parser_sandbox(const struct detect_opts *opts)
{
	struct sandbox_limits lim;
	struct detect_opts none;
	struct sandbox *sb;
	size_t len;
	char *init, *path;

	if (opts == NULL) {
		detect_opts_init(&none);
		opts = &none;
	}
	sandbox_limits_default(&lim);
	lim.idle_ms = PARSER_IDLE_MS;
	init = parser_opts_encode(opts, &len);
	path = sandbox_program_path(PARSER_PROGRAM, PARSER_ENV, PKGLIBEXECDIR);
	sb = sandbox_new_program(path, init, len, &lim);
	free(path);
	free(init);
	return sb;
}
