/*
 * api: the JSON handlers of `qcode serve` (see api.h).
 */
#include "api.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "appendix.h"
#include "codings.h"
#include "crosstab.h"
#include "eval.h"
#include "lang.h"
#include "project.h"
#include "quotes.h"
#include "scrub.h"
#include "utf8.h"

#define MAX_OPS 40           /* decisions in one request */
#define MAX_NOTE 4000        /* bytes of a note */
#define MAX_QUERY 200        /* bytes of a search */
#define MAX_MATCHES 1000     /* matches a search returns */

/* ---- JSON ---- */

/* A string as JSON; bytes that are not UTF-8 become U+FFFD. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	size_t n = strlen(s), bad;
	if (utf8_validate(s, n, &bad) == 0)
		return json_stringn(s, n);
	strbuf sb;
	sb_init(&sb);
	utf8_sanitize(s, n, &sb);
	json_t *j = json_stringn(sb.buf, sb.len);
	sb_release(&sb);
	return j ? j : json_string("");
}

/* A number, or null where it is not defined. */
static json_t *jnum(double x) { return isfinite(x) ? json_real(no_neg_zero(x, -1)) : json_null(); }

static void send_json(serve_response *rs, int status, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH);
	json_decref(j);
	rs->status = status;
	rs->type = "application/json";
	sb_reset(&rs->body);
	sb_adds(&rs->body, text ? text : "null");
	free(text);
}

/* The reason of the last error reported during a request ("" when none). */
static const char *last_error(strbuf *errs)
{
	/* "qcode: error: WHY\n" -> "WHY" */
	char *p = errs->buf, *last = NULL;
	while ((p = strstr(p, "qcode: error: "))) {
		last = p + strlen("qcode: error: ");
		p = last;
	}
	if (!last)
		return "";
	char *nl = strchr(last, '\n');
	if (nl)
		*nl = '\0';
	return last;
}

/* 503 with "not saved: WHY" (or what). */
static void not_saved(serve_response *rs, strbuf *errs)
{
	strbuf m;
	sb_init(&m);
	const char *why = last_error(errs);
	sb_addf(&m, "not saved: %s", *why ? why : "the database could not be written");
	json_t *j = json_object();
	json_object_set_new(j, "error", jstr(m.buf));
	json_object_set_new(j, "saved", json_false());
	send_json(rs, 503, j);
	sb_release(&m);
}

/* A query parameter as a number in [lo, hi] (def when absent); -1 after a 400. */
static int arg_long(const serve_request *rq, serve_response *rs, const char *key, long lo, long hi,
		    long def, long *out)
{
	const char *v = serve_arg(rq, key);
	*out = def;
	if (!v || !*v)
		return 0;
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (*end || errno || x < lo || x > hi) {
		char msg[120];
		snprintf(msg, sizeof(msg), "'%s' must be a number from %ld to %ld", key, lo, hi);
		serve_error(rs, 400, msg);
		return -1;
	}
	*out = x;
	return 0;
}

const char *api_coder_invalid(const char *name)
{
	size_t n = strlen(name), bad;
	if (!n)
		return "a coder needs a name";
	if (n > SERVE_CODER_MAX)
		return "a coder's name is at most 64 bytes";
	if (utf8_validate(name, n, &bad))
		return "a coder's name must be UTF-8";
	int blank = 1;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int k = utf8_decode((const unsigned char *)name + i, n - i, &cp);
		if (k <= 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
		    cp == 0x2029)
			return "a coder's name cannot hold control characters";
		if (cp != ' ')
			blank = 0;
		i += (size_t)k;
	}
	if (blank)
		return "a coder needs a name";
	if (!strcmp(name, "machine") || !strcmp(name, "effective"))
		return "'machine' and 'effective' are names eval gives codings of its own";
	return NULL;
}

/* ---- the answer's text, cut by its evidence ---- */

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

size_t api_pieces(const char *text, size_t len, const review_span *spans, size_t n,
		  api_piece **out)
{
	size_t *cut = xmalloc((2 * n + 2) * sizeof(size_t)), nc = 0;
	cut[nc++] = 0;
	cut[nc++] = len;
	for (size_t i = 0; i < n; i++) {
		size_t e[2] = { spans[i].start, spans[i].end };
		for (int j = 0; j < 2; j++) {
			size_t b = e[j] < len ? e[j] : len;
			/* never inside a character */
			while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
				b++;
			cut[nc++] = b;
		}
	}
	qsort(cut, nc, sizeof(size_t), cmp_size);
	*out = xmalloc((nc + 1) * sizeof(api_piece));
	size_t np = 0;
	for (size_t i = 0; i + 1 < nc; i++) {
		if (cut[i] == cut[i + 1])
			continue;
		int theme = -1;
		for (size_t k = 0; k < n && theme < 0; k++)
			if (spans[k].start <= cut[i] && cut[i] < spans[k].end)
				theme = spans[k].theme;
		(*out)[np++] = (api_piece){ cut[i], cut[i + 1], theme };
	}
	free(cut);
	return np;
}

