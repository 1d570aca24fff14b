/*
 * read: streaming reader for lines, CSV/TSV (libcsv), JSONL (jansson),
 * XLSX (xlsx.h) and SAV (sav.h), and the header rows of survey platforms'
 * exports.
 */
#include "read.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <jansson.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"
#include "sav.h"
#include "xlsx.h"

#define CHUNK 65536

/* One parsed CSV record. */
typedef struct rec {
	char *data;    /* the fields' bytes, each NUL-terminated */
	size_t *off;   /* offset of each field in data */
	size_t *len;   /* length of each field */
	size_t n;      /* fields */
	long row;      /* record number, header = 1 */
} rec;

struct reader {
	FILE *f;
	char *name;
	int format;
	char delim;
	iconv_t cd;             /* (iconv_t)-1 for UTF-8 input */
	int encoding;           /* enum read_encoding */
	int eof;                /* the stream is exhausted */
	int bom_checked;
	long row;               /* row of the current record */
	/* CSV */
	struct csv_parser csv;
	strbuf field_bytes;     /* fields of the record being parsed */
	size_t *foff, *flen;    /* their offsets and lengths */
	size_t nf, falloc;
	rec *queue;             /* complete records not yet returned */
	size_t qhead, qlen, qalloc;
	long records;           /* records completed */
	rec cur;                /* the current record */
	char **header;          /* header names */
	size_t nheader;
	strbuf columns;         /* header names, comma-separated */
	strbuf pending;         /* converted bytes not yet parsed (header detection) */
	int bad;                /* a byte the encoding lacks was met: reported
				   once the records before it are taken */
	long bad_row;           /* its record */
	size_t bad_col;         /* its field in the record */
	unsigned char bad_byte; /* the byte */
	/* lines and JSONL */
	char *line;
	size_t line_alloc;
	strbuf conv;            /* converted line */
	const read_policy *policy; /* JSONL: for a line that is not UTF-8 */
	strbuf clean;           /* JSONL: a line made UTF-8 (lenient) */
	json_t *obj;            /* current JSONL object */
	char **keys;            /* JSONL column names by index */
	size_t nkeys;
	strbuf numbuf;          /* JSONL number or boolean as text */
	int too_many;           /* a row had more than READ_MAX_COLUMNS fields */
	const char *cur_text;   /* lines: the current line */
	size_t cur_len;
	/* XLSX and SAV: files read whole */
	strbuf xdata;           /* the workbook's bytes */
	xlsx_book *xb;          /* the workbook */
	table sav;              /* an SPSS .sav file's cases (sav.h) */
	/* header rows */
	char **labels;          /* per header column: its question text, or NULL */
	const char *platform;   /* the survey platform recognised, or NULL */
	strbuf where;           /* reader_where()'s text */
};

int read_format_parse(const char *s)
{
	if (!strcasecmp(s, "csv")) return READ_CSV;
	if (!strcasecmp(s, "tsv") || !strcasecmp(s, "tab")) return READ_TSV;
	if (!strcasecmp(s, "jsonl") || !strcasecmp(s, "ndjson")) return READ_JSONL;
	if (!strcasecmp(s, "lines") || !strcasecmp(s, "txt")) return READ_LINES;
	if (!strcasecmp(s, "xlsx")) return READ_XLSX;
	if (!strcasecmp(s, "sav")) return READ_SAV;
	return -1;
}

int read_encoding_parse(const char *s)
{
	if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8")) return READ_UTF8;
	if (!strcasecmp(s, "cp1252") || !strcasecmp(s, "windows-1252")) return READ_CP1252;
	if (!strcasecmp(s, "latin1") || !strcasecmp(s, "iso-8859-1")) return READ_LATIN1;
	return -1;
}

const char *read_encoding_name(int encoding)
{
	static const char *const names[] = { "utf-8", "cp1252", "latin1" };
	return encoding >= 0 && encoding <= READ_LATIN1 ? names[encoding] : "?";
}

const char *read_format_name(int format)
{
	switch (format) {
	case READ_CSV: return "csv";
	case READ_TSV: return "tsv";
	case READ_JSONL: return "jsonl";
	case READ_LINES: return "lines";
	case READ_XLSX: return "xlsx";
	case READ_SAV: return "sav";
	default: return "?";
	}
}

const char *read_encoding_fixed(int format)
{
	switch (format) {
	case READ_JSONL: return "JSON is UTF-8 by definition";
	case READ_XLSX: return "an .xlsx workbook is UTF-8 XML";
	case READ_SAV: return "a .sav records its own encoding, which ReadStat converts to UTF-8";
	default: return NULL;
	}
}

