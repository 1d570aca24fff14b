/*
 * test_api: the JSON behind `qcode serve` on a small project made in SQL --
 * answers come back as JSON text (markup in them is text, never closes a
 * script), a decision is answered as saved only with its row in the log,
 * an accept of what has changed since is refused, a blind session sees
 * neither the machine's codes nor another coder's, a coder must be named
 * and named sensibly; and the text cut into pieces by its evidence.
 */
#include <jansson.h>
#include <unistd.h>

#include "unit.h"
#include "api.h"
#include "serve.h"
#include "store.h"

#define HOSTILE "Bad <script>alert(1)</script> & \xe2\x80\xae mirrored"

static char db_file[64];

/* Two answers, one run with themes a and b, evidence on the first answer. */
static db *make_project(void)
{
	snprintf(db_file, sizeof(db_file), "/tmp/qcode-test-api.%d.db", (int)getpid());
	unlink(db_file);
	db *d = db_open(db_file, DB_CREATE);
	assert_non_null(d);
	assert_int_equal(db_exec(d,
		"INSERT INTO imports VALUES(1, 'a.csv', 'x', 'csv', NULL, 2, '2026-01-01T00:00:00Z');"
		"INSERT INTO answers VALUES(1, 'r1', 1, 'Regie en kennis ontbreken', 0);"
		"INSERT INTO answers VALUES(2, 'r2<b>', 1, '" HOSTILE "', 0);"
		"INSERT INTO attributes VALUES(2, 'group', '<i>g</i>');"
		"INSERT INTO lexicon_versions VALUES(1, 'abc', 'dutch', '', '2026-01-01T00:00:00Z');"
		"INSERT INTO runs VALUES(1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 2, 0, 'test');"
		"INSERT INTO run_themes VALUES(1, 0, 'a', 'Theme A'), (1, 1, 'b', 'Theme B');"
		"INSERT INTO coded VALUES(1, 1), (1, 2);"
		"INSERT INTO latest_runs VALUES(1, 1), (2, 1);"
		"INSERT INTO codes VALUES(1, 1, 'a', 2.5, 1), (1, 1, 'b', 1, 0);"
		"INSERT INTO evidence VALUES(1, 1, 'a', 'regie-rule', 0, 5), (1, 1, 'b', 'kennis-rule', 9, 15);"),
		0);
	return d;
}

static void drop_project(db *d)
{
	db_close(d);
	char p[80];
	unlink(db_file);
	snprintf(p, sizeof(p), "%s-wal", db_file);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db_file);
	unlink(p);
}

/* Call the API as the server would after its checks; the body parsed into *out. */
static int call(api *a, serve_session *s, const char *method, const char *path, const serve_kv *args,
		size_t nargs, const char *body, json_t **out)
{
	serve_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.args = args;
	rq.nargs = nargs;
	rq.body = body;
	rq.body_len = body ? strlen(body) : 0;
	serve_response rs;
	serve_response_init(&rs);
	api_handle(a, s, &rq, &rs);
	json_error_t je;
	*out = json_loads(rs.body.buf, 0, &je);
	if (!*out)
		fail_msg("not JSON: %s", rs.body.buf);
	/* markup from an answer never closes a script it might be put in */
	assert_null(strstr(rs.body.buf, "</"));
	int status = rs.status;
	serve_response_release(&rs);
	return status;
}

static long count_decisions(db *d)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT count(*) FROM decisions");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static serve_session session(const char *coder, int blind)
{
	serve_session s;
	memset(&s, 0, sizeof(s));
	snprintf(s.coder, sizeof(s.coder), "%s", coder);
	s.blind = blind;
	return s;
}

