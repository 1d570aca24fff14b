/*
 * cmd_quotes: `qcode quotes` (representative quotes per theme), `qcode
 * scrub` (anonymise any text) and `qcode appendix` (the quote appendix of
 * a report, Markdown or one self-contained HTML file).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "crosstab.h"
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
	const char *order;   /* comma-separated keys */
} qopts;

static int parse(int argc, char **argv, qctx *ctx, qopts *o, int appendix)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "min-words", required_argument, NULL, 'm' },
		{ "max-words", required_argument, NULL, 'M' },
		{ "explain", no_argument, NULL, 'e' },
		{ "no-scrub", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "title", required_argument, NULL, 'T' },
		{ "order", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	memset(o, 0, sizeof(*o));
	o->q.k = 3;
	o->q.min_words = 8;
	o->q.max_words = 80;
	int c;
	while ((c = cmd_getopt(argc, argv, "k:o:", opts, ctx)) != -1) {
		switch (c) {
		case 'k': o->q.k = atoi(optarg); break;
		case 't': o->theme = optarg; break;
		case 'b': o->q.by = optarg; break;
		case 'm': o->q.min_words = atoi(optarg); break;
		case 'M': o->q.max_words = atoi(optarg); break;
		case 'e': o->explain = 1; break;
		case 'n': o->no_scrub = 1; break;
		case 'o': o->out = optarg; break;
		case 'f': o->format = optarg; break;
		case 'T': o->title = optarg; break;
		case 'O': o->order = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (o->q.k < 1 || o->q.k > 10000)
		return cmd_usage_error(ctx, "-k takes 1 to 10000 quotes");
	if (o->q.min_words < 0 || o->q.max_words < o->q.min_words)
		return cmd_usage_error(ctx, "--min-words must be at most --max-words");
	if (!appendix && (o->format || o->title || o->order))
		return cmd_usage_error(ctx, "--format, --title and --order belong to 'qcode appendix'");
	return -1;
}

/* Quotes for every theme, and the theme order (frequency, or --order). */
static int choose(qctx *ctx, qopts *o, reviewer *rv, theme_quotes **tq, long *answers, int *order)
{
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
	stemmer *st = cmd_stemmer(ctx);
	if (!st || quotes_select(rv, st, &o->q, tq, answers))
		return EXIT_DB;
	size_t nt = rv->nthemes, k = 0;
	if (o->order) {
		char *copy = xstrdup(o->order), *save = NULL;
		for (char *key = strtok_r(copy, ", ", &save); key; key = strtok_r(NULL, ", ", &save)) {
			int t = reviewer_theme(rv, key);
			if (t < 0) {
				error("--order: unknown theme '%s'", key);
				free(copy);
				return EXIT_INPUT;
			}
			order[k++] = t;
		}
		free(copy);
	}
	/* the themes not given in --order follow by frequency, then by key */
	for (size_t i = 0; i < nt; i++) {
		size_t best = nt;
		for (size_t t = 0; t < nt; t++) {
			int used = 0;
			for (size_t j = 0; j < k; j++)
				used |= order[j] == (int)t;
			if (!used && (best == nt || (*tq)[t].coded > (*tq)[best].coded))
				best = t;
		}
		if (best < nt)
			order[k++] = (int)best;
	}
	return -1;
}

int cmd_quotes(int argc, char **argv, qctx *ctx)
{
	qopts o;
	int rc = parse(argc, argv, ctx, &o, 0);
	if (rc >= 0)
		return rc;
	reviewer rv;
	memset(&rv, 0, sizeof(rv));
	theme_quotes *tq = NULL;
	long answers = 0;
	int order[256];
	rc = choose(ctx, &o, &rv, &tq, &answers, order);
	scrubber *sc = scrub_new();
	strbuf text;
	sb_init(&text);
	for (size_t i = 0; rc < 0 && i < rv.nthemes && i < 256; i++) {
		int t = order[i];
		if (o.theme && strcmp(o.theme, rv.keys[t]))
			continue;
		printf("## %s: %s (%ld answers, %zu with it as primary)\n", rv.keys[t], rv.labels[t],
		       tq[t].coded, tq[t].candidates);
		if (!tq[t].candidates)
			printf("   no answers\n");
		if (tq[t].fallback)
			printf("   no answer of %d to %d words: the nearest lengths\n", o.q.min_words, o.q.max_words);
		for (size_t j = 0; j < tq[t].n; j++) {
			const quote *q = &tq[t].q[j];
			sb_reset(&text);
			if (o.no_scrub)
				sb_adds(&text, q->text);
			else
				scrub_text(sc, q->text, strlen(q->text), &text);
			printf("%zu. %s%s%s%s  %s\n", j + 1, q->ext_id, q->group ? " [" : "",
			       q->group ? q->group : "", q->group ? "]" : "", text.buf);
			if (o.explain)
				printf("   cosine %.3f, strength %.3f -> representativeness %.3f = %.1f x cosine + %.1f x strength;"
				       " redundancy %.3f; MMR %.3f = %.1f x %.3f - %.1f x %.3f; %d words\n",
				       q->cosine, q->strength, q->rep, 1 - QUOTES_STRENGTH, QUOTES_STRENGTH,
				       q->redundancy, q->mmr, QUOTES_LAMBDA, q->rep, 1 - QUOTES_LAMBDA,
				       q->redundancy, q->words);
		}
		if (tq[t].n < (size_t)o.q.k && tq[t].candidates)
			printf("   (%zu of the %d asked: all there are)\n", tq[t].n, o.q.k);
		printf("\n");
	}
	sb_release(&text);
	scrub_free(sc);
	quotes_release(tq, rv.nthemes);
	reviewer_release(&rv);
	return rc < 0 ? EXIT_OK : rc;
}

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
	fwrite(out.buf, 1, out.len, stdout);
	fprintf(stderr, "%zu item%s of personal data replaced\n", n, n == 1 ? "" : "s");
	scrub_free(sc);
	sb_release(&in);
	sb_release(&out);
	return EXIT_OK;
}

/* ---- appendix ---- */

static void html_esc(strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '&': sb_adds(out, "&amp;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\n': sb_adds(out, "<br>"); break;
		default: sb_addc(out, s[i]);
		}
	}
}

