/*
 * test_read: the record reader over memory streams -- RFC 4180 CSV,
 * Dutch Excel exports (';', cp1252, BOM, CRLF), TSV, JSONL, lines -- and
 * the message for each kind of bad input.
 */
#include <stdio.h>

#include "unit.h"
#include "read.h"

/* Read all records of text; returns "f1|f2;f1|f2;" for the named columns. */
static char *read_all(const char *text, size_t len, int format, const char *enc,
		      const char *const *cols, size_t ncols, int *rc)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	strbuf sb;
	sb_init(&sb);
	capture_start();
	reader *r = reader_open(f, "in", format, 0, enc);
	*rc = r ? 0 : -1;
	if (r) {
		int c[8];
		for (size_t i = 0; i < ncols; i++)
			c[i] = reader_col(r, cols[i]);
		int got;
		while ((got = reader_next(r)) == 1) {
			for (size_t i = 0; i < ncols; i++) {
				size_t n;
				const char *v = reader_get(r, c[i], &n);
				if (v)
					sb_addf(&sb, "%s%.*s", i ? "|" : "", (int)n, v);
				else
					sb_addf(&sb, "%s(null)", i ? "|" : "");
			}
			sb_addf(&sb, "@%ld;", reader_row(r));
		}
		*rc = got;
		reader_free(r);
	}
	if (*rc < 0)
		sb_adds(&sb, capture_text());
	capture_stop();
	fclose(f);
	return sb_detach(&sb);
}

static void expect(const char *text, int format, const char *enc, const char *want, int want_rc)
{
	static const char *const cols[] = { "id", "text" };
	int rc;
	char *got = read_all(text, strlen(text), format, enc, cols, 2, &rc);
	if (rc != want_rc || strcmp(got, want))
		fail_msg("reading %s\n want (%d): %s\n  got (%d): %s", text, want_rc, want, rc, got);
	free(got);
}

static void test_read__csv_rfc4180(void **state)
{
	(void)state;
	/* quotes, an embedded quote, an embedded newline, CRLF, a blank line
	   (not counted: rows are records) */
	expect("id,text\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,d\r\n", READ_CSV, NULL,
	       "1|a, \"b\"\nc@2;2|d@3;", 0);
}

static void test_read__dutch_excel_export(void **state)
{
	(void)state;
	/* BOM, ';' detected, cp1252 ë (0xEB) and the euro sign (0x80) */
	expect("\xEF\xBB\xBFid;text\n1;financi\xEBle \x80 5\n", READ_CSV, "cp1252",
	       "1|financiële € 5@2;", 0);
	/* a text column header in another case */
	expect("ID;Text\n7;x\n", READ_CSV, NULL, "7|x@2;", 0);
}

static void test_read__tsv_and_jsonl_and_lines(void **state)
{
	(void)state;
	expect("id\ttext\n1\ta b\n", READ_TSV, NULL, "1|a b@2;", 0);
	expect("{\"id\": 5, \"text\": \"x\\ny\"}\n\n{\"text\": \"z\", \"id\": \"a\"}\n", READ_JSONL, NULL,
	       "5|x\ny@1;a|z@3;", 0);
	expect("eerste\r\n\ntweede", READ_LINES, NULL, "(null)|eerste@1;(null)|@2;(null)|tweede@3;", 0);
}

static void test_read__bad_input(void **state)
{
	(void)state;
	expect("id,text\n1,\"open\n2,x\n", READ_CSV, NULL, "in:2: unterminated quoted field\n", -1);
	expect("id,text\n1,x,y\n", READ_CSV, NULL, "in:2: this row has 3 fields, the header has 2\n", -1);
	expect("id,text\n1,a\"b\n", READ_CSV, NULL,
	       "in:2: malformed CSV: error parsing data while strict checking enabled (a quote inside an unquoted field, or text after a closing quote)\n",
	       -1);
	expect("{\"id\":1}\n[1,2]\n", READ_JSONL, NULL, "1|(null)@1;in:2: not a JSON object (each line must be {...})\n", -1);
	expect("{\"id\":1\n", READ_JSONL, NULL, "in:1: invalid JSON at column 7: '}' expected near end of file\n", -1);
	expect("", READ_CSV, NULL, "in:1: no header row (an empty file?)\n", -1);
}

