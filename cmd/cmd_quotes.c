/*
 * cmd_quotes: `qcode quotes` (representative quotes per theme, as text or
 * TSV), `qcode scrub` (anonymise any text) and `qcode appendix` (the quote
 * appendix of a report, rendered by appendix.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "lang.h"
#include "appendix.h"
#include "crosstab.h"
#include "project.h"
#include "outfile.h"
#include "quotes.h"
#include "scrub.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

typedef struct qopts {
	quote_opts q;
	const char *theme;   /* only this theme */
	int explain;
	int no_scrub;
	const char *out;
	const char *format;
	const char *title;
	const char *lang;    /* --lang, or NULL */
	const char *order;   /* comma-separated keys */
	const char **where;  /* --where COL=VALUE conditions */
	size_t nwhere;
	long long *only;     /* the answers they leave, when any */
} qopts;

static void qopts_release(qopts *o)
{
	free(o->where);
	free(o->only);
}

/* The options of quotes and appendix alike: how the quotes are chosen. */
#define CHOICE_OPTIONS \
	{ NULL, 'k', required_argument, 'k', "N", \
	  "quotes per theme (default: 3)" }, \
	{ "theme", 0, required_argument, 't', "T", \
	  "only theme T" }, \
	{ "by", 0, required_argument, 'b', "COL", \
	  "spread the quotes over the groups of COL" }, \
	{ "min-words", 0, required_argument, 'm', "N", \
	  "shortest answer to quote, in words (default: 8)" }, \
	{ "max-words", 0, required_argument, 'M', "N", \
	  "longest answer to quote, in words (default: 80)" }, \
	{ "where", 0, required_argument, 'w', "COL=VALUE", \
	  "only the answers whose COL is VALUE; repeat for more conditions" }, \
	{ "reviewed-only", 0, no_argument, 'r', NULL, \
	  "only answers whose theme a human decided or accepted" }, \
	{ "no-scrub", 0, no_argument, 'n', NULL, \
	  "leave personal data in (e-mail addresses, phone numbers, ...)" },

