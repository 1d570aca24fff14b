/*
 * test_coderun: the coding driver -- the same answers through every
 * source (lines, a CSV and a JSON Lines reader, a project) give the same
 * codes as the matcher gives each answer, on 1, 2 and 3 threads; the run
 * sink stores them as they are; ids, empty input, and each kind of error
 * (a bad answer in a later block, a malformed record, a missing column, a
 * full disk) with its message, the answers before it given and none after.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "unit.h"
#include "coderun.h"
#include "db.h"
#include "format.h"
#include "match.h"
#include "runstore.h"
#include "stem.h"
#include "store.h"

static const char regie_lex[] = "%key regie\n%label Regie\nregie\n\"geen sturing\" id=sturing\n";
static const char kennis_lex[] = "%key kennis\n%label Kennis\nkennis weight=0.1\nkunde weight=0.2\n";

/* Answers are made of these, numbered so that each is its own. */
static const char *const parts[] = {
	"Geen regie en geen sturing",
	"Te weinig kennis en kunde",
	"",
	"Regie: kennis ontbreekt, \"echt\"",
	"Niets hiervan",
	"De kennis van de regie is  goed\tgeregeld",
	"Café's zonder regie",
};
/* Enough for two blocks of lines (128 KiB), several of records and two of a project's. */
#define NANSWERS 4100

typedef struct fixture {
	char dir[64];       /* a folder of its own */
	char path[96];      /* the project database in it */
	db *d;
	stemmer *st;
	lexicon_set *set;
	char **text;        /* the answers; ids are 1..NANSWERS */
	strbuf want;        /* every answer as the matcher codes it, JSON Lines */
} fixture;

static fixture fx;

static int setup(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	snprintf(fx.dir, sizeof(fx.dir), "/tmp/qcode-coderun.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.path, sizeof(fx.path), "%s/p.db", fx.dir);
	fx.d = db_open(fx.path, DB_CREATE);
	if (!fx.d || db_exec(fx.d, "INSERT INTO imports(file, sha256, format, rows, created)"
				   " VALUES('a.csv', 'x', 'csv', 0, 'now')"))
		return -1;
	fx.text = xcalloc(NANSWERS, sizeof(*fx.text));
	size_t bytes = 0;
	sqlite3_stmt *st = db_prepare(fx.d, "INSERT INTO answers(ext_id, import_id, text) VALUES(?, 1, ?)");
	if (!st || db_begin(fx.d))
		return -1;
	for (size_t i = 0; i < NANSWERS; i++) {
		strbuf t;
		sb_init(&t);
		const char *p = parts[i % (sizeof(parts) / sizeof(*parts))];
		if (*p || i % 2)
			sb_addf(&t, "%s (%zu), zo staat het in de toelichting bij de vraag", p, i * 7919 % 1000);
		bytes += t.len + 1;
		fx.text[i] = sb_detach(&t);
		char id[16];
		snprintf(id, sizeof(id), "%zu", i + 1);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, fx.text[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (db_commit(fx.d) || bytes < (256u << 10))
		return -1; /* three blocks of lines */

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
	/* what the matcher makes of each answer, one at a time */
	matcher *m = matcher_new(fx.set, fx.st);
	match_result res;
	match_result_init(&res);
	coded_fmt *f = coded_fmt_new(OUT_JSONL, fx.set);
	sb_init(&fx.want);
	for (size_t i = 0; i < NANSWERS; i++) {
		if (matcher_code(m, fx.text[i], strlen(fx.text[i]), &res))
			return -1;
		char id[16];
		snprintf(id, sizeof(id), "%zu", i + 1);
		fmt_coded(&fx.want, f, id, strlen(id), fx.text[i], &res);
	}
	coded_fmt_free(f);
	match_result_release(&res);
	matcher_free(m);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(fx.d);
	lexicon_set_free(fx.set);
	stem_free(fx.st);
	sb_release(&fx.want);
	for (size_t i = 0; i < NANSWERS; i++)
		free(fx.text[i]);
	free(fx.text);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A file holding n bytes of s, at its start (the caller closes it). */
static FILE *file_of(const char *s, size_t n)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fflush(f), 0);
	rewind(f);
	assert_int_equal(lseek(fileno(f), 0, SEEK_SET), 0);
	return f;
}

/* The answers as an input of format (READ_LINES, READ_CSV, READ_JSONL);
   answer `bad` (from 1; 0 for none) ends in a byte that is not UTF-8. */
static void answers_as(int format, strbuf *out, size_t bad)
{
	strbuf tb;
	sb_init(&tb);
	if (format == READ_CSV)
		sb_adds(out, "id,text\r\n");
	for (size_t i = 0; i < NANSWERS; i++) {
		sb_reset(&tb);
		sb_adds(&tb, fx.text[i]);
		if (i + 1 == bad)
			sb_adds(&tb, "\xff");
		const char *t = tb.buf;
		if (format == READ_LINES) {
			sb_adds(out, t);
			sb_adds(out, i % 3 ? "\n" : "\r\n");
		} else if (format == READ_CSV) {
			sb_addf(out, "%zu,", i + 1);
			fmt_csv_field(out, t, strlen(t), ',');
			sb_adds(out, "\r\n");
		} else {
			sb_adds(out, "{\"text\": ");
			fmt_json_string(out, t, strlen(t));
			if (i % 2) /* the others are numbered as they come */
				sb_addf(out, ", \"id\": %zu", i + 1);
			sb_adds(out, "}\n");
		}
	}
	sb_release(&tb);
}

/* What a run gave: its result, its exit code, its output and messages. */
typedef struct outcome {
	int rc;
	int code;
	strbuf out;
	strbuf msg;
} outcome;

static void outcome_release(outcome *o)
{
	sb_release(&o->out);
	sb_release(&o->msg);
}

/* Run src (freed here) on threads into a JSON Lines stream (or format);
   o's messages are left empty for the caller. */
static void run_stream(code_source *src, int threads, int format, outcome *o)
{
	sb_init(&o->out);
	sb_init(&o->msg);
	assert_non_null(src);
	FILE *out = tmpfile();
	assert_non_null(out);
	pool *p = pool_new(fx.set, fx.st, threads);
	assert_non_null(p);
	code_stream_opts so = { format, 0, 0, 0 };
	code_sink *sink = code_sink_stream(out, "out", fx.set, &so);
	error_set_code(EXIT_OK);
	o->rc = code_run(p, src, sink);
	o->code = o->rc ? error_last_code() : 0;
	code_sink_free(sink);
	pool_free(p);
	code_source_free(src);
	assert_int_equal(fflush(out), 0);
	rewind(out);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), out)) > 0)
		sb_add(&o->out, buf, n);
	fclose(out);
}

