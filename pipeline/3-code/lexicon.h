/*
 * lexicon: the rule language of qcode's themes (format: lexicons/README.md).
 *
 * One theme per file. Rules are parsed into atoms -- single-token tests on
 * a token's stem, folded form or glob -- plus phrases, regexes, proximity
 * rules, vetoes and named groups. The matcher (match.h) applies them.
 */
#ifndef QCODE_LEXICON_H
#define QCODE_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "stem.h"
#include "util.h"

enum atom_kind {
	ATOM_STEM,  /* word: the token's stem (or its compound head's) equals */
	ATOM_EXACT, /* =word: the folded form (or the head's) equals */
	ATOM_GLOB,  /* glob with * and ?, on the whole folded form */
	ATOM_CUE,   /* a negation cue (from the shared cue file) */
};

/* A single-token test; identical tests are shared between rules. */
typedef struct atom {
	int kind;   /* enum atom_kind */
	char *text; /* stem, folded form or glob pattern */
} atom;

enum rule_kind {
	RULE_ATOM,   /* one atom */
	RULE_GROUP,  /* @name: any member of a group */
	RULE_PHRASE, /* "a b c": consecutive tokens */
	RULE_REGEX,  /* /re/flags on the normalised text */
	RULE_NEAR,   /* A NEAR/n B: within n words, either order, one sentence */
	RULE_BEFORE, /* A BEFORE/n B: B follows A within n words, one sentence */
};
/* NEAR/BEFORE with `exclude` set (A NOT NEAR/n B, A NOT BEFORE/n B): an
   occurrence of A counts where no B is in that window. */

/* An operand: an atom or a group. */
typedef struct operand {
	int atom;  /* atom index, or -1 */
	int group; /* group index, or -1 */
} operand;

/* The largest weight a rule may have: a theme's score, a sum of weights,
   is then always a finite number, which every output can write. */
#define LEXICON_MAX_WEIGHT 1000

typedef struct rule {
	int kind;          /* enum rule_kind */
	char *id;          /* stable id, unique in the theme (the rule text unless id= is given) */
	char *text;        /* the rule as written */
	double weight;     /* added to the theme's score when the rule matches */
	int notneg;        /* 1: does not count inside a negated clause */
	int veto;          /* 1: a veto -- the tokens it matches never count for the theme */
	int exclude;       /* NEAR/BEFORE: 1 when written NOT NEAR/NOT BEFORE -- A counts without B */
	operand a, b;      /* RULE_ATOM/GROUP use a; NEAR/BEFORE use a and b */
	int distance;      /* NEAR/BEFORE: at most this many words apart */
	int *seq;          /* RULE_PHRASE: atom indices */
	size_t nseq;       /* RULE_PHRASE: length */
	void *re;          /* RULE_REGEX: compiled pcre2_code */
	int line;          /* line in the lexicon file */
} rule;

/* The file of groups every theme of a directory may use. */
#define LEXICON_SHARED_GROUPS "shared.groups"
/* group.theme of a group every theme may use (shared.groups). */
#define GROUP_SHARED (-2)

typedef struct group {
	char *name;   /* without the @ */
	int *atoms;   /* member atoms */
	size_t n;     /* members */
	int theme;    /* file that defines it, or GROUP_SHARED (while parsing; -1 after finish) */
} group;

typedef struct theme {
	char *key;          /* e.g. "wetgeving" */
	char *label;        /* heading in reports, e.g. "Wetgeving" */
	char *description;  /* one sentence */
	char *file;         /* where it was read from */
	char hash[65];      /* SHA-256 of the file */
	double min_score;   /* the theme is coded when its score reaches this */
	rule *rules;        /* its rules, in file order */
	size_t nrules;      /* how many */
} theme;

enum neg_scope {
	NEG_CLAUSE, /* a cue negates its whole clause */
	NEG_AFTER,  /* a cue negates the rest of its clause */
};

typedef struct lexicon_set {
	theme *themes;     /* sorted by key after lexicon_set_finish() */
	size_t nthemes;
	atom *atoms;       /* every distinct atom */
	size_t natoms;
	size_t atoms_alloc;
	group *groups;
	size_t ngroups;
	int neg_scope;     /* enum neg_scope */
	stemmer *st;       /* borrowed: used to stem rule words */
	strbuf sources;    /* every file's name within its directory and bytes */
	char hash[65];     /* SHA-256 of sources, after finish: the same
			      wherever the directory is and however named */
	int has_regex;     /* any RULE_REGEX */
	int lang;          /* the labels' language (enum lang, lang.h): shared.groups' %lang, else Dutch */
	long lang_line;    /* the line of that %lang, or 0 */
	void *atom_index;  /* private: look-up of atoms by kind and text */
} lexicon_set;

/* An empty set; st is borrowed and must outlive the set. */
lexicon_set *lexicon_set_new(stemmer *st);
void lexicon_set_free(lexicon_set *set);

/*
 * Parse one theme from memory. name is used in messages and must end in
 * ".lex" when check_key is set (the key must match the file name).
 * Reports every problem as "name:line:col: ..." and returns -1 if any.
 */
int lexicon_parse_string(lexicon_set *set, const char *name, const char *text,
			 size_t len, int check_key);
/*
 * Parse shared groups: "%group NAME WORD..." lines (and comments) whose
 * groups every theme parsed afterwards may use as @NAME, and "%lang nl|en",
 * the language of the codeframe's labels and of its reports. A theme may
 * not define a group of the same name. Returns -1 after reporting problems.
 */
int lexicon_parse_groups(lexicon_set *set, const char *name, const char *text, size_t len);
/*
 * The language a shared groups file's "%lang nl|en" line gives (enum
 * lang), LANG_NL when it has none; -1 after reporting a bad value as
 * "name:line:col: ...".
 */
int lexicon_lang_of(const char *name, const char *text, size_t len);
/* Parse negation cues ("%scope clause|after" and one cue per line). */
int lexicon_parse_cues(lexicon_set *set, const char *name, const char *text, size_t len);
/* The default cues, used when a directory has no negation.cues. */
void lexicon_default_cues(lexicon_set *set);

/*
 * Resolve groups, sort themes, add rule words to the compounding
 * vocabulary and compute the hash. Returns -1 after reporting problems.
 */
int lexicon_set_finish(lexicon_set *set);

/*
 * Load DIR/shared.groups (when present), DIR/ *.lex and DIR/negation.cues
 * and finish. Returns NULL after
 * reporting every problem found.
 */
lexicon_set *lexicon_load_dir(const char *dir, stemmer *st);

/* The name of a lexicon file within its directory (borrowed from path). */
const char *lexicon_file_name(const char *path);

/* Index of the theme with this key, or -1. */
int lexicon_theme_index(const lexicon_set *set, const char *key);

/*
 * Add the words of a lexicon file's rules and groups to the compounding
 * vocabulary (not its comments, %label, %description, names or options);
 * done for every file before any is parsed, so that phrases split and
 * expand the way answers do.
 */
void lexicon_add_vocab(lexicon_set *set, const char *text, size_t len);

/* Name of a rule kind as written in `lexicon show` ("word", "phrase", ...). */
const char *lexicon_rule_kind_name(const lexicon_set *set, const rule *r);

#endif
