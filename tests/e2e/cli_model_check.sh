#!/bin/sh
# End-to-end: prmwb check FILE -- exit 0 with a summary, or 2 with every
# problem as FILE:LINE: message.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
D="$TOP_SRCDIR/tests/data"

expect_rc 0 "$PRMWB" check "$D/good.xml"
printf '%s: ok: model fixture version 1, 3 categories, 5 processes\n' "$D/good.xml" >"$T/want"
expect_out "$T/want"

cp "$D/bad-semantic.xml" "$T/bad.xml"
expect_rc 2 "$PRMWB" check "$T/bad.xml"
sed "s|^|$T/bad.xml:|" >"$T/want" <<'END'
8: process 1: outcome numbered 3, expected 2 (outcomes are numbered 1, 2, 3... in order)
10: process 1: relation 'triggers' to unknown process 9
11: process 1: relation 'supports' to itself
14: process 1: duplicate id (first at line 6)
15: process 1: empty purpose
20: category one: empty name
20: category one: duplicate id (first at line 5)
23: process 2: outcome 1 is empty
END
diff -u "$T/want" "$T/err" || fail "check bad-semantic.xml: unexpected messages"

expect_rc 2 "$PRMWB" check "$D/bad-schema.xml"
expect_grep "^$D/bad-schema.xml:7: process 7\.4: " err

# several files: each reported, exit 2 if any is bad
expect_rc 2 "$PRMWB" check "$D/good.xml" "$D/bad-schema.xml"
expect_grep ': ok: model fixture'
expect_grep 'bad-schema.xml:7:' err

# the schema file as shipped validates the fixture with xmllint too
if [ -n "${XMLLINT:-}" ]; then
	expect_rc 0 "$XMLLINT" --noout --relaxng "$TOP_SRCDIR/models/prm.rng" "$D/good.xml"
	expect_rc 3 "$XMLLINT" --noout --relaxng "$TOP_SRCDIR/models/prm.rng" "$D/bad-schema.xml"
fi

expect_rc 2 "$PRMWB" check
expect_grep 'missing model FILE' err
done_testing
