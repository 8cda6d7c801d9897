/* attention: accounts that need the user, kept in the store's meta table
 * (see attention.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "attention.h"
#include "store.h"
#include "util.h"

#define RETRY_KEY "login_retry"

static const char *const keys[ATTENTION_COUNT] = {
	[ATTENTION_IMAP] = "attention.imap",
	[ATTENTION_SMTP] = "attention.smtp",
};

const char *
attention_account_name(enum attention_account a)
{
	return a == ATTENTION_SMTP ? "SMTP" : "IMAP";
}

/* "EPOCH WORDS" into since and said; false when it is not that. */
static bool
parse(const char *v, struct attention *out)
{
	const char *sp = strchr(v, ' ');
	char num[24];
	size_t n = sp ? (size_t)(sp - v) : 0;

	if (n == 0 || n >= sizeof(num))
		return false;
	memcpy(num, v, n);
	num[n] = '\0';
	if (parse_int64(num, 0, INT64_MAX, &out->since) < 0)
		return false;
	out->said = xstrdup(sp + 1);
	return true;
}

int
attention_get(struct store *st, enum attention_account a, struct attention *out)
{
	char *v = NULL;
	int rc;

	out->since = 0;
	out->said = NULL;
	if ((rc = store_meta_get(st, keys[a], &v)) != 1)
		return rc;
	if (!parse(v, out)) {
		/* Not ours: still a refusal, without a time. */
		out->since = 0;
		out->said = xstrdup(v);
	}
	free(v);
	return 1;
}

void
attention_free(struct attention *at)
{
	free(at->said);
	at->said = NULL;
}

int
attention_set(struct store *st, enum attention_account a, time_t now, const char *said)
{
	struct attention old;
	char *v;
	int rc = attention_get(st, a, &old);

	if (rc < 0)
		return rc;
	if (rc == 1 && strcmp(old.said, said) == 0) {
		attention_free(&old);
		return 0;
	}
	attention_free(&old);
	v = xasprintf("%" PRId64 " %s", (int64_t)now, said);
	rc = store_meta_set(st, keys[a], v);
	free(v);
	return rc < 0 ? rc : 1;
}

int
attention_clear(struct store *st, enum attention_account a)
{
	char *v = NULL;
	int rc = store_meta_get(st, keys[a], &v);

	free(v);
	if (rc != 1)
		return rc;
	rc = store_meta_set(st, keys[a], NULL);
	return rc < 0 ? rc : 1;
}

char *
attention_line(enum attention_account a, const char *said)
{
	size_t n = strlen(said);

	/* The server's sentence may end with its own full stop. */
	while (n > 0 && (said[n - 1] == '.' || said[n - 1] == ' '))
		n--;
	return xasprintf("%s login refused: %.*s. %s", attention_account_name(a), (int)n, said,
	    ATTENTION_ADVICE);
}

int
attention_request_retry(struct store *st, time_t now)
{
	return store_meta_set_int(st, RETRY_KEY, (int64_t)now);
}

int
attention_take_retry(struct store *st)
{
	char *v = NULL;
	int rc = store_meta_get(st, RETRY_KEY, &v);

	free(v);
	if (rc != 1)
		return rc;
	rc = store_meta_set(st, RETRY_KEY, NULL);
	return rc < 0 ? rc : 1;
}
