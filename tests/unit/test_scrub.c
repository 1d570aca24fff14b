/*
 * test_scrub: anonymisation -- each kind of personal data in its Dutch
 * formats, the checksums, and what must be left alone.
 */
#include "unit.h"
#include "scrub.h"

static scrubber *sc;

static int setup(void **state)
{
	(void)state;
	sc = scrub_new();
	return sc ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	scrub_free(sc);
	return 0;
}

static void scrubbed(const char *in, const char *want)
{
	strbuf sb;
	sb_init(&sb);
	scrub_text(sc, in, strlen(in), &sb);
	if (strcmp(sb.buf, want))
		fail_msg("scrub '%s'\n want: %s\n  got: %s", in, want, sb.buf);
	sb_release(&sb);
}

static void test_scrub__personal_data(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Mail p.kanne@ioresearch.nl graag.", "Mail [e-mail] graag." },
		{ "Bel 06-31943707 of 06 12345678.", "Bel [telefoonnummer] of [telefoonnummer]." },
		{ "Bel +31 6 12345678, of 053-4825025!", "Bel [telefoonnummer], of [telefoonnummer]!" },
		{ "Tel. 0031 20 1234567 / 010 123 4567", "Tel. [telefoonnummer] / [telefoonnummer]" },
		{ "Postcode 1234 AB en 7511JE.", "Postcode [postcode] en [postcode]." },
		{ "BSN 111222333 of 123.456.782", "BSN [BSN] of [BSN]" },
		{ "IBAN NL91ABNA0417164300 en NL91 ABNA 0417 1643 00.", "IBAN [IBAN] en [IBAN]." },
		{ "Zie https://www.vng.nl/x?y=1, en www.overheid.nl.", "Zie [url], en [url]." },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		scrubbed(cases[i][0], cases[i][1]);
}

static void test_scrub__leaves_ordinary_text(void **state)
{
	(void)state;
	static const char *const keep[] = {
		"1.415 ambtenaren, 28,8 procent, in 2025 of later.",  /* numbers */
		"Tussen 2020 en 2025 en daarna.",                      /* years (but "2025 EN" is a postcode) */
		"BSN 123456789 voldoet niet aan de elfproef.",        /* no valid BSN */
		"NL91ABNA0417164301 is geen geldig IBAN.",            /* checksum wrong */
		"De AVG, de ICT-contracten en het AB-team.",
	};
	for (size_t i = 0; i < sizeof(keep) / sizeof(*keep); i++)
		scrubbed(keep[i], keep[i]);
}

static void test_scrub__checksums(void **state)
{
	(void)state;
	assert_true(scrub_elfproef("111222333"));
	assert_true(scrub_elfproef("123456782"));
	assert_false(scrub_elfproef("123456789"));
	assert_false(scrub_elfproef("000000000"));
	assert_true(scrub_iban_ok("NL91ABNA0417164300", 18));
	assert_true(scrub_iban_ok("GB82 WEST 1234 5698 7654 32", 27));
	assert_false(scrub_iban_ok("NL91ABNA0417164301", 18));
}

static void test_scrub__spans(void **state)
{
	(void)state;
	scrub_span *v = NULL;
	size_t n, alloc = 0;
	const char *t = "a@b.nl en 06-12345678";
	scrub_find(sc, t, strlen(t), &v, &n, &alloc);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].start, 0);
	assert_int_equal(v[0].end, 6);
	assert_string_equal(v[1].tag, "[telefoonnummer]");
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scrub__personal_data),
		cmocka_unit_test(test_scrub__leaves_ordinary_text),
		cmocka_unit_test(test_scrub__checksums),
		cmocka_unit_test(test_scrub__spans),
	};
	return cmocka_run_group_tests_name("scrub", tests, setup, teardown);
}
