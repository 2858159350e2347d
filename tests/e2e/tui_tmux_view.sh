#!/bin/sh
# End-to-end: keyboard input and drawing in a real terminal (tmux): bytes that are not
# UTF-8 are dropped with a message and never take the following keys with
# them (one such byte used to make Esc and q do nothing until Enter, and
# that Enter saved the line); Alt-keys (Esc and the key at once) are one
# key: M-b, M-f, M-d and M-Backspace in the editor, a clear "unknown key
# M-x" elsewhere; the cells tmux shows are the ones curses believes it
# drew (ZWJ emoji sequences).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tmux.sh"
# tm_wait_screen FILE: poll until the terminal shows exactly FILE.
tm_wait_screen() {
	i=0
	while [ $i -lt 200 ]; do
		tm_capture
		sed 's/ *$//' "$T/screen" >"$T/screen.t"
		cmp -s "$1" "$T/screen.t" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "the terminal never showed $1"
	diff "$1" "$T/screen.t" | sed 's/^/  | /' >&2
	return 1
}
tm_run_with TERM=xterm-256color

# ---- a bad byte, then q at once: q quits ----
tm_start 80 24 "$RUN"
tm_wait "Workbench test model"
tm_keys -H e9
tm_keys q
tm_wait "prmwb-exit=0"

tm_start 80 24 "$RUN"
tm_wait "Workbench test model"

# ---- in the editor: a bad byte, then Esc cancels; nothing is saved ----
tm_keys e
tm_wait " 6.1 owner:"
tm_keys -l "ab"
tm_keys -H e9
tm_wait "ignored input that is not UTF-8 (byte \\xE9): is the terminal set to UTF-8?"
tm_wait " 6.1 owner: ab"
tm_keys Escape
tm_wait "not changed"
tm_wait_line 23 " tuitest | 6.1 | $PRMWB_DB (new)  [-] no status"
[ -e "$PRMWB_DB" ] && fail "Esc after a bad byte wrote to the store"

# ... a bad byte, then more typing and Enter saves what was typed, without it
tm_keys e
tm_wait " 6.1 owner:"
tm_keys -l "a"
tm_keys -H ff
tm_keys -l "b"
tm_keys -H c3 a9
tm_keys Enter
tm_wait "owner of 6.1: saved (#1)"
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.1 owner
echo "abé" | expect_out -

# ---- Alt-keys in the editor: words ----
tm_keys e C-u
tm_keys -l "one two three"
tm_keys M-b M-b
tm_keys -l "X"
tm_wait " 6.1 owner: one Xtwo three"
tm_keys M-f M-d
tm_wait " 6.1 owner: one Xtwo"
tm_keys M-BSpace
tm_wait " 6.1 owner: one"
tm_keys M-z
tm_wait "unknown key M-z in the editor: ignored"
tm_keys Escape
tm_wait "not changed"

# ---- in the tree: Alt-x is one key; a bad byte and then q still quits ----
tm_keys M-x
tm_wait "unknown key M-x: press ? for help"
tm_keys -H 1b 5b 31 3b 35 43        # Ctrl-Right (xterm): a sequence nobody binds
tm_wait "ignored an unknown key (escape sequence)"
tm_keys -H ff
tm_wait "ignored input that is not UTF-8 (byte \\xFF)"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- what the terminal shows is what curses believes: a ZWJ emoji
# sequence (👩‍💻, one 2-cell glyph in tmux, 4 cells to curses) left stale
# cells when lines scrolled over each other. Each step's screen in tmux
# must equal the scripted mode's dump of the same keys ----
Z=$(printf '\360\237\221\251\342\200\215\360\237\222\273')
ZDB="$T/db-zwj"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$ZDB" set 6.1 owner "dev $Z lead"
i=0
while [ $i -lt 12 ]; do
	printf '%s%s same tail %d\nabcdefgh same tail %d\n' "$Z" "$Z" $i $i
	i=$((i + 1))
done >"$T/zwj-notes"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$ZDB" set 6.1 notes - <"$T/zwj-notes"
STEPS="<Tab> G k k k k k k k k k k k j j j k k k"
n=0
: >"$T/zscript"
for k in $STEPS; do
	n=$((n + 1))
	printf '%s\n:save-display %s\n' "$k" "$T/zstep-$n" >>"$T/zscript"
done
LINES=14 COLUMNS=80 TERM=xterm-256color PRMWB_SCRIPT="$T/zscript" "$PRMWB" --model "$MODEL" \
	--db "$ZDB" >/dev/null 2>"$T/err" || fail "script mode: $(cat "$T/err")"
tm_start 80 14 "env HOME='$HOME' PRMWB_DB='$ZDB' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color '$PRMWB' --model '$MODEL'"
tm_wait "Workbench test model"
n=0
for k in $STEPS; do
	n=$((n + 1))
	case $k in
	"<Tab>") tm_keys Tab ;;
	*) tm_keys "$k" ;;
	esac
	tm_wait_screen "$T/zstep-$n" || break
done
tm_keys q
tm_wait "prmwb-exit=0"

done_testing
