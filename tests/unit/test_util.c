/*
 * test_util: the hash and compare of the word tables, the number appenders
 * of the output formats, and the word-list loader of the stemmer.
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "unit.h"
#include "stem.h"

/* sb_add_g must print what "%g" prints, for every number. */
static void check_g(double x)
{
	char want[64];
	snprintf(want, sizeof(want), "%g", x);
	strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "[");
	sb_add_g(&sb, x);
	if (strcmp(sb.buf + 1, want) != 0)
		fail_msg("sb_add_g(%.17g) gave '%s', %%g gives '%s'", x, sb.buf + 1, want);
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
			 1e300, -1e-300, 0.0, -0.0, 1.0 / 3, 2.0 / 3, INFINITY, -INFINITY, NAN };
	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		check_g(odd[i]);
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

/* The word list: one word a line, CRLF or LF, folded, blank lines skipped. */
static void test_util__wordlist(void **state)
{
	(void)state;
	char path[] = "/tmp/qcode-wordlist-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char list[] = "privacy\r\nWetgeving\n\nfinanciële\ncontracten\nlaatste";
	assert_int_equal(write(fd, list, sizeof(list) - 1), (ssize_t)(sizeof(list) - 1));
	close(fd);
	stemmer *st = stem_new(path);
	unlink(path);
	assert_non_null(st);
	assert_int_equal(stem_vocab_size(st), 5);
	assert_true(stem_in_vocab(st, "privacy", 7));
	assert_true(stem_in_vocab(st, "wetgeving", 9));
	assert_false(stem_in_vocab(st, "Wetgeving", 9));
	assert_true(stem_in_vocab(st, "financiele", 10));
	assert_true(stem_in_vocab(st, "laatste", 7));
	assert_false(stem_in_vocab(st, "laatst", 6));
	/* the vocabulary splits a compound it has both parts of */
	int32_t w = stem_lookup(st, "privacywetgeving", 16);
	const word_info *wi = stem_word(st, w);
	assert_true(wi->head >= 0);
	assert_string_equal(stem_word(st, wi->head)->fold, "wetgeving");
	stem_free(st);

	/* a missing list is no error: no vocabulary */
	st = stem_new("/nonexistent/qcode/wordlist");
	assert_non_null(st);
	assert_int_equal(stem_vocab_size(st), 0);
	stem_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__add_g_as_printf),
		cmocka_unit_test(test_util__add_uint),
		cmocka_unit_test(test_util__bytes_equal),
		cmocka_unit_test(test_util__hash_bytes),
		cmocka_unit_test(test_util__strmap),
		cmocka_unit_test(test_util__wordlist),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
