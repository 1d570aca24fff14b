/*
 * stats: agreement and table statistics (see stats.h).
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

double stats_kappa(const table2 *t)
{
	double n = t->both + t->only_a + t->only_b + t->neither;
	if (n <= 0)
		return NAN;
	double po = (t->both + t->neither) / n;
	double pa = (t->both + t->only_a) / n, pb = (t->both + t->only_b) / n;
	double pe = pa * pb + (1 - pa) * (1 - pb);
	if (pe >= 1)
		return NAN;
	return (po - pe) / (1 - pe);
}

double stats_kappa_nominal(const int *a, const int *b, size_t n, int k)
{
	if (!n || k < 1)
		return NAN;
	double *ma = xcalloc((size_t)k, sizeof(double)), *mb = xcalloc((size_t)k, sizeof(double));
	double agree = 0;
	for (size_t i = 0; i < n; i++) {
		agree += a[i] == b[i];
		ma[a[i]]++;
		mb[b[i]]++;
	}
	double pe = 0;
	for (int c = 0; c < k; c++)
		pe += (ma[c] / (double)n) * (mb[c] / (double)n);
	free(ma);
	free(mb);
	double po = agree / (double)n;
	return pe >= 1 ? NAN : (po - pe) / (1 - pe);
}

double stats_alpha_nominal(const int *data, size_t coders, size_t units, int k)
{
	/* coincidence matrix o[c][c'] (Krippendorff 2011) */
	double *o = xcalloc((size_t)k * (size_t)k, sizeof(double));
	double *count = xcalloc((size_t)k, sizeof(double));
	for (size_t u = 0; u < units; u++) {
		memset(count, 0, (size_t)k * sizeof(double));
		double m = 0;
		for (size_t c = 0; c < coders; c++) {
			int v = data[c * units + u];
			if (v >= 0) {
				count[v]++;
				m++;
			}
		}
		if (m < 2)
			continue;
		for (int x = 0; x < k; x++)
			for (int y = 0; y < k; y++)
				o[x * k + y] += count[x] * (count[y] - (x == y)) / (m - 1);
	}
	double n = 0, *nc = xcalloc((size_t)k, sizeof(double));
	for (int x = 0; x < k; x++)
		for (int y = 0; y < k; y++) {
			nc[x] += o[x * k + y];
			n += o[x * k + y];
		}
	double disagree_o = 0, disagree_e = 0;
	for (int x = 0; x < k; x++)
		for (int y = 0; y < k; y++)
			if (x != y) {
				disagree_o += o[x * k + y];
				disagree_e += nc[x] * nc[y];
			}
	free(o);
	free(count);
	free(nc);
	if (n <= 1 || disagree_e == 0)
		return NAN;
	return 1 - (n - 1) * disagree_o / disagree_e;
}

uint64_t stats_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* Regularised upper incomplete gamma Q(a, x) (Numerical Recipes). */
static double gamma_q(double a, double x)
{
	if (x <= 0)
		return 1;
	double gln = lgamma(a);
	if (x < a + 1) {
		double sum = 1 / a, del = sum, ap = a;
		for (int i = 0; i < 500; i++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * 1e-15)
				break;
		}
		return 1 - sum * exp(-x + a * log(x) - gln);
	}
	double b = x + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d;
	for (int i = 1; i < 500; i++) {
		double an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (fabs(d) < 1e-300)
			d = 1e-300;
		c = b + an / c;
		if (fabs(c) < 1e-300)
			c = 1e-300;
		d = 1 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return exp(-x + a * log(x) - gln) * h;
}

double stats_chi2_p(double x, int df) { return df > 0 ? gamma_q(df / 2.0, x / 2.0) : NAN; }

