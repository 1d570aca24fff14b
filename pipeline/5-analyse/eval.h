/*
 * eval: agreement between two codings of the same answers, and what a
 * lexicon writer needs to see behind it.
 *
 * A coding is a 0/1 matrix of answers by themes, a primary theme per
 * answer and whether the rater coded the answer at all. eval_compare()
 * gives per theme the 2 x 2 counts, precision, recall, F1, Cohen's kappa
 * and Krippendorff's alpha with bootstrap intervals (the same resamples for
 * every theme), micro and macro F1, and the primary theme's accuracy, kappa,
 * alpha and confusion matrix. eval_rules() gives each lexicon rule's hits
 * against a reference coding. Pure computation: no database, no printing.
 */
#ifndef QCODE_EVAL_H
#define QCODE_EVAL_H

#include <stddef.h>

/* One rater's coding of n answers on k themes (caller-owned, see eval_coding_init). */
typedef struct eval_coding {
	const char *name;      /* as printed: "gold.csv", "machine", a coder's name (borrowed) */
	unsigned char *codes;  /* codes[u * k + t]: 1 when the rater gave answer u theme t */
	int *primary;          /* primary[u]: theme index, or -1 for none */
	unsigned char *has;    /* has[u]: 1 when the rater coded answer u at all */
} eval_coding;

/* Zeroed arrays for n answers and k themes, every primary -1. */
void eval_coding_init(eval_coding *c, const char *name, size_t n, size_t k);
void eval_coding_release(eval_coding *c);

/* One theme's agreement (NaN where undefined). */
typedef struct eval_theme {
	double tp, fp, fn, tn;          /* the 2 x 2 counts, reference first */
	double precision, recall, f1;
	double kappa, alpha;            /* Cohen's kappa, Krippendorff's alpha (nominal) */
	double f1_lo, f1_hi;            /* 95% bootstrap interval of F1 */
	double kappa_lo, kappa_hi;      /* 95% bootstrap interval of kappa */
} eval_theme;

typedef struct eval_result {
	size_t k;                  /* themes */
	size_t *units;             /* the answers compared, in order */
	size_t nunits;
	eval_theme *themes;        /* k of them */
	double micro_precision, micro_recall, micro_f1;
	double macro_f1;           /* mean F1 over the themes where it is defined */
	int macro_n;               /* how many */
	size_t with_primary;       /* compared answers with a reference primary */
	size_t primary_right;      /* of those, where both primaries agree */
	double primary_accuracy;
	double primary_kappa;      /* over every compared answer, "none" a category */
	double primary_alpha;
	long *confusion;           /* (k + 1) x (k + 1): rows reference, columns other, k = none */
	long boot;                 /* resamples drawn */
} eval_result;

/*
 * Compare coding b against the reference a over the answers both coded
 * and, when include is not NULL, with include[u] set. boot resamples
 * (0 for none) are drawn with seed. Returns 0, or -1 when fewer than two
 * answers can be compared (r is then empty but may be released).
 */
int eval_compare(const eval_coding *a, const eval_coding *b, size_t n, size_t k,
		 const unsigned char *include, long boot, unsigned long seed, eval_result *r);
void eval_result_release(eval_result *r);

/* One piece of evidence: rule `rule` of theme `theme` matched in answer `unit`. */
typedef struct eval_hit {
	size_t unit;
	int theme;
	int rule;
} eval_hit;

/* A rule's record against the reference coding. */
typedef struct eval_rule {
	int theme;        /* theme index */
	int rule;         /* rule index within the theme */
	long hits;        /* compared answers it matched in */
	long tp, fp;      /* of those, with and without the theme in the reference */
	long sole;        /* answers where it was the theme's only matched rule */
	long sole_fp;     /* of those, without the theme in the reference */
	size_t example;   /* the first answer it matched in without the theme in the
			     reference, or (size_t)-1 */
	double precision; /* tp / hits, NaN without hits */
} eval_rule;

/*
 * Every rule (nrules[t] of theme t) with its record over the answers with
 * compared[u] set, from hits (duplicates count once). Returned sorted
 * noisiest first: most false positives, then lowest precision, then the
 * theme and rule order; rules without hits last. The caller frees the array.
 */
eval_rule *eval_rules(const eval_coding *ref, size_t n, size_t k, const size_t *nrules,
		      const eval_hit *hits, size_t nhits, const unsigned char *compared);

#endif
