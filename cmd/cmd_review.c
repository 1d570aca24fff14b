/*
 * cmd_review: `qcode review` (the full-screen review, and its spreadsheet
 * export and import), `qcode decide` and `qcode log`.
 */
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cmd.h"
#include "format.h"
#include "lang.h"
#include "outfile.h"
#include "project.h"
#include "quotes.h"
#include "read.h"
#include "review.h"
#include "utf8.h"
#include "xlsxw.h"

/* Smallest terminal the review screen works in. */
#define MIN_COLS 60
#define MIN_LINES 15

static const char *default_coder(void)
{
	const char *u = getenv("USER");
	return u && *u ? u : "coder";
}

/* The themes as "a, b, c" for messages. */
static void list_theme_keys(const reviewer *rv, strbuf *sb)
{
	for (size_t i = 0; i < rv->nthemes; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", rv->keys[i]);
}

/* Report an unknown theme with the themes there are; returns EXIT_INPUT. */
static int unknown_theme(const reviewer *rv, const char *key)
{
	strbuf sb;
	sb_init(&sb);
	list_theme_keys(rv, &sb);
	error("unknown theme '%s' (the themes are: %s)", key, sb.buf);
	sb_release(&sb);
	return EXIT_INPUT;
}

/* ---- qcode decide ---- */

static const cmd_option decide_options[] = {
	{ "primary", 0, required_argument, 'p', "THEME",
	  "make THEME the answer's primary theme" },
	{ "none", 0, no_argument, 'x', NULL,
	  "the answer has no theme" },
	{ "accept", 0, no_argument, 'a', NULL,
	  "accept the codes as they are shown now (kept whatever a later run says)" },
	{ "undo", 0, no_argument, 'u', NULL,
	  "undo the coder's last decision" },
	{ "note", 0, required_argument, 'm', "TEXT",
	  "a note that goes with the decision" },
	{ "coder", 0, required_argument, 'C', "NAME",
	  "whose decision it is (default: $USER)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_decide_spec = {
	.name = "decide",
	.fn = cmd_decide,
	.needs = NEED_DB,
	.summary = "record a coding decision for one answer",
	.usage =
	  "qcode decide ID [+THEME]... [-THEME]... [--primary THEME] [--none] [--accept]\n"
	  "             [--note TEXT] [--coder NAME]\n"
	  "qcode decide --undo [--coder NAME]",
	.options = decide_options,
	.notes = "+THEME adds a theme, -THEME removes one. All of one call is one decision, saved\nin the append-only log.",
};

int cmd_decide(int argc, char **argv, qctx *ctx)
{
	const char *id = NULL, *primary = NULL, *note = NULL, *coder = default_coder();
	int none = 0, accept = 0, undo = 0;
	const char *changes[64];
	size_t nchanges = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dest = NULL;
		if (!strcmp(a, "--primary"))
			dest = &primary;
		else if (!strcmp(a, "--note"))
			dest = &note;
		else if (!strcmp(a, "--coder"))
			dest = &coder;
		if (dest) {
			if (i + 1 >= argc)
				return cmd_usage_error(ctx, "option '%s' needs a value", a);
			*dest = argv[++i];
		} else if (!strcmp(a, "--none")) {
			none = 1;
		} else if (!strcmp(a, "--accept")) {
			accept = 1;
		} else if (!strcmp(a, "--undo")) {
			undo = 1;
		} else if (a[0] == '-' && a[1] == '-') {
			return cmd_usage_error(ctx, "unknown option '%s'", a);
		} else if ((a[0] == '+' || a[0] == '-') && a[1]) {
			if (nchanges == 64)
				return cmd_usage_error(ctx, "too many themes");
			changes[nchanges++] = a;
		} else if (!id) {
			id = a;
		} else {
			return cmd_usage_error(ctx, "unexpected argument '%s'", a);
		}
	}
	reviewer rv;
	if (reviewer_init(&rv, ctx->db, coder, 0, ctx->lex_dir))
		return error_last_code();
	int rc = EXIT_OK;
	answer_view v;
	memset(&v, 0, sizeof(v));
	strbuf shown, shown2; /* an id or name as the terminal may show it */
	sb_init(&shown);
	sb_init(&shown2);
	if (undo) {
		long long aid;
		int r = id || nchanges || primary || none || accept ? -2 : reviewer_undo(&rv, &aid);
		if (r == -2)
			rc = cmd_usage_error(ctx, "--undo takes no answer or themes");
		else if (r < 0)
			rc = EXIT_DB;
		else if (r == 0)
			printf("nothing to undo for %s\n", sb_set_term(&shown, coder, 0));
		else if (reviewer_load(&rv, aid, &v) == 0)
			printf("undone the last decision of %s on %s\n", sb_set_term(&shown, coder, 0),
			       sb_set_term(&shown2, v.ext_id, 0));
		goto out;
	}
	if (!id) {
		rc = cmd_usage_error(ctx, "decide needs an answer id");
		goto out;
	}
	if (!nchanges && !primary && !none && !accept) {
		rc = cmd_usage_error(ctx, "nothing to decide: give +THEME, -THEME, --primary, --none or --accept");
		goto out;
	}
	for (size_t i = 0; none && i < nchanges; i++)
		if (changes[i][0] == '+') {
			rc = cmd_usage_error(ctx, "--none and %s contradict each other", changes[i]);
			goto out;
		}
	if (none && primary) {
		rc = cmd_usage_error(ctx, "--none and --primary contradict each other");
		goto out;
	}
	long long aid = reviewer_answer_id(&rv, id);
	if (aid < 0) {
		error("no answer '%s' in the project", id);
		rc = EXIT_INPUT;
		goto out;
	}
	decision ops[70];
	size_t n = 0;
	for (size_t i = 0; i < nchanges; i++) {
		int t = reviewer_theme(&rv, changes[i] + 1);
		if (t < 0) {
			rc = unknown_theme(&rv, changes[i] + 1);
			goto out;
		}
		ops[n].action = changes[i][0] == '+' ? DEC_ADD : DEC_REMOVE;
		ops[n++].theme = t;
	}
	if (none) {
		ops[n].action = DEC_NONE;
		ops[n++].theme = -1;
	}
	if (primary) {
		int t = reviewer_theme(&rv, primary);
		if (t < 0) {
			rc = unknown_theme(&rv, primary);
			goto out;
		}
		/* the primary is one of the answer's themes: added, unless the
		   same decision adds it already */
		int added = 0;
		for (size_t k = 0; k < n; k++)
			added |= ops[k].action == DEC_ADD && ops[k].theme == t;
		if (!added) {
			ops[n].action = DEC_ADD;
			ops[n++].theme = t;
		}
		ops[n].action = DEC_PRIMARY;
		ops[n++].theme = t;
	}
	if (reviewer_load(&rv, aid, &v)) {
		rc = EXIT_DB;
		goto out;
	}
	if (accept) {
		ops[n].action = DEC_ACCEPT;
		ops[n++].theme = -1;
	}
	if (reviewer_decide(&rv, &v, ops, n, note) < 0) {
		rc = EXIT_DB;
		goto out;
	}
	reviewer_load(&rv, aid, &v);
	printf("%s:", sb_set_term(&shown, v.ext_id, 0));
	for (size_t t = 0; t < rv.nthemes; t++)
		if (v.coded[t])
			printf(" %s%s", rv.keys[t], (int)t == v.primary ? "*" : "");
	printf("%s\n", v.primary < 0 ? " (no theme)" : "");
out:
	sb_release(&shown);
	sb_release(&shown2);
	answer_view_release(&v);
	reviewer_release(&rv);
	return rc;
}

/* ---- qcode log ---- */

/* A line of the log: TSV, whatever an id or note holds (tabs, line ends
   and backslashes escaped, controls shown). */
typedef struct log_out {
	strbuf line; /* the line being written */
	long n;      /* lines written */
} log_out;

static int log_line(const history_row *row, void *ctx)
{
	log_out *o = ctx;
	strbuf *line = &o->line;
	o->n++;
	sb_reset(line);
	for (int c = 0; c < 9; c++) {
		if (c)
			sb_addc(line, '\t');
		sb_add_term(line, row->col[c], row->len[c], TERM_TSV);
	}
	sb_addc(line, '\n');
	fwrite(line->buf, 1, line->len, stdout);
	return 0;
}
const cmd_spec cmd_log_spec = {
	.name = "log",
	.fn = cmd_log,
	.needs = NEED_DB,
	.summary = "the history of coding decisions",
	.usage =
	  "qcode log [ID]",
};

int cmd_log(int argc, char **argv, qctx *ctx)
{
	if (argc > 2)
		return cmd_usage_error(ctx, "log takes at most one answer id");
	reviewer hist;
	memset(&hist, 0, sizeof(hist));
	hist.d = ctx->db;
	printf("decision\tbatch\tid\taction\ttheme\tcoder\tat\tnote\tstatus\n");
	log_out o = { .n = 0 };
	sb_init(&o.line);
	int rc = reviewer_history(&hist, argc == 2 ? argv[1] : NULL, NULL, log_line, &o);
	sb_release(&o.line);
	if (rc)
		return EXIT_DB;
	if (argc == 2 && !o.n && project_answer_id(ctx->db, argv[1]) < 0) {
		error("no answer '%s' in the project", argv[1]);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* ---- review --export / --import ---- */

static void csv_row(FILE *f, const char *const *cells, size_t n, int excel)
{
	strbuf sb;
	sb_init(&sb);
	char sep = excel ? ';' : ',';
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(&sb, sep);
		fmt_sheet_field(&sb, cells[i], strlen(cells[i]), sep);
	}
	sb_adds(&sb, excel ? "\r\n" : "\n");
	fwrite(sb.buf, 1, sb.len, f);
	sb_release(&sb);
}

typedef struct sheet_ctx {
	const reviewer *rv;
	FILE *f;
	int excel;
	xlsxw_review *w;
} sheet_ctx;

/* The machine's themes of v, ';'-separated, in mt (none when blind). */
static void machine_themes(const reviewer *rv, const answer_view *v, strbuf *mt)
{
	for (size_t t = 0; t < rv->nthemes; t++)
		if (v->machine[t] && !rv->blind)
			sb_addf(mt, "%s%s", mt->len ? ";" : "", rv->keys[t]);
}

/*
 * A row's coding as one string, the way the sheet's 'shown' column keeps
 * what the row said when it was exported: the themes in the codeframe's
 * order (';'-separated, '-' for none), '|', the primary's key. themes
 * NULL: nothing filled in, "".
 */
static void row_state(const reviewer *rv, const int *themes, int none, int primary, strbuf *out)
{
	sb_reset(out);
	if (!themes && !none)
		return;
	size_t at = out->len;
	for (size_t t = 0; !none && t < rv->nthemes; t++)
		if (themes[t])
			sb_addf(out, "%s%s", out->len > at ? ";" : "", rv->keys[t]);
	if (out->len == at)
		sb_addc(out, '-');
	sb_addf(out, "|%s", primary >= 0 ? rv->keys[primary] : "");
}

/* One answer as a row of the review sheet. */
static int sheet_row(const answer_view *v, void *ctx)
{
	const sheet_ctx *sc = ctx;
	const reviewer *rv = sc->rv;
	strbuf mt, et;
	sb_init(&mt);
	sb_init(&et);
	machine_themes(rv, v, &mt);
	for (size_t t = 0; t < rv->nthemes; t++)
		if (v->coded[t])
			sb_addf(&et, "%s%s", et.len ? ";" : "", rv->keys[t]);
	/* what the row says now: an empty 'themes' is no review */
	strbuf shown;
	sb_init(&shown);
	const char *th = rv->blind && !v->decided ? "" : et.buf;
	if (*th)
		row_state(rv, v->coded, 0, v->primary, &shown);
	const char *cells[8] = { v->ext_id, v->text, mt.buf,
				 v->machine_primary >= 0 && !rv->blind ? rv->keys[v->machine_primary] : "",
				 th, v->primary >= 0 ? rv->keys[v->primary] : "", "", shown.buf };
	if (rv->blind) {
		const char *bcells[6] = { cells[0], cells[1], cells[4], cells[5], cells[6], cells[7] };
		csv_row(sc->f, bcells, 6, sc->excel);
	} else {
		csv_row(sc->f, cells, 8, sc->excel);
	}
	sb_release(&mt);
	sb_release(&et);
	sb_release(&shown);
	return 0;
}

/* Whether path names an Excel workbook. */
static int is_xlsx(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strcasecmp(dot, ".xlsx");
}

/* One answer as a row of the review workbook. */
static int workbook_row(const answer_view *v, void *ctx)
{
	const sheet_ctx *sc = ctx;
	const reviewer *rv = sc->rv;
	strbuf mt, shown;
	sb_init(&mt);
	sb_init(&shown);
	machine_themes(rv, v, &mt);
	const int *coded = rv->blind && !v->decided ? NULL : v->coded;
	row_state(rv, coded, 0, v->primary, &shown);
	xlsxw_review_row row = {
		.id = v->ext_id,
		.text = v->text,
		.spans = rv->blind ? NULL : v->spans,
		.nspans = rv->blind ? 0 : v->nspans,
		.machine_themes = mt.buf,
		.machine_primary = v->machine_primary >= 0 && !rv->blind ? rv->keys[v->machine_primary] : "",
		.coded = coded,
		.primary = v->primary >= 0 ? rv->keys[v->primary] : "",
		.shown = shown.buf,
	};
	int rc = xlsxw_review_add(sc->w, &row) ? error_last_code() : EXIT_OK;
	sb_release(&mt);
	sb_release(&shown);
	return rc;
}

/* The review workbook: evidence in colour, 0/1 per theme, drop-downs. */
static int export_xlsx(reviewer *rv, const long long *ids, size_t n, const char *path, int lang)
{
	xlsxw_review *w = xlsxw_review_begin(path, rv->keys, rv->labels, rv->nthemes, rv->blind, lang);
	if (!w)
		return error_last_code();
	sheet_ctx sc = { .rv = rv, .w = w };
	int rc = reviewer_each(rv, ids, n, workbook_row, &sc);
	if (rc != EXIT_OK) {
		xlsxw_review_free(w);
		return rc < 0 ? EXIT_DB : rc;
	}
	if (xlsxw_review_end(w))
		return error_last_code();
	printf("wrote %zu answer%s to %s: fill in 1 or 0 under each theme and choose the 'primary'\n",
	       n, plural_s((long long)n), path);
	return EXIT_OK;
}

static int export_queue(reviewer *rv, const long long *ids, size_t n, const char *path, int excel,
			int lang)
{
	if (is_xlsx(path))
		return export_xlsx(rv, ids, n, path, lang);
	FILE *f = outfile_open(path, OUTFILE_PRIVATE);
	if (!f)
		return EXIT_IO;
	if (excel)
		fputs("\xEF\xBB\xBF", f); /* so that Excel reads UTF-8 */
	/* a blind sheet has no machine columns: that is how its import knows it */
	static const char *const head[] = { "id", "text", "machine_themes", "machine_primary",
					    "themes", "primary", "note", "shown" };
	static const char *const blind_head[] = { "id", "text", "themes", "primary", "note", "shown" };
	if (rv->blind)
		csv_row(f, blind_head, 6, excel);
	else
		csv_row(f, head, 8, excel);
	sheet_ctx sc = { .rv = rv, .f = f, .excel = excel };
	int bad = reviewer_each(rv, ids, n, sheet_row, &sc);
	if (bad) {
		fclose(f);
		return EXIT_DB;
	}
	if (finish_output(f, path)) {
		fclose(f);
		return EXIT_IO;
	}
	fclose(f);
	printf("wrote %zu answer%s to %s: fill in 'themes' (separated by ;, '-' for none) and 'primary'\n",
	       n, plural_s((long long)n), path);
	return EXIT_OK;
}

/* One validated row of a review CSV. */
typedef struct import_row {
	long long answer;
	int *themes;   /* per theme: wanted */
	int none;      /* '-': no theme */
	int primary;   /* theme index or -1 */
	char *note;
	int as_shown;  /* the row says what it said when exported */
} import_row;

/* A cell of a review sheet as exported: without the ' put before a value
   a spreadsheet could take for a formula (fmt_sheet_field). */
static const char *sheet_cell(reader *r, int col)
{
	size_t n;
	const char *v = reader_get(r, col, &n);
	return v ? fmt_sheet_value(v, &n) : NULL;
}

/* That a cell of a review sheet is UTF-8 (read_check()): 0, or -1 after reporting. */
static int sheet_check(reader *r, const char *path, int col, const char *v, size_t n)
{
	static const read_policy policy = { 0, "save the sheet as CSV UTF-8, or as a workbook (.xlsx)" };
	read_at at = { path, reader_row(r), r, col, reader_colname(r, (size_t)col), READ_VALUE };
	return read_check(&policy, &at, v, n, NULL, NULL, NULL);
}

/* Whether a row says what v shows: the same themes, and the same primary
   when the row names one. */
static int row_is(const reviewer *rv, const import_row *p, const answer_view *v)
{
	for (size_t t = 0; t < rv->nthemes; t++)
		if ((!p->none && p->themes[t]) != (v->coded[t] != 0))
			return 0;
	return p->none || p->primary < 0 || p->primary == v->primary;
}

/* The columns of a review sheet that are not themes. */
static int fixed_column(const char *name)
{
	static const char *const fixed[] = { "id", "text", "machine_themes", "machine_primary", "themes",
					     "primary", "note", "shown" };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (!strcasecmp(name, fixed[i]))
			return 1;
	return 0;
}

static int import_reviews(reviewer *rv, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		error("cannot open '%s': %s", path, strerror(errno));
		return EXIT_IO;
	}
	/* a CSV sheet or a workbook: the same rows, the same rules */
	read_opts ro = { is_xlsx(path) ? READ_XLSX : READ_CSV, 0, NULL, NULL, 1, NULL };
	reader *r = reader_open_with(f, path, &ro);
	if (!r) {
		fclose(f);
		return error_last_code();
	}
	int rc = EXIT_OK;
	int c_id = reader_col(r, "id"), c_th = reader_col(r, "themes"), c_pr = reader_col(r, "primary");
	int c_note = reader_col(r, "note");
	int c_shown = reader_col(r, "shown"); /* a sheet exported before it had none */
	strbuf state;
	sb_init(&state);
	import_row *rows = NULL;
	size_t n = 0;
	/* a workbook has a column of 1 and 0 per theme instead of 'themes' */
	int *tcol = xcalloc(rv->nthemes + 1, sizeof(int));
	int flags = 0;
	for (size_t t = 0; t < rv->nthemes; t++)
		flags |= (tcol[t] = reader_col(r, rv->keys[t])) >= 0;
	strbuf thb;
	sb_init(&thb);
	if (c_id < 0 || (c_th < 0 && !flags) || c_pr < 0) {
		error("%s: needs the columns id, themes (or one per theme) and primary; the columns are: %s",
		      path, reader_columns(r));
		rc = EXIT_INPUT;
		goto out;
	}
	for (size_t i = 0; c_th < 0 && i < reader_ncols(r); i++) {
		const char *name = reader_colname(r, i);
		if (!fixed_column(name) && reviewer_theme(rv, name) < 0) {
			strbuf sb;
			sb_init(&sb);
			list_theme_keys(rv, &sb);
			error("%s: the column '%s' is no theme of the project (the themes are: %s)", path, name, sb.buf);
			sb_release(&sb);
			rc = EXIT_INPUT;
			goto out;
		}
	}
	int got;
	while (rc == EXIT_OK && (got = reader_next(r)) == 1) {
		size_t len;
		const char *id = sheet_cell(r, c_id);
		const char *th = c_th >= 0 ? sheet_cell(r, c_th) : NULL;
		const char *pr = sheet_cell(r, c_pr);
		const char *note = reader_get(r, c_note, &len); /* exported empty: as written */
		if (c_th < 0) {
			/* 1 under a theme codes it, 0 not; a row with no 1 or 0 is not reviewed */
			int any = 0;
			sb_reset(&thb);
			for (size_t t = 0; t < rv->nthemes && rc == EXIT_OK; t++) {
				const char *v = tcol[t] >= 0 ? sheet_cell(r, tcol[t]) : NULL;
				if (!v || !*v)
					continue;
				any = 1;
				if (!strcmp(v, "1")) {
					sb_addf(&thb, "%s%s", thb.len ? ";" : "", rv->keys[t]);
				} else if (strcmp(v, "0")) {
					error_in(reader_where(r, tcol[t]), "'%s' under the theme '%s' is neither 1 nor 0",
						 v, rv->keys[t]);
					rc = EXIT_INPUT;
				}
			}
			th = !any ? "" : thb.len ? thb.buf : "-";
		}
		if (rc != EXIT_OK || !th || !*th)
			continue; /* not reviewed */
		/* a sheet a spreadsheet saved in its own encoding is not UTF-8 */
		int used[4] = { c_id, c_th, c_pr, c_note };
		for (int k = 0; k < 4 && rc == EXIT_OK; k++) {
			size_t n;
			const char *v = used[k] >= 0 ? reader_get(r, used[k], &n) : NULL;
			if (v && sheet_check(r, path, used[k], v, n))
				rc = EXIT_INPUT;
		}
		if (rc != EXIT_OK)
			break;
		import_row ir;
		memset(&ir, 0, sizeof(ir));
		ir.primary = -1;
		ir.answer = reviewer_answer_id(rv, id ? id : "");
		if (ir.answer < 0) {
			error_in(reader_where(r, c_id), "no answer '%s' in the project", id ? id : "");
			rc = EXIT_INPUT;
			break;
		}
		ir.themes = xcalloc(rv->nthemes + 1, sizeof(int));
		ir.note = note && *note ? xstrdup(note) : NULL;
		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		rows[n++] = ir;
		import_row *p = &rows[n - 1];
		if (!strcmp(th, "-")) {
			p->none = 1;
		} else {
			char *copy = xstrdup(th), *save = NULL;
			for (char *k = strtok_r(copy, ";, ", &save); k; k = strtok_r(NULL, ";, ", &save)) {
				int t = reviewer_theme(rv, k);
				if (t < 0) {
					strbuf sb;
					sb_init(&sb);
					list_theme_keys(rv, &sb);
					error_in(reader_where(r, c_th), "unknown theme '%s' (the themes are: %s)", k,
						 sb.buf);
					sb_release(&sb);
					rc = EXIT_INPUT;
					break;
				}
				p->themes[t] = 1;
			}
			free(copy);
		}
		if (rc == EXIT_OK && pr && *pr) {
			p->primary = reviewer_theme(rv, pr);
			if (p->primary < 0 || !p->themes[p->primary]) {
				error_in(reader_where(r, c_pr), "primary '%s' is not one of the row's themes", pr);
				rc = EXIT_INPUT;
			}
		}
		if (rc == EXIT_OK && c_shown >= 0) {
			const char *was = sheet_cell(r, c_shown);
			row_state(rv, p->themes, p->none, p->primary, &state);
			p->as_shown = was && !strcmp(was, state.buf);
		}
	}
	if (rc == EXIT_OK && got < 0)
		rc = error_last_code();
	/* every row is valid: apply them, all in one transaction */
	size_t applied = 0, unchanged = 0;
	int blind_sheet = rv->blind || reader_col(r, "machine_themes") < 0;
	reviewer own = *rv; /* the coder's own coding, as in blind review */
	own.blind = 1;
	reviewer shown = *rv; /* what a sheet with machine columns showed */
	shown.blind = 0;
	answer_view vo, ve;
	memset(&vo, 0, sizeof(vo));
	memset(&ve, 0, sizeof(ve));
	/* a row's decisions: none first, then each theme and the primary */
	decision *ops = xcalloc(rv->nthemes + 2, sizeof(*ops));
	if (rc == EXIT_OK && n && db_begin(rv->d))
		rc = EXIT_DB;
	for (size_t i = 0; rc == EXIT_OK && i < n; i++) {
		import_row *p = &rows[i];
		if (reviewer_load(&own, p->answer, &vo) || reviewer_load(&shown, p->answer, &ve)) {
			rc = EXIT_DB;
			break;
		}
		/* nothing new: the coder's own coding again (a sheet imported
		   twice), or a row of a sheet with machine columns as it was
		   shown (not reviewed) */
		if (p->as_shown || (vo.decided && row_is(rv, p, &vo)) || (!blind_sheet && row_is(rv, p, &ve))) {
			unchanged++;
			continue;
		}
		/* the row is this coder's full coding of the answer */
		size_t k = 0;
		ops[k].action = DEC_NONE;
		ops[k++].theme = -1;
		for (size_t t = 0; !p->none && t < rv->nthemes; t++)
			if (p->themes[t]) {
				ops[k].action = DEC_ADD;
				ops[k++].theme = (int)t;
			}
		if (!p->none && p->primary >= 0) {
			ops[k].action = DEC_PRIMARY;
			ops[k++].theme = p->primary;
		}
		if (reviewer_decide(rv, &ve, ops, k, p->note) < 0)
			rc = EXIT_DB;
		else
			applied++;
	}
	answer_view_release(&vo);
	answer_view_release(&ve);
	free(ops);
	if (n && (rc != EXIT_OK || db_commit(rv->d))) {
		db_rollback(rv->d);
		rc = rc == EXIT_OK ? EXIT_DB : rc;
	}
	if (rc == EXIT_OK) {
		printf("applied %zu reviewed answer%s from %s", applied, plural_s((long long)applied), path);
		if (unchanged)
			printf(" (%zu row%s as before: nothing recorded)", unchanged,
			       plural_s((long long)unchanged));
		printf("\n");
	}
out:
	for (size_t i = 0; i < n; i++) {
		free(rows[i].themes);
		free(rows[i].note);
	}
	free(rows);
	free(tcol);
	sb_release(&thb);
	sb_release(&state);
	reader_free(r);
	fclose(f);
	return rc;
}

/* ---- the review screen ---- */

/*
 * The quotes queue: the current quote candidates, k per theme, rebuilt
 * after every decision so that a candidate that leaves its theme is
 * replaced by the next one.
 */
typedef struct quote_queue {
	stemmer *st;        /* word table for quote selection */
	quote_opts opts;    /* k and the length window */
	const char *theme;  /* only this theme, or NULL */
	int *theme_of;      /* per slot: the theme it is a candidate for */
	int *confirmed;     /* per slot: a human decided or accepted that theme */
} quote_queue;

/* The candidates of every theme (or qq->theme), in theme order, into *ids. */
static int quote_queue_build(reviewer *rv, quote_queue *qq, long long **ids, size_t *n)
{
	return quotes_queue(rv, qq->st, &qq->opts, qq->theme, ids, &qq->theme_of, &qq->confirmed, n);
}

typedef struct screen {
	reviewer *rv;
	quote_queue *qq;    /* the quotes queue, or NULL */
	long long *ids;     /* the queue */
	size_t n;
	size_t pos;         /* current answer */
	answer_view v;
	const char *queue;  /* its name, for the header */
	int color;          /* colours in use */
	int scroll;         /* first text line shown */
	char msg[160];      /* status line */
} screen;

static const short theme_colors[] = { COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE,
				      COLOR_MAGENTA, COLOR_CYAN };

static int theme_attr(const screen *s, int t)
{
	if (s->color)
		return COLOR_PAIR(1 + t % 6) | A_BOLD;
	return A_UNDERLINE | A_BOLD;
}

/* Theme of the evidence covering byte b, or -1. */
static int span_at(const answer_view *v, uint32_t b)
{
	for (size_t i = 0; i < v->nspans; i++)
		if (v->spans[i].start <= b && b < v->spans[i].end)
			return v->spans[i].theme;
	return -1;
}

/*
 * The character at t[k] (of len bytes) as the screen shows it: its bytes,
 * or for what could play tricks on the terminal (controls, bidirectional
 * overrides, invalid bytes) the visible escape sb_add_term() makes, in
 * *show; *cols is its width in columns. Returns its length in bytes.
 */
static int screen_char(const char *t, size_t len, size_t k, strbuf *show, int *cols)
{
	int32_t cp;
	int n = utf8_decode((const unsigned char *)t + k, len - k, &cp);
	if (n < 0)
		n = 1;
	sb_reset(show);
	sb_add_term(show, t + k, (size_t)n, 0);
	if (show->len != (size_t)n || memcmp(show->buf, t + k, show->len)) {
		*cols = (int)show->len;
	} else {
		int cw = n == 1 ? 1 : utf8proc_charwidth(cp);
		*cols = cw > 0 ? cw : 0;
	}
	return n;
}

/* Draw the answer text wrapped into rows [top, bottom), highlighting evidence. */
static void draw_text(screen *s, int top, int bottom)
{
	const char *t = s->v.text;
	size_t len = strlen(t);
	int width = COLS - 2, row = 0, col = 0;
	size_t i = 0;
	strbuf show;
	sb_init(&show);
	while (i < len) {
		/* the next word (up to a space or line end) and its display width */
		size_t j = i;
		int w = 0;
		while (j < len && t[j] != ' ' && t[j] != '\n') {
			int cw;
			j += (size_t)screen_char(t, len, j, &show, &cw);
			w += cw;
		}
		if (col > 0 && col + w > width) {
			row++;
			col = 0;
		}
		for (size_t k = i; k < j;) {
			int cw;
			int n = screen_char(t, len, k, &show, &cw);
			if (col >= width) {
				row++;
				col = 0;
			}
			int y = top + row - s->scroll;
			if (y >= top && y < bottom) {
				int th = span_at(&s->v, (uint32_t)k);
				if (th >= 0 && !s->rv->blind)
					attron(theme_attr(s, th));
				mvaddnstr(y, 1 + col, show.buf, (int)show.len);
				if (th >= 0 && !s->rv->blind)
					attroff(theme_attr(s, th));
			}
			col += cw;
			k += (size_t)n;
		}
		if (j < len && t[j] == '\n') {
			row++;
			col = 0;
		} else if (j < len) {
			int y = top + row - s->scroll;
			int th = span_at(&s->v, (uint32_t)j);
			if (y >= top && y < bottom && col < width) {
				if (th >= 0 && !s->rv->blind)
					attron(theme_attr(s, th));
				mvaddch(y, 1 + col, ' ');
				if (th >= 0 && !s->rv->blind)
					attroff(theme_attr(s, th));
			}
			col++;
		}
		i = j < len ? j + 1 : j;
	}
	if (top + row - s->scroll >= bottom)
		mvprintw(bottom - 1, COLS - 24, " [more: PgDn / PgUp] ");
	sb_release(&show);
}

static void draw(screen *s)
{
	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		mvprintw(0, 0, "The terminal is %dx%d;", COLS, LINES);
		mvprintw(1, 0, "qcode review needs %dx%d.", MIN_COLS, MIN_LINES);
		mvprintw(2, 0, "Enlarge it, or q to quit.");
		refresh();
		return;
	}
	reviewer *rv = s->rv;
	answer_view *v = &s->v;
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	mvprintw(0, 0, " qcode review  %zu/%zu  queue: %s  coder: %s%s", s->pos + 1, s->n, s->queue,
		 rv->coder, rv->blind ? "  BLIND" : "");
	if (s->qq && s->n)
		printw("  quote for: %s%s", rv->keys[s->qq->theme_of[s->pos]],
		       s->qq->confirmed[s->pos] ? " (confirmed)" : "");
	mvprintw(0, COLS - 18, "? help  q quit ");
	attroff(A_REVERSE);
	move(1, 0);
	strbuf a, b;
	sb_init(&a);
	sb_init(&b);
	printw(" id: %s", sb_set_term(&a, v->ext_id, 0));
	for (size_t i = 0; i < v->nattrs; i++)
		printw("  %s: %s", sb_set_term(&a, v->attr_name[i], 0), sb_set_term(&b, v->attr_value[i], 0));
	sb_release(&a);
	sb_release(&b);
	if (v->decided)
		printw("  (reviewed)");
	mvhline(2, 0, ACS_HLINE, COLS);
	int nth = (int)(rv->nthemes < 9 ? rv->nthemes : 9);
	int themes_top = LINES - nth - 2;
	draw_text(s, 3, themes_top - 1);
	mvhline(themes_top - 1, 0, ACS_HLINE, COLS);
	for (int t = 0; t < nth; t++) {
		int y = themes_top + t;
		mvprintw(y, 1, "%d [%c] ", t + 1, v->coded[t] ? 'x' : ' ');
		attron(theme_attr(s, t));
		printw("%-16.16s", rv->keys[t]);
		attroff(theme_attr(s, t));
		printw(" %-8s", t == v->primary ? "primary" : "");
		if (!rv->blind && v->machine[t])
			printw(" machine %g%s", no_neg_zero(v->score[t], -1), t == v->machine_primary ? "*" : "");
		printw("  %.*s", COLS - 50 > 0 ? COLS - 50 : 0, rv->labels[t]);
	}
	mvprintw(LINES - 1, 1, "%.*s", COLS - 2, s->msg);
	refresh();
}

