/*
 * main: qcode's entry point -- global options, the dispatch table, and the
 * setup each command asks for (database, lexicons, word table).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cmd.h"
#include "db.h"
#include "lexicon.h"
#include "outfile.h"
#include "stem.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif
#ifndef QCODE_DATADIR
#define QCODE_DATADIR "/usr/local/share/qcode"
#endif

static const struct command {
	const char *name;
	cmd_fn fn;
	unsigned needs;
	const char *summary;
	const char *usage;
} commands[] = {
	{ "import", cmd_import, NEED_DB | MAKES_DB, "import answers from CSV, TSV, JSONL, Excel .xlsx or SPSS .sav",
	  "qcode import [--format csv|tsv|jsonl|xlsx|sav] [--id COL] [--text COL] [--group COL]...\n"
	  "             [--delimiter C] [--encoding utf-8|cp1252|latin1] [--source NAME]\n"
	  "             [--sheet NAME] [--header-rows N] [--questions SURVEY.lss|.txt]\n"
	  "             [--replace | --skip-existing] FILE" },
	{ "code", cmd_code, NEED_LEXICONS,
	  "code answers: the project's, or a stream from standard input",
	  "qcode [--db PATH] code [--only-new] [-j N]     code the project's answers\n"
	  "qcode code -|--stdin [--in-format lines|csv|tsv|jsonl] [--out-format jsonl|tsv|csv]\n"
	  "           [--text COL] [--id COL] [--id-prefix P] [--stamp] [-j N] [--lenient] < FILE\n"
	  "                                               code standard input, no database\n"
	  "Without - or --stdin: a pipe or file on standard input is coded when no project is in\n"
	  "sight (no --db, no $QCODE_DB, no ./qcode.db); with one in sight, the project is coded\n"
	  "and qcode says so on stderr.\n"
	  "Ids come from the id column; without one they are line (or record) numbers within\n"
	  "the input, after --id-prefix P. --stamp ends each JSON Lines record with the\n"
	  "lexicons, stemmer and qcode that coded it (what import-codes checks).\n"
	  "--only-new codes the answers no finished run has coded; with none, it makes no run." },
	{ "export-answers", cmd_export_answers, NEED_DB,
	  "the answers as JSON Lines, to code them elsewhere",
	  "qcode export-answers [--only-new] [-o FILE]\n"
	  "One {\"id\", \"text\"} line per answer, in import order, as 'qcode code --in-format jsonl'\n"
	  "reads them; --only-new: the answers no finished run has coded." },
	{ "import-codes", cmd_import_codes, NEED_DB | NEED_LEXICONS,
	  "store codes made elsewhere (qcode code --stamp) as a coding run",
	  "qcode import-codes [--force-lexicons] [--allow-missing] FILE.jsonl|-\n"
	  "Every record must be an answer of the project, stamped with these lexicons and\n"
	  "stemmer (--force-lexicons takes others), its evidence the answer's text; every\n"
	  "answer must be there once (--allow-missing: a run of those that are). All or nothing." },
	{ "runs", cmd_runs, NEED_DB, "list coding runs", "qcode runs" },
	{ "diff", cmd_diff, NEED_DB, "list answers whose codes differ between two runs",
	  "qcode diff RUN_A RUN_B" },
	{ "export", cmd_export, NEED_DB, "export answers with their effective codes",
	  "qcode export [--format csv|jsonl|sav|xlsx] [-o FILE] [--excel] [--lang nl|en]" },
	{ "review", cmd_review, NEED_DB, "review theme assignments on screen, or in a spreadsheet",
	  "qcode review [--queue all|uncoded|multi|low|changed|quotes] [--theme T] [--low SCORE]\n"
	  "             [--sample N --seed S] [--coder NAME] [--blind] [-k N]\n"
	  "qcode review --export FILE.xlsx|FILE.csv [--excel] [--lang nl|en] [queue options]\n"
	  "                                                  review in a spreadsheet\n"
	  "qcode review --import FILE.xlsx|FILE.csv [--coder NAME]   apply a reviewed spreadsheet" },
	{ "decide", cmd_decide, NEED_DB, "record a coding decision for one answer",
	  "qcode decide ID [+THEME]... [-THEME]... [--primary THEME] [--none] [--accept]\n"
	  "             [--note TEXT] [--coder NAME]\n"
	  "qcode decide --undo [--coder NAME]" },
	{ "log", cmd_log, NEED_DB, "the history of coding decisions", "qcode log [ID]" },
	{ "eval", cmd_eval, NEED_DB, "agreement with a gold file or between coders",
	  "qcode eval --gold FILE.csv [--against machine|effective] [options]\n"
	  "qcode eval --coder A --against B|machine [options]\n"
	  "options: [--where COL=VALUE]... [--rules] [--missed] [--boot N] [--seed S] [--min-kappa K]" },
	{ "table", cmd_table, NEED_DB, "themes by respondent group, with tests",
	  "qcode table [--by COL [--by COL2]] [--format md|csv|tsv] [--base respondents|mentions]\n"
	  "            [--excel] [--lang nl|en]" },
	{ "chart", cmd_chart, NEED_DB, "a bar chart of theme shares as SVG",
	  "qcode chart [--by COL] [--lang nl|en] -o FILE.svg" },
	{ "kwic", cmd_kwic, NEED_DB, "keywords in context",
	  "qcode kwic [--width N] TERM     (a word, a glob, or THEME:RULE)" },
	{ "suggest", cmd_suggest, NEED_DB | NEED_LEXICONS, "words to add to a theme's lexicon",
	  "qcode suggest [--top N] [--gold FILE.csv] [--where COL=VALUE]... THEME" },
	{ "quotes", cmd_quotes, NEED_DB | NEED_STEMMER, "representative quotes per theme",
	  "qcode quotes [--theme T] [-k 3] [--by COL] [--min-words 8] [--max-words 80] [--explain]\n"
	  "             [--where COL=VALUE]... [--reviewed-only] [--format text|tsv] [--no-scrub]" },
	{ "appendix", cmd_appendix, NEED_DB | NEED_STEMMER, "the quote appendix of a report (Markdown or HTML)",
	  "qcode appendix [-o FILE] [--format md|html] [--by COL] [--title TEXT] [--order T1,T2,...]\n"
	  "               [-k 3] [--min-words 8] [--max-words 80] [--where COL=VALUE]... [--reviewed-only]\n"
	  "               [--no-scrub] [--lang nl|en]" },
	{ "serve", cmd_serve, NEED_DB | NEED_STEMMER, "review, agreement and quotes in a browser",
	  "qcode serve [--listen ADDR:PORT] [--coder NAME] [--blind] [--open]\n"
	  "Serves the project on 127.0.0.1:8765 (--listen 127.0.0.1:0: any free port) until\n"
	  "Ctrl-C, and prints the address to open, with its token. --coder names every\n"
	  "browser's coder (else each names itself); --blind: every coder reviews blind;\n"
	  "--open opens the address in the desktop's browser. --listen 0.0.0.0:PORT lets\n"
	  "other machines in (with a warning)." },
	{ "scrub", cmd_scrub, 0, "remove personal data from a text", "qcode scrub [FILE|-]" },
	{ "summary", cmd_summary, NEED_DB, "count answers per theme in the project",
	  "qcode summary" },
	{ "tokens", cmd_tokens, NEED_STEMMER, "print the token table of a text (TSV)",
	  "qcode tokens [--lenient] [FILE|-]" },
	{ "lexicon", cmd_lexicon, 0, "check, show, import and export lexicons",
	  "qcode lexicon lint [DIR]\n"
	  "qcode lexicon show KEY\n"
	  "qcode lexicon hash [DIR]     the codeframe's identity: lexicon hash, stemmer, files\n"
	  "qcode lexicon import --from liwc|yaml FILE [-o DIR]\n"
	  "qcode lexicon export --to liwc|yaml [-o FILE]" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_help(FILE *f)
{
	fprintf(f, "usage: qcode [--db PATH] [--lexicons DIR] [--mode MODE] COMMAND [ARGS]\n\n"
		   "Codes open-ended survey answers in Dutch into themes with readable lexicons.\n\n"
		   "Commands:\n");
	int width = 0; /* of the longest name */
	for (size_t i = 0; i < NCOMMANDS; i++)
		if ((int)strlen(commands[i].name) > width)
			width = (int)strlen(commands[i].name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-*s %s\n", width, commands[i].name, commands[i].summary);
	fprintf(f, "\nGlobal options:\n"
		   "  --db PATH        project database (default $QCODE_DB, else ./qcode.db)\n"
		   "  --lexicons DIR   lexicon directory (default $QCODE_LEXICONS, else ./lexicons)\n"
		   "  --mode MODE      permissions of the files written with answers in them\n"
		   "                   (exports, review sheets, appendices; octal, default 600)\n"
		   "  --help, -h       this help; 'qcode help COMMAND' for one command\n"
		   "  --version        versions of qcode and the libraries it uses\n\n"
		   "Exit codes: 0 ok, 1 a check failed, 2 usage, 3 bad input or lexicon,\n"
		   "4 database, 5 input/output.\n");
}

