/*
 * store_import: answers into the project, all or nothing. One import is
 * one transaction: its row in imports, the question texts of its columns,
 * each answer -- new, or (with replace) given a new text, when its
 * machine codes and evidence go and its human decisions stay, marked for
 * `qcode log` -- with its group values, and at the end the number of rows
 * and the file's SHA-256. Part of the project layer (project.h).
 */
#ifndef QCODE_STORE_IMPORT_H
#define QCODE_STORE_IMPORT_H

#include <stddef.h>

#include "db.h"

/* What to do with an id the project has already. */
enum store_import_mode {
	IMPORT_REFUSE,   /* it is an error (PUT_EXISTS) */
	IMPORT_REPLACE,  /* the answer takes the new text and groups */
	IMPORT_SKIP,     /* the answer is left as it is */
};

/* What store_import_put did with an answer. */
enum store_put {
	PUT_NEW,         /* a new answer */
	PUT_REPLACED,    /* an answer the project had, replaced */
	PUT_SKIPPED,     /* an answer the project had, left (IMPORT_SKIP) */
	PUT_DUPLICATE,   /* its id came before in this import: nothing stored */
	PUT_EXISTS,      /* its id is the project's already (IMPORT_REFUSE): nothing stored */
};

/* What an import changed besides the answers it brought. */
typedef struct store_import_counts {
	long new_text;          /* answers replaced with another text */
	long new_text_decided;  /* of which with human decisions */
} store_import_counts;

typedef struct store_import store_import;

/*
 * Begin the import of file (format "csv", ..., source: a name the user
 * gave it, or NULL) in a transaction of its own. NULL after reporting.
 */
store_import *store_import_begin(db *d, const char *file, const char *format, const char *source,
				 int mode);

/* The question text (label) of a column imported with role "text", "id" or "group". 0, or -1 after reporting. */
int store_import_question(store_import *im, const char *name, const char *role, const char *label);

/*
 * Store an answer: its survey id and text (lengths in bytes), empty when
 * the text is white space only. Returns an enum store_put, or -1 after
 * reporting.
 */
int store_import_put(store_import *im, const char *id, size_t id_len, const char *text, size_t text_len,
		     int empty);

/*
 * The value of group variable name of the answer stored last (not after
 * PUT_SKIPPED): NULL or empty when the column is empty. 0, or -1 after
 * reporting.
 */
int store_import_group(store_import *im, const char *name, const char *value, size_t len);

/*
 * Record the rows imported and the file's SHA-256 (hex), and commit; im
 * is freed. 0 and the counts, or -1 after reporting (nothing imported).
 */
int store_import_finish(store_import *im, long rows, const char *sha256, store_import_counts *counts);

/* Take the import back (nothing imported) and free im; NULL is fine. */
void store_import_abort(store_import *im);

#endif
