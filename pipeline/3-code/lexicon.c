/*
 * lexicon: parser and checks for theme files and the negation cue file.
 */
#include "lexicon.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "token.h"
#include "utf8.h"

/* Negation cues used when a lexicon directory has no negation.cues. */
static const char *const default_cues[] = {
	"niet", "geen", "nooit", "noch", "zonder", "niets", "niemand", "nergens",
	"allerminst", "geenszins",
};

/* Look-up of atoms by kind and text. */
typedef struct atom_index {
	int32_t *slots; /* atom index + 1, 0 empty */
	size_t n;       /* power of two */
} atom_index;

static uint64_t atom_hash(int kind, const char *text)
{
	return hash_bytes(text, strlen(text)) * 31 + (uint64_t)kind;
}

static int atom_intern(lexicon_set *set, int kind, const char *text)
{
	atom_index *ix = set->atom_index;
	if ((set->natoms + 1) * 2 > ix->n) {
		size_t n = ix->n ? ix->n * 2 : 256;
		free(ix->slots);
		ix->slots = xcalloc(n, sizeof(*ix->slots));
		ix->n = n;
		for (size_t a = 0; a < set->natoms; a++) {
			size_t i = atom_hash(set->atoms[a].kind, set->atoms[a].text) & (n - 1);
			while (ix->slots[i])
				i = (i + 1) & (n - 1);
			ix->slots[i] = (int32_t)a + 1;
		}
	}
	size_t i = atom_hash(kind, text) & (ix->n - 1);
	while (ix->slots[i]) {
		atom *a = &set->atoms[ix->slots[i] - 1];
		if (a->kind == kind && strcmp(a->text, text) == 0)
			return ix->slots[i] - 1;
		i = (i + 1) & (ix->n - 1);
	}
	ALLOC_GROW(set->atoms, set->natoms + 1, set->atoms_alloc);
	set->atoms[set->natoms].kind = kind;
	set->atoms[set->natoms].text = xstrdup(text);
	ix->slots[i] = (int32_t)set->natoms + 1;
	return (int)set->natoms++;
}

lexicon_set *lexicon_set_new(stemmer *st)
{
	lexicon_set *set = xcalloc(1, sizeof(*set));
	set->st = st;
	set->atom_index = xcalloc(1, sizeof(atom_index));
	set->neg_scope = NEG_CLAUSE;
	sb_init(&set->sources);
	return set;
}

static void rule_release(rule *r)
{
	free(r->id);
	free(r->text);
	free(r->seq);
	if (r->re)
		pcre2_code_free(r->re);
}

void lexicon_set_free(lexicon_set *set)
{
	if (!set)
		return;
	for (size_t t = 0; t < set->nthemes; t++) {
		theme *th = &set->themes[t];
		for (size_t r = 0; r < th->nrules; r++)
			rule_release(&th->rules[r]);
		free(th->rules);
		free(th->key);
		free(th->label);
		free(th->description);
		free(th->file);
	}
	free(set->themes);
	for (size_t a = 0; a < set->natoms; a++)
		free(set->atoms[a].text);
	free(set->atoms);
	for (size_t g = 0; g < set->ngroups; g++) {
		free(set->groups[g].name);
		free(set->groups[g].atoms);
	}
	free(set->groups);
	atom_index *ix = set->atom_index;
	free(ix->slots);
	free(ix);
	sb_release(&set->sources);
	free(set);
}

/* Parser state for one file. */
typedef struct parser {
	lexicon_set *set;
	const char *name;   /* file name for messages */
	const char *line;   /* current line */
	size_t line_len;    /* its length */
	long lineno;        /* its number */
	int errors;         /* problems reported */
	int theme;          /* index of the theme being read */
	size_t rules_cap;   /* room in that theme's rules */
	strmap ids;         /* its rule ids -> rule index */
} parser;

/* The rule of the theme being read whose id is id, or -1 after noting id
 * as that of rule th->nrules (the one about to be added). */
static int rule_by_id(parser *p, const theme *th, const char *id)
{
	int r = strmap_get(&p->ids, id, strlen(id));
	if (r < 0)
		strmap_put(&p->ids, id, (int)th->nrules);
	return r;
}

static int perr(parser *p, const char *at, const char *fmt, ...) FMT_PRINTF(3, 4);

