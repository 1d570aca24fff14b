/*
 * runimport: codes made elsewhere -- by `qcode code --stamp` on other
 * machines, a shard each -- stored as a new coding run of the project,
 * exactly as a run coded here is stored (runstore), or not at all.
 *
 * The input is JSON Lines as the streaming coder writes them, one coded
 * answer a line: {"id", "primary", "themes", "scores", "evidence":
 * [{"theme", "rule", "start", "end", "text"}], "stamp": {"lexicon",
 * "stemmer", "qcode"}}; shards may come in any order, blank lines are
 * passed over. What is checked before the run is finished:
 *   - every record is a coded answer, its id an answer of the project;
 *   - every record's stamp is the lexicons' (hash and stemmer), unless
 *     forced; forced, the stamps there are must still agree, since a run
 *     holds the codes of one codeframe, and the run records theirs;
 *   - its themes are themes of the lexicons, its primary one of them,
 *     each with a score, its evidence rules of them (rules unchecked when
 *     forced);
 *   - every piece of evidence lies within the answer's stored text and
 *     holds the text the record says it holds;
 *   - no answer comes twice, and every answer of the project is there
 *     (unless allow_missing: the run is then one of part of the answers,
 *     shown as only-new, and the others keep their codes).
 * The run is stored in short transactions while it is under way (shown as
 * running; other writers, a reviewer's keypress among them, are not held
 * up), and one transaction finishes it and makes it the answers' latest.
 * On any failure it is removed again, with a lexicon version it alone
 * recorded: the project is as it was.
 */
#ifndef QCODE_RUNIMPORT_H
#define QCODE_RUNIMPORT_H

#include <stdio.h>

#include "db.h"
#include "lexicon.h"
#include "util.h"

/* One piece of evidence of a record (strings borrowed from the record). */
typedef struct runimport_ev {
	const char *theme;    /* theme key */
	const char *rule;     /* rule id */
	long long start, end; /* byte span in the answer */
	const char *text;     /* the text the record says is there */
	size_t text_len;
} runimport_ev;

/* One coded theme of a record. */
typedef struct runimport_code {
	const char *theme; /* theme key, borrowed from the record */
	double score;      /* its score */
	int primary;       /* 1 for the primary theme */
} runimport_code;

/* A coded answer as read from one line. */
typedef struct runimport_record {
	void *json;            /* the parsed line (json_t), owning the strings */
	long line;             /* its line in the input */
	const char *id;        /* the answer's id */
	size_t id_len;
	runimport_code *codes; /* its themes */
	size_t ncodes, codes_alloc;
	runimport_ev *ev;      /* its evidence */
	size_t nev, ev_alloc;
	const char *lexicon;   /* stamp: lexicon hash, stemmer, qcode version; */
	const char *stemmer;   /*   NULL when the record has no stamp */
	const char *qcode;
} runimport_record;

void runimport_record_init(runimport_record *r);
void runimport_record_release(runimport_record *r);

/*
 * Parse one line s[0..n) of input name into r (reused between calls):
 * its form only, not whether it fits the project or the lexicons. Returns
 * 0, or -1 after reporting "NAME:LINE: ..." (exit code EXIT_INPUT).
 */
int runimport_parse(runimport_record *r, const char *name, long line, const char *s, size_t n);

typedef struct runimport_opts {
	const char *name;   /* the input's name in messages */
	int force_lexicons; /* take codes whose stamp is not the lexicons' */
	int allow_missing;  /* make a run of part of the answers */
	const char *qcode_version; /* recorded for records without a stamp */
} runimport_opts;

typedef struct runimport_result {
	long long run;       /* the run made */
	long answers;        /* answers it coded */
	long with_theme;     /* of which with a theme */
	long missing;        /* answers of the project it did not code (allow_missing) */
	char *first_missing; /* the first of them by import order, or NULL; malloc'ed */
	long other_stamp;    /* records whose stamp is not the lexicons' (forced) */
	long unstamped;      /* records without a stamp (forced) */
	char lexicon[65];    /* the lexicon hash the run records */
} runimport_result;

/*
 * Store the coded answers read from f as a new finished run of d, coded
 * with set (the lexicons here). Returns 0 and fills res, or -1 after
 * reporting the problem (error_last_code(): EXIT_INPUT for the input,
 * EXIT_DB, EXIT_IO), having left the project as it was.
 */
int runimport_file(db *d, const lexicon_set *set, FILE *f, const runimport_opts *o,
		   runimport_result *res);
void runimport_result_release(runimport_result *res);

#endif
