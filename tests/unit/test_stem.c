/*
 * test_stem: the word table and its vocabulary -- the word-list loader, the
 * vocabulary's image in the cache (made, read, found damaged, its leftovers
 * removed, its kept splits), a table that grows, and tables that share the
 * forms they analyse across threads.
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "stem.h"

/* The word list: one word a line, CRLF or LF, folded, blank lines skipped. */
static void test_stem__wordlist(void **state)
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
static void test_stem__wordlist_image(void **state)
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
static void test_stem__wordlist_image_damage(void **state)
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
static void test_stem__wordlist_image_leftovers(void **state)
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

/* The word table grows without losing an entry: a form found again after
   the table grew many times has the index it was given. */
static void test_stem__word_table_grows(void **state)
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
static void test_stem__word_table_shared(void **state)
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
static void test_stem__word_table_shared_threads(void **state)
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
static void test_stem__wordlist_image_splits(void **state)
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
		cmocka_unit_test(test_stem__wordlist),
		cmocka_unit_test(test_stem__wordlist_image),
		cmocka_unit_test(test_stem__wordlist_image_damage),
		cmocka_unit_test(test_stem__wordlist_image_leftovers),
		cmocka_unit_test(test_stem__wordlist_image_splits),
		cmocka_unit_test(test_stem__word_table_grows),
		cmocka_unit_test(test_stem__word_table_shared),
		cmocka_unit_test(test_stem__word_table_shared_threads),
	};
	return cmocka_run_group_tests_name("stem", tests, NULL, NULL);
}
