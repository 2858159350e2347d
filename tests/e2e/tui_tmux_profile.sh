#!/bin/sh
# End-to-end: the profile view in a real terminal (tmux, 80x24): rate
# three cells with one key each, undo one, quit, reopen: the two that
# remain are there, and prmwb profile (piped) shows exactly them; another
# process's rating appears in the open profile on the idle poll.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tmux.sh"
tm_run_with "XDG_STATE_HOME='$XDG_STATE_HOME'" TERM=xterm-256color

tm_start 80 24 "$RUN"
tm_wait "Workbench test model"
tm_keys P
tm_wait " Profile of tuitest: 7 processes"
tm_keys f                           # 6.1 PA 1.1
tm_wait "pa.1.1 of 6.1: saved (#1) - level of 6.1: 1"
tm_keys Tab l                       # 6.1 PA 2.1
tm_wait "pa.2.1 of 6.1: saved (#2) - level of 6.1: 1"
tm_keys j p                         # 6.2 PA 2.1
tm_wait "pa.2.1 of 6.2: saved (#3) - level of 6.2: -"
tm_wait_line 4 "6.2 計画 planning               ·  [P  ]·   ·   ·   ·   ·   ·   ·     -"
tm_keys u
tm_wait "undid pa.2.1 of 6.2 (#4)"
tm_wait_line 4 "6.2 計画 planning               ·  [·  ]·   ·   ·   ·   ·   ·   ·     -"
tm_keys q
tm_wait " tuitest | 6.2 |"
tm_keys q
tm_wait "prmwb-exit=0"

# reopened: the two ratings that remain
tm_start 80 24 "$RUN"
tm_wait "Workbench test model"
tm_keys P
tm_wait_line 3 "6.1 Governance interface       [F  ]L   ·   ·   ·   ·   ·   ·   ·     1"
tm_wait_line 4 "6.2 計画 planning               ·   ·   ·   ·   ·   ·   ·   ·   ·     -"
tm_wait "levels 0:0 1:1 2:0 3:0 4:0 5:0   not assessed: 6   below target: 0"

# another process rates: the open profile shows it without a key
expect_rc 0 "$PRMWB" --model "$MODEL" set 8.1 pa.1.1 L
tm_wait_line 9 "8.1 Records                     L   ·   ·   ·   ·   ·   ·   ·   ·     1"
tm_wait "levels 0:0 1:2 2:0 3:0 4:0 5:0   not assessed: 5   below target: 0"
tm_keys q q
tm_wait "prmwb-exit=0"

# prmwb profile, piped: the two cells of the workbench, and 8.1's
expect_rc 0 "$PRMWB" --model "$MODEL" profile
cut -f1,3-5,12 "$T/out" >"$T/cut"
mv "$T/cut" "$T/out"
expect_out - <<'EOF'
id	pa.1.1	pa.2.1	pa.2.2	level
6.1	F	L		1
6.2				-
7.1				-
7.2				-
7.3				-
7.4				-
8.1	L			1
EOF
done_testing
