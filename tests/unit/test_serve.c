/*
 * test_serve: who `qcode serve` lets in and where a request goes, without
 * a socket -- --listen addresses, the Host check against DNS rebinding,
 * the token and its cookie, CSRF on state changes, bounded bodies and
 * query strings, static files only from the compiled-in set, sessions,
 * and error bodies that carry no markup.
 */
#include "unit.h"
#include "serve.h"

#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef"

/* What the API stub saw: the server's checks are what is under test here. */
static int api_calls;
static char api_path[64];

static void api_stub(void *ctx, serve_session *s, const serve_request *rq, serve_response *rs)
{
	(void)ctx;
	(void)s;
	api_calls++;
	snprintf(api_path, sizeof(api_path), "%s", rq->path);
	sb_adds(&rs->body, "{\"ok\":true}");
}

static serve *make_server(const char *host, unsigned port)
{
	serve_opts o = { .host = host, .port = port, .token = TOKEN, .api = api_stub };
	api_calls = 0;
	return serve_new(&o);
}

/* A request with the usual headers of a signed-in browser (cookie may be NULL). */
static serve_request req(const char *method, const char *path, const char *cookie)
{
	serve_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.host = "127.0.0.1:8765";
	rq.cookie = cookie;
	return rq;
}

static int status_of(serve *s, const serve_request *rq, serve_response *rs)
{
	serve_response_release(rs);
	serve_response_init(rs);
	serve_handle(s, rq, rs);
	return rs->status;
}

/* Sign in with the token; the cookie header for later requests into cookie. */
static void sign_in(serve *s, char *cookie, size_t n)
{
	serve_kv arg = { "token", TOKEN };
	serve_request rq = req("GET", "/", NULL);
	rq.args = &arg;
	rq.nargs = 1;
	serve_response rs;
	serve_response_init(&rs);
	assert_int_equal(status_of(s, &rq, &rs), 303);
	/* "qcode_8765=ID; Path=/; ..." -> "qcode_8765=ID" */
	size_t len = strcspn(rs.cookie, ";");
	assert_true(len < n);
	memcpy(cookie, rs.cookie, len);
	cookie[len] = '\0';
	serve_response_release(&rs);
}

static const char *csrf_of(serve *s)
{
	size_t n;
	const serve_session *ss = serve_sessions(s, &n);
	return ss[n - 1].csrf;
}

static void test_serve__parse_listen(void **state)
{
	(void)state;
	char host[64];
	unsigned port;
	/* what --listen takes */
	static const struct {
		const char *in, *host;
		unsigned port;
	} ok[] = {
		{ "127.0.0.1:8765", "127.0.0.1", 8765 },
		{ "0.0.0.0:80", "0.0.0.0", 80 },
		{ "[::1]:9000", "::1", 9000 },
		{ "localhost:0", "localhost", 0 },
		{ "8080", "127.0.0.1", 8080 }, /* a port alone: this machine only */
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		assert_int_equal(serve_parse_listen(ok[i].in, host, sizeof(host), &port), 0);
		assert_string_equal(host, ok[i].host);
		assert_int_equal(port, ok[i].port);
	}
	/* and what it refuses, with the reason */
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "127.0.0.1:99999", "qcode: error: --listen '127.0.0.1:99999': the port must be a number from 0 to 65535\n" },
		{ "127.0.0.1:", "qcode: error: --listen '127.0.0.1:': the port must be a number from 0 to 65535\n" },
		{ ":8765", "qcode: error: --listen ':8765': no address before the port (e.g. 127.0.0.1:8765)\n" },
		{ "::1:8765", "qcode: error: --listen '::1:8765': write an IPv6 address as [ADDR]:PORT\n" },
		{ "[::1]8765", "qcode: error: --listen '[::1]8765': write an IPv6 address as [ADDR]:PORT\n" },
		{ "localhost", "qcode: error: --listen 'localhost': the port must be a number from 0 to 65535\n" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		capture_start();
		assert_int_equal(serve_parse_listen(bad[i].in, host, sizeof(host), &port), -1);
		assert_string_equal(capture_text(), bad[i].msg);
		capture_stop();
	}
}

