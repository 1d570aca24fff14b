/*
 * cmd_suggest: `qcode suggest THEME` -- words over-represented in the
 * answers of a theme (log-likelihood keyness against the other answers)
 * that its lexicon does not code yet, and which other theme's lexicon
 * already codes them. The answers of the theme are the effective codes
 * (human decisions where made, else the machine's), or with --gold a hand
 * coding.
 */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "eval.h"
#include "gold.h"
#include "keyness.h"
#include "lexicon.h"
#include "match.h"
#include "project.h"
#include "review.h"

typedef struct candidate {
	int word;      /* word id in the keyness corpus */
	double g2;     /* keyness */
} candidate;

static int cand_cmp(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	if (a->g2 != b->g2)
		return a->g2 > b->g2 ? -1 : 1;
	return (a->word > b->word) - (a->word < b->word);
}

/* Whether atom a matches the word form w (as the matcher tests it). */
static int atom_covers(const lexicon_set *set, stemmer *st, int a, const word_info *w)
{
	const atom *at = &set->atoms[a];
	const word_info *h = w->head >= 0 ? stem_word(st, w->head) : NULL;
	switch (at->kind) {
	case ATOM_STEM: return !strcmp(at->text, w->stem) || (h && !strcmp(at->text, h->stem));
	case ATOM_EXACT: return !strcmp(at->text, w->fold) || (h && !strcmp(at->text, h->fold));
	case ATOM_GLOB: return fnmatch(at->text, w->fold, 0) == 0;
	default: return 0;
	}
}

static int operand_covers(const lexicon_set *set, stemmer *st, const operand *o, const word_info *w)
{
	if (o->atom >= 0)
		return atom_covers(set, st, o->atom, w);
	if (o->group < 0)
		return 0;
	for (size_t k = 0; k < set->groups[o->group].n; k++)
		if (atom_covers(set, st, set->groups[o->group].atoms[k], w))
			return 1;
	return 0;
}

/* Whether a word of theme t's rules or of the groups they use -- a rule's
   word, a group's member, a NEAR/BEFORE operand -- already matches w. (A
   word of a phrase is still worth suggesting: alone it matches nothing.) */
static int theme_covers(const lexicon_set *set, stemmer *st, size_t t, const word_info *w)
{
	const theme *th = &set->themes[t];
	for (size_t r = 0; r < th->nrules; r++)
		if (!th->rules[r].veto && (operand_covers(set, st, &th->rules[r].a, w) ||
					   operand_covers(set, st, &th->rules[r].b, w)))
			return 1;
	return 0;
}

/* What marks the answers coded with a theme. */
typedef struct coded_ctx {
	const project_answers *pa;
	int theme;          /* the theme's index */
	unsigned char *in;
} coded_ctx;

static int take_coded(const answer_view *v, void *ctx)
{
	coded_ctx *c = ctx;
	long i = project_answer_index(c->pa, v->id);
	if (i >= 0 && v->coded[c->theme])
		c->in[i] = 1;
	return 0;
}

