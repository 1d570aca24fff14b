/*
 * keyness: which words set a group of answers apart from the rest. The
 * answers are tokenised once into bags of content words (Snowball stems,
 * no stop words, no stems under three letters); Dunning's log-likelihood
 * (stats_loglik) then ranks every word for any split of the answers into a
 * target group and the rest -- the answers of a theme, say. Used by
 * `qcode suggest` and by `qcode eval --missed`.
 */
#ifndef QCODE_KEYNESS_H
#define QCODE_KEYNESS_H

#include <stddef.h>

#include "stem.h"
#include "token.h"
#include "util.h"

typedef struct kw_corpus {
	char **stems;       /* distinct words, by id */
	char **examples;    /* the first surface form seen of each */
	size_t nwords;
	size_t words_alloc;
	int **bags;         /* per answer: the word ids of its content tokens, in text order */
	size_t *bag_len;
	size_t ndocs;
	size_t docs_alloc;
	strmap index;       /* stem -> id (keys are stems[]) */
	token_list tl;      /* scratch */
} kw_corpus;

void kw_corpus_init(kw_corpus *c);
void kw_corpus_release(kw_corpus *c);

/*
 * Add one answer (valid UTF-8) as the next document; st is the word table
 * to tokenise with (it is trimmed between answers when it grows large).
 * Returns the document's number.
 */
size_t kw_corpus_add(kw_corpus *c, stemmer *st, const char *text, size_t len);

/*
 * Keyness of every word for the documents with in[d] set against the
 * others, over the documents with use[d] set (NULL: all). Fills g2[w]
 * (negative when the word is rarer in the target than elsewhere) and, when
 * not NULL, tin[w] and tout[w], the word's tokens in the target and in the
 * rest; *nin and *nout, when not NULL, get the target's and the rest's
 * token totals. Arrays have c->nwords entries.
 */
void kw_keyness(const kw_corpus *c, const unsigned char *in, const unsigned char *use,
		double *g2, long *tin, long *tout, double *nin, double *nout);

#endif
