# lib.sh - shared set-up for end-to-end tests of the real binary.
# Source it: . "$TOP_SRCDIR/tests/e2e/lib.sh". Each test gets a private
# HOME, store and locale, so results do not depend on the machine.
set -u
: "${PRMWB:?PRMWB must point to the built binary (run through make check)}"
: "${TOP_SRCDIR:?}"

T=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
# An interrupted run removes it too: exit from the signal runs the EXIT trap.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
export HOME="$T/home" XDG_DATA_HOME="$T/home/.local/share" PRMWB_DB="$T/db"
export XDG_STATE_HOME="$T/home/.local/state"     # recovery files of the workbench
mkdir -p "$HOME"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset PRMWB_MODEL COLUMNS LINES NO_COLOR VISUAL EDITOR
failures=0

# A check in a pipeline ('printf x | expect_out -') runs in a subshell, whose
# counter is lost: each failure is also a line in $T/failed.
fail() {
	echo "FAIL: $*" >&2
	echo "$*" >>"$T/failed"
	failures=$((failures + 1))
}

# expect_rc WANT CMD...: run CMD, keep stdout in $T/out and stderr in $T/err.
expect_rc() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail "exit $got, expected $want: $*"
		sed 's/^/  stdout: /' "$T/out" | head -20 >&2
		sed 's/^/  stderr: /' "$T/err" | head -20 >&2
	fi
}

# expect_out FILE: stdout of the last expect_rc must equal FILE's content
# (or stdin with -).
expect_out() {
	if ! diff -u "$1" "$T/out" >"$T/diff"; then
		fail "unexpected output"
		head -40 "$T/diff" >&2
	fi
}

# expect_grep PATTERN [out|err]: the last output must match (grep -E).
expect_grep() {
	if ! grep -Eq -- "$1" "$T/${2:-out}"; then
		fail "no match for /$1/ in std${2:-out}"
		head -20 "$T/${2:-out}" | sed 's/^/  /' >&2
	fi
}

expect_nogrep() {
	if grep -Eq -- "$1" "$T/${2:-out}"; then
		fail "unexpected match for /$1/ in std${2:-out}"
	fi
}

# done_testing: exit with the automake test protocol.
done_testing() {
	if [ -s "$T/failed" ]; then
		echo "$(wc -l <"$T/failed") check(s) failed" >&2
		exit 1
	fi
	exit 0
}
