# lib.sh: what every end-to-end test sources. Fixes locale, time zone and
# colour, gives each script a fresh trash directory to work in, and counts
# checks as "ok N - ..." / "not ok N - ..." lines (TAP).
#
#   test_expect_success 'what it checks' '
#       commands; the last one decides
#   '
#   expect_error CODE 'expected stderr' qcode ARGS...   (inside a check)
#   test_done

set -u
# a test reads no input but what it gives: `qcode code` tells a pipe or a
# file on standard input from a terminal or /dev/null
exec </dev/null
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 QCODE_NOW=2026-01-01T00:00:00Z
unset QCODE_DB QCODE_LEXICONS
TEST_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS=$TEST_ROOT/corpus/digitaal2017
PATH=$TEST_ROOT:$PATH
export QCODE_LEXICONS=$TEST_ROOT/lexicons
# the word list's image goes with the build, not into the tester's home
export QCODE_CACHE=$TEST_ROOT/build/cache
TEST_NAME=$(basename "$0" .sh)
TRASH=$TEST_ROOT/tests/e2e/trash.$TEST_NAME
rm -rf "$TRASH"
mkdir -p "$TRASH"
cd "$TRASH" || exit 1
test_count=0
test_failed=0

test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $TEST_NAME: $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $TEST_NAME: $1"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# expect_error CODE EXPECTED_STDERR COMMAND...: exit code and stderr exactly.
expect_error() {
	want_code=$1
	want_err=$2
	shift 2
	"$@" >"$TRASH/.stdout" 2>"$TRASH/.stderr"
	code=$?
	if [ "$code" != "$want_code" ]; then
		echo "exit code $code, wanted $want_code"
		cat "$TRASH/.stderr"
		return 1
	fi
	printf '%s\n' "$want_err" >"$TRASH/.want"
	diff -u "$TRASH/.want" "$TRASH/.stderr"
}

test_done() {
	if [ "$test_failed" = 0 ]; then
		cd "$TEST_ROOT" && rm -rf "$TRASH"
		exit 0
	fi
	exit 1
}
