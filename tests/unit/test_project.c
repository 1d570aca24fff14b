/*
 * test_project: every reader of a project sees the same themes, and the
 * same effective codes and primaries for every answer. For many seeds a
 * project is imported (store_import), coded (runstore, with codes drawn
 * from the seed, as a coder stores them), decided on at random by three
 * coders, blind and not (add, remove, primary, none, accept, undo), given
 * new texts and new answers, and coded again with a codeframe that lost a
 * theme and gained one -- the whole project or only its new answers. After
 * each step every reader is compared with a model of the documented rules
 * kept here (project.h: the themes; review.h: the effective codes):
 * project_themes and the reviewer, its views of every answer in one pass
 * and one at a time, blind and not, summary's counts (reviewer_counts),
 * export's rows (export_table), the table by group (crosstab_build),
 * quotes' candidates (quotes_select), eval's codings (codings_*), the
 * queues, the browser's API (sessions and answers, blind and not) and the
 * database's effective_codes and effective_primary views.
 */
#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

#include "unit.h"
#include "api.h"
#include "codings.h"
#include "crosstab.h"
#include "export.h"
#include "lang.h"
#include "lexicon.h"
#include "project.h"
#include "quotes.h"
#include "review.h"
#include "runstore.h"
#include "serve.h"
#include "stem.h"
#include "store.h"
#include "store_import.h"

#define SEEDS 40
/* the themes any codeframe of the test is made of, by key */
#define POOL 6
static const char *const pool[POOL] = { "alpha", "beta", "delta", "gamma", "omega", "zeta" };
static const char *const coders[] = { "ann", "bob", "cas" };
#define NCODERS 3
static const char *const words[] = { "regie", "kennis", "wet", "geld", "tijd", "mensen", "data",
				     "ict", "plan", "beleid", "samen", "snel" };
#define NWORDS (sizeof(words) / sizeof(*words))
#define MAXA 64
#define MAXD 1024
#define MAXR 4

/* ---- the model ---- */

typedef struct m_answer {
	long long id;          /* database id */
	char ext[16];          /* survey id */
	char text[160];
	int empty;
	char group[4];         /* its group value, "" for none (NULL) */
	int has_group;         /* it has the group variable at all */
	long long run;         /* its latest finished run, 0 for none */
	int mcoded[POOL];      /* that run's codes */
	double mscore[POOL];
	int mprimary;          /* pool index or -1 */
} m_answer;

typedef struct m_decision {
	long long id, batch;
	int answer;            /* index in the model's answers */
	int action;            /* enum decision_action, or -1 for an undo */
	int theme;             /* pool index or -1 */
	int coder;
	long long undoes;      /* the batch an undo takes back */
} m_decision;

typedef struct m_run {
	long long id;
	int themes[POOL];      /* pool indices, in the run's (key) order */
	int n;
} m_run;

typedef struct model {
	m_answer a[MAXA];
	size_t na;
	m_decision dec[MAXD];
	size_t nd;
	long long next_id;     /* the next decision's id */
	m_run runs[MAXR];
	size_t nruns;
} model;

/* The model's view of an answer: blind for a coder, or everyone's (-1). */
typedef struct m_view {
	int coded[POOL];
	int human[POOL];
	int primary;           /* pool index or -1 */
	int decided;
} m_view;

static uint64_t rng;

static unsigned rnd(unsigned n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned)((rng * 2685821657736338717ULL) >> 33) % n;
}

static int pool_index(const char *key)
{
	for (int p = 0; p < POOL; p++)
		if (!strcmp(pool[p], key))
			return p;
	fail_msg("'%s' is no theme of the test", key);
	return -1;
}

static int batch_undone(const model *m, long long batch)
{
	for (size_t i = 0; i < m->nd; i++)
		if (m->dec[i].action < 0 && m->dec[i].undoes == batch)
			return 1;
	return 0;
}

static int live(const model *m, const m_decision *d)
{
	return d->action >= 0 && !batch_undone(m, d->batch);
}

/* project.h: the latest run's themes, then the other runs' in force, then live adds, by key. */
static size_t m_themes(const model *m, int *out)
{
	size_t n = 0;
	int in[POOL] = { 0 };
	const m_run *latest = m->nruns ? &m->runs[m->nruns - 1] : NULL;
	for (int i = 0; latest && i < latest->n; i++)
		if (!in[latest->themes[i]]++)
			out[n++] = latest->themes[i];
	for (size_t r = m->nruns; r-- > 0;) {
		int used = 0;
		for (size_t i = 0; i < m->na; i++)
			used |= m->a[i].run == m->runs[r].id;
		for (int i = 0; used && i < m->runs[r].n; i++)
			if (!in[m->runs[r].themes[i]]++)
				out[n++] = m->runs[r].themes[i];
	}
	for (int p = 0; p < POOL; p++) {
		int added = 0;
		for (size_t i = 0; i < m->nd; i++)
			added |= m->dec[i].theme == p && m->dec[i].action == DEC_ADD && live(m, &m->dec[i]);
		if (added && !in[p]++)
			out[n++] = p;
	}
	return n;
}

