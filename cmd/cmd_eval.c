/*
 * cmd_eval: `qcode eval` -- loads two codings of the project's answers (a
 * gold file, a coder's decisions, the machine's latest codes or the
 * effective codes), has eval.c compare them, and prints the agreement;
 * with --rules every lexicon rule's record, with --missed the answers with
 * a missed code and the words there that mark the theme.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "codings.h"
#include "eval.h"
#include "gold.h"
#include "keyness.h"
#include "lexicon.h"
#include "project.h"
#include "read.h"
#include "review.h"

/* Words shown per missed code with --missed. */
#define MISSED_WORDS 8

typedef struct answers {
	reviewer rv;
	project_answers pa;
	size_t n;          /* answers */
	size_t k;          /* themes */
	char **ext;        /* borrowed from pa */
	char **text;
	unsigned char *in;
} answers;

static int load_answers(answers *a, db *d)
{
	int rc = project_answers_load(d, &a->pa);
	a->n = a->pa.n;
	a->k = a->rv.nthemes;
	a->ext = a->pa.ext;
	a->text = a->pa.text;
	a->in = a->pa.in;
	return rc;
}

static void answers_release(answers *a)
{
	project_answers_release(&a->pa);
	reviewer_release(&a->rv);
}

static long unit_of(const answers *a, long long id) { return project_answer_index(&a->pa, id); }

static void num(double x)
{
	if (isnan(x))
		printf("%7s", "-");
	else
		printf("%7.3f", no_neg_zero(x, 3));
}