static int perr(parser *p, const char *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	long col = at ? (long)(at - p->line) + 1 : 0;
	error_at(p->name, p->lineno, col, p->line, p->line_len, "%s", msg);
	p->errors++;
	return -1;
}

static const char *skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *word_end(const char *s, const char *end)
{
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	return s;
}

/* Make an atom from a word as written (word, =word, glob). Returns index or -1. */
static int parse_atom(parser *p, const char *s, const char *e)
{
	lexicon_set *set = p->set;
	int kind = ATOM_STEM;
	const char *w = s;
	if (*w == '=') {
		kind = ATOM_EXACT;
		w++;
	}
	if (w >= e)
		return perr(p, s, "empty word");
	for (const char *c = w; c < e; c++) {
		if (*c == '"' || *c == '/' || *c == '@' || *c == '!' || *c == '=')
			return perr(p, c, "unexpected '%c' in word", *c);
		if ((*c == '*' || *c == '?') && kind == ATOM_STEM)
			kind = ATOM_GLOB;
	}
	if (kind == ATOM_EXACT && memchr(w, '*', (size_t)(e - w)))
		return perr(p, s, "an exact word (=) cannot have wildcards");
	size_t bad;
	if (utf8_validate(w, (size_t)(e - w), &bad))
		return perr(p, w + bad, "invalid UTF-8");
	strbuf fold;
	sb_init(&fold);
	utf8_fold(w, (size_t)(e - w), &fold);
	int idx;
	if (kind == ATOM_STEM) {
		char buf[256];
		stem_one(set->st, fold.buf, fold.len, buf, sizeof(buf));
		idx = atom_intern(set, ATOM_STEM, buf);
	} else {
		idx = atom_intern(set, kind, fold.buf);
	}
	sb_release(&fold);
	return idx;
}

/* A group of the theme being read (groups are local to their file), else a
   shared group (GROUP_SHARED, from shared.groups). */
static int find_group(const lexicon_set *set, int theme, const char *name, size_t n)
{
	int shared = -1;
	for (size_t g = 0; g < set->ngroups; g++)
		if (strlen(set->groups[g].name) == n && memcmp(set->groups[g].name, name, n) == 0) {
			if (set->groups[g].theme == theme)
				return (int)g;
			if (set->groups[g].theme == GROUP_SHARED)
				shared = (int)g;
		}
	return shared;
}

/* Parse an operand (atom or @group) at s..e. */
static int parse_operand(parser *p, const char *s, const char *e, operand *op)
{
	op->atom = op->group = -1;
	if (*s == '@') {
		int g = find_group(p->set, p->theme, s + 1, (size_t)(e - s - 1));
		if (g < 0)
			return perr(p, s, "unknown group '%.*s' (define it with %%group before use, in this file or in " LEXICON_SHARED_GROUPS ")",
				    (int)(e - s), s);
		op->group = g;
		return 0;
	}
	if (*s == '"' || *s == '/')
		return perr(p, s, "a phrase or regex cannot be a NEAR/BEFORE operand");
	op->atom = parse_atom(p, s, e);
	return op->atom < 0 ? -1 : 0;
}

/* Tokenise a phrase with the answer tokeniser; word tokens become stem atoms. */
static int parse_phrase(parser *p, const char *s, const char *e, rule *r)
{
	lexicon_set *set = p->set;
	token_list tl;
	token_list_init(&tl);
	tokenize(set->st, s, (size_t)(e - s), &tl);
	for (size_t i = 0; i < tl.n; i++) {
		const token *t = &tl.v[i];
		const word_info *w = stem_word(set->st, t->word);
		int a;
		if (t->kind == TK_PUNCT || t->kind == TK_SYMBOL) {
			if (w->fold_len == 1 && w->fold[0] == '*')
				continue; /* consumed with the word before it */
			continue;
		}
		if (i + 1 < tl.n && tl.v[i + 1].start == t->end &&
		    s[tl.v[i + 1].start] == '*') {
			char *g = xmalloc(w->fold_len + 2);
			memcpy(g, w->fold, w->fold_len);
			g[w->fold_len] = '*';
			g[w->fold_len + 1] = '\0';
			a = atom_intern(set, ATOM_GLOB, g);
			free(g);
		} else {
			a = atom_intern(set, ATOM_STEM, w->stem);
		}
		r->seq = xrealloc(r->seq, (r->nseq + 1) * sizeof(*r->seq));
		r->seq[r->nseq++] = a;
	}
	token_list_release(&tl);
	if (r->nseq == 0)
		return perr(p, s - 1, "empty phrase");
	return 0;
}

