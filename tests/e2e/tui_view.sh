#!/bin/sh
# End-to-end: the workbench's views and editor in script mode: the line
# editor on long values and across resizes.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

# ---- e on a 1,000-character owner opens the editor on it (it said "no
# field": the field name had been written through a stale pointer) ----
owner=$(i=0; while [ $i -lt 100 ]; do printf 'owner 名é '; i=$((i + 1)); done)
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.4 owner "$owner"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
owner=$(cat "$T/out")
tui_run 80 24 <<EOF
/7.4
<Enter>
<Tab>
G
kkkkkk
:save-display $T/long-sel
e
:save-display $T/long-e
<End>
X
<Enter>
:save-display $T/long-saved
EOF
expect_not_in "$T/long-e" "no field"
grep -q "^ 7.4 owner: …" "$T/long-e" || fail "the editor did not open on the long owner"
sed -n 23p "$T/long-e" | grep -q "名é owner 名é$" || fail "the end of the owner is not shown: $(sed -n 23p "$T/long-e")"
expect_in "$T/long-saved" "owner of 7.4: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
[ "$(cat "$T/out")" = "${owner}X" ] || fail "the long owner was not saved as edited"

# ---- the editor re-places its view on a resize: narrower, the cursor stays
# in sight; wider again, the text fills the line (the scroll of the narrow
# screen used to stay, hiding the start with room to spare) ----
tui_run 80 10 --db "$T/db-resize" <<EOF
e
:type abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ
:save-display $T/rs-80
:resize 30x10
:save-display $T/rs-30
:resize 100x10
:save-display $T/rs-100
<Esc>
EOF
expect_line "$T/rs-80" 9 " 6.1 owner: abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
expect_line "$T/rs-30" 9 " 6.1 owner: …LMNOPQRSTUVWXYZ"
expect_line "$T/rs-100" 9 " 6.1 owner: abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

done_testing
