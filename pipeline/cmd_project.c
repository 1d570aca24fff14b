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
#include "db.h"
#include "format.h"
#include "lang.h"
#include "outfile.h"
#include "sav.h"
#include "xlsxw.h"
#include "store.h"

/* Theme keys and labels: the latest finished run's, plus human-added ones. */
typedef struct themes {
	char **key;
	char **label;
	size_t n;
} themes;

static void themes_release(themes *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->key[i]);
		free(t->label[i]);
	}
	free(t->key);
	free(t->label);
	memset(t, 0, sizeof(*t));
}

static int load_themes(db *d, themes *t)
{
	memset(t, 0, sizeof(*t));
	sqlite3_stmt *st = db_prepare(d,
		"SELECT key, label FROM run_themes WHERE run_id = (SELECT max(id) FROM runs WHERE finished IS NOT NULL)"
		" UNION SELECT DISTINCT theme, theme FROM decisions WHERE action = 'add' AND theme NOT IN"
		" (SELECT key FROM run_themes WHERE run_id = (SELECT max(id) FROM runs WHERE finished IS NOT NULL))"
		" ORDER BY 1");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		t->key = xrealloc(t->key, (t->n + 1) * sizeof(char *));
		t->label = xrealloc(t->label, (t->n + 1) * sizeof(char *));
		t->key[t->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
		t->label[t->n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		t->n++;
	}
	sqlite3_finalize(st);
	return 0;
}

int cmd_runs(int argc, char **argv, qctx *ctx)
{
	(void)argv;
	if (argc > 1)
		return cmd_usage_error(ctx, "runs takes no arguments");
	sqlite3_stmt *st = db_prepare(ctx->db,
		"SELECT r.id, r.started, r.finished, r.answers,"
		" (SELECT count(DISTINCT answer_id) FROM codes c WHERE c.run_id = r.id),"
		" substr(l.hash, 1, 12), l.stemmer, r.only_new,"
		" CASE WHEN r.finished IS NULL THEN (SELECT count(*) FROM coded c WHERE c.run_id = r.id) END"
		" FROM runs r"
		" JOIN lexicon_versions l ON l.id = r.lexicon_id ORDER BY r.id");
	if (!st)
		return EXIT_DB;
	strbuf stopped;
	sb_init(&stopped);
	printf("run\tstarted\tfinished\tanswers\twith_theme\tlexicon\tstemmer\tscope\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long run = sqlite3_column_int64(st, 0);
		const char *finished = (const char *)sqlite3_column_text(st, 2);
		int alive = finished ? 0 : db_run_alive(ctx->db, run);
		if (!finished && alive == 0)
			sb_addf(&stopped, "%s%lld", stopped.len ? ", " : "", run);
		/* a run under way: the answers stored so far */
		printf("%lld\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", run, sqlite3_column_text(st, 1),
		       finished ? finished : alive == 0 ? "stopped" : "running",
		       finished ? sqlite3_column_int(st, 3) : sqlite3_column_int(st, 8),
		       sqlite3_column_int(st, 4), sqlite3_column_text(st, 5), sqlite3_column_text(st, 6),
		       sqlite3_column_int(st, 7) ? "only-new" : "all");
	}
	sqlite3_finalize(st);
	if (stopped.len)
		fprintf(stderr, "%s %s stopped before %s finished and %s never in use; the next 'qcode code'"
			" removes %s\n", strchr(stopped.buf, ',') ? "runs" : "run", stopped.buf,
			strchr(stopped.buf, ',') ? "they" : "it", strchr(stopped.buf, ',') ? "were" : "was",
			strchr(stopped.buf, ',') ? "them" : "it");
	sb_release(&stopped);
	return EXIT_OK;
}

static int run_exists(db *d, long long run)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT 1 FROM runs WHERE id = ? AND finished IS NOT NULL");
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, run);
	int ok = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return ok;
}

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
		if (!run_exists(ctx->db, run[i])) {
			error("no finished run %lld (see 'qcode runs')", run[i]);
			return EXIT_INPUT;
		}
	}
	/* per answer coded by both runs: its themes (primary marked with *) in each */
	sqlite3_stmt *st = db_prepare(ctx->db,
		"WITH a AS (SELECT answer_id, group_concat(theme || CASE WHEN is_primary THEN '*' ELSE '' END, ';') AS t"
		"           FROM (SELECT * FROM codes WHERE run_id = ?1 ORDER BY theme) GROUP BY answer_id),"
		"     b AS (SELECT answer_id, group_concat(theme || CASE WHEN is_primary THEN '*' ELSE '' END, ';') AS t"
		"           FROM (SELECT * FROM codes WHERE run_id = ?2 ORDER BY theme) GROUP BY answer_id)"
		" SELECT an.ext_id, coalesce(a.t, ''), coalesce(b.t, '') FROM answers an"
		" JOIN coded ca ON ca.answer_id = an.id AND ca.run_id = ?1"
		" JOIN coded cb ON cb.answer_id = an.id AND cb.run_id = ?2"
		" LEFT JOIN a ON a.answer_id = an.id LEFT JOIN b ON b.answer_id = an.id"
		" WHERE coalesce(a.t, '') <> coalesce(b.t, '') ORDER BY an.id");
	if (!st)
		return EXIT_DB;
	sqlite3_bind_int64(st, 1, run[0]);
	sqlite3_bind_int64(st, 2, run[1]);
	long n = 0;
	printf("id\trun %lld\trun %lld\n", run[0], run[1]);
	strbuf line;
	sb_init(&line);
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* TSV, the id as a terminal may show it */
		sb_reset(&line);
		for (int c = 0; c < 3; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			if (c)
				sb_addc(&line, '\t');
			sb_add_term(&line, v, (size_t)sqlite3_column_bytes(st, c), TERM_TSV);
		}
		sb_addc(&line, '\n');
		fwrite(line.buf, 1, line.len, stdout);
		n++;
	}
	sb_release(&line);
	sqlite3_finalize(st);
	fprintf(stderr, "%ld answer%s changed (* marks the primary theme)\n", n, plural_s(n));
	return EXIT_OK;
}

