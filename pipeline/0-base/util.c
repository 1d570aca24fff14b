/*
 * util: error reporting, checked allocation, strbuf and small file helpers.
 */
#include "util.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static error_sink_fn sink_fn;
static void *sink_ctx;
/* per thread: a coding thread's error does not race the command's */
static _Thread_local int last_code = EXIT_INPUT;

void error_set_sink(error_sink_fn fn, void *ctx)
{
	sink_fn = fn;
	sink_ctx = ctx;
}

void error_set_code(int code) { last_code = code; }
int error_last_code(void) { return last_code; }

static void emit(const char *msg)
{
	if (sink_fn)
		sink_fn(msg, sink_ctx);
	else
		fputs(msg, stderr);
}

/* A message names files, ids and values from its input: they are shown
   escaped (sb_add_term), so that none can play tricks on the terminal. */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	strbuf sb;
	char tmp[1024];
	sb_init(&sb);
	sb_adds(&sb, prefix);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	sb_add_term(&sb, tmp, strlen(tmp), 0);
	sb_addc(&sb, '\n');
	emit(sb.buf);
	sb_release(&sb);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("qcode: error: ", fmt, ap);
	va_end(ap);
	return -1;
}

int error_in(const char *where, const char *fmt, ...)
{
	strbuf prefix;
	sb_init(&prefix);
	sb_add_term(&prefix, where, strlen(where), 0);
	sb_adds(&prefix, ": ");
	va_list ap;
	va_start(ap, fmt);
	vreport(prefix.buf, fmt, ap);
	va_end(ap);
	sb_release(&prefix);
	error_set_code(EXIT_INPUT);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("qcode: warning: ", fmt, ap);
	va_end(ap);
}

int error_at(const char *file, long line, long col, const char *line_text,
	     size_t line_len, const char *fmt, ...)
{
	strbuf sb;
	char tmp[1024];
	va_list ap;

	sb_init(&sb);
	if (col > 0)
		sb_addf(&sb, "%s:%ld:%ld: ", file, line, col);
	else
		sb_addf(&sb, "%s:%ld: ", file, line);
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	strbuf head;
	sb_init(&head);
	sb_add_term(&head, sb.buf, sb.len, 0);
	sb_add_term(&head, tmp, strlen(tmp), 0);
	sb_release(&sb);
	sb = head;
	sb_addc(&sb, '\n');
	if (line_text) {
		/* show the line (escaped as in the message; tabs kept, so the
		   caret lines up) */
		size_t n = line_len > 200 ? 200 : line_len;
		while (n && (line_text[n - 1] == '\n' || line_text[n - 1] == '\r'))
			n--;
		sb_adds(&sb, "  ");
		sb_add_term(&sb, line_text, n, TERM_KEEP_TAB);
		sb_addc(&sb, '\n');
		if (col > 0) {
			strbuf before;
			sb_init(&before);
			sb_add_term(&before, line_text, (size_t)col - 1 < n ? (size_t)col - 1 : n,
				    TERM_KEEP_TAB);
			sb_adds(&sb, "  ");
			/* count display columns: one per UTF-8 lead byte */
			for (size_t i = 0; i < before.len; i++) {
				unsigned char c = (unsigned char)before.buf[i];
				if ((c & 0xC0) == 0x80)
					continue;
				sb_addc(&sb, c == '\t' ? '\t' : ' ');
			}
			sb_release(&before);
			sb_adds(&sb, "^\n");
		}
	}
	emit(sb.buf);
	sb_release(&sb);
	return -1;
}

static void oom(void)
{
	fputs("qcode: error: out of memory\n", stderr);
	exit(EXIT_IO);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc_aligned(size_t align, size_t n)
{
	void *p = NULL;
	if (posix_memalign(&p, align, n ? n : 1) != 0)
		oom();
	memset(p, 0, n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char sb_empty[1];

void sb_init(strbuf *sb)
{
	sb->buf = sb_empty;
	sb->len = 0;
	sb->alloc = 0;
}

void sb_release(strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb);
}

void sb_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

void sb_grow(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < need)
		n *= 2;
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, n);
	} else {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	}
	sb->alloc = n;
}

