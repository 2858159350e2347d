#!/bin/sh
# End-to-end: the workbench in a real terminal (tmux, 80x24 unless said):
# navigate to 7.4, edit owner, undo, redo, quit, reopen and see the value;
# search; resize; escaped hostile text; NO_COLOR and colours; 20x6;
# TERM=vt100 with LANG=C; another process's commit appears while idle;
# SIGHUP (dropped link) restores nothing garbled and loses nothing.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tmux.sh"

# ---- navigate to 7.4, edit owner, undo, redo, quit, reopen ----
tm_start 80 24 "TERM=xterm-256color $RUN"
tm_wait "Workbench test model"
tm_keys j j j j j j                 # 6.1 -> 7.4 (over the category row)
tm_wait " tuitest | 7.4 |"
tm_keys e
tm_wait " 7.4 owner:"
tm_keys -l "Zoë 日本"
tm_keys Enter
tm_wait "owner of 7.4: saved (#1)"
tm_wait "Owner:         Zoë 日本"
tm_keys u
tm_wait "undid owner of 7.4 (#2)"
tm_keys C-r
tm_wait "redid owner of 7.4 (#3)"
tm_keys q
tm_wait "prmwb-exit=0"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
echo "Zoë 日本" | expect_out -
tm_start 80 24 "TERM=xterm-256color $RUN"
tm_wait "Workbench test model"
tm_keys / 7 . 4 Enter Tab G
tm_wait "Owner:         Zoë 日本"

# ---- search, n wraps ----
tm_keys Escape h / h a z
tm_keys Enter n
tm_wait "search wrapped"
tm_wait " tuitest | 7.1 |"

# ---- another process's commit appears without a restart ----
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 owner "$(printf 'Eve \342\200\256evil')"
tm_wait 'Owner:         Eve \u202Eevil'
# ... and in the open history view (L), on the idle poll.
tm_keys L
tm_wait " History of process 7.1 (1, newest first)"
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 notes hello
tm_wait " History of process 7.1 (2, newest first)"
tm_wait "7.1 notes: '' -> 'hello'"
tm_keys q
tm_wait " tuitest | 7.1 |"