/* ---- the one policy for an answer's bytes ---- */

static const char *const what_name[] = { "answer", "id", "value", "record", "file" };

int read_check_slow(const read_policy *p, const read_at *at, const char *s, size_t n, strbuf *clean,
		    const char **text, size_t *len)
{
	size_t bad = 0;
	int whole = at->what == READ_RECORD || at->what == READ_FILE;
	if ((whole || n <= READ_MAX_ANSWER) && !utf8_validate(s, n, &bad))
		return 0;

	/* the rare path: say where */
	strbuf where, col;
	sb_init(&where);
	sb_init(&col);
	long line = at->line;
	if (at->what == READ_FILE && line <= 0) {
		line = 1;
		for (size_t i = 0; i < bad; i++)
			line += s[i] == '\n';
	}
	if (at->r)
		sb_adds(&where, reader_where(at->r, at->col));
	else
		sb_addf(&where, "%s:%ld", at->file, line);
	if (at->column)
		sb_addf(&col, " in column '%s'", at->column);
	const char *noun = what_name[at->what];
	int rc = -1;
	if (!whole && n > READ_MAX_ANSWER) {
		error_in(where.buf, "%s of %zu bytes%s is over the limit of %u MiB", noun, n, col.buf,
			 READ_MAX_ANSWER >> 20);
		goto out;
	}
	/* the line is the value: UTF-16 or UTF-32 is said so */
	if (!at->r && !at->column && utf8_reject_wide(at->file, s, n))
		goto out;
	if (!p || !p->lenient) {
		if (p && p->hint)
			error_in(where.buf, "invalid UTF-8 at byte offset %zu of the %s%s (%s)", bad, noun,
				 col.buf, p->hint);
		else
			error_in(where.buf, "invalid UTF-8 at byte offset %zu of the %s%s", bad, noun, col.buf);
		goto out;
	}
	sb_reset(clean);
	size_t fixed = utf8_sanitize(s, n, clean);
	warning("%s: replaced %zu invalid byte%s%s with U+FFFD",
		at->what == READ_FILE ? at->file : where.buf, fixed, plural_s((long long)fixed), col.buf);
	if (text)
		*text = clean->buf;
	if (len)
		*len = clean->len;
	rc = 0;
out:
	sb_release(&where);
	sb_release(&col);
	if (rc)
		error_set_code(EXIT_INPUT);
	return rc;
}

static int rerr(reader *r, long row, const char *fmt, ...) FMT_PRINTF(3, 4);

static int rerr(reader *r, long row, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set_code(EXIT_INPUT);
	return error_at(r->name, row, 0, NULL, 0, "%s", msg);
}

/*
 * Convert n bytes to UTF-8, appended to out. Returns 0, or -1 at a byte
 * the encoding lacks: out then holds the text before it, and *bad is its
 * offset in `in` (the caller says where it is).
 */
