/*
 * xlsxw: .xlsx tables and review workbooks with libxlsxwriter (xlsxw.h).
 */
#include "xlsxw.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "lang.h"
#include "outfile.h"
#include "util.h"

/* Most cut cells named by id in the warning. */
#define MAX_NAMED 10

/* Theme colours of the evidence (dark enough to read on white). */
static const lxw_color_t theme_colors[] = { 0x1B6CA8, 0xC0392B, 0x2E7D32, 0x8E44AD,
					    0xD35400, 0x00838F, 0x6D4C41, 0xAD1457 };
#define NCOLORS (sizeof(theme_colors) / sizeof(*theme_colors))

/* Cells cut at XLSXW_MAX_CELL characters, and the first ids. */
typedef struct cuts {
	size_t n;
	strbuf ids;
} cuts;

/* s, cut at XLSXW_MAX_CELL characters: s itself, or a copy in *tmp
   (freed by the caller); counts the cut under id. */
static const char *fit(const char *s, char **tmp, cuts *c, const char *id)
{
	*tmp = NULL;
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > XLSXW_MAX_CELL)
			break;
	}
	if (!s[i])
		return s;
	*tmp = xstrndup(s, i);
	if (c->n++ < MAX_NAMED && id)
		sb_addf(&c->ids, "%s%s", c->ids.len ? ", " : "", id);
	return *tmp;
}

/* Whether s starts Office's escape of a character, "_xHHHH_". */
static int escape_at(const char *s)
{
	if (s[0] != '_' || s[1] != 'x')
		return 0;
	for (int k = 2; k < 6; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f') || (s[k] >= 'A' && s[k] <= 'F')))
			return 0;
	return s[6] == '_';
}

/* Text as a cell holds it: a literal "_x0041_" in an answer written
   "_x005F_x0041_" (Office's escape of its underscore), so that a reader
   gives back "_x0041_" and not "A". s itself, or a copy in *tmp. */
static const char *guard(const char *s, char **tmp)
{
	*tmp = NULL;
	const char *u = strstr(s, "_x");
	while (u && !escape_at(u))
		u = strstr(u + 1, "_x");
	if (!u)
		return s;
	strbuf sb;
	sb_init(&sb);
	for (const char *p = s; *p; p++) {
		if (escape_at(p))
			sb_adds(&sb, "_x005F");
		sb_addc(&sb, *p);
	}
	*tmp = sb_detach(&sb);
	return *tmp;
}

static void cuts_report(cuts *c)
{
	if (c->n)
		warning("%zu cell%s over %d characters, the most Excel holds, cut there (%s%s%s)", c->n,
			plural_s((long long)c->n), XLSXW_MAX_CELL, c->n == 1 ? "id " : "ids ", c->ids.buf,
			c->n > MAX_NAMED ? ", ..." : "");
	sb_release(&c->ids);
}

/* Make the file private first (outfile.h): libxlsxwriter then writes into it. */
static lxw_workbook *book_new(const char *path)
{
	FILE *f = outfile_open(path, OUTFILE_PRIVATE);
	if (!f)
		return NULL;
	fclose(f);
	lxw_workbook_options o = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &o);
	if (!wb) {
		error_set_code(EXIT_IO);
		error("cannot write '%s': out of memory or no temporary folder", path);
	}
	return wb;
}

static int book_close(lxw_workbook *wb, const char *path)
{
	lxw_error e = workbook_close(wb);
	if (e == LXW_NO_ERROR)
		return 0;
	error_set_code(EXIT_IO);
	return error("cannot write '%s': %s", path, lxw_strerror(e));
}

/* A string cell, cut to fit; 0 or -1 after reporting. */
static int put_string(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f,
		      cuts *cu, const char *id, const char *path)
{
	char *tmp, *tmp2;
	const char *v = guard(fit(s ? s : "", &tmp, cu, id), &tmp2);
	lxw_error e = *v ? worksheet_write_string(ws, r, c, v, f) : worksheet_write_blank(ws, r, c, f);
	free(tmp);
	free(tmp2);
	if (e == LXW_NO_ERROR)
		return 0;
	error_set_code(EXIT_IO);
	return error("cannot write '%s': %s", path, lxw_strerror(e));
}

