/*
 * cmd_import: `qcode import FILE` -- answers and their group variables from
 * CSV, TSV, JSONL, an Excel workbook (.xlsx) or SPSS .sav into the project,
 * all or nothing, with the question texts of the columns (a survey
 * platform's header rows, a .sav's variable labels, a LimeSurvey structure
 * file) kept as their labels.
 *
 * One import brings one open question: the --text column. To code several
 * open questions, give each its own project (--db).
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "db.h"
#include "progress.h"
#include "read.h"
#include "sav.h"
#include "survey.h"
#include "utf8.h"

/* Most --group columns. */
#define MAX_GROUPS 64

/* Rows of either a text reader or a .sav table. */
typedef struct source {
	reader *r;      /* text formats */
	table t;        /* .sav */
	int sav;        /* 1 for .sav */
	size_t row;     /* .sav: current row + 1 */
	strbuf cols;    /* .sav: column names for messages */
	strbuf where;   /* .sav: a position for messages */
	const char *path; /* the file */
} source;

static int src_next(source *s)
{
	if (!s->sav)
		return reader_next(s->r);
	if (s->row >= s->t.nrows)
		return 0;
	s->row++;
	return 1;
}

static long src_row(const source *s)
{
	/* .sav cases are numbered from 1, as SPSS's data view does */
	return s->sav ? (long)s->row : reader_row(s->r);
}

static int src_col(source *s, const char *name)
{
	if (!s->sav)
		return reader_col(s->r, name);
	for (size_t c = 0; c < s->t.ncols; c++)
		if (!strcasecmp(s->t.cols[c], name))
			return (int)c;
	return -1;
}

static const char *src_columns(source *s)
{
	if (!s->sav)
		return reader_columns(s->r);
	sb_reset(&s->cols);
	for (size_t c = 0; c < s->t.ncols; c++)
		sb_addf(&s->cols, "%s%s", c ? ", " : "", s->t.cols[c]);
	return s->cols.buf;
}

/* Where column col of the current row is, for a message. */
static const char *src_where(source *s, int col)
{
	if (!s->sav)
		return reader_where(s->r, col);
	sb_reset(&s->where);
	sb_addf(&s->where, "%s:%zu", s->path, s->row);
	return s->where.buf;
}

/* An error in the current row, at column col; returns EXIT_INPUT. */
static int src_error(source *s, int col, const char *fmt, ...) FMT_PRINTF(3, 4);

static int src_error(source *s, int col, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_in(src_where(s, col), "%s", msg);
	return EXIT_INPUT;
}

/* Check a value of the current row (read_check()): 0, or -1 after reporting. */
static int src_check(source *s, const read_policy *p, int col, const char *name, int what,
		     const char *v, size_t n)
{
	read_at at = { s->path, src_row(s), s->sav ? NULL : s->r, col, name, what };
	return read_check(p, &at, v, n, NULL, NULL, NULL);
}

/* The label (question text) of column col, or NULL. */
static const char *src_label(source *s, int col)
{
	if (col < 0)
		return NULL;
	if (s->sav)
		return s->t.labels ? s->t.labels[col] : NULL;
	return (size_t)col < reader_ncols(s->r) ? reader_label(s->r, (size_t)col) : NULL;
}

/* The column's own name (the header's, not a label the user named it by). */
static const char *src_name(source *s, int col, const char *given)
{
	if (s->sav || (size_t)col >= reader_ncols(s->r))
		return given;
	const char *own = reader_colname(s->r, (size_t)col);
	return strcasecmp(own, given) ? own : given;
}

static const char *src_get(source *s, int col, size_t *len)
{
	if (!s->sav)
		return reader_get(s->r, col, len);
	const char *v = col >= 0 ? s->t.cells[(s->row - 1) * s->t.ncols + (size_t)col] : NULL;
	*len = v ? strlen(v) : 0;
	return v;
}

static int guess_format(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return -1;
	if (!strcasecmp(dot, ".csv")) return READ_CSV;
	if (!strcasecmp(dot, ".tsv") || !strcasecmp(dot, ".tab")) return READ_TSV;
	if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson")) return READ_JSONL;
	if (!strcasecmp(dot, ".txt")) return READ_LINES;
	if (!strcasecmp(dot, ".sav")) return 100;
	if (!strcasecmp(dot, ".xlsx")) return READ_XLSX;
	return -1;
}