/* in[i] from the effective codes: answer i is coded with theme key. */
static int effective_in(db *d, const char *lex_dir, const project_answers *pa, const char *key,
			unsigned char *in)
{
	reviewer rv;
	int rc = reviewer_init_any(&rv, d, "suggest", 0, lex_dir);
	coded_ctx c = { pa, rc ? -1 : reviewer_theme(&rv, key), in };
	if (rc == 0 && c.theme >= 0)
		rc = reviewer_all(&rv, 0, take_coded, &c);
	reviewer_release(&rv);
	return rc;
}
static const cmd_option suggest_options[] = {
	{ "top", 0, required_argument, 'n', "N",
	  "how many words, 1 to 100000 (default: 20)" },
	{ "gold", 0, required_argument, 'g', "FILE",
	  "the theme's answers are those a hand coding gives it (default: the\nproject's effective codes)" },
	{ "where", 0, required_argument, 'w', "COL=VALUE",
	  "only the answers whose COL is VALUE; repeat for more conditions" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_suggest_spec = {
	.name = "suggest",
	.fn = cmd_suggest,
	.needs = NEED_DB | NEED_LEXICONS,
	.summary = "words to add to a theme's lexicon",
	.usage =
	  "qcode suggest [--top N] [--gold FILE.csv] [--where COL=VALUE]... THEME",
	.options = suggest_options,
};

int cmd_suggest(int argc, char **argv, qctx *ctx)
{
	long top = 20;
	const char *gold = NULL;
	const char **where = xcalloc((size_t)argc + 1, sizeof(char *));
	size_t nwhere = 0;
	int c, rc = EXIT_USAGE;
	while ((c = cmd_getopt(argc, argv, suggest_options, ctx)) != -1) {
		if (c == 'n') {
			if (cmd_parse_long(ctx, "--top", optarg, 1, 100000, &top))
				goto out_args;
		} else if (c == 'g') {
			gold = optarg;
		} else if (c == 'w') {
			where[nwhere++] = optarg;
		} else {
			goto out_args;
		}
	}
	if (optind != argc - 1) {
		cmd_usage_error(ctx, "suggest needs one THEME");
		goto out_args;
	}
	const char *key = argv[optind];
	const lexicon_set *lex = ctx->lex;
	int t = lexicon_theme_index(lex, key);
	if (t < 0) {
		strbuf all;
		sb_init(&all);
		for (size_t i = 0; i < lex->nthemes; i++)
			sb_addf(&all, "%s%s", i ? ", " : "", lex->themes[i].key);
		error("unknown theme '%s' (the themes are: %s)", key, all.buf);
		sb_release(&all);
		rc = EXIT_INPUT;
		goto out_args;
	}

	project_answers pa;
	eval_coding g;
	memset(&g, 0, sizeof(g));
	kw_corpus kc;
	kw_corpus_init(&kc);
	matcher *m = NULL;
	match_result res;
	match_result_init(&res);
	unsigned char *in = NULL, *use = NULL;
	double *g2 = NULL;
	long *tin = NULL, *tout = NULL, *first = NULL;
	candidate *cand = NULL;
	rc = EXIT_DB;
	if (project_answers_load(ctx->db, &pa))
		goto out;
	for (size_t i = 0; i < nwhere; i++)
		if (project_where(ctx->db, &pa, where[i])) {
			rc = error_last_code();
			goto out;
		}
	in = xcalloc(pa.n + 1, 1);
	use = xcalloc(pa.n + 1, 1);
	if (gold) {
		char **keys = xcalloc(lex->nthemes + 1, sizeof(char *));
		for (size_t i = 0; i < lex->nthemes; i++)
			keys[i] = lex->themes[i].key;
		eval_coding_init(&g, gold, pa.n, lex->nthemes);
		int bad = gold_read(gold, &pa.by_ext, pa.ext, keys, lex->nthemes, &g);
		free(keys);
		if (bad) {
			rc = error_last_code();
			goto out;
		}
		for (size_t i = 0; i < pa.n; i++) {
			use[i] = pa.in[i] && g.has[i];
			in[i] = g.codes[i * lex->nthemes + (size_t)t];
		}
	} else {
		if (effective_in(ctx->db, ctx->lex_dir, &pa, key, in))
			goto out;
		memcpy(use, pa.in, pa.n);
	}

	/* the answers in use, tokenised once */
	size_t *doc_of = xcalloc(pa.n + 1, sizeof(size_t));
	unsigned char *din = xcalloc(pa.n + 1, 1);
	long answers_in = 0, answers_used = 0;
	for (size_t i = 0; i < pa.n; i++) {
		if (!use[i])
			continue;
		size_t d = kw_corpus_add(&kc, ctx->st, pa.text[i], strlen(pa.text[i]));
		doc_of[d] = i;
		din[d] = in[i];
		answers_in += in[i];
		answers_used++;
	}
	g2 = xcalloc(kc.nwords + 1, sizeof(double));
	tin = xcalloc(kc.nwords + 1, sizeof(long));
	tout = xcalloc(kc.nwords + 1, sizeof(long));
	kw_keyness(&kc, din, NULL, g2, tin, tout, NULL, NULL);
	/* the first answer of the theme with each word, for an example */
	first = xmalloc((kc.nwords + 1) * sizeof(long));
	for (size_t w = 0; w < kc.nwords; w++)
		first[w] = -1;
	for (size_t d = 0; d < kc.ndocs; d++)
		for (size_t j = 0; din[d] && j < kc.bag_len[d]; j++)
			if (first[kc.bags[d][j]] < 0)
				first[kc.bags[d][j]] = (long)doc_of[d];
	free(din);
	free(doc_of);

	strbuf src, file;
	sb_init(&src);
	sb_init(&file);
	printf("%ld of %ld answer%s coded %s (%s); words over-represented there, not yet in %s:\n\n",
	       answers_in, answers_used, plural_s(answers_used), key,
	       gold ? sb_set_term(&src, gold, 0) : "human decisions where made, else the machine's",
	       sb_set_term(&file, lex->themes[t].file, 0));
	sb_release(&src);
	sb_release(&file);
	printf("%-20s %8s %6s %6s  %-30s %s\n", "stem", "G2", "in", "rest", "example", "in the lexicon of");
	m = matcher_new(lex, ctx->st);
	size_t ncand = 0;
	cand = xcalloc(kc.nwords + 1, sizeof(*cand));
	for (size_t w = 0; w < kc.nwords; w++)
		if (g2[w] > 0 && tin[w] > 0)
			cand[ncand++] = (candidate){ (int)w, g2[w] };
	qsort(cand, ncand, sizeof(*cand), cand_cmp);
	long shown = 0;
	for (size_t i = 0; i < ncand && shown < top; i++) {
		int w = cand[i].word;
		const char *ex = kc.examples[w];
		if (matcher_code(m, ex, strlen(ex), &res))
			goto out;
		/* the example word as the matcher sees it */
		const token_list *tl = matcher_tokens(m);
		const word_info *wi = NULL;
		for (size_t k = 0; k < tl->n && !wi; k++)
			if (tl->v[k].kind == TK_WORD)
				wi = stem_word(ctx->st, tl->v[k].word);
		if (res.themes[t].score > 0 || (wi && theme_covers(lex, ctx->st, (size_t)t, wi)))
			continue; /* a rule or group of the theme has the word already */
		strbuf others;
		sb_init(&others);
		for (size_t o = 0; o < res.nthemes; o++)
			if (res.themes[o].score > 0 || (wi && theme_covers(lex, ctx->st, o, wi)))
				sb_addf(&others, "%s%s", others.len ? ", " : "", lex->themes[o].key);
		strbuf exid;
		sb_init(&exid);
		sb_add_term(&exid, ex, strlen(ex), 0);
		sb_adds(&exid, " (");
		sb_add_term(&exid, first[w] >= 0 ? pa.ext[first[w]] : "-", strlen(first[w] >= 0 ? pa.ext[first[w]] : "-"), 0);
		sb_adds(&exid, ")");
		strbuf stem;
		sb_init(&stem);
		printf("%-20s %8.2f %6ld %6ld  %-30s %s\n", sb_set_term(&stem, kc.stems[w], 0), cand[i].g2, tin[w],
		       tout[w], exid.buf, others.len ? others.buf : "-");
		sb_release(&stem);
		sb_release(&exid);
		sb_release(&others);
		shown++;
	}
	if (!shown)
		printf("(none)\n");
	rc = finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
out:
	free(cand);
	free(first);
	free(g2);
	free(tin);
	free(tout);
	free(in);
	free(use);
	match_result_release(&res);
	matcher_free(m);
	kw_corpus_release(&kc);
	eval_coding_release(&g);
	project_answers_release(&pa);
out_args:
	free(where);
	return rc;
}
