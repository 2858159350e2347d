#!/bin/sh
# End-to-end: a damaged store (LMDB has no checksums and trusts its pages)
# never crashes a command. Each kind of damage - garbage in a leaf or a
# branch page, a page of the wrong type, a branch with no keys (an LMDB
# assertion), page numbers that point nowhere, a file cut short, values
# whose lengths do not add up - makes get, log, status, set and undo exit 2
# with "the store in DIR is damaged ... run 'prmwb verify' ... mdb_copy",
# leaves data.mdb as it was and dumps no core (damage to the history's
# pages: the commands that read the history); 'prmwb verify' names what is
# wrong (page, key) and exits 2, and 0 on a sound store. Then the backup and
# restore of the man page (BACKUP) bring the store back.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

ulimit -c 0
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
if [ "$(getconf LONG_BIT)" != 64 ]; then
	echo "SKIP: the page offsets below are those of LMDB on a 64-bit machine" >&2
	exit 77
fi

# u FILE BYTES OFFSET: the unsigned number there (native byte order)
u() { od -An -t "u$2" -j "$3" -N "$2" "$1" | tr -d ' '; }
# put FILE OFFSET PRINTF-BYTES: overwrite bytes in place
put() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
# le8 N: N as 8 little-endian bytes, in printf octal escapes
le8() {
	n=$1 i=0 out=
	while [ $i -lt 8 ]; do
		out="$out\\$(printf '%03o' $((n % 256)))"
		n=$((n / 256)) i=$((i + 1))
	done
	printf '%s' "$out"
}
# meta DIR: ps (page size), m (offset of the current meta page), root and
# last (page numbers) of the store's main tree (LMDB 0.9, 64-bit layout)
meta() {
	f=$1/data.mdb
	ps=$(u "$f" 4 40)
	m=0
	[ "$(u "$f" 8 $((ps + 144)))" -gt "$(u "$f" 8 144)" ] && m=$ps
	root=$(u "$f" 8 $((m + 128)))
	last=$(u "$f" 8 $((m + 136)))
}

# A small store (one leaf page) and a larger one, whose history (the hist
# database) is a branch over leaves. The main tree (meta keys and the
# named databases' records) is one page: every command reads it.
SMALL="$T/small" BIG="$T/big"
expect_rc 0 "$PRMWB" --db "$SMALL" set 7.4 owner alice
expect_rc 0 "$PRMWB" --db "$SMALL" set 7.4 status planned
expect_rc 0 "$PRMWB" --db "$SMALL" set 7.3 notes "first
second"
expect_rc 0 "$RAW" -n 400 "$BIG" iso27022 7.4 notes
expect_rc 0 "$PRMWB" --db "$BIG" set 7.4 owner alice
for db in "$SMALL" "$BIG"; do
	expect_rc 0 "$PRMWB" --db "$db" verify
	expect_grep "^$db: ok: model iso27022, [0-9]+ history entries, [0-9]+ records"
done
# hroot DIR: root page (hroot) and depth (hdepth) of the history's tree
hroot() {
	set -- $("$RAW" -R "$1" iso27022 hist)
	hroot=$1 hdepth=$2
}
hroot "$BIG"
[ "$hdepth" = 2 ] || fail "set-up: the big store's history is not two levels deep"

# copy NAME FROM: a fresh copy of a store to damage
copy() { rm -rf "$T/$1"; cp -R "$2" "$T/$1"; D="$T/$1"; meta "$D"; hroot "$D"; }

# refuse WHAT COMMAND...: each command exits 2 with the message, and
# data.mdb is left as it was.
refuse() {
	what=$1
	shift
	sum=$(md5sum <"$D/data.mdb")
	for cmd in "$@"; do
		# shellcheck disable=SC2086
		expect_rc 2 "$PRMWB" --db "$D" $cmd
		if ! grep -q "the store in $D is damaged (.*): run 'prmwb verify' for details; restore it from a copy made with 'mdb_copy -c'" "$T/err"; then
			fail "$what: '$cmd': no damage message"
			sed 's/^/  /' "$T/err" >&2
		fi
	done
	[ "$(md5sum <"$D/data.mdb")" = "$sum" ] || fail "$what: data.mdb changed"
}
# all_refuse WHAT: every command reading the store (damage every command
# reads: the main tree, or the values)
all_refuse() { refuse "$1" "get 7.4" "log" "status" "set 7.4 owner zed" "undo"; }
# hist_refuse WHAT: the commands that read the history (get and status
# read the fields alone)
hist_refuse() { refuse "$1" "log" "set 7.4 owner zed" "undo"; }

# verify_finds WHAT PATTERN: verify exits 2 and names the damage.
verify_finds() {
	expect_rc 2 "$PRMWB" --db "$D" verify
	expect_grep "$2"
	expect_grep "^prmwb: $D: [0-9]+ problems? found: the store is damaged; restore it from a copy made with 'mdb_copy -c'" err
}

# ---- garbage where a leaf's entries start -----------------------------------
copy leaf "$SMALL"
put "$D/data.mdb" $((root * ps + 16)) '\377\177\377\177\377\177\377\177\377\177\377\177'
all_refuse "leaf garbage"
verify_finds "leaf garbage" "^page $root of the records: entry 0 is at offset 32767, outside"

