#!/bin/sh
# End-to-end: prmwb diff REF [REF2] and prmwb profile --as-of REF, piped
# (exact tab-separated lines, values escaped reversibly) and on a terminal
# (a pseudo-terminal from script(1): aligned, escaped, multi-line values
# line by line), against a history built step by step (single changes, a
# change set and its undo, a baseline, dates); hostile values (escape
# sequences, tabs, newlines, carriage returns, C1 controls) written past
# validation by tests/tools/store_raw; REFs that do not exist.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
TAB=$(printf '\t')
ESC=$(printf '\033')
has_script=1
command -v script >/dev/null 2>&1 || has_script=0

tty_run() {  # tty_run ARGS...: prmwb on an 80-column pty, output in $T/out
	COLUMNS=80 script -qec "$(printf "'%s' " "$PRMWB" "$@")" /dev/null </dev/null |
		tr -d '\r' >"$T/out"
}
# the history's newest seq
newest() { "$PRMWB" status | sed -n 's/^history: *\([0-9]*\) entries$/\1/p'; }

# ---- no store yet: nothing differs, REFs that cannot exist are refused ----
expect_rc 0 "$PRMWB" diff 0
expect_out /dev/null
expect_rc 1 "$PRMWB" diff q1
expect_grep "^prmwb: diff q1: no baseline 'q1' \(there is no store yet\)" err
expect_rc 0 "$PRMWB" profile --as-of 0
expect_grep "^7\.4${TAB}Information security risk assessment(${TAB})+-${TAB}${TAB}\$"
[ -e "$PRMWB_DB" ] && fail "diff or profile created the store"

# ---- a history built step by step ----
"$PRMWB" set 7.4 pa.1.1 L >/dev/null || fail "set #1"
"$PRMWB" set 7.4 owner Alice >/dev/null || fail "set #2"
"$PRMWB" baseline create q1 >/dev/null || fail "baseline #3"
"$PRMWB" set 7.4 pa.2.1 F >/dev/null || fail "set #4"
"$PRMWB" set 7.4 pa.2.2 L >/dev/null || fail "set #5"
"$PRMWB" set 7.4,8.2 pa.1.1 F >/dev/null || fail "change set #6-#7"
printf 'first line\n\tindented\nlast' | "$PRMWB" set 7.4 notes - >/dev/null || fail "set #8"
[ "$(newest)" = 8 ] || fail "history: $(newest) entries, not 8"

# piped: level changes first, then fields by process in model order
expect_rc 0 "$PRMWB" diff q1
cat >"$T/want" <<EOF
7.4${TAB}level${TAB}1${TAB}2
8.2${TAB}level${TAB}-${TAB}1
7.4${TAB}notes${TAB}${TAB}first line\\n\\tindented\\nlast
7.4${TAB}pa.1.1${TAB}L${TAB}F
7.4${TAB}pa.2.1${TAB}${TAB}F
7.4${TAB}pa.2.2${TAB}${TAB}L
8.2${TAB}pa.1.1${TAB}${TAB}F
EOF
expect_out "$T/want"
# every line has exactly four fields
awk -F'\t' 'NF != 4 { exit 1 }' "$T/out" || fail "a diff line without four fields"
# the same with REF2 given, by number, by '#' and by today's date
expect_rc 0 "$PRMWB" diff q1 8
expect_out "$T/want"
expect_rc 0 "$PRMWB" diff '#3' "$(date -u +%Y-%m-%d)"
expect_out "$T/want"
# the other way round
expect_rc 0 "$PRMWB" diff 8 q1
expect_grep "^7\.4${TAB}level${TAB}2${TAB}1\$"
expect_grep "^7\.4${TAB}pa\.2\.1${TAB}F${TAB}\$"
# nothing between a point and itself, or across a baseline: empty, exit 0
expect_rc 0 "$PRMWB" diff q1 2
expect_out /dev/null
expect_rc 0 "$PRMWB" diff 2000-01-01 0
expect_out /dev/null
# before anything: everything is new
expect_rc 0 "$PRMWB" diff 0 q1
printf '7.4\tlevel\t-\t1\n7.4\towner\t\tAlice\n7.4\tpa.1.1\t\tL\n' | expect_out -
# half-way through the change set
expect_rc 0 "$PRMWB" diff 5 6
printf '7.4\tlevel\t1\t2\n7.4\tpa.1.1\tL\tF\n' | expect_out -

