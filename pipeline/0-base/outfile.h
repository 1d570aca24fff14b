/*
 * outfile: opening the files qcode writes. Every writer goes through
 * outfile_open(), which refuses a path that is, by any name (a symbolic
 * link, "..", a hard link), one of the files registered as never to be
 * written over -- the project database and the files SQLite keeps beside
 * it -- and which creates files holding personal data readable by their
 * owner only.
 */
#ifndef QCODE_OUTFILE_H
#define QCODE_OUTFILE_H

#include <stdio.h>

/* Permissions of private files unless outfile_set_mode() says otherwise. */
#define OUTFILE_PRIVATE_MODE 0600

/*
 * Never write over the file at path (while it exists), nor over SQLite's
 * "-wal", "-shm" and "-journal" files beside it, under whatever name.
 * what names it in messages ("the project database"); both strings are
 * borrowed and must outlive every later call. At most 4 registrations.
 */
void outfile_protect(const char *path, const char *what);

/* Forget every registration (for tests). */
void outfile_unprotect_all(void);

/* Permissions of the private files written from now on (0 to 0777). */
void outfile_set_mode(unsigned mode);

enum outfile_flags {
	OUTFILE_PRIVATE = 1, /* personal data: made (and an existing regular
				file set to) the private mode */
};

/*
 * Whether path may be written: returns 0, or -1 after reporting
 * "cannot write 'PATH': it is the project database 'DB'" (or its
 * write-ahead log, ...) with the exit code EXIT_IO. For writers that
 * hand a path to a library; others use outfile_open().
 */
int outfile_check(const char *path);

/*
 * The same for an open descriptor (standard output redirected by the
 * shell): name is what messages call it.
 */
int outfile_check_fd(int fd, const char *name);

/*
 * Open path for writing, truncated ("wb"), after outfile_check(). With
 * OUTFILE_PRIVATE a new file gets the private mode whatever the umask,
 * and an existing regular file is set to it; other files get the usual
 * 0666 less the umask. Returns NULL after reporting "cannot open 'PATH'
 * for writing: REASON" (exit code EXIT_IO).
 */
FILE *outfile_open(const char *path, int flags);

#endif
