/*
 * store_import: importing answers (see store_import.h).
 */
#include "store_import.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The statements of an import, in the order they are made. */
enum {
	S_FIND,      /* an answer by its id: id, import, same text */
	S_INSERT,    /* a new answer */
	S_UPDATE,    /* an answer replaced */
	S_ATTR,      /* a group value */
	S_CHANGED,   /* a new text, marked after the last decision */
	S_UNLATEST,  /* its machine codes out of force */
	S_DECIDED,   /* whether it has decisions */
	S_UNRUN_EV,  /* what unfinished runs stored of it */
	S_UNRUN_CODES,
	S_UNRUN_CODED,
	S_QUESTION,  /* a column's question text */
	NSTMT
};

static const char *const import_sql[NSTMT] = {
	"SELECT id, import_id, text = ?2 FROM answers WHERE ext_id = ?1",
	"INSERT INTO answers(ext_id, import_id, text, empty) VALUES(?,?,?,?)",
	"UPDATE answers SET import_id = ?, text = ?, empty = ? WHERE id = ?",
	/* the groups this file gives; an answer keeps the others it has */
	"INSERT OR REPLACE INTO attributes(answer_id, name, value) VALUES(?,?,?)",
	/* a new text: the machine codes and evidence of the old one go (the
	   evidence points into it), the human decisions stay, marked */
	"INSERT INTO text_changes(answer_id, import_id, at, after_decision)"
	" SELECT ?1, ?2, ?3, coalesce(max(id), 0) FROM decisions",
	"DELETE FROM latest_runs WHERE answer_id = ?1",
	"SELECT EXISTS (SELECT 1 FROM decisions WHERE answer_id = ?1)",
#define UNFINISHED " WHERE answer_id = ?1 AND run_id IN (SELECT id FROM runs WHERE finished IS NULL)"
	"DELETE FROM evidence" UNFINISHED,
	"DELETE FROM codes" UNFINISHED,
	"DELETE FROM coded" UNFINISHED,
#undef UNFINISHED
	/* the question texts of the columns imported: the latest import's stand */
	"INSERT OR REPLACE INTO questions(name, role, label, import_id) VALUES(?,?,?,?)",
};

struct store_import {
	db *d;
	int mode;               /* enum store_import_mode */
	long long import;       /* its row in imports */
	long long answer;       /* the answer stored last */
	char now[24];           /* when it was made */
	sqlite3_stmt *st[NSTMT];
	store_import_counts counts;
};

/* Step a statement that returns no rows, then reset it; 0, or -1 after reporting. */
static int done(store_import *im, int s)
{
	int ok = sqlite3_step(im->st[s]) == SQLITE_DONE;
	sqlite3_reset(im->st[s]);
	return ok ? 0 : db_error(im->d, "cannot import");
}

static void import_free(store_import *im)
{
	for (int s = 0; s < NSTMT; s++)
		sqlite3_finalize(im->st[s]);
	free(im);
}

void store_import_abort(store_import *im)
{
	if (!im)
		return;
	db *d = im->d;
	import_free(im);
	db_rollback(d);
}

store_import *store_import_begin(db *d, const char *file, const char *format, const char *source,
				 int mode)
{
	if (db_begin(d))
		return NULL;
	store_import *im = xcalloc(1, sizeof(*im));
	im->d = d;
	im->mode = mode;
	db_now(im->now);
	sqlite3_stmt *st = db_prepare(d, "INSERT INTO imports(file, sha256, format, source, rows, created)"
					 " VALUES(?,?,?,?,0,?)");
	int ok = st != NULL;
	if (ok) {
		sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "", -1, SQLITE_STATIC); /* known at the end */
		sqlite3_bind_text(st, 3, format, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, im->now, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		if (!ok)
			db_error(d, "cannot import");
		im->import = sqlite3_last_insert_rowid(db_sqlite(d));
	}
	sqlite3_finalize(st);
	for (int s = 0; ok && s < NSTMT; s++)
		ok = (im->st[s] = db_prepare(d, import_sql[s])) != NULL;
	if (!ok) {
		store_import_abort(im);
		return NULL;
	}
	return im;
}

