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
} code_opts;

static void format_job(void *c, code_job *j)
{
	sb_reset(&j->out);
	fmt_coded(&j->out, c, j->id.buf, j->id.len, j->text.buf, &j->res);
}

/* Fill a job from text; validates UTF-8 (or repairs it when lenient). */
static int set_text(code_job *j, const char *name, long row, const char *s, size_t n, int lenient)
{
	size_t bad;
	sb_reset(&j->text);
	if (n > READ_MAX_ANSWER) {
		error_set_code(EXIT_INPUT);
		return error_at(name, row, 0, NULL, 0, "answer of %zu bytes is over the limit of %u MiB",
				n, READ_MAX_ANSWER >> 20);
	}
	if (!utf8_validate(s, n, &bad)) {
		sb_add(&j->text, s, n);
		return 0;
	}
	if (utf8_reject_wide(name, s, n))
		return -1;
	if (!lenient) {
		error_set_code(EXIT_INPUT);
		return error_at(name, row, 0, NULL, 0,
				"invalid UTF-8 at byte %zu of the answer (use --lenient to replace invalid bytes, or --encoding for cp1252 files)",
				bad);
	}
	size_t fixed = utf8_sanitize(s, n, &j->text);
	warning("%s:%ld: replaced %zu invalid byte%s with U+FFFD", name, row, fixed,
		fixed == 1 ? "" : "s");
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
} line_ctx;

/* A line of plain text: its number is its id. */
static int line_job(void *c, code_job *j, const char *s, size_t n, long lineno)
{
	line_ctx *lc = c;
	j->row = lineno;
	sb_reset(&j->id);
	sb_add_uint(&j->id, (unsigned long long)lineno);
	return set_text(j, "<stdin>", lineno, s, n, lc->lenient);
}

static void line_done(void *c, code_job *j)
{
	format_job(((line_ctx *)c)->fc, j);
}

