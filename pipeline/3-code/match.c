/*
 * match: the matcher (see match.h for the scoring contract).
 */
#include "match.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fnmatch.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "dutch.h"
#include "utf8.h"

/* Cached word-table entries above this are forgotten between answers. */
#define WORD_CACHE_LIMIT (1u << 20)

/* A glob compiled to the test it needs; most are x*, *x or *x*, and ?*x,
   ?*x* (x as a compound's head) are the same tests one byte in. */
enum glob_kind { GLOB_PREFIX, GLOB_SUFFIX, GLOB_INFIX, GLOB_GENERAL };

typedef struct glob {
	int atom;        /* atom index */
	int kind;        /* enum glob_kind */
	const char *lit; /* the literal part (GLOB_GENERAL: the whole pattern) */
	size_t len;      /* its length */
	size_t skip;     /* GLOB_SUFFIX, GLOB_INFIX: bytes before the literal at least (0, or 1 for ?*) */
	uint64_t need;   /* byte_mask() of the literal bytes every match holds (0: none known) */
} glob;

/* One bit per byte value modulo 64: a word holds a literal's bytes only if
   its mask has every bit of the literal's. */
static uint64_t byte_mask(const char *s, size_t n)
{
	uint64_t m = 0;
	for (size_t i = 0; i < n; i++)
		m |= (uint64_t)1 << ((unsigned char)s[i] & 63);
	return m;
}

static void glob_compile(glob *g, int atom, const char *pat)
{
	size_t n = strlen(pat);
	size_t stars = 0, quest = 0, cls = 0;
	for (size_t i = 0; i < n; i++) {
		stars += pat[i] == '*';
		quest += pat[i] == '?';
		cls += pat[i] == '[' || pat[i] == '\\';
	}
	g->atom = atom;
	g->kind = GLOB_GENERAL;
	g->lit = pat;
	g->len = n;
	g->skip = 0;
	g->need = 0;
	if (cls)
		return; /* a class or an escape: fnmatch alone knows */
	/* ?*x and ?*x*: *x and *x* with a byte before x */
	size_t at = 0;
	if (quest == 1 && n > 2 && pat[0] == '?' && pat[1] == '*') {
		at = 1;
		g->skip = 1;
	}
	const char *p = pat + at;
	size_t m = n - at;
	if (quest == g->skip) {
		if (stars == 1 && m > 1 && p[m - 1] == '*' && !at) {
			g->kind = GLOB_PREFIX;
			g->len = m - 1;
		} else if (stars == 1 && m > 1 && p[0] == '*') {
			g->kind = GLOB_SUFFIX;
			g->lit = p + 1;
			g->len = m - 1;
		} else if (stars == 2 && m > 2 && p[0] == '*' && p[m - 1] == '*') {
			g->kind = GLOB_INFIX;
			g->lit = p + 1;
			g->len = m - 2;
		}
	}
	if (g->kind != GLOB_GENERAL) {
		g->need = byte_mask(g->lit, g->len);
		return;
	}
	g->skip = 0;
	for (size_t i = 0; i < n; i++) /* the literal bytes of a glob of * and ? */
		if (pat[i] != '*' && pat[i] != '?')
			g->need |= (uint64_t)1 << ((unsigned char)pat[i] & 63);
}

static int glob_match(const glob *g, const char *s, size_t n)
{
	switch (g->kind) {
	case GLOB_PREFIX:
		return n >= g->len && bytes_equal(s, g->lit, g->len);
	case GLOB_SUFFIX:
		return n >= g->len + g->skip && bytes_equal(s + n - g->len, g->lit, g->len);
	case GLOB_INFIX:
		return n >= g->len + g->skip && memmem(s + g->skip, n - g->skip, g->lit, g->len) != NULL;
	default:
		return fnmatch(g->lit, s, 0) == 0;
	}
}

/*
 * How a regex is run: the bytes one of which every match starts with, from
 * PCRE2's own start-of-match information (an answer that holds none of
 * them cannot match, and is not given to PCRE2 nor normalised for it), and
 * whether the JIT compiled it.
 */
#define REGEX_STARTS 4
typedef struct regex_run {
	unsigned char b[REGEX_STARTS];
	int n;   /* 0: no such bytes known: the regex always runs */
	int jit; /* compiled by the JIT: run by pcre2_jit_match(), which skips the checks */
} regex_run;

/* Whether a regex as written may set (?i) inline: then PCRE2's first code
   unit may stand for its other case as well. */
static int inline_caseless(const char *text)
{
	for (const char *p = strstr(text, "(?"); p; p = strstr(p + 2, "(?")) {
		for (const char *q = p + 2; *q && *q != ')' && *q != ':'; q++) {
			if (*q == '-')
				break;
			if (*q == 'i')
				return 1;
			if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '^'))
				break;
		}
	}
	return 0;
}

