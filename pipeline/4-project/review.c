/*
 * review: decisions, effective codes and queues (see review.h).
 */
#include "review.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "project.h"
#include "util.h"

int reviewer_init_any(reviewer *rv, db *d, const char *coder, int blind, const char *lex_dir)
{
	memset(rv, 0, sizeof(*rv));
	rv->d = d;
	rv->coder = coder;
	rv->blind = blind;
	theme_list t;
	int rc = project_themes(d, lex_dir, &t);
	/* the reviewer takes the list over */
	rv->keys = t.keys;
	rv->labels = t.labels;
	rv->nthemes = t.n;
	return rc;
}

int reviewer_init(reviewer *rv, db *d, const char *coder, int blind, const char *lex_dir)
{
	if (reviewer_init_any(rv, d, coder, blind, lex_dir))
		return -1;
	if (!rv->nthemes) {
		error_set_code(EXIT_INPUT);
		return error("no themes: code the project first, or name the lexicons with "
			     "--lexicons DIR or $QCODE_LEXICONS");
	}
	return 0;
}

void reviewer_release(reviewer *rv)
{
	for (size_t i = 0; i < rv->nthemes; i++) {
		free(rv->keys[i]);
		free(rv->labels[i]);
	}
	free(rv->keys);
	free(rv->labels);
	memset(rv, 0, sizeof(*rv));
}

int reviewer_theme(const reviewer *rv, const char *key)
{
	for (size_t i = 0; i < rv->nthemes; i++)
		if (!strcmp(rv->keys[i], key))
			return (int)i;
	return -1;
}

long long reviewer_answer_id(reviewer *rv, const char *ext_id)
{
	return project_answer_id(rv->d, ext_id);
}

/* Free what a view holds of one answer, keeping the arrays per theme and the strings' room. */
static void view_clear(answer_view *v)
{
	for (size_t i = 0; i < v->nattrs; i++) {
		free(v->attr_name[i]);
		free(v->attr_value[i]);
	}
	v->nattrs = 0;
	for (size_t i = 0; i < v->nspans; i++)
		free(v->spans[i].rule);
	v->nspans = 0;
	if (v->who) {
		for (size_t t = 0; t < v->nthemes; t++)
			free(v->who[t]);
		free(v->who);
		v->who = NULL;
	}
}

void answer_view_release(answer_view *v)
{
	view_clear(v);
	free(v->ext_id);
	free(v->text);
	free(v->attr_name);
	free(v->attr_value);
	free(v->machine);
	free(v->score);
	free(v->coded);
	free(v->human);
	free(v->spans);
	memset(v, 0, sizeof(*v));
}

/* ---- building an answer view: one way, for one answer or many ---- */

/* Copy s into *buf, which has room for *alloc bytes (grown as needed). */
static void copy_into(char **buf, size_t *alloc, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > *alloc) {
		*alloc = n < 64 ? 64 : n;
		free(*buf);
		*buf = xmalloc(*alloc);
	}
	memcpy(*buf, s, n);
}

static void view_begin(const reviewer *rv, answer_view *v, long long id, const char *ext,
		       const char *text, int empty)
{
	size_t nt = rv->nthemes;
	if (v->nthemes != nt || !v->machine) {
		answer_view_release(v);
		v->nthemes = nt;
		v->machine = xcalloc(nt + 1, sizeof(int));
		v->score = xcalloc(nt + 1, sizeof(double));
		v->coded = xcalloc(nt + 1, sizeof(int));
		v->human = xcalloc(nt + 1, sizeof(int));
	} else {
		/* a pass: the arrays of the answer before, cleared */
		view_clear(v);
		memset(v->machine, 0, nt * sizeof(int));
		memset(v->score, 0, nt * sizeof(double));
		memset(v->coded, 0, nt * sizeof(int));
		memset(v->human, 0, nt * sizeof(int));
	}
	v->id = id;
	copy_into(&v->ext_id, &v->ext_alloc, ext);
	copy_into(&v->text, &v->text_alloc, text ? text : "");
	v->empty = empty;
	v->run = 0;
	v->machine_primary = v->primary = -1;
	v->decided = 0;
}

