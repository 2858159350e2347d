#!/bin/sh
# End-to-end: edge cases of the record commands: no-op changes, values
# from standard input (size limit, NUL bytes), field names checked by get
# as by set, a damaged or unreachable store left as it was with a clear
# message and the house exit codes, and long values shortened on a
# terminal only.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

cat >"$T/model.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:1" id="iso27022" version="1">
  <title>Test model</title>
  <category id="c" name="Category">
    <process id="6.1" name="Leadership">
      <purpose>Lead.</purpose>
      <outcomes><outcome n="1">a</outcome></outcomes>
    </process>
    <process id="7.4" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome><outcome n="3">c</outcome>
        <outcome n="4">d</outcome><outcome n="5">e</outcome></outcomes>
    </process>
  </category>
</prm>
XML
export PRMWB_MODEL="$T/model.xml"
ID=7.4

# ---- clearing a field that was never set records nothing ----
expect_rc 0 "$PRMWB" set "$ID" owner ""
[ -e "$PRMWB_DB" ] && fail "clearing a never-set field created the store"
expect_rc 0 "$PRMWB" set "$ID" owner "   "
[ -e "$PRMWB_DB" ] && fail "clearing with blanks created the store"
expect_rc 0 "$PRMWB" set "$ID" status planned
expect_rc 0 "$PRMWB" set "$ID" owner ""
expect_rc 0 "$PRMWB" set "$ID" notes "  "
expect_rc 0 "$PRMWB" log
[ "$(wc -l <"$T/out")" = 1 ] || { fail "no-op clears were logged"; cat "$T/out" >&2; }
expect_rc 0 "$PRMWB" undo       # undoes status planned
expect_rc 0 "$PRMWB" get "$ID" status
[ -s "$T/out" ] && fail "undo did not undo the real change"
expect_rc 1 "$PRMWB" undo
expect_grep 'nothing to undo' err

# ---- values from standard input ----
# far more than the limit: refused without reading it all, and the message
# does not claim a length it never counted
head -c 30000000 /dev/zero | tr '\0' a >"$T/big"
expect_rc 2 sh -c '"$1" set 7.4 notes - <"$2"' sh "$PRMWB" "$T/big"
expect_grep '^prmwb: notes: the value on standard input is more than 65536 bytes long; at most 65536 are allowed' err
expect_nogrep '262143' err
# at the limit it is taken, one byte over is counted exactly
head -c 65536 "$T/big" >"$T/max"
expect_rc 0 sh -c '"$1" set 7.4 notes - <"$2"' sh "$PRMWB" "$T/max"
expect_rc 0 "$PRMWB" get "$ID" notes
[ "$(wc -c <"$T/out")" = 65537 ] || fail "65536-byte value: got $(wc -c <"$T/out") bytes back"
head -c 65537 "$T/big" >"$T/over"
expect_rc 2 sh -c '"$1" set 7.4 notes - <"$2"' sh "$PRMWB" "$T/over"
expect_grep 'notes: value is 65537 bytes long; at most 65536 are allowed' err
# a NUL byte is reported as one, where it is
printf 'a\0b' >"$T/nul"
expect_rc 2 sh -c '"$1" set 7.4 owner - <"$2"' sh "$PRMWB" "$T/nul"
expect_grep '^prmwb: owner: a NUL byte at byte 2 is not allowed' err
expect_nogrep 'U\+0001' err
printf 'line\n\0' >"$T/nul2"
expect_rc 2 sh -c '"$1" set 7.4 notes - <"$2"' sh "$PRMWB" "$T/nul2"
expect_grep 'notes: a NUL byte at byte 6 is not allowed' err
expect_rc 0 "$PRMWB" get "$ID" owner
[ -s "$T/out" ] && fail "a refused value was stored"
# the limit is documented
expect_rc 0 "$PRMWB" --help
expect_grep '64 KiB'
if command -v man >/dev/null 2>&1; then
	MANWIDTH=200 man -l "$TOP_BUILDDIR/man/prmwb.1" 2>/dev/null >"$T/man"
	grep -q '64 KiB' "$T/man" || fail "man page does not give the 64 KiB limit"