int cmd_summary(int argc, char **argv, qctx *ctx)
{
	(void)argv;
	if (argc > 1)
		return cmd_usage_error(ctx, "summary takes no arguments");
	db *d = ctx->db;
	themes th;
	if (load_themes(d, &th))
		return EXIT_DB;
	/* one pass over each view: every theme's count at once */
	sqlite3_stmt *tot = db_prepare(d, "SELECT count(*), coalesce(sum(empty), 0) FROM answers");
	sqlite3_stmt *cnt = db_prepare(d, "SELECT theme, count(*) FROM effective_codes GROUP BY theme");
	sqlite3_stmt *pri = db_prepare(d, "SELECT theme, count(*) FROM effective_primary GROUP BY theme");
	sqlite3_stmt *coded = db_prepare(d,
		"SELECT count(*) FROM (SELECT DISTINCT e.answer_id FROM effective_codes e"
		" JOIN answers a ON a.id = e.answer_id WHERE a.empty = 0)");
	long *k = xcalloc(th.n + 1, sizeof(long)), *p = xcalloc(th.n + 1, sizeof(long));
	int bad = !tot || !cnt || !pri || !coded || sqlite3_step(tot) != SQLITE_ROW ||
		  sqlite3_step(coded) != SQLITE_ROW;
	for (int i = 0; !bad && i < 2; i++) {
		sqlite3_stmt *st = i ? pri : cnt;
		long *into = i ? p : k;
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW)
			for (size_t t = 0; t < th.n; t++)
				if (!strcmp(th.key[t], (const char *)sqlite3_column_text(st, 0)))
					into[t] = sqlite3_column_int(st, 1);
		bad = r != SQLITE_DONE;
	}
	if (bad) {
		db_error(d, "cannot count the codes");
		sqlite3_finalize(tot);
		sqlite3_finalize(cnt);
		sqlite3_finalize(pri);
		sqlite3_finalize(coded);
		free(k);
		free(p);
		themes_release(&th);
		return EXIT_DB;
	}
	long n = sqlite3_column_int(tot, 0), empty = sqlite3_column_int(tot, 1);
	long base = n - empty;
	printf("%ld answer%s (%ld empty)\n\n%-18s %8s %8s %8s\n", n, plural_s(n), empty, "theme", "answers",
	       "%", "primary");
	for (size_t i = 0; i < th.n; i++)
		printf("%-18s %8ld %7.1f%% %8ld\n", th.key[i], k[i],
		       base ? 100.0 * (double)k[i] / (double)base : 0.0, p[i]);
	long none = base - sqlite3_column_int(coded, 0);
	printf("%-18s %8ld %7.1f%%\n", "(no theme)", none, base ? 100.0 * (double)none / (double)base : 0.0);
	printf("\nPercentages of the %ld non-empty answer%s; an answer can have several themes.\n", base,
	       plural_s(base));
	sqlite3_finalize(tot);
	sqlite3_finalize(cnt);
	sqlite3_finalize(pri);
	sqlite3_finalize(coded);
	free(k);
	free(p);
	themes_release(&th);
	return EXIT_OK;
}

