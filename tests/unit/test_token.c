/*
 * test_token: the Dutch tokeniser. Each case compares the tokens of a text
 * with a table: surface, kind, folded form, stem, compound parts, flags.
 * The word table gets a small fixed vocabulary, so the results do not
 * depend on the system word list.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "token.h"

static const char *const vocab[] = {
	"privacy", "wetgeving", "regelgeving", "digitalisering", "projecten", "project",
	"inkoop", "verkoop", "koop", "kennis", "contracten", "herkenning", "wet", "omgeving",
	"software", "aanbieders",
};

static stemmer *st;

static int setup(void **state)
{
	(void)state;
	st = stem_new(NULL);
	for (size_t i = 0; i < sizeof(vocab) / sizeof(*vocab); i++)
		stem_add_vocab(st, vocab[i], strlen(vocab[i]));
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	stem_free(st);
	return 0;
}

/* "surface|kind|folded|stem|parts|flags" for each token, joined by newlines. */
static char *describe(const char *text)
{
	token_list tl;
	token_list_init(&tl);
	tokenize(st, text, strlen(text), &tl);
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < tl.n; i++) {
		const token *t = &tl.v[i];
		const word_info *w = stem_word(st, t->word);
		char flags[96];
		sb_addf(&sb, "%.*s|%s|%s|%s|", (int)(t->end - t->start), text + t->start,
			token_kind_name(t->kind), w->fold, w->stem);
		if (w->head >= 0)
			sb_addf(&sb, "%.*s+%s", (int)w->mod_len, w->fold, stem_word(st, w->head)->fold);
		sb_addf(&sb, "|%s\n", token_flags_str(t->flags, flags, sizeof(flags)));
	}
	token_list_release(&tl);
	return sb_detach(&sb);
}

static void expect(const char *text, const char *want)
{
	char *got = describe(text);
	if (strcmp(got, want))
		fail_msg("tokens of '%s':\n--- want\n%s--- got\n%s", text, want, got);
	free(got);
}

static void test_token__clitics_and_possessives(void **state)
{
	(void)state;
	expect("'s ochtends zo'n auto's m'n",
	       "'s|word|'s|'s||sent,clause,clitic\n"            /* not on Snowball's stop list */
	       "ochtends|word|ochtends|ochtend||-\n"
	       "zo'n|word|zo'n|zo'n||-\n"
	       "auto's|word|auto's|auto||-\n"                   /* plural 's stems as the bare word */
	       "m'n|word|m'n|m'n||-\n");
}

static void test_token__hyphenated_compounds(void **state)
{
	(void)state;
	expect("ICT-contracten en E-herkenning",
	       "ICT-contracten|word|ict-contracten|ict-contract|ict+contracten|sent,clause,hyphen,compound\n"
	       "en|word|en|en||stop\n"
	       "E-herkenning|word|e-herkenning|e-herkenn|e+herkenning|hyphen,compound\n");
}

static void test_token__elliptic_compounds(void **state)
{
	(void)state;
	/* the first part is expanded from the head of the next conjunct */
	expect("wet- en regelgeving",
	       "wet-|word|wetgeving|wetgev||sent,clause,elliptic\n"
	       "en|word|en|en||stop\n"
	       "regelgeving|word|regelgeving|regelgev||-\n");
	expect("in- en verkoop",
	       "in-|word|inkoop|inkop||sent,clause,elliptic\n"
	       "en|word|en|en||stop\n"
	       "verkoop|word|verkoop|verkop||-\n");   /* "ver" is not in this vocabulary */
}

static void test_token__abbreviations(void **state)
{
	(void)state;
	/* known abbreviations and letter-dot sequences do not end a sentence */
	expect("o.a. bijv. m.b.t. i.o.v. d.w.z. x",
	       "o.a.|abbr|o.a.|o.a.||sent,clause\n"
	       "bijv.|abbr|bijv.|bijv.||-\n"
	       "m.b.t.|abbr|m.b.t.|m.b.t.||-\n"
	       "i.o.v.|abbr|i.o.v.|i.o.v.||-\n"
	       "d.w.z.|abbr|d.w.z.|d.w.z.||-\n"
	       "x|word|x|x||-\n");
	/* a plain word before a full stop does end it */
	expect("Klaar. Nu",
	       "Klaar|word|klaar|klar||sent,clause\n"
	       ".|punct|.|.||-\n"
	       "Nu|word|nu|nu||sent,clause,stop\n");
}

