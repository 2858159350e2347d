#!/bin/sh
# End-to-end: the embedded default model (models/iso27022.xml), in format
# version 2: it passes check, it is the file in models/, relations show at
# both ends from one declaration, search finds what people type, and a
# store made with the previous text (the version 1 copy in tests/data)
# keeps its records, ratings of retired outcome numbers included.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
M="$TOP_SRCDIR/models/iso27022.xml"

# the embedded model is the file in models/, and it passes check
expect_rc 0 "$PRMWB" check "$M"
printf '%s: ok: model iso27022 version 2021-2, 3 categories, 17 processes\n' "$M" | expect_out -
expect_rc 0 "$PRMWB" list
expect_grep '^6\.2	'
cp "$T/out" "$T/list-embedded"
expect_rc 0 "$PRMWB" --model "$M" list
diff -u "$T/list-embedded" "$T/out" >&2 || fail "list: the embedded model is not models/iso27022.xml"
for id in $(grep -v '^#' "$T/out" | cut -f1); do
	"$PRMWB" show "$id" >"$T/a" 2>&1
	"$PRMWB" --model "$M" show "$id" >"$T/b" 2>&1
	cmp -s "$T/a" "$T/b" || fail "show $id: the embedded model is not models/iso27022.xml"
done
expect_rc 0 "$PRMWB" show 6.2
expect_grep '^6\.2  '

# a hand-off declared once, at 7.4, reads at both ends; the short name shows
expect_rc 0 "$PRMWB" show 7.5
expect_grep '^Short name: Risk treatment$'
expect_grep '^  - Receives input from 7\.4 \(Information security risk assessment\): prioritised risks with owners$'
expect_grep '^  - Triggers 7\.6 \(Security implementation management\): '
expect_nogrep 'receives-input-from'
expect_rc 0 "$PRMWB" show 7.4
expect_grep '^  - Provides input to 7\.5 \(Information security risk treatment\): prioritised risks with owners$'
expect_grep '^  - Is triggered by 7\.10 \(Information security change management\): '
# the revised mapping: an incident is not in itself a nonconformity
expect_rc 0 "$PRMWB" show 7.9
expect_grep '^  - ISO/IEC 27001:2022 8\.1: main$'
expect_grep '^  - ISO/IEC 27001:2022 Annex A 5\.26: main$'
expect_grep '^  - ISO/IEC 27001:2022 10\.2: related: an incident is not in itself a nonconformity'

# prmwb search risk: 7.4 and 7.5 first (name hits), in model order
expect_rc 0 "$PRMWB" search risk
head -2 "$T/out" | cut -f1 >"$T/top"
printf '7.4\n7.5\n' >"$T/want"
diff -u "$T/want" "$T/top" >/dev/null || fail "search risk: top hits are not 7.4, 7.5: $(tr '\n' ' ' <"$T/top")"
# the process a word names comes first
for q in supplier:7.7 incident:7.9 audit:7.11 change:7.10 customer:8.5; do
	expect_rc 0 "$PRMWB" search "${q%%:*}"
	[ "$(head -1 "$T/out" | cut -f1)" = "${q#*:}" ] ||
		fail "search ${q%%:*}: first hit is not ${q#*:}: $(head -1 "$T/out")"
done
# a control of Annex A finds the process that maps to it
expect_rc 0 "$PRMWB" search A.5.33
printf '8.2\tRecords control\treference\n' | expect_out -

# show 7.44 suggests 7.4; show risk suggests 7.4 and 7.5
expect_rc 1 "$PRMWB" show 7.44
expect_grep 'did you mean 7\.4 ' err
expect_rc 1 "$PRMWB" show risk
expect_grep 'did you mean 7\.4 \(.*\) or 7\.5 \(' err

# ---- a store of the previous text opens with this one ----
# 7.5 outcome 3 (the Statement of Applicability) was split into 11 and 12:
# its rating is kept and listed, the number is not taken again.
V1="$TOP_SRCDIR/tests/data/iso27022-v1.xml"
expect_rc 0 "$PRMWB" --model "$V1" set 7.5 outcome.3 L
expect_rc 0 "$PRMWB" --model "$V1" set 7.5 outcome.1 F
expect_rc 0 "$PRMWB" status
expect_grep '^model: +iso27022 \(17 processes, 1 with a record\)$'
expect_grep '^retired ratings: 1$'
expect_grep '^  7\.5 outcome\.3 L \(kept; model iso27022 has no such outcome\)$'
expect_rc 0 "$PRMWB" get 7.5 outcome.3
printf 'L\n' | expect_out -
expect_rc 0 "$PRMWB" get 7.5
expect_grep '^  outcome\.1 +F$'
expect_grep '^  outcome\.11 +-$'
expect_grep '^  outcome\.3 +L   \(retired: not an outcome of this model\)$'
expect_rc 2 "$PRMWB" set 7.5 outcome.3 F
expect_grep 'outcome\.3: process 7\.5 has no outcome 3 \(its outcomes are 1, 4, 6, 7, 8, 9, 10, 11, 12; a retired number is not reused\)' err
expect_rc 0 "$PRMWB" set 7.5 outcome.11 L
done_testing
