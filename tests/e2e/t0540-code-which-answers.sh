#!/bin/sh
# Test plan: which answers `qcode code` codes. `-` and `--stdin` code
# standard input with no database, a project in sight or not; without
# them, a pipe or a file on standard input is coded when no project is in
# sight (no --db, no $QCODE_DB, no ./qcode.db), and with one in sight the
# project is coded and stderr says so and how to code standard input
# instead -- also when the pipe is empty, which once coded nothing and
# exited 0. Standard input that is neither (/dev/null) codes the project,
# silently. The options of a stream are refused for a project, --only-new
# for a stream, each with exit 2 and its message.
. "$(dirname "$0")/lib.sh"

note() { # the line that says the project was chosen over standard input
	echo "qcode: coding the project '$1'; to code standard input instead, use 'qcode code -'"
}
usage=$(qcode help code | sed -n "/^usage: /,/^\$/p" | sed "/^\$/d; s/^usage: //")

test_expect_success 'no project in sight: a pipe and a file are coded as a stream, silently' '
	mkdir bare && (
		cd bare &&
		echo "Geen regie" | qcode code >out 2>err &&
		grep -q "^{\"id\":\"1\",\"primary\":\"regie\"" out && test ! -s err &&
		echo "Te weinig kennis" >in.txt && qcode code <in.txt >out 2>err &&
		grep -q "^{\"id\":\"1\",\"primary\":\"kennis\"" out && test ! -s err &&
		true | qcode code >out 2>err && test ! -s out && test ! -s err &&
		test ! -e qcode.db
	)
'

test_expect_success 'a project in sight: a pipe codes the project, and stderr says so' '
	mkdir proj && (
		cd proj &&
		qcode import "$CORPUS/answers.csv" >/dev/null &&
		echo "Geen regie" | qcode code >out 2>err &&
		note qcode.db >want && diff -u want err &&
		grep -q "^run 1: coded 22 answers, " out &&
		qcode code <"$CORPUS/answers.csv" >out 2>err &&
		diff -u want err && grep -q "^run 2: coded 22 answers, " out
	)
'

test_expect_success 'an empty pipe in a project folder codes the project, not nothing' '
	(
		cd proj &&
		true | qcode code >out 2>err; test $? = 0 &&
		note qcode.db >want && diff -u want err &&
		grep -q "^run 3: coded 22 answers, " out &&
		test "$(qcode runs | sed 1d | wc -l)" = 3
	)
'

test_expect_success 'no input on standard input (/dev/null): the project, with nothing said' '
	(
		cd proj &&
		qcode code </dev/null >out 2>err && test ! -s err &&
		grep -q "^run 4: coded 22 answers, " out
	)
'

test_expect_success '- and --stdin code standard input beside a project, which stays as it was' '
	(
		cd proj &&
		echo "Geen regie" | qcode code - >out 2>err && test ! -s err &&
		test "$(cat out)" = "$(echo "Geen regie" | qcode code --stdin)" &&
		grep -q "^{\"id\":\"1\",\"primary\":\"regie\"" out &&
		qcode code - --in-format csv --out-format tsv <"$CORPUS/answers.csv" >out.tsv &&
		test "$(wc -l <out.tsv)" = 23 &&
		true | qcode code - >out 2>err && test ! -s out && test ! -s err &&
		test "$(qcode runs | sed 1d | wc -l)" = 4
	)
'

test_expect_success '--db and $QCODE_DB put a project in sight too, by its name' '
	qcode --db p.db import "$CORPUS/answers.csv" >/dev/null &&
	echo "Geen regie" | qcode --db p.db code >out 2>err &&
	note p.db >want && diff -u want err && grep -q "^run 1: " out &&
	echo "Geen regie" | QCODE_DB=p.db qcode code >out 2>err &&
	diff -u want err && grep -q "^run 2: " out &&
	echo "Geen regie" | qcode --db p.db code - >out 2>err && test ! -s err &&
	grep -q "^{\"id\":\"1\",\"primary\":\"regie\"" out &&
	test ! -e qcode.db
'

test_expect_success 'a project named but not there: said after the choice, exit 4' '
	echo "Geen regie" | qcode --db none.db code >out 2>err; test $? = 4 &&
	{ note none.db; echo "qcode: error: no project database '\''none.db'\'': import answers first (qcode import FILE), name another with --db, or code answers without one with '\''qcode code - < FILE'\''"; } >want &&
	diff -u want err && test ! -e none.db
'

test_expect_success 'the options of a stream are refused for a project: exit 2, use -' '
	for opt in "--in-format csv" "--encoding cp1252" "--out-format tsv" "--text antwoord" "--id nr" "--lenient" "--id-prefix x" "--stamp"; do
		name=${opt%% *}
		expect_error 2 "qcode: error: $name applies to standard input ('\''qcode code -'\''), not to the project
usage: $usage" qcode --db p.db code $opt <"$CORPUS/answers.csv" || return 1
	done &&
	(cd proj && expect_error 2 "qcode: error: --in-format applies to standard input ('\''qcode code -'\''), not to the project
usage: $usage" qcode code --in-format csv <"$CORPUS/answers.csv")
'

test_expect_success '--only-new is the project'\''s: refused for a stream, and never a stream itself' '
	expect_error 2 "qcode: error: --only-new applies to the project, not to standard input
usage: $usage" qcode code - --only-new </dev/null &&
	mkdir bare2 && (
		cd bare2 &&
		echo "Geen regie" | qcode code --only-new >out 2>err; test $? = 4 &&
		grep -q "^qcode: error: no project database '\''qcode.db'\''" err && test ! -s out
	)
'

test_done
