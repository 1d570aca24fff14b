#!/bin/sh
# The main job on the bundled corpus: a fresh project in out/, import the
# Digitaal 2017 answers, code them with the shipped lexicons, and report.
set -eu
cd "$(dirname "$0")/.."
out=out
db=$out/digitaal2017.db
mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"
q() { ./qcode --db "$db" --lexicons lexicons "$@"; }

echo "== import"
q import --group paragraph --group heading corpus/digitaal2017/answers.csv
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
