#!/bin/sh
# End-to-end: the workbench in script mode (keys from PRMWB_SCRIPT, screens
# dumped with :save-display) against the test model: navigation, editing
# with undo/redo through the real store, validation, choices, help,
# history, ASCII locale, tiny and resized screens, hostile text, $EDITOR,
# conflicts and other processes' commits.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
# Between evidence and the review date the record lists the target level
# and the nine PA ratings: from the review date (G), ten k's go past them.
PAST_PA=kkkkkkkkkk

# ---- first screen, exact ----
tui_run 80 24 <<EOF
:save-display $T/first
EOF
expect_screen "$T/first" <<'EOF'
Workbench test model            │ 6.1 Governance interface
├─▾ Management processes (2)    │ Status: -  Level: -  Owner: -  Review: -
│ ├─ - 6.1 Governance interface │ No record yet (e: edit)
│ └─ - 6.2 計画 planning        │
├─▾ Core processes (4)          │ Purpose
│ ├─ - 7.1 Hazard assessment    │   Keep direction and management aligned.
│ ├─ - 7.2 Odd \u009B2J name \u…│
│ ├─ - 7.3 Change control       │ Outcomes (achievement N/P/L/F)
│ └─ - 7.4 Incident management  │   [-] 1. Direction is given.
└─▾ Support processes (1)       │
  └─ - 8.1 Records              │ Relations (Enter: go there)
                                │   > triggers 7.4 Incident management
                                │
                                │ Record (e: edit, E: edit in $EDITOR)
                                │   Owner:
                                │   Status:
                                │   Applicable:
                                │   Justification:
                                │   Notes:
                                │   Evidence:
                                │   Target level:
                                │   PA 1.1:
 tuitest | 6.1 | @T@/db (new)  [-] no status
?:help q:quit /:search Enter:open Tab:pane e:edit u:undo C-r:redo L:log
EOF

# ---- navigate to 7.4, edit owner, undo, redo, quit, reopen ----
tui_run 80 24 <<EOF
/7.4
<Enter>
e
:type alice
:save-display $T/editing
<Enter>
:save-display $T/saved
u
:save-display $T/undone
<C-r>
:save-display $T/redone
q
EOF
expect_line "$T/editing" 23 " 7.4 owner: alice"
expect_screen "$T/saved" <<'EOF'
Workbench test model            │   [-] 2. Incidents are resolved.
├─▾ Management processes (2)    │
│ ├─ - 6.1 Governance interface │ Activities
│ └─ - 6.2 計画 planning        │   - Triage reports.
├─▾ Core processes (4)          │
│ ├─ - 7.1 Hazard assessment    │ Inputs
│ ├─ - 7.2 Odd \u009B2J name \u…│   - Event reports
│ ├─ - 7.3 Change control       │
│ └─ - 7.4 Incident management  │ Outputs
└─▾ Support processes (1)       │   - Incident records
  └─ - 8.1 Records              │
                                │ References
                                │   ISO/IEC 27001:2022 A.5.24
                                │
                                │ Relations (Enter: go there)
                                │   > receives-input-from 7.1 Hazard assessment
                                │
                                │ Related from (Enter: go there)
                                │   < 6.1 Governance interface triggers this
                                │
                                │ Record (e: edit, E: edit in $EDITOR)
                                │   Owner:         alice
 tuitest | 7.4 | @T@/db  [-] no status
