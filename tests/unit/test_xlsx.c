/*
 * test_xlsx: the .xlsx reader on workbooks made here part by part with
 * minizip -- shared and inline strings (rich text, phonetic runs, Office's
 * _xHHHH_ escapes), numbers, booleans, errors, dates and times by their
 * cell format (built-in and custom, the 1900 and 1904 systems), empty
 * cells and rows, merged header cells, sheets by name -- and the refusal
 * of what is not a workbook, a zip bomb and an XML bomb, each with its
 * position or limit named; then through the reader (read.h) as a format.
 */
#include <minizip/zip.h>
#include <stdio.h>
#include <unistd.h>

#include "unit.h"
#include "read.h"
#include "xlsx.h"

/* A part of a workbook: its path and its text (NULL ends a list). */
typedef struct part {
	const char *path;
	const char *text;
	size_t len; /* 0: strlen(text) */
} part;

static const char *const RELS =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
	" Target=\"xl/workbook.xml\"/></Relationships>";

static const char *const WB_RELS =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";

static const char *const WB =
	"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
	" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr/>"
	"<sheets><sheet name=\"Antwoorden\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Tweede blad\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

static const char *const WB_1904 =
	"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
	" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr date1904=\"1\"/>"
	"<sheets><sheet name=\"Antwoorden\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Tweede blad\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

/* rich text with a phonetic run, an escaped control character, an escaped underscore */
static const char *const SST =
	"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">"
	"<si><t>id</t></si><si><t>text</t></si>"
	"<si><r><rPr><b/></rPr><t>financi\xC3\xABle</t></r><r><t xml:space=\"preserve\"> middelen</t></r><rPh><t>XX</t></rPh></si>"
	"<si><t>a_x0009_b _x005F_x0041_</t></si></sst>";

/* xf 0: General; 1: 14 (date); 2: 22 (date and time); 3: 21 (time); 4: custom "yyyy-mm-dd hh:mm";
   5: custom "0.00E+00"; 6: custom "[h]:mm" (elapsed time) */
static const char *const STYLES =
	"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.00E+00\"/><numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"21\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";

static const char *const SHEET2 =
	"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>tweede</t></is></c></row></sheetData></worksheet>";

/* Write a workbook of parts to a file and read it back into sb. */
static void make_book(const part *parts, strbuf *sb)
{
	char path[] = "/tmp/test_xlsx.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
	assert_non_null(z);
	for (const part *p = parts; p->path; p++) {
		zip_fileinfo zi;
		memset(&zi, 0, sizeof(zi));
		assert_int_equal(zipOpenNewFileInZip64(z, p->path, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 9, 1), ZIP_OK);
		size_t n = p->len ? p->len : strlen(p->text);
		assert_int_equal(zipWriteInFileInZip(z, p->text, (unsigned)n), ZIP_OK);
		assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
	}
	assert_int_equal(zipClose(z, NULL), ZIP_OK);
	sb_init(sb);
	assert_int_equal(read_file(path, sb), 0);
	unlink(path);
}

/* A workbook whose first sheet is sheet; the standard other parts. */
static void book_with(const char *sheet, const char *wb, strbuf *sb)
{
	part parts[] = {
		{ "_rels/.rels", RELS, 0 },
		{ "xl/workbook.xml", wb ? wb : WB, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 },
		{ "xl/sharedStrings.xml", SST, 0 },
		{ "xl/styles.xml", STYLES, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
		{ "xl/worksheets/sheet2.xml", SHEET2, 0 },
		{ NULL, NULL, 0 },
	};
	make_book(parts, sb);
}

/* Every row of the first sheet as "row:a|b|c;" (or the error captured). */
static char *rows_of(const strbuf *book, const char *sheet_name, int *rc)
{
	strbuf out;
	sb_init(&out);
	capture_start();
	xlsx_book *b = xlsx_open(book->buf, book->len, "t.xlsx");
	*rc = b ? xlsx_select(b, sheet_name) : -1;
	if (!*rc) {
		xlsx_row row;
		while ((*rc = xlsx_next(b, &row)) == 1) {
			sb_addf(&out, "%ld:", row.row);
			for (size_t i = 0; i < row.n; i++)
				sb_addf(&out, "%s%s", i ? "|" : "", row.v[i]);
			sb_addc(&out, ';');
		}
	}
	if (*rc < 0)
		sb_adds(&out, capture_text());
	capture_stop();
	xlsx_free(b);
	return sb_detach(&out);
}

#define SHEET(rows) \
	"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<sheetData>" rows "</sheetData></worksheet>"

static void expect_sheet(const char *sheet, const char *wb, const char *want, int want_rc)
{
	strbuf book;
	book_with(sheet, wb, &book);
	int rc;
	char *got = rows_of(&book, NULL, &rc);
	if (rc != want_rc || strcmp(got, want))
		fail_msg("sheet %s\n want (%d): %s\n  got (%d): %s", sheet, want_rc, want, rc, got);
	free(got);
	sb_release(&book);
}

static void test_xlsx__strings(void **state)
{
	(void)state;
	/* shared strings (rich text as its plain text, no phonetic run),
	   inline strings, a formula's string, Office's escapes */
	expect_sheet(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
			   "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>007</t></is></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>"
			   "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>A2&amp;\"x\"</f><v>007x</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>"
			   "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><r><t>ri</t></r><r><t>ch</t></r></is></c></row>"),
		     NULL, "1:id|text;2:007|financi\xC3\xABle middelen;3:007x|a\tb _x0041_;4:rich;", 0);
}

