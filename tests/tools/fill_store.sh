# fill_store.sh - fill the store $PRMWB_DB (default model) with a record
# for every process: owner, status, notes (long, and with markup, quotes,
# ampersands, non-ASCII and a long unbroken word), evidence, ratings of
# the outcomes (all but the last of each process) and PAs, target, review
# date; 7.7 applicable=no with a justification, 8.5 not assessed, levels
# 0 to 3. Source it after setting PRMWB and PRMWB_DB, then call
# fill_store. Values shared by several processes are set as one change set
# each (prmwb set ID,ID,...), to keep it quick. Used by
# tests/e2e/export_html.sh and bench/html_screenshot.sh.

# The planted hostile note: it must come out of every writer escaped.
FILL_HOSTILE='<script>alert("x")</script> & AT&T <b>bold</b> '"'"'quoted'"'"' url(http://evil.example/x.png) @import "y.css";'

# fill_set IDS FIELD VALUE: IDS space-separated (none: nothing to do).
fill_set() {
	[ -n "$1" ] || return 0
	"$PRMWB" set "$(echo $1 | tr ' ' ',')" "$2" "$3" >/dev/null
}

fill_store() {
	ids=$("$PRMWB" list | awk '$1 ~ /^[0-9]+(\.[0-9]+)+$/ { print $1 }')
	[ -n "$ids" ] || { echo "fill_store: no process ids from prmwb list" >&2; return 1; }
	fill_set "$ids" notes "Reviewed with the process owner on site; the records of the last twelve months were sampled and the measures agreed in the management review are in place. Open points are tracked in the ISMS action list, and the next internal audit looks at them again.
Second paragraph: größere Änderungen — keine. 漢字 ✓ ≤ ≥ “typographic quotes”.
LongUnbrokenWordThatMustWrapInsideItsBox_$(printf 'x%.0s' $(seq 1 90))" || return 1
	fill_set "$ids" evidence "ISMS manual, chapter 4
https://intranet.example/isms/evidence-register.pdf
Audit report 2026-Q3" || return 1
	fill_set "$ids" review 2027-03-15 || return 1
	# Per process i (1, 2, ...): who, how far, which target, which PAs;
	# collected by value, then one set per value.
	i=0
	ow0= ow1= ow2= st0= st1= st2= st3= st4= t1= t2= t3= t4= pa11= pa2= pa3= o1= o2= o3= o4= o5= o6= oN=
	for id in $ids; do
		i=$((i + 1))
		eval "ow$((i % 3))=\"\$ow$((i % 3)) $id\""
		eval "st$((i % 5))=\"\$st$((i % 5)) $id\""
		eval "t$((i % 4 + 1))=\"\$t$((i % 4 + 1)) $id\""
		[ $((i % 5)) != 0 ] && pa11="$pa11 $id"
		[ $((i % 5)) != 0 ] && [ $((i % 3)) != 0 ] && pa2="$pa2 $id"
		[ $((i % 5)) != 0 ] && [ $((i % 4)) = 1 ] && pa3="$pa3 $id"
		# Every outcome the model lists rated, but the last one: a rating
		# per outcome number.
		outcomes=$("$PRMWB" show "$id" | awk '/^Outcomes:/ { o = 1; next }
			/^[A-Z]/ { o = 0 } o && /^  [0-9]+\. / { sub(/\./, "", $1); print $1 }')
		last=
		for n in $outcomes; do last=$n; done
		for n in $outcomes; do
			[ "$n" = "$last" ] && break
			case $n in 1|2|3|4|5|6) eval "o$n=\"\$o$n $id\"" ;; *) oN="$oN $id:$n" ;; esac
		done
	done
	fill_set "$ow0" owner "Chief information security officer" &&
		fill_set "$ow1" owner "ISMS team, site Zürich" &&
		fill_set "$ow2" owner "IT operations (Jörg Müller)" || return 1
	fill_set "$st0" status not-started && fill_set "$st1" status planned &&
		fill_set "$st2" status in-progress && fill_set "$st3" status implemented &&
		fill_set "$st4" status verified || return 1
	for t in 1 2 3 4; do eval "fill_set \"\$t$t\" target $t" || return 1; done
	fill_set "$pa11" pa.1.1 F && fill_set "$pa2" pa.2.1 L && fill_set "$pa2" pa.2.2 L &&
		fill_set "$pa3" pa.3.1 F && fill_set "$pa3" pa.3.2 L || return 1
	fill_set "$st0" pa.1.1 P- || return 1          # level 0
	fill_set "$o1" outcome.1 L && fill_set "$o2" outcome.2 F && fill_set "$o3" outcome.3 P &&
		fill_set "$o4" outcome.4 L+ && fill_set "$o5" outcome.5 N &&
		fill_set "$o6" outcome.6 P- || return 1
	for x in $oN; do
		"$PRMWB" set "${x%%:*}" "outcome.${x#*:}" F >/dev/null || return 1
	done
	"$PRMWB" set 7.7 justification "No development is done in house: every system is bought as a service (see the supplier register)." >/dev/null || return 1
	"$PRMWB" set 7.7 applicable no >/dev/null || return 1
	# 7.13 at level 3, 8.5 not assessed.
	fill_set "7.13" pa.2.1 F && fill_set "7.13" pa.2.2 F && fill_set "7.13" pa.3.1 L &&
		fill_set "7.13" pa.3.2 L || return 1
	"$PRMWB" set 8.5 pa.1.1 '' >/dev/null || return 1
	"$PRMWB" set 7.4 notes "$FILL_HOSTILE" >/dev/null || return 1
	"$PRMWB" set 7.4 owner "R&D <lead> \"Ops\"" >/dev/null || return 1
}
