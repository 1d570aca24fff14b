#!/bin/sh
# Test plan: `qcode serve` in a real browser -- Debian's chromium, headless,
# driven over the DevTools protocol (tests/browser/serve.test.js, with
# playwright-core from tests/browser/package-lock.json). The review by
# keyboard and by mouse ends in the expected rows of `qcode log`; two
# coders review a seeded sample blind in two browsers at once, and the
# agreement page shows what `qcode eval` computes; a screenshot of each
# page goes to out/; every refusal is tried (no token, another Host, no
# CSRF token, markup in an answer, ../ in a path, an oversized body); a
# bounded burst of concurrent requests loses nothing; after a kill -9 of
# the server mid-review the database is whole and every decision the page
# reported saved is in the log; the database stays 0600. Where chromium
# cannot run, the browser tests fail and say so.
. "$(dirname "$0")/lib.sh"

BROWSER=$TEST_ROOT/tests/browser
q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join('' if x is None else str(x) for x in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }
# the log of one coder without the decision and batch numbers
log_of() { qcode --db p.db log | awk -F '\t' -v c="$1" '$6 == c { print $3 "\t" $4 "\t" $5 "\t" $8 "\t" $9 }'; }

# Start the server on a free port; URL and SERVER (its pid) are set.
start_server() {
	rm -f serve.out
	qcode --db p.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
	SERVER=$!
	i=0
	while ! grep -q 'http://' serve.out 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $SERVER 2>/dev/null; then
			echo "the server did not start"; cat serve.err; return 1
		fi
		sleep 0.1
	done
	URL=$(grep -o 'http://[^ ]*' serve.out)
}
stop_server() {
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
	true
}
browse() { node "$BROWSER/serve.test.js" "$@"; }

test_expect_success 'setup: a coded project, with an answer full of markup' '
	qcode --db p.db import --group heading "$CORPUS/answers.csv" >/dev/null &&
	printf "%s\n" "id,heading,text" \
		"\"h<b>1</b>\",Hostile,\"Mijn antwoord: <script>window.__pwned = 1</script> en <img src=x onerror=\"\"window.__pwned = 2\"\"> over wetgeving (pwned)\"" \
		>hostile.csv &&
	qcode --db p.db import --group heading hostile.csv >/dev/null &&
	qcode --db p.db code >/dev/null &&
	test "$(stat -c %a p.db)" = 600
'

test_expect_success 'the browser tests have what they need: node, playwright-core, chromium' '
	command -v node >/dev/null || { echo "node is not installed (scripts/install-deps.sh)"; false; } &&
	if ! [ -f "$BROWSER/node_modules/playwright-core/package.json" ] ||
	   ! grep -q "\"version\": \"$(sed -n "s/.*\"playwright-core\": \"\(.*\)\".*/\1/p" "$BROWSER/package.json")\"" \
		"$BROWSER/node_modules/playwright-core/package.json"; then
		npm ci --prefix "$BROWSER" --no-audit --no-fund --loglevel=error
	fi &&
	{ chromium --version || { echo "chromium cannot run here: it is not installed (scripts/install-deps.sh)"; false; }; }
'

test_expect_success 'serve refuses what it cannot serve' '
	expect_error 2 "qcode: error: --listen '"'"'127.0.0.1:99999'"'"': the port must be a number from 0 to 65535
usage: qcode serve [--listen ADDR:PORT] [--coder NAME] [--blind] [--open]" qcode --db p.db serve --listen 127.0.0.1:99999 &&
	expect_error 2 "qcode: error: --coder: '"'"'machine'"'"' and '"'"'effective'"'"' are names eval gives codings of its own
usage: qcode serve [--listen ADDR:PORT] [--coder NAME] [--blind] [--open]" qcode --db p.db serve --coder machine &&
	qcode --db nothing.db serve >out 2>err; test $? = 4 && grep -q "no project database" err
'

test_expect_success 'the address printed holds a random token; 0.0.0.0 is warned about' '
	start_server && URL1=$URL && stop_server &&
	start_server && stop_server &&
	test "$URL1" != "$URL" &&
	echo "$URL" | grep -Eq "^http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]{48}$" || return 1
	qcode --db p.db serve --listen 0.0.0.0:0 >all.out 2>all.err &
	pid=$!
	i=0
	while ! grep -q http all.out 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill $pid; wait $pid
	grep -q "^qcode: warning: listening on 0.0.0.0:[0-9]*, which other machines can reach: whoever has the token reads every answer and can decide, over a connection that is not encrypted$" all.err
'

