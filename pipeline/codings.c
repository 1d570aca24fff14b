/*
 * codings: a project's codings for eval (see codings.h).
 */
#include "codings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct machine_ctx {
	const project_answers *pa;
	eval_coding *c;
} machine_ctx;

static int take_machine(const answer_view *v, void *ctx)
{
	machine_ctx *x = ctx;
	long u = project_answer_index(x->pa, v->id);
	if (u < 0 || !v->run)
		return 0;
	size_t k = v->nthemes;
	x->c->has[u] = 1;
	for (size_t t = 0; t < k; t++)
		x->c->codes[(size_t)u * k + t] = (unsigned char)v->machine[t];
	x->c->primary[u] = v->machine_primary;
	return 0;
}

int codings_machine(reviewer *rv, const project_answers *pa, eval_coding *c)
{
	/* the machine's codes of every answer, in one pass over the project */
	machine_ctx x = { pa, c };
	reviewer view = *rv;
	view.blind = 0;
	return reviewer_all(&view, 0, take_machine, &x);
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