int xlsxw_tables(const char *path, const xlsxw_sheet *sheets, size_t n)
{
	lxw_workbook *wb = book_new(path);
	if (!wb)
		return -1;
	cuts cu = { 0, { NULL, 0, 0 } };
	sb_init(&cu.ids);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xE8EEF4);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *top = workbook_add_format(wb);
	format_set_align(top, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	int rc = 0;
	for (size_t s = 0; s < n && !rc; s++) {
		const xlsxw_sheet *sh = &sheets[s];
		const table *t = sh->t;
		lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
		if (!ws || !t)
			continue;
		for (size_t c = 0; c < t->ncols; c++) {
			int numeric = sh->types && sh->types[c] != SAV_STRING;
			double w = (int)c == sh->wide ? 80 : numeric ? 10 : 18;
			if (numeric && strlen(t->cols[c]) + 2 > w)
				w = (double)strlen(t->cols[c]) + 2;
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, (int)c == sh->wide ? wrap : top);
			rc |= put_string(ws, 0, (lxw_col_t)c, t->cols[c], head, &cu, NULL, path);
		}
		for (size_t r = 0; r < t->nrows && !rc; r++) {
			char **row = t->cells + r * t->ncols;
			const char *id = row[0];
			for (size_t c = 0; c < t->ncols && !rc; c++) {
				const char *v = row[c];
				lxw_format *f = (int)c == sh->wide ? wrap : top;
				if (sh->types && sh->types[c] != SAV_STRING) {
					char *end;
					double x = v && *v ? strtod(v, &end) : 0;
					if (v && *v && !*end)
						worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, x, f);
					continue;
				}
				if (v && *v)
					rc |= put_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, v, f, &cu, id, path);
			}
		}
		worksheet_freeze_panes(ws, 1, 0);
		if (t->ncols)
			worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	}
	if (rc) {
		workbook_close(wb);
		sb_release(&cu.ids);
		return -1;
	}
	rc = book_close(wb, path);
	cuts_report(&cu);
	return rc;
}

/* ---- the review workbook ---- */

struct xlsxw_review {
	char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;          /* the review sheet */
	char *legend_name;          /* the legend sheet's name */
	size_t nthemes;
	char *const *keys;          /* borrowed */
	const char **keys_list;     /* the keys and a NULL, for a drop-down */
	int blind;
	int lang;
	lxw_row_t row;              /* next row */
	lxw_col_t c_theme, c_primary, c_note; /* first theme column, primary, note */
	lxw_format *locked, *locked_wrap, *edit, *edit_wrap, *edit_flag;
	lxw_format **color;         /* per theme: its evidence */
	cuts cu;
	int failed;
};

void xlsxw_review_free(xlsxw_review *w)
{
	if (!w)
		return;
	if (w->wb)
		workbook_close(w->wb);
	free(w->color);
	free(w->keys_list);
	free(w->path);
	free(w->legend_name);
	sb_release(&w->cu.ids);
	free(w);
}

