/*
 * cmd_project: commands that read the project -- `runs`, `diff`,
 * `summary` and `export` (CSV, also for Dutch Excel, JSON Lines, .sav and
 * an .xlsx workbook with the codeframe and a method note beside the answers).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "format.h"
#include "lang.h"
#include "outfile.h"
#include "project.h"
#include "review.h"
#include "sav.h"
#include "xlsxw.h"

/* A line of `qcode runs`; stopped runs are gathered in ctx. */
static int run_line(const project_run *r, void *ctx)
{
	strbuf *stopped = ((void **)ctx)[0];
	db *d = ((void **)ctx)[1];
	int alive = r->finished ? 0 : db_run_alive(d, r->id);
	if (!r->finished && alive == 0)
		sb_addf(stopped, "%s%lld", stopped->len ? ", " : "", r->id);
	printf("%lld\t%s\t%s\t%ld\t%ld\t%s\t%s\t%s\n", r->id, r->started,
	       r->finished ? r->finished : alive == 0 ? "stopped" : "running", r->answers, r->with_theme,
	       r->lexicon, r->stemmer, r->only_new ? "only-new" : "all");
	return 0;
}

const cmd_spec cmd_runs_spec = {
	.name = "runs",
	.fn = cmd_runs,
	.needs = NEED_DB,
	.summary = "list coding runs",
	.usage =
	  "qcode runs",
};

int cmd_runs(int argc, char **argv, qctx *ctx)
{
	(void)argv;
	if (argc > 1)
		return cmd_usage_error(ctx, "runs takes no arguments");
	strbuf stopped;
	sb_init(&stopped);
	printf("run\tstarted\tfinished\tanswers\twith_theme\tlexicon\tstemmer\tscope\n");
	void *lc[2] = { &stopped, ctx->db };
	if (project_runs_each(ctx->db, run_line, lc)) {
		sb_release(&stopped);
		return EXIT_DB;
	}
	if (stopped.len)
		fprintf(stderr, "%s %s stopped before %s finished and %s never in use; the next 'qcode code'"
			" removes %s\n", strchr(stopped.buf, ',') ? "runs" : "run", stopped.buf,
			strchr(stopped.buf, ',') ? "they" : "it", strchr(stopped.buf, ',') ? "were" : "was",
			strchr(stopped.buf, ',') ? "them" : "it");
	sb_release(&stopped);
	return EXIT_OK;
}

/* A line of `qcode diff`: TSV, the id as a terminal may show it. */
static int diff_line(const char *const col[3], const size_t len[3], void *ctx)
{
	long *n = ctx;
	strbuf line;
	sb_init(&line);
	for (int c = 0; c < 3; c++) {
		if (c)
			sb_addc(&line, '\t');
		sb_add_term(&line, col[c], len[c], TERM_TSV);
	}
	sb_addc(&line, '\n');
	fwrite(line.buf, 1, line.len, stdout);
	sb_release(&line);
	(*n)++;
	return 0;
}

const cmd_spec cmd_diff_spec = {
	.name = "diff",
	.fn = cmd_diff,
	.needs = NEED_DB,
	.summary = "list answers whose codes differ between two runs",
	.usage =
	  "qcode diff RUN_A RUN_B",
};

int cmd_diff(int argc, char **argv, qctx *ctx)
{
	if (argc != 3)
		return cmd_usage_error(ctx, "diff needs two run numbers (see 'qcode runs')");
	long long run[2];
	for (int i = 0; i < 2; i++) {
		char *end;
		run[i] = strtoll(argv[i + 1], &end, 10);
		if (*end || end == argv[i + 1])
			return cmd_usage_error(ctx, "'%s' is not a run number", argv[i + 1]);
		int finished = project_run_finished(ctx->db, run[i]);
		if (finished < 0)
			return EXIT_DB;
		if (!finished) {
			error("no finished run %lld (see 'qcode runs')", run[i]);
			return EXIT_INPUT;
		}
	}
	long n = 0;
	printf("id\trun %lld\trun %lld\n", run[0], run[1]);
	if (project_diff(ctx->db, run[0], run[1], diff_line, &n))
		return EXIT_DB;
	fprintf(stderr, "%ld answer%s changed (* marks the primary theme)\n", n, plural_s(n));
	return EXIT_OK;
}