static void help(void)
{
	static const char *const lines[] = {
		"1-9      toggle a theme",
		"p N      make theme N the primary",
		"a        accept the codes as shown (and go on)",
		"x        no theme (and go on)",
		"r        quotes queue: not about this theme -- removed, the next candidate takes its place",
		"n, ->    next answer       b, <-  previous",
		"u        undo the last decision (also after a restart)",
		"/        search the answers of the queue (Esc or Ctrl-C leaves it)",
		"PgDn     scroll a long answer",
		"q        quit: every decision is saved as it is made",
		"",
		"press any key",
	};
	erase();
	mvprintw(0, 1, "qcode review: keys");
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		mvprintw(2 + (int)i, 3, "%s", lines[i]);
	refresh();
	getch();
}

/* The quotes queue anew after a decision: the slot keeps its place. */
static void requeue(screen *s)
{
	if (!s->qq)
		return;
	size_t n = 0;
	long long *ids = NULL;
	if (quote_queue_build(s->rv, s->qq, &ids, &n)) {
		free(ids);
		snprintf(s->msg, sizeof(s->msg), "cannot rebuild the quotes queue");
		return;
	}
	free(s->ids);
	s->ids = ids;
	s->n = n;
	if (s->pos >= s->n)
		s->pos = s->n ? s->n - 1 : 0;
}