xlsxw_review *xlsxw_review_begin(const char *path, char *const *keys, char *const *labels,
				 size_t n, int blind, int lang)
{
	lxw_workbook *wb = book_new(path);
	if (!wb)
		return NULL;
	xlsxw_review *w = xcalloc(1, sizeof(*w));
	w->path = xstrdup(path);
	w->wb = wb;
	w->nthemes = n;
	w->keys = keys;
	w->keys_list = xcalloc(n + 1, sizeof(char *));
	for (size_t t = 0; t < n; t++)
		w->keys_list[t] = keys[t];
	w->blind = blind;
	w->lang = lang;
	sb_init(&w->cu.ids);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xE8EEF4);
	format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	w->locked = workbook_add_format(wb);
	format_set_align(w->locked, LXW_ALIGN_VERTICAL_TOP);
	w->locked_wrap = workbook_add_format(wb);
	format_set_text_wrap(w->locked_wrap);
	format_set_align(w->locked_wrap, LXW_ALIGN_VERTICAL_TOP);
	w->edit = workbook_add_format(wb);
	format_set_unlocked(w->edit);
	format_set_align(w->edit, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->edit, 0xFFFBE6);
	w->edit_wrap = workbook_add_format(wb);
	format_set_unlocked(w->edit_wrap);
	format_set_text_wrap(w->edit_wrap);
	format_set_align(w->edit_wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->edit_wrap, 0xFFFBE6);
	w->edit_flag = workbook_add_format(wb);
	format_set_unlocked(w->edit_flag);
	format_set_align(w->edit_flag, LXW_ALIGN_CENTER);
	format_set_align(w->edit_flag, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->edit_flag, 0xFFFBE6);
	w->color = xcalloc(n + 1, sizeof(*w->color));
	for (size_t t = 0; t < n; t++) {
		w->color[t] = workbook_add_format(wb);
		format_set_bold(w->color[t]);
		format_set_font_color(w->color[t], theme_colors[t % NCOLORS]);
	}

	w->ws = workbook_add_worksheet(wb, L(lang, "Beoordelen", "Review"));
	w->legend_name = xstrdup(L(lang, "Thema's", "Themes"));
	lxw_worksheet *legend = workbook_add_worksheet(wb, w->legend_name);
	if (!w->ws || !legend) {
		xlsxw_review_free(w);
		error_set_code(EXIT_IO);
		error("cannot write '%s': cannot add a sheet", path);
		return NULL;
	}
	/* the review sheet's columns: what review --import reads */
	lxw_worksheet *ws = w->ws;
	lxw_col_t c = 0;
	worksheet_set_column(ws, c, c, 12, w->locked);
	worksheet_write_string(ws, 0, c++, "id", head);
	worksheet_set_column(ws, c, c, 70, w->locked_wrap);
	worksheet_write_string(ws, 0, c++, "text", head);
	if (!blind) {
		worksheet_set_column(ws, c, c, 18, w->locked_wrap);
		worksheet_write_string(ws, 0, c++, "machine_themes", head);
		worksheet_set_column(ws, c, c, 16, w->locked);
		worksheet_write_string(ws, 0, c++, "machine_primary", head);
	}
	w->c_theme = c;
	for (size_t t = 0; t < n; t++, c++) {
		double width = (double)strlen(keys[t]) + 3;
		worksheet_set_column(ws, c, c, width < 6 ? 6 : width, w->edit_flag);
		worksheet_write_string(ws, 0, c, keys[t], head);
	}
	w->c_primary = c;
	worksheet_set_column(ws, c, c, 18, w->edit);
	worksheet_write_string(ws, 0, c++, "primary", head);
	w->c_note = c;
	worksheet_set_column(ws, c, c, 30, w->edit_wrap);
	worksheet_write_string(ws, 0, c++, "note", head);
	/* what each row said when exported, so that review --import knows a
	   row left as it was: hidden and locked */
	lxw_row_col_options hide = { .hidden = 1 };
	worksheet_set_column_opt(ws, c, c, 20, w->locked, &hide);
	worksheet_write_string(ws, 0, c, "shown", head);
	worksheet_freeze_panes(ws, 1, 2);
	w->row = 1;

	/* the legend: each theme's key, label and colour */
	worksheet_set_column(legend, 0, 0, 18, NULL);
	worksheet_set_column(legend, 1, 1, 70, NULL);
	worksheet_write_string(legend, 0, 0, L(lang, "thema", "theme"), head);
	worksheet_write_string(legend, 0, 1, L(lang, "omschrijving", "label"), head);
	for (size_t t = 0; t < n; t++) {
		worksheet_write_string(legend, (lxw_row_t)(t + 1), 0, keys[t], w->color[t]);
		if (labels && labels[t] && *labels[t])
			worksheet_write_string(legend, (lxw_row_t)(t + 1), 1, labels[t], w->color[t]);
	}
	worksheet_write_string(legend, (lxw_row_t)(n + 2), 0,
			       L(lang, blind ? "Vul per thema 1 (van toepassing) of 0 in, en kies het hoofdthema."
					     : "Het bewijs van elk thema staat in de kleur van het thema. Vul per thema 1"
					       " (van toepassing) of 0 in, en kies het hoofdthema.",
				 blind ? "Fill in 1 (applies) or 0 for each theme, and choose the primary theme."
				       : "Each theme's evidence is shown in the theme's colour. Fill in 1 (applies)"
					 " or 0 for each theme, and choose the primary theme."), NULL);
	worksheet_protect(legend, NULL, NULL);
	return w;
}

