/*
 * vocab: the compounding vocabulary (see vocab.h).
 */
#include "vocab.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "utf8.h"

#ifndef STEMMER_VERSION
#define STEMMER_VERSION "unknown"
#endif

/* A set of strings: open addressing over offsets into one byte buffer. */
typedef struct sslot {
	uint32_t off;  /* offset+1 of the string in bytes, 0 for empty */
	uint32_t meta; /* length (low 15 bits), SS_STEM, a tag of the hash (high 16) */
} sslot;

#define SS_MAXLEN 0x7FFFu /* longest string a set holds */
#define SS_STEM 0x8000u   /* the string's Snowball stem follows its NUL, and
			     its compound split (a byte: SPLIT_*) the stem's */

typedef struct strset {
	char *bytes;      /* the strings, each NUL-terminated */
	size_t len;       /* bytes in use */
	size_t alloc;     /* bytes allocated */
	sslot *slots;     /* one cache line holds four probes */
	size_t nslots;    /* power of two */
	size_t count;     /* strings held */
	void *map;        /* an image mapped from the cache, or NULL */
	size_t map_len;
} strset;

/* Whether p lies in the set's mapped image (not to be freed). */
static int strset_mapped(const strset *s, const void *p)
{
	const char *m = s->map;
	return m && (const char *)p >= m && (const char *)p < m + s->map_len;
}

static void strset_rehash(strset *s, size_t nslots);

static inline uint32_t strset_meta(uint64_t h, size_t n)
{
	return (uint32_t)n | ((uint32_t)(h >> 48) << 16);
}

/*
 * Whether p[0..n) with hash h is held; *slot is its slot or the free one.
 * Safe on a damaged image: a string must lie within the bytes, and the
 * probe ends after every slot was seen.
 */
static int strset_probe(const strset *s, const char *p, size_t n, uint64_t h, size_t *slot)
{
	uint32_t meta = strset_meta(h, n);
	size_t mask = s->nslots - 1;
	size_t i = (size_t)h & mask;
	for (size_t seen = 0; s->slots[i].off && seen <= mask; seen++) {
		if ((s->slots[i].meta & ~SS_STEM) == meta && s->slots[i].off + n <= s->len &&
		    bytes_equal(s->bytes + s->slots[i].off - 1, p, n)) {
			if (slot)
				*slot = i;
			return 1;
		}
		i = (i + 1) & mask;
	}
	if (slot)
		*slot = i;
	return 0;
}

/* Whether p[0..n), whose hash_bytes() is h, is held; *slot as strset_probe(). */
static inline int strset_find_hashed(const strset *s, const char *p, size_t n, uint64_t h,
				     size_t *slot)
{
	if (!s->nslots || n > SS_MAXLEN)
		return 0;
	return strset_probe(s, p, n, h, slot);
}

static int strset_find(const strset *s, const char *p, size_t n, size_t *slot)
{
	return strset_find_hashed(s, p, n, hash_bytes(p, n), slot);
}

/*
 * The stem kept after the string of n bytes in slot, or NULL; *len its
 * length, *split the split byte kept after it (or -1 when there is none).
 */
static const char *strset_stem(const strset *s, size_t slot, size_t n, size_t *len, int *split)
{
	*split = -1;
	if (!(s->slots[slot].meta & SS_STEM))
		return NULL;
	size_t at = s->slots[slot].off + n; /* past the string's NUL */
	if (at >= s->len)
		return NULL; /* a damaged image */
	const char *p = s->bytes + at;
	*len = strnlen(p, s->len - at);
	if (at + *len + 1 < s->len)
		*split = (unsigned char)p[*len + 1];
	return p;
}

