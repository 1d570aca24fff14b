/*
 * test_util: the hash and compare of the word tables, the number appenders
 * of the output formats, terminal escaping, the string map and aligned
 * allocation.
 */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "stem.h"

/*
 * sb_add_g must print what "%g" prints when that reads back as the same
 * number, else the fewest digits that do: every score written can be read
 * back exactly.
 */
static void check_g(double x)
{
	char want[64];
	if (x == 0)
		x = 0.0; /* never "-0" */
	for (int digits = 6; digits <= 17; digits++) {
		snprintf(want, sizeof(want), "%.*g", digits, x);
		if (x != x || strtod(want, NULL) == x)
			break;
	}
	strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "[");
	sb_add_g(&sb, x);
	if (strcmp(sb.buf + 1, want) != 0)
		fail_msg("sb_add_g(%.17g) gave '%s', wanted '%s'", x, sb.buf + 1, want);
	if (x == x && strtod(sb.buf + 1, NULL) != x)
		fail_msg("sb_add_g(%.17g) gave '%s', which reads back as %.17g", x, sb.buf + 1,
			 strtod(sb.buf + 1, NULL));
	sb_release(&sb);
}

static void test_util__add_g_as_printf(void **state)
{
	(void)state;
	/* every score with three decimals up to 1000, both signs */
	for (int k = 0; k <= 1000000; k += 7) {
		check_g(k / 1000.0);
		check_g(-k / 1000.0);
	}
	/* sums of weights as coding makes them */
	double w[] = { 0.1, 0.2, 0.25, 0.5, 1.5, 2, 0.3 };
	double sum = 0;
	for (int i = 0; i < 200; i++) {
		sum += w[i % 7];
		check_g(sum);
	}
	/* the ones that take the slow road */
	double odd[] = { 0.1 + 0.2, 1e-5, 0.0001, 999.9999, 1000, 1000.5, 123456.5, 1234567,
			 1e300, -1e-300, 0.0, -0.0, 1.0 / 3, 2.0 / 3, INFINITY, -INFINITY, NAN,
			 1234.567, 999.999 + 0.002, 0.30000000000000004 * 1000 / 1000 };
	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		check_g(odd[i]);
	/* what %g would cut short is written whole: 0.1 + 0.2 is not 0.3 */
	strbuf sb;
	sb_init(&sb);
	sb_add_g(&sb, 0.1 + 0.2);
	assert_string_equal(sb.buf, "0.30000000000000004");
	sb_reset(&sb);
	sb_add_g(&sb, 1234.567);
	assert_string_equal(sb.buf, "1234.567");
	sb_reset(&sb);
	sb_add_g(&sb, 0.3);
	assert_string_equal(sb.buf, "0.3");
	sb_release(&sb);
}

/* sb_add_term with flags on in: what a terminal is given. */
static void check_term(const char *in, size_t n, int flags, const char *want)
{
	strbuf sb;
	sb_init(&sb);
	sb_add_term(&sb, in, n, flags);
	if (strcmp(sb.buf, want) != 0)
		fail_msg("sb_add_term(\"%s\", %d) gave '%s', wanted '%s'", in, flags, sb.buf, want);
	sb_release(&sb);
}

