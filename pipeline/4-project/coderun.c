/*
 * coderun: sources of answers, sinks of codes, and the driver between
 * them on the pool's threads (see coderun.h).
 */
#include "coderun.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "runstore.h"
#include "stem.h"
#include "utf8.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

/* Bytes of whole lines a thread takes at a time from a stream. */
#define LINES_BLOCK (128u << 10)
/* Records a thread takes at a time from a reader. */
#define READER_BLOCK 512
/* Answers a thread takes at a time from a project: read in one short
   read transaction, stored in one short write transaction. */
#define PROJECT_BLOCK 2048

/* What a thread takes, codes and hands in: a block of answers. */
typedef struct code_block {
	/* as the source took it */
	strbuf raw;        /* lines: the bytes of whole lines */
	size_t pos;        /* lines: where the next line starts in raw */
	long line;         /* lines: the number of the next line */
	code_job *jobs;    /* the answers (lines: one, used again, unless kept) */
	size_t n;          /* answers taken (records, a project's) */
	size_t cap;        /* jobs allocated */
	size_t next;       /* the next answer to code */
	long long mark;    /* a project's: the latest import before it was read */
	int drained;       /* the input had nothing more after it, for now */
	int keep;          /* the sink takes the coded jobs, not only output */
	/* as it was coded */
	size_t done;       /* answers coded */
	strbuf out;        /* the stream sink's lines */
	strbuf clean;      /* an answer made UTF-8 (lenient) */
} code_block;

struct code_source {
	/* Fill b with the next input (one thread at a time): 1, 0 at the
	   end, -1 after reporting. */
	int (*take)(code_source *s, code_block *b);
	/* The next answer of b, made ready on the coding thread: 1 and *j,
	   0 past the last, -1 after reporting. */
	int (*next)(code_source *s, code_block *b, code_job **j);
	void (*free)(code_source *s);
	int park;   /* blocks a thread may park (pool_work) */
	db *d;      /* the database read, or NULL */
	long total; /* answers, or -1 when unknown */
};

struct code_sink {
	int keep; /* a block's jobs stay until it is put */
	/* After j of b was coded, on the coding thread. */
	void (*done)(code_sink *k, code_block *b, code_job *j);
	/* Put b, in input order: 0, or -1 after reporting. */
	int (*put)(code_sink *k, code_block *b);
	void (*free)(code_sink *k);
	db *d;    /* the database written, or NULL */
};

void code_job_init(code_job *j)
{
	memset(j, 0, sizeof(*j));
	sb_init(&j->id);
	sb_init(&j->text);
	match_result_init(&j->res);
}

void code_job_release(code_job *j)
{
	sb_release(&j->id);
	sb_release(&j->text);
	match_result_release(&j->res);
}

/* Make room in b for job k. */
static void jobs_grow(code_block *b, size_t k)
{
	size_t cap = b->cap ? b->cap * 2 : 16;
	while (cap <= k)
		cap *= 2;
	b->jobs = xrealloc(b->jobs, cap * sizeof(*b->jobs));
	for (size_t i = b->cap; i < cap; i++)
		code_job_init(&b->jobs[i]);
	b->cap = cap;
}

/* Job k of b, made when b has none there yet. */
static inline code_job *job_slot(code_block *b, size_t k)
{
	if (k >= b->cap)
		jobs_grow(b, k);
	return &b->jobs[k];
}

/* ---- the driver ---- */

typedef struct run_ctx {
	code_source *src;
	code_sink *sink;
} run_ctx;

static void *block_new(void *ctx)
{
	run_ctx *c = ctx;
	code_block *b = xcalloc(1, sizeof(*b));
	sb_init(&b->raw);
	sb_init(&b->out);
	sb_init(&b->clean);
	b->keep = c->sink->keep;
	return b;
}

static void block_free(void *ctx, void *blk)
{
	code_block *b = blk;
	(void)ctx;
	for (size_t i = 0; i < b->cap; i++)
		code_job_release(&b->jobs[i]);
	free(b->jobs);
	sb_release(&b->raw);
	sb_release(&b->out);
	sb_release(&b->clean);
	free(b);
}

static int run_take(void *ctx, void *blk)
{
	run_ctx *c = ctx;
	code_block *b = blk;
	b->pos = 0;
	b->n = b->next = b->done = 0;
	b->drained = 0;
	sb_reset(&b->out);
	return c->src->take(c->src, b);
}

