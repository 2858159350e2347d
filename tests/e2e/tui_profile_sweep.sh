#!/bin/sh
# End-to-end: the profile view (P) on the real default model, at a sample
# of sizes from 20x6 to 220x60, with a store holding ratings, targets and
# baselines: every cell is visited and rated, refined, cleared, undone and
# redone, the view is seen as of a baseline, resized on the way, and r
# rates in the detail pane. Under
# --enable-sanitizers this is the profile's drawing and key path under
# AddressSanitizer and UBSan; the figures must add up whatever the size.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/e2e/tui_lib.sh"

# run COLS ROWS SCRIPT-FILE: the default model; exit 0 and nothing on stderr
run() {
	LINES=$2 COLUMNS=$1 PRMWB_SCRIPT="$3" "$PRMWB" --db "$DB" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" != 0 ] || [ -s "$T/err" ]; then
		fail "workbench at $1x$2 ($3): exit $rc"
		head -30 "$T/err" | sed 's/^/  stderr: /' >&2
	fi
}

DB="$T/db"
n=$("$PRMWB" list | grep -vc '^#')
[ "$n" = 17 ] || fail "the default model has $n processes, not 17"
i=0
for id in $("$PRMWB" list | grep -v '^#' | cut -f1); do
	case $((i % 4)) in
	0) v=F ;; 1) v=L+ ;; 2) v=P- ;; 3) v=N ;;
	esac
	expect_rc 0 "$PRMWB" --db "$DB" set "$id" pa.1.1 "$v"
	expect_rc 0 "$PRMWB" --db "$DB" set "$id" target $((i % 6))
	i=$((i + 1))
done
expect_rc 0 "$PRMWB" --db "$DB" baseline create before
expect_rc 0 "$PRMWB" --db "$DB" set 7.4 pa.2.1 F
expect_rc 0 "$PRMWB" --db "$DB" baseline create after

# Every row and every column, a key of each kind on the way.
{
	echo "P"
	r=0
	while [ $r -lt 17 ]; do
		echo "g"
		[ $r -gt 0 ] && printf 'j%.0s' $(seq 1 $r) && echo
		echo "fl-p+n<Tab>x<Tab>f<Delete><Tab>l+u<C-r><Tab><Tab><Tab><Tab><Tab><Tab>"
		r=$((r + 1))
	done
	echo "G<PgUp><PgDn>ghhhhhhhhh"
	echo "b"
	echo "j<Enter>"
	echo "jjjjj<Tab><Tab>l"
	echo "b"
	echo "b<Esc>"
	echo "<Enter>"
	echo "r"
	echo "f"
	echo "P"
	echo ":save-display $T/swept"
} >"$T/sweep"
expect_rc 0 "$PRMWB" --db "$DB" log
before=$(grep -c '' "$T/out")
for size in 20x6 21x8 33x10 59x24 80x24 100x30 137x50 220x60; do
	run "${size%x*}" "${size#*x}" "$T/sweep"
	[ -s "$T/swept" ] || fail "no screen at $size"
	rm -f "$T/swept"
done

# One session through many sizes, as of a baseline and back.
{
	echo "P"
	w=20
	while [ $w -le 220 ]; do
		echo ":resize ${w}x$((6 + w % 50))"
		echo "jj<Tab>b"
		w=$((w + 9))
	done
	echo ":resize 80x24"
	echo ":save-display $T/resized"
} >"$T/sizes"
run 80 24 "$T/sizes"
expect_in "$T/resized" " Profile of iso27022"

# The totals add up to the processes at every size (80x24 and 220x60).
for size in 80x24 220x60; do
	printf 'P\n:save-display %s\n' "$T/totals" >"$T/tot"
	run "${size%x*}" "${size#*x}" "$T/tot"
	line=$(grep '^levels ' "$T/totals")
	sum=0
	for k in $(echo "$line" | sed -E 's/levels //; s/   .*//; s/[0-5]://g'); do sum=$((sum + k)); done
	na=$(echo "$line" | sed -E 's/.*not assessed: ([0-9]+).*/\1/')
	[ $((sum + na)) = 17 ] || fail "totals at $size do not add up to 17: $line"
done
expect_rc 0 "$PRMWB" --db "$DB" log
[ "$(grep -c '' "$T/out")" -gt "$before" ] || fail "the sweep rated nothing"
done_testing
