/*
 * crosstab: themes by respondent group from the effective codes (human
 * decisions on top of the latest run), and the same as an SVG bar chart.
 */
#ifndef QCODE_CROSSTAB_H
#define QCODE_CROSSTAB_H

#include <stddef.h>

#include "review.h"
#include "util.h"

typedef struct crosstab {
	reviewer rv;       /* the themes (keys, labels) */
	char **groups;     /* group names, sorted */
	size_t ng;
	long *n;           /* answers per group */
	long *mentions;    /* codes per group */
	long *cnt;         /* cnt[t * ng + g]: answers of group g coded t */
	long total;        /* answers */
	int lang;          /* the language of its texts (enum lang) */
} crosstab;

/*
 * Count the effective codes of the non-empty answers by the group
 * variables by[0..nby) (two are joined "a / b"); with nby 0 there is one
 * group, "Totaal" ("Total" in English: lang, enum lang, is the language
 * of the chart and of these names). Returns -1 after reporting (an unknown
 * variable names the ones there are). Release x in every case.
 */
int crosstab_build(crosstab *x, db *d, const char *lex_dir, const char *const *by, size_t nby, int lang);
void crosstab_release(crosstab *x);

/*
 * Whether the project has the group variable name; the names there are
 * are appended to names ("a, b") for a message.
 */
int crosstab_has_group(db *d, const char *name, strbuf *names);

/* Horizontal bars per theme (and group): a self-contained SVG in out. */
void chart_svg(const crosstab *x, strbuf *out);

#endif