static int parse_regex(parser *p, const char *s, const char *e, rule *r, const char **after)
{
	const char *c = s + 1;
	while (c < e && *c != '/') {
		if (*c == '\\' && c + 1 < e)
			c++;
		c++;
	}
	if (c >= e)
		return perr(p, s, "missing closing / of regex");
	const char *pat = s + 1;
	size_t plen = (size_t)(c - pat);
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	c++;
	while (c < e && *c != ' ' && *c != '\t') {
		switch (*c) {
		case 'i': opts |= PCRE2_CASELESS; break;
		case 'x': opts |= PCRE2_EXTENDED; break;
		case 's': opts |= PCRE2_DOTALL; break;
		case 'm': opts |= PCRE2_MULTILINE; break;
		default:
			return perr(p, c, "unknown regex flag '%c' (use i, x, s or m)", *c);
		}
		c++;
	}
	*after = c;
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, plen, opts, &errcode, &erroff, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return perr(p, pat + erroff, "%s in regex", (char *)msg);
	}
	if (!getenv("QCODE_NO_JIT")) /* valgrind cannot follow JIT code */
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	r->re = re;
	p->set->has_regex = 1;
	return 0;
}

static int parse_options(parser *p, const char *s, const char *e, rule *r)
{
	while ((s = skip_ws(s, e)) < e) {
		const char *we = word_end(s, e);
		size_t n = (size_t)(we - s);
		if (*s == '#')
			break; /* a comment to the end of the line */
		if (n > 7 && memcmp(s, "weight=", 7) == 0) {
			char buf[64], *end;
			snprintf(buf, sizeof(buf), "%.*s", (int)(n - 7), s + 7);
			double w = strtod(buf, &end);
			if (*end || !(w > 0) || !(w <= LEXICON_MAX_WEIGHT))
				return perr(p, s + 7, "weight must be a positive number up to %d",
					    LEXICON_MAX_WEIGHT);
			r->weight = w;
		} else if (n > 3 && memcmp(s, "id=", 3) == 0) {
			free(r->id);
			r->id = xstrndup(s + 3, n - 3);
		} else if (n == 6 && memcmp(s, "notneg", 6) == 0) {
			r->notneg = 1;
		} else {
			return perr(p, s, "unexpected '%.*s' after the rule (options are weight=N, id=NAME, notneg)",
				    (int)n, s);
		}
		s = we;
	}
	return 0;
}

/* NEAR/n or BEFORE/n at s..we: sets kind and distance; 0 if it is not one. */
static int proximity_op(parser *p, const char *s, const char *we, rule *r)
{
	size_t n = (size_t)(we - s);
	const char *num;
	if (n > 5 && memcmp(s, "NEAR/", 5) == 0) {
		r->kind = RULE_NEAR;
		num = s + 5;
	} else if (n > 7 && memcmp(s, "BEFORE/", 7) == 0) {
		r->kind = RULE_BEFORE;
		num = s + 7;
	} else {
		return 0;
	}
	int d = 0;
	for (const char *c = num; c < we; c++) {
		if (*c < '0' || *c > '9' || d > 1000)
			return perr(p, num, "NEAR/ and BEFORE/ take a whole number of words (1-1000)");
		d = d * 10 + (*c - '0');
	}
	if (d < 1)
		return perr(p, num, "NEAR/ and BEFORE/ take a whole number of words (1-1000)");
	r->distance = d;
	return 1;
}

