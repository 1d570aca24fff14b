/*
 * lang: the language of a report (see lang.h).
 */
#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lexicon.h"
#include "util.h"

int lang_parse(const char *s)
{
	if (!strcasecmp(s, "nl") || !strcasecmp(s, "dutch") || !strcasecmp(s, "nederlands"))
		return LANG_NL;
	if (!strcasecmp(s, "en") || !strcasecmp(s, "english") || !strcasecmp(s, "engels"))
		return LANG_EN;
	return -1;
}

const char *lang_code(int lang) { return lang == LANG_EN ? "en" : "nl"; }

int lang_resolve(const char *opt, const char *lex_dir)
{
	if (opt) {
		int l = lang_parse(opt);
		if (l < 0) {
			error_set_code(EXIT_USAGE);
			return error("unknown language '%s' (use nl or en)", opt);
		}
		return l;
	}
	if (!lex_dir)
		return LANG_NL;
	strbuf path, text;
	sb_init(&path);
	sb_init(&text);
	sb_addf(&path, "%s/" LEXICON_SHARED_GROUPS, lex_dir);
	struct stat st;
	int lang = LANG_NL;
	if (stat(path.buf, &st) == 0 && read_file(path.buf, &text) == 0) {
		int l = lexicon_lang_of(path.buf, text.buf, text.len);
		lang = l < 0 ? -1 : l;
	}
	sb_release(&path);
	sb_release(&text);
	return lang;
}
