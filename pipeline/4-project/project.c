/*
 * project: answers, themes, groups, questions and runs of a project (see
 * project.h).
 */
#include "project.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "stem.h"

/* ---- themes ---- */

static void theme_add(theme_list *t, const char *key, const char *label)
{
	t->keys = xrealloc(t->keys, (t->n + 1) * sizeof(*t->keys));
	t->labels = xrealloc(t->labels, (t->n + 1) * sizeof(*t->labels));
	t->keys[t->n] = xstrdup(key);
	t->labels[t->n] = xstrdup(label);
	t->n++;
}

void theme_list_release(theme_list *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->keys[i]);
		free(t->labels[i]);
	}
	free(t->keys);
	free(t->labels);
	memset(t, 0, sizeof(*t));
}

int theme_list_index(const theme_list *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->keys[i], key))
			return (int)i;
	return -1;
}

/* Add the themes (key, label) that st's rows give and t lacks. */
static int themes_from(db *d, theme_list *t, sqlite3_stmt *st)
{
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (theme_list_index(t, COL_TEXT(st, 0)) < 0)
			theme_add(t, COL_TEXT(st, 0), COL_TEXT(st, 1));
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : db_error(d, "cannot read the themes");
}

int project_themes(db *d, const char *lex_dir, theme_list *t)
{
	memset(t, 0, sizeof(*t));
	sqlite3_stmt *latest = NULL, *of_run = NULL, *in_force = NULL, *decided = NULL;
	int rc = -1;
	latest = db_prepare(d, "SELECT coalesce(max(id), 0) FROM runs WHERE finished IS NOT NULL");
	of_run = db_prepare(d, "SELECT key, label FROM run_themes WHERE run_id = ? ORDER BY idx");
	/* the runs that coded some answer last, latest first */
	in_force = db_prepare(d, "SELECT DISTINCT run_id FROM latest_runs ORDER BY run_id DESC");
	/* the themes of live adds, each with the label of the latest
	   finished run that has it, else its key */
	decided = db_prepare(d,
		"SELECT k.theme, coalesce((SELECT rt.label FROM run_themes rt JOIN runs r ON r.id = rt.run_id"
		" WHERE rt.key = k.theme AND r.finished IS NOT NULL ORDER BY rt.run_id DESC LIMIT 1), k.theme)"
		" FROM (SELECT DISTINCT theme FROM live_decisions WHERE action = 'add') k ORDER BY k.theme");
	if (!latest || !of_run || !in_force || !decided)
		goto out;
	long long run = sqlite3_step(latest) == SQLITE_ROW ? sqlite3_column_int64(latest, 0) : 0;
	if (run) {
		sqlite3_bind_int64(of_run, 1, run);
		if (themes_from(d, t, of_run))
			goto out;
	} else if (lex_dir) {
		/* nothing coded yet: the lexicons' themes to decide with */
		stemmer *sm = stem_new(NULL);
		lexicon_set *set = sm ? lexicon_load_dir(lex_dir, sm) : NULL;
		for (size_t i = 0; set && i < set->nthemes; i++)
			theme_add(t, set->themes[i].key, set->themes[i].label);
		lexicon_set_free(set);
		stem_free(sm);
	}
	long long *runs = NULL;
	size_t nruns = 0, alloc = 0;
	int step;
	while ((step = sqlite3_step(in_force)) == SQLITE_ROW) {
		ALLOC_GROW(runs, nruns + 1, alloc);
		runs[nruns++] = sqlite3_column_int64(in_force, 0);
	}
	int bad = step != SQLITE_DONE;
	if (bad)
		db_error(d, "cannot read the themes");
	for (size_t i = 0; !bad && i < nruns; i++) {
		if (runs[i] == run)
			continue;
		sqlite3_bind_int64(of_run, 1, runs[i]);
		bad = themes_from(d, t, of_run);
	}
	free(runs);
	if (bad || themes_from(d, t, decided))
		goto out;
	rc = 0;
out:
	sqlite3_finalize(latest);
	sqlite3_finalize(of_run);
	sqlite3_finalize(in_force);
	sqlite3_finalize(decided);
	return rc;
}

/* ---- answers ---- */

