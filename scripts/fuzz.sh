#!/bin/sh
# make fuzz: build each fuzz target with libFuzzer (clang, with ASan and
# UBSan) and run it for FUZZ_SECONDS, seeded from the corpus and the tests.
# A crash leaves its input in build/fuzz/crash-*; turn it into a test.
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "qcode: error: make fuzz needs clang" >&2; exit 5; }
mkdir -p build/fuzz
INCLUDES=$(for d in pipeline/[0-9]-*; do printf ' -I%s' "$d"; done)
CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -std=c11 -D_GNU_SOURCE $INCLUDES $(pkg-config --cflags libpcre2-8 sqlite3 libutf8proc jansson minizip expat)"
LIBS="$(pkg-config --libs libpcre2-8 sqlite3 libutf8proc jansson minizip expat) -lstemmer -lcsv -lreadstat -lnettle -lpthread -lm"
objs=""
for s in util outfile utf8 dutch vocab stem token lexicon lang match read format sav xlsx; do
	clang $CFLAGS -c pipeline/*/$s.c -o build/fuzz/$s.o
	objs="$objs build/fuzz/$s.o"
done
# seeds
mkdir -p build/fuzz/seed-text build/fuzz/seed-lex build/fuzz/seed-read build/fuzz/seed-sav build/fuzz/seed-review \
	build/fuzz/seed-xlsx
cp tests/golden/corpus-answers.txt build/fuzz/seed-text/
cp lexicons/*.lex tests/golden/bad-lexicons/*.lex build/fuzz/seed-lex/
{ printf '\001'; cat corpus/digitaal2017/answers.csv; } >build/fuzz/seed-read/csv
{ printf '\003'; printf '{"id":1,"text":"Geen regie"}\n'; } >build/fuzz/seed-read/jsonl
# a real .sav to start from (without one the fuzzer never gets past the header)
rm -f build/fuzz/seed.db*
./qcode --db build/fuzz/seed.db import corpus/digitaal2017/answers.csv >/dev/null
./qcode --db build/fuzz/seed.db export --format sav -o build/fuzz/seed-sav/corpus.sav
cp tests/fuzz/regress/*.sav build/fuzz/seed-sav/
# workbooks qcode writes (an export, a review workbook) to start from
./qcode --db build/fuzz/seed.db code >/dev/null
./qcode --db build/fuzz/seed.db export -o build/fuzz/seed-xlsx/export.xlsx
./qcode --db build/fuzz/seed.db review --export build/fuzz/seed-xlsx/review.xlsx >/dev/null
printf 'id,themes,primary\nd1,kennis;regie,kennis\n' >build/fuzz/seed-review/a.csv
for t in tokenize lexicon read sav review_csv xlsx; do
	clang $CFLAGS -fsanitize=fuzzer tests/fuzz/fuzz_$t.c $objs $LIBS -o build/fuzz/fuzz_$t
done
run() {
	echo "== fuzz_$1: $SECONDS_EACH s"
	mkdir -p "build/fuzz/corpus-$1"
	build/fuzz/fuzz_$1 -max_total_time="$SECONDS_EACH" -max_len="${3:-65536}" -artifact_prefix=build/fuzz/ \
		-print_final_stats=1 "build/fuzz/corpus-$1" "build/fuzz/$2" 2>&1 | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)|#[0-9]+.*DONE" || true
}
run tokenize seed-text
run lexicon seed-lex 8192
run read seed-read
run sav seed-sav
run review_csv seed-review
run xlsx seed-xlsx 262144
ls build/fuzz/crash-* 2>/dev/null && { echo "qcode: error: crashes found (above)" >&2; exit 1; } || echo "no crashes"
