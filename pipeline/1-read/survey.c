/*
 * survey: LimeSurvey question texts from its structure files (survey.h).
 */
#include "survey.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void survey_questions_release(survey_questions *q)
{
	for (size_t i = 0; i < q->n; i++) {
		free(q->code[i]);
		free(q->text[i]);
	}
	free(q->code);
	free(q->text);
	free(q->last);
	memset(q, 0, sizeof(*q));
}

/* HTML as plain text: tags out, &amp; &lt; &gt; &quot; &#39; &nbsp; and
   numeric entities of ASCII decoded, white space collapsed. */
static char *plain(const char *s)
{
	strbuf sb;
	sb_init(&sb);
	int space = 0;
	for (; *s; s++) {
		char c = *s;
		if (c == '<') {
			const char *e = strchr(s, '>');
			if (e) {
				s = e;
				space = 1;
				continue;
			}
		}
		if (c == '&') {
			static const struct { const char *name; char c; } ent[] = {
				{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
				{ "&#39;", '\'' }, { "&apos;", '\'' }, { "&nbsp;", ' ' },
			};
			size_t k;
			for (k = 0; k < sizeof(ent) / sizeof(*ent); k++)
				if (!strncmp(s, ent[k].name, strlen(ent[k].name)))
					break;
			if (k < sizeof(ent) / sizeof(*ent)) {
				s += strlen(ent[k].name) - 1;
				c = ent[k].c;
			}
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && sb.len)
			sb_addc(&sb, ' ');
		space = 0;
		sb_addc(&sb, c);
	}
	return sb_detach(&sb);
}

static void add(survey_questions *q, const char *code, const char *text)
{
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->code[i], code))
			return; /* the first language's text stands */
	q->code = xrealloc(q->code, (q->n + 1) * sizeof(char *));
	q->text = xrealloc(q->text, (q->n + 1) * sizeof(char *));
	q->code[q->n] = xstrdup(code);
	q->text[q->n] = plain(text);
	q->n++;
}

static const char *find(const survey_questions *q, const char *code, size_t len)
{
	for (size_t i = 0; i < q->n; i++)
		if (strlen(q->code[i]) == len && !strncasecmp(q->code[i], code, len))
			return q->text[i];
	return NULL;
}

const char *survey_question(survey_questions *q, const char *col)
{
	const char *br = strchr(col, '[');
	size_t len = br ? (size_t)(br - col) : strlen(col);
	const char *text = find(q, col, len);
	if (!text)
		return NULL;
	free(q->last);
	strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, text);
	if (br) {
		const char *sub = find(q, col, strlen(col));
		size_t sl = strlen(br + 1);
		if (sub)
			sb_addf(&sb, " - %s", sub);
		else if (sl && br[sl] == ']')
			sb_addf(&sb, " - %.*s", (int)sl - 1, br + 1);
	}
	q->last = sb_detach(&sb);
	return q->last;
}

/* ---- .lss ---- */

/* A row of one of the .lss tables, as field -> text. */
typedef struct lss_row {
	char *qid, *parent, *title, *question, *language;
} lss_row;

typedef struct lss_state {
	XML_Parser p;
	int doctype;
	int table;          /* 1 questions, 2 subquestions, 3 question_l10ns, 0 other */
	int in_row;
	char field[32];     /* the field being read, or "" */
	strbuf val;
	lss_row cur;
	lss_row *rows;      /* questions and subquestions */
	size_t nrows;
	lss_row *l10n;      /* texts by qid (LimeSurvey 4 and later) */
	size_t nl10n;
	char *lang;         /* the survey's first language */
	int in_languages;   /* inside <languages> */
} lss_state;

static void row_release(lss_row *r)
{
	free(r->qid);
	free(r->parent);
	free(r->title);
	free(r->question);
	free(r->language);
	memset(r, 0, sizeof(*r));
}

static void XMLCALL lss_doctype(void *data, const XML_Char *n, const XML_Char *s, const XML_Char *p, int i)
{
	(void)n;
	(void)s;
	(void)p;
	(void)i;
	lss_state *st = data;
	st->doctype = 1;
	XML_StopParser(st->p, XML_FALSE);
}