/* ---- an answer ---- */

/*
 * What the coder was shown of an answer, as a version: the last decision
 * on it the coder sees (blind: their own) and the run that coded it.
 */
static void rev_of(reviewer *rv, long long id, char out[64])
{
	long long dec = 0, run = 0;
	reviewer_version(rv, id, &dec, &run);
	snprintf(out, 64, "%lld.%lld", dec, run);
}

static json_t *view_json(reviewer *rv, answer_view *v)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(v->id));
	json_object_set_new(j, "ext_id", jstr(v->ext_id));
	json_object_set_new(j, "text", jstr(v->text));
	json_t *attrs = json_array();
	for (size_t i = 0; i < v->nattrs; i++) {
		json_t *a = json_object();
		json_object_set_new(a, "name", jstr(v->attr_name[i]));
		json_object_set_new(a, "value", jstr(v->attr_value[i]));
		json_array_append_new(attrs, a);
	}
	json_object_set_new(j, "attrs", attrs);
	json_t *coded = json_array();
	for (size_t t = 0; t < rv->nthemes; t++)
		json_array_append_new(coded, json_boolean(v->coded[t]));
	json_object_set_new(j, "coded", coded);
	json_object_set_new(j, "primary", json_integer(v->primary));
	json_object_set_new(j, "decided", json_boolean(v->decided));
	char rev[64];
	rev_of(rv, v->id, rev);
	json_object_set_new(j, "rev", json_string(rev));
	/* the text in pieces, each with the theme whose evidence it is and the rules */
	size_t len = strlen(v->text);
	api_piece *pc = NULL;
	size_t np = rv->blind ? api_pieces(v->text, len, NULL, 0, &pc)
			      : api_pieces(v->text, len, v->spans, v->nspans, &pc);
	json_t *pieces = json_array();
	strbuf piece, title;
	sb_init(&piece);
	sb_init(&title);
	for (size_t i = 0; i < np; i++) {
		sb_reset(&piece);
		sb_add(&piece, v->text + pc[i].start, pc[i].end - pc[i].start);
		sb_reset(&title);
		for (size_t k = 0; !rv->blind && k < v->nspans; k++) {
			const review_span *sp = &v->spans[k];
			if (sp->start <= pc[i].start && pc[i].start < sp->end)
				sb_addf(&title, "%s%s: %s", title.len ? "\n" : "", rv->keys[sp->theme],
					sp->rule ? sp->rule : "");
		}
		json_t *p = json_object();
		json_object_set_new(p, "t", jstr(piece.buf));
		json_object_set_new(p, "theme", json_integer(pc[i].theme));
		if (title.len)
			json_object_set_new(p, "rules", jstr(title.buf));
		json_array_append_new(pieces, p);
	}
	sb_release(&piece);
	sb_release(&title);
	free(pc);
	json_object_set_new(j, "pieces", pieces);
	if (!rv->blind) {
		json_t *m = json_array(), *sc = json_array();
		for (size_t t = 0; t < rv->nthemes; t++) {
			json_array_append_new(m, json_boolean(v->machine[t]));
			json_array_append_new(sc, jnum(v->score[t]));
		}
		json_object_set_new(j, "machine", m);
		json_object_set_new(j, "score", sc);
		json_object_set_new(j, "machine_primary", json_integer(v->machine_primary));
	}
	return j;
}

/* ---- handlers ---- */

typedef struct call {
	api *a;
	serve_session *s;
	const serve_request *rq;
	serve_response *rs;
	strbuf *errs;       /* what was reported during the call */
	reviewer rv;        /* the themes, as the session's coder sees them */
} call;

static json_t *session_json(call *c)
{
	json_t *j = json_object();
	json_object_set_new(j, "coder", jstr(c->s->coder));
	json_object_set_new(j, "blind", json_boolean(c->s->blind));
	json_object_set_new(j, "blind_forced", json_boolean(c->a->blind));
	json_object_set_new(j, "csrf", json_string(c->s->csrf));
	json_object_set_new(j, "version", jstr(c->a->version));
	json_t *th = json_array();
	for (size_t t = 0; t < c->rv.nthemes; t++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(c->rv.keys[t]));
		json_object_set_new(o, "label", jstr(c->rv.labels[t]));
		json_array_append_new(th, o);
	}
	json_object_set_new(j, "themes", th);
	return j;
}

/* The request's body as a JSON object, or NULL after a 400. */
static json_t *body_object(call *c)
{
	json_error_t je;
	json_t *in = c->rq->body ? json_loadb(c->rq->body, c->rq->body_len, JSON_REJECT_DUPLICATES, &je)
				 : NULL;
	if (!json_is_object(in)) {
		json_decref(in);
		serve_error(c->rs, 400, "the request is not a JSON object");
		return NULL;
	}
	return in;
}