static void strset_reserve(strset *s, size_t bytes)
{
	if (s->len + bytes <= s->alloc)
		return;
	size_t a = s->alloc ? s->alloc : 65536;
	while (a < s->len + bytes)
		a *= 2;
	if (strset_mapped(s, s->bytes)) {
		char *own = xmalloc(a);
		memcpy(own, s->bytes, s->len);
		s->bytes = own;
	} else {
		s->bytes = xrealloc(s->bytes, a);
	}
	s->alloc = a;
}

static void strset_add(strset *s, const char *p, size_t n)
{
	size_t slot;
	if (n == 0 || n > SS_MAXLEN)
		return;
	if ((s->count + 1) * 2 > s->nslots)
		strset_rehash(s, s->nslots ? s->nslots * 2 : 1024);
	uint64_t h = hash_bytes(p, n);
	if (strset_probe(s, p, n, h, &slot))
		return;
	strset_reserve(s, n + 1);
	memcpy(s->bytes + s->len, p, n);
	s->bytes[s->len + n] = '\0';
	s->slots[slot].off = (uint32_t)s->len + 1;
	s->slots[slot].meta = strset_meta(h, n);
	s->len += n + 1;
	s->count++;
}

/*
 * Zeroed slots. A big table (the word list's) is probed at random, once per
 * word at every start: on huge pages it costs a few TLB entries instead of
 * thousands of page faults and misses.
 */
static sslot *slots_alloc(size_t n)
{
	size_t bytes = n * sizeof(sslot), huge = (size_t)2 << 20;
	if (bytes < huge)
		return xcalloc(n, sizeof(sslot));
	void *p = aligned_alloc(huge, (bytes + huge - 1) & ~(huge - 1));
	if (!p)
		return xcalloc(n, sizeof(sslot));
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

static void strset_rehash(strset *s, size_t nslots)
{
	sslot *old = s->slots;
	size_t oldn = s->nslots;
	s->slots = slots_alloc(nslots);
	s->nslots = nslots;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i].off)
			continue;
		const char *p = s->bytes + old[i].off - 1;
		size_t n = old[i].meta & SS_MAXLEN, slot;
		if (old[i].off + n > s->len)
			continue; /* not a string of the set: a damaged image */
		strset_probe(s, p, n, hash_bytes(p, n), &slot);
		s->slots[slot] = old[i];
	}
	if (!strset_mapped(s, old))
		free(old);
}

static void strset_release(strset *s)
{
	if (!strset_mapped(s, s->bytes))
		free(s->bytes);
	if (!strset_mapped(s, s->slots))
		free(s->slots);
	if (s->map)
		munmap(s->map, s->map_len);
	memset(s, 0, sizeof(*s));
}

/*
 * The starts and ends of the lexicon words that can change a compound
 * split kept in the image, which was made from the word list alone: a word
 * the list lacks, and a short one (below DUTCH_MIN_MOD and _HEAD the split
 * asks the lexicons' words only). Every string the split asks about is a
 * start of the word (a modifier) or an end (a head) of three bytes or more,
 * so a word that no such lexicon word starts or ends keeps the image's
 * split. Kept: a bit for each hash of a lexicon word's first and last
 * EDGE_KEY bytes (all of a shorter one); a particle is never a modifier and
 * a suffix never a head, so those leave no start or end. A word is looked
 * up by its first and last 3..EDGE_KEY bytes, in the one cache line that
 * its first (or last) three bytes choose; a collision only costs a split
 * done anew.
 */
#define EDGE_KEY 6
#define EDGE_LINES 128 /* of 512 bits */
typedef struct edges {
	uint64_t start[EDGE_LINES * 8];
	uint64_t end[EDGE_LINES * 8];
} edges;

/* The first bit of the line that the three bytes at q choose. */
static inline size_t edge_line(const char *q)
{
	uint64_t l = (uint64_t)(unsigned char)q[0] | (uint64_t)(unsigned char)q[1] << 8 |
		     (uint64_t)(unsigned char)q[2] << 16;
	return (size_t)((l * 0x9E3779B97F4A7C15ULL) >> 57) * 512; /* 7 bits */
}

