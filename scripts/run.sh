#!/bin/sh
# The main job on the bundled corpus: a project in out/ (made by the first
# run: import the Digitaal 2017 answers), coded with the shipped lexicons
# into a new run, and the report. A later run codes the same project again
# and keeps every human decision in it; it never deletes the project.
#
#   scripts/run.sh            (make run)
#   QCODE_OUT=DIR scripts/run.sh   the project and the files in DIR
set -eu
cd "$(dirname "$0")/.."
out=${QCODE_OUT:-out}
db=$out/digitaal2017.db
mkdir -p "$out"
q() { ./qcode --db "$db" --lexicons lexicons "$@"; }

if [ -e "$db" ]; then
	echo "== the project $db is there already: coded again, its decisions kept"
	echo "   (to start afresh, remove it and every decision in it: rm $db)"
else
	echo "== import"
	q import --group paragraph --group heading corpus/digitaal2017/answers.csv
fi
echo "== code"
q code
echo "== themes"
q summary
echo "== agreement with the report's headings (corpus/digitaal2017/gold.csv)"
q eval --gold corpus/digitaal2017/gold.csv
q export --format csv -o "$out/codes.csv"
q export --format sav -o "$out/codes.sav"
echo "== quote appendix (paragraph 3.7)"
q appendix -k 5 --min-words 1 --max-words 200 -o "$out/appendix.md"
q appendix -k 5 --min-words 1 --max-words 200 -o "$out/appendix.html"
echo "wrote $out/codes.csv, $out/codes.sav, $out/appendix.md and $out/appendix.html"
