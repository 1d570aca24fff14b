/*
 * test_lexio: LIWC and quanteda YAML interchange -- export, import, and a
 * round trip that keeps every rule the other format can express.
 */
#include "unit.h"
#include "lexio.h"

static stemmer *st;

static int setup(void **state)
{
	(void)state;
	st = stem_new(NULL);
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	stem_free(st);
	return 0;
}

static lexicon_set *make(const char *const *texts, size_t n)
{
	lexicon_set *set = lexicon_set_new(st);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(lexicon_parse_string(set, "t.lex", texts[i], strlen(texts[i]), 0), 0);
	lexicon_default_cues(set);
	lexicon_set_finish(set);
	return set;
}

static const char *const themes[] = {
	"%key regie\nregie\n=eenheid\nstandaard*\n\"langs elkaar\"\n/\\bVNG\\b/\n!regietheater\n",
	"%key wet\nwetgeving weight=2\nstandaard*\n",
};

static void test_lexio__export_liwc(void **state)
{
	(void)state;
	lexicon_set *set = make(themes, 2);
	strbuf out;
	sb_init(&out);
	capture_start();
	size_t dropped = lexio_export(set, 1, &out);
	/* the regex and the veto cannot be said in LIWC; the weight is dropped */
	assert_int_equal(dropped, 2);
	assert_contains(capture_text(), "'/\\bVNG\\b/' left out: LIWC cannot express regular expressions");
	assert_contains(capture_text(), "'!regietheater' left out: LIWC cannot express vetoes");
	assert_contains(capture_text(), "weight 2 not exported");
	capture_stop();
	assert_string_equal(out.buf,
			    "%\n1\tregie\n2\twet\n%\n"
			    "regie*\t1\n"          /* stem-matched word: a prefix pattern */
			    "eenheid\t1\n"
			    "standaard*\t1\t2\n"   /* one line, both categories */
			    "lang* elkar*\t1\n"    /* a phrase of stems */
			    "wetgev*\t2\n");
	sb_release(&out);
	lexicon_set_free(set);
}

/* A bare @group rule is exported as its members, each in the theme's
   category; a member the format cannot say is named. Categories 1 and 12
   of one pattern are both kept. */
static void test_lexio__export_groups(void **state)
{
	(void)state;
	static const char *const grouped[] = {
		"%key a\n%group g leverancier* =centric *bedrijf\n@g\n",
		"%key b\nx\n", "%key c\nx\n", "%key d\nx\n", "%key e\nx\n", "%key f\nx\n",
		"%key g\nx\n", "%key h\nx\n", "%key i\nx\n", "%key j\nx\n", "%key k\nx\n",
		"%key l\n%group z =centric\n@z\n",
	};
	lexicon_set *set = make(grouped, 12);
	strbuf out;
	sb_init(&out);
	capture_start();
	assert_int_equal(lexio_export(set, 1, &out), 0);
	assert_string_equal(capture_text(), "qcode: warning: t.lex:3: '@g': member '*bedrijf' left out:"
			    " LIWC cannot express globs other than a trailing *\n");
	capture_stop();
	assert_contains(out.buf, "\nleverancier*\t1\n");
	assert_contains(out.buf, "\ncentric\t1\t12\n");
	assert_contains(out.buf, "\nx*\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\n");
	sb_release(&out);
	lexicon_set_free(set);
}

static void test_lexio__round_trip_yaml(void **state)
{
	(void)state;
	lexicon_set *set = make(themes, 2);
	strbuf out;
	sb_init(&out);
	capture_start();
	lexio_export(set, 0, &out);
	capture_stop();
	char **keys;
	strbuf *texts;
	int n = lexio_import("d.yml", out.buf, out.len, 0, &keys, &texts);
	assert_int_equal(n, 2);
	assert_string_equal(keys[0], "regie");
	assert_contains(texts[0].buf, "%key regie\n");
	assert_contains(texts[0].buf, "\nregie*\n=eenheid\nstandaard*\n\"lang* elkar*\"\n");
	assert_contains(texts[1].buf, "\nwetgev*\nstandaard*\n");
	/* what came back parses as a lexicon again */
	lexicon_set *back = lexicon_set_new(st);
	for (int i = 0; i < n; i++) {
		assert_int_equal(lexicon_parse_string(back, "x.lex", texts[i].buf, texts[i].len, 0), 0);
		sb_release(&texts[i]);
		free(keys[i]);
	}
	free(keys);
	free(texts);
	assert_int_equal(back->nthemes, 2);
	assert_int_equal(back->themes[0].nrules, 4);
	lexicon_set_free(back);
	sb_release(&out);
	lexicon_set_free(set);
}

static void test_lexio__import_liwc(void **state)
{
	(void)state;
	const char *dic = "%\n1\tPosemo\n2\tNegemo\n%\ngoed*\t1\nslecht\t2\nniet goed\t2\nzozo\t1 2\n";
	char **keys;
	strbuf *texts;
	int n = lexio_import("a.dic", dic, strlen(dic), 1, &keys, &texts);
	assert_int_equal(n, 2);
	assert_string_equal(keys[1], "negemo");
	assert_contains(texts[0].buf, "%label Posemo\n");
	assert_contains(texts[0].buf, "\ngoed*\n=zozo\n");
	assert_contains(texts[1].buf, "\n=slecht\n\"niet goed\"\n=zozo\n");
	for (int i = 0; i < n; i++) {
		sb_release(&texts[i]);
		free(keys[i]);
	}
	free(keys);
	free(texts);
}

static void test_lexio__import_errors(void **state)
{
	(void)state;
	char **keys;
	strbuf *texts;
	capture_start();
	assert_int_equal(lexio_import("a.dic", "%\n1\tA\n%\nx\t3\n", 14, 1, &keys, &texts), -1);
	assert_contains(capture_text(), "a.dic:4:3: category 3 is not declared in the header");
	capture_start();
	assert_int_equal(lexio_import("d.yml", "- x\n", 4, 0, &keys, &texts), -1);
	assert_contains(capture_text(), "d.yml:1:1: a list item before any key");
	capture_start();
	assert_int_equal(lexio_import("d.yml", "a: [x, y]\n", 10, 0, &keys, &texts), -1);
	assert_contains(capture_text(), "inline lists are not read");
	/* a key too long to keep whole is refused, not cut (two such keys
	   would become one theme) */
	strbuf y;
	sb_init(&y);
	for (int i = 0; i < 130; i++)
		sb_addc(&y, 'k');
	sb_adds(&y, ":\n  - x\n");
	capture_start();
	assert_int_equal(lexio_import("d.yml", y.buf, y.len, 0, &keys, &texts), -1);
	assert_contains(capture_text(), "d.yml:1:1: a key longer than 127 bytes");
	sb_release(&y);
	capture_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexio__export_liwc),
		cmocka_unit_test(test_lexio__export_groups),
		cmocka_unit_test(test_lexio__round_trip_yaml),
		cmocka_unit_test(test_lexio__import_liwc),
		cmocka_unit_test(test_lexio__import_errors),
	};
	return cmocka_run_group_tests_name("lexio", tests, setup, teardown);
}
