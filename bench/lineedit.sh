#!/bin/sh
# lineedit.sh - opening the one-line editor (e) on a long value: the
# workbench in script mode opens and cancels the editor on a 60,000-byte
# owner, against the floor of the same run without e; wall time (median
# of 5) and, if valgrind is installed, instructions (callgrind, exact).
# Opening used to be quadratic in the value's length (4-7 s for 60 KB).
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-le-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm LINES=24 COLUMNS=80 TZ=UTC

ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# median_ms SCRIPT: median wall time of 5 runs of the workbench on SCRIPT.
median_ms() {
	: >"$dir/times"
	for i in 1 2 3 4 5; do
		t0=$(ms)
		PRMWB_SCRIPT="$1" "$PRMWB" --db "$dir/db" >/dev/null 2>&1
		echo $(( $(ms) - t0 )) >>"$dir/times"
	done
	sort -n "$dir/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# instructions SCRIPT: instructions executed (callgrind), or "-".
instructions() {
	if ! command -v valgrind >/dev/null 2>&1; then
		echo -
		return
	fi
	PRMWB_SCRIPT="$1" valgrind --tool=callgrind --callgrind-out-file="$dir/cg" \
		"$PRMWB" --db "$dir/db" >/dev/null 2>"$dir/vg" || { echo -; return; }
	sed -n 's/^summary: *//p' "$dir/cg"
}

printf '%-8s %10s %10s %16s %16s\n' bytes "open ms" "floor ms" "open instr" "floor instr"
for n in 6000 60000; do
	awk -v n=$n 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s (i % 7 == 6 ? " " : "o"); print s }' |
		"$PRMWB" --db "$dir/db" set 7.3 owner - >/dev/null
	printf '/7.3\n<Enter>\n' >"$dir/floor"
	printf '/7.3\n<Enter>\ne\n<Esc>\n' >"$dir/open"
	printf '%-8d %10d %10d %16s %16s\n' $n "$(median_ms "$dir/open")" "$(median_ms "$dir/floor")" \
		"$(instructions "$dir/open")" "$(instructions "$dir/floor")"
done
echo "command: PRMWB_SCRIPT=FILE $PRMWB --db DIR, FILE = '/7.3 <Enter> e <Esc>' (open)"
echo "  or '/7.3 <Enter>' (floor), owner of 7.3 = BYTES bytes; valgrind --tool=callgrind for instr"
echo "(linear: 10x the bytes costs about 10x the open-floor difference, not 100x)"
