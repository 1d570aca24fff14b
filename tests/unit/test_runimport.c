/*
 * test_runimport: codes made elsewhere stored as a run -- the same rows a
 * run coded here stores (runstore), the checks (ids, stamps, themes and
 * rules, evidence against the stored text, duplicates, missing answers)
 * with their messages, and a project left as it was after any failure.
 */
#include <stdio.h>
#include <unistd.h>

#include "unit.h"
#include "db.h"
#include "format.h"
#include "match.h"
#include "runimport.h"
#include "runstore.h"
#include "stem.h"
#include "store.h"

static const char regie_lex[] = "%key regie\n%label Regie\nregie\n\"geen sturing\" id=sturing\n";
static const char kennis_lex[] = "%key kennis\n%label Kennis\nkennis weight=0.1\nkunde weight=0.2\n";

/* The answers of the test project: id, text. */
static const char *const answers[][2] = {
	{ "a1", "Geen regie en geen sturing." },
	{ "a2", "Te weinig kennis en kunde." },
	{ "a3", "" },
	{ "a4", "Regie: kennis ontbreekt." },
	{ "a5", "Niets hiervan." },
};
#define NANSWERS (sizeof(answers) / sizeof(*answers))

typedef struct fixture {
	char dir[64];       /* a folder of its own */
	char path[96];      /* the project database in it */
	db *d;
	stemmer *st;
	lexicon_set *set;
	matcher *m;         /* the one matcher of st (it keeps its notes in the word table) */
	strbuf codes;       /* every answer coded, stamped, as `qcode code --stamp` writes it */
} fixture;

static fixture fx;

