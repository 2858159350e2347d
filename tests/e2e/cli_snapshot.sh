#!/bin/sh
# End-to-end: `profile` and `status` without --as-of show the store at one
# point in time, even while another user commits changes meanwhile. Each
# record is read in a transaction of its own; before the fix a bulk set of
# every process committed while they ran showed up half-way down (some rows
# with the new target, the rest with the old; status counts split between
# planned and implemented). A writer flips every process back and forth
# (each flip one change set, so any snapshot has one value everywhere)
# while readers run; every output must show one value throughout.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# Many processes widen the window in which a commit can land mid-read.
sh "$TOP_SRCDIR/bench/genmodel.sh" 3000 >"$T/model.xml"
export PRMWB_MODEL="$T/model.xml"
expect_rc 0 "$PRMWB" set --all target 1
expect_rc 0 "$PRMWB" set --all status planned

# The writer: flips until the readers are done (a file says so), at most 400 times.
(
	i=0
	while [ ! -e "$T/stop" ] && [ $i -lt 400 ]; do
		if [ $((i % 2)) = 0 ]; then t=2 s=implemented; else t=1 s=planned; fi
		"$PRMWB" set --all target $t >/dev/null 2>>"$T/writer.err" || echo "set target: $?" >>"$T/writer.err"
		"$PRMWB" set --all status $s >/dev/null 2>>"$T/writer.err" || echo "set status: $?" >>"$T/writer.err"
		i=$((i + 1))
	done
	echo $i >"$T/flips"
) &
writer=$!

n=0
while [ $n -lt 40 ]; do
	"$PRMWB" profile >"$T/profile" 2>"$T/profile.err" || fail "profile: exit $? ($(head -1 "$T/profile.err"))"
	# column 13 is target; one value in every row of one table
	vals=$(awk -F '\t' 'NR > 1 { print $13 }' "$T/profile" | sort -u | tr '\n' ' ')
	rows=$(awk 'NR > 1' "$T/profile" | wc -l)
	[ "$rows" = 3000 ] || fail "profile run $n: $rows rows, expected 3000"
	case $vals in
	"1 " | "2 ") ;;
	*) fail "profile run $n shows targets '$vals' at once: not one point in time" ;;
	esac
	"$PRMWB" status >"$T/status" 2>"$T/status.err" || fail "status: exit $? ($(head -1 "$T/status.err"))"
	planned=$(awk '$1 == "planned" { print $2 }' "$T/status")
	impl=$(awk '$1 == "implemented" { print $2 }' "$T/status")
	case "$planned/$impl" in
	3000/0 | 0/3000) ;;
	*) fail "status run $n counts planned $planned, implemented $impl: not one point in time"
	   sed 's/^/  /' "$T/status" >&2 ;;
	esac
	n=$((n + 1))
done
: >"$T/stop"
wait $writer
echo "writer flips: $(cat "$T/flips")" >&2
[ -s "$T/writer.err" ] && fail "the writer failed: $(head -3 "$T/writer.err")"
# The test means something only if the writer committed while the readers ran.
[ "$(cat "$T/flips")" -ge 3 ] || fail "the writer flipped only $(cat "$T/flips") times"
done_testing
