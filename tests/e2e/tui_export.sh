#!/bin/sh
# End-to-end (script mode): w exports what the view shows to a file. The
# process under the cursor as Markdown, a category's (no process) whole
# store as XML, the history view's store with its history; the file name
# prefilled in the current directory (never one that exists), its
# extension choosing the format, an existing file overwritten only after
# y, a failed write leaving the prompt open, Esc writing nothing; an orphan
# record as the process it stood for. Each file
# must be byte for byte what prmwb export writes from the same store.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 owner 'Ann & <Bob>'
expect_rc 0 "$PRMWB" --model "$MODEL" set 7.1 notes '# not a heading
| pipe | and `code`'
# msg FILE: the message at the bottom of a dump, its 2 lines joined (a
# long path wraps).
msg() {
	tail -2 "$1" | tr '\n' ' ' | sed 's/ *$//'
}
expect_msg() {
	got=$(msg "$1")
	case "$got" in
	*"$2") ;;
	*) fail "$1: message '$got', expected it to end in '$2'" ;;
	esac
}
W="$T/work"
mkdir -p "$W"
cd "$W" || exit 1

# ---- the process under the cursor, Markdown, default name --------------
tui_run 80 12 <<EOF
 :7.1<Enter>
w
:save-display $T/prompt
<Enter>
:save-display $T/wrote
w
:save-display $T/prompt2
<Esc>
:save-display $T/cancel
EOF
sed "s/ by $(id -un) (#/ by @USER@ (#/" "$T/prompt" | stable /dev/stdin >"$T/prompt.s"
expect_screen "$T/prompt.s" <<'EOF'
Workbench test model            │ 7.1 Hazard assessment
├─▾ Management processes (2)    │ Status: -  Level: -  Owner: Ann & <Bob>
│ ├─ - 6.1 Governance interface │ Review: -
│ └─ - 6.2 計画 planning        │ Last change: @TIME@Z by @USER@ (#2)
├─▾ Core processes (4)          │
│ ├─ - 7.1 Hazard assessment    │ Purpose
│ ├─ - 7.2 Odd \u009B2J name \u…│   Find and rate hazards.
│ ├─ - 7.3 Change control       │
│ └─ - 7.4 Incident management  │ Outcomes (achievement N/P/L/F)
└─▾ Support processes (1)       │   [-] 1. Hazards are rated.
 Export process 7.1 to: tuitest-7.1.md
Enter: write markdown  Esc: cancel  (.xml .json .csv .md .html: format)
EOF
expect_msg "$T/wrote" "wrote process 7.1 (markdown, $(wc -c <"$W/tuitest-7.1.md") bytes) to $W/tuitest-7.1.md"
expect_rc 0 "$PRMWB" --model "$MODEL" export --format markdown 7.1
cmp -s "$T/out" "$W/tuitest-7.1.md" || fail "w's Markdown of 7.1 differs from prmwb export's"
grep -qF 'Hazard assessment' "$W/tuitest-7.1.md" || fail "7.1 is not in the file"
# The next default does not exist yet; Esc writes nothing.
expect_line "$T/prompt2" 11 " Export process 7.1 to: tuitest-7.1-2.md"
expect_line "$T/cancel" 12 "export cancelled"
[ ! -e "$W/tuitest-7.1-2.md" ] || fail "Esc wrote a file"

# ---- an existing file: asked, n keeps it, y replaces it -------------------
echo old >"$W/keep.md"
tui_run 80 12 <<EOF
 :7.1<Enter>
w<C-u>
:type keep.md
<Enter>
:save-display $T/ask
n
:save-display $T/kept
<Enter>
y
:save-display $T/replaced
EOF
expect_msg "$T/ask" "keep.md exists: overwrite it? y: yes, any other key: no"
expect_line "$T/kept" 12 "not overwritten: edit the name, or Esc"
expect_line "$T/kept" 11 " Export process 7.1 to: keep.md"
expect_msg "$T/replaced" "wrote process 7.1 (markdown, $(wc -c <"$W/keep.md") bytes) to $W/keep.md"
"$PRMWB" --model "$MODEL" export --format markdown 7.1 >"$T/want"
cmp -s "$T/want" "$W/keep.md" || fail "y did not write the export over keep.md"

# ---- the name's extension picks the format; a failed write says why -------
tui_run 80 12 <<EOF
 :7.1<Enter>
w<C-u>
:type no/such/dir/x.md
<Enter>
:save-display $T/failed
<C-u>
:type r.csv
:save-display $T/csv-prompt
<Enter>
:save-display $T/csv
EOF
expect_in "$T/failed" "export to no/such/dir/x.md failed: "
expect_line "$T/failed" 10 " Export process 7.1 to: no/such/dir/x.md"
expect_line "$T/csv-prompt" 12 "Enter: write csv  Esc: cancel  (.xml .json .csv .md .html: format)"
expect_rc 0 "$PRMWB" --model "$MODEL" export --format csv 7.1
cmp -s "$T/out" "$W/r.csv" || fail "r.csv is not prmwb export --format csv 7.1"

# ---- no process under the cursor: the whole store, XML -------------------
tui_run 80 12 <<EOF
g
w
:save-display $T/store-prompt
<Enter>
:save-display $T/store
EOF
expect_line "$T/store-prompt" 11 " Export the store to: tuitest-records.xml"
expect_msg "$T/store" "wrote the store (xml, $(wc -c <"$W/tuitest-records.xml") bytes) to $W/tuitest-records.xml"
expect_rc 0 "$PRMWB" --model "$MODEL" export
cmp -s "$T/out" "$W/tuitest-records.xml" || fail "the store's XML differs from prmwb export's"

# ---- the history view: the store with its history ---------------------------
tui_run 80 12 <<EOF
LL
w
:save-display $T/hist-prompt
<Enter>
:save-display $T/hist
EOF
expect_line "$T/hist-prompt" 11 " Export the history to: tuitest-history.xml"
expect_line "$T/hist-prompt" 1 " History of the whole store (2, newest first)"
expect_in "$T/hist" "wrote the history (xml, $(wc -c <"$W/tuitest-history.xml") bytes) to "
expect_rc 0 "$PRMWB" --model "$MODEL" export --history
cmp -s "$T/out" "$W/tuitest-history.xml" || fail "the history's XML differs from prmwb export --history's"

# ---- the profile view: the profile as CSV; the overview: the store ----------
tui_run 80 12 <<EOF
P
w
:save-display $T/profile-prompt
<Enter>
:save-display $T/profile
EOF
expect_line "$T/profile-prompt" 11 " Export the profile to: tuitest-profile.csv"
expect_in "$T/profile" "wrote the profile (csv, $(wc -c <"$W/tuitest-profile.csv") bytes) to"
grep -q "^id,name,.*,pa\.1\.1,.*,pa\.5\.2" "$W/tuitest-profile.csv" && [ "$(wc -l <"$W/tuitest-profile.csv")" -eq 8 ] || fail "the profile CSV is not a header and a row per process: $(cat "$W/tuitest-profile.csv")"
tui_run 80 12 <<EOF
O
w
:save-display $T/overview-prompt
<Esc>
EOF
expect_line "$T/overview-prompt" 11 " Export the store to: tuitest-records-2.xml"

# ---- an orphan record (its process not in the model): that record ------------
sed '/<process id="7.3"/,/<\/process>/d' "$MODEL" >"$T/model-b.xml"
expect_rc 0 "$PRMWB" --model "$MODEL" --db "$T/odb" set 7.3 owner alice
TUI_MODEL="$T/model-b.xml"
tui_run 80 12 --db "$T/odb" <<EOF
G
w
:save-display $T/orphan-prompt
<Enter>
EOF
TUI_MODEL=$MODEL
expect_line "$T/orphan-prompt" 11 " Export record 7.3 to: tuitest-7.3.md"
expect_rc 0 "$PRMWB" --model "$T/model-b.xml" --db "$T/odb" export --format markdown 7.3
cmp -s "$T/out" "$W/tuitest-7.3.md" || fail "the orphan's Markdown differs from prmwb export's"
grep -qF alice "$W/tuitest-7.3.md" || fail "the orphan's record is not in its file"

# ---- help lists the key (made from the key table) -----------------------------
tui_run 80 40 <<EOF
?
:save-display $T/help
EOF
expect_in "$T/help" "w                    Export to a file: the process, profile, history or store"

exit $failures
