#!/bin/sh
# Test plan: `qcode code -` reads a stream in cp1252 or latin1 (--encoding)
# in every text format -- lines, CSV, TSV -- with import's reader: a
# Windows Excel export (cp1252, ';', CRLF) with e-acute, e-diaeresis,
# o-diaeresis, the euro sign and curly quotes codes as its UTF-8 text
# does, the evidence spans byte offsets into that UTF-8 text; without
# --encoding it stops at the first byte that is not UTF-8 (exit 3, the
# exact message, --encoding offered); a byte cp1252 leaves undefined names
# its row and column, the records before it written; latin1; JSON Lines
# (and a workbook or .sav) refuse --encoding (exit 2); ';' detected and a
# UTF-8 BOM skipped in a UTF-8 stream of every format.
. "$(dirname "$0")/lib.sh"

OPTS="--in-format csv --text antwoord --id nr"

test_expect_success 'setup: the answers in UTF-8, and as Excel on Windows saves them' '
	python3 - <<-PY
	rows = [("nr", "antwoord", "afdeling"),
	        ("a1", "Te weinig \u201cfinanci\u00eble\u201d budget, \u20ac 5 miljoen", "Financi\u00ebn"),
	        ("a2", "Als \u00e9\u00e9n overheid: geen co\u00f6rdinatie", "Burgerzaken"),
	        ("a3", "Caf\u00e9praat", "Overig")]
	def write(name, enc, sep, rows):
	    with open(name, "w", encoding=enc, newline="") as f:
	        for r in rows:
	            f.write(sep.join(r) + "\r\n")
	write("utf8.csv", "utf-8", ";", rows)
	write("excel.csv", "cp1252", ";", rows)
	write("utf8.tsv", "utf-8", "\t", rows)
	write("excel.tsv", "cp1252", "\t", rows)
	write("utf8.txt", "utf-8", "", [(r[1],) for r in rows[1:]])
	write("excel.txt", "cp1252", "", [(r[1],) for r in rows[1:]])
	# latin1 has no euro sign and no curly quotes
	plain = [(r[0], r[1].replace("\u201c", "").replace("\u201d", "").replace("\u20ac", "EUR"), r[2]) for r in rows]
	write("plain.csv", "utf-8", ";", plain)
	write("latin1.csv", "latin1", ";", plain)
	write("plain.txt", "utf-8", "", [(r[1],) for r in plain[1:]])
	write("latin1.txt", "latin1", "", [(r[1],) for r in plain[1:]])
	# the bytes Excel writes: 0x93 and 0x94 the quotes, 0xEB e-diaeresis, 0x80 the euro
	assert b"\x93financi\xeble\x94 budget, \x80 5" in open("excel.csv", "rb").read()
	assert b"financi\xeble budget, EUR 5" in open("latin1.txt", "rb").read()
	PY
'

test_expect_success 'a cp1252 Excel export (;) codes as its UTF-8 text does' '
	qcode code - $OPTS --encoding cp1252 <excel.csv >cp.jsonl &&
	qcode code - $OPTS <utf8.csv >u.jsonl &&
	cmp u.jsonl cp.jsonl &&
	test "$(wc -l <cp.jsonl)" = 3 &&
	grep -q "^{\"id\":\"a1\",\"primary\":\"prioriteit\"" cp.jsonl &&
	grep -qF "{\"theme\":\"prioriteit\",\"rule\":\"@tekort NEAR/3 @middelen\",\"start\":3,\"end\":34,\"text\":\"weinig “financiële” budget\"}" cp.jsonl &&
	grep -q "^{\"id\":\"a2\",\"primary\":\"regie\"" cp.jsonl &&
	grep -qF "{\"theme\":\"regie\",\"rule\":\"/één overheid/i\",\"start\":4,\"end\":18,\"text\":\"één overheid\"}" cp.jsonl &&
	grep -qF "{\"theme\":\"regie\",\"rule\":\"coordin*\",\"start\":25,\"end\":37,\"text\":\"coördinatie\"}" cp.jsonl &&
	grep -q "^{\"id\":\"a3\",\"primary\":null,\"themes\":\[\]" cp.jsonl
'

test_expect_success 'evidence start and end are byte offsets into the answer in UTF-8' '
	python3 - excel.csv cp.jsonl <<-PY
	import csv, json, sys
	texts = {r["nr"]: r["antwoord"].encode("utf-8")
	         for r in csv.DictReader(open(sys.argv[1], encoding="cp1252", newline=""), delimiter=";")}
	n = 0
	for line in open(sys.argv[2], encoding="utf-8"):
	    r = json.loads(line)
	    for e in r["evidence"]:
	        got = texts[r["id"]][e["start"]:e["end"]].decode("utf-8")
	        if got != e["text"]:
	            sys.exit("%s: %r at %d-%d, evidence says %r" % (r["id"], got, e["start"], e["end"], e["text"]))
	        n += 1
	sys.exit(0 if n >= 4 else "only %d pieces of evidence" % n)
	PY
	qcode code --help | grep -q "^Evidence start and end are byte offsets into the answer.s UTF-8 text"
'

test_expect_success 'without --encoding: exit 3, the exact message, nothing coded' '
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 10 of the answer in column '\''antwoord'\'' (is the input Windows-1252? try --encoding cp1252, or --lenient to replace invalid bytes)" \
		qcode code - $OPTS <excel.csv &&
	qcode code - $OPTS <excel.csv >out 2>/dev/null; test $? = 3 && test ! -s out
'

