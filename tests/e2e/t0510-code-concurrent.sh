#!/bin/sh
# Test plan: coding a large project (200,000 answers) while others write
# -- decisions, an import, new texts for answers (import --replace) and a
# second `qcode code` made while the run is under way all succeed, and so
# does the run, which keeps no codes of a text replaced under it; a writer that holds the
# database longer than the busy timeout makes the run wait, not fail; a
# run killed while under way shows as stopped in `runs`, and the next
# `qcode code` removes it. No timings are asserted: each check waits for
# the run to be seen under way, and asserts that the other writers wrote
# while it was.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
# until `qcode runs` shows a run under way (a guard of 100 s against a hang)
wait_running() {
	i=0
	until qcode --db p.db runs 2>/dev/null | grep -q "	running	"; do
		i=$((i + 1)); [ $i -lt 2000 ] || { echo "no run under way"; return 1; }
		sleep 0.05
	done
}

test_expect_success 'setup: a project of 200,000 answers' '
	"$TEST_ROOT/scripts/gen-corpus" 200000 --seed 5 --format csv >big.csv &&
	qcode --db p.db import big.csv >/dev/null &&
	printf "id,text\nlate1,Er is geen regie.\nlate2,De wetgeving knelt.\n" >late.csv &&
	# answers early, halfway and last, whose texts have a theme, get a new
	# text without one
	python3 - <<-\PY &&
	import csv
	rows = [r for r in csv.DictReader(open("big.csv")) if "geen regie" in r["text"].lower()]
	picked = [rows[0], rows[len(rows) // 2], rows[-1]]
	w = csv.writer(open("old.csv", "w", newline="")); w.writerow(["id", "text"])
	w.writerows([r["id"], r["text"]] for r in picked)
	w = csv.writer(open("new.csv", "w", newline="")); w.writerow(["id", "text"])
	w.writerows([r["id"], "Geen antwoord."] for r in picked)
	PY
	test "$(qcode code --in-format csv <old.csv | grep -c "\"themes\":\[\"")" = 3 &&
	test "$(qcode code --in-format csv <new.csv | grep -c "\"themes\":\[\]")" = 3
'

test_expect_success 'decide, import and a second code while a run is under way: all succeed' '
	timeout 600 qcode --db p.db code >code1.out 2>code1.err & pid=$!
	wait_running || exit 1
	n=0; during=0; pid2=
	while kill -0 $pid 2>/dev/null; do
		n=$((n + 1))
		qcode --db p.db decide a$n +regie --coder x --note "d$n" >/dev/null || { echo "decide $n failed"; exit 1; }
		# the decision was committed while the run was under way
		qcode --db p.db runs 2>/dev/null | grep -q "^1	.*	running	" && during=$((during + 1))
		if [ $n = 2 ]; then
			qcode --db p.db import late.csv >import.out || { echo "import failed"; exit 1; }
			qcode --db p.db import --replace new.csv >/dev/null || { echo "replace failed"; exit 1; }
			timeout 600 qcode --db p.db code -j 2 >code2.out 2>code2.err & pid2=$!
		fi
	done
	wait $pid; rc1=$?
	rc2=0; [ -z "$pid2" ] || { wait $pid2; rc2=$?; }
	cat code1.err code2.err 2>/dev/null
	echo "decisions: $n, during the run: $during"
	test $rc1 = 0 && test $rc2 = 0 && test $during -ge 2 &&
	grep -q "^run 1: coded 20000[0-2] answers" code1.out &&
	grep -q "^imported 2 answers" import.out &&
	test "$(q p.db "select count(*) from runs where finished is null")" = 0 &&
	test "$(q p.db "select count(*) from machine_codes m join answers a on a.id = m.answer_id where a.text = '\''Geen antwoord.'\''")" = 0 &&
	test "$(q p.db "select count(*) from decisions")" = $n &&
	test "$(q p.db "pragma integrity_check")" = ok
'

test_expect_success 'a writer holding the database past the busy timeout: the run waits' '
	QCODE_BUSY_TIMEOUT_MS=200 timeout 600 qcode --db p.db code >code3.out 2>code3.err & pid=$!
	wait_running || exit 1
	# hold the write lock 1.5 s, more than seven busy timeouts of the run
	python3 -c "
import sqlite3, time
c = sqlite3.connect(\"p.db\", isolation_level=None, timeout=60)
c.execute(\"BEGIN IMMEDIATE\")
print(c.execute(\"select count(*) from runs where finished is null\").fetchone()[0])
time.sleep(1.5)
c.execute(\"COMMIT\")" >held
	wait $pid; rc=$?
	cat code3.err
	test $rc = 0 && test "$(cat held)" = 1 && grep -q "^run [0-9]*: coded 200002 answers" code3.out
'

test_expect_success 'a killed run shows as stopped; the next code removes it' '
	qcode --db p.db code >/dev/null 2>&1 & pid=$!
	wait_running || { kill $pid; exit 1; }
	run=$(qcode --db p.db runs | sed -n "s/^\([0-9]*\)	.*	running	.*/\1/p")
	kill -9 $pid; wait $pid
	qcode --db p.db runs >runs 2>err &&
	grep -q "^$run	.*	stopped	" runs &&
	test "$(cat err)" = "run $run stopped before it finished and was never in use; the next '\''qcode code'\'' removes it" &&
	test "$(q p.db "select count(*) from coded where run_id = $run")" -gt 0 &&
	qcode --db p.db code --only-new >out &&
	grep -q "^removed run $run, which stopped before it finished$" out &&
	! qcode --db p.db runs | grep -q "	stopped	" &&
	test "$(q p.db "select count(*) from coded where run_id = $run")" = 0
'

test_done
