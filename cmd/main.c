/*
 * main: qcode's entry point -- global options, the dispatch table, and the
 * setup each command asks for (database, lexicons, word table).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cmd.h"
#include "project.h"
#include "read.h"
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

/* The commands, in the order `qcode --help` lists them. */
static const cmd_spec *const commands[] = {
	&cmd_import_spec, &cmd_code_spec, &cmd_export_answers_spec, &cmd_import_codes_spec,
	&cmd_runs_spec, &cmd_diff_spec, &cmd_export_spec, &cmd_review_spec, &cmd_decide_spec,
	&cmd_log_spec, &cmd_eval_spec, &cmd_table_spec, &cmd_chart_spec, &cmd_kwic_spec,
	&cmd_suggest_spec, &cmd_quotes_spec, &cmd_appendix_spec, &cmd_serve_spec, &cmd_scrub_spec,
	&cmd_summary_spec, &cmd_tokens_spec, &cmd_lexicon_spec,
};

#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

static const cmd_spec *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void print_help(FILE *f)
{
	fprintf(f, "usage: qcode [--db PATH] [--lexicons DIR] [--mode MODE] COMMAND [ARGS]\n\n"
		   "Codes open-ended survey answers in Dutch into themes with readable lexicons.\n\n"
		   "Commands:\n");
	int width = 0; /* of the longest name */
	for (size_t i = 0; i < NCOMMANDS; i++)
		if ((int)strlen(commands[i]->name) > width)
			width = (int)strlen(commands[i]->name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-*s %s\n", width, commands[i]->name, commands[i]->summary);
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
	printf("SQLite %s\n", db_sqlite_version());
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
	cmd_print_usage(stderr, ctx->usage);
	return EXIT_USAGE;
}

void cmd_print_usage(FILE *f, const char *usage)
{
	/* the lines after the first under the first's "qcode" */
	fputs("usage: ", f);
	for (const char *p = usage; *p; p++) {
		fputc(*p, f);
		if (*p == '\n' && p[1])
			fputs("       ", f);
	}
	fputc('\n', f);
}

/* The short and long options of a table, as getopt_long takes them. */
static struct option *getopt_table(const cmd_option *opts, char *shortopts, size_t cap)
{
	size_t n = 0, k = 0;
	while (opts && (opts[n].name || opts[n].letter))
		n++;
	struct option *lo = xcalloc(n + 1, sizeof(*lo));
	size_t nl = 0;
	shortopts[k++] = ':'; /* a missing value is ':', not '?' */
	for (size_t i = 0; i < n; i++) {
		if (opts[i].name)
			lo[nl++] = (struct option){ opts[i].name, opts[i].has_arg, NULL, opts[i].val };
		if (opts[i].letter && k + 3 < cap) {
			shortopts[k++] = opts[i].letter;
			if (opts[i].has_arg == required_argument)
				shortopts[k++] = ':';
		}
	}
	shortopts[k] = '\0';
	return lo;
}

int cmd_getopt(int argc, char **argv, const cmd_option *opts, const qctx *ctx)
{
	char shortopts[128];
	struct option *longopts = getopt_table(opts, shortopts, sizeof(shortopts));
	opterr = 0;
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?' || c == ':') {
		const char *arg = argv[optind - 1];
		if (arg && arg[0] == '-' && arg[1] == '-') {
			/* getopt_long leaves the bad long option at optind - 1 */
			char name[128];
			snprintf(name, sizeof(name), "%s", arg);
			char *eq = strchr(name, '=');
			if (eq)
				*eq = '\0';
			if (c == ':')
				cmd_usage_error(ctx, "option '%s' needs a value", name);
			else if (eq && optopt)
				cmd_usage_error(ctx, "option '%s' takes no value", name);
			else
				cmd_usage_error(ctx, "unknown option '%s'", name);
		} else if (c == ':') {
			cmd_usage_error(ctx, "option '-%c' needs a value", optopt);
		} else {
			cmd_usage_error(ctx, "unknown option '-%c'", optopt);
		}
		c = '?';
	}
	free(longopts);
	return c;
}