static void test_xlsx__numbers_booleans_errors(void **state)
{
	(void)state;
	/* cells without r= follow the one before; a row without r= the row before */
	expect_sheet(SHEET("<row r=\"1\"><c r=\"A1\"><v>42</v></c><c><v>-0.5</v></c><c><v>0.1</v></c>"
			   "<c><v>1E+20</v></c><c><v>3.0000000000000004</v></c><c s=\"5\"><v>12345.678</v></c></row>"
			   "<row><c r=\"A2\" t=\"b\"><v>1</v></c><c r=\"B2\" t=\"b\"><v>0</v></c><c r=\"C2\" t=\"e\"><v>#N/A</v></c></row>"),
		     NULL, "1:42|-0.5|0.1|1e+20|3.0000000000000004|12345.678;2:TRUE|FALSE|#N/A;", 0);
}

static void test_xlsx__dates(void **state)
{
	(void)state;
	/* serial 45356 is 2024-03-05; .6041666... is 14:30 */
	expect_sheet(SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45356</v></c><c r=\"B1\" s=\"2\"><v>45356.604166666664</v></c>"
			   "<c r=\"C1\" s=\"3\"><v>0.60416666666666663</v></c><c r=\"D1\" s=\"4\"><v>45356.5</v></c>"
			   "<c r=\"E1\" s=\"6\"><v>1.5</v></c><c r=\"F1\" s=\"1\"><v>59</v></c><c r=\"G1\" s=\"1\"><v>61</v></c>"
			   "<c r=\"H1\" t=\"d\"><v>2024-03-05T00:00:00</v></c></row>"),
		     NULL, "1:2024-03-05|2024-03-05T14:30:00|14:30:00|2024-03-05T12:00:00|36:00:00|1900-02-28|1900-03-01|2024-03-05T00:00:00;", 0);
	/* the 1904 system: serial 0 is 1904-01-01 */
	expect_sheet(SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43894</v></c></row>"),
		     WB_1904, "1:1904-01-01|2024-03-05;", 0);
}

static void test_xlsx__empty_cells_and_rows(void **state)
{
	(void)state;
	/* a gap in a row stays an empty cell; an empty cell at the end and an
	   empty or styled-only row are no row */
	expect_sheet(SHEET("<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>c</t></is></c><c r=\"D2\" s=\"1\"/></row>"
			   "<row r=\"3\"><c r=\"A3\" s=\"1\"/></row><row r=\"5\"/>"
			   "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t></t></is></c><c r=\"C7\"><v>2</v></c></row>"),
		     NULL, "2:1||c;7:||2;", 0);
}

static void test_xlsx__merged_header(void **state)
{
	(void)state;
	/* a question merged over its three columns heads each of them; below
	   the header rows a merged range is its first cell, as in Excel's CSV */
	expect_sheet("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		     "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Waarom?</t></is></c></row>"
		     "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>b</t></is></c>"
		     "<c r=\"D2\" t=\"inlineStr\"><is><t>c</t></is></c></row>"
		     "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>"
		     "<row r=\"12\"><c r=\"A12\"><v>2</v></c><c r=\"B12\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"
		     "<mergeCells count=\"2\"><mergeCell ref=\"B1:D1\"/><mergeCell ref=\"B12:C12\"/></mergeCells></worksheet>",
		     NULL, "1:id|Waarom?|Waarom?|Waarom?;2:|a|b|c;3:1;12:2|x;", 0);
}

