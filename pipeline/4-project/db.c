/*
 * db: opening, migrating and small helpers for the project database.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* How long a writer waits for another (milliseconds). */
#define DB_BUSY_TIMEOUT 5000
/* How many busy timeouts work under way waits (db_begin_patient). */
#define DB_PATIENCE 60
/* Where the run locks are: byte RUN_LOCK_BASE + run of the database file,
   far from the bytes SQLite locks (from 1 GiB on). */
#define RUN_LOCK_BASE ((off_t)1 << 60)

struct db {
	sqlite3 *h;       /* the connection */
	char *path;       /* file name */
	int busy_ms;      /* busy timeout */
	int created;      /* this open made the file */
	char *readonly;   /* why it cannot be written, or NULL */
	int lock_fd;      /* the file again, for run locks; closed after h */
};

static const char *const schema_v1 =
	"CREATE TABLE imports(\n"
	"  id INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
	"  format TEXT NOT NULL, source TEXT, rows INTEGER NOT NULL, created TEXT NOT NULL);\n"
	"CREATE TABLE answers(\n"
	"  id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,\n"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
	"  text TEXT NOT NULL, empty INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE attributes(\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL, value TEXT, PRIMARY KEY(answer_id, name)) WITHOUT ROWID;\n"
	"CREATE TABLE lexicon_versions(\n"
	"  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, stemmer TEXT NOT NULL,\n"
	"  files TEXT NOT NULL, created TEXT NOT NULL);\n"
	"CREATE TABLE runs(\n"
	"  id INTEGER PRIMARY KEY, lexicon_id INTEGER NOT NULL REFERENCES lexicon_versions(id),\n"
	"  started TEXT NOT NULL, finished TEXT, answers INTEGER NOT NULL DEFAULT 0,\n"
	"  only_new INTEGER NOT NULL DEFAULT 0, qcode_version TEXT NOT NULL);\n"
	"CREATE TABLE run_themes(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL,\n"
	"  key TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY(run_id, key)) WITHOUT ROWID;\n"
	"CREATE TABLE coded(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY(answer_id, run_id)) WITHOUT ROWID;\n"
	"CREATE TABLE codes(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  theme TEXT NOT NULL, score REAL NOT NULL, is_primary INTEGER NOT NULL,\n"
	"  PRIMARY KEY(run_id, answer_id, theme)) WITHOUT ROWID;\n"
	"CREATE TABLE evidence(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  theme TEXT NOT NULL, rule_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);\n"
	"CREATE INDEX evidence_answer ON evidence(run_id, answer_id);\n"
	"CREATE TABLE decisions(\n"
	"  id INTEGER PRIMARY KEY, answer_id INTEGER NOT NULL REFERENCES answers(id),\n"
	"  action TEXT NOT NULL CHECK(action IN ('add','remove','primary','none','accept','undo')),\n"
	"  theme TEXT, coder TEXT NOT NULL, at TEXT NOT NULL, note TEXT,\n"
	"  batch INTEGER NOT NULL, undoes INTEGER);\n"
	"CREATE INDEX decisions_answer ON decisions(answer_id, theme);\n"
	"CREATE INDEX decisions_undo ON decisions(undoes);\n"
	"CREATE TRIGGER decisions_append_only_u BEFORE UPDATE ON decisions\n"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"
	"CREATE TRIGGER decisions_append_only_d BEFORE DELETE ON decisions\n"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"
	/* decisions not taken back by an undo */
	"CREATE VIEW live_decisions AS\n"
	"  SELECT * FROM decisions d WHERE action <> 'undo' AND NOT EXISTS\n"
	"  (SELECT 1 FROM decisions u WHERE u.action = 'undo' AND u.undoes = d.batch);\n"
	/* machine codes: the latest finished run that coded each answer, kept
	   up to date in the transaction that finishes a run */
	"CREATE TABLE latest_runs(\n"
	"  answer_id INTEGER PRIMARY KEY REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id));\n"
	"CREATE VIEW latest_coded AS SELECT answer_id, run_id FROM latest_runs;\n"
	"CREATE VIEW machine_codes AS\n"
	"  SELECT c.answer_id, c.theme, c.score, c.is_primary, c.run_id FROM latest_runs l\n"
	"  JOIN codes c ON c.run_id = l.run_id AND c.answer_id = l.answer_id;\n"
	/* human decisions: the latest add/remove per theme; 'none' removes what came before */
	"CREATE VIEW human_themes AS\n"
	"  SELECT answer_id, theme, action, max(id) AS id FROM live_decisions\n"
	"  WHERE action IN ('add','remove') GROUP BY answer_id, theme;\n"
	"CREATE VIEW human_none AS\n"
	"  SELECT answer_id, max(id) AS id FROM live_decisions WHERE action = 'none' GROUP BY answer_id;\n"
	"CREATE VIEW effective_codes AS\n"
	"  WITH cand AS (SELECT answer_id, theme, score FROM machine_codes\n"
	"                UNION ALL SELECT answer_id, theme, NULL FROM human_themes WHERE action = 'add')\n"
	"  SELECT c.answer_id, c.theme, max(c.score) AS score,\n"
	"         CASE WHEN h.id IS NULL THEN 'machine' ELSE 'human' END AS source\n"
	"  FROM cand c\n"
	"  LEFT JOIN human_themes h ON h.answer_id = c.answer_id AND h.theme = c.theme\n"
	"  LEFT JOIN human_none n ON n.answer_id = c.answer_id\n"
	"  WHERE (h.id IS NULL AND n.id IS NULL) OR (h.action = 'add' AND (n.id IS NULL OR h.id > n.id))\n"
	"  GROUP BY c.answer_id, c.theme;\n"
	"CREATE VIEW effective_primary AS\n"
	"  WITH hp AS (SELECT d.answer_id, d.theme, max(d.id) AS id FROM live_decisions d\n"
	"              JOIN effective_codes e ON e.answer_id = d.answer_id AND e.theme = d.theme\n"
	"              WHERE d.action = 'primary'\n"
	"                AND d.id > coalesce((SELECT id FROM human_none n WHERE n.answer_id = d.answer_id), 0)\n"
	"              GROUP BY d.answer_id),\n"
	"  ranked AS (SELECT e.answer_id, e.theme,\n"
	"       row_number() OVER (PARTITION BY e.answer_id ORDER BY\n"
	"         (hp.id IS NOT NULL) DESC, coalesce(m.is_primary, 0) DESC,\n"
	"         coalesce(e.score, 0) DESC, e.theme) AS rk\n"
	"     FROM effective_codes e\n"
	"     LEFT JOIN hp ON hp.answer_id = e.answer_id AND hp.theme = e.theme\n"
	"     LEFT JOIN machine_codes m ON m.answer_id = e.answer_id AND m.theme = e.theme)\n"
	"  SELECT answer_id, theme FROM ranked WHERE rk = 1;\n";