/* Code text (n bytes) of format through its source; messages captured. */
static void code_input(int format, const char *text, size_t n, const read_policy *policy,
		       const char *id_prefix, int threads, outcome *o)
{
	FILE *in = file_of(text, n);
	reader *r = NULL;
	capture_start();
	code_source *src;
	if (format == READ_LINES) {
		src = code_source_lines(fileno(in), "in", id_prefix, policy);
	} else {
		read_opts ro = { format, 0, NULL, NULL, 0, policy };
		r = reader_open_with(in, "in", &ro);
		assert_non_null(r);
		src = code_source_reader(r, "in", NULL, NULL, id_prefix, policy);
	}
	run_stream(src, threads, OUT_JSONL, o);
	sb_adds(&o->msg, capture_text());
	capture_stop();
	reader_free(r);
	fclose(in);
}

static void test_coderun__every_source_the_same_codes(void **state)
{
	(void)state;
	static const int formats[] = { READ_LINES, READ_CSV, READ_JSONL };
	for (int threads = 1; threads <= 3; threads++) {
		for (size_t k = 0; k < 3; k++) {
			strbuf in;
			sb_init(&in);
			answers_as(formats[k], &in, 0);
			outcome o;
			code_input(formats[k], in.buf, in.len, NULL, NULL, threads, &o);
			assert_int_equal(o.rc, 0);
			assert_string_equal(o.msg.buf, "");
			if (o.out.len != fx.want.len || memcmp(o.out.buf, fx.want.buf, o.out.len))
				fail_msg("format %d on %d threads: not the matcher's codes", formats[k], threads);
			outcome_release(&o);
			sb_release(&in);
		}
		/* the project's answers */
		outcome o;
		capture_start();
		run_stream(code_source_project(fx.d, 0), threads, OUT_JSONL, &o);
		assert_string_equal(capture_text(), "");
		capture_stop();
		assert_int_equal(o.rc, 0);
		if (o.out.len != fx.want.len || memcmp(o.out.buf, fx.want.buf, o.out.len))
			fail_msg("the project on %d threads: not the matcher's codes", threads);
		outcome_release(&o);
	}
}