/* The bit of the n (3..EDGE_KEY) bytes at p within a line. */
static inline size_t edge_bit(const char *p, size_t n)
{
	uint64_t k = (uint64_t)n << 56;
	for (size_t i = 0; i < n; i++)
		k |= (uint64_t)(unsigned char)p[i] << (8 * i);
	return (size_t)((k * 0xD6E8FEB86659FD93ULL) >> 55); /* 9 bits */
}

static inline void edge_set(uint64_t *bits, size_t b) { bits[b / 64] |= (uint64_t)1 << (b % 64); }

static inline int edge_has(const uint64_t *bits, size_t b) { return (int)((bits[b / 64] >> (b % 64)) & 1); }

/* Whether a lexicon word may start or end w (n >= 3 bytes). */
static int edges_touch(const edges *e, const char *w, size_t n)
{
	size_t first = edge_line(w), last = edge_line(w + n - 3);
	for (size_t k = 3; k <= EDGE_KEY && k <= n; k++)
		if (edge_has(e->start, first + edge_bit(w, k)) ||
		    edge_has(e->end, last + edge_bit(w + n - k, k)))
			return 1;
	return 0;
}

struct vocab {
	strset words;      /* the vocabulary: the list's words and the lexicons' */
	strset lexwords;   /* the words the lexicons use (short heads and modifiers) */
	edges *lexedges;   /* lexicon words that can change a kept split */
};

static int known_word(const void *ctx, const char *w, size_t n)
{
	return strset_find(&((const vocab *)ctx)->words, w, n, NULL);
}

static int lexicon_word(const void *ctx, const char *w, size_t n)
{
	return strset_find(&((const vocab *)ctx)->lexwords, w, n, NULL);
}

dutch_words vocab_words(const vocab *v)
{
	dutch_words w = { known_word, lexicon_word, v };
	return w;
}

vocab *vocab_new(void)
{
	vocab *v = xcalloc(1, sizeof(*v));
	v->lexedges = xcalloc_aligned(64, sizeof(edges)); /* a line of bits, a cache line */
	return v;
}

void vocab_free(vocab *v)
{
	if (!v)
		return;
	strset_release(&v->words);
	strset_release(&v->lexwords);
	free(v->lexedges);
	free(v);
}

void vocab_add_lexicon_word(vocab *v, const char *fold, size_t len)
{
	if (len >= 3 && (len < DUTCH_MIN_HEAD || len < DUTCH_MIN_MOD || !strset_find(&v->words, fold, len, NULL))) {
		size_t k = len < EDGE_KEY ? len : EDGE_KEY;
		if (!dutch_is_particle(fold, len))
			edge_set(v->lexedges->start, edge_line(fold) + edge_bit(fold, k));
		if (!dutch_is_suffix(fold, len))
			edge_set(v->lexedges->end, edge_line(fold + len - 3) + edge_bit(fold + len - k, k));
	}
	strset_add(&v->words, fold, len);
	strset_add(&v->lexwords, fold, len);
}

int vocab_has(const vocab *v, const char *fold, size_t len) { return strset_find(&v->words, fold, len, NULL); }

size_t vocab_count(const vocab *v) { return v->words.count; }

int vocab_lookup(const vocab *v, const char *fold, size_t len, uint64_t h, const char **stem,
		 size_t *stem_len, int *split)
{
	size_t slot;
	*stem = NULL;
	*split = -1;
	if (!strset_find_hashed(&v->words, fold, len, h, &slot))
		return 0;
	if (len <= DUTCH_MAX_ANALYSED)
		*stem = strset_stem(&v->words, slot, len, stem_len, split);
	return 1;
}

int vocab_lexicon_touches(const vocab *v, const char *fold, size_t len)
{
	return edges_touch(v->lexedges, fold, len);
}

