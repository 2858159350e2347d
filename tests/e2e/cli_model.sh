#!/bin/sh
# End-to-end: the look-up commands (list, show, search, check) on the fixture
# model tests/data/good.xml, piped (plain output, compared exactly).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
D="$TOP_SRCDIR/tests/data"
G="$D/good.xml"

# list: headings and ID<TAB>NAME lines, in model order
expect_rc 0 "$PRMWB" --model "$G" list
printf '# mgmt: Management processes\n1.1\tGovernance interface\n# core: Core processes\n2.1\tHazard assessment\n2.2\tHazard treatment\n2.10\tChange control\n# support: Support processes\n3.1\tRecords\n' >"$T/want"
expect_out "$T/want"

# list --category by id or name, case-insensitive
for c in core CORE "core processes" "Core Processes"; do
	expect_rc 0 "$PRMWB" --model "$G" list --category "$c"
	printf '# core: Core processes\n2.1\tHazard assessment\n2.2\tHazard treatment\n2.10\tChange control\n' >"$T/want"
	expect_out "$T/want"
done
expect_rc 0 "$PRMWB" -m "$G" list --category=support
expect_grep '^3\.1	Records$'
expect_rc 1 "$PRMWB" --model "$G" list --category nosuch
expect_grep "^prmwb: list: no category 'nosuch' in model fixture$" err
expect_grep "categories: mgmt \(Management processes\), core \(Core processes\), support" err
expect_rc 2 "$PRMWB" --model "$G" list --category
expect_rc 2 "$PRMWB" --model "$G" list extra

# show: everything, plain
expect_rc 0 "$PRMWB" --model "$G" show 1.1
expect_out "$D/expected/show-1.1.txt"
expect_rc 0 "$PRMWB" --model "$G" show 2.1
expect_out "$D/expected/show-2.1.txt"

# show: unknown id suggests near ids / names, exit 1
expect_rc 1 "$PRMWB" --model "$G" show 1.12
expect_grep "^prmwb: show: no process '1\.12' in model fixture$" err
expect_grep "^prmwb: did you mean 1\.1 \(Governance interface\)\?$" err
[ -s "$T/out" ] && fail "show unknown id wrote to stdout"
expect_rc 1 "$PRMWB" --model "$G" show hazard
expect_grep "did you mean 2\.1 \(Hazard assessment\) or 2\.2 \(Hazard treatment\)\?" err
expect_rc 1 "$PRMWB" --model "$G" show qqqqqq
expect_grep "'prmwb list' shows all processes" err
# missing or extra ID: usage
expect_rc 2 "$PRMWB" --model "$G" show
expect_grep "missing process ID" err
expect_rc 2 "$PRMWB" --model "$G" show 1.1 2.1

# search: ranked, AND, where it matched
expect_rc 0 "$PRMWB" --model "$G" search hazard
printf '2.1\tHazard assessment\tname\n2.2\tHazard treatment\tname\n2.10\tChange control\toutcome\n3.1\tRecords\tinput\n' >"$T/want"
expect_out "$T/want"
expect_rc 0 "$PRMWB" --model "$G" search HAZARD register
printf '2.1\tHazard assessment\tname\n3.1\tRecords\tinput\n' >"$T/want"
expect_out "$T/want"
expect_rc 0 "$PRMWB" --model "$G" search workshops
expect_grep '^2\.1	Hazard assessment	activity$'
expect_rc 1 "$PRMWB" --model "$G" search hazard nowhere
expect_grep "no process matches" err
expect_rc 2 "$PRMWB" --model "$G" search

# PRMWB_MODEL is used when --model is not given; --model wins over it
PRMWB_MODEL="$G" expect_rc 0 "$PRMWB" show 2.10
expect_grep '^2\.10  Change control$'
PRMWB_MODEL=/nonexistent.xml expect_rc 0 "$PRMWB" --model "$G" show 2.10
PRMWB_MODEL=/nonexistent.xml expect_rc 2 "$PRMWB" show 2.10
expect_grep '^prmwb: /nonexistent.xml: cannot open: No such file or directory$' err

# a bad model makes look-ups fail with exit 2 and the reasons
expect_rc 2 "$PRMWB" --model "$D/bad-semantic.xml" list
expect_grep '^prmwb: .*bad-semantic.xml:10: process 1: relation' err

done_testing