static int run_work(void *ctx, void *blk, matcher *m)
{
	run_ctx *c = ctx;
	code_block *b = blk;
	code_job *j;
	int got;
	while ((got = c->src->next(c->src, b, &j)) > 0) {
		if (matcher_code(m, j->text.buf, j->text.len, &j->res))
			return -1;
		c->sink->done(c->sink, b, j);
		b->done++;
	}
	return got;
}

static int run_put(void *ctx, void *blk)
{
	run_ctx *c = ctx;
	return c->sink->put(c->sink, blk);
}

int code_run(pool *p, code_source *src, code_sink *sink)
{
	run_ctx c = { src, sink };
	pool_work w = { &c, block_new, block_free, run_take, run_work, run_put, src->park,
			src->d && src->d == sink->d };
	return pool_blocks(p, &w);
}

void code_source_free(code_source *src)
{
	if (src)
		src->free(src);
}

long code_source_total(const code_source *src) { return src->total; }

void code_sink_free(code_sink *sink)
{
	if (sink)
		sink->free(sink);
}

/* ---- source: lines, read in blocks by every thread ---- */

typedef struct lines_source {
	code_source s;
	int fd;
	char *name;
	char *id_prefix;     /* or NULL */
	const read_policy *policy;
	strbuf carry;        /* bytes read after the last whole line */
	int eof;
	long lines;          /* lines handed out */
} lines_source;

/*
 * Take the next block of whole lines into b->raw: the carry from the last
 * block, then reads until there is a block's worth or the input has
 * nothing more right now (b->drained). Returns 1, 0 at the end, or -1
 * after a read error.
 */
static int lines_take(code_source *s, code_block *b)
{
	lines_source *ls = (lines_source *)s;
	strbuf *buf = &b->raw;
	sb_reset(buf);
	sb_add(buf, ls->carry.buf, ls->carry.len);
	sb_reset(&ls->carry);
	const char *nl = buf->len ? memrchr(buf->buf, '\n', buf->len) : NULL;
	size_t whole = nl ? (size_t)(nl - buf->buf) + 1 : 0;
	while (!ls->eof && whole < LINES_BLOCK) {
		sb_grow(buf, LINES_BLOCK);
		size_t room = buf->alloc - buf->len - 1;
		ssize_t got = read(ls->fd, buf->buf + buf->len, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error_set_code(EXIT_IO);
			error("cannot read '%s': %s", ls->name, strerror(errno));
			ls->eof = 1;
			return -1;
		}
		if (got == 0) {
			ls->eof = 1;
			break;
		}
		nl = memrchr(buf->buf + buf->len, '\n', (size_t)got);
		buf->len += (size_t)got;
		buf->buf[buf->len] = '\0';
		if (nl)
			whole = (size_t)(nl - buf->buf) + 1;
		if (whole && (size_t)got < room) {
			b->drained = 1; /* code what there is rather than wait for more */
			break;
		}
	}
	if (ls->eof)
		whole = buf->len;
	sb_add(&ls->carry, buf->buf + whole, buf->len - whole);
	buf->len = whole;
	b->line = ls->lines + 1;
	for (const char *q = buf->buf, *end = buf->buf + whole; q < end; ls->lines++) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		q = e ? e + 1 : end;
	}
	return whole > 0;
}

static int lines_next(code_source *s, code_block *b, code_job **out)
{
	lines_source *ls = (lines_source *)s;
	if (b->pos >= b->raw.len)
		return 0;
	const char *q = b->raw.buf + b->pos, *end = b->raw.buf + b->raw.len;
	const char *e = memchr(q, '\n', (size_t)(end - q));
	const char *t = q;
	size_t n = (size_t)((e ? e : end) - q);
	b->pos = e ? (size_t)(e + 1 - b->raw.buf) : b->raw.len;
	long lineno = b->line++;
	if (lineno == 1) {
		size_t bom = utf8_bom_len(t, n);
		t += bom;
		n -= bom;
	}
	while (n && (t[n - 1] == '\r' || t[n - 1] == '\n'))
		n--;
	code_job *j = job_slot(b, b->keep ? b->done : 0);
	j->row = lineno;
	sb_reset(&j->id);
	if (ls->id_prefix)
		sb_adds(&j->id, ls->id_prefix);
	sb_add_uint(&j->id, (unsigned long long)lineno);
	read_at at = { ls->name, lineno, NULL, 0, NULL, READ_ANSWER };
	const char *text;
	size_t len;
	if (read_check(ls->policy, &at, t, n, &b->clean, &text, &len))
		return -1;
	sb_reset(&j->text);
	sb_add(&j->text, text, len);
	*out = j;
	return 1;
}

