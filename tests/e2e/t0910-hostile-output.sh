#!/bin/sh
# Test plan: what answers, ids and group values can do to the programs
# that show qcode's output. Spreadsheets: a cell that starts like a formula
# (= + - @ tab CR) gets a ' in every CSV/TSV meant for one (export, review
# sheet, table), a plain number does not, and a review sheet comes back
# unchanged, a value that starts with ' included. Terminals: ESC, BEL, OSC
# sequences, C1 controls and bidirectional overrides in answers, ids and
# group values reach no terminal raw -- kwic, quotes, log, decide, diff,
# suggest, table, lexicon lint and show, error messages, and CSV/TSV/JSONL
# printed to a terminal -- while files written with -o keep the text as it
# is; a note with a tab and a line end keeps the log one line per decision.
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }
# the file holds no raw control character, C1 control or bidi override
clean() {
	python3 - "$1" <<-PY
	import sys
	t = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
	bad = [c for c in t if (ord(c) < 32 and c not in "\t\n") or 0x7f <= ord(c) <= 0x9f
	       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or 0xdc80 <= ord(c) <= 0xdcff]
	assert not bad, (sys.argv[1], bad)
	PY
}
ESC=$(printf "\033")

test_expect_success 'setup: answers, ids and group values an attacker wrote' '
	python3 - <<-PY &&
	import csv
	rows = [
	    ("=1+1", "=HYPERLINK(\"http://x\",\"klik\") privacywetgeving knelt", "@SUM(A1)"),
	    ("e1", "Privacywetgeving \x1b]0;pwned\x07 knelt \x1b[2J enorm", "\x1b[31mrood"),
	    ("\x27q", "\x27t is de privacywetgeving die knelt", "-5"),
	    ("b1", "geen regie \u202eomgekeerd\u202c en privacy", "+31 6"),
	    ("x\x1b[31m", "de regie \u009b[2J ontbreekt helaas", "-5"),
	]
	w = csv.writer(open("h.csv", "w", newline=""), lineterminator="\n")
	w.writerow(["id", "text", "groep"])
	w.writerows(rows)
	PY
	Q import --group groep h.csv >out && grep -q "^imported 5 answers from h.csv (csv)$" out &&
	Q code >/dev/null
'

test_expect_success 'export --format csv: formulas neutralised with a quote, numbers left alone' '
	Q export -o e.csv &&
	python3 - e.csv <<-PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="")))
	got = [(r["id"], r["groep"], r["text"][:16], r["primary"], r["score_wetgeving"]) for r in rows]
	want = [("\x27=1+1", "\x27@SUM(A1)", "\x27=HYPERLINK(\"htt", "wetgeving", "5"),
	        ("e1", "\x1b[31mrood", "Privacywetgeving", "wetgeving", "5"),
	        ("\x27\x27q", "-5", "\x27\x27t is de privac", "wetgeving", "5"),
	        ("b1", "\x27+31 6", "geen regie \u202eomge", "regie", "2"),
	        ("x\x1b[31m", "-5", "de regie \u009b[2J on", "regie", "")]
	assert got == want, got
	PY
'

test_expect_success 'a file written with -o keeps the text as it is; JSON Lines escape it' '
	grep -q "Privacywetgeving ${ESC}\]0;pwned" e.csv &&
	Q export --format jsonl -o e.jsonl && clean e.jsonl &&
	grep -q "\"text\":\"geen regie \\\\u202eomgekeerd\\\\u202c en privacy\"" e.jsonl &&
	python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r[1][\"text\"].startswith(\"Privacywetgeving \x1b]0;pwned\x07\"), r[1]" e.jsonl
'

test_expect_success 'table --format csv and tsv: group values neutralised' '
	Q table --by groep --format csv >t.csv &&
	head -1 t.csv | grep -q "^theme,${ESC}\[31mrood n,${ESC}\[31mrood %,${ESC}\[31mrood mark,'\''+31 6 n,'\''+31 6 %,'\''+31 6 mark,'\''-5 n,'\''-5 %,'\''-5 mark,'\''@SUM(A1) n," &&
	Q table --by groep --format tsv >t.tsv &&
	head -1 t.tsv | cut -f5,8,11 | grep -q "^'\''+31 6 n	'\''-5 n	'\''@SUM(A1) n$"
'

test_expect_success 'kwic: control characters and overrides shown escaped' '
	Q kwic --width 20 "privacy*" >k &&
	clean k &&
	grep -q "^e1                              \[Privacywetgeving\]  \\\\x1b\]0;pwned\\\\x07 knelt \\\\x1b\[$" k &&
	grep -q "^b1         egie \\\\u202eomgekeerd\\\\u202c en  \[privacy\] $" k &&
	Q kwic "wetgeving:privacy*" >k2 && clean k2
'

test_expect_success 'quotes: answers, ids and groups shown escaped' '
	Q quotes --min-words 1 -k 5 --by groep >q &&
	clean q &&
	grep -q "^[0-9]\. e1 \[\\\\x1b\[31mrood\]  Privacywetgeving \\\\x1b\]0;pwned\\\\x07 knelt \\\\x1b\[2J enorm$" q &&
	grep -q "^[0-9]\. x\\\\x1b\[31m \[-5\]  de regie \\\\u009b\[2J ontbreekt helaas$" q
'

test_expect_success 'table (Markdown), suggest and decide: escaped' '
	Q table --by groep >t.md && clean t.md &&
	head -1 t.md | grep -q "^| Thema | \\\\x1b\[31mrood (N = 1) |" &&
	Q suggest regie >s && clean s && grep -q "(x\\\\x1b\[31m)  " s &&
	Q decide "x${ESC}[31m" +kennis --coder "c${ESC}]0;t$(printf "\007")" >d && clean d &&
	test "$(cat d)" = "x\\x1b[31m: kennis regie*" &&
	Q decide --undo --coder "c${ESC}]0;t$(printf "\007")" >d && clean d &&
	test "$(cat d)" = "undone the last decision of c\\x1b]0;t\\x07 on x\\x1b[31m"
'

test_expect_success 'review sheet: neutralised on export, read back unchanged on import' '
	Q review --export r.csv >out && grep -q "^wrote 5 answers to r.csv" out &&
	head -2 r.csv | tail -1 | grep -q "^'\''=1+1,\"'\''=HYPERLINK(" &&
	grep -q "^'\'''\''q,'\'''\''t is de privacywetgeving" r.csv &&
	python3 - r.csv <<-PY &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="")))
	for r in rows:
	    r["themes"], r["primary"] = "kennis", "kennis"
	w = csv.DictWriter(open(sys.argv[1], "w", newline=""), fieldnames=rows[0].keys())
	w.writeheader(); w.writerows(rows)
	PY
	Q review --import r.csv --coder sheet >out && grep -q "^applied 5 reviewed answers from r.csv$" out &&
	python3 - <<-PY
	import sqlite3
	c = sqlite3.connect("p.db")
	got = sorted(r[0] for r in c.execute("select distinct a.ext_id from decisions d join answers a"
	                                     " on a.id = d.answer_id where d.coder = \x27sheet\x27"))
	assert got == sorted(["=1+1", "e1", "\x27q", "b1", "x\x1b[31m"]), got
	PY