fi

# ---- get checks a field name as set does ----
expect_rc 2 "$PRMWB" set "$ID" outcome.7 F
cp "$T/err" "$T/set_err"
expect_rc 2 "$PRMWB" get "$ID" outcome.7
expect_grep 'outcome\.7: this process has outcomes 1 to 5' err
diff "$T/set_err" "$T/err" >/dev/null || fail "get and set word outcome.7 differently"
expect_rc 2 "$PRMWB" get 6.1 outcome.2
expect_grep 'outcomes 1 to 1' err
expect_rc 0 "$PRMWB" set "$ID" outcome.5 F
expect_rc 0 "$PRMWB" set 6.1 outcome.1 L
expect_rc 0 "$PRMWB" get "$ID" outcome.5
printf 'F\n' | expect_out -
# the model shrank: a rating stored before still reads; others do not
sed -e 's|<outcome n="4">d</outcome><outcome n="5">e</outcome>||' \
    -e 's|<process id="6.1"|<process id="6.9"|' "$T/model.xml" >"$T/small.xml"
expect_rc 0 "$PRMWB" -m "$T/small.xml" get "$ID" outcome.5
printf 'F\n' | expect_out -
expect_rc 2 "$PRMWB" -m "$T/small.xml" get "$ID" outcome.4
expect_grep 'outcomes 1 to 3' err
# orphans: any field of their record, and a field not set reads empty
expect_rc 0 "$PRMWB" -m "$T/small.xml" get 6.1 outcome.1
printf 'L\n' | expect_out -
expect_rc 0 "$PRMWB" -m "$T/small.xml" get 6.1 outcome.4
[ -s "$T/out" ] && fail "orphan: a field never set printed something"
expect_rc 2 "$PRMWB" -m "$T/small.xml" get 6.1 colour

# ---- a damaged store: refused, named, and left exactly as it was ----
mkdir "$T/garb"
head -c 8192 /dev/urandom >"$T/garb/data.mdb"
chmod 0600 "$T/garb/data.mdb"
listing() { ls -la --time-style=+ "$T/garb" | sed 1d; md5sum <"$T/garb/data.mdb"; }
before=$(listing)
for cmd in "get $ID owner" "get $ID" "log" "status" "undo" "set $ID owner x"; do
	# shellcheck disable=SC2086
	expect_rc 2 "$PRMWB" --db "$T/garb" $cmd
	expect_grep "^prmwb: cannot open store $T/garb: $T/garb/data.mdb is not an LMDB store or is damaged" err
	[ "$(listing)" = "$before" ] || { fail "$cmd changed $T/garb"; ls -la "$T/garb" >&2; }
done
expect_rc 2 "$PRMWB" --db "$T/garb" --read-only get "$ID"
[ "$(listing)" = "$before" ] || fail "--read-only get changed $T/garb"

# ---- other stores that cannot be opened: what was done, and the code ----
: >"$T/plainfile"
expect_rc 2 "$PRMWB" --db "$T/plainfile" get "$ID"
expect_grep "^prmwb: cannot open store $T/plainfile: not a directory \\(a store is a directory\\)" err
expect_rc 2 "$PRMWB" --db "$T/plainfile" set "$ID" owner x
expect_grep "^prmwb: cannot open store $T/plainfile: not a directory" err
expect_rc 2 "$PRMWB" --db "$T/plainfile/sub" set "$ID" owner x
expect_grep "^prmwb: cannot open store $T/plainfile/sub: Not a directory" err
# a store a user may not enter: refused (exit 1), saying what was being done
if [ "$(id -u)" = 0 ]; then
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	if command -v setpriv >/dev/null 2>&1 && getent passwd nobody >/dev/null 2>&1; then
		run_as() { setpriv --reuid=nobody --regid="$group" --clear-groups "$@"; }
		mkdir "$T/bin" "$T/closed" "$T/ro"
		cp "$PRMWB" "$T/bin/prmwb"
		chmod 0755 "$T" "$T/bin" "$T/bin/prmwb"
		chmod 0644 "$T/model.xml"
		chmod 0700 "$T/closed"
		chmod 0755 "$T/ro"
		P="$T/bin/prmwb"
	else
		echo "SKIP (part): cannot act as another user (setpriv, nobody)" >&2
		P=
	fi
