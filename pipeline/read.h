/*
 * read: a streaming record reader for the text formats researchers have --
 * one answer per line, CSV and TSV (libcsv: RFC 4180, quoted fields with
 * newlines, a BOM, ';' detected for Dutch Excel exports) and JSON Lines
 * (jansson) -- converting cp1252 or latin1 to UTF-8 (iconv) on the way.
 * Memory is bounded by the largest record, whatever the input size.
 *
 * Records are addressed by column name: CSV/TSV take names from the header
 * row; JSONL from each object's keys; lines have one column, "text".
 * Positions: "row" is the CSV/TSV record number with the header as row 1
 * (as a spreadsheet counts; blank lines are skipped and not counted), or
 * the line number for lines and JSONL.
 */
#ifndef QCODE_READ_H
#define QCODE_READ_H

#include <stddef.h>
#include <stdio.h>

/* Most columns a CSV/TSV row may have. */
#define READ_MAX_COLUMNS 10000
/* Largest answer qcode accepts, in bytes (import and streaming alike). */
#define READ_MAX_ANSWER (64u << 20)
/* Largest field or line, in bytes (an answer's limit is its own, smaller). */
#define READ_MAX_RECORD (256u << 20)

enum read_format {
	READ_LINES,
	READ_CSV,
	READ_TSV,
	READ_JSONL,
};

typedef struct reader reader;

/*
 * Start reading stream f (name is used in messages). delim 0 detects ','
 * or ';' (CSV) from the header. encoding is NULL or "utf-8", "cp1252",
 * "latin1". Returns NULL after reporting an error.
 */
reader *reader_open(FILE *f, const char *name, int format, char delim,
		    const char *encoding);
void reader_free(reader *r);

/* Advance to the next record: 1, 0 at the end, -1 after reporting an error. */
int reader_next(reader *r);

/*
 * Whether another record can be read without waiting: one is parsed
 * already, the stream has buffered bytes, or its descriptor is readable.
 */
int reader_ready(reader *r);

/* Row (see above) of the current record. */
long reader_row(const reader *r);

/*
 * Column index for a name (case-insensitive for CSV/TSV headers), or -1
 * when a CSV/TSV header has no such column. JSONL accepts any name.
 */
int reader_col(reader *r, const char *name);

/* Value of a column in the current record (NULL when absent); *len set. */
const char *reader_get(reader *r, int col, size_t *len);

/*
 * That the current record has a value for column col: a JSONL record
 * lacking the key, or holding an object or array under it, is reported as
 * "FILE:LINE: no key 'text' in this record (its keys are: id, tekst)" or
 * "FILE:LINE: key 'text' holds an array, not text" and gives -1 (null is
 * a value: an empty one). Else, and in the other formats, 0.
 */
int reader_require(reader *r, int col);

/* The header's column names (CSV/TSV), comma-separated, for messages. */
const char *reader_columns(const reader *r);

/* Number of header columns (CSV/TSV), else 0. */
size_t reader_ncols(const reader *r);
/* Name of header column i. */
const char *reader_colname(const reader *r, size_t i);

/* The delimiter in use (CSV/TSV). */
char reader_delim(const reader *r);

/* Parse a format name ("csv", "tsv", "jsonl", "lines"); -1 if unknown. */
int read_format_parse(const char *s);

#endif
