#!/bin/sh
# assess.sh - the assessment commands at scale (issue 8): instructions
# (callgrind: the gate) and median wall time of profile, profile --as-of an
# old baseline and a recent one, diff BASELINE and get --as-of on a store of
# BIG history entries (default 1,000,000) over the default model, next to
# get on the same store, and the same commands on a store of 10 entries
# (the floor), with the ratio; each for the work alone (--toggle-collect on
# the functions that read: process start-up and the model would drown it)
# and for the whole command. Then the growth of the as-of reads with the
# history's length (1e3, 1e5, BIG): it should grow like log n, not n.
#
# The stores: bench/store2_bench build (7.4 owner and status, then short
# changes of 7.4 notes, baseline "bmid" halfway), then ratings of three
# processes as one change set and two more, a baseline "recent", and one
# more change, so that profile and diff have levels to show.
#
# Scratch directory: $BENCH_DIR, else the build directory. Without
# valgrind only wall times are printed.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_BUILDDIR:?}" "${TOP_SRCDIR:?}"
B2="$TOP_BUILDDIR/bench/store2_bench"
base=${BENCH_DIR:-$TOP_BUILDDIR}
dir=$(mktemp -d "$base/assess-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
big=${BIG:-1000000}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME="$dir" XDG_STATE_HOME="$dir/state"
unset PRMWB_DB PRMWB_MODEL
vg=$(command -v valgrind || true)

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# ir [--toggle-collect=FN]... -- CMD...: instructions (Ir) callgrind counts
ir() {
	opts=
	while [ "$1" != -- ]; do opts="$opts $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$vg" --tool=callgrind --callgrind-out-file="$dir/cg.out" $opts "$@" \
		>/dev/null 2>"$dir/cg.err" || true
	sed -n 's/^summary: *//p; s/^totals: *//p' "$dir/cg.out" | head -1
	rm -f "$dir/cg.out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# median_ms DB CMD...: median wall time of 5 runs, in ms
median_ms() {
	db=$1
	shift
	: >"$dir/times"
	for _ in 1 2 3 4 5; do
		t0=$(ms)
		"$PRMWB" --db "$db" "$@" >/dev/null 2>&1 || true
		t1=$(ms)
		echo $((t1 - t0)) >>"$dir/times"
	done
	sort -n "$dir/times" | sed -n 3p
}

# make_store DIR N: the store described above, N + 7 entries
make_store() {
	t0=$(ms)
	"$B2" build "$1" "$2" >/dev/null
	db=$1
	"$PRMWB" --db "$db" set 7.4,7.5,8.2 pa.1.1 F >/dev/null
	"$PRMWB" --db "$db" set 7.4 pa.2.1 L >/dev/null
	"$PRMWB" --db "$db" set 7.4 pa.2.2 F >/dev/null
	"$PRMWB" --db "$db" baseline create recent >/dev/null
	"$PRMWB" --db "$db" set 7.5 pa.2.1 P >/dev/null
	t1=$(ms)
	echo "built $2 (+7) entries in $(( (t1 - t0) / 1000 )) s: $B2 build DB $2, then set 7.4,7.5,8.2 pa.1.1 F; set 7.4 pa.2.1 L; set 7.4 pa.2.2 F; baseline create recent; set 7.5 pa.2.1 P"
}

small="$dir/s10" large="$dir/sbig"
make_store "$small" 10
make_store "$large" "$big"
echo
echo "== instructions and wall time: $big history entries against 10"
echo "command: valgrind --tool=callgrind [--toggle-collect=FN]... $PRMWB --db DB CMD (piped)"
printf '%-28s %-44s %12s %12s %6s %6s %7s\n' command "work (toggle)" "Ir 10" "Ir $big" ratio "ms 10" "ms big"

# row NAME TOGGLES CMD...: one line for the work, one for the command
row() {
	name=$1 toggle=$2
	shift 2
	w10=$(median_ms "$small" "$@")
	wbig=$(median_ms "$large" "$@")
	if [ -n "$vg" ]; then
		t=
		for f in $toggle; do t="$t --toggle-collect=$f"; done
		# shellcheck disable=SC2086
		a=$(ir $t -- "$PRMWB" --db "$small" "$@")
		# shellcheck disable=SC2086
		b=$(ir $t -- "$PRMWB" --db "$large" "$@")
		printf '%-28s %-44s %12s %12s %6s %6s %7s\n' "$name" "$toggle" "$a" "$b" \
			"$(ratio "$b" "$a")" "$w10" "$wbig"
		a=$(ir -- "$PRMWB" --db "$small" "$@")
		b=$(ir -- "$PRMWB" --db "$large" "$@")
		printf '%-28s %-44s %12s %12s %6s\n' "" "(whole command)" "$a" "$b" "$(ratio "$b" "$a")"
	else
		printf '%-28s %-44s %12s %12s %6s %6s %7s\n' "$name" "$toggle" - - - "$w10" "$wbig"
	fi
}

row "get 7.4" store_get_at get 7.4
row "get 7.4 --as-of bmid" "store_resolve_ref store_get_at" get 7.4 --as-of bmid
row "profile" "store_last_seq assess_profile_read" profile
row "profile --as-of bmid" "store_resolve_ref assess_profile_read" profile --as-of bmid
row "profile --as-of recent" "store_resolve_ref assess_profile_read" profile --as-of recent
row "diff bmid" "store_resolve_ref store_last_seq diff_read" diff bmid
row "diff recent" "store_resolve_ref store_last_seq diff_read" diff recent
echo "(bmid: the baseline halfway through each store's history; recent: 1 entry before the newest)"
"$PRMWB" --db "$large" diff bmid | cut -c1-60 | sed 's/^/  diff bmid, piped: /'

echo
echo "== as-of cost against the history's length (log2 n: 10, 17, 20 for 1e3, 1e5, 1e6)"
if [ -n "$vg" ]; then
	printf '%10s %14s %14s %14s\n' entries "profile bmid" "diff bmid" "get 7.4 bmid"
	for n in 1000 100000 "$big"; do
		if [ "$n" = "$big" ]; then
			db=$large
		else
			db="$dir/g$n"
			make_store "$db" "$n" >/dev/null
		fi
		a=$(ir --toggle-collect=store_resolve_ref --toggle-collect=assess_profile_read -- \
			"$PRMWB" --db "$db" profile --as-of bmid)
		b=$(ir --toggle-collect=store_resolve_ref --toggle-collect=store_last_seq \
			--toggle-collect=diff_read -- "$PRMWB" --db "$db" diff bmid)
		c=$(ir --toggle-collect=store_resolve_ref --toggle-collect=store_get_at -- \
			"$PRMWB" --db "$db" get 7.4 --as-of bmid)
		printf '%10s %14s %14s %14s\n' "$n" "$a" "$b" "$c"
		[ "$db" = "$large" ] || rm -rf "$db"
	done
	echo "command: valgrind --tool=callgrind --toggle-collect=store_resolve_ref --toggle-collect=assess_profile_read|diff_read|store_get_at $PRMWB --db DB profile --as-of bmid | diff bmid | get 7.4 --as-of bmid"
	echo "(linear growth would multiply by 100 from 1e3 to 1e5 and by 10 again to 1e6)"
else
	echo "valgrind not found: skipped"
fi
