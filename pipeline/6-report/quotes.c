/*
 * quotes: selection of representative quotes (see quotes.h).
 */
#include "quotes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "appendix.h"
#include "crosstab.h"
#include "lang.h"
#include "project.h"
#include "scrub.h"
#include "token.h"
#include "util.h"

/* One answer's sparse, L2-normalised TF-IDF vector. */
typedef struct vec {
	int *dim;
	double *w;
	size_t n;
} vec;

typedef struct cand {
	long long id;
	char *ext, *text, *group;
	int primary;      /* theme index or -1 */
	double *scores;   /* machine score per theme (0: not coded) */
	int words;
	vec v;
	char **rules;     /* distinct rule ids of the primary theme's evidence */
	int nrules;
	quote_span *spans; /* the primary theme's evidence, by start */
	size_t nspans;
	int lead;         /* that evidence starts in the first clause */
	int matched;      /* words inside that evidence */
	int confirmed;    /* a human decided or accepted the primary theme */
	char *coder;      /* who, last */
} cand;

/* stem -> dimension */
typedef struct dict {
	char **keys;
	uint32_t *lens;   /* byte length of each key */
	int *vals;
	size_t n, cap, count;
	long *df;         /* document frequency per dimension */
} dict;

static int dict_get(dict *d, const char *k, size_t len)
{
	if ((d->count + 1) * 2 > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		char **keys = xcalloc(cap, sizeof(char *));
		uint32_t *lens = xcalloc(cap, sizeof(uint32_t));
		int *vals = xcalloc(cap, sizeof(int));
		for (size_t i = 0; i < d->cap; i++)
			if (d->keys[i]) {
				size_t j = hash_bytes(d->keys[i], d->lens[i]) & (cap - 1);
				while (keys[j])
					j = (j + 1) & (cap - 1);
				keys[j] = d->keys[i];
				lens[j] = d->lens[i];
				vals[j] = d->vals[i];
			}
		free(d->keys);
		free(d->lens);
		free(d->vals);
		d->keys = keys;
		d->lens = lens;
		d->vals = vals;
		d->cap = cap;
	}
	size_t j = hash_bytes(k, len) & (d->cap - 1);
	while (d->keys[j]) {
		if (d->lens[j] == len && !memcmp(d->keys[j], k, len))
			return d->vals[j];
		j = (j + 1) & (d->cap - 1);
	}
	d->keys[j] = xstrndup(k, len);
	d->lens[j] = (uint32_t)len;
	d->vals[j] = (int)d->count;
	d->df = xrealloc(d->df, (d->count + 1) * sizeof(long));
	d->df[d->count] = 0;
	return (int)d->count++;
}

static double dot(const vec *a, const vec *b)
{
	double s = 0;
	size_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		if (a->dim[i] == b->dim[j])
			s += a->w[i++] * b->w[j++];
		else if (a->dim[i] < b->dim[j])
			i++;
		else
			j++;
	}
	return s;
}

static int int_cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

double quotes_clarity(const double *scores, size_t k, size_t t, int rules, int lead,
		      int matched_words, int words, double density_max, quote_clarity *parts)
{
	double total = 0, other = 0;
	for (size_t i = 0; i < k; i++) {
		total += scores[i];
		if (i != t && scores[i] > other)
			other = scores[i];
	}
	double own = scores[t];
	parts->share = total > 0 ? own / total : 0;
	parts->rules = rules >= QUOTES_RULES_FULL ? 1 : (double)rules / QUOTES_RULES_FULL;
	parts->lead = lead ? 1 : 0;
	parts->margin = own > 0 && own > other ? (own - other) / own : 0;
	double density = words > 0 ? (double)matched_words / (double)words : 0;
	parts->density = density_max > 0 ? density / density_max : 0;
	if (parts->density > 1)
		parts->density = 1;
	return QUOTES_P_SHARE * parts->share + QUOTES_P_RULES * parts->rules + QUOTES_P_LEAD * parts->lead +
	       QUOTES_P_MARGIN * parts->margin + QUOTES_P_DENSITY * parts->density;
}

