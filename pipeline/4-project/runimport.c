/*
 * runimport: codes made elsewhere stored as a run (see runimport.h).
 */
#include "runimport.h"
#include "store.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "runstore.h"
#include "stem.h"

/* Records stored per transaction. */
#define IMPORT_BATCH 2048
/* Bytes of an evidence text shown in a message. */
#define SHOW_TEXT 60

/* Report "NAME:LINE: MSG" as bad input; returns -1. */
static int FMT_PRINTF(3, 4) bad(const char *name, long line, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set_code(EXIT_INPUT);
	return error_at(name, line, 0, NULL, 0, "%s", msg);
}

/* What a JSON value is, for messages. */
static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "text";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "true or false";
	default: return "null";
	}
}

void runimport_record_init(runimport_record *r) { memset(r, 0, sizeof(*r)); }

void runimport_record_release(runimport_record *r)
{
	json_decref(r->json);
	free(r->codes);
	free(r->ev);
	memset(r, 0, sizeof(*r));
}

/* The string value of an object's key; reports what is wrong with it
   (where names the object: "this record", "evidence 2"). */
static const char *need_string(json_t *obj, const char *key, const char *where, const char *name,
			       long line, size_t *len)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		bad(name, line, "no key '%s' in %s", key, where);
		return NULL;
	}
	if (!json_is_string(v)) {
		bad(name, line, "key '%s' of %s holds %s, not text", key, where, json_kind(v));
		return NULL;
	}
	if (len)
		*len = json_string_length(v);
	return json_string_value(v);
}

/* An object's key that must hold a whole number from 0 up. */
static int need_offset(json_t *obj, const char *key, const char *where, const char *name, long line,
		       long long *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return bad(name, line, "no key '%s' in %s", key, where);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return bad(name, line, "key '%s' of %s holds %s, not a byte offset", key, where,
			   json_is_integer(v) ? "a negative number" : json_kind(v));
	*out = json_integer_value(v);
	return 0;
}

/* The code of theme key in r, or NULL. */
static runimport_code *code_of(runimport_record *r, const char *key)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (!strcmp(r->codes[i].theme, key))
			return &r->codes[i];
	return NULL;
}

static int parse_codes(runimport_record *r, json_t *root, const char *name, long line)
{
	json_t *themes = json_object_get(root, "themes");
	json_t *scores = json_object_get(root, "scores");
	json_t *primary = json_object_get(root, "primary");
	if (!themes || !scores || !primary)
		return bad(name, line, "no key '%s' in this record (a coded answer as 'qcode code' writes it)",
			   !themes ? "themes" : !scores ? "scores" : "primary");
	if (!json_is_array(themes))
		return bad(name, line, "key 'themes' holds %s, not a list of themes", json_kind(themes));
	if (!json_is_object(scores))
		return bad(name, line, "key 'scores' holds %s, not an object", json_kind(scores));
	if (!json_is_string(primary) && !json_is_null(primary))
		return bad(name, line, "key 'primary' holds %s, not a theme or null", json_kind(primary));
	size_t i;
	json_t *v;
	json_array_foreach(themes, i, v) {
		if (!json_is_string(v))
			return bad(name, line, "theme %zu holds %s, not a theme's key", i + 1, json_kind(v));
		const char *key = json_string_value(v);
		if (code_of(r, key))
			return bad(name, line, "theme '%s' is listed twice", key);
		json_t *sc = json_object_get(scores, key);
		if (!sc)
			return bad(name, line, "theme '%s' has no score", key);
		if (!json_is_number(sc))
			return bad(name, line, "the score of theme '%s' holds %s, not a number", key,
				   json_kind(sc));
		ALLOC_GROW(r->codes, r->ncodes + 1, r->codes_alloc);
		r->codes[r->ncodes++] = (runimport_code){ key, json_number_value(sc), 0 };
	}
	const char *k;
	json_object_foreach(scores, k, v) {
		if (!code_of(r, k))
			return bad(name, line, "a score for theme '%s', which is not among its themes", k);
	}
	if (json_is_null(primary)) {
		if (r->ncodes)
			return bad(name, line, "it has themes but no primary theme");
		return 0;
	}
	runimport_code *p = code_of(r, json_string_value(primary));
	if (!p)
		return bad(name, line, "the primary theme '%s' is not among its themes",
			   json_string_value(primary));
	p->primary = 1;
	return 0;
}

