/*
 * fuzz_read: the CSV, TSV, JSONL and lines readers on any bytes (the first
 * byte chooses the format and the encoding); every record is read to the
 * end or an error is reported -- never a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "read.h"
#include "util.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	error_set_sink(quiet, NULL);
	int format = data[0] & 3;
	const char *enc = (data[0] & 4) ? "cp1252" : NULL;
	FILE *f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
	if (!f)
		return 0;
	reader *r = reader_open(f, "fuzz", format, 0, enc);
	if (r) {
		int text = reader_col(r, "text"), id = reader_col(r, "id");
		while (reader_next(r) == 1) {
			size_t n;
			const char *v = reader_get(r, text, &n);
			volatile char sink = 0;
			for (size_t i = 0; v && i < n; i++) /* every byte of the value is readable */
				sink ^= v[i];
			reader_get(r, id, &n);
		}
		reader_free(r);
	}
	fclose(f);
	return 0;
}
