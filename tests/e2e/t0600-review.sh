#!/bin/sh
# Test plan: review -- `decide` and `log` (bad ids and themes too), undo
# (also in a new process), human decisions surviving every re-code with a
# changed lexicon, the queues, the spreadsheet export/import (every row
# validated before any applies), and the full screen driven with tmux:
# keys change the database as documented, undo after a restart, evidence
# highlighted on the right words, a too-small terminal, blind coding.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
eff() { q p.db "select group_concat(theme, ';') from (select e.theme from effective_codes e join answers a on a.id=e.answer_id where a.ext_id='$1' order by e.theme)"; }
prim() { q p.db "select p.theme from effective_primary p join answers a on a.id=p.answer_id where a.ext_id='$1'"; }
Q() { qcode --db p.db "$@"; }

test_expect_success 'setup: a coded project' '
	Q import --group heading "$CORPUS/answers.csv" >/dev/null && Q code >/dev/null &&
	test "$(eff d37-03)" = "regie;wetgeving"
'

test_expect_success 'decide adds, removes and sets the primary in one batch' '
	Q decide d37-03 +kennis -regie --primary kennis --note "lees opnieuw" --coder anna >out &&
	test "$(cat out)" = "d37-03: kennis* wetgeving" &&
	test "$(eff d37-03)" = "kennis;wetgeving" && test "$(prim d37-03)" = kennis &&
	test "$(q p.db "select count(distinct batch) from decisions")" = 1 &&
	test "$(q p.db "select group_concat(action || '\'' '\'' || theme, '\'', '\'') from (select * from decisions order by id)")" = "add kennis, remove regie, primary kennis"
'

test_expect_success 'log shows the history of an answer' '
	Q log d37-03 >log &&
	grep -q "^[0-9]*	1	d37-03	remove	regie	anna	2026-01-01T00:00:00Z	lees opnieuw	$" log
'

test_expect_success 'undo takes back the last batch, also from a new process' '
	Q decide d37-04 --none --coder anna >/dev/null && test -z "$(eff d37-04)" &&
	Q decide --undo --coder anna >out && grep -q "undone the last decision of anna on d37-04" out &&
	test "$(eff d37-04)" = wetgeving &&
	Q decide --undo --coder anna >/dev/null && test "$(eff d37-03)" = "regie;wetgeving" &&
	Q decide --undo --coder anna >out && grep -q "^nothing to undo for anna$" out &&
	Q log d37-04 | grep -q "	none		anna	.*	undone$"
'

test_expect_success 'the decision log is append-only' '
	python3 -c "import sqlite3; c=sqlite3.connect(\"p.db\"); c.execute(\"delete from decisions\")" 2>err; test $? != 0 &&
	grep -q "decisions are append-only" err
'

test_expect_success 'bad ids and themes: exit 3, named' '
	expect_error 3 "qcode: error: no answer '\''nope'\'' in the project" Q decide nope +kennis &&
	expect_error 3 "qcode: error: unknown theme '\''bogus'\'' (the themes are: contracten_ict, kennis, prioriteit, regie, uitbesteden, wetgeving)" Q decide d37-01 +bogus &&
	expect_error 3 "qcode: error: no answer '\''nope'\'' in the project" Q log nope
'

test_expect_success 'a decision that contradicts itself: exit 2, nothing recorded' '
	n=$(q p.db "select count(*) from decisions") &&
	Q decide d37-04 --none +regie 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: --none and +regie contradict each other" &&
	Q decide d37-04 --none --primary regie 2>err; test $? = 2 &&
	test "$(head -1 err)" = "qcode: error: --none and --primary contradict each other" &&
	test "$(q p.db "select count(*) from decisions")" = "$n"
'

test_expect_success 're-coding with changed lexicons never overrides a human decision' '
	Q decide d37-01 -contracten_ict +uitbesteden --primary uitbesteden --coder anna >/dev/null &&
	Q decide d31-01 +prioriteit --coder anna >/dev/null &&
	Q decide d37-05 --accept --coder bob >/dev/null &&
	cp -r "$TEST_ROOT/lexicons" lex &&
	sed -i "s/^\*outsourc\*.*/*outsourc*  weight=9/" lex/contracten_ict.lex &&
	sed -i "/^wetgeving /d; /^@aanpassen/d" lex/wetgeving.lex &&
	Q --lexicons lex code >/dev/null &&
	test "$(eff d37-01)" = uitbesteden && test "$(prim d37-01)" = uitbesteden &&
	test "$(eff d31-01)" = prioriteit &&
	test "$(eff d37-05)" = wetgeving && test "$(prim d37-05)" = wetgeving &&
	test "$(q p.db "select count(*) from machine_codes m join answers a on a.id=m.answer_id where a.ext_id='\''d37-05'\''")" = 0
