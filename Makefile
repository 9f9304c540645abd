# tenantsim — build, test, demo and benchmark.
#
#   make          build ./tenantsim
#   make demo     install missing Debian packages, build, run the M&A scenario
#   make check    install missing packages, run every Check suite twice
#                 (with the ts_assert invariants compiled in, and again with
#                 AddressSanitizer+UBSan), the end-to-end tests and make layers
#   make bench    the benchmark: initial sync and 14 days of churn, 100,000
#                 users (BENCH_USERS=N, BENCH_TOPOLOGY=pair|hub4|hub100|mesh20)
#   make valgrind the unit suites under valgrind's memcheck
#   make layers   check that no module calls one above it, no modules call
#                 each other in a cycle, and every public name starts with
#                 its file's (make check runs it)
#   make install  ./tenantsim, its man page and bash and zsh completion under
#                 $(DESTDIR)$(PREFIX) (PREFIX=/usr/local); BIN=PATH installs
#                 that binary instead and builds nothing
#   make uninstall  remove what make install installed

CC       ?= cc
DEB_PKGS  = libsqlite3-dev libcjson-dev check pkg-config libpcre2-dev man-db
PKGS      = sqlite3 libcjson libpcre2-8
# Commands the tests need besides the libraries (man-db: `man --warnings`
# checks the man page).
DEB_CMDS  = man
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
DEFS      = -D_POSIX_C_SOURCE=200809L
OPT      ?= -O2 -g

PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread
CHECK_CFLAGS= $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS  = $(shell pkg-config --libs check 2>/dev/null)

SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC_ALL  = $(wildcard engine/*.c engine/*/*.c reports/*.c sim/*.c sim/*/*.c)
LIB_SRC  = $(filter-out sim/cli/main.c,$(SRC_ALL))
TEST_SRC = $(wildcard tests/test_*.c)

# Who may include whom (README, "Source layout"): each folder sees only the
# headers of the layers below it, so an upward include is a compile error.
I_BASE   = -Iengine/base
I_STORE  = $(I_BASE) -Iengine/store
I_EXPR   = $(I_BASE) -Iengine/expr
I_MODEL  = $(I_STORE) -Iengine/model
I_SYNC   = $(I_MODEL) -Iengine/expr -Iengine/sync
I_ENGINE = $(I_SYNC) -Iengine
I_ALL    = $(I_ENGINE) -Ireports -Isim -Isim/scenario -Isim/graph -Isim/cli
INCS     = $(I_ALL)

# Quiet by default; `make V=1` shows the full commands.
Q  = $(if $(V),,@)

# Three builds: the release (./tenantsim, the benchmark), the tests' (the
# same optimisation with ts_assert's invariants compiled in: TS_DEBUG) and
# the sanitizers' (also with TS_DEBUG).
B  = build/plain
BT = build/test
BA = build/asan
DBG = -DTS_DEBUG

LIB_OBJ    = $(LIB_SRC:%.c=$(B)/%.o)
LIB_OBJ_T  = $(LIB_SRC:%.c=$(BT)/%.o)
LIB_OBJ_A  = $(LIB_SRC:%.c=$(BA)/%.o)
TEST_OBJ_T = $(TEST_SRC:%.c=$(BT)/%.o) $(BT)/tests/run_tests.o
TEST_OBJ_A = $(TEST_SRC:%.c=$(BA)/%.o) $(BA)/tests/run_tests.o

# Where make install puts things (the Debian layout under PREFIX).
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MAN1DIR   = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/vendor-completions
BIN      ?=

.PHONY: all deps deps-browser demo check test test-asan e2e bench valgrind layers clean install uninstall

all: tenantsim

# Install Debian packages (the words after it) with apt-get, through sudo
# when not root: the shell text of one recipe line.
APT_INSTALL = if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) check \
	    || ! command -v $(DEB_CMDS) >/dev/null 2>&1; then \
	  echo "tenantsim: installing Debian packages: $(DEB_PKGS)"; \
	  $(APT_INSTALL) $(DEB_PKGS); \
	fi

$(B)/engine/base/%.o $(BT)/engine/base/%.o $(BA)/engine/base/%.o:   INCS = $(I_BASE)
$(B)/engine/store/%.o $(BT)/engine/store/%.o $(BA)/engine/store/%.o: INCS = $(I_STORE)
$(B)/engine/expr/%.o $(BT)/engine/expr/%.o $(BA)/engine/expr/%.o:   INCS = $(I_EXPR)
$(B)/engine/model/%.o $(BT)/engine/model/%.o $(BA)/engine/model/%.o: INCS = $(I_MODEL)
$(B)/engine/sync/%.o $(BT)/engine/sync/%.o $(BA)/engine/sync/%.o:   INCS = $(I_SYNC)
$(B)/engine/%.o $(BT)/engine/%.o $(BA)/engine/%.o:             INCS = $(I_ENGINE)
$(B)/reports/%.o $(BT)/reports/%.o $(BA)/reports/%.o:           INCS = $(I_STORE) -Ireports
$(B)/tests/%.o $(BT)/tests/%.o $(BA)/tests/%.o:               XFLAGS = $(CHECK_CFLAGS)

