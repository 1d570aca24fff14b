#!/bin/sh
# Test plan: the text stage through `qcode tokens` -- the golden token
# table of every corpus answer, the recorded stemmer and word-list
# versions, and each kind of bad input (invalid UTF-8, NUL, lone
# surrogate, --lenient, a missing file, a 10 MB answer); the word list's
# cached image: made, used, and no error when damaged or unwritable.
. "$(dirname "$0")/lib.sh"
G=$TEST_ROOT/tests/golden

test_expect_success 'golden files were made with this stemmer and word list' '
	{ qcode --version | grep "^Snowball"; echo "word list: wdutch $(dpkg-query -W -f="\${Version}" wdutch)"; } >versions &&
	if ! diff -u "$G/VERSIONS" versions; then
		echo "the golden files were made with other versions: run tests/golden/regen.sh and read the diff"
		exit 1
	fi
'

test_expect_success 'token table of the corpus answers matches the golden file' '
	qcode tokens "$G/corpus-answers.txt" >tokens.tsv &&
	diff -u "$G/corpus-tokens.tsv" tokens.tsv
'

test_expect_success 'tokens reads standard input too' '
	printf "Wet- en regelgeving\n" | qcode tokens - >out &&
	grep -q "^0	4	word	Wet-	wetgeving	wetgev	-	sent,clause,elliptic$" out
'

test_expect_success 'invalid UTF-8: exit 3, "file:line:" and the byte offset' '
	printf "goed\nfout \377 hier\n" >bad.txt &&
	expect_error 3 "bad.txt:2: invalid UTF-8 at byte offset 10 of the file (use --lenient to replace invalid bytes)" qcode tokens bad.txt
'

test_expect_success 'a NUL byte and a lone surrogate are invalid UTF-8 too' '
	printf "a\000b" >nul.txt &&
	expect_error 3 "nul.txt:1: invalid UTF-8 at byte offset 1 of the file (use --lenient to replace invalid bytes)" qcode tokens nul.txt &&
	printf "x\355\240\200y" >sur.txt &&
	expect_error 3 "sur.txt:1: invalid UTF-8 at byte offset 1 of the file (use --lenient to replace invalid bytes)" qcode tokens sur.txt
'

test_expect_success '--lenient replaces invalid bytes with U+FFFD and says how many' '
	printf "fout \377\376 hier\n" >bad2.txt &&
	qcode tokens --lenient bad2.txt >out 2>err &&
	grep -q "^qcode: warning: bad2.txt: replaced 2 invalid bytes with U+FFFD$" err &&
	test "$(grep -c "	symbol	" out)" = 2
'

test_expect_success 'a missing file: exit 5 and the reason' '
	expect_error 5 "qcode: error: cannot open '\''nope.txt'\'': No such file or directory" qcode tokens nope.txt
'

test_expect_success 'a 10 MB single answer is tokenised' '
	python3 -c "import sys; sys.stdout.write(\"wetgeving \" * 1048576)" >big.txt &&
	qcode tokens big.txt >out &&
	test "$(wc -l <out)" = 1048577
'

test_expect_success 'the word list image: made at the first start, then used; a damaged one said so and made anew; an unwritable cache is no error' '
	printf "De privacywetgeving en ict-contracten\nGeen regie op de rijksbrede informatievoorziening\n" >in.txt &&
	QCODE_CACHE= qcode tokens in.txt >plain &&
	export QCODE_CACHE="$TRASH/cache" &&
	qcode tokens in.txt >first && img=$(ls cache/vocab-*.img) &&
	qcode tokens in.txt >second &&
	cmp plain first && cmp plain second &&
	grep -q "privacy+wetgeving" plain &&
	dd if=/dev/urandom of="$img" bs=4096 seek=1 count=1024 conv=notrunc 2>/dev/null &&
	qcode tokens in.txt >damaged 2>err && cmp plain damaged &&
	echo "qcode: warning: the word list'\''s image '\''$TRASH/$img'\'' is damaged (its checksum does not match its contents); making it anew" >want &&
	diff -u want err &&
	QCODE_CACHE=/dev/null/qcode qcode tokens in.txt >nodir 2>err &&
	cmp plain nodir && test ! -s err
'

test_done
