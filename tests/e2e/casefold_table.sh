#!/bin/sh
# End-to-end: the committed case folding table src/casefold.h is exactly
# what src/casefold.awk makes from Unicode's CaseFolding.txt (Debian:
# unicode-data), so it is never edited by hand and a newer Unicode shows
# up here. (tests/unit/test_text.c checks text_fold_cp against the file.)
. "$TOP_SRCDIR/tests/e2e/lib.sh"
F=/usr/share/unicode/CaseFolding.txt
[ -r "$F" ] || { echo "$F missing (package unicode-data): skipped"; exit 77; }
awk -f "$TOP_SRCDIR/src/casefold.awk" "$F" >"$T/casefold.h" || fail "src/casefold.awk failed on $F"
diff -u "$TOP_SRCDIR/src/casefold.h" "$T/casefold.h" >&2 ||
	fail "src/casefold.h is not what src/casefold.awk makes from $F ($(head -1 "$F")): run awk -f src/casefold.awk $F > src/casefold.h"
done_testing
