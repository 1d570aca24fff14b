/*
 * token: the Dutch tokeniser (see token.h for what it handles).
 *
 * One left-to-right pass over the bytes with an ASCII fast path; every word
 * form is folded into a scratch buffer and looked up in the word table, so
 * the hot path allocates nothing per token.
 */
#include "token.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Abbreviations with full stops that do not end a sentence (folded). */
static const char *const abbreviations[] = {
	"o.a.", "bijv.", "bv.", "m.b.t.", "i.o.v.", "d.w.z.", "enz.", "etc.",
	"ca.", "dhr.", "mevr.", "mr.", "dr.", "drs.", "ir.", "ing.", "prof.",
	"nr.", "blz.", "evt.", "incl.", "excl.", "vgl.", "resp.", "t.a.v.",
	"z.s.m.", "i.p.v.", "n.a.v.", "o.b.v.", "t.z.t.", "e.d.", "e.a.",
	"a.u.b.", "m.n.", "jl.", "jr.", "vnl.", "zgn.", "c.q.", "v.w.b.",
	"m.u.v.", "i.v.m.", "i.c.m.", "t.o.v.", "m.i.", "n.v.t.", "p.p.",
	"o.i.d.", "e.v.", "min.", "max.", "gem.", "afd.", "st.", "tel.",
};

/* Words that join an elliptic first part to its conjunct. */
static const char *const ellipsis_joiners[] = { "en", "of", "tot", "en/of", "noch" };

void token_list_init(token_list *tl)
{
	memset(tl, 0, sizeof(*tl));
	sb_init(&tl->scratch);
}

void token_list_release(token_list *tl)
{
	free(tl->v);
	sb_release(&tl->scratch);
	token_list_init(tl);
}

const char *token_kind_name(int kind)
{
	static const char *const names[] = { "word", "number", "percent", "abbr",
					     "url", "email", "punct", "symbol" };
	return kind >= 0 && kind <= TK_SYMBOL ? names[kind] : "?";
}

char *token_flags_str(int flags, char *buf, size_t cap)
{
	static const char *const names[] = { "sent", "clause", "stop", "caps",
					     "elliptic", "hyphen", "compound", "clitic" };
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < 8; i++) {
		if (!(flags & (1 << i)))
			continue;
		int w = snprintf(buf + n, cap - n, "%s%s", n ? "," : "", names[i]);
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
	if (!n)
		snprintf(buf, cap, "-");
	return buf;
}

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < n; i++) /* the first byte rules out most at once */
		if (list[i][0] == s[0] && strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

/* Tokeniser state for one answer. */
typedef struct scan {
	const unsigned char *s; /* the text */
	size_t len;             /* its length */
	stemmer *st;            /* word table */
	token_list *out;        /* tokens made */
	strbuf fold;            /* scratch for folded forms */
	int pending;            /* flags for the next token */
	uint32_t sent;          /* current sentence number */
	uint32_t clause;        /* current clause number */
} scan;

static inline int32_t cp_at(const scan *sc, size_t i, int *n)
{
	int32_t cp;
	if (i >= sc->len) {
		*n = 0;
		return -1;
	}
	if (sc->s[i] < 0x80) {
		*n = 1;
		return sc->s[i];
	}
	*n = utf8_decode(sc->s + i, sc->len - i, &cp);
	if (*n < 0) {
		*n = 1;
		return 0xFFFD;
	}
	return cp;
}

static inline enum cp_class class_at(const scan *sc, size_t i, int *n)
{
	int32_t cp = cp_at(sc, i, n);
	return cp < 0 ? CP_SPACE : utf8_class(cp);
}

static int is_word_class(enum cp_class c) { return c == CP_LETTER || c == CP_DIGIT; }

/* Fold s[start..end) into sc->fold, leaving out white space (line-break hyphenation). */
static void fold_span(scan *sc, size_t start, size_t end)
{
	const char *p = (const char *)sc->s + start;
	size_t n = end - start;
	/* printable ASCII, the most of any text: no white space to leave out */
	sc->fold.len = 0;
	if (sc->fold.alloc < n + 1)
		sb_grow(&sc->fold, n);
	if (utf8_fold_ascii(p, n, sc->fold.buf) == n) {
		sc->fold.buf[n] = '\0';
		sc->fold.len = n;
		return;
	}
	sb_reset(&sc->fold);
	if (!memchr(p, '\n', n)) {
		utf8_fold(p, n, &sc->fold);
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k < n && p[k] != '\n' && p[k] != '\r' && p[k] != ' ')
			k++;
		utf8_fold(p + i, k - i, &sc->fold);
		while (k < n && (p[k] == '\n' || p[k] == '\r' || p[k] == ' '))
			k++;
		i = k;
	}
}

