/*
 * serve: who may come in, routing and the HTTP of `qcode serve` (see
 * serve.h).
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

/* What every page may do: its own scripts, styles, images and API, nothing inline. */
#define PAGE_CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
		 "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

struct serve {
	char *host;                 /* listened on */
	unsigned port;
	char token[65];
	char *coder;                /* every new session's coder, or NULL */
	int blind;
	serve_api_fn api;
	void *api_ctx;
	char cookie_name[32];       /* "qcode_PORT": two servers on one machine keep apart */
	serve_session sessions[SERVE_MAX_SESSIONS];
	size_t nsessions;
	unsigned long long clock;   /* counts requests: when a session was last used */
	struct MHD_Daemon *daemon;
	int fd;                     /* the listening socket, -1 before serve_start */
	char *url;
};

/* ---- the compiled-in files ---- */

const serve_asset *serve_asset_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < serve_nassets; i++)
		if (!strcmp(serve_assets[i].name, name))
			return &serve_assets[i];
	return NULL;
}

/* ---- secrets ---- */

/* n random bytes as 2n hex digits into out (2n + 1 bytes). */
static void random_hex(char *out, size_t n)
{
	unsigned char b[64];
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(b + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			/* no getrandom: the kernel's pool through the file */
			int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
			if (fd < 0 || read(fd, b + got, n - got) != (ssize_t)(n - got)) {
				fprintf(stderr, "qcode: error: no random numbers for the token\n");
				abort();
			}
			close(fd);
			got = n;
			break;
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

int serve_secret_eq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;
	for (size_t i = 0; i < nb; i++)
		diff |= (unsigned char)(a[i < na ? i : 0] ^ b[i]);
	return diff == 0 && nb > 0;
}

/* ---- set up ---- */

serve *serve_new(const serve_opts *o)
{
	serve *s = xcalloc(1, sizeof(*s));
	s->host = xstrdup(o->host ? o->host : "127.0.0.1");
	s->port = o->port;
	if (o->token)
		snprintf(s->token, sizeof(s->token), "%s", o->token);
	else
		random_hex(s->token, 24);
	s->coder = o->coder ? xstrdup(o->coder) : NULL;
	s->blind = o->blind;
	s->api = o->api;
	s->api_ctx = o->api_ctx;
	s->fd = -1;
	snprintf(s->cookie_name, sizeof(s->cookie_name), "qcode_%u", s->port);
	return s;
}

void serve_free(serve *s)
{
	if (!s)
		return;
	serve_stop(s);
	free(s->host);
	free(s->coder);
	free(s->url);
	free(s);
}

const serve_session *serve_sessions(const serve *s, size_t *n)
{
	*n = s->nsessions;
	return s->sessions;
}

/* ---- addresses ---- */

int serve_parse_listen(const char *s, char *host, size_t hostlen, unsigned *port)
{
	const char *colon, *h = s;
	size_t hn;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return error("--listen '%s': write an IPv6 address as [ADDR]:PORT", s);
		h = s + 1;
		hn = (size_t)(close - h);
		colon = close + 1;
	} else if ((colon = strrchr(s, ':'))) {
		if (memchr(s, ':', (size_t)(colon - s)))
			return error("--listen '%s': write an IPv6 address as [ADDR]:PORT", s);
		hn = (size_t)(colon - s);
	} else {
		/* a port alone */
		h = "127.0.0.1";
		hn = strlen(h);
		colon = s - 1;
	}
	char *end;
	errno = 0;
	long p = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || p < 0 || p > 65535)
		return error("--listen '%s': the port must be a number from 0 to 65535", s);
	if (!hn || hn >= hostlen)
		return error("--listen '%s': no address before the port (e.g. 127.0.0.1:8765)", s);
	memcpy(host, h, hn);
	host[hn] = '\0';
	*port = (unsigned)p;
	return 0;
}

int serve_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (!strcasecmp(host, "localhost"))
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

static int is_wildcard(const char *host)
{
	return !strcmp(host, "0.0.0.0") || !strcmp(host, "::");
}

