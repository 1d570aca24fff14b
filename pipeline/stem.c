/*
 * stem: word table over libstemmer with compound splitting and stop words.
 */
#include "stem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdatomic.h>
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

#define MAX_ANALYSED STEM_MAX_ANALYSED
/* Shortest modifier and head of a closed compound, in bytes; a head of
 * MIN_LEX_HEAD bytes only when the lexicons use it (the "wet" of
 * Omgevingswet). */
#define MIN_MOD 4
#define MIN_LEX_MOD 3
#define MIN_HEAD 4
#define MIN_LEX_HEAD 3

/* Words that open a new clause (for negation scope). */
static const char *const clause_openers[] = {
	"maar", "want", "omdat", "doordat", "terwijl", "zodat", "hoewel",
	"tenzij", "echter", "daarentegen", "alhoewel", "aangezien",
};

/* Derivational suffixes that the word list also holds as words: never a head. */
static const char *const suffix_heads[] = {
	"ing", "ingen", "lijk", "lijke", "ijk", "heid", "heden", "aren", "ofte", "ers",
	"tje", "tjes", "ling", "lingen", "baar", "bare", "loos", "loze", "achtig",
	"isch", "ische", "ster", "sters", "schap", "dom", "nis", "nissen", "erij",
	"atie", "aties", "iteit", "eren", "elen", "enen", "ende", "ties",
};

/* Particles and prefixes that make verbs, not compounds: never a modifier. */
static const char *const particle_mods[] = {
	"ver", "ter", "aan", "ont", "her", "mis", "vol", "over", "onder", "door",
	"uit", "mee", "toe", "tegen", "voor", "achter", "samen", "terug", "weg",
	"bij", "tussen", "rond", "neer", "open", "vast", "out",
};

/* Snowball's Dutch stop list (snowballstem.org, algorithms/dutch/stop.txt). */
static const char *const stop_words[] = {
	"de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij",
	"het", "niet", "zijn", "is", "was", "op", "aan", "met", "als", "voor",
	"had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn",
	"men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot",
	"je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft",
	"hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge",
	"geen", "omdat", "iets", "worden", "toch", "al", "waren", "veel", "meer", "doen",
	"toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja",
	"eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons",
	"zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
	"andere",
};

/* A set of strings: open addressing over offsets into one byte buffer. */
typedef struct sslot {
	uint32_t off;  /* offset+1 of the string in bytes, 0 for empty */
	uint32_t meta; /* length (low 15 bits), SS_STEM, a tag of the hash (high 16) */
} sslot;

#define SS_MAXLEN 0x7FFFu /* longest string a set holds */
#define SS_STEM 0x8000u   /* the string's Snowball stem follows its NUL, and
			     its compound split (a byte: SPLIT_*) the stem's */
