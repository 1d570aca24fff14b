/*
 * cmd: what every subcommand gets, and the subcommands themselves.
 *
 * Adding a subcommand:
 *   1. write cmd_NAME.c with `int cmd_NAME(int argc, char **argv, qctx *ctx)`
 *      returning an exit code from enum qcode_exit (util.h);
 *   2. declare it below and add a row to commands[] in main.c with its
 *      needs (NEED_DB, NEED_LEXICONS), a one-line summary and its usage;
 *   3. parse options with cmd_getopt() so that unknown options get the
 *      common message and exit code 2;
 *   4. add tests/e2e/tNNNN-NAME-*.sh and a line in README.md.
 */
#ifndef QCODE_CMD_H
#define QCODE_CMD_H

#include <getopt.h>

#include "util.h"

struct db;
struct lexicon_set;
struct stemmer;

enum cmd_need {
	NEED_DB = 1,       /* open the project database (--db, $QCODE_DB, qcode.db) */
	NEED_LEXICONS = 2, /* load and compile the lexicons (--lexicons DIR) */
	NEED_STEMMER = 4,  /* make the word table (the text stage) */
	MAKES_DB = 8,      /* with NEED_DB: create the database when missing (import) */
};

/* What main() provides to a command. */
typedef struct qctx {
	const char *db_path;         /* project database path */
	int db_explicit;             /* given by --db or $QCODE_DB */
	struct db *db;               /* open database (NEED_DB), else NULL */
	const char *lex_dir;         /* lexicon directory; NULL when none is given
	                                and there is no default (cmd_lexicon_dir) */
	struct lexicon_set *lex;     /* compiled lexicons (NEED_LEXICONS) */
	struct stemmer *st;          /* word table (NEED_STEMMER or NEED_LEXICONS) */
	const char *name;            /* the subcommand's name */
	const char *usage;           /* its usage text */
} qctx;

typedef int (*cmd_fn)(int argc, char **argv, qctx *ctx);

/*
 * getopt_long with qcode's messages: returns the option character, -1 at
 * the end, or '?' after reporting "unknown option" / "option needs a value"
 * (the command then returns EXIT_USAGE).
 */
int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const qctx *ctx);

/* Report a usage error with a hint; returns EXIT_USAGE. */
int cmd_usage_error(const qctx *ctx, const char *fmt, ...) FMT_PRINTF(2, 3);

/*
 * Numeric option values: the whole of arg must be a number in [lo, hi].
 * Return 0 and set *out, or report "option '--NAME': 'ARG' is not a number
 * from LO to HI" with the usage and return EXIT_USAGE.
 */
int cmd_parse_long(const qctx *ctx, const char *opt, const char *arg, long lo, long hi, long *out);
int cmd_parse_ulong(const qctx *ctx, const char *opt, const char *arg, unsigned long *out);
int cmd_parse_double(const qctx *ctx, const char *opt, const char *arg, double lo, double hi,
		     double *out);

/*
 * The lexicon directory, or NULL after reporting that --lexicons and
 * $QCODE_LEXICONS name none and neither ./lexicons nor the installed one
 * is there (EXIT_INPUT).
 */
const char *cmd_lexicon_dir(const qctx *ctx);

/* Make the word table on demand (with lexicon vocabulary when loaded). */
struct stemmer *cmd_stemmer(qctx *ctx);

int cmd_tokens(int argc, char **argv, qctx *ctx);
int cmd_code(int argc, char **argv, qctx *ctx);
int cmd_lexicon(int argc, char **argv, qctx *ctx);
int cmd_import(int argc, char **argv, qctx *ctx);
int cmd_export_answers(int argc, char **argv, qctx *ctx);
int cmd_import_codes(int argc, char **argv, qctx *ctx);
int cmd_export(int argc, char **argv, qctx *ctx);
int cmd_runs(int argc, char **argv, qctx *ctx);
int cmd_diff(int argc, char **argv, qctx *ctx);
int cmd_summary(int argc, char **argv, qctx *ctx);
int cmd_review(int argc, char **argv, qctx *ctx);
int cmd_decide(int argc, char **argv, qctx *ctx);
int cmd_log(int argc, char **argv, qctx *ctx);
int cmd_eval(int argc, char **argv, qctx *ctx);
int cmd_table(int argc, char **argv, qctx *ctx);
int cmd_chart(int argc, char **argv, qctx *ctx);
int cmd_kwic(int argc, char **argv, qctx *ctx);
int cmd_suggest(int argc, char **argv, qctx *ctx);
int cmd_quotes(int argc, char **argv, qctx *ctx);
int cmd_scrub(int argc, char **argv, qctx *ctx);
int cmd_appendix(int argc, char **argv, qctx *ctx);
int cmd_serve(int argc, char **argv, qctx *ctx);

#endif