int store_import_question(store_import *im, const char *name, const char *role, const char *label)
{
	sqlite3_stmt *st = im->st[S_QUESTION];
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, im->import);
	return done(im, S_QUESTION);
}

/* An answer's text replaced: its machine codes go, its decisions are marked. */
static int new_text(store_import *im, long long aid)
{
	sqlite3_stmt *st = im->st[S_CHANGED];
	sqlite3_bind_int64(st, 1, aid);
	sqlite3_bind_int64(st, 2, im->import);
	sqlite3_bind_text(st, 3, im->now, -1, SQLITE_STATIC);
	if (done(im, S_CHANGED))
		return -1;
	static const int each[4] = { S_UNLATEST, S_UNRUN_EV, S_UNRUN_CODES, S_UNRUN_CODED };
	for (int k = 0; k < 4; k++) {
		sqlite3_bind_int64(im->st[each[k]], 1, aid);
		if (done(im, each[k]))
			return -1;
	}
	st = im->st[S_DECIDED];
	sqlite3_bind_int64(st, 1, aid);
	int ok = sqlite3_step(st) == SQLITE_ROW;
	im->counts.new_text_decided += ok && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	im->counts.new_text++;
	return ok ? 0 : db_error(im->d, "cannot import");
}

int store_import_put(store_import *im, const char *id, size_t id_len, const char *text, size_t text_len,
		     int empty)
{
	sqlite3_stmt *st = im->st[S_FIND];
	sqlite3_bind_text(st, 1, id, (int)id_len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text, (int)text_len, SQLITE_STATIC);
	int found = sqlite3_step(st);
	long long aid = found == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	long long prev_import = found == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	int same_text = found == SQLITE_ROW && sqlite3_column_int(st, 2) == 1;
	sqlite3_reset(st);
	if (found != SQLITE_ROW && found != SQLITE_DONE)
		return db_error(im->d, "cannot import");
	if (found == SQLITE_ROW && prev_import == im->import)
		return PUT_DUPLICATE;
	if (found == SQLITE_ROW && im->mode == IMPORT_SKIP)
		return PUT_SKIPPED;
	if (found == SQLITE_ROW && im->mode != IMPORT_REPLACE)
		return PUT_EXISTS;
	if (found == SQLITE_ROW) {
		st = im->st[S_UPDATE];
		sqlite3_bind_int64(st, 1, im->import);
		sqlite3_bind_text(st, 2, text, (int)text_len, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, empty);
		sqlite3_bind_int64(st, 4, aid);
		if (done(im, S_UPDATE) || (!same_text && new_text(im, aid)))
			return -1;
		im->answer = aid;
		return PUT_REPLACED;
	}
	st = im->st[S_INSERT];
	sqlite3_bind_text(st, 1, id, (int)id_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, im->import);
	sqlite3_bind_text(st, 3, text, (int)text_len, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, empty);
	if (done(im, S_INSERT))
		return -1;
	im->answer = sqlite3_last_insert_rowid(db_sqlite(im->d));
	return PUT_NEW;
}

int store_import_group(store_import *im, const char *name, const char *value, size_t len)
{
	sqlite3_stmt *st = im->st[S_ATTR];
	sqlite3_bind_int64(st, 1, im->answer);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (value && len)
		sqlite3_bind_text(st, 3, value, (int)len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	return done(im, S_ATTR);
}

int store_import_finish(store_import *im, long rows, const char *sha256, store_import_counts *counts)
{
	sqlite3_stmt *st = db_prepare(im->d, "UPDATE imports SET rows = ?, sha256 = ? WHERE id = ?");
	int ok = st != NULL;
	if (ok) {
		sqlite3_bind_int64(st, 1, rows);
		sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, im->import);
		ok = sqlite3_step(st) == SQLITE_DONE;
		if (!ok)
			db_error(im->d, "database error");
	}
	sqlite3_finalize(st);
	if (ok)
		*counts = im->counts;
	db *d = im->d;
	import_free(im);
	if (!ok || db_commit(d)) {
		db_rollback(d);
		return -1;
	}
	return 0;
}
