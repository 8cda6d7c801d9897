/*
 * net: plain TCP helpers around the libraries that connect by themselves.
 *
 * libetpan and libcurl open their own sockets and keep the reason of a
 * failed connection to themselves; these functions open a connection of
 * their own to say why (net_unreachable_reason), to tell a plain-text
 * greeting from a TLS server (net_greets_in_plain_text), or to set
 * keepalive on a socket a library opened.  Every wait is bounded by the
 * timeout given; nothing here speaks TLS or sends a byte.
 */
#ifndef FOLLOWUPD_NET_H
#define FOLLOWUPD_NET_H

#include <stdbool.h>

/*
 * A TCP connection to host:port (every address in turn, each given
 * timeout seconds), non-blocking and close-on-exec: the fd, or -1 with *why set
 * (free) to the reason, in the words of net_unreachable_reason().
 */
int net_open(const char *host, unsigned port, int timeout, char **why);

/*
 * Why a connection to host:port failed, found out after the fact (the
 * libraries that connect keep the reason to themselves): the resolver's
 * reason ("cannot resolve HOST: Name or service not known") or the
 * kernel's for the last address tried ("cannot connect to HOST:PORT:
 * Connection refused"; "...: no answer within N s").  Tries once, waiting
 * at most timeout seconds.  Returns NULL when a connection works now.
 */
char *net_unreachable_reason(const char *host, unsigned port, int timeout);

/*
 * TCP keepalive on a connected socket: probes after 60 s of silence, every
 * 15 s, 4 unanswered ones drop it (a dead peer is noticed in about two
 * minutes instead of at the next write).  0, or -1 (errno) when the socket
 * refuses; a negative fd is ignored (-1, EBADF).
 */
int net_set_keepalive(int fd);
#define NET_KEEPIDLE 60
#define NET_KEEPINTVL 15
#define NET_KEEPCNT 4

/*
 * True when the server at host:port sends plain text before the client
 * says anything (an IMAP "* OK" or SMTP "220" greeting), i.e. it expects
 * no TLS from the first byte; waits at most timeout seconds.
 */
bool net_greets_in_plain_text(const char *host, unsigned port, int timeout);

#endif
