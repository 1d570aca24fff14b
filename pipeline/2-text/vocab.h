/*
 * vocab: the compounding vocabulary -- the folded words a compound may be
 * split into: Debian's Dutch word list (/usr/share/dict/dutch, wdutch) when
 * present, plus every word the lexicons' rules use. Each word of the list
 * keeps its Snowball stem and compound split, made once into an image in
 * the cache directory ($QCODE_CACHE, else $XDG_CACHE_HOME/qcode, else
 * ~/.cache/qcode; empty: none) that later starts map once they have checked
 * it: its size against its header and a checksum over its contents, in full
 * when it changed since its last check (a stamp of its inode, size and
 * ctime); a damaged image is said so once and made anew. An image is written
 * to a temporary file, synced and renamed into place; the temporary files of
 * writers that died are removed.
 */
#ifndef QCODE_VOCAB_H
#define QCODE_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "dutch.h"

/* A kept split (vocab_lookup): the head's byte offset, 0 for none, and the
   linking element's length above it. */
#define VOCAB_SPLIT_AT 0x3Fu
#define VOCAB_SPLIT_LINK_SHIFT 6

typedef struct vocab vocab;

vocab *vocab_new(void);
void vocab_free(vocab *v);

/*
 * Add the word list at path (one word a line; a missing or unreadable file
 * adds nothing): from its image when there is a sound one, else read, with
 * each word's stem (ds) and split kept, and imaged.
 */
void vocab_load(vocab *v, const char *path, dutch_stemmer *ds);

/* Add a word the lexicons use (folded); call before any look-up of a form. */
void vocab_add_lexicon_word(vocab *v, const char *fold, size_t len);

int vocab_has(const vocab *v, const char *fold, size_t len);
size_t vocab_count(const vocab *v);

/*
 * Whether fold[0..len) (hash_bytes() h) is a word of the vocabulary; if it
 * is a word of the list, *stem and *stem_len get the stem kept for it (else
 * *stem is NULL) and *split the kept split (else -1). Borrowed: valid while
 * v lives.
 */
int vocab_lookup(const vocab *v, const char *fold, size_t len, uint64_t h, const char **stem,
		 size_t *stem_len, int *split);

/* Whether a lexicon word may start or end fold (n >= 3): then a kept split may not hold. */
int vocab_lexicon_touches(const vocab *v, const char *fold, size_t len);

/* The vocabulary as dutch_split() asks it (v borrowed). */
dutch_words vocab_words(const vocab *v);

/*
 * Make the checksum of the image at path match its contents again, after
 * they were changed on purpose (tests that prove an image is what a start
 * reads). Returns 0, or -1 when path is no image.
 */
int vocab_image_reseal(const char *path);

#endif