static void view_attr(answer_view *v, const char *name, const char *value, size_t *alloc)
{
	if (v->nattrs + 1 > *alloc) {
		*alloc = (v->nattrs + 1) * 2;
		v->attr_name = xrealloc(v->attr_name, *alloc * sizeof(char *));
		v->attr_value = xrealloc(v->attr_value, *alloc * sizeof(char *));
	}
	v->attr_name[v->nattrs] = xstrdup(name);
	v->attr_value[v->nattrs] = xstrdup(value);
	v->nattrs++;
}

static void view_machine(const reviewer *rv, answer_view *v, const char *theme, double score,
			 int primary)
{
	int t = reviewer_theme(rv, theme);
	if (t < 0)
		return;
	v->machine[t] = 1;
	v->score[t] = score;
	if (primary)
		v->machine_primary = t;
}

static void view_span(const reviewer *rv, answer_view *v, const char *theme, uint32_t s, uint32_t e,
		      const char *rule, size_t *alloc)
{
	int t = reviewer_theme(rv, theme);
	if (t < 0)
		return;
	if (v->nspans + 1 > *alloc) {
		*alloc = (v->nspans + 1) * 2;
		v->spans = xrealloc(v->spans, *alloc * sizeof(*v->spans));
	}
	v->spans[v->nspans].theme = t;
	v->spans[v->nspans].start = s;
	v->spans[v->nspans].end = e;
	v->spans[v->nspans].rule = xstrdup(rule ? rule : "");
	v->nspans++;
}

/*
 * The effective codes (review.h has the rule): the machine's (unless
 * blind), then the live decisions in order; prim[t] is the place in that
 * order of the last primary decision on t since the last none (0: none).
 */
static void view_decisions_begin(const reviewer *rv, answer_view *v, int *prim)
{
	if (!rv->blind)
		memcpy(v->coded, v->machine, rv->nthemes * sizeof(int));
	memset(prim, 0, rv->nthemes * sizeof(int));
}

static void view_decision(const reviewer *rv, answer_view *v, const char *action, const char *key,
			  const char *coder, int *prim, int seq)
{
	int t = key ? reviewer_theme(rv, key) : -1;
	size_t nt = rv->nthemes;
	v->decided = 1;
	if (!strcmp(action, "add") && t >= 0) {
		v->coded[t] = 1;
		v->human[t] = 1;
	} else if (!strcmp(action, "remove") && t >= 0) {
		v->coded[t] = 0;
		v->human[t] = 0;
	} else if (!strcmp(action, "none")) {
		memset(v->coded, 0, nt * sizeof(int));
		memset(v->human, 0, nt * sizeof(int));
		memset(prim, 0, nt * sizeof(int));
	} else if (!strcmp(action, "primary") && t >= 0) {
		prim[t] = seq;
	} else {
		return;
	}
	if (t >= 0 && coder && strcmp(action, "remove")) {
		if (!v->who)
			v->who = xcalloc(nt + 1, sizeof(char *));
		free(v->who[t]);
		v->who[t] = xstrdup(coder);
	}
}

static void view_finish(const reviewer *rv, answer_view *v, const int *prim)
{
	size_t nt = rv->nthemes;
	int best = -1;
	for (size_t t = 0; t < nt; t++)
		if (v->coded[t] && prim[t] && (best < 0 || prim[t] > prim[best]))
			best = (int)t;
	if (best < 0 && !rv->blind && v->machine_primary >= 0 && v->coded[v->machine_primary])
		best = v->machine_primary;
	if (best < 0)
		for (size_t t = 0; t < nt; t++)
			if (v->coded[t] && (best < 0 || v->score[t] > v->score[best] ||
					    (v->score[t] == v->score[best] &&
					     strcmp(rv->keys[t], rv->keys[best]) < 0)))
				best = (int)t;
	v->primary = best;
}

