/*
 * cmd: what every subcommand gets, and the subcommands themselves.
 *
 * Adding a subcommand:
 *   1. write cmd_NAME.c with `int cmd_NAME(int argc, char **argv, qctx *ctx)`
 *      returning an exit code from enum qcode_exit (util.h);
 *   2. beside it, its option table (cmd_option: each option with a line of
 *      help) and its cmd_spec (needs, a one-line summary, the usage, the
 *      options); declare the spec below and list it in main.c's commands[];
 *   3. parse options with cmd_getopt() and that table, so that unknown
 *      options get the common message and exit code 2, and `qcode help
 *      NAME` describes every option the command takes;
 *   4. add tests/e2e/tNNNN-NAME-*.sh and a line in README.md.
 */
#ifndef QCODE_CMD_H
#define QCODE_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "util.h"

struct db;
struct lexicon_set;
struct stemmer;
typedef struct qctx qctx;

enum cmd_need {
	NEED_DB = 1,       /* open the project database (--db, $QCODE_DB, qcode.db) */
	NEED_LEXICONS = 2, /* load and compile the lexicons (--lexicons DIR) */
	NEED_STEMMER = 4,  /* make the word table (the text stage) */
	MAKES_DB = 8,      /* with NEED_DB: create the database when missing (import) */
	READS_CODES = 16,  /* with NEED_DB: reports the codes, so says when no coding run
			      has finished (the machine's codes are then empty) */
};

/*
 * One option of a command: what getopt_long takes, and its line of help.
 * A table ends with an entry whose name and letter are both 0.
 */
typedef struct cmd_option {
	const char *name;        /* long name without "--", or NULL for a letter only */
	char letter;             /* its one-letter form (-o), or 0 */
	int has_arg;             /* no_argument or required_argument */
	int val;                 /* what cmd_getopt returns for it (the letter when it has one) */
	const char *arg;         /* the value's name in help ("COL"), NULL without a value */
	const char *help;        /* what it does, one line; '\n' starts another */
} cmd_option;

typedef int (*cmd_fn)(int argc, char **argv, qctx *ctx);

/* A command, as main() runs it and `qcode help NAME` describes it. */
typedef struct cmd_spec {
	const char *name;
	cmd_fn fn;
	unsigned needs;          /* enum cmd_need */
	const char *summary;     /* one line for `qcode --help` */
	const char *usage;       /* the synopsis, one form per line */
	const cmd_option *options; /* the options, or NULL when it takes none */
	const char *notes;       /* what else to know, after the options, or NULL */
} cmd_spec;

/* What main() provides to a command. */
struct qctx {
	const char *db_path;         /* project database path */
	int db_explicit;             /* given by --db or $QCODE_DB */
	struct db *db;               /* open database (NEED_DB), else NULL */
	const char *lex_dir;         /* lexicon directory; NULL when none is given
	                                and there is no default (cmd_lexicon_dir) */
	struct lexicon_set *lex;     /* compiled lexicons (NEED_LEXICONS) */
	struct stemmer *st;          /* word table (NEED_STEMMER or NEED_LEXICONS) */
	const char *name;            /* the subcommand's name */
	const char *usage;           /* its usage text */
};

/*
 * getopt_long over an option table, with qcode's messages: returns the
 * option's val, -1 at the end, or '?' after reporting "unknown option" /
 * "option needs a value" (the command then returns EXIT_USAGE).
 */
int cmd_getopt(int argc, char **argv, const cmd_option *opts, const qctx *ctx);

/* "usage: " and a command's usage, its lines one under the other. */
void cmd_print_usage(FILE *f, const char *usage);

/* A command's help: summary, usage, every option with its line, notes. */
void cmd_help(FILE *f, const cmd_spec *spec);

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
 * --encoding: arg as an enum read_encoding into *out, or report "unknown
 * encoding" with the ones there are; and whether encoding applies to
 * format (enum read_format), or report why not (JSON, .xlsx and .sav have
 * their own). Each returns 0, or EXIT_USAGE after reporting.
 */
int cmd_parse_encoding(const qctx *ctx, const char *arg, int *out);
int cmd_check_encoding(const qctx *ctx, int encoding, int format);

/*
 * The lexicon directory, or NULL after reporting that --lexicons and
 * $QCODE_LEXICONS name none and neither ./lexicons nor the installed one
 * is there (EXIT_INPUT).
 */
const char *cmd_lexicon_dir(const qctx *ctx);

/* Make the word table on demand (with lexicon vocabulary when loaded). */
struct stemmer *cmd_stemmer(qctx *ctx);

/* The commands, each defined beside its entry point. */
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

extern const cmd_spec cmd_import_spec, cmd_code_spec, cmd_export_answers_spec,
	cmd_import_codes_spec, cmd_runs_spec, cmd_diff_spec, cmd_export_spec, cmd_review_spec,
	cmd_decide_spec, cmd_log_spec, cmd_eval_spec, cmd_table_spec, cmd_chart_spec,
	cmd_kwic_spec, cmd_suggest_spec, cmd_quotes_spec, cmd_appendix_spec, cmd_serve_spec,
	cmd_scrub_spec, cmd_summary_spec, cmd_tokens_spec, cmd_lexicon_spec;

#endif
