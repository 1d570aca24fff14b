/*
 * appendix: the quote appendix as Markdown or HTML (see appendix.h).
 */
#include "appendix.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"

/* Characters that mean something to Markdown (pandoc's flavour) anywhere;
   @ only where a citation could start (not inside a word or an address). */
static int md_special(char c, char prev)
{
	if (c == '@')
		return !((prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z') ||
			 (prev >= '0' && prev <= '9') || prev == '.' || prev == '_' || prev == '-');
	return c && strchr("\\`*_{}[]<>#|~^$&!", c) != NULL;
}

/*
 * s[0..n) as Markdown text: every character with a meaning escaped, line
 * starts that would open a block (a list, a heading rule, a definition)
 * escaped, leading blanks dropped (four would make code), other control
 * characters dropped. A line end becomes "\n" + cont when cont is given,
 * else a space.
 */
static void md_text_at(strbuf *out, const char *s, size_t n, const char *cont, int *line_start)
{
	int bol = *line_start;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\r')
			continue;
		if (c == '\n') {
			if (cont) {
				sb_addc(out, '\n');
				sb_adds(out, cont);
			} else {
				sb_addc(out, ' ');
			}
			bol = 1;
			continue;
		}
		if (c == '\t')
			c = ' ';
		if ((unsigned char)c < 0x20 || c == 0x7F)
			continue;
		if (bol) {
			if (c == ' ')
				continue;
			bol = 0;
			/* a list item, a rule or a setext heading, a definition */
			if (strchr("-+=:%", c)) {
				sb_addc(out, '\\');
				sb_addc(out, c);
				continue;
			}
			/* an ordered list: digits then . or ) */
			size_t j = i;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j > i && j < n && (s[j] == '.' || s[j] == ')')) {
				sb_add(out, s + i, j - i);
				sb_addc(out, '\\');
				sb_addc(out, s[j]);
				i = j;
				continue;
			}
		}
		if (md_special(c, i ? s[i - 1] : (out->len ? out->buf[out->len - 1] : ' ')))
			sb_addc(out, '\\');
		sb_addc(out, c);
	}
	*line_start = bol;
}

static void md_text(strbuf *out, const char *s, size_t n, const char *cont)
{
	int bol = 1;
	md_text_at(out, s, n, cont, &bol);
}

void appendix_md_escape(strbuf *out, const char *s, size_t n) { md_text(out, s, n, NULL); }

static void html_text(strbuf *out, const char *s, size_t n, int attr)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '&': sb_adds(out, "&amp;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\'': sb_adds(out, "&#39;"); break;
		case '\n': sb_adds(out, attr ? " " : "<br>"); break;
		case '\t': sb_addc(out, ' '); break;
		default:
			if (c >= 0x20 && c != 0x7F)
				sb_addc(out, (char)c);
		}
	}
}

void appendix_html_escape(strbuf *out, const char *s, size_t n) { html_text(out, s, n, 0); }

/* An id inside an HTML comment: nothing in it can end the comment. */
static void comment_id(strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '_' || c == '.' || c == ':' || c == '/' || c >= 0x80 ||
			 (c == '-' && s[1] != '-' && s[1] != '>');
		if (ok)
			sb_addc(out, (char)c);
		else
			sb_addf(out, "%%%02X", c);
	}
}

/* The quote's text with personal data replaced by tags, and the spans kept. */
typedef struct piece {
	size_t start, end;   /* in the original */
	const char *tag;     /* a scrub tag, or NULL for text */
	int mark;            /* evidence of the theme */
} piece;

/* Split the quote into text, tags and marked evidence. */
static piece *pieces(const quote *q, scrubber *sc, int no_scrub, size_t *np)
{
	const char *t = q->text;
	size_t len = strlen(t);
	scrub_span *sp = NULL;
	size_t nsp = 0, alloc = 0;
	if (!no_scrub && sc)
		scrub_find(sc, t, len, &sp, &nsp, &alloc);
	unsigned char *mark = xcalloc(len + 1, 1);
	for (size_t i = 0; i < q->nspans; i++)
		for (size_t b = q->spans[i].start; b < q->spans[i].end && b < len; b++)
			mark[b] = 1;
	piece *p = xcalloc(2 * len + 2 * nsp + 2, sizeof(piece));
	size_t n = 0, k = 0;
	for (size_t i = 0; i < len;) {
		if (k < nsp && sp[k].start == i) {
			p[n++] = (piece){ i, sp[k].end, sp[k].tag, 0 };
			i = sp[k++].end;
			continue;
		}
		size_t j = i + 1;
		while (j < len && mark[j] == mark[i] && !(k < nsp && sp[k].start == j))
			j++;
		p[n++] = (piece){ i, j, NULL, mark[i] };
		i = j;
	}
	free(mark);
	free(sp);
	*np = n;
	return p;
}