static void h_session(call *c)
{
	if (!strcmp(c->rq->method, "POST")) {
		json_t *in = body_object(c);
		if (!in)
			return;
		json_t *jc = json_object_get(in, "coder"), *jb = json_object_get(in, "blind");
		const char *name = json_is_string(jc) ? json_string_value(jc) : "";
		const char *why = json_is_string(jc) && strlen(name) == json_string_length(jc)
					  ? api_coder_invalid(name)
					  : "a coder needs a name";
		if (why) {
			json_decref(in);
			serve_error(c->rs, 400, why);
			return;
		}
		snprintf(c->s->coder, sizeof(c->s->coder), "%s", name);
		c->s->blind = c->a->blind || json_is_true(jb);
		json_decref(in);
		c->rv.coder = c->s->coder;
		c->rv.blind = c->s->blind;
	}
	send_json(c->rs, 200, session_json(c));
}

typedef struct queue_args {
	const char *queue;
	const char *theme;
	long sample, seed, k;
	double low;
} queue_args;

/* The queue the request names, into ids (and the quote theme of each, for quotes); -1 after an error response. */
static int queue_of(call *c, queue_args *q, long long **ids, size_t *n, int **theme_of,
		    int **confirmed)
{
	const char *th = serve_arg(c->rq, "theme");
	q->queue = serve_arg(c->rq, "queue");
	if (!q->queue || !*q->queue)
		q->queue = "all";
	q->theme = th && *th ? th : NULL;
	q->low = 2;
	const char *low = serve_arg(c->rq, "low");
	if (low && *low) {
		char *end;
		q->low = strtod(low, &end);
		if (*end || !isfinite(q->low)) {
			serve_error(c->rs, 400, "'low' must be a number");
			return -1;
		}
	}
	if (arg_long(c->rq, c->rs, "sample", 0, 100000000, 0, &q->sample) ||
	    arg_long(c->rq, c->rs, "seed", 0, 2000000000, 1, &q->seed) ||
	    arg_long(c->rq, c->rs, "k", 1, 100, 5, &q->k))
		return -1;
	if (q->theme && reviewer_theme(&c->rv, q->theme) < 0) {
		serve_error(c->rs, 400, "unknown theme");
		return -1;
	}
	*ids = NULL;
	*n = 0;
	if (!strcmp(q->queue, "quotes")) {
		if (c->rv.blind) {
			serve_error(c->rs, 403, "the quotes queue shows the machine's candidates: not in blind review");
			return -1;
		}
		quote_opts o = { .k = (int)q->k, .min_words = 8, .max_words = 80 };
		if (quotes_queue(&c->rv, c->a->st, &o, q->theme, ids, theme_of, confirmed, n)) {
			serve_error(c->rs, 500, last_error(c->errs));
			return -1;
		}
		return 0;
	}
	if (reviewer_queue(&c->rv, q->queue, q->theme, q->low, q->sample, (unsigned long)q->seed, ids, n)) {
		serve_error(c->rs, error_last_code() == EXIT_USAGE ? 400 : 500, last_error(c->errs));
		return -1;
	}
	return 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* The answers the coder has live decisions on, sorted. */
static long long *decided_by(call *c, size_t *n)
{
	long long *ids = NULL;
	if (project_decided(c->rv.d, c->s->coder, &ids, n))
		return NULL;
	return ids;
}

static void h_queue(call *c)
{
	queue_args q;
	long long *ids = NULL;
	int *theme_of = NULL, *confirmed = NULL;
	size_t n;
	if (queue_of(c, &q, &ids, &n, &theme_of, &confirmed))
		goto out;
	size_t nd;
	long long *dec = decided_by(c, &nd);
	json_t *j = json_object(), *ja = json_array(), *jd = json_array();
	size_t done = 0;
	for (size_t i = 0; i < n; i++) {
		int d = dec && bsearch(&ids[i], dec, nd, sizeof(*dec), cmp_ll) != NULL;
		done += (size_t)d;
		json_array_append_new(ja, json_integer(ids[i]));
		json_array_append_new(jd, json_boolean(d));
	}
	free(dec);
	json_object_set_new(j, "queue", jstr(q.queue));
	json_object_set_new(j, "ids", ja);
	json_object_set_new(j, "decided", jd);
	json_object_set_new(j, "done", json_integer((json_int_t)done));
	if (theme_of) {
		json_t *jt = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(jt, json_integer(theme_of[i]));
		json_object_set_new(j, "theme_of", jt);
	}
	send_json(c->rs, 200, j);
out:
	free(ids);
	free(theme_of);
	free(confirmed);
}

static void h_queues(call *c)
{
	static const char *const names[] = { "all", "uncoded", "multi", "low", "changed", "quotes" };
	json_t *j = json_array();
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(names[i]));
		if (!strcmp(names[i], "quotes") && c->rv.blind) {
			json_object_set_new(o, "count", json_null());
			json_array_append_new(j, o);
			continue;
		}
		/* the request's filters, with this queue */
		serve_kv args[SERVE_MAX_ARGS + 1];
		size_t na = 0;
		for (size_t k = 0; k < c->rq->nargs && na < SERVE_MAX_ARGS; k++)
			if (strcmp(c->rq->args[k].key, "queue"))
				args[na++] = c->rq->args[k];
		args[na++] = (serve_kv){ "queue", names[i] };
		serve_request rq = *c->rq;
		rq.args = args;
		rq.nargs = na;
		call sub = *c;
		sub.rq = &rq;
		queue_args q;
		long long *ids = NULL;
		int *theme_of = NULL, *confirmed = NULL;
		size_t n = 0;
		if (queue_of(&sub, &q, &ids, &n, &theme_of, &confirmed)) {
			json_decref(o);
			json_decref(j);
			return;
		}
		json_object_set_new(o, "count", json_integer((json_int_t)n));
		json_array_append_new(j, o);
		free(ids);
		free(theme_of);
		free(confirmed);
	}
	json_t *out = json_object();
	json_object_set_new(out, "queues", j);
	send_json(c->rs, 200, out);
}

