#!/bin/sh
# exchange.sh - export and import at scale (issue 9): a store of 2,000
# processes' records (bench/genmodel.sh 2000, every field of each) and
# BIG history entries (default 1,000,000; bench/exchange_bench), exported
# as xml, xml --history, json, csv, html and markdown, next to mdb_dump -a
# of the same store (the floor for reading it all); imported into an empty
# store, and the --history file restored (import --restore), next to
# mdb_load of that dump (the floor for writing it all). Wall time of each
# (one run: the big ones take seconds; medians would take minutes), and
# callgrind instructions where valgrind exists, on a store of SMALL
# entries (default 100,000; CG_BIG=1: on the big one too, slow;
# CALLGRIND=0: none, wall times only). Then the
# size of each export of the default model's full record set: every field
# of all 17 processes filled (prmwb set --all, outcome.N per process).
#
# Scratch directory: $BENCH_DIR, else the build directory (the big store
# is about 130 MB, its --history export about 140 MB).
set -eu
: "${PRMWB:?run through make bench}" "${TOP_BUILDDIR:?}" "${TOP_SRCDIR:?}"
XB="$TOP_BUILDDIR/bench/exchange_bench"
base=${BENCH_DIR:-$TOP_BUILDDIR}
dir=$(mktemp -d "$base/exchange-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
big=${BIG:-1000000}
small=${SMALL:-100000}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME="$dir" XDG_STATE_HOME="$dir/state"
unset PRMWB_DB PRMWB_MODEL SOURCE_DATE_EPOCH
vg=$(command -v valgrind || true)
[ "${CALLGRIND:-1}" = 0 ] && vg=    # CALLGRIND=0: wall times only
dump=$(command -v mdb_dump || true)
load=$(command -v mdb_load || true)

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wall CMD...: wall time of one run in ms (output to $dir/o), or FAILED
wall() {
	t0=$(ms)
	if "$@" >"$dir/o" 2>"$dir/e"; then
		echo $(( $(ms) - t0 ))
	else
		echo "FAILED($(head -c 200 "$dir/e" | tr '\n' ' '))"
	fi
}

# ir CMD...: instructions (Ir) callgrind counts for the whole command
ir() {
	"$vg" --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>"$dir/cg.err" ||
		{ echo "-"; rm -f "$dir/cg.out"; return 0; }
	sed -n 's/^summary: *//p; s/^totals: *//p' "$dir/cg.out" | head -1
	rm -f "$dir/cg.out"
}

sh "$TOP_SRCDIR/bench/genmodel.sh" 2000 >"$dir/model.xml"
M="$dir/model.xml"
t0=$(ms)
"$XB" build "$dir/big" generated 2000 "$big"
echo "built $big entries over 2000 processes in $(( ($(ms) - t0) / 1000 )) s: $XB build DB generated 2000 $big"
"$XB" build "$dir/small" generated 2000 "$small"
echo "built $small entries the same way (for callgrind)"
echo "store: $(stat -c %s "$dir/big/data.mdb") bytes (data.mdb, $big entries)"
has_import=false
if "$PRMWB" --help 2>/dev/null | grep -q '^  import'; then
	has_import=true
fi

echo
echo "== export of 2000 processes' records and $big history entries, wall time (one run)"
echo "command: $PRMWB --db DB --model M export --format F [--history] >FILE"
printf '%-26s %12s %10s %14s   %s\n' what "ms" "x floor" bytes "Ir ($small entries)"
if [ -n "$dump" ]; then
	floor=$(wall "$dump" -a "$dir/big")
	mv "$dir/o" "$dir/dump"
	fir=-
	[ -n "$vg" ] && fir=$(ir "$dump" -a "$dir/small")
	printf '%-26s %12s %10s %14s   %s\n' "mdb_dump -a (floor)" "$floor" 1.00 \
		"$(stat -c %s "$dir/dump")" "$fir"
else
	floor=
	echo "mdb_dump not found (Debian: lmdb-utils): no floor"
fi
ratio() {
	case "$1$2" in *[!0-9]*|'') echo - ;; *)
		awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }' ;;
	esac
}
for spec in "xml:--format xml" "xml --history:--format xml --history" \
	"json:--format json" "json --history:--format json --history" "csv:--format csv" \
	"html:--format html" "markdown:--format markdown"; do
	name=${spec%%:*} args=${spec#*:}
	# shellcheck disable=SC2086
	t=$(wall "$PRMWB" --db "$dir/big" --model "$M" export $args)
	bytes=$(stat -c %s "$dir/o")
	case "$name" in "xml --history") mv "$dir/o" "$dir/hist.xml" ;; xml) mv "$dir/o" "$dir/rec.xml" ;; esac
	cg=-
	if [ -n "$vg" ]; then
		# shellcheck disable=SC2086
		cg=$(ir "$PRMWB" --db "$dir/small" --model "$M" export $args)
		if [ "${CG_BIG:-0}" = 1 ]; then
			# shellcheck disable=SC2086
			cg="$cg; $(ir "$PRMWB" --db "$dir/big" --model "$M" export $args) ($big)"
		fi
	fi
	printf '%-26s %12s %10s %14s   %s\n' "export $name" "$t" "$(ratio "$t" "$floor")" "$bytes" "$cg"
