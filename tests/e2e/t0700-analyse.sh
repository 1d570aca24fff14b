#!/bin/sh
# Test plan: analysis -- eval against the corpus gold file (every primary
# right, per-theme counts), --min-kappa as a gate (exit 1), agreement
# between two coders from the decision log, bad gold files (unknown ids
# and themes listed); table by a group variable (md, csv, two variables,
# an unknown variable); chart as SVG; kwic of a word (compounds too), a
# glob and a rule (what it matches now, in themes coded or not);
# suggest for a theme, without the words its rules and groups hold.
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }

test_expect_success 'setup: the corpus project' '
	Q import --group paragraph --group heading "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null
'

test_expect_success 'eval: every primary right, the counts per theme' '
	Q eval --gold "$CORPUS/gold.csv" --boot 200 >e &&
	grep -q "^Agreement of machine with gold.csv: 22 answers, 6 themes; 95% intervals from 200 bootstrap resamples (seed 1)$" e &&
	grep -q "^primary theme: 20 of 20 answers with a gold.csv primary agree (accuracy 1.000)" e &&
	grep -q "^contracten_ict       3     3    3    0    0  1.000   1.000   1.000  \[1.000, 1.000\]   1.000" e &&
	grep -q "^rules behind the most false positives:" e
'

test_expect_success 'eval is reproducible with a seed' '
	Q eval --gold "$CORPUS/gold.csv" --boot 200 --seed 5 >a &&
	Q eval --gold "$CORPUS/gold.csv" --boot 200 --seed 5 >b && cmp a b
'

test_expect_success '--min-kappa gates: exit 1 below, 0 above' '
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --min-kappa 0.95 >out; test $? = 1 &&
	grep -q "^2 themes below --min-kappa 0.950$" out &&
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --min-kappa 0.5 >/dev/null
'

test_expect_success 'a gold file with unknown ids and themes: exit 3, all listed' '
	printf "id,theme,primary\nd37-01,contracten_ict,1\nx1,regie,1\nd37-02,bogus,1\nx2,regie,0\n" >g.csv &&
	Q eval --gold g.csv 2>err; test $? = 3 &&
	grep -q "^qcode: error: g.csv: ids not in the project: x1 (row 3), x2 (row 5)$" err &&
	printf "id,theme,primary\nd37-02,bogus,1\n" >g2.csv &&
	expect_error 3 "qcode: error: g2.csv: unknown themes: bogus (row 2) (the themes are: contracten_ict, kennis, prioriteit, regie, uitbesteden, wetgeving)" Q eval --gold g2.csv
'

test_expect_success 'eval --where: a subset by an imported column' '
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --where paragraph=3.7 >w &&
	grep -q "^Agreement of machine with gold.csv (paragraph=3.7): 20 answers, 6 themes;" w &&
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --where paragraph=3.7 --where heading=Kennis >w2 &&
	grep -q "^Agreement of machine with gold.csv (paragraph=3.7, heading=Kennis): 3 answers," w2 &&
	expect_error 2 "qcode: error: --where nope=1: the project has no column '\''nope'\'' (its columns: heading, paragraph)" Q eval --gold "$CORPUS/gold.csv" --where nope=1 &&
	expect_error 2 "qcode: error: --where takes COLUMN=VALUE, not '\''paragraph'\''" Q eval --gold "$CORPUS/gold.csv" --where paragraph
'

test_expect_success 'a gold file of some answers: only those are compared, and said so' '
	printf "id,theme,primary\nd37-01,contracten_ict,1\nd37-04,wetgeving,1\nd31-01,,\n" >part.csv &&
	Q eval --gold part.csv --boot 0 >p &&
	grep -q "^Agreement of machine with part.csv: 3 answers, 6 themes" p &&
	grep -q "^19 answers of the project are not in part.csv and are left out (an answer with no theme is a row with an empty theme)$" p &&
	grep -q "^contracten_ict  *1  *1  *1  *0  *0 " p &&
	sed -n "/^rules behind the most false positives:/,/^$/p" p >fp &&
	grep -q "^  none$" fp
