/*
 * test_utf8: validation, sanitising and folding.
 */
#include "unit.h"
#include "utf8.h"

static void fold_is(const char *in, const char *want)
{
	strbuf sb;
	sb_init(&sb);
	utf8_fold(in, strlen(in), &sb);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

/* Folding: case, diacritics, OCR accents, typographic marks, ligatures. */
static void test_utf8__fold(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Financiële", "financiele" },     /* diaeresis */
		{ "financiéle", "financiele" },     /* OCR: acute for diaeresis */
		{ "financiele", "financiele" },     /* already plain */
		{ "GEÏNVESTEERD", "geinvesteerd" }, /* capitals with diaeresis */
		{ "coördinatie", "coordinatie" },
		{ "ICT’ers", "ict'ers" },           /* typographic apostrophe */
		{ "e‑herkenning", "e-herkenning" }, /* non-breaking hyphen */
		{ "ĳzer", "ijzer" },                /* ij ligature */
		{ "ﬁnanciën", "financien" },        /* fi ligature */
		{ "AVG", "avg" },
		{ "bühne", "buhne" },
		/* runs of printable ASCII, eight bytes at a time, broken by white
		   space, control bytes and letters beyond ASCII, then taken up again */
		{ "De ICT-LEVERANCIER\tZegt: NEE, Coördinatie@[Z]`A",
		  "de ict-leverancier\tzegt: nee, coordinatie@[z]`a" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		fold_is(cases[i][0], cases[i][1]);
}

/* The printable-ASCII run: its length, and only A-Z changed. */
static void test_utf8__fold_ascii_run(void **state)
{
	(void)state;
	char d[64];
	assert_int_equal(utf8_fold_ascii("WetGeving", 9, d), 9);
	assert_memory_equal(d, "wetgeving", 9);
	assert_int_equal(utf8_fold_ascii("REGELGEVING en", 14, d), 11); /* up to the space */
	assert_memory_equal(d, "regelgeving", 11);
	assert_int_equal(utf8_fold_ascii("FINANCIëLE", 11, d), 7); /* up to the \xc3 */
	assert_int_equal(utf8_fold_ascii("@[`{AZ", 6, d), 6);
	assert_memory_equal(d, "@[`{az", 6);
	assert_int_equal(utf8_fold_ascii("", 0, d), 0);
}

/* Invalid sequences: each is rejected at the right offset. */
/* What regexes read for a typographic character, and that the tokeniser's
   classes agree: every apostrophe and dash utf8_plain() names is CP_APOS
   or CP_DASH; the soft hyphen is a dash to the tokeniser only. */
static void test_utf8__plain(void **state)
{
	(void)state;
	assert_int_equal(utf8_plain(0x2019), '\'');
	assert_int_equal(utf8_plain(0x02BC), '\'');
	assert_int_equal(utf8_plain(0x2013), '-');
	assert_int_equal(utf8_plain(0x2212), '-');
	assert_int_equal(utf8_plain(0x201E), '"');
	assert_int_equal(utf8_plain(0x00BB), '"');
	assert_int_equal(utf8_plain(0x00AD), 0);
	assert_int_equal(utf8_plain(0x00E9), 0); /* é */
	assert_int_equal(utf8_plain('a'), 0);
	assert_int_equal(utf8_class(0x00AD), CP_DASH);
	for (int32_t cp = 0x80; cp < 0x3000; cp++) {
		int p = utf8_plain(cp);
		if (p == '\'')
			assert_int_equal(utf8_class(cp), CP_APOS);
		else if (p == '-')
			assert_int_equal(utf8_class(cp), CP_DASH);
		else if (cp != 0x00AD)
			assert_true(utf8_class(cp) != CP_APOS && utf8_class(cp) != CP_DASH);
	}
}

static void test_utf8__validate(void **state)
{
	(void)state;
	static const struct { const char *s; size_t len; int ok; size_t at; } cases[] = {
		{ "plain ascii text", 16, 1, 0 },
		{ "caf\xC3\xA9", 5, 1, 0 },
		{ "ab\xFFz", 4, 0, 2 },              /* invalid byte */
		{ "ab\0cd", 5, 0, 2 },               /* NUL */
		{ "x\xED\xA0\x80y", 5, 0, 1 },       /* lone surrogate U+D800 */
		{ "\xC0\xAF", 2, 0, 0 },             /* overlong '/' */
		{ "abc\xE2\x82", 5, 0, 3 },          /* truncated */
		{ "\xF4\x90\x80\x80", 4, 0, 0 },     /* above U+10FFFF */
		{ "0123456789abcdef\x80", 17, 0, 16 }, /* after the 8-byte fast path */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t at = 99;
		int rc = utf8_validate(cases[i].s, cases[i].len, &at);
		assert_int_equal(rc, cases[i].ok ? 0 : -1);
		if (!cases[i].ok)
			assert_int_equal(at, cases[i].at);
	}
}

static void test_utf8__sanitize(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	size_t n = utf8_sanitize("a\xFF" "b\0c", 5, &sb);
	assert_int_equal(n, 2);
	assert_memory_equal(sb.buf, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", 9);
	sb_release(&sb);
}

static void test_utf8__bom(void **state)
{
	(void)state;
	assert_int_equal(utf8_bom_len("\xEF\xBB\xBFx", 4), 3);
	assert_int_equal(utf8_bom_len("x", 1), 0);
}

static void test_utf8__wide_encodings(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t n;
		const char *want;
	} cases[] = {
		/* byte order marks */
		{ "\xff\xfeh\0", 4, "UTF-16" },
		{ "\xfe\xff\0h", 4, "UTF-16" },
		{ "\xff\xfe\0\0h\0\0\0", 8, "UTF-32" },
		{ "\0\0\xfe\xff\0\0\0h", 8, "UTF-32" },
		/* none: the NULs say which */
		{ "h\0a\0l\0l\0o\0", 10, "UTF-16LE" },
		{ "\0h\0a\0l\0l\0o", 10, "UTF-16BE" },
		{ "\0h\0a\0l\0l\0o\0", 11, "UTF-16BE" }, /* a line cut at its \n */
		{ "h\0\0\0a\0\0\0", 8, "UTF-32LE" },
		{ "\0\0\0h\0\0\0a", 8, "UTF-32BE" },
		/* Ā (U+0100), € (U+20AC), an emoji (a surrogate pair): mostly Latin */
		{ "\0\x01" "a\0", 4, "UTF-16LE" },
		{ "\x01\0\0a", 4, "UTF-16BE" },
		{ "a\0b\0c\0d\0e\0\xac\x20=\0\x3d\xd8\x00\xde", 18, "UTF-16LE" },
		/* a binary file: NULs, but not text in any of them */
		{ "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0", 24, NULL },
		{ "\0\0\0\0", 4, NULL },
		/* UTF-8, with a BOM, with a stray NUL, and nothing at all */
		{ "\xef\xbb\xbfhallo", 8, NULL },
		{ "financi\xc3\xable", 11, NULL },
		{ "hallo\0wereld", 12, NULL },
		{ "a\0b", 3, NULL },
		{ "a\0bc", 4, NULL },
		{ "", 0, NULL },
		{ "\xff", 1, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *got = utf8_wide_encoding(cases[i].in, cases[i].n);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) : got != NULL)
			fail_msg("case %zu: %s, wanted %s", i, got ? got : "NULL",
				 cases[i].want ? cases[i].want : "NULL");
	}
	/* the message: the iconv line, the name quoted for a shell when it must be */
	capture_start();
	assert_int_equal(utf8_reject_wide("data/ant woorden.csv", "\xff\xfeh\0", 4), -1);
	assert_string_equal(capture_text(), "qcode: error: data/ant woorden.csv: the file is UTF-16, not UTF-8; "
					    "convert it with: iconv -f UTF-16 -t UTF-8 'data/ant woorden.csv' > "
					    "'data/ant woorden-utf8.csv'\n");
	assert_int_equal(error_last_code(), EXIT_INPUT);
	capture_start();
	assert_int_equal(utf8_reject_wide("<stdin>", "h\0i\0", 4), -1);
	assert_string_equal(capture_text(), "qcode: error: <stdin>: the input is UTF-16, not UTF-8; "
					    "convert it on the way: iconv -f UTF-16LE -t UTF-8\n");
	capture_start();
	assert_int_equal(utf8_reject_wide("x.v1/in", "hallo", 5), 0);
	assert_string_equal(capture_text(), "");
	capture_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8__fold),
		cmocka_unit_test(test_utf8__fold_ascii_run),
		cmocka_unit_test(test_utf8__plain),
		cmocka_unit_test(test_utf8__validate),
		cmocka_unit_test(test_utf8__sanitize),
		cmocka_unit_test(test_utf8__bom),
		cmocka_unit_test(test_utf8__wide_encodings),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