int project_answers_load(db *d, project_answers *a)
{
	memset(a, 0, sizeof(*a));
	strmap_init(&a->by_ext, 16);
	sqlite3_stmt *st = db_prepare(d, "SELECT id, ext_id, text FROM answers ORDER BY id");
	if (!st)
		return -1;
	size_t alloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (a->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			a->ids = xrealloc(a->ids, alloc * sizeof(*a->ids));
			a->ext = xrealloc(a->ext, alloc * sizeof(*a->ext));
			a->text = xrealloc(a->text, alloc * sizeof(*a->text));
		}
		a->ids[a->n] = sqlite3_column_int64(st, 0);
		a->ext[a->n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->text[a->n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		strmap_put(&a->by_ext, a->ext[a->n], (int)a->n);
		a->n++;
	}
	int rc = sqlite3_finalize(st) == SQLITE_OK ? 0 : db_error(d, "cannot read the answers");
	a->in = xmalloc(a->n + 1);
	memset(a->in, 1, a->n + 1);
	return rc;
}

void project_answers_release(project_answers *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->ext[i]);
		free(a->text[i]);
	}
	free(a->ids);
	free(a->ext);
	free(a->text);
	free(a->in);
	strmap_release(&a->by_ext);
	memset(a, 0, sizeof(*a));
}

long long project_answer_id(db *d, const char *ext_id)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT id FROM answers WHERE ext_id = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
	long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return id;
}

long project_answer_index(const project_answers *a, long long id)
{
	return ids_find(a->ids, a->n, id);
}

