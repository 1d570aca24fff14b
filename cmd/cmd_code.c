/*
 * cmd_code: `qcode code` -- code the project's answers into a new run, or
 * code standard input with no database at all. Which one, a source and a
 * sink for it (coderun.h), and what to say.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "coderun.h"
#include "db.h"
#include "format.h"
#include "lexicon.h"
#include "pool.h"
#include "progress.h"
#include "read.h"
#include "runstore.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

typedef struct code_opts {
	int stream;          /* code standard input */
	int in_format;       /* enum read_format */
	int encoding;        /* enum read_encoding (lines, csv, tsv) */
	int encoding_given;  /* --encoding was given */
	int out_format;      /* enum out_format */
	const char *text_col;
	const char *id_col;
	int jobs;            /* threads */
	int lenient;         /* replace invalid UTF-8 */
	int only_new;        /* project: only answers no run has coded */
	const char *id_prefix; /* stream: put before the ids made from line or record numbers */
	int stamp;           /* stream: end each JSON Lines record with the codeframe's stamp */
	const char *stream_opt; /* the first option given that only a stream has, or NULL */
} code_opts;

/* What code offers for text that is not UTF-8: --encoding, when it was not
   given and the format takes it, and --lenient. */
static const char LENIENT_HINT[] = "use --lenient to replace invalid bytes";
static const char ENCODING_HINT[] = "is the input Windows-1252? try --encoding cp1252, or --lenient to replace invalid bytes";

static int code_stream(qctx *ctx, const code_opts *o)
{
	const char *name = "<stdin>";
	int offer_encoding = !o->encoding_given && !read_encoding_fixed(o->in_format);
	read_policy policy = { o->lenient, offer_encoding ? ENCODING_HINT : LENIENT_HINT };
	reader *r = NULL;
	code_source *src;
	/* UTF-8 lines: every thread reads its own blocks; else the reader,
	   which converts cp1252 and latin1 as import's does */
	if (o->in_format == READ_LINES && o->encoding == READ_UTF8 && !o->id_col &&
	    (!o->text_col || !strcasecmp(o->text_col, "text"))) {
		src = code_source_lines(STDIN_FILENO, name, o->id_prefix, &policy);
	} else {
		read_opts ro = { o->in_format, 0, read_encoding_name(o->encoding), NULL, 0, &policy };
		r = reader_open_with(stdin, name, &ro);
		src = r ? code_source_reader(r, name, o->text_col, o->id_col, o->id_prefix, &policy) : NULL;
		if (!src) {
			reader_free(r);
			return error_last_code();
		}
	}
	pool *p = pool_new(ctx->lex, ctx->st, o->jobs);
	int rc = EXIT_OK;
	if (p) {
		/* written as coded unless stdout is a file: a terminal, a pipe */
		struct stat sb;
		code_stream_opts so = { o->out_format, o->stamp, isatty(STDOUT_FILENO),
					!(fstat(STDOUT_FILENO, &sb) == 0 && S_ISREG(sb.st_mode)) };
		code_sink *sink = code_sink_stream(stdout, "stdout", ctx->lex, &so);
		if (code_run(p, src, sink))
			rc = error_last_code();
		code_sink_free(sink);
	} else {
		rc = EXIT_IO;
	}
	pool_free(p);
	code_source_free(src);
	reader_free(r);
	return rc;
}

static void print_stopped(const long long *runs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("removed run %lld, which stopped before it finished\n", runs[i]);
}

