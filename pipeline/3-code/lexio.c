/*
 * lexio: LIWC .dic and quanteda YAML import and export (see lexio.h).
 *
 * The YAML side reads the subset quanteda writes for dictionaries: keys
 * ending in ':' (nested keys are joined with '_') and list items '- x',
 * plain or quoted; anything else is an error naming the line.
 */
#include "lexio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The other format's pattern for an atom, or NULL when it has none. */
static int atom_pattern(const lexicon_set *set, int a, strbuf *out)
{
	const atom *at = &set->atoms[a];
	switch (at->kind) {
	case ATOM_STEM:
		sb_addf(out, "%s*", at->text);
		return 0;
	case ATOM_EXACT:
		sb_adds(out, at->text);
		return 0;
	case ATOM_GLOB: {
		const char *star = strchr(at->text, '*');
		if (strchr(at->text, '?') || (star && star[1]) || at->text[0] == '*')
			return -1; /* only a trailing * is understood */
		sb_adds(out, at->text);
		return 0;
	}
	}
	return -1;
}

static int rule_pattern(const lexicon_set *set, const rule *r, strbuf *out, const char **why)
{
	*why = NULL;
	if (r->veto) {
		*why = "vetoes";
		return -1;
	}
	switch (r->kind) {
	case RULE_ATOM:
		if (atom_pattern(set, r->a.atom, out)) {
			*why = "globs other than a trailing *";
			return -1;
		}
		return 0;
	case RULE_PHRASE:
		for (size_t k = 0; k < r->nseq; k++) {
			if (k)
				sb_addc(out, ' ');
			if (atom_pattern(set, r->seq[k], out)) {
				*why = "globs other than a trailing *";
				return -1;
			}
		}
		return 0;
	case RULE_REGEX: *why = "regular expressions"; return -1;
	case RULE_GROUP: return 0; /* its members, one by one: see add_rule() */
	default: *why = r->exclude ? "NOT NEAR/NOT BEFORE exclusions" : "NEAR/BEFORE proximity"; return -1;
	}
}

static void yaml_quoted(strbuf *out, const char *s)
{
	sb_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(out, '\\');
		sb_addc(out, *s);
	}
	sb_addc(out, '"');
}

/* The patterns of one exported rule, one per line: a group gives each
   member it can express (and warns about the others). */
static void rule_patterns(const lexicon_set *set, const theme *th, const rule *ru, int to_liwc,
			  strbuf *pat, strbuf *lines)
{
	sb_reset(lines);
	if (ru->kind != RULE_GROUP) {
		sb_add(lines, pat->buf, pat->len);
		sb_addc(lines, '\n');
		return;
	}
	const group *g = &set->groups[ru->a.group];
	for (size_t k = 0; k < g->n; k++) {
		sb_reset(pat);
		if (atom_pattern(set, g->atoms[k], pat)) {
			warning("%s:%d: '%s': member '%s' left out: %s cannot express globs other than a trailing *",
				th->file, ru->line, ru->text, set->atoms[g->atoms[k]].text,
				to_liwc ? "LIWC" : "quanteda YAML");
			continue;
		}
		sb_add(lines, pat->buf, pat->len);
		sb_addc(lines, '\n');
	}
}

