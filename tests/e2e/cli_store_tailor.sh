#!/bin/sh
# End-to-end: a store bound to the default model (iso27022) opened with a
# tailored model that extends it: no --force-model, the records carry over,
# new processes and outcomes take records, and the store stays bound to
# iso27022 (the default model still opens it). A store made with the
# tailored model is the tailored model's own.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

cat >"$T/acme.xml" <<'END'
<prm xmlns="urn:prmwb:prm:2" id="acme" version="1" extends="iso27022">
<title>ACME ISMS</title>
<tailor process="7.4"><add><outcome n="9">Supplier risks are assessed.</outcome></add></tailor>
<tailor category="core"><add>
<process id="7.99" name="Supplier reviews"><purpose>P.</purpose>
<outcomes><outcome n="1">O.</outcome></outcomes></process>
</add></tailor>
</prm>
END
A="$T/acme.xml"

expect_rc 0 "$PRMWB" set 7.4 owner alice
sum() { md5sum <"$PRMWB_DB/data.mdb"; }
before=$(sum)
expect_rc 0 "$PRMWB" --model "$A" get 7.4 owner
printf 'alice\n' | expect_out -
expect_nogrep . err
expect_rc 0 "$PRMWB" --model "$A" status
expect_grep '^model: +acme \(18 processes, 1 with a record\)$'
expect_grep '^bound to: +iso27022$'
[ "$(sum)" = "$before" ] || fail "opening with the tailored model changed the store"

# writing with the tailored model: no rebinding
expect_rc 0 "$PRMWB" --model "$A" set 7.4 outcome.9 F
expect_nogrep rebound err
expect_rc 0 "$PRMWB" --model "$A" set 7.99 owner bob
expect_rc 0 "$PRMWB" --model "$A" get 7.4 outcome.9
printf 'F\n' | expect_out -
expect_rc 0 "$PRMWB" --model "$A" undo
expect_rc 0 "$PRMWB" --model "$A" redo
# the default model still opens the store, without --force-model
expect_rc 0 "$PRMWB" get 7.4 owner
printf 'alice\n' | expect_out -
expect_rc 0 "$PRMWB" status
expect_nogrep '^bound to:'
expect_grep '^orphans: +1$'
# an outcome the untailored model lacks is refused there...
expect_rc 2 "$PRMWB" set 7.4 outcome.9 P
# ...and a gap in the tailored one is named
cat >"$T/gap.xml" <<'END'
<prm xmlns="urn:prmwb:prm:2" id="gap" version="1" extends="iso27022">
<title>G</title>
<tailor process="7.4"><add><outcome n="9">Later.</outcome></add></tailor>
</prm>
END
expect_rc 2 "$PRMWB" --model "$T/gap.xml" set 7.4 outcome.8 F
expect_grep "outcome\.8: process 7\.4 has no outcome 8 \(its outcomes are 1, 3, 4, 5, 6, 7, 9; a retired number is not reused\)" err
expect_rc 0 "$PRMWB" --model "$T/gap.xml" get 7.4
expect_grep '^  outcome\.9 +F$'

# a store made with the tailored model belongs to it
export PRMWB_DB="$T/db2"
expect_rc 0 "$PRMWB" --model "$A" set 7.99 owner carol
expect_rc 1 "$PRMWB" get 7.4 owner
expect_grep "belongs to model 'acme', not 'iso27022'" err

# the workbench opens the iso27022 store with the tailored model too
export PRMWB_DB="$T/db"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
TUI_MODEL=$A
tui_run 100 30 <<EOS
:save-display $T/screen
q
EOS
expect_in "$T/screen" "7.4* "
expect_in "$T/screen" "7.99* Supplier reviews"
expect_not_in "$T/screen" "belongs to model"
[ "$rc" = 0 ] || fail "workbench with the tailored model"
done_testing