static void load(screen *s)
{
	s->scroll = 0;
	if (!s->n)
		return;
	if (reviewer_load(s->rv, s->ids[s->pos], &s->v))
		snprintf(s->msg, sizeof(s->msg), "cannot load the answer");
}

static void decide(screen *s, int action, int theme, const char *what)
{
	decision d = { action, theme };
	if (reviewer_decide(s->rv, &s->v, &d, 1, NULL) < 0) {
		snprintf(s->msg, sizeof(s->msg), "NOT SAVED: %s", error_last_code() == EXIT_DB ?
			 "the database is busy or read-only" : "error");
		return;
	}
	snprintf(s->msg, sizeof(s->msg), "saved: %s", what);
	requeue(s);
	load(s);
}

/*
 * Read what to search for on the bottom line into q (size bytes, UTF-8).
 * Enter ends it and returns 0; Esc, Ctrl-C and Ctrl-G leave the search and
 * return -1; Backspace takes back a character.
 */
static int read_query(char *q, size_t size)
{
	size_t n = 0;
	int rc = -1;
	strbuf shown;
	sb_init(&shown);
	q[0] = '\0';
	raw(); /* Ctrl-C comes as a key, not as a signal that ends the review */
	curs_set(1);
	for (;;) {
		mvhline(LINES - 1, 0, ' ', COLS);
		mvprintw(LINES - 1, 1, "search: %s", sb_set_term(&shown, q, 0));
		refresh();
		wint_t ch;
		int kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (ch == KEY_ENTER) {
				rc = 0;
				break;
			}
			if (ch != KEY_BACKSPACE)
				continue;
			ch = 127;
		}
		if (ch == 27 || ch == 3 || ch == 7)
			break;
		if (ch == '\n' || ch == '\r') {
			rc = 0;
			break;
		}
		if (ch == 127 || ch == 8) {
			while (n > 0 && ((unsigned char)q[--n] & 0xC0) == 0x80)
				;
			q[n] = '\0';
			continue;
		}
		if (ch < 0x20 || ch > 0x10FFFF)
			continue;
		/* the character in UTF-8, when it fits */
		unsigned char u[4];
		size_t k = ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
		if (k == 1) {
			u[0] = (unsigned char)ch;
		} else {
			for (size_t b = k - 1; b > 0; b--, ch >>= 6)
				u[b] = (unsigned char)(0x80 | (ch & 0x3F));
			u[0] = (unsigned char)((0xF00 >> k) | ch);
		}
		if (n + k < size) {
			memcpy(q + n, u, k);
			q[n += k] = '\0';
		}
	}
	cbreak();
	curs_set(0);
	sb_release(&shown);
	return rc;
}