'

test_expect_success 'the changed queue shows where the machine now disagrees' '
	Q review --queue changed --export changed.csv >/dev/null &&
	grep -q "^d37-01," changed.csv && grep -q "^d37-05," changed.csv &&
	! grep -q "^d37-12," changed.csv
'

test_expect_success 'queues: multi, uncoded, low, a theme, a reproducible sample' '
	Q review --queue multi --export m.csv >/dev/null && test "$(sed 1d m.csv | grep -c "^d")" -ge 5 &&
	Q review --queue uncoded --export u.csv >/dev/null && grep -q "^d31-02," u.csv &&
	Q review --theme regie --export t.csv >/dev/null && ! grep -q "^d31" t.csv &&
	Q review --sample 5 --seed 7 --export s1.csv >/dev/null && Q review --sample 5 --seed 7 --export s2.csv >/dev/null &&
	cmp s1.csv s2.csv && test "$(sed 1d s1.csv | grep -c "^d")" = 5 &&
	qcode --db p.db review --queue nope 2>err; test $? = 2
'

test_expect_success 'spreadsheet review: export, edit, import' '
	Q review --theme kennis --export k.csv >/dev/null &&
	head -1 k.csv | grep -q "^id,text,machine_themes,machine_primary,themes,primary,note,shown$" &&
	python3 - k.csv <<-PY &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1])))
	for r in rows:
	    r["themes"], r["primary"], r["note"] = ("kennis;regie", "regie", "spreadsheet") if r["id"] == "d37-18" else ("", "", "")
	w = csv.DictWriter(open(sys.argv[1], "w", newline=""), fieldnames=rows[0].keys()); w.writeheader(); w.writerows(rows)
	PY
	Q review --import k.csv --coder dirk >out && grep -q "^applied 1 reviewed answer from k.csv$" out &&
	test "$(eff d37-18)" = "kennis;regie" && test "$(prim d37-18)" = regie
'

test_expect_success 'a bad review spreadsheet names the row and applies nothing' '
	n=$(q p.db "select count(*) from decisions") &&
	printf "id,themes,primary\nd37-01,kennis,kennis\nd37-02,kennis;bogus,\n" >bad.csv &&
	expect_error 3 "bad.csv:3: unknown theme '\''bogus'\'' (the themes are: contracten_ict, kennis, prioriteit, regie, uitbesteden, wetgeving)" Q review --import bad.csv &&
	printf "id,themes,primary\nd37-01,kennis,regie\n" >bad2.csv &&
	expect_error 3 "bad2.csv:2: primary '\''regie'\'' is not one of the row'\''s themes" Q review --import bad2.csv &&
	printf "nr,themes\n" >bad3.csv &&
	expect_error 3 "qcode: error: bad3.csv: needs the columns id, themes (or one per theme) and primary; the columns are: nr, themes" Q review --import bad3.csv &&
	test "$(q p.db "select count(*) from decisions")" = "$n"
'

# The screen, in tmux at 80x24, on a tmux server of this script's own.
tmux() { command tmux -L "qcode-$TEST_NAME-$$" "$@"; }
screen() { tmux capture-pane -t qr -p; }
keys() { tmux send-keys -t qr "$@"; sleep 0.4; }
tmux new-session -d -s keep "sleep 600"   # keeps the tmux server up between screens
start() {
	tmux kill-session -t qr 2>/dev/null
	tmux new-session -d -s qr -x "${W:-80}" -y "${H:-24}" "$*; sleep 60"
	sleep 0.8
}

