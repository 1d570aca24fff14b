# qcode -- build, test, run and benchmark. `make help` lists the targets.

PREFIX   ?= /usr/local
VERSION  := 0.1.0
CC       ?= cc
PKGS     := libpcre2-8 sqlite3 libutf8proc jansson ncursesw libmicrohttpd minizip expat xlsxwriter
STEMMER_VERSION := $(shell dpkg-query -W -f='$${Version}' libstemmer0d 2>/dev/null || echo unknown)

CFLAGS   ?= -O2 -g
# link-time optimisation for qcode and the floor, which inlines the word
# table's accessors into the tokeniser and matcher (-5% instructions); the
# objects keep ordinary code too, so the unit tests link without it
LTO      ?= -flto=auto -ffat-lto-objects
# the pipeline's stages, one folder each in order (pipeline/README.md), and
# the commands apart from them in cmd/
SRCDIRS  := $(sort $(wildcard pipeline/[0-9]-*))
INCLUDES := $(SRCDIRS:%=-I%) -Icmd
HEADERS  := $(wildcard pipeline/*/*.h cmd/*.h)
vpath %.c $(SRCDIRS) cmd

# the flags qcode needs, whatever CFLAGS a caller gives (make sanitize does)
QFLAGS   := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
            -DQCODE_VERSION='"$(VERSION)"' -DSTEMMER_VERSION='"$(STEMMER_VERSION)"' \
            -DQCODE_DATADIR='"$(PREFIX)/share/qcode"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(INCLUDES)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lcsv -lreadstat -lnettle -lpthread -lm

STAGES   := util outfile utf8 dutch vocab stem token lexicon match read format sav pool progress db coderun lexio review project stats eval codings gold keyness crosstab scrub quotes appendix xlsx survey lang xlsxw runstore runimport serve api export store_import
COMMANDS := cmd_tokens cmd_code cmd_lexicon cmd_import cmd_shards cmd_project cmd_review cmd_eval cmd_table cmd_suggest cmd_quotes cmd_serve
LIB_OBJS := $(STAGES:%=build/%.o) build/web_assets.o
CMD_OBJS := $(COMMANDS:%=build/%.o) build/main.o
UNIT     := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps deps-test run test validate bench sanitize valgrind fuzz crash install clean help

all: qcode

deps:
	@scripts/install-deps.sh

# what the tests need besides: a spreadsheet program to open workbooks with
deps-test:
	@scripts/install-deps.sh test

# objects are rebuilt when the flags change (make sanitize, then make)
FLAGS_STAMP := build/flags.$(shell echo '$(CC) $(CFLAGS) $(LTO) $(QFLAGS) $(LDFLAGS)' | md5sum | cut -c1-12)
$(FLAGS_STAMP): | build
	@rm -f build/flags.* build/*.o build/test_* qcode; touch $@

build/%.o: %.c $(HEADERS) $(FLAGS_STAMP) | build
	@echo "CC $<"; $(CC) $(CFLAGS) $(LTO) $(QFLAGS) -c -o $@ $<

build:
	@mkdir -p build

# the browser pages of qcode serve, compiled in
WEB      := $(sort $(wildcard pipeline/7-serve/web/*))
build/web_assets.c: $(WEB) scripts/embed-web.sh | build
	@echo "GEN $@"; scripts/embed-web.sh $(WEB) > $@.tmp && mv $@.tmp $@

build/web_assets.o: build/web_assets.c pipeline/7-serve/serve.h $(FLAGS_STAMP)
	@echo "CC $<"; $(CC) $(CFLAGS) $(LTO) $(QFLAGS) -c -o $@ $<

qcode: $(LIB_OBJS) $(CMD_OBJS)
	@echo "LD $@"; $(CC) $(CFLAGS) $(LTO) $(QFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJS) $(CMD_OBJS) $(LDLIBS)

build/test_%: tests/unit/test_%.c $(LIB_OBJS) tests/unit/unit.h $(FLAGS_STAMP)
	@echo "LD $@"; $(CC) $(CFLAGS) $(QFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) -lcmocka

# The main job: import the bundled corpus, code it, report.
run: deps qcode
	@scripts/run.sh

# All tests: cmocka units, then end-to-end shell tests (golden files included).
test: deps deps-test qcode $(UNIT:%=build/%)
	@scripts/test.sh $(UNIT:%=build/%)

# How valid the codes are: both corpora against their human coding, with the
# coders' own agreement beside it (figures in README.md come from here).
validate: deps qcode
	@scripts/validate.sh

build/bench_floor: tests/bench/floor.c $(LIB_OBJS) $(FLAGS_STAMP)
	@echo "LD $@"; $(CC) $(CFLAGS) $(LTO) $(QFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

build/bench_spin: tests/bench/spin.c $(FLAGS_STAMP)
	@echo "LD $@"; $(CC) $(CFLAGS) $(QFLAGS) -o $@ $<

build/bench_time: tests/bench/time.c $(FLAGS_STAMP)
	@echo "LD $@"; $(CC) $(CFLAGS) $(QFLAGS) -o $@ $<

bench: deps qcode build/bench_floor build/bench_spin build/bench_time
	@scripts/bench.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	$(MAKE) clean
	$(MAKE) test CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	        LDFLAGS='-fsanitize=address,undefined' LTO=
	$(MAKE) clean

# The unit tests under valgrind's memcheck: no errors, no leaks.
valgrind: deps $(UNIT:%=build/%)
	@for t in $(UNIT:%=build/%); do \
		QCODE_NO_JIT=1 valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite $$t >/dev/null 2>build/valgrind.log || \
		{ cat build/valgrind.log; echo "valgrind: $$t"; exit 1; }; done; echo "valgrind: unit tests clean"

# libFuzzer targets, FUZZ_SECONDS each (default 60).
fuzz: deps qcode
	@scripts/fuzz.sh

# SIGKILL at random moments, CRASH_TRIALS times (default 50).
crash: deps qcode
	@tests/crash/kill.sh $${CRASH_TRIALS:-50}

install: qcode
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qcode/lexicons
	install -m 755 qcode $(DESTDIR)$(PREFIX)/bin/qcode
	install -m 644 lexicons/*.lex lexicons/negation.cues lexicons/shared.groups \
	        lexicons/README.md lexicons/CODEBOOK.md \
	        $(DESTDIR)$(PREFIX)/share/qcode/lexicons/

clean:
	rm -rf build qcode out tests/e2e/trash.*

help:
	@echo "make run       install missing packages, build, code the bundled corpus into out/"
	@echo "make test      install missing packages, build, run all unit and end-to-end tests"
	@echo "make validate  kappa, precision and recall of the codes on both corpora, humans beside"
	@echo "make bench     throughput and memory benchmarks"
	@echo "make sanitize  the whole test suite under ASan and UBSan"
	@echo "make valgrind  the unit tests under valgrind memcheck"
	@echo "make fuzz      libFuzzer on the readers, the lexicon parser and the tokeniser (FUZZ_SECONDS=60)"
	@echo "make crash     kill import, code and decide at random moments (CRASH_TRIALS=50)"
	@echo "make install PREFIX=/usr/local"
