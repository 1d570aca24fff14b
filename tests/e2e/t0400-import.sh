#!/bin/sh
# Test plan: `qcode import` -- CSV (Dutch Excel: ';', cp1252 and the byte
# it leaves undefined, named by its row far into the file), TSV, JSONL
# and SPSS .sav; group variables; the database (mode 0600, WAL, schema
# version); all or nothing on every kind of bad input (the database is
# unchanged after it); duplicate ids; --encoding refused but for utf-8 by
# the formats with an encoding of their own (JSONL, .xlsx, .sav: by
# --format or the file's name), an unknown one refused before the file is
# opened (exit 2, nothing stored); an unwritable or read-only database;
# two writers at once.
. "$(dirname "$0")/lib.sh"

count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
USAGE="usage: qcode import [--format csv|tsv|jsonl|xlsx|sav] [--id COL] [--text COL] [--group COL]...
                    [--delimiter C] [--encoding utf-8|cp1252|latin1] [--source NAME]
                    [--sheet NAME] [--header-rows N] [--questions SURVEY.lss|.txt]
                    [--replace | --skip-existing] FILE"

test_expect_success 'import the corpus with group variables' '
	qcode --db p.db import --group paragraph --group heading "$CORPUS/answers.csv" >out &&
	test "$(head -1 out)" = "imported 22 answers from $CORPUS/answers.csv (csv)" &&
	test "$(sed -n 2p out)" = "not kept: org_type (keep a column for tables and --where with --group COL)" &&
	test "$(count p.db "select count(*) from answers")" = 22 &&
	test "$(count p.db "select value from attributes a join answers b on b.id=a.answer_id where ext_id='\''d37-04'\'' and name='\''heading'\''")" = "Wetgeving"
'

test_expect_success 'the database is private (0600), WAL, schema version 3' '
	test "$(stat -c %a p.db)" = 600 &&
	test "$(count p.db "pragma journal_mode")" = wal &&
	test "$(count p.db "pragma user_version")" = 3
'

test_expect_success 'the import is recorded with its SHA-256' '
	test "$(count p.db "select sha256 from imports")" = "$(sha256sum "$CORPUS/answers.csv" | cut -d" " -f1)"
'

test_expect_success 'the SHA-256 is of the whole file, read once: large, from standard input, .sav' '
	"$TEST_ROOT/scripts/gen-corpus" 3000 --format csv >big.csv &&
	qcode --db h1.db import big.csv >/dev/null &&
	test "$(count h1.db "select sha256 from imports")" = "$(sha256sum big.csv | cut -d" " -f1)" &&
	qcode --db h2.db import --format csv - <big.csv >out &&
	grep -q "^imported 3000 answers from - (csv)$" out &&
	test "$(count h2.db "select sha256 from imports")" = "$(sha256sum big.csv | cut -d" " -f1)" &&
	: >empty.csv &&
	expect_error 3 "qcode: error: '\''empty.csv'\'' is empty" qcode --db h3.db import empty.csv &&
	! test -e h3.db
'

test_expect_success 'a duplicate id: exit 3, the row, nothing imported' '
	printf "id,text\nnew1,a\nd37-01,b\n" >dup.csv &&
	expect_error 3 "dup.csv:3: id '\''d37-01'\'' is already in the project (use --replace or --skip-existing)" qcode --db p.db import dup.csv &&
	test "$(count p.db "select count(*) from answers")" = 22 &&
	test "$(count p.db "select count(*) from imports")" = 1
'

test_expect_success '--skip-existing and --replace' '
	qcode --db p.db import --skip-existing dup.csv >out &&
	grep -q "imported 1 answer from .*, 1 already present and skipped" out &&
	qcode --db p.db import --replace dup.csv >out &&
	grep -q ", 2 replaced" out &&
	test "$(count p.db "select text from answers where ext_id='\''d37-01'\''")" = b
'

test_expect_success 'an id twice in one file: exit 3' '
	printf "id,text\nx,a\nx,b\n" >twice.csv &&
	expect_error 3 "twice.csv:3: duplicate id '\''x'\'' in this file" qcode --db p.db import --replace twice.csv
'

