#!/bin/sh
# End-to-end, scripted workbench: an undo refused because it would leave
# applicable 'no' without a justification says so, as the CLI does, not
# "changed since by" someone.
#
# Another user sets applicable 'no' after our justification: undoing ours
# would leave 'no' without one. The other user is 'nobody' (setpriv, as
# root) on a group store (setgid directory); skipped (77) where that cannot
# be done.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" = 0 ] || skip "acting as another user needs root"
command -v setpriv >/dev/null 2>&1 || skip "setpriv (util-linux) not found"
getent passwd nobody >/dev/null 2>&1 || skip "no user 'nobody'"
group=nogroup
getent group nogroup >/dev/null 2>&1 || group=nobody
getent group "$group" >/dev/null 2>&1 || skip "no group '$group'"

# nobody must reach the binary, the model and the store.
mkdir "$T/team" "$T/bin"
cp "$PRMWB" "$T/bin/prmwb"
cp "$MODEL" "$T/model.xml"
chgrp "$group" "$T/team"
chmod 2770 "$T/team"
chmod 0755 "$T" "$T/bin" "$T/bin/prmwb"
chmod 0644 "$T/model.xml"
TUI_MODEL="$T/model.xml"
expect_rc 0 "$T/bin/prmwb" --model "$T/model.xml" --db "$T/team/db" set 7.1 justification "ours"
setpriv --reuid=nobody --regid="$group" --clear-groups \
	"$T/bin/prmwb" --model "$T/model.xml" --db "$T/team/db" set 7.1 applicable no >"$T/out" 2>"$T/err" ||
	skip "cannot write the team store as nobody: $(cat "$T/err")"

# The CLI's wording, for comparison: the workbench must say the same.
expect_rc 1 "$T/bin/prmwb" --model "$T/model.xml" --db "$T/team/db" undo
expect_grep "undo refused: it would clear the justification of 7.1 while applicable is 'no' .set by nobody at" err
cli_says=$(sed -n 's/^prmwb: //p' "$T/err" | tr -s ' ')

tui_run 100 24 --db "$T/team/db" <<EOF
u
:save-display $T/undo
EOF
tr '\n' ' ' <"$T/undo" | tr -s ' ' | grep -qF "$cli_says" ||
	{ fail "the workbench's undo refusal is not the CLI's: $cli_says"; cat "$T/undo" >&2; }
expect_not_in "$T/undo" "changed since by"
expect_rc 0 "$T/bin/prmwb" --model "$T/model.xml" --db "$T/team/db" get 7.1 justification
echo ours | expect_out -

done_testing