static int parse_rule(parser *p, const char *s, const char *e)
{
	theme *th = &p->set->themes[p->theme];
	rule r;
	memset(&r, 0, sizeof(r));
	r.weight = 1;
	r.line = (int)p->lineno;
	r.a.atom = r.a.group = r.b.atom = r.b.group = -1;
	const char *start = s;
	if (*s == '!') {
		r.veto = 1;
		s++;
	}
	const char *after = NULL;
	int ok = 0;
	if (s == e) { /* a '!' that ends the text */
		ok = perr(p, s, "empty word");
	} else if (*s == '"') {
		const char *q = memchr(s + 1, '"', (size_t)(e - s - 1));
		if (!q) {
			ok = perr(p, s, "missing closing \" of phrase");
		} else {
			r.kind = RULE_PHRASE;
			ok = parse_phrase(p, s + 1, q, &r);
			after = q + 1;
		}
	} else if (*s == '/') {
		if (r.veto) {
			ok = perr(p, s, "a veto cannot be a regex");
		} else {
			r.kind = RULE_REGEX;
			ok = parse_regex(p, s, e, &r, &after);
		}
	} else {
		const char *we = word_end(s, e);
		ok = parse_operand(p, s, we, &r.a);
		r.kind = r.a.group >= 0 ? RULE_GROUP : RULE_ATOM;
		after = we;
		if (!ok) {
			const char *o = skip_ws(we, e);
			const char *oe = word_end(o, e);
			const char *notw = o;
			if (oe - o == 3 && memcmp(o, "NOT", 3) == 0) { /* A NOT NEAR/n B */
				r.exclude = 1;
				o = skip_ws(oe, e);
				oe = word_end(o, e);
			}
			int prox = o < e ? proximity_op(p, o, oe, &r) : 0;
			if (prox == 0 && r.exclude)
				prox = perr(p, o < e ? o : notw, "NOT must be followed by NEAR/n or BEFORE/n");
			if (prox < 0) {
				ok = -1;
			} else if (prox) {
				const char *b = skip_ws(oe, e);
				const char *be = word_end(b, e);
				if (b >= e)
					ok = perr(p, b, "missing the second word after %.*s",
						  (int)(oe - o), o);
				else
					ok = parse_operand(p, b, be, &r.b);
				after = be;
				if (!ok && r.veto)
					ok = perr(p, start, "a veto cannot be a NEAR/BEFORE rule (a veto of one rule's context is A NOT NEAR/n B)");
			}
		}
	}
	const char *text_end = after ? after : e;
	if (!ok)
		ok = parse_options(p, after, e, &r);
	if (!ok && r.notneg && r.veto)
		ok = perr(p, start, "notneg has no meaning on a veto");
	if (ok) {
		rule_release(&r);
		return -1;
	}
	r.text = xstrndup(start, (size_t)(text_end - start));
	if (!r.id)
		r.id = xstrdup(r.text);
	int dup = rule_by_id(p, th, r.id);
	if (dup >= 0) {
		perr(p, start, "duplicate entry '%s' (first on line %d)", r.id,
		     th->rules[dup].line);
		rule_release(&r);
		return -1;
	}
	ALLOC_GROW(th->rules, th->nrules + 1, p->rules_cap);
	th->rules[th->nrules++] = r;
	return 0;
}