static void print_version(void)
{
	char pcre[64];
	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	printf("qcode %s\n", QCODE_VERSION);
	printf("PCRE2 %s\n", pcre);
	printf("SQLite %s\n", sqlite3_libversion());
	printf("Snowball %s (%s)\n", STEM_ALGORITHM, stem_library_version());
	printf("utf8proc %s\n", utf8proc_version());
}

int cmd_usage_error(const qctx *ctx, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error("%s", msg);
	fprintf(stderr, "usage: %s\n", ctx->usage);
	return EXIT_USAGE;
}

int cmd_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, const qctx *ctx)
{
	opterr = 0;
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' || c == ':') {
		const char *arg = argv[optind - 1];
		if (optopt && strchr(shortopts, optopt) && optopt != '?')
			cmd_usage_error(ctx, "option '-%c' needs a value", optopt);
		else if (arg && arg[0] == '-' && arg[1] == '-' && strchr(arg, '=') == NULL &&
			 optopt)
			cmd_usage_error(ctx, "option '%s' needs a value", arg);
		else if (optopt)
			cmd_usage_error(ctx, "unknown option '-%c'", optopt);
		else {
			/* getopt_long leaves the bad long option at optind - 1 */
			char name[128];
			snprintf(name, sizeof(name), "%s", arg ? arg : "?");
			char *eq = strchr(name, '=');
			int needs_value = 0;
			for (const struct option *o = longopts; o && o->name; o++)
				if (strcmp(name + 2, o->name) == 0 && o->has_arg == required_argument)
					needs_value = 1;
			if (eq)
				*eq = '\0';
			if (needs_value)
				cmd_usage_error(ctx, "option '%s' needs a value", name);
			else
				cmd_usage_error(ctx, "unknown option '%s'", name);
		}
		return '?';
	}
	return c;
}