test_expect_success 'screen: the answer, its themes, and keys that decide' '
	start "env NO_COLOR= qcode --db p.db review --theme contracten_ict --coder eva" &&
	screen >s1 && grep -q "qcode review  1/[0-9]*  queue: all  coder: eva" s1 &&
	grep -q "Langlopende ICT-contracten, macht van de grote ICT-jongens." s1 &&
	grep -q "1 \[x\] contracten_ict *primary" s1 &&
	keys 2 && test "$(eff d37-02)" = "contracten_ict;kennis" &&
	keys p 2 && test "$(prim d37-02)" = kennis &&
	screen | grep -q "saved: kennis is the primary theme" &&
	keys u && test "$(prim d37-02)" = contracten_ict
'

test_expect_success 'screen: undo works after a restart' '
	keys q && start "qcode --db p.db review --theme contracten_ict --coder eva" &&
	keys u && test "$(eff d37-02)" = contracten_ict &&
	screen | grep -q "undone: the last decision on d37-02"
'

test_expect_success 'screen: x marks no theme and moves on; a accepts' '
	keys x && test -z "$(eff d37-02)" &&
	keys b a && test "$(q p.db "select count(*) from live_decisions d join answers a on a.id=d.answer_id where a.ext_id='\''d37-02'\'' and d.action='\''accept'\''")" = 1
'

test_expect_success 'screen: evidence highlighted in its theme colour, on the matched words only' '
	keys q && start "env -u NO_COLOR TERM=screen-256color qcode --db p.db review --theme wetgeving --coder eva" &&
	keys / && tmux send-keys -t qr "knelt enorm" Enter && sleep 0.4 &&
	tmux capture-pane -t qr -p -e | grep "Privacywetgeving" >esc &&
	python3 - esc <<-PY
	import re, sys
	line = open(sys.argv[1]).read()
	# a colour (3N) starts right before the evidence and ends right after it
	assert re.search(r"\x1b\[[0-9;]*3[0-7][0-9;]*mPrivacywetgeving knelt\x1b\[", line), repr(line)
	assert re.search(r"knelt\x1b\[[0-9;]*m( |\x1b\[[0-9;]*m)*enorm", line), repr(line)
	PY
'

test_expect_success 'screen: with NO_COLOR, evidence is underlined and bold' '
	keys q && start "env NO_COLOR=1 qcode --db p.db review --theme wetgeving --coder eva" &&
	keys / && tmux send-keys -t qr "knelt enorm" Enter && sleep 0.4 &&
	tmux capture-pane -t qr -p -e | grep "Privacywetgeving" | grep -q "$(printf "\033")\[1;4mPrivacywetgeving knelt$(printf "\033")\[0m"
'

test_expect_success 'screen: a too-small terminal gets a clear message, not garbage' '
	keys q && W=40 H=10 start "qcode --db p.db review --coder eva" &&
	screen >small && grep -q "^The terminal is 40x10;" small && grep -q "needs 60x15" small &&
	keys q
'

test_expect_success 'screen: blind coding hides the machine codes' '
	start "qcode --db p.db review --blind --coder fien --theme regie" &&
	screen >b && grep -q "BLIND" b && ! grep -q "machine" b && ! grep -q "\[x\]" b &&
	keys 4 && test "$(q p.db "select theme from live_decisions where coder='\''fien'\''")" = regie &&
	keys q
'

test_expect_success 'screen: help, and a resize redraws' '
	start "qcode --db p.db review --coder eva" &&
	keys "?" && screen | grep -q "u        undo the last decision (also after a restart)" &&
	keys Space && tmux resize-window -t qr -x 100 -y 30 && sleep 0.4 &&
	screen >big && test "$(wc -l <big)" -ge 29 && grep -q "1 \[" big &&
	keys q
'

test_expect_success 'a database locked by another process: decide says busy, exit 4' '
	python3 -c "import sqlite3,time; c=sqlite3.connect(\"p.db\", isolation_level=None); c.execute(\"BEGIN IMMEDIATE\"); open(\"locked\",\"w\").close(); time.sleep(2)" &
	while [ ! -e locked ]; do sleep 0.1; done
	QCODE_BUSY_TIMEOUT_MS=100 qcode --db p.db decide d37-07 +kennis 2>err; rc=$?
	wait
	test $rc = 4 && grep -q "is busy (another qcode is writing it); try again" err
'

tmux kill-session -t qr 2>/dev/null
tmux kill-session -t keep 2>/dev/null
test_done