static const cmd_option quotes_options[] = {
	CHOICE_OPTIONS
	{ "explain", 0, no_argument, 'e', NULL,
	  "show every part of each quote's score" },
	{ "format", 0, required_argument, 'f', "FORMAT",
	  "text or tsv (default: text)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const cmd_option appendix_options[] = {
	CHOICE_OPTIONS
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (default: standard output)" },
	{ "format", 0, required_argument, 'f', "FORMAT",
	  "md or html (default: from -o's name, else md)" },
	{ "title", 0, required_argument, 'T', "TEXT",
	  "the document's title" },
	{ "order", 0, required_argument, 'O', "T1,T2,...",
	  "these themes first, the rest by how often they are coded" },
	{ "lang", 0, required_argument, 'G', "nl|en",
	  "the language of the texts it adds (default: the codeframe's)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static int parse(int argc, char **argv, qctx *ctx, qopts *o, int appendix)
{
	memset(o, 0, sizeof(*o));
	o->q.k = 3;
	o->q.min_words = 8;
	o->q.max_words = 80;
	o->where = xcalloc((size_t)argc + 1, sizeof(char *));
	long v;
	int c;
	while ((c = cmd_getopt(argc, argv, appendix ? appendix_options : quotes_options, ctx)) != -1) {
		switch (c) {
		case 'k':
			if (cmd_parse_long(ctx, "-k", optarg, 1, 10000, &v))
				return EXIT_USAGE;
			o->q.k = (int)v;
			break;
		case 't': o->theme = optarg; break;
		case 'b': o->q.by = optarg; break;
		case 'm':
			if (cmd_parse_long(ctx, "--min-words", optarg, 0, 1000000, &v))
				return EXIT_USAGE;
			o->q.min_words = (int)v;
			break;
		case 'M':
			if (cmd_parse_long(ctx, "--max-words", optarg, 0, 1000000, &v))
				return EXIT_USAGE;
			o->q.max_words = (int)v;
			break;
		case 'e': o->explain = 1; break;
		case 'n': o->no_scrub = 1; break;
		case 'o': o->out = optarg; break;
		case 'f': o->format = optarg; break;
		case 'T': o->title = optarg; break;
		case 'O': o->order = optarg; break;
		case 'w': o->where[o->nwhere++] = optarg; break;
		case 'r': o->q.reviewed_only = 1; break;
		case 'G': o->lang = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (o->q.max_words < o->q.min_words)
		return cmd_usage_error(ctx, "--min-words must be at most --max-words");
	if (!appendix && o->format && strcmp(o->format, "text") && strcmp(o->format, "tsv"))
		return cmd_usage_error(ctx, "unknown quotes format '%s' (use text or tsv)", o->format);
	return -1;
}

/* --where: the answers left, as the quote options' subset. */
static int subset(qctx *ctx, qopts *o)
{
	if (!o->nwhere)
		return 0;
	project_answers pa;
	int bad = project_answers_load(ctx->db, &pa);
	for (size_t i = 0; !bad && i < o->nwhere; i++)
		bad = project_where(ctx->db, &pa, o->where[i]);
	if (!bad) {
		o->only = xcalloc(pa.n + 1, sizeof(long long));
		for (size_t i = 0; i < pa.n; i++)
			if (pa.in[i])
				o->only[o->q.nonly++] = pa.ids[i];
		o->q.only = o->only;
	}
	project_answers_release(&pa);
	return bad ? -1 : 0;
}

/* Quotes for every theme, and the theme order (frequency, or --order): order has rv->nthemes places. */
/* The quotes chosen: the project's themes, each theme's quotes, the order
   of the headings and the answers they were chosen from. */
typedef struct chosen {
	reviewer rv;
	theme_quotes *tq;
	int *order;
	long answers;
} chosen;

static void chosen_release(chosen *c)
{
	quotes_release(c->tq, c->rv.nthemes);
	reviewer_release(&c->rv);
	free(c->order);
}

/* Choose the quotes of o into c (zeroed first): -1, or an exit code after
   reporting. */
static int choose(qctx *ctx, qopts *o, chosen *c)
{
	reviewer *rv = &c->rv;
	if (reviewer_init(rv, ctx->db, "quotes", 0, ctx->lex_dir))
		return error_last_code();
	if (o->q.by) {
		strbuf names;
		sb_init(&names);
		if (!crosstab_has_group(ctx->db, o->q.by, &names)) {
			error("no group variable '%s'; the project has: %s", o->q.by,
			      names.len ? names.buf : "none (import with --group COL)");
			sb_release(&names);
			return EXIT_INPUT;
		}
		sb_release(&names);
	}
	if (o->theme && reviewer_theme(rv, o->theme) < 0) {
		error("unknown theme '%s'", o->theme);
		return EXIT_INPUT;
	}
	if (subset(ctx, o))
		return error_last_code();
	stemmer *st = cmd_stemmer(ctx);
	if (!st || quotes_select(rv, st, &o->q, &c->tq, &c->answers))
		return EXIT_DB;
	c->order = xcalloc(rv->nthemes + 1, sizeof(int));
	if (quotes_order(rv, c->tq, o->order, c->order))
		return EXIT_INPUT;
	return -1;
}

const cmd_spec cmd_quotes_spec = {
	.name = "quotes",
	.fn = cmd_quotes,
	.needs = NEED_DB | NEED_STEMMER | READS_CODES,
	.summary = "representative quotes per theme",
	.usage =
	  "qcode quotes [--theme T] [-k 3] [--by COL] [--min-words 8] [--max-words 80] [--explain]\n"
	  "             [--where COL=VALUE]... [--reviewed-only] [--format text|tsv] [--no-scrub]",
	.options = quotes_options,
};

int cmd_quotes(int argc, char **argv, qctx *ctx)
{
	qopts o;
	chosen c;
	memset(&c, 0, sizeof(c));
	int rc = parse(argc, argv, ctx, &o, 0);
	if (rc < 0)
		rc = choose(ctx, &o, &c);
	int tsv = o.format && !strcmp(o.format, "tsv");
	scrubber *sc = rc < 0 ? scrub_new() : NULL;
	strbuf text, line; /* line: what goes to the terminal, escaped (sb_add_term) */
	sb_init(&text);
	sb_init(&line);
	if (rc < 0 && tsv)
		printf("theme\trank\tid\tgroup\tconfirmed\tscore\tclarity\tshare\trules\tlead\tmargin\tdensity"
		       "\tcosine\tstrength\tmmr\twords\ttext\n");
	for (size_t i = 0; rc < 0 && i < c.rv.nthemes; i++) {
		int t = c.order[i];
		if (o.theme && strcmp(o.theme, c.rv.keys[t]))
			continue;
		if (!tsv) {
			sb_reset(&line);
			sb_adds(&line, "## ");
			sb_add_term(&line, c.rv.keys[t], strlen(c.rv.keys[t]), 0);
			sb_adds(&line, ": ");
			sb_add_term(&line, c.rv.labels[t], strlen(c.rv.labels[t]), 0);
			printf("%s (%ld answer%s, %zu with it as primary)\n", line.buf, c.tq[t].coded,
			       plural_s(c.tq[t].coded), c.tq[t].candidates);
			if (!c.tq[t].candidates)
				printf("   no answers\n");
			if (c.tq[t].fallback)
				printf("   no answer of %d to %d words: the nearest lengths\n", o.q.min_words, o.q.max_words);
		}
		for (size_t j = 0; j < c.tq[t].n; j++) {
			const quote *q = &c.tq[t].q[j];
			sb_reset(&text);
			if (o.no_scrub)
				sb_adds(&text, q->text);
			else
				scrub_text(sc, q->text, strlen(q->text), &text);
			if (tsv) {
				sb_reset(&line);
				sb_addf(&line, "%s\t%zu\t", c.rv.keys[t], j + 1);
				sb_add_term(&line, q->ext_id, strlen(q->ext_id), TERM_TSV);
				sb_addc(&line, '\t');
				if (q->group)
					sb_add_term(&line, q->group, strlen(q->group), TERM_TSV);
				sb_addf(&line, "\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.0f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t",
					q->confirmed, no_neg_zero(q->rep, 4), no_neg_zero(q->clarity, 4),
					q->parts.share, q->parts.rules, q->parts.lead, q->parts.margin,
					q->parts.density, no_neg_zero(q->cosine, 4), q->strength,
					no_neg_zero(q->mmr, 4), q->words);
				sb_add_term(&line, text.buf, text.len, TERM_TSV);
				sb_addc(&line, '\n');
				fwrite(line.buf, 1, line.len, stdout);
				continue;
			}
			sb_reset(&line);
			sb_addf(&line, "%zu. ", j + 1);
			sb_add_term(&line, q->ext_id, strlen(q->ext_id), 0);
			if (q->group) {
				sb_adds(&line, " [");
				sb_add_term(&line, q->group, strlen(q->group), 0);
				sb_addc(&line, ']');
			}
			if (q->confirmed)
				sb_adds(&line, " (confirmed)");
			sb_adds(&line, "  ");
			sb_add_term(&line, text.buf, text.len, TERM_KEEP_NL | TERM_KEEP_TAB);
			sb_addc(&line, '\n');
			fwrite(line.buf, 1, line.len, stdout);
			if (o.explain)
				printf("   clarity %.3f = mean of share %.3f, rules %.3f, lead %.0f, margin %.3f, density %.3f;"
				       " cosine %.3f; strength %.3f -> score %.3f = %.1f x clarity + %.1f x cosine + %.1f x strength;"
				       " redundancy %.3f; MMR %.3f = %.1f x %.3f - %.1f x %.3f; %d word%s\n",
				       q->clarity, q->parts.share, q->parts.rules, q->parts.lead, q->parts.margin,
				       q->parts.density, no_neg_zero(q->cosine, 3), q->strength, no_neg_zero(q->rep, 3),
				       QUOTES_W_CLARITY, QUOTES_W_COSINE, QUOTES_W_STRENGTH,
				       no_neg_zero(q->redundancy, 3), no_neg_zero(q->mmr, 3), QUOTES_LAMBDA,
				       no_neg_zero(q->rep, 3), 1 - QUOTES_LAMBDA, no_neg_zero(q->redundancy, 3),
				       q->words, plural_s(q->words));
		}
		if (!tsv && c.tq[t].n < (size_t)o.q.k && c.tq[t].candidates)
			printf("   (%zu of the %d asked: all there are)\n", c.tq[t].n, o.q.k);
		if (!tsv)
			printf("\n");
	}
	sb_release(&text);
	sb_release(&line);
	scrub_free(sc);
	chosen_release(&c);
	qopts_release(&o);
	if (rc >= 0)
		return rc;
	return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
}

const cmd_spec cmd_scrub_spec = {
	.name = "scrub",
	.fn = cmd_scrub,
	.needs = 0,
	.summary = "remove personal data from a text",
	.usage =
	  "qcode scrub [FILE|-]",
};

int cmd_scrub(int argc, char **argv, qctx *ctx)
{
	if (argc > 2)
		return cmd_usage_error(ctx, "scrub takes at most one file");
	strbuf in, out;
	sb_init(&in);
	sb_init(&out);
	if (read_file(argc == 2 ? argv[1] : "-", &in)) {
		sb_release(&in);
		return error_last_code();
	}
	scrubber *sc = scrub_new();
	size_t n = sc ? scrub_text(sc, in.buf, in.len, &out) : 0;
	if (isatty(STDOUT_FILENO)) {
		/* on a terminal: control characters shown, not obeyed */
		sb_reset(&in);
		sb_add_term(&in, out.buf, out.len, TERM_KEEP_TAB | TERM_KEEP_NL);
		fwrite(in.buf, 1, in.len, stdout);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
	fprintf(stderr, "%zu item%s of personal data replaced\n", n, n == 1 ? "" : "s");
	scrub_free(sc);
	sb_release(&in);
	sb_release(&out);
	return EXIT_OK;
}

/* ---- appendix ---- */

const cmd_spec cmd_appendix_spec = {
	.name = "appendix",
	.fn = cmd_appendix,
	.needs = NEED_DB | NEED_STEMMER | READS_CODES,
	.summary = "the quote appendix of a report (Markdown or HTML)",
	.usage =
	  "qcode appendix [-o FILE] [--format md|html] [--by COL] [--title TEXT] [--order T1,T2,...]\n"
	  "               [-k 3] [--min-words 8] [--max-words 80] [--where COL=VALUE]... [--reviewed-only]\n"
	  "               [--no-scrub] [--lang nl|en]",
	.options = appendix_options,
	.notes = "DOCX, ODT and PDF: scripts/appendix.sh (pandoc).",
};

int cmd_appendix(int argc, char **argv, qctx *ctx)
{
	qopts o;
	chosen c;
	memset(&c, 0, sizeof(c));
	FILE *f = NULL;
	int rc = parse(argc, argv, ctx, &o, 1);
	if (rc >= 0)
		goto out;
	const char *fmt = o.format;
	if (!fmt && o.out) {
		const char *dot = strrchr(o.out, '.');
		fmt = dot && !strcmp(dot, ".html") ? "html" : "md";
	}
	if (!fmt)
		fmt = "md";
	int html = !strcmp(fmt, "html");
	if (!html && strcmp(fmt, "md")) {
		rc = cmd_usage_error(ctx, "unknown appendix format '%s' (use md or html; DOCX, ODT and PDF: scripts/appendix.sh)", fmt);
		goto out;
	}
	int lang = lang_resolve(o.lang, ctx->lex_dir);
	if (lang < 0) {
		rc = error_last_code();
		goto out;
	}
	rc = choose(ctx, &o, &c);
	if (rc >= 0)
		goto out;
	/* open the output first: an unwritable path fails before any work shows */
	f = o.out ? outfile_open(o.out, OUTFILE_PRIVATE) : stdout;
	if (!f) {
		rc = EXIT_IO;
		goto out;
	}
	quotes_doc qd = { .title = o.title, .html = html, .lang = lang, .no_scrub = o.no_scrub,
			  .version = QCODE_VERSION, .only_theme = o.theme };
	strbuf out;
	sb_init(&out);
	if (quotes_appendix(&c.rv, ctx->lex_dir, &o.q, c.tq, c.order, c.answers, &qd, &out)) {
		sb_release(&out);
		rc = error_last_code();
		goto out;
	}
	fwrite(out.buf, 1, out.len, f);
	rc = finish_output(f, o.out ? o.out : "stdout") ? EXIT_IO : EXIT_OK;
	sb_release(&out);
out:
	if (f && f != stdout)
		fclose(f);
	chosen_release(&c);
	qopts_release(&o);
	return rc;
}
