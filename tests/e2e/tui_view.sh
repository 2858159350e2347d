#!/bin/sh
# End-to-end: the workbench's views and editor in script mode: the line
# editor on long values and across resizes.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"
# Between evidence and the review date the record lists the target level
# and the nine PA ratings: from the review date (G), ten k's go past them.
PAST_PA=kkkkkkkkkk

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
${PAST_PA}kkkkkk
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

# ---- input as a terminal sends it (:bytes): a byte that is not UTF-8 is
# dropped with a message and Esc after it cancels (it used to wedge the
# editor until Enter, which then saved); Alt-x is one key ----
tui_run 80 24 --db "$T/db-bytes" <<EOF
e
:type ab
:bytes e9
:save-display $T/bad-edit
:bytes 1b
:save-display $T/bad-esc
:bytes 1b 78
:save-display $T/meta
e
:type one two
:bytes 1b 62 58
:save-display $T/meta-edit
<Esc>
:bytes ff 71
:save-display $T/not-reached
EOF
expect_line "$T/bad-edit" 23 " 6.1 owner: ab"
expect_line "$T/bad-edit" 24 "ignored input that is not UTF-8 (byte \\xE9): is the terminal set to UTF-8?"
expect_line "$T/bad-esc" 24 "not changed"
[ -e "$T/db-bytes" ] && fail "Esc after a bad byte wrote to the store"
expect_line "$T/meta" 24 "unknown key M-x: press ? for help"
expect_line "$T/meta-edit" 23 " 6.1 owner: one Xtwo"
[ -e "$T/not-reached" ] && fail "q after a bad byte did not quit"

# ---- the history's whole entry: all of it (it was cut at 2,048 bytes
# without a marker), scrollable, with real line breaks (not ^J), escaped ----
i=1
while [ $i -le 120 ]; do
	printf 'line %d of the notes, long enough to wrap at forty columns\n' $i
	i=$((i + 1))
done >"$T/long-notes"
printf 'esc \033[31m red\nTHE END\n' >>"$T/long-notes"
# (an escape sequence as another tool may have left it: prmwb set refuses it)
"$TOP_BUILDDIR/tests/tools/store_raw" "$T/db-hist" tuitest 7.1 notes "$(cat "$T/long-notes")" ||
	fail "store_raw notes"
tui_run 80 24 --db "$T/db-hist" <<EOF
/7.1
<Enter>
L
<Enter>
:save-display $T/whole-top
jjj
:save-display $T/whole-j
G
:save-display $T/whole-end
k
:save-display $T/whole-k
q
:save-display $T/whole-back
EOF
expect_line "$T/whole-top" 2 "#1 $(sed -n 2p "$T/whole-top" | cut -d' ' -f2-4) 7.1 notes"
expect_line "$T/whole-top" 4 "Before:"
expect_line "$T/whole-top" 5 "  (empty)"
expect_line "$T/whole-top" 7 "After:"
expect_line "$T/whole-top" 8 "  line 1 of the notes, long enough to wrap at forty columns"
expect_line "$T/whole-top" 9 "  line 2 of the notes, long enough to wrap at forty columns"
expect_not_in "$T/whole-top" "^J"
expect_line "$T/whole-top" 24 "1-21/128  j/k/PgDn/PgUp  q/Esc/Enter: back"
expect_line "$T/whole-j" 2 "  (empty)"
expect_line "$T/whole-end" 21 "  esc ^[[31m red"
expect_line "$T/whole-end" 22 "  THE END"
expect_line "$T/whole-end" 24 "108-128/128  j/k/PgDn/PgUp  q/Esc/Enter: back"
expect_line "$T/whole-k" 22 "  esc ^[[31m red"
expect_line "$T/whole-back" 1 " History of process 7.1 (1, newest first)"
# At 40 columns the lines wrap, indented under the value.
tui_run 40 12 --db "$T/db-hist" <<EOF
/7.1
<Enter>
L
<Enter>
:save-display $T/whole-40
EOF
expect_line "$T/whole-40" 8 "  line 1 of the notes, long enough to"
expect_line "$T/whole-40" 9 "  wrap at forty columns"

# ---- "Terminal too small" is wrapped by words ----
tui_run 19 5 <<EOF
:save-display $T/toosmall
:resize 12x6
:save-display $T/toosmall-12
EOF
expect_screen "$T/toosmall" <<'EOF'
Terminal too small
(19x5): need 20x6.
q quits.


EOF
expect_screen "$T/toosmall-12" <<'EOF'
Terminal too
small
(12x6): need
20x6. q
quits.

EOF

# ---- read-only: no hint offers a change (e, E, u, C-r), nor the record's
# heading ----
tui_run 80 24 --read-only --db "$T/db-ro" <<EOF
:save-display $T/ro-tree
<Tab>
:save-display $T/ro-detail
EOF
expect_line "$T/ro-tree" 24 "?:help q:quit /:search Enter:open Tab:pane L:log (read-only)"
expect_line "$T/ro-detail" 24 "?:help q:quit Tab/h:tree Enter:follow L:log (read-only)"
expect_in "$T/ro-detail" "│ Record (read-only)"
expect_not_in "$T/ro-detail" "e: edit"
tui_run 80 24 --db "$T/db-ro" <<EOF
<Tab>
:save-display $T/rw-detail
EOF
expect_line "$T/rw-detail" 24 "?:help q:quit Tab/h:tree Enter:follow/edit e:edit E:\$EDITOR u:undo L:log"
expect_in "$T/rw-detail" "│ Record (e: edit, E: edit in \$EDITOR)"

done_testing