/* Whether every byte is ASCII and none a capital: the line is its own fold. */
static int is_folded_ascii(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x80 || (c >= 'A' && c <= 'Z'))
			return 0;
	}
	return 1;
}

/*
 * Add a word list (one word a line) to the vocabulary; a missing or
 * unreadable list leaves it empty. Read whole, since it is read at every
 * start: most lines are lower-case ASCII and go in as they are.
 */
static void load_wordlist(strset *v, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	strbuf text, fold;
	sb_init(&text);
	sb_init(&fold);
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && sb.st_size > 0)
		sb_grow(&text, (size_t)sb.st_size + 1);
	size_t got;
	do {
		sb_grow(&text, 1 << 16);
		got = fread(text.buf + text.len, 1, text.alloc - text.len - 1, f);
		text.len += got;
	} while (got > 0);
	fclose(f);

	strset_rehash(v, 1 << 20);
	strset_reserve(v, text.len + 1);
	const char *p = text.buf, *end = text.buf + text.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;
		p += n + 1;
		if (n && line[n - 1] == '\r')
			n--;
		size_t bad;
		if (n == 0 || utf8_validate(line, n, &bad))
			continue;
		if (is_folded_ascii(line, n)) {
			strset_add(v, line, n);
			continue;
		}
		sb_reset(&fold);
		utf8_fold(line, n, &fold);
		strset_add(v, fold.buf, fold.len);
	}
	sb_release(&fold);
	sb_release(&text);
}

/*
 * The word list's vocabulary as an image in the cache directory, so that a
 * start maps it instead of hashing the whole list again. The image names
 * the list it was made from (device, inode, size, modification time) and
 * the table's layout; on any difference the list is read and the image
 * written anew. Lexicon words added later go into the private copy of the
 * mapping, never into the file.
 *
 * An image is never trusted blindly: its size must be the one its header
 * gives, and a checksum over the header and every byte that is read (the
 * slots and the words) must be the one the header keeps; a damaged image is
 * said so once and made anew. Summing all 18 MB would double the time of
 * a start (4-5 ms on 9 ms), so the sum is checked in full only when the
 * image has changed since it was last checked: a stamp beside it
 * (IMAGE.ok) keeps the image's device, inode, size and status-change time
 * (ctime) at the last full check, and any write to the file, by any means
 * short of changing the system clock, moves its ctime on (a check stamps
 * only an image whose ctime is two seconds old, so that a write in the
 * same tick of the clock is not missed, as git does with its index).
 * What no stamp sees is a disk that changes bytes under the file system;
 * the file system's own checks are for that.
 *
 * An image is written to a temporary file beside it (IMAGE.XXXXXX, locked
 * while written), synced and renamed into place, so a start killed while
 * making one leaves no half image; the next start removes the temporary
 * files whose writer is gone (their lock is free).
 */
#define IMAGE_MAGIC "QCVOCAB4"
#define IMAGE_SLOTS_AT 4096           /* slots start on a page of their own */
#define IMAGE_SLACK ((size_t)1 << 16) /* room for the lexicons' words */

typedef struct image_head {
	char magic[8];
	uint64_t layout; /* the slot size and the hash of a fixed string */
	uint64_t dev, ino;
	int64_t size, mtime_sec, mtime_nsec;
	uint64_t nslots, count, len, alloc;
	uint64_t sum;    /* image_sum() of the header before it, slots and words */
} image_head;

/* The stamp of an image's last full check (IMAGE.ok). */
typedef struct image_stamp {
	char magic[8];             /* "QCSTAMP1" */
	uint64_t dev, ino;         /* the image file checked */
	int64_t size, ctime_sec, ctime_nsec; /* its size and ctime then */
	uint64_t sum;              /* the sum it had (its header's) */
} image_stamp;

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/*
 * A 64-bit checksum of an image: four independent lanes of 8 bytes (a
 * round of xxHash64), about 1 byte a cycle less than memory allows. Not
 * cryptographic: it finds damage, not a forger (who could write a whole
 * consistent image into the cache just as well).
 */