static void test_xlsx__sheets_by_name(void **state)
{
	(void)state;
	strbuf book;
	book_with(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), NULL, &book);
	int rc;
	char *got = rows_of(&book, "tweede BLAD", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "1:tweede;");
	free(got);
	got = rows_of(&book, "Derde", &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(got, "qcode: error: t.xlsx: no sheet 'Derde' (its sheets are: Antwoorden, Tweede blad)\n");
	free(got);
	sb_release(&book);
}

/* Bad cells name their position, the sheet quoted as a reference quotes it. */
static void test_xlsx__positions(void **state)
{
	(void)state;
	static const struct { const char *rows, *want; } cases[] = {
		{ "<row r=\"12\"><c r=\"C12\" t=\"s\"><v>99</v></c></row>",
		  "t.xlsx:Antwoorden!C12: shared string 99, but the workbook has 4\n" },
		{ "<row r=\"3\"><c r=\"B3\"><v>abc</v></c></row>", "t.xlsx:Antwoorden!B3: 'abc' is not a number\n" },
		{ "<row r=\"3\"><c r=\"B4\"><v>1</v></c></row>", "t.xlsx:Antwoorden!3:3: a cell named 'B4' in row 3\n" },
		{ "<row r=\"5\"/><row r=\"4\"/>", "t.xlsx:Antwoorden!4:4: row 4 comes after row 5 (rows must be in order)\n" },
		{ "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "t.xlsx:Antwoorden!1:1: a cell named 'XFE1' in row 1\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		strbuf s;
		sb_init(&s);
		sb_addf(&s, SHEET("%s"), cases[i].rows);
		expect_sheet(s.buf, NULL, cases[i].want, -1);
		sb_release(&s);
	}
	strbuf ref;
	sb_init(&ref);
	xlsx_sheet_ref(&ref, "Tweede blad");
	xlsx_sheet_ref(&ref, "it's");
	xlsx_sheet_ref(&ref, "Blad1");
	assert_string_equal(ref.buf, "'Tweede blad''it''s'Blad1");
	sb_release(&ref);
	char cell[16];
	xlsx_cell_name(0, 1, cell);
	assert_string_equal(cell, "A1");
	xlsx_cell_name(25, 7, cell);
	assert_string_equal(cell, "Z7");
	xlsx_cell_name(26, 7, cell);
	assert_string_equal(cell, "AA7");
	xlsx_cell_name(16383, 1048576, cell);
	assert_string_equal(cell, "XFD1048576");
}

static void expect_open_error(const void *data, size_t n, const char *want)
{
	capture_start();
	xlsx_book *b = xlsx_open(data, n, "t.xlsx");
	if (b && xlsx_select(b, NULL) == 0) {
		xlsx_row row;
		while (xlsx_next(b, &row) == 1)
			;
	}
	assert_string_equal(capture_text(), want);
	assert_int_equal(error_last_code(), EXIT_INPUT);
	capture_stop();
	xlsx_free(b);
}

static void test_xlsx__not_a_workbook(void **state)
{
	(void)state;
	expect_open_error("id,text\n1,a\n", 12, "qcode: error: t.xlsx: is not an .xlsx workbook (not a zip file)\n");
	expect_open_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", 17,
			  "qcode: error: t.xlsx: is an encrypted workbook or an old Excel .xls file; save it in Excel"
			  " as .xlsx (Excel Workbook) without a password\n");
	part doc[] = { { "_rels/.rels", RELS, 0 }, { "word/document.xml", "<w/>", 0 }, { NULL, NULL, 0 } };
	strbuf book;
	make_book(doc, &book);
	expect_open_error(book.buf, book.len,
			  "qcode: error: t.xlsx: is not an .xlsx workbook (no part 'xl/workbook.xml'; a Word or"
			  " PowerPoint file, or an .ods?)\n");
	sb_release(&book);
	/* a broken part */
	book_with("<worksheet><sheetData><row></worksheet>", NULL, &book);
	expect_open_error(book.buf, book.len,
			  "qcode: error: t.xlsx: the part 'xl/worksheets/sheet1.xml' is not well-formed XML:"
			  " mismatched tag at line 1\n");
	sb_release(&book);
}