/* "%group NAME WORD..." at s (v: after the directive) for the theme (or GROUP_SHARED). */
static int parse_group(parser *p, const char *s, const char *v, const char *e, int theme)
{
	const char *ge = word_end(v, e);
	if (v >= e)
		return perr(p, s, "%%group needs a name and its words");
	for (const char *c = v; c < ge; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
			return perr(p, c, "a group name is lower-case letters, digits, _ and -");
	int other = find_group(p->set, theme, v, (size_t)(ge - v));
	if (other >= 0 && p->set->groups[other].theme == theme)
		return perr(p, v, "group '%.*s' is defined twice", (int)(ge - v), v);
	if (other >= 0)
		return perr(p, v, "group '%.*s' is a shared group (shared.groups): use it, or give this one another name",
			    (int)(ge - v), v);
	group g;
	memset(&g, 0, sizeof(g));
	g.name = xstrndup(v, (size_t)(ge - v));
	g.theme = theme;
	const char *w = skip_ws(ge, e);
	while (w < e && *w != '#') {
		const char *we = word_end(w, e);
		int a = parse_atom(p, w, we);
		if (a >= 0) {
			g.atoms = xrealloc(g.atoms, (g.n + 1) * sizeof(*g.atoms));
			g.atoms[g.n++] = a;
		}
		w = skip_ws(we, e);
	}
	if (!g.n) {
		free(g.name);
		free(g.atoms);
		return perr(p, s, "%%group needs at least one word");
	}
	lexicon_set *set = p->set;
	set->groups = xrealloc(set->groups, (set->ngroups + 1) * sizeof(*set->groups));
	set->groups[set->ngroups++] = g;
	return 0;
}

static int parse_directive(parser *p, const char *s, const char *e)
{
	theme *th = &p->set->themes[p->theme];
	const char *ne = word_end(s, e);
	const char *v = skip_ws(ne, e);
	size_t n = (size_t)(ne - s);
	char **field = NULL;

	if (n == 4 && !memcmp(s, "%key", 4))
		field = &th->key;
	else if (n == 6 && !memcmp(s, "%label", 6))
		field = &th->label;
	else if (n == 12 && !memcmp(s, "%description", 12))
		field = &th->description;
	if (field) {
		if (v >= e)
			return perr(p, s, "%.*s needs a value", (int)n, s);
		if (*field)
			return perr(p, s, "%.*s given twice", (int)n, s);
		*field = xstrndup(v, (size_t)(e - v));
		if (field == &th->key) {
			for (const char *c = v; c < e; c++)
				if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
					return perr(p, c, "a key is lower-case letters, digits and _");
		}
		return 0;
	}
	if (n == 10 && !memcmp(s, "%min-score", 10)) {
		char buf[64], *end;
		snprintf(buf, sizeof(buf), "%.*s", (int)(e - v), v);
		double m = strtod(buf, &end);
		if (v >= e || *end || !(m >= 0) || !isfinite(m))
			return perr(p, v, "%%min-score needs a number >= 0");
		th->min_score = m;
		return 0;
	}
	if (n == 6 && !memcmp(s, "%group", 6))
		return parse_group(p, s, v, e, p->theme);
	if (n == 5 && !memcmp(s, "%lang", 5))
		return perr(p, s, "%%lang is the whole codeframe's: it belongs in " LEXICON_SHARED_GROUPS);
	return perr(p, s, "unknown directive '%.*s' (use %%key, %%label, %%description, %%min-score, %%group)",
		    (int)n, s);
}

/* Call fn on every line: strips CR, counts lines. */
static void each_line(parser *p, const char *text, size_t len,
		      void (*fn)(parser *p, const char *s, const char *e))
{
	const char *s = text, *end = text + len;
	size_t bom = utf8_bom_len(text, len);
	s += bom;
	p->lineno = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		p->lineno++;
		p->line = s;
		p->line_len = (size_t)(e - s);
		const char *le = e;
		if (le > s && le[-1] == '\r')
			le--;
		const char *b = skip_ws(s, le);
		while (le > b && (le[-1] == ' ' || le[-1] == '\t'))
			le--;
		if (b < le && *b != '#')
			fn(p, b, le);
		s = nl ? nl + 1 : end;
	}
}

static void theme_line(parser *p, const char *s, const char *e)
{
	if (*s == '%')
		parse_directive(p, s, e);
	else
		parse_rule(p, s, e);
}

/* "%lang nl|en" at s (v: after the directive): the codeframe's language. */
static int parse_lang(parser *p, const char *s, const char *v, const char *e)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%.*s", (int)(e - v), v);
	int l = v < e && (size_t)(e - v) < sizeof(buf) ? lang_parse(buf) : -1;
	if (l < 0)
		return perr(p, v < e ? v : s, "%%lang is nl or en: the language of the labels and reports");
	if (p->set->lang_line && p->set->lang != l)
		return perr(p, s, "%%lang given twice, differently");
	p->set->lang = l;
	p->set->lang_line = p->lineno;
	return 0;
}

static void shared_line(parser *p, const char *s, const char *e)
{
	const char *ne = word_end(s, e);
	if ((size_t)(ne - s) == 6 && !memcmp(s, "%group", 6))
		parse_group(p, s, skip_ws(ne, e), e, GROUP_SHARED);
	else if ((size_t)(ne - s) == 5 && !memcmp(s, "%lang", 5))
		parse_lang(p, s, skip_ws(ne, e), e);
	else
		perr(p, s, "only %%group and %%lang lines and comments belong in a shared groups file");
}

static int check_utf8(const char *name, const char *text, size_t len)
{
	size_t bad;
	if (!utf8_validate(text, len, &bad))
		return 0;
	const char *wide = utf8_wide_encoding(text, len);
	if (wide)
		return error("%s: the file is %.6s, not UTF-8; convert it in place with: "
			     "iconv -f %s -t UTF-8 %s > %s.tmp && mv %s.tmp %s",
			     name, wide, wide, name, name, name, name);
	long line = 1;
	const char *ls = text;
	for (size_t i = 0; i < bad; i++)
		if (text[i] == '\n') {
			line++;
			ls = text + i + 1;
		}
	return error_at(name, line, (long)(text + bad - ls) + 1, NULL, 0,
			"invalid UTF-8 (byte offset %zu)", bad);
}

