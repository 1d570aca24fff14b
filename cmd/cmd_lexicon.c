/*
 * cmd_lexicon: `qcode lexicon lint|show|hash|import|export`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "lexicon.h"
#include "lexio.h"
#include "outfile.h"
#include "stem.h"

static lexicon_set *load(qctx *ctx, const char *dir)
{
	if (!dir && !(dir = cmd_lexicon_dir(ctx)))
		return NULL;
	if (!cmd_stemmer(ctx))
		return NULL;
	return lexicon_load_dir(dir, ctx->st);
}

static int lint(int argc, char **argv, qctx *ctx)
{
	if (argc > 2)
		return cmd_usage_error(ctx, "too many arguments");
	const char *dir = argc > 1 ? argv[1] : ctx->lex_dir;
	lexicon_set *set = load(ctx, dir);
	if (!set)
		return error_last_code();
	size_t rules = 0;
	for (size_t t = 0; t < set->nthemes; t++)
		rules += set->themes[t].nrules;
	printf("%s: %zu theme%s, %zu rule%s, %zu group%s, lexicon hash %.12s\n", dir, set->nthemes,
	       plural_s((long long)set->nthemes), rules, plural_s((long long)rules), set->ngroups,
	       plural_s((long long)set->ngroups), set->hash);
	strbuf label; /* as the terminal may show it */
	sb_init(&label);
	for (size_t t = 0; t < set->nthemes; t++)
		printf("  %-16s %4zu rule%s  %s\n", set->themes[t].key, set->themes[t].nrules,
		       set->themes[t].nrules == 1 ? " " : "s", sb_set_term(&label, set->themes[t].label, 0));
	sb_release(&label);
	/* two word rules of a theme on the same word count it twice */
	for (size_t t = 0; t < set->nthemes; t++) {
		const theme *th = &set->themes[t];
		for (size_t i = 0; i < th->nrules; i++)
			for (size_t j = 0; j < i; j++) {
				const rule *a = &th->rules[j], *b = &th->rules[i];
				if (a->kind == RULE_ATOM && b->kind == RULE_ATOM && !a->veto && !b->veto &&
				    a->a.atom == b->a.atom)
					warning("%s:%d: rule '%s' matches the same words as '%s' (line %d), so those words count twice",
						th->file, b->line, b->text, a->text, a->line);
			}
	}
	/* a word counted alone by one rule makes another's NOT NEAR/BEFORE void */
	for (size_t t = 0; t < set->nthemes; t++) {
		const theme *th = &set->themes[t];
		for (size_t i = 0; i < th->nrules; i++) {
			const rule *x = &th->rules[i];
			if (!x->exclude)
				continue;
			for (size_t j = 0; j < th->nrules; j++) {
				const rule *a = &th->rules[j];
				if (!a->veto && (a->kind == RULE_ATOM || a->kind == RULE_GROUP) &&
				    a->a.atom == x->a.atom && a->a.group == x->a.group)
					warning("%s:%d: rule '%s' counts the same words alone (line %d), so what '%s' leaves out still counts",
						th->file, a->line, a->text, x->line, x->text);
			}
		}
	}
	lexicon_set_free(set);
	return EXIT_OK;
}

/*
 * The codeframe's identity, as a coding run records it and `qcode code
 * --stamp` stamps each record with: the lexicon hash, the stemmer, and
 * each theme's file with its SHA-256. One "name<TAB>value..." line each.
 */
static int hash(int argc, char **argv, qctx *ctx)
{
	if (argc > 2)
		return cmd_usage_error(ctx, "too many arguments");
	lexicon_set *set = load(ctx, argc > 1 ? argv[1] : ctx->lex_dir);
	if (!set)
		return error_last_code();
	strbuf name; /* as the terminal may show it */
	sb_init(&name);
	printf("lexicon\t%s\nstemmer\t%s\n", set->hash, stem_description());
	for (size_t t = 0; t < set->nthemes; t++)
		printf("theme\t%s\t%s\t%s\n", set->themes[t].key,
		       sb_set_term(&name, lexicon_file_name(set->themes[t].file), TERM_TSV),
		       set->themes[t].hash);
	sb_release(&name);
	lexicon_set_free(set);
	return EXIT_OK;
}

static int show(int argc, char **argv, qctx *ctx)
{
	if (argc != 2)
		return cmd_usage_error(ctx, "lexicon show needs one theme key");
	lexicon_set *set = load(ctx, ctx->lex_dir);
	if (!set)
		return error_last_code();
	int t = lexicon_theme_index(set, argv[1]);
	if (t < 0) {
		error("unknown theme '%s'; the themes are:", argv[1]);
		for (size_t i = 0; i < set->nthemes; i++)
			fprintf(stderr, "  %s\n", set->themes[i].key);
		lexicon_set_free(set);
		return EXIT_USAGE;
	}
	const theme *th = &set->themes[t];
	strbuf a, b; /* as the terminal may show them */
	sb_init(&a);
	sb_init(&b);
	printf("# %s: %s\n", th->key, sb_set_term(&a, th->label, 0));
	printf("# %s\n# %s, min-score %g\n", sb_set_term(&a, th->description, 0), th->file,
	       no_neg_zero(th->min_score, -1));
	printf("line\tid\tkind\tweight\tnotneg\trule\n");
	for (size_t r = 0; r < th->nrules; r++) {
		const rule *ru = &th->rules[r];
		printf("%d\t%s\t%s\t%g\t%s\t%s\n", ru->line, sb_set_term(&a, ru->id, 0),
		       lexicon_rule_kind_name(set, ru), no_neg_zero(ru->weight, -1), ru->notneg ? "yes" : "no",
		       sb_set_term(&b, ru->text, 0));
	}
	sb_release(&a);
	sb_release(&b);
	lexicon_set_free(set);
	return EXIT_OK;
}

