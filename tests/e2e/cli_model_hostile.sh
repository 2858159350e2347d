#!/bin/sh
# End-to-end: hostile model files. Each must give exit 2 and exactly one
# line on stderr naming the file, nothing on stdout, no leaked content, and
# finish (bounded by timeout(1), a hang guard, not a timing threshold).
. "$TOP_SRCDIR/tests/e2e/lib.sh"
H="$T/h"
mkdir -p "$H"

hostile() {  # hostile FILE PATTERN
	expect_rc 2 timeout 30 "$PRMWB" check "$1"
	[ -s "$T/out" ] && fail "$1: wrote to stdout"
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || { fail "$1: $n lines on stderr, expected 1"; head -5 "$T/err" >&2; }
	expect_grep "^$1(:[0-9]+)?: $2" err
	expect_nogrep 'root:' err
	# the same through a look-up command and PRMWB_MODEL
	PRMWB_MODEL="$1" expect_rc 2 timeout 30 "$PRMWB" list
	expect_nogrep 'root:' err
}

cat >"$H/xxe.xml" <<'END'
<?xml version="1.0"?>
<!DOCTYPE prm [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<prm xmlns="urn:prmwb:prm:1" id="a" version="1"><title>&x;</title></prm>
END
hostile "$H/xxe.xml" 'a DOCTYPE is not allowed'

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE lolz [<!ENTITY l0 "lol">'
	i=1
	while [ $i -le 9 ]; do
		p=$((i - 1))
		echo "<!ENTITY l$i \"&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;\">"
		i=$((i + 1))
	done
	echo ']><prm xmlns="urn:prmwb:prm:1" id="a" version="1"><title>&l9;</title></prm>'
} >"$H/laughs.xml"
hostile "$H/laughs.xml" 'a DOCTYPE is not allowed'

head -c 4096 /dev/urandom | tr '<' 'x' >"$H/garbage.xml"
hostile "$H/garbage.xml" 'not well-formed XML'

: >"$H/empty.xml"
hostile "$H/empty.xml" 'empty file'

awk 'BEGIN { printf "<prm xmlns=\"urn:prmwb:prm:1\">";
	for (i = 0; i < 100000; i++) printf "<a>";
	for (i = 0; i < 100000; i++) printf "</a>";
	print "</prm>" }' >"$H/deep.xml"
hostile "$H/deep.xml" 'elements nested deeper than 32 levels'

printf '<prm xmlns="urn:prmwb:prm:1" id="a" version="1"><title>caf\351 \377</title></prm>\n' >"$H/utf8.xml"
hostile "$H/utf8.xml" 'not well-formed XML: Input is not proper UTF-8'

# one byte over the size limit (64 MiB; sparse): refused before reading
truncate -s 67108865 "$H/big.xml"
hostile "$H/big.xml" 'too large: 67108865 bytes, the limit is 67108864 bytes \(64 MiB\)'
rm -f "$H/big.xml"
# a 20 MB attribute: under the size limit, libxml2's own limit must hold
{ printf '<prm xmlns="urn:prmwb:prm:1" id="'; head -c 20971520 /dev/zero | tr '\0' a; printf '"/>'; } >"$H/attr20.xml"
hostile "$H/attr20.xml" 'attribute id of <prm> is larger than 10000000 bytes, the limit for one value'
# a 12 MB attribute: under the size limit, libxml2's own limit must hold
{ printf '<prm xmlns="urn:prmwb:prm:1" id="'; head -c 12582912 /dev/zero | tr '\0' a; printf '"/>'; } >"$H/attr12.xml"
hostile "$H/attr12.xml" 'attribute id of <prm> is larger than 10000000 bytes, the limit for one value'
rm -f "$H/attr12.xml"

# Files that are slow or huge to parse, refused by the pre-scan before
# libxml2 sees them (libxml2 2.9 checks duplicate attributes in quadratic
# time; millions of elements cost seconds and hundreds of MB).
attrs() {  # attrs N: <prm> with N attributes, on line 2
	awk -v n="$1" 'BEGIN { print "<?xml version=\"1.0\"?>"; printf "<prm xmlns=\"urn:prmwb:prm:1\"";
		for (i = 1; i < n; i++) printf " a%d=\"%d\"", i, i; print "/>" }'
}
attrs 80000 >"$H/attrs80k.xml"
hostile "$H/attrs80k.xml" 'element <prm> has more than 32 attributes, the limit for one element'
expect_grep ':2: element <prm>' err
attrs 300000 >"$H/attrs300k.xml"
hostile "$H/attrs300k.xml" 'element <prm> has more than 32 attributes, the limit for one element'
# 32 attributes (xmlns included) reach the parser: the schema answers
attrs 32 >"$H/attrs32.xml"
expect_rc 2 "$PRMWB" check "$H/attrs32.xml"
expect_nogrep 'limit for one element' err
expect_grep 'attrs32.xml:2: .*<prm>' err
# attributes hidden in a comment, or a value holding '=', are not counted
{ echo '<prm xmlns="urn:prmwb:prm:1" id="a" version="1"><!--'; attrs 100; echo '-->'
  echo '<title x="'"$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "a=" }')"'">T</title></prm>'; } >"$H/hidden.xml"
expect_rc 2 "$PRMWB" check "$H/hidden.xml"
expect_nogrep 'limit' err
elements() {  # elements N: <prm> holding N-1 <a/>, a line each
	awk -v n="$1" 'BEGIN { print "<prm xmlns=\"urn:prmwb:prm:1\">"; for (i = 1; i < n; i++) print "<a/>"; print "</prm>" }'
}
elements 1000001 >"$H/elements.xml"
hostile "$H/elements.xml" 'more than 1000000 elements, the limit for one model'
expect_grep 'elements.xml:1000001: ' err
# 16 MB of <a/> siblings (4 million elements)
awk 'BEGIN { printf "<prm xmlns=\"urn:prmwb:prm:1\">"; for (i = 0; i < 4194304; i++) printf "<a/>"; print "</prm>" }' >"$H/siblings.xml"
hostile "$H/siblings.xml" 'more than 1000000 elements, the limit for one model'
rm -f "$H"/attrs*.xml "$H/elements.xml" "$H/siblings.xml"

# The limits admit the 20,000-process model of bench/genmodel.sh (about
# 23 MB, 440,000 elements).
sh "$TOP_SRCDIR/bench/genmodel.sh" 20000 >"$H/gen20000.xml"
expect_rc 0 "$PRMWB" check "$H/gen20000.xml"
expect_grep 'ok: model generated version 1, 10 categories, 20000 processes'
rm -f "$H/gen20000.xml"

hostile "$H/nonexistent.xml" 'cannot open: No such file or directory'
mkdir "$H/dir.xml"
hostile "$H/dir.xml" 'is a directory'
mkfifo "$H/fifo.xml"
hostile "$H/fifo.xml" 'not a regular file'
done_testing
