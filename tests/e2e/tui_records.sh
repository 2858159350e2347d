# tui_records.sh - a filled store on the default model for the screen tests
# of the overview, the filter and the marks (tui_overview.sh,
# tui_filter.sh, tui_marks.sh). Source after lib.sh and tui_lib.sh;
# fill_store writes $PRMWB_DB and sets TUI_MODEL to the default model.
#
#   7.2  planned      alice        PA 1.1 F, 2.1 L, 2.2 L  level 2, target 3
#   7.3  planned      bob          PA 1.1 L                level 1, target 1
#   7.4  in-progress  Alice Smith  PA 1.1 P                level 0, target 2
#   7.5  implemented  (no owner)   PA 1-2 F, 3.1 L, 3.2 L+ level 3
#   7.9               carol        review in 10 days ($DUE)
#   7.10 verified                  review 3 days ago ($PASSED)
#   7.11                           review in 100 days ($LATER)
#   8.5  not applicable, justified on two lines
# Review dates are relative to today (UTC), as the workbench's are.
TUI_MODEL="$TOP_SRCDIR/models/iso27022.xml"
DUE=$(date -u -d '+10 days' +%Y-%m-%d)
PASSED=$(date -u -d '-3 days' +%Y-%m-%d)
LATER=$(date -u -d '+100 days' +%Y-%m-%d)

fill_store() {
	while read -r id field value; do
		"$PRMWB" --model "$TUI_MODEL" set "$id" "$field" "$value" >"$T/out" 2>"$T/err" ||
			fail "set $id $field $value: $(cat "$T/err")"
	done <<EOR
7.2 status planned
7.2 owner alice
7.2 pa.1.1 F
7.2 pa.2.1 L
7.2 pa.2.2 L
7.2 target 3
7.3 status planned
7.3 owner bob
7.3 pa.1.1 L
7.3 target 1
7.4 status in-progress
7.4 owner Alice Smith
7.4 pa.1.1 P
7.4 target 2
7.5 status implemented
7.5 pa.1.1 F
7.5 pa.2.1 F
7.5 pa.2.2 F
7.5 pa.3.1 L
7.5 pa.3.2 L+
7.9 owner carol
7.9 review $DUE
7.10 status verified
7.10 review $PASSED
7.11 review $LATER
EOR
	printf 'No customers of our own.\nAll work is internal.\n' |
		"$PRMWB" --model "$TUI_MODEL" set 8.5 justification - >/dev/null ||
		fail "set 8.5 justification"
	"$PRMWB" --model "$TUI_MODEL" set 8.5 applicable no >/dev/null || fail "set 8.5 applicable"
}

# norm FILE: FILE.s, the dump with what varies from run to run stable: the
# test directory @T@, the store path's tail the status line keeps after
# its cut marker @DB@, the time and user of the last change, times in
# messages @ISOTIME@.
norm() {
	sed -E -e "s|$T|@T@|g" -e '/^ iso27022 \| /s#…[^ ]*#…@DB@#' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}Z/@TIME@Z/g' \
		-e "s/Z by $(id -un) \\(/Z by @USER@ (/" -e "s/ $(id -un), @TIME@/ @USER@, @TIME@/" \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/@ISOTIME@/g' \
		"$1" >"$1.s"
}