static void test_api__answer_text_is_json_text(void **state)
{
	(void)state;
	db *d = make_project();
	api a = { d, NULL, NULL, "test", 0 };
	serve_session s = session("anna", 0);
	serve_kv id2 = { "id", "2" };
	json_t *j;
	assert_int_equal(call(&a, &s, "GET", "/api/answer", &id2, 1, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "text")), HOSTILE);
	assert_string_equal(json_string_value(json_object_get(j, "ext_id")), "r2<b>");
	json_t *attr = json_array_get(json_object_get(j, "attrs"), 0);
	assert_string_equal(json_string_value(json_object_get(attr, "value")), "<i>g</i>");
	json_decref(j);
	/* the evidence: pieces of the text, each with its theme and rule */
	serve_kv id1 = { "id", "1" };
	assert_int_equal(call(&a, &s, "GET", "/api/answer", &id1, 1, NULL, &j), 200);
	json_t *pieces = json_object_get(j, "pieces");
	assert_int_equal(json_array_size(pieces), 4);
	static const char *const text[] = { "Regie", " en ", "kennis", " ontbreken" };
	static const int theme[] = { 0, -1, 1, -1 };
	for (size_t i = 0; i < 4; i++) {
		json_t *p = json_array_get(pieces, i);
		assert_string_equal(json_string_value(json_object_get(p, "t")), text[i]);
		assert_int_equal(json_integer_value(json_object_get(p, "theme")), theme[i]);
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(pieces, 0), "rules")), "a: regie-rule");
	assert_int_equal(json_integer_value(json_object_get(j, "machine_primary")), 0);
	json_decref(j);
	/* no such answer */
	serve_kv id9 = { "id", "9" };
	assert_int_equal(call(&a, &s, "GET", "/api/answer", &id9, 1, NULL, &j), 404);
	json_decref(j);
	serve_kv bad = { "id", "1; DROP TABLE answers" };
	assert_int_equal(call(&a, &s, "GET", "/api/answer", &bad, 1, NULL, &j), 400);
	assert_string_equal(json_string_value(json_object_get(j, "error")), "'id' must be a number from 1 to 2147483647");
	json_decref(j);
	drop_project(d);
}

static void test_api__a_decision_is_saved_before_it_is_said_to_be(void **state)
{
	(void)state;
	db *d = make_project();
	api a = { d, NULL, NULL, "test", 0 };
	serve_session s = session("anna", 0);
	json_t *j;
	assert_int_equal(call(&a, &s, "POST", "/api/decide", NULL, 0,
			      "{\"id\":2,\"ops\":[{\"action\":\"primary\",\"theme\":\"b\"}],\"note\":\"<b>why</b>\"}", &j),
			 200);
	assert_true(json_is_true(json_object_get(j, "saved")));
	long long batch = json_integer_value(json_object_get(j, "batch"));
	json_t *v = json_object_get(j, "view");
	assert_int_equal(json_integer_value(json_object_get(v, "primary")), 1);
	json_decref(j);
	/* the rows are there: add and primary, with the note, under the coder */
	sqlite3_stmt *st = db_prepare(d, "SELECT action, theme, coder, note FROM decisions WHERE batch = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, batch);
	static const char *const want[][2] = { { "add", "b" }, { "primary", "b" } };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want[i][0]);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), want[i][1]);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), "anna");
		assert_string_equal((const char *)sqlite3_column_text(st, 3), "<b>why</b>");
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	/* the history shows it */
	serve_kv id2 = { "id", "2" };
	assert_int_equal(call(&a, &s, "GET", "/api/history", &id2, 1, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "rows")), 2);
	json_decref(j);
	/* undo takes it back */
	assert_int_equal(call(&a, &s, "POST", "/api/undo", NULL, 0, "{}", &j), 200);
	assert_true(json_is_true(json_object_get(j, "undone")));
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 2);
	json_decref(j);
	assert_int_equal(count_decisions(d), 3);
	/* what is not a decision records nothing */
	static const char *const bad[] = {
		"{\"id\":2,\"ops\":[{\"action\":\"add\",\"theme\":\"nope\"}]}",
		"{\"id\":2,\"ops\":[{\"action\":\"delete\"}]}",
		"{\"id\":2,\"ops\":[]}",
		"{\"id\":\"2\",\"ops\":[{\"action\":\"none\"}]}",
		"{\"id\":2,\"id\":1,\"ops\":[{\"action\":\"none\"}]}",
		"[1]",
		"{\"id\":2,",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(call(&a, &s, "POST", "/api/decide", NULL, 0, bad[i], &j), 400);
		json_decref(j);
	}
	assert_int_equal(call(&a, &s, "POST", "/api/decide", NULL, 0, "{\"id\":7,\"ops\":[{\"action\":\"none\"}]}", &j), 404);
	json_decref(j);
	assert_int_equal(count_decisions(d), 3);
	drop_project(d);
}