static int convert(reader *r, const char *in, size_t n, strbuf *out, size_t *bad)
{
	if (r->cd == (iconv_t)-1) {
		sb_add(out, in, n);
		return 0;
	}
	char *src = (char *)in;
	size_t left = n;
	while (left) {
		sb_grow(out, left * 3 + 16);
		char *dst = out->buf + out->len;
		size_t room = out->alloc - out->len - 1;
		size_t before = room;
		int failed = iconv(r->cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG;
		out->len += before - room;
		out->buf[out->len] = '\0';
		if (failed) {
			*bad = (size_t)(src - in);
			return -1;
		}
	}
	return 0;
}

/* A byte of a line (lines, JSONL) that the encoding lacks: -1 after reporting. */
static int bad_line_byte(reader *r, unsigned char byte, size_t offset)
{
	return rerr(r, r->row, "byte 0x%02x at byte offset %zu of the line is not a character in %s", byte,
		    offset, read_encoding_name(r->encoding));
}

static void cb_field(void *s, size_t len, void *data)
{
	reader *r = data;
	if (r->nf >= READ_MAX_COLUMNS) {
		r->too_many = 1;
		return;
	}
	ALLOC_GROW(r->foff, r->nf + 1, r->falloc);
	r->flen = xrealloc(r->flen, r->falloc * sizeof(*r->flen));
	r->foff[r->nf] = r->field_bytes.len;
	r->flen[r->nf] = len;
	if (len)
		sb_add(&r->field_bytes, s, len);
	sb_addc(&r->field_bytes, '\0');
	r->nf++;
}

static void cb_record(int c, void *data)
{
	reader *r = data;
	(void)c;
	r->records++;
	/* a blank line is no record */
	if (r->nf == 0 || (r->nf == 1 && r->flen[0] == 0)) {
		sb_reset(&r->field_bytes);
		r->nf = 0;
		return;
	}
	ALLOC_GROW(r->queue, r->qlen + 1, r->qalloc);
	rec *q = &r->queue[r->qlen++];
	q->n = r->nf;
	q->data = xmalloc(r->field_bytes.len + 1);
	memcpy(q->data, r->field_bytes.buf, r->field_bytes.len);
	q->off = xmalloc(r->nf * sizeof(size_t));
	q->len = xmalloc(r->nf * sizeof(size_t));
	memcpy(q->off, r->foff, r->nf * sizeof(size_t));
	memcpy(q->len, r->flen, r->nf * sizeof(size_t));
	q->row = r->records;
	sb_reset(&r->field_bytes);
	r->nf = 0;
}

static void rec_release(rec *q)
{
	free(q->data);
	free(q->off);
	free(q->len);
	memset(q, 0, sizeof(*q));
}

static int csv_feed(reader *r, const char *buf, size_t n)
{
	/* libcsv grows a field by a fixed block; growing by the field's size
	 * instead keeps a long field linear rather than quadratic. */
	if (r->csv.entry_size > r->csv.blk_size)
		csv_set_blk_size(&r->csv, r->csv.entry_size);
	if (csv_parse(&r->csv, buf, n, cb_field, cb_record, r) != n)
		return rerr(r, r->records + 1, "malformed %s: %s (a quote inside an unquoted field, or text after a closing quote)",
			    r->format == READ_TSV ? "TSV" : "CSV", csv_strerror(csv_error(&r->csv)));
	return 0;
}

/*
 * Convert and parse n bytes of CSV input. At a byte the encoding lacks,
 * the text before it is parsed, and where the byte is -- the record being
 * parsed, the field -- kept for csv_more() to report once the records
 * before it are taken. Returns 0, or -1 after reporting a parse error.
 */
static int csv_convert_feed(reader *r, const char *in, size_t n)
{
	size_t bad = 0;
	sb_reset(&r->conv);
	int lacks = convert(r, in, n, &r->conv, &bad);
	if (csv_feed(r, r->conv.buf, r->conv.len))
		return -1;
	if (lacks) {
		r->bad = 1;
		r->bad_row = r->records + 1;
		r->bad_col = r->nf;
		r->bad_byte = (unsigned char)in[bad];
	}
	return 0;
}

/* Report the byte csv_convert_feed() found the encoding lacks: -1. */
static int csv_bad_byte(reader *r)
{
	strbuf col;
	sb_init(&col);
	if (r->bad_row == 1)
		sb_adds(&col, " in the header row");
	else if (r->bad_col < r->nheader)
		sb_addf(&col, " in column '%s'", r->header[r->bad_col]);
	rerr(r, r->bad_row, "byte 0x%02x%s is not a character in %s", r->bad_byte, col.buf,
	     read_encoding_name(r->encoding));
	sb_release(&col);
	return -1;
}

/* Guess ',' or ';' (or tab) from the first line outside quotes. */
static char detect_delim(const char *s, size_t n)
{
	int inq = 0;
	size_t comma = 0, semi = 0, tab = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (!inq && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!inq && s[i] == ',')
			comma++;
		else if (!inq && s[i] == ';')
			semi++;
		else if (!inq && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma)
		return '\t';
	return ',';
}

/* Read and parse more CSV input; 0 at end, 1 if more was fed, -1 error. */
static int csv_more(reader *r)
{
	char buf[CHUNK];
	if (r->bad)
		return csv_bad_byte(r);
	if (r->eof)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf), r->f);
	if (n == 0) {
		if (ferror(r->f)) {
			error_set_code(EXIT_IO);
			return error("cannot read '%s': %s", r->name, strerror(errno));
		}
		r->eof = 1;
		if (csv_fini(&r->csv, cb_field, cb_record, r) != 0)
			return rerr(r, r->records + 1, "unterminated quoted field");
		return 0;
	}
	const char *p = buf;
	if (!r->bom_checked) {
		r->bom_checked = 1;
		if (utf8_reject_wide(r->name, buf, n))
			return -1;
		if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			n -= 3;
		}
	}
	return csv_convert_feed(r, p, n) ? -1 : 1;
}

