/*
 * codings: a project's codings for eval (see codings.h).
 */
#include "codings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "store.h"

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

typedef struct view_ctx {
	const project_answers *pa;
	size_t k;          /* themes */
	eval_coding *c;
	int effective;
	size_t next;       /* the index of the next answer */
} view_ctx;

static int take_view(const answer_view *v, void *ctx)
{
	view_ctx *x = ctx;
	while (x->pa->ids[x->next] != v->id)
		x->next++;
	size_t u = x->next++;
	x->c->has[u] = x->effective ? 1 : (unsigned char)v->decided;
	for (size_t t = 0; t < x->k; t++)
		x->c->codes[u * x->k + t] = (unsigned char)v->coded[t];
	x->c->primary[u] = v->primary;
	return 0;
}

int codings_view(reviewer *rv, const project_answers *pa, const char *coder, int effective,
		 eval_coding *c)
{
	reviewer view = *rv;
	view.coder = coder;
	view.blind = !effective;
	/* the answers in one pass over the project (reviewer_each) */
	long long *ids = xcalloc(pa->n + 1, sizeof(long long));
	size_t n = 0;
	for (size_t u = 0; u < pa->n; u++)
		if (pa->in[u])
			ids[n++] = pa->ids[u];
	view_ctx x = { pa, rv->nthemes, c, effective, 0 };
	int rc = reviewer_each(&view, ids, n, take_view, &x);
	free(ids);
	return rc;
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
