/*
 * export: the table `qcode export` writes -- a row per answer in import
 * order with its survey id, its group variables, its text, a 0/1 column
 * per theme (its effective codes), its primary theme and the machine's
 * score per theme -- as the project layer's reviewer sees the project.
 */
#ifndef QCODE_EXPORT_H
#define QCODE_EXPORT_H

#include "review.h"
#include "sav.h"

/*
 * Build the table of every answer with rv's themes (not blind), columns
 * id, the group variables by name, text, one per theme key, primary, one
 * score_KEY per theme; the labels are the question texts imported (the
 * text's, else "antwoord"/"answer" in lang, enum lang), the themes'
 * labels and "hoofdthema"/"primary theme". types[c] is the column's
 * enum sav_type (malloc'ed). A group value left empty, a theme only a
 * human coded and a score that is no finite number are NULL cells.
 * Returns 0, or -1 after reporting; t and *types are the caller's to
 * release in either case.
 */
int export_table(reviewer *rv, int lang, table *t, int **types);

#endif