static void test_xlsx__zip_bomb_refused(void **state)
{
	(void)state;
	/* 40 MiB of one repeated cell compresses about a thousandfold: more
	   than XLSX_MAX_RATIO past XLSX_RATIO_FROM */
	size_t n = 40u << 20;
	strbuf big;
	sb_init(&big);
	sb_adds(&big, "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
	while (big.len < n)
		sb_adds(&big, "                                                                                ");
	sb_adds(&big, "</sheetData></worksheet>");
	part parts[] = {
		{ "_rels/.rels", RELS, 0 }, { "xl/workbook.xml", WB, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 }, { "xl/worksheets/sheet1.xml", big.buf, big.len },
		{ NULL, NULL, 0 },
	};
	strbuf book;
	make_book(parts, &book);
	sb_release(&big);
	assert_true(book.len < (1u << 20));
	capture_start();
	xlsx_book *b = xlsx_open(book.buf, book.len, "t.xlsx");
	assert_non_null(b);
	assert_int_equal(xlsx_select(b, NULL), -1);
	assert_contains(capture_text(), "qcode: error: t.xlsx: the part 'xl/worksheets/sheet1.xml' expands to more than 100 times"
					" its compressed size of ");
	assert_contains(capture_text(), " bytes, the limit past 16 MiB (a zip bomb?)\n");
	capture_stop();
	xlsx_free(b);
	sb_release(&book);
}

static void test_xlsx__xml_bomb_refused(void **state)
{
	(void)state;
	/* billion laughs: entities that expand to 10^9 "lol"s */
	static const char *const lol =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
		"<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
		"<sst><si><t>&lol9;</t></si></sst>";
	part parts[] = {
		{ "_rels/.rels", RELS, 0 }, { "xl/workbook.xml", WB, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS, 0 }, { "xl/sharedStrings.xml", lol, 0 },
		{ NULL, NULL, 0 },
	};
	strbuf book;
	make_book(parts, &book);
	expect_open_error(book.buf, book.len,
			  "qcode: error: t.xlsx: the part 'xl/sharedStrings.xml' has a document type declaration,"
			  " which no workbook has (entity declarations are refused: an XML bomb?)\n");
	sb_release(&book);
}

/* Through the reader: the same records as a CSV of the sheet. */
static void test_xlsx__as_reader_format(void **state)
{
	(void)state;
	strbuf book;
	book_with(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
			"<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"B3\" t=\"s\"><v>2</v></c></row>"
			"<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
			"<row r=\"5\"><c r=\"A5\"><v>8</v></c><c r=\"D5\"><v>1</v></c></row>"), NULL, &book);
	FILE *f = fmemopen(book.buf, book.len, "rb");
	read_opts o = { READ_XLSX, 0, NULL, NULL, 0, NULL };
	capture_start();
	reader *r = reader_open_with(f, "t.xlsx", &o);
	assert_non_null(r);
	int id = reader_col(r, "ID"), text = reader_col(r, "text");
	assert_int_equal(id, 0);
	assert_int_equal(text, 1);
	size_t n;
	assert_int_equal(reader_next(r), 1);
	assert_int_equal(reader_row(r), 3);
	assert_string_equal(reader_get(r, id, &n), "7");
	assert_string_equal(reader_get(r, text, &n), "financi\xC3\xABle middelen");
	assert_string_equal(reader_where(r, text), "t.xlsx:Antwoorden!B3");
	assert_int_equal(reader_next(r), 1);
	assert_null(reader_get(r, text, &n)); /* a row that ends early */
	assert_int_equal(reader_next(r), -1);
	assert_string_equal(capture_text(), "t.xlsx:Antwoorden!D5: a value in a column with no name in the header row\n");
	capture_stop();
	reader_free(r);
	fclose(f);
	sb_release(&book);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx__strings),
		cmocka_unit_test(test_xlsx__numbers_booleans_errors),
		cmocka_unit_test(test_xlsx__dates),
		cmocka_unit_test(test_xlsx__empty_cells_and_rows),
		cmocka_unit_test(test_xlsx__merged_header),
		cmocka_unit_test(test_xlsx__sheets_by_name),
		cmocka_unit_test(test_xlsx__positions),
		cmocka_unit_test(test_xlsx__not_a_workbook),
		cmocka_unit_test(test_xlsx__zip_bomb_refused),
		cmocka_unit_test(test_xlsx__xml_bomb_refused),
		cmocka_unit_test(test_xlsx__as_reader_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
