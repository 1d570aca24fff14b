/*
 * test_stats: the statistics against published worked examples.
 */
#include <math.h>

#include "unit.h"
#include "stats.h"

#define near(x, y, eps) assert_true(fabs((x) - (y)) < (eps))

/* Cohen's kappa, the textbook 2 x 2 example (Wikipedia "Cohen's kappa"):
 * 50 proposals, both yes 20, A yes/B no 5, A no/B yes 10, both no 15. */
static void test_stats__kappa_textbook(void **state)
{
	(void)state;
	table2 t = { 20, 5, 10, 15 };
	near(stats_kappa(&t), 0.40, 0.0005);
	/* the second example there: 45, 15, 25, 15 gives 0.1304 */
	table2 u = { 45, 15, 25, 15 };
	near(stats_kappa(&u), 0.1304, 0.00005);
	/* no variation: undefined */
	table2 v = { 0, 0, 0, 10 };
	assert_true(isnan(stats_kappa(&v)));
}

/* Krippendorff's alpha, his own reliability-data example (Computing
 * Krippendorff's Alpha-Reliability, 2011): 4 coders, 12 units, values 1-5,
 * missing data; nominal alpha = 0.743. */
static void test_stats__alpha_krippendorff_example(void **state)
{
	(void)state;
	static const int raw[4][12] = {
		{ 1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0 },
		{ 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3 },
		{ 0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0 },
		{ 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0 },
	};
	int data[4 * 12];
	for (int c = 0; c < 4; c++)
		for (int u = 0; u < 12; u++)
			data[c * 12 + u] = raw[c][u] ? raw[c][u] - 1 : -1;
	near(stats_alpha_nominal(data, 4, 12, 5), 0.743, 0.0005);
}

/* Two coders, binary, no missing: alpha = 1 - (n-1) Do/De over the 20
 * pairable values = 1 - 19 * 2 / 198 = 0.8081 (worked by hand). */
static void test_stats__alpha_two_coders(void **state)
{
	(void)state;
	int data[2 * 10] = { 1, 1, 1, 0, 0, 0, 1, 0, 1, 1,
			     1, 1, 0, 0, 0, 0, 1, 0, 1, 1 };
	double a = stats_alpha_nominal(data, 2, 10, 2);
	near(a, 1 - 19.0 * 2 / 198, 1e-9);
	int same[2 * 3] = { 0, 0, 0, 0, 0, 0 };
	assert_true(isnan(stats_alpha_nominal(same, 2, 3, 2)));
}

static void test_stats__kappa_nominal(void **state)
{
	(void)state;
	int a[] = { 0, 0, 1, 2, 2, 1 }, b[] = { 0, 0, 1, 2, 1, 1 };
	/* po = 5/6, pe = (2*2 + 2*3 + 2*1)/36 = 12/36 */
	near(stats_kappa_nominal(a, b, 6, 3), (5.0 / 6 - 1.0 / 3) / (1 - 1.0 / 3), 1e-9);
}

/* chi-square: a 2 x 2 table with chi2 = 4.0 at df 1 has p = 0.0455 */
static void test_stats__chi2(void **state)
{
	(void)state;
	double with[] = { 30, 20 }, without[] = { 20, 30 };
	int df;
	double p, me;
	double chi = stats_chi2_2xk(with, without, 2, &df, &p, &me);
	near(chi, 4.0, 1e-9);
	assert_int_equal(df, 1);
	near(p, 0.0455, 0.00005);
	near(me, 25, 1e-9);
	near(stats_chi2_p(3.841459, 1), 0.05, 1e-6);
	near(stats_chi2_p(5.991465, 2), 0.05, 1e-6);
}

/* Fisher's exact test: the tea-tasting lady (Fisher 1935): 3 of 4 right,
 * two-sided p = 0.4857; a 2 x 3 table (Freeman-Halton) summed by hand over
 * every table with these margins: p = 0.07372. */