/* review.h: the effective codes of answer i, of everyone (coder -1) or blind for coder. */
static m_view m_view_of(const model *m, size_t i, int coder)
{
	const m_answer *a = &m->a[i];
	m_view v;
	memset(&v, 0, sizeof(v));
	int prim[POOL] = { 0 }, seq = 0;
	if (coder < 0)
		memcpy(v.coded, a->mcoded, sizeof(v.coded));
	for (size_t k = 0; k < m->nd; k++) {
		const m_decision *d = &m->dec[k];
		if (d->answer != (int)i || !live(m, d) || (coder >= 0 && d->coder != coder))
			continue;
		v.decided = 1;
		seq++;
		switch (d->action) {
		case DEC_ADD: v.coded[d->theme] = v.human[d->theme] = 1; break;
		case DEC_REMOVE: v.coded[d->theme] = v.human[d->theme] = 0; break;
		case DEC_NONE:
			memset(v.coded, 0, sizeof(v.coded));
			memset(v.human, 0, sizeof(v.human));
			memset(prim, 0, sizeof(prim));
			break;
		case DEC_PRIMARY: prim[d->theme] = seq; break;
		default: break;
		}
	}
	v.primary = -1;
	for (int p = 0; p < POOL; p++)
		if (v.coded[p] && prim[p] && (v.primary < 0 || prim[p] > prim[v.primary]))
			v.primary = p;
	if (v.primary < 0 && coder < 0 && a->mprimary >= 0 && v.coded[a->mprimary])
		v.primary = a->mprimary;
	/* the highest machine score, the first key of those alike (pool is by key) */
	for (int p = 0; v.primary < 0 && p < POOL; p++)
		if (v.coded[p])
			for (int q = p; q < POOL; q++)
				if (v.coded[q] && (v.primary < 0 || a->mscore[q] > a->mscore[v.primary]))
					v.primary = q;
	return v;
}

/* ---- the project ---- */

static char db_file[80];
static stemmer *st;
static lexicon_set *sets[POOL + 1]; /* the codeframes made, freed at the end */
static size_t nsets;

/* A codeframe of the pool's themes in[p]. */
static lexicon_set *codeframe(const int *in)
{
	lexicon_set *set = lexicon_set_new(st);
	for (int p = 0; p < POOL; p++) {
		if (!in[p])
			continue;
		char text[128], name[32];
		snprintf(text, sizeof(text), "%%key %s\n%%label Label %s\n%s\n", pool[p], pool[p], pool[p]);
		snprintf(name, sizeof(name), "%s.lex", pool[p]);
		lexicon_add_vocab(set, text, strlen(text));
		assert_int_equal(lexicon_parse_string(set, name, text, strlen(text), 1), 0);
	}
	lexicon_default_cues(set);
	assert_int_equal(lexicon_set_finish(set), 0);
	sets[nsets++] = set;
	return set;
}

