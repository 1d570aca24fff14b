#!/bin/sh
# Test plan: messages that say what is wrong and what to do -- counts of
# one are singular ("1 answer"), and no number prints as "-0".
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

test_expect_success 'a count of one is singular' '
	printf "id,text,g\no1,privacywetgeving,a\n" >one.csv &&
	qcode --db o.db import --group g one.csv >out && test "$(cat out)" = "imported 1 answer from one.csv (csv)" &&
	qcode --db o.db code >out && grep -q "^run 1: coded 1 answer, 1 with a theme (lexicon " out &&
	qcode --db o.db summary >out && grep -q "^1 answer (0 empty)$" out &&
	grep -q "^Percentages of the 1 non-empty answer; an answer can have several themes.$" out &&
	qcode --db o.db review --export o.csv >out && grep -q "^wrote 1 answer to o.csv: " out &&
	sed -i "s/,wetgeving,wetgeving,wetgeving,wetgeving,$/,wetgeving,wetgeving,kennis;wetgeving,wetgeving,/" o.csv &&
	qcode --db o.db review --import o.csv >out && test "$(cat out)" = "applied 1 reviewed answer from o.csv" &&
	qcode --db o.db quotes --min-words 1 --explain >out &&
	grep -q "^## wetgeving: Wetgeving (1 answer, 1 with it as primary)$" out &&
	grep -q "; 1 word$" out &&
	qcode --db o.db kwic regie 2>err >/dev/null && test "$(cat err)" = "0 occurrences of '\''regie'\''" &&
	mkdir lex1 && printf "%%key t\nregie\n" >lex1/t.lex &&
	qcode --lexicons lex1 lexicon lint >out && grep -q "^lex1: 1 theme, 1 rule, 0 groups, lexicon hash " out &&
	grep -q "^  t                   1 rule   t$" out &&
	qcode --db o.db --lexicons lex1 code >/dev/null && qcode --db o.db diff 1 2 2>err >/dev/null &&
	test "$(cat err)" = "1 answer changed (* marks the primary theme)" &&
	printf "id,text\nr1\n" >ragged.csv &&
	expect_error 3 "ragged.csv:2: this row has 1 field, the header has 2" qcode --db o.db import ragged.csv
'

test_expect_success 'no negative zero' '
	mkdir lexz && printf "%%key t\n%%min-score -0\nregie\n" >lexz/t.lex &&
	qcode --lexicons lexz lexicon show t >out && grep -q "^# lexz/t.lex, min-score 0$" out &&
	! grep -q -- "-0\b" out
'

test_done
