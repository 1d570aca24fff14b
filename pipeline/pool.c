/*
 * pool: threads that code batches of answers (see pool.h).
 */
#include "pool.h"
#include "utf8.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes of whole lines a thread takes at a time from a stream. */
#define LINES_BLOCK (128u << 10)
/* New forms the threads analyse once for all (a few MB at most); the
   common ones come early, and a million answers hold some 60,000. */
#define SHARED_FORMS (1u << 17)

typedef struct worker {
	struct pool *p;
	stemmer *st;   /* own word table (NULL for the calling thread: base) */
	matcher *m;    /* own matcher */
	pthread_t tid;
} worker;

/*
 * A coded block whose turn to be written has not come: parked, so the
 * thread that coded it goes on with the next one instead of waiting.
 */
typedef struct parked {
	unsigned long seq; /* the block's number */
	strbuf out;        /* its output */
	int bad;           /* it stopped at a bad line */
	int drained;       /* the input had nothing more after it, for now */
	int used;
} parked;

/* Blocks each thread may have parked: enough to ride out another thread's
   slow block, few enough to keep memory small. */
#define PARK_PER_THREAD 4

/* A stream of lines being coded by pool_lines(). */
typedef struct lines_run {
	pthread_mutex_t in_mu;  /* reading: the next block goes to one thread */
	int fd;
	const char *name;
	strbuf carry;           /* bytes read after the last whole line */
	int eof;
	long lines;             /* lines handed out */
	unsigned long next_seq; /* number of the next block handed out */
	pthread_mutex_t out_mu; /* writing: blocks in order */
	pthread_cond_t turn;     /* a parked block was written */
	unsigned long write_seq; /* number of the block to write next */
	parked *park;            /* coded blocks waiting for their turn */
	size_t npark;
	atomic_int failed;       /* stop: nothing more is read or written */
	atomic_int code;         /* the exit code of the first failure, 0 for none */
	FILE *out;
	int flush;
	job_line_fn line;
	job_done_fn done;
	void *ctx;
} lines_run;

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
	lines_run *lr;         /* set while pool_lines() runs */
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

/* Record a failure: the failing thread's exit code, the first one kept. */
static void fail(atomic_int *failed, int code)
{
	int none = 0;
	atomic_compare_exchange_strong(failed, &none, code ? code : EXIT_INPUT);
}

static void work_batch(pool *p, worker *w)
{
	size_t i;
	while ((i = atomic_fetch_add(&p->next, JOB_RUN)) < p->njobs) {
		size_t end = i + JOB_RUN < p->njobs ? i + JOB_RUN : p->njobs;
		for (; i < end; i++) {
			code_job *j = &p->jobs[i];
			j->failed = matcher_code(w->m, j->text.buf, j->text.len, &j->res) != 0;
			if (j->failed)
				fail(&p->failed, error_last_code());
			else if (p->fn)
				p->fn(p->ctx, j);
		}
	}
}

/*
 * Take the next block of whole lines into buf (under in_mu): the carry
 * from the last block, then reads until there is a block's worth or the
 * input has nothing more right now. Returns the bytes of whole lines in
 * buf (0 at the end), or -1 after a read error.
 */
static long take_block(lines_run *lr, strbuf *buf, long *first_line, unsigned long *seq,
		       int *drained)
{
	*drained = 0;
	sb_reset(buf);
	sb_add(buf, lr->carry.buf, lr->carry.len);
	sb_reset(&lr->carry);
	const char *nl = buf->len ? memrchr(buf->buf, '\n', buf->len) : NULL;
	size_t whole = nl ? (size_t)(nl - buf->buf) + 1 : 0;
	while (!lr->eof && whole < LINES_BLOCK) {
		sb_grow(buf, LINES_BLOCK);
		size_t room = buf->alloc - buf->len - 1;
		ssize_t got = read(lr->fd, buf->buf + buf->len, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error_set_code(EXIT_IO);
			error("cannot read '%s': %s", lr->name, strerror(errno));
			lr->eof = 1;
			return -1;
		}
		if (got == 0) {
			lr->eof = 1;
			break;
		}
		nl = memrchr(buf->buf + buf->len, '\n', (size_t)got);
		buf->len += (size_t)got;
		buf->buf[buf->len] = '\0';
		if (nl)
			whole = (size_t)(nl - buf->buf) + 1;
		if (whole && (size_t)got < room) {
			*drained = 1; /* code what there is rather than wait for more */
			break;
		}
	}
	if (lr->eof)
		whole = buf->len;
	sb_add(&lr->carry, buf->buf + whole, buf->len - whole);
	buf->len = whole;
	*first_line = lr->lines + 1;
	for (const char *q = buf->buf, *end = buf->buf + whole; q < end; lr->lines++) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		q = e ? e + 1 : end;
	}
	*seq = lr->next_seq;
	if (whole)
		lr->next_seq++;
	return (long)whole;
}

/* Write the next block in order (under out_mu); after an error, none. */
static void write_block(lines_run *lr, const strbuf *out, int bad, int drained)
{
	if (!atomic_load(&lr->failed)) {
		fwrite(out->buf, 1, out->len, lr->out);
		if (lr->flush || drained)
			fflush(lr->out);
		if (bad || ferror(lr->out))
			atomic_store(&lr->failed, 1);
	}
	lr->write_seq++;
}

