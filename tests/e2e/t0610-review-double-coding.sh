#!/bin/sh
# Test plan: double coding through spreadsheets -- two coders each export
# a blind sheet (no machine columns), fill it in and import it with their
# name: each imported row is that coder's full coding of the answer, also
# where it agrees with the machine, so `eval --coder A --against B` sees
# their real agreement; importing a sheet again records nothing new, and
# a changed row only that row; a sheet with machine columns records only
# the rows that differ from what it showed, once.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
ndec() { q p.db "select count(*) from decisions"; }
# fill SHEET's themes and primary from a pattern (the same for every coder)
fill() {
	python3 - "$1" "${2:-}" <<-\PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1])))
	codes = [("kennis", "kennis"), ("regie;wetgeving", "regie"), ("-", ""), ("prioriteit;regie", ""),
	         ("contracten_ict", "contracten_ict"), ("uitbesteden;kennis", "uitbesteden")]
	for i, r in enumerate(rows):
	    r["themes"], r["primary"] = codes[i % len(codes)]
	    if sys.argv[2] and r["id"] in sys.argv[2].split(","):
	        r["themes"], r["primary"] = "wetgeving", "wetgeving"
	w = csv.DictWriter(open(sys.argv[1], "w", newline=""), fieldnames=rows[0].keys())
	w.writeheader(); w.writerows(rows)
	PY
}
# each coder's own coding, replayed from the log, as "id:themes" lines
own() {
	python3 - "$1" <<-\PY
	import sqlite3, sys
	c = sqlite3.connect("p.db")
	codes = {}
	for aid, action, theme in c.execute("select a.ext_id, d.action, d.theme from live_decisions d"
	        " join answers a on a.id = d.answer_id where d.coder = ? order by d.id", (sys.argv[1],)):
	    s = codes.setdefault(aid, set())
	    if action == "none": s.clear()
	    elif action == "add": s.add(theme)
	    elif action == "remove": s.discard(theme)
	for aid in sorted(codes): print("%s:%s" % (aid, ";".join(sorted(codes[aid])) or "-"))
	PY
}
sheet() {
	python3 - "$1" <<-\PY
	import csv, sys
	for r in sorted(csv.DictReader(open(sys.argv[1])), key=lambda r: r["id"]):
	    if r["themes"]: print("%s:%s" % (r["id"], ";".join(sorted(r["themes"].split(";")))))
	PY
}

test_expect_success 'setup: a coded project' '
	qcode --db p.db import "$CORPUS/answers.csv" >/dev/null && qcode --db p.db code >/dev/null
'

