/*
 * cmd_serve: `qcode serve` -- the review, the agreement and the quotes as
 * pages in a browser, served from this machine (serve.c, api.c) until
 * Ctrl-C.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api.h"
#include "cmd.h"
#include "review.h"
#include "serve.h"

#ifndef QCODE_VERSION
#define QCODE_VERSION "0.1.0"
#endif

#define DEFAULT_LISTEN "127.0.0.1:8765"

/* Open url in the desktop's browser, without a shell; a warning when there is none. */
static void open_browser(const char *url)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* the browser must not take over the server's terminal output */
		freopen("/dev/null", "w", stdout);
		execlp("xdg-open", "xdg-open", url, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		warning("cannot open a browser (xdg-open): open the address above by hand");
}

static const cmd_option serve_options[] = {
	{ "listen", 0, required_argument, 'l', "ADDR:PORT",
	  "where to listen (default: 127.0.0.1:8765; port 0: any free port;\n0.0.0.0:PORT lets other machines in, with a warning)" },
	{ "coder", 0, required_argument, 'c', "NAME",
	  "every browser's coder (default: each names itself)" },
	{ "blind", 0, no_argument, 'b', NULL,
	  "every coder reviews blind" },
	{ "open", 0, no_argument, 'o', NULL,
	  "open the address in the desktop's browser" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

const cmd_spec cmd_serve_spec = {
	.name = "serve",
	.fn = cmd_serve,
	.needs = NEED_DB | NEED_STEMMER,
	.summary = "review, agreement and quotes in a browser",
	.usage =
	  "qcode serve [--listen ADDR:PORT] [--coder NAME] [--blind] [--open]",
	.options = serve_options,
	.notes = "Serves the project until Ctrl-C and prints the address to open, with its token.",
};

int cmd_serve(int argc, char **argv, qctx *ctx)
{
	const char *listen = DEFAULT_LISTEN, *coder = NULL;
	int open = 0, blind = 0, c;
	while ((c = cmd_getopt(argc, argv, serve_options, ctx)) != -1) {
		switch (c) {
		case 'l': listen = optarg; break;
		case 'c': coder = optarg; break;
		case 'o': open = 1; break;
		case 'b': blind = 1; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cmd_usage_error(ctx, "unexpected argument '%s'", argv[optind]);
	const char *why = coder ? api_coder_invalid(coder) : NULL;
	if (why)
		return cmd_usage_error(ctx, "--coder: %s", why);
	char host[256];
	unsigned port = 0;
	if (serve_parse_listen(listen, host, sizeof(host), &port)) {
		cmd_print_usage(stderr, ctx->usage);
		return EXIT_USAGE;
	}
	/* every decision is saved as it is made: not on a database that cannot be written */
	if (db_writable(ctx->db))
		return EXIT_DB;
	reviewer rv;
	if (reviewer_init(&rv, ctx->db, "", 0, ctx->lex_dir))
		return error_last_code();
	reviewer_release(&rv);

	/* the server's thread takes no signal: this one waits for them */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	api a = { ctx->db, ctx->lex_dir, ctx->st, QCODE_VERSION, blind };
	serve_opts so = { .host = host, .port = port, .coder = coder, .blind = blind,
			  .api = api_handle, .api_ctx = &a };
	serve *s = serve_new(&so);
	if (serve_start(s)) {
		if (!strcmp(listen, DEFAULT_LISTEN))
			fprintf(stderr, "hint: --listen 127.0.0.1:0 takes any free port\n");
		serve_free(s);
		return EXIT_IO;
	}
	if (!serve_is_loopback(host))
		warning("listening on %s:%u, which other machines can reach: whoever has the token "
			"reads every answer and can decide, over a connection that is not encrypted",
			host, serve_port(s));
	strbuf shown;
	sb_init(&shown);
	printf("qcode serve: the review of %s, for the browser at\n\n    %s\n\n"
	       "Open that address (it holds the key). Ctrl-C stops; every decision is saved as it is made.\n",
	       sb_set_term(&shown, db_path(ctx->db), 0), serve_url(s));
	sb_release(&shown);
	if (finish_output(stdout, "stdout")) {
		serve_free(s);
		return EXIT_IO;
	}
	if (open)
		open_browser(serve_url(s));
	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	serve_free(s);
	fprintf(stderr, "qcode serve: stopped\n");
	return EXIT_OK;
}