int project_where(db *d, project_answers *a, const char *cond)
{
	const char *eq = strchr(cond, '=');
	if (!eq || eq == cond) {
		error_set_code(EXIT_USAGE);
		return error("--where takes COLUMN=VALUE, not '%s'", cond);
	}
	char *col = xstrndup(cond, (size_t)(eq - cond));
	sqlite3_stmt *st = db_prepare(d,
		"SELECT answer_id, coalesce(value, '') = ? FROM attributes WHERE name = ? COLLATE NOCASE");
	if (!st) {
		free(col);
		return -1;
	}
	sqlite3_bind_text(st, 1, eq + 1, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	unsigned char *match = xcalloc(a->n + 1, 1);
	long rows = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long i = project_answer_index(a, sqlite3_column_int64(st, 0));
		rows++;
		if (i >= 0 && sqlite3_column_int(st, 1))
			match[i] = 1;
	}
	sqlite3_finalize(st);
	int rc = 0;
	if (!rows) {
		strbuf cols;
		sb_init(&cols);
		st = db_prepare(d, "SELECT DISTINCT name FROM attributes ORDER BY name");
		while (st && sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&cols, "%s%s", cols.len ? ", " : "", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		error_set_code(EXIT_USAGE);
		rc = error("--where %s: the project has no column '%s' (its columns: %s)", cond, col,
			   cols.len ? cols.buf : "none; import with --group COL");
		sb_release(&cols);
	}
	for (size_t i = 0; i < a->n; i++)
		a->in[i] &= match[i];
	free(match);
	free(col);
	return rc;
}

void project_latest_run(db *d, long long *run, char hash[16])
{
	*run = 0;
	snprintf(hash, 16, "-");
	sqlite3_stmt *st = db_prepare(d,
		"SELECT r.id, substr(l.hash, 1, 12) FROM runs r JOIN lexicon_versions l ON l.id = r.lexicon_id"
		" WHERE r.finished IS NOT NULL ORDER BY r.id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		*run = sqlite3_column_int64(st, 0);
		snprintf(hash, 16, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
}

char *project_question(db *d)
{
	char *question = NULL;
	sqlite3_stmt *st = db_prepare(d,
		"SELECT label FROM questions WHERE role = 'text' ORDER BY import_id DESC LIMIT 1");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		question = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return question;
}

/* Step st to its end, calling row(st, ctx) for each row until it returns
   not 0; finalizes st. Returns what row returned, 0, or -1 after
   reporting (what: the message's context). */
static int each_row(db *d, sqlite3_stmt *st, const char *what, int (*row)(sqlite3_stmt *st, void *ctx),
		    void *ctx)
{
	if (!st)
		return -1;
	int rc = 0, step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = row(st, ctx);
	if (!rc && step != SQLITE_DONE)
		rc = db_error(d, what);
	sqlite3_finalize(st);
	return rc;
}

/* A callback and its context, for each_row. */
typedef struct call_of {
	void *fn;
	void *ctx;
} call_of;

static int answer_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(const char *, size_t, const char *, size_t, void *) = c->fn;
	return fn(COL_TEXT(st, 0), (size_t)sqlite3_column_bytes(st, 0), COL_TEXT(st, 1),
		  (size_t)sqlite3_column_bytes(st, 1), c->ctx);
}

int project_answers_each(db *d, int only_new,
			 int (*fn)(const char *ext, size_t ext_len, const char *text, size_t text_len,
				   void *ctx),
			 void *ctx)
{
	call_of c = { (void *)fn, ctx };
	return each_row(d, db_prepare(d, only_new
		? "SELECT ext_id, text FROM answers a WHERE NOT EXISTS"
		  " (SELECT 1 FROM latest_runs l WHERE l.answer_id = a.id) ORDER BY id"
		: "SELECT ext_id, text FROM answers ORDER BY id"), "cannot read answers", answer_row, &c);
}

int project_texts_each(db *d, const long long *ids, size_t n,
		       int (*fn)(size_t i, const char *text, size_t len, void *ctx), void *ctx)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT text FROM answers WHERE id = ?");
	if (!st)
		return -1;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW)
			rc = fn(i, COL_TEXT(st, 0), (size_t)sqlite3_column_bytes(st, 0), ctx);
		else if (step != SQLITE_DONE)
			rc = db_error(d, "cannot read the answers");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- group variables and question texts ---- */

typedef struct names_of {
	char **names;
	size_t n, alloc;
} names_of;

static int name_row(sqlite3_stmt *st, void *ctx)
{
	names_of *x = ctx;
	ALLOC_GROW(x->names, x->n + 1, x->alloc);
	x->names[x->n++] = xstrdup(COL_TEXT(st, 0));
	return 0;
}

/* The first column of every row of sql (text, bound to arg when not NULL). */
static int names_query(db *d, const char *sql, const char *arg, const char *what, char ***names,
		       size_t *n)
{
	names_of x = { NULL, 0, 0 };
	sqlite3_stmt *st = db_prepare(d, sql);
	if (st && arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	int rc = each_row(d, st, what, name_row, &x);
	if (rc) {
		for (size_t i = 0; i < x.n; i++)
			free(x.names[i]);
		free(x.names);
		x.names = NULL;
		x.n = 0;
	}
	*names = x.names;
	*n = x.n;
	return rc;
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int project_groups(db *d, char ***names, size_t *n)
{
	return names_query(d, "SELECT DISTINCT name FROM attributes ORDER BY name", NULL,
			   "cannot read the group variables", names, n);
}

int project_has_group(db *d, const char *name, strbuf *names)
{
	char **all;
	size_t n;
	if (project_groups(d, &all, &n))
		return -1;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		found |= !strcasecmp(all[i], name); /* as import finds the column */
		sb_addf(names, "%s%s", names->len ? ", " : "", all[i]);
	}
	names_free(all, n);
	return found;
}

static int attribute_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(long long, const char *, const char *, void *) = c->fn;
	return fn(sqlite3_column_int64(st, 0), COL_TEXT(st, 1), COL_TEXT(st, 2), c->ctx);
}

int project_attributes_each(db *d, const char *name,
			    int (*fn)(long long answer, const char *name, const char *value, void *ctx),
			    void *ctx)
{
	call_of c = { (void *)fn, ctx };
	sqlite3_stmt *st = db_prepare(d, "SELECT answer_id, name, value FROM attributes"
					 " WHERE ?1 IS NULL OR name = ?1 COLLATE NOCASE ORDER BY answer_id, name");
	if (st && name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return each_row(d, st, "cannot read the group variables", attribute_row, &c);
}

static int take_value(long long answer, const char *name, const char *value, void *ctx)
{
	(void)name;
	group_values *g = ctx;
	if (g->n + 1 > g->alloc) {
		g->alloc = (g->n + 1) * 2;
		g->ids = xrealloc(g->ids, g->alloc * sizeof(*g->ids));
		g->values = xrealloc(g->values, g->alloc * sizeof(*g->values));
	}
	g->ids[g->n] = answer;
	g->values[g->n++] = value ? xstrdup(value) : NULL;
	return 0;
}

int project_group_values(db *d, const char *name, group_values *g)
{
	memset(g, 0, sizeof(*g));
	return project_attributes_each(d, name, take_value, g);
}

const char *group_value_of(group_values *g, long long id)
{
	while (g->next < g->n && g->ids[g->next] < id)
		g->next++;
	return g->next < g->n && g->ids[g->next] == id ? g->values[g->next] : NULL;
}

void group_values_release(group_values *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->values[i]);
	free(g->values);
	free(g->ids);
	memset(g, 0, sizeof(*g));
}

char *project_question_of(db *d, const char *role, const char *name)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT label FROM questions WHERE role = ?1 AND (?2 IS NULL OR name = ?2)"
					 " ORDER BY import_id DESC LIMIT 1");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
	if (name)
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	char *v = sqlite3_step(st) == SQLITE_ROW ? xstrdup(COL_TEXT(st, 0)) : NULL;
	sqlite3_finalize(st);
	return v;
}