static int in_only(const quote_opts *o, long long id)
{
	if (!o->only)
		return 1;
	return ids_find(o->only, o->nonly, id) >= 0;
}

static void cand_release(cand *x)
{
	free(x->ext);
	free(x->text);
	free(x->group);
	free(x->scores);
	free(x->v.dim);
	free(x->v.w);
	for (int i = 0; i < x->nrules; i++)
		free(x->rules[i]);
	free(x->rules);
	free(x->spans);
	free(x->coder);
}

/* The distinct stems of a text's words (stop words left out) as dictionary dimensions, sorted. */
static size_t text_dims(stemmer *st, dict *d, token_list *tl, const char *text, int **dims,
			size_t *alloc)
{
	stem_trim(st, 1u << 18);
	tokenize(st, text, strlen(text), tl);
	size_t nd = 0;
	for (size_t i = 0; i < tl->n; i++) {
		const token *tk = &tl->v[i];
		if ((tk->kind != TK_WORD && tk->kind != TK_ABBR && tk->kind != TK_NUMBER) ||
		    (tk->flags & TF_STOP))
			continue;
		const word_info *w = stem_word(st, tk->word);
		ALLOC_GROW(*dims, nd + 1, *alloc);
		(*dims)[nd++] = dict_get(d, w->stem, w->stem_len);
	}
	qsort(*dims, nd, sizeof(int), int_cmp);
	return nd;
}

/* What the pass over the answers gathers. */
typedef struct gather {
	reviewer *rv;
	stemmer *st;
	const quote_opts *o;
	theme_quotes *out;
	group_values by;     /* the group variable's values, with o->by */
	dict *d;
	token_list *tl;
	int **dims;
	size_t *dims_alloc;
	cand *c;             /* the candidates, by id */
	size_t n, alloc;
	long considered;     /* answers considered */
} gather;

/* A candidate's evidence of its primary theme, and who confirmed it. */
static void cand_evidence(cand *x, const answer_view *v)
{
	size_t len = strlen(x->text);
	for (size_t i = 0; i < v->nspans; i++) {
		const review_span *sp = &v->spans[i];
		if (sp->theme != x->primary || sp->start >= sp->end || sp->end > len)
			continue; /* another theme's, or a span of another text (replaced since) */
		x->spans = xrealloc(x->spans, (x->nspans + 1) * sizeof(*x->spans));
		x->spans[x->nspans].start = sp->start;
		x->spans[x->nspans].end = sp->end;
		x->nspans++;
		int seen = 0;
		for (int r = 0; r < x->nrules && !seen; r++)
			seen = !strcmp(x->rules[r], sp->rule);
		if (!seen) {
			x->rules = xrealloc(x->rules, ((size_t)x->nrules + 1) * sizeof(char *));
			x->rules[x->nrules++] = xstrdup(sp->rule);
		}
	}
	x->confirmed = v->human[x->primary];
	if (x->confirmed && v->who && v->who[x->primary])
		x->coder = xstrdup(v->who[x->primary]);
}

static int gather_answer(const answer_view *v, void *ctx)
{
	gather *g = ctx;
	if (v->empty || !in_only(g->o, v->id))
		return 0;
	g->considered++;
	if (v->primary < 0) {
		/* not a candidate: its stems count in the document frequencies */
		size_t nd = text_dims(g->st, g->d, g->tl, v->text, g->dims, g->dims_alloc);
		for (size_t i = 0; i < nd; i++)
			if (!i || (*g->dims)[i] != (*g->dims)[i - 1])
				g->d->df[(*g->dims)[i]]++;
		return 0;
	}
	ALLOC_GROW(g->c, g->n + 1, g->alloc);
	cand *x = &g->c[g->n++];
	memset(x, 0, sizeof(*x));
	x->id = v->id;
	x->ext = xstrdup(v->ext_id);
	x->text = xstrdup(v->text);
	x->primary = v->primary;
	x->scores = xcalloc(v->nthemes + 1, sizeof(double));
	for (size_t t = 0; t < v->nthemes; t++) {
		x->scores[t] = v->machine[t] ? v->score[t] : 0;
		/* answers coded with each theme, among the candidates */
		if (v->coded[t])
			g->out[t].coded++;
	}
	if (g->o->by) {
		const char *grp = group_value_of(&g->by, v->id);
		x->group = xstrdup(grp ? grp : "(onbekend)");
	}
	cand_evidence(x, v);
	return 0;
}