/* Queue the sheet's next row that is not empty; 0 at the end, 1, -1 error. */
static int xlsx_more(reader *r)
{
	xlsx_row x;
	int rc = xlsx_next(r->xb, &x);
	if (rc <= 0) {
		if (rc == 0)
			r->eof = 1;
		return rc;
	}
	if (x.n > READ_MAX_COLUMNS) {
		r->too_many = 1;
		x.n = READ_MAX_COLUMNS;
	}
	ALLOC_GROW(r->queue, r->qlen + 1, r->qalloc);
	rec *q = &r->queue[r->qlen++];
	size_t bytes = 0;
	for (size_t i = 0; i < x.n; i++)
		bytes += x.len[i] + 1;
	q->n = x.n;
	q->data = xmalloc(bytes + 1);
	q->off = xmalloc((x.n + 1) * sizeof(size_t));
	q->len = xmalloc((x.n + 1) * sizeof(size_t));
	size_t o = 0;
	for (size_t i = 0; i < x.n; i++) {
		memcpy(q->data + o, x.v[i], x.len[i] + 1);
		q->off[i] = o;
		q->len[i] = x.len[i];
		o += x.len[i] + 1;
	}
	q->row = x.row;
	return 1;
}

/* Read more records into the queue: 1, 0 at the end, -1 after an error. */
static int rec_more(reader *r)
{
	return r->format == READ_XLSX ? xlsx_more(r) : csv_more(r);
}

/* The k-th record after the current one (from 1), read but not taken, or
   NULL at the end (or before a byte the encoding lacks, which the reading
   of the records before it reports); *err set after an error. */
static rec *rec_peek(reader *r, size_t k, int *err)
{
	while (r->qlen - r->qhead < k) {
		if (r->bad)
			return NULL;
		int rc = rec_more(r);
		if (rc < 0)
			*err = 1;
		if (rc <= 0)
			return NULL;
	}
	return &r->queue[r->qhead + k - 1];
}

static int csv_next(reader *r)
{
	rec_release(&r->cur);
	while (r->qhead >= r->qlen) {
		r->qhead = r->qlen = 0;
		int rc = rec_more(r);
		if (rc < 0)
			return -1;
		if (rc == 0 && r->qhead >= r->qlen)
			return 0;
	}
	r->cur = r->queue[r->qhead++];
	r->row = r->cur.row;
	return 1;
}

/* ---- header rows: survey platforms' exports ---- */

/* Cell i of a record, or "" past its end. */
static const char *rec_cell(const rec *q, size_t i)
{
	return i < q->n ? q->data + q->off[i] : "";
}

static int header_has(const reader *r, const char *name)
{
	for (size_t i = 0; i < r->nheader; i++)
		if (!strcasecmp(r->header[i], name))
			return (int)i + 1;
	return 0;
}

/* Labels from a header record: its non-empty cells. */
static void take_labels(reader *r, const rec *q)
{
	for (size_t i = 0; i < r->nheader; i++) {
		const char *v = rec_cell(q, i);
		free(r->labels[i]);
		r->labels[i] = *v ? xstrdup(v) : NULL;
	}
}

/* SurveyMonkey's metadata columns, named in its first header row. */
static int monkey_meta(const char *s)
{
	static const char *const meta[] = { "Respondent ID", "Collector ID", "Start Date", "End Date",
					    "IP Address", "Email Address", "First Name", "Last Name" };
	for (size_t i = 0; i < sizeof(meta) / sizeof(*meta); i++)
		if (!strcasecmp(s, meta[i]))
			return 1;
	return !strncasecmp(s, "Custom Data", 11);
}

/* A sub-question that only says "the answer". */
static int monkey_plain(const char *s)
{
	return !*s || !strcasecmp(s, "Response") || !strcasecmp(s, "Open-Ended Response");
}

/*
 * SurveyMonkey: row 1 the questions (once, or merged), sub the second row.
 * Questions become Q1, Q2 (Q3_1, Q3_2 for one with several columns), with
 * the question (and sub-question) as the label.
 */
