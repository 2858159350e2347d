#!/bin/sh
# End-to-end: the workbench's tree on version 2 models: sub-processes
# indented under their parent with tree lines, short names where a name
# would be cut, and tailored processes marked "*" after their id. Only the
# tree pane is compared (the detail pane has its own tests).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

TUI_MODEL="$TOP_SRCDIR/tests/data/v2.xml"
tui_run 64 14 <<EOS
:save-display $T/v2
q
EOS
expect_in "$T/v2" "├─▾ Planning (4)         │"
expect_in "$T/v2" "│ └─ - 1 Risk management │"
expect_in "$T/v2" "│   ├─ - 1.1 Risk assess…│"
expect_in "$T/v2" "│   │ └─ - 1.1.1 Asset i…│"
expect_in "$T/v2" "│   └─ - 1.2 Risk treatm…│"
expect_in "$T/v2" "└─▾ Running (1)          │"
expect_in "$T/v2" "  └─ - 2 Operations      │"
# wide enough: full names
tui_run 160 14 <<EOS
:save-display $T/wide
q
EOS
expect_in "$T/wide" "│   │ └─ - 1.1.1 Asset inventory for risk assessment"
expect_in "$T/wide" "│ └─ - 1 Information security risk management"
# h on a sub-process goes to its parent
tui_run 64 14 <<EOS
/1.1.1
<Enter>
:save-display $T/child
h
:save-display $T/parent
q
EOS
expect_in "$T/child" " fixture2 | 1.1.1 | "
expect_in "$T/parent" " fixture2 | 1.1 | "

TUI_MODEL="$TOP_SRCDIR/tests/data/tailor.xml"
tui_run 64 14 <<EOS
:save-display $T/tailored
q
EOS
expect_in "$T/tailored" "│ ├─ - 2.1* Hazards      │"
expect_in "$T/tailored" "│ │ └─ - 2.1.1* Supplier…│"
expect_in "$T/tailored" "│ ├─ - 2.2 Hazard treatm…│"
expect_in "$T/tailored" "│ └─ - 3.2* Training     │"
# ASCII tree lines without UTF-8
LANG=C LC_ALL=C tui_run 64 14 <<EOS
:save-display $T/ascii
q
EOS
expect_in "$T/ascii" "| | \`- - 2.1.1* Supplier~|"
done_testing
