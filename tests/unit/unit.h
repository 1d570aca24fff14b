/*
 * unit.h: what every cmocka unit test of qcode includes -- cmocka itself,
 * and helpers to capture error messages and build word tables and
 * lexicons from strings.
 */
#ifndef QCODE_UNIT_H
#define QCODE_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Messages reported through error() since the last capture_start(). */
static strbuf captured;

static void capture_sink(const char *msg, void *ctx)
{
	(void)ctx;
	sb_adds(&captured, msg);
}

static inline void capture_start(void)
{
	sb_release(&captured);
	error_set_sink(capture_sink, NULL);
}

static inline const char *capture_text(void) { return captured.buf; }

static inline void capture_stop(void)
{
	error_set_sink(NULL, NULL);
	sb_release(&captured);
}

#define assert_contains(hay, needle)                                                  \
	do {                                                                          \
		const char *h_ = (hay);                                               \
		if (!strstr(h_, (needle)))                                            \
			fail_msg("'%s' does not contain '%s'", h_, (needle));        \
	} while (0)

#endif
