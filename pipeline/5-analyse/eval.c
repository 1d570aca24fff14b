/*
 * eval: agreement between two codings, and rules against a reference
 * (see eval.h).
 */
#include "eval.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

void eval_coding_init(eval_coding *c, const char *name, size_t n, size_t k)
{
	c->name = name;
	c->codes = xcalloc(n * k + 1, 1);
	c->primary = xmalloc((n + 1) * sizeof(int));
	c->has = xcalloc(n + 1, 1);
	for (size_t u = 0; u < n; u++)
		c->primary[u] = -1;
}

void eval_coding_release(eval_coding *c)
{
	if (!c)
		return;
	free(c->codes);
	free(c->primary);
	free(c->has);
	memset(c, 0, sizeof(*c));
}

typedef struct counts {
	double tp, fp, fn, tn;
} counts;

static counts theme_counts(const eval_coding *a, const eval_coding *b, size_t k, size_t t,
			   const size_t *units, size_t nu)
{
	counts c = { 0, 0, 0, 0 };
	for (size_t i = 0; i < nu; i++) {
		size_t u = units[i];
		int x = a->codes[u * k + t], y = b->codes[u * k + t];
		if (x && y)
			c.tp++;
		else if (y)
			c.fp++;
		else if (x)
			c.fn++;
		else
			c.tn++;
	}
	return c;
}

static double f1_of(counts c)
{
	return c.tp ? 2 * c.tp / (2 * c.tp + c.fp + c.fn) : (c.fp || c.fn ? 0 : NAN);
}

static double kappa_of(counts c)
{
	table2 t = { c.tp, c.fn, c.fp, c.tn };
	return stats_kappa(&t);
}

static double ratio(double x, double y) { return y ? x / y : NAN; }

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* 2.5 and 97.5 percentiles of the values that are not NaN. */
static void interval(double *v, size_t n, double *lo, double *hi)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[m++] = v[i];
	if (!m) {
		*lo = *hi = NAN;
		return;
	}
	qsort(v, m, sizeof(*v), dbl_cmp);
	*lo = v[(size_t)floor(0.025 * (double)(m - 1))];
	*hi = v[(size_t)ceil(0.975 * (double)(m - 1))];
}

int eval_compare(const eval_coding *a, const eval_coding *b, size_t n, size_t k,
		 const unsigned char *include, long boot, unsigned long seed, eval_result *r)
{
	memset(r, 0, sizeof(*r));
	r->k = k;
	r->boot = boot;
	r->units = xcalloc(n + 1, sizeof(size_t));
	for (size_t u = 0; u < n; u++)
		if (a->has[u] && b->has[u] && (!include || include[u]))
			r->units[r->nunits++] = u;
	size_t nu = r->nunits;
	if (nu < 2)
		return -1;
	r->themes = xcalloc(k + 1, sizeof(eval_theme));

	/*
	 * The same resamples for every theme. An answer counts in a resample
	 * through its pattern -- its cell of the 2 x 2 table of every theme --
	 * so a resample is nu draws into pattern counts, then a sum per theme
	 * over the patterns seen, with no k-fold pass and no stored draws.
	 */
	double *bf = xcalloc((size_t)boot * k + 1, sizeof(double));
	double *bk = xcalloc((size_t)boot * k + 1, sizeof(double));
	if (boot) {
		char *keys = xmalloc(nu * (k + 1) + 1);
		int *pat = xmalloc((nu + 1) * sizeof(int));
		strmap pm;
		strmap_init(&pm, 64);
		size_t np = 0;
		for (size_t i = 0; i < nu; i++) {
			char *key = keys + i * (k + 1);
			size_t u = r->units[i];
			for (size_t t = 0; t < k; t++)
				key[t] = (char)('0' + 2 * (a->codes[u * k + t] != 0) + (b->codes[u * k + t] != 0));
			key[k] = '\0';
			int p = strmap_get(&pm, key, k);
			if (p < 0) {
				p = (int)np++;
				strmap_put(&pm, key, p);
			}
			pat[i] = p;
		}
		const char **pkey = xcalloc(np + 1, sizeof(char *));
		for (size_t i = 0; i < nu; i++)
			pkey[pat[i]] = keys + i * (k + 1);
		long *pc = xcalloc(np + 1, sizeof(long));
		uint64_t rs = seed * 0x9E3779B97F4A7C15ULL + 7;
		for (long s = 0; s < boot; s++) {
			memset(pc, 0, (np + 1) * sizeof(long));
			for (size_t i = 0; i < nu; i++)
				pc[pat[stats_rand(&rs) % nu]]++;
			for (size_t t = 0; t < k; t++) {
				double cell[4] = { 0, 0, 0, 0 }; /* neither, b only, a only, both */
				for (size_t p = 0; p < np; p++)
					cell[pkey[p][t] - '0'] += (double)pc[p];
				counts cb = { cell[3], cell[1], cell[2], cell[0] };
				bf[t * (size_t)boot + (size_t)s] = f1_of(cb);
				bk[t * (size_t)boot + (size_t)s] = kappa_of(cb);
			}
		}
		free(pc);
		free(pkey);
		strmap_release(&pm);
		free(pat);
		free(keys);
	}
	int *alpha_data = xcalloc(2 * nu + 1, sizeof(int));
	counts micro = { 0, 0, 0, 0 };
	double macro = 0;
	for (size_t t = 0; t < k; t++) {
		eval_theme *et = &r->themes[t];
		counts c = theme_counts(a, b, k, t, r->units, nu);
		micro.tp += c.tp;
		micro.fp += c.fp;
		micro.fn += c.fn;
		micro.tn += c.tn;
		et->tp = c.tp;
		et->fp = c.fp;
		et->fn = c.fn;
		et->tn = c.tn;
		et->precision = ratio(c.tp, c.tp + c.fp);
		et->recall = ratio(c.tp, c.tp + c.fn);
		et->f1 = f1_of(c);
		et->kappa = kappa_of(c);
		if (!isnan(et->f1)) {
			macro += et->f1;
			r->macro_n++;
		}
		et->f1_lo = et->f1_hi = et->kappa_lo = et->kappa_hi = NAN;
		if (boot) {
			interval(bf + t * (size_t)boot, (size_t)boot, &et->f1_lo, &et->f1_hi);
			interval(bk + t * (size_t)boot, (size_t)boot, &et->kappa_lo, &et->kappa_hi);
		}
		for (size_t i = 0; i < nu; i++) {
			alpha_data[i] = a->codes[r->units[i] * k + t];
			alpha_data[nu + i] = b->codes[r->units[i] * k + t];
		}
		et->alpha = stats_alpha_nominal(alpha_data, 2, nu, 2);
	}
	r->micro_precision = ratio(micro.tp, micro.tp + micro.fp);
	r->micro_recall = ratio(micro.tp, micro.tp + micro.fn);
	r->micro_f1 = f1_of(micro);
	r->macro_f1 = r->macro_n ? macro / r->macro_n : NAN;

	/* the primary theme, "none" the last category */
	int k1 = (int)k + 1;
	int *pa = xcalloc(nu + 1, sizeof(int)), *pb = xcalloc(nu + 1, sizeof(int));
	r->confusion = xcalloc((size_t)k1 * (size_t)k1, sizeof(long));
	for (size_t i = 0; i < nu; i++) {
		size_t u = r->units[i];
		pa[i] = a->primary[u] >= 0 ? a->primary[u] : (int)k;
		pb[i] = b->primary[u] >= 0 ? b->primary[u] : (int)k;
		r->confusion[pa[i] * k1 + pb[i]]++;
		if (a->primary[u] >= 0) {
			r->with_primary++;
			r->primary_right += a->primary[u] == b->primary[u];
		}
		alpha_data[i] = pa[i];
		alpha_data[nu + i] = pb[i];
	}
	r->primary_accuracy = ratio((double)r->primary_right, (double)r->with_primary);
	r->primary_kappa = stats_kappa_nominal(pa, pb, nu, k1);
	r->primary_alpha = stats_alpha_nominal(alpha_data, 2, nu, k1);
	free(pa);
	free(pb);
	free(alpha_data);
	free(bf);
	free(bk);
	return 0;
}