/* The question text imported for a column (role "text" or "group"), or NULL; malloc'ed. */
static char *question_of(db *d, const char *role, const char *name)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT label FROM questions WHERE role = ?1 AND (?2 IS NULL OR name = ?2)"
					 " ORDER BY import_id DESC LIMIT 1");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
	if (name)
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	char *v = sqlite3_step(st) == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(st, 0)) : NULL;
	sqlite3_finalize(st);
	return v;
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
static int export_xlsx(db *d, const char *out, const table *t, const int *types, const themes *th,
		       int lang)
{
	table cf, mn;
	pairs_init(&cf, L(lang, "thema", "theme"), L(lang, "omschrijving", "label"));
	for (size_t i = 0; i < th->n; i++)
		pairs_add(&cf, th->key[i], th->label[i]);
	pairs_init(&mn, L(lang, "onderdeel", "item"), L(lang, "toelichting", "note"));
	long long run = 0, answers = 0, empty = 0, decisions = 0;
	char *hash = NULL, *stemmer = NULL, *finished = NULL, *version = NULL, *coders = NULL;
	sqlite3_stmt *st = db_prepare(d,
		"SELECT r.id, l.hash, l.stemmer, r.finished, r.qcode_version FROM runs r"
		" JOIN lexicon_versions l ON l.id = r.lexicon_id WHERE r.finished IS NOT NULL"
		" ORDER BY r.id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		run = sqlite3_column_int64(st, 0);
		hash = xstrndup((const char *)sqlite3_column_text(st, 1), 12);
		stemmer = xstrdup((const char *)sqlite3_column_text(st, 2));
		finished = xstrdup((const char *)sqlite3_column_text(st, 3));
		version = xstrdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	st = db_prepare(d, "SELECT (SELECT count(*) FROM answers), (SELECT coalesce(sum(empty), 0) FROM answers),"
			   " (SELECT count(*) FROM live_decisions),"
			   " (SELECT group_concat(coder, ', ') FROM (SELECT DISTINCT coder FROM live_decisions ORDER BY coder))");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		answers = sqlite3_column_int64(st, 0);
		empty = sqlite3_column_int64(st, 1);
		decisions = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			coders = xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	char *question = question_of(d, "text", NULL);
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
	free(hash);
	free(stemmer);
	free(finished);
	free(version);
	free(coders);
	table_release(&cf);
	table_release(&mn);
	return rc;
}

int cmd_export(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "excel", no_argument, NULL, 'x' },
		{ "lang", required_argument, NULL, 'G' },
		{ NULL, 0, NULL, 0 },
	};
	const char *fmt = NULL, *out = NULL, *lang_opt = NULL;
	int c, excel = 0;
	while ((c = cmd_getopt(argc, argv, "o:", opts, ctx)) != -1) {
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

	db *d = ctx->db;
	themes th;
	if (load_themes(d, &th))
		return EXIT_DB;
	int rc = EXIT_DB;
	char **attrs = NULL;
	size_t nattrs = 0;
	table t;
	memset(&t, 0, sizeof(t));
	int *types = NULL;
	FILE *f = NULL;
	sqlite3_stmt *an = NULL, *at = NULL, *ec = NULL, *ep = NULL;
	sqlite3_stmt *st = db_prepare(d, "SELECT DISTINCT name FROM attributes ORDER BY name");
	if (!st)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		attrs = xrealloc(attrs, (nattrs + 1) * sizeof(*attrs));
		attrs[nattrs++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);

	/* columns: id, attributes, text, one 0/1 per theme, primary, score per theme */
	t.ncols = 3 + nattrs + 2 * th.n;
	t.cols = xcalloc(t.ncols, sizeof(char *));
	t.labels = xcalloc(t.ncols, sizeof(char *));
	types = xcalloc(t.ncols, sizeof(int));
	size_t col = 0;
	t.cols[col++] = xstrdup("id");
	for (size_t i = 0; i < nattrs; i++)
		t.cols[col++] = xstrdup(attrs[i]);
	for (size_t i = 0; i < nattrs; i++)
		t.labels[1 + i] = question_of(d, "group", attrs[i]);
	t.cols[col] = xstrdup("text");
	t.labels[col] = question_of(d, "text", NULL);
	if (!t.labels[col])
		t.labels[col] = xstrdup(L(lang, "antwoord", "answer"));
	col++;
	for (size_t i = 0; i < th.n; i++) {
		types[col] = SAV_FLAG;
		t.labels[col] = xstrdup(th.label[i]);
		t.cols[col++] = xstrdup(th.key[i]);
	}
	t.labels[col] = xstrdup(L(lang, "hoofdthema", "primary theme"));
	t.cols[col++] = xstrdup("primary");
	for (size_t i = 0; i < th.n; i++) {
		strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "score_%s", th.key[i]);
		types[col] = SAV_NUMERIC;
		t.cols[col++] = sb_detach(&sb);
	}

	/* the answers first, then attributes and codes in bulk (one query each:
	   the views are computed once, not per answer) */
	an = db_prepare(d, "SELECT id, ext_id, text FROM answers ORDER BY id");
	at = db_prepare(d, "SELECT answer_id, name, value FROM attributes ORDER BY answer_id");
	ec = db_prepare(d, "SELECT answer_id, theme, score FROM effective_codes");
	ep = db_prepare(d, "SELECT answer_id, theme FROM effective_primary");
	if (!an || !at || !ec || !ep)
		goto out;
	long long *ids = NULL;
	size_t ids_alloc = 0;
	size_t first_theme = 2 + nattrs, primary_col = first_theme + th.n;
	while (sqlite3_step(an) == SQLITE_ROW) {
		ALLOC_GROW(t.cells, (t.nrows + 1) * t.ncols, t.rows_alloc);
		ALLOC_GROW(ids, t.nrows + 1, ids_alloc);
		ids[t.nrows] = sqlite3_column_int64(an, 0);
		char **row = t.cells + t.nrows * t.ncols;
		memset(row, 0, t.ncols * sizeof(char *));
		row[0] = xstrdup((const char *)sqlite3_column_text(an, 1));
		row[1 + nattrs] = xstrdup((const char *)sqlite3_column_text(an, 2));
		for (size_t i = 0; i < th.n; i++)
			row[first_theme + i] = xstrdup("0");
		row[primary_col] = xstrdup("");
		t.nrows++;
	}