/* What version 2 adds. */
static const char *const schema_v2 =
	"CREATE TABLE text_changes(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,\n"
	"  import_id INTEGER NOT NULL REFERENCES imports(id), at TEXT NOT NULL,\n"
	"  after_decision INTEGER NOT NULL);\n"
	"CREATE INDEX text_changes_answer ON text_changes(answer_id);\n";

/* What version 3 adds. */
static const char *const schema_v3 =
	"CREATE TABLE questions(\n"
	"  name TEXT NOT NULL, role TEXT NOT NULL CHECK(role IN ('id','text','group')),\n"
	"  label TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports(id),\n"
	"  PRIMARY KEY(role, name)) WITHOUT ROWID;\n";

sqlite3 *db_sqlite(db *d) { return d->h; }
const char *db_path(const db *d) { return d->path; }
const char *db_sqlite_version(void) { return sqlite3_libversion(); }
int db_in_transaction(db *d) { return !sqlite3_get_autocommit(d->h); }

int db_error(db *d, const char *what)
{
	error_set_code(EXIT_DB);
	int code = sqlite3_errcode(d->h);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return error("%s: database '%s' is busy (another qcode is writing it); try again",
			     what, d->path);
	if (code == SQLITE_READONLY && d->readonly)
		return error("cannot write database '%s': %s", d->path, d->readonly);
	return error("%s: %s (database '%s')", what, sqlite3_errmsg(d->h), d->path);
}

int db_writable(db *d)
{
	if (!d->readonly)
		return 0;
	error_set_code(EXIT_DB);
	return error("cannot write database '%s': %s", d->path, d->readonly);
}

int db_exec(db *d, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		return db_error(d, "database error");
	}
	return 0;
}

/* Milliseconds since some fixed moment. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* BEGIN IMMEDIATE, tried again while busy for up to patience ms. */
static int begin(db *d, long long patience)
{
	if (db_writable(d))
		return -1;
	long long until = now_ms() + patience;
	for (;;) {
		/* each try waits the busy timeout in SQLite's busy handler */
		int rc = sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || now_ms() >= until)
			return db_error(d, "database error");
	}
}

int db_begin(db *d) { return begin(d, 0); }

int db_begin_patient(db *d) { return begin(d, (long long)DB_PATIENCE * d->busy_ms); }