static void monkey_names(reader *r, const rec *sub)
{
	size_t nq = 0;
	for (size_t i = 0; i < r->nheader;) {
		const char *q = r->header[i];
		if (monkey_meta(q)) {
			i++;
			continue;
		}
		/* the question's columns: the next ones with no question of their own */
		size_t j = i + 1;
		while (j < r->nheader && (!*r->header[j] || !strcmp(r->header[j], q)) && !monkey_meta(r->header[j]))
			j++;
		nq++;
		char *text = xstrdup(q);
		for (size_t k = i; k < j; k++) {
			const char *s = rec_cell(sub, k);
			strbuf name, label;
			sb_init(&name);
			sb_init(&label);
			sb_addf(&name, "Q%zu", nq);
			if (j - i > 1)
				sb_addf(&name, "_%zu", k - i + 1);
			sb_adds(&label, text);
			if (!monkey_plain(s) || (j - i > 1 && *s))
				sb_addf(&label, "%s%s", label.len ? " - " : "", s);
			free(r->header[k]);
			r->header[k] = sb_detach(&name);
			free(r->labels[k]);
			r->labels[k] = label.len ? sb_detach(&label) : NULL;
			sb_release(&label);
		}
		free(text);
		i = j;
	}
}

/*
 * After the first header row: take n header rows (n > 0), or recognise
 * a survey platform's (n == 0). Returns -1 after reporting.
 */
static int header_rows(reader *r, int n)
{
	int err = 0;
	rec *p1 = rec_peek(r, 1, &err), *p2 = p1 ? rec_peek(r, 2, &err) : NULL;
	if (err)
		return -1;
	int skip = 0;
	if (n == 0) {
		int qualtrics = 0;
		for (size_t i = 0; p2 && i < p2->n && !qualtrics; i++)
			qualtrics = !strncmp(rec_cell(p2, i), "{\"ImportId\":", 12);
		int id = header_has(r, "id");
		if (qualtrics) {
			r->platform = "Qualtrics";
			take_labels(r, p1);
			skip = 2;
		} else if (header_has(r, "Respondent ID") && header_has(r, "Collector ID") && p1) {
			r->platform = "SurveyMonkey";
			monkey_names(r, p1);
			skip = 1;
		} else if (id && header_has(r, "submitdate") && header_has(r, "startlanguage")) {
			r->platform = "LimeSurvey";
			if (p1 && !strcasecmp(rec_cell(p1, (size_t)id - 1), "Response ID")) {
				take_labels(r, p1);
				skip = 1;
			}
		}
	} else {
		if (n >= 2 && p1)
			take_labels(r, p1);
		skip = n - 1;
	}
	for (int k = 0; k < skip; k++) {
		int rc = csv_next(r);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
	}
	return 0;
}

reader *reader_open(FILE *f, const char *name, int format, char delim, const char *encoding)
{
	read_opts o = { format, delim, encoding, NULL, 0, NULL };
	return reader_open_with(f, name, &o);
}

/* A .sav read whole into r->xdata: its cases become the records, its
   variables the header (their labels the question texts). */
static reader *sav_open(reader *r)
{
	if (sav_read_mem(r->xdata.buf, r->xdata.len, r->name, &r->sav)) {
		reader_free(r);
		return NULL;
	}
	sb_release(&r->xdata);
	r->eof = 1;
	r->nheader = r->sav.ncols;
	r->header = xcalloc(r->nheader + 1, sizeof(*r->header));
	r->labels = xcalloc(r->nheader + 1, sizeof(*r->labels));
	for (size_t i = 0; i < r->nheader; i++) {
		r->header[i] = xstrdup(r->sav.cols[i]);
		if (r->sav.labels && r->sav.labels[i])
			r->labels[i] = xstrdup(r->sav.labels[i]);
		sb_addf(&r->columns, "%s%s", i ? ", " : "", r->header[i]);
	}
	return r;
}

