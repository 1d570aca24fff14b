/*
 * sav: reading and writing SPSS .sav files with ReadStat.
 */
#include "sav.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

void table_release(table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->cols[i]);
		if (t->labels)
			free(t->labels[i]);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cols);
	free(t->labels);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* A value label: set name, value (as text), label. */
typedef struct vlabel {
	char *set;
	char *value;
	char *label;
} vlabel;

typedef struct read_ctx {
	table *t;
	char **label_set;   /* per column: its value-label set name, or NULL */
	vlabel *vl;
	size_t nvl;
} read_ctx;

static void number_text(double d, char *buf, size_t cap)
{
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(buf, cap, "%.0f", d);
	else
		snprintf(buf, cap, "%.15g", d);
}

static void value_text(readstat_value_t v, char *buf, size_t cap, const char **str)
{
	*str = NULL;
	if (readstat_value_type(v) == READSTAT_TYPE_STRING ||
	    readstat_value_type(v) == READSTAT_TYPE_STRING_REF) {
		*str = readstat_string_value(v);
		return;
	}
	number_text(readstat_double_value(v), buf, cap);
	*str = buf;
}

static int on_variable(int index, readstat_variable_t *var, const char *val_labels, void *c)
{
	read_ctx *rc = c;
	table *t = rc->t;
	if ((size_t)index >= t->ncols) {
		size_t n = (size_t)index + 1;
		t->cols = xrealloc(t->cols, n * sizeof(*t->cols));
		t->labels = xrealloc(t->labels, n * sizeof(*t->labels));
		rc->label_set = xrealloc(rc->label_set, n * sizeof(*rc->label_set));
		for (size_t i = t->ncols; i < n; i++) {
			t->cols[i] = NULL;
			t->labels[i] = NULL;
			rc->label_set[i] = NULL;
		}
		t->ncols = n;
	}
	/* a damaged file can have a variable without a name */
	const char *name = readstat_variable_get_name(var);
	char fallback[32];
	if (!name || !*name) {
		snprintf(fallback, sizeof(fallback), "v%d", index + 1);
		name = fallback;
	}
	free(t->cols[index]);
	t->cols[index] = xstrdup(name);
	const char *lab = readstat_variable_get_label(var);
	free(t->labels[index]);
	t->labels[index] = lab ? xstrdup(lab) : NULL;
	free(rc->label_set[index]);
	rc->label_set[index] = val_labels ? xstrdup(val_labels) : NULL;
	return READSTAT_HANDLER_OK;
}

static int on_value(int obs, readstat_variable_t *var, readstat_value_t v, void *c)
{
	read_ctx *rc = c;
	table *t = rc->t;
	int col = readstat_variable_get_index(var);
	if ((size_t)obs >= t->nrows) {
		size_t need = (size_t)obs + 1;
		if (need > t->rows_alloc) {
			size_t a = t->rows_alloc ? t->rows_alloc * 2 : 256;
			while (a < need)
				a *= 2;
			t->cells = xrealloc(t->cells, a * t->ncols * sizeof(*t->cells));
			memset(t->cells + t->rows_alloc * t->ncols, 0,
			       (a - t->rows_alloc) * t->ncols * sizeof(*t->cells));
			t->rows_alloc = a;
		}
		t->nrows = need;
	}
	if (readstat_value_is_system_missing(v))
		return READSTAT_HANDLER_OK;
	char buf[64];
	const char *s;
	value_text(v, buf, sizeof(buf), &s);
	t->cells[(size_t)obs * t->ncols + (size_t)col] = xstrdup(s ? s : "");
	return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set, readstat_value_t v, const char *label, void *c)
{
	read_ctx *rc = c;
	char buf[64];
	const char *s;
	value_text(v, buf, sizeof(buf), &s);
	rc->vl = xrealloc(rc->vl, (rc->nvl + 1) * sizeof(*rc->vl));
	rc->vl[rc->nvl].set = xstrdup(set);
	rc->vl[rc->nvl].value = xstrdup(s ? s : "");
	rc->vl[rc->nvl].label = xstrdup(label);
	rc->nvl++;
	return READSTAT_HANDLER_OK;
}

/* A .sav file in memory, as ReadStat's I/O reads it. */
typedef struct mem_io {
	const char *buf;
	size_t len;
	size_t pos;
} mem_io;

static int mem_open(const char *path, void *io)
{
	(void)path;
	((mem_io *)io)->pos = 0;
	return 0;
}

static int mem_close(void *io)
{
	(void)io;
	return 0;
}

