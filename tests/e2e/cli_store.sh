#!/bin/sh
# End-to-end: the record commands of the real binary (set, get, undo, redo,
# log, status), their exit codes and messages, and that refused changes
# leave the store untouched.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# A small model of our own, so the test does not depend on the embedded one.
model() { # model ID [no61]: a model with processes 6.1 (3 outcomes, unless no61), 7.4 (5)
	cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:1" id="$1" version="1">
  <title>Test model</title>
  <category id="c" name="Category">
XML
	[ "${2:-}" = no61 ] || cat <<XML
    <process id="6.1" name="Leadership">
      <purpose>Lead.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome><outcome n="3">c</outcome></outcomes>
    </process>
XML
	cat <<XML
    <process id="7.4" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome><outcome n="3">c</outcome>
        <outcome n="4">d</outcome><outcome n="5">e</outcome></outcomes>
    </process>
  </category>
</prm>
XML
}
model iso27022 >"$T/model.xml"
model othermodel >"$T/other.xml"
export PRMWB_MODEL="$T/model.xml"
ID=7.4

# No store yet: reads behave like an empty store, and create nothing.
expect_rc 0 "$PRMWB" get "$ID"
expect_grep '^7\.4 Risk management$'
expect_grep '^  owner +-$'
expect_grep '^  outcome\.5 +-$'
expect_grep '^no record yet$'
[ ! -s "$T/err" ] || fail "get on no store wrote to stderr: $(cat "$T/err")"
expect_rc 0 "$PRMWB" get "$ID" owner
[ ! -s "$T/out" ] || fail "get ID FIELD on no store printed something"
expect_rc 1 "$PRMWB" get no.such.process
expect_grep "no process 'no.such.process'" err
expect_rc 2 "$PRMWB" get "$ID" colour
expect_rc 0 "$PRMWB" log
[ ! -s "$T/out" ] || fail "log on no store printed something"
expect_rc 0 "$PRMWB" log "$ID" --limit 3
[ ! -s "$T/out" ] || fail "log ID on no store printed something"
expect_rc 1 "$PRMWB" log no.such.process
expect_rc 0 "$PRMWB" status
expect_grep "^store: +$PRMWB_DB \\(not created yet\\)\$"
expect_grep '^model: +iso27022 \(2 processes, 0 with a record\)$'
expect_grep '^size: +0 bytes$'
expect_grep '^history: +0 entries$'
expect_grep '^  not set +2$'
expect_grep '^  in-progress +0$'
expect_grep '^orphans: +0$'
expect_rc 1 "$PRMWB" undo
expect_grep 'nothing to undo' err
expect_rc 1 "$PRMWB" redo
expect_grep 'nothing to redo' err
expect_rc 0 "$PRMWB" --read-only get "$ID" owner
expect_rc 1 "$PRMWB" --read-only set "$ID" owner x
[ ! -e "$PRMWB_DB" ] || fail "a read or --read-only command created a store"
# an empty directory (made by hand) is not a store either, and stays empty
mkdir "$PRMWB_DB"
expect_rc 0 "$PRMWB" status
expect_grep '\(not created yet\)$'
expect_rc 0 "$PRMWB" log
[ -z "$(ls -A "$PRMWB_DB")" ] || fail "a read created files in an empty store directory"
rmdir "$PRMWB_DB"

expect_rc 2 "$PRMWB" set "$ID" status done
expect_grep "status: 'done' is not allowed; use one of: not-started, planned, in-progress, implemented, verified" err
[ ! -e "$PRMWB_DB" ] || fail "a refused set created a store"
expect_rc 2 "$PRMWB" set "$ID" colour red
expect_grep 'fields are: owner, status' err
expect_rc 2 "$PRMWB" set "$ID" review 2025-02-29
expect_grep 'YYYY-MM-DD' err
expect_rc 2 "$PRMWB" set "$ID" owner "$(printf 'a\nb')"
expect_grep 'one line' err
expect_rc 2 "$PRMWB" set "$ID" outcome.999 F
expect_grep 'outcome.999: this process has outcomes 1 to' err
expect_rc 1 "$PRMWB" set no.such.process owner x
expect_grep "no process 'no.such.process'" err
expect_rc 2 "$PRMWB" set "$ID" owner

expect_rc 0 "$PRMWB" set "$ID" owner "Alice Smith"
[ "$(stat -c %a "$PRMWB_DB")" = 700 ] || fail "store dir mode $(stat -c %a "$PRMWB_DB")"
[ "$(stat -c %a "$PRMWB_DB/data.mdb")" = 600 ] || fail "data file mode"
expect_rc 0 "$PRMWB" set "$ID" status In-Progress
expect_rc 0 "$PRMWB" set "$ID" outcome.1 l
expect_rc 2 "$PRMWB" set "$ID" notes "$(printf 'bad \033[31m')"
expect_grep 'control character U\+001B' err
printf 'first line\r\nsecond\tline\n\n' | "$PRMWB" set "$ID" notes - || fail "set from stdin"
expect_rc 0 "$PRMWB" get "$ID" status
printf 'in-progress\n' | expect_out -
expect_rc 0 "$PRMWB" get "$ID" outcome.1
printf 'L\n' | expect_out -
# raw value when piped (scripts), exactly as stored
"$PRMWB" get "$ID" notes >"$T/raw" || fail "get notes"
printf 'first line\nsecond\tline\n' | cmp -s - "$T/raw" || fail "raw value differs"
expect_rc 0 "$PRMWB" get "$ID"
expect_grep '^  owner +Alice Smith$'
expect_grep '^  notes +first line$'
expect_grep '^                  second line$'  # tab shown as a space
expect_grep '^revision 4, last changed [0-9-]{10}T[0-9:]{8}Z by '