/* The answer ?id= names, loaded; -1 after a 400 or 404. */
static int answer_arg(call *c, answer_view *v)
{
	long id;
	if (arg_long(c->rq, c->rs, "id", 1, 0x7fffffffL, 0, &id))
		return -1;
	if (!id || reviewer_load(&c->rv, id, v)) {
		serve_error(c->rs, 404, "no such answer");
		return -1;
	}
	return 0;
}

static void h_answer(call *c)
{
	answer_view v;
	memset(&v, 0, sizeof(v));
	if (answer_arg(c, &v) == 0)
		send_json(c->rs, 200, view_json(&c->rv, &v));
	answer_view_release(&v);
}

static const struct {
	const char *name;
	int action;
} actions[] = {
	{ "add", DEC_ADD }, { "remove", DEC_REMOVE }, { "primary", DEC_PRIMARY },
	{ "none", DEC_NONE }, { "accept", DEC_ACCEPT },
};

static void h_decide(call *c)
{
	answer_view v;
	memset(&v, 0, sizeof(v));
	json_t *in = NULL;
	if (!*c->s->coder) {
		serve_error(c->rs, 409, "not saved: name yourself first");
		goto out;
	}
	if (!(in = body_object(c)))
		goto out;
	json_t *jid = json_object_get(in, "id"), *jops = json_object_get(in, "ops");
	json_t *jnote = json_object_get(in, "note"), *jrev = json_object_get(in, "rev");
	size_t nops = json_array_size(jops);
	if (!json_is_integer(jid) || !json_is_array(jops) || !nops || nops > MAX_OPS ||
	    (jnote && !json_is_null(jnote) && !json_is_string(jnote)) || (jrev && !json_is_string(jrev))) {
		serve_error(c->rs, 400, "a decision is {id, ops: [{action, theme}], note, rev}");
		goto out;
	}
	const char *note = json_is_string(jnote) && json_string_length(jnote) ? json_string_value(jnote) : NULL;
	if (note && (json_string_length(jnote) > MAX_NOTE || strlen(note) != json_string_length(jnote))) {
		serve_error(c->rs, 400, "a note is at most 4000 bytes of text");
		goto out;
	}
	if (reviewer_load(&c->rv, json_integer_value(jid), &v)) {
		serve_error(c->rs, 404, "not saved: no such answer");
		goto out;
	}
	decision ops[2 * MAX_OPS];
	size_t n = 0;
	int accept = 0;
	for (size_t i = 0; i < nops; i++) {
		json_t *op = json_array_get(jops, i);
		const char *an = json_string_value(json_object_get(op, "action"));
		const char *tk = json_string_value(json_object_get(op, "theme"));
		int action = -1;
		for (size_t k = 0; an && k < sizeof(actions) / sizeof(*actions); k++)
			if (!strcmp(an, actions[k].name))
				action = actions[k].action;
		if (action < 0) {
			serve_error(c->rs, 400, "an action is add, remove, primary, none or accept");
			goto out;
		}
		int t = -1;
		if (action == DEC_ADD || action == DEC_REMOVE || action == DEC_PRIMARY) {
			t = tk ? reviewer_theme(&c->rv, tk) : -1;
			if (t < 0) {
				serve_error(c->rs, 400, "not saved: unknown theme");
				goto out;
			}
		}
		if (action == DEC_PRIMARY) /* the primary is coded too, as in the terminal */
			ops[n++] = (decision){ DEC_ADD, t };
		ops[n++] = (decision){ action, t };
		accept |= action == DEC_ACCEPT;
	}
	char rev[64];
	rev_of(&c->rv, v.id, rev);
	if (accept && (!jrev || strcmp(json_string_value(jrev), rev))) {
		/* an accept records what was shown: not what has changed since */
		json_t *j = json_object();
		json_object_set_new(j, "error", json_string("not saved: the answer changed since it was "
							    "shown; look again and decide anew"));
		json_object_set_new(j, "saved", json_false());
		json_object_set_new(j, "view", view_json(&c->rv, &v));
		send_json(c->rs, 409, j);
		goto out;
	}
	long long batch = db_writable(c->rv.d) ? -1 : reviewer_decide(&c->rv, &v, ops, n, note);
	if (batch < 0) {
		not_saved(c->rs, c->errs);
		goto out;
	}
	/* committed: only now is it answered as saved */
	json_t *j = json_object();
	json_object_set_new(j, "saved", json_true());
	json_object_set_new(j, "batch", json_integer(batch));
	if (reviewer_load(&c->rv, v.id, &v) == 0)
		json_object_set_new(j, "view", view_json(&c->rv, &v));
	send_json(c->rs, 200, j);
out:
	json_decref(in);
	answer_view_release(&v);
}