/* Import n answers (new ones, and with replace some the project has) through store_import. */
static void import(db *d, model *m, size_t n, int replace, int with_group)
{
	store_import *im = store_import_begin(d, "a.csv", "csv", NULL, replace ? IMPORT_REPLACE : IMPORT_REFUSE);
	assert_non_null(im);
	assert_int_equal(store_import_question(im, "text", "text", "What went wrong?"), 0);
	size_t rows = 0;
	unsigned char used[MAXA] = { 0 }; /* an id comes once in an import */
	size_t before = m->na;             /* the answers the project had */
	for (size_t k = 0; k < n; k++) {
		size_t i = replace && before && rnd(2) ? rnd((unsigned)before) : m->na;
		if (i < m->na && used[i]++)
			i = m->na;
		if (i == m->na) {
			assert_true(m->na < MAXA);
			memset(&m->a[i], 0, sizeof(m->a[i]));
			snprintf(m->a[i].ext, sizeof(m->a[i].ext), "r%zu", i + 1);
			m->a[i].mprimary = -1;
		}
		m_answer *a = &m->a[i];
		char text[160] = "";
		if (rnd(8)) {
			size_t nw = 1 + rnd(8), len = 0;
			for (size_t w = 0; w < nw; w++)
				len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", w ? " " : "",
							w % 3 == 1 ? pool[rnd(POOL)] : words[rnd(NWORDS)]);
		} else {
			snprintf(text, sizeof(text), "%s", rnd(2) ? "" : "  ");
		}
		int empty = strspn(text, " ") == strlen(text);
		int put = store_import_put(im, a->ext, strlen(a->ext), text, strlen(text), empty);
		if (i < m->na) {
			assert_int_equal(put, PUT_REPLACED);
			if (strcmp(a->text, text)) {
				/* a new text: its machine codes are no longer in force */
				a->run = 0;
				memset(a->mcoded, 0, sizeof(a->mcoded));
				memset(a->mscore, 0, sizeof(a->mscore));
				a->mprimary = -1;
			}
		} else {
			assert_int_equal(put, PUT_NEW);
			a->id = (long long)(m->na + 1);
			m->na++;
		}
		snprintf(a->text, sizeof(a->text), "%s", text);
		a->empty = empty;
		if (with_group) {
			static const char *const values[] = { "x", "y", "" };
			const char *g = values[rnd(3)];
			assert_int_equal(store_import_group(im, "grp", g, strlen(g)), 0);
			snprintf(a->group, sizeof(a->group), "%s", g);
			a->has_group = 1;
		}
		rows++;
	}
	store_import_counts counts;
	assert_int_equal(store_import_finish(im, (long)rows, "0000", &counts), 0);
}

/* Code the answers (all, or only those without codes in force) with set, as a coder stores them. */
static void code(db *d, model *m, const lexicon_set *set, int only_new)
{
	assert_true(m->nruns < MAXR);
	assert_int_equal(db_begin(d), 0);
	long long run = runstore_next_id(d);
	int created;
	long long lex = runstore_lexicon_of(d, set, &created);
	assert_true(run > 0 && lex > 0);
	assert_int_equal(runstore_create(d, run, lex, only_new, "test", set), 0);
	assert_int_equal(db_commit(d), 0);
	m_run *r = &m->runs[m->nruns++];
	r->id = run;
	r->n = 0;
	for (size_t t = 0; t < set->nthemes; t++)
		r->themes[r->n++] = pool_index(set->themes[t].key);
	runstore_writer w;
	assert_int_equal(runstore_writer_init(&w, d, run), 0);
	assert_int_equal(db_begin(d), 0);
	long coded = 0;
	static const double scores[] = { 0.5, 1, 1, 2, 3 };
	for (size_t i = 0; i < m->na; i++) {
		m_answer *a = &m->a[i];
		if (only_new && a->run)
			continue;
		assert_int_equal(runstore_answer(&w, a->id), 1);
		coded++;
		a->run = run;
		memset(a->mcoded, 0, sizeof(a->mcoded));
		memset(a->mscore, 0, sizeof(a->mscore));
		a->mprimary = -1;
		int n = 0, codes[POOL];
		for (int t = 0; t < r->n && !a->empty; t++)
			if (rnd(5) < 2)
				codes[n++] = r->themes[t];
		/* the coder's primary: any of its themes, the highest score or not */
		int primary = n ? codes[rnd((unsigned)n)] : -1;
		for (int k = 0; k < n; k++) {
			int p = codes[k];
			a->mcoded[p] = 1;
			a->mscore[p] = scores[rnd(5)];
			assert_int_equal(runstore_code(&w, a->id, pool[p], a->mscore[p], p == primary), 0);
			size_t len = strlen(a->text);
			assert_int_equal(runstore_evidence(&w, a->id, pool[p], pool[p], 0, len < 4 ? (long long)len : 4), 0);
		}
		a->mprimary = primary;
	}
	assert_int_equal(db_commit(d), 0);
	runstore_writer_release(&w);
	assert_int_equal(runstore_finish(d, run, coded, only_new), 0);
}

/* The model's batch of the rows reviewer_decide records for ops on answer i. */
static void m_decide(model *m, size_t i, int coder, const decision *ops, size_t n, const int *keys,
		     const m_view *shown)
{
	long long batch = m->next_id;
	for (size_t k = 0; k < n; k++) {
		int rows[2 + POOL][2], nr = 0;
		rows[nr][0] = ops[k].action;
		rows[nr++][1] = ops[k].theme >= 0 ? keys[ops[k].theme] : -1;
		if (ops[k].action == DEC_ACCEPT) {
			/* an accept keeps what was shown */
			for (int p = 0; p < POOL; p++)
				if (shown->coded[p]) {
					rows[nr][0] = DEC_ADD;
					rows[nr++][1] = p;
				}
			rows[nr][0] = shown->primary >= 0 ? DEC_PRIMARY : DEC_NONE;
			rows[nr++][1] = shown->primary;
		}
		for (int r = 0; r < nr; r++) {
			assert_true(m->nd < MAXD);
			m->dec[m->nd++] = (m_decision){ m->next_id++, batch, (int)i, rows[r][0], rows[r][1], coder, 0 };
		}
	}
}