static uint64_t image_sum_add(uint64_t lane[4], const unsigned char *p, size_t n)
{
	const uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL;
	size_t i = 0;
	for (; i + 32 <= n; i += 32)
		for (int k = 0; k < 4; k++)
			lane[k] = rotl64(lane[k] + load64_(p + i + 8 * (size_t)k) * P2, 31) * P1;
	for (; i < n; i++)
		lane[i & 3] = (lane[i & 3] ^ p[i]) * P1;
	return n;
}

/* The sum an image's header must keep: over the header before the sum,
   the slots and the words in use. */
static uint64_t image_sum(const image_head *h, const void *slots, const void *bytes)
{
	uint64_t lane[4] = { 0x9E3779B185EBCA87ULL, 0xC2B2AE3D27D4EB4FULL, 0, 0x61C8864E7A143579ULL };
	uint64_t n = image_sum_add(lane, (const unsigned char *)h, offsetof(image_head, sum));
	n += image_sum_add(lane, slots, (size_t)h->nslots * sizeof(sslot));
	n += image_sum_add(lane, bytes, (size_t)h->len);
	return rotl64(lane[0], 1) + rotl64(lane[1], 7) + rotl64(lane[2], 12) + rotl64(lane[3], 18) + n;
}

/*
 * What an image holds besides the list's words, as a hash: the table's
 * layout, the Snowball library its stems came from and the rules its
 * compound splits followed. A qcode that differs in any of them makes the
 * image anew instead of reading stale stems or splits.
 */
static uint64_t image_layout(void)
{
	strbuf b;
	sb_init(&b);
	sb_addf(&b, "qcode vocabulary image|%zu|%s|", sizeof(sslot), STEMMER_VERSION);
	dutch_describe(&b);
	uint64_t h = hash_bytes(b.buf, b.len);
	sb_release(&b);
	return h;
}

static void image_head_of(image_head *h, const struct stat *ls)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, IMAGE_MAGIC, sizeof(h->magic));
	h->layout = image_layout();
	h->dev = (uint64_t)ls->st_dev;
	h->ino = (uint64_t)ls->st_ino;
	h->size = (int64_t)ls->st_size;
	h->mtime_sec = (int64_t)ls->st_mtim.tv_sec;
	h->mtime_nsec = (int64_t)ls->st_mtim.tv_nsec;
}

/* The image's file name for a word list, in buf; 0, or -1 for no cache. */
static int image_path(const char *list, strbuf *buf)
{
	const char *dir = getenv("QCODE_CACHE"), *xdg = getenv("XDG_CACHE_HOME"),
		   *home = getenv("HOME");
	sb_reset(buf);
	if (dir) {
		if (!*dir)
			return -1;
		sb_adds(buf, dir);
	} else if (xdg && *xdg == '/') {
		sb_addf(buf, "%s/qcode", xdg);
	} else if (home && *home == '/') {
		sb_addf(buf, "%s/.cache/qcode", home);
	} else {
		return -1;
	}
	sb_addf(buf, "/vocab-%016llx.img", (unsigned long long)hash_bytes(list, strlen(list)));
	return 0;
}

/* The stamp file's name for an image, in buf. */
static void stamp_path(const char *img, strbuf *buf)
{
	sb_reset(buf);
	sb_addf(buf, "%s.ok", img);
}

/* Whether the stamp says the image, as it is now (is), was checked whole
   with the sum sum. */