/* Read JSONL text, requiring the "text" key of every record; returns the
   texts and the message that stopped it, as read_all does. */
static char *read_required(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	strbuf sb;
	sb_init(&sb);
	capture_start();
	reader *r = reader_open(f, "in.jsonl", READ_JSONL, 0, NULL);
	assert_non_null(r);
	int c = reader_col(r, "text"), got;
	while ((got = reader_next(r)) == 1 && reader_require(r, c) == 0) {
		size_t n;
		const char *v = reader_get(r, c, &n);
		sb_addf(&sb, "%.*s;", v ? (int)n : 6, v ? v : "(null)");
	}
	sb_adds(&sb, capture_text());
	capture_stop();
	reader_free(r);
	fclose(f);
	return sb_detach(&sb);
}

static void test_read__jsonl_record_without_text(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* a null text is an empty answer; a record without the key is an error */
		{ "{\"text\":\"a\"}\n{\"text\":null}\n\n{\"id\":\"b\",\"tekst\":\"x\"}\n",
		  "a;(null);in.jsonl:4: no key 'text' in this record (its keys are: id, tekst)\n" },
		{ "{}\n", "in.jsonl:1: no key 'text' in this record (it is empty)\n" },
		{ "{\"text\":[\"a\"]}\n", "in.jsonl:1: key 'text' holds an array, not text\n" },
		{ "{\"text\":{\"nl\":\"a\"}}\n", "in.jsonl:1: key 'text' holds an object, not text\n" },
		/* numbers and booleans are text as written */
		{ "{\"text\":12}\n{\"text\":true}\n", "12;true;" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = read_required(cases[i].in);
		if (strcmp(got, cases[i].want))
			fail_msg("reading %s\n want: %s\n  got: %s", cases[i].in, cases[i].want, got);
		free(got);
	}
}

static void test_read__utf16_named(void **state)
{
	(void)state;
	/* "id,text\n1,a\n" in UTF-16 with a byte order mark, and without */
	static const char le_bom[] = "\xff\xfei\0d\0,\0t\0e\0x\0t\0\n\0" "1\0,\0a\0\n\0";
	static const char be[] = "\0i\0d\0,\0t\0e\0x\0t\0\n\0" "1\0,\0a\0\n";
	static const int formats[] = { READ_CSV, READ_TSV, READ_JSONL, READ_LINES };
	for (size_t k = 0; k < 4; k++) {
		int rc;
		static const char *const cols[] = { "text" };
		char *got = read_all(le_bom, sizeof(le_bom) - 1, formats[k], NULL, cols, 1, &rc);
		assert_int_equal(rc, -1);
		assert_string_equal(got, "qcode: error: in: the file is UTF-16, not UTF-8; convert it with: "
					 "iconv -f UTF-16 -t UTF-8 in > in-utf8\n");
		free(got);
		got = read_all(be, sizeof(be) - 1, formats[k], NULL, cols, 1, &rc);
		assert_int_equal(rc, -1);
		assert_contains(got, "the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16BE -t UTF-8 in > in-utf8\n");
		free(got);
	}
}

static void test_read__columns(void **state)
{
	(void)state;
	FILE *f = fmemopen((void *)"a,b,c\n", 6, "rb");
	reader *r = reader_open(f, "in", READ_CSV, 0, NULL);
	assert_non_null(r);
	assert_string_equal(reader_columns(r), "a, b, c");
	assert_int_equal(reader_col(r, "nope"), -1);
	assert_int_equal(reader_delim(r), ',');
	reader_free(r);
	fclose(f);
}

/* Open text as CSV with header_rows; the columns as "name=label," and the
   records' values of col as "v@row,". */
