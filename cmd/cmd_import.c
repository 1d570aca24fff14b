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
#include "store_import.h"
#include "survey.h"
#include "utf8.h"

/* Most --group columns. */
#define MAX_GROUPS 64

/* The file's reader and name, for messages. */
typedef struct source {
	reader *r;
	const char *path;
} source;

/* An error in the current row, at column col; returns EXIT_INPUT. */
static int src_error(source *s, int col, const char *fmt, ...) FMT_PRINTF(3, 4);

static int src_error(source *s, int col, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_in(reader_where(s->r, col), "%s", msg);
	return EXIT_INPUT;
}

/* Check a value of the current row (read_check()): 0, or -1 after reporting. */
static int src_check(source *s, const read_policy *p, int col, const char *name, int what,
		     const char *v, size_t n)
{
	read_at at = { s->path, reader_row(s->r), s->r, col, name, what };
	return read_check(p, &at, v, n, NULL, NULL, NULL);
}

/* The label (question text) of column col, or NULL. */
static const char *src_label(source *s, int col)
{
	if (col < 0 || (size_t)col >= reader_ncols(s->r))
		return NULL;
	return reader_label(s->r, (size_t)col);
}

/* The column's own name: the header's, as the file spells it, not a label
   or another case the user named it by. */
static const char *src_name(source *s, int col, const char *given)
{
	if ((size_t)col >= reader_ncols(s->r))
		return given;
	return reader_colname(s->r, (size_t)col);
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
	if (!strcasecmp(dot, ".sav")) return READ_SAV;
	if (!strcasecmp(dot, ".xlsx")) return READ_XLSX;
	return -1;
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

static const cmd_option import_options[] = {
	{ "format", 0, required_argument, 'f', "FORMAT",
	  "csv, tsv, jsonl, xlsx or sav (default: from the file's name)" },
	{ "id", 0, required_argument, 'i', "COL",
	  "the column of the answers' ids (default: id, else the row numbers)" },
	{ "text", 0, required_argument, 't', "COL",
	  "the column of the answers' texts (default: text)" },
	{ "group", 0, required_argument, 'g', "COL",
	  "a column to keep as the answers' group, for tables and --where;\nrepeat for more" },
	{ "delimiter", 0, required_argument, 'd', "C",
	  "the CSV field separator, one character or 'tab' (default: ',' or ';',\nwhichever the header has)" },
	{ "encoding", 0, required_argument, 'e', "ENC",
	  "utf-8, cp1252 (Windows, Excel) or latin1 (default: utf-8);\nCSV and TSV (JSONL, .xlsx and .sav have their own)" },
	{ "source", 0, required_argument, 's', "NAME",
	  "a name for this import in the project (a survey wave, say)" },
	{ "replace", 0, no_argument, 'R', NULL,
	  "an id already in the project gets the file's text (its decisions stay)" },
	{ "skip-existing", 0, no_argument, 'S', NULL,
	  "an id already in the project is passed over" },
	{ "sheet", 0, required_argument, 'W', "NAME",
	  "the sheet of an .xlsx workbook (default: the first)" },
	{ "header-rows", 0, required_argument, 'H', "N",
	  "header rows above the data, the first naming the columns (default:\nrecognised for Qualtrics, SurveyMonkey and LimeSurvey exports, else 1)" },
	{ "questions", 0, required_argument, 'Q', "FILE",
	  "LimeSurvey's survey structure (.lss or .txt), for its question texts" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_import_spec = {
	.name = "import",
	.fn = cmd_import,
	.needs = NEED_DB | MAKES_DB,
	.summary = "import answers from CSV, TSV, JSONL, Excel .xlsx or SPSS .sav",
	.usage =
	  "qcode import [--format csv|tsv|jsonl|xlsx|sav] [--id COL] [--text COL] [--group COL]...\n"
	  "             [--delimiter C] [--encoding utf-8|cp1252|latin1] [--source NAME]\n"
	  "             [--sheet NAME] [--header-rows N] [--questions SURVEY.lss|.txt]\n"
	  "             [--replace | --skip-existing] FILE",
	.options = import_options,
	.notes = "An import lands whole or not at all: a bad row is named (file:line or\nfile.xlsx:Sheet!C12) and nothing is stored. Without --replace or\n--skip-existing, an id already in the project is an error.",
};

int cmd_import(int argc, char **argv, qctx *ctx)
{
	int format = -1, replace = 0, skip = 0, c;
	int encoding = READ_UTF8, encoding_given = 0;
	const char *id_name = NULL, *text_name = NULL, *source_name = NULL;
	const char *sheet = NULL, *questions = NULL;
	long header_rows = 0;
	const char *groups[MAX_GROUPS];
	size_t ngroups = 0;
	char delim = 0;
	while ((c = cmd_getopt(argc, argv, import_options, ctx)) != -1) {
		switch (c) {
		case 'f':
			if ((format = read_format_parse(optarg)) < 0)
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
		case 'e':
			if (cmd_parse_encoding(ctx, optarg, &encoding))
				return EXIT_USAGE;
			encoding_given = 1;
			break;
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
	if (cmd_check_encoding(ctx, encoding, format))
		return EXIT_USAGE;
	if (sheet && format != READ_XLSX)
		return cmd_usage_error(ctx, "--sheet is for an .xlsx workbook");
	if (header_rows && format != READ_CSV && format != READ_TSV && format != READ_XLSX)
		return cmd_usage_error(ctx, "--header-rows is for CSV, TSV and .xlsx");

	/* text that is not UTF-8 is most likely Windows-1252, which --encoding
	   reads where the format takes an encoding */
	int offer_encoding = !encoding_given && !read_encoding_fixed(format);
	read_policy policy = { 0, offer_encoding ? "is the file Windows-1252? try --encoding cp1252" : NULL };
	int rc = EXIT_INPUT;
	source src;
	memset(&src, 0, sizeof(src));
	src.path = path;
	survey_questions sq;
	memset(&sq, 0, sizeof(sq));
	hashed_file *in = NULL; /* read once, hashed on the way */
	store_import *im = NULL;
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
	read_opts ro = { format, delim, read_encoding_name(encoding), sheet, (int)header_rows, &policy };
	if (!(src.r = reader_open_with(hashed_stream(in), path, &ro))) {
		rc = error_last_code();
		goto out;
	}

	if (questions) {
		/* the texts of the columns the file itself leaves without */
		if (survey_questions_load(&sq, questions)) {
			rc = error_last_code();
			goto out;
		}
		size_t ncols = reader_ncols(src.r);
		for (size_t c = 0; c < ncols; c++) {
			if (src_label(&src, (int)c))
				continue;
			const char *t = survey_question(&sq, reader_colname(src.r, c));
			if (t)
				reader_set_label(src.r, c, t);
		}
	}
	int text_col = reader_col(src.r, text_name ? text_name : "text");
	if (text_col < 0) {
		error("%s: no column '%s'%s; the columns are: %s", path, text_name ? text_name : "text",
		      text_name ? "" : " (name the answers' column with --text COL)", reader_columns(src.r));
		goto out;
	}
	int id_col = -1;
	if (format != READ_LINES) {
		id_col = reader_col(src.r, id_name ? id_name : "id");
		if (id_col < 0 && id_name) {
			error("%s: no column '%s'; the columns are: %s", path, id_name, reader_columns(src.r));
			goto out;
		}
		/* a survey platform's export: its respondents' ids */
		static const char *const platform_id[][2] = { { "Qualtrics", "ResponseId" },
							      { "SurveyMonkey", "Respondent ID" } };
		const char *platform = reader_platform(src.r);
		for (size_t k = 0; id_col < 0 && platform && k < sizeof(platform_id) / sizeof(*platform_id); k++)
			if (!strcmp(platform, platform_id[k][0]))
				id_col = reader_col(src.r, platform_id[k][1]);
	}
	int gcols[MAX_GROUPS];
	const char *gnames[MAX_GROUPS];
	for (size_t g = 0; g < ngroups; g++) {
		gcols[g] = reader_col(src.r, groups[g]);
		if (gcols[g] < 0) {
			error("%s: no column '%s'; the columns are: %s", path, groups[g], reader_columns(src.r));
			goto out;
		}
		gnames[g] = src_name(&src, gcols[g], groups[g]);
	}

	rc = EXIT_DB;
	im = store_import_begin(ctx->db, path, read_format_name(format), source_name,
				replace ? IMPORT_REPLACE : skip ? IMPORT_SKIP : IMPORT_REFUSE);
	if (!im)
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
		if (label && *label && store_import_question(im, labelled[k].name, labelled[k].role, label))
			goto out;
	}

	long rows = 0, skipped = 0, replaced = 0, empty = 0;
	progress pr;
	progress_start(&pr, "importing", 0);
	for (;;) {
		int got = reader_next(src.r);
		if (got < 0) {
			rc = error_last_code();
			goto out;
		}
		if (!got)
			break;
		long row = reader_row(src.r);
		size_t tlen, idlen = 0;
		const char *text = reader_get(src.r, text_col, &tlen);
		const char *id = id_col >= 0 ? reader_get(src.r, id_col, &idlen) : NULL;
		char idbuf[32];
		if (reader_require(src.r, text_col)) {
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
			if (id_col >= 0 && reader_require(src.r, id_col)) {
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
		int put = store_import_put(im, id, idlen, text, tlen, is_empty);
		if (put < 0) {
			rc = EXIT_DB;
			goto out;
		}
		if (put == PUT_DUPLICATE) {
			rc = src_error(&src, id_col, "duplicate id '%.*s' in this file", (int)idlen, id);
			goto out;
		}
		if (put == PUT_SKIPPED) {
			skipped++;
			continue;
		}
		if (put == PUT_EXISTS) {
			rc = src_error(&src, id_col,
				       "id '%.*s' is already in the project (use --replace or --skip-existing)",
				       (int)idlen, id);
			goto out;
		}
		replaced += put == PUT_REPLACED;
		for (size_t g = 0; g < ngroups; g++) {
			size_t vlen;
			const char *v = reader_get(src.r, gcols[g], &vlen);
			if (v && src_check(&src, &policy, gcols[g], groups[g], READ_VALUE, v, vlen)) {
				rc = EXIT_INPUT;
				goto out;
			}
			if (store_import_group(im, gnames[g], v, vlen)) {
				rc = EXIT_DB;
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
	store_import_counts counts = { 0 };
	store_import *done = im;
	im = NULL;
	if (store_import_finish(done, rows, sha, &counts)) {
		rc = EXIT_DB;
		goto out;
	}
	long new_text = counts.new_text, new_text_decided = counts.new_text_decided;
	printf("imported %ld answer%s from %s (%s", rows, plural_s(rows), path, read_format_name(format));
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
	if (id_col < 0 && format != READ_LINES && rows)
		printf("the answers' ids are the row numbers of %s, which has no column 'id': name the"
		       " respondents' column with --id COL to keep theirs\n", path);
	/* the columns left behind, so that nobody looks for them later */
	strbuf left;
	sb_init(&left);
	size_t nleft = 0;
	for (size_t c = 0; c < reader_ncols(src.r); c++) {
		int used = (int)c == text_col || (int)c == id_col;
		for (size_t g = 0; g < ngroups; g++)
			used |= (int)c == gcols[g];
		if (!used && nleft++ < 8)
			sb_addf(&left, "%s%s", left.len ? ", " : "", reader_colname(src.r, c));
	}
	if (nleft > 8)
		sb_addf(&left, " and %zu more", nleft - 8);
	if (nleft) {
		strbuf shown;
		sb_init(&shown);
		printf("not kept: %s (keep a column for tables and --where with --group COL)\n",
		       sb_set_term(&shown, left.buf, 0));
		sb_release(&shown);
	}
	sb_release(&left);
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
	store_import_abort(im);
	survey_questions_release(&sq);
	reader_free(src.r);
	hashed_close(in);
	return rc;
}