static long long one(const char *sql)
{
	sqlite3_stmt *st = db_prepare(fx.d, sql);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *text1(const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st = db_prepare(fx.d, sql);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	snprintf(fx.dir, sizeof(fx.dir), "/tmp/qcode-runimport.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.path, sizeof(fx.path), "%s/p.db", fx.dir);
	fx.d = db_open(fx.path, DB_CREATE);
	if (!fx.d || db_exec(fx.d, "INSERT INTO imports(file, sha256, format, rows, created)"
				   " VALUES('a.csv', 'x', 'csv', 5, 'now')"))
		return -1;
	sqlite3_stmt *st = db_prepare(fx.d, "INSERT INTO answers(ext_id, import_id, text) VALUES(?, 1, ?)");
	for (size_t i = 0; i < NANSWERS; i++) {
		sqlite3_bind_text(st, 1, answers[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, answers[i][1], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	fx.st = stem_new(NULL);
	fx.set = lexicon_set_new(fx.st);
	lexicon_add_vocab(fx.set, regie_lex, strlen(regie_lex));
	lexicon_add_vocab(fx.set, kennis_lex, strlen(kennis_lex));
	if (lexicon_parse_string(fx.set, "regie.lex", regie_lex, strlen(regie_lex), 1) ||
	    lexicon_parse_string(fx.set, "kennis.lex", kennis_lex, strlen(kennis_lex), 1))
		return -1;
	lexicon_default_cues(fx.set);
	if (lexicon_set_finish(fx.set))
		return -1;
	/* the stream's records, as `qcode code --stamp` writes them */
	matcher *m = fx.m = matcher_new(fx.set, fx.st);
	match_result res;
	match_result_init(&res);
	coded_fmt *f = coded_fmt_new(OUT_JSONL, fx.set);
	coded_fmt_set_stamp(f, fx.set->hash, stem_description(), "0.1.0");
	sb_init(&fx.codes);
	for (size_t i = 0; i < NANSWERS; i++) {
		if (matcher_code(m, answers[i][1], strlen(answers[i][1]), &res))
			return -1;
		fmt_coded(&fx.codes, f, answers[i][0], strlen(answers[i][0]), answers[i][1], &res);
	}
	coded_fmt_free(f);
	match_result_release(&res);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(fx.d);
	matcher_free(fx.m);
	lexicon_set_free(fx.set);
	stem_free(fx.st);
	sb_release(&fx.codes);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Import text as input "codes.jsonl"; the result code. */
static int import(const char *text, int force, int allow_missing, runimport_result *res)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	runimport_opts o = { "codes.jsonl", force, allow_missing, "0.1.0" };
	int rc = runimport_file(fx.d, fx.set, f, &o, res);
	fclose(f);
	return rc;
}

/* The input with line `line` (1-based) run through sed-like replace. */
static char *edit(const char *text, int line, const char *from, const char *to)
{
	strbuf out;
	sb_init(&out);
	int n = 1;
	for (const char *p = text; *p; n++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
		char *l = xstrndup(p, len);
		char *at = n == line ? strstr(l, from) : NULL;
		if (line && n == line)
			assert_non_null(at);
		if (at) {
			sb_add(&out, l, (size_t)(at - l));
			sb_adds(&out, to);
			sb_adds(&out, at + strlen(from));
		} else {
			sb_adds(&out, l);
		}
		free(l);
		p += len;
	}
	return sb_detach(&out);
}

/* The whole project as rows, to see that a failure left it as it was. */
static long long project_rows(void)
{
	return one("SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM run_themes)"
		   " + (SELECT count(*) FROM coded) + (SELECT count(*) FROM codes)"
		   " + (SELECT count(*) FROM evidence) + (SELECT count(*) FROM latest_runs)"
		   " + (SELECT count(*) FROM lexicon_versions)");
}

/* A failed import: rc -1 with code and exactly msg, nothing changed. */
static void expect_failure(const char *text, int force, int allow_missing, int code, const char *msg)
{
	long long before = project_rows();
	runimport_result res;
	capture_start();
	int rc = import(text, force, allow_missing, &res);
	if (rc != -1 || strcmp(capture_text(), msg))
		fail_msg("import gave %d and '%s', wanted -1 and '%s'", rc, capture_text(), msg);
	capture_stop();
	assert_int_equal(error_last_code(), code);
	assert_int_equal(project_rows(), before);
	assert_int_equal(one("SELECT count(*) FROM runs WHERE finished IS NULL"), 0);
}

/* Store the answers' codes as a run coded here does (runstore from match
   results); its number. */
static long long local_run(void)
{
	matcher *m = fx.m;
	match_result res;
	match_result_init(&res);
	int created;
	assert_int_equal(db_begin(fx.d), 0);
	long long run = runstore_next_id(fx.d);
	long long lex = runstore_lexicon_of(fx.d, fx.set, &created);
	assert_int_equal(runstore_create(fx.d, run, lex, 0, "0.1.0", fx.set), 0);
	runstore_writer w;
	assert_int_equal(runstore_writer_init(&w, fx.d, run), 0);
	for (size_t i = 0; i < NANSWERS; i++) {
		assert_int_equal(matcher_code(m, answers[i][1], strlen(answers[i][1]), &res), 0);
		assert_int_equal(runstore_answer(&w, (long long)i + 1), 1);
		assert_int_equal(runstore_result(&w, (long long)i + 1, fx.set, &res), 0);
	}
	runstore_writer_release(&w);
	assert_int_equal(db_commit(fx.d), 0);
	assert_int_equal(runstore_finish(fx.d, run, NANSWERS, 0), 0);
	match_result_release(&res);
	return run;
}

/* Rows of run a's table that run b lacks, either way. */
static long long differ(const char *cols, const char *table, long long a, long long b)
{
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT (SELECT count(*) FROM (SELECT %1$s FROM %2$s WHERE run_id = %3$lld EXCEPT"
		 " SELECT %1$s FROM %2$s WHERE run_id = %4$lld)) + (SELECT count(*) FROM (SELECT %1$s"
		 " FROM %2$s WHERE run_id = %4$lld EXCEPT SELECT %1$s FROM %2$s WHERE run_id = %3$lld))",
		 cols, table, a, b);
	return one(sql);
}

static void test_runimport__stores_what_a_local_run_stores(void **state)
{
	(void)state;
	long long local = local_run();
	runimport_result res;
	assert_int_equal(import(fx.codes.buf, 0, 0, &res), 0);
	long long run = res.run;
	assert_int_equal(run, local + 1);
	assert_int_equal(res.answers, 5);
	assert_int_equal(res.with_theme, 3);
	assert_int_equal(res.missing, 0);
	assert_string_equal(res.lexicon, fx.set->hash);
	runimport_result_release(&res);
	/* answer for answer, theme for theme (score and primary), span for span */
	assert_int_equal(differ("answer_id", "coded", local, run), 0);
	assert_int_equal(differ("answer_id, theme, score, is_primary", "codes", local, run), 0);
	assert_int_equal(differ("answer_id, theme, rule_id, start, end", "evidence", local, run), 0);
	assert_int_equal(differ("idx, key, label", "run_themes", local, run), 0);
	assert_int_equal(one("SELECT count(*) FROM evidence WHERE run_id = 2"), 6);
	/* 0.1 + 0.2, read back as the number coding made */
	assert_int_equal(one("SELECT count(*) FROM codes WHERE run_id = 2 AND theme = 'kennis'"
			     " AND score = 0.1 + 0.2"), 1);
	/* finished, the answers' latest, the same lexicon version */
	assert_int_equal(one("SELECT count(*) FROM latest_runs WHERE run_id = 2"), 5);
	assert_int_equal(one("SELECT count(*) FROM runs WHERE id = 2 AND finished IS NOT NULL AND"
			     " answers = 5 AND only_new = 0 AND lexicon_id = 1 AND qcode_version = '0.1.0'"),
			 1);
	assert_int_equal(one("SELECT count(*) FROM lexicon_versions"), 1);
	char buf[128];
	assert_string_equal(text1("SELECT stemmer FROM lexicon_versions", buf, sizeof(buf)),
			    stem_description());
}

static void test_runimport__shards_in_any_order(void **state)
{
	(void)state;
	/* the last line first, and blank lines between */
	const char *last = strrchr(fx.codes.buf, '\n');
	while (last > fx.codes.buf && last[-1] != '\n')
		last--;
	strbuf in;
	sb_init(&in);
	sb_adds(&in, last);
	sb_adds(&in, "\n  \n");
	sb_add(&in, fx.codes.buf, (size_t)(last - fx.codes.buf));
	runimport_result res;
	assert_int_equal(import(in.buf, 0, 0, &res), 0);
	assert_int_equal(differ("answer_id, theme, score, is_primary", "codes", 1, res.run), 0);
	assert_int_equal(differ("answer_id, theme, rule_id, start, end", "evidence", 1, res.run), 0);
	runimport_result_release(&res);
	sb_release(&in);
}

static void test_runimport__unknown_ids_counted(void **state)
{
	(void)state;
	char *a = edit(fx.codes.buf, 2, "\"id\":\"a2\"", "\"id\":\"x2\"");
	char *b = edit(a, 4, "\"id\":\"a4\"", "\"id\":\"x4\"");
	char msg[256];
	snprintf(msg, sizeof(msg),
		 "qcode: error: codes.jsonl: 2 ids are not answers of the project '%s' (the first: 'x2', "
		 "line 2): import codes into the project whose answers were coded\n", fx.path);
	expect_failure(b, 0, 0, EXIT_INPUT, msg);
	free(a);
	free(b);
}

static void test_runimport__stamp_is_the_lexicons(void **state)
{
	(void)state;
	char other[65];
	snprintf(other, sizeof(other), "%s", fx.set->hash);
	other[0] = other[0] == 'a' ? 'b' : 'a';
	char from[80], to[80];
	snprintf(from, sizeof(from), "\"lexicon\":\"%s\"", fx.set->hash);
	snprintf(to, sizeof(to), "\"lexicon\":\"%s\"", other);
	char *all = edit(fx.codes.buf, 0, "", ""); /* a copy */
	for (int i = 1; i <= 5; i++) {
		char *next = edit(all, i, from, to);
		free(all);
		all = next;
	}
	char msg[512];
	snprintf(msg, sizeof(msg),
		 "codes.jsonl:1: the codes were made with lexicons %s and stemmer '%s'; the lexicons here "
		 "are %s with stemmer '%s': code again with these, or import with --force-lexicons\n",
		 other, stem_description(), fx.set->hash, stem_description());
	expect_failure(all, 0, 0, EXIT_INPUT, msg);

	/* forced: stored, as made with the stamp's lexicons */
	runimport_result res;
	assert_int_equal(import(all, 1, 0, &res), 0);
	assert_string_equal(res.lexicon, other);
	assert_int_equal(res.other_stamp, 5);
	char sql[200], buf[80];
	snprintf(sql, sizeof(sql), "SELECT l.hash FROM runs r JOIN lexicon_versions l ON l.id = r.lexicon_id"
		 " WHERE r.id = %lld", res.run);
	assert_string_equal(text1(sql, buf, sizeof(buf)), other);
	runimport_result_release(&res);

	/* forced, but two codeframes: never one run */
	char *mixed = edit(fx.codes.buf, 3, from, to);
	snprintf(msg, sizeof(msg),
		 "codes.jsonl:3: the codes were made with lexicons %s (stemmer '%s'), those of line 1 with "
		 "%s (stemmer '%s'): a run holds the codes of one codeframe\n",
		 other, stem_description(), fx.set->hash, stem_description());
	expect_failure(mixed, 1, 0, EXIT_INPUT, msg);

	/* no stamp: what coded it is unknown */
	char *bare = edit(fx.codes.buf, 2, ",\"stamp\":", ",\"stump\":");
	expect_failure(bare, 0, 0, EXIT_INPUT,
		       "codes.jsonl:2: the codes of 'a2' have no stamp, so what coded them is unknown: code "
		       "with 'qcode code --stamp', or import with --force-lexicons\n");
	free(all);
	free(mixed);
	free(bare);
}

static void test_runimport__themes_and_rules_are_the_lexicons(void **state)
{
	(void)state;
	char *a = edit(fx.codes.buf, 1, "\"rule\":\"regie\"", "\"rule\":\"regiee\"");
	expect_failure(a, 0, 0, EXIT_INPUT,
		       "codes.jsonl:1: rule 'regiee' of 'a1' is not a rule of theme 'regie' in the lexicons\n");
	/* every "regie" of line 1 made "beleid": forced, the theme
	   must still be one of these lexicons' */
	char *b = edit(fx.codes.buf, 0, "", "");
	for (int i = 0; i < 7; i++) { /* the evidence's text too */
		char *next = edit(b, 1, "\"regie\"", "\"beleid\"");
		free(b);
		b = next;
	}
	expect_failure(b, 1, 0, EXIT_INPUT,
		       "codes.jsonl:1: theme 'beleid' of 'a1' is not a theme of the lexicons\n");
	free(a);
	free(b);
}

static void test_runimport__evidence_is_the_stored_text(void **state)
{
	(void)state;
	/* a1: "Geen regie en geen sturing.": regie at 5-10 */
	char *a = edit(fx.codes.buf, 1, "\"start\":5,\"end\":10", "\"start\":4,\"end\":9");
	expect_failure(a, 0, 0, EXIT_INPUT,
		       "codes.jsonl:1: evidence 1 of 'a1' (theme 'regie', rule 'regie') at bytes 4-9 is "
		       "'regie' in the record but ' regi' in the answer: were the codes made from another "
		       "text?\n");
	char *b = edit(fx.codes.buf, 1, "\"start\":5,\"end\":10", "\"start\":5,\"end\":100");
	expect_failure(b, 0, 0, EXIT_INPUT,
		       "codes.jsonl:1: evidence 1 of 'a1' (theme 'regie', rule 'regie') at bytes 5-100 lies "
		       "outside its text (27 bytes): were the codes made from another text?\n");
	free(a);
	free(b);
}

static void test_runimport__duplicates_and_missing(void **state)
{
	(void)state;
	/* a2's line again at the end */
	const char *l2 = strchr(fx.codes.buf, '\n') + 1;
	strbuf in;
	sb_init(&in);
	sb_adds(&in, fx.codes.buf);
	sb_add(&in, l2, (size_t)(strchr(l2, '\n') + 1 - l2));
	expect_failure(in.buf, 0, 0, EXIT_INPUT,
		       "qcode: error: codes.jsonl: 1 answer is coded more than once (the first: 'a2', again "
		       "at line 6): was a block coded twice?\n");
	/* the last two lines lost */
	sb_reset(&in);
	const char *p = fx.codes.buf;
	for (int i = 0; i < 3; i++)
		p = strchr(p, '\n') + 1;
	sb_add(&in, fx.codes.buf, (size_t)(p - fx.codes.buf));
	expect_failure(in.buf, 0, 0, EXIT_INPUT,
		       "qcode: error: codes.jsonl: 2 answers of the project have no codes in it (the first: "
		       "'a4'): was a block of the coding lost? code them too, or import with --allow-missing "
		       "to make a run of the answers that are there\n");
	/* allowed: a run of part of the answers; the others keep their latest run */
	long long before = one("SELECT max(id) FROM runs");
	runimport_result res;
	assert_int_equal(import(in.buf, 0, 1, &res), 0);
	assert_int_equal(res.run, before + 1);
	assert_int_equal(res.answers, 3);
	assert_int_equal(res.missing, 2);
	assert_string_equal(res.first_missing, "a4");
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM runs WHERE id = %lld AND only_new = 1 AND answers = 3",
		 res.run);
	assert_int_equal(one(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM latest_runs WHERE run_id = %lld", res.run);
	assert_int_equal(one(sql), 3);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM latest_runs l JOIN answers a ON a.id = l.answer_id"
		 " WHERE a.ext_id IN ('a4', 'a5') AND l.run_id = %lld", before);
	assert_int_equal(one(sql), 2);
	runimport_result_release(&res);
	/* nothing at all */
	expect_failure("\n\n", 0, 1, EXIT_INPUT, "qcode: error: codes.jsonl: there are no coded answers in it\n");
	sb_release(&in);
}

/* Lines that are no coded answer, and what is said about them. */
static void test_runimport__parse_says_what_is_wrong(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
		{ "nope", "x:3: not JSON: '[' or '{' expected near 'nope'\n" },
		{ "[1]", "x:3: a coded answer is a JSON object, not an array\n" },
		{ "{\"text\":\"a\"}", "x:3: no key 'id' in this record\n" },
		{ "{\"id\":7}", "x:3: key 'id' of this record holds a number, not text\n" },
		{ "{\"id\":\"a\",\"primary\":null,\"themes\":[]}",
		  "x:3: no key 'scores' in this record (a coded answer as 'qcode code' writes it)\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{}}",
		  "x:3: theme 'r' has no score\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":\"1\"}}",
		  "x:3: the score of theme 'r' holds text, not a number\n" },
		{ "{\"id\":\"a\",\"primary\":null,\"themes\":[\"r\"],\"scores\":{\"r\":1}}",
		  "x:3: it has themes but no primary theme\n" },
		{ "{\"id\":\"a\",\"primary\":\"k\",\"themes\":[\"r\"],\"scores\":{\"r\":1}}",
		  "x:3: the primary theme 'k' is not among its themes\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\",\"r\"],\"scores\":{\"r\":1}}",
		  "x:3: theme 'r' is listed twice\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":1,\"k\":2}}",
		  "x:3: a score for theme 'k', which is not among its themes\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":1},\"evidence\":"
		  "[{\"theme\":\"k\",\"rule\":\"x\",\"start\":0,\"end\":1,\"text\":\"a\"}]}",
		  "x:3: evidence 1 is of theme 'k', which is not among its themes\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":1},\"evidence\":"
		  "[{\"theme\":\"r\",\"rule\":\"x\",\"start\":-1,\"end\":1,\"text\":\"a\"}]}",
		  "x:3: key 'start' of evidence 1 holds a negative number, not a byte offset\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":1},\"evidence\":"
		  "[{\"theme\":\"r\",\"rule\":\"x\",\"start\":3,\"end\":1,\"text\":\"a\"}]}",
		  "x:3: evidence 1 ends (1) before it starts (3)\n" },
		{ "{\"id\":\"a\",\"primary\":\"r\",\"themes\":[\"r\"],\"scores\":{\"r\":1},\"evidence\":"
		  "[{\"theme\":\"r\",\"rule\":\"x\",\"start\":0,\"end\":1}]}",
		  "x:3: no key 'text' in evidence 1\n" },
		{ "{\"id\":\"a\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[],\"stamp\":"
		  "{\"lexicon\":\"h\"}}",
		  "x:3: no key 'stemmer' in the stamp\n" },
	};
	runimport_record r;
	runimport_record_init(&r);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		capture_start();
		int rc = runimport_parse(&r, "x", 3, bad[i][0], strlen(bad[i][0]));
		if (rc != -1 || strcmp(capture_text(), bad[i][1]))
			fail_msg("'%s' gave %d and '%s', wanted '%s'", bad[i][0], rc, capture_text(), bad[i][1]);
		capture_stop();
	}
	/* and a good one, with its parts */
	const char *good = "{\"id\":\"a\\u0000b\",\"primary\":\"r\",\"themes\":[\"k\",\"r\"],\"scores\":"
			   "{\"k\":0.30000000000000004,\"r\":2},\"evidence\":[{\"theme\":\"r\",\"rule\":\"x y\","
			   "\"start\":0,\"end\":3,\"text\":\"a\\u0000b\"}],\"stamp\":{\"lexicon\":\"h\","
			   "\"stemmer\":\"s\",\"qcode\":\"v\"}}";
	assert_int_equal(runimport_parse(&r, "x", 1, good, strlen(good)), 0);
	assert_int_equal(r.id_len, 3);
	assert_memory_equal(r.id, "a\0b", 3);
	assert_int_equal(r.ncodes, 2);
	assert_true(r.codes[0].score == 0.1 + 0.2 && !r.codes[0].primary);
	assert_true(r.codes[1].score == 2 && r.codes[1].primary);
	assert_int_equal(r.nev, 1);
	assert_int_equal(r.ev[0].text_len, 3);
	assert_string_equal(r.lexicon, "h");
	assert_string_equal(r.qcode, "v");
	runimport_record_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runimport__stores_what_a_local_run_stores),
		cmocka_unit_test(test_runimport__shards_in_any_order),
		cmocka_unit_test(test_runimport__unknown_ids_counted),
		cmocka_unit_test(test_runimport__stamp_is_the_lexicons),
		cmocka_unit_test(test_runimport__themes_and_rules_are_the_lexicons),
		cmocka_unit_test(test_runimport__evidence_is_the_stored_text),
		cmocka_unit_test(test_runimport__duplicates_and_missing),
		cmocka_unit_test(test_runimport__parse_says_what_is_wrong),
	};
	return cmocka_run_group_tests_name("runimport", tests, setup, teardown);
}
