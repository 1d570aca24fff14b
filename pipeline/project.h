/*
 * project: what commands read from a project database beyond a single
 * answer -- every answer at once, with its survey id and text, and subsets
 * by an imported column (--where COL=VALUE).
 */
#ifndef QCODE_PROJECT_H
#define QCODE_PROJECT_H

#include <stddef.h>

#include "db.h"
#include "util.h"

/* Every answer of a project, in import order. */
typedef struct project_answers {
	long long *ids;    /* database ids, ascending */
	char **ext;        /* survey ids */
	char **text;       /* texts */
	size_t n;          /* answers */
	strmap by_ext;     /* survey id -> index */
	unsigned char *in; /* in[i]: answer i is in the subset (all, until project_where) */
} project_answers;

/* Load every answer; 0, or -1 after reporting. Release in any case. */
int project_answers_load(db *d, project_answers *a);
void project_answers_release(project_answers *a);

/* The database id of the answer with survey id ext_id, or -1 when there is none. */
long long project_answer_id(db *d, const char *ext_id);

/* Index of the answer with database id, or -1. */
long project_answer_index(const project_answers *a, long long id);

/*
 * Narrow the subset to the answers whose imported column COL has VALUE
 * (cond is "COL=VALUE"). Returns 0, or -1 after reporting a condition that
 * is not COL=VALUE or a column the project does not have (naming those it
 * has), with the exit code set to EXIT_USAGE.
 */
int project_where(db *d, project_answers *a, const char *cond);

/*
 * The latest finished coding run: its id in *run and the first 12 digits
 * of its lexicon hash in hash; 0 and "-" when no run has finished.
 */
void project_latest_run(db *d, long long *run, char hash[16]);

/*
 * The open question's text, as the latest import's survey export or .sav
 * named it (the caller frees it), or NULL when no import named it.
 */
char *project_question(db *d);

#endif
