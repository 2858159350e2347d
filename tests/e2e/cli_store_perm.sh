#!/bin/sh
# End-to-end: a store the user can read but not write opens read-only by
# itself with a notice; reads work, changes are refused (exit 1) and leave
# the data file untouched. Covers both fallbacks of store_open: data file
# not writable but lock.mdb writable (read-only, with the reader table),
# and lock.mdb not writable either (read-only without the lock table).
#
# Root can write any file, so as root the reads and writes are made as
# 'nobody' through setpriv(1) against a store root made and then chmod'ed
# 0755/0644; as another user the store is a copy with the write bits
# removed. Parts that cannot run here are skipped with a message.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

cat >"$T/model.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<prm xmlns="urn:prmwb:prm:1" id="iso27022" version="1">
  <title>Test model</title>
  <category id="c" name="Category">
    <process id="7.4" name="Risk management">
      <purpose>Manage risk.</purpose>
      <outcomes><outcome n="1">a</outcome><outcome n="2">b</outcome></outcomes>
    </process>
  </category>
</prm>
XML
sed 's/id="iso27022"/id="othermodel"/' "$T/model.xml" >"$T/other.xml"
export PRMWB_MODEL="$T/model.xml"
ID=7.4
skipped=0
skip() {
	echo "SKIP (part): $*" >&2
	skipped=$((skipped + 1))
}

# The store everyone starts from: two changes, one undone by nobody yet.
expect_rc 0 "$PRMWB" set "$ID" owner "Alice"
expect_rc 0 "$PRMWB" set "$ID" status planned

# run_as CMD...: run CMD as the user who may not write the store.
if [ "$(id -u)" = 0 ]; then
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	if ! command -v setpriv >/dev/null 2>&1; then
		skip "setpriv (util-linux) not found: cannot act as another user as root"
		done_testing
	fi
	if ! getent passwd nobody >/dev/null 2>&1 || ! getent group "$group" >/dev/null 2>&1; then
		skip "no user 'nobody' or group '$group' to act as"
		done_testing
	fi
	# nobody must reach the binary, the model and the store: copies under
	# $T (which mktemp made 0700) opened to others.
	mkdir "$T/bin"
	cp "$PRMWB" "$T/bin/prmwb"
	PRMWB="$T/bin/prmwb"
	chmod 0755 "$T" "$T/bin" "$T/bin/prmwb"
	chmod 0644 "$T/model.xml" "$T/other.xml"
	run_as() { setpriv --reuid=nobody --regid="$group" --clear-groups "$@"; }
	if ! run_as "$PRMWB" --version >/dev/null 2>&1; then
		skip "cannot run the binary as nobody (setpriv: $(run_as true 2>&1))"
		done_testing
	fi
	# read but not write: the directory and files are root's
	protect() { chmod 0755 "$1"; chmod 0644 "$1"/*; }
	lock_writable() { chmod 0666 "$1/lock.mdb"; }
	ro=$PRMWB_DB
else
	run_as() { "$@"; }
	protect() { chmod a-w "$1"/* "$1"; }
	lock_writable() { chmod u+w "$1/lock.mdb"; }
	skip "not root: running as $(id -un) on a chmod -w copy instead of as another user"
	ro="$T/ro"
	cp -R "$PRMWB_DB" "$ro"
fi

# ro_checks WHAT: reads work with a notice, writes are refused, data intact.
ro_checks() {
	what=$1
	sum=$(md5sum <"$ro/data.mdb")
	expect_rc 0 run_as "$PRMWB" --db "$ro" get "$ID" owner
	printf 'Alice\n' | expect_out -
	expect_grep "$ro: no write permission: store opened read-only" err
	expect_rc 0 run_as "$PRMWB" --db "$ro" get "$ID"
	expect_grep '^  status +planned$'
	expect_rc 0 run_as "$PRMWB" --db "$ro" log
	[ "$(wc -l <"$T/out")" = 2 ] || fail "$what: log printed $(wc -l <"$T/out") lines, expected 2"
	expect_rc 0 run_as "$PRMWB" --db "$ro" status
	expect_grep "^store: +$ro \\(read-only\\)\$"
	expect_grep '^history: +2 entries$'
	expect_rc 1 run_as "$PRMWB" --db "$ro" set "$ID" owner "Mallory"
	expect_grep 'read-only; nothing was changed' err
	expect_rc 1 run_as "$PRMWB" --db "$ro" undo
	# --force-model must not rebind a store it cannot write
	expect_rc 0 run_as "$PRMWB" --db "$ro" --force-model --model "$T/other.xml" get "$ID" owner
	printf 'Alice\n' | expect_out -
	[ "$(md5sum <"$ro/data.mdb")" = "$sum" ] || fail "$what: the data file changed"
	expect_rc 0 run_as "$PRMWB" --db "$ro" get "$ID" owner
	printf 'Alice\n' | expect_out -
}

# The set-up must really deny writes, or the checks prove nothing.
denies_writes() {
	if run_as sh -c ': >>"$1/data.mdb"' sh "$ro" 2>/dev/null ||
	   run_as sh -c ': >"$1/probe"' sh "$ro" 2>/dev/null; then
		fail "set-up: $(id -un) via run_as can write $ro"
	fi
}

protect "$ro"
denies_writes
ro_checks "lock.mdb not writable"       # read-only without the lock table
lock_writable "$ro"
ro_checks "lock.mdb writable"           # read-only with the reader table
skip "a store on a read-only file system (EROFS) needs a mount; not tested here"

# The owner (root, or the user on their own store) still writes normally,
# and what the read-only runs saw was the real store.
if [ "$(id -u)" = 0 ]; then
	expect_rc 0 "$PRMWB" set "$ID" owner "Bob"
	expect_rc 0 run_as "$PRMWB" get "$ID" owner
	printf 'Bob\n' | expect_out -
	expect_grep 'store opened read-only' err
fi
chmod -R u+w "$ro"      # so that the clean-up can remove it
[ "$skipped" = 0 ] || echo "$skipped part(s) skipped" >&2
done_testing
