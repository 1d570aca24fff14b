/*
 * test_read: the record reader over memory streams -- RFC 4180 CSV,
 * Dutch Excel exports (';', cp1252, BOM, CRLF), TSV, JSONL, lines, the
 * text formats in cp1252 and latin1 too, the formats with an encoding of
 * their own refusing another -- and the message for each kind of bad
 * input (a byte cp1252 lacks among them); an SPSS .sav read as records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "read.h"
#include "sav.h"

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

static void test_read__encoding_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int want;
	} cases[] = {
		{ "utf-8", READ_UTF8 },     { "UTF8", READ_UTF8 },
		{ "cp1252", READ_CP1252 },  { "Windows-1252", READ_CP1252 },
		{ "latin1", READ_LATIN1 },  { "ISO-8859-1", READ_LATIN1 },
		{ "utf-16", -1 },           { "cp-1252", -1 },  { "", -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (read_encoding_parse(cases[i].name) != cases[i].want)
			fail_msg("%s: want %d", cases[i].name, cases[i].want);
	assert_string_equal(read_encoding_name(READ_CP1252), "cp1252");
	assert_string_equal(read_encoding_name(READ_LATIN1), "latin1");
	expect("id,text\n", READ_CSV, "utf-16", "qcode: error: unknown encoding 'utf-16' (use utf-8, cp1252 or latin1)\n", -1);
	assert_int_equal(error_last_code(), EXIT_USAGE);
}

static void test_read__encodings_in_every_text_format(void **state)
{
	(void)state;
	/* cp1252: e-acute, e-diaeresis, the euro sign, curly quotes (0x93, 0x94)
	   and an en dash (0x96); latin1: the same bytes below 0xA0 are C1
	   controls, not the euro sign */
	static const struct {
		const char *in;
		int format;
		const char *enc, *want;
	} cases[] = {
		{ "caf\xe9 \x80 5\r\n\x93" "financi\xeb" "le\x94 \x96 x\n", READ_LINES, "cp1252",
		  "(null)|café € 5@1;(null)|“financiële” – x@2;" },
		{ "id;text\r\n1;caf\xe9 \x80\r\n", READ_CSV, "cp1252", "1|café €@2;" },
		{ "id\ttext\n1\t\x93ge\xebist\x94\n", READ_TSV, "cp1252", "1|“geëist”@2;" },
		{ "caf\xe9 \x80\n", READ_LINES, "latin1", "(null)|café \xc2\x80@1;" },
		{ "id;text\n1;\xeb\x93\n", READ_CSV, "latin1", "1|ë\xc2\x93@2;" },
		/* a UTF-8 byte order mark is still no part of the text */
		{ "\xef\xbb\xbf" "caf\xe9\n", READ_LINES, "cp1252", "(null)|café@1;" },
		{ "\xef\xbb\xbfid;text\n1;caf\xe9\n", READ_CSV, "cp1252", "1|café@2;" },
		/* utf-8 named is utf-8 read */
		{ "\xef\xbb\xbfid;text\n1;caf\xc3\xa9\n", READ_CSV, "utf-8", "1|café@2;" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		expect(cases[i].in, cases[i].format, cases[i].enc, cases[i].want, 0);
}

static void test_read__encoding_fixed_by_format(void **state)
{
	(void)state;
	/* which formats take an encoding, and why the others do not */
	static const struct {
		int format;
		const char *name, *fixed;
	} formats[] = {
		{ READ_LINES, "lines", NULL },
		{ READ_CSV, "csv", NULL },
		{ READ_TSV, "tsv", NULL },
		{ READ_JSONL, "jsonl", "JSON is UTF-8 by definition" },
		{ READ_XLSX, "xlsx", "an .xlsx workbook is UTF-8 XML" },
		{ READ_SAV, "sav", "a .sav records its own encoding, which ReadStat converts to UTF-8" },
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		const char *fixed = read_encoding_fixed(formats[i].format);
		assert_string_equal(read_format_name(formats[i].format), formats[i].name);
		if (!formats[i].fixed)
			assert_null(fixed);
		else
			assert_string_equal(fixed, formats[i].fixed);
	}
	/* the reader refuses another encoding for them before it reads a
	   byte (a workbook or .sav would be read whole first); utf-8 named
	   is utf-8 read */
	static const char *const others[] = { "cp1252", "latin1", "Windows-1252" };
	for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
		char want[200];
		snprintf(want, sizeof(want), "qcode: error: encoding %s does not apply to jsonl: JSON is UTF-8 by definition\n",
			 read_encoding_name(read_encoding_parse(others[i])));
		expect("{\"id\":1,\"text\":\"caf\xe9\"}\n", READ_JSONL, others[i], want, -1);
		assert_int_equal(error_last_code(), EXIT_USAGE);
	}
	expect("PK\3\4", READ_XLSX, "cp1252",
	       "qcode: error: encoding cp1252 does not apply to xlsx: an .xlsx workbook is UTF-8 XML\n", -1);
	assert_int_equal(error_last_code(), EXIT_USAGE);
	expect("$FL2", READ_SAV, "latin1",
	       "qcode: error: encoding latin1 does not apply to sav: a .sav records its own encoding,"
	       " which ReadStat converts to UTF-8\n", -1);
	assert_int_equal(error_last_code(), EXIT_USAGE);
	expect("{\"id\":1,\"text\":\"caf\xc3\xa9\"}\n", READ_JSONL, "utf-8", "1|café@1;", 0);
}

