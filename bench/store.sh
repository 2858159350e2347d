#!/bin/sh
# store.sh - store edits/s vs a raw LMDB put+commit loop (the floor), undo
# cost and open time with 10 vs 1,000,000 history entries.
# Scratch directory: $BENCH_DIR, else the build directory (same file system
# for both loops). EDITS and BIG override the counts.
set -eu
: "${TOP_BUILDDIR:?run through make bench}"
base=${BENCH_DIR:-$TOP_BUILDDIR}
dir=$(mktemp -d "$base/store-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
edits=${EDITS:-2000}
big=${BIG:-1000000}
echo "command: $TOP_BUILDDIR/bench/store_bench $dir $edits $big"
echo "file system: $(df -PT "$dir" | awk 'NR==2 {print $2 " on " $7}')"
"$TOP_BUILDDIR/bench/store_bench" "$dir" "$edits" "$big"
