#!/bin/sh
# End-to-end: bulk edits are one change set (IDS with commas, --category,
# --all; validation failures change nothing), undo/redo take whole sets and
# a set refused because of another user's change names who and what, undo
# --partial undoes the rest; log shows a set as one group; baselines (create,
# list, names unique, delete refused); --as-of REF for get and status, and
# refused by the other commands.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# ---- bulk set -------------------------------------------------------------------
expect_rc 0 "$PRMWB" set 7.2,7.3,7.4 status planned
expect_grep '^status of 3 processes: 3 changed \(change set #1\)$'
expect_rc 0 "$PRMWB" set 7.2,7.3,7.4,7.5 status planned
expect_grep '^status of 4 processes: 1 changed, 3 already had that value \(change set #4\)$'
expect_rc 0 "$PRMWB" set 7.2,7.3 status planned
expect_grep '^status of 2 processes: none changed \(all already had that value\)$'
expect_rc 0 "$PRMWB" set --category core owner Alice
expect_grep '^owner of 12 processes: 12 changed \(change set #5\)$'
expect_rc 0 "$PRMWB" set --all review 2027-03-31
expect_grep '^review of 17 processes: 17 changed \(change set #17\)$'
expect_rc 0 "$PRMWB" status
expect_grep '^history: +33 entries$'
# refused as a whole: nothing written
expect_rc 2 "$PRMWB" set 7.2,7.3 status done
expect_grep "status" err
expect_rc 1 "$PRMWB" set 7.2,7.99 owner Bob
expect_grep "no process '7\.99'" err
expect_rc 2 "$PRMWB" set --category nosuch owner Bob
expect_grep "^prmwb: set: no category 'nosuch' in model iso27022" err
expect_rc 2 "$PRMWB" set 7.2,,7.3 owner Bob
expect_grep 'an empty process id' err
expect_rc 2 "$PRMWB" set --all --category core owner Bob
expect_rc 2 "$PRMWB" set 7.2,7.3 applicable no
expect_grep "^prmwb: 7\.2: applicable 'no' needs a justification" err
expect_rc 2 "$PRMWB" set --all outcome.5 F       # not every process has outcome 5
expect_rc 0 "$PRMWB" status
expect_grep '^history: +33 entries$'
expect_rc 0 "$PRMWB" verify

# ---- log groups a change set --------------------------------------------------------
expect_rc 0 "$PRMWB" log --limit 4
expect_grep '^change set #17  [0-9TZ:-]+  [^ ]+  changes made together$'
expect_grep '^  #33  [0-9TZ:-]+  [^ ]+  8\.5  review  "" → "2027-03-31"$'
expect_rc 0 "$PRMWB" log 7.4 --limit 3
expect_grep '^change set #17 '
expect_grep '^  #20  .*  7\.4  review  "" → "2027-03-31"$'

# ---- undo of a whole set, refused when someone changed a field of it -------------
expect_rc 0 "$PRMWB" undo
expect_grep '^undone: change set #17, 17 fields \(history #34 to #50\):$'
expect_grep '^  7\.4 review is now not set$'
expect_rc 0 "$PRMWB" redo
expect_grep '^redone: change set #34, 17 fields \(history #51 to #67\):$'
expect_rc 0 "$PRMWB" log --limit 1
expect_grep '^  #67  .*  review  "" → "2027-03-31"  \[redo of #33\]$'
# another user, bob, changes 7.3 review (tests/tools/store_raw acts as him)
printf 'user bob\nset 7.3 review 2028-01-01\n' |
	"$TOP_BUILDDIR/tests/tools/store_raw" -S "$PRMWB_DB" iso27022 >/dev/null || fail "bob's change"
expect_rc 1 "$PRMWB" undo
expect_grep "^prmwb: undo refused: change set #17 \(17 fields\) has 1 that cannot be undone: 7\.3 review \(#19\): changed since, by bob at [0-9TZ:-]+, #68; nothing was changed \(their work is kept\)\. 'prmwb undo --partial' undoes the other 16 fields and lists the rest$" err
expect_rc 0 "$PRMWB" status
expect_grep '^history: +68 entries$'
expect_rc 0 "$PRMWB" undo --partial
expect_grep '^undone: change set #17, 16 fields \(history #69 to #84\):$'
expect_grep '^not undone \(1 field; .prmwb undo N. undoes one of your changes by its number\):$'
expect_grep '^  7\.3 review \(#19\): changed since, by bob at [0-9TZ:-]+, #68$'
expect_rc 0 "$PRMWB" get 7.3 review
printf '2028-01-01\n' | expect_out -
expect_rc 0 "$PRMWB" get 7.4 review
printf '' | expect_out -
expect_rc 2 "$PRMWB" undo --partial 12
expect_rc 2 "$PRMWB" undo --whole
expect_rc 2 "$PRMWB" redo 3
expect_rc 0 "$PRMWB" verify

