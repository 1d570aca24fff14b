/*
 * project: the project layer -- every query of a project database outside
 * the schema (db.c) is made here or in its companions (store_import.c:
 * importing answers; review.c: decisions, effective codes and the views
 * of answers; runstore.c, runimport.c: coding runs). This file: the
 * answers (all at once, one by one, subsets by an imported column), the
 * project's themes, its group variables and question texts, and its runs.
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

/*
 * The project's themes: one list that every command shows, in this order
 *   1. the latest finished coding run's themes, in the run's order (before
 *      any run has finished: those of the lexicons in lex_dir, when it is
 *      not NULL, so that coders can decide before the machine codes);
 *   2. the themes of earlier runs whose codes are still in force (a run
 *      of only the new answers leaves the others their earlier codes);
 *   3. the themes that only live human decisions add, by key: a theme a
 *      human coded never silently disappears from any output, whatever
 *      the lexicons say now.
 * Each has the label of the latest finished run that has it, else the
 * lexicon's, else its key. Every machine code in force and every live
 * decision that adds a theme is of one of them.
 */
typedef struct theme_list {
	char **keys;   /* theme keys, in the order above */
	char **labels; /* their labels */
	size_t n;      /* themes */
} theme_list;

/* Fill t (released by the caller in any case); 0, or -1 after reporting. */
int project_themes(db *d, const char *lex_dir, theme_list *t);
void theme_list_release(theme_list *t);
/* Index of a theme key, or -1. */
int theme_list_index(const theme_list *t, const char *key);

/* Load every answer; 0, or -1 after reporting. Release in any case. */
int project_answers_load(db *d, project_answers *a);
void project_answers_release(project_answers *a);

/* The database id of the answer with survey id ext_id, or -1 when there is none. */
long long project_answer_id(db *d, const char *ext_id);

/* Index of the answer with database id, or -1. */
long project_answer_index(const project_answers *a, long long id);

/*
 * Call fn with each answer's survey id and text (borrowed for the call,
 * with their lengths), in import order; with only_new, only the answers
 * no finished run has coded. Stops at the first fn that does not return
 * 0 and returns what it returned; -1 after reporting.
 */
int project_answers_each(db *d, int only_new,
			 int (*fn)(const char *ext, size_t ext_len, const char *text, size_t text_len,
				   void *ctx),
			 void *ctx);

/*
 * Call fn(i, text, len, ctx) with the text of the answer with database id
 * ids[i], for each i in turn (an id that is no answer's is passed over).
 * Stops and returns as project_answers_each does.
 */
int project_texts_each(db *d, const long long *ids, size_t n,
		       int (*fn)(size_t i, const char *text, size_t len, void *ctx), void *ctx);

/*
 * Narrow the subset to the answers whose imported column COL has VALUE
 * (cond is "COL=VALUE"). Returns 0, or -1 after reporting a condition that
 * is not COL=VALUE or a column the project does not have (naming those it
 * has), with the exit code set to EXIT_USAGE.
 */
int project_where(db *d, project_answers *a, const char *cond);

/* ---- group variables and question texts ---- */

/*
 * The group variables (imported columns) of the project, by name, into
 * *names (n of them; the caller frees each and the array). 0, or -1
 * after reporting.
 */
int project_groups(db *d, char ***names, size_t *n);

/*
 * Whether the project has the group variable name (1, else 0); the names
 * there are are appended to names ("a, b") for a message. -1 after
 * reporting.
 */
int project_has_group(db *d, const char *name, strbuf *names);

/*
 * Call fn with each value of the group variable name (NULL: of every one)
 * by answer in import order, then name: value is NULL where the answer's
 * column was empty; an answer without the variable has no call. Stops
 * and returns as project_answers_each does.
 */
int project_attributes_each(db *d, const char *name,
			    int (*fn)(long long answer, const char *name, const char *value, void *ctx),
			    void *ctx);

/* The values of one group variable by answer, to look up in ascending answer order. */
typedef struct group_values {
	long long *ids;  /* the answers with the variable, ascending */
	char **values;   /* their values (NULL: left empty) */
	size_t n, alloc;
	size_t next;     /* where the next look-up starts */
} group_values;