#define SPLIT_AT 0x3Fu    /* byte offset of the head, 0 for none */
#define SPLIT_LINK_SHIFT 6 /* the linking element's length above it */

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
 * the list lacks, and a short one (below MIN_MOD and MIN_HEAD the split
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

/* Chunked arena: strings never move until the arena is reset. */
typedef struct chunk {
	struct chunk *next; /* older chunk */
	size_t used;        /* bytes used in data */
	size_t size;        /* bytes in data */
	char data[];        /* the strings */
} chunk;

/*
 * Forms analysed by the threads of a pool, shared so that each is analysed
 * once: whichever thread meets a form first analyses it and publishes it.
 * Insert-only: an entry is written whole before its slot is set (release)
 * and read after its slot (acquire); its strings do not move until the
 * table is freed with the base. A thread takes entry numbers SHARE_TAKE at
 * a time, so the threads seldom write to the same cache line.
 */
#define SHARE_TAKE 64
typedef struct shared_forms {
	_Atomic uint64_t *slots; /* entry index + 1 and the hash's high half, as the word table's */
	size_t mask;             /* slots - 1; at least twice the entries */
	word_info *forms;        /* as analysed: no head index yet (the head is a form too) */
	uint32_t max;            /* entries */
	atomic_uint taken;       /* entry numbers handed out */
	pthread_mutex_t mu;      /* guards chunks */
	chunk *chunks;           /* strings of the clones freed */
} shared_forms;

struct stemmer {
	struct sb_stemmer *sb; /* Snowball Dutch, UTF-8 */
	strset vocab;          /* compounding vocabulary (folded words), owned */
	const strset *voc;     /* the vocabulary in use: &vocab, or a clone's base */
	const strset *lexp;    /* the lexicon words in use: &lexwords, or the base's */
	strset stops;          /* stop words */
	strset openers;        /* clause_openers */
	strset lexwords;       /* words the lexicons use (may be short heads) */
	strset suffixes;       /* suffix_heads */
	strset particles;      /* particle_mods */
	edges *lexedges;       /* lexicon words that can change a kept split, owned */
	const edges *edg;      /* those in use: lexedges, or the base's */
	word_info *words;      /* analysed entries */
	size_t nwords;         /* entries in use */
	size_t words_alloc;    /* entries allocated */
	uint64_t *slots;       /* entry index + 1 (low half), hash's high half; 0 empty */
	size_t nslots;         /* power of two */
	chunk *arena;          /* newest chunk first */
	shared_forms *sh;      /* forms shared with other threads, or NULL */
	int sh_own;            /* sh is this table's (the base's) to free */
	uint32_t sh_next;      /* next entry number this table may fill */
	uint32_t sh_end;       /* end of the numbers it has taken */
	chunk *sh_arena;       /* strings of the forms it shared */
};

static char *arena_copy(chunk **arena, const char *p, size_t n)
{
	chunk *c = *arena;
	if (!c || c->used + n + 1 > c->size) {
		size_t size = n + 1 > 65536 ? n + 1 : 65536;
		chunk *nc = xmalloc(sizeof(*nc) + size);
		nc->next = c;
		nc->used = 0;
		nc->size = size;
		*arena = c = nc;
	}
	char *d = c->data + c->used;
	memcpy(d, p, n);
	d[n] = '\0';
	c->used += n + 1;
	return d;
}

static void arena_free(chunk *c)
{
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
}

static void add_lists(stemmer *st)
{
	for (size_t i = 0; i < sizeof(stop_words) / sizeof(*stop_words); i++)
		strset_add(&st->stops, stop_words[i], strlen(stop_words[i]));
	for (size_t i = 0; i < sizeof(clause_openers) / sizeof(*clause_openers); i++)
		strset_add(&st->openers, clause_openers[i], strlen(clause_openers[i]));
	for (size_t i = 0; i < sizeof(suffix_heads) / sizeof(*suffix_heads); i++)
		strset_add(&st->suffixes, suffix_heads[i], strlen(suffix_heads[i]));
	for (size_t i = 0; i < sizeof(particle_mods) / sizeof(*particle_mods); i++)
		strset_add(&st->particles, particle_mods[i], strlen(particle_mods[i]));
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
static void load_wordlist(stemmer *st, const char *path)
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

	strset_rehash(&st->vocab, 1 << 20);
	strset_reserve(&st->vocab, text.len + 1);
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
			strset_add(&st->vocab, line, n);
			continue;
		}
		sb_reset(&fold);
		utf8_fold(line, n, &fold);
		strset_add(&st->vocab, fold.buf, fold.len);
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
	sb_addf(&b, "qcode vocabulary image|%zu|%s|%d %d %d %d %d|", sizeof(sslot), STEMMER_VERSION,
		MIN_MOD, MIN_LEX_MOD, MIN_HEAD, MIN_LEX_HEAD, MAX_ANALYSED);
	for (size_t i = 0; i < sizeof(suffix_heads) / sizeof(*suffix_heads); i++)
		sb_addf(&b, "%s,", suffix_heads[i]);
	sb_addc(&b, '|');
	for (size_t i = 0; i < sizeof(particle_mods) / sizeof(*particle_mods); i++)
		sb_addf(&b, "%s,", particle_mods[i]);
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

int stem_image_reseal(const char *path)
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

static size_t split_compound(const stemmer *st, const char *f, size_t n, int *link);

/*
 * Keep each vocabulary word's Snowball stem after it, and its compound
 * split after that, so that a word of the list met in an answer is not
 * analysed again: done once, when the image is made, which carries them to
 * every later start. The splits are made before any lexicon word is added;
 * see edges for when a lexicon word changes one.
 */
static void add_vocab_stems(stemmer *st)
{
	strset *v = &st->vocab;
	strbuf nb;
	char stem[MAX_ANALYSED * 2 + 8];
	if (v->len > UINT32_MAX / 3)
		return; /* the offsets would not fit: no stems kept */
	/* the splits first: they look words up by the old offsets */
	unsigned char *split = xcalloc(v->nslots, 1);
	for (size_t i = 0; i < v->nslots; i++) {
		size_t n = v->slots[i].meta & SS_MAXLEN;
		if (!v->slots[i].off || n > MAX_ANALYSED)
			continue;
		int link = 0;
		size_t at = split_compound(st, v->bytes + v->slots[i].off - 1, n, &link);
		split[i] = (unsigned char)(at | (size_t)link << SPLIT_LINK_SHIFT);
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
		if (n <= MAX_ANALYSED) {
			size_t sl = stem_one(st, w, n, stem, sizeof(stem));
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

/* The vocabulary of a word list: from its image, else read and imaged. */
static void load_vocab(stemmer *st, const char *list)
{
	struct stat ls;
	if (stat(list, &ls) != 0)
		return;
	if (!S_ISREG(ls.st_mode)) {
		load_wordlist(st, list); /* a pipe, say: nothing to name an image by */
		return;
	}
	strbuf img, tmp;
	sb_init(&img);
	sb_init(&tmp);
	int cached = image_path(list, &img) == 0;
	const char *why = NULL;
	if (cached)
		image_clean(img.buf); /* a directory read: some 20 us */
	if (!cached || image_load(&st->vocab, img.buf, &ls, &why) != 0) {
		if (why)
			warning("the word list's image '%s' is damaged (%s); making it anew",
				img.buf, why);
		load_wordlist(st, list);
		FILE *f = cached && st->vocab.len ? image_open(img.buf, &tmp) : NULL;
		if (f) {
			add_vocab_stems(st);
			image_save(f, tmp.buf, &st->vocab, img.buf, &ls);
		}
	}
	sb_release(&tmp);
	sb_release(&img);
}

stemmer *stem_new(const char *wordlist)
{
	struct sb_stemmer *sb = sb_stemmer_new(STEM_ALGORITHM, "UTF_8");
	if (!sb) {
		error("the Snowball '%s' stemmer is not available in libstemmer",
		      STEM_ALGORITHM);
		return NULL;
	}
	stemmer *st = xcalloc(1, sizeof(*st));
	st->sb = sb;
	st->voc = &st->vocab;
	st->lexp = &st->lexwords;
	st->lexedges = xcalloc_aligned(64, sizeof(edges)); /* a line of bits, a cache line */
	st->edg = st->lexedges;
	add_lists(st);
	st->nslots = 1 << 14;
	st->slots = xcalloc(st->nslots, sizeof(*st->slots));

	if (wordlist)
		load_vocab(st, wordlist);
	return st;
}

stemmer *stem_clone(const stemmer *base)
{
	struct sb_stemmer *sb = sb_stemmer_new(STEM_ALGORITHM, "UTF_8");
	if (!sb) {
		error("the Snowball '%s' stemmer is not available in libstemmer", STEM_ALGORITHM);
		return NULL;
	}
	stemmer *st = xcalloc(1, sizeof(*st));
	st->sb = sb;
	st->voc = base->voc;
	st->lexp = base->lexp;
	st->edg = base->edg;
	st->sh = base->sh;
	add_lists(st);
	st->nslots = 1 << 14;
	st->slots = xcalloc(st->nslots, sizeof(*st->slots));
	return st;
}

static void shared_release(stemmer *st);

void stem_free(stemmer *st)
{
	if (!st)
		return;
	sb_stemmer_delete(st->sb);
	shared_release(st);
	strset_release(&st->vocab);
	strset_release(&st->stops);
	strset_release(&st->openers);
	strset_release(&st->lexwords);
	strset_release(&st->suffixes);
	strset_release(&st->particles);
	free(st->words);
	free(st->slots);
	free(st->lexedges);
	arena_free(st->arena);
	free(st);
}

void stem_add_vocab(stemmer *st, const char *fold, size_t len)
{
	if (st->voc != &st->vocab)
		return; /* a clone shares its base's vocabulary read-only */
	if (len >= 3 && (len < MIN_HEAD || len < MIN_MOD || !strset_find(&st->vocab, fold, len, NULL))) {
		size_t k = len < EDGE_KEY ? len : EDGE_KEY;
		if (!strset_find(&st->particles, fold, len, NULL))
			edge_set(st->lexedges->start, edge_line(fold) + edge_bit(fold, k));
		if (!strset_find(&st->suffixes, fold, len, NULL))
			edge_set(st->lexedges->end,
				 edge_line(fold + len - 3) + edge_bit(fold + len - k, k));
	}
	strset_add(&st->vocab, fold, len);
	strset_add(&st->lexwords, fold, len);
}

int stem_in_vocab(const stemmer *st, const char *fold, size_t len)
{
	return strset_find(st->voc, fold, len, NULL);
}

size_t stem_vocab_size(const stemmer *st) { return st->voc->count; }

size_t stem_one(stemmer *st, const char *fold, size_t len, char *buf, size_t cap)
{
	const char *src = fold;
	size_t n = len;
	int plain = n <= MAX_ANALYSED;

	for (size_t i = 0; plain && i < n; i++)
		if (fold[i] == '@' || fold[i] == '/' || fold[i] == ':')
			plain = 0;
	/* plural and possessive 's (auto's, collega's) stem as the bare word */
	if (plain && n > 3 && fold[n - 2] == '\'' && fold[n - 1] == 's')
		n -= 2;
	if (plain) {
		const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)src, (int)n);
		if (s) {
			src = (const char *)s;
			n = (size_t)sb_stemmer_length(st->sb);
		}
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, src, n);
	buf[n] = '\0';
	return n;
}

/* Whether m[0..n) may be a modifier: a known word, not a particle. */
static int good_modifier(const stemmer *st, const char *m, size_t n)
{
	if (n < MIN_LEX_MOD || strset_find(&st->particles, m, n, NULL))
		return 0;
	if (n < MIN_MOD)
		return strset_find(st->lexp, m, n, NULL);
	return strset_find(st->voc, m, n, NULL);
}

/* Strip a linking element (s or en) from a modifier; returns its length or -1. */
static int modifier_link(const stemmer *st, const char *m, size_t n)
{
	if (good_modifier(st, m, n))
		return 0;
	if (n > 1 && m[n - 1] == 's' && good_modifier(st, m, n - 1))
		return 1;
	if (n > 2 && m[n - 2] == 'e' && m[n - 1] == 'n' && good_modifier(st, m, n - 2))
		return 2;
	return -1;
}

static int is_vowel(char c) { return strchr("aeiouy", c) != NULL; }

/*
 * Split a closed compound: the longest head in the vocabulary whose
 * modifier (less a linking s or en) is in the vocabulary too. Heuristic
 * guards against what the word list holds besides real words: heads of
 * at least MIN_HEAD and modifiers of at least MIN_MOD bytes (shorter only
 * when the lexicons use the word), no suffix as a head, no particle as a
 * modifier, no split inside a doubled consonant. Returns the byte offset
 * of the head, or 0 for no split.
 */
static size_t split_compound(const stemmer *st, const char *f, size_t n, int *link)
{
	if (n < MIN_MOD + MIN_LEX_HEAD || n > MAX_ANALYSED || !st->voc->count)
		return 0;
	for (size_t i = MIN_MOD; i + MIN_LEX_HEAD <= n; i++) {
		if (((unsigned char)f[i] & 0xC0) == 0x80)
			continue;
		if (!strset_find(st->voc, f + i, n - i, NULL))
			continue;
		if (n - i < MIN_HEAD && !strset_find(st->lexp, f + i, n - i, NULL))
			continue;
		if (strset_find(&st->suffixes, f + i, n - i, NULL))
			continue;
		/* aanpas|sing, verschil|lende: a doubled consonant is a syllable
		   boundary, not a compound's */
		if (f[i] == f[i - 1] && !is_vowel(f[i]) &&
		    !(f[i] == 's' && good_modifier(st, f, i - 1)))
			continue; /* but rijks|systemen: a linking s */
		int l = modifier_link(st, f, i);
		if (l >= 0) {
			*link = l;
			return i;
		}
	}
	return 0;
}

/*
 * A word table slot: the entry's index + 1 and the high half of its hash,
 * whose low bits are the slot's place; so the table grows without
 * touching a word.
 */
static inline uint64_t word_slot(uint64_t h, int32_t idx)
{
	return (h & 0xFFFFFFFF00000000ULL) | (uint32_t)(idx + 1);
}

static inline size_t word_place(uint64_t h, size_t mask) { return (size_t)(h >> 32) & mask; }

static void rehash_words(stemmer *st)
{
	size_t n = st->nslots * 2;
	uint64_t *old = st->slots;
	st->slots = xcalloc(n, sizeof(*st->slots));
	for (size_t k = 0; k < st->nslots; k++) {
		if (!old[k])
			continue;
		size_t i = word_place(old[k], n - 1);
		while (st->slots[i])
			i = (i + 1) & (n - 1);
		st->slots[i] = old[k];
	}
	free(old);
	st->nslots = n;
}

/* Whether the shared slot e holds the form fold[0..len), whose hash is h. */
static int shared_holds(const shared_forms *sh, uint64_t e, const char *fold, size_t len,
			uint64_t h)
{
	const word_info *f = &sh->forms[(uint32_t)e - 1];
	return (e & 0xFFFFFFFF00000000ULL) == (h & 0xFFFFFFFF00000000ULL) && f->fold_len == len &&
	       bytes_equal(f->fold, fold, len);
}

/* The shared entry of a form, or NULL. */
static const word_info *shared_find(const shared_forms *sh, const char *fold, size_t len,
				    uint64_t h)
{
	uint64_t e;
	for (size_t i = word_place(h, sh->mask);
	     (e = atomic_load_explicit(&sh->slots[i], memory_order_acquire)) != 0;
	     i = (i + 1) & sh->mask)
		if (shared_holds(sh, e, fold, len, h))
			return &sh->forms[(uint32_t)e - 1];
	return NULL;
}

#define NO_SHARE UINT32_MAX

/* An entry number for this table to fill, or NO_SHARE when all are taken. */
static uint32_t shared_take(stemmer *st)
{
	if (st->sh_next == st->sh_end) {
		shared_forms *sh = st->sh;
		unsigned at = atomic_load_explicit(&sh->taken, memory_order_relaxed);
		if (at < sh->max)
			at = atomic_fetch_add_explicit(&sh->taken, SHARE_TAKE, memory_order_relaxed);
		if (at >= sh->max)
			return NO_SHARE;
		st->sh_next = at;
		st->sh_end = sh->max - at > SHARE_TAKE ? at + SHARE_TAKE : sh->max;
	}
	return st->sh_next++;
}

/* Publish entry id, the form w; a form another thread published first
   keeps that one (the same analysis). */
static void shared_put(shared_forms *sh, uint32_t id, const word_info *w, uint64_t h)
{
	sh->forms[id] = *w;
	uint64_t v = word_slot(h, (int32_t)id);
	for (size_t i = word_place(h, sh->mask);; i = (i + 1) & sh->mask) {
		uint64_t e = 0;
		if (atomic_compare_exchange_strong_explicit(&sh->slots[i], &e, v,
							    memory_order_release,
							    memory_order_acquire) ||
		    shared_holds(sh, e, w->fold, w->fold_len, h))
			return;
	}
}

void stem_share(stemmer *base, size_t max_forms)
{
	if (base->sh || !max_forms)
		return;
	if (max_forms > (1u << 30))
		max_forms = 1u << 30;
	shared_forms *sh = xcalloc(1, sizeof(*sh));
	size_t nslots = 64;
	while (nslots < max_forms * 2)
		nslots *= 2;
	sh->slots = xcalloc(nslots, sizeof(*sh->slots));
	sh->mask = nslots - 1;
	sh->forms = xcalloc(max_forms, sizeof(*sh->forms));
	sh->max = (uint32_t)max_forms;
	pthread_mutex_init(&sh->mu, NULL);
	base->sh = sh;
	base->sh_own = 1;
}

/* A table's shared strings outlive it (other threads read them): a clone
   hands them to the shared forms, the base frees them all. */
static void shared_release(stemmer *st)
{
	shared_forms *sh = st->sh;
	if (!sh)
		return;
	if (!st->sh_own) {
		if (st->sh_arena) {
			chunk *last = st->sh_arena;
			while (last->next)
				last = last->next;
			pthread_mutex_lock(&sh->mu);
			last->next = sh->chunks;
			sh->chunks = st->sh_arena;
			pthread_mutex_unlock(&sh->mu);
		}
		return;
	}
	arena_free(st->sh_arena);
	arena_free(sh->chunks);
	pthread_mutex_destroy(&sh->mu);
	free((void *)sh->slots);
	free(sh->forms);
	free(sh);
}

/*
 * Analyse a form met for the first time: stem, flags and compound split
 * (mod_len and link_len; the head's index is left to the caller). A word
 * of the list has its stem and split kept with it. The strings go to arena.
 */
static void analyse(stemmer *st, const char *fold, size_t len, uint64_t h, chunk **arena,
		    word_info *w)
{
	size_t vslot, stem_len = 0;
	int in_vocab = strset_find_hashed(st->voc, fold, len, h, &vslot), split = -1;
	char stembuf[MAX_ANALYSED * 2 + 8];
	const char *stem_src = in_vocab && len <= MAX_ANALYSED
				       ? strset_stem(st->voc, vslot, len, &stem_len, &split)
				       : NULL;
	if (!stem_src) {
		stem_len = stem_one(st, fold, len, stembuf, sizeof(stembuf));
		stem_src = stembuf;
	}
	if (len > MAX_ANALYSED) {
		stem_src = fold;
		stem_len = len;
	}

	memset(w, 0, sizeof(*w));
	w->fold = arena_copy(arena, fold, len);
	w->fold_len = (uint32_t)len;
	w->stem = stem_len == len && memcmp(stem_src, fold, len) == 0
			 ? w->fold
			 : arena_copy(arena, stem_src, stem_len);
	w->stem_len = (uint32_t)stem_len;
	w->head = -1;
	w->anno = -1;
	if (strset_find_hashed(&st->stops, fold, len, h, NULL))
		w->flags |= WF_STOP;
	if (strset_find_hashed(&st->openers, fold, len, h, NULL))
		w->flags |= WF_CLAUSE;
	if (in_vocab)
		w->flags |= WF_VOCAB;

	size_t head_at = 0;
	int link = 0;
	const char *dash = len <= MAX_ANALYSED ? memrchr(fold, '-', len) : NULL;
	if (dash && dash > fold && (size_t)(dash - fold) + 1 < len) {
		head_at = (size_t)(dash - fold) + 1; /* ict-contracten */
		link = 1;
	} else if (!dash && split >= 0 && len >= 3 && !edges_touch(st->edg, fold, len)) {
		head_at = (size_t)split & SPLIT_AT; /* the image's */
		link = split >> SPLIT_LINK_SHIFT;
		if (head_at && (head_at < MIN_MOD || head_at + MIN_LEX_HEAD > len || link > 2))
			head_at = 0; /* a damaged image */
	} else if (!dash) {
		head_at = split_compound(st, fold, len, &link);
	}
	if (head_at) {
		w->mod_len = (uint16_t)(head_at - (size_t)link);
		w->link_len = (uint8_t)link;
	}
}

/*
 * A form met for the first time, whose hash is h and whose free slot is
 * i: analysed by this thread, or taken from another that shares. Kept out
 * of stem_lookup(), so that the look-up, made for every token, stays small.
 */
__attribute__((noinline)) static int32_t first_sight(stemmer *st, const char *fold, size_t len,
						     uint64_t h, size_t i)
{
	word_info w;
	int share = st->sh && len <= MAX_ANALYSED;
	const word_info *shared = share ? shared_find(st->sh, fold, len, h) : NULL;
	if (shared) {
		w = *shared;
	} else {
		uint32_t id = share ? shared_take(st) : NO_SHARE;
		analyse(st, fold, len, h, id == NO_SHARE ? &st->arena : &st->sh_arena, &w);
		if (id != NO_SHARE)
			shared_put(st->sh, id, &w, h);
	}

	ALLOC_GROW(st->words, st->nwords + 1, st->words_alloc);
	int32_t idx = (int32_t)st->nwords++;
	st->words[idx] = w;
	st->slots[i] = word_slot(h, idx);
	if ((st->nwords * 3) > st->nslots * 2)
		rehash_words(st);

	size_t head_at = (size_t)w.mod_len + w.link_len;
	if (head_at) {
		/* the head is analysed as a word of its own (it may split again) */
		int32_t head = stem_lookup(st, st->words[idx].fold + head_at, len - head_at);
		st->words[idx].head = head;
	}
	return idx;
}

int32_t stem_lookup(stemmer *st, const char *fold, size_t len)
{
	uint64_t h = hash_bytes(fold, len);
	size_t mask = st->nslots - 1;
	size_t i = word_place(h, mask);
	uint64_t tag = h & 0xFFFFFFFF00000000ULL, e;

	while ((e = st->slots[i]) != 0) {
		if ((e & 0xFFFFFFFF00000000ULL) == tag) {
			const word_info *w = &st->words[(uint32_t)e - 1];
			if (w->fold_len == len && bytes_equal(w->fold, fold, len))
				return (int32_t)(uint32_t)e - 1;
		}
		i = (i + 1) & mask;
	}
	return first_sight(st, fold, len, h, i);
}

const word_info *stem_word(const stemmer *st, int32_t idx) { return &st->words[idx]; }

int32_t *stem_anno(stemmer *st, int32_t idx) { return &st->words[idx].anno; }

size_t stem_count(const stemmer *st) { return st->nwords; }

int stem_trim(stemmer *st, size_t limit)
{
	if (st->nwords <= limit)
		return 0;
	st->nwords = 0;
	memset(st->slots, 0, st->nslots * sizeof(*st->slots));
	arena_free(st->arena);
	st->arena = NULL;
	return 1;
}

const char *stem_library_version(void) { return "libstemmer " STEMMER_VERSION; }

const char *stem_description(void) { return STEM_ALGORITHM " (libstemmer " STEMMER_VERSION ")"; }