static const char *format_name(int f)
{
	switch (f) {
	case READ_CSV: return "csv";
	case READ_TSV: return "tsv";
	case READ_JSONL: return "jsonl";
	case READ_LINES: return "lines";
	case READ_XLSX: return "xlsx";
	default: return "sav";
	}
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

int cmd_import(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "id", required_argument, NULL, 'i' },
		{ "text", required_argument, NULL, 't' },
		{ "group", required_argument, NULL, 'g' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "source", required_argument, NULL, 's' },
		{ "replace", no_argument, NULL, 'R' },
		{ "skip-existing", no_argument, NULL, 'S' },
		{ "sheet", required_argument, NULL, 'W' },
		{ "header-rows", required_argument, NULL, 'H' },
		{ "questions", required_argument, NULL, 'Q' },
		{ NULL, 0, NULL, 0 },
	};
	int format = -1, replace = 0, skip = 0, c;
	const char *id_name = NULL, *text_name = NULL, *encoding = NULL, *source_name = NULL;
	const char *sheet = NULL, *questions = NULL;
	long header_rows = 0;
	const char *groups[MAX_GROUPS];
	size_t ngroups = 0;
	char delim = 0;
	while ((c = cmd_getopt(argc, argv, "", opts, ctx)) != -1) {
		switch (c) {
		case 'f':
			if (!strcasecmp(optarg, "sav"))
				format = 100;
			else if ((format = read_format_parse(optarg)) < 0)
				return cmd_usage_error(ctx, "unknown format '%s' (use csv, tsv, jsonl, xlsx or sav)", optarg);
			break;
		case 'i': id_name = optarg; break;
		case 't': text_name = optarg; break;
		case 'g':
			if (ngroups == MAX_GROUPS)
				return cmd_usage_error(ctx, "at most %d --group columns", MAX_GROUPS);
			groups[ngroups++] = optarg;
			break;
		case 'd':
			if (!strcmp(optarg, "\\t") || !strcasecmp(optarg, "tab"))
				delim = '\t';
			else if (strlen(optarg) == 1)
				delim = optarg[0];
			else
				return cmd_usage_error(ctx, "--delimiter takes one character (or 'tab')");
			break;
		case 'e': encoding = optarg; break;
		case 's': source_name = optarg; break;
		case 'R': replace = 1; break;
		case 'S': skip = 1; break;
		case 'W': sheet = optarg; break;
		case 'H':
			if (cmd_parse_long(ctx, "--header-rows", optarg, 1, READ_MAX_HEADER_ROWS, &header_rows))
				return EXIT_USAGE;
			break;
		case 'Q': questions = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(ctx, optind == argc ? "import needs a file" : "import takes one file");
	if (replace && skip)
		return cmd_usage_error(ctx, "--replace and --skip-existing exclude each other");
	const char *path = argv[optind];
	if (format < 0 && (format = guess_format(path)) < 0)
		return cmd_usage_error(ctx, "cannot tell the format of '%s' from its name; give --format", path);
	if (sheet && format != READ_XLSX)
		return cmd_usage_error(ctx, "--sheet is for an .xlsx workbook");
	if (header_rows && format != READ_CSV && format != READ_TSV && format != READ_XLSX)
		return cmd_usage_error(ctx, "--header-rows is for CSV, TSV and .xlsx");

	/* text that is not UTF-8 is most likely Windows-1252, which --encoding reads */
	read_policy policy = { 0, encoding ? NULL : "is the file Windows-1252? try --encoding cp1252" };
	int rc = EXIT_INPUT;
	strbuf sql;
	sb_init(&sql);
	source src;
	memset(&src, 0, sizeof(src));
	sb_init(&src.cols);
	sb_init(&src.where);
	src.path = path;
	survey_questions sq;
	memset(&sq, 0, sizeof(sq));
	hashed_file *in = NULL; /* read once, hashed on the way (a .sav is read by ReadStat too) */
	db *d = ctx->db;
	sqlite3_stmt *ins = NULL, *upd = NULL, *find = NULL, *attr = NULL, *imp = NULL;
	sqlite3_stmt *changed = NULL, *unlatest = NULL, *decided = NULL, *unrun[3] = { NULL, NULL, NULL };
	sqlite3_stmt *qst = NULL;
	int in_tx = 0;
	char sha[65];

	if (!(in = hashed_open(path))) {
		rc = error_last_code();
		goto out;
	}
	int first = getc(hashed_stream(in));
	if (first == EOF) {
		if (ferror(hashed_stream(in))) {
			hashed_finish(in, sha); /* says what the read error was */
			rc = error_last_code();
		} else {
			error("'%s' is empty", path);
		}
		goto out;
	}
	ungetc(first, hashed_stream(in));
	if (format == 100) {
		src.sav = 1;
		if (sav_read(path, &src.t)) {
			rc = error_last_code();
			goto out;
		}
	} else {
		read_opts ro = { format, delim, encoding, sheet, (int)header_rows, &policy };
		src.r = reader_open_with(hashed_stream(in), path, &ro);
		if (!src.r) {
			rc = error_last_code();
			goto out;
		}
	}

	if (questions) {
		/* the texts of the columns the file itself leaves without */
		if (survey_questions_load(&sq, questions)) {
			rc = error_last_code();
			goto out;
		}
		size_t ncols = src.sav ? src.t.ncols : reader_ncols(src.r);
		for (size_t c = 0; c < ncols; c++) {
			if (src_label(&src, (int)c))
				continue;
			const char *t = survey_question(&sq, src.sav ? src.t.cols[c] : reader_colname(src.r, c));
			if (t && src.sav)
				src.t.labels[c] = xstrdup(t);
			else if (t)
				reader_set_label(src.r, c, t);
		}
	}
	int text_col = src_col(&src, text_name ? text_name : "text");
	if (text_col < 0) {
		error("%s: no column '%s'; the columns are: %s", path, text_name ? text_name : "text",
		      src_columns(&src));
		goto out;
	}
	int id_col = -1;
	if (format != READ_LINES) {
		id_col = src_col(&src, id_name ? id_name : "id");
		if (id_col < 0 && id_name) {
			error("%s: no column '%s'; the columns are: %s", path, id_name, src_columns(&src));
			goto out;
		}
	}
	int gcols[MAX_GROUPS];
	const char *gnames[MAX_GROUPS];
	for (size_t g = 0; g < ngroups; g++) {
		gcols[g] = src_col(&src, groups[g]);
		if (gcols[g] < 0) {
			error("%s: no column '%s'; the columns are: %s", path, groups[g], src_columns(&src));
			goto out;
		}
		gnames[g] = src_name(&src, gcols[g], groups[g]);
	}

	rc = EXIT_DB;
	if (db_begin(d))
		goto out;
	in_tx = 1;
	char now[24];
	db_now(now);
	imp = db_prepare(d, "INSERT INTO imports(file, sha256, format, source, rows, created) VALUES(?,?,?,?,0,?)");
	if (!imp)
		goto out;
	sqlite3_bind_text(imp, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(imp, 2, "", -1, SQLITE_STATIC); /* known at the end */
	sqlite3_bind_text(imp, 3, format_name(format), -1, SQLITE_STATIC);
	sqlite3_bind_text(imp, 4, source_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(imp, 5, now, -1, SQLITE_STATIC);
	if (sqlite3_step(imp) != SQLITE_DONE) {
		db_error(d, "cannot import");
		goto out;
	}
	long long import_id = sqlite3_last_insert_rowid(db_sqlite(d));
	find = db_prepare(d, "SELECT id, import_id, text = ?2 FROM answers WHERE ext_id = ?1");
	ins = db_prepare(d, "INSERT INTO answers(ext_id, import_id, text, empty) VALUES(?,?,?,?)");
	upd = db_prepare(d, "UPDATE answers SET import_id = ?, text = ?, empty = ? WHERE id = ?");
	/* the groups this file gives; an answer keeps the others it has */
	attr = db_prepare(d, "INSERT OR REPLACE INTO attributes(answer_id, name, value) VALUES(?,?,?)");
	/* a new text: the machine codes and evidence of the old one go (the
	   evidence points into it), the human decisions stay, marked */
	changed = db_prepare(d, "INSERT INTO text_changes(answer_id, import_id, at, after_decision)"
				" SELECT ?1, ?2, ?3, coalesce(max(id), 0) FROM decisions");
	unlatest = db_prepare(d, "DELETE FROM latest_runs WHERE answer_id = ?1");
	decided = db_prepare(d, "SELECT EXISTS (SELECT 1 FROM decisions WHERE answer_id = ?1)");
#define UNFINISHED " WHERE answer_id = ?1 AND run_id IN (SELECT id FROM runs WHERE finished IS NULL)"
	static const char *const unrun_sql[3] = {
		"DELETE FROM evidence" UNFINISHED,
		"DELETE FROM codes" UNFINISHED,
		"DELETE FROM coded" UNFINISHED,
	};
#undef UNFINISHED
	for (int k = 0; k < 3; k++)
		unrun[k] = db_prepare(d, unrun_sql[k]);
	if (!find || !ins || !upd || !attr || !changed || !unlatest || !decided || !unrun[0] ||
	    !unrun[1] || !unrun[2])
		goto out;

	/* the question texts of the columns imported: the latest import's stand */
	qst = db_prepare(d, "INSERT OR REPLACE INTO questions(name, role, label, import_id) VALUES(?,?,?,?)");
	if (!qst)
		goto out;
	struct labelled { int col; const char *name, *role; } labelled[MAX_GROUPS + 2];
	size_t nl = 0;
	labelled[nl++] = (struct labelled){ text_col, src_name(&src, text_col, text_name ? text_name : "text"), "text" };
	if (id_col >= 0)
		labelled[nl++] = (struct labelled){ id_col, src_name(&src, id_col, id_name ? id_name : "id"), "id" };
	for (size_t g = 0; g < ngroups; g++)
		labelled[nl++] = (struct labelled){ gcols[g], gnames[g], "group" };
	for (size_t k = 0; k < nl; k++) {
		const char *label = src_label(&src, labelled[k].col);
		if (!label || !*label)
			continue;
		sqlite3_bind_text(qst, 1, labelled[k].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(qst, 2, labelled[k].role, -1, SQLITE_STATIC);
		sqlite3_bind_text(qst, 3, label, -1, SQLITE_STATIC);
		sqlite3_bind_int64(qst, 4, import_id);
		int ok = sqlite3_step(qst) == SQLITE_DONE;
		sqlite3_reset(qst);
		if (!ok) {
			db_error(d, "cannot import");
			goto out;
		}
	}

	long rows = 0, skipped = 0, replaced = 0, empty = 0, new_text = 0, new_text_decided = 0;
	progress pr;
	progress_start(&pr, "importing", src.sav ? (long)src.t.nrows : 0);
	for (;;) {
		int got = src_next(&src);
		if (got < 0) {
			rc = error_last_code();
			goto out;
		}
		if (!got)
			break;
		long row = src_row(&src);
		size_t tlen, idlen = 0;
		const char *text = src_get(&src, text_col, &tlen);
		const char *id = id_col >= 0 ? src_get(&src, id_col, &idlen) : NULL;
		char idbuf[32];
		if (!src.sav && reader_require(src.r, text_col)) {
			rc = EXIT_INPUT;
			goto out;
		}
		if (!text) {
			text = "";
			tlen = 0;
		}
		if (src_check(&src, &policy, text_col, text_name ? text_name : "text", READ_ANSWER, text, tlen)) {
			rc = EXIT_INPUT;
			goto out;
		}
		if (!id || !idlen) {
			if (id_col >= 0 && !src.sav && reader_require(src.r, id_col)) {
				rc = EXIT_INPUT;
				goto out;
			}
			if (id_col >= 0) {
				rc = src_error(&src, id_col, "empty id in column '%s'", id_name ? id_name : "id");
				goto out;
			}
			snprintf(idbuf, sizeof(idbuf), "%ld", row);
			id = idbuf;
			idlen = strlen(idbuf);
		} else if (src_check(&src, &policy, id_col, id_name ? id_name : "id", READ_ID, id, idlen)) {
			rc = EXIT_INPUT;
			goto out;
		}
		int is_empty = only_space(text, tlen);
		sqlite3_bind_text(find, 1, id, (int)idlen, SQLITE_TRANSIENT);
		sqlite3_bind_text(find, 2, text, (int)tlen, SQLITE_STATIC);
		int found = sqlite3_step(find);
		long long aid = found == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
		long long prev_import = found == SQLITE_ROW ? sqlite3_column_int64(find, 1) : 0;
		int same_text = found == SQLITE_ROW && sqlite3_column_int(find, 2) == 1;
		sqlite3_reset(find);
		if (found == SQLITE_ROW && prev_import == import_id) {
			rc = src_error(&src, id_col, "duplicate id '%.*s' in this file", (int)idlen, id);
			goto out;
		}
		if (found == SQLITE_ROW && skip) {
			skipped++;
			continue;
		}
		if (found == SQLITE_ROW && !replace) {
			rc = src_error(&src, id_col,
				       "id '%.*s' is already in the project (use --replace or --skip-existing)",
				       (int)idlen, id);
			goto out;
		}
		if (found == SQLITE_ROW) {
			sqlite3_bind_int64(upd, 1, import_id);
			sqlite3_bind_text(upd, 2, text, (int)tlen, SQLITE_STATIC);
			sqlite3_bind_int(upd, 3, is_empty);
			sqlite3_bind_int64(upd, 4, aid);
			int ok = sqlite3_step(upd) == SQLITE_DONE;
			sqlite3_reset(upd);
			if (ok && !same_text) {
				sqlite3_bind_int64(changed, 1, aid);
				sqlite3_bind_int64(changed, 2, import_id);
				sqlite3_bind_text(changed, 3, now, -1, SQLITE_STATIC);
				ok = sqlite3_step(changed) == SQLITE_DONE;
				sqlite3_reset(changed);
				sqlite3_stmt *each[4] = { unlatest, unrun[0], unrun[1], unrun[2] };
				for (int k = 0; ok && k < 4; k++) {
					sqlite3_bind_int64(each[k], 1, aid);
					ok = sqlite3_step(each[k]) == SQLITE_DONE;
					sqlite3_reset(each[k]);
				}
				sqlite3_bind_int64(decided, 1, aid);
				ok = ok && sqlite3_step(decided) == SQLITE_ROW;
				new_text_decided += ok && sqlite3_column_int(decided, 0);
				sqlite3_reset(decided);
				new_text++;
			}
			if (!ok) {
				db_error(d, "cannot import");
				goto out;
			}
			replaced++;
		} else {
			sqlite3_bind_text(ins, 1, id, (int)idlen, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins, 2, import_id);
			sqlite3_bind_text(ins, 3, text, (int)tlen, SQLITE_STATIC);
			sqlite3_bind_int(ins, 4, is_empty);
			int ok = sqlite3_step(ins) == SQLITE_DONE;
			sqlite3_reset(ins);
			if (!ok) {
				db_error(d, "cannot import");
				goto out;
			}
			aid = sqlite3_last_insert_rowid(db_sqlite(d));
		}
		for (size_t g = 0; g < ngroups; g++) {
			size_t vlen;
			const char *v = src_get(&src, gcols[g], &vlen);
			if (v && src_check(&src, &policy, gcols[g], groups[g], READ_VALUE, v, vlen)) {
				rc = EXIT_INPUT;
				goto out;
			}
			sqlite3_bind_int64(attr, 1, aid);
			sqlite3_bind_text(attr, 2, gnames[g], -1, SQLITE_STATIC);
			if (v && vlen)
				sqlite3_bind_text(attr, 3, v, (int)vlen, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(attr, 3);
			int ok = sqlite3_step(attr) == SQLITE_DONE;
			sqlite3_reset(attr);
			if (!ok) {
				db_error(d, "cannot import");
				goto out;
			}
		}
		rows++;
		empty += is_empty;
		if ((rows & 4095) == 0)
			progress_update(&pr, rows);
	}
	progress_end(&pr);
	if (hashed_finish(in, sha)) {
		rc = error_last_code();
		goto out;
	}
	sb_addf(&sql, "UPDATE imports SET rows = %ld, sha256 = '%s' WHERE id = %lld", rows, sha,
		import_id);
	if (db_exec(d, sql.buf) || db_commit(d))
		goto out;
	in_tx = 0;
	printf("imported %ld answer%s from %s (%s", rows, plural_s(rows), path, format_name(format));
	if (src.r && reader_platform(src.r))
		printf(", a %s export", reader_platform(src.r));
	printf(")");
	if (empty)
		printf(", %ld empty", empty);
	if (replaced)
		printf(", %ld replaced", replaced);
	if (skipped)
		printf(", %ld already present and skipped", skipped);
	printf("\n");
	if (new_text == 1)
		printf("1 answer has a new text: its machine codes and evidence are gone until"
		       " 'qcode code' codes it again%s\n", new_text_decided
		       ? "; its human decisions are kept, marked in 'qcode log'" : "");
	if (new_text > 1) {
		printf("%ld answers have a new text: their machine codes and evidence are gone until"
		       " 'qcode code' codes them again", new_text);
		if (new_text_decided)
			printf("; the human decisions on %ld of them are kept, marked in 'qcode log'",
			       new_text_decided);
		printf("\n");
	}
	rc = EXIT_OK;
out:
	if (in_tx)
		db_rollback(d);
	sqlite3_finalize(imp);
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	sqlite3_finalize(attr);
	sqlite3_finalize(changed);
	sqlite3_finalize(unlatest);
	sqlite3_finalize(decided);
	sqlite3_finalize(qst);
	survey_questions_release(&sq);
	for (int k = 0; k < 3; k++)
		sqlite3_finalize(unrun[k]);
	reader_free(src.r);
	hashed_close(in);
	table_release(&src.t);
	sb_release(&src.cols);
	sb_release(&src.where);
	sb_release(&sql);
	return rc;
}
