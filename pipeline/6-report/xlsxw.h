/*
 * xlsxw: writing Excel workbooks (.xlsx) with libxlsxwriter -- tables of a
 * project (the export, its codeframe, its method note) and the review
 * workbook: the answer as rich text with each theme's evidence in the
 * theme's colour, a 0/1 cell per theme with a drop-down, the primary theme
 * as a drop-down of the theme keys, a note column; the machine's columns
 * locked (the sheet protected without a password, so that a slip of the
 * hand cannot change them), the header frozen, widths and wrapping set.
 *
 * Every cell from an answer -- its id, text, group values, notes -- is
 * written as a string, never as a formula or a number, so that nothing a
 * respondent wrote can act in a spreadsheet, and "007" stays "007".
 * Excel holds at most XLSXW_MAX_CELL characters in a cell: a longer text
 * is cut there, and the writer says how many were.
 */
#ifndef QCODE_XLSXW_H
#define QCODE_XLSXW_H

#include <stddef.h>

#include "review.h"
#include "sav.h"

/* Most characters Excel holds in a cell. */
#define XLSXW_MAX_CELL 32767

/* One sheet of a table workbook. */
typedef struct xlsxw_sheet {
	const char *name;      /* the sheet's name (at most 31 characters) */
	const table *t;        /* header (t->cols) and cells (NULL: empty) */
	const int *types;      /* per column: enum sav_coltype (numbers and 0/1
				  as numbers), or NULL: every cell a string */
	int wide;              /* a column of long text to widen and wrap, or -1 */
} xlsxw_sheet;

/*
 * Write the sheets to path (a private file, outfile.h), each with its
 * header frozen and filters on it; a warning names the first column's
 * values (the ids) of cells cut to XLSXW_MAX_CELL characters. Returns 0,
 * or -1 after reporting (exit code EXIT_IO).
 */
int xlsxw_tables(const char *path, const xlsxw_sheet *sheets, size_t n);

/* One answer of a review workbook. */
typedef struct xlsxw_review_row {
	const char *id;              /* survey id */
	const char *text;            /* the answer */
	const review_span *spans;    /* its evidence, by start (NULL in a blind sheet) */
	size_t nspans;
	const char *machine_themes;  /* "a;b" (not in a blind sheet) */
	const char *machine_primary; /* key or "" */
	const int *coded;            /* per theme 0/1, or NULL: left empty */
	const char *primary;         /* key or "" */
	const char *shown;           /* the row's coding as exported, for review --import
					(a hidden column 'shown') */
} xlsxw_review_row;

typedef struct xlsxw_review xlsxw_review;

/*
 * Start a review workbook at path for the themes keys[0..n) (labels for
 * its legend sheet); blind leaves out the machine's columns and its
 * evidence. lang (enum lang) is that of the sheet names and the legend;
 * the review sheet's headers are the machine keys review --import reads.
 * Returns NULL after reporting.
 */
xlsxw_review *xlsxw_review_begin(const char *path, char *const *keys, char *const *labels,
				 size_t n, int blind, int lang);
/* Add an answer; 0, or -1 after reporting. */
int xlsxw_review_add(xlsxw_review *w, const xlsxw_review_row *row);
/* Write the workbook and free w (also after an error); 0 or -1. */
int xlsxw_review_end(xlsxw_review *w);
/* Free w without writing. */
void xlsxw_review_free(xlsxw_review *w);

#endif
