/*
 * fuzz_review_csv: a review spreadsheet as `qcode review --import` reads
 * it -- the CSV reader, then the themes cell split and checked -- on any
 * bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "util.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const themes[] = { "kennis", "regie", "wetgeving" };
	error_set_sink(quiet, NULL);
	FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
	if (!f)
		return 0;
	reader *r = reader_open(f, "review.csv", READ_CSV, 0, NULL);
	if (r) {
		int c_th = reader_col(r, "themes"), c_pr = reader_col(r, "primary");
		while (reader_next(r) == 1) {
			size_t n;
			const char *th = reader_get(r, c_th, &n);
			const char *pr = reader_get(r, c_pr, &n);
			if (!th)
				continue;
			char *copy = xstrdup(th), *save = NULL;
			int seen = 0;
			for (char *k = strtok_r(copy, ";, ", &save); k; k = strtok_r(NULL, ";, ", &save))
				for (size_t i = 0; i < 3; i++)
					seen += !strcmp(k, themes[i]);
			free(copy);
			(void)pr;
			(void)seen;
		}
		reader_free(r);
	}
	fclose(f);
	return 0;
}