/* Whether name (without brackets) is an address written as numbers. */
static int is_ip_literal(const char *name)
{
	unsigned char buf[sizeof(struct in6_addr)];
	return inet_pton(AF_INET, name, buf) == 1 || inet_pton(AF_INET6, name, buf) == 1;
}

int serve_host_ok(const serve *s, const char *host)
{
	if (!host || !*host || strlen(host) > 300)
		return 0;
	char name[301];
	const char *port;
	if (host[0] == '[') {
		const char *close = strchr(host, ']');
		if (!close)
			return 0;
		memcpy(name, host + 1, (size_t)(close - host - 1));
		name[close - host - 1] = '\0';
		port = close[1] == ':' ? close + 2 : close[1] ? NULL : "";
		if (!port)
			return 0;
		if (!strchr(name, ':'))
			return 0; /* brackets are for IPv6 */
	} else {
		const char *colon = strchr(host, ':');
		size_t n = colon ? (size_t)(colon - host) : strlen(host);
		memcpy(name, host, n);
		name[n] = '\0';
		port = colon ? colon + 1 : "";
	}
	/* the port: ours, or none when ours is HTTP's own */
	if (*port) {
		char *end;
		long p = strtol(port, &end, 10);
		if (*end || p != (long)s->port)
			return 0;
	} else if (s->port != 80) {
		return 0;
	}
	if (!strcasecmp(name, s->host))
		return 1;
	if (!strcasecmp(name, "localhost"))
		return serve_is_loopback(s->host) || is_wildcard(s->host);
	if (is_wildcard(s->host))
		return is_ip_literal(name);
	/* the same address written otherwise (::1 as 0:0:0:0:0:0:0:1) */
	unsigned char a[sizeof(struct in6_addr)], b[sizeof(struct in6_addr)];
	int fam = strchr(name, ':') ? AF_INET6 : AF_INET;
	return inet_pton(fam, name, a) == 1 && inet_pton(fam, s->host, b) == 1 &&
	       !memcmp(a, b, fam == AF_INET ? 4 : 16);
}

/* ---- requests ---- */

int serve_cookie_get(const char *header, const char *name, char *out, size_t outlen)
{
	if (!header)
		return -1;
	size_t nl = strlen(name);
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && !strncmp(p, name, nl) && p[nl] == '=') {
			size_t vl = len - nl - 1;
			if (vl >= outlen)
				return -1;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return 0;
		}
		p += len;
	}
	return -1;
}

const char *serve_arg(const serve_request *rq, const char *key)
{
	for (size_t i = 0; i < rq->nargs; i++)
		if (rq->args[i].key && !strcmp(rq->args[i].key, key))
			return rq->args[i].value ? rq->args[i].value : "";
	return NULL;
}

void serve_response_init(serve_response *rs)
{
	memset(rs, 0, sizeof(*rs));
	sb_init(&rs->body);
	rs->status = 200;
	rs->type = "application/json";
}

void serve_response_release(serve_response *rs) { sb_release(&rs->body); }

void serve_error(serve_response *rs, int status, const char *msg)
{
	rs->status = status;
	rs->type = "application/json";
	rs->asset = NULL;
	sb_reset(&rs->body);
	sb_adds(&rs->body, "{\"error\":\"");
	/* the messages are ours, but may quote what a request sent */
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addf(&rs->body, "\\%c", *p);
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&' || *p >= 0x80)
			sb_addf(&rs->body, "\\u%04x", *p < 0x80 ? *p : 0xfffd);
		else
			sb_addc(&rs->body, (char)*p);
	}
	sb_adds(&rs->body, "\"}");
}

/* A plain-text refusal, for a browser's address bar as much as for a script. */
static void refuse(serve_response *rs, int status, const char *msg)
{
	rs->status = status;
	rs->type = "text/plain; charset=utf-8";
	rs->asset = NULL;
	sb_reset(&rs->body);
	sb_addf(&rs->body, "qcode serve: %s\n", msg);
}