int db_commit(db *d)
{
	long long until = now_ms() + d->busy_ms;
	for (;;) {
		/* a COMMIT that is busy leaves the transaction open, to try again */
		int rc = sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if (rc != SQLITE_BUSY || sqlite3_get_autocommit(d->h) || now_ms() >= until)
			return db_error(d, "database error");
		struct timespec pause = { 0, 10 * 1000000 };
		nanosleep(&pause, NULL);
	}
}

void db_rollback(db *d)
{
	if (!sqlite3_get_autocommit(d->h))
		sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *db_prepare(db *d, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(d, "database error");
		return NULL;
	}
	return st;
}

void db_now(char *buf)
{
	const char *fixed = getenv("QCODE_NOW"); /* reproducible output in tests */
	if (fixed && *fixed) {
		snprintf(buf, 21, "%s", fixed);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int user_version(db *d, int *v)
{
	sqlite3_stmt *st = db_prepare(d, "PRAGMA user_version");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_error(d, "cannot read the schema version");
}

/* Make the file private: it holds personal data. */
static void make_private(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && (sb.st_mode & 0777) != 0600 && chmod(path, 0600) != 0)
		warning("cannot make database '%s' private (mode 0600): %s", path, strerror(errno));
}

static int migrate(db *d)
{
	int v;
	if (user_version(d, &v))
		return -1;
	if (v == DB_SCHEMA_VERSION)
		return 0;
	if (v > DB_SCHEMA_VERSION) {
		error_set_code(EXIT_DB);
		return error("database '%s' has schema version %d; this qcode knows up to %d",
			     d->path, v, DB_SCHEMA_VERSION);
	}
	if (d->readonly) {
		if (v == 0) {
			error_set_code(EXIT_DB);
			return error("database '%s' holds no project, and cannot be made one: %s",
				     d->path, d->readonly);
		}
		/* read as it is: what the later versions add is empty */
		if (v < 2 && db_exec(d, "CREATE TEMP TABLE text_changes(id INTEGER PRIMARY KEY,"
				       " answer_id INTEGER, import_id INTEGER, at TEXT, after_decision INTEGER)"))
			return -1;
		return v < 3 ? db_exec(d, "CREATE TEMP TABLE questions(name TEXT, role TEXT, label TEXT,"
					  " import_id INTEGER)") : 0;
	}
	if (db_begin(d))
		return -1;
	if (user_version(d, &v))
		goto fail;
	if (v == 0) {
		/* a file qcode takes over: it will hold personal data */
		make_private(d->path);
		if (db_exec(d, schema_v1))
			goto fail;
	}
	if (v < 2 && db_exec(d, schema_v2))
		goto fail;
	if (v < 3 && db_exec(d, schema_v3))
		goto fail;
	if (v < DB_SCHEMA_VERSION) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", DB_SCHEMA_VERSION);
		if (db_exec(d, sql))
			goto fail;
	}
	return db_commit(d);
fail:
	db_rollback(d);
	return -1;
}

/* The folder a file is in ("." for a bare name); malloc'ed. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Why the database at path cannot be written, or NULL when it can: the
 * file, SQLite's -wal and -shm files when they are there and read-only,
 * or the folder when SQLite must make them and cannot.
 */
static char *why_readonly(const char *path)
{
	strbuf sb;
	sb_init(&sb);
	if (access(path, W_OK) != 0) {
		sb_addf(&sb, "the file is read-only (%s)", strerror(errno));
		return sb_detach(&sb);
	}
	static const char *const beside[] = { "-wal", "-shm" };
	int missing = 0;
	for (int i = 0; i < 2; i++) {
		strbuf f;
		sb_init(&f);
		sb_addf(&f, "%s%s", path, beside[i]);
		if (access(f.buf, F_OK) != 0)
			missing = 1;
		else if (access(f.buf, W_OK) != 0)
			sb_addf(&sb, "'%s' is read-only (%s)", f.buf, strerror(errno));
		sb_release(&f);
		if (sb.len)
			return sb_detach(&sb);
	}
	char *dir = folder_of(path);
	if (missing && access(dir, W_OK) != 0)
		sb_addf(&sb, "its folder '%s' is read-only (%s), and SQLite must make '%s-wal' there",
			dir, strerror(errno), path);
	free(dir);
	if (sb.len)
		return sb_detach(&sb);
	sb_release(&sb);
	return NULL;
}

/* A file name as an SQLite URI ("file:NAME?PARAMS"). */
static char *uri_of(const char *path, const char *params)
{
	strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_addf(&sb, "%%%02X", (unsigned char)*p);
		else
			sb_addc(&sb, *p);
	}
	sb_addf(&sb, "?%s", params);
	return sb_detach(&sb);
}

