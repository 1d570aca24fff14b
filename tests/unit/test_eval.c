/*
 * test_eval: agreement of two codings and rules against a reference, on
 * codings worked out by hand; keyness of words for a group of answers.
 */
#include <math.h>
#include <unistd.h>

#include "unit.h"
#include "eval.h"
#include "gold.h"
#include "keyness.h"

#define near(x, y, eps) assert_true(fabs((x) - (y)) < (eps))

/* Set unit u's codes from a string of 0/1 per theme, and its primary. */
static void code(eval_coding *c, size_t k, size_t u, const char *bits, int primary)
{
	for (size_t t = 0; t < k; t++)
		c->codes[u * k + t] = bits[t] == '1';
	c->primary[u] = primary;
	c->has[u] = 1;
}

/*
 * Ten answers, two themes. Theme 0: both 4, a only 1, b only 1, neither 4
 * -> po 0.8, pe 0.5, kappa 0.6; precision 0.8, recall 0.8. Theme 1: b codes
 * nothing a codes (a: 2 answers) -> kappa 0, recall 0, F1 0.
 */
static void build(eval_coding *a, eval_coding *b)
{
	static const char *ra[10] = { "11", "10", "10", "10", "10", "00", "00", "00", "00", "01" };
	static const char *rb[10] = { "10", "10", "10", "10", "00", "10", "00", "00", "00", "00" };
	eval_coding_init(a, "gold", 10, 2);
	eval_coding_init(b, "machine", 10, 2);
	for (size_t u = 0; u < 10; u++) {
		code(a, 2, u, ra[u], ra[u][0] == '1' ? 0 : ra[u][1] == '1' ? 1 : -1);
		code(b, 2, u, rb[u], rb[u][0] == '1' ? 0 : -1);
	}
}

static void test_eval__counts_kappa_and_primary(void **state)
{
	(void)state;
	eval_coding a, b;
	build(&a, &b);
	eval_result r;
	assert_int_equal(eval_compare(&a, &b, 10, 2, NULL, 0, 1, &r), 0);
	assert_int_equal(r.nunits, 10);
	const eval_theme *t0 = &r.themes[0], *t1 = &r.themes[1];
	near(t0->tp, 4, 1e-9);
	near(t0->fp, 1, 1e-9);
	near(t0->fn, 1, 1e-9);
	near(t0->tn, 4, 1e-9);
	near(t0->precision, 0.8, 1e-9);
	near(t0->recall, 0.8, 1e-9);
	near(t0->kappa, 0.6, 1e-9);
	assert_true(isnan(t0->kappa_lo)); /* no resamples */
	near(t1->recall, 0, 1e-9);
	near(t1->f1, 0, 1e-9);
	assert_true(isnan(t1->precision)); /* b never codes it */
	/* primaries: a has 6 (5 of theme 0, 1 of theme 1); b agrees on 4 */
	assert_int_equal(r.with_primary, 6);
	assert_int_equal(r.primary_right, 4);
	/* confusion: rows a, columns b, none last (index 2) */
	assert_int_equal(r.confusion[0 * 3 + 0], 4);
	assert_int_equal(r.confusion[0 * 3 + 2], 1);
	assert_int_equal(r.confusion[2 * 3 + 0], 1);
	assert_int_equal(r.confusion[1 * 3 + 2], 1);
	assert_int_equal(r.confusion[2 * 3 + 2], 3);
	/* micro: tp 4, fp 1, fn 3 */
	near(r.micro_precision, 0.8, 1e-9);
	near(r.micro_recall, 4.0 / 7, 1e-9);
	eval_result_release(&r);
	eval_coding_release(&a);
	eval_coding_release(&b);
}

