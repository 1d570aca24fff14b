#!/bin/sh
# Test plan: messages that say what is wrong and what to do -- a UTF-16 (or
# UTF-32) file, with a byte order mark or without, is named as such with
# the iconv line that converts it (import CSV and JSONL, the streaming
# coder, a review sheet, tokens), and that line works; no lexicon folder
# where the default looks names --lexicons and $QCODE_LEXICONS; a JSONL
# record without the text key names its line (import and code); counts
# of one are singular ("1 answer"), and no number prints as "-0".
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

test_expect_success 'a UTF-16 CSV with a byte order mark: named, with the iconv line; nothing imported' '
	printf "id,text\n1,privacywetgeving knelt\n" | iconv -f UTF-8 -t UTF-16 >u16.csv &&
	Q import "$CORPUS/answers.csv" >/dev/null &&
	expect_error 3 "qcode: error: u16.csv: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16 -t UTF-8 u16.csv > u16-utf8.csv" Q import u16.csv &&
	test "$(count p.db "select count(*) from answers")" = 22 &&
	iconv -f UTF-16 -t UTF-8 u16.csv > u16-utf8.csv && Q import u16-utf8.csv >out &&
	grep -q "^imported 1 answer from u16-utf8.csv (csv)$" out
'

test_expect_success 'UTF-16 without a byte order mark: its byte order named; a name quoted for the shell' '
	printf "{\"id\":\"j1\",\"text\":\"regie\"}\n" | iconv -f UTF-8 -t UTF-16LE >"my answers.jsonl" &&
	expect_error 3 "qcode: error: my answers.jsonl: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16LE -t UTF-8 '\''my answers.jsonl'\'' > '\''my answers-utf8.jsonl'\''" Q import "my answers.jsonl" &&
	printf "id\ttext\n1\tregie\n" | iconv -f UTF-8 -t UTF-16BE >be.tsv &&
	expect_error 3 "qcode: error: be.tsv: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16BE -t UTF-8 be.tsv > be-utf8.tsv" Q import be.tsv &&
	printf "id,text\n1,regie\n" | iconv -f UTF-8 -t UTF-32 >u32.csv &&
	expect_error 3 "qcode: error: u32.csv: the file is UTF-32, not UTF-8; convert it with: iconv -f UTF-32 -t UTF-8 u32.csv > u32-utf8.csv" Q import u32.csv
'

test_expect_success 'UTF-16 into the streaming coder, a review sheet and tokens' '
	printf "privacywetgeving knelt\n" | iconv -f UTF-8 -t UTF-16 >u16.txt &&
	expect_error 3 "qcode: error: <stdin>: the input is UTF-16, not UTF-8; convert it on the way: iconv -f UTF-16 -t UTF-8" qcode code <u16.txt &&
	expect_error 3 "qcode: error: <stdin>: the input is UTF-16, not UTF-8; convert it on the way: iconv -f UTF-16 -t UTF-8" qcode code --lenient <u16.txt &&
	expect_error 3 "qcode: error: <stdin>: the input is UTF-16, not UTF-8; convert it on the way: iconv -f UTF-16 -t UTF-8" qcode code --in-format csv <u16.csv &&
	iconv -f UTF-16 -t UTF-8 <u16.txt | qcode code | grep -q "\"primary\":\"wetgeving\"" &&
	Q code >/dev/null && Q review --export r.csv >/dev/null && iconv -f UTF-8 -t UTF-16 r.csv >r16.csv &&
	expect_error 3 "qcode: error: r16.csv: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16 -t UTF-8 r16.csv > r16-utf8.csv" Q review --import r16.csv &&
	expect_error 3 "qcode: error: u16.txt: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16 -t UTF-8 u16.txt > u16-utf8.txt" qcode tokens u16.txt
'

test_expect_success 'a binary file with NUL bytes is not taken for UTF-16' '
	head -c 4000 "$TEST_ROOT/qcode" >bin.txt &&
	qcode tokens bin.txt 2>err; test $? = 3 && grep -q "invalid UTF-8" err && ! grep -q UTF-16 err
'

