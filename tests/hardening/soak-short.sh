#!/bin/bash
# soak-short.sh: soak.sh for one minute (make check): a mail every 2 s,
# samples every 10 s.  The hour-long run is "make soak".
export SOAK_SECONDS=${SOAK_SECONDS:-60} SOAK_EVERY=${SOAK_EVERY:-2} SOAK_SAMPLE=${SOAK_SAMPLE:-10}
exec bash "$top_srcdir/tests/hardening/soak.sh"