static long long one(const char *sql)
{
	sqlite3_stmt *st = db_prepare(fx.d, sql);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A run of the project on threads, made, coded and finished; its id. */
static long long code_project(int threads, int only_new, long *coded, long *stored, long *themed)
{
	assert_int_equal(db_begin(fx.d), 0);
	int created;
	long long run = runstore_next_id(fx.d), lex = runstore_lexicon_of(fx.d, fx.set, &created);
	code_source *src = code_source_project(fx.d, only_new);
	assert_non_null(src);
	long total = code_source_total(src);
	assert_int_equal(runstore_create(fx.d, run, lex, only_new, "0.1.0", fx.set), 0);
	assert_int_equal(db_commit(fx.d), 0);
	code_sink *sink = code_sink_run(fx.d, fx.set, run, NULL);
	assert_non_null(sink);
	pool *p = pool_new(fx.set, fx.st, threads);
	assert_int_equal(code_run(p, src, sink), 0);
	code_sink_run_counts(sink, coded, stored, themed);
	assert_int_equal(*coded, total);
	assert_int_equal(runstore_finish(fx.d, run, *stored, only_new), 0);
	pool_free(p);
	code_sink_free(sink);
	code_source_free(src);
	return run;
}

static void test_coderun__run_sink_stores_the_codes(void **state)
{
	(void)state;
	/* what the matcher gives, as rows: answer, theme, primary */
	matcher *m = matcher_new(fx.set, fx.st);
	match_result res;
	match_result_init(&res);
	strbuf want;
	sb_init(&want);
	long themed_want = 0;
	for (size_t i = 0; i < NANSWERS; i++) {
		assert_int_equal(matcher_code(m, fx.text[i], strlen(fx.text[i]), &res), 0);
		themed_want += res.ncoded > 0;
		for (size_t t = 0; t < fx.set->nthemes; t++)
			if (res.themes[t].coded)
				sb_addf(&want, "%zu|%s|%d;", i + 1, fx.set->themes[t].key, (int)t == res.primary);
	}
	match_result_release(&res);
	matcher_free(m);

	long long runs[3];
	for (int threads = 1; threads <= 3; threads++) {
		long coded, stored, themed;
		runs[threads - 1] = code_project(threads, 0, &coded, &stored, &themed);
		assert_int_equal(coded, NANSWERS);
		assert_int_equal(stored, NANSWERS);
		assert_int_equal(themed, themed_want);
		char sql[256];
		snprintf(sql, sizeof(sql), "SELECT group_concat(a.ext_id || '|' || c.theme || '|' || c.is_primary, ';')"
			 " || ';' FROM (SELECT * FROM codes WHERE run_id = %lld ORDER BY answer_id, theme) c"
			 " JOIN answers a ON a.id = c.answer_id", runs[threads - 1]);
		sqlite3_stmt *st = db_prepare(fx.d, sql);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want.buf);
		sqlite3_finalize(st);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM coded WHERE run_id = %lld", runs[threads - 1]);
		assert_int_equal(one(sql), NANSWERS);
	}
	/* the evidence is the same whatever the threads */
	assert_int_equal(one("SELECT count(*) FROM (SELECT answer_id, theme, rule_id, start, end FROM evidence"
			     " WHERE run_id = 1 EXCEPT SELECT answer_id, theme, rule_id, start, end FROM evidence"
			     " WHERE run_id = 3)"), 0);
	assert_true(one("SELECT count(*) FROM evidence WHERE run_id = 3") > 0);
	/* nothing new: an empty source, and no block */
	long coded, stored, themed;
	code_project(2, 1, &coded, &stored, &themed);
	assert_int_equal(coded, 0);
	assert_int_equal(stored, 0);
	sb_release(&want);
}