static int stamp_holds(const char *img, const struct stat *is, uint64_t sum)
{
	strbuf sp;
	sb_init(&sp);
	stamp_path(img, &sp);
	image_stamp t;
	int fd = open(sp.buf, O_RDONLY | O_CLOEXEC);
	int ok = fd >= 0 && pread(fd, &t, sizeof(t), 0) == (ssize_t)sizeof(t) &&
		 memcmp(t.magic, "QCSTAMP1", 8) == 0 && t.dev == (uint64_t)is->st_dev &&
		 t.ino == (uint64_t)is->st_ino && t.size == (int64_t)is->st_size &&
		 t.ctime_sec == (int64_t)is->st_ctim.tv_sec &&
		 t.ctime_nsec == (int64_t)is->st_ctim.tv_nsec && t.sum == sum;
	if (fd >= 0)
		close(fd);
	sb_release(&sp);
	return ok;
}

/*
 * Note that the image, as it is now (is), was checked whole; quietly
 * nothing when the stamp cannot be written (the next start checks again).
 * Not while its ctime is recent: the clock behind ctimes ticks coarsely
 * (some milliseconds), so a write right after the check could keep the
 * ctime the stamp holds; an image is stamped once it is two seconds old.
 */
static void stamp_write(const char *img, const struct stat *is, uint64_t sum)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0 || now.tv_sec - is->st_ctim.tv_sec < 2)
		return;
	image_stamp t;
	memset(&t, 0, sizeof(t));
	memcpy(t.magic, "QCSTAMP1", 8);
	t.dev = (uint64_t)is->st_dev;
	t.ino = (uint64_t)is->st_ino;
	t.size = (int64_t)is->st_size;
	t.ctime_sec = (int64_t)is->st_ctim.tv_sec;
	t.ctime_nsec = (int64_t)is->st_ctim.tv_nsec;
	t.sum = sum;
	strbuf sp;
	sb_init(&sp);
	stamp_path(img, &sp);
	/* one small write: a torn stamp matches no image and only costs a check */
	int fd = open(sp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (write(fd, &t, sizeof(t)) != (ssize_t)sizeof(t))
			unlink(sp.buf);
		close(fd);
	}
	sb_release(&sp);
}

/*
 * Map the image at path into v if it was made from the list ls and is
 * whole. Returns 0; 1 when there is no image for this list and this qcode
 * (none, or made from another list or by another qcode: made anew
 * quietly); -1 when the image is damaged, with why in *why.
 */