/* Add the words (runs of three or more letters) of text[0..len) to the
   compounding vocabulary. */
static void add_words(lexicon_set *set, strbuf *fold, const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && !(((unsigned char)text[i] | 0x20) >= 'a' &&
				    ((unsigned char)text[i] | 0x20) <= 'z') &&
		       (unsigned char)text[i] < 0x80)
			i++;
		size_t s = i;
		while (i < len && ((((unsigned char)text[i] | 0x20) >= 'a' &&
				    ((unsigned char)text[i] | 0x20) <= 'z') ||
				   (unsigned char)text[i] >= 0x80))
			i++;
		if (i - s >= 3) {
			sb_reset(fold);
			utf8_fold(text + s, i - s, fold);
			stem_add_vocab(set->st, fold->buf, fold->len);
		}
		if (i == s)
			i++;
	}
}

/* Add an operand's word (not a @group's name) at s..e. */
static void add_operand_words(lexicon_set *set, strbuf *fold, const char *s, const char *e)
{
	if (s < e && *s != '@')
		add_words(set, fold, s, (size_t)(e - s));
}

/*
 * Only the words that rules and groups match join the vocabulary: a
 * phrase's words, a rule's word or glob and a NEAR/BEFORE's second one,
 * a group's members. Not comments, %label, %description, a group's name,
 * options (weight=, id=) or regexes (which read the text, not its tokens),
 * so that no note in a lexicon changes how answers are split and coded.
 */
void lexicon_add_vocab(lexicon_set *set, const char *text, size_t len)
{
	strbuf fold;
	sb_init(&fold);
	const char *p = text + utf8_bom_len(text, len), *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *s = skip_ws(p, le);
		p = nl ? nl + 1 : end;
		if (s >= le || *s == '#')
			continue;
		if (*s == '%') {
			const char *ne = word_end(s, le);
			if ((size_t)(ne - s) != 6 || memcmp(s, "%group", 6) != 0)
				continue;
			const char *w = word_end(skip_ws(ne, le), le); /* past the name */
			for (w = skip_ws(w, le); w < le && *w != '#'; w = skip_ws(word_end(w, le), le))
				add_words(set, &fold, w, (size_t)(word_end(w, le) - w));
			continue;
		}
		if (*s == '!')
			s++;
		if (s < le && *s == '"') {
			const char *q = memchr(s + 1, '"', (size_t)(le - s - 1));
			add_words(set, &fold, s + 1, (size_t)((q ? q : le) - s - 1));
		} else if (s < le && *s != '/') {
			const char *we = word_end(s, le);
			add_operand_words(set, &fold, s, we);
			const char *o = skip_ws(we, le), *oe = word_end(o, le);
			if (oe - o == 3 && !memcmp(o, "NOT", 3)) {
				o = skip_ws(oe, le);
				oe = word_end(o, le);
			}
			if ((oe - o > 5 && !memcmp(o, "NEAR/", 5)) || (oe - o > 7 && !memcmp(o, "BEFORE/", 7))) {
				const char *b = skip_ws(oe, le);
				add_operand_words(set, &fold, b, word_end(b, le));
			}
		}
	}
	sb_release(&fold);
}

/* The name of a file within its directory: what the hash records, so that
   lexicons/, ./lexicons and an absolute path give one hash. */
const char *lexicon_file_name(const char *path)
{
	const char *base = strrchr(path, '/');
	return base ? base + 1 : path;
}

/* Add a file to what the set's hash covers: its name within the
   directory and its bytes. */
static void add_source(lexicon_set *set, const char *name, const char *text, size_t len)
{
	sb_adds(&set->sources, lexicon_file_name(name));
	sb_addc(&set->sources, '\0');
	sb_add(&set->sources, text, len);
	sb_addc(&set->sources, '\0');
}

/* A parser of file name into set, once its text is checked to be UTF-8. */
static int parser_start(parser *p, lexicon_set *set, const char *name, const char *text, size_t len)
{
	if (check_utf8(name, text, len))
		return -1;
	memset(p, 0, sizeof(*p));
	p->set = set;
	p->name = name;
	return 0;
}

