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
# and, on a store with a record in each process of the first category
# (status planned; set as one change set) and the whole store's history:
#   P-move  j/k in the profile view (P)
#   P-rate  n/p on a cell of the profile: each one a saved rating
#   O-move  j/k in the overview (O)
#   F-move  j/k in the tree filtered to status planned (F s p: a tenth of
#           the processes)
#   F-rate  n/p in the profile over that filtered tree: each commit
#           evaluates the filter again
#   marks   t (mark, and the cursor on one row) and T (clear the marks)
#   L-move  j/k in the history of the whole store (L L)
# TUI_COST_ROWS="P-rate marks" measures only those rows.
# Floor: the 2,000-process model's figure; the ratio is 20,000 / 2,000.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
command -v valgrind >/dev/null 2>&1 || { echo "tui_cost: valgrind missing: skipped"; exit 0; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-tui-cost.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 TZ=UTC
unset NO_COLOR

# run MODEL SCRIPT SEED: "INSTRUCTIONS BYTES" of the workbench on SCRIPT,
# on a copy of the store SEED ("": none).
run() {
	rm -rf "$dir/db" "$dir/state"
	[ -z "$3" ] || cp -R "$3" "$dir/db"
	XDG_STATE_HOME="$dir/state" PRMWB_SCRIPT="$2" PRMWB_SCRIPT_OUTPUT="$dir/out" \
		valgrind --tool=callgrind --callgrind-out-file="$dir/cg" \
		"$PRMWB" --db "$dir/db" --model "$1" >/dev/null 2>&1
	echo "$(sed -n 's/^totals: *//p' "$dir/cg") $(wc -c <"$dir/out")"
}

# per MODEL K BASE-SCRIPT KEYS-SCRIPT SEED: "INSTRUCTIONS BYTES" per key.
per() {
	set -- "$1" "$2" "$(run "$1" "$3" "$5")" "$(run "$1" "$4" "$5")"
	echo "$3 $4" | awk -v k="$2" '{ printf "%d %d", ($3 - $1) / k, ($4 - $2) / k }'
}

# script NAME START UNIT TIMES: NAME0 holds the START lines, NAME those
# and then UNIT (a line of keys) TIMES times.
script() {
	printf '%b' "$2" >"$dir/$1"0
	{ printf '%b' "$2"; i=0; while [ $i -lt "$4" ]; do printf '%s\n' "$3"; i=$((i + 1)); done; } \
		>"$dir/$1"
}

K=40
script tree 'jj\n' jk $((K / 2))
script det 'jj\n<Tab>\n' jk $((K / 2))
printf 'jj\n/\n' >"$dir/search0"
printf 'jj\n/\n:type process 1\n' >"$dir/search"
printf 'jj\n/\n:bytes 1b\n' >"$dir/burst0"
printf 'jj\n/\n:bytes 70 72 6f 63 65 73 73 20 31 1b\n' >"$dir/burst"
script pmove 'jj\nP\n' jk $((K / 2))
script prate 'jj\nP\n' np $((K / 2))
script omove 'jj\nO\n' jk $((K / 2))
script fmove 'jj\nFsp\n' jk $((K / 2))
script frate 'jj\nFsp\nP\n' np $((K / 2))
script marks 'jj\n' tT $((K / 2))
script lmove 'jj\nLL\n' jk $((K / 2))

# ROWS: name, keys per figure, script, whether on the filled store.
ROWS="tree $K tree - detail $K det - search 9 search - burst 9 burst -
P-move $K pmove seed P-rate $K prate seed O-move $K omove seed F-move $K fmove seed
F-rate $K frate seed marks $K marks seed L-move $K lmove seed"

echo "command: PRMWB_SCRIPT=FILE PRMWB_SCRIPT_OUTPUT=OUT valgrind --tool=callgrind $PRMWB --model genN.xml;"
echo "         (totals of N+k keys - totals of N keys) / k; bytes: wc -c OUT"
echo "         filled store: $PRMWB --model genN.xml set --category c1 status planned"
for n in 2000 20000; do
	sh "$TOP_SRCDIR/bench/genmodel.sh" $n >"$dir/gen$n.xml"
	rm -rf "$dir/seed"
	"$PRMWB" --db "$dir/seed" --model "$dir/gen$n.xml" set --category c1 status planned >/dev/null
	set -- $ROWS
	while [ $# -ge 4 ]; do
		case " ${TUI_COST_ROWS:-$1} " in
		*" $1 "*)
			seed=
			[ "$4" = - ] || seed="$dir/seed"
			echo "$1 $(per "$dir/gen$n.xml" "$2" "$dir/${3}0" "$dir/$3" "$seed")" >>"$dir/fig$n"
			;;
		esac
		shift 4
	done
done
printf "%-8s %14s %14s %7s %10s %10s\n" key "instr 2,000" "instr 20,000" ratio "bytes 2k" "bytes 20k"
paste -d ' ' "$dir/fig2000" "$dir/fig20000" | awk '{
	printf "%-8s %14d %14d %6.2fx %10d %10d\n", $1, $2, $5, $2 ? $5 / $2 : 0, $3, $6
}'
echo "(goal: each ratio at most 1.20; 'search' over a query every process matches"
echo " grows with the matches: the count 'match 1 of N' needs them all; its keys"
echo " never wait for that: see 'burst')"
