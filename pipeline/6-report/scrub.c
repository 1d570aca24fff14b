/*
 * scrub: personal data found with PCRE2 patterns, numbers checked by
 * their checksums (see scrub.h).
 */
#include "scrub.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

enum { P_EMAIL, P_URL, P_IBAN, P_PHONE, P_BSN, P_POSTCODE, NPAT };

static const struct {
	const char *re;
	const char *tag;
} patterns[NPAT] = {
	[P_EMAIL] = { "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", "[e-mail]" },
	[P_URL] = { "(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+[^\\s<>\".,;:!?)\\]'’”]", "[url]" },
	[P_IBAN] = { "\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b", "[IBAN]" },
	[P_PHONE] = { "(?<![0-9A-Za-z+])(?:\\+31|0031|0)[ -]?(?:\\(0\\)[ -]?)?(?:[0-9][ -]?){8}[0-9](?![0-9A-Za-z])", "[telefoonnummer]" },
	[P_BSN] = { "(?<![0-9.A-Za-z])[0-9]{3}[. ]?[0-9]{3}[. ]?[0-9]{3}(?![0-9A-Za-z])", "[BSN]" },
	[P_POSTCODE] = { "\\b[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}\\b", "[postcode]" },
};

struct scrubber {
	pcre2_code *re[NPAT];
	pcre2_match_data *md;
};

scrubber *scrub_new(void)
{
	scrubber *s = xcalloc(1, sizeof(*s));
	for (int i = 0; i < NPAT; i++) {
		int err;
		PCRE2_SIZE off;
		s->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i].re, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
					 &err, &off, NULL);
		if (!s->re[i]) {
			error("internal: scrub pattern %d does not compile at %zu", i, (size_t)off);
			scrub_free(s);
			return NULL;
		}
		if (!getenv("QCODE_NO_JIT")) /* valgrind cannot follow JIT code */
			pcre2_jit_compile(s->re[i], PCRE2_JIT_COMPLETE);
	}
	s->md = pcre2_match_data_create(1, NULL);
	return s;
}

void scrub_free(scrubber *s)
{
	if (!s)
		return;
	for (int i = 0; i < NPAT; i++)
		if (s->re[i])
			pcre2_code_free(s->re[i]);
	if (s->md)
		pcre2_match_data_free(s->md);
	free(s);
}

int scrub_elfproef(const char *d)
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		if (!isdigit((unsigned char)d[i]))
			return 0;
		int v = d[i] - '0';
		sum += i < 8 ? (9 - i) * v : -v;
	}
	return sum % 11 == 0 && strncmp(d, "000000000", 9) != 0;
}

int scrub_iban_ok(const char *iban, size_t len)
{
	char buf[64];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof(buf); i++)
		if (iban[i] != ' ')
			buf[n++] = iban[i];
	if (n < 15 || n > 34)
		return 0;
	/* move the first four to the end, letters to numbers, mod 97 == 1 */
	int rem = 0;
	for (size_t k = 0; k < n; k++) {
		char ch = buf[(k + 4) % n];
		if (isdigit((unsigned char)ch))
			rem = (rem * 10 + (ch - '0')) % 97;
		else if (ch >= 'A' && ch <= 'Z')
			rem = (rem * 100 + (ch - 'A' + 10)) % 97;
		else
			return 0;
	}
	return rem == 1;
}

static int overlaps(const scrub_span *v, size_t n, uint32_t s, uint32_t e)
{
	for (size_t i = 0; i < n; i++)
		if (s < v[i].end && v[i].start < e)
			return 1;
	return 0;
}

static int span_cmp(const void *a, const void *b)
{
	const scrub_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

int scrub_find(scrubber *s, const char *text, size_t len, scrub_span **spans, size_t *n,
	       size_t *alloc)
{
	*n = 0;
	for (int p = 0; p < NPAT; p++) {
		PCRE2_SIZE off = 0;
		while (off < len) {
			int rc = pcre2_match(s->re[p], (PCRE2_SPTR)text, len, off, 0, s->md, NULL);
			if (rc < 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
			uint32_t st = (uint32_t)ov[0], en = (uint32_t)ov[1];
			off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
			int ok = 1;
			if (p == P_BSN) {
				char d[10];
				size_t k = 0;
				for (uint32_t i = st; i < en && k < 9; i++)
					if (isdigit((unsigned char)text[i]))
						d[k++] = text[i];
				ok = k == 9 && scrub_elfproef(d);
			} else if (p == P_IBAN) {
				ok = scrub_iban_ok(text + st, en - st);
			}
			if (!ok || overlaps(*spans, *n, st, en))
				continue;
			ALLOC_GROW(*spans, *n + 1, *alloc);
			(*spans)[*n].start = st;
			(*spans)[*n].end = en;
			(*spans)[*n].tag = patterns[p].tag;
			(*n)++;
		}
	}
	if (*n > 1)
		qsort(*spans, *n, sizeof(**spans), span_cmp);
	return 0;
}

size_t scrub_text(scrubber *s, const char *text, size_t len, strbuf *out)
{
	scrub_span *v = NULL;
	size_t n = 0, alloc = 0, at = 0;
	scrub_find(s, text, len, &v, &n, &alloc);
	for (size_t i = 0; i < n; i++) {
		sb_add(out, text + at, v[i].start - at);
		sb_adds(out, v[i].tag);
		at = v[i].end;
	}
	sb_add(out, text + at, len - at);
	free(v);
	return n;
}
