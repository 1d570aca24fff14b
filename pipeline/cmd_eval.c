/*
 * cmd_eval: `qcode eval` -- agreement of the coding with a gold file or
 * between coders: per theme precision, recall, F1 and Cohen's kappa with
 * bootstrap intervals, micro and macro F1, the primary theme's accuracy
 * and confusion matrix, Krippendorff's alpha, and what went wrong most.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "read.h"
#include "review.h"
#include "stats.h"

/* One rater's codes: codes[u * nt + t], primary[u] (-1 none), has[u] (coded at all). */
typedef struct rater {
	const char *name;
	int *codes;
	int *primary;
	int *has;
} rater;

typedef struct eval_ctx {
	reviewer rv;
	long long *ids;    /* answers (database ids) */
	char **ext;        /* their survey ids */
	char **text;       /* their texts */
	size_t n;
	size_t nt;         /* themes */
} eval_ctx;

static void rater_init(rater *r, const char *name, size_t n, size_t nt)
{
	r->name = name;
	r->codes = xcalloc(n * nt + 1, sizeof(int));
	r->primary = xcalloc(n + 1, sizeof(int));
	r->has = xcalloc(n + 1, sizeof(int));
	for (size_t u = 0; u < n; u++)
		r->primary[u] = -1;
}

static void rater_release(rater *r)
{
	free(r->codes);
	free(r->primary);
	free(r->has);
}

static int load_answers(eval_ctx *e)
{
	sqlite3_stmt *st = db_prepare(e->rv.d, "SELECT id, ext_id, text FROM answers ORDER BY id");
	if (!st)
		return -1;
	size_t alloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (e->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			e->ids = xrealloc(e->ids, alloc * sizeof(*e->ids));
			e->ext = xrealloc(e->ext, alloc * sizeof(*e->ext));
			e->text = xrealloc(e->text, alloc * sizeof(*e->text));
		}
		e->ids[e->n] = sqlite3_column_int64(st, 0);
		e->ext[e->n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		e->text[e->n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		e->n++;
	}
	sqlite3_finalize(st);
	e->nt = e->rv.nthemes;
	return 0;
}

static long find_answer(const eval_ctx *e, const char *ext)
{
	for (size_t u = 0; u < e->n; u++)
		if (!strcmp(e->ext[u], ext))
			return (long)u;
	return -1;
}

/* The latest run's machine codes (every coded answer counts). */
static int load_machine(eval_ctx *e, rater *r)
{
	sqlite3_stmt *st = db_prepare(e->rv.d,
		"SELECT a.id, m.theme, m.is_primary FROM answers a JOIN latest_coded l ON l.answer_id = a.id"
		" LEFT JOIN machine_codes m ON m.answer_id = a.id");
	if (!st)
		return -1;
	long long last = -1;
	long u = -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (id != last) {
			u = -1;
			for (size_t k = 0; k < e->n; k++)
				if (e->ids[k] == id)
					u = (long)k;
			last = id;
		}
		if (u < 0)
			continue;
		r->has[u] = 1;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		int t = reviewer_theme(&e->rv, (const char *)sqlite3_column_text(st, 1));
		if (t < 0)
			continue;
		r->codes[(size_t)u * e->nt + (size_t)t] = 1;
		if (sqlite3_column_int(st, 2))
			r->primary[u] = t;
	}
	sqlite3_finalize(st);
	return 0;
}

/* A coder's own decisions (as in blind review), or every coder's on top of the machine. */
static int load_view(eval_ctx *e, rater *r, const char *coder, int effective)
{
	reviewer rv = e->rv;
	rv.coder = coder;
	rv.blind = !effective;
	answer_view v;
	memset(&v, 0, sizeof(v));
	for (size_t u = 0; u < e->n; u++) {
		if (reviewer_load(&rv, e->ids[u], &v)) {
			answer_view_release(&v);
			return -1;
		}
		r->has[u] = effective ? 1 : v.decided;
		for (size_t t = 0; t < e->nt; t++)
			r->codes[u * e->nt + t] = v.coded[t];
		r->primary[u] = v.primary;
	}
	answer_view_release(&v);
	return 0;
}

