/*
 * util: the small things every module shares -- the one error reporter,
 * checked allocation, a growable byte buffer and the documented exit codes.
 */
#ifndef QCODE_UTIL_H
#define QCODE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Exit codes of the qcode command (documented in README.md). */
enum qcode_exit {
	EXIT_OK = 0,      /* success */
	EXIT_CHECK = 1,   /* a check failed, e.g. eval below its threshold */
	EXIT_USAGE = 2,   /* bad command line */
	EXIT_INPUT = 3,   /* bad input file or lexicon */
	EXIT_DB = 4,      /* project database error */
	EXIT_IO = 5,      /* reading or writing failed */
};

#define FMT_PRINTF(a, b) __attribute__((format(printf, a, b)))

/*
 * Report an error as "qcode: error: MSG" on the current error sink and
 * return -1, so that stages can write `return error(...)`.
 */
int error(const char *fmt, ...) FMT_PRINTF(1, 2);
/* Report "qcode: warning: MSG"; returns nothing. */
void warning(const char *fmt, ...) FMT_PRINTF(1, 2);
/*
 * Report an input error at a position: "FILE:LINE:COL: MSG" (COL 0 leaves
 * the column out), followed by the offending line and a caret under COL when
 * LINE_TEXT is not NULL. Returns -1.
 */
int error_at(const char *file, long line, long col, const char *line_text,
	     size_t line_len, const char *fmt, ...) FMT_PRINTF(6, 7);

/*
 * Report an input error at a position given as text, such as a cell of a
 * workbook ("answers.xlsx:Sheet1!C12"): "WHERE: MSG", as error_at()
 * writes "FILE:LINE: MSG". Sets the exit code to EXIT_INPUT; returns -1.
 */
int error_in(const char *where, const char *fmt, ...) FMT_PRINTF(2, 3);

/*
 * Where messages go. By default stderr; tests install a sink to capture the
 * text. The sink receives one complete message (with trailing newline).
 */
typedef void (*error_sink_fn)(const char *msg, void *ctx);
void error_set_sink(error_sink_fn fn, void *ctx);

/* The exit code a command should use for the last error of this thread
   (default EXIT_INPUT); the coding pool carries a thread's to its caller. */
void error_set_code(int code);
int error_last_code(void);

/* Allocation that never returns NULL: out of memory ends the program. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Zeroed, at a multiple of align (a power of two, at least sizeof(void *));
   freed with free(). */
