#!/bin/sh
# Crash consistency: kill `qcode import`, `qcode code` and `qcode decide`
# with SIGKILL at random moments, then check the project with SQLite's
# integrity_check, that every decision reported as saved is there, and
# that no import is half-present.
#
#   tests/crash/kill.sh [TRIALS] [SEED]    (default 50 trials)
set -u
TRIALS=${1:-50}
SEED=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Q="$ROOT/qcode"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export QCODE_LEXICONS="$ROOT/lexicons" LC_ALL=C.UTF-8
"$ROOT/scripts/gen-corpus" 20000 --seed 3 --format csv >big.csv
sql() { python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else '')" "$@"; }
rand() { SEED=$(( (SEED * 1103515245 + 12345) % 2147483648 )); echo $(( SEED % $1 )); }

failed=0
"$Q" --db p.db import "$ROOT/corpus/digitaal2017/answers.csv" >/dev/null && "$Q" --db p.db code >/dev/null
saved=0
for t in $(seq "$TRIALS"); do
	case $(( t % 3 )) in
	0) cmd="import --skip-existing big.csv" ;;
	1) cmd="code" ;;
	2) cmd="decide" ;;
	esac
	if [ "$cmd" = decide ]; then
		# decisions in a loop, each reported saved when qcode says so
		( i=0; while :; do i=$((i + 1)); id=d37-$(printf %02d $(( i % 20 + 1 ))); \
		  "$Q" --db p.db decide "$id" +kennis --note "t$t-$i" --coder k >/dev/null 2>&1 && echo "t$t-$i" >>saved; done ) &
		pid=$!
	else
		"$Q" --db p.db $cmd >/dev/null 2>&1 &
		pid=$!
	fi
	sleep "0.$(rand 9)$(rand 9)"
	pkill -KILL -P "$pid" 2>/dev/null
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# the checks
	ic=$(sql p.db "pragma integrity_check")
	[ "$ic" = ok ] || { echo "trial $t ($cmd): integrity_check: $ic"; failed=$((failed + 1)); }
	half=$(sql p.db "select count(*) from imports i where i.rows <> (select count(*) from answers a where a.import_id = i.id) and i.file not like '%answers.csv'")
	[ "$half" = 0 ] || { echo "trial $t ($cmd): an import is half-present"; failed=$((failed + 1)); }
	if [ -s saved ]; then
		missing=$(python3 -c "
import sqlite3, sys
have = {r[0] for r in sqlite3.connect('p.db').execute('select note from decisions where note is not null')}
print(' '.join(n for n in open('saved').read().split() if n not in have))")
		[ -z "$missing" ] || { echo "trial $t: decisions reported saved but missing: $missing"; failed=$((failed + 1)); }
		saved=$(wc -l <saved)
	fi
	unfinished=$(sql p.db "select count(*) from runs r join latest_runs l on l.run_id = r.id where r.finished is null")
	[ "$unfinished" = 0 ] || { echo "trial $t: an unfinished run counts as latest"; failed=$((failed + 1)); }
done
echo "$TRIALS trials (import, code, decide killed with SIGKILL); $saved decisions reported saved, all present; $failed problems"
[ "$failed" = 0 ]