static void test_coderun__ids(void **state)
{
	(void)state;
	/* lines: numbers after the prefix, a BOM and line ends left out */
	static const char lines[] = "\xef\xbb\xbfGeen regie\r\n\nkennis";
	outcome o;
	code_input(READ_LINES, lines, sizeof(lines) - 1, NULL, "s3-", 2, &o);
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.out.buf,
			    "{\"id\":\"s3-1\",\"primary\":\"regie\",\"themes\":[\"regie\"],\"scores\":{\"regie\":1},"
			    "\"evidence\":[{\"theme\":\"regie\",\"rule\":\"regie\",\"start\":5,\"end\":10,\"text\":\"regie\"}]}\n"
			    "{\"id\":\"s3-2\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[]}\n"
			    "{\"id\":\"s3-3\",\"primary\":\"kennis\",\"themes\":[\"kennis\"],\"scores\":{\"kennis\":0.1},"
			    "\"evidence\":[{\"theme\":\"kennis\",\"rule\":\"kennis\",\"start\":0,\"end\":6,\"text\":\"kennis\"}]}\n");
	outcome_release(&o);
	/* JSON Lines: the id as given, else the record's number after the prefix */
	static const char jl[] = "{\"id\":\"a7\",\"text\":\"x\"}\n\n{\"text\":\"y\"}\n{\"id\":12,\"text\":\"z\"}\n";
	code_input(READ_JSONL, jl, sizeof(jl) - 1, NULL, "p", 1, &o);
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.out.buf, "{\"id\":\"a7\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[]}\n"
				       "{\"id\":\"p2\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[]}\n"
				       "{\"id\":\"12\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[]}\n");
	outcome_release(&o);
}

static void test_coderun__empty_input(void **state)
{
	(void)state;
	static const int formats[] = { READ_LINES, READ_CSV, READ_JSONL };
	static const char *const inputs[] = { "", "id,text\n", "\n\n" };
	for (size_t k = 0; k < 3; k++) {
		for (int threads = 1; threads <= 2; threads++) {
			outcome o;
			code_input(formats[k], inputs[k], strlen(inputs[k]), NULL, NULL, threads, &o);
			assert_int_equal(o.rc, 0);
			assert_string_equal(o.out.buf, "");
			assert_string_equal(o.msg.buf, "");
			outcome_release(&o);
		}
	}
	/* a table has its header all the same */
	FILE *in = file_of("", 0);
	outcome o;
	run_stream(code_source_lines(fileno(in), "in", NULL, NULL), 2, OUT_TSV, &o);
	fclose(in);
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.out.buf, "id\tprimary\tthemes\tscores\tevidence\n");
	outcome_release(&o);
}

/* The first n lines of the matcher's codes. */
static size_t want_lines(size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len = (size_t)((char *)memchr(fx.want.buf + len, '\n', fx.want.len - len) - fx.want.buf) + 1;
	return len;
}

static void test_coderun__bad_answer_in_a_later_block(void **state)
{
	(void)state;
	static const read_policy strict = { 0, "use --lenient to replace invalid bytes" };
	static const read_policy lenient = { 1, "use --lenient to replace invalid bytes" };
	size_t bad = 3001; /* in the second block of lines, the sixth of records */
	for (int format = READ_LINES; format <= READ_CSV; format++) {
		strbuf in;
		sb_init(&in);
		answers_as(format, &in, bad);
		size_t row = bad + (format == READ_CSV); /* the header is row 1 */
		for (int threads = 1; threads <= 3; threads++) {
			outcome o;
			code_input(format, in.buf, in.len, &strict, NULL, threads, &o);
			assert_int_equal(o.rc, -1);
			assert_int_equal(o.code, EXIT_INPUT);
			/* the answers before it, none after */
			size_t n = want_lines(bad - 1);
			if (o.out.len != n || memcmp(o.out.buf, fx.want.buf, n))
				fail_msg("format %d, %d threads: %zu bytes out, want %zu", format, threads, o.out.len, n);
			char msg[200];
			snprintf(msg, sizeof(msg), "in:%zu: invalid UTF-8 at byte offset %zu of the answer%s "
				 "(use --lenient to replace invalid bytes)\n", row, strlen(fx.text[bad - 1]),
				 format == READ_CSV ? " in column 'text'" : "");
			assert_string_equal(o.msg.buf, msg);
			outcome_release(&o);
		}
		/* lenient: every answer, that one with U+FFFD, and a warning */
		outcome o;
		code_input(format, in.buf, in.len, &lenient, NULL, 2, &o);
		assert_int_equal(o.rc, 0);
		size_t lines = 0;
		for (size_t i = 0; i < o.out.len; i++)
			lines += o.out.buf[i] == '\n';
		assert_int_equal(lines, NANSWERS);
		char msg[200];
		snprintf(msg, sizeof(msg), "qcode: warning: in:%zu: replaced 1 invalid byte%s with U+FFFD\n", row,
			 format == READ_CSV ? " in column 'text'" : "");
		assert_string_equal(o.msg.buf, msg);
		outcome_release(&o);
		sb_release(&in);
	}
}

