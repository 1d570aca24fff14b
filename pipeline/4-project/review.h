/*
 * review: human decisions on theme assignments -- what an answer looks
 * like to a reviewer (machine codes, evidence, effective codes), for one
 * answer or every one in a pass, recording a batch of decisions in one
 * transaction, undo, review queues and the decision history. Part of the
 * project layer (project.h).
 *
 * Effective codes, the one rule every command uses: the machine codes of
 * the answer's latest finished run, then every live decision in order --
 * add and remove set a theme, none clears every theme and every primary
 * decision before it, primary chooses the primary theme (it does not add
 * it). The primary is the last primary decision whose theme is still
 * coded, else the machine's primary if still coded, else the coded theme
 * with the highest machine score (0 for one only a human coded), the
 * first key of those alike. The database's effective_codes and
 * effective_primary views say the same for SQL (test_project checks that
 * they agree); blind review starts from no machine codes, uses one
 * coder's decisions only, and has no machine primary.
 */
#ifndef QCODE_REVIEW_H
#define QCODE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

typedef struct review_span {
	int theme;        /* theme index */
	uint32_t start;   /* byte span in the answer text */
	uint32_t end;
	char *rule;       /* the id of the rule that matched */
} review_span;

/* One answer as a reviewer sees it. Arrays are per theme index. */
typedef struct answer_view {
	long long id;         /* database id */
	char *ext_id;         /* the survey's id */
	char *text;           /* the answer ("" when the pass does not read it) */
	int empty;            /* the answer is empty (white space only) */
	char **attr_name;     /* group variables */
	char **attr_value;    /* their values ("" for none) */
	size_t nattrs;
	long long run;        /* the latest finished run that coded it, or 0 */
	int *machine;         /* coded by that run */
	double *score;        /* its machine score */
	int machine_primary;  /* theme index or -1 */
	int *coded;           /* effective codes */
	int *human;           /* the effective code comes from a live decision */
	char **who;           /* the coder of the last live add or primary decision on
	                         each theme (NULL where none), or NULL without decisions */
	int primary;          /* effective primary or -1 */
	review_span *spans;   /* evidence of the latest run, by start */
	size_t nspans;
	int decided;          /* has live decisions (of this coder when blind) */
	size_t nthemes;       /* places in the arrays per theme */
	size_t ext_alloc;     /* bytes allocated for ext_id and text (a pass reuses them) */
	size_t text_alloc;
} answer_view;

typedef struct reviewer {
	db *d;                /* borrowed */
	char **keys;          /* theme keys, in display order (project_themes) */
	char **labels;        /* their labels */
	size_t nthemes;
	const char *coder;    /* who decides */
	int blind;            /* hide machine codes; only this coder's decisions */
} reviewer;

/*
 * Set up with the project's themes (project_themes, with the lexicons of
 * lex_dir before any run has finished). Returns -1 after reporting when
 * there are none.
 */
int reviewer_init(reviewer *rv, db *d, const char *coder, int blind, const char *lex_dir);
/* The same, where a project without themes is none of the reviewer's concern. */
int reviewer_init_any(reviewer *rv, db *d, const char *coder, int blind, const char *lex_dir);
void reviewer_release(reviewer *rv);

/* Theme index of a key, or -1. */
int reviewer_theme(const reviewer *rv, const char *key);

/* Database id of an answer by its survey id, or -1 when there is none. */
long long reviewer_answer_id(reviewer *rv, const char *ext_id);

void answer_view_release(answer_view *v);
/* Load an answer; 0, or -1 after reporting. */
int reviewer_load(reviewer *rv, long long id, answer_view *v);

/* What a pass over answers reads besides the codes and decisions. */
enum view_parts {
	VIEW_TEXT = 1,     /* the text */
	VIEW_ATTRS = 2,    /* the group variables */
	VIEW_EVIDENCE = 4, /* the evidence */
	VIEW_ALL = 7,
};

