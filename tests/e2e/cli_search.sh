#!/bin/sh
# End-to-end: `prmwb search` piped (ID<TAB>NAME<TAB>FIELD) and on a
# terminal (script(1): wrapped to COLUMNS, snippets cut at words) on the
# search fixture and the shipped model: stop words, folding beyond ASCII
# (the same under LANG=C), clause ids in each form, id-first ranking.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
S="$TOP_SRCDIR/tests/data/search.xml"
TAB=$(printf '\t')

# search_is QUERY... <<EXPECTED: the piped output (tabs written as |).
search_is() {
	expect_rc 0 "$PRMWB" --model "$S" search "$@"
	tr "$TAB" '|' <"$T/out" >"$T/got"
	if ! diff -u - "$T/got" >"$T/diff"; then
		fail "search $*"
		cat "$T/diff" >&2
	fi
}

# ---- stop words neither rank nor pick the field shown ----
search_is the risk <<'END'
7.4|Risk assessment|name
7.40|Risk acceptance|name
9.1|Risk treatment|name
6.1|The organisation and its context|activity
END
# only stop words: they count
search_is the of <<'END'
6.1|The organisation and its context|name
END

# ---- case folding beyond ASCII, the same under LANG=C ----
for loc in C.UTF-8 C; do
	LC_ALL=$loc search_is ÉVALUATION <<'END'
6.2|Supplier review|purpose
END
	LC_ALL=$loc search_is ÜMLAUT <<'END'
6.2|Supplier review|outcome
END
done

# ---- clause ids: every form finds the reference ----
for q in A.5.24 "Annex A 5.24" "annex a.5.24" 5.24 "27001 5.24" "ISO/IEC 27001:2022 A.5.24"; do
	search_is $q <<'END'
8.5|Incident handling|reference
END
done
# a clause inside a range
search_is 5.20 <<'END'
8.6|Outsourcing|reference
8.7|Cloud services|reference
END
# a standard narrows it
search_is 27001 6.1.2 <<'END'
7.4|Risk assessment|reference
END
search_is 6.1.2 <<'END'
7.4|Risk assessment|reference
9.1|Risk treatment|reference
END
expect_rc 1 "$PRMWB" --model "$S" search 27002 5.24
# the process id first, then the processes that reference the clause
search_is 7.4 <<'END'
7.4|Risk assessment|id
8.4|Communication|reference
END

# ---- on a terminal: lines fit the width, snippets cut at words ----
command -v script >/dev/null 2>&1 || { echo "script(1) missing: terminal checks skipped"; done_testing; }
tty_run() {  # tty_run COLUMNS ARGS...: run on a pty, output in $T/out
	cols=$1; shift
	COLUMNS=$cols script -qec "$(printf "'%s' " "$PRMWB" "$@")" /dev/null </dev/null |
		tr -d '\r' >"$T/out"
}
# fits COLUMNS: no line of $T/out is wider (display columns).
fits() {
	w=$(wc -L <"$T/out")
	[ "$w" -le "$1" ] || { fail "search $2 at $1 columns: a line of $w columns"; cat "$T/out" >&2; }
}
tty_run 40 --model "$S" search supplier
cat >"$T/want" <<'END'
6.2    Supplier review  [name]
8.5    Incident handling  [input]
      Supplier incident reports
END
expect_out "$T/want"
for cols in 80 60 40 30; do
	for q in risk "the risk" supplier information 5.1; do
		tty_run $cols search $q
		fits $cols "$q"
		# A snippet never starts or ends inside a word: before the end
		# marker comes a space or the end of the text.
		grep -E '^      ' "$T/out" | grep -E '[^ ]…$' >"$T/bad" && {
			fail "search $q at $cols: a snippet cut inside a word"; cat "$T/bad" >&2; }
	done
done
tty_run 40 --model "$S" search 5.20
cat >"$T/want" <<'END'
8.6    Outsourcing  [reference]
      ISO/IEC 27001:2022 A.5.19-A.5.23
8.7    Cloud services  [reference]
      ISO/IEC 27001:2022 Annex A …
END
expect_out "$T/want"

# ---- the shipped model ----
expect_rc 0 "$PRMWB" search risk
cp "$T/out" "$T/risk"
expect_rc 0 "$PRMWB" search the risk
diff -u "$T/risk" "$T/out" >&2 || fail "the shipped model: 'the risk' differs from 'risk'"
expect_rc 0 "$PRMWB" search A.5.24
[ -s "$T/out" ] || fail "the shipped model: A.5.24 finds nothing"
cp "$T/out" "$T/a524"
for q in "Annex A 5.24" 5.24 "27001 A.5.24"; do
	expect_rc 0 "$PRMWB" search $q
	diff -u "$T/a524" "$T/out" >&2 || fail "the shipped model: '$q' differs from A.5.24"
done
expect_rc 0 "$PRMWB" search 7.4
head -1 "$T/out" | grep -q "^7\.4${TAB}.*${TAB}id\$" || fail "the shipped model: 7.4 is not first"
[ "$(wc -l <"$T/out")" -gt 1 ] || fail "the shipped model: nothing references clause 7.4"
expect_rc 0 "$PRMWB" search supplier
[ "$(wc -l <"$T/out")" -ge 3 ] || fail "the shipped model: supplier finds less than 3"
done_testing
