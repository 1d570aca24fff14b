#!/bin/sh
# Test plan: the project's themes are one list for every command -- the
# latest run's in its order, then the themes of earlier runs still in
# force, then those only human decisions add -- so that a theme a human
# coded never disappears from any output: after `decide X --primary
# kennis`, removing kennis.lex and coding again, summary, export (CSV and
# the workbook's codeframe), table, chart, review's sheet and queues,
# decide, quotes, eval and the browser's session all show kennis, last,
# with the label of the run that had it.
. "$(dirname "$0")/lib.sh"

Q() { qcode --lexicons lex --db p.db "$@"; }

test_expect_success 'setup: a coded project, a decision for kennis, kennis.lex removed, coded again' '
	cp -r "$TEST_ROOT/lexicons" lex &&
	Q import --group heading "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null &&
	Q decide d37-04 --primary kennis --coder d >out &&
	test "$(cat out)" = "d37-04: kennis* wetgeving" &&
	rm lex/kennis.lex && Q code >/dev/null &&
	Q runs | cut -f1 | tail -1 | grep -qx 2
'

test_expect_success 'summary and export show the human code, after the run'"'"'s themes' '
	Q summary >s &&
	sed -n "4,10p" s | cut -c1-18 | sed "s/ *$//" | tr "\n" " " >keys &&
	test "$(cat keys)" = "contracten_ict prioriteit regie uitbesteden wetgeving kennis (no theme) " &&
	grep -q "^kennis  *1  *4.5%  *1$" s &&
	Q export -o e.csv &&
	head -1 e.csv | grep -q ",wetgeving,kennis,primary," &&
	grep -q "^d37-04,.*,0,0,0,0,1,1,kennis," e.csv
'

test_expect_success 'the workbook'"'"'s codeframe names kennis with the label of the run that had it' '
	Q export -o e.xlsx &&
	python3 -c "
import re, zipfile
s = zipfile.ZipFile(\"e.xlsx\").read(\"xl/worksheets/sheet2.xml\").decode()
rows = [re.findall(r\"<t>([^<]*)</t>\", r) for r in re.findall(r\"<row [^>]*>(.*?)</row>\", s)]
assert rows[-1] == [\"kennis\", \"Kennis\"], rows"
'

test_expect_success 'table and chart show kennis' '
	Q table --format tsv >t && tail -n +2 t | cut -f1 | grep -qx Kennis &&
	Q chart -o c.svg && grep -q ">Kennis<" c.svg
'

test_expect_success 'review'"'"'s sheet, its queue by theme and decide know kennis' '
	Q review --export r.csv >/dev/null && grep -q "^d37-04,.*kennis" r.csv &&
	Q review --theme kennis --export k.csv >/dev/null && test "$(tail -n +2 k.csv | cut -d, -f1)" = d37-04 &&
	Q decide d37-05 +kennis --coder d >out && grep -q "kennis" out
'

test_expect_success 'quotes and eval know kennis' '
	Q quotes --theme kennis >q && grep -q "^## kennis: Kennis" q && grep -q "d37-04 (confirmed)" q &&
	printf "id,theme,primary\nd37-04,kennis,1\nd37-05,wetgeving,1\nd37-01,regie,1\n" >gold.csv &&
	Q eval --gold gold.csv --against effective >ev &&
	grep -q "^kennis " ev
'

test_done
