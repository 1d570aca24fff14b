/*
 * fuzz_sav: the SPSS .sav reader (ReadStat and our value-label handling)
 * on any bytes, read from memory as the reader reads a .sav stream.
 */
#include <stdint.h>
#include <stddef.h>

#include "sav.h"
#include "util.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	error_set_sink(quiet, NULL);
	table t;
	if (sav_read_mem((const char *)data, size, "fuzz.sav", &t) == 0)
		table_release(&t);
	return 0;
}
