#!/bin/sh
# hostile.sh - how fast hostile model files are refused: `prmwb check FILE`
# (exit 2, one line) on files built to make an XML parser slow or huge,
# next to `xmllint --noout FILE` (libxml2 parsing the same file, nothing
# else) as the floor prmwb would pay without its pre-scan. xmllint is cut
# off after XMLLINT_TIMEOUT seconds (default 30): on 300,000 attributes it
# runs for minutes. Wall clock in ms, median of RUNS runs for prmwb, one
# run for xmllint; peak memory (max RSS) from /usr/bin/time if present.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
RUNS=${RUNS:-5}
XMLLINT=${XMLLINT:-$(command -v xmllint || true)}
XMLLINT_TIMEOUT=${XMLLINT_TIMEOUT:-30}
T=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

attrs() {  # attrs N: <prm> with N attributes
	awk -v n="$1" 'BEGIN { printf "<prm xmlns=\"urn:prmwb:prm:1\"";
		for (i = 1; i < n; i++) printf " a%d=\"%d\"", i, i; print "/>" }'
}
siblings() {  # siblings N: N <a/> inside <prm>
	awk -v n="$1" 'BEGIN { printf "<prm xmlns=\"urn:prmwb:prm:1\">";
		for (i = 0; i < n; i++) printf "<a/>"; print "</prm>" }'
}
attrs 80000 >"$T/attrs-80000.xml"
attrs 300000 >"$T/attrs-300000.xml"
siblings 1000001 >"$T/elements-1000001.xml"
siblings 4194304 >"$T/elements-16MB.xml"
awk 'BEGIN { printf "<prm xmlns=\"urn:prmwb:prm:1\">"; for (i = 0; i < 100000; i++) printf "<a>";
	for (i = 0; i < 100000; i++) printf "</a>"; print "</prm>" }' >"$T/deep-100000.xml"

# ms CMD...: wall clock of one run of CMD in ms (exit status ignored)
ms() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	e=$(date +%s%N)
	echo $(( (e - s) / 1000000 ))
}
median_ms() {
	i=0
	: >"$T/times"
	while [ $i -lt "$RUNS" ]; do
		ms "$@" >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
rss() {  # peak memory of CMD in MB, or '?'
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$T/rss" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$T/rss" | awk '{ printf "%.0f", $1 / 1024 }'
	else
		printf '?'
	fi
}
once() {  # once CMD...: "MS MB" of one run
	if [ -x /usr/bin/time ]; then
		s=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$T/rss" "$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo "$(( (e - s) / 1000000 )) $(tail -n 1 "$T/rss" | awk '{ printf "%.0f", $1 / 1024 }')"
	else
		echo "$(ms "$@") ?"
	fi
}

echo "prmwb: median of $RUNS runs; xmllint: one run, cut off after ${XMLLINT_TIMEOUT} s"
echo "process floor: prmwb --version $(median_ms "$PRMWB" --version) ms"
printf '%-22s %9s %12s %10s %12s %8s  %s\n' file bytes "prmwb ms" "prmwb MB" "xmllint ms" "xml MB" "prmwb says"
for f in "$T"/attrs-80000.xml "$T"/attrs-300000.xml "$T"/elements-1000001.xml \
         "$T"/elements-16MB.xml "$T"/deep-100000.xml; do
	p=$(median_ms "$PRMWB" check "$f")
	pm=$(rss "$PRMWB" check "$f")
	says=$("$PRMWB" check "$f" 2>&1 | head -1 | sed "s|^$T/||")
	if [ -n "$XMLLINT" ]; then
		set -- $(once timeout "$XMLLINT_TIMEOUT" "$XMLLINT" --noout "$f")
		x=$1 xm=$2
		[ "$x" -ge $((XMLLINT_TIMEOUT * 1000)) ] && x=">$((XMLLINT_TIMEOUT * 1000))"
	else
		x=- xm=-
	fi
	printf '%-22s %9s %12s %10s %12s %8s  %s\n' "$(basename "$f")" \
		"$(wc -c <"$f" | tr -d ' ')" "$p" "$pm" "$x" "$xm" "$says"
done
echo "commands: $PRMWB check FILE; ${XMLLINT:-xmllint} --noout FILE"
