/*
 * test_util: the hash and compare of the word tables, the number appenders
 * of the output formats, and the word-list loader of the stemmer with its
 * cached image.
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

/* The word list: one word a line, CRLF or LF, folded, blank lines skipped. */
static void test_util__wordlist(void **state)
{
	(void)state;
	setenv("QCODE_CACHE", "", 1); /* no image */
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

/* Write text to path, whole. */
static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The one image file in dir, into buf; 0 if there is none. */
static int image_in(const char *dir, char *buf, size_t cap)
{
	DIR *d = opendir(dir);
	int n = 0;
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		if (!strncmp(e->d_name, "vocab-", 6) && strlen(e->d_name) > 4 &&
		    !strcmp(e->d_name + strlen(e->d_name) - 4, ".img")) {
			snprintf(buf, cap, "%s/%s", dir, e->d_name);
			n++;
		}
	closedir(d);
	assert_true(n <= 1);
	return n;
}

/* Replace the first from[0..n) in the file with to[0..n). */
static void patch_bytes(const char *path, const char *from, const char *to, size_t n)
{
	strbuf sb;
	sb_init(&sb);
	assert_int_equal(read_file(path, &sb), 0);
	char *at = memmem(sb.buf, sb.len, from, n);
	assert_non_null(at);
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, to, n, at - sb.buf), (ssize_t)n);
	close(fd);
	sb_release(&sb);
}

/* Change an image on purpose (to prove that it is what a start reads),
   with its checksum made to match. */
static void patch_image(const char *path, const char *from, const char *to, size_t n)
{
	patch_bytes(path, from, to, n);
	assert_int_equal(stem_image_reseal(path), 0);
}

/* A directory with a word list and a cache for its image; QCODE_CACHE
   names the cache. */
typedef struct image_dir {
	char dir[32], cache[256], list[256], img[512];
} image_dir;

static void image_dir_make(image_dir *d, const char *words)
{
	snprintf(d->dir, sizeof(d->dir), "/tmp/qcode-cache-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->cache, sizeof(d->cache), "%s/cache", d->dir);
	snprintf(d->list, sizeof(d->list), "%s/dutch", d->dir);
	d->img[0] = '\0';
	setenv("QCODE_CACHE", d->cache, 1);
	put_file(d->list, words);
}

static void image_dir_remove(image_dir *d)
{
	if (d->img[0]) {
		char ok[600];
		snprintf(ok, sizeof(ok), "%s.ok", d->img);
		unlink(ok);
		unlink(d->img);
	}
	unlink(d->list);
	rmdir(d->cache);
	rmdir(d->dir);
}

/*
 * The word list's image: written at the first start, used at the next
 * (proved by a word changed in the image alone), made anew when the list
 * changes or the image is cut short, and a mapped image takes new words
 * past its slack and past a rehash.
 */
static void test_util__wordlist_image(void **state)
{
	(void)state;
	image_dir d;
	image_dir_make(&d, "privacy\nwetgeving\ncontracten\nregie\n");

	stemmer *st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 4);
	stem_free(st);
	assert_int_equal(image_in(d.cache, d.img, sizeof(d.img)), 1);
	struct stat is;
	assert_int_equal(stat(d.img, &is), 0);
	assert_int_equal(is.st_mode & 0777, 0600);

	/* the next start reads the image, not the list: a word damaged in
	   the image alone is gone */
	patch_image(d.img, "regie", "regio", 5);
	st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 4);
	assert_false(stem_in_vocab(st, "regie", 5));
	assert_true(stem_in_vocab(st, "privacy", 7));
	/* a compound split works on the mapped vocabulary */
	const word_info *wi = stem_word(st, stem_lookup(st, "privacywetgeving", 16));
	assert_true(wi->head >= 0);
	assert_string_equal(stem_word(st, wi->head)->fold, "wetgeving");
	/* the list's words have their stems in the image */
	assert_string_equal(stem_word(st, stem_lookup(st, "contracten", 10))->stem, "contract");
	/* new words: past the image's slack (the bytes move to the heap),
	   then past the table's size (the slots do) */
	char w[32];
	size_t n = 600000;
	for (size_t k = 0; k < n; k++) {
		int len = snprintf(w, sizeof(w), "nieuwwoord%zu", k);
		stem_add_vocab(st, w, (size_t)len);
	}
	assert_int_equal(stem_vocab_size(st), 4 + n);
	assert_true(stem_in_vocab(st, "nieuwwoord0", 11));
	assert_true(stem_in_vocab(st, "nieuwwoord599999", 16));
	assert_true(stem_in_vocab(st, "contracten", 10));
	stem_free(st);
	/* ... and none of them went into the file */
	st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 4);
	stem_free(st);

	/* a word of the list takes the stem the image keeps for it (proved
	   by a stem changed in the image alone); other words are stemmed */
	patch_image(d.img, "\0contract\0", "\0contrakt\0", 10);
	st = stem_new(d.list);
	assert_string_equal(stem_word(st, stem_lookup(st, "contracten", 10))->stem, "contrakt");
	assert_string_equal(stem_word(st, stem_lookup(st, "contractje", 10))->stem, "contractj");
	stem_free(st);

	/* a changed list: a new image */
	put_file(d.list, "privacy\nwetgeving\ncontracten\nregie\nkennis\n");
	st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 5);
	assert_true(stem_in_vocab(st, "regie", 5));
	stem_free(st);
	st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 5);
	assert_true(stem_in_vocab(st, "kennis", 6));
	stem_free(st);

	/* an image cut short is not used, and is made anew */
	assert_int_equal(truncate(d.img, 100), 0);
	capture_start();
	st = stem_new(d.list);
	assert_contains(capture_text(), "is damaged (its size is not the one its header gives); making it anew");
	capture_stop();
	assert_int_equal(stem_vocab_size(st), 5);
	assert_true(stem_in_vocab(st, "regie", 5));
	stem_free(st);
	assert_int_equal(stat(d.img, &is), 0);
	assert_true(is.st_size > 100);

	/* QCODE_CACHE empty: no image at all */
	unlink(d.img);
	setenv("QCODE_CACHE", "", 1);
	st = stem_new(d.list);
	assert_int_equal(stem_vocab_size(st), 5);
	stem_free(st);
	assert_int_equal(image_in(d.cache, d.img, sizeof(d.img)), 0);

	image_dir_remove(&d);
}