static void lines_free(code_source *s)
{
	lines_source *ls = (lines_source *)s;
	sb_release(&ls->carry);
	free(ls->name);
	free(ls->id_prefix);
	free(ls);
}

code_source *code_source_lines(int fd, const char *name, const char *id_prefix,
			       const read_policy *policy)
{
	lines_source *ls = xcalloc(1, sizeof(*ls));
	ls->s = (code_source){ lines_take, lines_next, lines_free, 0, NULL, -1 };
	ls->fd = fd;
	ls->name = xstrdup(name);
	ls->id_prefix = id_prefix ? xstrdup(id_prefix) : NULL;
	ls->policy = policy;
	sb_init(&ls->carry);
	return &ls->s;
}

/* ---- sources whose blocks are taken whole: records, a project's answers ---- */

static int taken_next(code_source *s, code_block *b, code_job **out)
{
	(void)s;
	if (b->next >= b->n)
		return 0;
	*out = &b->jobs[b->next++];
	return 1;
}

/* ---- source: the records of a reader ---- */

typedef struct reader_source {
	code_source s;
	reader *r;
	char *name;
	char *id_prefix;      /* or NULL */
	const read_policy *policy;
	int text_col, id_col; /* id_col -1: numbered */
	char *text_name;      /* the columns' names in messages, or NULL */
	char *id_name;
	long count;           /* records taken */
	int failed;           /* the exit code of an error after a block's
				 first records, given by the next take */
} reader_source;

/* Fill j from the reader's record: 0, or -1 after reporting. */
static int record_job(reader_source *rs, code_block *b, code_job *j)
{
	reader *r = rs->r;
	if (reader_require(r, rs->text_col))
		return -1;
	size_t len, idlen = 0;
	const char *s = reader_get(r, rs->text_col, &len);
	const char *id = rs->id_col >= 0 ? reader_get(r, rs->id_col, &idlen) : NULL;
	const char *text;
	j->row = reader_row(r);
	sb_reset(&j->id);
	if (id) { /* as the input gives it */
		read_at at = { rs->name, j->row, r, rs->id_col, rs->id_name, READ_ID };
		if (read_check(rs->policy, &at, id, idlen, &b->clean, &text, &idlen))
			return -1;
		sb_add(&j->id, text, idlen);
	} else {
		if (rs->id_prefix)
			sb_adds(&j->id, rs->id_prefix);
		sb_add_uint(&j->id, (unsigned long long)rs->count);
	}
	read_at at = { rs->name, j->row, r, rs->text_col, rs->text_name, READ_ANSWER };
	if (read_check(rs->policy, &at, s ? s : "", s ? len : 0, &b->clean, &text, &len))
		return -1;
	sb_reset(&j->text);
	sb_add(&j->text, text, len);
	return 0;
}

/* Records until the block is full or the next would wait for input; an
   error after the first gives them first, and -1 at the next take. */
static int reader_take(code_source *s, code_block *b)
{
	reader_source *rs = (reader_source *)s;
	while (!rs->failed && b->n < READER_BLOCK) {
		int got = reader_next(rs->r);
		if (got == 0)
			break;
		rs->count++;
		if (got < 0 || record_job(rs, b, job_slot(b, b->n))) {
			rs->failed = error_last_code() ? error_last_code() : EXIT_INPUT;
			break;
		}
		b->n++;
		if (!reader_ready(rs->r)) {
			b->drained = 1; /* code what there is rather than wait for more */
			break;
		}
	}
	if (b->n)
		return 1;
	if (rs->failed) {
		error_set_code(rs->failed);
		return -1;
	}
	return 0;
}

static void reader_source_free(code_source *s)
{
	reader_source *rs = (reader_source *)s;
	free(rs->name);
	free(rs->id_prefix);
	free(rs->text_name);
	free(rs->id_name);
	free(rs);
}

