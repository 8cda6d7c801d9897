/*
 * syscall-jail: run a command under the seccomp part of followupd.service,
 * installed the way systemd installs it, for tests/integration/systemd-sandbox.sh:
 *
 *     syscall-jail ALLOWED-LIST COMMAND [ARG]...
 *
 * ALLOWED-LIST is a file naming the allowed system calls, one per line
 * (the test expands the unit's SystemCallFilter= lines with
 * `systemd-analyze syscall-filter`).  Any other call fails with EPERM, as
 * with SystemCallErrorNumber=EPERM.  Like the unit, also:
 *   NoNewPrivileges=yes
 *   RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6  (else EAFNOSUPPORT)
 *   MemoryDenyWriteExecute=yes  (no W+X mmap, no PROT_EXEC mprotect)
 * Names this libseccomp does not know are skipped.  Exit 125 when the
 * jail cannot be set up, else the command's own status (exec).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <unistd.h>

#include <seccomp.h>

#ifndef SHM_EXEC
#define SHM_EXEC 0100000
#endif

static int
die(const char *what, int rc)
{
	fprintf(stderr, "syscall-jail: %s: %s\n", what, strerror(rc < 0 ? -rc : rc));
	return 125;
}

/* The second filter: everything allowed but what MemoryDenyWriteExecute=
 * and RestrictAddressFamilies= forbid (systemd loads these separately). */
static int
load_restrictions(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0;

	if (ctx == NULL)
		return -ENOMEM;
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(mmap), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC | PROT_WRITE, PROT_EXEC | PROT_WRITE));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(pkey_mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(shmat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, SHM_EXEC, SHM_EXEC));
	/* Families other than 1 (AF_UNIX), 2 (AF_INET) and 10 (AF_INET6). */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, 0));
	for (int af = 3; af < AF_INET6; af++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)af));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_GT, AF_INET6));
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

/* The first filter: the allow-list, EPERM for the rest. */
static int
load_allowlist(const char *list, unsigned *allowed)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	char line[128];
	FILE *f;
	int rc = 0;

	if (ctx == NULL)
		return -ENOMEM;
	if ((f = fopen(list, "r")) == NULL) {
		seccomp_release(ctx);
		return -errno;
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		int nr;

		line[strcspn(line, " \t\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		nr = seccomp_syscall_resolve_name(line);
		if (nr == __NR_SCMP_ERROR)
			continue;
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
		if (rc == 0)
			(*allowed)++;
	}
	fclose(f);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned allowed = 0;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: syscall-jail ALLOWED-LIST COMMAND [ARG]...\n");
		return 125;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return die("PR_SET_NO_NEW_PRIVS", errno);
	if ((rc = load_restrictions()) != 0)
		return die("restrictions filter", rc);
	if ((rc = load_allowlist(argv[1], &allowed)) != 0)
		return die(argv[1], rc);
	if (allowed < 100)
		return die("too few system calls in the list", EINVAL);
	execvp(argv[2], argv + 2);
	return die(argv[2], errno);
}
