#!/bin/sh
# End-to-end: prmwb import of records files (XML and JSON) as a three-way
# merge per field on the origins (store UUID and revision): the five
# scenarios of issue 9 between two stores A and B, conflicts listed and
# handled by --on-conflict, --dry-run, one change set that undo takes back,
# validation errors with FILE:LINE: and nothing written; round trip and
# --restore of a --history export.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

A="$T/a" B="$T/b"
a() { "$PRMWB" --db "$A" "$@"; }
b() { "$PRMWB" --db "$B" "$@"; }
hist() { "$PRMWB" --db "$1" status | sed -n 's/^history: *\([0-9]*\) entries$/\1/p'; }

expect_rc 0 a set 7.4 owner alice
expect_rc 0 a set 7.5 notes "first line
second line, \"quoted\" & <b>"
expect_rc 0 a set 7.4 status planned
a export -o "$T/a1.xml"
a export --format json -o "$T/a1.json"

# ---- (1) A's export into an empty B: all applied --------------------------------
expect_rc 0 b import --dry-run "$T/a1.xml"
expect_grep '^7\.4 owner "" -> "alice"$'
expect_grep 'import \(dry run\): the store would take 3 changes'
[ -e "$B" ] && fail "a dry run created the store"
expect_rc 0 b import "$T/a1.xml"
expect_grep '^imported 3 changes from .*a1\.xml \(sha256 [0-9a-f]{64}\) as history #1\.\.#3, one change set'
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
alice
OUT
expect_rc 0 b log
expect_grep 'import of ".*a1\.xml" \(SHA-256 [0-9a-f]{64}\)'
# the same file again, and its JSON twin: nothing to do
expect_rc 0 b import "$T/a1.xml"
expect_grep 'takes 0 changes'
expect_rc 0 b import "$T/a1.json"
expect_grep 'takes 0 changes'
[ "$(hist "$B")" = 3 ] || fail "a repeated import wrote history"

# ---- (2) B changes 7.4 owner; the old file again: B's change stays -------------------
expect_rc 0 b set 7.4 owner bob
expect_rc 0 b import "$T/a1.xml"
expect_nogrep '^conflict'
expect_grep 'takes 0 changes'
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
bob
OUT

# ---- (3) A changes 7.5 notes, B has changed 7.4 owner: files both ways -----------------
expect_rc 0 a set 7.5 notes "from A"
a export -o "$T/a2.xml"
b export --format json -o "$T/b2.json"
expect_rc 0 b import "$T/a2.xml"
expect_grep '^7\.5 notes ".*" -> "from A"$'
expect_rc 0 a import "$T/b2.json"
expect_grep '^7\.4 owner "alice" -> "bob"$'
for s in "$A" "$B"; do
	expect_rc 0 "$PRMWB" --db "$s" get 7.4 owner
	expect_out - <<'OUT'
bob
OUT
	expect_rc 0 "$PRMWB" --db "$s" get 7.5 notes
	expect_out - <<'OUT'
from A
OUT
done
a export --portable -o "$T/a3.xml"
b export --portable -o "$T/b3.xml"
cmp -s "$T/a3.xml" "$T/b3.xml" || fail "A and B differ after (3)"

# ---- (4) A and B change 7.4 owner differently: a conflict on both sides ----------------
expect_rc 0 a set 7.4 owner carol
expect_rc 0 b set 7.4 owner dave
a export -o "$T/a4.xml"
b export -o "$T/b4.xml"
ha=$(hist "$A") hb=$(hist "$B")
expect_rc 1 b import "$T/a4.xml"
expect_grep '^conflict: 7\.4 owner: changed on both sides since they last agreed$'
expect_grep '^  both had: "bob"$'
expect_grep '^  store:    "dave" \([^,]+, [0-9T:-]+Z\)$'
expect_grep '^  file:     "carol"$'
expect_grep '1 conflict: nothing imported' err
expect_rc 1 b import --dry-run "$T/a4.xml"
expect_grep '^conflict: 7\.4 owner'
expect_rc 1 a import "$T/b4.xml"
expect_grep '^  store:    "carol"'
expect_grep '^  file:     "dave"$'
[ "$(hist "$A")" = "$ha" ] && [ "$(hist "$B")" = "$hb" ] || fail "a conflict wrote history"
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
dave
OUT
# --on-conflict decides: keep-store (skip) writes nothing, take-file (theirs) takes it
expect_rc 0 b import --on-conflict skip "$T/a4.xml"
expect_grep 'the store.s value stays'
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
dave
OUT
expect_rc 2 b import --on-conflict nonsense "$T/a4.xml"
expect_grep 'fail, keep-store \(or skip\) or take-file \(or theirs\)' err
expect_rc 0 b import --on-conflict take-file "$T/a4.xml"
expect_grep 'the file.s value is taken'
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
carol
OUT
# the whole import is one change set: undo takes it back
expect_rc 0 b undo
expect_rc 0 b get 7.4 owner
expect_out - <<'OUT'
dave
OUT
expect_rc 0 b redo
# now B has A's value: A's next export brings nothing, B's brings nothing to A
b export -o "$T/b5.xml"
expect_rc 0 a import "$T/b5.xml"
expect_grep 'takes 0 changes'

