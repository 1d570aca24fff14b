#!/bin/sh
# Test plan: text that is not UTF-8 gets one message from every command
# that reads answers -- the file, the line or row, the column, the byte
# offset, and only a way out the command has: code (lines, CSV, JSON
# Lines; the answer and the id; --encoding offered where the format takes
# it), import (the answer, the id, a group, a JSON line; --encoding
# offered where the format takes it, no hint once it is given), review --import (a cell of the sheet), eval
# --gold (a cell) and import-codes (a record). Each exits 3 and changes
# nothing; code --lenient codes every answer and says what it replaced.
. "$(dirname "$0")/lib.sh"

LENIENT="(use --lenient to replace invalid bytes)"
OR_LENIENT="(is the input Windows-1252? try --encoding cp1252, or --lenient to replace invalid bytes)"
CP1252="(is the file Windows-1252? try --encoding cp1252)"

test_expect_success 'code: lines, CSV and JSON Lines, the answer and the id' '
	printf "goed\nfout \377\n" >bad.txt &&
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 5 of the answer $OR_LENIENT" qcode code - <bad.txt &&
	printf "id,text\n1,goed\n2,caf\351\n" >bad.csv &&
	expect_error 3 "<stdin>:3: invalid UTF-8 at byte offset 3 of the answer in column '\''text'\'' $OR_LENIENT" \
		qcode code - --in-format csv <bad.csv &&
	printf "nr;antwoord\nx\377;goed\n" >badid.csv &&
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 1 of the id in column '\''nr'\'' $OR_LENIENT" \
		qcode code - --in-format csv --id nr --text antwoord <badid.csv &&
	printf "{\"text\":\"goed\"}\n{\"text\":\"caf\351\"}\n" >bad.jsonl &&
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 12 of the record $LENIENT" \
		qcode code - --in-format jsonl <bad.jsonl
'

test_expect_success 'code --lenient: every answer coded, the bad bytes replaced and counted' '
	qcode code - --lenient <bad.txt >out 2>err && test "$(wc -l <out)" = 2 &&
	echo "qcode: warning: <stdin>:2: replaced 1 invalid byte with U+FFFD" >want && diff -u want err &&
	qcode code - --in-format csv --lenient <bad.csv >out 2>err && test "$(wc -l <out)" = 2 &&
	echo "qcode: warning: <stdin>:3: replaced 1 invalid byte in column '\''text'\'' with U+FFFD" >want &&
	diff -u want err &&
	qcode code - --in-format jsonl --lenient <bad.jsonl >out 2>err && test "$(wc -l <out)" = 2 &&
	echo "qcode: warning: <stdin>:2: replaced 1 invalid byte with U+FFFD" >want && diff -u want err
'

test_expect_success 'import: the answer, the id, a group and a JSON line; nothing imported' '
	expect_error 3 "bad.csv:3: invalid UTF-8 at byte offset 3 of the answer in column '\''text'\'' $CP1252" \
		qcode --db i.db import bad.csv &&
	expect_error 3 "badid.csv:2: invalid UTF-8 at byte offset 1 of the id in column '\''nr'\'' $CP1252" \
		qcode --db i.db import --id nr --text antwoord badid.csv &&
	printf "id,text,regio\n1,goed,Fryslan\n2,goed,Frysl\342n\n" >group.csv &&
	expect_error 3 "group.csv:3: invalid UTF-8 at byte offset 5 of the value in column '\''regio'\'' $CP1252" \
		qcode --db i.db import --group regio group.csv &&
	printf "{\"id\":\"a\",\"text\":\"goed\"}\n{\"id\":\"b\",\"text\":\"caf\351\"}\n" >badid.jsonl &&
	expect_error 3 "badid.jsonl:2: invalid UTF-8 at byte offset 21 of the record" \
		qcode --db i.db import badid.jsonl &&
	test ! -e i.db
'

test_expect_success 'import --encoding cp1252: what is still not text (a NUL) gets no hint' '
	printf "id,text\n1,go\000ed\n" >nul.csv &&
	expect_error 3 "nul.csv:2: invalid UTF-8 at byte offset 2 of the answer in column '\''text'\''" \
		qcode --db i.db import --encoding cp1252 nul.csv &&
	qcode --db i.db import --encoding cp1252 bad.csv >/dev/null
'

test_expect_success 'review --import: a sheet saved in another encoding; no decision recorded' '
	qcode --db r.db import "$CORPUS/answers.csv" >/dev/null && qcode --db r.db code >/dev/null &&
	qcode --db r.db review --export r.csv >/dev/null &&
	python3 - r.csv <<-PY &&
	import csv, sys
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
	rows[1][rows[0].index("themes")] = "regie"
	rows[1][rows[0].index("note")] = "caf\u00e9"
	with open(sys.argv[1], "w", newline="", encoding="cp1252") as f:
	    csv.writer(f).writerows(rows)
	PY
	expect_error 3 "r.csv:2: invalid UTF-8 at byte offset 3 of the value in column '\''note'\'' (save the sheet as CSV UTF-8, or as a workbook (.xlsx))" \
		qcode --db r.db review --import r.csv --coder x &&
	test "$(qcode --db r.db log | wc -l)" = 1
'

test_expect_success 'eval --gold: a cell of the gold file' '
	printf "id,theme,primary\nd37-01,regie,1\nd37-02,reg\351,1\n" >gold.csv &&
	expect_error 3 "gold.csv:3: invalid UTF-8 at byte offset 3 of the value in column '\''theme'\'' (save the file as CSV UTF-8)" \
		qcode --db r.db eval --gold gold.csv
'

test_expect_success 'import-codes: a record; no run stored' '
	qcode --db r.db export-answers | qcode code - --in-format jsonl --stamp >codes.jsonl &&
	sed "2s/\"primary\"/\"pr\\xffimary\"/" codes.jsonl >badcodes.jsonl &&
	runs=$(qcode --db r.db runs | wc -l) &&
	at=$(sed -n 2p codes.jsonl | sed "s/\"primary\".*/\"pr/" | tr -d "\n" | wc -c) &&
	expect_error 3 "badcodes.jsonl:2: invalid UTF-8 at byte offset $at of the record" \
		qcode --db r.db import-codes badcodes.jsonl &&
	test "$(qcode --db r.db runs | wc -l)" = "$runs"
'

test_done
