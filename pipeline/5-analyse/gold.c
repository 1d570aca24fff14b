/*
 * gold: a hand coding read from CSV (see gold.h).
 */
#include "gold.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

static int theme_of(char *const *keys, size_t k, const char *key)
{
	for (size_t t = 0; t < k; t++)
		if (!strcmp(keys[t], key))
			return (int)t;
	return -1;
}

int gold_read(const char *path, const strmap *by_ext, char *const *ext, char *const *keys,
	      size_t k, eval_coding *c)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set_code(EXIT_IO);
		return error("cannot open '%s': %s", path, strerror(errno));
	}
	reader *rd = reader_open(f, path, READ_CSV, 0, NULL);
	if (!rd) {
		fclose(f);
		return -1;
	}
	int c_id = reader_col(rd, "id"), c_th = reader_col(rd, "theme"), c_pr = reader_col(rd, "primary");
	int bad = 0, got = 0;
	if (c_id < 0 || c_th < 0) {
		error_set_code(EXIT_INPUT);
		error("%s: needs the columns id, theme and primary; the columns are: %s", path,
		      reader_columns(rd));
		bad = 1;
	}
	strbuf unknown_ids, unknown_themes;
	sb_init(&unknown_ids);
	sb_init(&unknown_themes);
	long *primary_row = xcalloc(by_ext->count + 1, sizeof(long));
	while (!bad && (got = reader_next(rd)) == 1) {
		size_t len;
		const char *id = reader_get(rd, c_id, &len);
		const char *th = reader_get(rd, c_th, &len);
		const char *pr = c_pr >= 0 ? reader_get(rd, c_pr, &len) : NULL;
		long row = reader_row(rd);
		/* a file a spreadsheet saved in its own encoding is not UTF-8 */
		static const read_policy policy = { 0, "save the file as CSV UTF-8" };
		int cols[3] = { c_id, c_th, c_pr };
		for (int i = 0; i < 3 && !bad; i++) {
			size_t n;
			const char *v = cols[i] >= 0 ? reader_get(rd, cols[i], &n) : NULL;
			read_at at = { path, row, rd, cols[i], reader_colname(rd, (size_t)cols[i]), READ_VALUE };
			bad = v && read_check(&policy, &at, v, n, NULL, NULL, NULL);
		}
		if (bad)
			break;
		int u = strmap_get(by_ext, id ? id : "", id ? strlen(id) : 0);
		if (u < 0) {
			sb_addf(&unknown_ids, "%s%s (row %ld)", unknown_ids.len ? ", " : "", id ? id : "", row);
			continue;
		}
		int is_primary = pr && !strcmp(pr, "1");
		if (pr && *pr && !is_primary && strcmp(pr, "0")) {
			error_set_code(EXIT_INPUT);
			error("%s: row %ld: primary is 1, 0 or empty, not '%s'", path, row, pr);
			bad = 1;
			break;
		}
		c->has[u] = 1;
		if (!th || !*th)
			continue; /* coded, with no theme */
		int t = theme_of(keys, k, th);
		if (t < 0) {
			sb_addf(&unknown_themes, "%s%s (row %ld)", unknown_themes.len ? ", " : "", th, row);
			continue;
		}
		c->codes[(size_t)u * k + (size_t)t] = 1;
		if (!is_primary)
			continue;
		if (primary_row[u] && c->primary[u] != t) {
			error_set_code(EXIT_INPUT);
			error("%s: row %ld: a second primary theme for '%s': %s (row %ld gave %s)", path, row,
			      ext[u], th, primary_row[u], keys[c->primary[u]]);
			bad = 1;
			break;
		}
		c->primary[u] = t;
		primary_row[u] = row;
	}
	if (!bad && got < 0)
		bad = 1;
	if (!bad && unknown_ids.len) {
		error_set_code(EXIT_INPUT);
		error("%s: ids not in the project: %s", path, unknown_ids.buf);
		bad = 1;
	}
	if (!bad && unknown_themes.len) {
		error_set_code(EXIT_INPUT);
		strbuf all;
		sb_init(&all);
		for (size_t t = 0; t < k; t++)
			sb_addf(&all, "%s%s", t ? ", " : "", keys[t]);
		error("%s: unknown themes: %s (the themes are: %s)", path, unknown_themes.buf, all.buf);
		sb_release(&all);
		bad = 1;
	}
	free(primary_row);
	sb_release(&unknown_ids);
	sb_release(&unknown_themes);
	reader_free(rd);
	fclose(f);
	return bad ? -1 : 0;
}