/* Random decisions: n batches and undos by the three coders, blind or not. */
static void decide(db *d, model *m, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int coder = (int)rnd(NCODERS), blind = (int)rnd(2);
		reviewer rv;
		assert_int_equal(reviewer_init(&rv, d, coders[coder], blind, NULL), 0);
		int keys[POOL];
		for (size_t t = 0; t < rv.nthemes; t++)
			keys[t] = pool_index(rv.keys[t]);
		if (rnd(7) == 0) {
			long long aid = 0;
			int r = reviewer_undo(&rv, &aid);
			long long last = 0;
			for (size_t j = 0; j < m->nd; j++)
				if (m->dec[j].coder == coder && live(m, &m->dec[j]))
					last = m->dec[j].batch;
			assert_int_equal(r, last ? 1 : 0);
			if (last) {
				assert_true(m->nd < MAXD);
				m->dec[m->nd] = (m_decision){ m->next_id, m->next_id, -1, -1, -1, coder, last };
				m->nd++;
				m->next_id++;
			}
			reviewer_release(&rv);
			continue;
		}
		size_t i = rnd((unsigned)m->na);
		answer_view v;
		memset(&v, 0, sizeof(v));
		assert_int_equal(reviewer_load(&rv, m->a[i].id, &v), 0);
		m_view mv = m_view_of(m, i, blind ? coder : -1);
		/* what the reviewer shows is what the model says */
		for (size_t t = 0; t < rv.nthemes; t++)
			assert_int_equal(!!v.coded[t], mv.coded[keys[t]]);
		assert_int_equal(v.primary >= 0 ? keys[v.primary] : -1, mv.primary);
		decision ops[4];
		size_t nops = 1 + rnd(3);
		for (size_t o = 0; o < nops; o++) {
			static const int actions[] = { DEC_ADD, DEC_ADD, DEC_REMOVE, DEC_PRIMARY, DEC_PRIMARY,
							DEC_NONE, DEC_ACCEPT };
			ops[o].action = actions[rnd(7)];
			ops[o].theme = ops[o].action == DEC_NONE || ops[o].action == DEC_ACCEPT
					       ? -1 : (int)rnd((unsigned)rv.nthemes);
		}
		assert_true(reviewer_decide(&rv, &v, ops, nops, rnd(2) ? "why" : NULL) > 0);
		m_decide(m, i, coder, ops, nops, keys, &mv);
		answer_view_release(&v);
		reviewer_release(&rv);
	}
}

/* ---- the readers ---- */

/* The model's themes as keys: keys[t], n themes; the reviewer of rv must have them. */
static void check_themes(const model *m, char **keys, char **labels, size_t n, const char *who)
{
	int want[POOL];
	size_t nw = m_themes(m, want);
	if (n != nw)
		fail_msg("%s: %zu themes, the model %zu", who, n, nw);
	for (size_t t = 0; t < n; t++) {
		if (strcmp(keys[t], pool[want[t]]))
			fail_msg("%s: theme %zu is '%s', the model's '%s'", who, t, keys[t], pool[want[t]]);
		char label[32];
		snprintf(label, sizeof(label), "Label %s", pool[want[t]]);
		if (labels && strcmp(labels[t], label))
			fail_msg("%s: theme '%s' has the label '%s'", who, keys[t], labels[t]);
	}
}

/* A view (coded per theme index of rv, primary an index) against the model's. */
static void check_view(const model *m, const reviewer *rv, size_t i, const int *coded, int primary,
		       const m_view *mv, const char *who)
{
	for (size_t t = 0; t < rv->nthemes; t++)
		if (!!coded[t] != mv->coded[pool_index(rv->keys[t])])
			fail_msg("%s: answer %s, theme %s: %d, the model %d", who, m->a[i].ext, rv->keys[t],
				 coded[t], mv->coded[pool_index(rv->keys[t])]);
	int p = primary >= 0 ? pool_index(rv->keys[primary]) : -1;
	if (p != mv->primary)
		fail_msg("%s: answer %s: primary %s, the model's %s", who, m->a[i].ext, p >= 0 ? pool[p] : "-",
			 mv->primary >= 0 ? pool[mv->primary] : "-");
}