owner of 7.4: saved (#1)
EOF
expect_in "$T/undone" "undid owner of 7.4 (#2)"
expect_not_in "$T/undone" "alice"
expect_in "$T/redone" "redid owner of 7.4 (#3)"
expect_in "$T/redone" "Owner:         alice"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
echo alice | expect_out -
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
G
:save-display $T/reopened
EOF
expect_in "$T/reopened" "Owner:         alice"
expect_in "$T/reopened" " tuitest | 7.4 | $PRMWB_DB"

# ---- invalid value stays in the editor; Esc writes nothing ----
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
G
e
<C-u>
:type someday
<Enter>
:save-display $T/invalid
<Esc>
:save-display $T/cancelled
EOF
expect_line "$T/invalid" 22 " 7.4 review: someday"
expect_in "$T/invalid" "review:"
expect_in "$T/cancelled" "not changed"
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.4
expect_nogrep review

# ---- a long reason is wrapped above, not cut: the example stays ----
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
G
e
<C-u>
:type 2024-13-01
<Enter>
:save-display $T/baddate
<Esc>
EOF
expect_line "$T/baddate" 22 " 7.4 review: 2024-13-01"
expect_line "$T/baddate" 23 "review: '2024-13-01' is not a date; use YYYY-MM-DD, a real calendar date (e.g."
expect_line "$T/baddate" 24 "2026-03-31)"

# ---- enumerated field: choices, the tree's status mark ----
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
G${PAST_PA}kkkkk
e
<Tab>
:save-display $T/choice
<Tab><Tab><Tab>
<Enter>
<S-Tab>
:save-display $T/status
EOF
expect_line "$T/choice" 23 " 7.4 status: not-started"
expect_in "$T/choice" "Tab/Up/Down: not-started planned in-progress implemented verified"
expect_in "$T/status" "│ └─ I 7.4 Incident management"
expect_in "$T/status" "Status:        implemented"

# ---- incremental search, n/N wrapping, no match ----
tui_run 80 24 <<EOF
/haz
:save-display $T/search1
<Enter>
n
:save-display $T/search2
/zzz
:save-display $T/search3
<Esc>
:save-display $T/search4
EOF
expect_line "$T/search1" 23 "/haz"
expect_line "$T/search2" 23 " tuitest | 7.1 | $PRMWB_DB  [-] no status"
expect_line "$T/search2" 24 "search wrapped: match 1 of 1"
expect_line "$T/search3" 24 "no match"
expect_line "$T/search4" 23 " tuitest | 7.1 | $PRMWB_DB  [-] no status"

# ---- help is generated from the key tables (main keys, then the
# editor's, then what the tree's marks mean); it scrolls to its end and
# no further, saying where it is; when it all fits, j does not scroll ----
tui_run 80 24 <<EOF
?
:save-display $T/help
<PgDn>
:save-display $T/help-mid
<PgDn>
:save-display $T/help-mid2
G
:save-display $T/help-end
jjj
:save-display $T/help-end2
:resize 80x80
g
jjj
:save-display $T/help-tall
q
:save-display $T/after-help
EOF
expect_screen "$T/help" <<'EOS'
 prmwb 0.1.0 - keys                                                     1-21/71
j, Down              Move down one line
k, Up                Move up one line
PgDn, Space, C-f     Move down one page
PgUp, C-b            Move up one page
g, Home              Go to the first line
G, End               Go to the last line
Enter, l, Right      Expand category, open process, follow relation, edit field
h, Left              Collapse category, go to parent, back to the tree
<, Backspace         Go back to where the last jump (relation, id) came from
Tab, S-Tab           Switch between the tree and the detail pane
/                    Search ids, names, purposes and records (incremental)
n                    Next search match
N                    Previous search match
:                    Go to a process by id: type it (7.4 Enter) or : then the id
F                    Filter: status, owner, level, below target, review (F: off)
O                    Overview of all records: counts; Enter lists the processes
t                    Mark/unmark (a category: all of it); e edits all marked
T                    Clear all marks
e                    Edit the field selected on the right (at first Owner)
E                    Edit notes/evidence/justification in $VISUAL/$EDITOR
X                    Discard your text kept after E could not save it

j/k, PgUp/PgDn: scroll  q/Esc/?: back
EOS
for l in "Enter                Save the value (in a search: stay at the match)" \
	"Esc                  Cancel, nothing is written (in a search: go back)" \
	"Left, C-b            Cursor one character left" \
	"Right, C-f           Cursor one character right" \
	"Home, C-a            Cursor to the start" \
	"End, C-e             Cursor to the end" \
	"Backspace            Delete the character before the cursor" \
	"Delete, C-d          Delete the character under the cursor" \
	"C-k                  Delete to the end" \
	"C-u                  Delete to the start" \
	"C-w, M-Backspace     Delete the word before the cursor" \
	"M-b                  Cursor to the start of the word (Alt-b, or Esc b quickly)" \
	"M-f                  Cursor past the end of the word" \
	"M-d                  Delete the word after the cursor" \
	"Tab, Down            Next choice (status, applicable, outcome ratings)" \
	"S-Tab, Up            Previous choice" \
	"Marks in the tree (status of the record; the status line names it):" \
	"[-]                  no status set yet" \
	"[ ]                  not-started: nothing done yet" \
	"[p]                  planned: work is planned" \
	"[V]                  verified: in place and checked to work" \
	"7.4*                 tailored: a tailoring file added or changed it" \
	"u                    Undo your last change" \
	"?, F1                Show this help" \
	"*p 7.4               marked (t): e edits every marked process, T clears"; do
	cat "$T/help-mid" "$T/help-mid2" "$T/help-end" >"$T/help-rest"
	expect_in "$T/help-rest" "$l"
done
expect_line "$T/help-mid" 1 " prmwb 0.1.0 - keys                                                    22-42/71"
expect_line "$T/help-end" 22 "*p 7.4               marked (t): e edits every marked process, T clears"
cmp -s "$T/help-end" "$T/help-end2" || fail "j scrolled past the end of the help"
expect_line "$T/help-tall" 2 "j, Down              Move down one line"
expect_in "$T/after-help" "Workbench test model"

# ---- history of the process, then of the whole store ----
tui_run 80 24 <<EOF
/7.4
<Enter>
L
:save-display $T/hist1
L
:save-display $T/hist2
EOF
expect_line "$T/hist1" 1 " History of process 7.4 (4, newest first)"
expect_in "$T/hist1" "7.4 status: '' -> 'implemented'"
expect_in "$T/hist1" "7.4 owner (redo of #1): '' -> 'alice'"
expect_line "$T/hist2" 1 " History of the whole store (4, newest first)"

# ---- times are UTC (marked Z) whatever TZ says, as the CLI prints them ----
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.4
utc=$(sed -n -E '1s/^#4 +([0-9-]{10})T([0-9]{2}:[0-9]{2}):[0-9]{2}Z .*/\1 \2Z/p' "$T/out")
[ -n "$utc" ] || fail "no time in: $(head -1 "$T/out")"
TZ=JST-9 tui_run 100 24 <<EOF
/7.4
<Enter>
<Tab>
G
:save-display $T/tz-record
L
:save-display $T/tz-log
EOF
expect_in "$T/tz-record" "Last change:   $(id -un), $utc (#4)"
expect_line "$T/tz-log" 2 "#4 $utc $(id -un) 7.4 status: '' -> 'implemented'"

# ---- a long history: the newest 1000 entries are shown and the title
# and the end of the list say how many there are ----
"$TOP_BUILDDIR/tests/tools/store_raw" -n 1200 "$T/hdb" tuitest 7.4 notes || fail "store_raw -n"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/hdb" set 8.1 owner carol
tui_run 80 24 --db "$T/hdb" <<EOF
/7.4
<Enter>
L
:save-display $T/long1
G
:save-display $T/long2
L
:save-display $T/long3
EOF
# (the title says where the selection is: the list is longer than the screen)
expect_line "$T/long1" 1 " History of process 7.4 (newest 1000 of 1200)                            1/1001"
expect_in "$T/long1" "#1200 "
expect_line "$T/long2" 22 "(200 older changes not shown: prmwb log lists them all)"
sed -n 21p "$T/long2" | grep -q "^#201 .* 7.4 notes: 'bulk 199' -> 'bulk 200'$" ||
	fail "the oldest entry shown is not #201: $(sed -n 21p "$T/long2")"
expect_line "$T/long3" 1 " History of the whole store (newest 1000 of 1201)                        1/1001"
expect_in "$T/long3" "#1201 "
expect_in "$T/long3" "8.1 owner: '' -> 'carol'"
# the lines are read a page at a time as the view gets to them: paging
# down past the first pages shows every entry in turn, none twice, none
# left out (a screen is 21 lines: PgDn k shows #1201-21k down)
tui_run 80 24 --db "$T/hdb" <<EOF
/7.4
<Enter>
L
L
<PgDn>
:save-display $T/page1
<PgDn>
:save-display $T/page2
<PgDn>
:save-display $T/page3
<PgDn>
:save-display $T/page4
<PgDn>
:save-display $T/page5
<PgDn>
<PgUp>
<PgUp>
:save-display $T/page4b
EOF
for k in 1 2 3 4 5; do
	got=$(sed -n '2,22s/^#\([0-9]*\) .*/\1/p' "$T/page$k" | tr '\n' ' ')
	want=$(seq $((1201 - 21 * k)) -1 $((1201 - 21 * k - 20)) | tr '\n' ' ')
	[ "$got" = "$want" ] || fail "PgDn x$k: entries '$got', not '$want'"
done
sed -n 2p "$T/page4b" | grep -q "^#1117 " || fail "PgDn PgUp PgUp: $(sed -n 2p "$T/page4b")"

# ---- hostile text shows escaped; nothing raw reaches the screen ----
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 owner "$(printf 'Eve\342\200\256X')"
tui_run 80 24 <<EOF
/7.1
<Enter>
:save-display $T/hostile
EOF
expect_in "$T/hostile" "│ ├─ - 7.2 Odd \\u009B2J name \\u…│"
expect_in "$T/hostile" "Owner:         Eve\\u202EX"
if LC_ALL=C grep -q "$(printf '\033\\|\302[\200-\237]\\|\342\200\256')" "$T/hostile"; then
	fail "raw control or bidi characters in the screen"
fi

# ---- LANG=C: ASCII tree lines, '?' for what the locale cannot show ----
LANG=C LC_ALL=C tui_run 80 24 <<EOF
:save-display $T/ascii
EOF
expect_line "$T/ascii" 1 'Workbench test model            | 6.1 Governance interface'
expect_line "$T/ascii" 2 '|-v Management processes (2)    | Status: -  Level: -  Owner: -  Review: -'
expect_line "$T/ascii" 4 '| `- - 6.2 ?? planning          |'
expect_line "$T/ascii" 6 '| |- - 7.1 Hazard assessment    |   Keep direction and management aligned.'

# ---- tiny terminals: 20x6 draws one pane; smaller says so ----
tui_run 20 6 <<EOF
:save-display $T/tiny
EOF
expect_screen "$T/tiny" <<'EOF'
Workbench test model
├─▾ Management proc…
│ ├─ - 6.1 Governan…
│ └─ - 6.2 計画 pla…
 tuitest | 6.1 | …db
?:help q:quit /:sear
EOF
tui_run 19 5 <<EOF
:save-display $T/toosmall
EOF
expect_in "$T/toosmall" "Terminal too small"

# ---- resize redraws the whole layout ----
tui_run 80 24 <<EOF
:save-display $T/start
:resize 100x30
:save-display $T/bigger
:resize 20x6
:save-display $T/smaller
:resize 10x3
:save-display $T/smallest
:resize 80x24
:save-display $T/back
EOF
[ "$(wc -l <"$T/bigger")" = 30 ] || fail "resize to 30 rows"
# Wider: the tree grows to its longest line (43 columns), nothing cut.
expect_line "$T/bigger" 1 "Workbench test model                       │ 6.1 Governance interface"
expect_line "$T/bigger" 7 "│ ├─ - 7.2 Odd \\u009B2J name \\u202Ereversed│"
expect_line "$T/bigger" 9 "│ └─ I 7.4 Incident management             │   [-] 1. Direction is given."
sed "s|$T|@T@|g" "$T/tiny" | expect_screen "$T/smaller"
expect_screen "$T/smallest" <<'EOF'
Terminal
too small
(10x3):
EOF
sed "s|$T|@T@|g" "$T/start" | expect_screen "$T/back"

# ---- a resize through a small size leaves no pane scrolled: 7.4's
# detail is longer than the screen; at 20x6 the cursor (outcome 1) pushed
# it down; back at 80x24 (and at 120x40) it starts at the title again ----
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
:save-display $T/rs-start
:resize 20x6
:resize 80x24
:save-display $T/rs-back
:resize 20x6
:resize 120x40
:save-display $T/rs-big
<C-l>
:save-display $T/rs-redraw
EOF
sed "s|$T|@T@|g" "$T/rs-start" | expect_screen "$T/rs-back"
expect_in "$T/rs-start" "│ 7.4 Incident management"
expect_in "$T/rs-big" "│ 7.4 Incident management"
expect_in "$T/rs-redraw" "│ 7.4 Incident management"

# ---- default model: text cut at the pane's edge ends in a marker; a name
# that would be cut gives way to its short name (7.9 at 100 columns); the
# tree grows with the width (all of 7.4 at 100 columns, every name at 120) ----
printf ':save-display %s\n:resize 120x30\n:save-display %s\n' "$T/d100" "$T/d120" >"$T/script"
LINES=30 COLUMNS=100 PRMWB_SCRIPT="$T/script" "$PRMWB" --db "$T/db-default" >"$T/out" 2>"$T/err" ||
	fail "workbench on the default model: $(cat "$T/err")"
expect_line "$T/d100" 1 "ISMS process reference model after ISO/IEC TS …│ 6.2 Information security governance/management"
expect_in "$T/d100" "│ ├─ - 7.4 Information security risk assessment│"
expect_in "$T/d100" "│ ├─ - 7.9 Incident management                 │"
# A title wider than the pane wraps under the name (the id's width), none cut.
expect_line "$T/d120" 1 "ISMS process reference model after ISO/IEC TS 27022:2021        │ 6.2 Information security governance/management"
expect_line "$T/d120" 2 "├─▾ Management processes (1)                                    │     interface"
expect_line "$T/d120" 3 "│ └─ - 6.2 Information security governance/management interface │ Short name: Governance interface"
expect_line "$T/d120" 7 "│ ├─ - 7.4 Information security risk assessment                 │ the ISMS. It turns business direction into security"
expect_not_in "$T/d120" "…"
LANG=C LC_ALL=C tui_run 80 24 <<EOF
:save-display $T/ascii-cut
EOF
expect_line "$T/ascii-cut" 7 '| |- - 7.2 Odd \u009B2J name \u~|'
expect_line "$T/ascii-cut" 9 '| `- I 7.4 Incident management  |   [-] 1. Direction is given.'

# ---- $EDITOR: multi-line notes; unchanged file writes nothing ----
cat >"$T/ed-notes" <<'EOF'
printf 'first line\nsecond line\n' >"$1"
EOF
EDITOR="sh $T/ed-notes" tui_run 80 24 <<EOF
/7.3
<Enter>
E
:save-display $T/notes
EOF
expect_in "$T/notes" "notes of 7.3: saved"
expect_in "$T/notes" "Notes:         first line"
expect_in "$T/notes" "                 second line"
VISUAL=true tui_run 80 24 <<EOF
/7.3
<Enter>
E
:save-display $T/notes2
EOF
expect_in "$T/notes2" "notes not changed"

# ---- a conflicting commit by another process is not overwritten ----
cat >"$T/ed-conflict" <<EOF
"$PRMWB" --model "$MODEL" set 7.3 notes "theirs, from another window" >/dev/null
echo mine >"\$1"
EOF
EDITOR="sh $T/ed-conflict" tui_run 80 24 <<EOF
/7.3
<Enter>
E
:save-display $T/conflict
EOF
# The whole message can be read, wrapped over the bottom lines: both
# values, and the choices (nothing is overwritten without one).
tr -d '\n' <"$T/conflict" | grep -q "not saved: notes of 7.3 was changed by *$(id -un) *at *[0-9-]* *[0-9:]*Z *(#[0-9]*): *theirs *'theirs, *from *another *window', *yours *'mine' - o: save yours over theirs" ||
	{ fail "conflict message not readable"; cat "$T/conflict" >&2; }
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.3 notes
echo "theirs, from another window" | expect_out -

# ---- E text that cannot be saved is kept, not lost: the reason stays
# on the bottom line, E reopens the editor on the user's text (not the
# stored value), q warns once, X discards; on a conflict their value is
# shown and the user's text kept for re-editing ----
cat >"$T/ed-keep" <<EOF
n=\$(cat "$T/ed-count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$T/ed-count"
cp "\$1" "$T/ed-seen.\$n"
case \$n in
1) printf 'long note\\nbad\\033x\\n' >>"\$1" ;;
2) tr -d '\\033' <"\$1" >"\$1.new" && mv "\$1.new" "\$1" ;;
3) printf 'again\\033\\n' >"\$1" ;;
4) ;;
esac
EOF
EDITOR="sh $T/ed-keep" tui_run 80 24 <<EOF
/8.1
<Enter>
E
:save-display $T/keep1
k
:save-display $T/keep2
q
:save-display $T/keep3
e
:save-display $T/keep4
E
:save-display $T/keep5
E
:save-display $T/keep6
X
:save-display $T/keep7
E
:save-display $T/keep8
q
EOF
tr -d '\n' <"$T/keep1" | grep -q "notes: control character U+001B .* not allowed.* - your text is kept: E edits it again, X discards it" ||
	{ fail "no reason or no 'kept' after a failed E"; cat "$T/keep1" >&2; }
