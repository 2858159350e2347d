#!/bin/sh
# End-to-end, scripted workbench (PRMWB_SCRIPT): unsaved text is never
# dropped or saved over someone else's without asking.
# - Recovery files from an earlier session are offered one after another
#   (r restores into the editor, d discards, Esc: later); a stale base
#   revision asks as a conflict; read-only stores, refused files, other
#   stores' files and processes the model lacks are handled.
# - After a conflict, E and the line editor show theirs and yours and ask:
#   o overwrites theirs, e edits (both, git-like, in $EDITOR), d discards
#   yours, Esc decides later (E asks again). The history shows both.
# - $EDITOR exiting non-zero after changing the file keeps the text.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
ME=$(id -un)

expect_rc 0 "$PRMWB" --model "$MODEL" set 7.4 owner theirs
STORE=$(cd "$PRMWB_DB" && pwd -P)
SDIR="$XDG_STATE_HOME/prmwb"

# flat FILE: a dump's lines joined by spaces (a wrapped message reads whole).
flat() {
	tr '\n' ' ' <"$1"
}

# mkrecov NAME PROCESS FIELD BASE EDITOR TEXT TIME [STORE]: a recovery file
# as the workbench writes them.
mkrecov() {
	mkdir -p "$SDIR"
	chmod 700 "$XDG_STATE_HOME" "$SDIR"
	printf 'prmwb-recovery 1\nstore %s\nmodel tuitest\nprocess %s\nfield %s\nbase %s\neditor %s\npid 99\ntime %s\nuser tester\nreason the workbench was ended: SIGHUP (hang-up)\nlength %s\n\n%s' \
		"${8:-$STORE}" "$2" "$3" "$4" "$5" "$7" "$(printf %s "$6" | wc -c)" "$6" >"$SDIR/recover-$1"
	chmod 600 "$SDIR/recover-$1"
}

# ---- two files, one after the other; a stale one asks as a conflict ----
mkrecov a 7.4 owner 0 line mine 1000
mkrecov b 8.1 notes 0 external "recovered notes
second line" 2000
cat >"$T/ed-final" <<EOF
cp "\$1" "$T/ed-final-seen"
echo "final notes" >"\$1"
EOF
EDITOR="sh $T/ed-final" tui_run 80 24 <<EOF
:save-display $T/offer1
r
:save-display $T/conflict1
x
:save-display $T/conflict1b
e
:save-display $T/edit1
<Enter>
:save-display $T/saved1
<C-l>
:save-display $T/offer2
r
:save-display $T/saved2
EOF
flat "$T/offer1" | grep -q "\[1 of 2\] unsaved text for owner of 7.4 from 1970-01-01 00:16Z by tester (the workbench was ended: SIGHUP (hang-up)), based on #0: 'mine' - r: restore it into the editor, d: discard it, Esc: later (kept)" ||
	{ fail "first offer"; cat "$T/offer1" >&2; }
expect_line "$T/conflict1" 21 " 7.4 owner: mine"
flat "$T/conflict1" | grep -q "not saved: owner of 7.4 was changed by $ME at [0-9-]* [0-9:]*Z (#1): theirs 'theirs', yours 'mine' - o: save yours over theirs, e: edit yours, d: discard yours" ||
	{ fail "stale recovery: no conflict question"; cat "$T/conflict1" >&2; }
cmp -s "$T/conflict1" "$T/conflict1b" || fail "a key that is no choice changed the question"
expect_line "$T/edit1" 23 " 7.4 owner: mine"
expect_line "$T/edit1" 24 "theirs: 'theirs' ($ME) - Enter saves yours in its place, Esc cancels yours"
expect_in "$T/saved1" "owner of 7.4: saved (#2)"
[ -e "$SDIR/recover-a" ] && fail "recovery file a stayed after its text was saved"
flat "$T/offer2" | grep -q "\[2 of 2\] unsaved text for notes of 8.1 from 1970-01-01 00:33Z by tester (the workbench was ended: SIGHUP (hang-up)), based on #0: 'recovered notes…' - r:" ||
	{ fail "second offer"; cat "$T/offer2" >&2; }
printf 'recovered notes\nsecond line\n' | cmp -s - "$T/ed-final-seen" ||
	{ fail "r did not hand the recovered text to the editor"; cat "$T/ed-final-seen" >&2; }