/* The session whose id the cookie carries, or NULL. */
static serve_session *session_find(serve *s, const serve_request *rq)
{
	char id[80];
	if (serve_cookie_get(rq->cookie, s->cookie_name, id, sizeof(id)))
		return NULL;
	serve_session *found = NULL;
	for (size_t i = 0; i < s->nsessions; i++)
		if (serve_secret_eq(id, s->sessions[i].id))
			found = &s->sessions[i];
	return found;
}

/* A new session, in place of the one unused longest when every place is taken. */
static serve_session *session_new(serve *s)
{
	serve_session *ss;
	if (s->nsessions < SERVE_MAX_SESSIONS) {
		ss = &s->sessions[s->nsessions++];
	} else {
		ss = &s->sessions[0];
		for (size_t i = 1; i < s->nsessions; i++)
			if (s->sessions[i].used < ss->used)
				ss = &s->sessions[i];
	}
	memset(ss, 0, sizeof(*ss));
	random_hex(ss->id, 32);
	random_hex(ss->csrf, 32);
	if (s->coder)
		snprintf(ss->coder, sizeof(ss->coder), "%s", s->coder);
	ss->blind = s->blind;
	return ss;
}

enum route_kind { R_PAGE, R_STATIC, R_API };

static const struct route {
	const char *method;
	const char *path;     /* exact, or a prefix ending in '/' for R_STATIC */
	int kind;
	const char *asset;    /* the page's file (R_PAGE) */
} routes[] = {
	{ "GET", "/", R_PAGE, "review.html" },
	{ "GET", "/agree", R_PAGE, "agree.html" },
	{ "GET", "/quotes", R_PAGE, "quotes.html" },
	{ "GET", "/static/", R_STATIC, NULL },
	{ "GET", "/api/session", R_API, NULL },
	{ "POST", "/api/session", R_API, NULL },
	{ "GET", "/api/queues", R_API, NULL },
	{ "GET", "/api/queue", R_API, NULL },
	{ "GET", "/api/answer", R_API, NULL },
	{ "GET", "/api/search", R_API, NULL },
	{ "GET", "/api/history", R_API, NULL },
	{ "POST", "/api/decide", R_API, NULL },
	{ "POST", "/api/undo", R_API, NULL },
	{ "GET", "/api/agreement", R_API, NULL },
	{ "GET", "/api/groups", R_API, NULL },
	{ "GET", "/api/table", R_API, NULL },
	{ "GET", "/api/chart.svg", R_API, NULL },
	{ "GET", "/api/quotes", R_API, NULL },
	{ "GET", "/api/appendix", R_API, NULL },
};

/*
 * The route of method and path: its entry, or NULL with *status 404 (no
 * such path) or 405 (not with this method).
 */
static const struct route *route_find(const char *method, const char *path, int *status)
{
	*status = 404;
	for (size_t i = 0; i < sizeof(routes) / sizeof(*routes); i++) {
		const struct route *r = &routes[i];
		int match = r->kind == R_STATIC ? !strncmp(path, r->path, strlen(r->path))
						: !strcmp(path, r->path);
		if (!match)
			continue;
		if (!strcmp(method, r->method))
			return r;
		*status = 405;
	}
	return NULL;
}

/* Whether a Content-Type is JSON ("application/json", parameters allowed). */
static int is_json(const char *type)
{
	if (!type)
		return 0;
	size_t n = strlen("application/json");
	return !strncasecmp(type, "application/json", n) && (type[n] == '\0' || type[n] == ';');
}