int cmd_parse_long(const qctx *ctx, const char *opt, const char *arg, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || errno || v < lo || v > hi)
		return cmd_usage_error(ctx, "option '%s': '%s' is not a whole number from %ld to %ld",
				       opt, arg, lo, hi);
	*out = v;
	return 0;
}

int cmd_parse_ulong(const qctx *ctx, const char *opt, const char *arg, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-')
		return cmd_usage_error(ctx, "option '%s': '%s' is not a whole number from 0 to %lu",
				       opt, arg, (unsigned long)-1);
	*out = v;
	return 0;
}

int cmd_parse_double(const qctx *ctx, const char *opt, const char *arg, double lo, double hi,
		     double *out)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (!*arg || *end || errno || !(v >= lo && v <= hi))
		return cmd_usage_error(ctx, "option '%s': '%s' is not a number from %g to %g", opt,
				       arg, lo, hi);
	*out = v;
	return 0;
}

struct stemmer *cmd_stemmer(qctx *ctx)
{
	if (!ctx->st)
		ctx->st = stem_new(STEM_WORDLIST);
	return ctx->st;
}

/* Take --db, --lexicons and --mode out of argv (anywhere before "--"). */
static int take_global(int *argc, char **argv, qctx *ctx, const char **mode)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **dest = NULL;
		const char *val = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0)
			dest = &ctx->db_path;
		else if (strcmp(a, "--lexicons") == 0 || strncmp(a, "--lexicons=", 11) == 0)
			dest = &ctx->lex_dir;
		else if (strcmp(a, "--mode") == 0 || strncmp(a, "--mode=", 7) == 0)
			dest = mode;
		if (!dest) {
			argv[out++] = argv[i];
			continue;
		}
		const char *eq = strchr(a, '=');
		if (eq) {
			val = eq + 1;
		} else if (i + 1 < *argc) {
			val = argv[++i];
		} else {
			error("option '%s' needs a value", a);
			return -1;
		}
		*dest = val;
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* The lexicon directory $QCODE_LEXICONS names, else ./lexicons, else the
   installed one; NULL when there is none of them (cmd_lexicon_dir says so). */
