#!/bin/sh
# Test plan: `make run` (scripts/run.sh, here into a folder of the test's
# own) -- the first run makes the project and the report; a second run
# codes the same project again and keeps every human decision, says how to
# start afresh, and never deletes the project; the files it writes are
# private (0600).
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
DB=$TRASH/out/digitaal2017.db
eff() { q "$DB" "select group_concat(theme, ';') from (select e.theme from effective_codes e join answers a on a.id=e.answer_id where a.ext_id='$1' order by e.theme)"; }

test_expect_success 'the first run makes the project and the report' '
	QCODE_OUT=$TRASH/out "$TEST_ROOT/scripts/run.sh" >run1 2>&1 &&
	grep -q "^== import$" run1 && grep -q "^run 1: coded 22 answers" run1 &&
	for f in codes.csv codes.sav appendix.md appendix.html digitaal2017.db; do
		test "$(stat -c %a out/$f)" = 600 || { echo "$f: $(stat -c %a out/$f)"; exit 1; }
	done
'

test_expect_success 'a second run keeps the decisions and codes again' '
	qcode --db "$DB" decide d37-01 +kennis --primary kennis --coder anna >/dev/null &&
	qcode --db "$DB" decide d37-02 --none --coder anna >/dev/null &&
	QCODE_OUT=$TRASH/out "$TEST_ROOT/scripts/run.sh" >run2 2>&1 &&
	grep -q "^== the project $DB is there already: coded again, its decisions kept$" run2 &&
	grep -q "to start afresh, remove it and every decision in it: rm $DB" run2 &&
	! grep -q "^== import$" run2 && grep -q "^run 2: coded 22 answers" run2 &&
	test "$(q "$DB" "select count(distinct batch) from decisions")" = 2 &&
	test "$(q "$DB" "select count(*) from answers")" = 22 &&
	test "$(eff d37-01)" = "contracten_ict;kennis" && test -z "$(eff d37-02)" &&
	grep -q "^d37-01,.*,1,1,0,0,0,0,kennis," out/codes.csv
'

test_done