db *db_open(const char *path, int flags)
{
	db *d = xcalloc(1, sizeof(*d));
	d->path = xstrdup(path);
	d->lock_fd = -1;
	struct stat sb;
	int exists = stat(path, &sb) == 0;

	if (!exists && (flags & DB_CREATE)) {
		/* personal data: only the owner may read it */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0 && errno != EEXIST) {
			error("cannot open database '%s': %s", path, strerror(errno));
			goto fail;
		}
		if (fd >= 0) {
			d->created = 1;
			close(fd);
		}
	} else if (!exists) {
		error("no project database '%s': import answers first (qcode import FILE), name "
		      "another with --db, or code answers without one with 'qcode code - < FILE'",
		      path);
		goto fail;
	} else if (S_ISDIR(sb.st_mode)) {
		error("cannot open database '%s': %s", path, strerror(EISDIR));
		goto fail;
	}
	d->readonly = why_readonly(path);
	if (!d->readonly && exists && sb.st_size == 0)
		make_private(path); /* before SQLite makes its -wal and -shm like it */
	/* a descriptor for the run locks, never closed while SQLite has the
	   file open: closing a descriptor drops the process's POSIX locks */
	d->lock_fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;
	if (!d->readonly) {
		rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	} else {
		/* no connection has it open (no -shm) and nothing waits in a
		   -wal: read it as unchanging, which leaves no -wal and -shm
		   behind (a read-only connection would make them, and a folder
		   may not let it) */
		strbuf shm, wal;
		sb_init(&shm);
		sb_init(&wal);
		sb_addf(&shm, "%s-shm", path);
		sb_addf(&wal, "%s-wal", path);
		struct stat ws;
		int frozen = access(shm.buf, F_OK) != 0 && (stat(wal.buf, &ws) != 0 || ws.st_size == 0);
		sb_release(&shm);
		sb_release(&wal);
		char *uri = uri_of(path, frozen ? "immutable=1" : "mode=ro");
		rc = sqlite3_open_v2(uri, &d->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
				     NULL);
		free(uri);
	}
	if (rc != SQLITE_OK) {
		error("cannot open database '%s': %s", path,
		      d->h ? sqlite3_errmsg(d->h) : "out of memory");
		goto fail;
	}
	const char *wait = getenv("QCODE_BUSY_TIMEOUT_MS");
	d->busy_ms = wait && *wait ? atoi(wait) : DB_BUSY_TIMEOUT;
	if (d->busy_ms < 0)
		d->busy_ms = 0;
	sqlite3_busy_timeout(d->h, d->busy_ms);
	sqlite3_extended_result_codes(d->h, 0);
	if (!d->readonly && db_exec(d, "PRAGMA journal_mode=WAL"))
		goto fail;
	if (db_exec(d, "PRAGMA foreign_keys=ON") ||
	    (!d->readonly && db_exec(d, "PRAGMA synchronous=NORMAL")))
		goto fail;
	if (migrate(d))
		goto fail;
	return d;
fail:
	error_set_code(EXIT_DB);
	db_discard(d);
	return NULL;
}

int db_run_lock(db *d, long long run)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = RUN_LOCK_BASE + run,
			    .l_len = 1 };
	if (d->lock_fd < 0 || fcntl(d->lock_fd, F_OFD_SETLK, &fl) != 0) {
		error_set_code(EXIT_DB);
		return error("cannot mark run %lld as under way in '%s': %s", run, d->path,
			     strerror(d->lock_fd < 0 ? EBADF : errno));
	}
	return 0;
}

int db_run_alive(db *d, long long run)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = RUN_LOCK_BASE + run,
			    .l_len = 1 };
	if (d->lock_fd < 0 || fcntl(d->lock_fd, F_OFD_GETLK, &fl) != 0)
		return -1;
	return fl.l_type != F_UNLCK;
}

void db_discard(db *d)
{
	if (!d)
		return;
	int remove_it = d->created;
	if (remove_it && d->h) {
		sqlite3_stmt *st = NULL;
		/* an import that failed left no rows; any other kept it */
		if (sqlite3_prepare_v2(d->h, "SELECT count(*) FROM imports", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			remove_it = sqlite3_column_int64(st, 0) == 0;
		sqlite3_finalize(st);
	}
	char *path = xstrdup(d->path);
	db_close(d);
	if (remove_it) {
		static const char *const beside[] = { "", "-wal", "-shm", "-journal" };
		for (int i = 0; i < 4; i++) {
			strbuf f;
			sb_init(&f);
			sb_addf(&f, "%s%s", path, beside[i]);
			unlink(f.buf);
			sb_release(&f);
		}
	}
	free(path);
}

void db_close(db *d)
{
	if (!d)
		return;
	if (d->h)
		sqlite3_close(d->h);
	if (d->lock_fd >= 0)
		close(d->lock_fd);
	free(d->readonly);
	free(d->path);
	free(d);
}