static char *survey(const char *text, int header_rows, const char *col, const char **platform)
{
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	read_opts o = { READ_CSV, 0, NULL, NULL, header_rows };
	capture_start();
	reader *r = reader_open_with(f, "s.csv", &o);
	strbuf sb;
	sb_init(&sb);
	if (!r) {
		sb_adds(&sb, capture_text());
	} else {
		*platform = reader_platform(r);
		for (size_t i = 0; i < reader_ncols(r); i++)
			sb_addf(&sb, "%s=%s,", reader_colname(r, i), reader_label(r, i) ? reader_label(r, i) : "");
		int c = reader_col(r, col);
		while (reader_next(r) == 1) {
			size_t n;
			const char *v = reader_get(r, c, &n);
			sb_addf(&sb, "%s@%ld,", v ? v : "(null)", reader_row(r));
		}
	}
	capture_stop();
	reader_free(r);
	fclose(f);
	return sb_detach(&sb);
}

static void test_read__survey_platforms(void **state)
{
	(void)state;
	const char *pf = NULL;
	/* Qualtrics: names, question texts, ImportId JSON; a column found by its text */
	char *got = survey("StartDate,ResponseId,Q1\r\n"
			   "Start Date,Response ID,Waarom niet?\r\n"
			   "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"Europe/Amsterdam\"\"}\","
			   "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\"\r\n"
			   "2024-03-05 10:00:00,R_1,Geen regie\r\n", 0, "Waarom niet?", &pf);
	assert_string_equal(got, "StartDate=Start Date,ResponseId=Response ID,Q1=Waarom niet?,Geen regie@4,");
	assert_string_equal(pf, "Qualtrics");
	free(got);
	/* SurveyMonkey: a question once over its columns, sub-questions below */
	got = survey("Respondent ID,Collector ID,Start Date,Waarom niet?,Wat speelt mee?,,Custom Data 1\n"
		     ",,,Open-Ended Response,Kennis,Regie,\n"
		     "1001,22,03/05/2024,Geen regie,Kennis,,x\n", 0, "Q2_1", &pf);
	assert_string_equal(got, "Respondent ID=,Collector ID=,Start Date=,Q1=Waarom niet?,Q2_1=Wat speelt mee? - Kennis,"
				 "Q2_2=Wat speelt mee? - Regie,Custom Data 1=,Kennis@3,");
	assert_string_equal(pf, "SurveyMonkey");
	free(got);
	/* LimeSurvey: codes, the texts in a second row */
	got = survey("id,submitdate,lastpage,startlanguage,Q1\n"
		     "Response ID,Date submitted,Last page,Start language,Waarom niet?\n"
		     "1,2024-03-05,2,nl,Geen regie\n", 0, "Q1", &pf);
	assert_string_equal(got, "id=Response ID,submitdate=Date submitted,lastpage=Last page,startlanguage=Start language,"
				 "Q1=Waarom niet?,Geen regie@3,");
	assert_string_equal(pf, "LimeSurvey");
	free(got);
	/* LimeSurvey with codes alone: recognised, one header row */
	got = survey("id,submitdate,lastpage,startlanguage,Q1\n1,2024-03-05,2,nl,Geen regie\n", 0, "Q1", &pf);
	assert_string_equal(got, "id=,submitdate=,lastpage=,startlanguage=,Q1=,Geen regie@2,");
	free(got);
	/* --header-rows 3: names, labels, and a row skipped; a plain file is no platform's */
	pf = "none";
	got = survey("id,text\nNummer,Antwoord\nx,y\n1,a\n", 3, "text", &pf);
	assert_string_equal(got, "id=Nummer,text=Antwoord,a@4,");
	assert_null(pf);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read__csv_rfc4180),
		cmocka_unit_test(test_read__survey_platforms),
		cmocka_unit_test(test_read__dutch_excel_export),
		cmocka_unit_test(test_read__tsv_and_jsonl_and_lines),
		cmocka_unit_test(test_read__bad_input),
		cmocka_unit_test(test_read__columns),
		cmocka_unit_test(test_read__jsonl_record_without_text),
		cmocka_unit_test(test_read__utf16_named),
	};
	return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
