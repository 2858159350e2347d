#!/bin/sh
# End-to-end: prmwb export in every format on the default model. The
# records formats hold every field of every process (orphans too) with
# revision, time, user and origin, valid against models/records.rng; the
# history with every kind of entry; --as-of; deterministic bytes
# (SOURCE_DATE_EPOCH or the newest entry); -o FILE refused if it exists
# unless --force; CSV formula cells neutralised in free-text columns only;
# OSCAL documents with the schema's required fields (checked with jq).
. "$TOP_SRCDIR/tests/e2e/lib.sh"

XMLLINT=${XMLLINT:-xmllint}
RNG="$TOP_SRCDIR/models/records.rng"

# the empty store (none yet) exports every slot empty
expect_rc 0 "$PRMWB" export
expect_grep '^<records xmlns="urn:prmwb:records:1" model="iso27022"$'
"$PRMWB" export | "$XMLLINT" --noout --relaxng "$RNG" - 2>"$T/err" || fail "empty export not valid"
[ -e "$PRMWB_DB" ] && fail "export created the store"

expect_rc 0 "$PRMWB" set 7.4 owner alice
expect_rc 0 "$PRMWB" set 7.4 outcome.1 L+
expect_rc 0 "$PRMWB" set 7.4 pa.1.1 F
expect_rc 0 "$PRMWB" set 7.4 target 1
expect_rc 0 "$PRMWB" set 7.5 notes '=HYPERLINK("http://x","y") and "quotes", commas
a second line'
expect_rc 0 "$PRMWB" set 7.5 evidence '-2+3 <script>alert(1)</script> & \u2028'
expect_rc 0 "$PRMWB" baseline create first --note 'before the undo'
expect_rc 0 "$PRMWB" set 7.4 owner bob
expect_rc 0 "$PRMWB" undo

# ---- xml -------------------------------------------------------------------------------
expect_rc 0 "$PRMWB" export -o "$T/r.xml"
"$XMLLINT" --noout --relaxng "$RNG" "$T/r.xml" 2>"$T/err" || { fail "r.xml not valid"; cat "$T/err" >&2; }
# every slot of every process: 2 lines each, in model order
n_proc=$("$PRMWB" list | grep -cE '^ *[0-9]+\.[0-9]+ ')
[ "$(grep -c '^<field ' "$T/r.xml")" -ge $((n_proc * 20)) ] || fail "not every slot written"
grep -n '^<field process="7.4" name="owner"$' "$T/r.xml" >/dev/null || fail "no 7.4 owner slot"
uuid=$("$PRMWB" status | sed -n 's/^uuid: *//p')
expect_rc 0 grep -A1 '^<field process="7.4" name="owner"$' "$T/r.xml"
# alice again, written by the undo (#9): this store's change at that entry
expect_grep "^ origin=\"$uuid:9\" rev=\"1\" time=\"[0-9T:-]+Z\" user=\"[^\"]+\">alice</field>\$"
expect_rc 0 grep -A1 '^<field process="7.5" name="notes"$' "$T/r.xml"
expect_grep '>=HYPERLINK\(&quot;http://x&quot;,&quot;y&quot;\) and &quot;quotes&quot;, commas&#10;a second line</field>$'
# the header line holds what changes on every export; --portable leaves it out
expect_rc 0 "$PRMWB" export --portable
expect_nogrep 'seq=|generated=|store=|rev=|time=|user='
"$PRMWB" export --portable | "$XMLLINT" --noout --relaxng "$RNG" - 2>/dev/null || fail "portable not valid"

# ---- history: every kind ------------------------------------------------------------------
expect_rc 0 "$PRMWB" export --history -o "$T/h.xml"
"$XMLLINT" --noout --relaxng "$RNG" "$T/h.xml" 2>"$T/err" || { fail "h.xml not valid"; cat "$T/err" >&2; }
[ "$(grep -c '^<entry ' "$T/h.xml")" = 9 ] || fail "not 9 history entries"
grep -q '^<entry seq="7" kind="baseline" time="[^"]*" user="[^"]*" pid="[0-9]*" name="first">before the undo</entry>$' "$T/h.xml" ||
	fail "baseline entry"
grep -q '^<entry seq="9" kind="undo" .* ref="8" process="7.4" field="owner">alice</entry>$' "$T/h.xml" ||
	fail "undo entry"