# ---- (5) both make the same change: no conflict ---------------------------------------
expect_rc 0 a set 7.6 owner erin
expect_rc 0 b set 7.6 owner erin
a export -o "$T/a6.xml"
b export -o "$T/b6.xml"
expect_rc 0 b import "$T/a6.xml"
expect_nogrep '^conflict'
expect_rc 0 a import "$T/b6.xml"
expect_nogrep '^conflict'

# ---- an undo is news to a store that has the undone value -----------------------------
expect_rc 0 a set 7.7 owner frank
a export -o "$T/a7.xml"
expect_rc 0 b import "$T/a7.xml"
expect_rc 0 a undo
a export -o "$T/a8.xml"
expect_rc 0 b import "$T/a8.xml"
expect_grep '^7\.7 owner "frank" -> ""$'

# ---- validation: FILE:LINE:, exit 2, nothing written ------------------------------------
hb=$(hist "$B")
sed 's/>planned</>bogus</' "$T/a4.xml" >"$T/x.xml"
line=$(grep -n '>bogus<' "$T/x.xml" | cut -d: -f1)
expect_rc 2 b import "$T/x.xml"
expect_grep "^prmwb: .*x\\.xml:$line: 7\\.4 status: " err
expect_grep 'nothing imported' err
sed 's/model="iso27022"/model="other"/' "$T/a4.xml" >"$T/x.xml"
expect_rc 2 b import "$T/x.xml"
expect_grep 'x\.xml:3: the file holds records of model other, not of iso27022' err
printf '<?xml version="1.0"?>\n<!DOCTYPE records [<!ENTITY x "y">]>\n<records xmlns="urn:prmwb:records:1" model="iso27022">&x;</records>\n' >"$T/x.xml"
expect_rc 2 b import "$T/x.xml"
expect_grep 'x\.xml:[0-9]+: a DOCTYPE is not allowed' err
sed 's/origin="[0-9a-f-]*:/origin="nope:/' "$T/a4.xml" >"$T/x.xml"
expect_rc 2 b import "$T/x.xml"
expect_grep 'x\.xml:[0-9]+: ' err
head -c 300 "$T/b2.json" >"$T/x.json"
expect_rc 2 b import "$T/x.json"
expect_grep 'x\.json:[0-9]+: ' err
sed 's/"field": "owner"/"field": "owner", "bogus": 1/' "$T/b2.json" >"$T/x.json"
expect_rc 2 b import "$T/x.json"
expect_grep 'x\.json:[0-9]+: a field has an unknown member "bogus"' err
# a value over 64 KiB
awk 'BEGIN { s = "x"; while (length(s) < 70000) s = s s; print "{\"prmwb-records\": 1, \"model\": \"iso27022\",\n\"fields\": [\n{\"process\": \"7.4\", \"field\": \"notes\"\n, \"origin\": \"00000000-0000-4000-8000-000000000001:1\", \"value\": \"" s "\"}\n]\n}" }' >"$T/x.json"
expect_rc 2 b import "$T/x.json"
expect_grep 'x\.json:3: a value is more than 65536 bytes long' err
expect_rc 2 b import "$T/nosuch.xml"
expect_grep 'cannot read .*nosuch\.xml' err
expect_rc 2 b import "$T"
expect_grep 'it is a directory' err
: >"$T/empty.xml"
expect_rc 2 b import "$T/empty.xml"
expect_grep 'empty\.xml:1: the file is empty' err
[ "$(hist "$B")" = "$hb" ] || fail "a refused import wrote history"
# a bad file does not even create a store that did not exist
sed 's/>planned</>bogus</' "$T/a4.xml" >"$T/x.xml"
expect_rc 2 "$PRMWB" --db "$T/new" import "$T/x.xml"
[ -e "$T/new" ] && fail "a refused import created the store"

