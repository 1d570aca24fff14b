/*
 * cmd_tokens: `qcode tokens [FILE|-]` prints the token table of a text as
 * TSV, for people writing lexicons (and the golden tests).
 */
#include <string.h>

#include "cmd.h"
#include "read.h"
#include "utf8.h"
#include "token.h"

/* Print s[0..n) with tab, newline, CR and backslash escaped. */
static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(s[i]);
		}
	}
}

static void put_parts(stemmer *st, const word_info *w)
{
	if (w->head < 0) {
		putchar('-');
		return;
	}
	const word_info *h = stem_word(st, w->head);
	fwrite(w->fold, 1, w->mod_len, stdout);
	if (w->link_len && w->fold[w->mod_len] != '-') {
		putchar('(');
		fwrite(w->fold + w->mod_len, 1, w->link_len, stdout);
		putchar(')');
	}
	putchar('+');
	fwrite(h->fold, 1, h->fold_len, stdout);
}

static const cmd_option tokens_options[] = {
	{ "lenient", 0, no_argument, 'L', NULL,
	  "replace invalid UTF-8 by U+FFFD instead of stopping at it" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_tokens_spec = {
	.name = "tokens",
	.fn = cmd_tokens,
	.needs = NEED_STEMMER,
	.summary = "print the token table of a text (TSV)",
	.usage =
	  "qcode tokens [--lenient] [FILE|-]",
	.options = tokens_options,
};

int cmd_tokens(int argc, char **argv, qctx *ctx)
{
	int lenient = 0, c;
	while ((c = cmd_getopt(argc, argv, tokens_options, ctx)) != -1) {
		if (c == '?')
			return EXIT_USAGE;
		if (c == 'L')
			lenient = 1;
	}
	if (argc - optind > 1)
		return cmd_usage_error(ctx, "too many arguments");
	const char *path = optind < argc ? argv[optind] : "-";
	const char *name = strcmp(path, "-") ? path : "<stdin>";

	strbuf in, clean;
	sb_init(&in);
	sb_init(&clean);
	int rc = EXIT_OK;
	if (read_file(path, &in)) {
		rc = error_last_code();
		goto out;
	}
	const char *text;
	size_t len;
	read_policy pol = { lenient, "use --lenient to replace invalid bytes" };
	read_at at = { name, 0, NULL, 0, NULL, READ_FILE };
	if (read_check(&pol, &at, in.buf, in.len, &clean, &text, &len)) {
		rc = EXIT_INPUT;
		goto out;
	}

	token_list tl;
	token_list_init(&tl);
	tokenize(ctx->st, text, len, &tl);
	printf("start\tend\tkind\tsurface\tfolded\tstem\tparts\tflags\n");
	for (size_t i = 0; i < tl.n; i++) {
		const token *t = &tl.v[i];
		const word_info *w = stem_word(ctx->st, t->word);
		char flags[96];
		printf("%u\t%u\t%s\t", t->start, t->end, token_kind_name(t->kind));
		put_escaped(text + t->start, t->end - t->start);
		putchar('\t');
		put_escaped(w->fold, w->fold_len);
		putchar('\t');
		put_escaped(w->stem, w->stem_len);
		putchar('\t');
		put_parts(ctx->st, w);
		printf("\t%s\n", token_flags_str(t->flags, flags, sizeof(flags)));
	}
	token_list_release(&tl);
out:
	sb_release(&in);
	sb_release(&clean);
	return rc;
}