static int parse_evidence(runimport_record *r, json_t *root, const char *name, long line)
{
	json_t *evs = json_object_get(root, "evidence");
	if (!evs)
		return bad(name, line, "no key 'evidence' in this record (a coded answer as 'qcode code' writes it)");
	if (!json_is_array(evs))
		return bad(name, line, "key 'evidence' holds %s, not a list", json_kind(evs));
	size_t i;
	json_t *e;
	json_array_foreach(evs, i, e) {
		char where[48];
		snprintf(where, sizeof(where), "evidence %zu", i + 1);
		if (!json_is_object(e))
			return bad(name, line, "%s holds %s, not an object", where, json_kind(e));
		runimport_ev ev;
		if (!(ev.theme = need_string(e, "theme", where, name, line, NULL)) ||
		    !(ev.rule = need_string(e, "rule", where, name, line, NULL)) ||
		    need_offset(e, "start", where, name, line, &ev.start) ||
		    need_offset(e, "end", where, name, line, &ev.end) ||
		    !(ev.text = need_string(e, "text", where, name, line, &ev.text_len)))
			return -1;
		if (ev.end < ev.start)
			return bad(name, line, "%s ends (%lld) before it starts (%lld)", where, ev.end, ev.start);
		if (!code_of(r, ev.theme))
			return bad(name, line, "%s is of theme '%s', which is not among its themes", where,
				   ev.theme);
		ALLOC_GROW(r->ev, r->nev + 1, r->ev_alloc);
		r->ev[r->nev++] = ev;
	}
	return 0;
}

static int parse_stamp(runimport_record *r, json_t *root, const char *name, long line)
{
	json_t *st = json_object_get(root, "stamp");
	if (!st)
		return 0;
	if (!json_is_object(st))
		return bad(name, line, "key 'stamp' holds %s, not an object", json_kind(st));
	if (!(r->lexicon = need_string(st, "lexicon", "the stamp", name, line, NULL)) ||
	    !(r->stemmer = need_string(st, "stemmer", "the stamp", name, line, NULL)) ||
	    !(r->qcode = need_string(st, "qcode", "the stamp", name, line, NULL)))
		return -1;
	return 0;
}

int runimport_parse(runimport_record *r, const char *name, long line, const char *s, size_t n)
{
	json_decref(r->json);
	r->json = NULL;
	r->line = line;
	r->id = NULL;
	r->id_len = 0;
	r->ncodes = r->nev = 0;
	r->lexicon = r->stemmer = r->qcode = NULL;
	json_error_t je;
	json_t *root = json_loadb(s, n, JSON_ALLOW_NUL, &je);
	if (!root)
		return bad(name, line, "not JSON: %s", je.text);
	r->json = root;
	if (!json_is_object(root))
		return bad(name, line, "a coded answer is a JSON object, not %s", json_kind(root));
	if (!(r->id = need_string(root, "id", "this record", name, line, &r->id_len)) ||
	    parse_codes(r, root, name, line) || parse_evidence(r, root, name, line) ||
	    parse_stamp(r, root, name, line))
		return -1;
	return 0;
}

void runimport_result_release(runimport_result *res)
{
	free(res->first_missing);
	memset(res, 0, sizeof(*res));
}

