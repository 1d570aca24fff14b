/*
 * dutch: stems, word lists and compound splits of Dutch (see dutch.h).
 */
#include "dutch.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The lists, each sorted by bytes (test_dutch checks it) for bsearch. */
typedef struct word {
	const char *s;   /* the word */
	unsigned char n; /* its length */
} word;
#define W(lit) { lit, sizeof(lit) - 1 }

static const word stop_words[] = {
	W("aan"), W("al"), W("alles"), W("als"), W("altijd"), W("andere"), W("ben"), W("bij"), W("daar"), W("dan"), W("dat"),
	W("de"), W("der"), W("deze"), W("die"), W("dit"), W("doch"), W("doen"), W("door"), W("dus"), W("een"), W("eens"), W("en"),
	W("er"), W("ge"), W("geen"), W("geweest"), W("haar"), W("had"), W("heb"), W("hebben"), W("heeft"), W("hem"), W("het"),
	W("hier"), W("hij"), W("hoe"), W("hun"), W("iemand"), W("iets"), W("ik"), W("in"), W("is"), W("ja"), W("je"), W("kan"),
	W("kon"), W("kunnen"), W("maar"), W("me"), W("meer"), W("men"), W("met"), W("mij"), W("mijn"), W("moet"), W("na"),
	W("naar"), W("niet"), W("niets"), W("nog"), W("nu"), W("of"), W("om"), W("omdat"), W("onder"), W("ons"), W("ook"), W("op"),
	W("over"), W("reeds"), W("te"), W("tegen"), W("toch"), W("toen"), W("tot"), W("u"), W("uit"), W("uw"), W("van"), W("veel"),
	W("voor"), W("want"), W("waren"), W("was"), W("wat"), W("werd"), W("wezen"), W("wie"), W("wil"), W("worden"),
	W("wordt"), W("zal"), W("ze"), W("zelf"), W("zich"), W("zij"), W("zijn"), W("zo"), W("zonder"), W("zou"),
};

static const word clause_openers[] = {
	W("aangezien"), W("alhoewel"), W("daarentegen"), W("doordat"), W("echter"), W("hoewel"), W("maar"), W("omdat"),
	W("tenzij"), W("terwijl"), W("want"), W("zodat"),
};

static const word suffix_heads[] = {
	W("achtig"), W("aren"), W("atie"), W("aties"), W("baar"), W("bare"), W("dom"), W("elen"), W("ende"), W("enen"),
	W("eren"), W("erij"), W("ers"), W("heden"), W("heid"), W("ijk"), W("ing"), W("ingen"), W("isch"), W("ische"),
	W("iteit"), W("lijk"), W("lijke"), W("ling"), W("lingen"), W("loos"), W("loze"), W("nis"), W("nissen"), W("ofte"),
	W("rijk"), W("rijke"), W("schap"), W("ster"), W("sters"), W("ties"), W("tje"), W("tjes"),
};

static const word particle_mods[] = {
	W("aan"), W("achter"), W("bij"), W("door"), W("her"), W("mee"), W("mis"), W("neer"), W("onder"), W("ont"), W("open"),
	W("out"), W("over"), W("rond"), W("samen"), W("tegen"), W("ter"), W("terug"), W("toe"), W("tussen"), W("uit"),
	W("vast"), W("ver"), W("vol"), W("voor"), W("weg"),
};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

