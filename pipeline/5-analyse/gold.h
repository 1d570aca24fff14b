/*
 * gold: a hand coding from a CSV file -- the form of the corpora' gold.csv:
 * columns id, theme, primary (1 = the theme the answer is mainly about). An
 * answer coded with no theme is a row with an empty theme; an answer the
 * file does not name is not coded by it (and is left out of comparisons).
 */
#ifndef QCODE_GOLD_H
#define QCODE_GOLD_H

#include <stddef.h>

#include "eval.h"
#include "util.h"

/*
 * Read path into c, initialised for the project's answers (eval_coding_init
 * with n answers, k themes). Answer ids are looked up in by_ext (survey id
 * -> answer index), themes among keys[0..k). Every problem is reported
 * naming the file and row: unknown ids and unknown themes (all of them
 * listed), a primary that is not 1, 0 or empty, two primary themes for one
 * answer. Returns 0, or -1 with the exit code set (error_last_code()).
 */
int gold_read(const char *path, const strmap *by_ext, char *const *ext, char *const *keys,
	      size_t k, eval_coding *c);

#endif
