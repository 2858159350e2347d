#!/bin/bash
# fresh-debian.sh - what a new user does on a minimal Debian 12, for real:
# each step in a fresh `debootstrap --variant=minbase bookworm` root with
# a clean copy of the committed tree (git archive: the root has no git).
# Not run by make check: it needs root, debootstrap and the Debian mirror,
# and takes half an hour or more.
#
# usage (as root):  tests/fresh-debian.sh WORKDIR [STEP...]
#
# WORKDIR holds the roots (WORKDIR/STEP, made anew each run), the logs
# (WORKDIR/STEP.log) and the cached minimal root WORKDIR/bookworm-minbase.tar.gz
# (made by debootstrap when missing; FRESH_DEBIAN_CACHE names another
# tarball or an unpacked root directory to copy instead). Steps, by default
# all in this order (later ones use what earlier ones made):
#   readme   the two commands of README.md's Quick start, parsed from it and
#            run verbatim as root in a terminal (tmux; the first ends in the
#            workbench, quit with q); then ./configure --enable-sanitizers,
#            and back without, must rebuild every object, and once more
#            with the same flags none; make dist
#   tarball  make dist's tarball, built as README.md's "Installing" says
#            (its build packages' apt-get line, tar and ./configure lines,
#            verbatim) with no autotools in the root; make uninstall must
#            leave nothing
#   runtime  the installed files with only README.md's run-time apt-get
#            line: prmwb list/show and the workbench; then README.md's
#            "Team store" lines with members alice and bob and outsider
#            carol (shared changes, per-user undo, modes, sticky bit)
#   ci       .ci/run, as CI runs it (CI=true, no standard input)
# FRESH_DEBIAN_REV: the commit to test (default HEAD; uncommitted changes
# are not copied). FRESH_DEBIAN_MIRROR: default http://deb.debian.org/debian.
# Exit 0 when every check passed; the last lines summarise, with times.
set -uo pipefail

die() { echo "fresh-debian: $*" >&2; exit 2; }
[ $# -ge 1 ] || die "usage: $0 WORKDIR [readme|tarball|runtime|ci]..."
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mounts)"
SRC=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1" || die "cannot create $1"
WORK=$(cd "$1" && pwd)
shift
STEPS=${*:-readme tarball runtime ci}
REV=${FRESH_DEBIAN_REV:-HEAD}
MIRROR=${FRESH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${FRESH_DEBIAN_CACHE:-$WORK/bookworm-minbase.tar.gz}
ROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
for s in $STEPS; do
	case $s in readme|tarball|runtime|ci) ;; *) die "unknown step '$s'" ;; esac
done
git -C "$SRC" rev-parse --verify -q "$REV^{commit}" >/dev/null || die "$REV: no such commit in $SRC"
[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	echo "fresh-debian: note: uncommitted changes in $SRC are not tested ($REV is)" >&2

failures=0 summary=()
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); summary+=("FAIL: $*"); }
ok() { echo "ok: $*"; summary+=("ok: $*"); }
note() { echo "$*"; summary+=("   $*"); }

# ---- roots ------------------------------------------------------------------
MOUNTS=()
TM_SOCK=fresh-debian-$$
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	local i
	for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
		umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" 2>/dev/null
	done
	MOUNTS=()
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Processes left inside a root (a daemon a package started, a stuck test)
# keep its mounts busy: end them, by pid.
kill_in_root() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && kill -KILL "${p#/proc/}" 2>/dev/null
	done
}