/* An import under way. */
typedef struct importer {
	db *d;
	const lexicon_set *set;
	const runimport_opts *o;
	runimport_result *res;
	strmap *rules;        /* per theme of set: its rule ids */
	/* the codeframe of the first record, which every record must share */
	int have_first;       /* a record was read */
	char *lexicon;        /* its stamp, or NULL (the lexicons here) */
	char *stemmer;
	char *qcode;
	long first_line;
	/* the run */
	long long run;        /* 0 until made */
	long long lex_id;     /* its lexicon version */
	int lex_created;      /* recorded by this import */
	runstore_writer w;
	sqlite3_stmt *answer; /* an answer by its id */
	/* problems counted to the end */
	long unknown, dups;
	char *first_unknown, *first_dup;
	long unknown_line, dup_line;
} importer;

/* The record's stamp fits: the lexicons' (unless forced), and the first
   record's. */
static int check_stamp(importer *im, const runimport_record *r)
{
	const char *name = im->o->name;
	if (!im->o->force_lexicons) {
		if (!r->lexicon)
			return bad(name, r->line,
				   "the codes of '%.*s' have no stamp, so what coded them is unknown: code with "
				   "'qcode code --stamp', or import with --force-lexicons",
				   (int)r->id_len, r->id);
		if (strcmp(r->lexicon, im->set->hash) || strcmp(r->stemmer, stem_description()))
			return bad(name, r->line,
				   "the codes were made with lexicons %s and stemmer '%s'; the lexicons here are "
				   "%s with stemmer '%s': code again with these, or import with --force-lexicons",
				   r->lexicon, r->stemmer, im->set->hash, stem_description());
	}
	if (!im->have_first) {
		im->have_first = 1;
		im->first_line = r->line;
		if (r->lexicon) {
			im->lexicon = xstrdup(r->lexicon);
			im->stemmer = xstrdup(r->stemmer);
			im->qcode = xstrdup(r->qcode);
		}
	} else if (!im->lexicon != !r->lexicon ||
		   (r->lexicon && (strcmp(r->lexicon, im->lexicon) || strcmp(r->stemmer, im->stemmer)))) {
		const char *one = "a run holds the codes of one codeframe";
		if (!r->lexicon)
			return bad(name, r->line, "the codes of '%.*s' have no stamp, those of line %ld were "
				   "made with lexicons %s: %s", (int)r->id_len, r->id, im->first_line,
				   im->lexicon, one);
		if (!im->lexicon)
			return bad(name, r->line, "the codes of '%.*s' were made with lexicons %s, those of "
				   "line %ld have no stamp: %s", (int)r->id_len, r->id, r->lexicon,
				   im->first_line, one);
		return bad(name, r->line, "the codes were made with lexicons %s (stemmer '%s'), those of "
			   "line %ld with %s (stemmer '%s'): %s", r->lexicon, r->stemmer, im->first_line,
			   im->lexicon, im->stemmer, one);
	}
	if (!r->lexicon)
		im->res->unstamped++;
	else if (strcmp(r->lexicon, im->set->hash) || strcmp(r->stemmer, stem_description()))
		im->res->other_stamp++;
	return 0;
}

/* The record's themes are the lexicons', its rules theirs (unless forced). */
static int check_codeframe(importer *im, const runimport_record *r)
{
	const char *name = im->o->name;
	for (size_t i = 0; i < r->ncodes; i++)
		if (lexicon_theme_index(im->set, r->codes[i].theme) < 0)
			return bad(name, r->line, "theme '%s' of '%.*s' is not a theme of the lexicons",
				   r->codes[i].theme, (int)r->id_len, r->id);
	if (im->o->force_lexicons)
		return 0;
	for (size_t e = 0; e < r->nev; e++) {
		int t = lexicon_theme_index(im->set, r->ev[e].theme);
		if (strmap_get(&im->rules[t], r->ev[e].rule, strlen(r->ev[e].rule)) < 0)
			return bad(name, r->line, "rule '%s' of '%.*s' is not a rule of theme '%s' in the lexicons",
				   r->ev[e].rule, (int)r->id_len, r->id, r->ev[e].theme);
	}
	return 0;
}