test_expect_success 'a blind sheet has no machine columns and no codes' '
	qcode --db p.db review --blind --coder alice --export alice.csv >/dev/null &&
	qcode --db p.db review --blind --coder bob --export bob.csv >/dev/null &&
	test "$(head -1 alice.csv)" = "id,text,themes,primary,note,shown" &&
	test "$(python3 -c "import csv; print(sum(1 for r in csv.DictReader(open(\"alice.csv\")) if r[\"themes\"] or r[\"primary\"]))")" = 0
'

test_expect_success 'each imported sheet is that coder'\''s full coding' '
	fill alice.csv && fill bob.csv &&
	qcode --db p.db review --import alice.csv --coder alice >out &&
	test "$(cat out)" = "applied 22 reviewed answers from alice.csv" &&
	qcode --db p.db review --import bob.csv --coder bob >out &&
	test "$(cat out)" = "applied 22 reviewed answers from bob.csv" &&
	own alice >a.own && sheet alice.csv >a.sheet && diff -u a.sheet a.own &&
	own bob >b.own && diff -u a.sheet b.own
'

test_expect_success 'eval of the two coders: their real agreement' '
	qcode --db p.db eval --coder alice --against bob --boot 0 >e &&
	grep -q "^Agreement of bob with alice: 22 answers, 6 themes" e &&
	grep -q "^micro F1 1.000 " e
'

test_expect_success 'a sheet imported again records nothing; a changed row only itself' '
	n=$(ndec) &&
	qcode --db p.db review --import bob.csv --coder bob >out &&
	test "$(cat out)" = "applied 0 reviewed answers from bob.csv (22 rows as before: nothing recorded)" &&
	test "$(ndec)" = "$n" &&
	fill bob.csv d37-01,d37-02 &&
	qcode --db p.db review --import bob.csv --coder bob >out &&
	test "$(cat out)" = "applied 2 reviewed answers from bob.csv (20 rows as before: nothing recorded)" &&
	own bob >b.own && sheet bob.csv >b.sheet && diff -u b.sheet b.own &&
	qcode --db p.db eval --coder alice --against bob --boot 0 >e &&
	! grep -q "^micro F1 1.000 " e
'

test_expect_success 'a coder who agrees with the machine is recorded too' '
	qcode --db p.db review --blind --coder carol --export carol.csv >/dev/null &&
	python3 - <<-\PY &&
	import csv, sqlite3
	c = sqlite3.connect("p.db")
	m = {}
	for aid, th, prim in c.execute("select a.ext_id, m.theme, m.is_primary from machine_codes m join answers a on a.id = m.answer_id"):
	    m.setdefault(aid, [[], ""])[0].append(th)
	    if prim: m[aid][1] = th
	rows = list(csv.DictReader(open("carol.csv")))
	for r in rows:
	    r["themes"], r["primary"] = (";".join(m[r["id"]][0]), m[r["id"]][1]) if r["id"] in m else ("-", "")
	w = csv.DictWriter(open("carol.csv", "w", newline=""), fieldnames=rows[0].keys()); w.writeheader(); w.writerows(rows)
	PY
	qcode --db p.db review --import carol.csv --coder carol >out &&
	test "$(cat out)" = "applied 22 reviewed answers from carol.csv" &&
	qcode --db p.db eval --coder carol --against machine --boot 0 >e &&
	grep -q "^Agreement of machine with carol: 22 answers" e && grep -q "^micro F1 1.000 " e
'

test_expect_success 'a sheet with machine columns: only changed rows, once' '
	qcode --db p.db review --export all.csv >/dev/null &&
	head -1 all.csv | grep -q "^id,text,machine_themes,machine_primary,themes,primary,note,shown$" &&
	n=$(ndec) &&
	qcode --db p.db review --import all.csv --coder dirk >out &&
	grep -q "^applied 0 reviewed answers from all.csv (" out && test "$(ndec)" = "$n" &&
	python3 - <<-\PY &&
	import csv
	rows = list(csv.DictReader(open("all.csv")))
	for r in rows:
	    if r["id"] == "d37-12": r["themes"], r["primary"] = "kennis;regie", "regie"
	w = csv.DictWriter(open("all.csv", "w", newline=""), fieldnames=rows[0].keys()); w.writeheader(); w.writerows(rows)
	PY
	qcode --db p.db review --import all.csv --coder dirk >out &&
	grep -q "^applied 1 reviewed answer from all.csv (" out &&
	test "$(own dirk)" = "d37-12:kennis;regie" &&
	m=$(ndec) &&
	qcode --db p.db review --import all.csv --coder dirk >out &&
	grep -q "^applied 0 reviewed answers from all.csv (" out && test "$(ndec)" = "$m"
'

test_expect_success 'a sheet left as it was records nothing, even where another coder decided since' '
	qcode --db p.db review --export stale.csv >/dev/null &&
	qcode --db p.db review --export stale.xlsx >/dev/null &&
	qcode --db p.db decide d37-11 --none --coder boss >/dev/null &&
	qcode --db p.db decide d37-13 +kennis --coder boss >/dev/null &&
	live() { q p.db "select group_concat(d.action || coalesce(d.theme, '\'''\''), '\'' '\'') from live_decisions d join answers a on a.id = d.answer_id where a.ext_id in ('\''d37-11'\'', '\''d37-13'\'')"; } &&
	after=$(live) &&
	for sheet in stale.csv stale.xlsx; do
		qcode --db p.db review --import $sheet --coder cas >out &&
		grep -q "^applied 0 reviewed answers from $sheet (" out || exit 1
	done &&
	test "$(q p.db "select count(*) from decisions where coder = '\''cas'\''")" = 0 &&
	test "$(live)" = "$after" &&
	python3 - <<-\PY &&
	import csv
	rows = list(csv.DictReader(open("stale.csv")))
	for r in rows:
	    if r["id"] == "d37-11": r["themes"], r["primary"] = "wetgeving", "wetgeving"
	w = csv.DictWriter(open("stale.csv", "w", newline=""), fieldnames=rows[0].keys()); w.writeheader(); w.writerows(rows)
	PY
	qcode --db p.db review --import stale.csv --coder cas >out &&
	grep -q "^applied 1 reviewed answer from stale.csv (" out &&
	test "$(q p.db "select count(distinct a.ext_id) from decisions d join answers a on a.id = d.answer_id where d.coder = '\''cas'\''")" = 1
'

test_expect_success 'a row coded with each of 130 themes keeps every one' '
	mkdir many && for i in $(seq 1 130); do printf "%%key t%s\nwoord%s\n" $i $i >many/t$i.lex; done &&
	qcode --db m.db import "$CORPUS/answers.csv" >/dev/null &&
	qcode --db m.db --lexicons many code >/dev/null &&
	qcode --db m.db --lexicons many review --blind --coder erik --export m.csv >/dev/null &&
	python3 - <<-\PY &&
	import csv
	rows = list(csv.DictReader(open("m.csv")))
	for r in rows:
	    r["themes"], r["primary"] = ("-", "") if r["id"] != rows[0]["id"] else (";".join("t%d" % i for i in range(1, 131)), "t130")
	w = csv.DictWriter(open("m.csv", "w", newline=""), fieldnames=rows[0].keys())
	w.writeheader(); w.writerows(rows)
	PY
	qcode --db m.db --lexicons many review --import m.csv --coder erik >out &&
	test "$(cat out)" = "applied 22 reviewed answers from m.csv" &&
	first=$(sed -n "2s/,.*//p" m.csv) &&
	test "$(q m.db "select count(*) from decisions d join answers a on a.id = d.answer_id where a.ext_id = '\''$first'\'' and d.action = '\''add'\''")" = 130
'

test_done
