#!/bin/sh
# Test plan: `qcode lexicon` -- lint of the shipped lexicons, bad lexicons
# with their golden stderr (file:line:col, the line, a caret), the bound on
# weights that keeps every score a finite number in JSON, CSV and TSV, show, and
# interchange with LIWC and quanteda YAML (export, import, round trip).
. "$(dirname "$0")/lib.sh"
G=$TEST_ROOT/tests/golden

test_expect_success 'the shipped lexicons lint clean' '
	qcode lexicon lint "$TEST_ROOT/lexicons" >out &&
	grep -q ": 6 themes, " out
'

for f in "$G"/bad-lexicons/*.lex; do
	name=$(basename "$f" .lex)
	test_expect_success "bad lexicon $name: exit 3 and the golden message" "
		mkdir -p lexicons.$name && cp '$f' lexicons.$name/ &&
		qcode lexicon lint lexicons.$name >/dev/null 2>err; test \$? = 3 &&
		sed 's|lexicons.$name/|lexicons/|' err >err.norm &&
		diff -u '$G/bad-lexicons/$name.stderr' err.norm
	"
done

test_expect_success 'a directory without lexicons: exit 3' '
	mkdir empty &&
	expect_error 3 "qcode: error: no lexicons (*.lex) in '\''empty'\''" qcode lexicon lint empty
'

test_expect_success 'lint warns when two word rules of a theme match the same words' '
	mkdir dup && printf "%%key dup\nverbod\nverboden weight=2\nwet\n" >dup/dup.lex &&
	qcode lexicon lint dup >out 2>err &&
	grep -q "^qcode: warning: dup/dup.lex:3: rule .verboden. matches the same words as .verbod. (line 2), so those words count twice$" err &&
	test "$(wc -l <err)" = 1 &&
	qcode lexicon lint 2>err2 >/dev/null && test ! -s err2
'

test_expect_success 'NOT NEAR: a word counts unless its context is near; show, code and export say so' '
	mkdir nn && printf "%%key k\n%%group bezit opgedane toepassen\nkennis NOT NEAR/2 @bezit weight=2\n" >nn/k.lex &&
	qcode --lexicons nn lexicon show k >out &&
	grep -q "	kennis NOT NEAR/2 @bezit	not near	2	no	kennis NOT NEAR/2 @bezit$" out &&
	printf "We missen kennis.\nEerder opgedane kennis toepassen.\n" | qcode --lexicons nn code --out-format tsv >c &&
	sed -n 2p c | grep -q "^1	k	k	k=2	k:kennis NOT NEAR/2 @bezit@10-16$" && sed -n 3p c | grep -q "^2				$" &&
	qcode --lexicons nn lexicon export --to liwc -o nn.dic 2>err &&
	grep -q "left out: LIWC cannot express NOT NEAR/NOT BEFORE exclusions" err &&
	qcode lexicon lint nn >/dev/null 2>err && test ! -s err
'

test_expect_success 'lint warns when a word rule makes a NOT NEAR void' '
	mkdir nv && printf "%%key k\nkennis\nkennis NOT NEAR/2 bezit weight=2\n" >nv/k.lex &&
	qcode lexicon lint nv >/dev/null 2>err &&
	grep -q "^qcode: warning: nv/k.lex:2: rule .kennis. counts the same words alone (line 3), so what .kennis NOT NEAR/2 bezit. leaves out still counts$" err &&
	test "$(wc -l <err)" = 1
'

test_expect_success 'a shared group is used by every theme; a bad line there is named' '
	mkdir sh && printf "%%group probleem knelpunt* obstakel*\n" >sh/shared.groups &&
	printf "%%key a\n@probleem\n" >sh/a.lex && printf "%%key b\nregels NEAR/3 @probleem\n" >sh/b.lex &&
	echo "Dit is een knelpunt. De regels zijn een obstakel." | qcode --lexicons sh code >c &&
	grep -q "\"themes\":\[\"a\",\"b\"\]" c &&
	printf "%%group probleem knelpunt\nregie\n" >sh/shared.groups &&
	qcode lexicon lint sh 2>err; test $? = 3 &&
	grep -q "^sh/shared.groups:2:1: only %group and %lang lines and comments belong in a shared groups file$" err
'

test_expect_success 'a weight over 1000: exit 3 and the limit; the largest give finite scores' '
	mkdir w && printf "%%key w\nregie weight=1e308\n" >w/w.lex &&
	expect_error 3 "$(printf "w/w.lex:2:14: weight must be a positive number up to 1000\n  regie weight=1e308\n               ^")" \
		qcode --lexicons w lexicon lint &&
	python3 -c "
print(\"%key w\")
for i in range(300): print(\"w%d weight=1000\" % i)" >w/w.lex &&
	python3 -c "print(\" \".join(\"w%d\" % i for i in range(300)))" >words.txt &&
	qcode --lexicons w code <words.txt >out.jsonl &&
	python3 -c "
import json, sys
def bad(c): sys.exit(\"not a JSON number: \" + c)
d = json.loads(open(\"out.jsonl\").read(), parse_constant=bad)
assert d[\"scores\"] == {\"w\": 300000}, d[\"scores\"]" &&
	qcode --lexicons w code --out-format tsv <words.txt | grep -q "	w=300000	" &&
	qcode --lexicons w code --out-format csv <words.txt | grep -q ",w=300000,"
'

test_expect_success 'a UTF-16 lexicon: named as such, with the iconv line that converts it in place' '
	mkdir u16 && printf "%%key x\nregie\n" | iconv -f UTF-8 -t UTF-16 >u16/x.lex &&
	expect_error 3 "qcode: error: u16/x.lex: the file is UTF-16, not UTF-8; convert it in place with: iconv -f UTF-16 -t UTF-8 u16/x.lex > u16/x.lex.tmp && mv u16/x.lex.tmp u16/x.lex" qcode lexicon lint u16 &&
	iconv -f UTF-16 -t UTF-8 u16/x.lex > u16/x.lex.tmp && mv u16/x.lex.tmp u16/x.lex && qcode lexicon lint u16 >/dev/null
'

test_expect_success 'show lists a theme with ids, kinds and weights' '
	qcode lexicon show wetgeving >out &&
	grep -q "^# wetgeving: Wetgeving$" out &&
	grep -q "	=wet	exact	2	no	=wet$" out &&
	grep -q "	wetgeving	word	2	no	wetgeving$" out
'

test_expect_success 'show of an unknown theme: exit 2 and the list of themes' '
	qcode lexicon show nope 2>err; test $? = 2 &&
	grep -q "^qcode: error: unknown theme '\''nope'\''; the themes are:$" err &&
	grep -q "^  regie$" err
'

test_expect_success 'export to LIWC warns about every rule it cannot express' '
	qcode lexicon export --to liwc -o codeframe.dic 2>err &&
	head -1 codeframe.dic | grep -q "^%$" &&
	grep -q "^wetgev\*	6$" codeframe.dic &&
	grep -q "left out: LIWC cannot express NEAR/BEFORE proximity" err
'

test_expect_success 'LIWC import writes lexicons that lint and code' '
	qcode lexicon export --to liwc -o codeframe.dic 2>/dev/null &&
	qcode lexicon import --from liwc codeframe.dic -o imported >out &&
	grep -q "^wrote imported/regie.lex$" out &&
	qcode lexicon lint imported >/dev/null &&
	echo "Privacywetgeving knelt" | qcode --lexicons imported code - | grep -q "\"primary\":\"wetgeving\""
'

test_expect_success 'YAML round trip keeps the exportable rules' '
	qcode lexicon export --to yaml -o d.yml 2>/dev/null &&
	qcode lexicon import --from yaml d.yml -o y >/dev/null &&
	qcode --lexicons y lexicon export --to yaml -o d2.yml 2>/dev/null &&
	diff -u d.yml d2.yml
'

test_expect_success 'import never overwrites a lexicon file' '
	mkdir -p keep && echo "%key regie" >keep/regie.lex &&
	qcode lexicon import --from yaml d.yml -o keep >/dev/null 2>err; test $? = 5 &&
	grep -q "cannot write '\''keep/[a-z_]*.lex'\'': file exists (not overwritten)" err &&
	test "$(cat keep/regie.lex)" = "%key regie"
'

test_done
