/*
 * lang: the one language of a report. The appendix, tables, charts, the
 * method notes and the sheets of a workbook speak Dutch or English, never
 * both: --lang when given, else the codeframe's own "%lang nl|en" line
 * (in its shared.groups), else Dutch, the language of the shipped
 * codeframe. Machine keys (CSV headers, theme keys) are no language.
 */
#ifndef QCODE_LANG_H
#define QCODE_LANG_H

enum lang {
	LANG_NL, /* Dutch */
	LANG_EN, /* English */
};

/* "nl" or "en" (also "dutch", "english", "nederlands"); -1 if neither. */
int lang_parse(const char *s);

/* The code of a language ("nl", "en"). */
const char *lang_code(int lang);

/*
 * The language of a report: opt (--lang) when given, else the %lang line
 * of lex_dir/shared.groups when it has one (lex_dir may be NULL), else
 * LANG_NL. Returns -1 after reporting an unknown language (EXIT_USAGE for
 * opt, EXIT_INPUT for the file).
 */
int lang_resolve(const char *opt, const char *lex_dir);

/* s_nl or s_en by lang: the two texts of one message side by side. */
static inline const char *L(int lang, const char *s_nl, const char *s_en)
{
	return lang == LANG_EN ? s_en : s_nl;
}

#endif
