#!/bin/sh
# Test plan: import of Excel workbooks -- a workbook saved by LibreOffice
# Calc (from the corpus CSV) imports as the CSV does, answer for answer;
# --sheet picks a sheet by name; a bad cell is named file.xlsx:Sheet!C12
# and nothing is imported; a zip bomb, an XML bomb, an old .xls and a
# file that is no workbook are refused with their limit or kind named;
# export --format xlsx writes three sheets, and LibreOffice reads the
# answers sheet back as the CSV export has them.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
# LibreOffice Calc, headless, with a profile of its own
lo() { soffice -env:UserInstallation=file://$TRASH/lo --headless "$@" >lo.log 2>&1; }
# a workbook of hand-written parts: mk FILE SHEET_XML [SHARED_STRINGS_XML]
mk() {
	python3 - "$@" <<-\PY
	import sys, zipfile
	rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
	        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
	wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
	      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
	      '<sheet name="Blad 1" sheetId="1" r:id="rId1"/></sheets></workbook>')
	wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
	          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
	          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
	z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
	z.writestr("_rels/.rels", rels); z.writestr("xl/workbook.xml", wb); z.writestr("xl/_rels/workbook.xml.rels", wbrels)
	z.writestr("xl/worksheets/sheet1.xml", sys.argv[2])
	if len(sys.argv) > 3: z.writestr("xl/sharedStrings.xml", sys.argv[3])
	z.close()
	PY
}
answers() { q "$1" "select a.ext_id, a.text, coalesce((select group_concat(name || '=' || value, ';') from attributes where answer_id = a.id), '') from answers a order by a.id"; }

test_expect_success 'setup: the corpus as a workbook saved by LibreOffice Calc' '
	cp "$CORPUS/answers.csv" corpus.csv &&
	lo --infilter="CSV:44,34,76,1" --convert-to xlsx corpus.csv && test -s corpus.xlsx &&
	qcode --db csv.db import --group heading corpus.csv >/dev/null
'

test_expect_success 'a workbook saved by LibreOffice imports as its CSV does' '
	qcode --db x.db import --group heading corpus.xlsx >out &&
	test "$(head -1 out)" = "imported 22 answers from corpus.xlsx (xlsx)" &&
	answers csv.db >a && answers x.db >b && diff -u a b &&
	test "$(q x.db "select format from imports")" = xlsx
'

test_expect_success '--sheet picks a sheet by name; a missing one names those there are' '
	cp corpus.xlsx two.xlsx &&
	python3 -c "