static void test_serve__host_header_must_be_ours(void **state)
{
	(void)state;
	serve *lo = make_server("127.0.0.1", 8765);
	serve *all = make_server("0.0.0.0", 8000);
	serve *v6 = make_server("::1", 9000);
	static const struct {
		int which; /* 0 lo, 1 all, 2 v6 */
		const char *host;
		int ok;
	} cases[] = {
		{ 0, "127.0.0.1:8765", 1 },
		{ 0, "localhost:8765", 1 },
		{ 0, "LocalHost:8765", 1 },
		{ 0, "127.0.0.1:8766", 0 },          /* another port */
		{ 0, "127.0.0.1", 0 },               /* no port: 80 */
		{ 0, "evil.example:8765", 0 },       /* a name pointed here: DNS rebinding */
		{ 0, "127.0.0.1.evil.example:8765", 0 },
		{ 0, "127.0.0.1:8765@evil", 0 },
		{ 0, "127.0.0.2:8765", 0 },          /* not the address listened on */
		{ 0, "[::1]:8765", 0 },
		{ 0, "", 0 },
		{ 1, "192.168.1.20:8000", 1 },       /* every address: any written as numbers */
		{ 1, "localhost:8000", 1 },
		{ 1, "intranet.example:8000", 0 },   /* but no name */
		{ 1, "192.168.1.20:8001", 0 },
		{ 2, "[::1]:9000", 1 },
		{ 2, "[0:0:0:0:0:0:0:1]:9000", 1 },
		{ 2, "localhost:9000", 1 },
		{ 2, "[::1]", 0 },
		{ 2, "[::2]:9000", 0 },
	};
	serve *servers[] = { lo, all, v6 };
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (serve_host_ok(servers[cases[i].which], cases[i].host) != cases[i].ok)
			fail_msg("Host '%s' (server %d): expected %d", cases[i].host, cases[i].which, cases[i].ok);
	assert_false(serve_host_ok(lo, NULL));
	for (size_t i = 0; i < 3; i++)
		serve_free(servers[i]);
}

static void test_serve__cookie_and_secret(void **state)
{
	(void)state;
	char v[80];
	assert_int_equal(serve_cookie_get("a=1; qcode_8765=abc; b=2", "qcode_8765", v, sizeof(v)), 0);
	assert_string_equal(v, "abc");
	assert_int_equal(serve_cookie_get("xqcode_8765=abc", "qcode_8765", v, sizeof(v)), -1);
	assert_int_equal(serve_cookie_get("qcode_8765", "qcode_8765", v, sizeof(v)), -1);
	assert_int_equal(serve_cookie_get(NULL, "qcode_8765", v, sizeof(v)), -1);
	assert_int_equal(serve_cookie_get("qcode_8765=0123456789", "qcode_8765", v, 5), -1); /* too long */
	assert_true(serve_secret_eq("abc", "abc"));
	assert_false(serve_secret_eq("abd", "abc"));
	assert_false(serve_secret_eq("ab", "abc"));
	assert_false(serve_secret_eq("abcd", "abc"));
	assert_false(serve_secret_eq("", ""));
	assert_false(serve_secret_eq(NULL, "abc"));
}

static void test_serve__token_then_cookie(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	serve_response rs;
	serve_response_init(&rs);
	/* no token, no cookie: nothing, not even the page's script */
	static const char *const paths[] = { "/", "/agree", "/quotes", "/static/review.js", "/api/session" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		serve_request rq = req("GET", paths[i], NULL);
		assert_int_equal(status_of(s, &rq, &rs), 403);
		assert_string_equal(rs.body.buf, "qcode serve: refused: no token; open the address 'qcode serve' "
						 "printed (it ends in ?token=...)\n");
	}
	/* a wrong token */
	serve_kv wrong = { "token", "0123456789abcdef0123456789abcdef0123456789abcdee" };
	serve_request rq = req("GET", "/", NULL);
	rq.args = &wrong;
	rq.nargs = 1;
	assert_int_equal(status_of(s, &rq, &rs), 403);
	/* a cookie no session has */
	rq = req("GET", "/", "qcode_8765=ffff");
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_int_equal(api_calls, 0);
	/* the token: a session, its cookie, and on without the token */
	serve_kv right = { "token", TOKEN };
	rq = req("GET", "/agree", NULL);
	rq.args = &right;
	rq.nargs = 1;
	assert_int_equal(status_of(s, &rq, &rs), 303);
	assert_string_equal(rs.location, "/agree");
	assert_non_null(strstr(rs.cookie, "; Path=/; HttpOnly; SameSite=Strict"));
	assert_int_equal(strncmp(rs.cookie, "qcode_8765=", 11), 0);
	char cookie[160];
	snprintf(cookie, sizeof(cookie), "%.*s", (int)strcspn(rs.cookie, ";"), rs.cookie);
	rq = req("GET", "/agree", cookie);
	assert_int_equal(status_of(s, &rq, &rs), 200);
	assert_non_null(rs.asset);
	assert_string_equal(rs.asset->name, "agree.html");
	assert_string_equal(rs.type, "text/html; charset=utf-8");
	/* the token opens pages only */
	rq = req("GET", "/api/session", NULL);
	rq.args = &right;
	rq.nargs = 1;
	assert_int_equal(status_of(s, &rq, &rs), 400);
	serve_response_release(&rs);
	serve_free(s);
}

