/*
 * test_format: the cells of files meant for a spreadsheet -- a value a
 * spreadsheet could take for a formula gets a ' in front, a plain number
 * does not, and what is read back is the value written, whatever it is --
 * and JSON strings that a terminal can show safely; coded answers as JSON
 * Lines whose scores read back exactly, with the codeframe's stamp.
 */
#include <stdio.h>

#include "unit.h"
#include "format.h"
#include "match.h"
#include "read.h"

/* fmt_sheet_field of in with delim gives want. */
static void check_cell(const char *in, char delim, const char *want)
{
	strbuf sb;
	sb_init(&sb);
	fmt_sheet_field(&sb, in, strlen(in), delim);
	if (strcmp(sb.buf, want))
		fail_msg("fmt_sheet_field(\"%s\", '%c') gave '%s', wanted '%s'", in, delim, sb.buf, want);
	sb_release(&sb);
}

static void test_format__sheet_guards_formulas(void **state)
{
	(void)state;
	static const struct {
		const char *in, *csv, *tsv;
	} cases[] = {
		/* formulas and what starts one: OWASP's = + - @ tab CR */
		{ "=1+1", "'=1+1", "'=1+1" },
		{ "=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"",
		  "'=HYPERLINK(\"http://x\",\"klik\")" },
		{ "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
		{ "-2+3", "'-2+3", "'-2+3" },
		{ "@SUM(A1:A9)", "'@SUM(A1:A9)", "'@SUM(A1:A9)" },
		{ "\t=1", "'\t=1", "'\\t=1" },
		{ "\r=1", "\"'\r=1\"", "'\\r=1" },
		{ "-", "'-", "'-" },
		/* a value that starts with ' gets one more, so it reads back */
		{ "'t is zo", "''t is zo", "''t is zo" },
		/* plain numbers stay numbers */
		{ "-0.5", "-0.5", "-0.5" },
		{ "+31", "+31", "+31" },
		{ "-1e-05", "-1e-05", "-1e-05" },
		{ "-3,5", "\"-3,5\"", "-3,5" },
		/* and nothing else changes */
		{ "Privacywetgeving knelt", "Privacywetgeving knelt", "Privacywetgeving knelt" },
		{ "a=b", "a=b", "a=b" },
		{ " =1", "\" =1\"", " =1" }, /* (quoted: a bare field loses its spaces) */
		{ "", "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		check_cell(cases[i].in, ',', cases[i].csv);
		check_cell(cases[i].in, '\t', cases[i].tsv);
	}
	/* a semicolon CSV quotes on ';' */
	check_cell("=a;b", ';', "\"'=a;b\"");
}

/* Every value written by fmt_sheet_field and read back by the reader and
   fmt_sheet_value is the value itself. */
static void test_format__sheet_round_trip(void **state)
{
	(void)state;
	static const char *const values[] = {
		"=1+1", "+1", "+x", "-", "-0.5", "@", "\t@x", "'", "''", "'=1", "' ", "a'b",
		"\"=q\"", "=a,\"b\"\nc", "plain", " spaties ", "\ttab", "",
	};
	size_t n = sizeof(values) / sizeof(*values);
	strbuf csv;
	sb_init(&csv);
	sb_adds(&csv, "nr,v\n");
	for (size_t i = 0; i < n; i++) {
		sb_addf(&csv, "%zu,", i);
		fmt_sheet_field(&csv, values[i], strlen(values[i]), ',');
		sb_addc(&csv, '\n');
	}
	FILE *f = fmemopen(csv.buf, csv.len, "rb");
	reader *r = reader_open(f, "sheet.csv", READ_CSV, ',', NULL);
	assert_non_null(r);
	int c = reader_col(r, "v");
	size_t i = 0;
	while (reader_next(r) == 1) {
		size_t len;
		const char *v = reader_get(r, c, &len);
		v = fmt_sheet_value(v, &len);
		assert_true(i < n);
		if (len != strlen(values[i]) || memcmp(v, values[i], len))
			fail_msg("'%s' came back as '%.*s'", values[i], (int)len, v);
		i++;
	}
	assert_int_equal(i, n);
	reader_free(r);
	fclose(f);
	sb_release(&csv);
}

static void test_format__json_hides_terminal_controls(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a\x1b]0;t\x07\"\\\n", "\"a\\u001b]0;t\\u0007\\\"\\\\\\n\"" },
		/* DEL, C1 CSI, line separator, right-to-left override, isolate */
		{ "x\x7f" "y\xc2\x9b" "z\xe2\x80\xa8\xe2\x80\xae\xe2\x81\xa6",
		  "\"x\\u007fy\\u009bz\\u2028\\u202e\\u2066\"" },
		/* their neighbours stay: no-break space, en dash, quotes, zero-width joiner */
		{ "\xc2\xa0\xe2\x80\x93\xe2\x80\x9c\xe2\x80\x8d\xe2\x81\xa0\xc3\xab",
		  "\"\xc2\xa0\xe2\x80\x93\xe2\x80\x9c\xe2\x80\x8d\xe2\x81\xa0\xc3\xab\"" },
		/* a lead byte at the end */
		{ "a\xe2", "\"a\xe2\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		strbuf sb;
		sb_init(&sb);
		fmt_json_string(&sb, cases[i].in, strlen(cases[i].in));
		if (strcmp(sb.buf, cases[i].want))
			fail_msg("fmt_json_string(%zu) gave '%s', wanted '%s'", i, sb.buf, cases[i].want);
		sb_release(&sb);
	}
}