size_t lexio_export(const lexicon_set *set, int to_liwc, strbuf *out)
{
	size_t dropped = 0;
	strbuf pat, lines;
	sb_init(&pat);
	sb_init(&lines);
	/* LIWC: patterns with the categories they belong to */
	char **pats = NULL;
	strbuf *cats = NULL;
	size_t npats = 0, pats_alloc = 0, cats_alloc = 0;
	strmap seen; /* pattern -> index in pats */
	strmap_init(&seen, 256);
	if (to_liwc) {
		sb_adds(out, "%\n");
		for (size_t t = 0; t < set->nthemes; t++)
			sb_addf(out, "%zu\t%s\n", t + 1, set->themes[t].key);
		sb_adds(out, "%\n");
	}
	for (size_t t = 0; t < set->nthemes; t++) {
		const theme *th = &set->themes[t];
		if (!to_liwc)
			sb_addf(out, "%s:\n", th->key);
		for (size_t r = 0; r < th->nrules; r++) {
			const rule *ru = &th->rules[r];
			const char *why;
			sb_reset(&pat);
			if (rule_pattern(set, ru, &pat, &why)) {
				warning("%s:%d: '%s' left out: %s cannot express %s", th->file, ru->line,
					ru->text, to_liwc ? "LIWC" : "quanteda YAML", why);
				dropped++;
				continue;
			}
			if (ru->weight != 1)
				warning("%s:%d: '%s': weight %g not exported (%s has no weights)", th->file,
					ru->line, ru->text, ru->weight, to_liwc ? "LIWC" : "YAML");
			if (ru->notneg)
				warning("%s:%d: '%s': notneg not exported (no negation there)", th->file,
					ru->line, ru->text);
			rule_patterns(set, th, ru, to_liwc, &pat, &lines);
			for (char *p = lines.buf, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
				*nl = '\0';
				if (!to_liwc) {
					sb_adds(out, "  - ");
					yaml_quoted(out, p);
					sb_addc(out, '\n');
					continue;
				}
				int found = strmap_get(&seen, p, strlen(p));
				size_t i = found >= 0 ? (size_t)found : npats;
				if (i == npats) {
					ALLOC_GROW(pats, npats + 1, pats_alloc);
					ALLOC_GROW(cats, npats + 1, cats_alloc);
					pats[npats] = xstrdup(p);
					sb_init(&cats[npats]);
					strmap_put(&seen, pats[npats], (int)npats);
					npats++;
				}
				/* themes come in order: a category is there if it came last */
				char num[24];
				size_t nlen = (size_t)snprintf(num, sizeof(num), "\t%zu", t + 1);
				if (cats[i].len < nlen || strcmp(cats[i].buf + cats[i].len - nlen, num))
					sb_adds(&cats[i], num);
			}
		}
	}
	for (size_t i = 0; i < npats; i++) {
		sb_addf(out, "%s%s\n", pats[i], cats[i].buf);
		free(pats[i]);
		sb_release(&cats[i]);
	}
	strmap_release(&seen);
	free(pats);
	free(cats);
	sb_release(&pat);
	sb_release(&lines);
	return dropped;
}

/* Lexicon key from a category name: lower case, [a-z0-9_]. */
static char *key_of(const char *s, size_t n)
{
	char *k = xmalloc(n + 2);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		k[j++] = (char)(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '_');
	}
	if (!j)
		k[j++] = 'x';
	k[j] = '\0';
	return k;
}

/* Append a rule line for a pattern of the other format. */
static void add_pattern(strbuf *out, const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	if (memchr(p, ' ', n)) {
		sb_addc(out, '"');
		sb_add(out, p, n);
		sb_adds(out, "\"\n");
	} else if (memchr(p, '*', n)) {
		sb_add(out, p, n);
		sb_addc(out, '\n');
	} else {
		sb_addc(out, '=');
		sb_add(out, p, n);
		sb_addc(out, '\n');
	}
}

static int new_category(char ***keys, strbuf **texts, int *n, const char *name, size_t len,
			const char *from)
{
	*keys = xrealloc(*keys, (size_t)(*n + 1) * sizeof(**keys));
	*texts = xrealloc(*texts, (size_t)(*n + 1) * sizeof(**texts));
	(*keys)[*n] = key_of(name, len);
	sb_init(&(*texts)[*n]);
	sb_addf(&(*texts)[*n], "# imported from %s\n%%key %s\n%%label %.*s\n%%description %.*s (imported)\n\n",
		from, (*keys)[*n], (int)len, name, (int)len, name);
	return (*n)++;
}

/* The lines of a text: each without its line end (LF or CRLF), numbered
   from 1. */
typedef struct lines {
	const char *next, *end;
	long lineno;
} lines;

/* The next line, s..*le: 1, or 0 after the last. */
static int line_next(lines *l, const char **s, const char **le)
{
	if (l->next >= l->end)
		return 0;
	const char *nl = memchr(l->next, '\n', (size_t)(l->end - l->next));
	*s = l->next;
	*le = nl ? nl : l->end;
	l->next = nl ? nl + 1 : l->end;
	l->lineno++;
	if (*le > *s && (*le)[-1] == '\r')
		(*le)--;
	return 1;
}