'

test_expect_success 'a gold file with two primary themes for one answer, or a bad primary: exit 3' '
	printf "id,theme,primary\nd37-01,contracten_ict,1\nd37-01,regie,1\n" >two.csv &&
	expect_error 3 "qcode: error: two.csv: row 3: a second primary theme for '\''d37-01'\'': regie (row 2 gave contracten_ict)" Q eval --gold two.csv &&
	printf "id,theme,primary\nd37-01,contracten_ict,yes\n" >bad.csv &&
	expect_error 3 "qcode: error: bad.csv: row 2: primary is 1, 0 or empty, not '\''yes'\''" Q eval --gold bad.csv
'

test_expect_success 'eval --rules: every rule with its hits against the gold, noisiest first' '
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --rules >r &&
	grep -q "^rules against gold.csv over 22 answers, noisiest first" r &&
	sed -n "/^theme  *rule  *hits/,/^\$/p" r | grep . >rows &&
	sed -n 2p rows | grep -q "^prioriteit  *focus  *1  *0  *1  *0.000  *0  *0$" &&
	grep -q "^wetgeving  *wetgeving  *5  *5  *0  *1.000  *0  *0$" rows &&
	grep -q "^uitbesteden  *ratjetoe  *1  *1  *0  *1.000  *0  *0$" rows &&
	tail -1 rows | grep -q "  *0  *0  *0  *-  *0  *0$" &&
	Q eval --gold "$CORPUS/gold.csv" --against effective --rules 2>err; test $? = 2 &&
	grep -q "^qcode: error: --rules needs the machine.s codes: --against machine$" err
'

test_expect_success 'eval --missed: each missed code with the words that mark its theme' '
	printf "id,theme,primary\nd37-18,kennis,1\nd37-19,kennis,1\nd37-20,kennis,1\nd37-02,kennis,1\nd37-01,,\n" >m.csv &&
	Q eval --gold m.csv --boot 0 --missed >m &&
	grep -q "^m.csv codes machine missed, with the words there that mark the theme in m.csv:$" m &&
	grep -q "^  d37-02  *kennis  *grote$" m &&
	! grep -q "^  d37-20 " m &&
	Q eval --gold "$CORPUS/gold.csv" --boot 0 --missed >m2 &&
	grep -q "^  none$" m2
'

test_expect_success 'numeric options are checked: exit 2 naming the option and the value' '
	expect_error 2 "qcode: error: option '\''--min-kappa'\'': '\''abc'\'' is not a number from -1 to 1
usage: qcode eval --gold FILE.csv [--against machine|effective] [options]
       qcode eval --coder A --against B|machine [options]" Q eval --gold "$CORPUS/gold.csv" --min-kappa abc &&
	Q eval --gold "$CORPUS/gold.csv" --boot 1e3 2>err; test $? = 2 &&
	grep -q "^qcode: error: option .--boot.: .1e3. is not a whole number from 0 to 100000$" err
'

test_expect_success 'two coders: agreement from the decision log' '
	for id in d37-01 d37-02 d37-03; do Q decide $id +regie --coder ann >/dev/null; done &&
	Q decide d37-01 +regie --coder bob >/dev/null && Q decide d37-02 +regie --coder bob >/dev/null &&
	Q decide d37-03 +kennis --coder bob >/dev/null &&
	Q eval --coder ann --against bob --boot 0 >c &&
	grep -q "^Agreement of bob with ann: 3 answers" c &&
	grep -q "^regie  *3  *2  *2  *0  *1 " c
'

test_expect_success 'fewer than two answers in common: a clear error' '
	Q decide d37-01 +regie --coder solo >/dev/null &&
	Q eval --coder solo --against machine 2>err; test $? = 3 &&
	grep -q "fewer than two answers coded by both solo and machine" err
