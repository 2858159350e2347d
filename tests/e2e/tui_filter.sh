#!/bin/sh
# End-to-end (script mode): the tree's filter (F) on the default model with
# a filled store (tui_records.sh): by status, owner, level, below target
# and review due; the status line says which and how many; F again clears
# it; the cursor stays on its process, or goes to the nearest one shown;
# going to a hidden process (an id, a search) drops the filter with a
# message; a filter nothing matches is not set; a process that stops
# matching leaves the tree when the store changes; small sizes.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_records.sh"
fill_store

# ---- by status: the menu, the tree, F again; the cursor keeps its process ----
tui_run 80 24 <<EOF
 :7.3<Enter>
F
:save-display $T/menu
s
:save-display $T/menu-status
p
:save-display $T/planned
F
:save-display $T/cleared
 :7.4<Enter>
Fsp
:save-display $T/moved
F
Fsn
:save-display $T/nomatch
EOF
norm "$T/menu"
expect_screen "$T/menu.s" <<EOS
ISMS process reference model af…│ 7.3 Requirements management
├─▾ Management processes (1)    │ Short name: Requirements
│ └─ - 6.2 Governance interface │ Status: planned  Level: 1 → target 1
├─▾ Core processes (12)         │ Owner: bob  Review: -
│ ├─ p 7.2 Policy management    │ Last change: @TIME@Z by @USER@ (#10)
│ ├─ p 7.3 Requirements         │ Finds and keeps up to date the security
│ ├─ i 7.4 Risk assessment      │ requirements that the ISMS has to meet,
│ ├─ I 7.5 Risk treatment       │ whether they come from law, contracts,
│ ├─ - 7.6 Implementation       │ customers, the business or other interested
│ ├─ - 7.7 Outsourced services  │ parties, and uses them to fix the ISMS scope.
│ ├─ - 7.8 Skills and awareness │
│ ├─ - 7.9 Incident management  │ Purpose
│ ├─ V 7.10 Change management   │   To give the ISMS a known and current set of
│ ├─ - 7.11 Internal audit      │   security requirements to build on.
│ ├─ - 7.12 Performance         │
│ └─ - 7.13 Improvement         │ Outcomes (achievement N/P/L/F)
└─▾ Support processes (4)       │   [-] 1. The interested parties relevant to
  ├─ - 8.2 Records control      │          the ISMS and their security
  ├─ - 8.3 Resource management  │          requirements are identified and
  ├─ - 8.4 Communication        │          recorded.
  └─ - 8.5 Customer relations   │          - ISO/IEC 27001:2022 4.2
                                │   [-] 2. Applicable legal, regulatory and
 iso27022 | 7.3 | @T@/db  [p] planned
filter by? s=status o=owner l=level b=below target r=review due  Esc: cancel
EOS
norm "$T/menu-status"
expect_screen_but "$T/menu-status.s" "$T/menu.s" \
	24 'status? n=not-started p=planned i=in-progress I=implemented V=verified -=unset'
norm "$T/planned"
expect_screen "$T/planned.s" <<EOS
ISMS process reference model af…│ 7.3 Requirements management
└─▾ Core processes (2 of 12)    │ Short name: Requirements
  ├─ p 7.2 Policy management    │ Status: planned  Level: 1 → target 1
  └─ p 7.3 Requirements         │ Owner: bob  Review: -
                                │ Last change: @TIME@Z by @USER@ (#10)
                                │ Finds and keeps up to date the security
                                │ requirements that the ISMS has to meet,
                                │ whether they come from law, contracts,
                                │ customers, the business or other interested
                                │ parties, and uses them to fix the ISMS scope.
                                │
                                │ Purpose
                                │   To give the ISMS a known and current set of
                                │   security requirements to build on.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. The interested parties relevant to
                                │          the ISMS and their security
                                │          requirements are identified and
                                │          recorded.
                                │          - ISO/IEC 27001:2022 4.2
                                │   [-] 2. Applicable legal, regulatory and
 iso27022 | 7.3 | …@DB@  [filter: status planned, 2 of 17]  [p] planned
filter on: status planned, 2 of 17 processes (F: off)
EOS
norm "$T/cleared"
expect_screen_but "$T/cleared.s" "$T/menu.s" \
	24 'filter off: all 17 processes shown'
norm "$T/moved"
expect_screen_but "$T/moved.s" "$T/planned.s"
norm "$T/nomatch"
expect_screen_but "$T/nomatch.s" "$T/menu.s" \
	24 'no process matches '\''status not-started'\'': no filter set'

# ---- owner (any case, part of it; empty: no owner), level, below target, review ----
tui_run 80 24 <<EOF
Fo
:type ALICE
:save-display $T/menu-owner
<Enter>
:save-display $T/owner
FFo<Enter>
:save-display $T/noowner
FFl
:save-display $T/menu-level
2
:save-display $T/level2
FFl-
:save-display $T/notassessed
FFb
:save-display $T/below
FFr
:save-display $T/review
EOF
norm "$T/menu-owner"
expect_screen "$T/menu-owner.s" <<EOS
ISMS process reference model af…│ 6.2 Information security governance/management
├─▾ Management processes (1)    │     interface
│ └─ - 6.2 Governance interface │ Short name: Governance interface
├─▾ Core processes (12)         │ Status: -  Level: -  Owner: -  Review: -
│ ├─ p 7.2 Policy management    │ No record yet (e: edit)
│ ├─ p 7.3 Requirements         │ Connects top management and the governing body
│ ├─ i 7.4 Risk assessment      │ with the ISMS. It turns business direction
│ ├─ I 7.5 Risk treatment       │ into security direction and makes sure that
│ ├─ - 7.6 Implementation       │ the ISMS reports what leaders need to decide.
│ ├─ - 7.7 Outsourced services  │
│ ├─ - 7.8 Skills and awareness │ Purpose
│ ├─ - 7.9 Incident management  │   To keep the ISMS aligned with the business
│ ├─ V 7.10 Change management   │   direction that top management sets.
│ ├─ - 7.11 Internal audit      │
│ ├─ - 7.12 Performance         │ Outcomes (achievement N/P/L/F)
│ └─ - 7.13 Improvement         │   [-] 6. Top management has approved the ISMS
└─▾ Support processes (4)       │          scope.
  ├─ - 8.2 Records control      │   [-] 7. Top management has approved the
  ├─ - 8.3 Resource management  │          information security objectives.
  ├─ - 8.4 Communication        │          - ISO/IEC 27001:2022 6.2
  └─ - 8.5 Customer relations   │   [-] 8. Top management has approved the
                                │          criteria for accepting information
 iso27022 | 6.2 | @T@/db  [-] no status
owner has (empty: no owner): ALICE
EOS
norm "$T/owner"
expect_screen "$T/owner.s" <<EOS
ISMS process reference model af…│ 7.2 Security policy management
└─▾ Core processes (2 of 12)    │ Short name: Policy management
  ├─ p 7.2 Policy management    │ Status: planned  Level: 2 → target 3
  └─ i 7.4 Risk assessment      │ Owner: alice  Review: -
                                │ Last change: @TIME@Z by @USER@ (#6)
                                │ Looks after the top-level information security
                                │ policy and the topic-specific policies below
                                │ it, from drafting through approval and
                                │ publication to regular review.
                                │
                                │ Purpose
                                │   To state, with management's authority, what
                                │   the organisation commits to and expects in
                                │   information security.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. A top-level information security
                                │          policy that matches what the
                                │          organisation does is approved by top
                                │          management.
                                │          - ISO/IEC 27001:2022 5.2
                                │   [-] 5. Each topic-specific policy that the
 iso27022 | 7.2 | …@DB@  [filter: owner has ALICE, 2 of 17]  [p] planned
filter on: owner has ALICE, 2 of 17 processes (F: off)
EOS
norm "$T/noowner"
expect_screen "$T/noowner.s" <<EOS
ISMS process reference model af…│ 7.5 Information security risk treatment
├─▾ Management processes (1 of …│ Short name: Risk treatment
│ └─ - 6.2 Governance interface │ Status: implemented  Level: 3  Owner: -
├─▾ Core processes (8 of 12)    │ Review: -
│ ├─ I 7.5 Risk treatment       │ Last change: @TIME@Z by @USER@ (#20)
│ ├─ - 7.6 Implementation       │ Decides for each assessed risk whether to
│ ├─ - 7.7 Outsourced services  │ reduce, avoid, share or accept it, selects the
│ ├─ - 7.8 Skills and awareness │ controls needed and plans their
│ ├─ V 7.10 Change management   │ implementation, with risk owners agreeing to
│ ├─ - 7.11 Internal audit      │ what remains.
│ ├─ - 7.12 Performance         │
│ └─ - 7.13 Improvement         │ Purpose
└─▾ Support processes (4 of 4)  │   To bring each assessed risk to a level that
  ├─ - 8.2 Records control      │   its owner can knowingly accept.
  ├─ - 8.3 Resource management  │
  ├─ - 8.4 Communication        │ Outcomes (achievement N/P/L/F)
  └─ - 8.5 Customer relations   │   [-] 1. A treatment option is chosen and
                                │          recorded for every risk that exceeds
                                │          the acceptance criteria.
                                │          - ISO/IEC 27001:2022 6.1.3
                                │   [-] 9. The controls needed for each chosen
                                │          treatment are selected.
 iso27022 | 7.5 | …@DB@  [filter: no owner, 13 of 17]  [I] implemented
filter on: no owner, 13 of 17 processes (F: off)
EOS
norm "$T/menu-level"
expect_screen "$T/menu-level.s" <<EOS
ISMS process reference model af…│ 7.5 Information security risk treatment
├─▾ Management processes (1)    │ Short name: Risk treatment
│ └─ - 6.2 Governance interface │ Status: implemented  Level: 3  Owner: -
├─▾ Core processes (12)         │ Review: -
│ ├─ p 7.2 Policy management    │ Last change: @TIME@Z by @USER@ (#20)
│ ├─ p 7.3 Requirements         │ Decides for each assessed risk whether to
│ ├─ i 7.4 Risk assessment      │ reduce, avoid, share or accept it, selects the
│ ├─ I 7.5 Risk treatment       │ controls needed and plans their
│ ├─ - 7.6 Implementation       │ implementation, with risk owners agreeing to
│ ├─ - 7.7 Outsourced services  │ what remains.
│ ├─ - 7.8 Skills and awareness │
│ ├─ - 7.9 Incident management  │ Purpose
│ ├─ V 7.10 Change management   │   To bring each assessed risk to a level that
│ ├─ - 7.11 Internal audit      │   its owner can knowingly accept.
│ ├─ - 7.12 Performance         │
│ └─ - 7.13 Improvement         │ Outcomes (achievement N/P/L/F)
└─▾ Support processes (4)       │   [-] 1. A treatment option is chosen and
  ├─ - 8.2 Records control      │          recorded for every risk that exceeds
  ├─ - 8.3 Resource management  │          the acceptance criteria.
  ├─ - 8.4 Communication        │          - ISO/IEC 27001:2022 6.1.3
  └─ - 8.5 Customer relations   │   [-] 9. The controls needed for each chosen
                                │          treatment are selected.
 iso27022 | 7.5 | @T@/db  [I] implemented
level? 0 1 2 3 4 5 -=not assessed  Esc: cancel
EOS
norm "$T/level2"
expect_screen "$T/level2.s" <<EOS
ISMS process reference model af…│ 7.2 Security policy management
└─▾ Core processes (1 of 12)    │ Short name: Policy management
  └─ p 7.2 Policy management    │ Status: planned  Level: 2 → target 3
                                │ Owner: alice  Review: -
                                │ Last change: @TIME@Z by @USER@ (#6)
                                │ Looks after the top-level information security
                                │ policy and the topic-specific policies below
                                │ it, from drafting through approval and
                                │ publication to regular review.
                                │
                                │ Purpose
                                │   To state, with management's authority, what
                                │   the organisation commits to and expects in
                                │   information security.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. A top-level information security
                                │          policy that matches what the
                                │          organisation does is approved by top
                                │          management.
                                │          - ISO/IEC 27001:2022 5.2
                                │   [-] 5. Each topic-specific policy that the
 iso27022 | 7.2 | …@DB@  [filter: level 2, 1 of 17]  [p] planned
filter on: level 2, 1 of 17 processes (F: off)
EOS
norm "$T/notassessed"
expect_screen "$T/notassessed.s" <<EOS
ISMS process reference model af…│ 7.6 Security implementation management
├─▾ Management processes (1 of …│ Short name: Implementation
│ └─ - 6.2 Governance interface │ Status: -  Level: -  Owner: -  Review: -
├─▾ Core processes (8 of 12)    │ No record yet (e: edit)
│ ├─ - 7.6 Implementation       │ Carries the risk treatment plan into practice:
│ ├─ - 7.7 Outsourced services  │ puts the selected controls in place, runs them
│ ├─ - 7.8 Skills and awareness │ day to day and checks that they are working as
│ ├─ - 7.9 Incident management  │ planned.
│ ├─ V 7.10 Change management   │
│ ├─ - 7.11 Internal audit      │ Purpose
│ ├─ - 7.12 Performance         │   To bring the controls chosen in risk
│ └─ - 7.13 Improvement         │   treatment into reliable day-to-day
└─▾ Support processes (3 of 4)  │   operation.
  ├─ - 8.2 Records control      │
  ├─ - 8.3 Resource management  │ Outcomes (achievement N/P/L/F)
  └─ - 8.4 Communication        │   [-] 1. Each action in the treatment plan has
                                │          a responsible person, a schedule and
                                │          the resources it needs.
                                │          - ISO/IEC 27001:2022 6.2
                                │   [-] 2. Selected controls are implemented and
                                │          their completion is recorded.
                                │          - ISO/IEC 27001:2022 8.3
 iso27022 | 7.6 | …@DB@  [filter: not assessed, 12 of 17]  [-] no status
filter on: not assessed, 12 of 17 processes (F: off)
EOS
norm "$T/below"
expect_screen "$T/below.s" <<EOS
ISMS process reference model af…│ 7.4 Information security risk assessment
└─▾ Core processes (2 of 12)    │ Short name: Risk assessment
  ├─ p 7.2 Policy management    │ Status: in-progress  Level: 0 → target 2
  └─ i 7.4 Risk assessment      │ Owner: Alice Smith  Review: -
                                │ Last change: @TIME@Z by @USER@ (#14)
                                │ Identifies, analyses and evaluates the risks
                                │ to the confidentiality, integrity and
                                │ availability of information within the ISMS
                                │ scope, using a defined and repeatable method.
                                │
                                │ Purpose
                                │   To show which information security risks
                                │   matter most, so that treatment effort goes
                                │   where it is needed.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. A risk assessment method with
                                │          criteria for likelihood, consequence
                                │          and risk acceptance is defined and
                                │          documented.
                                │          - ISO/IEC 27001:2022 6.1.2
                                │   [-] 6. Risks to information within the ISMS
 iso27022 | 7.4 | …@DB@  [filter: below target, 2 of 17]  [i] in-progress
filter on: below target, 2 of 17 processes (F: off)
EOS
norm "$T/review"
expect_screen "$T/review.s" <<EOS
ISMS process reference model af…│ 7.9 Information security incident management
└─▾ Core processes (2 of 12)    │ Short name: Incident management
  ├─ - 7.9 Incident management  │ Status: -  Level: -  Owner: carol
  └─ V 7.10 Change management   │ Review: $DUE
                                │ Last change: @TIME@Z by @USER@ (#22)
                                │ Handles information security events and
                                │ incidents from the first report through
                                │ assessment, response and recovery to the
                                │ lessons learned.
                                │
                                │ Purpose
                                │   To limit the harm that information security
                                │   incidents do to the organisation.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 7. Incident handling procedures, with
                                │          the roles and contacts they need, are
                                │          written down.
                                │          - ISO/IEC 27001:2022 Annex A 5.24
                                │   [-] 8. Staff and suppliers know how and
                                │          where to report a security event.
                                │          - ISO/IEC 27001:2022 Annex A 6.8
 iso27022 | 7.9 | …@DB@  [filter: review due, 2 of 17]  [-] no status
filter on: review due, 2 of 17 processes (F: off)
EOS

# ---- a hidden process: going there drops the filter, with a message ----
tui_run 80 24 <<EOF
Fsp
 :7.9<Enter>
:save-display $T/goto-hidden
Fsp
/incident
<Enter>
:save-display $T/search-hidden
Fsp
 :7.3<Enter>
:save-display $T/goto-shown
EOF

# ---- the store changes: a process that stops matching leaves the tree ----
cat >"$T/ed-other" <<EOF
"$PRMWB" --model "$TUI_MODEL" set 7.2 status implemented >/dev/null
EOF
EDITOR="sh $T/ed-other" tui_run 80 24 <<EOF
Fsp
 :7.2<Enter>
E
:wait-idle
:save-display $T/left
EOF

# ---- small sizes ----
tui_run 40 12 <<EOF
Fb
:save-display $T/small
:resize 20x6
:save-display $T/tiny
F
:save-display $T/tiny-menu
EOF
norm "$T/goto-hidden"
expect_screen "$T/goto-hidden.s" <<EOS
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
filter off (status planned): 7.9 is not in it
EOS
norm "$T/search-hidden"
expect_screen_but "$T/search-hidden.s" "$T/goto-hidden.s"
norm "$T/goto-shown"
expect_screen_but "$T/goto-shown.s" "$T/planned.s" \
	24 '?:help q:quit /:search Enter:open Tab:pane e:edit u:undo C-r:redo L:log'
norm "$T/left"
expect_screen "$T/left.s" <<EOS
ISMS process reference model af…│ 7.3 Requirements management
└─▾ Core processes (1 of 12)    │ Short name: Requirements
  └─ p 7.3 Requirements         │ Status: planned  Level: 1 → target 1
                                │ Owner: bob  Review: -
                                │ Last change: @TIME@Z by @USER@ (#10)
                                │ Finds and keeps up to date the security
                                │ requirements that the ISMS has to meet,
                                │ whether they come from law, contracts,
                                │ customers, the business or other interested
                                │ parties, and uses them to fix the ISMS scope.
                                │
                                │ Purpose
                                │   To give the ISMS a known and current set of
                                │   security requirements to build on.
                                │
                                │ Outcomes (achievement N/P/L/F)
                                │   [-] 1. The interested parties relevant to
                                │          the ISMS and their security
                                │          requirements are identified and
                                │          recorded.
                                │          - ISO/IEC 27001:2022 4.2
                                │   [-] 2. Applicable legal, regulatory and
 iso27022 | 7.3 | …@DB@  [filter: status planned, 1 of 17]  [p] planned
notes not changed
EOS
norm "$T/small"
expect_screen "$T/small.s" <<EOS
ISMS process reference model after ISO/…
└─▾ Core processes (2 of 12)
  ├─ I 7.2 Security policy management
  └─ i 7.4 Risk assessment





 iso27022 | 7.2  [filter: below target,
filter on: below target, 2 of 17
processes (F: off)
EOS
norm "$T/tiny"
expect_screen "$T/tiny.s" <<EOS
└─▾ Core processes …
  ├─ I 7.2 Policy m…
 iso27022 | 7.2  [fi
filter on: below
target, 2 of 17
processes (F: off)
EOS
norm "$T/tiny-menu"
expect_screen "$T/tiny-menu.s" <<EOS
├─▾ Core processes …
│ ├─ I 7.2 Policy m…
│ ├─ p 7.3 Requirem…
 iso27022 | 7.2 | …@DB@
filter off: all 17
processes shown
EOS

# ---- the process edited leaves once saved; nothing left: an empty tree ----
tui_run 80 24 <<EOF
 :7.3<Enter>
Fsp
<Tab>Gkkkkkkkkkkkkkkk
e<Tab><Tab><Tab>
:save-display $T/editing
<Enter>
:save-display $T/edited
EOF
norm "$T/editing"
norm "$T/edited"
expect_line "$T/editing.s" 2 "└─▾ Core processes (1 of 12)    │     - customer security requirements"
expect_line "$T/editing.s" 23 " 7.3 status: verified"
expect_line "$T/edited.s" 1 "ISMS process reference model af…│ Select a process (j/k, Enter)."
expect_line "$T/edited.s" 2 "                                │"
expect_line "$T/edited.s" 23 " iso27022 | @T@/db  [filter: status planned, 0 of 17]"
expect_line "$T/edited.s" 24 "status of 7.3: saved (#29)"
done_testing