static void h_undo(call *c)
{
	if (!*c->s->coder) {
		serve_error(c->rs, 409, "not undone: name yourself first");
		return;
	}
	long long id = 0;
	int r = db_writable(c->rv.d) ? -1 : reviewer_undo(&c->rv, &id);
	if (r < 0) {
		const char *why = last_error(c->errs);
		char msg[400];
		snprintf(msg, sizeof(msg), "not undone: %s", *why ? why : "the database could not be written");
		serve_error(c->rs, 503, msg);
		return;
	}
	json_t *j = json_object();
	json_object_set_new(j, "undone", json_boolean(r == 1));
	answer_view v;
	memset(&v, 0, sizeof(v));
	if (r == 1 && reviewer_load(&c->rv, id, &v) == 0) {
		json_object_set_new(j, "id", json_integer(id));
		json_object_set_new(j, "view", view_json(&c->rv, &v));
	}
	answer_view_release(&v);
	send_json(c->rs, 200, j);
}

/* Where a search finds its words: the positions in the queue. */
typedef struct search_ctx {
	const strbuf *fq;   /* the words, folded */
	strbuf *ft;         /* an answer's text, folded */
	json_t *m;          /* the positions found */
	size_t found;
} search_ctx;

static int search_text(size_t i, const char *text, size_t len, void *ctx)
{
	search_ctx *sc = ctx;
	sb_reset(sc->ft);
	utf8_fold(text, len, sc->ft);
	if (strstr(sc->ft->buf, sc->fq->buf)) {
		json_array_append_new(sc->m, json_integer((json_int_t)i));
		sc->found++;
	}
	return sc->found >= MAX_MATCHES;
}

static void h_search(call *c)
{
	const char *q = serve_arg(c->rq, "q");
	if (!q || !*q || strlen(q) > MAX_QUERY) {
		serve_error(c->rs, 400, "search for 1 to 200 bytes of text");
		return;
	}
	queue_args qa;
	long long *ids = NULL;
	int *theme_of = NULL, *confirmed = NULL;
	size_t n;
	if (queue_of(c, &qa, &ids, &n, &theme_of, &confirmed))
		return;
	strbuf fq, ft;
	sb_init(&fq);
	sb_init(&ft);
	utf8_fold(q, strlen(q), &fq);
	json_t *m = json_array();
	search_ctx sc = { &fq, &ft, m, 0 };
	project_texts_each(c->rv.d, ids, n, search_text, &sc);
	json_t *j = json_object();
	json_object_set_new(j, "positions", m);
	send_json(c->rs, 200, j);
	sb_release(&fq);
	sb_release(&ft);
	free(ids);
	free(theme_of);
	free(confirmed);
}

static int history_json(const history_row *row, void *ctx)
{
	static const char *const cols[] = { "decision", "batch", "id", "action", "theme", "coder",
					    "at", "note", "status" };
	json_t *r = json_object();
	for (int k = 0; k < 9; k++)
		json_object_set_new(r, cols[k], jstr(row->col[k]));
	json_array_append_new(ctx, r);
	return 0;
}

static void h_history(call *c)
{
	answer_view v;
	memset(&v, 0, sizeof(v));
	if (answer_arg(c, &v))
		return;
	/* blind: the coder's own decisions only */
	json_t *rows = json_array();
	if (reviewer_history(&c->rv, v.ext_id, c->rv.blind ? c->rv.coder : NULL, history_json, rows)) {
		json_decref(rows);
		serve_error(c->rs, 500, last_error(c->errs));
		answer_view_release(&v);
		return;
	}
	json_t *j = json_object();
	json_object_set_new(j, "rows", rows);
	send_json(c->rs, 200, j);
	answer_view_release(&v);
}

