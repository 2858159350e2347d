#!/bin/sh
# A re-run of configure with other flags (--enable-sanitizers, CFLAGS=...,
# CC=clang) must rebuild every object, not keep the old ones (configure.ac,
# "Rebuild on new flags"). Checked on this build without configuring again:
# 1. config.h records every compiler and flag variable that configure
#    substitutes into the Makefile, with the value the Makefile has, so new
#    flags give a new config.h;
# 2. make would recompile every object built so far if config.h were new
#    (make -n -W config.h), i.e. each depends on it.
# tests/fresh-debian.sh does the real thing: configure, build, configure
# --enable-sanitizers, build, every object rebuilt.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
B=$TOP_BUILDDIR

# ---- 1. config.h holds each substituted flag variable's value ----
vars=$(sed -nE 's/^(CC|[A-Z_]*(FLAGS|LIBS)) = @[A-Z_]+@$/\1/p' \
	"$TOP_SRCDIR/Makefile.in")
[ -n "$vars" ] || fail "no flag variables found in Makefile.in"
flags=$(sed -n 's/^#define PRMWB_BUILD_FLAGS //p' "$B/config.h")
[ -n "$flags" ] || fail "config.h has no PRMWB_BUILD_FLAGS"
for v in $vars; do
	# the value as the Makefile has it, escaped as configure.ac does
	val=$(sed -n "s/^$v = //p" "$B/Makefile" | sed 's/[\\"]/\\&/g')
	case "$flags" in
	*" $v=$val;"*) ;;
	*) fail "config.h does not record $v='$val' (add it to the list in configure.ac)" ;;
	esac
done

# ---- 2. every object built so far depends on config.h ----
# (run from here, make check's own make must not leak its jobserver in)
objs=$(cd "$B" && find . -name '*.o' | sed 's|^\./||' | sort)
if [ -z "$objs" ]; then
	fail "no objects in $B"
elif ! ls "$B"/src/.deps/*.Po >/dev/null 2>&1; then
	echo "SKIP (part): no dependency tracking (--disable-dependency-tracking)" >&2
else
	# shellcheck disable=SC2086
	(cd "$B" && unset MAKEFLAGS MFLAGS MAKELEVEL &&
	 ${MAKE:-make} -n -W config.h V=1 $objs) >"$T/make-n" 2>&1 ||
		{ fail "make -n -W config.h failed"; head -20 "$T/make-n" >&2; }
	for o in $objs; do
		grep -Eq -- "-o $o( |$)" "$T/make-n" ||
			fail "$o would not be rebuilt when config.h changes (does its source include config.h first?)"
	done
fi
done_testing
