/*
 * cmd_code: `qcode code` -- code the project's answers into a new run, or
 * code a stream from standard input with no database at all.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "format.h"
#include "lexicon.h"
#include "pool.h"
#include "progress.h"
#include "read.h"
#include "runstore.h"
#include "stem.h"
#include "utf8.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

/* Answers coded per batch (per thread). */
#define BATCH_PER_THREAD 512

typedef struct code_opts {
	int stream;          /* code standard input */
	int in_format;       /* enum read_format */
	int out_format;      /* enum out_format */
	const char *text_col;
	const char *id_col;
	int jobs;            /* threads */
	int lenient;         /* replace invalid UTF-8 */
	int only_new;        /* batch: only answers no run has coded */
	const char *id_prefix; /* stream: put before the ids made from line or record numbers */
	int stamp;           /* stream: end each JSON Lines record with the codeframe's stamp */
} code_opts;

static void format_job(void *c, code_job *j)
{
	sb_reset(&j->out);
	fmt_coded(&j->out, c, j->id.buf, j->id.len, j->text.buf, &j->res);
}

/* What code does with text that is not UTF-8. */
static const char LENIENT_HINT[] = "use --lenient to replace invalid bytes";

/* Fill a job from text (read_check()). */
static int set_text(code_job *j, const char *name, long row, const char *s, size_t n, int lenient,
		    const char *column)
{
	read_policy pol = { lenient, LENIENT_HINT };
	read_at at = { name, row, NULL, 0, column, READ_ANSWER };
	const char *t;
	size_t len;
	if (read_check(&pol, &at, s, n, &j->out, &t, &len))
		return -1;
	sb_reset(&j->text);
	sb_add(&j->text, t, len);
	return 0;
}

/* Write the output's header; returns whether to flush as answers are
   coded (stdout is not a file: a terminal, a pipe). */
static int start_output(int format)
{
	struct stat sb;
	int interactive = !(fstat(STDOUT_FILENO, &sb) == 0 && S_ISREG(sb.st_mode));
	strbuf head;
	sb_init(&head);
	fmt_coded_header(&head, format);
	fwrite(head.buf, 1, head.len, stdout);
	sb_release(&head);
	if (interactive)
		fflush(stdout);
	return interactive;
}

typedef struct line_ctx {
	coded_fmt *fc;
	int lenient;
	const char *id_prefix; /* before each line number, or NULL */
} line_ctx;

/* A line of plain text: its number (within this input) is its id. */
static int line_job(void *c, code_job *j, const char *s, size_t n, long lineno)
{
	line_ctx *lc = c;
	j->row = lineno;
	sb_reset(&j->id);
	if (lc->id_prefix)
		sb_adds(&j->id, lc->id_prefix);
	sb_add_uint(&j->id, (unsigned long long)lineno);
	return set_text(j, "<stdin>", lineno, s, n, lc->lenient, NULL);
}

static void line_done(void *c, code_job *j)
{
	format_job(((line_ctx *)c)->fc, j);
}

/* Records end with the stamp of the codeframe: the lexicons, the
   stemmer and this qcode. */
static void set_stamp(coded_fmt *fc, const lexicon_set *set)
{
	coded_fmt_set_stamp(fc, set->hash, stem_description(), QCODE_VERSION);
}

/* Plain lines: every thread reads, codes and writes blocks of its own. */
static int code_lines(qctx *ctx, const code_opts *o)
{
	pool *p = pool_new(ctx->lex, ctx->st, o->jobs);
	if (!p)
		return EXIT_IO;
	line_ctx lc = { coded_fmt_new(o->out_format, ctx->lex), o->lenient, o->id_prefix };
	if (o->stamp)
		set_stamp(lc.fc, ctx->lex);
	int interactive = start_output(o->out_format);
	int rc = EXIT_OK;
	/* a write error is reported when the output is finished */
	if (pool_lines(p, STDIN_FILENO, "<stdin>", stdout, interactive, line_job, line_done, &lc) &&
	    !ferror(stdout))
		rc = error_last_code();
	pool_free(p);
	coded_fmt_free(lc.fc);
	return rc;
}