static void status_line(strbuf *out, const quote *q, int html, int lang)
{
	const char *confirmed = L(lang, "bevestigd", "confirmed"), *by = L(lang, " door ", " by ");
	const char *machine = L(lang, "machinaal gekozen", "chosen by the machine");
	if (html) {
		if (q->confirmed) {
			sb_addf(out, " <span class=\"status confirmed\">%s", confirmed);
			if (q->coder) {
				sb_adds(out, by);
				html_text(out, q->coder, strlen(q->coder), 0);
			}
			sb_adds(out, "</span>");
		} else {
			sb_addf(out, " <span class=\"status machine\">%s</span>", machine);
		}
		return;
	}
	if (q->confirmed) {
		sb_addf(out, "*%s", confirmed);
		if (q->coder) {
			sb_adds(out, by);
			md_text(out, q->coder, strlen(q->coder), NULL);
		}
		sb_adds(out, "*");
	} else {
		sb_addf(out, "*%s*", machine);
	}
}

static void md_quote(strbuf *out, const quote *q, scrubber *sc, int no_scrub, int lang)
{
	size_t np;
	piece *p = pieces(q, sc, no_scrub, &np);
	sb_adds(out, "\n<!-- ");
	comment_id(out, q->ext_id);
	sb_adds(out, " -->\n> ");
	int bol = 1; /* line starts carry over from piece to piece */
	for (size_t i = 0; i < np; i++) {
		if (p[i].tag)
			md_text_at(out, p[i].tag, strlen(p[i].tag), "> ", &bol);
		else
			md_text_at(out, q->text + p[i].start, p[i].end - p[i].start, "> ", &bol);
	}
	sb_adds(out, "\n>\n> ");
	if (q->group) {
		sb_adds(out, "*(");
		md_text(out, q->group, strlen(q->group), NULL);
		sb_adds(out, ")* · ");
	}
	status_line(out, q, 0, lang);
	sb_addc(out, '\n');
	free(p);
}

