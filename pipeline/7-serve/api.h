/*
 * api: the JSON behind the pages of `qcode serve` -- the review queues,
 * an answer with its evidence, decisions and undo (through review.c, into
 * the same append-only log as the terminal review), search, an answer's
 * history, the agreement between coders and with the machine (eval.c),
 * the theme table and chart by group (crosstab.c), and the quotes and
 * their appendix (quotes.c, appendix.c).
 *
 * A decision is answered as saved only after its transaction has
 * committed; when it could not be, the answer says so (503) with the
 * reason. An accept records what the page showed, so it is refused (409)
 * when the answer has changed since (another coder's decision, a new run);
 * the page then shows the answer anew. A blind session is sent neither
 * the machine's codes nor other coders' decisions, nor the quotes.
 */
#ifndef QCODE_API_H
#define QCODE_API_H

#include <stddef.h>

#include "db.h"
#include "review.h"
#include "serve.h"
#include "stem.h"

typedef struct api {
	db *d;                 /* the project, borrowed; used by the server's thread only */
	const char *lex_dir;   /* the lexicons, for the themes before a first run (or NULL) */
	stemmer *st;           /* word table for quotes */
	const char *version;   /* qcode's version, for the appendix */
	int blind;             /* every session is blind (serve --blind) */
} api;

/* Answer a request of the server (a serve_api_fn; ctx is an api). */
void api_handle(void *ctx, serve_session *s, const serve_request *rq, serve_response *rs);

/*
 * Whether name can be a coder's name: 1 to SERVE_CODER_MAX bytes of valid
 * UTF-8, no control characters, not blank, and not "machine" or
 * "effective" (which eval reads as codings of their own). Returns NULL,
 * or why not.
 */
const char *api_coder_invalid(const char *name);

/* A stretch of an answer's text with one look. */
typedef struct api_piece {
	size_t start, end;   /* byte span in the text */
	int theme;           /* the theme of the first evidence covering it, or -1 */
} api_piece;

/*
 * The text[0..len) cut where the evidence covering it changes (spans in
 * any order, possibly overlapping), never inside a UTF-8 character; the
 * pieces cover the text in order. *out is allocated (free it); returns
 * the number of pieces.
 */
size_t api_pieces(const char *text, size_t len, const review_span *spans, size_t n,
		  api_piece **out);

#endif
