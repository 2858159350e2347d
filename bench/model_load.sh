#!/bin/sh
# model_load.sh - time to load and validate a model: the embedded default
# and a generated model with 2,000 processes, measured as `prmwb check FILE`
# (read, parse, RELAX NG, semantic checks, free: the whole load), side by
# side with xmllint on the same file (parse only; parse + RELAX NG) as the
# floor. Median of RUNS runs of each command, wall clock, in ms.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
RUNS=${RUNS:-21}
XMLLINT=${XMLLINT:-$(command -v xmllint || true)}
T=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

sh "$TOP_SRCDIR/bench/genmodel.sh" 2000 >"$T/gen2000.xml"
RNG="$TOP_SRCDIR/models/prm.rng"
# BENCH_MODEL: another "default" model file to measure (e.g. a newer one)
DEF=${BENCH_MODEL:-$TOP_SRCDIR/models/iso27022.xml}

# median_ms CMD...: run CMD RUNS times (output discarded), print the median
median_ms() {
	i=0
	: >"$T/times"
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N)
		if ! "$@" >/dev/null 2>&1; then
			printf 'failed'
			return 0
		fi
		e=$(date +%s%N)
		echo $(( (e - s) / 1000 )) >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }'
}

row() {  # row LABEL CMD...
	label=$1; shift
	printf '%-34s %9s ms   %s\n' "$label" "$(median_ms "$@")" "$*"
}

echo "median of $RUNS runs (wall clock, including process start)"
for f in "$DEF" "$T/gen2000.xml"; do
	echo
	printf '%s: %s bytes, %s processes\n' "$(basename "$f")" "$(wc -c <"$f" | tr -d ' ')" \
		"$(grep -c '<process ' "$f")"
	row "prmwb --version (process floor)" "$PRMWB" --version
	if [ "$f" = "$DEF" ]; then
		row "prmwb list (embedded model)" "$PRMWB" list
		row "prmwb --model FILE list" "$PRMWB" --model "$f" list
	fi
	row "prmwb check" "$PRMWB" check "$f"
	if [ -n "$XMLLINT" ]; then
		row "xmllint --noout" "$XMLLINT" --noout "$f"
		row "xmllint --noout --relaxng" "$XMLLINT" --noout --relaxng "$RNG" "$f"
	fi
done
