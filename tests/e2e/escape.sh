#!/bin/sh
# End-to-end: a record holding real control characters and escape sequences
# (left by another tool, an older version or damage: 'prmwb set' refuses
# them; tests/tools/store_raw writes them) never reaches a terminal raw:
# get and log on a terminal show ^[, ^G, \u009B, \xNN; the workbench's
# output holds none of the record's sequences. Needs script(1) for a pty.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
MODEL="$TOP_SRCDIR/tests/tui/model.xml"
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
command -v script >/dev/null 2>&1 || { echo "script(1) missing: skipped"; exit 77; }
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TOP_SRCDIR/tests/tui/lsan.supp"
export LSAN_OPTIONS

OWNER=$(printf '\033]0;pwned\007\033[2J\033[31mred')
NOTES=$(printf 'c1\302\2332J \2332J')
"$RAW" "$PRMWB_DB" tuitest 7.3 owner "$OWNER" || fail "store_raw owner"
"$RAW" "$PRMWB_DB" tuitest 7.3 notes "$NOTES" || fail "store_raw notes"
# The tool really wrote the raw bytes (else this test proves nothing).
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.3 owner
printf '%s\n' "$OWNER" | expect_out -

# Raw bytes of the record's sequences: ESC, BEL, C1 CSI (UTF-8), lone 0x9B.
BAD="$(printf '\033\\|\007\\|\302\233\\|\233')"

tty_run() {  # tty_run ARGS...: prmwb on a pty, output (CR removed) in $T/out
	script -qec "$(printf "'%s' " "$PRMWB" --model "$MODEL" "$@")" /dev/null </dev/null |
		tr -d '\r' >"$T/out"
}

tty_run get 7.3
grep -qxF '  owner           ^[]0;pwned^G^[[2J^[[31mred' "$T/out" || fail "get: owner not escaped"
grep -qxF '  notes           c1\u009B2J \x9B2J' "$T/out" || fail "get: notes not escaped"
LC_ALL=C grep -q "$BAD" "$T/out" && fail "get: raw control bytes on the terminal"

tty_run get 7.3 owner
printf '%s\n' '^[]0;pwned^G^[[2J^[[31mred' | expect_out -

tty_run log
expect_grep '  7\.3  owner  "" .* "\^\[\]0;pwned\^G\^\[\[2J\^\[\[31mred"$'
expect_grep '  7\.3  notes  "" .* "c1\\u009B2J \\x9B2J"$'
LC_ALL=C grep -q "$BAD" "$T/out" && fail "log: raw control bytes on the terminal"

# The workbench (script mode, its terminal output in a file) on 7.3, the
# history and the line editor: none of the record's sequences is sent.
printf '/7.3\n<Enter>\nL\nq\ne\n<Esc>\n' >"$T/script"
TERM=xterm-256color PRMWB_SCRIPT="$T/script" PRMWB_SCRIPT_OUTPUT="$T/tty" \
	"$PRMWB" --model "$MODEL" >"$T/out" 2>"$T/err" || fail "workbench failed: $(cat "$T/err")"
grep -qF 'pwned' "$T/tty" || fail "the workbench never showed the record"
# (ncurses itself sends ESC [2J when it starts, so look for the record's
# sequences in their context.)
SEQ="$(printf '\033\\]0;pwned\\|pwned\007\\|\033\\[2J\033\\[31m\\|\033\\[31mred\\|\302\2332J\\| \2332J')"
LC_ALL=C grep -q "$SEQ" "$T/tty" &&
	fail "the workbench sent the record's raw sequences"

# Field names and process ids come from the store too: a damaged one may
# hold a hostile field name. log and undo show it escaped.
"$RAW" "$PRMWB_DB" tuitest 7.3 "$(printf 'x\033]0;pwned\007')" v || fail "store_raw field"
tty_run log --limit 1
expect_grep '  7\.3  x\^\[\]0;pwned\^G  "" .* "v"$'
LC_ALL=C grep -q "$BAD" "$T/out" && fail "log: raw field name on the terminal"
tty_run undo
expect_grep '^undone: 7\.3 x\^\[\]0;pwned\^G is now not set'
LC_ALL=C grep -q "$BAD" "$T/out" && fail "undo: raw field name on the terminal"
done_testing