tr -d '\n' <"$T/keep2" | grep -q "unsaved text for notes of 8.1 (notes: control character U+001B" ||
	{ fail "the kept text is not shown after the next key"; cat "$T/keep2" >&2; }
expect_in "$T/keep3" "unsaved text for notes of 8.1: q again to discard it and quit"
printf 'long note\nbad\033x\n' | cmp -s - "$T/ed-seen.2" ||
	{ fail "E did not reopen the user's text"; od -c "$T/ed-seen.2" >&2; }
expect_in "$T/keep5" "notes of 8.1: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 8.1 notes
printf 'long note\nbadx\n' | expect_out -
tr -d '\n' <"$T/keep6" | grep -q "your text is kept" || fail "second bad text not kept"
expect_in "$T/keep7" "unsaved text for notes of 8.1 discarded"
printf 'long note\nbadx\n' | cmp -s - "$T/ed-seen.4" ||
	{ fail "after X, E did not open the stored value"; od -c "$T/ed-seen.4" >&2; }
expect_in "$T/keep8" "notes not changed"
[ -s "$T/keep8" ] || fail "q after X did not quit at once"

# A conflict after E asks (both values shown): E again does not save
# over theirs; e opens both in the editor, git-like; what is saved then
# is based on their value, and the history has both changes.
cat >"$T/ed-theirs" <<EOF
n=\$(cat "$T/th-count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$T/th-count"
cp "\$1" "$T/th-seen.\$n"
case \$n in
1) "$PRMWB" --model "$MODEL" set 8.1 evidence theirs >/dev/null; echo mine >"\$1" ;;
2) echo "mine, after theirs" >"\$1" ;;
esac
EOF
EDITOR="sh $T/ed-theirs" tui_run 80 24 <<EOF
/8.1
<Enter>
<Tab>
G
${PAST_PA}k
E
:save-display $T/theirs1
E
<Enter>
:save-display $T/theirs1b
e
:save-display $T/theirs2
EOF
tr -d '\n' <"$T/theirs1" | grep -q "not saved: evidence of 8.1 was changed by.*theirs *'theirs', *yours 'mine' - *o: save yours over theirs, *e: edit both in the editor, *d: discard yours, *Esc: decide later" ||
	{ fail "conflict: no question with both values"; cat "$T/theirs1" >&2; }
