/*
 * floor: the text stage alone, for `make bench` -- read lines, tokenise,
 * fold and stem (with the word cache), count; no matching, no output.
 * Prints "tokens words answers seconds".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stem.h"
#include "token.h"
#include "utf8.h"

int main(void)
{
	stemmer *st = stem_new(STEM_WORDLIST);
	if (!st)
		return 1;
	token_list tl;
	token_list_init(&tl);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long long tokens = 0, words = 0, answers = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		size_t bad;
		if (utf8_validate(line, (size_t)n, &bad))
			continue;
		stem_trim(st, 1u << 20);
		tokenize(st, line, (size_t)n, &tl);
		tokens += (long long)tl.n;
		for (size_t i = 0; i < tl.n; i++)
			words += tl.v[i].kind == TK_WORD;
		answers++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%lld %lld %lld %.3f\n", tokens, words, answers, s);
	free(line);
	token_list_release(&tl);
	stem_free(st);
	return 0;
}
