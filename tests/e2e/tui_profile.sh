#!/bin/sh
# End-to-end (script mode): the profile view (P) and one-key rating.
# Exact screens at 80x24 and 120x30; rating, refining (refused on N, F and
# unrated cells) and clearing cells, each one saved change that u undoes
# and C-r redoes; Enter opens the process at the PA; as of a baseline
# (read-only, level changes since marked, ^/v outside UTF-8); r then a
# rating key in the detail pane (outcomes and PA fields); ratings of
# retired outcome numbers shown read-only; another user's change: shown
# on the idle poll, and a rating based on the old value is a conflict
# that shows both values and overwrites only on o; NO_COLOR; a read-only
# store; tiny sizes and resizes.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
set_() { expect_rc 0 "$PRMWB" --model "$MODEL" set "$@"; }

# ---- the profile at 80x24: rate, refine, clear ----
tui_run 80 24 <<EOF
P
:save-display $T/p-empty
f<Tab>l+<Tab>l-
:save-display $T/p-rated
<Tab>f+
:save-display $T/p-refine-f
n-
:save-display $T/p-refine-n
jj+
:save-display $T/p-refine-none
kk<Tab>x
:save-display $T/p-clear-unrated
h<Delete>
:save-display $T/p-deleted
EOF
expect_screen "$T/p-empty" <<'EOF'
 Profile of tuitest: 7 processes                                            1/7
id  process                     1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2 lvl tgt gap
6.1 Governance interface       [·  ]·   ·   ·   ·   ·   ·   ·   ·     -
6.2 計画 planning               ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.1 Hazard assessment           ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.2 Odd \u009B2J name \u202Er…  ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.3 Change control              ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.4 Incident management         ·   ·   ·   ·   ·   ·   ·   ·   ·     -
8.1 Records                     ·   ·   ·   ·   ·   ·   ·   ·   ·     -












levels 0:0 1:0 2:0 3:0 4:0 5:0   not assessed: 7   below target: 0
 6.1 Governance interface | level -, target - | PA 1.1 process performance: not…
?:help q:back n/p/l/f:rate -/+:refine x:clear Tab/h:column b:as-of Enter:open
EOF
expect_screen "$T/p-rated" <<'EOF'
 Profile of tuitest: 7 processes                                            1/7
id  process                     1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2 lvl tgt gap
6.1 Governance interface        F   L+ [L- ]·   ·   ·   ·   ·   ·     2
6.2 計画 planning               ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.1 Hazard assessment           ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.2 Odd \u009B2J name \u202Er…  ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.3 Change control              ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.4 Incident management         ·   ·   ·   ·   ·   ·   ·   ·   ·     -
8.1 Records                     ·   ·   ·   ·   ·   ·   ·   ·   ·     -












levels 0:0 1:0 2:1 3:0 4:0 5:0   not assessed: 6   below target: 0
 6.1 Governance interface | level 2, target - | PA 2.2 work product management:…
