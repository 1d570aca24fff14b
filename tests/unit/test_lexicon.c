/*
 * test_lexicon: the lexicon language -- what parses, and the exact message
 * (file:line:col, the line, a caret) for what does not.
 */
#include "unit.h"
#include "lang.h"
#include "lexicon.h"

#include <unistd.h>

static stemmer *st;

static int setup(void **state)
{
	(void)state;
	st = stem_new(NULL);
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	stem_free(st);
	return 0;
}

/* Parse text as t.lex; returns the messages ("" when it parsed). */
static char *parse(const char *text, lexicon_set **out)
{
	lexicon_set *set = lexicon_set_new(st);
	capture_start();
	int rc = lexicon_parse_string(set, "t.lex", text, strlen(text), 1);
	char *msgs = xstrdup(capture_text());
	capture_stop();
	if (rc == 0)
		assert_string_equal(msgs, "");
	else
		assert_string_not_equal(msgs, "");
	if (out && rc == 0) {
		lexicon_default_cues(set);
		lexicon_set_finish(set);
		*out = set;
	} else {
		lexicon_set_free(set);
	}
	return msgs;
}

static void error_is(const char *text, const char *want)
{
	char *got = parse(text, NULL);
	if (strcmp(got, want))
		fail_msg("--- want\n%s--- got\n%s", want, got);
	free(got);
}

static void test_lexicon__every_rule_kind(void **state)
{
	(void)state;
	lexicon_set *set = NULL;
	free(parse("# a comment\n"
		   "%key t\n%label Test\n%description A test theme.\n%min-score 1.5\n"
		   "%group g a* =b\n"
		   "wetgeving weight=2\n"
		   "privacy*   # trailing comment\n"
		   "=wet id=law\n"
		   "\"langlopende contracten\"\n"
		   "/\\bAVG\\b/i\n"
		   "@g NEAR/3 c\n"
		   "d BEFORE/2 @g notneg\n"
		   "!kennisgeving\n"
		   "@g\n"
		   "e NOT NEAR/2 @g\n"
		   "f NOT BEFORE/1 =h\n",
		   &set));
	assert_non_null(set);
	const theme *th = &set->themes[0];
	assert_string_equal(th->key, "t");
	assert_string_equal(th->label, "Test");
	assert_string_equal(th->description, "A test theme.");
	assert_true(th->min_score == 1.5);
	assert_int_equal(th->nrules, 11);
	static const char *const kinds[] = { "word", "glob", "exact", "phrase", "regex",
					     "near", "before", "veto", "group", "not near", "not before" };
	for (size_t i = 0; i < 11; i++)
		assert_string_equal(lexicon_rule_kind_name(set, &th->rules[i]), kinds[i]);
	assert_true(th->rules[0].weight == 2);
	assert_string_equal(th->rules[2].id, "law");         /* explicit id */
	assert_string_equal(th->rules[1].id, "privacy*");    /* default id: the rule text */
	assert_int_equal(th->rules[6].notneg, 1);
	assert_int_equal(th->rules[6].distance, 2);
	assert_int_equal(th->rules[3].nseq, 2);
	/* NOT NEAR is a NEAR that excludes; a plain NEAR does not */
	assert_int_equal(th->rules[9].kind, RULE_NEAR);
	assert_int_equal(th->rules[9].exclude, 1);
	assert_int_equal(th->rules[9].distance, 2);
	assert_int_equal(th->rules[10].kind, RULE_BEFORE);
	assert_int_equal(th->rules[10].exclude, 1);
	assert_int_equal(th->rules[5].exclude, 0);
	/* the stem of the word, not the word, is what is matched */
	assert_string_equal(set->atoms[th->rules[0].a.atom].text, "wetgev");
	lexicon_set_free(set);
}

