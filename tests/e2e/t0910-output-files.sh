#!/bin/sh
# Test plan: the files qcode writes -- no command writes over the project
# database or SQLite's -wal/-shm files beside it, by any name (as given,
# "..", a symbolic link, a hard link, standard output appended to it): exit
# 5, the exact message, the database intact; files with answers in them
# (exports, .sav, review sheets, appendices, charts) are made 0600 whatever
# the umask, an existing one is made so, --mode states another (and so is
# what scripts/appendix.sh makes with pandoc); a lexicon export keeps the
# usual permissions.
. "$(dirname "$0")/lib.sh"

count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }
intact() {
	test "$(count P "pragma integrity_check")" = ok &&
	test "$(count P "select count(*) from answers")" = 22 &&
	test "$(count P "select count(*) from decisions")" = 1
}

test_expect_success 'setup: a coded project P with a decision' '
	qcode --db P import --group heading "$CORPUS/answers.csv" >/dev/null &&
	qcode --db P code >/dev/null &&
	qcode --db P decide d37-01 +kennis --coder anna >/dev/null &&
	mkdir sub && ln -s P link && ln P hard && ln -s P-wal dangling && intact
'

# every command that writes a file, with the database's name as the file
writers() {
	cat <<-EOF
	appendix -o @
	appendix --format html -o @
	review --export @
	export --format csv -o @
	export --format jsonl -o @
	export --format sav -o @
	chart -o @
	table --by heading --format csv -o @
	lexicon export --to liwc -o @
	EOF
}

test_expect_success 'every writer refuses the database as its output' '
	writers | while read -r cmd; do
		expect_error 5 "qcode: error: cannot write '\''P'\'': it is the project database '\''P'\''" \
			qcode --db P $(echo "$cmd" | sed "s|@|P|") || { echo "$cmd"; exit 1; }
	done &&
	intact
'

test_expect_success 'by any name: .., a symbolic link, a hard link' '
	for name in sub/../P ./P link hard "$PWD/P"; do
		expect_error 5 "qcode: error: cannot write '\''$name'\'': it is the project database '\''P'\''" \
			qcode --db P appendix -o "$name" || { echo "$name"; exit 1; }
	done &&
	expect_error 5 "qcode: error: cannot write '\''hard'\'': it is the project database '\''P'\''" qcode --db P review --export hard &&
	intact
'

test_expect_success 'the database named by another name is protected too' '
	expect_error 5 "qcode: error: cannot write '\''P'\'': it is the project database '\''link'\''" qcode --db link export -o P &&
	intact
'

test_expect_success 'the -wal and -shm files beside it, also when not there yet' '
	expect_error 5 "qcode: error: cannot write '\''P-wal'\'': it is the write-ahead log of the project database '\''P'\''" qcode --db P export --format csv -o P-wal &&
	expect_error 5 "qcode: error: cannot write '\''dangling'\'': it is the write-ahead log of the project database '\''P'\''" qcode --db P export --format csv -o dangling &&
	expect_error 5 "qcode: error: cannot write '\''P-shm'\'': it is the shared-memory index of the project database '\''P'\''" qcode --db P review --export P-shm &&
	! test -e P-wal && intact
'

test_expect_success 'standard output appended to the database' '
	qcode --db P export >>P 2>err; test $? = 5 &&
	test "$(cat err)" = "qcode: error: cannot write '\''standard output'\'': it is the project database '\''P'\''" &&
	intact
'

test_expect_success 'other files are written as before' '
	qcode --db P export -o P.csv && test "$(sed -n 1p P.csv | cut -c1-7)" = "id,head" &&
	qcode --db P appendix -o sub/P >/dev/null && grep -q "^# " sub/P
'

test_expect_success 'files with answers are 0600, whatever the umask' '
	umask 000 &&
	qcode --db P export -o codes.csv && qcode --db P export --format sav -o codes.sav &&
	qcode --db P export --format jsonl -o codes.jsonl &&
	qcode --db P review --export sheet.csv >/dev/null && qcode --db P appendix -o app.md >/dev/null &&
	qcode --db P appendix --format html -o app.html >/dev/null && qcode --db P chart -o c.svg &&
	qcode --db P table --by heading -o t.md && qcode --db P table --by heading >t2.md && cmp t.md t2.md &&
	for f in codes.csv codes.sav codes.jsonl sheet.csv app.md app.html c.svg t.md; do
		test "$(stat -c %a $f)" = 600 || { echo "$f: $(stat -c %a $f)"; exit 1; }
	done
'

test_expect_success 'the DOCX of scripts/appendix.sh is 0600 too' '
	umask 022 && echo old >app.docx && chmod 644 app.docx &&
	"$TEST_ROOT/scripts/appendix.sh" app.md app.docx >/dev/null 2>&1 &&
	test "$(stat -c %a app.docx)" = 600 &&
	"$TEST_ROOT/scripts/appendix.sh" app.md new.odt >/dev/null 2>&1 &&
	test "$(stat -c %a new.odt)" = 600
'

test_expect_success 'an existing file is made 0600; --mode states another' '
	echo old >open.csv && chmod 644 open.csv &&
	qcode --db P export -o open.csv && test "$(stat -c %a open.csv)" = 600 &&
	umask 077 && qcode --mode 640 --db P export -o shared.csv && test "$(stat -c %a shared.csv)" = 640 &&
	qcode --db P --mode=0604 review --export shared.csv >/dev/null && test "$(stat -c %a shared.csv)" = 604 &&
	expect_error 2 "qcode: error: --mode takes permissions in octal, such as 600 or 640, not '\''rw'\''" qcode --mode rw --db P export
'

test_expect_success 'a lexicon export is no personal data: the usual permissions' '
	umask 022 && qcode lexicon export --to liwc -o frame.dic 2>/dev/null &&
	test "$(stat -c %a frame.dic)" = 644
'

test_done