static void test_token__numbers_and_percentages(void **state)
{
	(void)state;
	expect("28,8 48% 1.415 2e",
	       "28,8|number|28,8|28,8||sent,clause\n"
	       "48%|percent|48%|48%||-\n"
	       "1.415|number|1.415|1.415||-\n"
	       "2e|word|2e|2e||-\n");
}

static void test_token__urls_and_email(void **state)
{
	(void)state;
	expect("zie https://www.vng.nl/a?b=1, of mail j.jansen@gemeente.nl.",
	       "zie|word|zie|zie||sent,clause\n"
	       "https://www.vng.nl/a?b=1|url|https://www.vng.nl/a?b=1|https://www.vng.nl/a?b=1||-\n"
	       ",|punct|,|,||-\n"
	       "of|word|of|of||clause,stop\n"
	       "mail|word|mail|mail||-\n"
	       "j.jansen@gemeente.nl|email|j.jansen@gemeente.nl|j.jansen@gemeente.nl||-\n"
	       ".|punct|.|.||-\n");
	/* eight bytes at a time: only A-Z change, not the bytes just around them
	   ('@' before A, '[' after Z, '`' before a); a long word; e-mail in capitals */
	expect("HTTPS://WWW.VNG.NL/A_B[1]?Q=Z@X~`Y^Z/ ARBEIDSMARKTBELEIDSINSTRUMENTEN J.JANSEN@GEMEENTE.NL",
	       "HTTPS://WWW.VNG.NL/A_B[1]?Q=Z@X~`Y^Z/|url|https://www.vng.nl/a_b[1]?q=z@x~`y^z/|"
	       "https://www.vng.nl/a_b[1]?q=z@x~`y^z/||sent,clause\n"
	       "ARBEIDSMARKTBELEIDSINSTRUMENTEN|word|arbeidsmarktbeleidsinstrumenten|"
	       "arbeidsmarktbeleidsinstrument||caps\n"
	       "J.JANSEN@GEMEENTE.NL|email|j.jansen@gemeente.nl|j.jansen@gemeente.nl||-\n");
}

static void test_token__diaeresis_and_ocr(void **state)
{
	(void)state;
	expect("geïnvesteerd coördinatie financiéle",
	       "geïnvesteerd|word|geinvesteerd|geinvesteerd||sent,clause\n"
	       "coördinatie|word|coordinatie|coordinatie||-\n"
	       "financiéle|word|financiele|financiel||-\n");
}

static void test_token__acronyms(void **state)
{
	(void)state;
	expect("AVG ICT VNG BZK Ab",
	       "AVG|word|avg|avg||sent,clause,caps\n"
	       "ICT|word|ict|ict||caps\n"
	       "VNG|word|vng|vng||caps\n"
	       "BZK|word|bzk|bzk||caps\n"
	       "Ab|word|ab|ab||-\n");
}

/* Words of ASCII letters and digits take a short cut; what is not ASCII
   (capitals, diacritics) still counts, and words that start like a URL
   are words unless they are one. */
static void test_token__ascii_and_not(void **state)
{
	(void)state;
	expect("ÉÉN CAFÉ Café financiële A4 2e",
	       "ÉÉN|word|een|een||sent,clause,stop,caps\n" /* capitals beyond ASCII */
	       "CAFÉ|word|cafe|caf||caps\n"                /* ASCII and not in one word */
	       "Café|word|cafe|caf||-\n"
	       "financiële|word|financiele|financiel||-\n"
	       "A4|word|a4|a4||-\n"
	       "2e|word|2e|2e||-\n");
	expect("hoe www ht http HTTP://VNG.NL WWW.Rijksoverheid.nl/x.",
	       "hoe|word|hoe|hoe||sent,clause,stop\n"
	       "www|word|www|www||-\n"
	       "ht|word|ht|ht||-\n"
	       "http|word|http|http||-\n"
	       "HTTP://VNG.NL|url|http://vng.nl|http://vng.nl||-\n"
	       "WWW.Rijksoverheid.nl/x|url|www.rijksoverheid.nl/x|www.rijksoverheid.nl/x||-\n"
	       ".|punct|.|.||-\n");
}

static void test_token__emoji(void **state)
{
	(void)state;
	/* a skin-tone modifier and a ZWJ sequence stay one symbol */
	expect("top 👍🏽 👩‍💻!",
	       "top|word|top|top||sent,clause\n"
	       "👍🏽|symbol|👍🏽|👍🏽||-\n"
	       "👩‍💻|symbol|👩‍💻|👩‍💻||-\n"
	       "!|punct|!|!||-\n");
}

