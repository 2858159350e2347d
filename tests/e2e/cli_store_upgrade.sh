#!/bin/sh
# End-to-end: a store made by the schema-1 code (tests/tools/v1/mkstore1,
# prmwb's store before schema 2, verbatim) is upgraded in place to schema 2
# when prmwb opens it with write access, with every value, history entry,
# undo and redo stack and orphan intact:
#  - the dump (every record, field, revision, writer, time; every history
#    entry) right after the upgrade is the schema-1 dump, byte for byte;
#  - the same undo/redo/set operations, run on a schema-1 copy by the
#    schema-1 code and on the upgraded store by prmwb, give the same dump
#    (the stacks behave the same across the upgrade), and the same refusals;
#  - read-only (no write permission, or --read-only), the store is read
#    through a copy, every read works, the file is not touched, the notice
#    says so; verify checks a schema-1 store without upgrading it;
#  - the upgraded store verifies, says schema 2 and has a UUID, and a
#    prmwb of schema 1 that had it open refuses to write to it.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

MK1="$TOP_BUILDDIR/tests/tools/v1/mkstore1"
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
V1="$T/v1"

# Two users, changes, undos and redos (named ones too), a refused undo, a
# value over several lines, an orphan (9.9 is in no model), raw control
# bytes, a long history of one field.
cat >"$T/build" <<'EOF'
user alice
set 7.4 owner alice
set 7.4 status planned
set 7.3 notes first\nsecond
user bob
set 7.4 owner bob
set 9.9 owner orphaned
undo
redo
set 7.5 evidence doc-1\ndoc-2
user alice
undo
undo 3
undo
undo
set 7.2 review 2027-03-31
undo
raw 7.6 notes tab\there\x1b
bulk 50 7.7 notes
set 7.4 applicable no
set 7.4 justification none needed
user bob
undo
EOF
expect_rc 0 "$MK1" "$V1" iso27022 <"$T/build"
# alice's undo 3 (undone already), her plain undo of 7.4 owner (bob changed
# it), applicable no without a justification
[ "$(grep -c '^refused ' "$T/out")" = 3 ] || fail "set-up: not the three refusals"
printf 'dump\n' | "$MK1" "$V1" iso27022 >"$T/v1.dump" || fail "dump of the schema-1 store"
n=$(sed -n 's/^last #//p' "$T/v1.dump")
[ "$n" -gt 60 ] || fail "set-up: a short schema-1 history ($n entries)"
grep -q '^R 9\.9 ' "$T/v1.dump" || fail "set-up: no orphan"

# verify reads a schema-1 store as it is (never writes)
cp -R "$V1" "$T/orig"
sum=$(md5sum <"$V1/data.mdb")
expect_rc 0 "$PRMWB" --db "$V1" verify
expect_grep "^$V1: ok: model iso27022, $n history entries"

# ---- read-only: through a copy, the store untouched ---------------------------
printf 'dump\n' | "$RAW" -Sr "$V1" iso27022 >"$T/ro.dump" 2>"$T/ro.err" || fail "read-only dump"
if ! diff -u "$T/v1.dump" "$T/ro.dump" >"$T/diff"; then
	fail "read-only: the dump differs from the schema-1 store's"
	head -20 "$T/diff" >&2
fi
expect_rc 0 "$PRMWB" --db "$V1" --read-only get 7.4 owner
printf 'bob\n' | expect_out -
expect_grep "^prmwb: $V1: store of schema version 1 opened read-only: read through a copy in schema version 2 \(the store is upgraded by the first prmwb that opens it with write access\)$" err
expect_rc 0 "$PRMWB" --db "$V1" --read-only status
expect_grep '^uuid: +\(none yet: a schema-1 store read through a copy\)$'
expect_rc 0 "$PRMWB" --db "$V1" --read-only log --limit 1
expect_grep "^#$n "
chmod a-w "$V1" "$V1/data.mdb"
if [ "$(id -u)" != 0 ]; then   # root may write anyway
	expect_rc 0 "$PRMWB" --db "$V1" get 7.3 notes
	expect_grep 'no write permission'  err
fi
chmod u+w "$V1" "$V1/data.mdb"
[ "$(md5sum <"$V1/data.mdb")" = "$sum" ] || fail "a read-only open changed the schema-1 store"
ls -d "${TMPDIR:-/tmp}"/prmwb-view-* 2>/dev/null | while read -r d; do
	[ -O "$d" ] && [ "$d" -nt "$T/build" ] && fail "a view's directory was left: $d"
done

# ---- the upgrade in place -------------------------------------------------------
printf 'dump\n' | "$RAW" -S "$V1" iso27022 >"$T/v2.dump" || fail "dump after the upgrade"
if ! diff -u "$T/v1.dump" "$T/v2.dump" >"$T/diff"; then
	fail "the upgraded store's dump differs from the schema-1 store's"
	head -20 "$T/diff" >&2
