/*
 * test_outfile: the names a protected database goes by, which outfile_open
 * refuses, and the permissions of the files it makes.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "outfile.h"

/* A scratch directory with a "database" p.db in a folder d/ of it. */
typedef struct scratch {
	char dir[64];  /* the directory */
	char db[128];  /* dir/d/p.db */
} scratch;

static void path_in(const scratch *s, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", s->dir, name);
}

static void touch(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void scratch_make(scratch *s)
{
	snprintf(s->dir, sizeof(s->dir), "/tmp/qcode-outfile-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	char d[128];
	path_in(s, "d", d, sizeof(d));
	assert_int_equal(mkdir(d, 0700), 0);
	path_in(s, "d/p.db", s->db, sizeof(s->db));
	touch(s->db, "SQLite format 3");
	outfile_unprotect_all();
	outfile_protect(s->db, "the project database");
	outfile_set_mode(OUTFILE_PRIVATE_MODE);
}

static void scratch_remove(scratch *s)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
	outfile_unprotect_all();
}

/* Whether outfile_open(name in the scratch dir) is refused with a message
   naming what it would overwrite; the database is then untouched. */
static void expect_refused(const scratch *s, const char *name, const char *role)
{
	char path[160], want[512];
	path_in(s, name, path, sizeof(path));
	capture_start();
	FILE *f = outfile_open(path, OUTFILE_PRIVATE);
	if (f)
		fail_msg("'%s' was opened for writing", name);
	snprintf(want, sizeof(want), "qcode: error: cannot write '%s': it is %sthe project database '%s'\n",
		 path, role, s->db);
	assert_string_equal(capture_text(), want);
	assert_int_equal(error_last_code(), EXIT_IO);
	capture_stop();
	struct stat st;
	assert_int_equal(stat(s->db, &st), 0);
	assert_int_equal(st.st_size, 15);
}

static void test_outfile__refuses_every_name_of_the_database(void **state)
{
	(void)state;
	scratch s;
	scratch_make(&s);
	char p[160], q[160];

	/* name                          how it reaches d/p.db */
	expect_refused(&s, "d/p.db", "");                       /* as given */
	expect_refused(&s, "d/../d/./p.db", "");                /* . and .. */
	path_in(&s, "link.db", p, sizeof(p));
	assert_int_equal(symlink("d/p.db", p), 0);
	expect_refused(&s, "link.db", "");                      /* a symbolic link */
	path_in(&s, "chain", q, sizeof(q));
	assert_int_equal(symlink("link.db", q), 0);
	expect_refused(&s, "chain", "");                        /* a link to a link */
	path_in(&s, "hard.db", p, sizeof(p));
	assert_int_equal(link(s.db, p), 0);
	expect_refused(&s, "hard.db", "");                      /* a hard link */
	expect_refused(&s, "d/p.db-wal", "the write-ahead log of "); /* not there yet */
	path_in(&s, "d/p.db-shm", p, sizeof(p));
	touch(p, "");
	expect_refused(&s, "d/p.db-shm", "the shared-memory index of ");
	path_in(&s, "dangling", p, sizeof(p));
	assert_int_equal(symlink("d/p.db-journal", p), 0);
	expect_refused(&s, "dangling", "the rollback journal of "); /* would make it */
	path_in(&s, "d/via", p, sizeof(p));
	assert_int_equal(symlink("..", p), 0);
	expect_refused(&s, "d/via/d/p.db", "");                 /* a linked folder */

	/* the files beside the database the link resolves to are protected too */
	outfile_unprotect_all();
	path_in(&s, "link.db", p, sizeof(p));
	outfile_protect(p, "the project database");
	path_in(&s, "d/p.db-wal", q, sizeof(q));
	capture_start();
	assert_null(outfile_open(q, 0));
	assert_contains(capture_text(), "it is the write-ahead log of the project database");
	capture_stop();
	scratch_remove(&s);
}

static void test_outfile__writes_other_files(void **state)
{
	(void)state;
	scratch s;
	scratch_make(&s);
	char p[160];
	/* names close to the database's are other files */
	static const char *const others[] = { "d/p.db2", "d/p.db-walx", "p.db", "d/p.db.csv" };
	for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
		path_in(&s, others[i], p, sizeof(p));
		FILE *f = outfile_open(p, 0);
		if (!f)
			fail_msg("'%s' was refused", others[i]);
		assert_int_equal(fputs("x", f) >= 0, 1);
		assert_int_equal(fclose(f), 0);
	}
	/* with the database gone there is nothing to protect */
	unlink(s.db);
	FILE *f = outfile_open(s.db, 0);
	assert_non_null(f);
	fclose(f);
	scratch_remove(&s);
}

static void test_outfile__private_files(void **state)
{
	(void)state;
	scratch s;
	scratch_make(&s);
	char p[160];
	struct stat st;
	mode_t old = umask(0);

	/* a new private file is 0600 whatever the umask */
	path_in(&s, "new.csv", p, sizeof(p));
	FILE *f = outfile_open(p, OUTFILE_PRIVATE);
	assert_non_null(f);
	fclose(f);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* an existing one is made private, and emptied */
	path_in(&s, "old.csv", p, sizeof(p));
	touch(p, "old contents");
	chmod(p, 0644);
	f = outfile_open(p, OUTFILE_PRIVATE);
	assert_non_null(f);
	fclose(f);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 0);

	/* a stated mode is kept, also against the umask */
	umask(077);
	outfile_set_mode(0640);
	path_in(&s, "shared.csv", p, sizeof(p));
	f = outfile_open(p, OUTFILE_PRIVATE);
	assert_non_null(f);
	fclose(f);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);

	/* files without personal data keep the usual permissions */
	umask(022);
	path_in(&s, "lexicon.dic", p, sizeof(p));
	f = outfile_open(p, 0);
	assert_non_null(f);
	fclose(f);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);

	umask(old);
	scratch_remove(&s);
}

static void test_outfile__descriptor_of_the_database(void **state)
{
	(void)state;
	scratch s;
	scratch_make(&s);
	int fd = open(s.db, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	capture_start();
	assert_int_equal(outfile_check_fd(fd, "standard output"), -1);
	char want[256];
	snprintf(want, sizeof(want),
		 "qcode: error: cannot write 'standard output': it is the project database '%s'\n", s.db);
	assert_string_equal(capture_text(), want);
	capture_stop();
	close(fd);
	/* a terminal or a pipe is never the database */
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	assert_int_equal(outfile_check_fd(pipefd[1], "standard output"), 0);
	close(pipefd[0]);
	close(pipefd[1]);
	scratch_remove(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outfile__refuses_every_name_of_the_database),
		cmocka_unit_test(test_outfile__writes_other_files),
		cmocka_unit_test(test_outfile__private_files),
		cmocka_unit_test(test_outfile__descriptor_of_the_database),
	};
	return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
