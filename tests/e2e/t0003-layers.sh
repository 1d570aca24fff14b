#!/bin/sh
# Test plan: the folders keep the architecture (scripts/check-layers.sh):
# the tree as it is passes; copies of it with a stage that uses a later
# stage, a command's header, store.h or SQLite outside the project layer
# fail, each breach named.
. "$(dirname "$0")/lib.sh"

CHECK=$TEST_ROOT/scripts/check-layers.sh
copy() {
	rm -rf t && mkdir t && cp -r "$TEST_ROOT/pipeline" "$TEST_ROOT/cmd" t/
}

test_expect_success 'the tree keeps its layers' '
	"$CHECK" "$TEST_ROOT" >out && test ! -s out
'

test_expect_success 'a stage that uses a later stage is named' '
	copy && sed -i "s/#include \"token.h\"/#include \"token.h\"\n#include \"quotes.h\"/" t/pipeline/2-text/token.c &&
	"$CHECK" t >out; test $? = 1 &&
	test "$(cat out)" = "pipeline/2-text/token.c: includes quotes.h (stage 2 uses later stage 6)"
'

test_expect_success 'a stage that uses a command, SQL outside the project layer: named' '
	copy && printf "#include \"cmd.h\"\n#include \"store.h\"\n#include <sqlite3.h>\n" >>t/pipeline/5-analyse/eval.c &&
	printf "#include \"store.h\"\n" >>t/cmd/cmd_eval.c &&
	"$CHECK" t >out; test $? = 1 &&
	cat >want <<-\EOF &&
	pipeline/5-analyse/eval.c: includes cmd.h (a stage uses a command'"'"'s header)
	pipeline/5-analyse/eval.c: includes store.h (SQL is the project layer'"'"'s alone)
	pipeline/5-analyse/eval.c: includes <sqlite3.h> (only store.h includes SQLite)
	cmd/cmd_eval.c: includes store.h (SQL is the project layer'"'"'s alone)
	EOF
	sort want >a && sort out >b && diff -u a b
'

test_done