/* The queries of a view: a range of answers' (?1 to ?2), in answer order. */
enum { Q_ANSWER, Q_ATTRS, Q_CODES, Q_EVIDENCE, Q_DECISIONS, NQ };
static const char *const view_sql[NQ] = {
	"SELECT id, ext_id, %s, empty FROM answers WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
	"SELECT answer_id, name, coalesce(value, '') FROM attributes WHERE answer_id BETWEEN ?1 AND ?2"
	" ORDER BY answer_id, name",
	/* (the latest runs with their machine codes, as the view
	   machine_codes, with the range on latest_runs; the + keeps SQLite
	   from carrying the range over to codes, where it would scan the
	   range for each answer) */
	"SELECT l.answer_id, l.run_id, c.theme, c.score, c.is_primary FROM latest_runs l LEFT JOIN codes c"
	" ON c.run_id = l.run_id AND c.answer_id = +l.answer_id WHERE l.answer_id BETWEEN ?1 AND ?2"
	" ORDER BY l.answer_id",
	"SELECT l.answer_id, e.theme, e.start, e.end, e.rule_id FROM latest_runs l JOIN evidence e"
	" ON e.run_id = l.run_id AND e.answer_id = +l.answer_id WHERE l.answer_id BETWEEN ?1 AND ?2"
	" ORDER BY l.answer_id, e.start, e.end",
	"SELECT answer_id, action, theme, coder FROM live_decisions WHERE answer_id BETWEEN ?1 AND ?2"
	" AND (?3 IS NULL OR coder = ?3) ORDER BY answer_id, id",
};

typedef struct view_cursor {
	sqlite3_stmt *st[NQ]; /* NULL for the parts not read */
	int row[NQ];          /* sqlite3_step's last result per query */
	int *prim;            /* scratch: primary decisions per theme */
	size_t attrs_alloc;   /* places in the view's attribute arrays */
	size_t spans_alloc;   /* places in its spans */
} view_cursor;

static int cursor_open(const reviewer *rv, view_cursor *c, long long lo, long long hi, unsigned parts)
{
	memset(c, 0, sizeof(*c));
	c->prim = xcalloc(rv->nthemes + 1, sizeof(int));
	for (int q = 0; q < NQ; q++) {
		c->row[q] = SQLITE_DONE;
		if ((q == Q_ATTRS && !(parts & VIEW_ATTRS)) || (q == Q_EVIDENCE && !(parts & VIEW_EVIDENCE)))
			continue;
		char sql[512];
		snprintf(sql, sizeof(sql), view_sql[q], parts & VIEW_TEXT ? "text" : "''");
		c->st[q] = db_prepare(rv->d, sql);
		if (!c->st[q])
			return -1;
		sqlite3_bind_int64(c->st[q], 1, lo);
		sqlite3_bind_int64(c->st[q], 2, hi);
		if (q == Q_DECISIONS && rv->blind)
			sqlite3_bind_text(c->st[q], 3, rv->coder, -1, SQLITE_STATIC);
		c->row[q] = sqlite3_step(c->st[q]);
	}
	return 0;
}

static void cursor_close(view_cursor *c)
{
	for (int q = 0; q < NQ; q++)
		sqlite3_finalize(c->st[q]);
	free(c->prim);
}

/* Whether query q's current row is of answer id (rows of earlier answers skipped). */
static int cursor_at(view_cursor *c, int q, long long id)
{
	while (c->row[q] == SQLITE_ROW && sqlite3_column_int64(c->st[q], 0) < id)
		c->row[q] = sqlite3_step(c->st[q]);
	return c->row[q] == SQLITE_ROW && sqlite3_column_int64(c->st[q], 0) == id;
}

static void cursor_next(view_cursor *c, int q) { c->row[q] = sqlite3_step(c->st[q]); }