'

test_expect_success 'decide --note with a tab and a line end: log stays one line a decision' '
	Q decide e1 +kennis --note "$(printf "een\ttwee\ndrie \\\\ vier")" --coder ann >/dev/null &&
	Q log >l && clean l &&
	awk -F "\t" "NF != 9 { exit 1 }" l &&
	test "$(wc -l <l)" = $(( $(python3 -c "import sqlite3; print(sqlite3.connect(\"p.db\").execute(\"select count(*) from decisions\").fetchone()[0])") + 1 )) &&
	grep -q "	e1	add	kennis	ann	.*	een\\\\ttwee\\\\ndrie \\\\\\\\ vier	$" l &&
	Q log "x${ESC}[31m" >lx && clean lx && grep -q "^[0-9]*	[0-9]*	x\\\\x1b\[31m	add	kennis	sheet" lx &&
	test "$(python3 -c "import sqlite3; print(repr(sqlite3.connect(\"p.db\").execute(\"select note from decisions where coder = \x27ann\x27\").fetchone()[0]))")" = "'\''een\\ttwee\\ndrie \\\\ vier'\''"
'

test_expect_success 'diff: ids escaped' '
	cp -r "$QCODE_LEXICONS" lex && sed -i "/^regie/d" lex/regie.lex &&
	Q --lexicons lex code >/dev/null && Q diff 1 2 >df 2>/dev/null && clean df &&
	grep -q "^x\\\\x1b\[31m	regie\*	$" df
'

test_expect_success 'error messages: ids, file names and lines escaped' '
	printf "id,text\n\"d\033[2J\",a\n\"d\033[2J\",b\n" >dup.csv &&
	expect_error 3 "dup.csv:3: duplicate id '\''d\\x1b[2J'\'' in this file" qcode --db d.db import dup.csv &&
	expect_error 3 "qcode: error: no answer '\''n\\x1b]0;x\\x07'\'' in the project" Q log "n${ESC}]0;x$(printf "\007")" &&
	mkdir badlex && printf "%%key t\n/(ab\033[2J/\n" >badlex/t.lex &&
	qcode --lexicons badlex lexicon lint 2>err; test $? = 3 && clean err && grep -q "^  /(ab\\\\x1b\[2J/$" err
'

test_expect_success 'lexicon lint and show: a label or rule from elsewhere shown escaped' '
	mkdir ctl && printf "%%key t\n%%label La\033]0;x\007bel\n%%description d\033[2J\nregie\033x\n" >ctl/t.lex &&
	qcode --lexicons ctl lexicon lint >out && clean out && grep -q "^  t  *1 rule   La\\\\x1b\]0;x\\\\x07bel$" out &&
	qcode --lexicons ctl lexicon show t >out && clean out && grep -q "^# d\\\\x1b\[2J$" out
'

test_expect_success 'CSV, TSV and JSON Lines printed to a terminal: escaped there, raw into a file' '
	script -qec "qcode --db p.db export" /dev/null >tty.csv && clean tty.csv &&
	grep -q "^e1,\\\\x1b\[31mrood,Privacywetgeving \\\\x1b\]0;pwned" tty.csv &&
	script -qec "qcode --db p.db table --by groep --format tsv" /dev/null >tty.tsv && clean tty.tsv &&
	printf "id,text\n\"a\033[31m\",privacy \302\233\n" >s.csv &&
	script -qec "qcode code --in-format csv --out-format tsv <s.csv" /dev/null >tty.out && clean tty.out &&
	grep -q "^a\\\\x1b\[31m	wetgeving" tty.out &&
	qcode code --in-format csv --out-format tsv <s.csv | grep -q "^a${ESC}\[31m	wetgeving" &&
	script -qec "qcode code --in-format csv <s.csv" /dev/null >tty.jsonl && clean tty.jsonl &&
	printf "a\033]0;x\007 privacy\n" >s.txt &&
	script -qec "qcode scrub s.txt" /dev/null >tty.txt && clean tty.txt &&
	qcode scrub s.txt 2>/dev/null | grep -q "${ESC}\]0;x"
'

test_done