test_expect_success 'Dutch Excel export: semicolons and cp1252; a UTF-8 BOM' '
	printf "id;tekst;afdeling\n1;financi\353le middelen;Burgerzaken\n" >excel2.csv &&
	qcode --db e.db import --text tekst --group afdeling --encoding cp1252 excel2.csv >/dev/null &&
	test "$(count e.db "select text from answers")" = "financiële middelen" &&
	printf "\357\273\277id;text\nb1;co\303\266rdinatie\n" >bom.csv &&
	qcode --db b.db import bom.csv >/dev/null &&
	test "$(count b.db "select ext_id || text from answers")" = "b1coördinatie"
'

test_expect_success 'cp1252 without --encoding: exit 3 with a hint' '
	expect_error 3 "excel2.csv:2: invalid UTF-8 at byte offset 7 of the answer in column '\''tekst'\'' (is the file Windows-1252? try --encoding cp1252)" qcode --db e2.db import --text tekst excel2.csv &&
	! test -e e2.db
'

test_expect_success 'a byte cp1252 leaves undefined: exit 3, its row and column, nothing imported' '
	{ printf "id;tekst\n"; for i in $(seq 2 5000); do echo "$i;financi\353le middelen nummer $i"; done
	  printf "5001;caf\351 \201\n5002;x\n"; } >undefined.csv &&
	expect_error 3 "undefined.csv:5001: byte 0x81 in column '\''tekst'\'' is not a character in cp1252" \
		qcode --db u.db import --text tekst --encoding cp1252 undefined.csv &&
	! test -e u.db
'

test_expect_success 'malformed CSV: unterminated quote and ragged row, database unchanged' '
	printf "id,text\n1,ok\n2,\"open\n" >open.csv &&
	expect_error 3 "open.csv:3: unterminated quoted field" qcode --db p.db import open.csv &&
	printf "id,text\n1,ok\n2,a,b\n" >ragged.csv &&
	expect_error 3 "ragged.csv:3: this row has 3 fields, the header has 2" qcode --db p.db import ragged.csv &&
	test "$(count p.db "select count(*) from answers")" = 23
'

test_expect_success 'a missing column: exit 3 and the columns that exist' '
	expect_error 3 "qcode: error: $CORPUS/answers.csv: no column '\''antwoord'\''; the columns are: id, paragraph, heading, org_type, text" qcode --db p.db import --text antwoord "$CORPUS/answers.csv"
'

test_expect_success 'JSONL: objects import, a line that is not an object fails whole' '
	printf "{\"id\":\"j1\",\"text\":\"Geen regie\",\"org\":\"gemeente\"}\n{\"id\":\"j2\",\"text\":\"x\"}\n" >a.jsonl &&
	qcode --db j.db import --group org a.jsonl >/dev/null &&
	test "$(count j.db "select count(*) from answers")" = 2 &&
	printf "{\"id\":\"j3\",\"text\":\"y\"}\n[1]\n" >b.jsonl &&
	expect_error 3 "b.jsonl:2: not a JSON object (each line must be {...})" qcode --db j.db import b.jsonl &&
	test "$(count j.db "select count(*) from answers")" = 2
'

test_expect_success 'SPSS .sav: export and import again, value labels resolved' '
	qcode --db p.db code >/dev/null &&
	qcode --db p.db export --format sav -o p.sav &&
	qcode --db s.db import --group heading --group wetgeving p.sav >out &&
	grep -q "^imported 23 answers from p.sav (sav)$" out &&
	test "$(count s.db "select sha256 from imports")" = "$(sha256sum p.sav | cut -d" " -f1)" &&
	test "$(count s.db "select value from attributes a join answers b on b.id=a.answer_id where ext_id='\''d37-04'\'' and name='\''wetgeving'\''")" = ja
'

test_expect_success 'a truncated .sav: exit 3, nothing imported' '
	head -c 600 p.sav >cut.sav &&
	qcode --db t.db import cut.sav 2>err; test $? = 3 &&
	grep -q "^qcode: error: cannot read '\''cut.sav'\'' as an SPSS .sav file: " err &&
	! test -e t.db
'

