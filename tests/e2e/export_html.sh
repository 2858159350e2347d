#!/bin/sh
# export_html.sh - the HTML report of a filled store (tests/tools/fill_store.sh:
# ratings, targets, long notes, markup and odd characters, 7.7 not
# applicable): self-contained (no script, no external resource), every
# text escaped, the chart and the sections there; then rendered in headless
# Chromium (a screenshot that is not blank, and --print-to-pdf). The
# Chromium part is skipped where chromium is absent (exit 77 after the
# other checks passed). bench/html_screenshot.sh makes screenshots for a
# person to look at.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
. "$TOP_SRCDIR/tests/tools/fill_store.sh"

fill_store || fail "filling the store"
H="$T/report.html"
expect_rc 0 "$PRMWB" export --format html -o "$H"
[ -s "$H" ] || fail "no report written"

# --- self-contained, nothing runs ---------------------------------------
grep -qi '<script' "$H" && fail "a <script> tag in the report"
# Every tag (text is escaped, so each '<' starts one) is of the few the
# writer uses, and none names a resource: no src, no URL, no link out of
# the file (href only to an anchor in it).
grep -o '<[^>]*>' "$H" >"$T/tags"
grep -v '^<!DOCTYPE html>$' "$T/tags" | sed -E 's|^</?([a-z0-9]+).*|\1|' | sort -u >"$T/names"
for n in $(cat "$T/names"); do
	case " a article b body dd div dl dt h1 h2 h3 h4 head header html i li line main meta nav \
ol p path rect section span style svg table tbody td text th thead title tr tspan ul " in
	*" $n "*) ;;
	*) fail "unexpected tag <$n> in the report" ;;
	esac
done
grep -q '<!DOCTYPE html>' "$H" || fail "no doctype"
if grep -Ei 'src=|url\(|@import|https?:|//|<link|<img|<iframe|<object|<embed' "$T/tags" >"$T/bad"; then
	fail "a tag that refers to a resource:"; sed 's/^/  /' "$T/bad" >&2
fi
if grep -o 'href="[^"]*"' "$T/tags" | grep -v '^href="#' >"$T/bad"; then
	fail "a link out of the file:"; sed 's/^/  /' "$T/bad" >&2
fi
# The style sheet loads nothing either.
sed -n '/<style>/,/<\/style>/p' "$H" >"$T/css"
[ -s "$T/css" ] || fail "no inline style sheet"
grep -Ei 'url\(|@import|https?:|//' "$T/css" && fail "the style sheet refers to a resource"

# --- every text escaped -----------------------------------------------------
# The planted note and owner of 7.4 come out as text.
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; AT&amp;T &lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39; url(http://evil.example/x.png) @import &quot;y.css&quot;;' "$H" ||
	fail "7.4's notes not escaped as expected"
grep -qF 'R&amp;D &lt;lead&gt; &quot;Ops&quot;' "$H" || fail "7.4's owner not escaped"
# No bare '&': each one starts an entity.
sed -E 's/&(amp|lt|gt|quot|#39|#[0-9]+);//g' "$H" | grep -n '&' >"$T/bad" &&
	{ fail "a bare & in the report:"; head -5 "$T/bad" >&2; }
grep -qF 'größere Änderungen — keine. 漢字 ✓ ≤ ≥ “typographic quotes”' "$H" ||
	fail "UTF-8 text not kept as it is"

# --- what the report holds ----------------------------------------------------
for want in 'id="profile"' 'id="overview"' 'id="processes"' '<svg class="chart"' \
	'<dt>Model</dt><dd>iso27022' '<dt>As of</dt><dd>history entry #' \
	'<dt>History</dt><dd>entries #1 to #' '<th>Status</th>' 'Last change: #'; do
	grep -qF "$want" "$H" || fail "the report lacks $want"
done
# A label in the chart per process, a target mark for each with a target
# but 7.7 (not applicable).
n=$(grep -c '<tspan font-weight="bold">' "$H")
[ "$n" = 17 ] || fail "chart: $n process labels, expected 17"
n=$(sed -n '/<svg/,/<\/svg>/p' "$H" | grep -c '<path d=')
[ "$n" = 16 ] || fail "chart: $n target marks, expected 16"
n=$(grep -c '^<article' "$H")
[ "$n" = 17 ] || fail "$n process sections, expected 17"
sed -n '/<article id="p-7.7"/,/<\/article>/p' "$H" >"$T/p77"
grep -qF '<span class="badge na">not applicable</span>' "$T/p77" || fail "7.7 not marked not applicable"
grep -qF '<dt>Justification</dt><dd>No development is done in house' "$T/p77" ||
	fail "7.7's justification missing"
# Every outcome of 7.4 has its row, the ratings in one table.
sed -n '/<article id="p-7.4"/,/<\/article>/p' "$H" >"$T/p74"
n=$("$PRMWB" show 7.4 | awk '/^Outcomes:/ { o = 1; next } /^[A-Z]/ { o = 0 } o && /^  [0-9]+\. /' | wc -l)
m=$(grep -c '^<tr><td class="n">' "$T/p74")
[ "$n" = "$m" ] && [ "$n" -gt 0 ] || fail "7.4: $m outcome rows, the model lists $n"
grep -qF '<table class="pa">' "$T/p74" || fail "7.4: no PA table"

# --- rendered ------------------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
	echo "SKIP: chromium absent: the report was not rendered" >&2
	[ "$failures" = 0 ] && [ ! -e "$T/failed" ] && exit 77
	exit 1
fi
chrome() {
	timeout 300 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$T/chromium" "$@" >"$T/chrome.log" 2>&1 ||
		{ fail "chromium $*"; tail -5 "$T/chrome.log" >&2; }
}
chrome --window-size=1280,1700 --screenshot="$T/shot.png" "file://$H"
# A PNG of the window's size; a blank page of that size is about 10 KB,
# the report's first screen (chart, tables, text) many times more.
[ "$(head -c 8 "$T/shot.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] ||
	fail "screenshot is not a PNG"
size=$(od -An -tu1 -j16 -N8 "$T/shot.png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')
[ "$size" = "1280 1700" ] || fail "screenshot is $size, expected 1280 1700"
bytes=$(wc -c <"$T/shot.png")
[ "$bytes" -gt 60000 ] || fail "screenshot is $bytes bytes: blank?"
# A blank page for comparison, so the bound above means something here.
printf '<!DOCTYPE html><title>x</title><p>x</p>\n' >"$T/blank.html"
chrome --window-size=1280,1700 --screenshot="$T/blank.png" "file://$T/blank.html"
blank=$(wc -c <"$T/blank.png")
[ "$blank" -lt 60000 ] || fail "a blank page's screenshot is $blank bytes: the bound is no check"

chrome --no-pdf-header-footer --print-to-pdf="$T/report.pdf" "file://$H"
[ "$(head -c 5 "$T/report.pdf")" = "%PDF-" ] || fail "print-to-pdf gave no PDF"
tail -c 8 "$T/report.pdf" | grep -q '%%EOF' || fail "PDF not complete"
pages=$(grep -ac '/Type /Page\b' "$T/report.pdf")
# Title page, profile, overview, then 17 processes on A4.
[ "$pages" -ge 10 ] || fail "PDF has $pages pages, expected at least 10"

exit $failures
