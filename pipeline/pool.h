/*
 * pool: codes batches of answers on N threads. Each thread has its own
 * word table (a clone sharing the vocabulary) and matcher; the lexicon set
 * is shared read-only. A batch is coded in parallel and handed back whole,
 * so callers write results in input order with bounded memory.
 */
#ifndef QCODE_POOL_H
#define QCODE_POOL_H

#include <stdio.h>

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

/* Fill a job from one input line (on a coding thread): set its id and
   text. Returns 0, or -1 after reporting an error naming the line. */
typedef int (*job_line_fn)(void *ctx, code_job *job, const char *line, size_t len, long lineno);

/*
 * Code a stream of lines read from fd on all threads, each taking the
 * next block of whole lines, so that no thread waits on another's reading
 * or writing. Lines are numbered from 1; their ends (LF, CRLF) and a BOM
 * before the first are not passed on. What done() formats into each
 * job's out is written to `out` in input order, block by block (a block
 * coded before its turn is parked, a few per thread, so its thread goes on), and
 * flushed after each block when `flush` is set (a terminal, a pipe) or
 * when the input had nothing more for now, so each answer is written
 * before the next is waited for. On an error -- reading, a bad line, coding -- the
 * lines before it are written, none after, and -1 is returned.
 */
int pool_lines(pool *p, int fd, const char *name, FILE *out, int flush, job_line_fn line,
	       job_done_fn done, void *ctx);

#endif
