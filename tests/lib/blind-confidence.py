#!/usr/bin/env python3
"""Confidence on the blind sets: how auto mode would act on them.

usage: blind-confidence.py FOLLOWUPCTL BLINDDIR WORKDIR

For every set BLINDDIR/set*/ (as blind-score.py) prints
  - look-alikes: non-interviews read as an interview or an update, and
    how many of them with high confidence (auto mode would act alone);
  - interviews read right with high confidence: expected interview, read
    interview, every field right, confidence high (auto mode sends their
    mails by itself: the share issue 12 wants at 80% or more);
  - interviews read wrong with high confidence (the dangerous ones).
Always exits 0: a measure, not a test (blind-sets.sh is the test).
"""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('bs', os.path.join(here, 'blind-score.py'))
bs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bs)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    ctl, blind, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    for setdir in sorted(d for d in bs.glob.glob(os.path.join(blind, 'set*')) if os.path.isdir(d)):
        name = os.path.basename(setdir)
        conf, expected = bs.set_config(setdir, work)
        got_all = bs.scan(ctl, conf, [os.path.join(setdir, 'mails', e['file']) for e in expected])
        look = look_high = ivs = right_high = wrong_high = 0
        wrong_high_files = []
        for e in expected:
            got = got_all.get(e['file'], {})
            high = got.get('confidence') == 'high'
            if e['kind'] not in bs.MEETING and bs.takes_as_meeting(got):
                look += 1
                look_high += high
            if e['kind'] != 'interview':
                continue
            ivs += 1
            right = got.get('kind') == 'interview' and all(
                bs.field_right(k, v, got) for k, v in e.items() if k not in ('file', 'kind'))
            if high and right:
                right_high += 1
            elif high and got.get('kind') == 'interview':
                wrong_high += 1
                wrong_high_files.append(e['file'])
        print('%s: look-alikes %d (%d high); interviews right with high confidence %d/%d'
              ' (%.0f%%); read with a wrong field but high confidence %d%s'
              % (name, look, look_high, right_high, ivs, 100.0 * right_high / max(ivs, 1),
                 wrong_high, (' (' + ' '.join(wrong_high_files) + ')') if wrong_high_files else ''))


if __name__ == '__main__':
    main()
