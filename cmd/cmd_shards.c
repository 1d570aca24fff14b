/*
 * cmd_shards: coding a project elsewhere, in shards -- `qcode
 * export-answers` writes its answers as the JSON Lines the streaming coder
 * reads, and `qcode import-codes FILE` stores the codes it made (`qcode
 * code --stamp`, on other machines, a shard each) as a new coding run of
 * the project (runimport.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db.h"
#include "format.h"
#include "outfile.h"
#include "project.h"
#include "runimport.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

static const cmd_option export_answers_options[] = {
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (default: standard output)" },
	{ "only-new", 0, no_argument, 'n', NULL,
	  "only the answers no finished run has coded" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_export_answers_spec = {
	.name = "export-answers",
	.fn = cmd_export_answers,
	.needs = NEED_DB,
	.summary = "the answers as JSON Lines, to code them elsewhere",
	.usage =
	  "qcode export-answers [--only-new] [-o FILE]",
	.options = export_answers_options,
	.notes = "One {\"id\", \"text\"} line per answer, in import order, as 'qcode code --in-format jsonl'\nreads them.",
};

/*
 * The answers as {"id", "text"} lines, in import order, read in one pass
 * (memory does not grow with the project); --only-new: those no finished
 * run has coded.
 */
/* Where the answers are written. */
typedef struct answer_line {
	FILE *f;
	strbuf line;
} answer_line;

static int write_answer(const char *ext, size_t ext_len, const char *text, size_t text_len, void *ctx)
{
	answer_line *al = ctx;
	strbuf *line = &al->line;
	sb_reset(line);
	sb_adds(line, "{\"id\":");
	fmt_json_string(line, ext, ext_len);
	sb_adds(line, ",\"text\":");
	fmt_json_string(line, text, text_len);
	sb_adds(line, "}\n");
	return fwrite(line->buf, 1, line->len, al->f) != line->len;
}

int cmd_export_answers(int argc, char **argv, qctx *ctx)
{
	const char *out = NULL;
	int only_new = 0, c;
	while ((c = cmd_getopt(argc, argv, export_answers_options, ctx)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n': only_new = 1; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	FILE *f = out ? outfile_open(out, OUTFILE_PRIVATE) : stdout;
	if (!f)
		return EXIT_IO;
	answer_line al = { .f = f };
	sb_init(&al.line);
	int rc = EXIT_OK;
	/* 1: a line that could not be written, reported when the output is finished */
	if (project_answers_each(ctx->db, only_new, write_answer, &al) < 0)
		rc = EXIT_DB;
	sb_release(&al.line);
	if (out) {
		if (finish_output(f, out) && rc == EXIT_OK)
			rc = EXIT_IO;
		fclose(f);
	}
	return rc;
}

/* What the run is, on standard output; what was forced, on standard error. */
static void report(const runimport_result *res, const char *name)
{
	printf("run %lld: imported the codes of %ld answer%s, %ld with a theme, from %s (lexicon %.12s)\n",
	       res->run, res->answers, plural_s(res->answers), res->with_theme, name, res->lexicon);
	if (res->missing)
		printf("%ld answer%s of the project %s not in it and keep%s %s codes (the first: '%s'); "
		       "the run shows as only-new\n",
		       res->missing, plural_s(res->missing), res->missing == 1 ? "was" : "were",
		       res->missing == 1 ? "s" : "", res->missing == 1 ? "its" : "their",
		       res->first_missing);
	if (res->other_stamp)
		warning("%ld answer%s coded with other lexicons than these; stored as --force-lexicons asks, "
			"with the lexicons %s", res->other_stamp, plural_s(res->other_stamp),
			res->lexicon);
	if (res->unstamped)
		warning("%ld answer%s had no stamp; stored as --force-lexicons asks, as coded with the "
			"lexicons %s", res->unstamped, res->unstamped == 1 ? "'s codes" : "s' codes",
			res->lexicon);
}

static const cmd_option import_codes_options[] = {
	{ "force-lexicons", 0, no_argument, 'f', NULL,
	  "take codes stamped with other lexicons or another stemmer (or none)" },
	{ "allow-missing", 0, no_argument, 'm', NULL,
	  "store a run of the answers that are there, not all of the project's" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_import_codes_spec = {
	.name = "import-codes",
	.fn = cmd_import_codes,
	.needs = NEED_DB | NEED_LEXICONS,
	.summary = "store codes made elsewhere (qcode code --stamp) as a coding run",
	.usage =
	  "qcode import-codes [--force-lexicons] [--allow-missing] FILE.jsonl|-",
	.options = import_codes_options,
	.notes = "Every record must be an answer of the project, stamped with these lexicons and\nstemmer, its evidence the answer's text; every answer must be there once. All or\nnothing.",
};

int cmd_import_codes(int argc, char **argv, qctx *ctx)
{
	runimport_opts o = { NULL, 0, 0, QCODE_VERSION };
	int c;
	while ((c = cmd_getopt(argc, argv, import_codes_options, ctx)) != -1) {
		switch (c) {
		case 'f': o.force_lexicons = 1; break;
		case 'm': o.allow_missing = 1; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(ctx, "import-codes needs one file of coded answers (- for standard input)");
	const char *path = argv[optind];
	int is_stdin = !strcmp(path, "-");
	o.name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	if (!f) {
		error("cannot open '%s': %s", path, strerror(errno));
		return EXIT_IO;
	}
	runimport_result res;
	int rc = runimport_file(ctx->db, ctx->lex, f, &o, &res) ? error_last_code() : EXIT_OK;
	if (!is_stdin)
		fclose(f);
	if (rc == EXIT_OK)
		report(&res, o.name);
	runimport_result_release(&res);
	return rc;
}