/* Only answers both coded, and in the subset, are compared. */
static void test_eval__subset_and_missing(void **state)
{
	(void)state;
	eval_coding a, b;
	build(&a, &b);
	a.has[9] = 0; /* the reference did not code the last answer */
	unsigned char include[10] = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 1 };
	eval_result r;
	assert_int_equal(eval_compare(&a, &b, 10, 2, include, 0, 1, &r), 0);
	assert_int_equal(r.nunits, 8);
	near(r.themes[0].tn, 2, 1e-9);
	eval_result_release(&r);
	/* fewer than two answers: -1 */
	memset(include, 0, sizeof(include));
	include[0] = 1;
	assert_int_equal(eval_compare(&a, &b, 10, 2, include, 0, 1, &r), -1);
	eval_result_release(&r);
	eval_coding_release(&a);
	eval_coding_release(&b);
}

/* The bootstrap is reproducible with a seed and brackets the estimate. */
static void test_eval__bootstrap(void **state)
{
	(void)state;
	eval_coding a, b;
	build(&a, &b);
	eval_result r1, r2;
	assert_int_equal(eval_compare(&a, &b, 10, 2, NULL, 500, 7, &r1), 0);
	assert_int_equal(eval_compare(&a, &b, 10, 2, NULL, 500, 7, &r2), 0);
	assert_true(r1.themes[0].kappa_lo == r2.themes[0].kappa_lo);
	assert_true(r1.themes[0].kappa_hi == r2.themes[0].kappa_hi);
	assert_true(r1.themes[0].kappa_lo <= 0.6 && 0.6 <= r1.themes[0].kappa_hi);
	assert_true(r1.themes[0].kappa_lo < r1.themes[0].kappa_hi);
	eval_result_release(&r1);
	eval_result_release(&r2);
	eval_coding_release(&a);
	eval_coding_release(&b);
}

/*
 * Rules: theme 0 has rules 0, 1, 2. Rule 0 hits answers 0, 1, 5 (5 is not
 * theme 0 in the reference), rule 1 hits 0 and 5 and 8 (8 not compared),
 * rule 2 never. Rule 0 alone in answer 1: sole 1; answer 5 has two rules.
 */
static void test_eval__rules(void **state)
{
	(void)state;
	eval_coding a, b;
	build(&a, &b);
	size_t nrules[2] = { 3, 1 };
	eval_hit hits[] = {
		{ 0, 0, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 1, 0, 0 }, /* a duplicate */
		{ 5, 0, 0 }, { 5, 0, 1 }, { 8, 0, 1 }, { 9, 1, 0 },
	};
	unsigned char compared[10] = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 1 };
	eval_rule *er = eval_rules(&a, 10, 2, nrules, hits, sizeof(hits) / sizeof(*hits), compared);
	/* both rule 0 and rule 1 have one FP; rule 1 has the lower precision */
	assert_int_equal(er[0].theme, 0);
	assert_int_equal(er[0].rule, 1);
	assert_int_equal(er[0].hits, 2);
	assert_int_equal(er[0].fp, 1);
	assert_int_equal(er[0].example, 5);
	near(er[0].precision, 0.5, 1e-9);
	assert_int_equal(er[1].rule, 0);
	assert_int_equal(er[1].hits, 3);
	assert_int_equal(er[1].tp, 2);
	assert_int_equal(er[1].sole, 1);
	assert_int_equal(er[1].sole_fp, 0);
	/* theme 1's rule: one hit, a TP, alone */
	assert_int_equal(er[2].theme, 1);
	assert_int_equal(er[2].tp, 1);
	assert_int_equal(er[2].sole, 1);
	/* the rule without hits comes last, precision undefined */
	assert_int_equal(er[3].rule, 2);
	assert_int_equal(er[3].hits, 0);
	assert_true(isnan(er[3].precision));
	free(er);
	eval_coding_release(&a);
	eval_coding_release(&b);
}

