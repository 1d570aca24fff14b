/*
 * pool: codes batches of answers on N threads. Each thread has its own
 * word table (a clone sharing the vocabulary) and matcher; the lexicon set
 * is shared read-only. A batch is coded in parallel and handed back whole,
 * so callers write results in input order with bounded memory.
 */
#ifndef QCODE_POOL_H
#define QCODE_POOL_H

#include "match.h"
#include "util.h"

/* One answer to code, and what became of it. */
typedef struct code_job {
	strbuf id;        /* answer id (text) */
	strbuf text;      /* answer text, valid UTF-8 */
	long row;         /* input row or line, for messages */
	long long key;    /* caller's key (database id) */
	match_result res; /* the coding */
	strbuf out;       /* formatted by the job callback */
	int failed;       /* 1 if coding reported an error */
} code_job;

void code_job_init(code_job *j);
void code_job_release(code_job *j);

/* Called on a worker thread after a job was coded (e.g. to format it). */
typedef void (*job_done_fn)(void *ctx, code_job *job);

typedef struct pool pool;

/*
 * A pool of nthreads (>= 1) coders; the calling thread is one of them.
 * base is the word table the lexicons were loaded with. Returns NULL
 * after reporting an error.
 */
pool *pool_new(const lexicon_set *set, stemmer *base, int nthreads);
void pool_free(pool *p);

/* Code jobs[0..n) in parallel; returns -1 if any job failed. */
int pool_run(pool *p, code_job *jobs, size_t n, job_done_fn done, void *ctx);

/*
 * The same in two halves, so the caller can read the next batch and write
 * the last one while the other threads code: pool_start() hands the batch
 * to the other threads and returns at once; pool_finish() codes what is
 * left on the calling thread and waits for the rest. jobs must stay
 * untouched in between.
 */
void pool_start(pool *p, code_job *jobs, size_t n, job_done_fn done, void *ctx);
int pool_finish(pool *p);

#endif