static int search(screen *s)
{
	char q[128];
	if (read_query(q, sizeof(q))) {
		snprintf(s->msg, sizeof(s->msg), "search left");
		return 0;
	}
	if (!*q)
		return 0;
	strbuf fq, ft;
	sb_init(&fq);
	sb_init(&ft);
	utf8_fold(q, strlen(q), &fq);
	answer_view v;
	memset(&v, 0, sizeof(v));
	int found = 0;
	for (size_t k = 1; k <= s->n && !found; k++) {
		size_t p = (s->pos + k) % s->n;
		if (reviewer_load(s->rv, s->ids[p], &v))
			break;
		sb_reset(&ft);
		utf8_fold(v.text, strlen(v.text), &ft);
		if (strstr(ft.buf, fq.buf)) {
			s->pos = p;
			found = 1;
		}
	}
	answer_view_release(&v);
	strbuf shown;
	sb_init(&shown);
	snprintf(s->msg, sizeof(s->msg), found ? "found '%s'" : "'%s' is not in this queue",
		 sb_set_term(&shown, q, 0));
	sb_release(&shown);
	sb_release(&fq);
	sb_release(&ft);
	if (found)
		load(s);
	return found;
}

static void on_signal(int sig)
{
	endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_screen(reviewer *rv, long long *ids, size_t n, const char *queue, quote_queue *qq)
{
	screen s;
	memset(&s, 0, sizeof(s));
	s.rv = rv;
	s.qq = qq;
	s.ids = xcalloc(n + 1, sizeof(long long));
	memcpy(s.ids, ids, n * sizeof(long long));
	s.n = n;
	s.queue = queue;
	setlocale(LC_ALL, "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		error("review needs a terminal; use 'qcode review --export FILE.csv' to review in a spreadsheet");
		return EXIT_USAGE;
	}
	if (!newterm(NULL, stdout, stdin)) {
		error("cannot start the screen (TERM='%s')", getenv("TERM") ? getenv("TERM") : "");
		return EXIT_IO;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	set_escdelay(25); /* Esc alone: no wait for a key sequence it might start */
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	const char *nc = getenv("NO_COLOR"); /* no-color.org: set and not empty */
	s.color = has_colors() && !(nc && *nc);
	if (s.color) {
		start_color();
		use_default_colors();
		for (int i = 0; i < 6; i++)
			init_pair((short)(1 + i), theme_colors[i], -1);
	}
	load(&s);
	snprintf(s.msg, sizeof(s.msg), "%zu answer%s in the queue; every decision is saved at once", n,
		 plural_s((long long)n));
	int pending_p = 0;
	for (;;) {
		draw(&s);
		int c = getch();
		int small = COLS < MIN_COLS || LINES < MIN_LINES;
		if (c == 'q' || c == 'Q')
			break;
		if (small || c == KEY_RESIZE)
			continue;
		s.msg[0] = '\0';
		if (pending_p) {
			pending_p = 0;
			if (c >= '1' && c <= '9' && (size_t)(c - '1') < rv->nthemes) {
				int t = c - '1';
				char what[64];
				snprintf(what, sizeof(what), "%s is the primary theme", rv->keys[t]);
				decision d[2] = { { DEC_ADD, t }, { DEC_PRIMARY, t } };
				if (reviewer_decide(rv, &s.v, d, 2, NULL) < 0)
					snprintf(s.msg, sizeof(s.msg), "NOT SAVED");
				else
					snprintf(s.msg, sizeof(s.msg), "saved: %s", what);
				load(&s);
			} else {
				snprintf(s.msg, sizeof(s.msg), "p needs a theme number");
			}
			continue;
		}
		if (c >= '1' && c <= '9') {
			int t = c - '1';
			if ((size_t)t >= rv->nthemes)
				continue;
			char what[64];
			snprintf(what, sizeof(what), "%s %s", s.v.coded[t] ? "removed" : "added", rv->keys[t]);
			decide(&s, s.v.coded[t] ? DEC_REMOVE : DEC_ADD, t, what);
		} else if (c == 'p') {
			pending_p = 1;
			snprintf(s.msg, sizeof(s.msg), "primary: which theme (1-%zu)?", rv->nthemes < 9 ? rv->nthemes : 9);
		} else if (c == 'r' && s.qq && s.n) {
			int t = s.qq->theme_of[s.pos];
			char what[96];
			snprintf(what, sizeof(what), "%s is not about %s; the next candidate takes its place",
				 s.v.ext_id, rv->keys[t]);
			decide(&s, DEC_REMOVE, t, what);
		} else if (c == 'a' || c == 'x') {
			decide(&s, c == 'a' ? DEC_ACCEPT : DEC_NONE, -1, c == 'a' ? "accepted" : "no theme");
			if (s.pos + 1 < s.n) {
				s.pos++;
				load(&s);
			}
		} else if (c == 'n' || c == KEY_RIGHT) {
			if (s.pos + 1 < s.n) {
				s.pos++;
				load(&s);
			} else {
				snprintf(s.msg, sizeof(s.msg), "the end of the queue");
			}
		} else if (c == 'b' || c == KEY_LEFT) {
			if (s.pos > 0) {
				s.pos--;
				load(&s);
			}
		} else if (c == 'u') {
			long long aid;
			int r = reviewer_undo(rv, &aid);
			if (r <= 0) {
				snprintf(s.msg, sizeof(s.msg), r == 0 ? "nothing to undo" : "NOT UNDONE");
			} else {
				for (size_t k = 0; k < s.n; k++)
					if (s.ids[k] == aid)
						s.pos = k;
				load(&s);
				strbuf id;
				sb_init(&id);
				snprintf(s.msg, sizeof(s.msg), "undone: the last decision on %s",
					 sb_set_term(&id, s.v.ext_id, 0));
				sb_release(&id);
			}
		} else if (c == '/') {
			search(&s);
		} else if (c == '?') {
			help();
		} else if (c == KEY_NPAGE) {
			s.scroll += 5;
		} else if (c == KEY_PPAGE) {
			s.scroll = s.scroll > 5 ? s.scroll - 5 : 0;
		}
	}
	endwin();
	answer_view_release(&s.v);
	free(s.ids);
	return EXIT_OK;
}

static const cmd_option review_options[] = {
	{ "queue", 0, required_argument, 'Q', "QUEUE",
	  "all; uncoded (no theme), multi (more than one theme), low (no machine\n"
	  "score at --low or above), changed (the latest run coded it otherwise\n"
	  "than the run before, or against a human decision), quotes (the\n"
	  "current quote candidates); default: all" },
	{ "theme", 0, required_argument, 'T', "T",
	  "only answers coded with theme T (quotes: T's candidates)" },
	{ "low", 0, required_argument, 'L', "SCORE",
	  "the machine score under which the low queue takes an answer (default: 2)" },
	{ "sample", 0, required_argument, 'S', "N",
	  "a reproducible random sample of N answers of the queue" },
	{ "seed", 0, required_argument, 'E', "S",
	  "the sample's seed (default: 1)" },
	{ NULL, 'k', required_argument, 'k', "N",
	  "the quotes queue: candidates per theme (default: 5)" },
	{ "coder", 0, required_argument, 'C', "NAME",
	  "whose decisions these are (default: $USER)" },
	{ "blind", 0, no_argument, 'B', NULL,
	  "code without seeing the machine's codes or other coders' decisions" },
	{ "export", 0, required_argument, 'X', "FILE",
	  "write the queue as a review sheet: FILE.xlsx, else CSV" },
	{ "import", 0, required_argument, 'I', "FILE",
	  "record a filled-in review sheet (.xlsx or CSV) as --coder's decisions" },
	{ "excel", 0, no_argument, 'x', NULL,
	  "with --export FILE.csv: CSV for Dutch Excel (BOM, ';', CRLF)" },
	{ "lang", 0, required_argument, 'G', "nl|en",
	  "with --export: the sheet's language (default: the codeframe's)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_review_spec = {
	.name = "review",
	.fn = cmd_review,
	.needs = NEED_DB,
	.summary = "review theme assignments on screen, or in a spreadsheet",
	.usage =
	  "qcode review [--queue all|uncoded|multi|low|changed|quotes] [--theme T] [--low SCORE]\n"
	  "             [--sample N --seed S] [--coder NAME] [--blind] [-k N]\n"
	  "qcode review --export FILE.xlsx|FILE.csv [--excel] [--lang nl|en] [queue options]\n"
	  "                                                  review in a spreadsheet\n"
	  "qcode review --import FILE.xlsx|FILE.csv [--coder NAME]   apply a reviewed spreadsheet",
	.options = review_options,
	.notes = "Keys on screen: 1-9 toggle a theme, p primary, a accept, x no theme, u undo,\nr (quotes queue) take a quote off its theme, / search, n/b next/back, ? help, q quit.\nEvery decision is saved at once in the append-only log.",
};

int cmd_review(int argc, char **argv, qctx *ctx)
{
	const char *queue = "all", *theme = NULL, *coder = default_coder(), *exp = NULL, *imp = NULL;
	const char *lang_opt = NULL;
	int excel = 0;
	long k = 5;
	long sample = 0;
	unsigned long seed = 1;
	double low = 2;
	int blind = 0, c;
	while ((c = cmd_getopt(argc, argv, review_options, ctx)) != -1) {
		switch (c) {
		case 'Q': queue = optarg; break;
		case 'T': theme = optarg; break;
		case 'S':
			if (cmd_parse_long(ctx, "--sample", optarg, 1, 100000000, &sample))
				return EXIT_USAGE;
			break;
		case 'E':
			if (cmd_parse_ulong(ctx, "--seed", optarg, &seed))
				return EXIT_USAGE;
			break;
		case 'C': coder = optarg; break;
		case 'B': blind = 1; break;
		case 'L':
			if (cmd_parse_double(ctx, "--low", optarg, 0, 1e9, &low))
				return EXIT_USAGE;
			break;
		case 'X': exp = optarg; break;
		case 'I': imp = optarg; break;
		case 'x': excel = 1; break;
		case 'G': lang_opt = optarg; break;
		case 'k':
			if (cmd_parse_long(ctx, "-k", optarg, 1, 10000, &k))
				return EXIT_USAGE;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if ((excel || lang_opt) && !exp)
		return cmd_usage_error(ctx, "--excel and --lang are for --export");
	if (excel && is_xlsx(exp))
		return cmd_usage_error(ctx, "--excel is for a CSV sheet; a .xlsx workbook is Excel's own");
	int lang = lang_resolve(lang_opt, ctx->lex_dir);
	if (lang < 0)
		return error_last_code();
	int quotes_queue = !strcmp(queue, "quotes");
	if (quotes_queue && blind)
		return cmd_usage_error(ctx, "the quotes queue shows the machine's candidates: it cannot be blind");
	/* every keypress is saved at once: no review on a database that
	   cannot be written */
	if (!exp && db_writable(ctx->db))
		return EXIT_DB;
	reviewer rv;
	if (reviewer_init(&rv, ctx->db, coder, blind, ctx->lex_dir))
		return error_last_code();
	int rc;
	if (imp) {
		rc = import_reviews(&rv, imp);
		reviewer_release(&rv);
		return rc;
	}
	if (theme && reviewer_theme(&rv, theme) < 0) {
		rc = unknown_theme(&rv, theme);
		reviewer_release(&rv);
		return rc;
	}
	long long *ids = NULL;
	size_t n = 0;
	quote_queue qq;
	memset(&qq, 0, sizeof(qq));
	if (quotes_queue) {
		qq.st = cmd_stemmer(ctx);
		qq.opts.k = (int)k;
		qq.opts.min_words = 8;
		qq.opts.max_words = 80;
		qq.theme = theme;
		if (!qq.st || quote_queue_build(&rv, &qq, &ids, &n)) {
			reviewer_release(&rv);
			free(ids);
			return EXIT_DB;
		}
	} else if (reviewer_queue(&rv, queue, theme, low, sample, seed, &ids, &n)) {
		reviewer_release(&rv);
		return error_last_code();
	}
	if (exp)
		rc = export_queue(&rv, ids, n, exp, excel, lang);
	else if (!n) {
		printf("the queue '%s' is empty\n", queue);
		rc = EXIT_OK;
	} else
		rc = run_screen(&rv, ids, n, queue, quotes_queue ? &qq : NULL);
	free(ids);
	free(qq.theme_of);
	free(qq.confirmed);
	reviewer_release(&rv);
	return rc;
}
