# tmux.sh - run the real binary in a real terminal of fixed size (tmux) and
# look at what the terminal shows. Source after lib.sh. Skips (77) when
# tmux is missing. No fixed sleeps: tm_wait polls the screen, bounded.
TMUX_BIN=${TMUX_BIN:-$(command -v tmux 2>/dev/null)}
if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "tmux not found: skipping terminal tests"
	exit 77
fi
TM_N=0
TM_SOCK="prmwb-test-$$-0"
unset TMUX TMUX_PANE
tm() {
	"$TMUX_BIN" -L "$TM_SOCK" -f /dev/null "$@"
}
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# The workbench in the panes runs the test model; sanitizer builds
# suppress a known ncurses leak (see the file), as in tui_lib.sh.
MODEL="$TOP_SRCDIR/tests/tui/model.xml"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TOP_SRCDIR/tests/tui/lsan.supp"
export LSAN_OPTIONS

# tm_run_with [VAR='VALUE'...]: RUN becomes the command line (for
# tm_start) that starts the workbench on MODEL with the test's home, store
# and locale and the variables given, quoted for a shell: the pane's
# environment is the tmux server's, not the test's. Without any: the
# default RUN.
tm_run_with() {
	RUN="env HOME='$HOME' PRMWB_DB='$PRMWB_DB' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC${1:+ $*} '$PRMWB' --model '$MODEL'"
}
tm_run_with

# tm_own_dirs: the workbench keeps its state (recovery files, the last
# position) in STATE=$T/state and its temporary files in $T/tmp, and a
# test may start it in $T/cwd; RUN says so.
tm_own_dirs() {
	STATE="$T/state"
	mkdir -p "$T/cwd" "$T/tmp"
	tm_run_with "XDG_STATE_HOME='$STATE'" "TMPDIR='$T/tmp'"
}

# tm_pid: the workbench's pid, the child of the pane's shell.
tm_pid() {
	pgrep -P "$(tm list-panes -t t -F '#{pane_pid}')" -f prmwb | head -1
}

# tm_start COLS ROWS COMMAND: a new session running COMMAND (a shell
# command line); when it ends the pane shows "prmwb-exit=N" and stays.
# The pane's shell catches Ctrl-C and Ctrl-\ (they reach the whole
# foreground group): a non-interactive dash would die of them before
# saying the exit status; bash waits. Caught, not ignored, so COMMAND
# gets them as ever.
tm_start() {
	# A fresh server (socket) each time: no race with one still exiting.
	tm kill-server >/dev/null 2>&1
	# As on a first start (tui_lib.sh): not where the last run left.
	[ -n "${TUI_KEEP_LAST:-}" ] || rm -f "$XDG_STATE_HOME"/prmwb/last-*
	TM_N=$((TM_N + 1))
	TM_SOCK="prmwb-test-$$-$TM_N"
	tm new-session -d -s t -x "$1" -y "$2" \
		"trap : INT QUIT; $3; echo prmwb-exit=\$?; exec cat" || fail "tmux new-session failed"
}

tm_keys() {
	tm send-keys -t t "$@"
}

# tm_capture [-e]: the visible screen into $T/screen.
tm_capture() {
	tm capture-pane -p ${1:-} -t t >"$T/screen" 2>/dev/null
}

# tm_wait TEXT [-e]: poll (up to 10 s, 0.05 s steps) until the screen
# shows TEXT (fixed string). Fails, showing the screen, if it never does.
tm_wait() {
	i=0
	while [ $i -lt 200 ]; do
		tm_capture "${2:-}"
		if grep -qF -- "$1" "$T/screen"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "screen never showed '$1'"
	sed 's/^/  | /' "$T/screen" >&2
	return 1
}

# tm_wait_line N TEXT: poll until line N of the screen is exactly TEXT.
tm_wait_line() {
	i=0
	while [ $i -lt 200 ]; do
		tm_capture
		[ "$(sed -n "${1}p" "$T/screen")" = "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "screen line $1 never became '$2'"
	sed 's/^/  | /' "$T/screen" >&2
	return 1
}