reader *reader_open_with(FILE *f, const char *name, const read_opts *o)
{
	int format = o->format;
	char delim = o->delim;
	const char *encoding = o->encoding;
	reader *r = xcalloc(1, sizeof(*r));
	r->f = f;
	r->name = xstrdup(name);
	r->format = format;
	r->cd = (iconv_t)-1;
	r->policy = o->policy;
	sb_init(&r->clean);
	sb_init(&r->field_bytes);
	sb_init(&r->columns);
	sb_init(&r->pending);
	sb_init(&r->conv);
	sb_init(&r->numbuf);
	sb_init(&r->xdata);
	sb_init(&r->where);
	r->encoding = encoding ? read_encoding_parse(encoding) : READ_UTF8;
	if (r->encoding < 0) {
		error("unknown encoding '%s' (use utf-8, cp1252 or latin1)", encoding);
		error_set_code(EXIT_USAGE);
		reader_free(r);
		return NULL;
	}
	if (r->encoding != READ_UTF8 && read_encoding_fixed(format)) {
		error("encoding %s does not apply to %s: %s", read_encoding_name(r->encoding),
		      read_format_name(format), read_encoding_fixed(format));
		error_set_code(EXIT_USAGE);
		reader_free(r);
		return NULL;
	}
	if (r->encoding != READ_UTF8) {
		r->cd = iconv_open("UTF-8", r->encoding == READ_CP1252 ? "CP1252" : "ISO-8859-1");
		if (r->cd == (iconv_t)-1) {
			error("cannot convert from %s: %s", encoding, strerror(errno));
			error_set_code(EXIT_IO);
			reader_free(r);
			return NULL;
		}
	}
	if (format == READ_XLSX || format == READ_SAV) {
		/* a zip is read from its end, a .sav by seeking in it: the file
		   whole (a workbook compressed, within its limit) */
		size_t limit = format == READ_XLSX ? XLSX_MAX_FILE : SIZE_MAX;
		char buf[CHUNK];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
			if (r->xdata.len + n > limit) {
				error_set_code(EXIT_INPUT);
				error("%s: the workbook is larger than %lu MiB, the limit", name,
				      XLSX_MAX_FILE >> 20);
				reader_free(r);
				return NULL;
			}
			sb_add(&r->xdata, buf, n);
		}
		if (ferror(f)) {
			error_set_code(EXIT_IO);
			error("cannot read '%s': %s", name, strerror(errno));
			reader_free(r);
			return NULL;
		}
		if (format == READ_SAV)
			return sav_open(r);
		r->xb = xlsx_open(r->xdata.buf, r->xdata.len, name);
		if (!r->xb || xlsx_select(r->xb, o->sheet)) {
			reader_free(r);
			return NULL;
		}
		goto header;
	}
	if (format != READ_CSV && format != READ_TSV)
		return r;

	/* CSV/TSV: peek at the first chunk for the delimiter, then read the header */
	if (format == READ_TSV)
		delim = '\t';
	unsigned char opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
	if (csv_init(&r->csv, opts) != 0) {
		reader_free(r);
		return NULL;
	}
	if (!delim) {
		int c, inq = 0;
		size_t n = 0;
		/* read up to the end of the first line into a buffer we then feed */
		strbuf first;
		sb_init(&first);
		while ((c = fgetc(f)) != EOF) {
			sb_addc(&first, (char)c);
			if (c == '"')
				inq = !inq;
			if (c == '\n' && !inq)
				break;
			if (++n > (1 << 20))
				break;
		}
		const char *p = first.buf;
		size_t len = first.len;
		if (utf8_reject_wide(r->name, p, len)) {
			sb_release(&first);
			reader_free(r);
			return NULL;
		}
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			len -= 3;
		}
		r->bom_checked = 1;
		delim = detect_delim(p, len);
		csv_set_delim(&r->csv, (unsigned char)delim);
		if (csv_convert_feed(r, p, len)) {
			sb_release(&first);
			reader_free(r);
			return NULL;
		}
		sb_release(&first);
	} else {
		csv_set_delim(&r->csv, (unsigned char)delim);
	}
	r->delim = delim;
header:;
	int rc = csv_next(r);
	if (rc <= 0) {
		if (rc == 0)
			rerr(r, 1, "no header row (an empty file?)");
		reader_free(r);
		return NULL;
	}
	if (r->too_many) {
		rerr(r, 1, "more than %d columns", READ_MAX_COLUMNS);
		reader_free(r);
		return NULL;
	}
	r->nheader = r->cur.n;
	r->header = xcalloc(r->nheader + 1, sizeof(*r->header));
	r->labels = xcalloc(r->nheader + 1, sizeof(*r->labels));
	for (size_t i = 0; i < r->nheader; i++)
		r->header[i] = xstrdup(r->cur.data + r->cur.off[i]);
	if (header_rows(r, o->header_rows)) {
		reader_free(r);
		return NULL;
	}
	for (size_t i = 0; i < r->nheader; i++)
		sb_addf(&r->columns, "%s%s", i ? ", " : "", r->header[i]);
	return r;
}

