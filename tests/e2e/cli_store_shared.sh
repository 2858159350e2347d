#!/bin/sh
# End-to-end: a team store in a setgid directory is not a way into another
# member's files. Members A and B of a group (made-up uids in a made-up
# group, through setpriv(1), so nothing is added to /etc/passwd):
#   - the store A creates is setgid and sticky (03770), its files 0660;
#   - B cannot remove or replace A's files;
#   - when B owns the store's files (B made the store), B can replace them
#     with a symbolic or hard link, a FIFO, a file others may write: A's
#     next command then
#     refuses (exit 2, naming the file and why) and writes nothing where
#     the link points - not the LMDB lock header into A's file, not a new
#     data file anywhere;
#   - a store made by root, and files of someone who left the group, keep
#     working for the members.
# Needs root (to act as other users); skipped otherwise.
. "$TOP_SRCDIR/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo "SKIP: needs root and setpriv(1) to act as two members of a group" >&2
	exit 77
fi
GID=47301 A=47311 B=47312 GONE=47319
# the members must reach the binary and the store: copies under $T
mkdir "$T/bin" "$T/a" "$T/b"
cp "$PRMWB" "$T/bin/prmwb"
PRMWB="$T/bin/prmwb"
chmod 0755 "$T" "$T/bin" "$T/bin/prmwb"
chown "$A:$GID" "$T/a"
chown "$B:$GID" "$T/b"
chmod 0700 "$T/a" "$T/b"
# as a|b CMD...: run CMD as member A or B
as() {
	case $1 in a) uid=$A ;; *) uid=$B ;; esac
	home="$T/$1"
	shift
	HOME="$home" setpriv --reuid="$uid" --regid="$GID" --clear-groups "$@"
}
if ! as a "$PRMWB" --version >/dev/null 2>&1; then
	echo "SKIP: cannot run the binary as uid $A (setpriv: $(as a true 2>&1))" >&2
	exit 77
fi
# the team's directory, as an administrator makes it
TEAM="$T/team"
mkdir "$TEAM"
chown "root:$GID" "$TEAM"
chmod 2770 "$TEAM"
if [ "$(stat -c %a "$TEAM")" != 2770 ]; then
	echo "SKIP: the file system here does not keep the setgid bit" >&2
	exit 77
fi

# ---- A creates the store: setgid and sticky, group files ------------------------
DB="$TEAM/db"
expect_rc 0 as a "$PRMWB" --db "$DB" set 7.4 owner alice
[ "$(stat -c %a "$DB")" = 3770 ] || fail "store directory is $(stat -c %a "$DB"), not 3770"
[ "$(stat -c %g "$DB")" = "$GID" ] || fail "store directory is not the team's group"
for f in data.mdb lock.mdb; do
	[ "$(stat -c '%a %u %g' "$DB/$f")" = "660 $A $GID" ] ||
		fail "$f is $(stat -c '%a %u %g' "$DB/$f"), not '660 $A $GID'"
done
expect_rc 0 as b "$PRMWB" --db "$DB" set 7.4 status planned
expect_rc 0 as a "$PRMWB" --db "$DB" get 7.4 status
printf 'planned\n' | expect_out -
# sticky: B cannot remove or replace A's files
as b rm -f "$DB/lock.mdb" 2>/dev/null
as b ln -sf "$T/a/secret" "$DB/lock.mdb" 2>/dev/null
as b mv -f "$DB/data.mdb" "$DB/moved" 2>/dev/null
[ -f "$DB/lock.mdb" ] && [ ! -L "$DB/lock.mdb" ] && [ -f "$DB/data.mdb" ] ||
	fail "B removed or replaced A's files in the sticky store directory"

# ---- B owns the files: what B can still do to them is refused -----------------------
DB="$TEAM/bdb"
expect_rc 0 as b "$PRMWB" --db "$DB" set 7.4 owner bob
as a sh -c 'printf "my data\n" >"$1"; chmod 600 "$1"' sh "$T/a/secret"
secret=$(md5sum <"$T/a/secret")
# refused CHECK ...: A's get and set exit 2 with CHECK in the message
refused() {
	for cmd in "get 7.4" "set 7.4 owner alice"; do
		# shellcheck disable=SC2086
		expect_rc 2 as a "$PRMWB" --db "$DB" $cmd
		expect_grep "$1" err
	done
}
keep() { as b mv "$DB/$1" "$DB/$1.kept"; }
back() { as b rm -f "$DB/$1"; as b mv "$DB/$1.kept" "$DB/$1"; }

keep lock.mdb
as b ln -s "$T/a/secret" "$DB/lock.mdb"
refused "cannot open store $DB: $DB/lock.mdb is a symbolic link; a store's files must be regular files"
[ "$(md5sum <"$T/a/secret")" = "$secret" ] || fail "A's file was written through B's lock.mdb link"
as b rm "$DB/lock.mdb"
# a hard link to A's file, where the system lets users link others' files
# (fs.protected_hardlinks=0; root makes it here)
ln "$T/a/secret" "$DB/lock.mdb"
refused "$DB/lock.mdb has 2 hard links; a store's files must have one"
[ "$(md5sum <"$T/a/secret")" = "$secret" ] || fail "A's file was written through a hard link"
rm "$DB/lock.mdb"
as b mkfifo -m 660 "$DB/lock.mdb"
refused "$DB/lock.mdb is a FIFO; a store's files must be regular files"
back lock.mdb

keep data.mdb
as b ln -s "$T/a/secret" "$DB/data.mdb"
refused "$DB/data.mdb is a symbolic link"
[ "$(md5sum <"$T/a/secret")" = "$secret" ] || fail "A's file was written through B's data.mdb link"
as b rm "$DB/data.mdb"
as b ln -s "$T/a/planted.mdb" "$DB/data.mdb"     # dangling: 'set' would create it
refused "$DB/data.mdb is a symbolic link"
[ ! -e "$T/a/planted.mdb" ] || fail "A's set created a file where B's dangling link points"
back data.mdb

as b chmod 0666 "$DB/data.mdb"
refused "$DB/data.mdb can be written by anyone \\(mode 0666\\), so anyone could change the records: take that away with 'chmod o-w $DB/data.mdb'"
as b chmod 0660 "$DB/data.mdb"
expect_rc 0 as a "$PRMWB" --db "$DB" get 7.4 owner
printf 'bob\n' | expect_out -

# ---- owners do not matter: root's store, files of someone who left -----------------
DB="$TEAM/rootdb"
expect_rc 0 "$PRMWB" --db "$DB" set 7.4 owner root
[ "$(stat -c %a "$DB")" = 3770 ] || fail "root's store directory is $(stat -c %a "$DB")"
expect_rc 0 as a "$PRMWB" --db "$DB" set 7.4 owner alice
expect_rc 0 as b "$PRMWB" --db "$DB" get 7.4 owner
printf 'alice\n' | expect_out -
chown "$GONE" "$DB/data.mdb" "$DB/lock.mdb"     # uid of no one in the group now
expect_rc 0 as b "$PRMWB" --db "$DB" set 7.4 owner bob
expect_rc 0 as a "$PRMWB" --db "$DB" log --limit 1
expect_grep "^#3 .* uid$B  7\\.4  owner  \"alice\" → \"bob\"$"

done_testing
