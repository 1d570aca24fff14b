/*
 * db: the project database (SQLite). Opens and migrates the schema, and
 * offers transactions and run locks. The queries are the project layer's
 * (project.h and its companions), which alone sees SQL (store.h).
 *
 * Schema (version 3):
 *   imports(id, file, sha256, format, source, rows, created)
 *   answers(id, ext_id UNIQUE, import_id, text, empty)
 *   attributes(answer_id, name, value)             group variables
 *   lexicon_versions(id, hash UNIQUE, stemmer, files, created)
 *   runs(id, lexicon_id, started, finished, answers, only_new, qcode_version)
 *   run_themes(run_id, idx, key, label)
 *   coded(run_id, answer_id)                       answers a run coded
 *   latest_runs(answer_id, run_id)                 the latest finished run of
 *       each answer, updated in the transaction that finishes a run
 *   codes(run_id, answer_id, theme, score, is_primary)
 *   evidence(run_id, answer_id, theme, rule_id, start, end)
 *   decisions(id, answer_id, action, theme, coder, at, note, batch, undoes)
 *       append-only; the rows of one keypress or command share a batch
 *       (its first id); an 'undo' row takes back the batch it undoes
 *   text_changes(id, answer_id, import_id, at, after_decision)   (version 2)
 *       an answer given a new text by `import --replace`, and the last
 *       decision made before (the decisions up to it saw the old text)
 *   questions(name, role, label, import_id)        (version 3)
 *       the question text of the id, text and group columns (role), as a
 *       survey export or a .sav's variable labels give it
 * Views: live_decisions (not undone), machine_codes (latest finished run
 * per answer), effective_codes and effective_primary (machine codes with
 * the live human decisions on top: the rule of review.h, which qcode's
 * commands use; the views are the same for SQL, as test_project checks).
 */
#ifndef QCODE_DB_H
#define QCODE_DB_H

#define DB_SCHEMA_VERSION 3

enum db_open_flags {
	DB_CREATE = 1, /* create the file (mode 0600) when missing */
};

typedef struct db db;

/*
 * Open (and create or migrate) the project database at path. Returns NULL
 * after reporting "cannot open database 'PATH': REASON", or, when it is
 * missing and flags lack DB_CREATE, "no project database 'PATH': ..." with
 * the ways on (import first, --db, qcode code - for a stream). The connection is
 * for one thread at a time (SQLite's multi-thread mode: no lock per call).
 * An empty file, or one without a project yet, is made private (0600).
 * A database that cannot be written -- the file is read-only, or its folder
 * is and SQLite cannot make its -wal file there -- is opened for reading;
 * the first write then fails, saying why (db_writable()).
 */
db *db_open(const char *path, int flags);
void db_close(db *d);
/*
 * Close; when this open created the file and no import went into it,
 * remove it and SQLite's files beside it (an import that failed leaves
 * nothing behind).
 */
void db_discard(db *d);

/* 0 when the database can be written, else -1 after reporting
   "cannot write database 'PATH': WHY" (exit code EXIT_DB). */
int db_writable(db *d);

const char *db_path(const db *d);

/* The version of the SQLite library ("3.40.1"). */
const char *db_sqlite_version(void);
/*
 * BEGIN IMMEDIATE, waiting the busy timeout (5 s, $QCODE_BUSY_TIMEOUT_MS)
 * for another writer; COMMIT, tried again while SQLite says busy;
 * ROLLBACK. No statement of the connection may be active at a BEGIN
 * (it would hold an old snapshot that no wait can bring up to date).
 */
int db_begin(db *d);
int db_commit(db *d);
void db_rollback(db *d);
/*
 * BEGIN IMMEDIATE for work under way that should not be lost to another
 * writer: waits for it as long as it writes, up to 60 busy timeouts
 * (5 minutes by default).
 */
int db_begin_patient(db *d);

/*
 * A lock that says a coding run is under way: held from db_run_lock()
 * until the connection is closed or the process ends, however it ends
 * (an open-file-description lock on a byte of the database file far
 * beyond SQLite's own). db_run_alive() returns 1 when some connection
 * holds run's lock, 0 when none does, -1 when it cannot tell.
 */
int db_run_lock(db *d, long long run);
int db_run_alive(db *d, long long run);

/* Current time as ISO 8601 UTC ("2026-11-23T10:00:00Z"); buf >= 21 bytes. */
void db_now(char *buf);

#endif
