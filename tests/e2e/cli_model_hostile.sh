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

# over 64 MiB: refused by the size limit before parsing (a sparse file)
printf '<prm xmlns="urn:prmwb:prm:1" id="' >"$H/big.xml"
truncate -s 67108865 "$H/big.xml"
hostile "$H/big.xml" 'too large: 67108865 bytes, the limit is 67108864 bytes'
rm -f "$H/big.xml"
# a 20 MB attribute: under the size limit, libxml2's own limit must hold
{ printf '<prm xmlns="urn:prmwb:prm:1" id="'; head -c 20971520 /dev/zero | tr '\0' a; printf '"/>'; } >"$H/attr20.xml"
hostile "$H/attr20.xml" 'attribute id of <prm> is larger than 10000000 bytes, the limit for one value'
# a 12 MB attribute: under the size limit, libxml2's own limit must hold
{ printf '<prm xmlns="urn:prmwb:prm:1" id="'; head -c 12582912 /dev/zero | tr '\0' a; printf '"/>'; } >"$H/attr12.xml"
hostile "$H/attr12.xml" 'attribute id of <prm> is larger than 10000000 bytes, the limit for one value'
rm -f "$H/attr20.xml" "$H/attr12.xml"

hostile "$H/nonexistent.xml" 'cannot open: No such file or directory'
mkdir "$H/dir.xml"
hostile "$H/dir.xml" 'is a directory'
mkfifo "$H/fifo.xml"
hostile "$H/fifo.xml" 'not a regular file'
done_testing
