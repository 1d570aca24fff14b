/*
 * test_dutch: the Dutch of the text stage as golden tables, as Snowball's
 * own tests keep them -- stems (Debian's libstemmer 2.2 "dutch"; another
 * Snowball may stem otherwise: tests/golden/VERSIONS), the word lists, and
 * compound splits against a small vocabulary.
 */
#include "unit.h"
#include "dutch.h"

const char *dutch_list_word_(const char *name, size_t i);

/* Folded form -> stem. */
static const struct {
	const char *fold, *stem;
} stems[] = {
	{ "wetgeving", "wetgev" },
	{ "wetgevingen", "wetgev" },       /* plural: the same stem */
	{ "contracten", "contract" },
	{ "leveranciers", "leverancier" },
	{ "kennis", "kennis" },
	{ "prioriteiten", "prioriteit" },
	{ "standaarden", "standaard" },
	{ "digitalisering", "digitaliser" },
	{ "gemeentelijke", "gemeent" },
	{ "ambtenaren", "ambtenar" },
	{ "financiele", "financiel" },     /* folded: financiële, the OCR's financiéle */
	{ "auto's", "auto" },              /* plural 's: the bare word */
	{ "collega's", "collega" },
	{ "a@b.nl", "a@b.nl" },            /* addresses are their own stem */
	{ "http://x.nl/a", "http://x.nl/a" },
};

static void test_dutch__stems(void **state)
{
	(void)state;
	dutch_stemmer *ds = dutch_stemmer_new();
	assert_non_null(ds);
	char buf[DUTCH_MAX_ANALYSED * 2 + 8];
	for (size_t i = 0; i < sizeof(stems) / sizeof(*stems); i++) {
		size_t n = dutch_stem(ds, stems[i].fold, strlen(stems[i].fold), buf, sizeof(buf));
		if (strcmp(buf, stems[i].stem) || n != strlen(stems[i].stem))
			fail_msg("%s: stem '%s', want '%s'", stems[i].fold, buf, stems[i].stem);
	}
	/* longer than what is analysed: its own stem */
	char longw[100];
	memset(longw, 'a', sizeof(longw) - 1);
	longw[99] = '\0';
	assert_int_equal(dutch_stem(ds, longw, 99, buf, sizeof(buf)), 99);
	assert_int_equal(dutch_stem(ds, longw, 99, buf, 10), 9); /* cut to the buffer */
	dutch_stemmer_free(ds);
}

/* The lists are sorted by bytes (they are searched in halves) and hold
   what they should. */
static void test_dutch__lists(void **state)
{
	(void)state;
	static const char *const names[] = { "stop", "clause", "suffix", "particle" };
	for (size_t k = 0; k < 4; k++) {
		const char *prev = NULL, *w;
		for (size_t i = 0; (w = dutch_list_word_(names[k], i)); i++) {
			if (prev && strcmp(prev, w) >= 0)
				fail_msg("list %s: '%s' before '%s' is not sorted", names[k], prev, w);
			prev = w;
		}
		assert_non_null(prev);
	}
	assert_true(dutch_is_stop("de", 2) && dutch_is_stop("geen", 4) && dutch_is_stop("zonder", 6));
	assert_false(dutch_is_stop("regie", 5) || dutch_is_stop("d", 1) || dutch_is_stop("dee", 3));
	assert_true(dutch_opens_clause("maar", 4) && dutch_opens_clause("omdat", 5));
	assert_false(dutch_opens_clause("maart", 5));
	assert_true(dutch_is_particle("ver", 3) && dutch_is_suffix("ing", 3));
	assert_false(dutch_is_particle("verder", 6) || dutch_is_suffix("kennis", 6));
	assert_true(dutch_is_suffix("rijk", 4) && dutch_is_suffix("lijk", 4));
}

/* A vocabulary for splits: a few words, and the lexicon's short ones. */
static const char *const vocab_words[] = {
	"privacy", "wetgeving", "contract", "contracten", "ict", "rijk", "systemen",
	"kennis", "deling", "bank", "verschil", "lende", "aanpas", "sing", "omgeving", "wet",
	"digitalisering", "projecten", "leverancier", "afhankelijkheid", "belang", "frank", "rijke",
};
static const char *const lexicon_words[] = { "wet", "ict" };

static int in(const char *const *list, size_t count, const char *w, size_t n)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], w, n))
			return 1;
	return 0;
}

static int known(const void *ctx, const char *w, size_t n)
{
	(void)ctx;
	return in(vocab_words, sizeof(vocab_words) / sizeof(*vocab_words), w, n);
}

static int lexicon(const void *ctx, const char *w, size_t n)
{
	(void)ctx;
	return in(lexicon_words, sizeof(lexicon_words) / sizeof(*lexicon_words), w, n);
}

/* Compound -> modifier "+" head (with the linking element in brackets), or "" for none. */
static const struct {
	const char *word, *split;
} splits[] = {
	{ "privacywetgeving", "privacy+wetgeving" },
	{ "kennisdeling", "kennis+deling" },
	{ "kennisbank", "kennis+bank" },
	{ "omgevingswet", "omgeving(s)+wet" },     /* a short head the lexicons use */
	{ "rijkssystemen", "rijk(s)+systemen" },   /* a doubled s that is a linking s */
	{ "digitaliseringsprojecten", "digitalisering(s)+projecten" },
	{ "leveranciersafhankelijkheid", "leverancier(s)+afhankelijkheid" },
	{ "verschillende", "" },                   /* verschil|lende: a doubled consonant */
	{ "aanpassing", "" },                      /* aanpas|sing, and -ing is never a head */
	{ "kennis", "" },
	{ "wetkennis", "" },                       /* a modifier has four letters at least */
	{ "ictcontracten", "" },                   /* even one the lexicons use */
	{ "belangrijk", "" },                      /* -rijk is an adjective's suffix, */
	{ "frankrijk", "" },                       /* or a realm: never the Rijk */
	{ "belangrijke", "" },
};

static void test_dutch__splits(void **state)
{
	(void)state;
	dutch_words w = { known, lexicon, NULL };
	char got[128];
	for (size_t i = 0; i < sizeof(splits) / sizeof(*splits); i++) {
		const char *f = splits[i].word;
		int link = 0;
		size_t at = dutch_split(&w, f, strlen(f), &link);
		if (!at)
			got[0] = '\0';
		else if (link)
			snprintf(got, sizeof(got), "%.*s(%.*s)+%s", (int)(at - (size_t)link), f, link,
				 f + at - link, f + at);
		else
			snprintf(got, sizeof(got), "%.*s+%s", (int)at, f, f + at);
		if (strcmp(got, splits[i].split))
			fail_msg("%s: split '%s', want '%s'", f, got, splits[i].split);
	}
	/* an unknown modifier: no split */
	int link = 0;
	assert_int_equal(dutch_split(&w, "blablakennis", 12, &link), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dutch__stems),
		cmocka_unit_test(test_dutch__lists),
		cmocka_unit_test(test_dutch__splits),
	};
	return cmocka_run_group_tests_name("dutch", tests, NULL, NULL);
}
