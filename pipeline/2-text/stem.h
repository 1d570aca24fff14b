/*
 * stem: the word table. Every distinct folded word form is analysed once --
 * Snowball Dutch stem, stop-word flag, clause opener, compound split into
 * modifier and head, all by dutch.c -- and cached, so the hot path costs
 * one hash look-up per token. Compound splitting asks the vocabulary of
 * vocab.c (Debian's Dutch word list and the lexicons' words), whose words
 * keep their stems and splits in an image in the cache directory. Threads
 * each have a table; tables made from one base share its vocabulary, and
 * the forms they analyse when the base shares them (stem_share).
 */
#ifndef QCODE_STEM_H
#define QCODE_STEM_H

#include <stddef.h>
#include <stdint.h>

#include "dutch.h"

/* Snowball algorithm used; recorded with every coding run. */
#define STEM_ALGORITHM DUTCH_ALGORITHM
/* Debian's word list, used for compound splitting when present. */
#define STEM_WORDLIST "/usr/share/dict/dutch"

/* Longest folded form, in bytes, that is stemmed and split; longer forms
   are their own stem. */
#define STEM_MAX_ANALYSED DUTCH_MAX_ANALYSED

enum word_flag {
	WF_STOP = 1,  /* on Snowball's Dutch stop list */
	WF_VOCAB = 2, /* the form itself is in the vocabulary */
	WF_CLAUSE = 4, /* opens a clause: maar, want, omdat, ... */
};

/* One analysed word form. Pointers live until stem_reset() or stem_free(). */
typedef struct word_info {
	const char *fold; /* folded form, NUL-terminated */
	const char *stem; /* Snowball stem of the folded form, NUL-terminated */
	uint32_t fold_len; /* bytes in fold */
	uint32_t stem_len; /* bytes in stem */
	int32_t head;      /* word index of the compound head, or -1 */
	uint16_t mod_len;  /* bytes of the modifier (without linking element) */
	uint8_t link_len;  /* bytes of the linking element (s, e, en, or '-') */
	uint8_t flags;     /* enum word_flag */
} word_info;

typedef struct stemmer stemmer;

/*
 * Make a word table. wordlist is a path to a word list (one word a line) or
 * NULL for none; a missing file is not an error (no compound splitting but
 * by the lexicons' own words). Returns NULL after reporting an error if the
 * Snowball Dutch stemmer is not available.
 */
stemmer *stem_new(const char *wordlist);
void stem_free(stemmer *st);

/*
 * A word table of its own (for another thread) that shares base's
 * vocabulary read-only; base must outlive it and get no more words.
 */
stemmer *stem_clone(const stemmer *base);

/*
 * Let base and the clones made from it from now on share the forms they
 * analyse, so that threads do not each analyse the same new forms: a form
 * one of them has analysed, another takes as it is (the analysis is the
 * same on every thread). At most max_forms are shared; later new forms
 * each table analyses for itself. Call before cloning; what is shared
 * lives until base is freed, after its clones.
 */
void stem_share(stemmer *base, size_t max_forms);

/* Add a folded word to the compounding vocabulary (before any look-up). */
void stem_add_vocab(stemmer *st, const char *fold, size_t len);
/* Whether a folded form is in the vocabulary. */
int stem_in_vocab(const stemmer *st, const char *fold, size_t len);
/* Number of words in the vocabulary. */
size_t stem_vocab_size(const stemmer *st);

/*
 * Index of the analysed entry for a folded form, making it on first sight.
 * The index is valid until stem_trim() empties the table.
 */
int32_t stem_lookup(stemmer *st, const char *fold, size_t len);
/* The entry at an index returned by stem_lookup(). */
const word_info *stem_word(const stemmer *st, int32_t idx);
/*
 * How many times the table has been emptied (stem_trim): a stage that keeps
 * something per entry index (the matcher does) starts again when it moves.
 */
unsigned long stem_generation(const stemmer *st);

/*
 * Stem a folded word directly into buf (NUL-terminated, truncated to cap).
 * Returns the stem's length. Not cached.
 */
size_t stem_one(stemmer *st, const char *fold, size_t len, char *buf, size_t cap);

/*
 * Forget every cached entry when more than `limit` are held; call only
 * between answers. Returns 1 when the table was emptied (indices and
 * annotations are then void), else 0.
 */
int stem_trim(stemmer *st, size_t limit);
/* Number of cached entries. */
size_t stem_count(const stemmer *st);

/*
 * Make the checksum of a word list's image at path match its contents
 * again, after they were changed on purpose (tests that prove an image is
 * what a start reads). Returns 0, or -1 when path is no image.
 */
int stem_image_reseal(const char *path);

/* Version of the Snowball library (Debian's libstemmer) this was built for. */
const char *stem_library_version(void);
/* The stemmer as a coding run records it, and a stamp carries it: the
   algorithm and library version, "dutch (libstemmer 2.2.0-2)". */
const char *stem_description(void);

#endif
