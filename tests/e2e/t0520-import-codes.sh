#!/bin/sh
# Test plan: `qcode export-answers` -- every answer as {"id", "text"}, in
# import order, its text as stored; --only-new; a private file, never the
# project database. `qcode import-codes` -- the corpus coded as a stream with
# --stamp and imported is a run like `qcode code`'s, answer for answer
# (themes, scores, primary) and span for span, and `diff` shows no change;
# runs, review, eval, table, quotes and the appendix see it as they see a
# local run, and human decisions stay on top; codes come back from
# standard input too, in any order. Refused, with the project left as it
# was, exit 3 and the exact message: ids that are no answers (the first
# and the count), codes of other lexicons (both hashes; --force-lexicons
# takes them and the run records theirs), unstamped codes, evidence that
# is not the stored text, an answer twice, answers missing (--allow-missing
# makes a run of the rest); a file that cannot be read (exit 5). An import
# under way shows as running, one killed as stopped, and the next `code`
# removes it.
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }
q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
# every row of every table of a project, to see that it is as it was
dump() {
	python3 - "$1" <<-'PY'
	import sqlite3, sys
	c = sqlite3.connect(sys.argv[1])
	for (t,) in c.execute("select name from sqlite_master where type = 'table' order by name"):
	    for r in sorted(map(repr, c.execute("select * from %s" % t))):
	        print(t, r)
	PY
}
# the rows of a table of runs a and b that differ, by answer id
differ() {
	python3 - p.db "$1" "$2" "$3" <<-'PY'
	import sqlite3, sys
	c = sqlite3.connect(sys.argv[1])
	table, a, b = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
	cols = {"codes": "theme, score, is_primary", "evidence": "theme, rule_id, start, end",
	        "coded": "1"}[table]
	def rows(run):
	    return sorted(c.execute("select x.ext_id, %s from %s t join answers x on x.id = t.answer_id"
	                            " where t.run_id = ?" % (cols, table), (run,)))
	ra, rb = rows(a), rows(b)
	print(len(ra), "rows")
	sys.exit(0 if ra == rb and ra else 1)
	PY
}

test_expect_success 'export-answers: every answer as id and text, in import order' '
	Q import --group heading "$CORPUS/answers.csv" >/dev/null &&
	Q export-answers >answers.jsonl &&
	test "$(wc -l <answers.jsonl)" = 22 &&
	jq -c "keys" answers.jsonl | sort -u >keys &&
	echo "[\"id\",\"text\"]" >want && diff -u want keys &&
	jq -r .id answers.jsonl >got &&
	q p.db "select ext_id from answers order by id" >want && diff -u want got &&
	python3 - p.db answers.jsonl <<-PY
	import json, sqlite3, sys
	texts = dict(sqlite3.connect(sys.argv[1]).execute("select ext_id, text from answers"))
	for line in open(sys.argv[2]):
	    r = json.loads(line)
	    assert texts[r["id"]] == r["text"], r["id"]
	PY
'

test_expect_success 'export-answers -o: a private file, never the project database' '
	umask 022 && Q export-answers -o a.jsonl &&
	cmp a.jsonl answers.jsonl &&
	test "$(stat -c %a a.jsonl)" = 600 &&
	expect_error 5 "qcode: error: cannot write '\''p.db'\'': it is the project database '\''p.db'\''" Q export-answers -o p.db
'

test_expect_success 'setup: the corpus coded here, and its answers coded as a stream' '
	Q code >/dev/null &&
	qcode code --in-format jsonl --stamp <answers.jsonl >codes.jsonl &&
	test "$(wc -l <codes.jsonl)" = 22
'

test_expect_success 'table, eval, quotes, appendix and the review sheet of the local run' '
	Q table --by heading >table.1 &&
	Q eval --gold "$CORPUS/gold.csv" --boot 50 >eval.1 &&
	Q quotes --explain >quotes.1 &&
	Q appendix -o appendix.1.md &&
	Q review --export sheet.1.csv >/dev/null
'

test_expect_success 'the imported codes are a run like the local one' '
	Q import-codes codes.jsonl >out &&
	lex=$(qcode lexicon hash | sed -n "s/^lexicon	//p" | cut -c1-12) &&
	echo "run 2: imported the codes of 22 answers, 20 with a theme, from codes.jsonl (lexicon $lex)" >want &&
	diff -u want out &&
	differ coded 1 2 && differ codes 1 2 && differ evidence 1 2 &&
	test "$(q p.db "select count(*) from latest_runs where run_id = 2")" = 22 &&
	Q diff 1 2 >d 2>derr &&
	test "$(cat d)" = "id	run 1	run 2" &&
	echo "0 answers changed (* marks the primary theme)" >want &&
	diff -u want derr
'