static void test_util__term_escapes_what_plays_tricks(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* ESC and BEL: a colour, a window title (OSC 0), a hyperlink (OSC 8) */
		{ "\x1b[31mrood\x1b[0m", "\\x1b[31mrood\\x1b[0m" },
		{ "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07" },
		{ "\x1b]8;;http://x\x1b\\klik\x1b]8;;\x1b\\", "\\x1b]8;;http://x\\x1b\\klik\\x1b]8;;\\x1b\\" },
		/* clear screen, backspace, DEL, line ends, tab */
		{ "a\x1b[2Jb\bc\x7f", "a\\x1b[2Jb\\x08c\\x7f" },
		{ "een\ntwee\r\tdrie", "een\\ntwee\\r\\tdrie" },
		/* C1 controls in UTF-8: CSI (U+009B), NEL (U+0085), OSC (U+009D) */
		{ "x\xc2\x9b" "2Jy\xc2\x85z\xc2\x9d", "x\\u009b2Jy\\u0085z\\u009d" },
		/* bidirectional overrides and isolates (Trojan Source), line separator */
		{ "abc\xe2\x80\xae" "def\xe2\x80\xac", "abc\\u202edef\\u202c" },
		{ "\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\xa8", "\\u2066x\\u2069\\u2028" },
		/* invalid UTF-8: a lone 8-bit CSI byte, a truncated sequence */
		{ "a\x9b" "b\xc3", "a\\x9bb\\xc3" },
		/* Dutch text, emoji with a joiner and a backslash stay as they are */
		{ "financiële zo'n – “ICT” 👩‍💻 C:\\map", "financiële zo'n – “ICT” 👩‍💻 C:\\map" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		check_term(cases[i].in, strlen(cases[i].in), 0, cases[i].want);
	/* NUL is escaped too (the length is given) */
	check_term("a\0b", 3, 0, "a\\x00b");
}

static void test_util__term_flags(void **state)
{
	(void)state;
	const char *in = "a\tb\nc\rd\\e\x1b";
	check_term(in, strlen(in), 0, "a\\tb\\nc\\rd\\e\\x1b");
	check_term(in, strlen(in), TERM_KEEP_TAB, "a\tb\\nc\\rd\\e\\x1b");
	check_term(in, strlen(in), TERM_KEEP_NL | TERM_KEEP_TAB, "a\tb\nc\\rd\\e\\x1b");
	/* TSV: one field per tab, one record per line, and it reads back */
	check_term(in, strlen(in), TERM_TSV, "a\\tb\\nc\\rd\\\\e\\x1b");
	strbuf sb;
	sb_init(&sb);
	assert_string_equal(sb_set_term(&sb, "id\x07", 0), "id\\x07");
	assert_string_equal(sb_set_term(&sb, "x", 0), "x");
	sb_release(&sb);
}

static void test_util__messages_are_escaped(void **state)
{
	(void)state;
	capture_start();
	error("no answer '%s' in the project", "\x1b]0;pwned\x07");
	assert_string_equal(capture_text(), "qcode: error: no answer '\\x1b]0;pwned\\x07' in the project\n");
	capture_stop();
	/* the line shown under a message: escaped, tabs kept, the caret still
	   under the column meant, 'a' (after the four columns of \x1b) */
	capture_start();
	const char *line = "\x1b[2J\tab(c";
	error_at("f\x1b.lex", 3, 6, line, strlen(line), "missing ) in %s", "x\ny");
	assert_string_equal(capture_text(), "f\\x1b.lex:3:6: missing ) in x\\ny\n"
					    "  \\x1b[2J\tab(c\n"
					    "         \t^\n");
	capture_stop();
	capture_start();
	warning("%s", "bel\x07");
	assert_string_equal(capture_text(), "qcode: warning: bel\\x07\n");
	capture_stop();
}

static void test_util__no_negative_zero(void **state)
{
	(void)state;
	static const struct {
		double x;
		int decimals;
		const char *want; /* printf("%.*f") of the result; %g for decimals < 0 */
	} cases[] = {
		{ -0.0, 3, "0.000" },     { -0.0004, 3, "0.000" }, { -0.0006, 3, "-0.001" },
		{ -0.04, 1, "0.0" },      { -0.06, 1, "-0.1" },    { 0.0004, 3, "0.000" },
		{ -1e-17, 4, "0.0000" },  { -0.0, -1, "0" },       { -1e-300, -1, "-1e-300" },
		{ -2.5, 0, "-2" },        { -0.4, 0, "0" },        { 1.5, 2, "1.50" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char got[64];
		double y = no_neg_zero(cases[i].x, cases[i].decimals);
		if (cases[i].decimals < 0)
			snprintf(got, sizeof(got), "%g", y);
		else
			snprintf(got, sizeof(got), "%.*f", cases[i].decimals, y);
		if (strcmp(got, cases[i].want))
			fail_msg("no_neg_zero(%g, %d) prints '%s', wanted '%s'", cases[i].x, cases[i].decimals,
				 got, cases[i].want);
	}
	assert_true(isnan(no_neg_zero(NAN, 3)));
	/* and the score writer never says -0 */
	strbuf sb;
	sb_init(&sb);
	sb_add_g(&sb, -0.0);
	assert_string_equal(sb.buf, "0");
	sb_release(&sb);
	/* plurals */
	assert_string_equal(plural_s(1), "");
	assert_string_equal(plural_s(0), "s");
	assert_string_equal(plural_s(2), "s");
}

static void test_util__add_uint(void **state)
{
	(void)state;
	unsigned long long v[] = { 0, 1, 9, 10, 99, 100, 4294967295ULL, 18446744073709551615ULL };
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		char want[32];
		snprintf(want, sizeof(want), "%llu", v[i]);
		strbuf sb;
		sb_init(&sb);
		sb_add_uint(&sb, v[i]);
		assert_string_equal(sb.buf, want);
		sb_release(&sb);
	}
}

/* bytes_equal agrees with memcmp at every length and every differing byte. */
static void test_util__bytes_equal(void **state)
{
	(void)state;
	char a[48], b[48];
	for (size_t n = 0; n <= 40; n++) {
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (char)('a' + i % 26);
		assert_true(bytes_equal(a, b, n));
		for (size_t i = 0; i < n; i++) {
			b[i] = 'Z';
			assert_false(bytes_equal(a, b, n));
			b[i] = a[i];
		}
	}
}

/* The hash sees every byte, and its low bits (the table index) spread. */
static void test_util__hash_bytes(void **state)
{
	(void)state;
	char a[48];
	for (size_t n = 1; n <= 40; n++) {
		for (size_t i = 0; i < n; i++)
			a[i] = (char)('a' + i % 26);
		uint64_t h = hash_bytes(a, n);
		assert_true(h == hash_bytes(a, n));
		for (size_t i = 0; i < n; i++) {
			char c = a[i];
			a[i] = (char)(c ^ 1);
			assert_true(hash_bytes(a, n) != h);
			a[i] = c;
		}
		/* a prefix is not the same key */
		assert_true(hash_bytes(a, n - 1) != h);
	}
	/* 4096 similar words in 8192 buckets: no bucket holds more than 8 */
	int count[8192] = { 0 }, most = 0;
	for (int k = 0; k < 4096; k++) {
		char w[32];
		int n = snprintf(w, sizeof(w), "woord%d", k);
		int c = ++count[hash_bytes(w, (size_t)n) & 8191];
		most = c > most ? c : most;
	}
	assert_true(most <= 8);
}

/* The string map grows past its first size and matches whole keys only. */
static void test_util__strmap(void **state)
{
	(void)state;
	static char keys[500][24];
	strmap m;
	strmap_init(&m, 4);
	for (int k = 0; k < 500; k++) {
		snprintf(keys[k], sizeof(keys[k]), "woord%d", k);
		assert_int_equal(strmap_get(&m, keys[k], strlen(keys[k])), -1);
		strmap_put(&m, keys[k], k);
	}
	for (int k = 0; k < 500; k++)
		assert_int_equal(strmap_get(&m, keys[k], strlen(keys[k])), k);
	/* a prefix of a key, or a key with more after it, is not the key */
	assert_int_equal(strmap_get(&m, "woord12", 6), 1);
	assert_int_equal(strmap_get(&m, "woord", 5), -1);
	assert_int_equal(strmap_get(&m, "woord4999", 9), -1);
	strmap_release(&m);
}

/* xcalloc_aligned: zeroed memory at the alignment asked for. */
static void test_util__calloc_aligned(void **state)
{
	(void)state;
	for (size_t align = sizeof(void *); align <= 4096; align *= 2) {
		unsigned char *p = xcalloc_aligned(align, 1000);
		assert_int_equal((uintptr_t)p % align, 0);
		for (size_t i = 0; i < 1000; i++)
			assert_int_equal(p[i], 0);
		free(p);
	}
}

static void test_util__ids_find(void **state)
{
	(void)state;
	static const long long ids[] = { -5, 2, 3, 10, 1000000000000LL };
	assert_int_equal(ids_find(ids, 5, -5), 0);
	assert_int_equal(ids_find(ids, 5, 3), 2);
	assert_int_equal(ids_find(ids, 5, 1000000000000LL), 4);
	/* before, between, after the ids; none at all */
	assert_int_equal(ids_find(ids, 5, -6), -1);
	assert_int_equal(ids_find(ids, 5, 4), -1);
	assert_int_equal(ids_find(ids, 5, 1000000000001LL), -1);
	assert_int_equal(ids_find(ids, 0, 2), -1);
	assert_int_equal(ids_find(NULL, 0, 2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__add_g_as_printf),
		cmocka_unit_test(test_util__add_uint),
		cmocka_unit_test(test_util__term_escapes_what_plays_tricks),
		cmocka_unit_test(test_util__term_flags),
		cmocka_unit_test(test_util__messages_are_escaped),
		cmocka_unit_test(test_util__no_negative_zero),
		cmocka_unit_test(test_util__ids_find),
		cmocka_unit_test(test_util__bytes_equal),
		cmocka_unit_test(test_util__hash_bytes),
		cmocka_unit_test(test_util__strmap),
		cmocka_unit_test(test_util__calloc_aligned),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
