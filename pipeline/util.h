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
 * Where messages go. By default stderr; tests install a sink to capture the
 * text. The sink receives one complete message (with trailing newline).
 */
typedef void (*error_sink_fn)(const char *msg, void *ctx);
void error_set_sink(error_sink_fn fn, void *ctx);

/* The exit code a command should use for the last error (default EXIT_INPUT). */
void error_set_code(int code);
int error_last_code(void);

/* Allocation that never returns NULL: out of memory ends the program. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
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
void sb_addc(strbuf *sb, char c);
void sb_adds(strbuf *sb, const char *s);
void sb_addf(strbuf *sb, const char *fmt, ...) FMT_PRINTF(2, 3);
void sb_grow(strbuf *sb, size_t extra);
/* Take ownership of the buffer; sb is left initialised and empty. */
char *sb_detach(strbuf *sb);

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

/* 64-bit FNV-1a hash of n bytes. */
static inline uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* SHA-256 of a buffer as 64 lowercase hex digits plus NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);

#endif
