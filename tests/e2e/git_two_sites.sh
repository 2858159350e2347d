#!/bin/sh
# End-to-end: two sites, one ISMS, git carries it (README, prmwb(1) TWO
# SITES). Each site keeps its own store and a git repository of its
# --portable export; git bundle carries commits between them; git merges
# the line-per-field files and import brings the merged file into the
# store. Both directions; both stores end with the same records; a
# same-field edit becomes a git conflict and an import conflict, and is
# never lost.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

command -v git >/dev/null 2>&1 || { echo "git missing: skipped" >&2; exit 77; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'

SA="$T/site-a" SB="$T/site-b"
mkdir -p "$SA" "$SB"
a() { "$PRMWB" --db "$SA/store" "$@"; }
b() { "$PRMWB" --db "$SB/store" "$@"; }
ga() { git -C "$SA/repo" "$@"; }
gb() { git -C "$SB/repo" "$@"; }
# site X exports its records into its repository and commits
commit_a() { a export --portable --force -o "$SA/repo/records.xml" && ga add records.xml &&
	ga commit -qm "$1"; }
commit_b() { b export --portable --force -o "$SB/repo/records.xml" && gb add records.xml &&
	gb commit -qm "$1"; }

# ---- site A starts, a bundle carries it to B ---------------------------------------------
git init -q -b main "$SA/repo"
expect_rc 0 a set 7.4 owner alice
expect_rc 0 a set 7.5 notes "risk register in the wiki"
commit_a "site A: first records" || fail "commit A"
ga bundle create -q "$T/a1.bundle" main || fail "bundle A"
git clone -q -b main "$T/a1.bundle" "$SB/repo" || fail "clone at B"
expect_rc 0 b import "$SB/repo/records.xml"
expect_grep '^imported 2 changes'

# ---- both change different fields; A -> B ---------------------------------------------
expect_rc 0 a set 7.5 notes "risk register moved to the GRC tool"
expect_rc 0 b set 7.4 owner bob
expect_rc 0 b set 7.4 status planned            # the field right after owner's slot
commit_a "site A: 7.5 notes"
commit_b "site B: 7.4 owner and status"
ga bundle create -q "$T/a2.bundle" main
gb fetch -q "$T/a2.bundle" main:refs/remotes/a/main || fail "fetch at B"
expect_rc 0 gb merge -q --no-edit a/main
grep -q '^<<<<<<<' "$SB/repo/records.xml" && fail "git conflict on different fields"
expect_rc 0 b import "$SB/repo/records.xml"
expect_grep '^7\.5 notes "risk register in the wiki" -> "risk register moved to the GRC tool"$'
b export --portable >"$T/b-now.xml"
cmp -s "$T/b-now.xml" "$SB/repo/records.xml" || fail "B's store and the merged file differ"

# ---- and back: B -> A ---------------------------------------------------------------
gb bundle create -q "$T/b1.bundle" main
ga fetch -q "$T/b1.bundle" main:refs/remotes/b/main || fail "fetch at A"
expect_rc 0 ga merge -q --no-edit b/main
expect_rc 0 a import "$SA/repo/records.xml"
expect_grep '^7\.4 owner "alice" -> "bob"$'
expect_grep '^7\.4 status "" -> "planned"$'
a export --portable >"$T/a-end.xml"
b export --portable >"$T/b-end.xml"
cmp -s "$T/a-end.xml" "$T/b-end.xml" || { fail "the stores differ"; diff "$T/a-end.xml" "$T/b-end.xml" | head >&2; }
for s in a b; do
	expect_rc 0 $s get 7.4 owner
	printf 'bob\n' | expect_out -
	expect_rc 0 $s get 7.5 notes
	printf 'risk register moved to the GRC tool\n' | expect_out -
done

# ---- the same field at both sites: reported, not lost ---------------------------------
expect_rc 0 a set 7.6 owner carol
expect_rc 0 b set 7.6 owner dave
commit_a "site A: 7.6 owner carol"
commit_b "site B: 7.6 owner dave"
ga bundle create -q "$T/a3.bundle" main
gb fetch -q "$T/a3.bundle" main:refs/remotes/a/main
expect_rc 1 gb merge -q --no-edit a/main
expect_grep 'CONFLICT \(content\): Merge conflict in records\.xml'
grep -q '^<<<<<<<' "$SB/repo/records.xml" || fail "no conflict markers"
[ "$(grep -c '^<<<<<<<' "$SB/repo/records.xml")" = 1 ] || fail "more than the one field conflicts"
# the person at B takes A's side of the file to look at it: import names the
# conflict with both values and who made B's, and writes nothing
gb show a/main:records.xml >"$T/a-side.xml"
expect_rc 1 b import "$T/a-side.xml"
expect_grep '^conflict: 7\.6 owner: changed on both sides since they last agreed$'
expect_grep '^  both had: ""$'
expect_grep '^  store:    "dave" '
expect_grep '^  file:     "carol"$'
expect_rc 0 b get 7.6 owner
printf 'dave\n' | expect_out -
# a markered file is refused whole, nothing written
expect_rc 2 b import "$SB/repo/records.xml"
expect_grep 'records\.xml:[0-9]+: ' err
# resolved: B decides for carol, records it, and both sites agree again
expect_rc 0 b import --on-conflict take-file "$T/a-side.xml"
commit_b_resolved() { b export --portable --force -o "$SB/repo/records.xml" &&
	gb add records.xml && gb commit -qm "site B: 7.6 owner resolved"; }
commit_b_resolved || fail "resolve at B"
gb bundle create -q "$T/b2.bundle" main
ga fetch -q "$T/b2.bundle" main:refs/remotes/b/main
expect_rc 0 ga merge -q --no-edit b/main
expect_rc 0 a import "$SA/repo/records.xml"
expect_nogrep '^conflict'
# the same records, values and origins; what each store knows of a
# field's history is its own (B has seen dave, A has not): known aside
a export --portable | sed 's/ known="[^"]*"//' >"$T/a-end.xml"
b export --portable | sed 's/ known="[^"]*"//' >"$T/b-end.xml"
cmp -s "$T/a-end.xml" "$T/b-end.xml" || { fail "the stores differ at the end"; diff "$T/a-end.xml" "$T/b-end.xml" | head >&2; }
expect_rc 0 a get 7.6 owner
printf 'carol\n' | expect_out -

done_testing