typedef struct pass {
	const model *m;
	const reviewer *rv;
	int coder;       /* blind for this coder, or -1 */
	size_t seen;
	const char *who;
} pass;

static int check_pass(const answer_view *v, void *ctx)
{
	pass *p = ctx;
	size_t i = (size_t)(v->id - 1);
	assert_true(i < p->m->na);
	m_view mv = m_view_of(p->m, i, p->coder);
	check_view(p->m, p->rv, i, v->coded, v->primary, &mv, p->who);
	assert_int_equal(v->decided, mv.decided);
	assert_int_equal(v->empty, p->m->a[i].empty);
	if (p->coder < 0) {
		const m_answer *a = &p->m->a[i];
		assert_int_equal(v->run, a->run);
		for (size_t t = 0; t < p->rv->nthemes; t++) {
			int q = pool_index(p->rv->keys[t]);
			assert_int_equal(!!v->machine[t], a->mcoded[q]);
			assert_int_equal(!!v->human[t], mv.human[q]);
		}
		assert_int_equal(v->machine_primary >= 0 ? pool_index(p->rv->keys[v->machine_primary]) : -1,
				 a->mprimary);
	}
	p->seen++;
	return 0;
}

static void check_reviewer(db *d, const model *m)
{
	reviewer rv;
	assert_int_equal(reviewer_init(&rv, d, "check", 0, NULL), 0);
	check_themes(m, rv.keys, rv.labels, rv.nthemes, "reviewer");
	/* every answer in one pass, and one at a time (ids out of order) */
	pass p = { m, &rv, -1, 0, "reviewer_all" };
	assert_int_equal(reviewer_all(&rv, VIEW_ALL, check_pass, &p), 0);
	assert_int_equal(p.seen, m->na);
	long long ids[MAXA];
	for (size_t i = 0; i < m->na; i++)
		ids[i] = (long long)(m->na - i);
	p = (pass){ m, &rv, -1, 0, "reviewer_load" };
	assert_int_equal(reviewer_scan(&rv, ids, m->na, VIEW_ALL, check_pass, &p), 0);
	assert_int_equal(p.seen, m->na);
	reviewer_release(&rv);
	/* blind: each coder's own */
	for (int c = 0; c < NCODERS; c++) {
		assert_int_equal(reviewer_init(&rv, d, coders[c], 1, NULL), 0);
		p = (pass){ m, &rv, c, 0, "blind reviewer" };
		assert_int_equal(reviewer_all(&rv, 0, check_pass, &p), 0);
		reviewer_release(&rv);
	}
}

/* summary's counts */
static void check_counts(db *d, const model *m)
{
	reviewer rv;
	code_counts k;
	assert_int_equal(reviewer_init_any(&rv, d, "summary", 0, NULL), 0);
	assert_int_equal(reviewer_counts(&rv, &k), 0);
	long empty = 0, uncoded = 0, coded[POOL] = { 0 }, primary[POOL] = { 0 };
	for (size_t i = 0; i < m->na; i++) {
		m_view mv = m_view_of(m, i, -1);
		int any = 0;
		for (int p = 0; p < POOL; p++) {
			coded[p] += mv.coded[p];
			any |= mv.coded[p];
		}
		if (mv.primary >= 0)
			primary[mv.primary]++;
		empty += m->a[i].empty;
		uncoded += !any && !m->a[i].empty;
	}
	assert_int_equal(k.answers, (long)m->na);
	assert_int_equal(k.empty, empty);
	assert_int_equal(k.uncoded, uncoded);
	for (size_t t = 0; t < rv.nthemes; t++) {
		assert_int_equal(k.coded[t], coded[pool_index(rv.keys[t])]);
		assert_int_equal(k.primary[t], primary[pool_index(rv.keys[t])]);
	}
	code_counts_release(&k);
	reviewer_release(&rv);
}

