# nis5g — build, test, demo.
#
#   make          build build/nis5g (release, -O2)
#   make check    install what is missing, build, run every test, then the
#                 same tests again under AddressSanitizer + UBSan
#   make demo     install what building needs, build, run the demo (scripts/demo.sh)
#   make serve-demo   the server on the demo workspace, one user of each role
#   make lint     the layering and function-size checks (part of check)
#   make soak     hundreds of crash trials (SIGKILL during every write)
#   make install PREFIX=DIR   binary, data, web assets, man pages, bash completion
#   make bench    the EU-scale benchmark (see bench/README.md)

CC      ?= cc
PKGS    := sqlite3 libsodium jansson libmicrohttpd libcurl
CSTD    := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DNIS5G_DATADIR=\"$(CURDIR)/data\"
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
OPT     ?= -O2 -g
BUILD   ?= build
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL  = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS) -Iinclude -Isrc/lib $(PKG_CFLAGS) -MMD -MP
LDLIBS_ALL  = $(PKG_LIBS) -lm -lpthread $(EXTRA_LDFLAGS)

# Quiet build lines ("CC src/lib/csv.c"); V=1 shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-5s %s\n'
endif

LIB_SRC  := $(sort $(wildcard src/lib/*/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
SRV_SRC  := $(sort $(wildcard src/server/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o) $(SRV_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check check-fast check-asan demo serve-demo soak install deps deps-test lint bench clean format fuzz fuzz-smoke fuzz-cov
all: $(BUILD)/nis5g

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libnis5g.a: $(LIB_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BUILD)/nis5g: $(CLI_OBJ) $(BUILD)/libnis5g.a
	$(say) LINK $@
	$(Q)$(CC) $(OPT) $(EXTRA_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libnis5g.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(BUILD)/libnis5g.a
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libnis5g.a $(LDLIBS_ALL)
-include $(UNIT_BIN:=.d)

# deps: what building and running needs (make demo); deps-test adds what
# only the tests use (clang's sanitizer runtime, chromium, python3).
deps:
	@scripts/deps.sh build
	@scripts/web-deps.sh

deps-test:
	@scripts/deps.sh test
	@scripts/web-deps.sh test

# check-fast: the tests against one build (BUILD=...), no installs.
check-fast: $(BUILD)/nis5g $(UNIT_BIN)
	@NIS5G=$(abspath $(BUILD)/nis5g) BUILD=$(abspath $(BUILD)) tests/run.sh $(UNIT_BIN)

check-asan:
	@$(MAKE) --no-print-directory check-fast BUILD=build-asan CC=clang OPT="-O1 -g" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

# lint: the architecture's rules that a compiler does not check
lint:
	@scripts/check-layers.sh
	@scripts/check-functions.sh

check: deps-test
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory check-fast
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory fuzz-smoke
	@echo "make check: all tests passed in the release and the ASan+UBSan builds"

demo: deps
	@$(MAKE) -s --no-print-directory all
	@scripts/demo.sh

# install: the binary, the data files, the report's web assets, a man page
# per command and the bash completion, all generated from the option tables.
PREFIX ?= /usr/local
install: all
	@scripts/install.sh "$(DESTDIR)$(PREFIX)" $(BUILD)/nis5g

# soak: the crash trials of make check, many more of them (docs/reliability.md)
soak: all
	@for seed in 1 2 3 4 5; do d=$$(mktemp -d); \
	  (cd $$d && T=$$d TOP=$(CURDIR) NIS5G=$(abspath $(BUILD)/nis5g) SEED=$$seed TRIALS=$${TRIALS:-40} \
	   python3 $(CURDIR)/tests/cli/crash_test.py) || exit 1; rm -rf $$d; done

# serve-demo: the server on the demo workspace with one user of each role
serve-demo: all
	@scripts/serve-demo.sh

bench: deps-test all
	@bench/run.sh

# fuzz: every fuzz/fuzz-*.c driver under libFuzzer + ASan + UBSan, FUZZ_TIME
# seconds each, starting from fuzz/corpus/NAME. fuzz-smoke (part of check)
# runs a fixed number of inputs with a fixed seed, so it is repeatable; new
# inputs go to build-fuzz/, never into the committed seed corpus.
FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz-*.c))
FUZZ_BIN  := $(FUZZ_SRC:fuzz/%.c=build-fuzz/%)
FUZZ_TIME ?= 60
FUZZ_CFLAGS = $(CSTD) -Wall -Wextra -Werror -Wno-unused-parameter -g -O1 -Iinclude -Isrc/lib $(PKG_CFLAGS) \
              -fsanitize=address,undefined -fno-sanitize-recover=all
# The library (and the server's files, for the drivers that need them) is
# compiled once into build-fuzz/obj with the fuzzer's instrumentation; each
# driver links what it needs. FUZZ_EXTRA_NAME lists a driver's objects
# besides the library.
FUZZ_LIB  := build-fuzz/libnis5g.a
FUZZ_SRV  := $(SRV_SRC:%.c=build-fuzz/obj/%.o)
FUZZ_EXTRA_fuzz-http := $(FUZZ_SRV)
build-fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
$(FUZZ_LIB): $(LIB_SRC:%.c=build-fuzz/obj/%.o)
	@rm -f $@
	$(Q)ar rcs $@ $^
build-fuzz/fuzz-http: $(FUZZ_SRV)
build-fuzz/%: fuzz/%.c $(FUZZ_LIB)
	$(say) FUZZ $@
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc/server $< $(FUZZ_EXTRA_$*) $(FUZZ_LIB) -o $@ $(LDLIBS_ALL)
-include $(wildcard build-fuzz/obj/src/*/*.d build-fuzz/obj/src/*/*/*.d)

# fuzz-cov: the coverage each driver reaches on its corpus (the seeds and
# what make fuzz found), per file and in total (scripts/fuzz-coverage.sh).
COV_CFLAGS = $(CSTD) -Wall -Wextra -Werror -Wno-unused-parameter -g -O1 -Iinclude -Isrc/lib $(PKG_CFLAGS) \
             -fprofile-instr-generate -fcoverage-mapping
build-cov/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)clang $(COV_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
build-cov/libnis5g.a: $(LIB_SRC:%.c=build-cov/obj/%.o)
	@rm -f $@
	$(Q)ar rcs $@ $^
build-cov/server.a: $(SRV_SRC:%.c=build-cov/obj/%.o)
	@rm -f $@
	$(Q)ar rcs $@ $^
build-cov/fuzz-%: fuzz/fuzz-%.c build-cov/libnis5g.a build-cov/server.a
	$(Q)clang $(COV_CFLAGS) -fsanitize=fuzzer -Isrc/server $< $(if $(FUZZ_EXTRA_fuzz-$*),build-cov/server.a) \
	  build-cov/libnis5g.a -o $@ $(LDLIBS_ALL)

fuzz-cov:
	@scripts/fuzz-coverage.sh

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$${f#build-fuzz/fuzz-}; mkdir -p build-fuzz/corpus-$$n; \
	  $$f -max_total_time=$(FUZZ_TIME) build-fuzz/corpus-$$n fuzz/corpus/$$n || exit 1; done

fuzz-smoke: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$${f#build-fuzz/fuzz-}; rm -rf build-fuzz/smoke-$$n; mkdir -p build-fuzz/smoke-$$n; \
	  $$f -seed=1 -runs=$${FUZZ_RUNS:-3000} build-fuzz/smoke-$$n fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1 \
	  && echo "ok   fuzz/$$n" || { echo "FAIL fuzz/$$n"; tail -30 build-fuzz/$$n.log; exit 1; }; done

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(SRV_SRC) include/nis5g/*.h

clean:
	rm -rf build build-asan build-fuzz build-cov

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
