#!/bin/sh
# Test plan: scripts/qcode-cluster with GNU parallel -- a project of 3,000
# answers coded in blocks on several local job slots, and on two "hosts"
# through parallel's -S with an --ssh command that runs the job here (so
# parallel's remote machinery -- the blocks sent over the ssh command, the
# quoting of a lexicon path with a space in it, the order -- is exercised
# without a network): each imported run equals `qcode code` on one machine
# answer for answer (themes, scores, primary) and span for span, `diff`
# shows no change, and the work folder is gone. A block whose job is
# killed (locally, and on a host) makes the whole import fail: exit 5,
# the project as it was; the codes the other blocks made are refused by
# import-codes too, as answers are missing.
. "$(dirname "$0")/lib.sh"

CLUSTER=$TEST_ROOT/scripts/qcode-cluster
q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
dump() {
	python3 - "$1" <<-'PY'
	import sqlite3, sys
	c = sqlite3.connect(sys.argv[1])
	for (t,) in c.execute("select name from sqlite_master where type = 'table' order by name"):
	    for r in sorted(map(repr, c.execute("select * from %s" % t))):
	        print(t, r)
	PY
}
# runs a and b agree on every answer: coded, themes with scores and
# primary, evidence spans
same_run() {
	python3 - p.db "$1" "$2" <<-'PY'
	import sqlite3, sys
	c = sqlite3.connect(sys.argv[1])
	a, b = int(sys.argv[2]), int(sys.argv[3])
	for table, cols in (("coded", "1"), ("codes", "theme, score, is_primary"),
	                    ("evidence", "theme, rule_id, start, end")):
	    def rows(run):
	        return sorted(c.execute("select x.ext_id, %s from %s t join answers x on x.id = t.answer_id"
	                                " where t.run_id = ?" % (cols, table), (run,)))
	    ra, rb = rows(a), rows(b)
	    print(table, len(ra), len(rb))
	    if ra != rb or not ra:
	        sys.exit(1)
	PY
}

test_expect_success 'setup: a project of 3,000 answers coded on one machine; ssh and a killer' '
	"$TEST_ROOT/scripts/gen-corpus" 3000 --seed 7 --format csv >answers.csv &&
	qcode --db p.db import --group groep answers.csv >/dev/null &&
	qcode --db p.db code >/dev/null &&
	cp -r "$TEST_ROOT/lexicons" "my lexicons" &&
	cat >ssh <<-\EOF &&
	#!/bin/sh
	# ssh that runs the command here: the host is noted and dropped
	while [ $# -gt 0 ]; do
		case $1 in
		-l|-p|-o|-i|-F) shift 2 ;;
		--) shift; break ;;
		-*) shift ;;
		*) echo "$1" >>"${0%/*}/hosts.log"; shift; [ "${1-}" = -- ] && shift; break ;;
		esac
	done
	exec sh -c "$*"
	EOF
	cat >killer <<-\EOF &&
	#!/bin/sh
	# qcode, but the job of block 2 codes three answers and is killed
	if [ "$PARALLEL_SEQ" = 2 ]; then
		head -n 3 | qcode "$@"
		kill -KILL $$
	fi
	exec qcode "$@"
	EOF
	chmod +x ssh killer &&
	test "$(q p.db "select answers from runs where id = 1")" = 3000
'

test_expect_success 'several local job slots: the same run as on one machine' '
	"$CLUSTER" --db p.db --block 100k -j 3 --lexicons "my lexicons" >out 2>err &&
	grep -q "^coding 3000 answers of p.db in blocks of 100k$" err &&
	grep -q "^run 2: imported the codes of 3000 answers, [0-9]* with a theme, from p.db.cluster.[^/]*/codes.jsonl (lexicon [0-9a-f]\{12\})$" out &&
	same_run 1 2 &&
	qcode --db p.db diff 1 2 >d 2>derr &&
	grep -q "^0 answers changed" derr &&
	test -z "$(ls -d p.db.cluster.* 2>/dev/null)"
'

test_expect_success 'the answers were many blocks' '
	qcode --db p.db export --format jsonl | wc -c >bytes &&
	test "$(cat bytes)" -gt 800000
'

test_expect_success 'two hosts through -S and --ssh, with no SHELL set: the same run again' '
	env -u SHELL "$CLUSTER" --db p.db --block 100k -S 2/hostA,2/hostB --ssh "$PWD/ssh" --lexicons "$PWD/my lexicons" >out 2>err &&
	grep -q "^coding 3000 answers of p.db in blocks of 100k on 2/hostA,2/hostB$" err &&
	grep -q "^run 3: imported the codes of 3000 answers" out &&
	grep -q "^hostA$" hosts.log && grep -q "^hostB$" hosts.log &&
	same_run 1 3 &&
	qcode --db p.db diff 1 3 >d 2>derr &&
	grep -q "^0 answers changed" derr
'

test_expect_success 'a killed block: exit 5, nothing imported, the project as it was' '
	dump p.db >before &&
	"$CLUSTER" --db p.db --block 100k -j 3 --qcode "$PWD/killer" --work w1 >out 2>err; test $? = 5 &&
	tail -n 1 err >last &&
	echo "qcode-cluster: error: a block of the coding failed (parallel exited with $(sed -n "s/.*(parallel exited with \([0-9]*\)).*/\1/p" last)), so no codes were imported and '\''p.db'\'' is as it was; the answers and the codes made are in w1" >want &&
	diff -u want last &&
	! grep -q "^run " out &&
	dump p.db | diff -u before - &&
	test "$(wc -l <w1/codes.jsonl)" -lt 3000
'

test_expect_success 'the codes of the other blocks are refused by import-codes too' '
	qcode --db p.db import-codes w1/codes.jsonl 2>err; test $? = 3 &&
	grep -q "^qcode: error: w1/codes.jsonl: [0-9]* answers of the project have no codes in it (the first: " err &&
	dump p.db | diff -u before -
'

test_expect_success 'a block killed on a host: exit 5, the project as it was' '
	"$CLUSTER" --db p.db --block 100k -S 1/hostA,2/hostB --ssh "$PWD/ssh" --qcode "$PWD/killer" --work w2 >out 2>err; test $? = 5 &&
	tail -n 1 err | grep -q "^qcode-cluster: error: a block of the coding failed (parallel exited with [0-9]*), so no codes were imported" &&
	dump p.db | diff -u before - &&
	qcode --db p.db runs | tail -n 1 | grep -q "^3	"
'

test_done
