/*
 * codings: a project's codings for eval (see codings.h).
 */
#include "codings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int codings_machine(reviewer *rv, const project_answers *pa, eval_coding *c)
{
	size_t k = rv->nthemes;
	sqlite3_stmt *st = db_prepare(rv->d,
		"SELECT l.answer_id, m.theme, m.is_primary FROM latest_coded l"
		" LEFT JOIN machine_codes m ON m.answer_id = l.answer_id");
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long u = project_answer_index(pa, sqlite3_column_int64(st, 0));
		if (u < 0)
			continue;
		c->has[u] = 1;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		int t = reviewer_theme(rv, (const char *)sqlite3_column_text(st, 1));
		if (t < 0)
			continue;
		c->codes[(size_t)u * k + (size_t)t] = 1;
		if (sqlite3_column_int(st, 2))
			c->primary[u] = t;
	}
	sqlite3_finalize(st);
	return 0;
}

int codings_view(reviewer *rv, const project_answers *pa, const char *coder, int effective,
		 eval_coding *c)
{
	size_t k = rv->nthemes;
	reviewer view = *rv;
	view.coder = coder;
	view.blind = !effective;
	answer_view v;
	memset(&v, 0, sizeof(v));
	for (size_t u = 0; u < pa->n; u++) {
		if (!pa->in[u])
			continue;
		if (reviewer_load(&view, pa->ids[u], &v)) {
			answer_view_release(&v);
			return -1;
		}
		c->has[u] = effective ? 1 : (unsigned char)v.decided;
		for (size_t t = 0; t < k; t++)
			c->codes[u * k + t] = (unsigned char)v.coded[t];
		c->primary[u] = v.primary;
	}
	answer_view_release(&v);
	return 0;
}

int codings_coders(db *d, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(d,
		"SELECT DISTINCT coder FROM live_decisions ORDER BY coder");
	if (!st)
		return -1;
	size_t alloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ALLOC_GROW(*names, *n + 1, alloc);
		(*names)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return 0;
}
