#!/bin/sh
# Test plan: validity -- `make validate` (scripts/validate.sh) codes both
# corpora and prints, per theme and half, kappa, precision and recall against
# the human gold and the coders' own kappa, and the precision of the quotes
# under each heading; no theme's kappa may fall below
# the floor written down in tests/validate-floor (the figures the shipped
# lexicons reached), and a floor that is not met fails with the theme named.
. "$(dirname "$0")/lib.sh"

test_expect_success 'validate: both corpora, every theme, machine and coders side by side' '
	VALIDATE_BOOT=0 "$TEST_ROOT/scripts/validate.sh" >v &&
	grep -q "^== corpus/digitaal2017" v && grep -q "^== corpus/devset" v &&
	for t in contracten_ict kennis prioriteit regie uitbesteden wetgeving; do
		for h in A B all; do grep -q "^$t  *$h  " v || exit 1; done
	done &&
	grep -q "^mean kappa  *B  *0\\.[0-9]*   primary theme right: [0-9]* of [0-9]* ([0-9.]*%); coders [0-9]* of [0-9]*$" v &&
	grep -q "^wetgeving  *all  *[0-9.]* .* 0\\.9[0-9]*$" v &&
	grep -q "^quotes under each heading (qcode quotes -k 5), against the gold: theme in gold / gold primary$" v &&
	grep -q "^all  *A  *[0-9]*/[0-9]*  *[0-9]*%  *[0-9]*/[0-9]*  *[0-9]*%  *[0-9]*/[0-9]*  *[0-9]*%  *[0-9]*/[0-9]*  *[0-9]*%$" v &&
	grep -q "^all  *B  " v
'

test_expect_success 'validate --check: every kappa at or above the written-down floor' '
	VALIDATE_BOOT=0 "$TEST_ROOT/scripts/validate.sh" --check "$TEST_ROOT/tests/validate-floor" >c &&
	grep -q "^every theme.s kappa is at or above the floor" c
'

test_expect_success 'validate --check: a floor above what the lexicons reach fails, naming the theme' '
	printf "# corpus half theme kappa\ndevset B regie 0.99\n" >high &&
	VALIDATE_BOOT=0 "$TEST_ROOT/scripts/validate.sh" --check "$PWD/high" >c; test $? = 1 &&
	grep -q "^below the floor: devset half B regie kappa 0\\.[0-9]* < 0.99$" c
'

test_done
