/*
 * format: output of coded answers (see format.h).
 */
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int out_format_parse(const char *s)
{
	if (!strcasecmp(s, "jsonl") || !strcasecmp(s, "ndjson")) return OUT_JSONL;
	if (!strcasecmp(s, "tsv")) return OUT_TSV;
	if (!strcasecmp(s, "csv")) return OUT_CSV;
	return -1;
}

/* The code point of a character JSON output writes as \uXXXX although it
   need not, at s[0..n) (a lead byte 0x7F, 0xC2 or 0xE2): DEL, the C1
   controls, the line and paragraph separators and the bidirectional
   embeddings, overrides and isolates, which could play tricks on a
   terminal the output is shown on; else 0. *len is its length in bytes. */
static unsigned json_hidden(const unsigned char *s, size_t n, size_t *len)
{
	if (s[0] == 0x7F) {
		*len = 1;
		return 0x7F;
	}
	if (s[0] == 0xC2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*len = 2;
		return s[1];
	}
	if (s[0] == 0xE2 && n >= 3 && ((s[1] == 0x80 && s[2] >= 0xA8 && s[2] <= 0xAE) ||
				       (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9))) {
		*len = 3;
		return 0x2000u | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	return 0;
}

/* The bytes fmt_json_string looks at twice: controls, '"', '\\', DEL and
   the lead bytes of json_hidden's characters. */
static const unsigned char json_special[256] = {
	[0x00 ... 0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0x7F] = 1, [0xC2] = 1, [0xE2] = 1,
};

void fmt_json_string(strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	sb_grow(out, n + 2);
	sb_addc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!json_special[c])
			continue;
		if (c >= 0x7F) {
			size_t len;
			unsigned u = json_hidden((const unsigned char *)s + i, n - i, &len);
			if (!u)
				continue;
			sb_add(out, s + start, i - start);
			char e[7] = { '\\', 'u', hex[u >> 12], hex[(u >> 8) & 15], hex[(u >> 4) & 15],
				      hex[u & 15], 0 };
			sb_adds(out, e);
			i += len - 1;
			start = i + 1;
			continue;
		}
		sb_add(out, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"': sb_adds(out, "\\\""); break;
		case '\\': sb_adds(out, "\\\\"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		case '\t': sb_adds(out, "\\t"); break;
		default: {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			sb_adds(out, u);
		}
		}
	}
	sb_add(out, s + start, n - start);
	sb_addc(out, '"');
}

void fmt_csv_field(strbuf *out, const char *s, size_t n, char delim)
{
	/* spaces at either end are kept only inside quotes (readers, libcsv
	   among them, trim them off a bare field) */
	int quote = n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		sb_add(out, s, n);
		return;
	}
	sb_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sb_addc(out, '"');
		sb_addc(out, s[i]);
	}
	sb_addc(out, '"');
}

void fmt_tsv_field(strbuf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '\t': rep = "\\t"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\\': rep = "\\\\"; break;
		}
		if (!rep)
			continue;
		sb_add(out, s + start, i - start);
		sb_adds(out, rep);
		start = i + 1;
	}
	sb_add(out, s + start, n - start);
}