static int code_stream(qctx *ctx, const code_opts *o)
{
	if (o->in_format == READ_LINES && !o->id_col && (!o->text_col || !strcasecmp(o->text_col, "text")))
		return code_lines(ctx, o);
	const char *name = "<stdin>";
	int rc = EXIT_OK;
	reader *r = reader_open(stdin, name, o->in_format, 0, NULL);
	if (!r)
		return error_last_code();
	int text_col = reader_col(r, o->text_col ? o->text_col : "text");
	if (text_col < 0 && !o->text_col && reader_ncols(r) == 1)
		text_col = 0;
	if (text_col < 0) {
		error("%s: no column '%s'; the columns are: %s", name, o->text_col ? o->text_col : "text",
		      reader_columns(r));
		reader_free(r);
		return EXIT_INPUT;
	}
	int id_col = o->id_col ? reader_col(r, o->id_col) : (o->in_format == READ_LINES ? -1 : reader_col(r, "id"));
	if (o->id_col && id_col < 0) {
		error("%s: no column '%s'; the columns are: %s", name, o->id_col, reader_columns(r));
		reader_free(r);
		return EXIT_INPUT;
	}

	size_t batch = (size_t)BATCH_PER_THREAD * (size_t)o->jobs;
	pool *p = pool_new(ctx->lex, ctx->st, o->jobs);
	if (!p) {
		reader_free(r);
		return EXIT_IO;
	}
	/* two buffers: the threads code one while this thread reads the next */
	code_job *buf[2];
	for (int b = 0; b < 2; b++) {
		buf[b] = xcalloc(batch, sizeof(code_job));
		for (size_t i = 0; i < batch; i++)
			code_job_init(&buf[b][i]);
	}
	coded_fmt *fc = coded_fmt_new(o->out_format, ctx->lex);
	coded_fmt_set_terminal(fc, isatty(STDOUT_FILENO));
	if (o->stamp)
		set_stamp(fc, ctx->lex);
	int interactive = start_output(o->out_format);

	long count = 0;
	size_t pending = 0; /* jobs of the batch being coded */
	int cur = 0, eof = 0;
	while (!eof || pending) {
		size_t n = 0;
		code_job *jobs = buf[cur ^ 1];
		if (pending && !eof && !reader_ready(r)) {
			/* the next read would wait: answer what was asked first */
			int bad = pool_finish(p);
			for (size_t i = 0; !bad && i < pending; i++)
				fwrite(buf[cur][i].out.buf, 1, buf[cur][i].out.len, stdout);
			fflush(stdout);
			pending = 0;
			if (bad) {
				rc = error_last_code();
				break;
			}
		}
		while (!eof && n < batch) {
			int got = reader_next(r);
			if (got < 0) {
				rc = error_last_code();
				break;
			}
			if (got == 0) {
				eof = 1;
				break;
			}
			if (reader_require(r, text_col)) {
				rc = error_last_code();
				break;
			}
			code_job *j = &jobs[n];
			size_t len, idlen = 0;
			const char *s = reader_get(r, text_col, &len);
			const char *id = id_col >= 0 ? reader_get(r, id_col, &idlen) : NULL;
			j->row = reader_row(r);
			count++;
			sb_reset(&j->id);
			if (id) {
				sb_add(&j->id, id, idlen); /* as the input gives it */
			} else {
				if (o->id_prefix)
					sb_adds(&j->id, o->id_prefix);
				sb_addf(&j->id, "%ld", o->in_format == READ_LINES ? j->row : count);
			}
			if (set_text(j, name, j->row, s ? s : "", s ? len : 0, o->lenient,
				     o->in_format == READ_LINES ? NULL : o->text_col ? o->text_col : "text")) {
				rc = error_last_code();
				break;
			}
			n++;
			if (!reader_ready(r))
				break; /* code what there is rather than wait for more */
		}
		/* finish the batch being coded, start this one, and write the
		   finished one while the other threads code */
		size_t done = 0;
		if (pending) {
			if (pool_finish(p)) {
				rc = error_last_code();
				pending = 0;
				break;
			}
			done = pending;
			pending = 0;
		}
		if (rc == EXIT_OK && n) {
			pool_start(p, buf[cur ^ 1], n, format_job, fc);
			pending = n;
		}
		for (size_t i = 0; i < done; i++)
			fwrite(buf[cur][i].out.buf, 1, buf[cur][i].out.len, stdout);
		if (done && interactive)
			fflush(stdout);
		if (n)
			cur ^= 1;
		if (rc != EXIT_OK || ferror(stdout))
			break;
	}
	if (pending)
		pool_finish(p);
	for (int b = 0; b < 2; b++) {
		for (size_t i = 0; i < batch; i++)
			code_job_release(&buf[b][i]);
		free(buf[b]);
	}
	pool_free(p);
	coded_fmt_free(fc);
	reader_free(r);
	return rc;
}

