#!/bin/sh
# End-to-end: the embedded default model (models/iso27022.xml).
# NOTE: the ranking check below needs the full ISO/IEC TS 27022 model (17
# processes), written on the "content" branch; with the one-process
# placeholder model it fails, and passes once that branch is merged.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# the embedded model is the file in models/, and it passes check
expect_rc 0 "$PRMWB" check "$TOP_SRCDIR/models/iso27022.xml"
expect_grep ': ok: model iso27022 '
expect_rc 0 "$PRMWB" list
expect_grep '^6\.2	'
expect_rc 0 "$PRMWB" show 6.2
expect_grep '^6\.2  '

# prmwb search risk: 7.4 and 7.5 first (name hits), in model order
expect_rc 0 "$PRMWB" search risk
head -2 "$T/out" | cut -f1 >"$T/top"
printf '7.4\n7.5\n' >"$T/want"
diff -u "$T/want" "$T/top" >/dev/null || fail "search risk: top hits are not 7.4, 7.5: $(tr '\n' ' ' <"$T/top")"

# show 7.44 suggests 7.4; show risk suggests 7.4 and 7.5
expect_rc 1 "$PRMWB" show 7.44
expect_grep 'did you mean 7\.4 ' err
expect_rc 1 "$PRMWB" show risk
expect_grep 'did you mean 7\.4 \(.*\) or 7\.5 \(' err
done_testing