expect_in "$T/theirs1" "Evidence:      theirs"
cmp -s "$T/theirs1" "$T/theirs1b" || fail "conflict: a key that is no choice changed something"
[ -e "$T/th-seen.3" ] && fail "conflict: the editor ran a third time"
printf '%s\n' '<<<<<<< yours (not saved)' mine ======= theirs >"$T/th-want"
head -4 "$T/th-seen.2" | cmp -s - "$T/th-want" || { fail "conflict: e did not show both"; cat "$T/th-seen.2" >&2; }
grep -q "^>>>>>>> theirs ($(id -un), [0-9-]* [0-9:]*Z, #[0-9]*)\$" "$T/th-seen.2" ||
	{ fail "conflict: no theirs marker"; cat "$T/th-seen.2" >&2; }
expect_in "$T/theirs2" "evidence of 8.1: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 8.1 evidence
echo "mine, after theirs" | expect_out -
expect_rc 0 "$PRMWB" --model "$MODEL" log 8.1
grep "evidence" "$T/out" | head -2 >"$T/both"
grep -q '"theirs" → "mine, after theirs"' "$T/both" && grep -q '"" → "theirs"' "$T/both" ||
	{ fail "history lacks both changes"; cat "$T/out" >&2; }

# ---- too small: keys other than q and C-l wait; q over an open edit
# warns first, and the edit is still there at a usable size ----
tui_run 80 24 <<EOF
/6.2
<Enter>
e
:type kept-edit
:resize 15x5
j
q
:save-display $T/small-q
:resize 80x24
:save-display $T/small-back
<Enter>
EOF
tr -d '\n' <"$T/small-q" | grep -q "unsaved edit *of *owner *of *6.2: *q *again" ||
	{ fail "q in a too small terminal did not warn"; cat "$T/small-q" >&2; }
