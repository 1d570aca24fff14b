/*
 * read: a streaming record reader for the formats researchers have --
 * one answer per line, CSV and TSV (libcsv: RFC 4180, quoted fields with
 * newlines, a BOM, CRLF line ends, ';' detected for Dutch Excel exports),
 * JSON Lines (jansson), Excel workbooks (.xlsx, xlsx.h: one sheet, its
 * rows as the same records a CSV of it gives) and SPSS data files (.sav,
 * sav.h: its cases, with value labels for the values they label) --
 * converting cp1252 or latin1 to UTF-8 (iconv) on the way, for import and
 * the coded stream alike. Memory is
 * bounded by the largest record, whatever the input size (a workbook is
 * held whole, compressed; a .sav file is read whole, as ReadStat seeks in
 * it).
 *
 * Records are addressed by column name: CSV/TSV/XLSX take names from the
 * header row, SAV from its variables (their labels serve as the columns'
 * labels); JSONL from each object's keys; lines have one column, "text".
 * Positions: "row" is the CSV/TSV record number with the header as row 1
 * (as a spreadsheet counts; blank lines are skipped and not counted), the
 * sheet's row number for XLSX, the case number for SAV (from 1, as SPSS's
 * data view counts), or the line number for lines and JSONL.
 *
 * Survey platforms' exports come with more than one header row; the
 * reader recognises them (or is told --header-rows N) and takes the
 * question texts as the columns' labels:
 *   - Qualtrics: three rows -- field names, question texts, and
 *     {"ImportId":"QID1"} JSON in every cell of the third;
 *   - SurveyMonkey: two rows -- question texts (a question with several
 *     columns once, or merged over them) and sub-questions ("Response",
 *     "Open-Ended Response", the options), recognised by its "Respondent
 *     ID" and "Collector ID" columns; the question columns are named Q1,
 *     Q2, ... (Q3_1, Q3_2 for the columns of one question);
 *   - LimeSurvey: question codes (recognised by "id", "submitdate" and
 *     "startlanguage"), with the question texts in a second row when its
 *     "id" column says "Response ID" (the texts can also come from the
 *     survey's structure file, survey.h).
 * With --header-rows N, the names are the first row's and the labels the
 * second's; the rest are skipped.
 */
#ifndef QCODE_READ_H
#define QCODE_READ_H

#include <stddef.h>
#include <stdio.h>

#include "utf8.h"
#include "util.h"

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
	READ_XLSX,
	READ_SAV,
};

/* The encodings of text formats (--encoding). */
enum read_encoding {
	READ_UTF8,
	READ_CP1252, /* Windows-1252: what Excel saves as "CSV" on Windows */
	READ_LATIN1, /* ISO-8859-1 */
};

/* Most header rows a file may have (--header-rows). */
#define READ_MAX_HEADER_ROWS 10

/*
 * What qcode does with the bytes of an answer, whatever reads it (the
 * readers, the coders, the importers): one policy, one message. An
 * answer (or an id, or another value) over READ_MAX_ANSWER is an error;
 * so is text that is not UTF-8 (a NUL byte included) -- unless the
 * command runs lenient, when each invalid byte becomes U+FFFD, with a
 * warning. Text in UTF-16 or UTF-32 is named as such.
 */
typedef struct read_policy {
	int lenient;      /* replace invalid bytes with U+FFFD (and warn), not fail */
	const char *hint; /* the way out this command offers, put in parentheses
			     after the message ("use --lenient ..."), or NULL */
} read_policy;

/* What a value checked by read_check() is, for its messages. */
enum read_what {
	READ_ANSWER, /* an answer: the text coded */
	READ_ID,     /* an answer's id */
	READ_VALUE,  /* another value of a record (a group, a note) */
	READ_RECORD, /* a whole record (a JSON line) */
	READ_FILE,   /* a whole file (no size limit; the line is counted) */
};

typedef struct reader reader;

/* Where a value checked by read_check() is. */
typedef struct read_at {
	const char *file;   /* the input, as messages name it ("<stdin>") */
	long line;          /* its line or row (READ_FILE: counted to the bad byte) */
	reader *r;          /* or the reader, at the value's record, whose place
			       replaces file and line (a workbook's cell), or NULL */
	int col;            /* with r: the value's column */
	const char *column; /* the column's name, or NULL when the line is the value */
	int what;           /* enum read_what */
} read_at;

/*
 * Check s[0..n) under policy p (NULL: strict, no hint) and give the text
 * to use in *text and *len (either may be NULL): s itself, or when p is
 * lenient and s is not UTF-8, a copy with U+FFFD for every invalid byte
 * in clean (needed then; reset first), after the warning
 * "WHERE: replaced N invalid bytes with U+FFFD". Returns 0, or -1 after
 * reporting (EXIT_INPUT), where WHERE is "FILE:LINE" or the reader's place:
 *   WHERE: answer of N bytes in column 'C' is over the limit of 64 MiB
 *   WHERE: invalid UTF-8 at byte offset N of the answer in column 'C' (HINT)
 *   NAME: the file is UTF-16, not UTF-8; convert it with: ...
 * (no column when the line is the value; "id", "value", "record" or
 * "file" for what is not an answer; the last only when the line is the
 * value). Inline when s is valid: the hot path of every coder
 * (read_check_slow() is its other path, for nothing else).
 */
