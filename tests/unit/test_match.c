/*
 * test_match: the matcher -- each rule kind, scoring, the primary theme,
 * vetoes, negation, and the traps of the shipped Digitaal 2017 lexicons.
 */
#include "unit.h"
#include "match.h"

static stemmer *st;
static lexicon_set *shipped;
static matcher *shipped_m;

static int setup(void **state)
{
	(void)state;
	/* the shipped lexicons are tested as qcode runs them: with the word list */
	st = stem_new(STEM_WORDLIST);
	if (!st)
		return -1;
	shipped = lexicon_load_dir("lexicons", st);
	if (!shipped)
		return -1;
	shipped_m = matcher_new(shipped, st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matcher_free(shipped_m);
	lexicon_set_free(shipped);
	stem_free(st);
	return 0;
}

/* A set of themes from "KEY\nRULES" strings (own word table). */
typedef struct fixture {
	stemmer *st;
	lexicon_set *set;
	matcher *m;
	match_result res;
} fixture;

static void fixture_make(fixture *f, const char *const *themes, size_t n)
{
	f->st = stem_new(NULL);
	f->set = lexicon_set_new(f->st);
	for (size_t i = 0; i < n; i++)
		lexicon_add_vocab(f->set, themes[i], strlen(themes[i]));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(lexicon_parse_string(f->set, "t.lex", themes[i], strlen(themes[i]), 0), 0);
	lexicon_default_cues(f->set);
	assert_int_equal(lexicon_set_finish(f->set), 0);
	f->m = matcher_new(f->set, f->st);
	match_result_init(&f->res);
}

static void fixture_free(fixture *f)
{
	match_result_release(&f->res);
	matcher_free(f->m);
	lexicon_set_free(f->set);
	stem_free(f->st);
}

/* Code text; return "theme:rule@start-end[text]" per evidence, and the primary. */
static char *code(matcher *m, const lexicon_set *set, match_result *res, const char *text)
{
	assert_int_equal(matcher_code(m, text, strlen(text), res), 0);
	strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "primary=%s", res->primary >= 0 ? set->themes[res->primary].key : "-");
	for (size_t e = 0; e < res->nev; e++) {
		const evidence *ev = &res->ev[e];
		sb_addf(&sb, " %s:%s@%u-%u[%.*s]", set->themes[ev->theme].key,
			set->themes[ev->theme].rules[ev->rule].id, ev->start, ev->end,
			(int)(ev->end - ev->start), text + ev->start);
	}
	return sb_detach(&sb);
}

static void expect_code(fixture *f, const char *text, const char *want)
{
	char *got = code(f->m, f->set, &f->res, text);
	if (strcmp(got, want))
		fail_msg("coding '%s'\n want: %s\n  got: %s", text, want, got);
	free(got);
}

static double score_of(const match_result *res, const lexicon_set *set, const char *key)
{
	int t = lexicon_theme_index(set, key);
	return t >= 0 && res->themes[t].coded ? res->themes[t].score : 0;
}

static void test_match__words_globs_exact_and_heads(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\nwetgeving\nprivacy*\n=wet\ncontract\n",
	};
	fixture f;
	fixture_make(&f, th, 1);
	/* stem: wetgevingen; glob: privacyregels; exact: wet; head: ICT-contracten */
	expect_code(&f, "De wetgevingen, privacyregels, de wet en ICT-contracten.",
		    "primary=a a:wetgeving@3-14[wetgevingen] a:privacy*@16-29[privacyregels]"
		    " a:=wet@34-37[wet] a:contract@41-55[ICT-contracten]");
	/* weten, weet (stem "wet") are no =wet */
	expect_code(&f, "Ik weet het niet, wij weten het.", "primary=-");
	fixture_free(&f);

	/* every kind of glob: in the trie (x*), by a literal first byte (x?*, x*y*) or not
	   (*x, *x*, ?x); each matches alone and beside the others */
	static const char *const globs[] = {
		"%key g\nlicent*\ncultuur?*\nverander*bereid*\n*wetboek\n*kennis*\n?ict\n",
	};
	fixture_make(&f, globs, 1);
	expect_code(&f, "licenties cultuurverandering veranderingsbereidheid strafwetboek vakkennisdeling eict",
		    "primary=g g:licent*@0-9[licenties] g:cultuur?*@10-28[cultuurverandering]"
		    " g:verander*bereid*@29-51[veranderingsbereidheid] g:*wetboek@52-64[strafwetboek]"
		    " g:*kennis*@65-80[vakkennisdeling] g:?ict@81-85[eict]");
	/* cultuur?* needs a letter after cultuur; a first byte of another word is no match */
	expect_code(&f, "cultuur bereid lverander", "primary=-");
	fixture_free(&f);

	/* ?*x* and ?*x: x after one byte at least (a compound's head), never
	   the word x itself or a word that only starts with it */
	static const char *const heads[] = {
		"%key h\n?*regie*\n?*wiel\nverander*moe\n",
	};
	fixture_make(&f, heads, 1);
	expect_code(&f, "ketenregie stuurwiel verandermoe",
		    "primary=h h:?*regie*@0-10[ketenregie] h:?*wiel@11-20[stuurwiel]"
		    " h:verander*moe@21-32[verandermoe]");
	expect_code(&f, "eregiegroep ICT-regie", "primary=h h:?*regie*@0-11[eregiegroep] h:?*regie*@12-21[ICT-regie]");
	expect_code(&f, "regie regiegroep wiel wielen veranderingsmoeilijk", "primary=-");
	fixture_free(&f);
}

