#!/bin/sh
# store2.sh - the store at scale (issue 11, goals 3 and 4): instructions
# (callgrind: the gate) of get, set, undo, log --limit 20, opening the store
# and as-of reads on a store of BIG history entries (default 10,000,000)
# next to a store of 10 (the floor), with the ratio (goal: at most 1.2x)
# and the median wall time beside; each for the operation alone
# (--toggle-collect on the store function: process start-up would drown
# it) and for the whole command. Then bytes of store per history entry
# (schema 1 before, schema 2 now: the same short changes), the growth of an
# as-of read with the history's length (1e3, 1e5, BIG: it should grow like
# log n), and the workbench's first screen, its L view and an entry of it
# (Enter) in scripted mode.
#
# Scratch directory: $BENCH_DIR, else the build directory. BIG overrides
# the size (the 10,000,000-entry store takes about a minute to build and
# 700 MB). BIG_DB=DIR keeps the big store in DIR and reuses it when it is
# there (for repeated runs; delete it yourself). Without valgrind only wall
# times are printed.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_BUILDDIR:?}" "${TOP_SRCDIR:?}"
B2="$TOP_BUILDDIR/bench/store2_bench"
MK1="$TOP_BUILDDIR/tests/tools/v1/mkstore1"
base=${BENCH_DIR:-$TOP_BUILDDIR}
dir=$(mktemp -d "$base/store2-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
big=${BIG:-10000000}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME="$dir" XDG_STATE_HOME="$dir/state"
unset PRMWB_DB PRMWB_MODEL
vg=$(command -v valgrind || true)

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# median_ms CMD...: median wall time of 5 runs, in ms (the workbench)
median_ms() {
	: >"$dir/times"
	for _ in 1 2 3 4 5; do
		t0=$(ms)
		"$@" >/dev/null 2>&1 || true
		t1=$(ms)
		echo $((t1 - t0)) >>"$dir/times"
	done
	sort -n "$dir/times" | sed -n 3p
}

# ir [--toggle-collect=FN]... -- CMD...: instructions (Ir) callgrind counts
ir() {
	opts=
	while [ "$1" != -- ]; do opts="$opts $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$vg" --tool=callgrind --callgrind-out-file="$dir/cg.out" $opts "$@" \
		>/dev/null 2>"$dir/cg.err" || true
	sed -n 's/^summary: *//p; s/^totals: *//p' "$dir/cg.out" | head -1
	# LMDB zeroes each page it mallocs for a write (4096 bytes with rep
	# stosb, which callgrind counts byte by byte): kept apart in $dir/zero
	callgrind_annotate "$dir/cg.out" 2>/dev/null |
		awk '/__memset/ { gsub(",", "", $1); z += $1 } END { print z + 0 }' >"$dir/zero"
	rm -f "$dir/cg.out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

build() {
	t0=$(ms)
	"$B2" build "$1" "$2"
	t1=$(ms)
	echo "built $2 entries in $(( (t1 - t0) / 1000 )) s: $B2 build $1 $2"
}

small="$dir/s10" large=${BIG_DB:-$dir/sbig}
build "$small" 10
if [ -n "${BIG_DB:-}" ] && [ -e "$BIG_DB/data.mdb" ]; then
	echo "reusing $BIG_DB ($("$B2" size "$BIG_DB" | cut -d' ' -f1) entries)"
else
	build "$large" "$big"
fi
echo
echo "== instructions and wall time: $big history entries against 10"
echo "command: valgrind --tool=callgrind [--toggle-collect=FN] $PRMWB --db DB CMD"
printf '%-34s %-30s %14s %14s %6s %9s %9s\n' command "operation (toggle)" "Ir 10" "Ir $big" ratio "ms 10" "ms big"

# run PREP DB CMD...: PREP DB (untimed), then CMD on DB
# row NAME TOGGLE PREP CMD...: one line for the operation, one for the
# command; PREP runs before each measured run (so that each set changes a
# value and each undo has a change to undo)
none() { :; }
set_75() { "$PRMWB" --db "$1" set 7.5 owner C >/dev/null; "$PRMWB" --db "$1" set 7.5 status planned >/dev/null; }
set_a() { "$PRMWB" --db "$1" set 7.4 owner A >/dev/null; }
set_ab() { set_a "$1"; "$PRMWB" --db "$1" set 7.4 owner B >/dev/null; }
set_ab_undo() { set_ab "$1"; "$PRMWB" --db "$1" undo >/dev/null; }

# median_prep PREP DB CMD...: median wall time of 5 runs of CMD after PREP
median_prep() {
	prep=$1 db=$2
	shift 2
	: >"$dir/times"
	for _ in 1 2 3 4 5; do
		"$prep" "$db"
		t0=$(ms)
		"$PRMWB" --db "$db" "$@" >/dev/null 2>&1 || true
		t1=$(ms)
		echo $((t1 - t0)) >>"$dir/times"
	done
	sort -n "$dir/times" | sed -n 3p
}

row() {
	name=$1 toggle=$2 prep=$3
	shift 3
	w10=$(median_prep "$prep" "$small" "$@")
	wbig=$(median_prep "$prep" "$large" "$@")
	if [ -n "$vg" ]; then
		t=
		for f in $toggle; do t="$t --toggle-collect=$f"; done
		"$prep" "$small"
		# shellcheck disable=SC2086
		a=$(ir $t -- "$PRMWB" --db "$small" "$@")
		za=$(cat "$dir/zero")
		"$prep" "$large"
		# shellcheck disable=SC2086
		b=$(ir $t -- "$PRMWB" --db "$large" "$@")
		zb=$(cat "$dir/zero")
		printf '%-34s %-30s %14s %14s %6s %9s %9s\n' "$name" "$toggle" "$a" "$b" \
			"$(ratio "$b" "$a")" "$w10" "$wbig"
		if [ "$za" -gt 0 ] || [ "$zb" -gt 0 ]; then
			printf '%-34s %-30s %14s %14s %6s   (%s and %s fresh pages zeroed by LMDB: %s and %s Ir)\n' \
				"" "(alone, without the zeroing)" $((a - za)) $((b - zb)) \
				"$(ratio $((b - zb)) $((a - za)))" $((za / 4096)) $((zb / 4096)) "$za" "$zb"
		fi
		"$prep" "$small"
		a=$(ir -- "$PRMWB" --db "$small" "$@")
		"$prep" "$large"
		b=$(ir -- "$PRMWB" --db "$large" "$@")
		printf '%-34s %-30s %14s %14s %6s\n' "" "(whole command)" "$a" "$b" "$(ratio "$b" "$a")"
	else
		printf '%-34s %-30s %14s %14s %6s %9s %9s\n' "$name" "$toggle" - - - "$w10" "$wbig"
	fi
}

half=$((big / 2))
today=$(date -u +%Y-%m-%d)
row "get 7.4" store_get_at none get 7.4
row "get 7.4 (opening the store)" store_open_lineage none get 7.4
row "log --limit 20" store_log none log --limit 20
if [ -n "$vg" ]; then
	# The 10-entry store shows 10 entries, the big one 20: per entry is
	# the like-for-like figure.
	set --
	for db in "$small" "$large"; do
		l=$("$PRMWB" --db "$db" log --limit 20 | wc -l)
		a=$(ir --toggle-collect=store_log -- "$PRMWB" --db "$db" log --limit 20)
		set -- "$@" $((a / l)) "$l"
	done
	printf '%-34s %-30s %14s %14s %6s   (per entry: %s and %s entries shown)\n' "" \
		"store_log / entry" "$1" "$3" "$(ratio "$3" "$1")" "$2" "$4"
fi
row "log 7.5 --limit 20 (2 entries)" store_log set_75 log 7.5 --limit 20
row "set 7.4 owner B (after A)" store_set set_a set 7.4 owner B
row "undo (of a set)" store_undo_set set_ab undo
row "redo (of that undo)" store_redo_set set_ab_undo redo
row "get 7.4 --as-of 1" "store_resolve_ref store_get_at" none get 7.4 --as-of 1
row "get 7.4 --as-of bmid" "store_resolve_ref store_get_at" none get 7.4 --as-of bmid
row "get 7.4 --as-of $today" "store_resolve_ref store_get_at" none get 7.4 --as-of "$today"
row "status --as-of bmid" "store_resolve_ref store_get_at store_list_at" none status --as-of bmid
echo "(bmid: the baseline halfway through each store's history)"

echo
echo "== bytes of store per history entry (short changes of one field)"
"$MK1" "$dir/v1" iso27022 >/dev/null <<EOF
bulk 1000000 7.4 notes
EOF
v1=$(stat -c %s "$dir/v1/data.mdb")
"$B2" build "$dir/v2m" 1000000
set -- $("$B2" size "$dir/v2m")
printf 'schema 1: %.1f bytes/entry (1,000,000 entries, %s bytes: tests/tools/v1/mkstore1 DB <<< "bulk 1000000 7.4 notes")\n' \
	"$(awk -v a="$v1" 'BEGIN { print a / 1000000 }')" "$v1"
printf 'schema 2: %.1f bytes/entry (%s entries, %s bytes: %s build DB 1000000)\n' \
	"$(awk -v a="$2" -v n="$1" 'BEGIN { print a / n }')" "$1" "$2" "$B2"
set -- $("$B2" size "$large")
printf 'schema 2: %.1f bytes/entry (%s entries, %s bytes: %s build DB %s)\n' \
	"$(awk -v a="$2" -v n="$1" 'BEGIN { print a / n }')" "$1" "$2" "$B2" "$big"
"$B2" mixed "$dir/mixed" 100000
set -- $("$B2" size "$dir/mixed")
printf 'schema 2, 17 processes x 6 fields, 3 users: %.1f bytes/entry (%s entries: %s mixed DB 100000)\n' \
	"$(awk -v a="$2" -v n="$1" 'BEGIN { print a / n }')" "$1" "$B2"
# where the bytes go: pages of each named database per history entry
if command -v mdb_stat >/dev/null 2>&1; then
	for db in v2m mixed; do
		n=$("$B2" size "$dir/$db" | cut -d' ' -f1)
		ps=$(mdb_stat -e "$dir/$db" | awk '/Page size/ { print $3 }')
		mdb_stat -a "$dir/$db" | awk -v n="$n" -v db="$db" -v ps="${ps:-4096}" '
			/^Status of/ { d = $3 }
			/Branch pages|Leaf pages|Overflow pages/ { p[d] += $3 }
			END {
				printf "  %s by database (bytes/entry, mdb_stat -a):", db
				for (k in p) if (p[k] * ps / n >= 0.1) printf " %s %.1f", k, p[k] * ps / n
				printf "\n"
			}'
	done
fi
rm -rf "$dir/v1" "$dir/v2m" "$dir/mixed"

echo
echo "== as-of cost against the history's length (the middle entry; log2 n: 10, 17, 23)"
if [ -n "$vg" ]; then
	for n in 1000 100000; do
		"$B2" build "$dir/g$n" "$n" >/dev/null
		a=$(ir --toggle-collect=store_resolve_ref --toggle-collect=store_get_at -- \
			"$PRMWB" --db "$dir/g$n" get 7.4 --as-of $((n / 2)))
		printf '%10s entries: %10s Ir   (get 7.4 --as-of %s, store_resolve_ref + store_get_at)\n' \
			"$n" "$a" $((n / 2))
		rm -rf "$dir/g$n"
	done
	a=$(ir --toggle-collect=store_resolve_ref --toggle-collect=store_get_at -- \
		"$PRMWB" --db "$large" get 7.4 --as-of "$half")
	printf '%10s entries: %10s Ir\n' "$big" "$a"
else
	echo "valgrind not found: skipped"
fi

echo
echo "== the workbench (PRMWB_SCRIPT, 80x24): first screen; L L (the whole store's history);"
echo "   L L Enter (its newest entry whole); L L G (down to the 1000th entry)"
export TERM=xterm-256color LINES=24 COLUMNS=80
: >"$dir/empty"
printf 'L\nL\n' >"$dir/L"
printf 'L\nL\n<Enter>\n' >"$dir/LE"
printf 'L\nL\nG\n' >"$dir/LG"
tui() { PRMWB_SCRIPT="$2" PRMWB_SCRIPT_OUTPUT="$dir/tui.out" "$PRMWB" --db "$1"; }
# tui_ir DB SCRIPT: instructions of the whole workbench run
tui_ir() {
	(export PRMWB_SCRIPT="$2" PRMWB_SCRIPT_OUTPUT="$dir/tui.out"; ir -- "$PRMWB" --db "$1")
}
printf '%-34s %14s %14s %6s %9s %9s\n' script "Ir 10" "Ir $big" ratio "ms 10" "ms big"
for s in empty L LE LG; do
	case $s in
	empty) name="first screen" ;;
	L) name="L L" ;;
	LE) name="L L Enter" ;;
	LG) name="L L G" ;;
	esac
	a=- b=- r=-
	if [ -n "$vg" ]; then
		a=$(tui_ir "$small" "$dir/$s")
		b=$(tui_ir "$large" "$dir/$s")
		r=$(ratio "$b" "$a")
	fi
	t=$(median_ms tui "$small" "$dir/$s")
	u=$(median_ms tui "$large" "$dir/$s")
	printf '%-34s %14s %14s %6s %9s %9s\n' "$name" "$a" "$b" "$r" "$t" "$u"
done
echo "(L L G: 1000 entries read and formatted against the 10-entry store's 10; not a goal figure)"
echo "command: PRMWB_SCRIPT=FILE PRMWB_SCRIPT_OUTPUT=OUT valgrind --tool=callgrind $PRMWB --db DB"
echo "         (FILE: empty; 'L', 'L'; 'L', 'L', '<Enter>'; 'L', 'L', 'G')"