static json_t *compare_json(const char *an, const char *bn, const eval_coding *a, const eval_coding *b,
			    const project_answers *pa, const reviewer *rv, long boot)
{
	eval_result r;
	memset(&r, 0, sizeof(r));
	json_t *j = json_object();
	json_object_set_new(j, "a", jstr(an));
	json_object_set_new(j, "b", jstr(bn));
	if (eval_compare(a, b, pa->n, rv->nthemes, pa->in, boot, 1, &r)) {
		json_object_set_new(j, "answers", json_integer((json_int_t)r.nunits));
		eval_result_release(&r);
		return j;
	}
	json_object_set_new(j, "answers", json_integer((json_int_t)r.nunits));
	json_object_set_new(j, "micro_f1", jnum(r.micro_f1));
	json_object_set_new(j, "macro_f1", jnum(r.macro_f1));
	json_object_set_new(j, "with_primary", json_integer((json_int_t)r.with_primary));
	json_object_set_new(j, "primary_right", json_integer((json_int_t)r.primary_right));
	json_object_set_new(j, "primary_accuracy", jnum(r.primary_accuracy));
	json_object_set_new(j, "primary_kappa", jnum(r.primary_kappa));
	json_object_set_new(j, "primary_alpha", jnum(r.primary_alpha));
	json_t *th = json_array();
	for (size_t t = 0; t < rv->nthemes; t++) {
		const eval_theme *e = &r.themes[t];
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(rv->keys[t]));
		json_object_set_new(o, "tp", jnum(e->tp));
		json_object_set_new(o, "fp", jnum(e->fp));
		json_object_set_new(o, "fn", jnum(e->fn));
		json_object_set_new(o, "precision", jnum(e->precision));
		json_object_set_new(o, "recall", jnum(e->recall));
		json_object_set_new(o, "f1", jnum(e->f1));
		json_object_set_new(o, "f1_lo", jnum(e->f1_lo));
		json_object_set_new(o, "f1_hi", jnum(e->f1_hi));
		json_object_set_new(o, "kappa", jnum(e->kappa));
		json_object_set_new(o, "kappa_lo", jnum(e->kappa_lo));
		json_object_set_new(o, "kappa_hi", jnum(e->kappa_hi));
		json_object_set_new(o, "alpha", jnum(e->alpha));
		json_array_append_new(th, o);
	}
	json_object_set_new(j, "themes", th);
	eval_result_release(&r);
	return j;
}

static void h_agreement(call *c)
{
	long boot;
	if (arg_long(c->rq, c->rs, "boot", 0, 10000, 1000, &boot))
		return;
	project_answers pa;
	char **coders = NULL;
	size_t nc = 0;
	eval_coding *cod = NULL;
	size_t k = c->rv.nthemes;
	reviewer rv = c->rv;
	rv.blind = 0;
	if (project_answers_load(c->rv.d, &pa) || codings_coders(c->rv.d, &coders, &nc)) {
		serve_error(c->rs, 500, last_error(c->errs));
		goto out;
	}
	/* only the answers someone decided can be compared: load those */
	long long *decided = NULL;
	size_t nd = 0;
	if (project_decided(c->rv.d, NULL, &decided, &nd)) {
		serve_error(c->rs, 500, last_error(c->errs));
		goto out;
	}
	memset(pa.in, 0, pa.n);
	for (size_t i = 0; i < nd; i++) {
		long u = project_answer_index(&pa, decided[i]);
		if (u >= 0)
			pa.in[u] = 1;
	}
	free(decided);
	cod = xcalloc(nc + 1, sizeof(*cod));
	eval_coding_init(&cod[nc], "machine", pa.n, k);
	int bad = codings_machine(&rv, &pa, &cod[nc]);
	for (size_t i = 0; i < nc; i++) {
		eval_coding_init(&cod[i], coders[i], pa.n, k);
		bad = bad || codings_view(&rv, &pa, coders[i], 0, &cod[i]);
	}
	if (bad) {
		serve_error(c->rs, 500, last_error(c->errs));
		goto out;
	}
	json_t *pairs = json_array();
	for (size_t i = 0; i < nc; i++)
		for (size_t m = i + 1; m <= nc; m++)
			json_array_append_new(pairs, compare_json(coders[i], m < nc ? coders[m] : "machine",
								  &cod[i], &cod[m], &pa, &rv, boot));
	json_t *j = json_object(), *jc = json_array(), *th = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(jc, jstr(coders[i]));
	for (size_t t = 0; t < k; t++)
		json_array_append_new(th, jstr(rv.keys[t]));
	json_object_set_new(j, "coders", jc);
	json_object_set_new(j, "themes", th);
	json_object_set_new(j, "pairs", pairs);
	json_object_set_new(j, "boot", json_integer(boot));
	send_json(c->rs, 200, j);
out:
	for (size_t i = 0; cod && i <= nc; i++)
		eval_coding_release(&cod[i]);
	free(cod);
	for (size_t i = 0; i < nc; i++)
		free(coders[i]);
	free(coders);
	project_answers_release(&pa);
}