int quotes_select(reviewer *rv, stemmer *st, const quote_opts *o, theme_quotes **out, long *answers)
{
	size_t nt = rv->nthemes;
	*out = xcalloc(nt + 1, sizeof(theme_quotes));
	/*
	 * One pass over the answers: every answer considered counts for the
	 * IDF; only the candidates (answers with a primary theme) are kept,
	 * and tokenised once every answer has been read.
	 */
	dict d;
	memset(&d, 0, sizeof(d));
	token_list tl;
	token_list_init(&tl);
	int *dims = NULL;
	size_t dims_alloc = 0;
	gather g;
	memset(&g, 0, sizeof(g));
	g.rv = rv;
	g.st = st;
	g.o = o;
	g.out = *out;
	g.d = &d;
	g.tl = &tl;
	g.dims = &dims;
	g.dims_alloc = &dims_alloc;
	reviewer all = *rv;
	all.blind = 0;
	int rc = o->by ? project_group_values(rv->d, o->by, &g.by) : 0;
	if (rc == 0)
		rc = reviewer_all(&all, VIEW_TEXT | VIEW_EVIDENCE, gather_answer, &g);
	group_values_release(&g.by);
	cand *c = g.c;
	size_t n = g.n;
	long considered = g.considered;

	for (size_t ci = 0; rc == 0 && ci < n; ci++) {
		cand *x = &c[ci];
		/* the stems of the words, stop words left out */
		stem_trim(st, 1u << 18);
		tokenize(st, x->text, strlen(x->text), &tl);
		size_t nd = 0, sp = 0;
		uint32_t clause_end = 0;
		for (size_t i = 0; i < tl.n; i++) {
			const token *tk = &tl.v[i];
			if (tk->clause == 0)
				clause_end = tk->end;
			if (tk->kind != TK_WORD && tk->kind != TK_ABBR && tk->kind != TK_NUMBER)
				continue;
			x->words++;
			/* inside the theme's evidence (spans are by start) */
			while (sp < x->nspans && x->spans[sp].end <= tk->start)
				sp++;
			for (size_t j = sp; j < x->nspans && x->spans[j].start < tk->end; j++)
				if (x->spans[j].end > tk->start) {
					x->matched++;
					break;
				}
			if (tk->flags & TF_STOP)
				continue;
			const word_info *w = stem_word(st, tk->word);
			ALLOC_GROW(dims, nd + 1, dims_alloc);
			dims[nd++] = dict_get(&d, w->stem, w->stem_len);
		}
		x->lead = x->nspans && x->spans[0].start < clause_end;
		qsort(dims, nd, sizeof(int), int_cmp);
		/* term frequencies as (dimension, count) */
		size_t distinct = 0;
		for (size_t i = 0; i < nd; i++)
			distinct += !i || dims[i] != dims[i - 1];
		x->v.dim = xmalloc((distinct + 1) * sizeof(int));
		x->v.w = xmalloc((distinct + 1) * sizeof(double));
		for (size_t i = 0; i < nd;) {
			size_t j = i;
			while (j < nd && dims[j] == dims[i])
				j++;
			x->v.dim[x->v.n] = dims[i];
			x->v.w[x->v.n] = (double)(j - i);
			x->v.n++;
			d.df[dims[i]]++;
			i = j;
		}
	}
	token_list_release(&tl);
	free(dims);
	*answers = considered;
	/* TF-IDF, normalised */
	for (size_t i = 0; i < n; i++) {
		double norm = 0;
		for (size_t k = 0; k < c[i].v.n; k++) {
			c[i].v.w[k] *= log((double)considered / (double)d.df[c[i].v.dim[k]]) + 1e-9;
			norm += c[i].v.w[k] * c[i].v.w[k];
		}
		norm = sqrt(norm);
		for (size_t k = 0; norm > 0 && k < c[i].v.n; k++)
			c[i].v.w[k] /= norm;
	}

	double *centroid = xcalloc(d.count + 1, sizeof(double));
	size_t *pool = xcalloc(n + 1, sizeof(size_t));
	double *rep = xcalloc(n + 1, sizeof(double)), *cosv = xcalloc(n + 1, sizeof(double));
	double *strength = xcalloc(n + 1, sizeof(double)), *clar = xcalloc(n + 1, sizeof(double));
	quote_clarity *parts = xcalloc(n + 1, sizeof(quote_clarity));
	for (size_t t = 0; rc == 0 && t < nt; t++) {
		theme_quotes *tq = &(*out)[t];
		size_t np = 0;
		double maxscore = 0, maxdensity = 0;
		memset(centroid, 0, (d.count + 1) * sizeof(double));
		for (size_t i = 0; i < n; i++)
			if (c[i].primary == (int)t && (!o->reviewed_only || c[i].confirmed)) {
				pool[np++] = i;
				for (size_t k = 0; k < c[i].v.n; k++)
					centroid[c[i].v.dim[k]] += c[i].v.w[k];
				if (c[i].scores[t] > maxscore)
					maxscore = c[i].scores[t];
				double dn = c[i].words ? (double)c[i].matched / c[i].words : 0;
				if (dn > maxdensity)
					maxdensity = dn;
			}
		tq->candidates = np;
		if (!np)
			continue;
		double cn = 0;
		for (size_t k = 0; k < d.count; k++)
			cn += centroid[k] * centroid[k];
		cn = sqrt(cn);
		for (size_t p = 0; p < np; p++) {
			const cand *x = &c[pool[p]];
			double dp = 0;
			for (size_t k = 0; k < x->v.n; k++)
				dp += x->v.w[k] * centroid[x->v.dim[k]];
			cosv[p] = cn > 0 ? dp / cn : 0;
			strength[p] = maxscore > 0 ? x->scores[t] / maxscore : 0;
			clar[p] = quotes_clarity(x->scores, nt, t, x->nrules, x->lead, x->matched, x->words,
						 maxdensity, &parts[p]);
			rep[p] = QUOTES_W_CLARITY * clar[p] + QUOTES_W_COSINE * cosv[p] +
				 QUOTES_W_STRENGTH * strength[p];
		}
		/* the length window; when it holds none, the nearest lengths */
		int *ok = xcalloc(np + 1, sizeof(int));
		size_t inside = 0;
		for (size_t p = 0; p < np; p++) {
			int w = c[pool[p]].words;
			ok[p] = w >= o->min_words && w <= o->max_words;
			inside += ok[p];
		}
		if (!inside) {
			tq->fallback = 1;
			int best = -1;
			for (size_t p = 0; p < np; p++) {
				int w = c[pool[p]].words;
				int dist = w < o->min_words ? o->min_words - w : w - o->max_words;
				if (best < 0 || dist < best)
					best = dist;
			}
			for (size_t p = 0; p < np; p++) {
				int w = c[pool[p]].words;
				int dist = w < o->min_words ? o->min_words - w : w - o->max_words;
				ok[p] = dist <= best + 20; /* the nearest, and those not much further */
			}
		}
		/* groups, for balancing */
		char **groups = NULL;
		size_t ng = 0;
		if (o->by)
			for (size_t p = 0; p < np; p++) {
				size_t g;
				for (g = 0; g < ng && strcmp(groups[g], c[pool[p]].group); g++)
					;
				if (g == ng) {
					groups = xrealloc(groups, (ng + 1) * sizeof(char *));
					groups[ng++] = c[pool[p]].group;
				}
			}
		for (size_t a = 1; a < ng; a++) /* sorted, for a fixed turn order */
			for (size_t b = a; b > 0 && strcmp(groups[b - 1], groups[b]) > 0; b--) {
				char *tmp = groups[b];
				groups[b] = groups[b - 1];
				groups[b - 1] = tmp;
			}
		size_t turn = 0;
		size_t *chosen = xcalloc(np + 1, sizeof(size_t)); /* at most np are chosen */
		while ((int)tq->n < o->k) {
			const char *want = ng ? groups[turn % ng] : NULL;
			size_t best = np;
			double best_mmr = 0, best_red = 0;
			for (int pass = 0; pass < 2 && best == np; pass++) {
				for (size_t p = 0; p < np; p++) {
					if (!ok[p] || (want && pass == 0 && strcmp(c[pool[p]].group, want)))
						continue;
					/* redundancy: the highest cosine to a quote already chosen */
					double red = 0;
					for (size_t q = 0; q < tq->n; q++) {
						double sim = dot(&c[pool[p]].v, &c[pool[chosen[q]]].v);
						if (sim > red)
							red = sim;
					}
					double mmr = QUOTES_LAMBDA * rep[p] - (1 - QUOTES_LAMBDA) * red;
					if (best == np || mmr > best_mmr + 1e-12) {
						best = p;
						best_mmr = mmr;
						best_red = red;
					}
				}
			}
			turn++;
			if (best == np) {
				if (ng && turn < ng * (size_t)(o->k + 1))
					continue;
				break;
			}
			ok[best] = 0;
			chosen[tq->n] = best;
			tq->q = xrealloc(tq->q, (tq->n + 1) * sizeof(quote));
			quote *qq = &tq->q[tq->n++];
			memset(qq, 0, sizeof(*qq));
			cand *x = &c[pool[best]];
			qq->id = x->id;
			qq->ext_id = xstrdup(x->ext);
			qq->text = xstrdup(x->text);
			qq->group = x->group ? xstrdup(x->group) : NULL;
			qq->words = x->words;
			qq->parts = parts[best];
			qq->clarity = clar[best];
			qq->cosine = cosv[best];
			qq->strength = strength[best];
			qq->rep = rep[best];
			qq->redundancy = best_red;
			qq->mmr = best_mmr;
			qq->confirmed = x->confirmed;
			qq->coder = x->coder ? xstrdup(x->coder) : NULL;
			if (x->nspans) {
				qq->spans = xmalloc(x->nspans * sizeof(*qq->spans));
				memcpy(qq->spans, x->spans, x->nspans * sizeof(*qq->spans));
				qq->nspans = x->nspans;
			}
		}
		free(chosen);
		free(groups);
		free(ok);
	}
	free(centroid);
	free(pool);
	free(rep);
	free(cosv);
	free(strength);
	free(clar);
	free(parts);
	for (size_t i = 0; i < n; i++)
		cand_release(&c[i]);
	free(c);
	for (size_t i = 0; i < d.cap; i++)
		free(d.keys[i]);
	free(d.keys);
	free(d.lens);
	free(d.vals);
	free(d.df);
	return rc;
}

