#!/bin/sh
# End-to-end: the assessment fields (pa.1.1 ... pa.5.2, target; level and
# gap derived), the suggested PA 1.1 in get, and prmwb profile piped
# (tab-separated, exact).
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# Process 1 has outcomes 1, 2 and 4 (3 retired), a sub-process 1.1; 2's
# name holds a tab and an escape sequence; 4 will not apply.
cat >"$T/model.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:2" id="assesstest" version="1">
  <title>Assessment test model</title>
  <category id="c" name="Core">
    <process id="1" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome><outcome n="4">d</outcome></outcomes>
      <process id="1.1" name="Risk assessment">
        <purpose>Assess.</purpose>
        <outcomes><outcome n="1">a</outcome></outcomes>
      </process>
    </process>
    <process id="2" name="Evil&#9;tab &#x9B;2Jred">
      <purpose>Escape.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
    <process id="3" name="Operations">
      <purpose>Run.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
    <process id="4" name="Suppliers">
      <purpose>Buy.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
  </category>
</prm>
XML
export PRMWB_MODEL="$T/model.xml"
TAB=$(printf '\t')
HEADER="id${TAB}name${TAB}pa.1.1${TAB}pa.2.1${TAB}pa.2.2${TAB}pa.3.1${TAB}pa.3.2${TAB}pa.4.1${TAB}pa.4.2${TAB}pa.5.1${TAB}pa.5.2${TAB}level${TAB}target${TAB}gap"
# row ID NAME LEVEL TARGET GAP PA...: one expected line
row() {
	id=$1 name=$2 level=$3 target=$4 gap=$5
	shift 5
	line="$id$TAB$name"
	for i in 1 2 3 4 5 6 7 8 9; do
		line="$line$TAB${1:-}"
		[ $# -gt 0 ] && shift
	done
	printf '%s\t%s\t%s\t%s\n' "$line" "$level" "$target" "$gap"
}
history() { "$PRMWB" log | wc -l; }

# ---- no store yet: every process unrated, nothing created ----
expect_rc 0 "$PRMWB" profile
{
	echo "$HEADER"
	row 1 "Risk management" - "" ""
	row 1.1 "Risk assessment" - "" ""
	row 2 "Evil tab \\u009B2Jred" - "" ""
	row 3 "Operations" - "" ""
	row 4 "Suppliers" - "" ""
} >"$T/want"
expect_out "$T/want"
[ -e "$PRMWB_DB" ] && fail "profile created the store"
expect_rc 0 "$PRMWB" get 1 level
printf -- '-\n' | expect_out -

# ---- every PA field takes N P L F and the refinements, in any case ----
for f in pa.1.1 pa.2.1 pa.2.2 pa.3.1 pa.3.2 pa.4.1 pa.4.2 pa.5.1 pa.5.2; do
	for v in n p l f p- P+ l- L+; do
		expect_rc 0 "$PRMWB" set 3 "$f" "$v"
		expect_rc 0 "$PRMWB" get 3 "$f"
		echo "$v" | tr 'a-z' 'A-Z' | expect_out -
	done
	expect_rc 2 "$PRMWB" set 3 "$f" X
	expect_grep "^prmwb: $f: 'X' is not allowed; use one of: N, P, L, F, P-, P\+, L-, L\+$" err
	expect_rc 2 "$PRMWB" set 3 "$f" F+
	expect_rc 0 "$PRMWB" set 3 "$f" ""
done
# each change one history entry: 9 fields x (8 ratings + 1 clear)
[ "$(history)" -eq 81 ] || fail "expected 81 history entries, got $(history)"

# ---- target: 0-5 ----
expect_rc 2 "$PRMWB" set 3 target 6
expect_grep "^prmwb: target: '6' is not allowed; use one of: 0, 1, 2, 3, 4, 5$" err
expect_rc 2 "$PRMWB" set 3 target -1
expect_rc 0 "$PRMWB" set 3 target 0
expect_rc 0 "$PRMWB" set 3 target ""

# ---- level and gap are derived: refused, nothing written ----
before=$(history)
expect_rc 2 "$PRMWB" set 1 level 3
expect_grep '^prmwb: level: derived from the PA ratings pa.1.1 ... pa.5.2; it cannot be set$' err
expect_rc 2 "$PRMWB" set 1 level ''
expect_rc 2 "$PRMWB" set 1 gap 1
expect_grep '^prmwb: gap: derived from target and level; it cannot be set$' err
echo 3 | expect_rc 2 "$PRMWB" set 1 level -
[ "$(history)" -eq "$before" ] || fail "a refused level changed the history"
# an unknown field names them all
expect_rc 2 "$PRMWB" set 1 colour red
expect_grep "fields are: owner, status, applicable, justification, notes, evidence, target, pa.1.1, pa.2.1, pa.2.2, pa.3.1, pa.3.2, pa.4.1, pa.4.2, pa.5.1, pa.5.2, review, outcome.N \(and, read-only, level, gap\)" err

# ---- the level rule through the command line ----
expect_rc 0 "$PRMWB" set 1 pa.1.1 L
expect_rc 0 "$PRMWB" get 1 level
echo 1 | expect_out -
expect_rc 0 "$PRMWB" get 1 gap
: | expect_out -                    # no target: no gap
expect_rc 0 "$PRMWB" set 1 pa.2.1 F
expect_rc 0 "$PRMWB" set 1 pa.2.2 F
expect_rc 0 "$PRMWB" get 1 level
echo 1 | expect_out -                # 2 needs PA 1.1 F
expect_rc 0 "$PRMWB" set 1 pa.1.1 F
expect_rc 0 "$PRMWB" set 1 pa.2.1 L
expect_rc 0 "$PRMWB" set 1 pa.2.2 L+
expect_rc 0 "$PRMWB" set 1 target 3
expect_rc 0 "$PRMWB" get 1 level
echo 2 | expect_out -
expect_rc 0 "$PRMWB" get 1 gap
echo 1 | expect_out -
expect_rc 0 "$PRMWB" set 1.1 pa.1.1 P+
expect_rc 0 "$PRMWB" set 1.1 target 1
expect_rc 0 "$PRMWB" get 1.1 level
echo 0 | expect_out -
expect_rc 0 "$PRMWB" set 3 pa.1.1 F
expect_rc 0 "$PRMWB" set 3 pa.2.1 F
expect_rc 0 "$PRMWB" set 3 pa.2.2 F
expect_rc 0 "$PRMWB" set 3 target 1
expect_rc 0 "$PRMWB" get 3 gap
echo -1 | expect_out -               # above the target

# ---- not applicable: n/a ----
expect_rc 0 "$PRMWB" set 4 justification "bought in"
expect_rc 0 "$PRMWB" set 4 applicable no
expect_rc 0 "$PRMWB" set 4 pa.1.1 F
expect_rc 0 "$PRMWB" set 4 target 2
expect_rc 0 "$PRMWB" get 4 level
echo n/a | expect_out -
expect_rc 0 "$PRMWB" get 4 gap
: | expect_out -

# ---- get ID: level, target, gap and the suggestion beside PA 1.1 ----
expect_rc 0 "$PRMWB" get 1
cat >"$T/want" <<'EOF'
1 Risk management
  owner           -
  status          -
  applicable      -
  justification   -
  notes           -
  evidence        -
  target          3
  level           2
  gap             1
  pa.1.1          F   (suggested when all 3 outcomes are rated: 0 of 3 so far)
  pa.2.1          L
  pa.2.2          L+
  pa.3.1          -
  pa.3.2          -
  pa.4.1          -
  pa.4.2          -
  pa.5.1          -
  pa.5.2          -
  review          -
  outcome.1       -
  outcome.2       -
  outcome.4       -
EOF
sed '$d' "$T/out" | diff -u "$T/want" - >&2 || fail "get 1 is not as expected"
# outcome 3 is retired: "all" is 1, 2 and 4; (92.5 + 67.5 + 32.5) / 3 = 64.2 % -> L
expect_rc 0 "$PRMWB" set 1 outcome.1 F
expect_rc 0 "$PRMWB" set 1 outcome.2 L
expect_rc 0 "$PRMWB" get 1
expect_grep '^  pa\.1\.1          F   \(suggested when all 3 outcomes are rated: 2 of 3 so far\)$'
expect_rc 0 "$PRMWB" set 1 outcome.4 P
expect_rc 0 "$PRMWB" get 1
expect_grep '^  pa\.1\.1          F   \(suggested by the outcome ratings: L, mean 64\.2 %\)$'
# never set by itself
expect_rc 0 "$PRMWB" get 1 pa.1.1
echo F | expect_out -
# a process with nothing rated shows the PA unset, and the suggestion's count
expect_rc 0 "$PRMWB" get 2
expect_grep '^  pa\.1\.1          -   \(suggested when all 1 outcomes are rated: 0 of 1 so far\)$'

# ---- profile, piped: exact ----
expect_rc 0 "$PRMWB" profile
{
	echo "$HEADER"
	row 1 "Risk management" 2 3 1 F L L+
	row 1.1 "Risk assessment" 0 1 1 P+
	row 2 "Evil tab \\u009B2Jred" - "" ""
	row 3 "Operations" 2 1 -1 F F F
	row 4 "Suppliers" n/a 2 "" F
} >"$T/want"
expect_out "$T/want"
# one header, tabs only, 14 columns on every line
awk -F'\t' 'NF != 14 { bad = 1 } END { exit bad }' "$T/out" || fail "a line has not 14 columns"
[ "$(head -1 "$T/out")" = "$HEADER" ] || fail "line 1 is not the header"

# ---- usage ----
expect_rc 2 "$PRMWB" profile extra
expect_grep "usage: prmwb profile" err
expect_rc 0 "$PRMWB" --help
expect_grep '^  profile \[--as-of REF\]  '
expect_grep '^  diff REF \[REF2\]  '
expect_grep '^  review          date of the next planned review \(YYYY-MM-DD\)$'
for f in owner status applicable justification notes evidence target level gap \
	pa.1.1 pa.2.1 pa.2.2 pa.3.1 pa.3.2 pa.4.1 pa.4.2 pa.5.1 pa.5.2 review outcome.N; do
	expect_grep "^  $f +[A-Za-z]"
done
done_testing
