/*
 * coderun: the one coding driver. Answers come from a source -- the lines
 * of a stream read in blocks by every thread, the records of a reader
 * (CSV, TSV, JSON Lines, a workbook: read.h), or the answers of a project
 * -- are coded on the pool's threads (pool.h) and go, in input order, to a
 * sink: a formatted stream (JSON Lines, TSV, CSV) or a coding run of the
 * project (runstore.h). Every source checks an answer's bytes the one way
 * (read_check()); the output does not depend on the number of threads.
 *
 *   code_source *src = code_source_lines(STDIN_FILENO, "<stdin>", NULL, &policy);
 *   code_sink *out = code_sink_stream(stdout, "stdout", set, &stream_opts);
 *   int rc = code_run(p, src, out);
 */
#ifndef QCODE_CODERUN_H
#define QCODE_CODERUN_H

#include <stdio.h>

#include "db.h"
#include "lexicon.h"
#include "match.h"
#include "pool.h"
#include "progress.h"
#include "read.h"
#include "util.h"

/* One answer to code, and what became of it. */
typedef struct code_job {
	strbuf id;        /* answer id (text) */
	strbuf text;      /* answer text, valid UTF-8 */
	long row;         /* input line or row, for messages */
	long long key;    /* the answer's database id (a project's answers), else 0 */
	long long origin; /* the import that gave it this text (a project's answers) */
	match_result res; /* the coding */
} code_job;

void code_job_init(code_job *j);
void code_job_release(code_job *j);

typedef struct code_source code_source;
typedef struct code_sink code_sink;

/*
 * Code every answer of src on the threads of p and give them to sink in
 * input order. On an error -- reading, an answer's bytes, coding, writing
 * -- the answers before it reach the sink, none after, and -1 is returned
 * with the exit code set (error_last_code()). Returns 0 when all went.
 */
int code_run(pool *p, code_source *src, code_sink *sink);

/* ---- sources: each returns NULL after reporting, and is freed with
   code_source_free() (NULL is fine) ---- */

/*
 * The lines read from fd (named `name` in messages), one answer each,
 * numbered from 1: its id is the line number, after id_prefix (or none).
 * Line ends (LF, CRLF) and a BOM before the first line are not part of
 * the answer. Every thread takes the next block of whole lines, so no
 * thread waits on another's reading. policy: read_check()'s (borrowed,
 * lives as long as the source).
 */
code_source *code_source_lines(int fd, const char *name, const char *id_prefix,
			       const read_policy *policy);

/*
 * The records of r (borrowed; freed by the caller after the source): the
 * answer in column text_col (NULL: "text", or the only column there is),
 * its id in column id_col (NULL: "id" when the format has such a column,
 * else the record's number -- the line for lines -- after id_prefix).
 * A column that is not there is reported with the columns there are.
 */
code_source *code_source_reader(reader *r, const char *name, const char *text_col,
				const char *id_col, const char *id_prefix,
				const read_policy *policy);

/*
 * The answers of the project in d (borrowed), in import order: all, or
 * (only_new) those no finished run has coded. Counts them at once (in
 * the caller's transaction, when there is one: code_source_total());
 * each block is then read in a short read transaction of its own, so
 * that no snapshot is held while a run writes.
 */
code_source *code_source_project(db *d, int only_new);

/* The number of answers a project source holds (-1 for a stream). */
long code_source_total(const code_source *src);

void code_source_free(code_source *src);

/* ---- sinks: freed with code_sink_free() (NULL is fine) ---- */

/* How a formatted stream is written. */
typedef struct code_stream_opts {
	int format;   /* enum out_format (format.h) */
	int stamp;    /* JSON Lines: each record ends with the codeframe's stamp */
	int terminal; /* the output is a terminal: ids escaped (TSV, CSV) */
	int flush;    /* flush after every block (a terminal, a pipe); else only
			 when the input has nothing more for now */
} code_stream_opts;

/*
 * The coded answers written to out (named `name` in messages): the
 * header (TSV, CSV) at once, then a line per answer in input order. A
 * write error is reported as "cannot write 'NAME': REASON" (EXIT_IO).
 */
code_sink *code_sink_stream(FILE *out, const char *name, const lexicon_set *set,
			    const code_stream_opts *o);

/*
 * The codes stored as run `run` of the project in d (borrowed; the run
 * made under way by runstore_create()), a block per short transaction
 * that waits for other writers as long as they write. An answer given
 * another text by an import while it was coded is left out (it is
 * coded again by the next `qcode code --only-new`). Takes the answers of
 * a project source only. pr (or NULL) is updated as blocks are stored.
 */
code_sink *code_sink_run(db *d, const lexicon_set *set, long long run, progress *pr);

/* What a run sink did: answers coded, of which stored, of which with a theme. */
void code_sink_run_counts(const code_sink *sink, long *coded, long *stored, long *with_theme);

void code_sink_free(code_sink *sink);

#endif
