#!/bin/sh
# End-to-end (script mode): the overview (O) on the default model with a
# filled store (tui_records.sh): counts by status, a bar per level, below
# target, no owner, reviews passed and due (today in UTC), not applicable
# with the justification; Enter lists the processes of a line and Enter on
# one opens it; the overview and its lists follow the store (another
# process's change, seen when idle); sizes down to the smallest, resizes,
# NO_COLOR, and a workbench without a store yet.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_records.sh"

# ---- no store yet: every process counts as not set, not assessed ----
tui_run 80 24 <<EOF
O
:save-display $T/empty
EOF
expect_line "$T/empty" 3 "  not set                    17  ████████████████████████████████████████"
expect_line "$T/empty" 16 "  not assessed (-)           17  ████████████████████████████████████████"
expect_line "$T/empty" 19 "  no owner                   17"
expect_line "$T/empty" 22 "  not applicable              0"

fill_store

# ---- the counts, the lists, a process opened from a list ----
tui_run 80 24 <<EOF
O
:save-display $T/ov
G
:save-display $T/ov-end
<Enter>
:save-display $T/na-opened
O
:save-display $T/ov-again
Gkkkkk<Enter>
:save-display $T/below
q
j<Enter>
:save-display $T/noowner
q
j<Enter>
:save-display $T/passed
q
j<Enter>
:save-display $T/due
q
j<Enter>
:save-display $T/na
q
gjj<Enter>
:save-display $T/planned
j<Enter>
:save-display $T/opened
EOF
expect_screen "$T/ov" <<EOS
 Overview: 17 processes of iso27022                                        2/22
Status
  not set                    12  █████████████████████████████
  not-started                 0
  planned                     2  █████
  in-progress                 1  ███
  implemented                 1  ███
  verified                    1  ███
Capability level
  level 0                     1  ███
  level 1                     1  ███
  level 2                     1  ███
  level 3                     1  ███
  level 4                     0
  level 5                     0
  not assessed (-)           12  █████████████████████████████
Needs attention
  below target                2
  no owner                   12
  review date passed          1
  review due in 30 days       1
  not applicable              1

j/k: move  Enter: list these processes  q/Esc/O: back
EOS
expect_screen "$T/ov-end" <<EOS
 Overview: 17 processes of iso27022                                       22/22
  not set                    12  █████████████████████████████
  not-started                 0
  planned                     2  █████
  in-progress                 1  ███
  implemented                 1  ███
  verified                    1  ███
Capability level
  level 0                     1  ███
  level 1                     1  ███
  level 2                     1  ███
  level 3                     1  ███
  level 4                     0
  level 5                     0
  not assessed (-)           12  █████████████████████████████
Needs attention
  below target                2
  no owner                   12
  review date passed          1
  review due in 30 days       1
  not applicable              1
    8.5: No customers of our own. …

j/k: move  Enter: list these processes  q/Esc/O: back
EOS
expect_screen "$T/below" <<EOS
 below target: 2 processes
7.2  level 2 → target 3  Security policy management
7.4  level 0 → target 2  Information security risk assessment




















j/k: move  Enter: open the process  q/Esc: back to the overview
EOS
expect_screen "$T/noowner" <<EOS
 no owner: 12 processes
6.2   Information security governance/management interface
7.5   Information security risk treatment
7.6   Security implementation management
7.7   Process to control outsourced services
7.8   Process to assure necessary awareness and competence
7.10  Information security change management
7.11  Internal audit
7.12  Performance evaluation
7.13  Information security improvement
8.2   Records control
8.3   Resource management
8.4   Communication










j/k: move  Enter: open the process  q/Esc: back to the overview
EOS
expect_screen_but "$T/passed" "$T/below" \
	1 ' review date passed: 1 process' \
	2 "7.10  review $PASSED  Information security change management" \
	3 ''
expect_screen_but "$T/due" "$T/passed" \
	1 ' review due in 30 days: 1 process' \
	2 "7.9  review $DUE  Information security incident management"
