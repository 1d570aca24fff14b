/*
 * test_xlsxw: workbooks written with libxlsxwriter and read back with the
 * reader (xlsx.h) -- every cell from an answer comes back as the string it
 * was (a would-be formula, a would-be number, leading zeros, line ends and
 * control characters), numbers as numbers, a cell over Excel's limit cut
 * with a warning naming its id; the review workbook's columns (with and
 * without the machine's), its 0/1 cells and the answer written as rich
 * text that reads back as its plain text; the file private.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "lang.h"
#include "xlsx.h"
#include "xlsxw.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_xlsxw.%d.xlsx", (int)getpid());
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* The rows of sheet (NULL: the first) of the file as "a|b;c|d;". */
static char *read_back(const char *sheet)
{
	strbuf book, out;
	sb_init(&book);
	sb_init(&out);
	assert_int_equal(read_file(path, &book), 0);
	xlsx_book *b = xlsx_open(book.buf, book.len, path);
	assert_non_null(b);
	assert_int_equal(xlsx_select(b, sheet), 0);
	xlsx_row row;
	while (xlsx_next(b, &row) == 1) {
		for (size_t i = 0; i < row.n; i++)
			sb_addf(&out, "%s%s", i ? "|" : "", row.v[i]);
		sb_addc(&out, ';');
	}
	xlsx_free(b);
	sb_release(&book);
	return sb_detach(&out);
}

static void test_xlsxw__answers_stay_strings(void **state)
{
	(void)state;
	/* what a spreadsheet would take for a formula or a number */
	static const char *const cells[] = { "=1+1", "+31", "-0.5", "007", "@SUM(A1)", "=HYPERLINK(\"x\")",
					     "a\nb\tc", "\x01x", "_x0041_", "financi\xC3\xABle" };
	size_t n = sizeof(cells) / sizeof(*cells);
	table t;
	memset(&t, 0, sizeof(t));
	t.ncols = 2;
	char *cols[] = { "id", "score" };
	t.cols = cols;
	t.nrows = n;
	t.cells = xcalloc(2 * n, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		t.cells[2 * i] = (char *)cells[i];
		t.cells[2 * i + 1] = i % 2 ? "2.5" : "1";
	}
	int types[] = { SAV_STRING, SAV_NUMERIC };
	xlsxw_sheet sh = { "answers", &t, types, -1 };
	assert_int_equal(xlsxw_tables(path, &sh, 1), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *got = read_back(NULL);
	strbuf want;
	sb_init(&want);
	sb_adds(&want, "id|score;");
	for (size_t i = 0; i < n; i++)
		sb_addf(&want, "%s|%s;", cells[i], i % 2 ? "2.5" : "1");
	assert_string_equal(got, want.buf);
	sb_release(&want);
	free(got);
	free(t.cells);
}

static void test_xlsxw__long_cell_cut_with_warning(void **state)
{
	(void)state;
	/* 40,000 characters of two bytes each: cut at 32,767 characters */
	strbuf big;
	sb_init(&big);
	for (int i = 0; i < 40000; i++)
		sb_adds(&big, "\xC3\xAB");
	table t;
	memset(&t, 0, sizeof(t));
	char *cols[] = { "id", "text" };
	char *cells[] = { "a17", big.buf };
	t.cols = cols;
	t.ncols = 2;
	t.cells = cells;
	t.nrows = 1;
	xlsxw_sheet sh = { "answers", &t, NULL, 1 };
	capture_start();
	assert_int_equal(xlsxw_tables(path, &sh, 1), 0);
	assert_string_equal(capture_text(),
			    "qcode: warning: 1 cell over 32767 characters, the most Excel holds, cut there (id a17)\n");
	capture_stop();
	char *got = read_back(NULL);
	assert_int_equal(strlen(got), strlen("id|text;a17|;") + 2 * XLSXW_MAX_CELL);
	free(got);
	sb_release(&big);
}

static void test_xlsxw__review_workbook(void **state)
{
	(void)state;
	char *keys[] = { "kennis", "regie" }, *labels[] = { "Kennis", "Regie" };
	xlsxw_review *w = xlsxw_review_begin(path, keys, labels, 2, 0, LANG_NL);
	assert_non_null(w);
	/* evidence of both themes, one span inside a two-byte character's word */
	review_span sp[] = { { 0, 0, 6, "kennis:kennis" }, { 1, 14, 19, "regie:regie" } };
	int coded[] = { 1, 1 };
	xlsxw_review_row r1 = { "d1", "kennis en de =regie\xC3\xAB mist", sp, 2, "kennis;regie", "kennis", coded,
				"regie", "kennis;regie|regie" };
	assert_int_equal(xlsxw_review_add(w, &r1), 0);
	xlsxw_review_row r2 = { "007", "+31 geen thema", NULL, 0, "", "", (int[]){ 0, 0 }, "", "-|" };
	assert_int_equal(xlsxw_review_add(w, &r2), 0);
	assert_int_equal(xlsxw_review_end(w), 0);
	char *got = read_back(NULL);
	/* the last column, shown, keeps what each row said */
	assert_string_equal(got, "id|text|machine_themes|machine_primary|kennis|regie|primary|note|shown;"
				 "d1|kennis en de =regie\xC3\xAB mist|kennis;regie|kennis|1|1|regie||kennis;regie|regie;"
				 "007|+31 geen thema|||0|0|||-|;");
	free(got);
	got = read_back("Thema's");
	assert_contains(got, "thema|omschrijving;kennis|Kennis;regie|Regie;");
	free(got);

	/* blind: no machine columns; an answer not decided has empty cells */
	w = xlsxw_review_begin(path, keys, labels, 2, 1, LANG_EN);
	assert_non_null(w);
	xlsxw_review_row r3 = { "d1", "kennis", NULL, 0, NULL, NULL, NULL, "", "" };
	assert_int_equal(xlsxw_review_add(w, &r3), 0);
	assert_int_equal(xlsxw_review_end(w), 0);
	got = read_back("Review");
	assert_string_equal(got, "id|text|kennis|regie|primary|note|shown;d1|kennis;");
	free(got);
	got = read_back("Themes");
	assert_contains(got, "theme|label;");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xlsxw__answers_stay_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsxw__long_cell_cut_with_warning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsxw__review_workbook, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
