#!/bin/sh
# Run every test: the cmocka unit-test binaries given as arguments, then
# the end-to-end scripts tests/e2e/t*.sh. Prints each runner's summary and,
# last, one line "N passed, N failed" counting every test case.
cd "$(dirname "$0")/.." || exit 1
# the word list's image goes with the build, not into the tester's home
QCODE_CACHE=$PWD/build/cache
export QCODE_CACHE
passed=0
failed=0
log=$(mktemp)
for bin in "$@"; do
	"$bin" >"$log" 2>&1
	rc=$?
	grep -E '^\[ *(PASSED|FAILED) *\] [0-9]+ test|^\[  FAILED  \] test_|^ERROR|^\[  ERROR' "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ] && [ -z "$f" ]; then
		echo "$bin exited with $rc"
		cat "$log"
		failed=$((failed + 1))
	fi
done
# A script that hangs fails after this many seconds instead of stalling CI.
limit=${QCODE_TEST_LIMIT:-900}
for t in tests/e2e/t[0-9]*.sh; do
	timeout -k 10 "$limit" sh "$t" >"$log" 2>&1
	rc=$?
	[ "$rc" = 124 ] && echo "$t: still running after $limit s, stopped" >>"$log"
	grep -v '^ok ' "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	echo "[==========] $t: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "$t exited with $rc"
		failed=$((failed + 1))
	fi
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
