/*
 * sav: SPSS .sav files through ReadStat -- reading a data file into a
 * table of strings (value labels resolved), and writing one.
 */
#ifndef QCODE_SAV_H
#define QCODE_SAV_H

#include <stddef.h>

/* A table of text cells; NULL cells are missing values. */
typedef struct table {
	char **cols;    /* column names */
	char **labels;  /* column labels (may be NULL entries) */
	size_t ncols;
	char **cells;   /* row-major, nrows * ncols */
	size_t nrows;
	size_t rows_alloc;
} table;

void table_release(table *t);

/*
 * Read an SPSS .sav file of len bytes at buf (named `name` in messages;
 * read.h's reader reads a .sav stream through it). Numeric values with a
 * value label become the label; other numbers are printed as integers
 * where they are whole. Returns 0, or -1 after reporting "cannot read
 * 'NAME' as an SPSS .sav file: REASON" (EXIT_INPUT).
 */
int sav_read_mem(const char *buf, size_t len, const char *name, table *t);

/* How a column is written. */
enum sav_coltype {
	SAV_STRING,  /* text */
	SAV_NUMERIC, /* a number (cells hold decimal text, or NULL) */
	SAV_FLAG,    /* 0/1 with the value labels 0 "nee", 1 "ja" */
};

/*
 * Write t to path as an SPSS .sav file; types gives each column's type
 * (enum sav_coltype) and t->labels the variable labels. Returns 0 or -1.
 */
int sav_write(const char *path, const table *t, const int *types);
/* The same with the value labels of SAV_FLAG columns given (no, yes), so
   that a file speaks the report's language; sav_write() says "nee", "ja". */
int sav_write_flags(const char *path, const table *t, const int *types, const char *no,
		    const char *yes);

#endif