/* Every kind of glob, several on one word, in the lexicon's order: the
   x* globs are in a trie, x?* by their first byte, the others are not. */
static void test_match__glob_kinds_together(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n*wet*\npriv*\np?ivacy*\n*geving\npr*\nx*\nwetg*\n",
	};
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "Privacywetgeving.",
		    "primary=a a:*wet*@0-16[Privacywetgeving] a:priv*@0-16[Privacywetgeving]"
		    " a:p?ivacy*@0-16[Privacywetgeving] a:*geving@0-16[Privacywetgeving]"
		    " a:pr*@0-16[Privacywetgeving]");
	expect_code(&f, "Xylofoon en wetgeving", "primary=a a:x*@0-8[Xylofoon] a:*wet*@12-21[wetgeving]"
		    " a:*geving@12-21[wetgeving] a:wetg*@12-21[wetgeving]");
	expect_code(&f, "Pas op", "primary=-");
	fixture_free(&f);

	/* prefixes inside prefixes, siblings, a prefix longer than the word */
	static const char *const nested[] = {
		"%key n\nprivacy*\npr*\npriv*\npro*\nprivacyregel*\n",
	};
	fixture_make(&f, nested, 1);
	expect_code(&f, "priv", "primary=n n:pr*@0-4[priv] n:priv*@0-4[priv]");
	expect_code(&f, "privacyregels",
		    "primary=n n:privacy*@0-13[privacyregels] n:pr*@0-13[privacyregels]"
		    " n:priv*@0-13[privacyregels] n:privacyregel*@0-13[privacyregels]");
	expect_code(&f, "proef prive", "primary=n n:pr*@0-5[proef] n:pro*@0-5[proef]"
		    " n:pr*@6-11[prive] n:priv*@6-11[prive]");
	expect_code(&f, "p pa", "primary=-");
	fixture_free(&f);
}

static void test_match__phrases(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n\"langlopende contracten\"\n\"wet- en regelgeving\"\n",
	};
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "Langlopende contracten.",
		    "primary=a a:\"langlopende contracten\"@0-22[Langlopende contracten]");
	/* not consecutive: no match */
	expect_code(&f, "Langlopende en dure contracten.", "primary=-");
	/* the last word may be a compound head */
	expect_code(&f, "langlopende ICT-contracten",
		    "primary=a a:\"langlopende contracten\"@0-26[langlopende ICT-contracten]");
	/* the elliptic form expands the same way in text and rule */
	expect_code(&f, "Wet- en regelgeving knelt",
		    "primary=a a:\"wet- en regelgeving\"@0-19[Wet- en regelgeving]");
	fixture_free(&f);
}

/* A phrase is looked for from its rarest word (here laag pitje's pitje,
   not op): the words before it must stand there too, in one sentence,
   with nothing between them. */