# ---- a leaf marked as a branch ----------------------------------------------
copy type "$SMALL"
put "$D/data.mdb" $((root * ps + 10)) '\001\000'
all_refuse "page type"
verify_finds "page type" "^page $root of the records: is a branch at depth 1 of a tree 1 deep"

# ---- a branch with no keys: an assertion inside LMDB ------------------------
copy nokeys "$BIG"
put "$D/data.mdb" $((hroot * ps + 12)) '\020\000'
hist_refuse "branch without keys"
expect_rc 2 "$PRMWB" --db "$D" log
expect_grep "damaged \(.*Assertion" err
verify_finds "branch without keys" "^page $hroot of hist: holds no keys"

# ---- garbage in a branch --------------------------------------------------------
copy branch "$BIG"
n=$((($(u "$D/data.mdb" 2 $((hroot * ps + 12))) - 16) / 2)) i=0
while [ $i -lt $n ]; do     # every entry of the root at offset 0x7fff
	put "$D/data.mdb" $((hroot * ps + 16 + 2 * i)) '\377\177'
	i=$((i + 1))
done
hist_refuse "branch garbage"
verify_finds "branch garbage" "^page $hroot of hist: entry 0 is at offset 32767"

# ---- page numbers that point nowhere ----------------------------------------
copy rootptr "$BIG"
put "$D/data.mdb" $((m + 128)) "$(le8 $((last + 40)))"
all_refuse "root page number"
verify_finds "root page number" "^the records' tree \(root\): points to page $((last + 40)), outside the pages in use"
copy childptr "$BIG"
n=$((($(u "$D/data.mdb" 2 $((hroot * ps + 12))) - 16) / 2)) i=0
while [ $i -lt $n ]; do     # every child of the root: page 0x7fff7fff
	off=$(u "$D/data.mdb" 2 $((hroot * ps + 16 + 2 * i)))
	put "$D/data.mdb" $((hroot * ps + off)) '\377\177\377\177\000\000'
	i=$((i + 1))
done
hist_refuse "child page numbers"
verify_finds "child page numbers" "^page $hroot of hist: points to page 2147450879, outside"
# a page whose header names another page: LMDB does not check, verify does
copy pgno "$BIG"
off=$(u "$D/data.mdb" 2 $((hroot * ps + 16 + 2)))    # the root's second child
leaf=$(u "$D/data.mdb" 4 $((hroot * ps + off)))       # its page number (< 2^32)
put "$D/data.mdb" $((leaf * ps)) "$(le8 $((leaf + 1000)))"
for cmd in "get 7.4" "log" "status"; do
	# shellcheck disable=SC2086
	"$PRMWB" --db "$D" $cmd >/dev/null 2>&1
	rc=$?
	[ $rc -le 2 ] || fail "page header: '$cmd' ended with $rc"
done
verify_finds "page header" "^page $leaf of hist .*: its header says it is page $((leaf + 1000))"

# ---- a file cut short -----------------------------------------------------------
copy short "$BIG"
truncate -s $((ps * 2)) "$D/data.mdb"
all_refuse "file cut short"
verify_finds "file cut short" "^meta page [01]: says the file has $((last + 1)) pages, it has 2: the file was cut short"

# ---- values whose lengths do not add up (written past the codec) ------------
copy values "$SMALL"
key_owner=cur:$(printf '7.4\000owner' | od -An -tx1 | tr -d ' \n')
key_h3=hist:0103
expect_rc 0 "$RAW" -x "$D" iso27022 "$key_owner" 0101010000000000000001ff616263
expect_rc 0 "$RAW" -x "$D" iso27022 "$key_h3" 0000
all_refuse "value lengths"
verify_finds "value lengths" "^cur/7\\.4 owner: the field's value cannot be decoded \\(15 bytes\\)$"
expect_grep "^hist/#3: the history entry cannot be decoded \\(2 bytes\\)$"

# ---- a missing version: the log of the field would miss a change -----------
copy index "$SMALL"
expect_rc 0 "$RAW" -x "$D" iso27022 fhist:01010101 -
verify_finds "index" "^hist/#1: has no version of its field \\(fhist/field 1 #1\\)"

# ---- backup and restore, as prmwb(1) BACKUP says --------------------------------
mkdir "$T/backup"
expect_rc 0 mdb_copy -c "$SMALL" "$T/backup"
expect_rc 0 "$PRMWB" --db "$T/backup" verify
copy restore "$SMALL"
put "$D/data.mdb" $((root * ps + 16)) '\377\177\377\177\377\177\377\177'
expect_rc 2 "$PRMWB" --db "$D" get 7.4
mv "$D" "$D.damaged"
mkdir -m 700 "$D"
expect_rc 0 sh -c 'umask 077 && mdb_copy -c "$1" "$2"' sh "$T/backup" "$D"
expect_rc 0 "$PRMWB" --db "$D" verify
expect_rc 0 "$PRMWB" --db "$D" get 7.4 owner
printf 'alice\n' | expect_out -
expect_rc 0 "$PRMWB" --db "$D" set 7.4 owner bob
expect_rc 0 "$PRMWB" --db "$D" log --limit 1
expect_grep '^#4 .* 7\.4  owner  "alice" → "bob"$'

done_testing
