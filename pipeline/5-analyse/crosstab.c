/*
 * crosstab: themes by respondent group from the effective codes, and the
 * same as a self-contained SVG bar chart.
 */
#include "crosstab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "project.h"

void crosstab_release(crosstab *x)
{
	for (size_t g = 0; g < x->ng; g++)
		free(x->groups[g]);
	free(x->groups);
	free(x->n);
	free(x->mentions);
	free(x->cnt);
	reviewer_release(&x->rv);
}

int crosstab_has_group(db *d, const char *name, strbuf *names)
{
	return project_has_group(d, name, names) == 1;
}

static int group_index(crosstab *x, const char *name)
{
	for (size_t g = 0; g < x->ng; g++)
		if (!strcmp(x->groups[g], name))
			return (int)g;
	x->groups = xrealloc(x->groups, (x->ng + 1) * sizeof(char *));
	x->groups[x->ng] = xstrdup(name);
	return (int)x->ng++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An answer's group and one of its themes (-1: it has none). */
typedef struct xrow {
	int g;
	int t;
	long long id;
} xrow;

/* What counts the answers: rows, to count once the groups are sorted. */
typedef struct count_ctx {
	crosstab *x;
	group_values *gv;
	size_t nby;
	int lang;
	xrow *rows;
	size_t nrows, alloc;
	strbuf name;
} count_ctx;

static int count_answer(const answer_view *v, void *ctx)
{
	count_ctx *c = ctx;
	if (v->empty)
		return 0;
	const char *missing = L(c->lang, "(ontbreekt)", "(missing)");
	sb_reset(&c->name);
	if (!c->nby) {
		sb_adds(&c->name, L(c->lang, "Totaal", "Total"));
	} else {
		const char *g = group_value_of(&c->gv[0], v->id);
		sb_adds(&c->name, g ? g : missing);
	}
	if (c->nby > 1) {
		const char *g = group_value_of(&c->gv[1], v->id);
		sb_addf(&c->name, " / %s", g ? g : missing);
	}
	int g = group_index(c->x, c->name.buf);
	/* a row per theme coded, or one without a theme */
	int any = 0;
	for (size_t t = 0; t <= v->nthemes; t++) {
		if (t < v->nthemes && !v->coded[t])
			continue;
		if (t == v->nthemes && any)
			break;
		any = 1;
		ALLOC_GROW(c->rows, c->nrows + 1, c->alloc);
		c->rows[c->nrows].g = g;
		c->rows[c->nrows].t = t < v->nthemes ? (int)t : -1;
		c->rows[c->nrows].id = v->id;
		c->nrows++;
	}
	return 0;
}

int crosstab_build(crosstab *x, db *d, const char *lex_dir, const char *const *by, size_t nby, int lang)
{
	memset(x, 0, sizeof(*x));
	x->lang = lang;
	if (reviewer_init(&x->rv, d, "table", 0, lex_dir))
		return -1;
	for (size_t i = 0; i < nby; i++) {
		strbuf names;
		sb_init(&names);
		if (!crosstab_has_group(d, by[i], &names)) {
			error_set_code(EXIT_INPUT);
			error("no group variable '%s'; the project has: %s", by[i],
			      names.len ? names.buf : "none (import with --group COL)");
			sb_release(&names);
			return -1;
		}
		sb_release(&names);
	}
	/* the values of the group variables, then one pass over the answers
	   with their effective codes */
	group_values gv[2];
	memset(gv, 0, sizeof(gv));
	int rc = 0;
	for (size_t i = 0; i < nby && i < 2 && !rc; i++)
		rc = project_group_values(d, by[i], &gv[i]);
	count_ctx cc = { .x = x, .gv = gv, .nby = nby, .lang = lang };
	sb_init(&cc.name);
	if (!rc)
		rc = reviewer_all(&x->rv, 0, count_answer, &cc);
	sb_release(&cc.name);
	group_values_release(&gv[0]);
	group_values_release(&gv[1]);
	if (rc) {
		free(cc.rows);
		return -1;
	}
	xrow *rows = cc.rows;
	size_t nrows = cc.nrows;
	/* the groups in sorted order, and each row's group after sorting */
	char **unsorted = xcalloc(x->ng + 1, sizeof(char *));
	memcpy(unsorted, x->groups, x->ng * sizeof(char *));
	qsort(x->groups, x->ng, sizeof(char *), cmp_str);
	int *remap = xcalloc(x->ng + 1, sizeof(int));
	for (size_t g = 0; g < x->ng; g++)
		for (size_t h = 0; h < x->ng; h++)
			if (x->groups[h] == unsorted[g])
				remap[g] = (int)h;
	x->n = xcalloc(x->ng + 1, sizeof(long));
	x->mentions = xcalloc(x->ng + 1, sizeof(long));
	x->cnt = xcalloc(x->rv.nthemes * x->ng + 1, sizeof(long));
	for (size_t i = 0; i < nrows; i++) {
		int g = remap[rows[i].g];
		if (i == 0 || rows[i].id != rows[i - 1].id) {
			x->n[g]++;
			x->total++;
		}
		if (rows[i].t >= 0) {
			x->cnt[(size_t)rows[i].t * x->ng + (size_t)g]++;
			x->mentions[g]++;
		}
	}
	free(rows);
	free(unsorted);
	free(remap);
	return 0;
}

static void svg_text(strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			sb_adds(out, "&lt;");
		else if (*s == '>')
			sb_adds(out, "&gt;");
		else if (*s == '&')
			sb_adds(out, "&amp;");
		else if (*s == '"')
			sb_adds(out, "&quot;");
		else
			sb_addc(out, *s);
	}
}