static void h_groups(call *c)
{
	char **names;
	size_t n;
	if (project_groups(c->rv.d, &names, &n)) {
		serve_error(c->rs, 500, last_error(c->errs));
		return;
	}
	json_t *g = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(g, jstr(names[i]));
		free(names[i]);
	}
	free(names);
	json_t *j = json_object();
	json_object_set_new(j, "groups", g);
	send_json(c->rs, 200, j);
}

/* The crosstab of ?by= (none: one group); -1 after an error response. */
static int crosstab_arg(call *c, crosstab *x)
{
	const char *by = serve_arg(c->rq, "by");
	if (by && !*by)
		by = NULL;
	int lang = lang_resolve(serve_arg(c->rq, "lang"), c->a->lex_dir);
	if (lang < 0 || crosstab_build(x, c->rv.d, c->a->lex_dir, &by, by ? 1 : 0, lang)) {
		serve_error(c->rs, error_last_code() == EXIT_DB ? 500 : 400, last_error(c->errs));
		return -1;
	}
	return 0;
}

static void h_table(call *c)
{
	crosstab x;
	if (crosstab_arg(c, &x) == 0) {
		json_t *j = json_object(), *g = json_array(), *th = json_array();
		for (size_t i = 0; i < x.ng; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "name", jstr(x.groups[i]));
			json_object_set_new(o, "n", json_integer(x.n[i]));
			json_array_append_new(g, o);
		}
		for (size_t t = 0; t < x.rv.nthemes; t++) {
			json_t *o = json_object(), *cnt = json_array();
			json_object_set_new(o, "key", jstr(x.rv.keys[t]));
			json_object_set_new(o, "label", jstr(x.rv.labels[t]));
			for (size_t i = 0; i < x.ng; i++)
				json_array_append_new(cnt, json_integer(x.cnt[t * x.ng + i]));
			json_object_set_new(o, "counts", cnt);
			json_array_append_new(th, o);
		}
		json_object_set_new(j, "groups", g);
		json_object_set_new(j, "themes", th);
		json_object_set_new(j, "total", json_integer(x.total));
		send_json(c->rs, 200, j);
	}
	crosstab_release(&x);
}

static void h_chart(call *c)
{
	crosstab x;
	if (crosstab_arg(c, &x) == 0) {
		sb_reset(&c->rs->body);
		chart_svg(&x, &c->rs->body);
		c->rs->type = "image/svg+xml";
		/* an image: its own styles, no script */
		c->rs->csp = "default-src 'none'; style-src 'unsafe-inline'";
	}
	crosstab_release(&x);
}

/* The quotes the request asks for (?k, ?by, ?reviewed_only), in the appendix's theme order. */
static int quotes_of(call *c, quote_opts *o, theme_quotes **tq, long *answers, int **order)
{
	long k, ro;
	if (c->rv.blind) {
		serve_error(c->rs, 403, "the quotes are chosen from the machine's codes: not in blind review");
		return -1;
	}
	if (arg_long(c->rq, c->rs, "k", 1, 50, 3, &k) ||
	    arg_long(c->rq, c->rs, "reviewed_only", 0, 1, 0, &ro))
		return -1;
	const char *by = serve_arg(c->rq, "by");
	memset(o, 0, sizeof(*o));
	o->k = (int)k;
	o->min_words = 8;
	o->max_words = 80;
	o->by = by && *by ? by : NULL;
	o->reviewed_only = (int)ro;
	if (o->by) {
		strbuf names;
		sb_init(&names);
		int has = crosstab_has_group(c->rv.d, o->by, &names);
		sb_release(&names);
		if (!has) {
			serve_error(c->rs, 400, "no such group variable");
			return -1;
		}
	}
	*tq = NULL;
	if (quotes_select(&c->rv, c->a->st, o, tq, answers)) {
		serve_error(c->rs, 500, last_error(c->errs));
		return -1;
	}
	*order = xcalloc(c->rv.nthemes + 1, sizeof(int));
	quotes_order(&c->rv, *tq, NULL, *order);
	return 0;
}

