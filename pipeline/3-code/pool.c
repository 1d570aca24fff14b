/*
 * pool: coding threads, and blocks of work put in input order (see pool.h).
 */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "stem.h"

/* New forms the threads analyse once for all (a few MB at most); the
   common ones come early, and a million answers hold some 60,000. */
#define SHARED_FORMS (1u << 17)
/* Blocks each thread may have parked by default: enough to ride out
   another thread's slow block, few enough to keep memory small. */
#define PARK_PER_THREAD 4

typedef struct worker {
	struct pool *p;
	stemmer *st;   /* own word table (NULL for the calling thread: base) */
	matcher *m;    /* own matcher */
	pthread_t tid;
} worker;

/* A block worked on before its turn to be put: parked, so that the
   thread that worked on it goes on with the next one instead of waiting. */
typedef struct parked {
	void *block;       /* the block, or NULL: the slot is free */
	unsigned long seq; /* its number */
	int code;          /* the exit code it failed with, 0 for none */
	int taken;         /* it holds input to put (a failed take holds none) */
} parked;

/* A run of pool_blocks(). */
typedef struct blocks_run {
	const pool_work *w;
	pthread_mutex_t in_mu;   /* taking: one thread at a time */
	pthread_mutex_t out_mu;  /* putting, in order (one_lock: in_mu) */
	pthread_mutex_t *in, *out;
	pthread_cond_t turn;     /* a block was put */
	unsigned long next_seq;  /* number of the next block taken (under in) */
	atomic_int ended;        /* nothing more is taken */
	/* under out */
	unsigned long write_seq; /* number of the block to put next */
	parked *park;            /* blocks waiting for their turn */
	size_t npark;
	void **all;              /* every block made ... */
	size_t nall, maxall;     /* ... how many, and how many at most */
	void **spare;            /* blocks no thread holds */
	size_t nspare;
	int failed;              /* nothing more is put */
	int code;                /* the exit code of the first failure in input order */
} blocks_run;

struct pool {
	worker *w;             /* w[0] is the calling thread */
	int n;                 /* threads, including the caller */
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a run is ready, or stop */
	pthread_cond_t done;   /* a worker finished its share */
	unsigned long gen;     /* run generation */
	int busy;              /* workers still on the run */
	int stop;
	blocks_run *run;       /* the run under way */
};

/* A block for a thread (under out): a spare one, or a new one. */
static void *get_block(blocks_run *r)
{
	if (r->nspare)
		return r->spare[--r->nspare];
	void *b = r->w->block_new(r->w->ctx);
	r->all[r->nall++] = b;
	return b;
}

/* Put one block in its turn (under out); after a failure, none. */
static void put_one(blocks_run *r, void *block, int code, int taken)
{
	if (!r->failed && taken && r->w->put(r->w->ctx, block)) {
		r->failed = 1;
		r->code = error_last_code();
	}
	if (!r->failed && code) {
		r->failed = 1;
		r->code = code;
	}
	if (r->failed)
		atomic_store(&r->ended, 1);
	r->write_seq++;
}

/*
 * Hand in block *b, number seq (under out): put now if its turn has come,
 * with every parked block that follows it, and kept by the thread; else
 * parked, and the thread given another. Waits only when all parking is
 * taken.
 */
static void hand_in(blocks_run *r, unsigned long seq, void **b, int code, int taken)
{
	for (;;) {
		if (r->write_seq == seq) {
			put_one(r, *b, code, taken);
			for (size_t k = 0; k < r->npark;) {
				parked *q = &r->park[k];
				if (!q->block || q->seq != r->write_seq) {
					k++;
					continue;
				}
				put_one(r, q->block, q->code, q->taken);
				r->spare[r->nspare++] = q->block;
				q->block = NULL;
				k = 0; /* the next one may be anywhere */
			}
			pthread_cond_broadcast(&r->turn);
			return;
		}
		for (size_t k = 0; k < r->npark; k++) {
			parked *q = &r->park[k];
			if (q->block)
				continue;
			*q = (parked){ *b, seq, code, taken };
			*b = get_block(r);
			return;
		}
		pthread_cond_wait(&r->turn, r->out);
	}
}