static void test_coderun__bad_records(void **state)
{
	(void)state;
	/* a malformed record: the records before it are coded, then the error */
	static const char csv[] = "id,text\n1,Geen regie\n2,kennis\n3,\"open\n";
	for (int threads = 1; threads <= 2; threads++) {
		outcome o;
		code_input(READ_CSV, csv, sizeof(csv) - 1, NULL, NULL, threads, &o);
		assert_int_equal(o.rc, -1);
		assert_int_equal(o.code, EXIT_INPUT);
		assert_string_equal(o.msg.buf, "in:4: unterminated quoted field\n");
		assert_int_equal(o.out.buf[0], '{');
		assert_non_null(strstr(o.out.buf, "\"id\":\"2\""));
		assert_null(strstr(o.out.buf, "\"id\":\"3\""));
		outcome_release(&o);
	}
	static const char jl[] = "{\"text\":\"a\"}\n{\"tekst\":\"b\"}\n{\"text\":\"c\"}\n";
	outcome o;
	code_input(READ_JSONL, jl, sizeof(jl) - 1, NULL, NULL, 1, &o);
	assert_int_equal(o.rc, -1);
	assert_string_equal(o.msg.buf, "in:2: no key 'text' in this record (its keys are: tekst)\n");
	assert_string_equal(o.out.buf, "{\"id\":\"1\",\"primary\":null,\"themes\":[],\"scores\":{},\"evidence\":[]}\n");
	outcome_release(&o);

	/* columns that are not there */
	static const char head[] = "nr,antwoord\n1,x\n";
	FILE *in = file_of(head, sizeof(head) - 1);
	reader *r = reader_open(in, "in.csv", READ_CSV, 0, NULL);
	capture_start();
	assert_null(code_source_reader(r, "in.csv", NULL, NULL, NULL, NULL));
	assert_string_equal(capture_text(), "qcode: error: in.csv: no column 'text' (name the answers' column with --text COL); the columns are: nr, antwoord\n");
	capture_start();
	assert_null(code_source_reader(r, "in.csv", "antwoord", "id", NULL, NULL));
	assert_string_equal(capture_text(), "qcode: error: in.csv: no column 'id'; the columns are: nr, antwoord\n");
	capture_stop();
	code_source *src = code_source_reader(r, "in.csv", "antwoord", "nr", NULL, NULL);
	assert_non_null(src);
	code_source_free(src);
	reader_free(r);
	fclose(in);
}

static void test_coderun__write_error(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	strbuf in;
	sb_init(&in);
	answers_as(READ_LINES, &in, 0);
	FILE *f = file_of(in.buf, in.len);
	pool *p = pool_new(fx.set, fx.st, 2);
	code_stream_opts so = { OUT_JSONL, 0, 0, 1 };
	capture_start();
	code_sink *sink = code_sink_stream(full, "full", fx.set, &so);
	code_source *src = code_source_lines(fileno(f), "in", NULL, NULL);
	assert_int_equal(code_run(p, src, sink), -1);
	assert_int_equal(error_last_code(), EXIT_IO);
	assert_string_equal(capture_text(), "qcode: error: cannot write 'full': No space left on device\n");
	capture_stop();
	code_source_free(src);
	code_sink_free(sink);
	pool_free(p);
	fclose(f);
	fclose(full);
	sb_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coderun__every_source_the_same_codes),
		cmocka_unit_test(test_coderun__run_sink_stores_the_codes),
		cmocka_unit_test(test_coderun__ids),
		cmocka_unit_test(test_coderun__empty_input),
		cmocka_unit_test(test_coderun__bad_answer_in_a_later_block),
		cmocka_unit_test(test_coderun__bad_records),
		cmocka_unit_test(test_coderun__write_error),
	};
	return cmocka_run_group_tests_name("coderun", tests, setup, teardown);
}
