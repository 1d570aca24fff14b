#!/bin/sh
# Test plan: quotes a reader would put under the heading -- clear cases
# first (an answer squarely about a theme before one that mentions it in
# passing), --explain with every part, --where and TSV; quotes confirmed by
# a human: --reviewed-only with and without decisions, each quote marked in
# the appendix and counted with the reviewers' names in its method note; the
# quotes queue of the review screen (tmux): a rejected candidate is replaced
# by the next one; hostile text stays text through pandoc.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
Q() { qcode --db p.db "$@"; }

test_expect_success 'setup: answers squarely about regie, and one that mentions it in passing' '
	printf "id,groep,text\n" >a.csv &&
	printf "s1,x,\"Geen regie, geen samenhang en geen standaarden: ieder voor zich.\"\n" >>a.csv &&
	printf "s2,y,\"De regie ontbreekt en de versnippering tussen ministeries is groot.\"\n" >>a.csv &&
	printf "p1,x,\"De wetgeving rond privacy en de AVG knelt, de juridische kaders zijn streng, de wet is oud en de regelgeving verandert traag; ook wat regie ontbreekt soms, zeggen collega%ss die we spraken over het werk.\"\n" "'"'"'" >>a.csv &&
	printf "w1,y,\"De privacywetgeving en de AVG knellen.\"\n" >>a.csv &&
	Q import --group groep a.csv >/dev/null && Q code >/dev/null &&
	Q decide p1 --primary regie --coder zed >/dev/null
'

test_expect_success 'clear cases first: the passing mention comes last, --explain shows every part' '
	Q quotes --theme regie -k 3 --min-words 1 --explain >out &&
	grep "^[0-9]\. " out | cut -d" " -f2 >order &&
	test "$(tail -1 order)" = p1 &&
	grep -q "^   clarity [0-9.]* = mean of share [0-9.]*, rules [0-9.]*, lead [01], margin [0-9.]*, density [0-9.]*; cosine [0-9.]*; strength [0-9.]* -> score [0-9.]* = 0.5 x clarity + 0.3 x cosine + 0.2 x strength; redundancy [0-9.]*; MMR" out
'

test_expect_success 'quotes as TSV, of a subset' '
	Q quotes -k 5 --min-words 1 --format tsv --where groep=y >t &&
	head -1 t | grep -q "^theme	rank	id	group	confirmed	score	clarity	share	rules	lead	margin	density	cosine	strength	mmr	words	text$" &&
	test "$(cut -f3 t | sed 1d | sort | tr "\n" " ")" = "s2 w1 " &&
	expect_error 2 "qcode: error: unknown quotes format '\''xml'\'' (use text or tsv)
usage: qcode quotes [--theme T] [-k 3] [--by COL] [--min-words 8] [--max-words 80] [--explain]
                    [--where COL=VALUE]... [--reviewed-only] [--format text|tsv] [--no-scrub]" Q quotes --format xml
'

test_expect_success '--reviewed-only: nothing without decisions; an accepted answer is quoted, marked and counted' '
	Q quotes --theme wetgeving --min-words 1 --reviewed-only >r0 &&
	grep -q "^   no answers$" r0 &&
	Q decide w1 --accept --coder anna >/dev/null &&
	Q quotes --theme wetgeving --min-words 1 --reviewed-only >r1 &&
	grep -q "^1\. w1 (confirmed)  De privacywetgeving" r1 &&
	Q appendix --min-words 1 --reviewed-only -o r.md &&
	grep -A3 "^<!-- w1 -->" r.md | grep -q "^> \*bevestigd door anna\*$" &&
	grep -q "alleen door een beoordelaar bevestigde" r.md &&
	! grep -q "<!-- s1 -->" r.md
'

test_expect_success 'the appendix marks confirmed and machine-chosen quotes, and counts them with the names' '
	Q appendix --min-words 1 -k 5 -o all.md &&
	grep -A3 "^<!-- s1 -->" all.md | grep -q "^> \*machinaal gekozen\*$" &&
	grep -A3 "^<!-- p1 -->" all.md | grep -q "^> \*bevestigd door zed\*$" &&
	grep -q "2 van de 4 citaten zijn door een beoordelaar bevestigd (anna, zed), 2 machinaal gekozen\." all.md &&
	Q appendix --min-words 1 -k 5 -o all.html &&
	grep -q "<blockquote data-id=\"w1\" class=\"confirmed\">" all.html &&
	grep -q "<span class=\"status machine\">machinaal gekozen</span>" all.html
'

# The quotes queue in tmux at 100x30.
screen() { tmux capture-pane -t qq -p; }
keys() { tmux send-keys -t qq "$@"; sleep 0.5; }
tmux -L qcode-t0850 new-session -d -s keep "sleep 600" 2>/dev/null
tm() { tmux -L qcode-t0850 "$@"; }
screen() { tm capture-pane -t qq -p; }
keys() { tm send-keys -t qq "$@"; sleep 0.5; }

test_expect_success 'review --queue quotes: r takes a candidate off its theme, the next one takes its place' '
	Q review --queue quotes -k 1 --theme regie --export before.csv >/dev/null 2>&1 &&
	first=$(sed -n 2p before.csv | cut -d, -f1) &&
	tm new-session -d -s qq -x 100 -y 30 "cd $PWD && QCODE_CACHE=$QCODE_CACHE qcode --db p.db review --queue quotes -k 1 --theme regie --coder rita; sleep 60" &&
	sleep 1 && screen >s1 &&
	grep -q "queue: quotes" s1 && grep -q "quote for: regie" s1 && grep -q "id: $first" s1 &&
	keys r && screen >s2 &&
	grep -q "is not about regie; the next candidate takes its place" s2 &&
	! grep -q "id: $first " s2 &&
	keys q &&
	test "$(q p.db "select d.action || d.theme || d.coder from decisions d join answers a on a.id = d.answer_id where a.ext_id = '\''$first'\'' order by d.id desc limit 1")" = "removeregierita" &&
	Q review --queue quotes -k 1 --theme regie --export after.csv >/dev/null 2>&1 &&
	test "$(sed -n 2p after.csv | cut -d, -f1)" != "$first"
'
tm kill-server 2>/dev/null

test_expect_success 'the quotes queue cannot be blind' '
	Q review --queue quotes --blind 2>err; test $? = 2 &&
	grep -q "^qcode: error: the quotes queue shows the machine.s candidates: it cannot be blind$" err
'

test_expect_success 'hostile text stays text: Markdown and HTML in answers, labels and ids, through pandoc' '
	printf "id,text\n" >h.csv &&
	printf "\"x-->y\",\"# Kop </blockquote><script>alert(1)</script> <!-- geen regie en geen samenhang [a](javascript:x) *nadruk*\"\n" >>h.csv &&
	printf "h2,\"1. Geen regie; - geen samenhang @ref \$x\$ ~sub~\"\n" >>h.csv &&
	qcode --db h.db import h.csv >/dev/null && qcode --db h.db code >/dev/null &&
	qcode --db h.db appendix --min-words 1 -o h.md &&
	pandoc -f markdown -t html h.md -o h.html &&
	! grep -q "<script" h.html && ! grep -q "<h[1-6][^>]*>Kop" h.html && ! grep -q "href=\"javascript" h.html &&
	! grep -q "<em>nadruk</em>" h.html && ! grep -q "<ol" h.html && ! grep -q "<sub>" h.html &&
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" h.html &&
	grep -q "# Kop" h.html && grep -q "1. Geen regie" h.html
'

test_done
