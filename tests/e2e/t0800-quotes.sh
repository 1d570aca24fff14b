#!/bin/sh
# Test plan: quotes and the appendix -- the appendix of the corpus
# reconstructs paragraph 3.7 (each heading lists the answers the report put
# there); planted personal data never reaches any output format; scrub;
# a theme without answers, k beyond what there is, no answer in the length
# window, an unwritable output; --explain; DOCX through pandoc.
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }

test_expect_success 'setup: the corpus project' '
	Q import --group paragraph --group heading "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null
'

test_expect_success 'the appendix reconstructs paragraph 3.7: every heading, its answers' '
	Q appendix -k 5 --min-words 1 --max-words 200 -o a.md &&
	python3 - a.md "$CORPUS/answers.csv" "$CORPUS/gold.csv" <<-PY
	import csv, re, sys
	text = open(sys.argv[1]).read()
	label = {"contracten_ict": "Outsourcing / Contracten ICT-aanbieders", "wetgeving": "Wetgeving",
	         "prioriteit": "Onvoldoende prioriteit, urgentie", "regie": "Gebrek aan samenhang, regie; gebrek aan centrale ondersteuning",
	         "uitbesteden": "Te weinig uitbesteden, niet los durven laten", "kennis": "Kennis"}
	want = {}
	for r in csv.DictReader(open(sys.argv[3])):
	    if r["primary"] == "1":
	        want.setdefault(label[r["theme"]], set()).add(r["id"])
	got = {}
	for part in re.split(r"\n## ", text)[1:]:
	    head = part.split("\n", 1)[0]
	    got[head] = set(re.findall(r"<!-- (d[0-9-]+) -->", part))
	assert got == want, (got, want)
	PY
'

test_expect_success 'quotes: at most k per theme, each answer under one theme' '
	Q quotes -k 2 --min-words 1 >q &&
	test "$(grep -c "^[0-9]\. d" q)" = 12 &&
	test "$(grep "^[0-9]\. d" q | cut -d" " -f2 | sort | uniq -d | wc -l)" = 0
'

test_expect_success '--explain shows each part of each score' '
	Q quotes --theme regie -k 1 --explain >q &&
	grep -q "^   clarity [0-9.]* = mean of share [0-9.]*, rules [0-9.]*, lead [01], margin [0-9.]*, density [0-9.]*; cosine 0\.[0-9]*; strength [0-9.]* -> score [0-9.]* = 0.5 x clarity + 0.3 x cosine + 0.2 x strength; redundancy 0.000; MMR" q
'

test_expect_success 'deterministic: the same quotes twice' '
	Q appendix -k 3 -o b1.md && Q appendix -k 3 -o b2.md && cmp b1.md b2.md
'

test_expect_success 'planted personal data never reaches md, html or quotes' '
	printf "id,text,org\n" >pii.csv &&
	printf "p1,\"Geen regie en geen standaarden; mail j.devries@gemeente.nl of bel 06-12345678.\",gemeente\n" >>pii.csv &&
	printf "p2,\"Te weinig regie vanuit het Rijk. Mijn BSN 111222333, IBAN NL91ABNA0417164300, 7511 JE.\",rijk\n" >>pii.csv &&
	printf "p3,\"Onvoldoende regie en samenhang, zie www.example.nl/x of +31 6 87654321.\",rijk\n" >>pii.csv &&
	qcode --db pii.db import --group org pii.csv >/dev/null && qcode --db pii.db code >/dev/null &&
	qcode --db pii.db appendix -k 5 --min-words 1 -o pii.md &&
	qcode --db pii.db appendix -k 5 --min-words 1 --by org -o pii.html &&
	qcode --db pii.db quotes -k 5 --min-words 1 >pii.txt &&
	for f in pii.md pii.html pii.txt; do
		for s in j.devries 12345678 111222333 NL91ABNA 7511 example.nl 87654321; do
			if grep -q "$s" $f; then echo "$s leaked into $f"; exit 1; fi
		done
	done &&
	grep -qF "\[e-mail\]" pii.md && grep -qF "[telefoonnummer]" pii.html && grep -qF "[BSN]" pii.txt
'

test_expect_success '--no-scrub must be asked for, and is said in the method line' '
	qcode --db pii.db appendix -k 5 --min-words 1 --no-scrub -o raw.md &&
	grep -q "j.devries@gemeente.nl" raw.md && grep -q "NIET verwijderd (--no-scrub)" raw.md
'

test_expect_success 'scrub any text' '
	echo "Bel 053-4825025 of mail a@b.nl" | qcode scrub >out 2>err &&
	test "$(cat out)" = "Bel [telefoonnummer] of mail [e-mail]" &&
	grep -q "^2 items of personal data replaced$" err
'

test_expect_success 'HTML: one self-contained file with the chart and marked evidence' '
	Q appendix -k 2 --min-words 1 --by heading -o a.html &&
	grep -q "<svg xmlns" a.html && ! grep -q "src=\"http\|href=\"http\|<link" a.html &&
	grep -q "<mark>Privacywetgeving knelt</mark> enorm." a.html &&
	python3 -c "import html.parser,sys; html.parser.HTMLParser().feed(open(\"a.html\").read())"
'

test_expect_success 'a theme with no answers, k beyond what there is' '
	cp -r "$TEST_ROOT/lexicons" lex && printf "%%key zzz_leeg\n%%label Leeg thema\nblockchainloos\n" >lex/zzz_leeg.lex &&
	Q --lexicons lex code >/dev/null &&
	Q appendix -k 50 --min-words 1 -o c.md &&
	grep -A4 "^## Leeg thema" c.md | grep -q "^\*Geen antwoorden.\*$" &&
	Q quotes -k 50 --min-words 1 --theme wetgeving | grep -q "(3 of the 50 asked: all there are)"
'

test_expect_success 'no answer in the length window: say so, take the nearest' '
	Q appendix --theme kennis --min-words 200 --max-words 300 -o w.md &&
	grep -q "Geen antwoord van 200 tot 300 woorden; de dichtstbijzijnde lengtes zijn gekozen." w.md &&
	grep -q "<!-- d37-" w.md
'

test_expect_success 'an unwritable output: exit 5, nothing half-written' '
	expect_error 5 "qcode: error: cannot open '\''/nonexistent/a.md'\'' for writing: No such file or directory" Q appendix -o /nonexistent/a.md &&
	Q appendix -o /dev/full 2>err; test $? = 5 && grep -q "No space left on device" err
'

test_expect_success 'DOCX through pandoc' '
	"$TEST_ROOT/scripts/appendix.sh" a.md a.docx >/dev/null 2>&1 &&
	python3 -c "import zipfile; z = zipfile.ZipFile(\"a.docx\"); d = z.read(\"word/document.xml\").decode(); assert \"Privacywetgeving knelt enorm\" in d"
'

test_done
