#!/bin/sh
# Test plan: coding a project -- a run per `qcode code`, the lexicon
# version and stemmer recorded, re-coding after a lexicon change makes a
# new run and `qcode diff` lists what changed, --only-new codes only new
# answers, -j 2 stores the same codes (also over several batches, and as
# the stream codes them), the lexicon hash and files do not depend on how
# the lexicon folder is named, a run that fails in a later batch takes back
# what it stored, summary and export (CSV, JSONL, .sav with names SPSS
# takes and long answers, read back by PSPP); without a project only
# import makes one.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }

test_expect_success 'code the corpus project' '
	qcode --db p.db import "$CORPUS/answers.csv" >/dev/null &&
	qcode --db p.db code >out &&
	grep -q "^run 1: coded 22 answers, 20 with a theme (lexicon [0-9a-f]\{12\})$" out
'

test_expect_success 'the run records the lexicon hash, files and stemmer' '
	test "$(q p.db "select stemmer from lexicon_versions")" = "dutch (libstemmer $(dpkg-query -W -f="\${Version}" libstemmer0d))" &&
	q p.db "select files from lexicon_versions" | grep -q "\"key\":\"wetgeving\",\"sha256\":\"[0-9a-f]\{64\}\"" &&
	test "$(q p.db "select count(*) from run_themes where run_id = 1")" = 6
'

test_expect_success 'the lexicon hash is the same however the folder is named' '
	qcode --db h.db import "$CORPUS/answers.csv" >/dev/null &&
	ln -s "$TEST_ROOT/lexicons" lexlink &&
	for d in "$TEST_ROOT/lexicons" lexlink ./lexlink lexlink/ lexlink//; do
		qcode --db h.db --lexicons "$d" code >/dev/null &&
		qcode --lexicons "$d" lexicon lint | sed -n "s/.*lexicon hash //p" >>lint || exit 1
	done &&
	test "$(sort -u lint | wc -l)" = 1 &&
	test "$(q h.db "select count(*) from runs")" = 5 &&
	test "$(q h.db "select count(distinct lexicon_id) from runs")" = 1 &&
	q h.db "select files from lexicon_versions" | grep -q "^\[{\"file\":\"contracten_ict.lex\",\"key\":\"contracten_ict\","
'

test_expect_success 'codes, primary and evidence are stored' '
	test "$(q p.db "select theme, is_primary from codes c join answers a on a.id=c.answer_id where ext_id='\''d37-04'\''")" = "wetgeving|1" &&
	test "$(q p.db "select rule_id, start, end from evidence e join answers a on a.id=e.answer_id where ext_id='\''d37-04'\'' and rule_id='\''privacy*'\''")" = "privacy*|0|16"
'

test_expect_success 're-coding with a changed lexicon makes run 2; diff lists the change' '
	cp -r "$TEST_ROOT/lexicons" lex &&
	sed -i "/^=wiel /d" lex/regie.lex &&
	qcode --db p.db --lexicons lex code >out &&
	grep -q "^run 2: " out &&
	qcode --db p.db diff 1 2 >d 2>derr &&
	grep -q "^d37-18	kennis\*;regie	kennis\*$" d &&
	grep -q "^1 answer changed" derr &&
	test "$(q p.db "select count(distinct lexicon_id) from runs")" = 2
'

test_expect_success 'runs lists both runs with their lexicons' '
	qcode --db p.db runs >r &&
	test "$(wc -l <r)" = 3 &&
	grep -q "^2	2026-01-01T00:00:00Z	2026-01-01T00:00:00Z	22	20	[0-9a-f]\{12\}	dutch (libstemmer .*)	all$" r
'

test_expect_success '--only-new codes only answers no run has coded' '
	printf "id,text\nn1,Geen regie\n" >new.csv &&
	qcode --db p.db import new.csv >/dev/null &&
	qcode --db p.db code --only-new >out &&
	grep -q "^run 3: coded 1 answer, 1 with a theme" out
'

test_expect_success '--only-new with nothing new makes no run and says so' '
	qcode --db p.db code --only-new >out &&
	echo "no new answers: every answer is coded by a finished run; no run made" >want &&
	diff -u want out &&
	test "$(q p.db "select max(id) from runs")" = 3
'

test_expect_success '-j 2 stores the same codes as -j 1' '
	qcode --db p.db code -j 2 >/dev/null &&
	qcode --db p.db diff 1 4 2>err >/dev/null && grep -q "^0 answers changed" err
'

