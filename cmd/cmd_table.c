/*
 * cmd_table: `qcode table` (themes by group, like the report's tables),
 * `qcode chart` (the same as an SVG bar chart) and `qcode kwic` (keywords
 * in context).
 */
#include <fnmatch.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "crosstab.h"
#include "format.h"
#include "lang.h"
#include "lexicon.h"
#include "match.h"
#include "outfile.h"
#include "project.h"
#include "review.h"
#include "stats.h"
#include "token.h"
#include "utf8.h"

/* Significance level of the marks in tables. */
#define ALPHA 0.05
/* Tables Fisher's exact test may enumerate before it samples instead. */
#define FISHER_BUDGET 200000

/* p of a theme across groups: chi-square, or Fisher when an expected count is under 5. */
static double theme_p(const crosstab *x, size_t t, int *fisher)
{
	double *w = xcalloc(x->ng + 1, sizeof(double)), *wo = xcalloc(x->ng + 1, sizeof(double));
	long *lw = xcalloc(x->ng + 1, sizeof(long)), *lwo = xcalloc(x->ng + 1, sizeof(long));
	for (size_t g = 0; g < x->ng; g++) {
		lw[g] = x->cnt[t * x->ng + g];
		lwo[g] = x->n[g] - lw[g];
		w[g] = (double)lw[g];
		wo[g] = (double)lwo[g];
	}
	int df, exact;
	double p, me;
	stats_chi2_2xk(w, wo, x->ng, &df, &p, &me);
	*fisher = 0;
	if (!isnan(p) && me < 5) {
		p = stats_fisher_2xk(lw, lwo, x->ng, FISHER_BUDGET, &exact);
		*fisher = 1;
	}
	free(w);
	free(wo);
	free(lw);
	free(lwo);
	return p;
}

/* A group against the rest for one theme: +1 higher, -1 lower, 0 no difference at ALPHA. */
static int cell_mark(const crosstab *x, size_t t, size_t g)
{
	long a = x->cnt[t * x->ng + g], an = x->n[g];
	long b = 0, bn = 0;
	for (size_t h = 0; h < x->ng; h++)
		if (h != g) {
			b += x->cnt[t * x->ng + h];
			bn += x->n[h];
		}
	if (!an || !bn)
		return 0;
	double w[2] = { (double)a, (double)b }, wo[2] = { (double)(an - a), (double)(bn - b) };
	int df, exact;
	double p, me;
	stats_chi2_2xk(w, wo, 2, &df, &p, &me);
	if (!isnan(p) && me < 5) {
		long lw[2] = { a, b }, lwo[2] = { an - a, bn - b };
		p = stats_fisher_2xk(lw, lwo, 2, FISHER_BUDGET, &exact);
	}
	if (isnan(p) || p >= ALPHA)
		return 0;
	return (double)a / (double)an > (double)b / (double)bn ? 1 : -1;
}

/* A number of a CSV cell; for Dutch Excel (--excel) with a decimal comma. */
static void csv_num(strbuf *out, int excel, const char *fmt, double v)
{
	size_t start = out->len;
	sb_addf(out, fmt, v);
	for (size_t i = start; excel && i < out->len; i++)
		if (out->buf[i] == '.')
			out->buf[i] = ',';
}

