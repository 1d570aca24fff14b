/*
 * quotes: selection of representative quotes (see quotes.h).
 */
#include "quotes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	double score;     /* machine score for its primary */
	int words;
	vec v;
} cand;

/* stem -> dimension */
typedef struct dict {
	char **keys;
	int *vals;
	size_t n, cap, count;
	long *df;         /* document frequency per dimension */
} dict;

static int dict_get(dict *d, const char *k, size_t len)
{
	if ((d->count + 1) * 2 > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		char **keys = xcalloc(cap, sizeof(char *));
		int *vals = xcalloc(cap, sizeof(int));
		for (size_t i = 0; i < d->cap; i++)
			if (d->keys[i]) {
				size_t j = hash_bytes(d->keys[i], strlen(d->keys[i])) & (cap - 1);
				while (keys[j])
					j = (j + 1) & (cap - 1);
				keys[j] = d->keys[i];
				vals[j] = d->vals[i];
			}
		free(d->keys);
		free(d->vals);
		d->keys = keys;
		d->vals = vals;
		d->cap = cap;
	}
	size_t j = hash_bytes(k, len) & (d->cap - 1);
	while (d->keys[j]) {
		if (strlen(d->keys[j]) == len && !memcmp(d->keys[j], k, len))
			return d->vals[j];
		j = (j + 1) & (d->cap - 1);
	}
	d->keys[j] = xstrndup(k, len);
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

int quotes_select(reviewer *rv, stemmer *st, const quote_opts *o, theme_quotes **out, long *answers)
{
	size_t nt = rv->nthemes;
	*out = xcalloc(nt + 1, sizeof(theme_quotes));
	sqlite3_stmt *s = db_prepare(rv->d,
		"WITH p AS (SELECT answer_id, theme FROM effective_primary)"
		" SELECT a.id, a.ext_id, a.text, p.theme, m.score,"
		" (SELECT v.value FROM attributes v WHERE v.answer_id = a.id AND v.name = ?1)"
		" FROM answers a LEFT JOIN p ON p.answer_id = a.id"
		" LEFT JOIN machine_codes m ON m.answer_id = a.id AND m.theme = p.theme"
		" WHERE a.empty = 0 ORDER BY a.id");
	sqlite3_stmt *cnt = db_prepare(rv->d, "SELECT theme, count(*) FROM effective_codes GROUP BY theme");
	if (!s || !cnt) {
		sqlite3_finalize(s);
		sqlite3_finalize(cnt);
		return -1;
	}
	while (sqlite3_step(cnt) == SQLITE_ROW) {
		int t = reviewer_theme(rv, (const char *)sqlite3_column_text(cnt, 0));
		if (t >= 0)
			(*out)[t].coded = sqlite3_column_int(cnt, 1);
	}
	sqlite3_finalize(cnt);
	if (o->by)
		sqlite3_bind_text(s, 1, o->by, -1, SQLITE_STATIC);

	cand *c = NULL;
	size_t n = 0, alloc = 0;
	dict d;
	memset(&d, 0, sizeof(d));
	token_list tl;
	token_list_init(&tl);
	int *dims = NULL;
	size_t dims_alloc = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(c, n + 1, alloc);
		cand *x = &c[n++];
		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(s, 0);
		x->ext = xstrdup((const char *)sqlite3_column_text(s, 1));
		x->text = xstrdup((const char *)sqlite3_column_text(s, 2));
		x->primary = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1
			     : reviewer_theme(rv, (const char *)sqlite3_column_text(s, 3));
		x->score = sqlite3_column_double(s, 4);
		if (o->by)
			x->group = xstrdup(sqlite3_column_type(s, 5) == SQLITE_NULL ? "(onbekend)"
					   : (const char *)sqlite3_column_text(s, 5));
		/* the stems of the words, stop words left out */
		stem_trim(st, 1u << 18);
		tokenize(st, x->text, strlen(x->text), &tl);
		size_t nd = 0;
		for (size_t i = 0; i < tl.n; i++) {
			if (tl.v[i].kind != TK_WORD && tl.v[i].kind != TK_ABBR && tl.v[i].kind != TK_NUMBER)
				continue;
			x->words++;
			if (tl.v[i].flags & TF_STOP)
				continue;
			const word_info *w = stem_word(st, tl.v[i].word);
			ALLOC_GROW(dims, nd + 1, dims_alloc);
			dims[nd++] = dict_get(&d, w->stem, w->stem_len);
		}
		qsort(dims, nd, sizeof(int), int_cmp);
		/* term frequencies as (dimension, count) */
		for (size_t i = 0; i < nd;) {
			size_t j = i;
			while (j < nd && dims[j] == dims[i])
				j++;
			x->v.dim = xrealloc(x->v.dim, (x->v.n + 1) * sizeof(int));
			x->v.w = xrealloc(x->v.w, (x->v.n + 1) * sizeof(double));
			x->v.dim[x->v.n] = dims[i];
			x->v.w[x->v.n] = (double)(j - i);
			x->v.n++;
			d.df[dims[i]]++;
			i = j;
		}
	}
	sqlite3_finalize(s);
	token_list_release(&tl);
	free(dims);
	*answers = (long)n;
	/* TF-IDF, normalised */
	for (size_t i = 0; i < n; i++) {
		double norm = 0;
		for (size_t k = 0; k < c[i].v.n; k++) {
			c[i].v.w[k] *= log((double)n / (double)d.df[c[i].v.dim[k]]) + 1e-9;
			norm += c[i].v.w[k] * c[i].v.w[k];
		}
		norm = sqrt(norm);
		for (size_t k = 0; norm > 0 && k < c[i].v.n; k++)
			c[i].v.w[k] /= norm;
	}

	double *centroid = xcalloc(d.count + 1, sizeof(double));
	size_t *pool = xcalloc(n + 1, sizeof(size_t));
	double *rep = xcalloc(n + 1, sizeof(double)), *cosv = xcalloc(n + 1, sizeof(double));
	double *strength = xcalloc(n + 1, sizeof(double));
	for (size_t t = 0; t < nt; t++) {
		theme_quotes *tq = &(*out)[t];
		size_t np = 0;
		double maxscore = 0;
		memset(centroid, 0, (d.count + 1) * sizeof(double));
		for (size_t i = 0; i < n; i++)
			if (c[i].primary == (int)t) {
				pool[np++] = i;
				for (size_t k = 0; k < c[i].v.n; k++)
					centroid[c[i].v.dim[k]] += c[i].v.w[k];
				if (c[i].score > maxscore)
					maxscore = c[i].score;
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
			strength[p] = maxscore > 0 ? x->score / maxscore : 0;
			rep[p] = (1 - QUOTES_STRENGTH) * cosv[p] + QUOTES_STRENGTH * strength[p];
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
			const cand *x = &c[pool[best]];
			qq->id = x->id;
			qq->ext_id = xstrdup(x->ext);
			qq->text = xstrdup(x->text);
			qq->group = x->group ? xstrdup(x->group) : NULL;
			qq->words = x->words;
			qq->cosine = cosv[best];
			qq->strength = strength[best];
			qq->rep = rep[best];
			qq->redundancy = best_red;
			qq->mmr = best_mmr;
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
	for (size_t i = 0; i < n; i++) {
		free(c[i].ext);
		free(c[i].text);
		free(c[i].group);
		free(c[i].v.dim);
		free(c[i].v.w);
	}
	free(c);
	for (size_t i = 0; i < d.cap; i++)
		free(d.keys[i]);
	free(d.keys);
	free(d.vals);
	free(d.df);
	return 0;
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
		}
		free(tq[t].q);
	}
	free(tq);
}