const cmd_spec cmd_summary_spec = {
	.name = "summary",
	.fn = cmd_summary,
	.needs = NEED_DB | READS_CODES,
	.summary = "count answers per theme in the project",
	.usage =
	  "qcode summary",
};

int cmd_summary(int argc, char **argv, qctx *ctx)
{
	(void)argv;
	if (argc > 1)
		return cmd_usage_error(ctx, "summary takes no arguments");
	reviewer rv;
	code_counts k;
	memset(&k, 0, sizeof(k));
	if (reviewer_init_any(&rv, ctx->db, "summary", 0, ctx->lex_dir) || reviewer_counts(&rv, &k)) {
		code_counts_release(&k);
		reviewer_release(&rv);
		return error_last_code();
	}
	long n = k.answers, empty = k.empty;
	long base = n - empty;
	printf("%ld answer%s (%ld empty)\n\n%-18s %8s %8s %8s\n", n, plural_s(n), empty, "theme", "answers",
	       "%", "primary");
	for (size_t i = 0; i < rv.nthemes; i++)
		printf("%-18s %8ld %7.1f%% %8ld\n", rv.keys[i], k.coded[i],
		       base ? 100.0 * (double)k.coded[i] / (double)base : 0.0, k.primary[i]);
	long none = k.uncoded;
	printf("%-18s %8ld %7.1f%%\n", "(no theme)", none, base ? 100.0 * (double)none / (double)base : 0.0);
	printf("\nPercentages of the %ld non-empty answer%s; an answer can have several themes.\n", base,
	       plural_s(base));
	code_counts_release(&k);
	reviewer_release(&rv);
	return EXIT_OK;
}

/* A two-column table of text (the workbook's codeframe and method sheets). */
static void pairs_add(table *t, const char *a, const char *b)
{
	ALLOC_GROW(t->cells, (t->nrows + 1) * 2, t->rows_alloc);
	t->cells[t->nrows * 2] = xstrdup(a);
	t->cells[t->nrows * 2 + 1] = xstrdup(b ? b : "");
	t->nrows++;
}

static void pairs_init(table *t, const char *a, const char *b)
{
	memset(t, 0, sizeof(*t));
	t->ncols = 2;
	t->cols = xcalloc(2, sizeof(char *));
	t->cols[0] = xstrdup(a);
	t->cols[1] = xstrdup(b);
}

/*
 * The workbook of an export: the answers, the codeframe with the run, and
 * a method note, each a sheet, in the report's language.
 */
