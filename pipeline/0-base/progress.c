/*
 * progress: the terminal progress bar (see progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

static double elapsed(const progress *p)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

void progress_start(progress *p, const char *what, long total)
{
	p->what = what;
	p->total = total;
	p->tty = isatty(STDERR_FILENO);
	p->shown = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
}

void progress_update(progress *p, long done)
{
	if (!p->tty || elapsed(p) < 1.0)
		return;
	if (p->total > 0) {
		int pct = (int)(100.0 * (double)done / (double)p->total);
		int bar = pct / 4;
		fprintf(stderr, "\r%s [%.*s%*s] %3d%% %ld/%ld", p->what, bar,
			"#########################", 25 - bar, "", pct, done, p->total);
	} else {
		fprintf(stderr, "\r%s %ld", p->what, done);
	}
	p->shown = 1;
}

void progress_end(progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
