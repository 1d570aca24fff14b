/*
 * keyness: bags of content words and log-likelihood keyness (see keyness.h).
 */
#include "keyness.h"

#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* Trim the word table when it holds more forms than this (between answers). */
#define KW_TRIM 200000

void kw_corpus_init(kw_corpus *c)
{
	memset(c, 0, sizeof(*c));
	strmap_init(&c->index, 1024);
	token_list_init(&c->tl);
}

void kw_corpus_release(kw_corpus *c)
{
	if (!c)
		return;
	for (size_t w = 0; w < c->nwords; w++) {
		free(c->stems[w]);
		free(c->examples[w]);
	}
	for (size_t d = 0; d < c->ndocs; d++)
		free(c->bags[d]);
	free(c->stems);
	free(c->examples);
	free(c->bags);
	free(c->bag_len);
	strmap_release(&c->index);
	token_list_release(&c->tl);
	memset(c, 0, sizeof(*c));
}

size_t kw_corpus_add(kw_corpus *c, stemmer *st, const char *text, size_t len)
{
	stem_trim(st, KW_TRIM);
	tokenize(st, text, len, &c->tl);
	int *bag = xmalloc((c->tl.n + 1) * sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < c->tl.n; i++) {
		const token *tk = &c->tl.v[i];
		const word_info *w = stem_word(st, tk->word);
		if (tk->kind != TK_WORD || (tk->flags & TF_STOP) || w->stem_len < 3)
			continue;
		int id = strmap_get(&c->index, w->stem, w->stem_len);
		if (id < 0) {
			if (c->nwords == c->words_alloc) {
				c->words_alloc = c->words_alloc ? c->words_alloc * 2 : 256;
				c->stems = xrealloc(c->stems, c->words_alloc * sizeof(*c->stems));
				c->examples = xrealloc(c->examples, c->words_alloc * sizeof(*c->examples));
			}
			id = (int)c->nwords++;
			c->stems[id] = xstrndup(w->stem, w->stem_len);
			c->examples[id] = xstrndup(text + tk->start, tk->end - tk->start);
			strmap_put(&c->index, c->stems[id], id);
		}
		bag[n++] = id;
	}
	if (c->ndocs == c->docs_alloc) {
		c->docs_alloc = c->docs_alloc ? c->docs_alloc * 2 : 256;
		c->bags = xrealloc(c->bags, c->docs_alloc * sizeof(*c->bags));
		c->bag_len = xrealloc(c->bag_len, c->docs_alloc * sizeof(*c->bag_len));
	}
	c->bags[c->ndocs] = bag;
	c->bag_len[c->ndocs] = n;
	return c->ndocs++;
}

void kw_keyness(const kw_corpus *c, const unsigned char *in, const unsigned char *use,
		double *g2, long *tin, long *tout, double *nin, double *nout)
{
	long *a = xcalloc(c->nwords + 1, sizeof(long)), *b = xcalloc(c->nwords + 1, sizeof(long));
	double na = 0, nb = 0;
	for (size_t d = 0; d < c->ndocs; d++) {
		if (use && !use[d])
			continue;
		long *cnt = in[d] ? a : b;
		for (size_t i = 0; i < c->bag_len[d]; i++)
			cnt[c->bags[d][i]]++;
		*(in[d] ? &na : &nb) += (double)c->bag_len[d];
	}
	for (size_t w = 0; w < c->nwords; w++) {
		double g = (a[w] || b[w]) ? stats_loglik((double)a[w], (double)b[w], na, nb) : 0;
		/* under-represented in the target: negative */
		if ((double)a[w] * (nb ? nb : 1) < (double)b[w] * (na ? na : 1))
			g = -g;
		g2[w] = g;
		if (tin)
			tin[w] = a[w];
		if (tout)
			tout[w] = b[w];
	}
	if (nin)
		*nin = na;
	if (nout)
		*nout = nb;
	free(a);
	free(b);
}
