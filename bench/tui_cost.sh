#!/bin/sh
# tui_cost.sh - the workbench's cost per keystroke on a generated model of
# 2,000 processes and of 20,000 (issue 11: the 20,000 one within 1.2x of
# the 2,000 one), in instructions counted by callgrind (wall time is too
# noisy) and bytes sent to the terminal (80x24, TERM=xterm-256color).
# Start-up is left out: a figure is the difference between a script of
# N+k keys and one of N keys, divided by k. Keys:
#   tree    j/k in the tree (the detail of each process built anew)
#   detail  j/k in the detail pane
#   search  "process 1" typed after / one key at a time, each search done
#           before the next key (the whole query matches every process:
#           the worst case; a search of more than FIND_SLICE processes
#           runs in slices between keys)
#   burst   the same keys arriving at once (pasted, or typed faster than
#           the search): each key looks at FIND_SLICE items at most;
#           Esc ends the search before the rest is looked at
# Floor: the 2,000-process model's figure; the ratio is 20,000 / 2,000.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
command -v valgrind >/dev/null 2>&1 || { echo "tui_cost: valgrind missing: skipped"; exit 0; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-tui-cost.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 TZ=UTC
unset NO_COLOR

# run MODEL SCRIPT: "INSTRUCTIONS BYTES" of the workbench on SCRIPT.
run() {
	rm -rf "$dir/db" "$dir/state"
	XDG_STATE_HOME="$dir/state" PRMWB_SCRIPT="$2" PRMWB_SCRIPT_OUTPUT="$dir/out" \
		valgrind --tool=callgrind --callgrind-out-file="$dir/cg" \
		"$PRMWB" --db "$dir/db" --model "$1" >/dev/null 2>&1
	echo "$(sed -n 's/^totals: *//p' "$dir/cg") $(wc -c <"$dir/out")"
}

# per MODEL K BASE-SCRIPT KEYS-SCRIPT: "INSTRUCTIONS BYTES" per key.
per() {
	set -- "$1" "$2" "$(run "$1" "$3")" "$(run "$1" "$4")"
	echo "$3 $4" | awk -v k="$2" '{ printf "%d %d", ($3 - $1) / k, ($4 - $2) / k }'
}

K=40
printf 'jj\n' >"$dir/tree0"
{ printf 'jj\n'; i=0; while [ $i -lt $((K / 2)) ]; do printf 'jk\n'; i=$((i + 1)); done; } >"$dir/tree"
printf 'jj<Tab>\n' >"$dir/det0"
{ printf 'jj<Tab>\n'; i=0; while [ $i -lt $((K / 2)) ]; do printf 'jk\n'; i=$((i + 1)); done; } >"$dir/det"
printf 'jj\n/\n' >"$dir/search0"
printf 'jj\n/\n:type process 1\n' >"$dir/search"
printf 'jj\n/\n:bytes 1b\n' >"$dir/burst0"
printf 'jj\n/\n:bytes 70 72 6f 63 65 73 73 20 31 1b\n' >"$dir/burst"

echo "command: PRMWB_SCRIPT=FILE PRMWB_SCRIPT_OUTPUT=OUT valgrind --tool=callgrind $PRMWB --model genN.xml;"
echo "         (totals of N+k keys - totals of N keys) / k; bytes: wc -c OUT"
for n in 2000 20000; do
	sh "$TOP_SRCDIR/bench/genmodel.sh" $n >"$dir/gen$n.xml"
	set -- $(per "$dir/gen$n.xml" $K "$dir/tree0" "$dir/tree") \
		$(per "$dir/gen$n.xml" $K "$dir/det0" "$dir/det") \
		$(per "$dir/gen$n.xml" 9 "$dir/search0" "$dir/search") \
		$(per "$dir/gen$n.xml" 9 "$dir/burst0" "$dir/burst")
	echo "$n $*" >>"$dir/figures"
done
awk '
NR == 1 { for (i = 2; i <= 9; i++) f[i] = $i }
NR == 2 {
	split("tree detail search burst", name, " ")
	printf "%-8s %14s %14s %7s %10s %10s\n", "key", "instr 2,000", "instr 20,000", "ratio",
	       "bytes 2k", "bytes 20k"
	for (k = 1; k <= 4; k++) {
		i = 2 * k; b = i + 1
		printf "%-8s %14d %14d %6.2fx %10d %10d\n", name[k], f[i], $i,
		       f[i] ? $i / f[i] : 0, f[b], $b
	}
}' "$dir/figures"
echo "(goal: each ratio at most 1.20; 'search' over a query every process matches"
echo " grows with the matches: the count 'match 1 of N' needs them all; its keys"
echo " never wait for that: see 'burst')"
