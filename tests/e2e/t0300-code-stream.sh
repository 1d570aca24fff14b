#!/bin/sh
# Test plan: `qcode code` as a shell filter -- no database; the golden codes
# of the corpus; lines, CSV, TSV and JSONL in; JSONL, TSV and CSV out; one
# record out per record in, in order, also with -j 2; an .xlsx and a .sav
# on standard input; bad input (invalid
# UTF-8 names the line, a missing column lists the columns, a full disk).
. "$(dirname "$0")/lib.sh"
G=$TEST_ROOT/tests/golden

test_expect_success 'the corpus codes as the golden file says, with no database' '
	qcode code --stdin --in-format csv <"$CORPUS/answers.csv" >codes.jsonl &&
	diff -u "$G/corpus-codes.jsonl" codes.jsonl &&
	test ! -e qcode.db
'

test_expect_success 'every 3.7 answer gets the report heading as primary, 3.1 answers none' '
	python3 - "$CORPUS/gold.csv" codes.jsonl <<-PY
	import csv, json, sys
	gold = {r["id"]: r["theme"] for r in csv.DictReader(open(sys.argv[1])) if r["primary"] == "1"}
	got = {}
	for line in open(sys.argv[2]):
	    r = json.loads(line)
	    got[r["id"]] = r["primary"]
	bad = [(i, gold.get(i), p) for i, p in got.items() if gold.get(i) != p]
	print(bad)
	sys.exit(1 if bad or len(got) != 22 else 0)
	PY
'

test_expect_success 'plain lines in: ids are line numbers, empty lines kept' '
	printf "Privacywetgeving knelt enorm.\n\nGeen regie.\n" | qcode code >out &&
	test "$(wc -l <out)" = 3 &&
	sed -n 1p out | grep -q "^{\"id\":\"1\",\"primary\":\"wetgeving\"" &&
	sed -n 2p out | grep -q "^{\"id\":\"2\",\"primary\":null,\"themes\":\[\]" &&
	sed -n 3p out | grep -q "^{\"id\":\"3\",\"primary\":\"regie\""
'

test_expect_success 'evidence carries theme, rule, byte span and matched text' '
	printf "De AVG en ICT-contracten\n" | qcode code >out &&
	grep -q "{\"theme\":\"wetgeving\",\"rule\":\"=avg\",\"start\":3,\"end\":6,\"text\":\"AVG\"}" out &&
	grep -q "{\"theme\":\"contracten_ict\",\"rule\":\"contract\",\"start\":10,\"end\":24,\"text\":\"ICT-contracten\"}" out
'

test_expect_success 'TSV and CSV out have a header and one row per answer' '
	qcode code - --in-format csv --out-format tsv <"$CORPUS/answers.csv" >out.tsv &&
	head -1 out.tsv | grep -q "^id	primary	themes	scores	evidence$" &&
	test "$(wc -l <out.tsv)" = 23 &&
	grep -q "^d37-04	wetgeving	wetgeving	wetgeving=5	" out.tsv &&
	qcode code - --in-format csv --out-format csv <"$CORPUS/answers.csv" >out.csv &&
	head -1 out.csv | grep -q "^id,primary,themes,scores,evidence$"
'

test_expect_success 'TSV and JSONL in, with --text and --id' '
	printf "nr\tantwoord\na7\tTe weinig kennis\n" | qcode code - --in-format tsv --text antwoord --id nr >out &&
	grep -q "^{\"id\":\"a7\",\"primary\":\"kennis\"" out &&
	printf "{\"id\": 9, \"text\": \"Geen regie\"}\n" | qcode code - --in-format jsonl >out &&
	grep -q "^{\"id\":\"9\",\"primary\":\"regie\"" out
'

test_expect_success '-j 2 gives the same output in the same order as -j 1' '
	for i in $(seq 1 300); do sed 1d "$CORPUS/answers.csv"; done >many.csv &&
	sed -i "1i id,paragraph,heading,org_type,text" many.csv &&
	qcode code - --in-format csv -j 1 <many.csv >j1 &&
	qcode code - --in-format csv -j 2 <many.csv >j2 &&
	test "$(wc -l <j1)" = 6600 && cmp j1 j2
'

