#!/bin/sh
# Test plan: CSV for Dutch Excel and one language per report -- --excel on
# export, review sheets and tables writes a byte order mark, ';', CRLF and
# a decimal comma, which LibreOffice Calc in a Dutch locale reads as
# numbers; such a file imports again (the mark stripped, CRLF accepted).
# The appendix, tables, chart, exports and workbooks speak Dutch by
# default, English with --lang en or the codeframe's "%lang en", never
# both in one document; CSV headers stay machine keys.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
Q() { qcode --db p.db "$@"; }
lo() { soffice -env:UserInstallation=file://$TRASH/lo --headless "$@" >lo.log 2>&1; }
# English words in a Dutch document, Dutch ones in an English one
no_english() { ! grep -Ewi "answers?|confirmed|chosen|machine|method|theme|themes|total|percentages of|no answers" "$1"; }
no_dutch() { ! grep -Ewi "antwoorden|antwoord|bevestigd|gekozen|machinaal|methode|thema|totaal|vraag|geen|gecodeerd|hoofdthema" "$1"; }

test_expect_success 'setup: a coded project' '
	Q import --group heading --group paragraph "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null
'

test_expect_success 'export --excel: a byte order mark, ;, CRLF, a decimal comma' '
	Q export --excel -o e.csv &&
	head -c 3 e.csv | od -An -tx1 | grep -q "ef bb bf" &&
	head -1 e.csv | grep -q "^.*id;heading;paragraph;text;contracten_ict;kennis;" &&
	test "$(grep -c "$(printf "\r")\$" e.csv)" = "$(wc -l <e.csv)" &&
	grep -q "^d37-06;.*;prioriteit;;;3,5;3;;" e.csv
'

test_expect_success 'LibreOffice Calc in a Dutch locale reads its numbers as numbers' '
	lo --infilter="CSV:59,34,76,1,,1043" --convert-to xlsx e.csv &&
	qcode --db lo.db import --id id --group score_prioriteit e.xlsx >/dev/null &&
	test "$(q lo.db "select value from attributes a join answers b on b.id = a.answer_id where ext_id = \"d37-06\" and name = \"score_prioriteit\"")" = 3.5
'

test_expect_success 'an --excel export imports again: the mark stripped, CRLF accepted, ; found' '
	qcode --db again.db import --group heading --group paragraph e.csv >/dev/null &&
	test "$(q again.db "select group_concat(ext_id || \"=\" || text, \"|\") from answers")" = "$(q p.db "select group_concat(ext_id || \"=\" || text, \"|\") from answers")" &&
	test "$(q again.db "select count(*) from answers where text like \"%\" || char(13) || \"%\"")" = 0
'

test_expect_success 'review --export --excel: a sheet Dutch Excel opens; filled in, it imports' '
	Q review --theme kennis --excel --export k.csv >/dev/null &&
	head -c 3 k.csv | od -An -tx1 | grep -q "ef bb bf" &&
	python3 -c "
import csv
rows = list(csv.reader(open(\"k.csv\", newline=\"\", encoding=\"utf-8-sig\"), delimiter=\";\"))
assert rows[0] == [\"id\", \"text\", \"machine_themes\", \"machine_primary\", \"themes\", \"primary\", \"note\", \"shown\"], rows[0]
rows[1][4], rows[1][5] = \"kennis;regie\", \"regie\"
w = csv.writer(open(\"k.csv\", \"w\", newline=\"\", encoding=\"utf-8-sig\"), delimiter=\";\", lineterminator=\"\r\n\")
w.writerows(rows)" &&
	Q review --import k.csv --coder dirk >out &&
	test "$(cat out)" = "applied 1 reviewed answer from k.csv (3 rows as before: nothing recorded)"
'

test_expect_success 'table --excel: the same, CSV headers machine keys' '
	Q table --by paragraph --format csv --excel >t.csv &&
	head -c 3 t.csv | od -An -tx1 | grep -q "ef bb bf" &&
	sed -n 1p t.csv | grep -q "theme;3.1 n;3.1 %;3.1 mark;3.7 n;3.7 %;3.7 mark;total n;total %;p;test" &&
	grep -q "^Kennis;0;0,0;;4;20,0;;4;18,2;1,0000;fisher" t.csv &&
	expect_error 2 "qcode: error: --excel is for --format csv
usage: qcode table [--by COL [--by COL2]] [--format md|csv|tsv] [--base respondents|mentions]
                   [--excel] [--lang nl|en] [-o FILE]" Q table --excel
'

test_expect_success 'Dutch by default: table, chart, appendix, workbook, .sav -- no English in them' '
	Q table --by paragraph >t.md && no_english t.md &&
	grep -q "^| Thema | 3.1 (N = 2) | 3.7 (N = 20) | Totaal (N = 22) | p |$" t.md &&
	Q chart -o c.svg && grep -q "Thema.s (% van de antwoorden)" c.svg && grep -q "Totaal: 3 van 22</title>" c.svg &&
	sed "s/<[^>]*>/ /g" c.svg >c.txt && no_english c.txt &&
	Q appendix -o a.md && sed "/^<!--/d" a.md >a.txt && no_english a.txt &&
	Q appendix -o a.html && sed "s/<[^>]*>/ /g; /^mark{/d" a.html >h.txt && grep -q "<html lang=\"nl\">" a.html
'

test_expect_success '--lang en: every one of them in English, none with Dutch of its own' '
	Q table --by paragraph --lang en >t.md &&
	grep -q "^| Theme | 3.1 (N = 2) | 3.7 (N = 20) | Total (N = 22) | p |$" t.md &&
	grep -q "need not add up to 100%" t.md &&
	Q chart --lang en -o c.svg && grep -q "Total: 3 of 22</title>" c.svg && grep -q "Themes (% of the answers)" c.svg &&
	Q appendix --lang en --title "Appendix" -o a.md && grep -q "^> \*chosen by the machine\*$" a.md &&
	sed "/^<!--/d; /^>/d; /^## /d" a.md >a.txt && no_dutch a.txt &&
	Q export --lang en -o e.xlsx &&
	python3 -c "
import zipfile, re
wb = zipfile.ZipFile(\"e.xlsx\").read(\"xl/workbook.xml\").decode()
print(\",\".join(re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", wb)))" >names && test "$(cat names)" = "answers,codeframe,method" &&
	Q export --lang en -o e.sav &&
	printf "GET FILE=%se.sav%s.\nDISPLAY DICTIONARY.\n" "'\''" "'\''" >d.sps && pspp -O format=csv -o d.csv d.sps &&
	grep -q "^primary,.*,primary theme," d.csv && grep -q "^,1.00,yes$" d.csv
'

test_expect_success 'the codeframe'\''s %lang en makes English the default; --lang nl still rules' '
	cp -r "$TEST_ROOT/lexicons" lex && printf "%%lang en\n" >>lex/shared.groups &&
	qcode --lexicons lex lexicon lint >/dev/null &&
	qcode --db p.db --lexicons lex table --by paragraph >t.md && grep -q "^| Theme |" t.md &&
	qcode --db p.db --lexicons lex table --by paragraph --lang nl >t.md && grep -q "^| Thema |" t.md &&
	printf "%%lang fr\n" >>lex/shared.groups &&
	qcode --db p.db --lexicons lex table 2>err; test $? = 3 &&
	grep -q "shared.groups:[0-9]*:7: %lang is nl or en: the language of the labels and reports" err &&
	expect_error 2 "qcode: error: unknown language '\''de'\'' (use nl or en)" Q table --lang de
'

test_done
