/*
 * match: applies a compiled lexicon set to one answer at a time.
 *
 * Per answer: one pass over the tokens, each token's word form resolved
 * to the atoms it satisfies through the word table's cache (so each
 * distinct word form is tested against the lexicons once), then phrases,
 * proximity rules, regexes, vetoes and negation. The result lists every
 * theme's score, the primary theme and the evidence.
 *
 * Scoring: a theme's score is the sum of the weights of its distinct
 * rules that matched at least once; the theme is coded when the score is
 * positive and reaches its %min-score. The primary theme has the highest
 * rank: the score in which rules matched in the answer's first clause count
 * MATCH_LEAD_BONUS times (respondents name their main cause first); ties
 * go to the theme whose first evidence comes earliest in the text, then to
 * the key that sorts first.
 */
#ifndef QCODE_MATCH_H
#define QCODE_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "token.h"

typedef struct evidence {
	int theme;      /* theme index */
	int rule;       /* rule index within the theme */
	uint32_t start; /* byte span in the original answer */
	uint32_t end;
} evidence;

/* Weight of rules matched in the first clause, for choosing the primary theme. */
#define MATCH_LEAD_BONUS 1.5

typedef struct theme_score {
	double score;    /* sum of the weights of distinct matched rules */
	double rank;     /* the score with the first-clause bonus (primary theme) */
	uint32_t first;  /* start of its earliest evidence */
	int coded;       /* 1 when the theme is assigned */
} theme_score;

typedef struct match_result {
	theme_score *themes; /* one per theme of the set */
	size_t nthemes;
	int primary;         /* theme index, or -1 when no theme is coded */
	int ncoded;          /* themes coded */
	evidence *ev;        /* evidence of the coded themes, by start */
	size_t nev;
	size_t ev_alloc;
	int all_themes;      /* set by the caller: keep the evidence of the
				themes not coded too (what each rule matched) */
} match_result;

typedef struct matcher matcher;

/*
 * A matcher for set using word table st (set->st, or a stem_clone() of it
 * for another thread). Both are borrowed; one matcher per thread.
 */
matcher *matcher_new(const lexicon_set *set, stemmer *st);
void matcher_free(matcher *m);

void match_result_init(match_result *r);
void match_result_release(match_result *r);

/*
 * Tokenise and code one answer (valid UTF-8). Fills res (reused between
 * calls). Returns 0, or -1 after reporting an error (a regex that hit the
 * PCRE2 match limit, naming the rule).
 */
int matcher_code(matcher *m, const char *text, size_t len, match_result *res);

/* The tokens of the last answer coded; valid until the next call. */
const token_list *matcher_tokens(const matcher *m);

/* Limits on regex matching (PCRE2 match and depth limits). */
#define MATCH_REGEX_MATCH_LIMIT 1000000
#define MATCH_REGEX_DEPTH_LIMIT 10000

#endif