int read_check_slow(const read_policy *p, const read_at *at, const char *s, size_t n, strbuf *clean,
		    const char **text, size_t *len);
static inline int read_check(const read_policy *p, const read_at *at, const char *s, size_t n,
			     strbuf *clean, const char **text, size_t *len)
{
	size_t bad;
	if (text)
		*text = s;
	if (len)
		*len = n;
	if ((n <= READ_MAX_ANSWER || at->what >= READ_RECORD) && !utf8_validate(s, n, &bad))
		return 0;
	return read_check_slow(p, at, s, n, clean, text, len);
}

/* How to read a stream: reader_open_with(). */
typedef struct read_opts {
	int format;           /* enum read_format */
	char delim;           /* CSV: 0 detects ',' or ';' (or a tab) */
	const char *encoding; /* NULL or a name read_encoding_parse() takes; not
				 utf-8 only for lines, CSV, TSV (read_encoding_fixed()) */
	const char *sheet;    /* XLSX: the sheet to read, NULL for the first */
	int header_rows;      /* CSV/TSV/XLSX: 0 recognises survey platforms' exports
				 (else one header row), N takes N rows */
	const read_policy *policy; /* JSONL: what to do with a line that is not UTF-8
				      (read_check()), or NULL: strict */
} read_opts;

/*
 * Start reading stream f (name is used in messages). delim 0 detects ','
 * or ';' (CSV) from the header. encoding is NULL (UTF-8) or a name
 * read_encoding_parse() takes; another is reported as "unknown encoding"
 * (EXIT_USAGE), and so is one but utf-8 for a format whose encoding is its
 * own (read_encoding_fixed()):
 *   encoding cp1252 does not apply to jsonl: JSON is UTF-8 by definition
 * Returns NULL after reporting an error.
 *
 * Text in cp1252 or latin1 is converted to UTF-8 as it is read (a UTF-8
 * byte order mark before it is still skipped): every value, row and
 * position a reader gives is of the UTF-8 text. A byte cp1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) is an error (EXIT_INPUT) that
 * names its line or record, and its offset in the line (lines, JSONL) or
 * its column (CSV, TSV):
 *   in.txt:3: byte 0x81 at byte offset 4 of the line is not a character in cp1252
 *   in.csv:3: byte 0x81 in column 'tekst' is not a character in cp1252
 * The records before it are read first.
 */
reader *reader_open(FILE *f, const char *name, int format, char delim,
		    const char *encoding);
/*
 * The same with every option (read_opts). An XLSX stream is read whole
 * (it must be a workbook of at most XLSX_MAX_FILE bytes).
 */
reader *reader_open_with(FILE *f, const char *name, const read_opts *o);
void reader_free(reader *r);

/* Advance to the next record: 1, 0 at the end, -1 after reporting an error. */
int reader_next(reader *r);

/*
 * Whether another record can be read without waiting: one is parsed
 * already, the stream has buffered bytes, or its descriptor is readable.
 */
int reader_ready(reader *r);

/* The format read (enum read_format). */
int reader_format(const reader *r);

/* Row (see above) of the current record. */
long reader_row(const reader *r);

/*
 * Column index for a name (case-insensitive for CSV/TSV/XLSX headers; a
 * column's label, the question text, serves when no name is it), or -1
 * when a header has no such column. JSONL accepts any name.
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
/* Label of header column i (the question text of a survey export), or NULL. */
const char *reader_label(const reader *r, size_t i);
/* Give header column i a label (a copy of label). */
void reader_set_label(reader *r, size_t i, const char *label);
/* The survey platform whose export this is ("Qualtrics", "SurveyMonkey",
   "LimeSurvey"), or NULL. */
const char *reader_platform(const reader *r);

/*
 * Where column col of the current record is, for a message: "FILE:ROW",
 * or for a workbook "FILE:SHEET!C12" (col < 0: "FILE:SHEET!12:12", the
 * row). The text lives until the next call.
 */
const char *reader_where(reader *r, int col);

/* The delimiter in use (CSV/TSV). */
char reader_delim(const reader *r);

/* Parse a format name ("csv", "tsv", "jsonl", "lines", "xlsx", "sav"); -1 if unknown. */
int read_format_parse(const char *s);

/* Parse an encoding name (enum read_encoding): "utf-8" or "utf8", "cp1252"
   or "windows-1252", "latin1" or "iso-8859-1", in any case; -1 if unknown. */
int read_encoding_parse(const char *s);

/* The name messages give an encoding: "utf-8", "cp1252", "latin1". */
const char *read_encoding_name(int encoding);

/* The name of a format (enum read_format): "csv", "tsv", "jsonl", "lines",
   "xlsx", "sav". */
const char *read_format_name(int format);

/*
 * Why a format's encoding is its own, which no --encoding but utf-8 can
 * change -- JSON Lines ("JSON is UTF-8 by definition"), .xlsx and .sav --
 * or NULL for the formats that take an encoding (lines, CSV, TSV). A
 * static string.
 */
const char *read_encoding_fixed(int format);

#endif