static const char *default_lexicons(void)
{
	const char *env = getenv("QCODE_LEXICONS");
	if (env && *env)
		return env;
	struct stat st;
	if (stat("lexicons", &st) == 0)
		return "lexicons";
	if (stat(QCODE_DATADIR "/lexicons", &st) == 0)
		return QCODE_DATADIR "/lexicons";
	return NULL;
}

const char *cmd_lexicon_dir(const qctx *ctx)
{
	if (ctx->lex_dir)
		return ctx->lex_dir;
	error_set_code(EXIT_INPUT);
	error("no lexicon directory: there is no ./lexicons here and no %s; "
	      "name one with --lexicons DIR or $QCODE_LEXICONS", QCODE_DATADIR "/lexicons");
	return NULL;
}

int main(int argc, char **argv)
{
	qctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	const char *mode = NULL;
	if (take_global(&argc, argv, &ctx, &mode))
		return EXIT_USAGE;
	if (mode) {
		char *end;
		unsigned long m = strtoul(mode, &end, 8);
		if (*end || end == mode || m > 0777) {
			error("--mode takes permissions in octal, such as 600 or 640, not '%s'", mode);
			return EXIT_USAGE;
		}
		outfile_set_mode((unsigned)m);
	}
	ctx.db_explicit = ctx.db_path || (getenv("QCODE_DB") && *getenv("QCODE_DB"));
	if (!ctx.db_path)
		ctx.db_path = getenv("QCODE_DB") && *getenv("QCODE_DB") ? getenv("QCODE_DB") : "qcode.db";
	/* no command writes a file over the project */
	outfile_protect(ctx.db_path, "the project database");
	if (!ctx.lex_dir)
		ctx.lex_dir = default_lexicons();

	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		print_help(stdout);
		return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		print_version();
		return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
	}
	if (!strcmp(name, "help")) {
		if (argc < 3) {
			print_help(stdout);
		} else {
			const struct command *c = find_command(argv[2]);
			if (!c) {
				error("unknown command '%s'; see 'qcode --help'", argv[2]);
				return EXIT_USAGE;
			}
			printf("qcode %s: %s\n\nusage: %s\n", c->name, c->summary, c->usage);
		}
		return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
	}
	if (name[0] == '-') {
		error("unknown option '%s'; see 'qcode --help'", name);
		return EXIT_USAGE;
	}
	const struct command *c = find_command(name);
	if (!c) {
		error("unknown command '%s'; see 'qcode --help'", name);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("qcode %s: %s\n\nusage: %s\n", c->name, c->summary, c->usage);
			return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
		}
	}
	ctx.name = c->name;
	ctx.usage = c->usage;

	int rc;
	/* `qcode export >> qcode.db`: the shell opened it, qcode refuses it */
	if (outfile_check_fd(STDOUT_FILENO, "standard output"))
		return EXIT_IO;
	if ((c->needs & (NEED_STEMMER | NEED_LEXICONS)) && !cmd_stemmer(&ctx))
		return EXIT_INPUT;
	if (c->needs & NEED_LEXICONS) {
		if (!cmd_lexicon_dir(&ctx)) {
			rc = error_last_code();
			goto out;
		}
		ctx.lex = lexicon_load_dir(ctx.lex_dir, ctx.st);
		if (!ctx.lex) {
			rc = error_last_code();
			goto out;
		}
	}
	if (c->needs & NEED_DB) {
		ctx.db = db_open(ctx.db_path, (c->needs & MAKES_DB) ? DB_CREATE : 0);
		if (!ctx.db) {
			rc = EXIT_DB;
			goto out;
		}
	}
	optind = 1;
	rc = c->fn(argc - 1, argv + 1, &ctx);
	if (rc == EXIT_OK && finish_output(stdout, "stdout"))
		rc = EXIT_IO;
out:
	if (rc != EXIT_OK && (c->needs & MAKES_DB))
		db_discard(ctx.db); /* a database this failure made is removed */
	else
		db_close(ctx.db);
	lexicon_set_free(ctx.lex);
	stem_free(ctx.st);
	return rc;
}
