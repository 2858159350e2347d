#!/bin/sh
# End-to-end, in a real terminal (tmux) with real signals: the terminal is
# restored on every way out.
# - SIGSEGV, SIGABRT, SIGBUS, SIGFPE (kill) and SIGQUIT (Ctrl-\): the pane
#   leaves the alternate screen, the cursor shows, attributes and keypad
#   are reset, `stty -a` is as before; the exit status is 128 + signal;
#   no core file is left (ulimit -c 0).
# - A store damaged under the running workbench (another member of a team
#   store, a disk): the fault inside LMDB ends it with exit status 2 and
#   the damage message, the terminal restored, and the line being typed
#   saved to a recovery file, named on stderr.
# - Ctrl-S does not stop the display (flow control off while running, on
#   again after).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tmux.sh"
tm_own_dirs

# tm_start_stty CMD: CMD between two `stty -a` of the pane's terminal
# ($T/stty.before, $T/stty.after); its exit status is shown as ever.
tm_start_stty() {
	rm -f "$T/stty.before" "$T/stty.after"
	tm_start 80 24 "stty -a >'$T/stty.before'; ulimit -c 0; cd '$T/cwd' && $1; rc=\$?; stty -a >'$T/stty.after'; (exit \$rc)"
}

# restored NAME: the terminal is as the workbench found it.
restored() {
	[ "$(tm display-message -p -t t '#{alternate_on}')" = 0 ] || fail "$1: still on the alternate screen"
	[ "$(tm display-message -p -t t '#{cursor_flag}')" = 1 ] || fail "$1: cursor left hidden"
	[ "$(tm display-message -p -t t '#{keypad_cursor_flag}')" = 0 ] || fail "$1: cursor keys left in application mode"
	[ "$(tm display-message -p -t t '#{keypad_flag}')" = 0 ] || fail "$1: keypad left in application mode"
	tm_capture -e
	grep "prmwb-exit=" "$T/screen" | grep -q "$(printf '\033')" && fail "$1: attributes not reset"
	i=0
	while [ ! -s "$T/stty.after" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	if ! diff "$T/stty.before" "$T/stty.after" >"$T/stty.diff"; then
		fail "$1: terminal modes not restored"
		cat "$T/stty.diff" >&2
	fi
}

# ---- faults and Ctrl-\ ----
for sig in SEGV:139 ABRT:134 BUS:135 FPE:136 QUIT:131; do
	name=${sig%%:*} want=${sig#*:}
	tm_start_stty "TERM=xterm-256color $RUN"
	tm_wait "Workbench test model"
	[ "$(tm display-message -p -t t '#{alternate_on}')" = 1 ] || fail "no alternate screen while running"
	if [ "$name" = QUIT ]; then
		tm_keys 'C-\'
	else
		kill -"$name" "$(tm_pid)" || fail "no prmwb to signal"
	fi
	tm_wait "prmwb-exit=$want"
	restored "SIG$name"
done
if [ -n "$(find "$T" -name 'core*' -print)" ]; then
	fail "a core file was left"
	find "$T" -name 'core*' >&2
fi

# ---- Ctrl-S does not stop the display; flow control comes back ----
tm_start_stty "TERM=xterm-256color $RUN"
tm_wait "Workbench test model"
stty -a -F "$(tm display-message -p -t t '#{pane_tty}')" | grep -q -- '-ixon' ||
	fail "flow control (ixon) still on while the workbench runs"
tm_keys C-s
tm_wait "unknown key C-s"
tm_keys j
tm_wait " tuitest | 6.2 |"
tm_keys C-q k
tm_wait " tuitest | 6.1 |"
tm_keys q
tm_wait "prmwb-exit=0"
restored "Ctrl-S"
grep -q -- ' ixon' "$T/stty.after" || fail "ixon not back after the workbench"

# ---- a store damaged while the workbench runs ----
# The store is damaged while the workbench has it open; its next read (the
# idle poll, within a second) either faults (the file cut to its two meta
# pages: the trees are past its end, SIGBUS) or is caught by LMDB (garbage in
# every entry of the history's root branch: a page that does not exist).
# Both are a damaged store: the terminal restored, the line being typed
# saved, exit 2.
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
u() { od -An -t "u$2" -j "$3" -N "$2" "$1" | tr -d ' '; }
put() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
# damaged DB WHY: damage database DB's root under a running workbench; WHY
# is the pattern of the reason the message gives
damaged() {
	db=$1 why=$2 D="$T/damaged-$1"
	expect_rc 0 "$RAW" -n 400 "$D" tuitest 7.4 notes
	expect_rc 0 env PRMWB_DB="$D" "$PRMWB" --model "$MODEL" set 7.4 owner alice
	f="$D/data.mdb" ps=$(u "$D/data.mdb" 4 40)
	[ "$db" = truncated ] || { set -- $("$RAW" -R "$D" tuitest "$db") && root=$1; }
	rm -f "$T/damage.err"
	rm -rf "$STATE/prmwb"
	tm_start_stty "TERM=xterm-256color $RUN --db '$D' 2>'$T/damage.err'"
	tm_wait "Workbench test model"
	tm_keys / 7 . 1 Enter e
	tm_keys -l "typed before the damage"
	tm_wait "typed before the damage"
	if [ "$db" = truncated ]; then
		truncate -s $((2 * ps)) "$f"
	else
		n=$((($(u "$f" 2 $((root * ps + 12))) - 16) / 2)) i=0
		while [ $i -lt "$n" ]; do
			put "$f" $((root * ps + 16 + 2 * i)) '\377\177'
			i=$((i + 1))
		done
	fi
	tm_wait "prmwb-exit=2"
	restored "damaged store ($db)"
	grep -Eq "the store in $D is damaged \($why\): run 'prmwb verify'" "$T/damage.err" ||
		{ fail "no damage message ($db)"; cat "$T/damage.err" >&2; }
	grep -q "recover" "$T/damage.err" || { fail "the recovery file is not named ($db)"; cat "$T/damage.err" >&2; }
	grep -rqs "typed before the damage" "$STATE/prmwb" || fail "the typed line was not saved ($db)"
}
if [ "$(getconf LONG_BIT)" = 64 ]; then
	damaged truncated 'SIG(BUS|SEGV)'
	damaged hist 'MDB_[A-Z_]+: [^)]*'
else
	echo "# skipped the damaged-store case: LMDB's 64-bit page layout is assumed"
fi

done_testing