static void test_serve__wrong_host_is_refused_with_a_cookie_too(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	char cookie[160];
	sign_in(s, cookie, sizeof(cookie));
	serve_response rs;
	serve_response_init(&rs);
	serve_request rq = req("GET", "/api/session", cookie);
	rq.host = "rebound.example:8765";
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_string_equal(rs.body.buf, "qcode serve: refused: this server answers to its own address only (Host)\n");
	rq.host = NULL;
	assert_int_equal(status_of(s, &rq, &rs), 403);
	/* nor does the token help */
	serve_kv right = { "token", TOKEN };
	rq = req("GET", "/", NULL);
	rq.host = "rebound.example:8765";
	rq.args = &right;
	rq.nargs = 1;
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_int_equal(api_calls, 0);
	serve_response_release(&rs);
	serve_free(s);
}

static void test_serve__changes_need_post_csrf_json_and_our_origin(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	char cookie[160];
	sign_in(s, cookie, sizeof(cookie));
	const char *csrf = csrf_of(s);
	serve_response rs;
	serve_response_init(&rs);
	serve_request rq = req("POST", "/api/decide", cookie);
	rq.content_type = "application/json";
	rq.body = "{}";
	rq.body_len = 2;
	/* no CSRF token */
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_string_equal(rs.body.buf, "qcode serve: refused: a change needs the page's CSRF token (X-CSRF-Token)\n");
	/* a wrong one */
	rq.csrf = "00";
	assert_int_equal(status_of(s, &rq, &rs), 403);
	/* the right one, from another origin */
	rq.csrf = csrf;
	rq.origin = "http://evil.example";
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_string_equal(rs.body.buf, "qcode serve: refused: a change from another origin\n");
	/* as a form (which needs no preflight) */
	rq.origin = "http://127.0.0.1:8765";
	rq.content_type = "text/plain";
	assert_int_equal(status_of(s, &rq, &rs), 415);
	/* a GET does not change anything: decide is POST only */
	serve_request get = req("GET", "/api/decide", cookie);
	assert_int_equal(status_of(s, &get, &rs), 405);
	assert_int_equal(api_calls, 0);
	/* everything right: through */
	rq.content_type = "application/json; charset=utf-8";
	assert_int_equal(status_of(s, &rq, &rs), 200);
	assert_int_equal(api_calls, 1);
	assert_string_equal(api_path, "/api/decide");
	/* without an Origin (some clients send none) too */
	rq.origin = NULL;
	assert_int_equal(status_of(s, &rq, &rs), 200);
	assert_int_equal(api_calls, 2);
	/* another session's CSRF token is not this one's */
	char cookie2[160];
	sign_in(s, cookie2, sizeof(cookie2));
	rq.cookie = cookie2;
	rq.csrf = csrf;
	assert_int_equal(status_of(s, &rq, &rs), 403);
	assert_int_equal(api_calls, 2);
	serve_response_release(&rs);
	serve_free(s);
}

static void test_serve__bodies_and_queries_are_bounded(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	char cookie[160];
	sign_in(s, cookie, sizeof(cookie));
	serve_response rs;
	serve_response_init(&rs);
	serve_request rq = req("POST", "/api/decide", cookie);
	rq.content_type = "application/json";
	rq.csrf = csrf_of(s);
	rq.body_too_big = 1;
	assert_int_equal(status_of(s, &rq, &rs), 413);
	assert_string_equal(rs.body.buf, "qcode serve: refused: the request body is too large\n");
	rq = req("GET", "/api/queue", cookie);
	rq.too_many_args = 1;
	assert_int_equal(status_of(s, &rq, &rs), 400);
	assert_int_equal(api_calls, 0);
	serve_response_release(&rs);
	serve_free(s);
}

