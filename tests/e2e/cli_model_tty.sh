#!/bin/sh
# End-to-end: on a terminal, list/show/search wrap to the width (COLUMNS)
# and search shows a snippet. Needs script(1) for a pseudo-terminal.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
G="$TOP_SRCDIR/tests/data/good.xml"
command -v script >/dev/null 2>&1 || { echo "script(1) missing: skipped"; exit 77; }

tty_run() {  # tty_run COLUMNS ARGS...: run on a pty, output in $T/out
	cols=$1; shift
	COLUMNS=$cols script -qec "$(printf '%s ' "$PRMWB" "$@")" /dev/null </dev/null |
		tr -d '\r' >"$T/out"
}

tty_run 30 --model "$G" show 1.1
cat >"$T/want" <<'END'
1.1  Governance interface
Category: Management processes
  (mgmt)
Summary: Between the board and
  the ISMS.
Purpose: Keep direction and
  management aligned.
Outcomes:
  1. Direction is given.
  2. Reports reach the board.
Activities:
  - Report & escalate.
Inputs:
  - Strategy
Outputs:
  - Decisions
References:
  - ISO/IEC 27001:2022 5.1
Relations:
  - triggers 2.1 (Hazard
    assessment): new
    objectives
END
expect_out "$T/want"
awk 'length > 30 { bad = 1 } END { exit bad }' "$T/out" || fail "show line wider than 30"

tty_run 80 --model "$G" list
expect_grep '^Core processes \(core\)$'
expect_grep '^  2\.10  Change control'

tty_run 80 --model "$G" search hazard
expect_grep '^2\.10 +Change control  \[outcome\]$'
expect_grep '^      Changes are assessed for hazard\.$'
done_testing