/*
 * Hand in a coded block (under out_mu): written now if its turn has come,
 * with every parked block that follows it; else parked, taking over its
 * buffer (out gets an empty one). Waits only when all parking is taken.
 */
static void hand_in(lines_run *lr, unsigned long seq, strbuf *out, int bad, int drained)
{
	for (;;) {
		if (lr->write_seq == seq) {
			write_block(lr, out, bad, drained);
			for (size_t k = 0; k < lr->npark;) {
				parked *b = &lr->park[k];
				if (!b->used || b->seq != lr->write_seq) {
					k++;
					continue;
				}
				write_block(lr, &b->out, b->bad, b->drained);
				b->used = 0;
				k = 0; /* the next one may be anywhere */
			}
			pthread_cond_broadcast(&lr->turn);
			return;
		}
		for (size_t k = 0; k < lr->npark; k++) {
			parked *b = &lr->park[k];
			if (b->used)
				continue;
			strbuf t = b->out;
			b->out = *out;
			*out = t;
			sb_reset(out);
			b->seq = seq;
			b->bad = bad;
			b->drained = drained;
			b->used = 1;
			return;
		}
		pthread_cond_wait(&lr->turn, &lr->out_mu);
	}
}

/* One coding thread of pool_lines(): take, code, hand in for writing. */
static void work_lines(lines_run *lr, worker *w)
{
	strbuf buf, out;
	code_job j;
	sb_init(&buf);
	sb_init(&out);
	code_job_init(&j);
	for (;;) {
		long first, whole = 0;
		unsigned long seq = 0;
		int drained = 0;
		pthread_mutex_lock(&lr->in_mu);
		if (!atomic_load(&lr->failed))
			whole = take_block(lr, &buf, &first, &seq, &drained);
		pthread_mutex_unlock(&lr->in_mu);
		if (whole < 0) {
			fail(&lr->code, error_last_code());
			atomic_store(&lr->failed, 1);
		}
		if (whole <= 0)
			break;

		int bad = 0;
		long lineno = first;
		sb_reset(&out);
		for (const char *q = buf.buf, *end = buf.buf + whole; q < end && !bad; lineno++) {
			const char *e = memchr(q, '\n', (size_t)(end - q));
			const char *s = q;
			size_t n = (size_t)((e ? e : end) - q);
			q = e ? e + 1 : end;
			if (lineno == 1) {
				size_t bom = utf8_bom_len(s, n);
				s += bom;
				n -= bom;
			}
			while (n && (s[n - 1] == '\r' || s[n - 1] == '\n'))
				n--;
			if (lr->line(lr->ctx, &j, s, n, lineno) ||
			    matcher_code(w->m, j.text.buf, j.text.len, &j.res)) {
				/* the blocks before it are still written: failed is
				   set when this block's turn comes */
				fail(&lr->code, error_last_code());
				bad = 1;
				break;
			}
			if (lr->done)
				lr->done(lr->ctx, &j);
			sb_add(&out, j.out.buf, j.out.len);
		}

		pthread_mutex_lock(&lr->out_mu);
		hand_in(lr, seq, &out, bad, drained);
		pthread_mutex_unlock(&lr->out_mu);
	}
	code_job_release(&j);
	sb_release(&out);
	sb_release(&buf);
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
		if (p->lr)
			work_lines(p->lr, w);
		else
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
	int failed = atomic_load(&p->failed);
	if (failed)
		error_set_code(failed);
	return failed ? -1 : 0;
}

int pool_run(pool *p, code_job *jobs, size_t n, job_done_fn fn, void *ctx)
{
	pool_start(p, jobs, n, fn, ctx);
	return pool_finish(p);
}

int pool_lines(pool *p, int fd, const char *name, FILE *out, int flush, job_line_fn line,
	       job_done_fn done, void *ctx)
{
	lines_run lr;
	memset(&lr, 0, sizeof(lr));
	pthread_mutex_init(&lr.in_mu, NULL);
	pthread_mutex_init(&lr.out_mu, NULL);
	pthread_cond_init(&lr.turn, NULL);
	sb_init(&lr.carry);
	lr.fd = fd;
	lr.name = name;
	lr.out = out;
	lr.flush = flush;
	lr.line = line;
	lr.done = done;
	lr.ctx = ctx;
	atomic_store(&lr.failed, 0);
	atomic_store(&lr.code, 0);
	lr.npark = p->n > 1 ? (size_t)p->n * PARK_PER_THREAD : 0;
	lr.park = lr.npark ? xcalloc(lr.npark, sizeof(*lr.park)) : NULL;
	for (size_t k = 0; k < lr.npark; k++)
		sb_init(&lr.park[k].out);

	p->lr = &lr;
	if (p->n > 1) {
		pthread_mutex_lock(&p->mu);
		p->busy = p->n - 1;
		p->gen++;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
	}
	work_lines(&lr, &p->w[0]);
	pthread_mutex_lock(&p->mu);
	while (p->busy > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
	p->lr = NULL;

	int failed = atomic_load(&lr.failed);
	sb_release(&lr.carry);
	for (size_t k = 0; k < lr.npark; k++)
		sb_release(&lr.park[k].out);
	free(lr.park);
	pthread_mutex_destroy(&lr.in_mu);
	pthread_mutex_destroy(&lr.out_mu);
	pthread_cond_destroy(&lr.turn);
	if (failed)
		error_set_code(atomic_load(&lr.code) ? atomic_load(&lr.code) : EXIT_IO);
	return failed ? -1 : 0;
}