# ---- round trip: export -> import into an empty store -> export -----------------------
# What differs (prmwb-records(5), ROUND TRIP): the header's store, seq and
# generated; each field's rev, time and user (the importing store's); the
# known lists (a store knows only its own history of a field); and a field
# an undo emptied stays unwritten in a store that never had it. The rest is
# byte for byte the same.
strip() {
	sed -e 's/ store="[^"]*" seq="[^"]*" generated="[^"]*"//' \
	    -e 's/ rev="[0-9]*" time="[^"]*" user="[^"]*"//' \
	    -e 's/"store": "[^"]*", "seq": [0-9]*, "generated": "[^"]*", //' \
	    -e 's/, "rev": [0-9]*, "time": "[^"]*", "user": "[^"]*"//' \
	    -e 's/ known="[^"]*"//' -e 's/, "known": \[[^]]*\]//' \
	    -e 's/^ origin="[^"]*"\/>$/\/>/' -e 's/^, "origin": "[^"]*", "value": ""}/}/' "$1"
}
for f in xml json; do
	a export --format $f -o "$T/rt.$f"
	expect_rc 0 "$PRMWB" --db "$T/rt-$f" import "$T/rt.$f"
	"$PRMWB" --db "$T/rt-$f" export --format $f >"$T/rt-c.$f"
	strip "$T/rt.$f" >"$T/s1"
	strip "$T/rt-c.$f" >"$T/s2"
	cmp -s "$T/s1" "$T/s2" || { fail "$f round trip differs"; diff "$T/s1" "$T/s2" | head >&2; }
	# and the values themselves, for every process
	for id in 7.4 7.5 7.6 7.7; do
		[ "$(a get "$id" | sed '$d')" = "$("$PRMWB" --db "$T/rt-$f" get "$id" | sed '$d')" ] ||
			fail "$f round trip: $id differs"
	done
done

# ---- restore a --history export into an empty store --------------------------------------
expect_rc 0 a baseline create before-restore --note "a note"
a export --history -o "$T/ah.xml"
a export --history --format json -o "$T/ah.json"
xmllint --noout --relaxng "$TOP_SRCDIR/models/records.rng" "$T/ah.xml" 2>"$T/err" ||
	{ fail "history export not valid"; cat "$T/err" >&2; }
n=$(hist "$A")
for f in xml json; do
	expect_rc 0 "$PRMWB" --db "$T/rs-$f" import --restore --dry-run "$T/ah.$f"
	expect_grep "holds $n history entries"
	expect_rc 0 "$PRMWB" --db "$T/rs-$f" import --restore "$T/ah.$f"
	sha=$(sha256sum "$T/ah.$f" | cut -c1-64)
	expect_grep "^restored $n history entries from .*ah\\.$f \\(sha256 $sha\\); the restore is history #$((n + 1))\$"
	expect_rc 0 "$PRMWB" --db "$T/rs-$f" log --limit 1
	expect_grep "restored from \".*ah\\.$f\" \\(SHA-256 $sha\\)"
	expect_rc 0 "$PRMWB" --db "$T/rs-$f" verify
	expect_rc 0 "$PRMWB" --db "$T/rs-$f" baseline list
	expect_grep 'before-restore'
	# the same history, entry by entry (the restore entry aside)
	"$PRMWB" --db "$T/rs-$f" export --history --format $f >"$T/rs.$f"
	grep -E '^\{"seq": |^<entry ' "$T/ah.$f" | sed 's/,$//' >"$T/h1"
	grep -E '^\{"seq": |^<entry ' "$T/rs.$f" | sed 's/,$//' |
		grep -v '"kind": "restore"\|kind="restore"' >"$T/h2"
	cmp -s "$T/h1" "$T/h2" || { fail "$f: restored history differs"; diff "$T/h1" "$T/h2" | head >&2; }
	expect_rc 1 "$PRMWB" --db "$T/rs-$f" import --restore "$T/ah.$f"
	expect_grep 'is not empty' err
done
expect_rc 1 "$PRMWB" --db "$T/rs-none" import --restore "$T/a4.xml"
expect_grep 'holds no history' err

done_testing