static int image_load(strset *v, const char *path, const struct stat *ls, const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	image_head h, want;
	struct stat is;
	image_head_of(&want, ls);
	*why = NULL;
	if (fstat(fd, &is) != 0 || is.st_size < (off_t)sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || memcmp(h.magic, "QCVOCAB", 7) != 0)
		*why = "it is not an image";
	else if (memcmp(&h, &want, offsetof(image_head, nslots)) != 0) {
		close(fd); /* another list, layout or version: no damage */
		return 1;
	} else if (!(h.nslots >= 2 && h.nslots <= ((uint64_t)1 << 32) &&
		     (h.nslots & (h.nslots - 1)) == 0 && h.count < h.nslots && h.len >= 1 &&
		     h.len < h.alloc && h.alloc <= UINT32_MAX &&
		     (uint64_t)is.st_size == IMAGE_SLOTS_AT + h.nslots * sizeof(sslot) + h.alloc))
		*why = "its size is not the one its header gives";
	void *m = *why ? MAP_FAILED
		       : mmap(NULL, (size_t)is.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (*why)
		return -1;
	if (m == MAP_FAILED)
		return 1;
	sslot *slots = (sslot *)((char *)m + IMAGE_SLOTS_AT);
	char *bytes = (char *)(slots + h.nslots);
	if (!stamp_holds(path, &is, h.sum)) {
		if (image_sum(&h, slots, bytes) != h.sum) {
			munmap(m, (size_t)is.st_size);
			*why = "its checksum does not match its contents";
			return -1;
		}
		stamp_write(path, &is, h.sum);
	}
	v->map = m;
	v->map_len = (size_t)is.st_size;
	v->slots = slots;
	v->nslots = (size_t)h.nslots;
	v->count = (size_t)h.count;
	v->bytes = bytes;
	v->len = (size_t)h.len;
	v->alloc = (size_t)h.alloc;
	return 0;
}

/* Make every missing directory above path (mode 0700). */
static void make_parents(const char *path)
{
	char *d = xstrdup(path);
	for (char *q = strchr(d + 1, '/'); q; q = strchr(q + 1, '/')) {
		*q = '\0';
		mkdir(d, 0700);
		*q = '/';
	}
	free(d);
}

/*
 * Remove the temporary files of image writers that are gone: in path's
 * directory, the files named like one of image_open()'s whose lock is free
 * (a writer holds its lock until its file is renamed into place, and a
 * writer that was killed holds none).
 */
static void image_clean(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return;
	strbuf dir, name;
	sb_init(&dir);
	sb_init(&name);
	sb_add(&dir, path, (size_t)(slash - path));
	DIR *d = opendir(dir.buf);
	for (struct dirent *e; d && (e = readdir(d));) {
		const char *dot = strstr(e->d_name, ".img.");
		if (strncmp(e->d_name, "vocab-", 6) != 0 || !dot || strlen(dot + 5) != 6)
			continue;
		sb_reset(&name);
		sb_addf(&name, "%s/%s", dir.buf, e->d_name);
		int fd = open(name.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(name.buf);
		close(fd);
	}
	if (d)
		closedir(d);
	sb_release(&name);
	sb_release(&dir);
}

/*
 * A temporary file beside path for the image (its name in tmp), locked
 * while it is written, or NULL when the cache cannot be written -- asked
 * first, so that a start that cannot keep an image does not pay for making
 * one.
 */
static FILE *image_open(const char *path, strbuf *tmp)
{
	make_parents(path);
	sb_reset(tmp);
	sb_addf(tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp->buf);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		unlink(tmp->buf);
		return NULL;
	}
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f && fd >= 0) {
		close(fd);
		unlink(tmp->buf);
	}
	return f;
}

/*
 * Write v as the image of the list ls into f (from image_open()), sync it,
 * put it in place at path (still holding the lock, so no one takes it for
 * a dead writer's); quietly nothing when it cannot. A later start checks
 * and stamps it.
 */
static void image_save(FILE *f, const char *tmp, const strset *v, const char *path,
		       const struct stat *ls)
{
	image_head h;
	image_head_of(&h, ls);
	h.nslots = v->nslots;
	h.count = v->count;
	h.len = v->len;
	h.alloc = v->len + IMAGE_SLACK;
	h.sum = image_sum(&h, v->slots, v->bytes);
	static const char zero[IMAGE_SLOTS_AT];
	size_t total = IMAGE_SLOTS_AT + v->nslots * sizeof(sslot) + (size_t)h.alloc;
	int ok = fwrite(&h, sizeof(h), 1, f) == 1 &&
		 fwrite(zero, IMAGE_SLOTS_AT - sizeof(h), 1, f) == 1 &&
		 fwrite(v->slots, sizeof(sslot), v->nslots, f) == v->nslots &&
		 fwrite(v->bytes, 1, v->len, f) == v->len && fflush(f) == 0 &&
		 ftruncate(fileno(f), (off_t)total) == 0 && fsync(fileno(f)) == 0;
	if (ok && rename(tmp, path) == 0) {
		char *dir = xstrdup(path); /* the rename itself, durable */
		char *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
		}
		free(dir);
	} else {
		unlink(tmp);
	}
	fclose(f);
}