# ---- baselines -------------------------------------------------------------------------
expect_rc 0 "$PRMWB" baseline create audit-2026 --note "before the audit"
expect_grep '^baseline "audit-2026" created: history #85 \(read as of it with --as-of audit-2026\)$'
expect_rc 0 "$PRMWB" set 7.4 status verified
expect_rc 1 "$PRMWB" baseline create audit-2026
expect_grep "^prmwb: baseline create: 'audit-2026' exists already \(history #85\); a name is never reused" err
expect_rc 2 "$PRMWB" baseline create 2026-audit
expect_grep "is not a baseline name" err
expect_rc 0 "$PRMWB" baseline create Q3 --note=later
expect_rc 0 "$PRMWB" baseline list
printf 'audit-2026  #85  X  USER  "before the audit"\nQ3  #87  X  USER  "later"\n' >"$T/want"
sed -E "s/  [0-9]{4}-[0-9TZ:-]+  $(id -un)  /  X  USER  /" "$T/out" >"$T/got"
diff -u "$T/want" "$T/got" || fail "baseline list"
expect_rc 1 "$PRMWB" baseline delete audit-2026
expect_grep "^prmwb: baseline delete refused: the history is append-only" err
expect_rc 2 "$PRMWB" baseline
expect_rc 0 "$PRMWB" log --limit 3
expect_grep "^#87  .*  baseline \"Q3\" created: \"later\"$"
expect_rc 1 "$PRMWB" undo 85
expect_grep 'is a baseline or a restore, not a change' err

# ---- --as-of --------------------------------------------------------------------------
expect_rc 0 "$PRMWB" get 7.4 status --as-of audit-2026
printf 'planned\n' | expect_out -
expect_rc 0 "$PRMWB" get --as-of=audit-2026 7.4 status
printf 'planned\n' | expect_out -
expect_rc 0 "$PRMWB" get 7.4 status
printf 'verified\n' | expect_out -
expect_rc 0 "$PRMWB" get 7.4 --as-of '#3'
expect_grep '^as of history #3 \(#3\)$'
expect_grep '^  status +planned$'
expect_grep '^  owner +-$'
expect_grep '^revision 3, last changed '
expect_rc 0 "$PRMWB" get 7.4 status --as-of 0
printf '' | expect_out -
expect_rc 0 "$PRMWB" get 7.4 status --as-of 2000-01-01
printf '' | expect_out -
expect_rc 0 "$PRMWB" get 7.4 status --as-of 2999-12-31T23:59Z
printf 'verified\n' | expect_out -
expect_rc 0 "$PRMWB" status --as-of 4
expect_grep '^as of: +history #4 \(4\): the counts below$'
expect_grep '^  planned +4$'
expect_grep '^model: +iso27022 \(17 processes, 4 with a record\)$'
expect_rc 1 "$PRMWB" get 7.4 --as-of nosuch
expect_grep "^prmwb: --as-of nosuch: no baseline 'nosuch' \(baselines: audit-2026, Q3\)$" err
expect_rc 1 "$PRMWB" get 7.4 --as-of 9999
expect_grep '^prmwb: --as-of 9999: no history entry #9999 \(the newest is #87\)$' err
expect_rc 2 "$PRMWB" get 7.4 --as-of 2026-02-30
expect_grep "^prmwb: --as-of: '2026-02-30' is not a REF: a REF is a baseline name" err
expect_rc 2 "$PRMWB" get 7.4 --as-of
expect_rc 2 "$PRMWB" get 7.4 --as-of 1 --as-of 2
for cmd in "set 7.4 owner x" "log" "undo" "baseline list" "list" "search risk"; do
	# shellcheck disable=SC2086
	expect_rc 2 "$PRMWB" $cmd --as-of 3
	expect_grep "^prmwb: --as-of: '${cmd%% *}' does not read as of a point of the history" err
done
# a value that looks like it, after --: a value
expect_rc 0 "$PRMWB" set -- 7.4 notes --as-of
expect_rc 0 "$PRMWB" get 7.4 notes
printf -- '--as-of\n' | expect_out -
# no store yet: every REF but a missing one names the empty start
expect_rc 0 env PRMWB_DB="$T/none" "$PRMWB" get 7.4 --as-of 2026-01-01
expect_rc 1 env PRMWB_DB="$T/none" "$PRMWB" get 7.4 --as-of b1
expect_rc 0 "$PRMWB" verify

done_testing
