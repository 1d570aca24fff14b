/*
 * pool: threads that code batches of answers (see pool.h).
 */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct worker {
	struct pool *p;
	stemmer *st;   /* own word table (NULL for the calling thread: base) */
	matcher *m;    /* own matcher */
	pthread_t tid;
} worker;

struct pool {
	worker *w;             /* w[0] is the calling thread */
	int n;                 /* threads, including the caller */
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a batch is ready, or stop */
	pthread_cond_t done;   /* a worker finished its share */
	unsigned long gen;     /* batch generation */
	int busy;              /* workers still on the batch */
	int stop;
	code_job *jobs;        /* the batch */
	size_t njobs;
	atomic_size_t next;    /* next job to take */
	atomic_int failed;
	job_done_fn fn;
	void *ctx;
};

void code_job_init(code_job *j)
{
	memset(j, 0, sizeof(*j));
	sb_init(&j->id);
	sb_init(&j->text);
	sb_init(&j->out);
	match_result_init(&j->res);
}

void code_job_release(code_job *j)
{
	sb_release(&j->id);
	sb_release(&j->text);
	sb_release(&j->out);
	match_result_release(&j->res);
}

/* Jobs a thread takes at a time: neighbours share cache lines, and the
   counter is touched once per run of jobs, not once per job. */
#define JOB_RUN 16

static void work_batch(pool *p, worker *w)
{
	size_t i;
	while ((i = atomic_fetch_add(&p->next, JOB_RUN)) < p->njobs) {
		size_t end = i + JOB_RUN < p->njobs ? i + JOB_RUN : p->njobs;
		for (; i < end; i++) {
			code_job *j = &p->jobs[i];
			j->failed = matcher_code(w->m, j->text.buf, j->text.len, &j->res) != 0;
			if (j->failed)
				atomic_store(&p->failed, 1);
			else if (p->fn)
				p->fn(p->ctx, j);
		}
	}
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
		work_batch(p, w);
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

void pool_start(pool *p, code_job *jobs, size_t n, job_done_fn fn, void *ctx)
{
	p->jobs = jobs;
	p->njobs = n;
	p->fn = fn;
	p->ctx = ctx;
	atomic_store(&p->next, 0);
	atomic_store(&p->failed, 0);
	if (p->n > 1 && n > 1) {
		pthread_mutex_lock(&p->mu);
		p->busy = p->n - 1;
		p->gen++;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
	}
}

int pool_finish(pool *p)
{
	work_batch(p, &p->w[0]);
	pthread_mutex_lock(&p->mu);
	while (p->busy > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return atomic_load(&p->failed) ? -1 : 0;
}

int pool_run(pool *p, code_job *jobs, size_t n, job_done_fn fn, void *ctx)
{
	pool_start(p, jobs, n, fn, ctx);
	return pool_finish(p);
}