static void test_read__byte_cp1252_lacks(void **state)
{
	(void)state;
	/* each undefined byte, in lines (the line and the byte's offset in it,
	   a byte order mark counted) and in CSV (the record and the column) */
	static const unsigned char undefined[] = { 0x81, 0x8d, 0x8f, 0x90, 0x9d };
	for (size_t k = 0; k < sizeof(undefined); k++) {
		char in[64], want[256];
		snprintf(in, sizeof(in), "eerste\ncaf\xe9%c\n", undefined[k]);
		snprintf(want, sizeof(want),
			 "(null)|eerste@1;in:2: byte 0x%02x at byte offset 4 of the line is not a character in cp1252\n",
			 undefined[k]);
		expect(in, READ_LINES, "cp1252", want, -1);
		assert_int_equal(error_last_code(), EXIT_INPUT);
		snprintf(in, sizeof(in), "id;text\n1;goed\n2;caf\xe9%c\n3;x\n", undefined[k]);
		snprintf(want, sizeof(want), "1|goed@2;in:3: byte 0x%02x in column 'text' is not a character in cp1252\n",
			 undefined[k]);
		expect(in, READ_CSV, "cp1252", want, -1);
		assert_int_equal(error_last_code(), EXIT_INPUT);
	}
	static const struct {
		const char *in;
		int format;
		const char *want;
	} cases[] = {
		{ "\xef\xbb\xbf\x90\n", READ_LINES,
		  "in:1: byte 0x90 at byte offset 3 of the line is not a character in cp1252\n" },
		/* the header; the record (not the line) of a cell over two lines;
		   the first column; TSV, whose first chunk holds the header too */
		{ "id;te\x81xt\n1;x\n", READ_CSV, "in:1: byte 0x81 in the header row is not a character in cp1252\n" },
		{ "id;text\n\n1;\"a\nb\x81\"\n", READ_CSV, "in:2: byte 0x81 in column 'text' is not a character in cp1252\n" },
		{ "id;text\n\x8f;x\n", READ_CSV, "in:2: byte 0x8f in column 'id' is not a character in cp1252\n" },
		{ "id\ttext\n1\ta\n2\tb\x8d\n", READ_TSV, "1|a@2;in:3: byte 0x8d in column 'text' is not a character in cp1252\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		expect(cases[i].in, cases[i].format, "cp1252", cases[i].want, -1);
	/* latin1 has every byte */
	expect("id;text\n1;\x81\x8d\x8f\x90\x9d\n", READ_CSV, "latin1", "1|\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d@2;", 0);
}

static void test_read__byte_cp1252_lacks_far_in(void **state)
{
	(void)state;
	/* past the first blocks read: the right record, and every record
	   before it read first */
	strbuf in, want;
	sb_init(&in);
	sb_init(&want);
	sb_adds(&in, "id;text\n");
	for (int i = 2; i <= 6000; i++) {
		sb_addf(&in, "%d;antwoord nummer %d, financi\xeb" "le middelen\n", i, i);
		sb_addf(&want, "%d|antwoord nummer %d, financiële middelen@%d;", i, i, i);
	}
	sb_adds(&in, "6001;caf\x81\n6002;x\n");
	sb_adds(&want, "in:6001: byte 0x81 in column 'text' is not a character in cp1252\n");
	assert_true(in.len > 4 * 65536);
	static const char *const cols[] = { "id", "text" };
	int rc;
	char *got = read_all(in.buf, in.len, READ_CSV, "cp1252", cols, 2, &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(got, want.buf);
	free(got);
	sb_release(&in);
	sb_release(&want);
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

/* read_check() on s with policy p at place at: its result, the text it
   gives and what it said, as "rc|text|messages". */
static char *checked(const read_policy *p, const read_at *at, const char *s, size_t n)
{
	strbuf clean, sb;
	sb_init(&clean);
	sb_init(&sb);
	const char *t = NULL;
	size_t len = 0;
	capture_start();
	error_set_code(EXIT_OK);
	int rc = read_check(p, at, s, n, &clean, &t, &len);
	sb_addf(&sb, "%d/%d|", rc, rc ? error_last_code() : 0);
	if (!rc)
		sb_add(&sb, t, len);
	sb_addf(&sb, "|%s", capture_text());
	capture_stop();
	sb_release(&clean);
	return sb_detach(&sb);
}

static void test_read__check_one_policy(void **state)
{
	(void)state;
	static const read_policy strict = { 0, "use --lenient to replace invalid bytes" };
	static const read_policy lenient = { 1, "use --lenient to replace invalid bytes" };
	static const read_policy bare = { 0, NULL };
	static const struct {
		const read_policy *p;
		read_at at;
		const char *in;
		size_t n;
		const char *want;
	} cases[] = {
		/* valid text is given as it is, and nothing said */
		{ &strict, { "<stdin>", 2, NULL, 0, NULL, READ_ANSWER }, "caf\xc3\xa9", 5, "0/0|caf\xc3\xa9|" },
		{ NULL, { "<stdin>", 2, NULL, 0, NULL, READ_ANSWER }, "", 0, "0/0||" },
		/* the line is the answer: file, line, offset, hint */
		{ &strict, { "<stdin>", 2, NULL, 0, NULL, READ_ANSWER }, "fout \xff", 6,
		  "-1/3||<stdin>:2: invalid UTF-8 at byte offset 5 of the answer (use --lenient to replace invalid bytes)\n" },
		/* a column of a record: named; no hint when the command has none */
		{ &bare, { "a.csv", 7, NULL, 0, "tekst", READ_ANSWER }, "x\xe9", 2,
		  "-1/3||a.csv:7: invalid UTF-8 at byte offset 1 of the answer in column 'tekst'\n" },
		{ NULL, { "a.csv", 7, NULL, 0, "regio", READ_VALUE }, "\xc3", 1,
		  "-1/3||a.csv:7: invalid UTF-8 at byte offset 0 of the value in column 'regio'\n" },
		{ NULL, { "a.csv", 3, NULL, 0, "nr", READ_ID }, "a\0b", 3,
		  "-1/3||a.csv:3: invalid UTF-8 at byte offset 1 of the id in column 'nr'\n" },
		{ NULL, { "c.jsonl", 4, NULL, 0, NULL, READ_RECORD }, "{\"id\":\"\xed\xa0\x80\"}", 12,
		  "-1/3||c.jsonl:4: invalid UTF-8 at byte offset 7 of the record\n" },
		/* a whole file: the line is counted to the bad byte */
		{ &strict, { "in.txt", 0, NULL, 0, NULL, READ_FILE }, "ok\nok\nbad\xff", 10,
		  "-1/3||in.txt:3: invalid UTF-8 at byte offset 9 of the file (use --lenient to replace invalid bytes)\n" },
		/* lenient: U+FFFD for each bad byte, and a warning */
		{ &lenient, { "<stdin>", 2, NULL, 0, NULL, READ_ANSWER }, "a\xff" "b\xfe", 4,
		  "0/0|a\xef\xbf\xbd" "b\xef\xbf\xbd|qcode: warning: <stdin>:2: replaced 2 invalid bytes with U+FFFD\n" },
		{ &lenient, { "x.csv", 5, NULL, 0, "text", READ_ANSWER }, "\xff", 1,
		  "0/0|\xef\xbf\xbd|qcode: warning: x.csv:5: replaced 1 invalid byte in column 'text' with U+FFFD\n" },
		{ &lenient, { "in.txt", 0, NULL, 0, NULL, READ_FILE }, "\n\xff", 2,
		  "0/0|\n\xef\xbf\xbd|qcode: warning: in.txt: replaced 1 invalid byte with U+FFFD\n" },
		/* UTF-16 is named, lenient or not, when the line is the value */
		{ &lenient, { "in.txt", 0, NULL, 0, NULL, READ_FILE }, "\xff\xfeh\0", 4,
		  "-1/3||qcode: error: in.txt: the file is UTF-16, not UTF-8; convert it with: iconv -f UTF-16 -t UTF-8 in.txt > in-utf8.txt\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = checked(cases[i].p, &cases[i].at, cases[i].in, cases[i].n);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu\n want: %s\n  got: %s", i, cases[i].want, got);
		free(got);
	}
}

static void test_read__check_answer_limit(void **state)
{
	(void)state;
	/* one byte over the limit: an error whatever the policy; a record or a
	   file has no such limit here */
	size_t n = READ_MAX_ANSWER + 1;
	char *big = xmalloc(n);
	memset(big, 'a', n);
	static const read_policy lenient = { 1, "use --lenient to replace invalid bytes" };
	read_at at = { "<stdin>", 1, NULL, 0, NULL, READ_ANSWER };
	char *got = checked(&lenient, &at, big, n);
	assert_string_equal(got, "-1/3||<stdin>:1: answer of 67108865 bytes is over the limit of 64 MiB\n");
	free(got);
	read_at col = { "h.csv", 2, NULL, 0, "text", READ_ANSWER };
	got = checked(NULL, &col, big, n);
	assert_string_equal(got, "-1/3||h.csv:2: answer of 67108865 bytes in column 'text' is over the limit of 64 MiB\n");
	free(got);
	read_at rec = { "c.jsonl", 1, NULL, 0, NULL, READ_RECORD };
	strbuf clean;
	sb_init(&clean);
	assert_int_equal(read_check(NULL, &rec, big, n, &clean, NULL, NULL), 0);
	assert_int_equal(read_check(NULL, &col, big, READ_MAX_ANSWER, &clean, NULL, NULL), 0);
	sb_release(&clean);
	free(big);
}

/* A workbook's cell is named by the reader; a JSONL reader follows its policy. */
static void test_read__check_place_and_jsonl_policy(void **state)
{
	(void)state;
	static const char csv[] = "id,text\n1,ok\n2,caf\xe9\n";
	FILE *f = fmemopen((void *)csv, sizeof(csv) - 1, "rb");
	reader *r = reader_open(f, "in.csv", READ_CSV, 0, NULL);
	assert_non_null(r);
	assert_int_equal(reader_next(r), 1);
	assert_int_equal(reader_next(r), 1);
	size_t n;
	const char *v = reader_get(r, 1, &n);
	read_at at = { "in.csv", reader_row(r), r, 1, "text", READ_ANSWER };
	char *got = checked(NULL, &at, v, n);
	assert_string_equal(got, "-1/3||in.csv:3: invalid UTF-8 at byte offset 3 of the answer in column 'text'\n");
	free(got);
	reader_free(r);
	fclose(f);

	static const char jl[] = "{\"text\":\"goed\"}\n{\"text\":\"caf\xe9\"}\n";
	static const read_policy hint = { 0, "use --lenient to replace invalid bytes" };
	static const read_policy lenient = { 1, NULL };
	const read_policy *pols[] = { NULL, &hint, &lenient };
	static const char *const want[] = {
		"goed;in.jsonl:2: invalid UTF-8 at byte offset 12 of the record\n",
		"goed;in.jsonl:2: invalid UTF-8 at byte offset 12 of the record (use --lenient to replace invalid bytes)\n",
		"goed;caf\xef\xbf\xbd;qcode: warning: in.jsonl:2: replaced 1 invalid byte with U+FFFD\n",
	};
	for (size_t k = 0; k < 3; k++) {
		f = fmemopen((void *)jl, sizeof(jl) - 1, "rb");
		read_opts o = { READ_JSONL, 0, NULL, NULL, 0, pols[k] };
		strbuf sb;
		sb_init(&sb);
		capture_start();
		r = reader_open_with(f, "in.jsonl", &o);
		assert_non_null(r);
		int c = reader_col(r, "text");
		while (reader_next(r) == 1) {
			v = reader_get(r, c, &n);
			sb_addf(&sb, "%.*s;", (int)n, v);
		}
		sb_adds(&sb, capture_text());
		capture_stop();
		assert_string_equal(sb.buf, want[k]);
		sb_release(&sb);
		reader_free(r);
		fclose(f);
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
	read_opts o = { READ_CSV, 0, NULL, NULL, header_rows, NULL };
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

/* A .sav is a reader format like the others: its variables are the
   columns (their labels the columns' labels), its cases the records
   numbered from 1, a missing value no value, a flag's value label the
   value; read from a stream, as standard input is. */
static void test_read__sav_records(void **state)
{
	(void)state;
	char path[] = "/tmp/qcode-test-read-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char *cols[] = { "id", "text", "wetgeving" };
	char *labels[] = { NULL, "Waarom niet gehaald?", NULL };
	char *cells[] = { "a1", "Wetgeving knelt", "1",
			  "a2", "Geen regie", NULL,
			  "a3", "", "0" };
	table t = { cols, labels, 3, cells, 3, 3 };
	static const int types[] = { SAV_STRING, SAV_STRING, SAV_FLAG };
	assert_int_equal(sav_write_flags(path, &t, types, "nee", "ja"), 0);

	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	reader *r = reader_open(f, "p.sav", READ_SAV, 0, NULL);
	assert_non_null(r);
	assert_int_equal(reader_format(r), READ_SAV);
	assert_int_equal(reader_ncols(r), 3);
	assert_string_equal(reader_columns(r), "id, text, wetgeving");
	assert_string_equal(reader_label(r, 1), "Waarom niet gehaald?");
	/* a column is found by its name or its label */
	assert_int_equal(reader_col(r, "TEXT"), 1);
	assert_int_equal(reader_col(r, "waarom niet gehaald?"), 1);
	assert_int_equal(reader_col(r, "groep"), -1);
	strbuf got;
	sb_init(&got);
	int rc;
	while ((rc = reader_next(r)) == 1) {
		for (int c = 0; c < 3; c++) {
			size_t n;
			const char *v = reader_get(r, c, &n);
			sb_addf(&got, "%s%.*s", c ? "|" : "", v ? (int)n : 6, v ? v : "(null)");
		}
		sb_addf(&got, "@%s;", reader_where(r, 1));
	}
	assert_int_equal(rc, 0);
	assert_string_equal(got.buf, "a1|Wetgeving knelt|ja@p.sav:1;"
				     "a2|Geen regie|(null)@p.sav:2;"
				     "a3||nee@p.sav:3;");
	sb_release(&got);
	reader_free(r);
	fclose(f);

	/* bytes that are no .sav: said so, by the stream's name */
	FILE *bad = fmemopen((void *)"$FL2 not really", 15, "rb");
	capture_start();
	assert_null(reader_open(bad, "cut.sav", READ_SAV, 0, NULL));
	assert_non_null(strstr(capture_text(), "cannot read 'cut.sav' as an SPSS .sav file: "));
	capture_stop();
	fclose(bad);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read__csv_rfc4180),
		cmocka_unit_test(test_read__survey_platforms),
		cmocka_unit_test(test_read__dutch_excel_export),
		cmocka_unit_test(test_read__tsv_and_jsonl_and_lines),
		cmocka_unit_test(test_read__encoding_names),
		cmocka_unit_test(test_read__encodings_in_every_text_format),
		cmocka_unit_test(test_read__encoding_fixed_by_format),
		cmocka_unit_test(test_read__byte_cp1252_lacks),
		cmocka_unit_test(test_read__byte_cp1252_lacks_far_in),
		cmocka_unit_test(test_read__bad_input),
		cmocka_unit_test(test_read__columns),
		cmocka_unit_test(test_read__jsonl_record_without_text),
		cmocka_unit_test(test_read__utf16_named),
		cmocka_unit_test(test_read__check_one_policy),
		cmocka_unit_test(test_read__check_answer_limit),
		cmocka_unit_test(test_read__check_place_and_jsonl_policy),
		cmocka_unit_test(test_read__sav_records),
	};
	return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