static void test_lexicon__errors_name_file_line_and_column(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "%key t\n\"langlopende contracten\n",
		  "t.lex:2:1: missing closing \" of phrase\n  \"langlopende contracten\n  ^\n" },
		{ "%key t\n/(ab/\n",
		  "t.lex:2:5: missing closing parenthesis in regex\n  /(ab/\n      ^\n" },
		{ "%key t\n%colour red\n",
		  "t.lex:2:1: unknown directive '%colour' (use %key, %label, %description, %min-score, %group)\n  %colour red\n  ^\n" },
		{ "%key t\nregie\nregie\n",
		  "t.lex:3:1: duplicate entry 'regie' (first on line 2)\n  regie\n  ^\n" },
		{ "%key t\n@nope NEAR/2 x\n",
		  "t.lex:2:1: unknown group '@nope' (define it with %group before use, in this file or in shared.groups)\n  @nope NEAR/2 x\n  ^\n" },
		{ "%key t\nx weight=-1\n",
		  "t.lex:2:10: weight must be a positive number up to 1000\n  x weight=-1\n           ^\n" },
		/* a score is a sum of weights: it must stay a finite number */
		{ "%key t\nx weight=1e308\n",
		  "t.lex:2:10: weight must be a positive number up to 1000\n  x weight=1e308\n           ^\n" },
		{ "%key t\nx weight=1000.5\n",
		  "t.lex:2:10: weight must be a positive number up to 1000\n  x weight=1000.5\n           ^\n" },
		{ "%key t\nx weight=inf\n",
		  "t.lex:2:10: weight must be a positive number up to 1000\n  x weight=inf\n           ^\n" },
		{ "%key t\nx weight=nan\n",
		  "t.lex:2:10: weight must be a positive number up to 1000\n  x weight=nan\n           ^\n" },
		{ "%key t\nx y\n",
		  "t.lex:2:3: unexpected 'y' after the rule (options are weight=N, id=NAME, notneg)\n  x y\n    ^\n" },
		{ "%key t\nx NEAR/0 y\n",
		  "t.lex:2:8: NEAR/ and BEFORE/ take a whole number of words (1-1000)\n  x NEAR/0 y\n         ^\n" },
		{ "%label Geen sleutel\nx\n", "t.lex:1: missing %key line\n" },
		{ "%key other\nx\n", "t.lex:1: %key 'other' does not match the file name (expected other.lex)\n" },
		{ "%key t\n!/x/\n", "t.lex:2:2: a veto cannot be a regex\n  !/x/\n   ^\n" },
		{ "%key t\nx NOT y\n",
		  "t.lex:2:7: NOT must be followed by NEAR/n or BEFORE/n\n  x NOT y\n        ^\n" },
		{ "%key t\nx NOT\n",
		  "t.lex:2:3: NOT must be followed by NEAR/n or BEFORE/n\n  x NOT\n    ^\n" },
		{ "%key t\nx NOT NEAR/2\n",
		  "t.lex:2:13: missing the second word after NEAR/2\n  x NOT NEAR/2\n              ^\n" },
		{ "%key t\n!x NOT NEAR/2 y\n",
		  "t.lex:2:1: a veto cannot be a NEAR/BEFORE rule (a veto of one rule's context is A NOT NEAR/n B)\n  !x NOT NEAR/2 y\n  ^\n" },
		{ "%key t\n\"x\" NEAR/2 y\n",
		  "t.lex:2:5: unexpected 'NEAR/2' after the rule (options are weight=N, id=NAME, notneg)\n  \"x\" NEAR/2 y\n      ^\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		error_is(cases[i][0], cases[i][1]);
}

static void test_lexicon__every_error_is_reported(void **state)
{
	(void)state;
	/* not only the first: a researcher fixes them all in one go */
	char *msgs = parse("%key t\n/(/\n%bad\nx weight=0\n", NULL);
	assert_contains(msgs, "t.lex:2:");
	assert_contains(msgs, "t.lex:3:");
	assert_contains(msgs, "t.lex:4:");
	free(msgs);
}

/* A text that ends in a lone '!' (no newline, nothing after it in memory:
   the sanitizer build would see a byte read past the end). */