expect_screen_but "$T/na" "$T/passed" \
	1 ' not applicable: 1 process' \
	2 '8.5  n/a: No customers of our own. …  Information security customer relationshi…'
expect_screen_but "$T/planned" "$T/below" \
	1 ' status planned: 2 processes' \
	2 '7.2  Security policy management' \
	3 '7.3  Requirements management'
# Enter on the justification's line, and on a process of a list, opens it
expect_in "$T/na-opened" " iso27022 | 8.5 | $PRMWB_DB  [-] no status"
expect_in "$T/na-opened" "│ Status: -  Level: n/a  Owner: -  Review: -"
cmp -s "$T/ov" "$T/ov-again" || fail "the overview opened again differs"
sed "s|$T|@T@|g" "$T/opened" >"$T/opened.s"
expect_in "$T/opened.s" " iso27022 | 7.3 | @T@/db  [p] planned  1-22/129"
expect_in "$T/opened.s" "│ Status: planned  Level: 1 → target 1"
expect_in "$T/opened.s" "│ Owner: bob  Review: -"

# ---- the store changes while a list is open: seen when idle ----
cat >"$T/ed-other" <<EOF
"$PRMWB" --model "$TUI_MODEL" set 7.2 status implemented >/dev/null
"$PRMWB" --model "$TUI_MODEL" set 7.6 owner dave >/dev/null
EOF
EDITOR="sh $T/ed-other" tui_run 80 24 <<EOF
E
Ojj<Enter>
:save-display $T/stale
:wait-idle
:save-display $T/fresh
q
:save-display $T/ov-fresh
EOF
expect_line "$T/stale" 1 " status planned: 2 processes"
expect_screen_but "$T/fresh" "$T/passed" \
	1 ' status planned: 1 process' \
	2 '7.3  Requirements management'
expect_screen_but "$T/ov-fresh" "$T/ov" \
	1 ' Overview: 17 processes of iso27022                                        4/22' \
	5 '  planned                     1  ███' \
	7 '  implemented                 2  █████' \
	19 '  no owner                   11'

# ---- sizes, resizes, NO_COLOR (bars and counts are characters) ----
for size in 40x12 20x6 19x5; do
	tui_run "${size%x*}" "${size#*x}" <<EOF
Ojjj
:save-display $T/size-$size
:resize 30x8
:save-display $T/resized-$size
EOF
done
NO_COLOR=1 tui_run 40 12 <<EOF
Ojjj
:save-display $T/nocolor
EOF
cmp -s "$T/size-40x12" "$T/nocolor" || fail "NO_COLOR changes the overview's text"
expect_screen "$T/size-40x12" <<EOS
 Overview: 17 processes of iso270… 5/22
Status
  not set                    12  █████
  not-started                 0
  planned                     1  █
  in-progress                 1  █
  implemented                 2  █
  verified                    1  █
Capability level
  level 0                     1  █

j/k: move  Enter: list these processes
EOS
expect_screen "$T/resized-40x12" <<EOS
 Overview: 17 processes… 5/22
Status
  not set                12
  not-started             0
  planned                 1
  in-progress             1

j/k: move  Enter: list these p
EOS
expect_screen "$T/size-20x6" <<EOS
 Overview: 17… 5/22
  not-starte    0
  planned       1
  in-progres    1

j/k: move  Enter: li
EOS
expect_screen "$T/resized-20x6" <<EOS
 Overview: 17 processes… 5/22
  not-started             0
  planned                 1
  in-progress             1
  implemented             2
  verified                1

j/k: move  Enter: list these p
EOS
expect_screen "$T/size-19x5" <<EOS
Terminal too small
(19x5): need 20x6.
q quits.


EOS
# Too small, keys wait; larger again, the main view as it was.
expect_line "$T/resized-19x5" 1 "ISMS process reference model …"
expect_in "$T/resized-19x5" " iso27022 | 6.2 | …"
done_testing
