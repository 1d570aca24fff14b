/*
 * appendix: renders the quote appendix of a report -- a heading per theme
 * with its count, the quotes as block quotes, each marked as confirmed by a
 * reviewer or chosen by the machine, and a closing method note with the
 * question asked, the lexicon, the run and how many quotes a human
 * confirmed (and who) -- as Markdown (for pandoc) or one self-contained
 * HTML file, in one language, Dutch or English (lang.h). Takes everything
 * it prints as arguments: no database.
 *
 * Safe for any text: in Markdown every quote, label, group value and title
 * has its Markdown and HTML significant characters escaped (so pandoc
 * prints them as text, never as markup, headings, lists or raw HTML), and
 * ids in comments cannot close the comment; in HTML everything is escaped.
 * Personal data is scrubbed (scrub.h) unless asked otherwise.
 */
#ifndef QCODE_APPENDIX_H
#define QCODE_APPENDIX_H

#include <stddef.h>

#include "quotes.h"
#include "scrub.h"
#include "util.h"

/* One theme's section. */
typedef struct appendix_theme {
	const char *key;         /* theme key */
	const char *label;       /* its heading */
	long coded;              /* answers coded with it */
	size_t candidates;       /* answers with it as primary (the candidates) */
	int fallback;            /* no candidate in the length window */
	const quote *q;          /* its quotes, in order */
	size_t n;
} appendix_theme;

typedef struct appendix_doc {
	const char *title;       /* the document's title */
	int html;                /* 1: HTML, 0: Markdown */
	long answers;            /* answers considered */
	const appendix_theme *themes; /* the sections, in order */
	size_t nthemes;
	const char *chart;       /* an SVG chart to show first (HTML), or NULL */
	int min_words, max_words; /* the length window */
	int by_group;            /* quotes were spread over a group variable */
	int reviewed_only;       /* only confirmed quotes were eligible */
	int no_scrub;            /* personal data left in */
	const char *version;     /* qcode's version */
	const char *lexicon;     /* the lexicon hash (12 digits), or "-" */
	long long run;           /* the coding run */
	const char *now;         /* ISO 8601 time of writing */
	int lang;                /* the language of every text it adds (enum lang) */
	const char *question;    /* the open question's text, or NULL */
} appendix_doc;

/* Render doc into out; sc scrubs (NULL only with no_scrub). */
void appendix_render(const appendix_doc *doc, scrubber *sc, strbuf *out);

/* Text escaped for Markdown (pandoc): appended to out. */
void appendix_md_escape(strbuf *out, const char *s, size_t n);
/* Text escaped for HTML (element content or a quoted attribute). */
void appendix_html_escape(strbuf *out, const char *s, size_t n);

#endif