/* Every piece of evidence lies in text[0..len) and holds what it says. */
static int check_spans(importer *im, const runimport_record *r, const char *text, size_t len)
{
	for (size_t e = 0; e < r->nev; e++) {
		const runimport_ev *ev = &r->ev[e];
		if ((unsigned long long)ev->end > len)
			return bad(im->o->name, r->line,
				   "evidence %zu of '%.*s' (theme '%s', rule '%s') at bytes %lld-%lld lies outside "
				   "its text (%zu bytes): were the codes made from another text?",
				   e + 1, (int)r->id_len, r->id, ev->theme, ev->rule, ev->start, ev->end, len);
		size_t n = (size_t)(ev->end - ev->start);
		if (n != ev->text_len || memcmp(text + ev->start, ev->text, n))
			return bad(im->o->name, r->line,
				   "evidence %zu of '%.*s' (theme '%s', rule '%s') at bytes %lld-%lld is '%.*s' in "
				   "the record but '%.*s' in the answer: were the codes made from another text?",
				   e + 1, (int)r->id_len, r->id, ev->theme, ev->rule, ev->start, ev->end,
				   (int)(ev->text_len < SHOW_TEXT ? ev->text_len : SHOW_TEXT), ev->text,
				   (int)(n < SHOW_TEXT ? n : SHOW_TEXT), text + ev->start);
	}
	return 0;
}

/* Make the run under way, with the codeframe of the first record. */
static int start_run(importer *im)
{
	db *d = im->d;
	if (db_writable(d) || db_begin_patient(d))
		return -1;
	strbuf files;
	sb_init(&files);
	if (!im->lexicon || !strcmp(im->lexicon, im->set->hash))
		runstore_files_json(&files, im->set);
	else
		sb_adds(&files, "[]"); /* files not known here */
	long long run = runstore_next_id(d);
	im->lex_id = run < 0 ? -1
		: runstore_lexicon_version(d, im->lexicon ? im->lexicon : im->set->hash,
					   im->stemmer ? im->stemmer : stem_description(), files.buf,
					   &im->lex_created);
	sb_release(&files);
	const char *version = im->qcode ? im->qcode : im->o->qcode_version;
	if (im->lex_id < 0 || runstore_create(d, run, im->lex_id, 0, version, im->set) || db_commit(d)) {
		im->lex_created = 0;
		db_rollback(d);
		return -1;
	}
	im->run = run;
	snprintf(im->res->lexicon, sizeof(im->res->lexicon), "%s",
		 im->lexicon ? im->lexicon : im->set->hash);
	if (runstore_writer_init(&im->w, d, run))
		return -1;
	im->answer = db_prepare(d, "SELECT id, text FROM answers WHERE ext_id = ?");
	return im->answer ? 0 : -1;
}

/* Note a problem counted to the end: its first id and line. */
static void note(long *count, char **first, long *first_line, const runimport_record *r)
{
	if (!(*count)++) {
		*first = xstrndup(r->id, r->id_len);
		*first_line = r->line;
	}
}