test_expect_success 'a .sav written by PSPP: a bad case named by its number; from standard input' '
	cat >mk.sps <<-\EOF &&
	DATA LIST LIST /id (A8) text (A200) groep (F1).
	BEGIN DATA
	a1 "Wetgeving knelt" 1
	a2 "Geen regie" 2
	a2 "Te weinig kennis" 1
	END DATA.
	VALUE LABELS groep 1 "gemeente" 2 "rijk".
	VARIABLE LABELS text "Waarom is Digitaal 2017 niet gehaald?".
	SAVE OUTFILE="dup.sav".
	SELECT IF (text NE "Te weinig kennis").
	SAVE OUTFILE="ok.sav".
	EOF
	pspp mk.sps >/dev/null &&
	expect_error 3 "dup.sav:3: duplicate id '\''a2'\'' in this file" qcode --db dup.db import --group groep dup.sav &&
	! test -e dup.db &&
	qcode --db ok.db import --format sav --group groep - <ok.sav >out &&
	grep -q "^imported 2 answers from - (sav)$" out &&
	test "$(count ok.db "select group_concat(b.ext_id || '\''='\'' || a.value, '\'' '\'') from attributes a join answers b on b.id = a.answer_id where name = '\''groep'\''")" = "a1=gemeente a2=rijk" &&
	test "$(count ok.db "select label from questions where role = '\''text'\''")" = "Waarom is Digitaal 2017 niet gehaald?" &&
	test "$(count ok.db "select sha256 from imports")" = "$(sha256sum ok.sav | cut -d" " -f1)"
'

# what p.db holds: "23 answers, 4 imports"
holds() { count p.db "select (select count(*) from answers) || ' answers, ' || (select count(*) from imports) || ' imports'"; }
# refused NAME FORMAT WHY IMPORT-ARGS...: exit 2 and the exact message, p.db
# holds what it held, and a new project is not made
refused() {
	name=$1 fmt=$2 why=$3
	shift 3
	before=$(holds) && test -n "$before" &&
	expect_error 2 "qcode: error: --encoding $name does not apply to $fmt: $why
$USAGE" qcode --db p.db import "$@" &&
	test "$(holds)" = "$before" &&
	expect_error 2 "qcode: error: --encoding $name does not apply to $fmt: $why
$USAGE" qcode --db new.db import "$@" &&
	! test -e new.db
}

test_expect_success 'JSONL, .xlsx and .sav refuse an encoding but utf-8: exit 2, nothing stored' '
	qcode --db p.db export --format xlsx -o p.xlsx &&
	cp a.jsonl a.ndjson && cp a.jsonl records.csv &&
	test "$(count p.db "select count(*) from answers")" = 23 &&
	JSONL="JSON is UTF-8 by definition" &&
	refused cp1252 jsonl "$JSONL" --encoding cp1252 a.jsonl &&
	refused latin1 jsonl "$JSONL" --encoding latin1 a.ndjson &&
	refused cp1252 jsonl "$JSONL" --format jsonl --encoding Windows-1252 records.csv &&
	refused cp1252 jsonl "$JSONL" --encoding cp1252 --format jsonl - <a.jsonl &&
	XLSX="an .xlsx workbook is UTF-8 XML" &&
	refused cp1252 xlsx "$XLSX" --encoding cp1252 p.xlsx &&
	refused latin1 xlsx "$XLSX" --format xlsx --encoding latin1 - <p.xlsx &&
	SAV="a .sav records its own encoding, which ReadStat converts to UTF-8" &&
	refused latin1 sav "$SAV" --encoding latin1 p.sav &&
	refused cp1252 sav "$SAV" --encoding cp1252 --format sav - <p.sav &&
	test "$(count p.db "select count(*) from answers")" = 23
'

test_expect_success '--encoding utf-8 is taken by every format' '
	qcode --db u8.db import --encoding utf-8 a.jsonl >out &&
	test "$(cat out)" = "imported 2 answers from a.jsonl (jsonl)" &&
	qcode --db u8x.db import --encoding UTF-8 p.xlsx >out &&
	test "$(head -1 out)" = "imported 23 answers from p.xlsx (xlsx)" &&
	qcode --db u8s.db import --encoding utf8 --format sav - <p.sav >out &&
	test "$(head -1 out)" = "imported 23 answers from - (sav)" &&
	qcode --db u8c.db import --encoding utf-8 "$CORPUS/answers.csv" >out &&
	test "$(count u8c.db "select count(*) from answers")" = 22