"$PRMWB" --db "$T/other" set 7.6 owner zoe >/dev/null
"$PRMWB" --db "$T/other" export -o "$T/o.xml"
expect_rc 0 "$PRMWB" import "$T/o.xml"
expect_rc 0 "$PRMWB" export --history --format json -o "$T/h.json"
expect_rc 0 grep '"seq": 10' "$T/h.json"
expect_grep '"kind": "set", .*"process": "7.6", "field": "owner", "origin": "[0-9a-f-]{36}:1", "import": "1", "file": ".*o\.xml", "sha256": "[0-9a-f]{64}", "value": "zoe"'
mkdir -p "$T/r"
"$PRMWB" --db "$T/r/db" import --restore "$T/h.json" >/dev/null || fail "restore"
"$PRMWB" --db "$T/r/db" export --history >"$T/r.xml2"
expect_rc 0 grep 'kind="restore"' "$T/r.xml2"
expect_grep "^<entry seq=\"11\" kind=\"restore\" time=\"[^\"]*\" user=\"[^\"]*\" pid=\"[0-9]*\" file=\".*h\\.json\" sha256=\"$(sha256sum "$T/h.json" | cut -c1-64)\"/>\$"

# ---- --as-of --------------------------------------------------------------------------------
expect_rc 0 "$PRMWB" export --as-of first
expect_grep ' seq="7" '
cp "$T/out" "$T/x"
expect_rc 0 grep -A1 'process="7.6" name="owner"$' "$T/x"
expect_grep '^/>$'
expect_rc 0 "$PRMWB" export --as-of 8 --format json
cp "$T/out" "$T/x"
expect_rc 0 grep -A1 '"process": "7.4", "field": "owner"$' "$T/x"
expect_grep '"value": "bob"'
expect_rc 1 "$PRMWB" export --as-of nosuch
expect_rc 2 "$PRMWB" export --as-of 2020-13-45

# ---- deterministic bytes -------------------------------------------------------------------
for f in xml json csv markdown html oscal-catalog oscal-ar; do
	"$PRMWB" export --format $f --history >"$T/d1" 2>/dev/null ||
		"$PRMWB" export --format $f >"$T/d1" || fail "export $f"
	"$PRMWB" export --format $f --history >"$T/d2" 2>/dev/null ||
		"$PRMWB" export --format $f >"$T/d2"
	cmp -s "$T/d1" "$T/d2" || fail "$f: two exports differ"
	SOURCE_DATE_EPOCH=86400 "$PRMWB" export --format $f >"$T/d3" || fail "$f with SOURCE_DATE_EPOCH"
	SOURCE_DATE_EPOCH=86400 "$PRMWB" export --format $f >"$T/d4"
	cmp -s "$T/d3" "$T/d4" || fail "$f: two exports with SOURCE_DATE_EPOCH differ"
