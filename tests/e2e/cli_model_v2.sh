#!/bin/sh
# End-to-end: version 2 of the model format (sub-processes, declared
# relation types, short names, references per outcome) and tailoring, on
# the fixtures tests/data/v2.xml and tests/data/tailor.xml (which extends
# good.xml): list (piped and on a terminal), show, check.
. "$TOP_SRCDIR/tests/e2e/lib.sh"
D="$TOP_SRCDIR/tests/data"
cd "$D" || exit 1

# piped list: a model with sub-processes gets a third column, the parent
expect_rc 0 "$PRMWB" --model v2.xml list
printf '# plan: Planning\n1\tInformation security risk management\t\n1.1\tInformation security risk assessment\t1\n1.1.1\tAsset inventory for risk assessment\t1.1\n1.2\tInformation security risk treatment\t1\n# run: Running\n2\tOperations\t\n' | expect_out -
expect_rc 0 "$PRMWB" --model v2.xml list --category run
printf '# run: Running\n2\tOperations\t\n' | expect_out -

if command -v script >/dev/null 2>&1; then
	tty_run() {  # tty_run COLUMNS ARGS...: run on a pty, output in $T/out
		cols=$1; shift
		COLUMNS=$cols script -qec "$(printf '%s ' "$PRMWB" "$@")" /dev/null </dev/null |
			tr -d '\r' >"$T/out"
	}
	# on a terminal: indented, names in a column
	tty_run 60 --model v2.xml list
	cat <<'END' | expect_out -
Planning (plan)
  1          Information security risk management
    1.1      Information security risk assessment
      1.1.1  Asset inventory for risk assessment
    1.2      Information security risk treatment

Running (run)
  2          Operations
END
	# narrow: a name that would wrap gives way to the short name
	tty_run 44 --model v2.xml list
	cat <<'END' | expect_out -
Planning (plan)
  1          Risk management
    1.1      Risk assessment
      1.1.1  Asset inventory for risk
             assessment
    1.2      Risk treatment

Running (run)
  2          Operations
END
else
	echo "script(1) missing: terminal output not tested"
fi

# show: short name, references per outcome, a gap, declared relation
# wording, parent and sub-processes
expect_rc 0 "$PRMWB" --model v2.xml show 1
cat <<'END' | expect_out -
1  Information security risk management
Short name: Risk management
Category: Planning (plan)
Purpose: Keep information risks within what the organisation accepts.
Outcomes:
  1. A risk method is agreed.
     - ISO/IEC 27001:2022 6.1.2: a
  3. Risks have owners.
     - ISO/IEC 27001:2022 6.1.2: c
     - ISO/IEC 27002:2022 5.9
Relations:
  - Provides input to 2 (Operations): risk register
Sub-processes:
  - 1.1 Information security risk assessment
  - 1.2 Information security risk treatment
END
expect_rc 0 "$PRMWB" --model v2.xml show 1.1.1
cat <<'END' | expect_out -
1.1.1  Asset inventory for risk assessment
Category: Planning (plan)
Parent: 1.1 (Information security risk assessment)
Purpose: Know what there is to protect.
Outcomes:
  1. Assets are listed.
END
# a hand-off declared once, at one end: the other end words it inversely
expect_rc 0 "$PRMWB" --model v2.xml show 2
expect_grep '^  - Receives input from 1 \(Information security risk management\): risk register$'
expect_rc 0 "$PRMWB" --model v2.xml show 1.2
expect_grep '^  - Is triggered by 1\.1 \(Information security risk assessment\)$'
expect_rc 0 "$PRMWB" --model v2.xml search asset
expect_grep '^1\.1\.1	'
expect_rc 0 "$PRMWB" check v2.xml
printf 'v2.xml: ok: model fixture2 version 2, 2 categories, 5 processes\n' | expect_out -

