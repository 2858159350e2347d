#!/bin/sh
# genmodel.sh N - write to stdout a valid prmwb model with N processes
# (10 categories), each with a purpose, 4 outcomes, 3 activities, inputs,
# outputs, 2 references and 2 relations: for benchmarks.
n=${1:-2000}
awk -v n="$n" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<prm xmlns=\"urn:prmwb:prm:1\" id=\"generated\" version=\"1\">"
	print "  <title>Generated model with " n " processes</title>"
	print "  <source>bench/genmodel.sh</source>"
	cats = 10; per = int((n + cats - 1) / cats); p = 0
	for (c = 1; c <= cats && p < n; c++) {
		printf "  <category id=\"c%d\" name=\"Category %d\">\n", c, c
		for (k = 1; k <= per && p < n; k++) {
			p++
			printf "    <process id=\"%d.%d\" name=\"Process %d of category %d\">\n", c, k, k, c
			printf "      <summary>Generated process number %d, for load benchmarks.</summary>\n", p
			printf "      <purpose>Keep generated thing %d under control so that the\n        benchmark has realistic text to read and fold.</purpose>\n", p
			print "      <outcomes>"
			for (o = 1; o <= 4; o++)
				printf "        <outcome n=\"%d\">Outcome %d of process %d is achieved.</outcome>\n", o, o, p
			print "      </outcomes>"
			printf "      <activities><activity>Plan %d.</activity><activity>Do %d.</activity><activity>Check %d.</activity></activities>\n", p, p, p
			printf "      <inputs><input>Input %d</input></inputs>\n", p
			printf "      <outputs><output>Output %d</output></outputs>\n", p
			print "      <references><reference standard=\"ISO/IEC 27001:2022\" clause=\"6.1\"/><reference standard=\"ISO/IEC 27002:2022\" clause=\"5.1\">note</reference></references>"
			rel = ""
			if (k < per && p < n)
				rel = rel sprintf("<relation type=\"provides-input-to\" target=\"%d.%d\"/>", c, k + 1)
			if (k > 1)
				rel = rel sprintf("<relation type=\"receives-input-from\" target=\"%d.%d\"/>", c, k - 1)
			if (rel != "")
				print "      <relations>" rel "</relations>"
			print "    </process>"
		}
		print "  </category>"
	}
	print "</prm>"
}'