test_expect_success 'runs shows it as it shows a local run' '
	Q runs >runs &&
	lex=$(qcode lexicon hash | sed -n "s/^lexicon	//p" | cut -c1-12) &&
	test "$(sed -n 2p runs | cut -f4-)" = "$(sed -n 3p runs | cut -f4-)" &&
	sed -n 3p runs | grep -q "^2	2026-01-01T00:00:00Z	2026-01-01T00:00:00Z	22	20	$lex	dutch (libstemmer .*)	all$"
'

test_expect_success 'table, eval, quotes, appendix and review see the same codes' '
	Q table --by heading >table.2 && cmp table.1 table.2 &&
	Q eval --gold "$CORPUS/gold.csv" --boot 50 >eval.2 && cmp eval.1 eval.2 &&
	Q quotes --explain >quotes.2 && cmp quotes.1 quotes.2 &&
	Q appendix -o appendix.2.md && sed "s/codeerronde 1,/codeerronde 2,/" appendix.1.md | cmp - appendix.2.md &&
	Q review --export sheet.2.csv >/dev/null && cmp sheet.1.csv sheet.2.csv
'

test_expect_success 'human decisions stay on top of an imported run' '
	Q decide d37-04 -wetgeving +regie --coder ann >/dev/null &&
	Q import-codes codes.jsonl >/dev/null &&
	test "$(q p.db "select group_concat(theme) from effective_codes e join answers a on a.id = e.answer_id where ext_id = '\''d37-04'\''")" = regie &&
	test "$(q p.db "select count(*) from machine_codes m join answers a on a.id = m.answer_id where ext_id = '\''d37-04'\'' and m.theme = '\''wetgeving'\'' and m.run_id = 3")" = 1 &&
	Q review --export changed.csv --queue changed >/dev/null &&
	test "$(wc -l <changed.csv)" = 2 &&
	grep -q "^d37-04,Privacywetgeving knelt enorm.,wetgeving,wetgeving,regie,regie,,regie|regie$" changed.csv
'

test_expect_success 'codes come back from standard input, in any order' '
	tac codes.jsonl | Q import-codes - >out &&
	grep -q "^run 4: imported the codes of 22 answers, 20 with a theme, from <stdin> " out &&
	differ codes 1 4 && differ evidence 1 4
'

test_expect_success 'ids that are no answers: the first and the count, nothing stored' '
	dump p.db >before &&
	sed "s/\"id\":\"d37-05\"/\"id\":\"x9\"/; s/\"id\":\"d31-02\"/\"id\":\"x10\"/" codes.jsonl >unknown.jsonl &&
	expect_error 3 "qcode: error: unknown.jsonl: 2 ids are not answers of the project '\''p.db'\'' (the first: '\''x9'\'', line 5): import codes into the project whose answers were coded" \
		Q import-codes unknown.jsonl &&
	dump p.db | diff -u before -
'

test_expect_success 'codes of other lexicons: both hashes, exit 3; --force-lexicons takes them' '
	cp -r "$TEST_ROOT/lexicons" lex &&
	echo "extra" >>lex/regie.lex &&
	qcode --lexicons lex code --in-format jsonl --stamp <answers.jsonl >other.jsonl &&
	ours=$(qcode lexicon hash | sed -n "s/^lexicon	//p") &&
	theirs=$(qcode --lexicons lex lexicon hash | sed -n "s/^lexicon	//p") &&
	stemmer=$(qcode lexicon hash | sed -n "s/^stemmer	//p") &&
	expect_error 3 "other.jsonl:1: the codes were made with lexicons $theirs and stemmer '\''$stemmer'\''; the lexicons here are $ours with stemmer '\''$stemmer'\'': code again with these, or import with --force-lexicons" \
		Q import-codes other.jsonl &&
	dump p.db | diff -u before - &&
	Q import-codes --force-lexicons other.jsonl >out 2>err &&
	grep -q "^run 5: imported the codes of 22 answers" out &&
	echo "qcode: warning: 22 answers coded with other lexicons than these; stored as --force-lexicons asks, with the lexicons $theirs" >want &&
	diff -u want err &&
	test "$(q p.db "select l.hash from runs r join lexicon_versions l on l.id = r.lexicon_id where r.id = 5")" = "$theirs" &&
	Q --lexicons lex import-codes other.jsonl >/dev/null &&
	test "$(q p.db "select lexicon_id from runs where id = 6")" = "$(q p.db "select lexicon_id from runs where id = 5")"
'

test_expect_success 'codes without a stamp are refused unless forced' '
	dump p.db >before &&
	qcode code --in-format jsonl <answers.jsonl >bare.jsonl &&
	expect_error 3 "bare.jsonl:1: the codes of '\''d37-01'\'' have no stamp, so what coded them is unknown: code with '\''qcode code --stamp'\'', or import with --force-lexicons" \
		Q import-codes bare.jsonl &&
	dump p.db | diff -u before -
'