static void html_quote(strbuf *out, const quote *q, scrubber *sc, int no_scrub, int lang)
{
	size_t np;
	piece *p = pieces(q, sc, no_scrub, &np);
	sb_adds(out, "<blockquote data-id=\"");
	html_text(out, q->ext_id, strlen(q->ext_id), 1);
	sb_addf(out, "\" class=\"%s\">", q->confirmed ? "confirmed" : "machine");
	for (size_t i = 0; i < np; i++) {
		if (p[i].tag) {
			sb_adds(out, "<span class=\"scrubbed\">");
			html_text(out, p[i].tag, strlen(p[i].tag), 0);
			sb_adds(out, "</span>");
		} else if (p[i].mark) {
			sb_adds(out, "<mark>");
			html_text(out, q->text + p[i].start, p[i].end - p[i].start, 0);
			sb_adds(out, "</mark>");
		} else {
			html_text(out, q->text + p[i].start, p[i].end - p[i].start, 0);
		}
	}
	if (q->group) {
		sb_adds(out, " <span class=\"tag\">(");
		html_text(out, q->group, strlen(q->group), 0);
		sb_adds(out, ")</span>");
	}
	status_line(out, q, 1, lang);
	sb_adds(out, "</blockquote>\n");
	free(p);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The method note: how quotes were chosen, how many a human confirmed, and who. */
static void method(const appendix_doc *d, strbuf *out)
{
	size_t total = 0, confirmed = 0, nnames = 0;
	for (size_t t = 0; t < d->nthemes; t++)
		total += d->themes[t].n;
	const char **names = xcalloc(total + 1, sizeof(char *));
	for (size_t t = 0; t < d->nthemes; t++)
		for (size_t i = 0; i < d->themes[t].n; i++) {
			const quote *q = &d->themes[t].q[i];
			if (!q->confirmed)
				continue;
			confirmed++;
			if (q->coder)
				names[nnames++] = q->coder;
		}
	qsort(names, nnames, sizeof(*names), str_cmp);
	strbuf who;
	sb_init(&who);
	for (size_t i = 0; i < nnames; i++)
		if (!i || strcmp(names[i], names[i - 1])) {
			if (who.len)
				sb_adds(&who, ", ");
			if (d->html)
				html_text(&who, names[i], strlen(names[i]), 0);
			else
				md_text(&who, names[i], strlen(names[i]), NULL);
		}
	free(names);

	int en = d->lang == LANG_EN;
	sb_adds(out, d->html ? "<p class=\"method\">" : "*");
	if (d->question) {
		sb_adds(out, en ? "Question: \u201c" : "Vraag: \u201c");
		if (d->html)
			html_text(out, d->question, strlen(d->question), 0);
		else
			md_text(out, d->question, strlen(d->question), NULL);
		sb_adds(out, "\u201d. ");
	}
	if (en)
		sb_addf(out, "Method: quotes chosen with qcode %s. The candidates of a theme are the answers with it as "
			     "their primary theme (after review)%s. Score = %.1f x clarity (the theme's share of the "
			     "coding score, the number of rules, evidence in the first sentence, the margin over the "
			     "second theme, the density of the evidence) + %.1f x cosine similarity of the TF-IDF stem "
			     "vector with the theme's centroid + %.1f x coding strength; chosen by maximal marginal "
			     "relevance (lambda %.1f), so that quotes do not repeat each other; answers of %d to %d "
			     "words%s. ",
			d->version, d->reviewed_only ? ", only those a reviewer confirmed" : "", QUOTES_W_CLARITY,
			QUOTES_W_COSINE, QUOTES_W_STRENGTH, QUOTES_LAMBDA, d->min_words, d->max_words,
			d->by_group ? "; spread over the groups" : "");
	else
		sb_addf(out, "Methode: citaten gekozen met qcode %s. Kandidaten per thema zijn de antwoorden met dat "
			     "thema als hoofdthema (na beoordeling)%s. Score = %.1f x duidelijkheid (aandeel van het thema "
			     "in de codeerscore, aantal regels, bewijs in de eerste zin, marge op het tweede thema, "
			     "dichtheid van het bewijs) + %.1f x cosinus-gelijkenis van de TF-IDF-stamvector met het "
			     "zwaartepunt van het thema + %.1f x codeersterkte; gekozen met maximal marginal relevance "
			     "(lambda %.1f), zodat citaten elkaar niet herhalen; antwoorden van %d tot %d woorden%s. ",
			d->version, d->reviewed_only ? ", alleen door een beoordelaar bevestigde" : "",
			QUOTES_W_CLARITY, QUOTES_W_COSINE, QUOTES_W_STRENGTH, QUOTES_LAMBDA, d->min_words,
			d->max_words, d->by_group ? "; verdeeld over de groepen" : "");
	const char *open = who.len ? " (" : "", *names_ = who.len ? who.buf : "", *close = who.len ? ")" : "";
	if (!total)
		sb_adds(out, en ? "No quotes. " : "Geen citaten. ");
	else if (total == 1)
		sb_addf(out, en ? "The quote was %s%s%s%s. " : "Het citaat is %s%s%s%s. ",
			confirmed ? L(d->lang, "door een beoordelaar bevestigd", "confirmed by a reviewer")
				  : L(d->lang, "niet door een beoordelaar bevestigd: machinaal gekozen",
				      "not confirmed by a reviewer: chosen by the machine"),
			open, names_, close);
	else if (confirmed == total)
		sb_addf(out, en ? "All %zu quotes were confirmed by a reviewer%s%s%s. "
				: "Alle %zu citaten zijn door een beoordelaar bevestigd%s%s%s. ",
			total, open, names_, close);
	else if (!confirmed)
		sb_addf(out, en ? "None of the %zu quotes was confirmed by a reviewer: all were chosen by the machine. "
				: "Geen van de %zu citaten is door een beoordelaar bevestigd: alle zijn machinaal gekozen. ",
			total);
	else
		sb_addf(out, en ? "%zu of the %zu quotes were confirmed by a reviewer%s%s%s, %zu chosen by the machine. "
				: "%zu van de %zu citaten zijn door een beoordelaar bevestigd%s%s%s, %zu machinaal gekozen. ",
			confirmed, total, open, names_, close, total - confirmed);
	sb_addf(out, en ? "Lexicon %s, coding run %lld, %s. %s" : "Lexicon %s, codeerronde %lld, %s. %s",
		d->lexicon, d->run, d->now,
		d->no_scrub ? L(d->lang, "Persoonsgegevens NIET verwijderd (--no-scrub).",
				"Personal data NOT removed (--no-scrub).")
			    : L(d->lang, "Persoonsgegevens (e-mail, telefoon, postcode, BSN, IBAN, URL) zijn vervangen.",
				"Personal data (e-mail, telephone, postcode, BSN, IBAN, URL) have been replaced."));
	sb_adds(out, d->html ? "</p>\n" : "*\n");
	sb_release(&who);
}

/* "3 van de 22 antwoorden (14%) zijn met dit thema gecodeerd, 2 als hoofdthema." */
static void count_line(strbuf *out, const appendix_doc *d, const appendix_theme *t, double share)
{
	if (d->lang == LANG_EN)
		sb_addf(out, "%ld of the %ld answer%s (%.0f%%) %s coded with this theme, %zu as the primary theme.",
			t->coded, d->answers, plural_s(d->answers), share, t->coded == 1 ? "is" : "are", t->candidates);
	else
		sb_addf(out, "%ld van de %ld antwoord%s (%.0f%%) %s met dit thema gecodeerd, %zu als hoofdthema.",
			t->coded, d->answers, d->answers == 1 ? "" : "en", share, t->coded == 1 ? "is" : "zijn",
			t->candidates);
}

void appendix_render(const appendix_doc *d, scrubber *sc, strbuf *out)
{
	if (d->html) {
		sb_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
			lang_code(d->lang));
		html_text(out, d->title, strlen(d->title), 0);
		sb_adds(out, "</title>\n<style>\nbody{font-family:Georgia,serif;max-width:46em;margin:2em auto;"
			     "padding:0 1em;line-height:1.5;color:#222}\nh1{font-size:1.6em}h2{font-size:1.25em;"
			     "margin-top:2em;border-bottom:1px solid #ccc}\nblockquote{margin:1em 0;padding:.4em 1em;"
			     "border-left:4px solid #1b6ca8;background:#f6f8fa}\nblockquote.machine{border-left-color:#aaa}\n"
			     "mark{background:#ffe58a}\n.tag{color:#555;font-style:italic}.count{color:#444}.scrubbed{color:#a00}\n"
			     ".status{display:block;font-size:.8em;color:#555}.confirmed{color:#1b6ca8}\n"
			     "svg{max-width:100%;height:auto}\n.method{font-size:.85em;color:#555;margin-top:3em}\n</style>\n</head>\n<body>\n<h1>");
		html_text(out, d->title, strlen(d->title), 0);
		sb_adds(out, "</h1>\n");
		if (d->chart) {
			sb_adds(out, "<figure>\n");
			sb_adds(out, d->chart);
			sb_adds(out, "</figure>\n");
		}
	} else {
		sb_adds(out, "# ");
		md_text(out, d->title, strlen(d->title), NULL);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < d->nthemes; i++) {
		const appendix_theme *t = &d->themes[i];
		double share = d->answers ? 100.0 * (double)t->coded / (double)d->answers : 0;
		if (d->html) {
			sb_adds(out, "<h2>");
			html_text(out, t->label, strlen(t->label), 0);
			sb_adds(out, "</h2>\n<p class=\"count\">");
			count_line(out, d, t, share);
			sb_adds(out, "</p>\n");
		} else {
			sb_adds(out, "\n## ");
			md_text(out, t->label, strlen(t->label), NULL);
			sb_adds(out, "\n\n");
			count_line(out, d, t, share);
			sb_addc(out, '\n');
		}
		const char *none = L(d->lang, "Geen antwoorden.", "No answers.");
		if (!t->candidates)
			sb_addf(out, d->html ? "<p><em>%s</em></p>\n" : "\n*%s*\n", none);
		if (t->fallback) {
			sb_adds(out, d->html ? "<p><em>" : "\n*");
			sb_addf(out, L(d->lang, "Geen antwoord van %d tot %d woorden; de dichtstbijzijnde lengtes zijn gekozen.",
				       "No answer of %d to %d words; the nearest lengths were chosen."),
				d->min_words, d->max_words);
			sb_adds(out, d->html ? "</em></p>\n" : "*\n");
		}
		for (size_t j = 0; j < t->n; j++) {
			if (d->html)
				html_quote(out, &t->q[j], sc, d->no_scrub, d->lang);
			else
				md_quote(out, &t->q[j], sc, d->no_scrub, d->lang);
		}
	}
	if (!d->html)
		sb_addc(out, '\n');
	method(d, out);
	if (d->html)
		sb_adds(out, "</body>\n</html>\n");
}