static void test_stats__fisher(void **state)
{
	(void)state;
	long with[] = { 3, 1 }, without[] = { 1, 3 };
	int exact;
	near(stats_fisher_2xk(with, without, 2, 100000, &exact), 0.4857, 0.00005);
	assert_int_equal(exact, 1);
	long w3[] = { 1, 6, 4 }, wo3[] = { 5, 2, 1 };
	near(stats_fisher_2xk(w3, wo3, 3, 100000, &exact), 0.073721, 0.000001);
	/* too many tables for the budget: a Monte Carlo estimate, close */
	near(stats_fisher_2xk(w3, wo3, 3, 5, &exact), 0.0737, 0.3);
	assert_int_equal(exact, 0);
	/* the estimate from random tables agrees with the enumeration: a table
	   of 100 units (exact 0.052216 by enumeration), 5000 random tables */
	long w4[] = { 10, 20, 15, 5 }, wo4[] = { 12, 8, 20, 10 };
	near(stats_fisher_2xk(w4, wo4, 4, 10000000, &exact), 0.052216, 0.000001);
	assert_int_equal(exact, 1);
	near(stats_fisher_2xk(w4, wo4, 4, 5000, &exact), 0.052216, 0.01);
	assert_int_equal(exact, 0);
	/* enumerated when the tables with these margins (counted first) are
	   within the budget, sampled from one more: {6, 8, 5} columns with 11
	   in the first row make 36 tables */
	near(stats_fisher_2xk(w3, wo3, 3, 36, &exact), 0.073721, 0.000001);
	assert_int_equal(exact, 1);
	stats_fisher_2xk(w3, wo3, 3, 35, &exact);
	assert_int_equal(exact, 0);
	long w2[] = { 1, 1 }, wo2[] = { 1, 1 };
	near(stats_fisher_2xk(w2, wo2, 2, 3, &exact), 1.0, 1e-12);
	assert_int_equal(exact, 1);
	/* a large table with a group of one: quick (column draws, not units) */
	long bw[] = { 20000, 20000, 1 }, bwo[] = { 30000, 30000, 0 };
	double p = stats_fisher_2xk(bw, bwo, 3, 2000, &exact);
	assert_int_equal(exact, 0);
	assert_true(p > 0.5 && p < 0.75);
}

/* Hypergeometric draws: within the support, with the right mean and variance. */
static void test_stats__hypergeometric(void **state)
{
	(void)state;
	uint64_t rng = 42;
	double sum = 0, sq = 0;
	long N = 100000, K = 30000, n = 5000, draws = 20000;
	for (long i = 0; i < draws; i++) {
		long x = stats_hypergeometric(N, K, n, &rng);
		assert_true(x >= 0 && x <= n);
		sum += (double)x;
		sq += (double)x * (double)x;
	}
	double mean = sum / draws, var = sq / draws - mean * mean;
	double want_mean = (double)n * K / N;
	double want_var = want_mean * (1 - (double)K / N) * (double)(N - n) / (double)(N - 1);
	near(mean, want_mean, 1.0);
	near(var, want_var, want_var * 0.05);
	/* degenerate cases */
	assert_int_equal(stats_hypergeometric(10, 10, 4, &rng), 4);
	assert_int_equal(stats_hypergeometric(10, 0, 4, &rng), 0);
	assert_int_equal(stats_hypergeometric(10, 3, 10, &rng), 3);
}

/* Log-likelihood (Rayson and Garside 2000): a=10 in c=1000, b=2 in
 * d=1000; E1 = E2 = 6, G2 = 2 (10 ln 10/6 + 2 ln 2/6) = 5.8221 */
static void test_stats__loglik(void **state)
{
	(void)state;
	near(stats_loglik(10, 2, 1000, 1000), 5.8221, 0.0001);
	near(stats_loglik(5, 5, 1000, 1000), 0, 1e-9);
	assert_true(stats_loglik(100, 10, 1000, 1000) > stats_loglik(20, 10, 1000, 1000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats__kappa_textbook),
		cmocka_unit_test(test_stats__alpha_krippendorff_example),
		cmocka_unit_test(test_stats__alpha_two_coders),
		cmocka_unit_test(test_stats__kappa_nominal),
		cmocka_unit_test(test_stats__chi2),
		cmocka_unit_test(test_stats__fisher),
		cmocka_unit_test(test_stats__hypergeometric),
		cmocka_unit_test(test_stats__loglik),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