/*
 * A damaged image -- bytes changed inside it, a header that is no image's
 * -- is said so once and made anew, and the words are the list's again;
 * the next start is silent. A full check is stamped: a start whose image is
 * unchanged since it was checked does not sum it again (proved by bytes
 * changed with the file's ctime kept, which only the stamp's check misses).
 */
static void test_util__wordlist_image_damage(void **state)
{
	(void)state;
	image_dir d;
	image_dir_make(&d, "privacy\nwetgeving\ncontracten\nregie\n");
	stem_free(stem_new(d.list));
	assert_int_equal(image_in(d.cache, d.img, sizeof(d.img)), 1);

	patch_bytes(d.img, "regie", "regio", 5);
	capture_start();
	stemmer *st = stem_new(d.list);
	char want[700];
	snprintf(want, sizeof(want),
		 "qcode: warning: the word list's image '%s' is damaged (its checksum does not match"
		 " its contents); making it anew\n", d.img);
	assert_string_equal(capture_text(), want);
	capture_stop();
	assert_true(stem_in_vocab(st, "regie", 5));
	assert_false(stem_in_vocab(st, "regio", 5));
	stem_free(st);
	capture_start();
	st = stem_new(d.list);
	assert_string_equal(capture_text(), "");
	capture_stop();
	assert_true(stem_in_vocab(st, "regie", 5));
	stem_free(st);

	/* not an image at all */
	patch_bytes(d.img, "QCVOCAB", "XXXXXXX", 7);
	capture_start();
	st = stem_new(d.list);
	assert_contains(capture_text(), "is damaged (it is not an image); making it anew");
	capture_stop();
	assert_true(stem_in_vocab(st, "regie", 5));
	stem_free(st);

	/* the stamp: unchanged since its check, an image is not summed
	   again; so a stamp that lies (made for the changed file) lets a
	   change through -- and nothing but a stamp can. (A check stamps only
	   an image whose ctime is two seconds old: this one is new, so it has
	   none yet.) */
	patch_bytes(d.img, "regie", "regio", 5);
	struct stat is;
	assert_int_equal(stat(d.img, &is), 0);
	char okp[600];
	snprintf(okp, sizeof(okp), "%s.ok", d.img);
	assert_int_equal(access(okp, F_OK), -1);
	strbuf head;
	sb_init(&head);
	assert_int_equal(read_file(d.img, &head), 0);
	uint64_t stamp[7] = { 0 };
	memcpy(stamp, "QCSTAMP1", 8);
	stamp[1] = (uint64_t)is.st_dev;
	stamp[2] = (uint64_t)is.st_ino;
	stamp[3] = (uint64_t)is.st_size;
	stamp[4] = (uint64_t)is.st_ctim.tv_sec;
	stamp[5] = (uint64_t)is.st_ctim.tv_nsec;
	memcpy(&stamp[6], head.buf + 88, 8); /* the header's sum */
	sb_release(&head);
	FILE *f = fopen(okp, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(stamp, 1, sizeof(stamp), f), sizeof(stamp));
	assert_int_equal(fclose(f), 0);
	st = stem_new(d.list);
	/* the stamp was believed: regie's bytes, changed, are not regie now */
	assert_false(stem_in_vocab(st, "regie", 5));
	assert_true(stem_in_vocab(st, "privacy", 7));
	stem_free(st);

	/* a start checks an image of two seconds old whole and stamps it */
	unlink(okp);
	unlink(d.img);
	stem_free(stem_new(d.list));
	sleep(3);
	stem_free(stem_new(d.list));
	assert_int_equal(access(okp, F_OK), 0);
	image_dir_remove(&d);
}