int xlsxw_review_add(xlsxw_review *w, const xlsxw_review_row *r)
{
	if (w->failed)
		return -1;
	lxw_worksheet *ws = w->ws;
	lxw_row_t row = w->row++;
	lxw_col_t c = 0;
	int rc = put_string(ws, row, c++, r->id, w->locked, &w->cu, r->id, w->path);
	/* the answer: its evidence in the theme's colour */
	char *tmp;
	const char *text = fit(r->text ? r->text : "", &tmp, &w->cu, r->id);
	size_t len = strlen(text);
	lxw_rich_string_tuple *tuples = NULL;
	size_t nt = 0;
	if (!w->blind && r->nspans && len) {
		int *owner = xmalloc((len + 1) * sizeof(int));
		for (size_t i = 0; i < len; i++)
			owner[i] = -1;
		for (size_t k = 0; k < r->nspans; k++)
			for (size_t i = r->spans[k].start; i < r->spans[k].end && i < len; i++)
				if (owner[i] < 0)
					owner[i] = r->spans[k].theme;
		tuples = xcalloc(len + 1, sizeof(*tuples));
		for (size_t i = 0; i < len;) {
			size_t j = i + 1;
			while (j < len && owner[j] == owner[i])
				j++;
			/* a fragment ends on a character's boundary */
			while (j < len && ((unsigned char)text[j] & 0xC0) == 0x80)
				j++;
			tuples[nt].format = owner[i] >= 0 && (size_t)owner[i] < w->nthemes ? w->color[owner[i]] : NULL;
			char *frag = xstrndup(text + i, j - i), *g;
			const char *v = guard(frag, &g);
			tuples[nt].string = g ? g : frag;
			if (g)
				free(frag);
			(void)v;
			nt++;
			i = j;
		}
		free(owner);
	}
	if (nt >= 2) {
		lxw_rich_string_tuple **list = xcalloc(nt + 1, sizeof(*list));
		for (size_t i = 0; i < nt; i++)
			list[i] = &tuples[i];
		lxw_error e = worksheet_write_rich_string(ws, row, c, list, w->locked_wrap);
		if (e != LXW_NO_ERROR) {
			error_set_code(EXIT_IO);
			rc = error("cannot write '%s': %s", w->path, lxw_strerror(e));
		}
		free(list);
	} else {
		rc |= put_string(ws, row, c, text, w->locked_wrap, &w->cu, NULL, w->path);
	}
	for (size_t i = 0; i < nt; i++)
		free(tuples[i].string);
	free(tuples);
	free(tmp);
	c++;
	if (!w->blind) {
		rc |= put_string(ws, row, c++, r->machine_themes, w->locked_wrap, &w->cu, r->id, w->path);
		rc |= put_string(ws, row, c++, r->machine_primary, w->locked, &w->cu, r->id, w->path);
	}
	for (size_t t = 0; t < w->nthemes; t++, c++) {
		if (r->coded)
			worksheet_write_number(ws, row, c, r->coded[t] ? 1 : 0, w->edit_flag);
		else
			worksheet_write_blank(ws, row, c, w->edit_flag);
	}
	rc |= put_string(ws, row, c++, r->primary, w->edit, &w->cu, r->id, w->path);
	worksheet_write_blank(ws, row, c++, w->edit_wrap);
	rc |= put_string(ws, row, c, r->shown ? r->shown : "", w->locked, &w->cu, r->id, w->path);
	if (rc)
		w->failed = 1;
	return rc ? -1 : 0;
}