typedef struct writer {
	runstore_writer rw;        /* the run's coded, codes and evidence */
	sqlite3_stmt *last_import; /* the latest import's id */
	sqlite3_stmt *import_of;   /* the import an answer's text is from */
	long stored;     /* answers whose codes were stored */
	long with_theme; /* of which with a theme */
} writer;

/*
 * Store a coded batch in one short transaction, waiting for other writers
 * as long as they write. imports[i] is the import that gave jobs[i] the
 * text it was coded from, and read_import the latest import before the
 * batch was read: when an import came since, an answer it gave another
 * text (import --replace) is left out, to be coded again.
 */
static int write_batch(db *d, writer *w, const lexicon_set *set, code_job *jobs,
		       const long long *imports, long long read_import, size_t n)
{
	if (db_begin_patient(d))
		return -1;
	if (sqlite3_step(w->last_import) != SQLITE_ROW) {
		db_error(d, "cannot store codes");
		goto fail;
	}
	int check = sqlite3_column_int64(w->last_import, 0) != read_import;
	sqlite3_reset(w->last_import);
	for (size_t i = 0; i < n; i++) {
		const code_job *j = &jobs[i];
		if (check) {
			sqlite3_bind_int64(w->import_of, 1, j->key);
			int same = sqlite3_step(w->import_of) == SQLITE_ROW &&
				   sqlite3_column_int64(w->import_of, 0) == imports[i];
			sqlite3_reset(w->import_of);
			if (!same)
				continue; /* replaced since it was read */
		}
		if (runstore_answer(&w->rw, j->key) < 0 ||
		    runstore_result(&w->rw, j->key, set, &j->res))
			goto fail;
		w->stored++;
		w->with_theme += j->res.ncoded > 0;
	}
	return db_commit(d);
fail:
	sqlite3_reset(w->last_import);
	db_rollback(d);
	return -1;
}