/*
 * A writer killed while it makes an image leaves its temporary file; the
 * next start removes it, but not the file of a writer still at work (which
 * holds its lock), nor files that are no image's.
 */
static void test_util__wordlist_image_leftovers(void **state)
{
	(void)state;
	image_dir d;
	image_dir_make(&d, "privacy\nwetgeving\n");
	stem_free(stem_new(d.list));
	assert_int_equal(image_in(d.cache, d.img, sizeof(d.img)), 1);
	char dead[600], live[600];
	snprintf(dead, sizeof(dead), "%s.Ab12Cd", d.img);
	snprintf(live, sizeof(live), "%s.Ef34Gh", d.img);
	put_file(dead, "half an image");
	put_file(live, "half an image");
	int fd = open(live, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	char other[600];
	snprintf(other, sizeof(other), "%s/notes.txt", d.cache);
	put_file(other, "mine");
	stem_free(stem_new(d.list));
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	unlink(other);
	close(fd);
	unlink(live);
	image_dir_remove(&d);
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

/* The word table grows without losing an entry: a form found again after
   the table grew many times has the index it was given. */
static void test_util__word_table_grows(void **state)
{
	(void)state;
	stemmer *st = stem_new(NULL);
	assert_non_null(st);
	enum { N = 100000 };
	int32_t *idx = malloc(N * sizeof(*idx));
	char w[32];
	for (int k = 0; k < N; k++) {
		int len = snprintf(w, sizeof(w), "vorm%d", k);
		idx[k] = stem_lookup(st, w, (size_t)len);
	}
	assert_int_equal(stem_count(st), N);
	for (int k = 0; k < N; k++) {
		int len = snprintf(w, sizeof(w), "vorm%d", k);
		if (stem_lookup(st, w, (size_t)len) != idx[k])
			fail_msg("'%s' got another entry after the table grew", w);
	}
	assert_int_equal(stem_count(st), N);
	assert_string_equal(stem_word(st, idx[N - 1])->fold, "vorm99999");
	free(idx);
	stem_free(st);
}

/* Forms for the shared-table tests: compounds of a few words, with and
   without a linking s, inflected or not, then plain numbered forms. */
static const char *const share_words[] = {
	"privacy", "wetgeving", "regie", "beleid", "plan",
	"contract", "systeem", "gemeente", "kennis", "digitaal",
};
enum { SHARE_COMPOUNDS = 10 * 10 * 2 * 3, SHARE_FORMS = SHARE_COMPOUNDS + 400 };

static int share_form(int k, char *w, size_t cap)
{
	static const char *const ends[] = { "", "en", "je" };
	if (k >= SHARE_COMPOUNDS)
		return snprintf(w, cap, "vorm%d", k);
	return snprintf(w, cap, "%s%s%s%s", share_words[k % 10], k / 100 % 2 ? "s" : "",
			share_words[k / 10 % 10], ends[k / 200]);
}

static stemmer *share_table(void)
{
	stemmer *st = stem_new(NULL);
	assert_non_null(st);
	for (size_t i = 0; i < sizeof(share_words) / sizeof(*share_words); i++)
		stem_add_vocab(st, share_words[i], strlen(share_words[i]));
	return st;
}

/* Form k's entry in st, checked against ref's (a table that shares
   nothing): the same stem, flags and split. */
static const word_info *share_check(stemmer *st, stemmer *ref, int k)
{
	char w[64];
	int len = share_form(k, w, sizeof(w));
	const word_info *a = stem_word(st, stem_lookup(st, w, (size_t)len));
	const word_info *b = stem_word(ref, stem_lookup(ref, w, (size_t)len));
	if (strcmp(a->fold, w) || strcmp(a->stem, b->stem) || a->flags != b->flags ||
	    a->fold_len != b->fold_len || a->stem_len != b->stem_len ||
	    (a->head < 0) != (b->head < 0) || a->mod_len != b->mod_len ||
	    a->link_len != b->link_len ||
	    (a->head >= 0 && strcmp(stem_word(st, a->head)->fold, stem_word(ref, b->head)->fold)))
		fail_msg("'%s' is analysed otherwise when shared: stem '%s' (not '%s'), head %d", w,
			 a->stem, b->stem, a->head);
	return a;
}

/* A form one clone analysed, another takes as it is (its very strings);
   once the shared forms are all taken, each table analyses for itself. */
static void test_util__word_table_shared(void **state)
{
	(void)state;
	stemmer *ref = share_table(), *base = share_table();
	stem_share(base, 70);
	stemmer *a = stem_clone(base), *b = stem_clone(base);
	const char **seen = malloc(SHARE_FORMS * sizeof(*seen)); /* a's strings */
	for (int k = 0; k < SHARE_FORMS; k++)
		seen[k] = share_check(a, ref, k)->fold;
	assert_int_equal(stem_word(ref, stem_lookup(ref, "privacywetgeving", 16))->head >= 0, 1);

	int taken = 0;
	for (int k = 0; k < SHARE_FORMS; k++)
		taken += share_check(b, ref, k)->fold == seen[k];
	assert_true(seen[0] == share_check(b, ref, 0)->fold);
	assert_true(seen[0] == share_check(base, ref, 0)->fold); /* the base too */
	assert_true(seen[SHARE_FORMS - 1] != share_check(b, ref, SHARE_FORMS - 1)->fold);
	/* 70 entries, some of them the heads a looked up on its own */
	assert_in_range(taken, 40, 70);

	/* a table emptied takes the shared forms again; a clone freed leaves
	   them readable */
	assert_int_equal(stem_trim(b, 0), 1);
	assert_true(seen[0] == share_check(b, ref, 0)->fold);
	stem_free(a);
	for (int k = 0; k < SHARE_FORMS; k++)
		share_check(b, ref, k);
	free(seen);
	stem_free(b);
	stem_free(base);
	stem_free(ref);
}

typedef struct share_run {
	stemmer *st;
	int backward;
} share_run;

static void *share_thread(void *arg)
{
	share_run *r = arg;
	char w[64];
	for (int i = 0; i < SHARE_FORMS; i++) {
		int k = r->backward ? SHARE_FORMS - 1 - i : i;
		int len = share_form(k, w, sizeof(w));
		stem_lookup(r->st, w, (size_t)len);
	}
	return NULL;
}

/* Two threads meeting the same forms at once, in opposite orders, each
   end with the analysis a table of its own would make. */
static void test_util__word_table_shared_threads(void **state)
{
	(void)state;
	stemmer *ref = share_table(), *base = share_table();
	stem_share(base, 1u << 16);
	share_run run[2] = { { stem_clone(base), 0 }, { stem_clone(base), 1 } };
	pthread_t tid[2];
	for (int t = 0; t < 2; t++)
		assert_int_equal(pthread_create(&tid[t], NULL, share_thread, &run[t]), 0);
	for (int t = 0; t < 2; t++)
		pthread_join(tid[t], NULL);
	for (int t = 0; t < 2; t++) {
		for (int k = 0; k < SHARE_FORMS; k++)
			share_check(run[t].st, ref, k);
		stem_free(run[t].st);
	}
	stem_free(base);
	stem_free(ref);
}

/* The head a word splits at, or "" for none. */
static const char *head_of(stemmer *st, const char *w)
{
	const word_info *wi = stem_word(st, stem_lookup(st, w, strlen(w)));
	return wi->head >= 0 ? stem_word(st, wi->head)->fold : "";
}

/*
 * The image keeps each list word's compound split (proved by a split
 * changed in the image alone), and a lexicon word that the list lacks, or
 * a short one, still changes the split of a list word it starts or ends,
 * in the table and in its clones.
 */
static void test_util__wordlist_image_splits(void **state)
{
	(void)state;
	image_dir d;
	image_dir_make(&d, "privacy\nwetgeving\nprivacywetgeving\nregie\nregiewet\n"
			   "privacyregels\nbeleid\nbeleidsplan\nplan\n");
	stem_free(stem_new(d.list)); /* makes the image */
	assert_int_equal(image_in(d.cache, d.img, sizeof(d.img)), 1);

	stemmer *st = stem_new(d.list);
	assert_string_equal(head_of(st, "privacywetgeving"), "wetgeving");
	assert_string_equal(head_of(st, "beleidsplan"), "plan");
	assert_int_equal(stem_word(st, stem_lookup(st, "beleidsplan", 11))->link_len, 1);
	assert_string_equal(head_of(st, "regiewet"), ""); /* "wet": too short */
	assert_string_equal(head_of(st, "privacyregels"), ""); /* no "regels" */
	stem_free(st);

	/* the kept split is the one used: privacy|wetgeving made no split
	   (at 0) in the image alone */
	patch_image(d.img, "\0privacywetgev\0\x07", "\0privacywetgev\0\x00", 16);
	st = stem_new(d.list);
	assert_string_equal(head_of(st, "privacywetgeving"), "");
	assert_string_equal(head_of(st, "beleidsplan"), "plan");
	stem_free(st);
	/* a split byte out of bounds is not followed */
	patch_image(d.img, "\0privacywetgev\0\x00", "\0privacywetgev\0\x3f", 16);
	st = stem_new(d.list);
	assert_string_equal(head_of(st, "privacywetgeving"), "");
	stem_free(st);

	/* an image made by another qcode -- another stemmer or other split
	   rules, which the header's layout hash names -- is made anew */
	int fd = open(d.img, O_RDWR);
	assert_true(fd >= 0);
	unsigned char layout[8];
	assert_int_equal(pread(fd, layout, 8, 8), 8);
	layout[0] ^= 0xFF;
	assert_int_equal(pwrite(fd, layout, 8, 8), 8);
	close(fd);
	st = stem_new(d.list);
	assert_string_equal(head_of(st, "privacywetgeving"), "wetgeving");
	stem_free(st);

	/* the lexicons' words: a short head ("wet") and a word the list
	   lacks ("regels") split d.list words again, in clones too */
	st = stem_new(d.list);
	stem_add_vocab(st, "wet", 3);
	stem_add_vocab(st, "regels", 6);
	stem_add_vocab(st, "beleid", 6); /* in the list already: no change */
	stemmer *clone = stem_clone(st);
	assert_string_equal(head_of(st, "regiewet"), "wet");
	assert_string_equal(head_of(st, "privacyregels"), "regels");
	assert_string_equal(head_of(clone, "regiewet"), "wet");
	assert_string_equal(head_of(clone, "privacyregels"), "regels");
	assert_string_equal(head_of(clone, "beleidsplan"), "plan");
	stem_free(clone);
	stem_free(st);

	image_dir_remove(&d);
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
		cmocka_unit_test(test_util__bytes_equal),
		cmocka_unit_test(test_util__hash_bytes),
		cmocka_unit_test(test_util__strmap),
		cmocka_unit_test(test_util__wordlist),
		cmocka_unit_test(test_util__wordlist_image),
		cmocka_unit_test(test_util__wordlist_image_damage),
		cmocka_unit_test(test_util__wordlist_image_leftovers),
		cmocka_unit_test(test_util__wordlist_image_splits),
		cmocka_unit_test(test_util__word_table_grows),
		cmocka_unit_test(test_util__word_table_shared),
		cmocka_unit_test(test_util__word_table_shared_threads),
		cmocka_unit_test(test_util__calloc_aligned),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