int xlsxw_review_end(xlsxw_review *w)
{
	if (w->failed) {
		xlsxw_review_free(w);
		return -1;
	}
	lxw_worksheet *ws = w->ws;
	/* room for the rows there are, and a few a coder may add */
	lxw_row_t last = w->row > 1 ? w->row - 1 : 1;
	lxw_data_validation flag;
	memset(&flag, 0, sizeof(flag));
	char *flags[] = { "1", "0", NULL };
	flag.validate = LXW_VALIDATION_TYPE_LIST;
	flag.value_list = flags;
	flag.ignore_blank = LXW_VALIDATION_ON;
	flag.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	flag.input_title = (char *)L(w->lang, "Thema", "Theme");
	flag.input_message = (char *)L(w->lang, "1: het thema is van toepassing, 0: niet",
				       "1: the theme applies, 0: it does not");
	flag.error_title = (char *)L(w->lang, "0 of 1", "0 or 1");
	flag.error_message = (char *)L(w->lang, "Vul 1 of 0 in.", "Fill in 1 or 0.");
	if (w->nthemes)
		worksheet_data_validation_range(ws, 1, w->c_theme, last,
						(lxw_col_t)(w->c_theme + w->nthemes - 1), &flag);
	/* the primary: a drop-down of the theme keys, inline when Excel's
	   limit of 255 characters allows it, else the legend's range (which
	   libxlsxwriter 1.1 does not free: a few bytes once) */
	strbuf formula, joined;
	sb_init(&formula);
	sb_init(&joined);
	for (size_t t = 0; t < w->nthemes; t++)
		sb_addf(&joined, "%s%s", t ? "," : "", w->keys[t]);
	lxw_data_validation prim;
	memset(&prim, 0, sizeof(prim));
	if (joined.len <= 255) {
		prim.validate = LXW_VALIDATION_TYPE_LIST;
		prim.value_list = (char **)w->keys_list;
	} else {
		sb_adds(&formula, "='");
		for (const char *s = w->legend_name; *s; s++) {
			if (*s == '\'')
				sb_addc(&formula, '\'');
			sb_addc(&formula, *s);
		}
		sb_addf(&formula, "'!$A$2:$A$%zu", w->nthemes + 1);
		prim.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		prim.value_formula = formula.buf;
	}
	prim.ignore_blank = LXW_VALIDATION_ON;
	prim.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	prim.error_title = (char *)L(w->lang, "Hoofdthema", "Primary theme");
	prim.error_message = (char *)L(w->lang, "Kies een van de thema's.", "Choose one of the themes.");
	if (w->nthemes)
		worksheet_data_validation_range(ws, 1, w->c_primary, last, w->c_primary, &prim);
	worksheet_autofilter(ws, 0, 0, last, w->c_note);
	lxw_protection prot;
	memset(&prot, 0, sizeof(prot));
	prot.format_columns = 1;
	prot.format_rows = 1;
	prot.autofilter = 1;
	worksheet_protect(ws, NULL, &prot);
	worksheet_activate(ws);
	lxw_workbook *wb = w->wb;
	w->wb = NULL;
	int rc = book_close(wb, w->path);
	sb_release(&formula);
	sb_release(&joined);
	if (!rc)
		cuts_report(&w->cu);
	xlsxw_review_free(w);
	return rc;
}
