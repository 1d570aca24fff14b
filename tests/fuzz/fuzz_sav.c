/*
 * fuzz_sav: the SPSS .sav reader (ReadStat and our value-label handling)
 * on any bytes, through a temporary file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sav.h"
#include "util.h"

static void quiet(const char *msg, void *ctx)
{
	(void)msg;
	(void)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/qcode-fuzz-%d.sav", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	error_set_sink(quiet, NULL);
	table t;
	if (sav_read(path, &t) == 0)
		table_release(&t);
	return 0;
}