static void test_match__phrase_from_its_rarest_word(void **state)
{
	(void)state;
	static const char *const th[] = { "%key a\n\"op een laag pitje\"\n\"voor de wet\"\n" };
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "Het staat op een laag pitje.",
		    "primary=a a:\"op een laag pitje\"@10-27[op een laag pitje]");
	expect_code(&f, "Op een laag pitje", "primary=a a:\"op een laag pitje\"@0-17[Op een laag pitje]");
	expect_code(&f, "een laag pitje", "primary=-");         /* the first word missing */
	expect_code(&f, "op een hoog pitje", "primary=-");      /* a word before it differs */
	expect_code(&f, "op een laag, pitje", "primary=-");     /* punctuation before it */
	expect_code(&f, "op een laag. Pitje", "primary=-");     /* a sentence between */
	expect_code(&f, "op\n\neen laag pitje", "primary=-");   /* a sentence starts before it */
	expect_code(&f, "op een laag\n\npitje", "primary=-");   /* or at it */
	/* a stop word's stem (voor: vor) is no anchor either */
	expect_code(&f, "Gelijk voor de wet", "primary=a a:\"voor de wet\"@7-18[voor de wet]");
	expect_code(&f, "voor de\n\nwet", "primary=-");
	fixture_free(&f);
}

/* NEAR and BEFORE wait on their rarer operand (the one fewer rules use),
   NOT NEAR on its first: each still finds what it should, in either
   order of the words. */
static void test_match__proximity_on_the_rarer_operand(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n%group tekort geen weinig\n@tekort BEFORE/3 kennis\n@tekort NEAR/3 regie\n"
		"@tekort NEAR/3 budget\n@tekort NOT NEAR/2 tijd\n",
	};
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "weinig kennis", "primary=a a:@tekort BEFORE/3 kennis@0-13[weinig kennis]"
		    " a:@tekort NOT NEAR/2 tijd@0-6[weinig]");
	expect_code(&f, "regie is er geen", "primary=a a:@tekort NEAR/3 regie@0-16[regie is er geen]"
		    " a:@tekort NOT NEAR/2 tijd@12-16[geen]");
	expect_code(&f, "kennis, geen", "primary=a a:@tekort NOT NEAR/2 tijd@8-12[geen]");
	expect_code(&f, "geen tijd voor kennis", "primary=a a:@tekort BEFORE/3 kennis@0-21[geen tijd voor kennis]");
	expect_code(&f, "kennis en regie", "primary=-");
	fixture_free(&f);
}

static void test_match__regex_spans_in_original_bytes(void **state)
{
	(void)state;
	static const char *const th[] = { "%key a\n/\\bAVG\\b/\n/privacy'regels/i\n" };
	fixture f;
	fixture_make(&f, th, 1);
	/* typographic apostrophe (3 bytes) is ' for the regex; spans stay original */
	expect_code(&f, "Één AVG en Privacy’regels",
		    "primary=a a:/\\bAVG\\b/@6-9[AVG] a:/privacy'regels/i@13-29[Privacy’regels]");
	expect_code(&f, "de avg", "primary=-"); /* case kept unless /i */
	/* two changed characters and plain text between and after them: each
	   span maps back, the characters that need no change are copied as
	   runs (é, ë) */
	expect_code(&f, "“AVG” café – privacy’regels, AVG",
		    "primary=a a:/\\bAVG\\b/@3-6[AVG] a:/privacy'regels/i@20-36[privacy’regels]"
		    " a:/\\bAVG\\b/@38-41[AVG]");
	fixture_free(&f);
}

/* An answer without any byte a regex's match can start with is not given
   to PCRE2; what it can start with comes from PCRE2, in every case: the
   other case of a letter under /i or an inline (?i), a class of starts, an
   accented first letter, and ' - " that stand for typographic characters
   in the normalised text. */
static void test_match__regex_first_bytes(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n/avg/i\n",
		"%key b\n/(?i)wob\\b/\n",
		"%key c\n/(?:één|enig) loket/i\n",
		"%key d\n/'s-nachts/\n",
		"%key e\n/-toets/\n",
		"%key f\n/K\\.?B\\b/\n",
	};
	fixture f;
	fixture_make(&f, th, 6);
	expect_code(&f, "De AVG", "primary=a a:/avg/i@3-6[AVG]");
	expect_code(&f, "De WOB", "primary=b b:/(?i)wob\\b/@3-6[WOB]");
	expect_code(&f, "ÉÉN LOKET", "primary=c c:/(?:één|enig) loket/i@0-11[ÉÉN LOKET]");
	expect_code(&f, "Enig loket", "primary=c c:/(?:één|enig) loket/i@0-10[Enig loket]");
	expect_code(&f, "’s-nachts", "primary=d d:/'s-nachts/@0-11[’s-nachts]");
	expect_code(&f, "de –toets", "primary=e e:/-toets/@3-11[–toets]");
	/* case-sensitive K: a k is no start */
	expect_code(&f, "het kb", "primary=-");
	expect_code(&f, "het K.B.", "primary=f f:/K\\.?B\\b/@4-7[K.B]");
	fixture_free(&f);
}