/* export's rows */
static void check_export(db *d, const model *m)
{
	reviewer rv;
	table t;
	int *types;
	assert_int_equal(reviewer_init_any(&rv, d, "export", 0, NULL), 0);
	assert_int_equal(export_table(&rv, LANG_NL, &t, &types), 0);
	assert_int_equal(t.nrows, m->na);
	size_t nt = rv.nthemes, first = 3; /* id, grp, text */
	assert_string_equal(t.cols[1], "grp");
	check_themes(m, t.cols + first, t.labels + first, nt, "export");
	assert_string_equal(t.cols[first + nt], "primary");
	for (size_t r = 0; r < t.nrows; r++) {
		char **row = t.cells + r * t.ncols;
		const m_answer *a = &m->a[r];
		assert_string_equal(row[0], a->ext);
		if (a->has_group && *a->group)
			assert_string_equal(row[1], a->group);
		else
			assert_null(row[1]);
		m_view mv = m_view_of(m, r, -1);
		int coded[POOL];
		for (size_t k = 0; k < nt; k++) {
			coded[k] = !strcmp(row[first + k], "1");
			int q = pool_index(rv.keys[k]);
			/* the machine's score where it coded the theme, nothing where only a human did */
			if (mv.coded[q] && a->mcoded[q]) {
				char b[32];
				snprintf(b, sizeof(b), "%g", a->mscore[q]);
				assert_string_equal(row[first + nt + 1 + k], b);
			} else {
				assert_null(row[first + nt + 1 + k]);
			}
		}
		const char *pk = row[first + nt];
		check_view(m, &rv, r, coded, *pk ? reviewer_theme(&rv, pk) : -1, &mv, "export");
	}
	free(types);
	table_release(&t);
	reviewer_release(&rv);
}

/* table --by grp */
static void check_table(db *d, const model *m)
{
	crosstab x;
	const char *by[1] = { "grp" };
	assert_int_equal(crosstab_build(&x, d, NULL, by, 1, LANG_NL), 0);
	check_themes(m, x.rv.keys, x.rv.labels, x.rv.nthemes, "table");
	for (size_t g = 0; g < x.ng; g++) {
		long n = 0, cnt[POOL] = { 0 };
		for (size_t i = 0; i < m->na; i++) {
			const m_answer *a = &m->a[i];
			const char *grp = a->has_group && *a->group ? a->group : "(ontbreekt)";
			if (a->empty || strcmp(grp, x.groups[g]))
				continue;
			n++;
			m_view mv = m_view_of(m, i, -1);
			for (int p = 0; p < POOL; p++)
				cnt[p] += mv.coded[p];
		}
		assert_int_equal(x.n[g], n);
		for (size_t t = 0; t < x.rv.nthemes; t++)
			if (x.cnt[t * x.ng + g] != cnt[pool_index(x.rv.keys[t])])
				fail_msg("table: group %s, theme %s: %ld, the model %ld", x.groups[g], x.rv.keys[t],
					 x.cnt[t * x.ng + g], cnt[pool_index(x.rv.keys[t])]);
	}
	crosstab_release(&x);
}

/* quotes: the candidates of a theme are the non-empty answers with it as their primary */
static void check_quotes(db *d, const model *m)
{
	reviewer rv;
	assert_int_equal(reviewer_init(&rv, d, "quotes", 0, NULL), 0);
	quote_opts o = { .k = MAXA, .min_words = 0, .max_words = 1000 };
	theme_quotes *tq;
	long considered;
	assert_int_equal(quotes_select(&rv, st, &o, &tq, &considered), 0);
	for (size_t t = 0; t < rv.nthemes; t++) {
		int q = pool_index(rv.keys[t]);
		size_t want = 0;
		long coded = 0;
		for (size_t i = 0; i < m->na; i++) {
			m_view mv = m_view_of(m, i, -1);
			if (m->a[i].empty || mv.primary < 0)
				continue;
			coded += mv.coded[q];
			if (mv.primary != q)
				continue;
			want++;
			int found = 0;
			for (size_t k = 0; k < tq[t].n && !found; k++)
				if (tq[t].q[k].id == m->a[i].id) {
					found = 1;
					assert_int_equal(tq[t].q[k].confirmed, mv.human[q]);
				}
			if (!found)
				fail_msg("quotes: answer %s is no candidate of %s", m->a[i].ext, rv.keys[t]);
		}
		if (tq[t].candidates != want)
			fail_msg("quotes: %zu candidates of %s, the model %zu", tq[t].candidates, rv.keys[t], want);
		assert_int_equal(tq[t].n, want);
		assert_int_equal(tq[t].coded, coded);
	}
	quotes_release(tq, rv.nthemes);
	reviewer_release(&rv);
}

static void check_coding(const model *m, const reviewer *rv, const eval_coding *c, int coder, int machine,
			 const char *who)
{
	size_t k = rv->nthemes;
	for (size_t i = 0; i < m->na; i++) {
		const m_answer *a = &m->a[i];
		m_view mv = m_view_of(m, i, coder);
		if (machine) {
			memset(&mv, 0, sizeof(mv));
			memcpy(mv.coded, a->mcoded, sizeof(mv.coded));
			mv.primary = a->mprimary;
		}
		int has = machine ? a->run != 0 : coder >= 0 ? mv.decided : 1;
		assert_int_equal(c->has[i], has);
		int coded[POOL];
		for (size_t t = 0; t < k; t++)
			coded[t] = c->codes[i * k + t];
		check_view(m, rv, i, coded, c->primary[i], &mv, who);
	}
}