static void test_lexicon__text_ends_in_a_veto_mark(void **state)
{
	(void)state;
	static const char text[] = "%key t\nregie\n!";
	size_t n = sizeof(text) - 1;
	char *exact = xmalloc(n);
	memcpy(exact, text, n);
	lexicon_set *set = lexicon_set_new(st);
	capture_start();
	assert_int_not_equal(lexicon_parse_string(set, "t.lex", exact, n, 1), 0);
	assert_string_equal(capture_text(), "t.lex:3:2: empty word\n  !\n   ^\n");
	capture_stop();
	lexicon_set_free(set);
	free(exact);
}

static void test_lexicon__invalid_utf8(void **state)
{
	(void)state;
	error_is("%key t\nab\xFF\n", "t.lex:2:3: invalid UTF-8 (byte offset 9)\n");
}

static void test_lexicon__negation_cues(void **state)
{
	(void)state;
	lexicon_set *set = lexicon_set_new(st);
	const char *cues = "# cues\n%scope after\nniet\ngeen\n";
	assert_int_equal(lexicon_parse_cues(set, "n.cues", cues, strlen(cues)), 0);
	assert_int_equal(set->neg_scope, NEG_AFTER);
	assert_int_equal(set->natoms, 2);
	capture_start();
	assert_int_equal(lexicon_parse_cues(set, "n.cues", "%scope ever\n", 12), -1);
	assert_contains(capture_text(), "n.cues:1:8: %scope is 'clause' or 'after'");
	capture_stop();
	lexicon_set_free(set);
}