static int code_project(qctx *ctx, const code_opts *o)
{
	db *d = db_open(ctx->db_path, 0);
	if (!d)
		return EXIT_DB;
	const lexicon_set *set = ctx->lex;
	int rc = EXIT_DB;
	code_source *src = NULL;
	code_sink *sink = NULL;
	pool *p = NULL;
	long long run = 0; /* the run made, once it is */

	/* the start, in one transaction: runs that stopped removed, the
	   lexicon version recorded, the answers counted, the run made and
	   marked under way */
	long long *stopped = NULL;
	size_t nstopped = 0;
	if (db_writable(d) || db_begin_patient(d))
		goto out;
	long long lex_id = -1, next_run = -1;
	int lex_new;
	if ((next_run = runstore_next_id(d)) < 0 || runstore_remove_stopped(d, &stopped, &nstopped) ||
	    (lex_id = runstore_lexicon_of(d, set, &lex_new)) < 0 ||
	    !(src = code_source_project(d, o->only_new))) {
		db_rollback(d);
		goto out;
	}
	if (o->only_new && code_source_total(src) == 0) {
		/* nothing new: no run, which diff would take for a whole one */
		if (db_commit(d)) {
			db_rollback(d);
			goto out;
		}
		print_stopped(stopped, nstopped);
		printf("no new answers: every answer is coded by a finished run; no run made\n");
		rc = EXIT_OK;
		goto out;
	}
	if (runstore_create(d, next_run, lex_id, o->only_new, QCODE_VERSION, set) || db_commit(d)) {
		db_rollback(d);
		goto out;
	}
	run = next_run;
	print_stopped(stopped, nstopped);

	progress pr;
	if (!(sink = code_sink_run(d, set, run, &pr)))
		goto out;
	if (!(p = pool_new(set, ctx->st, o->jobs))) {
		rc = EXIT_IO;
		goto out;
	}
	progress_start(&pr, "coding", code_source_total(src));
	int failed = code_run(p, src, sink);
	progress_end(&pr);
	if (failed) {
		rc = error_last_code();
		goto out;
	}
	/* finishing the run and making it the answers' latest: one transaction */
	long coded, stored, with_theme;
	code_sink_run_counts(sink, &coded, &stored, &with_theme);
	if (runstore_finish(d, run, stored, o->only_new))
		goto out;
	printf("run %lld: coded %ld answer%s, %ld with a theme (lexicon %.12s)\n", run, stored,
	       plural_s(stored), with_theme, set->hash);
	if (stored < coded)
		printf("%ld answer%s given a new text while %s coded: 'qcode code --only-new' codes %s\n",
		       coded - stored, plural_s(coded - stored), coded - stored == 1 ? "was" : "were",
		       coded - stored == 1 ? "it" : "them");
	rc = EXIT_OK;
out:
	free(stopped);
	pool_free(p);
	code_sink_free(sink);
	code_source_free(src);
	if (rc != EXIT_OK && run) {
		/* a run that failed takes back what it stored; when it cannot
		   now, the next `qcode code` removes it (its lock is gone) */
		db_rollback(d);
		if (db_begin(d) == 0 && runstore_delete(d, run) == 0 && db_commit(d) == 0)
			fprintf(stderr, "run %lld did not finish and was removed\n", run);
		else
			db_rollback(d);
	}
	db_close(d);
	return rc;
}

/* Whether standard input is a pipe or a file: input to code, when no
   project says otherwise (a terminal, /dev/null are not). */
static int stdin_has_input(void)
{
	struct stat sb;
	return fstat(STDIN_FILENO, &sb) == 0 && (S_ISFIFO(sb.st_mode) || S_ISREG(sb.st_mode));
}