static void XMLCALL lss_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	lss_state *st = data;
	if (!strcmp(name, "questions"))
		st->table = 1;
	else if (!strcmp(name, "subquestions"))
		st->table = 2;
	else if (!strcmp(name, "question_l10ns"))
		st->table = 3;
	else if (!strcmp(name, "languages"))
		st->in_languages = 1;
	else if (!strcmp(name, "language") && st->in_languages && !st->in_row)
		snprintf(st->field, sizeof(st->field), "%s", "survey_language");
	else if (!strcmp(name, "row") && st->table)
		st->in_row = 1;
	else if (st->in_row)
		snprintf(st->field, sizeof(st->field), "%s", name);
	sb_reset(&st->val);
}

static void XMLCALL lss_end(void *data, const XML_Char *name)
{
	lss_state *st = data;
	if (!strcmp(name, "questions") || !strcmp(name, "subquestions") || !strcmp(name, "question_l10ns")) {
		st->table = 0;
	} else if (!strcmp(name, "languages")) {
		st->in_languages = 0;
	} else if (!strcmp(name, "row") && st->in_row) {
		st->in_row = 0;
		lss_row **v = st->table == 3 ? &st->l10n : &st->rows;
		size_t *n = st->table == 3 ? &st->nl10n : &st->nrows;
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = st->cur;
		memset(&st->cur, 0, sizeof(st->cur));
	} else if (st->field[0]) {
		char **slot = NULL;
		if (!strcmp(st->field, "survey_language")) {
			if (!st->lang)
				st->lang = xstrdup(st->val.buf);
		} else if (!strcmp(st->field, "qid"))
			slot = &st->cur.qid;
		else if (!strcmp(st->field, "parent_qid"))
			slot = &st->cur.parent;
		else if (!strcmp(st->field, "title"))
			slot = &st->cur.title;
		else if (!strcmp(st->field, "question"))
			slot = &st->cur.question;
		else if (!strcmp(st->field, "language"))
			slot = &st->cur.language;
		if (slot && !strcmp(name, st->field)) {
			free(*slot);
			*slot = xstrdup(st->val.buf);
		}
		st->field[0] = '\0';
	}
}

static void XMLCALL lss_text(void *data, const XML_Char *s, int len)
{
	lss_state *st = data;
	if (st->field[0])
		sb_add(&st->val, s, (size_t)len);
}

/* Whether a row is in the survey's first language (or says none). */
static int first_lang(const lss_state *st, const lss_row *r)
{
	return !st->lang || !r->language || !strcmp(st->lang, r->language);
}

int survey_parse_lss(survey_questions *q, const char *name, const char *xml, size_t len)
{
	lss_state st;
	memset(&st, 0, sizeof(st));
	sb_init(&st.val);
	st.p = XML_ParserCreate(NULL);
	XML_SetUserData(st.p, &st);
	XML_SetStartDoctypeDeclHandler(st.p, lss_doctype);
	XML_SetElementHandler(st.p, lss_start, lss_end);
	XML_SetCharacterDataHandler(st.p, lss_text);
	int rc = 0;
	if (XML_Parse(st.p, xml, (int)len, 1) != XML_STATUS_OK) {
		error_set_code(EXIT_INPUT);
		if (st.doctype)
			rc = error("%s: a document type declaration, which no LimeSurvey file has"
				   " (entity declarations are refused: an XML bomb?)", name);
		else
			rc = error("%s:%lu: not well-formed XML: %s", name,
				   (unsigned long)XML_GetCurrentLineNumber(st.p),
				   XML_ErrorString(XML_GetErrorCode(st.p)));
	}
	/* questions first (sub-questions name their parent's code) */
	for (int pass = 0; !rc && pass < 2; pass++)
		for (size_t i = 0; i < st.nrows; i++) {
			lss_row *r = &st.rows[i];
			int sub = r->parent && strcmp(r->parent, "0");
			if (!r->title || !r->qid || sub != pass)
				continue;
			const char *text = r->question && first_lang(&st, r) ? r->question : NULL;
			for (size_t k = 0; !text && k < st.nl10n; k++)
				if (st.l10n[k].qid && !strcmp(st.l10n[k].qid, r->qid) && st.l10n[k].question &&
				    first_lang(&st, &st.l10n[k]))
					text = st.l10n[k].question;
			if (!text)
				continue;
			if (!sub) {
				add(q, r->title, text);
				continue;
			}
			for (size_t k = 0; k < st.nrows; k++)
				if (st.rows[k].qid && !strcmp(st.rows[k].qid, r->parent) && st.rows[k].title) {
					strbuf code;
					sb_init(&code);
					sb_addf(&code, "%s[%s]", st.rows[k].title, r->title);
					add(q, code.buf, text);
					sb_release(&code);
					break;
				}
		}
	if (!rc && !q->n) {
		error_set_code(EXIT_INPUT);
		rc = error("%s: no questions in this survey structure", name);
	}
	for (size_t i = 0; i < st.nrows; i++)
		row_release(&st.rows[i]);
	for (size_t i = 0; i < st.nl10n; i++)
		row_release(&st.l10n[i]);
	row_release(&st.cur);
	free(st.rows);
	free(st.l10n);
	free(st.lang);
	sb_release(&st.val);
	XML_ParserFree(st.p);
	return rc;
}

