/*
 * survey: the question texts of a LimeSurvey survey from its structure
 * file, for the columns of its response export (which has only the
 * question codes): the survey structure (.lss, XML: LimeSurvey's "Export
 * survey structure (.lss)", documented in its manual under "Display/
 * Export survey") or the tab-separated structure (.txt: its "Tab-separated
 * values format (.txt)", the manual's "Excel/CSV survey structure").
 * Question texts are HTML there: tags are taken out, the common entities
 * decoded and spaces collapsed. A survey in several languages gives the
 * texts of its first.
 */
#ifndef QCODE_SURVEY_H
#define QCODE_SURVEY_H

#include <stddef.h>

typedef struct survey_questions {
	char **code;   /* question codes ("Q1"), sub-questions as "Q2[SQ001]" */
	char **text;   /* their texts */
	size_t n;
	char *last;    /* survey_question()'s last answer */
} survey_questions;

/* Load a .lss or .txt structure file into q (initialised to zeros).
   Returns 0, or -1 after reporting. Release q in every case. */
int survey_questions_load(survey_questions *q, const char *path);
void survey_questions_release(survey_questions *q);

/*
 * The label of a response column named col: the question text of its
 * code, and for "CODE[SUB]" the question's text with the sub-question's
 * ("Text - Sub"). NULL when the file has no such question. The text lives
 * until the next call or the release of q.
 */
const char *survey_question(survey_questions *q, const char *col);

/* Parse .lss XML from memory (name in messages); for tests. */
int survey_parse_lss(survey_questions *q, const char *name, const char *xml, size_t len);
/* Parse the tab-separated structure from memory; for tests. */
int survey_parse_txt(survey_questions *q, const char *name, const char *text, size_t len);

#endif