#define ROW_OF(stmt) \
	long long aid_ = sqlite3_column_int64(stmt, 0); \
	size_t lo_ = 0, hi_ = t.nrows; \
	while (lo_ < hi_) { size_t mid_ = (lo_ + hi_) / 2; if (ids[mid_] < aid_) lo_ = mid_ + 1; else hi_ = mid_; } \
	if (lo_ >= t.nrows || ids[lo_] != aid_) continue; \
	char **row = t.cells + lo_ * t.ncols
	while (sqlite3_step(at) == SQLITE_ROW) {
		ROW_OF(at);
		for (size_t i = 0; i < nattrs; i++)
			if (!strcmp(attrs[i], (const char *)sqlite3_column_text(at, 1)) &&
			    sqlite3_column_type(at, 2) != SQLITE_NULL) {
				free(row[1 + i]);
				row[1 + i] = xstrdup((const char *)sqlite3_column_text(at, 2));
			}
	}
	while (sqlite3_step(ec) == SQLITE_ROW) {
		ROW_OF(ec);
		for (size_t i = 0; i < th.n; i++)
			if (!strcmp(th.key[i], (const char *)sqlite3_column_text(ec, 1))) {
				free(row[first_theme + i]);
				row[first_theme + i] = xstrdup("1");
				/* a score that is no finite number stays empty */
				if (sqlite3_column_type(ec, 2) != SQLITE_NULL &&
				    isfinite(sqlite3_column_double(ec, 2))) {
					char b[32];
					snprintf(b, sizeof(b), "%g", no_neg_zero(sqlite3_column_double(ec, 2), -1));
					free(row[primary_col + 1 + i]);
					row[primary_col + 1 + i] = xstrdup(b);
				}
			}
	}
	while (sqlite3_step(ep) == SQLITE_ROW) {
		ROW_OF(ep);
		free(row[primary_col]);
		row[primary_col] = xstrdup((const char *)sqlite3_column_text(ep, 1));
	}
#undef ROW_OF
	free(ids);
	t.rows_alloc /= t.ncols ? t.ncols : 1;

	if (sav) {
		rc = sav_write_flags(out, &t, types, L(lang, "nee", "no"), L(lang, "ja", "yes")) ?
			     error_last_code() : EXIT_OK;
		goto out;
	}
	if (xlsx) {
		rc = export_xlsx(d, out, &t, types, &th, lang);
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
	sqlite3_finalize(an);
	sqlite3_finalize(at);
	sqlite3_finalize(ec);
	sqlite3_finalize(ep);
	for (size_t i = 0; i < nattrs; i++)
		free(attrs[i]);
	free(attrs);
	free(types);
	table_release(&t);
	themes_release(&th);
	return rc;
}