/* Bytes that are not UTF-8 (which callers are to prevent) reach the regexes
   as U+FFFD, so that PCRE2, told the subject is valid, is never given one,
   and the spans after them stay right. */
static void test_match__regex_after_invalid_bytes(void **state)
{
	(void)state;
	static const char *const th[] = { "%key a\n/\\bAVG\\b/\n/.regels/\n" };
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "caf\xff\xfe AVG", "primary=a a:/\\bAVG\\b/@6-9[AVG]");
	expect_code(&f, "\xffregels", "primary=a a:/.regels/@0-7[\xffregels]");
	fixture_free(&f);
}

static void test_match__proximity(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n%group wet wetgeving regels\nbelemmer* NEAR/3 @wet\n",
		"%key b\naanpass* BEFORE/2 wet\n",
	};
	fixture f;
	fixture_make(&f, th, 2);
	expect_code(&f, "De wetgeving belemmert ons", "primary=a a:belemmer* NEAR/3 @wet@3-22[wetgeving belemmert]");
	/* too far apart, or in another sentence */
	expect_code(&f, "De wetgeving is echt heel erg belemmerend", "primary=-");
	expect_code(&f, "De wetgeving. Belemmerend", "primary=-");
	/* BEFORE keeps the order */
	expect_code(&f, "aanpassen van wet", "primary=b b:aanpass* BEFORE/2 wet@0-17[aanpassen van wet]");
	expect_code(&f, "wet aanpassen", "primary=-");
	fixture_free(&f);
}

/* Each occurrence of the first operand takes the first occurrence of the
   second in text order that is near enough (an earlier one before a later
   one); one at the same word position (a word and the punctuation before
   it) is no partner. The matcher finds it without pairing every two. */
static void test_match__proximity_partners(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n? NEAR/1 =x\n", /* ? also matches the comma */
		"%key b\nkat NEAR/2 hond\n",
	};
	fixture f;
	fixture_make(&f, th, 2);
	/* "a" pairs with x; "," and x itself stand where x does */
	expect_code(&f, "a , x", "primary=a a:? NEAR/1 =x@0-5[a , x]");
	/* kat takes the hond before it, not the one after */
	expect_code(&f, "hond x kat hond", "primary=b b:kat NEAR/2 hond@0-10[hond x kat]");
	/* one candidate per kat; the last pairs only within its sentence */
	expect_code(&f, "kat hond kat. hond kat",
		    "primary=b b:kat NEAR/2 hond@0-8[kat hond] b:kat NEAR/2 hond@4-12[hond kat]"
		    " b:kat NEAR/2 hond@14-22[hond kat]");
	fixture_free(&f);
}

/* A NOT NEAR/n B: each A counts, as its own word, unless a B stands
   within n words of it in its sentence (B at A's own word position is no
   partner, as for NEAR); NOT BEFORE/n only looks at the words after A. */
static void test_match__not_near(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\n%group bezit opgedane toepassen =veel\nkennis NOT NEAR/2 @bezit weight=2\n",
		"%key b\nregie NOT BEFORE/2 =nemen weight=2\n",
	};
	fixture f;
	fixture_make(&f, th, 2);
	expect_code(&f, "We missen kennis.", "primary=a a:kennis NOT NEAR/2 @bezit@10-16[kennis]");
	/* a B on either side within two words takes it away */
	expect_code(&f, "eerder opgedane kennis", "primary=-");
	expect_code(&f, "kennis gaan toepassen", "primary=-");
	/* three words away, or in another sentence, it does not */
	expect_code(&f, "veel tijd en geen kennis", "primary=a a:kennis NOT NEAR/2 @bezit@18-24[kennis]");
	expect_code(&f, "Veel. Kennis", "primary=a a:kennis NOT NEAR/2 @bezit@6-12[Kennis]");
	/* each occurrence on its own: the second kennis still counts */
	expect_code(&f, "veel kennis, maar te weinig van ICT en dus geen kennis",
		    "primary=a a:kennis NOT NEAR/2 @bezit@48-54[kennis]");
	/* BEFORE looks only after A, and only in A's sentence */
	expect_code(&f, "de regie nemen", "primary=-");
	expect_code(&f, "nemen we de regie", "primary=b b:regie NOT BEFORE/2 =nemen@12-17[regie]");
	expect_code(&f, "de regie. Nemen", "primary=b b:regie NOT BEFORE/2 =nemen@3-8[regie]");
	fixture_free(&f);

	/* a B in A's own word (a compound's head) stands at A's position: no
	   partner, as for NEAR; A and B the same word: another occurrence is */
	static const char *const same[] = {
		"%key c\n*kennis* NOT NEAR/2 toepassing weight=2\n",
		"%key d\nmodel NOT NEAR/1 model weight=2\n",
	};
	fixture_make(&f, same, 2);
	expect_code(&f, "de kennistoepassing", "primary=c c:*kennis* NOT NEAR/2 toepassing@3-19[kennistoepassing]");
	expect_code(&f, "de kennis en toepassing", "primary=-");
	expect_code(&f, "een model", "primary=d d:model NOT NEAR/1 model@4-9[model]");
	expect_code(&f, "model model", "primary=-");
	fixture_free(&f);
}

