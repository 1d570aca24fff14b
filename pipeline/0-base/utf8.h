/*
 * utf8: validation and normalisation of answer text (utf8proc).
 *
 * The folded form is what lexicons match on: NFKC-compatible decomposition,
 * case folded, combining marks (diacritics) removed, and typographic
 * apostrophes and dashes replaced by ASCII ' and -. So "financiële",
 * "financiele" and the OCR form "financiéle" all fold to "financiele".
 */
#ifndef QCODE_UTF8_H
#define QCODE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * Decode one code point at s (n bytes available). Returns its length in
 * bytes (1-4) and stores it in *cp, or returns -1 for an invalid sequence:
 * overlong forms, surrogates (U+D800-DFFF), values above U+10FFFF, a
 * truncated sequence, or a NUL byte.
 */
static inline int utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned c = s[0];
	if (c && c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		int32_t v = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) |
				      (s[2] & 0x3F));
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return -1;
		*cp = v;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		int32_t v = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
				      ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
		if (v < 0x10000 || v > 0x10FFFF)
			return -1;
		*cp = v;
		return 4;
	}
	return -1;
}

/*
 * Check that text[0..len) is valid UTF-8 without NUL bytes. Returns 0, or
 * -1 and stores the byte offset of the first bad byte in *bad_at.
 */
int utf8_validate(const char *text, size_t len, size_t *bad_at);

/*
 * Copy text to out with every invalid byte (and NUL) replaced by U+FFFD.
 * Returns the number of replacements.
 */
size_t utf8_sanitize(const char *text, size_t len, strbuf *out);

/*
 * Strip a leading UTF-8 byte order mark: returns the number of bytes to
 * skip (0 or 3).
 */
size_t utf8_bom_len(const char *text, size_t len);

/*
 * Append the folded form of s[0..n) (valid UTF-8) to out. Printable ASCII
 * takes a fast path (utf8_fold_ascii).
 */
void utf8_fold(const char *s, size_t n, strbuf *out);

/*
 * Fold the leading run of printable ASCII (0x21-0x7F) of s[0..n) into d
 * (room for n bytes; not terminated): A-Z lower-cased, eight bytes at a
 * time. Returns the run's length; n when s is all such bytes. Inline: the
 * tokeniser folds every word form with it.
 */
static inline size_t utf8_fold_ascii(const char *s, size_t n, char *d)
{
	const uint64_t ones = 0x0101010101010101ULL, tops = 0x8080808080808080ULL;
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;
	for (; k + 8 <= n; k += 8) {
		uint64_t x = load64_(u + k);
		if ((x & tops) || ((x - 0x21 * ones) & ~x & tops))
			break; /* not ASCII, or a byte below 0x21 */
		uint64_t from_a = x + (0x80 - 'A') * ones;     /* top bit: byte >= 'A' */
		uint64_t past_z = x + (0x80 - 'Z' - 1) * ones; /* top bit: byte > 'Z' */
		x |= (from_a & ~past_z & tops) >> 2;          /* 0x80 >> 2 is 'a' - 'A' */
		memcpy(d + k, &x, 8);
	}
	for (; k < n && u[k] > ' ' && u[k] < 0x80; k++)
		d[k] = (char)(u[k] + (((unsigned)(u[k] - 'A') < 26) << 5));
	return k;
}

/*
 * Whether text that starts with head[0..n) is UTF-16 or UTF-32 rather than
 * UTF-8: it starts with their byte order mark, or a quarter of its bytes
 * or more are NUL (UTF-16 has one in every other byte of Latin text) and
 * it reads as text in one of them, mostly Latin. Returns
 * the encoding as iconv names it -- "UTF-16" or "UTF-32" after a byte
 * order mark, else with its byte order, "UTF-16LE" -- or NULL.
 */
const char *utf8_wide_encoding(const char *head, size_t n);

/*
 * When head[0..n), the start of the file or stream name, is UTF-16 or
 * UTF-32: report "NAME: the file is UTF-16, not UTF-8; convert it with:
 * iconv -f UTF-16 -t UTF-8 NAME > NAME-utf8.csv" (EXIT_INPUT) and return
 * -1. Else return 0.
 */
int utf8_reject_wide(const char *name, const char *head, size_t n);

/* Code point classes used by the tokeniser. */
enum cp_class {
	CP_SPACE,  /* white space and control characters */
	CP_LETTER, /* letters and combining marks */
	CP_DIGIT,  /* decimal digits */
	CP_APOS,   /* ' and the typographic apostrophes */
	CP_DASH,   /* - and the typographic hyphens and dashes */
	CP_PUNCT,  /* other punctuation */
	CP_SYMBOL, /* symbols, emoji and everything else */
	CP_JOINER, /* joins a symbol sequence: ZWJ, variation selectors, skin tones */
};

/* Class of a code point (ASCII by table, the rest through utf8proc). */
enum cp_class utf8_class(int32_t cp);
/*
 * The plain ASCII character a typographic apostrophe, dash or quote stands
 * for ('\'', '-' or '"'), or 0: what regexes read in its place. The
 * apostrophes and dashes are utf8_class()'s CP_APOS and CP_DASH, less the
 * soft hyphen.
 */
int utf8_plain(int32_t cp);

/* Whether cp is an upper-case letter. */
int utf8_is_upper(int32_t cp);

#endif