'

test_expect_success 'table by paragraph: counts, column percentages, N, total and p' '
	Q table --by paragraph >t &&
	grep -q "^| Thema | 3.1 (N = 2) | 3.7 (N = 20) | Totaal (N = 22) | p |$" t &&
	grep -q "^| Wetgeving | 0 (0%) | 7 (35%) | 7 (32%) | 1.000ᶠ |$" t &&
	grep -q "hoeft niet op 100% uit te komen" t
'

test_expect_success 'table: a mark where a group differs, csv, mentions, two variables' '
	Q table --by heading --format csv >t.csv &&
	grep -q "^Outsourcing / Contracten ICT-aanbieders,.*,2,100.0,higher," t.csv &&
	Q table --by paragraph --base mentions | grep -q "Percentages van de vermeldingen" &&
	Q table --by paragraph --by heading | head -1 | grep -q "3.7 / Wetgeving (N = 3)"
'

test_expect_success 'table of an unknown group variable: exit 3 and the ones there are' '
	expect_error 3 "qcode: error: no group variable '\''nope'\''; the project has: heading, paragraph" Q table --by nope
'

test_expect_success 'chart: a self-contained SVG with the theme labels' '
	Q chart --by paragraph -o c.svg &&
	head -1 c.svg | grep -q "^<svg xmlns=\"http://www.w3.org/2000/svg\"" &&
	grep -q ">Wetgeving</text>" c.svg && ! grep -q "href=\"http" c.svg &&
	python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(\"c.svg\")"
'

test_expect_success 'kwic of a word (by stem), a glob and a rule' '
	Q kwic --width 20 regie >k 2>err && test "$(wc -l <k)" = 2 && grep -q "^2 occurrences of '\''regie'\''$" err &&
	grep -q "^d37-12     geen of onvoldoende  \[regie\]  op de digitaliserin$" k &&
	Q kwic "privacy*" 2>/dev/null | grep -q "\[Privacywetgeving\]" &&
	Q kwic "wetgeving:=avg" 2>err && grep -q "^0 occurrences" err
'

test_expect_success 'kwic finds what a rule matches: compound heads, themes not coded; a word, its compounds' '
	mkdir lexk && printf "%%key t\n%%min-score 10\ncontract\n%%group g leverancier* jongens\nmacht NEAR/4 @g\n" >lexk/t.lex &&
	Q --lexicons lexk kwic --width 12 t:contract >k 2>err &&
	echo "d37-02     Langlopende  [ICT-contracten] , macht van " >want && diff -u want k &&
	echo "1 occurrence of '\''t:contract'\''" >want && diff -u want err &&
	Q --lexicons lexk kwic "t:macht NEAR/4 @g" 2>/dev/null | grep -q "\[macht van de grote ICT-jongens\]" &&
	Q kwic --width 12 contract >k 2>/dev/null && diff -u - k <<-\EOF &&
	d37-02     Langlopende  [ICT-contracten] , macht van 
	EOF
	expect_error 3 "qcode: error: theme '\''t'\'' has no rule '\''nope'\'' (qcode lexicon show t lists them)" \
		Q --lexicons lexk kwic t:nope &&
	expect_error 3 "qcode: error: unknown theme '\''nope'\''" Q --lexicons lexk kwic nope:x
'

test_expect_success 'suggest: over-represented stems not yet in the lexicon' '
	Q --lexicons "$TEST_ROOT/lexicons" suggest --top 3 kennis >s &&
	grep -q "^5 of 22 answers coded kennis (human decisions where made, else the machine.s)" s &&
	grep -q "^regional  *[0-9.]*  *3  *0  regionaal (d37-18)  *-$" s &&
	test "$(sed -n "4,\$p" s | wc -l)" = 3 &&
	! grep -q "^kennis " s
'

test_expect_success 'suggest --gold: the themes of a hand coding; words another theme has are named' '
	Q suggest --top 30 --gold "$CORPUS/gold.csv" prioriteit >s &&
	grep -q "^6 of 22 answers coded prioriteit ($CORPUS/gold.csv)" s &&
	grep -q "^landelijk  *[0-9.]*  *2  *0  landelijke (d37-06)  *regie$" s &&
	! grep -q "^prioriteit " s
'

test_expect_success 'suggest --where: a subset of the answers; bad options say what is wrong' '
	Q suggest --gold "$CORPUS/gold.csv" --where heading=Kennis regie >s &&
	grep -q "^1 of 3 answers coded regie" s &&
	expect_error 2 "qcode: error: --where nope=1: the project has no column '\''nope'\'' (its columns: heading, paragraph)" Q suggest --where nope=1 regie &&
	Q suggest --top x regie 2>err; test $? = 2 &&
	grep -q "^qcode: error: option .--top.: .x. is not a whole number from 1 to 100000$" err &&
	expect_error 3 "qcode: error: unknown theme '\''nope'\'' (the themes are: contracten_ict, kennis, prioriteit, regie, uitbesteden, wetgeving)" Q suggest nope
'

test_expect_success 'suggest leaves out the words of the theme'\''s groups and NEAR/BEFORE operands (NOT NEAR'\''s too)' '
	Q --lexicons "$TEST_ROOT/lexicons" suggest --top 30 regie >s &&
	grep -q "^regional " s && ! grep -q "^system " s && ! grep -q "^verschill " s &&
	mkdir lexs && printf "%%key regie\n%%group g regionaal\nregie\n@g NEAR/2 regie\n" >lexs/regie.lex &&
	Q --lexicons lexs suggest --top 30 regie >s &&
	! grep -q "^regional " s &&
	mkdir lexn && printf "%%key regie\n%%group g regionaal\nregie NOT NEAR/2 @g\n" >lexn/regie.lex &&
	Q --lexicons lexn suggest --top 30 regie >s &&
	! grep -q "^regional " s
'

test_expect_success 'eval of a coder no decision names: the coders there are' '
	qcode --db c.db import "$CORPUS/answers.csv" >/dev/null && qcode --db c.db code >/dev/null &&
	expect_error 3 "qcode: error: no coder '\''ann'\'' has decided on an answer (there are no decisions yet)" qcode --db c.db eval --coder ann --against machine &&
	qcode --db c.db decide d37-04 +regie --coder ann >/dev/null &&
	qcode --db c.db decide d37-05 +kennis --coder bob >/dev/null &&
	expect_error 3 "qcode: error: no coder '\''anne'\'' has decided on an answer (the coders are: ann, bob)" qcode --db c.db eval --coder anne --against machine &&
	expect_error 3 "qcode: error: no coder '\''bobb'\'' has decided on an answer (the coders are: ann, bob)" qcode --db c.db eval --coder ann --against bobb
'

test_expect_success 'a group is named as its file spells it, and found in any case' '
	printf "id;text;Regio\nr1;Geen regie;Noord\nr2;Wetgeving knelt;Zuid\nr3;Geen regie meer;Noord\n" >regio.csv &&
	qcode --db g.db import --group regio regio.csv >/dev/null && qcode --db g.db code >/dev/null &&
	test "$(python3 -c "import sqlite3; print(sqlite3.connect(\"g.db\").execute(\"select group_concat(distinct name) from attributes\").fetchone()[0])")" = Regio &&
	qcode --db g.db table --by Regio --format csv >a.csv && qcode --db g.db table --by regio --format csv >b.csv &&
	sed 1d a.csv >a2 && sed 1d b.csv >b2 && cmp a2 b2 &&
	qcode --db g.db quotes --where REGIO=Noord --format tsv >qt &&
	! grep -q "	r2	" qt && grep -q "	r1	" qt
'

test_done
