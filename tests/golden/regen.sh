#!/bin/sh
# Regenerate the golden files after a deliberate change of the text stage
# or the lexicons. Read the diff (git diff tests/golden) before committing.
set -eu
cd "$(dirname "$0")/../.."
export LC_ALL=C.UTF-8
./qcode tokens tests/golden/corpus-answers.txt >tests/golden/corpus-tokens.tsv
./qcode --lexicons lexicons code --stdin --in-format csv <corpus/digitaal2017/answers.csv >tests/golden/corpus-codes.jsonl
{ ./qcode --version | grep '^Snowball'; echo "word list: wdutch $(dpkg-query -W -f='${Version}' wdutch)"; } >tests/golden/VERSIONS
for f in tests/golden/bad-lexicons/*.lex; do
	d=$(mktemp -d)
	cp "$f" "$d/"
	./qcode lexicon lint "$d" 2>&1 >/dev/null | sed "s|$d/|lexicons/|" >"${f%.lex}.stderr" || true
	rm -rf "$d"
done