test_expect_success 'evidence that is not the stored text: exit 3, nothing stored' '
	sed "2s/\"start\":0,\"end\":26,\"text\":\"Langlopende ICT-contracten\"/\"start\":0,\"end\":26,\"text\":\"Kortlopende ICT-contracten\"/" codes.jsonl >span.jsonl &&
	! cmp -s span.jsonl codes.jsonl &&
	expect_error 3 "span.jsonl:2: evidence 1 of '\''d37-02'\'' (theme '\''contracten_ict'\'', rule '\''langlopend* NEAR/3 contract'\'') at bytes 0-26 is '\''Kortlopende ICT-contracten'\'' in the record but '\''Langlopende ICT-contracten'\'' in the answer: were the codes made from another text?" \
		Q import-codes span.jsonl &&
	dump p.db | diff -u before -
'

test_expect_success 'an answer twice, or answers missing: exit 3, nothing stored' '
	{ cat codes.jsonl; sed -n 4p codes.jsonl; } >twice.jsonl &&
	expect_error 3 "qcode: error: twice.jsonl: 1 answer is coded more than once (the first: '\''d37-04'\'', again at line 23): was a block coded twice?" \
		Q import-codes twice.jsonl &&
	head -n 15 codes.jsonl >part.jsonl &&
	expect_error 3 "qcode: error: part.jsonl: 7 answers of the project have no codes in it (the first: '\''d37-16'\''): was a block of the coding lost? code them too, or import with --allow-missing to make a run of the answers that are there" \
		Q import-codes part.jsonl &&
	dump p.db | diff -u before -
'

test_expect_success '--allow-missing: a run of the answers there, the rest keep theirs' '
	Q import-codes --allow-missing part.jsonl >out &&
	grep -q "^run 7: imported the codes of 15 answers" out &&
	grep -q "^7 answers of the project were not in it and keep their codes (the first: '\''d37-16'\''); the run shows as only-new$" out &&
	Q runs | grep -q "^7	.*	15	15	.*	only-new$" &&
	test "$(q p.db "select count(*) from latest_runs where run_id = 7")" = 15 &&
	test "$(q p.db "select count(*) from latest_runs where run_id = 6")" = 7
'

test_expect_success 'a file that cannot be read: exit 5; a bad line: exit 3' '
	expect_error 5 "qcode: error: cannot open '\''nothere.jsonl'\'': No such file or directory" Q import-codes nothere.jsonl &&
	printf "{\"id\":\"d37-01\"\n" >broken.jsonl &&
	expect_error 3 "broken.jsonl:1: not JSON: '\''}'\'' expected near end of file" Q import-codes broken.jsonl &&
	expect_error 2 "qcode: error: import-codes needs one file of coded answers (- for standard input)
usage: $(qcode help import-codes | sed -n "/^usage: /,/^\$/p" | sed "/^\$/d; s/^usage: //")" Q import-codes
'

test_expect_success 'export-answers --only-new: the answers no run has coded' '
	printf "id,text\nn1,Geen regie\nn2,Te weinig kennis\n" >new.csv &&
	Q import new.csv >/dev/null &&
	Q export-answers --only-new >new.jsonl &&
	printf "{\"id\":\"n1\",\"text\":\"Geen regie\"}\n{\"id\":\"n2\",\"text\":\"Te weinig kennis\"}\n" >want &&
	diff -u want new.jsonl &&
	qcode code --in-format jsonl --stamp <new.jsonl | Q import-codes --allow-missing - >out &&
	grep -q "^run 8: imported the codes of 2 answers, 2 with a theme" out &&
	Q export-answers --only-new >none.jsonl && test ! -s none.jsonl
'

test_expect_success 'an import under way shows as running; killed, as stopped; code removes it' '
	awk "BEGIN { print \"id,text\"; for (i = 1; i <= 3000; i++) print \"n\" i \",Geen regie nummer \" i }" >many.csv &&
	qcode --db m.db import many.csv >/dev/null &&
	qcode --db m.db export-answers | qcode code --in-format jsonl --stamp >many.jsonl &&
	mkfifo fifo &&
	{ qcode --db m.db import-codes fifo >/dev/null 2>&1 & pid=$!; } &&
	exec 3>fifo &&
	head -n 2500 many.jsonl >&3 &&
	i=0 &&
	until qcode --db m.db runs | grep -q "^1	.*	running	2048	"; do
		i=$((i + 1)); test $i -lt 100 || exit 1; sleep 0.1
	done &&
	kill -9 $pid && wait $pid; exec 3>&- &&
	qcode --db m.db runs >r 2>err &&
	grep -q "^1	.*	stopped	2048	" r &&
	qcode --db m.db code >out &&
	grep -q "^removed run 1, which stopped before it finished$" out &&
	test "$(q m.db "select count(*) from coded where run_id = 1")" = 0
'

test_done