static int export_xlsx(const reviewer *rv, const char *out, const table *t, const int *types, int lang)
{
	db *d = rv->d;
	table cf, mn;
	pairs_init(&cf, L(lang, "thema", "theme"), L(lang, "omschrijving", "label"));
	for (size_t i = 0; i < rv->nthemes; i++)
		pairs_add(&cf, rv->keys[i], rv->labels[i]);
	pairs_init(&mn, L(lang, "onderdeel", "item"), L(lang, "toelichting", "note"));
	project_run_info ri;
	project_stats ps;
	if (project_latest_run_info(d, &ri) || project_stats_get(d, &ps)) {
		project_run_info_release(&ri);
		table_release(&cf);
		table_release(&mn);
		return EXIT_DB;
	}
	long long run = ri.id, answers = ps.answers, empty = ps.empty, decisions = ps.decisions;
	const char *hash = ri.hash, *stemmer = ri.stemmer, *finished = ri.finished, *version = ri.version;
	const char *coders = ps.coders;
	char *question = project_question_of(d, "text", NULL);
	strbuf sb;
	sb_init(&sb);
	if (question)
		pairs_add(&mn, L(lang, "vraag", "question"), question);
	sb_addf(&sb, L(lang, "%lld antwoorden, waarvan %lld leeg", "%lld answers, %lld of them empty"),
		answers, empty);
	pairs_add(&mn, L(lang, "antwoorden", "answers"), sb.buf);
	sb_reset(&sb);
	if (run)
		sb_addf(&sb, L(lang, "codeerronde %lld van %s, qcode %s, lexicon %s, stemmer %s",
			       "coding run %lld of %s, qcode %s, lexicon %s, stemmer %s"),
			run, finished, version, hash, stemmer);
	else
		sb_adds(&sb, L(lang, "nog niet gecodeerd", "not coded yet"));
	pairs_add(&mn, L(lang, "codering", "coding"), sb.buf);
	sb_reset(&sb);
	if (decisions)
		sb_addf(&sb, L(lang, "%lld beslissingen van %s staan boven de codes van de machine",
			       "%lld decisions by %s stand above the machine's codes"), decisions, coders);
	else
		sb_adds(&sb, L(lang, "geen: alle codes zijn van de machine", "none: every code is the machine's"));
	pairs_add(&mn, L(lang, "beoordeling", "review"), sb.buf);
	pairs_add(&mn, L(lang, "kolommen", "columns"),
		  L(lang, "per thema 1 (gecodeerd) of 0; primary: het hoofdthema; score_THEMA: de codeerscore van"
			  " de machine (leeg waar een mens het thema toevoegde)",
		    "per theme 1 (coded) or 0; primary: the primary theme; score_THEME: the machine's coding"
		    " score (empty where a human added the theme)"));
	xlsxw_sheet sheets[3] = {
		{ L(lang, "antwoorden", "answers"), t, types, -1 },
		{ "codeframe", &cf, NULL, 1 },
		{ L(lang, "methode", "method"), &mn, NULL, 1 },
	};
	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->cols[c], "text"))
			sheets[0].wide = (int)c;
	int rc = xlsxw_tables(out, sheets, 3) ? error_last_code() : EXIT_OK;
	sb_release(&sb);
	free(question);
	project_run_info_release(&ri);
	project_stats_release(&ps);
	table_release(&cf);
	table_release(&mn);
	return rc;
}

