/*
 * dutch: the Dutch of the text stage, as functions of a folded word form
 * alone -- its Snowball stem (libstemmer's "dutch"), whether it is a stop
 * word or opens a clause, and where a closed compound splits into modifier
 * and head. The split asks a vocabulary which strings are words; the rest
 * is fixed lists, each sorted and looked up by binary search. Everything a
 * word table keeps about a form comes from here.
 */
#ifndef QCODE_DUTCH_H
#define QCODE_DUTCH_H

#include <stddef.h>

#include "util.h"

/* Snowball algorithm used; recorded with every coding run. */
#define DUTCH_ALGORITHM "dutch"

/* Longest folded form, in bytes, that is stemmed and split; longer forms
   are their own stem. */
#define DUTCH_MAX_ANALYSED 64

/* Shortest modifier and head of a closed compound, in bytes; a head or
   modifier of the _LEX size only when the lexicons use the word (the
   "wet" of Omgevingswet). */
#define DUTCH_MIN_MOD 4
#define DUTCH_MIN_LEX_MOD 3
#define DUTCH_MIN_HEAD 4
#define DUTCH_MIN_LEX_HEAD 3

/* A Snowball Dutch stemmer: one per thread (libstemmer keeps state). */
typedef struct dutch_stemmer dutch_stemmer;

/* NULL after reporting when libstemmer has no Dutch stemmer. */
dutch_stemmer *dutch_stemmer_new(void);
void dutch_stemmer_free(dutch_stemmer *ds);

/*
 * The stem of fold[0..len) (folded: lower case, no diacritics) into
 * buf[0..cap), NUL-terminated; returns its length. A plural or possessive
 * 's (auto's, collega's) stems as the bare word; forms longer than
 * DUTCH_MAX_ANALYSED and addresses (with @, / or :) are their own stem.
 */
size_t dutch_stem(dutch_stemmer *ds, const char *fold, size_t len, char *buf, size_t cap);

/* Snowball's Dutch stop list (snowballstem.org, algorithms/dutch/stop.txt). */
int dutch_is_stop(const char *fold, size_t len);
/* The i-th word of that list (NUL-terminated), or NULL past its end. */
const char *dutch_stop_word(size_t i);
/* Words that open a new clause, for the scope of negation: maar, want, omdat, ... */
int dutch_opens_clause(const char *fold, size_t len);
/* Particles and prefixes that make verbs, not compounds: never a modifier. */
int dutch_is_particle(const char *fold, size_t len);
/* Derivational suffixes a word list also holds as words: never a head. */
int dutch_is_suffix(const char *fold, size_t len);

/* What a compound split asks of a vocabulary. */
typedef struct dutch_words {
	/* whether w[0..n) is a word of the vocabulary */
	int (*known)(const void *ctx, const char *w, size_t n);
	/* whether it is a word the lexicons use (short heads and modifiers) */
	int (*lexicon)(const void *ctx, const char *w, size_t n);
	const void *ctx;
} dutch_words;

/*
 * Split a closed compound f[0..n): the longest head in the vocabulary whose
 * modifier (less a linking s or en) is in it too. Guards against what a
 * word list holds besides real words: heads and modifiers of at least the
 * minimum sizes above (shorter only when the lexicons use the word), no
 * suffix as a head, no particle as a modifier, no split inside a doubled
 * consonant (but a linking s: rijks|systemen). Returns the byte offset of
 * the head, or 0 for no split; *link gets the linking element's length.
 */
size_t dutch_split(const dutch_words *words, const char *f, size_t n, int *link);

/* The rules a split follows, as text (appended to out): what an image of
   kept splits is made with, so that other rules make it anew. */
void dutch_describe(strbuf *out);

#endif
