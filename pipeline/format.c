/*
 * format: output of coded answers (see format.h).
 */
#include "format.h"

#include <string.h>
#include <strings.h>

int out_format_parse(const char *s)
{
	if (!strcasecmp(s, "jsonl") || !strcasecmp(s, "ndjson")) return OUT_JSONL;
	if (!strcasecmp(s, "tsv")) return OUT_TSV;
	if (!strcasecmp(s, "csv")) return OUT_CSV;
	return -1;
}

void fmt_json_string(strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	sb_grow(out, n + 2);
	sb_addc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
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
	int quote = 0;
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

void fmt_coded(strbuf *out, int format, const lexicon_set *set, const char *id,
	       size_t id_len, const char *text, const match_result *res)
{
	const char *primary = res->primary >= 0 ? set->themes[res->primary].key : "";
	if (format == OUT_JSONL) {
		sb_adds(out, "{\"id\":");
		fmt_json_string(out, id, id_len);
		sb_adds(out, ",\"primary\":");
		if (res->primary >= 0)
			fmt_json_string(out, primary, strlen(primary));
		else
			sb_adds(out, "null");
		sb_adds(out, ",\"themes\":[");
		int first = 1;
		for (size_t t = 0; t < res->nthemes; t++) {
			if (!res->themes[t].coded)
				continue;
			if (!first)
				sb_addc(out, ',');
			first = 0;
			fmt_json_string(out, set->themes[t].key, strlen(set->themes[t].key));
		}
		sb_adds(out, "],\"scores\":{");
		first = 1;
		for (size_t t = 0; t < res->nthemes; t++) {
			if (!res->themes[t].coded)
				continue;
			if (!first)
				sb_addc(out, ',');
			first = 0;
			fmt_json_string(out, set->themes[t].key, strlen(set->themes[t].key));
			sb_addc(out, ':');
			sb_add_g(out, res->themes[t].score);
		}
		sb_adds(out, "},\"evidence\":[");
		for (size_t e = 0; e < res->nev; e++) {
			const evidence *ev = &res->ev[e];
			const theme *th = &set->themes[ev->theme];
			const char *rid = th->rules[ev->rule].id;
			if (e)
				sb_addc(out, ',');
			sb_adds(out, "{\"theme\":");
			fmt_json_string(out, th->key, strlen(th->key));
			sb_adds(out, ",\"rule\":");
			fmt_json_string(out, rid, strlen(rid));
			sb_adds(out, ",\"start\":");
			sb_add_uint(out, ev->start);
			sb_adds(out, ",\"end\":");
			sb_add_uint(out, ev->end);
			sb_adds(out, ",\"text\":");
			fmt_json_string(out, text + ev->start, ev->end - ev->start);
			sb_addc(out, '}');
		}
		sb_adds(out, "]}\n");
		return;
	}
	char sep = format == OUT_TSV ? '\t' : ',';
	strbuf tmp;
	sb_init(&tmp);
	field(out, format, id, id_len);
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
			sb_add_g(&tmp, res->themes[t].score);
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