static void h_quotes(call *c)
{
	quote_opts o;
	theme_quotes *tq = NULL;
	int *order = NULL;
	long answers;
	if (quotes_of(c, &o, &tq, &answers, &order))
		return;
	scrubber *sc = scrub_new();
	strbuf text;
	sb_init(&text);
	json_t *th = json_array();
	for (size_t i = 0; i < c->rv.nthemes; i++) {
		int t = order[i];
		json_t *o2 = json_object(), *qs = json_array();
		json_object_set_new(o2, "key", jstr(c->rv.keys[t]));
		json_object_set_new(o2, "theme", json_integer(t));
		json_object_set_new(o2, "label", jstr(c->rv.labels[t]));
		json_object_set_new(o2, "coded", json_integer(tq[t].coded));
		json_object_set_new(o2, "candidates", json_integer((json_int_t)tq[t].candidates));
		json_object_set_new(o2, "fallback", json_boolean(tq[t].fallback));
		for (size_t q = 0; q < tq[t].n; q++) {
			const quote *qu = &tq[t].q[q];
			json_t *jq = json_object();
			sb_reset(&text);
			if (sc)
				scrub_text(sc, qu->text, strlen(qu->text), &text);
			json_object_set_new(jq, "id", json_integer(qu->id));
			json_object_set_new(jq, "ext_id", jstr(qu->ext_id));
			json_object_set_new(jq, "text", jstr(text.buf));
			json_object_set_new(jq, "group", jstr(qu->group));
			json_object_set_new(jq, "words", json_integer(qu->words));
			json_object_set_new(jq, "score", jnum(qu->rep));
			json_object_set_new(jq, "confirmed", json_boolean(qu->confirmed));
			json_object_set_new(jq, "coder", jstr(qu->coder));
			json_array_append_new(qs, jq);
		}
		json_object_set_new(o2, "quotes", qs);
		json_array_append_new(th, o2);
	}
	json_t *j = json_object();
	json_object_set_new(j, "answers", json_integer(answers));
	json_object_set_new(j, "themes", th);
	send_json(c->rs, 200, j);
	sb_release(&text);
	scrub_free(sc);
	quotes_release(tq, c->rv.nthemes);
	free(order);
}

static void h_appendix(call *c)
{
	const char *fmt = serve_arg(c->rq, "format");
	int html = fmt && !strcmp(fmt, "html");
	if (fmt && !html && strcmp(fmt, "md")) {
		serve_error(c->rs, 400, "the appendix is md or html");
		return;
	}
	quote_opts o;
	theme_quotes *tq = NULL;
	int *order = NULL;
	long answers;
	if (quotes_of(c, &o, &tq, &answers, &order))
		return;
	int lang = lang_resolve(serve_arg(c->rq, "lang"), c->a->lex_dir);
	quotes_doc qd = { .html = html, .lang = lang, .version = c->a->version };
	sb_reset(&c->rs->body);
	if (lang < 0 || quotes_appendix(&c->rv, c->a->lex_dir, &o, tq, order, answers, &qd, &c->rs->body)) {
		serve_error(c->rs, lang < 0 ? 400 : 500, last_error(c->errs));
	} else {
		c->rs->type = html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8";
		/* a download, never a page of this server */
		c->rs->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
		snprintf(c->rs->disposition, sizeof(c->rs->disposition), "attachment; filename=\"appendix.%s\"",
			 html ? "html" : "md");
	}

	quotes_release(tq, c->rv.nthemes);
	free(order);
}

/* ---- dispatch ---- */

/* Messages reported during a request: kept for its answer, and logged. */
static void api_sink(const char *msg, void *ctx)
{
	sb_adds(ctx, msg);
	fputs(msg, stderr);
}

static const struct {
	const char *path;
	void (*fn)(call *c);
} handlers[] = {
	{ "/api/session", h_session }, { "/api/queues", h_queues },   { "/api/queue", h_queue },
	{ "/api/answer", h_answer },   { "/api/decide", h_decide },   { "/api/undo", h_undo },
	{ "/api/search", h_search },   { "/api/history", h_history }, { "/api/agreement", h_agreement },
	{ "/api/groups", h_groups },   { "/api/table", h_table },     { "/api/chart.svg", h_chart },
	{ "/api/quotes", h_quotes },   { "/api/appendix", h_appendix },
};

void api_handle(void *ctx, serve_session *s, const serve_request *rq, serve_response *rs)
{
	api *a = ctx;
	strbuf errs;
	sb_init(&errs);
	error_set_sink(api_sink, &errs);
	call c = { .a = a, .s = s, .rq = rq, .rs = rs, .errs = &errs };
	size_t i, n = sizeof(handlers) / sizeof(*handlers);
	for (i = 0; i < n && strcmp(handlers[i].path, rq->path); i++)
		;
	if (i == n) {
		serve_error(rs, 404, "not found");
	} else if (reviewer_init(&c.rv, a->d, s->coder, s->blind, a->lex_dir)) {
		serve_error(rs, 503, last_error(&errs));
	} else {
		handlers[i].fn(&c);
	}
	reviewer_release(&c.rv);
	error_set_sink(NULL, NULL);
	sb_release(&errs);
}
