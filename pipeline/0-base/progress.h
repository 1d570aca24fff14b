/*
 * progress: a progress bar on standard error, shown only when standard
 * error is a terminal and the job has run for more than a second.
 */
#ifndef QCODE_PROGRESS_H
#define QCODE_PROGRESS_H

#include <time.h>

typedef struct progress {
	const char *what;    /* "coding", "importing" */
	long total;          /* items expected, or 0 if unknown */
	struct timespec t0;  /* start */
	int tty;             /* standard error is a terminal */
	int shown;           /* something was drawn */
} progress;

void progress_start(progress *p, const char *what, long total);
void progress_update(progress *p, long done);
void progress_end(progress *p);

#endif