expect_in "$T/saved2" "notes of 8.1: saved (#3)"
[ -e "$SDIR/recover-b" ] && fail "recovery file b stayed after its text was saved"
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.4
grep -q '"theirs" → "mine"' "$T/out" && grep -q '"" → "theirs"' "$T/out" ||
	{ fail "history lacks both changes"; cat "$T/out" >&2; }

# ---- Esc: later (offered again at the next start); then d discards ----
mkrecov c 6.1 owner 0 line "later text" 3000
tui_run 80 24 <<EOF
<Esc>
:save-display $T/later
EOF
tui_run 80 24 <<EOF
q
:save-display $T/later-q
q
:save-display $T/not-quit
EOF
expect_in "$T/later-q" "kept for the next start:"
[ -e "$T/not-quit" ] && fail "q after q on an offer did not quit"
flat "$T/later" | grep -q "kept for the next start: $SDIR/recover-c" || { fail "Esc: later"; cat "$T/later" >&2; }
[ -e "$SDIR/recover-c" ] || fail "Esc removed the recovery file"
tui_run 80 24 <<EOF
:save-display $T/again
d
:save-display $T/discarded
EOF
expect_in "$T/again" "[1 of 1] unsaved text for owner of 6.1"
expect_in "$T/discarded" "unsaved text for owner of 6.1 discarded"
[ -e "$SDIR/recover-c" ] && fail "d left the recovery file"
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.1 owner
: | expect_out -

# ---- a stale line recovery: d keeps theirs, o saves over it ----
mkrecov d 7.4 owner 1 line "stale one" 4000
mkrecov e 7.4 owner 1 line "stale two" 5000
tui_run 80 24 <<EOF
r
d
:save-display $T/ldiscard
<C-l>
r
o
:save-display $T/loverwrite
EOF
expect_in "$T/ldiscard" "your edit of owner of 7.4 discarded: theirs kept"
[ -e "$SDIR/recover-d" ] && fail "d in the conflict left the recovery file"
expect_in "$T/loverwrite" "owner of 7.4: saved (#4)"
[ -e "$SDIR/recover-e" ] && fail "o left the recovery file"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
echo "stale two" | expect_out -

# ---- read-only: said, not offered, kept ----
mkrecov f 6.2 owner 0 line "read-only text" 6000
tui_run 80 24 --read-only <<EOF
:save-display $T/ro
r
:save-display $T/ro2
EOF
flat "$T/ro" | grep -q "1 unsaved text from an earlier session kept in $SDIR: open the store writable to restore it" ||
	{ fail "read-only: no notice"; cat "$T/ro" >&2; }
expect_not_in "$T/ro2" "6.2 owner: read-only text"
[ -e "$SDIR/recover-f" ] || fail "read-only removed the recovery file"
rm -f "$SDIR/recover-f"

# ---- refused (open to others), another store's, a process the model lacks ----
mkrecov g 6.2 owner 0 line "planted" 7000
chmod 644 "$SDIR/recover-g"
mkrecov h 6.2 owner 0 line "another store" 7000 /elsewhere/db
mkrecov i 9.9 owner 0 line "no such process" 8000
tui_run 100 24 <<EOF
:save-display $T/refused
<C-l>
:save-display $T/noproc
r
:save-display $T/noproc2
<Esc>
EOF
flat "$T/refused" | grep -q "recovery file refused, left in place: $SDIR/recover-g is open to others (mode 0644)" ||
	{ fail "planted file: no refusal"; cat "$T/refused" >&2; }
flat "$T/noproc" | grep -q "\[1 of 1\] unsaved text for owner of 9.9.*9.9 owner is not in model tuitest: d: discard it, Esc: later (kept)" ||
	{ fail "process not in model"; cat "$T/noproc" >&2; }
cmp -s "$T/noproc" "$T/noproc2" || fail "r restored a process the model lacks"
for f in g h i; do
	[ -e "$SDIR/recover-$f" ] || fail "recovery file $f was removed"
done
rm -f "$SDIR"/recover-*