/* Markdown: a block quote, line ends kept inside the quote. */
static void md_quote(strbuf *out, const char *s)
{
	sb_adds(out, "> ");
	for (; *s; s++) {
		if (*s == '\n')
			sb_adds(out, "\n> ");
		else
			sb_addc(out, *s);
	}
	sb_addc(out, '\n');
}

/* The quote in HTML: scrubbed, with the evidence of its theme marked. */
static void html_quote(strbuf *out, db *d, scrubber *sc, const quote *q, const char *theme, int no_scrub)
{
	const char *t = q->text;
	size_t len = strlen(t);
	scrub_span *sp = NULL;
	size_t nsp = 0, alloc = 0;
	if (!no_scrub)
		scrub_find(sc, t, len, &sp, &nsp, &alloc);
	unsigned char *mark = xcalloc(len + 1, 1);
	sqlite3_stmt *st = db_prepare(d,
		"SELECT e.start, e.end FROM evidence e JOIN latest_coded l ON l.answer_id = e.answer_id"
		" AND l.run_id = e.run_id WHERE e.answer_id = ? AND e.theme = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, q->id);
		sqlite3_bind_text(st, 2, theme, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			size_t s = (size_t)sqlite3_column_int64(st, 0), e = (size_t)sqlite3_column_int64(st, 1);
			for (size_t i = s; i < e && i < len; i++)
				mark[i] = 1;
		}
		sqlite3_finalize(st);
	}
	int open = 0;
	size_t k = 0;
	for (size_t i = 0; i < len;) {
		if (k < nsp && sp[k].start == i) {
			if (open) {
				sb_adds(out, "</mark>");
				open = 0;
			}
			sb_adds(out, "<span class=\"scrubbed\">");
			html_esc(out, sp[k].tag, strlen(sp[k].tag));
			sb_adds(out, "</span>");
			i = sp[k++].end;
			continue;
		}
		if (mark[i] && !open) {
			sb_adds(out, "<mark>");
			open = 1;
		} else if (!mark[i] && open) {
			sb_adds(out, "</mark>");
			open = 0;
		}
		html_esc(out, t + i, 1);
		i++;
	}
	if (open)
		sb_adds(out, "</mark>");
	free(mark);
	free(sp);
}

