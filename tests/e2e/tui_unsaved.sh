#!/bin/sh
# End-to-end, in a real terminal (tmux) with real signals: what a user
# typed is never dropped. SIGTERM and Ctrl-C with an open line edit,
# SIGHUP with text kept after E, and a hang-up of the terminal while
# $EDITOR runs: the text goes to a private recovery file (0600 in a 0700
# directory under $XDG_STATE_HOME/prmwb), named on stderr; the next start
# on the store offers it (r restores, d discards, Esc: later).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tmux.sh"
tm_own_dirs

# ---- SIGTERM with an open line edit: a private recovery file ----
tm_start 80 24 "TERM=xterm $RUN 2>'$T/stderr'"
tm_wait "Workbench test model"
tm_keys / 7 . 4 Enter e
tm_wait " 7.4 owner:"
tm_keys -l "typed before SIGTERM"
tm_wait " 7.4 owner: typed before SIGTERM"
kill -TERM "$(tm_pid)" || fail "no prmwb to signal"
tm_wait "prmwb-exit=143"
grep -q "^prmwb: your unsaved edit for owner of 7.4 is kept in $STATE/prmwb/recover-[0-9TZ]*-[0-9]*-[0-9]*: the next start of the workbench on this store offers it\$" "$T/stderr" ||
	{ fail "SIGTERM: no recovery named on stderr"; cat "$T/stderr" >&2; }
f=$(ls "$STATE"/prmwb/recover-* 2>/dev/null)
[ "$(echo "$f" | wc -w)" = 1 ] || fail "SIGTERM: expected one recovery file, got: $f"
[ "$(stat -c %a "$STATE/prmwb")" = 700 ] || fail "recovery directory not 0700"
[ "$(stat -c %a "$f")" = 600 ] || fail "recovery file not 0600"
grep -q "^store $(cd "$T" && pwd -P)/db\$" "$f" || { fail "recovery lacks the store"; cat "$f" >&2; }
grep -q "^model tuitest\$" "$f" && grep -q "^process 7.4\$" "$f" && grep -q "^field owner\$" "$f" &&
	grep -q "^base 0\$" "$f" && grep -q "^editor line\$" "$f" && grep -q "^pid [0-9]*\$" "$f" ||
	{ fail "recovery header incomplete"; cat "$f" >&2; }
[ "$(tail -c 20 "$f")" = "typed before SIGTERM" ] || { fail "recovery text"; cat "$f" >&2; }
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.4 owner
: | expect_out -
# The next start offers it; r puts it back into the editor; Enter saves;
# the file goes.
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "[1 of 1] unsaved text for owner of 7.4 from"
tm_wait "d: discard it, Esc: later (kept)"
tm_wait "'typed before SIGTERM' - r: restore"
tm_keys r
tm_wait " 7.4 owner: typed before SIGTERM"
tm_keys Enter
tm_wait "owner of 7.4: saved"
[ -e "$f" ] && fail "the recovery file stayed after its text was saved"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- Ctrl-C with an open line edit ----
tm_start 80 24 "TERM=xterm $RUN 2>'$T/stderr'"
tm_wait "Workbench test model"
tm_keys / 8 . 1 Enter e
tm_wait " 8.1 owner:"
tm_keys -l "typed before Ctrl-C"
tm_wait " 8.1 owner: typed before Ctrl-C"
tm_keys C-c
tm_wait "prmwb-exit=130"
grep -q "your unsaved edit for owner of 8.1 is kept in $STATE/prmwb/recover-" "$T/stderr" ||
	{ fail "Ctrl-C: no recovery named on stderr"; cat "$T/stderr" >&2; }
# Esc: later; it is offered again at the next start, then d discards it.
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "[1 of 1] unsaved text for owner of 8.1"
tm_keys Escape
tm_wait "kept for the next start:"
tm_keys q
tm_wait "prmwb-exit=0"
tm_start 80 24 "TERM=xterm $RUN"
tm_wait "[1 of 1] unsaved text for owner of 8.1"
tm_keys d
tm_wait "unsaved text for owner of 8.1 discarded"
# (the last-position file of the run before stays: it is no recovery file)
[ -z "$(ls "$STATE/prmwb" | grep -v '^last-')" ] || fail "d left a recovery file: $(ls "$STATE/prmwb")"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- SIGHUP with text kept after E (not valid: an escape character) ----
cat >"$T/ed-bad" <<'EOF'
printf 'kept\033text\n' >"$1"
EOF
tm_start 80 24 "TERM=xterm EDITOR='sh $T/ed-bad' $RUN 2>'$T/stderr'"
tm_wait "Workbench test model"
tm_keys / 7 . 3 Enter E
tm_wait "your text is kept: E edits it again"
kill -HUP "$(tm_pid)" || fail "no prmwb to signal"
tm_wait "prmwb-exit=129"
grep -q "your unsaved text for notes of 7.3 is kept in $STATE/prmwb/recover-" "$T/stderr" ||
	{ fail "SIGHUP: no recovery named on stderr"; cat "$T/stderr" >&2; }
f=$(ls "$STATE"/prmwb/recover-*)
grep -q "^editor external\$" "$f" && grep -q "^field notes\$" "$f" || { fail "SIGHUP recovery"; cat "$f" >&2; }
[ "$(tail -c 9 "$f" | od -An -c | tr -d ' \n')" = 'kept033text' ] || { fail "SIGHUP recovery text"; od -c "$f" >&2; }
rm -f "$f"