static const cmd_option table_options[] = {
	{ "by", 0, required_argument, 'b', "COL",
	  "the group variable of the columns; a second --by nests it" },
	{ "format", 0, required_argument, 'f', "FORMAT",
	  "md, csv or tsv (default: md)" },
	{ "base", 0, required_argument, 'B', "BASE",
	  "percentages of respondents (default) or of mentions" },
	{ "excel", 0, no_argument, 'x', NULL,
	  "with --format csv: CSV for Dutch Excel (BOM, ';', CRLF, decimal comma)" },
	{ "lang", 0, required_argument, 'G', "nl|en",
	  "the language of the table's texts (default: the codeframe's)" },
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write the table to FILE (default: standard output)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_table_spec = {
	.name = "table",
	.fn = cmd_table,
	.needs = NEED_DB | READS_CODES,
	.summary = "themes by respondent group, with tests",
	.usage =
	  "qcode table [--by COL [--by COL2]] [--format md|csv|tsv] [--base respondents|mentions]\n"
	  "            [--excel] [--lang nl|en] [-o FILE]",
	.options = table_options,
};

int cmd_table(int argc, char **argv, qctx *ctx)
{
	const char *by[2];
	size_t nby = 0;
	const char *fmt = "md", *base = "respondents", *lang_opt = NULL, *path = NULL;
	int c, excel = 0;
	while ((c = cmd_getopt(argc, argv, table_options, ctx)) != -1) {
		if (c == 'b') {
			if (nby == 2)
				return cmd_usage_error(ctx, "at most two --by variables");
			by[nby++] = optarg;
		} else if (c == 'f') {
			fmt = optarg;
		} else if (c == 'B') {
			base = optarg;
		} else if (c == 'x') {
			excel = 1;
		} else if (c == 'o') {
			path = optarg;
		} else if (c == 'G') {
			lang_opt = optarg;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	int md = !strcmp(fmt, "md"), csv = !strcmp(fmt, "csv"), tsv = !strcmp(fmt, "tsv");
	if (!md && !csv && !tsv)
		return cmd_usage_error(ctx, "unknown table format '%s' (use md, csv or tsv)", fmt);
	int mentions = !strcmp(base, "mentions");
	if (!mentions && strcmp(base, "respondents"))
		return cmd_usage_error(ctx, "--base is respondents or mentions");
	if (excel && !csv)
		return cmd_usage_error(ctx, "--excel is for --format csv");
	int lang = lang_resolve(lang_opt, ctx->lex_dir);
	if (lang < 0)
		return error_last_code();
	crosstab x;
	if (crosstab_build(&x, ctx->db, ctx->lex_dir, by, nby, lang)) {
		crosstab_release(&x);
		return error_last_code() == EXIT_INPUT ? EXIT_INPUT : EXIT_DB;
	}
	/* for Dutch Excel: a byte order mark, ';' and CRLF */
	char sep = excel ? ';' : csv ? ',' : '\t';
	strbuf out, cell;
	sb_init(&out);
	sb_init(&cell);
	long all_mentions = 0;
	for (size_t g = 0; g < x.ng; g++)
		all_mentions += x.mentions[g];
	/* header */
	if (excel)
		sb_adds(&out, "\xEF\xBB\xBF");
	if (md) {
		sb_addf(&out, "| %s |", L(lang, "Thema", "Theme"));
		for (size_t g = 0; g < x.ng; g++)
			sb_addf(&out, " %s (N = %ld) |", sb_set_term(&cell, x.groups[g], 0), x.n[g]);
		if (x.ng > 1)
			sb_addf(&out, " %s (N = %ld) | p |", L(lang, "Totaal", "Total"), x.total);
		sb_adds(&out, "\n|---|");
		for (size_t g = 0; g < x.ng + (x.ng > 1 ? 2 : 0); g++)
			sb_adds(&out, "---:|");
		sb_addc(&out, '\n');
	} else {
		sb_adds(&out, "theme");
		for (size_t g = 0; g < x.ng; g++) {
			sb_addc(&out, sep);
			sb_reset(&cell);
			sb_addf(&cell, "%s n", x.groups[g]);
			fmt_sheet_field(&out, cell.buf, cell.len, sep);
			sb_addc(&out, sep);
			sb_reset(&cell);
			sb_addf(&cell, "%s %%", x.groups[g]);
			fmt_sheet_field(&out, cell.buf, cell.len, sep);
			sb_addc(&out, sep);
			sb_reset(&cell);
			sb_addf(&cell, "%s mark", x.groups[g]);
			fmt_sheet_field(&out, cell.buf, cell.len, sep);
		}
		sb_addf(&out, "%ctotal n%ctotal %%%cp%ctest%s", sep, sep, sep, sep, excel ? "\r\n" : "\n");
		sb_addf(&out, "N");
		for (size_t g = 0; g < x.ng; g++)
			sb_addf(&out, "%c%ld%c%c", sep, x.n[g], sep, sep);
		sb_addf(&out, "%c%ld%c%c%c%s", sep, x.total, sep, sep, sep, excel ? "\r\n" : "\n");
	}
	int any_fisher = 0;
	for (size_t t = 0; t < x.rv.nthemes; t++) {
		long tot = 0;
		for (size_t g = 0; g < x.ng; g++)
			tot += x.cnt[t * x.ng + g];
		int fisher = 0;
		double p = x.ng > 1 ? theme_p(&x, t, &fisher) : NAN;
		any_fisher |= fisher;
		if (md)
			sb_addf(&out, "| %s |", sb_set_term(&cell, x.rv.labels[t], 0));
		else
			fmt_sheet_field(&out, x.rv.labels[t], strlen(x.rv.labels[t]), sep);
		for (size_t g = 0; g < x.ng; g++) {
			long k = x.cnt[t * x.ng + g];
			long den = mentions ? x.mentions[g] : x.n[g];
			int mark = x.ng > 1 ? cell_mark(&x, t, g) : 0;
			const char *m = mark > 0 ? "▲" : mark < 0 ? "▼" : "";
			if (md) {
				if (den)
					sb_addf(&out, " %ld (%.0f%%)%s |", k, 100.0 * (double)k / (double)den, m);
				else
					sb_addf(&out, " %ld (–) |", k);
			} else {
				sb_addf(&out, "%c%ld%c", sep, k, sep);
				if (den)
					csv_num(&out, excel, "%.1f", 100.0 * (double)k / (double)den);
				sb_addf(&out, "%c%s", sep, mark > 0 ? "higher" : mark < 0 ? "lower" : "");
			}
		}
		long den = mentions ? all_mentions : x.total;
		if (md && x.ng > 1) {
			sb_addf(&out, " %ld (%.0f%%) |", tot, den ? 100.0 * (double)tot / (double)den : 0.0);
			if (isnan(p))
				sb_adds(&out, " – |");
			else
				sb_addf(&out, " %.3f%s |", no_neg_zero(p, 3), fisher ? "ᶠ" : "");
		} else if (!md) {
			sb_addf(&out, "%c%ld%c", sep, tot, sep);
			csv_num(&out, excel, "%.1f", den ? 100.0 * (double)tot / (double)den : 0.0);
			sb_addc(&out, sep);
			if (!isnan(p))
				csv_num(&out, excel, "%.4f", no_neg_zero(p, 4));
			sb_addf(&out, "%c%s", sep, isnan(p) ? "" : fisher ? "fisher" : "chi2");
		}
		sb_adds(&out, excel ? "\r\n" : "\n");
	}
	if (md) {
		sb_addf(&out, "\n%s", mentions
			? L(lang, "Percentages van de vermeldingen: het aandeel van elk thema in alle thema's die in de "
				  "groep gecodeerd zijn.\n",
			    "Percentages of mentions: each theme's share of all themes coded in the group.\n")
			: L(lang, "Percentages van de respondenten (antwoorden die niet leeg zijn); een antwoord kan "
				  "meer thema's hebben, dus een kolom hoeft niet op 100% uit te komen.\n",
			    "Percentages of respondents (answers that are not empty); an answer can have "
			    "several themes, so a column need not add up to 100%.\n"));
		if (x.ng > 1)
			sb_addf(&out, L(lang, "p: chi-kwadraattoets van het thema over de groepen%s. "
					      "▲/▼: de groep noemt het thema vaker/minder vaak dan de andere groepen "
					      "samen (2 x 2 chi-kwadraat, of Fishers exacte toets als een verwachte "
					      "frequentie onder 5 ligt), bij alfa = %.2f.\n",
					"p: chi-square test of the theme across the groups%s. "
					"▲/▼: the group mentions the theme more/less often than the other groups "
					"together (2 x 2 chi-square, or Fisher's exact test when an expected count "
					"is below 5), at alpha = %.2f.\n"),
				!any_fisher ? "" :
				L(lang, "; ᶠ Fishers exacte toets (Freeman-Halton), omdat een verwachte frequentie onder 5 ligt",
				  "; ᶠ Fisher's exact test (Freeman-Halton), as an expected count is below 5"),
				ALPHA);
		for (size_t g = 0; g < x.ng; g++)
			if (!x.n[g])
				sb_addf(&out, L(lang, "De groep '%s' heeft geen antwoorden.\n",
						"The group '%s' has no answers.\n"), sb_set_term(&cell, x.groups[g], 0));
	}
	int rc = EXIT_OK;
	if (path) {
		/* a file: the table as it is, private like every file of answers */
		FILE *f = outfile_open(path, OUTFILE_PRIVATE);
		if (!f) {
			rc = EXIT_IO;
		} else {
			fwrite(out.buf, 1, out.len, f);
			rc = finish_output(f, path) ? EXIT_IO : EXIT_OK;
			fclose(f);
		}
	} else if (!md && isatty(STDOUT_FILENO)) {
		/* CSV, TSV on a terminal: control characters shown, not obeyed */
		sb_reset(&cell);
		sb_add_term(&cell, out.buf, out.len, TERM_KEEP_TAB | TERM_KEEP_NL);
		fwrite(cell.buf, 1, cell.len, stdout);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
	sb_release(&out);
	sb_release(&cell);
	crosstab_release(&x);
	return rc;
}

static const cmd_option chart_options[] = {
	{ "output", 'o', required_argument, 'o', "FILE",
	  "the SVG file to write (needed)" },
	{ "by", 0, required_argument, 'b', "COL",
	  "a bar per group of COL" },
	{ "lang", 0, required_argument, 'G', "nl|en",
	  "the language of the chart's texts (default: the codeframe's)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_chart_spec = {
	.name = "chart",
	.fn = cmd_chart,
	.needs = NEED_DB | READS_CODES,
	.summary = "a bar chart of theme shares as SVG",
	.usage =
	  "qcode chart [--by COL] [--lang nl|en] -o FILE.svg",
	.options = chart_options,
};

int cmd_chart(int argc, char **argv, qctx *ctx)
{
	const char *by = NULL, *out = NULL, *lang_opt = NULL;
	int c;
	while ((c = cmd_getopt(argc, argv, chart_options, ctx)) != -1) {
		if (c == 'b')
			by = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'G')
			lang_opt = optarg;
		else
			return EXIT_USAGE;
	}
	if (!out || optind != argc)
		return cmd_usage_error(ctx, "chart needs -o FILE.svg");
	int lang = lang_resolve(lang_opt, ctx->lex_dir);
	if (lang < 0)
		return error_last_code();
	crosstab x;
	if (crosstab_build(&x, ctx->db, ctx->lex_dir, &by, by ? 1 : 0, lang)) {
		crosstab_release(&x);
		return error_last_code() == EXIT_INPUT ? EXIT_INPUT : EXIT_DB;
	}
	strbuf svg;
	sb_init(&svg);
	chart_svg(&x, &svg);
	crosstab_release(&x);
	FILE *f = outfile_open(out, OUTFILE_PRIVATE);
	int rc = EXIT_OK;
	if (!f) {
		rc = EXIT_IO;
	} else {
		fwrite(svg.buf, 1, svg.len, f);
		if (finish_output(f, out))
			rc = EXIT_IO;
		fclose(f);
	}
	sb_release(&svg);
	return rc;
}

/* ---- kwic ---- */

/* Up to width characters of s[0..n) ending at its end (left) or starting
   at its start, on one line, as a terminal may show them (sb_add_term). */
static void context(const char *s, size_t n, int width, int left, strbuf *out)
{
	strbuf raw;
	sb_init(&raw);
	/* count characters, flattening line ends */
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	size_t skip = left && chars > (size_t)width ? chars - (size_t)width : 0, seen = 0, shown = 0;
	if (left)
		for (size_t i = (size_t)width > chars ? (size_t)width - chars : 0; i > 0; i--)
			sb_addc(out, ' ');
	for (size_t i = 0; i < n; i++) {
		int lead = ((unsigned char)s[i] & 0xC0) != 0x80;
		if (lead)
			seen++;
		if (seen <= skip)
			continue;
		if (lead && !left && shown == (size_t)width)
			break;
		shown += lead;
		sb_addc(&raw, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
	}
	sb_add_term(out, raw.buf, raw.len, 0);
	sb_release(&raw);
}

/* One line of kwic: the id, the left context, [the match], the right context. */
static void kwic_line(strbuf *out, const char *id, const char *text, size_t s, size_t e, int width)
{
	strbuf shown;
	sb_init(&shown);
	sb_addf(out, "%-10s ", sb_set_term(&shown, id, 0));
	sb_release(&shown);
	context(text, s, width, 1, out);
	sb_adds(out, " [");
	sb_add_term(out, text + s, e - s, 0);
	sb_adds(out, "] ");
	context(text + e, strlen(text + e), width, 0, out);
	sb_addc(out, '\n');
}

/* kwic of a lexicon rule: where it matches in each answer. */
typedef struct kwic_rule {
	matcher *m;
	match_result res;
	int theme, rule;    /* the rule */
	int width;
	strbuf *out;
	long hits;
} kwic_rule;

static int kwic_rule_answer(const char *ext, size_t ext_len, const char *text, size_t len, void *ctx)
{
	(void)ext_len;
	kwic_rule *k = ctx;
	if (matcher_code(k->m, text, len, &k->res))
		return -1;
	for (size_t e = 0; e < k->res.nev; e++)
		if (k->res.ev[e].theme == k->theme && k->res.ev[e].rule == k->rule) {
			kwic_line(k->out, ext, text, k->res.ev[e].start, k->res.ev[e].end, k->width);
			k->hits++;
		}
	return 0;
}

/* kwic of a word or glob: where its stem, or the folded form, is in each answer. */
typedef struct kwic_word {
	stemmer *sm;
	strbuf fold;        /* the term folded */
	int glob;           /* it is a glob */
	char stem[256];     /* its stem */
	token_list tl;
	int width;
	strbuf *out;
	long hits;
} kwic_word;

static int kwic_word_answer(const char *ext, size_t ext_len, const char *text, size_t len, void *ctx)
{
	(void)ext_len;
	kwic_word *k = ctx;
	stem_trim(k->sm, 1u << 18);
	tokenize(k->sm, text, len, &k->tl);
	for (size_t i = 0; i < k->tl.n; i++) {
		const word_info *w = stem_word(k->sm, k->tl.v[i].word);
		int hit = k->glob ? fnmatch(k->fold.buf, w->fold, 0) == 0
				  : !strcmp(w->stem, k->stem) ||
					    (w->head >= 0 && !strcmp(stem_word(k->sm, w->head)->stem, k->stem));
		if (!hit)
			continue;
		kwic_line(k->out, ext, text, k->tl.v[i].start, k->tl.v[i].end, k->width);
		k->hits++;
	}
	return 0;
}
static const cmd_option kwic_options[] = {
	{ "width", 0, required_argument, 'w', "N",
	  "characters of context on each side, 1 to 500 (default: 40)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_kwic_spec = {
	.name = "kwic",
	.fn = cmd_kwic,
	.needs = NEED_DB,
	.summary = "keywords in context",
	.usage =
	  "qcode kwic [--width N] TERM     (a word, a glob, or THEME:RULE)",
	.options = kwic_options,
	.notes = "A word matches by stem, also as the head of a compound; THEME:RULE shows what\nthe rule matches with the lexicons as they are.",
};

int cmd_kwic(int argc, char **argv, qctx *ctx)
{
	long width = 40;
	int c;
	while ((c = cmd_getopt(argc, argv, kwic_options, ctx)) != -1) {
		if (c == 'w') {
			if (cmd_parse_long(ctx, "--width", optarg, 1, 500, &width))
				return EXIT_USAGE;
		} else {
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(ctx, "kwic needs one TERM (a word, a glob or THEME:RULE)");
	const char *term = argv[optind];
	stemmer *sm = cmd_stemmer(ctx);
	if (!sm)
		return EXIT_INPUT;
	strbuf out;
	sb_init(&out);
	long hits = 0;
	const char *colon = strchr(term, ':');
	if (colon) {
		/* a lexicon rule: what it matches in every answer now, as the
		   matcher finds it (compound heads, groups, phrases and all), in
		   themes coded or not; vetoed and negated matches are not shown */
		if (!ctx->lex && !(ctx->lex = lexicon_load_dir(ctx->lex_dir, sm)))
			return error_last_code();
		char *key = xstrndup(term, (size_t)(colon - term));
		int t = lexicon_theme_index(ctx->lex, key), r = -1;
		for (size_t k = 0; t >= 0 && k < ctx->lex->themes[t].nrules && r < 0; k++)
			if (!strcmp(ctx->lex->themes[t].rules[k].id, colon + 1))
				r = (int)k;
		if (t < 0 || r < 0) {
			if (t < 0)
				error("unknown theme '%s'", key);
			else
				error("theme '%s' has no rule '%s' (qcode lexicon show %s lists them)",
				      key, colon + 1, key);
			free(key);
			return EXIT_INPUT;
		}
		free(key);
		kwic_rule kr = { matcher_new(ctx->lex, sm), { 0 }, t, r, (int)width, &out, 0 };
		match_result_init(&kr.res);
		kr.res.all_themes = 1;
		int rc = project_answers_each(ctx->db, 0, kwic_rule_answer, &kr);
		match_result_release(&kr.res);
		matcher_free(kr.m);
		hits = kr.hits;
		if (rc) {
			sb_release(&out);
			return error_last_code();
		}
	} else {
		/* a word (by its stem, or its compound head's, as a lexicon word
		   matches) or a glob (on the folded form) */
		kwic_word kw;
		memset(&kw, 0, sizeof(kw));
		kw.sm = sm;
		kw.width = (int)width;
		kw.out = &out;
		sb_init(&kw.fold);
		utf8_fold(term, strlen(term), &kw.fold);
		kw.glob = strpbrk(kw.fold.buf, "*?") != NULL;
		stem_one(sm, kw.fold.buf, kw.fold.len, kw.stem, sizeof(kw.stem));
		token_list_init(&kw.tl);
		int rc = project_answers_each(ctx->db, 0, kwic_word_answer, &kw);
		token_list_release(&kw.tl);
		sb_release(&kw.fold);
		hits = kw.hits;
		if (rc) {
			sb_release(&out);
			return error_last_code();
		}
	}
	fwrite(out.buf, 1, out.len, stdout);
	sb_release(&out);
	fprintf(stderr, "%ld occurrence%s of '%s'\n", hits, hits == 1 ? "" : "s", term);
	return EXIT_OK;
}
