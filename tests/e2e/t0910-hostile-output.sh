#!/bin/sh
# Test plan: what answers, ids and group values can do to the programs
# that show qcode's output. Spreadsheets: a cell that starts like a formula
# (= + - @ tab CR) gets a ' in every CSV/TSV meant for one (export, review
# sheet, table), a plain number does not, and a review sheet comes back
# unchanged, a value that starts with ' included.
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
	    ("x\x1b[31m", "de regie \u009b[2J ontbreekt", "-5"),
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
	want = [("\x27=1+1", "\x27@SUM(A1)", "\x27=HYPERLINK(\"htt", "wetgeving", "4"),
	        ("e1", "\x1b[31mrood", "Privacywetgeving", "wetgeving", "4"),
	        ("\x27\x27q", "-5", "\x27\x27t is de privac", "wetgeving", "4"),
	        ("b1", "\x27+31 6", "geen regie \u202eomge", "regie", "1"),
	        ("x\x1b[31m", "-5", "de regie \u009b[2J on", "regie", "")]
	assert got == want, got
	PY
'

test_expect_success 'table --format csv and tsv: group values neutralised' '
	Q table --by groep --format csv >t.csv &&
	head -1 t.csv | grep -q "^theme,${ESC}\[31mrood n,${ESC}\[31mrood %,${ESC}\[31mrood mark,'\''+31 6 n,'\''+31 6 %,'\''+31 6 mark,'\''-5 n,'\''-5 %,'\''-5 mark,'\''@SUM(A1) n," &&
	Q table --by groep --format tsv >t.tsv &&
	head -1 t.tsv | cut -f5,8,11 | grep -q "^'\''+31 6 n	'\''-5 n	'\''@SUM(A1) n$"
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

test_done