'

test_expect_success 'an unknown encoding: exit 2 before the file is opened, nothing stored' '
	for f in a.jsonl "$CORPUS/answers.csv" p.sav missing.csv; do
		expect_error 2 "qcode: error: unknown encoding '\''utf16'\'' (use utf-8, cp1252 or latin1)
$USAGE" qcode --db p.db import --encoding utf16 "$f" || return 1
	done &&
	test "$(count p.db "select count(*) from answers")" = 23 &&
	expect_error 2 "qcode: error: unknown encoding '\''ascii'\'' (use utf-8, cp1252 or latin1)
$USAGE" qcode --db new.db import --encoding ascii --format jsonl - <a.jsonl &&
	! test -e new.db
'

test_expect_success 'JSONL that is not UTF-8: exit 3, no --encoding offered' '
	printf "{\"id\":\"w1\",\"text\":\"caf\351\"}\n" >cp.jsonl &&
	expect_error 3 "cp.jsonl:1: invalid UTF-8 at byte offset 22 of the record" qcode --db p.db import cp.jsonl &&
	test "$(count p.db "select count(*) from answers")" = 23
'

test_expect_success 'a file without id or text columns: the import says which to name' '
	printf "Respondent;Antwoord\nr1;Geen regie\nr2;Wetgeving knelt\n" >enq.csv &&
	expect_error 3 "qcode: error: enq.csv: no column '\''text'\'' (name the answers'\'' column with --text COL); the columns are: Respondent, Antwoord" qcode --db enq1.db import enq.csv &&
	! test -e enq1.db &&
	qcode --db enq1.db import --text Antwoord enq.csv >out &&
	test "$(sed -n 2p out)" = "the answers'\'' ids are the row numbers of enq.csv, which has no column '\''id'\'': name the respondents'\'' column with --id COL to keep theirs" &&
	qcode --db enq2.db import --text Antwoord --id Respondent enq.csv >out &&
	test "$(cat out)" = "imported 2 answers from enq.csv (csv)"
'

test_expect_success 'an unwritable database path: exit 4' '
	expect_error 4 "qcode: error: cannot open database '\''/nonexistent/p.db'\'': No such file or directory" qcode --db /nonexistent/p.db import a.jsonl
'

test_expect_success 'a read-only database: exit 4, nothing changed' '
	cp p.db ro.db && chmod 400 ro.db &&
	if [ "$(id -u)" = 0 ]; then chattr +i ro.db 2>/dev/null || { echo "# root: chmod does not stop root; skipped"; exit 0; }; fi &&
	qcode --db ro.db import a.jsonl 2>err; rc=$?; chattr -i ro.db 2>/dev/null; test $rc = 4
'

test_expect_success 'a second writer waits, or says the database is busy' '
	python3 -c "import sqlite3,time; c=sqlite3.connect(\"p.db\", isolation_level=None); c.execute(\"BEGIN IMMEDIATE\"); open(\"locked\",\"w\").close(); time.sleep(3)" &
	while [ ! -e locked ]; do sleep 0.1; done &&
	QCODE_BUSY_TIMEOUT_MS=200 qcode --db p.db import --skip-existing a.jsonl 2>err; rc=$?
	wait
	test $rc = 4 && grep -q "database '\''p.db'\'' is busy (another qcode is writing it); try again" err &&
	qcode --db p.db import --skip-existing a.jsonl >/dev/null &
	qcode --db p.db import --skip-existing "$CORPUS/answers.csv" >/dev/null; r2=$?
	wait $! && test $r2 = 0 &&
	test "$(count p.db "pragma integrity_check")" = ok
'

test_expect_success 'no file, a directory, an unknown extension: clear messages' '
	expect_error 2 "qcode: error: import needs a file
$USAGE" qcode --db p.db import &&
	echo x >a.xyz &&
	qcode --db p.db import a.xyz 2>err; test $? = 2 && grep -q "cannot tell the format of '\''a.xyz'\''" err &&
	expect_error 5 "qcode: error: cannot open '\''missing.csv'\'': No such file or directory" qcode --db p.db import missing.csv
'

test_done
