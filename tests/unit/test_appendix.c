/*
 * test_appendix: the quote appendix rendered from quotes alone -- escaping
 * of hostile text in Markdown and HTML, evidence marked, quotes marked as
 * confirmed or machine-chosen, the method note's counts and names; and the
 * clarity of a quote candidate.
 */
#include "unit.h"
#include "appendix.h"
#include "quotes.h"

static quote make_quote(const char *id, const char *text, int confirmed, const char *coder)
{
	quote q;
	memset(&q, 0, sizeof(q));
	q.ext_id = (char *)id;
	q.text = (char *)text;
	q.confirmed = confirmed;
	q.coder = (char *)coder;
	return q;
}

static appendix_doc doc_of(appendix_theme *t, size_t n, int html)
{
	appendix_doc d = {
		.title = "Bijlage", .html = html, .answers = 10, .themes = t, .nthemes = n,
		.min_words = 1, .max_words = 80, .no_scrub = 1, .version = "test", .lexicon = "abc",
		.run = 3, .now = "2026-01-01T00:00:00Z",
	};
	return d;
}

/* Markdown: nothing in a quote, label or id becomes markup. */
static void test_appendix__markdown_escapes_everything(void **state)
{
	(void)state;
	quote q = make_quote("x-->y<!--", "# Kop\n</blockquote><script>alert(1)</script> *vet* [link](http://x) @cite\n1. lijst\n- punt\n    code", 0, NULL);
	appendix_theme t = { "regie", "Regie <b>& co</b>", 4, 1, 0, &q, 1 };
	appendix_doc d = doc_of(&t, 1, 0);
	strbuf out;
	sb_init(&out);
	appendix_render(&d, NULL, &out);
	const char *s = out.buf;
	assert_contains(s, "## Regie \\<b\\>\\& co\\</b\\>\n");
	assert_contains(s, "<!-- x%2D%2D%3Ey%3C%21%2D- -->\n");
	assert_contains(s, "> \\# Kop\n> \\</blockquote\\>\\<script\\>alert(1)\\</script\\> \\*vet\\* \\[link\\](http://x) \\@cite\n");
	assert_contains(s, "> 1\\. lijst\n> \\- punt\n> code\n");
	assert_null(strstr(s, "<script>"));
	assert_contains(s, "Het citaat is niet door een beoordelaar bevestigd: machinaal gekozen.");
	/* evidence splits the text into pieces: the blanks between them stay */
	quote q2 = make_quote("m", "Geen regie @ref", 0, NULL);
	quote_span sp = { 5, 10 };
	q2.spans = &sp;
	q2.nspans = 1;
	t.q = &q2;
	sb_reset(&out);
	appendix_render(&d, NULL, &out);
	assert_contains(out.buf, "> Geen regie \\@ref\n");
	sb_release(&out);
}

/* HTML: every text escaped, the id attribute too, evidence marked. */
static void test_appendix__html_escapes_and_marks(void **state)
{
	(void)state;
	quote q = make_quote("a\"><script>", "Privacywetgeving <knelt> & 'zo'", 1, "anna");
	quote_span sp = { 0, 16 };
	q.spans = &sp;
	q.nspans = 1;
	appendix_theme t = { "wetgeving", "Wetgeving", 1, 1, 0, &q, 1 };
	appendix_doc d = doc_of(&t, 1, 1);
	strbuf out;
	sb_init(&out);
	appendix_render(&d, NULL, &out);
	assert_contains(out.buf, "<blockquote data-id=\"a&quot;&gt;&lt;script&gt;\" class=\"confirmed\">"
				 "<mark>Privacywetgeving</mark> &lt;knelt&gt; &amp; &#39;zo&#39;"
				 " <span class=\"status confirmed\">bevestigd door anna</span></blockquote>");
	assert_null(strstr(out.buf, "<script>"));
	sb_release(&out);
}

/* Each quote says whether a human confirmed it; the method note counts them and names who. */
static void test_appendix__confirmed_and_method_note(void **state)
{
	(void)state;
	quote qs[3] = {
		make_quote("a1", "Een", 1, "bob"),
		make_quote("a2", "Twee", 0, NULL),
		make_quote("a3", "Drie", 1, "anna"),
	};
	appendix_theme t = { "kennis", "Kennis", 3, 3, 0, qs, 3 };
	appendix_doc d = doc_of(&t, 1, 0);
	strbuf out;
	sb_init(&out);
	appendix_render(&d, NULL, &out);
	assert_contains(out.buf, "> Een\n>\n> *bevestigd door bob*\n");
	assert_contains(out.buf, "> Twee\n>\n> *machinaal gekozen*\n");
	assert_contains(out.buf, "2 van de 3 citaten zijn door een beoordelaar bevestigd (anna, bob), 1 machinaal gekozen.");
	assert_contains(out.buf, "Lexicon abc, codeerronde 3, 2026-01-01T00:00:00Z.");
	sb_reset(&out);
	qs[1].confirmed = 1;
	qs[1].coder = "bob";
	appendix_render(&d, NULL, &out);
	assert_contains(out.buf, "Alle 3 citaten zijn door een beoordelaar bevestigd (anna, bob).");
	sb_reset(&out);
	for (int i = 0; i < 3; i++)
		qs[i].confirmed = 0;
	appendix_render(&d, NULL, &out);
	assert_contains(out.buf, "Geen van de 3 citaten is door een beoordelaar bevestigd: alle zijn machinaal gekozen.");
	sb_release(&out);
}

/*
 * Clarity: an answer squarely about a theme (only that theme, several
 * rules, evidence first, dense) beats one that mentions it in passing
 * (another theme scores more, one rule, evidence late, one word in many).
 */
static void test_appendix__clarity_prefers_a_clear_case(void **state)
{
	(void)state;
	quote_clarity a, b;
	double square[3] = { 0, 4, 0 }, passing[3] = { 5, 1, 2 };
	double ca = quotes_clarity(square, 3, 1, 3, 1, 6, 12, 0.5, &a);
	double cb = quotes_clarity(passing, 3, 1, 1, 0, 1, 60, 0.5, &b);
	assert_true(ca > cb);
	assert_true(a.share == 1 && a.rules == 1 && a.lead == 1 && a.margin == 1 && a.density == 1);
	assert_true(b.share == 1.0 / 8 && b.margin == 0 && b.lead == 0);
	assert_true(b.rules > 0.33 && b.rules < 0.34);
	assert_true(b.density > 0.033 && b.density < 0.034); /* 1/60 of the best 0.5 */
	/* with the same centrality and strength, the score follows clarity */
	double sa = QUOTES_W_CLARITY * ca + QUOTES_W_COSINE * 0.4 + QUOTES_W_STRENGTH * 0.8;
	double sb = QUOTES_W_CLARITY * cb + QUOTES_W_COSINE * 0.4 + QUOTES_W_STRENGTH * 0.8;
	assert_true(sa > sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appendix__markdown_escapes_everything),
		cmocka_unit_test(test_appendix__html_escapes_and_marks),
		cmocka_unit_test(test_appendix__confirmed_and_method_note),
		cmocka_unit_test(test_appendix__clarity_prefers_a_clear_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