/* eval's codings: the machine's, each coder's own, the effective codes */
static void check_eval(db *d, const model *m)
{
	reviewer rv;
	project_answers pa;
	assert_int_equal(reviewer_init(&rv, d, "gold", 0, NULL), 0);
	assert_int_equal(project_answers_load(d, &pa), 0);
	assert_int_equal(pa.n, m->na);
	eval_coding c;
	eval_coding_init(&c, "machine", pa.n, rv.nthemes);
	assert_int_equal(codings_machine(&rv, &pa, &c), 0);
	check_coding(m, &rv, &c, -1, 1, "eval machine");
	eval_coding_release(&c);
	eval_coding_init(&c, "effective", pa.n, rv.nthemes);
	assert_int_equal(codings_view(&rv, &pa, NULL, 1, &c), 0);
	check_coding(m, &rv, &c, -1, 0, "eval effective");
	eval_coding_release(&c);
	for (int k = 0; k < NCODERS; k++) {
		eval_coding_init(&c, coders[k], pa.n, rv.nthemes);
		assert_int_equal(codings_view(&rv, &pa, coders[k], 0, &c), 0);
		check_coding(m, &rv, &c, k, 0, "eval coder");
		eval_coding_release(&c);
	}
	project_answers_release(&pa);
	reviewer_release(&rv);
}

/* the queues that depend on the effective codes */
static void check_queues(db *d, const model *m)
{
	reviewer rv;
	assert_int_equal(reviewer_init(&rv, d, "ann", 1, NULL), 0);
	for (int q = 0; q <= (int)rv.nthemes + 1; q++) {
		/* uncoded, multi, then each theme */
		const char *queue = q == 0 ? "uncoded" : q == 1 ? "multi" : "all";
		const char *theme = q >= 2 ? rv.keys[q - 2] : NULL;
		long long *ids;
		size_t n, k = 0;
		assert_int_equal(reviewer_queue(&rv, queue, theme, 0, 0, 1, &ids, &n), 0);
		for (size_t i = 0; i < m->na; i++) {
			/* a blind coder's queue is the project's */
			m_view mv = m_view_of(m, i, -1);
			int nc = 0;
			for (int p = 0; p < POOL; p++)
				nc += mv.coded[p];
			int want = q == 0 ? nc == 0 && !m->a[i].empty : q == 1 ? nc > 1
				   : mv.coded[pool_index(theme)];
			if (want) {
				if (k >= n || ids[k] != m->a[i].id)
					fail_msg("queue %s %s: answer %s is not in it", queue, theme ? theme : "",
						 m->a[i].ext);
				k++;
			}
		}
		assert_int_equal(k, n);
		free(ids);
	}
	reviewer_release(&rv);
}

/* Call the API as the server would; the body parsed. */
static json_t *call(api *a, serve_session *s, const char *path, const char *id)
{
	serve_kv kv = { "id", id };
	serve_request rq;
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.path = path;
	rq.args = &kv;
	rq.nargs = id ? 1 : 0;
	serve_response rs;
	serve_response_init(&rs);
	api_handle(a, s, &rq, &rs);
	assert_int_equal(rs.status, 200);
	json_error_t je;
	json_t *j = json_loads(rs.body.buf, 0, &je);
	assert_non_null(j);
	serve_response_release(&rs);
	return j;
}

/* the browser's API: the session's themes and every answer, blind and not */
static void check_api(db *d, const model *m)
{
	api a = { d, NULL, st, "test", 0 };
	for (int c = -1; c < NCODERS; c++) {
		serve_session s;
		memset(&s, 0, sizeof(s));
		snprintf(s.coder, sizeof(s.coder), "%s", c < 0 ? "ann" : coders[c]);
		s.blind = c >= 0;
		json_t *j = call(&a, &s, "/api/session", NULL);
		json_t *th = json_object_get(j, "themes");
		char *keys[POOL], *labels[POOL];
		size_t n = json_array_size(th);
		assert_true(n <= POOL);
		for (size_t t = 0; t < n; t++) {
			keys[t] = (char *)json_string_value(json_object_get(json_array_get(th, t), "key"));
			labels[t] = (char *)json_string_value(json_object_get(json_array_get(th, t), "label"));
		}
		check_themes(m, keys, labels, n, "api session");
		reviewer rv = { .d = d, .keys = keys, .labels = labels, .nthemes = n };
		for (size_t i = 0; i < m->na; i++) {
			char id[24];
			snprintf(id, sizeof(id), "%lld", m->a[i].id);
			json_t *v = call(&a, &s, "/api/answer", id);
			json_t *jc = json_object_get(v, "coded");
			int coded[POOL];
			assert_int_equal(json_array_size(jc), n);
			for (size_t t = 0; t < n; t++)
				coded[t] = json_is_true(json_array_get(jc, t));
			m_view mv = m_view_of(m, i, c);
			check_view(m, &rv, i, coded, (int)json_integer_value(json_object_get(v, "primary")), &mv,
				   c < 0 ? "api" : "api blind");
			json_decref(v);
		}
		json_decref(j);
	}
}