void eval_result_release(eval_result *r)
{
	if (!r)
		return;
	free(r->units);
	free(r->themes);
	free(r->confusion);
	memset(r, 0, sizeof(*r));
}

static int rule_cmp(const void *x, const void *y)
{
	const eval_rule *a = x, *b = y;
	if (!a->hits != !b->hits)
		return a->hits ? -1 : 1;
	if (a->fp != b->fp)
		return a->fp > b->fp ? -1 : 1;
	if (a->hits && b->hits && a->precision != b->precision)
		return a->precision < b->precision ? -1 : 1;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	return (a->rule > b->rule) - (a->rule < b->rule);
}

static int hit_cmp(const void *x, const void *y)
{
	const eval_hit *a = x, *b = y;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	return (a->rule > b->rule) - (a->rule < b->rule);
}

eval_rule *eval_rules(const eval_coding *ref, size_t n, size_t k, const size_t *nrules,
		      const eval_hit *hits, size_t nhits, const unsigned char *compared)
{
	size_t *first = xcalloc(k + 1, sizeof(size_t));
	for (size_t t = 0; t < k; t++)
		first[t + 1] = first[t] + nrules[t];
	size_t total = first[k];
	eval_rule *out = xcalloc(total + 1, sizeof(eval_rule));
	for (size_t t = 0; t < k; t++)
		for (size_t i = 0; i < nrules[t]; i++) {
			out[first[t] + i].theme = (int)t;
			out[first[t] + i].rule = (int)i;
			out[first[t] + i].example = (size_t)-1;
		}
	/* distinct (answer, theme, rule), grouped by answer and theme */
	eval_hit *h = xmalloc((nhits + 1) * sizeof(eval_hit));
	size_t m = 0;
	for (size_t i = 0; i < nhits; i++)
		if (hits[i].unit < n && compared[hits[i].unit] && hits[i].theme >= 0 &&
		    (size_t)hits[i].theme < k && hits[i].rule >= 0 &&
		    (size_t)hits[i].rule < nrules[hits[i].theme])
			h[m++] = hits[i];
	qsort(h, m, sizeof(*h), hit_cmp);
	for (size_t i = 0; i < m;) {
		size_t j = i, distinct = 0;
		for (; j < m && h[j].unit == h[i].unit && h[j].theme == h[i].theme; j++)
			if (j == i || h[j].rule != h[j - 1].rule)
				distinct++;
		int in_ref = ref->codes[h[i].unit * k + (size_t)h[i].theme];
		for (size_t x = i; x < j; x++) {
			if (x > i && h[x].rule == h[x - 1].rule)
				continue;
			eval_rule *er = &out[first[h[x].theme] + (size_t)h[x].rule];
			er->hits++;
			if (in_ref) {
				er->tp++;
			} else {
				if (!er->fp)
					er->example = h[x].unit;
				er->fp++;
			}
			if (distinct == 1) {
				er->sole++;
				er->sole_fp += !in_ref;
			}
		}
		i = j;
	}
	for (size_t i = 0; i < total; i++)
		out[i].precision = out[i].hits ? (double)out[i].tp / (double)out[i].hits : NAN;
	qsort(out, total, sizeof(*out), rule_cmp);
	free(h);
	free(first);
	return out;
}
