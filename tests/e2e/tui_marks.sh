#!/bin/sh
# End-to-end (script mode): marks (t, T) on the default model with a filled
# store (tui_records.sh), and an edit of every marked process as one change
# set: the question says how many; n goes back to the editor, y writes;
# `prmwb log` shows one change set; u undoes all of it and C-r redoes it;
# another user's later change makes u refuse, naming who and what. Also:
# a category marked at once, marks hidden by the filter counted in the
# question, E and outcome ratings refused with marks, small sizes.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_records.sh"
fill_store

# ---- t, T, a category ----
tui_run 80 24 <<EOF
 :7.6<Enter>
ttt
:save-display $T/marked
T
:save-display $T/cleared
T
:save-display $T/none
 :8.2<Enter>
kt
:save-display $T/category
e
:save-display $T/category-edit
<Esc>
t
:save-display $T/category-off
EOF
# e on the category just marked edits its processes
expect_line "$T/category-edit" 23 " 4 marked owner:"
norm "$T/marked"
expect_screen "$T/marked.s" <<EOS
ISMS process reference model af…│ 7.9 Information security incident management
├─▾ Management processes (1)    │ Short name: Incident management
│ └─ - 6.2 Governance interface │ Status: -  Level: -  Owner: carol
├─▾ Core processes (12)         │ Review: $DUE
│ ├─ p 7.2 Policy management    │ Last change: @TIME@Z by @USER@ (#22)
│ ├─ p 7.3 Requirements         │ Handles information security events and
│ ├─ i 7.4 Risk assessment      │ incidents from the first report through
│ ├─ I 7.5 Risk treatment       │ assessment, response and recovery to the
│ ├─*- 7.6 Implementation       │ lessons learned.
│ ├─*- 7.7 Outsourced services  │
│ ├─*- 7.8 Skills and awareness │ Purpose
│ ├─ - 7.9 Incident management  │   To limit the harm that information security
│ ├─ V 7.10 Change management   │   incidents do to the organisation.
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │ Outcomes (achievement N/P/L/F)
│ └─ - 7.13 Improvement         │   [-] 7. Incident handling procedures, with
└─▾ Support processes (4)       │          the roles and contacts they need, are
  ├─ - 8.2 Records control      │          written down.
  ├─ - 8.3 Resource management  │          - ISO/IEC 27001:2022 Annex A 5.24
  ├─ - 8.4 Communication        │   [-] 8. Staff and suppliers know how and
  └─ - 8.5 Customer relations   │          where to report a security event.
                                │          - ISO/IEC 27001:2022 Annex A 6.8
 iso27022 | 7.9 | @T@/db  3 marked  [-] no status
marked 7.8: 3 marked (e edits them all, T clears)
EOS
norm "$T/cleared"
expect_screen "$T/cleared.s" <<EOS
ISMS process reference model af…│ 7.9 Information security incident management
├─▾ Management processes (1)    │ Short name: Incident management
│ └─ - 6.2 Governance interface │ Status: -  Level: -  Owner: carol
├─▾ Core processes (12)         │ Review: $DUE
│ ├─ p 7.2 Policy management    │ Last change: @TIME@Z by @USER@ (#22)
│ ├─ p 7.3 Requirements         │ Handles information security events and
│ ├─ i 7.4 Risk assessment      │ incidents from the first report through
│ ├─ I 7.5 Risk treatment       │ assessment, response and recovery to the
│ ├─ - 7.6 Implementation       │ lessons learned.
│ ├─ - 7.7 Outsourced services  │
│ ├─ - 7.8 Skills and awareness │ Purpose
│ ├─ - 7.9 Incident management  │   To limit the harm that information security
│ ├─ V 7.10 Change management   │   incidents do to the organisation.
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │ Outcomes (achievement N/P/L/F)
│ └─ - 7.13 Improvement         │   [-] 7. Incident handling procedures, with
└─▾ Support processes (4)       │          the roles and contacts they need, are
  ├─ - 8.2 Records control      │          written down.
  ├─ - 8.3 Resource management  │          - ISO/IEC 27001:2022 Annex A 5.24
  ├─ - 8.4 Communication        │   [-] 8. Staff and suppliers know how and
  └─ - 8.5 Customer relations   │          where to report a security event.
                                │          - ISO/IEC 27001:2022 Annex A 6.8
 iso27022 | 7.9 | @T@/db  [-] no status
3 marks cleared
EOS
norm "$T/none"
expect_screen_but "$T/none.s" "$T/cleared.s" \
	24 'no marks to clear'
norm "$T/category"
expect_screen "$T/category.s" <<EOS
ISMS process reference model af…│ Select a process (j/k, Enter).
├─▾ Management processes (1)    │
│ └─ - 6.2 Governance interface │
├─▾ Core processes (12)         │
│ ├─ p 7.2 Policy management    │
│ ├─ p 7.3 Requirements         │
│ ├─ i 7.4 Risk assessment      │
│ ├─ I 7.5 Risk treatment       │
│ ├─ - 7.6 Implementation       │
│ ├─ - 7.7 Outsourced services  │
│ ├─ - 7.8 Skills and awareness │
│ ├─ - 7.9 Incident management  │
│ ├─ V 7.10 Change management   │
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │
│ └─ - 7.13 Improvement         │
└─▾ Support processes (4)       │
  ├─*- 8.2 Records control      │
  ├─*- 8.3 Resource management  │
  ├─*- 8.4 Communication        │
  └─*- 8.5 Customer relations   │
                                │
 iso27022 | @T@/db  4 marked
marked the 4 processes of Support processes: 4 marked
EOS
norm "$T/category-off"
expect_screen "$T/category-off.s" <<EOS
ISMS process reference model af…│ Select a process (j/k, Enter).
├─▾ Management processes (1)    │
│ └─ - 6.2 Governance interface │
├─▾ Core processes (12)         │
│ ├─ p 7.2 Policy management    │
│ ├─ p 7.3 Requirements         │
│ ├─ i 7.4 Risk assessment      │
│ ├─ I 7.5 Risk treatment       │
│ ├─ - 7.6 Implementation       │
│ ├─ - 7.7 Outsourced services  │
│ ├─ - 7.8 Skills and awareness │
│ ├─ - 7.9 Incident management  │
│ ├─ V 7.10 Change management   │
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │
│ └─ - 7.13 Improvement         │
└─▾ Support processes (4)       │
  ├─ - 8.2 Records control      │
  ├─ - 8.3 Resource management  │
  ├─ - 8.4 Communication        │
  └─ - 8.5 Customer relations   │
                                │
 iso27022 | @T@/db
unmarked the 4 processes of Support processes: 0 marked
EOS

# ---- e with marks: owner (typed), then status (a choice) ----
tui_run 80 24 <<EOF
 :7.6<Enter>
ttt
e
:save-display $T/edit
:type Erin
<Enter>
:save-display $T/ask
n
:save-display $T/back
<Enter>y
:save-display $T/saved
<Tab>Gkkkkkkkkkkkkkkk
e<Tab><Tab>
:save-display $T/choice
<Enter>y
:save-display $T/saved2
EOF
expect_rc 0 "$PRMWB" --model "$TUI_MODEL" log --limit 6
sed -E 's/  [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z  [^ ]+  /  @TIME@  @USER@  /' "$T/out" >"$T/log"
norm "$T/edit"
expect_screen "$T/edit.s" <<EOS
ISMS process reference model af…│     outside parties
├─▾ Management processes (1)    │   > Provides input to 8.5 Information security
│ └─ - 6.2 Governance interface │     customer relationship management -
├─▾ Core processes (12)         │     incidents that affect customers
│ ├─ p 7.2 Policy management    │
│ ├─ p 7.3 Requirements         │ Related from (Enter: go there)
│ ├─ i 7.4 Risk assessment      │   < Receives input from 7.3 Requirements
│ ├─ I 7.5 Risk treatment       │     management - legal and contractual duties
│ ├─*- 7.6 Implementation       │     to report incidents
│ ├─*- 7.7 Outsourced services  │   < Receives input from 7.7 Process to control
│ ├─*- 7.8 Skills and awareness │     outsourced services - incidents reported
│ ├─ - 7.9 Incident management  │     by suppliers
│ ├─ V 7.10 Change management   │   < Is supported by 7.8 Process to assure
│ ├─ - 7.11 Internal audit      │     necessary awareness and competence - staff
│ ├─ - 7.12 Performance         │     who recognise and report incidents
│ └─ - 7.13 Improvement         │   < Is supported by 8.2 Records control -
└─▾ Support processes (4)       │     incident records and evidence
  ├─ - 8.2 Records control      │   < Is supported by 8.3 Resource management -
  ├─ - 8.3 Resource management  │     incident response capacity
  ├─ - 8.4 Communication        │
  └─ - 8.5 Customer relations   │ Record (e: edit, E: edit in \$EDITOR)
                                │   Owner:         carol
 3 marked owner:
Enter: save  Esc: cancel  C-a/C-e/C-k/C-u/C-w: edit
EOS
norm "$T/ask"
expect_screen_but "$T/ask.s" "$T/edit.s" \
	23 ' 3 marked owner: Erin' \
	24 'Set owner to Erin for 3 marked processes? y: yes  n: back to the editor'
norm "$T/back"
expect_screen_but "$T/back.s" "$T/edit.s" \
	23 ' 3 marked owner: Erin'
norm "$T/saved"
expect_screen_but "$T/saved.s" "$T/edit.s" \
	23 ' iso27022 | 7.9 | @T@/db  3 marked  [-] no status' \
	24 'owner set in 3 of 3 marked processes (change set #28: u undoes all of it)'
norm "$T/choice"
expect_screen "$T/choice.s" <<EOS
ISMS process reference model af…│   < Is supported by 8.3 Resource management -
├─▾ Management processes (1)    │     incident response capacity
│ └─ - 6.2 Governance interface │
├─▾ Core processes (12)         │ Record (e: edit, E: edit in \$EDITOR)
│ ├─ p 7.2 Policy management    │   Owner:         carol
│ ├─ p 7.3 Requirements         │   Status:
│ ├─ i 7.4 Risk assessment      │   Applicable:
│ ├─ I 7.5 Risk treatment       │   Justification:
│ ├─*- 7.6 Implementation       │   Notes:
│ ├─*- 7.7 Outsourced services  │   Evidence:
│ ├─*- 7.8 Skills and awareness │   Target level:
│ ├─ - 7.9 Incident management  │   PA 1.1:
│ ├─ V 7.10 Change management   │   PA 2.1:
│ ├─ - 7.11 Internal audit      │   PA 2.2:
│ ├─ - 7.12 Performance         │   PA 3.1:
│ └─ - 7.13 Improvement         │   PA 3.2:
└─▾ Support processes (4)       │   PA 4.1:
  ├─ - 8.2 Records control      │   PA 4.2:
  ├─ - 8.3 Resource management  │   PA 5.1:
  ├─ - 8.4 Communication        │   PA 5.2:
  └─ - 8.5 Customer relations   │   Review date:   $DUE
                                │   Last change:   @USER@, @TIME@Z (#22)
 3 marked status: planned
Tab/Up/Down: not-started planned in-progress implemented verified  Enter: save
EOS
norm "$T/saved2"
expect_screen "$T/saved2.s" <<EOS
ISMS process reference model af…│   < Is supported by 8.3 Resource management -
├─▾ Management processes (1)    │     incident response capacity
│ └─ - 6.2 Governance interface │
├─▾ Core processes (12)         │ Record (e: edit, E: edit in \$EDITOR)
│ ├─ p 7.2 Policy management    │   Owner:         carol
│ ├─ p 7.3 Requirements         │   Status:
│ ├─ i 7.4 Risk assessment      │   Applicable:
│ ├─ I 7.5 Risk treatment       │   Justification:
│ ├─*p 7.6 Implementation       │   Notes:
│ ├─*p 7.7 Outsourced services  │   Evidence:
│ ├─*p 7.8 Skills and awareness │   Target level:
│ ├─ - 7.9 Incident management  │   PA 1.1:
│ ├─ V 7.10 Change management   │   PA 2.1:
│ ├─ - 7.11 Internal audit      │   PA 2.2:
│ ├─ - 7.12 Performance         │   PA 3.1:
│ └─ - 7.13 Improvement         │   PA 3.2:
└─▾ Support processes (4)       │   PA 4.1:
  ├─ - 8.2 Records control      │   PA 4.2:
  ├─ - 8.3 Resource management  │   PA 5.1:
  ├─ - 8.4 Communication        │   PA 5.2:
  └─ - 8.5 Customer relations   │   Review date:   $DUE
                                │   Last change:   @USER@, @TIME@Z (#22)
 iso27022 | 7.9 | @T@/db  3 marked  [-] no status  137-158/158
status set in 3 of 3 marked processes (change set #31: u undoes all of it)
EOS
# One change set per edit of the marked processes, as the CLI's log shows.
expect_screen "$T/log" <<'EOS'
change set #31  @TIME@  @USER@  changes made together
  #33  @TIME@  @USER@  7.8  status  "" → "planned"
  #32  @TIME@  @USER@  7.7  status  "" → "planned"
  #31  @TIME@  @USER@  7.6  status  "" → "planned"
change set #28  @TIME@  @USER@  changes made together
  #30  @TIME@  @USER@  7.8  owner  "" → "Erin"
  #29  @TIME@  @USER@  7.7  owner  "" → "Erin"
  #28  @TIME@  @USER@  7.6  owner  "" → "Erin"
EOS

# ---- u undoes the whole set, C-r redoes it ----
tui_run 80 24 <<EOF
u
:save-display $T/undone
EOF
for p in 7.6 7.7 7.8; do
	expect_rc 0 "$PRMWB" --model "$TUI_MODEL" get "$p" status
	expect_out /dev/null
	expect_rc 0 "$PRMWB" --model "$TUI_MODEL" get "$p" owner
	echo Erin | expect_out -
done
tui_run 80 24 <<EOF
<C-r>
:save-display $T/redone
EOF
for p in 7.6 7.7 7.8; do
	expect_rc 0 "$PRMWB" --model "$TUI_MODEL" get "$p" status
	echo planned | expect_out -
done

# ---- another user changes one field of the set: u refuses, naming them ----
printf 'user bob\nset 7.7 status verified\n' |
	"$TOP_BUILDDIR/tests/tools/store_raw" -S "$PRMWB_DB" iso27022 >/dev/null || fail "bob's change"
tui_run 80 24 <<EOF
u
:save-display $T/refused
EOF
expect_rc 0 "$PRMWB" --model "$TUI_MODEL" get 7.6 status
echo planned | expect_out -

# ---- marks the filter hides are counted; E and outcomes edit one process ----
tui_run 80 24 <<EOF
 :7.9<Enter>
t
Fsp
 :7.3<Enter>
te
:type Frank
<Enter>
:save-display $T/hidden
<Esc><Esc>
E
:save-display $T/no-e
<Tab>g
:save-display $T/outcome-line
e
:save-display $T/no-outcome
EOF

# ---- small sizes ----
tui_run 40 12 <<EOF
 :7.11<Enter>
tt
:save-display $T/small
e
:save-display $T/small-edit
:resize 20x6
:save-display $T/tiny
<Enter>
:save-display $T/tiny-ask
:resize 40x12
n<Esc>
:save-display $T/small-after
EOF
norm "$T/undone"
expect_screen "$T/undone.s" <<EOS
ISMS process reference model af…│     management - changes to systems and
├─▾ Management processes (1)    │     operations
│ └─ - 6.2 Governance interface │   > Provides input to 7.12 Performance
├─▾ Core processes (12)         │     evaluation - implementation status
│ ├─ p 7.2 Policy management    │
│ ├─ p 7.3 Requirements         │ Related from (Enter: go there)
│ ├─ i 7.4 Risk assessment      │   < Is triggered by 7.5 Information security
│ ├─ I 7.5 Risk treatment       │     risk treatment - the approved treatment
│ ├─ - 7.6 Implementation       │     plan, implementation plan and Statement of
│ ├─ - 7.7 Outsourced services  │     Applicability
│ ├─ - 7.8 Skills and awareness │   < Receives input from 7.10 Information
│ ├─ - 7.9 Incident management  │     security change management - approved
│ ├─ V 7.10 Change management   │     changes
│ ├─ - 7.11 Internal audit      │   < Is supported by 8.2 Records control -
│ ├─ - 7.12 Performance         │     operating procedures
│ └─ - 7.13 Improvement         │   < Is supported by 8.3 Resource management -
└─▾ Support processes (4)       │     people, budget and tools for
  ├─ - 8.2 Records control      │     implementation
  ├─ - 8.3 Resource management  │
  ├─ - 8.4 Communication        │ Record (e: edit, E: edit in \$EDITOR)
  └─ - 8.5 Customer relations   │   Owner:         Erin
                                │   Status:
 iso27022 | 7.6 | @T@/db  [-] no status
undid change set #31: status of 3 processes (#34)
EOS
norm "$T/redone"
expect_screen "$T/redone.s" <<EOS
ISMS process reference model af…│     management - changes to systems and
├─▾ Management processes (1)    │     operations
│ └─ - 6.2 Governance interface │   > Provides input to 7.12 Performance
├─▾ Core processes (12)         │     evaluation - implementation status
│ ├─ p 7.2 Policy management    │
│ ├─ p 7.3 Requirements         │ Related from (Enter: go there)
│ ├─ i 7.4 Risk assessment      │   < Is triggered by 7.5 Information security
│ ├─ I 7.5 Risk treatment       │     risk treatment - the approved treatment
│ ├─ p 7.6 Implementation       │     plan, implementation plan and Statement of
│ ├─ p 7.7 Outsourced services  │     Applicability
│ ├─ p 7.8 Skills and awareness │   < Receives input from 7.10 Information
│ ├─ - 7.9 Incident management  │     security change management - approved
│ ├─ V 7.10 Change management   │     changes
│ ├─ - 7.11 Internal audit      │   < Is supported by 8.2 Records control -
│ ├─ - 7.12 Performance         │     operating procedures
│ └─ - 7.13 Improvement         │   < Is supported by 8.3 Resource management -
└─▾ Support processes (4)       │     people, budget and tools for
  ├─ - 8.2 Records control      │     implementation
  ├─ - 8.3 Resource management  │
  ├─ - 8.4 Communication        │ Record (e: edit, E: edit in \$EDITOR)
  └─ - 8.5 Customer relations   │   Owner:         Erin
                                │   Status:        planned
 iso27022 | 7.6 | @T@/db  [p] planned
redid change set #34: status of 3 processes (#37)
EOS
norm "$T/refused"
expect_screen "$T/refused.s" <<EOS
ISMS process reference model af…│ 6.2 Information security governance/management
├─▾ Management processes (1)    │     interface
│ └─ - 6.2 Governance interface │ Short name: Governance interface
├─▾ Core processes (12)         │ Status: -  Level: -  Owner: -  Review: -
│ ├─ p 7.2 Policy management    │ No record yet (e: edit)
│ ├─ p 7.3 Requirements         │ Connects top management and the governing body
│ ├─ i 7.4 Risk assessment      │ with the ISMS. It turns business direction
│ ├─ I 7.5 Risk treatment       │ into security direction and makes sure that
│ ├─ p 7.6 Implementation       │ the ISMS reports what leaders need to decide.
│ ├─ V 7.7 Outsourced services  │
│ ├─ p 7.8 Skills and awareness │ Purpose
│ ├─ - 7.9 Incident management  │   To keep the ISMS aligned with the business
│ ├─ V 7.10 Change management   │   direction that top management sets.
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │ Outcomes (achievement N/P/L/F)
│ └─ - 7.13 Improvement         │   [-] 6. Top management has approved the ISMS
└─▾ Support processes (4)       │          scope.
  ├─ - 8.2 Records control      │   [-] 7. Top management has approved the
  ├─ - 8.3 Resource management  │          information security objectives.
 iso27022 | 6.2 | @T@/db  [-] no status  3/21
undo refused: change set #31 (3 fields) has 1 that cannot be undone: 7.7 status
(#32): changed since, by bob at @ISOTIME@, #40; nothing was changed
(their work is kept). 'prmwb undo --partial' undoes the other 2 fields and lists
the rest
EOS
norm "$T/hidden"
expect_screen "$T/hidden.s" <<EOS
ISMS process reference model af…│     management - changes to systems and
└─▾ Core processes (4 of 12)    │     operations
  ├─ p 7.2 Policy management    │   > Provides input to 7.12 Performance
  ├─*p 7.3 Requirements         │     evaluation - implementation status
  ├─ p 7.6 Implementation       │
  └─ p 7.8 Skills and awareness │ Related from (Enter: go there)
                                │   < Is triggered by 7.5 Information security
                                │     risk treatment - the approved treatment
                                │     plan, implementation plan and Statement of
                                │     Applicability
                                │   < Receives input from 7.10 Information
                                │     security change management - approved
                                │     changes
                                │   < Is supported by 8.2 Records control -
                                │     operating procedures
                                │   < Is supported by 8.3 Resource management -
                                │     people, budget and tools for
                                │     implementation
                                │
                                │ Record (e: edit, E: edit in \$EDITOR)
                                │   Owner:         Erin
 2 marked owner: Frank
Set owner to Frank for 2 marked processes, 1 of them hidden by the filter? y:
yes  n: back to the editor
EOS
norm "$T/no-e"
expect_screen_but "$T/no-e.s" "$T/hidden.s" \
	22 '                                │   Status:        planned' \
	23 ' iso27022 | 7.6 | …@DB@  [filter: status planned, 4 of 17]  2 marked  [p] planned' \
	24 'E edits one process: e edits the 2 marked ones, T clears the marks'
norm "$T/outcome-line"
expect_screen "$T/outcome-line.s" <<EOS
ISMS process reference model af…│ 7.6 Security implementation management
└─▾ Core processes (4 of 12)    │ Short name: Implementation
  ├─ p 7.2 Policy management    │ Status: planned  Level: -  Owner: Erin
  ├─*p 7.3 Requirements         │ Review: -
  ├─ p 7.6 Implementation       │ Last change: @TIME@Z by @USER@ (#37)
  └─ p 7.8 Skills and awareness │ Carries the risk treatment plan into practice:
                                │ puts the selected controls in place, runs them
                                │ day to day and checks that they are working as
                                │ planned.
                                │
                                │ Purpose
                                │   To bring the controls chosen in risk
                                │   treatment into reliable day-to-day
                                │   operation.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. Each action in the treatment plan has
                                │          a responsible person, a schedule and
                                │          the resources it needs.
                                │          - ISO/IEC 27001:2022 6.2
                                │   [-] 2. Selected controls are implemented and
                                │          their completion is recorded.
 iso27022 | 7.6 | …@DB@  [filter: status planned, 4 of 17]  2 marked  [p] planned
?:help q:quit Tab/h:tree Enter:follow/edit e:edit E:\$EDITOR u:undo L:log
EOS
norm "$T/no-outcome"
expect_screen_but "$T/no-outcome.s" "$T/outcome-line.s" \
	24 'outcome.1 is edited one process at a time: T clears the 2 marks'
norm "$T/small"
expect_screen "$T/small.s" <<EOS
│ ├─ I 7.5 Risk treatment
│ ├─ p 7.6 Implementation
│ ├─ V 7.7 Outsourced services
│ ├─ p 7.8 Skills and awareness
│ ├─ - 7.9 Incident management
│ ├─ V 7.10 Change management
│ ├─*- 7.11 Internal audit
│ ├─*- 7.12 Performance evaluation
│ └─ - 7.13 Improvement
 iso27022 | 7.13 | …@DB@  2 marked  [-]
marked 7.12: 2 marked (e edits them all,
T clears)
EOS
norm "$T/small-edit"
expect_screen_but "$T/small-edit.s" "$T/small.s" \
	10 '└─▾ Support processes (4)' \
	11 ' 2 marked owner:' \
	12 'Enter: save  Esc: cancel  C-a/C-e/C-k/C-'
norm "$T/tiny"
expect_screen "$T/tiny.s" <<EOS
│ ├─ V 7.10 Change …
│ ├─*- 7.11 Interna…
│ ├─*- 7.12 Perform…
│ └─ - 7.13 Improve…
 2 mark…:
Enter: save  Esc: ca
EOS
norm "$T/tiny-ask"
expect_screen "$T/tiny-ask.s" <<EOS
│ ├─*- 7.12 Perform…
│ └─ - 7.13 Improve…
 2 mark…:
Clear owner in 2
marked processes? y:
yes  n: back to the…
EOS
norm "$T/small-after"
expect_screen_but "$T/small-after.s" "$T/small-edit.s" \
	11 ' iso27022 | 7.13 | …@DB@  2 marked  [-]' \
	12 'not changed'
done_testing
