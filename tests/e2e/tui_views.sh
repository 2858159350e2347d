#!/bin/sh
# End-to-end (script mode): what the view rework brought to the workbench.
# Going to a process by its id (digits, or : and any id), < back; the
# process last looked at reopened per store (and not from a garbled file);
# the status line naming the tree mark and the focused pane's position;
# the detail pane of a version 2 model in the model's own wording
# (relations both ways, parent and sub-processes followable, references
# per outcome, tailoring marked) with the record summary at its top.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

# ---- go to an id: digits start the prompt, : any id; < comes back ----
tui_run 80 24 <<EOF
7
:save-display $T/goto-typing
.4
:save-display $T/goto-known
<Enter>
:save-display $T/goto-74
 :8.1<Enter>
:save-display $T/goto-81
<LT>
:save-display $T/goto-back
 :7.44<Enter>
:save-display $T/goto-unknown
 :6.1<Esc>
:save-display $T/goto-esc
EOF
expect_line "$T/goto-typing" 23 ":7"
expect_line "$T/goto-typing" 24 "Enter: go to the process with this id  Esc: back"
expect_line "$T/goto-known" 24 "Enter: go to 7.4 Incident management  Esc: back"
expect_in "$T/goto-74" " tuitest | 7.4 | $PRMWB_DB (new)  [-] no status"
expect_in "$T/goto-74" "│ 7.4 Incident management"
expect_in "$T/goto-81" " tuitest | 8.1 | "
expect_in "$T/goto-back" " tuitest | 7.4 | "
expect_line "$T/goto-unknown" 24 "no process 7.44 in model tuitest: did you mean 7.4?"
expect_in "$T/goto-unknown" " tuitest | 7.4 | "
expect_in "$T/goto-esc" " tuitest | 7.4 | "
# In the editor and the search prompt digits are text, not a jump.
tui_run 80 24 <<EOF
e
:type 42
:save-display $T/goto-edit
<Esc>
/7.1
:save-display $T/goto-search
EOF
expect_line "$T/goto-edit" 23 " 6.1 owner: 42"
expect_line "$T/goto-search" 23 "/7.1"

# ---- the status line names the mark; a long pane says where it is ----
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 status planned
tui_run 80 12 <<EOF
 :7.1<Enter>
:save-display $T/mark
<Tab>jjjj
:save-display $T/pos-detail
EOF
expect_in "$T/mark" " tuitest | 7.1 | $PRMWB_DB  [p] planned  6/11"
expect_in "$T/mark" "│ Status: planned  Level: -  Owner: -  Review: -"
expect_in "$T/pos-detail" " tuitest | 7.1 | $PRMWB_DB  [p] planned  "
grep -Eq "\[p\] planned  [0-9]+-[0-9]+/[0-9]+$" "$T/pos-detail" ||
	fail "no position of the detail pane: $(sed -n 11p "$T/pos-detail")"

# ---- reopen where one left, per store; a garbled file is ignored ----
TUI_KEEP_LAST=1
first_start
tui_run 80 24 <<EOF
 :7.3<Enter>
EOF
tui_run 80 24 <<EOF
:save-display $T/reopened
EOF
expect_in "$T/reopened" " tuitest | 7.3 | "
tui_run 80 24 --db "$T/db2" <<EOF
:save-display $T/other-store
EOF
expect_in "$T/other-store" " tuitest | 6.1 | "
f=$(ls "$XDG_STATE_HOME"/prmwb/last-* | head -1)
[ "$(stat -c %a "$f")" = 600 ] || fail "last-position file is not 0600"
[ "$(stat -c %a "$XDG_STATE_HOME/prmwb")" = 700 ] || fail "state directory is not 0700"
for g in "$XDG_STATE_HOME"/prmwb/last-*; do printf 'prmwb-last 1\nstore \001\n\377garbage' >"$g"; done
tui_run 80 24 <<EOF
:save-display $T/garbled
EOF
expect_in "$T/garbled" " tuitest | 6.1 | "
expect_not_in "$T/garbled" "garbage"
# a process gone from the model: the top, no error
for g in "$XDG_STATE_HOME"/prmwb/last-*; do rm -f "$g"; done
tui_run 80 24 <<EOF
 :7.2<Enter>
EOF
TUI_MODEL="$T/model-b.xml"
sed '/<process id="7.2"/,/<\/process>/d' "$MODEL" >"$TUI_MODEL"
tui_run 80 24 --force-model <<EOF
:save-display $T/gone
EOF
expect_in "$T/gone" " tuitest | 6.1 | "
TUI_MODEL=$MODEL
unset TUI_KEEP_LAST

# ---- a version 2 model: the detail pane in the model's wording ----
TUI_MODEL="$TOP_SRCDIR/tests/data/v2.xml"
tui_run 100 40 --db "$T/db-v2" <<EOF
 :1<Enter>
:save-display $T/v2-1
 :2<Enter>
:save-display $T/v2-2
 :1.1<Enter><Tab>
:save-display $T/v2-11
<Enter>
:save-display $T/v2-parent
EOF
expect_in "$T/v2-1" "│ 1 Information security risk management"
expect_in "$T/v2-1" "│ Short name: Risk management"
expect_in "$T/v2-1" "│ Status: -  Level: -  Owner: -  Review: -"
expect_in "$T/v2-1" "│ No record yet (e: edit)"
expect_in "$T/v2-1" "│   [-] 1. A risk method is agreed."
expect_in "$T/v2-1" "│          - ISO/IEC 27001:2022 6.1.2 - a"
expect_in "$T/v2-1" "│   [-] 3. Risks have owners."
expect_in "$T/v2-1" "│          - ISO/IEC 27002:2022 5.9"
expect_not_in "$T/v2-1" "[-] 2."
expect_in "$T/v2-1" "│ Sub-processes (Enter: go there)"
expect_in "$T/v2-1" "│   > 1.1 Information security risk assessment"
expect_in "$T/v2-1" "│   > Provides input to 2 Operations - risk register"
expect_in "$T/v2-2" "│ Related from (Enter: go there)"
expect_in "$T/v2-2" "│   < Receives input from 1 Information security risk"
expect_in "$T/v2-11" "│   ^ Part of 1 Information security risk management"
expect_in "$T/v2-11" "│   > Triggers 1.2 Information security risk"
expect_in "$T/v2-parent" " fixture2 | 1 | "
# tailoring marked as prmwb show marks it
TUI_MODEL="$TOP_SRCDIR/tests/data/tailor.xml"
tui_run 120 60 --db "$T/db-t" <<EOF
 :2.1<Enter>
:save-display $T/t-21
 :3.2<Enter>
:save-display $T/t-32
EOF
expect_in "$T/t-21" "│ Tailored: changed (marked below)"
expect_in "$T/t-21" "│   Find and rate hazards to our information. [replaced tailor.xml:"
expect_in "$T/t-21" "5. Supplier hazards are rated too. [added tailor.xml:"
expect_in "$T/t-21" "│   > 2.1.1 Supplier hazard assessment [added tailor.xml:"
expect_in "$T/t-21" "│   < Receives escalations from 9.1 Contract review - unclear clauses [added"
expect_in "$T/t-32" "│ Tailored: added by "
expect_not_in "$T/t-32" "[added"
done_testing
