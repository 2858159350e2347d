#!/bin/sh
# End-to-end: what a user typed (or piped) is not silently turned into a
# loss. 'set ID FIELD -' with empty or blank standard input - what a failed
# command before the pipe gives - is refused (exit 2) and says how to clear
# a field on purpose ('' or --allow-empty); --db on a directory that holds
# other files and no store is not turned into a store (exit 2).
. "$TOP_SRCDIR/tests/e2e/lib.sh"

expect_rc 0 "$PRMWB" set 7.4 evidence "ticket 12"

# ---- empty standard input ----------------------------------------------------
sum=$(md5sum <"$PRMWB_DB/data.mdb")
: | expect_rc 2 "$PRMWB" set 7.4 evidence -
expect_grep "^prmwb: 7\\.4 evidence: standard input was empty; nothing was changed \\(did the command before the pipe fail\\?\\)\\. To clear the field: prmwb set 7\\.4 evidence '' \\(or --allow-empty\\)$" err
printf ' \n\t\n\n' | expect_rc 2 "$PRMWB" set 7.4 evidence -
expect_grep "standard input was only white space; nothing was changed" err
# a real failure before the pipe (stderr aside, stdout empty)
sh -c 'echo "fatal: not a git repository" >&2; exit 128' 2>/dev/null |
	expect_rc 2 "$PRMWB" set 7.4 evidence -
[ "$(md5sum <"$PRMWB_DB/data.mdb")" = "$sum" ] || fail "a refused set changed the store"
expect_rc 0 "$PRMWB" get 7.4 evidence
printf 'ticket 12\n' | expect_out -
# asked for: cleared
: | expect_rc 0 "$PRMWB" set --allow-empty 7.4 evidence -
expect_rc 0 "$PRMWB" get 7.4 evidence
: | expect_out -
expect_rc 0 "$PRMWB" set 7.4 evidence "ticket 13"
expect_rc 0 "$PRMWB" set 7.4 evidence ''
expect_rc 0 "$PRMWB" get 7.4 evidence
: | expect_out -
# text still goes through, '--' ends the options, bad options are named
printf 'ticket 14\n' | expect_rc 0 "$PRMWB" set -- 7.4 evidence -
expect_rc 0 "$PRMWB" get 7.4 evidence
printf 'ticket 14\n' | expect_out -
expect_rc 2 "$PRMWB" set --allow-empties 7.4 evidence x
expect_grep "^prmwb: set: unknown option '--allow-empties'; usage: prmwb set \\[--allow-empty\\] ID FIELD VALUE$" err

# ---- --db on a directory that is not a store ---------------------------------
mkdir "$T/etc"
echo "root:x:0:0" >"$T/etc/passwd"
expect_rc 2 "$PRMWB" --db "$T/etc" set 7.4 owner alice
expect_grep "^prmwb: cannot create store $T/etc: the directory is not empty \\(it holds 'passwd'\\) and holds no store \\(no data\\.mdb\\); a store needs a new or empty directory$" err
[ "$(ls "$T/etc")" = passwd ] || fail "the directory was changed: $(ls "$T/etc")"
# reading it is reading no store, as for a missing one
expect_rc 0 "$PRMWB" --db "$T/etc" get 7.4 owner
# an empty directory becomes a store
mkdir "$T/empty"
expect_rc 0 "$PRMWB" --db "$T/empty" set 7.4 owner alice
[ -f "$T/empty/data.mdb" ] || fail "no store made in an empty directory"

done_testing