done

echo
echo "== import into an empty store, wall time (one run)"
if [ -n "$load" ] && [ -f "$dir/dump" ]; then
	mkdir -p "$dir/loaded"
	t=$(wall "$load" -f "$dir/dump" "$dir/loaded")
	printf '%-34s %12s ms   (%s -f DUMP DIR: the floor for writing it all)\n' "mdb_load of the dump" "$t" "$load"
	rm -rf "$dir/loaded"
fi
if $has_import; then
	t=$(wall "$PRMWB" --db "$dir/imp" --model "$M" import "$dir/rec.xml")
	printf '%-34s %12s ms   (%s --db NEW --model M import FILE)\n' "import (records, xml)" "$t" "$PRMWB"
	t=$(wall "$PRMWB" --db "$dir/res" --model "$M" import --restore "$dir/hist.xml")
	printf '%-34s %12s ms   (%s --db NEW --model M import --restore FILE)\n' \
		"import --restore (xml --history)" "$t" "$PRMWB"
	if [ -n "$vg" ]; then
		"$PRMWB" --db "$dir/small" --model "$M" export >"$dir/srec.xml"
		"$PRMWB" --db "$dir/small" --model "$M" export --history >"$dir/shist.xml"
		a=$(ir "$PRMWB" --db "$dir/simp" --model "$M" import "$dir/srec.xml")
		b=$(ir "$PRMWB" --db "$dir/sres" --model "$M" import --restore "$dir/shist.xml")
		echo "Ir ($small entries): import $a, import --restore $b"
	fi
	rm -rf "$dir/imp" "$dir/res" "$dir/simp" "$dir/sres"
else
	echo "prmwb import: not in this build (prmwb --help lists no import): skipped"
fi
rm -f "$dir/dump" "$dir/rec.xml" "$dir/hist.xml"

echo
echo "== size of each export of the default model's full record set (17 processes, every field)"
db="$dir/full"
p() { "$PRMWB" --db "$db" "$@" >/dev/null; }
p set --all owner "Information security officer"
p set --all status implemented
p set --all justification "Kept for the record: the process applies."
p set --all applicable yes
p set --all notes "Reviewed in the management review; the open points are in the action list."
p set --all evidence "ISMS manual, chapter 4
Audit report 2026-Q3"
p set --all target 3
for f in pa.1.1 pa.2.1 pa.2.2 pa.3.1 pa.3.2 pa.4.1 pa.4.2 pa.5.1 pa.5.2; do p set --all "$f" L; done
p set --all review 2027-03-31
for id in $("$PRMWB" list | awk '$1 ~ /^[0-9]+(\.[0-9]+)+$/ { print $1 }'); do
	for n in $("$PRMWB" show "$id" | awk '/^Outcomes:/ { o = 1; next }
		/^[A-Z]/ { o = 0 } o && /^  [0-9]+\. / { sub(/\./, "", $1); print $1 }'); do
		p set "$id" "outcome.$n" F
	done
done
echo "($("$PRMWB" --db "$db" status | sed -n 's/^history: *//p'); command: $PRMWB --db DB export --format F [--history] | wc -c)"
for spec in "xml:--format xml" "xml --history:--format xml --history" "json:--format json" \
	"json --history:--format json --history" "csv:--format csv" "markdown:--format markdown" \
	"html:--format html" "oscal-catalog:--format oscal-catalog" "oscal-ar:--format oscal-ar"; do
	name=${spec%%:*} args=${spec#*:}
	# shellcheck disable=SC2086
	printf '%-16s %10s bytes\n' "$name" "$("$PRMWB" --db "$db" export $args | wc -c)"
done