/* Store recs[0..n) in one short transaction. */
static int store_batch(importer *im, runimport_record *recs, size_t n)
{
	db *d = im->d;
	if (!im->run && start_run(im))
		return -1;
	if (db_begin_patient(d))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const runimport_record *r = &recs[i];
		sqlite3_bind_text(im->answer, 1, r->id, (int)r->id_len, SQLITE_STATIC);
		int rc = sqlite3_step(im->answer);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(im->answer);
			if (rc != SQLITE_DONE) {
				db_error(d, "cannot read answers");
				goto fail;
			}
			note(&im->unknown, &im->first_unknown, &im->unknown_line, r);
			continue;
		}
		long long answer = sqlite3_column_int64(im->answer, 0);
		int bad_span = check_spans(im, r, (const char *)sqlite3_column_text(im->answer, 1),
					   (size_t)sqlite3_column_bytes(im->answer, 1));
		sqlite3_reset(im->answer);
		if (bad_span)
			goto fail;
		int fresh = runstore_answer(&im->w, answer);
		if (fresh < 0)
			goto fail;
		if (!fresh) {
			note(&im->dups, &im->first_dup, &im->dup_line, r);
			continue;
		}
		for (size_t c = 0; c < r->ncodes; c++)
			if (runstore_code(&im->w, answer, r->codes[c].theme, r->codes[c].score,
					  r->codes[c].primary))
				goto fail;
		for (size_t e = 0; e < r->nev; e++)
			if (runstore_evidence(&im->w, answer, r->ev[e].theme, r->ev[e].rule, r->ev[e].start,
					      r->ev[e].end))
				goto fail;
		im->res->answers++;
		im->res->with_theme += r->ncodes > 0;
	}
	return db_commit(d);
fail:
	db_rollback(d);
	return -1;
}

/* The answers of the project the run did not code: their number, and the
   first in import order. */