void quotes_release(theme_quotes *tq, size_t nthemes)
{
	if (!tq)
		return;
	for (size_t t = 0; t < nthemes; t++) {
		for (size_t i = 0; i < tq[t].n; i++) {
			free(tq[t].q[i].ext_id);
			free(tq[t].q[i].text);
			free(tq[t].q[i].group);
			free(tq[t].q[i].coder);
			free(tq[t].q[i].spans);
		}
		free(tq[t].q);
	}
	free(tq);
}

int quotes_queue(reviewer *rv, stemmer *st, const quote_opts *o, const char *theme,
		 long long **ids, int **theme_of, int **confirmed, size_t *n)
{
	theme_quotes *tq = NULL;
	long answers;
	if (quotes_select(rv, st, o, &tq, &answers))
		return -1;
	size_t total = 0;
	for (size_t t = 0; t < rv->nthemes; t++)
		total += tq[t].n;
	free(*ids);
	*ids = xcalloc(total + 1, sizeof(long long));
	*theme_of = xrealloc(*theme_of, (total + 1) * sizeof(int));
	*confirmed = xrealloc(*confirmed, (total + 1) * sizeof(int));
	*n = 0;
	for (size_t t = 0; t < rv->nthemes; t++) {
		if (theme && strcmp(theme, rv->keys[t]))
			continue;
		for (size_t i = 0; i < tq[t].n; i++) {
			(*ids)[*n] = tq[t].q[i].id;
			(*theme_of)[*n] = (int)t;
			(*confirmed)[*n] = tq[t].q[i].confirmed;
			(*n)++;
		}
	}
	quotes_release(tq, rv->nthemes);
	return 0;
}

