#!/bin/sh
# End-to-end: --force-model opens a store of another model without
# changing it; only the first change written rebinds the store (with a
# notice on the command line). Reads, a read-only run and a workbench
# opened and quit leave the binding alone; a change in the workbench
# rebinds it like one on the command line.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

# the workbench's test model (id tuitest) and the same under another id
sed 's/id="tuitest"/id="example"/' "$MODEL" >"$T/example.xml"
grep -q 'id="example"' "$T/example.xml" || fail "set-up: no model id to replace"
export PRMWB_MODEL="$MODEL"
ID=7.4

expect_rc 0 "$PRMWB" -m "$T/example.xml" set "$ID" owner a
sum() { md5sum <"$PRMWB_DB/data.mdb"; }
before=$(sum)

# a forced read reads and changes nothing
expect_rc 0 "$PRMWB" --force-model get "$ID" owner
printf 'a\n' | expect_out -
expect_rc 0 "$PRMWB" --force-model get "$ID"
expect_rc 0 "$PRMWB" --force-model log
expect_rc 0 "$PRMWB" --force-model status
expect_rc 0 "$PRMWB" -m "$T/example.xml" get "$ID" owner
printf 'a\n' | expect_out -
expect_rc 1 "$PRMWB" get "$ID" owner
expect_grep "belongs to model 'example', not 'tuitest'" err
[ "$(sum)" = "$before" ] || fail "a forced read changed the data file"

# setting the value it has writes nothing, so it rebinds nothing
expect_rc 0 "$PRMWB" --force-model set "$ID" owner a
expect_nogrep rebound err
expect_rc 0 "$PRMWB" -m "$T/example.xml" get "$ID" owner

# the workbench opened with --force-model and quit: binding unchanged
tui_run 80 24 --force-model <<EOS
:save-display $T/opened
q
EOS
expect_in "$T/opened" "Incident management"
expect_rc 0 "$PRMWB" -m "$T/example.xml" get "$ID" owner
printf 'a\n' | expect_out -
[ "$(sum)" = "$before" ] || fail "opening the workbench changed the data file"

# the first change rebinds, with a notice, in the same transaction
expect_rc 0 "$PRMWB" --force-model set "$ID" owner b
expect_grep "store rebound from model 'example' to 'tuitest'" err
expect_rc 0 "$PRMWB" get "$ID" owner
printf 'b\n' | expect_out -
expect_rc 1 "$PRMWB" -m "$T/example.xml" get "$ID" owner
expect_rc 0 "$PRMWB" log --limit 1
[ "$(wc -l <"$T/out")" = 1 ] || fail "the rebind wrote more than the change"

# undo is a change too; a change in the workbench rebinds as well
expect_rc 0 "$PRMWB" -m "$T/example.xml" --force-model undo
expect_grep "store rebound from model 'tuitest' to 'example'" err
expect_rc 1 "$PRMWB" get "$ID" owner
tui_run 80 24 --force-model <<EOS
/7.4
<Enter>
e
:type c
<Enter>
:save-display $T/rebound
q
EOS
expect_rc 0 "$PRMWB" get "$ID" owner
printf 'ac\n' | expect_out -   # typed after the value undo restored
# the workbench says so, as the command line does
tr -d '\n' <"$T/rebound" | grep -q 'store rebound from model example to tuitest' ||
	{ fail "workbench: no rebound notice"; cat "$T/rebound" >&2; }

# undo/redo of a change to a process the model in use lacks (an orphan,
# read-only like 'set' of it) is refused: nothing written, no rebind
sed -e '/<process id="7.3"/,/<\/process>/d' "$MODEL" >"$T/no73.xml"
sed -e 's/id="tuitest"/id="other"/' "$T/no73.xml" >"$T/other.xml"
grep -q 'id="7.3"' "$T/no73.xml" && fail "set-up: 7.3 not removed"
expect_rc 0 "$PRMWB" set 7.3 owner d
before=$(sum)
expect_rc 1 "$PRMWB" -m "$T/other.xml" --force-model undo
expect_grep "undo refused: .*7\.3 owner.* not in model other" err
expect_nogrep rebound err
expect_rc 1 "$PRMWB" -m "$T/no73.xml" undo
expect_grep "not in model tuitest" err
TUI_MODEL="$T/no73.xml"
tui_run 100 24 <<EOS
u
:save-display $T/orphan-undo
q
EOS
TUI_MODEL=$MODEL
tr -d '\n' <"$T/orphan-undo" | grep -q 'cannot undo: 7.3 is not in model tuitest' ||
	{ fail "workbench: orphan undo not refused"; cat "$T/orphan-undo" >&2; }
[ "$(sum)" = "$before" ] || fail "a refused orphan undo changed the data file"
expect_rc 0 "$PRMWB" undo
expect_rc 0 "$PRMWB" get 7.3 owner
[ -s "$T/out" ] && fail "undo of 7.3 owner left a value"
before=$(sum)
expect_rc 1 "$PRMWB" -m "$T/other.xml" --force-model redo
expect_grep "redo refused: .*not in model other" err
[ "$(sum)" = "$before" ] || fail "a refused orphan redo changed the data file"
expect_rc 0 "$PRMWB" redo
expect_rc 0 "$PRMWB" get 7.3 owner
printf 'd\n' | expect_out -

done_testing
