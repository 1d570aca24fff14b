#!/bin/sh
# Test plan: the project database as a file -- a read-only database still
# serves every reading command and leaves no -wal or -shm behind, while a
# writing command says the file is read-only (exit 4); a read-only folder
# is named as the cause (SQLite must make the -wal file there); an empty
# file qcode takes over is made 0600; an import that fails leaves no
# database it made behind, and keeps one that was there; a project of
# schema version 1 is brought up to version 3, and read as it is when it
# is read-only.
. "$(dirname "$0")/lib.sh"

count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

# Permissions do not stop root: as root, run qcode as nobody in folders
# given to nobody.
if [ "$(id -u)" = 0 ]; then
	as_other() { setpriv --reuid=65534 --regid=65534 --clear-groups env QCODE_CACHE= "$@"; }
	give() { chown -R 65534 "$@"; }
else
	as_other() { "$@"; }
	give() { :; }
fi

test_expect_success 'setup: a coded project with a decision' '
	qcode --db p.db import --group heading "$CORPUS/answers.csv" >/dev/null &&
	qcode --db p.db code >/dev/null &&
	qcode --db p.db decide d37-01 +kennis --coder anna >/dev/null &&
	mkdir f d && cp p.db f/p.db && cp p.db d/p.db && give f d &&
	chmod 444 f/p.db && chmod 555 d
'

reads() {
	as_other qcode --db "$1" summary >sum && grep -q "^22 answers (0 empty)$" sum &&
	as_other qcode --db "$1" runs >runs && grep -q "^1	.*	22	20	" runs &&
	as_other qcode --db "$1" log d37-01 | grep -q "	add	kennis	anna	" &&
	as_other qcode --db "$1" export --format jsonl | grep -c "\"id\":" | grep -q "^22$" &&
	as_other qcode --db "$1" table --by heading >/dev/null &&
	as_other qcode --db "$1" kwic wetgeving:wetgeving 2>/dev/null | grep -q "Privacywetgeving"
}

test_expect_success 'a read-only database serves the reading commands' '
	reads f/p.db && ! test -e f/p.db-wal && ! test -e f/p.db-shm
'

test_expect_success 'a read-only database: writing commands say so, exit 4' '
	msg="qcode: error: cannot write database '\''f/p.db'\'': the file is read-only (Permission denied)" &&
	expect_error 4 "$msg" as_other qcode --db f/p.db decide d37-02 +kennis &&
	expect_error 4 "$msg" as_other qcode --db f/p.db code &&
	expect_error 4 "$msg" as_other qcode --db f/p.db import "$CORPUS/answers.csv" &&
	expect_error 4 "$msg" as_other qcode --db f/p.db review --import nothing.csv &&
	test "$(count f/p.db "select count(*) from decisions")" = 1
'

test_expect_success 'a read-only folder serves the reading commands' '
	reads d/p.db
'

test_expect_success 'a read-only folder is named as the cause, with the -wal file' '
	msg="qcode: error: cannot write database '\''d/p.db'\'': its folder '\''d'\'' is read-only (Permission denied), and SQLite must make '\''d/p.db-wal'\'' there" &&
	expect_error 4 "$msg" as_other qcode --db d/p.db decide d37-02 +kennis &&
	expect_error 4 "$msg" as_other qcode --db d/p.db code &&
	test "$(count d/p.db "select count(*) from decisions")" = 1
'

test_expect_success 'an empty file qcode takes over is made private' '
	: >taken.db && chmod 644 taken.db &&
	qcode --db taken.db import "$CORPUS/answers.csv" >/dev/null &&
	test "$(stat -c %a taken.db)" = 600
'

test_expect_success 'an import that fails leaves no database it made behind' '
	expect_error 5 "qcode: error: cannot open '\''missing.csv'\'': No such file or directory" qcode --db new.db import missing.csv &&
	! test -e new.db && ! test -e new.db-wal && ! test -e new.db-shm &&
	printf "id,text\n1,a\n1,b\n" >dup.csv &&
	expect_error 3 "dup.csv:3: duplicate id '\''1'\'' in this file" qcode --db new.db import dup.csv &&
	! test -e new.db
'

test_expect_success 'an import that fails keeps a database that was there' '
	: >pre.db &&
	expect_error 5 "qcode: error: cannot open '\''missing.csv'\'': No such file or directory" qcode --db pre.db import missing.csv &&
	test -e pre.db &&
	expect_error 5 "qcode: error: cannot open '\''missing.csv'\'': No such file or directory" qcode --db p.db import missing.csv &&
	test "$(count p.db "select count(*) from answers")" = 22
'

test_expect_success 'a project of schema version 1 is brought up to version 3' '
	cp p.db v1.db &&
	python3 -c "import sqlite3; c=sqlite3.connect(\"v1.db\"); c.executescript(\"drop table text_changes; drop table questions; pragma user_version=1\")" &&
	mkdir ro1 && cp v1.db ro1/ && give ro1 && chmod 444 ro1/v1.db &&
	as_other qcode --db ro1/v1.db log d37-01 | grep -q "	add	kennis	anna	" &&
	test "$(count ro1/v1.db "pragma user_version")" = 1 &&
	qcode --db v1.db log d37-01 >/dev/null &&
	test "$(count v1.db "pragma user_version")" = 3 &&
	test "$(count v1.db "select count(*) from text_changes")" = 0 &&
	test "$(count v1.db "select count(*) from questions")" = 0
'

chmod -R u+w f d ro1 2>/dev/null
test_done