static void regex_run_of(const rule *r, regex_run *c)
{
	uint32_t type = 0, opts = 0, unit = 0;
	pcre2_pattern_info(r->re, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(r->re, PCRE2_INFO_ALLOPTIONS, &opts);
	int caseless = (opts & PCRE2_CASELESS) || inline_caseless(r->text);
	size_t jit = 0;
	c->jit = pcre2_pattern_info(r->re, PCRE2_INFO_JITSIZE, &jit) == 0 && jit > 0;
	c->n = 0;
	if (type == 1) {
		pcre2_pattern_info(r->re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
		if (caseless && unit >= 0x80)
			return; /* its other case may start with another byte */
		c->b[c->n++] = (unsigned char)unit;
		if (caseless && ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z'))
			c->b[c->n++] = (unsigned char)(unit ^ 0x20);
	} else if (type == 0) {
		const uint8_t *bm = NULL;
		pcre2_pattern_info(r->re, PCRE2_INFO_FIRSTBITMAP, &bm);
		if (!bm)
			return;
		for (int b = 0; b < 256; b++) {
			if (!((bm[b / 8] >> (b % 8)) & 1))
				continue;
			if (c->n == REGEX_STARTS) {
				c->n = 0; /* too common a start to be worth looking for */
				return;
			}
			c->b[c->n++] = (unsigned char)b;
		}
	}
	/* the regexes read the normalised text, where ' - " and U+FFFD's bytes
	   stand for bytes the answer has instead */
	for (int k = 0; k < c->n; k++)
		if (c->b[k] == '\'' || c->b[k] == '-' || c->b[k] == '"' || c->b[k] == 0xEF ||
		    c->b[k] == 0xBF || c->b[k] == 0xBD) {
			c->n = 0;
			return;
		}
}

static int regex_may_match(const regex_run *c, const char *text, size_t len)
{
	if (!c->n)
		return 1;
	for (int k = 0; k < c->n; k++)
		if (memchr(text, c->b[k], len))
			return 1;
	return 0;
}

/* A list of ints per atom (users of the atom). */
typedef struct intlist {
	int *v;
	size_t n;
} intlist;

static void intlist_add(intlist *l, int x)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = x;
}

/* A candidate piece of evidence, before vetoes and negation. */
typedef struct cand {
	int theme;
	int rule;
	uint32_t start, end; /* bytes in the original text */
	int32_t tok;         /* first token, or -1 (regex: looked up) */
} cand;

/*
 * The tokens of the current answer where one operand of the proximity
 * rules (an atom or a group) occurs, in token order, each token once.
 * Operands shared by several rules share one list.
 */
typedef struct occlist {
	int32_t *tok; /* token indices, increasing */
	size_t n;     /* in use */
	size_t alloc; /* allocated */
} occlist;

/* A veto's span, for the overlap test; see veto_index(). */
typedef struct vspan {
	int theme;      /* theme index */
	uint32_t start; /* byte span in the original text */
	uint32_t end;
	uint32_t maxend;/* the largest end of its theme's vetoes up to this one */
} vspan;

struct matcher {
	const lexicon_set *set;
	stemmer *st;
	token_list toks;       /* tokens of the current answer */
	strmap stem_map;       /* stem -> ATOM_STEM atom */
	strmap exact_map;      /* fold -> ATOM_EXACT atom */
	strmap cue_map;        /* fold -> ATOM_CUE atom */
	glob *globs;           /* ATOM_GLOB atoms, compiled */
	size_t nglobs;
	struct trie_node *trie; /* the x* globs' literals, a trie (node 0 unused) */
	size_t ntrie;
	uint32_t trie_root[256]; /* the node of each first byte, or 0 */
	int *glob_pre;         /* the other globs with a literal first byte, by that byte: */
	size_t pre_at[257];    /* those of byte c are glob_pre[pre_at[c]..pre_at[c+1]) */
	int *glob_rest;        /* the other globs (*x, *x*, ?x ...) */
	size_t nrest;
	int *gmatch;           /* scratch: globs a word matches */
	size_t gmatch_alloc;
	intlist *simple;       /* per atom: global rule ids of RULE_ATOM rules */
	intlist *phrases;      /* per atom: global rule ids of phrases anchored on it */
	unsigned char *anchor; /* per global rule: a phrase's anchor, the index of its rarest word */
	intlist *groups_of;    /* per atom: groups containing it */
	intlist *group_rules;  /* per group: global rule ids of RULE_GROUP rules */
	int *occ_of_atom;      /* per atom: its occurrence list (proximity), or -1 */
	int *occ_of_group;     /* per group: its occurrence list, or -1 */
	occlist *occs;         /* occurrence lists of the current answer */
	size_t noccs;          /* lists (operands used by proximity rules) */
	intlist *prox_of;      /* per list: the NEAR/BEFORE rules (index p) tried when it occurs */
	int *touched;          /* the lists that have occurrences in the current answer */
	size_t ntouched;
	int *prox;             /* global ids of NEAR/BEFORE rules */
	int *prox_a, *prox_b;  /* per NEAR/BEFORE rule: occurrence lists of a and b */
	size_t nprox;
	uint32_t *run_end;     /* scratch: per b occurrence, where its word ends */
	size_t run_end_alloc;
	int *regexes;          /* global ids of regex rules */
	size_t nregexes;
	regex_run *re_runs;    /* per regex: how it is run */
	unsigned char *re_try; /* scratch: per regex, whether the answer may hold a match */
	int *rule_theme;       /* global rule id -> theme */
	int *rule_local;       /* global rule id -> index in theme */
	int *rule_base;        /* per theme: global id of its first rule */
	vspan *vetoes;         /* veto matches of the current answer, by theme */
	size_t nvetoes, vetoes_alloc;
	size_t *veto_at;       /* per theme: its vetoes are vetoes[veto_at[t]..veto_at[t+1]) */
	size_t nrules;
	int32_t *hits;         /* per word: count, then atom ids; hits[0] = 0 */
	size_t nhits, hits_alloc;
	int32_t *hits_of;      /* per word-table entry: its list's offset in hits, or -1 */
	size_t nhits_of;       /* entries covered */
	unsigned long table_gen; /* the word table's generation hits_of is for */
	cand *cands;           /* candidates of the current answer */
	size_t ncands, cands_alloc;
	uint8_t *neg_clause;   /* per clause: contains a cue */
	size_t neg_alloc;
	uint32_t *cue_first;   /* per clause: token index of the first cue + 1 */
	uint32_t *wpos;        /* per token: word position (punctuation not counted) */
	size_t wpos_alloc;
	uint32_t *stamp;       /* per global rule: answer number when matched */
	uint32_t answer_no;    /* answers coded */
	strbuf norm;           /* normalised text for regexes */
	uint32_t *norm_map;    /* normalised byte -> original byte */
	size_t norm_map_alloc;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
};

static const rule *grule(const matcher *m, int g)
{
	return &m->set->themes[m->rule_theme[g]].rules[m->rule_local[g]];
}

/* The byte every word a glob matches starts with, or -1 (*x, ?x, [...]). */
static int glob_first_byte(const glob *g)
{
	if (g->kind == GLOB_SUFFIX || g->kind == GLOB_INFIX || !g->len)
		return -1;
	unsigned char c = (unsigned char)g->lit[0];
	return c == '*' || c == '?' || c == '[' || c == '\\' ? -1 : c;
}

/* A node of the prefix trie: the literal of the path to it ends here for
   glob (or -1); its first child and next sibling (0: none). */
struct trie_node {
	uint32_t child, sibling;
	int glob;
	unsigned char byte;
};

/* Put prefix glob g's literal in the trie; 0 if another glob has it. */
static int trie_add(matcher *m, int g)
{
	const glob *gl = &m->globs[g];
	uint32_t *link = &m->trie_root[(unsigned char)gl->lit[0]];
	uint32_t x = 0;
	for (size_t i = 0; i < gl->len; i++) {
		unsigned char c = (unsigned char)gl->lit[i];
		while (*link && m->trie[*link].byte != c)
			link = &m->trie[*link].sibling;
		if (!*link) {
			m->trie[m->ntrie] = (struct trie_node){ 0, 0, -1, c };
			*link = (uint32_t)m->ntrie++;
		}
		x = *link;
		link = &m->trie[x].child;
	}
	if (m->trie[x].glob >= 0)
		return 0;
	m->trie[x].glob = g;
	return 1;
}

/*
 * Index the globs that start with a letter, so that a new word form is
 * tried against the few that can match it, not all: the x* globs (most of
 * them) in a trie that one walk along the word answers, the others (x?*,
 * x*y*) by their first byte.
 */
static void index_globs(matcher *m)
{
	size_t count[257] = { 0 }, bytes = 1;
	for (size_t g = 0; g < m->nglobs; g++)
		if (m->globs[g].kind == GLOB_PREFIX)
			bytes += m->globs[g].len;
	m->trie = xcalloc(bytes, sizeof(*m->trie));
	m->ntrie = 1;
	char *in_trie = xcalloc(m->nglobs + 1, 1);
	m->glob_pre = xcalloc(m->nglobs + 1, sizeof(*m->glob_pre));
	m->glob_rest = xcalloc(m->nglobs + 1, sizeof(*m->glob_rest));
	for (size_t g = 0; g < m->nglobs; g++) {
		int c = glob_first_byte(&m->globs[g]);
		if (c >= 0 && m->globs[g].kind == GLOB_PREFIX && trie_add(m, (int)g))
			in_trie[g] = 1;
		else if (c >= 0)
			count[c + 1]++;
		else
			m->glob_rest[m->nrest++] = (int)g;
	}
	for (size_t c = 0; c < 256; c++)
		count[c + 1] += count[c];
	memcpy(m->pre_at, count, sizeof(m->pre_at));
	for (size_t g = 0; g < m->nglobs; g++) { /* in glob order within a byte */
		int c = glob_first_byte(&m->globs[g]);
		if (c >= 0 && !in_trie[g])
			m->glob_pre[count[c]++] = (int)g;
	}
	free(in_trie);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The globs a folded form matches, in glob (that is, atom) order, into
   m->gmatch; returns how many. */
static size_t match_globs(matcher *m, const char *s, size_t n)
{
	size_t k = 0;
	if (n) {
		unsigned char c = (unsigned char)s[0];
		/* the x* globs: the trie's nodes along the word */
		uint32_t x = m->trie_root[c];
		for (size_t i = 1; x; i++) {
			if (m->trie[x].glob >= 0) {
				ALLOC_GROW(m->gmatch, k + 1, m->gmatch_alloc);
				m->gmatch[k++] = m->trie[x].glob;
			}
			if (i >= n)
				break;
			x = m->trie[x].child;
			while (x && m->trie[x].byte != (unsigned char)s[i])
				x = m->trie[x].sibling;
		}
		for (size_t i = m->pre_at[c]; i < m->pre_at[c + 1]; i++) {
			if (glob_match(&m->globs[m->glob_pre[i]], s, n)) {
				ALLOC_GROW(m->gmatch, k + 1, m->gmatch_alloc);
				m->gmatch[k++] = m->glob_pre[i];
			}
		}
	}
	/* the others (*x, *x*, ...) need the bytes of their literal: most
	   words lack one of them, which one AND tells before any search */
	uint64_t have = m->nrest ? byte_mask(s, n) : 0;
	for (size_t i = 0; i < m->nrest; i++) {
		const glob *g = &m->globs[m->glob_rest[i]];
		if (g->need & ~have)
			continue;
		if (glob_match(g, s, n)) {
			ALLOC_GROW(m->gmatch, k + 1, m->gmatch_alloc);
			m->gmatch[k++] = m->glob_rest[i];
		}
	}
	if (k > 1)
		qsort(m->gmatch, k, sizeof(*m->gmatch), int_cmp);
	return k;
}

/*
 * The word of a phrase its matching starts from: the rarest, so that a
 * phrase that opens with a common word (de, op, voor) is not tried at
 * every one. Without counts, rarity is guessed: a word whose stem is no
 * stop word's stem (the phrase holds stems: voor is "vor"), and of those
 * the longest; the first on a tie. stops: the stop words' stems, sorted.
 */
static size_t phrase_anchor(const lexicon_set *set, const rule *r, char *const *stops, size_t nstops)
{
	size_t best = 0;
	int best_score = -1;
	for (size_t k = 0; k < r->nseq && k < 256; k++) {
		const char *w = set->atoms[r->seq[k]].text;
		size_t n = strlen(w);
		int stop = bsearch(&w, stops, nstops, sizeof(*stops), str_cmp) != NULL;
		int score = (stop ? 0 : 1000) + (int)(n < 999 ? n : 999);
		if (score > best_score) {
			best_score = score;
			best = k;
		}
	}
	return best;
}

/* The stems of the stop words, sorted, into *out; returns how many. */
static size_t stop_stems(stemmer *st, char ***out)
{
	size_t n = 0;
	while (dutch_stop_word(n))
		n++;
	char **v = xcalloc(n + 1, sizeof(*v));
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		const char *w = dutch_stop_word(i);
		stem_one(st, w, strlen(w), buf, sizeof(buf));
		v[i] = xstrdup(buf);
	}
	qsort(v, n, sizeof(*v), str_cmp);
	*out = v;
	return n;
}

/* The occurrence list of a proximity operand, made on first use. */
static int occ_list_of(matcher *m, const operand *o)
{
	int *slot = o->atom >= 0 ? &m->occ_of_atom[o->atom] : &m->occ_of_group[o->group];
	if (*slot < 0)
		*slot = (int)m->noccs++;
	return *slot;
}

matcher *matcher_new(const lexicon_set *set, stemmer *st)
{
	matcher *m = xcalloc(1, sizeof(*m));
	size_t na = set->natoms, ng = set->ngroups;
	m->set = set;
	m->st = st;
	token_list_init(&m->toks);
	sb_init(&m->norm);
	strmap_init(&m->stem_map, na);
	strmap_init(&m->exact_map, na);
	strmap_init(&m->cue_map, na);
	m->globs = xcalloc(na + 1, sizeof(*m->globs));
	for (size_t a = 0; a < na; a++) {
		const atom *at = &set->atoms[a];
		switch (at->kind) {
		case ATOM_STEM: strmap_put(&m->stem_map, at->text, (int)a); break;
		case ATOM_EXACT: strmap_put(&m->exact_map, at->text, (int)a); break;
		case ATOM_CUE: strmap_put(&m->cue_map, at->text, (int)a); break;
		case ATOM_GLOB: glob_compile(&m->globs[m->nglobs++], (int)a, at->text); break;
		}
	}
	index_globs(m);
	m->simple = xcalloc(na + 1, sizeof(*m->simple));
	m->phrases = xcalloc(na + 1, sizeof(*m->phrases));
	m->groups_of = xcalloc(na + 1, sizeof(*m->groups_of));
	m->group_rules = xcalloc(ng + 1, sizeof(*m->group_rules));
	m->occ_of_atom = xmalloc((na + 1) * sizeof(int));
	m->occ_of_group = xmalloc((ng + 1) * sizeof(int));
	for (size_t a = 0; a < na; a++)
		m->occ_of_atom[a] = -1;
	for (size_t g = 0; g < ng; g++)
		m->occ_of_group[g] = -1;
	for (size_t g = 0; g < ng; g++)
		for (size_t k = 0; k < set->groups[g].n; k++)
			intlist_add(&m->groups_of[set->groups[g].atoms[k]], (int)g);

	for (size_t t = 0; t < set->nthemes; t++)
		m->nrules += set->themes[t].nrules;
	m->rule_theme = xcalloc(m->nrules + 1, sizeof(int));
	m->rule_local = xcalloc(m->nrules + 1, sizeof(int));
	m->stamp = xcalloc(m->nrules + 1, sizeof(uint32_t));
	m->anchor = xcalloc(m->nrules + 1, 1);
	m->prox = xcalloc(m->nrules + 1, sizeof(int));
	m->prox_a = xcalloc(m->nrules + 1, sizeof(int));
	m->prox_b = xcalloc(m->nrules + 1, sizeof(int));
	m->occs = xcalloc(2 * m->nrules + 1, sizeof(*m->occs));
	m->regexes = xcalloc(m->nrules + 1, sizeof(int));
	int gid = 0;
	char **stops;
	size_t nstops = stop_stems(st, &stops);
	m->rule_base = xcalloc(set->nthemes + 1, sizeof(int));
	m->veto_at = xcalloc(set->nthemes + 1, sizeof(size_t));
	for (size_t t = 0; t < set->nthemes; t++) {
		m->rule_base[t] = gid;
		for (size_t r = 0; r < set->themes[t].nrules; r++, gid++) {
			const rule *ru = &set->themes[t].rules[r];
			m->rule_theme[gid] = (int)t;
			m->rule_local[gid] = (int)r;
			switch (ru->kind) {
			case RULE_ATOM: intlist_add(&m->simple[ru->a.atom], gid); break;
			case RULE_GROUP: intlist_add(&m->group_rules[ru->a.group], gid); break;
			case RULE_PHRASE:
				m->anchor[gid] = (unsigned char)phrase_anchor(set, ru, stops, nstops);
				intlist_add(&m->phrases[ru->seq[m->anchor[gid]]], gid);
				break;
			case RULE_REGEX: m->regexes[m->nregexes++] = gid; break;
			case RULE_NEAR:
			case RULE_BEFORE:
				m->prox_a[m->nprox] = occ_list_of(m, &ru->a);
				m->prox_b[m->nprox] = occ_list_of(m, &ru->b);
				m->prox[m->nprox++] = gid;
				break;
			}
		}
	}
	for (size_t i = 0; i < nstops; i++)
		free(stops[i]);
	free(stops);
	m->prox_of = xcalloc(m->noccs + 1, sizeof(*m->prox_of));
	m->touched = xcalloc(m->noccs + 1, sizeof(int));
	/* A rule is tried when one of its operands occurs: NEAR and BEFORE need
	   both, so they wait on the one fewer rules share -- a shared cue
	   (@tekort: geen, weinig) occurs in most answers, the theme's word in
	   few; NOT NEAR and NOT BEFORE need their first operand alone. */
	int *uses = xcalloc(m->noccs + 1, sizeof(int));
	for (size_t p = 0; p < m->nprox; p++) {
		uses[m->prox_a[p]]++;
		uses[m->prox_b[p]]++;
	}
	for (size_t p = 0; p < m->nprox; p++) {
		int a = m->prox_a[p], b = m->prox_b[p];
		int on = !grule(m, m->prox[p])->exclude && uses[b] < uses[a] ? b : a;
		intlist_add(&m->prox_of[on], (int)p);
	}
	free(uses);
	m->re_runs = xcalloc(m->nregexes + 1, sizeof(*m->re_runs));
	m->re_try = xcalloc(m->nregexes + 1, 1);
	for (size_t x = 0; x < m->nregexes; x++)
		regex_run_of(grule(m, m->regexes[x]), &m->re_runs[x]);
	m->hits_alloc = 1024;
	m->hits = xmalloc(m->hits_alloc * sizeof(*m->hits));
	m->hits[0] = 0;
	m->nhits = 1;
	if (set->has_regex) {
		m->md = pcre2_match_data_create(2, NULL);
		m->mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(m->mctx, MATCH_REGEX_MATCH_LIMIT);
		pcre2_set_depth_limit(m->mctx, MATCH_REGEX_DEPTH_LIMIT);
		m->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (m->jit_stack)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
	}
	return m;
}

void matcher_free(matcher *m)
{
	if (!m)
		return;
	size_t na = m->set->natoms;
	for (size_t a = 0; a < na; a++) {
		free(m->simple[a].v);
		free(m->phrases[a].v);
		free(m->groups_of[a].v);
	}
	for (size_t g = 0; g < m->set->ngroups; g++)
		free(m->group_rules[g].v);
	free(m->simple);
	free(m->phrases);
	free(m->anchor);
	free(m->groups_of);
	free(m->group_rules);
	free(m->occ_of_atom);
	free(m->occ_of_group);
	for (size_t k = 0; k < m->noccs; k++) {
		free(m->occs[k].tok);
		free(m->prox_of[k].v);
	}
	free(m->occs);
	free(m->prox_of);
	free(m->touched);
	free(m->prox_a);
	free(m->prox_b);
	free(m->run_end);
	free(m->veto_at);
	strmap_release(&m->stem_map);
	strmap_release(&m->exact_map);
	strmap_release(&m->cue_map);
	free(m->globs);
	free(m->trie);
	free(m->glob_pre);
	free(m->glob_rest);
	free(m->gmatch);
	free(m->rule_theme);
	free(m->rule_local);
	free(m->rule_base);
	free(m->vetoes);
	free(m->stamp);
	free(m->prox);
	free(m->regexes);
	free(m->re_runs);
	free(m->re_try);
	free(m->hits);
	free(m->hits_of);
	free(m->cands);
	free(m->neg_clause);
	free(m->cue_first);
	free(m->wpos);
	free(m->norm_map);
	sb_release(&m->norm);
	token_list_release(&m->toks);
	if (m->md)
		pcre2_match_data_free(m->md);
	if (m->mctx)
		pcre2_match_context_free(m->mctx);
	if (m->jit_stack)
		pcre2_jit_stack_free(m->jit_stack);
	free(m);
}

void match_result_init(match_result *r) { memset(r, 0, sizeof(*r)); r->primary = -1; }

void match_result_release(match_result *r)
{
	free(r->themes);
	free(r->ev);
	match_result_init(r);
}

const token_list *matcher_tokens(const matcher *m) { return &m->toks; }

static void hit_add(matcher *m, size_t off, int a)
{
	if (a < 0)
		return;
	for (size_t k = off + 1; k < m->nhits; k++)
		if (m->hits[k] == a)
			return;
	ALLOC_GROW(m->hits, m->nhits + 1, m->hits_alloc);
	m->hits[m->nhits++] = a;
	m->hits[off]++;
}

/* The atoms a word form satisfies, computed once per form. */
static const int32_t *word_hits(matcher *m, int32_t widx)
{
	if ((size_t)widx < m->nhits_of && m->hits_of[widx] >= 0)
		return m->hits + m->hits_of[widx];
	if ((size_t)widx >= m->nhits_of) { /* entries the table made since */
		size_t n = stem_count(m->st) > (size_t)widx ? stem_count(m->st) : (size_t)widx + 1;
		n = n < 2 * m->nhits_of ? 2 * m->nhits_of : n;
		m->hits_of = xrealloc(m->hits_of, n * sizeof(*m->hits_of));
		for (size_t k = m->nhits_of; k < n; k++)
			m->hits_of[k] = -1;
		m->nhits_of = n;
	}
	const word_info *w = stem_word(m->st, widx);
	size_t off = m->nhits;
	ALLOC_GROW(m->hits, m->nhits + 1, m->hits_alloc);
	m->hits[m->nhits++] = 0;
	hit_add(m, off, strmap_get(&m->stem_map, w->stem, w->stem_len));
	hit_add(m, off, strmap_get(&m->exact_map, w->fold, w->fold_len));
	hit_add(m, off, strmap_get(&m->cue_map, w->fold, w->fold_len));
	if (w->head >= 0) {
		const word_info *h = stem_word(m->st, w->head);
		hit_add(m, off, strmap_get(&m->stem_map, h->stem, h->stem_len));
		hit_add(m, off, strmap_get(&m->exact_map, h->fold, h->fold_len));
	}
	size_t ng = match_globs(m, w->fold, w->fold_len);
	for (size_t k = 0; k < ng; k++)
		hit_add(m, off, m->globs[m->gmatch[k]].atom);
	if (m->hits[off] == 0) {
		m->nhits = off; /* share the empty list */
		off = 0;
	}
	m->hits_of[widx] = (int32_t)off;
	return m->hits + off;
}

static int has_atom(const int32_t *list, int a)
{
	for (int32_t k = 1; k <= list[0]; k++)
		if (list[k] == a)
			return 1;
	return 0;
}

static void add_cand(matcher *m, int gid, uint32_t start, uint32_t end, int32_t tok)
{
	ALLOC_GROW(m->cands, m->ncands + 1, m->cands_alloc);
	cand *c = &m->cands[m->ncands++];
	c->theme = m->rule_theme[gid];
	c->rule = m->rule_local[gid];
	c->start = start;
	c->end = end;
	c->tok = tok;
}

/* Note that occurrence list k's operand occurs at token tok (once a token). */
static void add_occ(matcher *m, int k, int32_t tok)
{
	occlist *l = &m->occs[k];
	if (l->n && l->tok[l->n - 1] == tok)
		return; /* two members of one group in one token */
	if (!l->n)
		m->touched[m->ntouched++] = k;
	ALLOC_GROW(l->tok, l->n + 1, l->alloc);
	l->tok[l->n++] = tok;
}

/*
 * Whether phrase gid matches with its anchor at token i; on success
 * [*first, *last] are its tokens. The words are consecutive words of one
 * sentence: no punctuation between them, and none but the first starts a
 * sentence.
 */
static int phrase_at(matcher *m, int gid, size_t i, size_t *first, size_t *last)
{
	const rule *r = grule(m, gid);
	const token_list *tl = &m->toks;
	size_t at = m->anchor[gid];
	if (i < at || i - at + r->nseq > tl->n)
		return 0;
	size_t s = i - at;
	for (size_t k = 0; k < r->nseq; k++) {
		const token *t = &tl->v[s + k];
		if (t->kind == TK_PUNCT || t->kind == TK_SYMBOL || (k && (t->flags & TF_SENT)))
			return 0;
		if (k != at && !has_atom(word_hits(m, t->word), r->seq[k]))
			return 0;
	}
	*first = s;
	*last = s + r->nseq - 1;
	return 1;
}

/*
 * NEAR/BEFORE: for every occurrence x of a rule's first operand, one
 * candidate with the first occurrence y of its second operand (in text
 * order) that lies in the same sentence at a word distance d = pos(y) -
 * pos(x) with 0 < |d| <= n (NEAR) or 0 < d <= n (BEFORE). Both operands'
 * occurrences are in text order, and the window [pos(x) - n or pos(x) + 1,
 * pos(x) + n] only moves forward with x, so one pointer into y's list
 * serves every x: the work is linear in the occurrences, however many of
 * them an answer repeats (scanning all pairs was quadratic). A rule
 * written NOT NEAR/NOT BEFORE keeps instead each x that has no such y, as
 * a candidate of x's word alone.
 */
static void proximity_rule(matcher *m, size_t p)
{
	const token_list *tl = &m->toks;
	const uint32_t *wpos = m->wpos;
	const rule *r = grule(m, m->prox[p]);
	const occlist *A = &m->occs[m->prox_a[p]], *B = &m->occs[m->prox_b[p]];
	if (!A->n || (!B->n && !r->exclude))
		return;
	if (!B->n) { /* NOT NEAR/BEFORE with no B at all: every A counts */
		for (size_t x = 0; x < A->n; x++)
			add_cand(m, m->prox[p], tl->v[A->tok[x]].start, tl->v[A->tok[x]].end, A->tok[x]);
		return;
	}
	uint32_t dist = (uint32_t)r->distance;
	/* run_end[k]: the first b occurrence after k at another word
	   position (a word and the punctuation before it share one) */
	ALLOC_GROW(m->run_end, B->n, m->run_end_alloc);
	for (size_t k = B->n; k-- > 0;)
		m->run_end[k] = k + 1 < B->n && wpos[B->tok[k + 1]] == wpos[B->tok[k]]
				      ? m->run_end[k + 1] : (uint32_t)(k + 1);
	size_t j = 0;
	for (size_t x = 0; x < A->n; x++) {
		int32_t tx = A->tok[x];
		const token *ta = &tl->v[tx];
		uint32_t wx = wpos[tx];
		uint32_t lo = r->kind == RULE_NEAR ? (wx > dist ? wx - dist : 0) : wx + 1;
		/* pass the b occurrences before this x's window for good */
		while (j < B->n && (tl->v[B->tok[j]].sent < ta->sent ||
				    (tl->v[B->tok[j]].sent == ta->sent && wpos[B->tok[j]] < lo)))
			j++;
		size_t k = j;
		if (k < B->n && wpos[B->tok[k]] == wx)
			k = m->run_end[k]; /* d = 0 (the same word) does not count */
		int32_t ty = k < B->n ? B->tok[k] : -1;
		const token *tb = ty >= 0 ? &tl->v[ty] : NULL;
		int partner = tb && tb->sent == ta->sent && wpos[ty] <= wx + dist;
		if (r->exclude) { /* A counts alone, where it has no partner */
			if (!partner)
				add_cand(m, m->prox[p], ta->start, ta->end, tx);
			continue;
		}
		if (!partner)
			continue;
		uint32_t s = ta->start < tb->start ? ta->start : tb->start;
		uint32_t e = ta->end > tb->end ? ta->end : tb->end;
		add_cand(m, m->prox[p], s, e, ta->start < tb->start ? tx : ty);
	}
}

/* Only the rules whose first operand occurs in the answer: most hold few. */
static void proximity(matcher *m)
{
	for (size_t t = 0; t < m->ntouched; t++) {
		const intlist *rules = &m->prox_of[m->touched[t]];
		for (size_t u = 0; u < rules->n; u++)
			proximity_rule(m, (size_t)rules->v[u]);
	}
}

/*
 * The offset of the first character at or after i that normalise()
 * changes, or of the first byte that is not UTF-8 (PCRE2 is told the
 * subject is valid); len if there is none. Most texts have none, and
 * classifying every character of every answer cost as much as running
 * the regexes.
 */
static size_t next_to_normalise(const unsigned char *s, size_t i, size_t len)
{
	while (i < len) {
		while (i + 8 <= len) { /* ASCII, eight bytes at a time */
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n < 0 || utf8_plain(cp))
			return i;
		i += (size_t)n;
	}
	return len;
}

/*
 * Build the normalised text for regexes from the first character to
 * change, at first: typographic apostrophes, quotes and dashes made plain,
 * bytes that are not UTF-8 made U+FFFD; norm_map maps each of its bytes
 * (and its end) to the original's.
 */
static void normalise(matcher *m, const char *text, size_t len, size_t first)
{
	const unsigned char *s = (const unsigned char *)text;
	sb_reset(&m->norm);
	size_t i = 0, at = first;
	for (;;) {
		/* the run [i, at) is copied as it is */
		ALLOC_GROW(m->norm_map, m->norm.len + (at - i) + 4, m->norm_map_alloc);
		for (size_t k = 0; k < at - i; k++)
			m->norm_map[m->norm.len + k] = (uint32_t)(i + k);
		sb_add(&m->norm, text + i, at - i);
		if (at >= len)
			break;
		int32_t cp;
		int n = utf8_decode(s + at, len - at, &cp);
		char plain[2] = { n < 0 ? 0 : (char)utf8_plain(cp), 0 };
		const char *rep = n < 0 ? "\xEF\xBF\xBD" : plain; /* not UTF-8: U+FFFD */
		if (n < 0)
			n = 1;
		size_t rl = strlen(rep);
		for (size_t k = 0; k < rl; k++)
			m->norm_map[m->norm.len + k] = (uint32_t)at;
		sb_add(&m->norm, rep, rl);
		i = at + (size_t)n;
		at = next_to_normalise(s, i, len);
	}
	m->norm_map[m->norm.len] = (uint32_t)len;
}

static int run_regexes(matcher *m, const char *text, size_t len)
{
	int any = 0;
	for (size_t x = 0; x < m->nregexes; x++)
		any |= m->re_try[x] = (unsigned char)regex_may_match(&m->re_runs[x], text, len);
	if (!any)
		return 0;
	const char *subj = text;
	size_t slen = len;
	size_t first = next_to_normalise((const unsigned char *)text, 0, len);
	int mapped = first < len;
	if (mapped) {
		normalise(m, text, len, first);
		subj = m->norm.buf;
		slen = m->norm.len;
	}
	for (size_t x = 0; x < m->nregexes; x++) {
		if (!m->re_try[x])
			continue;
		const rule *r = grule(m, m->regexes[x]);
		PCRE2_SIZE off = 0;
		while (off <= slen) {
			/* the subject is valid UTF-8 (ASCII, or normalised): checking it
			   again for every regex cost as much as matching */
			int rc = m->re_runs[x].jit
					 ? pcre2_jit_match(r->re, (PCRE2_SPTR)subj, slen, off, 0, m->md, m->mctx)
					 : pcre2_match(r->re, (PCRE2_SPTR)subj, slen, off, PCRE2_NO_UTF_CHECK,
						       m->md, m->mctx);
			if (rc == PCRE2_ERROR_NOMATCH)
				break;
			if (rc < 0) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(rc, msg, sizeof(msg));
				const theme *th = &m->set->themes[m->rule_theme[m->regexes[x]]];
				error_set_code(EXIT_INPUT);
				return error("%s:%d: regex '%s' of theme '%s' stopped: %s",
					     th->file, r->line, r->id, th->key, (char *)msg);
			}
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
			uint32_t s = (uint32_t)ov[0], e = (uint32_t)ov[1];
			if (mapped) {
				s = m->norm_map[ov[0]];
				e = m->norm_map[ov[1]];
				if (ov[1] > ov[0] && e <= s) /* end inside a replaced character */
					e = s + 1;
			}
			if (ov[1] > ov[0])
				add_cand(m, m->regexes[x], s, e, -1);
			off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
			while (off < slen && ((unsigned char)subj[off] & 0xC0) == 0x80)
				off++;
		}
	}
	return 0;
}

/* Token index containing byte offset b (binary search). */
static int32_t token_at(const token_list *tl, uint32_t b)
{
	size_t lo = 0, hi = tl->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (tl->v[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tl->n ? (int32_t)lo : -1;
}

static int negated(const matcher *m, int32_t tok)
{
	if (tok < 0)
		return 0;
	const token *t = &m->toks.v[tok];
	if (!m->neg_clause[t->clause])
		return 0;
	if (m->set->neg_scope == NEG_AFTER)
		return m->cue_first[t->clause] - 1 < (uint32_t)tok;
	return 1;
}

/*
 * Vetoes: a candidate is dropped when a veto of its theme overlaps it. The
 * vetoes of the sorted candidates are grouped by theme, each group in
 * order of start with the running maximum of their ends, so that each
 * candidate asks one binary search instead of every veto (which was
 * quadratic in an answer that repeats a vetoed word).
 */
static void veto_index(matcher *m)
{
	const lexicon_set *set = m->set;
	size_t nt = set->nthemes;
	memset(m->veto_at, 0, (nt + 1) * sizeof(*m->veto_at));
	m->nvetoes = 0;
	for (size_t c = 0; c < m->ncands; c++) {
		const cand *cd = &m->cands[c];
		if (set->themes[cd->theme].rules[cd->rule].veto) {
			m->veto_at[cd->theme + 1]++;
			m->nvetoes++;
		}
	}
	if (!m->nvetoes)
		return;
	for (size_t t = 0; t < nt; t++)
		m->veto_at[t + 1] += m->veto_at[t];
	ALLOC_GROW(m->vetoes, m->nvetoes, m->vetoes_alloc);
	/* a counting sort by theme keeps each theme's vetoes by start */
	for (size_t c = 0; c < m->ncands; c++) {
		const cand *cd = &m->cands[c];
		if (!set->themes[cd->theme].rules[cd->rule].veto)
			continue;
		size_t at = m->veto_at[cd->theme]++;
		m->vetoes[at].theme = cd->theme;
		m->vetoes[at].start = cd->start;
		m->vetoes[at].end = cd->end;
	}
	for (size_t t = nt; t > 0; t--) /* the counting moved each start on */
		m->veto_at[t] = m->veto_at[t - 1];
	m->veto_at[0] = 0;
	for (size_t t = 0; t < nt; t++)
		for (size_t v = m->veto_at[t]; v < m->veto_at[t + 1]; v++)
			m->vetoes[v].maxend = v > m->veto_at[t] && m->vetoes[v - 1].maxend > m->vetoes[v].end
						      ? m->vetoes[v - 1].maxend : m->vetoes[v].end;
}

/* Whether a veto of cd's theme overlaps cd: of the vetoes that start
   before cd ends, the one that ends last ends after cd starts. */
static int vetoed(const matcher *m, const cand *cd)
{
	size_t lo = m->veto_at[cd->theme], hi = m->veto_at[cd->theme + 1];
	if (lo == hi)
		return 0;
	size_t first = lo;
	while (lo < hi) { /* the first veto that starts at or after cd's end */
		size_t mid = lo + (hi - lo) / 2;
		if (m->vetoes[mid].start < cd->end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > first && m->vetoes[lo - 1].maxend > cd->start;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->theme != y->theme)
		return x->theme - y->theme;
	if (x->rule != y->rule)
		return x->rule - y->rule;
	return x->end < y->end ? -1 : x->end > y->end;
}

int matcher_code(matcher *m, const char *text, size_t len, match_result *res)
{
	const lexicon_set *set = m->set;
	stem_trim(m->st, WORD_CACHE_LIMIT);
	if (stem_generation(m->st) != m->table_gen) { /* the table was emptied: its indices are new */
		m->table_gen = stem_generation(m->st);
		m->nhits = 1;
		m->nhits_of = 0;
	}
	tokenize(m->st, text, len, &m->toks);
	const token_list *tl = &m->toks;
	m->ncands = 0;
	for (size_t t = 0; t < m->ntouched; t++)
		m->occs[m->touched[t]].n = 0;
	m->ntouched = 0;
	m->answer_no++;

	size_t nclauses = tl->n ? tl->v[tl->n - 1].clause + 1 : 1;
	if (nclauses > m->neg_alloc) {
		m->neg_alloc = nclauses * 2;
		m->neg_clause = xrealloc(m->neg_clause, m->neg_alloc);
		m->cue_first = xrealloc(m->cue_first, m->neg_alloc * sizeof(*m->cue_first));
	}
	memset(m->neg_clause, 0, nclauses);
	ALLOC_GROW(m->wpos, tl->n + 1, m->wpos_alloc);

	uint32_t words = 0;
	for (size_t i = 0; i < tl->n; i++) {
		const token *t = &tl->v[i];
		m->wpos[i] = words;
		if (t->kind != TK_PUNCT && t->kind != TK_SYMBOL)
			words++;
		const int32_t *h = word_hits(m, t->word);
		if (!h[0])
			continue;
		/* by offset: phrase checks below may grow the hits arena */
		size_t hoff = (size_t)(h - m->hits);
		for (int32_t k = 0; k < m->hits[hoff]; k++) {
			int a = m->hits[hoff + 1 + (size_t)k];
			if (set->atoms[a].kind == ATOM_CUE) {
				if (!m->neg_clause[t->clause]) {
					m->neg_clause[t->clause] = 1;
					m->cue_first[t->clause] = (uint32_t)i + 1;
				}
				continue;
			}
			for (size_t u = 0; u < m->simple[a].n; u++)
				add_cand(m, m->simple[a].v[u], t->start, t->end, (int32_t)i);
			for (size_t u = 0; u < m->phrases[a].n; u++) {
				size_t first, last;
				if (phrase_at(m, m->phrases[a].v[u], i, &first, &last))
					add_cand(m, m->phrases[a].v[u], tl->v[first].start, tl->v[last].end,
						 (int32_t)first);
			}
			if (m->occ_of_atom[a] >= 0)
				add_occ(m, m->occ_of_atom[a], (int32_t)i);
			for (size_t g = 0; g < m->groups_of[a].n; g++) {
				int gr = m->groups_of[a].v[g];
				for (size_t u = 0; u < m->group_rules[gr].n; u++)
					add_cand(m, m->group_rules[gr].v[u], t->start, t->end, (int32_t)i);
				if (m->occ_of_group[gr] >= 0)
					add_occ(m, m->occ_of_group[gr], (int32_t)i);
			}
		}
	}
	m->wpos[tl->n] = words;
	if (m->nprox)
		proximity(m);
	if (m->nregexes && run_regexes(m, text, len))
		return -1;

	/* results */
	if (res->nthemes != set->nthemes) {
		res->themes = xrealloc(res->themes, (set->nthemes + 1) * sizeof(*res->themes));
		res->nthemes = set->nthemes;
	}
	memset(res->themes, 0, set->nthemes * sizeof(*res->themes));
	res->nev = 0;
	res->primary = -1;
	res->ncoded = 0;
	if (!m->ncands)
		return 0;
	qsort(m->cands, m->ncands, sizeof(*m->cands), cand_cmp);

	veto_index(m);
	for (size_t c = 0; c < m->ncands; c++) {
		cand *cd = &m->cands[c];
		const rule *r = &set->themes[cd->theme].rules[cd->rule];
		if (r->veto)
			continue;
		int dropped = m->nvetoes && vetoed(m, cd);
		if (!dropped && r->notneg)
			dropped = negated(m, cd->tok >= 0 ? cd->tok : token_at(tl, cd->start));
		if (dropped) {
			cd->theme = -1;
			continue;
		}
		theme_score *ts = &res->themes[cd->theme];
		int g = m->rule_base[cd->theme] + cd->rule;
		if (m->stamp[g] != m->answer_no) {
			m->stamp[g] = m->answer_no;
			if (ts->score == 0)
				ts->first = cd->start;
			ts->score += r->weight;
			int32_t tok = cd->tok >= 0 ? cd->tok : token_at(tl, cd->start);
			int lead = tok >= 0 && tl->v[tok].clause == 0;
			ts->rank += lead ? r->weight * MATCH_LEAD_BONUS : r->weight;
		}
	}
	for (size_t t = 0; t < set->nthemes; t++) {
		theme_score *ts = &res->themes[t];
		ts->coded = ts->score > 0 && ts->score >= set->themes[t].min_score;
		if (!ts->coded)
			continue;
		res->ncoded++;
		if (res->primary < 0 || ts->rank > res->themes[res->primary].rank ||
		    (ts->rank == res->themes[res->primary].rank &&
		     ts->first < res->themes[res->primary].first))
			res->primary = (int)t;
	}
	for (size_t c = 0; c < m->ncands; c++) {
		const cand *cd = &m->cands[c];
		if (cd->theme < 0 || set->themes[cd->theme].rules[cd->rule].veto ||
		    (!res->themes[cd->theme].coded && !res->all_themes))
			continue;
		if (res->nev) {
			const evidence *p = &res->ev[res->nev - 1];
			if (p->theme == cd->theme && p->rule == cd->rule && p->start == cd->start &&
			    p->end == cd->end)
				continue;
		}
		ALLOC_GROW(res->ev, res->nev + 1, res->ev_alloc);
		evidence *e = &res->ev[res->nev++];
		e->theme = cd->theme;
		e->rule = cd->rule;
		e->start = cd->start;
		e->end = cd->end;
	}
	return 0;
}