static void test_serve__static_files_only_from_the_compiled_in_set(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	char cookie[160];
	sign_in(s, cookie, sizeof(cookie));
	serve_response rs;
	serve_response_init(&rs);
	static const struct {
		const char *path;
		int status;
	} cases[] = {
		{ "/static/review.js", 200 },
		{ "/static/style.css", 200 },
		{ "/static/../review.html", 404 },
		{ "/static/../../../../etc/passwd", 404 },
		{ "/static//etc/passwd", 404 },
		{ "/static/./review.js", 404 },
		{ "/static/review.js/", 404 },
		{ "/static/review.html", 404 }, /* pages by their routes only */
		{ "/static/", 404 },
		{ "/../etc/passwd", 404 },
		{ "/review.js", 404 },
		{ "/api/nothing", 404 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		serve_request rq = req("GET", cases[i].path, cookie);
		if (status_of(s, &rq, &rs) != cases[i].status)
			fail_msg("%s: %d, expected %d", cases[i].path, rs.status, cases[i].status);
	}
	serve_request rq = req("GET", "/static/review.js", cookie);
	status_of(s, &rq, &rs);
	assert_string_equal(rs.type, "text/javascript; charset=utf-8");
	assert_ptr_equal(rs.asset, serve_asset_find("review.js"));
	assert_null(serve_asset_find("../review.js"));
	assert_null(serve_asset_find(NULL));
	serve_response_release(&rs);
	serve_free(s);
}

/* The pages load no script but their own files: nothing inline, nothing from elsewhere. */
static void test_serve__pages_have_no_inline_script(void **state)
{
	(void)state;
	for (size_t i = 0; i < serve_nassets; i++) {
		const serve_asset *a = &serve_assets[i];
		if (!strstr(a->type, "text/html"))
			continue;
		const char *html = (const char *)a->data;
		for (const char *p = html; (p = strstr(p, "<script")); p++) {
			const char *end = strchr(p, '>');
			assert_non_null(end);
			if (!strstr(p, "src=\"/static/") || strstr(p, "src=\"/static/") > end)
				fail_msg("%s: a script that is not a file of its own", a->name);
			if (strncmp(end, "></script>", 10))
				fail_msg("%s: a script with inline code", a->name);
		}
		assert_null(strstr(html, " on"  "click="));
		assert_null(strstr(html, "http://"));
		assert_null(strstr(html, "https://"));
		assert_null(strstr(html, "style=\""));
	}
	/* and no script of theirs writes HTML */
	for (size_t i = 0; i < serve_nassets; i++) {
		const serve_asset *a = &serve_assets[i];
		if (!strstr(a->type, "javascript"))
			continue;
		const char *js = (const char *)a->data;
		if (strstr(js, "innerHTML") || strstr(js, "outerHTML") || strstr(js, "insertAdjacentHTML") ||
		    strstr(js, "document.write") || strstr(js, "eval("))
			fail_msg("%s writes HTML or evaluates text", a->name);
	}
}

static void test_serve__sessions_are_bounded(void **state)
{
	(void)state;
	serve *s = make_server("127.0.0.1", 8765);
	char first[160], cookie[160];
	sign_in(s, first, sizeof(first));
	for (int i = 0; i < SERVE_MAX_SESSIONS; i++)
		sign_in(s, cookie, sizeof(cookie));
	size_t n;
	serve_sessions(s, &n);
	assert_int_equal(n, SERVE_MAX_SESSIONS);
	/* the one unused longest made room */
	serve_response rs;
	serve_response_init(&rs);
	serve_request rq = req("GET", "/", first);
	assert_int_equal(status_of(s, &rq, &rs), 403);
	rq.cookie = cookie;
	assert_int_equal(status_of(s, &rq, &rs), 200);
	serve_response_release(&rs);
	serve_free(s);
}

static void test_serve__error_bodies_carry_no_markup(void **state)
{
	(void)state;
	serve_response rs;
	serve_response_init(&rs);
	serve_error(&rs, 400, "unknown theme '<script>alert(\"x\")</script>' \\ \n");
	assert_int_equal(rs.status, 400);
	assert_string_equal(rs.body.buf, "{\"error\":\"unknown theme '\\u003cscript\\u003ealert(\\\"x\\\")"
					 "\\u003c/script\\u003e' \\\\ \\u000a\"}");
	serve_response_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serve__parse_listen),
		cmocka_unit_test(test_serve__host_header_must_be_ours),
		cmocka_unit_test(test_serve__cookie_and_secret),
		cmocka_unit_test(test_serve__token_then_cookie),
		cmocka_unit_test(test_serve__wrong_host_is_refused_with_a_cookie_too),
		cmocka_unit_test(test_serve__changes_need_post_csrf_json_and_our_origin),
		cmocka_unit_test(test_serve__bodies_and_queries_are_bounded),
		cmocka_unit_test(test_serve__static_files_only_from_the_compiled_in_set),
		cmocka_unit_test(test_serve__pages_have_no_inline_script),
		cmocka_unit_test(test_serve__sessions_are_bounded),
		cmocka_unit_test(test_serve__error_bodies_carry_no_markup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
