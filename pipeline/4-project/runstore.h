/*
 * runstore: a coding run in the project database, stored the one way
 * every coder stores it -- `qcode code` on this machine, `qcode
 * import-codes` for codes made elsewhere.
 *
 * A run is made under way in a transaction of the caller's (its row in
 * runs, its themes in run_themes, and a lock that says it is running,
 * taken before the commit makes it visible); its answers, codes and
 * evidence are stored in short transactions of the caller's; one
 * transaction finishes it and makes it the latest run of every answer it
 * coded (latest_runs), so that until then the codes before it stay in
 * force. A run that does not finish is removed: by its coder when it
 * fails, else by the next `qcode code` once its lock is gone.
 */
#ifndef QCODE_RUNSTORE_H
#define QCODE_RUNSTORE_H

#include "db.h"
#include "lexicon.h"
#include "match.h"
#include "util.h"

/* The lexicon files as a run records them: a JSON array of
   {"file", "key", "sha256"}, one per theme, names within the folder. */
void runstore_files_json(strbuf *out, const lexicon_set *set);

/*
 * The id of the lexicon version hash (with the stemmer and files it is
 * recorded with when it is new; *created is then set to 1, else 0). In
 * the caller's transaction; -1 after reporting.
 */
long long runstore_lexicon_version(db *d, const char *hash, const char *stemmer,
				   const char *files, int *created);
/* The lexicon version of set with this build's stemmer, as above. */
long long runstore_lexicon_of(db *d, const lexicon_set *set, int *created);

/* The number of the next run: after every run there was, removed ones
   too. In the caller's transaction; -1 after reporting. */
long long runstore_next_id(db *d);

/*
 * Make run under way: its row (lexicon_id, only_new, the version of the
 * qcode that codes it), its themes (set's, in order) and its lock, which
 * it holds while d is open. In the caller's transaction. 0, or -1 after
 * reporting.
 */
int runstore_create(db *d, long long run, long long lexicon_id, int only_new,
		    const char *qcode_version, const lexicon_set *set);

/*
 * Finish run in one transaction of its own (waiting for other writers as
 * work under way does): it is marked finished with its number of answers
 * and scope (only_new: it coded part of the answers), and becomes the
 * latest run of every answer it coded. 0, or -1 after reporting.
 */
int runstore_finish(db *d, long long run, long answers, int only_new);

/* Delete what an unfinished run stored, in the caller's transaction. */
int runstore_delete(db *d, long long run);

/*
 * Remove the runs that stopped before they finished (killed, or failed
 * and unable to clean up): no process holds their lock. Runs under way
 * are left alone. In the caller's transaction; the ids removed are put in
 * *runs (malloc'ed), their number in *n.
 */
int runstore_remove_stopped(db *d, long long **runs, size_t *n);

/* What stores a run's answers. */
typedef struct runstore_writer {
	db *d;                        /* the database, borrowed */
	long long run;                /* the run stored into */
	struct runstore_stmts *stmts; /* its prepared statements (runstore's own) */
} runstore_writer;

/* 0, or -1 after reporting (w is then released). */
int runstore_writer_init(runstore_writer *w, db *d, long long run);
void runstore_writer_release(runstore_writer *w);

/*
 * In the caller's transaction, each 0 or -1 after reporting "cannot store
 * codes": runstore_answer() records that the run coded answer (1; 0 when
 * it has already: a duplicate, nothing stored), runstore_code() one theme
 * of it, runstore_evidence() one piece of evidence (a byte span of its
 * text), runstore_result() the coded themes and evidence of a match.
 */
int runstore_answer(runstore_writer *w, long long answer);
int runstore_code(runstore_writer *w, long long answer, const char *theme, double score,
		  int primary);
int runstore_evidence(runstore_writer *w, long long answer, const char *theme, const char *rule,
		      long long start, long long end);
int runstore_result(runstore_writer *w, long long answer, const lexicon_set *set,
		    const match_result *res);

/*
 * The latest import's id (0 before any), and whether answer's text is
 * still the one import gave it (1, 0): how a run's codes of an answer
 * replaced while it was coded are told apart. In the caller's
 * transaction; -1 after reporting "cannot store codes".
 */
long long runstore_last_import(runstore_writer *w);
int runstore_text_from(runstore_writer *w, long long answer, long long import);

/*
 * The answers of a project to code, in import order: all, or (only_new)
 * those no finished run has coded. Opening counts them (*total; in the
 * caller's transaction, when there is one); each read is a short read
 * transaction of its own, so no snapshot is held while a run writes.
 */
typedef struct runstore_answers runstore_answers;

typedef struct runstore_answer_row {
	long long id;        /* the answer's database id */
	const char *ext_id;  /* its id in the file it came from */
	const char *text;    /* its text (valid until fn returns) */
	size_t len;          /* the text's bytes */
	long long import_id; /* the import that gave it this text */
} runstore_answer_row;

/* NULL after reporting. */
runstore_answers *runstore_answers_open(db *d, int only_new, long *total);

/*
 * Up to max answers after database id `after`, each given to fn (which
 * stops the read by returning non-zero: -1). *mark is set to the latest
 * import before the read. Returns the number read, or -1 after reporting.
 */
long runstore_answers_read(runstore_answers *a, long long after, long max, long long *mark,
			   int (*fn)(void *arg, const runstore_answer_row *row), void *arg);

void runstore_answers_close(runstore_answers *a);

#endif
