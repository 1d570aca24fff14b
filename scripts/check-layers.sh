#!/bin/sh
# Check that the folders keep the architecture (pipeline/README.md): a
# module of pipeline/N-stage includes headers of its own stage and of the
# stages before it only, never a later stage's or a command's; SQLite and
# store.h are the project layer's alone (pipeline/4-project); the commands
# (cmd/) use the stages and never SQL. Prints each breach as
# FILE: includes HEADER (REASON) and exits 1 when there is one.
# Usage: scripts/check-layers.sh [ROOT]
set -eu
root=${1:-$(dirname "$0")/..}
cd "$root"
bad=0
breach() {
	echo "$1: includes $2 ($3)"
	bad=1
}
# the stage (its number) a header is in; cmd for the commands'; none for a
# library's
stage_of() {
	for d in pipeline/[0-9]-*; do
		[ -f "$d/$1" ] && { basename "$d" | cut -d- -f1; return; }
	done
	[ -f "cmd/$1" ] && { echo cmd; return; }
	echo none
}
for f in pipeline/*/*.[ch] cmd/*.[ch]; do
	case $f in
	pipeline/[0-9]-*) mine=$(echo "$f" | sed 's|^pipeline/\([0-9]\)-.*|\1|') ;;
	cmd/*) mine=cmd ;;
	*) breach "$f" "nothing" "a source file outside a stage's folder"; continue ;;
	esac
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		at=$(stage_of "$h")
		case $at in
		none) breach "$f" "$h" "no such header in a stage or in cmd/" ;;
		cmd) [ "$mine" = cmd ] || breach "$f" "$h" "a stage uses a command's header" ;;
		*) [ "$mine" = cmd ] || [ "$at" -le "$mine" ] ||
			breach "$f" "$h" "stage $mine uses later stage $at" ;;
		esac
		if [ "$h" = store.h ] && [ "$mine" != 4 ]; then
			breach "$f" "$h" "SQL is the project layer's alone"
		fi
	done
	if grep -q '^#include <sqlite3.h>' "$f" && [ "$f" != pipeline/4-project/store.h ]; then
		breach "$f" "<sqlite3.h>" "only store.h includes SQLite"
	fi
done
exit $bad
