#!/bin/sh
# make install puts the binary, the schema and default model and both man
# pages in place (into a scratch DESTDIR here); make uninstall removes all
# of it, the emptied share/prmwb/ too, and keeps that directory, saying
# so, when it holds a file make install did not put there.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
D="$T/dest"
# A make of its own in this build tree (make check's jobserver stays out).
mk() { (cd "$TOP_BUILDDIR" && unset MAKEFLAGS MFLAGS MAKELEVEL &&
	${MAKE:-make} -s "$@" DESTDIR="$D") >"$T/make.out" 2>&1; }

mk install || { fail "make install failed"; cat "$T/make.out" >&2; }
find "$D" -type f | sed "s|^$D||" | sort >"$T/installed"
for f in /bin/prmwb /share/prmwb/prm.rng /share/prmwb/iso27022.xml \
	/share/man/man1/prmwb.1 /share/man/man5/prmwb-model.5; do
	grep -q "$f\$" "$T/installed" || fail "make install did not install *$f"
done
# the installed binary runs and finds nothing missing
"$(grep '/bin/prmwb$' "$T/installed" | sed "s|^|$D|")" list >/dev/null ||
	fail "the installed prmwb list failed"

# the installed prmwb.1 lists every record field the installed binary knows
# (its --help lists them from the same table; the man page's list is made
# from it at build time)
bin=$(grep '/bin/prmwb$' "$T/installed" | sed "s|^|$D|")
man1=$(grep '/man1/prmwb.1$' "$T/installed" | sed "s|^|$D|")
"$bin" --help | sed -n '/^Fields/,/^  A value/p' | awk '/^  [a-z]/ { print $1 }' >"$T/fields"
[ "$(wc -l <"$T/fields")" -ge 20 ] || fail "--help lists $(wc -l <"$T/fields") fields"
while read -r f; do
	case $f in
	*.N) want=".BI ${f%N} N" ;;
	*) want=".B $f" ;;
	esac
	# an entry of the list: .TP, then the name
	awk -v want="$want" 'prev == ".TP" && $0 == want { found = 1 } { prev = $0 }
		END { exit !found }' "$man1" || fail "the installed prmwb.1 does not list field $f"
done <"$T/fields"

# $(pkgdatadir): where prm.rng went (the prefix may hold "prmwb" too)
share=$(find "$D" -name prm.rng | sed 's|/prm.rng$||')
[ -n "$share" ] || share="$D/nonexistent"

mk uninstall || { fail "make uninstall failed"; cat "$T/make.out" >&2; }
find "$D" -type f >"$T/left"
[ -s "$T/left" ] && { fail "files left after make uninstall:"; cat "$T/left" >&2; }
[ -e "$share" ] && fail "left after make uninstall: $share"

# a file of the administrator's in share/prmwb/ is kept, with a word
mk install || fail "make install (again) failed"
echo '<prm/>' >"$share/local.xml"
mk uninstall || fail "make uninstall (again) failed"
[ -f "$share/local.xml" ] || fail "make uninstall removed a file it did not install"
grep -q "kept .*share/prmwb" "$T/make.out" || fail "make uninstall did not say why it kept $share"
done_testing
