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

/* A JSON string literal (quoted, escaped). */
void fmt_json_string(strbuf *out, const char *s, size_t n);
/* A CSV field, quoted when it holds the delimiter, a quote or a line end. */
void fmt_csv_field(strbuf *out, const char *s, size_t n, char delim);
/* A TSV field: tab, newline, CR and backslash escaped as \t \n \r \\. */
void fmt_tsv_field(strbuf *out, const char *s, size_t n);

/* The header line of a coded-answer table (TSV, CSV); nothing for JSONL. */
void fmt_coded_header(strbuf *out, int format);

/*
 * How coded answers are written: the format and the lexicon set, with what
 * of a line depends on them alone (each theme's key and each rule's theme
 * and id, escaped) made once. Read-only once made: threads may share it.
 */
typedef struct coded_fmt coded_fmt;

coded_fmt *coded_fmt_new(int format, const lexicon_set *set);
void coded_fmt_free(coded_fmt *f);

/*
 * One coded answer as a line: id, primary theme, themes, scores and
 * evidence (theme, rule id, byte span, matched text).
 */
void fmt_coded(strbuf *out, const coded_fmt *f, const char *id, size_t id_len, const char *text,
	       const match_result *res);

#endif
