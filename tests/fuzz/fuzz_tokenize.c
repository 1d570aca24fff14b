/*
 * fuzz_tokenize: the text stage and the matcher on any bytes -- validated
 * (or repaired as with --lenient), tokenised, coded with the shipped
 * lexicons. Nothing may crash, hang or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>

#include "match.h"
#include "utf8.h"

static stemmer *st;
static lexicon_set *set;
static matcher *m;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!st) {
		st = stem_new(NULL);
		set = lexicon_load_dir("lexicons", st);
		if (!set)
			abort();
		m = matcher_new(set, st);
	}
	strbuf clean;
	sb_init(&clean);
	const char *text;
	size_t len;
	error_set_sink(NULL, NULL);
	if (utf8_prepare("fuzz", (const char *)data, size, 1, &clean, &text, &len) == 0) {
		match_result res;
		match_result_init(&res);
		matcher_code(m, text, len, &res);
		/* every token and piece of evidence lies inside the text */
		const token_list *tl = matcher_tokens(m);
		for (size_t i = 0; i < tl->n; i++)
			if (tl->v[i].end > len || tl->v[i].start >= tl->v[i].end)
				abort();
		for (size_t e = 0; e < res.nev; e++)
			if (res.ev[e].end > len || res.ev[e].start > res.ev[e].end)
				abort();
		match_result_release(&res);
	}
	sb_release(&clean);
	return 0;
}