/* Keyness: a word only in the target answers is key; a word spread evenly is not. */
static void test_eval__keyness(void **state)
{
	(void)state;
	stemmer *st = stem_new(NULL);
	assert_non_null(st);
	kw_corpus c;
	kw_corpus_init(&c);
	const char *docs[] = {
		"De wetgeving knelt en de wetgeving remt.",
		"Privacywetgeving en regels van de wetgeving.",
		"Het systeem werkt goed en het systeem is snel.",
		"Een systeem voor iedereen.",
	};
	for (size_t d = 0; d < 4; d++)
		assert_int_equal(kw_corpus_add(&c, st, docs[d], strlen(docs[d])), d);
	unsigned char in[4] = { 1, 1, 0, 0 };
	double *g2 = xcalloc(c.nwords, sizeof(double));
	long *tin = xcalloc(c.nwords, sizeof(long)), *tout = xcalloc(c.nwords, sizeof(long));
	double nin, nout;
	kw_keyness(&c, in, NULL, g2, tin, tout, &nin, &nout);
	int wet = strmap_get(&c.index, "wetgev", 6), sys = strmap_get(&c.index, "system", 6);
	assert_true(wet >= 0 && sys >= 0);
	assert_int_equal(tin[wet], 3);
	assert_int_equal(tout[wet], 0);
	assert_true(g2[wet] > 0);
	assert_true(g2[sys] < 0); /* rarer in the target: negative */
	assert_string_equal(c.examples[wet], "wetgeving");
	/* stop words are not counted: "de", "en", "het" */
	assert_int_equal(strmap_get(&c.index, "de", 2), -1);
	near(nin + nout, 0 + (double)(c.bag_len[0] + c.bag_len[1] + c.bag_len[2] + c.bag_len[3]), 1e-9);
	/* with use[] only the first and third answers count */
	unsigned char use[4] = { 1, 0, 1, 0 };
	kw_keyness(&c, in, use, g2, tin, tout, NULL, NULL);
	assert_int_equal(tin[wet], 2);
	free(g2);
	free(tin);
	free(tout);
	kw_corpus_release(&c);
	stem_free(st);
}

/* A gold file: themes, primaries, answers with no theme, and its errors. */
static void test_eval__gold_read(void **state)
{
	(void)state;
	char path[] = "/tmp/qcode-test-gold-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *csv = "id,theme,primary\na1,wet,1\na1,regie,0\na2,,\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	char *ext[3] = { "a1", "a2", "a3" };
	char *keys[2] = { "regie", "wet" };
	strmap m;
	strmap_init(&m, 3);
	for (int i = 0; i < 3; i++)
		strmap_put(&m, ext[i], i);
	eval_coding g;
	eval_coding_init(&g, "g", 3, 2);
	assert_int_equal(gold_read(path, &m, ext, keys, 2, &g), 0);
	assert_int_equal(g.codes[0 * 2 + 0], 1);
	assert_int_equal(g.codes[0 * 2 + 1], 1);
	assert_int_equal(g.primary[0], 1);
	assert_int_equal(g.has[1], 1);
	assert_int_equal(g.primary[1], -1);
	assert_int_equal(g.has[2], 0); /* not named: not coded */
	eval_coding_release(&g);

	FILE *f = fopen(path, "w");
	fputs("id,theme,primary\na1,wet,1\nzz,regie,1\na2,bogus,0\n", f);
	fclose(f);
	eval_coding_init(&g, "g", 3, 2);
	capture_start();
	assert_int_equal(gold_read(path, &m, ext, keys, 2, &g), -1);
	assert_contains(capture_text(), "ids not in the project: zz (row 3)");
	assert_int_equal(error_last_code(), EXIT_INPUT);
	capture_stop();
	eval_coding_release(&g);
	strmap_release(&m);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval__counts_kappa_and_primary),
		cmocka_unit_test(test_eval__subset_and_missing),
		cmocka_unit_test(test_eval__bootstrap),
		cmocka_unit_test(test_eval__rules),
		cmocka_unit_test(test_eval__keyness),
		cmocka_unit_test(test_eval__gold_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