double stats_chi2_2xk(const double *with, const double *without, size_t k, int *df, double *p,
		      double *min_expected)
{
	double r0 = 0, r1 = 0;
	for (size_t j = 0; j < k; j++) {
		r0 += with[j];
		r1 += without[j];
	}
	double n = r0 + r1, chi = 0;
	int cols = 0;
	*min_expected = INFINITY;
	for (size_t j = 0; j < k; j++) {
		double cj = with[j] + without[j];
		if (cj <= 0)
			continue;
		cols++;
		double e0 = r0 * cj / n, e1 = r1 * cj / n;
		if (e0 < *min_expected)
			*min_expected = e0;
		if (e1 < *min_expected)
			*min_expected = e1;
		if (e0 > 0)
			chi += (with[j] - e0) * (with[j] - e0) / e0;
		if (e1 > 0)
			chi += (without[j] - e1) * (without[j] - e1) / e1;
	}
	*df = cols - 1;
	*p = (r0 > 0 && r1 > 0 && cols > 1) ? stats_chi2_p(chi, *df) : NAN;
	return chi;
}

/* The part of a 2 x k table's log probability that its margins fix. */
static double margins_logp(const long *colsum, size_t k, long r0, long n)
{
	double lp = lgamma((double)r0 + 1) + lgamma((double)(n - r0) + 1) - lgamma((double)n + 1);
	for (size_t j = 0; j < k; j++)
		lp += lgamma((double)colsum[j] + 1);
	return lp;
}

/* The part of column j, with x of its colsum in the first row. */
static inline double column_logp(long x, long colsum)
{
	return -lgamma((double)x + 1) - lgamma((double)(colsum - x) + 1);
}

/*
 * How many 2 x k tables have these margins (columns of colsum[j], a first
 * row of r0), counted up to cap: cap when there are more. Counts of the
 * first row's sums column by column, each a window sum of the last.
 */
static long count_tables(const long *colsum, size_t k, long r0, long cap)
{
	long *ways = xcalloc((size_t)r0 + 1, sizeof(long));
	long *next = xcalloc((size_t)r0 + 1, sizeof(long));
	ways[0] = 1;
	for (size_t j = 0; j < k; j++) {
		long window = 0; /* ways[s - colsum[j]] + ... + ways[s] */
		for (long s = 0; s <= r0; s++) {
			window += ways[s];
			if (s - colsum[j] - 1 >= 0)
				window -= ways[s - colsum[j] - 1];
			/* a window holding a capped count is at least cap */
			next[s] = window < cap ? window : cap;
		}
		long *t = ways;
		ways = next;
		next = t;
	}
	long n = ways[r0];
	free(ways);
	free(next);
	return n;
}

typedef struct fisher_walk {
	const long *colsum;
	size_t k;
	double lp_obs;  /* the observed table's log probability */
	double p;       /* summed probability of tables as or less likely */
	long *x;
} fisher_walk;

/* Every table from column j on, with `left` of the first row to place and
   lp the log probability so far (the margins' and columns' before j). */
static void walk(fisher_walk *w, size_t j, long left, double lp)
{
	if (j == w->k - 1) {
		if (left > w->colsum[j] || left < 0)
			return;
		w->x[j] = left;
		lp += column_logp(left, w->colsum[j]);
		if (lp <= w->lp_obs + 1e-9)
			w->p += exp(lp);
		return;
	}
	/* the rest of the columns can take at most this many */
	long rest = 0;
	for (size_t i = j + 1; i < w->k; i++)
		rest += w->colsum[i];
	long lo = left - rest > 0 ? left - rest : 0;
	long hi = w->colsum[j] < left ? w->colsum[j] : left;
	for (long v = lo; v <= hi; v++) {
		w->x[j] = v;
		walk(w, j + 1, left - v, lp + column_logp(v, w->colsum[j]));
	}
}

/* log i! for i up to n, or NULL: lgamma() each time. */
typedef struct logfact {
	const double *v;
	long n;
} logfact;

static inline double log_fact(const logfact *lf, long i)
{
	return lf && i <= lf->n ? lf->v[i] : lgamma((double)i + 1);
}

/* log of n choose k. */
static double log_choose(const logfact *lf, long n, long k)
{
	return log_fact(lf, n) - log_fact(lf, k) - log_fact(lf, n - k);
}

/*
 * A draw of a hypergeometric variable: of `draws` units taken without
 * replacement from `total`, of which `good` are good, how many are good.
 * By inversion from the mode outwards (the probabilities from their
 * ratios), so a draw costs about the spread of the distribution, not the
 * number of units.
 */