static const cmd_option export_options[] = {
	{ "format", 0, required_argument, 'f', "FORMAT",
	  "csv, jsonl, sav or xlsx (default: from -o's name, else csv)" },
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (default: standard output; sav and xlsx need a file)" },
	{ "excel", 0, no_argument, 'x', NULL,
	  "CSV for Dutch Excel: byte order mark, ';', CRLF, decimal comma" },
	{ "lang", 0, required_argument, 'G', "nl|en",
	  "the language of labels and the method note (default: the codeframe's)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_export_spec = {
	.name = "export",
	.fn = cmd_export,
	.needs = NEED_DB | READS_CODES,
	.summary = "export answers with their effective codes",
	.usage =
	  "qcode export [--format csv|jsonl|sav|xlsx] [-o FILE] [--excel] [--lang nl|en]",
	.options = export_options,
};

int cmd_export(int argc, char **argv, qctx *ctx)
{
	const char *fmt = NULL, *out = NULL, *lang_opt = NULL;
	int c, excel = 0;
	while ((c = cmd_getopt(argc, argv, export_options, ctx)) != -1) {
		if (c == 'f')
			fmt = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'x')
			excel = 1;
		else if (c == 'G')
			lang_opt = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (!fmt && out) {
		const char *dot = strrchr(out, '.');
		fmt = dot ? dot + 1 : "csv";
	}
	if (!fmt)
		fmt = "csv";
	int sav = !strcmp(fmt, "sav"), jsonl = !strcmp(fmt, "jsonl"), csv = !strcmp(fmt, "csv");
	int xlsx = !strcmp(fmt, "xlsx");
	if (!sav && !jsonl && !csv && !xlsx)
		return cmd_usage_error(ctx, "unknown export format '%s' (use csv, jsonl, sav or xlsx)", fmt);
	if ((sav || xlsx) && !out)
		return cmd_usage_error(ctx, "--format %s needs -o FILE", fmt);
	if (excel && !csv)
		return cmd_usage_error(ctx, "--excel is for CSV (a .xlsx workbook is Excel's own)");
	int lang = lang_resolve(lang_opt, ctx->lex_dir);
	if (lang < 0)
		return error_last_code();

	reviewer rv;
	int rc = EXIT_DB;
	table t;
	memset(&t, 0, sizeof(t));
	int *types = NULL;
	FILE *f = NULL;
	if (reviewer_init_any(&rv, ctx->db, "export", 0, ctx->lex_dir) || export_table(&rv, lang, &t, &types)) {
		rc = error_last_code();
		goto out;
	}

	if (sav) {
		rc = sav_write_flags(out, &t, types, L(lang, "nee", "no"), L(lang, "ja", "yes")) ?
			     error_last_code() : EXIT_OK;
		goto out;
	}
	if (xlsx) {
		rc = export_xlsx(&rv, out, &t, types, lang);
		goto out;
	}
	f = out ? outfile_open(out, OUTFILE_PRIVATE) : stdout;
	if (!f) {
		rc = EXIT_IO;
		goto out;
	}
	/* CSV on a terminal (not a file): its control characters shown, not
	   obeyed (JSON Lines escape them anyway) */
	int terminal = csv && f == stdout && isatty(STDOUT_FILENO);
	strbuf line, shown;
	sb_init(&line);
	sb_init(&shown);
	/* for Dutch Excel: a byte order mark, ';' and CRLF */
	char sep = excel ? ';' : ',';
	const char *eol = excel ? "\r\n" : "\n";
	if (csv) {
		if (excel)
			sb_adds(&line, "\xEF\xBB\xBF");
		for (size_t i = 0; i < t.ncols; i++) {
			if (i)
				sb_addc(&line, sep);
			fmt_sheet_field(&line, t.cols[i], strlen(t.cols[i]), sep);
		}
		sb_adds(&line, eol);
	}
	for (size_t r = 0; r < t.nrows; r++) {
		char **row = t.cells + r * t.ncols;
		if (jsonl)
			sb_addc(&line, '{');
		for (size_t i = 0; i < t.ncols; i++) {
			const char *v = row[i];
			if (jsonl) {
				if (i)
					sb_addc(&line, ',');
				fmt_json_string(&line, t.cols[i], strlen(t.cols[i]));
				sb_addc(&line, ':');
				if (!v || (types[i] != SAV_STRING && !*v))
					sb_adds(&line, "null");
				else if (types[i] != SAV_STRING)
					sb_adds(&line, v);
				else
					fmt_json_string(&line, v, strlen(v));
			} else {
				if (i)
					sb_addc(&line, sep);
				size_t at = line.len;
				if (v)
					fmt_sheet_field(&line, v, strlen(v), sep);
				/* Dutch Excel reads a decimal comma */
				for (size_t k = at; excel && types[i] != SAV_STRING && k < line.len; k++)
					if (line.buf[k] == '.')
						line.buf[k] = ',';
			}
		}
		sb_adds(&line, jsonl ? "}\n" : eol);
		if (terminal) {
			sb_reset(&shown);
			sb_add_term(&shown, line.buf, line.len, TERM_KEEP_TAB | TERM_KEEP_NL);
			fwrite(shown.buf, 1, shown.len, f);
		} else {
			fwrite(line.buf, 1, line.len, f);
		}
		sb_reset(&line);
	}
	sb_release(&line);
	sb_release(&shown);
	rc = EXIT_OK;
	if (finish_output(f, out ? out : "stdout"))
		rc = EXIT_IO;
out:
	if (f && f != stdout)
		fclose(f);
	free(types);
	table_release(&t);
	reviewer_release(&rv);
	return rc;
}