/* Only the words of rules and groups split compounds: a word written in a
   comment, %label, %description, an option or a group's name changes no
   code (with no word list, "regiepunt" splits into regie + punt only when
   the lexicons hold "regie"). */
static void test_match__comments_split_nothing(void **state)
{
	(void)state;
	static const char *const plain[] = { "%key t\npunt\n" };
	static const char *const noted[] = {
		"# regie\n%key t\n%label Regie\n%description Over regie.\n"
		"%group regie kern\npunt id=regie  # regie\n/regiem/\n",
	};
	static const char *const grouped[] = { "%key t\n%group g regie\npunt\n" };
	static const char *const phrased[] = { "%key t\n\"de regie\"\npunt\n" };
	static const char *const near[] = { "%key t\npunt\nkern NEAR/2 regie\n" };
	fixture f;
	fixture_make(&f, plain, 1);
	expect_code(&f, "De regiepunt", "primary=-");
	fixture_free(&f);
	fixture_make(&f, noted, 1);
	expect_code(&f, "De regiepunt", "primary=-");
	fixture_free(&f);
	fixture_make(&f, grouped, 1);
	expect_code(&f, "De regiepunt", "primary=t t:punt@3-12[regiepunt]");
	fixture_free(&f);
	fixture_make(&f, phrased, 1);
	expect_code(&f, "De regiepunt", "primary=t t:punt@3-12[regiepunt]");
	fixture_free(&f);
	fixture_make(&f, near, 1);
	expect_code(&f, "De regiepunt", "primary=t t:punt@3-12[regiepunt]");
	fixture_free(&f);
}

static void test_match__veto(void **state)
{
	(void)state;
	static const char *const th[] = { "%key kennis\nkennis*\n!kennisgeving\n" };
	fixture f;
	fixture_make(&f, th, 1);
	expect_code(&f, "Een kennisgeving", "primary=-");
	expect_code(&f, "Kennisdeling en een kennisgeving",
		    "primary=kennis kennis:kennis*@0-12[Kennisdeling]");
	fixture_free(&f);
}

/* A veto drops what it overlaps in its own theme only; a long veto that
   starts first still drops what a later, shorter one leaves. */
static void test_match__veto_spans(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\nkat\nhond\n!\"hond kat\"\n",
		"%key b\nkat\n!hond\n",
		"%key c\nmuis\n!\"hond kat muis\"\n!kat\n",
	};
	fixture f;
	fixture_make(&f, th, 3);
	expect_code(&f, "kat hond kat kat",
		    "primary=a a:kat@0-3[kat] b:kat@0-3[kat] b:kat@9-12[kat] a:kat@13-16[kat]"
		    " b:kat@13-16[kat]");
	/* a's "hond kat" drops its hond and kat; c's long veto, its muis */
	expect_code(&f, "hond kat muis", "primary=b b:kat@5-8[kat]");
	expect_code(&f, "kat muis", "primary=a a:kat@0-3[kat] b:kat@0-3[kat] c:muis@4-8[muis]");
	fixture_free(&f);
}

static void test_match__negation_is_opt_in(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key w\nwetgeving notneg\n",
		"%key r\nregie\n",
	};
	fixture f;
	fixture_make(&f, th, 2);
	/* notneg: the cue anywhere in the clause negates it */
	expect_code(&f, "Aan de wetgeving ligt het niet", "primary=-");
	/* a negation in another clause does not */
	expect_code(&f, "Het gaat niet snel, de wetgeving knelt",
		    "primary=w w:wetgeving@23-32[wetgeving]");
	/* without notneg, "geen regie" is the theme */
	expect_code(&f, "Er is geen regie", "primary=r r:regie@11-16[regie]");
	fixture_free(&f);
}