static long hypergeometric(const logfact *lf, long total, long good, long draws, uint64_t *rng)
{
	long lo = draws - (total - good) > 0 ? draws - (total - good) : 0;
	long hi = draws < good ? draws : good;
	if (lo >= hi)
		return lo;
	long mode = (long)floor(((double)draws + 1) * ((double)good + 1) / ((double)total + 2));
	if (mode < lo)
		mode = lo;
	if (mode > hi)
		mode = hi;
	double pm = exp(log_choose(lf, good, mode) + log_choose(lf, total - good, draws - mode) -
			log_choose(lf, total, draws));
	double u = (double)(stats_rand(rng) >> 11) * (1.0 / 9007199254740992.0);
	/* the mode first, then alternately the next value up and down */
	double acc = pm;
	if (u < acc)
		return mode;
	long up = mode, down = mode;
	double pu = pm, pd = pm;
	while (up < hi || down > lo) {
		if (up < hi) {
			pu *= ((double)(good - up) * (double)(draws - up)) /
			      ((double)(up + 1) * (double)(total - good - draws + up + 1));
			up++;
			acc += pu;
			if (u < acc)
				return up;
		}
		if (down > lo) {
			pd *= ((double)down * (double)(total - good - draws + down)) /
			      ((double)(good - down + 1) * (double)(draws - down + 1));
			down--;
			acc += pd;
			if (u < acc)
				return down;
		}
	}
	return mode; /* rounding left a little mass: the most likely value */
}

long stats_hypergeometric(long total, long good, long draws, uint64_t *rng)
{
	return hypergeometric(NULL, total, good, draws, rng);
}

double stats_fisher_2xk(const long *with, const long *without, size_t k, long budget, int *exact)
{
	long *colsum = xcalloc(k + 1, sizeof(long));
	long r0 = 0, n = 0;
	for (size_t j = 0; j < k; j++) {
		colsum[j] = with[j] + without[j];
		r0 += with[j];
		n += colsum[j];
	}
	double lp_margins = margins_logp(colsum, k, r0, n);
	double lp_obs = lp_margins;
	for (size_t j = 0; j < k; j++)
		lp_obs += column_logp(with[j], colsum[j]);
	fisher_walk w = { colsum, k, lp_obs, 0, xcalloc(k + 1, sizeof(long)) };
	*exact = 1;
	double p = 1;
	if (k > 1 && count_tables(colsum, k, r0, budget + 1) <= budget) {
		walk(&w, 0, r0, lp_margins);
		p = w.p;
	} else if (k > 1) {
		/* too many tables: a Monte Carlo estimate from random tables with
		   the same margins, column by column (hypergeometric draws) */
		*exact = 0;
		/* log i! once for every count a table holds, not per draw */
		double *v = xmalloc(((size_t)n + 1) * sizeof(double));
		for (long i = 0; i <= n; i++)
			v[i] = lgamma((double)i + 1);
		logfact lf = { v, n };
		uint64_t s = 0x9E3779B97F4A7C15ULL;
		long hits = 0;
		for (long t = 0; t < budget; t++) {
			long left = n, good = r0;
			double lp = lp_margins;
			for (size_t c = 0; c + 1 < k; c++) {
				long x = hypergeometric(&lf, left, good, colsum[c], &s);
				lp -= v[x] + v[colsum[c] - x];
				good -= x;
				left -= colsum[c];
			}
			lp -= v[good] + v[colsum[k - 1] - good];
			if (lp <= lp_obs + 1e-9)
				hits++;
		}
		p = (double)(hits + 1) / (double)(budget + 1);
		free(v);
	}
	free(w.x);
	free(colsum);
	return p > 1 ? 1 : p;
}

double stats_loglik(double a, double b, double c, double d)
{
	double e1 = c * (a + b) / (c + d), e2 = d * (a + b) / (c + d);
	double g = 0;
	if (a > 0)
		g += a * log(a / e1);
	if (b > 0)
		g += b * log(b / e2);
	return 2 * g;
}