# ---- the link drops while $EDITOR runs: what it wrote is kept ----
# The pane goes (as a dropped SSH link): the kernel hangs up the
# workbench and the editor. The stand-in editor writes its file, then
# waits for the terminal like a real one.
cat >"$T/ed-wait" <<EOF
printf 'written in the editor\\n' >"\$1"
echo ready >"$T/ed-ready"
read x
EOF
tm_start 80 24 "TERM=xterm EDITOR='sh $T/ed-wait' $RUN 2>'$T/stderr'"
tm_wait "Workbench test model"
tm_keys / 7 . 1 Enter E
i=0
while [ ! -e "$T/ed-ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$T/ed-ready" ] || fail "the editor never started"
pid=$(tm_pid)
tm kill-server
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "the workbench did not end on the hang-up"
grep -q "your unsaved text for notes of 7.1 is kept in $STATE/prmwb/recover-" "$T/stderr" ||
	{ fail "hang-up in the editor: no recovery named"; cat "$T/stderr" >&2; }
f=$(ls "$STATE"/prmwb/recover-*)
[ "$(tail -c 21 "$f")" = "written in the editor" ] || { fail "hang-up recovery text"; cat "$f" >&2; }
# The hang-up reaches the workbench as SIGHUP (through the pane's shell)
# or, if the editor ends first, as its input ending: either way it is said.
grep -Eq "^reason the workbench was ended: (SIGHUP \(hang-up\)|the terminal was lost)\$" "$f" ||
	{ fail "reason"; cat "$f" >&2; }
# The editor's file went once its text was safe.
[ -z "$(ls "$T/tmp")" ] || fail "the editor's file stayed: $(ls "$T/tmp")"
# Offered at the next start: r opens the editor on it, the save succeeds.
cat >"$T/ed-final" <<EOF
cp "\$1" "$T/ed-final-seen"
echo "final text" >"\$1"
EOF
tm_start 80 24 "TERM=xterm EDITOR='sh $T/ed-final' $RUN"
tm_wait "[1 of 1] unsaved text for notes of 7.1"
tm_keys r
tm_wait "notes of 7.1: saved"
echo "written in the editor" | cmp -s - "$T/ed-final-seen" || fail "r did not open the recovered text"
expect_rc 0 "$PRMWB" --model "$MODEL" get 7.1 notes
echo "final text" | expect_out -
[ -e "$f" ] && fail "the recovery file stayed after its text was saved"
tm_keys q
tm_wait "prmwb-exit=0"

# ---- the state directory cannot be used (open to others): the text
# goes to a private directory under $TMPDIR instead, named on stderr ----
rm -f "$STATE"/prmwb/last-*
chmod 755 "$STATE/prmwb"
tm_start 80 24 "TERM=xterm $RUN 2>'$T/stderr'"
tm_wait "Workbench test model"
tm_keys / 6 . 1 Enter e
tm_wait " 6.1 owner:"
tm_keys -l "fallback text"
tm_wait " 6.1 owner: fallback text"
kill -TERM "$(tm_pid)" || fail "no prmwb to signal"
tm_wait "prmwb-exit=143"
uid=$(id -u)
grep -q "^prmwb: your unsaved edit for owner of 6.1 is kept in $T/tmp/prmwb-recover-$uid/recover-[^ ]* ($STATE/prmwb is open to others (mode 0755): .*); move it into $STATE/prmwb to have it offered\$" "$T/stderr" ||
	{ fail "fallback: not named"; cat "$T/stderr" >&2; }
[ "$(stat -c %a "$T/tmp/prmwb-recover-$uid")" = 700 ] || fail "fallback directory not 0700"
[ "$(tail -c 13 "$T"/tmp/prmwb-recover-"$uid"/recover-*)" = "fallback text" ] || fail "fallback text"
[ -z "$(ls "$STATE/prmwb")" ] || fail "wrote into a directory open to others"   # nor the last position
rm -rf "$T/tmp/prmwb-recover-$uid"
chmod 700 "$STATE/prmwb"

# ---- the terminal goes away without a SIGHUP (not the workbench's
# controlling terminal): input ends, the text is kept all the same ----
tm_start 80 24 "exec tail -f /dev/null"
tty=$(tm display-message -p -t t '#{pane_tty}')
env TERM=xterm XDG_STATE_HOME="$STATE" TMPDIR="$T/tmp" setsid "$PRMWB" --model "$MODEL" \
	<"$tty" >"$tty" 2>"$T/stderr" &
pid=$!
tm_wait "Workbench test model"
tm_keys / 6 . 2 Enter e
tm_wait " 6.2 owner:"
tm_keys -l "lost terminal"
tm_wait " 6.2 owner: lost terminal"
tm kill-server
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	fail "the workbench did not end when its terminal went away"
	kill -9 "$pid"
fi
grep -q "your unsaved edit for owner of 6.2 is kept in $STATE/prmwb/recover-" "$T/stderr" ||
	{ fail "lost terminal: no recovery named"; cat "$T/stderr" >&2; }
f=$(ls "$STATE"/prmwb/recover-*)
grep -q "^reason the workbench was ended: the terminal was lost\$" "$f" || { fail "lost terminal reason"; cat "$f" >&2; }
[ "$(tail -c 13 "$f")" = "lost terminal" ] || { fail "lost terminal text"; cat "$f" >&2; }
rm -f "$f"

# ---- Ctrl-C while $EDITOR runs is the editor's: the workbench goes on ----
cat >"$T/ed-int" <<EOF
echo ready >"$T/int-ready"
read x
EOF
tm_start 80 24 "TERM=xterm EDITOR='sh $T/ed-int' $RUN"
tm_wait "Workbench test model"
tm_keys / 6 . 2 Enter E
i=0
while [ ! -e "$T/int-ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$T/int-ready" ] || fail "the editor never started"
tm_keys C-c
tm_wait "was killed by signal 2: notes not"
tm_keys k
tm_wait " tuitest | 6.1 |"
tm_keys q
tm_wait "prmwb-exit=0"

done_testing
