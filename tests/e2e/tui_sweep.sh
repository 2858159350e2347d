#!/bin/sh
# End-to-end: the real binary in script mode on the default model, with
# long records (200 lines of notes with wide characters, combining marks
# and emoji; a 1,000-character owner; 10,000 lines of notes), at a sample of
# sizes from 20x6 to 220x60: every process is visited and its detail pane
# scrolled through. Under --enable-sanitizers this is the start-up and
# view path under AddressSanitizer (a use-after-free in the detail pane
# showed at 60x40 on the default model with an empty store).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

# run COLS ROWS SCRIPT-FILE [OPTIONS]: the default model; exit code must be 0
run() {
	LINES=$2 COLUMNS=$1 PRMWB_SCRIPT="$3" "$PRMWB" "$4" "$5" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" != 0 ] || [ -s "$T/err" ]; then
		fail "workbench at $1x$2 ($3): exit $rc"
		head -30 "$T/err" | sed 's/^/  stderr: /' >&2
	fi
}

# ---- the issue's reproduction: an empty store, 60x40, no keys ----
run 60 40 /dev/null --db "$T/empty"

# ---- long records ----
DB="$T/db"
notes_lines() {   # N lines of notes, each with wide, combining, emoji
	i=1
	while [ "$i" -le "$1" ]; do
		printf '%d note line: 日本語のメモ cafe\314\201 \360\237\221\251\342\200\215\360\237\222\273 and plain words that wrap\n' "$i"
		i=$((i + 1))
	done
}
owner=$(i=0; while [ $i -lt 100 ]; do printf 'o名é🎉 owner'; i=$((i + 1)); done)
expect_rc 0 "$PRMWB" --db "$DB" set 7.3 owner "$owner"
notes_lines 200 | expect_rc 0 "$PRMWB" --db "$DB" set 7.3 notes -
notes_lines 1 | expect_rc 0 "$PRMWB" --db "$DB" set 6.2 notes -
# 10,000 lines within the 64 KiB a value may hold: short ones, some rich
i=1
while [ $i -le 10000 ]; do
	if [ $((i % 500)) = 0 ]; then printf '%d 日本 cafe\314\201 \360\237\221\251\342\200\215\360\237\222\273\n' $i; else printf '%d\n' $i; fi
	i=$((i + 1))
done >"$T/notes10000"
expect_rc 0 "$PRMWB" --db "$DB" set 8.2 notes - <"$T/notes10000"
printf 'doc-1\n  doc-2 \360\237\223\204\n' | expect_rc 0 "$PRMWB" --db "$DB" set 7.3 evidence -
expect_rc 0 "$PRMWB" --db "$DB" set 7.3 status in-progress

# Every process: into the detail pane, down and up through it, a page
# each way, back to the tree.
: >"$T/visit"
for id in $("$PRMWB" list | grep -v '^#' | cut -f1); do
	cat >>"$T/visit" <<EOF
/$id
<Enter>
<Tab>
jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj
<PgDn><PgDn>
G
kkkkkkkkkk
<PgUp>
g
<Tab>
EOF
done
echo ":save-display $T/visited" >>"$T/visit"
[ "$(grep -c '^/' "$T/visit")" = 17 ] || fail "not every process of the default model is visited"

for size in 20x6 21x8 33x10 59x24 60x40 80x24 100x30 137x50 220x60; do
	run "${size%x*}" "${size#*x}" "$T/visit" --db "$DB"
	[ -s "$T/visited" ] || fail "no screen at $size"
	rm -f "$T/visited"
done

# ---- one session on the long records through many sizes ----
{
	echo "/7.3"
	echo "<Enter>"
	echo "<Tab>"
	w=20
	while [ $w -le 220 ]; do
		echo ":resize ${w}x$((6 + w % 50))"
		echo "jjjjj"
		w=$((w + 7))
	done
	echo "/8.2"
	echo "<Enter>"
	echo "<Tab>"
	echo "G"
	echo ":save-display $T/long-notes"
} >"$T/sizes"
run 80 24 "$T/sizes" --db "$DB"
expect_in "$T/long-notes" "                 10000"

# ---- every line of every process can be reached with j: at 80x24 with an
# empty store, Tab and j go through the whole detail pane to its last line
# (j used to stop where the next selectable line was more than a screen
# away: the view snapped back to the selection) ----
for id in $("$PRMWB" list | grep -v '^#' | cut -f1); do
	printf '/%s\n<Enter>\n<Tab>\n%s\n:save-display %s\n' "$id" \
		"$(printf 'j%.0s' $(seq 1 150))" "$T/j-$id" >"$T/jscript"
	run 80 24 "$T/jscript" --db "$T/empty"
	expect_in "$T/j-$id" "│   (no record yet)"
done

# ---- 10,000 lines of notes can be read in the middle: PgDn and j scroll
# through them (they used to show only the top and the bottom); the
# selection stays on the notes being read: e acts on them ----
cat >"$T/middle" <<EOF
/8.2
<Enter>
<Tab>
$(printf '<PgDn>%.0s' $(seq 1 200))
:save-display $T/notes-middle
jjj
:save-display $T/notes-middle-j
e
:save-display $T/notes-middle-e
EOF
run 80 24 "$T/middle" --db "$DB"
for f in notes-middle notes-middle-j; do
	expect_not_in "$T/$f" "Notes:"
	expect_not_in "$T/$f" "Evidence:"
	grep -Eq '│ +[0-9]{4}$' "$T/$f" || fail "$f shows no line of the notes"
done
cmp -s "$T/notes-middle" "$T/notes-middle-j" && fail "j does not scroll in the middle of the notes"
expect_in "$T/notes-middle-e" 'notes has several lines: press E to edit it in $EDITOR'

done_testing