static void test_api__an_accept_of_what_changed_is_refused(void **state)
{
	(void)state;
	db *d = make_project();
	api a = { d, NULL, NULL, "test", 0 };
	serve_session anna = session("anna", 0), bert = session("bert", 0);
	serve_kv id1 = { "id", "1" };
	json_t *j;
	assert_int_equal(call(&a, &anna, "GET", "/api/answer", &id1, 1, NULL, &j), 200);
	char rev[64];
	snprintf(rev, sizeof(rev), "%s", json_string_value(json_object_get(j, "rev")));
	json_decref(j);
	/* bert removes a theme while anna looks at the answer */
	assert_int_equal(call(&a, &bert, "POST", "/api/decide", NULL, 0,
			      "{\"id\":1,\"ops\":[{\"action\":\"remove\",\"theme\":\"b\"}]}", &j), 200);
	json_decref(j);
	char body[200];
	snprintf(body, sizeof(body), "{\"id\":1,\"ops\":[{\"action\":\"accept\"}],\"rev\":\"%s\"}", rev);
	assert_int_equal(call(&a, &anna, "POST", "/api/decide", NULL, 0, body, &j), 409);
	assert_string_equal(json_string_value(json_object_get(j, "error")),
			    "not saved: the answer changed since it was shown; look again and decide anew");
	/* with the answer as it is now, which anna can accept */
	json_t *v = json_object_get(j, "view");
	assert_false(json_is_true(json_array_get(json_object_get(v, "coded"), 1)));
	snprintf(body, sizeof(body), "{\"id\":1,\"ops\":[{\"action\":\"accept\"}],\"rev\":\"%s\"}",
		 json_string_value(json_object_get(v, "rev")));
	json_decref(j);
	assert_int_equal(count_decisions(d), 1);
	assert_int_equal(call(&a, &anna, "POST", "/api/decide", NULL, 0, body, &j), 200);
	json_decref(j);
	/* accept, add a, primary a: what anna saw */
	assert_int_equal(count_decisions(d), 4);
	drop_project(d);
}

static void test_api__blind_sees_neither_machine_nor_other_coders(void **state)
{
	(void)state;
	db *d = make_project();
	api a = { d, NULL, NULL, "test", 0 };
	serve_session bert = session("bert", 0), anna = session("anna", 1);
	json_t *j;
	assert_int_equal(call(&a, &bert, "POST", "/api/decide", NULL, 0,
			      "{\"id\":2,\"ops\":[{\"action\":\"add\",\"theme\":\"a\"}],\"note\":\"bert's\"}", &j), 200);
	json_decref(j);
	serve_kv id = { "id", "1" };
	assert_int_equal(call(&a, &anna, "GET", "/api/answer", &id, 1, NULL, &j), 200);
	assert_null(json_object_get(j, "machine"));
	assert_null(json_object_get(j, "score"));
	assert_null(json_object_get(j, "machine_primary"));
	assert_int_equal(json_array_size(json_object_get(j, "pieces")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "pieces"), 0), "theme")), -1);
	assert_false(json_is_true(json_array_get(json_object_get(j, "coded"), 0)));
	json_decref(j);
	id.value = "2";
	assert_int_equal(call(&a, &anna, "GET", "/api/answer", &id, 1, NULL, &j), 200);
	assert_false(json_is_true(json_array_get(json_object_get(j, "coded"), 0)));
	assert_false(json_is_true(json_object_get(j, "decided")));
	json_decref(j);
	assert_int_equal(call(&a, &anna, "GET", "/api/history", &id, 1, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "rows")), 0);
	json_decref(j);
	/* nor the quotes, which the machine chose */
	assert_int_equal(call(&a, &anna, "GET", "/api/quotes", NULL, 0, NULL, &j), 403);
	json_decref(j);
	serve_kv q = { "queue", "quotes" };
	assert_int_equal(call(&a, &anna, "GET", "/api/queue", &q, 1, NULL, &j), 403);
	json_decref(j);
	drop_project(d);
}

