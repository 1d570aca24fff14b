/*
 * stem: the word table (see stem.h): each distinct form analysed once, by
 * dutch.c against the vocabulary of vocab.c, and cached.
 */
#include "stem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dutch.h"
#include "util.h"
#include "vocab.h"

#ifndef STEMMER_VERSION
#define STEMMER_VERSION "unknown"
#endif

#define MAX_ANALYSED DUTCH_MAX_ANALYSED

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
	dutch_stemmer *ds;     /* Snowball Dutch, this table's own (it keeps state) */
	vocab *own;            /* the vocabulary, a base table's (NULL in a clone) */
	const vocab *voc;      /* the vocabulary in use: own, or the base's */
	dutch_words split_words; /* voc, as compound splits ask it */
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
	unsigned long generation; /* times the table was emptied */
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

/* Split a closed compound against the table's vocabulary (dutch_split). */
static size_t split_compound(const stemmer *st, const char *f, size_t n, int *link)
{
	if (!vocab_count(st->voc))
		return 0;
	return dutch_split(&st->split_words, f, n, link);
}

static stemmer *table_new(const vocab *voc, vocab *own)
{
	dutch_stemmer *ds = dutch_stemmer_new();
	if (!ds)
		return NULL;
	stemmer *st = xcalloc(1, sizeof(*st));
	st->ds = ds;
	st->own = own;
	st->voc = voc;
	st->split_words = vocab_words(voc);
	st->nslots = 1 << 14;
	st->slots = xcalloc(st->nslots, sizeof(*st->slots));
	return st;
}

stemmer *stem_new(const char *wordlist)
{
	vocab *v = vocab_new();
	stemmer *st = table_new(v, v);
	if (!st) {
		vocab_free(v);
		return NULL;
	}
	if (wordlist)
		vocab_load(v, wordlist, st->ds);
	return st;
}

stemmer *stem_clone(const stemmer *base)
{
	stemmer *st = table_new(base->voc, NULL);
	if (st)
		st->sh = base->sh;
	return st;
}

static void shared_release(stemmer *st);

void stem_free(stemmer *st)
{
	if (!st)
		return;
	dutch_stemmer_free(st->ds);
	shared_release(st);
	vocab_free(st->own);
	free(st->words);
	free(st->slots);
	arena_free(st->arena);
	free(st);
}

void stem_add_vocab(stemmer *st, const char *fold, size_t len)
{
	if (st->own) /* a clone shares its base's vocabulary read-only */
		vocab_add_lexicon_word(st->own, fold, len);
}

int stem_in_vocab(const stemmer *st, const char *fold, size_t len) { return vocab_has(st->voc, fold, len); }

size_t stem_vocab_size(const stemmer *st) { return vocab_count(st->voc); }

size_t stem_one(stemmer *st, const char *fold, size_t len, char *buf, size_t cap)
{
	return dutch_stem(st->ds, fold, len, buf, cap);
}

int stem_image_reseal(const char *path) { return vocab_image_reseal(path); }

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
	size_t stem_len = 0;
	int split = -1;
	const char *stem_src = NULL;
	int in_vocab = vocab_lookup(st->voc, fold, len, h, &stem_src, &stem_len, &split);
	char stembuf[MAX_ANALYSED * 2 + 8];
	if (!stem_src) {
		stem_len = dutch_stem(st->ds, fold, len, stembuf, sizeof(stembuf));
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
	if (dutch_is_stop(fold, len))
		w->flags |= WF_STOP;
	if (dutch_opens_clause(fold, len))
		w->flags |= WF_CLAUSE;
	if (in_vocab)
		w->flags |= WF_VOCAB;

	size_t head_at = 0;
	int link = 0;
	const char *dash = len <= MAX_ANALYSED ? memrchr(fold, '-', len) : NULL;
	if (dash && dash > fold && (size_t)(dash - fold) + 1 < len) {
		head_at = (size_t)(dash - fold) + 1; /* ict-contracten */
		link = 1;
	} else if (!dash && split >= 0 && len >= 3 && !vocab_lexicon_touches(st->voc, fold, len)) {
		head_at = (size_t)split & VOCAB_SPLIT_AT; /* the image's */
		link = split >> VOCAB_SPLIT_LINK_SHIFT;
		if (head_at && (head_at < DUTCH_MIN_MOD || head_at + DUTCH_MIN_LEX_HEAD > len || link > 2))
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

unsigned long stem_generation(const stemmer *st) { return st->generation; }

size_t stem_count(const stemmer *st) { return st->nwords; }

int stem_trim(stemmer *st, size_t limit)
{
	if (st->nwords <= limit)
		return 0;
	st->nwords = 0;
	st->generation++;
	memset(st->slots, 0, st->nslots * sizeof(*st->slots));
	arena_free(st->arena);
	st->arena = NULL;
	return 1;
}

const char *stem_library_version(void) { return "libstemmer " STEMMER_VERSION; }

const char *stem_description(void) { return STEM_ALGORITHM " (libstemmer " STEMMER_VERSION ")"; }
