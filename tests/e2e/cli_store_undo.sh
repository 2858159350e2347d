#!/bin/sh
# End-to-end: undo that names the right reason and never gets stuck. When a
# user's newest change is blocked (another user changed that field since),
# plain undo still refuses - naming the author of the change that blocks,
# not whoever wrote the field last - and says how to get past it: 'prmwb
# undo N' undoes one named change of the user's own (N as log shows it, 12
# or '#12'), refusing another user's change, an undo entry, a change undone
# already and a number with no entry, each saying so; redo then re-applies
# what was undone last. An undo that would leave applicable 'no' without a
# justification says that, and who set applicable.
# Two users: made-up uids in a setgid team directory (root and setpriv
# needed), so the store records them as uidNNN.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

# single-user parts: usage
expect_rc 0 "$PRMWB" set 7.4 owner me
expect_rc 2 "$PRMWB" undo 1x
expect_grep "^prmwb: usage: prmwb undo \\[--partial \\| N\\]   \\(N: the number of one of your changes, as 'prmwb log' shows it: 12 or '#12'; not '1x'\\)$" err
expect_rc 2 "$PRMWB" undo 0
expect_rc 2 "$PRMWB" undo 1 2
expect_rc 2 "$PRMWB" undo -- 1
expect_rc 2 "$PRMWB" redo 1
expect_rc 1 "$PRMWB" undo 99
expect_grep "^prmwb: undo refused: there is no history entry #99 \\(the newest is #1\\)$" err
expect_rc 0 "$PRMWB" undo '#1'
expect_grep '^undone: 7\.4 owner is now not set \(history #2\)$'

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo "SKIP (part): two users need root and setpriv(1)" >&2
	done_testing
fi
GID=47401 A=47411 B=47412
mkdir "$T/bin"
cp "$PRMWB" "$T/bin/prmwb"
PRMWB="$T/bin/prmwb"
chmod 0755 "$T" "$T/bin" "$PRMWB"
mkdir "$T/team"
chown "root:$GID" "$T/team"
chmod 2770 "$T/team"
DB="$T/team/db"
as() { uid=$1; shift; setpriv --reuid="$uid" --regid="$GID" --clear-groups "$PRMWB" --db "$DB" "$@"; }
if ! as "$A" --version >/dev/null 2>&1; then
	echo "SKIP (part): cannot run the binary as uid $A" >&2
	done_testing
fi
TIME='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z'

expect_rc 0 as "$A" set 7.4 notes n1              # 1
expect_rc 0 as "$A" set 7.4 status planned        # 2
expect_rc 0 as "$A" set 7.4 owner alice           # 3
expect_rc 0 as "$B" set 7.4 owner bob             # 4
# the newest change of A is blocked: refused, naming B's change
expect_rc 1 as "$A" undo
expect_grep "^prmwb: undo refused: 7\\.4 owner was changed since, by uid$B at $TIME, #4; nothing was changed \\(their work is kept\\)\\. To undo an older change of yours, name it: prmwb undo N \\('prmwb log' shows the numbers\\)$" err
# but the older ones can be undone by number
expect_rc 0 as "$A" undo 1
expect_grep '^undone: 7\.4 notes is now not set \(history #5\)$'
expect_rc 0 as "$A" undo '#2'
expect_grep '^undone: 7\.4 status is now not set \(history #6\)$'
expect_rc 1 as "$A" undo 3
expect_grep "^prmwb: undo refused: 7\\.4 owner was changed since, by uid$B at $TIME, #4; nothing was changed \\(their work is kept\\)$" err
expect_rc 1 as "$A" undo 4
expect_grep "^prmwb: undo refused: #4 \\(7\\.4 owner\\) was made by uid$B at $TIME; you can undo only your own changes$" err
expect_rc 1 as "$A" undo 5
expect_grep "^prmwb: undo refused: #5 is itself an undo or redo \\(of #1\\), not a change; undo a change by its own number \\('prmwb log' and the workbench's L show them\\)$" err
expect_rc 1 as "$A" undo 1
expect_grep "^prmwb: nothing to undo: #1 \\(7\\.4 notes\\) was undone already, by #5$" err
expect_rc 0 as "$B" get 7.4 owner
printf 'bob\n' | expect_out -
# redo takes back what was undone last: #2, then #1
expect_rc 0 as "$A" redo
expect_grep '^redone: 7\.4 status is now "planned" \(history #7\)$'
expect_rc 0 as "$A" redo
expect_grep '^redone: 7\.4 notes is now "n1" \(history #8\)$'
expect_rc 1 as "$A" redo

# the reason is the justification, and who set applicable 'no'
expect_rc 0 as "$B" set 7.4 justification "out of scope"   # 9
expect_rc 0 as "$A" set 7.4 applicable no                  # 10
expect_rc 1 as "$B" undo
expect_grep "^prmwb: undo refused: it would clear the justification of 7\\.4 while applicable is 'no' \\(set by uid$A at $TIME, #10\\); nothing was changed$" err
expect_rc 0 as "$A" undo
expect_rc 0 as "$B" undo
expect_rc 0 as "$A" log --limit 2
expect_grep "^#12  $TIME  uid$B  7\\.4  justification  \"out of scope\" → \"\"  \\[undo of #9\\]$"
expect_rc 0 as "$B" verify

done_testing
