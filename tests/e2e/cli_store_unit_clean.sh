#!/bin/sh
# The store's unit tests must clean up after themselves: every test,
# skipped ones included, removes its private directory. Runs the unit
# test programs with a TMPDIR of their own and checks it is empty after.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
: "${TOP_BUILDDIR:?}"

ran=0
for prog in test_store test_store_crash test_store_random; do
	bin="$TOP_BUILDDIR/tests/unit/$prog"
	[ -x "$bin" ] || continue
	ran=$((ran + 1))
	mkdir "$T/tmp-$prog"
	TMPDIR="$T/tmp-$prog" "$bin" >"$T/log" 2>&1 || fail "$prog failed: $(tail -3 "$T/log")"
	left=$(find "$T/tmp-$prog" -mindepth 1 | head -5)
	[ -z "$left" ] || fail "$prog left behind: $left"
done
[ "$ran" = 0 ] && { echo "unit tests not built (no Criterion): skipped"; exit 77; }
done_testing