# tailoring: what is added and replaced is marked with its FILE:LINE
expect_rc 0 "$PRMWB" --model tailor.xml list
printf '# mgmt: Management processes\n1.1\tGovernance interface\t\n# core: Core processes\n2.1\tHazard assessment\t\n2.1.1\tSupplier hazard assessment\t2.1\n2.2\tHazard treatment\t\n2.10\tChange control\t\n# support: Support processes\n3.1\tRecords\t\n3.2\tTraining\t\n# legal: Legal processes\n9.1\tContract review\t\n' | expect_out -
expect_rc 0 "$PRMWB" --model tailor.xml show 2.1
cat <<'END' | expect_out -
2.1  Hazard assessment
Short name: Hazards [added tailor.xml:18]
Category: Core processes (core)
Tailored: changed (marked below)
Purpose: Find and rate hazards to our information. [replaced tailor.xml:27]
Outcomes:
  1. Hazards are identified.
  2. Hazards are rated on our scale. [replaced tailor.xml:28]
  5. Supplier hazards are rated too. [added tailor.xml:19]
Activities:
  - Run workshops.
  - Rate likelihood.
  - Ask suppliers. [added tailor.xml:20]
Inputs:
  - Asset list
  - Threat catalogue
Outputs:
  - Hazard register
References:
  - ISO/IEC 27001:2022 6.1.2: assessment
  - ISO/IEC 27005:2022 7
Relations:
  - provides-input-to 2.2 (Hazard treatment)
Related from:
  - 1.1 (Governance interface) triggers this
  - 2.2 (Hazard treatment) receives-input-from this
  - Receives escalations from 9.1 (Contract review): unclear clauses [added tailor.xml:13]
Sub-processes:
  - 2.1.1 Supplier hazard assessment [added tailor.xml:21]
END
expect_rc 0 "$PRMWB" --model tailor.xml show 9.1
cat <<'END' | expect_out -
9.1  Contract review
Short name: Contracts
Category: Legal processes (legal)
Tailored: added by tailor.xml:10
Purpose: Put security clauses into contracts.
Outcomes:
  1. Contracts are reviewed.
Relations:
  - Escalates to 2.1 (Hazard assessment): unclear clauses
END
# untouched processes show as before
expect_rc 0 "$PRMWB" --model tailor.xml show 1.1
expect_out "$D/expected/show-1.1.txt"
expect_rc 0 "$PRMWB" check tailor.xml
printf 'tailor.xml: ok: model fixture-tailored version t1 (extends fixture), 4 categories, 8 processes\n' | expect_out -

# conflicts and cycles: every one with FILE:LINE, exit 2
cd "$T" || exit 1
cp "$D/good.xml" good.xml
cat >bad.xml <<'END'
<prm xmlns="urn:prmwb:prm:2" id="bad" version="1" extends-file="good.xml">
<title>Bad</title>
<category id="core" name="Again"><process id="7" name="N"><purpose>P.</purpose>
<outcomes><outcome n="1">O.</outcome></outcomes></process></category>
<tailor process="2.1"><add>
<outcome n="2">Two again.</outcome>
</add><replace>
<summary>There is none.</summary>
</replace></tailor>
<tailor process="9.9"><replace><name>N</name></replace></tailor>
</prm>
END
expect_rc 2 "$PRMWB" check bad.xml
[ -s "$T/out" ] && fail "check of a bad file wrote to stdout"
cat <<END >"$T/want"
bad.xml:3: category core already exists (./good.xml:26): to add processes to it use <tailor category="core"><add>
bad.xml:6: process 2.1 already has outcome 2 (./good.xml:31): outcome numbers are never reused; give the new outcome a number of its own
bad.xml:8: process 2.1 has no summary to replace: use <add><summary>
bad.xml:10: tailor of process 9.9: model fixture has no process 9.9
END
diff -u "$T/want" "$T/err" || fail "conflicts: unexpected messages"
cat >loop1.xml <<'END'
<prm xmlns="urn:prmwb:prm:2" id="loop1" version="1" extends-file="loop2.xml">
<title>L</title></prm>
END
cat >loop2.xml <<'END'
<prm xmlns="urn:prmwb:prm:2" id="loop2" version="1" extends-file="loop1.xml">
<title>L</title></prm>
END
expect_rc 2 "$PRMWB" check loop1.xml
expect_grep '^\./loop2\.xml:1: extends \./loop1\.xml, which is already being loaded: a cycle \(\./loop1\.xml <- \./loop2\.xml <- loop1\.xml\)$' err
expect_grep '^loop1\.xml:1: model loop1: the model it extends has errors \(above\)$' err
expect_rc 2 "$PRMWB" --model loop1.xml list
done_testing