/* One thread of pool_blocks(): take, work, hand in, until the input ends. */
static void work_blocks(blocks_run *r, worker *wk)
{
	const pool_work *w = r->w;
	pthread_mutex_lock(r->out);
	void *b = get_block(r);
	pthread_mutex_unlock(r->out);
	for (;;) {
		int got = 0;
		unsigned long seq = 0;
		pthread_mutex_lock(r->in);
		if (!atomic_load(&r->ended)) {
			got = w->take(w->ctx, b);
			if (got)
				seq = r->next_seq++;
			if (got <= 0)
				atomic_store(&r->ended, 1);
		}
		pthread_mutex_unlock(r->in);
		if (!got)
			break;
		int code = 0;
		if (got < 0 || w->work(w->ctx, b, wk->m)) {
			code = error_last_code();
			if (!code)
				code = EXIT_INPUT;
			atomic_store(&r->ended, 1); /* no more is taken */
		}
		pthread_mutex_lock(r->out);
		hand_in(r, seq, &b, code, got > 0);
		pthread_mutex_unlock(r->out);
	}
	pthread_mutex_lock(r->out);
	r->spare[r->nspare++] = b;
	pthread_mutex_unlock(r->out);
}

static void *thread_main(void *arg)
{
	worker *w = arg;
	pool *p = w->p;
	unsigned long seen = 0;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->gen == seen)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		work_blocks(p->run, w);
		pthread_mutex_lock(&p->mu);
		if (--p->busy == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

pool *pool_new(const lexicon_set *set, stemmer *base, int nthreads)
{
	pool *p = xcalloc(1, sizeof(*p));
	p->n = nthreads < 1 ? 1 : nthreads;
	p->w = xcalloc((size_t)p->n, sizeof(*p->w));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	p->w[0].p = p;
	p->w[0].m = matcher_new(set, base);
	if (p->n > 1)
		stem_share(base, SHARED_FORMS);
	for (int i = 1; i < p->n; i++) {
		worker *w = &p->w[i];
		w->p = p;
		w->st = stem_clone(base);
		if (!w->st) {
			p->n = i;
			pool_free(p);
			return NULL;
		}
		w->m = matcher_new(set, w->st);
		if (pthread_create(&w->tid, NULL, thread_main, w) != 0) {
			error("cannot start a coding thread");
			matcher_free(w->m);
			stem_free(w->st);
			p->n = i;
			pool_free(p);
			return NULL;
		}
	}
	return p;
}

void pool_free(pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 1; i < p->n; i++) {
		pthread_join(p->w[i].tid, NULL);
		matcher_free(p->w[i].m);
		stem_free(p->w[i].st);
	}
	matcher_free(p->w[0].m);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	free(p->w);
	free(p);
}

int pool_threads(const pool *p) { return p->n; }

int pool_blocks(pool *p, const pool_work *w)
{
	blocks_run r;
	memset(&r, 0, sizeof(r));
	r.w = w;
	pthread_mutex_init(&r.in_mu, NULL);
	pthread_mutex_init(&r.out_mu, NULL);
	pthread_cond_init(&r.turn, NULL);
	r.in = &r.in_mu;
	r.out = w->one_lock ? &r.in_mu : &r.out_mu;
	atomic_store(&r.ended, 0);
	r.npark = p->n > 1 ? (size_t)p->n * (size_t)(w->park > 0 ? w->park : PARK_PER_THREAD) : 0;
	r.park = r.npark ? xcalloc(r.npark, sizeof(*r.park)) : NULL;
	r.maxall = (size_t)p->n + r.npark;
	r.all = xcalloc(r.maxall, sizeof(*r.all));
	r.spare = xcalloc(r.maxall, sizeof(*r.spare));

	p->run = &r;
	if (p->n > 1) {
		pthread_mutex_lock(&p->mu);
		p->busy = p->n - 1;
		p->gen++;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
	}
	work_blocks(&r, &p->w[0]);
	pthread_mutex_lock(&p->mu);
	while (p->busy > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
	p->run = NULL;

	for (size_t k = 0; k < r.nall; k++)
		w->block_free(w->ctx, r.all[k]);
	free(r.all);
	free(r.spare);
	free(r.park);
	pthread_mutex_destroy(&r.in_mu);
	pthread_mutex_destroy(&r.out_mu);
	pthread_cond_destroy(&r.turn);
	if (r.failed)
		error_set_code(r.code);
	return r.failed ? -1 : 0;
}