static int code_project(qctx *ctx, const code_opts *o)
{
	db *d = db_open(ctx->db_path, 0);
	if (!d)
		return EXIT_DB;
	const lexicon_set *set = ctx->lex;
	int rc = EXIT_DB;
	sqlite3_stmt *sel = NULL, *cnt = NULL;
	writer w;
	memset(&w, 0, sizeof(w));
	pool *p = NULL;
	code_job *buf[2] = { NULL, NULL };
	long long *imports[2] = { NULL, NULL };
	long long read_import[2] = { 0, 0 }; /* the latest import before each batch was read */
	size_t pending = 0; /* jobs of the batch the threads are coding */
	size_t batch = (size_t)BATCH_PER_THREAD * (size_t)o->jobs * 4;
	long long run = 0; /* the run made, once it is */

	/* the start, in one transaction: runs that stopped removed, the
	   lexicon version recorded, the run made and marked under way */
	long long *stopped = NULL;
	size_t nstopped = 0;
	if (db_writable(d) || db_begin_patient(d))
		goto out;
	long long lex_id = -1, next_run = -1;
	int lex_new;
	if ((next_run = runstore_next_id(d)) < 0 || runstore_remove_stopped(d, &stopped, &nstopped) ||
	    (lex_id = runstore_lexicon_of(d, set, &lex_new)) < 0) {
		free(stopped);
		db_rollback(d);
		goto out;
	}
	if (o->only_new) { /* nothing new: no run, which diff would take for a whole one */
		sqlite3_stmt *st = db_prepare(d, "SELECT EXISTS (SELECT 1 FROM answers a WHERE NOT EXISTS"
						 " (SELECT 1 FROM latest_runs l WHERE l.answer_id = a.id))");
		int any = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
		if (any < 0 || (!any && db_commit(d))) {
			if (any < 0)
				db_error(d, "cannot read answers");
			free(stopped);
			db_rollback(d);
			goto out;
		}
		if (!any) {
			for (size_t i = 0; i < nstopped; i++)
				printf("removed run %lld, which stopped before it finished\n", stopped[i]);
			free(stopped);
			printf("no new answers: every answer is coded by a finished run; no run made\n");
			rc = EXIT_OK;
			goto out;
		}
	}
	if (runstore_create(d, next_run, lex_id, o->only_new, QCODE_VERSION, set) || db_commit(d)) {
		free(stopped);
		db_rollback(d);
		goto out;
	}
	run = next_run;
	for (size_t i = 0; i < nstopped; i++)
		printf("removed run %lld, which stopped before it finished\n", stopped[i]);
	free(stopped);

	/* answers are read a batch at a time, each read its own short read
	   transaction, so that no snapshot is held while this run writes */
	const char *where = o->only_new
		? " WHERE NOT EXISTS (SELECT 1 FROM latest_runs l WHERE l.answer_id = a.id)"
		: " WHERE 1";
	strbuf sql;
	sb_init(&sql);
	sb_addf(&sql, "SELECT count(*) FROM answers a%s", where);
	cnt = db_prepare(d, sql.buf);
	sb_reset(&sql);
	sb_addf(&sql, "SELECT a.id, a.ext_id, a.text, a.import_id FROM answers a%s"
		      " AND a.id > ?1 ORDER BY a.id LIMIT ?2", where);
	sel = db_prepare(d, sql.buf);
	sb_release(&sql);
	w.last_import = db_prepare(d, "SELECT coalesce(max(id), 0) FROM imports");
	w.import_of = db_prepare(d, "SELECT import_id FROM answers WHERE id = ?");
	if (!cnt || !sel || !w.last_import || !w.import_of || runstore_writer_init(&w.rw, d, run))
		goto out;
	long total = sqlite3_step(cnt) == SQLITE_ROW ? sqlite3_column_int(cnt, 0) : 0;
	sqlite3_reset(cnt);

	p = pool_new(set, ctx->st, o->jobs);
	if (!p) {
		rc = EXIT_IO;
		goto out;
	}
	/* two batches: the other threads code one while this thread stores the
	   last one and reads the next */
	for (int b = 0; b < 2; b++) {
		buf[b] = xcalloc(batch, sizeof(code_job));
		imports[b] = xcalloc(batch, sizeof(long long));
		for (size_t i = 0; i < batch; i++)
			code_job_init(&buf[b][i]);
	}
	progress pr;
	progress_start(&pr, "coding", total);
	long done = 0;
	long long last = 0; /* the last answer read */
	int cur = 0, eof = 0;
	while (!eof || pending) {
		size_t n = 0;
		code_job *jobs = buf[cur ^ 1];
		int src = SQLITE_DONE;
		if (!eof) {
			/* the latest import first: one that comes between this
			   and the read below is seen when the batch is stored */
			if (sqlite3_step(w.last_import) != SQLITE_ROW) {
				db_error(d, "cannot read answers");
				goto out;
			}
			read_import[cur ^ 1] = sqlite3_column_int64(w.last_import, 0);
			sqlite3_reset(w.last_import);
			sqlite3_bind_int64(sel, 1, last);
			sqlite3_bind_int64(sel, 2, (sqlite3_int64)batch);
		}
		while (!eof && n < batch && (src = sqlite3_step(sel)) == SQLITE_ROW) {
			imports[cur ^ 1][n] = sqlite3_column_int64(sel, 3);
			code_job *j = &jobs[n++];
			j->key = last = sqlite3_column_int64(sel, 0);
			sb_reset(&j->id);
			sb_adds(&j->id, (const char *)sqlite3_column_text(sel, 1));
			sb_reset(&j->text);
			sb_add(&j->text, sqlite3_column_text(sel, 2), (size_t)sqlite3_column_bytes(sel, 2));
		}
		if (!eof) {
			sqlite3_reset(sel); /* ends the read transaction */
			if (n < batch) {
				if (src != SQLITE_DONE) {
					db_error(d, "cannot read answers");
					goto out;
				}
				eof = 1;
			}
		}
		size_t finished = pending;
		pending = 0;
		if (finished && pool_finish(p)) {
			rc = error_last_code();
			goto out;
		}
		if (n) {
			pool_start(p, jobs, n, NULL, NULL);
			pending = n;
		}
		if (finished) { /* buf[cur]: stored while the threads code the next */
			if (write_batch(d, &w, set, buf[cur], imports[cur], read_import[cur], finished))
				goto out;
			done += (long)finished;
			progress_update(&pr, done);
		}
		if (n)
			cur ^= 1;
	}
	progress_end(&pr);
	/* finishing the run and making it the answers' latest: one transaction */
	if (runstore_finish(d, run, w.stored, o->only_new))
		goto out;
	printf("run %lld: coded %ld answer%s, %ld with a theme (lexicon %.12s)\n", run, w.stored,
	       plural_s(w.stored), w.with_theme, set->hash);
	if (w.stored < done)
		printf("%ld answer%s given a new text while %s coded: 'qcode code --only-new' codes %s\n",
		       done - w.stored, plural_s(done - w.stored), done - w.stored == 1 ? "was" : "were",
		       done - w.stored == 1 ? "it" : "them");
	rc = EXIT_OK;
out:
	if (pending)
		pool_finish(p); /* the threads let go of the batch before it is freed */
	for (int b = 0; b < 2; b++) {
		for (size_t i = 0; buf[b] && i < batch; i++)
			code_job_release(&buf[b][i]);
		free(buf[b]);
		free(imports[b]);
	}
	pool_free(p);
	sqlite3_finalize(sel);
	sqlite3_finalize(cnt);
	runstore_writer_release(&w.rw);
	sqlite3_finalize(w.last_import);
	sqlite3_finalize(w.import_of);
	if (rc != EXIT_OK && run) {
		/* a run that failed takes back what it stored; when it cannot
		   now, the next `qcode code` removes it (its lock is gone) */
		db_rollback(d);
		if (db_begin(d) == 0 && runstore_delete(d, run) == 0 && db_commit(d) == 0)
			fprintf(stderr, "run %lld did not finish and was removed\n", run);
		else
			db_rollback(d);
	}
	db_close(d);
	return rc;
}