static const cmd_option code_options[] = {
	{ "only-new", 0, no_argument, 'n', NULL,
	  "the project: code only the answers no finished run has coded (no run\nwhen there are none)" },
	{ "jobs", 'j', required_argument, 'j', "N",
	  "coding threads, 1 to 256 (default: 1)" },
	{ "stdin", 0, no_argument, 's', NULL,
	  "code standard input as a stream, with no database (also: -)" },
	{ "in-format", 0, required_argument, 'I', "FORMAT",
	  "a stream's format: lines (one answer per line), csv, tsv, jsonl, xlsx\n(the first sheet) or sav (default: lines)" },
	{ "encoding", 0, required_argument, 'e', "ENC",
	  "a stream's encoding: utf-8, cp1252 (Windows, Excel) or latin1\n(default: utf-8); lines, csv and tsv (JSON is UTF-8)" },
	{ "out-format", 0, required_argument, 'O', "FORMAT",
	  "a stream's codes as jsonl, tsv or csv (default: jsonl)" },
	{ "text", 0, required_argument, 't', "COL",
	  "csv, tsv, jsonl, xlsx, sav: the field of the answer's text (default: text)" },
	{ "id", 0, required_argument, 'i', "COL",
	  "csv, tsv, jsonl, xlsx, sav: the field of the answer's id (default: id,\nelse line or record numbers)" },
	{ "id-prefix", 0, required_argument, 'P', "P",
	  "put P before the ids made from line or record numbers" },
	{ "stamp", 0, no_argument, 'S', NULL,
	  "end each JSON Lines record with the lexicons, stemmer and qcode that\ncoded it (what import-codes checks)" },
	{ "lenient", 0, no_argument, 'L', NULL,
	  "replace invalid UTF-8 by U+FFFD instead of stopping at it" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_code_spec = {
	.name = "code",
	.fn = cmd_code,
	.needs = NEED_LEXICONS,
	.summary = "code answers: the project's, or a stream from standard input",
	.usage =
	  "qcode [--db PATH] code [--only-new] [-j N]     code the project's answers\n"
	  "qcode code -|--stdin [--in-format lines|csv|tsv|jsonl|xlsx|sav]\n"
	  "           [--encoding utf-8|cp1252|latin1] [--out-format jsonl|tsv|csv]\n"
	  "           [--text COL] [--id COL] [--id-prefix P] [--stamp] [-j N] [--lenient] < FILE\n"
	  "                                               code standard input, no database",
	.options = code_options,
	.notes =
	  "Without - or --stdin: a pipe or file on standard input is coded when no project is in\n"
	  "sight (no --db, no $QCODE_DB, no ./qcode.db); with one in sight, the project is coded\n"
	  "and qcode says so on stderr.\n"
	  "Ids come from the id column; without one they are line (or record) numbers within\n"
	  "the input, after --id-prefix P.\n"
	  "A stream in cp1252 or latin1 is converted to UTF-8 as it is read; a byte cp1252 does\n"
	  "not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) stops it, naming its line (CSV, TSV: its\n"
	  "row and column). CSV takes ',' or ';', whichever the header has.\n"
	  "Evidence start and end are byte offsets into the answer's UTF-8 text, as written\n"
	  "in the output (a BOM and the line end are no part of it): after --encoding cp1252,\n"
	  "'é' is two bytes there, not the one it was in the input.",
};

int cmd_code(int argc, char **argv, qctx *ctx)
{
	code_opts o = { 0, READ_LINES, READ_UTF8, 0, OUT_JSONL, NULL, NULL, 1, 0, 0, NULL, 0, NULL };
	int c;
	while ((c = cmd_getopt(argc, argv, code_options, ctx)) != -1) {
		switch (c) {
		case 's': o.stream = 1; break;
		case 'I':
			if ((o.in_format = read_format_parse(optarg)) < 0)
				return cmd_usage_error(ctx, "unknown input format '%s' (use lines, csv, tsv, jsonl, xlsx or sav)", optarg);
			break;
		case 'e':
			if (cmd_parse_encoding(ctx, optarg, &o.encoding))
				return EXIT_USAGE;
			o.encoding_given = 1;
			break;
		case 'O':
			if ((o.out_format = out_format_parse(optarg)) < 0)
				return cmd_usage_error(ctx, "unknown output format '%s' (use jsonl, tsv or csv)", optarg);
			break;
		case 't': o.text_col = optarg; break;
		case 'i': o.id_col = optarg; break;
		case 'j': {
			long j;
			if (cmd_parse_long(ctx, "-j", optarg, 1, 256, &j))
				return EXIT_USAGE;
			o.jobs = (int)j;
			break;
		}
		case 'L': o.lenient = 1; break;
		case 'n': o.only_new = 1; break;
		case 'P': o.id_prefix = optarg; break;
		case 'S': o.stamp = 1; break;
		default: return EXIT_USAGE;
		}
		/* the options only a stream has */
		static const char *const stream_only[] = { "I--in-format", "e--encoding", "O--out-format", "t--text",
							   "i--id", "L--lenient", "P--id-prefix", "S--stamp" };
		for (size_t k = 0; !o.stream_opt && k < sizeof(stream_only) / sizeof(*stream_only); k++)
			if (stream_only[k][0] == c)
				o.stream_opt = stream_only[k] + 1;
	}
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			o.stream = 1;
		else
			return cmd_usage_error(ctx, "unexpected argument '%s'", argv[i]);
	}

	/*
	 * Which answers: standard input when asked for (- or --stdin); else
	 * the project, unless no project is in sight (no --db, no $QCODE_DB,
	 * no ./qcode.db) and standard input is a pipe or a file. A project
	 * chosen over such input says so, and how to choose the other.
	 */
	int guessed = 0;
	if (!o.stream && !o.only_new && stdin_has_input()) {
		if (ctx->db_explicit || access(ctx->db_path, F_OK) == 0)
			guessed = 1;
		else
			o.stream = 1;
	}
	if (o.stream && o.only_new)
		return cmd_usage_error(ctx, "--only-new applies to the project, not to standard input");
	if (!o.stream && o.stream_opt)
		return cmd_usage_error(ctx, "%s applies to standard input ('qcode code -'), not to the project",
				       o.stream_opt);
	if (cmd_check_encoding(ctx, o.encoding, o.in_format))
		return EXIT_USAGE;
	if (o.stamp && o.out_format != OUT_JSONL)
		return cmd_usage_error(ctx, "--stamp needs --out-format jsonl (the records import-codes reads)");
	if (guessed) {
		strbuf path;
		sb_init(&path);
		fprintf(stderr, "qcode: coding the project '%s'; to code standard input instead, use 'qcode code -'\n",
			sb_set_term(&path, ctx->db_path, 0));
		sb_release(&path);
	}
	return o.stream ? code_stream(ctx, &o) : code_project(ctx, &o);
}