# applicable=no needs a justification, in either order
expect_rc 2 "$PRMWB" set "$ID" applicable no
expect_grep 'needs a justification' err
expect_rc 0 "$PRMWB" set "$ID" justification "outsourced to HQ"
expect_rc 0 "$PRMWB" set "$ID" applicable NO
expect_rc 2 "$PRMWB" set "$ID" justification ""
expect_grep 'cannot be cleared while applicable' err

# log, newest first
expect_rc 0 "$PRMWB" log --limit 2
[ "$(wc -l <"$T/out")" = 2 ] || fail "log --limit 2 printed $(wc -l <"$T/out") lines"
expect_grep '^#6  [0-9-]{10}T[0-9:]{8}Z  [^ ]+  7\.4  applicable  "" → "no"$'
expect_rc 0 "$PRMWB" log "$ID"
expect_grep 'notes  "" → "first line\^Jsecond line"'
expect_rc 2 "$PRMWB" log --limit x
expect_rc 1 "$PRMWB" log no.such.process

# undo / redo
expect_rc 0 "$PRMWB" undo
expect_grep '^undone: 7\.4 applicable is now not set'
# the record's last change is its newest history entry, undo included
me=$(id -un)
expect_rc 0 "$PRMWB" get "$ID"
expect_grep "^revision 7, last changed [0-9-]{10}T[0-9:]{8}Z by $me\$"
expect_rc 0 "$PRMWB" undo
expect_grep '^undone: 7\.4 justification is now not set'
expect_rc 0 "$PRMWB" get "$ID"
expect_grep '^revision 8, '
expect_rc 0 "$PRMWB" redo
expect_grep '^redone: 7\.4 justification is now "outsourced to HQ"'
expect_rc 0 "$PRMWB" get "$ID"
expect_grep '^revision 9, '
expect_rc 0 "$PRMWB" log --limit 3
expect_grep '\[redo of #5\]'
expect_grep '\[undo of #6\]'
expect_grep '\[undo of #5\]'
expect_rc 0 "$PRMWB" set "$ID" owner "Bob"
expect_rc 1 "$PRMWB" redo
expect_grep 'nothing to redo' err
expect_rc 2 "$PRMWB" undo extra

# status
expect_rc 0 "$PRMWB" status
expect_grep "^store: +$PRMWB_DB\$"
expect_grep '^  in-progress +1$'
expect_grep '^history: +10 entries$'
expect_grep '^size: +[0-9]+ bytes$'
expect_grep '^schema: +2$'
expect_grep '^uuid: +[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
expect_grep '^orphans: +0$'

# read-only: reads work, writes are refused and change nothing
expect_rc 0 "$PRMWB" --read-only get "$ID" owner
printf 'Bob\n' | expect_out -
expect_rc 1 "$PRMWB" --read-only set "$ID" owner "Carol"
expect_grep 'read-only' err
expect_rc 1 "$PRMWB" --read-only undo
# no store yet: read-only is the reason, not the missing store
expect_rc 1 "$PRMWB" -r --db "$T/none" set "$ID" owner x
expect_grep "$T/none: the store is opened read-only \(--read-only\); nothing was changed" err
expect_nogrep 'no store here' err
[ -e "$T/none" ] && fail "a read-only set created $T/none"
# the same for a set of several processes and a baseline, naming the store
expect_rc 1 "$PRMWB" -r --db "$T/none" set "6.1,$ID" owner x
expect_grep "^prmwb: $T/none: the store is opened read-only \(--read-only\); nothing was changed\$" err
expect_rc 1 "$PRMWB" -r --db "$T/none" baseline create b1
expect_grep "^prmwb: $T/none: the store is opened read-only \(--read-only\); no baseline was created\$" err
[ -e "$T/none" ] && fail "a read-only set or baseline created $T/none"
expect_rc 0 "$PRMWB" get "$ID" owner
printf 'Bob\n' | expect_out -

# a store of another model is refused unless --force-model
expect_rc 1 "$PRMWB" --model "$T/other.xml" get "$ID"
expect_grep "belongs to model 'iso27022', not 'othermodel'; use --force-model" err
expect_rc 0 "$PRMWB" --model "$T/other.xml" --read-only --force-model get "$ID" owner
printf 'Bob\n' | expect_out -

# orphans: records of processes the model no longer has are kept and shown
expect_rc 0 "$PRMWB" set 6.1 owner "Dana"
model iso27022 no61 >"$T/small.xml"
expect_rc 0 "$PRMWB" --model "$T/small.xml" status
expect_grep '^orphans: +1$'
expect_grep '^  6\.1 \(record kept'
expect_rc 0 "$PRMWB" --model "$T/small.xml" get 6.1 owner
printf 'Dana\n' | expect_out -
expect_rc 0 "$PRMWB" --model "$T/small.xml" get 6.1
expect_grep 'orphan'

done_testing