int vocab_image_reseal(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat is;
	image_head h;
	void *m = MAP_FAILED;
	if (fstat(fd, &is) == 0 && is.st_size > IMAGE_SLOTS_AT &&
	    pread(fd, &h, sizeof(h), 0) == (ssize_t)sizeof(h) &&
	    (uint64_t)is.st_size == IMAGE_SLOTS_AT + h.nslots * sizeof(sslot) + h.alloc)
		m = mmap(NULL, (size_t)is.st_size, PROT_READ, MAP_SHARED, fd, 0);
	int rc = -1;
	if (m != MAP_FAILED) {
		sslot *slots = (sslot *)((char *)m + IMAGE_SLOTS_AT);
		h.sum = image_sum(&h, slots, slots + h.nslots);
		rc = pwrite(fd, &h, sizeof(h), 0) == (ssize_t)sizeof(h) ? 0 : -1;
		munmap(m, (size_t)is.st_size);
	}
	close(fd);
	return rc;
}

/*
 * Keep each vocabulary word's Snowball stem after it, and its compound
 * split after that, so that a word of the list met in an answer is not
 * analysed again: done once, when the image is made, which carries them to
 * every later start. The splits are made before any lexicon word is added;
 * see edges for when a lexicon word changes one.
 */
static void add_vocab_stems(vocab *vo, dutch_stemmer *ds)
{
	strset *v = &vo->words;
	dutch_words dw = vocab_words(vo);
	strbuf nb;
	char stem[DUTCH_MAX_ANALYSED * 2 + 8];
	if (v->len > UINT32_MAX / 3)
		return; /* the offsets would not fit: no stems kept */
	/* the splits first: they look words up by the old offsets */
	unsigned char *split = xcalloc(v->nslots, 1);
	for (size_t i = 0; i < v->nslots; i++) {
		size_t n = v->slots[i].meta & SS_MAXLEN;
		if (!v->slots[i].off || n > DUTCH_MAX_ANALYSED)
			continue;
		int link = 0;
		size_t at = dutch_split(&dw, v->bytes + v->slots[i].off - 1, n, &link);
		split[i] = (unsigned char)(at | (size_t)link << VOCAB_SPLIT_LINK_SHIFT);
	}
	sb_init(&nb);
	sb_grow(&nb, v->len * 2 + 1);
	for (size_t i = 0; i < v->nslots; i++) {
		if (!v->slots[i].off)
			continue;
		size_t n = v->slots[i].meta & SS_MAXLEN;
		const char *w = v->bytes + v->slots[i].off - 1;
		v->slots[i].off = (uint32_t)nb.len + 1;
		sb_add(&nb, w, n);
		sb_addc(&nb, '\0');
		if (n <= DUTCH_MAX_ANALYSED) {
			size_t sl = dutch_stem(ds, w, n, stem, sizeof(stem));
			sb_add(&nb, stem, sl);
			sb_addc(&nb, '\0');
			sb_addc(&nb, (char)split[i]);
			v->slots[i].meta |= SS_STEM;
		}
	}
	free(split);
	free(v->bytes);
	v->bytes = nb.buf;
	v->len = nb.len;
	v->alloc = nb.alloc;
}

void vocab_load(vocab *vo, const char *list, dutch_stemmer *ds)
{
	struct stat ls;
	if (stat(list, &ls) != 0)
		return;
	if (!S_ISREG(ls.st_mode)) {
		load_wordlist(&vo->words, list); /* a pipe, say: nothing to name an image by */
		return;
	}
	strbuf img, tmp;
	sb_init(&img);
	sb_init(&tmp);
	int cached = image_path(list, &img) == 0;
	const char *why = NULL;
	if (cached)
		image_clean(img.buf); /* a directory read: some 20 us */
	if (!cached || image_load(&vo->words, img.buf, &ls, &why) != 0) {
		if (why)
			warning("the word list's image '%s' is damaged (%s); making it anew",
				img.buf, why);
		load_wordlist(&vo->words, list);
		FILE *f = cached && vo->words.len ? image_open(img.buf, &tmp) : NULL;
		if (f) {
			add_vocab_stems(vo, ds);
			image_save(f, tmp.buf, &vo->words, img.buf, &ls);
		}
	}
	sb_release(&tmp);
	sb_release(&img);
}
