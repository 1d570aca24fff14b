/*
 * fuzz_lexicon: the lexicon parser and the negation-cue parser on any
 * bytes; what parses must also compile into a matcher and code a text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static stemmer *st;
	if (!st)
		st = stem_new(NULL);
	error_set_sink(quiet, NULL);
	lexicon_set *set = lexicon_set_new(st);
	lexicon_add_vocab(set, (const char *)data, size);
	int ok = lexicon_parse_string(set, "f.lex", (const char *)data, size, 0) == 0;
	lexicon_parse_cues(set, "n.cues", (const char *)data, size);
	if (ok) {
		lexicon_set_finish(set);
		matcher *m = matcher_new(set, st);
		match_result res;
		match_result_init(&res);
		const char *text = "De privacywetgeving en ICT-contracten: geen regie, wet- en regelgeving.";
		matcher_code(m, text, strlen(text), &res);
		match_result_release(&res);
		matcher_free(m);
	}
	lexicon_set_free(set);
	stem_trim(st, 0);
	return 0;
}