/* ---- the tab-separated structure ---- */

/* Field i of a tab-separated line (quotes taken off), or "". */
static char *tsv_field(const char *line, size_t len, int want)
{
	int k = 0;
	size_t s = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != '\t')
			continue;
		if (k++ == want) {
			strbuf sb;
			sb_init(&sb);
			const char *f = line + s;
			size_t n = i - s;
			if (n >= 2 && f[0] == '"' && f[n - 1] == '"') {
				for (size_t j = 1; j + 1 < n; j++) {
					sb_addc(&sb, f[j]);
					if (f[j] == '"' && f[j + 1] == '"')
						j++;
				}
			} else {
				sb_add(&sb, f, n);
			}
			return sb_detach(&sb);
		}
		s = i + 1;
	}
	return xstrdup("");
}

int survey_parse_txt(survey_questions *q, const char *name, const char *text, size_t len)
{
	int c_class = -1, c_name = -1, c_text = -1, c_lang = -1;
	char *lang = NULL, *parent = NULL;
	long line = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
		const char *l = text + pos;
		pos = end + 1;
		line++;
		if (n && l[n - 1] == '\r')
			n--;
		if (line == 1 && n >= 3 && !memcmp(l, "\xEF\xBB\xBF", 3)) {
			l += 3;
			n -= 3;
		}
		if (line == 1) {
			for (int i = 0; i < 64; i++) {
				char *f = tsv_field(l, n, i);
				if (!strcmp(f, "class")) c_class = i;
				else if (!strcmp(f, "name")) c_name = i;
				else if (!strcmp(f, "text")) c_text = i;
				else if (!strcmp(f, "language")) c_lang = i;
				free(f);
			}
			if (c_class < 0 || c_name < 0 || c_text < 0) {
				error_set_code(EXIT_INPUT);
				error("%s:1: not a LimeSurvey tab-separated survey structure (no class, name and text columns)",
				      name);
				free(lang);
				return -1;
			}
			continue;
		}
		char *cls = tsv_field(l, n, c_class), *nm = tsv_field(l, n, c_name);
		char *tx = tsv_field(l, n, c_text), *lg = c_lang >= 0 ? tsv_field(l, n, c_lang) : xstrdup("");
		int is_q = !strcmp(cls, "Q"), is_sq = !strcmp(cls, "SQ");
		if ((is_q || is_sq) && !lang && *lg)
			lang = xstrdup(lg);
		int ours = !lang || !*lg || !strcmp(lg, lang);
		if (is_q && ours && *nm) {
			free(parent);
			parent = xstrdup(nm);
			add(q, nm, tx);
		} else if (is_sq && ours && *nm && parent) {
			strbuf code;
			sb_init(&code);
			sb_addf(&code, "%s[%s]", parent, nm);
			add(q, code.buf, tx);
			sb_release(&code);
		}
		free(cls);
		free(nm);
		free(tx);
		free(lg);
	}
	free(lang);
	free(parent);
	if (!q->n) {
		error_set_code(EXIT_INPUT);
		return error("%s: no questions in this survey structure", name);
	}
	return 0;
}

int survey_questions_load(survey_questions *q, const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || (strcasecmp(dot, ".lss") && strcasecmp(dot, ".txt"))) {
		error_set_code(EXIT_USAGE);
		return error("--questions takes a LimeSurvey structure file: .lss or .txt, not '%s'", path);
	}
	strbuf sb;
	sb_init(&sb);
	if (read_file(path, &sb)) {
		sb_release(&sb);
		return -1;
	}
	int rc;
	if (!strcasecmp(dot, ".lss"))
		rc = survey_parse_lss(q, path, sb.buf, sb.len);
	else
		rc = survey_parse_txt(q, path, sb.buf, sb.len);
	sb_release(&sb);
	return rc;
}
