/*
 * libFuzzer harness: the config parser (config_load) on a file written
 * from the input, then config_dump of what it accepted.
 *
 * config_load() never runs password_command (config_password() does, and
 * is not called here).  Inputs naming "@include" are skipped: libconfig
 * would read whatever file they name (/dev/zero, a FIFO...), which tests
 * the machine, not the parser.  Beyond memory safety: every error is one
 * line, and a password from the file never shows in config_dump().
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

static void
check_secret_hidden(const struct config *cfg, const char *pw)
{
	char *dump = NULL;
	size_t n = 0;
	FILE *f;

	if (pw == NULL || strlen(pw) < 6)
		return;
	f = open_memstream(&dump, &n);
	fuzz_check(f != NULL);
	config_dump(cfg, f);
	fclose(f);
	fuzz_check(memmem(dump, n, pw, strlen(pw)) == NULL);
	free(dump);
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
	check_secret_hidden(cfg, cfg->imap.conn.password);
	check_secret_hidden(cfg, cfg->smtp.conn.password);
	config_free(cfg);
	return 0;
}