static void method_line(strbuf *out, db *d, const qopts *o, int html)
{
	char now[24];
	db_now(now);
	long long run = 0;
	char hash[16] = "-";
	sqlite3_stmt *st = db_prepare(d,
		"SELECT r.id, substr(l.hash, 1, 12) FROM runs r JOIN lexicon_versions l ON l.id = r.lexicon_id"
		" WHERE r.finished IS NOT NULL ORDER BY r.id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		run = sqlite3_column_int64(st, 0);
		snprintf(hash, sizeof(hash), "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	sb_addf(out, "%sMethode: citaten gekozen met qcode %s. Kandidaten per thema zijn de antwoorden met dat "
		     "thema als hoofdthema (na beoordeling). Representativiteit = %.1f x cosinus-gelijkenis van de "
		     "TF-IDF-stamvector met het zwaartepunt van het thema + %.1f x codeersterkte; gekozen met "
		     "maximal marginal relevance (lambda %.1f), zodat citaten elkaar niet herhalen; antwoorden van %d "
		     "tot %d woorden%s. Lexicon %s, codeerronde %lld, %s. %s%s\n",
		html ? "<p class=\"method\">" : "*", QCODE_VERSION, 1 - QUOTES_STRENGTH, QUOTES_STRENGTH,
		QUOTES_LAMBDA, o->q.min_words, o->q.max_words,
		o->q.by ? "; verdeeld over de groepen" : "", hash, run, now,
		o->no_scrub ? "Persoonsgegevens NIET verwijderd (--no-scrub)." :
			      "Persoonsgegevens (e-mail, telefoon, postcode, BSN, IBAN, URL) zijn vervangen.",
		html ? "</p>" : "*");
}

int cmd_appendix(int argc, char **argv, qctx *ctx)
{
	qopts o;
	int rc = parse(argc, argv, ctx, &o, 1);
	if (rc >= 0)
		return rc;
	const char *fmt = o.format;
	if (!fmt && o.out) {
		const char *dot = strrchr(o.out, '.');
		fmt = dot && !strcmp(dot, ".html") ? "html" : "md";
	}
	if (!fmt)
		fmt = "md";
	int html = !strcmp(fmt, "html");
	if (!html && strcmp(fmt, "md"))
		return cmd_usage_error(ctx, "unknown appendix format '%s' (use md or html; DOCX, ODT and PDF: scripts/appendix.sh)", fmt);
	const char *title = o.title ? o.title : "Bijlage: citaten per thema";
	reviewer rv;
	memset(&rv, 0, sizeof(rv));
	theme_quotes *tq = NULL;
	long answers = 0;
	int order[256];
	rc = choose(ctx, &o, &rv, &tq, &answers, order);
	if (rc >= 0) {
		quotes_release(tq, rv.nthemes);
		reviewer_release(&rv);
		return rc;
	}
	/* open the output first: an unwritable path fails before any work shows */
	FILE *f = o.out ? outfile_open(o.out, OUTFILE_PRIVATE) : stdout;
	if (!f) {
		quotes_release(tq, rv.nthemes);
		reviewer_release(&rv);
		return EXIT_IO;
	}
	scrubber *sc = scrub_new();
	strbuf out, text;
	sb_init(&out);
	sb_init(&text);
	if (html) {
		sb_adds(&out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		html_esc(&out, title, strlen(title));
		sb_adds(&out, "</title>\n<style>\nbody{font-family:Georgia,serif;max-width:46em;margin:2em auto;"
			      "padding:0 1em;line-height:1.5;color:#222}\nh1{font-size:1.6em}h2{font-size:1.25em;"
			      "margin-top:2em;border-bottom:1px solid #ccc}\nblockquote{margin:1em 0;padding:.4em 1em;"
			      "border-left:4px solid #1b6ca8;background:#f6f8fa}\nmark{background:#ffe58a}\n"
			      ".tag{color:#555;font-style:italic}.count{color:#444}.scrubbed{color:#a00}\n"
			      "svg{max-width:100%;height:auto}\n.method{font-size:.85em;color:#555;margin-top:3em}\n</style>\n</head>\n<body>\n<h1>");
		html_esc(&out, title, strlen(title));
		sb_adds(&out, "</h1>\n");
		crosstab x;
		const char *by = o.q.by;
		if (crosstab_build(&x, ctx->db, ctx->lex_dir, &by, by ? 1 : 0) == 0) {
			sb_adds(&out, "<figure>\n");
			chart_svg(&x, &out);
			sb_adds(&out, "</figure>\n");
		}
		crosstab_release(&x);
	} else {
		sb_addf(&out, "# %s\n", title);
	}
	for (size_t i = 0; i < rv.nthemes && i < 256; i++) {
		int t = order[i];
		if (o.theme && strcmp(o.theme, rv.keys[t]))
			continue;
		double share = answers ? 100.0 * (double)tq[t].coded / (double)answers : 0;
		if (html) {
			sb_adds(&out, "<h2>");
			html_esc(&out, rv.labels[t], strlen(rv.labels[t]));
			sb_addf(&out, "</h2>\n<p class=\"count\">%ld van de %ld antwoorden (%.0f%%) zijn met dit thema "
				      "gecodeerd, %zu als hoofdthema.</p>\n", tq[t].coded, answers, share, tq[t].candidates);
		} else {
			sb_addf(&out, "\n## %s\n\n%ld van de %ld antwoorden (%.0f%%) zijn met dit thema gecodeerd, %zu als hoofdthema.\n",
				rv.labels[t], tq[t].coded, answers, share, tq[t].candidates);
		}
		if (!tq[t].candidates)
			sb_adds(&out, html ? "<p><em>Geen antwoorden.</em></p>\n" : "\n*Geen antwoorden.*\n");
		if (tq[t].fallback)
			sb_addf(&out, html ? "<p><em>Geen antwoord van %d tot %d woorden; de dichtstbijzijnde lengtes zijn gekozen.</em></p>\n"
					   : "\n*Geen antwoord van %d tot %d woorden; de dichtstbijzijnde lengtes zijn gekozen.*\n",
				o.q.min_words, o.q.max_words);
		for (size_t j = 0; j < tq[t].n; j++) {
			const quote *q = &tq[t].q[j];
			if (html) {
				sb_addf(&out, "<blockquote data-id=\"%s\">", q->ext_id);
				html_quote(&out, ctx->db, sc, q, rv.keys[t], o.no_scrub);
				if (q->group) {
					sb_adds(&out, " <span class=\"tag\">(");
					html_esc(&out, q->group, strlen(q->group));
					sb_adds(&out, ")</span>");
				}
				sb_adds(&out, "</blockquote>\n");
			} else {
				sb_reset(&text);
				if (o.no_scrub)
					sb_adds(&text, q->text);
				else
					scrub_text(sc, q->text, strlen(q->text), &text);
				sb_addf(&out, "\n<!-- %s -->\n", q->ext_id);
				md_quote(&out, text.buf);
				if (q->group)
					sb_addf(&out, ">\n> *(%s)*\n", q->group);
			}
		}
	}
	if (!html)
		sb_addc(&out, '\n');
	method_line(&out, ctx->db, &o, html);
	if (html)
		sb_adds(&out, "</body>\n</html>\n");
	fwrite(out.buf, 1, out.len, f);
	rc = finish_output(f, o.out ? o.out : "stdout") ? EXIT_IO : EXIT_OK;
	if (f != stdout)
		fclose(f);
	sb_release(&out);
	sb_release(&text);
	scrub_free(sc);
	quotes_release(tq, rv.nthemes);
	reviewer_release(&rv);
	return rc;
}
