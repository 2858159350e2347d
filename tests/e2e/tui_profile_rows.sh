#!/bin/sh
# End-to-end (script mode): the profile view (P) after a commit reads
# again only the rows of the processes that changed (issue 11), and each
# such row, and the totals, must show exactly what reading every record
# does. One workbench stays open on the profile while ratings are made
# there, another user changes other processes (ratings, a target, not
# applicable) with and without an idle poll in between, and u undoes; at
# each step its rows and totals are compared with those of a workbench
# started afresh on the same store (which reads every record), and with
# the lines expected.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
set_() { expect_rc 0 "$PRMWB" --model "$MODEL" set "$@"; }

# rows FILE: the profile's header and process rows, and its totals (the
# title holds the cursor's row); the cursor's brackets left out (the fresh one's is elsewhere).
rows() {
	sed -n '2,9p' "$1" | tr '[]' '  '
	grep -E '^(levels|not assessed|below target|n/a)' "$1"
}

# fresh NAME: the profile of a workbench started now, in $T/NAME.
fresh() {
	tui_run 100 24 <<EOF
P
:save-display $T/$1
EOF
}

# same NAME: the open workbench's dump NAME shows what a fresh one does.
same() {
	fresh "$1.fresh"
	rows "$T/$1" >"$T/$1.rows"
	rows "$T/$1.fresh" >"$T/$1.fresh.rows"
	diff -u "$T/$1.fresh.rows" "$T/$1.rows" >"$T/$1.diff" ||
		{ fail "$1: the profile differs from one read afresh"; cat "$T/$1.diff" >&2; }
}

set_ 6.1 pa.1.1 F
set_ 6.2 pa.1.1 L
set_ 7.1 target 2

# A workbench fed through a pipe (tui_lib.sh fifo_start and step): another
# user's change lands between two keys exactly.
fifo_start 100
dump=open; step "P"
same open
expect_line "$T/open" 3 "6.1 Governance interface             [F  ]·   ·   ·   ·   ·   ·   ·   ·     1          █····"

# a rating here: its row and the totals
dump=rated; step "<Tab>l"
same rated
expect_line "$T/rated" 3 "6.1 Governance interface              F  [L  ]·   ·   ·   ·   ·   ·   ·     1          █····"

# other users' changes, then a key of ours that commits (no poll between):
# the commit brings in theirs too
set_ 7.1 pa.1.1 P           # below its target 2 now
set_ 6.2 justification "Not done here."
set_ 6.2 applicable no
dump=theirs-key; step "+"
same theirs-key
expect_line "$T/theirs-key" 3 "6.1 Governance interface              F  [L+ ]·   ·   ·   ·   ·   ·   ·     1          █····"
expect_line "$T/theirs-key" 5 "7.1 Hazard assessment                 P   ·   ·   ·   ·   ·   ·   ·   ·     0   2   2  ░░···"
expect_in "$T/theirs-key" "n/a: 1"

# other users' changes shown on the idle poll, a row of ours among them
set_ 6.1 pa.2.1 F
set_ 7.1 target ""
set_ 6.2 applicable ""
set_ 8.1 pa.1.1 N
dump=theirs-idle; step ":wait-idle"
same theirs-idle
expect_line "$T/theirs-idle" 3 "6.1 Governance interface              F  [F  ]·   ·   ·   ·   ·   ·   ·     1          █····"
expect_not_in "$T/theirs-idle" "n/a: 1"

# undo and redo here (u undoes this user's newest change: 8.1's)
dump=undo; step "u"
expect_line "$T/undo" 9 "8.1 Records                          [·  ]·   ·   ·   ·   ·   ·   ·   ·     -"
same undo
dump=redo; step "<C-r>"
same redo

# many processes at once (one change set of another user)
expect_rc 0 "$PRMWB" --model "$MODEL" set --all pa.1.1 L >/dev/null
dump=all; step ":wait-idle"
same all
expect_in "$T/all" "levels 0:0 1:7 2:0"
fifo_end

done_testing