/* The view of answer id from the cursors, which must not have passed it. */
static int cursor_view(const reviewer *rv, view_cursor *c, long long id, answer_view *v)
{
	if (!cursor_at(c, Q_ANSWER, id))
		return c->row[Q_ANSWER] == SQLITE_ROW || c->row[Q_ANSWER] == SQLITE_DONE
			       ? error("no answer with id %lld", id)
			       : db_error(rv->d, "cannot read the answer");
	sqlite3_stmt *const *st = c->st;
	view_begin(rv, v, id, COL_TEXT(st[Q_ANSWER], 1), COL_TEXT(st[Q_ANSWER], 2),
		   sqlite3_column_int(st[Q_ANSWER], 3));
	for (; cursor_at(c, Q_ATTRS, id); cursor_next(c, Q_ATTRS))
		view_attr(v, COL_TEXT(st[Q_ATTRS], 1), COL_TEXT(st[Q_ATTRS], 2), &c->attrs_alloc);
	for (; cursor_at(c, Q_CODES, id); cursor_next(c, Q_CODES)) {
		v->run = sqlite3_column_int64(st[Q_CODES], 1);
		if (sqlite3_column_type(st[Q_CODES], 2) != SQLITE_NULL)
			view_machine(rv, v, COL_TEXT(st[Q_CODES], 2), sqlite3_column_double(st[Q_CODES], 3),
				     sqlite3_column_int(st[Q_CODES], 4));
	}
	for (; cursor_at(c, Q_EVIDENCE, id); cursor_next(c, Q_EVIDENCE))
		view_span(rv, v, COL_TEXT(st[Q_EVIDENCE], 1), (uint32_t)sqlite3_column_int64(st[Q_EVIDENCE], 2),
			  (uint32_t)sqlite3_column_int64(st[Q_EVIDENCE], 3), COL_TEXT(st[Q_EVIDENCE], 4),
			  &c->spans_alloc);
	view_decisions_begin(rv, v, c->prim);
	int seq = 0;
	for (; cursor_at(c, Q_DECISIONS, id); cursor_next(c, Q_DECISIONS))
		view_decision(rv, v, COL_TEXT(st[Q_DECISIONS], 1), COL_TEXT(st[Q_DECISIONS], 2),
			      COL_TEXT(st[Q_DECISIONS], 3), c->prim, ++seq);
	view_finish(rv, v, c->prim);
	for (int q = 0; q < NQ; q++)
		if (c->row[q] != SQLITE_ROW && c->row[q] != SQLITE_DONE)
			return db_error(rv->d, "cannot read the answer");
	return 0;
}

int reviewer_load(reviewer *rv, long long id, answer_view *v)
{
	view_cursor c;
	/* a view of its own: its arrays are not a pass's */
	answer_view_release(v);
	int rc = cursor_open(rv, &c, id, id, VIEW_ALL);
	if (rc == 0)
		rc = cursor_view(rv, &c, id, v);
	cursor_close(&c);
	return rc;
}

/* The views of ids[0..n), or of every answer when ids is NULL. */
static int scan(reviewer *rv, const long long *ids, size_t n, unsigned parts,
		int (*fn)(const answer_view *v, void *ctx), void *ctx)
{
	answer_view v;
	memset(&v, 0, sizeof(v));
	int sorted = 1;
	for (size_t i = 1; ids && i < n && sorted; i++)
		sorted = ids[i - 1] < ids[i];
	int rc = 0;
	if (!sorted) { /* one at a time */
		for (size_t i = 0; i < n && !rc; i++)
			if ((rc = reviewer_load(rv, ids[i], &v)) == 0)
				rc = fn(&v, ctx);
		answer_view_release(&v);
		return rc;
	}
	view_cursor c;
	rc = cursor_open(rv, &c, ids ? ids[0] : 0, ids ? ids[n - 1] : INT64_MAX, parts);
	if (ids) {
		for (size_t i = 0; i < n && !rc; i++)
			if ((rc = cursor_view(rv, &c, ids[i], &v)) == 0)
				rc = fn(&v, ctx);
	} else {
		/* every answer: the answers' own cursor leads */
		while (!rc && c.row[Q_ANSWER] == SQLITE_ROW) {
			long long id = sqlite3_column_int64(c.st[Q_ANSWER], 0);
			if ((rc = cursor_view(rv, &c, id, &v)) == 0) {
				cursor_next(&c, Q_ANSWER);
				rc = fn(&v, ctx);
			}
		}
		if (!rc && c.row[Q_ANSWER] != SQLITE_DONE)
			rc = db_error(rv->d, "cannot read the answers");
	}
	cursor_close(&c);
	answer_view_release(&v);
	return rc;
}

int reviewer_scan(reviewer *rv, const long long *ids, size_t n, unsigned parts,
		  int (*fn)(const answer_view *v, void *ctx), void *ctx)
{
	return n ? scan(rv, ids, n, parts, fn, ctx) : 0;
}

int reviewer_all(reviewer *rv, unsigned parts, int (*fn)(const answer_view *v, void *ctx), void *ctx)
{
	return scan(rv, NULL, 0, parts, fn, ctx);
}

int reviewer_each(reviewer *rv, const long long *ids, size_t n,
		  int (*fn)(const answer_view *v, void *ctx), void *ctx)
{
	return reviewer_scan(rv, ids, n, VIEW_ALL, fn, ctx);
}

