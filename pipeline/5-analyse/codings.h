/*
 * codings: a project's codings of its answers as eval compares them --
 * the machine's (the latest finished run of each answer), one coder's own
 * decisions (as that coder sees them in blind review), or the effective
 * codes (every coder's decisions on top of the machine's) -- and the
 * coders who have decided.
 */
#ifndef QCODE_CODINGS_H
#define QCODE_CODINGS_H

#include <stddef.h>

#include "eval.h"
#include "project.h"
#include "review.h"

/*
 * c (made by eval_coding_init for pa->n answers and rv->nthemes themes)
 * gets the machine's codes and primaries of every answer a finished run
 * coded: has[u] is set for those. Returns 0, or -1 after reporting.
 */
int codings_machine(reviewer *rv, const project_answers *pa, eval_coding *c);

/*
 * c gets, for the answers with pa->in set, coder's own decisions (has[u]
 * for the answers the coder decided) or, with effective, the effective
 * codes (has[u] for every one; coder is then not used). Returns 0, or -1
 * after reporting.
 */
int codings_view(reviewer *rv, const project_answers *pa, const char *coder, int effective,
		 eval_coding *c);

/*
 * The coders with live decisions, by name (so that a pair of them is
 * always compared the same way round), into *names (n of them; free each and the array). Returns 0, or -1
 * after reporting.
 */
int codings_coders(db *d, char ***names, size_t *n);

#endif
