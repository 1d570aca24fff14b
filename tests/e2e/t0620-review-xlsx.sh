#!/bin/sh
# Test plan: reviewing in an Excel workbook -- review --export FILE.xlsx
# writes the answer as rich text with each theme's evidence in its colour,
# a 1/0 cell per theme and the primary as drop-downs, the machine's columns
# locked and the header frozen, in a private file; LibreOffice Calc reads
# it as the CSV sheet has it. A workbook edited by another writer, and one
# edited and saved again by LibreOffice, round-trip into the decision log
# as the named coder's decisions; an unchanged one records nothing, a
# second import nothing new. A blind workbook has no machine columns and no
# evidence. A cell that is neither 1 nor 0 is named and nothing applies.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
Q() { qcode --db p.db "$@"; }
lo() { soffice -env:UserInstallation=file://$TRASH/lo --headless "$@" >lo.log 2>&1; }
ndec() { q p.db "select count(*) from decisions"; }
# sheet XML of a workbook's first sheet
sheet1() { python3 -c "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())" "$1"; }
# edit IN OUT CELL=VALUE...: another writer changes cells (a number, or 's:text')
edit() {
	python3 - "$@" <<-\PY
	import re, sys, zipfile
	src, dst, changes = sys.argv[1], sys.argv[2], sys.argv[3:]
	z = zipfile.ZipFile(src); parts = [(i, z.read(i.filename)) for i in z.infolist()]; z.close()
	out = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
	for info, data in parts:
	    if info.filename == "xl/worksheets/sheet1.xml":
	        s = data.decode()
	        for ch in changes:
	            ref, val = ch.split("=", 1)
	            if val.startswith("s:"):
	                cell = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, val[2:])
	            else:
	                cell = '<c r="%s"><v>%s</v></c>' % (ref, val)
	            s, n = re.subn(r'<c r="%s"(?: [^>/]*)?(?:/>|>.*?</c>)' % ref, cell, s, count=1)
	            assert n == 1, ref
	        data = s.encode()
	    out.writestr(info, data)
	out.close()
	PY
}
# the cell of a theme's column in a row: col THEME ROW (the review sheet's columns)
col() { python3 -c "
import sys
heads = sys.argv[3].split(',')
c = heads.index(sys.argv[1]); s = ''
c += 1
while c: c, r = divmod(c - 1, 26); s = chr(65 + r) + s
print(s + sys.argv[2])" "$1" "$2" "$(head -1 r.csv)"; }

test_expect_success 'setup: a coded project' '
	Q import --group heading "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null
'

test_expect_success 'the review workbook: private, the sheet as the CSV has it, machine keys as headers' '
	Q review --export r.xlsx >out &&
	test "$(cat out)" = "wrote 22 answers to r.xlsx: fill in 1 or 0 under each theme and choose the '\''primary'\''" &&
	test "$(stat -c %a r.xlsx)" = 600 &&
	mkdir conv && lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir conv r.xlsx &&
	python3 -c "import csv; w = csv.writer(open(\"r.csv\", \"w\", newline=\"\"), lineterminator=\"\n\"); [w.writerow(r) for r in csv.reader(open(\"conv/r.csv\", newline=\"\"))]" &&
	test "$(head -1 r.csv)" = "id,text,machine_themes,machine_primary,contracten_ict,kennis,prioriteit,regie,uitbesteden,wetgeving,primary,note,shown" &&
	Q review --export r2.csv >/dev/null &&
	python3 -c "
import csv, sys
a = {r[\"id\"]: r for r in csv.DictReader(open(\"r2.csv\", newline=\"\"))}
keys = \"contracten_ict kennis prioriteit regie uitbesteden wetgeving\".split()
for r in csv.DictReader(open(\"r.csv\", newline=\"\")):
    b = a[r[\"id\"]]
    assert r[\"text\"] == b[\"text\"] and r[\"machine_themes\"] == b[\"machine_themes\"] and r[\"primary\"] == b[\"primary\"], r[\"id\"]
    assert \";\".join(k for k in keys if r[k] == \"1\") == b[\"themes\"], r[\"id\"]
    assert all(r[k] in (\"0\", \"1\") for k in keys), r[\"id\"]
print(\"same\")" | grep -q same
'

test_expect_success 'evidence in the theme colour, drop-downs, locked machine columns, frozen header' '
	sheet1 r.xlsx >s.xml &&
	grep -q "<color rgb=\"FF1B6CA8\"/><rFont val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></rPr><t>outsourcing</t>" s.xml &&
	grep -q "<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\" activePane=\"bottomRight\" state=\"frozen\"/>" s.xml &&
	grep -q "<sheetProtection " s.xml &&
	grep -q "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"0 of 1\" error=\"Vul 1 of 0 in.\" promptTitle=\"Thema\" prompt=\"1: het thema is van toepassing, 0: niet\" sqref=\"E2:J23\"><formula1>\"1,0\"</formula1></dataValidation>" s.xml &&
	grep -q "sqref=\"K2:K23\"><formula1>\"contracten_ict,kennis,prioriteit,regie,uitbesteden,wetgeving\"</formula1>" s.xml &&
	python3 -c "
import zipfile, re
z = zipfile.ZipFile(\"r.xlsx\")
styles = z.read(\"xl/styles.xml\").decode()
xfs = re.findall(r\"<xf [^>]*?(?:/>|>.*?</xf>)\", styles.split(\"<cellXfs\")[1])
s = z.read(\"xl/worksheets/sheet1.xml\").decode()
def locked(ref):
    st = int(re.search(r\"<c r=\\\"%s\\\" s=\\\"(\\d+)\\\"\" % ref, s).group(1))
    return \"locked=\\\"0\\\"\" not in xfs[st]
assert locked(\"A2\") and locked(\"B2\") and locked(\"C2\") and locked(\"D2\")
assert not locked(\"E2\") and not locked(\"K2\") and not locked(\"L2\")
print(\"ok\")" | grep -q ok
'

test_expect_success 'a workbook changed by another writer: the coder'\''s decisions, once' '
	n=$(ndec) &&
	edit r.xlsx e.xlsx "$(col kennis 2)=1" "$(col note 2)=s:kennis telt ook" &&
	Q review --import e.xlsx --coder dirk >out &&
	test "$(cat out)" = "applied 1 reviewed answer from e.xlsx (21 rows as before: nothing recorded)" &&
	test "$(q p.db "select group_concat(x, \",\") from (select action || \" \" || coalesce(theme, \"-\") as x from decisions d join answers a on a.id = d.answer_id where a.ext_id = \"d37-01\" and coder = \"dirk\" and note = \"kennis telt ook\" order by d.id)")" = "none -,add contracten_ict,add kennis,primary contracten_ict" &&
	Q review --import e.xlsx --coder dirk >out &&
	test "$(cat out)" = "applied 0 reviewed answers from e.xlsx (22 rows as before: nothing recorded)" &&
	test "$(ndec)" = $((n + 4))
'

test_expect_success 'a workbook edited and saved by LibreOffice Calc round-trips into the log' '
	Q review --export r3.xlsx >/dev/null && n=$(ndec) &&
	mkdir lo1 && lo --convert-to xlsx --outdir lo1 r3.xlsx &&
	Q review --import lo1/r3.xlsx --coder eva >out &&
	test "$(cat out)" = "applied 0 reviewed answers from lo1/r3.xlsx (22 rows as before: nothing recorded)" &&
	edit r3.xlsx r4.xlsx "$(col wetgeving 5)=0" "$(col regie 5)=1" "$(col primary 5)=s:regie" &&
	mkdir lo2 && lo --convert-to xlsx --outdir lo2 r4.xlsx &&
	sheet1 lo2/r4.xlsx | grep -q "<sheetData>" &&
	Q review --import lo2/r4.xlsx --coder eva >out &&
	test "$(cat out)" = "applied 1 reviewed answer from lo2/r4.xlsx (21 rows as before: nothing recorded)" &&
	test "$(q p.db "select group_concat(x, \",\") from (select action || \" \" || coalesce(theme, \"-\") as x from decisions d join answers a on a.id = d.answer_id where a.ext_id = \"d37-04\" and coder = \"eva\" order by d.id)")" = "none -,add regie,primary regie" &&
	test "$(ndec)" = $((n + 3))
'

test_expect_success 'a blind workbook: no machine columns, no evidence; each filled row the coder'\''s coding' '
	Q review --blind --coder bob --export b.xlsx >/dev/null &&
	sheet1 b.xlsx >b.xml && ! grep -q "<rPr>" b.xml && ! grep -q machine_themes b.xml &&
	python3 -c "
import zipfile, re
s = zipfile.ZipFile(\"b.xlsx\").read(\"xl/worksheets/sheet1.xml\").decode()
heads = re.findall(r\"<c r=\\\"[A-Z]+1\\\"[^>]*><is><t>([^<]*)</t>\", s)
print(\",\".join(heads))" >heads &&
	test "$(cat heads)" = "id,text,contracten_ict,kennis,prioriteit,regie,uitbesteden,wetgeving,primary,note,shown" &&
	edit b.xlsx bf.xlsx C2=1 D2=0 E2=0 F2=0 G2=0 H2=0 I2=s:contracten_ict C3=0 D3=0 E3=0 F3=0 G3=0 H3=0 &&
	Q review --import bf.xlsx --coder bob >out &&
	test "$(cat out)" = "applied 2 reviewed answers from bf.xlsx" &&
	test "$(q p.db "select group_concat(x, \",\") from (select action || \" \" || coalesce(theme, \"-\") as x from decisions d join answers a on a.id = d.answer_id where a.ext_id = \"d37-02\" and coder = \"bob\" order by d.id)")" = "none -"
'

test_expect_success 'a cell neither 1 nor 0 is named; an unknown theme column too; nothing applies' '
	n=$(ndec) &&
	edit r.xlsx bad.xlsx "$(col kennis 2)=1" "$(col kennis 3)=2" &&
	expect_error 3 "bad.xlsx:Beoordelen!$(col kennis 3): '\''2'\'' under the theme '\''kennis'\'' is neither 1 nor 0" Q review --import bad.xlsx --coder dirk &&
	edit r.xlsx bad2.xlsx "E1=s:onbekend" &&
	expect_error 3 "qcode: error: bad2.xlsx: the column '\''onbekend'\'' is no theme of the project (the themes are: contracten_ict, kennis, prioriteit, regie, uitbesteden, wetgeving)" Q review --import bad2.xlsx &&
	test "$(ndec)" = "$n"
'

test_expect_success '--lang en: the sheets and the legend in English' '
	Q review --export en.xlsx --lang en >/dev/null &&
	python3 -c "
import zipfile, re
wb = zipfile.ZipFile(\"en.xlsx\").read(\"xl/workbook.xml\").decode()
print(\",\".join(re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", wb)))" >names &&
	test "$(cat names)" = "Review,Themes" &&
	expect_error 2 "qcode: error: --excel is for a CSV sheet; a .xlsx workbook is Excel'\''s own
usage: qcode review [--queue all|uncoded|multi|low|changed|quotes] [--theme T] [--low SCORE]
                    [--sample N --seed S] [--coder NAME] [--blind] [-k N]
       qcode review --export FILE.xlsx|FILE.csv [--excel] [--lang nl|en] [queue options]
                                                         review in a spreadsheet
       qcode review --import FILE.xlsx|FILE.csv [--coder NAME]   apply a reviewed spreadsheet" Q review --export x.xlsx --excel
'

test_done