test_expect_success 'cp1252 TSV and lines code as their UTF-8 text does, with -j 2 too' '
	qcode code - --in-format tsv --text antwoord --id nr --encoding cp1252 <excel.tsv >t.jsonl &&
	cmp u.jsonl t.jsonl &&
	qcode code - <utf8.txt >u-lines.jsonl &&
	qcode code - --encoding cp1252 <excel.txt >l1.jsonl &&
	qcode code - --encoding cp1252 -j 2 --out-format tsv <excel.txt >l2.tsv &&
	qcode code - -j 2 --out-format tsv <utf8.txt >u2.tsv &&
	cmp u-lines.jsonl l1.jsonl && cmp u2.tsv l2.tsv &&
	grep -q "^{\"id\":\"2\",\"primary\":\"regie\"" l1.jsonl &&
	grep -qF "\"text\":\"weinig “financiële” budget\"}" l1.jsonl
'

test_expect_success 'latin1: CSV and lines as their UTF-8 text' '
	qcode code - $OPTS <plain.csv >p.jsonl &&
	qcode code - $OPTS --encoding latin1 <latin1.csv >l.jsonl &&
	cmp p.jsonl l.jsonl &&
	grep -qF "\"text\":\"weinig financiële budget\"}" l.jsonl &&
	grep -qF "\"text\":\"één overheid\"}" l.jsonl &&
	qcode code - <plain.txt >p.jsonl &&
	qcode code - --encoding latin1 <latin1.txt >l.jsonl &&
	cmp p.jsonl l.jsonl &&
	printf "caf\351 \200\n" | qcode code - --encoding latin1 --out-format tsv >/dev/null
'

test_expect_success 'a byte cp1252 leaves undefined: exit 3, its row and column, the answers before it coded' '
	printf "nr;antwoord\r\na1;geen regie\r\na2;caf\351 \201 x\r\na3;regie\r\n" >undefined.csv &&
	qcode code - $OPTS --encoding cp1252 <undefined.csv >out 2>err; test $? = 3 &&
	echo "<stdin>:3: byte 0x81 in column '\''antwoord'\'' is not a character in cp1252" | diff -u - err &&
	test "$(wc -l <out)" = 1 && grep -q "^{\"id\":\"a1\",\"primary\":\"regie\"" out &&
	printf "geen regie\n\342\202\254 \235\n" >undefined.txt &&
	qcode code - --encoding cp1252 <undefined.txt >out 2>err; test $? = 3 &&
	echo "<stdin>:2: byte 0x9d at byte offset 4 of the line is not a character in cp1252" | diff -u - err &&
	test "$(wc -l <out)" = 1
'

test_expect_success 'with --encoding, what is still not text (a NUL) offers --lenient alone' '
	printf "goed\nfo\000ut\n" >nul.txt &&
	expect_error 3 "<stdin>:2: invalid UTF-8 at byte offset 2 of the answer (use --lenient to replace invalid bytes)" \
		qcode code - --encoding cp1252 <nul.txt
'

test_expect_success 'JSON Lines refuse another encoding: exit 2' '
	printf "{\"id\":\"j1\",\"text\":\"Geen regie\"}\n" >a.jsonl &&
	for enc in cp1252 latin1; do
		qcode code - --in-format jsonl --encoding $enc <a.jsonl >out 2>err; test $? = 2 || return 1
		test "$(head -1 err)" = "qcode: error: --encoding $enc does not apply to jsonl: JSON is UTF-8 by definition" || return 1
		test ! -s out || return 1
	done &&
	qcode code - --in-format jsonl --encoding utf-8 <a.jsonl | grep -q "^{\"id\":\"j1\",\"primary\":\"regie\"" &&
	qcode code - --encoding utf-16 <a.jsonl 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: unknown encoding '\''utf-16'\'' (use utf-8, cp1252 or latin1)"
'

test_expect_success 'a workbook or .sav on standard input refuses another encoding too: exit 2' '
	qcode code - --in-format xlsx --encoding cp1252 <a.jsonl >out 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: --encoding cp1252 does not apply to xlsx: an .xlsx workbook is UTF-8 XML" &&
	test ! -s out &&
	qcode code - --in-format sav --encoding latin1 <a.jsonl >out 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: --encoding latin1 does not apply to sav: a .sav records its own encoding, which ReadStat converts to UTF-8" &&
	test ! -s out
'

test_expect_success 'a UTF-8 stream: ; detected, a BOM skipped in CSV, TSV, JSON Lines and lines' '
	for enc in "" "--encoding utf-8"; do
		printf "\357\273\277nr;antwoord\r\nx1;Geen regie, geen co\303\266rdinatie\r\n" |
			qcode code - $OPTS $enc >out &&
		grep -q "^{\"id\":\"x1\",\"primary\":\"regie\"" out &&
		grep -qF "{\"theme\":\"regie\",\"rule\":\"coordin*\",\"start\":17,\"end\":29,\"text\":\"coördinatie\"}" out &&
		printf "\357\273\277nr\tantwoord\nx2\tGeen regie\n" | qcode code - --in-format tsv --text antwoord --id nr $enc >out &&
		grep -q "^{\"id\":\"x2\",\"primary\":\"regie\"" out &&
		printf "\357\273\277{\"id\":\"x3\",\"text\":\"Geen regie\"}\n" | qcode code - --in-format jsonl $enc >out &&
		grep -q "^{\"id\":\"x3\",\"primary\":\"regie\"" out &&
		printf "\357\273\277Geen regie\n" | qcode code - $enc >out &&
		grep -qF "{\"theme\":\"regie\",\"rule\":\"regie*\",\"start\":5,\"end\":10,\"text\":\"regie\"}" out || return 1
	done
'

test_done