void reader_free(reader *r)
{
	if (!r)
		return;
	if (r->format == READ_CSV || r->format == READ_TSV)
		csv_free(&r->csv);
	for (size_t i = r->qhead; i < r->qlen; i++)
		rec_release(&r->queue[i]);
	free(r->queue);
	rec_release(&r->cur);
	for (size_t i = 0; i < r->nheader; i++) {
		free(r->header[i]);
		if (r->labels)
			free(r->labels[i]);
	}
	free(r->header);
	free(r->labels);
	xlsx_free(r->xb);
	sb_release(&r->xdata);
	table_release(&r->sav);
	sb_release(&r->where);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->keys);
	free(r->foff);
	free(r->flen);
	free(r->line);
	sb_release(&r->field_bytes);
	sb_release(&r->columns);
	sb_release(&r->pending);
	sb_release(&r->conv);
	sb_release(&r->clean);
	sb_release(&r->numbuf);
	if (r->obj)
		json_decref(r->obj);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->name);
	free(r);
}

/* Read one line into r->conv (converted, without line end); 0 at EOF. */
static int next_line(reader *r)
{
	ssize_t n = getline(&r->line, &r->line_alloc, r->f);
	if (n < 0) {
		if (ferror(r->f)) {
			error_set_code(EXIT_IO);
			return error("cannot read '%s': %s", r->name, strerror(errno));
		}
		return 0;
	}
	r->row++;
	const char *p = r->line;
	size_t len = (size_t)n;
	if (r->row == 1 && utf8_reject_wide(r->name, p, len))
		return -1;
	if (r->row == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
	}
	while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	sb_reset(&r->conv);
	size_t bad;
	if (convert(r, p, len, &r->conv, &bad))
		return bad_line_byte(r, (unsigned char)p[bad], (size_t)(p - r->line) + bad);
	return 1;
}

int reader_next(reader *r)
{
	if (r->format == READ_SAV) {
		/* cases are numbered from 1, as SPSS's data view does */
		if ((size_t)r->row >= r->sav.nrows)
			return 0;
		r->row++;
		return 1;
	}
	if (r->format == READ_XLSX) {
		int rc = csv_next(r);
		if (rc == 1 && r->too_many)
			return rerr(r, r->row, "more than %d columns", READ_MAX_COLUMNS);
		/* a row may end early (its cells are empty); a value past the
		   header's last column has no name to go by */
		if (rc == 1 && r->cur.n > r->nheader) {
			size_t c = r->nheader;
			while (!r->cur.len[c])
				c++;
			return error_in(reader_where(r, (int)c), "a value in a column with no name in the header row");
		}
		return rc;
	}
	if (r->format == READ_CSV || r->format == READ_TSV) {
		int rc = csv_next(r);
		if (rc == 1 && r->too_many)
			return rerr(r, r->row, "more than %d columns", READ_MAX_COLUMNS);
		if (rc == 1 && r->cur.n != r->nheader)
			return rerr(r, r->row, "this row has %zu field%s, the header has %zu", r->cur.n,
				    plural_s((long long)r->cur.n), r->nheader);
		return rc;
	}
	int rc = next_line(r);
	if (rc <= 0)
		return rc;
	if (r->format == READ_LINES) {
		r->cur_text = r->conv.buf;
		r->cur_len = r->conv.len;
		return 1;
	}
	/* JSONL: blank lines are skipped */
	while (rc == 1 && r->conv.len == strspn(r->conv.buf, " \t"))
		rc = next_line(r);
	if (rc <= 0)
		return rc;
	if (r->obj)
		json_decref(r->obj);
	r->obj = NULL;
	/* JSON is UTF-8: a line that is not is said so as every answer is */
	const char *line;
	size_t len;
	read_at at = { r->name, r->row, NULL, 0, NULL, READ_RECORD };
	if (read_check(r->policy, &at, r->conv.buf, r->conv.len, &r->clean, &line, &len))
		return -1;
	json_error_t je;
	r->obj = json_loadb(line, len, 0, &je);
	if (!r->obj)
		return rerr(r, r->row, "invalid JSON at column %d: %s", je.column, je.text);
	if (!json_is_object(r->obj)) {
		json_decref(r->obj);
		r->obj = NULL;
		return rerr(r, r->row, "not a JSON object (each line must be {...})");
	}
	return 1;
}

int reader_ready(reader *r)
{
	if (r->qhead < r->qlen)
		return 1;
	if (r->eof || r->bad)
		return 1; /* reader_next answers at once */
	/* glibc's read buffer: bytes fetched but not yet consumed */
	if (r->f->_IO_read_ptr < r->f->_IO_read_end)
		return 1;
	struct pollfd pfd = { fileno(r->f), POLLIN, 0 };
	return poll(&pfd, 1, 0) > 0;
}

long reader_row(const reader *r) { return r->row; }
int reader_format(const reader *r) { return r->format; }