/* Plain lines: every thread reads, codes and writes blocks of its own. */
static int code_lines(qctx *ctx, const code_opts *o)
{
	pool *p = pool_new(ctx->lex, ctx->st, o->jobs);
	if (!p)
		return EXIT_IO;
	line_ctx lc = { coded_fmt_new(o->out_format, ctx->lex), o->lenient };
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
			if (id)
				sb_add(&j->id, id, idlen);
			else
				sb_addf(&j->id, "%ld", o->in_format == READ_LINES ? j->row : count);
			if (set_text(j, name, j->row, s ? s : "", s ? len : 0, o->lenient)) {
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

/* The id of this lexicon version, recording it on first use. */
static long long lexicon_version(db *d, const lexicon_set *set)
{
	sqlite3 *h = db_sqlite(d);
	char now[24];
	db_now(now);
	strbuf files;
	sb_init(&files);
	sb_addc(&files, '[');
	/* names within the directory, like the hash that identifies the row */
	for (size_t t = 0; t < set->nthemes; t++) {
		const char *name = lexicon_file_name(set->themes[t].file);
		sb_adds(&files, t ? ",{\"file\":" : "{\"file\":");
		fmt_json_string(&files, name, strlen(name));
		sb_addf(&files, ",\"key\":\"%s\",\"sha256\":\"%s\"}", set->themes[t].key,
			set->themes[t].hash);
	}
	sb_addc(&files, ']');
	char stemmer_desc[128];
	snprintf(stemmer_desc, sizeof(stemmer_desc), "%s (%s)", STEM_ALGORITHM, stem_library_version());
	sqlite3_stmt *st = db_prepare(d, "INSERT OR IGNORE INTO lexicon_versions(hash, stemmer, files, created) VALUES(?,?,?,?)");
	long long id = -1;
	if (st) {
		sqlite3_bind_text(st, 1, set->hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, stemmer_desc, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, files.buf, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			db_error(d, "cannot record the lexicon version");
		else
			id = 0;
		sqlite3_finalize(st);
	}
	sb_release(&files);
	if (id < 0)
		return -1;
	st = db_prepare(d, "SELECT id FROM lexicon_versions WHERE hash = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, set->hash, -1, SQLITE_STATIC);
	id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	(void)h;
	return id;
}

typedef struct writer {
	sqlite3_stmt *coded, *codes, *ev;
	sqlite3_stmt *last_import; /* the latest import's id */
	sqlite3_stmt *import_of;   /* the import an answer's text is from */
	long long run;
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
	if (sqlite3_step(w->last_import) != SQLITE_ROW)
		goto fail;
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
		sqlite3_bind_int64(w->coded, 1, w->run);
		sqlite3_bind_int64(w->coded, 2, j->key);
		if (sqlite3_step(w->coded) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(w->coded);
		w->stored++;
		w->with_theme += j->res.ncoded > 0;
		for (size_t t = 0; t < j->res.nthemes; t++) {
			if (!j->res.themes[t].coded)
				continue;
			sqlite3_bind_int64(w->codes, 1, w->run);
			sqlite3_bind_int64(w->codes, 2, j->key);
			sqlite3_bind_text(w->codes, 3, set->themes[t].key, -1, SQLITE_STATIC);
			sqlite3_bind_double(w->codes, 4, j->res.themes[t].score);
			sqlite3_bind_int(w->codes, 5, (int)t == j->res.primary);
			if (sqlite3_step(w->codes) != SQLITE_DONE)
				goto fail;
			sqlite3_reset(w->codes);
		}
		for (size_t e = 0; e < j->res.nev; e++) {
			const evidence *ev = &j->res.ev[e];
			const theme *th = &set->themes[ev->theme];
			sqlite3_bind_int64(w->ev, 1, w->run);
			sqlite3_bind_int64(w->ev, 2, j->key);
			sqlite3_bind_text(w->ev, 3, th->key, -1, SQLITE_STATIC);
			sqlite3_bind_text(w->ev, 4, th->rules[ev->rule].id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(w->ev, 5, ev->start);
			sqlite3_bind_int64(w->ev, 6, ev->end);
			if (sqlite3_step(w->ev) != SQLITE_DONE)
				goto fail;
			sqlite3_reset(w->ev);
		}
	}
	return db_commit(d);
fail:
	db_error(d, "cannot store codes");
	sqlite3_reset(w->coded);
	sqlite3_reset(w->codes);
	sqlite3_reset(w->ev);
	db_rollback(d);
	return -1;
}

/* Delete what an unfinished run stored (in a transaction of the caller's). */
static int delete_run(db *d, long long run)
{
	static const char *const sql[] = {
		"DELETE FROM evidence WHERE run_id = ?", "DELETE FROM codes WHERE run_id = ?",
		"DELETE FROM coded WHERE run_id = ?", "DELETE FROM run_themes WHERE run_id = ?",
		"DELETE FROM runs WHERE id = ? AND finished IS NULL",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
		sqlite3_stmt *st = db_prepare(d, sql[i]);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, run);
		int ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
		if (!ok)
			return db_error(d, "cannot remove an unfinished run");
	}
	return 0;
}

/*
 * Remove the runs that stopped before they finished (killed, or failed
 * and unable to clean up): no process holds their lock. Runs under way
 * are left alone. In the caller's transaction; the ids removed are put in
 * *runs (malloc'ed), their number in *n.
 */
static int remove_stopped_runs(db *d, long long **runs, size_t *n)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT id FROM runs WHERE finished IS NULL ORDER BY id");
	size_t alloc = 0;
	*runs = NULL;
	*n = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long run = sqlite3_column_int64(st, 0);
		if (db_run_alive(d, run) == 0) {
			ALLOC_GROW(*runs, *n + 1, alloc);
			(*runs)[(*n)++] = run;
		}
	}
	sqlite3_finalize(st);
	if (!st)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (delete_run(d, (*runs)[i]))
			return -1;
	return 0;
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
	char now[24];

	/* the start, in one transaction: runs that stopped removed, the
	   lexicon version recorded, the run made and marked under way */
	long long *stopped = NULL;
	size_t nstopped = 0;
	if (db_writable(d) || db_begin_patient(d))
		goto out;
	long long lex_id = -1, next_run = -1;
	/* numbered after every run there was, removed ones too */
	sqlite3_stmt *st = db_prepare(d, "SELECT coalesce(max(id), 0) + 1 FROM runs");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		next_run = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (next_run < 0 || remove_stopped_runs(d, &stopped, &nstopped) ||
	    (lex_id = lexicon_version(d, set)) < 0) {
		free(stopped);
		db_rollback(d);
		goto out;
	}
	if (o->only_new) { /* nothing new: no run, which diff would take for a whole one */
		st = db_prepare(d, "SELECT EXISTS (SELECT 1 FROM answers a WHERE NOT EXISTS"
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
	db_now(now);
	st = db_prepare(d, "INSERT INTO runs(id, lexicon_id, started, only_new, qcode_version)"
			   " VALUES(?,?,?,?,?)");
	if (!st) {
		free(stopped);
		db_rollback(d);
		goto out;
	}
	sqlite3_bind_int64(st, 1, next_run);
	sqlite3_bind_int64(st, 2, lex_id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, o->only_new);
	sqlite3_bind_text(st, 5, QCODE_VERSION, -1, SQLITE_STATIC);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok) {
		db_error(d, "cannot start a coding run");
		free(stopped);
		db_rollback(d);
		goto out;
	}
	/* under way before anyone can see it: locked before the commit */
	long long run = next_run;
	if (db_run_lock(d, run)) {
		free(stopped);
		db_rollback(d);
		goto out;
	}
	st = db_prepare(d, "INSERT INTO run_themes(run_id, idx, key, label) VALUES(?,?,?,?)");
	for (size_t t = 0; st && t < set->nthemes; t++) {
		sqlite3_bind_int64(st, 1, run);
		sqlite3_bind_int(st, 2, (int)t);
		sqlite3_bind_text(st, 3, set->themes[t].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, set->themes[t].label, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
		if (!ok)
			break;
	}
	sqlite3_finalize(st);
	if (!st || !ok || db_commit(d)) {
		if (st && !ok)
			db_error(d, "cannot start a coding run");
		free(stopped);
		db_rollback(d);
		goto out;
	}
	w.run = run;
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
	w.coded = db_prepare(d, "INSERT INTO coded(run_id, answer_id) VALUES(?,?)");
	w.last_import = db_prepare(d, "SELECT coalesce(max(id), 0) FROM imports");
	w.import_of = db_prepare(d, "SELECT import_id FROM answers WHERE id = ?");
	w.codes = db_prepare(d, "INSERT INTO codes(run_id, answer_id, theme, score, is_primary) VALUES(?,?,?,?,?)");
	w.ev = db_prepare(d, "INSERT INTO evidence(run_id, answer_id, theme, rule_id, start, end) VALUES(?,?,?,?,?,?)");
	if (!cnt || !sel || !w.coded || !w.codes || !w.ev || !w.last_import || !w.import_of)
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
	db_now(now);
	if (db_begin_patient(d))
		goto out;
	st = db_prepare(d, "UPDATE runs SET finished = ?, answers = ? WHERE id = ?");
	sqlite3_stmt *lt = db_prepare(d, "INSERT OR REPLACE INTO latest_runs(answer_id, run_id)"
					 " SELECT answer_id, run_id FROM coded WHERE run_id = ?");
	ok = st && lt;
	if (ok) {
		sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, w.stored);
		sqlite3_bind_int64(st, 3, w.run);
		sqlite3_bind_int64(lt, 1, w.run);
		ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_step(lt) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(lt);
	if (!ok || db_commit(d)) {
		if (!ok)
			db_error(d, "cannot finish the coding run");
		db_rollback(d);
		goto out;
	}
	printf("run %lld: coded %ld answer%s, %ld with a theme (lexicon %.12s)\n", w.run, w.stored,
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
	sqlite3_finalize(w.coded);
	sqlite3_finalize(w.last_import);
	sqlite3_finalize(w.import_of);
	sqlite3_finalize(w.codes);
	sqlite3_finalize(w.ev);
	if (rc != EXIT_OK && w.run) {
		/* a run that failed takes back what it stored; when it cannot
		   now, the next `qcode code` removes it (its lock is gone) */
		db_rollback(d);
		if (db_begin(d) == 0 && delete_run(d, w.run) == 0 && db_commit(d) == 0)
			fprintf(stderr, "run %lld did not finish and was removed\n", w.run);
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
		{ NULL, 0, NULL, 0 },
	};
	code_opts o = { 0, READ_LINES, OUT_JSONL, NULL, NULL, 1, 0, 0 };
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
	return o.stream ? code_stream(ctx, &o) : code_project(ctx, &o);
}