void sb_add(strbuf *sb, const void *data, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static void strmap_slots(strmap *m, size_t n)
{
	const char **keys = m->keys;
	int *vals = m->vals;
	size_t old = m->n;
	m->keys = xcalloc(n, sizeof(*m->keys));
	m->vals = xcalloc(n, sizeof(*m->vals));
	m->n = n;
	m->count = 0;
	for (size_t i = 0; i < old; i++)
		if (keys[i])
			strmap_put(m, keys[i], vals[i]);
	free(keys);
	free(vals);
}

void strmap_init(strmap *m, size_t count)
{
	size_t n = 16;
	while (n < count * 2 + 2)
		n *= 2;
	memset(m, 0, sizeof(*m));
	strmap_slots(m, n);
}

void strmap_release(strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

void strmap_put(strmap *m, const char *k, int v)
{
	if ((m->count + 1) * 2 > m->n)
		strmap_slots(m, m->n * 2);
	size_t i = hash_bytes(k, strlen(k)) & (m->n - 1);
	while (m->keys[i])
		i = (i + 1) & (m->n - 1);
	m->keys[i] = k;
	m->vals[i] = v;
	m->count++;
}

int strmap_get(const strmap *m, const char *k, size_t len)
{
	size_t i = hash_bytes(k, len) & (m->n - 1);
	while (m->keys[i]) {
		if (strncmp(m->keys[i], k, len) == 0 && m->keys[i][len] == '\0')
			return m->vals[i];
		i = (i + 1) & (m->n - 1);
	}
	return -1;
}

void sb_add_uint(strbuf *sb, unsigned long long v)
{
	char d[24];
	int n = 0;
	do {
		d[sizeof(d) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_add(sb, d + sizeof(d) - n, (size_t)n);
}

void sb_add_g(strbuf *sb, double x)
{
	if (x == 0)
		x = 0.0; /* never a negative zero, "-0" */
	/* a number of thousandths below 1000 that is exactly the double
	   nearest it: six significant digits at most, which %g prints
	   without an exponent, and which read back as x */
	double a = x < 0 ? -x : x, m = a * 1000.0;
	if (a < 1000.0 && m == (double)(unsigned long long)m &&
	    (double)(unsigned long long)m / 1000.0 == a) {
		unsigned long long k = (unsigned long long)m, frac = k % 1000;
		if (x < 0)
			sb_addc(sb, '-');
		sb_add_uint(sb, k / 1000);
		if (frac) {
			char d[4] = { '.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
				      (char)('0' + frac % 10) };
			size_t n = 4;
			while (d[n - 1] == '0')
				n--;
			sb_add(sb, d, n);
		}
		return;
	}
	/* %g, and more digits while they do not read back as x (0.1 + 0.2
	   is 0.30000000000000004, not 0.3); 17 always do */
	char b[32];
	for (int digits = 6;; digits++) {
		snprintf(b, sizeof(b), "%.*g", digits, x);
		if (digits >= 17 || x != x || strtod(b, NULL) == x)
			break;
	}
	sb_adds(sb, b);
}

void sb_add_term(strbuf *sb, const char *s, size_t n, int flags)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0, i = 0;
	while (i < n) {
		unsigned char c = p[i];
		if (c >= 0x20 && c < 0x7F && (c != '\\' || !(flags & TERM_TSV))) {
			i++;
			continue;
		}
		int32_t cp;
		int len = utf8_decode(p + i, n - i, &cp);
		if (len > 1 && !(cp <= 0x9F || (cp >= 0x202A && cp <= 0x202E) ||
				 (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)) {
			i += (size_t)len;
			continue;
		}
		if ((c == '\t' && (flags & TERM_KEEP_TAB)) || (c == '\n' && (flags & TERM_KEEP_NL))) {
			i++;
			continue;
		}
		sb_add(sb, s + start, i - start);
		if (len > 1) {
			char u[7] = { '\\', 'u', hex[cp >> 12], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
				      hex[cp & 15], 0 };
			sb_adds(sb, u);
			i += (size_t)len;
		} else {
			switch (c) {
			case '\t': sb_adds(sb, "\\t"); break;
			case '\n': sb_adds(sb, "\\n"); break;
			case '\r': sb_adds(sb, "\\r"); break;
			case '\\': sb_adds(sb, "\\\\"); break;
			default: {
				char x[5] = { '\\', 'x', hex[c >> 4], hex[c & 15], 0 };
				sb_adds(sb, x);
			}
			}
			i++;
		}
		start = i;
	}
	sb_add(sb, s + start, n - start);
}

const char *sb_set_term(strbuf *sb, const char *s, int flags)
{
	sb_reset(sb);
	sb_add_term(sb, s, strlen(s), flags);
	return sb->buf;
}

double no_neg_zero(double x, int decimals)
{
	if (x == 0)
		return 0.0; /* -0.0 too */
	if (decimals < 0 || !signbit(x) || isnan(x))
		return x;
	char b[400];
	snprintf(b, sizeof(b), "%.*f", decimals > 300 ? 300 : decimals, x);
	for (const char *q = b + 1; *q; q++)
		if (*q != '0' && *q != '.')
			return x;
	return 0.0;
}

void sb_addf(strbuf *sb, const char *fmt, ...)
{
	if (!fmt) /* never; but UBSan's checks make GCC warn of the path */
		return;
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
		sb->len += (size_t)n;
	}
	va_end(ap2);
}

char *sb_detach(strbuf *sb)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");
	sb_init(sb);
	return p;
}

int read_file(const char *path, strbuf *sb)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;

	if (!f) {
		error_set_code(EXIT_IO);
		return error("cannot open '%s': %s", path, strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(sb, buf, n);
	int bad = ferror(f);
	int saved = errno;
	if (f != stdin)
		fclose(f);
	if (bad) {
		error_set_code(EXIT_IO);
		return error("cannot read '%s': %s", path, strerror(saved));
	}
	return 0;
}

int finish_output(FILE *f, const char *name)
{
	if (fflush(f) || ferror(f)) {
		error_set_code(EXIT_IO);
		return error("cannot write '%s': %s", name,
			     strerror(errno ? errno : EIO));
	}
	return 0;
}

static void sha256_out(struct sha256_ctx *ctx, char out[65])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	static const char hex[] = "0123456789abcdef";

	sha256_digest(ctx, sizeof(digest), digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

void sha256_hex(const void *data, size_t n, char out[65])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, n, data);
	sha256_out(&ctx, out);
}

struct hashed_file {
	FILE *raw;             /* the file itself */
	FILE *stream;          /* what callers read: raw, hashed on the way */
	const char *path;      /* for messages; the caller's */
	struct sha256_ctx ctx; /* the hash of what was read so far */
	int err;               /* errno of a failed read, or 0 */
};

static ssize_t hashed_read(void *cookie, char *buf, size_t n)
{
	hashed_file *h = cookie;
	size_t got = fread(buf, 1, n, h->raw);
	if (!got && ferror(h->raw)) {
		h->err = errno ? errno : EIO;
		errno = h->err;
		return -1;
	}
	sha256_update(&h->ctx, got, (const uint8_t *)buf);
	return (ssize_t)got;
}

hashed_file *hashed_open(const char *path)
{
	FILE *raw = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!raw) {
		error_set_code(EXIT_IO);
		error("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	hashed_file *h = xcalloc(1, sizeof(*h));
	h->raw = raw;
	h->path = path;
	sha256_init(&h->ctx);
	cookie_io_functions_t io = { .read = hashed_read };
	h->stream = fopencookie(h, "rb", io);
	if (!h->stream) {
		error_set_code(EXIT_IO);
		error("cannot read '%s': %s", path, strerror(errno));
		hashed_close(h);
		return NULL;
	}
	return h;
}

FILE *hashed_stream(hashed_file *h) { return h->stream; }

int hashed_finish(hashed_file *h, char out[65])
{
	char buf[65536];
	while (fread(buf, 1, sizeof(buf), h->stream) > 0)
		;
	if (ferror(h->stream) || h->err) {
		error_set_code(EXIT_IO);
		return error("cannot read '%s': %s", h->path, strerror(h->err ? h->err : EIO));
	}
	sha256_out(&h->ctx, out);
	return 0;
}

void hashed_close(hashed_file *h)
{
	if (!h)
		return;
	if (h->stream)
		fclose(h->stream);
	if (h->raw && h->raw != stdin)
		fclose(h->raw);
	free(h);
}

long ids_find(const long long *ids, size_t n, long long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? (long)lo : -1;
}
