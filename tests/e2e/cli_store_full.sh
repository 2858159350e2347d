#!/bin/sh
# End-to-end: a full file system. LMDB maps lock.mdb after only
# ftruncate()-ing it, so creating a store on a full disk used to die of
# SIGBUS; now lock.mdb is allocated first and the command says "No space
# left on device" (exit 1), leaving no lock file behind. On an existing
# store a change that needs space is refused with the same reason, and the
# store stays as it was and readable. Runs in its own mount namespace on a
# small tmpfs (needs root and unshare(1)); skipped where mounting is not
# possible.
if [ -z "${PRMWB_FULL_NS:-}" ]; then
	if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1; then
		echo "SKIP: needs root and unshare(1) to mount a small file system" >&2
		exit 77
	fi
	if ! unshare -m sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" &&
	                       umount "$d" && rmdir "$d"' 2>/dev/null; then
		echo "SKIP: cannot mount a tmpfs in a new mount namespace here" >&2
		exit 77
	fi
	PRMWB_FULL_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi
. "$TOP_SRCDIR/tests/e2e/lib.sh"
trap 'umount "$T/fs" 2>/dev/null; rm -rf "$T"' EXIT

mkdir "$T/fs"
mount -t tmpfs -o size=320k tmpfs "$T/fs" || { echo "SKIP: mount failed" >&2; exit 77; }
DB="$T/fs/db"
expect_rc 0 "$PRMWB" --db "$DB" set 7.4 owner alice
# fill it up
dd if=/dev/zero of="$T/fs/fill" bs=4096 2>/dev/null
[ "$(df -P "$T/fs" | awk 'NR == 2 { print $4 }')" = 0 ] || fail "set-up: the file system is not full"

# a new store: refused with the reason, no SIGBUS, nothing left behind
expect_rc 1 "$PRMWB" --db "$T/fs/new" set 7.4 owner bob
expect_grep "^prmwb: cannot create store $T/fs/new: cannot allocate $T/fs/new/lock.mdb: No space left on device$" err
[ ! -e "$T/fs/new/lock.mdb" ] || fail "a lock file was left in the new store"

# the existing store: a change that needs room is refused, nothing changes
head -c 60000 /dev/zero | tr '\0' 'n' >"$T/notes"
sum=$(md5sum <"$DB/data.mdb")
expect_rc 1 "$PRMWB" --db "$DB" set 7.4 notes "$(cat "$T/notes")"
expect_grep "^prmwb: $DB: 7\\.4 notes not changed: storage error: No space left on device$" err
[ "$(md5sum <"$DB/data.mdb")" = "$sum" ] || fail "a refused change changed data.mdb"
expect_rc 0 "$PRMWB" --db "$DB" get 7.4 owner
printf 'alice\n' | expect_out -
expect_rc 0 "$PRMWB" --db "$DB" verify

# with room again, it goes through
rm "$T/fs/fill"
expect_rc 0 "$PRMWB" --db "$DB" set 7.4 notes "$(cat "$T/notes")"
expect_rc 0 "$PRMWB" --db "$T/fs/new" set 7.4 owner bob
expect_rc 0 "$PRMWB" --db "$DB" verify
done_testing