import zipfile, re
z = zipfile.ZipFile(\"two.xlsx\"); parts = {n: z.read(n) for n in z.namelist()}; z.close()
wb = parts[\"xl/workbook.xml\"].decode()
print(re.findall(r\"<sheet [^>]*>\", wb))
" >sheets && grep -q "name=\"corpus\"" sheets &&
	qcode --db y.db import --sheet CORPUS corpus.xlsx >/dev/null &&
	expect_error 3 "qcode: error: corpus.xlsx: no sheet '\''Blad9'\'' (its sheets are: corpus)" qcode --db z.db import --sheet Blad9 corpus.xlsx &&
	qcode --db z.db import --sheet x corpus.csv 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: --sheet is for an .xlsx workbook"
'

test_expect_success 'a bad cell is named file.xlsx:Sheet!C12, and nothing is imported' '
	mk dup.xlsx "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>
	<row r=\"2\"><c r=\"A2\"><v>7</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>een</t></is></c></row>
	<row r=\"12\"><c r=\"A12\"><v>7</v></c><c r=\"B12\" t=\"inlineStr\"><is><t>twee</t></is></c></row></sheetData></worksheet>" \
	   "<sst><si><t>id</t></si><si><t>text</t></si></sst>" &&
	expect_error 3 "dup.xlsx:'\''Blad 1'\''!A12: duplicate id '\''7'\'' in this file" qcode --db d.db import dup.xlsx &&
	test ! -e d.db &&
	mk bad.xlsx "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>" \
	   "<sst><si><t>id</t></si><si><t>text</t></si></sst>" &&
	expect_error 3 "bad.xlsx:'\''Blad 1'\''!B1: shared string 5, but the workbook has 2" qcode --db d.db import bad.xlsx
'

test_expect_success 'a zip bomb and an XML bomb are refused with the limit named' '
	python3 -c "
import zipfile
z = zipfile.ZipFile(\"bomb.xlsx\", \"w\", zipfile.ZIP_DEFLATED)
z.writestr(\"_rels/.rels\", \"<Relationships xmlns=\\\"http://schemas.openxmlformats.org/package/2006/relationships\\\"><Relationship Id=\\\"r\\\" Type=\\\"x/officeDocument\\\" Target=\\\"xl/workbook.xml\\\"/></Relationships>\")
z.writestr(\"xl/workbook.xml\", \"<workbook xmlns:r=\\\"r\\\"><sheets><sheet name=\\\"S\\\" r:id=\\\"rId1\\\"/></sheets></workbook>\")
z.writestr(\"xl/_rels/workbook.xml.rels\", \"<Relationships><Relationship Id=\\\"rId1\\\" Type=\\\"x/worksheet\\\" Target=\\\"worksheets/sheet1.xml\\\"/></Relationships>\")
z.writestr(\"xl/worksheets/sheet1.xml\", \"<worksheet><sheetData>\" + \" \" * (200 << 20) + \"</sheetData></worksheet>\")
z.close()" &&
	test "$(stat -c %s bomb.xlsx)" -lt 1000000 &&
	qcode --db b.db import bomb.xlsx 2>err; test $? = 3 &&
	grep -q "^qcode: error: bomb.xlsx: the part '\''xl/worksheets/sheet1.xml'\'' expands to more than 100 times its compressed size of [0-9]* bytes, the limit past 16 MiB (a zip bomb?)$" err &&
	mk laughs.xlsx "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>" &&
	expect_error 3 "qcode: error: laughs.xlsx: the part '\''xl/worksheets/sheet1.xml'\'' has a document type declaration, which no workbook has (entity declarations are refused: an XML bomb?)" qcode --db b.db import laughs.xlsx &&
	test ! -e b.db
'

test_expect_success 'an old .xls and a file that is no workbook are named as such' '
	printf "\320\317\021\340\241\261\032\341rest" >old.xlsx &&
	expect_error 3 "qcode: error: old.xlsx: is an encrypted workbook or an old Excel .xls file; save it in Excel as .xlsx (Excel Workbook) without a password" qcode --db o.db import old.xlsx &&
	cp corpus.csv notzip.xlsx &&
	expect_error 3 "qcode: error: notzip.xlsx: is not an .xlsx workbook (not a zip file)" qcode --db o.db import notzip.xlsx
'

test_expect_success 'export --format xlsx: three sheets; LibreOffice reads the answers as the CSV export has them' '
	qcode --db x.db code >/dev/null &&
	qcode --db x.db export -o e.xlsx && test "$(stat -c %a e.xlsx)" = 600 &&
	qcode --db x.db export -o e.csv &&
	mkdir conv && lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir conv e.xlsx &&
	python3 -c "
import csv, sys
a = list(csv.reader(open(\"e.csv\", newline=\"\")))
b = list(csv.reader(open(\"conv/e.csv\", newline=\"\")))
sys.exit(0 if a == b else \"differ: %r\" % [(x, y) for x, y in zip(a, b) if x != y][:2])" &&
	python3 -c "
import zipfile, re
wb = zipfile.ZipFile(\"e.xlsx\").read(\"xl/workbook.xml\").decode()
print(\",\".join(re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", wb)))" >names &&
	test "$(cat names)" = "antwoorden,codeframe,methode"
'

test_expect_success 'every cell from an answer is a string in the workbook, never a formula' '
	printf "id,text\n=1+1,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"\n007,+31 6 1234\n" >inj.csv &&
	qcode --db inj.db import inj.csv >/dev/null && qcode --db inj.db export -o inj.xlsx &&
	python3 -c "
import zipfile
s = zipfile.ZipFile(\"inj.xlsx\").read(\"xl/worksheets/sheet1.xml\").decode()
assert \"<f>\" not in s, s
assert \">=HYPERLINK(&quot;http://x&quot;,&quot;klik&quot;)<\" in s or \">=HYPERLINK(\\\"http://x\\\",\\\"klik\\\")<\" in s, s
assert \">007<\" in s and \">+31 6 1234<\" in s, s" &&
	qcode --db inj2.db import inj.xlsx --sheet antwoorden >/dev/null &&
	test "$(q inj2.db "select group_concat(ext_id || \"=\" || text, \"|\") from answers")" = "=1+1==HYPERLINK(\"http://x\",\"klik\")|007=+31 6 1234"
'

test_done
