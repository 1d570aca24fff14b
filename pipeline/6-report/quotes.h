/*
 * quotes: representative quotes per theme, chosen by a documented method.
 *
 * Candidates for theme T are the non-empty answers whose effective primary
 * theme (after review) is T, so an answer is quoted under one theme only.
 * Each candidate gets three scores in [0, 1]:
 *
 *   clarity: how squarely the answer is about T, the mean of five parts --
 *     share    T's machine score / the sum of its scores for every theme;
 *     rules    distinct rules of T that matched, 1/3 each, at most 1;
 *     lead     1 when T's evidence starts in the answer's first clause;
 *     margin   (T's score - the runner-up's) / T's score, at least 0;
 *     density  words matched for T per word, / the highest among T's
 *              candidates (so that a long answer with one passing
 *              mention loses to a short one that is squarely about T);
 *   cosine: of the answer's TF-IDF vector of stems (stop words left out,
 *     IDF over all answers) to the centroid of T's candidates;
 *   strength: T's machine score / the highest among T's candidates.
 *
 * Score = QUOTES_W_CLARITY x clarity + QUOTES_W_COSINE x cosine +
 * QUOTES_W_STRENGTH x strength (the weights add up to 1). Quotes are picked
 * by maximal marginal relevance: lambda x score - (1 - lambda) x the highest
 * cosine to a quote already chosen, lambda = QUOTES_LAMBDA, so no two
 * quotes say the same thing. Answers outside the length window are passed
 * over; when none is inside, the nearest lengths are taken. With a group
 * variable the picks go round the groups in turn. Ties go to the answer
 * imported first. Deterministic.
 *
 * A quote is confirmed when a human has decided or accepted its theme
 * (the theme's effective code comes from a decision); reviewed_only keeps
 * only confirmed candidates.
 */
#ifndef QCODE_QUOTES_H
#define QCODE_QUOTES_H

#include <stddef.h>

#include "review.h"
#include "stem.h"

#define QUOTES_W_CLARITY 0.5
#define QUOTES_W_COSINE 0.3
#define QUOTES_W_STRENGTH 0.2
#define QUOTES_LAMBDA 0.7
/* rules: distinct rules matched that give the full part */
#define QUOTES_RULES_FULL 3
/* the weights of clarity's parts (they add up to 1: the mean) */
#define QUOTES_P_SHARE 0.2
#define QUOTES_P_RULES 0.2
#define QUOTES_P_LEAD 0.2
#define QUOTES_P_MARGIN 0.2
#define QUOTES_P_DENSITY 0.2

typedef struct quote_opts {
	int k;                   /* quotes per theme */
	int min_words;           /* length window, in words */
	int max_words;
	const char *by;          /* group variable to balance over, or NULL */
	int reviewed_only;       /* only answers whose theme a human decided or accepted */
	const long long *only;   /* when not NULL: the answers (database ids, ascending) to choose from */
	size_t nonly;
} quote_opts;

/* The parts of clarity, each in [0, 1]. */
typedef struct quote_clarity {
	double share;
	double rules;
	double lead;
	double margin;
	double density;
} quote_clarity;

/* A span of the answer that is evidence for the quote's theme. */
typedef struct quote_span {
	unsigned start, end;     /* byte span in the text */
} quote_span;

typedef struct quote {
	long long id;            /* database id */
	char *ext_id;            /* survey id */
	char *text;              /* the answer, as stored (not yet scrubbed) */
	char *group;             /* its group (with by), else NULL */
	int words;               /* its length in words */
	quote_clarity parts;     /* the parts of clarity */
	double clarity;          /* their mean */
	double cosine;           /* to the theme's centroid */
	double strength;         /* machine score / the highest among the candidates */
	double rep;              /* the score */
	double redundancy;       /* highest cosine to an earlier quote */
	double mmr;              /* the score it was picked with */
	int confirmed;           /* a human decided or accepted the theme */
	char *coder;             /* who last did (confirmed quotes), else NULL */
	quote_span *spans;       /* the theme's evidence, by start */
	size_t nspans;
} quote;

typedef struct theme_quotes {
	quote *q;                /* the quotes, in the order picked */
	size_t n;
	size_t candidates;       /* answers with this primary theme (confirmed ones with reviewed_only) */
	long coded;              /* answers coded with the theme at all */
	int fallback;            /* none in the window: the nearest lengths taken */
} theme_quotes;

/*
 * Choose quotes for every theme of rv (out[t] for theme t; release with
 * quotes_release). st is a word table for the stems. *answers gets the
 * number of answers considered. Returns 0, or -1 after reporting.
 */
int quotes_select(reviewer *rv, stemmer *st, const quote_opts *o, theme_quotes **out,
		  long *answers);
void quotes_release(theme_quotes *tq, size_t nthemes);

/*
 * The quotes queue of review: the current candidates of every theme (or
 * only of theme, when not NULL), in theme order, k per theme as o says.
 * Replaces *ids, *theme_of (the theme each is a candidate for) and
 * *confirmed (a human decided or accepted that theme), all with *n
 * places, freeing what they held; the caller frees them. Returns 0, or -1
 * after reporting.
 */
int quotes_queue(reviewer *rv, stemmer *st, const quote_opts *o, const char *theme,
		 long long **ids, int **theme_of, int **confirmed, size_t *n);

/*
 * The themes in the order the appendix shows them: those named in order
 * (keys separated by commas or spaces; NULL for none) first, then the
 * rest by how many answers are coded with them (tq[t].coded), most first.
 * Fills out[0..rv->nthemes). Returns 0, or -1 after reporting an unknown
 * key ("--order: unknown theme 'KEY'").
 */
int quotes_order(const reviewer *rv, const theme_quotes *tq, const char *order, int *out);

/* What the appendix says of itself, beside the quotes. */
typedef struct quotes_doc {
	const char *title;       /* the document's title, or NULL for the language's own */
	int html;                /* 1: HTML (with the chart of o->by), 0: Markdown */
	int lang;                /* enum lang */
	int no_scrub;            /* personal data left in */
	const char *version;     /* qcode's version */
	const char *only_theme;  /* one theme's section only, or NULL */
} quotes_doc;

/*
 * The quote appendix of quotes_select's tq (answers considered), the
 * themes in order (quotes_order's), as appendix_render writes it, with
 * the latest run, its lexicon hash and the open question's text from the
 * project: appended to out. Returns 0, or -1 after reporting (the
 * scrubber could not start).
 */
int quotes_appendix(reviewer *rv, const char *lex_dir, const quote_opts *o, const theme_quotes *tq,
		    const int *order, long answers, const quotes_doc *qd, strbuf *out);

/*
 * The clarity parts of one candidate, from its machine scores for every
 * theme (scores[k], 0 where not coded), the theme t, the distinct rules of
 * t that matched, whether t's evidence starts in the first clause, the
 * words matched for t and the answer's words; density_max is the highest
 * density among t's candidates (density is divided by it). Fills parts and
 * returns the clarity (their mean).
 */
double quotes_clarity(const double *scores, size_t k, size_t t, int rules, int lead,
		      int matched_words, int words, double density_max, quote_clarity *parts);

#endif