code_source *code_source_reader(reader *r, const char *name, const char *text_col,
				const char *id_col, const char *id_prefix,
				const read_policy *policy)
{
	int tc = reader_col(r, text_col ? text_col : "text");
	if (tc < 0 && !text_col && reader_ncols(r) == 1)
		tc = 0;
	if (tc < 0) {
		error_set_code(EXIT_INPUT);
		error("%s: no column '%s'%s; the columns are: %s", name, text_col ? text_col : "text",
		      text_col ? "" : " (name the answers' column with --text COL)", reader_columns(r));
		return NULL;
	}
	int ic = reader_col(r, id_col ? id_col : "id");
	if (id_col && ic < 0) {
		error_set_code(EXIT_INPUT);
		error("%s: no column '%s'; the columns are: %s", name, id_col, reader_columns(r));
		return NULL;
	}
	reader_source *rs = xcalloc(1, sizeof(*rs));
	rs->s = (code_source){ reader_take, taken_next, reader_source_free, 1, NULL, -1 };
	rs->r = r;
	rs->name = xstrdup(name);
	rs->id_prefix = id_prefix ? xstrdup(id_prefix) : NULL;
	rs->policy = policy;
	rs->text_col = tc;
	rs->id_col = ic;
	/* in messages: a header's own names, JSON Lines' keys as given; a
	   line is the answer */
	if (reader_ncols(r)) {
		rs->text_name = xstrdup(reader_colname(r, (size_t)tc));
		if (ic >= 0)
			rs->id_name = xstrdup(reader_colname(r, (size_t)ic));
	} else if (reader_format(r) == READ_JSONL) {
		rs->text_name = xstrdup(text_col ? text_col : "text");
		rs->id_name = xstrdup(id_col ? id_col : "id");
	}
	return &rs->s;
}

/* ---- source: the answers of a project ---- */

typedef struct project_source {
	code_source s;
	db *d;
	runstore_answers *ans; /* the project layer's reader */
	code_block *b;         /* the block being read */
	long long last;        /* the last answer read */
	int eof;
} project_source;

static int project_row(void *arg, const runstore_answer_row *row)
{
	project_source *ps = arg;
	code_block *b = ps->b;
	/* checked when imported; a database changed since is said so */
	read_at at = { db_path(ps->d), (long)row->id, NULL, 0, NULL, READ_ANSWER };
	if (read_check(NULL, &at, row->text, row->len, NULL, NULL, NULL))
		return -1;
	code_job *j = job_slot(b, b->n++);
	j->key = ps->last = row->id;
	j->row = (long)row->id;
	j->origin = row->import_id;
	sb_reset(&j->id);
	sb_adds(&j->id, row->ext_id);
	sb_reset(&j->text);
	sb_add(&j->text, row->text, row->len);
	return 0;
}

static int project_take(code_source *s, code_block *b)
{
	project_source *ps = (project_source *)s;
	if (ps->eof)
		return 0;
	ps->b = b;
	long long mark;
	long n = runstore_answers_read(ps->ans, ps->last, PROJECT_BLOCK, &mark, project_row, ps);
	if (n < 0)
		return -1;
	b->mark = mark;
	if (n < PROJECT_BLOCK)
		ps->eof = 1;
	return b->n > 0;
}

static void project_source_free(code_source *s)
{
	project_source *ps = (project_source *)s;
	runstore_answers_close(ps->ans);
	free(ps);
}

code_source *code_source_project(db *d, int only_new)
{
	project_source *ps = xcalloc(1, sizeof(*ps));
	ps->s = (code_source){ project_take, taken_next, project_source_free, 1, d, 0 };
	ps->d = d;
	if (!(ps->ans = runstore_answers_open(d, only_new, &ps->s.total))) {
		free(ps);
		return NULL;
	}
	return &ps->s;
}

/* ---- sink: a formatted stream ---- */

typedef struct stream_sink {
	code_sink k;
	FILE *out;
	char *name;
	coded_fmt *fc;
	int flush;
} stream_sink;

static void stream_done(code_sink *k, code_block *b, code_job *j)
{
	stream_sink *ss = (stream_sink *)k;
	fmt_coded(&b->out, ss->fc, j->id.buf, j->id.len, j->text.buf, &j->res);
}

