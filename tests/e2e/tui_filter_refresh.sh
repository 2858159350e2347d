#!/bin/sh
# End-to-end (script mode): with a filter on, a commit evaluates it again
# only for the processes that changed (issue 11); other users' changes
# bring processes into the filtered tree and take them out, a commit of
# ours that changes nothing the filter looks at leaves the tree as it is,
# and at each step the tree is the one a workbench started afresh with the
# same filter shows.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
set_() { expect_rc 0 "$PRMWB" --model "$MODEL" set "$@"; }

# tree FILE: the tree pane and the status line (the filter's count).
tree() {
	sed -n '1,22p' "$1" | cut -c1-32
	grep -o 'filter: [^|]*of [0-9]*' "$1"
}

# same NAME: the open workbench's dump NAME shows the tree a fresh one does.
same() {
	tui_run 80 24 <<EOF
Fo
:type alice
<Enter>
:save-display $T/$1.fresh
EOF
	tree "$T/$1" >"$T/$1.tree"
	tree "$T/$1.fresh" >"$T/$1.fresh.tree"
	diff -u "$T/$1.fresh.tree" "$T/$1.tree" >"$T/$1.diff" ||
		{ fail "$1: the tree differs from one filtered afresh"; cat "$T/$1.diff" >&2; }
}

set_ 6.1 owner alice
set_ 7.3 owner "Alice B."
set_ 7.1 owner bob

fifo_start 80
dump=on; step "Fo" ":type alice" "<Enter>"
same on
expect_in "$T/on" "filter: owner has alice, 2 of 7"

# another user: 7.4 comes in, 6.1 goes
set_ 7.4 owner alice
set_ 6.1 owner bob
dump=theirs; step ":wait-idle"
same theirs
expect_in "$T/theirs" "filter: owner has alice, 2 of 7"
expect_in "$T/theirs" "7.4 Incident"
expect_not_in "$T/theirs" "6.1 Governance"

# a commit of ours on a process shown that keeps it in (a rating in the
# profile), then one of another user on a process not shown
dump=ours; step "P" "f" "q"
same ours
set_ 8.1 status planned
dump=other; step ":wait-idle"
same other
# and one that takes the process under the cursor out: the cursor goes on
set_ 7.3 owner carol
dump=gone; step ":wait-idle"
same gone
expect_in "$T/gone" "filter: owner has alice, 1 of 7"
fifo_end

done_testing
