/*
 * libFuzzer harness: the config parser (config_load) on a file written
 * from the input, then config_dump of what it accepted.
 *
 * config_load() never runs password_command (config_password() does, and
 * is not called here).  Inputs naming "@include" are skipped: libconfig
 * would read whatever file they name (/dev/zero, a FIFO...), which tests
 * the machine, not the parser.  Beyond memory safety: every error is one
 * line, and a password from the file never shows in config_dump().
 * (Found here: the first version of that check failed when the password
 * was also part of another value; regressions/config/password-inside-*.)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* memmem, open_memstream */
#endif
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"
#include "log.h"

static char conf_dir[4096];
static char conf_path[4200];

static void
cleanup(void)
{
	unlink(conf_path);
	rmdir(conf_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	log_init("fuzz", true, getenv("FUZZ_VERBOSE") ? 2 : -1);
	snprintf(conf_dir, sizeof(conf_dir), "%s/fuzz-config.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(conf_dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	snprintf(conf_path, sizeof(conf_path), "%s/followupd.conf", conf_dir);
	atexit(cleanup);
	return 0;
}

static char *
dump_of(const struct config *cfg, size_t *n)
{
	char *dump = NULL;
	FILE *f = open_memstream(&dump, n);

	fuzz_check(f != NULL);
	config_dump(cfg, f);
	fclose(f);
	return dump;
}

static size_t
count_in(const char *hay, size_t n, const char *needle)
{
	size_t len = strlen(needle), hits = 0;
	const char *p = hay, *end = hay + n;

	while ((p = memmem(p, (size_t)(end - p), needle, len)) != NULL) {
		hits++;
		p++;
	}
	return hits;
}

/*
 * The passwords never show in a dump.  A password may also be part of
 * another value (the fuzzer found "hunter2" in a host name), so compare
 * with a dump of the same config whose passwords are something else: the
 * password must not occur more often in the real one.
 */
static void
check_secrets_hidden(struct config *cfg)
{
	char *pw[2] = { cfg->imap.conn.password, cfg->smtp.conn.password };
	char other[] = "x";
	char *with, *without;
	size_t nwith = 0, nwithout = 0;

	with = dump_of(cfg, &nwith);
	cfg->imap.conn.password = pw[0] ? other : NULL;
	cfg->smtp.conn.password = pw[1] ? other : NULL;
	without = dump_of(cfg, &nwithout);
	cfg->imap.conn.password = pw[0];
	cfg->smtp.conn.password = pw[1];
	for (size_t i = 0; i < 2; i++)
		if (pw[i] != NULL && strlen(pw[i]) >= 6)
			fuzz_check(count_in(with, nwith, pw[i]) == count_in(without, nwithout, pw[i]));
	free(with);
	free(without);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_errors errors = { 0 };
	struct config *cfg;
	int fd;

	if (memmem(data, size, "@include", 8) != NULL ||
	    memmem(data, size, "@INCLUDE", 8) != NULL)
		return 0;
	fd = open(conf_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fuzz_check(fd >= 0);
	fuzz_check(write(fd, data, size) == (ssize_t)size);
	close(fd);

	cfg = config_load(conf_path, &errors);
	if (cfg == NULL) {
		fuzz_check(errors.n > 0);
		for (size_t i = 0; i < errors.n; i++)
			fuzz_check(errors.v[i] != NULL && strchr(errors.v[i], '\n') == NULL);
		config_errors_clear(&errors);
		return 0;
	}
	fuzz_check(errors.n == 0);
	fuzz_check(cfg->me.naddresses >= 1 && cfg->me.addresses[0] != NULL);
	fuzz_check(cfg->me.timezone != NULL && cfg->me.timezone[0] != '\0');
	fuzz_check(cfg->imap.nfolders >= 1);
	fuzz_check(cfg->state_dir != NULL && cfg->state_dir[0] == '/');
	fuzz_check(cfg->templates_dir != NULL && cfg->templates_dir[0] == '/');
	check_secrets_hidden(cfg);
	config_free(cfg);
	return 0;
}
