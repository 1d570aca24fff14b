/*
 * project: answers and subsets of a project (see project.h).
 */
#include "project.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

int project_answers_load(db *d, project_answers *a)
{
	memset(a, 0, sizeof(*a));
	strmap_init(&a->by_ext, 16);
	sqlite3_stmt *st = db_prepare(d, "SELECT id, ext_id, text FROM answers ORDER BY id");
	if (!st)
		return -1;
	size_t alloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (a->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			a->ids = xrealloc(a->ids, alloc * sizeof(*a->ids));
			a->ext = xrealloc(a->ext, alloc * sizeof(*a->ext));
			a->text = xrealloc(a->text, alloc * sizeof(*a->text));
		}
		a->ids[a->n] = sqlite3_column_int64(st, 0);
		a->ext[a->n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->text[a->n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		strmap_put(&a->by_ext, a->ext[a->n], (int)a->n);
		a->n++;
	}
	int rc = sqlite3_finalize(st) == SQLITE_OK ? 0 : db_error(d, "cannot read the answers");
	a->in = xmalloc(a->n + 1);
	memset(a->in, 1, a->n + 1);
	return rc;
}

void project_answers_release(project_answers *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->ext[i]);
		free(a->text[i]);
	}
	free(a->ids);
	free(a->ext);
	free(a->text);
	free(a->in);
	strmap_release(&a->by_ext);
	memset(a, 0, sizeof(*a));
}

long long project_answer_id(db *d, const char *ext_id)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT id FROM answers WHERE ext_id = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return id;
}

long project_answer_index(const project_answers *a, long long id)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->ids[lo] == id ? (long)lo : -1;
}

int project_where(db *d, project_answers *a, const char *cond)
{
	const char *eq = strchr(cond, '=');
	if (!eq || eq == cond) {
		error_set_code(EXIT_USAGE);
		return error("--where takes COLUMN=VALUE, not '%s'", cond);
	}
	char *col = xstrndup(cond, (size_t)(eq - cond));
	sqlite3_stmt *st = db_prepare(d,
		"SELECT answer_id, coalesce(value, '') = ? FROM attributes WHERE name = ?");
	if (!st) {
		free(col);
		return -1;
	}
	sqlite3_bind_text(st, 1, eq + 1, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	unsigned char *match = xcalloc(a->n + 1, 1);
	long rows = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long i = project_answer_index(a, sqlite3_column_int64(st, 0));
		rows++;
		if (i >= 0 && sqlite3_column_int(st, 1))
			match[i] = 1;
	}
	sqlite3_finalize(st);
	int rc = 0;
	if (!rows) {
		strbuf cols;
		sb_init(&cols);
		st = db_prepare(d, "SELECT DISTINCT name FROM attributes ORDER BY name");
		while (st && sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&cols, "%s%s", cols.len ? ", " : "", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		error_set_code(EXIT_USAGE);
		rc = error("--where %s: the project has no column '%s' (its columns: %s)", cond, col,
			   cols.len ? cols.buf : "none; import with --group COL");
		sb_release(&cols);
	}
	for (size_t i = 0; i < a->n; i++)
		a->in[i] &= match[i];
	free(match);
	free(col);
	return rc;
}

void project_latest_run(db *d, long long *run, char hash[16])
{
	*run = 0;
	snprintf(hash, 16, "-");
	sqlite3_stmt *st = db_prepare(d,
		"SELECT r.id, substr(l.hash, 1, 12) FROM runs r JOIN lexicon_versions l ON l.id = r.lexicon_id"
		" WHERE r.finished IS NOT NULL ORDER BY r.id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		*run = sqlite3_column_int64(st, 0);
		snprintf(hash, 16, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
}

char *project_question(db *d)
{
	char *question = NULL;
	sqlite3_stmt *st = db_prepare(d,
		"SELECT label FROM questions WHERE role = 'text' ORDER BY import_id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		question = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return question;
}