static token *emit(scan *sc, int kind, size_t start, size_t end, int flags)
{
	token_list *tl = sc->out;
	ALLOC_GROW(tl->v, tl->n + 1, tl->alloc);
	token *t = &tl->v[tl->n];
	int pend = sc->pending;
	if (tl->n) {
		if (pend & TF_SENT)
			sc->sent++;
		if (pend & (TF_SENT | TF_CLAUSE))
			sc->clause++;
	} else {
		pend |= TF_SENT | TF_CLAUSE;
	}
	if (pend & TF_SENT)
		pend |= TF_CLAUSE;
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->kind = (uint8_t)kind;
	t->flags = (uint8_t)(pend | flags);
	t->sent = sc->sent;
	t->clause = sc->clause;
	fold_span(sc, start, end);
	t->word = stem_lookup(sc->st, sc->fold.buf, sc->fold.len);
	const word_info *w = stem_word(sc->st, t->word);
	if (w->flags & WF_STOP)
		t->flags |= TF_STOP;
	if (w->head >= 0 && kind == TK_WORD)
		t->flags |= TF_COMPOUND;
	sc->pending = 0;
	tl->n++;
	return t;
}

/* Whether an elliptic joiner ("en", "of", ",") follows position i. */
static int elliptic_follows(const scan *sc, size_t i)
{
	while (i < sc->len && (sc->s[i] == ' ' || sc->s[i] == '\t'))
		i++;
	if (i < sc->len && sc->s[i] == ',')
		return 1;
	size_t k = i;
	while (k < sc->len && sc->s[k] < 0x80 && sc->s[k] > ' ' && sc->s[k] != ',')
		k++;
	char low[8];
	if (k - i == 0 || k - i >= sizeof(low))
		return 0;
	for (size_t j = i; j < k; j++)
		low[j - i] = (char)(sc->s[j] | 0x20);
	return in_list(ellipsis_joiners, COUNT(ellipsis_joiners), low, k - i);
}