/* ---- runs and decisions ---- */

static int run_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(const project_run *, void *) = c->fn;
	project_run r;
	r.id = sqlite3_column_int64(st, 0);
	r.started = COL_TEXT(st, 1);
	r.finished = COL_TEXT(st, 2);
	/* a run under way: the answers stored so far */
	r.answers = r.finished ? sqlite3_column_int(st, 3) : sqlite3_column_int(st, 8);
	r.with_theme = sqlite3_column_int(st, 4);
	r.lexicon = COL_TEXT(st, 5);
	r.stemmer = COL_TEXT(st, 6);
	r.only_new = sqlite3_column_int(st, 7);
	return fn(&r, c->ctx);
}

int project_runs_each(db *d, int (*fn)(const project_run *r, void *ctx), void *ctx)
{
	call_of c = { (void *)fn, ctx };
	return each_row(d, db_prepare(d,
		"SELECT r.id, r.started, r.finished, r.answers,"
		" (SELECT count(DISTINCT answer_id) FROM codes c WHERE c.run_id = r.id),"
		" substr(l.hash, 1, 12), l.stemmer, r.only_new,"
		" CASE WHEN r.finished IS NULL THEN (SELECT count(*) FROM coded c WHERE c.run_id = r.id) END"
		" FROM runs r"
		" JOIN lexicon_versions l ON l.id = r.lexicon_id ORDER BY r.id"), "cannot read the runs", run_row, &c);
}

static int machine_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(long long, long long, const char *, double, int, void *) = c->fn;
	return fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), COL_TEXT(st, 2),
		  sqlite3_column_double(st, 3), sqlite3_column_int(st, 4), c->ctx);
}

int project_machine_each(db *d,
			 int (*fn)(long long answer, long long run, const char *theme, double score,
				   int primary, void *ctx),
			 void *ctx)
{
	call_of c = { (void *)fn, ctx };
	/* (as the view machine_codes, with the answers it coded with none) */
	return each_row(d, db_prepare(d,
		"SELECT l.answer_id, l.run_id, c.theme, c.score, c.is_primary FROM latest_runs l"
		" LEFT JOIN codes c ON c.run_id = l.run_id AND c.answer_id = l.answer_id ORDER BY l.answer_id"),
		"cannot read the codes", machine_row, &c);
}

static int rule_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(long long, const char *, const char *, void *) = c->fn;
	return fn(sqlite3_column_int64(st, 0), COL_TEXT(st, 1), COL_TEXT(st, 2), c->ctx);
}

int project_rules_each(db *d, int (*fn)(long long answer, const char *theme, const char *rule, void *ctx),
		       void *ctx)
{
	call_of c = { (void *)fn, ctx };
	return each_row(d, db_prepare(d,
		"SELECT DISTINCT e.answer_id, e.theme, e.rule_id FROM evidence e JOIN latest_runs l"
		" ON l.answer_id = e.answer_id AND l.run_id = e.run_id"),
		"cannot read the evidence", rule_row, &c);
}

int project_run_finished(db *d, long long run)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT 1 FROM runs WHERE id = ? AND finished IS NOT NULL");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	int step = sqlite3_step(st);
	int rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : db_error(d, "cannot read the runs");
	sqlite3_finalize(st);
	return rc;
}

static int diff_row(sqlite3_stmt *st, void *ctx)
{
	call_of *c = ctx;
	int (*fn)(const char *const *, const size_t *, void *) = c->fn;
	const char *col[3];
	size_t len[3];
	for (int i = 0; i < 3; i++) {
		col[i] = COL_TEXT(st, i);
		len[i] = (size_t)sqlite3_column_bytes(st, i);
	}
	return fn(col, len, c->ctx);
}

