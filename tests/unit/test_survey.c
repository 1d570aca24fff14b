/*
 * test_survey: LimeSurvey question texts from a survey structure (.lss,
 * both the LimeSurvey 3 layout with the text in the question row and the
 * later one with question_l10ns) and from the tab-separated structure
 * (.txt): HTML taken out, the first language's text, sub-questions as
 * "Q2[SQ001]"; an XML bomb and a file that is neither refused.
 */
#include "unit.h"
#include "survey.h"

static const char *const LSS3 =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>"
	"<languages><language>nl</language><language>en</language></languages>"
	"<questions><fields><fieldname>qid</fieldname></fields><rows>"
	"<row><qid><![CDATA[11]]></qid><parent_qid><![CDATA[0]]></parent_qid><title><![CDATA[Q1]]></title>"
	"<question><![CDATA[<p>Waarom is <b>Digitaal 2017</b> niet&nbsp;gehaald?</p>]]></question><language><![CDATA[nl]]></language></row>"
	"<row><qid><![CDATA[11]]></qid><parent_qid><![CDATA[0]]></parent_qid><title><![CDATA[Q1]]></title>"
	"<question><![CDATA[Why was it not reached?]]></question><language><![CDATA[en]]></language></row>"
	"<row><qid><![CDATA[12]]></qid><parent_qid><![CDATA[0]]></parent_qid><title><![CDATA[Q2]]></title>"
	"<question><![CDATA[Hoe belangrijk is &amp; was:]]></question><language><![CDATA[nl]]></language></row>"
	"</rows></questions>"
	"<subquestions><rows><row><qid><![CDATA[13]]></qid><parent_qid><![CDATA[12]]></parent_qid><title><![CDATA[SQ001]]></title>"
	"<question><![CDATA[Kennis]]></question><language><![CDATA[nl]]></language></row></rows></subquestions></document>";

static const char *const LSS5 =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><languages><language>nl</language></languages>"
	"<questions><rows><row><qid>21</qid><parent_qid>0</parent_qid><title>open</title></row></rows></questions>"
	"<question_l10ns><rows><row><id>1</id><qid>21</qid><question>Wat ging er mis?</question><language>nl</language></row>"
	"</rows></question_l10ns></document>";

static void test_survey__lss(void **state)
{
	(void)state;
	survey_questions q;
	memset(&q, 0, sizeof(q));
	assert_int_equal(survey_parse_lss(&q, "s.lss", LSS3, strlen(LSS3)), 0);
	assert_string_equal(survey_question(&q, "Q1"), "Waarom is Digitaal 2017 niet gehaald?");
	assert_string_equal(survey_question(&q, "Q2[SQ001]"), "Hoe belangrijk is & was: - Kennis");
	assert_string_equal(survey_question(&q, "Q2[SQ009]"), "Hoe belangrijk is & was: - SQ009");
	assert_null(survey_question(&q, "Q3"));
	survey_questions_release(&q);
	assert_int_equal(survey_parse_lss(&q, "s.lss", LSS5, strlen(LSS5)), 0);
	assert_string_equal(survey_question(&q, "open"), "Wat ging er mis?");
	survey_questions_release(&q);
}

static void test_survey__txt(void **state)
{
	(void)state;
	static const char *const txt =
		"id\trelated_id\tclass\ttype/scale\tname\trelevance\ttext\thelp\tlanguage\r\n"
		"\t\tS\t\tsid\t\t123\t\t\r\n"
		"1\t\tG\t\tAlgemeen\t1\t\t\tnl\r\n"
		"11\t\tQ\tT\tQ1\t1\t\"<p>Waarom is het \"\"niet\"\" gehaald?</p>\"\t\tnl\r\n"
		"12\t\tQ\tF\tQ2\t1\tHoe belangrijk?\t\tnl\r\n"
		"13\t\tSQ\t0\tSQ001\t\tKennis\t\tnl\r\n"
		"11\t\tQ\tT\tQ1\t1\tWhy?\t\ten\r\n";
	survey_questions q;
	memset(&q, 0, sizeof(q));
	assert_int_equal(survey_parse_txt(&q, "s.txt", txt, strlen(txt)), 0);
	assert_string_equal(survey_question(&q, "Q1"), "Waarom is het \"niet\" gehaald?");
	assert_string_equal(survey_question(&q, "Q2[SQ001]"), "Hoe belangrijk? - Kennis");
	survey_questions_release(&q);
}

static void test_survey__refused(void **state)
{
	(void)state;
	static const char *const bomb =
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
		"<document>&b;</document>";
	survey_questions q;
	memset(&q, 0, sizeof(q));
	capture_start();
	assert_int_equal(survey_parse_lss(&q, "s.lss", bomb, strlen(bomb)), -1);
	assert_string_equal(capture_text(), "qcode: error: s.lss: a document type declaration, which no LimeSurvey"
					    " file has (entity declarations are refused: an XML bomb?)\n");
	capture_stop();
	capture_start();
	assert_int_equal(survey_parse_txt(&q, "s.txt", "a\tb\n1\t2\n", 8), -1);
	assert_string_equal(capture_text(), "qcode: error: s.txt:1: not a LimeSurvey tab-separated survey structure"
					    " (no class, name and text columns)\n");
	capture_stop();
	survey_questions_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_survey__lss),
		cmocka_unit_test(test_survey__txt),
		cmocka_unit_test(test_survey__refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
