#!/bin/sh
# Test plan: robustness -- SIGKILL at random moments during import, code
# and decide (a short run of tests/crash/kill.sh: integrity, every decision
# reported saved is there, no half import); coding while another process
# decides; a catastrophic regex stops with a message naming the rule; a
# lexicon of 100,000 entries loads and codes; answers of 1 MB that repeat
# what the matcher pairs, drops, closes or expands are coded in time
# linear in their length (a guard against a hang, no timing); a damaged
# word-list image is said so and made anew, and a start killed while it
# makes the image leaves no stray file; the documented limits:
# answers over 64 MiB, more than 10,000 columns, files that are not what
# their name says, a directory as input, output to a full disk.
. "$(dirname "$0")/lib.sh"

test_expect_success 'SIGKILL during import, code and decide loses nothing' '
	"$TEST_ROOT/tests/crash/kill.sh" 9 7 >out; rc=$?; cat out; test $rc = 0 &&
	grep -q "^9 trials .*; 0 problems$" out
'

test_expect_success 'coding while another process decides: both succeed or say busy' '
	"$TEST_ROOT/scripts/gen-corpus" 3000 --format csv >c.csv &&
	qcode --db p.db import c.csv >/dev/null || exit 1
	qcode --db p.db code -j 2 >code.out 2>code.err & pid=$!
	n=0; for i in $(seq 1 20); do qcode --db p.db decide a$i +regie --coder x >/dev/null 2>>d.err && n=$((n + 1)); done
	wait $pid; crc=$?
	test $crc = 0 || grep -q "is busy" code.err &&
	test "$(python3 -c "import sqlite3; print(sqlite3.connect(\"p.db\").execute(\"pragma integrity_check\").fetchone()[0])")" = ok &&
	test "$(python3 -c "import sqlite3; print(sqlite3.connect(\"p.db\").execute(\"select count(*) from decisions\").fetchone()[0])")" = $n &&
	{ test ! -s d.err || grep -q "is busy" d.err; }
'

test_expect_success 'a catastrophic regex stops with an error naming the rule' '
	mkdir lex && printf "%%key t\n/(a+)+\$/\n" >lex/t.lex &&
	python3 -c "print(\"a\" * 5000 + \"!\")" >a.txt &&
	qcode --lexicons lex code <a.txt >/dev/null 2>err; test $? = 3 &&
	grep -q "^qcode: error: lex/t.lex:2: regex '\''/(a+)+\$/'\'' of theme '\''t'\'' stopped: match limit exceeded$" err
'

test_expect_success 'a lexicon of 100,000 entries loads and codes' '
	mkdir big && python3 -c "
print(\"%key big\")
for i in range(100000): print(\"woord%d\" % i)
print(\"regie\")" >big/big.lex &&
	echo "Geen regie en woord99999" | qcode --lexicons big code >out &&
	grep -q "\"rule\":\"woord99999\"" out && grep -q "\"rule\":\"regie\"" out
'

# one answer of about 1 MB repeating PATTERN, coded with adv-lex/ under a
# guard of 10 s (each takes well under a second; pairing every occurrence
# with every other, as the matcher once did, took from 5 s to minutes);
# prints "theme/rule count" for the evidence, sorted
adversarial() {
	python3 -c "import sys; p = sys.argv[1]; print(p * (1000000 // len(p)))" "$1" >adv.txt &&
	timeout 10 qcode --lexicons adv-lex code <adv.txt >adv.jsonl &&
	python3 -c "
import collections, json, sys
for l in sys.stdin:
    c = collections.Counter(e[\"theme\"] + \"/\" + e[\"rule\"] for e in json.loads(l)[\"evidence\"])
    for k in sorted(c): print(k, c[k])" <adv.jsonl
}

test_expect_success 'answers of 1 MB built to be slow are coded, every match found' '
	mkdir adv-lex && cat >adv-lex/t.lex <<-\EOF &&
	%key t
	%group a kennis regie
	%group b privacy*
	@a NEAR/2 @b
	kennis BEFORE/1 regie
	!kennisgeving
	kennis
	privacy*
	=wetgeving
	EOF
	adversarial "kennis regie privacywetgeving " >out &&
	printf "%s\n" "t/=wetgeving 33333" "t/@a NEAR/2 @b 66666" "t/kennis 33333" "t/kennis BEFORE/1 regie 33333" \
		"t/privacy* 33333" >want && diff -u want out &&
	adversarial "privacy. " >out && echo "t/privacy* 111111" >want && diff -u want out &&
	adversarial "kennisgeving kennis " >out && echo "t/kennis 50000" >want && diff -u want out &&
	adversarial "wet- en " >out && test ! -s out &&
	adversarial "wet- en wetgeving, " >out && echo "t/=wetgeving 105262" >want && diff -u want out
'

test_expect_success 'a damaged word-list image is said so once, made anew, and codes as before' '
	mkdir cache && export QCODE_CACHE=$PWD/cache &&
	qcode code --in-format csv <"$CORPUS/answers.csv" >want &&
	img=$(ls "$QCODE_CACHE"/vocab-*.img) &&
	python3 -c "
import os, random, sys
random.seed(1)
with open(sys.argv[1], \"r+b\") as f:
    f.seek(4 << 20); f.write(bytes(random.getrandbits(8) for _ in range(2 << 20)))" "$img" &&
	qcode code --in-format csv <"$CORPUS/answers.csv" >got 2>err &&
	echo "qcode: warning: the word list'\''s image '\''$img'\'' is damaged (its checksum does not match its contents); making it anew" >want.err &&
	diff -u want.err err && diff -u want got &&
	qcode code --in-format csv <"$CORPUS/answers.csv" >got 2>err && test ! -s err && diff -u want got
'

test_expect_success 'a first start killed while it makes the image leaves no stray file' '
	export QCODE_CACHE=$PWD/cache2 &&
	for delay in 0.02 0.05 0.1 0.2 0.3 0.45; do
		rm -rf cache2 &&
		{ echo regie | qcode code >/dev/null 2>&1 & pid=$!; } &&
		sleep $delay && kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
		echo regie | qcode code >out 2>err && grep -q "\"primary\":\"regie\"" out && test ! -s err &&
		ls cache2 >files && test "$(sed "s/[0-9a-f]\{16\}/H/" files)" = vocab-H.img ||
		{ echo "killed after $delay s:"; cat files err; exit 1; }
	done
'

test_expect_success 'an answer over 64 MiB: exit 3 and the limit' '
	python3 -c "import sys; sys.stdout.write(\"a\" * (65 << 20))" >huge.txt &&
	expect_error 3 "<stdin>:1: answer of 68157440 bytes is over the limit of 64 MiB" qcode code <huge.txt &&
	{ echo id,text; printf "1,"; cat huge.txt; echo; } >huge.csv &&
	expect_error 3 "huge.csv:2: answer of 68157440 bytes in column '\''text'\'' is over the limit of 64 MiB" qcode --db h.db import huge.csv
'

test_expect_success 'more than 10,000 columns: exit 3' '
	python3 -c "print(\",\".join(\"c%d\" % i for i in range(10001)))" >wide.csv &&
	expect_error 3 "wide.csv:1: more than 10000 columns" qcode --db w.db import wide.csv
'

test_expect_success 'files that are not what their name says; a directory' '
	cp "$TEST_ROOT/corpus/digitaal2017/answers.csv" fake.sav &&
	qcode --db f.db import fake.sav 2>err; test $? = 3 && grep -q "cannot read '\''fake.sav'\'' as an SPSS .sav file" err &&
	head -c 2000 /usr/bin/qcode 2>/dev/null >bin.csv || head -c 2000 "$TEST_ROOT/qcode" >bin.csv
	qcode --db f.db import bin.csv 2>err; test $? = 3 &&
	mkdir dir.csv && qcode --db f.db import dir.csv 2>err; test $? = 5 && grep -q "Is a directory" err
'

test_expect_success 'inputs the fuzzers found: a .sav variable without a name' '
	for f in "$TEST_ROOT"/tests/fuzz/regress/*.sav; do
		qcode --db r.db import --id ID --text TEXT "$f" >/dev/null 2>err; rc=$?
		test $rc = 0 || test $rc = 3 || { echo "$f: exit $rc"; cat err; exit 1; }
	done
'

test_done
