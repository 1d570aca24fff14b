/*
 * sav: reading and writing SPSS .sav files with ReadStat.
 */
#include "sav.h"

#include <errno.h>
#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int sav_read(const char *path, table *t)
{
	memset(t, 0, sizeof(*t));
	read_ctx rc = { t, NULL, NULL, 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set_code(EXIT_IO);
		return error("cannot open '%s': %s", path, strerror(errno));
	}
	fclose(f);
	readstat_parser_t *p = readstat_parser_init();
	readstat_set_variable_handler(p, on_variable);
	readstat_set_value_handler(p, on_value);
	readstat_set_value_label_handler(p, on_value_label);
	readstat_error_t err = readstat_parse_sav(p, path, &rc);
	readstat_parser_free(p);
	int ret = 0;
	if (err != READSTAT_OK) {
		error_set_code(EXIT_INPUT);
		ret = error("cannot read '%s' as an SPSS .sav file: %s", path, readstat_error_message(err));
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

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
	return fwrite(data, 1, len, ctx) == len ? (ssize_t)len : -1;
}

int sav_write(const char *path, const table *t, const int *types)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		error_set_code(EXIT_IO);
		return error("cannot open '%s' for writing: %s", path, strerror(errno));
	}
	readstat_writer_t *w = readstat_writer_init();
	readstat_set_data_writer(w, write_bytes);
	readstat_label_set_t *yesno = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "janee");
	readstat_label_double_value(yesno, 0, "nee");
	readstat_label_double_value(yesno, 1, "ja");
	readstat_variable_t **vars = xcalloc(t->ncols + 1, sizeof(*vars));
	for (size_t c = 0; c < t->ncols; c++) {
		size_t width = 1;
		if (types[c] == SAV_STRING)
			for (size_t r = 0; r < t->nrows; r++) {
				const char *s = t->cells[r * t->ncols + c];
				if (s && strlen(s) > width)
					width = strlen(s);
			}
		vars[c] = readstat_add_variable(w, t->cols[c],
						types[c] == SAV_STRING ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
						types[c] == SAV_STRING ? width : 0);
		if (t->labels && t->labels[c])
			readstat_variable_set_label(vars[c], t->labels[c]);
		if (types[c] == SAV_FLAG)
			readstat_variable_set_label_set(vars[c], yesno);
	}
	readstat_error_t err = readstat_begin_writing_sav(w, f, (long)t->nrows);
	for (size_t r = 0; r < t->nrows && err == READSTAT_OK; r++) {
		err = readstat_begin_row(w);
		for (size_t c = 0; c < t->ncols && err == READSTAT_OK; c++) {
			const char *s = t->cells[r * t->ncols + c];
			if (types[c] == SAV_STRING)
				err = readstat_insert_string_value(w, vars[c], s ? s : "");
			else if (!s || !isfinite(strtod(s, NULL))) /* SPSS: system-missing */
				err = readstat_insert_missing_value(w, vars[c]);
			else
				err = readstat_insert_double_value(w, vars[c], strtod(s, NULL));
		}
		if (err == READSTAT_OK)
			err = readstat_end_row(w);
	}
	if (err == READSTAT_OK)
		err = readstat_end_writing(w);
	readstat_writer_free(w);
	free(vars);
	int bad = fflush(f) != 0 || ferror(f);
	int saved = errno;
	if (fclose(f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (err != READSTAT_OK) {
		error_set_code(EXIT_IO);
		return error("cannot write '%s': %s", path, readstat_error_message(err));
	}
	if (bad) {
		error_set_code(EXIT_IO);
		return error("cannot write '%s': %s", path, strerror(saved ? saved : EIO));
	}
	return 0;
}