int quotes_order(const reviewer *rv, const theme_quotes *tq, const char *order, int *out)
{
	size_t nt = rv->nthemes, k = 0;
	unsigned char *used = xcalloc(nt + 1, 1);
	if (order) {
		char *copy = xstrdup(order), *save = NULL;
		for (char *key = strtok_r(copy, ", ", &save); key; key = strtok_r(NULL, ", ", &save)) {
			int t = reviewer_theme(rv, key);
			if (t < 0) {
				error("--order: unknown theme '%s'", key);
				free(copy);
				free(used);
				return -1;
			}
			if (!used[t]) {
				out[k++] = t;
				used[t] = 1;
			}
		}
		free(copy);
	}
	/* the themes not named follow by frequency, then in theme order */
	while (k < nt) {
		size_t best = nt;
		for (size_t t = 0; t < nt; t++)
			if (!used[t] && (best == nt || tq[t].coded > tq[best].coded))
				best = t;
		out[k++] = (int)best;
		used[best] = 1;
	}
	free(used);
	return 0;
}

int quotes_appendix(reviewer *rv, const char *lex_dir, const quote_opts *o, const theme_quotes *tq,
		    const int *order, long answers, const quotes_doc *qd, strbuf *out)
{
	appendix_theme *at = xcalloc(rv->nthemes + 1, sizeof(*at));
	size_t nat = 0;
	for (size_t i = 0; i < rv->nthemes; i++) {
		int t = order[i];
		if (qd->only_theme && strcmp(qd->only_theme, rv->keys[t]))
			continue;
		at[nat++] = (appendix_theme){ rv->keys[t], rv->labels[t], tq[t].coded, tq[t].candidates,
					      tq[t].fallback, tq[t].q, tq[t].n };
	}
	strbuf chart;
	sb_init(&chart);
	if (qd->html) {
		crosstab x;
		const char *by = o->by;
		if (crosstab_build(&x, rv->d, lex_dir, &by, by ? 1 : 0, qd->lang) == 0)
			chart_svg(&x, &chart);
		crosstab_release(&x);
	}
	char now[24], hash[16];
	long long run;
	db_now(now);
	project_latest_run(rv->d, &run, hash);
	/* the open question, as the survey's export or .sav named it */
	char *question = project_question(rv->d);
	appendix_doc doc = {
		.title = qd->title ? qd->title
				   : L(qd->lang, "Bijlage: citaten per thema", "Appendix: quotes by theme"),
		.lang = qd->lang,
		.question = question,
		.html = qd->html,
		.answers = answers,
		.themes = at,
		.nthemes = nat,
		.chart = chart.len ? chart.buf : NULL,
		.min_words = o->min_words,
		.max_words = o->max_words,
		.by_group = o->by != NULL,
		.reviewed_only = o->reviewed_only,
		.no_scrub = qd->no_scrub,
		.version = qd->version,
		.lexicon = hash,
		.run = run,
		.now = now,
	};
	scrubber *sc = qd->no_scrub ? NULL : scrub_new();
	int rc = -1;
	if (sc || qd->no_scrub) {
		appendix_render(&doc, sc, out);
		rc = 0;
	}
	scrub_free(sc);
	sb_release(&chart);
	free(question);
	free(at);
	return rc;
}
