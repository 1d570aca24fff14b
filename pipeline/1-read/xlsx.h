/*
 * xlsx: reading Excel workbooks (.xlsx, Office Open XML) -- the zip
 * container through minizip, its XML parts through expat. A sheet is read
 * row by row as text cells, the way a spreadsheet shows them in a CSV:
 * shared and inline strings (rich text as its plain text), numbers
 * (integers without a decimal point, others in the fewest digits that
 * read back the same), booleans as TRUE and FALSE, dates and times (cells
 * with a date or time number format) as ISO 8601 -- 2024-03-05,
 * 2024-03-05T14:30:00, 14:30:00 --, a formula's cached value, errors as
 * Excel writes them (#N/A). A merged range in the header rows (the first
 * XLSX_MERGE_ROWS) fills each of its cells with its value, so that a
 * question merged over its sub-questions heads each; below them a merged
 * range reads as Excel's own CSV gives it, the value in its first cell.
 *
 * A workbook is untrusted input. These limits are stated and refused with
 * a message naming the file and part:
 *   - the workbook file is at most XLSX_MAX_FILE bytes;
 *   - a part (one XML file inside) expands to at most XLSX_MAX_PART bytes,
 *     and past XLSX_RATIO_FROM bytes to at most XLSX_MAX_RATIO times its
 *     compressed size (a zip bomb expands a thousandfold and more; XML of
 *     real sheets some ten to thirty times), counted as it is inflated,
 *     whatever the zip's header claims;
 *   - a part with a document type declaration is refused (an Office
 *     part never has one; entity declarations -- "billion laughs" -- and
 *     external entities need one);
 *   - a cell at most in column XLSX_MAX_COLS and row XLSX_MAX_ROWS
 *     (Excel's own limits).
 * An encrypted workbook or an old .xls file (both OLE compound files) is
 * named as such.
 */
#ifndef QCODE_XLSX_H
#define QCODE_XLSX_H

#include <stddef.h>

#define XLSX_MAX_FILE (1ul << 30)
#define XLSX_MAX_PART (1ul << 30)
#define XLSX_MAX_RATIO 100
#define XLSX_RATIO_FROM (16ul << 20)
#define XLSX_MAX_COLS 16384
#define XLSX_MAX_ROWS 1048576
/* Rows whose merged ranges are filled (header rows), and most such ranges. */
#define XLSX_MERGE_ROWS 10
#define XLSX_MAX_MERGES 100000

typedef struct xlsx_book xlsx_book;

/*
 * Open a workbook held in memory: data[0..n) is borrowed and must outlive
 * the book; name is used in messages. Reads the workbook's sheets, shared
 * strings and styles. Returns NULL after reporting (exit code EXIT_INPUT).
 */
xlsx_book *xlsx_open(const void *data, size_t n, const char *name);
void xlsx_free(xlsx_book *b);

/* The worksheets, in the workbook's order; names borrowed from b. */
size_t xlsx_nsheets(const xlsx_book *b);
const char *xlsx_sheet_name(const xlsx_book *b, size_t i);

/*
 * Start reading the sheet named name (as Excel compares names: without
 * regard to case), or the first when name is NULL. Returns 0, or -1
 * after reporting "FILE: no sheet 'X' (its sheets are: A, B)".
 */
int xlsx_select(xlsx_book *b, const char *name);
/* The name of the selected sheet. */
const char *xlsx_selected(const xlsx_book *b);

/* A row of the selected sheet: borrowed until the next xlsx_next(). */
typedef struct xlsx_row {
	long row;              /* row number, from 1 */
	size_t n;              /* cells, up to the last one that is not empty */
	const char *const *v;  /* v[i]: the cell in column i (0 is A), "" when empty */
	const size_t *len;     /* len[i]: its length in bytes */
} xlsx_row;

/*
 * The next row of the selected sheet that has a cell that is not empty.
 * Returns 1, 0 at the end, -1 after reporting an error with its position
 * ("FILE:Sheet1!C12: ...").
 */
int xlsx_next(xlsx_book *b, xlsx_row *row);

/* The name of a cell: column col (0 is A) of row, e.g. "C12"; buf >= 16. */
void xlsx_cell_name(size_t col, long row, char *buf);
/* A sheet name as a reference writes it: quoted when it needs quotes
   ('My sheet'), into out. */
struct strbuf;
void xlsx_sheet_ref(struct strbuf *out, const char *sheet);

#endif