test_expect_success '--open hands the address to the desktop (xdg-open), or says it cannot' '
	mkdir -p bin
	printf "#!/bin/sh\necho \"\$1\" >\"%s/opened\"\n" "$PWD" >bin/xdg-open
	chmod +x bin/xdg-open
	PATH=$PWD/bin:$PATH qcode --db p.db serve --listen 127.0.0.1:0 --open >open.out 2>open.err &
	pid=$!
	i=0
	while ! test -s opened && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill $pid; wait $pid
	test "$(cat opened)" = "$(grep -o "http://[^ ]*" open.out)" || return 1
	printf "#!/bin/sh\nexit 3\n" >bin/xdg-open
	rm -f open.out open.err
	PATH=$PWD/bin:$PATH qcode --db p.db serve --listen 127.0.0.1:0 --open >open.out 2>open.err &
	pid=$!
	i=0
	while ! test -s open.err && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill $pid; wait $pid
	test "$(head -1 open.err)" = "qcode: warning: cannot open a browser (xdg-open): open the address above by hand"
'

test_expect_success 'chromium runs headless here and shows the page' '
	start_server && browse probe "$URL"; rc=$?; stop_server; test $rc = 0
'

test_expect_success 'the review by keyboard ends in the expected rows of qcode log' '
	start_server && browse keyboard "$URL"; rc=$?; stop_server; test $rc = 0 &&
	printf "%s\t%s\t%s\t%s\t%s\n" \
		d37-01 none "" "" "" \
		d37-01 add kennis "" "" \
		d37-01 add prioriteit "" "" \
		d37-01 primary prioriteit "" "" \
		d37-01 accept "" "te breed" "" \
		d37-01 add kennis "te breed" "" \
		d37-01 add prioriteit "te breed" "" \
		d37-01 primary prioriteit "te breed" "" \
		d37-02 none "" "" undone \
		d37-02 undo "" "" "" \
		d37-15 add uitbesteden "" "" \
		d37-15 primary uitbesteden "" "" >expect &&
	log_of alice >actual &&
	diff -u expect actual
'

test_expect_success 'the review by mouse ends in the expected rows of qcode log' '
	start_server && browse mouse "$URL"; rc=$?; stop_server; test $rc = 0 &&
	printf "%s\t%s\t%s\t%s\t%s\n" \
		d37-03 none "" "" "" \
		d37-03 add kennis "" "" \
		d37-03 add regie "" "" \
		d37-03 primary regie "" "" \
		d37-03 accept "" "bob'"'"'s note" undone \
		d37-03 add kennis "bob'"'"'s note" undone \
		d37-03 add regie "bob'"'"'s note" undone \
		d37-03 primary regie "bob'"'"'s note" undone \
		d37-03 undo "" "" "" >expect &&
	log_of bob >actual &&
	diff -u expect actual
'

test_expect_success 'two coders at once in two browsers, blind, and their agreement as qcode eval has it' '
	start_server && browse twocoders "$URL" &&
	test "$(qcode --db p.db log | awk -F "\t" "\$6 == \"carla\" && \$4 == \"accept\"" | wc -l)" = 6 &&
	test "$(qcode --db p.db log | awk -F "\t" "\$6 == \"dirk\" && \$4 == \"accept\"" | wc -l)" = 6 &&
	{ qcode --db p.db eval --coder carla --against dirk >eval.txt; test $? -le 1; } &&
	browse agreement "$URL" eval.txt; rc=$?; stop_server; test $rc = 0
'

test_expect_success 'a screenshot of each page, under out/' '
	mkdir -p "$TEST_ROOT/out" &&
	start_server && browse screenshots "$URL" "$TEST_ROOT/out"; rc=$?; stop_server; test $rc = 0 &&
	for p in review agree quotes; do
		f=$TEST_ROOT/out/serve-$p.png &&
		test "$(head -c 8 "$f" | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a || return 1
	done
'

test_expect_success 'every refusal: no token, another Host, no CSRF token, markup in an answer, ../, oversized' '
	start_server && browse refusals "$URL" "h<b>1</b>"; rc=$?; stop_server; test $rc = 0 &&
	test -z "$(log_of frank)"
'

test_expect_success 'a bounded burst of concurrent requests: each answered, each decision kept' '
	start_server && browse burst "$URL" 40; rc=$?; stop_server; test $rc = 0 &&
	test "$(qcode --db p.db log | awk -F "\t" "\$6 == \"burst\"" | wc -l)" = 20
'

test_expect_success 'kill -9 mid-review: the database is whole and every decision shown saved is in the log' '
	start_server && browse kill "$URL" "$SERVER" saved.txt; rc=$?
	kill -9 "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; test $rc = 0 &&
	test "$(q p.db "pragma integrity_check")" = ok &&
	qcode --db p.db log | awk -F "\t" "\$6 == \"gina\" { print \$2 }" | sort -u >logged &&
	sort -u saved.txt >shown &&
	test "$(wc -l <shown)" -ge 12 &&
	comm -23 shown logged >lost &&
	test ! -s lost
'

test_expect_success 'the database stays 0600, its -wal and -shm too' '
	start_server && browse probe "$URL"; stop_server &&
	test "$(stat -c %a p.db)" = 600 &&
	for f in p.db-wal p.db-shm; do
		test ! -e "$f" || test "$(stat -c %a "$f")" = 600 || return 1
	done
'

test_done