/* Whether a byte after a word may go on into an e-mail address. */
static inline int email_char(unsigned char c)
{
	return c == '@' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* Whether punctuation ends a clause (but not a sentence). */
static inline int clause_punct(int32_t cp)
{
	switch (cp) {
	case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '/':
		return 1;
	default:
		return 0;
	}
}

/* URL at i ("http://", "https://", "www."): returns its end or 0. */
static size_t scan_url(const scan *sc, size_t i)
{
	static const char *const prefixes[] = { "http://", "https://", "www." };
	const unsigned char *s = sc->s;
	int ok = 0;
	/* most words that start with h or w go no further than this */
	if (i + 1 >= sc->len || (s[i + 1] | 0x20) != ((s[i] | 0x20) == 'h' ? 't' : 'w'))
		return 0;
	for (size_t p = 0; p < COUNT(prefixes) && !ok; p++) {
		size_t n = strlen(prefixes[p]);
		if (i + n < sc->len && strncasecmp((const char *)s + i, prefixes[p], n) == 0)
			ok = 1;
	}
	if (!ok)
		return 0;
	size_t j = i;
	while (j < sc->len && s[j] > ' ' && s[j] != 0x7F)
		j++;
	/* trailing punctuation and closing quotes belong to the sentence */
	for (;;) {
		if (j > i && strchr(".,;:!?)]}'\"", s[j - 1]))
			j--;
		else if (j >= i + 3 && s[j - 3] == 0xE2 && s[j - 2] == 0x80 &&
			 (s[j - 1] == 0x99 || s[j - 1] == 0x9D))
			j -= 3;
		else
			break;
	}
	return j;
}

static int email_local(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* E-mail address at i: returns its end or 0. */
static size_t scan_email(const scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t j = i;
	while (j < sc->len && email_local(s[j]))
		j++;
	if (j == i || j >= sc->len || s[j] != '@')
		return 0;
	size_t d = ++j, last_dot = 0;
	while (j < sc->len && (email_local(s[j]) && s[j] != '%' && s[j] != '+' && s[j] != '_')) {
		if (s[j] == '.')
			last_dot = j;
		j++;
	}
	while (j > d && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	last_dot = 0; /* the last dot inside the trimmed domain */
	for (size_t k = d; k < j; k++)
		if (s[k] == '.')
			last_dot = k;
	if (!last_dot || last_dot >= j - 1 || last_dot <= d)
		return 0;
	for (size_t k = last_dot + 1; k < j; k++)
		if (!((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
			return 0;
	return j - last_dot - 1 >= 2 ? j : 0;
}

/* Abbreviation with full stops at i (o.a., m.b.t., bijv.): end or 0. */
static size_t scan_abbr(const scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t j = i, groups = 0, single = 1;
	char low[16];
	size_t n = 0;
	for (;;) {
		size_t g = j;
		while (j < sc->len && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z' && j - g < 6)
			j++;
		if (j == g || j >= sc->len || s[j] != '.')
			break;
		if (j - g > 1)
			single = 0;
		if (n + (j - g) + 1 >= sizeof(low))
			return 0;
		for (size_t k = g; k < j; k++)
			low[n++] = (char)(s[k] | 0x20);
		low[n++] = '.';
		j++;
		groups++;
		if (j >= sc->len || !((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
			break;
	}
	if (!groups)
		return 0;
	/* back off a trailing group that was not closed by a full stop */
	size_t end = i;
	for (size_t k = 0, seen = 0; k < n; k++)
		if (low[k] == '.' && ++seen == groups)
			end = i + k + 1;
	if (in_list(abbreviations, COUNT(abbreviations), low, n) ||
	    (groups >= 2 && single))
		return end;
	return 0;
}

/* Scan a word from i; sets *flags (hyphen, elliptic, caps). Returns its end. */
static size_t scan_word(scan *sc, size_t i, int *flags)
{
	size_t j = i;
	int n, letters = 0, upper = 0;
	*flags = 0;
	for (;;) {
		/* ASCII letters and digits, the most of any word, need no decoding */
		for (; j < sc->len; j++) {
			unsigned char b = sc->s[j];
			if ((unsigned)((b | 0x20) - 'a') < 26) {
				letters++;
				upper += b < 'a';
			} else if ((unsigned)(b - '0') >= 10) {
				break;
			}
		}
		int32_t cp = cp_at(sc, j, &n);
		enum cp_class c = cp < 0 ? CP_SPACE : utf8_class(cp);
		if (is_word_class(c)) {
			if (c == CP_LETTER) {
				letters++;
				upper += utf8_is_upper(cp);
			}
			j += (size_t)n;
			continue;
		}
		if (c == CP_APOS && j > i) {
			int n2;
			if (class_at(sc, j + (size_t)n, &n2) == CP_LETTER) {
				j += (size_t)n; /* auto's, zo'n, m'n */
				continue;
			}
			break;
		}
		if (c == CP_DASH && j > i) {
			int n2;
			size_t k = j + (size_t)n;
			enum cp_class next = class_at(sc, k, &n2);
			if (is_word_class(next)) {
				*flags |= TF_HYPHEN; /* ICT-contracten */
				j = k;
				continue;
			}
			if (k + 1 < sc->len && sc->s[k] == '\n' &&
			    class_at(sc, k + 1, &n2) == CP_LETTER && !elliptic_follows(sc, k)) {
				*flags |= TF_HYPHEN; /* hyphen at a line break: WIJ-\nteams */
				j = k + 1;
				continue;
			}
			if (cp == '-' && elliptic_follows(sc, k)) {
				*flags |= TF_ELLIPTIC; /* wet- en regelgeving */
				j = k;
			}
			break;
		}
		break;
	}
	if (letters >= 2 && upper == letters)
		*flags |= TF_CAPS;
	return j;
}

/* Whether token u may stand between an elliptic part and its conjunct:
   another elliptic part, a comma or a joiner (wet-, regel- en ...). */
static int ellipsis_between(const scan *sc, const token *u)
{
	if (u->flags & TF_ELLIPTIC)
		return 1;
	const word_info *w = stem_word(sc->st, u->word);
	if (u->kind == TK_PUNCT && w->fold_len == 1 && w->fold[0] == ',')
		return 1;
	return u->kind == TK_WORD &&
	       in_list(ellipsis_joiners, COUNT(ellipsis_joiners), w->fold, w->fold_len);
}

/*
 * Expand elliptic first parts from the next conjunct's head. Linear in
 * the answer: the parts of one enumeration share their conjunct, which is
 * looked for once (not again from each part), and only forms the word
 * table analyses (STEM_MAX_ANALYSED bytes) are tried as known words.
 */
static void expand_ellipses(scan *sc)
{
	token_list *tl = sc->out;
	size_t k = 0; /* the conjunct of the parts before it, once found */
	for (size_t t = 0; t < tl->n; t++) {
		if (!(tl->v[t].flags & TF_ELLIPTIC))
			continue;
		if (k <= t) /* a part of a new enumeration */
			for (k = t + 1; k < tl->n && ellipsis_between(sc, &tl->v[k]); k++)
				;
		if (k >= tl->n || tl->v[k].kind != TK_WORD)
			continue;
		const word_info *base = stem_word(sc->st, tl->v[t].word);
		const word_info *next = stem_word(sc->st, tl->v[k].word);
		size_t blen = base->fold_len - 1; /* without the hyphen */
		strbuf *f = &sc->fold;
		int found = 0;
		/* the longest tail of the conjunct that makes a known word: wet+geving */
		size_t i = 1;
		if (blen + next->fold_len > STEM_MAX_ANALYSED + i)
			i = blen + next->fold_len - STEM_MAX_ANALYSED;
		for (; i + 3 <= next->fold_len && !found; i++) {
			if (((unsigned char)next->fold[i] & 0xC0) == 0x80)
				continue;
			sb_reset(f);
			sb_add(f, base->fold, blen);
			sb_add(f, next->fold + i, next->fold_len - i);
			found = stem_in_vocab(sc->st, f->buf, f->len);
		}
		if (!found) {
			sb_reset(f);
			sb_add(f, base->fold, blen);
			if (next->head >= 0) {
				const word_info *h = stem_word(sc->st, next->head);
				sb_add(f, h->fold, h->fold_len);
			}
		}
		tl->v[t].word = stem_lookup(sc->st, f->buf, f->len);
	}
}

void tokenize(stemmer *st, const char *text, size_t len, token_list *out)
{
	scan sc;
	memset(&sc, 0, sizeof(sc));
	sc.s = (const unsigned char *)text;
	sc.len = len;
	sc.st = st;
	sc.out = out;
	sc.fold = out->scratch;
	out->n = 0;

	size_t i = utf8_bom_len(text, len);
	int newlines = 0, n, ellipses = 0;

	while (i < len) {
		if (sc.s[i] == ' ') { /* the most common byte of all */
			i++;
			continue;
		}
		int32_t cp = cp_at(&sc, i, &n);
		enum cp_class c = utf8_class(cp);
		size_t start = i, end;
		int flags = 0;

		if (c == CP_SPACE || c == CP_JOINER) {
			if (cp == '\n' && ++newlines >= 2)
				sc.pending |= TF_SENT;
			else if (cp == '\n')
				sc.pending |= TF_CLAUSE;
			i += (size_t)n;
			continue;
		}
		newlines = 0;

		if ((cp | 0x20) == 'h' || (cp | 0x20) == 'w') {
			if ((end = scan_url(&sc, i)) > i) {
				emit(&sc, TK_URL, start, end, 0);
				i = end;
				continue;
			}
		}
		if (c == CP_LETTER || c == CP_DIGIT) {
			int kind = TK_WORD;
			if (c == CP_DIGIT) {
				end = i;
				while (end < len && sc.s[end] >= '0' && sc.s[end] <= '9')
					end++;
				while (end + 1 < len && (sc.s[end] == '.' || sc.s[end] == ',') &&
				       sc.s[end + 1] >= '0' && sc.s[end + 1] <= '9') {
					end++;
					while (end < len && sc.s[end] >= '0' && sc.s[end] <= '9')
						end++;
				}
				if (end == i) /* a non-ASCII digit */
					end = i + (size_t)n;
				kind = TK_NUMBER;
				int n2;
				if (end < len && sc.s[end] == '%') {
					end++;
					kind = TK_PERCENT;
				} else if (end < len && class_at(&sc, end, &n2) == CP_LETTER) {
					end = scan_word(&sc, i, &flags); /* 2e, 3D */
					kind = TK_WORD;
				}
			} else {
				end = scan_word(&sc, i, &flags);
			}
			if (end < len && email_char(sc.s[end])) {
				size_t e = scan_email(&sc, i);
				if (e) {
					emit(&sc, TK_EMAIL, start, e, 0);
					i = e;
					continue;
				}
			}
			if (kind == TK_WORD && end < len && sc.s[end] == '.' && end - i <= 6 &&
			    !(flags & (TF_HYPHEN | TF_ELLIPTIC))) {
				size_t e = scan_abbr(&sc, i);
				if (e) {
					emit(&sc, TK_ABBR, start, e, 0);
					i = e;
					continue;
				}
			}
			token *t = emit(&sc, kind, start, end, flags);
			if (kind == TK_WORD && !(t->flags & TF_CLAUSE) &&
			    (stem_word(st, t->word)->flags & WF_CLAUSE)) {
				t->flags |= TF_CLAUSE;
				sc.clause++;
				t->clause = sc.clause;
			}
			ellipses |= flags & TF_ELLIPTIC;
			i = end;
			continue;
		}
		if (c == CP_APOS) {
			/* clitic: 's ochtends, 't, 'n, 'k, 'm, 'r */
			int n2, n3;
			size_t k = i + (size_t)n;
			if (k < len && strchr("stnkmr", sc.s[k] | 0x20) && sc.s[k] < 0x80 &&
			    !is_word_class(class_at(&sc, k + 1, &n2)) &&
			    class_at(&sc, k + 1, &n3) != CP_APOS) {
				emit(&sc, TK_WORD, start, k + 1, TF_CLITIC);
				i = k + 1;
				continue;
			}
		}
		if (c == CP_SYMBOL) {
			end = i + (size_t)n;
			for (;;) {
				int n2;
				int32_t nx = cp_at(&sc, end, &n2);
				if (nx < 0 || utf8_class(nx) != CP_JOINER)
					break;
				end += (size_t)n2;
				if (nx == 0x200D) { /* zero-width joiner: the next symbol joins */
					int32_t sym = cp_at(&sc, end, &n2);
					if (sym >= 0 && utf8_class(sym) == CP_SYMBOL)
						end += (size_t)n2;
				}
			}
			emit(&sc, TK_SYMBOL, start, end, 0);
			i = end;
			continue;
		}

		/* punctuation (apostrophes and dashes that are not part of a word) */
		end = i + (size_t)n;
		if (cp == '.')
			while (end < len && sc.s[end] == '.')
				end++;
		emit(&sc, TK_PUNCT, start, end, 0);
		int n2;
		enum cp_class after = class_at(&sc, end, &n2);
		if ((cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) &&
		    (after == CP_SPACE || after == CP_PUNCT || after == CP_APOS || end >= len))
			sc.pending |= TF_SENT;
		else if (clause_punct(cp) || c == CP_DASH)
			sc.pending |= TF_CLAUSE;
		i = end;
	}
	if (ellipses)
		expand_ellipses(&sc);
	out->scratch = sc.fold;
}
