/*
 * codings: a project's codings for eval (see codings.h).
 */
#include "codings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct machine_ctx {
	const reviewer *rv;
	const project_answers *pa;
	eval_coding *c;
} machine_ctx;

static int take_machine(long long answer, long long run, const char *theme, double score, int primary,
			void *ctx)
{
	(void)run;
	(void)score;
	machine_ctx *x = ctx;
	long u = project_answer_index(x->pa, answer);
	if (u < 0)
		return 0;
	x->c->has[u] = 1;
	int t = theme ? reviewer_theme(x->rv, theme) : -1;
	if (t < 0)
		return 0;
	x->c->codes[(size_t)u * x->rv->nthemes + (size_t)t] = 1;
	if (primary)
		x->c->primary[u] = t;
	return 0;
}

int codings_machine(reviewer *rv, const project_answers *pa, eval_coding *c)
{
	machine_ctx x = { rv, pa, c };
	return project_machine_each(rv->d, take_machine, &x);
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
	int rc = reviewer_scan(&view, ids, n, 0, take_view, &x);
	free(ids);
	return rc;
}

int codings_coders(db *d, char ***names, size_t *n)
{
	return project_coders(d, names, n);
}
