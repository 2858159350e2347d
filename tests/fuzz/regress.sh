#!/bin/sh
# Replay every committed fuzzing input (tests/fuzz/corpus/TARGET/*: seeds,
# hostile files, every crash found so far) through its libFuzzer target
# once, without fuzzing: a regression test of all of them, run by make
# check when configured with --enable-fuzzing. Fails on any crash, leak,
# sanitizer report or broken CHECK, naming the input.
set -u
: "${TOP_SRCDIR:?run through make check}" "${TOP_BUILDDIR:?}"
failed=0 total=0
log=$(mktemp "${TMPDIR:-/tmp}/fuzz-regress.XXXXXX")
trap 'rm -f "$log"' EXIT
for dir in "$TOP_SRCDIR"/tests/fuzz/corpus/*/; do
	t=$(basename "$dir")
	bin="$TOP_BUILDDIR/tests/fuzz/fuzz_$t"
	if [ ! -x "$bin" ]; then
		echo "FAIL: $bin is missing (corpus $dir has no target)" >&2
		failed=$((failed + 1))
		continue
	fi
	n=$(find "$dir" -maxdepth 1 -type f | wc -l)
	if [ "$n" -eq 0 ]; then   # no file: libFuzzer would fuzz forever
		echo "FAIL: corpus $dir is empty" >&2
		failed=$((failed + 1))
		continue
	fi
	# All inputs in one run (libFuzzer runs each given file once); it
	# stops at the first failure, after "Running: FILE" names it.
	if ! "$bin" -timeout=60 $(find "$dir" -maxdepth 1 -type f | sort) \
			>"$log" 2>&1; then
		echo "FAIL: fuzz_$t: $(grep '^Running: ' "$log" | tail -n 1)" >&2
		tail -n 40 "$log" >&2
		failed=$((failed + 1))
	fi
	echo "fuzz_$t: $n inputs"
	total=$((total + n))
done
echo "$total inputs, $failed failed"
[ "$failed" -eq 0 ]