void serve_handle(serve *s, const serve_request *rq, serve_response *rs)
{
	s->clock++;
	const char *method = rq->method ? rq->method : "";
	const char *path = rq->path ? rq->path : "";
	if (!serve_host_ok(s, rq->host)) {
		refuse(rs, 403, "refused: this server answers to its own address only (Host)");
		return;
	}
	if (rq->too_many_args) {
		refuse(rs, 400, "refused: too many query parameters");
		return;
	}
	int status;
	const struct route *r = route_find(method, path, &status);
	const char *token = serve_arg(rq, "token");
	serve_session *ss;
	if (token) {
		/* the address qcode printed: a session, and on without the token */
		if (!serve_secret_eq(token, s->token)) {
			refuse(rs, 403, "refused: wrong token; open the address 'qcode serve' printed");
			return;
		}
		if (!r || r->kind != R_PAGE) {
			refuse(rs, r ? 400 : status, "refused: the token opens a page (/, /agree or /quotes)");
			return;
		}
		ss = session_new(s);
		ss->used = s->clock;
		rs->status = 303;
		rs->type = "text/plain; charset=utf-8";
		snprintf(rs->location, sizeof(rs->location), "%s", r->path);
		snprintf(rs->cookie, sizeof(rs->cookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict",
			 s->cookie_name, ss->id);
		sb_adds(&rs->body, "qcode serve: signed in\n");
		return;
	}
	ss = session_find(s, rq);
	if (!ss) {
		refuse(rs, 403, "refused: no token; open the address 'qcode serve' printed (it ends in ?token=...)");
		return;
	}
	ss->used = s->clock;
	if (!r) {
		refuse(rs, status, status == 405 ? "refused: method not allowed" : "not found");
		return;
	}
	if (!strcmp(method, "POST")) {
		if (!serve_secret_eq(rq->csrf, ss->csrf)) {
			refuse(rs, 403, "refused: a change needs the page's CSRF token (X-CSRF-Token)");
			return;
		}
		if (rq->origin) {
			char want[400];
			snprintf(want, sizeof(want), "http://%s", rq->host);
			if (strcmp(rq->origin, want)) {
				refuse(rs, 403, "refused: a change from another origin");
				return;
			}
		}
		if (!is_json(rq->content_type)) {
			refuse(rs, 415, "refused: a change is sent as application/json");
			return;
		}
	}
	if (rq->body_too_big) {
		refuse(rs, 413, "refused: the request body is too large");
		return;
	}
	switch (r->kind) {
	case R_PAGE:
		rs->asset = serve_asset_find(r->asset);
		break;
	case R_STATIC:
		/* only a compiled-in file, by its exact name */
		rs->asset = serve_asset_find(path + strlen(r->path));
		if (!rs->asset || strstr(rs->asset->type, "text/html")) {
			rs->asset = NULL;
			refuse(rs, 404, "not found");
			return;
		}
		break;
	case R_API:
		if (!s->api) {
			serve_error(rs, 503, "no API");
			return;
		}
		s->api(s->api_ctx, ss, rq, rs);
		return;
	}
	if (!rs->asset) {
		refuse(rs, 404, "not found");
		return;
	}
	rs->type = rs->asset->type;
}

/* ---- libmicrohttpd ---- */

/* What a connection's request has gathered so far. */
typedef struct conn {
	strbuf body;         /* the body, up to SERVE_MAX_BODY */
	int too_big;         /* more came than that */
	serve_kv args[SERVE_MAX_ARGS];
	size_t nargs;
	int too_many_args;
} conn;

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	conn *c = cls;
	if (c->nargs == SERVE_MAX_ARGS) {
		c->too_many_args = 1;
		return MHD_NO;
	}
	c->args[c->nargs].key = key;
	c->args[c->nargs].value = value;
	c->nargs++;
	return MHD_YES;
}

static void add_header(struct MHD_Response *r, const char *name, const char *value)
{
	if (value && *value)
		MHD_add_response_header(r, name, value);
}