static int stream_put(code_sink *k, code_block *b)
{
	stream_sink *ss = (stream_sink *)k;
	fwrite(b->out.buf, 1, b->out.len, ss->out);
	if (ss->flush || b->drained)
		fflush(ss->out);
	if (ferror(ss->out))
		return finish_output(ss->out, ss->name);
	return 0;
}

static void stream_free(code_sink *k)
{
	stream_sink *ss = (stream_sink *)k;
	coded_fmt_free(ss->fc);
	free(ss->name);
	free(ss);
}

code_sink *code_sink_stream(FILE *out, const char *name, const lexicon_set *set,
			    const code_stream_opts *o)
{
	stream_sink *ss = xcalloc(1, sizeof(*ss));
	ss->k = (code_sink){ 0, stream_done, stream_put, stream_free, NULL };
	ss->out = out;
	ss->name = xstrdup(name);
	ss->flush = o->flush;
	ss->fc = coded_fmt_new(o->format, set);
	coded_fmt_set_terminal(ss->fc, o->terminal);
	/* records end with the stamp of the codeframe: the lexicons, the
	   stemmer and this qcode */
	if (o->stamp)
		coded_fmt_set_stamp(ss->fc, set->hash, stem_description(), QCODE_VERSION);
	strbuf head;
	sb_init(&head);
	fmt_coded_header(&head, o->format);
	fwrite(head.buf, 1, head.len, out);
	sb_release(&head);
	if (o->flush)
		fflush(out);
	return &ss->k;
}

/* ---- sink: a coding run of the project ---- */

typedef struct run_sink {
	code_sink k;
	db *d;
	const lexicon_set *set;
	runstore_writer rw; /* the run's coded, codes and evidence */
	progress *pr;
	long coded;      /* answers coded */
	long stored;     /* of which stored */
	long with_theme; /* of which with a theme */
} run_sink;

static void store_done(code_sink *k, code_block *b, code_job *j)
{
	(void)k;
	(void)b;
	(void)j;
}

/*
 * Store a coded block in one short transaction, waiting for other writers
 * as long as they write. j->origin is the import that gave j the text it
 * was coded from, and b->mark the latest import before the block was
 * read: when an import came since, an answer it gave another text
 * (import --replace) is left out, to be coded again.
 */
static int store_put(code_sink *k, code_block *b)
{
	run_sink *rs = (run_sink *)k;
	db *d = rs->d;
	if (db_begin_patient(d))
		return -1;
	long long last = runstore_last_import(&rs->rw);
	if (last < 0)
		goto fail;
	int check = last != b->mark;
	long stored = 0, with_theme = 0;
	for (size_t i = 0; i < b->done; i++) {
		const code_job *j = &b->jobs[i];
		if (check) {
			int same = runstore_text_from(&rs->rw, j->key, j->origin);
			if (same < 0)
				goto fail;
			if (!same)
				continue; /* replaced since it was read */
		}
		if (runstore_answer(&rs->rw, j->key) < 0 ||
		    runstore_result(&rs->rw, j->key, rs->set, &j->res))
			goto fail;
		stored++;
		with_theme += j->res.ncoded > 0;
	}
	if (db_commit(d))
		goto fail;
	rs->stored += stored;
	rs->with_theme += with_theme;
	rs->coded += (long)b->done;
	if (rs->pr)
		progress_update(rs->pr, rs->coded);
	return 0;
fail:
	error_set_code(EXIT_DB);
	db_rollback(d);
	return -1;
}

static void store_free(code_sink *k)
{
	run_sink *rs = (run_sink *)k;
	runstore_writer_release(&rs->rw);
	free(rs);
}

code_sink *code_sink_run(db *d, const lexicon_set *set, long long run, progress *pr)
{
	run_sink *rs = xcalloc(1, sizeof(*rs));
	rs->k = (code_sink){ 1, store_done, store_put, store_free, d };
	rs->d = d;
	rs->set = set;
	rs->pr = pr;
	if (runstore_writer_init(&rs->rw, d, run)) {
		/* a writer that failed to start is released already */
		free(rs);
		return NULL;
	}
	return &rs->k;
}

void code_sink_run_counts(const code_sink *sink, long *coded, long *stored, long *with_theme)
{
	const run_sink *rs = (const run_sink *)sink;
	*coded = rs->coded;
	*stored = rs->stored;
	*with_theme = rs->with_theme;
}
