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
#include "runimport.h"
#include "store.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

/*
 * The answers as {"id", "text"} lines, in import order, read in one pass
 * (memory does not grow with the project); --only-new: those no finished
 * run has coded.
 */
int cmd_export_answers(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "only-new", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	int only_new = 0, c;
	while ((c = cmd_getopt(argc, argv, "o:", opts, ctx)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'n': only_new = 1; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	sqlite3_stmt *st = db_prepare(ctx->db, only_new
		? "SELECT ext_id, text FROM answers a WHERE NOT EXISTS"
		  " (SELECT 1 FROM latest_runs l WHERE l.answer_id = a.id) ORDER BY id"
		: "SELECT ext_id, text FROM answers ORDER BY id");
	if (!st)
		return EXIT_DB;
	FILE *f = out ? outfile_open(out, OUTFILE_PRIVATE) : stdout;
	if (!f) {
		sqlite3_finalize(st);
		return EXIT_IO;
	}
	strbuf line;
	sb_init(&line);
	int rc = EXIT_OK, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sb_reset(&line);
		sb_adds(&line, "{\"id\":");
		fmt_json_string(&line, (const char *)sqlite3_column_text(st, 0),
				(size_t)sqlite3_column_bytes(st, 0));
		sb_adds(&line, ",\"text\":");
		fmt_json_string(&line, (const char *)sqlite3_column_text(st, 1),
				(size_t)sqlite3_column_bytes(st, 1));
		sb_adds(&line, "}\n");
		if (fwrite(line.buf, 1, line.len, f) != line.len)
			break; /* reported when the output is finished */
	}
	sb_release(&line);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(ctx->db, "cannot read answers");
		rc = EXIT_DB;
	}
	sqlite3_finalize(st);
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

int cmd_import_codes(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "force-lexicons", no_argument, NULL, 'f' },
		{ "allow-missing", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	runimport_opts o = { NULL, 0, 0, QCODE_VERSION };
	int c;
	while ((c = cmd_getopt(argc, argv, "", opts, ctx)) != -1) {
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
