#!/bin/sh
# Test plan: `import --replace` -- an answer given a new text loses its
# machine codes and evidence until it is coded again, and the command says
# so; `code --only-new` codes it again, and `diff` shows what changed; an
# answer given the same text keeps its codes; group values stay unless the
# file gives new ones; human decisions stay, with a line in `log` where
# the text changed; what an unfinished run stored for the old text goes;
# `kwic` never reads outside an answer, even from evidence that points
# past its text (as a database of an older qcode may hold).
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
machine() { q p.db "select group_concat(theme, ';') from (select m.theme from machine_codes m join answers a on a.id=m.answer_id where a.ext_id='$1' order by m.theme)"; }
eff() { q p.db "select group_concat(theme, ';') from (select e.theme from effective_codes e join answers a on a.id=e.answer_id where a.ext_id='$1' order by e.theme)"; }
sql() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$@"; }
attr() { q p.db "select value from attributes t join answers a on a.id=t.answer_id where a.ext_id='$1' and t.name='$2'"; }

test_expect_success 'setup: a coded project with groups and a decision' '
	qcode --db p.db import --group heading --group paragraph "$CORPUS/answers.csv" >/dev/null &&
	qcode --db p.db code >/dev/null &&
	qcode --db p.db decide d37-03 +kennis --coder anna >/dev/null &&
	test "$(machine d37-03)" = "regie;wetgeving" && test "$(machine d37-04)" = wetgeving &&
	test "$(attr d37-03 heading)" = Wetgeving
'

test_expect_success 'a new text: machine codes and evidence gone, and said so' '
	{ echo id,text; echo "d37-03,Er is geen regie."; echo "d37-04,Privacywetgeving knelt enorm."; } >r1.csv &&
	qcode --db p.db import --replace r1.csv >out &&
	cat >want <<-\EOF2 &&
	imported 2 answers from r1.csv (csv), 2 replaced
	1 answer has a new text: its machine codes and evidence are gone until '\''qcode code'\'' codes it again; its human decisions are kept, marked in '\''qcode log'\''
	EOF2
	diff -u want out &&
	test -z "$(machine d37-03)" &&
	test "$(q p.db "select count(*) from evidence e join latest_runs l using (answer_id, run_id) join answers a on a.id=e.answer_id where a.ext_id='\''d37-03'\''")" = 0 &&
	test "$(machine d37-04)" = wetgeving
'

test_expect_success 'the groups stay; the human decision stays, marked in log' '
	test "$(attr d37-03 heading)" = Wetgeving && test "$(attr d37-03 paragraph)" = 3.7 &&
	test "$(eff d37-03)" = kennis &&
	qcode --db p.db log d37-03 >log &&
	sed -n 2p log | grep -q "^1	1	d37-03	add	kennis	anna	" &&
	test "$(sed -n 3p log)" = "-	-	d37-03	text		import	2026-01-01T00:00:00Z	new text from import 2 (r1.csv); the decisions before this line were made on the old text	" &&
	! qcode --db p.db log | grep -q "	d37-04	text	"
'

test_expect_success 'code --only-new codes it again; diff shows the change' '
	qcode --db p.db code --only-new >out &&
	grep -q "^run 2: coded 1 answer" out &&
	test "$(machine d37-03)" = regie && test "$(eff d37-03)" = "kennis;regie" &&
	qcode --db p.db diff 1 2 >d 2>/dev/null &&
	test "$(sed 1d d)" = "d37-03	regie;wetgeving*	regie*"
'

test_expect_success 'a group the file gives is replaced, the others stay' '
	{ echo id,heading,text; echo "d37-03,Regie,Er is geen regie."; } >r2.csv &&
	qcode --db p.db import --replace --group heading r2.csv >out &&
	grep -q " from r2.csv (csv), 1 replaced$" out && test "$(wc -l <out)" = 1 &&
	test "$(attr d37-03 heading)" = Regie && test "$(attr d37-03 paragraph)" = 3.7 &&
	test "$(machine d37-03)" = regie
'

test_expect_success 'what an unfinished run stored for the old text goes' '
	sql p.db "insert into runs(id, lexicon_id, started, qcode_version) values (9, 1, '\''x'\'', '\''0'\'')" &&
	sql p.db "insert into coded select 9, id from answers where ext_id in ('\''d37-05'\'', '\''d37-07'\'')" &&
	sql p.db "insert into codes select 9, id, '\''regie'\'', 1, 1 from answers where ext_id in ('\''d37-05'\'', '\''d37-07'\'')" &&
	{ echo id,text; echo "d37-05,Nieuw."; } >r3.csv &&
	qcode --db p.db import --replace r3.csv >/dev/null &&
	test "$(q p.db "select group_concat(a.ext_id) from coded c join answers a on a.id=c.answer_id where run_id = 9")" = d37-07 &&
	test "$(q p.db "select group_concat(a.ext_id) from codes c join answers a on a.id=c.answer_id where run_id = 9")" = d37-07
'

test_expect_success 'kwic reads the answers as they are, whatever evidence was stored for an old text' '
	qcode --db p.db kwic wetgeving:wetgeving >before 2>/dev/null && grep -q "^d37-09 " before &&
	sql p.db "update answers set text = '\''kort'\'' where ext_id = '\''d37-09'\''" &&
	qcode --db p.db kwic wetgeving:wetgeving >after 2>err &&
	! grep -q "^d37-09 " after && test "$(wc -l <after)" = $(($(wc -l <before) - 1)) &&
	qcode --db p.db kwic privacy >w 2>/dev/null && ! grep -q "^d37-09 " w
'

test_done