# profile as of the baseline, piped: the header stays line 1
expect_rc 0 "$PRMWB" profile --as-of q1
head -1 "$T/out" | grep -q "^id${TAB}name${TAB}pa\.1\.1" || fail "profile --as-of: line 1 is not the header"
expect_grep "^7\.4${TAB}Information security risk assessment${TAB}L(${TAB})+1${TAB}${TAB}\$"
expect_grep "^8\.2${TAB}[^${TAB}]*(${TAB})+-${TAB}${TAB}\$"
cp "$T/out" "$T/q1.tsv"
# --as-of anywhere after the command, and as --as-of=REF
expect_rc 0 "$PRMWB" profile --as-of=q1
cmp -s "$T/out" "$T/q1.tsv" || fail "profile --as-of=q1 differs from --as-of q1"
expect_rc 0 "$PRMWB" profile --as-of '#3'
cmp -s "$T/out" "$T/q1.tsv" || fail "profile --as-of '#3' differs"
# now, by date and by number
expect_rc 0 "$PRMWB" profile
cp "$T/out" "$T/now.tsv"
expect_grep "^7\.4${TAB}[^${TAB}]*${TAB}F${TAB}F${TAB}L(${TAB})+2${TAB}${TAB}\$"
expect_rc 0 "$PRMWB" profile --as-of "$(date -u +%Y-%m-%d)"
cmp -s "$T/out" "$T/now.tsv" || fail "profile --as-of today differs from profile"
expect_rc 0 "$PRMWB" profile --as-of 2000-01-01
expect_nogrep "${TAB}[0-5]${TAB}${TAB}\$"

# undo of the change set: 7.4 pa.1.1 back to L, 8.2 not rated; the past
# is unchanged
"$PRMWB" undo >/dev/null 2>&1 || true       # the notes (#8)
"$PRMWB" undo >/dev/null || fail "undo of the change set"
expect_rc 0 "$PRMWB" diff q1
printf '7.4\tpa.2.1\t\tF\n7.4\tpa.2.2\t\tL\n' | expect_out -
expect_rc 0 "$PRMWB" diff 8
cat >"$T/want" <<EOF
7.4${TAB}level${TAB}2${TAB}1
8.2${TAB}level${TAB}1${TAB}-
7.4${TAB}notes${TAB}first line\\n\\tindented\\nlast${TAB}
7.4${TAB}pa.1.1${TAB}F${TAB}L
8.2${TAB}pa.1.1${TAB}F${TAB}
EOF
expect_out "$T/want"
expect_rc 0 "$PRMWB" profile --as-of q1
cmp -s "$T/out" "$T/q1.tsv" || fail "the undo changed the profile as of q1"

# ---- on a terminal ----
if [ "$has_script" = 1 ]; then
	tty_run diff q1 8
	cat >"$T/want" <<'EOF'
from history #3 (q1) to #8 (8): 2 levels, 5 fields of 2 processes changed

7.4: level 1 → 2
8.2: level - → 1

7.4 Information security risk assessment
  notes
    - (not set)
    + first line
    +  indented
    + last
  pa.1.1  L → F
  pa.2.1  (not set) → F
  pa.2.2  (not set) → L

8.2 Records control
  pa.1.1  (not set) → F
