# One non-recursive Makefile. Objects under $(BUILD)/; `make help` lists targets.
# Sources are found by folder: every .c under adjudicator/<module>/ and
# routing/ goes into the library, adjudicator/cli/ into the command,
# tests/unit/test_<module>.c into one CUnit program per module.

BUILD     ?= build
VERSION   := 0.1.0
ifeq ($(origin CC),default)
CC := gcc
endif
PKGS      := libconfig libpq openssl libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      := -Wall -Wextra -Werror -Wpedantic -Wformat=2 -Wshadow \
             -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wconversion
OPT       ?= -O2 -g
CFLAGS    ?=
CFLAGS    += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -fPIC $(EXTRA_CFLAGS)
CPPFLAGS  += -Iadjudicator -I. $(PKG_CFLAGS) -MMD -MP
LDFLAGS   += $(EXTRA_LDFLAGS)
LDLIBS    += $(PKG_LIBS) -lm -lpthread

LIB_SRC   := $(sort $(filter-out adjudicator/cli/%,$(wildcard adjudicator/*/*.c)) $(wildcard routing/*.c))
CLI_SRC   := $(sort $(wildcard adjudicator/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
EXAMPLE_SRC := $(sort $(wildcard tests/example/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EXAMPLE_BIN := $(EXAMPLE_SRC:tests/example/%.c=$(BUILD)/tests/example_%)
LIB_A     := $(BUILD)/libadjudicator.a
LIB_SO    := $(BUILD)/libadjudicator.so
BIN       := $(BUILD)/adjudicator

.PHONY: all deps test unit integration security demo bench asan valgrind fuzz install \
        clean format help test-ha test-ha-run
.DEFAULT_GOAL := all
.SECONDARY:

all: $(BIN) $(LIB_A) $(LIB_SO) $(UNIT_BIN) $(EXAMPLE_BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# `adjudicator --version`
$(BUILD)/obj/adjudicator/cli/main.o: CPPFLAGS += -DADJ_VERSION='"$(VERSION)"'

$(LIB_A): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LIB_SO): $(LIB_OBJ)
	$(CC) -shared $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN): $(CLI_OBJ) $(LIB_A)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB_A) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS) -lcunit

$(BUILD)/tests/example_%: $(BUILD)/obj/tests/example/%.o $(LIB_SO)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -L$(BUILD) -Wl,-rpath,'$$ORIGIN/..' -ladjudicator

deps:
	@deploy/install-deps

## test: install what is missing, build, run unit and integration tests
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit integration security
	@if command -v pg_autoctl >/dev/null 2>&1; then $(MAKE) --no-print-directory test-ha-run; \
	 else echo "SKIPPED: ha tests (pg_auto_failover not installed: make test-ha installs it)"; fi

## test-ha: install pg_auto_failover, then the failover tests on a local trio
test-ha: $(BIN)
	@deploy/install-deps ha
	@$(MAKE) --no-print-directory test-ha-run

test-ha-run: $(BIN)
	@BUILD=$(BUILD) tests/ha/run

## unit: the CUnit programs (no database)
unit: $(UNIT_BIN)
	@tests/run-unit $(BUILD) $(UNIT_RUNNER)

## integration: tests against a private PostgreSQL this target starts
integration: $(BIN) $(EXAMPLE_BIN)
	@BUILD=$(BUILD) tests/integration/run

## security: the attack suite (tests/security), same private PostgreSQL
security: $(BIN)
	@BUILD=$(BUILD) tests/security/run

## demo: build, start the private PostgreSQL, run the main job
demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) deploy/demo

## asan: ASan+UBSan build (build/asan) running unit and integration tests
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" all unit integration security

## valgrind: unit tests and `check` over the fixtures under valgrind
valgrind: deps
	@$(MAKE) --no-print-directory all
	@UNIT_RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  $(MAKE) --no-print-directory unit
	@BUILD=$(BUILD) tests/valgrind-cli

## bench: optimised build, then the benchmark table and build/bench.json
BENCH_OPT := -O3 -g -DNDEBUG
bench: deps
	@$(MAKE) --no-print-directory BUILD=build/bench OPT="$(BENCH_OPT)" all
	@BUILD=build/bench BENCH_OPT="$(BENCH_OPT)" tests/bench/run

# Bench programs (tests/bench/*.c) are built on demand by tests/bench/run,
# only once the library has what they measure.
$(BUILD)/bench/%: $(BUILD)/obj/tests/bench/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS)

## fuzz: libFuzzer run of the X12 reader (FUZZ_SECONDS, default 60)
fuzz: deps
	@tests/fuzz/run

install: all
	install -d $(DESTDIR)/usr/local/bin $(DESTDIR)/usr/local/lib $(DESTDIR)/usr/local/include
	install -m 755 $(BIN) $(DESTDIR)/usr/local/bin/
	install -m 644 $(LIB_A) $(LIB_SO) $(DESTDIR)/usr/local/lib/
	install -m 644 adjudicator/adjudicator.h $(DESTDIR)/usr/local/include/

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) $(wildcard adjudicator/*/*.h routing/*.h)

clean:
	rm -rf build

help:
	@echo "make            build build/adjudicator, libadjudicator.a and .so"
	@echo "make test       install deps, build, unit + integration tests (what CI runs)"
	@echo "make test-ha    pg_auto_failover trio: failovers under load (make test runs it when installed)"
	@echo "make demo       private PostgreSQL, schema, sample claims, decisions"
	@echo "make security   the attack suite (tests/security; part of make test)"
	@echo "make asan       unit + integration tests under ASan+UBSan"
	@echo "make valgrind   unit tests and check over fixtures under valgrind"
	@echo "make bench      benchmarks (build/bench.json)"
	@echo "make fuzz       fuzz the X12 reader, CSV and ruleset loaders (FUZZ_SECONDS=60 each)"
	@echo "make install    install the command, libraries and header"
	@echo "make clean      remove build/"

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
