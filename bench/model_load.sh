#!/bin/sh
# model_load.sh - what loading a model costs: instructions (valgrind
# --tool=callgrind, the steady figure on noisy machines) and peak memory
# (/usr/bin/time: maximum resident set size) of `prmwb list`, `prmwb show`
# the workbench's first screen (scripted: PRMWB_SCRIPT with no keys, 80x24,
# on a store made beforehand) and `prmwb check` (which adds the RELAX NG
# schema), side by side with the floor, `xmllint --noout` on the same file
# (parse into a tree, no validation). Goals (issue 11): list, show and the
# first screen at most 1.0x xmllint's instructions and 0.5x its memory.
# Files: the default model and generated models of 2,000 and 20,000
# processes (bench/genmodel.sh).
#
# BENCH_SIZES="2000 20000" chooses the generated models (e.g. "2000" for a
# quick run: under callgrind the 20,000-process model takes minutes);
# BENCH_MODEL=FILE measures another file instead of the default.
set -eu
: "${PRMWB:?run through make bench}" "${TOP_SRCDIR:?}"
XMLLINT=${XMLLINT:-$(command -v xmllint || true)}
VALGRIND=${VALGRIND:-$(command -v valgrind || true)}
TIME=${TIME_BIN:-/usr/bin/time}
SIZES=${BENCH_SIZES:-2000 20000}
unset PRMWB_MODEL
T=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

DEF=${BENCH_MODEL:-$TOP_SRCDIR/models/iso27022.xml}
FILES=$DEF
for n in $SIZES; do
	sh "$TOP_SRCDIR/bench/genmodel.sh" "$n" >"$T/gen$n.xml"
	FILES="$FILES $T/gen$n.xml"
done
[ -x "$TIME" ] && "$TIME" -f %M true >/dev/null 2>&1 || TIME=

# instr CMD...: instructions executed (callgrind), or "-"
instr() {
	if [ -z "$VALGRIND" ]; then
		echo -
		return
	fi
	if ! "$VALGRIND" --tool=callgrind --callgrind-out-file=/dev/null \
	     --log-file="$T/vg.log" "$@" >/dev/null 2>&1; then
		echo failed
		return
	fi
	sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' "$T/vg.log" | tr -d , | tail -1
}

# peak CMD...: maximum resident set size in KiB, or "-"
peak() {
	if [ -z "$TIME" ]; then
		echo -
		return
	fi
	if ! "$TIME" -f %M -o "$T/time.out" "$@" >/dev/null 2>&1; then
		echo failed
		return
	fi
	tail -1 "$T/time.out"
}

ratio() {  # ratio VALUE FLOOR
	case "$1$2" in
	*-*|*failed*) echo - ;;
	*) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? (a / b) : 0 }' ;;
	esac
}

row() {  # row LABEL CMD...  (FLOOR_I and FLOOR_M set by the floor's row)
	label=$1; shift
	i=$(instr "$@")
	m=$(peak "$@")
	printf '  %-28s %14s %6sx %9s %6sx\n' "$label" "$i" "$(ratio "$i" "$FLOOR_I")" \
		"$m" "$(ratio "$m" "$FLOOR_M")"
}

echo "instructions: ${VALGRIND:-valgrind not found} --tool=callgrind;" \
	"peak: ${TIME:-/usr/bin/time not found} -f %M (KiB)"
echo "floor: xmllint --noout FILE; goal for list, show and the first screen:" \
	"<= 1.00x instructions, <= 0.50x peak memory"
echo "first screen: LANG=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80" \
	"PRMWB_SCRIPT=/dev/null PRMWB_SCRIPT_OUTPUT=OUT prmwb --db DB --model FILE"
for f in $FILES; do
	echo
	printf 'FILE=%s: %s bytes, %s processes\n' "$f" "$(wc -c <"$f" | tr -d ' ')" \
		"$(grep -c '<process ' "$f")"
	printf '  %-28s %14s %7s %9s %7s\n' command instructions ratio "peak KiB" ratio
	id=$("$PRMWB" --model "$f" list | sed -n '/^#/d; s/	.*//p' | head -1)
	if [ -n "$XMLLINT" ]; then
		FLOOR_I=$(instr "$XMLLINT" --noout "$f")
		FLOOR_M=$(peak "$XMLLINT" --noout "$f")
	else
		FLOOR_I=-; FLOOR_M=-
	fi
	printf '  %-28s %14s %6sx %9s %6sx\n' "xmllint --noout FILE" "$FLOOR_I" 1.00 \
		"$FLOOR_M" 1.00
	row "prmwb --model FILE list" "$PRMWB" --model "$f" list
	row "prmwb --model FILE show $id" "$PRMWB" --model "$f" show "$id"
	(
		export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 \
			TZ=UTC XDG_STATE_HOME="$T/state" PRMWB_SCRIPT=/dev/null \
			PRMWB_SCRIPT_OUTPUT="$T/screen"
		unset NO_COLOR
		rm -rf "$T/db" "$T/state"
		# The store is made first: what is measured opens it.
		"$PRMWB" --db "$T/db" --model "$f" >/dev/null 2>&1 || true
		row "prmwb (first screen)" "$PRMWB" --db "$T/db" --model "$f"
	)
	row "prmwb check FILE" "$PRMWB" check "$f"
	if [ "$f" = "$DEF" ] && [ -z "${BENCH_MODEL:-}" ]; then
		row "prmwb list (embedded)" "$PRMWB" list
	fi
done