/* An option's name as help shows it: "-o, --output FILE". */
static void option_names(const cmd_option *o, char *buf, size_t cap)
{
	int n = 0;
	if (o->letter && o->name)
		n = snprintf(buf, cap, "-%c, --%s", o->letter, o->name);
	else if (o->letter)
		n = snprintf(buf, cap, "-%c", o->letter);
	else
		n = snprintf(buf, cap, "    --%s", o->name);
	if (o->arg && n >= 0 && (size_t)n < cap)
		snprintf(buf + n, cap - (size_t)n, " %s", o->arg);
}

void cmd_help(FILE *f, const cmd_spec *spec)
{
	fprintf(f, "qcode %s: %s\n\n", spec->name, spec->summary);
	cmd_print_usage(f, spec->usage);
	const cmd_option *opts = spec->options;
	if (opts && (opts->name || opts->letter)) {
		int width = 0;
		char names[96];
		for (const cmd_option *o = opts; o->name || o->letter; o++) {
			option_names(o, names, sizeof(names));
			if ((int)strlen(names) > width)
				width = (int)strlen(names);
		}
		if (width > 28)
			width = 28;
		fprintf(f, "\noptions:\n");
		for (const cmd_option *o = opts; o->name || o->letter; o++) {
			option_names(o, names, sizeof(names));
			int over = (int)strlen(names) > width;
			fprintf(f, "  %-*s", width, names);
			/* each line of the help under the first; a long name takes a line of its own */
			const char *h = o->help;
			int first = !over;
			if (over)
				fprintf(f, "\n");
			while (*h) {
				const char *nl = strchr(h, '\n');
				size_t len = nl ? (size_t)(nl - h) : strlen(h);
				fprintf(f, "%*s%.*s\n", first ? 2 : width + 4, "", (int)len, h);
				first = 0;
				h += len + (nl ? 1 : 0);
			}
		}
	}
	if (spec->notes)
		fprintf(f, "\n%s\n", spec->notes);
	fprintf(f, "\nGlobal options (before or after the command): --db PATH, --lexicons DIR,\n"
		   "--mode MODE; see 'qcode --help'.\n");
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

int cmd_parse_encoding(const qctx *ctx, const char *arg, int *out)
{
	int e = read_encoding_parse(arg);
	if (e < 0)
		return cmd_usage_error(ctx, "unknown encoding '%s' (use utf-8, cp1252 or latin1)", arg);
	*out = e;
	return 0;
}

int cmd_check_encoding(const qctx *ctx, int encoding, int format)
{
	if (encoding != READ_UTF8 && read_encoding_fixed(format))
		return cmd_usage_error(ctx, "--encoding %s does not apply to %s: %s", read_encoding_name(encoding),
				       read_format_name(format), read_encoding_fixed(format));
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
			const cmd_spec *c = find_command(argv[2]);
			if (!c) {
				error("unknown command '%s'; see 'qcode --help'", argv[2]);
				return EXIT_USAGE;
			}
			cmd_help(stdout, c);
		}
		return finish_output(stdout, "stdout") ? EXIT_IO : EXIT_OK;
	}
	if (name[0] == '-') {
		error("unknown option '%s'; see 'qcode --help'", name);
		return EXIT_USAGE;
	}
	const cmd_spec *c = find_command(name);
	if (!c) {
		error("unknown command '%s'; see 'qcode --help'", name);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cmd_help(stdout, c);
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
	if (rc == EXIT_OK && (c->needs & READS_CODES)) {
		long long run;
		char hash[16];
		project_latest_run(ctx.db, &run, hash);
		if (!run)
			warning("no coding run has finished yet, so no answer has a machine code;"
				" run 'qcode code' first");
	}
out:
	if (rc != EXIT_OK && (c->needs & MAKES_DB))
		db_discard(ctx.db); /* a database this failure made is removed */
	else
		db_close(ctx.db);
	lexicon_set_free(ctx.lex);
	stem_free(ctx.st);
	return rc;
}
