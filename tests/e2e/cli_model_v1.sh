#!/bin/sh
# End-to-end: version 1 model files load as they always did. The expected
# files were written by prmwb before the loader was rewritten (streaming,
# version 2 of the format): list, then show of every process, of the
# fixture and of a copy of the default model as it was in version 1.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
D="$TOP_SRCDIR/tests/data"

for b in good iso27022-v1; do
	m="$D/$b.xml"
	expect_rc 0 "$PRMWB" --model "$m" list
	cp "$T/out" "$T/all"
	for id in $(grep -v '^#' "$T/out" | cut -f1); do
		"$PRMWB" --model "$m" show "$id" >>"$T/all" 2>&1 || fail "show $id of $b"
	done
	diff -u "$D/expected/$b-all.txt" "$T/all" >"$T/diff" ||
		{ fail "$b.xml does not load as before"; head -40 "$T/diff" >&2; }
done
expect_rc 0 "$PRMWB" check "$D/good.xml" "$D/iso27022-v1.xml"
printf '%s: ok: model fixture version 1, 3 categories, 5 processes\n%s: ok: model iso27022 version 2021-1, 3 categories, 17 processes\n' \
	"$D/good.xml" "$D/iso27022-v1.xml" | expect_out -
done_testing
