#!/usr/bin/env python3
"""Score followupctl's recognition against the blind sets (tests/mail/blind).

usage: blind-score.py FOLLOWUPCTL BLINDDIR WORKDIR [--write-known]

For every set BLINDDIR/set*/ (mails/*.eml, expected.jsonl, me.conf) runs
`FOLLOWUPCTL -c CONF scan --json` over the set's mails (CONF: me.conf plus
dummy servers, state in WORKDIR), compares each reading with the expected
one and prints the score of each set.  Exit status 1 when
  - a non-interview is read with high confidence as an interview or as
    an update that sets a time (takes_as_meeting);
  - a wrong reading is not in BLINDDIR/known-misses.txt;
  - a line of known-misses.txt is now right (delete it);
0 otherwise.  --write-known rewrites known-misses.txt from this run
(for the maintainer, after a deliberate change; read the diff).

Comparison (a careful reader's, not byte equality):
  company, role        case-insensitive, whitespace collapsed; a company's
                       legal form ("GmbH", "B.V.", "Pvt. Ltd.") and its
                       acronym after the name ("(GVAA)", "- IBSP"), a job
                       title's gender marker ("(m/w/d)") and the
                       posting's closing bracket ("(Remote, EU)",
                       "(Toronto)") are no part of the name, and a title's
                       qualifier is the same after a comma or a dash
                       ("Engineer, Risk" and "Engineer - Risk"): the sets'
                       readers wrote them either way
  start, end           the same instant; an expected time may be a wall
                       time and its zone ("2026-12-14T14:00:00[America/
                       Vancouver]"), its instant by the host's tz database
  interviewers         the same set of people: by e-mail when the
                       expected person has one (its subaddress tag,
                       "name+1b8e@", aside: a relay's Reply-To reaches
                       the same person), else by name
  contact              one person, the same rule; null matches null only
  decision_by          the same YYYY-MM-DD
  final_round, asks_references   booleans; null counts as false
"""
import datetime
import glob
import json
import os
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

MEETING = ('interview', 'update')


def takes_as_meeting(got):
    """Is this reading one the daemon plans a meeting's mail from?  An
    interview, or an update that sets or moves a time; an update with no
    time, no calendar event and no day moved is news on the application
    (a decision date, a request for references: detection.h's
    detection_update_is_news), tracked like a reply, and plans no thank-you."""
    if got.get('kind') == 'interview':
        return True
    return got.get('kind') == 'update' and bool(got.get('start') or got.get('event_uid')
                                                or got.get('moved_day'))


def norm_text(v):
    if v is None:
        return None
    # a typographic apostrophe is the same letter: "O\u2019Donoghue"
    v = re.sub(r'\s+', ' ', str(v).replace('\u2019', "'")).strip().casefold()
    return v or None


LEGAL = re.compile(r'(,?\s+(gmbh|ag|b\.?v\.?|n\.?v\.?|inc\.?|ltd\.?|llc|plc|corp\.?|limited|'
                   r's\.?a\.?|s\.?p\.?a\.?|s\.?r\.?l\.?|sas|oy|ab|pvt\.?|ltda\.?|mbh|sp\. z o\.o\.|k\.?k\.?|co\.?|s\.a\.s\.|as|a\/s|asa|aps|pte\.?|pty\.?|sdn\.? bhd\.?|bhd\.?|berhad|tbk\.?|pcl|public company limited|company limited|clg|dac|ulc|teoranta|teo\.?|llp|lp|s\.e\.n\.c\.r\.l\.?|s\.c\.|s\.l\.?|s\.l\.u\.|se|kgaa|ug))+$')
GENDER = re.compile(r'\s*\((m/w/d|w/m/d|m/f/d|f/m/d|m/w/x|h/f|f/h|m/v|v/m)\)$')
# "Staff Backend Engineer (Remote, EU)", "Senior Data Engineer (Toronto)",
# "Backend Engineer (Node/Go)": the posting's closing bracket (work mode,
# place, stack) is kept by some readers and not by others
POSTING = re.compile(r'\s*\([^()]*\)$')


# "Global Vaccine Access Alliance (GVAA)", "Instituto Brasileiro de Saude
# Publica - IBSP": the organisation's acronym after its name is the same
# name, kept by some readers and not by others
ACRONYM_TAIL = re.compile(r'\s*(\([A-Z][A-Z&]{1,9}\)|[-\u2013]\s+[A-Z][A-Z&]{1,9})$')


def norm_name(field, v):
    if field == 'company' and v is not None:
        v = ACRONYM_TAIL.sub('', str(v).strip()) or v
    v = norm_text(v)
    if v is None:
        return None
    if field == 'company':
        v = LEGAL.sub('', v)
        # Indonesia's form comes first: "PT Nusantara Rasa Tbk"
        v = re.sub(r'^pt\s+', '', v)
    else:
        # "Principal Engineer, Risk Platform" is "Principal Engineer - Risk Platform"
        v = re.sub(r'\s*(,|-|\u2013|\u2014)\s+', ' - ', POSTING.sub('', GENDER.sub('', v)))
    return v or None


def norm_time(v):
    if not v:
        return None
    # a wall time in its zone, "2026-12-14T14:00:00[America/Vancouver]":
    # the instant by the host's tz database, the one followupd's parser
    # reads (a zone whose rules changed, as British Columbia's did in
    # tzdata 2026a, has no one UTC instant to write down)
    m = re.match(r'^(.+)\[([A-Za-z_/+-]+)\]$', str(v))
    if m:
        try:
            d = datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=ZoneInfo(m.group(2)))
        except (ValueError, KeyError):
            return 'unparsable:' + str(v)
        return d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    try:
        d = datetime.datetime.fromisoformat(str(v).replace('Z', '+00:00'))
    except ValueError:
        return 'unparsable:' + str(v)
    if d.tzinfo is None:
        return 'naive:' + d.isoformat()
    return d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def bare_address(a):
    """An address without its subaddress tag (RFC 5233: "kelsey.tran+1b8e@"
    reaches "kelsey.tran@"), lower-case."""
    a = (a or '').strip().lower()
    local, at, domain = a.partition('@')
    return local.split('+', 1)[0] + at + domain


