/*
 * quotes: representative quotes per theme, chosen by a documented method.
 *
 * Candidates for theme T are the non-empty answers whose effective primary
 * theme (after review) is T, so an answer is quoted under one theme only.
 * Each answer is a TF-IDF vector of its stems (stop words left out, IDF
 * over all answers). Representativeness = (1 - w) * cosine to the centroid
 * of T's answers + w * coding strength (machine score / the highest of T's
 * candidates), w = QUOTES_STRENGTH. Quotes are then picked by maximal
 * marginal relevance: lambda * representativeness - (1 - lambda) * the
 * highest cosine to a quote already chosen, lambda = QUOTES_LAMBDA, so no
 * two quotes say the same thing. Answers outside the length window are
 * passed over; when none is inside, the nearest lengths are taken. With a
 * group variable the picks go round the groups in turn. Ties go to the
 * answer imported first. Deterministic.
 */
#ifndef QCODE_QUOTES_H
#define QCODE_QUOTES_H

#include <stddef.h>

#include "review.h"
#include "stem.h"

#define QUOTES_STRENGTH 0.3
#define QUOTES_LAMBDA 0.7

typedef struct quote_opts {
	int k;               /* quotes per theme */
	int min_words;       /* length window, in words */
	int max_words;
	const char *by;      /* group variable to balance over, or NULL */
} quote_opts;

typedef struct quote {
	long long id;        /* database id */
	char *ext_id;        /* survey id */
	char *text;          /* the answer, as stored (not yet scrubbed) */
	char *group;         /* its group (with by), else NULL */
	int words;           /* its length in words */
	double cosine;       /* to the theme's centroid */
	double strength;     /* machine score / the highest among the candidates */
	double rep;          /* representativeness */
	double redundancy;   /* highest cosine to an earlier quote */
	double mmr;          /* the score it was picked with */
} quote;

typedef struct theme_quotes {
	quote *q;            /* the quotes, in the order picked */
	size_t n;
	size_t candidates;   /* answers with this primary theme */
	long coded;          /* answers coded with the theme at all */
	int fallback;        /* none in the window: the nearest lengths taken */
} theme_quotes;

/*
 * Choose quotes for every theme of rv (out[t] for theme t; release with
 * quotes_release). st is a word table for the stems. Returns 0, or -1
 * after reporting.
 */
int quotes_select(reviewer *rv, stemmer *st, const quote_opts *o, theme_quotes **out,
		  long *answers);
void quotes_release(theme_quotes *tq, size_t nthemes);

#endif
