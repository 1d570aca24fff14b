/*
 * token: the Dutch tokeniser. Splits an answer into tokens that keep their
 * byte span in the original text, and links each to its analysed word form
 * (folded form, Snowball stem, compound parts) in the word table.
 *
 * Handles clitics ('s ochtends, zo'n, m'n, auto's), hyphenated compounds
 * (ICT-contracten: one token whose parts are exposed), elliptic compounds
 * (wet- en regelgeving: "wet-" is expanded to "wetgeving"), abbreviations
 * (o.a., m.b.t.), numbers and percentages (28,8 / 1.415 / 48%), URLs and
 * e-mail addresses, emoji, and sentence and clause boundaries.
 */
#ifndef QCODE_TOKEN_H
#define QCODE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "stem.h"
#include "util.h"

enum token_kind {
	TK_WORD,
	TK_NUMBER,
	TK_PERCENT,
	TK_ABBR,
	TK_URL,
	TK_EMAIL,
	TK_PUNCT,
	TK_SYMBOL,
};

enum token_flag {
	TF_SENT = 1 << 0,     /* first token of a sentence */
	TF_CLAUSE = 1 << 1,   /* first token of a clause (also set with TF_SENT) */
	TF_STOP = 1 << 2,     /* on the Dutch stop list */
	TF_CAPS = 1 << 3,     /* all capitals (an acronym such as AVG, ICT) */
	TF_ELLIPTIC = 1 << 4, /* elliptic first part ("wet-"), expanded */
	TF_HYPHEN = 1 << 5,   /* hyphenated compound */
	TF_COMPOUND = 1 << 6, /* has a modifier and a head */
	TF_CLITIC = 1 << 7,   /* a clitic such as 's, 't, 'n */
};

typedef struct token {
	uint32_t start;  /* byte offset of the first byte in the original text */
	uint32_t end;    /* byte offset just past the token */
	int32_t word;    /* word-table index (folded form, stem, parts) */
	uint32_t sent;   /* sentence number within the answer, from 0 */
	uint32_t clause; /* clause number within the answer, from 0 */
	uint8_t kind;    /* enum token_kind */
	uint8_t flags;   /* enum token_flag */
} token;

/* The tokens of one answer; reused from answer to answer. */
typedef struct token_list {
	token *v;     /* the tokens */
	size_t n;     /* tokens in use */
	size_t alloc; /* tokens allocated */
	strbuf scratch; /* folding scratch space, kept between answers */
} token_list;

void token_list_init(token_list *tl);
void token_list_release(token_list *tl);

/*
 * Tokenise text[0..len), which must be valid UTF-8 (see utf8_validate) and
 * at most 4 GiB. A leading BOM is skipped; offsets stay relative to text.
 * Replaces the contents of out. Word indices are valid until the word
 * table is trimmed (stem_trim), which callers do only between answers.
 */
void tokenize(stemmer *st, const char *text, size_t len, token_list *out);

/* Short name of a token kind ("word", "number", ...). */
const char *token_kind_name(int kind);

/* Flags as text, e.g. "sent,stop"; "-" for none. Returns buf. */
char *token_flags_str(int flags, char *buf, size_t cap);

#endif