static enum MHD_Result reply(struct MHD_Connection *mc, serve_response *rs)
{
	struct MHD_Response *r;
	if (rs->asset)
		r = MHD_create_response_from_buffer(rs->asset->len, (void *)rs->asset->data,
						    MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(rs->body.len, rs->body.buf, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	add_header(r, "Content-Type", rs->type);
	add_header(r, "Content-Security-Policy", rs->csp ? rs->csp : PAGE_CSP);
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "X-Frame-Options", "DENY");
	add_header(r, "Referrer-Policy", "no-referrer");
	add_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	add_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	add_header(r, "Cache-Control", "no-store");
	add_header(r, "Set-Cookie", rs->cookie);
	add_header(r, "Location", rs->location);
	add_header(r, "Content-Disposition", rs->disposition);
	enum MHD_Result ok = MHD_queue_response(mc, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	serve *s = cls;
	conn *c = *con_cls;
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		sb_init(&c->body);
		*con_cls = c;
		const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > SERVE_MAX_BODY) {
			/* refused before a byte of it is read */
			serve_response rs;
			serve_response_init(&rs);
			refuse(&rs, 413, "refused: the request body is too large");
			enum MHD_Result ok = reply(mc, &rs);
			serve_response_release(&rs);
			c->too_big = 2;
			return ok;
		}
		return MHD_YES;
	}
	if (c->too_big == 2)
		return MHD_YES;
	if (*upload_size) {
		if (c->body.len + *upload_size > SERVE_MAX_BODY)
			c->too_big = 1;
		else
			sb_add(&c->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, add_arg, c);
	serve_request rq = {
		.method = method,
		.path = url,
		.args = c->args,
		.nargs = c->nargs,
		.too_many_args = c->too_many_args,
		.host = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Host"),
		.cookie = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Cookie"),
		.csrf = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
		.origin = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin"),
		.content_type = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Type"),
		.body = c->body.buf,
		.body_len = c->body.len,
		.body_too_big = c->too_big,
	};
	serve_response rs;
	serve_response_init(&rs);
	serve_handle(s, &rq, &rs);
	enum MHD_Result ok = reply(mc, &rs);
	serve_response_release(&rs);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	conn *c = *con_cls;
	if (c) {
		sb_release(&c->body);
		free(c);
		*con_cls = NULL;
	}
}

/* The listening socket on s->host and s->port, or -1 after reporting. */
static int listen_on(serve *s)
{
	char port[16];
	snprintf(port, sizeof(port), "%u", s->port);
	struct addrinfo hints, *ai = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	int rc = getaddrinfo(s->host, port, &hints, &ai);
	if (rc) {
		error_set_code(EXIT_IO);
		return error("cannot listen on %s:%u: %s", s->host, s->port, gai_strerror(rc));
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd >= 0 && ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 64)) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		error_set_code(EXIT_IO);
		return error("cannot listen on %s:%u: %s", s->host, s->port, strerror(e));
	}
	struct sockaddr_storage sa;
	socklen_t sl = sizeof(sa);
	if (getsockname(fd, (struct sockaddr *)&sa, &sl) == 0)
		s->port = ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&sa)->sin6_port
							   : ((struct sockaddr_in *)&sa)->sin_port);
	freeaddrinfo(ai);
	return fd;
}

int serve_start(serve *s)
{
	int fd = listen_on(s);
	if (fd < 0)
		return -1;
	s->fd = fd;
	snprintf(s->cookie_name, sizeof(s->cookie_name), "qcode_%u", s->port);
	s->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL, on_request, s,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MAX_HEADER + 4096,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_END);
	if (!s->daemon) {
		close(fd);
		s->fd = -1;
		error_set_code(EXIT_IO);
		return error("cannot listen on %s:%u: the HTTP server did not start", s->host, s->port);
	}
	return 0;
}

void serve_stop(serve *s)
{
	if (s->daemon) {
		MHD_stop_daemon(s->daemon);
		s->daemon = NULL;
	}
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
}

unsigned serve_port(const serve *s) { return s->port; }

const char *serve_url(serve *s)
{
	free(s->url);
	strbuf sb;
	sb_init(&sb);
	int v6 = strchr(s->host, ':') != NULL;
	const char *shown = is_wildcard(s->host) ? (v6 ? "::1" : "127.0.0.1") : s->host;
	sb_addf(&sb, "http://%s%s%s:%u/?token=%s", v6 ? "[" : "", shown, v6 ? "]" : "", s->port,
		s->token);
	s->url = sb_detach(&sb);
	return s->url;
}