static int count_missing(importer *im)
{
	sqlite3_stmt *st = db_prepare(im->d,
		"SELECT count(*), (SELECT ext_id FROM answers a WHERE NOT EXISTS"
		"   (SELECT 1 FROM coded c WHERE c.answer_id = a.id AND c.run_id = ?1) ORDER BY a.id LIMIT 1)"
		" FROM answers a WHERE NOT EXISTS"
		"   (SELECT 1 FROM coded c WHERE c.answer_id = a.id AND c.run_id = ?1)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, im->run);
	int ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok) {
		im->res->missing = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			im->res->first_missing = xstrdup((const char *)sqlite3_column_text(st, 1));
	} else {
		db_error(im->d, "cannot read answers");
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* What was counted to the end, reported; -1 when there was any. */
static int report_counted(importer *im)
{
	const char *name = im->o->name;
	error_set_code(EXIT_INPUT);
	if (im->unknown)
		error("%s: %ld id%s %s not answer%s of the project '%s' (the first: '%s', line %ld): "
		      "import codes into the project whose answers were coded",
		      name, im->unknown, plural_s(im->unknown), im->unknown == 1 ? "is" : "are",
		      plural_s(im->unknown), db_path(im->d), im->first_unknown, im->unknown_line);
	if (im->dups)
		error("%s: %ld answer%s %s coded more than once (the first: '%s', again at line %ld): "
		      "was a block coded twice?",
		      name, im->dups, plural_s(im->dups), im->dups == 1 ? "is" : "are", im->first_dup,
		      im->dup_line);
	return im->unknown || im->dups ? -1 : 0;
}

/* Take back the run and a lexicon version only it recorded. */
static void remove_run(importer *im)
{
	db *d = im->d;
	db_rollback(d);
	if (!im->run)
		return;
	int ok = db_begin_patient(d) == 0 && runstore_delete(d, im->run) == 0;
	if (ok && im->lex_created) {
		sqlite3_stmt *st = db_prepare(d, "DELETE FROM lexicon_versions WHERE id = ?1 AND NOT EXISTS"
						 " (SELECT 1 FROM runs WHERE lexicon_id = ?1)");
		if (st) {
			sqlite3_bind_int64(st, 1, im->lex_id);
			ok = sqlite3_step(st) == SQLITE_DONE;
			sqlite3_finalize(st);
		} else {
			ok = 0;
		}
	}
	/* when it cannot now, the next `qcode code` removes it (its lock is gone) */
	if (!ok || db_commit(d))
		db_rollback(d);
}

/* Read f into batches, check and store them. */
static int read_all(importer *im, FILE *f, runimport_record *recs)
{
	const char *name = im->o->name;
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;
	errno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		char *s = line;
		if (lineno == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			len -= 3;
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		size_t blank = 0;
		while (blank < (size_t)len && (s[blank] == ' ' || s[blank] == '\t'))
			blank++;
		if (blank == (size_t)len)
			continue;
		if ((size_t)len > READ_MAX_RECORD) {
			rc = bad(name, lineno, "line of %zd bytes is over the limit of %u MiB", len,
				 READ_MAX_RECORD >> 20);
			break;
		}
		runimport_record *r = &recs[n];
		read_at at = { name, lineno, NULL, 0, NULL, READ_RECORD };
		if (read_check(NULL, &at, s, (size_t)len, NULL, NULL, NULL) ||
		    runimport_parse(r, name, lineno, s, (size_t)len) || check_stamp(im, r) ||
		    check_codeframe(im, r)) {
			rc = -1;
			break;
		}
		if (++n == IMPORT_BATCH) {
			if (store_batch(im, recs, n)) {
				rc = -1;
				break;
			}
			n = 0;
		}
		errno = 0;
	}
	if (!rc && ferror(f)) {
		error_set_code(EXIT_IO);
		rc = error("cannot read '%s': %s", name, strerror(errno ? errno : EIO));
	}
	if (!rc && n && store_batch(im, recs, n))
		rc = -1;
	free(line);
	return rc;
}

int runimport_file(db *d, const lexicon_set *set, FILE *f, const runimport_opts *o,
		   runimport_result *res)
{
	memset(res, 0, sizeof(*res));
	importer im;
	memset(&im, 0, sizeof(im));
	im.d = d;
	im.set = set;
	im.o = o;
	im.res = res;
	im.rules = xcalloc(set->nthemes ? set->nthemes : 1, sizeof(strmap));
	for (size_t t = 0; t < set->nthemes; t++) {
		strmap_init(&im.rules[t], set->themes[t].nrules);
		for (size_t r = 0; r < set->themes[t].nrules; r++)
			if (strmap_get(&im.rules[t], set->themes[t].rules[r].id,
				       strlen(set->themes[t].rules[r].id)) < 0)
				strmap_put(&im.rules[t], set->themes[t].rules[r].id, (int)r);
	}
	runimport_record *recs = xcalloc(IMPORT_BATCH, sizeof(*recs));
	int rc = read_all(&im, f, recs);
	if (!rc)
		rc = report_counted(&im);
	if (!rc && !res->answers) {
		error_set_code(EXIT_INPUT);
		rc = error("%s: there are no coded answers in it", o->name);
	}
	if (!rc)
		rc = count_missing(&im);
	if (!rc && res->missing && !o->allow_missing) {
		error_set_code(EXIT_INPUT);
		rc = error("%s: %ld answer%s of the project %s no codes in it (the first: '%s'): was a "
			   "block of the coding lost? code %s too, or import with --allow-missing to make a "
			   "run of the answers that are there",
			   o->name, res->missing, plural_s(res->missing), res->missing == 1 ? "has" : "have",
			   res->first_missing, res->missing == 1 ? "it" : "them");
	}
	/* the finish: the run becomes the answers' latest */
	if (!rc)
		rc = runstore_finish(d, im.run, res->answers, res->missing > 0);
	if (!rc)
		res->run = im.run;
	runstore_writer_release(&im.w);
	sqlite3_finalize(im.answer);
	if (rc)
		remove_run(&im);
	for (size_t i = 0; i < IMPORT_BATCH; i++)
		runimport_record_release(&recs[i]);
	free(recs);
	for (size_t t = 0; t < set->nthemes; t++)
		strmap_release(&im.rules[t]);
	free(im.rules);
	free(im.lexicon);
	free(im.stemmer);
	free(im.qcode);
	free(im.first_unknown);
	free(im.first_dup);
	if (rc)
		runimport_result_release(res);
	return rc;
}
