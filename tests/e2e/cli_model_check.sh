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
8: process 1: outcome number 1 used twice (first at line 8): outcome numbers are never reused
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
printf '%s:6: process 7.4: <process> has no <purpose> (required, before <outcomes>)\n' \
	"$D/bad-schema.xml" >"$T/want"
diff -u "$T/want" "$T/err" || fail "check bad-schema.xml: unexpected message"

# schema errors: one precise line each, in file order, never libxml2's wording
cp "$D/bad-schema-many.xml" "$T/many.xml"
expect_rc 2 "$PRMWB" check "$T/many.xml"
sed "s|^|$T/many.xml:|" >"$T/want" <<'END'
3: model Bad: attribute id="Bad" of <prm> must match [a-z0-9][a-z0-9._-]{0,63}
3: model Bad: <prm> has no <title> (required, the first child of <prm>)
6: process 1.1: <process> has no attribute name (required: 1 to 200 characters)
8: process 1.1: attribute n="one" of <outcome> must be a whole number from 1 up
9: process 1.1: unknown element <owner> inside <process>, expected one of <activities>, <inputs>, <outputs>, <references>, <relations> or </process>
10: process 1.1: attribute type="Provides Input" of <relation> must match [a-z][a-z0-9-]{0,31}
14: process 1.2: <purpose> is out of order: it must come before <outcomes> (line 13)
END
diff -u "$T/want" "$T/err" || fail "check bad-schema-many.xml: unexpected messages"

# a text over libxml2's 10 MB limit: which element, not "Huge input lookup"
{
	printf '<prm xmlns="urn:prmwb:prm:1" id="t" version="1">\n<title>'
	head -c 11000000 /dev/zero | tr '\0' x
	printf '</title></prm>\n'
} >"$T/huge.xml"
expect_rc 2 "$PRMWB" check "$T/huge.xml"
printf '%s:2: text of <title> is larger than 10000000 bytes, the limit for one text\n' \
	"$T/huge.xml" >"$T/want"
diff -u "$T/want" "$T/err" || fail "check huge.xml: unexpected message"
rm -f "$T/huge.xml"

# several files: each reported, exit 2 if any is bad
expect_rc 2 "$PRMWB" check "$D/good.xml" "$D/bad-schema.xml"
expect_grep ': ok: model fixture'
expect_grep 'bad-schema.xml:6: process 7\.4: <process> has no <purpose>' err

# the schema file as shipped validates the fixture with xmllint too
if [ -n "${XMLLINT:-}" ]; then
	expect_rc 0 "$XMLLINT" --noout --relaxng "$TOP_SRCDIR/models/prm.rng" "$D/good.xml"
	expect_rc 3 "$XMLLINT" --noout --relaxng "$TOP_SRCDIR/models/prm.rng" "$D/bad-schema.xml"
	expect_rc 3 "$XMLLINT" --noout --relaxng "$TOP_SRCDIR/models/prm.rng" "$D/bad-schema-many.xml"
fi

expect_rc 2 "$PRMWB" check
expect_grep 'missing model FILE' err

# --help shows that check takes several files, as the man page does
expect_rc 0 "$PRMWB" --help
expect_grep '^  check FILE\.\.\. +validate model files'
grep -q '^\.BI check " FILE" \.\.\.$' "$TOP_BUILDDIR/man/prmwb.1" ||
	fail "prmwb.1: check FILE... not in LOOK-UP COMMANDS"

# prmwb-model(5) as built names the schema where make install puts it
M5="$TOP_BUILDDIR/man/prmwb-model.5"
[ -f "$M5" ] || fail "$M5 was not built"
if grep -q '@pkgdatadir@' "$M5"; then fail "$M5: @pkgdatadir@ not substituted"; fi
grep -q '^xmllint \\-\\-noout \\-\\-relaxng /.*/prm\.rng FILE$' "$M5" ||
	fail "$M5: no absolute path to prm.rng in the xmllint example"
done_testing
