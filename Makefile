# tenantsim — build, test, demo and benchmark.
#
#   make          build ./tenantsim
#   make demo     install missing Debian packages, build, run the M&A scenario
#   make check    install missing packages, run every Check suite twice
#                 (plain and with AddressSanitizer+UBSan) and the end-to-end tests
#   make bench    the 100,000-user onboarding benchmark (BENCH_USERS=N to change)
#   make valgrind the unit suites under valgrind's memcheck

CC       ?= cc
DEB_PKGS  = libsqlite3-dev libcjson-dev check pkg-config libpcre2-dev
PKGS      = sqlite3 libcjson libpcre2-8
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
DEFS      = -D_POSIX_C_SOURCE=200809L
INCS      = -Iengine -Isim -Ireports
OPT      ?= -O2 -g

PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS= $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS  = $(shell pkg-config --libs check 2>/dev/null)

SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC  = $(wildcard engine/*.c) $(filter-out sim/main.c,$(wildcard sim/*.c)) $(wildcard reports/*.c)
TEST_SRC = $(wildcard tests/test_*.c)
HDRS     = $(wildcard engine/*.h sim/*.h reports/*.h tests/*.h)

# Quiet by default; `make V=1` shows the full commands.
Q  = $(if $(V),,@)

B  = build/plain
BA = build/asan

LIB_OBJ    = $(LIB_SRC:%.c=$(B)/%.o)
LIB_OBJ_A  = $(LIB_SRC:%.c=$(BA)/%.o)
TEST_OBJ   = $(TEST_SRC:%.c=$(B)/%.o) $(B)/tests/run_tests.o
TEST_OBJ_A = $(TEST_SRC:%.c=$(BA)/%.o) $(BA)/tests/run_tests.o

.PHONY: all deps demo check test test-asan e2e bench valgrind clean

all: tenantsim

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) check; then \
	  echo "tenantsim: installing Debian packages: $(DEB_PKGS)"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS); \
	fi

$(B)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@$(if $(V),true,echo "  CC      $<")
	$(Q)$(CC) $(WARN) $(DEFS) $(OPT) $(INCS) $(PKG_CFLAGS) $(CHECK_CFLAGS) -c $< -o $@

$(BA)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@$(if $(V),true,echo "  CC-SAN  $<")
	$(Q)$(CC) $(WARN) $(DEFS) -O1 -g $(SAN) $(INCS) $(PKG_CFLAGS) $(CHECK_CFLAGS) -c $< -o $@

tenantsim: $(LIB_OBJ) $(B)/sim/main.o
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) -lm

$(BA)/tenantsim: $(LIB_OBJ_A) $(BA)/sim/main.o
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) -lm

$(B)/run_tests: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

$(BA)/run_tests: $(LIB_OBJ_A) $(TEST_OBJ_A)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

# Unit and end-to-end suites share one runner; TENANTSIM tells the
# end-to-end suite which binary to drive.
test: tenantsim $(B)/run_tests
	TENANTSIM=./tenantsim $(B)/run_tests
	./tenantsim test scenarios/*.json

test-asan: $(BA)/tenantsim $(BA)/run_tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  TENANTSIM=$(BA)/tenantsim $(BA)/run_tests

check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-asan

demo: deps
	@$(MAKE) --no-print-directory tenantsim
	./tenantsim run scenarios/ma-onboarding.json --json runs/ma-onboarding.json --html runs/ma-onboarding.html

$(B)/bench: $(LIB_OBJ) $(B)/tests/bench.o
	$(CC) -o $@ $^ $(PKG_LIBS) -lm

bench: deps
	@$(MAKE) --no-print-directory $(B)/bench
	$(B)/bench $(BENCH_USERS)

valgrind: $(B)/run_tests
	CK_FORK=no valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	  $(B)/run_tests

clean:
	rm -rf build tenantsim
