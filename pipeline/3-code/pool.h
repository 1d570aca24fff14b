/*
 * pool: N coding threads and the order of their output. Each thread has
 * its own word table (a clone sharing the vocabulary) and matcher; the
 * lexicon set is shared read-only. Work comes in blocks: each thread
 * takes the next block in turn, works on it with its own matcher while
 * the others do the same, and hands it in; blocks are put in the order
 * they were taken, so output keeps input order with bounded memory. What
 * a block holds, and where it comes from and goes, is the caller's
 * (coderun.h).
 */
#ifndef QCODE_POOL_H
#define QCODE_POOL_H

#include "match.h"

typedef struct pool pool;

/*
 * A pool of nthreads (>= 1) coders; the calling thread is one of them.
 * base is the word table the lexicons were loaded with. Returns NULL
 * after reporting an error.
 */
pool *pool_new(const lexicon_set *set, stemmer *base, int nthreads);
void pool_free(pool *p);

/* The number of threads, the calling one included. */
int pool_threads(const pool *p);

/* Blocks of work in input order: what pool_blocks() calls. */
typedef struct pool_work {
	void *ctx; /* passed to every callback */
	/* A block to fill; blocks are used again and again, and freed with
	   block_free() when the run ends. */
	void *(*block_new)(void *ctx);
	void (*block_free)(void *ctx, void *block);
	/* Fill the block with the next input, one thread at a time: 1, 0 at
	   the end, -1 after reporting an error. */
	int (*take)(void *ctx, void *block);
	/* Work on a block taken, on any thread, with its matcher: 0, or -1
	   after reporting an error -- the block is still put (what it holds
	   up to the error), and no block after it. */
	int (*work)(void *ctx, void *block, matcher *m);
	/* Put a block worked on, one thread at a time, in the order taken:
	   0, or -1 after reporting an error (no block after it is put). */
	int (*put)(void *ctx, void *block);
	int park;     /* blocks a thread may leave worked on before their
			 turn to be put, to go on with the next (0: a few) */
	int one_lock; /* take and put never at once (they share a database
			 connection) */
} pool_work;

/*
 * Run w on every thread until take() says the input has ended. On an
 * error -- taking, working, putting -- the blocks taken before it are put,
 * none after, and -1 is returned with the exit code of the thread that
 * failed (error_last_code()). Returns 0 when every block was put.
 */
int pool_blocks(pool *p, const pool_work *w);

#endif
