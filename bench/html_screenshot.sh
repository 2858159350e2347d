#!/bin/sh
# html_screenshot.sh - screenshots of `prmwb export --format html` for a
# person to look at (not a test: tests/e2e/export_html.sh checks what can
# be checked mechanically). Fills a store of the default model with
# tests/tools/fill_store.sh (ratings, targets, long notes, markup and odd
# characters, 7.7 not applicable), exports it and renders the report in
# headless Chromium:
#
#   desktop-top.png        1280 px wide: title page, profile chart, overview
#   desktop-processes.png  1280 px wide: 6.2, 7.4 (the planted markup) and
#                          7.7 (not applicable) only, the rest hidden by a
#                          style added to a copy (the report is not changed)
#   narrow-top.png         420 px wide (a phone)
#   report.pdf             --print-to-pdf (A4, the print styles)
#   print-NN.png           its pages at 60 dpi, where pdftoppm is installed
#
# Usage: PRMWB=path/to/prmwb TOP_SRCDIR=. sh bench/html_screenshot.sh [OUTDIR]
# (OUTDIR default: ./html-screenshots). `make html-screenshots` runs it.
set -eu
: "${PRMWB:?PRMWB must point to the built binary}"
: "${TOP_SRCDIR:?}"
OUT=${1:-html-screenshots}
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null 2>&1 || { echo "html_screenshot: no $CHROMIUM" >&2; exit 77; }

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/prmwb-shot.XXXXXX")
trap 'rm -rf "$W"' EXIT
export PRMWB_DB="$W/db" HOME="$W/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$HOME"
. "$TOP_SRCDIR/tests/tools/fill_store.sh"
fill_store
"$PRMWB" export --format html -o "$OUT/report.html" --force

shot() {   # shot WIDTHxHEIGHT FILE.html OUT.png
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$W/chromium" --window-size="$1" --screenshot="$3" \
		"file://$2" >"$W/log" 2>&1 || { cat "$W/log" >&2; exit 1; }
}
shot 1280,1700 "$OUT/report.html" "$OUT/desktop-top.png"
shot 420,1400 "$OUT/report.html" "$OUT/narrow-top.png"
sed 's|</style>|header,#profile,#overview,h3,article{display:none}#p-6\\.2,#p-7\\.4,#p-7\\.7{display:block}</style>|' \
	"$OUT/report.html" >"$W/some.html"
shot 1280,2600 "$W/some.html" "$OUT/desktop-processes.png"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
	--user-data-dir="$W/chromium" --print-to-pdf="$OUT/report.pdf" \
	"file://$OUT/report.html" >"$W/log" 2>&1 || { cat "$W/log" >&2; exit 1; }
rm -f "$OUT"/print-*.png
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -r 60 -png "$OUT/report.pdf" "$OUT/print"
fi
echo "html_screenshot: $(ls "$OUT" | wc -l) files in $OUT"