static const char *const bar_colors[] = { "#1b6ca8", "#e07b39", "#4c9a2a", "#a23b72", "#7f7f7f",
					  "#c9a227", "#3b9ea2", "#8c564b" };

void chart_svg(const crosstab *x, strbuf *out)
{
	int bar = 14, gap = 10, plot_w = 380;
	/* room for the longest label (about 7 pixels a character at 12 px) */
	size_t longest = 10;
	for (size_t t = 0; t < x->rv.nthemes; t++) {
		size_t chars = 0;
		for (const char *p = x->rv.labels[t]; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		if (chars > longest)
			longest = chars;
	}
	int label_w = (int)(longest > 80 ? 80 : longest) * 7 + 20;
	int per_theme = (int)x->ng * bar + gap;
	int legend = x->ng > 1 ? 24 : 0;
	int h = 40 + legend + (int)x->rv.nthemes * per_theme + 30;
	int w = label_w + plot_w + 70;
	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		     "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">\n", w, h, w, h);
	sb_addf(out, "<title>%s</title>\n", L(x->lang, "Thema's: aandeel van de antwoorden", "Themes: share of the answers"));
	sb_addf(out, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
		L(x->lang, "Thema's (% van de antwoorden)", "Themes (% of the answers)"));
	if (x->ng > 1)
		for (size_t g = 0; g < x->ng; g++) {
			int lx = label_w + (int)g * 120;
			sb_addf(out, "<rect x=\"%d\" y=\"32\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx,
				bar_colors[g % 8]);
			sb_addf(out, "<text x=\"%d\" y=\"41\">", lx + 14);
			svg_text(out, x->groups[g]);
			sb_addf(out, " (N = %ld)</text>\n", x->n[g]);
		}
	int y0 = 40 + legend;
	for (size_t t = 0; t < x->rv.nthemes; t++) {
		int y = y0 + (int)t * per_theme;
		sb_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w - 8, y + (int)x->ng * bar / 2 + 4);
		svg_text(out, x->rv.labels[t]);
		sb_adds(out, "</text>\n");
		for (size_t g = 0; g < x->ng; g++) {
			double share = x->n[g] ? (double)x->cnt[t * x->ng + g] / (double)x->n[g] : 0;
			int bw = (int)lround(share * plot_w);
			int by = y + (int)g * bar;
			sb_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
				label_w, by, bw, bar - 2, bar_colors[g % 8]);
			svg_text(out, x->groups[g]);
			sb_addf(out, L(x->lang, ": %ld van %ld</title></rect>", ": %ld of %ld</title></rect>"),
				x->cnt[t * x->ng + g], x->n[g]);
			sb_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.0f%%</text>\n", label_w + bw + 4,
				by + bar - 4, 100 * share);
		}
	}
	sb_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", label_w, y0 - 4,
		label_w, y0 + (int)x->rv.nthemes * per_theme - gap + 2);
	sb_adds(out, "</svg>\n");
}

