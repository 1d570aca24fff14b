/*
 * fuzz_xlsx: the .xlsx reader (zip container, workbook, relationships,
 * shared strings, styles, every sheet's rows and merged ranges) on any
 * bytes held in memory.
 */
#include <stdint.h>
#include <stdlib.h>

#include "util.h"
#include "xlsx.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	error_set_sink(quiet, NULL);
	xlsx_book *b = xlsx_open(data, size, "fuzz.xlsx");
	for (size_t i = 0; b && i < xlsx_nsheets(b); i++) {
		if (xlsx_select(b, xlsx_sheet_name(b, i)))
			continue;
		xlsx_row row;
		while (xlsx_next(b, &row) == 1)
			for (size_t c = 0; c < row.n; c++)
				if (row.len[c] != strlen(row.v[c]))
					abort();
	}
	xlsx_free(b);
	return 0;
}
