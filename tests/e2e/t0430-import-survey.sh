#!/bin/sh
# Test plan: survey platforms' exports as they come (tests/survey, made
# after each platform's documented format) -- Qualtrics' three header rows,
# SurveyMonkey's two (and its Excel export, the question merged over its
# columns), LimeSurvey's codes with the texts from its .lss or .txt
# structure or from a second header row; --header-rows N for any other;
# a column found by its question text; errors counted in the file's own
# rows; the question texts as the .sav's variable labels (read by PSPP)
# and in the appendix's method note.
. "$(dirname "$0")/lib.sh"

S=$TEST_ROOT/tests/survey
q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
labels() { q "$1" "select role || ':' || name || '=' || label from questions order by role, name"; }
# the variable labels of a .sav, as PSPP reads them: NAME=LABEL lines
sav_labels() {
	printf "GET FILE='%s'.\nDISPLAY DICTIONARY.\n" "$1" >dict.sps &&
	pspp -O format=csv -o dict.csv dict.sps &&
	python3 -c "
import csv
rows = list(csv.reader(open('dict.csv', newline='')))
i = rows.index(['Table: Variables'])
for r in rows[i + 2:]:
    if not r or r[0].startswith('Table:'): break
    print('%s=%s' % (r[0], r[2]))"
}

# SurveyMonkey's Excel export of the CSV: the same rows, a question merged over its columns
monkey_xlsx() {
	python3 - "$1" <<-\PY
	import csv, sys, zipfile
	from xml.sax.saxutils import escape
	rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
	def col(i):
	    s = ""; i += 1
	    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
	    return s
	xml = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
	for n, row in enumerate(rows, 1):
	    xml.append('<row r="%d">' % n)
	    for i, v in enumerate(row):
	        if v: xml.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(i), n, escape(v)))
	    xml.append("</row>")
	xml.append('</sheetData><mergeCells count="1"><mergeCell ref="L1:M1"/></mergeCells></worksheet>')
	z = zipfile.ZipFile("monkey.xlsx", "w", zipfile.ZIP_DEFLATED)
	z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
	z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet" sheetId="1" r:id="rId1"/></sheets></workbook>')
	z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
	z.writestr("xl/worksheets/sheet1.xml", "".join(xml))
	z.close()
	PY
}

test_expect_success 'without --id, a platform'\''s export keeps its respondents'\'' ids' '
	qcode --db qa.db import --text Q2 "$S/qualtrics.csv" >out &&
	! grep -q "row numbers" out &&
	test "$(q qa.db "select group_concat(ext_id) from (select ext_id from answers order by id)")" = "R_2aX,R_3bY,R_1cZ,R_9dW,R_4eV,R_7fU" &&
	qcode --db sa.db import --text Q2 "$S/surveymonkey.csv" >out &&
	! grep -q "row numbers" out &&
	test "$(q sa.db "select ext_id from answers order by id limit 1")" = 11400000000
'

test_expect_success 'Qualtrics: three header rows recognised, the texts kept, rows counted as in the file' '
	qcode --db ql.db import --id ResponseId --text Q2 --group Q1 "$S/qualtrics.csv" >out &&
	test "$(head -1 out)" = "imported 6 answers from $S/qualtrics.csv (csv, a Qualtrics export)" &&
	test "$(q ql.db "select group_concat(ext_id) from (select ext_id from answers order by id)")" = "R_2aX,R_3bY,R_1cZ,R_9dW,R_4eV,R_7fU" &&
	labels ql.db >l && test "$(cat l)" = "group:Q1=Bij wat voor organisatie werkt u?
id:ResponseId=Response ID
text:Q2=Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" &&
	sed "6s/R_1cZ/R_2aX/" "$S/qualtrics.csv" >dup.csv &&
	expect_error 3 "dup.csv:6: duplicate id '\''R_2aX'\'' in this file" qcode --db d.db import --id ResponseId --text Q2 dup.csv
'

test_expect_success 'SurveyMonkey: two header rows; questions named Q1, Q2, Q3_1; a column found by its text' '
	qcode --db sm.db import --id "Respondent ID" --text "Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" \
		--group Q1 --group Q3_2 --group "Custom Data 1" "$S/surveymonkey.csv" >out &&
	test "$(head -1 out)" = "imported 6 answers from $S/surveymonkey.csv (csv, a SurveyMonkey export)" &&
	labels sm.db >l && test "$(cat l)" = "group:Q1=Bij wat voor organisatie werkt u?
group:Q3_2=Wat speelde mee? - Regie
text:Q2=Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" &&
	test "$(q sm.db "select group_concat(value) from attributes where name = \"Q3_2\"")" = "Regie,Regie"
'