/* Whether p[0..n) is in the sorted list: a binary search over short words. */
static int in_list(const word *list, size_t count, const char *p, size_t n)
{
	if (n > 16)
		return 0; /* no word of the lists is longer */
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const word *w = &list[mid];
		size_t m = n < w->n ? n : w->n, i = 0;
		while (i < m && p[i] == w->s[i])
			i++;
		int c = i < m ? (unsigned char)p[i] - (unsigned char)w->s[i] : (int)n - (int)w->n;
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int dutch_is_stop(const char *fold, size_t len) { return in_list(stop_words, COUNT(stop_words), fold, len); }
const char *dutch_stop_word(size_t i) { return i < COUNT(stop_words) ? stop_words[i].s : NULL; }
int dutch_opens_clause(const char *fold, size_t len) { return in_list(clause_openers, COUNT(clause_openers), fold, len); }
int dutch_is_particle(const char *fold, size_t len) { return in_list(particle_mods, COUNT(particle_mods), fold, len); }
int dutch_is_suffix(const char *fold, size_t len) { return in_list(suffix_heads, COUNT(suffix_heads), fold, len); }

void dutch_describe(strbuf *out)
{
	sb_addf(out, "%s|%d %d %d %d %d|", DUTCH_ALGORITHM, DUTCH_MIN_MOD, DUTCH_MIN_LEX_MOD,
		DUTCH_MIN_HEAD, DUTCH_MIN_LEX_HEAD, DUTCH_MAX_ANALYSED);
	for (size_t i = 0; i < COUNT(suffix_heads); i++)
		sb_addf(out, "%s,", suffix_heads[i].s);
	sb_addc(out, '|');
	for (size_t i = 0; i < COUNT(particle_mods); i++)
		sb_addf(out, "%s,", particle_mods[i].s);
}

/* For the tests: the i-th word of a list by name, or NULL past its end. */
const char *dutch_list_word_(const char *name, size_t i);
const char *dutch_list_word_(const char *name, size_t i)
{
	static const struct { const char *name; const word *v; size_t n; } lists[] = {
		{ "stop", stop_words, COUNT(stop_words) },
		{ "clause", clause_openers, COUNT(clause_openers) },
		{ "suffix", suffix_heads, COUNT(suffix_heads) },
		{ "particle", particle_mods, COUNT(particle_mods) },
	};
	for (size_t k = 0; k < COUNT(lists); k++)
		if (!strcmp(lists[k].name, name))
			return i < lists[k].n ? lists[k].v[i].s : NULL;
	return NULL;
}

struct dutch_stemmer {
	struct sb_stemmer *sb; /* Snowball Dutch, UTF-8 */
};

dutch_stemmer *dutch_stemmer_new(void)
{
	struct sb_stemmer *sb = sb_stemmer_new(DUTCH_ALGORITHM, "UTF_8");
	if (!sb) {
		error("the Snowball '%s' stemmer is not available in libstemmer", DUTCH_ALGORITHM);
		return NULL;
	}
	dutch_stemmer *ds = xcalloc(1, sizeof(*ds));
	ds->sb = sb;
	return ds;
}

void dutch_stemmer_free(dutch_stemmer *ds)
{
	if (!ds)
		return;
	sb_stemmer_delete(ds->sb);
	free(ds);
}

size_t dutch_stem(dutch_stemmer *ds, const char *fold, size_t len, char *buf, size_t cap)
{
	const char *src = fold;
	size_t n = len;
	int plain = n <= DUTCH_MAX_ANALYSED;

	for (size_t i = 0; plain && i < n; i++)
		if (fold[i] == '@' || fold[i] == '/' || fold[i] == ':')
			plain = 0;
	/* plural and possessive 's (auto's, collega's) stem as the bare word */
	if (plain && n > 3 && fold[n - 2] == '\'' && fold[n - 1] == 's')
		n -= 2;
	if (plain) {
		const sb_symbol *s = sb_stemmer_stem(ds->sb, (const sb_symbol *)src, (int)n);
		if (s) {
			src = (const char *)s;
			n = (size_t)sb_stemmer_length(ds->sb);
		}
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, src, n);
	buf[n] = '\0';
	return n;
}

/* Whether m[0..n) may be a modifier: a known word, not a particle. */
static int good_modifier(const dutch_words *w, const char *m, size_t n)
{
	if (n < DUTCH_MIN_LEX_MOD || dutch_is_particle(m, n))
		return 0;
	if (n < DUTCH_MIN_MOD)
		return w->lexicon(w->ctx, m, n);
	return w->known(w->ctx, m, n);
}

/* Strip a linking element (s or en) from a modifier; returns its length or -1. */
static int modifier_link(const dutch_words *w, const char *m, size_t n)
{
	if (good_modifier(w, m, n))
		return 0;
	if (n > 1 && m[n - 1] == 's' && good_modifier(w, m, n - 1))
		return 1;
	if (n > 2 && m[n - 2] == 'e' && m[n - 1] == 'n' && good_modifier(w, m, n - 2))
		return 2;
	return -1;
}

static int is_vowel(char c) { return strchr("aeiouy", c) != NULL; }

size_t dutch_split(const dutch_words *w, const char *f, size_t n, int *link)
{
	if (n < DUTCH_MIN_MOD + DUTCH_MIN_LEX_HEAD || n > DUTCH_MAX_ANALYSED)
		return 0;
	for (size_t i = DUTCH_MIN_MOD; i + DUTCH_MIN_LEX_HEAD <= n; i++) {
		if (((unsigned char)f[i] & 0xC0) == 0x80)
			continue;
		if (!w->known(w->ctx, f + i, n - i))
			continue;
		if (n - i < DUTCH_MIN_HEAD && !w->lexicon(w->ctx, f + i, n - i))
			continue;
		if (dutch_is_suffix(f + i, n - i))
			continue;
		/* aanpas|sing, verschil|lende: a doubled consonant is a syllable
		   boundary, not a compound's */
		if (f[i] == f[i - 1] && !is_vowel(f[i]) &&
		    !(f[i] == 's' && good_modifier(w, f, i - 1)))
			continue; /* but rijks|systemen: a linking s */
		int l = modifier_link(w, f, i);
		if (l >= 0) {
			*link = l;
			return i;
		}
	}
	return 0;
}