int cmd_code(int argc, char **argv, qctx *ctx)
{
	static const struct option opts[] = {
		{ "stdin", no_argument, NULL, 's' },
		{ "in-format", required_argument, NULL, 'I' },
		{ "out-format", required_argument, NULL, 'O' },
		{ "text", required_argument, NULL, 't' },
		{ "id", required_argument, NULL, 'i' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "lenient", no_argument, NULL, 'L' },
		{ "only-new", no_argument, NULL, 'n' },
		{ "id-prefix", required_argument, NULL, 'P' },
		{ "stamp", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	code_opts o = { 0, READ_LINES, OUT_JSONL, NULL, NULL, 1, 0, 0, NULL, 0 };
	int c;
	while ((c = cmd_getopt(argc, argv, "j:", opts, ctx)) != -1) {
		switch (c) {
		case 's': o.stream = 1; break;
		case 'I':
			if ((o.in_format = read_format_parse(optarg)) < 0)
				return cmd_usage_error(ctx, "unknown input format '%s' (use lines, csv, tsv or jsonl)", optarg);
			break;
		case 'O':
			if ((o.out_format = out_format_parse(optarg)) < 0)
				return cmd_usage_error(ctx, "unknown output format '%s' (use jsonl, tsv or csv)", optarg);
			break;
		case 't': o.text_col = optarg; break;
		case 'i': o.id_col = optarg; break;
		case 'j': {
			long j;
			if (cmd_parse_long(ctx, "-j", optarg, 1, 256, &j))
				return EXIT_USAGE;
			o.jobs = (int)j;
			break;
		}
		case 'L': o.lenient = 1; break;
		case 'n': o.only_new = 1; break;
		case 'P': o.id_prefix = optarg; break;
		case 'S': o.stamp = 1; break;
		default: return EXIT_USAGE;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			o.stream = 1;
		else
			return cmd_usage_error(ctx, "unexpected argument '%s'", argv[i]);
	}
	if (!o.stream && !ctx->db_explicit && !o.only_new) {
		/* `qcode code < answers.txt`: a pipe or a file on stdin is a stream */
		struct stat sb;
		if (fstat(STDIN_FILENO, &sb) == 0 && (S_ISFIFO(sb.st_mode) || S_ISREG(sb.st_mode)))
			o.stream = 1;
	}
	if (o.stream && o.only_new)
		return cmd_usage_error(ctx, "--only-new applies to the project, not to --stdin");
	if (!o.stream && (o.stamp || o.id_prefix))
		return cmd_usage_error(ctx, "%s applies to a stream (--stdin), not to the project",
				       o.stamp ? "--stamp" : "--id-prefix");
	if (o.stamp && o.out_format != OUT_JSONL)
		return cmd_usage_error(ctx, "--stamp needs --out-format jsonl (the records import-codes reads)");
	return o.stream ? code_stream(ctx, &o) : code_project(ctx, &o);
}