/*
 * Call fn with the view of each answer of ids[0..n) in turn (the view is
 * borrowed for the call), with the parts of enum view_parts asked for.
 * Ascending ids are read in one pass over the project (a cursor per
 * table), however many there are; others one at a time. Stops at the
 * first fn that does not return 0 and returns what it returned, or -1
 * after reporting a database error.
 */
int reviewer_scan(reviewer *rv, const long long *ids, size_t n, unsigned parts,
		  int (*fn)(const answer_view *v, void *ctx), void *ctx);
/* The same for every answer of the project, in import order, in one pass. */
int reviewer_all(reviewer *rv, unsigned parts, int (*fn)(const answer_view *v, void *ctx), void *ctx);
/* reviewer_scan of every part. */
int reviewer_each(reviewer *rv, const long long *ids, size_t n,
		  int (*fn)(const answer_view *v, void *ctx), void *ctx);

/* The effective codes of the project counted, as `qcode summary` shows them. */
typedef struct code_counts {
	long answers;    /* answers */
	long empty;      /* of which empty */
	long uncoded;    /* non-empty answers without a theme */
	long *coded;     /* per theme: answers coded with it */
	long *primary;   /* per theme: answers with it as their primary theme */
} code_counts;

/* Count every answer as rv sees it; 0, or -1 after reporting. Release in any case. */
int reviewer_counts(reviewer *rv, code_counts *c);
void code_counts_release(code_counts *c);

/*
 * What a coder was shown of an answer, as a version: the last decision on
 * it the coder sees (blind: their own) in *decision, the run that coded it
 * in *run (0 when blind, or none), 0 for none. Returns 0, or -1 after
 * reporting.
 */
int reviewer_version(reviewer *rv, long long id, long long *decision, long long *run);

enum decision_action { DEC_ADD, DEC_REMOVE, DEC_PRIMARY, DEC_NONE, DEC_ACCEPT };

typedef struct decision {
	int action; /* enum decision_action */
	int theme;  /* theme index, or -1 for none/accept */
} decision;

/*
 * Record decisions on one answer as one batch, in one transaction (the
 * caller's, when one is open: it then commits or rolls back); an accept
 * also records the themes and primary shown in v. Returns the batch id,
 * or -1 after reporting.
 */
long long reviewer_decide(reviewer *rv, const answer_view *v, const decision *ops, size_t n,
			  const char *note);

/*
 * Take back this coder's last live batch. Returns 1 and the answer's id in
 * *answer, 0 when there is nothing to undo, -1 after reporting.
 */
int reviewer_undo(reviewer *rv, long long *answer);

/*
 * The answers of a queue ("all", "uncoded", "multi", "low", "changed"),
 * optionally only those coded with theme (or NULL), in id order; with
 * sample > 0, a reproducible random sample of that many (seed). low is
 * the machine score under which an answer's coding counts as low. The
 * codes a queue goes by are the project's effective codes, also for a
 * blind reviewer.
 */
int reviewer_queue(reviewer *rv, const char *queue, const char *theme, double low,
		   long sample, unsigned long seed, long long **ids, size_t *n);

/* One row of the decision history: its columns as text, never NULL. */
typedef struct history_row {
	const char *col[9];  /* 0 decision id ('-' for a text row), 1 batch, 2 survey id,
	                        3 action ('text' for a text row), 4 theme, 5 coder,
	                        6 time, 7 note, 8 'undone' or '' */
	size_t len[9];       /* their lengths in bytes */
} history_row;

/*
 * The decision history, one row per decision in the order they were made,
 * of the answer with survey id ext_id (NULL: every answer), with a row
 * where import --replace gave such an answer a new text (after the last
 * decision made on the old one). With coder not NULL, only that coder's
 * decisions and no text rows. fn gets each row (borrowed for the call);
 * returns 0, what fn returned when that was not 0, or -1 after reporting.
 */
int reviewer_history(reviewer *rv, const char *ext_id, const char *coder,
		     int (*fn)(const history_row *row, void *ctx), void *ctx);

#endif
