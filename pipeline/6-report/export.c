/*
 * export: the table of an export (see export.h).
 */
#include "export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "project.h"
#include "util.h"

/* What fills the table. */
typedef struct fill {
	table *t;
	long long *ids;       /* ids[r]: the answer of row r */
	size_t ids_alloc;
	char **groups;        /* the group variables, by name */
	size_t ngroups;
	size_t first_theme;   /* the column of the first theme */
	size_t primary;       /* the primary's column */
	const reviewer *rv;
} fill;

static int fill_row(const answer_view *v, void *ctx)
{
	fill *f = ctx;
	table *t = f->t;
	size_t nt = f->rv->nthemes;
	ALLOC_GROW(t->cells, (t->nrows + 1) * t->ncols, t->rows_alloc);
	ALLOC_GROW(f->ids, t->nrows + 1, f->ids_alloc);
	f->ids[t->nrows] = v->id;
	char **row = t->cells + t->nrows * t->ncols;
	memset(row, 0, t->ncols * sizeof(char *));
	row[0] = xstrdup(v->ext_id);
	row[1 + f->ngroups] = xstrdup(v->text);
	for (size_t i = 0; i < nt; i++) {
		row[f->first_theme + i] = xstrdup(v->coded[i] ? "1" : "0");
		/* the machine's score of a theme coded; a score that is no
		   finite number stays empty */
		if (v->coded[i] && v->machine[i] && isfinite(v->score[i])) {
			char b[32];
			snprintf(b, sizeof(b), "%g", no_neg_zero(v->score[i], -1));
			row[f->primary + 1 + i] = xstrdup(b);
		}
	}
	row[f->primary] = xstrdup(v->primary >= 0 ? f->rv->keys[v->primary] : "");
	t->nrows++;
	return 0;
}

static int fill_group(long long answer, const char *name, const char *value, void *ctx)
{
	fill *f = ctx;
	table *t = f->t;
	long at = ids_find(f->ids, t->nrows, answer);
	if (at < 0 || !value)
		return 0;
	char **row = t->cells + (size_t)at * t->ncols;
	for (size_t i = 0; i < f->ngroups; i++)
		if (!strcmp(f->groups[i], name)) {
			free(row[1 + i]);
			row[1 + i] = xstrdup(value);
		}
	return 0;
}

int export_table(reviewer *rv, int lang, table *t, int **types)
{
	memset(t, 0, sizeof(*t));
	*types = NULL;
	fill f;
	memset(&f, 0, sizeof(f));
	f.t = t;
	f.rv = rv;
	if (project_groups(rv->d, &f.groups, &f.ngroups))
		return -1;
	size_t nt = rv->nthemes;
	/* columns: id, group variables, text, one 0/1 per theme, primary, score per theme */
	t->ncols = 3 + f.ngroups + 2 * nt;
	t->cols = xcalloc(t->ncols, sizeof(char *));
	t->labels = xcalloc(t->ncols, sizeof(char *));
	*types = xcalloc(t->ncols, sizeof(int));
	size_t col = 0;
	t->cols[col++] = xstrdup("id");
	for (size_t i = 0; i < f.ngroups; i++) {
		t->labels[col] = project_question_of(rv->d, "group", f.groups[i]);
		t->cols[col++] = xstrdup(f.groups[i]);
	}
	t->cols[col] = xstrdup("text");
	t->labels[col] = project_question_of(rv->d, "text", NULL);
	if (!t->labels[col])
		t->labels[col] = xstrdup(L(lang, "antwoord", "answer"));
	col++;
	f.first_theme = col;
	for (size_t i = 0; i < nt; i++) {
		(*types)[col] = SAV_FLAG;
		t->labels[col] = xstrdup(rv->labels[i]);
		t->cols[col++] = xstrdup(rv->keys[i]);
	}
	f.primary = col;
	t->labels[col] = xstrdup(L(lang, "hoofdthema", "primary theme"));
	t->cols[col++] = xstrdup("primary");
	for (size_t i = 0; i < nt; i++) {
		strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "score_%s", rv->keys[i]);
		(*types)[col] = SAV_NUMERIC;
		t->cols[col++] = sb_detach(&sb);
	}
	/* the answers with their codes in one pass, then the group variables in one */
	reviewer all = *rv;
	all.blind = 0;
	int rc = reviewer_all(&all, VIEW_TEXT, fill_row, &f);
	if (rc == 0 && f.ngroups)
		rc = project_attributes_each(rv->d, NULL, fill_group, &f);
	t->rows_alloc /= t->ncols ? t->ncols : 1;
	free(f.ids);
	for (size_t i = 0; i < f.ngroups; i++)
		free(f.groups[i]);
	free(f.groups);
	return rc;
}