pa.2.2 of 6.1: saved (#5) - level of 6.1: 2
EOF
expect_line "$T/p-refine-f" 3 "6.1 Governance interface        F   L+  L- [F  ]·   ·   ·   ·   ·     2"
expect_line "$T/p-refine-f" 24 "pa.3.1 of 6.1 is F: only P and L have halves (P-, P+, L-, L+)"
expect_line "$T/p-refine-n" 3 "6.1 Governance interface        F   L+  L- [N  ]·   ·   ·   ·   ·     2"
expect_line "$T/p-refine-n" 24 "pa.3.1 of 6.1 is N: only P and L have halves (P-, P+, L-, L+)"
expect_line "$T/p-refine-none" 5 "7.1 Hazard assessment           ·   ·   ·  [·  ]·   ·   ·   ·   ·     -"
expect_line "$T/p-refine-none" 24 "pa.3.1 of 7.1 is not rated: rate it first (n, p, l, f), then refine"
expect_line "$T/p-clear-unrated" 24 "pa.3.2 of 6.1 is not rated already: nothing to save"
expect_line "$T/p-deleted" 3 "6.1 Governance interface        F   L+  L- [·  ]·   ·   ·   ·   ·     2"
expect_line "$T/p-deleted" 24 "pa.3.1 of 6.1: saved (#8) - level of 6.1: 2"
# every key one change: f, l, +, l, -, f, n, Delete (refusals write nothing)
expect_rc 0 "$PRMWB" --model "$MODEL" log
[ "$(grep -c 'pa\.' "$T/out")" = 8 ] || { fail "not one history entry a key"; cat "$T/out" >&2; }
expect_rc 0 "$PRMWB" --model "$MODEL" profile
[ "$(sed -n 2p "$T/out")" = "$(printf '6.1\tGovernance interface\tF\tL+\tL-\t\t\t\t\t\t\t2\t\t')" ] ||
	fail "profile after the keys: $(sed -n 2p "$T/out")"

# ---- u and C-r in the profile; the cursor follows the undo ----
tui_run 80 24 <<EOF
P
jj<Tab><Tab>p
:save-display $T/u-rated
kk
u
:save-display $T/u-undone
<C-r>
:save-display $T/u-redone
uu
:save-display $T/u-twice
EOF
expect_line "$T/u-rated" 5 "7.1 Hazard assessment           ·   ·  [P  ]·   ·   ·   ·   ·   ·     -"
expect_line "$T/u-undone" 5 "7.1 Hazard assessment           ·   ·  [·  ]·   ·   ·   ·   ·   ·     -"
expect_line "$T/u-undone" 24 "undid pa.2.2 of 7.1 (#10)"
expect_line "$T/u-redone" 5 "7.1 Hazard assessment           ·   ·  [P  ]·   ·   ·   ·   ·   ·     -"
expect_line "$T/u-redone" 24 "redid pa.2.2 of 7.1 (#11)"
# the one before: pa.3.1 of 6.1 back to N
expect_line "$T/u-twice" 3 "6.1 Governance interface        F   L+  L- [N  ]·   ·   ·   ·   ·     2"
expect_line "$T/u-twice" 24 "undid pa.3.1 of 6.1 (#13)"

# ---- Enter: the process in the tree and detail, at the PA ----
tui_run 80 24 <<EOF
P
jjjjj<Tab><Tab><Tab>
<Enter>
:save-display $T/enter
e
:save-display $T/enter-edit
EOF
expect_in "$T/enter" " tuitest | 7.4 | "
expect_line "$T/enter-edit" 23 " 7.4 pa.3.1:"

# ---- a wider terminal: whole names and the level bar ----
set_ 7.4 pa.1.1 F
set_ 7.4 pa.2.1 L
set_ 7.4 pa.2.2 F
set_ 7.4 target 3
tui_run 120 30 <<EOF
P
:save-display $T/wide
EOF
expect_screen "$T/wide" <<'EOF'
 Profile of tuitest: 7 processes                                                                                    1/7
id  process                           1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2 lvl tgt gap
6.1 Governance interface             [F  ]L+  L-  N   ·   ·   ·   ·   ·     2          ██···
6.2 計画 planning                     ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.1 Hazard assessment                 ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.2 Odd \u009B2J name \u202Ereversed  ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.3 Change control                    ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.4 Incident management               F   L   F   ·   ·   ·   ·   ·   ·     2   3   1  ██░··
8.1 Records                           ·   ·   ·   ·   ·   ·   ·   ·   ·     -


















levels 0:0 1:0 2:2 3:0 4:0 5:0   not assessed: 5   below target: 1
 6.1 Governance interface | level 2, target - | PA 1.1 process performance: F
?:help q:back n/p/l/f:rate -/+:refine x:clear Tab/h:column b:as-of Enter:open
EOF
# NO_COLOR: nothing depends on colour (letters, dots and bars): the same screen
NO_COLOR=1 tui_run 120 30 <<EOF
P
:save-display $T/wide-nocolor
EOF
cmp -s "$T/wide" "$T/wide-nocolor" || fail "NO_COLOR changed the profile"

# ---- as of a baseline: read-only, the level's change since beside it ----
expect_rc 0 "$PRMWB" --model "$MODEL" baseline create audit-2026 --note "first audit"
set_ 7.4 pa.2.1 P           # 7.4: level 2 -> 1
set_ 7.1 pa.1.1 L           # 7.1: not assessed -> 1
expect_rc 0 "$PRMWB" --model "$MODEL" baseline create mid-year
set_ 8.1 pa.1.1 N           # 8.1: not assessed -> 0
set_ 6.1 pa.2.1 P           # 6.1: level 2 -> 1
tui_run 80 24 <<EOF
P
b
:save-display $T/chooser
j
<Enter>
:save-display $T/asof
l
:save-display $T/asof-rate
u
:save-display $T/asof-undo
b
:save-display $T/asof-back
EOF
sed -E "s/  $(id -un)(  |$)/  @USER@\1/; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}Z/@TIME@/" \
	"$T/chooser" >"$T/chooser.s"
expect_screen "$T/chooser.s" <<'EOF'
 Profile of tuitest: 7 processes                                            1/7
As of which baseline? (newest first)
> mid-year  #21  @TIME@  @USER@
  audit-2026  #18  @TIME@  @USER@  first audit


















 6.1 Governance interface | level 1, target - | PA 1.1 process performance: F
j/k: choose  Enter: show the profile as of it  Esc: back
EOF
stable "$T/asof" | sed 's/@TIME@Z/@TIME@/' >"$T/asof.s"
expect_screen "$T/asof.s" <<'EOF'
 Profile of tuitest as of audit-2026 (#18, @TIME@), read-only    1/7
id  process                 1.1 2.1 2.2 3.1 3.2 4.1 4.2 5.1 5.2 lvl tgt gap now
6.1 Governance interface   [F  ]L+  L-  N   ·   ·   ·   ·   ·     2          ↓1
6.2 計画 planning           ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.1 Hazard assessment       ·   ·   ·   ·   ·   ·   ·   ·   ·     -          ↑1
7.2 Odd \u009B2J name \u2…  ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.3 Change control          ·   ·   ·   ·   ·   ·   ·   ·   ·     -
7.4 Incident management     F   L   F   ·   ·   ·   ·   ·   ·     2   3   1  ↓1
8.1 Records                 ·   ·   ·   ·   ·   ·   ·   ·   ·     -          ↑0












levels 0:0 1:0 2:2 3:0 4:0 5:0   not assessed: 5   below target: 1
 6.1 Governance interface | level 2, target - | PA 1.1 process performance: F
as of baseline audit-2026: read-only; beside each level its change since (now)
EOF
expect_line "$T/asof-rate" 24 "as of baseline audit-2026 the profile is read-only: b goes back to now"
expect_line "$T/asof-rate" 3 "6.1 Governance interface   [F  ]L+  L-  N   ·   ·   ·   ·   ·     2          ↓1"
expect_line "$T/asof-undo" 24 "as of baseline audit-2026 the profile is read-only: b goes back to now"
expect_line "$T/asof-back" 1 " Profile of tuitest: 7 processes                                            1/7"
expect_line "$T/asof-back" 24 "the profile now"
expect_line "$T/asof-back" 9 "8.1 Records                     N   ·   ·   ·   ·   ·   ·   ·   ·     0"
# nothing was written while as of
expect_rc 0 "$PRMWB" --model "$MODEL" get 6.1 pa.1.1
echo F | expect_out -
# outside UTF-8 the marks are ^ and v (as of mid-year, the newest)
LANG=C LC_ALL=C tui_run 80 24 <<EOF
P
b
<Enter>
:save-display $T/asof-ascii
EOF
expect_line "$T/asof-ascii" 3 "6.1 Governance interface   [F  ]L+  L-  N   .   .   .   .   .     2          v1"
expect_line "$T/asof-ascii" 5 "7.1 Hazard assessment       L   .   .   .   .   .   .   .   .     1"
expect_line "$T/asof-ascii" 9 "8.1 Records                 .   .   .   .   .   .   .   .   .     -          ^0"
# no baseline: b says how to make one
tui_run 80 24 --db "$T/db-none" <<EOF
P
b
:save-display $T/no-baseline
EOF
expect_line "$T/no-baseline" 24 "no baseline yet: 'prmwb baseline create NAME' names the point to compare with"

# ---- r in the detail pane: the outcome or PA under the cursor ----
tui_run 90 30 <<EOF
 :7.4<Enter>
<Tab>
r
:save-display $T/r-prompt
l
:save-display $T/r-rated
r+
:save-display $T/r-refined
rz
:save-display $T/r-badkey
r<Esc>
:save-display $T/r-esc
rn
r-
:save-display $T/r-refine-n
<Tab>
r
:save-display $T/r-tree
EOF
expect_in "$T/r-prompt" "│   [-] 1. Incidents are reported."
expect_line "$T/r-prompt" 30 "rate outcome.1 of 7.4 (now not rated): n/p/l/f, -/+ refine, x clear, Esc cancel"
expect_in "$T/r-rated" "│   [L] 1. Incidents are reported."
expect_line "$T/r-rated" 30 "outcome.1 of 7.4: saved (#24)"
expect_in "$T/r-refined" "│   [L+] 1. Incidents are reported."
expect_line "$T/r-badkey" 30 "outcome.1 not changed: r is followed by n, p, l, f, -, +, x or Delete, not z"
expect_line "$T/r-esc" 30 "r cancelled: outcome.1 not changed"
expect_in "$T/r-esc" "│   [L+] 1. Incidents are reported."
expect_line "$T/r-refine-n" 30 "outcome.1 of 7.4 is N: only P and L have halves (P-, P+, L-, L+)"
expect_in "$T/r-refine-n" "│   [N] 1. Incidents are reported."
expect_in "$T/r-tree" "r rates an outcome or a process attribute (PA): select one in the detail pane first"
# n and N keep their meaning (find next/previous); r works on a PA field
tui_run 90 30 <<EOF
/7.3
<Enter>
n
:save-display $T/r-find
 :7.4<Enter>
P
<Tab><Tab><Tab><Tab>
<Enter>
r
:save-display $T/r-pa-prompt
p
:save-display $T/r-pa
EOF
expect_in "$T/r-find" "search wrapped: match 1 of 1"
expect_line "$T/r-pa-prompt" 30 "rate pa.3.2 of 7.4 (now not rated): n/p/l/f, -/+ refine, x clear, Esc cancel"
expect_line "$T/r-pa" 30 "pa.3.2 of 7.4: saved (#27)"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 pa.3.2
echo P | expect_out -
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 outcome.1
echo N | expect_out -

# ---- ratings of retired outcome numbers: shown, marked, read-only ----
set_ 7.4 outcome.2 L-
sed 's|<outcome n="2">Incidents are resolved.</outcome>||' "$MODEL" >"$T/split.xml"
TUI_MODEL="$T/split.xml"
tui_run 90 30 <<EOF
 :7.4<Enter>
<Tab>
:save-display $T/retired
jr
:save-display $T/retired-r
EOF
expect_in "$T/retired" "│   [N] 1. Incidents are reported."
expect_in "$T/retired" "│   [L-] 2. (retired: not an outcome of this model;"
# j passes over it (not selectable): r is not on an outcome
expect_not_in "$T/retired-r" "rate outcome.2"
TUI_MODEL=$MODEL

# ---- a read-only store: no rating ----
tui_run 80 24 --read-only <<EOF
P
f
:save-display $T/ro
EOF
expect_line "$T/ro" 24 "read-only: the store $PRMWB_DB cannot be changed (--read-only)"
expect_line "$T/ro" 23 " 6.1 Governance interface | level 1, target - | PA 1.1 process performance: F"

# ---- another user's change: refreshed on the idle poll; a rating based
# on the value shown before it is a conflict (a workbench fed through a
# pipe: tui_lib.sh fifo_start and step) ----
fifo_start 80
dump=c-open; step " :7.3<Enter>" "P"
expect_line "$T/c-open" 7 "7.3 Change control             [·  ]·   ·   ·   ·   ·   ·   ·   ·     -"
set_ 7.3 pa.1.1 P           # another user, while the profile is shown
dump=c-idle; step ":wait-idle"
expect_line "$T/c-idle" 7 "7.3 Change control             [P  ]·   ·   ·   ·   ·   ·   ·   ·     0"
set_ 7.3 pa.1.1 L           # again, and this time no poll before the key
dump=c-conflict; step "f"
expect_in "$T/c-conflict" "not saved: pa.1.1 of 7.3 was changed by"
tr -d '\n' <"$T/c-conflict" | grep -q "theirs *'L', *yours *'F' *- *o: *save *yours *over *theirs, *any *other *key: *keep *theirs" ||
	fail "conflict: no question with both values: $(tail -n 4 "$T/c-conflict")"
# theirs is on screen now, and nothing of ours was written
expect_line "$T/c-conflict" 7 "7.3 Change control             [L  ]·   ·   ·   ·   ·   ·   ·   ·     1"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.3 pa.1.1
echo L | expect_out -
dump=c-kept; step "k"
expect_line "$T/c-kept" 24 "pa.1.1 of 7.3: theirs kept, yours (F) not saved"
set_ 7.3 pa.1.1 P
dump=c-conflict2; step "f"
expect_in "$T/c-conflict2" "not saved: pa.1.1 of 7.3 was changed by"
dump=c-over; step "o"
expect_line "$T/c-over" 7 "7.3 Change control             [F  ]·   ·   ·   ·   ·   ·   ·   ·     1"
expect_in "$T/c-over" "pa.1.1 of 7.3: saved (#"
# the same in the detail pane (r): based on the value shown there (Enter
# in the profile opened 7.3 at PA 1.1)
dump=c-detail; step "<Enter>" "r"
expect_in "$T/c-detail" "rate pa.1.1 of 7.3 (now F)"
set_ 7.3 pa.1.1 L
dump=c-detail-conflict; step "n"
tr -d '\n' <"$T/c-detail-conflict" | grep -q "not saved: pa.1.1 of 7.3 was changed by.*theirs *'L', *yours *'N'" ||
	fail "r: no conflict question: $(tail -n 4 "$T/c-detail-conflict")"
dump=c-detail-esc; step "<Esc>"
expect_in "$T/c-detail-esc" "PA 1.1:        L"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.3 pa.1.1
echo L | expect_out -
fifo_end

# ---- tiny sizes and resizes: columns scroll sideways, the id stays ----
tui_run 20 6 <<EOF
P
:save-display $T/tiny
<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>
:save-display $T/tiny-right
:resize 30x8
:save-display $T/small
:resize 19x5
:save-display $T/too-small
:resize 200x50
:save-display $T/huge
b
:resize 24x7
:save-display $T/tiny-chooser
EOF
expect_screen "$T/tiny" <<'EOF'
 Profile of tu… 1/7
id  1.1 2.1 2.2 3.1>
6.1[F  ]P   L-  N  >
6.2 ·   ·   ·   ·  >
 6.1 Governance int…
?:help q:back n/p/l/
EOF
expect_screen "$T/tiny-right" <<'EOF'
 Profile of tu… 1/7
id <4.1 4.2 5.1 5.2>
6.1<·   ·   ·  [·  ]
6.2<·   ·   ·   ·  >
 6.1 Governance int…
?:help q:back n/p/l/
EOF
expect_in "$T/too-small" "Terminal too small"
expect_in "$T/huge" "levels 0:1 1:4 2:0 3:0 4:0 5:0   not assessed: 2   below target: 1"
expect_in "$T/tiny-chooser" "> mid-year"

done_testing