static int load_gold(eval_ctx *e, rater *r, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set_code(EXIT_IO);
		return error("cannot open '%s': %s", path, strerror(errno));
	}
	reader *rd = reader_open(f, path, READ_CSV, 0, NULL);
	if (!rd) {
		fclose(f);
		return -1;
	}
	int c_id = reader_col(rd, "id"), c_th = reader_col(rd, "theme"), c_pr = reader_col(rd, "primary");
	int bad = 0;
	if (c_id < 0 || c_th < 0) {
		error_set_code(EXIT_INPUT);
		error("%s: needs the columns id, theme and primary; the columns are: %s", path,
		      reader_columns(rd));
		bad = 1;
	}
	strbuf unknown_ids, unknown_themes;
	sb_init(&unknown_ids);
	sb_init(&unknown_themes);
	int got;
	while (!bad && (got = reader_next(rd)) == 1) {
		size_t len;
		const char *id = reader_get(rd, c_id, &len);
		const char *th = reader_get(rd, c_th, &len);
		const char *pr = reader_get(rd, c_pr, &len);
		long u = find_answer(e, id ? id : "");
		if (u < 0) {
			sb_addf(&unknown_ids, "%s%s (row %ld)", unknown_ids.len ? ", " : "", id ? id : "",
				reader_row(rd));
			continue;
		}
		r->has[u] = 1;
		if (!th || !*th)
			continue; /* coded, with no theme */
		int t = reviewer_theme(&e->rv, th);
		if (t < 0) {
			sb_addf(&unknown_themes, "%s%s (row %ld)", unknown_themes.len ? ", " : "", th,
				reader_row(rd));
			continue;
		}
		r->codes[(size_t)u * e->nt + (size_t)t] = 1;
		if (pr && !strcmp(pr, "1"))
			r->primary[u] = t;
	}
	if (!bad && got < 0)
		bad = 1;
	if (!bad && unknown_ids.len) {
		error_set_code(EXIT_INPUT);
		error("%s: ids not in the project: %s", path, unknown_ids.buf);
		bad = 1;
	}
	if (!bad && unknown_themes.len) {
		error_set_code(EXIT_INPUT);
		strbuf all;
		sb_init(&all);
		for (size_t t = 0; t < e->nt; t++)
			sb_addf(&all, "%s%s", t ? ", " : "", e->rv.keys[t]);
		error("%s: unknown themes: %s (the themes are: %s)", path, unknown_themes.buf, all.buf);
		sb_release(&all);
		bad = 1;
	}
	/* answers the gold file does not name count as coded with no theme */
	for (size_t u = 0; u < e->n; u++)
		r->has[u] = 1;
	sb_release(&unknown_ids);
	sb_release(&unknown_themes);
	reader_free(rd);
	fclose(f);
	return bad ? -1 : 0;
}

typedef struct counts {
	double tp, fp, fn, tn;
} counts;

static counts theme_counts(const eval_ctx *e, const rater *g, const rater *m, size_t t,
			   const size_t *sample, size_t ns)
{
	counts c = { 0, 0, 0, 0 };
	for (size_t i = 0; i < ns; i++) {
		size_t u = sample ? sample[i] : i;
		int a = g->codes[u * e->nt + t], b = m->codes[u * e->nt + t];
		if (a && b)
			c.tp++;
		else if (!a && b)
			c.fp++;
		else if (a && !b)
			c.fn++;
		else
			c.tn++;
	}
	return c;
}

static double f1_of(counts c) { return c.tp ? 2 * c.tp / (2 * c.tp + c.fp + c.fn) : (c.fp || c.fn ? 0 : NAN); }

static double kappa_of(counts c)
{
	table2 t = { c.tp, c.fn, c.fp, c.tn };
	return stats_kappa(&t);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* 2.5 and 97.5 percentiles of the finite values. */
static void ci(double *v, size_t n, double *lo, double *hi)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	if (!k) {
		*lo = *hi = NAN;
		return;
	}
	qsort(v, k, sizeof(*v), dbl_cmp);
	*lo = v[(size_t)floor(0.025 * (double)(k - 1))];
	*hi = v[(size_t)ceil(0.975 * (double)(k - 1))];
}

static void num(double x)
{
	if (isnan(x))
		printf("%7s", "-");
	else
		printf("%7.3f", x);
}