int lexicon_parse_string(lexicon_set *set, const char *name, const char *text,
			 size_t len, int check_key)
{
	parser p;
	if (parser_start(&p, set, name, text, len))
		return -1;
	strmap_init(&p.ids, 64);
	set->themes = xrealloc(set->themes, (set->nthemes + 1) * sizeof(*set->themes));
	p.theme = (int)set->nthemes;
	theme *th = &set->themes[set->nthemes++];
	memset(th, 0, sizeof(*th));
	th->file = xstrdup(name);
	sha256_hex(text, len, th->hash);

	lexicon_add_vocab(set, text, len);
	each_line(&p, text, len, theme_line);
	strmap_release(&p.ids);
	th = &set->themes[p.theme];
	p.line = NULL;
	p.lineno = 1;
	if (!th->key) {
		error_at(name, 1, 0, NULL, 0, "missing %%key line");
		p.errors++;
	} else {
		if (check_key) {
			const char *base = lexicon_file_name(name);
			size_t kl = strlen(th->key);
			if (strncmp(base, th->key, kl) != 0 || strcmp(base + kl, ".lex") != 0) {
				error_at(name, 1, 0, NULL, 0,
					 "%%key '%s' does not match the file name (expected %s.lex)",
					 th->key, th->key);
				p.errors++;
			}
		}
		for (size_t t = 0; t + 1 < set->nthemes; t++)
			if (set->themes[t].key && strcmp(set->themes[t].key, th->key) == 0) {
				error_at(name, 1, 0, NULL, 0, "theme '%s' is defined twice (also in %s)",
					 th->key, set->themes[t].file);
				p.errors++;
			}
		if (!th->label)
			th->label = xstrdup(th->key);
	}
	if (!th->description)
		th->description = xstrdup("");
	add_source(set, name, text, len);
	return p.errors ? -1 : 0;
}

/* A file of set's own -- shared groups, negation cues -- read line by
   line into set, and counted among its sources. */
static int parse_set_file(lexicon_set *set, const char *name, const char *text, size_t len,
			  void (*line)(parser *p, const char *s, const char *e))
{
	parser p;
	if (parser_start(&p, set, name, text, len))
		return -1;
	p.theme = GROUP_SHARED;
	each_line(&p, text, len, line);
	add_source(set, name, text, len);
	return p.errors ? -1 : 0;
}

int lexicon_parse_groups(lexicon_set *set, const char *name, const char *text, size_t len)
{
	return parse_set_file(set, name, text, len, shared_line);
}

static void lang_line(parser *p, const char *s, const char *e)
{
	const char *ne = word_end(s, e);
	if ((size_t)(ne - s) == 5 && !memcmp(s, "%lang", 5))
		parse_lang(p, s, skip_ws(ne, e), e);
}

int lexicon_lang_of(const char *name, const char *text, size_t len)
{
	lexicon_set set;
	memset(&set, 0, sizeof(set));
	parser p;
	memset(&p, 0, sizeof(p));
	p.set = &set;
	p.name = name;
	p.theme = GROUP_SHARED;
	each_line(&p, text, len, lang_line);
	return p.errors ? -1 : set.lang;
}

static void cue_line(parser *p, const char *s, const char *e)
{
	if (*s == '%') {
		const char *ne = word_end(s, e);
		const char *v = skip_ws(ne, e);
		if ((size_t)(ne - s) == 6 && !memcmp(s, "%scope", 6)) {
			if ((size_t)(e - v) == 6 && !memcmp(v, "clause", 6))
				p->set->neg_scope = NEG_CLAUSE;
			else if ((size_t)(e - v) == 5 && !memcmp(v, "after", 5))
				p->set->neg_scope = NEG_AFTER;
			else
				perr(p, v, "%%scope is 'clause' or 'after'");
		} else {
			perr(p, s, "unknown directive '%.*s' (use %%scope)", (int)(ne - s), s);
		}
		return;
	}
	if (word_end(s, e) != e) {
		perr(p, word_end(s, e), "one cue per line");
		return;
	}
	strbuf fold;
	sb_init(&fold);
	utf8_fold(s, (size_t)(e - s), &fold);
	atom_intern(p->set, ATOM_CUE, fold.buf);
	sb_release(&fold);
}

int lexicon_parse_cues(lexicon_set *set, const char *name, const char *text, size_t len)
{
	return parse_set_file(set, name, text, len, cue_line);
}

void lexicon_default_cues(lexicon_set *set)
{
	for (size_t i = 0; i < sizeof(default_cues) / sizeof(*default_cues); i++)
		atom_intern(set, ATOM_CUE, default_cues[i]);
}