/* A JSON Lines record: scores that read back as the number coding made,
   and the stamp as the record's last field (no header line). */
static void test_format__coded_scores_and_stamp(void **state)
{
	(void)state;
	static const char lex[] = "%key som\n%label Som\n"
				  "alfa weight=0.1\n"
				  "beta weight=0.2\n"
				  "gamma weight=1000\n"
				  "delta weight=234.567\n";
	stemmer *st = stem_new(NULL);
	lexicon_set *set = lexicon_set_new(st);
	lexicon_add_vocab(set, lex, strlen(lex));
	assert_int_equal(lexicon_parse_string(set, "som.lex", lex, sizeof(lex) - 1, 1), 0);
	lexicon_default_cues(set);
	assert_int_equal(lexicon_set_finish(set), 0);
	matcher *m = matcher_new(set, st);
	match_result res;
	match_result_init(&res);
	coded_fmt *f = coded_fmt_new(OUT_JSONL, set);
	/* table: answer, the score it must read back as */
	static const struct { const char *text; double score; const char *written; } cases[] = {
		{ "alfa beta", 0.1 + 0.2, "0.30000000000000004" },
		{ "alfa", 0.1, "0.1" },
		{ "gamma delta", 1000 + 234.567, "1234.567" }, /* %g: 1234.57 */
	};
	strbuf out;
	sb_init(&out);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(matcher_code(m, cases[i].text, strlen(cases[i].text), &res), 0);
		sb_reset(&out);
		fmt_coded(&out, f, "1", 1, cases[i].text, &res);
		char want[64];
		snprintf(want, sizeof(want), "\"scores\":{\"som\":%s}", cases[i].written);
		assert_contains(out.buf, want);
		const char *at = strstr(out.buf, "\"som\":") + 6;
		if (strtod(at, NULL) != cases[i].score)
			fail_msg("score '%.20s' does not read back as %.17g", at, cases[i].score);
		/* no stamp unless asked */
		assert_null(strstr(out.buf, "stamp"));
	}
	coded_fmt_set_stamp(f, "abc123", "dutch (libstemmer 2.2.0-2)", "0.1.0");
	assert_int_equal(matcher_code(m, "alfa beta", 9, &res), 0);
	sb_reset(&out);
	fmt_coded(&out, f, "r\"1", 3, "alfa beta", &res);
	assert_string_equal(out.buf,
			    "{\"id\":\"r\\\"1\",\"primary\":\"som\",\"themes\":[\"som\"],"
			    "\"scores\":{\"som\":0.30000000000000004},\"evidence\":["
			    "{\"theme\":\"som\",\"rule\":\"alfa\",\"start\":0,\"end\":4,\"text\":\"alfa\"},"
			    "{\"theme\":\"som\",\"rule\":\"beta\",\"start\":5,\"end\":9,\"text\":\"beta\"}],"
			    "\"stamp\":{\"lexicon\":\"abc123\",\"stemmer\":\"dutch (libstemmer 2.2.0-2)\","
			    "\"qcode\":\"0.1.0\"}}\n");
	sb_release(&out);
	coded_fmt_free(f);
	match_result_release(&res);
	matcher_free(m);
	lexicon_set_free(set);
	stem_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format__sheet_guards_formulas),
		cmocka_unit_test(test_format__sheet_round_trip),
		cmocka_unit_test(test_format__json_hides_terminal_controls),
		cmocka_unit_test(test_format__coded_scores_and_stamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
