/*
 * serve: the local web server of `qcode serve` -- who may come in, where a
 * request goes, and the HTTP around it (libmicrohttpd).
 *
 * Nobody is let in without the token printed at the start: a request that
 * carries it (?token=...) gets a session and a cookie (HttpOnly,
 * SameSite=Strict) and is sent on without it; every other request needs
 * that cookie. A request whose Host is not one the server answers to is
 * refused, so that a web page whose name has been pointed at this machine
 * (DNS rebinding) reads nothing. State changes are POSTs of JSON that
 * carry the session's CSRF token in X-CSRF-Token (and, when the browser
 * sends one, an Origin of this server). Pages and their scripts are the
 * files compiled into the binary (serve_assets), found by exact name:
 * no path reaches the file system. Bodies and headers are bounded.
 * Every response forbids inline script (Content-Security-Policy), framing
 * and sniffing.
 *
 * serve_handle() decides and routes a request given as plain strings, so
 * the unit tests need no socket; serve_start() puts it behind
 * libmicrohttpd, one request at a time on one thread.
 */
#ifndef QCODE_SERVE_H
#define QCODE_SERVE_H

#include <stddef.h>

#include "util.h"

#define SERVE_MAX_BODY (64 * 1024)      /* bytes of a request body */
#define SERVE_MAX_HEADER (16 * 1024)    /* bytes of a request line and headers */
#define SERVE_MAX_ARGS 32               /* query parameters of a request */
#define SERVE_MAX_SESSIONS 64           /* browsers at once; the longest unused goes */
#define SERVE_MAX_CONNECTIONS 64        /* open connections at once */
#define SERVE_CODER_MAX 64              /* bytes of a coder's name */

/* A file of the page, compiled in (web_assets.c, made from pipeline/7-serve/web/). */
typedef struct serve_asset {
	const char *name;            /* its file name, e.g. "review.js" */
	const char *type;            /* its Content-Type */
	const unsigned char *data;   /* its bytes */
	size_t len;
} serve_asset;

extern const serve_asset serve_assets[];
extern const size_t serve_nassets;

/* The compiled-in file of that exact name, or NULL. */
const serve_asset *serve_asset_find(const char *name);

/* One browser: what its cookie names. */
typedef struct serve_session {
	char id[65];                      /* the cookie's value (hex) */
	char csrf[65];                    /* what its POSTs must send (hex) */
	char coder[SERVE_CODER_MAX + 1];  /* who decides; "" until the coder is named */
	int blind;                        /* neither the machine's codes nor other coders' */
	unsigned long long used;          /* when it was last used (a counter) */
} serve_session;

typedef struct serve_kv {
	const char *key;
	const char *value;
} serve_kv;

/* A request as the server sees it; every string may be NULL when absent. */
typedef struct serve_request {
	const char *method;        /* "GET", "POST", ... */
	const char *path;          /* the URL's path, percent-decoded */
	const serve_kv *args;      /* query parameters, decoded */
	size_t nargs;
	int too_many_args;         /* more than SERVE_MAX_ARGS were sent */
	const char *host;          /* the Host header */
	const char *cookie;        /* the Cookie header */
	const char *csrf;          /* X-CSRF-Token */
	const char *origin;        /* Origin */
	const char *content_type;  /* Content-Type */
	const char *body;          /* the body (POST), NUL-terminated */
	size_t body_len;
	int body_too_big;          /* it was over SERVE_MAX_BODY (and was dropped) */
} serve_request;

/* A response: a status, a body (own or compiled in) and a few headers. */
typedef struct serve_response {
	int status;                    /* HTTP status */
	const char *type;              /* Content-Type */
	strbuf body;                   /* the body, unless asset is set */
	const serve_asset *asset;      /* a compiled-in file as the body */
	char cookie[192];              /* Set-Cookie, or "" */
	char location[80];             /* Location of a redirect, or "" */
	char disposition[160];         /* Content-Disposition of a download, or "" */
	const char *csp;               /* a Content-Security-Policy other than the page's, or NULL */
} serve_response;

void serve_response_init(serve_response *rs);
void serve_response_release(serve_response *rs);

/* A JSON error body {"error": MSG} with that status. */
void serve_error(serve_response *rs, int status, const char *msg);

/*
 * What answers the API (api.c): called for an allowed request to a path
 * under /api/ with the caller's session (its coder may be changed), and
 * fills rs. POSTs reach it only after every check above.
 */
typedef void (*serve_api_fn)(void *ctx, serve_session *s, const serve_request *rq,
			     serve_response *rs);

typedef struct serve_opts {
	const char *host;        /* the address to listen on: "127.0.0.1", "::1", "0.0.0.0", a name */
	unsigned port;           /* 0: any free port */
	const char *token;       /* the token; NULL: a random one */
	const char *coder;       /* every new session's coder, or NULL: each names itself */
	int blind;               /* every session blind */
	serve_api_fn api;        /* the API, or NULL (503) */
	void *api_ctx;
} serve_opts;

typedef struct serve serve;

/* A server that does not listen yet (serve_start); the port is o->port
   until then. The options' strings are copied. */
serve *serve_new(const serve_opts *o);
void serve_free(serve *s);

/*
 * Split --listen "ADDR:PORT" ("[ADDR]:PORT" for IPv6; "PORT" alone is
 * 127.0.0.1) into host (size hostlen) and *port. Returns 0, or -1 after
 * reporting what is wrong with it.
 */
int serve_parse_listen(const char *s, char *host, size_t hostlen, unsigned *port);

/* Whether host (127.0.0.0/8, ::1, "localhost") is this machine only. */
int serve_is_loopback(const char *host);

/*
 * Whether a Host header is one the server answers to: the address it
 * listens on with its port; "localhost" too when that is a loopback
 * address; when it listens on every address (0.0.0.0, ::), any address
 * written as numbers (which no DNS rebinding can give) and "localhost".
 */
int serve_host_ok(const serve *s, const char *host);

/* Whether two secrets are equal, in a time that does not tell how much of them is. */
int serve_secret_eq(const char *a, const char *b);

/* The value of cookie name in a Cookie header into out (size outlen): 0, or -1 when absent. */
int serve_cookie_get(const char *header, const char *name, char *out, size_t outlen);

/* The value of a query parameter, or NULL. */
const char *serve_arg(const serve_request *rq, const char *key);

/* Decide on a request and answer it (see above). rs must be initialised. */
void serve_handle(serve *s, const serve_request *rq, serve_response *rs);

/* The sessions there are (for tests): n in *n. */
const serve_session *serve_sessions(const serve *s, size_t *n);

/*
 * Listen and answer on a thread of libmicrohttpd's. Returns 0, or -1
 * after reporting "cannot listen on ADDR:PORT: WHY" (exit code EXIT_IO).
 */
int serve_start(serve *s);
/* Stop listening, after the request under way. */
void serve_stop(serve *s);
/* The port listened on (known after serve_start, also for port 0). */
unsigned serve_port(const serve *s);
/* The address to open: "http://HOST:PORT/?token=TOKEN"; lives as long as s. */
const char *serve_url(serve *s);

#endif
