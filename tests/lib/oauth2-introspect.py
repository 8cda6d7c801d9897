#!/usr/bin/env python3
"""oauth2-introspect.py: the OAuth2 token introspection endpoint (RFC 7662)
that Dovecot's oauth2 passdb asks in the tests (see mailenv.sh).

    oauth2-introspect.py PORT TOKENS LOG

Listens on 127.0.0.1:PORT.  A POST with a form body "token=..." is answered
{"active": true, "username": ADDR} when TOKENS (re-read at every request:
lines "ADDR TOKEN") holds that token now, else {"active": false} (HTTP 200
both: Dovecot then fails the login rather than calling it a server
fault).  Each answer is appended to LOG as "ok ADDR" or "refused".
Tokens never reach the log.
"""
import http.server
import json
import sys
import urllib.parse


def current_user(tokens_path, token):
    try:
        with open(tokens_path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and token and parts[1] == token:
                    return parts[0]
    except OSError:
        pass
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        token = urllib.parse.parse_qs(body).get("token", [""])[0]
        # Some clients send the token as a bearer header instead.
        auth = self.headers.get("Authorization") or ""
        if not token and auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        user = current_user(self.server.tokens, token)
        if user:
            answer = {"active": True, "username": user}
        else:
            answer = {"active": False}
        with open(self.server.log, "a", encoding="utf-8") as log:
            log.write("ok %s\n" % user if user else "refused\n")
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, fmt, *args):
        pass


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: oauth2-introspect.py PORT TOKENS LOG\n")
        return 2
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.tokens = sys.argv[2]
    server.log = sys.argv[3]
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