/* A shortened answer for the terminal: at most n bytes, whole UTF-8 characters, escaped. */
static void shorten(const char *s, size_t n, strbuf *out)
{
	size_t len = strlen(s);
	if (len <= n) {
		sb_add_term(out, s, len, 0);
		return;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	sb_add_term(out, s, n, 0);
	sb_adds(out, "...");
}

/* A name or id as the terminal may show it; valid until the next call with sb. */
static const char *term(strbuf *sb, const char *s) { return sb_set_term(sb, s, 0); }

static void print_agreement(const answers *a, const eval_result *r, const eval_coding *g,
			    const eval_coding *m)
{
	printf("%-16s %5s %5s %4s %4s %4s %7s %7s %7s %-17s %7s %-17s %7s\n", "theme", "gold", "coded",
	       "TP", "FP", "FN", "prec", "recall", "F1", " F1 95% CI", "kappa", " kappa 95% CI", "alpha");
	for (size_t t = 0; t < a->k; t++) {
		const eval_theme *et = &r->themes[t];
		printf("%-16s %5.0f %5.0f %4.0f %4.0f %4.0f", a->rv.keys[t], et->tp + et->fn,
		       et->tp + et->fp, et->tp, et->fp, et->fn);
		num(et->precision);
		printf(" ");
		num(et->recall);
		printf(" ");
		num(et->f1);
		if (!isnan(et->f1_lo))
			printf("  [%.3f, %.3f]", no_neg_zero(et->f1_lo, 3), no_neg_zero(et->f1_hi, 3));
		else
			printf("  %-15s", "");
		printf(" ");
		num(et->kappa);
		if (!isnan(et->kappa_lo))
			printf("  [%.3f, %.3f]", no_neg_zero(et->kappa_lo, 3), no_neg_zero(et->kappa_hi, 3));
		else
			printf("  %-15s", "");
		printf(" ");
		num(et->alpha);
		printf("\n");
	}
	strbuf n1, n2;
	sb_init(&n1);
	sb_init(&n2);
	printf("\nmicro F1 %.3f (precision %.3f, recall %.3f); macro F1 %.3f over %d theme%s\n",
	       no_neg_zero(r->micro_f1, 3), no_neg_zero(r->micro_precision, 3), no_neg_zero(r->micro_recall, 3),
	       no_neg_zero(r->macro_f1, 3), r->macro_n, plural_s(r->macro_n));
	printf("primary theme: %zu of %zu answer%s with a %s primary agree (accuracy %.3f); kappa %.3f, Krippendorff's alpha %.3f\n\n",
	       r->primary_right, r->with_primary, plural_s((long long)r->with_primary), term(&n1, g->name),
	       no_neg_zero(r->primary_accuracy, 3), no_neg_zero(r->primary_kappa, 3),
	       no_neg_zero(r->primary_alpha, 3));
	int k1 = (int)a->k + 1;
	printf("confusion of the primary theme (rows: %s, columns: %s)\n%-16s", term(&n1, g->name),
	       term(&n2, m->name), "");
	for (int b = 0; b < k1; b++)
		printf(" %6.6s", b < (int)a->k ? a->rv.keys[b] : "none");
	printf("\n");
	for (int x = 0; x < k1; x++) {
		printf("%-16s", x < (int)a->k ? a->rv.keys[x] : "none");
		for (int y = 0; y < k1; y++)
			printf(" %6ld", r->confusion[x * k1 + y]);
		printf("\n");
	}
	sb_release(&n1);
	sb_release(&n2);
}

/* Rule ids per theme: the lexicons' rules in file order, then ids only the run has. */
typedef struct rule_names {
	char ***ids;     /* ids[t][i] */
	size_t *n;       /* rules per theme */
	size_t *alloc;
	size_t k;
} rule_names;

static int rule_index(rule_names *rn, size_t t, const char *id, int add)
{
	for (size_t i = 0; i < rn->n[t]; i++)
		if (!strcmp(rn->ids[t][i], id))
			return (int)i;
	if (!add)
		return -1;
	ALLOC_GROW(rn->ids[t], rn->n[t] + 1, rn->alloc[t]);
	rn->ids[t][rn->n[t]] = xstrdup(id);
	return (int)rn->n[t]++;
}

static void rule_names_release(rule_names *rn)
{
	for (size_t t = 0; t < rn->k; t++) {
		for (size_t i = 0; i < rn->n[t]; i++)
			free(rn->ids[t][i]);
		free(rn->ids[t]);
	}
	free(rn->ids);
	free(rn->n);
	free(rn->alloc);
}

/* What gathers the hits. */
typedef struct hits_ctx {
	const answers *a;
	rule_names *rn;
	eval_hit *hits;
	size_t n, alloc;
} hits_ctx;

static int take_hit(long long answer, const char *theme, const char *rule, void *ctx)
{
	hits_ctx *h = ctx;
	long u = unit_of(h->a, answer);
	int t = reviewer_theme(&h->a->rv, theme);
	if (u < 0 || t < 0)
		return 0;
	ALLOC_GROW(h->hits, h->n + 1, h->alloc);
	h->hits[h->n].unit = (size_t)u;
	h->hits[h->n].theme = t;
	h->hits[h->n].rule = rule_index(h->rn, (size_t)t, rule, 1);
	h->n++;
	return 0;
}

/* The evidence of the latest run as hits, rule ids named in rn. */
static int load_hits(const answers *a, rule_names *rn, eval_hit **out, size_t *nout)
{
	hits_ctx h = { a, rn, NULL, 0, 0 };
	int rc = project_rules_each(a->rv.d, take_hit, &h);
	*out = h.hits;
	*nout = h.n;
	return rc;
}

/* The rules behind false positives (top 10), or with --rules every rule. */
static int print_rules(const answers *a, const eval_coding *g, const eval_result *r,
		       const lexicon_set *lex, int all)
{
	rule_names rn = { xcalloc(a->k + 1, sizeof(char **)), xcalloc(a->k + 1, sizeof(size_t)),
			  xcalloc(a->k + 1, sizeof(size_t)), a->k };
	for (size_t i = 0; lex && i < lex->nthemes; i++) {
		int t = reviewer_theme(&a->rv, lex->themes[i].key);
		for (size_t j = 0; t >= 0 && j < lex->themes[i].nrules; j++)
			if (!lex->themes[i].rules[j].veto)
				rule_index(&rn, (size_t)t, lex->themes[i].rules[j].id, 1);
	}
	eval_hit *hits = NULL;
	size_t nhits = 0;
	if (load_hits(a, &rn, &hits, &nhits)) {
		rule_names_release(&rn);
		return -1;
	}
	unsigned char *compared = xcalloc(a->n + 1, 1);
	for (size_t i = 0; i < r->nunits; i++)
		compared[r->units[i]] = 1;
	eval_rule *er = eval_rules(g, a->n, a->k, rn.n, hits, nhits, compared);
	size_t total = 0;
	for (size_t t = 0; t < a->k; t++)
		total += rn.n[t];
	strbuf tb, tb2;
	sb_init(&tb);
	sb_init(&tb2);
	if (all) {
		printf("\nrules against %s over %zu answer%s, noisiest first (hits: answers matched; sole: answers where the rule was the theme's only evidence)\n",
		       term(&tb, g->name), r->nunits, plural_s((long long)r->nunits));
		printf("%-16s %-36s %5s %4s %4s %7s %5s %7s\n", "theme", "rule", "hits", "TP", "FP", "prec",
		       "sole", "sole-FP");
		for (size_t i = 0; i < total; i++) {
			printf("%-16s %-36s %5ld %4ld %4ld", a->rv.keys[er[i].theme],
			       term(&tb, rn.ids[er[i].theme][er[i].rule]), er[i].hits, er[i].tp, er[i].fp);
			num(er[i].precision);
			printf(" %5ld %7ld\n", er[i].sole, er[i].sole_fp);
		}
	} else {
		printf("\nrules behind the most false positives:\n");
		int shown = 0;
		for (size_t i = 0; i < total && shown < 10 && er[i].fp > 0; i++, shown++) {
			strbuf key, sh;
			sb_init(&key);
			sb_init(&sh);
			sb_addf(&key, "%s:%s", a->rv.keys[er[i].theme], term(&tb, rn.ids[er[i].theme][er[i].rule]));
			shorten(a->text[er[i].example], 70, &sh);
			printf("  %-36s %3ld  e.g. %s \"%s\"\n", key.buf, er[i].fp, term(&tb2, a->ext[er[i].example]),
			       sh.buf);
			sb_release(&key);
			sb_release(&sh);
		}
		if (!shown)
			printf("  none\n");
	}
	sb_release(&tb);
	sb_release(&tb2);
	free(er);
	free(compared);
	free(hits);
	rule_names_release(&rn);
	return 0;
}

typedef struct scored_word {
	int id;
	double g2;
} scored_word;

static int scored_cmp(const void *x, const void *y)
{
	const scored_word *a = x, *b = y;
	if (a->g2 != b->g2)
		return a->g2 > b->g2 ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/*
 * Every compared answer with a code the other rater missed, with the words
 * there that mark the theme in the reference: over-represented in the
 * reference's answers of the theme, and found in another of them too.
 */
static void print_missed(answers *a, const eval_coding *g, const eval_coding *m,
			 const eval_result *r, stemmer *st)
{
	kw_corpus kc;
	kw_corpus_init(&kc);
	for (size_t i = 0; i < r->nunits; i++) {
		const char *text = a->text[r->units[i]];
		kw_corpus_add(&kc, st, text, strlen(text));
	}
	double **g2 = xcalloc(a->k + 1, sizeof(double *));
	long **tin = xcalloc(a->k + 1, sizeof(long *));
	unsigned char *in = xcalloc(r->nunits + 1, 1);
	for (size_t t = 0; t < a->k; t++) {
		for (size_t i = 0; i < r->nunits; i++)
			in[i] = g->codes[r->units[i] * a->k + t];
		g2[t] = xcalloc(kc.nwords + 1, sizeof(double));
		tin[t] = xcalloc(kc.nwords + 1, sizeof(long));
		kw_keyness(&kc, in, NULL, g2[t], tin[t], NULL, NULL, NULL);
	}
	strbuf tb, tb2;
	sb_init(&tb);
	sb_init(&tb2);
	printf("\n%s codes %s missed, with the words there that mark the theme in %s:\n", term(&tb, g->name),
	       term(&tb2, m->name), term(&tb, g->name));
	long *here = xcalloc(kc.nwords + 1, sizeof(long));
	scored_word *sw = xcalloc(1, sizeof(*sw));
	size_t sw_alloc = 1, missed = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		size_t u = r->units[i];
		for (size_t t = 0; t < a->k; t++) {
			if (!g->codes[u * a->k + t] || m->codes[u * a->k + t])
				continue;
			missed++;
			for (size_t j = 0; j < kc.bag_len[i]; j++)
				here[kc.bags[i][j]]++;
			size_t nsw = 0;
			for (size_t j = 0; j < kc.bag_len[i]; j++) {
				int w = kc.bags[i][j];
				if (here[w] <= 0)
					continue; /* seen already */
				if (g2[t][w] > 0 && tin[t][w] > here[w]) {
					ALLOC_GROW(sw, nsw + 1, sw_alloc);
					sw[nsw].id = w;
					sw[nsw].g2 = g2[t][w];
					nsw++;
				}
				here[w] = 0;
			}
			qsort(sw, nsw, sizeof(*sw), scored_cmp);
			strbuf words, sh;
			sb_init(&words);
			sb_init(&sh);
			for (size_t j = 0; j < nsw && j < MISSED_WORDS; j++) {
				if (j)
					sb_adds(&words, ", ");
				sb_add_term(&words, kc.examples[sw[j].id], strlen(kc.examples[sw[j].id]), 0);
			}
			shorten(a->text[u], 70, &sh);
			printf("  %-10s %-16s %s\n  %-10s %-16s \"%s\"\n", term(&tb, a->ext[u]), a->rv.keys[t],
			       words.len ? words.buf : "(no word here marks the theme)", "", "", sh.buf);
			sb_release(&words);
			sb_release(&sh);
		}
	}
	if (!missed)
		printf("  none\n");
	for (size_t t = 0; t < a->k; t++) {
		free(g2[t]);
		free(tin[t]);
	}
	sb_release(&tb);
	sb_release(&tb2);
	free(g2);
	free(tin);
	free(in);
	free(here);
	free(sw);
	kw_corpus_release(&kc);
}

/* The first ten compared answers with a missed code. */
static void print_missed_short(const answers *a, const eval_coding *g, const eval_coding *m,
			       const eval_result *r)
{
	strbuf tb;
	sb_init(&tb);
	printf("\n%s codes most often missed:\n", term(&tb, g->name));
	int missed = 0;
	for (size_t i = 0; i < r->nunits && missed < 10; i++) {
		size_t u = r->units[i];
		strbuf themes;
		sb_init(&themes);
		for (size_t t = 0; t < a->k; t++)
			if (g->codes[u * a->k + t] && !m->codes[u * a->k + t])
				sb_addf(&themes, "%s%s", themes.len ? ", " : "", a->rv.keys[t]);
		if (themes.len) {
			strbuf sh;
			sb_init(&sh);
			shorten(a->text[u], 70, &sh);
			printf("  %-10s %-26s \"%s\"\n", term(&tb, a->ext[u]), themes.buf, sh.buf);
			sb_release(&sh);
			missed++;
		}
		sb_release(&themes);
	}
	if (!missed)
		printf("  none\n");
	sb_release(&tb);
}

static const cmd_option eval_options[] = {
	{ "gold", 0, required_argument, 'g', "FILE",
	  "a hand coding (id,theme,primary; an answer with no theme has an\nempty theme), compared on the answers it names" },
	{ "coder", 0, required_argument, 'c', "A",
	  "a coder's decisions as the reference" },
	{ "against", 0, required_argument, 'a', "WHAT",
	  "what is compared: machine (the latest run's codes; default),\neffective (after review) or another coder" },
	{ "where", 0, required_argument, 'w', "COL=VALUE",
	  "only the answers whose COL is VALUE; repeat for more conditions" },
	{ "rules", 0, no_argument, 'r', NULL,
	  "every rule's hits, true and false positives and precision, noisiest first" },
	{ "missed", 0, no_argument, 'm', NULL,
	  "every missed code, with the words there that mark its theme" },
	{ "boot", 0, required_argument, 'b', "N",
	  "bootstrap samples for the 95% intervals, 0 for none (default: 1000)" },
	{ "seed", 0, required_argument, 's', "S",
	  "the bootstrap's seed (default: 1)" },
	{ "min-kappa", 0, required_argument, 'k', "K",
	  "exit 1 when a theme's kappa is under K (for checks)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_eval_spec = {
	.name = "eval",
	.fn = cmd_eval,
	.needs = NEED_DB,
	.summary = "agreement with a gold file or between coders",
	.usage =
	  "qcode eval --gold FILE.csv [--against machine|effective] [options]\n"
	  "qcode eval --coder A --against B|machine [options]",
	.options = eval_options,
};

/* Whether no coder of that name has decided on any answer: then says so,
   with the coders there are (a name mistyped compares nothing). */
static int unknown_coder(db *d, const char *name)
{
	char **names = NULL;
	size_t n = 0;
	if (project_coders(d, &names, &n)) {
		error_set_code(EXIT_DB);
		return -1;
	}
	int found = 0;
	strbuf all;
	sb_init(&all);
	for (size_t i = 0; i < n; i++) {
		found |= !strcmp(names[i], name);
		sb_addf(&all, "%s%s", i ? ", " : "", names[i]);
		free(names[i]);
	}
	free(names);
	if (!found) {
		error_set_code(EXIT_INPUT);
		error("no coder '%s' has decided on an answer (%s%s)", name, n ? "the coders are: " : "there are no decisions yet",
		      all.buf);
	}
	sb_release(&all);
	return !found;
}

int cmd_eval(int argc, char **argv, qctx *ctx)
{
	const char *gold = NULL, *coder = NULL, *against = NULL;
	const char **where = xcalloc((size_t)argc + 1, sizeof(char *));
	size_t nwhere = 0;
	unsigned long seed = 1;
	long boot = 1000;
	double min_kappa = NAN;
	int c, want_rules = 0, want_missed = 0;
	int rc = EXIT_USAGE;
	while ((c = cmd_getopt(argc, argv, eval_options, ctx)) != -1) {
		switch (c) {
		case 'g': gold = optarg; break;
		case 'c': coder = optarg; break;
		case 'a': against = optarg; break;
		case 's':
			if (cmd_parse_ulong(ctx, "--seed", optarg, &seed))
				goto usage;
			break;
		case 'b':
			if (cmd_parse_long(ctx, "--boot", optarg, 0, 100000, &boot))
				goto usage;
			break;
		case 'k':
			if (cmd_parse_double(ctx, "--min-kappa", optarg, -1, 1, &min_kappa))
				goto usage;
			break;
		case 'w': where[nwhere++] = optarg; break;
		case 'r': want_rules = 1; break;
		case 'm': want_missed = 1; break;
		default: goto usage;
		}
	}
	if (optind != argc) {
		cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
		goto usage;
	}
	if (!gold == !coder) {
		cmd_usage_error(ctx, "eval needs --gold FILE or --coder NAME (not both)");
		goto usage;
	}
	if (coder && !against) {
		cmd_usage_error(ctx, "--coder needs --against CODER or --against machine");
		goto usage;
	}
	const char *mname = against ? against : "machine";
	if (want_rules && strcmp(mname, "machine")) {
		cmd_usage_error(ctx, "--rules needs the machine's codes: --against machine");
		goto usage;
	}

	answers a;
	memset(&a, 0, sizeof(a));
	eval_coding g, m;
	memset(&g, 0, sizeof(g));
	memset(&m, 0, sizeof(m));
	eval_result r;
	memset(&r, 0, sizeof(r));
	lexicon_set *lex = NULL;
	if (reviewer_init(&a.rv, ctx->db, coder ? coder : "gold", 0, ctx->lex_dir)) {
		rc = error_last_code();
		goto usage;
	}
	rc = EXIT_DB;
	if (load_answers(&a, ctx->db))
		goto out;
	for (size_t i = 0; i < nwhere; i++)
		if (project_where(ctx->db, &a.pa, where[i])) {
			rc = error_last_code();
			goto out;
		}
	if ((coder && unknown_coder(ctx->db, coder)) ||
	    (strcmp(mname, "machine") && strcmp(mname, "effective") && unknown_coder(ctx->db, mname))) {
		rc = error_last_code();
		goto out;
	}
	const char *gname = gold ? strrchr(gold, '/') : NULL;
	eval_coding_init(&g, gold ? (gname ? gname + 1 : gold) : coder, a.n, a.k);
	eval_coding_init(&m, mname, a.n, a.k);
	if (gold) {
		if (gold_read(gold, &a.pa.by_ext, a.ext, a.rv.keys, a.k, &g)) {
			rc = error_last_code();
			goto out;
		}
	} else if (codings_view(&a.rv, &a.pa, coder, 0, &g)) {
		goto out;
	}
	if (!strcmp(mname, "machine")) {
		if (codings_machine(&a.rv, &a.pa, &m))
			goto out;
	} else if (!strcmp(mname, "effective")) {
		if (codings_view(&a.rv, &a.pa, NULL, 1, &m))
			goto out;
	} else if (codings_view(&a.rv, &a.pa, mname, 0, &m)) {
		goto out;
	}
	if (want_rules || want_missed) {
		if (!cmd_stemmer(ctx)) {
			rc = EXIT_INPUT;
			goto out;
		}
		if (want_rules && !(lex = lexicon_load_dir(ctx->lex_dir, ctx->st))) {
			rc = error_last_code();
			goto out;
		}
	}

	if (eval_compare(&g, &m, a.n, a.k, a.in, boot, seed, &r)) {
		error("fewer than two answers coded by both %s and %s: nothing to compare", g.name, m.name);
		rc = EXIT_INPUT;
		goto out;
	}
	strbuf subset;
	sb_init(&subset);
	for (size_t i = 0; i < nwhere; i++) {
		sb_adds(&subset, i ? ", " : " (");
		sb_add_term(&subset, where[i], strlen(where[i]), 0);
	}
	if (nwhere)
		sb_adds(&subset, ")");
	strbuf n1, n2;
	sb_init(&n1);
	sb_init(&n2);
	printf("Agreement of %s with %s%s: %zu answer%s, %zu theme%s; 95%% intervals from %ld bootstrap resample%s (seed %lu)\n",
	       term(&n1, m.name), term(&n2, g.name), subset.buf, r.nunits,
	       plural_s((long long)r.nunits), a.k, plural_s((long long)a.k), boot, plural_s(boot), seed);
	sb_release(&subset);
	if (gold) {
		size_t left = 0;
		for (size_t u = 0; u < a.n; u++)
			left += a.in[u] && !g.has[u];
		if (left)
			printf("%zu answer%s of the project %s not in %s and %s left out (an answer with no theme is a row with an empty theme)\n",
			       left, left == 1 ? "" : "s", left == 1 ? "is" : "are", term(&n1, g.name),
			       left == 1 ? "is" : "are");
	}
	sb_release(&n1);
	sb_release(&n2);
	printf("\n");
	print_agreement(&a, &r, &g, &m);
	if (!strcmp(mname, "machine") && print_rules(&a, &g, &r, lex, want_rules))
		goto out;
	if (want_missed)
		print_missed(&a, &g, &m, &r, ctx->st);
	else
		print_missed_short(&a, &g, &m, &r);
	rc = EXIT_OK;
	if (!isnan(min_kappa)) {
		int below = 0;
		for (size_t t = 0; t < a.k; t++)
			if (isnan(r.themes[t].kappa) || r.themes[t].kappa < min_kappa)
				below++;
		if (below) {
			printf("\n%d theme%s below --min-kappa %.3f\n", below, below == 1 ? "" : "s", min_kappa);
			rc = EXIT_CHECK;
		}
	}
out:
	lexicon_set_free(lex);
	eval_result_release(&r);
	eval_coding_release(&g);
	eval_coding_release(&m);
	answers_release(&a);
usage:
	free(where);
	return rc;
}
