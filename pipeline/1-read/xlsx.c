/*
 * xlsx: reading .xlsx workbooks with minizip and expat (see xlsx.h).
 */
#include "xlsx.h"

#include <expat.h>
#include <limits.h>
#include <math.h>
#include <minizip/unzip.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define CHUNK 65536

/* ---- the zip container, from memory ---- */

typedef struct memfile {
	const unsigned char *data; /* the workbook's bytes */
	size_t size;
	size_t pos;
} memfile;

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *filename, int mode)
{
	(void)filename;
	(void)mode;
	memfile *m = opaque;
	m->pos = 0;
	return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	(void)opaque;
	memfile *m = stream;
	size_t left = m->pos < m->size ? m->size - m->pos : 0;
	size_t n = size < left ? size : left;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((memfile *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	(void)opaque;
	memfile *m = stream;
	ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 :
			origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->size;
	if (base + off > m->size)
		return -1;
	m->pos = (size_t)(base + off);
	return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- the book ---- */

/* How a cell style shows a number. */
enum num_kind { NUM_PLAIN, NUM_DATE, NUM_TIME, NUM_DATETIME, NUM_ELAPSED };

typedef struct merge {
	long r1, r2;     /* rows of the range */
	size_t c1, c2;   /* columns */
	char *val;       /* the top-left cell's value, once read */
} merge;

/* A row read from the sheet, waiting to be returned. */
typedef struct qrow {
	long row;
	char *data;      /* the cells' bytes, each NUL-terminated */
	size_t *off;     /* per column: offset in data (of an empty string when empty) */
	size_t *len;
	size_t n;
} qrow;

/* What a part's parser found wrong (set by the DOCTYPE guard). */
typedef struct part_ctx {
	struct xlsx_book *b;
	XML_Parser p;
	int doctype;        /* a document type declaration was met */
	void *user;         /* the part's own state */
} part_ctx;

struct xlsx_book {
	char *name;               /* for messages */
	memfile mf;               /* the file in memory */
	unzFile zf;               /* the zip */
	char *wb_path;            /* the workbook part, e.g. xl/workbook.xml */
	int date1904;             /* dates count from 1904 */
	/* shared strings */
	strbuf sst;               /* every string, each NUL-terminated */
	size_t *sst_off, *sst_len;
	size_t nsst, sst_alloc;
	/* styles: the number kind of each cell format */
	unsigned char *xf_kind;
	size_t nxf;
	/* sheets */
	char **sheet_name, **sheet_path;
	size_t nsheets;
	long cur;                 /* selected sheet, or -1 */
	merge *merges;
	size_t nmerges, merges_alloc;
	/* the sheet being read */
	XML_Parser p;             /* its parser */
	part_ctx pc;              /* and what it is handed */
	int part_open;            /* its part is open in zf */
	unsigned long long part_in, part_out; /* compressed size, bytes inflated */
	int done;                 /* the part is read */
	int failed;               /* an error was reported */
	qrow *queue;
	size_t qhead, qlen, qalloc;
	qrow cur_row;             /* the row last returned */
	const char **view;        /* its cells, for xlsx_row */
	size_t view_alloc;
	/* parse state of a row and cell */
	long row_no;              /* current row */
	long last_row;            /* the row before, for rows without r= */
	strbuf row_bytes;
	size_t *row_off, *row_len;
	size_t row_n, row_alloc;
	long col;                 /* current cell's column, -1 before the first */
	char ctype[12];           /* its t= */
	long cstyle;              /* its s=, or -1 */
	int collect;              /* inside <v>, or <t> of <is> */
	int in_is, in_rph;        /* inside <is>, inside <rPh> (phonetic text, skipped) */
	strbuf val;               /* text of the current cell */
};

static int xerr(xlsx_book *b, const char *fmt, ...) FMT_PRINTF(2, 3);

static int xerr(xlsx_book *b, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->failed = 1;
	error_set_code(EXIT_INPUT);
	return error("%s: %s", b->name, msg);
}

void xlsx_cell_name(size_t col, long row, char *buf)
{
	char letters[8];
	int n = 0;
	size_t c = col + 1;
	while (c && n < 7) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	int k = 0;
	while (n)
		buf[k++] = letters[--n];
	snprintf(buf + k, 16 - (size_t)k, "%ld", row);
}

void xlsx_sheet_ref(strbuf *out, const char *sheet)
{
	int plain = *sheet && !(sheet[0] >= '0' && sheet[0] <= '9');
	for (const char *s = sheet; *s && plain; s++)
		plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			*s == '_' || *s == '.' || (unsigned char)*s >= 0x80;
	if (plain) {
		sb_adds(out, sheet);
		return;
	}
	sb_addc(out, '\'');
	for (const char *s = sheet; *s; s++) {
		if (*s == '\'')
			sb_addc(out, '\'');
		sb_addc(out, *s);
	}
	sb_addc(out, '\'');
}

/* An error at a cell (col < 0: at the row) of the selected sheet. */
static int cell_err(xlsx_book *b, long col, long row, const char *fmt, ...) FMT_PRINTF(4, 5);

static int cell_err(xlsx_book *b, long col, long row, const char *fmt, ...)
{
	char msg[600], cell[16];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	strbuf where;
	sb_init(&where);
	xlsx_sheet_ref(&where, b->sheet_name[b->cur]);
	if (col >= 0) {
		xlsx_cell_name((size_t)col, row, cell);
		sb_addf(&where, "!%s", cell);
	} else {
		sb_addf(&where, "!%ld:%ld", row, row);
	}
	b->failed = 1;
	strbuf pos;
	sb_init(&pos);
	sb_addf(&pos, "%s:%s", b->name, where.buf);
	error_in(pos.buf, "%s", msg);
	sb_release(&pos);
	sb_release(&where);
	return -1;
}

/* The local part of an XML name ("x:row" -> "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

/* Attribute value by local name, or NULL. With prefixed, only a prefixed
   name matches (r:id, not id). */
static const char *attr(const char **atts, const char *name, int prefixed)
{
	for (size_t i = 0; atts[i]; i += 2) {
		const char *c = strrchr(atts[i], ':');
		if (prefixed && !c)
			continue;
		if (!prefixed && c)
			continue;
		if (!strcmp(c ? c + 1 : atts[i], name))
			return atts[i + 1];
	}
	return NULL;
}

/* ---- reading parts ---- */

static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	part_ctx *pc = data;
	pc->doctype = 1;
	XML_StopParser(pc->p, XML_FALSE);
}

static XML_Parser new_parser(part_ctx *pc)
{
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p) {
		error_set_code(EXIT_IO);
		error("out of memory");
		exit(EXIT_IO);
	}
	pc->p = p;
	XML_SetUserData(p, pc);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	return p;
}

/* Open part path in the zip; 1, 0 when it is not there, -1 after reporting. */
static int part_open(xlsx_book *b, const char *path, unsigned long long *comp)
{
	if (unzLocateFile(b->zf, path, 2) != UNZ_OK)
		return 0;
	unz_file_info64 fi;
	if (unzGetCurrentFileInfo64(b->zf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
		return xerr(b, "cannot read the entry '%s' of the zip", path);
	if (fi.flag & 1)
		return xerr(b, "the part '%s' is encrypted", path);
	if (unzOpenCurrentFile(b->zf) != UNZ_OK)
		return xerr(b, "cannot read the entry '%s' of the zip (compressed in a way zip readers do not know?)",
			    path);
	*comp = fi.compressed_size;
	return 1;
}

/*
 * Read up to CHUNK more bytes of the open part into buf, keeping count
 * against the limits; returns the bytes read, 0 at its end, -1 after
 * reporting.
 */
static long part_read(xlsx_book *b, const char *path, unsigned long long comp,
		      unsigned long long *out, char *buf)
{
	int n = unzReadCurrentFile(b->zf, buf, CHUNK);
	if (n < 0)
		return xerr(b, "the part '%s' is damaged (%s)", path,
			    n == UNZ_CRCERROR ? "its checksum does not match" : "it does not inflate");
	*out += (unsigned long long)n;
	if (*out > XLSX_MAX_PART)
		return xerr(b, "the part '%s' expands to more than %lu MiB, the limit (a zip bomb?)", path,
			    XLSX_MAX_PART >> 20);
	if (*out > XLSX_RATIO_FROM && *out > (comp ? comp : 1) * XLSX_MAX_RATIO)
		return xerr(b, "the part '%s' expands to more than %d times its compressed size of %llu bytes,"
			       " the limit past %lu MiB (a zip bomb?)", path, XLSX_MAX_RATIO, comp,
			    XLSX_RATIO_FROM >> 20);
	return n;
}

/* Feed bytes to a part's parser; -1 after reporting. */
static int part_feed(xlsx_book *b, part_ctx *pc, const char *path, const char *buf, long n, int last)
{
	if (XML_Parse(pc->p, buf, (int)n, last) == XML_STATUS_OK)
		return 0;
	if (b->failed)
		return -1;
	if (pc->doctype)
		return xerr(b, "the part '%s' has a document type declaration, which no workbook has"
			       " (entity declarations are refused: an XML bomb?)", path);
	return xerr(b, "the part '%s' is not well-formed XML: %s at line %lu", path,
		    XML_ErrorString(XML_GetErrorCode(pc->p)), (unsigned long)XML_GetCurrentLineNumber(pc->p));
}

/* Parse a whole part with the parser of pc; 1 done, 0 absent, -1 error. */
static int part_parse(xlsx_book *b, part_ctx *pc, const char *path)
{
	unsigned long long comp = 0, out = 0;
	int rc = part_open(b, path, &comp);
	if (rc <= 0)
		return rc;
	char *buf = xmalloc(CHUNK);
	for (;;) {
		long n = part_read(b, path, comp, &out, buf);
		if (n < 0 || part_feed(b, pc, path, buf, n > 0 ? n : 0, n == 0)) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
	}
	free(buf);
	if (unzCloseCurrentFile(b->zf) == UNZ_CRCERROR && rc > 0)
		return xerr(b, "the part '%s' is damaged (its checksum does not match)", path);
	return rc;
}

/* A part's target resolved against the folder of the part that names it. */
static char *resolve(const char *from, const char *target)
{
	strbuf sb;
	sb_init(&sb);
	if (target[0] == '/') {
		target++;
	} else {
		const char *slash = strrchr(from, '/');
		if (slash)
			sb_add(&sb, from, (size_t)(slash - from) + 1);
	}
	while (!strncmp(target, "../", 3)) {
		target += 3;
		/* drop the last folder */
		if (sb.len)
			sb.len--;
		while (sb.len && sb.buf[sb.len - 1] != '/')
			sb.len--;
		sb.buf[sb.len] = '\0';
	}
	sb_adds(&sb, target);
	return sb_detach(&sb);
}

/* ---- relationships ---- */

typedef struct rel {
	char *id, *type, *target;
} rel;

typedef struct rels {
	rel *v;
	size_t n;
} rels;

static void XMLCALL rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	part_ctx *pc = data;
	rels *r = pc->user;
	if (strcmp(local(name), "Relationship"))
		return;
	const char *id = attr(atts, "Id", 0), *type = attr(atts, "Type", 0), *target = attr(atts, "Target", 0);
	if (!id || !type || !target)
		return;
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	r->v[r->n].id = xstrdup(id);
	r->v[r->n].type = xstrdup(type);
	r->v[r->n].target = xstrdup(target);
	r->n++;
}

static void rels_release(rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* The relationships of a part (its _rels/NAME.rels); -1 after reporting. */
static int read_rels(xlsx_book *b, const char *part, rels *r)
{
	memset(r, 0, sizeof(*r));
	strbuf path;
	sb_init(&path);
	const char *slash = strrchr(part, '/');
	if (slash)
		sb_add(&path, part, (size_t)(slash - part) + 1);
	sb_addf(&path, "_rels/%s.rels", slash ? slash + 1 : part);
	part_ctx pc = { b, NULL, 0, r };
	XML_Parser p = new_parser(&pc);
	XML_SetStartElementHandler(p, rels_start);
	int rc = part_parse(b, &pc, part[0] ? path.buf : "_rels/.rels");
	XML_ParserFree(p);
	sb_release(&path);
	return rc < 0 ? -1 : 0;
}

/* The target of the first relationship whose type ends in suffix, or NULL. */
static const rel *rel_of_type(const rels *r, const char *suffix)
{
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < r->n; i++) {
		size_t tl = strlen(r->v[i].type);
		if (tl >= sl && !strcmp(r->v[i].type + tl - sl, suffix))
			return &r->v[i];
	}
	return NULL;
}

/* ---- the workbook part ---- */

typedef struct wb_state {
	char **names, **ids;
	size_t n;
} wb_state;

static void XMLCALL wb_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	part_ctx *pc = data;
	wb_state *w = pc->user;
	const char *ln = local(name);
	if (!strcmp(ln, "workbookPr")) {
		const char *d = attr(atts, "date1904", 0);
		pc->b->date1904 = d && (!strcmp(d, "1") || !strcasecmp(d, "true"));
	} else if (!strcmp(ln, "sheet")) {
		const char *n = attr(atts, "name", 0), *id = attr(atts, "id", 1);
		if (!n || !id)
			return;
		w->names = xrealloc(w->names, (w->n + 1) * sizeof(char *));
		w->ids = xrealloc(w->ids, (w->n + 1) * sizeof(char *));
		w->names[w->n] = xstrdup(n);
		w->ids[w->n] = xstrdup(id);
		w->n++;
	}
}

/* ---- styles: which cell formats show dates and times ---- */

typedef struct numfmt {
	long id;
	int kind;
} numfmt;

typedef struct style_state {
	numfmt *fmts;      /* custom formats */
	size_t nfmts;
	int in_xfs;        /* inside <cellXfs> */
	long *xf_fmt;      /* numFmtId of each cell format */
	size_t nxf;
} style_state;

/* The kind of a built-in number format. */
static int builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return NUM_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
		return NUM_TIME;
	if (id == 22)
		return NUM_DATETIME;
	return NUM_PLAIN;
}

