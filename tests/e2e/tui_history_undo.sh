#!/bin/sh
# End-to-end, scripted workbench: u on an entry of the history view (L)
# undoes that change alone (prmwb undo N), not the newest; an entry that
# cannot be undone says why, in the CLI's words.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

db="$T/db"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$db" set 7.1 owner alice
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$db" set 7.1 notes "keep me"

# Newest first: #2 notes, #1 owner. Select #1, u; the selection stays on
# #1 as the new undo entry (#3) comes in above; #3 itself cannot be undone.
tui_run 100 24 --db "$db" <<EOF
/7.1
<Enter>
L
j
u
:save-display $T/undone
k
k
u
:save-display $T/refused
EOF
expect_in "$T/undone" "undid owner of 7.1 (#3)"
expect_in "$T/refused" "undo refused: #3 is itself an undo or redo (of #1)"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$db" get 7.1 owner
printf '' | expect_out -
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$db" get 7.1 notes
echo "keep me" | expect_out -

# Read-only: no u in the hints, and u changes nothing.
tui_run 100 24 --db "$db" --read-only <<EOF
/7.1
<Enter>
L
j
j
u
:save-display $T/ro
EOF
expect_not_in "$T/ro" "u: undo this change"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$db" get 7.1 notes
echo "keep me" | expect_out -

done_testing