test_expect_success 'SurveyMonkey'\''s Excel export: the question merged over its columns' '
	monkey_xlsx "$S/surveymonkey.csv" &&
	qcode --db smx.db import --id "Respondent ID" --text Q2 --group Q3_2 monkey.xlsx >out &&
	test "$(head -1 out)" = "imported 6 answers from monkey.xlsx (xlsx, a SurveyMonkey export)" &&
	test "$(labels smx.db | tail -2 | head -1)" = "group:Q3_2=Wat speelde mee? - Regie" &&
	test "$(q smx.db "select group_concat(text, \"|\") from answers")" = "$(q sm.db "select group_concat(text, \"|\") from answers")"
'

test_expect_success 'LimeSurvey: codes, the texts from its .lss or .txt structure' '
	qcode --db ls.db import --text Q2 --group Q1 --group "Q3[SQ001]" --questions "$S/limesurvey.lss" "$S/limesurvey.csv" >out &&
	test "$(head -1 out)" = "imported 6 answers from $S/limesurvey.csv (csv, a LimeSurvey export)" &&
	labels ls.db >l && test "$(cat l)" = "group:Q1=Bij wat voor organisatie werkt u?
group:Q3[SQ001]=Wat speelde mee? - Kennis
text:Q2=Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" &&
	qcode --db lt.db import --text Q2 --group "Q3[SQ002]" --questions "$S/limesurvey.txt" "$S/limesurvey.csv" >/dev/null &&
	labels lt.db >l2 && test "$(cat l2)" = "group:Q3[SQ002]=Wat speelde mee? - Regie
text:Q2=Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" &&
	expect_error 2 "qcode: error: --questions takes a LimeSurvey structure file: .lss or .txt, not '\''x.csv'\''" \
		qcode --db lx.db import --text Q2 --questions x.csv "$S/limesurvey.csv"
'

test_expect_success 'LimeSurvey with the texts in a second header row; --header-rows for any other file' '
	python3 -c "
import csv
rows = list(csv.reader(open(\"$S/limesurvey.csv\", newline=\"\")))
texts = [\"Response ID\", \"Date submitted\", \"Last page\", \"Start language\", \"Seed\", \"Organisatie\", \"Waarom niet gehaald?\", \"Kennis\", \"Regie\"]
w = csv.writer(open(\"ls2.csv\", \"w\", newline=\"\")); w.writerow(rows[0]); w.writerow(texts); w.writerows(rows[1:])" &&
	qcode --db l2.db import --text Q2 ls2.csv >/dev/null &&
	test "$(labels l2.db)" = "id:id=Response ID
text:Q2=Waarom niet gehaald?" &&
	printf "nr;antwoord\nRespondent;Waarom niet?\n(leeg);(leeg)\n1;Geen regie\n" >own.csv &&
	qcode --db o.db import --header-rows 3 --id nr --text antwoord own.csv >/dev/null &&
	test "$(q o.db "select ext_id || \"=\" || text from answers")" = "1=Geen regie" &&
	test "$(labels o.db)" = "id:nr=Respondent
text:antwoord=Waarom niet?" &&
	expect_error 2 "qcode: error: option '\''--header-rows'\'': '\''0'\'' is not a whole number from 1 to 10
usage: qcode import [--format csv|tsv|jsonl|xlsx|sav] [--id COL] [--text COL] [--group COL]...
                    [--delimiter C] [--encoding utf-8|cp1252|latin1] [--source NAME]
                    [--sheet NAME] [--header-rows N] [--questions SURVEY.lss|.txt]
                    [--replace | --skip-existing] FILE" qcode --db o2.db import --header-rows 0 own.csv
'

test_expect_success 'the question texts: variable labels in the .sav (PSPP reads them), the method note' '
	qcode --db ls.db code >/dev/null && qcode --db ls.db export -o ls.sav 2>warn &&
	sav_labels ls.sav >vars &&
	grep -qx "Q1=Bij wat voor organisatie werkt u?" vars &&
	grep -qx "Q3_SQ001=Wat speelde mee? - Kennis" vars &&
	grep -qx "text=Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?" vars &&
	grep -qx "primary=hoofdthema" vars &&
	test "$(cat warn)" = "qcode: warning: ls.sav: column '\''Q3[SQ001]'\'' is the SPSS variable '\''Q3_SQ001'\''" &&
	qcode --db ls.db appendix >a.md &&
	grep -q "^\*Vraag: “Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?”. Methode: " a.md &&
	qcode --db ls.db appendix --lang en >a-en.md &&
	grep -q "^\*Question: “Waarom is de ambitie Digitaal 2017 volgens u niet gehaald?”. Method: " a-en.md
'

test_done
