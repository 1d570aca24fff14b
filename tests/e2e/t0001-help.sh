#!/bin/sh
# Test plan: the command frame -- help, per-command help, version, and the
# usage errors (unknown command, unknown option, missing value): exit 2 and
# the exact message.
. "$(dirname "$0")/lib.sh"

test_expect_success '--help lists every command and the exit codes' '
	qcode --help >out &&
	for c in import code runs diff export summary tokens lexicon; do
		grep -q "^  $c " out || exit 1
	done &&
	grep -q "Exit codes: 0 ok, 1 a check failed, 2 usage, 3 bad input or lexicon," out
'

test_expect_success 'help CMD and CMD --help print its usage' '
	qcode help tokens >a && qcode tokens --help >b && diff a b &&
	grep -q "^usage: qcode tokens \[--lenient\] \[FILE|-\]" a
'

test_expect_success '--version names qcode, PCRE2, SQLite and the Snowball algorithm' '
	qcode --version >out &&
	grep -q "^qcode [0-9]" out && grep -q "^PCRE2 10\." out &&
	grep -q "^SQLite 3\." out && grep -q "^Snowball dutch (libstemmer " out
'

test_expect_success 'unknown command: exit 2 and the message' '
	expect_error 2 "qcode: error: unknown command '\''frobnicate'\''; see '\''qcode --help'\''" qcode frobnicate
'

test_expect_success 'unknown option of a command: exit 2, message and usage' '
	expect_error 2 "qcode: error: unknown option '\''--frob'\''
usage: qcode tokens [--lenient] [FILE|-]" qcode tokens --frob
'

test_expect_success 'unknown global option: exit 2' '
	expect_error 2 "qcode: error: unknown option '\''--frob'\''; see '\''qcode --help'\''" qcode --frob
'

test_expect_success 'a missing option value: exit 2' '
	expect_error 2 "qcode: error: option '\''--db'\'' needs a value" qcode tokens --db
'

test_expect_success 'no command at all: usage on stderr, exit 2' '
	qcode 2>err; test $? = 2 && grep -q "^usage: qcode" err
'

test_done
