#!/bin/sh
# search.sh - the cost of search as the workbench uses it: building the
# index once per model load, and one search per keystroke (every prefix of
# a few queries as typed), in instructions counted by callgrind (wall time
# is too noisy on a shared machine). The floor: strstr of the same typed
# text over every text of the model, unfolded, without ranking (the least
# any substring search does). On the default model and a generated
# 2,000-process model.
set -eu
: "${TOP_SRCDIR:?run through make bench}" "${TOP_BUILDDIR:?}"
command -v valgrind >/dev/null 2>&1 || { echo "valgrind missing: skipped"; exit 0; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-search-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
sh "$TOP_SRCDIR/bench/genmodel.sh" 2000 >"$dir/gen.xml"
bench="$TOP_BUILDDIR/bench/search_bench"

# instructions FUNCTION MODEL: instructions spent inside FUNCTION.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file="$dir/cg" --toggle-collect="$1" \
		"$bench" "$2" >"$dir/out" 2>/dev/null
	sed -n 's/^totals: *//p' "$dir/cg"
}

for model in "$TOP_SRCDIR/models/iso27022.xml" "$dir/gen.xml"; do
	"$bench" "$model" >"$dir/out"
	keys=$(sed 's/ keystrokes.*//' "$dir/out")
	name=$(basename "$model")
	[ "$model" = "$dir/gen.xml" ] && name="generated (bench/genmodel.sh 2000)"
	index=$(instructions search_index_new "$model")
	run=$(instructions search_run "$model")
	floor=$(instructions floor_run "$model")
	echo "$name: $(cat "$dir/out")"
	echo "  index, once per model load: $index instructions"
	echo "  search per keystroke:       $((run / keys)) instructions (floor, unfolded strstr: $((floor / keys)))"
	echo "  command: valgrind --tool=callgrind --toggle-collect=search_run|search_index_new|floor_run $bench MODEL"
done
