/*
 * store: what the modules of the project layer share and no command sees
 * -- the SQLite connection of a project database and the helpers to run
 * SQL on it. Included by db.c and by the project layer only (project.c,
 * store_*.c, review.c, runstore.c, runimport.c); everything above them
 * (commands, stages, the browser's API) asks the project layer, which
 * owns every query outside the schema.
 */
#ifndef QCODE_STORE_H
#define QCODE_STORE_H

#include <sqlite3.h>

#include "db.h"

/* The SQLite handle, borrowed. */
sqlite3 *db_sqlite(db *d);

/* Run SQL without results; reports and returns -1 on failure. */
int db_exec(db *d, const char *sql);

/* Prepare; reports and returns NULL on failure. */
sqlite3_stmt *db_prepare(db *d, const char *sql);

/* Report the last SQLite error with a context ("cannot import"); returns -1. */
int db_error(db *d, const char *what);

/* Whether a transaction of the connection is open. */
int db_in_transaction(db *d);

/* Column i of the current row as text (NULL for NULL). */
#define COL_TEXT(st, i) ((const char *)sqlite3_column_text((st), (i)))

#endif