/* the database's views, for SQL */
static void check_sql_views(db *d, const model *m)
{
	int coded[MAXA][POOL], primary[MAXA];
	memset(coded, 0, sizeof(coded));
	for (size_t i = 0; i < MAXA; i++)
		primary[i] = -1;
	sqlite3_stmt *s = db_prepare(d, "SELECT answer_id, theme FROM effective_codes");
	while (sqlite3_step(s) == SQLITE_ROW)
		coded[sqlite3_column_int64(s, 0) - 1][pool_index((const char *)sqlite3_column_text(s, 1))] = 1;
	sqlite3_finalize(s);
	s = db_prepare(d, "SELECT answer_id, theme FROM effective_primary");
	while (sqlite3_step(s) == SQLITE_ROW)
		primary[sqlite3_column_int64(s, 0) - 1] = pool_index((const char *)sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	for (size_t i = 0; i < m->na; i++) {
		m_view mv = m_view_of(m, i, -1);
		for (int p = 0; p < POOL; p++)
			if (coded[i][p] != mv.coded[p])
				fail_msg("effective_codes: answer %s, theme %s: %d, the model %d", m->a[i].ext, pool[p],
					 coded[i][p], mv.coded[p]);
		if (primary[i] != mv.primary)
			fail_msg("effective_primary: answer %s: %s, the model's %s", m->a[i].ext,
				 primary[i] >= 0 ? pool[primary[i]] : "-", mv.primary >= 0 ? pool[mv.primary] : "-");
	}
}

static void check_all(db *d, const model *m)
{
	theme_list t;
	assert_int_equal(project_themes(d, NULL, &t), 0);
	check_themes(m, t.keys, t.labels, t.n, "project_themes");
	theme_list_release(&t);
	check_reviewer(d, m);
	check_counts(d, m);
	check_export(d, m);
	check_table(d, m);
	check_quotes(d, m);
	check_eval(d, m);
	check_queues(d, m);
	check_api(d, m);
	check_sql_views(d, m);
}

static void drop(db *d)
{
	db_close(d);
	static const char *const beside[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char p[96];
		snprintf(p, sizeof(p), "%s%s", db_file, beside[i]);
		unlink(p);
	}
}

static void test_project__every_reader_sees_the_same_codes(void **state)
{
	(void)state;
	st = stem_new(NULL);
	assert_non_null(st);
	static model m;
	for (unsigned seed = 1; seed <= SEEDS; seed++) {
		rng = seed * 0x9E3779B97F4A7C15ULL + 7;
		memset(&m, 0, sizeof(m));
		m.next_id = 1;
		snprintf(db_file, sizeof(db_file), "/tmp/qcode-test-project.%d.db", (int)getpid());
		drop(NULL);
		db *d = db_open(db_file, DB_CREATE);
		assert_non_null(d);
		/* a codeframe of four of the pool's themes */
		int in[POOL] = { 0 };
		for (int k = 0; k < 4;) {
			int p = (int)rnd(POOL);
			k += !in[p];
			in[p] = 1;
		}
		import(d, &m, 18 + rnd(10), 0, 1);
		code(d, &m, codeframe(in), 0);
		check_all(d, &m);
		/* many decisions, or (a seed in three) a few */
		decide(d, &m, rnd(3) ? 30 + rnd(20) : rnd(4));
		check_all(d, &m);
		/* new texts for some, new answers (without the group variable), a
		   codeframe without one of its themes and with another */
		import(d, &m, 6, 1, 1);
		import(d, &m, 4, 0, 0);
		int out = (int)rnd(POOL);
		while (!in[out])
			out = (int)rnd(POOL);
		int add = (int)rnd(POOL);
		while (in[add])
			add = (int)rnd(POOL);
		in[out] = 0;
		in[add] = 1;
		code(d, &m, codeframe(in), (int)rnd(2));
		check_all(d, &m);
		decide(d, &m, 30 + rnd(20));
		check_all(d, &m);
		drop(d);
		while (nsets)
			lexicon_set_free(sets[--nsets]);
	}
	stem_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project__every_reader_sees_the_same_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
