# tui_lib.sh - helpers for the workbench's scripted screen tests. Source
# after lib.sh. tui_run runs the real binary in script mode (PRMWB_SCRIPT):
# keys come from a script, screens are dumped with :save-display, so the
# tests are exact and need no terminal.
MODEL="$TOP_SRCDIR/tests/tui/model.xml"
TUI_MODEL=$MODEL    # the model tui_run loads
export TERM=xterm
# Sanitizer builds: a known ncurses leak (see the file).
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TOP_SRCDIR/tests/tui/lsan.supp"
export LSAN_OPTIONS

# first_start: the next workbench starts as on a first start, at the top:
# the process last looked at (remembered per store under
# $XDG_STATE_HOME/prmwb) is forgotten. tui_run does it unless
# TUI_KEEP_LAST is set (the tests of reopening where one left).
first_start() {
	rm -f "$XDG_STATE_HOME"/prmwb/last-*
}

# A workbench fed step by step through a pipe: it takes each step only
# when idle, so another user's change lands between two keys exactly, with
# no poll in between unless the script asks (:wait-idle).
# fifo_start COLS: start one (24 rows, on $MODEL, at the top); its pid is
# in $wb, the pipe is fd 3 (close it to end the workbench).
fifo_start() {
	first_start
	mkfifo "$T/fifo"
	LINES=24 COLUMNS=$1 PRMWB_SCRIPT="$T/fifo" "$PRMWB" --model "$MODEL" >"$T/out-fifo" 2>"$T/err-fifo" &
	wb=$!
	exec 3>"$T/fifo"
}

# step LINES...: send lines to fifo_start's workbench; wait (bounded) until
# the screen dump after the last one, named in $dump, is complete (a
# marker dump follows it).
step() {
	printf '%s\n' "$@" ":save-display $T/$dump" ":save-display $T/$dump.done" >&3
	i=0
	while [ ! -e "$T/$dump.done" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	[ -e "$T/$dump.done" ] || fail "the workbench never reached $dump"
}

# fifo_end: close the pipe; the workbench must end well, silent on stderr.
fifo_end() {
	exec 3>&-
	wait $wb || fail "workbench (fed through a pipe) exit $?"
	if [ -s "$T/err-fifo" ]; then
		fail "workbench wrote to stderr"
		cat "$T/err-fifo" >&2
	fi
}

# tui_run COLS ROWS [PRMWB OPTIONS...] < SCRIPT: exit code in $rc.
tui_run() {
	cols=$1 rows=$2
	shift 2
	[ -n "${TUI_KEEP_LAST:-}" ] || first_start
	cat >"$T/script"
	LINES=$rows COLUMNS=$cols PRMWB_SCRIPT="$T/script" \
		"$PRMWB" --model "$TUI_MODEL" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" != 0 ]; then
		fail "workbench exit $rc"
		sed 's/^/  stderr: /' "$T/err" >&2
	fi
}

# expect_screen FILE < EXPECTED: the dumped screen must equal EXPECTED,
# where @T@ stands for the test's directory $T. EXPECTED is kept as
# FILE.want for expect_screen_but.
expect_screen() {
	cat >"$1.want"
	sed "s|$T|@T@|g" "$1" >"$T/actual"
	if ! diff -u "$1.want" "$T/actual" >"$T/diff"; then
		fail "screen $1 differs from the expected one"
		cat "$T/diff" >&2
	fi
}

# expect_screen_but FILE BASE [N TEXT]...: expect_screen of FILE against
# the screen expected of the dump BASE (checked before) with line N
# replaced by TEXT, for each pair: for a screen that differs from one
# already written out in a line or two (a message, a mark).
expect_screen_but() {
	file=$1 base=$2
	shift 2
	if [ ! -f "$base.want" ]; then
		fail "expect_screen_but $file: no screen expected of $base before"
		return
	fi
	cp "$base.want" "$T/want"
	while [ $# -ge 2 ]; do
		LINE_N=$1 LINE_TEXT=$2 awk 'NR == ENVIRON["LINE_N"] { print ENVIRON["LINE_TEXT"]; next }
			{ print }' "$T/want" >"$T/want.new" && mv "$T/want.new" "$T/want"
		shift 2
	done
	[ $# = 0 ] || fail "expect_screen_but $file: line $1 without its text"
	expect_screen "$file" <"$T/want"
}

# stable FILE: the dump with the user's name and times (which vary) as
# @USER@ and @TIME@, on stdout for expect_screen.
stable() {
	sed -E -e "s/ $(id -un), / @USER@, /" \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/@TIME@/' "$1"
}

# expect_line FILE N TEXT: line N of a dump is exactly TEXT.
expect_line() {
	got=$(sed -n "${2}p" "$1")
	[ "$got" = "$3" ] || fail "$1 line $2: got '$got', expected '$3'"
}

# expect_in FILE TEXT: the dump holds TEXT (fixed string).
expect_in() {
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/  | /' "$1" >&2; }
}
expect_not_in() {
	! grep -qF -- "$2" "$1" || fail "$1 unexpectedly holds '$2'"
}