void *xcalloc_aligned(size_t align, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *p (holding *cap elements of size sz) to hold at least need. */
#define ALLOC_GROW(p, need, cap)                                              \
	do {                                                                  \
		if ((size_t)(need) > (size_t)(cap)) {                         \
			size_t ag_new_ = (cap) ? (size_t)(cap) * 2 : 16;      \
			while (ag_new_ < (size_t)(need))                      \
				ag_new_ *= 2;                                 \
			(p) = xrealloc((p), ag_new_ * sizeof(*(p)));          \
			(cap) = ag_new_;                                      \
		}                                                             \
	} while (0)

/* A growable, always NUL-terminated byte buffer. */
typedef struct strbuf {
	char *buf;    /* the bytes, NUL-terminated; never NULL after init */
	size_t len;   /* bytes in use, not counting the NUL */
	size_t alloc; /* bytes allocated */
} strbuf;

void sb_init(strbuf *sb);
void sb_release(strbuf *sb);
void sb_reset(strbuf *sb);
void sb_add(strbuf *sb, const void *data, size_t n);
void sb_addf(strbuf *sb, const char *fmt, ...) FMT_PRINTF(2, 3);
void sb_grow(strbuf *sb, size_t extra);

/* Inline: the output of every answer is built of these. */
static inline void sb_addc(strbuf *sb, char c)
{
	if (sb->len + 2 > sb->alloc)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

/* (the length of a literal is then known when this is compiled) */
static inline void sb_adds(strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }
/* Append an unsigned number in decimal (as "%llu" would). */
void sb_add_uint(strbuf *sb, unsigned long long v);
/* Append a number as "%g" would print it when that reads back as the same
   number, else with as many significant digits as it takes (at most 17,
   "%.17g"), so that a reader gets back exactly the number written; a
   negative zero as 0. Quick for the scores coding produces (sums of
   weights with at most three decimals). */
void sb_add_g(strbuf *sb, double x);
/* Take ownership of the buffer; sb is left initialised and empty. */
char *sb_detach(strbuf *sb);

/* Flags of sb_add_term(). */
enum term_flags {
	TERM_KEEP_TAB = 1, /* keep tabs as they are */
	TERM_KEEP_NL = 2,  /* keep line ends: text shown on lines of its own */
	TERM_TSV = 4,      /* a field of a TSV report: backslash doubled too, so it reads back */
};

/*
 * Append s[0..n) as a terminal may show it: what could move the cursor,
 * ring the bell, set the window title, clear the screen or reorder the
 * line becomes a visible escape, so that an answer, id or group value
 * shows as the text it is. C0 controls and DEL are written \t, \n, \r or
 * \xHH (ESC is \x1b); C1 controls (U+0080-U+009F, CSI and OSC among them),
 * the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) and the line and paragraph separators (U+2028, U+2029)
 * are written \uHHHH; invalid UTF-8 bytes and NUL are written \xHH.
 * Everything else is copied as it is. flags: enum term_flags.
 */
void sb_add_term(strbuf *sb, const char *s, size_t n, int flags);
/* sb reset to the string s as sb_add_term() writes it; returns sb->buf,
   which lives until sb changes. For a printf argument. */
const char *sb_set_term(strbuf *sb, const char *s, int flags);

/* "" for a count of one, else "s": "1 answer", "0 answers", "2 answers". */
static inline const char *plural_s(long long n) { return n == 1 ? "" : "s"; }

/* The index of id in ids[0..n), sorted ascending, or -1 (binary search). */
long ids_find(const long long *ids, size_t n, long long id);

/*
 * x, or +0.0 when printf's "%.*f" with these decimals would show it as a
 * negative zero ("-0.000"); decimals < 0 stands for "%g", where that is
 * only -0.0 itself.
 */
double no_neg_zero(double x, int decimals);

/*
 * Read a whole file ("-" is stdin) into sb. Returns 0, or -1 after
 * reporting "cannot open/read 'PATH': REASON".
 */
int read_file(const char *path, strbuf *sb);

/*
 * Flush and check a stream we have written to; reports "cannot write
 * 'NAME': REASON" and returns -1 on failure (e.g. a full disk).
 */
int finish_output(FILE *f, const char *name);

static inline uint64_t load64_(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

static inline uint64_t load32_(const unsigned char *s)
{
	uint32_t w;
	memcpy(&w, s, 4);
	return w;
}

/*
 * 64-bit hash of n bytes for in-memory tables (never stored): eight bytes
 * at a time, the tail read as two overlapping words, then mixed so the low
 * bits that index a table depend on every byte.
 */
static inline uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)n * 0xFF51AFD7ED558CCDULL);
	size_t len = n;
	while (len > 8) {
		h = (h ^ load64_(s)) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
		s += 8;
		len -= 8;
	}
	uint64_t w;
	if (len >= 4)
		w = load32_(s) | (load32_(s + len - 4) << 32);
	else if (len > 0)
		w = (uint64_t)s[0] | ((uint64_t)s[len / 2] << 8) | ((uint64_t)s[len - 1] << 16);
	else
		w = 0;
	h = (h ^ w) * 0x94D049BB133111EBULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return h;
}

/* Whether a[0..n) and b[0..n) are equal; quick for the short words of text. */
static inline int bytes_equal(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	if (n >= 8 && n <= 16)
		return load64_(x) == load64_(y) && load64_(x + n - 8) == load64_(y + n - 8);
	if (n >= 4 && n < 8)
		return load32_(x) == load32_(y) && load32_(x + n - 4) == load32_(y + n - 4);
	if (n < 4) {
		for (size_t i = 0; i < n; i++)
			if (x[i] != y[i])
				return 0;
		return 1;
	}
	return memcmp(x, y, n) == 0;
}

/*
 * A map from strings to ints, by open addressing. Keys are borrowed
 * (NUL-terminated; they must outlive the map) and put only when absent.
 */
typedef struct strmap {
	const char **keys;
	int *vals;
	size_t n;     /* slots, a power of two */
	size_t count; /* keys held */
} strmap;

/* An empty map with room for count keys (it grows past that). */
void strmap_init(strmap *m, size_t count);
void strmap_release(strmap *m);
/* Add k -> v; k must not be in the map yet. */
void strmap_put(strmap *m, const char *k, int v);
/* The value of k[0..len), or -1. */
int strmap_get(const strmap *m, const char *k, size_t len);

/* SHA-256 of a buffer as 64 lowercase hex digits plus NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);

/*
 * A file ("-" for standard input) read through a stream that hashes what
 * it reads, so a file is read once and never held whole in memory.
 * hashed_open() returns NULL after reporting "cannot open 'PATH': ...";
 * hashed_finish() reads what is left, puts the SHA-256 of the whole file
 * in out and returns 0, or -1 after reporting a read error.
 */
typedef struct hashed_file hashed_file;
hashed_file *hashed_open(const char *path);
FILE *hashed_stream(hashed_file *h);
int hashed_finish(hashed_file *h, char out[65]);
void hashed_close(hashed_file *h);

#endif