static readstat_off_t mem_seek(readstat_off_t off, readstat_io_flags_t whence, void *io)
{
	mem_io *m = io;
	readstat_off_t base = whence == READSTAT_SEEK_SET ? 0
			      : whence == READSTAT_SEEK_CUR ? (readstat_off_t)m->pos
							    : (readstat_off_t)m->len;
	if (off < -base || base + off > (readstat_off_t)m->len)
		return -1;
	m->pos = (size_t)(base + off);
	return (readstat_off_t)m->pos;
}

static ssize_t mem_read(void *out, size_t n, void *io)
{
	mem_io *m = io;
	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(out, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static readstat_error_t mem_update(long size, readstat_progress_handler progress, void *user,
				   void *io)
{
	(void)size;
	mem_io *m = io;
	if (progress && progress(m->len ? (double)m->pos / (double)m->len : 1.0, user))
		return READSTAT_ERROR_USER_ABORT;
	return READSTAT_OK;
}

int sav_read_mem(const char *buf, size_t len, const char *name, table *t)
{
	memset(t, 0, sizeof(*t));
	read_ctx rc = { t, NULL, NULL, 0 };
	mem_io io = { buf, len, 0 };
	readstat_parser_t *p = readstat_parser_init();
	readstat_set_open_handler(p, mem_open);
	readstat_set_close_handler(p, mem_close);
	readstat_set_seek_handler(p, mem_seek);
	readstat_set_read_handler(p, mem_read);
	readstat_set_update_handler(p, mem_update);
	readstat_set_io_ctx(p, &io);
	readstat_set_variable_handler(p, on_variable);
	readstat_set_value_handler(p, on_value);
	readstat_set_value_label_handler(p, on_value_label);
	readstat_error_t err = readstat_parse_sav(p, name, &rc);
	readstat_parser_free(p);
	int ret = 0;
	if (err != READSTAT_OK) {
		error_set_code(EXIT_INPUT);
		ret = error("cannot read '%s' as an SPSS .sav file: %s", name, readstat_error_message(err));
	} else {
		/* resolve value labels */
		for (size_t c = 0; c < t->ncols; c++) {
			if (!rc.label_set || !rc.label_set[c])
				continue;
			for (size_t r = 0; r < t->nrows; r++) {
				char **cell = &t->cells[r * t->ncols + c];
				for (size_t k = 0; *cell && k < rc.nvl; k++)
					if (!strcmp(rc.vl[k].set, rc.label_set[c]) && !strcmp(rc.vl[k].value, *cell)) {
						free(*cell);
						*cell = xstrdup(rc.vl[k].label);
						break;
					}
			}
		}
	}
	for (size_t c = 0; c < t->ncols && rc.label_set; c++)
		free(rc.label_set[c]);
	free(rc.label_set);
	for (size_t k = 0; k < rc.nvl; k++) {
		free(rc.vl[k].set);
		free(rc.vl[k].value);
		free(rc.vl[k].label);
	}
	free(rc.vl);
	if (ret)
		table_release(t);
	return ret;
}

/* The longest string SPSS holds in one variable, in bytes. */
#define SAV_MAX_STRING 32767
/* ReadStat writes a string of more than 255 bytes as segments of 252, each
   a variable record of its own after the first (a "ghost"). */
#define SAV_SEGMENT 252

/* Names SPSS keeps for itself. */
static const char *const reserved[] = {
	"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
};

/* Whether name (NUL-terminated) is taken by one of names[0..n), ignoring case. */
static int name_taken(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(names[i], name))
			return 1;
	return 0;
}

/*
 * A valid SPSS variable name for want, unique (ignoring case) among
 * names[0..n): ASCII letters, digits, _ and ., starting with a letter, not
 * ending in _ or ., not a reserved word, at most 64 bytes; every other run
 * of characters becomes one _ ("my col-1" -> my_col_1, "1st" -> v1st), and
 * a name taken gets _2, _3, ... Nor the form V<digits>_A, which ReadStat
 * gives the second of two variables whose first 8 characters are alike.
 */
static char *sav_name(const char *want, char *const *names, size_t n)
{
	char base[65];
	size_t k = 0;
	int gap = 0;
	for (const unsigned char *c = (const unsigned char *)want; *c && k < 64; c++) {
		int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			 (*c >= '0' && *c <= '9') || *c == '_' || *c == '.';
		if (!ok) {
			gap = 1;
			continue;
		}
		if (gap && k > 0)
			base[k++] = '_';
		gap = 0;
		if (k == 0 && !((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
			base[k++] = 'v';
		if (k < 64)
			base[k++] = (char)*c;
	}
	while (k > 0 && (base[k - 1] == '_' || base[k - 1] == '.'))
		k--;
	if (k == 0)
		base[k++] = 'v';
	base[k] = '\0';
	/* V12_A: V, digits, _A */
	size_t dg = 1;
	while ((base[0] == 'v' || base[0] == 'V') && base[dg] >= '0' && base[dg] <= '9')
		dg++;
	if (dg > 1 && (base[dg] == '_') && (base[dg + 1] == 'a' || base[dg + 1] == 'A') &&
	    base[dg + 2] == '\0' && k <= 62) {
		strcpy(base + k, "_x");
		k += 2;
	}
	for (size_t i = 0; i < sizeof(reserved) / sizeof(*reserved); i++)
		if (!strcasecmp(base, reserved[i])) {
			strcpy(base + k, "_v");
			k += 2;
		}
	char name[80];
	snprintf(name, sizeof(name), "%s", base);
	for (int d = 2; name_taken(names, n, name); d++) {
		char suffix[16];
		int sl = snprintf(suffix, sizeof(suffix), "_%d", d);
		int keep = (int)k + sl > 64 ? 64 - sl : (int)k;
		while (keep > 1 && (base[keep - 1] == '_' || base[keep - 1] == '.'))
			keep--;
		snprintf(name, sizeof(name), "%.*s%s", keep, base, suffix);
	}
	return xstrdup(name);
}

/* How many bytes of s (valid UTF-8) fit in cap without cutting a character. */
static size_t utf8_fit(const char *s, size_t len, size_t cap)
{
	if (len <= cap)
		return len;
	while (cap > 0 && ((unsigned char)s[cap] & 0xC0) == 0x80)
		cap--;
	return cap;
}

/*
 * Where ReadStat's bytes go. ReadStat names the ghost records of a long
 * string its stem (5 characters) and the segment number in base 36, so a
 * string of more than 36 segments (some 9,300 bytes) repeats names, and a
 * ghost can take the name of another variable (TEXT1 beside text): PSPP
 * then renames them with warnings and R's foreign refuses the file. The
 * writer is given each record as one piece (4 bytes of type, 28 of
 * variable), so the ghosts are named here instead: the first three letters
 * of their variable, @ and a number (TEX@0001), which no name of ours or
 * ReadStat's holds. (SPSS and PSPP join the segments again; R's foreign
 * reads them as consecutive variables, saying so.)
 */
typedef struct sav_out {
	FILE *f;
	const size_t *segments; /* per variable: its records (1, or its segments) */
	char *const *names;     /* per variable: its name */
	size_t nvars;
	size_t var, seg;        /* the variable record expected next */
	int after_type2;        /* the last piece was a variable record's type */
	unsigned ghosts;        /* ghosts named so far */
} sav_out;

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
	sav_out *o = ctx;
	char rec[28];
	if (o->after_type2 && len == sizeof(rec) && o->var < o->nvars) {
		int32_t type;
		memcpy(rec, data, sizeof(rec));
		memcpy(&type, rec, 4);
		if (type != -1) { /* not the continuation of a wide one */
			if (o->seg > 0) {
				char name[16];
				snprintf(name, sizeof(name), "%.3s@%04u", o->names[o->var],
					 ++o->ghosts % 10000);
				for (char *c = name; *c; c++)
					*c = (char)toupper((unsigned char)*c);
				memset(rec + 20, ' ', 8);
				memcpy(rec + 20, name, strlen(name) < 8 ? strlen(name) : 8);
				data = rec;
			}
			if (++o->seg == o->segments[o->var]) {
				o->var++;
				o->seg = 0;
			}
		}
	}
	int32_t v;
	o->after_type2 = len == 4 && (memcpy(&v, data, 4), v == 2);
	return fwrite(data, 1, len, o->f) == len ? (ssize_t)len : -1;
}

int sav_write(const char *path, const table *t, const int *types)
{
	return sav_write_flags(path, t, types, "nee", "ja");
}

int sav_write_flags(const char *path, const table *t, const int *types, const char *no,
		    const char *yes)
{
	if (outfile_check(path))
		return -1;
	int ret = -1;
	readstat_writer_t *w = NULL;
	readstat_variable_t **vars = NULL;
	char **names = xcalloc(t->ncols + 1, sizeof(*names));
	size_t *widths = xcalloc(t->ncols + 1, sizeof(*widths));
	size_t *segments = xcalloc(t->ncols + 1, sizeof(*segments));
	strbuf tmp, cut;
	sb_init(&tmp);
	sb_init(&cut);
	size_t ncut = 0;
	FILE *f = NULL;
	sav_out o;
	memset(&o, 0, sizeof(o));

	/* names SPSS takes, the original kept as the label; widths within
	   SPSS's 32,767 bytes, the answers cut to fit named in a warning */
	for (size_t c = 0; c < t->ncols; c++) {
		names[c] = sav_name(t->cols[c], names, c);
		if (strcmp(names[c], t->cols[c]))
			warning(t->labels && t->labels[c] ? "%s: column '%s' is the SPSS variable '%s'"
							    : "%s: column '%s' is the SPSS variable '%s' (its label keeps the name)",
				path, t->cols[c], names[c]);
		widths[c] = 1;
		for (size_t r = 0; types[c] == SAV_STRING && r < t->nrows; r++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t n = s ? utf8_fit(s, strlen(s), SAV_MAX_STRING) : 0;
			if (s && n < strlen(s)) {
				if (ncut < 20)
					sb_addf(&cut, "%s%s", ncut ? ", " : "", t->cells[r * t->ncols] ? t->cells[r * t->ncols] : "?");
				ncut++;
			}
			if (n > widths[c])
				widths[c] = n;
		}
		segments[c] = widths[c] > 255 ? (widths[c] + SAV_SEGMENT - 1) / SAV_SEGMENT : 1;
	}
	if (ncut)
		warning("%s: %zu value%s longer than %d bytes, the most an SPSS string holds, %s cut there: %s%s",
			path, ncut, ncut == 1 ? "" : "s", SAV_MAX_STRING, ncut == 1 ? "is" : "are",
			cut.buf, ncut > 20 ? ", ..." : "");

	/* a temporary file beside path (mkstemp: 0600, the private mode),
	   renamed into place when whole */
	sb_addf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.buf);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp.buf);
		}
		error_set_code(EXIT_IO);
		error("cannot open '%s' for writing: %s", path, strerror(e));
		goto out;
	}
	o.f = f;
	o.segments = segments;
	o.names = names;
	o.nvars = t->ncols;
	w = readstat_writer_init();
	readstat_set_data_writer(w, write_bytes);
	readstat_label_set_t *yesno = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "janee");
	readstat_label_double_value(yesno, 0, no);
	readstat_label_double_value(yesno, 1, yes);
	vars = xcalloc(t->ncols + 1, sizeof(*vars));
	for (size_t c = 0; c < t->ncols; c++) {
		vars[c] = readstat_add_variable(w, names[c],
						types[c] == SAV_STRING ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
						types[c] == SAV_STRING ? widths[c] : 0);
		if (t->labels && t->labels[c])
			readstat_variable_set_label(vars[c], t->labels[c]);
		else if (strcmp(names[c], t->cols[c]))
			readstat_variable_set_label(vars[c], t->cols[c]);
		if (types[c] == SAV_FLAG)
			readstat_variable_set_label_set(vars[c], yesno);
	}
	readstat_error_t err = readstat_begin_writing_sav(w, &o, (long)t->nrows);
	for (size_t r = 0; r < t->nrows && err == READSTAT_OK; r++) {
		err = readstat_begin_row(w);
		for (size_t c = 0; c < t->ncols && err == READSTAT_OK; c++) {
			const char *s = t->cells[r * t->ncols + c];
			if (types[c] == SAV_STRING) {
				size_t n = s ? utf8_fit(s, strlen(s), SAV_MAX_STRING) : 0;
				if (s && n < strlen(s)) {
					char *part = xstrndup(s, n);
					err = readstat_insert_string_value(w, vars[c], part);
					free(part);
				} else {
					err = readstat_insert_string_value(w, vars[c], s ? s : "");
				}
			} else if (!s || !isfinite(strtod(s, NULL))) { /* SPSS: system-missing */
				err = readstat_insert_missing_value(w, vars[c]);
			} else {
				err = readstat_insert_double_value(w, vars[c], strtod(s, NULL));
			}
		}
		if (err == READSTAT_OK)
			err = readstat_end_row(w);
	}
	if (err == READSTAT_OK)
		err = readstat_end_writing(w);
	int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
	int saved = errno;
	if (fclose(f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	f = NULL;
	if (err != READSTAT_OK) {
		error_set_code(EXIT_IO);
		error("cannot write '%s': %s", path, readstat_error_message(err));
	} else if (bad || rename(tmp.buf, path) != 0) {
		if (!bad)
			saved = errno;
		error_set_code(EXIT_IO);
		error("cannot write '%s': %s", path, strerror(saved ? saved : EIO));
	} else {
		ret = 0;
	}
	if (ret)
		unlink(tmp.buf); /* nothing half written is left */
out:
	if (w)
		readstat_writer_free(w);
	free(vars);
	for (size_t c = 0; c < t->ncols; c++)
		free(names[c]);
	free(names);
	free(widths);
	free(segments);
	sb_release(&tmp);
	sb_release(&cut);
	return ret;
}
