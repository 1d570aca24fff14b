/*
 * stats: the statistics of agreement and of tables -- Cohen's kappa,
 * Krippendorff's alpha (nominal, any number of coders, missing values),
 * bootstrap resampling, Pearson's chi-square and Fisher's exact test for
 * 2 x k tables, and Dunning's log-likelihood for keyness. No I/O.
 */
#ifndef QCODE_STATS_H
#define QCODE_STATS_H

#include <stddef.h>
#include <stdint.h>

/* A 2 x 2 agreement table of two raters on one binary code. */
typedef struct table2 {
	double both;   /* both present */
	double only_a; /* present for rater a only */
	double only_b; /* present for rater b only */
	double neither;
} table2;

/* Cohen's kappa of a 2 x 2 table; NaN when undefined (no variation). */
double stats_kappa(const table2 *t);

/* Cohen's kappa for nominal codes: a[i], b[i] in 0..k-1, n units. */
double stats_kappa_nominal(const int *a, const int *b, size_t n, int k);

/*
 * Krippendorff's alpha, nominal. data[c * units + u] is coder c's value
 * for unit u (0..k-1), or -1 when missing. Units with fewer than two
 * values are left out. NaN when undefined.
 */
double stats_alpha_nominal(const int *data, size_t coders, size_t units, int k);

/* A small seedable generator (xorshift64*). */
uint64_t stats_rand(uint64_t *state);

/*
 * Pearson's chi-square of a 2 x k table (row 0: with the code, row 1:
 * without; counts per column). Returns the statistic; *df and *p set, and
 * *min_expected the smallest expected count.
 */
double stats_chi2_2xk(const double *with, const double *without, size_t k, int *df,
		      double *p, double *min_expected);

/*
 * Fisher's exact test (Freeman-Halton for 2 x k): the probability of a
 * table as or less likely than the one observed, with the margins fixed.
 * Tables are enumerated; when there would be more than `budget` of them,
 * *exact is set to 0 and the p is estimated from `budget` random tables
 * (seeded, so reproducible).
 */
double stats_fisher_2xk(const long *with, const long *without, size_t k, long budget,
			int *exact);

/*
 * A random draw of a hypergeometric variable: how many of `draws` units
 * taken without replacement from `total` (`good` of them good) are good.
 * rng is a stats_rand() state. Costs about the spread, not the units.
 */
long stats_hypergeometric(long total, long good, long draws, uint64_t *rng);

/* Upper tail of the chi-square distribution with df degrees of freedom. */
double stats_chi2_p(double x, int df);

/*
 * Dunning's log-likelihood G2 of a word's frequency a in a corpus of c
 * words against b in d words (Rayson and Garside's keyness).
 */
double stats_loglik(double a, double b, double c, double d);

#endif