/* Whether s[0..n) is a plain decimal number: [+-]digits[(.|,)digits][e[+-]digits]. */
static int plain_number(const char *s, size_t n)
{
	size_t i = 0, d;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d)
		return 0;
	if (i < n && (s[i] == '.' || s[i] == ',')) {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

int fmt_sheet_guarded(const char *s, size_t n)
{
	if (!n)
		return 0;
	switch (s[0]) {
	case '\'':
	case '=':
	case '@':
	case '\t':
	case '\r':
		return 1;
	case '+':
	case '-':
		return !plain_number(s, n);
	default:
		return 0;
	}
}

void fmt_sheet_field(strbuf *out, const char *s, size_t n, char delim)
{
	if (!fmt_sheet_guarded(s, n)) {
		delim == '\t' ? fmt_tsv_field(out, s, n) : fmt_csv_field(out, s, n, delim);
		return;
	}
	strbuf g;
	sb_init(&g);
	sb_addc(&g, '\'');
	sb_add(&g, s, n);
	delim == '\t' ? fmt_tsv_field(out, g.buf, g.len) : fmt_csv_field(out, g.buf, g.len, delim);
	sb_release(&g);
}

const char *fmt_sheet_value(const char *s, size_t *n)
{
	if (*n && s[0] == '\'') {
		(*n)--;
		return s + 1;
	}
	return s;
}

void fmt_coded_header(strbuf *out, int format)
{
	if (format == OUT_TSV)
		sb_adds(out, "id\tprimary\tthemes\tscores\tevidence\n");
	else if (format == OUT_CSV)
		sb_adds(out, "id,primary,themes,scores,evidence\n");
}

static void field(strbuf *out, int format, const char *s, size_t n)
{
	if (format == OUT_TSV)
		fmt_tsv_field(out, s, n);
	else
		fmt_csv_field(out, s, n, ',');
}

struct coded_fmt {
	int format;            /* enum out_format */
	int terminal;          /* TSV, CSV: the output is a terminal, ids are escaped */
	const lexicon_set *set;
	strbuf json;           /* JSONL: the pieces below, each array's one after another */
	size_t *key_at;        /* per theme: its key as a JSON string, at json.buf + key_at[t] */
	size_t *rule_at;       /* per theme, from rule_first[t]: '{"theme":..,"rule":..,"start":' */
	size_t *rule_first;    /* per theme: its first rule's index in rule_at */
	strbuf stamp;          /* JSONL: ',"stamp":{...}' to end each record with, or empty */
};

coded_fmt *coded_fmt_new(int format, const lexicon_set *set)
{
	coded_fmt *f = xcalloc(1, sizeof(*f));
	f->format = format;
	f->set = set;
	sb_init(&f->json);
	sb_init(&f->stamp);
	if (format != OUT_JSONL)
		return f;
	size_t nt = set->nthemes, nr = 0;
	f->key_at = xcalloc(nt + 1, sizeof(*f->key_at));
	f->rule_first = xcalloc(nt + 1, sizeof(*f->rule_first));
	for (size_t t = 0; t < nt; t++) {
		f->rule_first[t] = nr;
		nr += set->themes[t].nrules;
	}
	f->rule_first[nt] = nr;
	f->rule_at = xcalloc(nr + 1, sizeof(*f->rule_at));
	for (size_t t = 0; t < nt; t++) {
		f->key_at[t] = f->json.len;
		fmt_json_string(&f->json, set->themes[t].key, strlen(set->themes[t].key));
	}
	f->key_at[nt] = f->json.len;
	for (size_t t = 0; t < nt; t++) {
		const theme *th = &set->themes[t];
		for (size_t r = 0; r < th->nrules; r++) {
			f->rule_at[f->rule_first[t] + r] = f->json.len;
			sb_adds(&f->json, "{\"theme\":");
			fmt_json_string(&f->json, th->key, strlen(th->key));
			sb_adds(&f->json, ",\"rule\":");
			fmt_json_string(&f->json, th->rules[r].id, strlen(th->rules[r].id));
			sb_adds(&f->json, ",\"start\":");
		}
	}
	f->rule_at[nr] = f->json.len;
	return f;
}

void coded_fmt_set_terminal(coded_fmt *f, int terminal) { f->terminal = terminal; }

void coded_fmt_set_stamp(coded_fmt *f, const char *hash, const char *stemmer, const char *version)
{
	sb_reset(&f->stamp);
	sb_adds(&f->stamp, ",\"stamp\":{\"lexicon\":");
	fmt_json_string(&f->stamp, hash, strlen(hash));
	sb_adds(&f->stamp, ",\"stemmer\":");
	fmt_json_string(&f->stamp, stemmer, strlen(stemmer));
	sb_adds(&f->stamp, ",\"qcode\":");
	fmt_json_string(&f->stamp, version, strlen(version));
	sb_addc(&f->stamp, '}');
}

void coded_fmt_free(coded_fmt *f)
{
	if (!f)
		return;
	sb_release(&f->json);
	sb_release(&f->stamp);
	free(f->key_at);
	free(f->rule_at);
	free(f->rule_first);
	free(f);
}

/* The made piece i of an array of offsets: at[i] to at[i + 1]. */
static inline void add_piece(strbuf *out, const coded_fmt *f, const size_t *at, size_t i)
{
	sb_add(out, f->json.buf + at[i], at[i + 1] - at[i]);
}

/*
 * A score. Weights are bounded (LEXICON_MAX_WEIGHT) so that every score is
 * finite; should one not be, no format gets "inf" or "nan", which JSON
 * cannot hold and spreadsheets misread: JSON gets null, CSV and TSV nothing.
 */
static void add_score(strbuf *out, double x, int json)
{
	if (isfinite(x))
		sb_add_g(out, x);
	else if (json)
		sb_adds(out, "null");
}

/* The coded themes' keys, comma-separated, each with ':' and its score
   when scores is set. */
static void add_coded_keys(strbuf *out, const coded_fmt *f, const match_result *res, int scores)
{
	int first = 1;
	for (size_t t = 0; t < res->nthemes; t++) {
		if (!res->themes[t].coded)
			continue;
		if (!first)
			sb_addc(out, ',');
		first = 0;
		add_piece(out, f, f->key_at, t);
		if (scores) {
			sb_addc(out, ':');
			add_score(out, res->themes[t].score, 1);
		}
	}
}

static void fmt_coded_json(strbuf *out, const coded_fmt *f, const char *id, size_t id_len,
			   const char *text, const match_result *res)
{
	sb_adds(out, "{\"id\":");
	fmt_json_string(out, id, id_len);
	sb_adds(out, ",\"primary\":");
	if (res->primary >= 0)
		add_piece(out, f, f->key_at, (size_t)res->primary);
	else
		sb_adds(out, "null");
	sb_adds(out, ",\"themes\":[");
	add_coded_keys(out, f, res, 0);
	sb_adds(out, "],\"scores\":{");
	add_coded_keys(out, f, res, 1);
	sb_adds(out, "},\"evidence\":[");
	for (size_t e = 0; e < res->nev; e++) {
		const evidence *ev = &res->ev[e];
		if (e)
			sb_addc(out, ',');
		add_piece(out, f, f->rule_at, f->rule_first[ev->theme] + (size_t)ev->rule);
		sb_add_uint(out, ev->start);
		sb_adds(out, ",\"end\":");
		sb_add_uint(out, ev->end);
		sb_adds(out, ",\"text\":");
		fmt_json_string(out, text + ev->start, ev->end - ev->start);
		sb_addc(out, '}');
	}
	sb_addc(out, ']');
	sb_add(out, f->stamp.buf, f->stamp.len);
	sb_adds(out, "}\n");
}

void fmt_coded(strbuf *out, const coded_fmt *f, const char *id, size_t id_len, const char *text,
	       const match_result *res)
{
	if (f->format == OUT_JSONL) {
		fmt_coded_json(out, f, id, id_len, text, res);
		return;
	}
	int format = f->format;
	const lexicon_set *set = f->set;
	const char *primary = res->primary >= 0 ? set->themes[res->primary].key : "";
	char sep = format == OUT_TSV ? '\t' : ',';
	strbuf tmp;
	sb_init(&tmp);
	if (f->terminal) {
		field(&tmp, format, id, id_len);
		sb_add_term(out, tmp.buf, tmp.len, TERM_KEEP_NL);
		sb_reset(&tmp);
	} else {
		field(out, format, id, id_len);
	}
	sb_addc(out, sep);
	sb_adds(out, primary);
	sb_addc(out, sep);
	for (size_t t = 0; t < res->nthemes; t++)
		if (res->themes[t].coded) {
			if (tmp.len)
				sb_addc(&tmp, ';');
			sb_adds(&tmp, set->themes[t].key);
		}
	field(out, format, tmp.buf, tmp.len);
	sb_addc(out, sep);
	sb_reset(&tmp);
	for (size_t t = 0; t < res->nthemes; t++)
		if (res->themes[t].coded) {
			if (tmp.len)
				sb_addc(&tmp, ';');
			sb_adds(&tmp, set->themes[t].key);
			sb_addc(&tmp, '=');
			add_score(&tmp, res->themes[t].score, 0);
		}
	field(out, format, tmp.buf, tmp.len);
	sb_addc(out, sep);
	sb_reset(&tmp);
	for (size_t e = 0; e < res->nev; e++) {
		const evidence *ev = &res->ev[e];
		const theme *th = &set->themes[ev->theme];
		if (tmp.len)
			sb_addc(&tmp, ';');
		sb_adds(&tmp, th->key);
		sb_addc(&tmp, ':');
		sb_adds(&tmp, th->rules[ev->rule].id);
		sb_addc(&tmp, '@');
		sb_add_uint(&tmp, ev->start);
		sb_addc(&tmp, '-');
		sb_add_uint(&tmp, ev->end);
	}
	field(out, format, tmp.buf, tmp.len);
	sb_addc(out, '\n');
	sb_release(&tmp);
}