static void test_match__scores_and_primary(void **state)
{
	(void)state;
	static const char *const th[] = {
		"%key a\nx weight=2\ny\n",
		"%key b\nz weight=3\n",
		"%key c\n%min-score 2\nq\n",
	};
	fixture f;
	fixture_make(&f, th, 3);
	/* distinct rules count once: x twice is 2, plus y is 3 */
	char *got = code(f.m, f.set, &f.res, "x x y. Nu z.");
	free(got);
	assert_true(score_of(&f.res, f.set, "a") == 3);
	assert_true(score_of(&f.res, f.set, "b") == 3);
	/* tie on score; a's rules in the first clause rank 1.5 times: a */
	assert_string_equal(f.set->themes[f.res.primary].key, "a");
	/* a tie in rank goes to the earliest evidence */
	got = code(f.m, f.set, &f.res, "Nu. z, en x y");
	free(got);
	assert_string_equal(f.set->themes[f.res.primary].key, "b");
	/* %min-score: one q (score 1) does not code c */
	expect_code(&f, "q", "primary=-");
	fixture_free(&f);
}

static void test_match__catastrophic_regex_stops(void **state)
{
	(void)state;
	static const char *const th[] = { "%key a\n/(a+)+$/\n" };
	fixture f;
	fixture_make(&f, th, 1);
	char text[4096];
	memset(text, 'a', sizeof(text) - 2);
	text[sizeof(text) - 2] = '!';
	text[sizeof(text) - 1] = '\0';
	capture_start();
	assert_int_equal(matcher_code(f.m, text, strlen(text), &f.res), -1);
	assert_contains(capture_text(), "regex '/(a+)+$/' of theme 'a' stopped");
	capture_stop();
	fixture_free(&f);
}

/* The traps of the shipped lexicons. */
static void trap(const char *text, const char *theme, int coded)
{
	match_result res;
	match_result_init(&res);
	assert_int_equal(matcher_code(shipped_m, text, strlen(text), &res), 0);
	int t = lexicon_theme_index(shipped, theme);
	assert_true(t >= 0);
	if (res.themes[t].coded != coded)
		fail_msg("'%s': %s should %sbe coded", text, theme, coded ? "" : "not ");
	match_result_release(&res);
}

static void test_match__shipped_traps(void **state)
{
	(void)state;
	trap("Ik weet het niet, we weten niet hoe het moet.", "wetgeving", 0);
	trap("Wie weet wat de wethouder wil weten.", "wetgeving", 0);
	trap("We kregen een kennisgeving van het ministerie.", "kennis", 0);
	trap("ICT-contracten lopen te lang.", "contracten_ict", 1);
	trap("Langlopende contracten met leveranciers.", "contracten_ict", 1);
	trap("Privacywetgeving knelt.", "wetgeving", 1);
	trap("De Omgevingswet komt eraan.", "wetgeving", 1);
	trap("Er is te weinig kennis van ICT bij ambtenaren.", "kennis", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__words_globs_exact_and_heads),
		cmocka_unit_test(test_match__glob_kinds_together),
		cmocka_unit_test(test_match__phrases),
		cmocka_unit_test(test_match__phrase_from_its_rarest_word),
		cmocka_unit_test(test_match__proximity_on_the_rarer_operand),
		cmocka_unit_test(test_match__regex_spans_in_original_bytes),
		cmocka_unit_test(test_match__regex_after_invalid_bytes),
		cmocka_unit_test(test_match__regex_first_bytes),
		cmocka_unit_test(test_match__proximity),
		cmocka_unit_test(test_match__proximity_partners),
		cmocka_unit_test(test_match__not_near),
		cmocka_unit_test(test_match__comments_split_nothing),
		cmocka_unit_test(test_match__veto),
		cmocka_unit_test(test_match__veto_spans),
		cmocka_unit_test(test_match__negation_is_opt_in),
		cmocka_unit_test(test_match__scores_and_primary),
		cmocka_unit_test(test_match__catastrophic_regex_stops),
		cmocka_unit_test(test_match__shipped_traps),
	};
	return cmocka_run_group_tests_name("match", tests, setup, teardown);
}