EOF
	expect_out "$T/want"
	tty_run diff q1 2
	printf 'from history #3 (q1) to #2 (2): no differences\n' | expect_out -
	LANG=C LC_ALL=C tty_run diff q1 8
	expect_grep '^7\.4: level 1 -> 2$'
	expect_grep '^  pa\.1\.1  L -> F$'
	# profile as of: a line saying so above the table
	tty_run profile --as-of q1
	head -1 "$T/out" | grep -qx 'as of history #3 (q1)' || fail "profile --as-of on a terminal: no 'as of' line"
	expect_grep '^7\.4   Risk assessment     L   ·   ·   ·   ·   ·   ·   ·   ·      1         █····$'
	[ "$(wc -L <"$T/out")" -le 80 ] || fail "profile --as-of: a line wider than 80 columns"
fi

# ---- hostile values, written past validation ----
"$RAW" "$PRMWB_DB" iso27022 7.4 owner "$(printf 'Eve\033]0;pwned\007\033[2J\tx\r')" || fail "store_raw owner"
"$RAW" "$PRMWB_DB" iso27022 7.4 evidence "$(printf 'a\\b\n\302\23331mred\n\033[31m')" || fail "store_raw evidence"
"$RAW" "$PRMWB_DB" iso27022 9.9 owner "$(printf 'o\tk')" || fail "store_raw orphan"
"$RAW" "$PRMWB_DB" iso27022 7.4 "$(printf 'x\033]0;t\007')" v || fail "store_raw field"
expect_rc 0 "$PRMWB" diff q1
cat >"$T/want" <<'EOF'
7.4	owner	Alice	Eve\x1b]0;pwned\x07\x1b[2J\tx\r
7.4	evidence		a\\b\n\u009B31mred\n\x1b[31m
7.4	pa.2.1		F
7.4	pa.2.2		L
7.4	x\x1b]0;t\x07		v
9.9	owner		o\tk
EOF
expect_out "$T/want"
grep -q "$ESC" "$T/out" && fail "an escape byte in the piped diff"
awk -F'\t' 'NF != 4 { exit 1 }' "$T/out" || fail "a hostile value broke a line of the TSV"
if [ "$has_script" = 1 ]; then
	tty_run diff q1
	grep -q "$ESC" "$T/out" && fail "an escape byte reached the terminal"
	LC_ALL=C grep -q "$(printf '\302\233')" "$T/out" && fail "a C1 control reached the terminal"
	expect_grep '^  owner      Alice → Eve\^\[\]0;pwned\^G\^\[\[2J x\^M$'
	expect_grep '^  x\^\[\]0;t\^G  \(not set\) → v$'
	expect_grep '^    \+ a\\b$'
	expect_grep '^    \+ \\u009B31mred$'
	expect_grep '^    \+ \^\[\[31m$'
	expect_grep '^9\.9 \(orphan: not in model iso27022\)$'
	expect_grep '^  owner      \(not set\) → o k$'
fi

# ---- REFs that do not exist; usage ----
expect_rc 1 "$PRMWB" diff nosuch
expect_grep "^prmwb: diff nosuch: no baseline 'nosuch' \(baselines: q1\)" err
expect_rc 1 "$PRMWB" diff q1 nosuch
expect_grep "^prmwb: diff nosuch: no baseline 'nosuch'" err
expect_rc 1 "$PRMWB" diff 999
expect_grep "^prmwb: diff 999: no history entry #999 \(the newest is #" err
expect_rc 2 "$PRMWB" diff 'x!'
expect_grep "^prmwb: diff: 'x!' is not a baseline name" err
expect_rc 2 "$PRMWB" diff 2026-13-01
expect_rc 2 "$PRMWB" diff
expect_grep '^prmwb: usage: prmwb diff REF \[REF2\]' err
expect_rc 2 "$PRMWB" diff q1 q1 q1
expect_rc 2 "$PRMWB" diff --as-of q1 q1
expect_grep "^prmwb: --as-of: 'diff' does not read as of" err
expect_rc 1 "$PRMWB" profile --as-of nosuch
expect_grep "^prmwb: --as-of nosuch: no baseline 'nosuch' \(baselines: q1\)" err
expect_rc 2 "$PRMWB" profile --as-of q1 extra
expect_grep '^prmwb: usage: prmwb profile \[--as-of REF\]' err
expect_rc 2 "$PRMWB" profile --as-of
done_testing