/* Load the values of group variable name; 0, or -1 after reporting. Release in any case. */
int project_group_values(db *d, const char *name, group_values *g);
/* The value of answer id, NULL when it has none; ids must come in ascending order. */
const char *group_value_of(group_values *g, long long id);
void group_values_release(group_values *g);

/*
 * The question text imported for a column of role "text", "id" or "group"
 * (name NULL: any of that role), from the latest import that named it;
 * malloc'ed, or NULL when none did.
 */
char *project_question_of(db *d, const char *role, const char *name);

/*
 * The open question's text, as the latest import's survey export or .sav
 * named it (the caller frees it), or NULL when no import named it.
 */
char *project_question(db *d);

/* ---- runs and decisions ---- */

/* A coding run, as `qcode runs` lists it (strings borrowed for the call). */
typedef struct project_run {
	long long id;         /* run number */
	const char *started;  /* when it started */
	const char *finished; /* when it finished, or NULL */
	long answers;         /* answers it coded (finished) or stored so far */
	long with_theme;      /* of which with a theme */
	const char *lexicon;  /* the first 12 digits of its lexicon hash */
	const char *stemmer;  /* the stemmer recorded with it */
	int only_new;         /* it coded part of the answers */
} project_run;

/* Call fn with every run in order; stops and returns as project_answers_each does. */
int project_runs_each(db *d, int (*fn)(const project_run *r, void *ctx), void *ctx);

/* 1 when run is a finished run, 0 when not, -1 after reporting. */
int project_run_finished(db *d, long long run);

/*
 * The answers coded by both finished runs a and b whose codes differ:
 * fn(survey id, a's codes, b's codes, ctx) in import order, the codes as
 * "theme;theme*" by key with the primary marked *, the lengths in len.
 * Stops and returns as project_answers_each does.
 */
int project_diff(db *d, long long a, long long b,
		 int (*fn)(const char *const col[3], const size_t len[3], void *ctx), void *ctx);

/*
 * The machine codes in force -- of each answer's latest finished run --
 * by answer: fn(answer, run, theme, score, primary, ctx) for each theme
 * coded, and once with theme NULL for an answer its run coded with none.
 * Stops and returns as project_answers_each does.
 */
int project_machine_each(db *d,
			 int (*fn)(long long answer, long long run, const char *theme, double score,
				   int primary, void *ctx),
			 void *ctx);

/*
 * The rules behind the machine codes in force: fn(answer, theme, rule,
 * ctx) once for each answer, theme and rule with evidence in its latest
 * run. Stops and returns as project_answers_each does.
 */
int project_rules_each(db *d, int (*fn)(long long answer, const char *theme, const char *rule, void *ctx),
		       void *ctx);

/*
 * The latest finished coding run: its id in *run and the first 12 digits
 * of its lexicon hash in hash; 0 and "-" when no run has finished.
 */
void project_latest_run(db *d, long long *run, char hash[16]);

/* The latest finished run as a method note names it. */
typedef struct project_run_info {
	long long id;     /* 0 when no run has finished */
	char hash[16];    /* the first 12 digits of its lexicon hash */
	char *stemmer;    /* the rest malloc'ed, NULL without a run */
	char *finished;
	char *version;    /* the qcode that coded it */
} project_run_info;

int project_latest_run_info(db *d, project_run_info *r);
void project_run_info_release(project_run_info *r);

/* What a method note says of the answers and the review. */
typedef struct project_stats {
	long long answers;   /* answers */
	long long empty;     /* of which empty */
	long long decisions; /* live decisions */
	char *coders;     /* the coders who made them, "a, b" by name; NULL for none */
} project_stats;

int project_stats_get(db *d, project_stats *s);
void project_stats_release(project_stats *s);

/*
 * The coders with live decisions, by name, into *names (n of them; the
 * caller frees each and the array). 0, or -1 after reporting.
 */
int project_coders(db *d, char ***names, size_t *n);

/*
 * The database ids of the answers with live decisions (of coder; NULL:
 * of anyone), ascending, into *ids (malloc'ed, n of them). 0, or -1 after
 * reporting.
 */
int project_decided(db *d, const char *coder, long long **ids, size_t *n);

#endif