static const cmd_option lexicon_options[] = {
	{ "from", 0, required_argument, 'f', "FORMAT",
	  "import: liwc (a LIWC .dic) or yaml (a quanteda dictionary)" },
	{ "to", 0, required_argument, 't', "FORMAT",
	  "export: liwc or yaml" },
	{ "output", 'o', required_argument, 'o', "PATH",
	  "import: the directory for the .lex files (default: .);\nexport: the file (default: standard output)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static int import_cmd(int argc, char **argv, qctx *ctx)
{
	const char *from = NULL, *outdir = ".";
	int c;
	optind = 1;
	while ((c = cmd_getopt(argc, argv, lexicon_options, ctx)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 'o')
			outdir = optarg;
		else if (c == 't')
			return cmd_usage_error(ctx, "--to is for 'qcode lexicon export'");
		else
			return EXIT_USAGE;
	}
	if (!from || (strcmp(from, "liwc") && strcmp(from, "yaml")))
		return cmd_usage_error(ctx, "lexicon import needs --from liwc or --from yaml");
	if (optind != argc - 1)
		return cmd_usage_error(ctx, "lexicon import needs one file");
	strbuf in;
	sb_init(&in);
	if (read_file(argv[optind], &in)) {
		sb_release(&in);
		return error_last_code();
	}
	char **keys;
	strbuf *texts;
	int n = lexio_import(argv[optind], in.buf, in.len, !strcmp(from, "liwc"), &keys, &texts);
	sb_release(&in);
	if (n < 0)
		return EXIT_INPUT;
	int rc = EXIT_OK;
	mkdir(outdir, 0777);
	for (int i = 0; i < n; i++) {
		strbuf path;
		sb_init(&path);
		sb_addf(&path, "%s/%s.lex", outdir, keys[i]);
		FILE *f = rc ? NULL : fopen(path.buf, "wx");
		if (!rc && !f) {
			error("cannot write '%s': %s", path.buf,
			      errno == EEXIST ? "file exists (not overwritten)" : strerror(errno));
			rc = EXIT_IO;
		} else if (f) {
			fwrite(texts[i].buf, 1, texts[i].len, f);
			if (fclose(f) != 0) {
				error("cannot write '%s': %s", path.buf, strerror(errno));
				rc = EXIT_IO;
			} else {
				printf("wrote %s\n", path.buf);
			}
		}
		sb_release(&path);
		sb_release(&texts[i]);
		free(keys[i]);
	}
	free(keys);
	free(texts);
	return rc;
}

static int export_cmd(int argc, char **argv, qctx *ctx, const lexicon_set *set)
{
	const char *to = NULL, *out = NULL;
	int c;
	optind = 1;
	while ((c = cmd_getopt(argc, argv, lexicon_options, ctx)) != -1) {
		if (c == 't')
			to = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'f')
			return cmd_usage_error(ctx, "--from is for 'qcode lexicon import'");
		else
			return EXIT_USAGE;
	}
	if (!to || (strcmp(to, "liwc") && strcmp(to, "yaml")))
		return cmd_usage_error(ctx, "lexicon export needs --to liwc or --to yaml");
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	if (out && outfile_check(out))
		return EXIT_IO; /* before the warnings of the export */
	strbuf text;
	sb_init(&text);
	size_t dropped = lexio_export(set, !strcmp(to, "liwc"), &text);
	if (dropped)
		warning("%zu rule%s left out", dropped, dropped == 1 ? "" : "s");
	FILE *f = out ? outfile_open(out, 0) : stdout;
	int rc = EXIT_OK;
	if (!f) {
		rc = EXIT_IO;
	} else {
		fwrite(text.buf, 1, text.len, f);
		if (finish_output(f, out ? out : "stdout"))
			rc = EXIT_IO;
		if (f != stdout)
			fclose(f);
	}
	sb_release(&text);
	return rc;
}

const cmd_spec cmd_lexicon_spec = {
	.name = "lexicon",
	.fn = cmd_lexicon,
	.needs = 0,
	.summary = "check, show, import and export lexicons",
	.usage =
	  "qcode lexicon lint [DIR]\n"
	  "qcode lexicon show KEY\n"
	  "qcode lexicon hash [DIR]     the codeframe's identity: lexicon hash, stemmer, files\n"
	  "qcode lexicon import --from liwc|yaml FILE [-o DIR]\n"
	  "qcode lexicon export --to liwc|yaml [-o FILE]",
	.options = lexicon_options,
};

int cmd_lexicon(int argc, char **argv, qctx *ctx)
{
	if (argc < 2)
		return cmd_usage_error(ctx, "lexicon needs a subcommand: lint, show, hash, import or export");
	const char *sub = argv[1];
	if (!strcmp(sub, "lint"))
		return lint(argc - 1, argv + 1, ctx);
	if (!strcmp(sub, "show"))
		return show(argc - 1, argv + 1, ctx);
	if (!strcmp(sub, "hash"))
		return hash(argc - 1, argv + 1, ctx);
	if (!strcmp(sub, "import"))
		return import_cmd(argc - 1, argv + 1, ctx);
	if (!strcmp(sub, "export")) {
		lexicon_set *set = load(ctx, ctx->lex_dir);
		if (!set)
			return error_last_code();
		int rc = export_cmd(argc - 1, argv + 1, ctx, set);
		lexicon_set_free(set);
		return rc;
	}
	return cmd_usage_error(ctx, "unknown lexicon subcommand '%s'", sub);
}