/* The kind of a format code: its date and time letters outside quotes,
   escapes and [colour] brackets ([h], [mm], [ss] are elapsed time). */
static int code_kind(const char *code)
{
	int date = 0, time = 0, elapsed = 0;
	for (const char *s = code; *s; s++) {
		char c = *s;
		if (c == '"') {
			while (s[1] && s[1] != '"')
				s++;
			if (s[1])
				s++;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (s[1])
				s++;
		} else if (c == '[') {
			const char *e = strchr(s, ']');
			if (!e)
				break;
			if (strchr("hHmMsS", s[1]))
				elapsed = 1;
			s = e;
		} else if (c == ';') {
			break; /* the first section decides */
		} else if (strchr("yYdD", c)) {
			date = 1;
		} else if (strchr("hHsS", c)) {
			time = 1;
		} else if (c == 'E' || c == 'e') {
			/* an exponent (0.00E+00), not a date */
		}
	}
	if (elapsed && !date)
		return NUM_ELAPSED;
	if (date && time)
		return NUM_DATETIME;
	return date ? NUM_DATE : time ? NUM_TIME : NUM_PLAIN;
}

static void XMLCALL style_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	part_ctx *pc = data;
	style_state *s = pc->user;
	const char *ln = local(name);
	if (!strcmp(ln, "numFmt")) {
		const char *id = attr(atts, "numFmtId", 0), *code = attr(atts, "formatCode", 0);
		if (!id || !code)
			return;
		s->fmts = xrealloc(s->fmts, (s->nfmts + 1) * sizeof(*s->fmts));
		s->fmts[s->nfmts].id = strtol(id, NULL, 10);
		s->fmts[s->nfmts].kind = code_kind(code);
		s->nfmts++;
	} else if (!strcmp(ln, "cellXfs")) {
		s->in_xfs = 1;
	} else if (!strcmp(ln, "xf") && s->in_xfs) {
		const char *id = attr(atts, "numFmtId", 0);
		s->xf_fmt = xrealloc(s->xf_fmt, (s->nxf + 1) * sizeof(long));
		s->xf_fmt[s->nxf++] = id ? strtol(id, NULL, 10) : 0;
	}
}