static void test_token__empty_and_whitespace(void **state)
{
	(void)state;
	expect("", "");
	expect("   \t\r\n  \n", "");
	expect("\xEF\xBB\xBF", ""); /* a BOM alone */
}

static void test_token__compound_parts(void **state)
{
	(void)state;
	/* modifier + head, with the linking s */
	expect("Privacywetgeving digitaliseringsprojecten kennisgeving omgevingswet",
	       "Privacywetgeving|word|privacywetgeving|privacywetgev|privacy+wetgeving|sent,clause,compound\n"
	       "digitaliseringsprojecten|word|digitaliseringsprojecten|digitaliseringsproject|digitalisering+projecten|compound\n"
	       "kennisgeving|word|kennisgeving|kennisgev||-\n"  /* "geving" is no word: not split */
	       "omgevingswet|word|omgevingswet|omgevingswet|omgeving+wet|compound\n");
}

static void test_token__clause_and_sentence_boundaries(void **state)
{
	(void)state;
	token_list tl;
	token_list_init(&tl);
	const char *text = "Het ligt niet aan de wet, maar aan ons. Nu wel";
	tokenize(st, text, strlen(text), &tl);
	/* Het0 ligt1 niet2 aan3 de4 wet5 ,6 maar7 aan8 ons9 .10 Nu11 wel12 */
	assert_int_equal(tl.n, 13);
	assert_int_equal(tl.v[5].clause, 0);      /* wet */
	assert_int_equal(tl.v[7].clause, 1);      /* maar: after the comma */
	assert_true(tl.v[7].flags & TF_CLAUSE);
	assert_int_equal(tl.v[11].sent, 1);       /* Nu */
	assert_int_equal(tl.v[11].clause, 2);
	assert_true(tl.v[11].flags & TF_SENT);
	token_list_release(&tl);
}

static void test_token__offsets_are_original_bytes(void **state)
{
	(void)state;
	token_list tl;
	token_list_init(&tl);
	/* BOM, a CRLF line end and a multi-byte character before the word */
	const char *text = "\xEF\xBB\xBF" "één\r\nICT’ers";
	tokenize(st, text, strlen(text), &tl);
	assert_int_equal(tl.n, 2);
	assert_int_equal(tl.v[0].start, 3);
	assert_int_equal(tl.v[0].end, 8);
	assert_int_equal(tl.v[1].start, 10);
	assert_int_equal(tl.v[1].end, strlen(text));
	assert_string_equal(stem_word(st, tl.v[1].word)->fold, "ict'ers");
	token_list_release(&tl);
}

static void test_token__hostile_input(void **state)
{
	(void)state;
	token_list tl;
	token_list_init(&tl);
	/* control characters are white space; U+FFFD is a symbol */
	const char *text = "a\x01\x7F" "b \xEF\xBF\xBD c";
	tokenize(st, text, strlen(text), &tl);
	assert_int_equal(tl.n, 4);
	assert_int_equal(tl.v[2].kind, TK_SYMBOL);
	/* a 10 MB answer: one long word and many short ones, no crash */
	size_t big = 10u << 20;
	char *s = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		s[i] = i < big / 2 ? 'a' : ((i % 7) ? 'b' : ' ');
	s[big] = '\0';
	tokenize(st, s, big, &tl);
	assert_true(tl.n > 100000);
	size_t space = big / 2;
	while (s[space] != ' ')
		space++;
	assert_int_equal(tl.v[0].end, space); /* the long word runs into the b's */
	free(s);
	token_list_release(&tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token__clitics_and_possessives),
		cmocka_unit_test(test_token__hyphenated_compounds),
		cmocka_unit_test(test_token__elliptic_compounds),
		cmocka_unit_test(test_token__abbreviations),
		cmocka_unit_test(test_token__numbers_and_percentages),
		cmocka_unit_test(test_token__urls_and_email),
		cmocka_unit_test(test_token__diaeresis_and_ocr),
		cmocka_unit_test(test_token__acronyms),
		cmocka_unit_test(test_token__ascii_and_not),
		cmocka_unit_test(test_token__emoji),
		cmocka_unit_test(test_token__empty_and_whitespace),
		cmocka_unit_test(test_token__compound_parts),
		cmocka_unit_test(test_token__clause_and_sentence_boundaries),
		cmocka_unit_test(test_token__offsets_are_original_bytes),
		cmocka_unit_test(test_token__hostile_input),
	};
	return cmocka_run_group_tests_name("token", tests, setup, teardown);
}