# Exact header dependencies: each compile writes its .d file (-MMD).
$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),true,echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(DEFS) $(OPT) $(INCS) $(PKG_CFLAGS) $(XFLAGS) -MMD -MP -c $< -o $@

$(BT)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),true,echo "  CC-TEST $<")
	$(Q)$(CC) $(WARN) $(DEFS) $(DBG) $(OPT) $(INCS) $(PKG_CFLAGS) $(XFLAGS) -MMD -MP -c $< -o $@

$(BA)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),true,echo "  CC-SAN  $<")
	$(Q)$(CC) $(WARN) $(DEFS) $(DBG) -O1 -g $(SAN) $(INCS) $(PKG_CFLAGS) $(XFLAGS) -MMD -MP -c $< -o $@

-include $(shell find build -name '*.d' 2>/dev/null)

tenantsim: $(LIB_OBJ) $(B)/sim/cli/main.o
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) -lm

$(BT)/tenantsim: $(LIB_OBJ_T) $(BT)/sim/cli/main.o
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) -lm

$(BA)/tenantsim: $(LIB_OBJ_A) $(BA)/sim/cli/main.o
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) -lm

$(BT)/run_tests: $(LIB_OBJ_T) $(TEST_OBJ_T)
	$(CC) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

$(BA)/run_tests: $(LIB_OBJ_A) $(TEST_OBJ_A)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

# Unit and end-to-end suites share one runner; TENANTSIM tells the
# end-to-end suite which binary to drive.
test: $(BT)/tenantsim $(BT)/run_tests
	TENANTSIM=$(BT)/tenantsim $(BT)/run_tests
	$(BT)/tenantsim test scenarios/*.json

test-asan: $(BA)/tenantsim $(BA)/run_tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  TENANTSIM=$(BA)/tenantsim $(BA)/run_tests

# The HTML suites render every page in headless Chromium; make check
# installs it when missing (without it they check the files only, and say so).
deps-browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "tenantsim: installing Debian package chromium (the HTML suites' browser)"; \
	  { $(APT_INSTALL) chromium; } \
	    || echo "tenantsim: chromium could not be installed; the HTML suites check the files only"; \
	fi

check: deps deps-browser
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory layers
	@$(MAKE) --no-print-directory test-asan

# The call graph between modules (from the objects' symbols): no cycle, and
# no edge from a lower layer to a higher one.
layers: $(LIB_OBJ_T)
	@tests/layers.sh $(BT) $(LIB_OBJ_T)

demo: deps
	@$(MAKE) --no-print-directory tenantsim
	./tenantsim run scenarios/ma-onboarding.json --json runs/ma-onboarding.json --html runs/ma-onboarding.html

# The benchmark: tests/bench*.c (not test_*: those are Check suites).
# BENCH_TOPOLOGY=pair|hub4|hub100|mesh20, BENCH_USERS per source tenant,
# BENCH_EXTRAS=0 to leave out the diff, report, expression and import figures,
# BENCH_ONLY=import for the import figure alone (no run), BENCH_REPEAT=N to
# time the run and its baselines N times in turn (medians of the ratios).
BENCH_SRC = $(wildcard tests/bench*.c)

$(B)/bench: $(LIB_OBJ) $(BENCH_SRC:%.c=$(B)/%.o)
	$(CC) -o $@ $^ $(PKG_LIBS) -lm

bench: deps
	@$(MAKE) --no-print-directory $(B)/bench
	BENCH_TOPOLOGY="$(BENCH_TOPOLOGY)" BENCH_USERS="$(BENCH_USERS)" BENCH_EXTRAS="$(BENCH_EXTRAS)" BENCH_ONLY="$(BENCH_ONLY)" BENCH_REPEAT="$(BENCH_REPEAT)" $(B)/bench

valgrind: $(BT)/tenantsim $(BT)/run_tests
	CK_FORK=no TENANTSIM=$(BT)/tenantsim valgrind --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite $(BT)/run_tests

# The binary (./tenantsim, built first, or BIN), the man page and the
# completion scripts; the tests install BIN=build/test/tenantsim into a
# temporary DESTDIR, which builds nothing.
install: $(if $(BIN),,tenantsim)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0755 $(or $(BIN),tenantsim) $(DESTDIR)$(BINDIR)/tenantsim
	install -m 0644 sim/cli/tenantsim.1 $(DESTDIR)$(MAN1DIR)/tenantsim.1
	install -m 0644 sim/cli/completion/tenantsim.bash $(DESTDIR)$(BASHCOMPDIR)/tenantsim
	install -m 0644 sim/cli/completion/_tenantsim $(DESTDIR)$(ZSHCOMPDIR)/_tenantsim

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tenantsim $(DESTDIR)$(MAN1DIR)/tenantsim.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/tenantsim $(DESTDIR)$(ZSHCOMPDIR)/_tenantsim

clean:
	rm -rf build tenantsim