static int theme_cmp(const void *a, const void *b)
{
	return strcmp(((const theme *)a)->key, ((const theme *)b)->key);
}

int lexicon_set_finish(lexicon_set *set)
{
	/* group.theme counts files in reading order, which sorting changes */
	for (size_t g = 0; g < set->ngroups; g++)
		set->groups[g].theme = -1;
	qsort(set->themes, set->nthemes, sizeof(*set->themes), theme_cmp);
	sha256_hex(set->sources.buf, set->sources.len, set->hash);
	/* entries were analysed while the vocabulary grew: start clean */
	stem_trim(set->st, 0);
	return 0;
}

int lexicon_theme_index(const lexicon_set *set, const char *key)
{
	for (size_t t = 0; t < set->nthemes; t++)
		if (strcmp(set->themes[t].key, key) == 0)
			return (int)t;
	return -1;
}

const char *lexicon_rule_kind_name(const lexicon_set *set, const rule *r)
{
	if (r->veto)
		return "veto";
	switch (r->kind) {
	case RULE_ATOM:
		switch (set->atoms[r->a.atom].kind) {
		case ATOM_EXACT: return "exact";
		case ATOM_GLOB: return "glob";
		default: return "word";
		}
	case RULE_GROUP: return "group";
	case RULE_PHRASE: return "phrase";
	case RULE_REGEX: return "regex";
	case RULE_NEAR: return r->exclude ? "not near" : "near";
	case RULE_BEFORE: return r->exclude ? "not before" : "before";
	}
	return "?";
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

lexicon_set *lexicon_load_dir(const char *dir, stemmer *st)
{
	DIR *d = opendir(dir);
	if (!d) {
		error_set_code(EXIT_IO);
		error("cannot open lexicon directory '%s': %s", dir, strerror(errno));
		return NULL;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".lex") == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);

	lexicon_set *set = lexicon_set_new(st);
	strbuf *texts = xcalloc(n + 1, sizeof(*texts));
	char **paths = xcalloc(n + 1, sizeof(*paths));
	int bad = 0;
	/* groups every theme may use, read first */
	strbuf shared, spath;
	sb_init(&shared);
	sb_init(&spath);
	sb_addf(&spath, "%s/" LEXICON_SHARED_GROUPS, dir);
	int have_shared = access(spath.buf, F_OK) == 0;
	if (have_shared) {
		if (read_file(spath.buf, &shared))
			bad = 1;
		else
			lexicon_add_vocab(set, shared.buf, shared.len);
	}
	for (size_t i = 0; i < n; i++) {
		strbuf path;
		sb_init(&path);
		sb_addf(&path, "%s/%s", dir, names[i]);
		paths[i] = sb_detach(&path);
		sb_init(&texts[i]);
		if (read_file(paths[i], &texts[i]))
			bad = 1;
		else
			lexicon_add_vocab(set, texts[i].buf, texts[i].len);
	}
	if (have_shared && !bad && lexicon_parse_groups(set, spath.buf, shared.buf, shared.len))
		bad = 2;
	sb_release(&shared);
	sb_release(&spath);
	for (size_t i = 0; i < n && !bad; i++)
		if (lexicon_parse_string(set, paths[i], texts[i].buf, texts[i].len, 1))
			bad = 2;
	if (!bad && n == 0) {
		error("no lexicons (*.lex) in '%s'", dir);
		bad = 2;
	}
	strbuf cues, cpath;
	sb_init(&cues);
	sb_init(&cpath);
	sb_addf(&cpath, "%s/negation.cues", dir);
	FILE *cf = fopen(cpath.buf, "rb");
	if (cf) {
		fclose(cf);
		if (read_file(cpath.buf, &cues) ||
		    lexicon_parse_cues(set, cpath.buf, cues.buf, cues.len))
			bad = bad ? bad : 2;
	} else {
		lexicon_default_cues(set);
	}
	sb_release(&cues);
	sb_release(&cpath);
	for (size_t i = 0; i < n; i++) {
		sb_release(&texts[i]);
		free(paths[i]);
		free(names[i]);
	}
	free(texts);
	free(paths);
	free(names);
	if (!bad)
		lexicon_set_finish(set);
	if (bad) {
		error_set_code(bad == 1 ? EXIT_IO : EXIT_INPUT);
		lexicon_set_free(set);
		return NULL;
	}
	return set;
}
