#!/bin/sh
# Test plan: coding a stream in shards -- ids from an id column (JSONL, TSV,
# CSV) pass through unchanged, so the shards' codes put together are the
# whole input's; plain lines (and records without an id) are numbered
# within their own shard, after --id-prefix; `qcode lexicon hash` prints
# the identity a coding run records (hash, stemmer, each theme's file and
# SHA-256); `qcode code --stamp` ends every JSON Lines record with it, as
# a field that JSON readers pass over (no header line), and it changes
# with the lexicons; --stamp and --id-prefix are for streams only.
. "$(dirname "$0")/lib.sh"

q() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str,r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$@"; }

test_expect_success 'JSONL ids pass through: the shards together are the whole' '
	qcode --db p.db import "$CORPUS/answers.csv" >/dev/null &&
	qcode --db p.db export --format jsonl >answers.jsonl &&
	qcode code --in-format jsonl <answers.jsonl >whole.jsonl &&
	split -l 7 answers.jsonl shard. &&
	test "$(ls shard.* | wc -l)" = 4 &&
	for s in shard.*; do qcode code --in-format jsonl <$s || exit 1; done >parts.jsonl &&
	cmp whole.jsonl parts.jsonl &&
	jq -r .id answers.jsonl >want &&
	jq -r .id parts.jsonl >got &&
	diff -u want got &&
	grep -q "^d37-04$" got
'

test_expect_success 'TSV and CSV ids pass through as the input gives them' '
	printf "id\ttext\n017\tGeen regie\nr 2\tTe weinig kennis\n" >a.tsv &&
	qcode code --in-format tsv <a.tsv >out &&
	sed -n 1p out | grep -q "^{\"id\":\"017\",\"primary\":\"regie\"" &&
	sed -n 2p out | grep -q "^{\"id\":\"r 2\",\"primary\":\"kennis\"" &&
	printf "id,text\n017,Geen regie\n" | qcode code --in-format csv --id-prefix x- | grep -q "^{\"id\":\"017\","
'

test_expect_success 'plain lines are numbered within each shard, after --id-prefix' '
	printf "Geen regie\nTe weinig kennis\nPrivacy knelt\n" >lines.txt &&
	split -l 2 lines.txt l. &&
	{ qcode code --id-prefix a- <l.aa && qcode code --id-prefix b- <l.ab; } >out &&
	cut -d, -f1 out >ids &&
	printf "{\"id\":\"a-1\"\n{\"id\":\"a-2\"\n{\"id\":\"b-1\"\n" >want &&
	diff -u want ids &&
	qcode code --id-prefix "b-" -j 2 <l.ab | grep -q "^{\"id\":\"b-1\",\"primary\":\"wetgeving\"" &&
	qcode code <l.ab | grep -q "^{\"id\":\"1\","
'

test_expect_success 'records without an id are numbered after --id-prefix too' '
	printf "{\"text\":\"Geen regie\"}\n{\"id\":\"k\",\"text\":\"x\"}\n" | qcode code --in-format jsonl --id-prefix s7. >out &&
	sed -n 1p out | grep -q "^{\"id\":\"s7.1\"," &&
	sed -n 2p out | grep -q "^{\"id\":\"k\","
'

test_expect_success 'lexicon hash: the identity a coding run records' '
	qcode lexicon hash >id &&
	test "$(wc -l <id)" = 8 &&
	hash=$(sed -n "s/^lexicon	//p" id) &&
	qcode --db p.db code >/dev/null &&
	test "$hash" = "$(q p.db "select hash from lexicon_versions")" &&
	test "$(sed -n "s/^stemmer	//p" id)" = "$(q p.db "select stemmer from lexicon_versions")" &&
	test "$(qcode lexicon lint | sed -n "s/.*lexicon hash //p")" = "$(echo "$hash" | cut -c1-12)" &&
	grep "^theme	" id | while IFS="	" read -r _ key file sha; do
		test "$(sha256sum <"$TEST_ROOT/lexicons/$file" | cut -d" " -f1)" = "$sha" &&
		q p.db "select files from lexicon_versions" | grep -q "{\"file\":\"$file\",\"key\":\"$key\",\"sha256\":\"$sha\"}" || exit 1
	done
'

test_expect_success '--stamp ends every record with the codeframe that coded it' '
	hash=$(sed -n "s/^lexicon	//p" id) &&
	qcode code --in-format jsonl --stamp <answers.jsonl >stamped.jsonl &&
	stamp=$(printf "\"stamp\":{\"lexicon\":\"%s\",\"stemmer\":\"%s\",\"qcode\":\"%s\"}}" \
		"$hash" "$(sed -n "s/^stemmer	//p" id)" "$(qcode --version | sed -n "s/^qcode //p")") &&
	test "$(grep -c -F ",$stamp" stamped.jsonl)" = 22 &&
	test "$(wc -l <stamped.jsonl)" = 22 &&
	qcode code --stamp <lines.txt | grep -c -F "$stamp" | grep -qx 3
'

test_expect_success 'a JSON Lines reader reads stamped records as before' '
	jq -c "del(.stamp)" stamped.jsonl >unstamped.jsonl &&
	jq -c . whole.jsonl >whole-jq.jsonl &&
	cmp unstamped.jsonl whole-jq.jsonl &&
	python3 -c "import json,sys; [json.loads(l)[\"themes\"] for l in open(sys.argv[1])]" stamped.jsonl
'

test_expect_success 'the stamp changes with the lexicons' '
	hash=$(sed -n "s/^lexicon	//p" id) &&
	cp -r "$TEST_ROOT/lexicons" lex &&
	echo "extra" >>lex/regie.lex &&
	other=$(qcode --lexicons lex lexicon hash | sed -n "s/^lexicon	//p") &&
	test -n "$other" && test "$other" != "$hash" &&
	echo "Geen regie" | qcode --lexicons lex code --stamp | grep -q -F "\"lexicon\":\"$other\""
'

test_expect_success '--stamp needs JSON Lines; --stamp and --id-prefix need a stream' '
	expect_error 2 "qcode: error: --stamp needs --out-format jsonl (the records import-codes reads)
usage: $(qcode help code | sed -n "/^usage: /,/^\$/p" | sed "/^\$/d; s/^usage: //")" qcode code --stamp --out-format tsv <lines.txt &&
	expect_error 2 "qcode: error: --stamp applies to standard input ('\''qcode code -'\''), not to the project
usage: $(qcode help code | sed -n "/^usage: /,/^\$/p" | sed "/^\$/d; s/^usage: //")" qcode --db p.db code --stamp &&
	expect_error 2 "qcode: error: --id-prefix applies to standard input ('\''qcode code -'\''), not to the project
usage: $(qcode help code | sed -n "/^usage: /,/^\$/p" | sed "/^\$/d; s/^usage: //")" qcode --db p.db code --id-prefix x
'

test_done