fi
expect_rc 0 "$PRMWB" --db "$V1" verify
expect_grep "^$V1: ok: model iso27022, $n history entries, 7 records"
expect_rc 0 "$PRMWB" --db "$V1" status
expect_grep '^schema: +2$'
expect_grep '^uuid: +[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
expect_grep '^orphans: +1$'
uuid=$(sed -n 's/^uuid: *//p' "$T/out")
expect_rc 0 "$PRMWB" --db "$V1" status
expect_grep "^uuid: +$uuid\$"           # made once, kept
expect_rc 0 "$PRMWB" --db "$V1" get 9.9
expect_grep '^9\.9 \(orphan: not in model iso27022; record kept\)$'

# ---- a kill during the upgrade leaves schema 1 or schema 2, never a mix --------
# store_raw -K STEP kills itself inside the upgrade's transaction: after
# replaying entry STEP, once all is checked (2^64-2), after the schema-1
# keys are gone (2^64-1: just before the commit).
for step in 1 2 $((n / 2)) "$n" 18446744073709551614 18446744073709551615; do
	rm -rf "$T/k"
	cp -R "$T/orig" "$T/k"
	"$RAW" -K "$step" "$T/k" iso27022 >/dev/null 2>&1
	rc=$?
	[ $rc = 137 ] || fail "kill at step $step: store_raw ended with $rc, not by SIGKILL"
	expect_rc 0 "$PRMWB" --db "$T/k" verify
	expect_grep '; schema version 1$'
	printf 'dump\n' | "$MK1" "$T/k" iso27022 >"$T/k.dump" 2>&1
	cmp -s "$T/v1.dump" "$T/k.dump" || fail "kill at step $step: the schema-1 store changed"
	printf 'dump\n' | "$RAW" -S "$T/k" iso27022 >"$T/k.dump" 2>&1
	cmp -s "$T/v1.dump" "$T/k.dump" || fail "kill at step $step: the upgrade after it differs"
	expect_rc 0 "$PRMWB" --db "$T/k" verify
	expect_grep '; schema version 2, UUID '
done
# and killed from outside at any moment (the commit included): a bigger
# store, so that the upgrade takes a while
printf 'user alice\nbulk 30000 7.8 notes\n' | "$MK1" "$T/big" iso27022 >/dev/null
printf 'dump\n' | "$MK1" "$T/big" iso27022 >"$T/big.dump"
for r in 1 2 3 4 5 6; do
	rm -rf "$T/k"
	cp -R "$T/big" "$T/k"
	"$PRMWB" --db "$T/k" status >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$((r * 15))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	expect_rc 0 "$PRMWB" --db "$T/k" verify
	expect_grep '; schema version [12]($|,)'
	printf 'dump\n' | "$RAW" -S "$T/k" iso27022 >"$T/k.dump" 2>&1
	cmp -s "$T/big.dump" "$T/k.dump" || fail "external kill $r: the store differs afterwards"
done

# ---- undo and redo across the upgrade: as the schema-1 code would ----------------
cat >"$T/ops" <<'EOF'
user bob
undo
undo
redo
redo
redo
undo 2
user alice
redo
undo
undo
undo
undo 5
undo 1
redo
set 7.4 owner carol
undo
undo
user bob
undo
undo
undo
dumpnt
EOF
cp -R "$T/orig" "$T/v1b"
"$MK1" "$T/v1b" iso27022 <"$T/ops" >"$T/ops1.out" || fail "the operations on schema 1"
"$RAW" -S "$V1" iso27022 <"$T/ops" >"$T/ops2.out" || fail "the operations on schema 2"
if ! diff -u "$T/ops1.out" "$T/ops2.out" >"$T/diff"; then
	fail "undo/redo after the upgrade differ from schema 1's"
	head -30 "$T/diff" >&2
fi
grep -q '^refused' "$T/ops1.out" || fail "set-up: no refusal among the operations"
expect_rc 0 "$PRMWB" --db "$V1" verify

# ---- a prmwb of schema 1 with the store open refuses to write after it --------
# (it reads m/seq before each write: schema 2 leaves text there, not a number)
cp -R "$T/orig" "$T/late"
printf 'user alice\nset 7.4 owner one\nwait %s\nset 7.4 owner two\nundo\n' "$T/go" >"$T/late.ops"
"$MK1" "$T/late" iso27022 <"$T/late.ops" >"$T/late.out" 2>&1 &
pid=$!
i=0
while ! grep -q '^ok' "$T/late.out" && [ $i -lt 60000 ]; do sleep 0.01; i=$((i + 1)); done
expect_rc 0 "$PRMWB" --db "$T/late" status          # upgrades it meanwhile
expect_grep '^schema: +2$'
touch "$T/go"
wait $pid || fail "the schema-1 writer ended badly"
expect_rc 0 cat "$T/late.out"
printf 'ok #%s\nrefused the store is damaged\nrefused not found\n' $((n + 1)) | expect_out -
expect_rc 0 "$PRMWB" --db "$T/late" verify
expect_rc 0 "$PRMWB" --db "$T/late" get 7.4 owner
printf 'one\n' | expect_out -
# opening it anew, a prmwb of schema 1 says what it is
expect_rc 2 "$MK1" "$T/late" iso27022 </dev/null
expect_grep 'schema version 2; this prmwb reads version 1' err

done_testing