static int import_liwc(const char *name, const char *text, size_t len, char ***keys,
		       strbuf **texts, int *made)
{
	int section = 0;
	*made = 0;
	int *nums = NULL;
	lines ls = { text, text + len, 0 };
	const char *s, *le;
	while (line_next(&ls, &s, &le)) {
		long lineno = ls.lineno;
		const char *b = s;
		while (b < le && (*b == ' ' || *b == '\t'))
			b++;
		if (b < le && *b == '%') {
			section++;
		} else if (b < le && section == 1) {
			char *endp;
			long num = strtol(b, &endp, 10);
			if (endp == b || num < 0 || num > 100000)
				return error_at(name, lineno, (long)(b - s) + 1, s, (size_t)(le - s),
						"expected 'NUMBER<TAB>category'");
			while (endp < le && (*endp == ' ' || *endp == '\t'))
				endp++;
			int c = new_category(keys, texts, made, endp, (size_t)(le - endp), name);
			nums = xrealloc(nums, (size_t)*made * sizeof(*nums));
			nums[c] = (int)num;
		} else if (b < le && section >= 2) {
			/* pattern, then category numbers (a phrase's words are separated by spaces) */
			const char *tab = memchr(b, '\t', (size_t)(le - b));
			const char *pe = tab ? tab : le;
			if (!tab) /* space separated: the numbers are the trailing digits */
				for (pe = le; pe > b && (pe[-1] == ' ' || (pe[-1] >= '0' && pe[-1] <= '9')); pe--)
					;
			const char *q = pe;
			int any = 0;
			while (q < le) {
				while (q < le && (*q == ' ' || *q == '\t'))
					q++;
				if (q >= le)
					break;
				char *endp;
				long num = strtol(q, &endp, 10);
				if (endp == q) {
					free(nums);
					return error_at(name, lineno, (long)(q - s) + 1, s, (size_t)(le - s),
							"expected a category number");
				}
				int c;
				for (c = 0; c < *made && nums[c] != num; c++)
					;
				if (c == *made) {
					free(nums);
					return error_at(name, lineno, (long)(q - s) + 1, s, (size_t)(le - s),
							"category %ld is not declared in the header", num);
				}
				add_pattern(&(*texts)[c], b, (size_t)(pe - b));
				any = 1;
				q = endp;
			}
			if (!any) {
				free(nums);
				return error_at(name, lineno, 0, s, (size_t)(le - s), "a word without a category");
			}
		}
	}
	free(nums);
	if (section < 2)
		return error_at(name, ls.lineno, 0, NULL, 0, "not a LIWC dictionary (no %% header)");
	return *made;
}

static int import_yaml(const char *name, const char *text, size_t len, char ***keys,
		       strbuf **texts, int *made)
{
	int cur = -1;
	*made = 0;
	char path[8][128];
	int indents[8], depth = 0;
	lines ls = { text, text + len, 0 };
	const char *s, *le;
	while (line_next(&ls, &s, &le)) {
		long lineno = ls.lineno;
		const char *b = s;
		while (b < le && *b == ' ')
			b++;
		int indent = (int)(b - s);
		if (b >= le || *b == '#' || (le - b >= 3 && !memcmp(b, "---", 3)))
			continue;
		if (*b == '-') {
			if (cur < 0)
				return error_at(name, lineno, indent + 1, s, (size_t)(le - s),
						"a list item before any key");
			const char *v = b + 1;
			while (v < le && *v == ' ')
				v++;
			const char *ve = le;
			if (v < le && (*v == '"' || *v == '\'')) {
				char q = *v++;
				ve = memchr(v, q, (size_t)(le - v));
				if (!ve)
					return error_at(name, lineno, (long)(v - s), s, (size_t)(le - s),
							"missing closing quote");
			}
			add_pattern(&(*texts)[cur], v, (size_t)(ve - v));
		} else {
			const char *colon = memchr(b, ':', (size_t)(le - b));
			const char *after = colon ? colon + 1 : le;
			while (after < le && *after == ' ')
				after++;
			if (!colon || (after < le && *after != '#'))
				return error_at(name, lineno, indent + 1, s, (size_t)(le - s),
						"expected 'key:' or '- pattern' (inline lists are not read)");
			while (depth > 0 && indents[depth - 1] >= indent)
				depth--;
			if (depth == 8)
				return error_at(name, lineno, indent + 1, s, (size_t)(le - s), "keys nested too deep");
			if (colon - b >= (ptrdiff_t)sizeof(path[depth]))
				return error_at(name, lineno, indent + 1, s, (size_t)(le - s),
						"a key longer than %zu bytes", sizeof(path[depth]) - 1);
			snprintf(path[depth], sizeof(path[depth]), "%.*s", (int)(colon - b), b);
			indents[depth++] = indent;
			strbuf full;
			sb_init(&full);
			for (int i = 0; i < depth; i++)
				sb_addf(&full, "%s%s", i ? "_" : "", path[i]);
			cur = new_category(keys, texts, made, full.buf, full.len, name);
			sb_release(&full);
		}
	}
	if (!*made)
		return error_at(name, ls.lineno ? ls.lineno : 1, 0, NULL, 0, "no categories found");
	return *made;
}

int lexio_import(const char *name, const char *text, size_t len, int from_liwc, char ***keys,
		 strbuf **texts)
{
	*keys = NULL;
	*texts = NULL;
	int made = 0;
	int n = from_liwc ? import_liwc(name, text, len, keys, texts, &made)
			  : import_yaml(name, text, len, keys, texts, &made);
	if (n < 0) {
		/* free the categories made before the error */
		for (int i = 0; i < made; i++) {
			free((*keys)[i]);
			sb_release(&(*texts)[i]);
		}
		free(*keys);
		free(*texts);
		*keys = NULL;
		*texts = NULL;
	}
	return n;
}