static void test_lexicon__shipped_lexicons_load(void **state)
{
	(void)state;
	lexicon_set *set = lexicon_load_dir("lexicons", st);
	assert_non_null(set);
	static const char *const keys[] = { "contracten_ict", "kennis", "prioriteit",
					    "regie", "uitbesteden", "wetgeving" };
	assert_int_equal(set->nthemes, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(set->themes[i].key, keys[i]);
	assert_int_equal(strlen(set->hash), 64);
	lexicon_set_free(set);
}

/* Shared groups: every theme read after them may use them; a theme may not
 * define one of the same name; the file holds only %group lines. */
static void test_lexicon__shared_groups(void **state)
{
	(void)state;
	lexicon_set *set = lexicon_set_new(st);
	const char *groups = "# cues\n%group tekort onvoldoende gebrek* =geen\n";
	assert_int_equal(lexicon_parse_groups(set, "shared.groups", groups, strlen(groups)), 0);
	const char *a = "%key a\n@tekort NEAR/3 kennis\n";
	const char *b = "%key b\n@tekort\n";
	assert_int_equal(lexicon_parse_string(set, "a.lex", a, strlen(a), 1), 0);
	assert_int_equal(lexicon_parse_string(set, "b.lex", b, strlen(b), 1), 0);
	assert_int_equal(set->ngroups, 1);
	assert_int_equal(set->themes[0].rules[0].a.group, 0);
	assert_int_equal(set->themes[1].rules[0].a.group, 0);
	/* a theme's own group of that name */
	const char *c = "%key c\n%group tekort weinig\n";
	capture_start();
	assert_int_equal(lexicon_parse_string(set, "c.lex", c, strlen(c), 1), -1);
	assert_contains(capture_text(), "c.lex:2:8: group 'tekort' is a shared group (shared.groups): use it, or give this one another name");
	capture_stop();
	lexicon_set_free(set);

	set = lexicon_set_new(st);
	const char *bad = "%group ok a\n%key x\nwoord\n";
	capture_start();
	assert_int_equal(lexicon_parse_groups(set, "shared.groups", bad, strlen(bad)), -1);
	assert_contains(capture_text(), "shared.groups:2:1: only %group and %lang lines and comments belong in a shared groups file");
	assert_contains(capture_text(), "shared.groups:3:1: only %group and %lang lines");
	capture_stop();
	lexicon_set_free(set);
}

/* %lang: the codeframe's language, in shared.groups only. */
static void test_lexicon__lang(void **state)
{
	(void)state;
	lexicon_set *set = lexicon_set_new(st);
	assert_int_equal(set->lang, LANG_NL);
	const char *groups = "%lang en\n%group lack lack* missing\n";
	assert_int_equal(lexicon_parse_groups(set, "shared.groups", groups, strlen(groups)), 0);
	assert_int_equal(set->lang, LANG_EN);
	lexicon_set_free(set);
	assert_int_equal(lexicon_lang_of("shared.groups", groups, strlen(groups)), LANG_EN);
	assert_int_equal(lexicon_lang_of("shared.groups", "%group a b\n", 11), LANG_NL);
	capture_start();
	assert_int_equal(lexicon_lang_of("shared.groups", "\n%lang fr\n", 10), -1);
	assert_contains(capture_text(), "shared.groups:2:7: %lang is nl or en: the language of the labels and reports");
	capture_stop();
	error_is("%key t\n%lang en\nwoord\n",
		 "t.lex:2:1: %lang is the whole codeframe's: it belongs in shared.groups\n  %lang en\n  ^\n");
}

/* The hash of a set of parsed texts, each named as given. */
static void hash_of(const char *const *names, const char *const *texts, size_t n, char out[65])
{
	lexicon_set *set = lexicon_set_new(st);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(lexicon_parse_string(set, names[i], texts[i], strlen(texts[i]), 0), 0);
	lexicon_default_cues(set);
	lexicon_set_finish(set);
	memcpy(out, set->hash, 65);
	lexicon_set_free(set);
}

/* The lexicon hash depends on the files' names within their directory and
   their bytes, never on how the directory was named. */
static void test_lexicon__hash_is_the_files_not_the_path(void **state)
{
	(void)state;
	char want[65], got[65];
	lexicon_set *set = lexicon_load_dir("lexicons", st);
	assert_non_null(set);
	memcpy(want, set->hash, 65);
	lexicon_set_free(set);
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof(cwd) - 16));
	strcat(cwd, "/lexicons");
	const char *dirs[] = { "./lexicons", "lexicons/", "lexicons//", cwd };
	for (size_t i = 0; i < 4; i++) {
		set = lexicon_load_dir(dirs[i], st);
		assert_non_null(set);
		if (strcmp(set->hash, want))
			fail_msg("'%s' hashes to %s, 'lexicons' to %s", dirs[i], set->hash, want);
		lexicon_set_free(set);
	}
	/* from memory: the directory part of a name is left out ... */
	const char *texts[] = { "%key a\nregie\n", "%key b\nkennis\n" };
	const char *names1[] = { "x/a.lex", "x/b.lex" }, *names2[] = { "/y/z/a.lex", "b.lex" };
	hash_of(names1, texts, 2, want);
	hash_of(names2, texts, 2, got);
	assert_string_equal(got, want);
	/* ... but a file's own name and its bytes count */
	const char *names3[] = { "x/a.lex", "x/c.lex" };
	hash_of(names3, texts, 2, got);
	assert_string_not_equal(got, want);
	const char *texts2[] = { "%key a\nregie\n", "%key b\nkennis \n" };
	hash_of(names1, texts2, 2, got);
	assert_string_not_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexicon__every_rule_kind),
		cmocka_unit_test(test_lexicon__errors_name_file_line_and_column),
		cmocka_unit_test(test_lexicon__every_error_is_reported),
		cmocka_unit_test(test_lexicon__text_ends_in_a_veto_mark),
		cmocka_unit_test(test_lexicon__invalid_utf8),
		cmocka_unit_test(test_lexicon__negation_cues),
		cmocka_unit_test(test_lexicon__shipped_lexicons_load),
		cmocka_unit_test(test_lexicon__shared_groups),
		cmocka_unit_test(test_lexicon__lang),
		cmocka_unit_test(test_lexicon__hash_is_the_files_not_the_path),
	};
	return cmocka_run_group_tests_name("lexicon", tests, setup, teardown);
}