test_expect_success 'a project of several batches: -j 1, -j 2 and the stream code it alike' '
	"$TEST_ROOT/scripts/gen-corpus" 6000 --seed 2 --format csv >many.csv &&
	qcode --db m.db import many.csv >/dev/null &&
	qcode --db m.db code -j 1 >/dev/null &&
	qcode --db m.db code -j 2 >/dev/null &&
	qcode --db m.db diff 1 2 2>err >/dev/null && grep -q "^0 answers changed" err &&
	qcode --db m.db export --format jsonl >stored &&
	qcode code --in-format csv <many.csv >streamed &&
	python3 -c "
import json, sys
a = [(r[\"id\"], r[\"primary\"] or None) for r in map(json.loads, open(\"stored\"))]
b = [(r[\"id\"], r[\"primary\"]) for r in map(json.loads, open(\"streamed\"))]
sys.exit(not (len(a) == 6000 and sorted(a) == sorted(b) and sum(p is not None for _, p in a) > 1000))"
'

test_expect_success 'a regex that stops in a later batch: exit 3, the run is removed' '
	mkdir slow && cp "$TEST_ROOT/lexicons/"*.lex "$TEST_ROOT/lexicons/shared.groups" slow/ && printf "%%key t\n/(a+)+\$/\n" >slow/t.lex &&
	{ head -n 5001 many.csv; python3 -c "print(\"z1,x,\" + \"a\" * 5000 + \"!\")"; } >late.csv &&
	qcode --db l.db import late.csv >/dev/null &&
	qcode --db l.db --lexicons slow code -j 2 >/dev/null 2>err; test $? = 3 &&
	grep -q "regex '\''/(a+)+\$/'\'' of theme '\''t'\'' stopped: match limit exceeded" err &&
	grep -q "^run 1 did not finish and was removed$" err &&
	test "$(q l.db "select count(*) from runs")" = 0 &&
	test "$(q l.db "select count(*) from coded")" = 0 &&
	test "$(q l.db "select count(*) from latest_runs")" = 0
'

test_expect_success 'summary counts the effective codes per theme' '
	qcode --db p.db summary >s &&
	grep -q "^23 answers (0 empty)$" s &&
	grep -q "^regie  *9 " s
'

test_expect_success 'export CSV and JSONL: one 0/1 column per theme, primary and scores' '
	qcode --db p.db export -o codes.csv &&
	head -1 codes.csv | grep -q "^id,text,contracten_ict,kennis,prioriteit,regie,uitbesteden,wetgeving,primary,score_contracten_ict," &&
	grep -q "^d37-04,Privacywetgeving knelt enorm.,0,0,0,0,0,1,wetgeving,,,,,,5$" codes.csv &&
	qcode --db p.db export --format jsonl | grep -q "\"id\":\"d37-04\".*\"wetgeving\":1,\"primary\":\"wetgeving\".*\"score_wetgeving\":5}"
'

# PSPP reads FILE.sav with a syntax file; prints its output, fails on any
# warning or error
pspp_reads() {
	printf "GET FILE='%s'.\nDISPLAY LABELS.\nSAVE TRANSLATE /OUTFILE='%s' /TYPE=CSV /FIELDNAMES /REPLACE.\n" \
		"$1" "$1.csv" >read.sps &&
	pspp -o pspp.txt -O format=txt -O width=2000 read.sps >pspp.out 2>&1 &&
	! grep -i "warning\|error" pspp.out pspp.txt || { cat pspp.out pspp.txt; false; }
}

test_expect_success '.sav: names SPSS takes, long answers whole up to 32767 bytes, read by PSPP' '
	python3 -c "
import csv, sys
w = csv.writer(open(\"long.csv\", \"w\", newline=\"\"))
w.writerow([\"id\", \"text\", \"my col-1\", \"1st\", \"g\" * 80, \"g\" * 79 + \"h\", \"TEXT1\", \"to\", \"My Col 1\"])
ascii, accents = \"Privacywetgeving knelt. \" * 2000, \"Privacywetgeving knelt, é. \" * 2000
for i, t in enumerate([ascii[:10], ascii[:300], accents[:10000], accents[:20000], ascii[:32767], accents[:40000]]):
    w.writerow([\"a%d\" % i, t, \"x\", \"y\", \"z\", \"u\", \"v\", \"w\", \"q\"])" &&
	qcode --db long.db import --group "my col-1" --group 1st --group "$(printf "g%.0s" $(seq 80))" \
		--group "$(printf "g%.0s" $(seq 79))h" --group TEXT1 --group to --group "My Col 1" long.csv >/dev/null &&
	qcode --db long.db code >/dev/null &&
	qcode --db long.db export -o long.sav 2>err &&
	g=$(printf "g%.0s" $(seq 80)) && g64=$(printf "g%.0s" $(seq 64)) && g62=$(printf "g%.0s" $(seq 62)) &&
	g79h=$(printf "g%.0s" $(seq 79))h &&
	cat >want.err <<-EOF &&
	qcode: warning: long.sav: column '\''1st'\'' is the SPSS variable '\''v1st'\'' (its label keeps the name)
	qcode: warning: long.sav: column '\''My Col 1'\'' is the SPSS variable '\''My_Col_1'\'' (its label keeps the name)
	qcode: warning: long.sav: column '\''$g'\'' is the SPSS variable '\''$g64'\'' (its label keeps the name)
	qcode: warning: long.sav: column '\''$g79h'\'' is the SPSS variable '\''${g62}_2'\'' (its label keeps the name)
	qcode: warning: long.sav: column '\''my col-1'\'' is the SPSS variable '\''my_col_1_2'\'' (its label keeps the name)
	qcode: warning: long.sav: column '\''to'\'' is the SPSS variable '\''to_v'\'' (its label keeps the name)
	qcode: warning: long.sav: 1 value longer than 32767 bytes, the most an SPSS string holds, is cut there: a5
	EOF
	diff -u want.err err &&
	pspp_reads long.sav &&
	grep -q "^|my_col_1_2 *| *7|my col-1 *|$" pspp.txt &&
	grep -q "^|v1st *| *2|1st *|$" pspp.txt && grep -q "^|TEXT1 *| *4| *|$" pspp.txt &&
	grep -q "^|to_v *| *8|to *|$" pspp.txt && grep -q "^|text *| *9|antwoord *|$" pspp.txt &&
	python3 -c "
import csv
got = {r[\"id\"]: r for r in csv.DictReader(open(\"long.sav.csv\", encoding=\"utf-8\"))}
src = {r[\"id\"]: r for r in csv.DictReader(open(\"long.csv\", encoding=\"utf-8\"))}
for i, r in src.items():
    want = r[\"text\"].encode()[:32767].decode(\"utf-8\", \"ignore\")
    assert got[i][\"text\"] == want, (i, len(got[i][\"text\"]), len(want))
    assert got[i][\"my_col_1_2\"] == \"x\" and got[i][\"v1st\"] == \"y\" and got[i][\"to_v\"] == \"w\"
    assert got[i][\"TEXT1\"] == \"v\" and got[i][\"My_Col_1\"] == \"q\"
assert len(got[\"a4\"][\"text\"].encode()) == 32767 and 32760 < len(got[\"a5\"][\"text\"].encode()) <= 32767
"
'

test_expect_success '.sav: a write that fails leaves no file, and an old one whole' '
	mkdir sav-out && qcode --db long.db export -o sav-out/x.sav 2>/dev/null && cp sav-out/x.sav old.sav &&
	(trap "" XFSZ; ulimit -f 150; qcode --db long.db export -o sav-out/x.sav 2>err); test $? = 5 &&
	grep -q "^qcode: error: cannot write '\''sav-out/x.sav'\'': File too large$" err &&
	cmp sav-out/x.sav old.sav && test "$(ls sav-out)" = x.sav &&
	(trap "" XFSZ; ulimit -f 150; qcode --db long.db export -o sav-out/new.sav 2>/dev/null); test $? = 5 &&
	test "$(ls sav-out)" = x.sav &&
	expect_error 5 "qcode: error: cannot open '\''nodir/x.sav'\'' for writing: No such file or directory" \
		qcode --db p.db export -o nodir/x.sav
'

test_expect_success 'diff of an unknown run, export to an unwritable file: clear errors' '
	expect_error 3 "qcode: error: no finished run 9 (see '\''qcode runs'\'')" qcode --db p.db diff 1 9 &&
	expect_error 5 "qcode: error: cannot open '\''/nonexistent/x.csv'\'' for writing: No such file or directory" qcode --db p.db export -o /nonexistent/x.csv
'

test_expect_success 'without a project, only import makes one: code and summary say so' '
	mkdir empty && (
		cd empty &&
		msg="qcode: error: no project database '\''qcode.db'\'': import answers first (qcode import FILE), name another with --db, or code answers without one with '\''qcode code - < FILE'\''" &&
		expect_error 4 "$msg" qcode code </dev/null &&
		expect_error 4 "$msg" qcode summary &&
		! test -e qcode.db &&
		qcode import "$CORPUS/answers.csv" >/dev/null &&
		qcode summary >/dev/null
	)
'

test_done