done
newest=$("$PRMWB" log --limit 1 | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z' | head -1)
expect_rc 0 "$PRMWB" export
expect_grep "generated=\"$newest\""
SOURCE_DATE_EPOCH=86400 expect_rc 0 "$PRMWB" export
expect_grep 'generated="1970-01-02T00:00:00Z"'
SOURCE_DATE_EPOCH=yesterday expect_rc 2 "$PRMWB" export
expect_grep 'SOURCE_DATE_EPOCH' err

# ---- -o FILE: atomic, no overwrite without --force ----------------------------------------
echo keep >"$T/exists"
expect_rc 1 "$PRMWB" export -o "$T/exists"
expect_grep 'exists; nothing written \(--force replaces it\)' err
[ "$(cat "$T/exists")" = keep ] || fail "-o overwrote without --force"
expect_rc 0 "$PRMWB" export --force -o "$T/exists"
"$PRMWB" export >"$T/now.xml"
cmp -s "$T/exists" "$T/now.xml" || fail "--force did not replace the file"
expect_rc 2 "$PRMWB" export --force
expect_rc 1 "$PRMWB" export -o "$T/nodir/x.xml"
ls -a "$T" | grep -q '\.prmwb-export' && fail "a temporary file was left behind"
expect_rc 2 "$PRMWB" export --format nosuch
expect_grep 'formats are: xml, json, csv, markdown, html, oscal-catalog, oscal-ar' err
expect_rc 2 "$PRMWB" export --format csv --history

# ---- csv: RFC 4180, formula cells neutralised in free-text columns only -------------------------
expect_rc 0 "$PRMWB" export --format csv
head -1 "$T/out" | grep -q '^id,name,category,owner,status,' || fail "csv header"
head -1 "$T/out" | grep -q ',outcome.1,' || fail "csv: an outcome column"
expect_grep '^7\.5,'
# notes: a ' before the =, the cell quoted, quotes doubled, the line break kept
expect_grep "\"'=HYPERLINK\(\"\"http://x\"\",\"\"y\"\"\) and \"\"quotes\"\", commas\$"
expect_grep "^a second line\",\"'-2\\+3 <script>"
# a rating or a gap is data: never prefixed
grep '^7\.4,' "$T/out" | grep -q ",L+," || fail "csv: a rating was changed"
grep -q "'L+" "$T/out" && fail "csv: a rating was neutralised"
expect_rc 0 "$PRMWB" set 7.6 owner '@SUM(A1)'
expect_rc 0 "$PRMWB" export --format csv 7.6
expect_grep "^7\\.6,[^,]*,[^,]*,\"'@SUM\\(A1\\)\","

# ---- markdown and html: escaped -------------------------------------------------------------
expect_rc 0 "$PRMWB" export --format markdown
expect_grep '^# '
expect_grep '\\<script\\>'
expect_rc 0 "$PRMWB" export --format html
expect_nogrep '<script>'
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;'
expect_nogrep 'src="http|href="http|<link '

# ---- OSCAL: required fields (OSCAL 1.1.3 JSON schema) ----------------------------------------
if command -v jq >/dev/null 2>&1; then
	"$PRMWB" export --format oscal-catalog >"$T/cat.json" || fail "oscal-catalog"
	jq -e '.catalog | (.uuid | test("^[0-9a-f-]{36}$")) and .metadata.title and
	       .metadata["last-modified"] and .metadata.version and
	       .metadata["oscal-version"] == "1.1.3" and (.groups | length > 0) and
	       ([.. | objects | select(has("controls")) | .controls[] | .id |
	         test("^[A-Za-z_][A-Za-z0-9_.-]*$")] | all) and
	       ([.. | objects | select(has("controls")) | .controls[] |
	         select(.id == "prm-7.4")] | length == 1)' "$T/cat.json" >/dev/null ||
		fail "catalog lacks a required field or has a bad control id"
	"$PRMWB" export --format oscal-ar >"$T/ar.json" || fail "oscal-ar"
	jq -e '."assessment-results" | (.uuid | test("^[0-9a-f-]{36}$")) and .metadata.title and
	       .metadata["last-modified"] and .metadata.version and
	       .metadata["oscal-version"] == "1.1.3" and ."import-ap".href and
	       (.results | length == 1) and
	       (.results[0] | .uuid and .title and .description and .start and
	        (."reviewed-controls"."control-selections" | length > 0)) and
	       ([.results[0].findings[] | .target.status.state] - ["satisfied", "not-satisfied"] | length == 0)' \
		"$T/ar.json" >/dev/null || fail "assessment results lack a required field"
	# 7.4: level 1 reached (PA 1.1 F), target 1: satisfied; 7.5 no target: not-satisfied
	[ "$(jq -r '."assessment-results".results[0].findings[] | select(.title | startswith("7.4 ")) | .target.status.state' "$T/ar.json")" = satisfied ] ||
		fail "7.4 should be satisfied"
	[ "$(jq -r '."assessment-results".results[0].findings[] | select(.title | startswith("7.5 ")) | .target.status.state' "$T/ar.json")" = not-satisfied ] ||
		fail "7.5 should be not-satisfied"
	# the JSON records export is JSON
	jq -e '.fields | length > 0' "$T/h.json" >/dev/null || fail "json export not JSON"
else
	echo "jq missing: OSCAL field checks skipped" >&2
fi

# ---- orphans: records of processes the model lacks are exported too --------------------------------
cat >"$T/m.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:1" id="iso27022" version="1">
  <title>Test model</title>
  <category id="c" name="Category">
    <process id="7.4" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
  </category>
</prm>
XML
expect_rc 0 "$PRMWB" set 6.2 owner olga
expect_rc 0 "$PRMWB" --model "$T/m.xml" export
cp "$T/out" "$T/x"
expect_rc 0 grep -A1 '^<field process="6.2" name="owner"$' "$T/x"
expect_grep '>olga</field>$'

done_testing