/* A shortened answer for a message: at most n bytes, whole UTF-8 characters. */
static void shorten(const char *s, size_t n, strbuf *out)
{
	size_t len = strlen(s);
	if (len <= n) {
		sb_adds(out, s);
		return;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	sb_add(out, s, n);
	sb_adds(out, "...");
}

int cmd_eval(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "gold", required_argument, NULL, 'g' },
		{ "coder", required_argument, NULL, 'c' },
		{ "against", required_argument, NULL, 'a' },
		{ "seed", required_argument, NULL, 's' },
		{ "boot", required_argument, NULL, 'b' },
		{ "min-kappa", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *gold = NULL, *coder = NULL, *against = NULL;
	unsigned long seed = 1;
	long boot = 1000;
	double min_kappa = NAN;
	int c;
	while ((c = cmd_getopt(argc, argv, "", opts, ctx)) != -1) {
		switch (c) {
		case 'g': gold = optarg; break;
		case 'c': coder = optarg; break;
		case 'a': against = optarg; break;
		case 's': seed = strtoul(optarg, NULL, 10); break;
		case 'b': boot = strtol(optarg, NULL, 10); break;
		case 'k': min_kappa = strtod(optarg, NULL); break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (!gold == !coder)
		return cmd_usage_error(ctx, "eval needs --gold FILE or --coder NAME (not both)");
	if (coder && !against)
		return cmd_usage_error(ctx, "--coder needs --against CODER or --against machine");
	if (boot < 0 || boot > 100000)
		return cmd_usage_error(ctx, "--boot takes 0 to 100000 resamples");

	eval_ctx e;
	memset(&e, 0, sizeof(e));
	if (reviewer_init(&e.rv, ctx->db, coder ? coder : "gold", 0, ctx->lex_dir))
		return error_last_code();
	int rc = EXIT_DB;
	rater g, m;
	memset(&g, 0, sizeof(g));
	memset(&m, 0, sizeof(m));
	if (load_answers(&e))
		goto out;
	const char *gname = gold ? strrchr(gold, '/') : NULL;
	rater_init(&g, gold ? (gname ? gname + 1 : gold) : coder, e.n, e.nt);
	const char *mname = against ? against : "machine";
	rater_init(&m, mname, e.n, e.nt);
	if (gold) {
		if (load_gold(&e, &g, gold)) {
			rc = error_last_code();
			goto out;
		}
	} else if (load_view(&e, &g, coder, 0)) {
		goto out;
	}
	if (!strcmp(mname, "machine")) {
		if (load_machine(&e, &m))
			goto out;
	} else if (!strcmp(mname, "effective")) {
		if (load_view(&e, &m, NULL, 1))
			goto out;
	} else if (load_view(&e, &m, mname, 0)) {
		goto out;
	}

	/* the answers both raters coded */
	size_t *units = xcalloc(e.n + 1, sizeof(size_t)), nu = 0;
	for (size_t u = 0; u < e.n; u++)
		if (g.has[u] && m.has[u])
			units[nu++] = u;
	if (nu < 2) {
		error("fewer than two answers coded by both %s and %s: nothing to compare", g.name, m.name);
		free(units);
		rc = EXIT_INPUT;
		goto out;
	}
	printf("Agreement of %s with %s: %zu answers, %zu themes; 95%% intervals from %ld bootstrap resamples (seed %lu)\n\n",
	       m.name, g.name, nu, e.nt, boot, seed);
	printf("%-16s %5s %5s %4s %4s %4s %7s %7s %7s %-17s %7s %-17s %7s\n", "theme", "gold", "coded",
	       "TP", "FP", "FN", "prec", "recall", "F1", " F1 95% CI", "kappa", " kappa 95% CI", "alpha");
	counts micro = { 0, 0, 0, 0 };
	double macro = 0;
	int macro_n = 0, below = 0;
	uint64_t rs = seed * 0x9E3779B97F4A7C15ULL + 7;
	size_t *sample = xcalloc(nu + 1, sizeof(size_t));
	double *bf = xcalloc((size_t)boot + 1, sizeof(double)), *bk = xcalloc((size_t)boot + 1, sizeof(double));
	/* resample the same answers for every theme: draw the samples once */
	size_t *draws = xcalloc((size_t)boot * nu + 1, sizeof(size_t));
	for (long b = 0; b < boot; b++)
		for (size_t i = 0; i < nu; i++)
			draws[(size_t)b * nu + i] = units[stats_rand(&rs) % nu];
	int *alpha_data = xcalloc(2 * nu + 1, sizeof(int));
	for (size_t t = 0; t < e.nt; t++) {
		counts ct = theme_counts(&e, &g, &m, t, units, nu);
		micro.tp += ct.tp;
		micro.fp += ct.fp;
		micro.fn += ct.fn;
		micro.tn += ct.tn;
		double f1 = f1_of(ct), k = kappa_of(ct);
		if (!isnan(f1)) {
			macro += f1;
			macro_n++;
		}
		for (long b = 0; b < boot; b++) {
			counts cb = theme_counts(&e, &g, &m, t, draws + (size_t)b * nu, nu);
			bf[b] = f1_of(cb);
			bk[b] = kappa_of(cb);
		}
		double flo, fhi, klo, khi;
		ci(bf, (size_t)boot, &flo, &fhi);
		ci(bk, (size_t)boot, &klo, &khi);
		for (size_t i = 0; i < nu; i++) {
			alpha_data[i] = g.codes[units[i] * e.nt + t];
			alpha_data[nu + i] = m.codes[units[i] * e.nt + t];
		}
		double alpha = stats_alpha_nominal(alpha_data, 2, nu, 2);
		printf("%-16s %5.0f %5.0f %4.0f %4.0f %4.0f", e.rv.keys[t], ct.tp + ct.fn, ct.tp + ct.fp,
		       ct.tp, ct.fp, ct.fn);
		num(ct.tp + ct.fp ? ct.tp / (ct.tp + ct.fp) : NAN);
		printf(" ");
		num(ct.tp + ct.fn ? ct.tp / (ct.tp + ct.fn) : NAN);
		printf(" ");
		num(f1);
		if (boot && !isnan(flo))
			printf("  [%.3f, %.3f]", flo, fhi);
		else
			printf("  %-15s", "");
		printf(" ");
		num(k);
		if (boot && !isnan(klo))
			printf("  [%.3f, %.3f]", klo, khi);
		else
			printf("  %-15s", "");
		printf(" ");
		num(alpha);
		printf("\n");
		if (!isnan(min_kappa) && (isnan(k) || k < min_kappa))
			below++;
	}
	printf("\nmicro F1 %.3f (precision %.3f, recall %.3f); macro F1 %.3f over %d themes\n",
	       f1_of(micro), micro.tp + micro.fp ? micro.tp / (micro.tp + micro.fp) : NAN,
	       micro.tp + micro.fn ? micro.tp / (micro.tp + micro.fn) : NAN,
	       macro_n ? macro / macro_n : NAN, macro_n);

	/* the primary theme: accuracy, confusion matrix, kappa and alpha */
	size_t with_primary = 0, right = 0;
	int k1 = (int)e.nt + 1; /* the last category: no theme */
	int *pa = xcalloc(nu + 1, sizeof(int)), *pb = xcalloc(nu + 1, sizeof(int));
	long *conf = xcalloc((size_t)(k1 * k1), sizeof(long));
	for (size_t i = 0; i < nu; i++) {
		size_t u = units[i];
		pa[i] = g.primary[u] >= 0 ? g.primary[u] : (int)e.nt;
		pb[i] = m.primary[u] >= 0 ? m.primary[u] : (int)e.nt;
		conf[pa[i] * k1 + pb[i]]++;
		if (g.primary[u] >= 0) {
			with_primary++;
			right += g.primary[u] == m.primary[u];
		}
		alpha_data[i] = pa[i];
		alpha_data[nu + i] = pb[i];
	}
	printf("primary theme: %zu of %zu answers with a %s primary agree (accuracy %.3f); kappa %.3f, Krippendorff's alpha %.3f\n\n",
	       right, with_primary, g.name, with_primary ? (double)right / (double)with_primary : NAN,
	       stats_kappa_nominal(pa, pb, nu, k1), stats_alpha_nominal(alpha_data, 2, nu, k1));
	printf("confusion of the primary theme (rows: %s, columns: %s)\n%-16s", g.name, m.name, "");
	for (int b = 0; b < k1; b++)
		printf(" %6.6s", b < (int)e.nt ? e.rv.keys[b] : "none");
	printf("\n");
	for (int a = 0; a < k1; a++) {
		printf("%-16s", a < (int)e.nt ? e.rv.keys[a] : "none");
		for (int b = 0; b < k1; b++)
			printf(" %6ld", conf[a * k1 + b]);
		printf("\n");
	}
	free(pa);
	free(pb);
	free(conf);

	/* what went wrong most: the rules behind false positives, the codes missed */
	if (!strcmp(mname, "machine")) {
		sqlite3_stmt *st = db_prepare(ctx->db,
			"SELECT e.theme, e.rule_id, a.ext_id FROM evidence e JOIN latest_coded l"
			" ON l.answer_id = e.answer_id AND l.run_id = e.run_id JOIN answers a ON a.id = e.answer_id"
			" GROUP BY e.theme, e.rule_id, a.id ORDER BY e.theme, e.rule_id");
		typedef struct fprule { char *key; long n; char *example; } fprule;
		fprule *fr = NULL;
		size_t nfr = 0;
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			int t = reviewer_theme(&e.rv, (const char *)sqlite3_column_text(st, 0));
			long u = find_answer(&e, (const char *)sqlite3_column_text(st, 2));
			if (t < 0 || u < 0 || g.codes[(size_t)u * e.nt + (size_t)t])
				continue;
			strbuf key;
			sb_init(&key);
			sb_addf(&key, "%s:%s", e.rv.keys[t], sqlite3_column_text(st, 1));
			size_t i;
			for (i = 0; i < nfr && strcmp(fr[i].key, key.buf); i++)
				;
			if (i == nfr) {
				fr = xrealloc(fr, (nfr + 1) * sizeof(*fr));
				fr[nfr].key = sb_detach(&key);
				fr[nfr].n = 0;
				fr[nfr].example = e.ext[u];
				nfr++;
			}
			sb_release(&key);
			fr[i].n++;
		}
		sqlite3_finalize(st);
		printf("\nrules behind the most false positives:\n");
		for (int shown = 0; shown < 10; shown++) {
			size_t best = nfr;
			for (size_t i = 0; i < nfr; i++)
				if (fr[i].n > 0 && (best == nfr || fr[i].n > fr[best].n))
					best = i;
			if (best == nfr)
				break;
			long u = find_answer(&e, fr[best].example);
			strbuf sh;
			sb_init(&sh);
			shorten(e.text[u], 70, &sh);
			printf("  %-36s %3ld  e.g. %s \"%s\"\n", fr[best].key, fr[best].n, fr[best].example, sh.buf);
			sb_release(&sh);
			fr[best].n = -fr[best].n;
		}
		if (!nfr)
			printf("  none\n");
		for (size_t i = 0; i < nfr; i++)
			free(fr[i].key);
		free(fr);
	}
	printf("\n%s codes most often missed:\n", g.name);
	int missed = 0;
	for (size_t i = 0; i < nu && missed < 10; i++) {
		size_t u = units[i];
		strbuf themes;
		sb_init(&themes);
		for (size_t t = 0; t < e.nt; t++)
			if (g.codes[u * e.nt + t] && !m.codes[u * e.nt + t])
				sb_addf(&themes, "%s%s", themes.len ? ", " : "", e.rv.keys[t]);
		if (themes.len) {
			strbuf sh;
			sb_init(&sh);
			shorten(e.text[u], 70, &sh);
			printf("  %-10s %-26s \"%s\"\n", e.ext[u], themes.buf, sh.buf);
			sb_release(&sh);
			missed++;
		}
		sb_release(&themes);
	}
	if (!missed)
		printf("  none\n");
	free(units);
	free(sample);
	free(bf);
	free(bk);
	free(draws);
	free(alpha_data);
	rc = EXIT_OK;
	if (below) {
		printf("\n%d theme%s below --min-kappa %.3f\n", below, below == 1 ? "" : "s", min_kappa);
		rc = EXIT_CHECK;
	}
out:
	rater_release(&g);
	rater_release(&m);
	for (size_t u = 0; u < e.n; u++) {
		free(e.ext[u]);
		free(e.text[u]);
	}
	free(e.ids);
	free(e.ext);
	free(e.text);
	reviewer_release(&e.rv);
	return rc;
}