else
	run_as() { "$@"; }
	mkdir "$T/closed"
	chmod 0000 "$T/closed"
	P=$PRMWB
fi
if [ -n "$P" ]; then
	for cmd in "get $ID" "get $ID owner" "log" "status" "undo" "set $ID owner x"; do
		# shellcheck disable=SC2086
		expect_rc 1 run_as "$P" --db "$T/closed/x" $cmd
		expect_grep "^prmwb: cannot (open|create) store $T/closed/x: Permission denied\$" err
	done
	chmod 0700 "$T/closed"
	if [ -d "$T/ro" ]; then
		expect_rc 1 run_as "$P" --db "$T/ro/x" set "$ID" owner x
		expect_grep "^prmwb: cannot create store $T/ro/x: Permission denied\$" err
		[ -e "$T/ro/x" ] && fail "a refused create left $T/ro/x"
	fi
fi

# ---- long values: shortened on a terminal, whole when piped ----
if command -v script >/dev/null 2>&1; then
	tty_run() {  # tty_run ARGS...: run on a pty, output in $T/out
		script -qec "$(printf '%s ' "$PRMWB" "$@")" /dev/null </dev/null |
			tr -d '\r' >"$T/out"
	}
	head -c 60000 "$T/big" >"$T/notes"
	expect_rc 0 sh -c '"$1" set 7.4 notes - <"$2"' sh "$PRMWB" "$T/notes"
	tty_run log --limit 1
	[ "$(wc -L <"$T/out")" -le 220 ] || fail "tty log line is $(wc -L <"$T/out") columns"
	expect_grep '  notes  "a{59}…" \(65536 bytes\) → "a{59}…" \(60000 bytes\)$'
	expect_rc 0 "$PRMWB" log --limit 1
	[ "$(wc -c <"$T/out")" -gt 60000 ] || fail "piped log shortened the value"
	expect_grep '  notes  "a+" → "a+"$'
	expect_rc 0 "$PRMWB" set "$ID" notes "$(printf 'first line\nsecond line')"
	tty_run log --limit 1
	expect_grep '→ "first line…" \(22 bytes\)$'
	tty_run undo
	expect_grep '^undone: 7\.4 notes is now "a{59}…" \(60000 bytes\) \(history #[0-9]+\)$'
	tty_run redo
	expect_grep '^redone: 7\.4 notes is now "first line…" \(22 bytes\) \(history #[0-9]+\)$'
	tty_run log --limit 1
	expect_grep '  notes  "a{59}…" \(60000 bytes\) → "first line…" \(22 bytes\)  \[redo of #[0-9]+\]$'
	expect_rc 0 "$PRMWB" undo
	expect_grep '^undone: 7\.4 notes is now "a+" \(history #[0-9]+\)$'
	[ "$(wc -c <"$T/out")" -gt 60000 ] || fail "piped undo shortened the value"
	# short values are shown whole on a terminal too
	expect_rc 0 "$PRMWB" set "$ID" owner "Al Smith"
	tty_run log --limit 1
	expect_grep '  owner  "" → "Al Smith"$'
	a60=$(head -c 60 "$T/big")
	expect_rc 0 "$PRMWB" set "$ID" owner "$a60"
	tty_run log --limit 1
	expect_grep "  owner  \"Al Smith\" → \"$a60\"\$"
else
	echo "SKIP (part): script(1) missing: terminal output not tested" >&2
fi

done_testing
