/*
 * lexio: lexicon interchange with other tools -- LIWC 2007/2015 .dic files
 * and quanteda's YAML dictionaries -- in both directions, warning about
 * every rule the other format cannot express.
 */
#ifndef QCODE_LEXIO_H
#define QCODE_LEXIO_H

#include "util.h"
#include "lexicon.h"

/*
 * Write set as a LIWC .dic (to_liwc) or quanteda YAML dictionary to out.
 * Stem-matched words become prefix patterns (stem*); each rule the format
 * cannot express is left out with a warning. Returns the number of rules
 * left out.
 */
size_t lexio_export(const lexicon_set *set, int to_liwc, strbuf *out);

/*
 * Parse a LIWC .dic or a quanteda YAML dictionary (name for messages) into
 * qcode lexicon files: for each category, its key and file text appended
 * to keys/texts. Returns the number of categories, or -1 after reporting.
 */
int lexio_import(const char *name, const char *text, size_t len, int from_liwc,
		 char ***keys, strbuf **texts);

#endif
