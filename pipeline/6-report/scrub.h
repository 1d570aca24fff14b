/*
 * scrub: anonymisation of answer text before it leaves qcode. Finds
 * e-mail addresses, URLs, IBANs (checksum verified), Dutch phone numbers
 * (06-12345678, +31 6 ..., 053-4825025), BSNs (nine digits passing the
 * elfproef) and postcodes (1234 AB), and replaces each by a tag such as
 * [e-mail] or [telefoonnummer].
 */
#ifndef QCODE_SCRUB_H
#define QCODE_SCRUB_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct scrub_span {
	uint32_t start, end; /* bytes of the original text */
	const char *tag;     /* what replaces them, e.g. "[e-mail]" */
} scrub_span;

typedef struct scrubber scrubber;

/* Compile the patterns; NULL after reporting an error. */
scrubber *scrub_new(void);
void scrub_free(scrubber *s);

/*
 * The personal data in text[0..len), as non-overlapping spans in order.
 * *spans is (re)allocated by the call; *n is set. Returns 0 or -1.
 */
int scrub_find(scrubber *s, const char *text, size_t len, scrub_span **spans, size_t *n,
	       size_t *alloc);

/* text with every span replaced by its tag, appended to out; returns the count. */
size_t scrub_text(scrubber *s, const char *text, size_t len, strbuf *out);

/* Checks used by the patterns (exposed for tests). */
int scrub_elfproef(const char *digits9);
int scrub_iban_ok(const char *iban, size_t len);

#endif
