/*
 * outfile: the one way qcode opens a file to write (see outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define MAX_PROTECTED 4

/* The files SQLite keeps beside a database, and what each is to it. */
static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
static const char *const roles[] = { "", "the write-ahead log of ", "the shared-memory index of ",
				     "the rollback journal of " };
#define NSUFFIXES (sizeof(suffixes) / sizeof(*suffixes))

static struct protected_file {
	const char *path; /* as registered */
	const char *what; /* "the project database" */
} protected[MAX_PROTECTED];
static size_t nprotected;
static unsigned private_mode = OUTFILE_PRIVATE_MODE;

void outfile_protect(const char *path, const char *what)
{
	if (nprotected < MAX_PROTECTED && path && *path)
		protected[nprotected++] = (struct protected_file){ path, what };
}

void outfile_unprotect_all(void) { nprotected = 0; }

void outfile_set_mode(unsigned mode) { private_mode = mode & 0777; }

/*
 * The absolute name a write to path lands on: symbolic links followed
 * (a dangling one too, to the file it would create), "." and ".."
 * resolved. NULL when its directory does not exist (nothing can be
 * written there). The result is malloc'ed.
 */
static char *final_name(const char *path)
{
	strbuf cur;
	sb_init(&cur);
	sb_adds(&cur, path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		char target[PATH_MAX];
		if (lstat(cur.buf, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		ssize_t n = readlink(cur.buf, target, sizeof(target) - 1);
		if (n < 0)
			break;
		target[n] = '\0';
		if (target[0] != '/') {
			char *slash = strrchr(cur.buf, '/');
			size_t keep = slash ? (size_t)(slash - cur.buf) + 1 : 0;
			cur.len = keep;
			cur.buf[keep] = '\0';
		} else {
			sb_reset(&cur);
		}
		sb_adds(&cur, target);
	}
	char *whole = realpath(cur.buf, NULL);
	if (whole) {
		sb_release(&cur);
		return whole;
	}
	/* a file yet to be made: its directory resolved, its own name kept */
	char *slash = strrchr(cur.buf, '/');
	const char *base = slash ? slash + 1 : cur.buf;
	char *dir;
	if (!slash)
		dir = realpath(".", NULL);
	else if (slash == cur.buf)
		dir = xstrdup("/");
	else {
		*slash = '\0';
		dir = realpath(cur.buf, NULL);
	}
	char *out = NULL;
	if (dir && *base && strcmp(base, ".") && strcmp(base, "..")) {
		strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", base);
		out = sb_detach(&sb);
	}
	free(dir);
	sb_release(&cur);
	return out;
}

/*
 * Whether a write to out (named out_name, with stat out_st when have_st)
 * would land on a protected file; reports it and returns -1.
 */
static int refuse_if_protected(const char *shown, const char *out_name, const struct stat *out_st)
{
	for (size_t p = 0; p < nprotected; p++) {
		struct stat db_st;
		if (stat(protected[p].path, &db_st) != 0)
			continue; /* nothing there to lose */
		char *db_final = final_name(protected[p].path);
		int hit = -1;
		for (size_t s = 0; hit < 0 && s < NSUFFIXES; s++) {
			/* beside the name as given, and beside the file it resolves to */
			strbuf given, resolved;
			sb_init(&given);
			sb_init(&resolved);
			sb_addf(&given, "%s%s", protected[p].path, suffixes[s]);
			if (db_final)
				sb_addf(&resolved, "%s%s", db_final, suffixes[s]);
			const char *names[2] = { given.buf, db_final ? resolved.buf : NULL };
			for (int k = 0; hit < 0 && k < 2; k++) {
				if (!names[k])
					continue;
				struct stat st;
				if (out_st && stat(names[k], &st) == 0 && st.st_dev == out_st->st_dev &&
				    st.st_ino == out_st->st_ino)
					hit = (int)s;
				char *fn = out_name ? final_name(names[k]) : NULL;
				if (fn && !strcmp(fn, out_name))
					hit = (int)s;
				free(fn);
			}
			sb_release(&given);
			sb_release(&resolved);
		}
		free(db_final);
		if (hit >= 0) {
			error_set_code(EXIT_IO);
			return error("cannot write '%s': it is %s%s '%s'", shown, roles[hit],
				     protected[p].what, protected[p].path);
		}
	}
	return 0;
}

int outfile_check(const char *path)
{
	if (!nprotected)
		return 0;
	struct stat st;
	int have = stat(path, &st) == 0;
	char *name = final_name(path);
	int rc = refuse_if_protected(path, name, have ? &st : NULL);
	free(name);
	return rc;
}

int outfile_check_fd(int fd, const char *name)
{
	struct stat st;
	if (!nprotected || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return refuse_if_protected(name, NULL, &st);
}

FILE *outfile_open(const char *path, int flags)
{
	int private = flags & OUTFILE_PRIVATE;
	if (outfile_check(path))
		return NULL;
	/* a new file, or an existing one not truncated before it is known
	   not to be protected (whatever was put at path since the check) */
	int mode = private ? (int)private_mode : 0666;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	int made = fd >= 0;
	if (!made && errno == EEXIST)
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, mode); /* a dangling link */
	if (fd < 0) {
		error_set_code(EXIT_IO);
		error("cannot open '%s' for writing: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (!made && outfile_check_fd(fd, path)) {
		close(fd);
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (ftruncate(fd, 0) != 0) {
			error_set_code(EXIT_IO);
			error("cannot open '%s' for writing: %s", path, strerror(errno));
			close(fd);
			return NULL;
		}
		/* the umask may have taken bits off a stated mode, and an
		   existing file keeps its own: set it */
		if (private && (st.st_mode & 07777) != private_mode && fchmod(fd, private_mode) != 0)
			warning("cannot set the permissions of '%s' to %04o: %s", path, private_mode,
				strerror(errno));
	}
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		error_set_code(EXIT_IO);
		error("cannot open '%s' for writing: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}