def person_matches(e, g):
    if not isinstance(g, dict):
        return False
    if e.get('email'):
        return bare_address(g.get('email')) == bare_address(e['email'])
    return norm_text(g.get('name')) == norm_text(e.get('name'))


def people_equal(exp, got):
    got = list(got or [])
    if len(got) != len(exp):
        return False
    used = [False] * len(got)
    for e in exp:
        for i, g in enumerate(got):
            if not used[i] and person_matches(e, g):
                used[i] = True
                break
        else:
            return False
    return True


def field_right(field, exp, got):
    g = got.get(field)
    if field in ('company', 'role'):
        return norm_name(field, exp) == norm_name(field, g)
    if field in ('start', 'end'):
        return norm_time(exp) == norm_time(g)
    if field == 'interviewers':
        return people_equal(exp or [], g or [])
    if field == 'contact':
        return not g if exp is None else person_matches(exp, g)
    if field == 'decision_by':
        return (exp or None) == (str(g)[:10] if g else None)
    if field in ('final_round', 'asks_references'):
        return bool(exp) == bool(g)
    return exp == g


def scan(ctl, conf, paths):
    """One reading per path (a dict; {} when the scan gave none)."""
    p = subprocess.run([ctl, '-c', conf, 'scan', '--json'] + paths,
                       capture_output=True, text=True, timeout=600)
    got = {}
    for line in p.stdout.splitlines():
        if line.startswith('{'):
            j = json.loads(line)
            got[os.path.basename(j.get('file', ''))] = j
    if p.returncode not in (0, 1) or not got:
        sys.stderr.write('scan exit %d: %s\n' % (p.returncode, p.stderr[:500]))
    return got


def set_config(setdir, work):
    """The config to scan a set with (its me.conf, dummy servers, state in
    WORK) and its expected readings: (conf path, expected list)."""
    name = os.path.basename(setdir.rstrip('/'))
    state = os.path.join(work, name + '-state')
    os.makedirs(state, mode=0o700, exist_ok=True)
    conf = os.path.join(work, name + '.conf')
    with open(os.path.join(setdir, 'me.conf'), encoding='utf-8') as f:
        me = f.read()
    fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as f:
        f.write(me + 'imap = { url = "imaps://127.0.0.1"; user = "x"; password = "x"; };\n'
                'smtp = { url = "smtps://127.0.0.1"; user = "x"; password = "x"; };\n'
                'state_dir = "%s";\n' % state)
    with open(os.path.join(setdir, 'expected.jsonl'), encoding='utf-8') as f:
        expected = [json.loads(l) for l in f if l.strip()]
    return conf, expected


def score_set(ctl, setdir, work):
    name = os.path.basename(setdir.rstrip('/'))
    conf, expected = set_config(setdir, work)
    paths = [os.path.join(setdir, 'mails', e['file']) for e in expected]
    got_all = scan(ctl, conf, paths)
    wrong, grave = [], []
    kinds = fields = total = 0
    for e in expected:
        got = got_all.get(e['file'], {})
        if got.get('kind') == e['kind']:
            kinds += 1
        else:
            wrong.append((name + '/' + e['file'], 'kind', e['kind'], got.get('kind')))
        if e['kind'] not in MEETING and takes_as_meeting(got) \
                and got.get('confidence') != 'low':
            grave.append('%s/%s: a non-interview read as %s with confidence %s'
                         % (name, e['file'], got.get('kind'), got.get('confidence')))
        for field, ev in e.items():
            if field in ('file', 'kind'):
                continue
            total += 1
            if field_right(field, ev, got):
                fields += 1
            else:
                wrong.append((name + '/' + e['file'], field, ev, got.get(field)))
    print('%s: kinds %d/%d, fields %d/%d' % (name, kinds, len(expected), fields, total))
    return wrong, grave


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if len(args) != 3:
        sys.exit('usage: blind-score.py FOLLOWUPCTL BLINDDIR WORKDIR [--write-known]')
    ctl, blind, work = (os.path.abspath(a) for a in args)
    wrong, grave = [], []
    for setdir in sorted(glob.glob(os.path.join(blind, 'set*/'))):
        w, g = score_set(ctl, setdir, work)
        wrong += w
        grave += g
    known_path = os.path.join(blind, 'known-misses.txt')
    now = sorted('%s %s' % (f, fld) for f, fld, _, _ in wrong)
    if '--write-known' in sys.argv:
        with open(known_path, 'w', encoding='utf-8') as f:
            f.write(''.join(l + '\n' for l in now))
        print('wrote %d lines to %s' % (len(now), known_path))
        return 0
    with open(known_path, encoding='utf-8') as f:
        known = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    bad = 0
    for g in grave:
        print('FAIL: ' + g)
        bad += 1
    for f, fld, ev, gv in wrong:
        if '%s %s' % (f, fld) not in known:
            print('FAIL: %s: %s expected %s, read %s (a new miss)' % (
                f, fld, json.dumps(ev, ensure_ascii=False), json.dumps(gv, ensure_ascii=False)))
            bad += 1
    for k in sorted(known - set(now)):
        print('FAIL: %s is now right: delete its line from known-misses.txt' % k)
        bad += 1
    print('%d wrong readings, all known' % len(now) if not bad else '%d failures' % bad)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
