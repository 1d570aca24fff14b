/*
 * format: writing coded answers and fields as JSON Lines, TSV and CSV.
 */
#ifndef QCODE_FORMAT_H
#define QCODE_FORMAT_H

#include <stddef.h>

#include "match.h"
#include "util.h"

enum out_format {
	OUT_JSONL,
	OUT_TSV,
	OUT_CSV,
};

/* Parse "jsonl", "tsv", "csv"; -1 if unknown. */
int out_format_parse(const char *s);

/* A JSON string literal (quoted, escaped): control characters, DEL, the
   C1 controls, the line and paragraph separators and the bidirectional
   embeddings, overrides and isolates as \uXXXX, so that JSON shown on a
   terminal cannot play tricks on it (a JSON reader reads them back). */
void fmt_json_string(strbuf *out, const char *s, size_t n);
/* A CSV field, quoted when it holds the delimiter, a quote or a line end,
   or starts or ends with a space or tab. */
void fmt_csv_field(strbuf *out, const char *s, size_t n, char delim);
/* A TSV field: tab, newline, CR and backslash escaped as \t \n \r \\. */
void fmt_tsv_field(strbuf *out, const char *s, size_t n);

/*
 * A cell of a CSV (delim ',' or ';') or TSV (delim '\t') file meant for a
 * spreadsheet. A value a spreadsheet could take for a formula -- one that
 * starts with =, +, -, @, a tab or a carriage return, and is not a plain
 * number such as -0.5 or +31 -- gets a ' in front (OWASP's rule against
 * formula injection); so does a value that starts with ' itself, so that
 * fmt_sheet_value() gives every value back unchanged.
 */
void fmt_sheet_field(strbuf *out, const char *s, size_t n, char delim);
/* Whether fmt_sheet_field() puts a ' in front of s[0..n). */
int fmt_sheet_guarded(const char *s, size_t n);
/*
 * The value a spreadsheet cell read back stands for: s without the one '
 * that fmt_sheet_field() put in front. Returns a pointer into s; *n (the
 * cell's length on entry) is its length.
 */
const char *fmt_sheet_value(const char *s, size_t *n);

/* The header line of a coded-answer table (TSV, CSV); nothing for JSONL. */
void fmt_coded_header(strbuf *out, int format);

/*
 * How coded answers are written: the format and the lexicon set, with what
 * of a line depends on them alone (each theme's key and each rule's theme
 * and id, escaped) made once. Read-only once made: threads may share it.
 */
typedef struct coded_fmt coded_fmt;

coded_fmt *coded_fmt_new(int format, const lexicon_set *set);
/* TSV and CSV written to a terminal: ids as sb_add_term() writes them
   (JSON Lines are safe as they are, fmt_json_string). Before any use. */
void coded_fmt_set_terminal(coded_fmt *f, int terminal);
/*
 * JSON Lines: end every record with the codeframe that made it,
 * "stamp":{"lexicon":HASH,"stemmer":STEMMER,"qcode":VERSION}, as a field of
 * the record itself (not a header line), so that any JSON Lines reader
 * reads the records as before and every record -- in whatever shard,
 * order or concatenation -- says what coded it. Before any use.
 */
void coded_fmt_set_stamp(coded_fmt *f, const char *hash, const char *stemmer, const char *version);
void coded_fmt_free(coded_fmt *f);

/*
 * One coded answer as a line: id, primary theme, themes, scores and
 * evidence (theme, rule id, byte span, matched text).
 */
void fmt_coded(strbuf *out, const coded_fmt *f, const char *id, size_t id_len, const char *text,
	       const match_result *res);

#endif
