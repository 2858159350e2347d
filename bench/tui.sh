#!/bin/sh
# tui.sh - what the workbench sends to the terminal: bytes per navigation
# keystroke (tree and detail pane) and per edit, next to a full repaint
# (Ctrl-L: what a redraw-everything UI would send for every key); and the
# time to the first screen, next to the floor of loading the model alone
# (prmwb list). On the default model and a generated 2,000-process model.
# Runs the real binary in script mode (PRMWB_SCRIPT) with the terminal
# output (TERM=xterm-256color, 80x24) captured in a file (PRMWB_SCRIPT_OUTPUT).
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-tui-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
sh "$TOP_SRCDIR/bench/genmodel.sh" 2000 >"$dir/gen.xml"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 TZ=UTC
unset NO_COLOR

# bytes MODEL-ARGS... < SCRIPT: bytes the workbench wrote to the terminal.
bytes() {
	cat >"$dir/script"
	PRMWB_SCRIPT="$dir/script" PRMWB_SCRIPT_OUTPUT="$dir/out" \
		"$PRMWB" --db "$dir/db" "$@" >/dev/null
	wc -c <"$dir/out"
}

ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# median_ms N CMD...: median wall time of N runs, in ms.
median_ms() {
	n=$1
	shift
	i=0
	: >"$dir/times"
	while [ $i -lt "$n" ]; do
		t0=$(ms)
		"$@" >/dev/null 2>&1
		t1=$(ms)
		echo $((t1 - t0)) >>"$dir/times"
		i=$((i + 1))
	done
	sort -n "$dir/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

N=50
echo "command: PRMWB_SCRIPT=FILE PRMWB_SCRIPT_OUTPUT=OUT $PRMWB --db DIR [--model $dir/gen.xml]; wc -c OUT"
printf '%-10s %10s %10s %10s %10s %12s %13s %10s\n' model first-scr tree/key detail/key edit full-repnt "1st-screen" "floor:list"
for m in default generated; do
	if [ $m = default ]; then set --; else set -- --model "$dir/gen.xml"; fi
	rm -rf "$dir/db"
	first=$(printf '' | bytes "$@")
	# Tree: two processes next to each other (j, j: past the first category row).
	base=$(printf 'jj\n' | bytes "$@")
	keys=$(printf 'jj\n'; i=0; while [ $i -lt $((N / 2)) ]; do printf 'jk\n'; i=$((i + 1)); done)
	tree=$(echo "$keys" | bytes "$@")
	# Detail pane: the cursor between two fields on screen.
	dbase=$(printf 'jj<Tab>\n' | bytes "$@")
	dkeys=$(printf 'jj<Tab>\n'; i=0; while [ $i -lt $((N / 2)) ]; do printf 'jk\n'; i=$((i + 1)); done)
	det=$(echo "$dkeys" | bytes "$@")
	# Edits: e, clear, type a value of 6 characters, Enter (store write included).
	ekeys=$(printf 'jj\n'; i=0; while [ $i -lt 20 ]; do printf 'e<C-u>\n:type own%03d\n<Enter>\n' $i; i=$((i + 1)); done)
	edit=$(echo "$ekeys" | bytes "$@")
	full=$(printf 'jj\n<C-l>\n' | bytes "$@")
	printf '' >"$dir/empty"
	t_first=$(median_ms 5 env PRMWB_SCRIPT="$dir/empty" "$PRMWB" --db "$dir/db" "$@")
	t_list=$(median_ms 5 "$PRMWB" --db "$dir/db" "$@" list)
	printf '%-10s %10d %10d %10d %10d %12d %10d ms %7d ms\n' $m "$first" \
		$(( (tree - base) / N )) $(( (det - dbase) / N )) $(( (edit - base) / 20 )) \
		$(( full - base )) "$t_first" "$t_list"
done
echo "(bytes per key; 'edit' = one whole edit: e, C-u, 9 typed keys, Enter;"
echo " full-repnt = one Ctrl-L repaint of the 80x24 screen, the ceiling per key)"