static void test_api__a_coder_is_named_first(void **state)
{
	(void)state;
	db *d = make_project();
	api a = { d, NULL, NULL, "test", 0 };
	serve_session s = session("", 0);
	json_t *j;
	assert_int_equal(call(&a, &s, "POST", "/api/decide", NULL, 0, "{\"id\":1,\"ops\":[{\"action\":\"none\"}]}", &j), 409);
	assert_string_equal(json_string_value(json_object_get(j, "error")), "not saved: name yourself first");
	json_decref(j);
	assert_int_equal(call(&a, &s, "POST", "/api/undo", NULL, 0, "{}", &j), 409);
	json_decref(j);
	assert_int_equal(call(&a, &s, "POST", "/api/session", NULL, 0, "{\"coder\":\"machine\"}", &j), 400);
	json_decref(j);
	assert_int_equal(call(&a, &s, "POST", "/api/session", NULL, 0, "{\"coder\":\"Anna \\u0000x\"}", &j), 400);
	json_decref(j);
	assert_string_equal(s.coder, "");
	assert_int_equal(call(&a, &s, "POST", "/api/session", NULL, 0, "{\"coder\":\"Anna de Vries\",\"blind\":true}", &j), 200);
	assert_string_equal(s.coder, "Anna de Vries");
	assert_true(s.blind);
	assert_true(json_is_true(json_object_get(j, "blind")));
	assert_int_equal(json_array_size(json_object_get(j, "themes")), 2);
	json_decref(j);
	/* a server that makes every coder blind keeps them so */
	a.blind = 1;
	assert_int_equal(call(&a, &s, "POST", "/api/session", NULL, 0, "{\"coder\":\"Anna\",\"blind\":false}", &j), 200);
	assert_true(s.blind);
	json_decref(j);
	assert_int_equal(count_decisions(d), 0);
	drop_project(d);
}

static void test_api__coder_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		const char *why;
	} cases[] = {
		{ "anna", NULL },
		{ "Anna de Vries", NULL },
		{ "Zoë", NULL },
		{ "", "a coder needs a name" },
		{ "   ", "a coder needs a name" },
		{ "a\x1b[2J", "a coder's name cannot hold control characters" },
		{ "a\tb", "a coder's name cannot hold control characters" },
		{ "evil\xe2\x80\xae", "a coder's name cannot hold control characters" },
		{ "a\xc2\x9b", "a coder's name cannot hold control characters" },
		{ "a\xff", "a coder's name must be UTF-8" },
		{ "machine", "'machine' and 'effective' are names eval gives codings of its own" },
		{ "effective", "'machine' and 'effective' are names eval gives codings of its own" },
		{ "0123456789012345678901234567890123456789012345678901234567890123", NULL },
		{ "01234567890123456789012345678901234567890123456789012345678901234",
		  "a coder's name is at most 64 bytes" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *why = api_coder_invalid(cases[i].name);
		if (!cases[i].why ? why != NULL : !why || strcmp(why, cases[i].why))
			fail_msg("'%s': got '%s'", cases[i].name, why ? why : "(valid)");
	}
}

static void test_api__pieces(void **state)
{
	(void)state;
	/* evidence spans: overlapping, unsorted, past the end, inside a character */
	const char *t = "één twee drie";  /* é is two bytes */
	size_t len = strlen(t);
	review_span sp[] = {
		{ 1, 6, 10, NULL },   /* "twee" */
		{ 0, 0, 4, NULL },    /* "één" */
		{ 2, 8, 15, NULL },   /* "ee dri", overlapping the first */
		{ 3, 1, 3, NULL },    /* starts inside é: moved to its end */
		{ 4, 14, 99, NULL },  /* "e" and past the end */
	};
	api_piece *p = NULL;
	size_t n = api_pieces(t, len, sp, 5, &p);
	static const struct {
		size_t start, end;
		int theme;
	} want[] = {
		{ 0, 2, 0 }, { 2, 4, 0 }, { 4, 6, -1 }, { 6, 8, 1 }, { 8, 10, 1 }, { 10, 14, 2 }, { 14, 15, 2 },
	};
	assert_int_equal(n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p[i].start, want[i].start);
		assert_int_equal(p[i].end, want[i].end);
		assert_int_equal(p[i].theme, want[i].theme);
		/* never inside a character */
		assert_true(((unsigned char)t[p[i].start] & 0xC0) != 0x80);
	}
	free(p);
	/* no evidence: the whole text; no text: nothing */
	n = api_pieces(t, len, NULL, 0, &p);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].end, len);
	free(p);
	n = api_pieces("", 0, sp, 5, &p);
	assert_int_equal(n, 0);
	free(p);
}

int main(void)
{
	setenv("QCODE_NOW", "2026-01-01T00:00:00Z", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api__answer_text_is_json_text),
		cmocka_unit_test(test_api__a_decision_is_saved_before_it_is_said_to_be),
		cmocka_unit_test(test_api__an_accept_of_what_changed_is_refused),
		cmocka_unit_test(test_api__blind_sees_neither_machine_nor_other_coders),
		cmocka_unit_test(test_api__a_coder_is_named_first),
		cmocka_unit_test(test_api__coder_names),
		cmocka_unit_test(test_api__pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