# ---- resize redraws at once ----
tm resize-window -t t -x 100 -y 30 2>/dev/null || tm resize-pane -t t -x 100 -y 30
tm_wait_line 1 "Workbench test model                       │ 7.1 Hazard assessment"
tm resize-window -t t -x 20 -y 6 2>/dev/null || tm resize-pane -t t -x 20 -y 6
tm_wait_line 4 "│ ├─ - 7.1 Hazard a…"
tm_wait_line 5 " tuitest | 7.1 | …db"
tm resize-window -t t -x 80 -y 24 2>/dev/null || tm resize-pane -t t -x 80 -y 24
tm_wait_line 1 "Workbench test model            │ 7.1 Hazard assessment"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- a record holding real escape sequences (left by another tool, an
# older version or damage: prmwb set refuses them) shows escaped and does
# not reach the terminal: no title change, no clear, no colour ----
RAW="$TOP_BUILDDIR/tests/tools/store_raw"
"$RAW" "$PRMWB_DB" tuitest 7.3 owner "$(printf '\033]0;pwned\007\033[2J\033[31mred')" ||
	fail "store_raw owner"
"$RAW" "$PRMWB_DB" tuitest 7.3 notes "$(printf 'c1\302\2332J \2332J')" || fail "store_raw notes"
tm_start 80 24 "TERM=xterm-256color $RUN"
tm_wait "Workbench test model"
tm select-pane -t t -T before
tm_keys / 7 . 3 Enter
tm_wait "Owner:         ^[]0;pwned^G^[[2J^[[31mred"
tm_wait "Notes:         c1\u009B2J \x9B2J"
[ "$(tm display-message -p -t t '#{pane_title}')" = before ] || fail "the record changed the pane title"
tm_wait "│ ├─ - 7.3 Change control"       # not cleared by the record's ESC [2J
tm_capture -e
grep "Owner:" "$T/screen" | grep -q "$(printf '\033')\\[31m" && fail "the record's ESC [31m coloured the screen"
tm_keys L
tm_wait "7.3 owner: '' -> '^[]0;pwned^G^[[2J^[[31mred'"
tm_wait "7.3 notes: '' -> 'c1\u009B2J \x9B2J'"
tm_keys q e                         # e in the tree: owner
# The one-line editor shows the value escaped too; Enter without a change
# writes nothing; what is saved is what was shown.
tm_wait " 7.3 owner: ^[]0;pwned^G^[[2J^[[31mred"
tm_wait "owner holds control characters or invalid bytes: shown escaped, saved as shown"
tm_keys Enter
tm_wait "not changed"
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.3
[ "$(wc -l <"$T/out")" = 2 ] || fail "Enter without a change wrote to the store"
tm_keys e BSpace BSpace BSpace Enter
tm_wait "owner of 7.3: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.3 owner
printf '%s\n' '^[]0;pwned^G^[[2J^[[31m' | expect_out -
[ "$(tm display-message -p -t t '#{pane_title}')" = before ] || fail "the record changed the pane title"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- colours by default, none with NO_COLOR; selection still marked ----
tm_start 80 24 "TERM=xterm-256color $RUN"
tm_wait "Workbench test model"
# SGR colour codes 30-38 / 40-48 (39 and 49 are tmux's "default colour")
COLOUR_RE="$(printf '\033')\\[[0-9;]*\\(3[0-8]\\|4[0-8]\\)[;m]"
tm_capture -e
grep -q "$COLOUR_RE" "$T/screen" || fail "no colours on xterm-256color"
tm_keys q
tm_wait "prmwb-exit=0"
tm_start 80 24 "TERM=xterm-256color NO_COLOR=1 $RUN"
tm_wait "Workbench test model"
tm_capture -e
if grep -q "$COLOUR_RE" "$T/screen"; then
	fail "colours despite NO_COLOR"
fi
grep -q "$(printf '\033\\[[0-9;]*7m')" "$T/screen" || fail "no reverse video for the selection"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- TERM=vt100, LANG=C: ASCII tree, no colours ----
tm_start 80 24 "TERM=vt100 env LANG=C LC_ALL=C HOME='$HOME' PRMWB_DB='$PRMWB_DB' '$PRMWB' --model '$MODEL'"
tm_wait '|-v Management processes (2)'
tm_wait '| `- - 6.2 ?? planning'
tm_keys q
tm_wait "prmwb-exit=0"
for term in screen tmux-256color; do
	tm_start 80 24 "TERM=$term $RUN"
	tm_wait "│ └─ - 7.4 Incident management"
	tm_keys q
	tm_wait "prmwb-exit=0"
done

# ---- 20x6 from the start; unknown TERM is a clear error ----
tm_start 20 6 "TERM=xterm $RUN"
tm_wait_line 2 "├─▾ Management proc…"
tm_keys q
tm_wait "prmwb-exit=0"
tm_start 80 24 "TERM=no-such-term $RUN"
tm_wait "unknown terminal type TERM='no-such-term'"
tm_wait "prmwb-exit=2"

# ---- Ctrl-C ends cleanly: terminal restored (alternate screen left) ----
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "Workbench test model"
[ "$(tm display-message -p -t t '#{alternate_on}')" = 1 ] || fail "no alternate screen while running"
tm_keys C-c
tm_wait "prmwb-exit=130"
[ "$(tm display-message -p -t t '#{alternate_on}')" = 0 ] || fail "terminal not restored after Ctrl-C"

# ---- a dropped link (SIGHUP) ends cleanly; the commit before it stays ----
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "Workbench test model"
tm_keys / 8 . 1 Enter e
tm_wait " 8.1 owner:"
tm_keys -l "kept"
tm_keys Enter
tm_wait "owner of 8.1: saved"
pid=$(tm list-panes -t t -F '#{pane_pid}')
kill -HUP "$(pgrep -P "$pid" -f prmwb | head -1)" 2>/dev/null || fail "no prmwb to signal"
tm_wait "prmwb-exit=129"
expect_rc 0 "$PRMWB" --model "$MODEL" get 8.1 owner
echo kept | expect_out -

# ---- a conflict in the one-line editor keeps what was typed ----
# Another process changes the field while the editor is open: Enter
# refuses to overwrite, shows theirs and yours and asks; the typed text
# stays in the editor; Enter again does not overwrite; o saves ours over
# theirs, knowingly, and the history shows both changes.
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "Workbench test model"
tm_keys / 7 . 4 Enter e
tm_wait " 7.4 owner:"
tm_keys C-u
tm_keys -l "mine"
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.4 owner theirs
tm_keys Enter
tm_wait "not saved: owner of 7.4 was changed by"
tm_wait "'theirs', yours 'mine' - o: save yours over theirs, e: edit yours, d: discard"
tm_wait " 7.4 owner: mine"
tm_keys Enter
tm_wait "'theirs', yours 'mine' - o: save yours over theirs, e: edit yours, d: discard"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
echo theirs | expect_out -
tm_keys o
tm_wait "owner of 7.4: saved"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
echo mine | expect_out -
expect_rc 0 "$PRMWB" --model "$MODEL" log 7.4 --limit 2
grep -q '"theirs" → "mine"' "$T/out" && grep -q '→ "theirs"' "$T/out" ||
	{ fail "history lacks both changes"; cat "$T/out" >&2; }
tm_keys q
tm_wait "prmwb-exit=0"

done_testing