test_expect_success 'plain lines over many blocks: -j 2 and -j 6 as -j 1, line numbers run on' '
	for i in $(seq 1 400); do cut -d, -f5- "$CORPUS/answers.csv" | sed 1d; done >many.txt &&
	test "$(wc -c <many.txt)" -gt 600000 &&
	qcode code -j 1 <many.txt >l1 &&
	qcode code -j 2 <many.txt >l2 &&
	cat many.txt | qcode code -j 2 >l3 &&
	qcode code -j 6 <many.txt >l4 &&
	test "$(wc -l <l1)" = "$(wc -l <many.txt)" && cmp l1 l2 && cmp l1 l3 && cmp l1 l4 &&
	n=$(wc -l <many.txt) &&
	tail -n 1 l1 | grep -q "^{\"id\":\"$n\"" &&
	qcode code -j 1 --out-format tsv <many.txt | cut -f1 | sed 1d >ids &&
	seq 1 "$n" | cmp - ids
'

test_expect_success 'plain lines: BOM, CRLF and a last line without its end' '
	printf "\357\273\277Geen regie\r\nTe weinig kennis" | qcode code >out &&
	test "$(wc -l <out)" = 2 &&
	sed -n 1p out | grep -q "^{\"id\":\"1\",\"primary\":\"regie\"" &&
	sed -n 2p out | grep -q "^{\"id\":\"2\",\"primary\":\"kennis\"" &&
	! grep -q "\\\\r" out
'

test_expect_success 'a bad line in a later block: the lines before it are written, none after' '
	{ sed -n 1,8000p many.txt; printf "fout \377\n"; sed -n 1,8000p many.txt; } >bad-late.txt &&
	for j in 2 6; do
		qcode code -j $j <bad-late.txt >out 2>err; test $? = 3 &&
		grep -q "<stdin>:8001: invalid UTF-8" err &&
		test "$(wc -l <out)" = 8000 &&
		head -n 8000 l1 | cmp - out || return 1
	done
'

test_expect_success 'interactive: each answer is written before the next is read' '
	mkfifo in || exit 1
	{ echo "Geen regie"; until [ -s out ]; do sleep 0.05; done; echo "Te weinig kennis"; } >in &
	qcode code <in >out &&
	test "$(wc -l <out)" = 2 && sed -n 2p out | grep -q "\"primary\":\"kennis\""
'

test_expect_success 'invalid UTF-8 in the stream: exit 3 and the line' '
	printf "goed\nfout \377\n" >bad.txt &&
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 5 of the answer (is the input Windows-1252? try --encoding cp1252, or --lenient to replace invalid bytes)" qcode code - <bad.txt &&
	qcode code - --lenient <bad.txt >out 2>err && test "$(wc -l <out)" = 2
'

test_expect_success 'a missing text column: exit 3 and the columns there are' '
	printf "nr,antwoord\n1,x\n" >t.csv &&
	expect_error 3 "qcode: error: <stdin>: no column '\''text'\'' (name the answers'\'' column with --text COL); the columns are: nr, antwoord" qcode code - --in-format csv <t.csv
'

test_expect_success 'malformed CSV in the stream: exit 3 and the row' '
	printf "id,text\n1,\"open\n" >m.csv &&
	expect_error 3 "<stdin>:2: unterminated quoted field" qcode code - --in-format csv <m.csv
'

test_expect_success 'a full disk: exit 5 and a message' '
	printf "regie\n" | qcode code - >/dev/full 2>err; test $? = 5 &&
	grep -q "^qcode: error: cannot write '\''stdout'\'': No space left on device$" err
'

test_expect_success 'an .xlsx workbook and an SPSS .sav on standard input code as their CSV does' '
	qcode --db w.db import "$CORPUS/answers.csv" >/dev/null &&
	qcode --db w.db export -o w.xlsx >/dev/null && qcode --db w.db export -o w.sav >/dev/null &&
	rm w.db &&
	qcode code - --in-format xlsx <w.xlsx >x.jsonl &&
	diff -u "$G/corpus-codes.jsonl" x.jsonl &&
	cat w.sav | qcode code - --in-format sav >s.jsonl &&
	diff -u "$G/corpus-codes.jsonl" s.jsonl &&
	test ! -e qcode.db
'

test_expect_success 'unknown formats and bad -j: exit 2' '
	qcode code - --in-format xml </dev/null 2>err; test $? = 2 &&
	grep -q "unknown input format '\''xml'\'' (use lines, csv, tsv, jsonl, xlsx or sav)" err &&
	qcode code - -j 0 </dev/null 2>err; test $? = 2
'

test_done