# ---- E: a conflict asks; Esc decides later and E asks again; o saves
# over theirs; the history has both ----
cat >"$T/ed-c1" <<EOF
"$PRMWB" --model "$MODEL" set 7.3 notes "their notes" >/dev/null
echo "my notes" >"\$1"
EOF
EDITOR="sh $T/ed-c1" tui_run 80 24 <<EOF
/7.3
<Enter>
E
<Esc>
:save-display $T/elater
E
:save-display $T/eagain
o
:save-display $T/eover
EOF
expect_in "$T/elater" "your text for notes of 7.3 is still kept: E decides, X discards"
flat "$T/eagain" | grep -q "theirs 'their notes', yours 'my notes' - o: save yours over theirs" ||
	{ fail "E after Esc did not ask again"; cat "$T/eagain" >&2; }
expect_in "$T/eover" "notes of 7.3: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.3
grep -q '"their notes" → "my notes"' "$T/out" && grep -q '"" → "their notes"' "$T/out" ||
	{ fail "history lacks both changes"; cat "$T/out" >&2; }

# ---- E: kept text (invalid) whose field someone changed meanwhile: E
# asks instead of saving over theirs; d discards ours ----
cat >"$T/ed-c2" <<EOF
n=\$(cat "$T/c2-count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$T/c2-count"
if [ \$n = 1 ]; then
	"$PRMWB" --model "$MODEL" set 6.1 notes "theirs meanwhile" >/dev/null
	printf 'bad\033 mine\n' >"\$1"
fi
EOF
EDITOR="sh $T/ed-c2" tui_run 80 24 <<EOF
/6.1
<Enter>
E
:save-display $T/c2kept
E
:save-display $T/c2ask
d
:save-display $T/c2gone
EOF
flat "$T/c2kept" | grep -q "control character U+001B.*your text is kept" || { fail "invalid text not kept"; cat "$T/c2kept" >&2; }
flat "$T/c2ask" | grep -q "theirs 'theirs meanwhile', yours 'bad^\[ mine'" ||
	{ fail "stale kept text: E did not ask"; cat "$T/c2ask" >&2; }
[ "$(cat "$T/c2-count")" = 1 ] || fail "stale kept text: E opened the editor without asking"
expect_in "$T/c2gone" "your text for notes of 6.1 discarded: theirs kept"
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.1 notes
echo "theirs meanwhile" | expect_out -

# ---- E: e with the markers left in: kept, not saved ----
cat >"$T/ed-c3" <<EOF
n=\$(cat "$T/c3-count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$T/c3-count"
[ \$n = 1 ] && { "$PRMWB" --model "$MODEL" set 6.2 notes "theirs 3" >/dev/null; echo "mine 3" >"\$1"; }
exit 0
EOF
EDITOR="sh $T/ed-c3" tui_run 80 24 <<EOF
/6.2
<Enter>
E
e
:save-display $T/c3
EOF
flat "$T/c3" | grep -q "the conflict markers (<<<<<<< yours, >>>>>>> theirs) are still in it" ||
	{ fail "markers left: not kept"; cat "$T/c3" >&2; }
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.2 notes
echo "theirs 3" | expect_out -

# ---- $EDITOR fails after changing the file (vi after an ex error): the
# text is kept, not saved, not lost; E opens it again ----
cat >"$T/ed-fail" <<EOF
n=\$(cat "$T/f-count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$T/f-count"
cp "\$1" "$T/f-seen.\$n"
case \$n in
1) echo "typed, then an ex error" >"\$1"; exit 1 ;;
2) exit 0 ;;
3) exit 1 ;;
esac
EOF
EDITOR="sh $T/ed-fail" tui_run 80 24 <<EOF
/8.1
<Enter>
E
:save-display $T/fail1
E
:save-display $T/fail2
E
:save-display $T/fail3
EOF
flat "$T/fail1" | grep -q "editor 'sh $T/ed-fail' exited with status 1 after changing the text: not saved - your text is kept: E edits it again, X discards it" ||
	{ fail "editor failure: text not kept"; cat "$T/fail1" >&2; }
echo "typed, then an ex error" | cmp -s - "$T/f-seen.2" || fail "E did not reopen the kept text"
expect_in "$T/fail2" "notes of 8.1: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 8.1 notes
echo "typed, then an ex error" | expect_out -
flat "$T/fail3" | grep -q "editor 'sh $T/ed-fail' exited with status 1: notes not changed" ||
	{ fail "editor failure without a change"; cat "$T/fail3" >&2; }

done_testing