test_expect_success 'no lexicon folder where the default looks: --lexicons and $QCODE_LEXICONS named' '
	mkdir empty && cd empty &&
	if test -d /usr/local/share/qcode/lexicons; then exit 0; fi
	msg="qcode: error: no lexicon directory: there is no ./lexicons here and no /usr/local/share/qcode/lexicons; name one with --lexicons DIR or \$QCODE_LEXICONS" &&
	echo regie >a.txt &&
	expect_error 3 "$msg" env -u QCODE_LEXICONS qcode code <a.txt &&
	expect_error 3 "$msg" env -u QCODE_LEXICONS qcode lexicon lint &&
	expect_error 3 "$msg" env -u QCODE_LEXICONS qcode lexicon show regie &&
	env -u QCODE_LEXICONS qcode --lexicons "$TEST_ROOT/lexicons" code <a.txt | grep -q "\"primary\":\"regie\"" &&
	QCODE_LEXICONS="$TEST_ROOT/lexicons" qcode code <a.txt | grep -q "\"primary\":\"regie\"" &&
	qcode --db n.db import a.txt >/dev/null &&
	expect_error 3 "qcode: error: no themes: code the project first, or name the lexicons with --lexicons DIR or \$QCODE_LEXICONS" env -u QCODE_LEXICONS qcode --db n.db review --export x.csv
'

test_expect_success 'a JSONL record without the text key: an error naming the line' '
	printf "{\"id\":\"m1\",\"text\":\"regie\"}\n\n{\"id\":\"m2\",\"tekst\":\"x\"}\n" >m.jsonl &&
	expect_error 3 "m.jsonl:3: no key '\''text'\'' in this record (its keys are: id, tekst)" qcode --db m.db import m.jsonl &&
	test ! -e m.db &&
	expect_error 3 "<stdin>:3: no key '\''text'\'' in this record (its keys are: id, tekst)" qcode code --in-format jsonl <m.jsonl &&
	printf "{\"id\":\"m1\",\"text\":[\"regie\"]}\n" >arr.jsonl &&
	expect_error 3 "arr.jsonl:1: key '\''text'\'' holds an array, not text" qcode --db m.db import arr.jsonl &&
	printf "{\"text\":\"regie\"}\n" >noid.jsonl &&
	expect_error 3 "noid.jsonl:1: no key '\''id'\'' in this record (its keys are: text)" qcode --db m.db import noid.jsonl &&
	printf "{\"id\":\"m1\",\"text\":null}\n" >null.jsonl && qcode --db m.db import null.jsonl >out &&
	grep -q "^imported 1 answer from null.jsonl (jsonl), 1 empty$" out
'

test_expect_success 'a count of one is singular' '
	printf "id,text,g\no1,privacywetgeving,a\n" >one.csv &&
	qcode --db o.db import --group g one.csv >out && test "$(cat out)" = "imported 1 answer from one.csv (csv)" &&
	qcode --db o.db code >out && grep -q "^run 1: coded 1 answer, 1 with a theme (lexicon " out &&
	qcode --db o.db summary >out && grep -q "^1 answer (0 empty)$" out &&
	grep -q "^Percentages of the 1 non-empty answer; an answer can have several themes.$" out &&
	qcode --db o.db review --export o.csv >out && grep -q "^wrote 1 answer to o.csv: " out &&
	sed -i "s/,wetgeving,wetgeving,wetgeving,wetgeving,,/,wetgeving,wetgeving,kennis;wetgeving,wetgeving,,/" o.csv &&
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

test_expect_success 'numeric options: a value that is not a number in range is exit 2, naming the option and the value' '
	Q import "$CORPUS/answers.csv" >/dev/null 2>&1; Q code >/dev/null &&
	for args in "review --sample abc --export s.csv" "review --seed -1 --export s.csv" "review --low x --export s.csv" \
		    "kwic --width 0 regie" "quotes -k 0" "quotes --min-words 1e3" "suggest --top x regie" \
		    "eval --gold $CORPUS/gold.csv --boot 1.5" "eval --gold $CORPUS/gold.csv --min-kappa 2"; do
		Q $args >/dev/null 2>err; test $? = 2 || { echo "$args: not 2"; exit 1; }
		grep -q "^qcode: error: option .*: .* is not a \(whole \)\{0,1\}number from" err || { echo "$args:"; cat err; exit 1; }
	done &&
	qcode code - -j x </dev/null 2>err; test $? = 2 &&
	grep -q "^qcode: error: option .-j.: .x. is not a whole number from 1 to 256$" err
'

test_expect_success 'before any coding run, every report says its machine codes are empty' '
	qcode --db u.db import "$CORPUS/answers.csv" >/dev/null &&
	w="qcode: warning: no coding run has finished yet, so no answer has a machine code; run '\''qcode code'\'' first" &&
	for c in summary "table" "chart -o u.svg" "export -o u.csv" "quotes" "appendix -o u.md"; do
		qcode --db u.db $c >/dev/null 2>err && test "$(cat err)" = "$w" || { echo "# $c"; cat err; exit 1; }
	done &&
	qcode --db u.db code >/dev/null &&
	for c in summary "table" "chart -o u.svg" "export -o u.csv" "quotes" "appendix -o u.md"; do
		qcode --db u.db $c >/dev/null 2>err && test ! -s err || { echo "# $c"; cat err; exit 1; }
	done
'

test_done