int reader_col(reader *r, const char *name)
{
	switch (r->format) {
	case READ_CSV:
	case READ_TSV:
	case READ_XLSX:
	case READ_SAV:
		for (size_t i = 0; i < r->nheader; i++)
			if (!strcasecmp(r->header[i], name))
				return (int)i;
		for (size_t i = 0; i < r->nheader; i++)
			if (r->labels[i] && !strcasecmp(r->labels[i], name))
				return (int)i;
		return -1;
	case READ_LINES:
		return !strcasecmp(name, "text") ? 0 : -1;
	default:
		for (size_t i = 0; i < r->nkeys; i++)
			if (!strcmp(r->keys[i], name))
				return (int)i;
		r->keys = xrealloc(r->keys, (r->nkeys + 1) * sizeof(*r->keys));
		r->keys[r->nkeys] = xstrdup(name);
		return (int)r->nkeys++;
	}
}

const char *reader_get(reader *r, int col, size_t *len)
{
	*len = 0;
	if (col < 0)
		return NULL;
	switch (r->format) {
	case READ_CSV:
	case READ_TSV:
	case READ_XLSX:
		if ((size_t)col >= r->cur.n)
			return NULL;
		*len = r->cur.len[col];
		return r->cur.data + r->cur.off[col];
	case READ_SAV: {
		/* a missing value is no value */
		if ((size_t)col >= r->sav.ncols || r->row < 1)
			return NULL;
		const char *v = r->sav.cells[(size_t)(r->row - 1) * r->sav.ncols + (size_t)col];
		*len = v ? strlen(v) : 0;
		return v;
	}
	case READ_LINES:
		*len = r->cur_len;
		return r->cur_text;
	default: {
		json_t *v = (size_t)col < r->nkeys ? json_object_get(r->obj, r->keys[col]) : NULL;
		if (!v || json_is_null(v))
			return NULL;
		if (json_is_string(v)) {
			*len = json_string_length(v);
			return json_string_value(v);
		}
		sb_reset(&r->numbuf);
		if (json_is_integer(v))
			sb_addf(&r->numbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		else if (json_is_real(v))
			sb_addf(&r->numbuf, "%.17g", json_real_value(v));
		else if (json_is_boolean(v))
			sb_adds(&r->numbuf, json_is_true(v) ? "true" : "false");
		else
			return NULL;
		*len = r->numbuf.len;
		return r->numbuf.buf;
	}
	}
}

int reader_require(reader *r, int col)
{
	if (r->format != READ_JSONL || col < 0 || (size_t)col >= r->nkeys || !r->obj)
		return 0;
	const char *key = r->keys[col];
	json_t *v = json_object_get(r->obj, key);
	if (v && !json_is_object(v) && !json_is_array(v))
		return 0;
	if (v)
		return rerr(r, r->row, "key '%s' holds %s, not text", key,
			    json_is_object(v) ? "an object" : "an array");
	strbuf keys;
	sb_init(&keys);
	const char *k;
	json_t *val;
	json_object_foreach(r->obj, k, val)
		sb_addf(&keys, "%s%s", keys.len ? ", " : "", k);
	rerr(r, r->row, "no key '%s' in this record (%s%s)", key,
	     keys.len ? "its keys are: " : "it is empty", keys.buf);
	sb_release(&keys);
	return -1;
}

const char *reader_columns(const reader *r) { return r->columns.buf; }
size_t reader_ncols(const reader *r) { return r->nheader; }
const char *reader_colname(const reader *r, size_t i) { return r->header[i]; }
const char *reader_label(const reader *r, size_t i) { return r->labels ? r->labels[i] : NULL; }
const char *reader_platform(const reader *r) { return r->platform; }

void reader_set_label(reader *r, size_t i, const char *label)
{
	if (!r->labels || i >= r->nheader)
		return;
	free(r->labels[i]);
	r->labels[i] = xstrdup(label);
}

const char *reader_where(reader *r, int col)
{
	sb_reset(&r->where);
	sb_adds(&r->where, r->name);
	sb_addc(&r->where, ':');
	if (r->format != READ_XLSX) {
		sb_addf(&r->where, "%ld", r->row);
		return r->where.buf;
	}
	xlsx_sheet_ref(&r->where, xlsx_selected(r->xb));
	if (col >= 0) {
		char cell[16];
		xlsx_cell_name((size_t)col, r->row, cell);
		sb_addf(&r->where, "!%s", cell);
	} else {
		sb_addf(&r->where, "!%ld:%ld", r->row, r->row);
	}
	return r->where.buf;
}
char reader_delim(const reader *r) { return r->delim; }