static void XMLCALL style_end(void *data, const XML_Char *name)
{
	part_ctx *pc = data;
	style_state *s = pc->user;
	if (!strcmp(local(name), "cellXfs"))
		s->in_xfs = 0;
}

/* ---- shared strings ---- */

typedef struct sst_state {
	int in_si, in_t, in_rph;
	size_t start;      /* offset of the current string */
} sst_state;

static void XMLCALL sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	part_ctx *pc = data;
	sst_state *s = pc->user;
	const char *ln = local(name);
	if (!strcmp(ln, "si")) {
		s->in_si = 1;
		s->start = pc->b->sst.len;
	} else if (!strcmp(ln, "rPh")) {
		s->in_rph++;
	} else if (!strcmp(ln, "t") && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

/* Undo Office's escapes of characters XML cannot hold: _xHHHH_ stands for
   the character U+HHHH (and _x005F_ for the underscore of a literal
   "_x....._"). Decodes s[start..len) of sb in place. */
static void unescape_ooxml(strbuf *sb, size_t start)
{
	char *s = sb->buf + start;
	size_t n = sb->len - start, o = 0;
	if (!memchr(s, '_', n))
		return;
	for (size_t i = 0; i < n;) {
		unsigned v = 0;
		int ok = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
		for (int k = 2; ok && k < 6; k++) {
			char c = s[i + k];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			ok = d >= 0;
			v = v * 16 + (unsigned)d;
		}
		if (!ok || (v >= 0xD800 && v <= 0xDFFF)) {
			s[o++] = s[i++];
			continue;
		}
		/* UTF-8 of v: at most 3 bytes, which fit in the 7 it replaces */
		if (v < 0x80) {
			s[o++] = (char)v;
		} else if (v < 0x800) {
			s[o++] = (char)(0xC0 | (v >> 6));
			s[o++] = (char)(0x80 | (v & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | (v >> 12));
			s[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
			s[o++] = (char)(0x80 | (v & 0x3F));
		}
		i += 7;
	}
	sb->len = start + o;
	sb->buf[sb->len] = '\0';
}

static void XMLCALL sst_end(void *data, const XML_Char *name)
{
	part_ctx *pc = data;
	sst_state *s = pc->user;
	xlsx_book *b = pc->b;
	const char *ln = local(name);
	if (!strcmp(ln, "t")) {
		s->in_t = 0;
	} else if (!strcmp(ln, "rPh")) {
		s->in_rph--;
	} else if (!strcmp(ln, "si") && s->in_si) {
		unescape_ooxml(&b->sst, s->start);
		ALLOC_GROW(b->sst_off, b->nsst + 1, b->sst_alloc);
		b->sst_len = xrealloc(b->sst_len, b->sst_alloc * sizeof(size_t));
		b->sst_off[b->nsst] = s->start;
		b->sst_len[b->nsst] = b->sst.len - s->start;
		b->nsst++;
		sb_addc(&b->sst, '\0');
		s->in_si = 0;
	}
}

static void XMLCALL sst_text(void *data, const XML_Char *s, int len)
{
	part_ctx *pc = data;
	sst_state *st = pc->user;
	if (st->in_t && !st->in_rph)
		sb_add(&pc->b->sst, s, (size_t)len);
}

/* ---- opening ---- */

xlsx_book *xlsx_open(const void *data, size_t n, const char *name)
{
	xlsx_book *b = xcalloc(1, sizeof(*b));
	b->name = xstrdup(name);
	b->cur = -1;
	sb_init(&b->sst);
	sb_init(&b->row_bytes);
	sb_init(&b->val);
	rels top, wr;
	memset(&top, 0, sizeof(top));
	memset(&wr, 0, sizeof(wr));
	wb_state w;
	memset(&w, 0, sizeof(w));
	style_state ss;
	memset(&ss, 0, sizeof(ss));
	int ok = 0;
	const unsigned char *d = data;
	if (n >= 8 && !memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		xerr(b, "is an encrypted workbook or an old Excel .xls file; save it in Excel as .xlsx"
			" (Excel Workbook) without a password");
		goto fail;
	}
	if (n > XLSX_MAX_FILE) {
		xerr(b, "the workbook is larger than %lu MiB, the limit", XLSX_MAX_FILE >> 20);
		goto fail;
	}
	if (n < 4 || memcmp(d, "PK", 2)) {
		xerr(b, "is not an .xlsx workbook (not a zip file)");
		goto fail;
	}
	b->mf.data = d;
	b->mf.size = n;
	zlib_filefunc64_def ff = { mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close,
				   mem_error, &b->mf };
	b->zf = unzOpen2_64(name, &ff);
	if (!b->zf) {
		xerr(b, "is not an .xlsx workbook (a damaged zip file)");
		goto fail;
	}
	/* the workbook part, from the package's relationships */
	if (read_rels(b, "", &top))
		goto fail;
	const rel *doc = rel_of_type(&top, "/officeDocument");
	b->wb_path = resolve("", doc ? doc->target : "xl/workbook.xml");
	part_ctx pc = { b, NULL, 0, &w };
	XML_Parser p = new_parser(&pc);
	XML_SetStartElementHandler(p, wb_start);
	int rc = part_parse(b, &pc, b->wb_path);
	XML_ParserFree(p);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		xerr(b, "is not an .xlsx workbook (no part '%s'; a Word or PowerPoint file, or an .ods?)",
		     b->wb_path);
		goto fail;
	}
	if (read_rels(b, b->wb_path, &wr))
		goto fail;
	for (size_t i = 0; i < w.n; i++) {
		const rel *r = NULL;
		for (size_t k = 0; k < wr.n && !r; k++)
			if (!strcmp(wr.v[k].id, w.ids[i]))
				r = &wr.v[k];
		size_t tl = r ? strlen(r->type) : 0;
		if (!r || tl < 10 || strcmp(r->type + tl - 10, "/worksheet"))
			continue; /* a chart sheet, or a dangling sheet */
		b->sheet_name = xrealloc(b->sheet_name, (b->nsheets + 1) * sizeof(char *));
		b->sheet_path = xrealloc(b->sheet_path, (b->nsheets + 1) * sizeof(char *));
		b->sheet_name[b->nsheets] = xstrdup(w.names[i]);
		b->sheet_path[b->nsheets] = resolve(b->wb_path, r->target);
		b->nsheets++;
	}
	if (!b->nsheets) {
		xerr(b, "the workbook has no worksheet");
		goto fail;
	}
	/* shared strings and styles (either may be missing) */
	const rel *r = rel_of_type(&wr, "/sharedStrings");
	if (r) {
		char *path = resolve(b->wb_path, r->target);
		sst_state st;
		memset(&st, 0, sizeof(st));
		part_ctx sc = { b, NULL, 0, &st };
		p = new_parser(&sc);
		XML_SetElementHandler(p, sst_start, sst_end);
		XML_SetCharacterDataHandler(p, sst_text);
		rc = part_parse(b, &sc, path);
		XML_ParserFree(p);
		free(path);
		if (rc < 0)
			goto fail;
	}
	r = rel_of_type(&wr, "/styles");
	if (r) {
		char *path = resolve(b->wb_path, r->target);
		part_ctx sc = { b, NULL, 0, &ss };
		p = new_parser(&sc);
		XML_SetElementHandler(p, style_start, style_end);
		rc = part_parse(b, &sc, path);
		XML_ParserFree(p);
		free(path);
		if (rc < 0)
			goto fail;
		b->nxf = ss.nxf;
		b->xf_kind = xcalloc(ss.nxf + 1, 1);
		for (size_t i = 0; i < ss.nxf; i++) {
			int kind = builtin_kind(ss.xf_fmt[i]);
			for (size_t k = 0; k < ss.nfmts; k++)
				if (ss.fmts[k].id == ss.xf_fmt[i])
					kind = ss.fmts[k].kind;
			b->xf_kind[i] = (unsigned char)kind;
		}
	}
	ok = 1;
fail:
	rels_release(&top);
	rels_release(&wr);
	for (size_t i = 0; i < w.n; i++) {
		free(w.names[i]);
		free(w.ids[i]);
	}
	free(w.names);
	free(w.ids);
	free(ss.fmts);
	free(ss.xf_fmt);
	if (ok)
		return b;
	xlsx_free(b);
	return NULL;
}

static void qrow_release(qrow *q)
{
	free(q->data);
	free(q->off);
	free(q->len);
	memset(q, 0, sizeof(*q));
}

static void sheet_close(xlsx_book *b)
{
	if (b->p)
		XML_ParserFree(b->p);
	b->p = NULL;
	if (b->part_open)
		unzCloseCurrentFile(b->zf);
	b->part_open = 0;
	for (size_t i = b->qhead; i < b->qlen; i++)
		qrow_release(&b->queue[i]);
	b->qhead = b->qlen = 0;
	qrow_release(&b->cur_row);
	for (size_t i = 0; i < b->nmerges; i++)
		free(b->merges[i].val);
	b->nmerges = 0;
}

void xlsx_free(xlsx_book *b)
{
	if (!b)
		return;
	sheet_close(b);
	if (b->zf)
		unzClose(b->zf);
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheet_name[i]);
		free(b->sheet_path[i]);
	}
	free(b->sheet_name);
	free(b->sheet_path);
	free(b->merges);
	free(b->queue);
	free(b->view);
	free(b->wb_path);
	free(b->sst_off);
	free(b->sst_len);
	free(b->xf_kind);
	free(b->row_off);
	free(b->row_len);
	sb_release(&b->sst);
	sb_release(&b->row_bytes);
	sb_release(&b->val);
	free(b->name);
	free(b);
}

