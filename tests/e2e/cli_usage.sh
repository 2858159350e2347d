#!/bin/sh
# End-to-end: global options, usage errors and their exit status (2), GNU-style
# --help and --version on standard output.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

expect_rc 0 "$PRMWB" --help
expect_grep '^Usage: prmwb \[OPTION\]\.\.\. \[COMMAND \[ARG\]\.\.\.\]$'
expect_grep '^Exit status: 0 ok, 1 not found or refused, 2 usage error or bad input\.$'
for cmd in list show search check set get undo redo log status baseline export import; do
	expect_grep "^  $cmd( |$)"
done
expect_rc 0 "$PRMWB" --version
expect_grep '^prmwb [0-9]+\.[0-9]+\.[0-9]+$'
expect_grep 'License: MIT'

expect_rc 2 "$PRMWB" --bogus
expect_grep "^prmwb: unknown option '--bogus'$" err
expect_grep "^Try 'prmwb --help' for more information\.$" err
expect_rc 2 "$PRMWB" -x list
expect_grep "^prmwb: unknown option '-x'$" err
expect_rc 2 "$PRMWB" --model
expect_grep "^prmwb: option '--model' needs an argument$" err
expect_rc 2 "$PRMWB" --db= list
expect_grep 'non-empty path' err
expect_rc 2 "$PRMWB" frobnicate
expect_grep "^prmwb: unknown command 'frobnicate'$" err
[ ! -e "$PRMWB_DB" ] || fail "a usage error created a store"

# Options before the command are global; the command's own come after it.
expect_rc 0 "$PRMWB" --model "$TOP_SRCDIR/models/iso27022.xml" list --category support
expect_grep '^8\.2	Records control$'

# The workbench needs a terminal: refused plainly when piped.
expect_rc 2 "$PRMWB" </dev/null
expect_grep 'needs a terminal' err

done_testing
