#!/bin/sh
# End-to-end: the workbench's / in script mode searches what `prmwb search`
# searches (inputs, references, clause ids, folded text beyond ASCII), plus
# record text and orphan records; it goes to the best match and n/N step
# through the matches in that order. Where the cursor lands is read from
# the status line.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
S="$TOP_SRCDIR/tests/data/search.xml"
TUI_MODEL=$S

# expect_at DUMP ID: the status line says the cursor is on ID.
expect_at() {
	case $(sed -n 23p "$1") in
	" searchtest | $2 | $PRMWB_DB"*) ;;
	*) fail "$1: the cursor is not on $2"; sed 's/^/  | /' "$1" >&2 ;;
	esac
}

# ---- a word only in an input (the old / looked at ids, names, purposes
# and record text only); the best match first, n in rank order ----
tui_run 80 24 <<EOF
/
:type incident reports
<Enter>
:save-display $T/input
/supplier
<Enter>
:save-display $T/supplier
n
:save-display $T/supplier-n
n
:save-display $T/supplier-nn
N
:save-display $T/supplier-N
EOF
expect_at "$T/input" 8.5
expect_not_in "$T/input" "no match"
expect_at "$T/supplier" 6.2
expect_at "$T/supplier-n" 8.5
expect_at "$T/supplier-nn" 6.2
expect_line "$T/supplier-n" 24 "match 2 of 2"
expect_line "$T/supplier-nn" 24 "search wrapped: match 1 of 2"
expect_at "$T/supplier-N" 8.5
expect_line "$T/supplier-N" 24 "search wrapped: match 2 of 2"

# ---- while typing, the hint says which match of how many is shown; a
# word typed on narrows the matches (and the count) ----
tui_run 80 24 <<EOF
/s
:save-display $T/typing-s
:type uppl
:save-display $T/typing-suppl
:type x
:save-display $T/typing-none
<Backspace>
:save-display $T/typing-back
EOF
grep -Eq "^match 1 of [0-9]+  Enter: stay here  Esc: go back" "$T/typing-s" ||
	fail "typing-s: no 'match 1 of N' hint: $(tail -1 "$T/typing-s")"
expect_line "$T/typing-suppl" 24 "match 1 of 2  Enter: stay here  Esc: go back  then n/N: next/previous"
expect_line "$T/typing-suppl" 23 "/suppl"
expect_line "$T/typing-none" 24 "no match"
expect_line "$T/typing-back" 24 "match 1 of 2  Enter: stay here  Esc: go back  then n/N: next/previous"

# ---- clause ids: the process first, then references; the forms of
# Annex A; folding beyond ASCII; stop words do not pick the match ----
tui_run 80 24 <<EOF
/7.4
<Enter>
:save-display $T/c74
n
:save-display $T/c74-n
/
:type Annex A 5.24
<Enter>
:save-display $T/annex
/A.5.20
<Enter>
:save-display $T/range
/ÉVALUATION
<Enter>
:save-display $T/fold
/
:type the risk
<Enter>
:save-display $T/stop
EOF
expect_at "$T/c74" 7.4
expect_at "$T/c74-n" 8.4
expect_at "$T/annex" 8.5
expect_at "$T/range" 8.6
expect_at "$T/fold" 6.2
# "the" is in 6.1's name, "risk" in 7.4's: 7.4 is the best match.
expect_at "$T/stop" 7.4

# ---- folding does not depend on the locale: the same under LANG=C ----
LC_ALL=C
tui_run 80 24 <<EOF
/ÉVALUATION
<Enter>
:save-display $T/fold-c
EOF
LC_ALL=C.UTF-8
expect_at "$T/fold-c" 6.2

# ---- record text, folded; an orphan record's id and text ----
sed 's|<process id="9.1"|<process id="9.9" name="Retired"><purpose>Gone.</purpose><outcomes><outcome n="1">x</outcome></outcomes></process>&|' \
	"$S" >"$T/with-9.9.xml"
expect_rc 0 "$PRMWB" --model "$S" set 8.4 notes "Budget für Ümlaut-Schulung"
expect_rc 0 "$PRMWB" --model "$T/with-9.9.xml" set 9.9 notes "Evidence moved to the archive"
tui_run 80 24 <<EOF
/
:type ümlaut budget
<Enter>
:save-display $T/record
/
:type ARCHIVE evidence
<Enter>
:save-display $T/orphan
gg
/9.9
<Enter>
:save-display $T/orphan-id
/
:type nothing like this
:save-display $T/none
<Esc>
:save-display $T/cancelled
EOF
expect_at "$T/record" 8.4
expect_at "$T/orphan" 9.9
expect_in "$T/orphan" "9.9 (orphan record)"
expect_in "$T/orphan" "Evidence moved to the archive"
expect_at "$T/orphan-id" 9.9
expect_line "$T/none" 24 "no match"
# Esc goes back to where / started.
expect_at "$T/cancelled" 9.9

# ---- the shipped model: /supplier goes where `prmwb search supplier`
# lists first ----
first=$("$PRMWB" search supplier | head -1 | cut -f1)
[ -n "$first" ] || fail "prmwb search supplier found nothing"
cat >"$T/script" <<EOF
/supplier
<Enter>
:save-display $T/shipped
EOF
LINES=24 COLUMNS=80 PRMWB_SCRIPT="$T/script" "$PRMWB" --db "$T/shipped-db" >"$T/out" 2>"$T/err" ||
	fail "workbench on the shipped model: exit $?"
expect_not_in "$T/shipped" "no match"
grep -q " | $first | " "$T/shipped" || { fail "/supplier is not on $first"; cat "$T/shipped" >&2; }
done_testing
