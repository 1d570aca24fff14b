/*
 * runstore: storing a coding run (see runstore.h).
 */
#include "runstore.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "stem.h"

void runstore_files_json(strbuf *out, const lexicon_set *set)
{
	sb_addc(out, '[');
	/* names within the directory, like the hash that identifies the row */
	for (size_t t = 0; t < set->nthemes; t++) {
		const char *name = lexicon_file_name(set->themes[t].file);
		sb_adds(out, t ? ",{\"file\":" : "{\"file\":");
		fmt_json_string(out, name, strlen(name));
		sb_addf(out, ",\"key\":\"%s\",\"sha256\":\"%s\"}", set->themes[t].key,
			set->themes[t].hash);
	}
	sb_addc(out, ']');
}

long long runstore_lexicon_version(db *d, const char *hash, const char *stemmer,
				   const char *files, int *created)
{
	char now[24];
	db_now(now);
	*created = 0;
	sqlite3_stmt *st = db_prepare(d, "INSERT OR IGNORE INTO lexicon_versions(hash, stemmer, files, created)"
					 " VALUES(?,?,?,?)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stemmer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, files, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		db_error(d, "cannot record the lexicon version");
	sqlite3_finalize(st);
	if (!ok)
		return -1;
	*created = sqlite3_changes(db_sqlite(d)) > 0;
	st = db_prepare(d, "SELECT id FROM lexicon_versions WHERE hash = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	if (id < 0)
		db_error(d, "cannot record the lexicon version");
	sqlite3_finalize(st);
	return id;
}

long long runstore_lexicon_of(db *d, const lexicon_set *set, int *created)
{
	strbuf files;
	sb_init(&files);
	runstore_files_json(&files, set);
	long long id = runstore_lexicon_version(d, set->hash, stem_description(), files.buf, created);
	sb_release(&files);
	return id;
}

long long runstore_next_id(db *d)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT coalesce(max(id), 0) + 1 FROM runs");
	long long next = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	if (st && next < 0)
		db_error(d, "cannot start a coding run");
	sqlite3_finalize(st);
	return next;
}

int runstore_create(db *d, long long run, long long lexicon_id, int only_new,
		    const char *qcode_version, const lexicon_set *set)
{
	char now[24];
	db_now(now);
	sqlite3_stmt *st = db_prepare(d, "INSERT INTO runs(id, lexicon_id, started, only_new, qcode_version)"
					 " VALUES(?,?,?,?,?)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, lexicon_id);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, only_new);
	sqlite3_bind_text(st, 5, qcode_version, -1, SQLITE_STATIC);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		db_error(d, "cannot start a coding run");
	sqlite3_finalize(st);
	/* under way before anyone can see it: locked before the commit */
	if (!ok || db_run_lock(d, run))
		return -1;
	st = db_prepare(d, "INSERT INTO run_themes(run_id, idx, key, label) VALUES(?,?,?,?)");
	if (!st)
		return -1;
	for (size_t t = 0; ok && t < set->nthemes; t++) {
		sqlite3_bind_int64(st, 1, run);
		sqlite3_bind_int(st, 2, (int)t);
		sqlite3_bind_text(st, 3, set->themes[t].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, set->themes[t].label, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		if (!ok)
			db_error(d, "cannot start a coding run");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int runstore_finish(db *d, long long run, long answers, int only_new)
{
	char now[24];
	db_now(now);
	if (db_begin_patient(d))
		return -1;
	sqlite3_stmt *st = db_prepare(d, "UPDATE runs SET finished = ?, answers = ?, only_new = ? WHERE id = ?");
	sqlite3_stmt *lt = db_prepare(d, "INSERT OR REPLACE INTO latest_runs(answer_id, run_id)"
					 " SELECT answer_id, run_id FROM coded WHERE run_id = ?");
	int ok = st && lt;
	if (ok) {
		sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, answers);
		sqlite3_bind_int(st, 3, only_new);
		sqlite3_bind_int64(st, 4, run);
		sqlite3_bind_int64(lt, 1, run);
		ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_step(lt) == SQLITE_DONE;
		if (!ok)
			db_error(d, "cannot finish the coding run");
	}
	sqlite3_finalize(st);
	sqlite3_finalize(lt);
	if (!ok || db_commit(d)) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int runstore_delete(db *d, long long run)
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
		if (!ok)
			db_error(d, "cannot remove an unfinished run");
		sqlite3_finalize(st);
		if (!ok)
			return -1;
	}
	return 0;
}

int runstore_remove_stopped(db *d, long long **runs, size_t *n)
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
		if (runstore_delete(d, (*runs)[i]))
			return -1;
	return 0;
}

/* The statements of a writer. */
struct runstore_stmts {
	sqlite3_stmt *coded; /* INSERT OR IGNORE INTO coded */
	sqlite3_stmt *codes; /* INSERT INTO codes */
	sqlite3_stmt *ev;    /* INSERT INTO evidence */
	sqlite3_stmt *last;  /* the latest import */
	sqlite3_stmt *from;  /* the import an answer's text is from */
};

int runstore_writer_init(runstore_writer *w, db *d, long long run)
{
	memset(w, 0, sizeof(*w));
	w->d = d;
	w->run = run;
	w->stmts = xcalloc(1, sizeof(*w->stmts));
	/* OR IGNORE: an answer stored twice is a duplicate, not an error */
	w->stmts->coded = db_prepare(d, "INSERT OR IGNORE INTO coded(run_id, answer_id) VALUES(?,?)");
	w->stmts->codes = db_prepare(d, "INSERT INTO codes(run_id, answer_id, theme, score, is_primary) VALUES(?,?,?,?,?)");
	w->stmts->ev = db_prepare(d, "INSERT INTO evidence(run_id, answer_id, theme, rule_id, start, end) VALUES(?,?,?,?,?,?)");
	w->stmts->last = db_prepare(d, "SELECT coalesce(max(id), 0) FROM imports");
	w->stmts->from = db_prepare(d, "SELECT import_id FROM answers WHERE id = ?");
	if (w->stmts->coded && w->stmts->codes && w->stmts->ev && w->stmts->last && w->stmts->from)
		return 0;
	runstore_writer_release(w);
	return -1;
}

void runstore_writer_release(runstore_writer *w)
{
	if (!w->stmts)
		return;
	sqlite3_finalize(w->stmts->coded);
	sqlite3_finalize(w->stmts->codes);
	sqlite3_finalize(w->stmts->ev);
	sqlite3_finalize(w->stmts->last);
	sqlite3_finalize(w->stmts->from);
	free(w->stmts);
	w->stmts = NULL;
}

/* Step an insert; reports and returns -1 on failure. The statement is reset. */
static int insert(runstore_writer *w, sqlite3_stmt *st)
{
	int ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		db_error(w->d, "cannot store codes");
	sqlite3_reset(st);
	return ok ? 0 : -1;
}

int runstore_answer(runstore_writer *w, long long answer)
{
	sqlite3_bind_int64(w->stmts->coded, 1, w->run);
	sqlite3_bind_int64(w->stmts->coded, 2, answer);
	if (insert(w, w->stmts->coded))
		return -1;
	return sqlite3_changes(db_sqlite(w->d)) > 0;
}

int runstore_code(runstore_writer *w, long long answer, const char *theme, double score,
		  int primary)
{
	sqlite3_bind_int64(w->stmts->codes, 1, w->run);
	sqlite3_bind_int64(w->stmts->codes, 2, answer);
	sqlite3_bind_text(w->stmts->codes, 3, theme, -1, SQLITE_STATIC);
	sqlite3_bind_double(w->stmts->codes, 4, score);
	sqlite3_bind_int(w->stmts->codes, 5, primary);
	return insert(w, w->stmts->codes);
}

int runstore_evidence(runstore_writer *w, long long answer, const char *theme, const char *rule,
		      long long start, long long end)
{
	sqlite3_bind_int64(w->stmts->ev, 1, w->run);
	sqlite3_bind_int64(w->stmts->ev, 2, answer);
	sqlite3_bind_text(w->stmts->ev, 3, theme, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->stmts->ev, 4, rule, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->stmts->ev, 5, start);
	sqlite3_bind_int64(w->stmts->ev, 6, end);
	return insert(w, w->stmts->ev);
}

int runstore_result(runstore_writer *w, long long answer, const lexicon_set *set,
		    const match_result *res)
{
	for (size_t t = 0; t < res->nthemes; t++)
		if (res->themes[t].coded &&
		    runstore_code(w, answer, set->themes[t].key, res->themes[t].score,
				  (int)t == res->primary))
			return -1;
	for (size_t e = 0; e < res->nev; e++) {
		const evidence *ev = &res->ev[e];
		const theme *th = &set->themes[ev->theme];
		if (runstore_evidence(w, answer, th->key, th->rules[ev->rule].id, ev->start, ev->end))
			return -1;
	}
	return 0;
}

/* The latest import's id (0 before any) by a prepared statement; -1
   after reporting `what`. */
static long long last_import(db *d, sqlite3_stmt *st, const char *what)
{
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (id < 0)
		db_error(d, what);
	return id;
}

long long runstore_last_import(runstore_writer *w)
{
	return last_import(w->d, w->stmts->last, "cannot store codes");
}

int runstore_text_from(runstore_writer *w, long long answer, long long import)
{
	sqlite3_stmt *st = w->stmts->from;
	sqlite3_bind_int64(st, 1, answer);
	int rc = sqlite3_step(st);
	int same = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == import;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(w->d, "cannot store codes");
	return same;
}

struct runstore_answers {
	db *d;
	sqlite3_stmt *sel;  /* a block of answers after an id */
	sqlite3_stmt *last; /* the latest import */
};

runstore_answers *runstore_answers_open(db *d, int only_new, long *total)
{
	const char *where = only_new
		? " WHERE NOT EXISTS (SELECT 1 FROM latest_runs l WHERE l.answer_id = a.id)"
		: " WHERE 1";
	runstore_answers *a = xcalloc(1, sizeof(*a));
	a->d = d;
	strbuf sql;
	sb_init(&sql);
	sb_addf(&sql, "SELECT count(*) FROM answers a%s", where);
	sqlite3_stmt *cnt = db_prepare(d, sql.buf);
	sb_reset(&sql);
	sb_addf(&sql, "SELECT a.id, a.ext_id, a.text, a.import_id FROM answers a%s"
		      " AND a.id > ?1 ORDER BY a.id LIMIT ?2", where);
	a->sel = db_prepare(d, sql.buf);
	sb_release(&sql);
	a->last = db_prepare(d, "SELECT coalesce(max(id), 0) FROM imports");
	int ok = cnt && a->sel && a->last;
	if (ok && sqlite3_step(cnt) == SQLITE_ROW)
		*total = (long)sqlite3_column_int64(cnt, 0);
	else if (ok)
		ok = db_error(d, "cannot read answers") == 0;
	sqlite3_finalize(cnt);
	if (!ok) {
		runstore_answers_close(a);
		return NULL;
	}
	return a;
}

long runstore_answers_read(runstore_answers *a, long long after, long max, long long *mark,
			   int (*fn)(void *arg, const runstore_answer_row *row), void *arg)
{
	/* the latest import first: one that comes between this and the read
	   below is seen when the codes are stored */
	if ((*mark = last_import(a->d, a->last, "cannot read answers")) < 0)
		return -1;
	sqlite3_bind_int64(a->sel, 1, after);
	sqlite3_bind_int64(a->sel, 2, max);
	long n = 0;
	int rc;
	while ((rc = sqlite3_step(a->sel)) == SQLITE_ROW) {
		const char *t = COL_TEXT(a->sel, 2);
		runstore_answer_row row = {
			sqlite3_column_int64(a->sel, 0), COL_TEXT(a->sel, 1), t ? t : "",
			(size_t)sqlite3_column_bytes(a->sel, 2), sqlite3_column_int64(a->sel, 3),
		};
		if (fn(arg, &row)) {
			sqlite3_reset(a->sel);
			return -1;
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		db_error(a->d, "cannot read answers");
		n = -1;
	}
	sqlite3_reset(a->sel); /* ends the read transaction */
	return n;
}

void runstore_answers_close(runstore_answers *a)
{
	if (!a)
		return;
	sqlite3_finalize(a->sel);
	sqlite3_finalize(a->last);
	free(a);
}