size_t xlsx_nsheets(const xlsx_book *b) { return b->nsheets; }
const char *xlsx_sheet_name(const xlsx_book *b, size_t i) { return b->sheet_name[i]; }
const char *xlsx_selected(const xlsx_book *b) { return b->cur >= 0 ? b->sheet_name[b->cur] : NULL; }

/* ---- cell references ---- */

/* Parse "AB12" (or "AB" with no row when row is NULL... never): column and
   row, 0 on success. */
static int parse_ref(const char *s, size_t *col, long *row)
{
	size_t c = 0;
	int letters = 0;
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		c = c * 26 + (size_t)((*s | 0x20) - 'a' + 1);
		if (++letters > 3)
			return -1;
		s++;
	}
	if (!letters || !(*s >= '1' && *s <= '9'))
		return -1;
	long r = 0;
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (*s - '0');
		if (r > XLSX_MAX_ROWS)
			return -1;
		s++;
	}
	if (*s || c > XLSX_MAX_COLS)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

/* ---- numbers and dates as text ---- */

/* A number as a spreadsheet's CSV shows it in the General format:
   integers without a decimal point, others in the fewest digits (up to
   17) that read back as the same double. */
static void fmt_number(strbuf *out, double x)
{
	if (x == 0) {
		sb_addc(out, '0');
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		sb_addf(out, "%.0f", x);
		return;
	}
	char buf[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	sb_adds(out, buf);
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* A date or time serial as ISO 8601; 0, or -1 when it is no date. */
static int fmt_date(strbuf *out, double x, int kind, int date1904)
{
	if (!(x >= 0) || x > 2958465.99999) /* 9999-12-31 */
		return -1;
	long long secs = llround(x * 86400.0);
	if (kind == NUM_ELAPSED) {
		/* [h]:mm: hours past a day's */
		sb_addf(out, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
		return 0;
	}
	long long days = secs / 86400;
	long s = (long)(secs % 86400);
	if (kind != NUM_TIME) {
		/* days from 1970-01-01: the 1900 system counts a 29 February
		   1900 that was not (serial 60), as Lotus 1-2-3 did */
		long long unix_days;
		if (date1904)
			unix_days = days - 24107;
		else if (days >= 61)
			unix_days = days - 25569;
		else if (days == 60) {
			sb_adds(out, "1900-02-29");
			unix_days = LLONG_MIN;
		} else
			unix_days = days - 25568;
		if (unix_days != LLONG_MIN) {
			int y, m, d;
			civil(unix_days, &y, &m, &d);
			sb_addf(out, "%04d-%02d-%02d", y, m, d);
		}
		if (kind == NUM_DATE && s == 0)
			return 0;
		sb_addc(out, 'T');
	}
	sb_addf(out, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	return 0;
}

/* ---- the sheet ---- */

/* Put the current cell's value, finished, into the row. */
static int cell_done(xlsx_book *b)
{
	size_t col = (size_t)b->col;
	if (col >= XLSX_MAX_COLS)
		return cell_err(b, (long)col, b->row_no, "a cell beyond column XFD");
	strbuf *v = &b->val;
	size_t start = b->row_bytes.len;
	const char *t = b->ctype;
	if (!strcmp(t, "s")) {
		if (!v->len)
			return 0;
		char *end;
		unsigned long k = strtoul(v->buf, &end, 10);
		if (*end || k >= b->nsst)
			return cell_err(b, (long)col, b->row_no, "shared string %s, but the workbook has %zu",
					v->buf, b->nsst);
		sb_add(&b->row_bytes, b->sst.buf + b->sst_off[k], b->sst_len[k]);
	} else if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
		sb_add(&b->row_bytes, v->buf, v->len);
		unescape_ooxml(&b->row_bytes, start);
	} else if (!strcmp(t, "b")) {
		if (!v->len)
			return 0;
		sb_adds(&b->row_bytes, strcmp(v->buf, "0") && strcasecmp(v->buf, "false") ? "TRUE" : "FALSE");
	} else if (!strcmp(t, "e") || !strcmp(t, "d")) {
		sb_add(&b->row_bytes, v->buf, v->len);
	} else {
		/* a number */
		size_t i = 0;
		while (i < v->len && (v->buf[i] == ' ' || v->buf[i] == '\t' || v->buf[i] == '\n'))
			i++;
		if (i == v->len)
			return 0;
		char *end;
		double x = strtod(v->buf + i, &end);
		while (*end == ' ' || *end == '\t' || *end == '\n')
			end++;
		if (*end || !isfinite(x))
			return cell_err(b, (long)col, b->row_no, "'%s' is not a number", v->buf);
		int kind = b->cstyle >= 0 && (size_t)b->cstyle < b->nxf ? b->xf_kind[b->cstyle] : NUM_PLAIN;
		if (kind == NUM_PLAIN || fmt_date(&b->row_bytes, x, kind, b->date1904)) {
			b->row_bytes.len = start;
			b->row_bytes.buf[start] = '\0';
			fmt_number(&b->row_bytes, x);
		}
	}
	if (b->row_bytes.len == start)
		return 0;
	if (col >= b->row_n) {
		if (col + 1 > b->row_alloc) {
			size_t old = b->row_alloc;
			ALLOC_GROW(b->row_off, col + 1, b->row_alloc);
			b->row_len = xrealloc(b->row_len, b->row_alloc * sizeof(size_t));
			(void)old;
		}
		for (size_t k = b->row_n; k <= col; k++) {
			b->row_off[k] = 0; /* the empty string at offset 0 */
			b->row_len[k] = 0;
		}
		b->row_n = col + 1;
	}
	b->row_off[col] = start;
	b->row_len[col] = b->row_bytes.len - start;
	sb_addc(&b->row_bytes, '\0');
	return 0;
}

static void XMLCALL sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	part_ctx *pc = data;
	xlsx_book *b = pc->b;
	if (b->failed)
		return;
	const char *ln = local(name);
	if (!strcmp(ln, "row")) {
		const char *r = attr(atts, "r", 0);
		long n = b->last_row + 1;
		if (r) {
			char *end;
			n = strtol(r, &end, 10);
			if (*end || n < 1 || n > XLSX_MAX_ROWS) {
				cell_err(b, -1, b->last_row + 1, "a row numbered '%s'", r);
				XML_StopParser(pc->p, XML_FALSE);
				return;
			}
		}
		if (n <= b->last_row) {
			cell_err(b, -1, n, "row %ld comes after row %ld (rows must be in order)", n, b->last_row);
			XML_StopParser(pc->p, XML_FALSE);
			return;
		}
		b->row_no = b->last_row = n;
		sb_reset(&b->row_bytes);
		sb_addc(&b->row_bytes, '\0'); /* offset 0: the empty cell */
		b->row_n = 0;
		b->col = -1;
	} else if (!strcmp(ln, "c")) {
		const char *r = attr(atts, "r", 0), *t = attr(atts, "t", 0), *s = attr(atts, "s", 0);
		size_t col = (size_t)(b->col + 1);
		if (r) {
			long row;
			if (parse_ref(r, &col, &row) || row != b->row_no) {
				cell_err(b, -1, b->row_no, "a cell named '%s' in row %ld", r, b->row_no);
				XML_StopParser(pc->p, XML_FALSE);
				return;
			}
		}
		b->col = (long)col;
		snprintf(b->ctype, sizeof(b->ctype), "%s", t ? t : "n");
		b->cstyle = s ? strtol(s, NULL, 10) : -1;
		sb_reset(&b->val);
	} else if (!strcmp(ln, "v")) {
		b->collect = 1;
	} else if (!strcmp(ln, "is")) {
		b->in_is = 1;
	} else if (!strcmp(ln, "rPh")) {
		b->in_rph++;
	} else if (!strcmp(ln, "t") && b->in_is && !b->in_rph) {
		b->collect = 1;
	} else if (!strcmp(ln, "mergeCell")) {
		/* read in the first pass (merges come after the cells) */
	}
}

static void queue_row(xlsx_book *b)
{
	if (!b->row_n)
		return;
	ALLOC_GROW(b->queue, b->qlen + 1, b->qalloc);
	qrow *q = &b->queue[b->qlen++];
	q->row = b->row_no;
	q->n = b->row_n;
	q->data = xmalloc(b->row_bytes.len + 1);
	memcpy(q->data, b->row_bytes.buf, b->row_bytes.len + 1);
	q->off = xmalloc(b->row_n * sizeof(size_t));
	q->len = xmalloc(b->row_n * sizeof(size_t));
	memcpy(q->off, b->row_off, b->row_n * sizeof(size_t));
	memcpy(q->len, b->row_len, b->row_n * sizeof(size_t));
}

static void XMLCALL sheet_end(void *data, const XML_Char *name)
{
	part_ctx *pc = data;
	xlsx_book *b = pc->b;
	if (b->failed)
		return;
	const char *ln = local(name);
	if (!strcmp(ln, "v") || !strcmp(ln, "t")) {
		b->collect = 0;
	} else if (!strcmp(ln, "is")) {
		b->in_is = 0;
	} else if (!strcmp(ln, "rPh")) {
		b->in_rph--;
	} else if (!strcmp(ln, "c")) {
		b->collect = 0;
		if (cell_done(b))
			XML_StopParser(pc->p, XML_FALSE);
	} else if (!strcmp(ln, "row")) {
		queue_row(b);
	}
}

static void XMLCALL sheet_text(void *data, const XML_Char *s, int len)
{
	part_ctx *pc = data;
	if (pc->b->collect)
		sb_add(&pc->b->val, s, (size_t)len);
}

/* First pass: the merged ranges. */
static void XMLCALL merge_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	part_ctx *pc = data;
	xlsx_book *b = pc->b;
	if (strcmp(local(name), "mergeCell"))
		return;
	const char *ref = attr(atts, "ref", 0);
	const char *colon = ref ? strchr(ref, ':') : NULL;
	if (!colon)
		return;
	char a[16], z[16];
	size_t la = (size_t)(colon - ref);
	if (la >= sizeof(a) || strlen(colon + 1) >= sizeof(z))
		return;
	memcpy(a, ref, la);
	a[la] = '\0';
	strcpy(z, colon + 1);
	merge m = { 0, 0, 0, 0, NULL };
	if (parse_ref(a, &m.c1, &m.r1) || parse_ref(z, &m.c2, &m.r2) || m.r2 < m.r1 || m.c2 < m.c1)
		return;
	/* only the header rows' ranges are filled */
	if (m.r1 > XLSX_MERGE_ROWS || b->nmerges >= XLSX_MAX_MERGES)
		return;
	if (m.r2 > XLSX_MERGE_ROWS)
		m.r2 = XLSX_MERGE_ROWS;
	ALLOC_GROW(b->merges, b->nmerges + 1, b->merges_alloc);
	b->merges[b->nmerges++] = m;
}

int xlsx_select(xlsx_book *b, const char *name)
{
	sheet_close(b);
	b->cur = -1;
	b->done = b->failed = 0;
	for (size_t i = 0; i < b->nsheets && b->cur < 0; i++)
		if (!name || !strcasecmp(b->sheet_name[i], name))
			b->cur = (long)i;
	if (b->cur < 0) {
		strbuf names;
		sb_init(&names);
		for (size_t i = 0; i < b->nsheets; i++)
			sb_addf(&names, "%s%s", i ? ", " : "", b->sheet_name[i]);
		xerr(b, "no sheet '%s' (its sheets are: %s)", name, names.buf);
		sb_release(&names);
		return -1;
	}
	const char *path = b->sheet_path[b->cur];
	/* first pass: the merged ranges, which come after the cells */
	part_ctx mc = { b, NULL, 0, NULL };
	XML_Parser p = new_parser(&mc);
	XML_SetStartElementHandler(p, merge_start);
	int rc = part_parse(b, &mc, path);
	XML_ParserFree(p);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return xerr(b, "the sheet '%s' has no part '%s'", b->sheet_name[b->cur], path);
	/* the cells, read as they are asked for */
	if (part_open(b, path, &b->part_in) <= 0)
		return -1;
	b->part_open = 1;
	b->part_out = 0;
	b->last_row = 0;
	b->in_is = b->in_rph = b->collect = 0;
	b->pc = (part_ctx){ b, NULL, 0, NULL };
	b->p = new_parser(&b->pc);
	XML_SetElementHandler(b->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(b->p, sheet_text);
	return 0;
}

/* Parse more of the sheet; 0 at its end, 1 if more was parsed, -1 error. */
static int sheet_more(xlsx_book *b)
{
	if (b->done)
		return 0;
	char buf[CHUNK];
	const char *path = b->sheet_path[b->cur];
	long n = part_read(b, path, b->part_in, &b->part_out, buf);
	if (n < 0)
		return -1;
	if (part_feed(b, &b->pc, path, buf, n, n == 0))
		return -1;
	if (n == 0) {
		b->done = 1;
		int crc = unzCloseCurrentFile(b->zf);
		b->part_open = 0;
		if (crc == UNZ_CRCERROR)
			return xerr(b, "the part '%s' is damaged (its checksum does not match)", path);
		return 0;
	}
	return 1;
}

int xlsx_next(xlsx_book *b, xlsx_row *out)
{
	if (b->cur < 0 || b->failed)
		return -1;
	for (;;) {
		qrow_release(&b->cur_row);
		while (b->qhead >= b->qlen) {
			b->qhead = b->qlen = 0;
			int rc = sheet_more(b);
			if (rc < 0)
				return -1;
			if (rc == 0 && b->qhead >= b->qlen)
				return 0;
		}
		b->cur_row = b->queue[b->qhead++];
		qrow *q = &b->cur_row;
		/* merged ranges of the header rows: the top-left value fills the range */
		for (size_t i = 0; q->row <= XLSX_MERGE_ROWS && i < b->nmerges; i++) {
			merge *m = &b->merges[i];
			if (q->row < m->r1 || q->row > m->r2)
				continue;
			if (q->row == m->r1 && !m->val)
				m->val = m->c1 < q->n ? xstrdup(q->data + q->off[m->c1]) : xstrdup("");
			if (!m->val || !*m->val)
				continue;
			size_t need = m->c2 + 1 > q->n ? m->c2 + 1 : q->n;
			size_t extra = strlen(m->val) + 1, base = 0;
			/* the value once more at the end of the row's bytes */
			size_t used = 0;
			for (size_t c = 0; c < q->n; c++)
				if (q->off[c] + q->len[c] + 1 > used)
					used = q->off[c] + q->len[c] + 1;
			if (used < 1)
				used = 1;
			q->data = xrealloc(q->data, used + extra);
			base = used;
			memcpy(q->data + base, m->val, extra);
			if (need > q->n) {
				q->off = xrealloc(q->off, need * sizeof(size_t));
				q->len = xrealloc(q->len, need * sizeof(size_t));
				for (size_t c = q->n; c < need; c++) {
					q->off[c] = 0;
					q->len[c] = 0;
				}
				q->n = need;
			}
			for (size_t c = m->c1; c <= m->c2; c++)
				if (!q->len[c]) {
					q->off[c] = base;
					q->len[c] = extra - 1;
				}
		}
		while (q->n && !q->len[q->n - 1])
			q->n--;
		if (!q->n)
			continue;
		ALLOC_GROW(b->view, q->n, b->view_alloc);
		for (size_t c = 0; c < q->n; c++)
			b->view[c] = q->data + q->off[c];
		out->row = q->row;
		out->n = q->n;
		out->v = b->view;
		out->len = q->len;
		return 1;
	}
}