int project_diff(db *d, long long a, long long b,
		 int (*fn)(const char *const col[3], const size_t len[3], void *ctx), void *ctx)
{
	/* per answer coded by both runs: its themes (primary marked with *) in each */
	sqlite3_stmt *st = db_prepare(d,
		"WITH a AS (SELECT answer_id, group_concat(theme || CASE WHEN is_primary THEN '*' ELSE '' END, ';') AS t"
		"           FROM (SELECT * FROM codes WHERE run_id = ?1 ORDER BY theme) GROUP BY answer_id),"
		"     b AS (SELECT answer_id, group_concat(theme || CASE WHEN is_primary THEN '*' ELSE '' END, ';') AS t"
		"           FROM (SELECT * FROM codes WHERE run_id = ?2 ORDER BY theme) GROUP BY answer_id)"
		" SELECT an.ext_id, coalesce(a.t, ''), coalesce(b.t, '') FROM answers an"
		" JOIN coded ca ON ca.answer_id = an.id AND ca.run_id = ?1"
		" JOIN coded cb ON cb.answer_id = an.id AND cb.run_id = ?2"
		" LEFT JOIN a ON a.answer_id = an.id LEFT JOIN b ON b.answer_id = an.id"
		" WHERE coalesce(a.t, '') <> coalesce(b.t, '') ORDER BY an.id");
	if (st) {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
	}
	call_of c = { (void *)fn, ctx };
	return each_row(d, st, "cannot compare the runs", diff_row, &c);
}

int project_latest_run_info(db *d, project_run_info *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->hash, sizeof(r->hash), "-");
	sqlite3_stmt *st = db_prepare(d,
		"SELECT r.id, l.hash, l.stemmer, r.finished, r.qcode_version FROM runs r"
		" JOIN lexicon_versions l ON l.id = r.lexicon_id WHERE r.finished IS NOT NULL"
		" ORDER BY r.id DESC LIMIT 1");
	if (!st)
		return -1;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		snprintf(r->hash, sizeof(r->hash), "%.12s", COL_TEXT(st, 1));
		r->stemmer = xstrdup(COL_TEXT(st, 2));
		r->finished = xstrdup(COL_TEXT(st, 3));
		r->version = xstrdup(COL_TEXT(st, 4));
	}
	sqlite3_finalize(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_error(d, "cannot read the runs");
}

void project_run_info_release(project_run_info *r)
{
	free(r->stemmer);
	free(r->finished);
	free(r->version);
	memset(r, 0, sizeof(*r));
}

int project_stats_get(db *d, project_stats *s)
{
	memset(s, 0, sizeof(*s));
	sqlite3_stmt *st = db_prepare(d,
		"SELECT (SELECT count(*) FROM answers), (SELECT coalesce(sum(empty), 0) FROM answers),"
		" (SELECT count(*) FROM live_decisions),"
		" (SELECT group_concat(coder, ', ') FROM (SELECT DISTINCT coder FROM live_decisions ORDER BY coder))");
	if (!st)
		return -1;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		s->answers = sqlite3_column_int64(st, 0);
		s->empty = sqlite3_column_int64(st, 1);
		s->decisions = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			s->coders = xstrdup(COL_TEXT(st, 3));
	}
	sqlite3_finalize(st);
	return step == SQLITE_ROW ? 0 : db_error(d, "cannot count the answers");
}

void project_stats_release(project_stats *s)
{
	free(s->coders);
	memset(s, 0, sizeof(*s));
}

int project_coders(db *d, char ***names, size_t *n)
{
	return names_query(d, "SELECT DISTINCT coder FROM live_decisions ORDER BY coder", NULL,
			   "cannot read the decisions", names, n);
}

typedef struct ids_of {
	long long *ids;
	size_t n, alloc;
} ids_of;

static int id_row(sqlite3_stmt *st, void *ctx)
{
	ids_of *x = ctx;
	ALLOC_GROW(x->ids, x->n + 1, x->alloc);
	x->ids[x->n++] = sqlite3_column_int64(st, 0);
	return 0;
}

int project_decided(db *d, const char *coder, long long **ids, size_t *n)
{
	ids_of x = { NULL, 0, 0 };
	sqlite3_stmt *st = db_prepare(d, "SELECT DISTINCT answer_id FROM live_decisions"
					 " WHERE ?1 IS NULL OR coder = ?1 ORDER BY answer_id");
	if (st && coder)
		sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
	int rc = each_row(d, st, "cannot read the decisions", id_row, &x);
	if (rc) {
		free(x.ids);
		x.ids = NULL;
		x.n = 0;
	}
	*ids = x.ids;
	*n = x.n;
	return rc;
}
