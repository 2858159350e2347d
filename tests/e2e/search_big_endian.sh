#!/bin/sh
# The search's ASCII matcher on a big-endian machine (s390x under qemu):
# tests/cross/search_be.c compares its word-at-a-time path with a plain
# search over 200,000 random texts and words. Skipped (77) without the
# cross compiler and qemu (gcc-s390x-linux-gnu, libc6-dev-s390x-cross,
# qemu-user: .ci/packages installs them).
. "$TOP_SRCDIR/tests/e2e/lib.sh"

CC_BE=s390x-linux-gnu-gcc
if ! command -v $CC_BE >/dev/null 2>&1 || ! command -v qemu-s390x >/dev/null 2>&1; then
	echo "SKIP: $CC_BE or qemu-s390x missing"
	exit 77
fi
: "${TOP_BUILDDIR:?}"
if ! $CC_BE -std=c11 -O2 -D_GNU_SOURCE -Wall -Wextra -I"$TOP_BUILDDIR" -I"$TOP_SRCDIR/src" -static \
	-o "$T/search_be" "$TOP_SRCDIR/tests/cross/search_be.c" "$TOP_SRCDIR/src/text.c" \
	"$TOP_SRCDIR/src/clause.c" 2>"$T/cc.err"; then
	fail "the big-endian build failed"
	cat "$T/cc.err" >&2
	done_testing
fi
expect_rc 0 qemu-s390x "$T/search_be"
cat "$T/out"
expect_grep '^200000 searches, [0-9]+ found, 0 wrong$'
done_testing