unmount_root() {
	local i keep=()
	kill_in_root "$1"
	for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
		case ${MOUNTS[i]} in
		"$1"/*) umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" ;;
		*) keep=("${MOUNTS[i]}" "${keep[@]}") ;;
		esac
	done
	MOUNTS=("${keep[@]}")
}

# new_root NAME: $WORK/NAME anew from the cached minimal root, with what a
# real machine has mounted (/proc, /sys, /dev/pts, /dev/shm) and the tree
# the root's path in R.
new_root() {
	local r=$WORK/$1
	R=$r
	if [ ! -e "$CACHE" ]; then
		command -v debootstrap >/dev/null ||
			die "debootstrap missing (apt-get install debootstrap)"
		echo "debootstrap --variant=minbase bookworm (cached in $CACHE)" >&2
		rm -rf "$WORK/.debootstrap"
		debootstrap --variant=minbase bookworm "$WORK/.debootstrap" "$MIRROR" \
			>"$WORK/debootstrap.log" 2>&1 || die "debootstrap failed: $WORK/debootstrap.log"
		tar -C "$WORK/.debootstrap" --numeric-owner -czf "$CACHE.tmp" . &&
			mv "$CACHE.tmp" "$CACHE" || die "cannot write $CACHE"
		rm -rf "$WORK/.debootstrap"
	fi
	grep -q " $r/" /proc/mounts && die "something is still mounted under $r"
	rm -rf --one-file-system "$r" && mkdir -p "$r" || die "cannot make $r"
	if [ -d "$CACHE" ]; then
		cp -a "$CACHE/." "$r/"
	else
		tar -C "$r" --numeric-owner -xzf "$CACHE"
	fi || die "cannot unpack $CACHE into $r"
	mount -t proc proc "$r/proc" && MOUNTS+=("$r/proc") &&
	mount -t sysfs sysfs "$r/sys" && MOUNTS+=("$r/sys") &&
	mount --bind /dev/pts "$r/dev/pts" && MOUNTS+=("$r/dev/pts") &&
	mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm" && MOUNTS+=("$r/dev/shm") ||
		die "cannot mount /proc, /sys, /dev/pts, /dev/shm in $r"
	cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null
}

copy_tree() { # copy_tree ROOT: the committed tree in ROOT/root/prmwb
	git -C "$SRC" archive --format=tar --prefix=prmwb/ "$REV" | tar -x -C "$1/root" ||
		die "cannot copy the tree into $1"
}

# readme_code SECTION: the code lines (indented by four spaces) of README.md's
# "## SECTION", in order, as committed in $REV.
readme_code() {
	git -C "$SRC" show "$REV:README.md" | awk -v want="## $1" '
		/^## / { q = ($0 == want || index($0, want " ") == 1); next }
		q && /^    [^ ]/ { sub(/^    /, ""); print }'
}

# in_root ROOT CMD...: as root in ROOT, with the environment a root login has
# (no locale set: a minimal Debian has none)
in_root() {
	local r=$1
	shift
	chroot "$r" /usr/bin/env -i HOME=/root PATH="$ROOT_PATH" TERM="${TERM:-xterm}" "$@"
}

# ---- terminal (tmux on this host, the command inside the root) ---------------
# tm_start ROOT SCRIPT LOG: a 80x24 terminal running SCRIPT (a file inside
# ROOT) with bash as root; all it shows is appended to LOG.
tm_start() {
	tm kill-server >/dev/null 2>&1
	tm new-session -d -s t -x 80 -y 24 \
		"exec chroot '$1' /usr/bin/env -i HOME=/root PATH='$ROOT_PATH' TERM=\"\$TERM\" /bin/bash '$2'" ||
		die "tmux new-session failed"
	tm pipe-pane -o -t t "cat >>'$3'"
}

# tm_wait_workbench FILE SECONDS: until the workbench is on the screen (the
# alternate screen, with the status line of the embedded model); 1 when FILE
# appears first (the command ended) or the time is up.
tm_wait_workbench() {
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ]; do
		[ -e "$1" ] && return 1
		if [ "$(tm display-message -p -t t '#{alternate_on}' 2>/dev/null)" = 1 ] &&
			tm capture-pane -p -t t 2>/dev/null | grep -q ' iso27022 | '; then
			return 0
		fi
		sleep 1
	done
	return 1
}

wait_file() { # wait_file FILE SECONDS
	local end=$((SECONDS + $2))
	while [ ! -e "$1" ] && [ $SECONDS -lt $end ]; do sleep 2; done
	[ -e "$1" ]
}

# run_workbench ROOT SCRIPT LOG NAME: SCRIPT (in ROOT) ends by starting the
# workbench; see that it shows, keep the screen in $WORK/NAME.screen, quit
# with q. SCRIPT writes its exit status to /root/NAME.rc.
run_workbench() {
	local r=$1
	local rc=$r/root/$4.rc
	tm_start "$r" "$2" "$3"
	if tm_wait_workbench "$rc" 5400; then
		tm capture-pane -p -t t >"$WORK/$4.screen"
		ok "$4: the workbench showed the embedded model ($WORK/$4.screen)"
		tm send-keys -t t q
	else
		tm capture-pane -p -t t >"$WORK/$4.screen" 2>/dev/null
		fail "$4: the workbench never showed; last screen in $WORK/$4.screen, all in $3"
	fi
	wait_file "$rc" 600 || fail "$4: did not end after q"
}

secs() { # secs FILE-START FILE-END: wall seconds between two date +%s.%N files
	awk -v a="$(cat "$1" 2>/dev/null)" -v b="$(cat "$2" 2>/dev/null)" \
		'BEGIN { if (a == "" || b == "") print "?"; else printf "%.0f", b - a }'
}

# ---- readme -----------------------------------------------------------------
step_readme() {
	local r log=$WORK/readme.log cmds
	new_root readme
	r=$R
	copy_tree "$r"
	# The Quick start's code lines (indented by four spaces), in order.
	cmds=$(readme_code 'Quick start')
	[ "$(printf '%s\n' "$cmds" | grep -c .)" -ge 2 ] ||
		{ fail "readme: README.md's Quick start has fewer than two commands"; return; }
	printf '%s\n' "$cmds" | sed -n 1p >"$r/root/cmd1"
	printf '%s\n' "$cmds" | sed -n 2p >"$r/root/cmd2"
	note "readme: command 1: $(cat "$r/root/cmd1")"
	note "readme: command 2: $(cat "$r/root/cmd2")"
	# As typed at a root prompt in /root/prmwb, one after the other.
	cat >"$r/root/readme.sh" <<-'EOF'
		cd /root/prmwb || exit 1
		printf '# %s\n' "$(cat /root/cmd1)"
		date +%s.%N >/root/t0
		bash /root/cmd1
		echo $? >/root/readme1.rc.tmp
		date +%s.%N >/root/t1
		mv /root/readme1.rc.tmp /root/readme1.rc
		[ "$(cat /root/readme1.rc)" = 0 ] || exit 1
		printf '# %s\n' "$(cat /root/cmd2)"
		bash /root/cmd2
		echo $? >/root/readme2.rc.tmp
		date +%s.%N >/root/t2
		mv /root/readme2.rc.tmp /root/readme2.rc
	EOF
	: >"$log"
	echo "== readme: in $r, output in $log"
	run_workbench "$r" /root/readme.sh "$log" readme1
	[ "$(cat "$r/root/readme1.rc" 2>/dev/null)" = 0 ] ||
		{ fail "readme: command 1 exit $(cat "$r/root/readme1.rc" 2>/dev/null), see $log"; return; }
	ok "readme: command 1 exit 0 ($(secs "$r/root/t0" "$r/root/t1") s wall, with apt-get and the workbench)"
	wait_file "$r/root/readme2.rc" 5400 || { fail "readme: command 2 did not end in 90 min"; return; }
	tm kill-server >/dev/null 2>&1
	# (the re-configure checks below overwrite it)
	cp "$r/root/prmwb/test-suite.log" "$WORK/readme-test-suite.log"
	if [ "$(cat "$r/root/readme2.rc")" = 0 ]; then
		ok "readme: command 2 exit 0 ($(secs "$r/root/t1" "$r/root/t2") s wall): $(grep -a '^# \(PASS\|SKIP\|FAIL\)' "$WORK/readme-test-suite.log" | tr -s ' \n' ' ')"
	else
		fail "readme: command 2 exit $(cat "$r/root/readme2.rc"), see $WORK/readme-test-suite.log"
	fi
	grep -a '^\(SKIP\|FAIL\):' "$WORK/readme-test-suite.log" | sed 's/^/   readme: /'

	# New configure flags rebuild every object, both ways; the same flags
	# again rebuild none.
	local want args asan built
	for want in sanitizers plain same; do
		args=''
		[ $want = sanitizers ] && args=--enable-sanitizers
		touch "$r/root/before-$want"
		sleep 1
		if ! in_root "$r" bash -c "cd /root/prmwb && ./configure $args && make -j2 && make -j2 check TESTS=" \
			>>"$log" 2>&1; then
			fail "readme: ./configure $args && make failed, see $log"
			return
		fi
		asan=$(in_root "$r" nm /root/prmwb/src/prmwb 2>/dev/null | grep -c '__asan_init')
		built=$(cd "$r/root/prmwb" && find . -name '*.o' -newer "$r/root/before-$want" | wc -l)
		local all
		all=$(cd "$r/root/prmwb" && find . -name '*.o' | wc -l)
		case $want:$built:$asan in
		sanitizers:"$all":[1-9]* | plain:"$all":0)
			ok "readme: ./configure ${args:-(no options)} on the built tree: $built of $all objects rebuilt, ASan symbols $asan" ;;
		same:0:0)
			ok "readme: ./configure again with the same flags: none of $all objects rebuilt" ;;
		*)
			fail "readme: ./configure ${args:-(no options)} ($want): $built of $all objects rebuilt, ASan symbols $asan" ;;
		esac
	done
	if in_root "$r" bash -c 'cd /root/prmwb && make dist' >>"$log" 2>&1; then
		rm -f "$WORK"/prmwb-*.tar.gz
		cp "$r"/root/prmwb/prmwb-*.tar.gz "$WORK/" && ok "readme: make dist: $(cd "$WORK" && ls prmwb-*.tar.gz)"
	else
		fail "readme: make dist failed, see $log"
	fi
	unmount_root "$r"
}

# ---- tarball ----------------------------------------------------------------
# README.md's "Installing": its apt-get lines (the first for running only,
# the second for building), the tar line and the build line.
step_tarball() {
	local r log=$WORK/tarball.log tgz dir
	tgz=$(find "$WORK" -maxdepth 1 -name 'prmwb-*.tar.gz' | head -1)
	[ -n "$tgz" ] || { fail "tarball: no prmwb-*.tar.gz in $WORK (run the readme step)"; return; }
	readme_code Installing >"$WORK/installing.txt"
	local pkgs untar build
	pkgs=$(grep '^apt-get ' "$WORK/installing.txt" | sed -n 2p)
	untar=$(grep '^tar ' "$WORK/installing.txt" | head -1)
	build=$(grep '^\./configure ' "$WORK/installing.txt" | head -1)
	[ -n "$pkgs" ] && [ -n "$untar" ] && [ -n "$build" ] ||
		{ fail "tarball: README.md's Installing lacks the build packages, tar or ./configure line"; return; }
	new_root tarball
	r=$R
	cp "$tgz" "$r/root/"
	dir=$(basename "$tgz" .tar.gz)
	echo "== tarball: $dir in $r, output in $log"
	note "tarball: $pkgs"
	if ! in_root "$r" DEBIAN_FRONTEND=noninteractive bash -c "$pkgs" >"$log" 2>&1; then
		fail "tarball: the build packages' apt-get line failed, see $log"
		return
	fi
	local tools
	tools=$(in_root "$r" bash -c 'for t in autoreconf autoconf automake aclocal autoheader; do command -v $t; done')
	[ -z "$tools" ] || fail "tarball: autotools present: $tools"
	note "tarball: cd /root && $untar && $build"
	if in_root "$r" bash -c "cd /root && $untar && $build" >>"$log" 2>&1; then
		ok "tarball: built, checked and installed from $dir.tar.gz without autotools"
	else
		fail "tarball: README's tar and build lines failed in /root for $dir.tar.gz, see $log"
		return
	fi
	note "tarball: make check: $(grep -a '^# \(PASS\|SKIP\|FAIL\)' "$r/root/$dir/test-suite.log" | tr -s ' \n' ' ')"
	grep -a '^SKIP' "$r/root/$dir/test-suite.log" | sed 's/^/   tarball: /'
	in_root "$r" /usr/local/bin/prmwb list >/dev/null || fail "tarball: the installed prmwb list failed"
	in_root "$r" bash -c "cd /root/$dir && make install DESTDIR=/root/stage" >>"$log" 2>&1 &&
		tar -C "$r/root/stage" -czf "$WORK/installed.tar.gz" . ||
		fail "tarball: cannot save the installed files"
	in_root "$r" bash -c "cd /root/$dir && make uninstall" >>"$log" 2>&1 || fail "tarball: make uninstall failed"
	local left
	left=$(cd "$r/usr/local" && find . -name '*prmwb*' -o -name prm.rng -o -name iso27022.xml)
	if [ -z "$left" ]; then
		ok "tarball: make uninstall left nothing in /usr/local"
	else
		fail "tarball: left after make uninstall: $left"
	fi
	unmount_root "$r"
}

# ---- runtime ----------------------------------------------------------------
# The installed files with README.md's run-time apt-get line only; then its
# "Team store" lines as root (usermod for alice, and the same for bob) and
# as the members, and what that setting promises.
step_runtime() {
	local r log=$WORK/runtime.log pkgs
	[ -f "$WORK/installed.tar.gz" ] || { fail "runtime: no $WORK/installed.tar.gz (run the tarball step)"; return; }
	pkgs=$(readme_code Installing | grep '^apt-get ' | sed -n 1p)
	[ -n "$pkgs" ] || { fail "runtime: README.md's Installing has no apt-get line"; return; }
	new_root runtime
	r=$R
	echo "== runtime: in $r, output in $log"
	note "runtime: $pkgs"
	if ! in_root "$r" DEBIAN_FRONTEND=noninteractive bash -c "$pkgs" >"$log" 2>&1; then
		fail "runtime: the run-time apt-get line failed, see $log"
		return
	fi
	tar -C "$r" -xzf "$WORK/installed.tar.gz" || { fail "runtime: cannot unpack the installed files"; return; }
	local dev
	dev=$(in_root "$r" dpkg-query -W -f '${Package}\n' | grep -E -- '-dev$|^(gcc|gcc-[0-9]+|cpp|make|binutils)$' | tr '\n' ' ')
	[ -z "$dev" ] || note "runtime: note: development packages present: $dev"
	in_root "$r" ldd /usr/local/bin/prmwb >>"$log" 2>&1
	grep -q 'not found' "$log" && fail "runtime: libraries missing: $(grep 'not found' "$log" | tr -s ' \n' ' ')"
	if in_root "$r" prmwb list >"$WORK/runtime.list" 2>>"$log" &&
		in_root "$r" prmwb show 7.4 >>"$log" 2>&1; then
		ok "runtime: prmwb list ($(grep -c . "$WORK/runtime.list") lines) and show 7.4"
	else
		fail "runtime: prmwb list/show failed, see $log"
	fi
	printf 'cd /root\nprmwb\necho $? >/root/runtime.rc\n' >"$r/root/runtime.sh"
	run_workbench "$r" /root/runtime.sh "$log" runtime
	if [ "$(cat "$r/root/runtime.rc" 2>/dev/null)" = 0 ]; then
		ok "runtime: the workbench quit with exit 0"
	else
		fail "runtime: the workbench exit $(cat "$r/root/runtime.rc" 2>/dev/null)"
	fi
	tm kill-server >/dev/null 2>&1
	step_team "$r" "$log"
	unmount_root "$r"
}

step_team() {
	local r=$1 log=$2 team db line
	team=$(readme_code 'Team store')
	db=$(printf '%s\n' "$team" | sed -n 's/^install -d .* \(\/[^ ]*\)$/\1/p')
	[ -n "$db" ] || { fail "team: README.md's Team store has no 'install -d ... DIR' line"; return; }
	in_root "$r" bash -c 'for u in alice bob carol; do useradd -m -s /bin/bash $u || exit 1; done' >>"$log" 2>&1 ||
		{ fail "team: useradd failed"; return; }
	# root's lines: those before the first prmwb line, then usermod for bob too
	while IFS= read -r line; do
		case $line in prmwb*|export*) break ;; esac
		note "team: # $line"
		in_root "$r" bash -c "$line" >>"$log" 2>&1 || fail "team: '$line' failed"
		case $line in
		usermod*alice*)
			note "team: # ${line//alice/bob}"
			in_root "$r" bash -c "${line//alice/bob}" >>"$log" 2>&1 || fail "team: '${line//alice/bob}' failed"
			;;
		esac
	done <<<"$team"
	as() { local u=$1; shift; in_root "$r" runuser -l "$u" -c "$*"; }
	as alice "umask 077; prmwb --db $db set 7.4 owner Alice" >>"$log" 2>&1 || fail "team: alice set"
	# the members' lines: the workbench as alice, the export line as bob
	local wb ex
	wb=$(printf '%s\n' "$team" | grep '^prmwb ' | head -1 | sed 's/ *#.*//')
	ex=$(printf '%s\n' "$team" | grep '^export ' | head -1 | sed 's/ *#.*//')
	if [ -n "$wb" ]; then
		note "team: alice\$ $wb"
		printf 'runuser -l alice -c %q\necho $? >/root/team.rc\n' "$wb" >"$r/root/team.sh"
		run_workbench "$r" /root/team.sh "$log" team
		[ "$(cat "$r/root/team.rc" 2>/dev/null)" = 0 ] || fail "team: alice's workbench exit $(cat "$r/root/team.rc")"
		tm kill-server >/dev/null 2>&1
	else
		fail "team: README.md's Team store has no 'prmwb --db' line"
	fi
	if [ -n "$ex" ]; then
		note "team: bob\$ $ex"
		as bob "$ex" 2>>"$log" | grep -Eq '^ +owner +Alice$' ||
			fail "team: bob's '$ex' does not show alice's owner"
	else
		fail "team: README.md's Team store has no 'export PRMWB_DB' line"
	fi
	as bob "umask 077; PRMWB_DB=$db prmwb set 7.4 status planned" >>"$log" 2>&1 || fail "team: bob set"
	as alice "prmwb --db $db log 7.4" >"$WORK/runtime.teamlog" 2>>"$log"
	if ! grep -q ' alice .*owner' "$WORK/runtime.teamlog" || ! grep -q ' bob .*status' "$WORK/runtime.teamlog"; then
		fail "team: log does not show both members' changes: $(cat "$WORK/runtime.teamlog")"
	fi
	as bob "prmwb --db $db undo" >>"$log" 2>&1 || fail "team: bob undo"
	[ "$(as alice "prmwb --db $db get 7.4 status")" = "" ] || fail "team: bob's undo did not undo his status"
	[ "$(as alice "prmwb --db $db get 7.4 owner")" = Alice ] || fail "team: bob's undo touched alice's owner"
	if as carol "prmwb --db $db get 7.4 owner" >>"$log" 2>&1; then
		fail "team: carol (not in the group) read the store"
	fi
	if as bob "rm -f $db/data.mdb $db/lock.mdb" >>"$log" 2>&1 || [ ! -e "$r$db/data.mdb" ]; then
		fail "team: bob could remove alice's files (no sticky bit?)"
	fi
	local modes
	modes=$(in_root "$r" stat -c '%a %G %n' "$db" "$db/data.mdb" "$db/lock.mdb" | tr '\n' ' ')
	case $modes in
	"3770 isms $db 660 isms $db/data.mdb 660 isms $db/lock.mdb ")
		ok "team: alice and bob share it (umask 077), carol cannot read it, bob cannot remove alice's files ($modes)" ;;
	*) fail "team: modes are $modes" ;;
	esac
}

# ---- ci ---------------------------------------------------------------------
step_ci() {
	local r log=$WORK/ci.log t0 t1
	new_root ci
	r=$R
	copy_tree "$r"
	echo "== ci: bash .ci/run in $r, output in $log"
	t0=$SECONDS
	if in_root "$r" CI=true bash -c 'cd /root/prmwb && bash .ci/run' </dev/null >"$log" 2>&1; then
		t1=$SECONDS
		ok "ci: .ci/run exit 0 ($((t1 - t0)) s wall): $(tail -1 "$log")"
	else
		fail "ci: .ci/run failed, see $log"
	fi
	unmount_root "$r"
}

for s in $STEPS; do
	"step_$s"
done
echo
echo "== fresh-debian: $REV ($(git -C "$SRC" rev-parse --short "$REV")) in $WORK"
printf '%s\n' "${summary[@]}"
[ "$failures" = 0 ] && echo "fresh-debian: all passed" || echo "fresh-debian: $failures failed"
[ "$failures" = 0 ]