static int count_view(const answer_view *v, void *ctx)
{
	code_counts *c = ctx;
	int any = 0;
	c->answers++;
	c->empty += v->empty;
	for (size_t t = 0; t < v->nthemes; t++)
		if (v->coded[t]) {
			c->coded[t]++;
			any = 1;
		}
	if (v->primary >= 0)
		c->primary[v->primary]++;
	c->uncoded += !any && !v->empty;
	return 0;
}

int reviewer_counts(reviewer *rv, code_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->coded = xcalloc(rv->nthemes + 1, sizeof(long));
	c->primary = xcalloc(rv->nthemes + 1, sizeof(long));
	return reviewer_all(rv, 0, count_view, c);
}

void code_counts_release(code_counts *c)
{
	free(c->coded);
	free(c->primary);
	memset(c, 0, sizeof(*c));
}

int reviewer_version(reviewer *rv, long long id, long long *decision, long long *run)
{
	*decision = *run = 0;
	sqlite3_stmt *st = db_prepare(rv->d,
		"SELECT (SELECT coalesce(max(id), 0) FROM decisions WHERE answer_id = ?1"
		" AND (?2 IS NULL OR coder = ?2)), (SELECT coalesce(max(run_id), 0) FROM latest_runs"
		" WHERE answer_id = ?1)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (rv->blind)
		sqlite3_bind_text(st, 2, rv->coder, -1, SQLITE_STATIC);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*decision = sqlite3_column_int64(st, 0);
		*run = rv->blind ? 0 : sqlite3_column_int64(st, 1);
	} else {
		rc = db_error(rv->d, "cannot read the answer");
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert(reviewer *rv, sqlite3_stmt *st, long long answer, const char *action,
		  const char *theme, const char *now, const char *note, long long batch,
		  long long undoes)
{
	sqlite3_bind_int64(st, 1, answer);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	if (theme)
		sqlite3_bind_text(st, 3, theme, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, rv->coder, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (note)
		sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int64(st, 7, batch);
	if (undoes > 0)
		sqlite3_bind_int64(st, 8, undoes);
	else
		sqlite3_bind_null(st, 8);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ok ? 0 : -1;
}

static long long next_batch(db *d)
{
	sqlite3_stmt *st = db_prepare(d, "SELECT coalesce(max(id), 0) + 1 FROM decisions");
	if (!st)
		return -1;
	long long b = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return b;
}

static const char *const action_names[] = { "add", "remove", "primary", "none", "accept" };

long long reviewer_decide(reviewer *rv, const answer_view *v, const decision *ops, size_t n,
			  const char *note)
{
	char now[24];
	db_now(now);
	/* in the caller's transaction when there is one */
	int own = sqlite3_get_autocommit(db_sqlite(rv->d));
	if (own && db_begin(rv->d))
		return -1;
	long long batch = next_batch(rv->d);
	sqlite3_stmt *st = db_prepare(rv->d,
		"INSERT INTO decisions(answer_id, action, theme, coder, at, note, batch, undoes)"
		" VALUES(?,?,?,?,?,?,?,?)");
	int bad = batch < 0 || !st;
	for (size_t i = 0; !bad && i < n; i++) {
		const char *key = ops[i].theme >= 0 ? rv->keys[ops[i].theme] : NULL;
		bad = insert(rv, st, v->id, action_names[ops[i].action], key, now, note, batch, 0);
		if (!bad && ops[i].action == DEC_ACCEPT) {
			/* an accept keeps what was shown, whatever a later run says */
			for (size_t t = 0; !bad && t < rv->nthemes; t++)
				if (v->coded[t])
					bad = insert(rv, st, v->id, "add", rv->keys[t], now, note, batch, 0);
			if (!bad && v->primary >= 0)
				bad = insert(rv, st, v->id, "primary", rv->keys[v->primary], now, note,
					     batch, 0);
			if (!bad && v->primary < 0)
				bad = insert(rv, st, v->id, "none", NULL, now, note, batch, 0);
		}
	}
	sqlite3_finalize(st);
	if (bad || (own && db_commit(rv->d))) {
		if (bad)
			db_error(rv->d, "cannot record the decision");
		if (own)
			db_rollback(rv->d);
		return -1;
	}
	return batch;
}

int reviewer_undo(reviewer *rv, long long *answer)
{
	if (db_begin(rv->d))
		return -1;
	sqlite3_stmt *st = db_prepare(rv->d,
		"SELECT batch, answer_id FROM live_decisions WHERE coder = ? ORDER BY id DESC LIMIT 1");
	if (!st) {
		db_rollback(rv->d);
		return -1;
	}
	sqlite3_bind_text(st, 1, rv->coder, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	long long batch = found ? sqlite3_column_int64(st, 0) : 0;
	*answer = found ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_finalize(st);
	if (!found) {
		db_rollback(rv->d);
		return 0;
	}
	char now[24];
	db_now(now);
	long long b = next_batch(rv->d);
	st = db_prepare(rv->d,
		"INSERT INTO decisions(answer_id, action, theme, coder, at, note, batch, undoes)"
		" VALUES(?,?,?,?,?,?,?,?)");
	int bad = !st || b < 0 || insert(rv, st, *answer, "undo", NULL, now, NULL, b, batch);
	sqlite3_finalize(st);
	if (bad || db_commit(rv->d)) {
		if (bad)
			db_error(rv->d, "cannot record the undo");
		db_rollback(rv->d);
		return -1;
	}
	return 1;
}

/* xorshift64*: a small, seedable generator for samples */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* What a queue keeps of the answers the database gives it. */
enum { KEEP_ALL, KEEP_UNCODED, KEEP_MULTI, KEEP_CHANGED };

typedef struct queue_filter {
	int keep;                /* KEEP_* */
	int theme;               /* coded with this theme index, or -1 */
	const unsigned char *moved; /* KEEP_CHANGED: the machine changed its codes (per candidate) */
	size_t next;             /* the candidate the next view is of */
	long long *ids;          /* the answers kept */
	size_t n, alloc;
} queue_filter;

static int queue_view(const answer_view *v, void *ctx)
{
	queue_filter *f = ctx;
	size_t k = 0, i = f->next++;
	int differs = 0;
	for (size_t t = 0; t < v->nthemes; t++) {
		k += v->coded[t] != 0;
		differs |= !v->coded[t] != !v->machine[t];
	}
	int keep = f->keep == KEEP_UNCODED ? k == 0
		   : f->keep == KEEP_MULTI ? k > 1
		   : f->keep == KEEP_CHANGED ? f->moved[i] || (v->decided && differs)
		   : 1;
	if (keep && (f->theme < 0 || v->coded[f->theme])) {
		ALLOC_GROW(f->ids, f->n + 1, f->alloc);
		f->ids[f->n++] = v->id;
	}
	return 0;
}

int reviewer_queue(reviewer *rv, const char *queue, const char *theme, double low,
		   long sample, unsigned long seed, long long **ids, size_t *n)
{
	/* the database narrows the answers down as far as it can without
	   the effective codes; the reviewer's views decide the rest */
	const char *where;
	int keep = KEEP_ALL;
	if (!strcmp(queue, "all")) {
		where = "1";
	} else if (!strcmp(queue, "uncoded")) {
		where = "a.empty = 0";
		keep = KEEP_UNCODED;
	} else if (!strcmp(queue, "multi")) {
		where = "1";
		keep = KEEP_MULTI;
	} else if (!strcmp(queue, "low")) {
		where = "EXISTS (SELECT 1 FROM machine_codes m WHERE m.answer_id = a.id)"
			" AND (SELECT max(score) FROM machine_codes m WHERE m.answer_id = a.id) < ?1";
	} else if (!strcmp(queue, "changed")) {
		/* the latest run coded it otherwise than the run before it
		   (moved), or the machine disagrees with the codes a human
		   decided (a view sees that) */
#define LATEST "(SELECT l.run_id FROM latest_coded l WHERE l.answer_id = a.id)"
#define PREV "(SELECT max(c2.run_id) FROM coded c2 JOIN runs r ON r.id = c2.run_id" \
	     " WHERE c2.answer_id = a.id AND r.finished IS NOT NULL AND c2.run_id < " LATEST ")"
#define CODES(run) "SELECT theme, is_primary FROM codes c WHERE c.answer_id = a.id AND c.run_id = " run
		where = "moved OR EXISTS (SELECT 1 FROM live_decisions d WHERE d.answer_id = a.id)";
		keep = KEEP_CHANGED;
	} else {
		error_set_code(EXIT_USAGE);
		return error("unknown queue '%s' (use all, uncoded, multi, low, changed or quotes)", queue);
	}
	strbuf sql;
	sb_init(&sql);
	sb_addf(&sql, "SELECT a.id, %s AS moved FROM answers a WHERE (%s) ORDER BY a.id",
		keep == KEEP_CHANGED
			? "(" PREV " IS NOT NULL AND (EXISTS (" CODES(LATEST) " EXCEPT " CODES(PREV) ")"
			  " OR EXISTS (" CODES(PREV) " EXCEPT " CODES(LATEST) ")))"
			: "0",
		where);
#undef LATEST
#undef PREV
#undef CODES
	sqlite3_stmt *st = db_prepare(rv->d, sql.buf);
	sb_release(&sql);
	if (!st)
		return -1;
	if (!strcmp(queue, "low"))
		sqlite3_bind_double(st, 1, low);
	*ids = NULL;
	*n = 0;
	size_t alloc = 0, moved_alloc = 0;
	unsigned char *moved = NULL;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		ALLOC_GROW(moved, *n + 1, moved_alloc);
		moved[*n] = (unsigned char)sqlite3_column_int(st, 1);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(moved);
		return db_error(rv->d, "cannot read the answers");
	}
	if (keep != KEEP_ALL || theme) {
		/* the effective codes of every reviewer (a blind one's queue is
		   the project's), in one pass */
		queue_filter f = { keep, theme ? reviewer_theme(rv, theme) : -1, moved, 0, NULL, 0, 0 };
		reviewer all = *rv;
		all.blind = 0;
		int rc = theme && f.theme < 0 ? 0 : reviewer_scan(&all, *ids, *n, 0, queue_view, &f);
		free(*ids);
		*ids = f.ids;
		*n = f.n;
		if (rc) {
			free(moved);
			return rc;
		}
	}
	free(moved);
	if (sample > 0 && (size_t)sample < *n) {
		/* Fisher-Yates with a seeded generator, then back in id order */
		uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
		for (size_t i = *n - 1; i > 0; i--) {
			size_t j = (size_t)(next_rand(&s) % (i + 1));
			long long tmp = (*ids)[i];
			(*ids)[i] = (*ids)[j];
			(*ids)[j] = tmp;
		}
		*n = (size_t)sample;
		qsort(*ids, *n, sizeof(**ids), cmp_ll);
	}
	return 0;
}

int reviewer_history(reviewer *rv, const char *ext_id, const char *coder,
		     int (*fn)(const history_row *row, void *ctx), void *ctx)
{
	/* the decisions, and where an answer they are on got a new text
	   (import --replace): the decisions before it saw the old one */
	sqlite3_stmt *st = db_prepare(rv->d,
		"SELECT d.id, d.batch, a.ext_id, d.action, coalesce(d.theme, ''), d.coder, d.at,"
		" coalesce(d.note, ''), CASE WHEN d.action <> 'undo' AND EXISTS (SELECT 1 FROM decisions u"
		" WHERE u.action = 'undo' AND u.undoes = d.batch) THEN 'undone' ELSE '' END, d.id AS k"
		" FROM decisions d JOIN answers a ON a.id = d.answer_id WHERE (?1 IS NULL OR a.ext_id = ?1)"
		" AND (?2 IS NULL OR d.coder = ?2)"
		" UNION ALL"
		" SELECT '-', '-', a.ext_id, 'text', '', 'import', t.at,"
		" 'new text from import ' || t.import_id || ' (' || i.file || '); the decisions before"
		" this line were made on the old text', '', t.after_decision + 0.5"
		" FROM text_changes t JOIN answers a ON a.id = t.answer_id JOIN imports i ON i.id = t.import_id"
		" WHERE (?1 IS NULL OR a.ext_id = ?1) AND ?2 IS NULL"
		" AND EXISTS (SELECT 1 FROM decisions d WHERE d.answer_id = t.answer_id)"
		" ORDER BY k");
	if (!st)
		return -1;
	if (ext_id)
		sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
	if (coder)
		sqlite3_bind_text(st, 2, coder, -1, SQLITE_STATIC);
	history_row row;
	int rc = 0, step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < 9; c++) {
			row.col[c] = COL_TEXT(st, c) ? COL_TEXT(st, c) : "";
			row.len[c] = (size_t)sqlite3_column_bytes(st, c);
		}
		rc = fn(&row, ctx);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(rv->d, "cannot read the decisions");
	sqlite3_finalize(st);
	return rc;
}