expect_line "$T/small-back" 23 " 6.2 owner: kept-edit"
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.2 owner
echo kept-edit | expect_out -
tui_run 80 24 --db "$T/qdb" <<EOF
e
:type x
:resize 15x5
q
q
:resize 80x24
<Enter>
EOF
[ -e "$T/qdb" ] && fail "q q in a too small terminal did not quit: the edit was saved"

# ---- another process's commit appears when idle ----
cat >"$T/ed-other" <<EOF
"$PRMWB" --model "$MODEL" set 8.1 owner bob >/dev/null
EOF
EDITOR="sh $T/ed-other" tui_run 80 24 <<EOF
/8.1
<Enter>
E
:save-display $T/before-idle
:wait-idle
:save-display $T/after-idle
EOF
expect_in "$T/before-idle" "│   Owner:"
expect_in "$T/after-idle" "Owner:         bob"

# ---- orphan records: a record of a process the model lacks is kept and
# shown read-only in a last group; other processes' changes show on idle ----
sed '/<process id="7.3"/,/<\/process>/d' "$MODEL" >"$T/model-b.xml"
for kv in "owner alice" "status planned" "outcome.1 L"; do
	expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/odb" set 7.3 $kv
done
# A cleared field (stored empty) is left out of the orphan's listing.
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/odb" set 7.3 review 2027-01-31
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/odb" set 7.3 review ""
cat >"$T/ed-orphan" <<EOF
"$PRMWB" --model "$MODEL" --db "$T/odb" set 7.3 status implemented >/dev/null
EOF
TUI_MODEL="$T/model-b.xml"
EDITOR="sh $T/ed-orphan" tui_run 100 24 --db "$T/odb" <<EOF
G
:save-display $T/orphan
<Enter>
e
:save-display $T/orphan-edit
L
:save-display $T/orphan-log
q
h
/8.1
<Enter>
E
:wait-idle
G
:save-display $T/orphan-idle
EOF
TUI_MODEL=$MODEL
stable "$T/orphan" >"$T/orphan.s"
expect_screen "$T/orphan.s" <<'EOF'
Workbench test model                       │ 7.3 (orphan record)
├─▾ Management processes (2)               │
│ ├─ - 6.1 Governance interface            │ Process 7.3 is not in model tuitest. Its record is kept
│ └─ - 6.2 計画 planning                   │ (records are never deleted) and shown read-only: it
├─▾ Core processes (3)                     │ cannot be edited here.
│ ├─ - 7.1 Hazard assessment               │
│ ├─ - 7.2 Odd \u009B2J name \u202Ereversed│ Record (read-only)
│ └─ - 7.4 Incident management             │   Owner:         alice
├─▾ Support processes (1)                  │   Status:        planned
│ └─ - 8.1 Records                         │   Outcome 1:     L
└─▾ Orphan records (1)                     │   Last change:   @USER@, @TIME@Z (#5)
  └─ p 7.3                                 │
                                           │
                                           │
                                           │
                                           │
                                           │
                                           │
                                           │
                                           │
                                           │
                                           │
 tuitest | 7.3 | @T@/odb  [p] planned
?:help q:quit /:search Enter:open Tab:pane e:edit u:undo C-r:redo L:log
EOF
expect_line "$T/orphan-edit" 24 "7.3 is not in model tuitest: its record is kept, read-only here"
expect_line "$T/orphan-edit" 23 " tuitest | 7.3 | $T/odb  [p] planned"
expect_line "$T/orphan-log" 1 " History of process 7.3 (5, newest first)"
expect_in "$T/orphan-log" "7.3 owner: '' -> 'alice'"
expect_in "$T/orphan-idle" "  └─ I 7.3"
expect_in "$T/orphan-idle" "Status:        implemented"
expect_in "$T/orphan-idle" "(#6)"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/odb" log
[ "$(wc -l <"$T/out")" = 6 ] || fail "the workbench wrote to the orphan record"
# ---- read-only: no editing ----
tui_run 80 24 --read-only <<EOF
e
:save-display $T/ro
u
:save-display $T/ro-u
<C-r>
:save-display $T/ro-r
E
:save-display $T/ro-E
EOF
expect_in "$T/ro" "[read-only]"
# One message for every way of changing the store.
for f in ro ro-u ro-r ro-E; do
	expect_line "$T/$f" 24 "read-only: the store $T/db cannot be changed (--read-only)"
done

# ---- a long store path is shortened at its start, never the marks ----
long="$T/$(printf 'p%.0s' $(seq 1 100))"
tui_run 80 24 --db "$long" --read-only <<EOF
:save-display $T/longpath
EOF
expect_line "$T/longpath" 23 " tuitest | 6.1 | …$(printf 'p%.0s' $(seq 1 29)) [read-only] (new)  [-] no status"
tui_run 80 24 --db "$long" <<EOF
e
:type x
<Enter>
:save-display $T/longpath2
EOF
expect_line "$T/longpath2" 23 " tuitest | 6.1 | …$(printf 'p%.0s' $(seq 1 47))  [-] no status"

# ---- bad scripts and terminals are clear errors ----
printf 'x\n:bogus\n' >"$T/bad"
expect_rc 2 env PRMWB_SCRIPT="$T/bad" "$PRMWB" --model "$MODEL"
expect_grep "bad:2: unknown command" err
expect_rc 2 env TERM=no-such-term PRMWB_SCRIPT="$T/script" "$PRMWB" --model "$MODEL"
expect_grep "unknown terminal type TERM='no-such-term'" err
# A terminal without cursor addressing is refused the same way.
expect_rc 2 env TERM=dumb PRMWB_SCRIPT="$T/script" "$PRMWB" --model "$MODEL"
expect_grep "terminal type TERM='dumb' cannot move the cursor: try TERM=xterm-256color or TERM=vt100" err

# ---- only what changed is sent (ncurses diffs; nothing forces a repaint):
# a character typed in the editor is that byte (the cursor is not hidden
# and shown again around each redraw); a highlight move is a few rows ----
bytes_out() {  # bytes_out SCRIPT-TEXT: bytes the workbench sent (xterm, 80x24)
	printf "$1" >"$T/bscript"
	LINES=24 COLUMNS=80 PRMWB_SCRIPT="$T/bscript" PRMWB_SCRIPT_OUTPUT="$T/bout" \
		"$PRMWB" --model "$MODEL" --db "$T/bdb" >/dev/null 2>&1 || fail "workbench: $1"
	wc -c <"$T/bout"
}
two=$(bytes_out 'e\n:type ab\n')
three=$(bytes_out 'e\n:type abc\n')
[ $((three - two)) -le 2 ] || fail "one typed character sent $((three - two)) bytes"
one=$(bytes_out 'g\n')
moved=$(bytes_out 'gj\n')
[ $((moved - one)) -le 200 ] || fail "a highlight move sent $((moved - one)) bytes"

# ---- a value that normalises to the stored one writes nothing ----
main_db=$PRMWB_DB; PRMWB_DB="$T/db-noop"   # its own store: the history counts above stay
expect_rc 0 "$PRMWB" --model "$MODEL" set 6.1 status planned
tui_run 80 24 <<EOF
/6.1
<Enter>
<Tab>
G
${PAST_PA}kkkkk
e
<C-u>
:type PLANNED
<Enter>
:save-display $T/noop
EOF
expect_in "$T/noop" "status of 6.1: not changed"
expect_not_in "$T/noop" "saved (#0)"
expect_rc 0 "$PRMWB" --model "$MODEL" log 6.1
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "a no-op save wrote history"
PRMWB_DB=$main_db

# ---- a wrapped message takes rows from the panes: the selection stays in sight ----
main_db=$PRMWB_DB
mkdir -p "$T/a-long-directory-name-so-that-the-read-only-message-wraps"
PRMWB_DB="$T/a-long-directory-name-so-that-the-read-only-message-wraps/db"
tui_run 80 10 --read-only <<EOF
G
e
:save-display $T/wrapmsg
EOF
expect_in "$T/wrapmsg" "read-only: the store"
expect_line "$T/wrapmsg" 6 "  └─ - 8.1 Records              │   [-] 1. Records are kept."
expect_in "$T/wrapmsg" " tuitest | 8.1 |"
PRMWB_DB="$T/db-wrapmsg"
expect_rc 0 "$PRMWB" --model "$MODEL" set 6.2 owner x
tui_run 20 6 <<EOF
jj
u
:save-display $T/wrapmsg-tiny
EOF
expect_screen "$T/wrapmsg-tiny" <<'EOF'
├─▾ Management proc…
│ ├─ - 6.1 Governan…
│ └─ - 6.2 計画 pla…
 tuitest | 6.2 | …sg
undid owner of 6.2
(#2)
EOF
PRMWB_DB=$main_db

# ---- incoming relations ("Related from") can be followed; < goes back ----
tui_run 80 30 <<EOF
/7.4
<Enter>
<Enter>
G
${PAST_PA}kkkkkkk
:save-display $T/relfrom
<Enter>
:save-display $T/relfrom-went
<LT>
:save-display $T/relfrom-back
<Backspace>
:save-display $T/relfrom-none
?
:save-display $T/relfrom-help
EOF
expect_line "$T/relfrom" 7 "│ ├─ - 7.2 Odd \\u009B2J name \\u…│ Related from (Enter: go there)"
expect_line "$T/relfrom" 8 "│ ├─ - 7.3 Change control       │   < 6.1 Governance interface triggers this"
expect_line "$T/relfrom-went" 1 "Workbench test model            │ 6.1 Governance interface"
expect_line "$T/relfrom-went" 29 " tuitest | 6.1 | $T/db  [-] no status"
cmp -s "$T/relfrom" "$T/relfrom-back" || fail "< did not return to the same view"
expect_line "$T/relfrom-none" 30 "no relation followed yet: nothing to go back to"
expect_in "$T/relfrom-help" "<, Backspace         Go back to where the last jump (relation, id) came from"

# ---- indented lines of notes keep their indent, wrapped lines too ----
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/db-indent" set 6.1 notes \
	"$(printf 'line one\n\n  ev3 is an indented line that is long enough to wrap in the pane\n    deeper')"
tui_run 80 34 --db "$T/db-indent" <<EOF
:save-display $T/indent
EOF
expect_line "$T/indent" 19 "                                │   Notes:         line one"
expect_line "$T/indent" 20 "                                │"
expect_line "$T/indent" 21 "                                │                    ev3 is an indented line"
expect_line "$T/indent" 22 "                                │                    that is long enough to wrap"
expect_line "$T/indent" 23 "                                │                    in the pane"
expect_line "$T/indent" 24 "                                │                      deeper"

# ---- history lines cut at the edge say so; Enter shows an entry whole ----
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/db-hist" set 6.1 owner "a long owner name that does not fit"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/db-hist" set 6.1 owner bob
tui_run 40 8 --db "$T/db-hist" <<EOF
L
j
:save-display $T/hist-cut
<Enter>
G
:save-display $T/hist-whole
q
:save-display $T/hist-back
EOF
sed -n 3p "$T/hist-cut" | grep -q "^#1 .* 6.1 owner: ''…\$" || fail "a cut history line lacks its marker"
# The entry whole: values on lines of their own, scrolled to its end (G).
expect_line "$T/hist-whole" 5 "After:"
expect_line "$T/hist-whole" 6 "  a long owner name that does not fit"
expect_line "$T/hist-whole" 8 "3-7/7  j/k/PgDn/PgUp  q/Esc/Enter: back"
cmp -s "$T/hist-cut" "$T/hist-back" || fail "q did not go back to the history list"

# ---- the one-line editor keeps its prompt's ": " and marks hidden text ----
tui_run 20 6 --db "$T/db-le" <<EOF
e
:type abcdefghijklmnopqrstuvwxyz
:save-display $T/le-tiny
<Esc>
:resize 40x10
e
:type abcdefghijklmnopqrstuvwxyz0123456789
:save-display $T/le-40
<Home>
:save-display $T/le-40-home
EOF
expect_line "$T/le-tiny" 5 " 6.1 ow…: …tuvwxyz"
expect_line "$T/le-40" 9 " 6.1 owner: …lmnopqrstuvwxyz0123456789"
expect_line "$T/le-40-home" 9 " 6.1 owner: abcdefghijklmnopqrstuvwxyz0"
LANG=C LC_ALL=C tui_run 40 10 --db "$T/db-le" <<EOF
e
:type abcdefghijklmnopqrstuvwxyz0123456789
:save-display $T/le-ascii
EOF
expect_line "$T/le-ascii" 9 " 6.1 owner: <lmnopqrstuvwxyz0123456789"

# ---- clearing a required justification in its own editor says why plainly ----
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/db-just" set 6.1 justification "not ours"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/db-just" set 6.1 applicable no
tui_run 80 24 --db "$T/db-just" <<EOF
<Enter>
G
${PAST_PA}kkk
e
<C-u>
<Enter>
:save-display $T/just
EOF
expect_line "$T/just" 23 " 6.1 justification:"
expect_line "$T/just" 24 "justification cannot be empty while applicable is no"

done_testing
