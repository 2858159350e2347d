#!/bin/sh
# End-to-end: prmwb profile on a terminal (a pseudo-terminal from
# script(1)): an aligned table that fits 80 columns exactly, names
# abbreviated to fit, a bar per process, totals; an ASCII fallback outside
# UTF-8; the same with NO_COLOR; more of the names on a wider terminal.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
command -v script >/dev/null 2>&1 || { echo "script(1) missing: skipped"; exit 77; }

tty_run() {  # tty_run COLUMNS ARGS...: run on a pty, output in $T/out
	cols=$1; shift
	COLUMNS=$cols script -qec "$(printf '%s ' "$PRMWB" "$@")" /dev/null </dev/null |
		tr -d '\r' >"$T/out"
}
set_all() {  # set_all ID FIELD=VALUE...
	id=$1; shift
	for fv in "$@"; do
		"$PRMWB" set "$id" "${fv%%=*}" "${fv#*=}" || fail "set $id $fv"
	done
}

# the embedded model (ISO/IEC TS 27022, 17 processes)
set_all 6.2 pa.1.1=F pa.2.1=L pa.2.2=L+ target=3
set_all 7.4 pa.1.1=L pa.2.1=F pa.2.2=F target=2
set_all 7.11 pa.1.1=F pa.2.1=F pa.2.2=F pa.3.1=F pa.3.2=F pa.4.1=F pa.4.2=F pa.5.1=F \
	pa.5.2=L- target=4
set_all 8.2 pa.1.1=P- target=1
set_all 7.7 "justification=All services are run in-house." applicable=no target=2
set_all 8.5 target=3

tty_run 80 profile
cat >"$T/want" <<'EOF'
id    process             1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2  lvl tgt gap
6.2   Governance interfa… F   L   L+  ·   ·   ·   ·   ·   ·      2   3   1 ██░··
7.2   Policy management   ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.3   Requirements        ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.4   Risk assessment     L   F   F   ·   ·   ·   ·   ·   ·      1   2   1 █░···
7.5   Risk treatment      ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.6   Implementation      ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.7   Outsourced services ·   ·   ·   ·   ·   ·   ·   ·   ·    n/a   2
7.8   Skills and awarene… ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.9   Incident management ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.10  Change management   ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.11  Internal audit      F   F   F   F   F   F   F   F   L-     5   4  -1 █████
7.12  Performance         ·   ·   ·   ·   ·   ·   ·   ·   ·      -
7.13  Improvement         ·   ·   ·   ·   ·   ·   ·   ·   ·      -
8.2   Records control     P-  ·   ·   ·   ·   ·   ·   ·   ·      0   1   1 ░····
8.3   Resource management ·   ·   ·   ·   ·   ·   ·   ·   ·      -
8.4   Communication       ·   ·   ·   ·   ·   ·   ·   ·   ·      -
8.5   Customer relations  ·   ·   ·   ·   ·   ·   ·   ·   ·      -   3

level 0: 1   level 1: 1   level 2: 1   level 3: 0   level 4: 0   level 5: 1
not assessed: 12   below target: 3   not applicable (left out): 1
EOF
expect_out "$T/want"
[ "$(wc -L <"$T/out")" -le 80 ] || fail "a line is wider than 80 columns"
cp "$T/out" "$T/utf8"

# NO_COLOR: nothing depends on colour, the output is the same
NO_COLOR=1 tty_run 80 profile
cmp -s "$T/out" "$T/utf8" || fail "NO_COLOR changed the table"
grep -q "$(printf '\033')" "$T/out" && fail "escape sequences in the table"

# outside UTF-8: ASCII only
LANG=C LC_ALL=C tty_run 80 profile
cat >"$T/want" <<'EOF'
id    process             1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2  lvl tgt gap
6.2   Governance inter... F   L   L+  .   .   .   .   .   .      2   3   1 ##-..
7.2   Policy management   .   .   .   .   .   .   .   .   .      -
7.3   Requirements        .   .   .   .   .   .   .   .   .      -
7.4   Risk assessment     L   F   F   .   .   .   .   .   .      1   2   1 #-...
EOF
head -5 "$T/out" | diff -u "$T/want" - >&2 || fail "the ASCII table is not as expected"
LC_ALL=C grep -q '[^ -~]' "$T/out" && fail "a non-ASCII byte outside UTF-8"
[ "$(wc -l <"$T/out")" -eq 21 ] || fail "ASCII table: $(wc -l <"$T/out") lines, not 21"

# a wider terminal shows more of the names, still aligned
tty_run 120 profile
expect_grep '^6\.2   Information security governance/management interface  F   L   L\+  '
expect_grep '^7\.8   Process to assure necessary awareness and competence  '
[ "$(wc -L <"$T/out")" -le 120 ] || fail "a line is wider than 120 columns"
# a narrow one drops the bar first, and still fits
tty_run 60 profile
[ "$(wc -L <"$T/out")" -le 60 ] || fail "a line is wider than 60 columns"
expect_grep '^7\.4   Risk… L   F   F   ·   ·   ·   ·   ·   ·      1   2   1$'

# names abbreviated without short names (the version 1 copy of the model
# has none): a leading phrase of three or more names as initials, else cut
"$PRMWB" --model "$TOP_SRCDIR/tests/data/iso27022-v1.xml" set 7.4 target 2 >/dev/null || fail "set (v1 model)"
tty_run 80 --model "$TOP_SRCDIR/tests/data/iso27022-v1.xml" profile
expect_grep '^6\.2   IS governance/mana… F   L   L\+  '
expect_grep '^7\.2   Security policy ma… ·'
expect_grep '^7\.4   IS risk assessment  L   F   F   '
expect_grep '^8\.5   IS customer relati… ·'
[ "$(wc -L <"$T/out")" -le 80 ] || fail "a line is wider than 80 columns (v1 model)"
done_testing
